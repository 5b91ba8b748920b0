/*
 * model: what a briefing template may name, as schemas of the template
 * engine (template.c) with a getter per name.  The tables below are the
 * whole vocabulary; sitrep(1) lists it, and a template that names
 * anything else does not compile.
 *
 *   briefing:  title period since until generated query group_by count
 *              format groups topics countries regions
 *   group:     label key anchor count articles refs
 *   article:   number id anchor title url source feed author date
 *              date_utc group group_anchor topics countries regions tags
 *              excerpt full also
 *   topic, country, region (facet): key label count
 *   also (place): label key anchor
 *   tags, excerpt: {{.}}
 *
 * Apart from brief.c, which builds the view these getters read: this
 * file is the contract with template authors, and only that.
 */
#include <string.h>
#include <time.h>

#include "brief_int.h"
#include "date.h"

static void
put(struct str *out, const char *s)
{
	if (s != NULL)
		str_appendz(out, s);
}

static void
put_num(struct str *out, size_t n)
{
	str_appendf(out, "%zu", n);
}

void
brief_local_time(int64_t t, struct str *out)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	if (t == DATE_UNKNOWN || localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm) == 0) {
		str_appendz(out, "unknown");
		return;
	}
	str_appendz(out, buf);
}

/* ---- a plain text of a list (tags, excerpt paragraphs): {{.}} ---- */

static void
dot_text(const void *obj, struct str *out)
{
	put(out, *(const char *const *)obj);
}

static const struct tpl_field dot_fields[] = {
	{ ".", dot_text, NULL, NULL, NULL, 0 },
};
static const struct tpl_schema dot_schema = { "a list of texts",
    dot_fields, NELEM(dot_fields) };

/* ---- a topic, country or region with its count ---- */

static void
facet_key(const void *obj, struct str *out)
{
	put(out, ((const struct brief_facet *)obj)->key);
}

static void
facet_label(const void *obj, struct str *out)
{
	put(out, ((const struct brief_facet *)obj)->label);
}

static void
facet_count(const void *obj, struct str *out)
{
	put_num(out, ((const struct brief_facet *)obj)->count);
}

static const struct tpl_field facet_fields[] = {
	{ "key", facet_key, NULL, NULL, NULL, 0 },
	{ "label", facet_label, NULL, NULL, NULL, 0 },
	{ "count", facet_count, NULL, NULL, NULL, 0 },
};
static const struct tpl_schema facet_schema = { "a topic, country or region",
    facet_fields, NELEM(facet_fields) };

/* ---- another group an article is in ---- */

static void
group_label(const void *obj, struct str *out)
{
	put(out, ((const struct brief_group_view *)obj)->label);
}

static void
group_key(const void *obj, struct str *out)
{
	put(out, ((const struct brief_group_view *)obj)->key);
}

static void
group_anchor(const void *obj, struct str *out)
{
	str_appendf(out, "g%zu",
	    ((const struct brief_group_view *)obj)->index + 1);
}

static const struct tpl_field place_fields[] = {
	{ "label", group_label, NULL, NULL, NULL, 0 },
	{ "key", group_key, NULL, NULL, NULL, 0 },
	{ "anchor", group_anchor, NULL, NULL, NULL, 0 },
};
static const struct tpl_schema place_schema = { "also", place_fields,
    NELEM(place_fields) };

/* ---- an article ---- */

#define ENTRY(obj) ((const struct brief_entry *)(obj))
#define ART(obj) (ENTRY(obj)->a)

static void
art_number(const void *obj, struct str *out)
{
	put_num(out, ENTRY(obj)->number);
}

static void
art_id(const void *obj, struct str *out)
{
	str_appendf(out, "%lld", (long long)ART(obj)->id);
}

static void
art_anchor(const void *obj, struct str *out)
{
	str_appendf(out, "a%lld", (long long)ART(obj)->id);
}

static void
art_title(const void *obj, struct str *out)
{
	const char *t = ART(obj)->title;

	put(out, t != NULL && *t != '\0' ? t : "(untitled)");
}

/* Only http(s) links: a javascript: or data: link is no link at all. */
static void
art_url(const void *obj, struct str *out)
{
	if (brief_url_ok(ART(obj)->url))
		put(out, ART(obj)->url);
}

static void
art_source(const void *obj, struct str *out)
{
	const struct brief_article *a = ART(obj);

	put(out, a->feed_title != NULL ? a->feed_title : a->feed_key);
}

static void
art_feed(const void *obj, struct str *out)
{
	put(out, ART(obj)->feed_key);
}

static void
art_author(const void *obj, struct str *out)
{
	put(out, ART(obj)->author);
}

static void
art_date(const void *obj, struct str *out)
{
	brief_local_time(ART(obj)->date, out);
}

static void
art_date_utc(const void *obj, struct str *out)
{
	char buf[DATE_RFC3339_SIZE];

	put(out, date_format_rfc3339(ART(obj)->date, buf));
}

static void
art_group(const void *obj, struct str *out)
{
	put(out, ENTRY(obj)->view->groups[ENTRY(obj)->group].label);
}

static void
art_group_anchor(const void *obj, struct str *out)
{
	group_anchor(&ENTRY(obj)->view->groups[ENTRY(obj)->group], out);
}

static void
art_full(const void *obj, struct str *out)
{
	if (ENTRY(obj)->view->o->full && ART(obj)->text_is_full)
		str_appendc(out, '1');
}

#define FACET_LIST(name, k) \
	static size_t name##_count(const void *obj) \
	{ return ENTRY(obj)->nfacets[k]; } \
	static const void *name##_item(const void *obj, size_t i) \
	{ return ENTRY(obj)->facets[k][i]; }
FACET_LIST(art_topics, BRIEF_FACET_TOPIC)
FACET_LIST(art_countries, BRIEF_FACET_COUNTRY)
FACET_LIST(art_regions, BRIEF_FACET_REGION)
#undef FACET_LIST

static size_t
art_tags_count(const void *obj)
{
	return ART(obj)->tags.n;
}

static const void *
art_tags_item(const void *obj, size_t i)
{
	return &ART(obj)->tags.v[i];
}

static size_t
art_excerpt_count(const void *obj)
{
	return ENTRY(obj)->excerpt.n;
}

static const void *
art_excerpt_item(const void *obj, size_t i)
{
	return &ENTRY(obj)->excerpt.v[i];
}

static size_t
art_also_count(const void *obj)
{
	return ENTRY(obj)->nalso;
}

static const void *
art_also_item(const void *obj, size_t i)
{
	return &ENTRY(obj)->view->groups[ENTRY(obj)->also[i]];
}

static const struct tpl_field article_fields[] = {
	{ "number", art_number, NULL, NULL, NULL, 0 },
	{ "id", art_id, NULL, NULL, NULL, 0 },
	{ "anchor", art_anchor, NULL, NULL, NULL, 0 },
	{ "title", art_title, NULL, NULL, NULL, 0 },
	{ "url", art_url, NULL, NULL, NULL, 1 },
	{ "source", art_source, NULL, NULL, NULL, 0 },
	{ "feed", art_feed, NULL, NULL, NULL, 0 },
	{ "author", art_author, NULL, NULL, NULL, 0 },
	{ "date", art_date, NULL, NULL, NULL, 0 },
	{ "date_utc", art_date_utc, NULL, NULL, NULL, 0 },
	{ "group", art_group, NULL, NULL, NULL, 0 },
	{ "group_anchor", art_group_anchor, NULL, NULL, NULL, 0 },
	{ "full", art_full, NULL, NULL, NULL, 0 },
	{ "topics", NULL, &facet_schema, art_topics_count, art_topics_item,
	  0 },
	{ "countries", NULL, &facet_schema, art_countries_count,
	  art_countries_item, 0 },
	{ "regions", NULL, &facet_schema, art_regions_count,
	  art_regions_item, 0 },
	{ "tags", NULL, &dot_schema, art_tags_count, art_tags_item, 0 },
	{ "excerpt", NULL, &dot_schema, art_excerpt_count, art_excerpt_item,
	  0 },
	{ "also", NULL, &place_schema, art_also_count, art_also_item, 0 },
};
static const struct tpl_schema article_schema = { "an article",
    article_fields, NELEM(article_fields) };

/* ---- a group ---- */

#define GROUP(obj) ((const struct brief_group_view *)(obj))

static void
group_count(const void *obj, struct str *out)
{
	put_num(out, GROUP(obj)->nentries + GROUP(obj)->nrefs);
}

static size_t
group_articles_count(const void *obj)
{
	return GROUP(obj)->nentries;
}

static const void *
group_articles_item(const void *obj, size_t i)
{
	return &GROUP(obj)->view->entries[GROUP(obj)->entries[i]];
}

static size_t
group_refs_count(const void *obj)
{
	return GROUP(obj)->nrefs;
}

static const void *
group_refs_item(const void *obj, size_t i)
{
	return &GROUP(obj)->view->entries[GROUP(obj)->refs[i]];
}

static const struct tpl_field group_fields[] = {
	{ "label", group_label, NULL, NULL, NULL, 0 },
	{ "key", group_key, NULL, NULL, NULL, 0 },
	{ "anchor", group_anchor, NULL, NULL, NULL, 0 },
	{ "count", group_count, NULL, NULL, NULL, 0 },
	{ "articles", NULL, &article_schema, group_articles_count,
	  group_articles_item, 0 },
	{ "refs", NULL, &article_schema, group_refs_count, group_refs_item,
	  0 },
};
static const struct tpl_schema group_schema = { "a group", group_fields,
    NELEM(group_fields) };

/* ---- the briefing ---- */

#define VIEW(obj) ((const struct brief_view *)(obj))

static void
root_title(const void *obj, struct str *out)
{
	put(out, VIEW(obj)->title);
}

static int64_t
view_until(const struct brief_view *v)
{
	return v->o->until != 0 ? v->o->until : v->o->generated;
}

/* The period asked for, else the oldest article's date. */
static int64_t
view_since(const struct brief_view *v)
{
	int64_t oldest = 0;

	if (v->o->since != 0)
		return v->o->since;
	for (size_t i = 0; i < v->b->n; i++)
		if (v->b->v[i].date != 0 &&
		    (oldest == 0 || v->b->v[i].date < oldest))
			oldest = v->b->v[i].date;
	return oldest;
}

static void
root_since(const void *obj, struct str *out)
{
	brief_local_time(view_since(VIEW(obj)), out);
}

static void
root_until(const void *obj, struct str *out)
{
	brief_local_time(view_until(VIEW(obj)), out);
}

static void
root_period(const void *obj, struct str *out)
{
	int64_t since = view_since(VIEW(obj));

	if (since == 0) {
		str_appendz(out, "up to ");
	} else {
		brief_local_time(since, out);
		str_appendz(out, " to ");
	}
	brief_local_time(view_until(VIEW(obj)), out);
}

static void
root_generated(const void *obj, struct str *out)
{
	brief_local_time(VIEW(obj)->o->generated, out);
}

static void
root_query(const void *obj, struct str *out)
{
	put(out, VIEW(obj)->o->query);
}

static void
root_group_by(const void *obj, struct str *out)
{
	static const char *const names[BRIEF_GROUP_COUNT] = {
		"topic", "country", "region", "feed", "none",
	};

	put(out, names[VIEW(obj)->o->group]);
}

static void
root_count(const void *obj, struct str *out)
{
	put_num(out, VIEW(obj)->nentries);
}

static void
root_format(const void *obj, struct str *out)
{
	put(out, brief_format_name(VIEW(obj)->o->format));
}

static size_t
root_groups_count(const void *obj)
{
	return VIEW(obj)->ngroups;
}

static const void *
root_groups_item(const void *obj, size_t i)
{
	return &VIEW(obj)->groups[i];
}

#define FACET_TABLE(name, k) \
	static size_t name##_count(const void *obj) \
	{ return VIEW(obj)->nfacet[k]; } \
	static const void *name##_item(const void *obj, size_t i) \
	{ return &VIEW(obj)->facets[k][i]; }
FACET_TABLE(root_topics, BRIEF_FACET_TOPIC)
FACET_TABLE(root_countries, BRIEF_FACET_COUNTRY)
FACET_TABLE(root_regions, BRIEF_FACET_REGION)
#undef FACET_TABLE

static const struct tpl_field root_fields[] = {
	{ "title", root_title, NULL, NULL, NULL, 0 },
	{ "period", root_period, NULL, NULL, NULL, 0 },
	{ "since", root_since, NULL, NULL, NULL, 0 },
	{ "until", root_until, NULL, NULL, NULL, 0 },
	{ "generated", root_generated, NULL, NULL, NULL, 0 },
	{ "query", root_query, NULL, NULL, NULL, 0 },
	{ "group_by", root_group_by, NULL, NULL, NULL, 0 },
	{ "count", root_count, NULL, NULL, NULL, 0 },
	{ "format", root_format, NULL, NULL, NULL, 0 },
	{ "groups", NULL, &group_schema, root_groups_count, root_groups_item,
	  0 },
	{ "topics", NULL, &facet_schema, root_topics_count, root_topics_item,
	  0 },
	{ "countries", NULL, &facet_schema, root_countries_count,
	  root_countries_item, 0 },
	{ "regions", NULL, &facet_schema, root_regions_count,
	  root_regions_item, 0 },
};
const struct tpl_schema brief_schema_root = { "the briefing", root_fields,
    NELEM(root_fields) };
