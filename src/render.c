/*
 * render: an article's HTML to wrapped lines of styled spans.
 *
 * libxml2 builds the DOM; one iterative walk (no recursion: the parser caps
 * nesting at 256 today, but a DOM handed to us is not trusted to stay that
 * shallow) drives a small inline formatter that behaves like a browser
 * reduced to a terminal.  White space collapses to one pending space; visible
 * characters gather into the current word; a word goes onto the current line
 * or the next one when it meets a break opportunity (a space, a CJK
 * character, <wbr>) or a block boundary.  Blocks shape the line prefix ("│ "
 * per quote level, list markers with hanging indents); vertical margins are
 * a single pending blank line, so there is never more than one in a row and
 * none at either end of the document.
 */
#include "render.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "text.h"
#include "xalloc.h"

#define RENDER_MIN_WIDTH 10
/* Wider than any terminal; bounds the length of an <hr> line. */
#define RENDER_MAX_WIDTH 1024
#define TAB_STOP 8
#define INDENT_LIST 2  /* a top-level list sits this far in */
#define INDENT_DD 4
/* Ordered-list counters stay far from overflow whatever start= says. */
#define COUNTER_LIMIT 1000000000L

#define QUOTE_BAR "\xe2\x94\x82 "   /* "│ " */
#define RULE "\xe2\x94\x80"         /* "─" */
#define RULE_DOUBLE "\xe2\x95\x90"  /* "═" */

/* A run of text with its spans: both the line being built and the word. */
struct buf {
	struct str text;
	struct render_span *spans;
	size_t nspans, cap;
	size_t cols;
};

enum frame_kind {
	FRAME_QUOTE,  /* "│ " */
	FRAME_INDENT, /* spaces: <dd> */
	FRAME_LIST,   /* <ul>, <ol>: spaces, and the counter for its items */
	FRAME_ITEM    /* <li>: its marker on its first line, spaces after */
};

/* A block that contributes to the prefix of every line drawn inside it. */
struct frame {
	enum frame_kind kind;
	size_t indent;
	/* FRAME_ITEM */
	char marker[32];
	int marker_pending;
	size_t marker_line;   /* serial of the line that took the marker */
	/* FRAME_LIST */
	int ordered;
	char type;            /* <ol type>: '1', 'a', 'A', 'i', 'I' */
	long counter;
	size_t marker_cols;
	int level;            /* unordered nesting, picks the bullet */
};

enum el_kind {
	EL_INLINE,
	EL_DROP,    /* the element and everything in it (X3) */
	EL_VOID,    /* no content of its own; see the table */
	EL_HEAD,    /* dropped, but its <base> counts */
	EL_BASE,
	EL_BLOCK,   /* starts and ends a line */
	EL_PARA,    /* a block with a blank line before and after */
	EL_HEADING,
	EL_BR,
	EL_WBR,
	EL_HR,
	EL_QUOTE,
	EL_LIST,
	EL_ITEM,
	EL_DD,
	EL_PRE,
	EL_LINK,
	EL_IMG,
	EL_Q,
	EL_ROW,
	EL_CELL,
	EL__COUNT
};

struct el {
	const char *name;
	enum el_kind kind;
	unsigned style;
};

/*
 * Sorted by name for bsearch; anything missing is an unstyled inline.
 * libxml2 2.9 does not know embed, keygen, source, track and wbr as void
 * elements and hangs whatever follows them underneath: those are walked
 * (EL_VOID, EL_WBR), never dropped, or the rest of the article would go.
 */
static const struct el elements[] = {
	{ "a", EL_LINK, 0 },
	{ "address", EL_BLOCK, RENDER_ITALIC },
	{ "applet", EL_DROP, 0 },
	{ "article", EL_BLOCK, 0 },
	{ "aside", EL_BLOCK, 0 },
	{ "audio", EL_DROP, 0 },
	{ "b", EL_INLINE, RENDER_BOLD },
	{ "base", EL_BASE, 0 },
	{ "blockquote", EL_QUOTE, RENDER_QUOTE },
	{ "br", EL_BR, 0 },
	{ "button", EL_DROP, 0 },
	{ "canvas", EL_DROP, 0 },
	{ "caption", EL_BLOCK, RENDER_ITALIC },
	{ "center", EL_BLOCK, 0 },
	{ "cite", EL_INLINE, RENDER_ITALIC },
	{ "code", EL_INLINE, RENDER_CODE },
	{ "col", EL_DROP, 0 },
	{ "colgroup", EL_DROP, 0 },
	{ "datalist", EL_DROP, 0 },
	{ "dd", EL_DD, 0 },
	{ "details", EL_BLOCK, 0 },
	{ "dfn", EL_INLINE, RENDER_ITALIC },
	{ "dialog", EL_DROP, 0 },
	{ "dir", EL_LIST, 0 },
	{ "div", EL_BLOCK, 0 },
	{ "dl", EL_PARA, 0 },
	{ "dt", EL_BLOCK, RENDER_BOLD },
	{ "em", EL_INLINE, RENDER_ITALIC },
	{ "embed", EL_VOID, 0 },
	{ "fieldset", EL_BLOCK, 0 },
	{ "figcaption", EL_BLOCK, RENDER_ITALIC },
	{ "figure", EL_PARA, 0 },
	{ "footer", EL_BLOCK, 0 },
	{ "form", EL_DROP, 0 },
	{ "frame", EL_DROP, 0 },
	{ "frameset", EL_DROP, 0 },
	{ "h1", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h2", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h3", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h4", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h5", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h6", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "head", EL_HEAD, 0 },
	{ "header", EL_BLOCK, 0 },
	{ "hgroup", EL_BLOCK, 0 },
	{ "hr", EL_HR, 0 },
	{ "i", EL_INLINE, RENDER_ITALIC },
	{ "iframe", EL_DROP, 0 },
	{ "img", EL_IMG, 0 },
	{ "input", EL_DROP, 0 },
	{ "keygen", EL_VOID, 0 },
	{ "kbd", EL_INLINE, RENDER_CODE },
	{ "legend", EL_BLOCK, RENDER_BOLD },
	{ "li", EL_ITEM, 0 },
	{ "link", EL_DROP, 0 },
	{ "listing", EL_PRE, RENDER_CODE },
	{ "main", EL_BLOCK, 0 },
	{ "map", EL_DROP, 0 },
	{ "math", EL_DROP, 0 },
	{ "menu", EL_LIST, 0 },
	{ "meta", EL_DROP, 0 },
	{ "nav", EL_BLOCK, 0 },
	{ "noembed", EL_DROP, 0 },
	{ "noframes", EL_DROP, 0 },
	{ "noscript", EL_DROP, 0 },
	{ "object", EL_DROP, 0 },
	{ "ol", EL_LIST, 0 },
	{ "optgroup", EL_DROP, 0 },
	{ "option", EL_DROP, 0 },
	{ "p", EL_PARA, 0 },
	{ "param", EL_DROP, 0 },
	{ "plaintext", EL_PRE, RENDER_CODE },
	{ "pre", EL_PRE, RENDER_CODE },
	{ "q", EL_Q, 0 },
	{ "samp", EL_INLINE, RENDER_CODE },
	{ "script", EL_DROP, 0 },
	{ "section", EL_BLOCK, 0 },
	{ "select", EL_DROP, 0 },
	{ "source", EL_VOID, 0 },
	{ "strong", EL_INLINE, RENDER_BOLD },
	{ "style", EL_DROP, 0 },
	{ "summary", EL_BLOCK, RENDER_BOLD },
	{ "svg", EL_DROP, 0 },
	{ "table", EL_PARA, 0 },
	{ "td", EL_CELL, 0 },
	{ "template", EL_DROP, 0 },
	{ "textarea", EL_DROP, 0 },
	{ "th", EL_CELL, RENDER_BOLD },
	{ "title", EL_DROP, 0 },
	{ "tr", EL_ROW, 0 },
	{ "track", EL_VOID, 0 },
	{ "tt", EL_INLINE, RENDER_CODE },
	{ "u", EL_INLINE, RENDER_UNDERLINE },
	{ "ul", EL_LIST, 0 },
	{ "var", EL_INLINE, RENDER_ITALIC },
	{ "video", EL_DROP, 0 },
	{ "wbr", EL_WBR, 0 },
	{ "xmp", EL_PRE, RENDER_CODE },
};

static const struct el el_unknown = { "", EL_INLINE, 0 };

/* Bullets by nesting level of unordered lists. */
static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6",
	"\xe2\x96\xaa" }; /* • ◦ ▪ */

/* Link schemes that get a number; anything else shows its text only. */
static const char *const link_schemes[] = { "http", "https", "mailto" };

/* What an element restores when it ends. */
struct save {
	const struct el *el;
	unsigned style;
	size_t nframes;
	int pre;
	char *link_url;   /* the enclosing link's, for <a> */
	int link_no, link_dirty;
	int row_content, sep_pending;  /* the enclosing row's, for <tr> */
	size_t mark;      /* heading: first line; cell: chars before it;
	                     list: 1 when top level */
};

struct render {
	size_t width, max_prefix;
	char *base;       /* percent-encoded, may be NULL */
	int base_seen;
	int plain;        /* no block markup: blank lines separate paragraphs */

	/* the document */
	struct render_line *lines;
	size_t nlines, lines_cap;
	int last_blank;
	size_t last_quotes;
	int blank_pending;
	struct strv links;
	size_t *map;      /* open addressing: link index + 1, 0 for empty */
	size_t map_cap;

	/* the line being built */
	struct buf line;
	int line_open;
	size_t prefix_len, prefix_cols, line_quotes, line_serial;

	/* the word being built, and the space before it */
	struct buf word;
	int word_space;
	unsigned word_space_style;
	int word_space_link;
	int pending_space;
	unsigned space_style;
	int space_link;
	int last_wide, no_break;
	size_t ws_lf;     /* line feeds in the current run of white space */

	/* inline state */
	unsigned style;
	char *link_url;   /* the current <a>'s target when it gets a number */
	int link_no;      /* assigned at its first visible character */
	int link_dirty;   /* link text since its last "[n]" */
	int pre, pre_start;
	int row_content, sep_pending;
	size_t produced;  /* visible characters so far */

	struct frame *frames;
	size_t nframes, frames_cap;
	struct save *stack;
	size_t depth, stack_cap;
	struct str scratch;
};

static void block_break(struct render *, int);

/* --- buffers --- */

static void
buf_put(struct buf *b, const char *s, size_t n, unsigned style, int link)
{
	struct render_span *last;

	if (n == 0)
		return;
	last = b->nspans > 0 ? &b->spans[b->nspans - 1] : NULL;
	if (last != NULL && last->style == style && last->link == link &&
	    last->off + last->len == b->text.len) {
		last->len += n;
	} else {
		if (b->nspans == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 8;
			b->spans = xreallocarray(b->spans, b->cap,
			    sizeof *b->spans);
		}
		b->spans[b->nspans].off = b->text.len;
		b->spans[b->nspans].len = n;
		b->spans[b->nspans].style = style;
		b->spans[b->nspans].link = link;
		b->nspans++;
	}
	str_append(&b->text, s, n);
}

/*
 * Appends src's bytes [from, to) with their spans.  *si is a cursor into
 * src's spans that only moves forward, so copying a word piece by piece
 * stays linear.
 */
static void
buf_copy(struct buf *dst, const struct buf *src, size_t from, size_t to,
    size_t *si)
{
	while (*si < src->nspans && from < to) {
		const struct render_span *s = &src->spans[*si];
		size_t end = s->off + s->len, cut = end < to ? end : to;

		if (cut > from)
			buf_put(dst, src->text.p + from, cut - from, s->style,
			    s->link);
		from = cut;
		if (end > to)
			break;
		(*si)++;
	}
}

static void
buf_reset(struct buf *b)
{
	str_clear(&b->text);
	b->nspans = 0;
	b->cols = 0;
}

static void
buf_free(struct buf *b)
{
	str_free(&b->text);
	free(b->spans);
	memset(b, 0, sizeof *b);
}

/* Cuts trailing ASCII spaces, never below keep bytes. */
static void
buf_trim(struct buf *b, size_t keep)
{
	size_t len = b->text.len;

	while (len > keep && b->text.p[len - 1] == ' ')
		len--;
	b->cols -= b->text.len - len;
	str_truncate(&b->text, len);
	while (b->nspans > 0 && b->spans[b->nspans - 1].off >= len)
		b->nspans--;
	if (b->nspans > 0) {
		struct render_span *s = &b->spans[b->nspans - 1];

		if (s->off + s->len > len)
			s->len = len - s->off;
	}
}

/* --- characters --- */

static int
cp_in(uint32_t cp, const uint32_t *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/* No line starts with these (a small kinsoku set plus ASCII closers). */
static int
cp_closing(uint32_t cp)
{
	static const uint32_t set[] = {
		'.', ',', ';', ':', '!', '?', ')', ']', '}', '%',
		0x3001, 0x3002, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011,
		0x3015, 0x3017, 0x3019, 0x301B, 0x301C, 0x301F, 0x3005,
		0x303B, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063,
		0x3083, 0x3085, 0x3087, 0x308E, 0x309D, 0x309E, 0x30A1,
		0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5,
		0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD,
		0x30FE, 0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B,
		0xFF1F, 0xFF3D, 0xFF5D, 0xFF60, 0xFF61, 0xFF63, 0xFF64,
		0x2019, 0x201D, 0x2026,
	};

	return cp_in(cp, set, sizeof set / sizeof set[0]);
}

/* No line ends with these. */
static int
cp_opening(uint32_t cp)
{
	static const uint32_t set[] = {
		'(', '[', '{', 0x3008, 0x300A, 0x300C, 0x300E, 0x3010,
		0x3014, 0x3016, 0x3018, 0x301A, 0x301D, 0xFF08, 0xFF3B,
		0xFF5B, 0xFF5F, 0xFF62, 0x2018, 0x201C,
	};

	return cp_in(cp, set, sizeof set / sizeof set[0]);
}

/*
 * Wide characters a line may break between without a space: Chinese and
 * Japanese.  Korean puts spaces between words and its readers expect words
 * kept whole (what CSS calls keep-all), so Hangul wraps like Latin.
 */
static int
cp_breaks_between(uint32_t cp, int w)
{
	if (w != 2)
		return 0;
	return !((cp >= 0x1100 && cp <= 0x11FF) ||
	    (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
	    (cp >= 0xAC00 && cp <= 0xD7AF));
}

static int
cp_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\f';
}

/* --- lines --- */

static void
doc_push(struct render *r, struct buf *b, size_t quotes, int blank)
{
	struct render_line *l;

	if (r->nlines == r->lines_cap) {
		r->lines_cap = r->lines_cap ? r->lines_cap * 2 : 64;
		r->lines = xreallocarray(r->lines, r->lines_cap,
		    sizeof *r->lines);
	}
	l = &r->lines[r->nlines++];
	l->text = str_steal(&b->text);
	l->nspans = b->nspans;
	l->spans = NULL;
	if (b->nspans > 0) {
		l->spans = xreallocarray(NULL, b->nspans, sizeof *l->spans);
		memcpy(l->spans, b->spans, b->nspans * sizeof *l->spans);
	}
	buf_reset(b);
	r->last_blank = blank;
	r->last_quotes = quotes;
}

/* Appends prefix text unless the prefix would leave too little room. */
static void
prefix_put(struct render *r, struct buf *b, const char *s, size_t n,
    unsigned style)
{
	size_t cols = text_cols(s, n);

	if (b->cols + cols > r->max_prefix)
		return;
	buf_put(b, s, n, style, 0);
	b->cols += cols;
}

static void
prefix_spaces(struct render *r, struct buf *b, size_t n)
{
	static const char spaces[] = "                ";

	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;

		prefix_put(r, b, spaces, k, 0);
		n -= k;
	}
}

/*
 * The prefix of a line from the open blocks.  A blank line draws only the
 * quote bars that both of its neighbours have (quotes), and never takes a
 * list marker.  Returns the number of quote levels.
 */
static size_t
prefix_build(struct render *r, struct buf *b, int blank, size_t quotes)
{
	size_t i, q = 0;

	for (i = 0; i < r->nframes; i++) {
		struct frame *f = &r->frames[i];

		switch (f->kind) {
		case FRAME_QUOTE:
			if (blank && q == quotes)
				return q;
			q++;
			prefix_put(r, b, STRP(QUOTE_BAR), RENDER_QUOTE);
			break;
		case FRAME_ITEM:
			if (!blank && f->marker_pending) {
				size_t before = b->cols;

				prefix_put(r, b, f->marker, strlen(f->marker),
				    0);
				if (b->cols - before < f->indent)
					prefix_spaces(r, b,
					    f->indent - (b->cols - before));
				f->marker_pending = 0;
				f->marker_line = r->line_serial;
				break;
			}
			prefix_spaces(r, b, f->indent);
			break;
		case FRAME_INDENT:
		case FRAME_LIST:
			prefix_spaces(r, b, f->indent);
			break;
		}
	}
	return q;
}

static void
line_begin(struct render *r)
{
	if (r->line_open)
		return;
	r->line_serial++;
	buf_reset(&r->line);
	r->line_quotes = prefix_build(r, &r->line, 0, 0);
	r->prefix_len = r->line.text.len;
	r->prefix_cols = r->line.cols;
	r->line_open = 1;
}

/* Ends the line; returns 1 when it had content and was kept. */
static int
line_end(struct render *r)
{
	size_t i;

	if (!r->line_open)
		return 0;
	r->line_open = 0;
	buf_trim(&r->line, r->prefix_len);
	if (r->line.text.len == r->prefix_len) {
		/* Nothing but prefix: give back the markers it took. */
		for (i = 0; i < r->nframes; i++)
			if (r->frames[i].kind == FRAME_ITEM &&
			    r->frames[i].marker_line == r->line_serial)
				r->frames[i].marker_pending = 1;
		buf_reset(&r->line);
		return 0;
	}
	if (r->blank_pending && r->nlines > 0 && !r->last_blank) {
		struct buf blank = { STR_INIT, NULL, 0, 0, 0 };
		size_t q = r->line_quotes < r->last_quotes ?
		    r->line_quotes : r->last_quotes;

		prefix_build(r, &blank, 1, q);
		buf_trim(&blank, 0);
		doc_push(r, &blank, q, 1);
		buf_free(&blank);
	}
	r->blank_pending = 0;
	doc_push(r, &r->line, r->line_quotes, 0);
	return 1;
}

/* --- words --- */

/*
 * Puts the word on the line, after a space when word_space says so; starts
 * a new line when it does not fit, and cuts it by columns when it is wider
 * than a whole line.
 */
static void
word_place(struct render *r)
{
	struct buf *w = &r->word;
	size_t off = 0, si = 0, rest = w->cols;
	int sp = r->word_space;

	r->word_space = 0;
	if (w->text.len == 0)
		return;
	while (off < w->text.len) {
		int gap;

		line_begin(r);
		gap = sp && r->line.text.len > r->prefix_len;
		if (r->line.cols + (size_t)gap + rest <= r->width) {
			if (gap) {
				unsigned st = r->word_space_style &
				    w->spans[0].style;
				int link = r->word_space_link ==
				    w->spans[0].link ? r->word_space_link : 0;

				if (link == 0)
					st &= ~(unsigned)RENDER_LINK;
				buf_put(&r->line, " ", 1, st, link);
				r->line.cols++;
			}
			buf_copy(&r->line, w, off, w->text.len, &si);
			r->line.cols += rest;
			break;
		}
		if (r->line.text.len > r->prefix_len) {
			line_end(r);
			sp = 0;
			continue;
		}
		/* Alone on a fresh line and still too wide: cut it. */
		{
			size_t room = r->width - r->line.cols, end = off;
			size_t cols = 0;

			while (end < w->text.len) {
				uint32_t cp;
				int k = utf8_decode(w->text.p + end,
				    w->text.len - end, &cp);
				size_t cw = k < 0 ? 1 :
				    (size_t)text_cp_width(cp);

				if (k < 0)
					k = 1;
				if (cols + cw > room && end > off)
					break;
				cols += cw;
				end += (size_t)k;
			}
			buf_copy(&r->line, w, off, end, &si);
			r->line.cols += cols;
			rest -= cols;
			off = end;
			line_end(r);
		}
	}
	buf_reset(w);
}

/* A visible character in flowing text. */
static void
word_char(struct render *r, const char *s, size_t k, uint32_t cp, int w,
    unsigned style, int link)
{
	if (r->pending_space) {
		word_place(r);
		r->pending_space = 0;
		r->word_space = 1;
		r->word_space_style = r->space_style;
		r->word_space_link = r->space_link;
	} else if (w > 0 && r->word.text.len > 0 && !r->no_break &&
	    !cp_closing(cp) && (r->last_wide || cp_breaks_between(cp, w))) {
		/* CJK: a line may break between any two such characters. */
		word_place(r);
	}
	buf_put(&r->word, s, k, style, link);
	r->word.cols += (size_t)w;
	if (w > 0) {
		r->last_wide = cp_breaks_between(cp, w);
		r->no_break = cp_opening(cp);
	} else if (cp == 0x200D) {
		r->no_break = 1;  /* a joiner glues emoji sequences */
	}
}

/* Text that belongs to the current word whatever it is ("[3]"). */
static void
word_attach(struct render *r, const char *s, unsigned style, int link)
{
	size_t n = strlen(s);

	buf_put(&r->word, s, n, style, link);
	r->word.cols += text_cols(s, n);
	r->last_wide = 0;
	r->no_break = 0;
}

static void
space_pend(struct render *r, unsigned style, int link)
{
	if (r->pending_space)
		return;
	r->pending_space = 1;
	r->space_style = style;
	r->space_link = link;
}

/* --- preformatted text --- */

static void
pre_char(struct render *r, const char *s, size_t k, int w, unsigned style,
    int link)
{
	line_begin(r);
	if (r->line.cols + (size_t)w > r->width &&
	    r->line.text.len > r->prefix_len) {
		line_end(r);
		line_begin(r);
	}
	buf_put(&r->line, s, k, style, link);
	r->line.cols += (size_t)w;
}

static void
pre_newline(struct render *r)
{
	if (!line_end(r))
		r->blank_pending = 1;
}

static void
pre_tab(struct render *r, unsigned style, int link)
{
	size_t n;

	line_begin(r);
	n = TAB_STOP - (r->line.cols - r->prefix_cols) % TAB_STOP;
	while (n-- > 0)
		pre_char(r, " ", 1, 1, style, link);
}

/* --- links --- */

static size_t
hash_str(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The number of url in the link list, adding it when new. */
static int
link_number(struct render *r, const char *url)
{
	size_t h, i;

	if (r->links.n >= INT_MAX - 1)
		return 0;
	if ((r->links.n + 1) * 2 > r->map_cap) {
		size_t cap = r->map_cap ? r->map_cap * 2 : 64;

		free(r->map);
		r->map = xcalloc(cap, sizeof *r->map);
		r->map_cap = cap;
		for (i = 0; i < r->links.n; i++) {
			h = hash_str(r->links.v[i]) & (cap - 1);
			while (r->map[h] != 0)
				h = (h + 1) & (cap - 1);
			r->map[h] = i + 1;
		}
	}
	h = hash_str(url) & (r->map_cap - 1);
	while (r->map[h] != 0) {
		if (strcmp(r->links.v[r->map[h] - 1], url) == 0)
			return (int)r->map[h];
		h = (h + 1) & (r->map_cap - 1);
	}
	strv_pushdup(&r->links, url);
	r->map[h] = r->links.n;
	return (int)r->links.n;
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/*
 * A URL from an attribute made acceptable to xmlBuildURI the way a browser
 * would: sanitised, trimmed, TAB and LF inside removed, and what RFC 3986
 * does not allow (spaces, non-ASCII bytes, stray '%') percent-encoded.
 * Returns owned, NULL when nothing is left.
 */
static char *
url_clean(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *clean = text_sanitize(s, strlen(s));
	const char *p = clean;
	size_t n = text_trim(&p, strlen(clean)), i;
	struct str out = STR_INIT;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '\t' || c == '\n')
			continue;
		if (c <= ' ' || c >= 0x7f || strchr("\"<>\\^`{|}", c) != NULL ||
		    (c == '%' && (i + 2 >= n || !is_hex(p[i + 1]) ||
		    !is_hex(p[i + 2])))) {
			str_appendc(&out, '%');
			str_appendc(&out, hex[c >> 4]);
			str_appendc(&out, hex[c & 15]);
		} else {
			str_appendc(&out, (char)c);
		}
	}
	free(clean);
	if (out.len == 0) {
		str_free(&out);
		return NULL;
	}
	return str_steal(&out);
}

/* 1 when url is absolute with a scheme that gets a number. */
static int
url_allowed(const char *url)
{
	size_t n = 0, i;

	while (url[n] != '\0' && url[n] != ':' && url[n] != '/' &&
	    url[n] != '?' && url[n] != '#')
		n++;
	if (url[n] != ':')
		return 0;
	for (i = 0; i < sizeof link_schemes / sizeof link_schemes[0]; i++) {
		if (!text_eq_nocase(url, n, link_schemes[i]))
			continue;
		if (i < 2)  /* http, https: a host must follow */
			return strncmp(url + n, "://", 3) == 0 &&
			    url[n + 3] != '\0' && url[n + 3] != '/';
		return url[n + 1] != '\0';
	}
	return 0;
}

/* The absolute target of href when it deserves a number; owned or NULL. */
static char *
link_resolve(struct render *r, const char *href)
{
	char *clean = url_clean(href), *url = NULL;
	xmlChar *abs;

	/* Fragments point into a page we are not showing. */
	if (clean == NULL || clean[0] == '#')
		goto out;
	abs = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)r->base);
	if (abs == NULL)
		goto out;
	if (url_allowed((const char *)abs)) {
		char *p;

		url = xstrdup((const char *)abs);
		/* "HTTPS:" is https: say so, for whoever checks it later. */
		for (p = url; *p != ':'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	}
	xmlFree(abs);
out:
	free(clean);
	return url;
}

/*
 * "[n]" after the link text shown since the last one: at the end of the
 * link, and at each block boundary inside it, so that a link wrapped around
 * a heading and a paragraph (a news "card") marks both.
 */
static void
link_ref(struct render *r)
{
	char ref[24];
	unsigned style;
	size_t i;

	if (r->link_no == 0 || !r->link_dirty)
		return;
	r->link_dirty = 0;
	style = (r->style & ~(unsigned)RENDER_LINK) | RENDER_LINKREF;
	snprintf(ref, sizeof ref, "[%d]", r->link_no);
	if (r->pre) {
		for (i = 0; ref[i] != '\0'; i++)
			pre_char(r, ref + i, 1, 1, style, r->link_no);
	} else {
		word_attach(r, ref, style, r->link_no);
	}
}

/* --- text --- */

static void
cell_separator(struct render *r)
{
	r->sep_pending = 0;
	/* A cell starting a line (after a block inside the row) needs none. */
	if (r->word.text.len == 0 &&
	    (!r->line_open || r->line.text.len == r->prefix_len))
		return;
	if (r->pre) {
		pre_char(r, " ", 1, 1, 0, 0);
		pre_char(r, STRP("\xe2\x94\x82"), 1, 0, 0);
		pre_char(r, " ", 1, 1, 0, 0);
		return;
	}
	space_pend(r, 0, 0);
	word_char(r, STRP("\xe2\x94\x82"), 0x2502, 1, 0, 0);
	space_pend(r, 0, 0);
}

/* Sanitised UTF-8 into the layout, white space handled by mode. */
static void
emit_text(struct render *r, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		int k, w;
		size_t len;
		unsigned style;
		const char *ch = s + i;

		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			k = 1;
		} else if ((k = utf8_decode(s + i, n - i, &cp)) < 0) {
			/* Not expected after the sanitiser; stay safe. */
			cp = TEXT_REPLACEMENT;
			ch = "\xef\xbf\xbd";
			k = 1;
		}
		i += (size_t)k;
		len = cp == TEXT_REPLACEMENT ? 3 : (size_t)k;
		if (r->pre && r->pre_start) {
			r->pre_start = 0;
			/* HTML drops the LF right after <pre> */
			if (cp == '\n')
				continue;
		}
		if (cp == 0x200B) {  /* zero width space: a break, unseen */
			if (!r->pre && !r->pending_space)
				word_place(r);
			continue;
		}
		if (r->pre) {
			if (cp == '\r')
				continue;
			if (cp == '\n') {
				pre_newline(r);
				continue;
			}
		} else if (cp_space(cp)) {
			space_pend(r, r->style | (r->link_no ? RENDER_LINK : 0),
			    r->link_no);
			if (cp == '\n' && r->plain && ++r->ws_lf == 2)
				block_break(r, 1);
			continue;
		}
		/* A visible character. */
		r->ws_lf = 0;
		if (r->sep_pending)
			cell_separator(r);
		if (r->link_url != NULL && r->link_no == 0)
			r->link_no = link_number(r, r->link_url);
		r->link_dirty = r->link_no != 0;
		style = r->style | (r->link_no ? RENDER_LINK : 0);
		r->produced++;
		if (r->pre && cp == '\t') {
			pre_tab(r, style, r->link_no);
			continue;
		}
		if (cp == 0xA0) {  /* no-break space: a space inside a word */
			ch = " ";
			len = 1;
			w = 1;
		} else {
			w = text_cp_width(cp);
		}
		if (r->pre)
			pre_char(r, ch, len, w, style, r->link_no);
		else
			word_char(r, ch, len, cp, w, style, r->link_no);
	}
}

static void
emit_literal(struct render *r, const char *s)
{
	emit_text(r, s, strlen(s));
}

/* Sanitises then lays out (T1: after libxml2 decoded the references). */
static void
emit_hostile(struct render *r, const char *s)
{
	str_clear(&r->scratch);
	text_sanitize_into(&r->scratch, s, strlen(s));
	emit_text(r, r->scratch.p, r->scratch.len);
}

/* --- blocks --- */

static void
block_break(struct render *r, int margin)
{
	link_ref(r);
	word_place(r);
	r->pending_space = 0;
	r->word_space = 0;
	r->last_wide = 0;
	r->no_break = 0;
	line_end(r);
	if (margin)
		r->blank_pending = 1;
}

static struct frame *
frame_push(struct render *r, enum frame_kind kind, size_t indent)
{
	struct frame *f;

	if (r->nframes == r->frames_cap) {
		r->frames_cap = r->frames_cap ? r->frames_cap * 2 : 16;
		r->frames = xreallocarray(r->frames, r->frames_cap,
		    sizeof *r->frames);
	}
	f = &r->frames[r->nframes++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->indent = indent;
	return f;
}

static struct frame *
frame_find(struct render *r, enum frame_kind kind)
{
	size_t i = r->nframes;

	while (i-- > 0)
		if (r->frames[i].kind == kind)
			return &r->frames[i];
	return NULL;
}

static void
rule_line(struct render *r, const char *rule, size_t n, unsigned style)
{
	line_begin(r);
	while (n-- > 0 && r->line.cols < r->width) {
		buf_put(&r->line, rule, strlen(rule), style, 0);
		r->line.cols++;
	}
	line_end(r);
}

/* --- attributes --- */

/* Returns owned: the attribute's value, or NULL when absent. */
static char *
attr_dup(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static long
attr_long(xmlNode *n, const char *name, long def)
{
	char *v = attr_dup(n, name), *end;
	long x;

	if (v == NULL)
		return def;
	x = strtol(v, &end, 10);
	if (end == v)
		x = def;
	free(v);
	if (x > COUNTER_LIMIT)
		x = COUNTER_LIMIT;
	if (x < -COUNTER_LIMIT)
		x = -COUNTER_LIMIT;
	return x;
}

static int
has_text(const char *s)
{
	for (; *s != '\0'; s++)
		if (!cp_space((unsigned char)*s))
			return 1;
	return 0;
}

/* --- element handlers --- */

static const struct el *
el_find(const char *name)
{
	size_t lo = 0, hi = sizeof elements / sizeof elements[0];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, elements[mid].name);

		if (c == 0)
			return &elements[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static void
base_apply(struct render *r, xmlNode *n)
{
	char *href, *clean;
	xmlChar *abs;

	if (r->base_seen)
		return;  /* only the first <base> counts */
	if ((href = attr_dup(n, "href")) == NULL)
		return;
	r->base_seen = 1;
	clean = url_clean(href);
	free(href);
	if (clean == NULL)
		return;
	abs = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)r->base);
	free(clean);
	if (abs == NULL)
		return;
	free(r->base);
	r->base = xstrdup((const char *)abs);
	xmlFree(abs);
}

/* Tracking pixels say width="1" or height="0". */
static int
img_tiny(xmlNode *n)
{
	static const char *const dims[] = { "width", "height" };
	size_t i;

	for (i = 0; i < sizeof dims / sizeof dims[0]; i++) {
		char *v = attr_dup(n, dims[i]), *end;
		long x;
		int tiny;

		if (v == NULL)
			continue;
		x = strtol(v, &end, 10);
		tiny = end != v && x <= 1;
		free(v);
		if (tiny)
			return 1;
	}
	return 0;
}

static void
img_render(struct render *r, xmlNode *n)
{
	char *alt = NULL, *title = NULL, *src = NULL;
	unsigned style = r->style;

	if (img_tiny(n))
		return;
	alt = attr_dup(n, "alt");
	if (alt == NULL)
		title = attr_dup(n, "title");
	if (alt == NULL && (title == NULL || !has_text(title)))
		src = attr_dup(n, "src");
	r->style |= RENDER_IMAGE;
	if (alt != NULL && has_text(alt)) {
		emit_literal(r, "[image: ");
		emit_hostile(r, alt);
		emit_literal(r, "]");
	} else if (alt != NULL) {
		/* alt="" marks a decorative image. */
	} else if (title != NULL && has_text(title)) {
		emit_literal(r, "[image: ");
		emit_hostile(r, title);
		emit_literal(r, "]");
	} else if (src != NULL && has_text(src)) {
		emit_literal(r, "[image]");
	}
	r->style = style;
	free(alt);
	free(title);
	free(src);
}

static void
roman(struct str *out, long x, int upper)
{
	static const struct { long v; const char *s; } t[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" },
		{ 100, "c" }, { 90, "xc" }, { 50, "l" }, { 40, "xl" },
		{ 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" },
	};
	size_t i, j;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		for (; x >= t[i].v; x -= t[i].v)
			for (j = 0; t[i].s[j] != '\0'; j++)
				str_appendc(out, (char)(upper ?
				    t[i].s[j] - 'a' + 'A' : t[i].s[j]));
}

/* "3", "c", "iii" for counter x in a list of type t. */
static void
list_label(char out[24], long x, char t)
{
	struct str s = STR_INIT;

	if ((t == 'i' || t == 'I') && x > 0 && x < 4000) {
		roman(&s, x, t == 'I');
	} else if ((t == 'a' || t == 'A') && x > 0) {
		char tmp[16];
		size_t n = 0;

		/* bijective base 26: a..z, aa.. */
		for (; x > 0 && n < sizeof tmp; x = (x - 1) / 26)
			tmp[n++] = (char)((t == 'A' ? 'A' : 'a') +
			    (x - 1) % 26);
		while (n > 0)
			str_appendc(&s, tmp[--n]);
	} else {
		str_appendf(&s, "%ld", x);
	}
	snprintf(out, 24, "%s", str_cstr(&s));
	str_free(&s);
}

static void
list_enter(struct render *r, xmlNode *n, struct save *sv)
{
	struct frame *f;
	int top = frame_find(r, FRAME_ITEM) == NULL, level = 0;
	char *type;
	size_t i;

	block_break(r, top);
	sv->mark = (size_t)top;
	for (i = 0; i < r->nframes; i++)
		if (r->frames[i].kind == FRAME_LIST && !r->frames[i].ordered)
			level++;
	f = frame_push(r, FRAME_LIST, top ? INDENT_LIST : 0);
	f->ordered = n->name[0] == 'o';
	f->type = '1';
	f->level = level;
	if (!f->ordered) {
		f->marker_cols = 2;
		return;
	}
	if ((type = attr_dup(n, "type")) != NULL) {
		if (strlen(type) == 1 && strchr("1aAiI", type[0]) != NULL)
			f->type = type[0];
		free(type);
	}
	f->counter = attr_long(n, "start", 1);
	{
		/* Widest marker over the items, for a hanging indent. */
		xmlNode *c;
		long x = f->counter;

		i = 0;
		f->marker_cols = 3;
		for (c = n->children; c != NULL; c = c->next) {
			char label[24];
			size_t cols;

			if (c->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)c->name, "li") != 0)
				continue;
			if (i++ > 10000)
				break;
			list_label(label, x, f->type);
			cols = strlen(label) + 2;
			if (cols > f->marker_cols)
				f->marker_cols = cols;
			if (x < COUNTER_LIMIT)
				x++;
		}
	}
}

static void
item_enter(struct render *r)
{
	struct frame *list = frame_find(r, FRAME_LIST), *f;
	char label[24];

	block_break(r, 0);
	if (list == NULL || !list->ordered) {
		int level = list != NULL ? list->level : 0;

		f = frame_push(r, FRAME_ITEM, 2);
		snprintf(f->marker, sizeof f->marker, "%s ",
		    bullets[level % 3]);
	} else {
		size_t w = list->marker_cols;

		list_label(label, list->counter, list->type);
		if (list->counter < COUNTER_LIMIT)
			list->counter++;
		/* frame_push may move the frames: list is stale after it */
		f = frame_push(r, FRAME_ITEM, w);
		snprintf(f->marker, sizeof f->marker, "%*s. ",
		    (int)(w > 2 ? w - 2 : 1), label);
	}
	f->marker_pending = 1;
}

static void
link_enter(struct render *r, xmlNode *n)
{
	char *href = attr_dup(n, "href");

	r->link_url = href != NULL ? link_resolve(r, href) : NULL;
	r->link_no = 0;
	r->link_dirty = 0;
	free(href);
}

static void
link_leave(struct render *r, const struct save *sv)
{
	link_ref(r);
	free(r->link_url);
	r->link_url = sv->link_url;
	r->link_no = sv->link_no;
	r->link_dirty = sv->link_dirty;
}

static void
heading_leave(struct render *r, const struct save *sv)
{
	size_t i, max = 0, first = sv->mark;
	const char *rule;

	block_break(r, 0);
	rule = sv->el->name[1] == '1' ? RULE_DOUBLE :
	    sv->el->name[1] == '2' ? RULE : NULL;
	if (rule != NULL && r->nlines > first) {
		/* Underline as wide as the heading's widest line. */
		line_begin(r);
		for (i = first; i < r->nlines; i++) {
			size_t cols = text_cols(r->lines[i].text,
			    strlen(r->lines[i].text));

			if (cols > r->prefix_cols &&
			    cols - r->prefix_cols > max)
				max = cols - r->prefix_cols;
		}
		rule_line(r, rule, max, RENDER_HEADING);
	}
	r->blank_pending = 1;
}

static struct save *
stack_push(struct render *r, const struct el *el)
{
	struct save *sv;

	if (r->depth == r->stack_cap) {
		r->stack_cap = r->stack_cap ? r->stack_cap * 2 : 64;
		r->stack = xreallocarray(r->stack, r->stack_cap,
		    sizeof *r->stack);
	}
	sv = &r->stack[r->depth++];
	memset(sv, 0, sizeof *sv);
	sv->el = el;
	sv->style = r->style;
	sv->nframes = r->nframes;
	sv->pre = r->pre;
	return sv;
}

/* Starts element n; returns 1 when its children are to be walked. */
static int
element_enter(struct render *r, xmlNode *n)
{
	const struct el *el = el_find((const char *)n->name);
	struct save *sv;
	xmlNode *c;

	if (el == NULL)
		el = &el_unknown;
	switch (el->kind) {
	case EL_DROP:
		return 0;
	case EL_HEAD:
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)c->name, "base") == 0)
				base_apply(r, c);
		return 0;
	case EL_BASE:
		base_apply(r, n);
		return 0;
	case EL_BR:
		word_place(r);
		r->pending_space = 0;
		if (r->pre)
			pre_newline(r);
		else if (!line_end(r))
			r->blank_pending = 1;
		return 0;
	case EL_HR:
		block_break(r, 0);
		rule_line(r, RULE, r->width, 0);
		return 0;
	case EL_IMG:
		img_render(r, n);
		return 0;
	default:
		break;
	}
	sv = stack_push(r, el);
	r->style |= el->style;
	switch (el->kind) {
	case EL_BLOCK:
		block_break(r, 0);
		break;
	case EL_PARA:
		block_break(r, 1);
		break;
	case EL_HEADING:
		block_break(r, 1);
		sv->mark = r->nlines;
		break;
	case EL_QUOTE:
		block_break(r, 1);
		frame_push(r, FRAME_QUOTE, 2);
		break;
	case EL_LIST:
		list_enter(r, n, sv);
		break;
	case EL_ITEM:
		item_enter(r);
		break;
	case EL_DD:
		block_break(r, 0);
		frame_push(r, FRAME_INDENT, INDENT_DD);
		break;
	case EL_PRE:
		block_break(r, 1);
		r->pre++;
		r->pre_start = 1;
		break;
	case EL_LINK:
		link_ref(r);  /* the enclosing link's text ends here */
		sv->link_url = r->link_url;
		sv->link_no = r->link_no;
		sv->link_dirty = r->link_dirty;
		link_enter(r, n);
		break;
	case EL_Q:
		emit_literal(r, "\xe2\x80\x9c");  /* “ */
		break;
	case EL_ROW:
		block_break(r, 0);
		sv->row_content = r->row_content;
		sv->sep_pending = r->sep_pending;
		r->row_content = 0;
		r->sep_pending = 0;
		break;
	case EL_CELL:
		sv->mark = r->produced;
		r->sep_pending = r->row_content;
		break;
	case EL_WBR:
		if (!r->pre && !r->pending_space)
			word_place(r);
		break;
	default:
		break;
	}
	return 1;
}

static void
element_leave(struct render *r)
{
	struct save *sv = &r->stack[--r->depth];

	switch (sv->el->kind) {
	case EL_BLOCK:
	case EL_ITEM:
	case EL_DD:
		block_break(r, 0);
		break;
	case EL_PARA:
	case EL_QUOTE:
		block_break(r, 1);
		break;
	case EL_PRE:
		block_break(r, 1);
		r->pre_start = 0;
		break;
	case EL_LIST:
		block_break(r, (int)sv->mark);
		break;
	case EL_HEADING:
		heading_leave(r, sv);
		break;
	case EL_LINK:
		link_leave(r, sv);
		break;
	case EL_Q:
		emit_literal(r, "\xe2\x80\x9d");  /* ” */
		break;
	case EL_ROW:
		block_break(r, 0);
		r->row_content = sv->row_content;
		r->sep_pending = sv->sep_pending;
		break;
	case EL_CELL:
		if (r->produced != sv->mark)
			r->row_content = 1;
		r->sep_pending = 0;
		if (!r->pre)
			space_pend(r, 0, 0);
		break;
	default:
		break;
	}
	r->style = sv->style;
	r->nframes = sv->nframes;
	r->pre = sv->pre;
}

static int
node_enter(struct render *r, xmlNode *n)
{
	switch (n->type) {
	case XML_ELEMENT_NODE:
		return element_enter(r, n);
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			emit_hostile(r, (const char *)n->content);
		return 0;
	default:
		return 0;
	}
}

/* Depth first without recursion: parent and sibling pointers do it. */
static void
walk(struct render *r, xmlDoc *doc)
{
	xmlNode *n = doc->children;

	while (n != NULL) {
		if (node_enter(r, n)) {
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
			element_leave(r);
		}
		while (n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == (xmlNode *)doc)
				return;
			element_leave(r);
		}
		n = n->next;
	}
}

/*
 * 1 when the raw markup names any block element.  Without one, the input
 * is plain text or text with inline tags, and its blank lines are the
 * paragraph breaks the writer meant.
 */
static int
has_block_markup(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		char name[16];
		size_t k = 0;
		const struct el *el;

		p++;
		if (p < end && *p == '/')
			p++;
		while (p < end && k < sizeof name - 1 &&
		    ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'))) {
			char c = *p++;

			name[k++] = c >= 'A' && c <= 'Z' ?
			    (char)(c - 'A' + 'a') : c;
		}
		name[k] = '\0';
		if (k == 0 || (el = el_find(name)) == NULL)
			continue;
		switch (el->kind) {
		case EL_INLINE:
		case EL_DROP:
		case EL_HEAD:
		case EL_BASE:
		case EL_WBR:
		case EL_VOID:
		case EL_LINK:
		case EL_IMG:
		case EL_Q:
			break;
		default:
			return 1;
		}
	}
	return 0;
}

struct render_doc *
render_html(const char *html, size_t n, size_t width, const char *base_url)
{
	struct render r;
	struct render_doc *doc = xcalloc(1, sizeof *doc);
	struct str clean = STR_INIT;
	htmlDocPtr hdoc = NULL;

	memset(&r, 0, sizeof r);
	if (width < RENDER_MIN_WIDTH)
		width = RENDER_MIN_WIDTH;
	if (width > RENDER_MAX_WIDTH)
		width = RENDER_MAX_WIDTH;
	r.width = width;
	/* However deep the nesting, half the width stays for text. */
	r.max_prefix = width - width / 2;
	if (base_url != NULL)
		r.base = url_clean(base_url);

	/*
	 * Sanitise the raw bytes too: libxml2 reads invalid UTF-8 by switching
	 * the whole document to Latin-1, and stray controls have no business
	 * in markup either.
	 */
	if (html != NULL && n > 0)
		text_sanitize_into(&clean, html, n > INT_MAX ? INT_MAX : n);
	if (clean.len > 0) {
		r.plain = !has_block_markup(clean.p, clean.len);
		hdoc = htmlReadMemory(clean.p,
		    clean.len > INT_MAX ? INT_MAX : (int)clean.len, NULL,
		    "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
	}
	if (hdoc != NULL) {
		walk(&r, hdoc);
		xmlFreeDoc(hdoc);
	}
	/* A document cut short leaves elements open. */
	while (r.depth > 0)
		element_leave(&r);
	block_break(&r, 0);

	doc->lines = r.lines;
	doc->nlines = r.nlines;
	doc->links = r.links;
	str_free(&clean);
	buf_free(&r.line);
	buf_free(&r.word);
	free(r.map);
	free(r.frames);
	free(r.stack);
	free(r.base);
	free(r.link_url);
	str_free(&r.scratch);
	return doc;
}

void
render_doc_free(struct render_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nlines; i++) {
		free(doc->lines[i].text);
		free(doc->lines[i].spans);
	}
	free(doc->lines);
	strv_free(&doc->links);
	free(doc);
}
