/*
 * store, writing and reading back (src/store/write.c, identity.c,
 * feeds.c, read.c): identities, updates that keep a person's marks, the
 * index's plain text, lists and filters, fetch outcomes, rollback of a
 * failed document, feed rows, retention, the query plans of a screenful,
 * and the shared fixtures' real feeds.
 */
#include <inttypes.h>

#include "test_store.h"

/* ---- ingest ---- */

/*
 * Issue 13: the parser now keeps items with a single field and makes up a
 * title for them (title_derived).  A made-up title is no identity: an item
 * keyed by its summary before keeps that key, and items with nothing but an
 * enclosure stay apart.
 */
static void
test_identity_derived(void **state)
{
	char *path = db_path("identity_derived");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_ingest_stats s;
	struct feed_item *it;
	sqlite3 *db = store_db(st);

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, NULL, NULL, NULL, DATE_UNKNOWN, "only text one");
	s = apply_ok(st, "k", T0, doc);
	assert_int_equal(s.added, 1);
	feed_doc_free(doc);

	doc = doc_new("Feed");
	it = doc_add(doc, NULL, NULL, "only text\xe2\x80\xa6", DATE_UNKNOWN,
	    "only text one");
	it->title_derived = 1;
	it = doc_add(doc, NULL, NULL, "https://a.example/1.mp3", T0, NULL);
	it->title_derived = 1;
	item_add_enclosure(it, "https://a.example/1.mp3", "audio/mpeg", 1);
	it = doc_add(doc, NULL, NULL, "https://a.example/2.mp3", T0, NULL);
	it->title_derived = 1;
	item_add_enclosure(it, "https://a.example/2.mp3", "audio/mpeg", 1);
	s = apply_ok(st, "k", T0 + 60, doc);
	assert_int_equal(s.added, 2);   /* the two enclosures */
	assert_int_equal(s.updated, 1); /* the summary's item, now titled */
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 3);
	feed_doc_free(doc);
	store_close(st);
	free(path);
}

static void
test_identity(void **state)
{
	char *path = db_path("identity");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_ingest_stats s;
	sqlite3 *db = store_db(st);
	int64_t changes;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	/* guid */
	doc_add(doc, "tag:x,2023:1", "http://example.org/a", "A", T0, "a");
	/* link only */
	doc_add(doc, NULL, "http://example.org/b", "B", T0, "b");
	/* neither: title + date; two titles are two articles */
	doc_add(doc, NULL, NULL, "Untitled link-less one", T0 - 60, "c");
	doc_add(doc, NULL, NULL, "Another link-less one", T0 - 60, "d");
	/* the same title and date again: the same article */
	doc_add(doc, NULL, NULL, "Untitled link-less one", T0 - 60, "c2");
	/* nothing but a summary: keyed by it, not collapsed with others */
	doc_add(doc, NULL, NULL, NULL, DATE_UNKNOWN, "only text one");
	doc_add(doc, NULL, NULL, NULL, DATE_UNKNOWN, "only text two");
	s = apply_ok(st, "k", T0, doc);
	assert_int_equal(s.added, 6);
	assert_int_equal(s.unchanged, 1); /* the duplicate */
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 6);
	/* Within one document the first occurrence wins. */
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items WHERE"
	    " content = 'c'"), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items WHERE"
	    " uid LIKE 'h:%'"), 5 - 1);
	/* Stored identities must never change between versions, or every
	 * such article would come back as new: pin one. */
	{
		char *uid = sql_text(db, "SELECT uid FROM items WHERE"
		    " title = 'Another link-less one'");

		assert_string_equal(uid, "h:acaad75044e0642f");
		free(uid);
	}

	/* The same document again writes only the feed's own row. */
	changes = sqlite3_total_changes(db);
	s = apply_ok(st, "k", T0 + 3600, doc);
	assert_int_equal(s.added, 0);
	assert_int_equal(s.updated, 0);
	assert_int_equal(s.unchanged, 7);
	assert_int_equal(sqlite3_total_changes(db) - changes, 1);
	feed_doc_free(doc);

	/* guid first: a new link under the same guid is the same article. */
	doc = doc_new("Feed");
	doc_add(doc, "tag:x,2023:1", "http://example.org/moved", "A", T0, "a");
	/* a guid equal to nothing stored makes a new one, link or not */
	doc_add(doc, "tag:x,2023:2", "http://example.org/b", "B", T0, "b");
	s = apply_ok(st, "k", T0 + 7200, doc);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.added, 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items WHERE"
	    " url = 'http://example.org/moved'"), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 7);
	feed_doc_free(doc);

	/* The same guid in another feed is another article. */
	sync_ok(st, "other", "http://example.net/feed");
	doc = doc_new("Other");
	doc_add(doc, "tag:x,2023:1", NULL, "A elsewhere", T0, "a");
	s = apply_ok(st, "other", T0, doc);
	assert_int_equal(s.added, 1);
	feed_doc_free(doc);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

static void
test_update_keeps_state(void **state)
{
	char *path = db_path("keep");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_ingest_stats s;
	struct store_item it;
	char *cause = NULL;
	int64_t id;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", "http://example.org/1", "First title", T0 - 600,
	    "<p>original alpha text</p>");
	doc_add(doc, "g2", "http://example.org/2", "Other", T0 - 1200, "o");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);

	id = item_id_by_guid(st, "g1");
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_READ, 1,
	    &cause), 1);
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_STARRED, 1,
	    &cause), 1);
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_DISMISSED, 1,
	    &cause), 1);
	assert_int_equal(store_item_tag(st, id, "brief", 1, &cause), 1);
	assert_int_equal(fts_count(st, "alpha"), 1);

	doc = doc_new("Feed");
	doc_add(doc, "g1", "http://example.org/1", "Second title", T0 - 600,
	    "<p>revised omega text</p>");
	doc_add(doc, "g2", "http://example.org/2", "Other", T0 - 1200, "o");
	s = apply_ok(st, "k", T0 + 86400, doc);
	feed_doc_free(doc);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.unchanged, 1);
	assert_int_equal(s.added, 0);

	assert_int_equal(item_id_by_guid(st, "g1"), id);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_string_equal(it.title, "Second title");
	assert_string_equal(it.content, "<p>revised omega text</p>");
	assert_int_equal(it.read, 1);
	assert_int_equal(it.starred, 1);
	assert_int_equal(it.dismissed, 1);
	assert_int_equal(it.tags.n, 1);
	assert_string_equal(it.tags.v[0], "brief");
	assert_int_equal(it.first_seen, T0);
	store_item_clear(&it);
	/* The index follows the new text and forgets the old. */
	assert_int_equal(fts_count(st, "alpha"), 0);
	assert_int_equal(fts_count(st, "omega"), 1);
	assert_int_equal(fts_count(st, "\"Second title\""), 1);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

static void
test_fts_plain_text(void **state)
{
	char *path = db_path("fts");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct feed_item *it;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	it = doc_add(doc, "g1", NULL, "Caf\xc3\xa9 culture", T0,
	    "<p>Hello <b>wor</b>ld &amp; <a href=\"http://zebra.example/\""
	    " title=\"giraffe\">link</a></p><script>var hidden;</script>");
	it->summary = xstrdup("<p>A short <i>summary</i> of it</p>");
	it = doc_add(doc, "g2", NULL, "東京で会議", T0, "<p>same</p>");
	it->summary = xstrdup("<p>same</p>");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);

	assert_int_equal(fts_count(st, "world"), 1);
	assert_int_equal(fts_count(st, "summary"), 1);
	/* Markup, attribute values and scripts are not text. */
	assert_int_equal(fts_count(st, "zebra"), 0);
	assert_int_equal(fts_count(st, "giraffe"), 0);
	assert_int_equal(fts_count(st, "hidden"), 0);
	assert_int_equal(fts_count(st, "href"), 0);
	/* remove_diacritics 2 */
	assert_int_equal(fts_count(st, "cafe"), 1);
	assert_int_equal(fts_count(st, "title:caf\xc3\xa9"), 1);
	assert_int_equal(fts_count(st, "same"), 1);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/*
 * The index keeps no text, so a change of text_from_html() would leave it
 * unable to forget rows; store_meta.fts_text says which one built it and
 * opening rebuilds a stale index.  Simulated here with a stale marker and
 * a stale term.
 */

static void
test_lists_round_trip(void **state)
{
	char *path = db_path("lists");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct feed_item *fi;
	struct store_item it, *v;
	char *cause = NULL;
	size_t n;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	fi = doc_add(doc, "ep1", "http://example.org/ep1", "Episode 1", T0,
	    "<p>show notes</p>");
	fi->author = xstrdup("Ann Author, Bob Writer");
	fi->thumbnail = xstrdup("http://example.org/ep1.jpg");
	fi->updated = T0 + 60;
	strv_pushdup(&fi->categories, "Zeta");
	strv_pushdup(&fi->categories, "alpha");
	strv_pushdup(&fi->categories, "Mid dle");
	item_add_enclosure(fi, "http://example.org/ep1.mp3", "audio/mpeg",
	    12345678);
	item_add_enclosure(fi, "http://example.org/ep1.ogg", NULL, 0);
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);

	assert_int_equal(store_item_get(st, item_id_by_guid(st, "ep1"), &it,
	    &cause), 1);
	assert_string_equal(it.feed_key, "k");
	assert_string_equal(it.feed_title, "Feed");
	assert_string_equal(it.guid, "ep1");
	assert_string_equal(it.url, "http://example.org/ep1");
	assert_string_equal(it.author, "Ann Author, Bob Writer");
	assert_string_equal(it.thumbnail, "http://example.org/ep1.jpg");
	assert_int_equal(it.published, T0);
	assert_int_equal(it.updated, T0 + 60);
	assert_int_equal(it.categories.n, 3);
	assert_string_equal(it.categories.v[0], "Zeta");
	assert_string_equal(it.categories.v[1], "alpha");
	assert_string_equal(it.categories.v[2], "Mid dle");
	assert_int_equal(it.nenclosures, 2);
	assert_string_equal(it.enclosures[0].url,
	    "http://example.org/ep1.mp3");
	assert_string_equal(it.enclosures[0].type, "audio/mpeg");
	assert_int_equal(it.enclosures[0].length, 12345678);
	assert_string_equal(it.enclosures[1].url,
	    "http://example.org/ep1.ogg");
	assert_null(it.enclosures[1].type);
	assert_int_equal(it.enclosures[1].length, 0);
	assert_null(it.summary);
	assert_string_equal(it.content, "<p>show notes</p>");
	store_item_clear(&it);

	/* List results leave out the heavy parts. */
	assert_int_equal(store_item_list(st, NULL, &v, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_null(v[0].content);
	assert_null(v[0].summary);
	assert_int_equal(v[0].categories.n, 0);
	assert_int_equal(v[0].nenclosures, 0);
	assert_string_equal(v[0].author, "Ann Author, Bob Writer");
	store_items_free(v, n);

	/* A changed enclosure list replaces the old one. */
	doc = doc_new("Feed");
	fi = doc_add(doc, "ep1", "http://example.org/ep1", "Episode 1", T0,
	    "<p>show notes</p>");
	strv_pushdup(&fi->categories, "alpha");
	item_add_enclosure(fi, "http://example.org/ep1-v2.mp3", "audio/mpeg",
	    99);
	apply_ok(st, "k", T0 + 60, doc);
	feed_doc_free(doc);
	assert_int_equal(store_item_get(st, item_id_by_guid(st, "ep1"), &it,
	    &cause), 1);
	assert_int_equal(it.categories.n, 1);
	assert_int_equal(it.nenclosures, 1);
	assert_int_equal(it.enclosures[0].length, 99);
	store_item_clear(&it);
	assert_int_equal(store_item_get(st, 999999, &it, &cause), 0);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/*
 * An item a few minutes ahead of the clock (a server's clock running fast)
 * sorts as the moment it was first seen: a story that arrives after it,
 * dated before it, is still listed above it (issue 11, item 11).
 */
static void
test_future_minutes_sort_as_now(void **state)
{
	char *path = db_path("future");
	struct store *st = open_ok(path);
	struct feed_doc *doc;
	struct store_item *v;
	char *cause = NULL;
	size_t n;

	(void)state;
	sync_ok(st, "a", "http://a.example/feed");
	doc = doc_new("Feed A");
	doc_add(doc, "ahead", NULL, "ahead", T0 + 600, "x");
	apply_ok(st, "a", T0, doc);
	feed_doc_free(doc);
	doc = doc_new("Feed A");
	doc_add(doc, "later", NULL, "later", T0 + 240, "x");
	doc_add(doc, "ahead", NULL, "ahead, edited", T0 + 600, "y");
	apply_ok(st, "a", T0 + 300, doc);
	feed_doc_free(doc);
	assert_int_equal(store_item_list(st, NULL, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].guid, "later");
	assert_string_equal(v[1].guid, "ahead");
	/* the date itself is kept: the reader says how far ahead it is */
	assert_int_equal(v[1].published, T0 + 600);
	store_items_free(v, n);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

static void
test_list_order_filters(void **state)
{
	char *path = db_path("order");
	struct store *st = open_ok(path);
	struct feed_doc *doc;
	struct store_list_opts o;
	struct store_item *v;
	char *cause = NULL;
	size_t n;

	(void)state;
	sync_ok(st, "a", "http://a.example/feed");
	sync_ok(st, "b", "http://b.example/feed");
	assert_int_equal(store_feed_sync(st, "b", "http://b.example/feed",
	    "Bee override", &cause), 0);
	doc = doc_new("Feed A");
	doc_add(doc, "a1", NULL, "a1", T0 - 3 * 3600, "x");
	doc_add(doc, "a2", NULL, "a2", T0 - 1 * 3600, "x");
	/* a date far in the future sorts as first seen (T0) */
	doc_add(doc, "a3", NULL, "a3", T0 + 30 * DAY, "x");
	/* no date: first seen */
	doc_add(doc, "a4", NULL, "a4", DATE_UNKNOWN, "x");
	apply_ok(st, "a", T0, doc);
	feed_doc_free(doc);
	doc = doc_new("Feed B");
	doc_add(doc, "b1", NULL, "b1", T0 - 2 * 3600, "x");
	doc_add(doc, "b2", NULL, "b2", T0 - 4 * 3600, "x");
	apply_ok(st, "b", T0, doc);
	feed_doc_free(doc);

	assert_int_equal(store_item_list(st, NULL, &v, &n, &cause), 0);
	assert_int_equal(n, 6);
	/* a3 and a4 share sort_time T0: the feed's own order (a3 first). */
	{
		static const char *const want[] = {
			"a3", "a4", "a2", "b1", "a1", "b2" };

		for (size_t i = 0; i < n; i++)
			assert_string_equal(v[i].guid, want[i]);
	}
	assert_string_equal(v[0].feed_title, "Feed A");
	assert_string_equal(v[3].feed_title, "Bee override");
	assert_string_equal(v[3].feed_key, "b");
	store_items_free(v, n);

	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "a2"),
	    STORE_FLAG_READ, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "b1"),
	    STORE_FLAG_DISMISSED, 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "a1"),
	    "zulu", 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "a1"),
	    "Alpha", 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "a1"),
	    "mike", 1, &cause), 1);

	memset(&o, 0, sizeof o);
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 5); /* b1 dismissed */
	assert_string_equal(v[3].guid, "a1");
	assert_int_equal(v[3].tags.n, 3);
	assert_string_equal(v[3].tags.v[0], "Alpha");
	assert_string_equal(v[3].tags.v[1], "mike");
	assert_string_equal(v[3].tags.v[2], "zulu");
	store_items_free(v, n);

	o.include_dismissed = 1;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 6);
	assert_int_equal(v[3].dismissed, 1);
	store_items_free(v, n);

	o.include_dismissed = 0;
	o.unread_only = 1;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].read, 0);
	store_items_free(v, n);

	o.unread_only = 0;
	o.feed_key = "b";
	o.include_dismissed = 1;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].guid, "b1");
	assert_string_equal(v[1].guid, "b2");
	store_items_free(v, n);

	o.feed_key = "a";
	o.limit = 2;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].guid, "a3");
	assert_string_equal(v[1].guid, "a4");
	store_items_free(v, n);

	o.feed_key = "nonesuch";
	o.limit = 0;
	assert_int_equal(store_item_list(st, &o, &v, &n, &cause), 0);
	assert_int_equal(n, 0);
	store_items_free(v, n);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- outcomes: 304, failures, validators ---- */

static void
test_outcomes(void **state)
{
	char *path = db_path("outcomes");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed title");
	struct store_fetch_outcome o;
	struct store_ingest_stats s;
	struct store_feed f;
	char *cause = NULL;
	sqlite3 *db = store_db(st);
	int64_t changes;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc->link = xstrdup("http://example.org/");
	doc->language = xstrdup("en-gb");
	doc->ttl_minutes = 45;
	doc_add(doc, "g1", NULL, "One", T0, "x");
	o = ok_outcome(T0);
	o.etag = "\"e1\"";
	o.last_modified = "Tue, 14 Nov 2023 22:13:20 GMT";
	assert_int_equal(store_feed_apply(st, "k", &o, doc, &s, &cause), 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_string_equal(f.title, "Feed title");
	assert_string_equal(f.site_url, "http://example.org/");
	assert_string_equal(f.etag, "\"e1\"");
	assert_int_equal(f.last_fetch, T0);
	assert_int_equal(f.last_success, T0);
	assert_int_equal(f.last_status, 200);
	assert_int_equal(f.next_due, T0 + 3600);
	assert_int_equal(f.ttl_minutes, 45);
	assert_null(f.last_error);
	assert_int_equal(f.items, 1);
	assert_int_equal(f.unread, 1);
	store_feed_clear(&f);
	/* the state a refresh plans with: the same row, nothing counted */
	assert_int_equal(store_feed_state(st, "k", &f, &cause), 1);
	assert_string_equal(f.etag, "\"e1\"");
	assert_int_equal(f.next_due, T0 + 3600);
	assert_int_equal(f.ttl_minutes, 45);
	assert_int_equal(f.items, 0);
	store_feed_clear(&f);
	assert_int_equal(store_feed_state(st, "nope", &f, &cause), 0);

	/* 304: validators and times move, no article is touched. */
	o = ok_outcome(T0 + 600);
	o.http_status = 304;
	o.not_modified = 1;
	o.etag = NULL; /* keeps "e1" */
	o.last_modified = "Wed, 15 Nov 2023 00:00:00 GMT";
	feed_doc_free(doc);
	doc = doc_new("Changed title that must not land");
	doc_add(doc, "g2", NULL, "Two", T0, "y");
	changes = sqlite3_total_changes(db);
	assert_int_equal(store_feed_apply(st, "k", &o, doc, &s, &cause), 0);
	assert_int_equal(sqlite3_total_changes(db) - changes, 1);
	assert_int_equal(s.added + s.updated + s.unchanged, 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_string_equal(f.etag, "\"e1\"");
	assert_string_equal(f.last_modified, "Wed, 15 Nov 2023 00:00:00 GMT");
	assert_int_equal(f.last_fetch, T0 + 600);
	assert_int_equal(f.last_success, T0 + 600);
	assert_int_equal(f.last_status, 304);
	assert_string_equal(f.title, "Feed title");
	assert_int_equal(f.items, 1);
	store_feed_clear(&f);
	feed_doc_free(doc);

	/* A failure keeps the articles and records why. */
	o = ok_outcome(T0 + 1200);
	o.http_status = 503;
	o.error = "HTTP 503 Service Unavailable";
	o.fail_count = 3;
	o.next_due = T0 + 5000;
	o.new_url = "http://example.org/new-feed";
	o.gone = 0;
	assert_int_equal(store_feed_apply(st, "k", &o, NULL, &s, &cause), 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_string_equal(f.last_error, "HTTP 503 Service Unavailable");
	assert_int_equal(f.fail_count, 3);
	assert_int_equal(f.last_status, 503);
	assert_int_equal(f.last_fetch, T0 + 1200);
	assert_int_equal(f.last_success, T0 + 600);
	assert_int_equal(f.next_due, T0 + 5000);
	assert_string_equal(f.new_url, "http://example.org/new-feed");
	assert_string_equal(f.etag, "\"e1\"");
	assert_int_equal(f.ttl_minutes, 45);
	assert_int_equal(f.items, 1);
	store_feed_clear(&f);

	/* 410 */
	o = ok_outcome(T0 + 1800);
	o.http_status = 410;
	o.error = "HTTP 410 Gone";
	o.gone = 1;
	o.fail_count = 4;
	assert_int_equal(store_feed_apply(st, "k", &o, NULL, &s, &cause), 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_int_equal(f.gone, 1);
	assert_null(f.new_url);
	store_feed_clear(&f);

	/* An unknown feed is an error and changes nothing. */
	changes = sqlite3_total_changes(db);
	assert_int_equal(store_feed_apply(st, "nope", &o, NULL, &s, &cause),
	    -1);
	assert_non_null(strstr(cause, "nope"));
	free(cause);
	cause = NULL;
	assert_int_equal(sqlite3_total_changes(db), changes);
	assert_int_equal(store_feed_get(st, "nope", &f, &cause), 0);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* A failure half-way through a document leaves everything as before. */
static void
test_apply_rolls_back(void **state)
{
	char *path = db_path("rollback");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_fetch_outcome o;
	struct store_feed f;
	char *cause = NULL;
	sqlite3 *db = store_db(st);

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", NULL, "One", T0, "x");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	/* Stands in for a disk that fills up in the middle. */
	sql_exec(db, "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.items"
	    " WHEN new.title = 'boom' BEGIN SELECT RAISE(ABORT, 'disk full');"
	    " END;");

	doc = doc_new("New title");
	doc_add(doc, "g0", NULL, "boom", T0, "fails");  /* stored last */
	doc_add(doc, "g1", NULL, "One, edited", T0, "changed");
	doc_add(doc, "g2", NULL, "Two", T0, "new");
	o = ok_outcome(T0 + 600);
	o.etag = "\"new\"";
	assert_int_equal(store_feed_apply(st, "k", &o, doc, NULL, &cause), -1);
	assert_non_null(strstr(cause, "disk full"));
	free(cause);
	cause = NULL;
	feed_doc_free(doc);

	/* The same with a long document (texts converted ahead on a helper
	 * thread that must be stopped half-way). */
	doc = synthetic_doc("long", 400, T0, 300);
	free(doc->items[200].title);
	doc->items[200].title = xstrdup("boom");
	assert_int_equal(store_feed_apply(st, "k", &o, doc, NULL, &cause), -1);
	free(cause);
	cause = NULL;
	feed_doc_free(doc);

	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items WHERE"
	    " title = 'One'"), 1);
	assert_int_equal(fts_count(st, "changed"), 0);
	assert_int_equal(fts_count(st, "treaty"), 0);
	assert_int_equal(store_feed_get(st, "k", &f, &cause), 1);
	assert_int_equal(f.last_fetch, T0);
	assert_null(f.etag);
	assert_string_equal(f.title, "Feed");
	store_feed_clear(&f);
	sql_exec(db, "DROP TRIGGER temp.boom");
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- feeds ---- */

static void
test_feed_sync(void **state)
{
	char *path = db_path("sync");
	struct store *st = open_ok(path);
	struct store_fetch_outcome o;
	struct store_feed f, *v;
	struct feed_doc *doc;
	char *cause = NULL;
	sqlite3 *db = store_db(st);
	int64_t changes;
	size_t n;

	(void)state;
	assert_int_equal(store_feed_sync(st, "zed", "http://z.example/feed",
	    "Zed", &cause), 0);
	sync_ok(st, "abc", "http://a.example/feed");
	changes = sqlite3_total_changes(db);
	assert_int_equal(store_feed_sync(st, "zed", "http://z.example/feed",
	    "Zed", &cause), 0);
	sync_ok(st, "abc", "http://a.example/feed");
	assert_int_equal(sqlite3_total_changes(db), changes);

	/* Validators and an error from earlier fetches... */
	o = ok_outcome(T0);
	o.etag = "\"v\"";
	o.last_modified = "lm";
	o.error = "timed out";
	o.fail_count = 2;
	o.gone = 1;
	o.new_url = "http://z.example/moved";
	o.next_due = T0 + 9999;
	assert_int_equal(store_feed_apply(st, "zed", &o, NULL, NULL, &cause),
	    0);
	/* ...survive a title change... */
	assert_int_equal(store_feed_sync(st, "zed", "http://z.example/feed",
	    NULL, &cause), 0);
	assert_int_equal(store_feed_get(st, "zed", &f, &cause), 1);
	assert_string_equal(f.etag, "\"v\"");
	assert_string_equal(f.title, "zed"); /* no title at all yet: the key */
	store_feed_clear(&f);
	/* ...and go with a new URL. */
	assert_int_equal(store_feed_sync(st, "zed", "http://z.example/new",
	    "Zed", &cause), 0);
	assert_int_equal(store_feed_get(st, "zed", &f, &cause), 1);
	assert_string_equal(f.url, "http://z.example/new");
	assert_string_equal(f.title, "Zed");
	assert_null(f.etag);
	assert_null(f.last_modified);
	assert_null(f.last_error);
	assert_null(f.new_url);
	assert_int_equal(f.gone, 0);
	assert_int_equal(f.fail_count, 0);
	assert_int_equal(f.next_due, 0);
	assert_int_equal(f.last_fetch, T0);
	store_feed_clear(&f);

	doc = doc_new("Abc");
	doc_add(doc, "1", NULL, "1", T0, "x");
	doc_add(doc, "2", NULL, "2", T0, "x");
	doc_add(doc, "3", NULL, "3", T0, "x");
	apply_ok(st, "abc", T0, doc);
	feed_doc_free(doc);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "1"),
	    STORE_FLAG_READ, 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "2"),
	    STORE_FLAG_DISMISSED, 1, &cause), 1);

	assert_int_equal(store_feed_list(st, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].key, "abc");
	assert_string_equal(v[0].title, "Abc");
	assert_int_equal(v[0].items, 3);
	assert_int_equal(v[0].unread, 1);
	assert_string_equal(v[1].key, "zed");
	assert_int_equal(v[1].items, 0);
	assert_int_equal(v[1].unread, 0);
	store_feeds_free(v, n);
	assert_int_equal(store_feed_sync(st, NULL, "x", NULL, &cause), -1);
	free(cause);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* Not in the API, but a tool may do it: cascades and the index follow. */
static void
test_feed_delete_cascades(void **state)
{
	char *path = db_path("cascade");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct feed_item *fi;
	sqlite3 *db = store_db(st);
	char *cause = NULL;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	sync_ok(st, "keep", "http://example.net/feed");
	fi = doc_add(doc, "g1", NULL, "Doomed", T0, "<p>perishable</p>");
	strv_pushdup(&fi->categories, "c");
	item_add_enclosure(fi, "http://example.org/e", NULL, 1);
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	doc = doc_new("Other");
	doc_add(doc, "g1", NULL, "Kept", T0, "<p>durable</p>");
	apply_ok(st, "keep", T0, doc);
	feed_doc_free(doc);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "g1"), "t", 1,
	    &cause), 1);

	sql_exec(db, "DELETE FROM feeds WHERE key = 'k'");
	assert_int_equal(sql_int(db, "SELECT count(*) FROM items"), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM item_categories"),
	    0);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM enclosures"), 0);
	assert_int_equal(fts_count(st, "perishable"), 0);
	assert_int_equal(fts_count(st, "durable"), 1);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- retention ---- */

static void
test_prune(void **state)
{
	char *path = db_path("prune");
	struct store *st = open_ok(path);
	struct feed_doc *old = doc_new("Feed"), *fresh;
	struct store_ingest_stats s;
	sqlite3 *db = store_db(st);
	char *cause = NULL;
	size_t removed = 99;
	int64_t now = T0 + 40 * DAY;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(old, "o1", NULL, "Old plain", T0, "<p>obsolete</p>");
	doc_add(old, "o2", NULL, "Old starred", T0, "<p>cherished</p>");
	doc_add(old, "o3", NULL, "Old tagged", T0, "<p>labelled</p>");
	doc_add(old, "o4", NULL, "Old read", T0, "<p>finished</p>");
	apply_ok(st, "k", T0, old);
	fresh = doc_new("Feed");
	doc_add(fresh, "n1", NULL, "New", now - DAY, "<p>current</p>");
	apply_ok(st, "k", now - DAY, fresh);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "o2"),
	    STORE_FLAG_STARRED, 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "o3"),
	    "keep", 1, &cause), 1);
	assert_int_equal(store_item_set_flag(st, item_id_by_guid(st, "o4"),
	    STORE_FLAG_READ, 1, &cause), 1);

	assert_int_equal(store_prune(st, 0, now, &removed, &cause), 0);
	assert_int_equal(removed, 0);
	assert_int_equal(store_prune(st, 60, now, &removed, &cause), 0);
	assert_int_equal(removed, 0);
	assert_int_equal(store_prune(st, 30, now, &removed, &cause), 0);
	assert_int_equal(removed, 2);
	assert_int_equal(item_id_by_guid(st, "o1"), 0);
	assert_int_equal(item_id_by_guid(st, "o4"), 0);
	assert_true(item_id_by_guid(st, "o2") > 0);
	assert_true(item_id_by_guid(st, "o3") > 0);
	assert_true(item_id_by_guid(st, "n1") > 0);
	assert_int_equal(fts_count(st, "obsolete"), 0);
	assert_int_equal(fts_count(st, "finished"), 0);
	assert_int_equal(fts_count(st, "cherished"), 1);
	assert_int_equal(fts_count(st, "labelled"), 1);
	/* The index is contentless: its rows are read from the term list. */
	sql_exec(db, "CREATE VIRTUAL TABLE temp.v USING"
	    " fts5vocab(main, items_fts, 'instance')");
	assert_int_equal(sql_int(db, "SELECT count(DISTINCT doc) FROM temp.v"),
	    3);
	check_ok(st);

	/* Still in the feed: not back as new and unread. */
	s = apply_ok(st, "k", now, old);
	assert_int_equal(s.added, 0);
	assert_int_equal(item_id_by_guid(st, "o1"), 0);
	/* Long gone from the feed: forgotten, and welcome back. */
	assert_int_equal(store_prune(st, 30, now + 200 * DAY, &removed,
	    &cause), 0);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM pruned WHERE"
	    " uid IN ('o1', 'o4')"), 0);
	s = apply_ok(st, "k", now + 200 * DAY, old);
	assert_int_equal(s.added, 2);
	feed_doc_free(old);
	feed_doc_free(fresh);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- query plans: a screenful from 100k articles walks an index ---- */

static void
assert_plan(const char *plan, const char *want, const char *what)
{
	if (strstr(plan, "TEMP B-TREE") != NULL)
		fail_msg("%s sorts instead of walking an index:\n%s", what, plan);
	if (want != NULL && strstr(plan, want) == NULL)
		fail_msg("%s: want '%s' in:\n%s", what, want, plan);
}

/* The partial index, or the wide one that holds read and dismissed too. */
static const char *
either(const char *plan, const char *partial, const char *wide)
{
	return strstr(plan, partial) != NULL ? partial : wide;
}

static void
test_query_plans(void **state)
{
	char *path = db_path("plans");
	struct store *st = open_ok(path);
	struct store_list_opts o;
	char *plan, *cause = NULL;
	char key[16];

	(void)state;
	for (int f = 0; f < 20; f++) {
		struct feed_doc *d;

		snprintf(key, sizeof key, "feed%02d", f);
		sync_ok(st, key, "http://example.org/feed");
		d = synthetic_doc(key, 100, T0, 60);
		apply_ok(st, key, T0, d);
		feed_doc_free(d);
	}
	for (int analyzed = 0; analyzed < 2; analyzed++) {
		memset(&o, 0, sizeof o);
		o.limit = 50;
		plan = store_item_list_plan(st, &o, &cause);
		assert_non_null(plan);
		assert_plan(plan, "items_sort", "newest first");
		free(plan);
		o.unread_only = 1;
		plan = store_item_list_plan(st, &o, &cause);
		/* items_sort carries read and dismissed (schema version 3) */
		assert_plan(plan, either(plan, "items_unread_sort",
		    "items_sort"), "unread newest first");
		free(plan);
		o.feed_key = "feed07";
		plan = store_item_list_plan(st, &o, &cause);
		assert_plan(plan, either(plan, "items_unread_feed",
		    "items_feed_sort"), "a feed's unread");
		free(plan);
		o.unread_only = 0;
		plan = store_item_list_plan(st, &o, &cause);
		assert_plan(plan, "items_feed_sort", "a feed newest first");
		free(plan);
		o.include_dismissed = 1;
		plan = store_item_list_plan(st, &o, &cause);
		assert_plan(plan, "items_feed_sort", "a feed with dismissed");
		free(plan);
		plan = store_feed_list_plan(st, &cause);
		assert_non_null(plan);
		assert_plan(plan, either(plan, "items_unread_feed",
		    "COVERING INDEX items_feed_sort"), "unread counts");
		/* counting walks an index, never the table */
		if (strstr(plan, "SCAN i\n") != NULL)
			fail_msg("counts scan the table:\n%s", plan);
		free(plan);
		sql_exec(store_db(st), "ANALYZE");
	}
	store_close(st);
	unlink_db(path);
	free(path);
}

/* ---- real feeds: the shared fixtures, when present ---- */

static void
ingest_fixture_dir(struct store *st, const char *dir, size_t *nfeeds)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		struct store_ingest_stats s1, s2;
		struct feed_doc *doc;
		char *path, *bytes, *cause = NULL, *key;
		size_t n;

		if (strstr(e->d_name, ".xml") == NULL)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		bytes = slurp(path, &n);
		doc = feed_parse(bytes, n, NULL, &cause);
		free(bytes);
		free(cause);
		cause = NULL;
		if (doc == NULL) { /* the parser's business, not ours */
			free(path);
			continue;
		}
		key = xstrdup(e->d_name);
		sync_ok(st, key, "http://fixture.example/feed");
		s1 = apply_ok(st, key, T0, doc);
		assert_int_equal(s1.added + s1.unchanged, doc->nitems);
		/* The same document again: nothing to write. */
		s2 = apply_ok(st, key, T0 + 3600, doc);
		if (s2.added != 0 || s2.updated != 0)
			fail_msg("%s: second pass added %zu updated %zu", path,
			    s2.added, s2.updated);
		assert_int_equal(s2.unchanged, doc->nitems);
		if (doc->nitems > 0) {
			struct store_list_opts o;
			struct store_item *v, it;

			memset(&o, 0, sizeof o);
			o.feed_key = key;
			o.limit = 1;
			assert_int_equal(store_item_list(st, &o, &v, &n, &cause),
			    0);
			assert_int_equal(n, 1);
			assert_int_equal(store_item_get(st, v[0].id, &it,
			    &cause), 1);
			store_item_clear(&it);
			store_items_free(v, n);
		}
		feed_doc_free(doc);
		free(key);
		free(path);
		(*nfeeds)++;
	}
	closedir(d);
}

static void
test_shared_fixtures(void **state)
{
	static const char *const dirs[] = {
		"atom", "rdf-rss1", "geopolitical", "security", "other-news",
		"encodings",
	};
	const char *top = getenv("SITREP_SHARED_FIXTURES");
	char *path;
	struct store *st;
	size_t nfeeds = 0;

	(void)state;
	if (top == NULL || *top == '\0')
		skip();
	path = db_path("fixtures");
	st = open_ok(path);
	for (size_t i = 0; i < NELEM(dirs); i++) {
		char *dir = xasprintf("%s/feeds/%s", top, dirs[i]);

		ingest_fixture_dir(st, dir, &nfeeds);
		free(dir);
	}
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
	if (nfeeds == 0)
		skip();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_identity_derived),
		cmocka_unit_test(test_update_keeps_state),
		cmocka_unit_test(test_fts_plain_text),
		cmocka_unit_test(test_lists_round_trip),
		cmocka_unit_test(test_list_order_filters),
		cmocka_unit_test(test_future_minutes_sort_as_now),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_apply_rolls_back),
		cmocka_unit_test(test_feed_sync),
		cmocka_unit_test(test_feed_delete_cascades),
		cmocka_unit_test(test_prune),
		cmocka_unit_test(test_query_plans),
		cmocka_unit_test(test_shared_fixtures),
	};

	return cmocka_run_group_tests(tests, setup_scratch,
	    teardown_scratch);
}
