/*
 * opml/import: what an import adds.  A parsed list's feeds are sorted into
 * new ones (each with a [feed:KEY] name of its own) and ones the config
 * already has, and the new ones are written as config sections for the
 * imported-feeds file (sitrep never rewrites the user's own config).
 *
 * The sections are written for iniparser 4.1 as sitrep reads it
 * (src/config/ini.c): a value with ';' or '#' or a quote at its start is
 * quoted (double quotes, else single), keys are lower case, and every
 * value is one clean line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "opml.h"
#include "text.h"
#include "xalloc.h"

/* Keys made from names stay readable: at most this long (the limit is 64). */
#define KEY_LEN 40
/* A feed's name in the config; the rest of a long one is cut. */
#define TITLE_BYTES 200

/* Length of the scheme and host part ("https://Example.COM"). */
static size_t
origin_len(const char *url)
{
	const char *p = strstr(url, "://");

	if (p == NULL)
		return 0;
	p += 3;
	return (size_t)(p - url) + strcspn(p, "/?#");
}

/* The same address, ignoring the case of scheme and host, a lone '/'. */
static int
same_url(const char *a, const char *b)
{
	size_t oa = origin_len(a), ob = origin_len(b);
	const char *ra = a + oa, *rb = b + ob;

	if (oa != ob || strncasecmp(a, b, oa) != 0)
		return 0;
	if (strcmp(ra, "/") == 0)
		ra = "";
	if (strcmp(rb, "/") == 0)
		rb = "";
	return strcmp(ra, rb) == 0;
}

/* [a-z0-9] runs of s joined by '-', at most KEY_LEN; owned, maybe "". */
static char *
slug(const char *s, size_t n)
{
	struct str k = STR_INIT;
	int dash = 0;

	for (size_t i = 0; i < n && k.len < KEY_LEN; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && k.len > 0)
				str_appendc(&k, '-');
			str_appendc(&k, c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	return str_steal(&k);
}

/* A key from the feed's name, else its host ("www." dropped). */
static char *
key_base(const struct opml_feed *f)
{
	const char *host;
	char *k = f->title != NULL ? slug(f->title, strlen(f->title)) :
	    xstrdup("");
	size_t n;

	if (*k != '\0')
		return k;
	free(k);
	host = strstr(f->url, "://");
	host = host != NULL ? host + 3 : f->url;
	if (strncasecmp(host, "www.", 4) == 0)
		host += 4;
	n = strcspn(host, "/?#:");
	k = slug(host, n);
	if (*k != '\0')
		return k;
	free(k);
	return xstrdup("feed");
}

static int
key_taken(const struct opml_have *have, size_t nhave, char **keys, size_t n,
    const char *key)
{
	for (size_t i = 0; i < nhave; i++)
		if (strcmp(have[i].key, key) == 0)
			return 1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return 1;
	return 0;
}

void
opml_plan_make(const struct opml_doc *d, const struct opml_have *have,
    size_t nhave, struct opml_plan *out)
{
	memset(out, 0, sizeof *out);
	out->add = xcalloc(d->nfeeds + 1, sizeof *out->add);
	out->keys = xcalloc(d->nfeeds + 1, sizeof *out->keys);
	out->dup = xcalloc(d->nfeeds + 1, sizeof *out->dup);
	out->dup_keys = xcalloc(d->nfeeds + 1, sizeof *out->dup_keys);
	for (size_t i = 0; i < d->nfeeds; i++) {
		const struct opml_feed *f = &d->feeds[i];
		char *base, *key;
		size_t h, n = 2;

		for (h = 0; h < nhave && !same_url(have[h].url, f->url); h++)
			;
		if (h < nhave) {
			out->dup[out->ndup] = f;
			out->dup_keys[out->ndup++] = have[h].key;
			continue;
		}
		base = key_base(f);
		key = xstrdup(base);
		while (key_taken(have, nhave, out->keys, out->nadd, key)) {
			free(key);
			key = xasprintf("%s-%zu", base, n++);
		}
		free(base);
		out->add[out->nadd] = f;
		out->keys[out->nadd++] = key;
	}
}

void
opml_plan_clear(struct opml_plan *p)
{
	for (size_t i = 0; i < p->nadd; i++)
		free(p->keys[i]);
	free(p->keys);
	free(p->add);
	free(p->dup);
	free(p->dup_keys);
	memset(p, 0, sizeof *p);
}

/*
 * key = value as iniparser reads it back: plain when it can be, else in
 * double quotes, else in single ones; with both quotes inside, '"'
 * becomes U+201D (a title; addresses never hold a '"', parse.c).
 */
static void
ini_value(struct str *out, const char *key, const char *v)
{
	struct str fixed = STR_INIT;
	size_t n = strlen(v);
	int plain = strpbrk(v, ";#\"'") == NULL && n > 0 && v[0] != ' ' &&
	    v[n - 1] != ' ';

	str_appendf(out, "%s = ", key);
	if (plain) {
		str_appendz(out, v);
	} else if (strchr(v, '"') == NULL) {
		str_appendf(out, "\"%s\"", v);
	} else if (strchr(v, '\'') == NULL) {
		str_appendf(out, "'%s'", v);
	} else {
		for (const char *p = v; *p; p++)
			if (*p == '"')
				str_appendz(&fixed, "\xe2\x80\x9d");
			else
				str_appendc(&fixed, *p);
		str_appendf(out, "\"%s\"", str_cstr(&fixed));
		str_free(&fixed);
	}
	str_appendc(out, '\n');
}

/* A name cut to TITLE_BYTES at a character boundary; owned. */
static char *
title_for_config(const char *t)
{
	size_t n = strlen(t);

	if (n <= TITLE_BYTES)
		return xstrdup(t);
	n = TITLE_BYTES;
	while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
		n--;
	return xstrndup(t, n);
}

void
opml_plan_ini(struct str *out, const struct opml_plan *p,
    const char *source, int64_t now)
{
	time_t t = (time_t)now;
	struct tm tm;
	char when[32] = "";
	char *src = text_oneline(source, strlen(source));

	if (localtime_r(&t, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	str_appendf(out, "\n# %zu feed%s from %s, %s\n", p->nadd,
	    p->nadd == 1 ? "" : "s", src, when);
	free(src);
	for (size_t i = 0; i < p->nadd; i++) {
		const struct opml_feed *f = p->add[i];

		str_appendf(out, "\n[feed:%s]\n", p->keys[i]);
		ini_value(out, "url", f->url);
		if (f->title != NULL) {
			char *title = title_for_config(f->title);

			ini_value(out, "title", title);
			free(title);
		}
		if (f->site_url != NULL)
			ini_value(out, "site_url", f->site_url);
		if (f->tags.n > 0) {
			char *tags = strv_join(&f->tags, ", ");

			ini_value(out, "tags", tags);
			free(tags);
		}
	}
}
