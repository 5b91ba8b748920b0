/*
 * store: the on-disk cache (SQLite, WAL, FTS5).  The store is the truth: the
 * interface and the commands read from it and write to it; two processes
 * (a cron `sitrep refresh` and the interface) may share one cache.
 *
 * Every write is one BEGIN IMMEDIATE transaction; a fetched feed is written
 * as a whole or not at all.  Opening never overwrites a file that is not a
 * sitrep cache, is damaged, or comes from a newer sitrep.
 *
 * Tables the query module may read (schema version 3):
 *   feeds(id, key, url, title_override, title, site_url, ...)
 *   items(id, feed_id, uid, read, starred, dismissed, published, updated,
 *         first_seen, sort_time, hash, guid, url, title, author, thumbnail,
 *         summary, content, fulltext)
 *     sort_time: published when known and at most a day after first_seen,
 *     else first_seen; "newest first" is ORDER BY sort_time DESC, id DESC
 *     (indexes: items_sort, items_feed_sort, items_unread_sort and
 *     items_unread_feed for read = 0 AND dismissed = 0, items_starred).
 *   item_categories(item_id, pos, name), enclosures(item_id, pos, url,
 *     type, length), tags(id, name COLLATE NOCASE), item_tags(item_id,
 *     tag_id), item_topics(item_id, topic), item_countries(item_id,
 *     country), item_regions(item_id, region) (the regions the text names
 *     and those of the article's countries)
 *   facet_days(kind, key, day, total, unread): per topic (kind 0), country
 *     (1) and region (2) and UTC day of sort_time, the articles that are
 *     not dismissed and how many of those are unread; kept exact by
 *     triggers (schema version 3)
 *   items_sort is (sort_time, id, dismissed, read, starred, feed_id) and
 *     items_feed_sort (feed_id, sort_time, id, dismissed, read): pages and
 *     counts check the state in the index
 *   items_fts: FTS5 (unicode61 remove_diacritics 2) over PLAIN text, columns
 *     title, summary, content, fulltext; rowid = items.id.  Contentless
 *     (schema 4): MATCH gives rowids to join with items; its columns read
 *     as NULL, so snippet() and highlight() have nothing to show.
 *
 * A struct store is one SQLite connection: use it from one thread, and never
 * across fork() -- a child opens its own (SECURITY.md D4).  Its descriptors
 * are close-on-exec.
 */
#ifndef SITREP_STORE_H
#define SITREP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "str.h"

struct store;
struct sqlite3;

/* The schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

/*
 * Opens (creating when missing) the cache at path, applies D1 settings and
 * migrates an older schema.  The directory must exist.  Returns owned, or
 * NULL with *cause (owned) naming the file and what to do.
 */
struct store *store_open(const char *path, char **cause);
/*
 * Creates the directories above path (mode 0700: a cache may hold articles
 * of feeds behind a login), as `mkdir -p` would.  Returns 0, or -1 with
 * *cause (owned) naming the directory.
 */
int store_make_parent_dirs(const char *path, char **cause);
/*
 * Makes the directory the cache at path lives in.  With parents (for the
 * XDG default, ~/.local/share/sitrep/), every missing directory on the way;
 * else only the last one, so that a mistyped --cache or cache_path creates
 * nothing but a cache's own directory.  Returns 0, or -1 with *cause.
 */
int store_make_cache_dir(const char *path, int parents, char **cause);
/* Opens an existing cache read-only (for commands that only read). */
struct store *store_open_readonly(const char *path, char **cause);
void store_close(struct store *st);
/* Returns borrowed: the connection, for the query module's statements. */
struct sqlite3 *store_db(struct store *st);
/* Returns borrowed: the path given to store_open. */
const char *store_path(const struct store *st);
/*
 * A counter that changes whenever another connection committed a write
 * (PRAGMA data_version); the interface polls it to notice cron refreshes.
 */
int64_t store_data_version(struct store *st);
/*
 * One bounded step of merging the full-text index, for idle time: FTS5's
 * 'merge' of about `pages` leaf pages where a level holds 4 segments or
 * more.  A refresh leaves up to 15 segments per level (schema 6) and every
 * segment costs each search a lookup.  Never waits for another writer.
 * Returns 1 when it merged something (call again), 0 when nothing is left
 * to merge or another connection is writing (try after its write), -1
 * with *cause on an error.
 */
int store_fts_merge_step(struct store *st, int pages, char **cause);

/* ---- feeds ---- */

struct store_feed {
	int64_t id;
	char *key;
	char *url;           /* the URL in the config */
	char *title;         /* the config's override, else the feed's own,
	                        else the key; never NULL */
	char *site_url;
	char *etag;          /* validators from the last 200 or 304 */
	char *last_modified;
	int64_t last_fetch;  /* last attempt, UTC seconds, 0 = never */
	int64_t last_success;/* last 200 or 304 */
	int64_t next_due;    /* earliest next attempt, 0 = now */
	int last_status;     /* HTTP status of the last attempt, 0 = none */
	char *last_error;    /* NULL when the last attempt succeeded */
	int fail_count;      /* consecutive failures, for back-off */
	int gone;            /* 410: not fetched until forced */
	char *new_url;       /* a permanent redirect's target, for the user */
	int ttl_minutes;     /* what the feed asks for (ttl, sy:, max-age) */
	int64_t items;       /* stored articles */
	int64_t unread;
};

/*
 * Makes sure a feed row exists for the config's key and that its URL and
 * title override match the config (a changed URL clears the validators and
 * the error).  Returns 0 or -1.
 */
int store_feed_sync(struct store *st, const char *key, const char *url,
    const char *title_override, char **cause);
/* Returns 1 and fills out, 0 when there is no such feed, -1 on error. */
int store_feed_get(struct store *st, const char *key, struct store_feed *out,
    char **cause);
/*
 * store_feed_get without counting the articles (items and unread are 0):
 * a refresh reads every due feed's state before its first request, and
 * counting 200 feeds' articles took 7 ms of a 10,000-article cache.
 */
int store_feed_state(struct store *st, const char *key,
    struct store_feed *out, char **cause);
/* All feeds ordered by key; *out is owned (store_feeds_free). */
int store_feed_list(struct store *st, struct store_feed **out, size_t *n,
    char **cause);
void store_feed_clear(struct store_feed *f);
void store_feeds_free(struct store_feed *v, size_t n);

/* What one fetch attempt produced; written together with its items. */
struct store_fetch_outcome {
	int64_t fetched_at;
	int http_status;         /* 0 for a transport error or a local file */
	const char *error;       /* NULL on success (200, 304, local file) */
	int not_modified;        /* 304: items untouched */
	const char *etag;        /* NULL keeps the stored validator */
	const char *last_modified;
	int64_t next_due;
	int fail_count;
	int gone;
	const char *new_url;     /* NULL clears it */
	int ttl_minutes;         /* 0 keeps the stored value */
};

struct store_ingest_stats {
	size_t added;     /* new articles */
	size_t updated;   /* articles whose text changed */
	size_t unchanged;
};

/*
 * Records a fetch attempt for the feed `key` and, when doc is not NULL,
 * stores its items: one BEGIN IMMEDIATE transaction.  An item already stored
 * (same feed and identity: guid, else link, else a hash of title and date)
 * gets its text updated and keeps read, starred, dismissed and tags.  A
 * failure leaves every stored item as it was.  stats may be NULL.
 *
 * Details: an item without title is identified by its summary or content
 * and date instead; within one document the first occurrence of an
 * identity wins (later ones count as unchanged); an item whose stored fields
 * are all equal costs no write; first_seen is o->fetched_at; an article
 * removed by store_prune and still listed by its feed does not come back.
 * The feed's title, link, self link and language come from doc when it has
 * them; o->ttl_minutes 0 falls back to doc->ttl_minutes.
 */
int store_feed_apply(struct store *st, const char *key,
    const struct store_fetch_outcome *o, const struct feed_doc *doc,
    struct store_ingest_stats *stats, char **cause);

/*
 * Converts, for every item of doc, the HTML the full-text index needs into
 * plain text (item->index_summary, index_content; doc->index_ready).
 * Touches no database, so a refresh runs it on the loop's thread and the
 * cache's writer only writes.  Optional: store_feed_apply converts what was
 * not prepared.
 */
void store_prepare_doc(struct feed_doc *doc);

/*
 * Groups the store_feed_apply (and store_feed_sync) calls that follow into
 * one transaction until store_batch_end commits it: a refresh's writer
 * behind a queue of fetched feeds saves a commit and an index flush per
 * feed.  Each feed is still
 * stored wholly or not at all (a savepoint each); when the transaction
 * itself is lost (disk full, I/O error) store_batch_end fails and none of
 * the batch is stored.  Returns 0 or -1 with *cause.
 */
int store_batch_begin(struct store *st, char **cause);
int store_batch_end(struct store *st, char **cause);

/* ---- articles ---- */

struct store_enclosure {
	char *url, *type;
	int64_t length;
};

struct store_item {
	int64_t id;
	char *feed_key;
	char *feed_title;
	char *guid, *url, *title, *author;
	int64_t published;  /* DATE_UNKNOWN when the feed gave none */
	int64_t updated;
	int64_t first_seen;
	char *summary, *content; /* HTML; NULL in list results */
	char *fulltext;     /* extracted article (store_item_set_fulltext);
	                       NULL when none and in list results */
	char *thumbnail;
	int read, starred, dismissed;
	struct strv tags;       /* sorted */
	struct strv categories; /* in feed order; empty in list results */
	struct store_enclosure *enclosures; /* empty in list results */
	size_t nenclosures;
};

struct store_list_opts {
	const char *feed_key; /* NULL: every feed */
	int unread_only;
	int include_dismissed;
	size_t limit;         /* 0: no limit */
};

/*
 * Articles newest first (published, else first seen; a date more than a
 * day after first seen counts as first seen), without summary, content,
 * categories and enclosures.  o may be NULL.  *out is owned
 * (store_items_free).
 */
int store_item_list(struct store *st, const struct store_list_opts *o,
    struct store_item **out, size_t *n, char **cause);
/* One article with everything; returns 1, 0 when no such id, -1 on error. */
int store_item_get(struct store *st, int64_t id, struct store_item *out,
    char **cause);
void store_item_clear(struct store_item *it);
void store_items_free(struct store_item *v, size_t n);

/*
 * What exports (briefings, `list --json`) read beside an article's headline
 * row: its texts and the regions it is filed under.  One statement kept per
 * connection, so that reading it for every row of a long list stays cheap.
 */
struct store_item_text {
	char *guid;
	char *summary, *content; /* HTML, or NULL */
	char *fulltext;          /* the extracted article (HTML), or NULL */
	struct strv topics;      /* topic keys, sorted */
	struct strv countries;   /* ISO codes, sorted */
	struct strv regions;     /* region keys, sorted */
};
/* Returns 1 and fills out, 0 when there is no such id, -1 on error. */
int store_item_text_get(struct store *st, int64_t id,
    struct store_item_text *out, char **cause);
void store_item_text_clear(struct store_item_text *t);

enum store_flag {
	STORE_FLAG_READ,
	STORE_FLAG_STARRED,
	STORE_FLAG_DISMISSED,
	STORE_FLAG_COUNT
};
/* Returns 1 when the article exists (and was set), 0 when not, -1 error. */
int store_item_set_flag(struct store *st, int64_t id, enum store_flag flag,
    int value, char **cause);

/*
 * Stores the extracted article (HTML; NULL clears it) and indexes its plain
 * text for search.  Feed updates keep it.  1 done, 0 no such article, -1.
 */
int store_item_set_fulltext(struct store *st, int64_t id, const char *html,
    char **cause);

/* ---- classification ---- */

/* One stored article as reclassification reads it back. */
struct store_article {
	int64_t id;
	const char *feed_key;
	const char *title;
	const char *summary;     /* HTML, or NULL */
	const char *content;     /* HTML, only when summary is NULL */
	const char *const *categories;
	size_t ncategories;
};

/* An article's facets: topic keys, country codes, region keys. */
struct store_facets {
	struct strv topics, countries, regions;
};

/*
 * Re-runs classification over every article in id order, reading rows
 * one at a time: fn says what an article's topics, countries and regions
 * are now, and the stored ones are replaced where they differ (read,
 * starred, dismissed and tags are never touched).  Works in chunks of a
 * few thousand articles, each one BEGIN IMMEDIATE transaction, so that a
 * refresh can interleave.  fn fills out (empty on entry); a and its
 * strings are borrowed for the call.  *seen and *changed (either may be NULL) get the
 * articles read and those whose facets changed.
 */
int store_reclassify(struct store *st,
    void (*fn)(void *ctx, const struct store_article *a,
    struct store_facets *out), void *ctx, size_t *seen, size_t *changed,
    char **cause);

/*
 * Tag names: 1..64 bytes of letters, digits (any script), '-', '_', '.',
 * '/', ':'; not starting with '-'.  Returns 1 when valid.
 */
int store_tag_name_valid(const char *name);
/*
 * Adds (add != 0) or removes a tag; 1 done, 0 no such article, -1 error
 * (an invalid name included).  Names compare without regard to ASCII case;
 * the first spelling is kept.
 */
int store_item_tag(struct store *st, int64_t id, const char *tag, int add,
    char **cause);

/*
 * Retention: deletes articles first seen more than keep_days before now,
 * except starred or tagged ones.  keep_days <= 0 keeps everything.
 * *removed (may be NULL) gets the number deleted.
 */
int store_prune(struct store *st, int keep_days, int64_t now,
    size_t *removed, char **cause);

/* ---- damage ---- */

/*
 * 1 when this connection, or another of this process on the same file,
 * met damage (SQLITE_CORRUPT, SQLITE_NOTADB, a failed check).  From then on
 * every write fails with "the cache is damaged" and what to do: the write
 * that met it was rolled back, and nothing more is written to the file.
 */
int store_damaged(struct store *st);
/*
 * The check every command that writes runs before its first write: PRAGMA
 * quick_check over the whole file, so that damage in pages the command
 * would never read still stops it before the file changes.  About 0.5 s
 * on a 100k-article cache.  Returns 0, or -1 with *cause (owned) saying
 * what is damaged and what to do (the file is then marked damaged).
 */
int store_verify(struct store *st, char **cause);

/* ---- sitrep check ---- */

enum store_verdict {
	STORE_SOUND,      /* no problem found */
	STORE_DAMAGED,    /* pages or the index are damaged */
	STORE_NOT_CACHE,  /* not a database, another program's, a newer
	                     sitrep's, not a regular file */
	STORE_UNREADABLE, /* missing, or the file cannot be opened */
	STORE_VERDICT_COUNT
};

/* What store_check_file found. */
struct store_report {
	enum store_verdict verdict;
	char *message;        /* NOT_CACHE, UNREADABLE, an empty file: why,
	                         naming the file; else NULL */
	struct strv problems; /* the checks' findings, one line each, in
	                         SQLite's words (at most about 100) */
	struct strv parts;    /* what the damage is in, for people: "the
	                         articles", "the full-text index", ... */
	int schema;           /* the cache's schema version, 0 unknown */
	int64_t feeds, articles, tags; /* rows; -1 when not countable */
};

/*
 * Looks at the cache file at path without changing it or creating
 * anything beside it: SQLite's integrity_check over every page, the
 * full-text index's agreement with the articles, and for damage, which
 * tables it is in.  Fills *r (store_report_clear) and returns r->verdict.
 */
enum store_verdict store_check_file(const char *path, struct store_report *r);
void store_report_clear(struct store_report *r);

/* One kind of row: how many the repair saved of how many there were. */
struct store_saved {
	int64_t saved;
	int64_t total;        /* counted in the damaged file; -1 unknown */
};

struct store_repair_stats {
	struct store_saved feeds, articles, tags, tagged;
	struct store_saved read, starred, dismissed;
	int64_t without_text; /* articles saved without summary and content */
	int64_t lost_feeds;   /* feeds whose row was lost: their articles are
	                         filed under "recovered-ID" */
};

/*
 * `.recover` semantics for a sitrep cache: opens the file at path read-only
 * (it is left exactly as it is) and copies, table by table and row by row,
 * what can still be read -- around damaged pages, by ranges of keys -- into
 * a new cache at new_path (which must not exist) made with the normal
 * schema; then rebuilds the full-text index and the facet counters from
 * the copy.  The new cache appears at new_path only when complete.
 * Returns 0 with *stats, or -1 with *cause (owned).
 */
int store_repair(const char *path, const char *new_path,
    struct store_repair_stats *stats, char **cause);

/* ---- for tests and tools ---- */

/*
 * Full check: PRAGMA integrity_check, the full-text index's own check and
 * one index row per article.  Reads every page: not for start-up.
 * Returns 0, or -1 with *cause saying what is wrong.
 */
int store_check(struct store *st, char **cause);

/*
 * EXPLAIN QUERY PLAN of what store_item_list (with o; NULL = defaults) and
 * store_feed_list would run, one step a line.  Returns owned, or NULL.
 */
char *store_item_list_plan(struct store *st, const struct store_list_opts *o,
    char **cause);
char *store_feed_list_plan(struct store *st, char **cause);

/* Opens path and migrates it to exactly `version` (<= current). */
int store_migrate_path_to(const char *path, int version, char **cause);

/*
 * Appends the names of a list as the cache joins them in one column (tags,
 * topics, countries: GROUP_CONCAT with '\x1f'; NULL: none) to out, for
 * the readers that query those columns themselves.
 */
void store_split_names(struct strv *out, const unsigned char *joined);

#endif
