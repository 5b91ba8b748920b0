/*
 * store_int.h: what the files of src/store/ share.  Private to the store:
 * the rest of sitrep sees include/store.h only.
 *
 * The files, and who calls whom (nothing calls back up, so there is no
 * loop; every file but identity.c also calls base.c directly):
 *
 *   inspect.c --> open.c, facets.c
 *   open.c   --> schema.c --> check.c --> base.c
 *   write.c  --> search.c, facets.c   --> base.c
 *            --> identity.c             (touches no database)
 *   feeds.c, read.c, flags.c          --> base.c
 *
 * base.c: errors and the damage mark, the register of open files, the
 *   statement cache, transactions, row helpers.
 * open.c: file checks, connection settings, open and close.
 * schema.c: tables, triggers and migrations (user_version); the SQL
 *   functions; the index's rebuild.  check.c: the whole-file checks.
 * write.c: one feed's transaction, batches, retention.  identity.c: item
 *   identities and content hashes.  search.c: the index's text and rows,
 *   idle merges.  facets.c: topic, country and region rows and counters,
 *   reclassification.
 * feeds.c: feed rows.  read.c: article lists and one article.
 * flags.c: read, starred, dismissed, tags, extracted text.
 * inspect.c: `sitrep check` -- the verdict on a file and the repair.
 *
 * Each file's opening comment says what it owns and why the cut is there.
 * Names here carry the store_ prefix like the contract's, but none of them
 * is part of it.
 */
#ifndef SITREP_STORE_INT_H
#define SITREP_STORE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <sqlite3.h>

#include "feed.h"
#include "store.h"
#include "str.h"

/* "srep": PRAGMA application_id of every sitrep cache. */
#define STORE_APPLICATION_ID 0x73726570

#define BUSY_TIMEOUT_MS 10000
#define DAY_SECONDS ((int64_t)86400)
/*
 * Separates the names of a group_concat(name, char(31)) list; a control
 * character, never valid in a tag name (store_tag_name_valid), a topic key
 * or a country code.
 */
#define LIST_SEP '\x1f'

/*
 * What the full-text index holds for a row, as SQL over the row's own
 * columns: the same function of the same values the C side indexes (see
 * plain_convert in search.c): the title as it is, the summary's text unless
 * it repeats the content, the content's and the extracted article's text.
 * The schema's triggers (schema.c) and the index check (check.c) use it.
 */
#define FTS_VALUES(r) \
	r ".title, CASE WHEN " r ".summary IS NOT " r ".content" \
	" THEN sitrep_plain(" r ".summary) END, sitrep_plain(" r ".content)," \
	" sitrep_plain(" r ".fulltext)"

/*
 * The hot statements, prepared once per connection (store_stmt); each
 * file keeps the SQL of its own next to the code that binds it.
 */
enum stmt_id {
	/* write.c */
	ST_FEED_ID,
	ST_FEED_RECORD,
	ST_ITEM_FIND,
	ST_ITEM_INSERT,
	ST_ITEM_UPDATE,
	ST_CAT_DELETE,
	ST_CAT_INSERT,
	ST_ENC_DELETE,
	ST_ENC_INSERT,
	ST_PRUNED_FIND,
	ST_PRUNED_TOUCH,
	/* search.c */
	ST_FTS_INSERT,
	/* facets.c */
	ST_FACET_ADD,
	ST_ITEM_SHARE,
	ST_TOPIC_DELETE,
	ST_TOPIC_INSERT,
	ST_COUNTRY_DELETE,
	ST_COUNTRY_INSERT,
	ST_REGION_DELETE,
	ST_REGION_INSERT,
	/* feeds.c */
	ST_FEED_SYNC_READ,
	ST_FEED_SYNC_WRITE,
	ST_FEED_STATE,
	ST_FEED_GET,
	/* open.c */
	ST_DATA_VERSION,
	/* read.c */
	ST_ITEM_TEXT,
	ST_COUNT
};

struct store {
	sqlite3 *db;
	char *path;
	int readonly;
	int registered;     /* counted in base.c's open_files (see there) */
	dev_t dev;
	ino_t ino;
	int damaged;        /* this connection met damage (base.c) */
	int batch;          /* in store_batch_begin: writes are savepoints */
	int batch_broken;   /* the batch's transaction was lost */
	sqlite3_stmt *stmt[ST_COUNT];
};

/* ---- base.c: errors ---- */

/*
 * Records the connection's current error as *err (first error wins) in the
 * form "PATH: WHAT: MESSAGE".  Call right after the failing API call, before
 * anything else touches the connection.
 */
void store_fail(struct store *st, char **err, const char *what);
/* Takes ownership of msg: *err when it is still empty, else freed. */
void store_set_err(char **err, char *msg);
/* Takes ownership of err: hands it to *cause, or frees it. */
void store_give_cause(char **cause, char *err);

/*
 * The register of the caches this process has open (see base.c): a store
 * is held from the end of a successful open to its close.  open_here: 1
 * when another store of this process has the file at path open.
 */
void store_file_hold(struct store *st);
void store_file_release(struct store *st);
int store_file_open_here(const char *path);

/*
 * Damage (SQLITE_CORRUPT, SQLITE_NOTADB, a failed page check): from then
 * on no connection of this process writes to the file -- the write that
 * met it is rolled back and every later one refused, so that what can
 * still be read stays as it is for `sitrep check --repair`.  The mark is
 * kept in the register, for every store of the process on that file.
 */
void store_mark_damaged(struct store *st);
/*
 * Returns owned: "PATH: the cache is damaged (DETAIL); ..." with what to
 * do; detail may be NULL.
 */
char *store_damaged_msg(const struct store *st, const char *detail);

/* ---- base.c: statements ---- */

/* Prepares sql into the cache slot id; NULL with *err on failure. */
sqlite3_stmt *store_stmt_prepare(struct store *st, enum stmt_id id,
    const char *sql, char **err);

/* Returns borrowed: slot id's statement, prepared from sql on first use. */
static inline sqlite3_stmt *
store_stmt(struct store *st, enum stmt_id id, const char *sql, char **err)
{
	return st->stmt[id] != NULL ? st->stmt[id] :
	    store_stmt_prepare(st, id, sql, err);
}

static inline void
store_bind_text(sqlite3_stmt *s, int i, const char *z)
{
	/* Every string outlives the step that reads it. */
	if (z == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, z, -1, SQLITE_STATIC);
}

static inline int
store_nonempty(const char *z)
{
	return z != NULL && *z != '\0';
}

/* A statement used once: 0, or -1 with *err naming what failed. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **s,
    char **err, const char *what);
/* Steps a statement that returns no row; resets it.  0 or -1. */
int store_step_done(struct store *st, sqlite3_stmt *s, char **err,
    const char *what);
/*
 * Steps a statement that returns at most one row; resets it.  1 with the
 * row's first column in *out, 0 for no row, -1 with *err.
 */
int store_step_int(struct store *st, sqlite3_stmt *s, int64_t *out,
    char **err, const char *what);
int store_exec(struct store *st, const char *sql, char **err,
    const char *what);
/* One integer from a one-row query (0 for no row); 0 or -1. */
int store_query_int(struct store *st, const char *sql, int64_t *out,
    char **err);
/* Returns owned: column i as a string, or NULL. */
char *store_col_dup(sqlite3_stmt *s, int i);
/* Returns owned: the EXPLAIN QUERY PLAN statement s, one step a line. */
char *store_explain(struct store *st, sqlite3_stmt *s, char **cause);

/* ---- base.c: transactions ---- */

/*
 * D2: every write transaction takes the write lock up front (BEGIN
 * IMMEDIATE); inside store_batch_begin it is a savepoint instead.
 */
int store_tx_begin(struct store *st, char **err);
int store_tx_commit(struct store *st, char **err);
void store_tx_rollback(struct store *st);

/* ---- open.c ---- */

/*
 * Opens path for looking only (see open.c); NULL with *cause and the
 * *verdict that explains it (an empty file is STORE_SOUND).  Returns owned
 * (store_close).
 */
struct store *store_open_inspect(const char *path,
    enum store_verdict *verdict, char **cause);

/* ---- check.c ---- */

/*
 * Runs a check pragma (quick_check, integrity_check) over every page;
 * 0, or -1 with *err listing what it found (and the file marked damaged).
 * found (may be NULL) gets every line the pragma reported, up to its own
 * limit of 100.
 */
int store_check_pages(struct store *st, const char *pragma,
    struct strv *found, char **err);
/*
 * The full-text index: its own integrity check (not on a read-only
 * connection) and one row for each article with words.  0 or -1 with *err.
 */
int store_check_index(struct store *st, char **err);

/* ---- schema.c ---- */

/* Applies every migration up to target, each in its own transaction. */
int store_migrate(struct store *st, int target, char **err);
/* The SQL functions the schema's triggers call; every connection. */
int store_register_functions(struct store *st, char **err);
/* Rebuilds the full-text index when another text_from_html() built it. */
int store_fts_refresh(struct store *st, char **err);
/* Rebuilds it from the articles now, in its own transaction. */
int store_fts_rebuild(struct store *st, char **err);

/* ---- identity.c ---- */

/* Room for the "h:" form of an identity and its NUL. */
#define UID_HASH_SIZE 20

/* One lane of MurmurHash3's x64 mixing over p[0..n). */
uint64_t store_hash_bytes(uint64_t h, const char *p, size_t n);
/* Everything ingest stores for an item, to skip unchanged rewrites. */
uint64_t store_item_hash(const struct feed_item *it);
/*
 * Returns borrowed (from it or buf): an item's identity within its feed
 * (guid, else link, else "h:" and a hash of its text and date).
 */
const char *store_item_uid(const struct feed_item *it,
    char buf[UID_HASH_SIZE]);

/* ---- search.c: the index's text and rows ---- */

struct plain_text {
	char *summary, *content;
};

struct plain_pool;

/*
 * Starts converting the items' HTML to the index's plain text, ahead of
 * the writer on a helper thread when there are many.  Takes ownership of
 * items (n of them, in the order they will be taken).  Returns owned
 * (store_plain_finish).
 */
struct plain_pool *store_plain_start(const struct feed_item **items,
    size_t n);
/* The texts of the k-th item (k = 0, 1, ... in order); returns owned. */
struct plain_text store_plain_take(struct plain_pool *p, size_t k);
/* Stops the helper (an error may end the writer early) and frees all. */
void store_plain_finish(struct plain_pool *p);
/* The index row of a new article; part of the caller's transaction. */
int store_index_insert(struct store *st, int64_t id, const char *title,
    const struct plain_text *pt, char **err);

/* ---- facets.c ---- */

/* The three facet tables, in this order everywhere. */
enum facet_list {
	FACET_LIST_TOPICS,
	FACET_LIST_COUNTRIES,
	FACET_LIST_REGIONS,
	FACET_LIST_COUNT
};

struct facet_delta;

/*
 * The facet_days changes of one transaction, summed per (kind, key, day)
 * and written once at its end (schema 5).  An open-addressing table over
 * deltas; names are interned in a vector the table borrows from.  Starts
 * zeroed.
 */
struct facet_tally {
	struct facet_delta *v;
	size_t n, cap;
	size_t *slot;      /* index + 1 into v; 0 = empty */
	size_t nslot;      /* a power of two, at least 2 * cap */
	struct strv names;
};

/*
 * Replaces the facet rows of article id (replace=0: a new one, whose
 * sort_time is given; else its stored state is read) with lists, and adds
 * the article's share to the tally.
 */
int store_facets_write(struct store *st, int64_t id,
    const struct strv *const lists[FACET_LIST_COUNT], int replace,
    int64_t sort_time, struct facet_tally *tally, char **err);
/* Writes the summed changes and empties t; part of the caller's write. */
int store_facet_tally_flush(struct store *st, struct facet_tally *t,
    char **err);
void store_facet_tally_free(struct facet_tally *t);
/*
 * Counts facet_days again from the facet rows and the articles (a cache
 * whose rows were copied in without their shares); its own transaction.
 */
int store_facets_recount(struct store *st, char **err);

#endif
