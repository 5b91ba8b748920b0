/*
 * test_feed: feed documents (RSS 0.91/2.0, RSS 1.0, Atom 1.0/0.3, JSON
 * Feed) to struct feed_doc.
 *
 * Own fixtures are in tests/fixtures/feeds (synthetic, written for these
 * tests; the encoded ones were produced with python3's codecs).  The real
 * feeds under $SITREP_SHARED_FIXTURES/feeds and the ISMG seed are checked
 * too when that folder is there; those tests skip without it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "date.h"
#include "feed.h"
#include "str.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Fixtures */

static const char *
top(void)
{
	const char *t = getenv("SITREP_TOP");

	return t != NULL && t[0] != '\0' ? t : ".";
}

static char *
read_path(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct str s = STR_INIT;
	char buf[65536];
	size_t k;

	if (f == NULL)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	fclose(f);
	*n = s.len;
	str_reserve(&s, 0);
	return str_steal(&s);
}

/* Returns owned: the bytes of tests/fixtures/feeds/name. */
static char *
fixture(const char *name, size_t *n)
{
	char *path = xasprintf("%s/tests/fixtures/feeds/%s", top(), name);
	char *buf = read_path(path, n);

	free(path);
	return buf;
}

static const char *
shared(void)
{
	const char *s = getenv("SITREP_SHARED_FIXTURES");

	return s != NULL && s[0] != '\0' ? s : NULL;
}

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

/* Parses a fixture that must be a feed. */
static struct feed_doc *
parse_opts(const char *name, const struct feed_parse_opts *opts)
{
	size_t n;
	char *buf = fixture(name, &n), *cause = NULL;
	struct feed_doc *doc = feed_parse(buf, n, opts, &cause);

	free(buf);
	if (doc == NULL)
		fail_msg("%s: not parsed: %s", name, cause);
	return doc;
}

static struct feed_doc *
parse(const char *name)
{
	return parse_opts(name, NULL);
}

/* Parses a fixture that must not be a feed; returns owned cause. */
static char *
parse_fails(const char *name)
{
	size_t n;
	char *buf = fixture(name, &n), *cause = NULL;
	struct feed_doc *doc = feed_parse(buf, n, NULL, &cause);

	free(buf);
	if (doc != NULL)
		fail_msg("%s: parsed as %s with %zu items", name,
		    feed_format_name(doc->format), doc->nitems);
	assert_non_null(cause);
	return cause;
}

static void
check_str(const char *what, const char *got, const char *want)
{
	if (got == NULL && want == NULL)
		return;
	if (got == NULL || want == NULL || strcmp(got, want) != 0)
		fail_msg("%s: got [%s], want [%s]", what,
		    got != NULL ? got : "(null)", want != NULL ? want : "(null)");
}

static int64_t
utc(const char *rfc3339)
{
	int64_t t = date_parse(rfc3339);

	assert_int_not_equal(t, DATE_UNKNOWN);
	return t;
}

static void
check_cats(const struct feed_item *it, const char *const *want, size_t n)
{
	size_t i;

	if (it->categories.n != n)
		fail_msg("%s: %zu categories, want %zu", it->title,
		    it->categories.n, n);
	for (i = 0; i < n; i++)
		check_str("category", it->categories.v[i], want[i]);
}

/* Every string of the document, for checks that look at all of them. */
static void
collect_strings(const struct feed_doc *doc, struct strv *out)
{
	size_t i, k;
	const char *s;

#define ADD(x) do { s = (x); if (s != NULL) strv_pushdup(out, s); } while (0)
	ADD(doc->title);
	ADD(doc->link);
	ADD(doc->self_link);
	ADD(doc->language);
	ADD(doc->error);
	for (i = 0; i < doc->nitems; i++) {
		const struct feed_item *it = &doc->items[i];

		ADD(it->guid);
		ADD(it->url);
		ADD(it->title);
		ADD(it->author);
		ADD(it->summary);
		ADD(it->content);
		ADD(it->thumbnail);
		for (k = 0; k < it->categories.n; k++)
			ADD(it->categories.v[k]);
		for (k = 0; k < it->nenclosures; k++) {
			ADD(it->enclosures[k].url);
			ADD(it->enclosures[k].type);
		}
	}
#undef ADD
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

/* The ISMG shape: the seed and our own fixture */

static void
test_ismg_seed(void **state)
{
	static const char *const cats[] = {
		"Cyberwarfare / Nation-State Attacks",
		"Fraud Management & Cybercrime",
		"Governance & Risk Management",
	};
	struct feed_doc *doc;
	char *path, *buf, *cause = NULL;
	size_t n;

	(void)state;
	if (shared() == NULL)
		skip();
	path = xasprintf("%s/seed/ismg_inforisktoday.rss", shared());
	buf = read_path(path, &n);
	doc = feed_parse(buf, n, NULL, &cause);
	assert_non_null(doc);
	assert_int_equal(doc->format, FEED_FORMAT_RSS);
	assert_int_equal(doc->nitems, 6);
	assert_null(doc->error);
	assert_int_equal(doc->items[0].published, utc("2023-01-12T16:30:00Z"));
	check_str("author", doc->items[0].author, "Mihir Bagwe");
	check_cats(&doc->items[0], cats, NELEM(cats));
	assert_non_null(doc->items[0].thumbnail);
	check_str("title", doc->items[0].title,
	    "US and Japan Pledge Deepened Cyberspace Collaboration");
	feed_doc_free(doc);
	free(buf);
	free(path);
}

static void
test_ismg_own(void **state)
{
	static const char *const cats0[] = {
		"Fraud Management & Cybercrime",
		"Governance & Risk Management",
		"Payments Security",
	};
	static const char *const cats1[] = {
		"Fraud Management & Cybercrime",
		"Social Engineering",
	};
	struct feed_doc *doc = parse("ismg_style.rss");
	const struct feed_item *it;

	(void)state;
	assert_int_equal(doc->format, FEED_FORMAT_RSS);
	check_str("feed title", doc->title,
	    "BankRiskDaily Europe RSS Syndication");
	check_str("feed link", doc->link, "https://www.bankriskdaily.example/");
	check_str("self", doc->self_link,
	    "https://www.bankriskdaily.example/rssFeeds.php?type=main");
	check_str("language", doc->language, "en-gb");
	assert_int_equal(doc->ttl_minutes, 30);
	assert_null(doc->error);
	assert_int_equal(doc->nitems, 3);

	it = &doc->items[0];
	check_str("title", it->title,
	    "Regulators Weigh Tighter Rules for Payment Processors");
	check_str("url", it->url, "https://www.bankriskdaily.example/"
	    "regulators-weigh-tighter-rules-a-10001");
	check_str("guid", it->guid, "brd-fixture-a-10001");
	check_str("author", it->author, "Anna Kowalska");
	assert_int_equal(it->published, utc("2023-03-06T08:45:00Z"));
	assert_int_equal(it->updated, DATE_UNKNOWN);
	check_cats(it, cats0, NELEM(cats0));
	check_str("thumbnail", it->thumbnail,
	    "https://www.bankriskdaily.example/images/a-10001-thumb.jpg");
	check_str("summary", it->summary, "<p><strong>Draft Guidance Targets "
	    "Third-Party Risk</strong></p><p>Supervisors in three member "
	    "states said processors would face &quot;operational "
	    "resilience&quot; tests.</p>");

	it = &doc->items[1];
	/* two dc:creator, joined; a category repeated in another case */
	check_str("authors", it->author, "Anna Kowalska, Tom\u00e1s Ruiz");
	check_cats(it, cats1, NELEM(cats1));
	assert_int_equal(it->published, utc("2023-03-06T03:05:00Z"));
	check_str("summary", it->summary, "Researchers counted 40 kits "
	    "advertising \u201cquishing\u201d templates in February.");
	assert_null(it->thumbnail);

	it = &doc->items[2];
	/* RSS <author> "email (Name)" is the name; an empty dc:creator none */
	check_str("rss author", it->author, "News Desk");
	assert_int_equal(it->published, utc("2023-03-04T14:00:00Z"));
	feed_doc_free(doc);
}

/* Edge cases, one fixture each */

static void
test_default_namespace(void **state)
{
	struct feed_doc *doc = parse("default_namespace.rss");

	(void)state;
	assert_int_equal(doc->format, FEED_FORMAT_RSS);
	check_str("title", doc->title, "Regional Wire");
	check_str("link", doc->link, "https://wire.example/");
	assert_int_equal(doc->nitems, 2);
	check_str("item", doc->items[0].title, "Council approves new bridge");
	check_str("url", doc->items[0].url, "https://wire.example/news/1-bridge");
	assert_int_equal(doc->items[0].categories.n, 1);
	assert_int_equal(doc->items[1].published, utc("2020-09-29T06:30:00Z"));
	feed_doc_free(doc);

	/* any namespace on <rss> itself is RSS's */
	doc = parse("other_namespace.rss");
	assert_int_equal(doc->nitems, 1);
	check_str("title", doc->items[0].title, "Still an RSS item");
	check_str("url", doc->items[0].url, "https://cms.example/a");
	feed_doc_free(doc);
}

static void
test_html_entities(void **state)
{
	struct feed_doc *doc = parse("rss091_netscape.rss");

	(void)state;
	/* &nbsp; &eacute; &mdash; etc. without a DTD that declares them */
	check_str("feed title", doc->title, "Caf\u00e9 Society Weekly");
	assert_int_equal(doc->nitems, 2);
	check_str("title", doc->items[0].title,
	    "Cr\u00e8me br\u00fbl\u00e9e \u2014 a history");
	check_str("url", doc->items[0].url, "http://cafe.example/creme?a=1&b=2");
	check_str("summary", doc->items[0].summary,
	    "Pr\u00e9paration\u2026 \u00a9 2001");
	/* titles are HTML: AT&amp;amp;T is "AT&T", escaped tags go */
	check_str("title", doc->items[1].title, "AT&T and the bold caf\u00e9");
	assert_null(doc->error);
	feed_doc_free(doc);

	/* in attribute values too, with &amp; and &#38; */
	doc = parse("entities_attr.rss");
	assert_int_equal(doc->nitems, 1);
	assert_int_equal(doc->items[0].nenclosures, 1);
	check_str("enclosure", doc->items[0].enclosures[0].url,
	    "https://ent.example/a.mp3?x=1&y=2&z=3");
	check_str("type", doc->items[0].enclosures[0].type, "audio/mpeg");
	assert_int_equal(doc->items[0].enclosures[0].length, 123);
	check_str("thumbnail", doc->items[0].thumbnail,
	    "https://ent.example/caf\u00e9.jpg?w=1&h=2");
	feed_doc_free(doc);
}

static void
test_links(void **state)
{
	static const struct feed_parse_opts opts = {
		"https://site.example/blog/feed.xml", NULL, 0
	};
	struct feed_doc *doc = parse("links_padded.rss");

	(void)state;
	check_str("channel link", doc->link, "https://padded.example/");
	assert_int_equal(doc->nitems, 4);
	check_str("padded", doc->items[0].url,
	    "https://padded.example/advisories/2026-010/");
	/* <dc:creator/>: no author, not an empty one */
	assert_null(doc->items[0].author);
	check_str("cdata", doc->items[1].url,
	    "https://padded.example/cdata/?a=1&b=2");
	check_str("item base", doc->items[2].url,
	    "https://other.example/story.html");
	check_str("channel base", doc->items[3].url,
	    "https://base.example/news/2026/09/story.html");
	/* a comment after the root is no error */
	assert_null(doc->error);
	feed_doc_free(doc);

	doc = parse_opts("relative_no_base.rss", &opts);
	check_str("channel link", doc->link, "https://site.example/");
	check_str("item link", doc->items[0].url,
	    "https://site.example/posts/hello-world");
	check_str("enclosure", doc->items[0].enclosures[0].url,
	    "https://site.example/blog/media/talk.mp3");
	feed_doc_free(doc);

	/* without any base they stay as written */
	doc = parse("relative_no_base.rss");
	check_str("item link", doc->items[0].url, "/posts/hello-world");
	feed_doc_free(doc);
}

static void
test_cdata(void **state)
{
	struct feed_doc *doc = parse("cdata_everywhere.rss");
	const struct feed_item *it = &doc->items[0];
	static const char *const cats[] = { "Science & Tech" };

	(void)state;
	check_str("feed title", doc->title, "CDATA Channel");
	check_str("language", doc->language, "en-us");
	check_str("title", it->title, "Title in CDATA with markup & an ampersand");
	check_str("url", it->url, "https://cdata.example/a?x=1&y=2");
	check_str("guid", it->guid, "cdata-guid-1");
	check_str("author", it->author, "Jo Writer");
	assert_int_equal(it->published, utc("2002-10-02T13:00:00Z"));
	check_cats(it, cats, 1);
	check_str("summary", it->summary,
	    "<p>Para with <a href=\"https://cdata.example/x\">a link</a>.</p>");
	check_str("split", doc->items[1].title, "Split across pieces");
	feed_doc_free(doc);
}

static void
test_document_starts(void **state)
{
	static const struct {
		const char *file, *title, *item;
	} cases[] = {
		{ "bom.rss", "BOM feed \u2014 dash", "After a BOM" },
		{ "no_declaration.rss", "No declaration \u00e9t\u00e9",
		    "Plain UTF-8 by default" },
		{ "leading_whitespace.rss", "Leading white space", "Tolerated" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		struct feed_doc *doc = parse(cases[i].file);

		check_str(cases[i].file, doc->title, cases[i].title);
		assert_int_equal(doc->nitems, 1);
		check_str(cases[i].file, doc->items[0].title, cases[i].item);
		check_str(cases[i].file, doc->error, NULL);
		feed_doc_free(doc);
	}
}

static void
test_truncated(void **state)
{
	struct feed_doc *doc = parse("truncated.rss");

	(void)state;
	/* every complete item, and the last one: it had a title and a link */
	assert_int_equal(doc->nitems, 3);
	check_str("1", doc->items[0].title, "First complete item");
	check_str("1", doc->items[0].summary, "Whole.");
	check_str("3", doc->items[2].title,
	    "Third, partial but with title and link");
	check_str("3", doc->items[2].url, "https://cut.example/3");
	/* the field that was being read when the bytes ran out is dropped */
	assert_null(doc->items[2].summary);
	assert_non_null(doc->error);
	assert_non_null(strstr(doc->error, "cut short"));
	feed_doc_free(doc);

	doc = parse("truncated_untitled.rss");
	assert_int_equal(doc->nitems, 1);
	check_str("1", doc->items[0].title, "Complete");
	assert_non_null(doc->error);
	feed_doc_free(doc);
}

static void
test_garbage_after_root(void **state)
{
	struct feed_doc *doc = parse("garbage_after_root.rss");

	(void)state;
	assert_int_equal(doc->nitems, 1);
	check_str("title", doc->items[0].title, "Kept");
	/* the feed was complete: what follows it is not its error */
	assert_null(doc->error);
	feed_doc_free(doc);
}

static void
test_not_feeds(void **state)
{
	static const struct {
		const char *file, *cause;
	} cases[] = {
		{ "html_page.html", "not a feed: looks like an HTML page" },
		{ "xhtml_page.xml", "not a feed: looks like an HTML page" },
		{ "other_xml.xml", "not a feed: the root element is <urlset>" },
		{ "empty.xml", "not a feed: the document is empty" },
		{ "json_not_feed.json",
		    "not a feed: JSON without a JSON Feed version or items" },
	};
	static const char *const junk[] = {
		"   \n\t ", "plain text", "[1, 2, 3]", "<!doctype HTML><p>x",
		"<html><body>x</body></html>", "<?xml version=\"1.0\"?>",
		"<", "{\"version\": ",
	};
	char *cause;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		cause = parse_fails(cases[i].file);
		check_str(cases[i].file, cause, cases[i].cause);
		free(cause);
	}
	for (i = 0; i < NELEM(junk); i++) {
		struct feed_doc *doc;

		cause = NULL;
		doc = feed_parse(junk[i], strlen(junk[i]), NULL, &cause);
		if (doc != NULL)
			fail_msg("[%s] parsed", junk[i]);
		assert_non_null(cause);
		assert_memory_equal(cause, "not a feed", 10);
		free(cause);
	}
	/* NULL cause pointer is allowed */
	assert_null(feed_parse("", 0, NULL, NULL));
}

static void
test_jsonfeed(void **state)
{
	static const char *const cats[] = { "Notes", "Meta" };
	struct feed_doc *doc = parse("jsonfeed_1_1.json");
	const struct feed_item *it;

	(void)state;
	assert_int_equal(doc->format, FEED_FORMAT_JSONFEED);
	check_str("title", doc->title, "Field Notes");
	check_str("home", doc->link, "https://notes.example/");
	check_str("self", doc->self_link, "https://notes.example/feed.json");
	check_str("language", doc->language, "en-GB");
	assert_null(doc->error);
	assert_int_equal(doc->nitems, 3);

	it = &doc->items[0];
	check_str("guid", it->guid, "https://notes.example/2024/03/first");
	check_str("url", it->url, "https://notes.example/2024/03/first");
	/* JSON Feed titles are plain text */
	check_str("title", it->title, "First note: AT&T <rules>");
	check_str("summary", it->summary, "<p>A summary in plain text &amp; "
	    "angle &lt;brackets&gt;.</p>");
	check_str("content", it->content, "<p>Hello <em>world</em>.</p>");
	assert_int_equal(it->published, utc("2024-03-01T09:00:00Z"));
	assert_int_equal(it->updated, utc("2024-03-02T08:30:00Z"));
	check_str("authors", it->author, "Ada, Grace");
	check_cats(it, cats, NELEM(cats));
	check_str("image", it->thumbnail, "https://notes.example/img/first.png");
	assert_int_equal(it->nenclosures, 1);
	check_str("attachment", it->enclosures[0].url,
	    "https://notes.example/audio/first.mp3");
	check_str("mime", it->enclosures[0].type, "audio/mpeg");
	assert_int_equal(it->enclosures[0].length, 4096);

	it = &doc->items[1];
	check_str("numeric id", it->guid, "42");
	check_str("external_url", it->url, "https://elsewhere.example/article");
	check_str("content_text", it->content, "<p>Line one<br>\nline two</p>\n"
	    "<p>Second paragraph &amp; more.</p>");
	/* only modified: published follows it */
	assert_int_equal(it->published, utc("2024-03-03T12:00:00Z"));
	/* the feed's authors; the banner against the feed's own URL */
	check_str("feed author", it->author, "Feed Author");
	check_str("banner", it->thumbnail, "https://notes.example/img/banner.jpg");

	assert_null(doc->items[2].title);
	check_str("no title", doc->items[2].content,
	    "<p>An item with no title.</p>");
	feed_doc_free(doc);

	doc = parse("jsonfeed_1_0.json");
	assert_int_equal(doc->nitems, 2);
	check_str("1.0 author", doc->items[0].author, "Guest Writer");
	check_str("1.0 feed author", doc->items[1].author, "Solo Writer");
	check_str("content_text", doc->items[0].content, "<p>Plain body.</p>");
	assert_int_equal(doc->items[0].published, utc("2019-05-06T07:08:09Z"));
	feed_doc_free(doc);
}

static void
test_jsonfeed_broken(void **state)
{
	static const char *const files[] = {
		"jsonfeed_broken.json", "jsonfeed_truncated.json",
	};
	size_t i;

	(void)state;
	/*
	 * json-c gives nothing for a broken document; what is recovered is
	 * the feed's fields before "items" and every item that was complete
	 * before the break.
	 */
	for (i = 0; i < NELEM(files); i++) {
		struct feed_doc *doc = parse(files[i]);

		check_str(files[i], doc->title, "Broken in the middle");
		check_str(files[i], doc->link, "https://broken.example/");
		assert_int_equal(doc->nitems, 2);
		check_str(files[i], doc->items[0].title, "Alpha");
		check_str(files[i], doc->items[1].title,
		    "Beta, with a } in \"quotes\" and [brackets]");
		assert_non_null(doc->error);
		assert_non_null(strstr(doc->error, "JSON"));
		feed_doc_free(doc);
	}
}

static void
test_atom10(void **state)
{
	static const char *const cats[] = { "Technology", "news" };
	struct feed_doc *doc = parse("atom10.xml");
	const struct feed_item *it;

	(void)state;
	assert_int_equal(doc->format, FEED_FORMAT_ATOM);
	check_str("title", doc->title, "Atom & Friends");
	check_str("link", doc->link, "https://atom.example/blog/");
	check_str("self", doc->self_link, "https://atom.example/feeds/atom.xml");
	check_str("xml:lang", doc->language, "en-US");
	assert_null(doc->error);
	assert_int_equal(doc->nitems, 4);

	it = &doc->items[0];
	check_str("html title", it->title, "Five shapes of AT&T");
	/* rel=alternate beats no rel, never self/replies/enclosure */
	check_str("url", it->url, "https://atom.example/blog/posts/one");
	check_str("guid", it->guid, "tag:atom.example,2024:1");
	assert_int_equal(it->published, utc("2024-04-30T08:00:00Z"));
	assert_int_equal(it->updated, utc("2024-05-01T08:00:00Z"));
	check_str("authors", it->author, "Alice, Bob, carol@atom.example");
	check_cats(it, cats, NELEM(cats));
	assert_int_equal(it->nenclosures, 1);
	check_str("enclosure", it->enclosures[0].url,
	    "https://atom.example/blog/media/1.mp3");
	check_str("enclosure type", it->enclosures[0].type, "audio/mpeg");
	assert_int_equal(it->enclosures[0].length, 1234);
	check_str("text summary", it->summary, "<p>Plain summary with "
	    "&lt;angle&gt; brackets &amp; an ampersand.</p>\n"
	    "<p>Second paragraph.</p>");
	/* xhtml: the wrapper div goes, tags stay, text is escaped */
	check_str("xhtml content", it->content, "<p class=\"lead\">Hello "
	    "<b>bold</b> &amp; <a href=\"https://x.example/?a=1&amp;b=2\">link"
	    "</a><br>after break</p><img src=\"https://atom.example/blog/"
	    "pic.png\" alt=\"a &quot;pic&quot;\">");

	it = &doc->items[1];
	/* an entry's xml:base is relative to nothing here: absolute */
	check_str("url", it->url, "https://elsewhere.example/dir/sub/page.html");
	check_str("thumbnail", it->thumbnail,
	    "https://elsewhere.example/dir/thumb.jpg");
	/* only updated: published is updated */
	assert_int_equal(it->published, utc("2024-04-29T09:00:00Z"));
	assert_int_equal(it->updated, utc("2024-04-29T09:00:00Z"));
	check_str("html content", it->content, "<p>HTML <i>content</i></p>");
	/* no author of its own: the feed's */
	check_str("inherited", it->author, "Feed Owner");

	it = &doc->items[2];
	check_str("text content", it->content,
	    "<p>Line one<br>\nline two</p>\n<p>Para two &amp; more</p>");
	/* <source> must not leak into the entry */
	check_str("title", it->title, "Text content, inherited author");
	check_str("author", it->author, "Feed Owner");
	assert_int_equal(it->updated, utc("2024-04-28T09:00:00Z"));

	it = &doc->items[3];
	assert_null(it->content);
	assert_null(it->url);
	assert_int_equal(it->nenclosures, 1);
	feed_doc_free(doc);

	doc = parse("no_namespace_atom.xml");
	assert_int_equal(doc->format, FEED_FORMAT_ATOM);
	assert_int_equal(doc->nitems, 1);
	check_str("url", doc->items[0].url, "https://nons.example/1");
	feed_doc_free(doc);
}

static void
test_atom03(void **state)
{
	struct feed_doc *doc = parse("atom03.xml");
	const struct feed_item *it;

	(void)state;
	assert_int_equal(doc->format, FEED_FORMAT_ATOM);
	check_str("title", doc->title, "Alte Atom-Quelle");
	check_str("link", doc->link, "http://atom03.example/");
	check_str("lang", doc->language, "de");
	assert_int_equal(doc->nitems, 2);

	it = &doc->items[0];
	/* issued is published (created only ranks below it) */
	assert_int_equal(it->published, utc("2005-07-31T12:29:29Z"));
	assert_int_equal(it->updated, utc("2005-08-01T09:00:00Z"));
	check_str("escaped", it->content, "<p>Hallo <b>Welt</b></p>");
	check_str("author", it->author, "Feed-Autorin");

	it = &doc->items[1];
	/* mode="base64" is not read */
	assert_null(it->content);
	check_str("summary", it->summary, "<p>Only a summary.</p>");
	assert_int_equal(it->published, utc("2005-07-30T10:00:00Z"));
	feed_doc_free(doc);
}

static void
test_rss1(void **state)
{
	static const char *const cats[] = { "Netz" };
	struct feed_doc *doc = parse("rss1_items_outside.rdf");
	const struct feed_item *it;

	(void)state;
	assert_int_equal(doc->format, FEED_FORMAT_RSS1);
	check_str("title", doc->title, "RDF Site Summary");
	check_str("link", doc->link, "https://rdf.example/");
	check_str("dc:language", doc->language, "de-de");
	/* sy: daily, 4 times: every 6 hours */
	assert_int_equal(doc->ttl_minutes, 360);
	assert_int_equal(doc->nitems, 2);
	it = &doc->items[0];
	check_str("guid", it->guid, "https://rdf.example/1");
	check_str("url", it->url, "https://rdf.example/1");
	check_str("title", it->title, "Erster Eintrag");
	check_str("author", it->author, "Max Muster");
	assert_int_equal(it->published, utc("2023-01-25T17:03:02Z"));
	check_cats(it, cats, 1);
	check_str("summary", it->summary, "Kurz.");
	check_str("content", it->content, "<p>Lang.</p>");
	it = &doc->items[1];
	check_str("guid", it->guid, "urn:rdf-example:2");
	assert_null(it->url);
	assert_int_equal(it->published, utc("2023-01-24T00:00:00Z"));
	feed_doc_free(doc);
}

static void
test_media(void **state)
{
	struct feed_doc *doc = parse("media.rss");
	const struct feed_item *it;

	(void)state;
	assert_int_equal(doc->nitems, 4);
	it = &doc->items[0];
	check_str("thumbnail first", it->thumbnail,
	    "https://media.example/1-thumb.jpg");
	assert_int_equal(it->nenclosures, 1);

	it = &doc->items[1];
	check_str("image content", it->thumbnail,
	    "https://media.example/2-poster.png");
	assert_int_equal(it->nenclosures, 1);
	check_str("video", it->enclosures[0].url, "https://media.example/2.mp4");
	check_str("video type", it->enclosures[0].type, "video/mp4");
	assert_int_equal(it->enclosures[0].length, 99999);
	check_str("media:description", it->summary,
	    "<p>Group description, used because there is no other.</p>");

	it = &doc->items[2];
	check_str("image enclosure", it->thumbnail, "https://media.example/3.jpg");
	/* the repeated enclosure is there once */
	assert_int_equal(it->nenclosures, 2);
	check_str("own description", it->summary, "Own description wins.");

	check_str("by extension", doc->items[3].thumbnail,
	    "https://media.example/4.JPG?size=l");
	feed_doc_free(doc);
}

static void
test_ttl(void **state)
{
	struct feed_doc *doc = parse("sy_update.rss");

	(void)state;
	assert_int_equal(doc->ttl_minutes, 30);
	feed_doc_free(doc);
	doc = parse("ismg_style.rss");
	assert_int_equal(doc->ttl_minutes, 30);
	feed_doc_free(doc);
	doc = parse("atom10.xml");
	assert_int_equal(doc->ttl_minutes, 0);
	feed_doc_free(doc);
}

static void
test_recover(void **state)
{
	struct feed_doc *doc = parse("recover.rss");

	(void)state;
	/* libxml2 recovers; every item stays, &amp; still works after */
	assert_int_equal(doc->nitems, 4);
	check_str("1", doc->items[0].title,
	    "Q with a bare ampersand & then an escaped one");
	check_str("2", doc->items[1].title,
	    "An undefined entity, then & and \u00e9");
	check_str("3", doc->items[2].title, "Mismatched tag inside");
	check_str("4", doc->items[3].title, "Still here after the errors & fine");
	check_str("4", doc->items[3].url, "https://recover.example/4");
	assert_non_null(doc->error);
	assert_memory_equal(doc->error, "line 6: ", 8);
	feed_doc_free(doc);
}

static void
test_hostile(void **state)
{
	static const char *const bad[] = {
		"\x1b", "\x07", "\xc2\x9b", "\xc2\x9d", "\xe2\x80\xae",
		"\xc2\x85",
	};
	struct feed_doc *doc = parse("hostile.rss");
	struct strv all = STRV_INIT;
	size_t i, k;

	(void)state;
	assert_int_equal(doc->nitems, 1);
	collect_strings(doc, &all);
	assert_true(all.n >= 8);
	for (i = 0; i < all.n; i++)
		for (k = 0; k < NELEM(bad); k++)
			if (strstr(all.v[i], bad[k]) != NULL)
				fail_msg("control bytes survive in [%s]",
				    all.v[i]);
	assert_non_null(strstr(doc->items[0].title, "Raw ESC"));
	assert_non_null(strstr(doc->items[0].title, "gnp.exe"));
	check_str("author", doc->items[0].author, "Mallory [31m");
	feed_doc_free(doc);
	strv_free(&all);
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
	assert_null(doc->items[0].title);
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

/* API details */

static void
test_api(void **state)
{
	static const char late[] =
	    "<rss><channel><item><title>x</title></item></channel></rss>";
	struct feed_parser *p;
	struct feed_doc *doc;
	char *cause = NULL;

	(void)state;
	check_str("rss", feed_format_name(FEED_FORMAT_RSS), "rss");
	check_str("rss1", feed_format_name(FEED_FORMAT_RSS1), "rss1");
	check_str("atom", feed_format_name(FEED_FORMAT_ATOM), "atom");
	check_str("json", feed_format_name(FEED_FORMAT_JSONFEED), "jsonfeed");
	check_str("unknown", feed_format_name(FEED_FORMAT_UNKNOWN), "unknown");
	check_str("out of range", feed_format_name(FEED_FORMAT_COUNT),
	    "unknown");
	feed_parser_free(NULL);
	feed_doc_free(NULL);

	/* zero-length pushes are harmless; an empty feed is still a feed */
	p = feed_parser_new(NULL);
	assert_int_equal(feed_parser_push(p, "", 0), 0);
	assert_int_equal(feed_parser_push(p, "<rss><channel>", 14), 0);
	assert_int_equal(feed_parser_push(p, "", 0), 0);
	assert_int_equal(feed_parser_push(p, "</channel></rss>", 16), 0);
	doc = feed_parser_finish(p, &cause);
	assert_non_null(doc);
	assert_int_equal(doc->nitems, 0);
	assert_null(doc->error);
	assert_null(cause);
	feed_parser_free(p);
	feed_doc_free(doc);

	/* pushing after the end of the root is accepted and ignored */
	p = feed_parser_new(NULL);
	assert_int_equal(feed_parser_push(p, "<rss/>", 6), 0);
	assert_int_equal(feed_parser_push(p, late, strlen(late)), 0);
	doc = feed_parser_finish(p, NULL);
	assert_int_equal(doc->nitems, 0);
	feed_parser_free(p);
	feed_doc_free(doc);

	/* freeing without finishing */
	p = feed_parser_new(NULL);
	feed_parser_push(p, "<rss><channel><item><title>x", 28);
	feed_parser_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ismg_seed),
		cmocka_unit_test(test_ismg_own),
		cmocka_unit_test(test_default_namespace),
		cmocka_unit_test(test_html_entities),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_cdata),
		cmocka_unit_test(test_document_starts),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_garbage_after_root),
		cmocka_unit_test(test_not_feeds),
		cmocka_unit_test(test_jsonfeed),
		cmocka_unit_test(test_jsonfeed_broken),
		cmocka_unit_test(test_atom10),
		cmocka_unit_test(test_atom03),
		cmocka_unit_test(test_rss1),
		cmocka_unit_test(test_media),
		cmocka_unit_test(test_ttl),
		cmocka_unit_test(test_recover),
		cmocka_unit_test(test_hostile),
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
		cmocka_unit_test(test_shared_feeds),
		cmocka_unit_test(test_shared_values),
		cmocka_unit_test(test_api),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
