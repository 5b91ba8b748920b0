/*
 * render: an article's HTML to wrapped lines of styled spans (the contract
 * is include/render.h).
 *
 * libxml2 builds the DOM; one iterative walk (no recursion: the parser caps
 * nesting at 256 today, but a DOM handed to us is not trusted to stay that
 * shallow) drives a small formatter that behaves like a browser reduced to
 * a terminal.  This file is the walk: each element's kind (elements.c)
 * picks its handlers from the table below, which do the work in blocks.c,
 * inline.c and links.c; wrap.c turns the characters into lines.
 * render_int.h says which file owns what.
 *
 * Apart from the handlers so that the order every element follows (save,
 * style, break, enter; walk; break, leave, restore) is written once.
 */
#include "render_int.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "text.h"
#include "xalloc.h"

#define RENDER_MIN_WIDTH 10
/* Wider than any terminal; bounds the length of an <hr> line. */
#define RENDER_MAX_WIDTH 1024

static const struct el el_unknown = { "", EL_INLINE, 0 };

/* What an element's content does to the text around it. */
enum el_break {
	BREAK_NONE,	/* inline: the text runs on */
	BREAK_LINE,	/* a block: the content is on lines of its own */
	BREAK_PARA	/* a paragraph: and a blank line before and after */
};

/*
 * What each kind of element does.  An element with a whole handler is done
 * at once and its children are not walked.  Any other is entered (a save
 * pushed, its style applied, the break before it made, then enter), its
 * children walked, and left (the break after it, leave, then the save
 * restored).
 */
struct el_handler {
	void (*whole)(struct render *r, xmlNode *n);
	enum el_break before, after;
	void (*enter)(struct render *r, xmlNode *n, struct save *sv);
	void (*leave)(struct render *r, const struct save *sv);
};

static void
drop(struct render *r, xmlNode *n)
{
	(void)r;
	(void)n;
}

#define N BREAK_NONE
#define L BREAK_LINE
#define P BREAK_PARA
static const struct el_handler handlers[EL__COUNT] = {
	[EL_INLINE]  = { NULL, N, N, NULL, NULL },
	[EL_VOID]    = { NULL, N, N, NULL, NULL },
	[EL_DROP]    = { drop, N, N, NULL, NULL },
	[EL_HEAD]    = { link_head, N, N, NULL, NULL },
	[EL_BASE]    = { link_base, N, N, NULL, NULL },
	[EL_BR]      = { inline_br, N, N, NULL, NULL },
	[EL_HR]      = { block_hr, N, N, NULL, NULL },
	[EL_IMG]     = { inline_img, N, N, NULL, NULL },
	[EL_WBR]     = { NULL, N, N, inline_wbr_enter, NULL },
	[EL_Q]       = { NULL, N, N, inline_q_enter, inline_q_leave },
	[EL_LINK]    = { NULL, N, N, link_enter, link_leave },
	[EL_BLOCK]   = { NULL, L, L, NULL, NULL },
	[EL_PARA]    = { NULL, P, P, NULL, NULL },
	[EL_HEADING] = { NULL, P, L, block_heading_enter, block_heading_leave },
	[EL_QUOTE]   = { NULL, P, P, block_quote_enter, NULL },
	/* a list's margins depend on whether it is nested */
	[EL_LIST]    = { NULL, N, N, block_list_enter, block_list_leave },
	[EL_ITEM]    = { NULL, L, L, block_item_enter, NULL },
	[EL_DD]      = { NULL, L, L, block_dd_enter, NULL },
	[EL_PRE]     = { NULL, P, P, block_pre_enter, block_pre_leave },
	[EL_ROW]     = { NULL, L, L, block_row_enter, block_row_leave },
	[EL_CELL]    = { NULL, N, N, block_cell_enter, block_cell_leave },
};
#undef N
#undef L
#undef P

static struct save *
stack_push(struct render *r, const struct el *el)
{
	struct save *sv;

	r->stack = xgrow(r->stack, r->depth, &r->stack_cap, sizeof *r->stack);
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
	const struct el *el = element_find((const char *)n->name);
	const struct el_handler *h;
	struct save *sv;

	if (el == NULL)
		el = &el_unknown;
	h = &handlers[el->kind];
	if (h->whole != NULL) {
		h->whole(r, n);
		return 0;
	}
	sv = stack_push(r, el);
	r->style |= el->style;
	if (h->before != BREAK_NONE)
		inline_break(r, h->before == BREAK_PARA);
	if (h->enter != NULL)
		h->enter(r, n, sv);
	return 1;
}

static void
element_leave(struct render *r)
{
	struct save *sv = &r->stack[--r->depth];
	const struct el_handler *h = &handlers[sv->el->kind];

	if (h->after != BREAK_NONE)
		inline_break(r, h->after == BREAK_PARA);
	if (h->leave != NULL)
		h->leave(r, sv);
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
			inline_hostile(r, (const char *)n->content);
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
		if (k == 0 || (el = element_find(name)) == NULL)
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
		r.base = link_url_clean(base_url);

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
	inline_break(&r, 0);

	doc->lines = r.lines;
	doc->nlines = r.nlines;
	doc->links = r.links;
	str_free(&clean);
	wrap_buf_free(&r.line);
	wrap_buf_free(&r.word);
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
