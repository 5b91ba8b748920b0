/*
 * xml_text: the bottom of the XML side.  What an element's attributes say
 * and what its text is while it is captured (entities expanded, xml:base
 * applied to XHTML links, cut at FEED_FIELD_MAX), and the fields that
 * several formats fill alike: title, guid, dates, summary, content,
 * category, language.  Each format's file (xml_rss.c, xml_atom.c,
 * xml_modules.c) builds on these; this file calls none of them.
 */
#include "xml_int.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fields.h"
#include "str.h"
#include "text.h"

int
xml_cur_line(struct feed_xml *x)
{
	return xmlSAX2GetLineNumber(x->ctxt) + x->line_offset;
}

/* Attributes: libxml2 gives (localname, prefix, URI, value, end) each. */

int
xml_attr_find(const xmlChar **a, int n, const char *uri,
    const char *name)
{
	int i;

	for (i = 0; i < n; i++) {
		const xmlChar **t = a + 5 * i;

		if (strcmp((const char *)t[0], name) != 0)
			continue;
		if (uri == NULL ? t[2] == NULL :
		    t[2] != NULL && strcmp((const char *)t[2], uri) == 0)
			return i;
	}
	return -1;
}

/*
 * Appends attribute i's value.  Without NOENT libxml2 writes '&' as "&#38;"
 * and leaves our HTML entities as "&name;"; both are undone here.
 */
void
xml_attr_append(struct str *out, const xmlChar **a, int i)
{
	const char *s = (const char *)a[5 * i + 3];
	const char *end = (const char *)a[5 * i + 4];
	const char *amp, *semi, *utf8;

	while (s < end && (amp = memchr(s, '&', (size_t)(end - s))) != NULL) {
		str_append(out, s, (size_t)(amp - s));
		if (end - amp >= 5 && memcmp(amp, "&#38;", 5) == 0) {
			str_appendc(out, '&');
			s = amp + 5;
			continue;
		}
		semi = memchr(amp, ';', (size_t)(end - amp));
		utf8 = semi == NULL ? NULL : text_html_entity(amp + 1,
		    (size_t)(semi - amp - 1));
		if (utf8 != NULL) {
			str_appendz(out, utf8);
			s = semi + 1;
		} else {
			str_appendc(out, '&');
			s = amp + 1;
		}
	}
	if (s < end)
		str_append(out, s, (size_t)(end - s));
}

const char *
xml_attr_get_ns(struct feed_xml *x, const xmlChar **a, int n,
    const char *uri, const char *name, size_t *len)
{
	int i = xml_attr_find(a, n, uri, name);

	if (i < 0)
		return NULL;
	str_clear(&x->scratch);
	xml_attr_append(&x->scratch, a, i);
	*len = x->scratch.len;
	return str_cstr(&x->scratch);
}

const char *
xml_attr_get(struct feed_xml *x, const xmlChar **a, int n,
    const char *name, size_t *len)
{
	return xml_attr_get_ns(x, a, n, NULL, name, len);
}

/* Returns owned: the attribute on one line, or NULL if absent or empty. */
char *
xml_attr_line(struct feed_xml *x, const xmlChar **a, int n,
    const char *name)
{
	size_t len;
	const char *v = xml_attr_get(x, a, n, name, &len);

	return v != NULL ? feed_text_title(v, len, 0) : NULL;
}

/* Returns owned: attribute name as an absolute URL, or NULL. */
char *
xml_attr_url(struct feed_xml *x, const xmlChar **a, int n,
    const char *name)
{
	size_t len;
	const char *v = xml_attr_get(x, a, n, name, &len);

	if (v == NULL)
		return NULL;
	return feed_url_resolve(v, len, x->bases[x->stack[x->depth].base]);
}

int
xml_attr_is(struct feed_xml *x, const xmlChar **a, int n,
    const char *name, const char *want)
{
	size_t len;
	const char *v = xml_attr_get(x, a, n, name, &len);

	if (v == NULL)
		return 0;
	len = text_trim(&v, len);
	return text_eq_nocase(v, len, want);
}

int64_t
xml_attr_length(struct feed_xml *x, const xmlChar **a, int n,
    const char *name)
{
	char *v = xml_attr_line(x, a, n, name);
	int64_t length = v != NULL ? feed_parse_int(v, strlen(v)) : 0;

	free(v);
	return length;
}

/* Captured text */

void
xml_cap_append(struct feed_xml *x, const char *s, size_t n)
{
	size_t room;

	if (x->cap_cut)
		return;
	room = FEED_FIELD_MAX - x->buf.len;
	if (n > room) {
		/* Cut at a character boundary. */
		while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80)
			room--;
		n = room;
		x->cap_cut = 1;
		if (x->doc != NULL)
			feed_doc_set_error(x->doc, 0, "line %d: a text longer "
			    "than %zu bytes was cut", xml_cur_line(x),
			    FEED_FIELD_MAX);
	}
	str_append(&x->buf, s, n);
}

static void
cap_escaped(struct feed_xml *x, const char *s, size_t n)
{
	str_clear(&x->scratch);
	text_html_escape_into(&x->scratch, s, n);
	xml_cap_append(x, str_cstr(&x->scratch), x->scratch.len);
}

/* A child's start tag, re-serialised into the HTML being gathered. */
static void
cap_start_tag(struct feed_xml *x, const xmlChar *name, const xmlChar **a,
    int n)
{
	struct str tag = STR_INIT, val = STR_INIT;
	char *url;
	int i;

	str_appendc(&tag, '<');
	str_appendz(&tag, (const char *)name);
	for (i = 0; i < n; i++) {
		const xmlChar **t = a + 5 * i;

		str_appendc(&tag, ' ');
		if (t[1] != NULL) {
			str_appendz(&tag, (const char *)t[1]);
			str_appendc(&tag, ':');
		}
		str_appendz(&tag, (const char *)t[0]);
		str_appendz(&tag, "=\"");
		str_clear(&val);
		xml_attr_append(&val, a, i);
		if (t[1] == NULL && (strcmp((const char *)t[0], "href") == 0 ||
		    strcmp((const char *)t[0], "src") == 0) &&
		    (url = feed_url_resolve(str_cstr(&val), val.len,
		    x->bases[x->stack[x->depth].base])) != NULL) {
			/* xml:base applies inside XHTML content too */
			text_html_escape_into(&tag, url, strlen(url));
			free(url);
		} else {
			text_html_escape_into(&tag, str_cstr(&val), val.len);
		}
		str_appendc(&tag, '"');
	}
	str_appendc(&tag, '>');
	xml_cap_append(x, tag.p, tag.len);
	str_free(&tag);
	str_free(&val);
}

/* HTML elements without an end tag, for re-serialised XHTML.  Sorted. */
static const char *const void_elems[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "param", "source", "track", "wbr",
};

static int
str_cmp(const void *k, const void *e)
{
	return strcmp(k, *(const char *const *)e);
}

static int
is_void_elem(const xmlChar *name)
{
	return bsearch(name, void_elems, NELEM(void_elems),
	    sizeof void_elems[0], str_cmp) != NULL;
}

void
xml_cap_chars(struct feed_xml *x, const char *s, size_t n)
{
	if (x->cap_mode == M_XHTML)
		cap_escaped(x, s, n);
	else
		xml_cap_append(x, s, n);
}

/* Inside a field: markup is part of its text, where the mode keeps it. */
void
xml_cap_child_start(struct feed_xml *x, struct level *lv,
    const xmlChar *name, const xmlChar **a, int n)
{
	if (x->cap_mode != M_HTML && x->cap_mode != M_XHTML)
		return;
	if (x->cap_mode == M_XHTML && x->depth == x->cap_depth + 1 &&
	    !x->cap_div_seen && strcmp((const char *)name, "div") == 0) {
		x->cap_div_seen = 1;
		lv->flags |= LV_QUIET;
		return;
	}
	if (is_void_elem(name))
		lv->flags |= LV_VOID;
	cap_start_tag(x, name, a, n);
}

void
xml_cap_child_end(struct feed_xml *x, const struct level *lv,
    const xmlChar *name)
{
	if ((x->cap_mode == M_HTML || x->cap_mode == M_XHTML) &&
	    !(lv->flags & (LV_QUIET | LV_VOID))) {
		xml_cap_append(x, "</", 2);
		xml_cap_append(x, (const char *)name,
		    strlen((const char *)name));
		xml_cap_append(x, ">", 1);
	}
}

void
xml_cap_begin_mode(struct feed_xml *x, const struct xml_elem *e,
    int for_item, int mode)
{
	if (mode == M_SKIP)
		return;
	x->cap = e;
	x->cap_depth = x->depth;
	x->cap_mode = mode;
	x->cap_rank = e->rank;
	x->cap_item = for_item;
	x->cap_base = x->stack[x->depth].base;
	x->cap_cut = 0;
	x->cap_div_seen = 0;
	str_clear(&x->buf);
}

void
xml_cap_begin(struct feed_xml *x, const struct xml_elem *e, int for_item,
    const xmlChar **a, int n)
{
	(void)a;
	(void)n;
	xml_cap_begin_mode(x, e, for_item, e->mode);
}

unsigned char *
xml_cap_ranks(struct feed_xml *x)
{
	return x->cap_item ? x->b.rank : x->feed_rank;
}

int
xml_cap_outranks(struct feed_xml *x, enum feed_slot slot)
{
	return x->cap_rank > xml_cap_ranks(x)[slot];
}

void
xml_cap_put(struct feed_xml *x, enum feed_slot slot, char **dst, char *v)
{
	feed_rank_put(xml_cap_ranks(x), slot, x->cap_rank, dst, v);
}

/*
 * Shared fields.  Each value is only made when it outranks what is there:
 * most feeds give the same field two or three ways.
 */

/* RSS 2.0: a guid is not the item's link when isPermaLink="false". */
void
xml_guid_start(struct feed_xml *x, const struct xml_elem *e, int for_item,
    const xmlChar **a, int n)
{
	if (for_item && xml_attr_is(x, a, n, "isPermaLink", "false"))
		x->b.guid_is_link = 0;
	xml_cap_begin(x, e, for_item, a, n);
}

void
xml_guid_text(struct feed_xml *x, const char *s, size_t n)
{
	n = text_trim(&s, n);
	if (n > 0 && xml_cap_outranks(x, FEED_SLOT_GUID))
		xml_cap_put(x, FEED_SLOT_GUID, &x->b.it.guid,
		    text_oneline(s, n));
}

/*
 * A title whose format does not say whether it is HTML (RSS, Dublin
 * Core): HTML when it reads as HTML, else plain text, so that "History of
 * the <blink> tag" keeps its words.
 */
void
xml_title_text(struct feed_xml *x, const char *s, size_t n)
{
	if (xml_cap_outranks(x, FEED_SLOT_TITLE))
		xml_cap_put(x, FEED_SLOT_TITLE, x->cap_item ? &x->b.it.title :
		    &x->doc->title, feed_text_title(s, n, x->cap_mode ==
		    M_XHTML || (x->cap_mode == M_HTML &&
		    feed_looks_like_html(s, n))));
}

/* A title whose type says what it is (Atom): only HTML loses its tags. */
void
xml_typed_title_text(struct feed_xml *x, const char *s, size_t n)
{
	if (xml_cap_outranks(x, FEED_SLOT_TITLE))
		xml_cap_put(x, FEED_SLOT_TITLE, x->cap_item ? &x->b.it.title :
		    &x->doc->title,
		    feed_text_title(s, n, x->cap_mode != M_TEXT));
}

/*
 * s is NUL-terminated (the capture buffer), as date_parse() needs.  Of
 * repeated elements of one rank the last wins, as in the major parsers
 * (a feed that repeats pubDate means the later one).
 */
void
xml_put_date(struct feed_xml *x, const char *s, enum feed_slot slot,
    int rank)
{
	int64_t t = date_parse(s);

	if (t == DATE_UNKNOWN || rank < x->b.rank[slot])
		return;
	x->b.rank[slot] = (unsigned char)rank;
	if (slot == FEED_SLOT_PUBLISHED)
		x->b.it.published = t;
	else
		x->b.it.updated = t;
}

void
xml_published_text(struct feed_xml *x, const char *s, size_t n)
{
	(void)n;
	xml_put_date(x, s, FEED_SLOT_PUBLISHED, x->cap_rank);
}

void
xml_updated_text(struct feed_xml *x, const char *s, size_t n)
{
	(void)n;
	xml_put_date(x, s, FEED_SLOT_UPDATED, x->cap_rank);
}

/* Summary and content are HTML; plain text is escaped into HTML. */
static void
put_html(struct feed_xml *x, const char *s, size_t n, enum feed_slot slot,
    char **dst)
{
	/* escaped HTML's relative links: against xml:base, else the feed's
	 * URL (XHTML's were resolved as its tags were written) */
	if (xml_cap_outranks(x, slot))
		xml_cap_put(x, slot, dst, x->cap_mode == M_TEXT ?
		    feed_html_from_text(s, n) : x->cap_mode == M_HTML ?
		    feed_html_clean_base(s, n, x->bases[x->cap_base]) :
		    feed_html_clean(s, n));
}

void
xml_summary_text(struct feed_xml *x, const char *s, size_t n)
{
	put_html(x, s, n, FEED_SLOT_SUMMARY, &x->b.it.summary);
}

void
xml_content_text(struct feed_xml *x, const char *s, size_t n)
{
	put_html(x, s, n, FEED_SLOT_CONTENT, &x->b.it.content);
}

void
xml_category_text(struct feed_xml *x, const char *s, size_t n)
{
	feed_item_add_category(&x->b.it, s, n);
}

void
xml_language_text(struct feed_xml *x, const char *s, size_t n)
{
	if (xml_cap_outranks(x, FEED_SLOT_LANGUAGE))
		xml_cap_put(x, FEED_SLOT_LANGUAGE, &x->doc->language,
		    feed_text_title(s, n, 0));
}
