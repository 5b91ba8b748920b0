/*
 * query_read: the reads built on a compiled query (include/query.h):
 * pages of headline rows, counts, positions, mark-all-read and the
 * sidebar's facets.  The language itself is in query.c.
 *
 * Decisions worth knowing before changing anything here:
 *
 * - Pages are keyset pages on (sort_time, id), newest first.  The keyset
 *   condition is written as `sort_time <= ? AND (sort_time < ? OR id < ?)`
 *   rather than one OR, so that SQLite gets a range on items_sort (which
 *   holds sort_time, id and the state columns: walking it needs the table
 *   only for the rows returned).  Rows newer than a key are read oldest
 *   first and turned around here, so both directions walk the index.
 * - A page of a full-text query first probes the index row by row over a
 *   window of the next page and a half of articles (page_from_window).
 *   Building the set of matches costs in proportion to the matches: 17 ms
 *   for a word in 77k of 100k articles, where 50 probes cost 1-2 ms.  A rare
 *   word fills no page from the window and is read through its set; a
 *   word in almost no article, by sorting its few matches (usual_form).
 * - Topic, country and region facets read facet_days, per-day counters
 *   that triggers in the store keep exact (see store.c, schema version 3):
 *   a few thousand rows instead of one per article and facet.  Tags are
 *   few, so they are counted from their articles; feeds are counted on
 *   items_feed_sort, which holds dismissed and read.  Totals and the
 *   histogram are two queries, merged here, in one read transaction.
 * - Statements are prepared per call: the SQL depends on the query, and
 *   preparing costs tens of microseconds against milliseconds of reading.
 */
#include "query.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sqlite3.h>

#include "gazetteer.h"
#include "query_impl.h"
#include "xalloc.h"

#define DAY ((int64_t)86400)
/*
 * The most rows a full-text page probes one by one before it builds the
 * set of matches instead (page_from_window): a probe costs 30-45 us on an
 * index of many segments, about 6 us on a merged one.
 */
#define PROBE_WINDOW_MAX 512
/* Matches few enough to sort rather than walk the list for (usual_form). */
#define FEW_MATCHES 512

int
query_where_bind(sqlite3_stmt *s, const struct query_where *w, int first)
{
	for (size_t i = 0; i < w->nbinds; i++, first++) {
		if (w->binds[i].is_text)
			sqlite3_bind_text(s, first, w->binds[i].text, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_int64(s, first, w->binds[i].num);
	}
	return first;
}

static void
db_error(struct store *st, char **cause, const char *what)
{
	if (cause != NULL)
		*cause = xasprintf("%s: %s: %s", store_path(st), what,
		    sqlite3_errmsg(store_db(st)));
}

static int
prepare(struct store *st, const char *sql, sqlite3_stmt **s, char **cause,
    const char *what)
{
	if (sqlite3_prepare_v2(store_db(st), sql, -1, s, NULL) != SQLITE_OK) {
		db_error(st, cause, what);
		sqlite3_finalize(*s);
		*s = NULL;
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */

#define ROW_COLUMNS \
	"i.id, i.sort_time, i.published, f.key," \
	" coalesce(f.title_override, f.title, f.key), i.title, i.url," \
	" i.author, i.read, i.starred, i.dismissed," \
	" (SELECT group_concat(t.name, char(31)) FROM item_tags x" \
	"  JOIN tags t ON t.id = x.tag_id WHERE x.item_id = i.id)," \
	" (SELECT group_concat(topic, char(31)) FROM item_topics" \
	"  WHERE item_id = i.id)," \
	" (SELECT group_concat(country, char(31)) FROM item_countries" \
	"  WHERE item_id = i.id)"

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *z = sqlite3_column_text(s, i);

	return z != NULL ? xstrdup((const char *)z) : NULL;
}

/* ASCII case folded first (as tags' NOCASE), then bytes. */
static int
name_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a;
	const char *y = *(const char *const *)b;
	int d = strcasecmp(x, y);

	return d != 0 ? d : strcmp(x, y);
}

static void
split_sorted(struct strv *out, const unsigned char *joined)
{
	store_split_names(out, joined);
	if (out->n > 1) /* qsort wants a real array, even of none */
		qsort(out->v, out->n, sizeof *out->v, name_cmp);
}

static void
row_from(sqlite3_stmt *s, struct article_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	r->sort_time = sqlite3_column_int64(s, 1);
	r->published = sqlite3_column_int64(s, 2);
	r->feed_key = col_dup(s, 3);
	r->feed_title = col_dup(s, 4);
	r->title = col_dup(s, 5);
	r->url = col_dup(s, 6);
	r->author = col_dup(s, 7);
	r->read = sqlite3_column_int(s, 8);
	r->starred = sqlite3_column_int(s, 9);
	r->dismissed = sqlite3_column_int(s, 10);
	split_sorted(&r->tags, sqlite3_column_text(s, 11));
	split_sorted(&r->topics, sqlite3_column_text(s, 12));
	split_sorted(&r->countries, sqlite3_column_text(s, 13));
}

static void
row_clear(struct article_row *r)
{
	free(r->feed_key);
	free(r->feed_title);
	free(r->title);
	free(r->url);
	free(r->author);
	strv_free(&r->tags);
	strv_free(&r->topics);
	strv_free(&r->countries);
}

void
article_rows_free(struct article_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		row_clear(&rows[i]);
	free(rows);
}

/*
 * The SELECT of one page over w; with window set, the page also ends at a
 * key bound after `from`'s (page_run binds it: the window's far edge).
 */
static char *
page_sql(const struct query_where *w, const struct query_key *from,
    enum query_dir dir, int window)
{
	struct str sql = STR_INIT;

	str_appendz(&sql, "SELECT " ROW_COLUMNS " FROM items i"
	    " JOIN feeds f ON f.id = i.feed_id WHERE (");
	str_appendz(&sql, w->sql);
	str_appendc(&sql, ')');
	if (from != NULL && dir == QUERY_OLDER)
		str_appendz(&sql, " AND i.sort_time <= ? AND"
		    " (i.sort_time < ? OR i.id < ?)");
	else if (from != NULL)
		str_appendz(&sql, " AND i.sort_time >= ? AND"
		    " (i.sort_time > ? OR i.id > ?)");
	if (window && dir == QUERY_OLDER)
		str_appendz(&sql, " AND i.sort_time >= ? AND"
		    " (i.sort_time > ? OR i.id >= ?)");
	else if (window)
		str_appendz(&sql, " AND i.sort_time <= ? AND"
		    " (i.sort_time < ? OR i.id <= ?)");
	if (dir == QUERY_OLDER)
		str_appendz(&sql, " ORDER BY i.sort_time DESC, i.id DESC");
	else
		str_appendz(&sql, " ORDER BY i.sort_time ASC, i.id ASC");
	str_appendz(&sql, " LIMIT ?");
	return str_steal(&sql);
}

static int
bind_key(sqlite3_stmt *s, int k, const struct query_key *key)
{
	sqlite3_bind_int64(s, k++, key->sort_time);
	sqlite3_bind_int64(s, k++, key->sort_time);
	sqlite3_bind_int64(s, k++, key->id);
	return k;
}

/* Runs a page statement; appends its rows to *v. */
static int
page_run(struct store *st, const struct query_where *w,
    const struct query_key *from, enum query_dir dir,
    const struct query_key *window, size_t limit,
    struct article_row **v, size_t *nv, char **cause)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	char *sql;
	int k, r;

	sql = page_sql(w, from, dir, window != NULL);
	r = prepare(st, sql, &s, cause, "listing articles");
	free(sql);
	if (r < 0)
		return -1;
	k = query_where_bind(s, w, 1);
	if (from != NULL)
		k = bind_key(s, k, from);
	if (window != NULL)
		k = bind_key(s, k, window);
	sqlite3_bind_int64(s, k, limit > INT64_MAX ? INT64_MAX :
	    (int64_t)limit);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		if (*nv == cap) {
			cap = cap ? cap * 2 : (limit < 64 ? limit : 64);
			*v = xreallocarray(*v, cap, sizeof **v);
		}
		row_from(s, &(*v)[(*nv)++]);
	}
	if (r != SQLITE_DONE) {
		db_error(st, cause, "listing articles");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

/*
 * The key `span` rows from `from` in direction dir, counting every
 * article (one walk of items_sort); 0 when the list ends sooner.
 */
static int
window_edge(struct store *st, const struct query_key *from,
    enum query_dir dir, size_t span, struct query_key *edge, char **cause)
{
	static const char *const sql[2][2] = {
		{ "SELECT sort_time, id FROM items ORDER BY sort_time DESC,"
		  " id DESC LIMIT 1 OFFSET ?",
		  "SELECT sort_time, id FROM items WHERE sort_time <= ? AND"
		  " (sort_time < ? OR id < ?) ORDER BY sort_time DESC,"
		  " id DESC LIMIT 1 OFFSET ?" },
		{ "SELECT sort_time, id FROM items ORDER BY sort_time ASC,"
		  " id ASC LIMIT 1 OFFSET ?",
		  "SELECT sort_time, id FROM items WHERE sort_time >= ? AND"
		  " (sort_time > ? OR id > ?) ORDER BY sort_time ASC,"
		  " id ASC LIMIT 1 OFFSET ?" },
	};
	sqlite3_stmt *s = NULL;
	int k = 1, r;

	if (prepare(st, sql[dir != QUERY_OLDER][from != NULL], &s, cause,
	    "listing articles") < 0)
		return -1;
	if (from != NULL)
		k = bind_key(s, k, from);
	sqlite3_bind_int64(s, k, (int64_t)span - 1);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		edge->sort_time = sqlite3_column_int64(s, 0);
		edge->id = sqlite3_column_int64(s, 1);
	} else if (r != SQLITE_DONE) {
		db_error(st, cause, "listing articles");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return r == SQLITE_ROW;
}

/*
 * A page of a full-text query from the rows next to `from` only, each
 * probed in the index: far cheaper than building the set of every match
 * when a common word matches most of the cache, and the window keeps a
 * rare word from probing the whole list.  Returns 1 with the page, 0 when
 * the window held too few matches (the caller reads another way, told by
 * *hits how many the window held).
 */
static int
page_from_window(struct store *st, const struct query *q,
    const struct query_key *from, enum query_dir dir, size_t limit,
    struct article_row **v, size_t *nv, size_t *hits, char **cause)
{
	struct query_key edge;
	/*
	 * Room for a page when at least two rows in three match: a word
	 * less common than that wastes at most these probes (2-4 ms for a
	 * screenful) before its set is read.
	 */
	size_t span = limit > PROBE_WINDOW_MAX * 2 / 3 ? PROBE_WINDOW_MAX :
	    limit + limit / 2 + 16;
	int bounded;

	bounded = window_edge(st, from, dir, span, &edge, cause);
	if (bounded < 0)
		return -1;
	if (page_run(st, &q->probe, from, dir, bounded ? &edge : NULL, limit,
	    v, nv, cause) < 0)
		return -1;
	if (*nv == limit || !bounded)
		return 1;
	*hits = *nv;
	article_rows_free(*v, *nv);
	*v = NULL;
	*nv = 0;
	return 0;
}

/*
 * Whether the query has fewer than FEW_MATCHES articles, counted from the
 * set of full-text matches (the drive_text form) and stopped there.
 */
static int
has_few_matches(struct store *st, const struct query *q, char **cause)
{
	sqlite3_stmt *s = NULL;
	char *sql;
	int few, r;

	sql = xasprintf("SELECT count(*) FROM (SELECT 1 FROM items i WHERE"
	    " (%s) LIMIT %d)", q->drive_text.sql, FEW_MATCHES);
	r = prepare(st, sql, &s, cause, "counting articles");
	free(sql);
	if (r < 0)
		return -1;
	query_where_bind(s, &q->drive_text, 1);
	r = sqlite3_step(s);
	if (r != SQLITE_ROW) {
		db_error(st, cause, "counting articles");
		sqlite3_finalize(s);
		return -1;
	}
	few = sqlite3_column_int64(s, 0) < FEW_MATCHES;
	sqlite3_finalize(s);
	return few;
}

/*
 * Which form reads a page the usual way.  The filter form walks the list
 * in order and tests each row against the set of matches: right unless
 * the matches are so few that the walk crosses the whole cache (10 ms for
 * a word in no article of 100k).  A window without one match hints at
 * that; the capped count settles it, and then sorting the few matches
 * (the drive_text form) is cheaper than the walk.
 */
static const struct query_where *
usual_form(struct store *st, const struct query *q, int tried_window,
    size_t hits, char **cause)
{
	int few;

	if (!tried_window || hits > 0)
		return &q->filter;
	few = has_few_matches(st, q, cause);
	if (few < 0)
		return NULL;
	return few ? &q->drive_text : &q->filter;
}

int
query_page(struct store *st, const struct query *q,
    const struct query_key *from, enum query_dir dir, size_t limit,
    struct article_row **rows, size_t *n, char **cause)
{
	const struct query_where *w;
	struct article_row *v = NULL;
	size_t nv = 0, hits = 0;
	int tried = 0, r = 0;

	*rows = NULL;
	*n = 0;
	if (limit == 0)
		return 0;
	if (q->has_fts && limit <= PROBE_WINDOW_MAX) {
		tried = 1;
		r = page_from_window(st, q, from, dir, limit, &v, &nv, &hits,
		    cause);
	}
	if (r == 0) {
		w = usual_form(st, q, tried, hits, cause);
		if (w == NULL || page_run(st, w, from, dir, NULL, limit, &v,
		    &nv, cause) < 0)
			r = -1;
	}
	if (r < 0) {
		article_rows_free(v, nv);
		return -1;
	}
	if (dir == QUERY_NEWER) {
		for (size_t i = 0; i < nv / 2; i++) {
			struct article_row t = v[i];

			v[i] = v[nv - 1 - i];
			v[nv - 1 - i] = t;
		}
	}
	*rows = v;
	*n = nv;
	return 0;
}

char *
query_plan(struct store *st, const struct query *q, int count, char **cause)
{
	const struct query_where *w = count ? &q->drive : &q->filter;
	struct query_key key = { INT64_MAX / 2, INT64_MAX / 2 };
	struct str plan = STR_INIT;
	sqlite3_stmt *s = NULL;
	char *body, *sql;
	int k, r;

	body = count ? xasprintf("SELECT count(*), coalesce(sum(i.read = 0),"
	    " 0) FROM items i WHERE (%s)", w->sql) :
	    page_sql(w, &key, QUERY_OLDER, 0);
	sql = xasprintf("EXPLAIN QUERY PLAN %s", body);
	free(body);
	if (prepare(st, sql, &s, cause, "explaining a query") < 0) {
		free(sql);
		return NULL;
	}
	free(sql);
	k = query_where_bind(s, w, 1);
	if (!count) {
		sqlite3_bind_int64(s, k++, key.sort_time);
		sqlite3_bind_int64(s, k++, key.sort_time);
		sqlite3_bind_int64(s, k++, key.id);
		sqlite3_bind_int64(s, k, 50);
	}
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *z = sqlite3_column_text(s, 3);

		str_appendz(&plan, z != NULL ? (const char *)z : "");
		str_appendc(&plan, '\n');
	}
	sqlite3_finalize(s);
	if (r != SQLITE_DONE) {
		db_error(st, cause, "explaining a query");
		str_free(&plan);
		return NULL;
	}
	return str_steal(&plan);
}

/* ------------------------------------------------------------------ */
/* Counts, positions, mark read                                        */

int
query_count(struct store *st, const struct query *q, int64_t *total,
    int64_t *unread, char **cause)
{
	sqlite3_stmt *s = NULL;
	char *sql = xasprintf("SELECT count(*), coalesce(sum(i.read = 0), 0)"
	    " FROM items i WHERE (%s)", q->drive.sql);
	int rc = -1;

	if (prepare(st, sql, &s, cause, "counting articles") < 0)
		goto out;
	query_where_bind(s, &q->drive, 1);
	if (sqlite3_step(s) != SQLITE_ROW) {
		db_error(st, cause, "counting articles");
		goto out;
	}
	if (total != NULL)
		*total = sqlite3_column_int64(s, 0);
	if (unread != NULL)
		*unread = sqlite3_column_int64(s, 1);
	rc = 0;
out:
	sqlite3_finalize(s);
	free(sql);
	return rc;
}

int
query_position(struct store *st, const struct query *q,
    const struct query_key *key, int64_t *before, char **cause)
{
	sqlite3_stmt *s = NULL;
	char *sql = xasprintf("SELECT count(*) FROM items i WHERE (%s)"
	    " AND i.sort_time >= ? AND (i.sort_time > ? OR i.id > ?)",
	    q->filter.sql);
	int rc = -1, k;

	if (prepare(st, sql, &s, cause, "counting articles") < 0)
		goto out;
	k = query_where_bind(s, &q->filter, 1);
	sqlite3_bind_int64(s, k++, key->sort_time);
	sqlite3_bind_int64(s, k++, key->sort_time);
	sqlite3_bind_int64(s, k, key->id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		db_error(st, cause, "counting articles");
		goto out;
	}
	*before = sqlite3_column_int64(s, 0);
	rc = 0;
out:
	sqlite3_finalize(s);
	free(sql);
	return rc;
}

/* The ids mark-all-read is about to change, read inside its transaction. */
static int
unread_ids(struct store *st, const struct query *q, int64_t **ids,
    size_t *n, char **cause)
{
	sqlite3_stmt *s = NULL;
	char *sql = xasprintf("SELECT i.id FROM items i WHERE i.read = 0 AND"
	    " (%s)", q->drive.sql);
	size_t cap = 0;
	int rc = -1, step;

	if (prepare(st, sql, &s, cause, "reading the unread articles") < 0)
		goto out;
	query_where_bind(s, &q->drive, 1);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	if (step != SQLITE_DONE) {
		db_error(st, cause, "reading the unread articles");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	free(sql);
	return rc;
}

/*
 * Marks q's articles read in one transaction; with ids, first reads which
 * ones that changes (the same transaction, so no other writer comes
 * between the list and the change).
 */
static int
mark_read(struct store *st, const struct query *q, int64_t **ids, size_t *n,
    int64_t *changed, char **cause)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s = NULL;
	/* The set is read first, then written: no row is visited twice. */
	char *sql = xasprintf("UPDATE items SET read = 1 WHERE read = 0 AND"
	    " id IN (SELECT i.id FROM items i WHERE i.read = 0 AND (%s))",
	    q->drive.sql);
	int rc = -1, in_tx = 0;

	*changed = 0;
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		db_error(st, cause, "marking articles read");
		goto out;
	}
	in_tx = 1;
	if (ids != NULL && unread_ids(st, q, ids, n, cause) < 0)
		goto out;
	if (prepare(st, sql, &s, cause, "marking articles read") < 0)
		goto out;
	query_where_bind(s, &q->drive, 1);
	if (sqlite3_step(s) != SQLITE_DONE) {
		db_error(st, cause, "marking articles read");
		goto out;
	}
	*changed = sqlite3_changes(db);
	sqlite3_finalize(s);
	s = NULL;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(st, cause, "marking articles read");
		goto out;
	}
	in_tx = 0;
	rc = 0;
out:
	sqlite3_finalize(s);
	if (in_tx && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	if (rc != 0)
		*changed = 0;
	free(sql);
	return rc;
}

int
query_mark_read(struct store *st, const struct query *q, int64_t *changed,
    char **cause)
{
	int64_t c;
	int rc = mark_read(st, q, NULL, NULL, &c, cause);

	if (changed != NULL)
		*changed = c;
	return rc;
}

int
query_mark_read_ids(struct store *st, const struct query *q, int64_t **ids,
    size_t *n, char **cause)
{
	int64_t changed;

	*ids = NULL;
	*n = 0;
	if (mark_read(st, q, ids, n, &changed, cause) < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int
query_set_flags(struct store *st, enum store_flag f, const int64_t *ids,
    const int *values, size_t n, char **cause)
{
	/* the column from a fixed table, never from the caller's text */
	static const char *const sql[STORE_FLAG_COUNT] = {
		[STORE_FLAG_READ] = "UPDATE items SET read = ?1 WHERE id = ?2",
		[STORE_FLAG_STARRED] =
		    "UPDATE items SET starred = ?1 WHERE id = ?2",
		[STORE_FLAG_DISMISSED] =
		    "UPDATE items SET dismissed = ?1 WHERE id = ?2",
	};
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s = NULL;
	int rc = -1, in_tx = 0;

	if ((unsigned)f >= STORE_FLAG_COUNT) {
		if (cause != NULL)
			*cause = xasprintf("unknown article flag %d", (int)f);
		return -1;
	}
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		db_error(st, cause, "marking articles");
		goto out;
	}
	in_tx = 1;
	if (prepare(st, sql[f], &s, cause, "marking articles") < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int(s, 1, values[i] ? 1 : 0);
		sqlite3_bind_int64(s, 2, ids[i]);
		if (sqlite3_step(s) != SQLITE_DONE) {
			db_error(st, cause, "marking articles");
			goto out;
		}
		sqlite3_reset(s);
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(st, cause, "marking articles");
		goto out;
	}
	in_tx = 0;
	rc = 0;
out:
	sqlite3_finalize(s);
	if (in_tx && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int
query_set_read(struct store *st, const int64_t *ids, size_t n, int read,
    char **cause)
{
	int *v = xreallocarray(NULL, n > 0 ? n : 1, sizeof *v);
	int rc;

	for (size_t i = 0; i < n; i++)
		v[i] = read;
	rc = query_set_flags(st, STORE_FLAG_READ, ids, v, n, cause);
	free(v);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Facets                                                              */

struct facet_set {
	struct facet_count *v;
	size_t n, cap;
	size_t last;   /* rows arrive grouped: the last hit comes first */
};

static struct facet_count *
facet_get(struct facet_set *fs, const char *key, int create)
{
	if (fs->last < fs->n && strcmp(fs->v[fs->last].key, key) == 0)
		return &fs->v[fs->last];
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].key, key) == 0) {
			fs->last = i;
			return &fs->v[i];
		}
	if (!create)
		return NULL;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 32;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof *fs->v);
	}
	memset(&fs->v[fs->n], 0, sizeof fs->v[fs->n]);
	fs->v[fs->n].key = xstrdup(key);
	fs->last = fs->n;
	return &fs->v[fs->n++];
}

void
facet_counts_free(struct facet_count *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].label);
	}
	free(v);
}

/*
 * The SQL of one kind: totals (key, total, unread) and the histogram
 * (key, day index, count; ?1 = the first day, ?2 = its first second).
 */
struct facet_sql {
	const char *totals;
	const char *days;
};

static const struct facet_sql facet_sql[FACET_COUNT] = {
	[FACET_TOPIC] = {
	    "SELECT key, sum(total), sum(unread) FROM facet_days"
	    " WHERE kind = 0 GROUP BY key",
	    "SELECT key, day - ?1, total FROM facet_days"
	    " WHERE kind = 0 AND day >= ?1" },
	[FACET_COUNTRY] = {
	    "SELECT key, sum(total), sum(unread) FROM facet_days"
	    " WHERE kind = 1 GROUP BY key",
	    "SELECT key, day - ?1, total FROM facet_days"
	    " WHERE kind = 1 AND day >= ?1" },
	[FACET_REGION] = {
	    "SELECT key, sum(total), sum(unread) FROM facet_days"
	    " WHERE kind = 2 GROUP BY key",
	    "SELECT key, day - ?1, total FROM facet_days"
	    " WHERE kind = 2 AND day >= ?1" },
	/* Tagged articles are few: joining items is cheap here. */
	[FACET_TAG] = {
	    "SELECT t.name, count(*), sum(i.read = 0) FROM tags t"
	    " JOIN item_tags x ON x.tag_id = t.id"
	    " JOIN items i ON i.id = x.item_id"
	    " WHERE i.dismissed = 0 GROUP BY t.id",
	    "SELECT t.name, i.sort_time / 86400 - ?1, count(*) FROM tags t"
	    " JOIN item_tags x ON x.tag_id = t.id"
	    " JOIN items i ON i.id = x.item_id"
	    " WHERE i.dismissed = 0 AND i.sort_time >= ?2 GROUP BY t.id, 2" },
	[FACET_FEED] = {
	    "SELECT f.key, count(*), sum(i.read = 0) FROM items i"
	    " JOIN feeds f ON f.id = i.feed_id"
	    " WHERE i.dismissed = 0 GROUP BY i.feed_id",
	    "SELECT f.key, i.sort_time / 86400 - ?1, count(*) FROM items i"
	    " JOIN feeds f ON f.id = i.feed_id"
	    " WHERE i.dismissed = 0 AND i.sort_time >= ?2"
	    " GROUP BY i.feed_id, 2" },
};

static int
facet_read(struct store *st, enum facet_kind kind, int64_t first_day,
    struct facet_set *fs, char **cause)
{
	sqlite3_stmt *s = NULL;
	int r;

	if (prepare(st, facet_sql[kind].totals, &s, cause,
	    "counting articles") < 0)
		return -1;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);
		struct facet_count *fc;

		if (key == NULL)
			continue;
		fc = facet_get(fs, key, 1);
		fc->total = sqlite3_column_int64(s, 1);
		fc->unread = sqlite3_column_int64(s, 2);
	}
	if (r != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(s);
	if (prepare(st, facet_sql[kind].days, &s, cause,
	    "counting articles") < 0)
		return -1;
	sqlite3_bind_int64(s, 1, first_day);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_int64(s, 2, first_day * DAY);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);
		int64_t day = sqlite3_column_int64(s, 1);
		struct facet_count *fc;

		if (key == NULL || (fc = facet_get(fs, key, 0)) == NULL)
			continue;
		/* a date up to a day ahead of the clock counts as today */
		if (day >= FACET_DAYS)
			day = FACET_DAYS - 1;
		if (day >= 0)
			fc->per_day[day] += sqlite3_column_int64(s, 2);
	}
	if (r != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(s);
	return 0;
fail:
	db_error(st, cause, "counting articles");
	sqlite3_finalize(s);
	return -1;
}

/* The facet of a tag, whatever the case the config or a row spells it. */
static struct facet_count *
tag_facet(struct facet_set *fs, const char *tag)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcasecmp(fs->v[i].key, tag) == 0)
			return &fs->v[i];
	return facet_get(fs, tag, 1);
}

/* Binds the tag as ?1 and the feed keys as ?3, ?4, ... */
static void
bind_tag_feeds(sqlite3_stmt *s, const char *tag, const struct strv *feeds)
{
	sqlite3_bind_text(s, 1, tag, -1, SQLITE_STATIC);
	for (size_t i = 0; i < feeds->n; i++)
		sqlite3_bind_text(s, (int)i + 3, feeds->v[i], -1,
		    SQLITE_STATIC);
}

/*
 * A tag that feeds carry (`tags =` in [feed:KEY]) counts their articles
 * with the articles tagged by hand, each once: one count per feed tag,
 * over the feed index, with the placeholders of its feeds.
 */
static int
feed_tag_count(struct store *st, const char *tag, const struct strv *feeds,
    int64_t first_day, struct facet_count *fc, char **cause)
{
	struct str where = STR_INIT, sql = STR_INIT;
	sqlite3_stmt *s = NULL;
	int r, rc = -1;

	str_appendz(&where, " FROM items i WHERE i.dismissed = 0 AND"
	    " (i.feed_id IN (SELECT id FROM feeds WHERE key IN (");
	for (size_t i = 0; i < feeds->n; i++)
		str_appendf(&where, i > 0 ? ", ?%zu" : "?%zu", i + 3);
	str_appendz(&where, ")) OR EXISTS (SELECT 1 FROM item_tags x JOIN tags"
	    " t ON t.id = x.tag_id WHERE x.item_id = i.id AND t.name = ?1))");
	str_appendf(&sql, "SELECT count(*), coalesce(sum(i.read = 0), 0)%s",
	    str_cstr(&where));
	if (prepare(st, str_cstr(&sql), &s, cause, "counting tags") < 0)
		goto out;
	bind_tag_feeds(s, tag, feeds);
	if (sqlite3_step(s) != SQLITE_ROW)
		goto fail;
	fc->total = sqlite3_column_int64(s, 0);
	fc->unread = sqlite3_column_int64(s, 1);
	sqlite3_finalize(s);
	str_clear(&sql);
	str_appendf(&sql, "SELECT i.sort_time / 86400 - ?2, count(*)%s AND"
	    " i.sort_time >= ?2 * 86400 GROUP BY 1", str_cstr(&where));
	if (prepare(st, str_cstr(&sql), &s, cause, "counting tags") < 0)
		goto out;
	bind_tag_feeds(s, tag, feeds);
	sqlite3_bind_int64(s, 2, first_day);
	memset(fc->per_day, 0, sizeof fc->per_day);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t day = sqlite3_column_int64(s, 0);

		if (day >= FACET_DAYS)
			day = FACET_DAYS - 1;
		if (day >= 0)
			fc->per_day[day] += sqlite3_column_int64(s, 1);
	}
	if (r != SQLITE_DONE)
		goto fail;
	rc = 0;
	goto out;
fail:
	db_error(st, cause, "counting tags");
out:
	sqlite3_finalize(s);
	str_free(&where);
	str_free(&sql);
	return rc;
}

static int
feed_tag_facets(struct store *st, const struct config *cfg,
    int64_t first_day, struct facet_set *fs, char **cause)
{
	struct strv tags = STRV_INIT;
	int rc = 0;

	config_feed_tags(cfg, &tags);
	for (size_t i = 0; i < tags.n && rc == 0; i++) {
		struct strv feeds = STRV_INIT;

		config_feeds_tagged(cfg, tags.v[i], &feeds);
		rc = feed_tag_count(st, tags.v[i], &feeds, first_day,
		    tag_facet(fs, tags.v[i]), cause);
		strv_free(&feeds);
	}
	strv_free(&tags);
	return rc;
}

/* Feed titles as the sidebar shows them: the config's, else the feed's. */
static int
feed_labels(struct store *st, const struct config *cfg, struct facet_set *fs,
    char **cause)
{
	sqlite3_stmt *s = NULL;
	int r;

	if (cfg != NULL)
		for (size_t i = 0; i < cfg->nfeeds; i++)
			facet_get(fs, cfg->feeds[i].key, 1);
	if (prepare(st, "SELECT key, coalesce(title_override, title, key)"
	    " FROM feeds", &s, cause, "reading feeds") < 0)
		return -1;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);
		struct facet_count *fc;

		if (key == NULL || (fc = facet_get(fs, key, 0)) == NULL)
			continue;
		free(fc->label);
		fc->label = col_dup(s, 1);
	}
	sqlite3_finalize(s);
	if (r != SQLITE_DONE) {
		db_error(st, cause, "reading feeds");
		return -1;
	}
	if (cfg != NULL)
		for (size_t i = 0; i < cfg->nfeeds; i++) {
			struct facet_count *fc = facet_get(fs,
			    cfg->feeds[i].key, 0);

			if (fc != NULL && cfg->feeds[i].title != NULL) {
				free(fc->label);
				fc->label = xstrdup(cfg->feeds[i].title);
			}
		}
	return 0;
}

static void
set_labels(struct facet_set *fs, enum facet_kind kind,
    const struct config *cfg)
{
	for (size_t i = 0; i < fs->n; i++) {
		struct facet_count *fc = &fs->v[i];
		const char *label = NULL;

		if (fc->label != NULL)
			continue;
		if (kind == FACET_TOPIC && cfg != NULL) {
			const struct config_topic *t = config_topic_find(cfg,
			    fc->key);

			if (t != NULL && t->label != NULL)
				label = t->label;
		} else if (kind == FACET_COUNTRY) {
			const struct gazetteer_country *c =
			    gazetteer_country(fc->key);

			if (c != NULL)
				label = c->name;
		} else if (kind == FACET_REGION) {
			const struct gazetteer_region *r =
			    gazetteer_region(fc->key);

			if (r != NULL)
				label = r->label;
		}
		fc->label = xstrdup(label != NULL ? label : fc->key);
	}
}

static int
by_label(const void *a, const void *b)
{
	const struct facet_count *x = a, *y = b;
	int d = strcasecmp(x->label, y->label);

	return d != 0 ? d : strcmp(x->key, y->key);
}

static int
by_unread(const void *a, const void *b)
{
	const struct facet_count *x = a, *y = b;

	if (x->unread != y->unread)
		return x->unread > y->unread ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return by_label(a, b);
}

int
query_facets(struct store *st, enum facet_kind kind,
    const struct query_env *env, struct facet_count **out, size_t *n,
    char **cause)
{
	const struct config *cfg = env != NULL ? env->cfg : NULL;
	int64_t now = env != NULL && env->now != 0 ? env->now :
	    (int64_t)time(NULL);
	int64_t today = now >= 0 ? now / DAY : -((-now + DAY - 1) / DAY);
	struct facet_set fs;
	sqlite3 *db = store_db(st);
	int in_tx = 0;

	*out = NULL;
	*n = 0;
	memset(&fs, 0, sizeof fs);
	if ((unsigned)kind >= FACET_COUNT) {
		if (cause != NULL)
			*cause = xasprintf("unknown facet kind %d", (int)kind);
		return -1;
	}
	if (kind == FACET_TOPIC && cfg != NULL)
		for (size_t i = 0; i < cfg->ntopics; i++)
			facet_get(&fs, cfg->topics[i].key, 1);
	/* totals and histograms from one snapshot */
	if (sqlite3_get_autocommit(db) &&
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
		in_tx = 1;
	if (facet_read(st, kind, today - (FACET_DAYS - 1), &fs, cause) < 0)
		goto fail;
	if (kind == FACET_FEED && feed_labels(st, cfg, &fs, cause) < 0)
		goto fail;
	if (kind == FACET_TAG && cfg != NULL &&
	    feed_tag_facets(st, cfg, today - (FACET_DAYS - 1), &fs, cause) < 0)
		goto fail;
	if (in_tx)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	in_tx = 0;
	/* countries, regions and tags only when they have articles */
	if (kind == FACET_COUNTRY || kind == FACET_REGION ||
	    kind == FACET_TAG) {
		size_t k = 0;

		for (size_t i = 0; i < fs.n; i++) {
			if (fs.v[i].total > 0) {
				fs.v[k++] = fs.v[i];
				continue;
			}
			free(fs.v[i].key);
			free(fs.v[i].label);
		}
		fs.n = k;
	}
	set_labels(&fs, kind, cfg);
	if (fs.n > 0)
		qsort(fs.v, fs.n, sizeof *fs.v, kind == FACET_COUNTRY ?
		    by_unread : by_label);
	*out = fs.v;
	*n = fs.n;
	return 0;
fail:
	if (in_tx)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	facet_counts_free(fs.v, fs.n);
	return -1;
}
