/*
 * wrap: lines and words.  Text arrives here a character at a time (from
 * inline.c) and leaves as the document's lines: visible characters gather
 * into the current word; a word goes onto the current line or the next one
 * when it meets a break opportunity (a space, a CJK character, <wbr>) or a
 * block boundary; a word wider than a line is cut by columns.  Each line
 * starts with the prefix of the blocks open around it ("│ " per quote
 * level, list markers with hanging indents), and vertical margins are a
 * single pending blank line, so there is never more than one in a row and
 * none at either end of the document.
 *
 * Apart from the elements because this is where a later writing system or
 * a table layout changes how lines break, without touching the HTML side.
 * Calls nothing else of the renderer.
 */
#include "render_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "text.h"
#include "xalloc.h"

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
		b->spans = xgrow(b->spans, b->nspans, &b->cap,
		    sizeof *b->spans);
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

void
wrap_buf_free(struct buf *b)
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

int
wrap_cp_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\f';
}

/* --- lines --- */

static void
doc_push(struct render *r, struct buf *b, size_t quotes, int blank)
{
	struct render_line *l;

	r->lines = xgrow(r->lines, r->nlines, &r->lines_cap, sizeof *r->lines);
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

void
wrap_line_begin(struct render *r)
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

int
wrap_line_end(struct render *r)
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
		wrap_buf_free(&blank);
	}
	r->blank_pending = 0;
	doc_push(r, &r->line, r->line_quotes, 0);
	return 1;
}

void
wrap_rule_line(struct render *r, const char *rule, size_t n, unsigned style)
{
	wrap_line_begin(r);
	while (n-- > 0 && r->line.cols < r->width) {
		buf_put(&r->line, rule, strlen(rule), style, 0);
		r->line.cols++;
	}
	wrap_line_end(r);
}

/* --- words --- */

void
wrap_word_place(struct render *r)
{
	struct buf *w = &r->word;
	size_t off = 0, si = 0, rest = w->cols;
	int sp = r->word_space;

	r->word_space = 0;
	if (w->text.len == 0)
		return;
	while (off < w->text.len) {
		int gap;

		wrap_line_begin(r);
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
			wrap_line_end(r);
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
			wrap_line_end(r);
		}
	}
	buf_reset(w);
}

void
wrap_word_char(struct render *r, const char *s, size_t k, uint32_t cp, int w,
    unsigned style, int link)
{
	if (r->pending_space) {
		wrap_word_place(r);
		r->pending_space = 0;
		r->word_space = 1;
		r->word_space_style = r->space_style;
		r->word_space_link = r->space_link;
	} else if (w > 0 && r->word.text.len > 0 && !r->no_break &&
	    !cp_closing(cp) && (r->last_wide || cp_breaks_between(cp, w))) {
		/* CJK: a line may break between any two such characters. */
		wrap_word_place(r);
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

void
wrap_word_attach(struct render *r, const char *s, unsigned style, int link)
{
	size_t n = strlen(s);

	buf_put(&r->word, s, n, style, link);
	r->word.cols += text_cols(s, n);
	r->last_wide = 0;
	r->no_break = 0;
}

void
wrap_space_pend(struct render *r, unsigned style, int link)
{
	if (r->pending_space)
		return;
	r->pending_space = 1;
	r->space_style = style;
	r->space_link = link;
}

/* --- preformatted text --- */

void
wrap_pre_char(struct render *r, const char *s, size_t k, int w, unsigned style,
    int link)
{
	wrap_line_begin(r);
	if (r->line.cols + (size_t)w > r->width &&
	    r->line.text.len > r->prefix_len) {
		wrap_line_end(r);
		wrap_line_begin(r);
	}
	buf_put(&r->line, s, k, style, link);
	r->line.cols += (size_t)w;
}

void
wrap_pre_newline(struct render *r)
{
	if (!wrap_line_end(r))
		r->blank_pending = 1;
}

void
wrap_pre_tab(struct render *r, unsigned style, int link)
{
	size_t n;

	wrap_line_begin(r);
	n = TAB_STOP - (r->line.cols - r->prefix_cols) % TAB_STOP;
	while (n-- > 0)
		wrap_pre_char(r, " ", 1, 1, style, link);
}
