/*
 * libFuzzer target for the query language (F1): any text gives a query or
 * a positioned message, never a crash; and every query that parses runs
 * (a page and a count) against a real cache without an SQL or FTS5 error,
 * so that no typed text can reach either as syntax.
 *
 *   make fuzz FUZZ=query
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "query.h"
#include "store.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *st;
static char path[64];

static void
remove_cache(void)
{
	const char *sfx[] = { "", "-wal", "-shm" };

	store_close(st);
	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);

		unlink(p);
		free(p);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct query_env env = { 1783684800, NULL };
	struct query_error err;
	struct article_row *rows;
	struct query *q;
	char *text, *cause = NULL;
	size_t n;

	if (st == NULL) {
		snprintf(path, sizeof path, "/tmp/sitrep-fuzz-query-%ld.db",
		    (long)getpid());
		st = store_open(path, &cause);
		if (st == NULL)
			abort();
		atexit(remove_cache);
	}
	text = xstrndup((const char *)data, size);
	q = query_parse(text, &env, &err);
	if (q == NULL) {
		if (err.message == NULL || err.line == 0 || err.col == 0)
			abort();
		free(err.message);
		free(text);
		return 0;
	}
	if (query_page(st, q, NULL, QUERY_OLDER, 10, &rows, &n, &cause) < 0 ||
	    query_count(st, q, NULL, NULL, &cause) < 0) {
		fprintf(stderr, "'%s' failed: %s\n", text, cause);
		abort();
	}
	article_rows_free(rows, n);
	query_free(q);
	free(text);
	return 0;
}
