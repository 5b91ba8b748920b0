/*
 * layout: pane rectangles from the terminal size.  Pure arithmetic; every
 * size, including 0x0 and 1x1, yields rectangles inside the screen.
 */
#include <string.h>

#include "ui_layout.h"

static const char *const kind_names[UI_LAYOUT_COUNT] = {
	"auto", "columns", "stacked", "single"
};

/* Below this width the stacked layout has no room for the sidebar. */
#define STACKED_MIN_SIDEBAR_COLS 40
/* Below this width three columns would be unreadable: the list only. */
#define COLUMNS_MIN_COLS 20
/* Below this height the stacked layout shows the list only. */
#define STACKED_MIN_ROWS 5

const char *
ui_layout_name(enum ui_layout_kind kind)
{
	return kind >= 0 && kind < UI_LAYOUT_COUNT ? kind_names[kind] : "?";
}

int
ui_layout_parse(const char *name)
{
	for (int i = 0; i < UI_LAYOUT_COUNT; i++)
		if (strcmp(kind_names[i], name) == 0)
			return i;
	return -1;
}

enum ui_layout_kind
ui_layout_resolve(enum ui_layout_kind kind, int cols)
{
	if (kind != UI_LAYOUT_AUTO)
		return kind;
	return cols >= UI_LAYOUT_WIDE ? UI_LAYOUT_COLUMNS : UI_LAYOUT_STACKED;
}

enum ui_layout_kind
ui_layout_next(enum ui_layout_kind shown)
{
	switch (shown) {
	case UI_LAYOUT_COLUMNS:
		return UI_LAYOUT_STACKED;
	case UI_LAYOUT_STACKED:
		return UI_LAYOUT_SINGLE;
	default:
		return UI_LAYOUT_COLUMNS;
	}
}

int
ui_layout_visible(const struct ui_layout *l, enum ui_pane p)
{
	return l->pane[p].h > 0 && l->pane[p].w > 0;
}

int
ui_layout_reachable(const struct ui_layout_in *in, enum ui_pane p)
{
	struct ui_layout_in there = *in;
	struct ui_layout l;

	there.focus = p;
	ui_layout_compute(&there, &l);
	return ui_layout_visible(&l, p);
}

static struct ui_rect
rect(int y, int x, int h, int w)
{
	struct ui_rect r = { y, x, h, w };

	if (r.h <= 0 || r.w <= 0)
		r.h = r.w = 0;
	return r;
}

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The sidebar's width: the configured one, never more than share/100. */
static int
sidebar_cols(int want, int cols, int share)
{
	int most = cols * share / 100;

	return clamp(want, 0, most);
}

static void
lay_columns(const struct ui_layout_in *in, int h, struct ui_layout *out)
{
	int cols = in->cols;
	int sw = sidebar_cols(in->sidebar_width, cols, 25);
	int rest, lw, rw, x;

	if (cols < COLUMNS_MIN_COLS) {
		out->pane[UI_PANE_LIST] = rect(0, 0, h, cols);
		return;
	}
	/* Two separator columns; the list gets 45% of what is left. */
	rest = cols - sw - (sw > 0 ? 2 : 1);
	lw = rest * 45 / 100;
	rw = rest - lw;
	x = 0;
	if (sw > 0) {
		out->pane[UI_PANE_SIDEBAR] = rect(0, 0, h, sw);
		out->vsep[0] = rect(0, sw, h, 1);
		x = sw + 1;
	}
	out->pane[UI_PANE_LIST] = rect(0, x, h, lw);
	out->vsep[1] = rect(0, x + lw, h, 1);
	out->pane[UI_PANE_READER] = rect(0, x + lw + 1, h, rw);
}

static void
lay_stacked(const struct ui_layout_in *in, int h, struct ui_layout *out)
{
	int cols = in->cols;
	int sw = cols >= STACKED_MIN_SIDEBAR_COLS ?
	    sidebar_cols(in->sidebar_width, cols, 30) : 0;
	int x = 0, w, lh, rh;

	/* narrow and chosen automatically: the sidebar when it is wanted */
	if (in->kind == UI_LAYOUT_AUTO && cols < UI_LAYOUT_NARROW &&
	    in->focus != UI_PANE_SIDEBAR)
		sw = 0;
	if (sw > 0) {
		out->pane[UI_PANE_SIDEBAR] = rect(0, 0, h, sw);
		out->vsep[0] = rect(0, sw, h, 1);
		x = sw + 1;
	}
	w = cols - x;
	if (h < STACKED_MIN_ROWS) {
		out->pane[UI_PANE_LIST] = rect(0, x, h, w);
		return;
	}
	/* The list gets 40% (at least 3 rows), then a line, then the reader. */
	lh = clamp(h * 2 / 5, 3, h - 2);
	rh = h - lh - 1;
	out->pane[UI_PANE_LIST] = rect(0, x, lh, w);
	out->hsep = rect(lh, x, 1, w);
	out->pane[UI_PANE_READER] = rect(lh + 1, x, rh, w);
}

void
ui_layout_compute(const struct ui_layout_in *in, struct ui_layout *out)
{
	int rows = in->rows > 0 ? in->rows : 0;
	int cols = in->cols > 0 ? in->cols : 0;
	int h;

	memset(out, 0, sizeof *out);
	out->kind = ui_layout_resolve(in->kind, cols);
	if (rows == 0 || cols == 0)
		return;
	out->prompt = rect(rows - 1, 0, 1, cols);
	if (rows >= 2)
		out->status = rect(rows - 2, 0, 1, cols);
	h = rows - 2;
	if (h <= 0)
		return;
	if (in->zoom || out->kind == UI_LAYOUT_SINGLE) {
		enum ui_pane f = in->focus >= 0 && in->focus < UI_PANE_COUNT ?
		    in->focus : UI_PANE_LIST;

		out->pane[f] = rect(0, 0, h, cols);
		return;
	}
	if (out->kind == UI_LAYOUT_COLUMNS) {
		struct ui_layout_in adj = *in;

		adj.rows = rows;
		adj.cols = cols;
		lay_columns(&adj, h, out);
	} else {
		struct ui_layout_in adj = *in;

		adj.cols = cols;
		lay_stacked(&adj, h, out);
	}
}
