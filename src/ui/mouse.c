/*
 * mouse: clicks and the wheel.  A click focuses the pane under it and
 * selects the row or sidebar entry there; a second click on the same line
 * soon after opens it (Enter); the wheel scrolls the pane under the
 * pointer, or the page shown (help, messages, links).  Double clicks are
 * told here, from presses, so that curses need not hold every click back
 * for its click interval (mouseinterval 0).
 *
 * With the mouse on, the terminal sends clicks to sitrep; Shift-drag (in
 * xterm, GNOME Terminal, kitty, iTerm2 with Option, tmux) still selects
 * text.
 */
#include <string.h>

#include "ui_int.h"

/* A second press on the same line this soon is a double click. */
#define DOUBLE_CLICK_MS 400
/* Lines the wheel scrolls per step. */
#define WHEEL_LINES 3

static int
inside(const struct ui_rect *r, int y, int x)
{
	return r->h > 0 && r->w > 0 && y >= r->y && y < r->y + r->h &&
	    x >= r->x && x < r->x + r->w;
}

/* The pane under (y, x), or UI_PANE_COUNT for none. */
static enum ui_pane
pane_at(const struct ui *u, int y, int x)
{
	for (int p = 0; p < UI_PANE_COUNT; p++)
		if (inside(&u->lay.pane[p], y, x))
			return (enum ui_pane)p;
	return UI_PANE_COUNT;
}

static void
wheel(struct ui *u, int y, int x, int dir)
{
	int d = dir * WHEEL_LINES;

	if (u->help_open) {
		ui_page_wheel(&u->help_scroll, d);
		return;
	}
	if (u->log.open) {
		ui_page_wheel(&u->log.scroll, d);
		return;
	}
	if (u->links.open) {
		linklist_move(u, d);
		return;
	}
	switch (pane_at(u, y, x)) {
	case UI_PANE_SIDEBAR: sidebar_move(u, d); break;
	case UI_PANE_LIST: list_page(u, d); break;
	case UI_PANE_READER: reader_scroll(u, d); break;
	default: break;
	}
}

/* A press: 1 when it is the second on that line within the interval. */
static int
is_double(struct ui *u, int y, int x)
{
	int64_t now = ui_now_ms();
	enum ui_pane p = pane_at(u, y, x);
	int dbl = now - u->click.ms <= DOUBLE_CLICK_MS && u->click.y == y &&
	    u->click.pane == (int)p;

	/* a third press starts again */
	u->click.ms = dbl ? 0 : now;
	u->click.y = y;
	u->click.pane = (int)p;
	return dbl;
}

static void
click(struct ui *u, int y, int x)
{
	int dbl = is_double(u, y, x);
	enum ui_pane p = pane_at(u, y, x);
	const struct ui_rect *r;

	if (u->links.open) {
		linklist_click(u, y, dbl);
		return;
	}
	if (u->help_open || u->log.open || p == UI_PANE_COUNT)
		return;
	r = &u->lay.pane[p];
	u->focus = p;
	if (p == UI_PANE_LIST) {
		if (!list_select_line(u, y - r->y))
			return;
		if (dbl)
			ui_handle_action(u, UI_ACT_OPEN);
	} else if (p == UI_PANE_SIDEBAR) {
		if (!sidebar_select_line(u, y - r->y))
			return;
		if (dbl)
			sidebar_activate(u);
		else
			sidebar_show_status(u);
	}
}

void
ui_mouse_event(struct ui *u, int y, int x, enum ui_mouse_button b)
{
	/* a prompt waits for its answer: a click must not move what it is
	 * about (the rows A would mark, the article a tag goes on) */
	if (u->prompt.active)
		return;
	switch (b) {
	case UI_MOUSE_PRESS: click(u, y, x); break;
	case UI_MOUSE_WHEEL_UP: wheel(u, y, x, -1); break;
	case UI_MOUSE_WHEEL_DOWN: wheel(u, y, x, 1); break;
	default: break;
	}
	u->dirty = 1;
}
