/*
 * ui_layout: where the panes go, as plain arithmetic on the terminal's size
 * (no curses here, so it is unit-tested at every size down to 1x1).
 *
 * The screen from top to bottom: the content area (the panes and the lines
 * between them), the status bar, the prompt/message line.  A rectangle with
 * h == 0 or w == 0 is not shown.
 */
#ifndef SITREP_UI_LAYOUT_H
#define SITREP_UI_LAYOUT_H

enum ui_layout_kind {
	UI_LAYOUT_AUTO,      /* columns when wide, else stacked */
	UI_LAYOUT_COLUMNS,   /* sidebar | list | reader */
	UI_LAYOUT_STACKED,   /* sidebar | list over reader */
	UI_LAYOUT_SINGLE,    /* only the focused pane */
	UI_LAYOUT_COUNT
};

enum ui_pane {
	UI_PANE_SIDEBAR,
	UI_PANE_LIST,
	UI_PANE_READER,
	UI_PANE_COUNT
};

/* Terminals at least this wide get three columns under "auto". */
#define UI_LAYOUT_WIDE 140
/*
 * Narrower than this, "auto" leaves the sidebar out (list over reader,
 * full width) until it has the focus: at 80 columns it took a third of
 * the reader's width.
 */
#define UI_LAYOUT_NARROW 100

struct ui_rect {
	int y, x, h, w;
};

struct ui_layout_in {
	int rows, cols;            /* the terminal */
	enum ui_layout_kind kind;  /* may be AUTO */
	int sidebar_width;         /* [ui] sidebar_width */
	enum ui_pane focus;
	int zoom;                  /* the focused pane fills the content area */
};

struct ui_layout {
	enum ui_layout_kind kind;  /* what was laid out: never AUTO */
	struct ui_rect pane[UI_PANE_COUNT];
	struct ui_rect vsep[2];    /* vertical lines between panes (w == 1) */
	struct ui_rect hsep;       /* the line between list and reader (h == 1) */
	struct ui_rect status;     /* the status bar */
	struct ui_rect prompt;     /* the prompt and message line */
};

/* What AUTO means at this size; other kinds are returned as they are. */
enum ui_layout_kind ui_layout_resolve(enum ui_layout_kind kind, int cols);
/* The layout `v` switches to from what is shown now (never AUTO). */
enum ui_layout_kind ui_layout_next(enum ui_layout_kind shown);
/* Returns borrowed (static): "auto", "columns", "stacked", "single". */
const char *ui_layout_name(enum ui_layout_kind kind);
/* The kind with that name, or -1. */
int ui_layout_parse(const char *name);

/* Fills out for in; every rectangle lies inside the screen, none overlap. */
void ui_layout_compute(const struct ui_layout_in *in, struct ui_layout *out);

/* 1 when the pane has a visible rectangle in l. */
int ui_layout_visible(const struct ui_layout *l, enum ui_pane p);

/* 1 when focusing p in in's layout would show it (h/l and Tab go there). */
int ui_layout_reachable(const struct ui_layout_in *in, enum ui_pane p);

#endif
