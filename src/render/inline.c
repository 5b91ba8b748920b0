/*
 * inline: the document's text into the layout.  White space collapses to
 * one pending space (or is kept, inside <pre>), a no-break space joins a
 * word, a zero-width space or <wbr> is a break opportunity, and plain text
 * without block markup breaks paragraphs at blank lines.  Images become
 * "[image: alt]", <br> ends a line, <q> adds quotation marks, and the
 * separator between table cells goes in before a cell's first character.
 *
 * Apart from blocks.c because this is the text inside a block, whatever
 * the block is; inline_break() is the seam between the two.  Calls links.c
 * for link numbers and wrap.c to place characters.
 */
#include "render_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "text.h"

/*
 * The "│" between two cells of a row, put in before the first visible
 * character of a cell that follows one with content (sep_pending).
 */
static void
cell_separator(struct render *r)
{
	r->sep_pending = 0;
	/* A cell starting a line (after a block inside the row) needs none. */
	if (r->word.text.len == 0 &&
	    (!r->line_open || r->line.text.len == r->prefix_len))
		return;
	if (r->pre) {
		wrap_pre_char(r, " ", 1, 1, 0, 0);
		wrap_pre_char(r, STRP("\xe2\x94\x82"), 1, 0, 0);
		wrap_pre_char(r, " ", 1, 1, 0, 0);
		return;
	}
	wrap_space_pend(r, 0, 0);
	wrap_word_char(r, STRP("\xe2\x94\x82"), 0x2502, 1, 0, 0);
	wrap_space_pend(r, 0, 0);
}

void
inline_text(struct render *r, const char *s, size_t n)
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
				wrap_word_place(r);
			continue;
		}
		if (r->pre) {
			if (cp == '\r')
				continue;
			if (cp == '\n') {
				wrap_pre_newline(r);
				continue;
			}
		} else if (wrap_cp_space(cp)) {
			wrap_space_pend(r, r->style |
			    (r->link_no ? RENDER_LINK : 0), r->link_no);
			if (cp == '\n' && r->plain && ++r->ws_lf == 2)
				inline_break(r, 1);
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
			wrap_pre_tab(r, style, r->link_no);
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
			wrap_pre_char(r, ch, len, w, style, r->link_no);
		else
			wrap_word_char(r, ch, len, cp, w, style, r->link_no);
	}
}

static void
emit_literal(struct render *r, const char *s)
{
	inline_text(r, s, strlen(s));
}

void
inline_hostile(struct render *r, const char *s)
{
	str_clear(&r->scratch);
	text_sanitize_into(&r->scratch, s, strlen(s));
	inline_text(r, r->scratch.p, r->scratch.len);
}

void
inline_break(struct render *r, int margin)
{
	link_ref(r);
	wrap_word_place(r);
	r->pending_space = 0;
	r->word_space = 0;
	r->last_wide = 0;
	r->no_break = 0;
	wrap_line_end(r);
	if (margin)
		r->blank_pending = 1;
}

/* --- images, line breaks, quotations --- */

static int
has_text(const char *s)
{
	for (; *s != '\0'; s++)
		if (!wrap_cp_space((unsigned char)*s))
			return 1;
	return 0;
}

/* Tracking pixels say width="1" or height="0". */
static int
img_tiny(xmlNode *n)
{
	static const char *const dims[] = { "width", "height" };
	size_t i;

	for (i = 0; i < sizeof dims / sizeof dims[0]; i++) {
		char *v = element_attr(n, dims[i]), *end;
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

void
inline_img(struct render *r, xmlNode *n)
{
	char *alt = NULL, *title = NULL, *src = NULL;
	unsigned style = r->style;

	if (img_tiny(n))
		return;
	alt = element_attr(n, "alt");
	if (alt == NULL)
		title = element_attr(n, "title");
	if (alt == NULL && (title == NULL || !has_text(title)))
		src = element_attr(n, "src");
	r->style |= RENDER_IMAGE;
	if (alt != NULL && has_text(alt)) {
		emit_literal(r, "[image: ");
		inline_hostile(r, alt);
		emit_literal(r, "]");
	} else if (alt != NULL) {
		/* alt="" marks a decorative image. */
	} else if (title != NULL && has_text(title)) {
		emit_literal(r, "[image: ");
		inline_hostile(r, title);
		emit_literal(r, "]");
	} else if (src != NULL && has_text(src)) {
		emit_literal(r, "[image]");
	}
	r->style = style;
	free(alt);
	free(title);
	free(src);
}

void
inline_br(struct render *r, xmlNode *n)
{
	(void)n;
	wrap_word_place(r);
	r->pending_space = 0;
	if (r->pre)
		wrap_pre_newline(r);
	else if (!wrap_line_end(r))
		r->blank_pending = 1;
}

void
inline_wbr_enter(struct render *r, xmlNode *n, struct save *sv)
{
	(void)n;
	(void)sv;
	if (!r->pre && !r->pending_space)
		wrap_word_place(r);
}

void
inline_q_enter(struct render *r, xmlNode *n, struct save *sv)
{
	(void)n;
	(void)sv;
	emit_literal(r, "\xe2\x80\x9c");  /* “ */
}

void
inline_q_leave(struct render *r, const struct save *sv)
{
	(void)sv;
	emit_literal(r, "\xe2\x80\x9d");  /* ” */
}
