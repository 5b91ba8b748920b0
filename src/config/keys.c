/*
 * keys: everything a config file may say, as tables.  config_sections
 * lists the sections sitrep knows (an exact name, or a prefix such as
 * "feed:") with the key table of each; a key table lists the keys of that
 * section with their type, where the value goes, the default and a line of
 * help.
 *
 * The tables are apart from the code that walks them so that adding a key
 * is one row here and nothing else (tests/it_docs.sh reads the rows to
 * check that the man page and config.example.ini name every key).  Adding
 * a section kind is one row in config_sections, its key table, and, for a
 * [prefix:KEY] kind, an add function in sections.c.
 */
#include "config_int.h"

#ifndef SITREP_VERSION
#define SITREP_VERSION "0"
#endif

#define GEN(f) offsetof(struct config_general, f)
#define FEED(f) offsetof(struct config_feed, f)
#define UI(f) offsetof(struct config_ui, f)
#define TOPIC(f) offsetof(struct config_topic, f)
#define VIEW(f) offsetof(struct config_view, f)

#define USER_AGENT_DEFAULT \
	"sitrep/" SITREP_VERSION " (+https://github.com/sitrep; terminal feed reader)"

static const struct ckey general_keys[] = {
	{ "cache", CK_PATH, GEN(cache_path), 0, 0, NULL, 0,
	  "the cache database; unset: $XDG_DATA_HOME/sitrep/cache.db", NULL },
	{ "refresh_minutes", CK_MINUTES, GEN(refresh_minutes), 1, 10080, "30", 0,
	  "how often a feed is fetched", NULL },
	{ "keep_days", CK_DAYS, GEN(keep_days), 0, 36500, "90", 0,
	  "how long articles are kept; 0 keeps everything", NULL },
	{ "max_parallel", CK_INT, GEN(max_parallel), 1, 256, "16", 0,
	  "transfers in flight at once", NULL },
	{ "max_per_host", CK_INT, GEN(max_per_host), 1, 64, "4", 0,
	  "connections to one host at once", NULL },
	{ "connect_timeout", CK_SECONDS, GEN(connect_timeout), 1, 300, "15", 0,
	  "giving up on connecting", NULL },
	{ "timeout", CK_SECONDS, GEN(timeout), 1, 3600, "60", 0,
	  "giving up on a whole transfer", NULL },
	{ "max_feed_size", CK_SIZE, GEN(max_feed_bytes), 64 * KIB, GIB, "16M", 0,
	  "the largest document accepted", NULL },
	{ "user_agent", CK_STRING, GEN(user_agent), 0, 0, USER_AGENT_DEFAULT, 0,
	  "the User-Agent header", NULL },
	{ "proxy", CK_STRING, GEN(proxy), 0, 0, NULL, 0,
	  "a libcurl proxy; unset: the environment's", NULL },
	{ "browser", CK_STRING, GEN(browser), 0, 0, NULL, 0,
	  "the program that opens links; unset: $BROWSER, else xdg-open", NULL },
};

static const struct ckey feed_keys[] = {
	{ "url", CK_URL, FEED(url), 0, 0, NULL, 1,
	  "where the feed is", NULL },
	{ "title", CK_STRING, FEED(title), 0, 0, NULL, 0,
	  "a name instead of the feed's own", NULL },
	{ "tags", CK_LIST, FEED(tags), 0, 0, NULL, 0,
	  "labels, comma-separated", NULL },
	{ "enabled", CK_BOOL, FEED(enabled), 0, 0, "yes", 0,
	  "no: keep the feed but do not fetch it", NULL },
	{ "refresh_minutes", CK_MINUTES, FEED(refresh_minutes), 0, 10080, "0", 0,
	  "this feed's interval; 0: [general] refresh_minutes", NULL },
	{ "user_agent", CK_STRING, FEED(user_agent), 0, 0, NULL, 0,
	  "this feed's User-Agent", NULL },
	{ "username", CK_STRING, FEED(username), 0, 0, NULL, 0,
	  "HTTP basic authentication", NULL },
	{ "password_command", CK_STRING, FEED(password_command), 0, 0, NULL, 0,
	  "a command (no shell) whose first line of output is the password", NULL },
	{ "proxy", CK_STRING, FEED(proxy), 0, 0, NULL, 0,
	  "this feed's proxy", NULL },
	{ "site_url", CK_URL, FEED(site_url), 0, 0, NULL, 0,
	  "the feed's web site, kept for OPML export", NULL },
};

static const struct ckey ui_keys[] = {
	{ "theme", CK_STRING, UI(theme), 0, 0, "default", 0,
	  "a theme: default, light, solarized-dark, high-contrast, mono, or a "
	  "file", NULL },
	{ "start_view", CK_STRING, UI(start_view), 0, 0, "all", 0,
	  "the view shown first: all, unread, starred or a [view:KEY]", NULL },
	{ "layout", CK_CHOICE, UI(layout), 0, 0, "auto", 0,
	  "the panes' arrangement", "auto|columns|stacked|single" },
	{ "sidebar_width", CK_INT, UI(sidebar_width), 12, 80, "28", 0,
	  "the sidebar's width in columns", NULL },
	{ "auto_refresh", CK_BOOL, UI(auto_refresh), 0, 0, "yes", 0,
	  "refresh when feeds fall due while the interface is open", NULL },
	{ "mark_read_on_open", CK_BOOL, UI(mark_read_on_open), 0, 0, "yes", 0,
	  "opening an article marks it read", NULL },
	{ "confirm_mark_all", CK_BOOL, UI(confirm_mark_all), 0, 0, "yes", 0,
	  "A asks before marking the whole view read", NULL },
	{ "osc8_links", CK_BOOL, UI(osc8_links), 0, 0, "no", 0,
	  "OSC 8 hyperlinks in the reader (terminals that support them)", NULL },
	{ "mouse", CK_BOOL, UI(mouse), 0, 0, "yes", 0,
	  "clicks select, double clicks open, the wheel scrolls (Shift-drag "
	  "still selects text in most terminals)", NULL },
};

static const struct ckey topic_keys[] = {
	{ "label", CK_STRING, TOPIC(label), 0, 0, NULL, 0,
	  "the name shown; unset: the key", NULL },
	{ "short", CK_STRING, TOPIC(short_name), 0, 0, NULL, 0,
	  "the badge in the headline list (up to 8 characters)", NULL },
	{ "categories", CK_STRING, TOPIC(categories), 0, 0, NULL, 0,
	  "feed categories, exact or glob (* and ?), separated by ';'", NULL },
	{ "keywords", CK_STRING, TOPIC(keywords), 0, 0, NULL, 0,
	  "words and \"phrases\" in the title or summary, separated by ','",
	  NULL },
	{ "regex", CK_STRING, TOPIC(regex), 0, 0, NULL, 0,
	  "POSIX extended regexes over the title and summary", NULL },
	{ "feeds", CK_STRING, TOPIC(feeds), 0, 0, NULL, 0,
	  "feed keys whose every article is in the topic", NULL },
	{ "exclude", CK_STRING, TOPIC(exclude), 0, 0, NULL, 0,
	  "words or categories that keep an article out", NULL },
};

static const struct ckey view_keys[] = {
	{ "label", CK_STRING, VIEW(label), 0, 0, NULL, 0,
	  "the name in the sidebar; unset: the key", NULL },
	{ "query", CK_STRING, VIEW(query), 0, 0, NULL, 1,
	  "a query in the filter language, e.g. unread country:JP", NULL },
};

/* A section's keys are tracked in a uint64_t while they are read. */
_Static_assert(NELEM(general_keys) <= 64, "general_keys too long");
_Static_assert(NELEM(feed_keys) <= 64, "feed_keys too long");
_Static_assert(NELEM(ui_keys) <= 64, "ui_keys too long");
_Static_assert(NELEM(topic_keys) <= 64, "topic_keys too long");
_Static_assert(NELEM(view_keys) <= 64, "view_keys too long");

const struct ckey_table ckeys_general = { general_keys, NELEM(general_keys) };
const struct ckey_table ckeys_ui = { ui_keys, NELEM(ui_keys) };
const struct ckey_table ckeys_feed = { feed_keys, NELEM(feed_keys) };
const struct ckey_table ckeys_topic = { topic_keys, NELEM(topic_keys) };
const struct ckey_table ckeys_view = { view_keys, NELEM(view_keys) };

const struct section_kind config_sections[] = {
	{ .name = "general", .example = "general", .keys = &ckeys_general,
	  .object = offsetof(struct config, general) },
	{ .name = "ui", .example = "ui", .keys = &ckeys_ui,
	  .object = offsetof(struct config, ui) },
	{ .name = "keys", .example = "keys",
	  .any_key = sections_add_binding },
	{ .name = "feed:", .example = "feed:NAME", .keys = &ckeys_feed,
	  .add = sections_add_feed, .what = "feed",
	  .key_offset = offsetof(struct config_feed, key) },
	{ .name = "topic:", .example = "topic:NAME", .keys = &ckeys_topic,
	  .add = sections_add_topic, .what = "topic",
	  .key_offset = offsetof(struct config_topic, key) },
	{ .name = "view:", .example = "view:NAME", .keys = &ckeys_view,
	  .add = sections_add_view, .what = "view",
	  .key_offset = offsetof(struct config_view, key) },
};

const size_t config_nsections = NELEM(config_sections);
