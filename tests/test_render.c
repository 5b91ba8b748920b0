/*
 * render: HTML to wrapped, styled, sanitised lines with numbered links.
 *
 * Most cases are a table of markup and the text a reader would see (lines
 * joined with LF) plus the link list.  Every document any test renders also
 * goes through check_doc(), which asserts the invariants the reader pane
 * relies on: no line wider than the width, no control or bidi bytes, spans
 * that cover each line exactly, on UTF-8 boundaries, in order; no blank
 * line at either end and never two in a row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const size_t widths[] = { 10, 20, 40, 80, 120 };

/* --- helpers --- */

static const char *
top(void)
{
	const char *t = getenv("SITREP_TOP");

	return t != NULL && *t != '\0' ? t : ".";
}

/* Returns owned: the file's bytes (NUL-terminated), or NULL. */
static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct str s = STR_INIT;
	char buf[8192];
	size_t k;

	if (f == NULL)
		return NULL;
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	fclose(f);
	*n = s.len;
	return str_steal(&s);
}

static char *
fixture(const char *name, size_t *n)
{
	char *path = xasprintf("%s/tests/fixtures/render/%s", top(), name);
	char *data = slurp(path, n);

	if (data == NULL)
		fail_msg("cannot read fixture %s", path);
	free(path);
	return data;
}

/* A line with nothing but quote bars and spaces. */
static int
line_blank(const char *s)
{
	while (*s != '\0') {
		if (*s == ' ')
			s++;
		else if (strncmp(s, "\xe2\x94\x82", 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

static int
is_boundary(const char *s, size_t off)
{
	return ((unsigned char)s[off] & 0xC0) != 0x80;
}

/* The invariants every rendered document keeps, at any width. */
static void
check_doc(const struct render_doc *d, size_t width)
{
	static const char *const banned[] = {
		"\xc2\x9b", "\xc2\x9d", "\xc2\x90", "\xe2\x80\xae",
		"\xe2\x80\xad", "\xe2\x80\xab", "\xe2\x80\xaa", "\xe2\x81\xa6",
		"\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9", "\xe2\x80\x8e",
		"\xe2\x80\x8f", "\xef\xbb\xbf", "\xc2\xad",
	};
	size_t i, j, k;

	if (width < 10)
		width = 10;
	assert_non_null(d);
	for (i = 0; i < d->nlines; i++) {
		const struct render_line *l = &d->lines[i];
		size_t len, end = 0;

		assert_non_null(l->text);
		len = strlen(l->text);
		if (text_cols(l->text, len) > width)
			fail_msg("line %zu is %zu columns wide at width %zu: "
			    "\"%s\"", i, text_cols(l->text, len), width,
			    l->text);
		assert_true(utf8_valid(l->text, len));
		for (j = 0; j < len; j++) {
			unsigned char c = (unsigned char)l->text[j];

			if (c < 0x20 || c == 0x7f)
				fail_msg("line %zu has byte %02x", i, c);
		}
		for (k = 0; k < NELEM(banned); k++)
			if (strstr(l->text, banned[k]) != NULL)
				fail_msg("line %zu has a banned sequence", i);
		assert_true(len == 0 || l->text[len - 1] != ' ');
		/* Spans cover the text exactly, in order, on boundaries. */
		if (len == 0)
			assert_int_equal(l->nspans, 0);
		for (j = 0; j < l->nspans; j++) {
			const struct render_span *s = &l->spans[j];

			assert_int_equal(s->off, end);
			assert_true(s->len > 0);
			assert_true(s->off + s->len <= len);
			assert_true(is_boundary(l->text, s->off));
			assert_true(s->off + s->len == len ||
			    is_boundary(l->text, s->off + s->len));
			assert_true(s->link >= 0 &&
			    (size_t)s->link <= d->links.n);
			if (s->style & RENDER_LINK)
				assert_true(s->link > 0);
			if (s->link > 0)
				assert_true(s->style &
				    (RENDER_LINK | RENDER_LINKREF));
			if (j > 0)
				assert_true(s->style != s[-1].style ||
				    s->link != s[-1].link);
			end = s->off + s->len;
		}
		assert_int_equal(end, len);
		if (line_blank(l->text)) {
			assert_true(i > 0 && i + 1 < d->nlines);
			assert_false(line_blank(d->lines[i - 1].text));
		}
	}
	for (i = 0; i < d->links.n; i++) {
		const char *u = d->links.v[i];

		assert_true(strncmp(u, "http://", 7) == 0 ||
		    strncmp(u, "https://", 8) == 0 ||
		    strncmp(u, "mailto:", 7) == 0);
		assert_true(text_is_clean(u, strlen(u)));
		assert_null(strchr(u, ' '));
	}
}

static struct render_doc *
render_str(const char *html, size_t width, const char *base)
{
	struct render_doc *d = render_html(html, strlen(html), width, base);

	check_doc(d, width);
	return d;
}

/* Returns owned: the lines joined with LF. */
static char *
doc_text(const struct render_doc *d)
{
	struct str s = STR_INIT;
	size_t i;

	for (i = 0; i < d->nlines; i++) {
		if (i > 0)
			str_appendc(&s, '\n');
		str_appendz(&s, d->lines[i].text);
	}
	return str_steal(&s);
}

static char *
doc_links(const struct render_doc *d)
{
	return strv_join(&d->links, "\n");
}

/* The span holding the first occurrence of needle in line i. */
static const struct render_span *
span_at(const struct render_doc *d, size_t i, const char *needle)
{
	const struct render_line *l;
	const char *p;
	size_t off, j;

	assert_true(i < d->nlines);
	l = &d->lines[i];
	p = strstr(l->text, needle);
	if (p == NULL)
		fail_msg("\"%s\" not in line %zu \"%s\"", needle, i, l->text);
	off = (size_t)(p - l->text);
	for (j = 0; j < l->nspans; j++)
		if (off >= l->spans[j].off &&
		    off < l->spans[j].off + l->spans[j].len) {
			/* the whole needle in one span */
			assert_true(off + strlen(needle) <=
			    l->spans[j].off + l->spans[j].len);
			return &l->spans[j];
		}
	fail_msg("no span at \"%s\"", needle);
	return NULL;
}

/* --- what the reader sees --- */

struct out_case {
	const char *name;
	const char *html;
	size_t width;
	const char *base;
	const char *want;
	const char *links;
};

#define BASE "https://news.example.com/world/2024/story.html"

static const struct out_case out_cases[] = {
	/* paragraphs and white space */
	{ "paragraphs", "<p>One</p><p>Two</p>", 40, NULL, "One\n\nTwo", "" },
	{ "collapse", "<p>  a \n\t b  </p>\n\n  <p>c</p>", 40, NULL,
	    "a b\n\nc", "" },
	{ "wrap", "<p>The quick brown fox jumps over the lazy dog</p>", 20,
	    NULL, "The quick brown fox\njumps over the lazy\ndog", "" },
	{ "one blank between blocks",
	    "<p>a</p><p></p><p>&nbsp;</p><p> </p><br><br><div></div><p>b</p>",
	    40, NULL, "a\n\nb", "" },
	{ "no blank at either end", "<br><br><p>x</p><br><br><hr>", 10, NULL,
	    "x\n\n──────────", "" },
	{ "br", "a<br>b<br><br>c<br><br><br><br>d", 40, NULL,
	    "a\nb\n\nc\n\nd", "" },
	{ "div", "<div>a</div><div>b</div><section>c</section>", 40, NULL,
	    "a\nb\nc", "" },
	{ "text around blocks", "intro<p>para</p>tail", 40, NULL,
	    "intro\n\npara\n\ntail", "" },
	{ "inline spacing", "<p><b>bold</b> <i>it</i>al<u>ic</u> end</p>", 40,
	    NULL, "bold italic end", "" },
	{ "nbsp keeps words together", "<p>aaaa bbbb&nbsp;cccc</p>", 10,
	    NULL, "aaaa\nbbbb cccc", "" },
	{ "wbr", "<p>supercalifragilistic<wbr>expialidocious</p>", 22, NULL,
	    "supercalifragilistic\nexpialidocious", "" },
	{ "long word cut", "<p>ab abcdefghijklmnopqrstuvwxy z</p>", 10, NULL,
	    "ab\nabcdefghij\nklmnopqrst\nuvwxy z", "" },
	{ "entities", "<p>&amp; &lt;tag&gt; &eacute; &#8220;q&#8221; "
	    "&#x1F600;</p>", 40, NULL, "& <tag> é “q” 😀", "" },
	{ "q", "<p>He said <q>no</q>.</p>", 40, NULL, "He said “no”.", "" },
	/* headings */
	{ "h1", "<h1>Title</h1><p>Body</p>", 40, NULL,
	    "Title\n═════\n\nBody", "" },
	{ "h2", "<p>x</p><h2>Sub head</h2>y", 40, NULL,
	    "x\n\nSub head\n────────\n\ny", "" },
	{ "h2 wrapped", "<h2>A rather long heading</h2>", 12, NULL,
	    "A rather\nlong heading\n────────────", "" },
	{ "h3", "<p>x</p><h3>Small</h3><p>y</p>", 40, NULL,
	    "x\n\nSmall\n\ny", "" },
	{ "hr", "<p>a</p><hr><p>b</p>", 10, NULL,
	    "a\n\n──────────\n\nb", "" },
	/* lists */
	{ "ul", "<ul><li>one</li><li>two</li></ul>", 40, NULL,
	    "  • one\n  • two", "" },
	{ "ul nested", "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li>"
	    "<li>d</li></ul>", 40, NULL,
	    "  • a\n    ◦ b\n      ▪ c\n  • d", "" },
	{ "hanging indent", "<ul><li>alpha beta gamma delta</li></ul>", 16,
	    NULL, "  • alpha beta\n    gamma delta", "" },
	{ "ol", "<p>Steps:</p><ol><li>one</li><li>two</li></ol><p>Done.</p>",
	    40, NULL, "Steps:\n\n  1. one\n  2. two\n\nDone.", "" },
	{ "ol start", "<ol start=\"9\"><li>nine</li><li>ten</li></ol>", 40,
	    NULL, "   9. nine\n  10. ten", "" },
	{ "ol start negative", "<ol start=\"-1\"><li>a</li><li>b</li></ol>",
	    40, NULL, "  -1. a\n   0. b", "" },
	{ "ol type", "<ol type=\"a\"><li>x</li><li>y</li></ol>"
	    "<ol type=\"I\" start=\"3\"><li>z</li></ol>", 40, NULL,
	    "  a. x\n  b. y\n\n  III. z", "" },
	{ "ol in ul", "<ul><li>a<ol><li>b</li><li>c</li></ol></li></ul>", 40,
	    NULL, "  • a\n    1. b\n    2. c", "" },
	{ "li marker survives empty block",
	    "<ul><li><p>&nbsp;</p><p>text</p></li></ul>", 40, NULL,
	    "  • text", "" },
	{ "li outside list", "<li>stray</li>", 40, NULL, "• stray", "" },
	{ "dl", "<dl><dt>Term</dt><dd>Definition</dd></dl>", 40, NULL,
	    "Term\n    Definition", "" },
	/* quotes, code */
	{ "blockquote", "<blockquote><p>outer</p><blockquote><p>inner</p>"
	    "</blockquote></blockquote><p>after</p>", 40, NULL,
	    "│ outer\n│\n│ │ inner\n\nafter", "" },
	{ "blockquote wrap", "<blockquote>one two three four</blockquote>",
	    12, NULL, "│ one two\n│ three four", "" },
	{ "pre", "<pre>\nif (x)\n\treturn;\n</pre>", 40, NULL,
	    "if (x)\n        return;", "" },
	{ "pre keeps spaces", "<p>a</p><pre>a  b   c\n\n  d</pre><p>b</p>", 40,
	    NULL, "a\n\na  b   c\n\n  d\n\nb", "" },
	{ "pre wraps hard", "<pre>abcdefghijklmno</pre>", 10, NULL,
	    "abcdefghij\nklmno", "" },
	{ "code inline", "<p>Run <code>make   test</code> now</p>", 40, NULL,
	    "Run make test now", "" },
	{ "table", "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td>"
	    "<td></td><td>3</td></tr></table><p>x</p>", 40, NULL,
	    "A │ B\n1 │ 3\n\nx", "" },
	/* images */
	{ "img alt", "<p>x <img src=\"a.png\" alt=\"A chart\"> y</p>", 40,
	    NULL, "x [image: A chart] y", "" },
	{ "img without alt", "<img src=\"a.png\">", 40, NULL, "[image]", "" },
	{ "img with empty alt", "<p>x<img src=\"a.png\" alt=\"\">y</p>", 40,
	    NULL, "xy", "" },
	{ "img title", "<img src=\"a.png\" title=\"Map\">", 40, NULL,
	    "[image: Map]", "" },
	{ "void elements libxml2 2.9 nests", "<p>a<embed src=\"x\">b "
	    "<picture><source srcset=\"y\"><img src=\"y\" alt=\"pic\">"
	    "</picture> c<keygen>d</p><p>e</p>", 40, NULL,
	    "ab [image: pic] cd\n\ne", "" },
	{ "tracking pixel", "<p>x <img src=\"t.gif\" width=\"1\" height=\"1\">"
	    " y <img src=\"u.gif\" alt=\"\" height=\"0\"> z <img "
	    "src=\"v.gif\" width=\"1px\" alt=\"pixel\"></p>", 40, NULL,
	    "x y z", "" },
	{ "figure", "<figure><img src=\"a.png\" alt=\"Chart\"><figcaption>"
	    "Sales by year</figcaption></figure><p>after</p>", 40, NULL,
	    "[image: Chart]\nSales by year\n\nafter", "" },
	{ "img in link", "<a href=\"https://e.com/\"><img src=\"a.png\" "
	    "alt=\"Logo\"></a>", 40, NULL, "[image: Logo][1]",
	    "https://e.com/" },
	/* dropped content (X3) */
	{ "dropped elements", "<p>a</p><script>S</script><style>T</style>"
	    "<iframe>I</iframe><noscript>N</noscript><form><p>F</p>"
	    "<input value=\"V\"><button>B</button><select><option>O</option>"
	    "</select><textarea>X</textarea></form><template>M</template>"
	    "<svg><text>G</text></svg><math><mi>H</mi></math><object>J"
	    "</object><embed src=\"e\"><applet>K</applet><p>b</p>", 40, NULL,
	    "a\n\nb", "" },
	{ "head", "<html><head><title>T</title><meta name=\"x\" content=\"y\">"
	    "<link rel=\"stylesheet\" href=\"s.css\"><style>s</style></head>"
	    "<body><p>body</p></body></html>", 40, NULL, "body", "" },
	{ "attributes ignored", "<p onclick=\"alert(1)\" style=\"display:none\""
	    " class=\"x\">shown <span onmouseover=\"x()\">too</span></p>", 40,
	    NULL, "shown too", "" },
	/* plain text */
	{ "plain", "First para\nstill first.\n\nSecond para.", 40, NULL,
	    "First para still first.\n\nSecond para.", "" },
	{ "plain with inline tags", "Intro <b>bold</b> text.\r\n\r\nNext with "
	    "<a href=\"https://e.com/\">a link</a>.", 40, NULL,
	    "Intro bold text.\n\nNext with a link[1].", "https://e.com/" },
	{ "plain summary", "Canberra said it would not pay; the AT&amp;T "
	    "unit agreed.", 30, NULL,
	    "Canberra said it would not\npay; the AT&T unit agreed.", "" },
	{ "empty", "", 40, NULL, "", "" },
	{ "white space only", " \n\t \n\n ", 40, NULL, "", "" },
	{ "script only", "<script>alert(1)</script>", 40, NULL, "", "" },
	{ "comment only", "<!-- nothing here -->", 40, NULL, "", "" },
	/* links */
	{ "link numbering and reuse", "<p><a href=\"https://a.com/1\">one</a> "
	    "<a href=\"https://a.com/2\">two</a> <a href=\"https://a.com/1\">"
	    "again</a></p>", 40, NULL, "one[1] two[2] again[1]",
	    "https://a.com/1\nhttps://a.com/2" },
	{ "relative links", "<a href=\"/about\">a</a> <a href=\"photo.jpg\">"
	    "b</a> <a href=\"../index.html\">c</a> <a href=\"?page=2\">d</a> "
	    "<a href=\"//cdn.example.net/x\">e</a>", 40, BASE,
	    "a[1] b[2] c[3] d[4] e[5]",
	    "https://news.example.com/about\n"
	    "https://news.example.com/world/2024/photo.jpg\n"
	    "https://news.example.com/world/index.html\n"
	    "https://news.example.com/world/2024/story.html?page=2\n"
	    "https://cdn.example.net/x" },
	{ "refused schemes", "<a href=\"javascript:alert(1)\">js</a> "
	    "<a href=\"  JaVaScRiPt:alert(2)\">js2</a> "
	    "<a href=\"java&#x0A;script:alert(3)\">js3</a> "
	    "<a href=\"data:text/html,x\">data</a> <a href=\"file:///etc/"
	    "passwd\">file</a> <a href=\"ftp://x/y\">ftp</a> "
	    "<a href=\"vbscript:x\">vb</a> <a href=\"http:/nohost\">bad</a>",
	    80, BASE, "js js2 js3 data file ftp vb bad", "" },
	{ "mailto", "<a href=\"mailto:tips@example.com\">Send tips</a>", 40,
	    NULL, "Send tips[1]", "mailto:tips@example.com" },
	{ "scheme lower-cased", "<a href=\"HTTPS://E.com/Path\">x</a> "
	    "<a href=\"MailTo:a@b.c\">y</a>", 40, NULL, "x[1] y[2]",
	    "https://E.com/Path\nmailto:a@b.c" },
	{ "fragment and empty href", "<a href=\"#notes\">notes</a> "
	    "<a href=\"\">self</a> <a name=\"x\">anchor</a>", 40, BASE,
	    "notes self anchor", "" },
	{ "relative without base", "<a href=\"/about\">about</a>", 40, NULL,
	    "about", "" },
	{ "text equals url", "<a href=\"https://e.com/\">https://e.com/</a>",
	    40, NULL, "https://e.com/[1]", "https://e.com/" },
	{ "empty link", "<a href=\"https://e.com/\"></a>x", 40, NULL, "x", "" },
	{ "base element", "<base href=\"https://b.example/dir/\">"
	    "<a href=\"p\">p</a>", 40, NULL, "p[1]",
	    "https://b.example/dir/p" },
	{ "href cleaned", "<a href=\" https://e.com/a b\n\">x</a> "
	    "<a href=\"https://e.com/caf&eacute;\">y</a>", 40, NULL,
	    "x[1] y[2]", "https://e.com/a%20b\nhttps://e.com/caf%C3%A9" },
	{ "trailing space in link", "<p><a href=\"https://e.com/\">foo </a>bar"
	    "</p>", 40, NULL, "foo[1] bar", "https://e.com/" },
	{ "link around blocks", "<a href=\"https://n.com/s\"><h3>Card</h3>"
	    "<p>Summary.</p></a>", 40, NULL, "Card[1]\n\nSummary.[1]",
	    "https://n.com/s" },
	{ "link ref stays with word", "<p>aaaa bbbb <a href=\"https://e.com/\">"
	    "cc</a></p>", 12, NULL, "aaaa bbbb\ncc[1]", "https://e.com/" },
};

static void
test_output(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(out_cases); i++) {
		const struct out_case *c = &out_cases[i];
		struct render_doc *d = render_str(c->html, c->width, c->base);
		char *text = doc_text(d), *links = doc_links(d);

		if (strcmp(text, c->want) != 0)
			fail_msg("%s: got\n%s\n--- want\n%s", c->name, text,
			    c->want);
		if (strcmp(links, c->links) != 0)
			fail_msg("%s: links\n%s\n--- want\n%s", c->name, links,
			    c->links);
		free(text);
		free(links);
		render_doc_free(d);
	}
}

/* --- styles --- */

static void
test_styles_wrap(void **state)
{
	/* A bold phrase wrapped across lines is bold on both. */
	struct render_doc *d = render_str("<p>aa <b>bb cc dd</b> ee</p>", 10,
	    NULL);
	const struct render_line *l;

	(void)state;
	assert_int_equal(d->nlines, 2);
	assert_string_equal(d->lines[0].text, "aa bb cc");
	assert_string_equal(d->lines[1].text, "dd ee");
	l = &d->lines[0];
	assert_int_equal(l->nspans, 2);
	assert_int_equal(l->spans[0].off, 0);
	assert_int_equal(l->spans[0].len, 3);   /* "aa " */
	assert_int_equal(l->spans[0].style, 0);
	assert_int_equal(l->spans[1].off, 3);
	assert_int_equal(l->spans[1].len, 5);   /* "bb cc" */
	assert_int_equal(l->spans[1].style, RENDER_BOLD);
	l = &d->lines[1];
	assert_int_equal(l->nspans, 2);
	assert_int_equal(l->spans[0].len, 2);   /* "dd" */
	assert_int_equal(l->spans[0].style, RENDER_BOLD);
	assert_int_equal(l->spans[1].style, 0); /* " ee" */
	render_doc_free(d);
}

static void
test_styles_kinds(void **state)
{
	struct render_doc *d = render_str(
	    "<h1>Head</h1>"
	    "<p><b>B</b> <i>I</i> <em>E</em> <u>U</u> <code>C</code> "
	    "<strong><a href=\"https://e.com/\">bold link</a></strong> "
	    "<img src=\"x.png\" alt=\"pic\"> <kbd>K</kbd></p>"
	    "<blockquote>quoted</blockquote><pre>pre</pre>", 80, NULL);
	const struct render_span *s;

	(void)state;
	assert_string_equal(d->lines[0].text, "Head");
	s = span_at(d, 0, "Head");
	assert_int_equal(s->style, RENDER_HEADING | RENDER_BOLD);
	s = span_at(d, 1, "═");
	assert_true(s->style & RENDER_HEADING);
	assert_string_equal(d->lines[3].text,
	    "B I E U C bold link[1] [image: pic] K");
	assert_int_equal(span_at(d, 3, "B")->style, RENDER_BOLD);
	assert_int_equal(span_at(d, 3, "I")->style, RENDER_ITALIC);
	assert_int_equal(span_at(d, 3, "E")->style, RENDER_ITALIC);
	assert_int_equal(span_at(d, 3, "U")->style, RENDER_UNDERLINE);
	assert_int_equal(span_at(d, 3, "C")->style, RENDER_CODE);
	assert_int_equal(span_at(d, 3, "K")->style, RENDER_CODE);
	s = span_at(d, 3, "bold link");
	assert_int_equal(s->style, RENDER_BOLD | RENDER_LINK);
	assert_int_equal(s->link, 1);
	s = span_at(d, 3, "[1]");
	assert_int_equal(s->style, RENDER_BOLD | RENDER_LINKREF);
	assert_int_equal(s->link, 1);
	assert_int_equal(s->len, 3);
	assert_int_equal(span_at(d, 3, "[image: pic]")->style, RENDER_IMAGE);
	assert_string_equal(d->lines[5].text, "│ quoted");
	assert_int_equal(span_at(d, 5, "│")->style, RENDER_QUOTE);
	assert_int_equal(span_at(d, 5, "quoted")->style, RENDER_QUOTE);
	assert_string_equal(d->lines[7].text, "pre");
	assert_int_equal(span_at(d, 7, "pre")->style, RENDER_CODE);
	assert_int_equal(d->nlines, 8);
	render_doc_free(d);
}

static void
test_styles_link_spans(void **state)
{
	/* The space inside a link is link text; the one after it is not. */
	struct render_doc *d = render_str("<p>see <a href=\"https://e.com/\">"
	    "two words</a> here</p>", 40, NULL);
	const struct render_line *l;

	(void)state;
	assert_int_equal(d->nlines, 1);
	l = &d->lines[0];
	assert_string_equal(l->text, "see two words[1] here");
	assert_int_equal(l->nspans, 4);
	assert_int_equal(l->spans[0].len, 4);    /* "see " */
	assert_int_equal(l->spans[1].off, 4);
	assert_int_equal(l->spans[1].len, 9);    /* "two words" */
	assert_int_equal(l->spans[1].style, RENDER_LINK);
	assert_int_equal(l->spans[1].link, 1);
	assert_int_equal(l->spans[2].len, 3);    /* "[1]" */
	assert_int_equal(l->spans[2].style, RENDER_LINKREF);
	assert_int_equal(l->spans[3].style, 0);  /* " here" */
	assert_int_equal(l->spans[3].link, 0);
	render_doc_free(d);
}

/* --- hostile content --- */

static void
test_hostile_entities(void **state)
{
	/* libxml2 decodes these; the renderer must drop what they became. */
	struct render_doc *d = render_str("<p>before &#x9b;<b>x</b> after "
	    "&#x202e; end &#155;</p><p>&#x1b;[2J&#x7;bell &#x200f;rlm "
	    "&#x2066;lri&#x2069; &#xfeff;bom soft&shy;hyphen</p>", 40, NULL);
	char *text = doc_text(d);

	(void)state;
	assert_string_equal(text, "before x after end\n\n[2Jbell rlm lri bom "
	    "softhyphen");
	free(text);
	render_doc_free(d);
}

static void
test_hostile_raw(void **state)
{
	static const char html[] =
	    "<p>ESC \x1b[31mred\x1b[0m BEL \x07 C1 \xc2\x9b" "2J x "
	    "RLO \xe2\x80\xae" "cod.exe NUL \0 byte</p>"
	    "<p>OSC 52 \x1b]52;c;aGVsbG8=\x07 OSC 8 \x1b]8;;http://e/\x1b\\"
	    "text\x1b]8;;\x1b\\ DCS \x1bP$q\x1b\\ lone \x1b</p>";
	struct render_doc *d = render_html(html, sizeof html - 1, 40, NULL);
	char *text;

	(void)state;
	check_doc(d, 40);
	text = doc_text(d);
	assert_non_null(strstr(text, "red"));
	assert_non_null(strstr(text, "cod.exe"));
	assert_non_null(strstr(text, "byte"));
	assert_non_null(strstr(text, "text"));
	assert_null(strstr(text, "aGVsbG8"));
	free(text);
	render_doc_free(d);
}

static void
test_hostile_fixture(void **state)
{
	static const char *const absent[] = {
		"SCRIPT TEXT", "IFRAME TEXT", "OBJECT TEXT", "INPUT TEXT",
		"TEXTAREA TEXT", "BUTTON TEXT", "OPTION TEXT", "NOSCRIPT TEXT",
		"TEMPLATE TEXT", "SVG TEXT", "MATH TEXT", "alert", "color:red",
	};
	size_t n, i, w;
	char *html = fixture("hostile.html", &n);

	(void)state;
	for (w = 0; w < NELEM(widths); w++) {
		struct render_doc *d = render_html(html, n, widths[w],
		    "https://example.com/");
		char *text;

		check_doc(d, widths[w]);
		text = doc_text(d);
		for (i = 0; i < NELEM(absent); i++)
			if (strstr(text, absent[i]) != NULL)
				fail_msg("\"%s\" shown at width %zu", absent[i],
				    widths[w]);
		if (widths[w] >= 40) {
			assert_non_null(strstr(text, "click me data"));
			assert_non_null(strstr(text, "attributes ignored"));
			assert_non_null(strstr(text, "\xef\xbf\xbd"));
		}
		/* Only the two https links get numbers. */
		assert_int_equal(d->links.n, 2);
		assert_string_equal(d->links.v[0], "https://example.com/ok");
		assert_string_equal(d->links.v[1],
		    "https://example.com/gpj.exe");
		free(text);
		render_doc_free(d);
	}
	free(html);
}

/* --- widths --- */

static const char *const fixtures[] = {
	"ismg_fragment.html", "blog.html", "cjk.html", "plain.txt",
	"hostile.html", "broken.html",
};

static void
test_width_invariant(void **state)
{
	size_t f, w, n;

	(void)state;
	for (f = 0; f < NELEM(fixtures); f++) {
		char *html = fixture(fixtures[f], &n);

		for (w = 0; w < NELEM(widths); w++) {
			struct render_doc *d = render_html(html, n, widths[w],
			    "https://www.example.com/news/a-1.html");

			check_doc(d, widths[w]);
			assert_true(d->nlines > 0);
			render_doc_free(d);
		}
		free(html);
	}
	for (f = 0; f < NELEM(out_cases); f++)
		for (w = 0; w < NELEM(widths); w++)
			render_doc_free(render_str(out_cases[f].html,
			    widths[w], out_cases[f].base));
}

static void
test_width_minimum(void **state)
{
	static const size_t tiny[] = { 0, 1, 5, 9 };
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(tiny); i++) {
		struct render_doc *d = render_str("<hr><blockquote><blockquote>"
		    "<ul><li>nested words here</li></ul></blockquote>"
		    "</blockquote>", tiny[i], NULL);

		assert_string_equal(d->lines[0].text, "──────────");
		render_doc_free(d);
	}
}

/* Columns of every line but the last are close to the width: no waste. */
static void
assert_filled(const struct render_doc *d, size_t from, size_t to,
    size_t width, size_t slack)
{
	size_t i;

	for (i = from; i + 1 < to; i++) {
		size_t cols = text_cols(d->lines[i].text,
		    strlen(d->lines[i].text));

		if (cols + slack < width)
			fail_msg("line %zu has %zu columns of %zu: \"%s\"", i,
			    cols, width, d->lines[i].text);
	}
}

static void
test_cjk_wrap(void **state)
{
	static const char ja[] = "政府は十二日、サイバー攻撃への対処能力を強化"
	    "するため、重要インフラ事業者との情報共有の枠組みを見直すと"
	    "発表した。「能動的サイバー防御」の導入に向けた法整備も急ぐ。";
	static const char *const no_start[] = { "、", "。", "」", "ー" };
	size_t w, i, k;

	(void)state;
	for (w = 0; w < NELEM(widths); w++) {
		char *html = xasprintf("<p>%s</p>", ja);
		struct render_doc *d = render_str(html, widths[w], NULL);
		struct str joined = STR_INIT;

		for (i = 0; i < d->nlines; i++) {
			str_appendz(&joined, d->lines[i].text);
			for (k = 0; k < NELEM(no_start); k++)
				assert_true(strncmp(d->lines[i].text,
				    no_start[k], strlen(no_start[k])) != 0);
		}
		/* Nothing lost or added, no spaces invented. */
		assert_string_equal(str_cstr(&joined), ja);
		/* Wide characters fill lines: at most 2 columns short, plus
		 * what keeping a closing mark with its character costs. */
		assert_filled(d, 0, d->nlines, widths[w], 4);
		if (widths[w] == 20) {
			/* "バー" stays together: the long vowel mark never
			 * starts a line, so this line ends two columns short */
			assert_string_equal(d->lines[0].text,
			    "政府は十二日、サイ");
			assert_string_equal(d->lines[1].text,
			    "バー攻撃への対処能力");
		}
		str_free(&joined);
		free(html);
		render_doc_free(d);
	}
}

static void
test_cyrillic_wrap(void **state)
{
	static const char ru[] = "Специалисты по информационной безопасности "
	    "предупреждают о новой волне фишинговых писем, рассылаемых от "
	    "имени налоговой службы.";
	size_t w, i;

	(void)state;
	for (w = 1; w < NELEM(widths); w++) {
		char *html = xasprintf("<p>%s</p>", ru);
		struct render_doc *d = render_str(html, widths[w], NULL);
		char *text = doc_text(d);

		/* Words stay whole: rejoining lines with spaces restores it. */
		for (i = 0; text[i] != '\0'; i++)
			if (text[i] == '\n')
				text[i] = ' ';
		assert_string_equal(text, ru);
		free(text);
		free(html);
		render_doc_free(d);
	}
	/* At 20 columns (Cyrillic letters are one column each). */
	{
		char *html = xasprintf("<p>%s</p>", ru);
		struct render_doc *d = render_str(html, 20, NULL);
		char *text = doc_text(d);

		assert_string_equal(text, "Специалисты по\n"
		    "информационной\nбезопасности\nпредупреждают о\n"
		    "новой волне\nфишинговых писем,\nрассылаемых от имени\n"
		    "налоговой службы.");
		free(text);
		free(html);
		render_doc_free(d);
	}
}

static void
test_korean_keeps_words(void **state)
{
	static const char ko[] = "보안 업계에 따르면 이번 공격은 공급망을 통해 "
	    "이루어졌으며 피해 규모는 아직 파악되지 않았다.";
	char *html = xasprintf("<p>%s</p>", ko);
	struct render_doc *d = render_str(html, 24, NULL);
	char *text = doc_text(d);
	size_t i;

	(void)state;
	for (i = 0; text[i] != '\0'; i++)
		if (text[i] == '\n')
			text[i] = ' ';
	assert_string_equal(text, ko);
	free(text);
	free(html);
	render_doc_free(d);
}

/* --- robustness --- */

static char *
repeat(const char *head, const char *s, size_t times, const char *tail)
{
	struct str out = STR_INIT;
	size_t i;

	str_appendz(&out, head);
	for (i = 0; i < times; i++)
		str_appendz(&out, s);
	str_appendz(&out, tail);
	return str_steal(&out);
}

static void
test_deep_nesting(void **state)
{
	static const struct {
		const char *open;
		size_t times;
	} nests[] = {
		{ "<div>", 10000 },
		{ "<blockquote>", 3000 },
		{ "<ul><li>x ", 1000 },
		{ "<ol><li>y ", 1000 },
		/* three frames a level: items reallocate the frame stack */
		{ "<blockquote><ol><li>z ", 1000 },
		{ "<b><i>", 5000 },
		{ "<a href=\"https://e.com/\">", 2000 },
		{ "<table><tr><td>", 1000 },
		{ "<dl><dd>", 1000 },
		{ "<pre>", 1000 },
	};
	size_t i, w;

	(void)state;
	for (i = 0; i < NELEM(nests); i++) {
		char *html = repeat("<p>before</p>", nests[i].open,
		    nests[i].times, "deep text");

		for (w = 0; w < NELEM(widths); w++) {
			struct render_doc *d = render_str(html, widths[w],
			    NULL);

			/* libxml2 stops at 256 levels; what came first shows */
			assert_true(d->nlines > 0);
			assert_string_equal(d->lines[0].text, "before");
			render_doc_free(d);
		}
		free(html);
	}
}

static void
test_nesting_shallow_enough(void **state)
{
	/* Within libxml2's limit the innermost text is shown, indented no
	 * further than half the width. */
	char *html = repeat("", "<blockquote>", 100, "innermost words");
	struct render_doc *d = render_str(html, 40, NULL);
	char *text = doc_text(d);

	(void)state;
	assert_non_null(strstr(text, "innermost"));
	assert_true(strncmp(d->lines[0].text, "│ │ │ │ │ │ │ │ │ │ ",
	    strlen("│ │ │ │ │ │ │ │ │ │ ")) == 0);
	free(text);
	free(html);
	render_doc_free(d);
}

static void
test_unclosed(void **state)
{
	size_t n;
	char *html = fixture("broken.html", &n);
	struct render_doc *d = render_html(html, n, 80,
	    "https://example.com/a/");
	char *text;

	(void)state;
	check_doc(d, 80);
	text = doc_text(d);
	assert_non_null(strstr(text, "Unclosed paragraph bold bold italic"));
	assert_non_null(strstr(text, "cell one │ cell two"));
	assert_non_null(strstr(text, "row two"));
	assert_non_null(strstr(text, "  • item two"));
	assert_non_null(strstr(text, "deep"));
	assert_non_null(strstr(text, "trailing text after html end"));
	assert_non_null(strstr(text, "no quotes[2] single[3]"));
	assert_non_null(strstr(text, "[image: unquoted]"));
	assert_non_null(strstr(text, "tangled tags"));
	assert_non_null(strstr(text, "<not a tag>"));
	assert_string_equal(d->links.v[0], "https://example.com/unclosed");
	assert_string_equal(d->links.v[2], "https://example.com/single");
	free(text);
	free(html);
	render_doc_free(d);
}

static void
test_huge_word(void **state)
{
	char *html = repeat("<p>", "x", 100000, "</p>");
	struct render_doc *d = render_str(html, 40, NULL);
	size_t i;

	(void)state;
	assert_int_equal(d->nlines, 2500);
	for (i = 0; i < d->nlines; i++)
		assert_int_equal(strlen(d->lines[i].text), 40);
	free(html);
	render_doc_free(d);
}

static void
test_megabyte(void **state)
{
	static const char *const words[] = { "alpha", "beta", "gamma",
		"delta", "epsilon", "<b>bold</b>", "<a href=\"/l\">link</a>",
		"日本語", "\n\n" };
	struct str html = STR_INIT;
	struct render_doc *d;
	uint32_t x = 12345;
	size_t i, letters = 0, shown = 0;

	(void)state;
	str_appendz(&html, "<p>");
	while (html.len < 1024 * 1024) {
		x = x * 1103515245u + 12345u;
		i = (x >> 16) % NELEM(words);
		str_appendz(&html, words[i]);
		str_appendc(&html, ' ');
		if (i == NELEM(words) - 1)
			str_appendz(&html, "</p><p>");
	}
	d = render_html(html.p, html.len, 80, "https://e.com/");
	check_doc(d, 80);
	assert_true(d->nlines > 10000);
	assert_int_equal(d->links.n, 1);
	/* Every word arrives: count the letters of "alpha" etc. */
	for (i = 0; i < html.len; i++)
		if (html.p[i] == 'h' && i > 0 && html.p[i - 1] == 'p')
			letters++;      /* "ph" only occurs in "alpha" */
	for (i = 0; i < d->nlines; i++) {
		const char *p = d->lines[i].text;

		while ((p = strstr(p, "alpha")) != NULL) {
			shown++;
			p++;
		}
	}
	assert_int_equal(shown, letters);
	str_free(&html);
	render_doc_free(d);
}

static void
test_garbage(void **state)
{
	static const char alphabet[] = "<>/=\"'&#;ab pdivlu\n\t\x1b\x9b\xc2\xe2"
	    "\x80\xae\xff";
	uint32_t x = 1;
	size_t round, i, w;

	(void)state;
	for (round = 0; round < 8; round++) {
		size_t n = 4096 << round % 4;
		char *buf = xmalloc(n);

		for (i = 0; i < n; i++) {
			x = x * 1664525u + 1013904223u;
			/* half the rounds any byte, half markup-heavy */
			buf[i] = round % 2 ? (char)(x >> 24) :
			    alphabet[(x >> 24) % (sizeof alphabet - 1)];
		}
		for (w = 0; w < NELEM(widths); w++) {
			struct render_doc *d = render_html(buf, n, widths[w],
			    "https://e.com/");

			check_doc(d, widths[w]);
			render_doc_free(d);
		}
		free(buf);
	}
}

static void
test_invalid_utf8(void **state)
{
	static const char html[] = "<p>\xff\xfe ok \xc0\xaf \xed\xa0\x80 "
	    "caf\xc3\xa9 \xe2\x82</p>";
	struct render_doc *d = render_html(html, sizeof html - 1, 40, NULL);
	char *text;

	(void)state;
	check_doc(d, 40);
	text = doc_text(d);
	/* One bad byte does not turn the document into Latin-1. */
	assert_non_null(strstr(text, "ok"));
	assert_non_null(strstr(text, "café"));
	assert_non_null(strstr(text, "\xef\xbf\xbd"));
	free(text);
	render_doc_free(d);
}

static void
test_null_and_free(void **state)
{
	struct render_doc *d = render_html(NULL, 0, 80, NULL);

	(void)state;
	assert_int_equal(d->nlines, 0);
	assert_int_equal(d->links.n, 0);
	render_doc_free(d);
	render_doc_free(NULL);
	d = render_html("<p>x</p>", 8, 80, "not a url at all");
	check_doc(d, 80);
	render_doc_free(d);
}

/* --- a realistic article --- */

static void
test_ismg_article(void **state)
{
	size_t n, i, heading = 0, quote_lines = 0;
	char *html = fixture("ismg_fragment.html", &n), *text, *want;
	struct render_doc *d = render_html(html, n, 72,
	    "https://www.bankinfosecurity.com/ransomware-hospital-a-23456");

	(void)state;
	check_doc(d, 72);
	text = doc_text(d);
	/* The whole page as a reader sees it. */
	want = fixture("ismg_fragment.w72.txt", &n);
	if (n > 0 && want[n - 1] == '\n')
		want[n - 1] = '\0';
	assert_string_equal(text, want);

	assert_string_equal(d->lines[0].text,
	    "Ransomware Gang Claims Attack on Regional Hospital Network");
	assert_int_equal(span_at(d, 0, "Ransomware")->style,
	    RENDER_HEADING | RENDER_BOLD);
	assert_int_equal(text_cols(d->lines[1].text,
	    strlen(d->lines[1].text)), 58);
	assert_non_null(strstr(text, "\n\nSee Also: Live Webinar | Cloud "
	    "Security Posture in 2024[1]\n\n"));
	assert_string_equal(d->links.v[0], "https://www.bankinfosecurity.com/"
	    "webinars/live-webinar-cloud-security-posture-w-5120");
	/* The advisory is linked twice and listed once. */
	assert_int_equal(d->links.n, 3);
	assert_non_null(strstr(text, "Agency[2]"));
	assert_non_null(strstr(text, "full advisory[2]"));
	for (i = 0; i < d->nlines; i++) {
		if (strcmp(d->lines[i].text, "Attack Details") == 0)
			heading = i;
		if (strncmp(d->lines[i].text, "│ ", 4) == 0)
			quote_lines++;
	}
	assert_true(heading > 0);
	assert_string_equal(d->lines[heading - 1].text, "");
	assert_string_equal(d->lines[heading + 1].text, "");
	assert_int_equal(quote_lines, 3);
	assert_non_null(strstr(text, "  • unexpected use of PsExec or "
	    "AnyDesk;\n"));
	assert_non_null(strstr(text, "[image: Hospital corridor]"));
	/* No script text, no tracking pixel. */
	assert_null(strstr(text, "gtag"));
	assert_null(strstr(text, "dataLayer"));
	assert_null(strstr(text, "[image]"));
	free(want);
	free(text);
	free(html);
	render_doc_free(d);
}

static void
test_blog_fixture(void **state)
{
	size_t n;
	char *html = fixture("blog.html", &n), *text;
	struct render_doc *d = render_html(html, n, 60,
	    "https://example.org/2024/05/homelab.html");

	(void)state;
	check_doc(d, 60);
	text = doc_text(d);
	assert_non_null(strstr(text, "  1. Inventory what runs where.\n"
	    "  2. Write it down as configuration.\n"
	    "     a. Services first,\n"));
	assert_non_null(strstr(text, "\n[server]\nhost = 0.0.0.0\n"));
	assert_non_null(strstr(text, "Approach │ Time │ Rollback\n"
	    "Scripts │ 2 h │ manual\n"));
	assert_non_null(strstr(text, "Idempotent\n    Running it twice"));
	assert_non_null(strstr(text, "Footnote 1 stays together."));
	assert_non_null(strstr(text, "Mail me[2]"));
	assert_string_equal(d->links.v[1], "mailto:me@example.org");
	assert_string_equal(d->links.v[2], "https://example.org/about");
	free(text);
	free(html);
	render_doc_free(d);
}

/* --- shared fixtures: real pages, when present --- */

static void
render_file_all_widths(const char *path)
{
	size_t n, w;
	char *html = slurp(path, &n);

	if (html == NULL)
		fail_msg("cannot read %s", path);
	for (w = 0; w < NELEM(widths); w++) {
		struct render_doc *d = render_html(html, n, widths[w],
		    "https://www.example.com/section/article.html");

		check_doc(d, widths[w]);
		render_doc_free(d);
	}
	free(html);
}

static void
test_shared_pages(void **state)
{
	const char *shared = getenv("SITREP_SHARED_FIXTURES");
	char *dir, *path;
	DIR *dp;
	struct dirent *e;
	size_t pages = 0;

	(void)state;
	if (shared == NULL || *shared == '\0') {
		skip();
		return;
	}
	path = xasprintf("%s/seed/ismg_article.html", shared);
	render_file_all_widths(path);
	free(path);
	dir = xasprintf("%s/articles/readability/test/test-pages", shared);
	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s/source.html", dir, e->d_name);
		render_file_all_widths(path);
		free(path);
		pages++;
	}
	closedir(dp);
	free(dir);
	assert_true(pages > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output),
		cmocka_unit_test(test_styles_wrap),
		cmocka_unit_test(test_styles_kinds),
		cmocka_unit_test(test_styles_link_spans),
		cmocka_unit_test(test_hostile_entities),
		cmocka_unit_test(test_hostile_raw),
		cmocka_unit_test(test_hostile_fixture),
		cmocka_unit_test(test_width_invariant),
		cmocka_unit_test(test_width_minimum),
		cmocka_unit_test(test_cjk_wrap),
		cmocka_unit_test(test_cyrillic_wrap),
		cmocka_unit_test(test_korean_keeps_words),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_nesting_shallow_enough),
		cmocka_unit_test(test_unclosed),
		cmocka_unit_test(test_huge_word),
		cmocka_unit_test(test_megabyte),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_null_and_free),
		cmocka_unit_test(test_ismg_article),
		cmocka_unit_test(test_blog_fixture),
		cmocka_unit_test(test_shared_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
