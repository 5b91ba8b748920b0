/*
 * ui_layout: pane rectangles for every layout at every size from 0x0 to
 * 250x80, checked for the invariants (inside the screen, no overlaps, the
 * focused pane always shown), plus the sizes people use.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ui_layout.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct ui_layout
lay(int rows, int cols, enum ui_layout_kind kind, enum ui_pane focus,
    int zoom)
{
	struct ui_layout_in in = { rows, cols, kind, 28, focus, zoom };
	struct ui_layout out;

	ui_layout_compute(&in, &out);
	return out;
}

static int
empty(const struct ui_rect *r)
{
	return r->h == 0 || r->w == 0;
}

static void
inside(const struct ui_rect *r, int rows, int cols, const char *what)
{
	if (empty(r))
		return;
	if (r->y < 0 || r->x < 0 || r->y + r->h > rows || r->x + r->w > cols ||
	    r->h < 0 || r->w < 0)
		fail_msg("%s {%d,%d,%d,%d} outside %dx%d", what, r->y, r->x, r->h,
		    r->w, cols, rows);
}

static int
overlap(const struct ui_rect *a, const struct ui_rect *b)
{
	if (empty(a) || empty(b))
		return 0;
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Every rectangle of a layout, for the pairwise checks. */
static size_t
rects(const struct ui_layout *l, const struct ui_rect **v)
{
	size_t n = 0;

	for (int p = 0; p < UI_PANE_COUNT; p++)
		v[n++] = &l->pane[p];
	v[n++] = &l->vsep[0];
	v[n++] = &l->vsep[1];
	v[n++] = &l->hsep;
	v[n++] = &l->status;
	v[n++] = &l->prompt;
	return n;
}

static void
check_invariants(int rows, int cols, enum ui_layout_kind kind,
    enum ui_pane focus, int zoom)
{
	struct ui_layout l = lay(rows, cols, kind, focus, zoom);
	const struct ui_rect *v[16];
	size_t n = rects(&l, v);
	char what[64];

	assert_int_not_equal(l.kind, UI_LAYOUT_AUTO);
	for (size_t i = 0; i < n; i++) {
		snprintf(what, sizeof what, "rect %zu (%s, focus %d, zoom %d)", i,
		    ui_layout_name(kind), focus, zoom);
		inside(v[i], rows, cols, what);
		for (size_t j = i + 1; j < n; j++)
			if (overlap(v[i], v[j]))
				fail_msg("%dx%d %s: rects %zu and %zu overlap", cols,
				    rows, ui_layout_name(kind), i, j);
	}
	/* the bottom line is always the prompt; the status bar above it */
	if (rows >= 1 && cols >= 1) {
		assert_int_equal(l.prompt.y, rows - 1);
		assert_int_equal(l.prompt.w, cols);
	}
	if (rows >= 2 && cols >= 1)
		assert_int_equal(l.status.y, rows - 2);
	/* a content area of at least one line shows the list or the focus */
	if (rows >= 3 && cols >= 1) {
		int want = zoom || l.kind == UI_LAYOUT_SINGLE ? (int)focus :
		    UI_PANE_LIST;

		if (!ui_layout_visible(&l, (enum ui_pane)want))
			fail_msg("%dx%d %s focus %d zoom %d: pane %d not shown",
			    cols, rows, ui_layout_name(kind), focus, zoom, want);
	}
	if (rows < 3)
		for (int p = 0; p < UI_PANE_COUNT; p++)
			assert_false(ui_layout_visible(&l, (enum ui_pane)p));
}

static void
test_every_size(void **state)
{
	(void)state;
	for (int rows = 0; rows <= 80; rows += (rows < 12 ? 1 : 7))
		for (int cols = 0; cols <= 250; cols += (cols < 30 ? 1 : 11))
			for (int k = 0; k < UI_LAYOUT_COUNT; k++)
				for (int f = 0; f < UI_PANE_COUNT; f++)
					for (int z = 0; z < 2; z++)
						check_invariants(rows, cols,
						    (enum ui_layout_kind)k,
						    (enum ui_pane)f, z);
}

static void
test_auto_switches_at_140(void **state)
{
	(void)state;
	assert_int_equal(lay(40, 139, UI_LAYOUT_AUTO, UI_PANE_LIST, 0).kind,
	    UI_LAYOUT_STACKED);
	assert_int_equal(lay(40, 140, UI_LAYOUT_AUTO, UI_PANE_LIST, 0).kind,
	    UI_LAYOUT_COLUMNS);
	assert_int_equal(ui_layout_resolve(UI_LAYOUT_SINGLE, 300),
	    UI_LAYOUT_SINGLE);
}

/* 160x40, three columns: every pane shown, side by side, full height. */
static void
test_columns(void **state)
{
	struct ui_layout l = lay(40, 160, UI_LAYOUT_AUTO, UI_PANE_LIST, 0);
	int sum = 0;

	(void)state;
	assert_int_equal(l.kind, UI_LAYOUT_COLUMNS);
	for (int p = 0; p < UI_PANE_COUNT; p++) {
		assert_true(ui_layout_visible(&l, (enum ui_pane)p));
		assert_int_equal(l.pane[p].y, 0);
		assert_int_equal(l.pane[p].h, 38);
		sum += l.pane[p].w;
	}
	assert_int_equal(l.pane[UI_PANE_SIDEBAR].w, 28);
	assert_int_equal(l.pane[UI_PANE_SIDEBAR].x, 0);
	assert_true(l.pane[UI_PANE_LIST].x < l.pane[UI_PANE_READER].x);
	/* the panes and two separators fill the width */
	assert_int_equal(sum + 2, 160);
	assert_int_equal(l.vsep[0].x, 28);
	assert_int_equal(l.vsep[1].x, l.pane[UI_PANE_READER].x - 1);
	assert_int_equal(l.hsep.w, 0);
	assert_int_equal(l.status.y, 38);
	assert_int_equal(l.prompt.y, 39);
}

/* 80x24: sidebar | list over reader, the sidebar narrowed to 30%. */
static void
test_stacked_80x24(void **state)
{
	struct ui_layout l = lay(24, 80, UI_LAYOUT_STACKED, UI_PANE_LIST, 0);
	const struct ui_rect *s = &l.pane[UI_PANE_SIDEBAR];
	const struct ui_rect *li = &l.pane[UI_PANE_LIST];
	const struct ui_rect *r = &l.pane[UI_PANE_READER];

	(void)state;
	assert_int_equal(l.kind, UI_LAYOUT_STACKED);
	assert_int_equal(s->w, 24);
	assert_int_equal(s->h, 22);
	assert_int_equal(li->x, 25);
	assert_int_equal(li->w, 55);
	assert_int_equal(r->x, 25);
	assert_int_equal(li->y, 0);
	assert_int_equal(l.hsep.y, li->h);
	assert_int_equal(r->y, li->h + 1);
	assert_int_equal(li->h + 1 + r->h, 22);
	assert_true(li->h >= 3 && r->h >= 3);
}

/*
 * Below UI_LAYOUT_NARROW columns "auto" leaves the sidebar out until it
 * has the focus (issue 11: at 80x24 the reader was 55 columns wide and
 * showed no text); a stacked layout chosen with v keeps it.
 */
static void
test_auto_narrow(void **state)
{
	struct ui_layout_in in = { 24, 80, UI_LAYOUT_AUTO, 28, UI_PANE_LIST, 0 };
	struct ui_layout l = lay(24, 80, UI_LAYOUT_AUTO, UI_PANE_LIST, 0);

	(void)state;
	assert_int_equal(l.kind, UI_LAYOUT_STACKED);
	assert_false(ui_layout_visible(&l, UI_PANE_SIDEBAR));
	assert_int_equal(l.pane[UI_PANE_LIST].x, 0);
	assert_int_equal(l.pane[UI_PANE_LIST].w, 80);
	assert_int_equal(l.pane[UI_PANE_READER].w, 80);
	assert_int_equal(l.vsep[0].w, 0);
	/* one key away: focusing it shows it */
	assert_true(ui_layout_reachable(&in, UI_PANE_SIDEBAR));
	l = lay(24, 80, UI_LAYOUT_AUTO, UI_PANE_SIDEBAR, 0);
	assert_true(ui_layout_visible(&l, UI_PANE_SIDEBAR));
	/* from UI_LAYOUT_NARROW on, as before */
	l = lay(30, UI_LAYOUT_NARROW, UI_LAYOUT_AUTO, UI_PANE_LIST, 0);
	assert_true(ui_layout_visible(&l, UI_PANE_SIDEBAR));
	l = lay(30, UI_LAYOUT_NARROW - 1, UI_LAYOUT_AUTO, UI_PANE_LIST, 0);
	assert_false(ui_layout_visible(&l, UI_PANE_SIDEBAR));
	/* a pane no layout shows is not reachable */
	in.cols = 30;
	in.rows = 3;
	assert_false(ui_layout_reachable(&in, UI_PANE_READER));
}

static void
test_single_and_zoom(void **state)
{
	struct ui_layout l;

	(void)state;
	for (int f = 0; f < UI_PANE_COUNT; f++) {
		l = lay(24, 80, UI_LAYOUT_SINGLE, (enum ui_pane)f, 0);
		for (int p = 0; p < UI_PANE_COUNT; p++)
			assert_int_equal(ui_layout_visible(&l, (enum ui_pane)p),
			    p == f);
		assert_int_equal(l.pane[f].w, 80);
		assert_int_equal(l.pane[f].h, 22);
		/* zoom in a split layout gives the same */
		l = lay(40, 160, UI_LAYOUT_COLUMNS, (enum ui_pane)f, 1);
		assert_int_equal(l.pane[f].w, 160);
		assert_int_equal(l.pane[f].h, 38);
		assert_int_equal(l.vsep[0].w, 0);
		assert_int_equal(l.vsep[1].w, 0);
	}
}

/* Tiny terminals: nothing negative, the bottom lines first. */
static void
test_tiny(void **state)
{
	struct ui_layout l;

	(void)state;
	l = lay(0, 0, UI_LAYOUT_AUTO, UI_PANE_LIST, 0);
	assert_int_equal(l.prompt.w, 0);
	assert_int_equal(l.status.w, 0);
	l = lay(1, 1, UI_LAYOUT_AUTO, UI_PANE_LIST, 0);
	assert_int_equal(l.prompt.y, 0);
	assert_int_equal(l.prompt.w, 1);
	assert_int_equal(l.status.w, 0);
	l = lay(3, 10, UI_LAYOUT_AUTO, UI_PANE_LIST, 0);
	assert_int_equal(l.pane[UI_PANE_LIST].h, 1);
	assert_int_equal(l.pane[UI_PANE_LIST].w, 10);
	assert_int_equal(l.pane[UI_PANE_SIDEBAR].w, 0);
	assert_int_equal(l.pane[UI_PANE_READER].h, 0);
	/* three columns asked for on a narrow terminal: the list alone */
	l = lay(10, 15, UI_LAYOUT_COLUMNS, UI_PANE_READER, 0);
	assert_int_equal(l.pane[UI_PANE_LIST].w, 15);
	assert_int_equal(l.pane[UI_PANE_READER].w, 0);
}

/* A sidebar_width beyond the share is capped; a small one is kept. */
static void
test_sidebar_width(void **state)
{
	struct ui_layout_in in = { 40, 200, UI_LAYOUT_COLUMNS, 80, UI_PANE_LIST,
	    0 };
	struct ui_layout l;

	(void)state;
	ui_layout_compute(&in, &l);
	assert_int_equal(l.pane[UI_PANE_SIDEBAR].w, 50);
	in.sidebar_width = 12;
	ui_layout_compute(&in, &l);
	assert_int_equal(l.pane[UI_PANE_SIDEBAR].w, 12);
}

static void
test_names_and_cycle(void **state)
{
	static const struct {
		enum ui_layout_kind from, to;
	} cycle[] = {
		{ UI_LAYOUT_COLUMNS, UI_LAYOUT_STACKED },
		{ UI_LAYOUT_STACKED, UI_LAYOUT_SINGLE },
		{ UI_LAYOUT_SINGLE, UI_LAYOUT_COLUMNS },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cycle); i++)
		assert_int_equal(ui_layout_next(cycle[i].from), cycle[i].to);
	for (int k = 0; k < UI_LAYOUT_COUNT; k++)
		assert_int_equal(ui_layout_parse(ui_layout_name(
		    (enum ui_layout_kind)k)), k);
	assert_int_equal(ui_layout_parse("colums"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_size),
		cmocka_unit_test(test_auto_switches_at_140),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_stacked_80x24),
		cmocka_unit_test(test_auto_narrow),
		cmocka_unit_test(test_single_and_zoom),
		cmocka_unit_test(test_tiny),
		cmocka_unit_test(test_sidebar_width),
		cmocka_unit_test(test_names_and_cycle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
