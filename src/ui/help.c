/*
 * help: the `?` screen, generated from the live keymap so that it always
 * shows the keys as bound (defaults plus [keys]).
 */
#include <stdlib.h>
#include <string.h>

#include "ui_int.h"
#include "xalloc.h"

#define KEYS_COLS 16

static const char *const footer[] = {
	"",
	"In the sidebar, Enter or Space folds a section or shows its entry.",
	"q steps back: zoom, sidebar, reader, filter; at the top it quits "
	    "(asking when marks or a refresh would be lost).",
	"Marks stay until Esc or U.  u undoes, several steps.  M shows the "
	    "messages, L every link.",
	"Mouse: click selects, double click opens, the wheel scrolls; "
	    "Shift-drag selects text.",
	"Below 100 columns (layout = auto) the sidebar shows when h focuses "
	    "it.",
	"Prompts: Tab completes, Up/Down walk the history, Esc cancels; f and "
	    "/ start with the old text selected (typing replaces it, End keeps "
	    "it).",
	"Filter (f): unread  starred  tag:X  topic:X  country:JP  region:X",
	"  feed:KEY  author:X  since:24h  before:2026-01-10  word  "
	    "\"a phrase\"",
	"  -term  OR  ( )    e.g.  country:JP since:2d -tag:done",
	"Rebind in [keys] of the config:  action = key, key   "
	    "(e.g. move-down = j, Down, C-n)",
};

#define NFOOTER (sizeof footer / sizeof footer[0])

static size_t
help_lines(void)
{
	/* the nine open-link-N share one line */
	return (size_t)(UI_ACT_COUNT - 1 - 8) + NFOOTER + 2;
}

/* "1 2 3 4 5 6 7 8 9": the keys of open-link-1..9 on one line. */
static char *
link_keys(struct ui *u)
{
	struct str s = STR_INIT;

	str_appendz(&s, "");
	for (int a = UI_ACT_LINK_1; a <= UI_ACT_LINK_9; a++) {
		char *k = ui_keymap_describe(u->km, (enum ui_action)a);

		if (k[0] != '\0')
			str_appendf(&s, "%s%s", s.len ? " " : "", k);
		free(k);
	}
	return str_steal(&s);
}

void
help_draw(struct ui *u)
{
	int h = u->rows - 2, w = u->cols;
	size_t total = help_lines(), line = 0;
	int y = 0;

	if (h <= 0 || w <= 0)
		return;
	if (u->help_scroll + (size_t)h > total)
		u->help_scroll = total > (size_t)h ? total - (size_t)h : 0;
	for (int k = 0; k < h; k++)
		ui_draw_fill(k, 0, w, u->attr[UI_EL_NORMAL]);
#define EMIT(draw) do { \
		if (line++ >= u->help_scroll && y < h) { \
			draw; \
			y++; \
		} \
	} while (0)
	EMIT(ui_draw_text(u, y, 1, w - 1, "sitrep keys (q, Esc or ? closes; "
	    "j/k scroll)", u->attr[UI_EL_HEADING], 0));
	EMIT((void)0);
	for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++) {
		char *keys;

		if (a > UI_ACT_LINK_1 && a <= UI_ACT_LINK_9)
			continue;
		keys = a == UI_ACT_LINK_1 ? link_keys(u) :
		    ui_keymap_describe(u->km, (enum ui_action)a);
		EMIT({
			ui_draw_text(u, y, 1, KEYS_COLS, keys[0] ? keys :
			    "(unbound)", u->attr[UI_EL_HELP_KEY], 1);
			ui_draw_text(u, y, 2 + KEYS_COLS, 18,
			    a == UI_ACT_LINK_1 ? "open-link-1..9" :
			    ui_action_name((enum ui_action)a),
			    u->attr[UI_EL_READER_HEADER], 1);
			ui_draw_text(u, y, 2 + KEYS_COLS + 19,
			    w - (2 + KEYS_COLS + 19),
			    a == UI_ACT_LINK_1 ? "open link N of the article" :
			    ui_action_help((enum ui_action)a),
			    u->attr[UI_EL_NORMAL], 0);
		});
		free(keys);
	}
	for (size_t i = 0; i < NFOOTER; i++)
		EMIT(ui_draw_text(u, y, 1, w - 1, footer[i],
		    u->attr[UI_EL_MESSAGE], 0));
#undef EMIT
}

int
ui_page_key(struct ui *u, int key, size_t *scroll, size_t lines, int *open,
    enum ui_action close_action)
{
	enum ui_action a = ui_keymap_lookup(u->km, key);
	size_t h = u->rows - 2 > 1 ? (size_t)(u->rows - 2) : 1;

	switch (a) {
	case UI_ACT_DOWN:
		(*scroll)++;
		break;
	case UI_ACT_UP:
		if (*scroll > 0)
			(*scroll)--;
		break;
	case UI_ACT_PAGE_DOWN: case UI_ACT_PAGE: case UI_ACT_HALF_DOWN:
		*scroll += h;
		break;
	case UI_ACT_PAGE_UP: case UI_ACT_HALF_UP:
		*scroll = *scroll > h ? *scroll - h : 0;
		break;
	case UI_ACT_TOP:
		*scroll = 0;
		break;
	case UI_ACT_BOTTOM:
		*scroll = lines;
		break;
	default:
		if (a == close_action || a == UI_ACT_BACK || a == UI_ACT_CLEAR ||
		    key == 'q' || key == UI_KEY_ESC) {
			*open = 0;
			break;
		}
		return 0;
	}
	u->dirty = 1;
	return 1;
}

void
ui_page_wheel(size_t *scroll, int delta)
{
	if (delta < 0)
		*scroll = *scroll > (size_t)-delta ? *scroll - (size_t)-delta : 0;
	else
		*scroll += (size_t)delta;
}

/* Keys while the help is open; returns 1 when the key was used. */
int
help_key(struct ui *u, int key)
{
	if (ui_keymap_lookup(u->km, key) == UI_ACT_QUIT)
		return 0;
	/* the help takes every other key: none acts on what it hides */
	ui_page_key(u, key, &u->help_scroll, help_lines(), &u->help_open,
	    UI_ACT_HELP);
	return 1;
}
