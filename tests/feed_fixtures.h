/*
 * feed_fixtures: the helpers test_feed.c and test_feed_input.c share:
 * reading fixtures, parsing them, comparing strings.  Each test file is its
 * own program, so these are static; every one of them is used by both.
 */
#ifndef SITREP_TEST_FEED_FIXTURES_H
#define SITREP_TEST_FEED_FIXTURES_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "str.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *
top(void)
{
	const char *t = getenv("SITREP_TOP");

	return t != NULL && t[0] != '\0' ? t : ".";
}

static char *
read_path(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct str s = STR_INIT;
	char buf[65536];
	size_t k;

	if (f == NULL)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	fclose(f);
	*n = s.len;
	str_reserve(&s, 0);
	return str_steal(&s);
}

/* Returns owned: the bytes of tests/fixtures/feeds/name. */
static char *
fixture(const char *name, size_t *n)
{
	char *path = xasprintf("%s/tests/fixtures/feeds/%s", top(), name);
	char *buf = read_path(path, n);

	free(path);
	return buf;
}

static const char *
shared(void)
{
	const char *s = getenv("SITREP_SHARED_FIXTURES");

	return s != NULL && s[0] != '\0' ? s : NULL;
}

/* Parses a fixture that must be a feed. */
static struct feed_doc *
parse_opts(const char *name, const struct feed_parse_opts *opts)
{
	size_t n;
	char *buf = fixture(name, &n), *cause = NULL;
	struct feed_doc *doc = feed_parse(buf, n, opts, &cause);

	free(buf);
	if (doc == NULL)
		fail_msg("%s: not parsed: %s", name, cause);
	return doc;
}

static struct feed_doc *
parse(const char *name)
{
	return parse_opts(name, NULL);
}

static void
check_str(const char *what, const char *got, const char *want)
{
	if (got == NULL && want == NULL)
		return;
	if (got == NULL || want == NULL || strcmp(got, want) != 0)
		fail_msg("%s: got [%s], want [%s]", what,
		    got != NULL ? got : "(null)", want != NULL ? want : "(null)");
}

/* Every string of the document, for checks that look at all of them. */
static void
collect_strings(const struct feed_doc *doc, struct strv *out)
{
	size_t i, k;
	const char *s;

#define ADD(x) do { s = (x); if (s != NULL) strv_pushdup(out, s); } while (0)
	ADD(doc->title);
	ADD(doc->link);
	ADD(doc->self_link);
	ADD(doc->language);
	ADD(doc->error);
	for (i = 0; i < doc->nitems; i++) {
		const struct feed_item *it = &doc->items[i];

		ADD(it->guid);
		ADD(it->url);
		ADD(it->title);
		ADD(it->author);
		ADD(it->summary);
		ADD(it->content);
		ADD(it->thumbnail);
		for (k = 0; k < it->categories.n; k++)
			ADD(it->categories.v[k]);
		for (k = 0; k < it->nenclosures; k++) {
			ADD(it->enclosures[k].url);
			ADD(it->enclosures[k].type);
		}
	}
#undef ADD
}

#endif
