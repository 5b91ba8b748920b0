/*
 * store/read.c: articles as the commands and the interface read them --
 * lists newest first with simple filters, one article with everything
 * (text, categories, enclosures, tags), and the query plans the tests hold
 * those lists to.
 *
 * The cut: struct store_item, the columns that fill it and its free change
 * together.  The query language's pages and counts are the query module's
 * own reads (src/query_read.c); what may change an article is in write.c
 * (a feed's transaction) and flags.c (a person's marks).
 *
 * "Newest first" is sort_time DESC, id DESC: sort_time is the published
 * date when the feed gave one that is no more than a day after first_seen,
 * else first_seen (write.c), so a feed cannot pin its items to the top
 * with dates in the future.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "xalloc.h"

/* ASCII case folded first (as tags' NOCASE), then bytes. */
static int
tag_cmp(const void *a, const void *b)
{
	const unsigned char *x = *(const unsigned char *const *)a;
	const unsigned char *y = *(const unsigned char *const *)b;
	const unsigned char *p = x, *q = y;

	for (;; p++, q++) {
		int c = *p >= 'A' && *p <= 'Z' ? *p + 32 : *p;
		int d = *q >= 'A' && *q <= 'Z' ? *q + 32 : *q;

		if (c != d)
			return c - d;
		if (c == 0)
			break;
	}
	return strcmp((const char *)x, (const char *)y);
}

static void
tags_split(struct strv *tags, const unsigned char *joined)
{
	store_split_names(tags, joined);
	if (tags->n > 1)
		qsort(tags->v, tags->n, sizeof *tags->v, tag_cmp);
}

#define ITEM_COLUMNS \
	"i.id, f.key, coalesce(f.title_override, f.title, f.key), i.guid," \
	" i.url, i.title, i.author, i.published, i.updated, i.first_seen," \
	" i.thumbnail, i.read, i.starred, i.dismissed," \
	" (SELECT group_concat(t.name, char(31)) FROM item_tags it" \
	"  JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id)"

static void
item_from_row(sqlite3_stmt *s, struct store_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(s, 0);
	it->feed_key = store_col_dup(s, 1);
	it->feed_title = store_col_dup(s, 2);
	it->guid = store_col_dup(s, 3);
	it->url = store_col_dup(s, 4);
	it->title = store_col_dup(s, 5);
	it->author = store_col_dup(s, 6);
	it->published = sqlite3_column_int64(s, 7);
	it->updated = sqlite3_column_int64(s, 8);
	it->first_seen = sqlite3_column_int64(s, 9);
	it->thumbnail = store_col_dup(s, 10);
	it->read = sqlite3_column_int(s, 11);
	it->starred = sqlite3_column_int(s, 12);
	it->dismissed = sqlite3_column_int(s, 13);
	tags_split(&it->tags, sqlite3_column_text(s, 14));
}

/*
 * The list query, built from fixed pieces (the values are bound).  Each
 * filter combination gets the text that lets SQLite walk an index newest
 * first: the feed's own index for one feed, the partial unread indexes
 * when both read and dismissed are excluded.
 */
static char *
item_list_sql(const struct store_list_opts *o)
{
	struct str q = STR_INIT;

	str_appendz(&q, "SELECT " ITEM_COLUMNS " FROM items i"
	    " JOIN feeds f ON f.id = i.feed_id WHERE 1");
	if (o->feed_key != NULL)
		str_appendz(&q, " AND i.feed_id ="
		    " (SELECT id FROM feeds WHERE key = :feed)");
	if (o->unread_only)
		str_appendz(&q, " AND i.read = 0");
	if (!o->include_dismissed)
		str_appendz(&q, " AND i.dismissed = 0");
	str_appendz(&q, " ORDER BY i.sort_time DESC, i.id DESC");
	if (o->limit > 0)
		str_appendz(&q, " LIMIT :limit");
	return str_steal(&q);
}

static int
item_list_prepare(struct store *st, const struct store_list_opts *o,
    const char *prefix, sqlite3_stmt **out, char **err)
{
	char *body = item_list_sql(o);
	char *sql = xasprintf("%s%s", prefix, body);
	sqlite3_stmt *s = NULL;
	int i;

	free(body);
	if (store_prepare(st, sql, &s, err, "listing articles") != 0) {
		free(sql);
		return -1;
	}
	free(sql);
	if ((i = sqlite3_bind_parameter_index(s, ":feed")) > 0)
		store_bind_text(s, i, o->feed_key);
	if ((i = sqlite3_bind_parameter_index(s, ":limit")) > 0)
		sqlite3_bind_int64(s, i, o->limit > INT64_MAX ? INT64_MAX :
		    (int64_t)o->limit);
	*out = s;
	return 0;
}

int
store_item_list(struct store *st, const struct store_list_opts *o,
    struct store_item **out, size_t *n, char **cause)
{
	static const struct store_list_opts defaults = { NULL, 0, 0, 0 };
	sqlite3_stmt *s = NULL;
	struct store_item *v = NULL;
	size_t nv = 0, cap = 0;
	char *err = NULL;
	int r;

	*out = NULL;
	*n = 0;
	if (o == NULL)
		o = &defaults;
	if (item_list_prepare(st, o, "", &s, &err) != 0)
		goto fail;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		v = xgrow(v, nv, &cap, sizeof *v);
		item_from_row(s, &v[nv++]);
	}
	if (r != SQLITE_DONE) {
		store_fail(st, &err, "listing articles");
		goto fail;
	}
	sqlite3_finalize(s);
	*out = v;
	*n = nv;
	return 0;
fail:
	sqlite3_finalize(s);
	store_items_free(v, nv);
	store_give_cause(cause, err);
	return -1;
}

char *
store_item_list_plan(struct store *st, const struct store_list_opts *o,
    char **cause)
{
	static const struct store_list_opts defaults = { NULL, 0, 0, 0 };
	sqlite3_stmt *s = NULL;
	char *err = NULL, *plan;

	if (o == NULL)
		o = &defaults;
	if (item_list_prepare(st, o, "EXPLAIN QUERY PLAN ", &s, &err) != 0) {
		store_give_cause(cause, err);
		return NULL;
	}
	plan = store_explain(st, s, cause);
	sqlite3_finalize(s);
	return plan;
}

static int
item_get_lists(struct store *st, struct store_item *it, char **err)
{
	static const char sql_cat[] =
	    "SELECT name FROM item_categories WHERE item_id = ?1"
	    " ORDER BY pos";
	static const char sql_enc[] =
	    "SELECT url, type, length FROM enclosures WHERE item_id = ?1"
	    " ORDER BY pos";
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int r, rc = -1;

	if (sqlite3_prepare_v2(st->db, sql_cat, -1, &s, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(s, 1, it->id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW)
		strv_push(&it->categories, store_col_dup(s, 0));
	if (r != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(s);
	s = NULL;

	if (sqlite3_prepare_v2(st->db, sql_enc, -1, &s, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(s, 1, it->id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_enclosure *e;

		it->enclosures = xgrow(it->enclosures, it->nenclosures, &cap,
		    sizeof *it->enclosures);
		e = &it->enclosures[it->nenclosures++];
		e->url = store_col_dup(s, 0);
		e->type = store_col_dup(s, 1);
		e->length = sqlite3_column_int64(s, 2);
	}
	if (r != SQLITE_DONE)
		goto fail;
	rc = 0;
fail:
	if (rc != 0)
		store_fail(st, err, "reading an article");
	sqlite3_finalize(s);
	return rc;
}

int
store_item_get(struct store *st, int64_t id, struct store_item *out,
    char **cause)
{
	static const char sql[] =
	    "SELECT " ITEM_COLUMNS ", i.summary, i.content, i.fulltext"
	    " FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?1";
	sqlite3_stmt *s = NULL;
	char *err = NULL;
	int rc = -1, r, in_tx = 0;

	memset(out, 0, sizeof *out);
	/* One snapshot for the article and its lists. */
	if (sqlite3_get_autocommit(st->db)) {
		if (store_exec(st, "BEGIN", &err, "reading an article") != 0)
			goto out;
		in_tx = 1;
	}
	if (store_prepare(st, sql, &s, &err, "reading an article") != 0)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	r = sqlite3_step(s);
	if (r == SQLITE_DONE) {
		rc = 0;
		goto out;
	}
	if (r != SQLITE_ROW) {
		store_fail(st, &err, "reading an article");
		goto out;
	}
	item_from_row(s, out);
	out->summary = store_col_dup(s, 15);
	out->content = store_col_dup(s, 16);
	out->fulltext = store_col_dup(s, 17);
	if (item_get_lists(st, out, &err) != 0) {
		store_item_clear(out);
		goto out;
	}
	rc = 1;
out:
	sqlite3_finalize(s);
	if (in_tx)
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc < 0)
		store_give_cause(cause, err);
	return rc;
}

int
store_item_text_get(struct store *st, int64_t id,
    struct store_item_text *out, char **cause)
{
	static const char sql[] =
	    "SELECT guid, summary, content, fulltext,"
	    " (SELECT group_concat(topic, char(31)) FROM item_topics"
	    "  WHERE item_id = ?1),"
	    " (SELECT group_concat(country, char(31)) FROM item_countries"
	    "  WHERE item_id = ?1),"
	    " (SELECT group_concat(region, char(31)) FROM item_regions"
	    "  WHERE item_id = ?1) FROM items WHERE id = ?1";
	sqlite3_stmt *s;
	char *err = NULL;
	int r;

	memset(out, 0, sizeof *out);
	if ((s = store_stmt(st, ST_ITEM_TEXT, sql, &err)) == NULL) {
		store_give_cause(cause, err);
		return -1;
	}
	sqlite3_bind_int64(s, 1, id);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		out->guid = store_col_dup(s, 0);
		out->summary = store_col_dup(s, 1);
		out->content = store_col_dup(s, 2);
		out->fulltext = store_col_dup(s, 3);
		tags_split(&out->topics, sqlite3_column_text(s, 4));
		tags_split(&out->countries, sqlite3_column_text(s, 5));
		tags_split(&out->regions, sqlite3_column_text(s, 6));
	} else if (r != SQLITE_DONE) {
		store_fail(st, &err, "reading an article");
	}
	sqlite3_reset(s);
	if (err != NULL) {
		store_give_cause(cause, err);
		return -1;
	}
	return r == SQLITE_ROW;
}

void
store_item_text_clear(struct store_item_text *t)
{
	if (t == NULL)
		return;
	free(t->guid);
	free(t->summary);
	free(t->content);
	free(t->fulltext);
	strv_free(&t->topics);
	strv_free(&t->countries);
	strv_free(&t->regions);
	memset(t, 0, sizeof *t);
}

void
store_item_clear(struct store_item *it)
{
	if (it == NULL)
		return;
	free(it->feed_key);
	free(it->feed_title);
	free(it->guid);
	free(it->url);
	free(it->title);
	free(it->author);
	free(it->summary);
	free(it->content);
	free(it->fulltext);
	free(it->thumbnail);
	strv_free(&it->tags);
	strv_free(&it->categories);
	for (size_t i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	memset(it, 0, sizeof *it);
}

void
store_items_free(struct store_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_item_clear(&v[i]);
	free(v);
}
