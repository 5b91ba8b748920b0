/*
 * store: the SQLite cache.  Every test works on real files in a scratch
 * directory (SITREP_TEST_TMP, else a fresh one under /tmp): WAL, locking
 * and crash behaviour only exist on disk.  Documents are built by hand the
 * way the feed parser would hand them over.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "checkpoint.h"
#include "date.h"
#include "feed.h"
#include "store.h"
#include "str.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define T0 ((int64_t)1700000000) /* 2023-11-14, a fixed "now" */
#define DAY ((int64_t)86400)

/* ---- scratch files ---- */

static char *scratch_dir;

static int
setup_scratch(void **state)
{
	const char *env = getenv("SITREP_TEST_TMP");
	char tmpl[] = "/tmp/sitrep-test-store.XXXXXX";

	(void)state;
	if (env != NULL && *env != '\0') {
		scratch_dir = xasprintf("%s/store.%ld", env, (long)getpid());
		if (mkdir(scratch_dir, 0700) != 0 && errno != EEXIST)
			return -1;
	} else {
		if (mkdtemp(tmpl) == NULL)
			return -1;
		scratch_dir = xstrdup(tmpl);
	}
	return 0;
}

static void
unlink_db(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < NELEM(sfx); i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);

		unlink(p);
		free(p);
	}
}

static int
teardown_scratch(void **state)
{
	DIR *d;
	struct dirent *e;

	(void)state;
	if ((d = opendir(scratch_dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char *p;

			if (e->d_name[0] == '.')
				continue;
			p = xasprintf("%s/%s", scratch_dir, e->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(scratch_dir);
	free(scratch_dir);
	return 0;
}

/* Returns owned: a path in the scratch directory with nothing there. */
static char *
db_path(const char *name)
{
	char *p = xasprintf("%s/%s.db", scratch_dir, name);

	unlink_db(p);
	return p;
}

static int
file_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static int
sidecar_exists(const char *path, const char *sfx)
{
	char *p = xasprintf("%s%s", path, sfx);
	int r = file_exists(p);

	free(p);
	return r;
}

static char *
slurp(const char *path, size_t *n)
{
	struct str s = STR_INIT;
	char buf[4096];
	FILE *f = fopen(path, "rb");
	size_t k;

	assert_non_null(f);
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	fclose(f);
	*n = s.len;
	return str_steal(&s);
}

static void
spit(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* ---- raw SQL helpers (through the store's own connection) ---- */

static int64_t
sql_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static char *
sql_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

static void
sql_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* Articles whose index row matches an FTS5 query. */
static int64_t
fts_count(struct store *st, const char *match)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT count(*)"
	    " FROM items_fts WHERE items_fts MATCH ?1", -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int64_t
item_id_by_guid(struct store *st, const char *guid)
{
	sqlite3_stmt *s;
	int64_t v = 0;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT id FROM"
	    " items WHERE guid = ?1", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, guid, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
check_ok(struct store *st)
{
	char *cause = NULL;

	if (store_check(st, &cause) != 0)
		fail_msg("store_check: %s", cause);
}

/* ---- documents built by hand ---- */

static struct feed_doc *
doc_new(const char *title)
{
	struct feed_doc *d = xcalloc(1, sizeof *d);

	d->format = FEED_FORMAT_RSS;
	d->title = title ? xstrdup(title) : NULL;
	return d;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Returns borrowed: valid until the next doc_add on d. */
static struct feed_item *
doc_add(struct feed_doc *d, const char *guid, const char *url,
    const char *title, int64_t published, const char *content)
{
	struct feed_item *it;

	d->items = xreallocarray(d->items, d->nitems + 1, sizeof *d->items);
	it = &d->items[d->nitems++];
	memset(it, 0, sizeof *it);
	it->guid = dup_or_null(guid);
	it->url = dup_or_null(url);
	it->title = dup_or_null(title);
	it->published = published;
	it->updated = DATE_UNKNOWN;
	it->content = dup_or_null(content);
	return it;
}

static void
item_add_enclosure(struct feed_item *it, const char *url, const char *type,
    int64_t length)
{
	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof *it->enclosures);
	it->enclosures[it->nenclosures].url = xstrdup(url);
	it->enclosures[it->nenclosures].type = dup_or_null(type);
	it->enclosures[it->nenclosures].length = length;
	it->nenclosures++;
}

static struct store_fetch_outcome
ok_outcome(int64_t at)
{
	struct store_fetch_outcome o;

	memset(&o, 0, sizeof o);
	o.fetched_at = at;
	o.http_status = 200;
	o.next_due = at + 3600;
	return o;
}

static struct store *
open_ok(const char *path)
{
	char *cause = NULL;
	struct store *st = store_open(path, &cause);

	if (st == NULL)
		fail_msg("store_open: %s", cause);
	return st;
}

static void
sync_ok(struct store *st, const char *key, const char *url)
{
	char *cause = NULL;

	if (store_feed_sync(st, key, url, NULL, &cause) != 0)
		fail_msg("store_feed_sync: %s", cause);
}

static struct store_ingest_stats
apply_ok(struct store *st, const char *key, int64_t at,
    const struct feed_doc *doc)
{
	struct store_fetch_outcome o = ok_outcome(at);
	struct store_ingest_stats stats;
	char *cause = NULL;

	if (store_feed_apply(st, key, &o, doc, &stats, &cause) != 0)
		fail_msg("store_feed_apply: %s", cause);
	return stats;
}

/* ---- opening: settings, descriptors ---- */

static void
test_open_settings(void **state)
{
	char *path = db_path("settings");
	struct store *st;
	sqlite3 *db;
	char *mode;

	(void)state;
	st = open_ok(path);
	db = store_db(st);
	assert_string_equal(store_path(st), path);
	{
		/* Private: it may hold articles of feeds behind a login. */
		struct stat sb;
		char *wal = xasprintf("%s-wal", path);

		sync_ok(st, "k", "http://example.org/feed");
		assert_int_equal(stat(path, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
		assert_int_equal(stat(wal, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
		free(wal);
	}
	mode = sql_text(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(sql_int(db, "PRAGMA synchronous"), 1); /* NORMAL */
	assert_true(sql_int(db, "PRAGMA busy_timeout") >= 5000);
	assert_int_equal(sql_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(sql_int(db, "PRAGMA temp_store"), 2); /* MEMORY */
	assert_int_equal(sql_int(db, "PRAGMA user_version"),
	    store_schema_version());
	assert_int_equal(sql_int(db, "PRAGMA application_id"), 0x73726570);
	assert_true(store_schema_version() >= 2);
	store_close(st);

	/* Opening again changes nothing and works. */
	st = open_ok(path);
	store_close(st);
	unlink_db(path);

	/* Characters that mean something in SQLite URIs. */
	{
		char *odd = db_path("we?ird #name %20&x=1");

		st = open_ok(odd);
		sync_ok(st, "k", "http://example.org/feed");
		store_close(st);
		st = open_ok(odd);
		assert_int_equal(sql_int(store_db(st), "SELECT count(*) FROM"
		    " feeds"), 1);
		store_close(st);
		unlink_db(odd);
		free(odd);
	}

	/* A 0-byte file is a new cache. */
	spit(path, "", 0);
	st = open_ok(path);
	assert_int_equal(sql_int(store_db(st), "PRAGMA user_version"),
	    store_schema_version());
	store_close(st);
	unlink_db(path);
	free(path);
}

/* SECURITY.md C3: SQLite opens db, -wal and -shm with O_CLOEXEC. */
static void
test_open_cloexec(void **state)
{
	char *path = db_path("cloexec");
	struct store *st;
	DIR *d;
	struct dirent *e;
	int seen = 0;

	(void)state;
	if ((d = opendir("/proc/self/fd")) == NULL)
		skip();
	st = open_ok(path);
	sync_ok(st, "k", "http://example.org/feed");
	while ((e = readdir(d)) != NULL) {
		char link[300], target[4096], info[300], line[256];
		ssize_t k;
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
		k = readlink(link, target, sizeof target - 1);
		if (k < 0)
			continue;
		target[k] = '\0';
		if (strncmp(target, path, strlen(path)) != 0)
			continue;
		snprintf(info, sizeof info, "/proc/self/fdinfo/%s", e->d_name);
		assert_non_null(f = fopen(info, "r"));
		while (fgets(line, sizeof line, f) != NULL) {
			unsigned long flags;

			if (sscanf(line, "flags: %lo", &flags) == 1) {
				assert_true(flags & O_CLOEXEC);
				seen++;
			}
		}
		fclose(f);
	}
	closedir(d);
	/* The database and its -wal at least (-shm may be mapped only). */
	assert_true(seen >= 2);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- D4: files that are not ours are refused and left alone ---- */

enum bad_kind {
	BAD_TEXT,
	BAD_SHORT,
	BAD_FOREIGN,
	BAD_FOREIGN_APPID,
	BAD_NEWER,
	BAD_DAMAGED,
	BAD_FIFO,
};

struct bad_case {
	const char *name;
	enum bad_kind kind;
	const char *want; /* in the message */
};

static const struct bad_case bad_cases[] = {
	{ "text", BAD_TEXT, "not a database" },
	{ "short", BAD_SHORT, "not a database" },
	{ "foreign", BAD_FOREIGN, "another program" },
	{ "foreign-appid", BAD_FOREIGN_APPID, "another program" },
	{ "newer", BAD_NEWER, "newer sitrep" },
	{ "damaged", BAD_DAMAGED, "damaged" },
	{ "fifo", BAD_FIFO, "not a regular file" },
};

static void
make_foreign(const char *path, int appid)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sql_exec(db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
	    "INSERT INTO notes (body) VALUES ('mine, not sitrep''s');");
	if (appid)
		sql_exec(db, "PRAGMA application_id = 1234");
	sqlite3_close(db);
}

/* A real cache with an article; then closed (checkpointed). */
static void
make_cache(const char *path)
{
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");

	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", "http://example.org/1", "One", T0, "<p>x</p>");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	store_close(st);
}

static void
make_bad(const char *path, enum bad_kind kind)
{
	static const char text[] = "[general]\nthis is a config file, not a"
	    " cache; it is long enough to fill SQLite's header and more.....\n"
	    "..................................................................";
	sqlite3 *db;
	size_t n;
	char *bytes;

	switch (kind) {
	case BAD_TEXT:
		spit(path, text, sizeof text - 1);
		break;
	case BAD_SHORT:
		spit(path, "SQLite format 3", 16);
		break;
	case BAD_FOREIGN:
		make_foreign(path, 0);
		break;
	case BAD_FOREIGN_APPID:
		make_foreign(path, 1);
		break;
	case BAD_NEWER:
		make_cache(path);
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		sql_exec(db, "PRAGMA user_version = 99");
		sqlite3_close(db);
		break;
	case BAD_DAMAGED:
		make_cache(path);
		bytes = slurp(path, &n);
		assert_true(n > 4096);
		/* Page 1 past the file header: the schema's b-tree page. */
		memset(bytes + 100, 0xA5, 400);
		spit(path, bytes, n);
		free(bytes);
		break;
	case BAD_FIFO:
		assert_int_equal(mkfifo(path, 0600), 0);
		break;
	}
}

static void
test_open_refuses(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		char *name = xasprintf("bad-%s", c->name);
		char *path = db_path(name);
		char *before = NULL, *after = NULL, *cause = NULL;
		size_t nb = 0, na = 0;
		struct store *st;

		make_bad(path, c->kind);
		if (c->kind != BAD_FIFO)
			before = slurp(path, &nb);
		for (int ro = 0; ro < 2; ro++) {
			st = ro ? store_open_readonly(path, &cause) :
			    store_open(path, &cause);
			if (st != NULL)
				fail_msg("%s: opened", c->name);
			assert_non_null(cause);
			if (strstr(cause, path) == NULL ||
			    strstr(cause, c->want) == NULL)
				fail_msg("%s: message '%s'", c->name, cause);
			if (c->kind != BAD_NEWER &&
			    strstr(cause, "move it aside") == NULL)
				fail_msg("%s: no advice in '%s'", c->name,
				    cause);
			free(cause);
			cause = NULL;
		}
		if (c->kind != BAD_FIFO) {
			after = slurp(path, &na);
			assert_int_equal(na, nb);
			assert_memory_equal(before, after, nb);
		}
		if (sidecar_exists(path, "-wal") ||
		    sidecar_exists(path, "-shm"))
			fail_msg("%s: -wal or -shm left behind", c->name);
		assert_int_equal(store_migrate_path_to(path, 1, &cause), -1);
		free(cause);
		free(before);
		free(after);
		unlink_db(path);
		free(path);
		free(name);
	}
}

static void
test_open_readonly(void **state)
{
	char *path = db_path("readonly");
	char *cause = NULL;
	struct store *st;
	struct store_item *items;
	size_t n;

	(void)state;
	/* Read-only never creates. */
	assert_null(store_open_readonly(path, &cause));
	assert_non_null(strstr(cause, path));
	free(cause);
	cause = NULL;
	assert_false(file_exists(path));
	spit(path, "", 0);
	assert_null(store_open_readonly(path, &cause));
	free(cause);
	cause = NULL;
	unlink_db(path);

	/* An older schema needs one read-write start first. */
	assert_int_equal(store_migrate_path_to(path, 1, &cause), 0);
	assert_null(store_open_readonly(path, &cause));
	assert_non_null(strstr(cause, "older"));
	free(cause);
	cause = NULL;
	unlink_db(path);

	make_cache(path);
	st = store_open_readonly(path, &cause);
	assert_non_null(st);
	assert_int_equal(store_item_list(st, NULL, &items, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_item_set_flag(st, items[0].id,
	    STORE_FLAG_READ, 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	store_items_free(items, n);
	assert_true(store_data_version(st) >= 0);
	/* Not even the raw connection writes. */
	assert_int_equal(sqlite3_exec(store_db(st), "UPDATE items SET"
	    " read = 1", NULL, NULL, NULL) & 0xff, SQLITE_READONLY);
	store_close(st);
	/* A reader leaves no -wal or -shm behind. */
	assert_false(sidecar_exists(path, "-wal"));
	assert_false(sidecar_exists(path, "-shm"));
	unlink_db(path);
	free(path);
}

/* ---- migrations ---- */

static void
test_migrate_v1_to_latest(void **state)
{
	char *path = db_path("migrate");
	char *cause = NULL;
	struct store *st;
	struct store_item it;
	sqlite3 *db;
	int64_t id;

	(void)state;
	assert_int_equal(store_migrate_path_to(path, 0, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(store_migrate_path_to(path,
	    store_schema_version() + 1, &cause), -1);
	free(cause);
	cause = NULL;
	if (store_migrate_path_to(path, 1, &cause) != 0)
		fail_msg("migrate to 1: %s", cause);

	/* What a version-1 sitrep would have written. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sql_int(db, "PRAGMA user_version"), 1);
	sql_exec(db,
	    "INSERT INTO feeds (id, key, url, title, etag)"
	    " VALUES (1, 'old', 'http://example.org/old', 'Old feed', 'E1');"
	    "INSERT INTO items (id, feed_id, uid, guid, title, content,"
	    " first_seen, sort_time, hash, read, starred)"
	    " VALUES (10, 1, 'g-old', 'g-old', 'Heritage',"
	    " '<p>ancient parchment</p>', 100, 100, 1, 1, 1);"
	    "INSERT INTO items (id, feed_id, uid, guid, title, first_seen,"
	    " sort_time, hash, dismissed)"
	    " VALUES (11, 1, 'g-two', 'g-two', 'Second', 90, 90, 2, 1);"
	    "INSERT INTO items_fts (rowid, title, summary, content)"
	    " VALUES (10, 'Heritage', NULL, 'ancient parchment'),"
	    " (11, 'Second', NULL, NULL);"
	    "INSERT INTO item_categories VALUES (10, 0, 'History');"
	    "INSERT INTO tags (id, name) VALUES (1, 'keep'), (2, 'brief');"
	    "INSERT INTO item_tags VALUES (10, 1), (10, 2);");
	sqlite3_close(db);

	st = open_ok(path);
	db = store_db(st);
	assert_int_equal(sql_int(db, "PRAGMA user_version"),
	    store_schema_version());
	assert_int_equal(sql_int(db, "SELECT count(*) FROM item_topics"), 0);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM item_countries"),
	    0);
	assert_int_equal(store_item_get(st, 10, &it, &cause), 1);
	assert_string_equal(it.title, "Heritage");
	assert_int_equal(it.read, 1);
	assert_int_equal(it.starred, 1);
	assert_int_equal(it.tags.n, 2);
	assert_string_equal(it.tags.v[0], "brief");
	assert_string_equal(it.tags.v[1], "keep");
	assert_int_equal(it.categories.n, 1);
	assert_null(it.fulltext);
	store_item_clear(&it);
	assert_int_equal(store_item_get(st, 11, &it, &cause), 1);
	assert_int_equal(it.dismissed, 1);
	store_item_clear(&it);
	/* The index came along and gained the fulltext column. */
	assert_int_equal(fts_count(st, "parchment"), 1);
	assert_int_equal(store_item_set_fulltext(st, 10,
	    "<article><p>Lost <em>scrolls</em> found.</p></article>", &cause),
	    1);
	assert_int_equal(fts_count(st, "scrolls"), 1);
	assert_int_equal(fts_count(st, "fulltext:scrolls"), 1);
	assert_int_equal(fts_count(st, "parchment"), 1);
	/* Ingest works on the migrated cache and keeps the old state. */
	{
		struct feed_doc *doc = doc_new("Old feed");

		doc_add(doc, "g-old", NULL, "Heritage", DATE_UNKNOWN,
		    "<p>new vellum</p>");
		apply_ok(st, "old", T0, doc);
		feed_doc_free(doc);
	}
	id = item_id_by_guid(st, "g-old");
	assert_int_equal(id, 10);
	assert_int_equal(store_item_get(st, 10, &it, &cause), 1);
	assert_int_equal(it.read, 1);
	assert_int_equal(it.starred, 1);
	assert_int_equal(it.tags.n, 2);
	assert_int_equal(it.first_seen, 100);
	assert_non_null(it.fulltext);
	store_item_clear(&it);
	assert_int_equal(fts_count(st, "vellum"), 1);
	assert_int_equal(fts_count(st, "scrolls"), 1);
	check_ok(st);
	store_close(st);

	/* Going back is refused. */
	assert_int_equal(store_migrate_path_to(path, 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
	unlink_db(path);
	free(path);
}

/* ---- ingest ---- */

static void
test_identity(void **state)
{
	char *path = db_path("identity");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_ingest_stats s;
	sqlite3 *db = store_db(st);
	int64_t changes;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	/* guid */
	doc_add(doc, "tag:x,2023:1", "http://example.org/a", "A", T0, "a");
	/* link only */
	doc_add(doc, NULL, "http://example.org/b", "B", T0, "b");
	/* neither: title + date; two titles are two articles */
	doc_add(doc, NULL, NULL, "Untitled link-less one", T0 - 60, "c");
	doc_add(doc, NULL, NULL, "Another link-less one", T0 - 60, "d");
	/* the same title and date again: the same article */
	doc_add(doc, NULL, NULL, "Untitled link-less one", T0 - 60, "c2");
	/* nothing but a summary: keyed by it, not collapsed with others */
	doc_add(doc, NULL, NULL, NULL, DATE_UNKNOWN, "only text one");
	doc_add(doc, NULL, NULL, NULL, DATE_UNKNOWN, "only text two");
	s = apply_ok(st, "k", T0, doc);
	assert_int_equal(s.added, 6);
	assert_int_equal(s.unchanged, 1); /* the duplicate */
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 6);
	/* Within one document the first occurrence wins. */
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items WHERE"
	    " content = 'c'"), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items WHERE"
	    " uid LIKE 'h:%'"), 5 - 1);
	/* Stored identities must never change between versions, or every
	 * such article would come back as new: pin one. */
	{
		char *uid = sql_text(db, "SELECT uid FROM items WHERE"
		    " title = 'Another link-less one'");

		assert_string_equal(uid, "h:acaad75044e0642f");
		free(uid);
	}

	/* The same document again writes only the feed's own row. */
	changes = sqlite3_total_changes(db);
	s = apply_ok(st, "k", T0 + 3600, doc);
	assert_int_equal(s.added, 0);
	assert_int_equal(s.updated, 0);
	assert_int_equal(s.unchanged, 7);
	assert_int_equal(sqlite3_total_changes(db) - changes, 1);
	feed_doc_free(doc);

	/* guid first: a new link under the same guid is the same article. */
	doc = doc_new("Feed");
	doc_add(doc, "tag:x,2023:1", "http://example.org/moved", "A", T0, "a");
	/* a guid equal to nothing stored makes a new one, link or not */
	doc_add(doc, "tag:x,2023:2", "http://example.org/b", "B", T0, "b");
	s = apply_ok(st, "k", T0 + 7200, doc);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.added, 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items WHERE"
	    " url = 'http://example.org/moved'"), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 7);
	feed_doc_free(doc);

	/* The same guid in another feed is another article. */
	sync_ok(st, "other", "http://example.net/feed");
	doc = doc_new("Other");
	doc_add(doc, "tag:x,2023:1", NULL, "A elsewhere", T0, "a");
	s = apply_ok(st, "other", T0, doc);
	assert_int_equal(s.added, 1);
	feed_doc_free(doc);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

static void
test_update_keeps_state(void **state)
{
	char *path = db_path("keep");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_ingest_stats s;
	struct store_item it;
	char *cause = NULL;
	int64_t id;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", "http://example.org/1", "First title", T0 - 600,
	    "<p>original alpha text</p>");
	doc_add(doc, "g2", "http://example.org/2", "Other", T0 - 1200, "o");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);

	id = item_id_by_guid(st, "g1");
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_READ, 1,
	    &cause), 1);
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_STARRED, 1,
	    &cause), 1);
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_DISMISSED, 1,
	    &cause), 1);
	assert_int_equal(store_item_tag(st, id, "brief", 1, &cause), 1);
	assert_int_equal(fts_count(st, "alpha"), 1);

	doc = doc_new("Feed");
	doc_add(doc, "g1", "http://example.org/1", "Second title", T0 - 600,
	    "<p>revised omega text</p>");
	doc_add(doc, "g2", "http://example.org/2", "Other", T0 - 1200, "o");
	s = apply_ok(st, "k", T0 + 86400, doc);
	feed_doc_free(doc);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.unchanged, 1);
	assert_int_equal(s.added, 0);

	assert_int_equal(item_id_by_guid(st, "g1"), id);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_string_equal(it.title, "Second title");
	assert_string_equal(it.content, "<p>revised omega text</p>");
	assert_int_equal(it.read, 1);
	assert_int_equal(it.starred, 1);
	assert_int_equal(it.dismissed, 1);
	assert_int_equal(it.tags.n, 1);
	assert_string_equal(it.tags.v[0], "brief");
	assert_int_equal(it.first_seen, T0);
	store_item_clear(&it);
	/* The index follows the new text and forgets the old. */
	assert_int_equal(fts_count(st, "alpha"), 0);
	assert_int_equal(fts_count(st, "omega"), 1);
	assert_int_equal(fts_count(st, "\"Second title\""), 1);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

static void
test_fts_plain_text(void **state)
{
	char *path = db_path("fts");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct feed_item *it;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	it = doc_add(doc, "g1", NULL, "Caf\xc3\xa9 culture", T0,
	    "<p>Hello <b>wor</b>ld &amp; <a href=\"http://zebra.example/\""
	    " title=\"giraffe\">link</a></p><script>var hidden;</script>");
	it->summary = xstrdup("<p>A short <i>summary</i> of it</p>");
	it = doc_add(doc, "g2", NULL, "東京で会議", T0, "<p>same</p>");
	it->summary = xstrdup("<p>same</p>");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);

	assert_int_equal(fts_count(st, "world"), 1);
	assert_int_equal(fts_count(st, "summary"), 1);
	/* Markup, attribute values and scripts are not text. */
	assert_int_equal(fts_count(st, "zebra"), 0);
	assert_int_equal(fts_count(st, "giraffe"), 0);
	assert_int_equal(fts_count(st, "hidden"), 0);
	assert_int_equal(fts_count(st, "href"), 0);
	/* remove_diacritics 2 */
	assert_int_equal(fts_count(st, "cafe"), 1);
	assert_int_equal(fts_count(st, "title:caf\xc3\xa9"), 1);
	assert_int_equal(fts_count(st, "same"), 1);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/*
 * The index keeps no text, so a change of text_from_html() would leave it
 * unable to forget rows; store_meta.fts_text says which one built it and
 * opening rebuilds a stale index.  Simulated here with a stale marker and
 * a stale term.
 */
static void
test_fts_rebuild_when_stale(void **state)
{
	char *path = db_path("ftsstale");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	sqlite3 *db;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", NULL, "Sanctions on shipping", T0,
	    "<p>Regulators named five tankers.</p>");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	db = store_db(st);
	/* A term the current text_from_html would never produce. */
	sql_exec(db, "INSERT INTO items_fts (rowid, title) VALUES"
	    " (999, 'staleword')");
	sql_exec(db, "UPDATE store_meta SET value = 0 WHERE key = 'fts_text'");
	store_close(st);

	st = open_ok(path);
	assert_int_equal(fts_count(st, "staleword"), 0);
	assert_int_equal(fts_count(st, "tankers"), 1);
	assert_int_equal(fts_count(st, "sanctions"), 1);
	assert_int_equal(sql_int(store_db(st),
	    "SELECT value FROM store_meta WHERE key = 'fts_text'"), 1);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/*
 * 1 when another process could take a write lock on the byte range where
 * SQLite keeps its shared locks (SHARED_FIRST, 510 bytes above the 1 GiB
 * PENDING_BYTE), i.e. when no connection holds a shared lock on the file.
 */
static int
shared_lock_free(const char *path)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		struct flock fl = { 0 };
		int fd = open(path, O_RDWR);

		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = 0x40000000 + 2;
		fl.l_len = 510;
		if (fd < 0 || fcntl(fd, F_GETLK, &fl) != 0)
			_exit(2);
		_exit(fl.l_type == F_UNLCK ? 1 : 0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) != 2);
	return WEXITSTATUS(status) == 1;
}

/*
 * POSIX locks belong to the process: opening a second store on a cache this
 * process already has open must not drop the first one's locks (a probe's
 * close() used to, and the interface then read pages a refresh was writing).
 */
static void
test_second_open_keeps_locks(void **state)
{
	char *path = db_path("locks");
	struct store *a = open_ok(path), *b;
	sqlite3 *db = store_db(a);

	(void)state;
	/* Hold a read transaction: a shared lock on the database file. */
	sql_exec(db, "BEGIN");
	assert_true(sql_int(db, "SELECT count(*) FROM feeds") >= 0);
	assert_false(shared_lock_free(path));
	b = open_ok(path);
	assert_false(shared_lock_free(path));
	store_close(b);
	b = store_open_readonly(path, NULL);
	assert_non_null(b);
	assert_false(shared_lock_free(path));
	store_close(b);
	sql_exec(db, "COMMIT");
	store_close(a);
	unlink_db(path);
	free(path);
}

static void
test_lists_round_trip(void **state)
{
	char *path = db_path("lists");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct feed_item *fi;
	struct store_item it, *v;
	char *cause = NULL;
	size_t n;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	fi = doc_add(doc, "ep1", "http://example.org/ep1", "Episode 1", T0,
	    "<p>show notes</p>");
	fi->author = xstrdup("Ann Author, Bob Writer");
	fi->thumbnail = xstrdup("http://example.org/ep1.jpg");
	fi->updated = T0 + 60;
	strv_pushdup(&fi->categories, "Zeta");
	strv_pushdup(&fi->categories, "alpha");
	strv_pushdup(&fi->categories, "Mid dle");
	item_add_enclosure(fi, "http://example.org/ep1.mp3", "audio/mpeg",
	    12345678);
	item_add_enclosure(fi, "http://example.org/ep1.ogg", NULL, 0);
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);

	assert_int_equal(store_item_get(st, item_id_by_guid(st, "ep1"), &it,
	    &cause), 1);
	assert_string_equal(it.feed_key, "k");
	assert_string_equal(it.feed_title, "Feed");
	assert_string_equal(it.guid, "ep1");
	assert_string_equal(it.url, "http://example.org/ep1");
	assert_string_equal(it.author, "Ann Author, Bob Writer");
	assert_string_equal(it.thumbnail, "http://example.org/ep1.jpg");
	assert_int_equal(it.published, T0);
	assert_int_equal(it.updated, T0 + 60);
	assert_int_equal(it.categories.n, 3);
	assert_string_equal(it.categories.v[0], "Zeta");
	assert_string_equal(it.categories.v[1], "alpha");
	assert_string_equal(it.categories.v[2], "Mid dle");
	assert_int_equal(it.nenclosures, 2);
	assert_string_equal(it.enclosures[0].url,
	    "http://example.org/ep1.mp3");
	assert_string_equal(it.enclosures[0].type, "audio/mpeg");
	assert_int_equal(it.enclosures[0].length, 12345678);
	assert_string_equal(it.enclosures[1].url,
	    "http://example.org/ep1.ogg");
	assert_null(it.enclosures[1].type);
	assert_int_equal(it.enclosures[1].length, 0);
	assert_null(it.summary);
	assert_string_equal(it.content, "<p>show notes</p>");
	store_item_clear(&it);

	/* List results leave out the heavy parts. */
	assert_int_equal(store_item_list(st, NULL, &v, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_null(v[0].content);
	assert_null(v[0].summary);
	assert_int_equal(v[0].categories.n, 0);
	assert_int_equal(v[0].nenclosures, 0);
	assert_string_equal(v[0].author, "Ann Author, Bob Writer");
	store_items_free(v, n);

	/* A changed enclosure list replaces the old one. */
	doc = doc_new("Feed");
	fi = doc_add(doc, "ep1", "http://example.org/ep1", "Episode 1", T0,
	    "<p>show notes</p>");
	strv_pushdup(&fi->categories, "alpha");
	item_add_enclosure(fi, "http://example.org/ep1-v2.mp3", "audio/mpeg",
	    99);
	apply_ok(st, "k", T0 + 60, doc);
	feed_doc_free(doc);
	assert_int_equal(store_item_get(st, item_id_by_guid(st, "ep1"), &it,
	    &cause), 1);
	assert_int_equal(it.categories.n, 1);
	assert_int_equal(it.nenclosures, 1);
	assert_int_equal(it.enclosures[0].length, 99);
	store_item_clear(&it);
	assert_int_equal(store_item_get(st, 999999, &it, &cause), 0);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

static void
test_list_order_filters(void **state)
{
	char *path = db_path("order");
	struct store *st = open_ok(path);
	struct feed_doc *doc;
	struct store_list_opts o;
	struct store_item *v;
	char *cause = NULL;
	size_t n;

	(void)state;
	sync_ok(st, "a", "http://a.example/feed");
	sync_ok(st, "b", "http://b.example/feed");
	assert_int_equal(store_feed_sync(st, "b", "http://b.example/feed",
	    "Bee override", &cause), 0);
	doc = doc_new("Feed A");
	doc_add(doc, "a1", NULL, "a1", T0 - 3 * 3600, "x");
	doc_add(doc, "a2", NULL, "a2", T0 - 1 * 3600, "x");
	/* a date far in the future sorts as first seen (T0) */
	doc_add(doc, "a3", NULL, "a3", T0 + 30 * DAY, "x");
	/* no date: first seen */
	doc_add(doc, "a4", NULL, "a4", DATE_UNKNOWN, "x");
	apply_ok(st, "a", T0, doc);
	feed_doc_free(doc);
	doc = doc_new("Feed B");
	doc_add(doc, "b1", NULL, "b1", T0 - 2 * 3600, "x");
	doc_add(doc, "b2", NULL, "b2", T0 - 4 * 3600, "x");
	apply_ok(st, "b", T0, doc);
	feed_doc_free(doc);

	assert_int_equal(store_item_list(st, NULL, &v, &n, &cause), 0);
	assert_int_equal(n, 6);
	/* a3 and a4 share sort_time T0: the feed's own order (a3 first). */
	{
		static const char *const want[] = {
			"a3", "a4", "a2", "b1", "a1", "b2" };

		for (size_t i = 0; i < n; i++)
			assert_string_equal(v[i].guid, want[i]);
	}
	assert_string_equal(v[0].feed_title, "Feed A");
	assert_string_equal(v[3].feed_title, "Bee override");
	assert_string_equal(v[3].feed_key, "b");
	store_items_free(v, n);

	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "a2"),
	    STORE_FLAG_READ, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "b1"),
	    STORE_FLAG_DISMISSED, 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "a1"),
	    "zulu", 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "a1"),
	    "Alpha", 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "a1"),
	    "mike", 1, &cause), 1);

	memset(&o, 0, sizeof o);
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 5); /* b1 dismissed */
	assert_string_equal(v[3].guid, "a1");
	assert_int_equal(v[3].tags.n, 3);
	assert_string_equal(v[3].tags.v[0], "Alpha");
	assert_string_equal(v[3].tags.v[1], "mike");
	assert_string_equal(v[3].tags.v[2], "zulu");
	store_items_free(v, n);

	o.include_dismissed = 1;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 6);
	assert_int_equal(v[3].dismissed, 1);
	store_items_free(v, n);

	o.include_dismissed = 0;
	o.unread_only = 1;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].read, 0);
	store_items_free(v, n);

	o.unread_only = 0;
	o.feed_key = "b";
	o.include_dismissed = 1;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].guid, "b1");
	assert_string_equal(v[1].guid, "b2");
	store_items_free(v, n);

	o.feed_key = "a";
	o.limit = 2;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].guid, "a3");
	assert_string_equal(v[1].guid, "a4");
	store_items_free(v, n);

	o.feed_key = "nonesuch";
	o.limit = 0;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 0);
	store_items_free(v, n);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- outcomes: 304, failures, validators ---- */

static void
test_outcomes(void **state)
{
	char *path = db_path("outcomes");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed title");
	struct store_fetch_outcome o;
	struct store_ingest_stats s;
	struct store_feed f;
	char *cause = NULL;
	sqlite3 *db = store_db(st);
	int64_t changes;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc->link = xstrdup("http://example.org/");
	doc->language = xstrdup("en-gb");
	doc->ttl_minutes = 45;
	doc_add(doc, "g1", NULL, "One", T0, "x");
	o = ok_outcome(T0);
	o.etag = "\"e1\"";
	o.last_modified = "Tue, 14 Nov 2023 22:13:20 GMT";
	assert_int_equal(store_feed_apply(st, "k", &o, doc, &s, &cause), 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_string_equal(f.title, "Feed title");
	assert_string_equal(f.site_url, "http://example.org/");
	assert_string_equal(f.etag, "\"e1\"");
	assert_int_equal(f.last_fetch, T0);
	assert_int_equal(f.last_success, T0);
	assert_int_equal(f.last_status, 200);
	assert_int_equal(f.next_due, T0 + 3600);
	assert_int_equal(f.ttl_minutes, 45);
	assert_null(f.last_error);
	assert_int_equal(f.items, 1);
	assert_int_equal(f.unread, 1);
	store_feed_clear(&f);
	/* the state a refresh plans with: the same row, nothing counted */
	assert_int_equal(store_feed_state(st, "k", &f, &cause), 1);
	assert_string_equal(f.etag, "\"e1\"");
	assert_int_equal(f.next_due, T0 + 3600);
	assert_int_equal(f.ttl_minutes, 45);
	assert_int_equal(f.items, 0);
	store_feed_clear(&f);
	assert_int_equal(store_feed_state(st, "nope", &f, &cause), 0);

	/* 304: validators and times move, no article is touched. */
	o = ok_outcome(T0 + 600);
	o.http_status = 304;
	o.not_modified = 1;
	o.etag = NULL; /* keeps "e1" */
	o.last_modified = "Wed, 15 Nov 2023 00:00:00 GMT";
	feed_doc_free(doc);
	doc = doc_new("Changed title that must not land");
	doc_add(doc, "g2", NULL, "Two", T0, "y");
	changes = sqlite3_total_changes(db);
	assert_int_equal(store_feed_apply(st, "k", &o, doc, &s, &cause), 0);
	assert_int_equal(sqlite3_total_changes(db) - changes, 1);
	assert_int_equal(s.added + s.updated + s.unchanged, 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_string_equal(f.etag, "\"e1\"");
	assert_string_equal(f.last_modified, "Wed, 15 Nov 2023 00:00:00 GMT");
	assert_int_equal(f.last_fetch, T0 + 600);
	assert_int_equal(f.last_success, T0 + 600);
	assert_int_equal(f.last_status, 304);
	assert_string_equal(f.title, "Feed title");
	assert_int_equal(f.items, 1);
	store_feed_clear(&f);
	feed_doc_free(doc);

	/* A failure keeps the articles and records why. */
	o = ok_outcome(T0 + 1200);
	o.http_status = 503;
	o.error = "HTTP 503 Service Unavailable";
	o.fail_count = 3;
	o.next_due = T0 + 5000;
	o.new_url = "http://example.org/new-feed";
	o.gone = 0;
	assert_int_equal(store_feed_apply(st, "k", &o, NULL, &s, &cause), 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_string_equal(f.last_error, "HTTP 503 Service Unavailable");
	assert_int_equal(f.fail_count, 3);
	assert_int_equal(f.last_status, 503);
	assert_int_equal(f.last_fetch, T0 + 1200);
	assert_int_equal(f.last_success, T0 + 600);
	assert_int_equal(f.next_due, T0 + 5000);
	assert_string_equal(f.new_url, "http://example.org/new-feed");
	assert_string_equal(f.etag, "\"e1\"");
	assert_int_equal(f.ttl_minutes, 45);
	assert_int_equal(f.items, 1);
	store_feed_clear(&f);

	/* 410 */
	o = ok_outcome(T0 + 1800);
	o.http_status = 410;
	o.error = "HTTP 410 Gone";
	o.gone = 1;
	o.fail_count = 4;
	assert_int_equal(store_feed_apply(st, "k", &o, NULL, &s, &cause), 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_int_equal(f.gone, 1);
	assert_null(f.new_url);
	store_feed_clear(&f);

	/* An unknown feed is an error and changes nothing. */
	changes = sqlite3_total_changes(db);
	assert_int_equal(store_feed_apply(st, "nope", &o, NULL, &s, &cause),
	    -1);
	assert_non_null(strstr(cause, "nope"));
	free(cause);
	cause = NULL;
	assert_int_equal(sqlite3_total_changes(db), changes);
	assert_int_equal(store_feed_get(st, "nope", &f, &cause), 0);
	store_close(st);
	unlink_db(path);
	free(path);
}

static struct feed_doc *synthetic_doc(const char *prefix, size_t n, int64_t t,
    size_t body);

/* A failure half-way through a document leaves everything as before. */
static void
test_apply_rolls_back(void **state)
{
	char *path = db_path("rollback");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_fetch_outcome o;
	struct store_feed f;
	char *cause = NULL;
	sqlite3 *db = store_db(st);

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", NULL, "One", T0, "x");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	/* Stands in for a disk that fills up in the middle. */
	sql_exec(db, "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.items"
	    " WHEN new.title = 'boom' BEGIN SELECT RAISE(ABORT, 'disk full');"
	    " END;");

	doc = doc_new("New title");
	doc_add(doc, "g0", NULL, "boom", T0, "fails");  /* stored last */
	doc_add(doc, "g1", NULL, "One, edited", T0, "changed");
	doc_add(doc, "g2", NULL, "Two", T0, "new");
	o = ok_outcome(T0 + 600);
	o.etag = "\"new\"";
	assert_int_equal(store_feed_apply(st, "k", &o, doc, NULL, &cause), -1);
	assert_non_null(strstr(cause, "disk full"));
	free(cause);
	cause = NULL;
	feed_doc_free(doc);

	/* The same with a long document (texts converted ahead on a helper
	 * thread that must be stopped half-way). */
	doc = synthetic_doc("long", 400, T0, 300);
	free(doc->items[200].title);
	doc->items[200].title = xstrdup("boom");
	assert_int_equal(store_feed_apply(st, "k", &o, doc, NULL, &cause), -1);
	free(cause);
	cause = NULL;
	feed_doc_free(doc);

	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items WHERE"
	    " title = 'One'"), 1);
	assert_int_equal(fts_count(st, "changed"), 0);
	assert_int_equal(fts_count(st, "treaty"), 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_int_equal(f.last_fetch, T0);
	assert_null(f.etag);
	assert_string_equal(f.title, "Feed");
	store_feed_clear(&f);
	sql_exec(db, "DROP TRIGGER temp.boom");
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- feeds ---- */

static void
test_feed_sync(void **state)
{
	char *path = db_path("sync");
	struct store *st = open_ok(path);
	struct store_fetch_outcome o;
	struct store_feed f, *v;
	struct feed_doc *doc;
	char *cause = NULL;
	sqlite3 *db = store_db(st);
	int64_t changes;
	size_t n;

	(void)state;
	assert_int_equal(store_feed_sync(st, "zed", "http://z.example/feed",
	    "Zed", &cause), 0);
	sync_ok(st, "abc", "http://a.example/feed");
	changes = sqlite3_total_changes(db);
	assert_int_equal(store_feed_sync(st, "zed", "http://z.example/feed",
	    "Zed", &cause), 0);
	sync_ok(st, "abc", "http://a.example/feed");
	assert_int_equal(sqlite3_total_changes(db), changes);

	/* Validators and an error from earlier fetches... */
	o = ok_outcome(T0);
	o.etag = "\"v\"";
	o.last_modified = "lm";
	o.error = "timed out";
	o.fail_count = 2;
	o.gone = 1;
	o.new_url = "http://z.example/moved";
	o.next_due = T0 + 9999;
	assert_int_equal(store_feed_apply(st, "zed", &o, NULL, NULL, &cause),
	    0);
	/* ...survive a title change... */
	assert_int_equal(store_feed_sync(st, "zed", "http://z.example/feed",
	    NULL, &cause), 0);
	assert_int_equal(store_feed_get(st, "zed", &f, &cause), 1);
	assert_string_equal(f.etag, "\"v\"");
	assert_string_equal(f.title, "zed"); /* no title at all yet: the key */
	store_feed_clear(&f);
	/* ...and go with a new URL. */
	assert_int_equal(store_feed_sync(st, "zed", "http://z.example/new",
	    "Zed", &cause), 0);
	assert_int_equal(store_feed_get(st, "zed", &f, &cause), 1);
	assert_string_equal(f.url, "http://z.example/new");
	assert_string_equal(f.title, "Zed");
	assert_null(f.etag);
	assert_null(f.last_modified);
	assert_null(f.last_error);
	assert_null(f.new_url);
	assert_int_equal(f.gone, 0);
	assert_int_equal(f.fail_count, 0);
	assert_int_equal(f.next_due, 0);
	assert_int_equal(f.last_fetch, T0);
	store_feed_clear(&f);

	doc = doc_new("Abc");
	doc_add(doc, "1", NULL, "1", T0, "x");
	doc_add(doc, "2", NULL, "2", T0, "x");
	doc_add(doc, "3", NULL, "3", T0, "x");
	apply_ok(st, "abc", T0, doc);
	feed_doc_free(doc);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "1"),
	    STORE_FLAG_READ, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "2"),
	    STORE_FLAG_DISMISSED, 1, &cause), 1);

	assert_int_equal(store_feed_list(st, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].key, "abc");
	assert_string_equal(v[0].title, "Abc");
	assert_int_equal(v[0].items, 3);
	assert_int_equal(v[0].unread, 1);
	assert_string_equal(v[1].key, "zed");
	assert_int_equal(v[1].items, 0);
	assert_int_equal(v[1].unread, 0);
	store_feeds_free(v, n);
	assert_int_equal(store_feed_sync(st, NULL, "x", NULL, &cause), -1);
	free(cause);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* Not in the API, but a tool may do it: cascades and the index follow. */
static void
test_feed_delete_cascades(void **state)
{
	char *path = db_path("cascade");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct feed_item *fi;
	sqlite3 *db = store_db(st);
	char *cause = NULL;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	sync_ok(st, "keep", "http://example.net/feed");
	fi = doc_add(doc, "g1", NULL, "Doomed", T0, "<p>perishable</p>");
	strv_pushdup(&fi->categories, "c");
	item_add_enclosure(fi, "http://example.org/e", NULL, 1);
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	doc = doc_new("Other");
	doc_add(doc, "g1", NULL, "Kept", T0, "<p>durable</p>");
	apply_ok(st, "keep", T0, doc);
	feed_doc_free(doc);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "g1"), "t", 1,
	    &cause), 1);

	sql_exec(db, "DELETE FROM feeds WHERE key = 'k'");
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM item_categories"),
	    0);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM enclosures"), 0);
	assert_int_equal(fts_count(st, "perishable"), 0);
	assert_int_equal(fts_count(st, "durable"), 1);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- flags, tags ---- */

struct tag_case {
	const char *name;
	int valid;
};

static const struct tag_case tag_cases[] = {
	{ "brief", 1 },
	{ "東京", 1 },
	{ "apt-28", 1 },
	{ "q3/2024", 1 },
	{ "a_b.c:d", 1 },
	{ "Ελλάδα", 1 },
	{ "café", 1 },
	{ "кибер", 1 },
	{ "x-", 1 },
	{ "_lead", 1 },
	{ "", 0 },
	{ "-x", 0 },
	{ "a b", 0 },
	{ "a;b", 0 },
	{ "a,b", 0 },
	{ "a\tb", 0 },
	{ "a\nb", 0 },
	{ "\x1b[31m", 0 },
	{ "a\x7f", 0 },
	{ "a\xc2\x9b" "b", 0 },        /* C1 CSI */
	{ "a\xc2\xa0" "b", 0 },        /* NBSP */
	{ "a\xe2\x80\xae" "b", 0 },    /* RLO */
	{ "a\xe2\x80\x8b" "b", 0 },    /* zero width space */
	{ "\xe3\x80\x80", 0 },         /* ideographic space */
	{ "a\xe3\x80\x82", 0 },        /* ideographic full stop */
	{ "a\xef\xbf\xbd", 0 },        /* U+FFFD */
	{ "\xf0\x9f\x94\xa5", 0 },     /* emoji */
	{ "a\xff", 0 },                /* invalid UTF-8 */
	{ "\xc0\xaf", 0 },             /* overlong */
	{ "a\"b", 0 },
	{ "a'b", 0 },
	{ "a\\b", 0 },
	{ "#x", 0 },
};

static void
test_tag_name_valid(void **state)
{
	char name[80];

	(void)state;
	for (size_t i = 0; i < NELEM(tag_cases); i++)
		if (store_tag_name_valid(tag_cases[i].name) !=
		    tag_cases[i].valid)
			fail_msg("tag case %zu '%s': want %d", i,
			    tag_cases[i].name, tag_cases[i].valid);
	assert_int_equal(store_tag_name_valid(NULL), 0);
	memset(name, 'a', sizeof name);
	name[64] = '\0';
	assert_int_equal(store_tag_name_valid(name), 1);
	name[64] = 'a';
	name[65] = '\0';
	assert_int_equal(store_tag_name_valid(name), 0);
	/* 64 bytes of 3-byte letters is 21 letters and 1 byte too many */
	{
		struct str s = STR_INIT;

		for (int k = 0; k < 21; k++)
			str_appendz(&s, "東");
		assert_int_equal(store_tag_name_valid(s.p), 1);
		str_appendz(&s, "x");
		assert_int_equal(store_tag_name_valid(s.p), 1);
		str_appendz(&s, "y");
		assert_int_equal(store_tag_name_valid(s.p), 0);
		str_free(&s);
	}
}

static void
test_flags_and_tags(void **state)
{
	char *path = db_path("tags");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_item it;
	char *cause = NULL;
	sqlite3 *db = store_db(st);
	int64_t id;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", NULL, "One", T0, "x");
	doc_add(doc, "g2", NULL, "Two", T0, "x");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	id = item_id_by_guid(st, "g1");

	assert_int_equal(store_item_set_flag(st, 424242, STORE_FLAG_READ, 1,
	    &cause), 0);
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_COUNT, 1,
	    &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_STARRED, 7,
	    &cause), 1);
	assert_int_equal(sql_int(db, "SELECT starred FROM items WHERE"
	    " guid = 'g1'"), 1);
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_STARRED, 0,
	    &cause), 1);
	assert_int_equal(sql_int(db, "SELECT starred FROM items WHERE"
	    " guid = 'g1'"), 0);

	assert_int_equal(store_item_tag(st, 424242, "x", 1, &cause), 0);
	assert_int_equal(store_item_tag(st, id, "a b", 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(store_item_tag(st, id, "東京", 1, &cause), 1);
	assert_int_equal(store_item_tag(st, id, "apt-28", 1, &cause), 1);
	/* Twice, and in other case: one tag. */
	assert_int_equal(store_item_tag(st, id, "APT-28", 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "g2"),
	    "apt-28", 1, &cause), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM tags"), 2);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_int_equal(it.tags.n, 2);
	assert_string_equal(it.tags.v[0], "apt-28");
	assert_string_equal(it.tags.v[1], "東京");
	store_item_clear(&it);

	assert_int_equal(store_item_tag(st, id, "東京", 0, &cause), 1);
	assert_int_equal(store_item_tag(st, id, "never-there", 0, &cause), 1);
	/* The last use of a tag gone: the name goes too. */
	assert_int_equal(sql_int(db, "SELECT count(*) FROM tags"), 1);
	assert_int_equal(store_item_tag(st, id, "apt-28", 0, &cause), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM tags"), 1);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_int_equal(it.tags.n, 0);
	store_item_clear(&it);
	store_close(st);
	unlink_db(path);
	free(path);
}

static void
test_fulltext(void **state)
{
	char *path = db_path("fulltext");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_item it;
	char *cause = NULL;
	int64_t id;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", NULL, "Teaser", T0, "<p>short teaser</p>");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	id = item_id_by_guid(st, "g1");
	assert_int_equal(store_item_set_fulltext(st, 99999, "<p>x</p>",
	    &cause), 0);
	assert_int_equal(store_item_set_fulltext(st, id,
	    "<article><h1>Teaser</h1><p>The whole <b>kaleidoscope</b>.</p>"
	    "</article>", &cause), 1);
	assert_int_equal(fts_count(st, "kaleidoscope"), 1);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_non_null(strstr(it.fulltext, "kaleidoscope"));
	store_item_clear(&it);

	/* A feed update keeps the extracted text and its index entry. */
	doc = doc_new("Feed");
	doc_add(doc, "g1", NULL, "Teaser", T0, "<p>longer teaser now</p>");
	assert_int_equal(apply_ok(st, "k", T0 + 60, doc).updated, 1);
	feed_doc_free(doc);
	assert_int_equal(fts_count(st, "kaleidoscope"), 1);
	assert_int_equal(fts_count(st, "longer"), 1);
	assert_int_equal(store_item_set_fulltext(st, id, NULL, &cause), 1);
	assert_int_equal(fts_count(st, "kaleidoscope"), 0);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_null(it.fulltext);
	store_item_clear(&it);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- retention ---- */

static void
test_prune(void **state)
{
	char *path = db_path("prune");
	struct store *st = open_ok(path);
	struct feed_doc *old = doc_new("Feed"), *fresh;
	struct store_ingest_stats s;
	sqlite3 *db = store_db(st);
	char *cause = NULL;
	size_t removed = 99;
	int64_t now = T0 + 40 * DAY;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(old, "o1", NULL, "Old plain", T0, "<p>obsolete</p>");
	doc_add(old, "o2", NULL, "Old starred", T0, "<p>cherished</p>");
	doc_add(old, "o3", NULL, "Old tagged", T0, "<p>labelled</p>");
	doc_add(old, "o4", NULL, "Old read", T0, "<p>finished</p>");
	apply_ok(st, "k", T0, old);
	fresh = doc_new("Feed");
	doc_add(fresh, "n1", NULL, "New", now - DAY, "<p>current</p>");
	apply_ok(st, "k", now - DAY, fresh);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "o2"),
	    STORE_FLAG_STARRED, 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "o3"),
	    "keep", 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "o4"),
	    STORE_FLAG_READ, 1, &cause), 1);

	assert_int_equal(store_prune(st, 0, now, &removed, &cause), 0);
	assert_int_equal(removed, 0);
	assert_int_equal(store_prune(st, 60, now, &removed, &cause), 0);
	assert_int_equal(removed, 0);
	assert_int_equal(store_prune(st, 30, now, &removed, &cause), 0);
	assert_int_equal(removed, 2);
	assert_int_equal(item_id_by_guid(st, "o1"), 0);
	assert_int_equal(item_id_by_guid(st, "o4"), 0);
	assert_true(item_id_by_guid(st, "o2") > 0);
	assert_true(item_id_by_guid(st, "o3") > 0);
	assert_true(item_id_by_guid(st, "n1") > 0);
	assert_int_equal(fts_count(st, "obsolete"), 0);
	assert_int_equal(fts_count(st, "finished"), 0);
	assert_int_equal(fts_count(st, "cherished"), 1);
	assert_int_equal(fts_count(st, "labelled"), 1);
	/* The index is contentless: its rows are read from the term list. */
	sql_exec(db, "CREATE VIRTUAL TABLE temp.v USING"
	    " fts5vocab(main, items_fts, 'instance')");
	assert_int_equal(sql_int(db, "SELECT count(DISTINCT doc) FROM temp.v"),
	    3);
	check_ok(st);

	/* Still in the feed: not back as new and unread. */
	s = apply_ok(st, "k", now, old);
	assert_int_equal(s.added, 0);
	assert_int_equal(item_id_by_guid(st, "o1"), 0);
	/* Long gone from the feed: forgotten, and welcome back. */
	assert_int_equal(store_prune(st, 30, now + 200 * DAY, &removed,
	    &cause), 0);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM pruned WHERE"
	    " uid IN ('o1', 'o4')"), 0);
	s = apply_ok(st, "k", now + 200 * DAY, old);
	assert_int_equal(s.added, 2);
	feed_doc_free(old);
	feed_doc_free(fresh);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- query plans: a screenful from 100k articles walks an index ---- */

static struct feed_doc *
synthetic_doc(const char *prefix, size_t n, int64_t t, size_t body)
{
	struct feed_doc *d = doc_new("Synthetic");
	struct str text = STR_INIT;
	static const char *const words[] = {
		"sanctions", "ministry", "election", "pipeline", "ceasefire",
		"vulnerability", "ransomware", "harbour", "delegation",
		"treaty", "drought", "satellite", "summit", "tariff",
	};

	for (size_t i = 0; i < n; i++) {
		char guid[96], title[96];
		struct feed_item *it;

		str_clear(&text);
		str_appendz(&text, "<p>");
		for (size_t k = 0; text.len < body; k++) {
			str_appendz(&text, words[(i * 7 + k * 3) %
			    NELEM(words)]);
			str_appendz(&text, k % 9 == 8 ? ".</p><p>" : " ");
		}
		str_appendz(&text, "</p>");
		snprintf(guid, sizeof guid, "%s-%zu", prefix, i);
		snprintf(title, sizeof title, "%s article number %zu", prefix,
		    i);
		it = doc_add(d, guid, NULL, title, t - (int64_t)i * 60,
		    text.p);
		strv_pushdup(&it->categories, words[i % NELEM(words)]);
	}
	str_free(&text);
	return d;
}

static void
assert_plan(const char *plan, const char *want, const char *what)
{
	if (strstr(plan, "TEMP B-TREE") != NULL)
		fail_msg("%s sorts instead of walking an index:\n%s", what, plan);
	if (want != NULL && strstr(plan, want) == NULL)
		fail_msg("%s: want '%s' in:\n%s", what, want, plan);
}

/* The partial index, or the wide one that holds read and dismissed too. */
static const char *
either(const char *plan, const char *partial, const char *wide)
{
	return strstr(plan, partial) != NULL ? partial : wide;
}

static void
test_query_plans(void **state)
{
	char *path = db_path("plans");
	struct store *st = open_ok(path);
	struct store_list_opts o;
	char *plan, *cause = NULL;
	char key[16];

	(void)state;
	for (int f = 0; f < 20; f++) {
		struct feed_doc *d;

		snprintf(key, sizeof key, "feed%02d", f);
		sync_ok(st, key, "http://example.org/feed");
		d = synthetic_doc(key, 100, T0, 60);
		apply_ok(st, key, T0, d);
		feed_doc_free(d);
	}
	for (int analyzed = 0; analyzed < 2; analyzed++) {
		memset(&o, 0, sizeof o);
		o.limit = 50;
		plan = store_item_list_plan(st, &o, &cause);
		assert_non_null(plan);
		assert_plan(plan, "items_sort", "newest first");
		free(plan);
		o.unread_only = 1;
		plan = store_item_list_plan(st, &o, &cause);
		/* items_sort carries read and dismissed (schema version 3) */
		assert_plan(plan, either(plan, "items_unread_sort",
		    "items_sort"), "unread newest first");
		free(plan);
		o.feed_key = "feed07";
		plan = store_item_list_plan(st, &o, &cause);
		assert_plan(plan, either(plan, "items_unread_feed",
		    "items_feed_sort"), "a feed's unread");
		free(plan);
		o.unread_only = 0;
		plan = store_item_list_plan(st, &o, &cause);
		assert_plan(plan, "items_feed_sort", "a feed newest first");
		free(plan);
		o.include_dismissed = 1;
		plan = store_item_list_plan(st, &o, &cause);
		assert_plan(plan, "items_feed_sort", "a feed with dismissed");
		free(plan);
		plan = store_feed_list_plan(st, &cause);
		assert_non_null(plan);
		assert_plan(plan, either(plan, "items_unread_feed",
		    "COVERING INDEX items_feed_sort"), "unread counts");
		/* counting walks an index, never the table */
		if (strstr(plan, "SCAN i\n") != NULL)
			fail_msg("counts scan the table:\n%s", plan);
		free(plan);
		sql_exec(store_db(st), "ANALYZE");
	}
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- two connections, two processes ---- */

static void
test_two_connections(void **state)
{
	char *path = db_path("two");
	struct store *a = open_ok(path), *b = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_item *v;
	char *cause = NULL;
	int64_t ver;
	size_t n;

	(void)state;
	sync_ok(a, "k", "http://example.org/feed");
	ver = store_data_version(b);
	doc_add(doc, "g1", NULL, "Seen by both", T0, "x");
	apply_ok(a, "k", T0, doc);
	feed_doc_free(doc);
	assert_true(store_data_version(b) != ver);
	assert_int_equal(store_item_list(b, NULL, &v, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].title, "Seen by both");
	/* ...and back the other way */
	ver = store_data_version(a);
	assert_int_equal(store_item_set_flag(b, v[0].id, STORE_FLAG_READ, 1,
	    &cause), 1);
	assert_true(store_data_version(a) != ver);
	/* One's own write does not count as news. */
	ver = store_data_version(b);
	assert_int_equal(store_item_set_flag(b, v[0].id, STORE_FLAG_READ, 0,
	    &cause), 1);
	assert_int_equal(store_data_version(b), ver);
	store_items_free(v, n);
	store_close(b);
	store_close(a);
	unlink_db(path);
	free(path);
}

/*
 * Children say how they did with one byte on a pipe rather than through
 * their exit status, which valgrind replaces when it finds the parent's
 * inherited heap "leaked" at _exit.
 */
static void
child_report(int fd, int ok)
{
	if (write(fd, ok ? "0" : "1", 1) != 1)
		_exit(2);
	_exit(0);
}

static void
wait_child_ok(pid_t pid, int fd)
{
	char c = 0;
	ssize_t k = read(fd, &c, 1);

	close(fd);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	if (k != 1 || c != '0')
		fail_msg("child failed");
}

/* A writer holds the lock; store_feed_apply waits for it, then succeeds. */
static void
test_waits_for_writer(void **state)
{
	char *path = db_path("busy");
	struct store *st;
	struct feed_doc *doc;
	struct store_feed f;
	char *cause = NULL;
	int fds[2], res[2];
	pid_t pid;
	char c;

	(void)state;
	st = open_ok(path);
	sync_ok(st, "k", "http://example.org/feed");
	store_close(st);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(pipe(res), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* Its own connection, opened after fork (D4). */
		sqlite3 *db;
		struct timespec ts = { 0, 400 * 1000 * 1000 };
		int ok;

		close(fds[0]);
		close(res[0]);
		ok = sqlite3_open(path, &db) == SQLITE_OK &&
		    sqlite3_exec(db, "BEGIN IMMEDIATE; UPDATE feeds SET"
		    " title_override = 'set by the other writer'", NULL, NULL,
		    NULL) == SQLITE_OK;
		if (write(fds[1], "x", 1) != 1)
			_exit(2);
		nanosleep(&ts, NULL);
		ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) ==
		    SQLITE_OK;
		sqlite3_close(db);
		child_report(res[1], ok);
	}
	close(fds[1]);
	close(res[1]);
	assert_int_equal(read(fds[0], &c, 1), 1);
	close(fds[0]);
	st = open_ok(path);
	doc = doc_new("Feed");
	doc_add(doc, "g1", NULL, "After the wait", T0, "x");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	wait_child_ok(pid, res[0]);
	/* The other writer went first: its change is there, then ours. */
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_string_equal(f.title, "set by the other writer");
	assert_int_equal(f.items, 1);
	store_feed_clear(&f);
	store_close(st);
	unlink_db(path);
	free(path);
}

#define RACE_ROUNDS 40

/* The body of one racing writer; returns the number of failures. */
static int
race_writer(const char *path, const char *key, struct str *why)
{
	char *cause = NULL;
	struct store *st = store_open(path, &cause);
	int failures = 0;

	if (st == NULL) {
		str_appendf(why, "%s: open: %s\n", key, cause);
		free(cause);
		return 1;
	}
	for (int r = 0; r < RACE_ROUNDS; r++) {
		char prefix[64];
		struct feed_doc *d;
		struct store_fetch_outcome o = ok_outcome(T0 + r);
		struct store_item *v = NULL;
		struct store_list_opts lo;
		size_t n = 0;

		snprintf(prefix, sizeof prefix, "%s-r%d", key, r);
		d = synthetic_doc(prefix, 20, T0 + r * 60, 200);
		if (store_feed_apply(st, key, &o, d, NULL, &cause) != 0) {
			str_appendf(why, "%s: apply: %s\n", key, cause);
			free(cause);
			cause = NULL;
			failures++;
		}
		feed_doc_free(d);
		memset(&lo, 0, sizeof lo);
		lo.feed_key = key;
		lo.limit = 3;
		if (store_item_list(st, &lo, &v, &n, &cause) != 0) {
			str_appendf(why, "%s: list: %s\n", key, cause);
			free(cause);
			cause = NULL;
			failures++;
		} else if (n > 0 && store_item_set_flag(st, v[0].id,
		    STORE_FLAG_READ, 1, &cause) != 1) {
			str_appendf(why, "%s: mark: %s\n", key,
			    cause ? cause : "?");
			free(cause);
			cause = NULL;
			failures++;
		}
		store_items_free(v, n);
	}
	store_close(st);
	return failures;
}

/* D2: two processes writing at once; no BUSY reaches anyone. */
static void
test_fork_writers(void **state)
{
	char *path = db_path("race");
	struct store *st;
	struct str why = STR_INIT;
	sqlite3 *db;
	pid_t pid;
	int fails, res[2];

	(void)state;
	st = open_ok(path);
	sync_ok(st, "parent", "http://p.example/feed");
	sync_ok(st, "child", "http://c.example/feed");
	store_close(st); /* nothing open crosses the fork */
	assert_int_equal(pipe(res), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct str cwhy = STR_INIT;
		int f;

		close(res[0]);
		f = race_writer(path, "child", &cwhy);
		if (f != 0)
			fputs(str_cstr(&cwhy), stderr);
		str_free(&cwhy);
		child_report(res[1], f == 0);
	}
	close(res[1]);
	fails = race_writer(path, "parent", &why);
	wait_child_ok(pid, res[0]);
	if (fails != 0)
		fail_msg("%s", why.p);
	str_free(&why);
	st = open_ok(path);
	check_ok(st);
	db = store_db(st);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"),
	    2 * RACE_ROUNDS * 20);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items WHERE"
	    " read = 1"), 2 * RACE_ROUNDS);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- D3: SIGKILL in the middle of storing ---- */

#define CRASH_KILLS 8
#define CRASH_BATCH 600
#define CRASH_BASE 20

static uint32_t
lcg(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

/*
 * A document of feed `key` in round r of kill k: the base articles with
 * text version r, plus a batch of CRASH_BATCH new ones.
 */
static struct feed_doc *
crash_doc(const char *key, int k, int r)
{
	struct feed_doc *d = doc_new("Crash");
	char guid[64], text[128];
	struct feed_doc *batch;

	for (int i = 0; i < CRASH_BASE; i++) {
		snprintf(guid, sizeof guid, "%s-base-%d", key, i);
		snprintf(text, sizeof text, "<p>version %d-%d</p>", k, r);
		doc_add(d, guid, NULL, guid, T0 - i, text);
	}
	snprintf(guid, sizeof guid, "%s-k%d-r%d", key, k, r);
	batch = synthetic_doc(guid, CRASH_BATCH, T0 + k * 1000 + r, 300);
	d->items = xreallocarray(d->items, d->nitems + batch->nitems,
	    sizeof *d->items);
	memcpy(d->items + d->nitems, batch->items,
	    batch->nitems * sizeof *d->items);
	d->nitems += batch->nitems;
	free(batch->items);
	batch->items = NULL;
	batch->nitems = 0;
	feed_doc_free(batch);
	return d;
}

static void
crash_child(const char *path, int k, int fd)
{
	static const char *const keys[] = { "alpha", "beta" };
	struct store *st = store_open(path, NULL);

	if (st == NULL)
		_exit(3);
	for (int r = 0;; r++) {
		for (size_t f = 0; f < NELEM(keys); f++) {
			struct feed_doc *d = crash_doc(keys[f], k, r);
			struct store_fetch_outcome o = ok_outcome(T0 + r);

			if (store_feed_apply(st, keys[f], &o, d, NULL,
			    NULL) != 0)
				_exit(4);
			feed_doc_free(d);
			/* Tell the parent we are busy. */
			if (r == 0 && f == 0 && write(fd, "x", 1) != 1)
				_exit(5);
		}
	}
}

static void
crash_verify(const char *path)
{
	static const char *const keys[] = { "alpha", "beta" };
	struct store *st = open_ok(path);
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s;
	struct store_item it;
	char *cause = NULL;
	int64_t id;

	check_ok(st);
	/* Every batch ("alpha-k3-r5-<n>") is complete or absent. */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rtrim(guid,"
	    " '0123456789') AS batch, count(*) FROM items WHERE guid GLOB"
	    " '*-k*-r*-*' GROUP BY batch", -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		if (sqlite3_column_int(s, 1) != CRASH_BATCH)
			fail_msg("batch %s has %d articles",
			    sqlite3_column_text(s, 0),
			    sqlite3_column_int(s, 1));
	sqlite3_finalize(s);
	for (size_t f = 0; f < NELEM(keys); f++) {
		char *sql = xasprintf("SELECT count(DISTINCT content) FROM"
		    " items i JOIN feeds f ON f.id = i.feed_id WHERE"
		    " f.key = '%s' AND guid LIKE '%%-base-%%'", keys[f]);

		/* All base articles of a feed are at the same version. */
		assert_int_equal(sql_int(db, sql), 1);
		free(sql);
	}
	/* State set by the user before any of this survives. */
	id = item_id_by_guid(st, "alpha-base-0");
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_int_equal(it.read, 1);
	assert_int_equal(it.starred, 1);
	assert_int_equal(it.tags.n, 1);
	assert_int_equal(it.first_seen, T0 - 1);
	store_item_clear(&it);
	id = item_id_by_guid(st, "beta-base-3");
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_int_equal(it.dismissed, 1);
	store_item_clear(&it);
	store_close(st);
}

static int64_t
size_of(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (int64_t)sb.st_size : -1;
}

/*
 * Writes a feed of n articles of about 8 KiB each in one transaction:
 * 600 of them are some 1,200 pages, past the checkpoint mark.
 */
static void
write_big_feed(struct store *st, const char *prefix, size_t n)
{
	struct feed_doc *d = synthetic_doc(prefix, n, T0, 8192);

	apply_ok(st, "big", T0, d);
	feed_doc_free(d);
}

/*
 * A refresh's writer hands its checkpoints to a thread of its own: what it
 * commits still reaches the database file (a WAL-mode database grows only
 * by checkpoints), without a checkpoint inside the writer's commit; once
 * the checkpointer stops, the writer checkpoints at its commits again.
 * Another connection sees every article throughout.
 */
static void
test_checkpointer(void **state)
{
	char *path = db_path("ckpt");
	struct store *st = open_ok(path), *reader;
	struct checkpointer *c;
	char *cause = NULL;
	int64_t before, after_stop;
	int waited_ms = 0;

	(void)state;
	sync_ok(st, "big", "http://example.org/big");
	c = checkpointer_start(st, &cause);
	assert_non_null(c);
	assert_null(cause);
	before = size_of(path);
	write_big_feed(st, "a", 600);
	while (size_of(path) < before + 4 * 1024 * 1024 && waited_ms < 10000) {
		struct timespec ts = { 0, 20 * 1000 * 1000 };

		nanosleep(&ts, NULL);
		waited_ms += 20;
	}
	assert_true(size_of(path) >= before + 4 * 1024 * 1024);
	checkpointer_stop(c);
	checkpointer_stop(NULL);

	/* the writer's own checkpoint is back: the file grows in the commit */
	after_stop = size_of(path);
	write_big_feed(st, "b", 600);
	assert_true(size_of(path) >= after_stop + 4 * 1024 * 1024);

	reader = store_open_readonly(path, &cause);
	assert_non_null(reader);
	assert_int_equal(sql_int(store_db(reader),
	    "SELECT count(*) FROM items"), 1200);
	store_close(reader);
	store_close(st);
	free(path);
}

/*
 * Idle merging of the full-text index: a cache written in many small
 * commits has segments to merge; steps report work until nothing is left,
 * and searches find the same articles after.  While another connection
 * holds the write lock a step gives way at once instead of waiting.
 */
static void
test_fts_merge_steps(void **state)
{
	char *path = db_path("ftsmerge");
	struct store *st = open_ok(path), *other;
	sqlite3 *db = store_db(st);
	char *cause = NULL;
	int64_t found;
	int r, steps = 0;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	for (int i = 0; i < 40; i++) {
		char prefix[16];
		struct feed_doc *d;

		snprintf(prefix, sizeof prefix, "m%d", i);
		d = synthetic_doc(prefix, 5, T0 - i * 600, 400);
		apply_ok(st, "k", T0, d);
		feed_doc_free(d);
	}
	found = sql_int(db, "SELECT count(*) FROM items_fts"
	    " WHERE items_fts MATCH 'sanctions'");
	assert_true(found > 0);

	other = open_ok(path);
	sql_exec(store_db(other), "BEGIN IMMEDIATE");
	assert_int_equal(store_fts_merge_step(st, 16, &cause), 0);
	assert_null(cause);
	sql_exec(store_db(other), "COMMIT");
	store_close(other);

	while ((r = store_fts_merge_step(st, 16, &cause)) == 1 && steps < 10000)
		steps++;
	assert_int_equal(r, 0);
	assert_null(cause);
	assert_true(steps > 0);
	assert_int_equal(store_fts_merge_step(st, 16, &cause), 0);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items_fts"
	    " WHERE items_fts MATCH 'sanctions'"), found);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 200);
	store_close(st);
	free(path);
}

static void
test_crash_safety(void **state)
{
	char *path = db_path("crash");
	struct store *st;
	uint32_t seed = 20240613u;
	char *cause = NULL;

	(void)state;
	st = open_ok(path);
	sync_ok(st, "alpha", "http://alpha.example/feed");
	sync_ok(st, "beta", "http://beta.example/feed");
	for (int f = 0; f < 2; f++) {
		const char *key = f ? "beta" : "alpha";
		struct feed_doc *d = crash_doc(key, 99, 0);

		apply_ok(st, key, T0 - 1, d);
		feed_doc_free(d);
	}
	{
		int64_t id = item_id_by_guid(st, "alpha-base-0");

		assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_READ, 1,
		    &cause), 1);
		assert_int_equal(store_item_set_flag(st, id,
		    STORE_FLAG_STARRED, 1, &cause), 1);
		assert_int_equal(store_item_tag(st, id, "evidence", 1, &cause),
		    1);
		assert_int_equal(store_item_set_flag(st,
		    item_id_by_guid(st, "beta-base-3"), STORE_FLAG_DISMISSED,
		    1, &cause), 1);
	}
	store_close(st);

	for (int k = 0; k < CRASH_KILLS; k++) {
		struct timespec ts;
		int fds[2], status;
		pid_t pid;
		char c;

		assert_int_equal(pipe(fds), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			crash_child(path, k, fds[1]);
			_exit(6);
		}
		close(fds[1]);
		assert_int_equal(read(fds[0], &c, 1), 1);
		close(fds[0]);
		/* 0..400 ms into the run: inside some transaction or other */
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(lcg(&seed) % 400) * 1000 * 1000;
		nanosleep(&ts, NULL);
		assert_int_equal(kill(pid, SIGKILL), 0);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		crash_verify(path);
	}
	unlink_db(path);
	free(path);
}

/* ---- real feeds: the shared fixtures, when present ---- */

static void
ingest_fixture_dir(struct store *st, const char *dir, size_t *nfeeds)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		struct store_ingest_stats s1, s2;
		struct feed_doc *doc;
		char *path, *bytes, *cause = NULL, *key;
		size_t n;

		if (strstr(e->d_name, ".xml") == NULL)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		bytes = slurp(path, &n);
		doc = feed_parse(bytes, n, NULL, &cause);
		free(bytes);
		free(cause);
		cause = NULL;
		if (doc == NULL) { /* the parser's business, not ours */
			free(path);
			continue;
		}
		key = xstrdup(e->d_name);
		sync_ok(st, key, "http://fixture.example/feed");
		s1 = apply_ok(st, key, T0, doc);
		assert_int_equal(s1.added + s1.unchanged, doc->nitems);
		/* The same document again: nothing to write. */
		s2 = apply_ok(st, key, T0 + 3600, doc);
		if (s2.added != 0 || s2.updated != 0)
			fail_msg("%s: second pass added %zu updated %zu", path,
			    s2.added, s2.updated);
		assert_int_equal(s2.unchanged, doc->nitems);
		if (doc->nitems > 0) {
			struct store_list_opts o;
			struct store_item *v, it;

			memset(&o, 0, sizeof o);
			o.feed_key = key;
			o.limit = 1;
			assert_int_equal(store_item_list(st, &o, &v, &n, &cause),
			    0);
			assert_int_equal(n, 1);
			assert_int_equal(store_item_get(st, v[0].id, &it,
			    &cause), 1);
			store_item_clear(&it);
			store_items_free(v, n);
		}
		feed_doc_free(doc);
		free(key);
		free(path);
		(*nfeeds)++;
	}
	closedir(d);
}

static void
test_shared_fixtures(void **state)
{
	static const char *const dirs[] = {
		"atom", "rdf-rss1", "geopolitical", "security", "other-news",
		"encodings",
	};
	const char *top = getenv("SITREP_SHARED_FIXTURES");
	char *path;
	struct store *st;
	size_t nfeeds = 0;

	(void)state;
	if (top == NULL || *top == '\0')
		skip();
	path = db_path("fixtures");
	st = open_ok(path);
	for (size_t i = 0; i < NELEM(dirs); i++) {
		char *dir = xasprintf("%s/feeds/%s", top, dirs[i]);

		ingest_fixture_dir(st, dir, &nfeeds);
		free(dir);
	}
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
	if (nfeeds == 0)
		skip();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_settings),
		cmocka_unit_test(test_open_cloexec),
		cmocka_unit_test(test_open_refuses),
		cmocka_unit_test(test_open_readonly),
		cmocka_unit_test(test_migrate_v1_to_latest),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_update_keeps_state),
		cmocka_unit_test(test_fts_plain_text),
		cmocka_unit_test(test_fts_rebuild_when_stale),
		cmocka_unit_test(test_second_open_keeps_locks),
		cmocka_unit_test(test_lists_round_trip),
		cmocka_unit_test(test_list_order_filters),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_apply_rolls_back),
		cmocka_unit_test(test_feed_sync),
		cmocka_unit_test(test_feed_delete_cascades),
		cmocka_unit_test(test_tag_name_valid),
		cmocka_unit_test(test_flags_and_tags),
		cmocka_unit_test(test_fulltext),
		cmocka_unit_test(test_prune),
		cmocka_unit_test(test_query_plans),
		cmocka_unit_test(test_two_connections),
		cmocka_unit_test(test_waits_for_writer),
		cmocka_unit_test(test_fork_writers),
		cmocka_unit_test(test_crash_safety),
		cmocka_unit_test(test_checkpointer),
		cmocka_unit_test(test_fts_merge_steps),
		cmocka_unit_test(test_shared_fixtures),
	};

	return cmocka_run_group_tests(tests, setup_scratch, teardown_scratch);
}
