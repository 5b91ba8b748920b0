/*
 * store/base.c: what every file of the store stands on -- error messages
 * that name the cache and say what to do, the cache of prepared statements,
 * the write transaction (BEGIN IMMEDIATE, or a savepoint inside a batch)
 * and the small helpers for reading rows.
 *
 * The cut: nothing here knows a table.  These are the pieces each of the
 * other files would otherwise repeat, and they change only when the way
 * the store talks to SQLite changes, never with the schema or a feature.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Errors                                                              */

/* What the user can do about an error, by its primary code. */
static const char *
advice_for(int code)
{
	switch (code & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return "; the cache is damaged: move it aside and sitrep will "
		    "start a new one";
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "; another program kept the cache busy for too long "
		    "(a stuck `sitrep refresh`?)";
	case SQLITE_FULL:
		return "; the disk is full";
	case SQLITE_READONLY:
		return "; the cache file or its directory is not writable";
	default:
		return "";
	}
}

void
store_fail(struct store *st, char **err, const char *what)
{
	int code;

	if (err == NULL || *err != NULL)
		return;
	code = sqlite3_extended_errcode(st->db);
	*err = xasprintf("%s: %s: %s%s", st->path, what,
	    sqlite3_errmsg(st->db), advice_for(code));
}

void
store_set_err(char **err, char *msg)
{
	if (err != NULL && *err == NULL)
		*err = msg;
	else
		free(msg);
}

void
store_give_cause(char **cause, char *err)
{
	if (cause != NULL)
		*cause = err;
	else
		free(err);
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */

sqlite3_stmt *
store_stmt_prepare(struct store *st, enum stmt_id id, const char *sql,
    char **err)
{
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st->stmt[id], NULL) != SQLITE_OK) {
		store_fail(st, err, "preparing a statement");
		st->stmt[id] = NULL;
		return NULL;
	}
	return st->stmt[id];
}

int
store_prepare(struct store *st, const char *sql, sqlite3_stmt **s,
    char **err, const char *what)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK) {
		store_fail(st, err, what);
		return -1;
	}
	return 0;
}

int
store_step_done(struct store *st, sqlite3_stmt *s, char **err,
    const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, err, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

int
store_step_int(struct store *st, sqlite3_stmt *s, int64_t *out, char **err,
    const char *what)
{
	int r = sqlite3_step(s);

	if (r == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else if (r != SQLITE_DONE)
		store_fail(st, err, what);
	sqlite3_reset(s);
	return r == SQLITE_ROW ? 1 : r == SQLITE_DONE ? 0 : -1;
}

int
store_exec(struct store *st, const char *sql, char **err, const char *what)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(st, err, what);
		return -1;
	}
	return 0;
}

int
store_query_int(struct store *st, const char *sql, int64_t *out, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc = -1;

	*out = 0;
	if (store_prepare(st, sql, &s, err, "reading the cache") == 0 &&
	    store_step_int(st, s, out, err, "reading the cache") >= 0)
		rc = 0;
	sqlite3_finalize(s);
	return rc;
}

char *
store_col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *z = sqlite3_column_text(s, i);

	return z != NULL ? xstrdup((const char *)z) : NULL;
}

void
store_split_names(struct strv *out, const unsigned char *joined)
{
	const char *p = (const char *)joined;

	if (p == NULL)
		return;
	for (;;) {
		const char *e = strchr(p, LIST_SEP);

		if (e == NULL) {
			strv_pushdup(out, p);
			break;
		}
		strv_push(out, xstrndup(p, (size_t)(e - p)));
		p = e + 1;
	}
}

char *
store_explain(struct store *st, sqlite3_stmt *s, char **cause)
{
	struct str plan = STR_INIT;
	char *err = NULL;
	int r;

	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		str_appendz(&plan, (const char *)sqlite3_column_text(s, 3));
		str_appendc(&plan, '\n');
	}
	if (r != SQLITE_DONE) {
		store_fail(st, &err, "explaining a query");
		str_free(&plan);
		store_give_cause(cause, err);
		return NULL;
	}
	return str_steal(&plan);
}

/* ------------------------------------------------------------------ */
/* Transactions                                                        */

int
store_tx_begin(struct store *st, char **err)
{
	if (st->readonly) {
		store_set_err(err, xasprintf("%s: the cache was opened "
		    "read-only", st->path));
		return -1;
	}
	if (st->batch) {
		if (st->batch_broken) {
			store_set_err(err, xasprintf("%s: an earlier write of "
			    "this batch failed", st->path));
			return -1;
		}
		return store_exec(st, "SAVEPOINT feed", err,
		    "starting a write");
	}
	return store_exec(st, "BEGIN IMMEDIATE", err, "starting a write");
}

int
store_tx_commit(struct store *st, char **err)
{
	return store_exec(st, st->batch ? "RELEASE feed" : "COMMIT", err,
	    "committing");
}

void
store_tx_rollback(struct store *st)
{
	/* Some errors (IOERR, FULL, NOMEM) already rolled back. */
	if (sqlite3_get_autocommit(st->db)) {
		if (st->batch)
			st->batch_broken = 1;
		return;
	}
	if (st->batch)
		sqlite3_exec(st->db, "ROLLBACK TO feed; RELEASE feed", NULL,
		    NULL, NULL);
	else
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}
