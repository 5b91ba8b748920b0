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
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store_int.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Errors                                                              */

/* What the user can do about an error, by its primary code. */
static const char *
advice_for(sqlite3 *db, int code)
{
	switch (code & 0xff) {
	case SQLITE_IOERR:
		/* the log or its index could not grow */
		if (sqlite3_system_errno(db) == ENOSPC ||
		    sqlite3_system_errno(db) == EFBIG)
			return "; the disk is full (or the file reached the "
			    "system's size limit)";
		return "; the disk or the file system failed (see the "
		    "system log)";
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

static int
is_damage(int code)
{
	return (code & 0xff) == SQLITE_CORRUPT ||
	    (code & 0xff) == SQLITE_NOTADB;
}

/*
 * The caches this process has open, by device and inode, and whether one
 * of its connections met damage there.
 *
 * POSIX locks belong to the process, and closing ANY descriptor of a file
 * drops all of them: open.c's probe, which opens and closes the file to
 * look at it without SQLite, would silently unlock the connections another
 * thread of this process holds (the interface, its counting thread, a
 * refresh's writer) and let a write and a read interleave ("database disk
 * image is malformed", SQLite's "how to corrupt" section 2.2).  A file
 * already open here was checked when it was first opened, so it is not
 * probed again.
 *
 * The damage mark is shared through the same entry, so that the refresh's
 * writer and the interface's counting thread learn it from each other; it
 * goes with the entry when the last connection closes (a new file may get
 * the old one's inode).
 */
static struct {
	pthread_mutex_t lock;
	struct open_file {
		dev_t dev;
		ino_t ino;
		int refs;
		int damaged;
	} *v;
	size_t n, cap;
} open_files = { PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0 };

/* The entry of st's file; the lock is held. */
static struct open_file *
file_entry_locked(const struct store *st)
{
	for (size_t i = 0; i < open_files.n; i++)
		if (open_files.v[i].dev == st->dev &&
		    open_files.v[i].ino == st->ino)
			return &open_files.v[i];
	return NULL;
}

int
store_file_open_here(const char *path)
{
	struct store probe;
	struct stat sb;
	int found;

	if (stat(path, &sb) != 0)
		return 0;
	probe.dev = sb.st_dev;
	probe.ino = sb.st_ino;
	pthread_mutex_lock(&open_files.lock);
	found = file_entry_locked(&probe) != NULL;
	pthread_mutex_unlock(&open_files.lock);
	return found;
}

void
store_file_hold(struct store *st)
{
	struct open_file *f;
	struct stat sb;

	if (stat(st->path, &sb) != 0)
		return;
	st->dev = sb.st_dev;
	st->ino = sb.st_ino;
	st->registered = 1;
	pthread_mutex_lock(&open_files.lock);
	if ((f = file_entry_locked(st)) == NULL) {
		open_files.v = xgrow(open_files.v, open_files.n,
		    &open_files.cap, sizeof *open_files.v);
		f = &open_files.v[open_files.n++];
		memset(f, 0, sizeof *f);
		f->dev = st->dev;
		f->ino = st->ino;
	}
	f->refs++;
	f->damaged |= st->damaged;
	pthread_mutex_unlock(&open_files.lock);
}

void
store_file_release(struct store *st)
{
	struct open_file *f;

	if (!st->registered)
		return;
	pthread_mutex_lock(&open_files.lock);
	if ((f = file_entry_locked(st)) != NULL && --f->refs == 0)
		*f = open_files.v[--open_files.n];
	if (open_files.n == 0) {
		free(open_files.v);
		open_files.v = NULL;
		open_files.cap = 0;
	}
	pthread_mutex_unlock(&open_files.lock);
	st->registered = 0;
}

void
store_mark_damaged(struct store *st)
{
	struct open_file *f;

	st->damaged = 1;
	if (!st->registered)
		return;
	pthread_mutex_lock(&open_files.lock);
	if ((f = file_entry_locked(st)) != NULL)
		f->damaged = 1;
	pthread_mutex_unlock(&open_files.lock);
}

int
store_damaged(struct store *st)
{
	struct open_file *f;

	if (st == NULL)
		return 0;
	if (st->damaged || !st->registered)
		return st->damaged;
	pthread_mutex_lock(&open_files.lock);
	if ((f = file_entry_locked(st)) != NULL && f->damaged)
		st->damaged = 1;
	pthread_mutex_unlock(&open_files.lock);
	return st->damaged;
}

char *
store_damaged_msg(const struct store *st, const char *detail)
{
	return xasprintf("%s: the cache is damaged%s%s%s; sitrep writes "
	    "nothing more to it: `sitrep check` says what is damaged and "
	    "`sitrep check --repair` copies what can still be read into a new "
	    "cache (or move it aside and sitrep starts a new one)", st->path,
	    detail != NULL ? " (" : "", detail != NULL ? detail : "",
	    detail != NULL ? ")" : "");
}

void
store_fail(struct store *st, char **err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);
	char *detail;

	if (is_damage(code))
		store_mark_damaged(st);
	if (err == NULL || *err != NULL)
		return;
	if (is_damage(code)) {
		detail = xasprintf("%s: %s", what, sqlite3_errmsg(st->db));
		*err = store_damaged_msg(st, detail);
		free(detail);
		return;
	}
	*err = xasprintf("%s: %s: %s%s", st->path, what,
	    sqlite3_errmsg(st->db), advice_for(st->db, code));
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
	if (store_damaged(st)) {
		store_set_err(err, store_damaged_msg(st, NULL));
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
	/* Damage met inside the transaction: none of it is kept. */
	if (store_damaged(st)) {
		store_set_err(err, store_damaged_msg(st, NULL));
		return -1;
	}
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
