/*
 * feed_xml: internal to the feed module.  What feed.c (format detection,
 * the public API, item building) shares with its two back ends, feed_xml.c
 * (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 1.0/0.3 through libxml2's push parser)
 * and feed_json.c (JSON Feed 1.0/1.1 through json-c's tokener).
 * Nothing outside src/feed*.c includes this header.
 */
#ifndef SITREP_FEED_XML_H
#define SITREP_FEED_XML_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "str.h"

/*
 * Limits against hostile documents.  Text captured for one field beyond
 * FEED_FIELD_MAX bytes is cut (doc->error says so); items beyond
 * FEED_ITEMS_MAX are skipped (doc->error says so).
 */
#define FEED_FIELD_MAX ((size_t)2 << 20)
#define FEED_ITEMS_MAX 100000
/* Element nesting deeper than this ends the parse (SECURITY.md X2). */
#define FEED_DEPTH_MAX 256

/*
 * Ranks: when a field has several sources, a value only replaces what is
 * there when its source ranks strictly higher; among equals the first wins.
 */
enum feed_slot {
	FEED_SLOT_TITLE,
	FEED_SLOT_LINK,
	FEED_SLOT_GUID,
	FEED_SLOT_PUBLISHED,
	FEED_SLOT_UPDATED,
	FEED_SLOT_SUMMARY,
	FEED_SLOT_CONTENT,
	FEED_SLOT_THUMBNAIL,
	FEED_SLOT_LANGUAGE,
	FEED_SLOT_COUNT
};

/* An item while it is being read. */
struct feed_build {
	struct feed_item it;
	struct strv authors;   /* one-line names, duplicates removed */
	unsigned char rank[FEED_SLOT_COUNT];
	int guid_is_link;      /* RSS <guid isPermaLink>, true by default */
};

/* Empties b (frees everything in it) for the next item. */
void feed_build_reset(struct feed_build *b);
/* 1 when rank beats what slot holds; then records rank. */
int feed_build_claim(struct feed_build *b, enum feed_slot slot, int rank);
/* Adds an author name (made one-line; empty and repeated names ignored). */
void feed_build_add_author(struct feed_build *b, const char *s, size_t n);
/*
 * Moves the item into doc (b is left empty): joins the authors (falling
 * back to fallback_author, borrowed, may be NULL), fills published from
 * updated when only that is known, takes the link from a permalink guid
 * and the thumbnail from an image enclosure when missing.  An item with no
 * title, link, guid, summary or content is dropped.  Past FEED_ITEMS_MAX
 * items it is dropped and doc->error says so.
 */
void feed_build_commit(struct feed_doc *doc, struct feed_build *b,
    const char *fallback_author);

/* Frees what an item owns (not the item itself) and zeroes it. */
void feed_item_clear(struct feed_item *it);
/* Adds a one-line category unless empty or already there (any case). */
void feed_item_add_category(struct feed_item *it, const char *s, size_t n);
/*
 * Adds an enclosure; takes ownership of url and type (type may be NULL).
 * One with the same URL as an earlier one is dropped.
 */
void feed_item_add_enclosure(struct feed_item *it, char *url, char *type,
    int64_t length);

/* Returns owned: a new, empty document of format f. */
struct feed_doc *feed_doc_new(enum feed_format f);
/*
 * Records what went wrong; the first message is kept, except that
 * override replaces an earlier one (for the error that ended the parse).
 */
void feed_doc_set_error(struct feed_doc *doc, int override,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Returns owned: s[0..n) trimmed, resolved against base (borrowed, may be
 * NULL) and sanitised; NULL when empty.
 */
char *feed_url_resolve(const char *s, size_t n, const char *base);
/*
 * Returns owned: a one-line title from HTML (is_html) or plain text; NULL
 * when empty.
 */
char *feed_text_title(const char *s, size_t n, int is_html);
/* Returns owned: the HTML fragment s trimmed and sanitised; NULL when empty. */
char *feed_html_clean(const char *s, size_t n);
/*
 * Returns owned: plain text as an HTML fragment, escaped, blank lines
 * starting <p> paragraphs and single line breaks kept as <br>; NULL when
 * empty.
 */
char *feed_html_from_text(const char *s, size_t n);
/* A non-negative decimal integer (space around allowed), else -1. */
int64_t feed_parse_int(const char *s, size_t n);

/*
 * The XML back end.  charset (borrowed, may be NULL) is an iconv name the
 * bytes are converted from before anything else; utf8_fix asks for invalid
 * UTF-8 to be replaced with U+FFFD (and for control bytes XML cannot carry
 * to be dropped) before libxml2 sees it; ignore_decl makes libxml2 ignore
 * the declared encoding (the bytes are UTF-8 by then); skip_space drops
 * white space before the first '<' of the converted text.  line_offset is
 * added to error line numbers for lines skipped before the first '<'.
 */
struct feed_xml_opts {
	const char *base_url;
	const char *charset;
	int utf8_fix;
	int ignore_decl;
	int skip_space;
	int line_offset;
};

struct feed_xml;

/* Returns owned. */
struct feed_xml *feed_xml_new(const struct feed_xml_opts *o);
/* Feeds bytes; terminate ends the document.  Returns 0 or -1 (stop pushing). */
int feed_xml_push(struct feed_xml *x, const char *buf, size_t n,
    int terminate);
/*
 * After terminate: returns owned, the document (NULL when no feed root was
 * found, then *cause, owned, says why).
 */
struct feed_doc *feed_xml_take(struct feed_xml *x, char **cause);
void feed_xml_free(struct feed_xml *x);

/* The JSON Feed back end, same shape. */
struct feed_json;

struct feed_json *feed_json_new(const char *base_url);
int feed_json_push(struct feed_json *j, const char *buf, size_t n,
    int terminate);
struct feed_doc *feed_json_take(struct feed_json *j, char **cause);
void feed_json_free(struct feed_json *j);

#endif
