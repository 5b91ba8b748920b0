/*
 * text: UTF-8, the T1 sanitiser, HTML to text, entities, widths, fitting
 * and wrapping.  Byte strings are written with explicit lengths (the BYTES
 * macro) so NUL and friends can sit inside them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "text.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define BYTES(lit) lit, sizeof(lit) - 1
#define FFFD "\xef\xbf\xbd"

/* UTF-8 */

struct decode_case {
	const char *in;
	size_t n;
	int want_len;
	uint32_t want_cp;
};

static const struct decode_case decode_cases[] = {
	{ BYTES("A"), 1, 0x41 },
	{ BYTES("\xc3\xa9"), 2, 0xE9 },
	{ BYTES("\xe2\x82\xac"), 3, 0x20AC },
	{ BYTES("\xf0\x9f\x98\x80"), 4, 0x1F600 },
	{ BYTES("\xf4\x8f\xbf\xbf"), 4, 0x10FFFF },
	{ BYTES("\xef\xbb\xbf"), 3, 0xFEFF },
	{ BYTES("\xc0\xaf"), -1, 0 },		/* overlong '/' */
	{ BYTES("\xc1\xbf"), -1, 0 },
	{ BYTES("\xe0\x80\xaf"), -1, 0 },	/* overlong, 3 bytes */
	{ BYTES("\xf0\x80\x80\xaf"), -1, 0 },	/* overlong, 4 bytes */
	{ BYTES("\xed\xa0\x80"), -1, 0 },	/* surrogate D800 */
	{ BYTES("\xed\xbf\xbf"), -1, 0 },	/* surrogate DFFF */
	{ BYTES("\xf4\x90\x80\x80"), -1, 0 },	/* 110000 */
	{ BYTES("\xf5\x80\x80\x80"), -1, 0 },
	{ BYTES("\xff"), -1, 0 },
	{ BYTES("\x80"), -1, 0 },		/* lone continuation */
	{ BYTES("\xe2\x82"), -1, 0 },		/* truncated */
	{ BYTES("\xe2\x28\xa1"), -1, 0 },	/* bad continuation */
	{ "\xe2\x82\xac", 2, -1, 0 },		/* truncated by n */
	{ "", 0, -1, 0 },
	{ BYTES("\0"), 1, 0 },
};

static void
test_utf8_decode(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(decode_cases); i++) {
		const struct decode_case *c = &decode_cases[i];
		uint32_t cp = 0xDEAD;
		int r = utf8_decode(c->in, c->n, &cp);

		if (r != c->want_len)
			print_error("case %zu: %d, want %d\n", i, r,
			    c->want_len);
		assert_int_equal(r, c->want_len);
		if (r > 0)
			assert_int_equal(cp, c->want_cp);
		assert_int_equal(utf8_valid(c->in, c->n), r > 0 ||
		    c->n == 0);
	}
}

static void
test_utf8_encode(void **state)
{
	char buf[4];
	uint32_t cp, back;
	size_t k;

	(void)state;
	assert_int_equal(utf8_encode(0x41, buf), 1);
	assert_memory_equal(buf, "A", 1);
	assert_int_equal(utf8_encode(0xE9, buf), 2);
	assert_memory_equal(buf, "\xc3\xa9", 2);
	assert_int_equal(utf8_encode(0x1F600, buf), 4);
	assert_memory_equal(buf, "\xf0\x9f\x98\x80", 4);
	/* not scalar values: U+FFFD */
	assert_int_equal(utf8_encode(0xD800, buf), 3);
	assert_memory_equal(buf, FFFD, 3);
	assert_int_equal(utf8_encode(0x110000, buf), 3);
	assert_memory_equal(buf, FFFD, 3);
	/* every scalar value survives encode + decode */
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		k = utf8_encode(cp, buf);
		assert_int_equal(utf8_decode(buf, k, &back), (int)k);
		assert_int_equal(back, cp);
	}
	assert_true(utf8_valid(BYTES("plain \xe6\x97\xa5\xe6\x9c\xac")));
	assert_false(utf8_valid(BYTES("ok then \xc0\xaf")));
}

/* The sanitiser (SECURITY.md T1) */

struct san_case {
	const char *in;
	size_t n;
	const char *want;
};

static const struct san_case san_cases[] = {
	{ BYTES("plain ascii"), "plain ascii" },
	{ BYTES("tab\tand\nlf"), "tab\tand\nlf" },
	{ BYTES("cr\r\nlf"), "cr\nlf" },
	{ BYTES("lone\rcr"), "lone\ncr" },
	{ BYTES("\r\r\n"), "\n\n" },
	/* OSC 52 clipboard write, BEL- and ST-terminated: dropped whole */
	{ BYTES("a\x1b]52;c;aGVsbG8=\x07" "b"), "ab" },
	{ BYTES("a\x1b]52;c;aGk=\x1b\\b"), "ab" },
	/* OSC 8 hyperlink: the text stays, the link goes */
	{ BYTES("\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\"), "click" },
	/* DCS request status string */
	{ BYTES("\x1bP$q\"p\x1b\\x"), "x" },
	{ BYTES("\x1bP$qm"), "P$qm" },	/* unterminated: ESC only */
	/* CSI */
	{ BYTES("\x1b[2Jcleared"), "cleared" },
	{ BYTES("\x1b[31mred\x1b[0m"), "red" },
	{ BYTES("\x1b[?1049h"), "" },
	{ BYTES("\x1b[12"), "[12" },	/* no final byte */
	{ BYTES("end\x1b"), "end" },	/* trailing lone ESC */
	{ BYTES("\x1b" "c"), "c" },	/* RIS: ESC only */
	/* unterminated OSC: its text stays, harmless without the ESC */
	{ BYTES("\x1b]0;title"), "]0;title" },
	/* an OSC cut short by another ESC is malformed */
	{ BYTES("\x1b]0;a\x1b[1mb"), "]0;ab" },
	/* C1 CSI U+009B (C2 9B) and C1 OSC with C1 ST */
	{ BYTES("\xc2\x9b" "31mred"), "red" },
	{ BYTES("\xc2\x9b"), "" },
	{ BYTES("\xc2\x9d" "0;t\xc2\x9c" "x"), "x" },
	{ BYTES("\x9b" "31m"), FFFD "31m" },	/* raw byte: invalid */
	/* bidi controls */
	{ BYTES("a\xe2\x80\xae" "b"), "ab" },		/* RLO */
	{ BYTES("\xe2\x80\x8e\xe2\x80\x8fx"), "x" },	/* LRM RLM */
	{ BYTES("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad"), "" },
	{ BYTES("\xe2\x81\xa6" "a\xe2\x81\xa7" "b\xe2\x81\xa8" "c\xe2\x81\xa9"),
	    "abc" },					/* U+2066..2069 */
	{ BYTES("\xef\xbb\xbfx"), "x" },		/* BOM */
	{ BYTES("soft\xc2\xadhyphen"), "softhyphen" },
	{ BYTES("a\x7f" "b"), "ab" },			/* DEL */
	{ BYTES("a\0b"), "ab" },			/* NUL inside */
	{ BYTES("\x01\x02\x07\x08\x0b\x0c\x1f" "z"), "z" },
	{ BYTES("\xc2\x80\xc2\x85\xc2\x9f" "z"), "z" },	/* C1 */
	/* invalid UTF-8: one U+FFFD per bad byte */
	{ BYTES("\xc0\xaf"), FFFD FFFD },
	{ BYTES("\xe0\x80\xaf"), FFFD FFFD FFFD },
	{ BYTES("\xf0\x80\x80\xaf"), FFFD FFFD FFFD FFFD },
	{ BYTES("\xed\xa0\x80"), FFFD FFFD FFFD },
	{ BYTES("\xf4\x90\x80\x80"), FFFD FFFD FFFD FFFD },
	{ BYTES("\xe2\x82"), FFFD FFFD },
	{ BYTES("abc\xe2"), "abc" FFFD },
	{ BYTES("\xff"), FFFD },
	/* kept */
	{ BYTES("\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\x98\x80"),
	    "\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\x98\x80" },
	{ BYTES("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"),
	    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9" },	/* ZWJ */
	{ BYTES(FFFD "\xe2\x80\xa8\xc2\xa0"), FFFD "\xe2\x80\xa8\xc2\xa0" },
	{ BYTES(""), "" },
	{ BYTES("\x1b[31m\xe2\x80\xae\xc2\x9b\x1b"), "" },
};

static void
check_clean_output(const char *s)
{
	size_t n = strlen(s);

	assert_true(utf8_valid(s, n));
	assert_null(memchr(s, 0x1b, n));
	assert_null(memchr(s, 0x07, n));
	assert_null(memchr(s, '\r', n));
	assert_null(strstr(s, "\xc2\x9b"));
	assert_null(strstr(s, "\xe2\x80\xae"));
	assert_true(text_is_clean(s, n));
}

static void
test_sanitize_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(san_cases); i++) {
		const struct san_case *c = &san_cases[i];
		char *once = text_sanitize(c->in, c->n);
		char *twice = text_sanitize(once, strlen(once));

		if (strcmp(once, c->want) != 0)
			print_error("case %zu: got \"%s\"\n", i, once);
		assert_string_equal(once, c->want);
		assert_string_equal(twice, once);	/* idempotent */
		check_clean_output(once);
		assert_int_equal(text_is_clean(c->in, c->n),
		    strlen(c->want) == c->n &&
		    memcmp(c->in, c->want, c->n) == 0);
		free(once);
		free(twice);
	}
}

/* _into appends and keeps what was there. */
static void
test_sanitize_into(void **state)
{
	struct str s = STR_INIT;

	(void)state;
	str_appendz(&s, "x:");
	text_sanitize_into(&s, BYTES("a\x1b[1mb"));
	text_sanitize_into(&s, BYTES(""));
	assert_string_equal(str_cstr(&s), "x:ab");
	str_free(&s);
}

/*
 * Idempotence and cleanliness on many generated strings built from the
 * pieces attackers use: escape introducers, terminators, C1 and bidi
 * controls, broken UTF-8, and ordinary text to glue them.
 */
static void
test_sanitize_random(void **state)
{
	static const char *const pieces[] = {
		"\x1b", "[", "]", "\\", "\x07", "P", "52;c;", "2J", "\xc2",
		"\x9b", "\x9c", "\x9d", "\xe2\x80", "\xae", "\xe2\x80\xae",
		"\r", "\n", "\t", "a", "\xc3\xa9", "\xe6\x97\xa5", "\xff",
		"\xed\xa0\x80", "\xf0\x9f", "\x98\x80", "\xef\xbb\xbf",
		"\xc2\xad", "\x7f", "0", ";", " ", "\xe2\x81\xa6", "\xc2\x85",
	};
	uint32_t seed = 12345;
	struct str in = STR_INIT;
	int iter, k, len;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		str_clear(&in);
		seed = seed * 1103515245u + 12345u;
		len = (int)((seed >> 16) % 24);
		for (k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			str_appendz(&in, pieces[(seed >> 16) % NELEM(pieces)]);
		}
		if (iter % 7 == 0)
			str_appendc(&in, '\0');	/* a NUL inside the bytes */

		char *once = text_sanitize(str_cstr(&in), in.len);
		char *twice = text_sanitize(once, strlen(once));

		assert_string_equal(twice, once);
		check_clean_output(once);
		free(once);
		free(twice);
	}
	str_free(&in);
}

struct str_case {
	const char *in;
	size_t n;
	const char *want;
};

static const struct str_case oneline_cases[] = {
	{ BYTES("  Hello   world  "), "Hello world" },
	{ BYTES("a\tb\nc\r\nd"), "a b c d" },
	{ BYTES("a\xc2\xa0\xc2\xa0" "b"), "a b" },		/* NBSP */
	{ BYTES("\xe3\x80\x80\xe5\x85\xa8\xe3\x80\x80"), "\xe5\x85\xa8" },
	{ BYTES("x\x1b[2Jy"), "xy" },
	{ BYTES("a\xe2\x80\xae" "b"), "ab" },
	{ BYTES("a \x01 b"), "a b" },
	{ BYTES(""), "" },
	{ BYTES(" \t\n "), "" },
	{ BYTES("no-change"), "no-change" },
};

static void
test_oneline(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(oneline_cases); i++) {
		char *got = text_oneline(oneline_cases[i].in,
		    oneline_cases[i].n);
		char *again = text_oneline(got, strlen(got));

		assert_string_equal(got, oneline_cases[i].want);
		assert_string_equal(again, got);
		free(got);
		free(again);
	}
}

static void
test_trim_eq(void **state)
{
	const char *s = " \t hi there \r\n";
	const char *p = s;
	size_t n;

	(void)state;
	n = text_trim(&p, strlen(s));
	assert_int_equal(n, 8);
	assert_memory_equal(p, "hi there", 8);
	p = "   ";
	assert_int_equal(text_trim(&p, 3), 0);
	p = "x";
	assert_int_equal(text_trim(&p, 1), 1);

	assert_true(text_eq_nocase(STRP("Content-Type"), "content-type"));
	assert_true(text_eq_nocase(STRP("GMT"), "gmt"));
	assert_true(text_eq_nocase("", 0, ""));
	assert_false(text_eq_nocase(STRP("GMT"), "gm"));
	assert_false(text_eq_nocase(STRP("GM"), "gmt"));
	assert_false(text_eq_nocase(STRP("abc"), "abd"));
	/* only s[0..n) counts: a longer buffer is fine */
	assert_true(text_eq_nocase("UTC+5", 3, "utc"));
}

/* Entities */

static void
test_entity_lookup(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{ "nbsp", "\xc2\xa0" }, { "eacute", "\xc3\xa9" },
		{ "Eacute", "\xc3\x89" }, { "mdash", "\xe2\x80\x94" },
		{ "rsquo", "\xe2\x80\x99" }, { "hellip", "\xe2\x80\xa6" },
		{ "amp", "&" }, { "AMP", "&" }, { "lt", "<" }, { "gt", ">" },
		{ "quot", "\"" }, { "apos", "'" }, { "euro", "\xe2\x82\xac" },
		{ "copy", "\xc2\xa9" }, { "NotEqualTilde", "\xe2\x89\x82\xcc\xb8" },
		{ "CounterClockwiseContourIntegral", "\xe2\x88\xb3" },
		{ "AElig", "\xc3\x86" }, { "zwnj", "\xe2\x80\x8c" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		const char *got = text_html_entity(cases[i].name,
		    strlen(cases[i].name));

		assert_non_null(got);
		assert_string_equal(got, cases[i].want);
	}
	assert_null(text_html_entity(STRP("notanentity")));
	assert_null(text_html_entity(STRP("NBSP")));	/* case matters */
	assert_null(text_html_entity(STRP("")));
	assert_null(text_html_entity(STRP("nbsp;")));
	/* the length counts, not a NUL */
	assert_string_equal(text_html_entity("ampersand", 3), "&");
	assert_null(text_html_entity("nb", 2));
}

/* Every reference in the generated list resolves to its expansion. */
static void
test_entity_all(void **state)
{
	const char *top = getenv("SITREP_TOP");
	char path[4096], line[512];
	FILE *f;
	int count = 0;

	(void)state;
	snprintf(path, sizeof path, "%s/tests/fixtures/text/entities.tsv",
	    top != NULL ? top : ".");
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		char *tab = strchr(line, '\t'), *p, *end;
		struct str want = STR_INIT;
		const char *got;

		if (line[0] == '#' || tab == NULL)
			continue;
		*tab = '\0';
		for (p = tab + 1;; p = end) {
			unsigned long cp = strtoul(p, &end, 16);
			char buf[4];

			if (end == p)
				break;
			str_append(&want, buf, utf8_encode((uint32_t)cp, buf));
		}
		got = text_html_entity(line, strlen(line));
		if (got == NULL)
			print_error("missing entity %s\n", line);
		assert_non_null(got);
		assert_string_equal(got, str_cstr(&want));
		str_free(&want);
		count++;
	}
	fclose(f);
	assert_true(count > 2000);
}

static void
test_html_escape(void **state)
{
	struct str s = STR_INIT;

	(void)state;
	text_html_escape_into(&s, STRP("<a href=\"x?a=1&b=2\">it's</a>"));
	assert_string_equal(str_cstr(&s),
	    "&lt;a href=&quot;x?a=1&amp;b=2&quot;&gt;it's&lt;/a&gt;");
	str_clear(&s);
	text_html_escape_into(&s, STRP("plain"));
	text_html_escape_into(&s, STRP(""));
	assert_string_equal(str_cstr(&s), "plain");
	/* escaping then decoding gives the text back */
	{
		char *back = text_from_html(s.p, s.len, 0);

		assert_string_equal(back, "plain");
		free(back);
	}
	str_free(&s);
}

/* HTML to text */

struct html_case {
	const char *in;
	int keep_lines;
	const char *want;
};

static const struct html_case html_cases[] = {
	/* XML already decoded one level of "AT&amp;amp;T" */
	{ "AT&amp;T", 0, "AT&T" },
	{ "&lt;b&gt;", 0, "<b>" },
	{ "&amp;lt;b&amp;gt;", 0, "&lt;b&gt;" },
	{ "AT&T and R&D", 0, "AT&T and R&D" },
	{ "<p>Hello <b>world</b></p><p>Second</p>", 0, "Hello world Second" },
	{ "<p>Hello <b>world</b></p><p>Second</p>", 1, "Hello world\nSecond" },
	{ "x<span>y</span>z", 0, "xyz" },
	{ "<div>a</div><div>b</div>", 0, "a b" },
	{ "a < b and c > d", 0, "a < b and c > d" },
	{ "1<2", 0, "1<2" },
	{ "< p>not a tag", 0, "< p>not a tag" },
	{ "<script>alert('x')</script>Text", 0, "Text" },
	{ "<SCRIPT type=text/javascript>x</SCRIPT>y", 0, "y" },
	{ "<script>if (a<b) s = '<p>';</script>z", 0, "z" },
	{ "<style>p { color: red }</style><p>Body</p>", 0, "Body" },
	{ "<noscript>Enable JS</noscript>ok", 0, "ok" },
	{ "<template><p>hidden</p></template>shown", 0, "shown" },
	{ "<iframe src=\"x\">fallback</iframe>after", 0, "after" },
	{ "<object data=x><object>in</object>hidden</object>after", 0,
	    "after" },
	{ "<iframe src=\"x\"/>kept", 0, "kept" },
	{ "<style>unterminated", 0, "" },
	{ "x&#x1F600;y", 0, "x\xf0\x9f\x98\x80y" },
	{ "&#233;&#xe9;&#XE9;&eacute;", 0, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" },
	{ "&#0;&#xD800;&#x110000;&#99999999999;", 0, FFFD FFFD FFFD FFFD },
	{ "&#128;&#150;&#151;&#153;", 0,
	    "\xe2\x82\xac\xe2\x80\x93\xe2\x80\x94\xe2\x84\xa2" },
	{ "&#x81;a", 0, "a" },		/* unmapped C1: sanitised away */
	{ "&#65&#66;C", 0, "ABC" },	/* numeric without ';' */
	{ "&#;&#x;&", 0, "&#;&#x;&" },
	{ "a&nbsp;&nbsp;b", 0, "a b" },
	{ "<p>caf&eacute; &mdash; na&iuml;ve&hellip;</p>", 0,
	    "caf\xc3\xa9 \xe2\x80\x94 na\xc3\xafve\xe2\x80\xa6" },
	{ "&copy 2023 &notanentity; &amp", 0,
	    "\xc2\xa9 2023 &notanentity; &" },
	{ "?a=1&copy=2&ampx", 0, "?a=1&copy=2&ampx" },
	{ "<a title=\"x > y\" href='a>b'>link</a> text", 0, "link text" },
	{ "<a title=it's>x</a>y", 0, "xy" },
	{ "<!-- <p>comment</p> -->visible", 0, "visible" },
	{ "a<!---->b<!-->c<!--->d", 0, "abcd" },
	{ "a<!-- unterminated comment", 0, "a" },
	{ "<![CDATA[<b>bold</b> & more]]>", 0, "bold & more" },
	{ "<!DOCTYPE html><html><body>x</body></html>", 0, "x" },
	{ "<?xml version=\"1.0\"?>x", 0, "x" },
	{ "text <a href=\"unterminated", 0, "text" },
	{ "<p>unclosed <b>bold", 0, "unclosed bold" },
	{ "line1<br>line2<br/>line3<BR />line4", 1,
	    "line1\nline2\nline3\nline4" },
	{ "line1<br>line2", 0, "line1 line2" },
	{ "<p>  spaced   out  </p>\n\n<p></p><p>next</p>", 1,
	    "spaced out\nnext" },
	{ "a<br><br><br>b", 1, "a\nb" },
	{ "<ul><li>one</li><li>two</li></ul>", 1, "one\ntwo" },
	{ "<h1>Title</h1><p>Body</p>", 0, "Title Body" },
	{ "<h2>Title</h2>Body", 1, "Title\nBody" },
	{ "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
	    1, "a b\nc" },
	{ "<pre>x = 1\n  y = 2</pre>after", 1, "x = 1\ny = 2\nafter" },
	{ "source\nnewlines\tare\r\nspaces", 1, "source newlines are spaces" },
	{ "<img src=x alt=\"pic\">caption", 0, "caption" },
	/* control characters decoded from references are sanitised */
	{ "&#x202e;evil&#x1b;[2J", 0, "evil" },
	{ "Title\x1b]52;c;aGk=\x07 here", 0, "Title here" },
	{ "&#x9b;", 0, "\xe2\x80\xba" },	/* windows-1252: U+203A */
	{ "", 0, "" },
	{ "", 1, "" },
};

static void
test_from_html(void **state)
{
	size_t i;

	(void)state;
	assert_true(NELEM(html_cases) >= 25);
	for (i = 0; i < NELEM(html_cases); i++) {
		const struct html_case *c = &html_cases[i];
		char *got = text_from_html(c->in, strlen(c->in), c->keep_lines);

		if (strcmp(got, c->want) != 0)
			print_error("case %zu \"%s\": got \"%s\"\n", i, c->in,
			    got);
		assert_string_equal(got, c->want);
		assert_true(text_is_clean(got, strlen(got)));
		free(got);
	}
}

static void
test_from_html_edges(void **state)
{
	char *got;
	static const char trunc[] = "<p>ab&amp;cd</p>";

	(void)state;
	got = text_from_html(NULL, 0, 0);
	assert_string_equal(got, "");
	free(got);
	{
		/* (NULL, 0) is an empty string everywhere */
		struct str o = STR_INIT;
		struct strv v = STRV_INIT;

		got = text_sanitize(NULL, 0);
		assert_string_equal(got, "");
		free(got);
		got = text_oneline(NULL, 0);
		assert_string_equal(got, "");
		free(got);
		assert_true(text_is_clean(NULL, 0));
		assert_int_equal(text_cols(NULL, 0), 0);
		text_html_escape_into(&o, NULL, 0);
		assert_int_equal(text_fit_into(&o, NULL, 0, 2, 1), 2);
		assert_string_equal(str_cstr(&o), "  ");
		text_wrap(&v, NULL, 0, 10);
		assert_int_equal(v.n, 0);
		str_free(&o);
	}
	/* only n bytes are read: a reference cut by n is text */
	got = text_from_html(trunc, 8, 0);
	assert_string_equal(got, "ab&am");
	free(got);
	/* NUL inside the bytes is dropped, text after it kept */
	got = text_from_html("a\0b", 3, 0);
	assert_string_equal(got, "ab");
	free(got);
}

/*
 * Generated markup soup: text_from_html never fails, its output is always
 * clean, and wrapping and fitting that output respect their widths.
 */
static void
test_random_markup(void **state)
{
	static const char *const pieces[] = {
		"<", ">", "</", "/>", "<p>", "</p>", "<br>", "<script>",
		"</script>", "<style", "<!--", "-->", "<![CDATA[", "]]>", "&",
		"&amp;", "&#", "&#x", "1F600", ";", "nbsp", "\"", "'", "=",
		" ", "\n", "a", "word", "\xe6\x97\xa5\xe6\x9c\xac", "\x1b]0;",
		"\x07", "\xc2\x9b", "\xe2\x80\xae", "\xff", "<pre>",
		"</pre>", "<object>", "<a href=", "e\xcc\x81", "<td>", "\t",
	};
	uint32_t seed = 777;
	struct str in = STR_INIT, fit = STR_INIT;
	int iter, k, len;

	(void)state;
	for (iter = 0; iter < 5000; iter++) {
		str_clear(&in);
		seed = seed * 1103515245u + 12345u;
		len = (int)((seed >> 16) % 40);
		for (k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			str_appendz(&in, pieces[(seed >> 16) % NELEM(pieces)]);
		}
		for (k = 0; k < 2; k++) {
			char *t = text_from_html(str_cstr(&in), in.len, k);
			size_t n = strlen(t), w = 1 + (size_t)iter % 13, i;
			struct strv lines = STRV_INIT;

			check_clean_output(t);
			if (!k)
				assert_null(strchr(t, '\n'));
			text_wrap(&lines, t, n, w);
			for (i = 0; i < lines.n; i++) {
				assert_true(text_is_clean(lines.v[i],
				    strlen(lines.v[i])));
				if (w > 1)
					assert_true(text_cols(lines.v[i],
					    strlen(lines.v[i])) <= w);
			}
			strv_free(&lines);
			str_clear(&fit);
			assert_int_equal(text_fit_into(&fit, t, n, w, 1), w);
			assert_int_equal(text_cols(fit.p, fit.len), w);
			free(t);
		}
	}
	str_free(&in);
	str_free(&fit);
}

/* Widths */

static void
test_cp_width(void **state)
{
	static const struct {
		uint32_t cp;
		int w;
	} cases[] = {
		{ 'a', 1 }, { ' ', 1 }, { 0xE9, 1 }, { 0x416, 1 },
		{ 0x5D0, 1 }, { 0xFF61, 1 }, { 0x2600, 1 }, { 0x1F1EF, 1 },
		{ 0x0, 0 }, { 0x1B, 0 }, { 0x7F, 0 }, { 0x85, 0 },
		{ 0x301, 0 }, { 0x200B, 0 }, { 0x200D, 0 }, { 0xFE0F, 0 },
		{ 0xAD, 0 }, { 0x1160, 0 }, { 0x11A8, 0 }, { 0xE31, 0 },
		{ 0xE0100, 0 }, { 0x20E3, 0 },
		{ 0x4E00, 2 }, { 0x65E5, 2 }, { 0x3042, 2 }, { 0x30A2, 2 },
		{ 0xAC00, 2 }, { 0xFF01, 2 }, { 0x3000, 2 }, { 0x1F600, 2 },
		{ 0x1F680, 2 }, { 0x1F9D1, 2 }, { 0x1F3FB, 2 }, { 0x20000, 2 },
		{ 0x1FAF8, 2 },	/* unassigned in 14.0, wide by default */
	};
	uint32_t cp;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		if (text_cp_width(cases[i].cp) != cases[i].w)
			print_error("U+%04X\n", (unsigned)cases[i].cp);
		assert_int_equal(text_cp_width(cases[i].cp), cases[i].w);
	}
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		int w = text_cp_width(cp);

		assert_true(w >= 0 && w <= 2);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			assert_int_equal(w, 0);
	}
}

static void
test_cols(void **state)
{
	static const struct str_case cases[] = {
		{ BYTES("hello"), "5" },
		{ BYTES("\xe6\x97\xa5\xe6\x9c\xac"), "4" },	/* 日本 */
		{ BYTES("\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"),
		    "6" },					/* Привет */
		{ BYTES("\xf0\x9f\x98\x80"), "2" },		/* 😀 */
		{ BYTES("e\xcc\x81"), "1" },			/* e + U+0301 */
		/* a terminal advances per code point: man ZWJ woman ZWJ girl */
		{ BYTES("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
		    "\xf0\x9f\x91\xa7"), "6" },
		{ BYTES("\xe2\x9d\xa4\xef\xb8\x8f"), "1" },	/* ❤ + VS16 */
		{ BYTES("\xea\xb0\x80\xea\xb0\x81"), "4" },	/* 가각 */
		{ BYTES("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8"), "2" },	/* jamo */
		{ BYTES("a\xff" "b"), "3" },			/* invalid: 1 */
		{ BYTES("a\tb"), "2" },
		{ BYTES(""), "0" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		assert_int_equal(text_cols(cases[i].in, cases[i].n),
		    atoi(cases[i].want));
}

struct fit_case {
	const char *in;
	size_t cols;
	int pad;
	const char *want;
	size_t want_cols;
};

#define NIHONGO "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"	/* 日本語 */
#define NI "\xe6\x97\xa5"
#define HON "\xe6\x9c\xac"
#define ELL "\xe2\x80\xa6"
#define SMILE "\xf0\x9f\x98\x80"
#define EACUTE2 "e\xcc\x81"

static const struct fit_case fit_cases[] = {
	{ "hello", 10, 0, "hello", 5 },
	{ "hello", 10, 1, "hello     ", 10 },
	{ "hello", 5, 0, "hello", 5 },
	{ "hello world", 5, 0, "hell" ELL, 5 },
	{ "hello world", 5, 1, "hell" ELL, 5 },
	{ "hello", 1, 0, ELL, 1 },
	{ "hello", 0, 1, "", 0 },
	{ "", 3, 1, "   ", 3 },
	{ NIHONGO, 6, 0, NIHONGO, 6 },
	{ NIHONGO, 7, 1, NIHONGO " ", 7 },
	{ NIHONGO, 5, 0, NI HON ELL, 5 },
	/* 本 would straddle the limit: a space takes its place */
	{ NIHONGO, 4, 0, NI " " ELL, 4 },
	{ NIHONGO, 3, 1, NI ELL, 3 },
	{ NIHONGO, 2, 0, " " ELL, 2 },
	{ "a" NI HON, 4, 0, "a" NI ELL, 4 },
	{ "a" NI HON, 3, 0, "a " ELL, 3 },
	{ SMILE SMILE SMILE, 5, 1, SMILE SMILE ELL, 5 },
	{ SMILE SMILE SMILE, 4, 0, SMILE " " ELL, 4 },
	/* combining marks stay with their base */
	{ EACUTE2 EACUTE2 EACUTE2, 3, 0, EACUTE2 EACUTE2 EACUTE2, 3 },
	{ EACUTE2 EACUTE2 EACUTE2, 2, 0, EACUTE2 ELL, 2 },
	{ "e\xcc\x81\xcc\x81x", 2, 0, "e\xcc\x81\xcc\x81x", 2 },
	{ "e\xcc\x81\xcc\x81x", 1, 0, ELL, 1 },
	{ "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 \xd0\xbc\xd0\xb8"
	    "\xd1\x80", 6, 0,
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5" ELL, 6 },
	/* controls never reach the output; bad bytes show as U+FFFD */
	{ "ab\x1b\x07" "c", 10, 0, "abc", 3 },
	{ "a\xff" "b", 5, 0, "a" FFFD "b", 3 },
};

static void
test_fit(void **state)
{
	struct str s = STR_INIT;
	size_t i, got;

	(void)state;
	for (i = 0; i < NELEM(fit_cases); i++) {
		const struct fit_case *c = &fit_cases[i];

		str_clear(&s);
		str_appendz(&s, "|");
		got = text_fit_into(&s, c->in, strlen(c->in), c->cols, c->pad);
		if (strcmp(str_cstr(&s) + 1, c->want) != 0)
			print_error("case %zu: got \"%s\"\n", i, str_cstr(&s));
		assert_string_equal(str_cstr(&s) + 1, c->want);
		assert_int_equal(got, c->want_cols);
		assert_int_equal(text_cols(s.p + 1, s.len - 1), got);
		assert_true(got <= c->cols);
	}
	str_free(&s);
}

struct wrap_case {
	const char *in;
	size_t width;
	const char *want;	/* lines joined with '|' */
};

static const struct wrap_case wrap_cases[] = {
	{ "The quick brown fox jumps over the lazy dog.", 10,
	    "The quick|brown fox|jumps over|the lazy|dog." },
	{ "The quick brown fox", 80, "The quick brown fox" },
	/* 日本語のテキストを折り返します。これはテストです。 */
	{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86\xe3"
	  "\x82\xad\xe3\x82\xb9\xe3\x83\x88\xe3\x82\x92\xe6\x8a\x98\xe3\x82"
	  "\x8a\xe8\xbf\x94\xe3\x81\x97\xe3\x81\xbe\xe3\x81\x99\xe3\x80\x82"
	  "\xe3\x81\x93\xe3\x82\x8c\xe3\x81\xaf\xe3\x83\x86\xe3\x82\xb9\xe3"
	  "\x83\x88\xe3\x81\xa7\xe3\x81\x99\xe3\x80\x82", 10,
	  /* 。 never starts a line */
	  "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86|"
	  "\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88\xe3\x82\x92\xe6\x8a\x98|"
	  "\xe3\x82\x8a\xe8\xbf\x94\xe3\x81\x97\xe3\x81\xbe|"
	  "\xe3\x81\x99\xe3\x80\x82\xe3\x81\x93\xe3\x82\x8c\xe3\x81\xaf|"
	  "\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88\xe3\x81\xa7|"
	  "\xe3\x81\x99\xe3\x80\x82" },
	/* Съешь же ещё этих мягких французских булок, да выпей чаю. */
	{ "\xd0\xa1\xd1\x8a\xd0\xb5\xd1\x88\xd1\x8c \xd0\xb6\xd0\xb5 \xd0\xb5"
	  "\xd1\x89\xd1\x91 \xd1\x8d\xd1\x82\xd0\xb8\xd1\x85 \xd0\xbc\xd1\x8f"
	  "\xd0\xb3\xd0\xba\xd0\xb8\xd1\x85 \xd1\x84\xd1\x80\xd0\xb0\xd0\xbd"
	  "\xd1\x86\xd1\x83\xd0\xb7\xd1\x81\xd0\xba\xd0\xb8\xd1\x85 \xd0\xb1"
	  "\xd1\x83\xd0\xbb\xd0\xbe\xd0\xba, \xd0\xb4\xd0\xb0 \xd0\xb2\xd1\x8b"
	  "\xd0\xbf\xd0\xb5\xd0\xb9 \xd1\x87\xd0\xb0\xd1\x8e.", 12,
	  "\xd0\xa1\xd1\x8a\xd0\xb5\xd1\x88\xd1\x8c \xd0\xb6\xd0\xb5 \xd0\xb5"
	  "\xd1\x89\xd1\x91|\xd1\x8d\xd1\x82\xd0\xb8\xd1\x85 \xd0\xbc\xd1\x8f"
	  "\xd0\xb3\xd0\xba\xd0\xb8\xd1\x85|\xd1\x84\xd1\x80\xd0\xb0\xd0\xbd"
	  "\xd1\x86\xd1\x83\xd0\xb7\xd1\x81\xd0\xba\xd0\xb8\xd1\x85|\xd0\xb1"
	  "\xd1\x83\xd0\xbb\xd0\xbe\xd0\xba, \xd0\xb4\xd0\xb0|\xd0\xb2\xd1\x8b"
	  "\xd0\xbf\xd0\xb5\xd0\xb9 \xd1\x87\xd0\xb0\xd1\x8e." },
	/* an overlong word (a URL) is split at the width */
	{ "See https://example.com/a/very/long/path/that/does/not/fit here", 12,
	  "See|https://exam|ple.com/a/ve|ry/long/path|/that/does/n|ot/fit here" },
	/* LF separates paragraphs; a run of empty lines is one empty line */
	{ "para one\n\n\n\npara two\n", 20, "para one||para two" },
	{ "a\nb", 10, "a|b" },
	{ "\n\nfirst", 10, "first" },
	{ "  leading and   multiple   spaces  ", 40,
	    "leading and multiple spaces" },
	{ "a\tb", 10, "a b" },
	{ "ab", 0, "a|b" },
	/* Tokyo東京Osaka: breaks between wide and narrow characters */
	{ "Tokyo\xe6\x9d\xb1\xe4\xba\xacOsaka", 7,
	    "Tokyo\xe6\x9d\xb1|\xe4\xba\xacOsaka" },
	{ NIHONGO, 1, NI "|" HON "|\xe8\xaa\x9e" },
	{ EACUTE2 EACUTE2 EACUTE2 EACUTE2, 2, EACUTE2 EACUTE2 "|" EACUTE2 EACUTE2 },
	{ "word", 4, "word" },
	{ "", 10, "" },
};

static void
test_wrap(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(wrap_cases); i++) {
		const struct wrap_case *c = &wrap_cases[i];
		struct strv lines = STRV_INIT;
		char *joined;
		size_t k;

		text_wrap(&lines, c->in, strlen(c->in), c->width);
		joined = strv_join(&lines, "|");
		if (strcmp(joined, c->want) != 0)
			print_error("case %zu: got \"%s\"\n", i, joined);
		assert_string_equal(joined, c->want);
		for (k = 0; k < lines.n; k++)
			if (c->width > 1)
				assert_true(text_cols(lines.v[k],
				    strlen(lines.v[k])) <= c->width);
		free(joined);
		strv_free(&lines);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_utf8_encode),
		cmocka_unit_test(test_sanitize_table),
		cmocka_unit_test(test_sanitize_into),
		cmocka_unit_test(test_sanitize_random),
		cmocka_unit_test(test_oneline),
		cmocka_unit_test(test_trim_eq),
		cmocka_unit_test(test_entity_lookup),
		cmocka_unit_test(test_entity_all),
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_from_html),
		cmocka_unit_test(test_from_html_edges),
		cmocka_unit_test(test_random_markup),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_cols),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
