/*
 * collect: a briefing's articles read from the cache -- those a query
 * matches, a page at a time, or those with given ids (the interface's
 * marked articles) -- with the text each excerpt is cut from: the
 * extracted article when there is one, else the summary, else the content
 * (for --full, the content before the summary: the longer one).
 *
 * Apart from the briefing itself so that brief.c never touches the cache:
 * a briefing of articles from anywhere renders the same.
 */
#include <stdlib.h>
#include <string.h>

#include "brief_int.h"
#include "date.h"
#include "query.h"
#include "store.h"
#include "text.h"
#include "xalloc.h"

/* Rows a page at a time, as `sitrep list` reads them. */
#define COLLECT_PAGE 500
/* An excerpt needs the start of a text; the whole of it for --full. */
#define EXCERPT_HTML_BYTES ((size_t)16 << 10)

static void
strv_copy(struct strv *to, const struct strv *from)
{
	for (size_t i = 0; i < from->n; i++)
		strv_pushdup(to, from->v[i]);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* The plain text of the article's best HTML; sets a->text. */
static void
take_text(struct brief_article *a, const struct store_item_text *t, int full)
{
	const char *order[3], *html = NULL;
	size_t n;

	order[0] = t->fulltext;
	order[1] = full ? t->content : t->summary;
	order[2] = full ? t->summary : t->content;
	for (size_t i = 0; i < 3 && html == NULL; i++)
		if (order[i] != NULL && *order[i] != '\0')
			html = order[i];
	if (html == NULL)
		return;
	a->text_is_full = html == t->fulltext;
	n = strlen(html);
	if (!full && n > EXCERPT_HTML_BYTES)
		n = EXCERPT_HTML_BYTES;
	a->text = text_from_html(html, n, 1);
}

/* Adds one article: its row (may be NULL: then it) and its texts. */
static int
add_article(struct brief *b, struct store *st, const struct article_row *r,
    const struct store_item *it, int full, char **cause)
{
	struct store_item_text t;
	struct brief_article a = { 0 };
	int found;

	found = store_item_text_get(st, r != NULL ? r->id : it->id, &t, cause);
	if (found <= 0)
		return found;
	if (r != NULL) {
		a.id = r->id;
		a.title = dup_or_null(r->title);
		a.url = dup_or_null(r->url);
		a.author = dup_or_null(r->author);
		a.feed_key = xstrdup(r->feed_key);
		a.feed_title = dup_or_null(r->feed_title);
		a.date = r->published != DATE_UNKNOWN ? r->published :
		    r->sort_time;
		strv_copy(&a.tags, &r->tags);
	} else {
		a.id = it->id;
		a.title = dup_or_null(it->title);
		a.url = dup_or_null(it->url);
		a.author = dup_or_null(it->author);
		a.feed_key = xstrdup(it->feed_key);
		a.feed_title = dup_or_null(it->feed_title);
		a.date = it->published != DATE_UNKNOWN ? it->published :
		    it->first_seen;
		strv_copy(&a.tags, &it->tags);
	}
	strv_copy(&a.topics, &t.topics);
	strv_copy(&a.countries, &t.countries);
	strv_copy(&a.regions, &t.regions);
	take_text(&a, &t, full);
	store_item_text_clear(&t);
	brief_add(b, &a);
	return 1;
}

int
brief_collect_query(struct brief *b, struct store *st, const struct query *q,
    size_t limit, int full, char **cause)
{
	struct query_key key = { 0, 0 };
	size_t got = 0;

	for (;;) {
		struct article_row *rows;
		size_t n, want = COLLECT_PAGE;
		int rc = 0;

		if (limit > 0 && limit - got < want)
			want = limit - got;
		if (want == 0)
			return 0;
		if (query_page(st, q, got > 0 ? &key : NULL, QUERY_OLDER, want,
		    &rows, &n, cause) < 0)
			return -1;
		for (size_t i = 0; i < n && rc >= 0; i++)
			rc = add_article(b, st, &rows[i], NULL, full, cause);
		got += n;
		if (n > 0) {
			key.sort_time = rows[n - 1].sort_time;
			key.id = rows[n - 1].id;
		}
		article_rows_free(rows, n);
		if (rc < 0)
			return -1;
		if (n < want)
			return 0;
	}
}

int
brief_collect_ids(struct brief *b, struct store *st, const int64_t *ids,
    size_t n, int full, char **cause)
{
	for (size_t i = 0; i < n; i++) {
		struct store_item it;
		int found = store_item_get(st, ids[i], &it, cause);

		if (found > 0)
			found = add_article(b, st, NULL, &it, full, cause);
		store_item_clear(&it);
		if (found < 0)
			return -1;
	}
	return 0;
}
