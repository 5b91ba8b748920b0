/*
 * test_config: the INI file to struct config, its messages, the XDG paths
 * and which file a plain `sitrep` reads.
 *
 * Fixtures are in tests/fixtures/config; one-off files are written to a
 * scratch directory under $SITREP_TEST_TMP (else /tmp) and removed after.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser.h>

#include "config.h"
#include "str.h"
#include "xalloc.h"

#ifndef SITREP_VERSION
#define SITREP_VERSION "0"
#endif

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static char scratch[PATH_MAX];
static struct strv created;	/* files and directories, removed in reverse */

/* Environment the path tests change; restored after each test. */
static const char *const env_names[] = {
	"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
};
static char *env_saved[NELEM(env_names)];

static const char *
top(void)
{
	const char *t = getenv("SITREP_TOP");

	return t != NULL && t[0] != '\0' ? t : ".";
}

static char *
fixture(const char *name)
{
	return xasprintf("%s/tests/fixtures/config/%s", top(), name);
}

/* Returns owned: a path in the scratch directory (not created). */
static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", scratch, name);
}

static char *
tmp_mkdir(const char *name)
{
	char *p = tmp_path(name);

	assert_int_equal(mkdir(p, 0700), 0);
	strv_pushdup(&created, p);
	return p;
}

/* Returns owned: the path of a new scratch file holding text. */
static char *
tmp_write(const char *name, const char *text)
{
	char *p = tmp_path(name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	if (!strv_contains(&created, p, 0))
		strv_pushdup(&created, p);
	return p;
}

static char *
file_read(const char *path)
{
	struct str s = STR_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, n);
	fclose(f);
	return str_steal(&s);
}

static int
group_setup(void **state)
{
	const char *base = getenv("SITREP_TEST_TMP");
	int n;

	(void)state;
	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	n = snprintf(scratch, sizeof scratch, "%s/config.XXXXXX", base);
	if (n < 0 || (size_t)n >= sizeof scratch || mkdtemp(scratch) == NULL)
		return -1;
	return 0;
}

static int
group_teardown(void **state)
{
	size_t i;

	(void)state;
	for (i = created.n; i > 0; i--)
		remove(created.v[i - 1]);
	strv_free(&created);
	rmdir(scratch);
	return 0;
}

static int
env_setup(void **state)
{
	size_t i;
	const char *v;

	(void)state;
	for (i = 0; i < NELEM(env_names); i++) {
		v = getenv(env_names[i]);
		env_saved[i] = v != NULL ? xstrdup(v) : NULL;
	}
	return 0;
}

static int
env_teardown(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(env_names); i++) {
		if (env_saved[i] != NULL)
			setenv(env_names[i], env_saved[i], 1);
		else
			unsetenv(env_names[i]);
		xfree_ptr(&env_saved[i]);
	}
	return 0;
}

/* Loads path and fails the test, showing the cause, when it does not. */
static struct config *
load_ok(const char *path)
{
	char *cause = NULL;
	struct config *cfg = config_load(path, &cause);

	if (cfg == NULL)
		fail_msg("config_load(%s): %s", path, cause);
	assert_null(cause);
	return cfg;
}

/* Loads path expecting failure; returns owned: the cause. */
static char *
load_fail(const char *path)
{
	char *cause = NULL;
	struct config *cfg = config_load(path, &cause);

	if (cfg != NULL) {
		config_free(cfg);
		fail_msg("config_load(%s) accepted the file", path);
	}
	assert_non_null(cause);
	return cause;
}

/* Expects path's cause to be exactly "path: " followed by want. */
static void
assert_cause(const char *path, const char *want)
{
	char *cause = load_fail(path), *full = xasprintf("%s: %s", path, want);

	assert_string_equal(cause, full);
	free(full);
	free(cause);
}

static void
assert_warnings(const struct config *cfg, const char *const *want, size_t n)
{
	char *full;
	size_t i;

	for (i = 0; i < cfg->warnings.n && i < n; i++) {
		full = xasprintf("%s: %s", cfg->path, want[i]);
		assert_string_equal(cfg->warnings.v[i], full);
		free(full);
	}
	assert_int_equal(cfg->warnings.n, n);
}

/* --- values --- */

static void
test_defaults(void **state)
{
	struct config *cfg = config_defaults();

	(void)state;
	assert_null(cfg->path);
	assert_null(cfg->general.cache_path);
	assert_int_equal(cfg->general.refresh_minutes, 30);
	assert_int_equal(cfg->general.keep_days, 90);
	assert_int_equal(cfg->general.max_parallel, 16);
	assert_int_equal(cfg->general.max_per_host, 4);
	assert_int_equal(cfg->general.connect_timeout, 15);
	assert_int_equal(cfg->general.timeout, 60);
	assert_int_equal(cfg->general.max_feed_bytes, 16 * 1024 * 1024);
	assert_string_equal(cfg->general.user_agent, "sitrep/" SITREP_VERSION
	    " (+https://github.com/sitrep; terminal feed reader)");
	assert_null(cfg->general.proxy);
	assert_null(cfg->general.browser);
	assert_int_equal(cfg->nfeeds, 0);
	assert_null(cfg->feeds);
	assert_int_equal(cfg->warnings.n, 0);
	config_free(cfg);
}

static void
test_every_key(void **state)
{
	char *path = fixture("all_keys.ini");
	struct config *cfg = load_ok(path);
	const struct config_general *g = &cfg->general;
	const struct config_feed *f;

	(void)state;
	assert_string_equal(cfg->path, path);
	assert_int_equal(cfg->warnings.n, 0);
	assert_string_equal(g->cache_path, "/var/tmp/sitrep-test/cache.db");
	assert_int_equal(g->refresh_minutes, 45);
	assert_int_equal(g->keep_days, 0);
	assert_int_equal(g->max_parallel, 32);
	assert_int_equal(g->max_per_host, 2);
	assert_int_equal(g->connect_timeout, 5);
	assert_int_equal(g->timeout, 120);
	assert_int_equal(g->max_feed_bytes, 2 * 1024 * 1024);
	assert_string_equal(g->user_agent, "TestAgent/1.0");
	assert_string_equal(g->proxy, "http://proxy.example:3128");
	assert_string_equal(g->browser, "w3m");

	assert_int_equal(cfg->nfeeds, 2);
	f = &cfg->feeds[0];
	assert_string_equal(f->key, "example");
	assert_string_equal(f->url, "https://example.com/feed.xml");
	assert_string_equal(f->title, "Example News");
	assert_int_equal(f->tags.n, 2);
	assert_string_equal(f->tags.v[0], "world");
	assert_string_equal(f->tags.v[1], "tech");
	assert_int_equal(f->enabled, 0);
	assert_int_equal(f->refresh_minutes, 120);
	assert_string_equal(f->user_agent, "ExampleAgent/2.0");
	assert_string_equal(f->username, "reader");
	assert_string_equal(f->password_command, "pass show feeds/example");
	assert_string_equal(f->proxy, "socks5h://127.0.0.1:9050");

	/* Unset feed keys keep their defaults. */
	f = &cfg->feeds[1];
	assert_string_equal(f->key, "local.notes_1-a");
	assert_string_equal(f->url, "file:///srv/feeds/notes.xml");
	assert_null(f->title);
	assert_int_equal(f->tags.n, 0);
	assert_int_equal(f->enabled, 1);
	assert_int_equal(f->refresh_minutes, 0);
	assert_null(f->user_agent);
	assert_null(f->username);
	assert_null(f->password_command);
	assert_null(f->proxy);
	config_free(cfg);
	free(path);
}

static void
test_bad_values(void **state)
{
	static const struct {
		const char *text;
		const char *cause;
	} cases[] = {
		{ "[general]\nmax_parallel = lots\n",
		  "[general] max_parallel = 'lots': expected a whole number "
		  "from 1 to 256" },
		{ "[general]\nmax_parallel = 0\n",
		  "[general] max_parallel = '0': expected a whole number "
		  "from 1 to 256" },
		{ "[general]\nmax_per_host = 65\n",
		  "[general] max_per_host = '65': expected a whole number "
		  "from 1 to 64" },
		{ "[general]\nrefresh_minutes = 10081\n",
		  "[general] refresh_minutes = '10081': expected a whole "
		  "number of minutes from 1 to 10080" },
		{ "[general]\nkeep_days = -1\n",
		  "[general] keep_days = '-1': expected a whole number of days "
		  "from 0 to 36500" },
		{ "[general]\nconnect_timeout = 1.5\n",
		  "[general] connect_timeout = '1.5': expected a whole number "
		  "of seconds from 1 to 300" },
		{ "[general]\ntimeout = 99999999999999999999999\n",
		  "[general] timeout = '99999999999999999999999': expected a "
		  "whole number of seconds from 1 to 3600" },
		{ "[general]\ntimeout = 0x10\n",
		  "[general] timeout = '0x10': expected a whole number of "
		  "seconds from 1 to 3600" },
		{ "[general]\nmax_feed_size = 16X\n",
		  "[general] max_feed_size = '16X': expected a size from 64K "
		  "to 1G: bytes, or a whole number with K, M or G" },
		{ "[general]\ncache = relative/cache.db\n",
		  "[general] cache = 'relative/cache.db': expected an absolute "
		  "path (~/ and $HOME/ are expanded at the start)" },
		{ "[general]\nuser_agent = bad\x01" "agent\n",
		  "[general] user_agent = 'bad\\x01agent': expected text "
		  "without control characters" },
		{ "[feed:bbc]\nurl = https://example.com/\nenabled = maybe\n",
		  "[feed:bbc] enabled = 'maybe': expected yes or no" },
		{ "[feed:bbc]\nurl = https://example.com/\n"
		  "tags = world news, tech\n",
		  "[feed:bbc] tags = 'world news, tech': 'world news' contains "
		  "a space; expected a comma-separated list of words without "
		  "spaces" },
		{ "[feed:bbc]\nurl = https://example.com/\n"
		  "refresh_minutes = -5\n",
		  "[feed:bbc] refresh_minutes = '-5': expected a whole number "
		  "of minutes from 0 to 10080" },
		{ "[feed:bbc]\nurl =\n",
		  "[feed:bbc] url is empty: expected an http://, https:// or "
		  "file:/// URL" },
		{ "[feed:bbc]\ntitle = BBC\n",
		  "[feed:bbc] has no url, which every [feed:NAME] needs: "
		  "expected an http://, https:// or file:/// URL" },
	};
	char *path;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		path = tmp_write("bad.ini", cases[i].text);
		assert_cause(path, cases[i].cause);
		free(path);
	}
}

static void
test_long_value_shortened(void **state)
{
	struct str text = STR_INIT, want = STR_INIT;
	char *path;
	int i;

	(void)state;
	str_appendz(&text, "[general]\nmax_parallel = ");
	for (i = 0; i < 200; i++)
		str_appendc(&text, 'x');
	str_appendz(&text, "\n");
	str_appendz(&want, "[general] max_parallel = '");
	for (i = 0; i < 80; i++)
		str_appendc(&want, 'x');
	str_appendz(&want, "...': expected a whole number from 1 to 256");
	path = tmp_write("long_value.ini", str_cstr(&text));
	assert_cause(path, str_cstr(&want));
	free(path);
	str_free(&text);
	str_free(&want);
}

static void
test_all_errors_reported(void **state)
{
	char *path = fixture("bad_values.ini"), *cause = load_fail(path);
	char *want = xasprintf(
	    "%s: [general] max_parallel = 'lots': expected a whole number "
	    "from 1 to 256\n"
	    "%s: [general] timeout = '0': expected a whole number of seconds "
	    "from 1 to 3600\n"
	    "%s: [feed:bbc] enabled = 'maybe': expected yes or no\n"
	    "%s: [feed:ftp] url = 'ftp://ftp.example.com/feed.xml': expected "
	    "an http://, https:// or file:/// URL", path, path, path, path);

	(void)state;
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	free(path);
}

static void
test_empty_values(void **state)
{
	char *path = tmp_write("empty_values.ini",
	    "[general]\nmax_parallel =\nuser_agent =\ncache =\n"
	    "[feed:e]\nurl = https://e.example/\ntitle =\ntags =\n"
	    "enabled =\n");
	struct config *cfg = load_ok(path);

	(void)state;
	assert_int_equal(cfg->general.max_parallel, 16);
	assert_string_equal(cfg->general.user_agent, "sitrep/" SITREP_VERSION
	    " (+https://github.com/sitrep; terminal feed reader)");
	assert_null(cfg->general.cache_path);
	assert_int_equal(cfg->nfeeds, 1);
	assert_null(cfg->feeds[0].title);
	assert_int_equal(cfg->feeds[0].tags.n, 0);
	assert_int_equal(cfg->feeds[0].enabled, 1);
	assert_int_equal(cfg->warnings.n, 0);
	config_free(cfg);
	free(path);
}

static void
test_bool_forms(void **state)
{
	static const struct {
		const char *text;
		int value;	/* -1: refused */
	} cases[] = {
		{ "yes", 1 }, { "Yes", 1 }, { "YES", 1 }, { "true", 1 },
		{ "TRUE", 1 }, { "on", 1 }, { "On", 1 }, { "1", 1 },
		{ "no", 0 }, { "No", 0 }, { "false", 0 }, { "FALSE", 0 },
		{ "off", 0 }, { "OFF", 0 }, { "0", 0 },
		{ "maybe", -1 }, { "2", -1 }, { "y", -1 }, { "enable", -1 },
		{ "yes please", -1 },
	};
	struct config *cfg;
	char *text, *path, *want;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		text = xasprintf("[feed:b]\nurl = https://b.example/\n"
		    "enabled = %s\n", cases[i].text);
		path = tmp_write("bool.ini", text);
		if (cases[i].value == -1) {
			want = xasprintf("[feed:b] enabled = '%s': expected "
			    "yes or no", cases[i].text);
			assert_cause(path, want);
			free(want);
		} else {
			cfg = load_ok(path);
			assert_int_equal(cfg->feeds[0].enabled, cases[i].value);
			config_free(cfg);
		}
		free(path);
		free(text);
	}
}

static void
test_size_suffixes(void **state)
{
	static const struct {
		const char *text;
		int64_t bytes;	/* -1: refused */
	} cases[] = {
		{ "64K", 65536 }, { "64k", 65536 }, { "65536", 65536 },
		{ "16M", 16 << 20 }, { "16m", 16 << 20 }, { "16MB", 16 << 20 },
		{ "16MiB", 16 << 20 }, { "16mib", 16 << 20 },
		{ "1G", 1 << 30 }, { "1g", 1 << 30 }, { "1024M", 1 << 30 },
		{ "1048576", 1 << 20 }, { "100000b", 100000 },
		{ "63K", -1 }, { "65535", -1 }, { "2G", -1 }, { "1025M", -1 },
		{ "-1M", -1 }, { "1.5M", -1 }, { "M", -1 }, { "16 M", -1 },
		{ "16T", -1 }, { "16iB", -1 }, { "99999999999999999999G", -1 },
		{ "9999999999G", -1 },
	};
	struct config *cfg;
	char *text, *path, *want;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		text = xasprintf("[general]\nmax_feed_size = %s\n",
		    cases[i].text);
		path = tmp_write("size.ini", text);
		if (cases[i].bytes == -1) {
			want = xasprintf("[general] max_feed_size = '%s': "
			    "expected a size from 64K to 1G: bytes, or a whole "
			    "number with K, M or G", cases[i].text);
			assert_cause(path, want);
			free(want);
		} else {
			cfg = load_ok(path);
			assert_int_equal(cfg->general.max_feed_bytes,
			    cases[i].bytes);
			config_free(cfg);
		}
		free(path);
		free(text);
	}
}

static void
test_tags(void **state)
{
	char *path = tmp_write("tags.ini",
	    "[feed:t]\nurl = https://t.example/\n"
	    "tags = , cyber,, News ,cyber , world\t, NEWS,\n");
	struct config *cfg = load_ok(path);
	const struct strv *tags = &cfg->feeds[0].tags;

	(void)state;
	/* Trimmed, empty items dropped, repeats (any case) dropped. */
	assert_int_equal(tags->n, 3);
	assert_string_equal(tags->v[0], "cyber");
	assert_string_equal(tags->v[1], "News");
	assert_string_equal(tags->v[2], "world");
	config_free(cfg);
	free(path);
}

static void
test_cache_path_expansion(void **state)
{
	static const struct {
		const char *text;
		const char *want;	/* after HOME; NULL: refused */
	} cases[] = {
		{ "~/c.db", "/c.db" }, { "~", "" },
		{ "$HOME/c.db", "/c.db" }, { "${HOME}/x/c.db", "/x/c.db" },
		{ "~user/c.db", NULL }, { "$HOMEX/c.db", NULL },
		{ "c.db", NULL }, { "./c.db", NULL },
	};
	struct config *cfg;
	char *home = tmp_path("home-expand"), *text, *path, *want;
	size_t i;

	(void)state;
	setenv("HOME", home, 1);
	for (i = 0; i < NELEM(cases); i++) {
		text = xasprintf("[general]\ncache = %s\n", cases[i].text);
		path = tmp_write("cache.ini", text);
		if (cases[i].want == NULL) {
			want = xasprintf("[general] cache = '%s': expected an "
			    "absolute path (~/ and $HOME/ are expanded at the "
			    "start)", cases[i].text);
			assert_cause(path, want);
		} else {
			want = xasprintf("%s%s", home, cases[i].want);
			cfg = load_ok(path);
			assert_string_equal(cfg->general.cache_path, want);
			config_free(cfg);
		}
		free(want);
		free(path);
		free(text);
	}
	/* An absolute path is kept as it is, even with ~ inside. */
	path = tmp_write("cache.ini", "[general]\ncache = /srv/~/c.db\n");
	cfg = load_ok(path);
	assert_string_equal(cfg->general.cache_path, "/srv/~/c.db");
	config_free(cfg);
	free(path);
	free(home);
}

/* --- feeds --- */

static void
test_feed_names(void **state)
{
	static const struct {
		const char *name;
		const char *key;	/* after lowercasing; NULL: refused */
	} cases[] = {
		{ "a", "a" }, { "9", "9" }, { "a.b_c-d", "a.b_c-d" },
		{ "BBC-World", "bbc-world" },
		{ "0123456789012345678901234567890123456789012345678901234567"
		  "890123", "0123456789012345678901234567890123456789012345678"
		  "901234567890123" },
		{ "01234567890123456789012345678901234567890123456789012345678"
		  "901234", NULL },
		{ "-bad", NULL }, { "_bad", NULL }, { ".bad", NULL },
		{ "has space", NULL }, { "", NULL }, { "a/b", NULL },
		{ "x:y", NULL }, { "caf\xc3\xa9", NULL }, { "a+b", NULL },
	};
	struct config *cfg;
	char *text, *path, *want;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		text = xasprintf("[feed:%s]\nurl = https://example.com/\n",
		    cases[i].name);
		path = tmp_write("name.ini", text);
		if (cases[i].key == NULL) {
			want = xasprintf("[feed:%s] bad feed name '%s': "
			    "expected 1 to 64 of a-z, 0-9, '.', '_' and '-', "
			    "starting with a letter or digit", cases[i].name,
			    cases[i].name);
			assert_cause(path, want);
			free(want);
		} else {
			cfg = load_ok(path);
			assert_int_equal(cfg->nfeeds, 1);
			assert_string_equal(cfg->feeds[0].key, cases[i].key);
			config_free(cfg);
		}
		free(path);
		free(text);
	}
}

static void
test_url_schemes(void **state)
{
	static const struct {
		const char *url;
		int ok;
	} cases[] = {
		{ "http://example.com/feed", 1 },
		{ "https://example.com/feed.xml?x=1", 1 },
		{ "HTTPS://Example.com/Feed", 1 },
		{ "http://127.0.0.1:8080/", 1 },
		{ "file:///srv/feeds/local.xml", 1 },
		{ "javascript:alert(1)", 0 },
		{ "ftp://ftp.example.com/feed.xml", 0 },
		{ "exec:ls", 0 },
		{ "relative/feed.xml", 0 },
		{ "/srv/feeds/local.xml", 0 },
		{ "example.com/feed", 0 },
		{ "http://", 0 },
		{ "https:///feed", 0 },
		{ "file://feed.xml", 0 },
		{ "file:///", 0 },
		{ "http://exa mple.com/", 0 },
		{ "data:text/xml,<rss/>", 0 },
	};
	struct config *cfg;
	char *text, *path, *want;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		text = xasprintf("[feed:f]\nurl = %s\n", cases[i].url);
		path = tmp_write("url.ini", text);
		if (!cases[i].ok) {
			want = xasprintf("[feed:f] url = '%s': expected an "
			    "http://, https:// or file:/// URL", cases[i].url);
			assert_cause(path, want);
			free(want);
		} else {
			cfg = load_ok(path);
			assert_string_equal(cfg->feeds[0].url, cases[i].url);
			config_free(cfg);
		}
		free(path);
		free(text);
	}
}

static void
test_quoted_values(void **state)
{
	char *path = fixture("quoted.ini");
	struct config *cfg = load_ok(path);
	const struct config_feed *f;

	(void)state;
	/* The cut URL is warned about; the inline comment is not. */
	assert_int_equal(cfg->warnings.n, 1);
	assert_non_null(strstr(cfg->warnings.v[0], "[feed:cut] url: the value "
	    "is cut at the first ';' or '#'"));
	f = config_feed_find(cfg, "quoted");
	assert_non_null(f);
	assert_string_equal(f->url, "https://example.com/feed.xml?a=1;b=2#top");
	assert_string_equal(f->title, "Rock; Roll #1");
	assert_int_equal(f->tags.n, 2);
	assert_string_equal(f->tags.v[1], "music");
	assert_string_equal(f->user_agent, "Mozilla/5.0 (X11; Linux x86_64)");
	f = config_feed_find(cfg, "cut");
	assert_non_null(f);
	assert_string_equal(f->url, "https://example.com/a");
	config_free(cfg);
	free(path);
}

static void
test_feed_find(void **state)
{
	char *path = fixture("all_keys.ini");
	struct config *cfg = load_ok(path);
	const struct config_feed *f;

	(void)state;
	f = config_feed_find(cfg, "example");
	assert_ptr_equal(f, &cfg->feeds[0]);
	assert_ptr_equal(config_feed_find(cfg, "EXAMPLE"), f);
	assert_ptr_equal(config_feed_find(cfg, "local.notes_1-a"),
	    &cfg->feeds[1]);
	assert_null(config_feed_find(cfg, "exampl"));
	assert_null(config_feed_find(cfg, ""));
	assert_null(config_feed_find(NULL, "example"));
	config_free(cfg);
	free(path);
}

static void
test_free_null(void **state)
{
	(void)state;
	config_free(NULL);
}

/* --- warnings --- */

static void
test_unknown_keys(void **state)
{
	static const char *const want[] = {
		"[general] unknown key 'refresh' — did you mean "
		"'refresh_minutes'?",
		"[general] unknown key 'max_paralel' — did you mean "
		"'max_parallel'?",
		"[general] unknown key 'colour'",
		"[feed:bbc] unknown key 'tittle' — did you mean 'title'?",
		"[feed:bbc] unknown key 'timeout' — it belongs in [general]",
	};
	char *path = fixture("unknown_keys.ini");
	struct config *cfg = load_ok(path);

	(void)state;
	assert_warnings(cfg, want, NELEM(want));
	/* The values of known keys still count. */
	assert_int_equal(cfg->nfeeds, 1);
	assert_null(cfg->feeds[0].title);
	assert_int_equal(cfg->general.max_parallel, 16);
	config_free(cfg);
	free(path);
}

static void
test_unknown_sections(void **state)
{
	static const char *const want[] = {
		"key 'top' is outside any section",
		"unknown section [filter:x]",
		"unknown section [genral] — did you mean [general]?",
		"unknown section [fed:bbc] — did you mean [feed:bbc]?",
		"unknown section [feed] — did you mean [feed:NAME]?",
		"unknown section [feed : spaced] — did you mean [feed:spaced]?",
	};
	char *path = fixture("unknown_sections.ini");
	struct config *cfg = load_ok(path);

	(void)state;
	assert_warnings(cfg, want, NELEM(want));
	assert_int_equal(cfg->nfeeds, 0);
	assert_int_equal(cfg->general.refresh_minutes, 30);
	config_free(cfg);
	free(path);
}

/* A typo'd required key: the warning explains the error. */
static void
test_warnings_follow_errors(void **state)
{
	char *path = tmp_write("typo.ini",
	    "[feed:bbc]\nurll = https://feeds.bbci.co.uk/news/rss.xml\n");
	char *cause = load_fail(path);
	char *want = xasprintf("%s: [feed:bbc] has no url, which every "
	    "[feed:NAME] needs: expected an http://, https:// or file:/// URL\n"
	    "warning: %s: [feed:bbc] unknown key 'urll' — did you mean "
	    "'url'?", path, path);

	(void)state;
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	free(path);
}

/* --- [ui], [keys], [topic:KEY], [view:KEY] --- */

static void
test_ui_keys_topics_views(void **state)
{
	char *path = tmp_write("sections.ini",
	    "[ui]\nlayout = Columns\ntheme = light\nsidebar_width = 30\n"
	    "osc8_links = yes\n"
	    "[keys]\nnext = j, Down\nquit = q\n"
	    "[topic:espionage]\nlabel = Espionage\nshort = SPY\n"
	    "keywords = spy, \"state-sponsored\"\n"
	    "categories = \"Cyberwarfare / Nation-State Attacks; Espionage*\"\n"
	    "[view:japan]\nlabel = Japan, unread\nquery = unread country:JP\n");
	char *cause = NULL;
	struct config *cfg = config_load(path, &cause);

	(void)state;
	assert_null(cause);
	assert_non_null(cfg);
	assert_int_equal(cfg->warnings.n, 0);
	assert_string_equal(cfg->ui.layout, "columns");
	assert_string_equal(cfg->ui.theme, "light");
	assert_int_equal(cfg->ui.sidebar_width, 30);
	assert_int_equal(cfg->ui.osc8_links, 1);
	assert_int_equal(cfg->ui.mark_read_on_open, 1);
	assert_string_equal(cfg->ui.start_view, "all");
	assert_int_equal(cfg->nbindings, 2);
	assert_string_equal(cfg->bindings[0].action, "next");
	assert_string_equal(cfg->bindings[0].keys, "j, Down");
	assert_int_equal(cfg->ntopics, 1);
	assert_string_equal(cfg->topics[0].key, "espionage");
	assert_string_equal(cfg->topics[0].short_name, "SPY");
	assert_string_equal(cfg->topics[0].keywords, "spy, \"state-sponsored\"");
	assert_string_equal(cfg->topics[0].categories,
	    "Cyberwarfare / Nation-State Attacks; Espionage*");
	assert_non_null(config_topic_find(cfg, "Espionage"));
	assert_int_equal(cfg->nviews, 1);
	assert_string_equal(config_view_find(cfg, "japan")->query,
	    "unread country:JP");
	assert_string_equal(cfg->views[0].label, "Japan, unread");
	config_free(cfg);
	free(path);
}

static void
test_ui_bad_values(void **state)
{
	char *path = tmp_write("badui.ini",
	    "[ui]\nlayout = diagonal\nsidebar_width = 3\n"
	    "[view:empty]\nlabel = nothing\n"
	    "[topic:Bad Name]\nlabel = x\n");
	char *cause = NULL;
	struct config *cfg = config_load(path, &cause);

	(void)state;
	assert_null(cfg);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "[ui] layout = 'diagonal': expected one "
	    "of auto, columns, stacked or single"));
	assert_non_null(strstr(cause, "[ui] sidebar_width = '3': expected a "
	    "whole number from 12 to 80"));
	assert_non_null(strstr(cause, "[view:empty] has no query"));
	assert_non_null(strstr(cause, "bad topic name 'bad name'"));
	free(cause);
	free(path);
}

static void
test_cut_value_warning(void **state)
{
	char *path = tmp_write("cut.ini",
	    "[general]\nuser_agent = Mozilla/5.0 (X11; Linux)\n"
	    "[feed:a]\nurl = \"https://example.org/a#b\"\n"
	    "title = Desk ; an inline comment is fine\n");
	char *cause = NULL, *want;
	struct config *cfg = config_load(path, &cause);

	(void)state;
	assert_non_null(cfg);
	assert_int_equal(cfg->warnings.n, 1);
	want = xasprintf("%s: line 2: [general] user_agent: the value is cut "
	    "at the first ';' or '#' (the rest reads as a comment); put the "
	    "whole value in double quotes", path);
	assert_string_equal(cfg->warnings.v[0], want);
	assert_string_equal(cfg->feeds[0].url, "https://example.org/a#b");
	assert_string_equal(cfg->feeds[0].title, "Desk");
	free(want);
	config_free(cfg);
	free(path);
}

/* --- what iniparser does wrong --- */

static void
test_cve_2023_33461(void **state)
{
	static const char *const want[] = {
		"unknown section [ui:confirm] (iniparser cannot tell it from "
		"the key 'confirm' of [ui])",
		"unknown section [general:cache] (iniparser cannot tell it "
		"from the key 'cache' of [general])",
	};
	char *path = fixture("cve.ini"), *cause;
	struct config *cfg = load_ok(path);

	(void)state;
	assert_warnings(cfg, want, NELEM(want));
	/* The section replaced the value of cache: the default applies. */
	assert_null(cfg->general.cache_path);
	assert_int_equal(cfg->general.refresh_minutes, 20);
	assert_int_equal(cfg->nfeeds, 1);
	assert_int_equal(cfg->feeds[0].enabled, 1);
	config_free(cfg);
	free(path);

	path = fixture("cve_feed.ini");
	cause = load_fail(path);
	{
		char *full = xasprintf("%s: [feed:bbc:title] bad feed name "
		    "'bbc:title': expected 1 to 64 of a-z, 0-9, '.', '_' and "
		    "'-', starting with a letter or digit (iniparser cannot "
		    "tell it from the key 'title' of [feed:bbc])", path);

		assert_string_equal(cause, full);
		free(full);
	}
	free(cause);
	free(path);
}

struct capture {
	int saved;
	char *path;
};

static void
capture_start(struct capture *c, const char *name)
{
	int fd;

	fflush(stderr);
	c->path = tmp_path(name);
	fd = open(c->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	if (!strv_contains(&created, c->path, 0))
		strv_pushdup(&created, c->path);
	c->saved = dup(2);
	assert_true(c->saved >= 0);
	assert_int_equal(dup2(fd, 2), 2);
	close(fd);
}

/* Returns owned: what was written to stderr. */
static char *
capture_end(struct capture *c)
{
	char *text;

	fflush(stderr);
	dup2(c->saved, 2);
	close(c->saved);
	text = file_read(c->path);
	free(c->path);
	return text;
}

static void
test_syntax_error(void **state)
{
	char *path = fixture("syntax.ini"), *cause, *err, *want;
	char *missing = tmp_path("no-such.ini");
	struct capture cap;
	dictionary *d;

	(void)state;
	capture_start(&cap, "stderr-syntax.txt");
	cause = load_fail(path);
	err = capture_end(&cap);
	/* iniparser's complaint is in the cause, not on stderr. */
	assert_string_equal(err, "");
	want = xasprintf("%s:3: syntax error: 'this line is neither' is "
	    "neither [section] nor key = value", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	free(err);

	/* Afterwards iniparser's own default (stderr) is back. */
	capture_start(&cap, "stderr-default.txt");
	d = iniparser_load(missing);
	err = capture_end(&cap);
	assert_null(d);
	assert_non_null(strstr(err, "iniparser: cannot open"));
	free(err);
	free(missing);
	free(path);
}

static void
test_unreadable_files(void **state)
{
	struct str text = STR_INIT;
	char *path, *want;
	int i;

	(void)state;
	path = tmp_path("missing.ini");
	assert_cause(path, "cannot read config: No such file or directory");
	free(path);

	path = tmp_mkdir("dir.ini");
	assert_cause(path, "is a directory, not a config file");
	free(path);

	path = tmp_write("bom.ini", "\xef\xbb\xbf[general]\n");
	assert_cause(path, "starts with a UTF-8 byte order mark, which "
	    "iniparser cannot read; save it without one");
	free(path);

	str_appendz(&text, "[general]\n; ");
	for (i = 0; i < 1100; i++)
		str_appendc(&text, 'x');
	str_appendz(&text, "\n");
	path = tmp_write("long_line.ini", str_cstr(&text));
	want = xasprintf("%s:2: line too long (iniparser reads at most 1022 "
	    "bytes a line)", path);
	{
		char *cause = load_fail(path);

		assert_string_equal(cause, want);
		free(cause);
	}
	free(want);
	free(path);
	str_free(&text);

	/* The cause pointer is optional. */
	path = tmp_path("missing.ini");
	assert_null(config_load(path, NULL));
	free(path);
}

static void
test_empty_file(void **state)
{
	char *path = fixture("empty.ini");
	struct config *cfg = load_ok(path);

	(void)state;
	assert_string_equal(cfg->path, path);
	assert_int_equal(cfg->nfeeds, 0);
	assert_int_equal(cfg->warnings.n, 0);
	assert_int_equal(cfg->general.refresh_minutes, 30);
	config_free(cfg);
	free(path);
}

/* A big file loads: nothing quadratic beyond iniparser's own lookups. */
static void
test_many_feeds(void **state)
{
	struct str text = STR_INIT;
	struct config *cfg;
	char *path, key[32];
	int i;

	(void)state;
	str_appendz(&text, "[general]\nrefresh_minutes = 15\n");
	for (i = 0; i < 500; i++)
		str_appendf(&text, "\n[feed:feed%03d]\n"
		    "url = https://host%d.example/feed.xml\n"
		    "title = Feed number %d\ntags = bulk, n%d\nenabled = %s\n",
		    i, i % 37, i, i % 10, i % 2 ? "no" : "yes");
	path = tmp_write("many.ini", str_cstr(&text));
	cfg = load_ok(path);
	assert_int_equal(cfg->nfeeds, 500);
	assert_int_equal(cfg->warnings.n, 0);
	for (i = 0; i < 500; i++) {
		snprintf(key, sizeof key, "feed%03d", i);
		assert_string_equal(cfg->feeds[i].key, key);
		assert_int_equal(cfg->feeds[i].enabled, i % 2 == 0);
	}
	assert_ptr_equal(config_feed_find(cfg, "feed499"), &cfg->feeds[499]);
	assert_int_equal(cfg->general.refresh_minutes, 15);
	config_free(cfg);
	free(path);
	str_free(&text);
}

/* --- the shipped example --- */

static void
test_example_file(void **state)
{
	static const struct {
		const char *key;
		const char *url;
		int enabled;
	} want[] = {
		{ "bankinfosecurity",
		  "https://www.bankinfosecurity.com/rssFeeds.php?type=main", 1 },
		{ "govinfosecurity",
		  "https://www.govinfosecurity.com/rssFeeds.php?type=main", 1 },
		{ "databreachtoday",
		  "https://www.databreachtoday.co.uk/rssFeeds.php?type=main", 1 },
		{ "healthcareinfosecurity",
		  "https://www.healthcareinfosecurity.com/rssFeeds.php?type=main",
		  1 },
		{ "inforisktoday",
		  "https://www.inforisktoday.com/rssFeeds.php?type=main", 1 },
		{ "careersinfosecurity",
		  "https://www.careersinfosecurity.com/rssFeeds.php?type=main",
		  1 },
		{ "inforisktoday-in",
		  "https://www.inforisktoday.in/rssFeeds.php?type=main", 0 },
		{ "inforisktoday-asia",
		  "https://www.inforisktoday.asia/rssFeeds.php?type=main", 0 },
		{ "bankinfosecurity-uk",
		  "https://www.bankinfosecurity.co.uk/rssFeeds.php?type=main", 0 },
		{ "bankinfosecurity-eu",
		  "https://www.bankinfosecurity.eu/rssFeeds.php?type=main", 0 },
		{ "cisa", "https://www.cisa.gov/cybersecurity-advisories/all.xml",
		  1 },
		{ "bbc-world", "https://feeds.bbci.co.uk/news/world/rss.xml", 1 },
	};
	char *path = xasprintf("%s/config.example.ini", top());
	struct config *cfg = load_ok(path), *defaults = config_defaults();
	const struct config_feed *f;
	size_t i;

	(void)state;
	for (i = 0; i < cfg->warnings.n; i++)
		print_error("warning: %s\n", cfg->warnings.v[i]);
	assert_int_equal(cfg->warnings.n, 0);
	assert_true(cfg->nfeeds >= 20);
	for (i = 0; i < NELEM(want); i++) {
		f = config_feed_find(cfg, want[i].key);
		if (f == NULL)
			fail_msg("no [feed:%s] in %s", want[i].key, path);
		assert_string_equal(f->url, want[i].url);
		assert_int_equal(f->enabled, want[i].enabled);
		/* ISMG sites want a browser's User-Agent. */
		if (strstr(f->url, "rssFeeds.php") != NULL)
			assert_non_null(strstr(f->user_agent, "Mozilla/5.0 ("));
	}
	for (i = 0; i < cfg->nfeeds; i++)
		assert_true(cfg->feeds[i].tags.n > 0);
	/* Its [general] only documents: the built-in defaults apply. */
	assert_null(cfg->general.cache_path);
	assert_int_equal(cfg->general.refresh_minutes,
	    defaults->general.refresh_minutes);
	assert_int_equal(cfg->general.keep_days, defaults->general.keep_days);
	assert_int_equal(cfg->general.max_parallel,
	    defaults->general.max_parallel);
	assert_int_equal(cfg->general.max_per_host,
	    defaults->general.max_per_host);
	assert_int_equal(cfg->general.connect_timeout,
	    defaults->general.connect_timeout);
	assert_int_equal(cfg->general.timeout, defaults->general.timeout);
	assert_int_equal(cfg->general.max_feed_bytes,
	    defaults->general.max_feed_bytes);
	assert_string_equal(cfg->general.user_agent,
	    defaults->general.user_agent);
	assert_null(cfg->general.proxy);
	assert_null(cfg->general.browser);
	config_free(defaults);
	config_free(cfg);
	free(path);
}

/* --- where things live --- */

static void
assert_path(char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_xdg_paths(void **state)
{
	struct config *cfg;

	(void)state;
	setenv("HOME", "/home/tester", 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	assert_path(config_user_path(), "/home/tester/.config/sitrep/config.ini");
	assert_path(config_cache_path(NULL),
	    "/home/tester/.local/share/sitrep/cache.db");

	setenv("XDG_CONFIG_HOME", "/xdg/config", 1);
	setenv("XDG_DATA_HOME", "/xdg/data", 1);
	assert_path(config_user_path(), "/xdg/config/sitrep/config.ini");
	assert_path(config_cache_path(NULL), "/xdg/data/sitrep/cache.db");

	setenv("XDG_CONFIG_HOME", "/xdg/config//", 1);
	assert_path(config_user_path(), "/xdg/config/sitrep/config.ini");

	/* The XDG spec: a relative path is invalid and is ignored. */
	setenv("XDG_CONFIG_HOME", "relative/config", 1);
	setenv("XDG_DATA_HOME", "relative/data", 1);
	assert_path(config_user_path(), "/home/tester/.config/sitrep/config.ini");
	assert_path(config_cache_path(NULL),
	    "/home/tester/.local/share/sitrep/cache.db");
	setenv("XDG_CONFIG_HOME", "", 1);
	assert_path(config_user_path(), "/home/tester/.config/sitrep/config.ini");

	/* The config's cache wins; without one, the XDG default. */
	cfg = config_defaults();
	assert_path(config_cache_path(cfg),
	    "/home/tester/.local/share/sitrep/cache.db");
	cfg->general.cache_path = xstrdup("/srv/sitrep/cache.db");
	assert_path(config_cache_path(cfg), "/srv/sitrep/cache.db");
	config_free(cfg);
}

static void
test_example_path(void **state)
{
	char *path = config_example_path();
	struct stat st;
	const char *slash;

	(void)state;
	/* The tests run from a built tree, so at least the source copy. */
	assert_non_null(path);
	slash = strrchr(path, '/');
	assert_non_null(slash);
	assert_string_equal(slash, "/config.example.ini");
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	free(path);
}

static void
test_load_default(void **state)
{
	char *home = tmp_mkdir("home-default"), *xdg, *dir, *user, *other;
	char *example, *cause = NULL, *path, *want;
	struct config *cfg;

	(void)state;
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");

	/* An explicit file must exist; the message names it. */
	path = tmp_path("explicit-missing.ini");
	assert_null(config_load_default(path, &cause));
	want = xasprintf("%s: cannot read config: No such file or directory",
	    path);
	assert_string_equal(cause, want);
	free(want);
	xfree_ptr(&cause);
	free(path);

	/* No user file: built-in defaults and the example's feeds. */
	example = config_example_path();
	assert_non_null(example);
	cfg = config_load_default(NULL, &cause);
	assert_non_null(cfg);
	assert_null(cause);
	assert_string_equal(cfg->path, example);
	assert_true(cfg->nfeeds >= 20);
	assert_int_equal(cfg->warnings.n, 0);
	assert_int_equal(cfg->general.refresh_minutes, 30);
	assert_non_null(config_feed_find(cfg, "cisa"));
	config_free(cfg);

	/* ~/.config/sitrep/config.ini when XDG_CONFIG_HOME is unset. */
	free(tmp_mkdir("home-default/.config"));
	free(tmp_mkdir("home-default/.config/sitrep"));
	user = tmp_write("home-default/.config/sitrep/config.ini",
	    "[feed:home]\nurl = https://home.example/feed\n");
	cfg = config_load_default(NULL, &cause);
	assert_non_null(cfg);
	assert_string_equal(cfg->path, user);
	assert_int_equal(cfg->nfeeds, 1);
	assert_string_equal(cfg->feeds[0].key, "home");
	config_free(cfg);

	/* $XDG_CONFIG_HOME/sitrep/config.ini wins over ~/.config. */
	xdg = tmp_mkdir("xdg-default");
	dir = tmp_mkdir("xdg-default/sitrep");
	free(dir);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	path = tmp_write("xdg-default/sitrep/config.ini",
	    "[general]\nrefresh_minutes = 5\n"
	    "[feed:xdg]\nurl = https://xdg.example/feed\n");
	cfg = config_load_default(NULL, &cause);
	assert_non_null(cfg);
	assert_string_equal(cfg->path, path);
	assert_int_equal(cfg->general.refresh_minutes, 5);
	assert_non_null(config_feed_find(cfg, "xdg"));
	config_free(cfg);

	/* An explicit file wins over the user's. */
	other = tmp_write("explicit.ini",
	    "[feed:explicit]\nurl = https://explicit.example/feed\n");
	cfg = config_load_default(other, &cause);
	assert_non_null(cfg);
	assert_string_equal(cfg->path, other);
	assert_non_null(config_feed_find(cfg, "explicit"));
	config_free(cfg);

	/* A user file with an error is an error, not a fall-back. */
	free(tmp_write("xdg-default/sitrep/config.ini",
	    "[general]\ntimeout = forever\n"));
	assert_null(config_load_default(NULL, &cause));
	want = xasprintf("%s: [general] timeout = 'forever': expected a whole "
	    "number of seconds from 1 to 3600", path);
	assert_string_equal(cause, want);
	free(want);
	xfree_ptr(&cause);

	/* A relative XDG_CONFIG_HOME is ignored: back to ~/.config. */
	setenv("XDG_CONFIG_HOME", "xdg-default", 1);
	cfg = config_load_default(NULL, &cause);
	assert_non_null(cfg);
	assert_string_equal(cfg->path, user);
	config_free(cfg);

	free(other);
	free(path);
	free(xdg);
	free(user);
	free(example);
	free(home);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_long_value_shortened),
		cmocka_unit_test(test_all_errors_reported),
		cmocka_unit_test(test_empty_values),
		cmocka_unit_test(test_bool_forms),
		cmocka_unit_test(test_size_suffixes),
		cmocka_unit_test(test_tags),
		cmocka_unit_test_setup_teardown(test_cache_path_expansion,
		    env_setup, env_teardown),
		cmocka_unit_test(test_feed_names),
		cmocka_unit_test(test_url_schemes),
		cmocka_unit_test(test_quoted_values),
		cmocka_unit_test(test_feed_find),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_unknown_sections),
		cmocka_unit_test(test_warnings_follow_errors),
		cmocka_unit_test(test_cve_2023_33461),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_unreadable_files),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_many_feeds),
		cmocka_unit_test(test_example_file),
		cmocka_unit_test_setup_teardown(test_xdg_paths, env_setup,
		    env_teardown),
		cmocka_unit_test(test_example_path),
		cmocka_unit_test(test_ui_keys_topics_views),
		cmocka_unit_test(test_ui_bad_values),
		cmocka_unit_test(test_cut_value_warning),
		cmocka_unit_test_setup_teardown(test_load_default, env_setup,
		    env_teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
