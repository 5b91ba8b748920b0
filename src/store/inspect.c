/*
 * store/inspect.c: `sitrep check` on the store's side -- the verdict on a
 * cache file (SQLite's integrity check, the full-text index, which tables
 * the damage is in) and the repair: what can still be read of a damaged
 * cache copied into a new one.
 *
 * The cut: everything here works on a file by path, on a connection that
 * only looks (open.c's store_open_inspect), and never writes to that file;
 * the rest of the store works on a cache it trusts.  It stands above
 * open.c, check.c, schema.c and facets.c and nothing calls back into it.
 *
 * The repair is SQLite's `.recover` brought down to what a sitrep cache
 * needs.  Debian 12's SQLite (3.40) ships the recovery API only in the
 * shell's source, and a cache has a known schema, so the copy goes table by
 * table through plain SELECTs: each table is walked in the order of an
 * integer key, and where a walk stops on damage, probes find the first key
 * after it that can be read again (doubling the step, then halving back),
 * so that one bad page costs the rows on it and not the rest of the table.
 * An article whose text cannot be read is kept without it (its state and
 * tags matter more); tags are read a second time through their index, so
 * a tag survives when either copy of it does.  What is rebuilt rather than
 * copied: the full-text index and the facet counters.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* What each table is, for people                                      */

/* The tables of a cache (schema 6), and what their damage means. */
static const struct cache_table {
	const char *name;
	const char *part;
} cache_tables[] = {
	{ "feeds", "the feed list" },
	{ "items", "the articles" },
	{ "item_categories", "the articles' categories and enclosures" },
	{ "enclosures", "the articles' categories and enclosures" },
	{ "tags", "the tags" },
	{ "item_tags", "the tags" },
	{ "pruned", "the list of pruned articles" },
	{ "item_topics", "the topics and countries (reclassify redoes them)" },
	{ "item_countries",
	    "the topics and countries (reclassify redoes them)" },
	{ "item_regions", "the topics and countries (reclassify redoes them)" },
	{ "facet_days", "the topic and country counts (rebuilt by --repair)" },
	{ "items_fts_data", "the full-text index (rebuilt by --repair)" },
	{ "items_fts_idx", "the full-text index (rebuilt by --repair)" },
	{ "items_fts_config", "the full-text index (rebuilt by --repair)" },
	{ "store_meta", "sitrep's notes on the cache" },
	{ "sqlite_stat1", "the query planner's statistics" },
};

#define NCACHE_TABLES (sizeof cache_tables / sizeof cache_tables[0])

static void
add_part(struct strv *parts, const char *part)
{
	for (size_t i = 0; i < parts->n; i++)
		if (strcmp(parts->v[i], part) == 0)
			return;
	strv_pushdup(parts, part);
}

/* The first count that one of sqls gives (fallbacks in order), else -1. */
static int64_t
count_any(struct store *st, const char *const *sqls, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int64_t v;
		char *err = NULL;

		if (store_query_int(st, sqls[i], &v, &err) == 0)
			return v;
		free(err);
	}
	return -1;
}

#define COUNT_ANY(st, a) count_any((st), (a), sizeof (a) / sizeof (a)[0])

static const char *const count_feeds[] = {
	"SELECT count(*) FROM feeds",
	"SELECT count(*) FROM feeds INDEXED BY sqlite_autoindex_feeds_1",
};
static const char *const count_articles[] = {
	"SELECT count(*) FROM items",
	"SELECT count(*) FROM items INDEXED BY items_sort",
	"SELECT count(*) FROM items INDEXED BY sqlite_autoindex_items_1",
	"SELECT count(*) FROM items NOT INDEXED",
};
static const char *const count_tags[] = {
	"SELECT count(*) FROM tags",
	"SELECT count(*) FROM tags INDEXED BY sqlite_autoindex_tags_1",
};
static const char *const count_tagged[] = {
	"SELECT count(*) FROM item_tags",
	"SELECT count(*) FROM item_tags INDEXED BY item_tags_tag",
};
/* items_sort holds the state columns: the flags count without the rows. */
static const char *const count_read[] = {
	"SELECT count(*) FROM items INDEXED BY items_sort WHERE read <> 0",
	"SELECT count(*) FROM items NOT INDEXED WHERE read <> 0",
};
static const char *const count_starred[] = {
	"SELECT count(*) FROM items INDEXED BY items_sort WHERE starred <> 0",
	"SELECT count(*) FROM items NOT INDEXED WHERE starred <> 0",
};
static const char *const count_dismissed[] = {
	"SELECT count(*) FROM items INDEXED BY items_sort WHERE dismissed <> 0",
	"SELECT count(*) FROM items NOT INDEXED WHERE dismissed <> 0",
};

/* ------------------------------------------------------------------ */
/* The verdict                                                         */

/* Which tables the damage is in: each one's own quick check. */
static void
find_parts(struct store *st, struct strv *parts)
{
	for (size_t i = 0; i < NCACHE_TABLES; i++) {
		char *sql = xasprintf("PRAGMA quick_check(%s)",
		    cache_tables[i].name);
		sqlite3_stmt *s = NULL;
		int r, bad = 0;

		if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
			int code = sqlite3_extended_errcode(st->db) & 0xff;

			/* not even the list of tables reads */
			if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
				sqlite3_finalize(s);
				free(sql);
				add_part(parts, "the list of tables, so nothing "
				    "else can be found");
				return;
			}
		} else {
			while ((r = sqlite3_step(s)) == SQLITE_ROW) {
				const char *z = (const char *)
				    sqlite3_column_text(s, 0);

				if (z != NULL && strcmp(z, "ok") != 0)
					bad = 1;
			}
			/* a table the file lacks (an older schema) is fine */
			if (r != SQLITE_DONE)
				bad = 1;
		}
		sqlite3_finalize(s);
		free(sql);
		if (bad)
			add_part(parts, cache_tables[i].part);
	}
	if (parts->n == 0)
		add_part(parts, "pages that belong to no table");
}

enum store_verdict
store_check_file(const char *path, struct store_report *r)
{
	struct store *st;
	char *err = NULL;
	int64_t v;

	memset(r, 0, sizeof *r);
	r->feeds = r->articles = r->tags = -1;
	st = store_open_inspect(path, &r->verdict, &r->message);
	if (st == NULL)
		return r->verdict;
	r->verdict = STORE_SOUND;
	if (store_query_int(st, "PRAGMA user_version", &v, &err) == 0)
		r->schema = (int)v;
	free(err);
	err = NULL;
	if (store_check_pages(st, "PRAGMA integrity_check", &r->problems,
	    &err) != 0 && r->problems.n == 0)
		strv_push(&r->problems, err); /* not damage: I/O, memory */
	else
		free(err);
	err = NULL;
	if (r->problems.n > 0) {
		find_parts(st, &r->parts);
	} else if (r->schema >= 4 && store_check_index(st, &err) != 0) {
		strv_push(&r->problems, err);
		add_part(&r->parts, "the full-text index (rebuilt by --repair)");
	} else {
		free(err);
	}
	if (r->problems.n > 0)
		r->verdict = STORE_DAMAGED;
	r->feeds = COUNT_ANY(st, count_feeds);
	r->articles = COUNT_ANY(st, count_articles);
	r->tags = COUNT_ANY(st, count_tags);
	store_close(st);
	return r->verdict;
}

void
store_report_clear(struct store_report *r)
{
	free(r->message);
	strv_free(&r->problems);
	strv_free(&r->parts);
	memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------------ */
/* The repair: one table's copy                                        */

/*
 * How one table is copied.  key: the integer column the walk orders by
 * (the rowid, or the first column of the primary key or of the index);
 * order: the whole ORDER BY; light: columns left out when a row cannot be
 * read whole (rowid tables); parents: "col table" pairs a row needs in the
 * new cache (its foreign keys).
 */
static const struct copy_plan {
	const char *table;
	const char *indexed;
	const char *key;
	const char *order;
	int rowid;
	const char *light[3];
	const char *parents[2][2];
	int lost_feed_placeholder;
} copy_plans[] = {
	{ "feeds", NULL, "id", "id", 1, { NULL }, { { NULL } }, 0 },
	{ "tags", NULL, "id", "id", 1, { NULL }, { { NULL } }, 0 },
	{ "items", NULL, "id", "id", 1, { "summary", "content", "fulltext" },
	    { { NULL } }, 1 },
	{ "item_categories", NULL, "item_id", "item_id, pos", 0, { NULL },
	    { { "item_id", "items" } }, 0 },
	{ "enclosures", NULL, "item_id", "item_id, pos", 0, { NULL },
	    { { "item_id", "items" } }, 0 },
	{ "item_topics", NULL, "item_id", "item_id, topic", 0, { NULL },
	    { { "item_id", "items" } }, 0 },
	{ "item_countries", NULL, "item_id", "item_id, country", 0, { NULL },
	    { { "item_id", "items" } }, 0 },
	{ "item_regions", NULL, "item_id", "item_id, region", 0, { NULL },
	    { { "item_id", "items" } }, 0 },
	{ "item_tags", NULL, "item_id", "item_id, tag_id", 0, { NULL },
	    { { "item_id", "items" }, { "tag_id", "tags" } }, 0 },
	/* the same rows again through the index: a tag kept by either */
	{ "item_tags", "item_tags_tag", "tag_id", "tag_id, item_id", 0,
	    { NULL }, { { "item_id", "items" }, { "tag_id", "tags" } }, 0 },
	{ "pruned", NULL, "feed_id", "feed_id, uid", 0, { NULL },
	    { { "feed_id", "feeds" } }, 0 },
};

#define NCOPY_PLANS (sizeof copy_plans / sizeof copy_plans[0])

/* One table's copy under way. */
struct copy {
	struct store *from, *to;
	const struct copy_plan *plan;
	struct strv cols;       /* the columns both caches have */
	sqlite3_stmt *walk;     /* key, cols... WHERE key >= ?1 in order */
	sqlite3_stmt *probe;    /* key WHERE key >= ?1, the first one */
	sqlite3_stmt *whole;    /* rowid tables: key, cols... WHERE key = ?1 */
	sqlite3_stmt *light;    /* the same without the light columns */
	sqlite3_stmt *insert;   /* cols... into the new cache, parents there */
	sqlite3_stmt *feed;     /* a placeholder for a lost feed */
	struct store_repair_stats *stats;
	char **err;
};

/* The columns of table in st's main database; empty when it has none. */
static void
table_columns(struct store *st, const char *table, struct strv *out)
{
	char *sql = xasprintf("PRAGMA main.table_info(%s)", table);
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK)
		while (sqlite3_step(s) == SQLITE_ROW)
			strv_pushdup(out, (const char *)
			    sqlite3_column_text(s, 1));
	sqlite3_finalize(s);
	free(sql);
}

static int
strv_has(const struct strv *sv, const char *z)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], z) == 0)
			return 1;
	return 0;
}

static int
is_light(const struct copy_plan *p, const char *col)
{
	for (size_t i = 0; i < 3 && p->light[i] != NULL; i++)
		if (strcmp(p->light[i], col) == 0)
			return 1;
	return 0;
}

/* "SELECT key, c1, ... FROM table [INDEXED BY i]"; light: NULL for those. */
static void
select_head(struct str *q, const struct copy *c, int light)
{
	str_appendf(q, "SELECT %s", c->plan->key);
	for (size_t i = 0; i < c->cols.n; i++)
		str_appendf(q, ", %s", light && is_light(c->plan, c->cols.v[i]) ?
		    "NULL" : c->cols.v[i]);
	str_appendf(q, " FROM %s", c->plan->table);
	if (c->plan->indexed != NULL)
		str_appendf(q, " INDEXED BY %s", c->plan->indexed);
}

static void
insert_sql(struct str *q, const struct copy *c)
{
	const char *sep = " WHERE";

	str_appendf(q, "INSERT OR IGNORE INTO %s (", c->plan->table);
	for (size_t i = 0; i < c->cols.n; i++)
		str_appendf(q, "%s%s", i > 0 ? ", " : "", c->cols.v[i]);
	str_appendz(q, ") SELECT ");
	for (size_t i = 0; i < c->cols.n; i++)
		str_appendf(q, "%s?%zu", i > 0 ? ", " : "", i + 1);
	for (size_t k = 0; k < 2 && c->plan->parents[k][0] != NULL; k++) {
		for (size_t i = 0; i < c->cols.n; i++) {
			if (strcmp(c->cols.v[i], c->plan->parents[k][0]) != 0)
				continue;
			str_appendf(q, "%s EXISTS (SELECT 1 FROM %s WHERE id ="
			    " ?%zu)", sep, c->plan->parents[k][1], i + 1);
			sep = " AND";
		}
	}
}

/*
 * Prepares c's statements; 1 ready, 0 when the old cache has no such
 * table (an older schema, or a schema too damaged to name it), -1.
 */
static int
copy_prepare(struct copy *c)
{
	struct strv old = STRV_INIT, now = STRV_INIT;
	struct str q = STR_INIT;
	int rc = -1;

	table_columns(c->from, c->plan->table, &old);
	table_columns(c->to, c->plan->table, &now);
	for (size_t i = 0; i < now.n; i++)
		if (strv_has(&old, now.v[i]))
			strv_pushdup(&c->cols, now.v[i]);
	if (c->cols.n == 0 || !strv_has(&c->cols, c->plan->key)) {
		rc = 0;
		goto out;
	}
	select_head(&q, c, 0);
	str_appendf(&q, " WHERE %s >= ?1 ORDER BY %s", c->plan->key,
	    c->plan->order);
	if (sqlite3_prepare_v2(c->from->db, q.p, -1, &c->walk, NULL) !=
	    SQLITE_OK) {
		/* unreadable schema or index: nothing of this table */
		rc = 0;
		goto out;
	}
	str_clear(&q);
	str_appendf(&q, "SELECT %s FROM %s", c->plan->key, c->plan->table);
	if (c->plan->indexed != NULL)
		str_appendf(&q, " INDEXED BY %s", c->plan->indexed);
	str_appendf(&q, " WHERE %s >= ?1 ORDER BY %s LIMIT 1", c->plan->key,
	    c->plan->key);
	if (sqlite3_prepare_v2(c->from->db, q.p, -1, &c->probe, NULL) !=
	    SQLITE_OK) {
		rc = 0;
		goto out;
	}
	if (c->plan->rowid) {
		for (int light = 0; light < 2; light++) {
			str_clear(&q);
			select_head(&q, c, light);
			str_appendf(&q, " WHERE %s = ?1", c->plan->key);
			if (sqlite3_prepare_v2(c->from->db, q.p, -1,
			    light ? &c->light : &c->whole, NULL) != SQLITE_OK) {
				rc = 0;
				goto out;
			}
		}
	}
	str_clear(&q);
	insert_sql(&q, c);
	if (store_prepare(c->to, q.p, &c->insert, c->err,
	    "copying into the new cache") != 0)
		goto out;
	if (c->plan->lost_feed_placeholder && store_prepare(c->to,
	    "INSERT OR IGNORE INTO feeds (id, key, url)"
	    " VALUES (?1, 'recovered-' || ?1, '')", &c->feed, c->err,
	    "copying into the new cache") != 0)
		goto out;
	rc = 1;
out:
	strv_free(&old);
	strv_free(&now);
	str_free(&q);
	return rc;
}

static void
copy_finish(struct copy *c)
{
	sqlite3_finalize(c->walk);
	sqlite3_finalize(c->probe);
	sqlite3_finalize(c->whole);
	sqlite3_finalize(c->light);
	sqlite3_finalize(c->insert);
	sqlite3_finalize(c->feed);
	strv_free(&c->cols);
}

/*
 * Writes the row s holds (key in column 0, then c->cols) to the new cache.
 * A row the new cache refuses (a value damage made impossible) is lost;
 * any other error there (a full disk) ends the repair: -1.
 */
static int
put_row(struct copy *c, sqlite3_stmt *s)
{
	int r;

	if (c->feed != NULL) {
		int fi = -1;

		for (size_t i = 0; i < c->cols.n; i++)
			if (strcmp(c->cols.v[i], "feed_id") == 0)
				fi = (int)i + 1;
		if (fi > 0) {
			sqlite3_bind_value(c->feed, 1, sqlite3_column_value(s,
			    fi));
			if (sqlite3_step(c->feed) != SQLITE_DONE) {
				store_fail(c->to, c->err, "copying a feed");
				sqlite3_reset(c->feed);
				return -1;
			}
			c->stats->lost_feeds += sqlite3_changes(c->to->db);
			sqlite3_reset(c->feed);
		}
	}
	for (size_t i = 0; i < c->cols.n; i++)
		sqlite3_bind_value(c->insert, (int)i + 1,
		    sqlite3_column_value(s, (int)i + 1));
	r = sqlite3_step(c->insert);
	sqlite3_reset(c->insert);
	sqlite3_clear_bindings(c->insert);
	if (r == SQLITE_DONE)
		return 0;
	if ((sqlite3_extended_errcode(c->to->db) & 0xff) == SQLITE_CONSTRAINT ||
	    (sqlite3_extended_errcode(c->to->db) & 0xff) == SQLITE_MISMATCH)
		return 0;
	store_fail(c->to, c->err, "copying into the new cache");
	return -1;
}

/* 1 with the first readable key >= lo in *key, 0 none, -1 unreadable. */
static int
probe(struct copy *c, int64_t lo, int64_t *key)
{
	int r;

	sqlite3_bind_int64(c->probe, 1, lo);
	r = sqlite3_step(c->probe);
	if (r == SQLITE_ROW)
		*key = sqlite3_column_int64(c->probe, 0);
	sqlite3_reset(c->probe);
	return r == SQLITE_ROW ? 1 : r == SQLITE_DONE ? 0 : -1;
}

/*
 * The first key after from (where a probe failed) from which the table
 * can be read again: double the step until a probe succeeds, then halve
 * back to the edge of the damage.  0 with *next, or -1 when nothing after
 * from can be read.
 */
static int
skip_damage(struct copy *c, int64_t from, int64_t *next)
{
	int64_t bad = from, good, k;
	uint64_t step = 1;

	for (;;) {
		good = (uint64_t)(INT64_MAX - bad) < step ? INT64_MAX :
		    bad + (int64_t)step;
		if (probe(c, good, &k) >= 0)
			break;
		if (good == INT64_MAX)
			return -1;
		bad = good;
		if (step < (UINT64_C(1) << 62))
			step *= 2;
	}
	while (good - bad > 1) {
		int64_t mid = bad + (good - bad) / 2;

		if (probe(c, mid, &k) >= 0)
			good = mid;
		else
			bad = mid;
	}
	*next = good;
	return 0;
}

/* A row the walk could not read: whole, else without its long texts. */
static int
copy_one(struct copy *c, int64_t key)
{
	sqlite3_stmt *tries[2] = { c->whole, c->light };

	for (int i = 0; i < 2 && tries[i] != NULL; i++) {
		int r;

		sqlite3_bind_int64(tries[i], 1, key);
		r = sqlite3_step(tries[i]);
		if (r == SQLITE_ROW) {
			int rc = put_row(c, tries[i]);

			if (i == 1 && rc == 0)
				c->stats->without_text++;
			sqlite3_reset(tries[i]);
			return rc;
		}
		sqlite3_reset(tries[i]);
	}
	return 0; /* lost */
}

/* Walks the table from the smallest key, around the damage; 0 or -1. */
static int
copy_walk(struct copy *c)
{
	int64_t lo = INT64_MIN, last = 0, key;

	for (;;) {
		int r, got = 0, p;
		int64_t from;

		sqlite3_bind_int64(c->walk, 1, lo);
		while ((r = sqlite3_step(c->walk)) == SQLITE_ROW) {
			last = sqlite3_column_int64(c->walk, 0);
			got = 1;
			if (put_row(c, c->walk) < 0) {
				sqlite3_reset(c->walk);
				return -1;
			}
		}
		sqlite3_reset(c->walk);
		if (r == SQLITE_DONE)
			return 0;
		/* Damage after `last` (or at lo): where can reading resume? */
		if (got && last == INT64_MAX)
			return 0;
		from = got ? last + 1 : lo;
		p = probe(c, from, &key);
		if (p == 0)
			return 0;
		if (p > 0 && (got || key > lo)) {
			lo = key;
			continue;
		}
		if (p > 0) {
			/* the key reads, the row does not: its own pages */
			if (copy_one(c, key) < 0)
				return -1;
			if (key == INT64_MAX)
				return 0;
			lo = key + 1;
			continue;
		}
		if (skip_damage(c, from, &lo) < 0)
			return 0;
	}
}

/* ------------------------------------------------------------------ */
/* The repair                                                          */

/*
 * The tag names once more, in name order through the tags' own index, so
 * that a name whose row is lost comes back under its id (item_tags points
 * at ids).  An index in name order has no integer key to skip the damage
 * by: this reads up to it.  Part of copy_tables' transaction.
 */
static int
copy_tag_names(struct store *from, struct store *to, char **err)
{
	sqlite3_stmt *s = NULL, *ins = NULL;
	int rc = 0;

	if (sqlite3_prepare_v2(from->db, "SELECT id, name FROM tags INDEXED BY"
	    " sqlite_autoindex_tags_1 ORDER BY name", -1, &s, NULL) !=
	    SQLITE_OK)
		goto out;
	if (store_prepare(to, "INSERT OR IGNORE INTO tags (id, name)"
	    " VALUES (?1, ?2)", &ins, err, "copying the tags") != 0) {
		rc = -1;
		goto out;
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		sqlite3_bind_value(ins, 1, sqlite3_column_value(s, 0));
		sqlite3_bind_value(ins, 2, sqlite3_column_value(s, 1));
		if (sqlite3_step(ins) != SQLITE_DONE &&
		    (sqlite3_extended_errcode(to->db) & 0xff) !=
		    SQLITE_CONSTRAINT) {
			store_fail(to, err, "copying the tags");
			rc = -1;
			goto out;
		}
		sqlite3_reset(ins);
	}
out:
	sqlite3_finalize(s);
	sqlite3_finalize(ins);
	return rc;
}

/* Every table of copy_plans, in order, as one transaction. */
static int
copy_tables(struct store *from, struct store *to,
    struct store_repair_stats *stats, char **err)
{
	if (store_tx_begin(to, err) != 0)
		return -1;
	for (size_t i = 0; i < NCOPY_PLANS; i++) {
		struct copy c;
		int r;

		memset(&c, 0, sizeof c);
		c.from = from;
		c.to = to;
		c.plan = &copy_plans[i];
		c.stats = stats;
		c.err = err;
		r = copy_prepare(&c);
		if (r > 0)
			r = copy_walk(&c);
		copy_finish(&c);
		/* before the rows that point at tags */
		if (r >= 0 && strcmp(copy_plans[i].table, "tags") == 0)
			r = copy_tag_names(from, to, err);
		if (r < 0) {
			store_tx_rollback(to);
			return -1;
		}
	}
	return store_tx_commit(to, err);
}

static void
count_totals(struct store *st, struct store_repair_stats *s, int saved)
{
	struct {
		struct store_saved *what;
		const char *const *sqls;
		size_t n;
	} counts[] = {
		{ &s->feeds, count_feeds, 2 },
		{ &s->articles, count_articles, 4 },
		{ &s->tags, count_tags, 2 },
		{ &s->tagged, count_tagged, 2 },
		{ &s->read, count_read, 2 },
		{ &s->starred, count_starred, 2 },
		{ &s->dismissed, count_dismissed, 2 },
	};

	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		int64_t v = count_any(st, counts[i].sqls, counts[i].n);

		if (saved)
			counts[i].what->saved = v < 0 ? 0 : v;
		else
			counts[i].what->total = v;
	}
}

int
store_repair(const char *path, const char *new_path,
    struct store_repair_stats *stats, char **cause)
{
	struct store *from = NULL, *to = NULL;
	enum store_verdict v;
	struct stat sb;
	char *err = NULL, *part = NULL;
	int rc = -1;

	memset(stats, 0, sizeof *stats);
	if (lstat(new_path, &sb) == 0) {
		err = xasprintf("%s: already exists; sitrep writes the repaired "
		    "cache only to a new file", new_path);
		goto out;
	}
	from = store_open_inspect(path, &v, &err);
	if (from == NULL)
		goto out;
	count_totals(from, stats, 0);
	/* Built beside its name and renamed when whole. */
	part = xasprintf("%s.part", new_path);
	unlink(part);
	to = store_open(part, &err);
	if (to == NULL)
		goto out;
	if (copy_tables(from, to, stats, &err) != 0 ||
	    store_fts_rebuild(to, &err) != 0 ||
	    store_facets_recount(to, &err) != 0)
		goto out;
	count_totals(to, stats, 1);
	if (stats->articles.saved == 0 && stats->feeds.saved == 0 &&
	    stats->tags.saved == 0) {
		err = xasprintf("%s: nothing in it could be read, so there is "
		    "nothing to save; move it aside and sitrep starts a new "
		    "cache", path);
		goto out;
	}
	/* The placeholder feeds are not feeds of the damaged cache. */
	stats->feeds.saved -= stats->lost_feeds;
	store_close(to);
	to = NULL;
	if (rename(part, new_path) != 0) {
		err = xasprintf("%s: cannot rename to %s: %s", part, new_path,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (to != NULL)
		store_close(to);
	if (rc != 0 && part != NULL) {
		char *side;

		unlink(part);
		side = xasprintf("%s-wal", part);
		unlink(side);
		free(side);
		side = xasprintf("%s-shm", part);
		unlink(side);
		free(side);
	}
	store_close(from);
	free(part);
	store_give_cause(cause, err);
	return rc;
}
