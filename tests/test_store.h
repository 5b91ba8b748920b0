/*
 * test_store.h: what the store's test programs (tests/test_store_*.c)
 * share -- a scratch directory, raw SQL through the store's connection,
 * and feed documents built by hand the way the feed parser would hand them
 * over.  Every test works on real files in the scratch directory
 * (SITREP_TEST_TMP, else a fresh one under /tmp): WAL, locking and crash
 * behaviour only exist on disk.
 *
 * Each test program is one translation unit (the Makefile links
 * tests/test_X.c alone with the library), so the helpers live here as
 * static inline functions: no program has to use them all.
 */
#ifndef SITREP_TEST_STORE_H
#define SITREP_TEST_STORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <sqlite3.h>

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

static inline int
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

static inline void
unlink_db(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < NELEM(sfx); i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);

		unlink(p);
		free(p);
	}
}

static inline int
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
static inline char *
db_path(const char *name)
{
	char *p = xasprintf("%s/%s.db", scratch_dir, name);

	unlink_db(p);
	return p;
}

static inline int
file_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static inline int
sidecar_exists(const char *path, const char *sfx)
{
	char *p = xasprintf("%s%s", path, sfx);
	int r = file_exists(p);

	free(p);
	return r;
}

static inline char *
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

static inline void
spit(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* ---- raw SQL helpers (through the store's own connection) ---- */

static inline int64_t
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

static inline char *
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

static inline void
sql_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* Articles whose index row matches an FTS5 query. */
static inline int64_t
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

static inline int64_t
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

static inline void
check_ok(struct store *st)
{
	char *cause = NULL;

	if (store_check(st, &cause) != 0)
		fail_msg("store_check: %s", cause);
}

/* ---- documents built by hand ---- */

static inline struct feed_doc *
doc_new(const char *title)
{
	struct feed_doc *d = xcalloc(1, sizeof *d);

	d->format = FEED_FORMAT_RSS;
	d->title = title ? xstrdup(title) : NULL;
	return d;
}

static inline char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Returns borrowed: valid until the next doc_add on d. */
static inline struct feed_item *
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

static inline void
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

static inline struct store_fetch_outcome
ok_outcome(int64_t at)
{
	struct store_fetch_outcome o;

	memset(&o, 0, sizeof o);
	o.fetched_at = at;
	o.http_status = 200;
	o.next_due = at + 3600;
	return o;
}

static inline struct store *
open_ok(const char *path)
{
	char *cause = NULL;
	struct store *st = store_open(path, &cause);

	if (st == NULL)
		fail_msg("store_open: %s", cause);
	return st;
}

static inline void
sync_ok(struct store *st, const char *key, const char *url)
{
	char *cause = NULL;

	if (store_feed_sync(st, key, url, NULL, &cause) != 0)
		fail_msg("store_feed_sync: %s", cause);
}

static inline struct store_ingest_stats
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

/* ---- a synthetic feed ---- */

/* n articles of about `body` bytes of text each, newest first from t. */
static inline struct feed_doc *
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

#endif
