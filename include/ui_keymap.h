/*
 * ui_keymap: the interface's actions, key names and the bindings between
 * them: the built-in defaults overridden by the config's [keys] section.
 * No curses here: keys are plain ints (see below) that ui.c translates from
 * curses' codes, so the parser is unit-tested on its own.
 */
#ifndef SITREP_UI_KEYMAP_H
#define SITREP_UI_KEYMAP_H

#include <stddef.h>

#include "config.h"

/*
 * A key: a Unicode code point (control characters are Ctrl-x: 1..31, 127;
 * Enter is 13, Tab 9, Esc 27), or one of the UI_KEY_* values above Unicode,
 * optionally with UI_KEY_META (Alt, or Esc then the key).
 */
enum {
	UI_KEY_SPECIAL = 0x110000,
	UI_KEY_UP = UI_KEY_SPECIAL,
	UI_KEY_DOWN,
	UI_KEY_LEFT,
	UI_KEY_RIGHT,
	UI_KEY_PGUP,
	UI_KEY_PGDN,
	UI_KEY_HOME,
	UI_KEY_END,
	UI_KEY_INSERT,
	UI_KEY_DELETE,
	UI_KEY_BACKSPACE,
	UI_KEY_BTAB,       /* Shift-Tab */
	UI_KEY_F1,         /* F1..F12 follow in order */
	UI_KEY_F12 = UI_KEY_F1 + 11,
	UI_KEY_RESIZE,     /* the terminal changed size: never bound */
	UI_KEY_MOUSE,      /* not bound either */
	UI_KEY_LAST,
	UI_KEY_META = 0x400000
};

#define UI_KEY_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ENTER 13
#define UI_KEY_TAB 9
#define UI_KEY_ESC 27

/* Actions: one line each in keymap.c's table (name, default keys, help). */
enum ui_action {
	UI_ACT_NONE,
	UI_ACT_DOWN,
	UI_ACT_UP,
	UI_ACT_TOP,
	UI_ACT_BOTTOM,
	UI_ACT_PAGE_DOWN,
	UI_ACT_PAGE_UP,
	UI_ACT_HALF_DOWN,
	UI_ACT_HALF_UP,
	UI_ACT_NEXT_PANE,
	UI_ACT_PREV_PANE,
	UI_ACT_PANE_LEFT,
	UI_ACT_PANE_RIGHT,
	UI_ACT_OPEN,
	UI_ACT_PAGE,
	UI_ACT_NEXT_UNREAD,
	UI_ACT_PREV_UNREAD,
	UI_ACT_TOGGLE_READ,
	UI_ACT_TOGGLE_STAR,
	UI_ACT_ADD_TAG,
	UI_ACT_REMOVE_TAG,
	UI_ACT_DISMISS,
	UI_ACT_MARK,
	UI_ACT_UNMARK_ALL,
	UI_ACT_MARK_ALL_READ,
	UI_ACT_UNDO,
	UI_ACT_SEARCH,
	UI_ACT_FILTER,
	UI_ACT_CLEAR,
	UI_ACT_REFRESH_ALL,
	UI_ACT_REFRESH_FEED,
	UI_ACT_OPEN_LINK,
	UI_ACT_COPY_LINK,
	UI_ACT_LINKS,
	UI_ACT_LINK_1,       /* ... UI_ACT_LINK_9 follow in order */
	UI_ACT_LINK_9 = UI_ACT_LINK_1 + 8,
	UI_ACT_LAYOUT,
	UI_ACT_ZOOM,
	UI_ACT_HELP,
	UI_ACT_MESSAGES,
	UI_ACT_BACK,
	UI_ACT_QUIT,
	UI_ACT_REDRAW,
	UI_ACT_COUNT
};

/* Returns borrowed (static): "move-down", ... ; NULL for NONE. */
const char *ui_action_name(enum ui_action a);
/* Returns borrowed (static): one line saying what the action does. */
const char *ui_action_help(enum ui_action a);
/* Returns borrowed (static): the default keys as written, "j, Down". */
const char *ui_action_default_keys(enum ui_action a);
/* The action called name ('-' and '_' alike, any case), or UI_ACT_NONE. */
enum ui_action ui_action_find(const char *name);

/*
 * Parses one key name: a single character ("j", "G", "?", "é"), C-x /
 * Ctrl-x / ^x, M-x / Alt-x, F1..F12, Up, Down, Left, Right, PgUp, PgDn,
 * Home, End, Insert, Delete, Enter, Tab, S-Tab, Space, Esc, Backspace,
 * Comma.  Names are case-insensitive; single characters are not.
 * Returns 0 and sets *key, or -1.
 */
int ui_key_parse(const char *name, size_t n, int *key);
/* Writes the key's name as ui_key_parse reads it; returns buf. */
char *ui_key_name(int key, char *buf, size_t size);

struct ui_keymap;

/*
 * The default bindings with cfg's [keys] applied (cfg may be NULL).  A line
 * `action = keys` replaces that action's default keys; a key taken from
 * another action's defaults leaves that action; `none` unbinds.  Returns
 * owned, or NULL with *cause (owned) naming the file, [keys] and the
 * action, with a suggestion for a misspelt action or key name.
 */
struct ui_keymap *ui_keymap_new(const struct config *cfg, char **cause);
void ui_keymap_free(struct ui_keymap *km);

/* The action bound to key, or UI_ACT_NONE. */
enum ui_action ui_keymap_lookup(const struct ui_keymap *km, int key);
/* Up to max keys bound to a, in the order written; returns how many. */
size_t ui_keymap_keys(const struct ui_keymap *km, enum ui_action a,
    int *keys, size_t max);
/* Returns owned: "j, Down" for a (what `?` shows), "" when unbound. */
char *ui_keymap_describe(const struct ui_keymap *km, enum ui_action a);

#endif
