/*
 * brief: the briefing without a cache -- articles handed in, grouped,
 * cross-referenced, excerpted, escaped and wrapped; the template language
 * and its errors; the built-in templates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "config.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
/* 2026-12-07 08:00:00 UTC; the runner sets TZ=UTC */
#define NOW ((int64_t)1796630400)
#define HOUR 3600

static void
split_into(struct strv *sv, const char *list)
{
	const char *p = list;

	while (p != NULL && *p != '\0') {
		const char *sp = strchr(p, ' ');
		size_t n = sp != NULL ? (size_t)(sp - p) : strlen(p);

		strv_push(sv, xstrndup(p, n));
		p = sp != NULL ? sp + 1 : NULL;
	}
}

/* An article: countries, topics and tags as space-separated lists. */
static void
add(struct brief *b, int64_t id, const char *title, const char *url,
    int64_t date, const char *countries, const char *topics,
    const char *text)
{
	struct brief_article a = { 0 };

	a.id = id;
	a.title = xstrdup(title);
	a.url = url != NULL ? xstrdup(url) : NULL;
	a.feed_key = xstrdup("wire");
	a.feed_title = xstrdup("Meridian Wire");
	a.date = date;
	split_into(&a.countries, countries);
	split_into(&a.topics, topics);
	a.text = text != NULL ? xstrdup(text) : NULL;
	brief_add(b, &a);
}

static char *
render(const struct brief *b, enum brief_format f, enum brief_group g,
    const char *tpl)
{
	struct brief_options o = { 0 };
	struct brief_template *t;
	struct str out = STR_INIT;
	char *cause = NULL;
	const char *src = tpl != NULL ? tpl : brief_template_builtin(f);

	o.format = f;
	o.group = g;
	o.generated = NOW;
	o.since = NOW - 24 * HOUR;
	o.excerpt = 2;
	t = brief_template_parse(src, strlen(src), f, "test", &cause);
	if (t == NULL)
		fail_msg("template: %s", cause);
	brief_render(b, &o, t, &out);
	brief_template_free(t);
	return str_steal(&out);
}

static size_t
count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* "a" before "b" in s, both present */
static void
assert_order(const char *s, const char *a, const char *b)
{
	const char *pa = strstr(s, a), *pb = strstr(s, b);

	if (pa == NULL || pb == NULL || pa > pb)
		fail_msg("'%s' should come before '%s' in:\n%s", a, b, s);
}

static struct brief *
sample(void)
{
	struct brief *b = brief_new();

	add(b, 1, "US and Japan Pledge Deepened Cyberspace Collaboration",
	    "https://www.inforisktoday.in/us-japan-a-00001", NOW - 2 * HOUR,
	    "CN JP US", "nation-state cybercrime",
	    "Vow Comes Amid Intensifying Concern Over Chinese Ambitions\n"
	    "A pledge Wednesday from top U.S. and Japanese national security "
	    "officials included a vow. The Marine Corps will deploy to Okinawa. "
	    "Dr. Smith was not there.");
	add(b, 2, "Beijing Warns on Strait Drills", "https://w.example/2",
	    NOW - 1 * HOUR, "CN TW", "military", "Short text.");
	add(b, 3, "Ransomware Hits Clinic", "https://w.example/3",
	    NOW - 3 * HOUR, "", "", NULL);
	return b;
}

/* ---- grouping and cross-references ---- */

static void
test_by_country(void **state)
{
	struct brief *b = sample();
	char *md = render(b, BRIEF_MD, BRIEF_BY_COUNTRY, NULL);

	(void)state;
	/* China names two articles: first; then the others by name */
	assert_order(md, "## China (2)", "## Japan (1)");
	assert_order(md, "## Japan (1)", "## Taiwan (1)");
	assert_order(md, "## Taiwan (1)", "## United States (1)");
	assert_order(md, "## United States (1)", "## No country named (1)");
	/* listed once, under the first group its title names */
	assert_int_equal(count_of(md, "### "), 3);
	assert_int_equal(count_of(md, "[US and Japan Pledge Deepened "
	    "Cyberspace Collaboration](https://www.inforisktoday.in/"
	    "us-japan-a-00001)"), 3);
	assert_order(md, "## Japan (1)", "### 2. [US and Japan");
	assert_order(md, "### 2. [US and Japan", "## Taiwan (1)");
	/* cross-referenced from China and the United States */
	assert_order(md, "## China (2)", "- No. 2, [US and Japan");
	assert_non_null(strstr(md, "(under Japan)"));
	assert_int_equal(count_of(md, "(under Japan)"), 2);
	assert_non_null(strstr(md, "- Also under: China, United States"));
	free(md);
	brief_free(b);
}

static void
test_by_topic(void **state)
{
	struct brief *b = sample();
	char *md = render(b, BRIEF_MD, BRIEF_BY_TOPIC, NULL);

	(void)state;
	/* no config: topics by key; then the articles without one */
	assert_order(md, "## cybercrime (1)", "## military (1)");
	assert_order(md, "## military (1)", "## nation-state (1)");
	assert_order(md, "## nation-state (1)", "## Other articles (1)");
	assert_int_equal(count_of(md, "### "), 3);
	assert_non_null(strstr(md, "- Also under: nation-state"));
	assert_non_null(strstr(md, "**Topics:** cybercrime (1), military (1), "
	    "nation-state (1)"));
	assert_non_null(strstr(md, "**Countries:** China (2), Japan (1), "
	    "Taiwan (1), United States (1)"));
	free(md);
	md = render(b, BRIEF_MD, BRIEF_BY_NONE, NULL);
	assert_non_null(strstr(md, "## Articles (3)"));
	/* newest first */
	assert_order(md, "### 1. [Beijing", "### 2. [US and Japan");
	assert_order(md, "### 2. [US and Japan", "### 3. [Ransomware");
	assert_null(strstr(md, "Also in this group"));
	free(md);
	md = render(b, BRIEF_MD, BRIEF_BY_FEED, NULL);
	assert_non_null(strstr(md, "## Meridian Wire (3)"));
	free(md);
	brief_free(b);
}

static void
test_empty(void **state)
{
	struct brief *b = brief_new();

	(void)state;
	for (int f = 0; f < BRIEF_FORMAT_COUNT; f++) {
		char *out = render(b, (enum brief_format)f, BRIEF_BY_TOPIC,
		    NULL);

		assert_non_null(strstr(out, "No articles in this period."));
		assert_non_null(strstr(out, "Briefing for 2026-12-07"));
		free(out);
	}
	brief_free(b);
}

/* ---- excerpts ---- */

static void
test_excerpt(void **state)
{
	static const struct {
		const char *text;
		size_t max;
		const char *want;     /* paragraphs joined with '|' */
	} cases[] = {
		{ "One. Two. Three.", 2, "One. Two." },
		{ "U.S. and Japanese officials met. They agreed.", 1,
		  "U.S. and Japanese officials met." },
		{ "Talks in the U.S. Officials said so. Next.", 1,
		  "Talks in the U.S. Officials said so." },
		{ "Dr. Smith said no. Gen. Lee said yes.", 1,
		  "Dr. Smith said no." },
		{ "He lives at No. 10 Downing Street. Next.", 1,
		  "He lives at No. 10 Downing Street." },
		{ "\"Stop,\" he said. \"Now!\" Then it ended.", 2,
		  "\"Stop,\" he said. \"Now!\"" },
		{ "Version 3.5 is out. Update now.", 1, "Version 3.5 is out." },
		{ "Subtitle without a stop\nFirst. Second.", 2,
		  "Subtitle without a stop|First." },
		{ "東京で会談。合意した。次の話。", 2, "東京で会談。合意した。" },
		{ "Is it? Yes! No.", 2, "Is it? Yes!" },
		{ "A\n\nB\nC", 0, "A|B|C" },
		{ "", 3, "" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct strv out = STRV_INIT;
		char *joined;

		brief_excerpt(cases[i].text, cases[i].max, &out);
		joined = strv_join(&out, "|");
		if (strcmp(joined, cases[i].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, joined,
			    cases[i].want);
		free(joined);
		strv_free(&out);
	}
}

static void
test_excerpt_long(void **state)
{
	struct str s = STR_INIT;
	struct strv out = STRV_INIT;

	(void)state;
	for (int i = 0; i < 200; i++)
		str_appendz(&s, "word ");
	str_appendz(&s, "end.");
	brief_excerpt(str_cstr(&s), 3, &out);
	assert_int_equal(out.n, 1);
	assert_true(strlen(out.v[0]) <= 600 + 3);
	assert_non_null(strstr(out.v[0], "word\xe2\x80\xa6"));
	strv_free(&out);
	str_free(&s);
}

/* ---- escaping: a hostile title is inert in every format ---- */

#define HOSTILE "Evil \x1b]52;c;SGVsbG8=\x07 \xe2\x80\xae" "desrever " \
	"<script>alert(1)</script> [x](http://evil) ](javascript:alert(1)) " \
	"![i](http://evil/i.png) *b* _i_ `c` &lt; | \xc2\x9b" "2J"

static void
test_hostile(void **state)
{
	struct brief *b = brief_new();
	char *md, *html, *txt;

	(void)state;
	add(b, 7, HOSTILE, "javascript:alert(1)", NOW, "JP", "", HOSTILE);
	add(b, 8, "# Heading", "https://ok.example/a(b)<c>\"d\"|*", NOW - 1,
	    "JP", "", NULL);
	add(b, 9, "1986. A year", "https://ok.example/y", NOW - 2, "JP", "",
	    "- not a list\n> not a quote");
	md = render(b, BRIEF_MD, BRIEF_BY_COUNTRY, NULL);
	html = render(b, BRIEF_HTML, BRIEF_BY_COUNTRY, NULL);
	txt = render(b, BRIEF_TXT, BRIEF_BY_COUNTRY, NULL);
	for (const char *const *p = (const char *const[]){ md, html, txt,
	    NULL }; *p != NULL; p++) {
		assert_null(strchr(*p, '\x1b'));
		assert_null(strchr(*p, '\x07'));
		assert_null(strstr(*p, "\xe2\x80\xae"));
		assert_null(strstr(*p, "\xc2\x9b"));
		assert_null(strstr(*p, "javascript:alert(1)\""));
	}
	/* Markdown: every piece of markup escaped, no link to javascript: */
	assert_int_equal(count_of(md, "<script"), count_of(md, "\\<script"));
	assert_non_null(strstr(md, "\\<script>"));
	assert_null(strstr(md, " [x](http://evil)"));
	assert_non_null(strstr(md, "\\[x\\](http://evil)"));
	assert_non_null(strstr(md, "\\](javascript:alert(1))"));
	assert_non_null(strstr(md, "!\\[i\\](http://evil/i.png)"));
	assert_non_null(strstr(md, "\\*b\\* \\_i\\_ \\`c\\` \\&lt; \\|"));
	assert_int_equal(count_of(md, "](javascript:"),
	    count_of(md, "\\](javascript:"));
	assert_null(strstr(md, "(javascript:alert(1))\n"));
	assert_non_null(strstr(md, "### 1. Evil"));
	assert_non_null(strstr(md, "[\\# Heading](https://ok.example/"
	    "a%28b%29%3Cc%3E%22d%22%7C%2A)"));
	assert_non_null(strstr(md, "[1986\\. A year]"));
	assert_non_null(strstr(md, "\n\\- not a list\n"));
	assert_non_null(strstr(md, "\n\\> not a quote\n"));
	/* HTML: text only, the link only where it is http(s) */
	assert_null(strstr(html, "<script"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_null(strstr(html, "href=\"javascript"));
	assert_non_null(strstr(html, "&amp;lt;"));
	assert_non_null(strstr(html, "href=\"https://ok.example/a(b)&lt;c&gt;"
	    "&quot;d&quot;|*\""));
	/* text: the characters, nothing the terminal acts on */
	assert_non_null(strstr(txt, "<script>alert(1)</script>"));
	free(md);
	free(html);
	free(txt);
	brief_free(b);
}

/* ---- the text briefing is wrapped at 72 columns ---- */

static void
test_wrap_72(void **state)
{
	struct brief *b = brief_new();
	char *txt;
	const char *line;

	(void)state;
	add(b, 1, "Japan and China hold emergency maritime talks after a coast "
	    "guard standoff near the Senkaku Islands, officials said",
	    "https://meridian-wire.example/world/2026/japan-china-maritime-"
	    "talks-after-coast-guard-standoff", NOW, "JP CN", "diplomacy",
	    "Senior officials from Japan and China met in Beijing on Thursday "
	    "for unscheduled maritime talks, two days after coast guard "
	    "vessels shadowed each other.");
	add(b, 2, "名古屋港のコンテナターミナル、ランサムウェア被害で一時停止、"
	    "復旧の見通し立たず、港湾当局が発表した内容によると影響は広範囲",
	    "https://tokyo.example/a", NOW - 1, "JP", "ransomware",
	    "名古屋港のコンテナターミナルがランサムウェアの被害を受け、"
	    "一時的に業務を停止した。港湾当局によると、復旧の見通しは立って"
	    "いない。");
	txt = render(b, BRIEF_TXT, BRIEF_BY_COUNTRY, NULL);
	for (line = txt; *line != '\0'; ) {
		const char *nl = strchr(line, '\n');
		size_t n = nl != NULL ? (size_t)(nl - line) : strlen(line);
		size_t cols = text_cols(line, n);

		/* only a link alone on its line may be wider */
		if (cols > 72 && !(strncmp(line, "   https://", 11) == 0 &&
		    memchr(line + 3, ' ', n - 3) == NULL))
			fail_msg("line of %zu columns: %.*s", cols, (int)n,
			    line);
		line = nl != NULL ? nl + 1 : line + n;
	}
	/* a continuation keeps the item's indentation */
	assert_non_null(strstr(txt, "\n   Senior officials from Japan and"));
	assert_non_null(strstr(txt, "1. Japan and China hold emergency "
	    "maritime talks after a coast guard\n   standoff"));
	assert_non_null(strstr(txt, "\n   https://meridian-wire.example/world/"
	    "2026/japan-china-maritime-talks-after-coast-guard-standoff\n"));
	free(txt);
	brief_free(b);
}

static void
test_wrap_text(void **state)
{
	static const struct {
		const char *in;
		size_t width;
		const char *want;
	} cases[] = {
		{ "short", 20, "short\n" },
		{ "- one two three four five", 12,
		  "- one two\n  three four\n  five\n" },
		{ "  12. alpha beta gamma", 20, "  12. alpha beta\n"
		  "      gamma\n" },
		{ "see https://example.com/a/very/long/link now", 16,
		  "see\nhttps://example.com/a/very/long/link\nnow\n" },
		{ "日本語の文章を折り返す", 10, "日本語の文\n章を折り返\nす\n" },
		{ "a\n\nb", 10, "a\n\nb\n" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct str out = STR_INIT;

		brief_wrap_text(&out, cases[i].in, strlen(cases[i].in),
		    cases[i].width);
		if (strcmp(str_cstr(&out), cases[i].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i,
			    str_cstr(&out), cases[i].want);
		str_free(&out);
	}
}

/* ---- the template language ---- */

static void
test_template_language(void **state)
{
	static const struct {
		const char *tpl;
		const char *want;
	} cases[] = {
		{ "{{title}}", "T" },
		{ "{{! a comment }}{{count}}", "2" },
		/* a list, its positions, a name from outside the list */
		{ "{{#groups}}{{label}}{{#@first}}<{{/@first}}{{@index}}"
		  "{{^@last}},{{/@last}}{{/groups}}", "Japan<1,No country named2" },
		{ "{{#groups}}{{#articles}}{{title}}/{{format}} "
		  "{{/articles}}{{/groups}}", "a/md b/md " },
		/* a value as a condition, and inverted */
		{ "{{#query}}q={{query}}{{/query}}{{^query}}none{{/query}}",
		  "none" },
		{ "{{^groups}}empty{{/groups}}ok", "ok" },
		/* a line holding only a section tag leaves no line */
		{ "A\n{{#groups}}\n- {{label}}\n{{/groups}}\nB\n",
		  "A\n- Japan\n- No country named\nB\n" },
		{ "A\n  {{! note }}  \nB", "A\nB" },
		/* but one beside text keeps its line */
		{ "x {{#groups}}y{{/groups}}\n", "x yy\n" },
	};
	struct brief *b = brief_new();

	(void)state;
	add(b, 1, "a", NULL, NOW, "JP", "", NULL);
	add(b, 2, "b", NULL, NOW - 1, "", "", NULL);
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct brief_options o = { 0 };
		struct brief_template *t;
		struct str out = STR_INIT;
		char *cause = NULL;

		o.group = BRIEF_BY_COUNTRY;
		o.title = "T";
		o.generated = NOW;
		t = brief_template_parse(cases[i].tpl, strlen(cases[i].tpl),
		    BRIEF_MD, "t", &cause);
		if (t == NULL)
			fail_msg("case %zu: %s", i, cause);
		brief_render(b, &o, t, &out);
		if (strcmp(str_cstr(&out), cases[i].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i,
			    str_cstr(&out), cases[i].want);
		str_free(&out);
		brief_template_free(t);
	}
	brief_free(b);
}

static void
test_template_errors(void **state)
{
	static const struct {
		const char *tpl;
		const char *want;
	} cases[] = {
		{ "x\n{{titel}}", "t.md:2: unknown name 'titel' in the briefing "
		  "\xe2\x80\x94 did you mean 'title'?" },
		{ "{{#groups}}\n{{#articles}}{{nubmer}}{{/articles}}{{/groups}}",
		  "t.md:2: unknown name 'nubmer' in an article \xe2\x80\x94 did "
		  "you mean 'number'?" },
		{ "{{#groups}}\n\nx", "t.md:1: '{{#groups}}' is never closed "
		  "with '{{/groups}}'" },
		{ "{{#groups}}{{/articles}}", "t.md:1: '{{/articles}}' where "
		  "'{{/groups}}' closes the section of line 1" },
		{ "{{/groups}}", "t.md:1: '{{/groups}}' closes no section" },
		{ "{{groups}}", "t.md:1: 'groups' is a list: show it with "
		  "{{#groups}} ... {{/groups}}" },
		{ "a {{ title", "t.md:1: '{{' is not closed with '}}'" },
		{ "{{<script>}}", "t.md:1: '{{<script>}}' is not a name" },
		{ "{{@first}}", "t.md:1: '@first' is only known inside a list" },
		{ "{{#groups}}{{@second}}{{/groups}}", "t.md:1: unknown name "
		  "'@second'" },
		{ "{{articles}}", "t.md:1: unknown name 'articles' in the "
		  "briefing" },
	};
	struct str deep = STR_INIT;
	char *cause = NULL;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		cause = NULL;
		assert_null(brief_template_parse(cases[i].tpl,
		    strlen(cases[i].tpl), BRIEF_MD, "t.md", &cause));
		assert_non_null(cause);
		if (strncmp(cause, cases[i].want, strlen(cases[i].want)) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, cause,
			    cases[i].want);
		free(cause);
	}
	/* nesting is bounded */
	for (int i = 0; i < 40; i++)
		str_appendz(&deep, "{{#title}}");
	cause = NULL;
	assert_null(brief_template_parse(deep.p, deep.len, BRIEF_MD, "t.md",
	    &cause));
	assert_non_null(strstr(cause, "nested deeper than 16"));
	free(cause);
	str_free(&deep);
	/* not text */
	cause = NULL;
	assert_null(brief_template_parse("a\0b", 3, BRIEF_MD, "t.md", &cause));
	assert_non_null(strstr(cause, "not UTF-8 text"));
	free(cause);
}

/* The shipped templates compile and name every part of an article. */
static void
test_builtin(void **state)
{
	struct brief *b = sample();

	(void)state;
	for (int f = 0; f < BRIEF_FORMAT_COUNT; f++) {
		char *out = render(b, (enum brief_format)f, BRIEF_BY_COUNTRY,
		    NULL);

		assert_non_null(strstr(out, "Meridian Wire"));
		assert_non_null(strstr(out, "2026-12-07 06:00"));
		assert_non_null(strstr(out, "China"));
		assert_non_null(strstr(out, "A pledge Wednesday"));
		assert_null(strstr(out, "The Marine Corps"));
		assert_null(strstr(out, "{{"));
		free(out);
	}
	brief_free(b);
}

static void
test_names(void **state)
{
	enum brief_format f;
	enum brief_group g;

	(void)state;
	assert_int_equal(brief_format_parse("HTML", &f), 0);
	assert_int_equal(f, BRIEF_HTML);
	assert_int_equal(brief_format_parse("text", &f), 0);
	assert_int_equal(f, BRIEF_TXT);
	assert_int_equal(brief_format_parse("pdf", &f), -1);
	assert_string_equal(brief_format_name(BRIEF_TXT), "txt");
	assert_int_equal(brief_group_parse("Region", &g), 0);
	assert_int_equal(g, BRIEF_BY_REGION);
	assert_int_equal(brief_group_parse("author", &g), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_country),
		cmocka_unit_test(test_by_topic),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_excerpt),
		cmocka_unit_test(test_excerpt_long),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_wrap_72),
		cmocka_unit_test(test_wrap_text),
		cmocka_unit_test(test_template_language),
		cmocka_unit_test(test_template_errors),
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
