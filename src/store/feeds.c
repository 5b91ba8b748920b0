/*
 * store/feeds.c: the feeds table as the config and the interface see it
 * -- making a row match the config's key, URL and title (store_feed_sync),
 * and reading one feed or all with their state and counts.
 *
 * The cut: struct store_feed, the columns that fill it and its free change
 * together, and apart from the articles.  What a fetch writes into a feed's
 * row is part of that feed's transaction and lives in write.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"
#include "xalloc.h"

/* A feed's row and the counts of its articles (feed_from_row). */
#define FEED_STATE_COLUMNS \
	"f.id, f.key, f.url, coalesce(f.title_override, f.title, f.key)," \
	" f.site_url, f.etag, f.last_modified, f.last_fetch, f.last_success," \
	" f.next_due, f.last_status, f.last_error, f.fail_count, f.gone," \
	" f.new_url, f.ttl_minutes"
#define FEED_COLUMNS FEED_STATE_COLUMNS "," \
	" (SELECT count(*) FROM items i WHERE i.feed_id = f.id)," \
	" (SELECT count(*) FROM items i WHERE i.feed_id = f.id" \
	"  AND i.read = 0 AND i.dismissed = 0)"

static const char SQL_FEED_SYNC_READ[] =
	"SELECT url, title_override FROM feeds WHERE key = ?1";
/* In a SET list every column names the old row: order is free. */
static const char SQL_FEED_SYNC_WRITE[] =
	"INSERT INTO feeds (key, url, title_override, created)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET"
	" title_override = excluded.title_override,"
	" url = excluded.url,"
	" etag = iif(url = excluded.url, etag, NULL),"
	" last_modified = iif(url = excluded.url, last_modified, NULL),"
	" last_error = iif(url = excluded.url, last_error, NULL),"
	" last_status = iif(url = excluded.url, last_status, 0),"
	" gone = iif(url = excluded.url, gone, 0),"
	" new_url = iif(url = excluded.url, new_url, NULL),"
	" fail_count = iif(url = excluded.url, fail_count, 0),"
	" next_due = iif(url = excluded.url, next_due, 0)";
/* No counts: a refresh plans 200 feeds with it before any request. */
static const char SQL_FEED_STATE[] =
	"SELECT " FEED_STATE_COLUMNS ", 0, 0 FROM feeds f WHERE f.key = ?1";
static const char SQL_FEED_GET[] =
	"SELECT " FEED_COLUMNS " FROM feeds f WHERE f.key = ?1";
static const char SQL_FEED_LIST[] =
	"SELECT " FEED_COLUMNS " FROM feeds f ORDER BY f.key";

int
store_feed_sync(struct store *st, const char *key, const char *url,
    const char *title_override, char **cause)
{
	sqlite3_stmt *s;
	char *err = NULL;
	int rc = -1, r, same = 0, in_tx = 0;

	if (key == NULL || url == NULL) {
		err = xstrdup("a feed needs a key and a URL");
		goto out;
	}
	/* Most starts change nothing: look before taking the write lock. */
	if ((s = store_stmt(st, ST_FEED_SYNC_READ, SQL_FEED_SYNC_READ,
	    &err)) == NULL)
		goto out;
	store_bind_text(s, 1, key);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(s, 0);
		const char *t = (const char *)sqlite3_column_text(s, 1);

		same = u != NULL && strcmp(u, url) == 0 &&
		    ((t == NULL && title_override == NULL) ||
		    (t != NULL && title_override != NULL &&
		    strcmp(t, title_override) == 0));
	} else if (r != SQLITE_DONE) {
		store_fail(st, &err, "reading feeds");
		sqlite3_reset(s);
		goto out;
	}
	sqlite3_reset(s);
	if (same) {
		rc = 0;
		goto out;
	}
	if (store_tx_begin(st, &err) != 0)
		goto out;
	in_tx = 1;
	if ((s = store_stmt(st, ST_FEED_SYNC_WRITE, SQL_FEED_SYNC_WRITE,
	    &err)) == NULL)
		goto out;
	store_bind_text(s, 1, key);
	store_bind_text(s, 2, url);
	store_bind_text(s, 3, title_override);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	if (store_step_done(st, s, &err, "saving a feed") != 0 ||
	    store_tx_commit(st, &err) != 0)
		goto out;
	in_tx = 0;
	rc = 0;
out:
	if (in_tx)
		store_tx_rollback(st);
	if (rc != 0)
		store_give_cause(cause, err);
	return rc;
}

static void
feed_from_row(sqlite3_stmt *s, struct store_feed *f)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(s, 0);
	f->key = store_col_dup(s, 1);
	f->url = store_col_dup(s, 2);
	f->title = store_col_dup(s, 3);
	f->site_url = store_col_dup(s, 4);
	f->etag = store_col_dup(s, 5);
	f->last_modified = store_col_dup(s, 6);
	f->last_fetch = sqlite3_column_int64(s, 7);
	f->last_success = sqlite3_column_int64(s, 8);
	f->next_due = sqlite3_column_int64(s, 9);
	f->last_status = sqlite3_column_int(s, 10);
	f->last_error = store_col_dup(s, 11);
	f->fail_count = sqlite3_column_int(s, 12);
	f->gone = sqlite3_column_int(s, 13);
	f->new_url = store_col_dup(s, 14);
	f->ttl_minutes = sqlite3_column_int(s, 15);
	f->items = sqlite3_column_int64(s, 16);
	f->unread = sqlite3_column_int64(s, 17);
}

/* One feed's row by a cached statement; 1, 0 (none) or -1. */
static int
feed_read(struct store *st, enum stmt_id id, const char *sql,
    const char *key, struct store_feed *out, char **cause)
{
	sqlite3_stmt *s;
	char *err = NULL;
	int rc = -1, r;

	memset(out, 0, sizeof *out);
	if ((s = store_stmt(st, id, sql, &err)) == NULL)
		goto out;
	store_bind_text(s, 1, key);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		feed_from_row(s, out);
		rc = 1;
	} else if (r == SQLITE_DONE) {
		rc = 0;
	} else {
		store_fail(st, &err, "reading feeds");
	}
	sqlite3_reset(s);
out:
	if (rc < 0)
		store_give_cause(cause, err);
	return rc;
}

int
store_feed_get(struct store *st, const char *key, struct store_feed *out,
    char **cause)
{
	return feed_read(st, ST_FEED_GET, SQL_FEED_GET, key, out, cause);
}

int
store_feed_state(struct store *st, const char *key, struct store_feed *out,
    char **cause)
{
	return feed_read(st, ST_FEED_STATE, SQL_FEED_STATE, key, out,
	    cause);
}

int
store_feed_list(struct store *st, struct store_feed **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *s = NULL;
	struct store_feed *v = NULL;
	size_t nv = 0, cap = 0;
	char *err = NULL;
	int r;

	*out = NULL;
	*n = 0;
	if (store_prepare(st, SQL_FEED_LIST, &s, &err, "reading feeds") != 0)
		goto fail;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		v = xgrow(v, nv, &cap, sizeof *v);
		feed_from_row(s, &v[nv++]);
	}
	if (r != SQLITE_DONE) {
		store_fail(st, &err, "reading feeds");
		goto fail;
	}
	sqlite3_finalize(s);
	*out = v;
	*n = nv;
	return 0;
fail:
	sqlite3_finalize(s);
	store_feeds_free(v, nv);
	store_give_cause(cause, err);
	return -1;
}

void
store_feed_clear(struct store_feed *f)
{
	if (f == NULL)
		return;
	free(f->key);
	free(f->url);
	free(f->title);
	free(f->site_url);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	free(f->new_url);
	memset(f, 0, sizeof *f);
}

void
store_feeds_free(struct store_feed *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_feed_clear(&v[i]);
	free(v);
}

char *
store_feed_list_plan(struct store *st, char **cause)
{
	sqlite3_stmt *s = NULL;
	char *err = NULL, *plan, *sql;

	sql = xasprintf("EXPLAIN QUERY PLAN %s", SQL_FEED_LIST);
	if (store_prepare(st, sql, &s, &err, "explaining a query") != 0) {
		free(sql);
		store_give_cause(cause, err);
		return NULL;
	}
	free(sql);
	plan = store_explain(st, s, cause);
	sqlite3_finalize(s);
	return plan;
}
