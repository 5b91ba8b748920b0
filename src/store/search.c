/*
 * store/search.c: the full-text index (items_fts, FTS5) from the writer's
 * side -- the plain text it takes for an article, converted ahead of the
 * writer on a helper thread, the row a new article adds, and the merge of
 * its segments in idle time.  Searching itself is the query module's
 * (MATCH in src/query_read.c); the index's check is in check.c.
 *
 * The cut: what the C side indexes must stay the same function of the same
 * values as FTS_VALUES (store_int.h), which the schema's triggers use to
 * tell the index what to forget; the two halves of that promise are this
 * file's plain_convert and that macro.
 *
 * - The index holds PLAIN text: HTML from the feed goes through
 *   text_from_html() first, so markup and attribute values are never
 *   matched.  It is contentless (schema 4): it keeps no copy of the text,
 *   which makes a big ingest about 15% cheaper and the cache a third
 *   smaller.  Such an index forgets a row only when given the exact values
 *   it indexed, so inserts are written here (with text converted ahead)
 *   while updates and deletes go through triggers that recompute the
 *   values from the row with sitrep_plain() (schema.c): items that change
 *   or vanish by any route (prune, ON DELETE CASCADE from feeds) leave the
 *   index too, and a tool without sitrep_plain() gets an error, not a
 *   corrupt index.
 * - Writing a big document is CPU-bound: FTS5 tokenising about half of it,
 *   HTML-to-text a fifth.  The latter runs on a helper thread (plain_pool)
 *   for long documents; SQLite is only ever called from the caller's
 *   thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "text.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* The index's text                                                    */

/* Plain text for the index; NULL stays NULL. */
static char *
plain_of(const char *html)
{
	return html != NULL ? text_from_html(html, strlen(html), 0) : NULL;
}

/*
 * HTML to plain text is a fifth of the cost of storing a big feed and needs
 * nothing from SQLite, so for a long document a helper thread converts
 * ahead of the writer, on the core the interface and the parser leave idle
 * during a store.  It runs at most PLAIN_AHEAD articles ahead, to bound the
 * memory held, and only while store_feed_apply runs.  text_from_html keeps
 * no state between calls.
 */
#define PLAIN_AHEAD 256
#define PLAIN_THREAD_MIN 64

struct plain_pool {
	const struct feed_item **items; /* in the order they are taken */
	size_t n;
	struct plain_text *out;
	int threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t done, used; /* under mu */
	int stop;          /* under mu */
};

static void
plain_convert(const struct feed_item *it, struct plain_text *pt)
{
	pt->content = plain_of(it->content);
	/* Many feeds repeat the content as summary: index it once. */
	pt->summary = it->summary != NULL && (it->content == NULL ||
	    strcmp(it->summary, it->content) != 0) ? plain_of(it->summary) :
	    NULL;
}

static void *
plain_worker(void *arg)
{
	struct plain_pool *p = arg;

	for (size_t k = 0; k < p->n; k++) {
		int stop;

		pthread_mutex_lock(&p->mu);
		while (!p->stop && k >= p->used + PLAIN_AHEAD)
			pthread_cond_wait(&p->cv, &p->mu);
		stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (stop)
			break;
		plain_convert(p->items[k], &p->out[k]);
		pthread_mutex_lock(&p->mu);
		p->done = k + 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

void
store_prepare_doc(struct feed_doc *doc)
{
	if (doc == NULL || doc->index_ready)
		return;
	for (size_t i = 0; i < doc->nitems; i++) {
		struct feed_item *it = &doc->items[i];
		struct plain_text pt;

		plain_convert(it, &pt);
		free(it->index_summary);
		free(it->index_content);
		it->index_summary = pt.summary;
		it->index_content = pt.content;
	}
	doc->index_ready = 1;
}

struct plain_pool *
store_plain_start(const struct feed_item **items, size_t n)
{
	struct plain_pool *p = xcalloc(1, sizeof *p);

	p->items = items;
	p->n = n;
	p->out = xcalloc(n ? n : 1, sizeof *p->out);
	if (n < PLAIN_THREAD_MIN)
		return p;
	if (pthread_mutex_init(&p->mu, NULL) != 0)
		return p;
	if (pthread_cond_init(&p->cv, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		return p;
	}
	/* Without a thread everything is converted inline: slower, same. */
	if (pthread_create(&p->thread, NULL, plain_worker, p) != 0) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		return p;
	}
	p->threaded = 1;
	return p;
}

struct plain_text
store_plain_take(struct plain_pool *p, size_t k)
{
	struct plain_text pt;

	if (!p->threaded) {
		plain_convert(p->items[k], &pt);
		return pt;
	}
	pthread_mutex_lock(&p->mu);
	while (p->done <= k)
		pthread_cond_wait(&p->cv, &p->mu);
	p->used = k + 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pt = p->out[k];
	p->out[k].summary = p->out[k].content = NULL;
	return pt;
}

void
store_plain_finish(struct plain_pool *p)
{
	if (p == NULL)
		return;
	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		p->stop = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thread, NULL);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
	}
	for (size_t k = 0; k < p->n; k++) {
		free(p->out[k].summary);
		free(p->out[k].content);
	}
	free(p->out);
	free(p->items);
	free(p);
}

/* ------------------------------------------------------------------ */
/* The index's rows                                                    */

static const char SQL_FTS_INSERT[] =
	"INSERT INTO items_fts (rowid, title, summary, content)"
	" VALUES (?1, ?2, ?3, ?4)";

int
store_index_insert(struct store *st, int64_t id, const char *title,
    const struct plain_text *pt, char **err)
{
	sqlite3_stmt *s = store_stmt(st, ST_FTS_INSERT, SQL_FTS_INSERT, err);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, title);
	store_bind_text(s, 3, pt->summary);
	store_bind_text(s, 4, pt->content);
	return store_step_done(st, s, err, "indexing an article");
}

int
store_fts_merge_step(struct store *st, int pages, char **cause)
{
	char *sql, *err = NULL;
	int before, rc;

	if (st->readonly)
		return 0;
	sql = xasprintf("INSERT INTO items_fts (items_fts, rank)"
	    " VALUES ('merge', %d)", pages > 0 ? pages : 1);
	before = sqlite3_total_changes(st->db);
	/* Idle work gives way: a key must not wait on a cron refresh. */
	sqlite3_busy_timeout(st->db, 0);
	if (store_tx_begin(st, &err) == 0 &&
	    store_exec(st, sql, &err, "merging the search index") == 0 &&
	    store_tx_commit(st, &err) == 0) {
		/* FTS5's documented sign of work done: two changes or more. */
		rc = sqlite3_total_changes(st->db) - before >= 2;
	} else {
		/* another connection is writing: the next pause tries again */
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_BUSY ? 0 : -1;
		store_tx_rollback(st);
		if (rc < 0)
			store_give_cause(cause, err);
		else
			free(err);
	}
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	free(sql);
	return rc;
}
