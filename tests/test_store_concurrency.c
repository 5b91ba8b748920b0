/*
 * store, sharing a cache (SECURITY.md D2, D3): two connections, a writer
 * that waits for another, writers in several processes, a writer killed
 * in the middle of storing, the checkpointer thread, and idle merges of
 * the index.
 */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "checkpoint.h"
#include "test_store.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_connections),
		cmocka_unit_test(test_waits_for_writer),
		cmocka_unit_test(test_fork_writers),
		cmocka_unit_test(test_crash_safety),
		cmocka_unit_test(test_checkpointer),
		cmocka_unit_test(test_fts_merge_steps),
	};

	return cmocka_run_group_tests(tests, setup_scratch,
	    teardown_scratch);
}
