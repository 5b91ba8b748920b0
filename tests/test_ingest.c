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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_country_cap),
		cmocka_unit_test(test_regions_of_countries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
