/*
 * xml_rss: the elements of RSS 0.9x/2.0 and RSS 1.0 (RDF) and what the
 * RSS-only ones mean.  One sorted table per namespace; RSS 1.0 and 0.90
 * reuse RSS's names in namespaces of their own, which xml.c maps to NS_RSS.
 * Ranks order the sources of one value across tables: a pubDate beats
 * dc:date beats Atom 0.3's created, and so on.
 */
#include "xml_int.h"

#include <string.h>

#include "fields.h"
#include "text.h"

/* "jane@example.com (Jane Doe)" is Jane Doe (jane@example.com). */
static void
rss_author_text(struct feed_xml *x, const char *s, size_t n)
{
	feed_build_add_author_text(&x->b, s, n);
}

/* <enclosure url type length/> */
static void
rss_enclosure_start(struct feed_xml *x, const struct xml_elem *e,
    int for_item, const xmlChar **a, int n)
{
	char *url = xml_attr_url(x, a, n, "url");

	(void)e;
	(void)for_item;
	if (url != NULL)
		feed_item_add_enclosure(&x->b.it, url,
		    xml_attr_line(x, a, n, "type"),
		    xml_attr_length(x, a, n, "length"));
}

/* The item's link, or the channel's home page. */
static void
rss_link_text(struct feed_xml *x, const char *s, size_t n)
{
	if (xml_cap_outranks(x, FEED_SLOT_LINK))
		xml_cap_put(x, FEED_SLOT_LINK, x->cap_item ? &x->b.it.url :
		    &x->doc->link,
		    feed_url_resolve(s, n, x->bases[x->cap_base]));
}

/* <tags>: categories separated by commas, else by white space. */
static void
rss_tags_text(struct feed_xml *x, const char *s, size_t n)
{
	const char *end = s + n, *p;
	int comma = memchr(s, ',', n) != NULL;

	while (s < end) {
		p = s;
		while (p < end && (comma ? *p != ',' : *p != ' ' &&
		    *p != '\t' && *p != '\n' && *p != '\r'))
			p++;
		feed_item_add_category(&x->b.it, s, (size_t)(p - s));
		s = p + 1;
	}
}

/* Minutes between refreshes, capped at a year. */
static void
rss_ttl_text(struct feed_xml *x, const char *s, size_t n)
{
	int64_t t = feed_parse_int(s, n);

	if (t > 0 && x->doc->ttl_minutes == 0)
		x->doc->ttl_minutes = t > 365 * 24 * 60 ? 365 * 24 * 60 :
		    (int)t;
}

/*
 * Ranks: description beats RSS <summary> beats dc:description; xhtml:body
 * beats content:encoded beats <fullitem>; pubDate beats dc:date beats
 * Atom's published, issued, created.
 */
static const struct xml_elem rss_elems[] = {
	{ "author", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin,
	    rss_author_text },
	{ "category", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin,
	    xml_category_text },
	{ "channel", EL_CHANNEL, 0, 0, 0, NULL, NULL },
	{ "description", EL_OTHER, M_HTML, 4, W_ITEM, xml_cap_begin,
	    xml_summary_text },
	{ "enclosure", EL_OTHER, 0, 0, W_ITEM, rss_enclosure_start, NULL },
	{ "fullitem", EL_OTHER, M_HTML, 1, W_ITEM, xml_cap_begin,
	    xml_content_text },
	{ "guid", EL_OTHER, M_TEXT, 2, W_ITEM, xml_guid_start, xml_guid_text },
	{ "item", EL_ITEM, 0, 0, 0, NULL, NULL },
	{ "language", EL_OTHER, M_TEXT, 3, W_FEED, xml_cap_begin,
	    xml_language_text },
	{ "link", EL_OTHER, M_TEXT, 3, W_ITEM | W_FEED, xml_cap_begin,
	    rss_link_text },
	{ "pubDate", EL_OTHER, M_TEXT, 5, W_ITEM, xml_cap_begin,
	    xml_published_text },
	{ "rss", EL_RSS, 0, 0, 0, NULL, NULL },
	{ "summary", EL_OTHER, M_HTML, 3, W_ITEM, xml_cap_begin,
	    xml_summary_text },
	{ "tags", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin, rss_tags_text },
	{ "title", EL_OTHER, M_HTML, 2, W_ITEM | W_FEED, xml_cap_begin,
	    xml_title_text },
	{ "ttl", EL_OTHER, M_TEXT, 1, W_FEED, xml_cap_begin, rss_ttl_text },
};

static const struct xml_elem rdf_elems[] = {
	{ "RDF", EL_RDF, 0, 0, 0, NULL, NULL },
};

const struct xml_table xml_rss_table = { rss_elems, NELEM(rss_elems) };
const struct xml_table xml_rdf_table = { rdf_elems, NELEM(rdf_elems) };
