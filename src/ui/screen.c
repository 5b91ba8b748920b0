/*
 * screen: drawing for the whole interface: safe text into cells, the
 * layout and focus, the status bar, the prompt and message line, and the
 * one function that redraws everything and hands it to curses.
 */
/* wcwidth(3): what ncursesw itself measures with (see replace_unprintable). */
#define _XOPEN_SOURCE 700

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "text.h"
#include "ui_int.h"
#include "ui_text.h"
#include "xalloc.h"

/* Counts wait this long after an action, so key repeats stay fast. */
#define COUNTS_DELAY_MS 300
/* A message stays this long (errors until the next key). */
#define MESSAGE_MS 6000

/* ---------- messages ---------- */

void
ui_message(struct ui *u, int flags, const char *fmt, ...)
{
	va_list ap;
	struct str s = STR_INIT;

	va_start(ap, fmt);
	str_vappendf(&s, fmt, ap);
	va_end(ap);
	free(u->msg);
	/* messages quote feed text and user input: one clean line */
	u->msg = text_oneline(str_cstr(&s), s.len);
	str_free(&s);
	u->msg_error = (flags & UI_MSG_ERROR) != 0;
	u->msg_until_ms = ui_now_ms() + MESSAGE_MS;
	u->msg_awaits_count = 0;
	/* the line shows one message for a while; the log (M) keeps them */
	if (!(flags & UI_MSG_QUIET))
		msglog_add(&u->log, u->msg_error, u->msg);
	u->dirty = 1;
}

const char *
ui_plural(int64_t n)
{
	return n == 1 ? "" : "s";
}

char *
ui_key_for(const struct ui *u, enum ui_action a, char *buf, size_t n)
{
	int key;

	if (ui_keymap_keys(u->km, a, &key, 1) == 1)
		return ui_key_name(key, buf, n);
	snprintf(buf, n, "%s", ui_action_name(a));
	return buf;
}

void
ui_counts_later(struct ui *u)
{
	/* keys in a row push the counting back: it runs when they pause */
	u->reload_counts = 1;
	u->counts_due_ms = ui_now_ms() + COUNTS_DELAY_MS;
}

void
ui_clear_message(struct ui *u)
{
	free(u->msg);
	u->msg = NULL;
	u->dirty = 1;
}

/* ---------- drawing primitives ---------- */

static struct str draw_buf = STR_INIT;

/*
 * ncursesw measures with wcwidth(); a code point it cannot print would be
 * shown as an escape-like "~@" sequence that shifts the columns: such code
 * points become U+FFFD first.
 */
static void
replace_unprintable(struct str *s)
{
	struct str out = STR_INIT;
	size_t i = 0;
	int changed = 0;

	while (i < s->len) {
		uint32_t cp;
		int k = utf8_decode(s->p + i, s->len - i, &cp);

		if (k <= 0)
			k = 1;
		if (cp >= 0x80 && wcwidth((wchar_t)cp) < 0) {
			str_appendz(&out, "\xef\xbf\xbd");
			changed = 1;
		} else {
			str_append(&out, s->p + i, (size_t)k);
		}
		i += (size_t)k;
	}
	if (changed) {
		str_clear(s);
		str_append(s, out.p, out.len);
	}
	str_free(&out);
}

int
ui_draw_text(struct ui *u, int y, int x, int w, const char *s, attr_t a,
    int pad)
{
	size_t cols;

	if (w <= 0 || y < 0 || y >= u->rows || x < 0 || x >= u->cols)
		return 0;
	if (x + w > u->cols)
		w = u->cols - x;
	str_clear(&draw_buf);
	cols = ui_text_fit(&draw_buf, s ? s : "", s ? strlen(s) : 0, (size_t)w,
	    u->fit | (pad ? UI_FIT_PAD : 0));
	if (!(u->fit & UI_FIT_ASCII))
		replace_unprintable(&draw_buf);
	attrset(a);
	mvaddnstr(y, x, str_cstr(&draw_buf), (int)draw_buf.len);
	attrset(A_NORMAL);
	return (int)cols;
}

/* Matches highlighted in one line, at most. */
#define HL_SPANS 32

int
ui_draw_text_hl(struct ui *u, int y, int x, int w, const char *s, attr_t a,
    int pad)
{
	const struct strv *terms = &u->list.hl;
	struct ui_span sp[HL_SPANS];
	size_t n;
	int cols = ui_draw_text(u, y, x, w, s, a, pad);
	attr_t hl = u->attr[UI_EL_SEARCH_MATCH] | (a & A_BOLD);

	if (terms->n == 0 || cols == 0)
		return cols;
	/*
	 * Found in what was drawn (sanitised, cut with …), so that the
	 * columns are the screen's; each match drawn again over it.
	 */
	n = ui_find_terms(draw_buf.p, draw_buf.len, terms, sp, HL_SPANS);
	if (n == 0)
		return cols;
	{
		char *line = xstrndup(draw_buf.p, draw_buf.len);

		for (size_t i = 0; i < n; i++) {
			int at = x + (int)text_cols(line, sp[i].off);

			attrset(hl);
			mvaddnstr(y, at, line + sp[i].off, (int)sp[i].len);
		}
		attrset(A_NORMAL);
		free(line);
	}
	return cols;
}

void
ui_draw_fill(int y, int x, int w, attr_t a)
{
	if (w <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attrset(a);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* ---------- layout and focus ---------- */

static void
layout_in(const struct ui *u, struct ui_layout_in *in)
{
	in->rows = u->rows;
	in->cols = u->cols;
	in->kind = u->layout_kind;
	in->sidebar_width = u->cfg->ui.sidebar_width;
	in->focus = u->focus;
	in->zoom = u->zoom;
}

void
ui_compute_layout(struct ui *u)
{
	struct ui_layout_in in;

	layout_in(u, &in);
	ui_layout_compute(&in, &u->lay);
	/* a pane the layout hides cannot keep the focus */
	if (!ui_layout_visible(&u->lay, u->focus) && u->lay.pane[UI_PANE_LIST].h) {
		u->focus = UI_PANE_LIST;
		in.focus = u->focus;
		ui_layout_compute(&in, &u->lay);
	}
	if (u->lay.pane[UI_PANE_LIST].h > 0)
		list_resize(u, u->lay.pane[UI_PANE_LIST].h);
	else if (u->list.height == 0)
		list_resize(u, u->rows > 3 ? u->rows - 2 : 1);
}

/* Panes in reading order; h/l and Tab walk it. */
void
ui_focus_step(struct ui *u, int dir, int wrap)
{
	int single = u->zoom || u->lay.kind == UI_LAYOUT_SINGLE;
	int f = (int)u->focus;
	struct ui_layout_in in;

	layout_in(u, &in);
	for (int i = 0; i < UI_PANE_COUNT; i++) {
		f += dir;
		if (f < 0 || f >= UI_PANE_COUNT) {
			if (!wrap)
				return;
			f = (f + UI_PANE_COUNT) % UI_PANE_COUNT;
		}
		/* in one-pane layouts every pane can be shown; a narrow screen
		 * shows the sidebar when it gets the focus */
		if (single || ui_layout_reachable(&in, (enum ui_pane)f)) {
			u->focus = (enum ui_pane)f;
			u->dirty = 1;
			return;
		}
	}
}

/* ---------- the status bar and the prompt line ---------- */

static void
status_left(struct ui *u, struct str *s)
{
	struct list *l = &u->list;

	str_appendf(s, " %s", l->view_label ? l->view_label : "");
	/* before the filter and the search, which may be long and get cut */
	if (l->nmarks > 0)
		str_appendf(s, " | %zu marked", l->nmarks);
	if (l->filter)
		str_appendf(s, " | filter: %s", l->filter);
	if (l->search)
		str_appendf(s, " | search: %s", l->search);
	if (l->n == 0)
		str_appendf(s, " | 0");
	else if (l->pos_known)
		str_appendf(s, " | %" PRId64, l->top_pos + (int64_t)l->sel + 1);
	else
		str_appendz(s, " | ?");
	if (l->count_stale) {
		str_appendz(s, "/... | ... unread");
	} else {
		if (l->n > 0)
			str_appendf(s, "/%" PRId64, l->total);
		str_appendf(s, " | %" PRId64 " unread", l->unread);
	}
}

static void
status_right(struct ui *u, struct str *s)
{
	if (u->refresh != NULL) {
		struct refresh_progress p;

		refresh_get_progress(u->refresh, &p);
		str_appendf(s, "refreshing %zu/%zu", p.done, p.total);
		if (p.failed > 0)
			str_appendf(s, ", %zu failed", p.failed);
		if (p.added > 0)
			str_appendf(s, ", %zu new", p.added);
	} else if (u->other_busy) {
		str_appendz(s, "another sitrep is refreshing");
	} else if (u->sb.no_network) {
		str_appendz(s, "no network");
	} else if (u->last_refresh > 0) {
		char d[32];
		size_t k;

		ui_format_date(d, sizeof d, u->last_refresh, (int64_t)time(NULL));
		k = strlen(d);
		if (strcmp(d, "now") == 0)
			str_appendz(s, "updated just now");
		else if (k > 0 && (d[k - 1] == 'm' || d[k - 1] == 'h'))
			str_appendf(s, "updated %s ago", d);
		else
			str_appendf(s, "updated %s", d);
	}
	if (u->sb.failing > 0 && !u->sb.no_network)
		str_appendf(s, "%s%zu feed%s failing", s->len ? " | " : "",
		    u->sb.failing, ui_plural((int64_t)u->sb.failing));
	if (u->focus == UI_PANE_READER && u->rd.open && u->rd.nlines > 0) {
		size_t h = u->rd.height > 0 ? (size_t)u->rd.height : 1;
		size_t end = u->rd.scroll + h;
		int pct = end >= u->rd.nlines ? 100 :
		    (int)(end * 100 / u->rd.nlines);

		str_appendf(s, "%s%d%%", s->len ? " | " : "", pct);
	}
	if (s->len > 0)
		str_appendc(s, ' ');
}

static void
draw_status(struct ui *u)
{
	const struct ui_rect *r = &u->lay.status;
	struct str left = STR_INIT, right = STR_INIT;
	int rw, x;

	if (r->h == 0)
		return;
	if (u->prompt.active && u->msg != NULL) {
		/* the prompt line is taken: its message goes here */
		ui_draw_fill(r->y, r->x, r->w, u->attr[UI_EL_NORMAL]);
		ui_draw_text(u, r->y, r->x, r->w, u->msg,
		    u->attr[u->msg_error ? UI_EL_ERROR : UI_EL_MESSAGE], 0);
		return;
	}
	ui_draw_fill(r->y, r->x, r->w, u->attr[UI_EL_STATUS]);
	x = ui_draw_text(u, r->y, r->x, r->w, " sitrep ",
	    u->attr[UI_EL_STATUS_ACCENT], 0);
	status_left(u, &left);
	status_right(u, &right);
	rw = (int)text_cols(str_cstr(&right), right.len);
	if (rw > r->w - x - 10)
		rw = 0;
	ui_draw_text(u, r->y, r->x + x, r->w - x - rw, str_cstr(&left),
	    u->attr[UI_EL_STATUS], 0);
	if (rw > 0)
		ui_draw_text(u, r->y, r->x + r->w - rw, rw, str_cstr(&right),
		    u->attr[UI_EL_STATUS], 0);
	str_free(&left);
	str_free(&right);
}

static void
draw_prompt_line(struct ui *u)
{
	const struct ui_rect *r = &u->lay.prompt;
	struct ui_prompt *p = &u->prompt;
	size_t first, ccol;
	int lw;

	if (r->h == 0)
		return;
	ui_draw_fill(r->y, r->x, r->w, u->attr[UI_EL_NORMAL]);
	if (!p->active) {
		if (u->msg != NULL)
			ui_draw_text(u, r->y, r->x, r->w, u->msg,
			    u->attr[u->msg_error ? UI_EL_ERROR : UI_EL_MESSAGE], 0);
		return;
	}
	lw = ui_draw_text(u, r->y, r->x, r->w, p->label, u->attr[UI_EL_PROMPT],
	    0);
	if (lw >= r->w)
		return;
	ui_prompt_view(p, (size_t)(r->w - lw), &first, &ccol);
	/* selected (f, / on the old text): typing replaces it */
	ui_draw_text(u, r->y, r->x + lw, r->w - lw, ui_prompt_text(p) + first,
	    u->attr[p->selected ? UI_EL_SELECTED : UI_EL_NORMAL], 0);
	move(r->y, r->x + lw + (int)ccol < r->w ? r->x + lw + (int)ccol :
	    r->w - 1);
}

static void
draw_separators(struct ui *u)
{
	attr_t a = u->attr[UI_EL_BORDER];

	attrset(a);
	for (int i = 0; i < 2; i++) {
		const struct ui_rect *s = &u->lay.vsep[i];

		if (s->h > 0)
			mvvline(s->y, s->x, ACS_VLINE, s->h);
	}
	if (u->lay.hsep.w > 0)
		mvhline(u->lay.hsep.y, u->lay.hsep.x, ACS_HLINE, u->lay.hsep.w);
	attrset(A_NORMAL);
}

void
ui_draw_all(struct ui *u)
{
	ui_compute_layout(u);
	if (u->help_open) {
		help_draw(u);
	} else if (u->log.open) {
		msglog_draw(u);
	} else if (u->links.open && u->rd.open) {
		linklist_draw(u);
	} else {
		if (ui_layout_visible(&u->lay, UI_PANE_SIDEBAR))
			sidebar_draw(u, &u->lay.pane[UI_PANE_SIDEBAR]);
		if (ui_layout_visible(&u->lay, UI_PANE_LIST))
			list_draw(u, &u->lay.pane[UI_PANE_LIST]);
		if (ui_layout_visible(&u->lay, UI_PANE_READER))
			reader_draw(u, &u->lay.pane[UI_PANE_READER]);
		draw_separators(u);
	}
	draw_status(u);
	curs_set(0);
	draw_prompt_line(u);
	if (u->prompt.active && u->lay.prompt.h > 0)
		curs_set(1);
	wnoutrefresh(stdscr);
	/* curses believes the terminal's attributes are normal from here */
	vidattr(A_NORMAL);
	doupdate();
	reader_osc8_overlay(u);
	u->dirty = 0;
}

void
ui_screen_free(void)
{
	str_free(&draw_buf);
}
