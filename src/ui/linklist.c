/*
 * linklist: every link of the open article on a screen of its own (L), so
 * that link 10 and beyond are as reachable as 1-9: j/k or the link's
 * number choose one, Enter or o opens it, y copies it.  The links are the
 * renderer's list (render_doc.links), numbered as in the text.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_int.h"
#include "xalloc.h"

/* Digits typed this close together make one number ("1", "2": 12). */
#define LINK_DIGITS_MS 1200

static size_t
nlinks(const struct ui *u)
{
	return u->rd.open && u->rd.doc != NULL ? u->rd.doc->links.n : 0;
}

void
linklist_open(struct ui *u)
{
	char key[32];

	if (!u->rd.open) {
		ui_message(u, 1, "open an article first (%s)",
		    ui_key_for(u, UI_ACT_OPEN, key, sizeof key));
		return;
	}
	if (nlinks(u) == 0) {
		ui_message(u, 0, "the article has no links in its text (o opens "
		    "the article itself)");
		return;
	}
	u->links.open = 1;
	u->links.sel = 0;
	u->links.scroll = 0;
	u->links.number = 0;
	u->dirty = 1;
}

void
linklist_draw(struct ui *u)
{
	int h = u->rows - 2, w = u->cols;
	size_t n = nlinks(u), room;
	char *title;

	if (h <= 0 || w <= 0)
		return;
	for (int k = 0; k < h; k++)
		ui_draw_fill(k, 0, w, u->attr[UI_EL_NORMAL]);
	title = xasprintf("%zu link%s (Enter or o opens, y copies, a number "
	    "picks one, q closes)", n, ui_plural((int64_t)n));
	ui_draw_text(u, 0, 1, w - 1, title, u->attr[UI_EL_HEADING], 0);
	free(title);
	room = h > 1 ? (size_t)h - 1 : 1;
	/* keep the choice on screen */
	if (u->links.sel < u->links.scroll)
		u->links.scroll = u->links.sel;
	if (u->links.sel >= u->links.scroll + room)
		u->links.scroll = u->links.sel - room + 1;
	for (size_t i = u->links.scroll; i < n && i < u->links.scroll + room;
	    i++) {
		int y = 1 + (int)(i - u->links.scroll);
		int sel = i == u->links.sel;
		char num[32];
		int x;

		snprintf(num, sizeof num, "[%zu] ", i + 1);
		if (sel)
			ui_draw_fill(y, 0, w, u->attr[UI_EL_SELECTED]);
		x = 1 + ui_draw_text(u, y, 1, w - 1, num, sel ?
		    u->attr[UI_EL_SELECTED] : u->attr[UI_EL_LINK_NUMBER], 0);
		ui_draw_text(u, y, x, w - x, u->rd.doc->links.v[i], sel ?
		    u->attr[UI_EL_SELECTED] : u->attr[UI_EL_LINK], 0);
	}
}

/* A digit: the number typed so far, when quick enough, picks a link. */
static void
digit(struct ui *u, int d)
{
	int64_t now = ui_now_ms();
	size_t n = nlinks(u), want;

	if (now - u->links.number_ms > LINK_DIGITS_MS)
		u->links.number = 0;
	u->links.number_ms = now;
	want = u->links.number * 10 + (size_t)d;
	if (want == 0 || want > n) {
		/* "12" in an article of 9 links: start again from this digit */
		want = (size_t)d;
		if (want == 0 || want > n) {
			ui_message(u, UI_MSG_QUIET, "no link %zu", u->links.number *
			    10 + (size_t)d);
			u->links.number = 0;
			return;
		}
	}
	u->links.number = want;
	u->links.sel = want - 1;
}

void
linklist_click(struct ui *u, int y, int dbl)
{
	size_t i = u->links.scroll + (size_t)(y > 0 ? y - 1 : 0);

	/* the first row is the title */
	if (y < 1 || i >= nlinks(u))
		return;
	u->links.sel = i;
	if (dbl)
		ui_open_url(u, reader_link(u, i + 1));
}

void
linklist_move(struct ui *u, long delta)
{
	long n = (long)nlinks(u), s = (long)u->links.sel + delta;

	if (s >= n)
		s = n - 1;
	if (s < 0)
		s = 0;
	u->links.sel = (size_t)s;
}

/* Keys while the list is shown; returns 0 for keys it leaves (Q). */
int
linklist_key(struct ui *u, int key)
{
	enum ui_action a = ui_keymap_lookup(u->km, key);
	long page = u->rows > 4 ? u->rows - 3 : 1;
	const char *url = reader_link(u, u->links.sel + 1);

	u->dirty = 1;
	if (key >= '0' && key <= '9') {
		digit(u, key - '0');
		return 1;
	}
	switch (a) {
	case UI_ACT_DOWN: linklist_move(u, 1); break;
	case UI_ACT_UP: linklist_move(u, -1); break;
	case UI_ACT_PAGE_DOWN: case UI_ACT_HALF_DOWN: linklist_move(u, page); break;
	case UI_ACT_PAGE_UP: case UI_ACT_HALF_UP: linklist_move(u, -page); break;
	case UI_ACT_TOP: u->links.sel = 0; break;
	case UI_ACT_BOTTOM: linklist_move(u, (long)nlinks(u)); break;
	case UI_ACT_OPEN: case UI_ACT_OPEN_LINK: ui_open_url(u, url); break;
	case UI_ACT_COPY_LINK: ui_copy_url(u, url); break;
	case UI_ACT_QUIT: return 0;
	default:
		if (a == UI_ACT_LINKS || a == UI_ACT_BACK || a == UI_ACT_CLEAR ||
		    key == 'q' || key == UI_KEY_ESC)
			u->links.open = 0;
		break;
	}
	return 1;
}
