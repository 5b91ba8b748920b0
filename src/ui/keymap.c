/*
 * keymap: the action table (name, default keys, help), key names, and the
 * bindings the config's [keys] section makes of them.  No curses here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "suggest.h"
#include "text.h"
#include "ui_keymap.h"
#include "xalloc.h"

struct action_def {
	const char *name;
	const char *keys;  /* the defaults, as a user would write them */
	const char *help;
};

/* The one table of actions: the help screen and the defaults come from it. */
static const struct action_def actions[UI_ACT_COUNT] = {
	[UI_ACT_DOWN] = { "move-down", "j, Down", "move down" },
	[UI_ACT_UP] = { "move-up", "k, Up", "move up" },
	[UI_ACT_TOP] = { "top", "g, Home", "go to the first line" },
	[UI_ACT_BOTTOM] = { "bottom", "G, End", "go to the last line" },
	[UI_ACT_PAGE_DOWN] = { "page-down", "PgDn, C-f", "one page down" },
	[UI_ACT_PAGE_UP] = { "page-up", "PgUp, C-b", "one page up" },
	[UI_ACT_HALF_DOWN] = { "half-page-down", "C-d", "half a page down" },
	[UI_ACT_HALF_UP] = { "half-page-up", "C-u", "half a page up" },
	[UI_ACT_NEXT_PANE] = { "next-pane", "Tab", "focus the next pane" },
	[UI_ACT_PREV_PANE] = { "previous-pane", "S-Tab",
	    "focus the previous pane" },
	[UI_ACT_PANE_LEFT] = { "pane-left", "h, Left",
	    "focus the pane to the left" },
	[UI_ACT_PANE_RIGHT] = { "pane-right", "l, Right",
	    "focus the pane to the right" },
	[UI_ACT_OPEN] = { "open", "Enter",
	    "open the article; apply a view; fold a sidebar section" },
	[UI_ACT_PAGE] = { "page", "Space",
	    "page through the article, then open the next unread" },
	[UI_ACT_NEXT_UNREAD] = { "next-unread", "n", "open the next unread" },
	[UI_ACT_PREV_UNREAD] = { "previous-unread", "N",
	    "open the previous unread" },
	[UI_ACT_TOGGLE_READ] = { "toggle-read", "r", "mark read / unread" },
	[UI_ACT_TOGGLE_STAR] = { "toggle-star", "s", "star / unstar" },
	[UI_ACT_ADD_TAG] = { "add-tag", "t", "add tags (Tab completes)" },
	[UI_ACT_REMOVE_TAG] = { "remove-tag", "T", "remove a tag" },
	[UI_ACT_DISMISS] = { "dismiss", "d",
	    "dismiss (hide from the views) / bring back" },
	[UI_ACT_MARK] = { "mark", "m",
	    "mark the row; r s t T d then act on every marked row" },
	[UI_ACT_UNMARK_ALL] = { "unmark-all", "U",
	    "unmark every marked row (Esc too)" },
	[UI_ACT_MARK_ALL_READ] = { "mark-all-read", "A",
	    "mark the whole view read" },
	[UI_ACT_UNDO] = { "undo", "u",
	    "undo the last read, star, dismiss, tag or mark-all-read" },
	[UI_ACT_SEARCH] = { "search", "/", "full-text search" },
	[UI_ACT_FILTER] = { "filter", "f", "filter with the query language" },
	[UI_ACT_CLEAR] = { "clear", "Esc",
	    "clear the search, the filter and the marks" },
	[UI_ACT_REFRESH_ALL] = { "refresh-all", "R",
	    "fetch the feeds now (not gone or backing-off ones)" },
	[UI_ACT_REFRESH_FEED] = { "refresh-feed", "C-r",
	    "fetch the selected article's (or sidebar's) feed now" },
	[UI_ACT_OPEN_LINK] = { "open-link", "o",
	    "open the article in the browser" },
	[UI_ACT_COPY_LINK] = { "copy-link", "y",
	    "copy the article's link, or the link chosen in L (OSC 52)" },
	[UI_ACT_LINKS] = { "links", "L",
	    "every link of the article: pick one to open or copy" },
	[UI_ACT_LINK_1 + 0] = { "open-link-1", "1", "open link 1 of the article" },
	[UI_ACT_LINK_1 + 1] = { "open-link-2", "2", "open link 2" },
	[UI_ACT_LINK_1 + 2] = { "open-link-3", "3", "open link 3" },
	[UI_ACT_LINK_1 + 3] = { "open-link-4", "4", "open link 4" },
	[UI_ACT_LINK_1 + 4] = { "open-link-5", "5", "open link 5" },
	[UI_ACT_LINK_1 + 5] = { "open-link-6", "6", "open link 6" },
	[UI_ACT_LINK_1 + 6] = { "open-link-7", "7", "open link 7" },
	[UI_ACT_LINK_1 + 7] = { "open-link-8", "8", "open link 8" },
	[UI_ACT_LINK_1 + 8] = { "open-link-9", "9", "open link 9" },
	[UI_ACT_LAYOUT] = { "layout", "v",
	    "switch layout: columns, stacked, single pane" },
	[UI_ACT_ZOOM] = { "zoom", "z", "zoom the focused pane" },
	[UI_ACT_HELP] = { "help", "?", "this help" },
	[UI_ACT_MESSAGES] = { "messages", "M",
	    "the recent messages (refresh failures, warnings)" },
	[UI_ACT_BACK] = { "back", "q", "go back; quit from the top level" },
	[UI_ACT_QUIT] = { "quit", "Q", "quit now" },
	[UI_ACT_REDRAW] = { "redraw", "C-l", "redraw the screen" },
};

/* Key names; the first name of a key is the one printed. */
static const struct named_key {
	const char *name;
	int key;
} named_keys[] = {
	{ "Up", UI_KEY_UP }, { "Down", UI_KEY_DOWN },
	{ "Left", UI_KEY_LEFT }, { "Right", UI_KEY_RIGHT },
	{ "PgUp", UI_KEY_PGUP }, { "PageUp", UI_KEY_PGUP },
	{ "PPage", UI_KEY_PGUP }, { "Prior", UI_KEY_PGUP },
	{ "PgDn", UI_KEY_PGDN }, { "PageDown", UI_KEY_PGDN },
	{ "NPage", UI_KEY_PGDN }, { "Next", UI_KEY_PGDN },
	{ "Home", UI_KEY_HOME }, { "End", UI_KEY_END },
	{ "Insert", UI_KEY_INSERT }, { "Ins", UI_KEY_INSERT },
	{ "Delete", UI_KEY_DELETE }, { "Del", UI_KEY_DELETE },
	{ "Backspace", UI_KEY_BACKSPACE }, { "BS", UI_KEY_BACKSPACE },
	{ "Enter", UI_KEY_ENTER }, { "Return", UI_KEY_ENTER },
	{ "RET", UI_KEY_ENTER },
	{ "Tab", UI_KEY_TAB },
	{ "S-Tab", UI_KEY_BTAB }, { "Shift-Tab", UI_KEY_BTAB },
	{ "BackTab", UI_KEY_BTAB }, { "BTab", UI_KEY_BTAB },
	{ "Space", ' ' }, { "SPC", ' ' },
	{ "Esc", UI_KEY_ESC }, { "Escape", UI_KEY_ESC },
	{ "Comma", ',' },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const ctrl_prefixes[] = { "C-", "Ctrl-", "Control-", "^" };
static const char *const meta_prefixes[] = { "M-", "Alt-", "Meta-" };

struct binding {
	int key;
	enum ui_action action;
};

struct ui_keymap {
	struct binding *v;
	size_t n, cap;
};

const char *
ui_action_name(enum ui_action a)
{
	return a > UI_ACT_NONE && a < UI_ACT_COUNT ? actions[a].name : NULL;
}

const char *
ui_action_help(enum ui_action a)
{
	return a > UI_ACT_NONE && a < UI_ACT_COUNT ? actions[a].help : "";
}

const char *
ui_action_default_keys(enum ui_action a)
{
	return a > UI_ACT_NONE && a < UI_ACT_COUNT ? actions[a].keys : "";
}

/* Action names compare with '_' as '-' and in any case. */
static int
action_name_eq(const char *want, const char *name)
{
	for (; *want && *name; want++, name++) {
		char c = *name == '_' ? '-' : *name;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *want)
			return 0;
	}
	return *want == '\0' && *name == '\0';
}

enum ui_action
ui_action_find(const char *name)
{
	for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++)
		if (action_name_eq(actions[a].name, name))
			return (enum ui_action)a;
	return UI_ACT_NONE;
}

/* The prefix of s[0..n) from list (case-insensitive), or 0. */
static size_t
match_prefix(const char *s, size_t n, const char *const *list, size_t nlist)
{
	for (size_t i = 0; i < nlist; i++) {
		size_t k = strlen(list[i]);

		if (n > k && text_eq_nocase(s, k, list[i]))
			return k;
	}
	return 0;
}

/* One printable character making up all of s[0..n): its code point. */
static int
single_char(const char *s, size_t n, int *key)
{
	uint32_t cp;
	int k = utf8_decode(s, n, &cp);

	if (k <= 0 || (size_t)k != n)
		return -1;
	if (cp <= 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return -1;
	*key = (int)cp;
	return 0;
}

static int
parse_ctrl(const char *s, size_t n, int *key)
{
	char c;

	if (n != 1)
		return -1;
	c = s[0];
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if (c == '?') {
		*key = 127;
		return 0;
	}
	if (c < '@' || c > '_')
		return -1;
	if (c == '@')
		return -1; /* NUL cannot be told from "no key" */
	*key = UI_KEY_CTRL(c);
	return 0;
}

static int
parse_plain(const char *s, size_t n, int *key)
{
	size_t k;

	for (size_t i = 0; i < NELEM(named_keys); i++) {
		if (strlen(named_keys[i].name) == n &&
		    text_eq_nocase(s, n, named_keys[i].name)) {
			*key = named_keys[i].key;
			return 0;
		}
	}
	if ((n == 2 || n == 3) && (s[0] == 'F' || s[0] == 'f') &&
	    s[1] >= '1' && s[1] <= '9') {
		int f = s[1] - '0';

		if (n == 3) {
			if (s[2] < '0' || s[2] > '9')
				return -1;
			f = f * 10 + (s[2] - '0');
		}
		if (f < 1 || f > 12)
			return -1;
		*key = UI_KEY_F1 + f - 1;
		return 0;
	}
	k = match_prefix(s, n, ctrl_prefixes, NELEM(ctrl_prefixes));
	if (k > 0)
		return parse_ctrl(s + k, n - k, key);
	return single_char(s, n, key);
}

int
ui_key_parse(const char *name, size_t n, int *key)
{
	size_t k;
	int base;

	n = text_trim(&name, n);
	if (n == 0)
		return -1;
	k = match_prefix(name, n, meta_prefixes, NELEM(meta_prefixes));
	if (k > 0) {
		if (parse_plain(name + k, n - k, &base) < 0)
			return -1;
		*key = base | UI_KEY_META;
		return 0;
	}
	return parse_plain(name, n, key);
}

char *
ui_key_name(int key, char *buf, size_t size)
{
	const char *meta = (key & UI_KEY_META) ? "M-" : "";
	int k = key & ~UI_KEY_META;

	if (size == 0)
		return buf;
	for (size_t i = 0; i < NELEM(named_keys); i++) {
		if (named_keys[i].key == k) {
			snprintf(buf, size, "%s%s", meta, named_keys[i].name);
			return buf;
		}
	}
	if (k >= UI_KEY_F1 && k <= UI_KEY_F12) {
		snprintf(buf, size, "%sF%d", meta, k - UI_KEY_F1 + 1);
	} else if (k == 127) {
		snprintf(buf, size, "%sC-?", meta);
	} else if (k > 0 && k < 0x20) {
		char c = (char)(k + '@');

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		snprintf(buf, size, "%sC-%c", meta, c);
	} else if (k > 0x20 && k < UI_KEY_SPECIAL) {
		char u[4];
		size_t len = utf8_encode((uint32_t)k, u);

		snprintf(buf, size, "%s%.*s", meta, (int)len, u);
	} else {
		snprintf(buf, size, "%s?", meta);
	}
	return buf;
}

static void
km_add(struct ui_keymap *km, int key, enum ui_action a)
{
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->v = xreallocarray(km->v, km->cap, sizeof *km->v);
	}
	km->v[km->n].key = key;
	km->v[km->n].action = a;
	km->n++;
}

/* Removes the bindings that match: a key (any action) or an action. */
static void
km_remove(struct ui_keymap *km, int key, enum ui_action a)
{
	size_t j = 0;

	for (size_t i = 0; i < km->n; i++) {
		if ((key != 0 && km->v[i].key == key) ||
		    (a != UI_ACT_NONE && km->v[i].action == a))
			continue;
		km->v[j++] = km->v[i];
	}
	km->n = j;
}

/*
 * Splits "j, Down" into keys.  Returns the number parsed, or -1 with *bad
 * (owned) the first word that is not a key name.
 */
static int
parse_key_list(const char *list, int *keys, size_t max, char **bad)
{
	const char *p = list;
	size_t n = 0;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *w = p;
		size_t wl = text_trim(&w, len);
		int key;

		if (wl == 0 && end == NULL && n > 0)
			break;
		if (ui_key_parse(w, wl, &key) < 0) {
			*bad = xstrndup(w, wl);
			return -1;
		}
		if (n < max)
			keys[n++] = key;
		p = end ? end + 1 : p + len;
	}
	return (int)n;
}

static void
load_defaults(struct ui_keymap *km)
{
	int keys[8];

	for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++) {
		char *bad = NULL;
		int n = parse_key_list(actions[a].keys, keys, NELEM(keys), &bad);

		/* the table is ours: a bad name here is caught by the tests */
		free(bad);
		for (int i = 0; i < n; i++)
			km_add(km, keys[i], (enum ui_action)a);
	}
}

static const char *
key_suggestion(const char *bad)
{
	const char *names[NELEM(named_keys) + 1];

	for (size_t i = 0; i < NELEM(named_keys); i++)
		names[i] = named_keys[i].name;
	names[NELEM(named_keys)] = NULL;
	return suggest_closest(bad, names, NELEM(named_keys));
}

static const char *
action_suggestion(const char *bad)
{
	const char *names[UI_ACT_COUNT];

	for (int a = 1; a < UI_ACT_COUNT; a++)
		names[a - 1] = actions[a].name;
	names[UI_ACT_COUNT - 1] = NULL;
	return suggest_closest(bad, names, UI_ACT_COUNT - 1);
}

/* Keys the config bound, each with the action that took it. */
struct taken {
	struct binding *v;
	size_t n;
};

static void
apply_binding(struct ui_keymap *km, const char *file,
    const struct config_binding *b, struct taken *taken, struct strv *errors)
{
	enum ui_action a = ui_action_find(b->action);
	const char *value = b->keys ? b->keys : "";
	const char *v = value;
	size_t vl = text_trim(&v, strlen(value));
	int keys[16];
	char *bad = NULL;
	int n;

	if (a == UI_ACT_NONE) {
		const char *best = action_suggestion(b->action);

		strv_push(errors, xasprintf("%s: [keys] %s: unknown action%s%s%s "
		    "(the help screen, ?, lists them)", file, b->action,
		    best ? "; did you mean '" : "", best ? best : "",
		    best ? "'?" : ""));
		return;
	}
	if (vl == 0)
		return; /* `action =` means the default, as everywhere */
	if (vl == 4 && text_eq_nocase(v, 4, "none")) {
		km_remove(km, 0, a);
		return;
	}
	n = parse_key_list(value, keys, NELEM(keys), &bad);
	if (n <= 0) {
		struct str msg = STR_INIT;
		const char *best = bad ? key_suggestion(bad) : NULL;

		str_appendf(&msg, "%s: [keys] %s = '%s': ", file, b->action,
		    value);
		if (bad != NULL)
			str_appendf(&msg, "unknown key '%s'", bad);
		else
			str_appendz(&msg, "no keys");
		if (best != NULL)
			str_appendf(&msg, "; did you mean '%s'?", best);
		str_appendz(&msg, " (keys look like j, G, C-d, M-x, F5, "
		    "Down, PgDn, Enter, S-Tab, Space)");
		strv_push(errors, str_steal(&msg));
		free(bad);
		return;
	}
	km_remove(km, 0, a);
	for (int i = 0; i < n; i++) {
		for (size_t t = 0; t < taken->n; t++) {
			if (taken->v[t].key == keys[i] && taken->v[t].action != a) {
				char kn[32];

				strv_push(errors, xasprintf("%s: [keys] key '%s' is "
				    "bound to both %s and %s", file,
				    ui_key_name(keys[i], kn, sizeof kn),
				    ui_action_name(taken->v[t].action),
				    ui_action_name(a)));
			}
		}
		km_remove(km, keys[i], UI_ACT_NONE);
		km_add(km, keys[i], a);
		taken->v = xreallocarray(taken->v, taken->n + 1, sizeof *taken->v);
		taken->v[taken->n].key = keys[i];
		taken->v[taken->n].action = a;
		taken->n++;
	}
}

struct ui_keymap *
ui_keymap_new(const struct config *cfg, char **cause)
{
	struct ui_keymap *km = xcalloc(1, sizeof *km);
	struct strv errors = STRV_INIT;
	struct taken taken = { NULL, 0 };
	const char *file;

	load_defaults(km);
	if (cfg == NULL)
		return km;
	file = cfg->path ? cfg->path : "config";
	for (size_t i = 0; i < cfg->nbindings; i++)
		apply_binding(km, file, &cfg->bindings[i], &taken, &errors);
	free(taken.v);
	if (errors.n > 0) {
		if (cause != NULL)
			*cause = strv_join(&errors, "\n");
		strv_free(&errors);
		ui_keymap_free(km);
		return NULL;
	}
	strv_free(&errors);
	return km;
}

void
ui_keymap_free(struct ui_keymap *km)
{
	if (km == NULL)
		return;
	free(km->v);
	free(km);
}

enum ui_action
ui_keymap_lookup(const struct ui_keymap *km, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].key == key)
			return km->v[i].action;
	return UI_ACT_NONE;
}

size_t
ui_keymap_keys(const struct ui_keymap *km, enum ui_action a, int *keys,
    size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < km->n && n < max; i++)
		if (km->v[i].action == a)
			keys[n++] = km->v[i].key;
	return n;
}

char *
ui_keymap_describe(const struct ui_keymap *km, enum ui_action a)
{
	struct str s = STR_INIT;
	char name[32];

	str_appendz(&s, "");
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].action != a)
			continue;
		if (s.len > 0)
			str_appendz(&s, ", ");
		str_appendz(&s, ui_key_name(km->v[i].key, name, sizeof name));
	}
	return str_steal(&s);
}
