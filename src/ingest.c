/*
 * ingest: classification of parsed documents and of the stored cache.
 * See include/ingest.h.  The same function turns an article into
 * classifier input at ingest and at reclassification, so that both give
 * the same answer for the same article.
 */
#include "ingest.h"

#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "text.h"
#include "xalloc.h"

/* HTML read from a summary-less content: enough for INGEST_LEDE_BYTES. */
#define LEDE_HTML_BYTES 8192

struct classifier *
ingest_classifier_new(const struct config *cfg, char **cause)
{
	struct classify_topic *topics;
	struct strv errors = STRV_INIT;
	struct classifier *c = NULL;
	const char *file = cfg->path != NULL ? cfg->path : "config";
	size_t n = cfg->ntopics;

	topics = xcalloc(n ? n : 1, sizeof *topics);
	for (size_t i = 0; i < n; i++) {
		const struct config_topic *ct = &cfg->topics[i];
		const struct {
			const char *name, *value;
		} keys[] = {
			{ "label", ct->label },
			{ "short", ct->short_name },
			{ "categories", ct->categories },
			{ "keywords", ct->keywords },
			{ "regex", ct->regex },
			{ "feeds", ct->feeds },
			{ "exclude", ct->exclude },
		};

		classify_topic_init(&topics[i], ct->key);
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			char *err = NULL;

			if (keys[k].value == NULL)
				continue;
			if (classify_topic_set(&topics[i], keys[k].name,
			    keys[k].value, &err) < 0) {
				strv_push(&errors, xasprintf("%s: %s", file,
				    err != NULL ? err : "bad rule"));
				free(err);
			}
		}
	}
	if (errors.n == 0) {
		char *err = NULL;

		c = classifier_new(topics, n, &err);
		if (c == NULL) {
			/* one problem a line; each names its topic */
			char *line = err, *nl;

			while (line != NULL && *line != '\0') {
				nl = strchr(line, '\n');
				if (nl != NULL)
					*nl = '\0';
				strv_push(&errors, xasprintf("%s: %s", file,
				    line));
				line = nl != NULL ? nl + 1 : NULL;
			}
			if (errors.n == 0)
				strv_push(&errors, xasprintf("%s: the topic "
				    "rules cannot be compiled", file));
			free(err);
		}
	}
	for (size_t i = 0; i < n; i++)
		classify_topic_free(&topics[i]);
	free(topics);
	if (c == NULL && cause != NULL)
		*cause = strv_join(&errors, "\n");
	strv_free(&errors);
	return c;
}

/* Cuts text to at most max bytes, at a space when there is one. */
static void
cut_at_word(char *text, size_t max)
{
	size_t n = strlen(text), cut;

	if (n <= max)
		return;
	cut = max;
	while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;
	for (size_t k = cut; k > max / 2; k--)
		if (text[k] == ' ') {
			cut = k;
			break;
		}
	text[cut] = '\0';
}

char *
ingest_summary_text(const char *summary_html, const char *content_html)
{
	size_t n;
	char *text;

	if (summary_html != NULL)
		return text_from_html(summary_html, strlen(summary_html), 0);
	if (content_html == NULL)
		return xstrdup("");
	n = strlen(content_html);
	if (n > LEDE_HTML_BYTES) {
		n = LEDE_HTML_BYTES;
		while (n > 0 && ((unsigned char)content_html[n] & 0xC0) == 0x80)
			n--;
	}
	text = text_from_html(content_html, n, 0);
	cut_at_word(text, INGEST_LEDE_BYTES);
	return text;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * An article is filed under at most this many countries: those it names
 * most, the earliest first when tied.  A story that runs through a list of
 * a dozen capitals is about its subject, not about each of them, and every
 * country costs a row and its regions' rows in the cache.
 */
#define MAX_COUNTRIES 8

struct country_rank {
	const char *code;
	unsigned mentions, first;
};

static int
rank_cmp(const void *a, const void *b)
{
	const struct country_rank *x = a, *y = b;

	if (x->mentions != y->mentions)
		return x->mentions > y->mentions ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

static int
name_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The codes an article is filed under: see MAX_COUNTRIES.  Sorted. */
static size_t
pick_countries(const struct gazetteer_result *g, const char **out)
{
	struct country_rank rank[GAZETTEER_MAX_COUNTRIES];
	size_t n = g->ncountries;

	for (size_t i = 0; i < n; i++) {
		rank[i].code = g->countries[i];
		rank[i].mentions = g->mentions[i];
		rank[i].first = g->first_word[i];
	}
	if (n > MAX_COUNTRIES) {
		qsort(rank, n, sizeof *rank, rank_cmp);
		n = MAX_COUNTRIES;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = rank[i].code;
	qsort(out, n, sizeof *out, name_ptr_cmp);
	return n;
}

/*
 * Topics, countries and regions from one classifier result, appended to
 * the three lists.  Regions: those the text names, and the parts of the
 * world its countries lie in; a grouping (NATO, the EU, G7) only when
 * named, since membership alone does not make an article about Germany an
 * article about NATO.
 */
static void
facets_from(const struct classify_result *r, struct strv *topics,
    struct strv *countries, struct strv *regions)
{
	const struct gazetteer_result *g = &r->geo;
	const char *codes[GAZETTEER_MAX_COUNTRIES];
	size_t ncodes = pick_countries(g, codes);

	for (size_t i = 0; i < r->ntopics; i++)
		strv_pushdup(topics, r->topics[i]);
	for (size_t i = 0; i < ncodes; i++) {
		const struct gazetteer_region *of[GAZETTEER_MAX_REGIONS];
		size_t k = gazetteer_regions_of(codes[i], of,
		    GAZETTEER_MAX_REGIONS);

		strv_pushdup(countries, codes[i]);
		if (k > GAZETTEER_MAX_REGIONS)
			k = GAZETTEER_MAX_REGIONS;
		for (size_t j = 0; j < k; j++)
			if (!gazetteer_region_is_group(of[j]) &&
			    !strv_contains(regions, of[j]->key, 0))
				strv_pushdup(regions, of[j]->key);
	}
	for (size_t i = 0; i < g->nregions; i++)
		if (!strv_contains(regions, g->regions[i], 0))
			strv_pushdup(regions, g->regions[i]);
	if (regions->n > 1)
		qsort(regions->v, regions->n, sizeof *regions->v, name_cmp);
}

/* A classifier with no topics, for a NULL c: countries still count. */
static const struct classifier *
or_empty(const struct classifier *c, struct classifier **made)
{
	*made = NULL;
	if (c != NULL)
		return c;
	*made = classifier_new(NULL, 0, NULL);
	return *made;
}

/*
 * The text ingest_summary_text() would make from the item's summary, when
 * store_prepare_doc() already made it for the index: the same
 * text_from_html() of the same HTML (the content's text when the summary
 * repeats the content).  Converting each summary once instead of twice
 * saves a sixth of a refresh's work on the loop's thread.  NULL when it
 * is not there; an item with only content is classified on its lede,
 * which the index does not have.
 */
static const char *
prepared_summary_text(const struct feed_doc *doc, const struct feed_item *it)
{
	if (!doc->index_ready || it->summary == NULL)
		return NULL;
	return it->index_summary != NULL ? it->index_summary :
	    it->index_content;
}

/* text: the summary's text if already made, else NULL. */
static void
classify_one(const struct classifier *c, struct classify_result *r,
    const char *feed_key, const char *title, const char *summary_html,
    const char *content_html, const char *text,
    const char *const *cats, size_t ncats,
    struct strv *topics, struct strv *countries, struct strv *regions)
{
	struct classify_input in;
	char *made = text == NULL ?
	    ingest_summary_text(summary_html, content_html) : NULL;

	memset(&in, 0, sizeof in);
	in.feed_key = feed_key;
	in.title = title;
	in.summary = made != NULL ? made : text;
	in.categories = cats;
	in.ncategories = ncats;
	classify_item(c, &in, r);
	facets_from(r, topics, countries, regions);
	free(made);
}

void
ingest_classify_doc(const struct classifier *c, const char *feed_key,
    struct feed_doc *doc)
{
	struct classifier *made;
	struct classify_result r;

	if (doc == NULL)
		return;
	c = or_empty(c, &made);
	if (c == NULL)
		return;
	classify_result_init(&r);
	for (size_t i = 0; i < doc->nitems; i++) {
		struct feed_item *it = &doc->items[i];

		strv_free(&it->topics);
		strv_free(&it->countries);
		strv_free(&it->regions);
		classify_one(c, &r, feed_key, it->title, it->summary,
		    it->content, prepared_summary_text(doc, it),
		    (const char *const *)it->categories.v,
		    it->categories.n, &it->topics, &it->countries,
		    &it->regions);
	}
	classify_result_free(&r);
	classifier_free(made);
	doc->classified = 1;
}

struct reclassify_ctx {
	const struct classifier *c;
	struct classify_result r;
};

static void
reclassify_one(void *ctx, const struct store_article *a,
    struct store_facets *out)
{
	struct reclassify_ctx *rc = ctx;

	classify_one(rc->c, &rc->r, a->feed_key, a->title, a->summary,
	    a->content, NULL, a->categories, a->ncategories, &out->topics,
	    &out->countries, &out->regions);
}

int
ingest_reclassify(struct store *st, const struct classifier *c,
    size_t *seen, size_t *changed, char **cause)
{
	struct reclassify_ctx rc;
	struct classifier *made;
	int r;

	rc.c = or_empty(c, &made);
	if (rc.c == NULL) {
		if (cause != NULL)
			*cause = xstrdup("cannot build an empty classifier");
		return -1;
	}
	classify_result_init(&rc.r);
	r = store_reclassify(st, reclassify_one, &rc, seen, changed, cause);
	classify_result_free(&rc.r);
	classifier_free(made);
	return r;
}
