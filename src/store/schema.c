/*
 * store/schema.c: what the cache is made of and how a file gets there --
 * the tables, indexes and triggers of every schema version as one
 * migration step each (PRAGMA user_version), the SQL functions those
 * triggers call, and the full-text index's rebuild when the HTML-to-text
 * conversion that filled it changes (store_meta.fts_text).
 *
 * The cut: a new column, index or trigger is one new step here and
 * nothing else in this file changes; the steps are history and are never
 * edited once released.  The connection that runs them is open.c's.
 *
 * Each step runs in its own BEGIN IMMEDIATE transaction that also sets
 * PRAGMA user_version, after the existing cache passed a page scan
 * (check.c): a migration rewrites what it touches, and damage must not
 * spread into the new form.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "text.h"
#include "xalloc.h"

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
 * Version 7: an article dated ahead of the moment sitrep first saw it
 * sorts at that moment.  Up to a day ahead used to sort at its own date,
 * above everything else for as long as it was ahead (issue 11).  The
 * update triggers move its facet shares to the new day.
 */
static const char SCHEMA_V7[] =
	"UPDATE items SET sort_time = first_seen"
	" WHERE published > first_seen AND sort_time <> first_seen;";

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
	{ 7, SCHEMA_V7 },
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

int
store_schema_version(void)
{
	return migrations[NMIGRATIONS - 1].version;
}

int
store_migrate(struct store *st, int target, char **err)
{
	int64_t ver;

	if (store_query_int(st, "PRAGMA user_version", &ver, err) != 0)
		return -1;
	if (ver > target) {
		store_set_err(err, xasprintf("%s: the cache is at schema "
		    "%" PRId64 ", past the %d asked for", st->path, ver,
		    target));
		return -1;
	}
	/* An existing cache about to be rewritten: make sure it is sound. */
	if (ver > 0 && ver < target &&
	    store_check_pages(st, "PRAGMA quick_check", NULL, err) != 0)
		return -1;
	for (size_t i = 0; i < NMIGRATIONS; i++) {
		const struct migration *m = &migrations[i];
		char *tail;

		if (m->version > target)
			break;
		if (store_tx_begin(st, err) != 0)
			return -1;
		/* Another process may have migrated while we waited. */
		if (store_query_int(st, "PRAGMA user_version", &ver, err) != 0)
			goto fail;
		if (ver >= m->version) {
			store_tx_rollback(st);
			continue;
		}
		if (store_exec(st, m->sql, err, "upgrading the cache") != 0)
			goto fail;
		tail = xasprintf("PRAGMA application_id = %d;"
		    "PRAGMA user_version = %d", STORE_APPLICATION_ID,
		    m->version);
		if (store_exec(st, tail, err, "upgrading the cache") != 0) {
			free(tail);
			goto fail;
		}
		free(tail);
		if (store_tx_commit(st, err) != 0)
			goto fail;
	}
	return 0;
fail:
	store_tx_rollback(st);
	return -1;
}

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

int
store_register_functions(struct store *st, char **err)
{
	if (sqlite3_create_function_v2(st->db, "sitrep_plain", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    sql_plain, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(st->db, "sitrep_has_words", -1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    sql_has_words, NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(st, err, "setting up the cache");
		return -1;
	}
	return 0;
}

/*
 * Rebuilds the full-text index when it was built by another version of
 * text_from_html() (or not yet filled after the version 4 migration): a
 * contentless index must be told exactly what it holds to forget a row.
 */
/* The rebuild and its record, as one transaction. */
static int
fts_rebuild(struct store *st, char **err)
{
	char *sql;

	if (store_tx_begin(st, err) != 0)
		return -1;
	sql = xasprintf("%sUPDATE store_meta SET value = %d WHERE key = "
	    "'fts_text';", FTS_REBUILD, FTS_TEXT_VERSION);
	if (store_exec(st, sql, err, "rebuilding the full-text index") != 0) {
		free(sql);
		store_tx_rollback(st);
		return -1;
	}
	free(sql);
	return store_tx_commit(st, err);
}

int
store_fts_refresh(struct store *st, char **err)
{
	int64_t built;

	if (store_query_int(st, "SELECT value FROM store_meta"
	    " WHERE key = 'fts_text'", &built, err) != 0)
		return -1;
	if (built == FTS_TEXT_VERSION)
		return 0;
	return fts_rebuild(st, err);
}

int
store_fts_rebuild(struct store *st, char **err)
{
	return fts_rebuild(st, err);
}
