/*
 * ui_prompt: the one-line editor: typing (UTF-8), moving, deleting,
 * history, Tab completion (common prefix, then cycling), and the view that
 * keeps the cursor on screen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "ui_keymap.h"
#include "ui_prompt.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void
type(struct ui_prompt *p, const char *s)
{
	while (*s)
		assert_int_equal(ui_prompt_key(p, (unsigned char)*s++),
		    UI_PROMPT_EDITING);
}

static void
keys(struct ui_prompt *p, const int *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ui_prompt_key(p, k[i]);
}

static void
test_editing(void **state)
{
	struct ui_prompt p = { 0 };
	const int left2[] = { UI_KEY_LEFT, UI_KEY_LEFT };

	(void)state;
	ui_prompt_start(&p, 1, "filter: ", NULL, NULL);
	assert_string_equal(ui_prompt_text(&p), "");
	type(&p, "country:JP");
	assert_string_equal(ui_prompt_text(&p), "country:JP");
	keys(&p, left2, NELEM(left2));
	ui_prompt_key(&p, UI_KEY_BACKSPACE);
	assert_string_equal(ui_prompt_text(&p), "countryJP");
	ui_prompt_key(&p, UI_KEY_DELETE);
	assert_string_equal(ui_prompt_text(&p), "countryP");
	ui_prompt_key(&p, UI_KEY_HOME);
	ui_prompt_key(&p, '-');
	assert_string_equal(ui_prompt_text(&p), "-countryP");
	ui_prompt_key(&p, UI_KEY_CTRL('K'));
	assert_string_equal(ui_prompt_text(&p), "-");
	ui_prompt_key(&p, UI_KEY_END);
	type(&p, "tag:a tag:b");
	ui_prompt_key(&p, UI_KEY_CTRL('W'));
	assert_string_equal(ui_prompt_text(&p), "-tag:a ");
	ui_prompt_key(&p, UI_KEY_CTRL('U'));
	assert_string_equal(ui_prompt_text(&p), "");
	/* control characters and keys without text insert nothing */
	ui_prompt_key(&p, 0x1b5b);
	ui_prompt_key(&p, UI_KEY_F1);
	ui_prompt_key(&p, 0x9b);
	ui_prompt_key(&p, 'x' | UI_KEY_META);
	assert_string_equal(ui_prompt_text(&p), "\xe1\xad\x9b");
	ui_prompt_end(&p, 0);
	assert_false(p.active);
}

/* UTF-8: the cursor moves and deletes whole characters. */
/*
 * f and / open with the old text selected (issue 11: typing appended to
 * it): a printable key replaces it, Backspace clears it, End, arrows and
 * Tab keep it and go on from there.
 */
static void
test_selected(void **state)
{
	struct ui_prompt p = { 0 };
	const char *const cands[] = { "unread", "topic:ransomware" };

	(void)state;
	ui_prompt_start(&p, 1, "filter: ", "feed:cert", NULL);
	ui_prompt_select_all(&p);
	assert_true(p.selected);
	type(&p, "unread");
	assert_false(p.selected);
	assert_string_equal(ui_prompt_text(&p), "unread");

	ui_prompt_start(&p, 1, "filter: ", "feed:cert", NULL);
	ui_prompt_select_all(&p);
	ui_prompt_key(&p, UI_KEY_END);
	assert_false(p.selected);
	type(&p, " unread");
	assert_string_equal(ui_prompt_text(&p), "feed:cert unread");

	ui_prompt_start(&p, 1, "filter: ", "feed:cert", NULL);
	ui_prompt_select_all(&p);
	ui_prompt_key(&p, UI_KEY_LEFT);
	ui_prompt_key(&p, 'X');
	assert_string_equal(ui_prompt_text(&p), "feed:cerXt");

	ui_prompt_start(&p, 1, "filter: ", "feed:cert", NULL);
	ui_prompt_select_all(&p);
	ui_prompt_key(&p, UI_KEY_BACKSPACE);
	assert_string_equal(ui_prompt_text(&p), "");
	type(&p, "u");
	assert_string_equal(ui_prompt_text(&p), "u");

	/* Enter accepts the old text as it is */
	ui_prompt_start(&p, 1, "filter: ", "feed:cert", NULL);
	ui_prompt_select_all(&p);
	assert_int_equal(ui_prompt_key(&p, UI_KEY_ENTER), UI_PROMPT_ACCEPT);
	assert_string_equal(ui_prompt_text(&p), "feed:cert");

	/* Tab completes after the old text */
	ui_prompt_start(&p, 1, "filter: ", "feed:cert t", NULL);
	ui_prompt_set_candidates(&p, cands, NELEM(cands));
	ui_prompt_select_all(&p);
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "feed:cert topic:ransomware ");

	/* nothing to select: nothing selected */
	ui_prompt_start(&p, 1, "filter: ", NULL, NULL);
	ui_prompt_select_all(&p);
	assert_false(p.selected);
	ui_prompt_end(&p, 0);
	assert_false(p.selected);
}

static void
test_utf8(void **state)
{
	struct ui_prompt p = { 0 };
	size_t first, col;

	(void)state;
	ui_prompt_start(&p, 1, "tags: ", "日本", NULL);
	ui_prompt_key(&p, UI_KEY_LEFT);
	ui_prompt_key(&p, 0x00E9);   /* é */
	assert_string_equal(ui_prompt_text(&p), "日\xc3\xa9本");
	ui_prompt_key(&p, UI_KEY_BACKSPACE);
	ui_prompt_key(&p, UI_KEY_BACKSPACE);
	assert_string_equal(ui_prompt_text(&p), "本");
	ui_prompt_view(&p, 20, &first, &col);
	assert_int_equal(first, 0);
	assert_int_equal(col, 0);
	ui_prompt_key(&p, UI_KEY_END);
	ui_prompt_view(&p, 20, &first, &col);
	assert_int_equal(col, 2);
	ui_prompt_end(&p, 0);
}

/* A long line scrolls so that the cursor stays inside the width. */
static void
test_view_scrolls(void **state)
{
	struct ui_prompt p = { 0 };
	size_t first, col;

	(void)state;
	ui_prompt_start(&p, 1, "search: ", NULL, NULL);
	type(&p, "abcdefghijklmnopqrstuvwxyz");
	ui_prompt_view(&p, 10, &first, &col);
	assert_true(col < 10);
	assert_int_equal(first + col, 26);
	ui_prompt_key(&p, UI_KEY_HOME);
	ui_prompt_view(&p, 10, &first, &col);
	assert_int_equal(first, 0);
	assert_int_equal(col, 0);
	ui_prompt_end(&p, 0);
}

static void
test_accept_cancel(void **state)
{
	struct ui_prompt p = { 0 };

	(void)state;
	ui_prompt_start(&p, 7, "x: ", "abc", NULL);
	assert_int_equal(p.kind, 7);
	assert_int_equal(ui_prompt_key(&p, UI_KEY_ENTER), UI_PROMPT_ACCEPT);
	assert_int_equal(ui_prompt_key(&p, UI_KEY_ESC), UI_PROMPT_CANCEL);
	assert_int_equal(ui_prompt_key(&p, UI_KEY_CTRL('G')), UI_PROMPT_CANCEL);
	/* an initial text from a feed is one clean line */
	ui_prompt_start(&p, 7, "x: ", "a\x1b[2J\nb", NULL);
	assert_string_equal(ui_prompt_text(&p), "a b");
	ui_prompt_end(&p, 0);
}

static void
test_history(void **state)
{
	struct strv h = STRV_INIT;
	struct ui_prompt p = { 0 };

	(void)state;
	ui_prompt_start(&p, 1, "f: ", NULL, &h);
	type(&p, "country:JP");
	ui_prompt_end(&p, 1);
	ui_prompt_start(&p, 1, "f: ", NULL, &h);
	type(&p, "unread");
	ui_prompt_end(&p, 1);
	/* the same line twice in a row is kept once */
	ui_prompt_start(&p, 1, "f: ", NULL, &h);
	type(&p, "unread");
	ui_prompt_end(&p, 1);
	assert_int_equal(h.n, 2);
	ui_prompt_start(&p, 1, "f: ", NULL, &h);
	type(&p, "draft");
	ui_prompt_key(&p, UI_KEY_UP);
	assert_string_equal(ui_prompt_text(&p), "unread");
	ui_prompt_key(&p, UI_KEY_UP);
	assert_string_equal(ui_prompt_text(&p), "country:JP");
	ui_prompt_key(&p, UI_KEY_UP);
	assert_string_equal(ui_prompt_text(&p), "country:JP");
	ui_prompt_key(&p, UI_KEY_DOWN);
	ui_prompt_key(&p, UI_KEY_DOWN);
	/* back past the newest: the line being typed */
	assert_string_equal(ui_prompt_text(&p), "draft");
	ui_prompt_end(&p, 0);
	assert_int_equal(h.n, 2);
	strv_free(&h);
}

static void
test_completion(void **state)
{
	static const char *const tags[] = {
		"apt29", "apt41", "brief", "Brief-monday", "ransomware"
	};
	struct ui_prompt p = { 0 };

	(void)state;
	ui_prompt_start(&p, 1, "tags: ", NULL, NULL);
	ui_prompt_set_candidates(&p, tags, NELEM(tags));
	/* one match: completed with a space after it */
	type(&p, "ran");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "ransomware ");
	/* several: the common prefix, then each match in turn */
	type(&p, "a");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "ransomware apt");
	assert_int_equal(p.matches.n, 2);
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "ransomware apt29");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "ransomware apt41");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "ransomware apt29");
	/* case-insensitive, separated by commas too */
	ui_prompt_key(&p, ',');
	type(&p, "BRI");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "ransomware apt29,brief");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "ransomware apt29,Brief-monday");
	/* nothing matches: nothing changes */
	ui_prompt_key(&p, ' ');
	type(&p, "zz");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p),
	    "ransomware apt29,Brief-monday zz");
	ui_prompt_end(&p, 0);
}

/* Query fields: "country:" waits for its value; "-" negations complete. */
static void
test_completion_fields(void **state)
{
	static const char *const c[] = {
		"country:", "country:JP", "country:CN", "topic:", "topic:ransomware"
	};
	struct ui_prompt p = { 0 };

	(void)state;
	ui_prompt_start(&p, 1, "filter: ", NULL, NULL);
	ui_prompt_set_candidates(&p, c, NELEM(c));
	type(&p, "unread -top");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "unread -topic:");
	type(&p, "r");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p), "unread -topic:ransomware ");
	type(&p, "(country:j");
	ui_prompt_key(&p, UI_KEY_TAB);
	assert_string_equal(ui_prompt_text(&p),
	    "unread -topic:ransomware (country:JP ");
	ui_prompt_end(&p, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_editing),
		cmocka_unit_test(test_selected),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_view_scrolls),
		cmocka_unit_test(test_accept_cancel),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_completion),
		cmocka_unit_test(test_completion_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
