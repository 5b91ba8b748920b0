/*
 * config: the INI file to a struct config.
 *
 * Two kinds of static table drive everything.  section_kinds lists the
 * sections sitrep knows (an exact name, or a prefix such as "feed:") with
 * the key table for each; a key table lists the keys of that section with
 * their type, where the value goes, the default and a line of help.  Adding
 * a key is one row in a key table; adding a section kind ([topic:KEY],
 * [view:KEY], [keys], [ui], ...) is one row in section_kinds plus its key
 * table and a begin function that says which object the keys fill.
 *
 * iniparser 4.1 quirks this file works around:
 *  - Values are read only through ini_value(), one wrapper around
 *    iniparser_getstring() with a non-NULL default (SECURITY.md I1).  Even
 *    so getstring returns NULL for a name that is a section, e.g. the key
 *    "cache" of [general] when the file also has a section [general:cache];
 *    getboolean/getint dereference that NULL (CVE-2023-33461), so they are
 *    never called and ini_value's callers treat NULL as "not a key".
 *  - iniparser_getnsec()/getsecname() count only names without ':', so they
 *    never see [feed:bbc].  Sections are therefore found by walking the
 *    dictionary (its struct is public in dictionary.h): a section is an
 *    entry whose value is NULL, and entries keep file order.
 *  - Keys before any section are stored as ":key".
 *  - A syntax error makes iniparser_load() return NULL after it has
 *    reported every bad line through the error callback, which by default
 *    prints to stderr; config_load() collects those lines instead.
 *  - Section and key names are lowercased; an unquoted value ends at ';' or
 *    '#', so such values must be "double-quoted".
 */
#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <iniparser.h>

#include "suggest.h"
#include "xalloc.h"

#ifndef SITREP_VERSION
#define SITREP_VERSION "0"
#endif
#ifndef SITREP_DATADIR
#define SITREP_DATADIR "/usr/local/share/sitrep"
#endif
#ifndef SITREP_SRCDIR
#define SITREP_SRCDIR "."
#endif

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define KIB ((int64_t)1 << 10)
#define MIB ((int64_t)1 << 20)
#define GIB ((int64_t)1 << 30)

/* The longest value quoted back in a message; the rest becomes "...". */
#define SHOW_MAX 80

enum ckey_type {
	CK_STRING,	/* char *; text without control characters */
	CK_PATH,	/* char *; absolute once ~/ or $HOME/ is expanded */
	CK_URL,		/* char *; http://, https:// or file:/// */
	CK_BOOL,	/* int; yes/no, true/false, on/off, 1/0 */
	CK_INT,		/* int in [min, max] */
	CK_MINUTES,	/* int in [min, max], a number of minutes */
	CK_SECONDS,	/* int in [min, max], a number of seconds */
	CK_DAYS,	/* int in [min, max], a number of days */
	CK_SIZE,	/* int64_t bytes in [min, max]; suffix K, M or G */
	CK_LIST,	/* struct strv; comma-separated words without spaces */
	CK_CHOICE,	/* char *; one of the words in choices */
	CK_COUNT
};

struct ckey {
	const char *name;
	enum ckey_type type;
	size_t offset;		/* of the field in the section's object */
	int64_t min, max;	/* the number types */
	const char *def;	/* parsed like a value from the file; NULL: none */
	int required;		/* missing or empty is an error */
	const char *help;
	const char *choices;	/* CK_CHOICE: the words, separated by '|' */
};

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

/* One config_load() in progress. */
struct load {
	const char *path;	/* names the file in messages */
	dictionary *ini;
	struct config *cfg;
	size_t feeds_cap, topics_cap, views_cap, bindings_cap;
	struct strv errors;
};

struct section_kind {
	const char *name;	/* a section name, or a prefix ending in ':' */
	const char *example;	/* shown in messages, e.g. "feed:NAME" */
	const struct ckey *keys;
	size_t nkeys;
	/*
	 * Returns borrowed: the object the key offsets apply to, valid while
	 * this section's keys are read.  arg is the part after a prefix ("" for
	 * an exact name).  Reports a bad arg itself and still returns an object,
	 * so that the keys are checked too.
	 */
	void *(*begin)(struct load *ld, const char *section, const char *arg);
	/*
	 * For a section of free-form keys ([keys]): called with each key and
	 * value instead of a key table.
	 */
	void (*any_key)(struct load *ld, const char *key, const char *val);
};

static void *general_begin(struct load *, const char *, const char *);
static void *ui_begin(struct load *, const char *, const char *);
static void *feed_begin(struct load *, const char *, const char *);
static void *topic_begin(struct load *, const char *, const char *);
static void *view_begin(struct load *, const char *, const char *);
static void *keys_begin(struct load *, const char *, const char *);
static void keys_any(struct load *, const char *, const char *);

static const struct section_kind section_kinds[] = {
	{ "general", "general", general_keys, NELEM(general_keys),
	  general_begin, NULL },
	{ "ui", "ui", ui_keys, NELEM(ui_keys), ui_begin, NULL },
	{ "keys", "keys", NULL, 0, keys_begin, keys_any },
	{ "feed:", "feed:NAME", feed_keys, NELEM(feed_keys), feed_begin, NULL },
	{ "topic:", "topic:NAME", topic_keys, NELEM(topic_keys), topic_begin,
	  NULL },
	{ "view:", "view:NAME", view_keys, NELEM(view_keys), view_begin, NULL },
};

/* A section's keys are tracked in a uint64_t while they are read. */
_Static_assert(NELEM(general_keys) <= 64, "general_keys too long");
_Static_assert(NELEM(feed_keys) <= 64, "feed_keys too long");
_Static_assert(NELEM(ui_keys) <= 64, "ui_keys too long");
_Static_assert(NELEM(topic_keys) <= 64, "topic_keys too long");

/* --- messages --- */

static void load_error(struct load *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void load_warn(struct load *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
push_vf(struct strv *sv, const char *path, const char *fmt, va_list ap)
{
	struct str s = STR_INIT;

	str_appendf(&s, "%s: ", path);
	str_vappendf(&s, fmt, ap);
	strv_push(sv, str_steal(&s));
}

static void
load_error(struct load *ld, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	push_vf(&ld->errors, ld->path, fmt, ap);
	va_end(ap);
}

static void
load_warn(struct load *ld, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	push_vf(&ld->cfg->warnings, ld->path, fmt, ap);
	va_end(ap);
}

/*
 * Returns owned: v fit for a one-line message.  Control bytes become \xNN
 * (a message may reach a terminal) and a long value is cut.
 */
static char *
show(const char *v)
{
	static const char hex[] = "0123456789abcdef";
	struct str s = STR_INIT;
	size_t i;

	for (i = 0; v[i] != '\0'; i++) {
		unsigned char c = (unsigned char)v[i];

		if (i == SHOW_MAX) {
			str_appendz(&s, "...");
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			str_appendz(&s, "\\x");
			str_appendc(&s, hex[c >> 4]);
			str_appendc(&s, hex[c & 15]);
		} else {
			str_appendc(&s, (char)c);
		}
	}
	return str_steal(&s);
}

/* --- iniparser's own complaints --- */

/*
 * iniparser's error callback takes no context pointer, so the messages of
 * the iniparser_load() in progress go to this list.  config_load() is
 * therefore not reentrant; the callback is process-wide in iniparser too.
 */
static struct strv *ini_sink;
static const char *ini_sink_path;

/* The formats iniparser 4.1 uses; anything else is passed on as text. */
#define INI_FMT_SYNTAX "iniparser: syntax error in %s (%d):\n-> %s\n"
#define INI_FMT_LONG "iniparser: input line too long in %s (%d)\n"
#define INI_FMT_OPEN "iniparser: cannot open %s\n"

static int ini_complain(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
ini_complain(const char *fmt, ...)
{
	struct str s = STR_INIT;
	va_list ap;
	char *line, *p;
	int lineno;

	if (ini_sink == NULL)
		return 0;
	va_start(ap, fmt);
	if (strcmp(fmt, INI_FMT_SYNTAX) == 0) {
		(void)va_arg(ap, const char *);
		lineno = va_arg(ap, int);
		line = show(va_arg(ap, const char *));
		str_appendf(&s, "%s:%d: syntax error: '%s' is neither [section] "
		    "nor key = value", ini_sink_path, lineno, line);
		free(line);
	} else if (strcmp(fmt, INI_FMT_LONG) == 0) {
		(void)va_arg(ap, const char *);
		lineno = va_arg(ap, int);
		str_appendf(&s, "%s:%d: line too long (iniparser reads at most "
		    "1023 bytes a line)", ini_sink_path, lineno);
	} else if (strcmp(fmt, INI_FMT_OPEN) == 0) {
		str_appendf(&s, "%s: cannot open", ini_sink_path);
	} else {
		struct str raw = STR_INIT;

		str_vappendf(&raw, fmt, ap);
		/* One line per message: fold iniparser's "\n-> ". */
		for (p = raw.p; p != NULL && *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
		while (raw.len > 0 && raw.p[raw.len - 1] == ' ')
			str_truncate(&raw, raw.len - 1);
		line = show(str_cstr(&raw));
		str_appendf(&s, "%s: %s", ini_sink_path, line);
		free(line);
		str_free(&raw);
	}
	va_end(ap);
	strv_push(ini_sink, str_steal(&s));
	return 0;
}

/*
 * The one place values are read (SECURITY.md I1).  Returns borrowed, or
 * NULL when key is absent or is really a section (see the top of the file).
 */
static const char *
ini_value(const dictionary *ini, const char *key)
{
	static const char absent[] = "";
	const char *v = iniparser_getstring(ini, key, absent);

	return v == absent ? NULL : v;
}

/* 1 when name is a section of ini (an entry without a value). */
static int
ini_is_section(const dictionary *ini, const char *name)
{
	ssize_t i;

	for (i = 0; i < ini->size; i++)
		if (ini->key[i] != NULL && ini->val[i] == NULL &&
		    strcmp(ini->key[i], name) == 0)
			return 1;
	return 0;
}

/* --- values --- */

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			return 1;
	return 0;
}

/* Returns borrowed: the home directory, or NULL when there is none. */
static const char *
home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && home[0] != '\0')
		return home;
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] != '\0')
		return pw->pw_dir;
	return NULL;
}

/*
 * Returns owned: p with a leading ~ or $HOME (alone or before '/')
 * replaced by the home directory, or NULL when it has none.
 */
static char *
path_expand(const char *p)
{
	static const char *const prefixes[] = { "~", "$HOME", "${HOME}" };
	const char *home;
	size_t i, n;

	for (i = 0; i < NELEM(prefixes); i++) {
		n = strlen(prefixes[i]);
		if (strncmp(p, prefixes[i], n) != 0 ||
		    (p[n] != '\0' && p[n] != '/'))
			continue;
		if ((home = home_dir()) == NULL)
			return NULL;
		return xasprintf("%s%s", home, p + n);
	}
	return xstrdup(p);
}

static int
url_ok(const char *u)
{
	static const char *const schemes[] = { "http://", "https://" };
	size_t i, n;

	if (has_control(u) || strpbrk(u, " \t") != NULL)
		return 0;
	for (i = 0; i < NELEM(schemes); i++) {
		n = strlen(schemes[i]);
		/* A host must follow. */
		if (strncasecmp(u, schemes[i], n) == 0)
			return u[n] != '\0' && u[n] != '/';
	}
	/* A local feed: file:// and an absolute path. */
	return strncasecmp(u, "file://", 7) == 0 && u[7] == '/' && u[8] != '\0';
}

static int
bool_parse(const char *s, int *out)
{
	static const struct {
		const char *word;
		int value;
	} words[] = {
		{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 },
		{ "on", 1 }, { "off", 0 }, { "1", 1 }, { "0", 0 },
	};
	size_t i;

	for (i = 0; i < NELEM(words); i++) {
		if (strcasecmp(s, words[i].word) == 0) {
			*out = words[i].value;
			return 0;
		}
	}
	return -1;
}

/* A whole decimal number, optionally signed; -1 when not one or too big. */
static int
int_parse(const char *s, int64_t *out)
{
	int64_t v = 0;
	int neg = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!is_digit(*s))
		return -1;
	for (; is_digit(*s); s++) {
		if (v > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (*s != '\0')
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/* "65536", "64K", "16M", "1G" (any case; "16MB" and "16MiB" too). */
static int
size_parse(const char *s, int64_t *out)
{
	static const struct {
		char suffix;
		int64_t mult;
	} units[] = { { 'k', KIB }, { 'm', MIB }, { 'g', GIB } };
	int64_t v = 0, mult = 1;
	size_t i;

	if (!is_digit(*s))
		return -1;
	for (; is_digit(*s); s++) {
		if (v > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	for (i = 0; i < NELEM(units); i++) {
		if ((*s | 0x20) == units[i].suffix) {
			mult = units[i].mult;
			s++;
			if (strcasecmp(s, "ib") == 0)
				s += 2;
			break;
		}
	}
	if (strcasecmp(s, "b") == 0)
		s++;
	if (*s != '\0' || v > INT64_MAX / mult)
		return -1;
	*out = v * mult;
	return 0;
}

/* Writes v as "16M", "64K", "1G" when it is a whole multiple, else bytes. */
static void
size_show(char *buf, size_t n, int64_t v)
{
	static const struct {
		char suffix;
		int64_t mult;
	} units[] = { { 'G', GIB }, { 'M', MIB }, { 'K', KIB } };
	size_t i;

	for (i = 0; i < NELEM(units); i++) {
		if (v >= units[i].mult && v % units[i].mult == 0) {
			snprintf(buf, n, "%" PRId64 "%c", v / units[i].mult,
			    units[i].suffix);
			return;
		}
	}
	snprintf(buf, n, "%" PRId64, v);
}

/* Returns owned: what k accepts, for messages ("expected ..."). */
static char *
ckey_expected(const struct ckey *k)
{
	static const char *const units[CK_COUNT] = {
		[CK_MINUTES] = " of minutes", [CK_SECONDS] = " of seconds",
		[CK_DAYS] = " of days",
	};
	char lo[32], hi[32];

	switch (k->type) {
	case CK_STRING:
		return xstrdup("expected text without control characters");
	case CK_PATH:
		return xstrdup("expected an absolute path (~/ and $HOME/ are "
		    "expanded at the start)");
	case CK_URL:
		return xstrdup("expected an http://, https:// or file:/// URL");
	case CK_BOOL:
		return xstrdup("expected yes or no");
	case CK_INT:
	case CK_MINUTES:
	case CK_SECONDS:
	case CK_DAYS:
		return xasprintf("expected a whole number%s from %" PRId64
		    " to %" PRId64, units[k->type] ? units[k->type] : "",
		    k->min, k->max);
	case CK_SIZE:
		size_show(lo, sizeof lo, k->min);
		size_show(hi, sizeof hi, k->max);
		return xasprintf("expected a size from %s to %s: bytes, or a "
		    "whole number with K, M or G", lo, hi);
	case CK_LIST:
		return xstrdup("expected a comma-separated list of words "
		    "without spaces");
	case CK_CHOICE: {
		struct str msg = STR_INIT;
		const char *p = k->choices, *bar;

		str_appendz(&msg, "expected one of ");
		while ((bar = strchr(p, '|')) != NULL) {
			str_append(&msg, p, (size_t)(bar - p));
			str_appendz(&msg, strchr(bar + 1, '|') ? ", " : " or ");
			p = bar + 1;
		}
		str_appendz(&msg, p);
		return str_steal(&msg);
	}
	case CK_COUNT:
		break;
	}
	abort();
}

/* 1 when text is one of the '|'-separated words of choices (any case). */
static int
choice_ok(const char *choices, const char *text)
{
	size_t n = strlen(text);

	for (const char *p = choices; ; ) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);

		if (len == n && strncasecmp(p, text, n) == 0)
			return 1;
		if (bar == NULL)
			return 0;
		p = bar + 1;
	}
}

/* Splits a comma-separated list; returns owned: why an item is refused. */
static char *
list_parse(const char *s, struct strv *out)
{
	const char *p = s, *end, *b, *e;
	char *item;

	for (;;) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		for (b = p; b < end && (*b == ' ' || *b == '\t'); b++)
			;
		for (e = end; e > b && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		if (e > b) {
			item = xstrndup(b, (size_t)(e - b));
			if (has_control(item) || strpbrk(item, " \t") != NULL) {
				char *shown = show(item);
				char *why = xasprintf("'%s' contains a space; "
				    "expected a comma-separated list of words "
				    "without spaces", shown);

				free(shown);
				free(item);
				return why;
			}
			if (strv_contains(out, item, 1))
				free(item);
			else
				strv_push(out, item);
		}
		if (*end == '\0')
			return NULL;
		p = end + 1;
	}
}

/*
 * Stores text (non-empty) as k's value in obj, replacing what was there.
 * Returns NULL, or owned: why text was refused ("expected ...").
 */
static char *
ckey_set(const struct ckey *k, void *obj, const char *text)
{
	char *field = (char *)obj + k->offset;
	char *s = NULL, *why;
	struct strv list = STRV_INIT;
	int64_t v;
	int b;

	switch (k->type) {
	case CK_STRING:
		if (has_control(text))
			return ckey_expected(k);
		s = xstrdup(text);
		break;
	case CK_PATH:
		if (has_control(text))
			return ckey_expected(k);
		if ((s = path_expand(text)) == NULL)
			return xstrdup("HOME is not set, so ~ and $HOME cannot "
			    "be expanded");
		if (s[0] != '/') {
			free(s);
			return ckey_expected(k);
		}
		break;
	case CK_URL:
		if (!url_ok(text))
			return ckey_expected(k);
		s = xstrdup(text);
		break;
	case CK_CHOICE:
		if (!choice_ok(k->choices, text))
			return ckey_expected(k);
		s = xstrdup(text);
		for (char *c = s; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		break;
	case CK_BOOL:
		if (bool_parse(text, &b) == -1)
			return ckey_expected(k);
		*(int *)(void *)field = b;
		return NULL;
	case CK_INT:
	case CK_MINUTES:
	case CK_SECONDS:
	case CK_DAYS:
		if (int_parse(text, &v) == -1 || v < k->min || v > k->max)
			return ckey_expected(k);
		*(int *)(void *)field = (int)v;
		return NULL;
	case CK_SIZE:
		if (size_parse(text, &v) == -1 || v < k->min || v > k->max)
			return ckey_expected(k);
		*(int64_t *)(void *)field = v;
		return NULL;
	case CK_LIST:
		if ((why = list_parse(text, &list)) != NULL) {
			strv_free(&list);
			return why;
		}
		strv_free((struct strv *)(void *)field);
		*(struct strv *)(void *)field = list;
		return NULL;
	case CK_COUNT:
		abort();
	}
	free(*(char **)(void *)field);
	*(char **)(void *)field = s;
	return NULL;
}

static void
ckeys_set_defaults(const struct ckey *keys, size_t n, void *obj)
{
	char *why;
	size_t i;

	for (i = 0; i < n; i++) {
		if (keys[i].def == NULL)
			continue;
		if ((why = ckey_set(&keys[i], obj, keys[i].def)) != NULL) {
			/* A bad row in a table above: a bug, not user input. */
			fprintf(stderr, "sitrep: default of %s: %s\n",
			    keys[i].name, why);
			abort();
		}
	}
}

static void
ckeys_free(const struct ckey *keys, size_t n, void *obj)
{
	char *field;
	size_t i;

	for (i = 0; i < n; i++) {
		field = (char *)obj + keys[i].offset;
		switch (keys[i].type) {
		case CK_STRING:
		case CK_PATH:
		case CK_URL:
		case CK_CHOICE:
			xfree_ptr((char **)(void *)field);
			break;
		case CK_LIST:
			strv_free((struct strv *)(void *)field);
			break;
		default:
			break;
		}
	}
}

/* --- did you mean --- */

/* Returns borrowed: the key of keys[0..n) that word most likely meant. */
static const char *
ckey_suggest(const struct ckey *keys, size_t n, const char *word)
{
	const char *names[64];
	size_t i;

	for (i = 0; i < n && i < NELEM(names); i++)
		names[i] = keys[i].name;
	return i > 0 ? suggest_closest(word, names, i) : NULL;
}

static const struct ckey *
ckey_find(const struct ckey *keys, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* --- sections --- */

static int
kind_is_prefix(const struct section_kind *kind)
{
	size_t n = strlen(kind->name);

	return n > 0 && kind->name[n - 1] == ':';
}

/* Returns borrowed: the kind of section name, with *arg after its prefix. */
static const struct section_kind *
kind_find(const char *name, const char **arg)
{
	const struct section_kind *kind;
	size_t i, n;

	for (i = 0; i < NELEM(section_kinds); i++) {
		kind = &section_kinds[i];
		n = strlen(kind->name);
		if (kind_is_prefix(kind) ? strncmp(name, kind->name, n) == 0 :
		    strcmp(name, kind->name) == 0) {
			*arg = name + n;
			return kind;
		}
	}
	return NULL;
}

/* Returns owned: the section name meant by an unknown one, or NULL. */
static char *
section_suggest(const char *name)
{
	const char *names[NELEM(section_kinds)], *arg, *colon, *hit;
	struct str compact = STR_INIT;
	char *head, *out = NULL;
	size_t i, n = 0;

	/* "[feed : bbc]" is "[feed:bbc]" with spaces. */
	for (i = 0; name[i] != '\0'; i++)
		if (name[i] != ' ' && name[i] != '\t')
			str_appendc(&compact, name[i]);
	if (compact.len > 0 && strcmp(compact.p, name) != 0 &&
	    kind_find(compact.p, &arg) != NULL)
		return str_steal(&compact);
	str_free(&compact);

	colon = strchr(name, ':');
	for (i = 0; i < NELEM(section_kinds); i++)
		if (kind_is_prefix(&section_kinds[i]) == (colon != NULL))
			names[n++] = section_kinds[i].name;
	if (colon != NULL) {
		/* "[fed:bbc]": compare "fed:" with the prefixes. */
		head = xstrndup(name, (size_t)(colon - name) + 1);
		if (n > 0 && (hit = suggest_closest(head, names, n)) != NULL)
			out = xasprintf("%s%s", hit, colon + 1);
		free(head);
		return out;
	}
	if (n > 0 && (hit = suggest_closest(name, names, n)) != NULL)
		return xstrdup(hit);
	/* "[feed]": the prefix without its name. */
	for (i = 0; i < NELEM(section_kinds); i++) {
		n = strlen(section_kinds[i].name);
		if (kind_is_prefix(&section_kinds[i]) &&
		    strlen(name) + 1 == n &&
		    strncmp(name, section_kinds[i].name, n - 1) == 0)
			return xstrdup(section_kinds[i].example);
	}
	return NULL;
}

/*
 * iniparser stores key k of [s] as "s:k", so a section [general:cache] is
 * also the key cache of [general] and replaces its value.  Appends a note
 * saying so when name is such a section.
 */
static void
collision_note(struct load *ld, struct str *msg, const char *name)
{
	const char *colon = strrchr(name, ':');
	char *parent, *p, *k;

	if (colon == NULL)
		return;
	parent = xstrndup(name, (size_t)(colon - name));
	if (ini_is_section(ld->ini, parent)) {
		p = show(parent);
		k = show(colon + 1);
		str_appendf(msg, " (iniparser cannot tell it from the key '%s' "
		    "of [%s])", k, p);
		free(p);
		free(k);
	}
	free(parent);
}

static void
section_unknown(struct load *ld, const char *name)
{
	struct str msg = STR_INIT;
	char *shown = show(name), *meant;

	str_appendf(&msg, "unknown section [%s]", shown);
	if ((meant = section_suggest(name)) != NULL) {
		char *m = show(meant);

		str_appendf(&msg, " — did you mean [%s]?", m);
		free(m);
		free(meant);
	}
	collision_note(ld, &msg, name);
	load_warn(ld, "%s", str_cstr(&msg));
	str_free(&msg);
	free(shown);
}

/* Warns about key of [section]: a typo, or a key of another section. */
static void
key_unknown(struct load *ld, const struct section_kind *kind,
    const char *section, const char *key)
{
	const char *meant = ckey_suggest(kind->keys, kind->nkeys, key);
	char *s = show(section), *k = show(key);
	size_t i;

	if (meant != NULL) {
		load_warn(ld, "[%s] unknown key '%s' — did you mean '%s'?",
		    s, k, meant);
		goto out;
	}
	for (i = 0; i < NELEM(section_kinds); i++) {
		if (&section_kinds[i] != kind &&
		    ckey_find(section_kinds[i].keys, section_kinds[i].nkeys,
		    key) != NULL) {
			load_warn(ld, "[%s] unknown key '%s' — it belongs in [%s]",
			    s, k, section_kinds[i].example);
			goto out;
		}
	}
	load_warn(ld, "[%s] unknown key '%s'", s, k);
out:
	free(s);
	free(k);
}

/*
 * Reads the keys of section into obj by kind's table.  check_required is 0
 * when the section's name was already refused: "has no url" would be noise.
 */
static void
section_read_keys(struct load *ld, const struct section_kind *kind,
    const char *section, void *obj, int check_required)
{
	const char **keys = NULL, *val;
	const struct ckey *k;
	size_t skip = strlen(section) + 1, idx;
	uint64_t seen = 0;
	char *s = show(section), *why, *v;
	int i, n;

	n = iniparser_getsecnkeys(ld->ini, section);
	if (n > 0) {
		keys = xcalloc((size_t)n, sizeof *keys);
		if (iniparser_getseckeys(ld->ini, section, keys) == NULL)
			n = 0;
	}
	for (i = 0; i < n; i++) {
		/* NULL: a section named like this key, reported on its own. */
		if ((val = ini_value(ld->ini, keys[i])) == NULL)
			continue;
		if (kind->any_key != NULL) {
			kind->any_key(ld, keys[i] + skip, val);
			continue;
		}
		k = ckey_find(kind->keys, kind->nkeys, keys[i] + skip);
		if (k == NULL) {
			key_unknown(ld, kind, section, keys[i] + skip);
			continue;
		}
		idx = (size_t)(k - kind->keys);
		seen |= (uint64_t)1 << idx;
		if (*val == '\0') {
			/* "key =" keeps the default, unless there is none. */
			if (k->required) {
				why = ckey_expected(k);
				load_error(ld, "[%s] %s is empty: %s", s,
				    k->name, why);
				free(why);
			}
			continue;
		}
		if ((why = ckey_set(k, obj, val)) != NULL) {
			v = show(val);
			load_error(ld, "[%s] %s = '%s': %s", s, k->name, v, why);
			free(v);
			free(why);
		}
	}
	for (idx = 0; check_required && idx < kind->nkeys; idx++) {
		if (kind->keys[idx].required && !(seen & ((uint64_t)1 << idx))) {
			why = ckey_expected(&kind->keys[idx]);
			load_error(ld, "[%s] has no %s, which every [%s] needs: %s",
			    s, kind->keys[idx].name, kind->example, why);
			free(why);
		}
	}
	free(keys);
	free(s);
}

static void
section_read(struct load *ld, const char *name)
{
	const struct section_kind *kind;
	const char *arg;
	size_t nerrors = ld->errors.n;
	void *obj;

	if ((kind = kind_find(name, &arg)) == NULL) {
		section_unknown(ld, name);
		return;
	}
	obj = kind->begin(ld, name, arg);
	section_read_keys(ld, kind, name, obj, ld->errors.n == nerrors);
}

static void *
general_begin(struct load *ld, const char *section, const char *arg)
{
	(void)section;
	(void)arg;
	return &ld->cfg->general;
}

static void *
ui_begin(struct load *ld, const char *section, const char *arg)
{
	(void)section;
	(void)arg;
	return &ld->cfg->ui;
}

static void *
keys_begin(struct load *ld, const char *section, const char *arg)
{
	(void)section;
	(void)arg;
	return ld->cfg;
}

/* [keys] action = keys: checked later by the interface, which knows them. */
static void
keys_any(struct load *ld, const char *key, const char *val)
{
	struct config *cfg = ld->cfg;
	struct config_binding *b;

	if (has_control(val)) {
		char *v = show(val);

		load_error(ld, "[keys] %s = '%s': expected key names such as j, "
		    "Down, C-d, F5", key, v);
		free(v);
		return;
	}
	cfg->bindings = xgrow(cfg->bindings, cfg->nbindings, &ld->bindings_cap,
	    sizeof *cfg->bindings);
	b = &cfg->bindings[cfg->nbindings++];
	b->action = xstrdup(key);
	b->keys = xstrdup(val);
}

/* [a-z0-9][a-z0-9._-]{0,63}: safe in a file name, a URL and a command line. */
static int
feed_key_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i]))
			continue;
		if (i == 0 || strchr("._-", s[i]) == NULL)
			return 0;
	}
	return i >= 1 && i <= 64;
}

static void *
feed_begin(struct load *ld, const char *section, const char *arg)
{
	struct config *cfg = ld->cfg;
	struct config_feed *f;
	struct str msg = STR_INIT;
	char *s, *a;

	if (!feed_key_ok(arg)) {
		s = show(section);
		a = show(arg);
		str_appendf(&msg, "[%s] bad feed name '%s': expected 1 to 64 of "
		    "a-z, 0-9, '.', '_' and '-', starting with a letter or "
		    "digit", s, a);
		collision_note(ld, &msg, section);
		load_error(ld, "%s", str_cstr(&msg));
		str_free(&msg);
		free(s);
		free(a);
	}
	cfg->feeds = xgrow(cfg->feeds, cfg->nfeeds, &ld->feeds_cap,
	    sizeof *cfg->feeds);
	f = &cfg->feeds[cfg->nfeeds++];
	memset(f, 0, sizeof *f);
	f->key = xstrdup(arg);
	ckeys_set_defaults(feed_keys, NELEM(feed_keys), f);
	return f;
}

/* Checks the KEY of [topic:KEY] and [view:KEY] like a feed's. */
static void
check_named_key(struct load *ld, const char *section, const char *arg,
    const char *what)
{
	struct str msg = STR_INIT;
	char *s, *a;

	if (feed_key_ok(arg))
		return;
	s = show(section);
	a = show(arg);
	str_appendf(&msg, "[%s] bad %s name '%s': expected 1 to 64 of a-z, "
	    "0-9, '.', '_' and '-', starting with a letter or digit", s, what,
	    a);
	collision_note(ld, &msg, section);
	load_error(ld, "%s", str_cstr(&msg));
	str_free(&msg);
	free(s);
	free(a);
}

static void *
topic_begin(struct load *ld, const char *section, const char *arg)
{
	struct config *cfg = ld->cfg;
	struct config_topic *t;

	check_named_key(ld, section, arg, "topic");
	cfg->topics = xgrow(cfg->topics, cfg->ntopics, &ld->topics_cap,
	    sizeof *cfg->topics);
	t = &cfg->topics[cfg->ntopics++];
	memset(t, 0, sizeof *t);
	t->key = xstrdup(arg);
	ckeys_set_defaults(topic_keys, NELEM(topic_keys), t);
	return t;
}

static void *
view_begin(struct load *ld, const char *section, const char *arg)
{
	struct config *cfg = ld->cfg;
	struct config_view *v;

	check_named_key(ld, section, arg, "view");
	cfg->views = xgrow(cfg->views, cfg->nviews, &ld->views_cap,
	    sizeof *cfg->views);
	v = &cfg->views[cfg->nviews++];
	memset(v, 0, sizeof *v);
	v->key = xstrdup(arg);
	ckeys_set_defaults(view_keys, NELEM(view_keys), v);
	return v;
}

/* Walks the dictionary: sections in file order, and keys outside any. */
static void
load_sections(struct load *ld)
{
	const dictionary *ini = ld->ini;
	char *k;
	ssize_t i;

	for (i = 0; i < ini->size; i++) {
		if (ini->key[i] == NULL)
			continue;
		if (ini->val[i] == NULL) {
			section_read(ld, ini->key[i]);
		} else if (ini->key[i][0] == ':') {
			k = show(ini->key[i] + 1);
			load_warn(ld, "key '%s' is outside any section", k);
			free(k);
		}
	}
}

/*
 * iniparser ends an unquoted value at the first ';' or '#' without a word:
 * `user_agent = Mozilla/5.0 (X11; Linux)` quietly becomes "Mozilla/5.0
 * (X11".  Find such lines in the raw file and say so, with the line.
 */
static void
warn_cut_values(struct load *ld)
{
	FILE *f = fopen(ld->path, "r");
	char line[1024], section[256] = "";
	int lineno = 0;

	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		char *p = line, *eq, *v, *c;

		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == ';' || *p == '#' || *p == '\0' || *p == '\n')
			continue;
		if (*p == '[') {
			size_t n = strcspn(p + 1, "]\n");

			snprintf(section, sizeof section, "%.*s", (int)n, p + 1);
			continue;
		}
		if ((eq = strchr(p, '=')) == NULL)
			continue;
		for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
			;
		if (*v == '"' || *v == '\'' || *v == ';' || *v == '#')
			continue;
		/* "value ; comment" is a comment; "X11;" and "a#b" are cut. */
		for (c = strpbrk(v, ";#"); c != NULL && c > v &&
		    (c[-1] == ' ' || c[-1] == '\t'); c = strpbrk(c + 1, ";#"))
			;
		if (c != NULL && c > v) {
			char *key = xstrndup(p, (size_t)(eq - p));
			size_t kn = strlen(key);

			while (kn > 0 && (key[kn - 1] == ' ' || key[kn - 1] == '\t'))
				key[--kn] = '\0';
			load_warn(ld, "line %d: [%s] %s: the value is cut at the "
			    "first ';' or '#' (the rest reads as a comment); put "
			    "the whole value in double quotes", lineno, section,
			    key);
			free(key);
		}
	}
	fclose(f);
}

/*
 * Refuses what iniparser would read wrongly or quietly: a missing file
 * (it says only "cannot open"), a directory (it reads as empty) and a UTF-8
 * byte order mark (it makes the first line a syntax error).
 */
static int
file_check(const char *path, struct strv *errors)
{
	unsigned char head[3];
	struct stat st;
	FILE *f;
	size_t n;

	if (stat(path, &st) == -1) {
		strv_push(errors, xasprintf("%s: cannot read config: %s", path,
		    strerror(errno)));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		strv_push(errors, xasprintf("%s: is a directory, not a config "
		    "file", path));
		return -1;
	}
	if ((f = fopen(path, "r")) == NULL) {
		strv_push(errors, xasprintf("%s: cannot read config: %s", path,
		    strerror(errno)));
		return -1;
	}
	/* Only a regular file: reading a pipe would lose the bytes. */
	n = S_ISREG(st.st_mode) ? fread(head, 1, sizeof head, f) : 0;
	fclose(f);
	if (n == 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf) {
		strv_push(errors, xasprintf("%s: starts with a UTF-8 byte order "
		    "mark, which iniparser cannot read; save it without one",
		    path));
		return -1;
	}
	return 0;
}

struct config *
config_defaults(void)
{
	struct config *cfg = xcalloc(1, sizeof *cfg);

	ckeys_set_defaults(general_keys, NELEM(general_keys), &cfg->general);
	ckeys_set_defaults(ui_keys, NELEM(ui_keys), &cfg->ui);
	return cfg;
}

struct config *
config_load(const char *path, char **cause)
{
	struct load ld = { .path = path };
	struct config *cfg = NULL;
	struct str msg = STR_INIT;
	size_t i;

	if (file_check(path, &ld.errors) == -1)
		goto out;
	ini_sink = &ld.errors;
	ini_sink_path = path;
	iniparser_set_error_callback(ini_complain);
	ld.ini = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	ini_sink = NULL;
	ini_sink_path = NULL;
	if (ld.ini == NULL) {
		if (ld.errors.n == 0)
			strv_push(&ld.errors, xasprintf("%s: cannot read config",
			    path));
		goto out;
	}
	cfg = ld.cfg = config_defaults();
	cfg->path = xstrdup(path);
	load_sections(&ld);
	warn_cut_values(&ld);
out:
	if (ld.ini != NULL)
		iniparser_freedict(ld.ini);
	if (ld.errors.n > 0) {
		if (cause != NULL) {
			/* Warnings last: a misspelt url explains "has no url". */
			for (i = 0; i < ld.errors.n; i++)
				str_appendf(&msg, "%s%s", i ? "\n" : "",
				    ld.errors.v[i]);
			for (i = 0; cfg != NULL && i < cfg->warnings.n; i++)
				str_appendf(&msg, "\n%s", cfg->warnings.v[i]);
			*cause = str_steal(&msg);
		}
		config_free(cfg);
		cfg = NULL;
	}
	strv_free(&ld.errors);
	return cfg;
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nfeeds; i++) {
		free(cfg->feeds[i].key);
		ckeys_free(feed_keys, NELEM(feed_keys), &cfg->feeds[i]);
	}
	free(cfg->feeds);
	for (i = 0; i < cfg->ntopics; i++) {
		free(cfg->topics[i].key);
		ckeys_free(topic_keys, NELEM(topic_keys), &cfg->topics[i]);
	}
	free(cfg->topics);
	for (i = 0; i < cfg->nviews; i++) {
		free(cfg->views[i].key);
		ckeys_free(view_keys, NELEM(view_keys), &cfg->views[i]);
	}
	free(cfg->views);
	for (i = 0; i < cfg->nbindings; i++) {
		free(cfg->bindings[i].action);
		free(cfg->bindings[i].keys);
	}
	free(cfg->bindings);
	ckeys_free(ui_keys, NELEM(ui_keys), &cfg->ui);
	ckeys_free(general_keys, NELEM(general_keys), &cfg->general);
	strv_free(&cfg->warnings);
	free(cfg->path);
	free(cfg);
}

const struct config_feed *
config_feed_find(const struct config *cfg, const char *key)
{
	size_t i;

	if (cfg == NULL || key == NULL)
		return NULL;
	for (i = 0; i < cfg->nfeeds; i++)
		if (strcasecmp(cfg->feeds[i].key, key) == 0)
			return &cfg->feeds[i];
	return NULL;
}

const struct config_topic *
config_topic_find(const struct config *cfg, const char *key)
{
	if (cfg == NULL || key == NULL)
		return NULL;
	for (size_t i = 0; i < cfg->ntopics; i++)
		if (strcasecmp(cfg->topics[i].key, key) == 0)
			return &cfg->topics[i];
	return NULL;
}

const struct config_view *
config_view_find(const struct config *cfg, const char *key)
{
	if (cfg == NULL || key == NULL)
		return NULL;
	for (size_t i = 0; i < cfg->nviews; i++)
		if (strcasecmp(cfg->views[i].key, key) == 0)
			return &cfg->views[i];
	return NULL;
}

/* --- where things live --- */

/*
 * Returns owned: $var/sitrep/leaf when var is an absolute path (the XDG
 * spec says to ignore a relative one), else ~/home_rel/sitrep/leaf, or NULL
 * without a home directory.
 */
static char *
xdg_file(const char *var, const char *home_rel, const char *leaf)
{
	const char *base = getenv(var), *home;
	size_t n;

	if (base != NULL && base[0] == '/') {
		/* "/x/" and "/x" alike; "/" stays. */
		for (n = strlen(base); n > 1 && base[n - 1] == '/'; n--)
			;
		return xasprintf("%.*s/sitrep/%s", (int)n, n == 1 ? "" : base,
		    leaf);
	}
	if ((home = home_dir()) == NULL)
		return NULL;
	return xasprintf("%s/%s/sitrep/%s", home, home_rel, leaf);
}

char *
config_user_path(void)
{
	return xdg_file("XDG_CONFIG_HOME", ".config", "config.ini");
}

char *
config_cache_path(const struct config *cfg)
{
	if (cfg != NULL && cfg->general.cache_path != NULL)
		return xstrdup(cfg->general.cache_path);
	return xdg_file("XDG_DATA_HOME", ".local/share", "cache.db");
}

char *
config_example_path(void)
{
	static const char *const candidates[] = {
		SITREP_DATADIR "/config.example.ini",	/* installed */
		SITREP_SRCDIR "/config.example.ini",	/* built, not installed */
	};
	struct stat st;
	size_t i;

	for (i = 0; i < NELEM(candidates); i++)
		if (stat(candidates[i], &st) == 0 && S_ISREG(st.st_mode))
			return xstrdup(candidates[i]);
	return NULL;
}

struct config *
config_load_default(const char *explicit_path, char **cause)
{
	struct config *cfg = NULL;
	char *user = NULL, *example = NULL;
	struct stat st;

	if (explicit_path != NULL)
		return config_load(explicit_path, cause);

	/* A user file that exists but cannot be read is an error, not absent. */
	user = config_user_path();
	if (user != NULL && (stat(user, &st) == 0 ||
	    (errno != ENOENT && errno != ENOTDIR))) {
		cfg = config_load(user, cause);
		goto out;
	}

	/* The example's feeds, with built-in [general] settings. */
	if ((example = config_example_path()) != NULL) {
		if ((cfg = config_load(example, cause)) != NULL) {
			ckeys_free(general_keys, NELEM(general_keys),
			    &cfg->general);
			memset(&cfg->general, 0, sizeof cfg->general);
			ckeys_set_defaults(general_keys, NELEM(general_keys),
			    &cfg->general);
		}
		goto out;
	}

	cfg = config_defaults();
	strv_push(&cfg->warnings, xasprintf("no config file, so there are no "
	    "feeds: put one at %s (config.example.ini in the sitrep sources "
	    "shows how)", user != NULL ? user :
	    "$XDG_CONFIG_HOME/sitrep/config.ini"));
out:
	free(user);
	free(example);
	return cfg;
}
