/*
 * render: an article's HTML to lines of styled text at a given width, with
 * its links numbered in order of appearance.  No curses here: the reader pane
 * and `sitrep show` both draw these lines.
 *
 * HTML goes through libxml2's HTML parser with NONET, NOERROR, NOWARNING;
 * script, style, iframe, object, embed, form and similar content is dropped
 * (SECURITY.md X3) and every text run is sanitised (T1).
 */
#ifndef SITREP_RENDER_H
#define SITREP_RENDER_H

#include <stddef.h>

#include "str.h"

enum render_style {
	RENDER_BOLD = 1 << 0,
	RENDER_ITALIC = 1 << 1,
	RENDER_UNDERLINE = 1 << 2,
	RENDER_HEADING = 1 << 3,
	RENDER_QUOTE = 1 << 4,
	RENDER_CODE = 1 << 5,
	RENDER_LINK = 1 << 6,   /* link text; span.link says which */
	RENDER_LINKREF = 1 << 7,/* the "[3]" marker after a link */
	RENDER_IMAGE = 1 << 8   /* "[image: alt]" placeholder */
};

struct render_span {
	size_t off, len;  /* bytes into the line's text */
	unsigned style;   /* enum render_style bits */
	int link;         /* 1-based link number, 0 for none */
};

struct render_line {
	char *text;       /* UTF-8, sanitised, no control characters */
	/*
	 * Cover text exactly, in order, from byte 0 to the end (unstyled runs
	 * have style 0), each on UTF-8 boundaries; neighbours differ in style
	 * or link.  None for an empty line.
	 */
	struct render_span *spans;
	size_t nspans;
};

struct render_doc {
	struct render_line *lines;  /* no blank line first, last or twice */
	size_t nlines;
	/*
	 * links.v[i] is link number i + 1: absolute, sanitised, scheme in
	 * lower case and only http, https or mailto.  Other links (javascript:,
	 * data:, in-page #fragments, relative ones without a base) show their
	 * text without a number.
	 */
	struct strv links;
};

/*
 * Renders html (any fragment or page) wrapped to width columns (minimum 10,
 * at most 1024); no line is wider.  Input without block markup is plain
 * text whose blank lines separate paragraphs.  base_url resolves relative
 * links and may be NULL; the document's own <base href>, resolved against
 * it, takes precedence.
 * Nesting beyond libxml2's limit (256) ends the document there.  html may
 * be NULL when n is 0.  Returns owned, never NULL.
 */
struct render_doc *render_html(const char *html, size_t n, size_t width,
    const char *base_url);
void render_doc_free(struct render_doc *doc);

#endif
