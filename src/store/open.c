/*
 * store/open.c: a connection to a cache file -- the checks that decide
 * whether a file may be opened at all (SECURITY.md D1, D4), the settings of
 * every connection, the connection that only looks (sitrep check), and
 * close.  The register of caches this process has open, which decides
 * whether a file is probed again, is base.c's.
 *
 * The cut: this is everything that happens before the first statement
 * and after the last, and it changes with how files are trusted, not with
 * what they hold (schema.c brings the file's contents up to date).
 *
 * Decisions worth knowing before changing anything here:
 *
 * - Opening looks at the file's first 100 bytes with plain read(2) before
 *   SQLite ever sees it: a file that is not SQLite, another program's SQLite
 *   database (PRAGMA application_id differs) or a newer sitrep's cache
 *   (user_version above ours) is refused without SQLite opening it, so it is
 *   never modified.  The header is only a filter (in WAL mode it may lag
 *   behind the log); the same questions are asked again through SQLite
 *   before the first write -- through an immutable connection when no -wal
 *   exists, so that a refused file gets no -wal/-shm beside it either.
 * - Damage in the schema pages shows at open (SQLITE_CORRUPT, refused).
 *   Damage in data pages would need a scan of the whole file, which opening a
 *   100k-article cache must not do; it runs before a migration and in
 *   store_check() (check.c), and any SQLITE_CORRUPT at run time says "move
 *   it aside".
 * - SQLite opens every file (database, -wal, -shm) with O_CLOEXEC on Linux
 *   (os_unix.c robust_open), so children never inherit the cache
 *   (SECURITY.md C3); test_store_open checks /proc/self/fdinfo.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "xalloc.h"

/* PRAGMA optimize at close must not keep a quitting interface waiting. */
#define CLOSE_BUSY_TIMEOUT_MS 200

/* ------------------------------------------------------------------ */
/* Checks before the first statement                                   */

enum probe_kind {
	PROBE_MISSING,
	PROBE_EMPTY,
	PROBE_SQLITE,
	PROBE_OPEN_HERE, /* another store of this process has it open */
	PROBE_REFUSED    /* not a regular file, or not SQLite (with *err) */
};

struct probe {
	enum probe_kind kind;
	uint32_t user_version;
	uint32_t application_id;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static char *
advice_move_aside(const char *path, const char *what)
{
	return xasprintf("%s: %s; sitrep will not touch it: move it aside "
	    "(sitrep then starts a new cache there) or choose another file "
	    "with --cache", path, what);
}

/*
 * Looks at the file without SQLite.  O_NONBLOCK so that a FIFO in place of
 * the cache cannot hang us; only regular files go on.
 */
static int
probe_file(const char *path, struct probe *pr, char **err)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char hdr[100];
	struct stat sb;
	size_t got = 0;
	int fd;

	memset(pr, 0, sizeof *pr);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT) {
			pr->kind = PROBE_MISSING;
			return 0;
		}
		store_set_err(err, xasprintf("%s: %s", path, strerror(errno)));
		return -1;
	}
	if (fstat(fd, &sb) != 0) {
		store_set_err(err, xasprintf("%s: %s", path, strerror(errno)));
		close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		pr->kind = PROBE_REFUSED;
		store_set_err(err, advice_move_aside(path,
		    "not a regular file"));
		return -1;
	}
	if (sb.st_size == 0) {
		close(fd);
		pr->kind = PROBE_EMPTY;
		return 0;
	}
	while (got < sizeof hdr) {
		ssize_t k = read(fd, hdr + got, sizeof hdr - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			store_set_err(err, xasprintf("%s: %s", path,
			    strerror(errno)));
			close(fd);
			return -1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	if (got < sizeof hdr || memcmp(hdr, magic, sizeof magic) != 0) {
		pr->kind = PROBE_REFUSED;
		store_set_err(err, advice_move_aside(path,
		    "file is not a database (not a sitrep cache)"));
		return -1;
	}
	pr->kind = PROBE_SQLITE;
	pr->user_version = be32(hdr + 60);
	pr->application_id = be32(hdr + 68);
	return 0;
}

static char *
msg_newer(const char *path, int64_t version)
{
	return xasprintf("%s: the cache was written by a newer sitrep (schema "
	    "%" PRId64 ", this build knows %d); use that sitrep, or move the "
	    "file aside to start a new cache", path, version,
	    store_schema_version());
}

static char *
msg_foreign(const char *path)
{
	return advice_move_aside(path,
	    "an SQLite database of another program, not a sitrep cache");
}

/*
 * Asks the header's questions again through SQLite, which also reads the
 * schema (damage there shows as SQLITE_CORRUPT).  An empty database is
 * fine: it becomes a new cache.  Reads only.
 */
static int
check_identity(struct store *st, int need_current, char **err)
{
	int64_t app, ver, nschema;

	if (store_query_int(st, "PRAGMA application_id", &app, err) != 0 ||
	    store_query_int(st, "PRAGMA user_version", &ver, err) != 0 ||
	    store_query_int(st, "SELECT count(*) FROM sqlite_schema", &nschema,
	    err) != 0)
		return -1;
	if (app == 0 && ver == 0 && nschema == 0)
		return 0;
	if (app != STORE_APPLICATION_ID || ver == 0) {
		store_set_err(err, msg_foreign(st->path));
		return -1;
	}
	if (ver > store_schema_version()) {
		store_set_err(err, msg_newer(st->path, ver));
		return -1;
	}
	if (need_current && ver < store_schema_version()) {
		store_set_err(err, xasprintf("%s: the cache is from an older "
		    "sitrep (schema %" PRId64 "); run sitrep once without "
		    "read-only access (e.g. `sitrep refresh`) to upgrade it",
		    st->path, ver));
		return -1;
	}
	return 0;
}

/* D1 and the performance settings; journal_mode only for writers. */
static int
apply_settings(struct store *st, char **err)
{
	static const char *const pragmas[] = {
		"PRAGMA synchronous = NORMAL",
		"PRAGMA foreign_keys = ON",
		/*
		 * 4 MiB of page cache and no mmap: the interface promises
		 * 20 MB RSS on a 100k-article cache and a refresh 40 MB, and
		 * mapped pages count.  The kernel's page cache keeps reads
		 * fast all the same: 8 MiB made no refresh, page or count
		 * measurably faster, and cost a cold refresh 4 MB of RSS.
		 */
		"PRAGMA cache_size = -4096",
		"PRAGMA temp_store = MEMORY",
		"PRAGMA mmap_size = 0",
		/* A 100 MB ingest must not leave a 100 MB log behind. */
		"PRAGMA journal_size_limit = 67108864",
	};
	sqlite3_stmt *s = NULL;
	int rc = -1;

	if (!st->readonly) {
		const char *mode;

		if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1,
		    &s, NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
			store_fail(st, err, "switching to write-ahead logging");
			goto out;
		}
		mode = (const char *)sqlite3_column_text(s, 0);
		if (mode == NULL || strcmp(mode, "wal") != 0) {
			store_set_err(err, xasprintf("%s: cannot use "
			    "write-ahead logging (journal mode stays '%s'); "
			    "put the cache on a local file system", st->path,
			    mode != NULL ? mode : "?"));
			goto out;
		}
	}
	for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++)
		if (store_exec(st, pragmas[i], err,
		    "configuring the cache") != 0)
			goto out;
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

/* "file:PATH?QUERY" for sqlite3_open_v2 with SQLITE_OPEN_URI. */
static char *
uri_of(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	struct str u = STR_INIT;

	/* "file:///abs" or "file:rel"; the characters URIs reserve escaped */
	str_appendz(&u, path[0] == '/' ? "file://" : "file:");
	for (const char *p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#') {
			str_appendc(&u, '%');
			str_appendc(&u, hex[(unsigned char)*p >> 4]);
			str_appendc(&u, hex[(unsigned char)*p & 15]);
		} else {
			str_appendc(&u, *p);
		}
	}
	str_appendc(&u, '?');
	str_appendz(&u, query);
	return str_steal(&u);
}

/*
 * The identity check on a cache nobody has open (no -wal beside it),
 * through an immutable read-only connection: SQLite then creates no -wal or
 * -shm and takes no lock, so a file we refuse (a damaged one, say) is left
 * exactly as it was.  With a -wal present the normal connection checks
 * instead, as the log may hold what the file does not.
 */
static int
check_untouched(const char *path, int need_current, char **err)
{
	struct store tmp;
	char *wal = xasprintf("%s-wal", path), *uri;
	struct stat sb;
	int rc;

	if (stat(wal, &sb) == 0) {
		free(wal);
		return 0;
	}
	free(wal);
	memset(&tmp, 0, sizeof tmp);
	tmp.path = (char *)path;
	tmp.readonly = 1;
	uri = uri_of(path, "immutable=1");
	rc = sqlite3_open_v2(uri, &tmp.db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		if (tmp.db == NULL)
			store_set_err(err, xasprintf("%s: cannot open the "
			    "cache", path));
		else
			store_fail(&tmp, err, "cannot open the cache");
		sqlite3_close_v2(tmp.db);
		return -1;
	}
	rc = check_identity(&tmp, need_current, err);
	sqlite3_close_v2(tmp.db);
	return rc;
}

static void
store_free(struct store *st)
{
	if (st == NULL)
		return;
	store_file_release(st);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

/* 1 when path's folder lets us create files (the -wal and -shm). */
static int
folder_writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int ok;

	if (slash == NULL)
		return access(".", W_OK | X_OK) == 0;
	dir = slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	ok = access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
}

static int
sidecar_present(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	struct stat sb;
	int found = stat(p, &sb) == 0;

	free(p);
	return found;
}

static char *
msg_folder(const char *path)
{
	return xasprintf("%s: the cache's folder is not writable, and SQLite "
	    "keeps the cache's log (-wal, -shm) beside it; fix the folder's "
	    "permissions or use --cache FILE", path);
}

/* ------------------------------------------------------------------ */
/* Open and close                                                      */

/*
 * target: the schema version to end at (store_schema_version() for normal
 * use); ignored when readonly, which requires the current one.
 */
static struct store *
open_cache(const char *path, int readonly, int target, char **cause)
{
	struct store *st = NULL;
	struct probe pr;
	char *err = NULL;
	int flags, rc, locked_dir;

	if (path == NULL || *path == '\0') {
		err = xstrdup("no cache path given");
		goto fail;
	}
	if (store_file_open_here(path)) {
		/* Checked when first opened; probing would drop its locks. */
		memset(&pr, 0, sizeof pr);
		pr.kind = PROBE_OPEN_HERE;
	} else if (probe_file(path, &pr, &err) != 0) {
		goto fail;
	}
	if (readonly && pr.kind != PROBE_SQLITE && pr.kind != PROBE_OPEN_HERE) {
		err = xasprintf("%s: %s; run `sitrep refresh` first to create "
		    "the cache", path, pr.kind == PROBE_MISSING ?
		    "no cache there" : "the cache is empty");
		goto fail;
	}
	if (pr.kind == PROBE_SQLITE) {
		if (pr.application_id != 0 &&
		    pr.application_id != STORE_APPLICATION_ID) {
			err = msg_foreign(path);
			goto fail;
		}
		if (pr.application_id == STORE_APPLICATION_ID &&
		    pr.user_version > (uint32_t)store_schema_version()) {
			err = msg_newer(path, pr.user_version);
			goto fail;
		}
		if (check_untouched(path, readonly, &err) != 0)
			goto fail;
	}

	if (pr.kind == PROBE_MISSING && !readonly) {
		/*
		 * The cache may hold articles of feeds behind a login: create
		 * it private.  SQLite gives -wal and -shm the same mode.
		 */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
		    O_NOCTTY, 0600);

		if (fd >= 0)
			close(fd);
		else if (errno != EEXIST) {
			err = xasprintf("%s: cannot create the cache: %s", path,
			    strerror(errno));
			goto fail;
		}
	}

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->readonly = readonly;
	/*
	 * Read-only is enforced with PRAGMA query_only rather than
	 * SQLITE_OPEN_READONLY: a read-only connection cannot remove the -wal
	 * and -shm it creates, so every `sitrep list` would leave them behind.
	 * Without CREATE a missing file is still an error, and SQLite falls
	 * back to a read-only open by itself when the file is write-protected.
	 */
	flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE |
	    (readonly ? 0 : SQLITE_OPEN_CREATE);
	locked_dir = pr.kind == PROBE_SQLITE && !folder_writable(path);
	if (locked_dir && !readonly) {
		err = msg_folder(path);
		goto fail;
	}
	/*
	 * Reading a cache in a folder we cannot write to: SQLite could not
	 * make the -shm it reads a log through, so with no log there (no
	 * writer has the file open) the file is read as it stands.
	 */
	if (locked_dir && !sidecar_present(path, "-wal")) {
		char *uri = uri_of(path, "immutable=1");

		rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_NOMUTEX |
		    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		free(uri);
	} else {
		rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	}
	if (rc != SQLITE_OK) {
		if (st->db == NULL)
			err = xasprintf("%s: cannot open the cache (out of "
			    "memory)", path);
		else
			store_fail(st, &err, "cannot open the cache");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	if (store_register_functions(st, &err) != 0)
		goto fail;
	if (!readonly && sqlite3_db_readonly(st->db, "main") == 1) {
		err = xasprintf("%s: the cache file is not writable; fix its "
		    "permissions or use --cache FILE", path);
		goto fail;
	}
	if (readonly && store_exec(st, "PRAGMA query_only = ON", &err,
	    "opening the cache read-only") != 0)
		goto fail;
	if (check_identity(st, readonly, &err) != 0)
		goto fail;
	if (apply_settings(st, &err) != 0)
		goto fail;
	if (!readonly && store_migrate(st, target, &err) != 0)
		goto fail;
	if (!readonly && target >= 4 && store_fts_refresh(st, &err) != 0)
		goto fail;
	store_file_hold(st);
	return st;
fail:
	store_free(st);
	store_give_cause(cause, err);
	return NULL;
}

/*
 * A connection that only looks (sitrep check, --repair's source): read-only
 * and, when no -wal is beside the file, immutable, so that SQLite takes no
 * lock and creates nothing next to it.  Unlike open_cache it opens an
 * older cache as it is and a damaged one as far as it can (damage in the
 * schema leaves st->damaged set: every read then fails and says so).
 */
struct store *
store_open_inspect(const char *path, enum store_verdict *verdict,
    char **cause)
{
	struct store *st = NULL;
	struct probe pr;
	struct stat sb;
	char *err = NULL, *wal, *uri;
	int rc;

	*verdict = STORE_UNREADABLE;
	if (store_file_open_here(path)) {
		memset(&pr, 0, sizeof pr);
		pr.kind = PROBE_OPEN_HERE;
	} else if (probe_file(path, &pr, &err) != 0) {
		if (pr.kind == PROBE_REFUSED)
			*verdict = STORE_NOT_CACHE;
		goto fail;
	}
	switch (pr.kind) {
	case PROBE_MISSING:
		err = xasprintf("%s: no cache there (sitrep refresh makes one)",
		    path);
		goto fail;
	case PROBE_EMPTY:
		*verdict = STORE_SOUND;
		err = xasprintf("%s: an empty file, which sitrep makes a new "
		    "cache of at the next refresh", path);
		goto fail;
	case PROBE_SQLITE:
		if (pr.application_id != 0 &&
		    pr.application_id != STORE_APPLICATION_ID) {
			*verdict = STORE_NOT_CACHE;
			err = msg_foreign(path);
			goto fail;
		}
		if (pr.application_id == STORE_APPLICATION_ID &&
		    pr.user_version > (uint32_t)store_schema_version()) {
			*verdict = STORE_NOT_CACHE;
			err = msg_newer(path, pr.user_version);
			goto fail;
		}
		break;
	default:
		break;
	}
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->readonly = 1;
	wal = xasprintf("%s-wal", path);
	uri = uri_of(path, stat(wal, &sb) == 0 ? "mode=ro" : "immutable=1");
	free(wal);
	rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		if (st->db == NULL)
			err = xasprintf("%s: cannot open the cache (out of "
			    "memory)", path);
		else
			store_fail(st, &err, "cannot open the cache");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	if (store_register_functions(st, &err) != 0)
		goto fail;
	/*
	 * What `.recover` does too: a file shorter than its header says (cut
	 * off by a full disk or a bad copy) is read as far as it goes instead
	 * of refused whole.  The connection is read-only, so the pragma lets
	 * nothing be written.
	 */
	sqlite3_exec(st->db, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
	if (check_identity(st, 0, &err) != 0) {
		if (store_damaged(st)) {
			/* Unreadable schema: the check reports it. */
			free(err);
			return st;
		}
		*verdict = STORE_NOT_CACHE;
		goto fail;
	}
	return st;
fail:
	store_free(st);
	store_give_cause(cause, err);
	return NULL;
}

int
store_make_parent_dirs(const char *path, char **cause)
{
	char *p = xstrdup(path);
	int rc = 0;

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			store_give_cause(cause, xasprintf("cannot create %s: "
			    "%s", p, strerror(errno)));
			rc = -1;
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

int
store_make_cache_dir(const char *path, int parents, char **cause)
{
	char *dir, *slash;
	struct stat sb;
	int rc = 0;

	if (parents)
		return store_make_parent_dirs(path, cause);
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			store_give_cause(cause, xasprintf("%s is not a directory: "
			    "the cache %s cannot be made there", dir, path));
			rc = -1;
		}
	} else if (mkdir(dir, 0700) < 0) {
		store_give_cause(cause, xasprintf("cannot create %s for the "
		    "cache %s: %s%s", dir, path, strerror(errno),
		    errno == ENOENT ? " (only the cache's own directory is "
		    "created: is the path mistyped?)" : ""));
		rc = -1;
	}
	free(dir);
	return rc;
}

struct store *
store_open(const char *path, char **cause)
{
	return open_cache(path, 0, store_schema_version(), cause);
}

struct store *
store_open_readonly(const char *path, char **cause)
{
	return open_cache(path, 1, store_schema_version(), cause);
}

int
store_migrate_path_to(const char *path, int version, char **cause)
{
	struct store *st;

	if (version < 1 || version > store_schema_version()) {
		store_give_cause(cause, xasprintf("schema version %d does not "
		    "exist (this build knows 1 to %d)", version,
		    store_schema_version()));
		return -1;
	}
	st = open_cache(path, 0, version, cause);
	if (st == NULL)
		return -1;
	store_free(st);
	return 0;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (!st->readonly && !store_damaged(st)) {
		/*
		 * Keeps the planner's statistics current (SQLite's advice
		 * for every closing connection); bounded so it stays cheap,
		 * and skipped rather than waited for when another process
		 * writes -- and never on a damaged file, which is written
		 * no more.
		 */
		sqlite3_busy_timeout(st->db, CLOSE_BUSY_TIMEOUT_MS);
		sqlite3_exec(st->db, "PRAGMA analysis_limit = 400;"
		    "PRAGMA optimize", NULL, NULL, NULL);
	}
	store_free(st);
}

struct sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

int64_t
store_data_version(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, ST_DATA_VERSION, "PRAGMA data_version",
	    NULL);
	int64_t v;

	if (s == NULL ||
	    store_step_int(st, s, &v, NULL, "reading the data version") != 1)
		return -1;
	return v;
}
