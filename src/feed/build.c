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
	strv_free(&it->category_labels);
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
	feed_item_add_category_label(it, s, n, NULL, 0);
}

void
feed_item_add_category_label(struct feed_item *it, const char *s,
    size_t n, const char *label, size_t nlabel)
{
	size_t had = it->categories.n;
	char *line;

	add_line_once(&it->categories, s, n);
	if (it->categories.n == had)
		return;
	line = label != NULL ? text_oneline(label, nlabel) : NULL;
	if (line == NULL || line[0] == '\0') {
		free(line);
		line = xstrdup(it->categories.v[had]);
	}
	strv_push(&it->category_labels, line);
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
	free(b->media_title);
	free(b->media_summary);
	b->media_title = b->media_summary = NULL;
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

void
feed_build_add_author_parts(struct feed_build *b, const char *name,
    size_t nname, const char *email, size_t nemail)
{
	struct str s = STR_INIT;

	nname = text_trim(&name, nname);
	nemail = text_trim(&email, nemail);
	if (nemail > 7 && text_eq_nocase(email, 7, "mailto:")) {
		email += 7;
		nemail -= 7;
	}
	str_append(&s, name, nname);
	if (nname > 0 && nemail > 0)
		str_appendz(&s, " (");
	str_append(&s, email, nemail);
	if (nname > 0 && nemail > 0)
		str_appendc(&s, ')');
	add_line_once(&b->authors, str_cstr(&s), s.len);
	str_free(&s);
}

/* 1 when s[0..n) holds an '@' and no space: an email address. */
static int
is_email(const char *s, size_t n)
{
	return n > 2 && memchr(s, '@', n) != NULL && memchr(s, ' ', n) == NULL;
}

void
feed_build_add_author_text(struct feed_build *b, const char *s, size_t n)
{
	const char *open, *close;

	n = text_trim(&s, n);
	/* "jane@example.com (Jane Doe)" */
	if (n > 2 && s[n - 1] == ')' && (open = memchr(s, '(', n)) != NULL) {
		close = s + n - 1;
		if (close - open > 1 && is_email(s, (size_t)(open - s) -
		    (open > s && open[-1] == ' '))) {
			feed_build_add_author_parts(b, open + 1,
			    (size_t)(close - open - 1), s, (size_t)(open - s));
			return;
		}
	}
	/* "Jane Doe <jane@example.com>" */
	if (n > 2 && s[n - 1] == '>' && (open = memchr(s, '<', n)) != NULL &&
	    is_email(open + 1, (size_t)(s + n - 1 - open - 1))) {
		feed_build_add_author_parts(b, s, (size_t)(open - s), open + 1,
		    (size_t)(s + n - 1 - open - 1));
		return;
	}
	feed_build_add_author_parts(b, s, n, "", 0);
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

/* 1 when the item carries any field at all. */
static int
has_any_field(const struct feed_build *b)
{
	const struct feed_item *it = &b->it;

	return it->title != NULL || it->url != NULL || it->guid != NULL ||
	    b->media_title != NULL || b->media_summary != NULL ||
	    it->summary != NULL || it->content != NULL ||
	    b->authors.n > 0 || it->categories.n > 0 ||
	    it->nenclosures > 0 || it->thumbnail != NULL ||
	    it->published != DATE_UNKNOWN || it->updated != DATE_UNKNOWN;
}

/* Words of a made-up title, and its length in bytes at most. */
#define TITLE_WORDS 12
#define TITLE_BYTES 90

/*
 * Returns owned: the first words of HTML s as a title, "…" when cut; NULL
 * when it has no text.
 */
static char *
title_from_html(const char *s)
{
	char *text = text_from_html(s, strlen(s), 0);
	size_t i, end = 0, words = 0, n = strlen(text);
	struct str out = STR_INIT;

	for (i = 0; i <= n && words < TITLE_WORDS; i++) {
		if (i < n && text[i] != ' ')
			continue;
		if (i > TITLE_BYTES && end > 0)
			break;
		end = i;
		words++;
	}
	if (end == 0 && n > TITLE_BYTES) {
		/* one long word: cut at a character boundary */
		end = TITLE_BYTES;
		while (end > 0 && ((unsigned char)text[end] & 0xC0) == 0x80)
			end--;
	}
	if (end == 0) {
		free(text);
		return NULL;
	}
	str_append(&out, text, end);
	if (end < n)
		str_appendz(&out, "\xe2\x80\xa6");
	free(text);
	return str_steal(&out);
}

/*
 * An item without a title is shown with one made from what it has: its
 * summary's (or content's) first words, its link, its enclosure, its date.
 * Made-up titles are marked (title_derived) so that no one takes them for
 * the feed's words.
 */
static void
derive_title(struct feed_item *it)
{
	char date[DATE_RFC3339_SIZE];
	char *t = NULL;

	if (it->summary != NULL)
		t = title_from_html(it->summary);
	if (t == NULL && it->content != NULL)
		t = title_from_html(it->content);
	if (t == NULL && it->url != NULL)
		t = xstrdup(it->url);
	if (t == NULL && it->nenclosures > 0)
		t = xstrdup(it->enclosures[0].url);
	if (t == NULL && it->published != DATE_UNKNOWN)
		t = xstrdup(date_format_rfc3339(it->published, date));
	if (t == NULL)
		return; /* only an author or a category: shown as untitled */
	it->title = t;
	it->title_derived = 1;
}

void
feed_build_commit(struct feed_doc *doc, struct feed_build *b,
    const char *fallback_author)
{
	struct feed_item *it = &b->it;
	size_t i;

	if (!has_any_field(b)) {
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
	/* Media RSS's words only where the item has nothing better */
	if (it->title == NULL && b->media_title != NULL) {
		it->title = b->media_title;
		b->media_title = NULL;
	}
	if (it->summary == NULL && it->content == NULL &&
	    b->media_summary != NULL) {
		it->summary = b->media_summary;
		b->media_summary = NULL;
	}
	if (it->title == NULL)
		derive_title(it);
	items_grow(doc);
	doc->items[doc->nitems++] = *it;
	memset(it, 0, sizeof *it);
	feed_build_reset(b);
}
