/*
 * test_feed: feed documents (RSS 0.91/2.0, RSS 1.0, Atom 1.0/0.3, JSON
 * Feed) to struct feed_doc: what each format's elements become, the edge
 * cases of each, and the API.  What odd, hostile and real-world input does
 * (encodings, XXE, limits, chunking, the shared real feeds) is in
 * test_feed_input.c.
 *
 * Own fixtures are in tests/fixtures/feeds (synthetic, written for these
 * tests).  The ISMG seed under $SITREP_SHARED_FIXTURES is checked too when
 * that folder is there; that test skips without it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "feed_fixtures.h"
#include "str.h"
#include "xalloc.h"

/* Fixtures */

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
	/* RSS <author> "email (Name)" is the name with the email beside it
	 * (issue 13); an empty dc:creator none */
	check_str("rss author", it->author,
	    "News Desk (desk@bankriskdaily.example)");
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

	/* issue 13: an untitled item is shown with its first words, marked */
	check_str("made-up title", doc->items[2].title,
	    "An item with no title.");
	assert_int_equal(doc->items[2].title_derived, 1);
	assert_int_equal(doc->items[1].title_derived, 0);
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
	/* issue 13: the term is the category, the label its display form */
	static const char *const cats[] = { "tech", "news", "Technology" };
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
	check_str("authors", it->author,
	    "Alice, Bob (bob@atom.example), carol@atom.example");
	check_cats(it, cats, NELEM(cats));
	check_str("label", it->category_labels.v[0], "Technology");
	check_str("no label", it->category_labels.v[1], "news");
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
	check_str("inherited", it->author, "Feed Owner (owner@atom.example)");

	it = &doc->items[2];
	check_str("text content", it->content,
	    "<p>Line one<br>\nline two</p>\n<p>Para two &amp; more</p>");
	/* <source> must not leak into the entry */
	check_str("title", it->title, "Text content, inherited author");
	check_str("author", it->author, "Feed Owner (owner@atom.example)");
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
	/* libxml2 recovers; every item stays, &amp; still works after, and
	 * (issue 13) the bare '&' of "Q&A" keeps its "A" */
	assert_int_equal(doc->nitems, 4);
	check_str("1", doc->items[0].title,
	    "Q&A with a bare ampersand & then an escaped one");
	check_str("2", doc->items[1].title,
	    "An undefined &bogus; entity, then & and \u00e9");
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
		cmocka_unit_test(test_api),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
