/*
 * brief: the briefing (include/brief.h).  The articles handed in become a
 * view the template reads (model.c): the topics, countries and regions
 * they name with their counts, the groups in a stable order, and each
 * article once -- in the first of its groups, numbered in the order of the
 * document -- with its excerpt and the other groups it is in, which list
 * it as a cross-reference.
 *
 * Group order: topics as the config lists them (an analyst's own order),
 * countries and regions by how many articles name them (then by name),
 * feeds as the config lists them; articles that name none come last.
 * Inside a group, newest first.  By country or region, an article is
 * listed in the first of its groups that its title names: "US and Japan
 * Pledge ..." goes under Japan, not under China, which only its text
 * names; otherwise in its first group.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "brief_int.h"
#include "config.h"
#include "gazetteer.h"
#include "text.h"
#include "xalloc.h"

/* Plain text is for email: RFC 5322's 78, less room for quoting. */
#define TEXT_WIDTH 72

static const struct {
	const char *name;
	enum brief_format f;
} format_names[] = {
	{ "md", BRIEF_MD }, { "markdown", BRIEF_MD }, { "html", BRIEF_HTML },
	{ "txt", BRIEF_TXT }, { "text", BRIEF_TXT },
};

static const char *const group_names[BRIEF_GROUP_COUNT] = {
	[BRIEF_BY_TOPIC] = "topic", [BRIEF_BY_COUNTRY] = "country",
	[BRIEF_BY_REGION] = "region", [BRIEF_BY_FEED] = "feed",
	[BRIEF_BY_NONE] = "none",
};

int
brief_format_parse(const char *s, enum brief_format *out)
{
	for (size_t i = 0; i < NELEM(format_names); i++) {
		if (strcasecmp(s, format_names[i].name) == 0) {
			*out = format_names[i].f;
			return 0;
		}
	}
	return -1;
}

const char *
brief_format_name(enum brief_format f)
{
	static const char *const names[BRIEF_FORMAT_COUNT] = {
		"md", "html", "txt",
	};

	return f < BRIEF_FORMAT_COUNT ? names[f] : "md";
}

int
brief_group_parse(const char *s, enum brief_group *out)
{
	for (int i = 0; i < BRIEF_GROUP_COUNT; i++) {
		if (strcasecmp(s, group_names[i]) == 0) {
			*out = (enum brief_group)i;
			return 0;
		}
	}
	return -1;
}

struct brief *
brief_new(void)
{
	return xcalloc(1, sizeof(struct brief));
}

static void
article_clear(struct brief_article *a)
{
	free(a->title);
	free(a->url);
	free(a->author);
	free(a->feed_key);
	free(a->feed_title);
	strv_free(&a->topics);
	strv_free(&a->countries);
	strv_free(&a->regions);
	strv_free(&a->tags);
	free(a->text);
}

void
brief_free(struct brief *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++)
		article_clear(&b->v[i]);
	free(b->v);
	free(b);
}

void
brief_add(struct brief *b, struct brief_article *a)
{
	b->v = xgrow(b->v, b->n, &b->cap, sizeof *b->v);
	b->v[b->n++] = *a;
	memset(a, 0, sizeof *a);
}

size_t
brief_count(const struct brief *b)
{
	return b->n;
}

const struct brief_article *
brief_article_at(const struct brief *b, size_t i)
{
	return i < b->n ? &b->v[i] : NULL;
}

/* ---- facets: what the articles name ---- */

static const struct strv *
article_keys(const struct brief_article *a, int kind)
{
	return kind == BRIEF_FACET_TOPIC ? &a->topics :
	    kind == BRIEF_FACET_COUNTRY ? &a->countries : &a->regions;
}

/* Where a topic stands in the config; unknown topics after, by key. */
static size_t
topic_rank(const struct config *cfg, const char *key)
{
	for (size_t i = 0; cfg != NULL && i < cfg->ntopics; i++)
		if (strcasecmp(cfg->topics[i].key, key) == 0)
			return i;
	return (size_t)-1;
}

static char *
facet_label(const struct config *cfg, int kind, const char *key)
{
	const struct config_topic *t;
	const struct gazetteer_country *c;
	const struct gazetteer_region *r;

	switch (kind) {
	case BRIEF_FACET_TOPIC:
		t = config_topic_find(cfg, key);
		return xstrdup(t != NULL && t->label != NULL ? t->label : key);
	case BRIEF_FACET_COUNTRY:
		c = gazetteer_country(key);
		return xstrdup(c != NULL ? c->name : key);
	default:
		r = gazetteer_region(key);
		return xstrdup(r != NULL ? r->label : key);
	}
}

/* qsort has no context pointer: the config of the sort in progress. */
static const struct config *sort_cfg;
static int sort_kind;

static int
facet_cmp(const void *x, const void *y)
{
	const struct brief_facet *a = x, *b = y;

	if (sort_kind == BRIEF_FACET_TOPIC) {
		size_t ra = topic_rank(sort_cfg, a->key);
		size_t rb = topic_rank(sort_cfg, b->key);

		if (ra != rb)
			return ra < rb ? -1 : 1;
		return strcmp(a->key, b->key);
	}
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->label, b->label);
}

static struct brief_facet *
facet_find(struct brief_facet *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

static void
build_facets(struct brief_view *v, int kind)
{
	struct brief_facet *t = NULL, *f;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < v->b->n; i++) {
		const struct strv *keys = article_keys(&v->b->v[i], kind);

		for (size_t k = 0; k < keys->n; k++) {
			if ((f = facet_find(t, n, keys->v[k])) == NULL) {
				t = xgrow(t, n, &cap, sizeof *t);
				f = &t[n++];
				f->key = xstrdup(keys->v[k]);
				f->label = facet_label(v->o->cfg, kind, f->key);
				f->count = 0;
			}
			f->count++;
		}
	}
	sort_cfg = v->o->cfg;
	sort_kind = kind;
	if (n > 1)
		qsort(t, n, sizeof *t, facet_cmp);
	v->facets[kind] = t;
	v->nfacet[kind] = n;
}

/* ---- groups ---- */

static int
facet_of_group(enum brief_group g)
{
	return g == BRIEF_BY_TOPIC ? BRIEF_FACET_TOPIC :
	    g == BRIEF_BY_COUNTRY ? BRIEF_FACET_COUNTRY :
	    g == BRIEF_BY_REGION ? BRIEF_FACET_REGION : -1;
}

static struct brief_group_view *
group_add(struct brief_view *v, size_t *cap, const char *key,
    const char *label)
{
	struct brief_group_view *g;

	v->groups = xgrow(v->groups, v->ngroups, cap, sizeof *v->groups);
	g = &v->groups[v->ngroups];
	memset(g, 0, sizeof *g);
	g->view = v;
	g->index = v->ngroups++;
	g->key = xstrdup(key);
	g->label = xstrdup(label);
	return g;
}

static size_t
feed_rank(const struct config *cfg, const char *key)
{
	const struct config_feed *f = config_feed_find(cfg, key);

	return f != NULL ? (size_t)(f - cfg->feeds) : (size_t)-1;
}

/* The feeds of the articles, in the config's order. */
static void
feed_groups(struct brief_view *v, size_t *cap)
{
	const struct brief_article *first;

	for (;;) {
		first = NULL;
		for (size_t i = 0; i < v->b->n; i++) {
			const struct brief_article *a = &v->b->v[i];
			int seen = 0;

			for (size_t g = 0; g < v->ngroups && !seen; g++)
				seen = strcmp(v->groups[g].key, a->feed_key) == 0;
			if (seen)
				continue;
			if (first == NULL || feed_rank(v->o->cfg, a->feed_key) <
			    feed_rank(v->o->cfg, first->feed_key) ||
			    (feed_rank(v->o->cfg, a->feed_key) ==
			    feed_rank(v->o->cfg, first->feed_key) &&
			    strcmp(a->feed_key, first->feed_key) < 0))
				first = a;
		}
		if (first == NULL)
			return;
		group_add(v, cap, first->feed_key, first->feed_title != NULL ?
		    first->feed_title : first->feed_key);
	}
}

static void
build_groups(struct brief_view *v)
{
	static const char *const none_label[BRIEF_FACET_COUNT] = {
		"Other articles", "No country named", "No region named",
	};
	int kind = facet_of_group(v->o->group);
	size_t cap = 0;

	if (kind >= 0) {
		for (size_t i = 0; i < v->nfacet[kind]; i++)
			group_add(v, &cap, v->facets[kind][i].key,
			    v->facets[kind][i].label);
		for (size_t i = 0; i < v->b->n; i++) {
			if (article_keys(&v->b->v[i], kind)->n == 0) {
				group_add(v, &cap, "", none_label[kind]);
				break;
			}
		}
	} else if (v->o->group == BRIEF_BY_FEED) {
		feed_groups(v, &cap);
	} else if (v->b->n > 0) {
		group_add(v, &cap, "", "Articles");
	}
}

/* The groups article a is in, ascending; returns how many. */
static size_t
groups_of(const struct brief_view *v, const struct brief_article *a,
    size_t *out)
{
	int kind = facet_of_group(v->o->group);
	const struct strv *keys;
	size_t n = 0;

	if (kind < 0) {
		for (size_t g = 0; g < v->ngroups; g++)
			if (v->o->group == BRIEF_BY_NONE ||
			    strcmp(v->groups[g].key, a->feed_key) == 0)
				out[n++] = g;
		return n;
	}
	keys = article_keys(a, kind);
	for (size_t g = 0; g < v->ngroups; g++) {
		const char *key = v->groups[g].key;

		if (*key == '\0' ? keys->n == 0 : strv_contains(keys, key, 0))
			out[n++] = g;
	}
	return n;
}

/* 1 when a's title names group g's country or region. */
static int
title_names(const struct brief_view *v, const struct gazetteer_result *r,
    size_t g)
{
	const char *key = v->groups[g].key;
	const struct gazetteer_region *reg;

	for (size_t i = 0; i < r->ncountries; i++) {
		if (v->o->group == BRIEF_BY_COUNTRY &&
		    strcmp(r->countries[i], key) == 0)
			return 1;
		if (v->o->group == BRIEF_BY_REGION &&
		    (reg = gazetteer_region(key)) != NULL &&
		    gazetteer_region_has(reg, r->countries[i]))
			return 1;
	}
	for (size_t i = 0; i < r->nregions; i++)
		if (v->o->group == BRIEF_BY_REGION &&
		    strcmp(r->regions[i], key) == 0)
			return 1;
	return 0;
}

/* Where of its n groups gs article a is listed (see the top). */
static size_t
primary(const struct brief_view *v, const struct brief_article *a,
    const size_t *gs, size_t n, struct gazetteer_result *r)
{
	if (n < 2 || a->title == NULL || (v->o->group != BRIEF_BY_COUNTRY &&
	    v->o->group != BRIEF_BY_REGION))
		return 0;
	gazetteer_match(a->title, strlen(a->title), r);
	for (size_t k = 0; k < n; k++)
		if (title_names(v, r, gs[k]))
			return k;
	return 0;
}

/* ---- entries ---- */

static int
newest_first(const void *x, const void *y)
{
	const struct brief_article *a = *(const struct brief_article *const *)x;
	const struct brief_article *b = *(const struct brief_article *const *)y;

	if (a->date != b->date)
		return a->date > b->date ? -1 : 1;
	return a->id > b->id ? -1 : a->id < b->id;
}

/* An article's topics, countries and regions in the header's order. */
static int
facet_ptr_cmp(const void *x, const void *y)
{
	const struct brief_facet *a = *(const struct brief_facet *const *)x;
	const struct brief_facet *b = *(const struct brief_facet *const *)y;

	return a < b ? -1 : a > b;
}

static void
entry_facets(struct brief_view *v, struct brief_entry *e)
{
	for (int k = 0; k < BRIEF_FACET_COUNT; k++) {
		const struct strv *keys = article_keys(e->a, k);

		e->facets[k] = xcalloc(keys->n + 1, sizeof *e->facets[k]);
		for (size_t i = 0; i < keys->n; i++) {
			struct brief_facet *f = facet_find(v->facets[k],
			    v->nfacet[k], keys->v[i]);

			if (f != NULL)
				e->facets[k][e->nfacets[k]++] = f;
		}
		qsort(e->facets[k], e->nfacets[k], sizeof *e->facets[k],
		    facet_ptr_cmp);
	}
}

/* The excerpt's paragraphs; a first one that only repeats the title is
 * left out. */
static void
entry_excerpt(const struct brief_view *v, struct brief_entry *e)
{
	const char *text = e->a->text, *title = e->a->title, *nl;
	size_t n;

	if (text == NULL || (!v->o->full && v->o->excerpt == 0))
		return;
	nl = strchr(text, '\n');
	n = nl != NULL ? (size_t)(nl - text) : strlen(text);
	if (title != NULL && strlen(title) == n &&
	    strncasecmp(text, title, n) == 0) {
		if (nl == NULL)
			return;
		text = nl + 1;
	}
	brief_excerpt(text, v->o->full ? 0 : v->o->excerpt, &e->excerpt);
}

/* Articles in document order: by group, newest first inside each. */
static void
build_entries(struct brief_view *v)
{
	const struct brief_article **order = xcalloc(v->b->n + 1,
	    sizeof *order);
	size_t *gs = xcalloc(v->ngroups + 1, sizeof *gs), *first, n, p;
	struct gazetteer_result *r = xcalloc(1, sizeof *r);

	for (size_t i = 0; i < v->b->n; i++)
		order[i] = &v->b->v[i];
	qsort(order, v->b->n, sizeof *order, newest_first);
	first = xcalloc(v->b->n + 1, sizeof *first);
	for (size_t i = 0; i < v->b->n; i++) {
		n = groups_of(v, order[i], gs);
		first[i] = n > 0 ? gs[primary(v, order[i], gs, n, r)] : 0;
	}
	v->entries = xcalloc(v->b->n + 1, sizeof *v->entries);
	for (size_t g = 0; g < v->ngroups; g++) {
		for (size_t i = 0; i < v->b->n; i++) {
			struct brief_entry *e;

			if (first[i] != g)
				continue;
			e = &v->entries[v->nentries];
			e->view = v;
			e->a = order[i];
			e->number = ++v->nentries;
			e->group = g;
			n = groups_of(v, e->a, gs);
			e->also = xcalloc(n + 1, sizeof *e->also);
			for (p = 0; p < n; p++)
				if (gs[p] != g)
					e->also[e->nalso++] = gs[p];
			entry_facets(v, e);
			entry_excerpt(v, e);
		}
	}
	free(r);
	free(first);
	free(gs);
	free(order);
}

/* Each group's own articles, then those listed before it. */
static void
fill_groups(struct brief_view *v)
{
	for (size_t g = 0; g < v->ngroups; g++) {
		struct brief_group_view *gv = &v->groups[g];

		gv->entries = xcalloc(v->nentries + 1, sizeof *gv->entries);
		gv->refs = xcalloc(v->nentries + 1, sizeof *gv->refs);
	}
	for (size_t i = 0; i < v->nentries; i++) {
		const struct brief_entry *e = &v->entries[i];
		struct brief_group_view *gv = &v->groups[e->group];

		gv->entries[gv->nentries++] = i;
		for (size_t k = 0; k < e->nalso; k++) {
			gv = &v->groups[e->also[k]];
			gv->refs[gv->nrefs++] = i;
		}
	}
}

static void
view_free(struct brief_view *v)
{
	for (size_t i = 0; i < v->nentries; i++) {
		for (int k = 0; k < BRIEF_FACET_COUNT; k++)
			free(v->entries[i].facets[k]);
		strv_free(&v->entries[i].excerpt);
		free(v->entries[i].also);
	}
	free(v->entries);
	for (size_t g = 0; g < v->ngroups; g++) {
		free(v->groups[g].key);
		free(v->groups[g].label);
		free(v->groups[g].entries);
		free(v->groups[g].refs);
	}
	free(v->groups);
	for (int k = 0; k < BRIEF_FACET_COUNT; k++) {
		for (size_t i = 0; i < v->nfacet[k]; i++) {
			free(v->facets[k][i].key);
			free(v->facets[k][i].label);
		}
		free(v->facets[k]);
	}
	free(v->title);
}

static char *
default_title(int64_t generated)
{
	time_t t = (time_t)generated;
	struct tm tm;
	char day[16];

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(day, sizeof day, "%Y-%m-%d", &tm) == 0)
		return xstrdup("Briefing");
	return xasprintf("Briefing for %s", day);
}

void
brief_render(const struct brief *b, const struct brief_options *o,
    const struct brief_template *t, struct str *out)
{
	struct brief_options opts = *o;
	struct brief_view v = { 0 };
	struct str raw = STR_INIT, clean = STR_INIT;

	opts.format = t->format;
	v.b = b;
	v.o = &opts;
	v.title = o->title != NULL && *o->title != '\0' ? xstrdup(o->title) :
	    default_title(o->generated);
	for (int k = 0; k < BRIEF_FACET_COUNT; k++)
		build_facets(&v, k);
	build_groups(&v);
	build_entries(&v);
	fill_groups(&v);
	tpl_render(t->tpl, &v, t->format, &raw);
	/* the template's own text too: a user's file is not trusted (T3) */
	text_sanitize_into(t->format == BRIEF_TXT ? &clean : out,
	    str_cstr(&raw), raw.len);
	if (t->format == BRIEF_TXT)
		brief_wrap_text(out, str_cstr(&clean), clean.len, TEXT_WIDTH);
	str_free(&raw);
	str_free(&clean);
	view_free(&v);
}
