/*
 * xml_modules: the namespaces any XML format borrows, each with its own
 * sorted table: Dublin Core (dc:), content:encoded, Media RSS (media:) and
 * syndication (sy:).  Apart from xml_rss.c and xml_atom.c because they mean
 * the same wherever they turn up; their ranks sit below the format's own
 * element for the same value.
 */
#include "xml_int.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "text.h"

/* Dublin Core and content */

static void
dc_creator_text(struct feed_xml *x, const char *s, size_t n)
{
	feed_build_add_author_text(&x->b, s, n);
}

/* dc:date is when the item was published and, failing better, updated. */
static void
dc_date_text(struct feed_xml *x, const char *s, size_t n)
{
	(void)n;
	xml_put_date(x, s, FEED_SLOT_PUBLISHED, 4);
	xml_put_date(x, s, FEED_SLOT_UPDATED, 1);
}

static const struct xml_elem dc_elems[] = {
	{ "author", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin,
	    dc_creator_text },
	{ "creator", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin,
	    dc_creator_text },
	{ "date", EL_OTHER, M_TEXT, 4, W_ITEM, xml_cap_begin, dc_date_text },
	{ "description", EL_OTHER, M_HTML, 2, W_ITEM, xml_cap_begin,
	    xml_summary_text },
	{ "language", EL_OTHER, M_TEXT, 2, W_FEED, xml_cap_begin,
	    xml_language_text },
	{ "subject", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin,
	    xml_category_text },
	{ "title", EL_OTHER, M_HTML, 1, W_ITEM | W_FEED, xml_cap_begin,
	    xml_title_text },
};

/* DCMI terms: the refinements of Dublin Core's elements. */
static const struct xml_elem dcterms_elems[] = {
	{ "created", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin,
	    xml_published_text },
	{ "creator", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin,
	    dc_creator_text },
	{ "date", EL_OTHER, M_TEXT, 4, W_ITEM, xml_cap_begin, dc_date_text },
	{ "description", EL_OTHER, M_HTML, 2, W_ITEM, xml_cap_begin,
	    xml_summary_text },
	{ "issued", EL_OTHER, M_TEXT, 2, W_ITEM, xml_cap_begin,
	    xml_published_text },
	{ "modified", EL_OTHER, M_TEXT, 2, W_ITEM, xml_cap_begin,
	    xml_updated_text },
	{ "subject", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin,
	    xml_category_text },
	{ "title", EL_OTHER, M_HTML, 1, W_ITEM | W_FEED, xml_cap_begin,
	    xml_title_text },
};

/* XHTML's <body> inside an item: its full text. */
static const struct xml_elem xhtml_elems[] = {
	{ "body", EL_OTHER, M_XHTML, 3, W_ITEM, xml_cap_begin,
	    xml_content_text },
};

static const struct xml_elem content_elems[] = {
	{ "encoded", EL_OTHER, M_HTML, 2, W_ITEM, xml_cap_begin,
	    xml_content_text },
};

/* Media RSS: anywhere inside the item, as media:group nests them. */

static int
looks_like_image(const char *url)
{
	static const char *const exts[] = {
		".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif",
	};
	const char *end = url + strcspn(url, "?#");
	size_t i, n;

	for (i = 0; i < NELEM(exts); i++) {
		n = strlen(exts[i]);
		if ((size_t)(end - url) > n &&
		    text_eq_nocase(end - n, n, exts[i]))
			return 1;
	}
	return 0;
}

/*
 * media:content: an image is a thumbnail candidate; anything else (video,
 * audio) is an enclosure, unless one with that URL is there already.
 */
static void
media_content_start(struct feed_xml *x, const struct xml_elem *e,
    int for_item, const xmlChar **a, int n)
{
	char *url = xml_attr_url(x, a, n, "url"), *type, *medium;
	int image;

	(void)e;
	(void)for_item;
	if (url == NULL)
		return;
	type = xml_attr_line(x, a, n, "type");
	medium = xml_attr_line(x, a, n, "medium");
	if (medium != NULL)
		image = strcmp(medium, "image") == 0;
	else if (type != NULL)
		image = strncmp(type, "image/", 6) == 0;
	else
		image = looks_like_image(url);
	free(medium);
	if (image) {
		free(type);
		feed_rank_put(x->b.rank, FEED_SLOT_THUMBNAIL, 2,
		    &x->b.it.thumbnail, url);
		return;
	}
	feed_item_add_enclosure(&x->b.it, url, type,
	    xml_attr_length(x, a, n, "fileSize"));
}

/* media:title and media:description are plain text unless type="html". */
static void
media_text_start(struct feed_xml *x, const struct xml_elem *e,
    int for_item, const xmlChar **a, int n)
{
	xml_cap_begin_mode(x, e, for_item,
	    xml_attr_is(x, a, n, "type", "html") ? M_HTML : M_TEXT);
}

/* Kept aside: the item's own title and summary come first (build.c). */
static void
media_description_text(struct feed_xml *x, const char *s, size_t n)
{
	if (x->b.media_summary == NULL)
		x->b.media_summary = x->cap_mode == M_TEXT ?
		    feed_html_from_text(s, n) : feed_html_clean(s, n);
}

static void
media_title_text(struct feed_xml *x, const char *s, size_t n)
{
	if (x->b.media_title == NULL)
		x->b.media_title = feed_text_title(s, n, x->cap_mode != M_TEXT);
}

static void
media_thumbnail_start(struct feed_xml *x, const struct xml_elem *e,
    int for_item, const xmlChar **a, int n)
{
	(void)e;
	(void)for_item;
	feed_rank_put(x->b.rank, FEED_SLOT_THUMBNAIL, 3, &x->b.it.thumbnail,
	    xml_attr_url(x, a, n, "url"));
}

static const struct xml_elem media_elems[] = {
	{ "content", EL_OTHER, 0, 0, W_MEDIA, media_content_start, NULL },
	{ "description", EL_OTHER, 0, 1, W_MEDIA, media_text_start,
	    media_description_text },
	{ "thumbnail", EL_OTHER, 0, 0, W_MEDIA, media_thumbnail_start, NULL },
	{ "title", EL_OTHER, 0, 1, W_MEDIA, media_text_start,
	    media_title_text },
};

/* Syndication: how often the feed changes, when it has no <ttl>. */

static void
sy_period_text(struct feed_xml *x, const char *s, size_t n)
{
	static const struct { const char *name; int minutes; } periods[] = {
		{ "hourly", 60 },
		{ "daily", 24 * 60 },
		{ "weekly", 7 * 24 * 60 },
		{ "monthly", 30 * 24 * 60 },
		{ "yearly", 365 * 24 * 60 },
	};
	size_t i;

	n = text_trim(&s, n);
	x->sy_period = 0;
	for (i = 0; i < NELEM(periods); i++) {
		if (text_eq_nocase(s, n, periods[i].name)) {
			x->sy_period = periods[i].minutes;
			break;
		}
	}
}

static void
sy_frequency_text(struct feed_xml *x, const char *s, size_t n)
{
	x->sy_frequency = feed_parse_int(s, n);
}

void
xml_sy_finish(struct feed_xml *x)
{
	struct feed_doc *doc = x->doc;

	if (doc->ttl_minutes == 0 && x->sy_period > 0) {
		int64_t f = x->sy_frequency > 0 ? x->sy_frequency : 1;
		int64_t m = x->sy_period / f;

		doc->ttl_minutes = m > 0 ? (int)m : 1;
	}
}

static const struct xml_elem sy_elems[] = {
	{ "updateFrequency", EL_OTHER, M_TEXT, 1, W_FEED, xml_cap_begin,
	    sy_frequency_text },
	{ "updatePeriod", EL_OTHER, M_TEXT, 1, W_FEED, xml_cap_begin,
	    sy_period_text },
};

const struct xml_table xml_dc_table = { dc_elems, NELEM(dc_elems) };
const struct xml_table xml_dcterms_table = {
	dcterms_elems, NELEM(dcterms_elems)
};
const struct xml_table xml_xhtml_table = { xhtml_elems, NELEM(xhtml_elems) };
const struct xml_table xml_content_table = {
	content_elems, NELEM(content_elems)
};
const struct xml_table xml_media_table = { media_elems, NELEM(media_elems) };
const struct xml_table xml_sy_table = { sy_elems, NELEM(sy_elems) };
