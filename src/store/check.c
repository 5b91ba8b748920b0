/*
 * store/check.c: the checks that read every page of the cache -- the scan
 * a migration runs before it rewrites an existing cache, and store_check()
 * for tests and tools (the pages, the full-text index's own check, and one
 * index row per article with words in it).
 *
 * The cut: these are the slow, whole-file questions, kept apart from the
 * open-time checks (open.c), which must stay cheap on a 100k-article
 * cache: damage in data pages shows only here, and any SQLITE_CORRUPT at
 * run time says "move it aside" (base.c).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "xalloc.h"

int
store_check_pages(struct store *st, const char *pragma, char **err)
{
	sqlite3_stmt *s = NULL;
	struct str bad = STR_INIT;
	int rc = -1, r;

	if (store_prepare(st, pragma, &s, err, "checking the cache") != 0)
		goto out;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *z = (const char *)sqlite3_column_text(s, 0);

		if (z != NULL && strcmp(z, "ok") != 0 && bad.len < 400) {
			if (bad.len > 0)
				str_appendz(&bad, "; ");
			str_appendz(&bad, z);
		}
	}
	if (r != SQLITE_DONE) {
		store_fail(st, err, "checking the cache");
		goto out;
	}
	if (bad.len > 0) {
		store_set_err(err, xasprintf("%s: the cache is damaged (%s); "
		    "move it aside and sitrep will start a new one", st->path,
		    bad.p));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	str_free(&bad);
	return rc;
}

int
store_check(struct store *st, char **cause)
{
	char *err = NULL;
	int64_t orphans;

	if (store_check_pages(st, "PRAGMA integrity_check", &err) != 0)
		goto fail;
	/* The index agrees with its own text... */
	if (!st->readonly && store_exec(st, "INSERT INTO items_fts (items_fts)"
	    " VALUES ('integrity-check')", &err,
	    "checking the full-text index") != 0)
		goto fail;
	/*
	 * ...and has a row for every article with words in it and none for
	 * an article that is gone.  The index keeps no text (contentless), so
	 * its rows are read from the term list; an article without a single
	 * letter or digit in its title and text has no row, rightly.
	 */
	if (store_exec(st, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_docs"
	    " USING fts5vocab(main, items_fts, 'instance')", &err,
	    "checking the full-text index") != 0)
		goto fail;
	if (store_query_int(st,
	    "WITH docs AS (SELECT DISTINCT doc FROM temp.fts_docs)"
	    " SELECT (SELECT count(*) FROM docs WHERE NOT EXISTS"
	    " (SELECT 1 FROM items i WHERE i.id = docs.doc)) +"
	    " (SELECT count(*) FROM items i WHERE NOT EXISTS"
	    " (SELECT 1 FROM docs WHERE docs.doc = i.id) AND"
	    " sitrep_has_words(" FTS_VALUES("i") "))",
	    &orphans, &err) != 0)
		goto fail;
	if (orphans != 0) {
		err = xasprintf("%s: the full-text index is out of step with "
		    "the articles (%" PRId64 " rows differ)", st->path,
		    orphans);
		goto fail;
	}
	return 0;
fail:
	store_give_cause(cause, err);
	return -1;
}
