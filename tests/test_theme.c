/*
 * ui_theme: the theme file parser (values, comments, errors with
 * file:line:element), the shipped themes, where themes are found, colour
 * reduction for 16- and 8-colour terminals, and NO_COLOR.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui_theme.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int
parse(struct ui_theme *t, const char *text, char **cause)
{
	return ui_theme_parse(t, text, strlen(text), "t.ini", cause);
}

static void
test_values(void **state)
{
	static const struct {
		const char *line;
		enum ui_elem e;
		short fg, bg;
		unsigned attrs;
	} cases[] = {
		{ "selected = black on cyan bold", UI_EL_SELECTED, 0, 6,
		  UI_ATTR_BOLD },
		{ "selected = 110", UI_EL_SELECTED, 110, UI_COLOR_DEFAULT, 0 },
		{ "selected = 16 232", UI_EL_SELECTED, 16, 232, 0 },
		{ "status = on blue", UI_EL_STATUS, UI_COLOR_DEFAULT, 4, 0 },
		{ "link = default underline italic", UI_EL_LINK, UI_COLOR_DEFAULT,
		  UI_COLOR_DEFAULT, UI_ATTR_UNDERLINE | UI_ATTR_ITALIC },
		{ "  Badge-Tag\t=\tBright-Magenta  dim  ", UI_EL_BADGE_TAG, 13,
		  UI_COLOR_DEFAULT, UI_ATTR_DIM },
		{ "error = grey on 0 reverse standout # why", UI_EL_ERROR, 8, 0,
		  UI_ATTR_REVERSE | UI_ATTR_STANDOUT },
		{ "read = normal", UI_EL_READ, UI_COLOR_DEFAULT, UI_COLOR_DEFAULT,
		  0 },
		{ "date = 255 ; the last one", UI_EL_DATE, 255, UI_COLOR_DEFAULT,
		  0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct ui_theme t;
		char *cause = NULL;

		if (parse(&t, cases[i].line, &cause) != 0)
			fail_msg("'%s': %s", cases[i].line, cause);
		assert_int_equal(t.el[cases[i].e].fg, cases[i].fg);
		assert_int_equal(t.el[cases[i].e].bg, cases[i].bg);
		assert_int_equal(t.el[cases[i].e].attrs, cases[i].attrs);
	}
}

/* Elements a file leaves out keep the built-in default. */
static void
test_partial_file(void **state)
{
	struct ui_theme t, d;
	const char *text = "# a comment\n; another\n\n[theme]\nunread = red\n";

	(void)state;
	ui_theme_default(&d);
	assert_int_equal(parse(&t, text, NULL), 0);
	assert_int_equal(t.el[UI_EL_UNREAD].fg, 1);
	assert_memory_equal(&t.el[UI_EL_SELECTED], &d.el[UI_EL_SELECTED],
	    sizeof d.el[0]);
}

struct error_case {
	const char *text;
	const char *want;
};

static const struct error_case error_cases[] = {
	{ "selcted = red", "t.ini:1: selcted: unknown element; did you mean "
	  "'selected'?" },
	{ "\n\nunread = bluee", "t.ini:3: unread: unknown colour or attribute "
	  "'bluee'; did you mean 'blue'?" },
	{ "unread = 256", "t.ini:1: unread: unknown colour or attribute '256'" },
	{ "unread = red blue green", "t.ini:1: unread: more than two colours" },
	{ "unread = red on", "t.ini:1: unread: 'on' without a background" },
	{ "unread = on red on blue", "t.ini:1: unread: one 'on'" },
	{ "unread red", "t.ini:1: expected 'element = colours attributes'" },
	{ "[colors]", "t.ini:1: only a [theme] section" },
	{ "unread = blod", "did you mean 'bold'?" },
};

static void
test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(error_cases); i++) {
		struct ui_theme t, before;
		char *cause = NULL;

		ui_theme_mono(&t);
		before = t;
		if (parse(&t, error_cases[i].text, &cause) == 0)
			fail_msg("'%s' accepted", error_cases[i].text);
		if (strstr(cause, error_cases[i].want) == NULL)
			fail_msg("'%s': message '%s' lacks '%s'", error_cases[i].text,
			    cause, error_cases[i].want);
		/* a theme with errors leaves the caller's theme alone */
		assert_memory_equal(&t, &before, sizeof t);
		free(cause);
	}
}

static void
test_every_error_listed(void **state)
{
	struct ui_theme t;
	char *cause = NULL;

	(void)state;
	assert_int_equal(parse(&t, "a = red\nunread = red\nb = c\n", &cause),
	    -1);
	assert_non_null(strstr(cause, "t.ini:1: a:"));
	assert_non_null(strstr(cause, "t.ini:3: b:"));
	assert_null(strstr(cause, "t.ini:2"));
	free(cause);
}

/* Feed-borne bytes never reach a theme message unsanitised. */
static void
test_error_sanitised(void **state)
{
	struct ui_theme t;
	char *cause = NULL;

	(void)state;
	assert_int_equal(parse(&t, "sel\x1b[2Jected = red", &cause), -1);
	assert_null(strchr(cause, '\x1b'));
	free(cause);
}

static const char *const shipped[] = {
	"default", "light", "solarized-dark", "high-contrast", "mono"
};

/* The shipped files load; default.ini and mono.ini say what the
 * built-ins say. */
static void
test_shipped_themes(void **state)
{
	struct ui_theme t, b;
	char *cause = NULL;

	(void)state;
	for (size_t i = 0; i < NELEM(shipped); i++) {
		char *path = xasprintf("themes/%s.ini", shipped[i]);

		if (ui_theme_load_file(&t, path, &cause) != 0)
			fail_msg("%s", cause);
		free(path);
		if (strcmp(shipped[i], "default") == 0) {
			ui_theme_default(&b);
			assert_memory_equal(&t, &b, sizeof t);
		} else if (strcmp(shipped[i], "mono") == 0) {
			ui_theme_mono(&b);
			assert_memory_equal(&t, &b, sizeof t);
			for (int e = 0; e < UI_EL_COUNT; e++) {
				assert_int_equal(t.el[e].fg, UI_COLOR_DEFAULT);
				assert_int_equal(t.el[e].bg, UI_COLOR_DEFAULT);
			}
		}
	}
	/* mono must still show the selection */
	ui_theme_mono(&b);
	assert_true(b.el[UI_EL_SELECTED].attrs & UI_ATTR_REVERSE);
}

static char *
make_dir(const char *base, const char *sub)
{
	char *p = xasprintf("%s/%s", base, sub);
	char *s = p;

	while ((s = strchr(s + 1, '/')) != NULL) {
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
	mkdir(p, 0700);
	return p;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The user's themes come first; a broken one is reported, default used. */
static void
test_lookup_and_fallback(void **state)
{
	const char *tmp = getenv("SITREP_TEST_TMP");
	char *base, *dir, *p, *cause = NULL;
	struct ui_theme t, d;

	(void)state;
	base = xasprintf("%s/theme-test-%ld", tmp ? tmp : "/tmp", (long)getpid());
	dir = make_dir(base, "xdg/sitrep/themes");
	p = xasprintf("%s/mine.ini", dir);
	write_file(p, "unread = 200\n");
	free(p);
	p = xasprintf("%s/broken.ini", dir);
	write_file(p, "unread = red\nbadge-country = purple\n");
	free(p);
	p = xasprintf("%s/default.ini", dir);
	write_file(p, "unread = 201\n");
	free(p);
	p = xasprintf("%s/xdg", base);
	setenv("XDG_CONFIG_HOME", p, 1);
	free(p);

	assert_int_equal(ui_theme_load(&t, "mine", &cause), 0);
	assert_int_equal(t.el[UI_EL_UNREAD].fg, 200);
	/* the user's default.ini overrides the shipped one */
	assert_int_equal(ui_theme_load(&t, "default", &cause), 0);
	assert_int_equal(t.el[UI_EL_UNREAD].fg, 201);
	/* shipped themes are found next */
	assert_int_equal(ui_theme_load(&t, "light", &cause), 0);

	ui_theme_default(&d);
	assert_int_equal(ui_theme_load(&t, "broken", &cause), -1);
	assert_non_null(strstr(cause, "broken.ini:2: badge-country: unknown "
	    "colour or attribute 'purple'"));
	assert_memory_equal(&t, &d, sizeof t);
	free(cause);
	cause = NULL;

	assert_int_equal(ui_theme_load(&t, "nosuch", &cause), -1);
	assert_non_null(strstr(cause, "theme 'nosuch' not found"));
	free(cause);
	cause = NULL;
	/* a name never walks out of the themes folders */
	assert_null(ui_theme_path("../xdg/sitrep/themes/mine"));
	assert_null(ui_theme_path(".hidden"));
	/* an absolute path is taken as it is */
	p = xasprintf("%s/mine.ini", dir);
	assert_int_equal(ui_theme_load(&t, p, &cause), 0);
	assert_int_equal(t.el[UI_EL_UNREAD].fg, 200);
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	{
		static const char *const files[] = {
			"mine.ini", "broken.ini", "default.ini"
		};

		for (size_t i = 0; i < NELEM(files); i++) {
			p = xasprintf("%s/%s", dir, files[i]);
			unlink(p);
			free(p);
		}
		for (int i = 0; i < 3; i++) {
			/* themes, sitrep, xdg */
			rmdir(dir);
			*strrchr(dir, '/') = '\0';
		}
		rmdir(base);
	}
	free(dir);
	free(base);
}

static void
test_color_reduce(void **state)
{
	static const struct {
		short c;
		int ncolors;
		short want;
		int bright;
	} cases[] = {
		{ UI_COLOR_DEFAULT, 8, UI_COLOR_DEFAULT, 0 },
		{ 110, 256, 110, 0 },
		{ 3, 8, 3, 0 },
		{ 9, 16, 9, 0 },
		{ 9, 8, 1, 1 },          /* bright red: red + bold */
		{ 196, 16, 9, 0 },       /* 255,0,0 */
		{ 196, 8, 1, 1 },
		{ 160, 8, 1, 0 },        /* 215,0,0: plain red */
		{ 21, 16, 12, 0 },       /* 0,0,255 */
		{ 24, 8, 6, 0 },         /* 0,95,135: cyan, not grey */
		{ 208, 8, 3, 1 },        /* 255,135,0: orange is yellowish */
		{ 244, 16, 8, 0 },       /* grey 128 */
		{ 244, 8, 0, 1 },
		{ 250, 8, 7, 0 },        /* light grey */
		{ 231, 16, 15, 0 },      /* white */
		{ 16, 8, 0, 0 },         /* black */
		{ 234, 8, 0, 0 },        /* near black */
		{ 114, 8, 2, 0 },        /* 135,215,135: green */
		{ 75, 8, 6, 1 },         /* 95,175,255: light blue is cyan */
		{ 100, 0, UI_COLOR_DEFAULT, 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		int bright = -1;
		short got = ui_color_reduce(cases[i].c, cases[i].ncolors, &bright);

		if (got != cases[i].want || bright != cases[i].bright)
			fail_msg("colour %d on %d: got %d bright %d, want %d %d",
			    cases[i].c, cases[i].ncolors, got, bright,
			    cases[i].want, cases[i].bright);
	}
}

static void
test_no_color(void **state)
{
	(void)state;
	unsetenv("NO_COLOR");
	assert_false(ui_no_color());
	setenv("NO_COLOR", "", 1);
	assert_false(ui_no_color());
	setenv("NO_COLOR", "1", 1);
	assert_true(ui_no_color());
	unsetenv("NO_COLOR");
}

static void
test_elem_names(void **state)
{
	(void)state;
	for (int e = 0; e < UI_EL_COUNT; e++) {
		const char *n = ui_elem_name((enum ui_elem)e);
		char *line = xasprintf("%s = red", n);
		struct ui_theme t;

		assert_non_null(n);
		assert_int_equal(parse(&t, line, NULL), 0);
		assert_int_equal(t.el[e].fg, 1);
		free(line);
	}
	assert_string_equal(ui_elem_name(UI_EL_BADGE_COUNTRY), "badge-country");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_partial_file),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_every_error_listed),
		cmocka_unit_test(test_error_sanitised),
		cmocka_unit_test(test_shipped_themes),
		cmocka_unit_test(test_lookup_and_fallback),
		cmocka_unit_test(test_color_reduce),
		cmocka_unit_test(test_no_color),
		cmocka_unit_test(test_elem_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
