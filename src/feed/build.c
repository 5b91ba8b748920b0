/*
 * build: documents, items and the item builder (build.h).  Split from the
 * format parsers so that they all sit on top of it: what an item becomes
 * once read (authors joined, a permalink guid as its link, an image
 * enclosure as its thumbnail, the item cap) is decided here once, whatever
 * format it came in.
 */
#include "build.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

/* Documents */

struct feed_doc *
feed_doc_new(enum feed_format f)
{
	struct feed_doc *doc = xcalloc(1, sizeof *doc);

	doc->format = f;
	return doc;
}

void
feed_doc_set_error(struct feed_doc *doc, int override, const char *fmt, ...)
{
	va_list ap;
	struct str s = STR_INIT;

	if (doc->error != NULL && !override)
		return;
	va_start(ap, fmt);
	str_vappendf(&s, fmt, ap);
	va_end(ap);
	free(doc->error);
	/* Messages quote the document (names, libxml2's text): sanitise. */
	doc->error = text_oneline(s.p, s.len);
	str_free(&s);
}

void
feed_doc_free(struct feed_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nitems; i++)
		feed_item_clear(&doc->items[i]);
	free(doc->items);
	free(doc->title);
	free(doc->link);
	free(doc->self_link);
	free(doc->language);
	free(doc->error);
	free(doc);
}

/* Items */

void
feed_item_clear(struct feed_item *it)
{
	size_t i;

	free(it->guid);
	free(it->url);
	free(it->title);
	free(it->author);
	free(it->summary);
	free(it->content);
	strv_free(&it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	free(it->thumbnail);
	strv_free(&it->topics);
	strv_free(&it->countries);
	strv_free(&it->regions);
	free(it->index_summary);
	free(it->index_content);
	memset(it, 0, sizeof *it);
	it->published = DATE_UNKNOWN;
	it->updated = DATE_UNKNOWN;
}

/* Adds s[0..n) made one-line, unless empty or already there (any case). */
static void
add_line_once(struct strv *sv, const char *s, size_t n)
{
	char *line = text_oneline(s, n);

	if (line[0] == '\0' || strv_contains(sv, line, 1)) {
		free(line);
		return;
	}
	strv_push(sv, line);
}

void
feed_item_add_category(struct feed_item *it, const char *s, size_t n)
{
	add_line_once(&it->categories, s, n);
}

void
feed_item_add_enclosure(struct feed_item *it, char *url, char *type,
    int64_t length)
{
	struct feed_enclosure *e;
	size_t i;

	for (i = 0; i < it->nenclosures; i++) {
		if (strcmp(it->enclosures[i].url, url) == 0) {
			free(url);
			free(type);
			return;
		}
	}
	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof *it->enclosures);
	e = &it->enclosures[it->nenclosures++];
	e->url = url;
	e->type = type;
	e->length = length > 0 ? length : 0;
}

/* The builder */

void
feed_build_reset(struct feed_build *b)
{
	feed_item_clear(&b->it);
	strv_free(&b->authors);
	memset(b->rank, 0, sizeof b->rank);
	b->guid_is_link = 1;
}

int
feed_build_claim(struct feed_build *b, enum feed_slot slot, int rank)
{
	if (rank <= b->rank[slot])
		return 0;
	b->rank[slot] = (unsigned char)rank;
	return 1;
}

void
feed_rank_put(unsigned char *ranks, enum feed_slot slot, int rank,
    char **dst, char *v)
{
	if (v == NULL)
		return;
	if (rank <= ranks[slot]) {
		free(v);
		return;
	}
	ranks[slot] = (unsigned char)rank;
	free(*dst);
	*dst = v;
}

void
feed_build_add_author(struct feed_build *b, const char *s, size_t n)
{
	add_line_once(&b->authors, s, n);
}

static int
is_http_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static int
is_image_type(const char *type)
{
	return type != NULL && strncmp(type, "image/", 6) == 0;
}

/* Places the grown array may need: capacity doubles at powers of two. */
static void
items_grow(struct feed_doc *doc)
{
	size_t n = doc->nitems;

	if (n == 0)
		doc->items = xreallocarray(NULL, 16, sizeof *doc->items);
	else if (n >= 16 && (n & (n - 1)) == 0)
		doc->items = xreallocarray(doc->items, n * 2,
		    sizeof *doc->items);
}

void
feed_build_commit(struct feed_doc *doc, struct feed_build *b,
    const char *fallback_author)
{
	struct feed_item *it = &b->it;
	size_t i;

	if (it->title == NULL && it->url == NULL && it->guid == NULL &&
	    it->summary == NULL && it->content == NULL) {
		feed_build_reset(b);
		return;
	}
	if (doc->nitems >= FEED_ITEMS_MAX) {
		feed_doc_set_error(doc, 0, "more than %d items; the rest "
		    "were skipped", FEED_ITEMS_MAX);
		feed_build_reset(b);
		return;
	}
	free(it->author);
	it->author = NULL;
	if (b->authors.n > 0)
		it->author = strv_join(&b->authors, ", ");
	else if (fallback_author != NULL && fallback_author[0] != '\0')
		it->author = xstrdup(fallback_author);
	/* Sorting and "new" need a date: an item only dated by its last
	 * update was, as far as anyone can tell, published then. */
	if (it->published == DATE_UNKNOWN)
		it->published = it->updated;
	/* RSS 2.0: a guid is the item's permalink unless isPermaLink="false". */
	if (it->url == NULL && it->guid != NULL && b->guid_is_link &&
	    is_http_url(it->guid))
		it->url = xstrdup(it->guid);
	if (it->thumbnail == NULL) {
		for (i = 0; i < it->nenclosures; i++) {
			if (is_image_type(it->enclosures[i].type)) {
				it->thumbnail = xstrdup(it->enclosures[i].url);
				break;
			}
		}
	}
	items_grow(doc);
	doc->items[doc->nitems++] = *it;
	memset(it, 0, sizeof *it);
	feed_build_reset(b);
}
