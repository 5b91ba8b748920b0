/*
 * store: the SQLite cache.  See include/store.h for the contract; this file
 * holds the schema and its migrations, the open-time checks (SECURITY.md D1,
 * D4), ingest (one BEGIN IMMEDIATE transaction per fetched feed, D2/D3) and
 * the reading queries.
 *
 * Decisions worth knowing before changing anything here:
 *
 * - Opening looks at the file's first 100 bytes with plain read(2) before
 *   SQLite ever sees it: a file that is not SQLite, another program's SQLite
 *   database (PRAGMA application_id differs) or a newer sitrep's cache
 *   (user_version above ours) is refused without SQLite opening it, so it is
 *   never modified.  The header is only a filter (in WAL mode it may lag
 *   behind the log); the same questions are asked again through SQLite
 *   before the first write -- through an immutable connection when no -wal
 *   exists, so that a refused file gets no -wal/-shm beside it either.
 * - Damage in the schema pages shows at open (SQLITE_CORRUPT, refused).
 *   Damage in data pages would need a scan of the whole file, which opening a
 *   100k-article cache must not do; it runs before a migration and in
 *   store_check(), and any SQLITE_CORRUPT at run time says "move it aside".
 * - SQLite opens every file (database, -wal, -shm) with O_CLOEXEC on Linux
 *   (os_unix.c robust_open), so children never inherit the cache
 *   (SECURITY.md C3); test_store checks /proc/self/fdinfo.
 * - The full-text index (items_fts) holds PLAIN text: HTML from the feed
 *   goes through text_from_html() first, so markup and attribute values are
 *   never matched.  It is contentless (schema 4): it keeps no copy of the
 *   text, which makes a big ingest about 15% cheaper and the cache a third
 *   smaller.  Such an index forgets a row only when given the exact values
 *   it indexed, so inserts are written here (with text converted ahead, see
 *   plain_pool) while updates and deletes go through triggers that
 *   recompute the values from the row with sitrep_plain(), the SQL face of
 *   text_from_html() registered on every connection: items that change or
 *   vanish by any route (prune, ON DELETE CASCADE from feeds) leave the
 *   index too, and a tool without sitrep_plain() gets an error, not a
 *   corrupt index.  store_meta.fts_text names the text_from_html() that
 *   built the index; opening rebuilds it when that changes.
 * - Writing a big document is CPU-bound: FTS5 tokenising about half of it,
 *   HTML-to-text a fifth.  The latter runs on a helper thread (plain_pool)
 *   for long documents; SQLite is only ever called from the caller's
 *   thread.
 * - sort_time is the published date when the feed gave one that is no more
 *   than a day after first_seen, else first_seen: a feed cannot pin its items
 *   to the top with dates in the future.  Items of one document are inserted
 *   bottom-up so that, at equal sort_time, the feed's own order shows.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "date.h"
#include "text.h"
#include "xalloc.h"

/* "srep": PRAGMA application_id of every sitrep cache. */
#define STORE_APPLICATION_ID 0x73726570

#define BUSY_TIMEOUT_MS 10000
/* PRAGMA optimize at close must not keep a quitting interface waiting. */
#define CLOSE_BUSY_TIMEOUT_MS 200
#define DAY_SECONDS ((int64_t)86400)
/* A pruned article still in its feed refreshes its tombstone this often... */
#define TOMBSTONE_REFRESH (30 * DAY_SECONDS)
/* ...and a tombstone not seen for this long is forgotten. */
#define TOMBSTONE_KEEP (90 * DAY_SECONDS)
#define TAG_MAX_BYTES 64
/* Separates tag names in group_concat(); a control character, never valid
 * in a tag name (store_tag_name_valid). */
#define TAG_SEP '\x1f'

/* ------------------------------------------------------------------ */
/* Schema: one step per version, applied in order, each in its own     */
/* BEGIN IMMEDIATE transaction that also sets PRAGMA user_version.     */

/*
 * FTS5 buffers new index entries in memory up to this size before writing a
 * segment (1 MB by default); fewer, larger segments mean fewer merges when a
 * big feed arrives (about 10% of ingest time for 100k articles).
 */
#define FTS_HASHSIZE(table) \
	"INSERT INTO " table " (" table ", rank) VALUES ('hashsize', 8388608);"

static const char SCHEMA_V1[] =
	"CREATE TABLE feeds ("
	" id INTEGER PRIMARY KEY,"
	" key TEXT NOT NULL UNIQUE,"
	" url TEXT NOT NULL,"
	" title_override TEXT,"
	" title TEXT,"
	" site_url TEXT,"
	" self_url TEXT,"
	" language TEXT,"
	" etag TEXT,"
	" last_modified TEXT,"
	" last_fetch INTEGER NOT NULL DEFAULT 0,"
	" last_success INTEGER NOT NULL DEFAULT 0,"
	" last_status INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" next_due INTEGER NOT NULL DEFAULT 0,"
	" fail_count INTEGER NOT NULL DEFAULT 0,"
	" gone INTEGER NOT NULL DEFAULT 0,"
	" new_url TEXT,"
	" ttl_minutes INTEGER NOT NULL DEFAULT 0,"
	" created INTEGER NOT NULL DEFAULT 0);"
	/*
	 * Small columns first, long texts last: SQLite walks a record from
	 * the front, and a column behind an overflowing content would cost
	 * the overflow pages on every list query.
	 */
	"CREATE TABLE items ("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" uid TEXT NOT NULL,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" dismissed INTEGER NOT NULL DEFAULT 0,"
	" published INTEGER NOT NULL DEFAULT 0,"
	" updated INTEGER NOT NULL DEFAULT 0,"
	" first_seen INTEGER NOT NULL,"
	" sort_time INTEGER NOT NULL,"
	" hash INTEGER NOT NULL DEFAULT 0,"
	" guid TEXT,"
	" url TEXT,"
	" title TEXT,"
	" author TEXT,"
	" thumbnail TEXT,"
	" summary TEXT,"
	" content TEXT,"
	" UNIQUE (feed_id, uid));"
	/*
	 * Newest first is a reverse scan: the rowid ends every index entry,
	 * so (sort_time) read backwards is (sort_time DESC, id DESC).
	 */
	"CREATE INDEX items_sort ON items(sort_time);"
	"CREATE INDEX items_feed_sort ON items(feed_id, sort_time);"
	"CREATE INDEX items_unread_sort ON items(sort_time)"
	" WHERE read = 0 AND dismissed = 0;"
	"CREATE INDEX items_unread_feed ON items(feed_id, sort_time)"
	" WHERE read = 0 AND dismissed = 0;"
	"CREATE INDEX items_starred ON items(sort_time) WHERE starred = 1;"
	"CREATE TABLE item_categories ("
	" item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" name TEXT NOT NULL,"
	" PRIMARY KEY (item_id, pos)) WITHOUT ROWID;"
	"CREATE TABLE enclosures ("
	" item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" url TEXT NOT NULL,"
	" type TEXT,"
	" length INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (item_id, pos)) WITHOUT ROWID;"
	/* NOCASE: "Brief" and "brief" are one tag (ASCII folding only). */
	"CREATE TABLE tags ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE COLLATE NOCASE);"
	"CREATE TABLE item_tags ("
	" item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	" tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
	" PRIMARY KEY (item_id, tag_id)) WITHOUT ROWID;"
	"CREATE INDEX item_tags_tag ON item_tags(tag_id, item_id);"
	/*
	 * Identities of pruned articles, so that one still listed in its
	 * feed does not come back as new and unread after retention removed
	 * it.
	 */
	"CREATE TABLE pruned ("
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" uid TEXT NOT NULL,"
	" at INTEGER NOT NULL,"
	" PRIMARY KEY (feed_id, uid)) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE items_fts USING fts5(title, summary, content,"
	" tokenize = 'unicode61 remove_diacritics 2');"
	FTS_HASHSIZE("items_fts")
	"CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
	" DELETE FROM items_fts WHERE rowid = old.id; END;";

/*
 * Version 2: what classification and extraction need.  FTS5 tables cannot
 * gain a column, so the index is rebuilt with a fourth one from its own
 * stored text (no HTML to convert again); the delete trigger goes first
 * because ALTER TABLE RENAME refuses a schema with a trigger on a missing
 * table.
 */
static const char SCHEMA_V2[] =
	"ALTER TABLE items ADD COLUMN fulltext TEXT;"
	"CREATE TABLE item_topics ("
	" item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	" topic TEXT NOT NULL,"
	" PRIMARY KEY (item_id, topic)) WITHOUT ROWID;"
	"CREATE INDEX item_topics_topic ON item_topics(topic, item_id);"
	"CREATE TABLE item_countries ("
	" item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	" country TEXT NOT NULL,"
	" PRIMARY KEY (item_id, country)) WITHOUT ROWID;"
	"CREATE INDEX item_countries_country ON item_countries(country, item_id);"
	"DROP TRIGGER items_fts_delete;"
	"CREATE VIRTUAL TABLE items_fts_v2 USING fts5(title, summary, content,"
	" fulltext, tokenize = 'unicode61 remove_diacritics 2');"
	FTS_HASHSIZE("items_fts_v2")
	"INSERT INTO items_fts_v2 (rowid, title, summary, content)"
	" SELECT rowid, title, summary, content FROM items_fts;"
	"DROP TABLE items_fts;"
	"ALTER TABLE items_fts_v2 RENAME TO items_fts;"
	"CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
	" DELETE FROM items_fts WHERE rowid = old.id; END;";

/*
 * Version 3: what the query language's reads need (src/query_read.c).
 *
 * - item_regions: the regions an article's text names and those its
 *   countries belong to (written by classification, like item_topics and
 *   item_countries).
 * - facet_days: per topic, country and region (kind 0, 1, 2) and UTC day
 *   of sort_time, how many articles are not dismissed and how many of
 *   those are unread.  Triggers keep it exact: a facet row added or
 *   removed adds or removes its article's share; an article whose read,
 *   dismissed or day changes moves its share; an article being deleted
 *   takes its share away first (its facet rows then go by cascade, after
 *   the article row is gone, and find nothing to take).  The sidebar's
 *   counts and 14-day histograms then read a few thousand counter rows
 *   instead of every article: counting 190k country rows took 20 ms and
 *   more, and copying the state into the facet rows made marking 60k
 *   articles read take 7 s.
 * - items_sort and items_feed_sort gain the id and the state columns, so
 *   that a page or a count checks read and dismissed in the index and
 *   visits the table only for the rows it returns.
 */
#define FACET_KIND_TRIGGERS(kind, table, col) \
	"CREATE TRIGGER " table "_add AFTER INSERT ON " table " BEGIN" \
	" INSERT INTO facet_days (kind, key, day, total, unread)" \
	"  SELECT " kind ", new." col ", i.sort_time / 86400," \
	"  i.dismissed = 0, i.dismissed = 0 AND i.read = 0" \
	"  FROM items i WHERE i.id = new.item_id" \
	"  ON CONFLICT (kind, key, day) DO UPDATE SET" \
	"  total = total + excluded.total, unread = unread + excluded.unread;" \
	" END;" \
	"CREATE TRIGGER " table "_drop AFTER DELETE ON " table " BEGIN" \
	" UPDATE facet_days SET total = total - (i.dismissed = 0)," \
	"  unread = unread - (i.dismissed = 0 AND i.read = 0)" \
	"  FROM items i WHERE i.id = old.item_id AND facet_days.kind = " kind \
	"  AND facet_days.key = old." col \
	"  AND facet_days.day = i.sort_time / 86400;" \
	" END;"

/* An article's share in one kind of facet: out at old, in at new. */
#define FACET_SHARE_OUT(kind, table, col) \
	" UPDATE facet_days SET total = total - (old.dismissed = 0)," \
	"  unread = unread - (old.dismissed = 0 AND old.read = 0)" \
	"  WHERE kind = " kind " AND day = old.sort_time / 86400 AND key IN" \
	"  (SELECT " col " FROM " table " WHERE item_id = old.id);"
#define FACET_SHARE_IN(kind, table, col) \
	" INSERT INTO facet_days (kind, key, day, total, unread)" \
	"  SELECT " kind ", " col ", new.sort_time / 86400," \
	"  new.dismissed = 0, new.dismissed = 0 AND new.read = 0" \
	"  FROM " table " WHERE item_id = new.id" \
	"  ON CONFLICT (kind, key, day) DO UPDATE SET" \
	"  total = total + excluded.total, unread = unread + excluded.unread;"

static const char SCHEMA_V3[] =
	"CREATE TABLE item_regions ("
	" item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	" region TEXT NOT NULL,"
	" PRIMARY KEY (item_id, region)) WITHOUT ROWID;"
	"CREATE INDEX item_regions_region ON item_regions(region, item_id);"
	"CREATE TABLE facet_days ("
	" kind INTEGER NOT NULL,"
	" key TEXT NOT NULL,"
	" day INTEGER NOT NULL,"
	" total INTEGER NOT NULL DEFAULT 0,"
	" unread INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (kind, key, day)) WITHOUT ROWID;"
	/* what earlier versions stored (nothing classified before v3) */
	"INSERT INTO facet_days (kind, key, day, total, unread)"
	" SELECT 0, t.topic, i.sort_time / 86400, sum(i.dismissed = 0),"
	" sum(i.dismissed = 0 AND i.read = 0) FROM item_topics t"
	" JOIN items i ON i.id = t.item_id GROUP BY 2, 3;"
	"INSERT INTO facet_days (kind, key, day, total, unread)"
	" SELECT 1, c.country, i.sort_time / 86400, sum(i.dismissed = 0),"
	" sum(i.dismissed = 0 AND i.read = 0) FROM item_countries c"
	" JOIN items i ON i.id = c.item_id GROUP BY 2, 3;"
	FACET_KIND_TRIGGERS("0", "item_topics", "topic")
	FACET_KIND_TRIGGERS("1", "item_countries", "country")
	FACET_KIND_TRIGGERS("2", "item_regions", "region")
	"CREATE TRIGGER items_facet_state"
	" AFTER UPDATE OF sort_time, read, dismissed ON items"
	" WHEN old.sort_time / 86400 <> new.sort_time / 86400"
	" OR old.read <> new.read OR old.dismissed <> new.dismissed BEGIN"
	FACET_SHARE_OUT("0", "item_topics", "topic")
	FACET_SHARE_OUT("1", "item_countries", "country")
	FACET_SHARE_OUT("2", "item_regions", "region")
	FACET_SHARE_IN("0", "item_topics", "topic")
	FACET_SHARE_IN("1", "item_countries", "country")
	FACET_SHARE_IN("2", "item_regions", "region")
	" END;"
	"CREATE TRIGGER items_facet_delete BEFORE DELETE ON items BEGIN"
	FACET_SHARE_OUT("0", "item_topics", "topic")
	FACET_SHARE_OUT("1", "item_countries", "country")
	FACET_SHARE_OUT("2", "item_regions", "region")
	" END;"
	"DROP INDEX items_sort;"
	"CREATE INDEX items_sort ON items"
	" (sort_time, id, dismissed, read, starred, feed_id);"
	"DROP INDEX items_feed_sort;"
	"CREATE INDEX items_feed_sort ON items"
	" (feed_id, sort_time, id, dismissed, read);";

#undef FACET_KIND_TRIGGERS
#undef FACET_SHARE_OUT
#undef FACET_SHARE_IN

/*
 * What the index holds for a row, as SQL over the row's own columns: the
 * same function of the same values the C side indexes (see plain_convert):
 * the title as it is, the summary's text unless it repeats the content, the
 * content's and the extracted article's text.
 */
#define FTS_VALUES(r) \
	r ".title, CASE WHEN " r ".summary IS NOT " r ".content" \
	" THEN sitrep_plain(" r ".summary) END, sitrep_plain(" r ".content)," \
	" sitrep_plain(" r ".fulltext)"

/*
 * Version 4: the index keeps no copy of the text (content=''), which makes
 * storing a big feed about 15% cheaper and the cache a third smaller.  A
 * contentless FTS5 table forgets a row only when told the exact values it
 * indexed, so deletes and updates recompute them from the row with
 * sitrep_plain(), the SQL face of text_from_html() that every connection
 * registers; store_meta.fts_text records which text_from_html() built the
 * index, and opening rebuilds it when that changes.  0 here: the first
 * open after this migration fills the new index.
 */
static const char SCHEMA_V4[] =
	"DROP TRIGGER items_fts_delete;"
	"DROP TABLE items_fts;"
	"CREATE VIRTUAL TABLE items_fts USING fts5(title, summary, content,"
	" fulltext, content = '', columnsize = 0,"
	" tokenize = 'unicode61 remove_diacritics 2');"
	FTS_HASHSIZE("items_fts")
	"CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
	" INSERT INTO items_fts (items_fts, rowid, title, summary, content,"
	" fulltext) VALUES ('delete', old.id, " FTS_VALUES("old") "); END;"
	"CREATE TRIGGER items_fts_update"
	" AFTER UPDATE OF title, summary, content, fulltext ON items BEGIN"
	" INSERT INTO items_fts (items_fts, rowid, title, summary, content,"
	" fulltext) VALUES ('delete', old.id, " FTS_VALUES("old") ");"
	" INSERT INTO items_fts (rowid, title, summary, content, fulltext)"
	" VALUES (new.id, " FTS_VALUES("new") "); END;"
	"CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER)"
	" WITHOUT ROWID;"
	"INSERT INTO store_meta (key, value) VALUES ('fts_text', 0);";

/*
 * Version 5: a facet row's share is added by the writer, summed per
 * (kind, key, day) for the whole transaction (struct facet_tally), instead
 * of one counter upsert per row from a trigger: a refresh of 10,000
 * articles naming a dozen places each did 220,000 upserts, a second of
 * work.  Removing rows, and changes of an article's state or day, still go
 * through the triggers of version 3.
 */
static const char SCHEMA_V5[] =
	"DROP TRIGGER item_topics_add;"
	"DROP TRIGGER item_countries_add;"
	"DROP TRIGGER item_regions_add;";

/*
 * Version 6: the index merges its segments 16 at a time instead of 4.
 * Every commit adds a segment, and a cold refresh commits some fifty
 * batches: merging by 4 rewrote each entry about three times, by 16 about
 * once, which saves 0.15 s of the writer's 1.0.  A search reads up to 15
 * segments per level until the next merge instead of 3.
 */
static const char SCHEMA_V6[] =
	"INSERT INTO items_fts (items_fts, rank) VALUES ('automerge', 16);";

/*
 * Which text_from_html() the index was built with: raise it whenever that
 * function's output changes, and every cache rebuilds its index once.
 */
#define FTS_TEXT_VERSION 1

static const char FTS_REBUILD[] =
	"INSERT INTO items_fts (items_fts) VALUES ('delete-all');"
	"INSERT INTO items_fts (rowid, title, summary, content, fulltext)"
	" SELECT i.id, " FTS_VALUES("i") " FROM items i;";

struct migration {
	int version;
	const char *sql;
};

static const struct migration migrations[] = {
	{ 1, SCHEMA_V1 },
	{ 2, SCHEMA_V2 },
	{ 3, SCHEMA_V3 },
	{ 4, SCHEMA_V4 },
	{ 5, SCHEMA_V5 },
	{ 6, SCHEMA_V6 },
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

int
store_schema_version(void)
{
	return migrations[NMIGRATIONS - 1].version;
}

/* ------------------------------------------------------------------ */
/* Cached statements: the hot ones, prepared once per connection.      */

enum stmt_id {
	ST_FEED_ID,
	ST_FEED_RECORD,
	ST_ITEM_FIND,
	ST_ITEM_INSERT,
	ST_ITEM_UPDATE,
	ST_CAT_DELETE,
	ST_CAT_INSERT,
	ST_ENC_DELETE,
	ST_ENC_INSERT,
	ST_FTS_INSERT,
	ST_PRUNED_FIND,
	ST_PRUNED_TOUCH,
	ST_DATA_VERSION,
	ST_FACET_ADD,
	ST_ITEM_SHARE,
	ST_TOPIC_DELETE,
	ST_TOPIC_INSERT,
	ST_COUNTRY_DELETE,
	ST_COUNTRY_INSERT,
	ST_REGION_DELETE,
	ST_REGION_INSERT,
	ST_FEED_SYNC_READ,
	ST_FEED_SYNC_WRITE,
	ST_FEED_STATE,
	ST_FEED_GET,
	ST_COUNT
};

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

static const char *const stmt_sql[ST_COUNT] = {
	[ST_FEED_ID] = "SELECT id FROM feeds WHERE key = ?1",
	[ST_FEED_SYNC_READ] =
	    "SELECT url, title_override FROM feeds WHERE key = ?1",
	/* In a SET list every column names the old row: order is free. */
	[ST_FEED_SYNC_WRITE] =
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
	    " next_due = iif(url = excluded.url, next_due, 0)",
	/* No counts: a refresh plans 200 feeds with it before any request. */
	[ST_FEED_STATE] =
	    "SELECT " FEED_STATE_COLUMNS ", 0, 0 FROM feeds f WHERE f.key = ?1",
	[ST_FEED_GET] =
	    "SELECT " FEED_COLUMNS " FROM feeds f WHERE f.key = ?1",
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
	    " sort_time = CASE WHEN ?3 <> 0 AND ?3 <= first_seen + 86400"
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
	[ST_FTS_INSERT] =
	    "INSERT INTO items_fts (rowid, title, summary, content)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[ST_PRUNED_FIND] =
	    "SELECT at FROM pruned WHERE feed_id = ?1 AND uid = ?2",
	[ST_PRUNED_TOUCH] =
	    "UPDATE pruned SET at = ?3 WHERE feed_id = ?1 AND uid = ?2",
	[ST_DATA_VERSION] = "PRAGMA data_version",
	[ST_FACET_ADD] =
	    "INSERT INTO facet_days (kind, key, day, total, unread)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (kind, key, day)"
	    " DO UPDATE SET total = total + excluded.total,"
	    " unread = unread + excluded.unread",
	[ST_ITEM_SHARE] =
	    "SELECT sort_time, read, dismissed FROM items WHERE id = ?1",
	/* Triggers keep facet_days in step (schema version 3). */
	[ST_TOPIC_DELETE] = "DELETE FROM item_topics WHERE item_id = ?1",
	[ST_TOPIC_INSERT] =
	    "INSERT OR IGNORE INTO item_topics (item_id, topic) VALUES (?1, ?2)",
	[ST_COUNTRY_DELETE] = "DELETE FROM item_countries WHERE item_id = ?1",
	[ST_COUNTRY_INSERT] =
	    "INSERT OR IGNORE INTO item_countries (item_id, country)"
	    " VALUES (?1, ?2)",
	[ST_REGION_DELETE] = "DELETE FROM item_regions WHERE item_id = ?1",
	[ST_REGION_INSERT] =
	    "INSERT OR IGNORE INTO item_regions (item_id, region)"
	    " VALUES (?1, ?2)",
};

struct store {
	sqlite3 *db;
	char *path;
	int readonly;
	int registered;     /* counted in open_files (see there) */
	dev_t dev;
	ino_t ino;
	int batch;          /* in store_batch_begin: writes are savepoints */
	int batch_broken;   /* the batch's transaction was lost */
	sqlite3_stmt *stmt[ST_COUNT];
};

/* ------------------------------------------------------------------ */
/* Errors                                                              */

/* What the user can do about an error, by its primary code. */
static const char *
advice_for(int code)
{
	switch (code & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return "; the cache is damaged: move it aside and sitrep will "
		    "start a new one";
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "; another program kept the cache busy for too long "
		    "(a stuck `sitrep refresh`?)";
	case SQLITE_FULL:
		return "; the disk is full";
	case SQLITE_READONLY:
		return "; the cache file or its directory is not writable";
	default:
		return "";
	}
}

/*
 * Records the connection's current error as *err (first error wins) in the
 * form "PATH: WHAT: MESSAGE".  Call right after the failing API call, before
 * anything else touches the connection.
 */
static void
db_fail(struct store *st, char **err, const char *what)
{
	int code;

	if (err == NULL || *err != NULL)
		return;
	code = sqlite3_extended_errcode(st->db);
	*err = xasprintf("%s: %s: %s%s", st->path, what,
	    sqlite3_errmsg(st->db), advice_for(code));
}

static void
set_err(char **err, char *msg)
{
	if (err != NULL && *err == NULL)
		*err = msg;
	else
		free(msg);
}

static void
give_cause(char **cause, char *err)
{
	if (cause != NULL)
		*cause = err;
	else
		free(err);
}

/* ------------------------------------------------------------------ */
/* Statement and transaction helpers                                   */

static sqlite3_stmt *
stmt_get(struct store *st, enum stmt_id id, char **err)
{
	if (st->stmt[id] == NULL &&
	    sqlite3_prepare_v3(st->db, stmt_sql[id], -1,
	    SQLITE_PREPARE_PERSISTENT, &st->stmt[id], NULL) != SQLITE_OK) {
		db_fail(st, err, "preparing a statement");
		st->stmt[id] = NULL;
		return NULL;
	}
	return st->stmt[id];
}

static void
bind_text(sqlite3_stmt *s, int i, const char *z)
{
	/* Every string outlives the step that reads it. */
	if (z == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, z, -1, SQLITE_STATIC);
}

/* Steps a statement that returns no row; resets it.  0 or -1. */
static int
step_done(struct store *st, sqlite3_stmt *s, char **err, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_fail(st, err, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

static int
exec_sql(struct store *st, const char *sql, char **err, const char *what)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(st, err, what);
		return -1;
	}
	return 0;
}

/* D2: every write transaction takes the write lock up front. */
static int
tx_begin(struct store *st, char **err)
{
	if (st->readonly) {
		set_err(err, xasprintf("%s: the cache was opened read-only",
		    st->path));
		return -1;
	}
	if (st->batch) {
		if (st->batch_broken) {
			set_err(err, xasprintf("%s: an earlier write of this "
			    "batch failed", st->path));
			return -1;
		}
		return exec_sql(st, "SAVEPOINT feed", err, "starting a write");
	}
	return exec_sql(st, "BEGIN IMMEDIATE", err, "starting a write");
}

static int
tx_commit(struct store *st, char **err)
{
	return exec_sql(st, st->batch ? "RELEASE feed" : "COMMIT", err,
	    "committing");
}

static void
tx_rollback(struct store *st)
{
	/* Some errors (IOERR, FULL, NOMEM) already rolled back. */
	if (sqlite3_get_autocommit(st->db)) {
		if (st->batch)
			st->batch_broken = 1;
		return;
	}
	if (st->batch)
		sqlite3_exec(st->db, "ROLLBACK TO feed; RELEASE feed", NULL,
		    NULL, NULL);
	else
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_batch_begin(struct store *st, char **cause)
{
	char *err = NULL;

	if (tx_begin(st, &err) != 0) {
		give_cause(cause, err);
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
		tx_rollback(st);
		give_cause(cause, xasprintf("%s: the write was lost (%s)",
		    st->path, sqlite3_errmsg(st->db)));
		return -1;
	}
	if (tx_commit(st, &err) != 0) {
		tx_rollback(st);
		give_cause(cause, err);
		return -1;
	}
	return 0;
}

/* One integer from a one-row query; 0 or -1. */
static int
query_int(struct store *st, const char *sql, int64_t *out, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		db_fail(st, err, "reading the cache");
		goto out;
	}
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		*out = sqlite3_column_int64(s, 0);
		break;
	case SQLITE_DONE:
		*out = 0;
		break;
	default:
		db_fail(st, err, "reading the cache");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *z = sqlite3_column_text(s, i);

	return z != NULL ? xstrdup((const char *)z) : NULL;
}

/* ------------------------------------------------------------------ */
/* Open, checks, migrations                                            */

enum probe_kind {
	PROBE_MISSING,
	PROBE_EMPTY,
	PROBE_SQLITE,
	PROBE_OPEN_HERE  /* another store of this process has it open */
};

struct probe {
	enum probe_kind kind;
	uint32_t user_version;
	uint32_t application_id;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static char *
advice_move_aside(const char *path, const char *what)
{
	return xasprintf("%s: %s; sitrep will not touch it: move it aside "
	    "(sitrep then starts a new cache there) or choose another file "
	    "with --cache", path, what);
}

/*
 * Looks at the file without SQLite.  O_NONBLOCK so that a FIFO in place of
 * the cache cannot hang us; only regular files go on.
 */
static int
probe_file(const char *path, struct probe *pr, char **err)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char hdr[100];
	struct stat sb;
	size_t got = 0;
	int fd;

	memset(pr, 0, sizeof *pr);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT) {
			pr->kind = PROBE_MISSING;
			return 0;
		}
		set_err(err, xasprintf("%s: %s", path, strerror(errno)));
		return -1;
	}
	if (fstat(fd, &sb) != 0) {
		set_err(err, xasprintf("%s: %s", path, strerror(errno)));
		close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		set_err(err, advice_move_aside(path, "not a regular file"));
		return -1;
	}
	if (sb.st_size == 0) {
		close(fd);
		pr->kind = PROBE_EMPTY;
		return 0;
	}
	while (got < sizeof hdr) {
		ssize_t k = read(fd, hdr + got, sizeof hdr - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			set_err(err, xasprintf("%s: %s", path, strerror(errno)));
			close(fd);
			return -1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	if (got < sizeof hdr || memcmp(hdr, magic, sizeof magic) != 0) {
		set_err(err, advice_move_aside(path,
		    "file is not a database (not a sitrep cache)"));
		return -1;
	}
	pr->kind = PROBE_SQLITE;
	pr->user_version = be32(hdr + 60);
	pr->application_id = be32(hdr + 68);
	return 0;
}

static char *
msg_newer(const char *path, int64_t version)
{
	return xasprintf("%s: the cache was written by a newer sitrep (schema "
	    "%" PRId64 ", this build knows %d); use that sitrep, or move the "
	    "file aside to start a new cache", path, version,
	    store_schema_version());
}

static char *
msg_foreign(const char *path)
{
	return advice_move_aside(path,
	    "an SQLite database of another program, not a sitrep cache");
}

/*
 * Asks the header's questions again through SQLite, which also reads the
 * schema (damage there shows as SQLITE_CORRUPT).  An empty database is
 * fine: it becomes a new cache.  Reads only.
 */
static int
check_identity(struct store *st, int need_current, char **err)
{
	int64_t app, ver, nschema;

	if (query_int(st, "PRAGMA application_id", &app, err) != 0 ||
	    query_int(st, "PRAGMA user_version", &ver, err) != 0 ||
	    query_int(st, "SELECT count(*) FROM sqlite_schema", &nschema,
	    err) != 0)
		return -1;
	if (app == 0 && ver == 0 && nschema == 0)
		return 0;
	if (app != STORE_APPLICATION_ID || ver == 0) {
		set_err(err, msg_foreign(st->path));
		return -1;
	}
	if (ver > store_schema_version()) {
		set_err(err, msg_newer(st->path, ver));
		return -1;
	}
	if (need_current && ver < store_schema_version()) {
		set_err(err, xasprintf("%s: the cache is from an older sitrep "
		    "(schema %" PRId64 "); run sitrep once without read-only "
		    "access (e.g. `sitrep refresh`) to upgrade it", st->path,
		    ver));
		return -1;
	}
	return 0;
}

/* Scans every page; used before a migration rewrites anything. */
static int
check_integrity(struct store *st, const char *pragma, char **err)
{
	sqlite3_stmt *s = NULL;
	struct str bad = STR_INIT;
	int rc = -1, r;

	if (sqlite3_prepare_v2(st->db, pragma, -1, &s, NULL) != SQLITE_OK) {
		db_fail(st, err, "checking the cache");
		goto out;
	}
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *z = (const char *)sqlite3_column_text(s, 0);

		if (z != NULL && strcmp(z, "ok") != 0 && bad.len < 400) {
			if (bad.len > 0)
				str_appendz(&bad, "; ");
			str_appendz(&bad, z);
		}
	}
	if (r != SQLITE_DONE) {
		db_fail(st, err, "checking the cache");
		goto out;
	}
	if (bad.len > 0) {
		set_err(err, xasprintf("%s: the cache is damaged (%s); move "
		    "it aside and sitrep will start a new one", st->path,
		    bad.p));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	str_free(&bad);
	return rc;
}

/* D1 and the performance settings; journal_mode only for writers. */
static int
apply_settings(struct store *st, char **err)
{
	static const char *const pragmas[] = {
		"PRAGMA synchronous = NORMAL",
		"PRAGMA foreign_keys = ON",
		/*
		 * 4 MiB of page cache and no mmap: the interface promises
		 * 20 MB RSS on a 100k-article cache and a refresh 40 MB, and
		 * mapped pages count.  The kernel's page cache keeps reads
		 * fast all the same: 8 MiB made no refresh, page or count
		 * measurably faster, and cost a cold refresh 4 MB of RSS.
		 */
		"PRAGMA cache_size = -4096",
		"PRAGMA temp_store = MEMORY",
		"PRAGMA mmap_size = 0",
		/* A 100 MB ingest must not leave a 100 MB log behind. */
		"PRAGMA journal_size_limit = 67108864",
	};
	sqlite3_stmt *s = NULL;
	int rc = -1;

	if (!st->readonly) {
		const char *mode;

		if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1,
		    &s, NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
			db_fail(st, err, "switching to write-ahead logging");
			goto out;
		}
		mode = (const char *)sqlite3_column_text(s, 0);
		if (mode == NULL || strcmp(mode, "wal") != 0) {
			set_err(err, xasprintf("%s: cannot use write-ahead "
			    "logging (journal mode stays '%s'); put the cache "
			    "on a local file system", st->path,
			    mode != NULL ? mode : "?"));
			goto out;
		}
	}
	for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++)
		if (exec_sql(st, pragmas[i], err, "configuring the cache") != 0)
			goto out;
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

/* Applies every step up to target, each in its own transaction. */
static int
migrate(struct store *st, int target, char **err)
{
	int64_t ver;

	if (query_int(st, "PRAGMA user_version", &ver, err) != 0)
		return -1;
	if (ver > target) {
		set_err(err, xasprintf("%s: the cache is at schema %" PRId64
		    ", past the %d asked for", st->path, ver, target));
		return -1;
	}
	/* An existing cache about to be rewritten: make sure it is sound. */
	if (ver > 0 && ver < target &&
	    check_integrity(st, "PRAGMA quick_check", err) != 0)
		return -1;
	for (size_t i = 0; i < NMIGRATIONS; i++) {
		const struct migration *m = &migrations[i];
		char *tail;

		if (m->version > target)
			break;
		if (tx_begin(st, err) != 0)
			return -1;
		/* Another process may have migrated while we waited. */
		if (query_int(st, "PRAGMA user_version", &ver, err) != 0)
			goto fail;
		if (ver >= m->version) {
			tx_rollback(st);
			continue;
		}
		if (exec_sql(st, m->sql, err, "upgrading the cache") != 0)
			goto fail;
		tail = xasprintf("PRAGMA application_id = %d;"
		    "PRAGMA user_version = %d", STORE_APPLICATION_ID,
		    m->version);
		if (exec_sql(st, tail, err, "upgrading the cache") != 0) {
			free(tail);
			goto fail;
		}
		free(tail);
		if (tx_commit(st, err) != 0)
			goto fail;
	}
	return 0;
fail:
	tx_rollback(st);
	return -1;
}

static char *
uri_of(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct str u = STR_INIT;

	/* "file:///abs" or "file:rel"; the characters URIs reserve escaped */
	str_appendz(&u, path[0] == '/' ? "file://" : "file:");
	for (const char *p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#') {
			str_appendc(&u, '%');
			str_appendc(&u, hex[(unsigned char)*p >> 4]);
			str_appendc(&u, hex[(unsigned char)*p & 15]);
		} else {
			str_appendc(&u, *p);
		}
	}
	str_appendz(&u, "?immutable=1");
	return str_steal(&u);
}

/*
 * The identity check on a cache nobody has open (no -wal beside it),
 * through an immutable read-only connection: SQLite then creates no -wal or
 * -shm and takes no lock, so a file we refuse (a damaged one, say) is left
 * exactly as it was.  With a -wal present the normal connection checks
 * instead, as the log may hold what the file does not.
 */
static int
check_untouched(const char *path, int need_current, char **err)
{
	struct store tmp;
	char *wal = xasprintf("%s-wal", path), *uri;
	struct stat sb;
	int rc;

	if (stat(wal, &sb) == 0) {
		free(wal);
		return 0;
	}
	free(wal);
	memset(&tmp, 0, sizeof tmp);
	tmp.path = (char *)path;
	tmp.readonly = 1;
	uri = uri_of(path);
	rc = sqlite3_open_v2(uri, &tmp.db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		if (tmp.db == NULL)
			set_err(err, xasprintf("%s: cannot open the cache",
			    path));
		else
			db_fail(&tmp, err, "cannot open the cache");
		sqlite3_close_v2(tmp.db);
		return -1;
	}
	rc = check_identity(&tmp, need_current, err);
	sqlite3_close_v2(tmp.db);
	return rc;
}

/*
 * The caches this process has open, by device and inode.  POSIX locks
 * belong to the process, and closing ANY descriptor of a file drops all of
 * them: the probe below, which opens and closes the file to look at it
 * without SQLite, would silently unlock the connections another thread of
 * this process holds (the interface, its counting thread, a refresh's
 * writer) and let a write and a read interleave ("database disk image is
 * malformed", SQLite's "how to corrupt" section 2.2).  A file already open
 * here was checked when it was first opened, so it is not probed again.
 */
static struct {
	pthread_mutex_t lock;
	struct open_file {
		dev_t dev;
		ino_t ino;
		int refs;
	} *v;
	size_t n, cap;
} open_files = { PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0 };

/* 1 when another store of this process has the file at path open. */
static int
open_here(const char *path)
{
	struct stat sb;
	int found = 0;

	if (stat(path, &sb) != 0)
		return 0;
	pthread_mutex_lock(&open_files.lock);
	for (size_t i = 0; i < open_files.n; i++)
		if (open_files.v[i].dev == sb.st_dev &&
		    open_files.v[i].ino == sb.st_ino)
			found = 1;
	pthread_mutex_unlock(&open_files.lock);
	return found;
}

static void
open_files_add(struct store *st)
{
	struct stat sb;

	if (stat(st->path, &sb) != 0)
		return;
	st->dev = sb.st_dev;
	st->ino = sb.st_ino;
	st->registered = 1;
	pthread_mutex_lock(&open_files.lock);
	for (size_t i = 0; i < open_files.n; i++) {
		if (open_files.v[i].dev == sb.st_dev &&
		    open_files.v[i].ino == sb.st_ino) {
			open_files.v[i].refs++;
			pthread_mutex_unlock(&open_files.lock);
			return;
		}
	}
	open_files.v = xgrow(open_files.v, open_files.n, &open_files.cap,
	    sizeof *open_files.v);
	open_files.v[open_files.n].dev = sb.st_dev;
	open_files.v[open_files.n].ino = sb.st_ino;
	open_files.v[open_files.n].refs = 1;
	open_files.n++;
	pthread_mutex_unlock(&open_files.lock);
}

static void
open_files_drop(struct store *st)
{
	if (!st->registered)
		return;
	pthread_mutex_lock(&open_files.lock);
	for (size_t i = 0; i < open_files.n; i++) {
		if (open_files.v[i].dev != st->dev ||
		    open_files.v[i].ino != st->ino)
			continue;
		if (--open_files.v[i].refs == 0)
			open_files.v[i] = open_files.v[--open_files.n];
		break;
	}
	if (open_files.n == 0) {
		free(open_files.v);
		open_files.v = NULL;
		open_files.cap = 0;
	}
	pthread_mutex_unlock(&open_files.lock);
}

static void
store_free(struct store *st)
{
	if (st == NULL)
		return;
	open_files_drop(st);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

/*
 * target: the schema version to end at (store_schema_version() for normal
 * use); ignored when readonly, which requires the current one.
 */
/* sitrep_plain(html): the index's text of an HTML value; NULL stays NULL. */
static void
sql_plain(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *html = (const char *)sqlite3_value_text(argv[0]);
	char *plain;

	(void)argc;
	if (html == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	plain = text_from_html(html, (size_t)sqlite3_value_bytes(argv[0]), 0);
	sqlite3_result_text(ctx, plain, -1, free);
}

/*
 * sitrep_has_words(a, b, ...): 1 when any argument has a letter or digit
 * (ASCII, or any non-ASCII character), i.e. something the tokenizer keeps.
 */
static void
sql_has_words(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	for (int i = 0; i < argc; i++) {
		const unsigned char *t = sqlite3_value_text(argv[i]);

		for (; t != NULL && *t != '\0'; t++) {
			if (*t >= 0x80 || (*t >= '0' && *t <= '9') ||
			    ((*t | 0x20) >= 'a' && (*t | 0x20) <= 'z')) {
				sqlite3_result_int(ctx, 1);
				return;
			}
		}
	}
	sqlite3_result_int(ctx, 0);
}

static int
register_functions(struct store *st, char **err)
{
	if (sqlite3_create_function_v2(st->db, "sitrep_plain", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    sql_plain, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(st->db, "sitrep_has_words", -1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    sql_has_words, NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(st, err, "setting up the cache");
		return -1;
	}
	return 0;
}

/*
 * Rebuilds the full-text index when it was built by another version of
 * text_from_html() (or not yet filled after the version 4 migration): a
 * contentless index must be told exactly what it holds to forget a row.
 */
static int
fts_refresh(struct store *st, char **err)
{
	int64_t built;
	char *sql;

	if (query_int(st, "SELECT value FROM store_meta WHERE key = 'fts_text'",
	    &built, err) != 0)
		return -1;
	if (built == FTS_TEXT_VERSION)
		return 0;
	if (tx_begin(st, err) != 0)
		return -1;
	sql = xasprintf("%sUPDATE store_meta SET value = %d WHERE key = "
	    "'fts_text';", FTS_REBUILD, FTS_TEXT_VERSION);
	if (exec_sql(st, sql, err, "rebuilding the full-text index") != 0) {
		free(sql);
		tx_rollback(st);
		return -1;
	}
	free(sql);
	return tx_commit(st, err);
}

static struct store *
open_cache(const char *path, int readonly, int target, char **cause)
{
	struct store *st = NULL;
	struct probe pr;
	char *err = NULL;
	int flags;

	if (path == NULL || *path == '\0') {
		err = xstrdup("no cache path given");
		goto fail;
	}
	if (open_here(path)) {
		/* Checked when first opened; probing would drop its locks. */
		memset(&pr, 0, sizeof pr);
		pr.kind = PROBE_OPEN_HERE;
	} else if (probe_file(path, &pr, &err) != 0) {
		goto fail;
	}
	if (readonly && pr.kind != PROBE_SQLITE && pr.kind != PROBE_OPEN_HERE) {
		err = xasprintf("%s: %s; run `sitrep refresh` first to create "
		    "the cache", path, pr.kind == PROBE_MISSING ?
		    "no cache there" : "the cache is empty");
		goto fail;
	}
	if (pr.kind == PROBE_SQLITE) {
		if (pr.application_id != 0 &&
		    pr.application_id != STORE_APPLICATION_ID) {
			err = msg_foreign(path);
			goto fail;
		}
		if (pr.application_id == STORE_APPLICATION_ID &&
		    pr.user_version > (uint32_t)store_schema_version()) {
			err = msg_newer(path, pr.user_version);
			goto fail;
		}
		if (check_untouched(path, readonly, &err) != 0)
			goto fail;
	}

	if (pr.kind == PROBE_MISSING && !readonly) {
		/*
		 * The cache may hold articles of feeds behind a login: create
		 * it private.  SQLite gives -wal and -shm the same mode.
		 */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
		    O_NOCTTY, 0600);

		if (fd >= 0)
			close(fd);
		else if (errno != EEXIST) {
			err = xasprintf("%s: cannot create the cache: %s", path,
			    strerror(errno));
			goto fail;
		}
	}

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->readonly = readonly;
	/*
	 * Read-only is enforced with PRAGMA query_only rather than
	 * SQLITE_OPEN_READONLY: a read-only connection cannot remove the -wal
	 * and -shm it creates, so every `sitrep list` would leave them behind.
	 * Without CREATE a missing file is still an error, and SQLite falls
	 * back to a read-only open by itself when the file is write-protected.
	 */
	flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE |
	    (readonly ? 0 : SQLITE_OPEN_CREATE);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		if (st->db == NULL)
			err = xasprintf("%s: cannot open the cache (out of "
			    "memory)", path);
		else
			db_fail(st, &err, "cannot open the cache");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	if (register_functions(st, &err) != 0)
		goto fail;
	if (!readonly && sqlite3_db_readonly(st->db, "main") == 1) {
		err = xasprintf("%s: the cache file is not writable; fix its "
		    "permissions or use --cache FILE", path);
		goto fail;
	}
	if (readonly && exec_sql(st, "PRAGMA query_only = ON", &err,
	    "opening the cache read-only") != 0)
		goto fail;
	if (check_identity(st, readonly, &err) != 0)
		goto fail;
	if (apply_settings(st, &err) != 0)
		goto fail;
	if (!readonly && migrate(st, target, &err) != 0)
		goto fail;
	if (!readonly && target >= 4 && fts_refresh(st, &err) != 0)
		goto fail;
	open_files_add(st);
	return st;
fail:
	store_free(st);
	give_cause(cause, err);
	return NULL;
}

int
store_make_parent_dirs(const char *path, char **cause)
{
	char *p = xstrdup(path);
	int rc = 0;

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			give_cause(cause, xasprintf("cannot create %s: %s", p,
			    strerror(errno)));
			rc = -1;
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

struct store *
store_open(const char *path, char **cause)
{
	return open_cache(path, 0, store_schema_version(), cause);
}

struct store *
store_open_readonly(const char *path, char **cause)
{
	return open_cache(path, 1, store_schema_version(), cause);
}

int
store_migrate_path_to(const char *path, int version, char **cause)
{
	struct store *st;

	if (version < 1 || version > store_schema_version()) {
		give_cause(cause, xasprintf("schema version %d does not exist "
		    "(this build knows 1 to %d)", version,
		    store_schema_version()));
		return -1;
	}
	st = open_cache(path, 0, version, cause);
	if (st == NULL)
		return -1;
	store_free(st);
	return 0;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (!st->readonly) {
		/*
		 * Keeps the planner's statistics current (SQLite's advice
		 * for every closing connection); bounded so it stays cheap,
		 * and skipped rather than waited for when another process
		 * writes.
		 */
		sqlite3_busy_timeout(st->db, CLOSE_BUSY_TIMEOUT_MS);
		sqlite3_exec(st->db, "PRAGMA analysis_limit = 400;"
		    "PRAGMA optimize", NULL, NULL, NULL);
	}
	store_free(st);
}

struct sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

const char *
store_path(const struct store *st)
{
	return st->path;
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
	if (tx_begin(st, &err) == 0 &&
	    exec_sql(st, sql, &err, "merging the search index") == 0 &&
	    tx_commit(st, &err) == 0) {
		/* FTS5's documented sign of work done: two changes or more. */
		rc = sqlite3_total_changes(st->db) - before >= 2;
	} else {
		/* another connection is writing: the next pause tries again */
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_BUSY ? 0 : -1;
		tx_rollback(st);
		if (rc < 0)
			give_cause(cause, err);
		else
			free(err);
	}
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	free(sql);
	return rc;
}

int64_t
store_data_version(struct store *st)
{
	sqlite3_stmt *s = stmt_get(st, ST_DATA_VERSION, NULL);
	int64_t v = -1;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

int
store_check(struct store *st, char **cause)
{
	char *err = NULL;
	int64_t orphans;

	if (check_integrity(st, "PRAGMA integrity_check", &err) != 0)
		goto fail;
	/* The index agrees with its own text... */
	if (!st->readonly && exec_sql(st, "INSERT INTO items_fts (items_fts)"
	    " VALUES ('integrity-check')", &err,
	    "checking the full-text index") != 0)
		goto fail;
	/*
	 * ...and has a row for every article with words in it and none for
	 * an article that is gone.  The index keeps no text (contentless), so
	 * its rows are read from the term list; an article without a single
	 * letter or digit in its title and text has no row, rightly.
	 */
	if (exec_sql(st, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_docs"
	    " USING fts5vocab(main, items_fts, 'instance')", &err,
	    "checking the full-text index") != 0)
		goto fail;
	if (query_int(st, "WITH docs AS (SELECT DISTINCT doc FROM temp.fts_docs)"
	    " SELECT (SELECT count(*) FROM docs WHERE NOT EXISTS"
	    " (SELECT 1 FROM items i WHERE i.id = docs.doc)) +"
	    " (SELECT count(*) FROM items i WHERE NOT EXISTS"
	    " (SELECT 1 FROM docs WHERE docs.doc = i.id) AND"
	    " sitrep_has_words(" FTS_VALUES("i") "))",
	    &orphans, &err) != 0)
		goto fail;
	if (orphans != 0) {
		err = xasprintf("%s: the full-text index is out of step with "
		    "the articles (%" PRId64 " rows differ)", st->path,
		    orphans);
		goto fail;
	}
	return 0;
fail:
	give_cause(cause, err);
	return -1;
}

/* ------------------------------------------------------------------ */
/* Hashing.  Content hashes only decide whether to rewrite a row, so a  */
/* change here costs one rewrite per article; the "h:" identity hash   */
/* is part of stored identities and must never change.                 */

#define HK1 0x87c37b91114253d5ULL
#define HK2 0x4cf5ad432745937fULL

static uint64_t
rotl64(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static uint64_t
fmix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static uint64_t
load64le(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	    (uint64_t)p[7] << 56;
}

/* One lane of MurmurHash3's x64 mixing, eight bytes a step. */
static uint64_t
hash_bytes(uint64_t h, const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t len = n;
	uint64_t k;

	while (n >= 8) {
		k = load64le(s) * HK1;
		k = rotl64(k, 31) * HK2;
		h ^= k;
		h = rotl64(h, 27) * 5 + 0x52dce729;
		s += 8;
		n -= 8;
	}
	k = 0;
	for (size_t i = 0; i < n; i++)
		k |= (uint64_t)s[i] << (8 * i);
	k = rotl64(k * HK1, 31) * HK2;
	h ^= k;
	return fmix64(h ^ (uint64_t)len);
}

/* NULL and "" hash differently. */
static uint64_t
hash_str(uint64_t h, const char *z)
{
	if (z == NULL)
		return fmix64(h + 0x9e3779b97f4a7c15ULL);
	return hash_bytes(h + 1, z, strlen(z));
}

static uint64_t
hash_i64(uint64_t h, int64_t v)
{
	return fmix64(h ^ ((uint64_t)v * HK1));
}

/* Everything ingest stores for an item, to skip unchanged rewrites. */
static uint64_t
hash_item(const struct feed_item *it)
{
	uint64_t h = 0x736974726570ULL;

	h = hash_str(h, it->guid);
	h = hash_str(h, it->url);
	h = hash_str(h, it->title);
	h = hash_str(h, it->author);
	h = hash_i64(h, it->published);
	h = hash_i64(h, it->updated);
	h = hash_str(h, it->summary);
	h = hash_str(h, it->content);
	h = hash_str(h, it->thumbnail);
	h = hash_i64(h, (int64_t)it->categories.n);
	for (size_t i = 0; i < it->categories.n; i++)
		h = hash_str(h, it->categories.v[i]);
	h = hash_i64(h, (int64_t)it->nenclosures);
	for (size_t i = 0; i < it->nenclosures; i++) {
		h = hash_str(h, it->enclosures[i].url);
		h = hash_str(h, it->enclosures[i].type);
		h = hash_i64(h, it->enclosures[i].length);
	}
	return h;
}

static int
nonempty(const char *z)
{
	return z != NULL && *z != '\0';
}

/*
 * An item's identity within its feed: the guid, else the link, else
 * "h:" and a hash of the title and the published date (for an item without
 * a title, of its summary or content instead, so that untitled items do not
 * all collapse into one).  buf receives the "h:" form (19 bytes + NUL).
 */
#define UID_HASH_SIZE 20

static const char *
item_uid(const struct feed_item *it, char buf[UID_HASH_SIZE])
{
	const char *text;
	uint64_t h;

	if (nonempty(it->guid))
		return it->guid;
	if (nonempty(it->url))
		return it->url;
	text = nonempty(it->title) ? it->title :
	    nonempty(it->summary) ? it->summary : it->content;
	h = hash_str(0x7569640aULL, text);
	h = hash_i64(h, it->published);
	snprintf(buf, UID_HASH_SIZE, "h:%016" PRIx64, h);
	return buf;
}

/* ------------------------------------------------------------------ */
/* Feeds                                                               */

static int
feed_id_of(struct store *st, const char *key, int64_t *id, char **err)
{
	sqlite3_stmt *s = stmt_get(st, ST_FEED_ID, err);
	int r;

	if (s == NULL)
		return -1;
	bind_text(s, 1, key);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return 1;
	}
	if (r != SQLITE_DONE) {
		db_fail(st, err, "looking up a feed");
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

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
	if ((s = stmt_get(st, ST_FEED_SYNC_READ, &err)) == NULL)
		goto out;
	bind_text(s, 1, key);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(s, 0);
		const char *t = (const char *)sqlite3_column_text(s, 1);

		same = u != NULL && strcmp(u, url) == 0 &&
		    ((t == NULL && title_override == NULL) ||
		    (t != NULL && title_override != NULL &&
		    strcmp(t, title_override) == 0));
	} else if (r != SQLITE_DONE) {
		db_fail(st, &err, "reading feeds");
		sqlite3_reset(s);
		goto out;
	}
	sqlite3_reset(s);
	if (same) {
		rc = 0;
		goto out;
	}
	if (tx_begin(st, &err) != 0)
		goto out;
	in_tx = 1;
	if ((s = stmt_get(st, ST_FEED_SYNC_WRITE, &err)) == NULL)
		goto out;
	bind_text(s, 1, key);
	bind_text(s, 2, url);
	bind_text(s, 3, title_override);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	if (step_done(st, s, &err, "saving a feed") != 0 ||
	    tx_commit(st, &err) != 0)
		goto out;
	in_tx = 0;
	rc = 0;
out:
	if (in_tx)
		tx_rollback(st);
	if (rc != 0)
		give_cause(cause, err);
	return rc;
}

static const char SQL_FEED_LIST[] =
	"SELECT " FEED_COLUMNS " FROM feeds f ORDER BY f.key";

static void
feed_from_row(sqlite3_stmt *s, struct store_feed *f)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(s, 0);
	f->key = col_dup(s, 1);
	f->url = col_dup(s, 2);
	f->title = col_dup(s, 3);
	f->site_url = col_dup(s, 4);
	f->etag = col_dup(s, 5);
	f->last_modified = col_dup(s, 6);
	f->last_fetch = sqlite3_column_int64(s, 7);
	f->last_success = sqlite3_column_int64(s, 8);
	f->next_due = sqlite3_column_int64(s, 9);
	f->last_status = sqlite3_column_int(s, 10);
	f->last_error = col_dup(s, 11);
	f->fail_count = sqlite3_column_int(s, 12);
	f->gone = sqlite3_column_int(s, 13);
	f->new_url = col_dup(s, 14);
	f->ttl_minutes = sqlite3_column_int(s, 15);
	f->items = sqlite3_column_int64(s, 16);
	f->unread = sqlite3_column_int64(s, 17);
}

/* One feed's row by a cached statement; 1, 0 (none) or -1. */
static int
feed_read(struct store *st, enum stmt_id id, const char *key,
    struct store_feed *out, char **cause)
{
	sqlite3_stmt *s;
	char *err = NULL;
	int rc = -1, r;

	memset(out, 0, sizeof *out);
	if ((s = stmt_get(st, id, &err)) == NULL)
		goto out;
	bind_text(s, 1, key);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		feed_from_row(s, out);
		rc = 1;
	} else if (r == SQLITE_DONE) {
		rc = 0;
	} else {
		db_fail(st, &err, "reading feeds");
	}
	sqlite3_reset(s);
out:
	if (rc < 0)
		give_cause(cause, err);
	return rc;
}

int
store_feed_get(struct store *st, const char *key, struct store_feed *out,
    char **cause)
{
	return feed_read(st, ST_FEED_GET, key, out, cause);
}

int
store_feed_state(struct store *st, const char *key, struct store_feed *out,
    char **cause)
{
	return feed_read(st, ST_FEED_STATE, key, out, cause);
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
	if (sqlite3_prepare_v2(st->db, SQL_FEED_LIST, -1, &s, NULL) !=
	    SQLITE_OK) {
		db_fail(st, &err, "reading feeds");
		goto fail;
	}
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		if (nv == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		feed_from_row(s, &v[nv++]);
	}
	if (r != SQLITE_DONE) {
		db_fail(st, &err, "reading feeds");
		goto fail;
	}
	sqlite3_finalize(s);
	*out = v;
	*n = nv;
	return 0;
fail:
	sqlite3_finalize(s);
	store_feeds_free(v, nv);
	give_cause(cause, err);
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

/* ------------------------------------------------------------------ */
/* Ingest                                                              */

/* One counter of facet_days and what this transaction adds to it. */
struct facet_delta {
	int kind;
	const char *key;   /* borrowed from tally->names */
	int64_t day;
	int64_t total, unread;
};

/*
 * The facet_days changes of one transaction, summed per (kind, key, day)
 * and written once at its end (schema 5).  An open-addressing table over
 * deltas; names are interned in a vector the table borrows from.
 */
struct facet_tally {
	struct facet_delta *v;
	size_t n, cap;
	size_t *slot;      /* index + 1 into v; 0 = empty */
	size_t nslot;      /* a power of two, at least 2 * cap */
	struct strv names;
};

/* An article's share in its facet rows: which day, and whether it counts. */
struct facet_share {
	int64_t day;
	int total, unread;
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

struct plain_text {
	char *summary, *content;
};

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

/* Takes ownership of items (n of them). */
static void
plain_start(struct plain_pool *p, const struct feed_item **items, size_t n)
{
	memset(p, 0, sizeof *p);
	p->items = items;
	p->n = n;
	p->out = xcalloc(n ? n : 1, sizeof *p->out);
	if (n < PLAIN_THREAD_MIN)
		return;
	if (pthread_mutex_init(&p->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&p->cv, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		return;
	}
	/* Without a thread everything is converted inline: slower, same. */
	if (pthread_create(&p->thread, NULL, plain_worker, p) != 0) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		return;
	}
	p->threaded = 1;
}

/* The texts of the k-th item (k = 0, 1, ... in order); returns owned. */
static struct plain_text
plain_take(struct plain_pool *p, size_t k)
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

/* Stops the helper (an error may end the writer early) and frees all. */
static void
plain_finish(struct plain_pool *p)
{
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
	memset(p, 0, sizeof *p);
}

static int
write_fts(struct ingest *in, const struct feed_item *it,
    const struct plain_text *pt, int64_t id)
{
	sqlite3_stmt *s = stmt_get(in->st, ST_FTS_INSERT, in->err);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, it->title);
	bind_text(s, 3, pt->summary);
	bind_text(s, 4, pt->content);
	return step_done(in->st, s, in->err, "indexing an article");
}

/* Categories and enclosures; replace=1 drops the old ones first. */
static int
write_lists(struct ingest *in, const struct feed_item *it, int64_t id,
    int replace)
{
	sqlite3_stmt *s;

	if (replace) {
		if ((s = stmt_get(in->st, ST_CAT_DELETE, in->err)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		if (step_done(in->st, s, in->err, "storing an article") != 0)
			return -1;
		if ((s = stmt_get(in->st, ST_ENC_DELETE, in->err)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		if (step_done(in->st, s, in->err, "storing an article") != 0)
			return -1;
	}
	if (it->categories.n > 0) {
		if ((s = stmt_get(in->st, ST_CAT_INSERT, in->err)) == NULL)
			return -1;
		for (size_t i = 0; i < it->categories.n; i++) {
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int64(s, 2, (int64_t)i);
			bind_text(s, 3, it->categories.v[i]);
			if (step_done(in->st, s, in->err,
			    "storing categories") != 0)
				return -1;
		}
	}
	if (it->nenclosures > 0) {
		int64_t pos = 0;

		if ((s = stmt_get(in->st, ST_ENC_INSERT, in->err)) == NULL)
			return -1;
		for (size_t i = 0; i < it->nenclosures; i++) {
			const struct feed_enclosure *e = &it->enclosures[i];

			if (e->url == NULL)
				continue;
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int64(s, 2, pos++);
			bind_text(s, 3, e->url);
			bind_text(s, 4, e->type);
			sqlite3_bind_int64(s, 5, e->length > 0 ? e->length : 0);
			if (step_done(in->st, s, in->err,
			    "storing enclosures") != 0)
				return -1;
		}
	}
	return 0;
}

/* The three facet tables, in the order of enum facet_list. */
enum facet_list {
	FACET_LIST_TOPICS,
	FACET_LIST_COUNTRIES,
	FACET_LIST_REGIONS,
	FACET_LIST_COUNT
};

static const enum stmt_id facet_delete[FACET_LIST_COUNT] = {
	ST_TOPIC_DELETE, ST_COUNTRY_DELETE, ST_REGION_DELETE };
static const enum stmt_id facet_insert[FACET_LIST_COUNT] = {
	ST_TOPIC_INSERT, ST_COUNTRY_INSERT, ST_REGION_INSERT };

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

static void
tally_free(struct facet_tally *t)
{
	free(t->v);
	free(t->slot);
	strv_free(&t->names);
	memset(t, 0, sizeof *t);
}

/* Writes the summed changes; part of the caller's transaction. */
static int
tally_flush(struct store *st, struct facet_tally *t, char **err)
{
	sqlite3_stmt *s = stmt_get(st, ST_FACET_ADD, err);

	if (t->n > 0 && s == NULL)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		sqlite3_bind_int(s, 1, t->v[i].kind);
		bind_text(s, 2, t->v[i].key);
		sqlite3_bind_int64(s, 3, t->v[i].day);
		sqlite3_bind_int64(s, 4, t->v[i].total);
		sqlite3_bind_int64(s, 5, t->v[i].unread);
		if (step_done(st, s, err, "counting articles") != 0)
			return -1;
	}
	tally_free(t);
	return 0;
}

/* An existing article's share, for facet rows written after a change. */
static int
share_of(struct store *st, int64_t id, struct facet_share *sh, char **err)
{
	sqlite3_stmt *s = stmt_get(st, ST_ITEM_SHARE, err);
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
		db_fail(st, err, "counting articles");
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
	sqlite3_stmt *s;

	if (replace) {
		if ((s = stmt_get(st, facet_delete[which], err)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		if (step_done(st, s, err, "storing topics") != 0)
			return -1;
	}
	if (names->n == 0)
		return 0;
	if ((s = stmt_get(st, facet_insert[which], err)) == NULL)
		return -1;
	for (size_t i = 0; i < names->n; i++) {
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, names->v[i]);
		if (step_done(st, s, err, "storing topics") != 0)
			return -1;
		tally_add(tally, (int)which, names->v[i], share);
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
	struct facet_share share = { sort_time / DAY_SECONDS, 1, 1 };

	if (!in->classified)
		return 0;
	/* A changed article keeps its read and dismissed state. */
	if (replace && share_of(in->st, id, &share, in->err) != 0)
		return -1;
	for (int k = 0; k < FACET_LIST_COUNT; k++)
		if (write_facet_list(in->st, id, (enum facet_list)k, lists[k],
		    replace, &in->tally, &share, in->err) != 0)
			return -1;
	return 0;
}

static void
bind_item_fields(sqlite3_stmt *s, const struct feed_item *it, uint64_t hash)
{
	sqlite3_bind_int64(s, 3, it->published);
	sqlite3_bind_int64(s, 4, it->updated);
	sqlite3_bind_int64(s, 7, (int64_t)hash);
	bind_text(s, 8, it->guid);
	bind_text(s, 9, it->url);
	bind_text(s, 10, it->title);
	bind_text(s, 11, it->author);
	bind_text(s, 12, it->thumbnail);
	bind_text(s, 13, it->summary);
	bind_text(s, 14, it->content);
}

/*
 * A pruned article still in its feed: 1 when uid has a tombstone (which
 * is refreshed now and then so it outlives its article while the feed
 * still lists it), 0 when not, -1 on error.
 */
static int
tombstoned(struct ingest *in, const char *uid)
{
	sqlite3_stmt *s = stmt_get(in->st, ST_PRUNED_FIND, in->err);
	int64_t at;
	int r;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, in->feed_id);
	bind_text(s, 2, uid);
	r = sqlite3_step(s);
	if (r == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	if (r != SQLITE_ROW) {
		db_fail(in->st, in->err, "storing an article");
		sqlite3_reset(s);
		return -1;
	}
	at = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (at + TOMBSTONE_REFRESH < in->now) {
		if ((s = stmt_get(in->st, ST_PRUNED_TOUCH, in->err)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, in->feed_id);
		bind_text(s, 2, uid);
		sqlite3_bind_int64(s, 3, in->now);
		if (step_done(in->st, s, in->err, "storing an article") != 0)
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
	pe->hash = hash_item(it);
	pe->id = 0;
	if ((s = stmt_get(in->st, ST_ITEM_FIND, in->err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, in->feed_id);
	bind_text(s, 2, uid);
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
		db_fail(in->st, in->err, "looking up an article");
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
		if ((s = stmt_get(in->st, ST_ITEM_UPDATE, in->err)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		bind_item_fields(s, it, pe->hash);
		if (step_done(in->st, s, in->err, "updating an article") != 0 ||
		    write_lists(in, it, id, 1) != 0 ||
		    write_facets(in, it, id, 1, 0) != 0)
			return -1;
		in->stats->updated++;
		return 0;
	}
	sort_time = it->published != DATE_UNKNOWN &&
	    it->published <= in->now + DAY_SECONDS ? it->published : in->now;
	if ((s = stmt_get(in->st, ST_ITEM_INSERT, in->err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, in->feed_id);
	bind_text(s, 2, pe->uid);
	sqlite3_bind_int64(s, 5, in->now);
	sqlite3_bind_int64(s, 6, sort_time);
	bind_item_fields(s, it, pe->hash);
	if (step_done(in->st, s, in->err, "storing an article") != 0)
		return -1;
	id = sqlite3_last_insert_rowid(in->st->db);
	if (write_lists(in, it, id, 0) != 0 ||
	    write_fts(in, it, pt, id) != 0 ||
	    write_facets(in, it, id, 0, sort_time) != 0)
		return -1;
	in->stats->added++;
	return 0;
}

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
		size_t j = (size_t)hash_bytes(0, uids[i], strlen(uids[i])) &
		    (cap - 1);

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
	struct plain_pool pool;
	unsigned char *keep;
	int rc = -1, r;

	for (size_t i = 0; i < n; i++)
		uids[i] = item_uid(&doc->items[i], hbuf[i]);
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
			goto out_nopool;
		if (r > 0)
			np++;
	}
	/* Texts prepared ahead (store_prepare_doc) need no converting. */
	order = xcalloc(np ? np : 1, sizeof *order);
	for (size_t k = 0; k < np; k++)
		order[k] = pend[k].it;
	plain_start(&pool, order, doc->index_ready ? 0 : np);
	for (size_t k = 0; k < np; k++) {
		struct plain_text pt;

		if (doc->index_ready) {
			pt.summary = pend[k].it->index_summary;
			pt.content = pend[k].it->index_content;
			r = ingest_write(in, &pend[k], &pt);
		} else {
			pt = plain_take(&pool, k);
			r = ingest_write(in, &pend[k], &pt);
			free(pt.summary);
			free(pt.content);
		}
		if (r != 0)
			goto out;
	}
	rc = 0;
out:
	plain_finish(&pool);
out_nopool:
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
	sqlite3_stmt *s = stmt_get(in->st, ST_FEED_RECORD, in->err);
	int ttl = o->ttl_minutes;

	if (s == NULL)
		return -1;
	if (ttl <= 0 && doc != NULL)
		ttl = doc->ttl_minutes;
	sqlite3_bind_int64(s, 1, in->feed_id);
	sqlite3_bind_int(s, 2, o->http_status);
	bind_text(s, 3, o->error);
	sqlite3_bind_int64(s, 4, o->fetched_at);
	bind_text(s, 5, o->etag);
	bind_text(s, 6, o->last_modified);
	sqlite3_bind_int64(s, 7, o->next_due);
	sqlite3_bind_int(s, 8, o->fail_count);
	sqlite3_bind_int(s, 9, o->gone != 0);
	bind_text(s, 10, o->new_url);
	sqlite3_bind_int(s, 11, ttl);
	bind_text(s, 12, doc != NULL && nonempty(doc->title) ? doc->title :
	    NULL);
	bind_text(s, 13, doc != NULL && nonempty(doc->link) ? doc->link :
	    NULL);
	bind_text(s, 14, doc != NULL && nonempty(doc->self_link) ?
	    doc->self_link : NULL);
	bind_text(s, 15, doc != NULL && nonempty(doc->language) ?
	    doc->language : NULL);
	return step_done(in->st, s, in->err, "recording a fetch");
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

	if (tx_begin(st, &err) != 0)
		goto fail;
	r = feed_id_of(st, key, &in.feed_id, &err);
	if (r == 0)
		err = xasprintf("%s: no feed '%s' in the cache", st->path,
		    key);
	if (r <= 0)
		goto fail;
	if (record_outcome(&in, o, doc) != 0)
		goto fail;
	if (doc != NULL && ingest_doc(&in, doc) != 0)
		goto fail;
	if (tally_flush(st, &in.tally, &err) != 0)
		goto fail;
	if (tx_commit(st, &err) != 0)
		goto fail;
	if (stats != NULL)
		*stats = local;
	return 0;
fail:
	tally_free(&in.tally);
	tx_rollback(st);
	if (err == NULL)
		err = xasprintf("%s: storing feed '%s' failed", st->path, key);
	give_cause(cause, err);
	if (stats != NULL)
		memset(stats, 0, sizeof *stats);
	return -1;
}

/* ------------------------------------------------------------------ */
/* Articles                                                            */

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
tags_split(struct strv *tags, const char *joined)
{
	const char *p = joined;

	if (joined == NULL)
		return;
	for (;;) {
		const char *e = strchr(p, TAG_SEP);

		if (e == NULL) {
			strv_pushdup(tags, p);
			break;
		}
		strv_push(tags, xstrndup(p, (size_t)(e - p)));
		p = e + 1;
	}
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
	it->feed_key = col_dup(s, 1);
	it->feed_title = col_dup(s, 2);
	it->guid = col_dup(s, 3);
	it->url = col_dup(s, 4);
	it->title = col_dup(s, 5);
	it->author = col_dup(s, 6);
	it->published = sqlite3_column_int64(s, 7);
	it->updated = sqlite3_column_int64(s, 8);
	it->first_seen = sqlite3_column_int64(s, 9);
	it->thumbnail = col_dup(s, 10);
	it->read = sqlite3_column_int(s, 11);
	it->starred = sqlite3_column_int(s, 12);
	it->dismissed = sqlite3_column_int(s, 13);
	tags_split(&it->tags, (const char *)sqlite3_column_text(s, 14));
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
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		db_fail(st, err, "listing articles");
		free(sql);
		return -1;
	}
	free(sql);
	if ((i = sqlite3_bind_parameter_index(s, ":feed")) > 0)
		bind_text(s, i, o->feed_key);
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
		if (nv == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		item_from_row(s, &v[nv++]);
	}
	if (r != SQLITE_DONE) {
		db_fail(st, &err, "listing articles");
		goto fail;
	}
	sqlite3_finalize(s);
	*out = v;
	*n = nv;
	return 0;
fail:
	sqlite3_finalize(s);
	store_items_free(v, nv);
	give_cause(cause, err);
	return -1;
}

static char *
explain(struct store *st, sqlite3_stmt *s, char **cause)
{
	struct str plan = STR_INIT;
	char *err = NULL;
	int r;

	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		str_appendz(&plan, (const char *)sqlite3_column_text(s, 3));
		str_appendc(&plan, '\n');
	}
	if (r != SQLITE_DONE) {
		db_fail(st, &err, "explaining a query");
		str_free(&plan);
		give_cause(cause, err);
		return NULL;
	}
	return str_steal(&plan);
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
		give_cause(cause, err);
		return NULL;
	}
	plan = explain(st, s, cause);
	sqlite3_finalize(s);
	return plan;
}

char *
store_feed_list_plan(struct store *st, char **cause)
{
	sqlite3_stmt *s = NULL;
	char *err = NULL, *plan, *sql;

	sql = xasprintf("EXPLAIN QUERY PLAN %s", SQL_FEED_LIST);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		db_fail(st, &err, "explaining a query");
		free(sql);
		give_cause(cause, err);
		return NULL;
	}
	free(sql);
	plan = explain(st, s, cause);
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
		strv_push(&it->categories, col_dup(s, 0));
	if (r != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(s);
	s = NULL;

	if (sqlite3_prepare_v2(st->db, sql_enc, -1, &s, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(s, 1, it->id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_enclosure *e;

		if (it->nenclosures == cap) {
			cap = cap ? cap * 2 : 4;
			it->enclosures = xreallocarray(it->enclosures, cap,
			    sizeof *it->enclosures);
		}
		e = &it->enclosures[it->nenclosures++];
		e->url = col_dup(s, 0);
		e->type = col_dup(s, 1);
		e->length = sqlite3_column_int64(s, 2);
	}
	if (r != SQLITE_DONE)
		goto fail;
	rc = 0;
fail:
	if (rc != 0)
		db_fail(st, err, "reading an article");
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
		if (exec_sql(st, "BEGIN", &err, "reading an article") != 0)
			goto out;
		in_tx = 1;
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		db_fail(st, &err, "reading an article");
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	r = sqlite3_step(s);
	if (r == SQLITE_DONE) {
		rc = 0;
		goto out;
	}
	if (r != SQLITE_ROW) {
		db_fail(st, &err, "reading an article");
		goto out;
	}
	item_from_row(s, out);
	out->summary = col_dup(s, 15);
	out->content = col_dup(s, 16);
	out->fulltext = col_dup(s, 17);
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
		give_cause(cause, err);
	return rc;
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


/*
 * Runs the statements sql[0..n) in one IMMEDIATE transaction when the
 * article exists; each gets ?1 = the article id, and bind(s, i, arg) fills
 * the rest of statement i.  Returns 1 when the article exists, 0 when not,
 * -1 on error.
 */
static int
item_write(struct store *st, int64_t id, const char *const *sql, size_t n,
    const char *what, char **cause,
    void (*bind)(sqlite3_stmt *, size_t, const void *), const void *arg)
{
	sqlite3_stmt *s = NULL;
	char *err = NULL;
	int64_t exists = 0;
	int rc = -1;

	if (tx_begin(st, &err) != 0)
		goto out;
	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM items"
	    " WHERE id = ?1", -1, &s, NULL) != SQLITE_OK) {
		db_fail(st, &err, what);
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		db_fail(st, &err, what);
		goto out;
	}
	exists = sqlite3_column_int64(s, 0);
	for (size_t i = 0; exists && i < n; i++) {
		sqlite3_finalize(s);
		s = NULL;
		if (sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL) !=
		    SQLITE_OK) {
			db_fail(st, &err, what);
			goto out;
		}
		sqlite3_bind_int64(s, 1, id);
		if (bind != NULL)
			bind(s, i, arg);
		if (sqlite3_step(s) != SQLITE_DONE) {
			db_fail(st, &err, what);
			goto out;
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	if (tx_commit(st, &err) != 0)
		goto out;
	rc = exists ? 1 : 0;
out:
	sqlite3_finalize(s);
	if (rc < 0) {
		tx_rollback(st);
		give_cause(cause, err);
	}
	return rc;
}

static void
bind_flag(sqlite3_stmt *s, size_t i, const void *arg)
{
	(void)i;
	sqlite3_bind_int(s, 2, *(const int *)arg);
}

int
store_item_set_flag(struct store *st, int64_t id, enum store_flag flag,
    int value, char **cause)
{
	static const char *const sql[STORE_FLAG_COUNT] = {
		[STORE_FLAG_READ] = "UPDATE items SET read = ?2 WHERE id = ?1",
		[STORE_FLAG_STARRED] =
		    "UPDATE items SET starred = ?2 WHERE id = ?1",
		[STORE_FLAG_DISMISSED] =
		    "UPDATE items SET dismissed = ?2 WHERE id = ?1",
	};
	int v = value != 0;

	if ((unsigned)flag >= STORE_FLAG_COUNT) {
		give_cause(cause, xasprintf("unknown article flag %d",
		    (int)flag));
		return -1;
	}
	return item_write(st, id, &sql[flag], 1, "marking an article", cause,
	    bind_flag, &v);
}

/* arg: the HTML, then its plain text, for statements 0 and 1. */
static void
bind_pair(sqlite3_stmt *s, size_t i, const void *arg)
{
	const char *const *v = arg;

	bind_text(s, 2, v[i]);
}

int
store_item_set_fulltext(struct store *st, int64_t id, const char *html,
    char **cause)
{
	/* The index follows through the items_fts_update trigger. */
	static const char *const sql[] = {
		"UPDATE items SET fulltext = ?2 WHERE id = ?1",
	};
	const char *v[1];

	v[0] = html;
	return item_write(st, id, sql, 1, "saving article text", cause,
	    bind_pair, v);
}

/* ---- reclassification ---- */

/* Articles per transaction: a refresh waits at most one chunk. */
#define RECLASSIFY_CHUNK 2000

static void
split_names(struct strv *out, const unsigned char *joined)
{
	const char *p = (const char *)joined;

	if (p == NULL)
		return;
	for (;;) {
		const char *e = strchr(p, TAG_SEP);

		if (e == NULL) {
			strv_pushdup(out, p);
			break;
		}
		strv_push(out, xstrndup(p, (size_t)(e - p)));
		p = e + 1;
	}
}

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
	if (tx_begin(st, err) != 0)
		return -1;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		db_fail(st, err, "reclassifying");
		goto out;
	}
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
		split_names(&cats, sqlite3_column_text(s, 5));
		a.categories = (const char *const *)cats.v;
		a.ncategories = cats.n;
		for (int k = 0; k < FACET_LIST_COUNT; k++)
			split_names(lists_old[k], sqlite3_column_text(s, 6 + k));
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
		db_fail(st, err, "reclassifying");
		goto out;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (tally_flush(st, &tally, err) != 0 || tx_commit(st, err) != 0)
		goto out;
	rc = nread;
out:
	sqlite3_finalize(s);
	tally_free(&tally);
	strv_free(&cats);
	facets_clear(&now);
	facets_clear(&old);
	if (rc < 0)
		tx_rollback(st);
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
		give_cause(cause, err);
		return -1;
	}
	return 0;
}

/* ---- tags ---- */

struct cp_range {
	uint32_t lo, hi;
};

/*
 * Code points from U+0080 up that are not letters or digits for a tag:
 * controls, spaces, punctuation, symbols, invisible formatting, private
 * use and specials.  Sorted; anything not listed counts as a letter, so a
 * tag may be written in any script.
 */
static const struct cp_range tag_reject[] = {
	{ 0x0080, 0x00A9 },   /* C1, NBSP, ¡ ¢ £ ¤ ¥ ¦ § ¨ © */
	{ 0x00AB, 0x00B4 },   /* « ¬ SHY ® ¯ ° ± ² ³ ´ */
	{ 0x00B6, 0x00B9 },   /* ¶ · ¸ ¹ */
	{ 0x00BB, 0x00BF },   /* » ¼ ½ ¾ ¿ */
	{ 0x00D7, 0x00D7 },   /* × */
	{ 0x00F7, 0x00F7 },   /* ÷ */
	{ 0x037E, 0x037E },   /* Greek question mark */
	{ 0x0387, 0x0387 },   /* Greek ano teleia */
	{ 0x055A, 0x055F },   /* Armenian punctuation */
	{ 0x0589, 0x058A },
	{ 0x05BE, 0x05BE },   /* Hebrew punctuation */
	{ 0x05C0, 0x05C0 },
	{ 0x05C3, 0x05C3 },
	{ 0x05C6, 0x05C6 },
	{ 0x05F3, 0x05F4 },
	{ 0x0600, 0x060F },   /* Arabic signs and punctuation */
	{ 0x061B, 0x061F },
	{ 0x066A, 0x066D },
	{ 0x06D4, 0x06D4 },
	{ 0x06DD, 0x06DE },
	{ 0x0964, 0x0965 },   /* danda */
	{ 0x0E3F, 0x0E3F },   /* Thai baht */
	{ 0x0E4F, 0x0E4F },
	{ 0x0E5A, 0x0E5B },
	{ 0x10FB, 0x10FB },
	{ 0x1360, 0x1368 },   /* Ethiopic punctuation */
	{ 0x166D, 0x166E },
	{ 0x1680, 0x1680 },   /* Ogham space */
	{ 0x169B, 0x169C },
	{ 0x16EB, 0x16ED },
	{ 0x17D4, 0x17DB },   /* Khmer punctuation */
	{ 0x1800, 0x180F },   /* Mongolian punctuation, selectors */
	{ 0x2000, 0x206F },   /* spaces, dashes, quotes, bidi, invisible */
	{ 0x20A0, 0x20CF },   /* currency */
	{ 0x2190, 0x2BFF },   /* arrows, maths, boxes, shapes, dingbats */
	{ 0x2E00, 0x2E7F },   /* supplemental punctuation */
	{ 0x2FF0, 0x2FFF },   /* ideographic description */
	{ 0x3000, 0x3004 },   /* ideographic space, 、 。 */
	{ 0x3008, 0x3020 },   /* CJK brackets and marks */
	{ 0x3030, 0x3030 },
	{ 0x303D, 0x303F },
	{ 0x30A0, 0x30A0 },
	{ 0x30FB, 0x30FB },   /* katakana middle dot */
	{ 0xD800, 0xF8FF },   /* surrogates, private use */
	{ 0xFD3E, 0xFD3F },
	{ 0xFDD0, 0xFDEF },   /* noncharacters */
	{ 0xFE00, 0xFE1F },   /* variation selectors, vertical forms */
	{ 0xFE30, 0xFE6F },   /* CJK compatibility and small forms */
	{ 0xFEFF, 0xFEFF },   /* BOM */
	{ 0xFF01, 0xFF0F },   /* fullwidth punctuation */
	{ 0xFF1A, 0xFF20 },
	{ 0xFF3B, 0xFF40 },
	{ 0xFF5B, 0xFF65 },
	{ 0xFFE0, 0xFFFF },   /* fullwidth signs, specials, U+FFFD */
	{ 0x1F000, 0x1FAFF }, /* game symbols, emoji, pictographs */
	{ 0xE0000, 0xE0FFF }, /* tag characters, selectors */
	{ 0xF0000, 0x10FFFF },/* private use planes */
};

static int
cp_range_cmp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct cp_range *r = elem;

	return cp < r->lo ? -1 : cp > r->hi ? 1 : 0;
}

static int
tag_cp_ok(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || strchr("-_./:", (int)cp) !=
		    NULL;
	return bsearch(&cp, tag_reject, sizeof tag_reject /
	    sizeof tag_reject[0], sizeof tag_reject[0], cp_range_cmp) == NULL;
}

int
store_tag_name_valid(const char *name)
{
	size_t n, i = 0;

	if (name == NULL)
		return 0;
	n = strlen(name);
	if (n == 0 || n > TAG_MAX_BYTES || name[0] == '-')
		return 0;
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(name + i, n - i, &cp);

		/* cp 0 never occurs: strlen stopped there. */
		if (k < 0 || !tag_cp_ok(cp))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

static void
bind_tag(sqlite3_stmt *s, size_t i, const void *arg)
{
	(void)i;
	bind_text(s, 2, arg);
}

int
store_item_tag(struct store *st, int64_t id, const char *tag, int add,
    char **cause)
{
	static const char *const sql_add[] = {
		"INSERT INTO tags (name) VALUES (?2)"
		" ON CONFLICT (name) DO NOTHING",
		"INSERT OR IGNORE INTO item_tags (item_id, tag_id)"
		" SELECT ?1, id FROM tags WHERE name = ?2",
	};
	/* A tag no article carries any more is forgotten. */
	static const char *const sql_remove[] = {
		"DELETE FROM item_tags WHERE item_id = ?1"
		" AND tag_id = (SELECT id FROM tags WHERE name = ?2)",
		"DELETE FROM tags WHERE name = ?2 AND NOT EXISTS"
		" (SELECT 1 FROM item_tags it WHERE it.tag_id = tags.id)",
	};

	if (!store_tag_name_valid(tag)) {
		/* The name itself stays out: it may hold anything. */
		give_cause(cause, xstrdup("invalid tag name: use 1 to 64 "
		    "bytes of letters, digits and - _ . / : (not starting "
		    "with -)"));
		return -1;
	}
	return item_write(st, id, add ? sql_add : sql_remove, 2,
	    add ? "tagging an article" : "untagging an article", cause,
	    bind_tag, tag);
}

int
store_prune(struct store *st, int keep_days, int64_t now, size_t *removed,
    char **cause)
{
	/* ?1 cut-off, ?2 now */
#define PRUNABLE " FROM items WHERE first_seen < ?1 AND starred = 0" 	" AND NOT EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = items.id)"
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
	if (tx_begin(st, &err) != 0)
		goto out;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		if (sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL) !=
		    SQLITE_OK) {
			db_fail(st, &err, "pruning old articles");
			goto out;
		}
		sqlite3_bind_int64(s, 1, now - (int64_t)keep_days * DAY_SECONDS);
		sqlite3_bind_int64(s, 2, now);
		sqlite3_bind_int64(s, 3, now - TOMBSTONE_KEEP);
		if (sqlite3_step(s) != SQLITE_DONE) {
			db_fail(st, &err, "pruning old articles");
			goto out;
		}
		if (i == 1)
			gone = (size_t)sqlite3_changes(st->db);
		sqlite3_finalize(s);
		s = NULL;
	}
	if (tx_commit(st, &err) != 0)
		goto out;
	if (removed != NULL)
		*removed = gone;
	rc = 0;
out:
	sqlite3_finalize(s);
	if (rc != 0) {
		tx_rollback(st);
		give_cause(cause, err);
	}
	return rc;
}
