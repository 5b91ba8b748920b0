/*
 * store/facets.c: an article's topics, countries and regions
 * (item_topics, item_countries, item_regions) and the facet_days counters
 * the sidebar reads instead of the articles -- written with each stored
 * article, summed per transaction, and replaced where they differ when
 * the rules change (store_reclassify).
 *
 * The cut: the facet rows and their counters must stay exact together.
 * Removing a row, and an article's change of state or day, move its share
 * by trigger (schema.c, version 3); adding rows adds its share here, summed
 * in a tally for the whole transaction (version 5).  What an article's
 * share is, is written in those triggers and in this file.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "xalloc.h"

/* Articles per transaction: a refresh waits at most one chunk. */
#define RECLASSIFY_CHUNK 2000

/* One counter of facet_days and what this transaction adds to it. */
struct facet_delta {
	int kind;
	const char *key;   /* borrowed from tally->names */
	int64_t day;
	int64_t total, unread;
};

/* An article's share in its facet rows: which day, and whether it counts. */
struct facet_share {
	int64_t day;
	int total, unread;
};

/*
 * Each facet list's table: what replaces an article's rows.  Removing
 * them takes their share away through the *_drop triggers.
 */
static const struct facet_table {
	enum stmt_id delete_id, insert_id;
	const char *delete_sql, *insert_sql;
} facet_tables[FACET_LIST_COUNT] = {
	[FACET_LIST_TOPICS] = { ST_TOPIC_DELETE, ST_TOPIC_INSERT,
	    "DELETE FROM item_topics WHERE item_id = ?1",
	    "INSERT OR IGNORE INTO item_topics (item_id, topic)"
	    " VALUES (?1, ?2)" },
	[FACET_LIST_COUNTRIES] = { ST_COUNTRY_DELETE, ST_COUNTRY_INSERT,
	    "DELETE FROM item_countries WHERE item_id = ?1",
	    "INSERT OR IGNORE INTO item_countries (item_id, country)"
	    " VALUES (?1, ?2)" },
	[FACET_LIST_REGIONS] = { ST_REGION_DELETE, ST_REGION_INSERT,
	    "DELETE FROM item_regions WHERE item_id = ?1",
	    "INSERT OR IGNORE INTO item_regions (item_id, region)"
	    " VALUES (?1, ?2)" },
};

static const char SQL_FACET_ADD[] =
	"INSERT INTO facet_days (kind, key, day, total, unread)"
	" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (kind, key, day)"
	" DO UPDATE SET total = total + excluded.total,"
	" unread = unread + excluded.unread";
static const char SQL_ITEM_SHARE[] =
	"SELECT sort_time, read, dismissed FROM items WHERE id = ?1";

/* ------------------------------------------------------------------ */
/* The tally of one transaction                                        */

static uint64_t
tally_hash(int kind, const char *key, int64_t day)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)kind ^
	    ((uint64_t)day << 8);

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211ull;
	return h ^ (h >> 29);
}

static void
tally_rehash(struct facet_tally *t)
{
	size_t mask;

	free(t->slot);
	t->nslot = t->nslot ? t->nslot * 2 : 64;
	t->slot = xcalloc(t->nslot, sizeof *t->slot);
	mask = t->nslot - 1;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = (size_t)tally_hash(t->v[i].kind, t->v[i].key,
		    t->v[i].day) & mask;

		while (t->slot[h] != 0)
			h = (h + 1) & mask;
		t->slot[h] = i + 1;
	}
}

static void
tally_add(struct facet_tally *t, int kind, const char *key,
    const struct facet_share *sh)
{
	size_t mask, h;
	struct facet_delta *d;

	if (!sh->total && !sh->unread)
		return;
	if (2 * (t->n + 1) > t->nslot)
		tally_rehash(t);
	mask = t->nslot - 1;
	h = (size_t)tally_hash(kind, key, sh->day) & mask;
	for (; t->slot[h] != 0; h = (h + 1) & mask) {
		d = &t->v[t->slot[h] - 1];
		if (d->kind == kind && d->day == sh->day &&
		    strcmp(d->key, key) == 0) {
			d->total += sh->total;
			d->unread += sh->unread;
			return;
		}
	}
	t->v = xgrow(t->v, t->n, &t->cap, sizeof *t->v);
	strv_pushdup(&t->names, key);
	d = &t->v[t->n];
	d->kind = kind;
	d->key = t->names.v[t->names.n - 1];
	d->day = sh->day;
	d->total = sh->total;
	d->unread = sh->unread;
	t->slot[h] = ++t->n;
}

void
store_facet_tally_free(struct facet_tally *t)
{
	free(t->v);
	free(t->slot);
	strv_free(&t->names);
	memset(t, 0, sizeof *t);
}

/* Writes the summed changes; part of the caller's transaction. */
int
store_facet_tally_flush(struct store *st, struct facet_tally *t, char **err)
{
	sqlite3_stmt *s = store_stmt(st, ST_FACET_ADD, SQL_FACET_ADD, err);

	if (t->n > 0 && s == NULL)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		sqlite3_bind_int(s, 1, t->v[i].kind);
		store_bind_text(s, 2, t->v[i].key);
		sqlite3_bind_int64(s, 3, t->v[i].day);
		sqlite3_bind_int64(s, 4, t->v[i].total);
		sqlite3_bind_int64(s, 5, t->v[i].unread);
		if (store_step_done(st, s, err, "counting articles") != 0)
			return -1;
	}
	store_facet_tally_free(t);
	return 0;
}

/* ------------------------------------------------------------------ */
/* An article's facet rows                                             */

/* An existing article's share, for facet rows written after a change. */
static int
share_of(struct store *st, int64_t id, struct facet_share *sh, char **err)
{
	sqlite3_stmt *s = store_stmt(st, ST_ITEM_SHARE, SQL_ITEM_SHARE, err);
	int r;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		int read = sqlite3_column_int(s, 1);
		int dismissed = sqlite3_column_int(s, 2);

		sh->day = sqlite3_column_int64(s, 0) / DAY_SECONDS;
		sh->total = dismissed == 0;
		sh->unread = dismissed == 0 && read == 0;
	}
	sqlite3_reset(s);
	if (r != SQLITE_ROW) {
		store_fail(st, err, "counting articles");
		return -1;
	}
	return 0;
}

/*
 * Replaces one facet list of article id (replace=0: a new article) and adds
 * the article's share to the tally.  Removing the old rows takes their
 * share away through the *_drop triggers.
 */
static int
write_facet_list(struct store *st, int64_t id, enum facet_list which,
    const struct strv *names, int replace, struct facet_tally *tally,
    const struct facet_share *share, char **err)
{
	const struct facet_table *t = &facet_tables[which];
	sqlite3_stmt *s;

	if (replace) {
		if ((s = store_stmt(st, t->delete_id, t->delete_sql, err)) ==
		    NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		if (store_step_done(st, s, err, "storing topics") != 0)
			return -1;
	}
	if (names->n == 0)
		return 0;
	if ((s = store_stmt(st, t->insert_id, t->insert_sql, err)) == NULL)
		return -1;
	for (size_t i = 0; i < names->n; i++) {
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, names->v[i]);
		if (store_step_done(st, s, err, "storing topics") != 0)
			return -1;
		tally_add(tally, (int)which, names->v[i], share);
	}
	return 0;
}

int
store_facets_write(struct store *st, int64_t id,
    const struct strv *const lists[FACET_LIST_COUNT], int replace,
    int64_t sort_time, struct facet_tally *tally, char **err)
{
	struct facet_share share = { sort_time / DAY_SECONDS, 1, 1 };

	/* A changed article keeps its read and dismissed state. */
	if (replace && share_of(st, id, &share, err) != 0)
		return -1;
	for (int k = 0; k < FACET_LIST_COUNT; k++)
		if (write_facet_list(st, id, (enum facet_list)k, lists[k],
		    replace, tally, &share, err) != 0)
			return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Reclassification                                                    */

static int
str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Equal as sets (both are sorted here; duplicates count once). */
static int
same_names(struct strv *a, struct strv *b)
{
	size_t i = 0, j = 0;

	if (a->n > 1)
		qsort(a->v, a->n, sizeof *a->v, str_ptr_cmp);
	if (b->n > 1)
		qsort(b->v, b->n, sizeof *b->v, str_ptr_cmp);
	while (i < a->n || j < b->n) {
		if (i < a->n && j < b->n && strcmp(a->v[i], b->v[j]) == 0) {
			i++;
			j++;
		} else if (i > 0 && i < a->n &&
		    strcmp(a->v[i], a->v[i - 1]) == 0) {
			i++;
		} else if (j > 0 && j < b->n &&
		    strcmp(b->v[j], b->v[j - 1]) == 0) {
			j++;
		} else {
			return 0;
		}
	}
	return 1;
}

static void
facets_clear(struct store_facets *f)
{
	strv_free(&f->topics);
	strv_free(&f->countries);
	strv_free(&f->regions);
}

/*
 * One chunk of articles after *last_id: classify, compare, write what
 * changed.  Returns the number of articles read (0 at the end) or -1.
 */
static int
reclassify_chunk(struct store *st,
    void (*fn)(void *, const struct store_article *, struct store_facets *),
    void *ctx,
    int64_t *last_id, size_t *changed, char **err)
{
	static const char sql[] =
	    "SELECT i.id, f.key, i.title, i.summary,"
	    " CASE WHEN i.summary IS NULL THEN i.content END,"
	    " (SELECT group_concat(name, char(31)) FROM"
	    "  (SELECT name FROM item_categories WHERE item_id = i.id"
	    "  ORDER BY pos)),"
	    " (SELECT group_concat(topic, char(31)) FROM item_topics"
	    "  WHERE item_id = i.id),"
	    " (SELECT group_concat(country, char(31)) FROM item_countries"
	    "  WHERE item_id = i.id),"
	    " (SELECT group_concat(region, char(31)) FROM item_regions"
	    "  WHERE item_id = i.id),"
	    " i.sort_time, i.read, i.dismissed"
	    " FROM items i JOIN feeds f ON f.id = i.feed_id"
	    " WHERE i.id > ?1 ORDER BY i.id LIMIT ?2";
	sqlite3_stmt *s = NULL;
	struct strv cats = STRV_INIT;
	struct store_facets now, old;
	struct facet_tally tally;
	int r, nread = 0, rc = -1;

	memset(&tally, 0, sizeof tally);

	memset(&now, 0, sizeof now);
	memset(&old, 0, sizeof old);
	if (store_tx_begin(st, err) != 0)
		return -1;
	if (store_prepare(st, sql, &s, err, "reclassifying") != 0)
		goto out;
	sqlite3_bind_int64(s, 1, *last_id);
	sqlite3_bind_int(s, 2, RECLASSIFY_CHUNK);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_article a;
		struct strv *lists_now[FACET_LIST_COUNT] = {
			&now.topics, &now.countries, &now.regions };
		struct strv *lists_old[FACET_LIST_COUNT] = {
			&old.topics, &old.countries, &old.regions };
		struct facet_share share;
		int differs = 0;

		nread++;
		memset(&a, 0, sizeof a);
		a.id = sqlite3_column_int64(s, 0);
		a.feed_key = (const char *)sqlite3_column_text(s, 1);
		a.title = (const char *)sqlite3_column_text(s, 2);
		a.summary = (const char *)sqlite3_column_text(s, 3);
		a.content = (const char *)sqlite3_column_text(s, 4);
		store_split_names(&cats, sqlite3_column_text(s, 5));
		a.categories = (const char *const *)cats.v;
		a.ncategories = cats.n;
		for (int k = 0; k < FACET_LIST_COUNT; k++)
			store_split_names(lists_old[k],
			    sqlite3_column_text(s, 6 + k));
		fn(ctx, &a, &now);
		*last_id = a.id;
		share.day = sqlite3_column_int64(s, 9) / DAY_SECONDS;
		share.total = sqlite3_column_int(s, 11) == 0;
		share.unread = share.total && sqlite3_column_int(s, 10) == 0;
		for (int k = 0; k < FACET_LIST_COUNT; k++) {
			if (same_names(lists_now[k], lists_old[k]))
				continue;
			differs = 1;
			if (write_facet_list(st, a.id, (enum facet_list)k,
			    lists_now[k], 1, &tally, &share, err) != 0)
				goto out;
		}
		if (differs && changed != NULL)
			(*changed)++;
		strv_free(&cats);
		facets_clear(&now);
		facets_clear(&old);
	}
	if (r != SQLITE_DONE) {
		store_fail(st, err, "reclassifying");
		goto out;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (store_facet_tally_flush(st, &tally, err) != 0 ||
	    store_tx_commit(st, err) != 0)
		goto out;
	rc = nread;
out:
	sqlite3_finalize(s);
	store_facet_tally_free(&tally);
	strv_free(&cats);
	facets_clear(&now);
	facets_clear(&old);
	if (rc < 0)
		store_tx_rollback(st);
	return rc;
}

int
store_reclassify(struct store *st,
    void (*fn)(void *ctx, const struct store_article *a,
    struct store_facets *out), void *ctx, size_t *seen, size_t *changed,
    char **cause)
{
	int64_t last_id = 0;
	size_t nseen = 0, nchanged = 0;
	char *err = NULL;
	int r;

	while ((r = reclassify_chunk(st, fn, ctx, &last_id, &nchanged,
	    &err)) > 0)
		nseen += (size_t)r;
	if (seen != NULL)
		*seen = nseen;
	if (changed != NULL)
		*changed = nchanged;
	if (r < 0) {
		store_give_cause(cause, err);
		return -1;
	}
	return 0;
}


/* ------------------------------------------------------------------ */
/* Counting again                                                      */

/* Each kind's counters from its rows: the share of every article. */
#define FACET_RECOUNT(kind, table, col) \
	"INSERT INTO facet_days (kind, key, day, total, unread)" \
	" SELECT " kind ", f." col ", i.sort_time / 86400," \
	" sum(i.dismissed = 0), sum(i.dismissed = 0 AND i.read = 0)" \
	" FROM " table " f JOIN items i ON i.id = f.item_id GROUP BY 2, 3;"

int
store_facets_recount(struct store *st, char **err)
{
	static const char sql[] =
	    "DELETE FROM facet_days;"
	    FACET_RECOUNT("0", "item_topics", "topic")
	    FACET_RECOUNT("1", "item_countries", "country")
	    FACET_RECOUNT("2", "item_regions", "region");

	if (store_tx_begin(st, err) != 0)
		return -1;
	if (store_exec(st, sql, err, "counting topics and countries") != 0) {
		store_tx_rollback(st);
		return -1;
	}
	return store_tx_commit(st, err);
}
