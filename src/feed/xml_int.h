/*
 * xml_int: what the files of the XML side share and nothing else sees: the
 * parser's state, the shape of an element table, and the helpers each
 * layer offers the one above it (xml.h gives the order).
 */
#ifndef SITREP_FEED_XML_INT_H
#define SITREP_FEED_XML_INT_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/parser.h>

#include "build.h"
#include "str.h"
#include "xml_input.h"

/*
 * Limits against hostile documents.  Text captured for one field beyond
 * FEED_FIELD_MAX bytes is cut (doc->error says so).
 */
#define FEED_FIELD_MAX ((size_t)2 << 20)
/* Element nesting deeper than this ends the parse (SECURITY.md X2). */
#define FEED_DEPTH_MAX 256

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum xml_ns {
	NS_OTHER,
	NS_RSS,     /* no namespace in RSS, userland's, RSS 1.0's, RSS 0.90's */
	NS_ATOM,    /* Atom 1.0 and 0.3 */
	NS_RDF,
	NS_DC,
	NS_CONTENT,
	NS_MEDIA,
	NS_SY,
	NS_DCTERMS,
	NS_XHTML,   /* xhtml:body inside an item */
	NS_COUNT
};

/*
 * What an element is in the document's structure; EL_OTHER for the rest,
 * whose table rows' handlers say what they do.
 */
enum xml_role {
	EL_OTHER,
	EL_RSS,
	EL_RDF,
	EL_FEED,
	EL_CHANNEL,
	EL_ITEM,
	EL_ENTRY
};

/* How the text of a field is gathered. */
enum xml_mode {
	M_TEXT,          /* characters only; child tags are dropped */
	M_HTML,          /* characters are HTML source; child tags kept */
	M_XHTML,         /* child elements are the HTML; characters escaped */
	M_SKIP           /* not wanted (base64, out-of-line content) */
};

/* Where a field counts: its parent must be ... */
#define W_ITEM   1u  /* the item or entry */
#define W_FEED   2u  /* the channel or feed, outside any item */
#define W_AUTHOR 4u  /* the Atom author being read */
#define W_MEDIA  8u  /* anywhere inside the item (media:group nests) */

struct feed_xml;

/*
 * One row of an element table.  start runs at the element's start tag
 * when it stands where `where` allows (for_item: inside an item rather
 * than at the feed's level); a field's start begins capturing its text
 * (xml_cap_begin), and xml.c hands that text to text at the end tag.
 * Only xml.c calls through these pointers, so the handlers they name stay
 * below it.  Each format's file has one table per namespace, sorted by
 * name (strcmp), for bsearch.
 */
struct xml_elem {
	const char *name;
	unsigned char role;    /* enum xml_role */
	unsigned char mode;    /* enum xml_mode, for xml_cap_begin */
	unsigned char rank;    /* the field's rank among its sources */
	unsigned char where;   /* W_* */
	void (*start)(struct feed_xml *x, const struct xml_elem *e,
	    int for_item, const xmlChar **a, int n);
	void (*text)(struct feed_xml *x, const char *s, size_t n);
};

struct xml_table {
	const struct xml_elem *v;
	size_t n;
};

/* The tables, by namespace (xml_rss.c, xml_atom.c, xml_modules.c). */
extern const struct xml_table xml_rss_table, xml_rdf_table, xml_atom_table,
    xml_dc_table, xml_dcterms_table, xml_content_table, xml_media_table,
    xml_sy_table, xml_xhtml_table;

/* Level flags */
#define LV_QUIET 1u   /* Atom's wrapper <div>: not part of the content */
#define LV_VOID  2u   /* serialised without an end tag */

struct level {
	unsigned char el;     /* enum xml_role */
	unsigned char flags;
	unsigned short base;  /* index into bases */
};

struct ent_pair;

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
	struct xml_input in;        /* bytes to UTF-8, before libxml2 */

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
	const struct xml_elem *cap; /* the field, NULL when not capturing */
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

	struct ent_pair **ents;     /* sorted by name (xml_ent.c) */
	size_t nents;
	size_t ent_total;           /* bytes of declared values kept */
	int ent_refused;            /* a declaration went over the cap */
	char *ent_note;             /* what that cost, for doc->error */

	/* the prolog, held until it is complete (xml.c, prolog_gate()) */
	struct str prolog;
	size_t prolog_pos;          /* scanned up to here */
	int prolog_state;
	char prolog_quote;
	int prolog_open;            /* 1 once libxml2 has had the prolog */
};

/* xml_text.c: errors need the line */
int xml_cur_line(struct feed_xml *x);

/*
 * xml_text.c: attributes.  libxml2 gives (localname, prefix, URI, value,
 * end) for each of the n in a.
 */
/* Index of the attribute name in namespace uri (NULL: none), or -1. */
int xml_attr_find(const xmlChar **a, int n, const char *uri,
    const char *name);
/* Appends attribute i's value, entities expanded. */
void xml_attr_append(struct str *out, const xmlChar **a, int i);
/*
 * Returns borrowed (x->scratch, until the next call): the value of name in
 * namespace uri (NULL: none), entities expanded; NULL if absent.
 */
const char *xml_attr_get_ns(struct feed_xml *x, const xmlChar **a, int n,
    const char *uri, const char *name, size_t *len);
/* The same for name without a namespace. */
const char *xml_attr_get(struct feed_xml *x, const xmlChar **a, int n,
    const char *name, size_t *len);
/* Returns owned: the attribute on one line, or NULL if absent or empty. */
char *xml_attr_line(struct feed_xml *x, const xmlChar **a, int n,
    const char *name);
/* Returns owned: attribute name as an absolute URL, or NULL. */
char *xml_attr_url(struct feed_xml *x, const xmlChar **a, int n,
    const char *name);
/* 1 when attribute name is want (trimmed, any case). */
int xml_attr_is(struct feed_xml *x, const xmlChar **a, int n,
    const char *name, const char *want);
/* A byte count in attribute name; 0 when absent, -1 when not a number. */
int64_t xml_attr_length(struct feed_xml *x, const xmlChar **a, int n,
    const char *name);

/* xml_text.c: captured text */
/* The start handler of a field gathered in its table row's mode. */
void xml_cap_begin(struct feed_xml *x, const struct xml_elem *e,
    int for_item, const xmlChar **a, int n);
/* The same in a mode the element's attributes decided (M_SKIP: none). */
void xml_cap_begin_mode(struct feed_xml *x, const struct xml_elem *e,
    int for_item, int mode);
/* Appends to the text, cut at FEED_FIELD_MAX. */
void xml_cap_append(struct feed_xml *x, const char *s, size_t n);
/* Characters inside the field: escaped in XHTML, as they are otherwise. */
void xml_cap_chars(struct feed_xml *x, const char *s, size_t n);
/* A child element of the field (level lv) starts, or ends. */
void xml_cap_child_start(struct feed_xml *x, struct level *lv,
    const xmlChar *name, const xmlChar **a, int n);
void xml_cap_child_end(struct feed_xml *x, const struct level *lv,
    const xmlChar *name);
/* The ranks the field competes in: the item's or the feed's own. */
unsigned char *xml_cap_ranks(struct feed_xml *x);
/* 1 when the field outranks what slot holds. */
int xml_cap_outranks(struct feed_xml *x, enum feed_slot slot);
/* Stores v (owned, may be NULL) in *dst at the field's rank. */
void xml_cap_put(struct feed_xml *x, enum feed_slot slot, char **dst,
    char *v);

/* xml_text.c: the fields several formats share */
void xml_guid_start(struct feed_xml *x, const struct xml_elem *e,
    int for_item, const xmlChar **a, int n);
void xml_guid_text(struct feed_xml *x, const char *s, size_t n);
void xml_title_text(struct feed_xml *x, const char *s, size_t n);
void xml_typed_title_text(struct feed_xml *x, const char *s, size_t n);
/* A date (s NUL-terminated) for slot at rank: the last of equals wins. */
void xml_put_date(struct feed_xml *x, const char *s, enum feed_slot slot,
    int rank);
void xml_published_text(struct feed_xml *x, const char *s, size_t n);
void xml_updated_text(struct feed_xml *x, const char *s, size_t n);
void xml_summary_text(struct feed_xml *x, const char *s, size_t n);
void xml_content_text(struct feed_xml *x, const char *s, size_t n);
void xml_category_text(struct feed_xml *x, const char *s, size_t n);
void xml_language_text(struct feed_xml *x, const char *s, size_t n);

/* xml_ent.c: entities (getEntity and entityDecl) */
xmlEntityPtr xml_ent_get(struct feed_xml *x, const xmlChar *name);
void xml_ent_declare(struct feed_xml *x, const xmlChar *name, int type,
    const xmlChar *content);
void xml_ent_free(struct feed_xml *x);

/* xml_atom.c: the end of an Atom <author> */
void xml_atom_author_end(struct feed_xml *x);
/* xml_modules.c: sy:updatePeriod/updateFrequency as the document's ttl */
void xml_sy_finish(struct feed_xml *x);

#endif
