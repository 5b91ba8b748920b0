/*
 * ui_int.h: what the interface's files (ui.c and the panes) share.  Private
 * to src/ui/: the rest of sitrep sees include/ui.h only.
 *
 * One struct ui holds the state; only the main thread touches it and
 * curses.  Panes keep database ids and a window of rows, never the table.
 */
#ifndef SITREP_UI_INT_H
#define SITREP_UI_INT_H

#include <curses.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "query.h"
#include "refresh.h"
#include "render.h"
#include "store.h"
#include "str.h"
#include "ui_keymap.h"
#include "ui_layout.h"
#include "ui_prompt.h"
#include "ui_theme.h"

/* ---------- sidebar ---------- */

enum sb_section {
	SB_SEC_VIEWS,
	SB_SEC_TOPICS,
	SB_SEC_COUNTRIES,
	SB_SEC_TAGS,
	SB_SEC_FEEDS,
	SB_SEC_COUNT
};

enum sb_kind {
	SB_HEADING,
	SB_VIEW,
	SB_TOPIC,
	SB_COUNTRY,
	SB_TAG,
	SB_FEED
};

struct sb_entry {
	enum sb_kind kind;
	enum sb_section section;
	char *key;        /* owned: view, topic, ISO code, tag or feed key */
	char *label;      /* owned, one line, sanitised */
	char *query;      /* owned: what the list shows for it */
	int64_t total, unread;   /* -1: not counted yet */
	int64_t per_day[FACET_DAYS];
	int has_days;     /* per_day is filled (topics, countries) */
	int failing;      /* a feed whose last attempt failed */
	int net_failing;  /* ... because the network could not be reached */
	int disabled;     /* a feed the config turned off (enabled = no) */
	char *error;      /* owned: that failure, or a view's query error */
	int64_t next_due; /* a feed's next try */
	int64_t last_fetch; /* a feed's last attempt, 0: never */
};

struct sidebar {
	struct sb_entry *v;
	size_t n;
	int collapsed[SB_SEC_COUNT];
	size_t sel;       /* index into v */
	size_t top;       /* first line shown: an index into the shown lines */
	int counts_ok;    /* the counts were read at least once */
	size_t failing;   /* feeds of the config whose last attempt failed */
	int no_network;   /* every feed tried failed to reach the network */
};

/* ---------- headline list ---------- */

/* A marked row and what we know of it (for toggles across pages). */
struct mark {
	int64_t id;
	int read, starred, dismissed;
	struct strv tags;
};

struct list {
	char *view_label;     /* owned: "All", "Japan", a view's label */
	char *view_query;     /* owned: the sidebar entry's query text */
	enum sb_kind view_kind;
	char *view_key;       /* owned: the entry's key, to find it again */
	char *filter;         /* owned: f, or NULL */
	char *search;         /* owned: /, or NULL */
	struct query *q;      /* view + filter + search */
	struct query *q_unread; /* the same and unread, for n and N */
	struct article_row *rows; /* the window: rows[0] is the top line */
	size_t n;
	size_t sel;           /* index into rows */
	int64_t top_pos;      /* position of rows[0] in the whole list */
	int pos_known;        /* top_pos is right (else counted when idle) */
	int at_head;          /* rows[0] is the first row of the list */
	int64_t total, unread;/* query_count of q */
	int count_stale;      /* total and unread are re-counted when idle */
	int count_asked;      /* ... and the counting thread was asked */
	int pos_asked;        /* the position was asked for */
	int64_t pos_ask_top;  /* top_pos when it was asked (moves since add) */
	uint64_t gen;         /* changes with the query or the data */
	uint64_t epoch;       /* changes whenever the window is re-anchored */
	int height;           /* lines the window holds */
	struct mark *marks;   /* sorted by id */
	size_t nmarks;
	struct strv hl;       /* the filter's and search's words, to highlight */
};

/* ---------- reader ---------- */

struct seg {
	size_t off, len;   /* bytes of the line's text */
	int elem;          /* enum ui_elem */
	attr_t extra;      /* bold, italic ... from the renderer */
	int link;          /* 1-based link number, 0 none */
};

struct dline {
	char *text;        /* owned, sanitised */
	struct seg *segs;  /* owned */
	size_t nsegs;
};

struct reader {
	int open;
	struct store_item item;   /* the article, with its text */
	struct strv topics;       /* from the list row */
	struct strv countries;
	struct render_doc *doc;   /* body at width */
	struct dline *lines;      /* header, body and links, ready to draw */
	size_t nlines;
	int width;                /* what lines were laid out for */
	size_t scroll;            /* first line shown */
	int height;               /* lines the pane showed last */
};

/* ---------- the message log ---------- */

#define MSGLOG_MAX 200

struct msglog_entry {
	int64_t when;      /* wall clock */
	int error;
	char *text;        /* owned, one clean line */
};

struct msglog {
	struct msglog_entry v[MSGLOG_MAX]; /* a ring: v[(head + i) % MAX] */
	size_t head, n;
	size_t scroll;     /* the screen's first line */
	int open;          /* the screen is shown (M) */
};

/* ui_message's flags (0 is a plain note, 1 an error, as before) */
enum {
	UI_MSG_ERROR = 1 << 0,
	UI_MSG_QUIET = 1 << 1  /* shown, not logged: the sidebar's notes */
};

/* ---------- undo ---------- */

#define UNDO_MAX 32

enum undo_kind {
	UNDO_FLAG,       /* read, starred or dismissed set on ids */
	UNDO_TAG,        /* (ids[i], tags.v[i]) pairs added or removed */
	UNDO_MARK_ALL,   /* ids were unread before mark-all-read */
	UNDO_KIND_COUNT
};

struct undo_step {
	enum undo_kind kind;
	enum store_flag flag;   /* UNDO_FLAG */
	int added;              /* UNDO_TAG: the tags were added */
	int64_t *ids;           /* owned */
	int *was;               /* owned, UNDO_FLAG: the flag before, per id */
	struct strv tags;       /* UNDO_TAG: the tag of each pair */
	size_t n;
	char *what;             /* owned: "2 articles starred" */
};

struct undo {
	struct undo_step v[UNDO_MAX];  /* the last one is undone first */
	size_t n;
};

/* ---------- the whole interface ---------- */

enum prompt_kind {
	PK_FILTER,
	PK_SEARCH,
	PK_ADD_TAG,
	PK_REMOVE_TAG,
	PK_CONFIRM_MARK_ALL,
	PK_CONFIRM_QUIT,
	PK_COUNT
};

struct ui {
	struct config *cfg;
	struct store *st;
	struct query_env env;
	struct ui_keymap *km;
	struct ui_theme theme;
	attr_t attr[UI_EL_COUNT];
	int use_color;
	unsigned fit;             /* UI_FIT_ASCII when the locale is not UTF-8 */

	/* screen */
	int rows, cols;
	enum ui_layout_kind layout_kind; /* as chosen: may be AUTO */
	enum ui_pane focus;
	int zoom;
	struct ui_layout lay;
	int dirty;                /* redraw before waiting */
	int help_open;
	size_t help_scroll;

	struct sidebar sb;
	struct list list;
	struct reader rd;

	struct ui_prompt prompt;
	struct strv history[PK_COUNT];

	/* the message line */
	char *msg;
	int msg_error;
	int64_t msg_until_ms;     /* monotonic; 0: until the next key */
	int msg_awaits_count;     /* "counting…" for PK_FILTER or PK_SEARCH
	                             (kind + 1): the count replaces it */
	struct msglog log;
	struct undo undo;

	/* the mouse ([ui] mouse): the last press, for double clicks */
	int mouse_on;
	struct {
		int64_t ms;
		int y, pane;
	} click;

	/* the links screen (L) */
	struct {
		int open;
		size_t sel, scroll;   /* the chosen link, 0-based */
		size_t number;        /* the digits typed so far */
		int64_t number_ms;    /* when the last one was */
	} links;

	/* refreshing */
	struct refresh *refresh;
	int refresh_manual;
	int64_t next_auto_ms;     /* monotonic time of the next automatic one */
	size_t refresh_added;
	int64_t last_refresh;     /* wall clock of the last one that finished */
	int other_busy;           /* another process holds the refresh lock */
	int64_t other_busy_ms;

	/* noticing changes */
	int64_t data_version;
	int64_t next_dv_ms;
	int reload_list;          /* re-read the window (keeps the selection) */
	int reload_counts;        /* re-read the sidebar's counts */
	int64_t counts_due_ms;
	int fts_merge;            /* the search index may have segments to merge */

	int quit;

	/* counting in the background (NULL: counted in the loop) */
	struct counter *counter;
	uint64_t sb_gen;          /* the sidebar asked for last */

	/* test hooks */
	int exit_after_draw;
	int *script;              /* keys to replay after the first screen */
	size_t nscript;
	char *report_path;
	double first_draw_ms;
	double slowest_key_ms;
	double slowest_idle_ms;   /* the longest step done while keys pause */
	int slowest_key;
	struct str slow_keys;     /* " #N:key:ms" for each key over the goal */
};

/* ui.c */
int64_t ui_now_ms(void);

/* counter.c: the counting thread */
enum counter_job {
	COUNTER_LIST,       /* total and unread of a query */
	COUNTER_POSITION,   /* rows before a key */
	COUNTER_SIDEBAR,    /* every sidebar entry with its counts */
	COUNTER_JOBS
};

struct counter_result {
	enum counter_job job;
	uint64_t gen;               /* as asked */
	int ok;
	int64_t total, unread;      /* COUNTER_LIST */
	int64_t position;           /* COUNTER_POSITION */
	struct query_key key;       /* COUNTER_POSITION: as asked */
	struct sb_entry *v;         /* COUNTER_SIDEBAR, owned */
	size_t n;
	char *error;                /* owned */
	double ms;                  /* how long the job took */
};

struct counter;
/* Opens its own read-only connection to the cache; returns owned or NULL. */
struct counter *counter_new(const char *cache_path, const struct config *cfg,
    char **cause);
void counter_free(struct counter *c);
/* Readable when a result waits. */
int counter_fd(const struct counter *c);
/* Asks for a job (query: its text; key: for COUNTER_POSITION). */
void counter_ask(struct counter *c, enum counter_job job, uint64_t gen,
    const char *query, const struct query_key *key);
/* Takes one finished result (owned by r); 0 when there is none. */
int counter_take(struct counter *c, struct counter_result *r);
void counter_result_clear(struct counter_result *r);
/* 1 when nothing is asked, running or waiting to be taken. */
int counter_idle(struct counter *c);

/* screen.c */
/* flags: UI_MSG_ERROR, UI_MSG_QUIET (0: a note, logged) */
void ui_message(struct ui *u, int flags, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Returns borrowed (static): "s" unless n is 1, for "%zu feed%s". */
const char *ui_plural(int64_t n);
/* The first key bound to a, as [keys] writes it ("C-r"); its name if none. */
char *ui_key_for(const struct ui *u, enum ui_action a, char *buf, size_t n);
void ui_clear_message(struct ui *u);
void ui_compute_layout(struct ui *u);
/* Moves the focus to the next pane in dir (1, -1); wrap: Tab. */
void ui_focus_step(struct ui *u, int dir, int wrap);
void ui_draw_all(struct ui *u);
/* Frees the drawing scratch buffer (at exit). */
void ui_screen_free(void);
/* Draws s in the cell range [x, x + w) of row y with attr; returns cols. */
int ui_draw_text(struct ui *u, int y, int x, int w, const char *s, attr_t a,
    int pad);
void ui_draw_fill(int y, int x, int w, attr_t a);
/* ui_draw_text with the search's words (list.hl) in search-match. */
int ui_draw_text_hl(struct ui *u, int y, int x, int w, const char *s,
    attr_t a, int pad);
/* The sidebar's and the list's counts are re-read when keys pause. */
void ui_counts_later(struct ui *u);

/* actions.c */
/* The articles an action applies to: marked rows, else the current one. */
size_t ui_targets(struct ui *u, int64_t **ids);
void ui_handle_key(struct ui *u, int key);
/* What a key bound to a does (the mouse's double click: open). */
void ui_handle_action(struct ui *u, enum ui_action a);
/* What the list, the marks and the reader know of an article, after a
 * change stored: a flag set to v, a tag added or removed. */
void ui_set_local_flag(struct ui *u, int64_t id, enum store_flag f, int v);
void ui_set_local_tag(struct ui *u, int64_t id, const char *tag, int add);

/* undo.c: the steps record what the articles were before */
void undo_push_flag(struct undo *un, enum store_flag f, const int64_t *ids,
    const int *was, size_t n, const char *what);
/* n (id, tag) pairs: ids[i] with tags->v[i] */
void undo_push_tags(struct undo *un, int added, const int64_t *ids,
    const struct strv *tags, size_t n, const char *what);
/* Takes ownership of ids: the articles mark-all-read changed. */
void undo_push_read(struct undo *un, int64_t *ids, size_t n,
    const char *what);
void ui_undo(struct ui *u);
void undo_free(struct undo *un);

/* links.c */
void ui_open_url(struct ui *u, const char *url);
void ui_copy_url(struct ui *u, const char *url);
/* Returns borrowed: the link of the reader's article when it has the focus
 * (or is the selected one), else the selected row's; NULL when none. */
const char *ui_current_url(struct ui *u);

/* ui_refresh.c */
void ui_refresh_start(struct ui *u, int manual, const char *const *keys,
    size_t nkeys, int force);
void ui_refresh_finish(struct ui *u);
void ui_refresh_all(struct ui *u);
void ui_refresh_one(struct ui *u);
/* The next automatic refresh, refresh_minutes from now ([ui] auto_refresh). */
void ui_refresh_schedule(struct ui *u);

/* theme.c */
void ui_theme_apply(const struct ui_theme *t, int use_color, attr_t out[]);

/* pane_sidebar.c */

/* What sidebar_compute reads: thread-safe given a store of its own. */
struct sb_source {
	struct store *st;
	struct query_env env;    /* env.cfg: read only */
	int count;               /* 0: the entries the config names, uncounted */
	struct strv errors;      /* what could not be counted */
	const atomic_int *cancel; /* non-zero: stop between queries; or NULL */
};
/* The sidebar's entries with their counts; *v is owned. */
void sidebar_compute(struct sb_source *src, struct sb_entry **v, size_t *n);
void sidebar_entries_free(struct sb_entry *v, size_t n);
/* Takes ownership of v: the new entries, the selection kept. */
void sidebar_install(struct ui *u, struct sb_entry *v, size_t n, int counted);
/* sidebar_compute on the interface's own connection, then install. */
void sidebar_build(struct ui *u, int count);
void sidebar_free(struct sidebar *sb);
void sidebar_draw(struct ui *u, const struct ui_rect *r);
void sidebar_move(struct ui *u, int delta);
/* Selects the entry on line `line` of the pane; 0 when there is none. */
int sidebar_select_line(struct ui *u, int line);
void sidebar_edge(struct ui *u, int bottom);
/* Enter or Space: folds a heading or shows the entry in the list. */
void sidebar_activate(struct ui *u);
const struct sb_entry *sidebar_selected(const struct ui *u);
/* Selects the entry that matches the list's view (after a rebuild). */
void sidebar_follow_view(struct ui *u);
void sidebar_show_status(struct ui *u);
/* "now", "in 5m", "in 2h 10m": when the feed is tried next. */
void sidebar_feed_when(const struct sb_entry *e, char *buf, size_t n);
/* Returns borrowed: the feed entry with that key, or NULL. */
const struct sb_entry *sidebar_feed(const struct ui *u, const char *key);

/* pane_list.c */
int list_set_view(struct ui *u, enum sb_kind kind, const char *key,
    const char *label, const char *query);
/* Applies text as the filter (f) or the search (/); NULL clears. */
int list_set_filter(struct ui *u, const char *text, char **cause);
int list_set_search(struct ui *u, const char *text);
/* Esc: no filter, no search, one new query. */
void list_clear_narrowing(struct ui *u);
void list_free(struct list *l);
void list_reload(struct ui *u);
void list_count(struct ui *u);
/* The counts are out of date (the query or the data changed). */
void list_stale(struct list *l);
/* The list was just counted: a "counting…" message gets the number. */
void list_counted(struct ui *u);
/* After f or /: the matches, or "counting…" until they are known. */
void list_say_count(struct ui *u, int kind);
void list_fix_position(struct ui *u);
void list_resize(struct ui *u, int height);
void list_move(struct ui *u, int delta);
void list_page(struct ui *u, int delta);
/* Selects the row on line `line` of the pane; 0 when there is none. */
int list_select_line(struct ui *u, int line);
void list_top(struct ui *u);
void list_bottom(struct ui *u);
struct article_row *list_selected(struct ui *u);
struct article_row *list_find(struct ui *u, int64_t id);
/* Moves to the next (dir 1) or previous (-1) unread; 1 when found. */
int list_next_unread(struct ui *u, int dir);
void list_draw(struct ui *u, const struct ui_rect *r);
void list_toggle_mark(struct ui *u);
int list_is_marked(const struct ui *u, int64_t id);
void list_clear_marks(struct ui *u);
struct mark *list_mark_find(struct ui *u, int64_t id);

/* pane_reader.c */
void reader_open(struct ui *u, const struct article_row *row);
void reader_close(struct reader *rd);
void reader_draw(struct ui *u, const struct ui_rect *r);
void reader_scroll(struct ui *u, long delta);
void reader_edge(struct ui *u, int bottom);
/* Pages down; returns 0 when already at the end. */
int reader_page(struct ui *u);
/* Returns borrowed: link n (1-based) of the open article, or NULL. */
const char *reader_link(const struct ui *u, size_t n);
/* After doupdate: the visible links again, as OSC 8 hyperlinks. */
void reader_osc8_overlay(struct ui *u);
/* Rebuilds the header after the article's flags or tags changed. */
void reader_refresh_header(struct ui *u);

/* help.c */
void help_draw(struct ui *u);
int help_key(struct ui *u, int key);
/*
 * The keys of a full-screen page (help, messages, links): j k, pages, g G
 * scroll *scroll over lines; q, Esc and close_action close (*open = 0).
 * Returns 1 when the key was one of them.
 */
int ui_page_key(struct ui *u, int key, size_t *scroll, size_t lines,
    int *open, enum ui_action close_action);
/* The wheel on such a page: drawing clamps the far end. */
void ui_page_wheel(size_t *scroll, int delta);

/* linklist.c */
void linklist_open(struct ui *u);
void linklist_draw(struct ui *u);
int linklist_key(struct ui *u, int key);
void linklist_move(struct ui *u, long delta);
/* A click on screen row y of the list; dbl: open that link. */
void linklist_click(struct ui *u, int y, int dbl);

/* mouse.c: what curses reported, in screen cells */
enum ui_mouse_button {
	UI_MOUSE_PRESS,       /* button 1 */
	UI_MOUSE_WHEEL_UP,
	UI_MOUSE_WHEEL_DOWN,
	UI_MOUSE_OTHER
};
void ui_mouse_event(struct ui *u, int y, int x, enum ui_mouse_button b);

/* msglog.c */
void msglog_add(struct msglog *log, int error, const char *text);
void msglog_free(struct msglog *log);
void msglog_draw(struct ui *u);
int msglog_key(struct ui *u, int key);

#endif
