/*
 * sniff: what the first bytes of a document are (XML, JSON, an HTML page,
 * nothing), and which character set its XML is to be read in.  A leaf of
 * the parser: feed.c asks, and it calls no other file of the parser.
 */
#ifndef SITREP_FEED_SNIFF_H
#define SITREP_FEED_SNIFF_H

#include <stddef.h>

/*
 * How much of a document's start is held to decide its format: enough for a
 * BOM, some white space and an XML declaration.  Anything longer than this
 * before the first '<' or '{' is not a feed.
 */
#define FEED_SNIFF_MAX 4096

enum feed_sniff_verdict {
	FEED_SNIFF_MORE,    /* cannot tell yet: hold more bytes */
	FEED_SNIFF_XML,
	FEED_SNIFF_JSON,
	FEED_SNIFF_NOT      /* not a feed; cause says why */
};

struct feed_sniff {
	size_t skip;        /* bytes before the document proper */
	int line_offset;    /* newlines among them */
	int bom8;           /* a UTF-8 BOM was there */
	const char *utf16;  /* "UTF-16LE"/"UTF-16BE" by BOM or zero bytes */
	char encoding[64];  /* declared in <?xml ...?>, or "" */
	const char *cause;  /* static */
};

/* Looks at s[0..n), all there is when final; fills *r. */
enum feed_sniff_verdict feed_sniff(const char *s, size_t n, int final,
    struct feed_sniff *r);
/*
 * Returns owned: the iconv name the XML's bytes are to be converted from,
 * or NULL to read them as UTF-8.  A BOM wins, then the document's own
 * declaration, then http_charset (borrowed, may be NULL), then UTF-8.
 */
char *feed_sniff_charset(const struct feed_sniff *r, const char *http_charset);
/* 1 when a charset name from a server is a plain token worth trying. */
int feed_charset_is_token(const char *name);

#endif
