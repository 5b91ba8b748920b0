/*
 * xml: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0/0.3 through libxml2's push
 * parser with SAX2 callbacks (xml.h); the top of the XML side.  No tree is
 * built: each element start is looked up once in the sorted table of its
 * namespace (xml_rss.c, xml_atom.c, xml_modules.c), text is only kept while
 * inside an element whose text we want (xml_text.c), and an item goes to
 * the document as soon as its end tag is seen.  This file keeps what is the
 * same for every format: libxml2's set-up and limits, errors, entities,
 * namespaces, xml:base, and the document's structure (root, channel, item).
 *
 * Safety by construction (SECURITY.md X1, X2): the external entity loader
 * refuses everything; getEntity answers only with finished text from
 * xml_ent.c (HTML's named characters, and the document's own internal
 * entities expanded there once, within a cap), so &xxe; loads nothing and
 * billion laughs stops at the cap.
 */
#include "xml_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "build.h"
#include "fields.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"
#include "xml.h"
#include "xml_input.h"

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#define DEPTH_TEXT STRINGIFY(FEED_DEPTH_MAX)

/* libxml2 gets the document in pieces of at most this size. */
#define XML_CHUNK ((size_t)64 << 10)

struct ns_entry {
	const char *uri;
	unsigned char ns;
};

/*
 * Sorted by uri (strcmp).  Atom's include the names its drafts went by
 * before 1.0 (Echo, Pie, the IETF drafts' fragments): feeds from that time
 * still carry them.
 */
static const struct ns_entry namespaces[] = {
	{ "http://backend.userland.com/rss2", NS_RSS },
	{ "http://example.com/necho", NS_ATOM },
	{ "http://example.com/newformat#", NS_ATOM },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS },
	{ "http://purl.org/atom/ns#", NS_ATOM },
	{ "http://purl.org/atom/ns#draft-ietf-atompub-format-07", NS_ATOM },
	{ "http://purl.org/atom/ns#draft-ietf-atompub-format-08", NS_ATOM },
	{ "http://purl.org/atom/ns#draft-ietf-atompub-format-09", NS_ATOM },
	{ "http://purl.org/atom/ns#draft-ietf-atompub-format-10", NS_ATOM },
	{ "http://purl.org/atom/ns#draft-ietf-atompub-format-11", NS_ATOM },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/echo/", NS_ATOM },
	{ "http://purl.org/pie/", NS_ATOM },
	{ "http://purl.org/rss/1.0/", NS_RSS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://purl.org/rss/1.0/modules/syndication/", NS_SY },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "https://backend.userland.com/rss2", NS_RSS },
	{ "uri/of/echo/namespace#", NS_ATOM },
};

/*
 * Feeds that use a prefix without declaring it still mean the usual
 * namespace (libxml2 reports the element with no URI).  Sorted by prefix.
 */
static const struct ns_entry prefixes[] = {
	{ "atom", NS_ATOM },
	{ "content", NS_CONTENT },
	{ "dc", NS_DC },
	{ "dcterms", NS_DCTERMS },
	{ "media", NS_MEDIA },
	{ "rdf", NS_RDF },
	{ "sy", NS_SY },
	{ "xhtml", NS_XHTML },
};

/* Each namespace's element table. */
static const struct xml_table *const tables[NS_COUNT] = {
	[NS_RSS] = &xml_rss_table,
	[NS_ATOM] = &xml_atom_table,
	[NS_RDF] = &xml_rdf_table,
	[NS_DC] = &xml_dc_table,
	[NS_CONTENT] = &xml_content_table,
	[NS_MEDIA] = &xml_media_table,
	[NS_SY] = &xml_sy_table,
	[NS_DCTERMS] = &xml_dcterms_table,
	[NS_XHTML] = &xml_xhtml_table,
};

/* Setup */

static xmlParserInputPtr
deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void
quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/*
 * libxml2's loader is a process-wide setting; installing ours once means
 * no parser in sitrep (feeds or HTML) ever opens a file or a socket on a
 * document's behalf.
 */
static void
xml_setup(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_loader);
}

static void
xml_setup_once(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, xml_setup);
	/*
	 * The generic error channel (encoding and I/O errors that bypass the
	 * parser's own handler) prints to stderr, under curses; it is a
	 * per-thread setting, so it is silenced for each parser's thread.
	 * Parse errors reach us through serror.
	 */
	xmlSetGenericErrorFunc(NULL, quiet);
}

/* Namespaces and the element table */

static int
ns_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct ns_entry *)e)->uri);
}

static int
ns_of(struct feed_xml *x, const xmlChar *uri, const xmlChar *prefix)
{
	const struct ns_entry *e;
	int ns = NS_OTHER;

	if (uri == NULL) {
		if (prefix == NULL)
			return x->null_ns;
		e = bsearch(prefix, prefixes, NELEM(prefixes),
		    sizeof prefixes[0], ns_cmp);
		return e != NULL ? e->ns : NS_OTHER;
	}
	/* libxml2 hands out namespace names from its dictionary, so the
	 * same pointer comes back for every element of a namespace. */
	if (uri == x->last_uri)
		return x->last_ns;
	e = bsearch(uri, namespaces, NELEM(namespaces), sizeof namespaces[0],
	    ns_cmp);
	if (e != NULL)
		ns = e->ns;
	else if (x->core_uri != NULL && strcmp((const char *)uri,
	    x->core_uri) == 0)
		ns = NS_RSS;
	x->last_uri = uri;
	x->last_ns = ns;
	return ns;
}

static int
elem_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct xml_elem *)e)->name);
}

static const struct xml_elem *
elem_find(int ns, const xmlChar *name)
{
	const struct xml_table *t = tables[ns];

	if (t == NULL)
		return NULL;
	return bsearch(name, t->v, t->n, sizeof t->v[0], elem_cmp);
}

/* Errors */

static void
note_error(struct feed_xml *x, int override, int line, const char *msg)
{
	size_t n = strlen(msg);

	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	if (x->doc != NULL)
		feed_doc_set_error(x->doc, override, "line %d: %.*s", line,
		    (int)n, msg);
	else if (x->pre_error == NULL || override) {
		char *m = xasprintf("line %d: %.*s", line, (int)n, msg);

		/* libxml2's messages span lines ("...\nBytes: 0xFF") */
		free(x->pre_error);
		x->pre_error = text_oneline(m, strlen(m));
		free(m);
	}
}

/*
 * A reference to an entity nobody declared ("&bogus;"), or a bare '&'
 * (the "Q&A" that feeds write): libxml2 drops it and reports an error;
 * browsers show what was written, and so do we.  The bytes are still in
 * libxml2's input just before where it stopped.
 */
static void
keep_bare_ampersand(struct feed_xml *x, int code)
{
	xmlParserInputPtr in = x->ctxt->input;
	const xmlChar *p;

	if (x->cap == NULL || x->ctxt->instate != XML_PARSER_CONTENT ||
	    in == NULL || in->cur == NULL || in->base == NULL)
		return;
	if (code != XML_ERR_ENTITYREF_SEMICOL_MISSING &&
	    code != XML_ERR_NAME_REQUIRED && code != XML_ERR_UNDECLARED_ENTITY &&
	    code != XML_WAR_UNDECLARED_ENTITY)
		return;
	for (p = in->cur; p > in->base && in->cur - p < 64 && p[-1] != '&';)
		p--;
	if (p == in->base || p[-1] != '&')
		return;
	xml_cap_chars(x, (const char *)p - 1, (size_t)(in->cur - p) + 1);
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct feed_xml *x = ctx;

	if (e == NULL || x->done || x->failed)
		return;
	keep_bare_ampersand(x, e->code);
	/* Warnings and namespace errors do not lose anything. */
	if (e->level != XML_ERR_FATAL)
		return;

	x->nerrors++;
	note_error(x, 0, e->line + x->line_offset,
	    e->message != NULL ? e->message : "XML error");
}

/* Stops the parse for good: why is the message (not a feed, too deep). */
static void
fail(struct feed_xml *x, const char *why)
{
	if (x->failed)
		return;
	x->failed = 1;
	if (why != NULL)
		note_error(x, 1, xml_cur_line(x), why);
	xmlStopParser(x->ctxt);
}

/*
 * After a fatal error in recovery mode libxml2 2.9 skips every entity
 * reference (even &amp;) until the document is well-formed again, which it
 * never is.  Text is still delivered, so we say it is well-formed again at
 * each callback; a bare "&A" then costs those characters, not every '&amp;'
 * in the rest of the feed.
 */
static void
keep_entities(struct feed_xml *x)
{
	if (x->nerrors > 0)
		x->ctxt->wellFormed = 1;
}

/* Entities (xml_ent.c) */

static xmlEntityPtr
on_entity(void *ctx, const xmlChar *name)
{
	return xml_ent_get(ctx, name);
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *public_id, const xmlChar *system_id, xmlChar *content)
{
	(void)public_id;
	(void)system_id;
	xml_ent_declare(ctx, name, type, content);
}

/* xml:base on this element: a base for it and everything inside. */
static void
take_base(struct feed_xml *x, const xmlChar **a, int n)
{
	struct level *lv = &x->stack[x->depth];
	size_t len;
	const char *v = xml_attr_get_ns(x, a, n,
	    (const char *)XML_XML_NAMESPACE, "base", &len);
	char *url;

	if (v == NULL ||
	    (url = feed_url_resolve(v, len, x->bases[lv->base])) == NULL)
		return;
	x->bases[++x->nbases] = url;
	lv->base = (unsigned short)x->nbases;
}

/* Containers */

static void
item_begin(struct feed_xml *x, const xmlChar **a, int n)
{
	size_t len;
	const char *about;

	feed_build_reset(&x->b);
	x->item_depth = x->depth;
	/* RSS 1.0: rdf:about names the item. */
	about = xml_attr_get_ns(x, a, n,
	    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "about", &len);
	if (about != NULL) {
		feed_rank_put(x->b.rank, FEED_SLOT_GUID, 1, &x->b.it.guid,
		    feed_text_title(about, len, 0));
		/* an rdf:about is an identifier, not a permalink claim */
		x->b.guid_is_link = 1;
	}
}

static void
item_end(struct feed_xml *x)
{
	feed_build_commit(x->doc, &x->b,
	    x->doc->format == FEED_FORMAT_ATOM ? x->feed_author : NULL);
	x->item_depth = 0;
}

/* The root says what the document is. */
static void
root_begin(struct feed_xml *x, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, const xmlChar **a, int n)
{
	enum feed_format f = FEED_FORMAT_UNKNOWN;
	struct level *lv = &x->stack[1];
	int ns = uri != NULL ? ns_of(x, uri, prefix) : NS_OTHER;
	const char *lang;
	char *why;
	size_t len;

	if (strcmp((const char *)name, "rss") == 0) {
		f = FEED_FORMAT_RSS;
		lv->el = EL_RSS;
		/* Some feeds put a namespace of their own (userland's, or
		 * anything) on <rss>: its elements are RSS all the same. */
		if (uri != NULL && ns == NS_OTHER)
			x->core_uri = xstrdup((const char *)uri);
		x->last_uri = NULL;
	} else if (strcmp((const char *)name, "RDF") == 0 &&
	    (uri == NULL || ns == NS_RDF)) {
		f = FEED_FORMAT_RSS1;
		lv->el = EL_RDF;
	} else if (strcmp((const char *)name, "feed") == 0 &&
	    (uri == NULL || ns == NS_ATOM)) {
		f = FEED_FORMAT_ATOM;
		lv->el = EL_FEED;
		x->chan_depth = 1;
		if (uri == NULL)
			x->null_ns = NS_ATOM;
	}
	if (f == FEED_FORMAT_UNKNOWN) {
		if (text_eq_nocase((const char *)name,
		    strlen((const char *)name), "html"))
			why = xstrdup("not a feed: looks like an HTML page");
		else {
			char *nm;

			len = strlen((const char *)name);
			nm = text_oneline((const char *)name,
			    len < 64 ? len : 64);

			why = xasprintf("not a feed: the root element is <%s>",
			    nm);
			free(nm);
		}
		x->cause = why;
		fail(x, NULL);
		return;
	}
	x->doc = feed_doc_new(f);
	if (x->pre_error != NULL) {
		x->doc->error = x->pre_error;
		x->pre_error = NULL;
	} else if (x->ent_note != NULL) {
		x->doc->error = x->ent_note;
		x->ent_note = NULL;
	}
	lang = xml_attr_get_ns(x, a, n, (const char *)XML_XML_NAMESPACE,
	    "lang", &len);
	if (lang != NULL)
		feed_rank_put(x->feed_rank, FEED_SLOT_LANGUAGE, 1,
		    &x->doc->language, feed_text_title(lang, len, 0));
}

/* SAX callbacks */

/* A field's end tag: xml.c alone calls the tables' handlers. */
static void
field_end(struct feed_xml *x)
{
	const struct xml_elem *e = x->cap;

	x->cap = NULL;
	if (e->text != NULL)
		e->text(x, str_cstr(&x->buf), x->buf.len);
	str_clear(&x->buf);
}

/*
 * An element the table knows, at depth d: a container begins, or, where
 * the row says it counts, its start handler runs.
 */
static void
elem_begin(struct feed_xml *x, const struct xml_elem *e, int d,
    const xmlChar **a, int n)
{
	int parent = x->stack[d - 1].el;

	switch (e->role) {
	case EL_CHANNEL:
		if (d == 2 && (parent == EL_RSS || parent == EL_RDF))
			x->chan_depth = d;
		return;
	case EL_ITEM:
		if (x->item_depth == 0 && (parent == EL_CHANNEL ||
		    parent == EL_RSS || parent == EL_RDF))
			item_begin(x, a, n);
		return;
	case EL_ENTRY:
		if (x->item_depth == 0 && parent == EL_FEED && d == 2)
			item_begin(x, a, n);
		return;
	default:
		break;
	}
	if (e->start == NULL)
		return;
	if (x->item_depth > 0 && d - 1 == x->item_depth &&
	    (e->where & W_ITEM))
		e->start(x, e, 1, a, n);
	else if (x->item_depth > 0 && d > x->item_depth &&
	    (e->where & W_MEDIA))
		e->start(x, e, 1, a, n);
	else if (x->author_depth > 0 && d - 1 == x->author_depth &&
	    (e->where & W_AUTHOR))
		e->start(x, e, x->item_depth > 0, a, n);
	else if (x->item_depth == 0 && x->chan_depth > 0 &&
	    d - 1 == x->chan_depth && (e->where & W_FEED))
		e->start(x, e, 0, a, n);
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces_,
    int nb_attributes, int nb_defaulted, const xmlChar **a)
{
	struct feed_xml *x = ctx;
	struct level *lv;
	const struct xml_elem *e;
	int d = x->depth + 1, n = nb_attributes;

	(void)nb_namespaces;
	(void)namespaces_;
	(void)nb_defaulted;
	keep_entities(x);
	if (x->failed || x->done)
		return;
	if (d > FEED_DEPTH_MAX) {
		fail(x, "elements nested deeper than " DEPTH_TEXT " levels");
		return;
	}
	x->depth = d;
	lv = &x->stack[d];
	lv->el = EL_OTHER;
	lv->flags = 0;
	lv->base = x->stack[d - 1].base;
	if (n > 0)
		take_base(x, a, n);

	if (x->cap != NULL) {
		xml_cap_child_start(x, lv, name, a, n);
		return;
	}
	if (d == 1) {
		root_begin(x, name, prefix, uri, a, n);
		return;
	}
	if ((e = elem_find(ns_of(x, uri, prefix), name)) == NULL)
		return;
	lv->el = e->role;
	elem_begin(x, e, d, a, n);
}

static void
on_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct feed_xml *x = ctx;
	int d = x->depth;
	struct level *lv;

	(void)prefix;
	(void)uri;
	keep_entities(x);
	if (x->failed || x->done || d == 0)
		return;
	lv = &x->stack[d];
	if (x->cap != NULL) {
		if (d == x->cap_depth)
			field_end(x);
		else
			xml_cap_child_end(x, lv, name);
	} else if (d == x->item_depth) {
		item_end(x);
	} else if (d == x->author_depth) {
		xml_atom_author_end(x);
	} else if (d == x->chan_depth && lv->el == EL_CHANNEL) {
		x->chan_depth = 0;
	}
	if (lv->base != x->stack[d - 1].base) {
		free(x->bases[x->nbases]);
		x->bases[x->nbases--] = NULL;
	}
	x->depth = d - 1;
	if (d == 1) {
		/* Whatever follows the root (comments, junk, a second
		 * document) cannot add to the feed. */
		x->done = 1;
		xmlStopParser(x->ctxt);
	}
}

static void
on_chars(void *ctx, const xmlChar *s, int n)
{
	struct feed_xml *x = ctx;

	keep_entities(x);
	if (x->cap == NULL || n <= 0)
		return;
	xml_cap_chars(x, (const char *)s, (size_t)n);
}

/* Feeding libxml2 */

/* Sends bytes to libxml2. */
static void
parse_chunk(struct feed_xml *x, const char *s, size_t n, int terminate)
{
	if (x->failed || x->done || x->terminated)
		return;
	xmlParseChunk(x->ctxt, s, (int)n, terminate);
	if (terminate)
		x->terminated = 1;
	/* libxml2 halts by itself on some errors (encoding, resources). */
	if (!x->done && !x->failed && x->ctxt->disableSAX)
		x->failed = 1;
}

/*
 * The prolog gate (issue 12.4).  libxml2's push parser takes a '>' inside
 * a DOCTYPE's quoted system id, or inside its internal subset, for the end
 * of the declaration when a chunk happens to end after it, and fails where
 * the whole document parses.  So everything before the root element (the
 * XML declaration, comments, processing instructions, the DOCTYPE) is held
 * until the root's '<' arrives and handed over in one piece: the result no
 * longer depends on where the network split the bytes.
 */
#define PROLOG_MAX ((size_t)1 << 20)

enum prolog_state {
	PRO_TOP,        /* between declarations */
	PRO_PI,         /* <? ... ?> */
	PRO_COMMENT,    /* <!-- ... --> */
	PRO_DECL,       /* <!DOCTYPE ... > outside quotes and subset */
	PRO_DECL_QUOTE,
	PRO_SUBSET,     /* [ ... ] */
	PRO_SUB_QUOTE,
	PRO_SUB_COMMENT
};

/* 1 when s[i..n) starts with z; -1 when it may but more bytes are needed. */
static int
starts(const char *s, size_t i, size_t n, const char *z)
{
	size_t k;

	for (k = 0; z[k] != '\0'; k++) {
		if (i + k >= n)
			return -1;
		if (s[i + k] != z[k])
			return 0;
	}
	return 1;
}

/*
 * Scans the held prolog from where the last call stopped.  Returns 1 when
 * the root element (or anything that is no prolog) has begun, 0 when more
 * bytes are needed.
 */
static int
prolog_scan(struct feed_xml *x)
{
	const char *s = x->prolog.p;
	size_t i = x->prolog_pos, n = x->prolog.len;
	int st = x->prolog_state, r;

	while (i < n) {
		char c = s[i];

		switch (st) {
		case PRO_TOP:
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
				i++;
				break;
			}
			if (c != '<')
				return 1;
			if ((r = starts(s, i, n, "<?")) < 0)
				goto more;
			if (r > 0) {
				st = PRO_PI;
				i += 2;
				break;
			}
			if (starts(s, i, n, "<!") == 0)
				return 1; /* the root element */
			if ((r = starts(s, i, n, "<!--")) < 0)
				goto more;
			st = r > 0 ? PRO_COMMENT : PRO_DECL;
			i += r > 0 ? 4 : 2;
			break;
		case PRO_PI:
		case PRO_COMMENT:
		case PRO_SUB_COMMENT:
			if ((r = starts(s, i, n, st == PRO_PI ? "?>" : "-->")) < 0)
				goto more;
			if (r == 0) {
				i++;
				break;
			}
			i += st == PRO_PI ? 2 : 3;
			st = st == PRO_SUB_COMMENT ? PRO_SUBSET : PRO_TOP;
			break;
		case PRO_DECL:
			if (c == '"' || c == '\'') {
				x->prolog_quote = c;
				st = PRO_DECL_QUOTE;
			} else if (c == '[') {
				st = PRO_SUBSET;
			} else if (c == '>') {
				st = PRO_TOP;
			}
			i++;
			break;
		case PRO_DECL_QUOTE:
		case PRO_SUB_QUOTE:
			if (c == x->prolog_quote)
				st = st == PRO_DECL_QUOTE ? PRO_DECL : PRO_SUBSET;
			i++;
			break;
		case PRO_SUBSET:
			if (c == '"' || c == '\'') {
				x->prolog_quote = c;
				st = PRO_SUB_QUOTE;
			} else if (c == ']') {
				st = PRO_DECL;
			} else if (c == '<') {
				if ((r = starts(s, i, n, "<!--")) < 0)
					goto more;
				if (r > 0) {
					st = PRO_SUB_COMMENT;
					i += 3;
				}
			}
			i++;
			break;
		}
	}
more:
	x->prolog_pos = i;
	x->prolog_state = st;
	return 0;
}

/* Hands the held prolog to libxml2, once. */
static void
prolog_release(struct feed_xml *x)
{
	x->prolog_open = 1;
	if (x->prolog.len > 0)
		parse_chunk(x, x->prolog.p, x->prolog.len, 0);
	str_free(&x->prolog);
}

/* Sends what the input stage made ready, counting dropped lines. */
static void
parse_ready(struct feed_xml *x, const char *s, size_t n, int lines)
{
	x->line_offset += lines;
	if (n == 0)
		return;
	if (x->prolog_open) {
		parse_chunk(x, s, n, 0);
		return;
	}
	str_append(&x->prolog, s, n);
	if (prolog_scan(x) || x->prolog.len > PROLOG_MAX)
		prolog_release(x);
}

/* The module's API (xml.h) */

struct feed_xml *
feed_xml_new(const struct feed_xml_opts *o)
{
	struct feed_xml *x = xcalloc(1, sizeof *x);
	xmlSAXHandler h;
	int options;

	xml_input_init(&x->in, o->charset, o->utf8_fix, o->skip_space);
	xml_setup_once();
	memset(&h, 0, sizeof h);
	xmlSAXVersion(&h, 2);
	h.startElementNs = on_start;
	h.endElementNs = on_end;
	h.characters = on_chars;
	h.cdataBlock = on_chars;
	h.ignorableWhitespace = on_chars;
	h.getEntity = on_entity;
	h.serror = on_error;
	/* No document, no DTD, nothing declared is ever kept. */
	h.startDocument = NULL;
	h.endDocument = NULL;
	h.internalSubset = NULL;
	h.externalSubset = NULL;
	h.isStandalone = NULL;
	h.hasInternalSubset = NULL;
	h.hasExternalSubset = NULL;
	h.resolveEntity = NULL;
	h.getParameterEntity = NULL;
	h.entityDecl = on_entity_decl;
	h.notationDecl = NULL;
	h.attributeDecl = NULL;
	h.elementDecl = NULL;
	h.unparsedEntityDecl = NULL;
	h.setDocumentLocator = NULL;
	h.reference = NULL;
	h.processingInstruction = NULL;
	h.comment = NULL;
	h.startElement = NULL;
	h.endElement = NULL;
	h.warning = NULL;
	h.error = NULL;
	h.fatalError = NULL;

	x->ctxt = xmlCreatePushParserCtxt(&h, x, NULL, 0, NULL);
	if (x->ctxt == NULL) {
		/* Only when libxml2 cannot allocate. */
		x->failed = 1;
		x->cause = xstrdup("not a feed: the XML parser could not start");
		return x;
	}
	/*
	 * RECOVER: a stray '&' or a mismatched tag in one item should not
	 * cost the items after it.  NONET on top of the deny-all loader.
	 * Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE (X1).
	 */
	options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING;
	if (o->ignore_decl)
		options |= XML_PARSE_IGNORE_ENC;
	xmlCtxtUseOptions(x->ctxt, options);
	x->line_offset = o->line_offset;
	x->null_ns = NS_RSS;
	x->bases[0] = o->base_url != NULL ? xstrdup(o->base_url) : NULL;
	x->b.guid_is_link = 1;
	feed_build_reset(&x->b);
	return x;
}

int
feed_xml_push(struct feed_xml *x, const char *buf, size_t n, int terminate)
{
	const char *s;
	size_t k, m;
	int lines;

	while (n > 0 && !x->failed && !x->done) {
		k = n < XML_CHUNK ? n : XML_CHUNK;
		s = xml_input_pass(&x->in, buf, k, &m, &lines);
		parse_ready(x, s, m, lines);
		buf += k;
		n -= k;
	}
	if (terminate && !x->failed && !x->done) {
		s = xml_input_flush(&x->in, &m, &lines);
		parse_ready(x, s, m, lines);
	}
	if (terminate && !x->failed && !x->done && !x->prolog_open)
		prolog_release(x);
	if (terminate && !x->failed && !x->done) {
		/* a sequence cut by the end of the document */
		if ((s = xml_input_tail(&x->in)) != NULL)
			parse_chunk(x, s, 3, 0);
		parse_chunk(x, NULL, 0, 1);
	}
	return x->failed ? -1 : 0;
}

struct feed_doc *
feed_xml_take(struct feed_xml *x, char **cause)
{
	struct feed_doc *doc = x->doc;

	if (doc == NULL) {
		if (cause != NULL) {
			if (x->cause != NULL)
				*cause = xstrdup(x->cause);
			else if (x->pre_error != NULL)
				*cause = xasprintf("not a feed: %s",
				    x->pre_error);
			else
				*cause = xstrdup("not a feed: no root element");
		}
		return NULL;
	}
	/*
	 * Cut short inside an item: the field being read is lost; the item
	 * is kept when it already has a title and a link (the rest of a
	 * complete field cannot be wrong, only missing).
	 */
	if (x->item_depth > 0) {
		x->cap = NULL;
		if (x->b.it.title != NULL && x->b.it.url != NULL)
			item_end(x);
		else
			feed_build_reset(&x->b);
		x->item_depth = 0;
	}
	/*
	 * A cut document loses items: that matters more than an earlier
	 * slip libxml2 recovered from, and more than how libxml2 words the
	 * end ("Extra content", "Premature end"), so it replaces them.
	 */
	if (!x->done && !x->failed)
		feed_doc_set_error(doc, 1, "line %d: the document is cut short "
		    "(it ends before its root element does)", xml_cur_line(x));
	xml_sy_finish(x);
	x->doc = NULL;
	return doc;
}

void
feed_xml_free(struct feed_xml *x)
{
	int k;

	if (x == NULL)
		return;
	if (x->ctxt != NULL) {
		/*
		 * For "expat compatibility" libxml2 files the internal
		 * subset's entity declarations in a stand-in document of its
		 * own even with entityDecl NULL.  It never reads them for us
		 * (getEntity is ours and userData is not the context), but
		 * the document is ours to free.
		 */
		if (x->ctxt->myDoc != NULL) {
			xmlFreeDoc(x->ctxt->myDoc);
			x->ctxt->myDoc = NULL;
		}
		xmlFreeParserCtxt(x->ctxt);
	}
	feed_doc_free(x->doc);
	free(x->cause);
	free(x->pre_error);
	free(x->core_uri);
	for (k = 0; k <= x->nbases; k++)
		free(x->bases[k]);
	xml_input_free(&x->in);
	str_free(&x->prolog);
	str_free(&x->buf);
	str_free(&x->scratch);
	str_free(&x->author_name);
	str_free(&x->author_email);
	feed_build_reset(&x->b);
	free(x->feed_author);
	xml_ent_free(x);
	free(x);
}
