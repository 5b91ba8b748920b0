/*
 * ui_keymap: key names (parse and print), the default bindings table, and
 * the config's [keys] overrides with their error messages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ui_keymap.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct key_case {
	const char *name;
	int key;      /* -1: must be rejected */
};

static const struct key_case key_cases[] = {
	{ "j", 'j' }, { "G", 'G' }, { "?", '?' }, { "/", '/' }, { "1", '1' },
	{ "\xc3\xa9", 0xE9 },                  /* é */
	{ "\xe3\x81\x82", 0x3042 },            /* あ */
	{ "  j  ", 'j' },
	{ "C-d", 4 }, { "c-d", 4 }, { "C-D", 4 }, { "Ctrl-d", 4 },
	{ "control-r", 18 }, { "^u", 21 }, { "C-[", 27 }, { "C-?", 127 },
	/* flow control is off in the interface: C-s and C-q can be bound */
	{ "C-s", 19 }, { "C-q", 17 },
	{ "M-x", 'x' | UI_KEY_META }, { "Alt-X", 'X' | UI_KEY_META },
	{ "Meta-Down", UI_KEY_DOWN | UI_KEY_META },
	{ "M-C-d", 4 | UI_KEY_META },
	{ "F1", UI_KEY_F1 }, { "f5", UI_KEY_F1 + 4 }, { "F12", UI_KEY_F12 },
	{ "Up", UI_KEY_UP }, { "down", UI_KEY_DOWN }, { "LEFT", UI_KEY_LEFT },
	{ "Right", UI_KEY_RIGHT }, { "PgUp", UI_KEY_PGUP },
	{ "PageUp", UI_KEY_PGUP }, { "PgDn", UI_KEY_PGDN },
	{ "PageDown", UI_KEY_PGDN }, { "NPage", UI_KEY_PGDN },
	{ "Home", UI_KEY_HOME }, { "End", UI_KEY_END },
	{ "Insert", UI_KEY_INSERT }, { "Delete", UI_KEY_DELETE },
	{ "Del", UI_KEY_DELETE }, { "Backspace", UI_KEY_BACKSPACE },
	{ "BS", UI_KEY_BACKSPACE },
	{ "Enter", UI_KEY_ENTER }, { "Return", UI_KEY_ENTER },
	{ "Tab", UI_KEY_TAB }, { "S-Tab", UI_KEY_BTAB },
	{ "Shift-Tab", UI_KEY_BTAB }, { "BackTab", UI_KEY_BTAB },
	{ "Space", ' ' }, { "SPC", ' ' }, { "Esc", UI_KEY_ESC },
	{ "Escape", UI_KEY_ESC }, { "Comma", ',' },
	/* rejected */
	{ "", -1 }, { "   ", -1 }, { "jj", -1 }, { "C-", -1 }, { "C-1", -1 },
	{ "C-@", -1 }, { "C-dd", -1 }, { "M-", -1 }, { "Dwn", -1 },
	{ "F0", -1 }, { "F13", -1 }, { "F1x", -1 }, { "\x01", -1 },
	{ "\x7f", -1 }, { "\xc2\x9b", -1 },    /* C1 */
	{ "\xff", -1 }, { "Ctrl+d", -1 },
};

static void
test_key_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(key_cases); i++) {
		int key = -7;
		int rc = ui_key_parse(key_cases[i].name, strlen(key_cases[i].name),
		    &key);

		if (key_cases[i].key < 0) {
			if (rc != -1)
				fail_msg("'%s' accepted as %#x", key_cases[i].name,
				    key);
		} else if (rc != 0 || key != key_cases[i].key) {
			fail_msg("'%s': rc %d key %#x, want %#x",
			    key_cases[i].name, rc, key, key_cases[i].key);
		}
	}
}

/* Every key prints as a name that parses back to it. */
static void
test_key_name_round_trip(void **state)
{
	char buf[32];

	(void)state;
	for (size_t i = 0; i < NELEM(key_cases); i++) {
		int back;

		if (key_cases[i].key < 0)
			continue;
		ui_key_name(key_cases[i].key, buf, sizeof buf);
		if (ui_key_parse(buf, strlen(buf), &back) != 0 ||
		    back != key_cases[i].key)
			fail_msg("%#x printed as '%s' which does not parse back",
			    key_cases[i].key, buf);
	}
	assert_string_equal(ui_key_name(4, buf, sizeof buf), "C-d");
	assert_string_equal(ui_key_name(UI_KEY_ENTER, buf, sizeof buf),
	    "Enter");
	assert_string_equal(ui_key_name(' ', buf, sizeof buf), "Space");
	assert_string_equal(ui_key_name('x' | UI_KEY_META, buf, sizeof buf),
	    "M-x");
	assert_string_equal(ui_key_name(UI_KEY_F1 + 9, buf, sizeof buf), "F10");
}

/* The table: names unique and findable, defaults parse, no key twice. */
static void
test_action_table(void **state)
{
	struct ui_keymap *km = ui_keymap_new(NULL, NULL);
	int seen[64], nseen = 0;

	(void)state;
	assert_non_null(km);
	assert_null(ui_action_name(UI_ACT_NONE));
	for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++) {
		const char *name = ui_action_name((enum ui_action)a);
		int keys[8];
		size_t n;

		assert_non_null(name);
		assert_true(strlen(ui_action_help((enum ui_action)a)) > 3);
		assert_int_equal(ui_action_find(name), a);
		n = ui_keymap_keys(km, (enum ui_action)a, keys, NELEM(keys));
		if (n == 0)
			fail_msg("action %s has no default key", name);
		for (size_t k = 0; k < n; k++) {
			for (int s = 0; s < nseen; s++)
				if (seen[s] == keys[k])
					fail_msg("key %#x bound twice", keys[k]);
			if (nseen < (int)NELEM(seen))
				seen[nseen++] = keys[k];
			assert_int_equal(ui_keymap_lookup(km, keys[k]), a);
		}
	}
	assert_int_equal(ui_action_find("MOVE_DOWN"), UI_ACT_DOWN);
	assert_int_equal(ui_action_find("move-dow"), UI_ACT_NONE);
	ui_keymap_free(km);
}

/* The keys the issue names, as defaults. */
static void
test_defaults(void **state)
{
	static const struct {
		int key;
		enum ui_action a;
	} want[] = {
		{ 'j', UI_ACT_DOWN }, { UI_KEY_DOWN, UI_ACT_DOWN },
		{ 'k', UI_ACT_UP }, { 'g', UI_ACT_TOP }, { 'G', UI_ACT_BOTTOM },
		{ UI_KEY_HOME, UI_ACT_TOP }, { UI_KEY_END, UI_ACT_BOTTOM },
		{ UI_KEY_PGDN, UI_ACT_PAGE_DOWN }, { UI_KEY_PGUP, UI_ACT_PAGE_UP },
		{ 4, UI_ACT_HALF_DOWN }, { 21, UI_ACT_HALF_UP },
		{ UI_KEY_TAB, UI_ACT_NEXT_PANE }, { UI_KEY_BTAB, UI_ACT_PREV_PANE },
		{ 'h', UI_ACT_PANE_LEFT }, { 'l', UI_ACT_PANE_RIGHT },
		{ UI_KEY_ENTER, UI_ACT_OPEN }, { ' ', UI_ACT_PAGE },
		{ 'n', UI_ACT_NEXT_UNREAD }, { 'N', UI_ACT_PREV_UNREAD },
		{ 'r', UI_ACT_TOGGLE_READ }, { 's', UI_ACT_TOGGLE_STAR },
		{ 't', UI_ACT_ADD_TAG }, { 'T', UI_ACT_REMOVE_TAG },
		{ 'd', UI_ACT_DISMISS }, { 'm', UI_ACT_MARK },
		{ 'A', UI_ACT_MARK_ALL_READ }, { '/', UI_ACT_SEARCH },
		{ 'f', UI_ACT_FILTER }, { UI_KEY_ESC, UI_ACT_CLEAR },
		{ 'R', UI_ACT_REFRESH_ALL }, { 18, UI_ACT_REFRESH_FEED },
		{ 'o', UI_ACT_OPEN_LINK }, { 'y', UI_ACT_COPY_LINK },
		{ '1', UI_ACT_LINK_1 }, { '9', UI_ACT_LINK_9 },
		{ 'v', UI_ACT_LAYOUT }, { 'z', UI_ACT_ZOOM }, { '?', UI_ACT_HELP },
		{ 'q', UI_ACT_BACK }, { 'x', UI_ACT_NONE },
		/* issue 11 */
		{ 'u', UI_ACT_UNDO }, { 'U', UI_ACT_UNMARK_ALL },
		{ 'L', UI_ACT_LINKS }, { 'M', UI_ACT_MESSAGES },
		{ 'Q', UI_ACT_QUIT },
	};
	struct ui_keymap *km = ui_keymap_new(NULL, NULL);
	char *d;

	(void)state;
	for (size_t i = 0; i < NELEM(want); i++)
		assert_int_equal(ui_keymap_lookup(km, want[i].key), want[i].a);
	d = ui_keymap_describe(km, UI_ACT_DOWN);
	assert_string_equal(d, "j, Down");
	free(d);
	ui_keymap_free(km);
}

/* A config with these [keys] lines (path names the file in messages). */
static struct config *
config_with(const char *const (*lines)[2], size_t n)
{
	struct config *cfg = config_defaults();

	cfg->path = xstrdup("/home/a/.config/sitrep/config.ini");
	cfg->bindings = xcalloc(n ? n : 1, sizeof *cfg->bindings);
	for (size_t i = 0; i < n; i++) {
		cfg->bindings[i].action = xstrdup(lines[i][0]);
		cfg->bindings[i].keys = xstrdup(lines[i][1]);
	}
	cfg->nbindings = n;
	return cfg;
}

static void
test_overrides(void **state)
{
	static const char *const lines[][2] = {
		{ "move-down", "n, C-n" },   /* takes n from next-unread */
		{ "next_unread", "M-n" },
		{ "zoom", "none" },
		{ "help", "" },              /* empty: the default stays */
		{ "quit", "F10, Comma" },
	};
	struct config *cfg = config_with(lines, NELEM(lines));
	char *cause = NULL;
	struct ui_keymap *km = ui_keymap_new(cfg, &cause);
	char *d;

	(void)state;
	if (km == NULL)
		fail_msg("%s", cause);
	assert_int_equal(ui_keymap_lookup(km, 'n'), UI_ACT_DOWN);
	assert_int_equal(ui_keymap_lookup(km, 14), UI_ACT_DOWN);
	/* the action's defaults are replaced */
	assert_int_equal(ui_keymap_lookup(km, 'j'), UI_ACT_NONE);
	assert_int_equal(ui_keymap_lookup(km, UI_KEY_DOWN), UI_ACT_NONE);
	assert_int_equal(ui_keymap_lookup(km, 'n' | UI_KEY_META),
	    UI_ACT_NEXT_UNREAD);
	assert_int_equal(ui_keymap_lookup(km, 'z'), UI_ACT_NONE);
	assert_int_equal(ui_keymap_lookup(km, '?'), UI_ACT_HELP);
	assert_int_equal(ui_keymap_lookup(km, UI_KEY_F1 + 9), UI_ACT_QUIT);
	assert_int_equal(ui_keymap_lookup(km, ','), UI_ACT_QUIT);
	/* untouched actions keep theirs */
	assert_int_equal(ui_keymap_lookup(km, 'k'), UI_ACT_UP);
	d = ui_keymap_describe(km, UI_ACT_ZOOM);
	assert_string_equal(d, "");
	free(d);
	d = ui_keymap_describe(km, UI_ACT_DOWN);
	assert_string_equal(d, "n, C-n");
	free(d);
	ui_keymap_free(km);
	config_free(cfg);
}

struct error_case {
	const char *action, *keys;
	const char *want;   /* in the message */
};

static const struct error_case error_cases[] = {
	{ "movedown", "x",
	  "config.ini: [keys] movedown: unknown action; did you mean "
	  "'move-down'?" },
	{ "frobnicate", "x", "[keys] frobnicate: unknown action" },
	{ "move-down", "j, Dwn",
	  "[keys] move-down = 'j, Dwn': unknown key 'Dwn'; did you mean "
	  "'Down'?" },
	{ "move-up", "C-", "[keys] move-up = 'C-': unknown key 'C-'" },
	{ "move-up", "kk", "unknown key 'kk'" },
};

static void
test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(error_cases); i++) {
		const char *const line[1][2] = {
			{ error_cases[i].action, error_cases[i].keys }
		};
		struct config *cfg = config_with(line, 1);
		char *cause = NULL;
		struct ui_keymap *km = ui_keymap_new(cfg, &cause);

		if (km != NULL)
			fail_msg("[keys] %s = %s accepted", error_cases[i].action,
			    error_cases[i].keys);
		if (cause == NULL || strstr(cause, error_cases[i].want) == NULL)
			fail_msg("message '%s' lacks '%s'", cause ? cause : "(none)",
			    error_cases[i].want);
		assert_non_null(strstr(cause, "/home/a/.config/sitrep/config.ini"));
		free(cause);
		config_free(cfg);
	}
}

/* Two lines taking one key; every problem is listed at once. */
static void
test_conflicts(void **state)
{
	static const char *const lines[][2] = {
		{ "toggle-star", "x" },
		{ "dismiss", "x" },
		{ "bogus", "y" },
	};
	struct config *cfg = config_with(lines, NELEM(lines));
	char *cause = NULL;

	(void)state;
	assert_null(ui_keymap_new(cfg, &cause));
	assert_non_null(strstr(cause, "key 'x' is bound to both toggle-star "
	    "and dismiss"));
	assert_non_null(strstr(cause, "bogus: unknown action"));
	assert_non_null(strchr(cause, '\n'));
	free(cause);
	config_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_parse),
		cmocka_unit_test(test_key_name_round_trip),
		cmocka_unit_test(test_action_table),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_conflicts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
