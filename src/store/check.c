/*
 * store/check.c: the checks that read every page of the cache -- the scan
 * a migration runs before it rewrites an existing cache, the one every
 * command that writes runs first (store_verify), and store_check() for
 * tests, tools and `sitrep check` (the pages, the full-text index's own
 * check, and one index row per article with words in it).
 *
 * The cut: these are the slow, whole-file questions, kept apart from the
 * open-time checks (open.c), which must stay cheap on a 100k-article
 * cache: damage in data pages shows only here or when a statement reads
 * it, and either way the file is marked damaged and written no more
 * (base.c).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "xalloc.h"

/*
 * The check pragmas report their findings as rows, a row may hold several
 * lines ("*** in database main ***\nPage 5: ..."); each line is one
 * finding, without the banner.
 */
static void
add_findings(struct strv *out, const char *z)
{
	while (z != NULL && *z != '\0') {
		const char *nl = strchr(z, '\n');
		size_t n = nl != NULL ? (size_t)(nl - z) : strlen(z);

		if (n > 0 && strncmp(z, "*** ", 4) != 0)
			strv_push(out, xstrndup(z, n));
		z = nl != NULL ? nl + 1 : NULL;
	}
}

int
store_check_pages(struct store *st, const char *pragma, struct strv *found,
    char **err)
{
	struct strv lines = STRV_INIT;
	sqlite3_stmt *s = NULL;
	struct str what = STR_INIT;
	int rc = -1, r, stopped = 0;

	if (sqlite3_prepare_v2(st->db, pragma, -1, &s, NULL) != SQLITE_OK) {
		int code = sqlite3_extended_errcode(st->db) & 0xff;

		/* the list of tables itself cannot be read */
		if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
			strv_push(&lines, xasprintf("the check could not start: "
			    "%s", sqlite3_errmsg(st->db)));
		else
			store_fail(st, err, "checking the cache");
		goto report;
	}
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *z = (const char *)sqlite3_column_text(s, 0);

		if (z != NULL && strcmp(z, "ok") != 0)
			add_findings(&lines, z);
	}
	if (r != SQLITE_DONE) {
		int code = sqlite3_extended_errcode(st->db) & 0xff;

		/*
		 * integrity_check itself gives up with SQLITE_CORRUPT on some
		 * damage (an index it cannot read); what it found until then
		 * still counts.
		 */
		if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB) {
			store_fail(st, err, "checking the cache");
			goto out;
		}
		strv_push(&lines, xasprintf("the check stopped: %s",
		    sqlite3_errmsg(st->db)));
		stopped = 1;
	}
report:
	if (lines.n > 0) {
		store_mark_damaged(st);
		str_appendf(&what, "%s found %zu problem%s%s, the first: %s",
		    pragma + strlen("PRAGMA "), lines.n, lines.n == 1 ? "" : "s",
		    stopped ? " and stopped" : "", lines.v[0]);
		store_set_err(err, store_damaged_msg(st, what.p));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	str_free(&what);
	if (found != NULL) {
		for (size_t i = 0; i < lines.n; i++)
			strv_push(found, lines.v[i]);
		lines.n = 0;
	}
	strv_free(&lines);
	return rc;
}

int
store_verify(struct store *st, char **cause)
{
	char *err = NULL;

	if (store_check_pages(st, "PRAGMA quick_check", NULL, &err) == 0)
		return 0;
	store_give_cause(cause, err);
	return -1;
}

int
store_check_index(struct store *st, char **err)
{
	int64_t orphans;

	/* The index agrees with its own text... */
	if (!st->readonly && store_exec(st, "INSERT INTO items_fts (items_fts)"
	    " VALUES ('integrity-check')", err,
	    "checking the full-text index") != 0)
		return -1;
	/*
	 * ...and has a row for every article with words in it and none for
	 * an article that is gone.  The index keeps no text (contentless), so
	 * its rows are read from the term list; an article without a single
	 * letter or digit in its title and text has no row, rightly.
	 */
	if (store_exec(st, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_docs"
	    " USING fts5vocab(main, items_fts, 'instance')", err,
	    "checking the full-text index") != 0)
		return -1;
	if (store_query_int(st,
	    "WITH docs AS (SELECT DISTINCT doc FROM temp.fts_docs)"
	    " SELECT (SELECT count(*) FROM docs WHERE NOT EXISTS"
	    " (SELECT 1 FROM items i WHERE i.id = docs.doc)) +"
	    " (SELECT count(*) FROM items i WHERE NOT EXISTS"
	    " (SELECT 1 FROM docs WHERE docs.doc = i.id) AND"
	    " sitrep_has_words(" FTS_VALUES("i") "))",
	    &orphans, err) != 0)
		return -1;
	if (orphans != 0) {
		store_set_err(err, xasprintf("%s: the full-text index is out of "
		    "step with the articles (%" PRId64 " rows differ); `sitrep "
		    "check --repair` rebuilds it", st->path, orphans));
		return -1;
	}
	return 0;
}

int
store_check(struct store *st, char **cause)
{
	char *err = NULL;

	if (store_check_pages(st, "PRAGMA integrity_check", NULL, &err) != 0 ||
	    store_check_index(st, &err) != 0) {
		store_give_cause(cause, err);
		return -1;
	}
	return 0;
}
