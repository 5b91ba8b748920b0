/*
 * xml_atom: the elements of Atom 1.0 and 0.3 and what the Atom-only ones
 * mean: text constructs whose type (or 0.3's mode) says how to read them,
 * links by relation, categories by attribute, and the <author> container,
 * whose name an entry inherits from the feed when it has none.
 */
#include "xml_int.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

/*
 * Atom's type (text, html, xhtml or a MIME type) and Atom 0.3's mode
 * (xml, escaped, base64) to a gathering mode.
 */
static int
atom_mode(struct feed_xml *x, const xmlChar **a, int n, int is_content)
{
	size_t len;
	const char *t;
	int escaped = 0;

	if (is_content && xml_attr_find(a, n, NULL, "src") >= 0)
		return M_SKIP; /* out-of-line content */
	t = xml_attr_get(x, a, n, "mode", &len);
	if (t != NULL) {
		len = text_trim(&t, len);
		if (text_eq_nocase(t, len, "base64"))
			return M_SKIP;
		escaped = text_eq_nocase(t, len, "escaped");
	}
	t = xml_attr_get(x, a, n, "type", &len);
	if (t == NULL)
		return M_TEXT;
	len = text_trim(&t, len);
	if (len == 0 || text_eq_nocase(t, len, "text") ||
	    text_eq_nocase(t, len, "text/plain"))
		return M_TEXT;
	if (text_eq_nocase(t, len, "html") ||
	    text_eq_nocase(t, len, "text/html"))
		return M_HTML;
	if (text_eq_nocase(t, len, "xhtml") ||
	    text_eq_nocase(t, len, "application/xhtml+xml"))
		return escaped ? M_HTML : M_XHTML;
	if (len > 5 && text_eq_nocase(t, 5, "text/"))
		return M_TEXT;
	if ((len > 4 && text_eq_nocase(t + len - 4, 4, "+xml")) ||
	    (len > 4 && text_eq_nocase(t + len - 4, 4, "/xml")))
		return escaped ? M_TEXT : M_XHTML;
	return M_SKIP; /* binary, base64 by the spec */
}

/* A text construct: title, summary. */
static void
atom_text_start(struct feed_xml *x, const struct xml_elem *e, int for_item,
    const xmlChar **a, int n)
{
	xml_cap_begin_mode(x, e, for_item, atom_mode(x, a, n, 0));
}

/* <content>, which may also point elsewhere (src) or be binary. */
static void
atom_content_start(struct feed_xml *x, const struct xml_elem *e,
    int for_item, const xmlChar **a, int n)
{
	xml_cap_begin_mode(x, e, for_item, atom_mode(x, a, n, 1));
}

/* Authors */

static void
atom_author_start(struct feed_xml *x, const struct xml_elem *e,
    int for_item, const xmlChar **a, int n)
{
	(void)e;
	(void)for_item;
	(void)a;
	(void)n;
	x->author_depth = x->depth;
	str_clear(&x->author_name);
	str_clear(&x->author_email);
}

static void
atom_name_text(struct feed_xml *x, const char *s, size_t n)
{
	str_clear(&x->author_name);
	str_append(&x->author_name, s, n);
}

static void
atom_email_text(struct feed_xml *x, const char *s, size_t n)
{
	str_clear(&x->author_email);
	str_append(&x->author_email, s, n);
}

/* Name and email: "Name (email)", or the one there is. */
void
xml_atom_author_end(struct feed_xml *x)
{
	struct feed_build one;

	if (x->item_depth > 0) {
		feed_build_add_author_parts(&x->b, str_cstr(&x->author_name),
		    x->author_name.len, str_cstr(&x->author_email),
		    x->author_email.len);
	} else if (x->feed_author == NULL) {
		memset(&one, 0, sizeof one);
		feed_build_add_author_parts(&one, str_cstr(&x->author_name),
		    x->author_name.len, str_cstr(&x->author_email),
		    x->author_email.len);
		if (one.authors.n > 0)
			x->feed_author = xstrdup(one.authors.v[0]);
		strv_free(&one.authors);
	}
	x->author_depth = 0;
}

/* Links and categories */

/* The relation, short form ("alternate" for IANA's full URI of it). */
static const char *
link_rel(struct feed_xml *x, const xmlChar **a, int n, size_t *len)
{
	static const char iana[] = "http://www.iana.org/assignments/relation/";
	const char *rel = xml_attr_get(x, a, n, "rel", len);

	if (rel == NULL) {
		*len = 0;
		return NULL;
	}
	*len = text_trim(&rel, *len);
	if (*len > sizeof iana - 1 && memcmp(rel, iana, sizeof iana - 1) == 0) {
		rel += sizeof iana - 1;
		*len -= sizeof iana - 1;
	}
	return rel;
}

/* Relations that never name the item's page. */
static const char *const not_page_rels[] = {
	"edit", "edit-media", "enclosure", "hub", "license", "next",
	"previous", "prev", "replies", "self",
};

/* Ranks of the page link: alternate, then no rel, then the first other. */
static int
page_rank(const char *rel, size_t len)
{
	size_t i;

	if (rel == NULL)
		return 2;
	if (text_eq_nocase(rel, len, "alternate"))
		return 3;
	for (i = 0; i < NELEM(not_page_rels); i++)
		if (text_eq_nocase(rel, len, not_page_rels[i]))
			return 0;
	return 1;
}

/* <link>URL</link>, as Atom 0.3 era feeds and RSS habits write it. */
static void
atom_link_text(struct feed_xml *x, const char *s, size_t n)
{
	if (xml_cap_outranks(x, FEED_SLOT_LINK))
		xml_cap_put(x, FEED_SLOT_LINK, x->cap_item ? &x->b.it.url :
		    &x->doc->link,
		    feed_url_resolve(s, n, x->bases[x->cap_base]));
}

/* <link href rel type length/>: the page, the feed itself, an enclosure. */
static void
atom_link_start(struct feed_xml *x, const struct xml_elem *e, int for_item,
    const xmlChar **a, int n)
{
	size_t len;
	const char *r = link_rel(x, a, n, &len);
	char relbuf[16], *rel = NULL, *url;
	unsigned char *ranks;
	int rank;

	/* xml_attr_get() reuses its buffer: keep the (short) rel apart. */
	if (r != NULL) {
		if (len >= sizeof relbuf)
			return; /* no relation we use is that long */
		memcpy(relbuf, r, len);
		relbuf[len] = '\0';
		rel = relbuf;
	}

	if ((rank = page_rank(rel, len)) > 0) {
		ranks = for_item ? x->b.rank : x->feed_rank;
		if (xml_attr_find(a, n, NULL, "href") < 0) {
			/* the URL is the element's text */
			xml_cap_begin_mode(x, e, for_item, M_TEXT);
			x->cap_rank = rank;
		} else if (rank > ranks[FEED_SLOT_LINK]) {
			feed_rank_put(ranks, FEED_SLOT_LINK, rank, for_item ?
			    &x->b.it.url : &x->doc->link,
			    xml_attr_url(x, a, n, "href"));
		}
	} else if (text_eq_nocase(rel, len, "self")) {
		if (!for_item && x->doc->self_link == NULL)
			x->doc->self_link = xml_attr_url(x, a, n, "href");
	} else if (text_eq_nocase(rel, len, "enclosure") && for_item) {
		if ((url = xml_attr_url(x, a, n, "href")) != NULL)
			feed_item_add_enclosure(&x->b.it, url,
			    xml_attr_line(x, a, n, "type"),
			    xml_attr_length(x, a, n, "length"));
	}
}

/*
 * <category term label/>: the term is the category (what filing uses), the
 * label its display form; a category with only a label is that label.
 */
static void
atom_category_start(struct feed_xml *x, const struct xml_elem *e,
    int for_item, const xmlChar **a, int n)
{
	size_t len, tlen;
	const char *v = xml_attr_get(x, a, n, "label", &len);
	char *label = v != NULL ? text_oneline(v, len) : NULL;
	const char *t;

	(void)e;
	(void)for_item;
	t = xml_attr_get(x, a, n, "term", &len);
	tlen = t != NULL ? len : 0;
	if (t != NULL && text_trim(&t, tlen) > 0)
		feed_item_add_category_label(&x->b.it, t, tlen, label,
		    label != NULL ? strlen(label) : 0);
	else if (label != NULL)
		feed_item_add_category(&x->b.it, label, strlen(label));
	free(label);
}

static const struct xml_elem atom_elems[] = {
	{ "author", EL_OTHER, 0, 0, W_ITEM | W_FEED, atom_author_start, NULL },
	{ "category", EL_OTHER, 0, 0, W_ITEM, atom_category_start, NULL },
	{ "content", EL_OTHER, 0, 2, W_ITEM, atom_content_start,
	    xml_content_text },
	{ "created", EL_OTHER, M_TEXT, 1, W_ITEM, xml_cap_begin,
	    xml_published_text },
	{ "email", EL_OTHER, M_TEXT, 1, W_AUTHOR, xml_cap_begin,
	    atom_email_text },
	{ "entry", EL_ENTRY, 0, 0, 0, NULL, NULL },
	{ "feed", EL_FEED, 0, 0, 0, NULL, NULL },
	{ "id", EL_OTHER, M_TEXT, 2, W_ITEM, xml_guid_start, xml_guid_text },
	{ "issued", EL_OTHER, M_TEXT, 2, W_ITEM, xml_cap_begin,
	    xml_published_text },
	{ "link", EL_OTHER, 0, 0, W_ITEM | W_FEED, atom_link_start,
	    atom_link_text },
	{ "modified", EL_OTHER, M_TEXT, 2, W_ITEM, xml_cap_begin,
	    xml_updated_text },
	{ "name", EL_OTHER, M_TEXT, 1, W_AUTHOR, xml_cap_begin,
	    atom_name_text },
	{ "published", EL_OTHER, M_TEXT, 3, W_ITEM, xml_cap_begin,
	    xml_published_text },
	{ "summary", EL_OTHER, 0, 3, W_ITEM, atom_text_start,
	    xml_summary_text },
	{ "title", EL_OTHER, 0, 2, W_ITEM | W_FEED, atom_text_start,
	    xml_typed_title_text },
	{ "updated", EL_OTHER, M_TEXT, 3, W_ITEM, xml_cap_begin,
	    xml_updated_text },
};

const struct xml_table xml_atom_table = { atom_elems, NELEM(atom_elems) };
