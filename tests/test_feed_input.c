/*
 * test_feed_input: what the feed parser does with odd, hostile and
 * real-world input: encodings and charset labels, invalid UTF-8, XXE and
 * billion laughs (SECURITY.md X1, X2), nesting and size limits, the same
 * document whatever the sizes of the pieces it arrives in, and the real
 * feeds under $SITREP_SHARED_FIXTURES/feeds (skipped without that folder).
 * What each format's elements become is in test_feed.c.
 *
 * Own fixtures are in tests/fixtures/feeds (the encoded ones were produced
 * with python3's codecs).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/resource.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "feed.h"
#include "feed_fixtures.h"
#include "str.h"
#include "xalloc.h"

/* Fixtures */

/* Parses buf pushed in pieces of chunk bytes (0: all at once). */
static struct feed_doc *
parse_chunked(const char *buf, size_t n, size_t chunk,
    const struct feed_parse_opts *opts, char **cause)
{
	struct feed_parser *p = feed_parser_new(opts);
	struct feed_doc *doc;
	size_t i, k;

	if (chunk == 0)
		chunk = n > 0 ? n : 1;
	for (i = 0; i < n; i += k) {
		k = n - i < chunk ? n - i : chunk;
		if (feed_parser_push(p, buf + i, k) < 0)
			break;
	}
	doc = feed_parser_finish(p, cause);
	feed_parser_free(p);
	return doc;
}

/* Field-by-field equality of two parses. */
static void
check_same_doc(const char *what, const struct feed_doc *a,
    const struct feed_doc *b)
{
	size_t i, k;

	if (a == NULL || b == NULL) {
		if (a != b)
			fail_msg("%s: one parse is NULL", what);
		return;
	}
	if (a->format != b->format || a->nitems != b->nitems ||
	    a->ttl_minutes != b->ttl_minutes)
		fail_msg("%s: format %d/%d items %zu/%zu ttl %d/%d", what,
		    a->format, b->format, a->nitems, b->nitems,
		    a->ttl_minutes, b->ttl_minutes);
	check_str(what, a->title, b->title);
	check_str(what, a->link, b->link);
	check_str(what, a->self_link, b->self_link);
	check_str(what, a->language, b->language);
	check_str(what, a->error, b->error);
	for (i = 0; i < a->nitems; i++) {
		const struct feed_item *x = &a->items[i], *y = &b->items[i];

		check_str(what, x->guid, y->guid);
		check_str(what, x->url, y->url);
		check_str(what, x->title, y->title);
		check_str(what, x->author, y->author);
		check_str(what, x->summary, y->summary);
		check_str(what, x->content, y->content);
		check_str(what, x->thumbnail, y->thumbnail);
		if (x->published != y->published || x->updated != y->updated)
			fail_msg("%s: item %zu dates differ", what, i);
		if (x->categories.n != y->categories.n ||
		    x->nenclosures != y->nenclosures)
			fail_msg("%s: item %zu lists differ", what, i);
		for (k = 0; k < x->categories.n; k++)
			check_str(what, x->categories.v[k], y->categories.v[k]);
		for (k = 0; k < x->nenclosures; k++) {
			check_str(what, x->enclosures[k].url,
			    y->enclosures[k].url);
			check_str(what, x->enclosures[k].type,
			    y->enclosures[k].type);
			if (x->enclosures[k].length != y->enclosures[k].length)
				fail_msg("%s: enclosure length", what);
		}
	}
}

/* Encodings */

static void
test_encodings(void **state)
{
	static const struct {
		const char *file, *http, *title, *item;
	} cases[] = {
		{ "windows1251.rss", NULL, "\u0423\u043a\u0440\u0430\u0438"
		    "\u043d\u0441\u043a\u0430\u044f \u043f\u0440\u0430\u0432"
		    "\u0434\u0430", "\u041d\u043e\u0432\u043e\u0441\u0442\u0438 "
		    "\u0434\u043d\u044f: \u0432\u0441\u0451 \u043e \u0433\u043b"
		    "\u0430\u0432\u043d\u043e\u043c" },
		{ "shift_jis.rss", NULL, "\u65e5\u672c\u306e\u65b0\u805e",
		    "\u6771\u4eac\u3067\u685c\u304c\u6e80\u958b\u306b" },
		{ "euc_jp.rss", NULL, "\u6bce\u65e5\u30cb\u30e5\u30fc\u30b9",
		    "\u5927\u962a\u306e\u5929\u6c17\u306f\u6674\u308c" },
		{ "gb2312.rss", NULL, "\u65b0\u95fb\u56fd\u5185",
		    "\u4e60\u8fd1\u5e73\u4e3a\u4f55\u5982\u6b64\u5f3a\u8c03"
		    "\u5d07\u5c1a\u82f1\u96c4\uff1f" },
		{ "iso8859_1.rss", NULL, "Jornal de Not\u00edcias",
		    "\u00daltimas not\u00edcias: a\u00e7\u00e3o & rea\u00e7"
		    "\u00e3o" },
		{ "koi8r.rss", NULL, "\u0412\u0435\u0441\u0442\u0438",
		    "\u041f\u043e\u0433\u043e\u0434\u0430 \u0432 \u041c\u043e"
		    "\u0441\u043a\u0432\u0435" },
		{ "utf16le.rss", NULL, "UTF-16 feed",
		    "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac" },
		{ "utf16be_bom_space.rss", "windows-1252", "UTF-16BE feed",
		    "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac "
		    "\U0001d11e" },
		{ "utf16le_nobom.rss", NULL, "UTF-16LE, no BOM",
		    "\u041a\u0438\u0440\u0438\u043b\u043b\u0438\u0446"
		    "\u0430" },
		/* no declaration, no BOM: the HTTP charset decides */
		{ "http_charset_1251.rss", "windows-1251", "\u0411\u0435\u0437 "
		    "\u043e\u0431\u044a\u044f\u0432\u043b\u0435\u043d\u0438"
		    "\u044f", "\u041a\u043e\u0434\u0438\u0440\u043e\u0432\u043a"
		    "\u0430 \u0438\u0437 HTTP" },
		/* a declaration beats the HTTP header */
		{ "declared_beats_http.rss", "utf-8", "D\u00e9claration",
		    "\u00c9lan vital" },
		{ "windows1251.rss", "iso-8859-1", "\u0423\u043a\u0440\u0430"
		    "\u0438\u043d\u0441\u043a\u0430\u044f \u043f\u0440\u0430"
		    "\u0432\u0434\u0430", NULL },
		/* a charset iconv does not know: read as UTF-8 */
		{ "unknown_encoding.rss", NULL, "Unknown charset",
		    "Read as UTF-8: \u00fcn\u00efc\u00f6d\u00e9" },
		/* a BOM beats the HTTP header */
		{ "bom.rss", "windows-1252", "BOM feed \u2014 dash", NULL },
		/* a hostile charset name is ignored */
		{ "no_declaration.rss", "utf-8\"?><x", "No declaration "
		    "\u00e9t\u00e9", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		struct feed_parse_opts o = { NULL, cases[i].http, 0 };
		struct feed_doc *doc = parse_opts(cases[i].file, &o);

		check_str(cases[i].file, doc->title, cases[i].title);
		assert_int_equal(doc->nitems, 1);
		if (cases[i].item != NULL)
			check_str(cases[i].file, doc->items[0].title,
			    cases[i].item);
		check_str(cases[i].file, doc->error, NULL);
		feed_doc_free(doc);
	}
}

static void
test_encoding_labels(void **state)
{
	static const struct {
		const char *file, *items[3];
	} cases[] = {
		/* labelled GB2312, with GBK characters: read as GB18030 */
		{ "gb2312_with_gbk.rss", { "\u6731\u9555\u57fa\u8bbf\u95ee"
		    "\u4e0a\u6d77", "\u5f20\u5586\u7684\u62a5\u9053", NULL } },
		/* labelled ISO-8859-1, with windows-1252 quotes */
		{ "latin1_with_cp1252.rss", { "\u201cSmart\u201d quotes \u2013 "
		    "and a dash", "Plain \u00e9", NULL } },
		/* a broken character costs one U+FFFD, not the feed */
		{ "shift_jis_invalid.rss", { "\u524d\u306e\u8a18\u4e8b",
		    "\u3053\ufffd \u308f\u308c\u305f",
		    "\u5f8c\u306e\u8a18\u4e8b" } },
		/* "UTF8" is UTF-8, repaired like any other */
		{ "utf8_spelled_oddly.rss", { "ok", "bad \ufffd byte", NULL } },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		struct feed_doc *doc = parse(cases[i].file);

		for (k = 0; k < 3 && cases[i].items[k] != NULL; k++) {
			if (k >= doc->nitems)
				fail_msg("%s: only %zu items", cases[i].file,
				    doc->nitems);
			check_str(cases[i].file, doc->items[k].title,
			    cases[i].items[k]);
		}
		assert_int_equal(doc->nitems, k);
		check_str(cases[i].file, doc->error, NULL);
		feed_doc_free(doc);
	}
}

static void
test_invalid_utf8(void **state)
{
	struct feed_doc *doc = parse("invalid_utf8.rss");

	(void)state;
	/* repaired before libxml2 sees it: nothing lost after the bad bytes */
	assert_int_equal(doc->nitems, 4);
	check_str("latin1", doc->items[0].title, "Latin-1 caf\ufffd in UTF-8");
	check_str("kinds", doc->items[1].title, "Lone continuation \ufffd and "
	    "overlong \ufffd\ufffd and surrogate \ufffd\ufffd\ufffd end");
	check_str("truncated", doc->items[2].title,
	    "Truncated \ufffd sequence and valid \u20ac euro");
	check_str("controls", doc->items[3].title, "NUL and form feed dropped");
	check_str("link", doc->items[3].url, "https://bad.example/4");
	assert_null(doc->error);
	feed_doc_free(doc);
}

/* Security (SECURITY.md X1, X2) */

static int loader_calls;
static xmlExternalEntityLoader sitrep_loader;

static xmlParserInputPtr
counting_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	loader_calls++;
	return sitrep_loader(url, id, ctxt);
}

/* Makes the parser install its loader, then wraps it to count calls. */
static void
wrap_loader(void)
{
	struct feed_doc *doc = feed_parse("<rss/>", 6, NULL, NULL);

	feed_doc_free(doc);
	sitrep_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(counting_loader);
	loader_calls = 0;
}

static void
unwrap_loader(void)
{
	xmlSetExternalEntityLoader(sitrep_loader);
}

static void
test_xxe_file(void **state)
{
	struct feed_doc *doc;
	struct strv all = STRV_INIT;
	size_t i;

	(void)state;
	wrap_loader();
	doc = parse("xxe_file.rss");
	assert_int_equal(doc->nitems, 1);
	collect_strings(doc, &all);
	for (i = 0; i < all.n; i++)
		if (strstr(all.v[i], "root:") != NULL)
			fail_msg("leaked: %s", all.v[i]);
	/* a declared entity does not override the HTML one either */
	check_str("title", doc->items[0].title, "Leak: end");
	assert_int_equal(loader_calls, 0);
	unwrap_loader();
	/* and were it asked, the loader refuses */
	assert_null(sitrep_loader("file:///etc/passwd", NULL, NULL));
	feed_doc_free(doc);
	strv_free(&all);
}

static void
test_xxe_http(void **state)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	struct feed_doc *doc;
	char *tmpl, *port, *cause = NULL;
	struct str s = STR_INIT;
	const char *p, *at;
	size_t n;
	int fd, c;

	(void)state;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	port = xasprintf("%d", ntohs(sa.sin_port));
	tmpl = fixture("xxe_http.rss.in", &n);
	for (p = tmpl; (at = strstr(p, "@PORT@")) != NULL; p = at + 6) {
		str_append(&s, p, (size_t)(at - p));
		str_appendz(&s, port);
	}
	str_appendz(&s, p);

	wrap_loader();
	doc = feed_parse(s.p, s.len, NULL, &cause);
	unwrap_loader();
	assert_non_null(doc);
	assert_int_equal(doc->nitems, 1);
	check_str("title", doc->items[0].title, "Fetch:");
	assert_int_equal(loader_calls, 0);
	/* nobody knocked */
	assert_int_equal(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	c = accept(fd, NULL, NULL);
	assert_int_equal(c, -1);
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	close(fd);
	feed_doc_free(doc);
	free(tmpl);
	free(port);
	str_free(&s);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long
max_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void
test_billion_laughs(void **state)
{
	long before = max_rss_kb();
	double t0 = now(), dt;
	struct feed_doc *doc = parse("billion_laughs.rss");

	(void)state;
	dt = now() - t0;
	/* generous bounds: it takes milliseconds and no memory at all */
	if (dt >= 5.0)
		fail_msg("billion laughs took %.2f s", dt);
	assert_true(max_rss_kb() - before < 64 * 1024);
	assert_int_equal(doc->nitems, 1);
	/* no text from the entity: the title is made from the link */
	check_str("title", doc->items[0].title, "https://lol.example/1");
	assert_int_equal(doc->items[0].title_derived, 1);
	check_str("url", doc->items[0].url, "https://lol.example/1");
	assert_non_null(doc->error);
	feed_doc_free(doc);
}

static void
test_deep_nesting(void **state)
{
	size_t n;
	char *buf = fixture("deep_nesting.rss", &n), *cause = NULL;
	struct feed_parser *p = feed_parser_new(NULL);
	struct feed_doc *doc;

	(void)state;
	assert_int_equal(feed_parser_push(p, buf, n), -1);
	/* once stopped, it stays stopped */
	assert_int_equal(feed_parser_push(p, "<x/>", 4), -1);
	doc = feed_parser_finish(p, &cause);
	assert_non_null(doc);
	assert_non_null(doc->error);
	assert_non_null(strstr(doc->error, "256"));
	assert_true(doc->nitems >= 1);
	check_str("before", doc->items[0].title, "Before the deep part");
	feed_parser_free(p);
	feed_doc_free(doc);
	free(buf);
}

static void
test_max_bytes(void **state)
{
	size_t n, cap;
	char *buf = fixture("ismg_style.rss", &n), *cause = NULL;
	const char *second = strstr(buf, "<title>Phishing Kit");
	struct feed_parse_opts o = { NULL, NULL, 0 };
	struct feed_parser *p;
	struct feed_doc *doc;

	(void)state;
	assert_non_null(second);
	/* the cap falls inside the second item */
	cap = (size_t)(second - buf) + 10;
	o.max_bytes = cap;
	p = feed_parser_new(&o);
	assert_int_equal(feed_parser_push(p, buf, 100), 0);
	assert_int_equal(feed_parser_push(p, buf + 100, n - 100), -1);
	assert_int_equal(feed_parser_push(p, "x", 1), -1);
	doc = feed_parser_finish(p, &cause);
	assert_non_null(doc);
	assert_int_equal(doc->nitems, 1);
	assert_non_null(doc->error);
	{
		char want[32];

		snprintf(want, sizeof want, "%zu", cap);
		assert_non_null(strstr(doc->error, want));
	}
	feed_parser_free(p);
	feed_doc_free(doc);

	/* exactly the size is fine */
	o.max_bytes = n;
	doc = feed_parse(buf, n, &o, &cause);
	assert_non_null(doc);
	assert_int_equal(doc->nitems, 3);
	assert_null(doc->error);
	feed_doc_free(doc);

	/* a cap before anything recognisable: no feed, and the cause says so */
	o.max_bytes = 3;
	assert_null(feed_parse(buf, n, &o, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "3 bytes"));
	free(cause);
	free(buf);
}

static void
test_field_cap(void **state)
{
	struct str s = STR_INIT;
	struct feed_doc *doc;
	char *cause = NULL;
	size_t i;

	(void)state;
	str_appendz(&s, "<rss><channel><item><title>Big</title>"
	    "<link>https://big.example/</link><description>");
	for (i = 0; i < (3u << 20) / 16; i++)
		str_appendz(&s, "\xd0\x96sixteen bytes");
	str_appendz(&s, "</description></item><item><title>Next</title>"
	    "</item></channel></rss>");
	doc = feed_parse(s.p, s.len, NULL, &cause);
	assert_non_null(doc);
	assert_int_equal(doc->nitems, 2);
	assert_non_null(doc->items[0].summary);
	assert_true(strlen(doc->items[0].summary) <= (2u << 20));
	assert_true(strlen(doc->items[0].summary) > (2u << 20) - 16);
	assert_non_null(doc->error);
	assert_non_null(strstr(doc->error, "cut"));
	check_str("next", doc->items[1].title, "Next");
	feed_doc_free(doc);
	str_free(&s);
}

static void
test_item_cap(void **state)
{
	struct str s = STR_INIT;
	struct feed_doc *doc;
	size_t i;

	(void)state;
	str_appendz(&s, "<rss><channel>");
	for (i = 0; i < 100005; i++)
		str_appendf(&s, "<item><title>%zu</title></item>", i);
	str_appendz(&s, "</channel></rss>");
	doc = feed_parse(s.p, s.len, NULL, NULL);
	assert_non_null(doc);
	assert_int_equal(doc->nitems, 100000);
	check_str("last", doc->items[99999].title, "99999");
	assert_non_null(doc->error);
	assert_non_null(strstr(doc->error, "100000"));
	feed_doc_free(doc);
	str_free(&s);
}

/* Chunking: the same document whatever the piece sizes */

static void
check_chunking(const char *what, const char *buf, size_t n)
{
	static const size_t sizes[] = { 1, 7, 4096 };
	char *c0 = NULL, *c1;
	struct feed_doc *whole = parse_chunked(buf, n, 0, NULL, &c0), *d;
	size_t i;

	for (i = 0; i < NELEM(sizes); i++) {
		c1 = NULL;
		d = parse_chunked(buf, n, sizes[i], NULL, &c1);
		check_same_doc(what, whole, d);
		check_str(what, c1, c0);
		feed_doc_free(d);
		free(c1);
	}
	feed_doc_free(whole);
	free(c0);
}

static void
test_chunking(void **state)
{
	char *dir = xasprintf("%s/tests/fixtures/feeds", top());
	DIR *dp = opendir(dir);
	struct dirent *de;
	size_t n, count = 0;

	(void)state;
	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		char *buf;

		if (de->d_name[0] == '.')
			continue;
		buf = fixture(de->d_name, &n);
		check_chunking(de->d_name, buf, n);
		free(buf);
		count++;
	}
	closedir(dp);
	free(dir);
	assert_true(count >= 40);
}

/*
 * Issue 12.4: a '>' inside the DOCTYPE's quoted system id, its internal
 * subset, a processing instruction or a comment made libxml2's push parser
 * end the declaration early when a piece ended after it.  Every cut of the
 * document into two pieces now gives the document parsed whole.
 */
static void
test_prolog_split(void **state)
{
	static const char *const docs[] = {
		"doctype_split.rss",
		"no_declaration.rss",
		"utf16le.rss",
	};
	size_t d, n, cut;

	(void)state;
	for (d = 0; d < NELEM(docs); d++) {
		char *buf = fixture(docs[d], &n), *c0 = NULL;
		struct feed_doc *whole = parse_chunked(buf, n, 0, NULL, &c0);

		assert_non_null(whole);
		assert_true(whole->nitems > 0);
		assert_null(whole->error);
		for (cut = 1; cut < n && cut < 400; cut++) {
			struct feed_parser *p = feed_parser_new(NULL);
			struct feed_doc *got;
			char *c1 = NULL, *what = xasprintf("%s cut at %zu",
			    docs[d], cut);

			if (feed_parser_push(p, buf, cut) == 0)
				feed_parser_push(p, buf + cut, n - cut);
			got = feed_parser_finish(p, &c1);
			feed_parser_free(p);
			check_same_doc(what, whole, got);
			feed_doc_free(got);
			free(c1);
			free(what);
		}
		feed_doc_free(whole);
		free(c0);
		free(buf);
	}
}

/* The real feeds in ../shared */

static const struct {
	const char *path;
	size_t items;
	enum feed_format format;
} shared_feeds[] = {
	/* counted with python3 xml.etree (<item>/<entry> elements) */
	{ "atom/daringfireball.atom.xml", 48, FEED_FORMAT_ATOM },
	{ "atom/heise_developer_2016-02-01.atom.xml", 15, FEED_FORMAT_ATOM },
	{ "atom/research_rsc_russcox.atom.xml", 19, FEED_FORMAT_ATOM },
	{ "encodings/golem_de_rss1_iso-8859-1.xml", 1, FEED_FORMAT_RSS1 },
	{ "encodings/jn_pt_ultimas_iso-8859-1_2018-01-03.xml", 40,
	    FEED_FORMAT_RSS },
	{ "encodings/kc0011_gb2312.xml", 20, FEED_FORMAT_RSS },
	{ "encodings/pravda_com_ua_windows-1251_2020-09-29.xml", 20,
	    FEED_FORMAT_RSS },
	{ "encodings/qq_news_gb2312.xml", 20, FEED_FORMAT_RSS },
	{ "geopolitical/bbc_news_frontpage_2023-11.xml", 16, FEED_FORMAT_RSS },
	{ "geopolitical/bbc_news_frontpage_2024-08-08.xml", 54,
	    FEED_FORMAT_RSS },
	{ "geopolitical/bbc_news_world_2019-02-24.xml", 33, FEED_FORMAT_RSS },
	{ "geopolitical/bbc_news_world_2026-07-26.xml", 4, FEED_FORMAT_RSS },
	{ "geopolitical/huffpost_world-news_2019-06-30.xml", 31,
	    FEED_FORMAT_RSS },
	{ "geopolitical/japantimes_latest_2023-11-24.xml", 30,
	    FEED_FORMAT_RSS },
	{ "geopolitical/liga_net_2020-09-29.xml", 20, FEED_FORMAT_RSS },
	{ "geopolitical/nytimes_world_2024-08-08.xml", 60, FEED_FORMAT_RSS },
	{ "geopolitical/reuters_worldNews_2018-01-30.xml", 10,
	    FEED_FORMAT_RSS },
	{ "geopolitical/ukranews_2020-09.xml", 2, FEED_FORMAT_RSS },
	{ "geopolitical/unian_ua_2020-09-28.xml", 50, FEED_FORMAT_RSS },
	{ "other-news/cnn_hp-hero_2024-08-08.xml", 69, FEED_FORMAT_RSS },
	{ "other-news/npr_news_2023-11.xml", 15, FEED_FORMAT_RSS },
	{ "other-news/nytimes_homepage_2023-11-24.xml", 25, FEED_FORMAT_RSS },
	{ "rdf-rss1/biorxiv_plant_biology.rdf.xml", 30, FEED_FORMAT_RSS1 },
	{ "rdf-rss1/craigslist_rdf.xml", 25, FEED_FORMAT_RSS1 },
	{ "rdf-rss1/dw_english_rdf_2026-07-26.xml", 2, FEED_FORMAT_RSS1 },
	{ "rdf-rss1/golem_de_rss1_iso-8859-1.xml", 1, FEED_FORMAT_RSS1 },
	{ "rdf-rss1/sciencemag_twis_rdf.xml", 69, FEED_FORMAT_RSS1 },
	{ "security/bleepingcomputer_2026-07.xml", 3, FEED_FORMAT_RSS },
	{ "security/cert-eu_security-advisories_2026-08.xml", 5,
	    FEED_FORMAT_RSS },
	{ "security/cisa_2026-07.xml", 3, FEED_FORMAT_RSS },
	{ "security/darkreading_2026-07.xml", 3, FEED_FORMAT_RSS },
	{ "security/krebs_2026-07.xml", 3, FEED_FORMAT_RSS },
	{ "security/ncsc_uk_news_2026-08.xml", 4, FEED_FORMAT_RSS },
	{ "security/securityweek_2026-07.xml", 3, FEED_FORMAT_RSS },
	{ "security/thehackernews_2026-07.xml", 3, FEED_FORMAT_RSS },
	{ "security/therecord_2026-08-26.xml", 5, FEED_FORMAT_RSS },
	{ "security/theregister_2026-07.xml", 3, FEED_FORMAT_RSS },
};

static struct feed_doc *
parse_shared(const char *rel)
{
	char *path = xasprintf("%s/feeds/%s", shared(), rel), *cause = NULL;
	size_t n;
	char *buf = read_path(path, &n);
	struct feed_doc *doc = feed_parse(buf, n, NULL, &cause);

	if (doc == NULL)
		fail_msg("%s: %s", rel, cause);
	free(buf);
	free(path);
	return doc;
}

static void
test_shared_feeds(void **state)
{
	static const char *const subdirs[] = {
		"atom", "encodings", "geopolitical", "other-news", "rdf-rss1",
		"security",
	};
	size_t i, k, n;
	char *dir;
	DIR *dp;
	struct dirent *de;
	size_t listed = 0;

	(void)state;
	if (shared() == NULL)
		skip();
	for (i = 0; i < NELEM(shared_feeds); i++) {
		struct feed_doc *doc = parse_shared(shared_feeds[i].path);
		char *path, *buf;

		if (doc->nitems != shared_feeds[i].items)
			fail_msg("%s: %zu items, want %zu", shared_feeds[i].path,
			    doc->nitems, shared_feeds[i].items);
		assert_int_equal(doc->format, shared_feeds[i].format);
		check_str(shared_feeds[i].path, doc->error, NULL);
		assert_non_null(doc->title);
		for (k = 0; k < doc->nitems; k++)
			if (doc->items[k].title == NULL ||
			    doc->items[k].title[0] == '\0')
				fail_msg("%s: item %zu has no title",
				    shared_feeds[i].path, k);
		feed_doc_free(doc);

		path = xasprintf("%s/feeds/%s", shared(), shared_feeds[i].path);
		buf = read_path(path, &n);
		check_chunking(shared_feeds[i].path, buf, n);
		free(buf);
		free(path);
	}
	/* every feed there is in the table */
	for (i = 0; i < NELEM(subdirs); i++) {
		dir = xasprintf("%s/feeds/%s", shared(), subdirs[i]);
		if ((dp = opendir(dir)) != NULL) {
			while ((de = readdir(dp)) != NULL) {
				size_t len = strlen(de->d_name);

				if (len > 4 && strcmp(de->d_name + len - 4,
				    ".xml") == 0)
					listed++;
			}
			closedir(dp);
		}
		free(dir);
	}
	assert_int_equal(listed, NELEM(shared_feeds));
}

static void
test_shared_values(void **state)
{
	struct feed_doc *doc;

	(void)state;
	if (shared() == NULL)
		skip();
	doc = parse_shared("encodings/pravda_com_ua_windows-1251_2020-09-29.xml");
	check_str("windows-1251", doc->title, "\u0423\u043a\u0440\u0430\u0438"
	    "\u043d\u0441\u043a\u0430\u044f \u043f\u0440\u0430\u0432\u0434"
	    "\u0430");
	feed_doc_free(doc);

	doc = parse_shared("encodings/qq_news_gb2312.xml");
	check_str("gb2312", doc->title, "\u65b0\u95fb\u56fd\u5185");
	check_str("gb2312 item", doc->items[0].title, "\u4e60\u8fd1\u5e73"
	    "\u4e3a\u4f55\u5982\u6b64\u5f3a\u8c03\u5d07\u5c1a\u82f1\u96c4"
	    "\uff1f");
	feed_doc_free(doc);

	doc = parse_shared("security/cert-eu_security-advisories_2026-08.xml");
	check_str("padded link", doc->items[0].url,
	    "https://cert.europa.eu/publications/security-advisories/2026-010/");
	feed_doc_free(doc);

	doc = parse_shared("geopolitical/ukranews_2020-09.xml");
	assert_int_equal(doc->nitems, 2);
	check_str("default ns title", doc->title,
	    "\u0423\u043a\u0440\u0430\u0457\u043d\u0441\u044c\u043a\u0456 "
	    "\u041d\u043e\u0432\u0438\u043d\u0438");
	feed_doc_free(doc);

	doc = parse_shared("security/therecord_2026-08-26.xml");
	/* the comment after </rss> is not an error */
	assert_int_equal(doc->nitems, 5);
	assert_null(doc->error);
	feed_doc_free(doc);

	doc = parse_shared("security/ncsc_uk_news_2026-08.xml");
	/* an empty <dc:creator/> is no author */
	assert_null(doc->items[0].author);
	feed_doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_encoding_labels),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_xxe_file),
		cmocka_unit_test(test_xxe_http),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_max_bytes),
		cmocka_unit_test(test_field_cap),
		cmocka_unit_test(test_item_cap),
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_prolog_split),
		cmocka_unit_test(test_shared_feeds),
		cmocka_unit_test(test_shared_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
