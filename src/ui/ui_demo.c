/*
 * ui_demo: the throwaway demo cache.  The sample feeds are templates:
 * "@AGO:90m@" becomes an RFC 822 date 90 minutes ago and "@AGO3339:2d@" an
 * RFC 3339 one, so the demo always looks fresh.  "@DEMO@" in demo/config.ini
 * becomes the throwaway directory.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "refresh.h"
#include "str.h"
#include "ui_demo.h"
#include "xalloc.h"

/* A sample feed is small; this only guards against a wrong file. */
#define DEMO_MAX_BYTES (4 * 1024 * 1024)

struct ui_demo {
	char *src;     /* demo/ with the templates */
	char *dir;     /* the throwaway directory */
	char *config;
	char *cache;
};

static int
has_config(const char *dir)
{
	char *p = xasprintf("%s/config.ini", dir);
	int ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

static char *
find_source(void)
{
	const char *env = getenv("SITREP_DEMO_DIR"), *dir;
	char *p;
	size_t i;

	if (env != NULL && env[0] == '/' && has_config(env))
		return xstrdup(env);
	/* installed, else in the source tree */
	for (i = 0; (dir = config_data_dir(i)) != NULL; i++) {
		p = xasprintf("%s/demo", dir);
		if (has_config(p))
			return p;
		free(p);
	}
	return NULL;
}

static int
slurp(const char *path, struct str *out, char **cause)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t k;

	if (f == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((k = fread(buf, 1, sizeof buf, f)) > 0 && out->len <
	    DEMO_MAX_BYTES)
		str_append(out, buf, k);
	fclose(f);
	return 0;
}

static int
spill(const char *path, const struct str *s, char **cause)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(s->p ? s->p : "", 1, s->len, f) != s->len) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		if (f != NULL)
			fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void
format_date(struct str *out, time_t t, int rfc3339)
{
	static const char *const days[7] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char *const months[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec"
	};
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return;
	if (rfc3339)
		str_appendf(out, "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
	else
		str_appendf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000",
		    days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
		    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* "90m", "5h", "3d": seconds, or -1. */
static long
parse_ago(const char *s, size_t n)
{
	long v = 0;
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9' && v < 100000)
		v = v * 10 + (s[i++] - '0');
	if (i == 0 || i + 1 != n)
		return -1;
	switch (s[i]) {
	case 'm': return v * 60;
	case 'h': return v * 3600;
	case 'd': return v * 86400;
	default: return -1;
	}
}

/* Replaces @DEMO@ with dir and @AGO:...@ / @AGO3339:...@ with dates. */
static void
expand(struct str *out, const char *s, size_t n, const char *dir, time_t now)
{
	size_t i = 0;

	while (i < n) {
		const char *at = memchr(s + i, '@', n - i);
		const char *end;
		size_t k;

		if (at == NULL) {
			str_append(out, s + i, n - i);
			return;
		}
		str_append(out, s + i, (size_t)(at - (s + i)));
		i = (size_t)(at - s);
		end = memchr(at + 1, '@', n - i - 1);
		k = end ? (size_t)(end - at) + 1 : 0;
		if (k == 6 && memcmp(at, "@DEMO@", 6) == 0) {
			str_appendz(out, dir);
		} else if (k > 6 && memcmp(at, "@AGO:", 5) == 0 &&
		    parse_ago(at + 5, k - 6) >= 0) {
			format_date(out, now - parse_ago(at + 5, k - 6), 0);
		} else if (k > 10 && memcmp(at, "@AGO3339:", 9) == 0 &&
		    parse_ago(at + 9, k - 10) >= 0) {
			format_date(out, now - parse_ago(at + 9, k - 10), 1);
		} else {
			str_appendc(out, '@');
			i++;
			continue;
		}
		i += k;
	}
}

static int
copy_expanded(struct ui_demo *d, const char *name, time_t now, char **cause)
{
	char *from = xasprintf("%s/%s", d->src, name);
	char *to = xasprintf("%s/%s", d->dir, name);
	struct str in = STR_INIT, out = STR_INIT;
	int rc = -1;

	if (slurp(from, &in, cause) < 0)
		goto out;
	str_appendz(&out, "");
	expand(&out, str_cstr(&in), in.len, d->dir, now);
	rc = spill(to, &out, cause);
out:
	str_free(&in);
	str_free(&out);
	free(from);
	free(to);
	return rc;
}

static int
is_feed_file(const char *name)
{
	static const char *const exts[] = { ".xml", ".json", ".atom", ".rss" };
	size_t n = strlen(name);

	if (name[0] == '.')
		return 0;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t k = strlen(exts[i]);

		if (n > k && strcmp(name + n - k, exts[i]) == 0)
			return 1;
	}
	return 0;
}

static int
copy_feeds(struct ui_demo *d, time_t now, char **cause)
{
	DIR *dir = opendir(d->src);
	struct dirent *e;
	int rc = 0;

	if (dir == NULL) {
		*cause = xasprintf("%s: %s", d->src, strerror(errno));
		return -1;
	}
	while (rc == 0 && (e = readdir(dir)) != NULL)
		if (is_feed_file(e->d_name))
			rc = copy_expanded(d, e->d_name, now, cause);
	closedir(dir);
	return rc;
}

struct ui_demo *
ui_demo_new(char **cause)
{
	struct ui_demo *d = xcalloc(1, sizeof *d);
	const char *tmp = getenv("TMPDIR");
	time_t now = time(NULL);
	char *templ;

	d->src = find_source();
	if (d->src == NULL) {
		*cause = xasprintf("the demo feeds are missing (looked in %s/demo "
		    "and %s/demo)", config_data_dir(0), config_data_dir(1));
		goto fail;
	}
	{
		/* mkdtemp's six placeholder characters */
		char tail[7];

		memset(tail, 'X', 6);
		tail[6] = '\0';
		templ = xasprintf("%s/sitrep-demo.%s", tmp && tmp[0] == '/' ?
		    tmp : "/tmp", tail);
	}
	d->dir = mkdtemp(templ);
	if (d->dir == NULL) {
		*cause = xasprintf("cannot create %s: %s", templ, strerror(errno));
		free(templ);
		goto fail;
	}
	d->config = xasprintf("%s/config.ini", d->dir);
	d->cache = xasprintf("%s/cache.db", d->dir);
	if (copy_expanded(d, "config.ini", now, cause) < 0 ||
	    copy_feeds(d, now, cause) < 0)
		goto fail;
	return d;
fail:
	ui_demo_free(d);
	return NULL;
}

const char *
ui_demo_config_path(const struct ui_demo *d)
{
	return d->config;
}

const char *
ui_demo_cache_path(const struct ui_demo *d)
{
	return d->cache;
}

int
ui_demo_load(struct ui_demo *d, const struct config *cfg, struct store *st,
    char **cause)
{
	struct refresh_options o = { 0 };
	struct refresh *r;

	(void)d;
	o.force = 1;
	o.wait_for_lock = 1;
	r = refresh_new(cfg, st, &o, NULL, cause);
	if (r == NULL)
		return -1;
	while (refresh_step(r, 100, NULL, 0))
		;
	refresh_free(r);
	return 0;
}

void
ui_demo_free(struct ui_demo *d)
{
	DIR *dir;
	struct dirent *e;

	if (d == NULL)
		return;
	if (d->dir != NULL && (dir = opendir(d->dir)) != NULL) {
		/* only files of ours: the directory is flat */
		while ((e = readdir(dir)) != NULL) {
			char *p;

			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			p = xasprintf("%s/%s", d->dir, e->d_name);
			unlink(p);
			free(p);
		}
		closedir(dir);
		rmdir(d->dir);
	}
	free(d->src);
	free(d->dir);
	free(d->config);
	free(d->cache);
	free(d);
}
