/*
 * opml: subscription lists in every shape of tests/fixtures/opml, the
 * hostile ones (entity bombs, XXE, depth, size, command feeds), tag names,
 * which feeds an import adds and the config text it writes (read back by
 * the real config loader), and export escaping and folders.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "opml.h"
#include "str.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *
top(void)
{
	const char *t = getenv("SITREP_TOP");

	return t != NULL && t[0] != '\0' ? t : ".";
}

static char *
slurp(const char *name, size_t *n)
{
	char *path = xasprintf("%s/tests/fixtures/opml/%s", top(), name);
	FILE *f = fopen(path, "rb");
	struct str s = STR_INIT;
	char buf[8192];
	size_t k;

	if (f == NULL)
		fail_msg("cannot read %s", path);
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	fclose(f);
	free(path);
	*n = s.len;
	return str_steal(&s);
}

static struct opml_doc *
parse_ok(const char *text, size_t n)
{
	char *cause = NULL;
	struct opml_doc *d = opml_parse(text, n, &cause);

	if (d == NULL)
		fail_msg("should parse: %s", cause);
	return d;
}

static char *
parse_fails(const char *text, size_t n)
{
	char *cause = NULL;

	assert_null(opml_parse(text, n, &cause));
	assert_non_null(cause);
	return cause;
}

static const struct opml_feed *
feed(const struct opml_doc *d, const char *url)
{
	for (size_t i = 0; i < d->nfeeds; i++)
		if (strcmp(d->feeds[i].url, url) == 0)
			return &d->feeds[i];
	fail_msg("no feed %s", url);
	return NULL;
}

static char *
tags_of(const struct opml_feed *f)
{
	return strv_join(&f->tags, ",");
}

static void
assert_tags(const struct opml_feed *f, const char *want)
{
	char *got = tags_of(f);

	if (strcmp(got, want) != 0)
		fail_msg("%s: tags '%s', want '%s'", f->url, got, want);
	free(got);
}

/* ---- shapes ---- */

static void
test_shapes(void **state)
{
	size_t n;
	char *text;
	struct opml_doc *d;
	const struct opml_feed *f;

	(void)state;
	text = slurp("feedly.opml", &n);
	d = parse_ok(text, n);
	assert_string_equal(d->title, "Mika subscriptions in feedly Cloud");
	/* listed in two folders: one feed, both tags */
	assert_int_equal(d->nfeeds, 4);
	f = feed(d, "https://therecord.media/feed");
	assert_tags(f, "Cyber-Security,Asia-Pacific");
	assert_string_equal(f->site_url, "https://therecord.media");
	f = feed(d, "https://breachdesk.example.com/feed?src=feedly#top");
	assert_string_equal(f->title,
	    "Threat Intel: \"Breach Desk\" & Co; daily");
	opml_doc_free(d);
	free(text);

	text = slurp("inoreader.opml", &n);
	d = parse_ok(text, n);
	assert_int_equal(d->nfeeds, 3);
	/* ISO-8859-1, nested folders, xmlurl in lower case */
	f = feed(d, "https://www.lemonde.fr/international/rss_full.xml");
	assert_string_equal(f->title, "Le Monde \xc3\xa0 l'international");
	assert_tags(f, "Geopolitics/Europe");
	assert_tags(feed(d, "https://feeds.bbci.co.uk/news/world/rss.xml"),
	    "Geopolitics");
	assert_tags(feed(d, "https://warontherocks.com/feed/"), "");
	opml_doc_free(d);
	free(text);

	text = slurp("newsboat-opml2.opml", &n);
	d = parse_ok(text, n);
	assert_int_equal(d->nfeeds, 4);
	assert_tags(feed(d, "https://www.cisa.gov/cybersecurity-advisories/"
	    "all.xml"), "cyber,us-gov,advisories/cisa");
	assert_int_equal(d->nskipped, 2);
	assert_non_null(strstr(d->skipped[0].why, "command feed (exec:)"));
	assert_non_null(strstr(d->skipped[1].why, "query feed"));
	opml_doc_free(d);
	free(text);

	text = slurp("freshrss.opml", &n);
	d = parse_ok(text, n);
	assert_int_equal(d->nfeeds, 4);
	assert_tags(feed(d, "https://rss.dw.com/rdf/rss-en-all"),
	    "G\xc3\xa9opolitique");
	assert_int_equal(d->nskipped, 2);
	assert_non_null(strstr(d->skipped[0].why, "XPath"));
	opml_doc_free(d);
	free(text);

	text = slurp("newsraft.opml", &n);
	d = parse_ok(text, n);
	assert_int_equal(d->nfeeds, 5);
	/* a name that is only the address is no name */
	assert_null(feed(d, "https://warontherocks.com/feed/")->title);
	assert_tags(feed(d, "https://tokyo-sec.example.jp/rss.xml"),
	    "\xe5\x9c\xb0\xe5\x9f\x9f/\xe6\x97\xa5\xe6\x9c\xac");
	opml_doc_free(d);
	free(text);

	text = slurp("opml1-url.opml", &n);
	d = parse_ok(text, n);
	assert_int_equal(d->nfeeds, 1);
	assert_string_equal(d->feeds[0].url,
	    "https://www.jpcert.or.jp/rss/jpcert-en.rdf");
	assert_int_equal(d->nskipped, 5);
	opml_doc_free(d);
	free(text);
}

/* ---- hostile files ---- */

static void
test_commands_refused(void **state)
{
	size_t n;
	char *text = slurp("exec.opml", &n);
	struct opml_doc *d = parse_ok(text, n);

	(void)state;
	assert_int_equal(d->nfeeds, 1);
	assert_string_equal(d->feeds[0].url, "https://example.com/fine.xml");
	assert_int_equal(d->nskipped, 7);
	for (size_t i = 0; i < 4; i++)
		assert_non_null(strstr(d->skipped[i].why, "never runs commands"));
	for (size_t i = 4; i < 7; i++)
		assert_non_null(strstr(d->skipped[i].why, "not an http or https"));
	assert_int_equal(d->notes.n, 1);
	assert_non_null(strstr(d->notes.v[0], "filtercmd is not run"));
	opml_doc_free(d);
	free(text);
}

static void
test_bombs(void **state)
{
	size_t n;
	char *text, *cause;
	struct str s = STR_INIT;
	clock_t t0;

	(void)state;
	t0 = clock();
	text = slurp("bomb.opml", &n);
	cause = parse_fails(text, n);
	assert_non_null(strstr(cause, "line 3: the file declares entities"));
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	free(cause);
	free(text);
	/* an external entity is refused before anything is read */
	text = slurp("xxe.opml", &n);
	cause = parse_fails(text, n);
	assert_non_null(strstr(cause, "declares entities"));
	assert_null(strstr(cause, "root:"));
	free(cause);
	free(text);
	/* entities never declared: an error with the line */
	cause = parse_fails(STRP("<opml><body>\n<outline text=\"a&nbsp;b\" "
	    "xmlUrl=\"https://x.example/\"/></body></opml>"));
	assert_non_null(strstr(cause, "line 2: not well-formed XML"));
	assert_non_null(strstr(cause, "nbsp"));
	free(cause);
	/* depth */
	str_appendz(&s, "<opml><body>");
	for (int i = 0; i < 200; i++)
		str_appendz(&s, "<outline text=\"f\">");
	cause = parse_fails(s.p, s.len);
	assert_non_null(strstr(cause, "nested deeper than 64 levels"));
	free(cause);
	str_free(&s);
	/* outlines */
	str_appendz(&s, "<opml><body>");
	for (int i = 0; i <= OPML_OUTLINES_MAX; i++)
		str_appendz(&s, "<outline/>");
	str_appendz(&s, "</body></opml>");
	cause = parse_fails(s.p, s.len);
	assert_non_null(strstr(cause, "more than 100000 outlines"));
	free(cause);
	str_free(&s);
	/* size, before anything is parsed */
	text = xcalloc(OPML_MAX_BYTES + 2, 1);
	memset(text, ' ', OPML_MAX_BYTES + 1);
	cause = parse_fails(text, OPML_MAX_BYTES + 1);
	assert_non_null(strstr(cause, "larger than 8 MiB"));
	free(cause);
	free(text);
}

static void
test_malformed(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "", "line 1: the file is empty" },
		{ "<opml><head><title>x</title></head></opml>",
		  "line 1: no <body>: not a subscription list" },
		{ "<rss/>", "line 1: not an OPML file: the root element is "
		  "<rss>, not <opml>" },
		{ "<opml><body>\n\n<outline text=\"x\">\n</body></opml>",
		  "line 4: not well-formed XML: Opening and ending tag "
		  "mismatch" },
		{ "<opml><body><outline text=\"a\" text=\"b\"/></body></opml>",
		  "line 1: not well-formed XML: Attribute text redefined" },
		{ "\xff\xfe<\0o\0", "line 1: not well-formed XML" },
	};
	size_t n;
	char *text = slurp("malformed.opml", &n), *cause;

	(void)state;
	cause = parse_fails(text, n);
	assert_non_null(strstr(cause, "line 11: not well-formed XML: Opening "
	    "and ending tag mismatch: outline line 7 and body"));
	free(cause);
	free(text);
	for (size_t i = 0; i < NELEM(cases); i++) {
		cause = parse_fails(cases[i].text, strlen(cases[i].text));
		if (strncmp(cause, cases[i].want, strlen(cases[i].want)) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, cause,
			    cases[i].want);
		free(cause);
	}
}

/* ---- tag names ---- */

static void
test_tag_names(void **state)
{
	static const struct {
		const char *in, *want;  /* want NULL: no tag */
	} cases[] = {
		{ "News", "News" },
		{ "Cyber Security", "Cyber-Security" },
		{ "Fraud Management & Cybercrime", "Fraud-Management-Cybercrime" },
		{ "tag_two", "tag_two" },
		{ "News / Asia", "News/Asia" },
		{ "/Boston/Weather/", "Boston/Weather" },
		{ "a//b", "a/b" },
		{ "-leading", "leading" },
		{ "\xe6\x97\xa5\xe6\x9c\xac \xe3\x83\x8b\xe3\x83\xa5\xe3\x83\xbc"
		  "\xe3\x82\xb9", "\xe6\x97\xa5\xe6\x9c\xac-\xe3\x83\x8b\xe3\x83"
		  "\xa5\xe3\x83\xbc\xe3\x82\xb9" },
		{ "\xf0\x9f\x94\xa5 hot", "hot" },
		{ "  ", NULL },
		{ "&&&", NULL },
		{ "", NULL },
	};
	char *t;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		t = opml_tag_name(cases[i].in, strlen(cases[i].in));
		if (cases[i].want == NULL ? t != NULL : t == NULL ||
		    strcmp(t, cases[i].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i,
			    t ? t : "(none)", cases[i].want ? cases[i].want :
			    "(none)");
		free(t);
	}
	/* at most 64 bytes, never cut inside a character */
	t = opml_tag_name(STRP("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	    "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	    "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	    "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	    "\xa9\xc3\xa9\xc3\xa9\xc3\xa9"));
	assert_int_equal(strlen(t), 64);
	free(t);
}

/* ---- import: what is new, and the config text ---- */

static void
test_plan(void **state)
{
	static const char list[] =
	    "<opml><body>"
	    "<outline text=\"Krebs on Security\" xmlUrl=\"https://KrebsOnSecurity."
	    "com/feed/\"/>"
	    "<outline text=\"CISA\" xmlUrl=\"https://example.org\"/>"
	    "<outline text=\"cisa\" xmlUrl=\"https://example.net/a\"/>"
	    "<outline text=\"CISA!\" xmlUrl=\"https://example.net/b\"/>"
	    "<outline text=\"\xe6\x9d\xb1\xe4\xba\xac\" xmlUrl=\"https://www."
	    "tokyo.example.jp/rss\"/>"
	    "</body></opml>";
	static const struct opml_have have[] = {
		{ "krebs", "https://krebsonsecurity.com/feed/" },
		{ "mine", "https://example.org/" },
		{ "cisa", "https://www.cisa.gov/x.xml" },
	};
	struct opml_doc *d = parse_ok(list, strlen(list));
	struct opml_plan p;

	(void)state;
	opml_plan_make(d, have, NELEM(have), &p);
	/* the same address: case of the host, a lone '/' */
	assert_int_equal(p.ndup, 2);
	assert_string_equal(p.dup_keys[0], "krebs");
	assert_string_equal(p.dup_keys[1], "mine");
	assert_int_equal(p.nadd, 3);
	assert_string_equal(p.keys[0], "cisa-2");
	assert_string_equal(p.keys[1], "cisa-3");
	assert_string_equal(p.keys[2], "tokyo-example-jp");
	opml_plan_clear(&p);
	opml_doc_free(d);
}

/* What the import writes loads back through the real config loader. */
static void
test_ini_round_trip(void **state)
{
	static const char list[] =
	    "<opml><body><outline text=\"Cyber; &amp; more\">"
	    "<outline text=\"A # hash; semi\" xmlUrl=\"https://a.example/f?x=1"
	    "#frag;y\" htmlUrl=\"https://a.example/\"/>"
	    "<outline text=\"Both &quot;double&quot; and 'single'\" "
	    "xmlUrl=\"https://b.example/feed\" category=\"/x/y, z\"/>"
	    "<outline text=\"'quoted'\" xmlUrl=\"https://c.example/\"/>"
	    "</outline></body></opml>";
	struct opml_doc *d = parse_ok(list, strlen(list));
	const char *dir = getenv("SITREP_TEST_TMP");
	char *path = xasprintf("%s/opml-ini.XXXXXX", dir ? dir : "/tmp");
	struct str ini = STR_INIT;
	struct opml_plan p;
	struct config *cfg;
	char *cause = NULL, *tags;
	int fd;

	(void)state;
	opml_plan_make(d, NULL, 0, &p);
	str_appendz(&ini, "[general]\n");
	opml_plan_ini(&ini, &p, "list.opml\nwith a newline", 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, ini.p, ini.len), (ssize_t)ini.len);
	close(fd);
	cfg = config_load(path, &cause);
	if (cfg == NULL)
		fail_msg("%s\n%s", cause, ini.p);
	assert_int_equal(cfg->nfeeds, 3);
	assert_int_equal(cfg->warnings.n, 0);
	assert_string_equal(cfg->feeds[0].url, "https://a.example/f?x=1#frag;y");
	assert_string_equal(cfg->feeds[0].title, "A # hash; semi");
	assert_string_equal(cfg->feeds[0].site_url, "https://a.example/");
	tags = strv_join(&cfg->feeds[0].tags, ",");
	assert_string_equal(tags, "Cyber-more");
	free(tags);
	assert_string_equal(cfg->feeds[1].title,
	    "Both \xe2\x80\x9d" "double\xe2\x80\x9d and 'single'");
	tags = strv_join(&cfg->feeds[1].tags, ",");
	assert_string_equal(tags, "Cyber-more,x/y,z");
	free(tags);
	assert_string_equal(cfg->feeds[2].title, "'quoted'");
	assert_non_null(strstr(ini.p, "# 3 feeds from list.opml with a "
	    "newline, "));
	config_free(cfg);
	unlink(path);
	free(path);
	str_free(&ini);
	opml_plan_clear(&p);
	opml_doc_free(d);
}

/* ---- export ---- */

static void
test_write(void **state)
{
	struct strv t1 = STRV_INIT, t2 = STRV_INIT, none = STRV_INIT;
	struct opml_out v[3];
	struct str out = STR_INIT;
	struct opml_doc *d;

	(void)state;
	strv_pushdup(&t1, "news/asia");
	strv_pushdup(&t1, "cyber");
	strv_pushdup(&t2, "news");
	v[0] = (struct opml_out){ "https://a.example/?x=1&y=2",
	    "A \"quoted\" & <b>", NULL, &t1 };
	v[1] = (struct opml_out){ "https://b.example/", NULL,
	    "https://b.example/home", &t2 };
	v[2] = (struct opml_out){ "https://c.example/", "C", NULL, &none };
	opml_write(&out, "t & t", v, 3, 1796630400);
	assert_non_null(strstr(out.p, "<title>t &amp; t</title>"));
	assert_non_null(strstr(out.p, "<dateCreated>Mon, 07 Dec 2026 "
	    "08:00:00 GMT</dateCreated>"));
	assert_non_null(strstr(out.p, "    <outline text=\"news\" "
	    "title=\"news\">\n      <outline text=\"asia\" title=\"asia\">\n"
	    "        <outline type=\"rss\" text=\"A &quot;quoted&quot; &amp; "
	    "&lt;b&gt;\""));
	assert_non_null(strstr(out.p, "xmlUrl=\"https://a.example/?x=1&amp;"
	    "y=2\" category=\"news/asia,cyber\"/>"));
	/* a feed without a name is named by its address */
	assert_non_null(strstr(out.p, "      <outline type=\"rss\" "
	    "text=\"https://b.example/\" title=\"https://b.example/\" "
	    "xmlUrl=\"https://b.example/\" htmlUrl=\"https://b.example/home\" "
	    "category=\"news\"/>\n    </outline>\n    <outline type=\"rss\" "
	    "text=\"C\""));
	d = parse_ok(out.p, out.len);
	assert_int_equal(d->nfeeds, 3);
	assert_string_equal(d->feeds[0].title, "A \"quoted\" & <b>");
	assert_tags(&d->feeds[0], "news/asia,cyber");
	assert_null(d->feeds[1].title);
	assert_tags(&d->feeds[2], "");
	opml_doc_free(d);
	str_free(&out);
	strv_free(&t1);
	strv_free(&t2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_commands_refused),
		cmocka_unit_test(test_bombs),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_tag_names),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_ini_round_trip),
		cmocka_unit_test(test_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
