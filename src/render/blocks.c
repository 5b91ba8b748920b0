/*
 * blocks: the elements that shape lines, beyond the line breaks and blank
 * lines render.c's table makes around every block.  Quotes, lists, list
 * items and <dd> push a frame that adds to the prefix of every line inside
 * them (wrap.c draws it): "│ " per quote, a marker and a hanging indent
 * per item, numbered or lettered for <ol>.  Headings are underlined, <pre>
 * keeps its white space, <hr> is a rule, and a table row is one line whose
 * cells inline.c separates.
 *
 * Apart from inline.c and wrap.c so that a new kind of block (a table
 * laid out in columns, a figure, a nested numbering) is a handler pair
 * here and a row in render.c's table.  Calls inline.c, wrap.c and
 * elements.c.
 */
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "text.h"
#include "xalloc.h"

/* Bullets by nesting level of unordered lists. */
static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6",
	"\xe2\x96\xaa" }; /* • ◦ ▪ */

/* --- frames --- */

static struct frame *
frame_push(struct render *r, enum frame_kind kind, size_t indent)
{
	struct frame *f;

	r->frames = xgrow(r->frames, r->nframes, &r->frames_cap,
	    sizeof *r->frames);
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

/* --- lists --- */

static long
attr_long(xmlNode *n, const char *name, long def)
{
	char *v = element_attr(n, name), *end;
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

void
block_list_enter(struct render *r, xmlNode *n, struct save *sv)
{
	struct frame *f;
	int top = frame_find(r, FRAME_ITEM) == NULL, level = 0;
	char *type;
	size_t i;

	inline_break(r, top);
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
	if ((type = element_attr(n, "type")) != NULL) {
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

void
block_item_enter(struct render *r, xmlNode *n, struct save *sv)
{
	struct frame *list = frame_find(r, FRAME_LIST), *f;
	char label[24];

	(void)n;
	(void)sv;
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

void
block_list_leave(struct render *r, const struct save *sv)
{
	inline_break(r, (int)sv->mark);
}

/* --- headings --- */

void
block_heading_enter(struct render *r, xmlNode *n, struct save *sv)
{
	(void)n;
	sv->mark = r->nlines;
}

void
block_heading_leave(struct render *r, const struct save *sv)
{
	size_t i, max = 0, first = sv->mark;
	const char *rule;

	rule = sv->el->name[1] == '1' ? RULE_DOUBLE :
	    sv->el->name[1] == '2' ? RULE : NULL;
	if (rule != NULL && r->nlines > first) {
		/* Underline as wide as the heading's widest line. */
		wrap_line_begin(r);
		for (i = first; i < r->nlines; i++) {
			size_t cols = text_cols(r->lines[i].text,
			    strlen(r->lines[i].text));

			if (cols > r->prefix_cols &&
			    cols - r->prefix_cols > max)
				max = cols - r->prefix_cols;
		}
		wrap_rule_line(r, rule, max, RENDER_HEADING);
	}
	r->blank_pending = 1;
}

/* --- quotes, indents, preformatted text, rules, table rows --- */

void
block_quote_enter(struct render *r, xmlNode *n, struct save *sv)
{
	(void)n;
	(void)sv;
	frame_push(r, FRAME_QUOTE, 2);
}

void
block_dd_enter(struct render *r, xmlNode *n, struct save *sv)
{
	(void)n;
	(void)sv;
	frame_push(r, FRAME_INDENT, INDENT_DD);
}

void
block_pre_enter(struct render *r, xmlNode *n, struct save *sv)
{
	(void)n;
	(void)sv;
	r->pre++;
	r->pre_start = 1;
}

void
block_pre_leave(struct render *r, const struct save *sv)
{
	(void)sv;
	r->pre_start = 0;
}

void
block_hr(struct render *r, xmlNode *n)
{
	(void)n;
	inline_break(r, 0);
	wrap_rule_line(r, RULE, r->width, 0);
}

/* A table row is a line; its cells are separated by inline.c. */
void
block_row_enter(struct render *r, xmlNode *n, struct save *sv)
{
	(void)n;
	sv->row_content = r->row_content;
	sv->sep_pending = r->sep_pending;
	r->row_content = 0;
	r->sep_pending = 0;
}

void
block_row_leave(struct render *r, const struct save *sv)
{
	r->row_content = sv->row_content;
	r->sep_pending = sv->sep_pending;
}

void
block_cell_enter(struct render *r, xmlNode *n, struct save *sv)
{
	(void)n;
	sv->mark = r->produced;
	r->sep_pending = r->row_content;
}

void
block_cell_leave(struct render *r, const struct save *sv)
{
	if (r->produced != sv->mark)
		r->row_content = 1;
	r->sep_pending = 0;
	if (!r->pre)
		wrap_space_pend(r, 0, 0);
}
