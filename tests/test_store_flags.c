/*
 * store, a person's marks (src/store/flags.c): tag names, read, starred,
 * dismissed and tags, and the extracted full text.
 */

#include "test_store.h"

/* ---- flags, tags ---- */

struct tag_case {
	const char *name;
	int valid;
};

static const struct tag_case tag_cases[] = {
	{ "brief", 1 },
	{ "東京", 1 },
	{ "apt-28", 1 },
	{ "q3/2024", 1 },
	{ "a_b.c:d", 1 },
	{ "Ελλάδα", 1 },
	{ "café", 1 },
	{ "кибер", 1 },
	{ "x-", 1 },
	{ "_lead", 1 },
	{ "", 0 },
	{ "-x", 0 },
	{ "a b", 0 },
	{ "a;b", 0 },
	{ "a,b", 0 },
	{ "a\tb", 0 },
	{ "a\nb", 0 },
	{ "\x1b[31m", 0 },
	{ "a\x7f", 0 },
	{ "a\xc2\x9b" "b", 0 },        /* C1 CSI */
	{ "a\xc2\xa0" "b", 0 },        /* NBSP */
	{ "a\xe2\x80\xae" "b", 0 },    /* RLO */
	{ "a\xe2\x80\x8b" "b", 0 },    /* zero width space */
	{ "\xe3\x80\x80", 0 },         /* ideographic space */
	{ "a\xe3\x80\x82", 0 },        /* ideographic full stop */
	{ "a\xef\xbf\xbd", 0 },        /* U+FFFD */
	{ "\xf0\x9f\x94\xa5", 0 },     /* emoji */
	{ "a\xff", 0 },                /* invalid UTF-8 */
	{ "\xc0\xaf", 0 },             /* overlong */
	{ "a\"b", 0 },
	{ "a'b", 0 },
	{ "a\\b", 0 },
	{ "#x", 0 },
};

static void
test_tag_name_valid(void **state)
{
	char name[80];

	(void)state;
	for (size_t i = 0; i < NELEM(tag_cases); i++)
		if (store_tag_name_valid(tag_cases[i].name) !=
		    tag_cases[i].valid)
			fail_msg("tag case %zu '%s': want %d", i,
			    tag_cases[i].name, tag_cases[i].valid);
	assert_int_equal(store_tag_name_valid(NULL), 0);
	memset(name, 'a', sizeof name);
	name[64] = '\0';
	assert_int_equal(store_tag_name_valid(name), 1);
	name[64] = 'a';
	name[65] = '\0';
	assert_int_equal(store_tag_name_valid(name), 0);
	/* 64 bytes of 3-byte letters is 21 letters and 1 byte too many */
	{
		struct str s = STR_INIT;

		for (int k = 0; k < 21; k++)
			str_appendz(&s, "東");
		assert_int_equal(store_tag_name_valid(s.p), 1);
		str_appendz(&s, "x");
		assert_int_equal(store_tag_name_valid(s.p), 1);
		str_appendz(&s, "y");
		assert_int_equal(store_tag_name_valid(s.p), 0);
		str_free(&s);
	}
}

static void
test_flags_and_tags(void **state)
{
	char *path = db_path("tags");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_item it;
	char *cause = NULL;
	sqlite3 *db = store_db(st);
	int64_t id;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", NULL, "One", T0, "x");
	doc_add(doc, "g2", NULL, "Two", T0, "x");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	id = item_id_by_guid(st, "g1");

	assert_int_equal(store_item_set_flag(st, 424242, STORE_FLAG_READ, 1,
	    &cause), 0);
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_COUNT, 1,
	    &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_STARRED, 7,
	    &cause), 1);
	assert_int_equal(sql_int(db, "SELECT starred FROM items WHERE"
	    " guid = 'g1'"), 1);
	assert_int_equal(store_item_set_flag(st, id, STORE_FLAG_STARRED, 0,
	    &cause), 1);
	assert_int_equal(sql_int(db, "SELECT starred FROM items WHERE"
	    " guid = 'g1'"), 0);

	assert_int_equal(store_item_tag(st, 424242, "x", 1, &cause), 0);
	assert_int_equal(store_item_tag(st, id, "a b", 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(store_item_tag(st, id, "東京", 1, &cause), 1);
	assert_int_equal(store_item_tag(st, id, "apt-28", 1, &cause), 1);
	/* Twice, and in other case: one tag. */
	assert_int_equal(store_item_tag(st, id, "APT-28", 1, &cause), 1);
	assert_int_equal(store_item_tag(st, item_id_by_guid(st, "g2"),
	    "apt-28", 1, &cause), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM tags"), 2);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_int_equal(it.tags.n, 2);
	assert_string_equal(it.tags.v[0], "apt-28");
	assert_string_equal(it.tags.v[1], "東京");
	store_item_clear(&it);

	assert_int_equal(store_item_tag(st, id, "東京", 0, &cause), 1);
	assert_int_equal(store_item_tag(st, id, "never-there", 0, &cause), 1);
	/* The last use of a tag gone: the name goes too. */
	assert_int_equal(sql_int(db, "SELECT count(*) FROM tags"), 1);
	assert_int_equal(store_item_tag(st, id, "apt-28", 0, &cause), 1);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM tags"), 1);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_int_equal(it.tags.n, 0);
	store_item_clear(&it);
	store_close(st);
	unlink_db(path);
	free(path);
}

static void
test_fulltext(void **state)
{
	char *path = db_path("fulltext");
	struct store *st = open_ok(path);
	struct feed_doc *doc = doc_new("Feed");
	struct store_item it;
	char *cause = NULL;
	int64_t id;

	(void)state;
	sync_ok(st, "k", "http://example.org/feed");
	doc_add(doc, "g1", NULL, "Teaser", T0, "<p>short teaser</p>");
	apply_ok(st, "k", T0, doc);
	feed_doc_free(doc);
	id = item_id_by_guid(st, "g1");
	assert_int_equal(store_item_set_fulltext(st, 99999, "<p>x</p>",
	    &cause), 0);
	assert_int_equal(store_item_set_fulltext(st, id,
	    "<article><h1>Teaser</h1><p>The whole <b>kaleidoscope</b>.</p>"
	    "</article>", &cause), 1);
	assert_int_equal(fts_count(st, "kaleidoscope"), 1);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_non_null(strstr(it.fulltext, "kaleidoscope"));
	store_item_clear(&it);

	/* A feed update keeps the extracted text and its index entry. */
	doc = doc_new("Feed");
	doc_add(doc, "g1", NULL, "Teaser", T0, "<p>longer teaser now</p>");
	assert_int_equal(apply_ok(st, "k", T0 + 60, doc).updated, 1);
	feed_doc_free(doc);
	assert_int_equal(fts_count(st, "kaleidoscope"), 1);
	assert_int_equal(fts_count(st, "longer"), 1);
	assert_int_equal(store_item_set_fulltext(st, id, NULL, &cause), 1);
	assert_int_equal(fts_count(st, "kaleidoscope"), 0);
	assert_int_equal(store_item_get(st, id, &it, &cause), 1);
	assert_null(it.fulltext);
	store_item_clear(&it);
	check_ok(st);
	store_close(st);
	unlink_db(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag_name_valid),
		cmocka_unit_test(test_flags_and_tags),
		cmocka_unit_test(test_fulltext),
	};

	return cmocka_run_group_tests(tests, setup_scratch,
	    teardown_scratch);
}
