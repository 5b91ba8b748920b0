/*
 * feed: bytes of a feed document to a struct feed_doc with its items.
 *
 * One streaming parser for every format: the first significant byte decides
 * between XML (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 1.0/0.3, through libxml2's
 * push parser with SAX2 callbacks) and JSON Feed 1.0/1.1 (json-c's
 * incremental tokener).  Bytes may arrive in chunks of any size, straight
 * from a transfer's write callback.
 *
 * Everything in a feed_doc is UTF-8 and has passed the sanitiser
 * (text.h, SECURITY.md T1).  Titles, authors and categories are one-line
 * plain text; summary and content are HTML fragments (plain-text sources are
 * escaped into HTML); links are absolute where a base was known.
 *
 * What a caller may notice (decisions of the implementation):
 * - An item is kept when it carries any field at all (only an author, a
 *   category, a date or an enclosure is enough).  Without a title it gets
 *   one made from its summary's first words, else its link or enclosure,
 *   else its date, and title_derived says so.
 * - An item dated only by its last update has published = updated.
 * - A document cut short keeps every complete item; the item being read at
 *   the cut is kept when it already has a title and a link, without the
 *   field that was being read.  doc->error says the document was cut.
 * - Broken XML is recovered where libxml2 can (a stray '&', a mismatched
 *   tag): the items after the slip are kept, doc->error names the first.
 * - Anything after the root element (comments, junk, a second document) is
 *   ignored and is no error.
 * - Broken JSON: the feed's fields written before "items" and every item
 *   complete before the break are kept.
 * - Limits: 2 MiB of text per field (cut beyond), 100000 items (the rest
 *   skipped), 256 levels of nesting (the parse stops); doc->error says so.
 * - Charset: a BOM, else the XML declaration, else opts->http_charset, else
 *   UTF-8.  Labels read as the supersets browsers use (GB2312 as GB18030,
 *   ISO-8859-1 as windows-1252, Shift_JIS as CP932); a byte invalid in the
 *   charset, or invalid UTF-8, reads as U+FFFD and the parse goes on.
 */
#ifndef SITREP_FEED_H
#define SITREP_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "str.h"

enum feed_format {
	FEED_FORMAT_UNKNOWN,
	FEED_FORMAT_RSS,      /* RSS 0.91, 0.92, 2.0 */
	FEED_FORMAT_RSS1,     /* RSS 1.0 (RDF) */
	FEED_FORMAT_ATOM,     /* Atom 1.0 and 0.3 */
	FEED_FORMAT_JSONFEED, /* JSON Feed 1.0 and 1.1 */
	FEED_FORMAT_COUNT
};

struct feed_enclosure {
	char *url;
	char *type;     /* MIME type, or NULL */
	int64_t length; /* bytes, or 0 when unknown */
};

struct feed_item {
	char *guid;      /* guid / id / rdf:about; NULL when absent */
	char *url;       /* the article link, absolute; NULL when absent */
	char *title;     /* one line of plain text; NULL when absent */
	char *author;    /* one line; several authors joined with ", " */
	int64_t published; /* UTC seconds or DATE_UNKNOWN */
	int64_t updated;   /* UTC seconds or DATE_UNKNOWN */
	char *summary;   /* HTML fragment or NULL */
	char *content;   /* HTML fragment (full text) or NULL */
	struct strv categories; /* one-line texts, duplicates removed: what
	                           filing uses (Atom's term) */
	struct strv category_labels; /* one per category, its display form
	                                (Atom's label; else the category) */
	int title_derived; /* 1: the feed gave no title; sitrep made title from
	                      the summary's first words, the link or the date */
	struct feed_enclosure *enclosures;
	size_t nenclosures;
	char *thumbnail; /* image URL or NULL */
	/*
	 * Filled by classification (ingest.h), never by the parser: topic
	 * keys, ISO country codes and region keys.  The store writes them
	 * only when the document says it was classified (doc->classified).
	 */
	struct strv topics;
	struct strv countries;
	struct strv regions;
	/*
	 * Filled by store_prepare_doc() (store.h), never by the parser: the
	 * plain text the full-text index takes for summary and content, made
	 * ahead on a thread that is not the cache's writer.
	 */
	char *index_summary;
	char *index_content;
};

struct feed_doc {
	enum feed_format format;
	char *title;     /* one line, or NULL */
	char *link;      /* the site's home page, or NULL */
	char *self_link; /* the feed's own URL as it states it, or NULL */
	char *language;  /* as declared ("en-us"), or NULL */
	int ttl_minutes; /* <ttl> or sy:updatePeriod/sy:updateFrequency; 0 = none */
	struct feed_item *items; /* in document order */
	size_t nitems;
	/*
	 * Set when the document was broken or cut short: every item recovered
	 * before the break is kept in items, and this says what went wrong
	 * ("line 12: ... "). NULL for a clean parse.
	 */
	char *error;
	/*
	 * Set by classification: every item's topics, countries and regions
	 * are filled (possibly empty), and the store replaces what it holds
	 * for new and changed articles.  0 from the parser: the store leaves
	 * stored classifications alone.
	 */
	int classified;
	/* Set by store_prepare_doc(): every item's index_* text is ready. */
	int index_ready;
};

struct feed_parse_opts {
	const char *base_url;     /* the feed's URL: base for relative links */
	const char *http_charset; /* charset from Content-Type, or NULL */
	size_t max_bytes;         /* 0: no limit; over it the parse fails */
};

struct feed_parser;

/* Returns owned; opts may be NULL. Strings in opts are copied. */
struct feed_parser *feed_parser_new(const struct feed_parse_opts *opts);
/*
 * Feeds the next n bytes.  Returns 0, or -1 when the document can no longer
 * be parsed (not a feed, over max_bytes, nesting too deep, a fatal error):
 * then stop pushing; feed_parser_finish() still returns what was recovered.
 */
int feed_parser_push(struct feed_parser *p, const char *buf, size_t n);
/*
 * Ends the document.  Returns owned: the document with every item recovered
 * (doc->error says what went wrong, if anything), or NULL when nothing at all
 * could be recognised as a feed, with *cause (owned) saying why.
 */
struct feed_doc *feed_parser_finish(struct feed_parser *p, char **cause);
void feed_parser_free(struct feed_parser *p);

/* One-shot form of the above for a whole buffer. */
struct feed_doc *feed_parse(const char *buf, size_t n,
    const struct feed_parse_opts *opts, char **cause);

void feed_doc_free(struct feed_doc *doc);

/* "rss", "rss1", "atom", "jsonfeed" or "unknown"; static. */
const char *feed_format_name(enum feed_format f);

#endif
