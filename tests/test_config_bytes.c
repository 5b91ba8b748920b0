/*
 * config, the bytes of the file (src/config/ini.c, read.c; issue 12
 * defect 8): a value that is not UTF-8 is an error naming its key; a NUL
 * byte is reported as one, with its line, section and key; CR-only line
 * ends read as line ends; the line limit the message states is the one
 * iniparser has; a [view:] query that is empty (or only spaces) says so.
 * Each case writes a small file and loads it through config_load, as
 * every command does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "str.h"
#include "xalloc.h"

static char dir[] = "/tmp/sitrep-config-bytes.XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

/* Writes n bytes (NULs too) to a file of the scratch directory. */
static char *
put(const char *name, const char *bytes, size_t n)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return p;
}

#define PUT(name, lit) put((name), (lit), sizeof(lit) - 1)

/* The cause of a refused file, without the "PATH: " every line starts with. */
static void
assert_refused(char *path, const char *want)
{
	char *cause = NULL, *full = xasprintf("%s%s", path, want);
	struct config *cfg = config_load(path, &cause);

	if (cfg != NULL)
		fail_msg("%s was accepted", path);
	assert_string_equal(cause, full);
	free(cause);
	free(full);
	unlink(path);
	free(path);
}

static struct config *
load_ok(const char *path)
{
	char *cause = NULL;
	struct config *cfg = config_load(path, &cause);

	if (cfg == NULL)
		fail_msg("%s: %s", path, cause);
	return cfg;
}

static void
test_not_utf8(void **state)
{
	struct config *cfg;
	char *p;

	(void)state;
	assert_refused(PUT("latin1.ini", "[feed:x]\nurl = http://e/\n"
	    "title = caf\xe9\n"), ": [feed:x] title = 'caf\\xe9': not UTF-8 "
	    "text; save the file as UTF-8");
	/* A broken sequence in the middle of a longer value. */
	assert_refused(PUT("cut.ini", "[general]\nuser_agent = abc\xe2\x82 d\n"),
	    ": [general] user_agent = 'abc\\xe2\\x82 d': not UTF-8 text; save "
	    "the file as UTF-8");
	/* [keys]: the commands load it, the interface refuses it (issue 11) */
	p = PUT("keys.ini", "[keys]\nquit = \xff\n");
	cfg = load_ok(p);
	assert_int_equal(cfg->ui_errors.n, 1);
	{
		char *want = xasprintf("%s: [keys] quit = '\\xff': expected "
		    "key names such as j, Down, C-d, F5", p);

		assert_string_equal(cfg->ui_errors.v[0], want);
		free(want);
	}
	config_free(cfg);
	unlink(p);
	free(p);
	/* UTF-8 itself is fine, in any script. */
	p = PUT("utf8.ini", "[feed:x]\nurl = http://e/\n"
	    "title = Caf\xc3\xa9 \xd0\x9c\xd0\xb8\xd1\x80 \xe6\x97\xa5\n");
	cfg = load_ok(p);
	assert_string_equal(cfg->feeds[0].title,
	    "Caf\xc3\xa9 \xd0\x9c\xd0\xb8\xd1\x80 \xe6\x97\xa5");
	config_free(cfg);
	unlink(p);
	free(p);
}

static void
test_nul_byte(void **state)
{
	(void)state;
	assert_refused(PUT("nul.ini", "[general]\ntimeout = 5\n[feed:x]\n"
	    "url = http://e/\ntitle = ab\0cd\n"), ":5: [feed:x] title: the "
	    "value holds a NUL byte (\\0), which iniparser cannot read; "
	    "remove it");
	/* In a key: the line, as the key is not known. */
	assert_refused(PUT("nulkey.ini", "[general]\nti\0meout = 5\n"),
	    ":2: [general] the line holds a NUL byte (\\0), which iniparser "
	    "cannot read; remove it");
	/* Before any section. */
	assert_refused(PUT("nulfirst.ini", "\0\n[general]\n"),
	    ":1: the line holds a NUL byte (\\0), which iniparser cannot "
	    "read; remove it");
}

static void
test_cr_line_ends(void **state)
{
	struct config *cfg;
	char *p;

	(void)state;
	p = PUT("cr.ini", "[general]\rtimeout = 7\r\r[feed:x]\r"
	    "url = http://e/\rtitle = Desk\r");
	cfg = load_ok(p);
	assert_int_equal(cfg->general.timeout, 7);
	assert_int_equal(cfg->nfeeds, 1);
	assert_string_equal(cfg->feeds[0].title, "Desk");
	assert_int_equal(cfg->warnings.n, 0);
	config_free(cfg);
	unlink(p);
	free(p);
	/* The values and the line numbers of warnings come out right. */
	assert_refused(PUT("crbad.ini", "[general]\r\rtimeout = soon\r"),
	    ": [general] timeout = 'soon': expected a whole number of "
	    "seconds from 1 to 3600");
	p = PUT("crcut.ini", "[general]\r\ruser_agent = a;b\r");
	cfg = load_ok(p);
	assert_int_equal(cfg->warnings.n, 1);
	if (strstr(cfg->warnings.v[0], "line 3: [general] user_agent") == NULL)
		fail_msg("warning: %s", cfg->warnings.v[0]);
	config_free(cfg);
	unlink(p);
	free(p);
	/* CR LF is read as before, and so is a mix of both. */
	p = PUT("mixed.ini", "[general]\r\ntimeout = 9\r[feed:x]\n"
	    "url = http://e/\r\n");
	cfg = load_ok(p);
	assert_int_equal(cfg->general.timeout, 9);
	assert_int_equal(cfg->nfeeds, 1);
	config_free(cfg);
	unlink(p);
	free(p);
}

/* A file whose second line is a comment of exactly n bytes. */
static char *
line_of(int n)
{
	struct str s = STR_INIT;
	char *p;

	str_appendz(&s, "[general]\n;");
	for (int i = 1; i < n; i++)
		str_appendc(&s, 'x');
	str_appendz(&s, "\ntimeout = 5\n");
	p = put("line.ini", s.p, s.len);
	str_free(&s);
	return p;
}

static void
test_line_limit(void **state)
{
	struct config *cfg;
	char *p;

	(void)state;
	/* The limit the message states is the one that holds. */
	p = line_of(1022);
	cfg = load_ok(p);
	assert_int_equal(cfg->general.timeout, 5);
	config_free(cfg);
	unlink(p);
	free(p);
	assert_refused(line_of(1023), ":2: line too long (iniparser reads at "
	    "most 1022 bytes a line)");
}

static void
test_empty_view_query(void **state)
{
	static const char *const files[] = {
		"[view:a]\nquery =\n",
		"[view:a]\nquery = \"\"\n",
		"[view:a]\nquery = \"   \"\n",
		"[view:a]\nlabel = A\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *p = put("view.ini", files[i], strlen(files[i]));

		assert_refused(p, i < 3 ? ": [view:a] query is empty: expected a "
		    "query in the filter language, e.g. unread country:JP" :
		    ": [view:a] has no query, which every [view:NAME] needs: "
		    "expected text without control characters");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_cr_line_ends),
		cmocka_unit_test(test_line_limit),
		cmocka_unit_test(test_empty_view_query),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
