/*
 * ingest: what classification files an article under, as a user sees it in
 * the sidebar and in country:/region: queries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "feed.h"
#include "ingest.h"
#include "store.h"
#include "xalloc.h"

static struct feed_doc *
one_item(const char *title, const char *summary)
{
	struct feed_doc *doc = xcalloc(1, sizeof *doc);

	doc->items = xcalloc(1, sizeof *doc->items);
	doc->nitems = 1;
	doc->items[0].title = xstrdup(title);
	doc->items[0].summary = xstrdup(summary);
	return doc;
}

/* A list of a dozen capitals files the article under the ones it is about. */
static void
test_country_cap(void **state)
{
	struct feed_doc *doc = one_item("Japan tightens export controls",
	    "Tokyo said the rules follow talks with officials from Germany, "
	    "France, Italy, Spain, Poland, Brazil, Mexico, Canada, Kenya, "
	    "Egypt and Turkey; Japanese firms have until March. Japan's "
	    "trade ministry named China as the main concern, and China "
	    "objected.");
	struct feed_item *it = &doc->items[0];

	(void)state;
	ingest_classify_doc(NULL, "wire", doc);
	assert_int_equal(it->countries.n, 8);
	assert_true(strv_contains(&it->countries, "JP", 0));
	assert_true(strv_contains(&it->countries, "CN", 0));
	/* the tail of the list is cut, the earliest kept */
	assert_true(strv_contains(&it->countries, "DE", 0));
	assert_false(strv_contains(&it->countries, "TR", 0));
	/* sorted */
	for (size_t i = 1; i < it->countries.n; i++)
		assert_true(strcmp(it->countries.v[i - 1],
		    it->countries.v[i]) < 0);
	feed_doc_free(doc);
}

/* Parts of the world come from the countries; groupings only when named. */
static void
test_regions_of_countries(void **state)
{
	struct feed_doc *doc = one_item("Germany and Japan sign a pact",
	    "Berlin and Tokyo agreed to share satellite data.");
	struct feed_doc *named = one_item("NATO ministers meet",
	    "Alliance ministers met in Brussels.");
	struct feed_item *it = &doc->items[0];

	(void)state;
	ingest_classify_doc(NULL, "wire", doc);
	assert_true(strv_contains(&it->regions, "east-asia", 0));
	assert_true(strv_contains(&it->regions, "europe", 0));
	assert_false(strv_contains(&it->regions, "nato", 0));
	assert_false(strv_contains(&it->regions, "g7", 0));
	assert_false(strv_contains(&it->regions, "european-union", 0));
	ingest_classify_doc(NULL, "wire", named);
	assert_true(strv_contains(&named->items[0].regions, "nato", 0));
	feed_doc_free(doc);
	feed_doc_free(named);
}

static struct feed_doc *
four_items(void)
{
	/* summary and content name different places on purpose */
	static const char *const summary[] = {
		"<p>Talks in <b>Tokyo</b> &amp; Seoul on export rules.</p>",
		"<p>Officials in Nairobi met.</p>",
		"<p>Kyiv &#8212; drones over the city.</p>",
		NULL,
	};
	static const char *const content[] = {
		NULL,
		"<p>Officials in Nairobi met.</p>",
		"<p>Berlin and Paris answered the next day.</p>",
		"<div><p>Brazil&#39;s central bank in Bras&iacute;lia said"
		" so.</p></div>",
	};
	struct feed_doc *doc = xcalloc(1, sizeof *doc);

	doc->items = xcalloc(4, sizeof *doc->items);
	doc->nitems = 4;
	for (size_t i = 0; i < 4; i++) {
		doc->items[i].title = xstrdup("Ministers meet");
		doc->items[i].summary = summary[i] ? xstrdup(summary[i]) : NULL;
		doc->items[i].content = content[i] ? xstrdup(content[i]) : NULL;
	}
	return doc;
}

static void
assert_same_strv(const struct strv *a, const struct strv *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		assert_string_equal(a->v[i], b->v[i]);
}

/*
 * A refresh converts each summary to text once, for the index, and
 * classification reuses it: an article is filed exactly as when its
 * summary is converted for classification alone, and by its summary, not
 * by its content, when the two differ.
 */
static void
test_prepared_text_files_the_same(void **state)
{
	struct feed_doc *alone = four_items(), *prepared = four_items();

	(void)state;
	ingest_classify_doc(NULL, "wire", alone);
	store_prepare_doc(prepared);
	assert_true(prepared->index_ready);
	ingest_classify_doc(NULL, "wire", prepared);
	for (size_t i = 0; i < 4; i++) {
		assert_same_strv(&alone->items[i].countries,
		    &prepared->items[i].countries);
		assert_same_strv(&alone->items[i].regions,
		    &prepared->items[i].regions);
		assert_same_strv(&alone->items[i].topics,
		    &prepared->items[i].topics);
	}
	assert_true(strv_contains(&prepared->items[0].countries, "JP", 0));
	assert_true(strv_contains(&prepared->items[0].countries, "KR", 0));
	assert_true(strv_contains(&prepared->items[1].countries, "KE", 0));
	assert_true(strv_contains(&prepared->items[2].countries, "UA", 0));
	assert_false(strv_contains(&prepared->items[2].countries, "DE", 0));
	assert_true(strv_contains(&prepared->items[3].countries, "BR", 0));
	feed_doc_free(alone);
	feed_doc_free(prepared);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_country_cap),
		cmocka_unit_test(test_regions_of_countries),
		cmocka_unit_test(test_prepared_text_files_the_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
