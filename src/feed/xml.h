/*
 * xml: the XML side of the feed parser (RSS 0.9x/2.0, RSS 1.0/RDF, Atom
 * 1.0/0.3 through libxml2's push parser), for feed.c.  Its files, top to
 * bottom: xml.c (this API, the SAX callbacks, structure) ─▶ xml_rss.c,
 * xml_atom.c, xml_modules.c (each format's element table and handlers) ─▶
 * xml_text.c (attributes, captured text, shared fields); xml.c also drives
 * xml_input.c.  All of them sit on build.h and fields.h.
 */
#ifndef SITREP_FEED_XML_H
#define SITREP_FEED_XML_H

#include <stddef.h>

#include "feed.h"

/*
 * charset (borrowed, may be NULL) is an iconv name the bytes are converted
 * from before anything else; utf8_fix asks for invalid UTF-8 to be
 * replaced with U+FFFD (and for control bytes XML cannot carry to be
 * dropped) before libxml2 sees it; ignore_decl makes libxml2 ignore the
 * declared encoding (the bytes are UTF-8 by then); skip_space drops white
 * space before the first '<' of the converted text.  line_offset is added
 * to error line numbers for lines skipped before the first '<'.
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

#endif
