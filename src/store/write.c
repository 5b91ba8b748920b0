/*
 * store/write.c: what enters and leaves the cache with the feeds -- one
 * fetched feed written as one transaction (its fetch outcome, then each
 * new or changed article with its lists, index row and facets), batches
 * of such transactions, and retention (store_prune) with the tombstones
 * that keep a pruned article from coming back.
 *
 * The cut: this is the writer a refresh drives.  It is the only code that
 * adds articles, so identities (identity.c), the index's text (search.c)
 * and the facet tally (facets.c) are called from here and from nowhere
 * else; a person's marks on an article are flags.c's.
 *
 * - Every write is one BEGIN IMMEDIATE transaction (SECURITY.md D2), a
 *   savepoint inside a batch; a failure leaves every stored item as it was
 *   (D3).
 * - sort_time is the published date when the feed gave one no later than
 *   first_seen, else first_seen: an item dated a few minutes ahead (a
 *   server's clock) sorts as new, not above everything for its lead, and a
 *   feed cannot pin its items to the top with dates in the future.  Items of one document are
 *   inserted bottom-up so that, at equal sort_time, the feed's own order
 *   shows.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "store_int.h"
#include "xalloc.h"

/* A pruned article still in its feed refreshes its tombstone this often... */
#define TOMBSTONE_REFRESH (30 * DAY_SECONDS)
/* ...and a tombstone not seen for this long is forgotten. */
#define TOMBSTONE_KEEP (90 * DAY_SECONDS)

/* The writer's cached statements (store_stmt), by slot. */
static const char *const ingest_sql[ST_COUNT] = {
	[ST_FEED_ID] = "SELECT id FROM feeds WHERE key = ?1",
	/*
	 * ?2 status, ?3 error, ?4 fetched_at, ?5 etag, ?6 last_modified,
	 * ?7 next_due, ?8 fail_count, ?9 gone, ?10 new_url, ?11 ttl,
	 * ?12..?15 the document's title, link, self link and language.
	 */
	[ST_FEED_RECORD] =
	    "UPDATE feeds SET last_fetch = ?4, last_status = ?2,"
	    " last_error = ?3,"
	    " last_success = CASE WHEN ?3 IS NULL THEN ?4"
	    "  ELSE last_success END,"
	    " etag = coalesce(?5, etag),"
	    " last_modified = coalesce(?6, last_modified),"
	    " next_due = ?7, fail_count = ?8, gone = ?9, new_url = ?10,"
	    " ttl_minutes = CASE WHEN ?11 > 0 THEN ?11 ELSE ttl_minutes END,"
	    " title = coalesce(?12, title),"
	    " site_url = coalesce(?13, site_url),"
	    " self_url = coalesce(?14, self_url),"
	    " language = coalesce(?15, language)"
	    " WHERE id = ?1",
	[ST_ITEM_FIND] =
	    "SELECT id, hash FROM items WHERE feed_id = ?1 AND uid = ?2",
	[ST_ITEM_INSERT] =
	    "INSERT INTO items (feed_id, uid, published, updated, first_seen,"
	    " sort_time, hash, guid, url, title, author, thumbnail, summary,"
	    " content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	    " ?12, ?13, ?14)",
	/* first_seen, flags and tags stay; sort_time follows the new date. */
	[ST_ITEM_UPDATE] =
	    "UPDATE items SET published = ?3, updated = ?4,"
	    " sort_time = CASE WHEN ?3 <> 0 AND ?3 <= first_seen"
	    "  THEN ?3 ELSE first_seen END,"
	    " hash = ?7, guid = ?8, url = ?9, title = ?10, author = ?11,"
	    " thumbnail = ?12, summary = ?13, content = ?14 WHERE id = ?1",
	[ST_CAT_DELETE] = "DELETE FROM item_categories WHERE item_id = ?1",
	[ST_CAT_INSERT] =
	    "INSERT INTO item_categories (item_id, pos, name)"
	    " VALUES (?1, ?2, ?3)",
	[ST_ENC_DELETE] = "DELETE FROM enclosures WHERE item_id = ?1",
	[ST_ENC_INSERT] =
	    "INSERT INTO enclosures (item_id, pos, url, type, length)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_PRUNED_FIND] =
	    "SELECT at FROM pruned WHERE feed_id = ?1 AND uid = ?2",
	[ST_PRUNED_TOUCH] =
	    "UPDATE pruned SET at = ?3 WHERE feed_id = ?1 AND uid = ?2",
};

struct ingest {
	struct store *st;
	int64_t feed_id;
	int64_t now;
	int classified;   /* the document's items carry their facets */
	char **err;
	struct store_ingest_stats *stats;
	struct facet_tally tally;
};

/* A cached statement of the transaction; NULL with *in->err. */
static sqlite3_stmt *
ingest_stmt(struct ingest *in, enum stmt_id id)
{
	return store_stmt(in->st, id, ingest_sql[id], in->err);
}

/* Steps a statement of the transaction that returns no row. */
static int
ingest_step(struct ingest *in, sqlite3_stmt *s, const char *what)
{
	return store_step_done(in->st, s, in->err, what);
}

/* The feed's id into in->feed_id: 1, 0 when there is no such feed, -1. */
static int
feed_id_of(struct ingest *in, const char *key)
{
	sqlite3_stmt *s = ingest_stmt(in, ST_FEED_ID);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	return store_step_int(in->st, s, &in->feed_id, in->err,
	    "looking up a feed");
}

/* ------------------------------------------------------------------ */
/* One article                                                         */

/* Categories and enclosures; replace=1 drops the old ones first. */
static int
write_lists(struct ingest *in, const struct feed_item *it, int64_t id,
    int replace)
{
	sqlite3_stmt *s;

	if (replace) {
		if ((s = ingest_stmt(in, ST_CAT_DELETE)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		if (ingest_step(in, s, "storing an article") != 0)
			return -1;
		if ((s = ingest_stmt(in, ST_ENC_DELETE)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		if (ingest_step(in, s, "storing an article") != 0)
			return -1;
	}
	if (it->categories.n > 0) {
		if ((s = ingest_stmt(in, ST_CAT_INSERT)) == NULL)
			return -1;
		for (size_t i = 0; i < it->categories.n; i++) {
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int64(s, 2, (int64_t)i);
			store_bind_text(s, 3, it->categories.v[i]);
			if (ingest_step(in, s, "storing categories") != 0)
				return -1;
		}
	}
	if (it->nenclosures > 0) {
		int64_t pos = 0;

		if ((s = ingest_stmt(in, ST_ENC_INSERT)) == NULL)
			return -1;
		for (size_t i = 0; i < it->nenclosures; i++) {
			const struct feed_enclosure *e = &it->enclosures[i];

			if (e->url == NULL)
				continue;
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int64(s, 2, pos++);
			store_bind_text(s, 3, e->url);
			store_bind_text(s, 4, e->type);
			sqlite3_bind_int64(s, 5, e->length > 0 ? e->length : 0);
			if (ingest_step(in, s, "storing enclosures") != 0)
				return -1;
		}
	}
	return 0;
}

/* sort_time: the article's, known for a new one; 0 to look it up. */
static int
write_facets(struct ingest *in, const struct feed_item *it, int64_t id,
    int replace, int64_t sort_time)
{
	const struct strv *lists[FACET_LIST_COUNT] = {
		&it->topics, &it->countries, &it->regions };

	if (!in->classified)
		return 0;
	return store_facets_write(in->st, id, lists, replace, sort_time,
	    &in->tally, in->err);
}

static void
bind_item_fields(sqlite3_stmt *s, const struct feed_item *it, uint64_t hash)
{
	sqlite3_bind_int64(s, 3, it->published);
	sqlite3_bind_int64(s, 4, it->updated);
	sqlite3_bind_int64(s, 7, (int64_t)hash);
	store_bind_text(s, 8, it->guid);
	store_bind_text(s, 9, it->url);
	store_bind_text(s, 10, it->title);
	store_bind_text(s, 11, it->author);
	store_bind_text(s, 12, it->thumbnail);
	store_bind_text(s, 13, it->summary);
	store_bind_text(s, 14, it->content);
}

/*
 * A pruned article still in its feed: 1 when uid has a tombstone (which
 * is refreshed now and then so it outlives its article while the feed
 * still lists it), 0 when not, -1 on error.
 */
static int
tombstoned(struct ingest *in, const char *uid)
{
	sqlite3_stmt *s = ingest_stmt(in, ST_PRUNED_FIND);
	int64_t at;
	int r;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, in->feed_id);
	store_bind_text(s, 2, uid);
	if ((r = store_step_int(in->st, s, &at, in->err,
	    "storing an article")) <= 0)
		return r;
	if (at + TOMBSTONE_REFRESH < in->now) {
		if ((s = ingest_stmt(in, ST_PRUNED_TOUCH)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, in->feed_id);
		store_bind_text(s, 2, uid);
		sqlite3_bind_int64(s, 3, in->now);
		if (ingest_step(in, s, "storing an article") != 0)
			return -1;
	}
	return 1;
}

/* What to do with one item of the document. */
struct pending {
	const struct feed_item *it;
	const char *uid;
	uint64_t hash;
	int64_t id; /* 0: insert; else the stored article to update */
};

/*
 * First pass over one item, reads only (but for a tombstone's refresh):
 * returns 1 and fills *pe when the item must be written, 0 when it is
 * unchanged or pruned, -1 on error.
 */
static int
ingest_classify(struct ingest *in, const struct feed_item *it,
    const char *uid, struct pending *pe)
{
	sqlite3_stmt *s;
	int r;

	pe->it = it;
	pe->uid = uid;
	pe->hash = store_item_hash(it);
	pe->id = 0;
	if ((s = ingest_stmt(in, ST_ITEM_FIND)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, in->feed_id);
	store_bind_text(s, 2, uid);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		int64_t old_hash = sqlite3_column_int64(s, 1);

		pe->id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if ((uint64_t)old_hash == pe->hash) {
			in->stats->unchanged++;
			return 0;
		}
		return 1;
	}
	sqlite3_reset(s);
	if (r != SQLITE_DONE) {
		store_fail(in->st, in->err, "looking up an article");
		return -1;
	}
	if ((r = tombstoned(in, uid)) != 0) {
		if (r > 0)
			in->stats->unchanged++;
		return r < 0 ? -1 : 0;
	}
	return 1;
}

/* Second pass: writes one new or changed article with its index row. */
static int
ingest_write(struct ingest *in, const struct pending *pe,
    const struct plain_text *pt)
{
	const struct feed_item *it = pe->it;
	sqlite3_stmt *s;
	int64_t id = pe->id, sort_time;

	if (id != 0) {
		/* first_seen, flags and tags stay */
		if ((s = ingest_stmt(in, ST_ITEM_UPDATE)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		bind_item_fields(s, it, pe->hash);
		if (ingest_step(in, s, "updating an article") != 0 ||
		    write_lists(in, it, id, 1) != 0 ||
		    write_facets(in, it, id, 1, 0) != 0)
			return -1;
		in->stats->updated++;
		return 0;
	}
	sort_time = it->published != DATE_UNKNOWN &&
	    it->published <= in->now ? it->published : in->now;
	if ((s = ingest_stmt(in, ST_ITEM_INSERT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, in->feed_id);
	store_bind_text(s, 2, pe->uid);
	sqlite3_bind_int64(s, 5, in->now);
	sqlite3_bind_int64(s, 6, sort_time);
	bind_item_fields(s, it, pe->hash);
	if (ingest_step(in, s, "storing an article") != 0)
		return -1;
	id = sqlite3_last_insert_rowid(in->st->db);
	if (write_lists(in, it, id, 0) != 0 ||
	    store_index_insert(in->st, id, it->title, pt, in->err) != 0 ||
	    write_facets(in, it, id, 0, sort_time) != 0)
		return -1;
	in->stats->added++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* One document                                                        */

/*
 * Which items of a document to store: for each identity only its first
 * occurrence (the top of a feed is its newest version).  A small open-
 * addressing set of item indexes keyed by the identity's hash.
 */
static unsigned char *
pick_unique(const char **uids, size_t n)
{
	unsigned char *keep = xcalloc(n ? n : 1, 1);
	size_t cap = 16, *slot;

	while (cap < 2 * n)
		cap *= 2;
	slot = xcalloc(cap, sizeof *slot); /* item index + 1; 0 = empty */
	for (size_t i = 0; i < n; i++) {
		size_t j = (size_t)store_hash_bytes(0, uids[i],
		    strlen(uids[i])) & (cap - 1);

		for (;; j = (j + 1) & (cap - 1)) {
			if (slot[j] == 0) {
				slot[j] = i + 1;
				keep[i] = 1;
				break;
			}
			if (strcmp(uids[slot[j] - 1], uids[i]) == 0)
				break;
		}
	}
	free(slot);
	return keep;
}

static int
ingest_doc(struct ingest *in, const struct feed_doc *doc)
{
	size_t n = doc->nitems, np = 0;
	const char **uids = xcalloc(n ? n : 1, sizeof *uids);
	char (*hbuf)[UID_HASH_SIZE] = xcalloc(n ? n : 1, sizeof *hbuf);
	struct pending *pend = xcalloc(n ? n : 1, sizeof *pend);
	const struct feed_item **order;
	struct plain_pool *pool = NULL;
	unsigned char *keep;
	int rc = -1, r;

	for (size_t i = 0; i < n; i++)
		uids[i] = store_item_uid(&doc->items[i], hbuf[i]);
	keep = pick_unique(uids, n);
	/*
	 * Bottom up, so that at equal sort_time the top item gets the
	 * highest id; first find what needs writing, so that the helper
	 * converts only the texts that will be indexed.
	 */
	for (size_t i = n; i-- > 0;) {
		if (!keep[i]) {
			in->stats->unchanged++;
			continue;
		}
		r = ingest_classify(in, &doc->items[i], uids[i], &pend[np]);
		if (r < 0)
			goto out;
		if (r > 0)
			np++;
	}
	/* Texts prepared ahead (store_prepare_doc) need no converting. */
	order = xcalloc(np ? np : 1, sizeof *order);
	for (size_t k = 0; k < np; k++)
		order[k] = pend[k].it;
	pool = store_plain_start(order, doc->index_ready ? 0 : np);
	for (size_t k = 0; k < np; k++) {
		struct plain_text pt;

		if (doc->index_ready) {
			pt.summary = pend[k].it->index_summary;
			pt.content = pend[k].it->index_content;
			r = ingest_write(in, &pend[k], &pt);
		} else {
			pt = store_plain_take(pool, k);
			r = ingest_write(in, &pend[k], &pt);
			free(pt.summary);
			free(pt.content);
		}
		if (r != 0)
			goto out;
	}
	rc = 0;
out:
	store_plain_finish(pool);
	free(pend);
	free(keep);
	free(hbuf);
	free(uids);
	return rc;
}

static int
record_outcome(struct ingest *in, const struct store_fetch_outcome *o,
    const struct feed_doc *doc)
{
	sqlite3_stmt *s = ingest_stmt(in, ST_FEED_RECORD);
	int ttl = o->ttl_minutes;

	if (s == NULL)
		return -1;
	if (ttl <= 0 && doc != NULL)
		ttl = doc->ttl_minutes;
	sqlite3_bind_int64(s, 1, in->feed_id);
	sqlite3_bind_int(s, 2, o->http_status);
	store_bind_text(s, 3, o->error);
	sqlite3_bind_int64(s, 4, o->fetched_at);
	store_bind_text(s, 5, o->etag);
	store_bind_text(s, 6, o->last_modified);
	sqlite3_bind_int64(s, 7, o->next_due);
	sqlite3_bind_int(s, 8, o->fail_count);
	sqlite3_bind_int(s, 9, o->gone != 0);
	store_bind_text(s, 10, o->new_url);
	sqlite3_bind_int(s, 11, ttl);
	store_bind_text(s, 12, doc != NULL && store_nonempty(doc->title) ?
	    doc->title : NULL);
	store_bind_text(s, 13, doc != NULL && store_nonempty(doc->link) ?
	    doc->link : NULL);
	store_bind_text(s, 14, doc != NULL && store_nonempty(doc->self_link) ?
	    doc->self_link : NULL);
	store_bind_text(s, 15, doc != NULL && store_nonempty(doc->language) ?
	    doc->language : NULL);
	return ingest_step(in, s, "recording a fetch");
}

int
store_feed_apply(struct store *st, const char *key,
    const struct store_fetch_outcome *o, const struct feed_doc *doc,
    struct store_ingest_stats *stats, char **cause)
{
	struct store_ingest_stats local = { 0, 0, 0 };
	struct ingest in;
	char *err = NULL;
	int r;

	in.st = st;
	in.feed_id = 0;
	in.now = o->fetched_at;
	in.classified = doc != NULL && doc->classified;
	in.err = &err;
	in.stats = &local;
	memset(&in.tally, 0, sizeof in.tally);
	/* A 304 says the document is what we have: nothing to store. */
	if (o->not_modified)
		doc = NULL;

	if (store_tx_begin(st, &err) != 0)
		goto fail;
	r = feed_id_of(&in, key);
	if (r == 0)
		err = xasprintf("%s: no feed '%s' in the cache", st->path,
		    key);
	if (r <= 0)
		goto fail;
	if (record_outcome(&in, o, doc) != 0)
		goto fail;
	if (doc != NULL && ingest_doc(&in, doc) != 0)
		goto fail;
	if (store_facet_tally_flush(st, &in.tally, &err) != 0)
		goto fail;
	if (store_tx_commit(st, &err) != 0)
		goto fail;
	if (stats != NULL)
		*stats = local;
	return 0;
fail:
	store_facet_tally_free(&in.tally);
	store_tx_rollback(st);
	if (err == NULL)
		err = xasprintf("%s: storing feed '%s' failed", st->path, key);
	store_give_cause(cause, err);
	if (stats != NULL)
		memset(stats, 0, sizeof *stats);
	return -1;
}

/* ------------------------------------------------------------------ */
/* Batches and retention                                               */

int
store_batch_begin(struct store *st, char **cause)
{
	char *err = NULL;

	if (store_tx_begin(st, &err) != 0) {
		store_give_cause(cause, err);
		return -1;
	}
	st->batch = 1;
	st->batch_broken = 0;
	return 0;
}

int
store_batch_end(struct store *st, char **cause)
{
	char *err = NULL;
	int broken = st->batch_broken;

	st->batch = 0;
	st->batch_broken = 0;
	if (broken) {
		store_tx_rollback(st);
		store_give_cause(cause, xasprintf("%s: the write was lost (%s)",
		    st->path, sqlite3_errmsg(st->db)));
		return -1;
	}
	if (store_tx_commit(st, &err) != 0) {
		store_tx_rollback(st);
		store_give_cause(cause, err);
		return -1;
	}
	return 0;
}

int
store_prune(struct store *st, int keep_days, int64_t now, size_t *removed,
    char **cause)
{
	/* ?1 cut-off, ?2 now */
#define PRUNABLE " FROM items WHERE first_seen < ?1 AND starred = 0" \
	" AND NOT EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = items.id)"
	static const char *const sql[] = {
		"INSERT INTO pruned (feed_id, uid, at)"
		" SELECT feed_id, uid, ?2" PRUNABLE
		" ON CONFLICT (feed_id, uid) DO UPDATE SET at = excluded.at",
		/* Categories, enclosures, tags, topics cascade; the index
		 * follows by trigger. */
		"DELETE" PRUNABLE,
		"DELETE FROM pruned WHERE at < ?3",
		/* counters of days that no article counts in any more */
		"DELETE FROM facet_days WHERE total <= 0 AND unread <= 0",
	};
#undef PRUNABLE
	sqlite3_stmt *s = NULL;
	char *err = NULL;
	size_t gone = 0;
	int rc = -1;

	if (removed != NULL)
		*removed = 0;
	if (keep_days <= 0)
		return 0;
	if (store_tx_begin(st, &err) != 0)
		goto out;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		if (store_prepare(st, sql[i], &s, &err,
		    "pruning old articles") != 0)
			goto out;
		sqlite3_bind_int64(s, 1, now - (int64_t)keep_days * DAY_SECONDS);
		sqlite3_bind_int64(s, 2, now);
		sqlite3_bind_int64(s, 3, now - TOMBSTONE_KEEP);
		if (sqlite3_step(s) != SQLITE_DONE) {
			store_fail(st, &err, "pruning old articles");
			goto out;
		}
		if (i == 1)
			gone = (size_t)sqlite3_changes(st->db);
		sqlite3_finalize(s);
		s = NULL;
	}
	if (store_tx_commit(st, &err) != 0)
		goto out;
	if (removed != NULL)
		*removed = gone;
	rc = 0;
out:
	sqlite3_finalize(s);
	if (rc != 0) {
		store_tx_rollback(st);
		store_give_cause(cause, err);
	}
	return rc;
}
