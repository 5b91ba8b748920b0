/*
 * store, opening (src/store/open.c, schema.c, check.c): the settings of
 * every connection and its descriptors, files that are not ours refused
 * and left alone, read-only opening, migrations from version 1, the
 * index's rebuild when its text function changed, and a second open in
 * one process that must not drop the first one's locks.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <sys/wait.h>

#include "test_store.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_settings),
		cmocka_unit_test(test_open_cloexec),
		cmocka_unit_test(test_open_refuses),
		cmocka_unit_test(test_open_readonly),
		cmocka_unit_test(test_migrate_v1_to_latest),
		cmocka_unit_test(test_fts_rebuild_when_stale),
		cmocka_unit_test(test_second_open_keeps_locks),
	};

	return cmocka_run_group_tests(tests, setup_scratch,
	    teardown_scratch);
}
