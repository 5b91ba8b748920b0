/*
 * test_query: the filter language (valid and invalid queries, positions
 * and suggestions, injection attempts, the SQL it produces) and the reads
 * against a real cache written through store_feed_apply with classified
 * articles (each term's results, paging across equal times, counts,
 * facets with histograms, positions, mark read, the plans).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "config.h"
#include "date.h"
#include "feed.h"
#include "ingest.h"
#include "query.h"
#include "store.h"
#include "str.h"
#include "xalloc.h"
#include "../src/query_impl.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define HOUR ((int64_t)3600)
#define DAY ((int64_t)86400)

static int64_t now;                /* 2026-07-10 12:00:00 UTC */
static struct config *cfg;
static struct query_env env;

static char *
tmp_path(const char *name)
{
	const char *dir = getenv("SITREP_TEST_TMP");

	return xasprintf("%s/query-%ld-%s.db", dir != NULL ? dir : "/tmp",
	    (long)getpid(), name);
}

static void
unlink_db(const char *path)
{
	const char *sfx[] = { "", "-wal", "-shm" };

	for (size_t i = 0; i < NELEM(sfx); i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);

		unlink(p);
		free(p);
	}
}

static int
setup(void **state)
{
	char *cause = NULL;

	(void)state;
	now = date_from_civil(2026, 7, 10, 12, 0, 0);
	cfg = config_load("tests/fixtures/query/config.ini", &cause);
	if (cfg == NULL) {
		print_error("config: %s\n", cause);
		return -1;
	}
	if (cfg->warnings.n > 0) {
		print_error("config warning: %s\n", cfg->warnings.v[0]);
		return -1;
	}
	env.now = now;
	env.cfg = cfg;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	config_free(cfg);
	return 0;
}

/* The FTS expression or value bound at index i (text binds only). */
static const char *
bind_text(const struct query *q, size_t i)
{
	if (i >= q->filter.nbinds || !q->filter.binds[i].is_text)
		return NULL;
	return q->filter.binds[i].text;
}

static struct query *
parse_ok(const char *text)
{
	struct query_error err;
	struct query *q = query_parse(text, &env, &err);

	if (q == NULL)
		fail_msg("'%s' should parse: %s", text, err.message);
	return q;
}

/* ---- valid queries and the SQL they produce ---- */

static void
test_parse_valid(void **state)
{
	static const struct {
		const char *text;
		const char *sql;     /* exact filter SQL */
		const char *bind0;   /* first text bind, or NULL */
	} cases[] = {
		{ "", "i.dismissed = 0", NULL },
		{ "   \n\t ", "i.dismissed = 0", NULL },
		{ "unread", "i.dismissed = 0 AND i.read = 0", NULL },
		{ "UNREAD", "i.dismissed = 0 AND i.read = 0", NULL },
		{ "read starred", "i.dismissed = 0 AND (i.read = 1 AND"
		    " i.starred = 1)", NULL },
		{ "dismissed", "i.dismissed = 1", NULL },
		{ "-dismissed", "NOT (i.dismissed = 1)", NULL },
		{ "--unread", "i.dismissed = 0 AND i.read = 0", NULL },
		{ "tag:brief", "i.dismissed = 0 AND EXISTS (SELECT 1 FROM"
		    " item_tags x JOIN tags t ON t.id = x.tag_id WHERE"
		    " x.item_id = i.id AND t.name = ?)", "brief" },
		{ "Tag:\"q3/brief\"", NULL, "q3/brief" },
		/* a glob: '*' any run, LIKE's own '_' literal */
		{ "tag:briefed-*", "i.dismissed = 0 AND EXISTS (SELECT 1 FROM"
		    " item_tags x JOIN tags t ON t.id = x.tag_id WHERE"
		    " x.item_id = i.id AND t.name LIKE ? ESCAPE '\\')",
		    "briefed-%" },
		{ "tag:q3_*", NULL, "q3\\_%" },
		{ "topic:ransomware", "i.dismissed = 0 AND EXISTS (SELECT 1"
		    " FROM item_topics x WHERE x.item_id = i.id AND x.topic"
		    " = ?)", "ransomware" },
		/* topics by key, label or badge, any case */
		{ "topic:RANSOM", NULL, "ransomware" },
		{ "topic:\"Fraud and cybercrime\"", NULL, "cybercrime" },
		{ "country:JP", "i.dismissed = 0 AND EXISTS (SELECT 1 FROM"
		    " item_countries x WHERE x.item_id = i.id AND x.country"
		    " = ?)", "JP" },
		{ "country:jp", NULL, "JP" },
		{ "country:japan", NULL, "JP" },
		{ "country:Japanese", NULL, "JP" },
		{ "country:\"united states\"", NULL, "US" },
		{ "region:east-asia", "i.dismissed = 0 AND EXISTS (SELECT 1"
		    " FROM item_regions x WHERE x.item_id = i.id AND x.region"
		    " = ?)", "east-asia" },
		{ "region:\"Middle East\"", NULL, "middle-east" },
		{ "feed:WORLD", "i.dismissed = 0 AND i.feed_id ="
		    " coalesce((SELECT id FROM feeds WHERE key = ?), 0)",
		    "world" },
		{ "author:bagwe", "i.dismissed = 0 AND coalesce(i.author, '')"
		    " LIKE ? ESCAPE '\\'", "%bagwe%" },
		{ "author:100%_\\", NULL, "%100\\%\\_\\\\%" },
		{ "since:24h", "i.dismissed = 0 AND i.sort_time >= ?", NULL },
		{ "before:2026-07-01", "i.dismissed = 0 AND i.sort_time < ?",
		    NULL },
		{ "ransomware", NULL, "\"ransomware\"" },
		{ "ransom*", NULL, "\"ransom\" *" },
		{ "ransom**", NULL, "\"ransom\" *" },
		{ "\"supply chain\"", NULL, "\"supply chain\"" },
		{ "\"supply chain\"*", NULL, "\"supply chain\" *" },
		{ "ransomware japan", NULL,
		    "((\"ransomware\" AND \"japan\"))" },
		{ "ransomware AND japan", NULL,
		    "((\"ransomware\" AND \"japan\"))" },
		{ "ransomware OR wiper", NULL,
		    "(\"ransomware\" OR \"wiper\")" },
		{ "ransomware -lockbit", NULL,
		    "((\"ransomware\") NOT \"lockbit\")" },
		{ "(a OR b) c -d", NULL,
		    "(((\"a\" OR \"b\") AND \"c\") NOT \"d\")" },
		/* "read" as a word needs quotes */
		{ "\"read\"", NULL, "\"read\"" },
		/*
		 * words without letters or digits match nothing alone (issue
		 * 11: they used to match everything), drop out beside other
		 * terms; their negation says nothing
		 */
		{ "\xe2\x80\x94", "i.dismissed = 0 AND 0", NULL },
		{ "'", "i.dismissed = 0 AND 0", NULL },
		{ "%", "i.dismissed = 0 AND 0", NULL },
		{ "\xf0\x9f\x94\xa5", "i.dismissed = 0 AND 0", NULL },
		{ "japan \"'\"", NULL, "\"japan\"" },
		{ "' OR %", "i.dismissed = 0 AND 0", NULL },
		{ "japan OR %", NULL, "\"japan\"" },
		{ "-\xe2\x80\x94 unread", "i.dismissed = 0 AND i.read = 0",
		    NULL },
		{ "-(-%) unread", "i.dismissed = 0 AND i.read = 0", NULL },
		{ "\"\"", "i.dismissed = 0 AND 0", NULL },
		/* FTS5 syntax in the user's words is only text */
		{ "NEAR(a b)", NULL, "((\"NEAR\" AND \"a\" AND \"b\"))" },
		{ "^foo \"col:x\"", NULL, "((\"^foo\" AND \"col:x\"))" },
		{ "title : x", NULL, "((\"title\" AND \"x\"))" },
		{ "x'; DROP TABLE items; SELECT", NULL,
		    "((\"x';\" AND \"DROP\" AND \"TABLE\" AND \"items;\" AND"
		    " \"SELECT\"))" },
		{ "a*b", NULL, "\"a*b\"" },
		{ "10:30", NULL, "\"10:30\"" },
		{ "\xe6\x97\xa5\xe6\x9c\xac", NULL,
		    "\"\xe6\x97\xa5\xe6\x9c\xac\"" },
		{ "unread (country:JP OR country:KR) -topic:ransomware", NULL,
		    "JP" },
		{ "since:today", NULL, NULL },
		{ "since:yesterday before:today", NULL, NULL },
		{ "since:30m", NULL, NULL },
		{ "since:2w", NULL, NULL },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct query *q = parse_ok(cases[i].text);
		char *sql = query_sql(q);

		if (cases[i].sql != NULL && strcmp(sql, cases[i].sql) != 0)
			fail_msg("'%s':\n got  %s\n want %s", cases[i].text, sql,
			    cases[i].sql);
		if (cases[i].bind0 != NULL) {
			const char *b = bind_text(q, 0);

			if (b == NULL || strcmp(b, cases[i].bind0) != 0)
				fail_msg("'%s': bind '%s', want '%s'",
				    cases[i].text, b ? b : "(none)",
				    cases[i].bind0);
		}
		/* nothing typed ever reaches the SQL text */
		for (const char *w = cases[i].text; *w; w++)
			if (*w == '\'' && strstr(sql, "x';") != NULL)
				fail_msg("'%s' leaked into SQL", cases[i].text);
		assert_null(strstr(sql, "DROP"));
		assert_null(strstr(sql, "bagwe"));
		assert_string_equal(query_text(q), cases[i].text);
		free(sql);
		query_free(q);
	}
}

/* What the interface asks of a text: fields named, words to highlight. */
static void
test_text_helpers(void **state)
{
	static const struct {
		const char *text;
		int names_field;
		const char *words;
	} cases[] = {
		{ "sanctions", 0, "sanctions" },
		{ "country:JP", 1, "" },
		{ "-TAG:x japan", 1, "japan" },
		{ "(topic:ransomware OR b)", 1, "b" },
		{ "\"country:JP\" 10:30", 0, "country:JP|10:30" },
		{ "ransom* \"supply chain\" -lockbit", 0,
		    "ransom*|supply chain" },
		{ "' %", 0, "" },
		{ "", 0, "" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct query *q = parse_ok(cases[i].text);
		struct strv w = STRV_INIT;
		char *got;

		if (query_text_names_field(cases[i].text) !=
		    cases[i].names_field)
			fail_msg("'%s': names_field %d", cases[i].text,
			    !cases[i].names_field);
		query_words(q, &w);
		got = strv_join(&w, "|");
		if (strcmp(got, cases[i].words) != 0)
			fail_msg("'%s': words '%s', want '%s'", cases[i].text,
			    got, cases[i].words);
		free(got);
		strv_free(&w);
		query_free(q);
	}
	assert_true(query_word_has_token("a", 1));
	assert_true(query_word_has_token("\xe6\x97\xa5", 3));
	assert_false(query_word_has_token("'", 1));
	assert_false(query_word_has_token("\xf0\x9f\x94\xa5", 4));
}

static void
test_parse_times(void **state)
{
	static const struct {
		const char *text;
		int64_t back;   /* now - value */
	} cases[] = {
		{ "since:30m", 30 * 60 },
		{ "since:24h", DAY },
		{ "since:7d", 7 * DAY },
		{ "since:2w", 14 * DAY },
		{ "since:today", 12 * HOUR },
		{ "since:yesterday", 36 * HOUR },
		{ "before:1d", DAY },
	};
	struct query *q;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		q = parse_ok(cases[i].text);
		assert_int_equal(q->filter.nbinds, 1);
		assert_false(q->filter.binds[0].is_text);
		assert_int_equal(now - q->filter.binds[0].num, cases[i].back);
		query_free(q);
	}
	q = parse_ok("since:2023-01-10");
	assert_int_equal(q->filter.binds[0].num,
	    date_from_civil(2023, 1, 10, 0, 0, 0));
	query_free(q);
	q = parse_ok("before:2024-02-29");
	assert_int_equal(q->filter.binds[0].num,
	    date_from_civil(2024, 2, 29, 0, 0, 0));
	query_free(q);
	/* the counting form uses the same values */
	q = parse_ok("since:2023-01-10 country:JP");
	assert_int_equal(q->drive.nbinds, 2);
	assert_non_null(strstr(q->drive.sql, "i.id IN (SELECT item_id FROM"
	    " item_countries WHERE country = ?)"));
	query_free(q);
}

/* ---- invalid queries: position and message ---- */

static void
test_parse_invalid(void **state)
{
	static const struct {
		const char *text;
		size_t line, col;
		const char *message;   /* exact, or a prefix ending in '*' */
	} cases[] = {
		{ "contry:JP", 1, 1, "query: unknown field 'contry' at 1:1 "
		    "\xe2\x80\x94 did you mean 'country'?" },
		{ "unread  Topc:x", 1, 9, "query: unknown field 'Topc' at 1:9 "
		    "\xe2\x80\x94 did you mean 'topic'?" },
		{ "http://example.org", 1, 1, "query: unknown field 'http' at "
		    "1:1 (fields: *" },
		{ "unread topic:ransomwar", 1, 14, "query: unknown topic "
		    "'ransomwar' at 1:14 \xe2\x80\x94 did you mean "
		    "'ransomware'?" },
		{ "topic:astrology", 1, 7, "query: unknown topic 'astrology' "
		    "at 1:7 (sitrep topics lists them)" },
		{ "feed:wrld", 1, 6, "query: unknown feed 'wrld' at 1:6 "
		    "\xe2\x80\x94 did you mean 'world'?" },
		{ "country:japn", 1, 9, "query: unknown country 'japn' at 1:9 "
		    "\xe2\x80\x94 did you mean 'Japan'?" },
		{ "country:XX", 1, 9, "query: unknown country 'XX' at 1:9 (a "
		    "code such as JP or a name such as Japan)" },
		{ "region:eastasia", 1, 8, "query: unknown region 'eastasia' "
		    "at 1:8 \xe2\x80\x94 did you mean 'east-asia'?" },
		{ "since:yesterdayish", 1, 7, "query: since: wants a duration "
		    "(30m, 24h, 7d, 2w), today, yesterday or a date "
		    "(2023-01-10), not 'yesterdayish' at 1:7" },
		{ "since:2023-02-30", 1, 7, "query: since: wants*" },
		{ "before:7y", 1, 8, "query: before: wants*" },
		{ "since:h", 1, 7, "query: since: wants*" },
		{ "tag:", 1, 5, "query: tag: needs a value at 1:5" },
		{ "tag:bad!", 1, 5, "query: 'bad!' is not a tag name at 1:5*" },
		{ "tag:\"q3 brief\"", 1, 5, "query: 'q3 brief' is not a tag "
		    "name at 1:5*" },
		{ "(a OR b", 1, 1, "query: missing ')' for the '(' at 1:1" },
		{ "a)", 1, 2, "query: unexpected ')' at 1:2" },
		{ "a (b))", 1, 6, "query: unexpected ')' at 1:6" },
		{ "()", 1, 1, "query: empty parentheses at 1:1" },
		{ "OR a", 1, 1, "query: 'OR' needs a term before it at 1:1" },
		{ "a OR", 1, 3, "query: 'OR' needs a term after it at 1:3" },
		{ "a OR OR b", 1, 3, "query: 'OR' needs a term after it at "
		    "1:3" },
		{ "a AND", 1, 3, "query: 'AND' needs a term after it at 1:3" },
		{ "a -", 1, 3, "query: '-' needs a term right after it at 1:3" },
		{ "-)", 1, 1, "query: '-' needs a term right after it at 1:1" },
		{ "\"abc", 1, 1, "query: unterminated quote at 1:1" },
		{ "tag:\"abc", 1, 5, "query: unterminated quote at 1:5" },
		{ "*", 1, 1, "query: '*' needs a word before it at 1:1" },
		{ "unread\n  contry:JP", 2, 3, "query: unknown field 'contry' "
		    "at 2:3*" },
		/* columns count characters, not bytes */
		{ "\xe6\x97\xa5\xe6\x9c\xac contry:JP", 1, 4,
		    "query: unknown field 'contry' at 1:4*" },
		{ "a\xff", 1, 1, "query: not valid UTF-8 at 1:1" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct query_error err;
		struct query *q = query_parse(cases[i].text, &env, &err);
		const char *want = cases[i].message;
		size_t wl = strlen(want);

		if (q != NULL)
			fail_msg("'%s' should not parse", cases[i].text);
		assert_non_null(err.message);
		if (want[wl - 1] == '*' ? strncmp(err.message, want, wl - 1) != 0
		    : strcmp(err.message, want) != 0)
			fail_msg("'%s':\n got  %s\n want %s", cases[i].text,
			    err.message, want);
		if (err.line != cases[i].line || err.col != cases[i].col)
			fail_msg("'%s': at %zu:%zu, want %zu:%zu", cases[i].text,
			    err.line, err.col, cases[i].line, cases[i].col);
		free(err.message);
	}
}

static void
test_parse_limits(void **state)
{
	struct query_error err;
	struct str s = STR_INIT;
	struct query *q;

	(void)state;
	for (int i = 0; i < 40; i++)
		str_appendc(&s, '(');
	str_appendz(&s, "a");
	for (int i = 0; i < 40; i++)
		str_appendc(&s, ')');
	assert_null(query_parse(str_cstr(&s), &env, &err));
	assert_non_null(strstr(err.message, "too deeply nested"));
	free(err.message);
	str_clear(&s);
	for (int i = 0; i < 40; i++)
		str_appendc(&s, '-');
	str_appendz(&s, "a");
	assert_null(query_parse(str_cstr(&s), &env, &err));
	assert_non_null(strstr(err.message, "too deeply nested"));
	free(err.message);
	str_clear(&s);
	for (int i = 0; i < 129; i++)
		str_appendz(&s, "w ");
	assert_null(query_parse(str_cstr(&s), &env, &err));
	assert_non_null(strstr(err.message, "too many terms"));
	free(err.message);
	str_clear(&s);
	for (int i = 0; i < 5000; i++)
		str_appendc(&s, 'x');
	assert_null(query_parse(str_cstr(&s), &env, &err));
	assert_non_null(strstr(err.message, "too long"));
	free(err.message);
	/* 31 levels are fine */
	str_clear(&s);
	for (int i = 0; i < 31; i++)
		str_appendc(&s, '(');
	str_appendz(&s, "a");
	for (int i = 0; i < 31; i++)
		str_appendc(&s, ')');
	q = parse_ok(str_cstr(&s));
	query_free(q);
	/* without a config, names are taken as they are */
	{
		struct query_env bare = { now, NULL };

		q = query_parse("topic:Anything feed:Whatever", &bare, &err);
		assert_non_null(q);
		assert_string_equal(bind_text(q, 0), "anything");
		assert_string_equal(bind_text(q, 1), "whatever");
		query_free(q);
		assert_non_null(q = query_parse(NULL, NULL, &err));
		query_free(q);
	}
	str_free(&s);
}

/* ---- a real cache ---- */

struct art {
	const char *feed, *guid, *title, *summary, *author;
	const char *cats;      /* ';'-separated */
	int64_t ago;           /* seconds before now */
};

/*
 * Sixteen articles in four feeds; "bulk" has ten with the same date so
 * that paging must go by id within one sort_time.
 */
static const struct art arts[] = {
	{ "ismg", "a1", "US and Japan Pledge Deepened Cyberspace Collaboration",
	  "<p><b>Vow Comes Amid Intensifying Concern Over Chinese "
	  "Ambitions</b></p><p>A pledge Wednesday from top U.S. and Japanese "
	  "national security officials included deepened cooperation in "
	  "cyberspace.</p>", "Mihir Bagwe",
	  "Cyberwarfare / Nation-State Attacks;Governance & Risk Management",
	  2 * HOUR },
	{ "ismg", "a2", "Seoul Blames Pyongyang Hackers for Crypto Exchange "
	  "Heist", "South Korean officials attributed the theft to a North "
	  "Korean state-sponsored group.", "Fixture Author",
	  "Cyberwarfare / Nation-State Attacks;Cryptocurrency Fraud", 5 * HOUR },
	{ "ismg", "a3", "Ransomware Gang Hits Australian Health Insurer",
	  "The LockBit affiliate demanded a $10M ransom from the insurer.",
	  "Fixture Author", "Ransomware", 26 * HOUR },
	{ "ismg", "a4", "EU Agrees on Cyber Resilience Rules for Devices",
	  "Manufacturers in Germany, France &amp; elsewhere get 36 months to "
	  "comply.", "Jane Doe", "Standards, Regulations & Compliance",
	  3 * DAY },
	{ "world", "w1", "Japan and Philippines sign reciprocal access "
	  "agreement", "Tokyo and Manila agreed to let troops train on each "
	  "other's soil.", "Ana Reyes", "", 1 * HOUR },
	{ "world", "w2", "Ukraine and Poland agree on joint border drills",
	  "Kyiv and Warsaw announced the drills on Sunday.", NULL, "",
	  8 * DAY },
	{ "advisories", "v1", "Agency warns of exploited flaw CVE-2026-12345",
	  "Apply the vendor's patch now.", "Alerts Desk", "", HOUR / 2 },
	{ "advisories", "v2", "Researchers say NEAR( bug lets \"quotes\" and "
	  "^ reach search", "A SQL injection flaw in a billing portal; "
	  "'; DROP TABLE items; -- was the proof.", "Alerts Desk", "",
	  15 * DAY },
};

#define NBULK 10
#define BULK_AGO (4 * DAY)

static struct feed_item *
doc_add(struct feed_doc *d)
{
	d->items = xreallocarray(d->items, d->nitems + 1, sizeof *d->items);
	memset(&d->items[d->nitems], 0, sizeof d->items[d->nitems]);
	return &d->items[d->nitems++];
}

static void
add_art(struct feed_doc *d, const struct art *a)
{
	struct feed_item *it = doc_add(d);
	const char *c = a->cats;

	it->guid = xstrdup(a->guid);
	it->url = xasprintf("https://example.org/%s", a->guid);
	it->title = xstrdup(a->title);
	it->summary = xstrdup(a->summary);
	it->author = a->author ? xstrdup(a->author) : NULL;
	it->published = now - a->ago;
	it->updated = DATE_UNKNOWN;
	while (c != NULL && *c != '\0') {
		const char *e = strchr(c, ';');
		size_t n = e ? (size_t)(e - c) : strlen(c);

		strv_push(&it->categories, xstrndup(c, n));
		c = e ? e + 1 : NULL;
	}
}

/* Writes every feed's document through classification and the store. */
static void
fill(struct store *st, const struct classifier *c, int64_t fetched)
{
	static const char *const feeds[] = { "ismg", "world", "advisories",
	    "bulk" };
	char *cause = NULL;

	for (size_t f = 0; f < NELEM(feeds); f++) {
		struct feed_doc *d = xcalloc(1, sizeof *d);
		struct store_fetch_outcome o = { 0 };

		d->format = FEED_FORMAT_RSS;
		for (size_t i = 0; i < NELEM(arts); i++)
			if (strcmp(arts[i].feed, feeds[f]) == 0)
				add_art(d, &arts[i]);
		if (strcmp(feeds[f], "bulk") == 0)
			for (int i = 0; i < NBULK; i++) {
				struct art a = { "bulk", NULL, NULL,
				    "Routine notice.", NULL, "", BULK_AGO };
				char guid[16], title[32];

				snprintf(guid, sizeof guid, "b%02d", i);
				snprintf(title, sizeof title, "Bulk notice %02d",
				    i);
				a.guid = guid;
				a.title = title;
				add_art(d, &a);
			}
		ingest_classify_doc(c, feeds[f], d);
		if (store_feed_sync(st, feeds[f], "https://example.org/f",
		    config_feed_find(cfg, feeds[f])->title, &cause) < 0)
			fail_msg("sync: %s", cause);
		o.fetched_at = fetched;
		o.http_status = 200;
		o.next_due = fetched + HOUR;
		if (store_feed_apply(st, feeds[f], &o, d, NULL, &cause) < 0)
			fail_msg("apply: %s", cause);
		feed_doc_free(d);
	}
}

static struct store *
open_filled(const char *name, char **path)
{
	char *cause = NULL;
	struct classifier *c;
	struct store *st;

	*path = tmp_path(name);
	unlink_db(*path);
	st = store_open(*path, &cause);
	if (st == NULL)
		fail_msg("open: %s", cause);
	c = ingest_classifier_new(cfg, &cause);
	if (c == NULL)
		fail_msg("classifier: %s", cause);
	fill(st, c, now);
	classifier_free(c);
	return st;
}

/*
 * Reading the list `want` (read in one page, which builds the set of
 * matches) a few rows at a time, in both directions, gives the same rows:
 * small pages of a full-text query probe the index row by row instead
 * (query_read.c, page_from_window).
 */
static void
same_in_small_pages(struct store *st, const struct query *q,
    const struct article_row *want, size_t n)
{
	static const size_t sizes[] = { 1, 7, 40 };
	char *cause = NULL;

	for (size_t z = 0; z < NELEM(sizes); z++) {
		struct query_key key = { 0, 0 };
		struct article_row *page;
		size_t np;

		for (size_t at = 0;; at += np) {
			if (query_page(st, q, at ? &key : NULL, QUERY_OLDER,
			    sizes[z], &page, &np, &cause) < 0)
				fail_msg("'%s': %s", q->text, cause);
			if (np > n - at)
				fail_msg("'%s': paging by %zu: %zu rows past "
				    "the end", q->text, sizes[z], np);
			for (size_t i = 0; i < np; i++)
				if (page[i].id != want[at + i].id)
					fail_msg("'%s': paging by %zu: row %zu "
					    "differs", q->text, sizes[z],
					    at + i);
			if (np > 0) {
				key.sort_time = page[np - 1].sort_time;
				key.id = page[np - 1].id;
			}
			article_rows_free(page, np);
			if (np == 0) {
				if (at != n)
					fail_msg("'%s': paging by %zu ended "
					    "at %zu of %zu", q->text, sizes[z],
					    at, n);
				break;
			}
		}
		for (size_t end = n; end > 0; end -= np) {
			if (query_page(st, q, end < n ? &key : NULL,
			    QUERY_NEWER, sizes[z], &page, &np, &cause) < 0)
				fail_msg("'%s': %s", q->text, cause);
			if (np == 0 || np > end)
				fail_msg("'%s': paging back by %zu: %zu rows "
				    "at %zu", q->text, sizes[z], np, end);
			for (size_t i = 0; i < np; i++)
				if (page[i].id != want[end - np + i].id)
					fail_msg("'%s': paging back by %zu: "
					    "row %zu differs", q->text,
					    sizes[z], end - np + i);
			key.sort_time = page[0].sort_time;
			key.id = page[0].id;
			article_rows_free(page, np);
		}
	}
}

/* Titles' guids of the whole result, newest first, space-separated. */
static char *
run(struct store *st, const char *text)
{
	struct query *q = parse_ok(text);
	struct article_row *rows;
	struct str out = STR_INIT;
	size_t n;
	char *cause = NULL;
	int64_t total = -1, unread = -1;

	if (query_page(st, q, NULL, QUERY_OLDER, 1000, &rows, &n, &cause) < 0)
		fail_msg("'%s': %s", text, cause);
	same_in_small_pages(st, q, rows, n);
	for (size_t i = 0; i < n; i++) {
		const char *slash = strrchr(rows[i].url, '/');

		if (i > 0)
			str_appendc(&out, ' ');
		str_appendz(&out, slash ? slash + 1 : rows[i].url);
	}
	/* counting agrees with listing */
	if (query_count(st, q, &total, &unread, &cause) < 0)
		fail_msg("'%s': count: %s", text, cause);
	if (total != (int64_t)n)
		fail_msg("'%s': count %lld, listed %zu", text, (long long)total,
		    n);
	article_rows_free(rows, n);
	query_free(q);
	return str_steal(&out);
}

static void
expect(struct store *st, const char *text, const char *want)
{
	char *got = run(st, text);

	if (strcmp(got, want) != 0)
		fail_msg("'%s':\n got  {%s}\n want {%s}", text, got, want);
	free(got);
}

static const char BULK_ALL[] = "b00 b01 b02 b03 b04 b05 b06 b07 b08 b09";

static void
test_terms(void **state)
{
	char *path;
	struct store *st = open_filled("terms", &path);

	(void)state;
	expect(st, "", "v1 w1 a1 a2 a3 a4 b00 b01 b02 b03 b04 b05 b06 b07 b08 "
	    "b09 w2 v2");
	expect(st, "feed:world", "w1 w2");
	expect(st, "-feed:bulk", "v1 w1 a1 a2 a3 a4 w2 v2");
	expect(st, "feed:bulk", BULK_ALL);
	/* countries through the real gazetteer */
	expect(st, "country:JP", "w1 a1");
	expect(st, "country:japan", "w1 a1");
	expect(st, "country:Japanese", "w1 a1");
	expect(st, "country:CN", "a1");
	expect(st, "country:US", "a1");
	expect(st, "country:KP OR country:KR", "a2");
	expect(st, "country:AU", "a3");
	expect(st, "country:DE country:FR", "a4");
	expect(st, "country:UA", "w2");
	/* regions: named, or through an article's countries */
	expect(st, "region:east-asia", "w1 a1 a2");
	/* a grouping only when named: Poland (w2) is in the EU, not about it */
	expect(st, "region:european-union", "a4");
	expect(st, "region:eastern-europe", "w2");
	/* topics from categories and keywords */
	expect(st, "topic:nation-state", "a1 a2");
	expect(st, "topic:ransomware", "a3");
	expect(st, "topic:cybercrime", "a2");
	expect(st, "topic:compliance", "a4");
	expect(st, "topic:vulnerabilities", "v1 v2");
	expect(st, "topic:military", "w1 w2");
	expect(st, "-topic:military -feed:bulk", "v1 a1 a2 a3 a4 v2");
	/* authors: substring, any case; no author is not a match */
	expect(st, "author:BAGWE", "a1");
	expect(st, "author:desk", "v1 v2");
	expect(st, "-author:a -feed:bulk", "w2");
	expect(st, "author:%", "");
	/* time */
	expect(st, "since:24h", "v1 w1 a1 a2");
	expect(st, "since:today", "v1 w1 a1 a2");
	expect(st, "since:yesterday -feed:bulk", "v1 w1 a1 a2 a3");
	expect(st, "before:7d", "w2 v2");
	expect(st, "since:2026-07-01 before:2026-07-09", "a4 " "b00 b01 b02 "
	    "b03 b04 b05 b06 b07 b08 b09 w2");
	/* full text: title, summary; words, prefixes, phrases */
	expect(st, "ransomware", "a3");
	expect(st, "ransom*", "a3");
	expect(st, "RANSOMWARE insurer", "a3");
	expect(st, "\"reciprocal access\"", "w1");
	expect(st, "\"access reciprocal\"", "");
	expect(st, "cyberspace OR drills", "a1 w2");
	expect(st, "japan -troops", "a1");
	expect(st, "(japan OR korean) unread -feed:world", "a1 a2");
	expect(st, "tokyo country:JP", "w1");
	expect(st, "tokyo OR country:KR", "w1 a2");
	/* hostile text is only text */
	expect(st, "\"NEAR(\"", "v2");
	expect(st, "NEAR(bug)", "v2");
	expect(st, "\"DROP TABLE items\"", "v2");
	expect(st, "'; DROP TABLE items;", "v2");
	expect(st, "^ \"quotes\"", "v2");
	expect(st, "\"col:x\" OR ransomware", "a3");
	/* a word that tokenises to nothing matches nothing (issue 11) */
	expect(st, "\xe2\x80\x94 japan", "w1 a1");
	expect(st, "'", "");
	expect(st, "%", "");
	expect(st, "\xf0\x9f\x94\xa5", "");
	expect(st, "% OR japan", "w1 a1");
	/* state */
	expect(st, "starred", "");
	expect(st, "read", "");
	expect(st, "unread feed:world", "w1 w2");
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- paging ---- */

static char *
keys_of(const struct article_row *rows, size_t n)
{
	struct str out = STR_INIT;

	for (size_t i = 0; i < n; i++) {
		const char *slash = strrchr(rows[i].url, '/');

		if (i > 0)
			str_appendc(&out, ' ');
		str_appendz(&out, slash + 1);
	}
	return str_steal(&out);
}

static void
test_paging(void **state)
{
	char *path, *cause = NULL, *all, *got;
	struct store *st = open_filled("paging", &path);
	struct query *q = parse_ok("");
	struct article_row *rows, *page;
	size_t n, np;
	struct str walked = STR_INIT;
	struct query_key key;
	int64_t before;

	(void)state;
	assert_int_equal(query_page(st, q, NULL, QUERY_OLDER, 100, &rows, &n,
	    &cause), 0);
	assert_int_equal(n, NELEM(arts) + NBULK);
	all = keys_of(rows, n);
	/* the bulk feed's ten articles share one sort_time */
	assert_int_equal(rows[6].sort_time, rows[15].sort_time);
	/* forward three at a time, across the equal times */
	key.sort_time = 0;
	for (size_t at = 0; at < n;) {
		assert_int_equal(query_page(st, q, at ? &key : NULL,
		    QUERY_OLDER, 3, &page, &np, &cause), 0);
		assert_true(np > 0 && np <= 3);
		for (size_t i = 0; i < np; i++) {
			assert_int_equal(page[i].id, rows[at + i].id);
			/* the position of a row is its index */
			key.sort_time = page[i].sort_time;
			key.id = page[i].id;
			assert_int_equal(query_position(st, q, &key, &before,
			    &cause), 0);
			assert_int_equal(before, (int64_t)(at + i));
		}
		at += np;
		article_rows_free(page, np);
	}
	/* past the end: nothing */
	assert_int_equal(query_page(st, q, &key, QUERY_OLDER, 3, &page, &np,
	    &cause), 0);
	assert_int_equal(np, 0);
	free(page);
	/* backward from the bottom, pages still in list order */
	for (size_t end = n; end > 0;) {
		size_t want = end >= 4 ? 4 : end;

		assert_int_equal(query_page(st, q, end < n ? &key : NULL,
		    QUERY_NEWER, 4, &page, &np, &cause), 0);
		assert_int_equal(np, want);
		for (size_t i = 0; i < np; i++)
			assert_int_equal(page[i].id, rows[end - want + i].id);
		got = keys_of(page, np);
		if (walked.len > 0)
			str_appendc(&walked, '|');
		str_appendz(&walked, got);
		free(got);
		key.sort_time = page[0].sort_time;
		key.id = page[0].id;
		end -= np;
		article_rows_free(page, np);
	}
	assert_int_equal(query_page(st, q, &key, QUERY_NEWER, 4, &page, &np,
	    &cause), 0);
	assert_int_equal(np, 0);
	free(page);
	/* from a key in the middle of the equal times, both ways */
	key.sort_time = rows[9].sort_time;
	key.id = rows[9].id;
	assert_int_equal(query_page(st, q, &key, QUERY_OLDER, 2, &page, &np,
	    &cause), 0);
	assert_int_equal(np, 2);
	assert_int_equal(page[0].id, rows[10].id);
	assert_int_equal(page[1].id, rows[11].id);
	article_rows_free(page, np);
	assert_int_equal(query_page(st, q, &key, QUERY_NEWER, 2, &page, &np,
	    &cause), 0);
	assert_int_equal(np, 2);
	assert_int_equal(page[0].id, rows[7].id);
	assert_int_equal(page[1].id, rows[8].id);
	article_rows_free(page, np);
	/* limit 0 */
	assert_int_equal(query_page(st, q, NULL, QUERY_OLDER, 0, &page, &np,
	    &cause), 0);
	assert_int_equal(np, 0);
	/* rows carry what the list shows */
	for (size_t i = 0; i < n; i++) {
		if (strcmp(strrchr(rows[i].url, '/'), "/a1") != 0)
			continue;
		assert_string_equal(rows[i].feed_key, "ismg");
		assert_string_equal(rows[i].feed_title,
		    "InfoRiskToday (fixture)");
		assert_string_equal(rows[i].author, "Mihir Bagwe");
		assert_int_equal(rows[i].published, now - 2 * HOUR);
		assert_int_equal(rows[i].countries.n, 3);
		assert_string_equal(rows[i].countries.v[0], "CN");
		assert_string_equal(rows[i].countries.v[1], "JP");
		assert_string_equal(rows[i].countries.v[2], "US");
		assert_true(strv_contains(&rows[i].topics, "nation-state", 0));
		assert_int_equal(rows[i].tags.n, 0);
	}
	free(all);
	str_free(&walked);
	article_rows_free(rows, n);
	query_free(q);
	store_close(st);
	unlink_db(path);
	free(path);
}

/*
 * A cache large enough that a small page sees only a window of it: a
 * word in most articles fills pages from the window, a word in a few
 * does not and is read through its set, a word in none ends the list;
 * every way gives the rows of one big page, and the count agrees.
 */
#define NWIDE 1500

static void
test_fts_window(void **state)
{
	static const char *const queries[] = { "common", "middling", "rare",
	    "absent", "common -middling", "rare OR middling",
	    "\"common notice\"", "-common", "common unread", "rar*",
	    "feed:bulk rare", "unread absent -common", "rare -middling" };
	char *path = tmp_path("window"), *cause = NULL;
	struct store *st;
	struct feed_doc *d = xcalloc(1, sizeof *d);
	struct store_fetch_outcome o = { 0 };

	(void)state;
	unlink_db(path);
	st = store_open(path, &cause);
	if (st == NULL)
		fail_msg("open: %s", cause);
	d->format = FEED_FORMAT_RSS;
	for (int i = 0; i < NWIDE; i++) {
		struct feed_item *it = doc_add(d);

		it->guid = xasprintf("w%04d", i);
		it->url = xasprintf("https://example.org/w%04d", i);
		it->title = xasprintf("%s%s%s notice %d", i % 9 ? "Common " : "",
		    i % 4 == 0 ? "middling " : "", i % 211 == 5 ? "rare " : "",
		    i);
		it->summary = xstrdup("Routine.");
		/* threes share a time, so pages turn inside equal times */
		it->published = now - (int64_t)(i / 3) * 60;
		it->updated = DATE_UNKNOWN;
	}
	if (store_feed_sync(st, "bulk", "https://example.org/f", "Bulk",
	    &cause) < 0)
		fail_msg("sync: %s", cause);
	o.fetched_at = now;
	o.http_status = 200;
	o.next_due = now + HOUR;
	if (store_feed_apply(st, "bulk", &o, d, NULL, &cause) < 0)
		fail_msg("apply: %s", cause);
	feed_doc_free(d);
	for (size_t k = 0; k < NELEM(queries); k++) {
		struct query *q = parse_ok(queries[k]);
		struct article_row *rows;
		size_t n;
		int64_t total, unread;

		if (query_page(st, q, NULL, QUERY_OLDER, 100000, &rows, &n,
		    &cause) < 0)
			fail_msg("'%s': %s", queries[k], cause);
		assert_int_equal(query_count(st, q, &total, &unread, &cause),
		    0);
		assert_int_equal(total, (int64_t)n);
		if (strcmp(queries[k], "rare") == 0)
			assert_int_equal(n, 8);
		if (strcmp(queries[k], "absent") == 0)
			assert_int_equal(n, 0);
		if (strcmp(queries[k], "common") == 0)
			assert_int_equal(n, NWIDE - NWIDE / 9 - 1);
		same_in_small_pages(st, q, rows, n);
		article_rows_free(rows, n);
		query_free(q);
	}
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- counts, facets, state ---- */

static const struct facet_count *
facet_find(const struct facet_count *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

static int64_t
id_of(struct store *st, const char *guid)
{
	struct article_row *rows;
	struct query *q = parse_ok("dismissed OR -dismissed");
	size_t n;
	int64_t id = 0;

	assert_int_equal(query_page(st, q, NULL, QUERY_OLDER, 1000, &rows,
	    &n, NULL), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(strrchr(rows[i].url, '/') + 1, guid) == 0)
			id = rows[i].id;
	article_rows_free(rows, n);
	query_free(q);
	assert_true(id > 0);
	return id;
}

static void
counts(struct store *st, const char *text, int64_t total, int64_t unread)
{
	struct query *q = parse_ok(text);
	int64_t t = -1, u = -1;
	char *cause = NULL;

	assert_int_equal(query_count(st, q, &t, &u, &cause), 0);
	if (t != total || u != unread)
		fail_msg("'%s': %lld/%lld, want %lld/%lld", text, (long long)t,
		    (long long)u, (long long)total, (long long)unread);
	query_free(q);
}

static int64_t
count_of(struct store *st, const char *text)
{
	struct query *q = parse_ok(text);
	int64_t total = -1, unread;
	char *cause = NULL;

	assert_int_equal(query_count(st, q, &total, &unread, &cause), 0);
	query_free(q);
	return total;
}

static void
test_counts_and_state(void **state)
{
	char *path, *cause = NULL;
	struct store *st = open_filled("state", &path);
	struct query *q;
	int64_t changed;

	(void)state;
	counts(st, "", 18, 18);
	counts(st, "country:JP", 2, 2);
	assert_int_equal(store_item_set_flag(st, id_of(st, "a1"),
	    STORE_FLAG_READ, 1, &cause), 1);
	counts(st, "country:JP", 2, 1);
	expect(st, "read", "a1");
	expect(st, "unread country:JP", "w1");
	expect(st, "-unread", "a1");
	assert_int_equal(store_item_set_flag(st, id_of(st, "w1"),
	    STORE_FLAG_STARRED, 1, &cause), 1);
	expect(st, "starred", "w1");
	/* dismissed: gone from every view unless asked for */
	assert_int_equal(store_item_set_flag(st, id_of(st, "a2"),
	    STORE_FLAG_DISMISSED, 1, &cause), 1);
	expect(st, "country:KR", "");
	expect(st, "dismissed", "a2");
	expect(st, "dismissed OR country:JP", "w1 a1 a2");
	counts(st, "", 17, 16);
	counts(st, "dismissed", 1, 1);
	/* tags */
	assert_int_equal(store_item_tag(st, id_of(st, "a3"), "brief", 1,
	    &cause), 1);
	assert_int_equal(store_item_tag(st, id_of(st, "w2"), "Brief", 1,
	    &cause), 1);
	expect(st, "tag:brief", "a3 w2");
	expect(st, "tag:BRIEF -country:AU", "w2");
	expect(st, "tag:todo", "");
	/* -tag:briefed-*: what a briefing already carried is left out */
	assert_int_equal(store_item_tag(st, id_of(st, "w2"),
	    "briefed-2026-12-07", 1, &cause), 1);
	assert_int_equal(store_item_tag(st, id_of(st, "a3"), "briefedx", 1,
	    &cause), 1);
	expect(st, "tag:briefed-*", "w2");
	expect(st, "tag:BRIEFED-*", "w2");
	expect(st, "tag:brief* -tag:briefed-*", "a3");
	expect(st, "tag:*-12-07", "w2");
	counts(st, "tag:briefed-* OR tag:brief", 2, 2);
	/* mark read: everything a view matches, in one go */
	q = parse_ok("feed:bulk");
	assert_int_equal(query_mark_read(st, q, &changed, &cause), 0);
	assert_int_equal(changed, NBULK);
	assert_int_equal(query_mark_read(st, q, &changed, &cause), 0);
	assert_int_equal(changed, 0);
	query_free(q);
	counts(st, "feed:bulk", NBULK, 0);
	counts(st, "", 17, 6);
	q = parse_ok("country:JP OR tag:brief");
	{
		/* the ids it changed, for undo, and setting them back */
		int64_t *ids = NULL;
		size_t nids = 0;

		assert_int_equal(query_mark_read_ids(st, q, &ids, &nids,
		    &cause), 0);
		assert_int_equal(nids, 3);
		expect(st, "unread", "v1 a4 v2");
		assert_int_equal(query_set_read(st, ids, nids, 0, &cause), 0);
		expect(st, "unread", "v1 w1 a3 a4 w2 v2");
		assert_int_equal(query_set_read(st, ids, nids, 1, &cause), 0);
		{
			/* bulk flags, each id its own value */
			int v[3] = { 1, 0, 1 };

			assert_int_equal(query_set_flags(st, STORE_FLAG_STARRED,
			    ids, v, nids, &cause), 0);
			/* w1 was starred before, a3 set to 0, w2 starred */
			assert_int_equal(count_of(st, "starred"), 2);
			v[0] = v[2] = 0;
			assert_int_equal(query_set_flags(st, STORE_FLAG_STARRED,
			    ids, v, nids, &cause), 0);
			assert_int_equal(count_of(st, "starred"), 0);
			assert_int_equal(query_set_flags(st, STORE_FLAG_COUNT,
			    ids, v, nids, &cause), -1);
			free(cause);
			cause = NULL;
		}
		free(ids);
		assert_int_equal(query_mark_read_ids(st, q, &ids, &nids,
		    &cause), 0);
		assert_int_equal(nids, 0);
		free(ids);
	}
	query_free(q);
	expect(st, "unread", "v1 a4 v2");
	/* a dismissed article is not marked by a view that hides it */
	expect(st, "dismissed unread", "a2");
	store_close(st);
	unlink_db(path);
	free(path);
}

static void
test_facets(void **state)
{
	char *path, *cause = NULL;
	struct store *st = open_filled("facets", &path);
	struct facet_count *v;
	const struct facet_count *f;
	size_t n;

	(void)state;
	assert_int_equal(store_item_set_flag(st, id_of(st, "w1"),
	    STORE_FLAG_READ, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, id_of(st, "a4"),
	    STORE_FLAG_DISMISSED, 1, &cause), 1);

	/* topics: every configured one, by label, with counts and days */
	assert_int_equal(query_facets(st, FACET_TOPIC, &env, &v, &n, &cause),
	    0);
	assert_int_equal(n, cfg->ntopics);
	assert_string_equal(v[0].label, "Cyberwarfare and nation-state "
	    "attacks");
	f = facet_find(v, n, "military");
	assert_non_null(f);
	assert_int_equal(f->total, 2);
	assert_int_equal(f->unread, 1);
	/* w1 an hour ago (today), w2 eight days ago */
	assert_int_equal(f->per_day[FACET_DAYS - 1], 1);
	assert_int_equal(f->per_day[FACET_DAYS - 1 - 8], 1);
	f = facet_find(v, n, "compliance");
	assert_int_equal(f->total, 0);   /* a4 is dismissed */
	f = facet_find(v, n, "vulnerabilities");
	assert_int_equal(f->total, 2);
	/* v2 is 15 days old: counted, not in the 14 days */
	{
		int64_t sum = 0;

		for (int d = 0; d < FACET_DAYS; d++)
			sum += f->per_day[d];
		assert_int_equal(sum, 1);
	}
	facet_counts_free(v, n);

	/* countries: only those with articles, by unread */
	assert_int_equal(query_facets(st, FACET_COUNTRY, &env, &v, &n,
	    &cause), 0);
	f = facet_find(v, n, "JP");
	assert_non_null(f);
	assert_string_equal(f->label, "Japan");
	assert_int_equal(f->total, 2);
	assert_int_equal(f->unread, 1);
	assert_int_equal(f->per_day[FACET_DAYS - 1], 2);
	assert_null(facet_find(v, n, "DE"));   /* only in a dismissed one */
	assert_null(facet_find(v, n, "BR"));
	for (size_t i = 1; i < n; i++)
		assert_true(v[i - 1].unread >= v[i].unread);
	facet_counts_free(v, n);

	/* regions */
	assert_int_equal(query_facets(st, FACET_REGION, &env, &v, &n, &cause),
	    0);
	f = facet_find(v, n, "east-asia");
	assert_non_null(f);
	assert_string_equal(f->label, "East Asia");
	assert_int_equal(f->total, 3);
	assert_int_equal(f->unread, 2);
	facet_counts_free(v, n);

	/* feeds: every configured one, even empty */
	assert_int_equal(query_facets(st, FACET_FEED, &env, &v, &n, &cause),
	    0);
	assert_int_equal(n, 4);
	f = facet_find(v, n, "ismg");
	assert_string_equal(f->label, "InfoRiskToday (fixture)");
	assert_int_equal(f->total, 3);
	assert_int_equal(f->unread, 3);
	f = facet_find(v, n, "bulk");
	assert_int_equal(f->total, NBULK);
	assert_int_equal(f->per_day[FACET_DAYS - 1 - 4], NBULK);
	facet_counts_free(v, n);

	/* tags */
	assert_int_equal(query_facets(st, FACET_TAG, &env, &v, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(v);
	assert_int_equal(store_item_tag(st, id_of(st, "a1"), "brief", 1,
	    &cause), 1);
	assert_int_equal(store_item_tag(st, id_of(st, "w1"), "brief", 1,
	    &cause), 1);
	assert_int_equal(query_facets(st, FACET_TAG, &env, &v, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].key, "brief");
	assert_int_equal(v[0].total, 2);
	assert_int_equal(v[0].unread, 1);
	assert_int_equal(v[0].per_day[FACET_DAYS - 1], 2);
	facet_counts_free(v, n);

	assert_int_equal(query_facets(st, FACET_COUNT, &env, &v, &n, &cause),
	    -1);
	free(cause);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* State and tags survive a refresh, reclassification and retention. */
static void
test_state_survives(void **state)
{
	char *path, *cause = NULL;
	struct store *st = open_filled("survive", &path);
	struct classifier *c;
	size_t seen = 0, changed = 0, removed = 0;

	(void)state;
	assert_int_equal(store_item_set_flag(st, id_of(st, "a1"),
	    STORE_FLAG_READ, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, id_of(st, "a1"),
	    STORE_FLAG_STARRED, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, id_of(st, "w2"),
	    STORE_FLAG_DISMISSED, 1, &cause), 1);
	assert_int_equal(store_item_tag(st, id_of(st, "v2"), "brief", 1,
	    &cause), 1);
	/* the same documents again, a day later */
	c = ingest_classifier_new(cfg, &cause);
	fill(st, c, now + DAY);
	expect(st, "read", "a1");
	expect(st, "starred country:JP", "a1");
	expect(st, "dismissed", "w2");
	expect(st, "tag:brief", "v2");
	/* reclassification with the same rules changes nothing */
	assert_int_equal(ingest_reclassify(st, c, &seen, &changed, &cause), 0);
	assert_int_equal(seen, NELEM(arts) + NBULK);
	assert_int_equal(changed, 0);
	classifier_free(c);
	/* retention keeps starred and tagged articles */
	assert_int_equal(store_prune(st, 1, now + 30 * DAY, &removed, &cause),
	    0);
	expect(st, "dismissed OR -dismissed", "a1 v2");
	expect(st, "read starred tag:brief OR starred", "a1");
	expect(st, "tag:brief", "v2");
	expect(st, "country:JP", "a1");
	store_close(st);
	unlink_db(path);
	free(path);
}

/* A config change, then reclassify: topics follow, state stays. */
static void
test_reclassify(void **state)
{
	char *path, *cause = NULL;
	struct store *st = open_filled("reclassify", &path);
	struct config *other;
	struct classifier *c;
	struct query_env e2;
	struct query *q;
	struct query_error err;
	size_t seen = 0, changed = 0;
	static const char ini[] =
	    "[topic:insurance]\nlabel = Insurance\nkeywords = insurer\n"
	    "[topic:ransomware]\nkeywords = heist\n";
	char *ini_path = tmp_path("reclassify.ini");
	FILE *f = fopen(ini_path, "w");

	(void)state;
	assert_non_null(f);
	fputs(ini, f);
	fclose(f);
	other = config_load(ini_path, &cause);
	assert_non_null(other);
	assert_int_equal(store_item_set_flag(st, id_of(st, "a3"),
	    STORE_FLAG_READ, 1, &cause), 1);
	c = ingest_classifier_new(other, &cause);
	assert_non_null(c);
	assert_int_equal(ingest_reclassify(st, c, &seen, &changed, &cause), 0);
	assert_int_equal(seen, NELEM(arts) + NBULK);
	classifier_free(c);
	e2.now = now;
	e2.cfg = other;
	q = query_parse("topic:insurance", &e2, &err);
	assert_non_null(q);
	{
		struct article_row *rows;
		size_t n;

		assert_int_equal(query_page(st, q, NULL, QUERY_OLDER, 10, &rows,
		    &n, &cause), 0);
		assert_int_equal(n, 1);
		assert_string_equal(rows[0].title, "Ransomware Gang Hits "
		    "Australian Health Insurer");
		assert_int_equal(rows[0].read, 1);
		assert_int_equal(rows[0].topics.n, 1);
		assert_string_equal(rows[0].topics.v[0], "insurance");
		/* countries are found again, the same */
		assert_int_equal(rows[0].countries.n, 1);
		assert_string_equal(rows[0].countries.v[0], "AU");
		article_rows_free(rows, n);
	}
	query_free(q);
	expect(st, "topic:ransomware", "a2");
	expect(st, "topic:nation-state", "");
	expect(st, "read", "a3");
	config_free(other);
	unlink(ini_path);
	free(ini_path);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* A bad rule is a config error that names the topic and the rule. */
static void
test_bad_rule(void **state)
{
	static const char ini[] =
	    "[topic:spies]\nkeywords = espionage\nregex = (apt\n";
	char *ini_path = tmp_path("bad.ini"), *cause = NULL;
	FILE *f = fopen(ini_path, "w");
	struct config *bad;

	(void)state;
	assert_non_null(f);
	fputs(ini, f);
	fclose(f);
	bad = config_load(ini_path, &cause);
	assert_non_null(bad);
	assert_null(ingest_classifier_new(bad, &cause));
	assert_non_null(strstr(cause, "[topic:spies]"));
	assert_non_null(strstr(cause, "(apt"));
	assert_non_null(strstr(cause, ini_path));
	free(cause);
	config_free(bad);
	unlink(ini_path);
	free(ini_path);
}

/* facet_days against a count from scratch: the rows that differ. */
static int64_t
counter_drift(struct store *st)
{
	static const char sql[] =
	    "WITH truth(kind, key, day, total, unread) AS ("
	    " SELECT 0, x.topic, i.sort_time / 86400, sum(i.dismissed = 0),"
	    "  sum(i.dismissed = 0 AND i.read = 0) FROM item_topics x"
	    "  JOIN items i ON i.id = x.item_id GROUP BY 2, 3"
	    " UNION ALL"
	    " SELECT 1, x.country, i.sort_time / 86400, sum(i.dismissed = 0),"
	    "  sum(i.dismissed = 0 AND i.read = 0) FROM item_countries x"
	    "  JOIN items i ON i.id = x.item_id GROUP BY 2, 3"
	    " UNION ALL"
	    " SELECT 2, x.region, i.sort_time / 86400, sum(i.dismissed = 0),"
	    "  sum(i.dismissed = 0 AND i.read = 0) FROM item_regions x"
	    "  JOIN items i ON i.id = x.item_id GROUP BY 2, 3),"
	    " t AS (SELECT * FROM truth WHERE total <> 0 OR unread <> 0),"
	    " c AS (SELECT * FROM facet_days WHERE total <> 0 OR unread <> 0)"
	    " SELECT (SELECT count(*) FROM (SELECT * FROM t EXCEPT"
	    "  SELECT * FROM c)) + (SELECT count(*) FROM (SELECT * FROM c"
	    "  EXCEPT SELECT * FROM t)) + (SELECT count(*) FROM facet_days"
	    "  WHERE total < 0 OR unread < 0 OR unread > total)";
	sqlite3_stmt *s = NULL;
	int64_t n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL),
	    SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

#define NO_DRIFT(st, what) do { \
		int64_t d_ = counter_drift(st); \
		if (d_ != 0) \
			fail_msg("%s: %lld counter rows differ", what, \
			    (long long)d_); \
	} while (0)

/* The per-day counters stay exact through every kind of change. */
static void
test_counters(void **state)
{
	char *path, *cause = NULL;
	struct store *st = open_filled("counters", &path);
	struct classifier *c;
	struct feed_doc *d;
	struct store_fetch_outcome o = { 0 };
	struct query *q;
	int64_t changed;
	size_t removed;
	static const char ini[] = "[topic:asia]\nkeywords = tokyo, seoul\n";
	char *ini_path = tmp_path("counters.ini");
	FILE *f;
	struct config *other;

	(void)state;
	NO_DRIFT(st, "after ingest");
	assert_int_equal(store_item_set_flag(st, id_of(st, "a1"),
	    STORE_FLAG_READ, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, id_of(st, "w1"),
	    STORE_FLAG_DISMISSED, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, id_of(st, "w1"),
	    STORE_FLAG_READ, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, id_of(st, "a2"),
	    STORE_FLAG_STARRED, 1, &cause), 1);
	NO_DRIFT(st, "after marks");
	q = parse_ok("region:east-asia OR feed:bulk");
	assert_int_equal(query_mark_read(st, q, &changed, &cause), 0);
	query_free(q);
	NO_DRIFT(st, "after mark read");
	assert_int_equal(store_item_set_flag(st, id_of(st, "w1"),
	    STORE_FLAG_DISMISSED, 0, &cause), 1);
	assert_int_equal(store_item_set_flag(st, id_of(st, "b03"),
	    STORE_FLAG_READ, 0, &cause), 1);
	NO_DRIFT(st, "after undo");
	/* an update moves w1 three days back and changes its text */
	d = xcalloc(1, sizeof *d);
	add_art(d, &arts[4]);
	d->items[0].published -= 3 * DAY;
	free(d->items[0].summary);
	d->items[0].summary = xstrdup("Tokyo and Seoul agreed to hold drills.");
	c = ingest_classifier_new(cfg, &cause);
	ingest_classify_doc(c, "world", d);
	o.fetched_at = now + HOUR;
	o.http_status = 200;
	assert_int_equal(store_feed_apply(st, "world", &o, d, NULL, &cause), 0);
	feed_doc_free(d);
	NO_DRIFT(st, "after an update");
	expect(st, "country:KR", "a2 w1");
	/* a document that was not classified leaves the facets alone */
	d = xcalloc(1, sizeof *d);
	add_art(d, &arts[4]);
	free(d->items[0].summary);
	d->items[0].summary = xstrdup("Nothing about anywhere.");
	assert_int_equal(store_feed_apply(st, "world", &o, d, NULL, &cause), 0);
	feed_doc_free(d);
	NO_DRIFT(st, "after an unclassified update");
	/* its date is back, its countries stay */
	expect(st, "country:KR", "w1 a2");
	/* reclassify with other rules, then back */
	f = fopen(ini_path, "w");
	assert_non_null(f);
	fputs(ini, f);
	fclose(f);
	other = config_load(ini_path, &cause);
	assert_non_null(other);
	classifier_free(c);
	c = ingest_classifier_new(other, &cause);
	assert_int_equal(ingest_reclassify(st, c, NULL, NULL, &cause), 0);
	NO_DRIFT(st, "after reclassify");
	classifier_free(c);
	c = ingest_classifier_new(cfg, &cause);
	assert_int_equal(ingest_reclassify(st, c, NULL, NULL, &cause), 0);
	NO_DRIFT(st, "after reclassify back");
	classifier_free(c);
	/* retention removes articles; their shares go with them */
	assert_int_equal(store_item_tag(st, id_of(st, "a3"), "keep", 1,
	    &cause), 1);
	assert_int_equal(store_prune(st, 1, now + 6 * DAY, &removed, &cause),
	    0);
	assert_true(removed > 0);
	NO_DRIFT(st, "after prune");
	config_free(other);
	unlink(ini_path);
	free(ini_path);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* A cache from an older sitrep: upgraded by a writer, then read. */
static void
test_old_cache(void **state)
{
	char *path = tmp_path("old"), *cause = NULL;
	struct store *st;
	struct facet_count *v;
	size_t n;

	(void)state;
	unlink_db(path);
	assert_int_equal(store_migrate_path_to(path, 2, &cause), 0);
	/* read-only cannot upgrade it, and says how */
	assert_null(store_open_readonly(path, &cause));
	assert_non_null(strstr(cause, "older sitrep"));
	free(cause);
	st = store_open(path, &cause);
	store_close(st);
	st = store_open_readonly(path, &cause);
	if (st == NULL)
		fail_msg("open: %s", cause);
	expect(st, "region:east-asia", "");
	assert_int_equal(query_facets(st, FACET_REGION, &env, &v, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	free(v);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* Pages walk an index newest first; counts start from the small set. */
static void
test_plans(void **state)
{
	static const struct {
		const char *text;
		int count;
		const char *want;    /* in the plan */
	} cases[] = {
		{ "", 0, "items_sort" },
		{ "unread", 0, "INDEX items_" },
		{ "country:JP unread", 0, "INDEX items_" },
		{ "topic:ransomware", 0, "items_sort" },
		{ "ransomware", 0, "items_sort" },
		{ "since:24h", 0, "items_sort (sort_time" },
		{ "feed:world", 0, "items_feed_sort" },
		{ "", 1, "COVERING INDEX items_" },
		{ "unread", 1, "COVERING INDEX items_" },
		{ "country:JP", 1, "item_countries_country (country=?)" },
		{ "topic:ransomware unread", 1, "item_topics_topic (topic=?)" },
	};
	char *path, *cause = NULL;
	struct store *st = open_filled("plans", &path);

	(void)state;
	for (int analyzed = 0; analyzed < 2; analyzed++) {
		for (size_t i = 0; i < NELEM(cases); i++) {
			struct query *q = parse_ok(cases[i].text);
			char *plan = query_plan(st, q, cases[i].count, &cause);

			assert_non_null(plan);
			if (strstr(plan, cases[i].want) == NULL)
				fail_msg("'%s' (%s): want '%s' in:\n%s",
				    cases[i].text, cases[i].count ? "count" :
				    "page", cases[i].want, plan);
			if (!cases[i].count && strstr(plan, "TEMP B-TREE"))
				fail_msg("'%s' sorts:\n%s", cases[i].text, plan);
			free(plan);
			query_free(q);
		}
		assert_int_equal(sqlite3_exec(store_db(st), "ANALYZE", NULL,
		    NULL, NULL), SQLITE_OK);
	}
	store_close(st);
	unlink_db(path);
	free(path);
}

/* The seed article's countries through the whole pipeline. */
static void
test_seed(void **state)
{
	const char *dir = getenv("SITREP_SHARED_FIXTURES");
	char *path, *rss_path, *cause = NULL, *buf;
	struct classifier *c;
	struct store *st;
	struct feed_doc *doc;
	struct store_fetch_outcome o = { 0 };
	struct article_row *rows;
	size_t n, len = 0;
	struct query *q;
	FILE *f;

	(void)state;
	if (dir == NULL || *dir == '\0')
		skip();
	rss_path = xasprintf("%s/seed/ismg_inforisktoday.rss", dir);
	f = fopen(rss_path, "rb");
	free(rss_path);
	if (f == NULL)
		skip();
	buf = xmalloc(1 << 20);
	len = fread(buf, 1, (1 << 20) - 1, f);
	fclose(f);
	doc = feed_parse(buf, len, NULL, &cause);
	free(buf);
	assert_non_null(doc);
	c = ingest_classifier_new(cfg, &cause);
	ingest_classify_doc(c, "ismg", doc);
	classifier_free(c);
	path = tmp_path("seed");
	unlink_db(path);
	st = store_open(path, &cause);
	assert_int_equal(store_feed_sync(st, "ismg", "https://x.example/",
	    NULL, &cause), 0);
	o.fetched_at = date_from_civil(2023, 1, 13, 0, 0, 0);
	assert_int_equal(store_feed_apply(st, "ismg", &o, doc, NULL, &cause),
	    0);
	feed_doc_free(doc);
	q = parse_ok("country:JP");
	assert_int_equal(query_page(st, q, NULL, QUERY_OLDER, 10, &rows, &n,
	    &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].title, "US and Japan Pledge Deepened "
	    "Cyberspace Collaboration");
	assert_int_equal(rows[0].countries.n, 3);
	assert_string_equal(rows[0].countries.v[0], "CN");
	assert_string_equal(rows[0].countries.v[1], "JP");
	assert_string_equal(rows[0].countries.v[2], "US");
	assert_true(strv_contains(&rows[0].topics, "nation-state", 0));
	assert_true(strv_contains(&rows[0].topics, "cybercrime", 0));
	article_rows_free(rows, n);
	query_free(q);
	store_close(st);
	unlink_db(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_times),
		cmocka_unit_test(test_text_helpers),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_fts_window),
		cmocka_unit_test(test_counts_and_state),
		cmocka_unit_test(test_facets),
		cmocka_unit_test(test_state_survives),
		cmocka_unit_test(test_reclassify),
		cmocka_unit_test(test_counters),
		cmocka_unit_test(test_old_cache),
		cmocka_unit_test(test_bad_rule),
		cmocka_unit_test(test_plans),
		cmocka_unit_test(test_seed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
