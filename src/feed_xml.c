/*
 * feed_xml: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0/0.3 through libxml2's
 * push parser with SAX2 callbacks.  No tree is built: each element start is
 * looked up once in a sorted table keyed on (namespace, local name), text is
 * only kept while inside an element whose text we want, and an item goes to
 * the document as soon as its end tag is seen.
 *
 * Safety by construction (SECURITY.md X1, X2): declarations in a DTD are
 * never recorded (entityDecl and friends are NULL), so &xxe; and billion
 * laughs have nothing to expand; the external entity loader refuses
 * everything; getEntity only ever answers with HTML's named characters.
 */
#include "feed.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "date.h"
#include "feed_xml.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#define DEPTH_TEXT STRINGIFY(FEED_DEPTH_MAX)

/* libxml2 gets the document in pieces of at most this size. */
#define XML_CHUNK ((size_t)64 << 10)

enum ns {
	NS_OTHER,
	NS_RSS,     /* no namespace in RSS, userland's, RSS 1.0's, RSS 0.90's */
	NS_ATOM,    /* Atom 1.0 and 0.3 */
	NS_RDF,
	NS_DC,
	NS_CONTENT,
	NS_MEDIA,
	NS_SY,
	NS_COUNT
};

struct ns_entry {
	const char *uri;
	unsigned char ns;
};

/* Sorted by uri (strcmp). */
static const struct ns_entry namespaces[] = {
	{ "http://backend.userland.com/rss2", NS_RSS },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS },
	{ "http://purl.org/atom/ns#", NS_ATOM },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/rss/1.0/", NS_RSS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://purl.org/rss/1.0/modules/syndication/", NS_SY },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "https://backend.userland.com/rss2", NS_RSS },
};

/*
 * Feeds that use a prefix without declaring it still mean the usual
 * namespace (libxml2 reports the element with no URI).  Sorted by prefix.
 */
static const struct ns_entry prefixes[] = {
	{ "atom", NS_ATOM },
	{ "content", NS_CONTENT },
	{ "dc", NS_DC },
	{ "media", NS_MEDIA },
	{ "rdf", NS_RDF },
	{ "sy", NS_SY },
};

/* What an element is. */
enum el {
	EL_OTHER,
	EL_RSS,
	EL_RDF,
	EL_FEED,
	EL_CHANNEL,
	EL_ITEM,
	EL_ENTRY,
	EL_AUTHOR,       /* Atom's <author>: a container */
	EL_ALINK,        /* Atom's <link href rel type length> */
	EL_ACATEGORY,    /* Atom's <category term label> */
	EL_ENCLOSURE,
	EL_MTHUMBNAIL,
	EL_MCONTENT,
	EL_FIELD         /* text the table's field says what to do with */
};

/* What the text of a field element becomes. */
enum field {
	F_NONE,
	F_TITLE,
	F_LINK,
	F_GUID,
	F_PUBLISHED,
	F_UPDATED,
	F_RSSAUTHOR,     /* "jane@example.com (Jane Doe)" */
	F_CREATOR,
	F_NAME,          /* Atom author name */
	F_EMAIL,         /* Atom author email */
	F_SUMMARY,
	F_CONTENT,
	F_CATEGORY,
	F_LANGUAGE,
	F_TTL,
	F_SYPERIOD,
	F_SYFREQUENCY
};

/* How the text is gathered. */
enum mode {
	M_TEXT,          /* characters only; child tags are dropped */
	M_HTML,          /* characters are HTML source; child tags kept */
	M_XHTML,         /* child elements are the HTML; characters escaped */
	M_ATOM,          /* decided by Atom's type (and 0.3's mode) */
	M_MEDIA,         /* decided by media:description's type */
	M_SKIP           /* not wanted (base64, out-of-line content) */
};

/* Where a field counts: its parent must be ... */
#define W_ITEM   1u  /* the item or entry */
#define W_FEED   2u  /* the channel or feed, outside any item */
#define W_AUTHOR 4u  /* the Atom author being read */
#define W_MEDIA  8u  /* anywhere inside the item (media:group nests) */

struct elem {
	unsigned char ns;
	const char *name;
	unsigned char el;
	unsigned char field;
	unsigned char mode;
	unsigned char rank;
	unsigned char where;
};

/*
 * The element table, sorted by (ns, name) with strcmp on names.  Ranks
 * order the sources of one value (feed_xml.h): a pubDate beats dc:date
 * beats Atom 0.3's created, and so on.
 */
static const struct elem elems[] = {
	{ NS_RSS, "author", EL_FIELD, F_RSSAUTHOR, M_TEXT, 1, W_ITEM },
	{ NS_RSS, "category", EL_FIELD, F_CATEGORY, M_TEXT, 1, W_ITEM },
	{ NS_RSS, "channel", EL_CHANNEL, F_NONE, 0, 0, 0 },
	{ NS_RSS, "description", EL_FIELD, F_SUMMARY, M_HTML, 3, W_ITEM },
	{ NS_RSS, "enclosure", EL_ENCLOSURE, F_NONE, 0, 0, W_ITEM },
	{ NS_RSS, "guid", EL_FIELD, F_GUID, M_TEXT, 2, W_ITEM },
	{ NS_RSS, "item", EL_ITEM, F_NONE, 0, 0, 0 },
	{ NS_RSS, "language", EL_FIELD, F_LANGUAGE, M_TEXT, 3, W_FEED },
	{ NS_RSS, "link", EL_FIELD, F_LINK, M_TEXT, 3, W_ITEM | W_FEED },
	{ NS_RSS, "pubDate", EL_FIELD, F_PUBLISHED, M_TEXT, 3, W_ITEM },
	{ NS_RSS, "rss", EL_RSS, F_NONE, 0, 0, 0 },
	{ NS_RSS, "title", EL_FIELD, F_TITLE, M_HTML, 2, W_ITEM | W_FEED },
	{ NS_RSS, "ttl", EL_FIELD, F_TTL, M_TEXT, 1, W_FEED },
	{ NS_ATOM, "author", EL_AUTHOR, F_NONE, 0, 0, W_ITEM | W_FEED },
	{ NS_ATOM, "category", EL_ACATEGORY, F_NONE, 0, 0, W_ITEM },
	{ NS_ATOM, "content", EL_FIELD, F_CONTENT, M_ATOM, 2, W_ITEM },
	{ NS_ATOM, "created", EL_FIELD, F_PUBLISHED, M_TEXT, 1, W_ITEM },
	{ NS_ATOM, "email", EL_FIELD, F_EMAIL, M_TEXT, 1, W_AUTHOR },
	{ NS_ATOM, "entry", EL_ENTRY, F_NONE, 0, 0, 0 },
	{ NS_ATOM, "feed", EL_FEED, F_NONE, 0, 0, 0 },
	{ NS_ATOM, "id", EL_FIELD, F_GUID, M_TEXT, 2, W_ITEM },
	{ NS_ATOM, "issued", EL_FIELD, F_PUBLISHED, M_TEXT, 3, W_ITEM },
	{ NS_ATOM, "link", EL_ALINK, F_NONE, 0, 0, W_ITEM | W_FEED },
	{ NS_ATOM, "modified", EL_FIELD, F_UPDATED, M_TEXT, 2, W_ITEM },
	{ NS_ATOM, "name", EL_FIELD, F_NAME, M_TEXT, 1, W_AUTHOR },
	{ NS_ATOM, "published", EL_FIELD, F_PUBLISHED, M_TEXT, 3, W_ITEM },
	{ NS_ATOM, "summary", EL_FIELD, F_SUMMARY, M_ATOM, 3, W_ITEM },
	{ NS_ATOM, "title", EL_FIELD, F_TITLE, M_ATOM, 2, W_ITEM | W_FEED },
	{ NS_ATOM, "updated", EL_FIELD, F_UPDATED, M_TEXT, 2, W_ITEM },
	{ NS_RDF, "RDF", EL_RDF, F_NONE, 0, 0, 0 },
	{ NS_DC, "creator", EL_FIELD, F_CREATOR, M_TEXT, 1, W_ITEM },
	{ NS_DC, "date", EL_FIELD, F_PUBLISHED, M_TEXT, 2, W_ITEM },
	{ NS_DC, "description", EL_FIELD, F_SUMMARY, M_HTML, 2, W_ITEM },
	{ NS_DC, "language", EL_FIELD, F_LANGUAGE, M_TEXT, 2, W_FEED },
	{ NS_DC, "subject", EL_FIELD, F_CATEGORY, M_TEXT, 1, W_ITEM },
	{ NS_DC, "title", EL_FIELD, F_TITLE, M_HTML, 1, W_ITEM | W_FEED },
	{ NS_CONTENT, "encoded", EL_FIELD, F_CONTENT, M_HTML, 2, W_ITEM },
	{ NS_MEDIA, "content", EL_MCONTENT, F_NONE, 0, 0, W_MEDIA },
	{ NS_MEDIA, "description", EL_FIELD, F_SUMMARY, M_MEDIA, 1, W_MEDIA },
	{ NS_MEDIA, "thumbnail", EL_MTHUMBNAIL, F_NONE, 0, 0, W_MEDIA },
	{ NS_SY, "updateFrequency", EL_FIELD, F_SYFREQUENCY, M_TEXT, 1, W_FEED },
	{ NS_SY, "updatePeriod", EL_FIELD, F_SYPERIOD, M_TEXT, 1, W_FEED },
};

/* HTML elements without an end tag, for re-serialised XHTML.  Sorted. */
static const char *const void_elems[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "param", "source", "track", "wbr",
};

/* Level flags */
#define LV_QUIET 1u   /* Atom's wrapper <div>: not part of the content */
#define LV_VOID  2u   /* serialised without an end tag */

struct level {
	unsigned char el;
	unsigned char flags;
	unsigned short base;  /* index into bases */
};

/* HTML named characters handed to libxml2, one pair per name. */
struct ent_pair {
	char *name;
	xmlEntity body;   /* in content: libxml2 inlines it as characters */
	xmlEntity attr;   /* in attributes: kept as "&name;" for attr_dup() */
};

struct feed_xml {
	xmlParserCtxtPtr ctxt;
	struct feed_doc *doc;       /* created when the root is recognised */
	char *cause;                /* why the document is not a feed */
	char *pre_error;            /* first error before the root */
	int line_offset;
	int nerrors;
	int done;                   /* the root element has ended */
	int failed;                 /* stopped: not a feed, too deep, halted */
	int terminated;

	/* charset conversion (iconv), then UTF-8 repair */
	iconv_t cd;                 /* (iconv_t)-1 when the bytes are UTF-8 */
	char ccarry[16];            /* a character cut by the chunk's end */
	size_t nccarry;
	struct str conv;
	int skip_space;             /* still before the first '<' */
	int utf8_fix;
	unsigned char carry[4];
	size_t ncarry;
	struct str fix;

	/* namespaces */
	int null_ns;                /* what no namespace means here */
	char *core_uri;             /* an RSS root's unknown namespace */
	const xmlChar *last_uri;    /* one-entry cache of ns_of() */
	int last_ns;

	/* where we are */
	struct level stack[FEED_DEPTH_MAX + 2];
	int depth;
	char *bases[FEED_DEPTH_MAX + 2];  /* [0] is the feed's URL */
	int nbases;
	int chan_depth;             /* <channel> or <feed>; 0 outside */
	int item_depth;             /* the item being read; 0 outside */
	int author_depth;           /* Atom <author> being read; 0 outside */

	/* the text being captured */
	int cap;                    /* enum field, F_NONE when not capturing */
	int cap_depth;
	int cap_mode;
	int cap_rank;
	int cap_item;               /* for the item (1) or the feed (0) */
	int cap_base;
	int cap_cut;
	int cap_div_seen;
	struct str buf;
	struct str scratch;

	/* the item being read */
	struct feed_build b;

	/* the feed's own values */
	unsigned char feed_rank[FEED_SLOT_COUNT];
	struct str author_name, author_email;
	char *feed_author;          /* Atom: entries without one inherit it */
	int64_t sy_frequency;
	int sy_period;              /* minutes, 0 when not given */

	struct ent_pair **ents;     /* sorted by name */
	size_t nents;
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

struct elem_key {
	int ns;
	const char *name;
};

static int
elem_cmp(const void *k, const void *e)
{
	const struct elem_key *key = k;
	const struct elem *el = e;

	if (key->ns != el->ns)
		return key->ns < el->ns ? -1 : 1;
	return strcmp(key->name, el->name);
}

static const struct elem *
elem_find(int ns, const xmlChar *name)
{
	struct elem_key key = { ns, (const char *)name };

	return bsearch(&key, elems, NELEM(elems), sizeof elems[0], elem_cmp);
}

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

/* Errors */

static int
cur_line(struct feed_xml *x)
{
	return xmlSAX2GetLineNumber(x->ctxt) + x->line_offset;
}

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

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct feed_xml *x = ctx;

	/* Warnings and namespace errors do not lose anything. */
	if (e == NULL || e->level != XML_ERR_FATAL || x->done || x->failed)
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
		note_error(x, 1, cur_line(x), why);
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

/* Entities */

static int
ent_cmp(const void *k, const void *e)
{
	return strcmp(k, (*(struct ent_pair *const *)e)->name);
}

static xmlEntityPtr
on_entity(void *ctx, const xmlChar *name)
{
	struct feed_xml *x = ctx;
	struct ent_pair **pp, *e;
	const char *utf8;
	size_t lo = 0, hi = x->nents, mid;
	int in_attr, c;

	if (x->ctxt->instate == XML_PARSER_CONTENT)
		in_attr = 0;
	else if (x->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE)
		in_attr = 1;
	else
		return NULL; /* inside a DTD: nothing is ever declared */
	pp = x->nents == 0 ? NULL : bsearch(name, x->ents, x->nents,
	    sizeof *x->ents, ent_cmp);
	if (pp != NULL)
		return in_attr ? &(*pp)->attr : &(*pp)->body;
	utf8 = text_html_entity((const char *)name,
	    strlen((const char *)name));
	if (utf8 == NULL)
		return NULL;
	e = xcalloc(1, sizeof *e);
	e->name = xstrdup((const char *)name);
	e->body.type = XML_ENTITY_DECL;
	e->body.name = (const xmlChar *)e->name;
	e->body.content = (xmlChar *)(uintptr_t)utf8;
	e->body.length = (int)strlen(utf8);
	/* Predefined: libxml2 passes the content on as characters. */
	e->body.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	/*
	 * In attribute values libxml2 copies only the first byte of a
	 * predefined entity; an internal one marked as checked (an even
	 * value: no '<' inside) is left as the reference "&name;" instead,
	 * which attr_dup() expands.
	 */
	e->attr = e->body;
	e->attr.etype = XML_INTERNAL_GENERAL_ENTITY;
	e->attr.checked = 2;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(e->name, x->ents[mid]->name);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	x->ents = xreallocarray(x->ents, x->nents + 1, sizeof *x->ents);
	memmove(x->ents + lo + 1, x->ents + lo,
	    (x->nents - lo) * sizeof *x->ents);
	x->ents[lo] = e;
	x->nents++;
	return in_attr ? &e->attr : &e->body;
}

/* Attributes: libxml2 gives (localname, prefix, URI, value, end) each. */

static int
attr_find(const xmlChar **a, int n, const char *uri, const char *name)
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
static void
attr_append(struct str *out, const xmlChar **a, int i)
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

/* Returns borrowed (x->scratch): the value of name, or NULL if absent. */
static const char *
attr_get(struct feed_xml *x, const xmlChar **a, int n, const char *name,
    size_t *len)
{
	int i = attr_find(a, n, NULL, name);

	if (i < 0)
		return NULL;
	str_clear(&x->scratch);
	attr_append(&x->scratch, a, i);
	*len = x->scratch.len;
	return str_cstr(&x->scratch);
}

/* Returns owned: the attribute on one line, or NULL if absent or empty. */
static char *
attr_line(struct feed_xml *x, const xmlChar **a, int n, const char *name)
{
	size_t len;
	const char *v = attr_get(x, a, n, name, &len);
	char *s;

	if (v == NULL)
		return NULL;
	s = text_oneline(v, len);
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Returns owned: attribute name as an absolute URL, or NULL. */
static char *
attr_url(struct feed_xml *x, const xmlChar **a, int n, const char *name)
{
	size_t len;
	const char *v = attr_get(x, a, n, name, &len);

	if (v == NULL)
		return NULL;
	return feed_url_resolve(v, len, x->bases[x->stack[x->depth].base]);
}

static int
attr_is(struct feed_xml *x, const xmlChar **a, int n, const char *name,
    const char *want)
{
	size_t len;
	const char *v = attr_get(x, a, n, name, &len);

	if (v == NULL)
		return 0;
	len = text_trim(&v, len);
	return text_eq_nocase(v, len, want);
}

/* xml:base on this element: a base for it and everything inside. */
static void
take_base(struct feed_xml *x, const xmlChar **a, int n)
{
	int i = attr_find(a, n, (const char *)XML_XML_NAMESPACE, "base");
	struct level *lv = &x->stack[x->depth];
	char *url;

	if (i < 0)
		return;
	str_clear(&x->scratch);
	attr_append(&x->scratch, a, i);
	url = feed_url_resolve(str_cstr(&x->scratch), x->scratch.len,
	    x->bases[lv->base]);
	if (url == NULL)
		return;
	x->bases[++x->nbases] = url;
	lv->base = (unsigned short)x->nbases;
}

/* Captured text */

static void
cap_append(struct feed_xml *x, const char *s, size_t n)
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
			    "than %zu bytes was cut", cur_line(x),
			    FEED_FIELD_MAX);
	}
	str_append(&x->buf, s, n);
}

static void
cap_escaped(struct feed_xml *x, const char *s, size_t n)
{
	str_clear(&x->scratch);
	text_html_escape_into(&x->scratch, s, n);
	cap_append(x, str_cstr(&x->scratch), x->scratch.len);
}

static void
cap_start_tag(struct feed_xml *x, const xmlChar *name, const xmlChar *prefix,
    const xmlChar **a, int n)
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
		attr_append(&val, a, i);
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
	(void)prefix;
	cap_append(x, tag.p, tag.len);
	str_free(&tag);
	str_free(&val);
}

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

	if (is_content && attr_find(a, n, NULL, "src") >= 0)
		return M_SKIP; /* out-of-line content */
	t = attr_get(x, a, n, "mode", &len);
	if (t != NULL) {
		len = text_trim(&t, len);
		if (text_eq_nocase(t, len, "base64"))
			return M_SKIP;
		escaped = text_eq_nocase(t, len, "escaped");
	}
	t = attr_get(x, a, n, "type", &len);
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

static void
cap_begin(struct feed_xml *x, const struct elem *e, int for_item,
    const xmlChar **a, int n)
{
	int mode = e->mode;

	if (mode == M_ATOM)
		mode = atom_mode(x, a, n, e->field == F_CONTENT);
	else if (mode == M_MEDIA)
		mode = attr_is(x, a, n, "type", "html") ? M_HTML : M_TEXT;
	if (mode == M_SKIP)
		return;
	if (e->field == F_GUID && for_item &&
	    attr_is(x, a, n, "isPermaLink", "false"))
		x->b.guid_is_link = 0;
	x->cap = e->field;
	x->cap_depth = x->depth;
	x->cap_mode = mode;
	x->cap_rank = e->rank;
	x->cap_item = for_item;
	x->cap_base = x->stack[x->depth].base;
	x->cap_cut = 0;
	x->cap_div_seen = 0;
	str_clear(&x->buf);
}

/* "jane@example.com (Jane Doe)" is Jane Doe. */
static void
rss_author(struct feed_build *b, const char *s, size_t n)
{
	const char *open, *close;

	n = text_trim(&s, n);
	if (n > 2 && s[n - 1] == ')' && (open = memchr(s, '(', n)) != NULL &&
	    memchr(s, '@', (size_t)(open - s)) != NULL) {
		close = s + n - 1;
		if (close - open > 1) {
			feed_build_add_author(b, open + 1,
			    (size_t)(close - open - 1));
			return;
		}
	}
	feed_build_add_author(b, s, n);
}

static int
sy_period_minutes(const char *s, size_t n)
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
	for (i = 0; i < NELEM(periods); i++)
		if (text_eq_nocase(s, n, periods[i].name))
			return periods[i].minutes;
	return 0;
}

/* Sets *dst to v (owned) when rank beats ranks[slot]; else frees v. */
static void
put_ranked(unsigned char *ranks, enum feed_slot slot, int rank, char **dst,
    char *v)
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

static void
cap_end(struct feed_xml *x)
{
	struct feed_build *b = &x->b;
	struct feed_item *it = &b->it;
	struct feed_doc *doc = x->doc;
	unsigned char *rk = x->cap_item ? b->rank : x->feed_rank;
	const char *s = str_cstr(&x->buf), *base = x->bases[x->cap_base];
	size_t n = x->buf.len;
	int rank = x->cap_rank, field = x->cap;
	int64_t t;

	x->cap = F_NONE;
	switch (field) {
	case F_TITLE:
		if (rank > rk[FEED_SLOT_TITLE])
			put_ranked(rk, FEED_SLOT_TITLE, rank, x->cap_item ?
			    &it->title : &doc->title,
			    feed_text_title(s, n, x->cap_mode != M_TEXT));
		break;
	case F_LINK:
		if (rank > rk[FEED_SLOT_LINK])
			put_ranked(rk, FEED_SLOT_LINK, rank, x->cap_item ?
			    &it->url : &doc->link,
			    feed_url_resolve(s, n, base));
		break;
	case F_GUID: {
		const char *g = s;
		size_t gn = text_trim(&g, n);

		if (gn > 0 && rank > rk[FEED_SLOT_GUID])
			put_ranked(rk, FEED_SLOT_GUID, rank, &it->guid,
			    text_oneline(g, gn));
		break;
	}
	case F_PUBLISHED:
	case F_UPDATED:
		if ((t = date_parse(s)) == DATE_UNKNOWN)
			break;
		if (field == F_PUBLISHED && feed_build_claim(b,
		    FEED_SLOT_PUBLISHED, rank))
			it->published = t;
		else if (field == F_UPDATED && feed_build_claim(b,
		    FEED_SLOT_UPDATED, rank))
			it->updated = t;
		break;
	case F_RSSAUTHOR:
		rss_author(b, s, n);
		break;
	case F_CREATOR:
		feed_build_add_author(b, s, n);
		break;
	case F_NAME:
		str_clear(&x->author_name);
		str_append(&x->author_name, s, n);
		break;
	case F_EMAIL:
		str_clear(&x->author_email);
		str_append(&x->author_email, s, n);
		break;
	case F_SUMMARY:
	case F_CONTENT: {
		enum feed_slot slot = field == F_SUMMARY ? FEED_SLOT_SUMMARY :
		    FEED_SLOT_CONTENT;

		if (rank > rk[slot])
			put_ranked(rk, slot, rank, field == F_SUMMARY ?
			    &it->summary : &it->content,
			    x->cap_mode == M_TEXT ? feed_html_from_text(s, n) :
			    feed_html_clean(s, n));
		break;
	}
	case F_CATEGORY:
		feed_item_add_category(it, s, n);
		break;
	case F_LANGUAGE:
		if (rank > rk[FEED_SLOT_LANGUAGE])
			put_ranked(rk, FEED_SLOT_LANGUAGE, rank,
			    &doc->language, feed_text_title(s, n, 0));
		break;
	case F_TTL:
		t = feed_parse_int(s, n);
		if (t > 0 && doc->ttl_minutes == 0)
			doc->ttl_minutes = t > 365 * 24 * 60 ? 365 * 24 * 60 :
			    (int)t;
		break;
	case F_SYPERIOD:
		x->sy_period = sy_period_minutes(s, n);
		break;
	case F_SYFREQUENCY:
		x->sy_frequency = feed_parse_int(s, n);
		break;
	}
	str_clear(&x->buf);
}

/* Elements with attributes that matter */

static const char *
link_rel(struct feed_xml *x, const xmlChar **a, int n, size_t *len)
{
	static const char iana[] = "http://www.iana.org/assignments/relation/";
	const char *rel = attr_get(x, a, n, "rel", len);

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

static void
atom_link(struct feed_xml *x, const xmlChar **a, int n, int for_item)
{
	size_t len;
	const char *r = link_rel(x, a, n, &len);
	char relbuf[16], *rel = NULL;
	int rank;
	char *url, *type, *lens;
	int64_t length;

	/* attr_get() reuses its buffer: keep the (short) rel apart. */
	if (r != NULL) {
		if (len >= sizeof relbuf)
			return; /* no relation we use is that long */
		memcpy(relbuf, r, len);
		relbuf[len] = '\0';
		rel = relbuf;
	}

	if (rel == NULL || text_eq_nocase(rel, len, "alternate")) {
		/* rel="alternate" beats a link without rel. */
		rank = rel == NULL ? 1 : 2;
		if (for_item) {
			if (rank > x->b.rank[FEED_SLOT_LINK])
				put_ranked(x->b.rank, FEED_SLOT_LINK, rank,
				    &x->b.it.url, attr_url(x, a, n, "href"));
		} else if (rank > x->feed_rank[FEED_SLOT_LINK]) {
			put_ranked(x->feed_rank, FEED_SLOT_LINK, rank,
			    &x->doc->link, attr_url(x, a, n, "href"));
		}
	} else if (text_eq_nocase(rel, len, "self")) {
		if (!for_item && x->doc->self_link == NULL)
			x->doc->self_link = attr_url(x, a, n, "href");
	} else if (text_eq_nocase(rel, len, "enclosure") && for_item) {
		if ((url = attr_url(x, a, n, "href")) == NULL)
			return;
		type = attr_line(x, a, n, "type");
		lens = attr_line(x, a, n, "length");
		length = lens != NULL ? feed_parse_int(lens, strlen(lens)) : 0;
		free(lens);
		feed_item_add_enclosure(&x->b.it, url, type, length);
	}
}

static void
rss_enclosure(struct feed_xml *x, const xmlChar **a, int n)
{
	char *url = attr_url(x, a, n, "url"), *type, *lens;
	int64_t length;

	if (url == NULL)
		return;
	type = attr_line(x, a, n, "type");
	lens = attr_line(x, a, n, "length");
	length = lens != NULL ? feed_parse_int(lens, strlen(lens)) : 0;
	free(lens);
	feed_item_add_enclosure(&x->b.it, url, type, length);
}

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
media_content(struct feed_xml *x, const xmlChar **a, int n)
{
	char *url = attr_url(x, a, n, "url"), *type, *medium, *lens;
	int image;
	int64_t length;

	if (url == NULL)
		return;
	type = attr_line(x, a, n, "type");
	medium = attr_line(x, a, n, "medium");
	if (medium != NULL)
		image = strcmp(medium, "image") == 0;
	else if (type != NULL)
		image = strncmp(type, "image/", 6) == 0;
	else
		image = looks_like_image(url);
	free(medium);
	if (image) {
		free(type);
		put_ranked(x->b.rank, FEED_SLOT_THUMBNAIL, 2,
		    &x->b.it.thumbnail, url);
		return;
	}
	lens = attr_line(x, a, n, "fileSize");
	length = lens != NULL ? feed_parse_int(lens, strlen(lens)) : 0;
	free(lens);
	feed_item_add_enclosure(&x->b.it, url, type, length);
}

static void
atom_category(struct feed_xml *x, const xmlChar **a, int n)
{
	size_t len;
	const char *v = attr_get(x, a, n, "label", &len);
	const char *t = v;

	if (v != NULL && text_trim(&t, len) > 0) {
		feed_item_add_category(&x->b.it, v, len);
		return;
	}
	if ((v = attr_get(x, a, n, "term", &len)) != NULL)
		feed_item_add_category(&x->b.it, v, len);
}

/* Containers */

static void
item_begin(struct feed_xml *x, const xmlChar **a, int n)
{
	int i;

	feed_build_reset(&x->b);
	x->item_depth = x->depth;
	/* RSS 1.0: rdf:about names the item. */
	i = attr_find(a, n, "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	    "about");
	if (i >= 0) {
		str_clear(&x->scratch);
		attr_append(&x->scratch, a, i);
		put_ranked(x->b.rank, FEED_SLOT_GUID, 1, &x->b.it.guid,
		    feed_text_title(str_cstr(&x->scratch), x->scratch.len, 0));
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

static void
author_end(struct feed_xml *x)
{
	const struct str *who = x->author_name.len > 0 ? &x->author_name :
	    &x->author_email;

	if (x->item_depth > 0) {
		feed_build_add_author(&x->b, str_cstr(who), who->len);
	} else if (x->feed_author == NULL) {
		char *a = text_oneline(str_cstr(who), who->len);

		if (a[0] != '\0')
			x->feed_author = a;
		else
			free(a);
	}
	x->author_depth = 0;
}

/* The root says what the document is. */
static void
root_begin(struct feed_xml *x, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, const xmlChar **a, int n)
{
	enum feed_format f = FEED_FORMAT_UNKNOWN;
	struct level *lv = &x->stack[1];
	int ns = uri != NULL ? ns_of(x, uri, prefix) : NS_OTHER;
	char *why;
	int i;

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
			size_t len = strlen((const char *)name);
			char *nm = text_oneline((const char *)name,
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
	}
	i = attr_find(a, n, (const char *)XML_XML_NAMESPACE, "lang");
	if (i >= 0) {
		str_clear(&x->scratch);
		attr_append(&x->scratch, a, i);
		put_ranked(x->feed_rank, FEED_SLOT_LANGUAGE, 1,
		    &x->doc->language,
		    feed_text_title(str_cstr(&x->scratch), x->scratch.len, 0));
	}
}

/* SAX callbacks */

static void
on_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces_,
    int nb_attributes, int nb_defaulted, const xmlChar **a)
{
	struct feed_xml *x = ctx;
	struct level *lv;
	const struct elem *e;
	int d = x->depth + 1, parent, n = nb_attributes;

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

	if (x->cap != F_NONE) {
		/* Inside a field: markup is part of its text. */
		if (x->cap_mode != M_HTML && x->cap_mode != M_XHTML)
			return;
		if (x->cap_mode == M_XHTML && d == x->cap_depth + 1 &&
		    !x->cap_div_seen && strcmp((const char *)name, "div") == 0) {
			x->cap_div_seen = 1;
			lv->flags |= LV_QUIET;
			return;
		}
		if (is_void_elem(name))
			lv->flags |= LV_VOID;
		cap_start_tag(x, name, prefix, a, n);
		return;
	}
	if (d == 1) {
		root_begin(x, name, prefix, uri, a, n);
		return;
	}
	if ((e = elem_find(ns_of(x, uri, prefix), name)) == NULL)
		return;
	lv->el = e->el;
	parent = x->stack[d - 1].el;

	switch (e->el) {
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

	/* The rest only count in the right place. */
	if (x->item_depth > 0 && d - 1 == x->item_depth &&
	    (e->where & W_ITEM)) {
		switch (e->el) {
		case EL_FIELD:
			cap_begin(x, e, 1, a, n);
			break;
		case EL_AUTHOR:
			x->author_depth = d;
			str_clear(&x->author_name);
			str_clear(&x->author_email);
			break;
		case EL_ALINK:
			atom_link(x, a, n, 1);
			break;
		case EL_ACATEGORY:
			atom_category(x, a, n);
			break;
		case EL_ENCLOSURE:
			rss_enclosure(x, a, n);
			break;
		}
	} else if (x->item_depth > 0 && d > x->item_depth &&
	    (e->where & W_MEDIA)) {
		if (e->el == EL_FIELD)
			cap_begin(x, e, 1, a, n);
		else if (e->el == EL_MCONTENT)
			media_content(x, a, n);
		else if (e->el == EL_MTHUMBNAIL)
			put_ranked(x->b.rank, FEED_SLOT_THUMBNAIL, 3,
			    &x->b.it.thumbnail, attr_url(x, a, n, "url"));
	} else if (x->author_depth > 0 && d - 1 == x->author_depth &&
	    (e->where & W_AUTHOR)) {
		cap_begin(x, e, x->item_depth > 0, a, n);
	} else if (x->item_depth == 0 && x->chan_depth > 0 &&
	    d - 1 == x->chan_depth && (e->where & W_FEED)) {
		switch (e->el) {
		case EL_FIELD:
			cap_begin(x, e, 0, a, n);
			break;
		case EL_AUTHOR:
			x->author_depth = d;
			str_clear(&x->author_name);
			str_clear(&x->author_email);
			break;
		case EL_ALINK:
			atom_link(x, a, n, 0);
			break;
		}
	}
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
	if (x->cap != F_NONE) {
		if (d == x->cap_depth) {
			cap_end(x);
		} else if ((x->cap_mode == M_HTML || x->cap_mode == M_XHTML) &&
		    !(lv->flags & (LV_QUIET | LV_VOID))) {
			cap_append(x, "</", 2);
			cap_append(x, (const char *)name,
			    strlen((const char *)name));
			cap_append(x, ">", 1);
		}
	} else if (d == x->item_depth) {
		item_end(x);
	} else if (d == x->author_depth) {
		author_end(x);
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
	if (x->cap == F_NONE || n <= 0)
		return;
	if (x->cap_mode == M_XHTML)
		cap_escaped(x, (const char *)s, (size_t)n);
	else
		cap_append(x, (const char *)s, (size_t)n);
}

/* UTF-8 repair */

static size_t
seq_need(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	if (c < 0xF5)
		return 4;
	return 0;
}

/* 1 when s[0..need) is a valid sequence (lead byte already checked). */
static int
seq_ok(const unsigned char *s, size_t need)
{
	unsigned char c = s[0], c1 = s[1];

	if ((c1 & 0xC0) != 0x80)
		return 0;
	if (need == 2)
		return 1;
	if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) ||
	    (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
		return 0;
	if ((s[2] & 0xC0) != 0x80)
		return 0;
	return need == 3 || (s[3] & 0xC0) == 0x80;
}

/* Bytes XML cannot carry at all: C0 controls other than TAB, LF, CR. */
static int
is_bad_ascii(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/*
 * Length of the leading run of s that needs no repair.  This sees every
 * byte of a UTF-8 document, so the common cases are spelled out: eight
 * ASCII bytes at a time, then two- and three-byte sequences inline.
 */
static size_t
intact_prefix(const unsigned char *s, size_t n)
{
	const uint64_t hi = 0x8080808080808080ull, lo = 0x2020202020202020ull;
	size_t i = 0;
	uint64_t w;
	unsigned char c;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			/* no byte >= 0x80 and none < 0x20 */
			if (((((w - lo) & ~w) | w) & hi) == 0) {
				i += 8;
				continue;
			}
		}
		c = s[i];
		if (c < 0x80) {
			if (is_bad_ascii(c))
				return i;
			i++;
		} else if (c >= 0xC2 && c < 0xE0) {
			if (n - i < 2 || (s[i + 1] & 0xC0) != 0x80)
				return i;
			i += 2;
		} else if (c >= 0xE0 && c < 0xF0) {
			if (n - i < 3 || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80 ||
			    (c == 0xE0 && s[i + 1] < 0xA0) ||
			    (c == 0xED && s[i + 1] > 0x9F))
				return i;
			i += 3;
		} else {
			if (seq_need(c) != 4 || n - i < 4 || !seq_ok(s + i, 4))
				return i;
			i += 4;
		}
	}
	return n;
}

/* 1 when s[0..n) validly starts one sequence that more bytes may finish. */
static int
is_open_tail(const unsigned char *s, size_t n)
{
	size_t need, i;

	if (n == 0 || n > 3)
		return 0;
	need = seq_need(s[0]);
	if (need <= n)
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

/*
 * Bytes one U+FFFD replaces at the start of an invalid s: the lead byte and
 * the continuation bytes that could still have belonged to it (a sequence
 * cut short reads as one character, as in WHATWG's decoder).
 */
static size_t
bad_run(const unsigned char *s, size_t n)
{
	size_t need = seq_need(s[0]), k = 1;
	unsigned char c = s[0];

	if (need < 2)
		return 1;
	while (k < need && k < n && (s[k] & 0xC0) == 0x80) {
		if (k == 1 && ((c == 0xE0 && s[1] < 0xA0) ||
		    (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
		    (c == 0xF4 && s[1] > 0x8F)))
			break;
		k++;
	}
	return k;
}

/*
 * Appends s with repairs to out; returns the bytes used, leaving an open
 * sequence at the end unused unless final.
 */
static size_t
repair(struct str *out, const unsigned char *s, size_t n, int final)
{
	static const char fffd[] = "\xEF\xBF\xBD";
	size_t i = 0, k;

	while (i < n) {
		k = intact_prefix(s + i, n - i);
		str_append(out, (const char *)s + i, k);
		i += k;
		if (i == n)
			break;
		if (!final && is_open_tail(s + i, n - i))
			break;
		if (s[i] < 0x80) {
			i++; /* a control byte: dropped */
			continue;
		}
		str_append(out, fffd, 3);
		i += bad_run(s + i, n - i);
	}
	return i;
}

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

static void
push_fixed(struct feed_xml *x, const char *buf, size_t n, int final)
{
	const unsigned char *s = (const unsigned char *)buf;
	unsigned char tmp[8];
	size_t k, used, take;

	str_clear(&x->fix);
	if (x->ncarry > 0) {
		/* Finish the sequence the last piece ended in. */
		take = n < 3 ? n : 3;
		memcpy(tmp, x->carry, x->ncarry);
		memcpy(tmp + x->ncarry, s, take);
		used = repair(&x->fix, tmp, x->ncarry + take,
		    final && take == n);
		if (used < x->ncarry) {
			/* still open: everything so far waits */
			memcpy(x->carry, tmp, x->ncarry + take);
			x->ncarry += take;
			return;
		}
		s += used - x->ncarry;
		n -= used - x->ncarry;
		x->ncarry = 0;
	}
	k = intact_prefix(s, n);
	if (x->fix.len == 0 && (k == n || (!final && is_open_tail(s + k,
	    n - k)))) {
		/* The usual case: nothing to repair, no copy. */
		memcpy(x->carry, s + k, n - k);
		x->ncarry = n - k;
		if (k > 0)
			parse_chunk(x, (const char *)s, k, 0);
		return;
	}
	str_append(&x->fix, (const char *)s, k);
	used = k + repair(&x->fix, s + k, n - k, final);
	memcpy(x->carry, s + used, n - used);
	x->ncarry = n - used;
	if (x->fix.len > 0)
		parse_chunk(x, x->fix.p, x->fix.len, 0);
}

/* Charset conversion */

/*
 * Converts s to UTF-8 into x->conv.  A byte the charset does not allow
 * becomes U+FFFD; a character cut by the end of s waits in ccarry unless
 * final.
 */
static void
convert(struct feed_xml *x, const char *s, size_t n, int final)
{
	struct str joined = STR_INIT;
	char *in, *out;
	size_t inleft, outleft, room;

	str_clear(&x->conv);
	if (x->nccarry > 0) {
		str_append(&joined, x->ccarry, x->nccarry);
		str_append(&joined, s, n);
		s = joined.p;
		n = joined.len;
		x->nccarry = 0;
	}
	in = (char *)(uintptr_t)s;
	inleft = n;
	while (inleft > 0) {
		room = inleft * 4 + 16;
		out = str_reserve(&x->conv, room);
		outleft = room;
		if (iconv(x->cd, &in, &inleft, &out, &outleft) != (size_t)-1) {
			x->conv.len += room - outleft;
			break;
		}
		x->conv.len += room - outleft;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && inleft < sizeof x->ccarry) {
			memcpy(x->ccarry, in, inleft);
			x->nccarry = inleft;
			break;
		}
		/* EILSEQ, or a character cut by the end of the document */
		str_append(&x->conv, "\xEF\xBF\xBD", 3);
		in++;
		inleft--;
	}
	if (final) {
		/* the shift back to the initial state (ISO-2022-JP and such) */
		out = str_reserve(&x->conv, 16);
		outleft = 16;
		if (iconv(x->cd, NULL, NULL, &out, &outleft) != (size_t)-1)
			x->conv.len += 16 - outleft;
	}
	str_reserve(&x->conv, 0);
	x->conv.p[x->conv.len] = '\0';
	str_free(&joined);
}

/*
 * Passes x->conv on, less the white space before the first '<' (libxml2
 * refuses an XML declaration that does not start the document).
 */
static void
push_converted(struct feed_xml *x)
{
	const char *s = str_cstr(&x->conv);
	size_t n = x->conv.len;

	while (x->skip_space && n > 0 && (*s == ' ' || *s == '\t' ||
	    *s == '\r' || *s == '\n')) {
		if (*s == '\n')
			x->line_offset++;
		s++;
		n--;
	}
	if (n > 0)
		x->skip_space = 0;
	if (n > 0)
		push_fixed(x, s, n, 0);
}

/* Public (module-internal) API */

struct feed_xml *
feed_xml_new(const struct feed_xml_opts *o)
{
	struct feed_xml *x = xcalloc(1, sizeof *x);
	xmlSAXHandler h;
	int options;

	x->cd = (iconv_t)-1;
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
	h.entityDecl = NULL;
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
	if (o->charset != NULL)
		x->cd = iconv_open("UTF-8", o->charset);
	x->utf8_fix = o->utf8_fix;
	x->skip_space = o->skip_space;
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
	size_t k;

	while (n > 0 && !x->failed && !x->done) {
		k = n < XML_CHUNK ? n : XML_CHUNK;
		if (x->cd != (iconv_t)-1) {
			convert(x, buf, k, 0);
			push_converted(x);
		} else if (x->utf8_fix) {
			push_fixed(x, buf, k, 0);
		} else {
			parse_chunk(x, buf, k, 0);
		}
		buf += k;
		n -= k;
	}
	if (terminate && !x->failed && !x->done && x->cd != (iconv_t)-1) {
		convert(x, "", 0, 1);
		push_converted(x);
	}
	if (terminate && !x->failed && !x->done) {
		if (x->ncarry > 0) {
			/* a sequence cut by the end of the document */
			parse_chunk(x, "\xEF\xBF\xBD", 3, 0);
			x->ncarry = 0;
		}
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
		x->cap = F_NONE;
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
		    "(it ends before its root element does)", cur_line(x));
	if (doc->ttl_minutes == 0 && x->sy_period > 0) {
		int64_t f = x->sy_frequency > 0 ? x->sy_frequency : 1;
		int64_t m = x->sy_period / f;

		doc->ttl_minutes = m > 0 ? (int)m : 1;
	}
	x->doc = NULL;
	return doc;
}

void
feed_xml_free(struct feed_xml *x)
{
	size_t i;
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
	if (x->cd != (iconv_t)-1)
		iconv_close(x->cd);
	str_free(&x->conv);
	str_free(&x->fix);
	str_free(&x->buf);
	str_free(&x->scratch);
	str_free(&x->author_name);
	str_free(&x->author_email);
	feed_build_reset(&x->b);
	free(x->feed_author);
	for (i = 0; i < x->nents; i++) {
		free(x->ents[i]->name);
		free(x->ents[i]);
	}
	free(x->ents);
	free(x);
}
