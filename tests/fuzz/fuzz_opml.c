/*
 * libFuzzer target for OPML import (F1, SECURITY.md X1, X2, C2): any bytes
 * give a subscription list or a message, never a crash; every feed taken
 * is http(s); and what is taken survives its own round trip -- exported
 * and parsed again, the same addresses, names and tags come back.
 *
 *   make fuzz FUZZ=opml
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "opml.h"
#include "str.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

static void
round_trip(const struct opml_doc *d)
{
	struct opml_out *v = xcalloc(d->nfeeds + 1, sizeof *v);
	struct str out = STR_INIT;
	struct opml_doc *again;
	char *cause = NULL;

	for (size_t i = 0; i < d->nfeeds; i++) {
		v[i].url = d->feeds[i].url;
		v[i].title = d->feeds[i].title;
		v[i].site_url = d->feeds[i].site_url;
		v[i].tags = &d->feeds[i].tags;
	}
	opml_write(&out, d->title, v, d->nfeeds, 0);
	again = opml_parse(str_cstr(&out), out.len, &cause);
	if (again == NULL || again->nfeeds != d->nfeeds)
		abort();
	/* the export groups feeds by folder: match them by address */
	for (size_t i = 0; i < d->nfeeds; i++) {
		const struct opml_feed *f = &d->feeds[i], *g = NULL;

		for (size_t k = 0; k < again->nfeeds && g == NULL; k++)
			if (strcmp(again->feeds[k].url, f->url) == 0)
				g = &again->feeds[k];
		if (g == NULL || !same(f->title, g->title) ||
		    !same(f->site_url, g->site_url) || f->tags.n != g->tags.n)
			abort();
		for (size_t t = 0; t < f->tags.n; t++)
			if (strcasecmp(f->tags.v[t], g->tags.v[t]) != 0)
				abort();
	}
	opml_doc_free(again);
	free(cause);
	str_free(&out);
	free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL;
	struct opml_doc *d = opml_parse((const char *)data, size, &cause);

	if (d == NULL) {
		if (cause == NULL)
			abort();
		free(cause);
		return 0;
	}
	for (size_t i = 0; i < d->nfeeds; i++)
		if (strncasecmp(d->feeds[i].url, "http://", 7) != 0 &&
		    strncasecmp(d->feeds[i].url, "https://", 8) != 0)
			abort();
	round_trip(d);
	opml_doc_free(d);
	return 0;
}
