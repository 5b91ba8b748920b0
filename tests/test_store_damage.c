/*
 * store, damage (src/store/base.c, check.c, inspect.c; issue 12 defect 7):
 * a write that meets a damaged page is rolled back and every later write
 * of the process refused, with a message that names the file and says
 * what to do; store_verify finds damage in pages no write would read; the
 * verdict of store_check_file for every kind of bad file; and the repair,
 * which copies what can be read into a new cache and leaves the old one as
 * it was.  Damage is made the way a disk makes it: whole pages overwritten
 * in a closed file.
 */
#include <fcntl.h>
#include <inttypes.h>

#include "test_store.h"

#define NARTICLES 300
#define PAGE 4096

/* A body long enough that every article has a chain of overflow pages. */
static char *
long_body(int i)
{
	struct str s = STR_INIT;

	str_appendf(&s, "<p>Report %d.</p>", i);
	for (int k = 0; k < 250; k++)
		str_appendf(&s, "<p>Paragraph %d of report %d on the border "
		    "situation.</p>", k, i);
	return str_steal(&s);
}

/*
 * A closed cache of NARTICLES articles in two feeds; every 10th article
 * tagged "brief" (and every 20th "todo" too), every 3rd read, every 7th
 * starred.
 */
static void
make_cache(const char *path)
{
	struct store *st = open_ok(path);
	char *cause = NULL;

	sync_ok(st, "a", "http://example.org/a");
	sync_ok(st, "b", "http://example.org/b");
	for (int f = 0; f < 2; f++) {
		struct feed_doc *doc = doc_new(f ? "B" : "A");

		for (int i = f; i < NARTICLES; i += 2) {
			char guid[32], url[64], title[64];
			char *body = long_body(i);

			snprintf(guid, sizeof guid, "g%d", i);
			snprintf(url, sizeof url, "http://example.org/%d", i);
			snprintf(title, sizeof title, "Article %d", i);
			doc_add(doc, guid, url, title, T0 - i * 60, body);
			free(body);
		}
		apply_ok(st, f ? "b" : "a", T0, doc);
		feed_doc_free(doc);
	}
	for (int i = 0; i < NARTICLES; i++) {
		char guid[32];
		int64_t id;

		snprintf(guid, sizeof guid, "g%d", i);
		id = item_id_by_guid(st, guid);
		if (i % 10 == 0)
			assert_int_equal(store_item_tag(st, id, "brief", 1,
			    &cause), 1);
		if (i % 20 == 0)
			assert_int_equal(store_item_tag(st, id, "todo", 1,
			    &cause), 1);
		if (i % 3 == 0)
			assert_int_equal(store_item_set_flag(st, id,
			    STORE_FLAG_READ, 1, &cause), 1);
		if (i % 7 == 0)
			assert_int_equal(store_item_set_flag(st, id,
			    STORE_FLAG_STARRED, 1, &cause), 1);
	}
	store_close(st);
	assert_false(sidecar_exists(path, "-wal"));
}

/*
 * Overwrites the pages that sql (over dbstat of the closed cache) selects
 * with a pattern no b-tree page has; returns how many.
 */
static size_t
damage_pages(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t pages[4096];
	size_t n = 0;
	char junk[PAGE];
	int fd;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW && n < NELEM(pages))
		pages[n++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	/* what a read-only look may leave: no log, so nothing is lost */
	for (int k = 0; k < 2; k++) {
		char *side = xasprintf("%s%s", path, k ? "-shm" : "-wal");

		unlink(side);
		free(side);
	}
	memset(junk, 0xA5, sizeof junk);
	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(pwrite(fd, junk, PAGE,
		    (off_t)(pages[i] - 1) * PAGE), PAGE);
	close(fd);
	assert_true(n > 0);
	return n;
}

/* Every leaf page of the articles' table. */
static const char ALL_ITEM_LEAVES[] =
	"SELECT pageno FROM dbstat WHERE name = 'items' AND pagetype = 'leaf'";

static void
assert_damage_msg(const char *cause, const char *path)
{
	if (cause == NULL || strstr(cause, path) == NULL ||
	    strstr(cause, "the cache is damaged") == NULL ||
	    strstr(cause, "sitrep check") == NULL ||
	    strstr(cause, "move it aside") == NULL)
		fail_msg("not the damage message: %s", cause ? cause : "(none)");
}

static void
assert_same_file(const char *path, const char *before, size_t nb)
{
	size_t na;
	char *after = slurp(path, &na);

	assert_int_equal(na, nb);
	if (memcmp(before, after, nb) != 0)
		fail_msg("%s changed", path);
	free(after);
}

/* ---- writes that meet damage ---- */

static void
test_write_meets_damage(void **state)
{
	char *path = db_path("write-damage");
	char *before, *cause = NULL;
	struct store *st, *other;
	size_t nb;

	(void)state;
	make_cache(path);
	damage_pages(path, ALL_ITEM_LEAVES);
	before = slurp(path, &nb);

	/* Opening reads no article page: it succeeds. */
	st = open_ok(path);
	assert_false(store_damaged(st));
	assert_int_equal(store_item_set_flag(st, 1, STORE_FLAG_READ, 1,
	    &cause), -1);
	assert_damage_msg(cause, path);
	free(cause);
	cause = NULL;
	assert_true(store_damaged(st));
	/* A write that would not touch the damage is refused all the same. */
	assert_int_equal(store_feed_sync(st, "c", "http://example.org/c",
	    NULL, &cause), -1);
	assert_damage_msg(cause, path);
	free(cause);
	cause = NULL;
	/* So is another connection of the process to the same file. */
	other = open_ok(path);
	assert_true(store_damaged(other));
	assert_int_equal(store_feed_sync(other, "c", "http://example.org/c",
	    NULL, &cause), -1);
	assert_damage_msg(cause, path);
	free(cause);
	store_close(other);
	store_close(st);
	/* Nothing reached the file, not even the planner's statistics. */
	assert_same_file(path, before, nb);
	assert_false(sidecar_exists(path, "-wal"));
	free(before);
	unlink_db(path);
	free(path);
}

static void
test_batch_rolls_back(void **state)
{
	char *path = db_path("batch-damage");
	char *before, *cause = NULL;
	struct store *st;
	struct store_item it;
	size_t nb;

	(void)state;
	make_cache(path);
	damage_pages(path, ALL_ITEM_LEAVES);
	before = slurp(path, &nb);
	st = open_ok(path);
	assert_int_equal(store_batch_begin(st, &cause), 0);
	/* a feed written before the damage shows up... */
	sync_ok(st, "c", "http://example.org/c");
	/* ...then a read meets it (the refresh's writer reads articles) */
	assert_int_equal(store_item_get(st, 2, &it, &cause), -1);
	assert_damage_msg(cause, path);
	free(cause);
	cause = NULL;
	/* and none of the batch is kept */
	assert_int_equal(store_batch_end(st, &cause), -1);
	assert_damage_msg(cause, path);
	free(cause);
	store_close(st);
	assert_same_file(path, before, nb);
	free(before);
	unlink_db(path);
	free(path);
}

static void
test_verify(void **state)
{
	char *path = db_path("verify");
	char *cause = NULL;
	struct store *st;

	(void)state;
	make_cache(path);
	st = open_ok(path);
	assert_int_equal(store_verify(st, &cause), 0);
	store_close(st);
	/* Two pages of the full-text index: no article write reads them. */
	damage_pages(path, "SELECT pageno FROM dbstat WHERE name ="
	    " 'items_fts_data' AND pagetype = 'leaf' LIMIT 2");
	st = open_ok(path);
	assert_int_equal(store_item_set_flag(st, 3, STORE_FLAG_READ, 1,
	    &cause), 1);
	store_close(st);
	st = open_ok(path);
	assert_int_equal(store_verify(st, &cause), -1);
	assert_damage_msg(cause, path);
	if (strstr(cause, "quick_check found") == NULL)
		fail_msg("no finding in: %s", cause);
	free(cause);
	assert_true(store_damaged(st));
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- the verdict ---- */

static void
test_check_file(void **state)
{
	char *path = db_path("check");
	char *before;
	struct store_report r;
	sqlite3 *db;
	size_t nb;
	char noise[8192];

	(void)state;
	make_cache(path);
	assert_int_equal(store_check_file(path, &r), STORE_SOUND);
	assert_null(r.message);
	assert_int_equal(r.articles, NARTICLES);
	assert_int_equal(r.feeds, 2);
	assert_int_equal(r.tags, 2);
	assert_int_equal(r.schema, store_schema_version());
	store_report_clear(&r);

	damage_pages(path, "SELECT pageno FROM dbstat WHERE name = 'items'"
	    " AND pagetype = 'leaf' ORDER BY path LIMIT 3 OFFSET 10");
	before = slurp(path, &nb);
	assert_int_equal(store_check_file(path, &r), STORE_DAMAGED);
	assert_true(r.problems.n > 0);
	assert_int_equal(r.parts.n, 1);
	assert_string_equal(r.parts.v[0], "the articles");
	store_report_clear(&r);
	/* Looking changed nothing and left nothing beside the file. */
	assert_same_file(path, before, nb);
	assert_false(sidecar_exists(path, "-wal"));
	assert_false(sidecar_exists(path, "-shm"));
	free(before);
	unlink_db(path);

	for (size_t i = 0; i < sizeof noise; i++)
		noise[i] = (char)(i * 7919 % 251);
	spit(path, noise, sizeof noise);
	assert_int_equal(store_check_file(path, &r), STORE_NOT_CACHE);
	assert_non_null(strstr(r.message, "not a database"));
	store_report_clear(&r);
	unlink_db(path);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sql_exec(db, "CREATE TABLE notes (body TEXT)");
	sqlite3_close(db);
	assert_int_equal(store_check_file(path, &r), STORE_NOT_CACHE);
	assert_non_null(strstr(r.message, "another program"));
	store_report_clear(&r);
	unlink_db(path);

	make_cache(path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sql_exec(db, "PRAGMA user_version = 99");
	sqlite3_close(db);
	assert_int_equal(store_check_file(path, &r), STORE_NOT_CACHE);
	assert_non_null(strstr(r.message, "newer sitrep"));
	store_report_clear(&r);
	unlink_db(path);

	spit(path, "", 0);
	assert_int_equal(store_check_file(path, &r), STORE_SOUND);
	assert_non_null(strstr(r.message, "empty"));
	store_report_clear(&r);
	unlink_db(path);

	assert_int_equal(store_check_file(path, &r), STORE_UNREADABLE);
	assert_non_null(strstr(r.message, "no cache there"));
	store_report_clear(&r);
	free(path);
}

/* ---- the repair ---- */

struct article_state {
	int present;
	int read, starred;
	char tags[32];
};

/* The state of every article by its number (guid gN). */
static void
read_states(const char *path, struct article_state *out)
{
	sqlite3 *db;
	sqlite3_stmt *s;

	memset(out, 0, NARTICLES * sizeof *out);
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT substr(guid, 2),"
	    " read, starred, (SELECT group_concat(name, ',') FROM (SELECT"
	    " t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE"
	    " it.item_id = items.id ORDER BY t.name)) FROM items", -1, &s,
	    NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int i = sqlite3_column_int(s, 0);
		const char *t = (const char *)sqlite3_column_text(s, 3);

		assert_true(i >= 0 && i < NARTICLES);
		out[i].present = 1;
		out[i].read = sqlite3_column_int(s, 1);
		out[i].starred = sqlite3_column_int(s, 2);
		snprintf(out[i].tags, sizeof out[i].tags, "%s", t ? t : "");
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static void
test_repair(void **state)
{
	char *path = db_path("repair"), *fresh = db_path("repaired");
	struct article_state *was = xcalloc(NARTICLES, sizeof *was);
	struct article_state *now = xcalloc(NARTICLES, sizeof *now);
	struct store_repair_stats stats;
	char *before, *cause = NULL;
	struct store *st;
	size_t nb, saved = 0;

	(void)state;
	make_cache(path);
	read_states(path, was);
	/*
	 * Three leaves of articles in the middle, and the first overflow page
	 * of an article elsewhere (a later one would only garble its text).
	 */
	damage_pages(path, "SELECT pageno FROM dbstat WHERE name = 'items'"
	    " AND pagetype = 'leaf' ORDER BY path LIMIT 3 OFFSET 20");
	damage_pages(path, "SELECT pageno FROM dbstat WHERE name = 'items'"
	    " AND pagetype = 'overflow' AND path LIKE '%+000000'"
	    " ORDER BY path LIMIT 1 OFFSET 50");
	before = slurp(path, &nb);
	assert_int_equal(store_repair(path, fresh, &stats, &cause), 0);
	assert_same_file(path, before, nb);
	assert_false(sidecar_exists(fresh, ".part"));

	assert_int_equal(stats.articles.total, NARTICLES);
	assert_true(stats.articles.saved < NARTICLES);
	assert_true(stats.articles.saved >= NARTICLES * 9 / 10);
	assert_int_equal(stats.without_text, 1);
	assert_int_equal(stats.feeds.saved, 2);
	assert_int_equal(stats.feeds.total, 2);
	assert_int_equal(stats.tags.saved, 2);
	assert_int_equal(stats.lost_feeds, 0);
	assert_int_equal(stats.starred.total, (NARTICLES + 6) / 7);

	/* Every saved article kept its state and all its tags. */
	read_states(fresh, now);
	for (int i = 0; i < NARTICLES; i++) {
		if (!now[i].present)
			continue;
		saved++;
		assert_true(was[i].present);
		assert_int_equal(now[i].read, was[i].read);
		assert_int_equal(now[i].starred, was[i].starred);
		if (strcmp(now[i].tags, was[i].tags) != 0)
			fail_msg("article %d: tags '%s', were '%s'", i,
			    now[i].tags, was[i].tags);
	}
	assert_int_equal(saved, stats.articles.saved);

	/* The new cache is sound, searchable and counted. */
	st = open_ok(fresh);
	check_ok(st);
	assert_true(fts_count(st, "border") >= (int64_t)saved - 1);
	assert_int_equal(sql_int(store_db(st), "SELECT count(*) FROM items"
	    " WHERE content IS NULL"), 1);
	store_close(st);

	/* The repair never writes over a file. */
	assert_int_equal(store_repair(path, fresh, &stats, &cause), -1);
	assert_non_null(strstr(cause, "already exists"));
	free(cause);
	free(before);
	free(was);
	free(now);
	unlink_db(path);
	unlink_db(fresh);
	free(path);
	free(fresh);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_meets_damage),
		cmocka_unit_test(test_batch_rolls_back),
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_check_file),
		cmocka_unit_test(test_repair),
	};

	return cmocka_run_group_tests(tests, setup_scratch, teardown_scratch);
}
