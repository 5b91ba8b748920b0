/*
 * elements: what each HTML element is to the renderer (a sorted table:
 * its kind and the style its text takes), and reading an element's
 * attributes.  This is the one place that says which elements are dropped
 * (SECURITY.md X3), which are blocks and which are inline; what each kind
 * does is in render.c's handler table.
 *
 * Apart from the handlers so that adding an element that behaves like
 * another is one row here.  Calls nothing else of the renderer.
 */
#include "render_int.h"

#include <string.h>

#include <libxml/tree.h>

#include "xalloc.h"

/*
 * Sorted by name for bsearch; anything missing is an unstyled inline.
 * libxml2 2.9 does not know embed, keygen, source, track and wbr as void
 * elements and hangs whatever follows them underneath: those are walked
 * (EL_VOID, EL_WBR), never dropped, or the rest of the article would go.
 */
static const struct el elements[] = {
	{ "a", EL_LINK, 0 },
	{ "address", EL_BLOCK, RENDER_ITALIC },
	{ "applet", EL_DROP, 0 },
	{ "article", EL_BLOCK, 0 },
	{ "aside", EL_BLOCK, 0 },
	{ "audio", EL_DROP, 0 },
	{ "b", EL_INLINE, RENDER_BOLD },
	{ "base", EL_BASE, 0 },
	{ "blockquote", EL_QUOTE, RENDER_QUOTE },
	{ "br", EL_BR, 0 },
	{ "button", EL_DROP, 0 },
	{ "canvas", EL_DROP, 0 },
	{ "caption", EL_BLOCK, RENDER_ITALIC },
	{ "center", EL_BLOCK, 0 },
	{ "cite", EL_INLINE, RENDER_ITALIC },
	{ "code", EL_INLINE, RENDER_CODE },
	{ "col", EL_DROP, 0 },
	{ "colgroup", EL_DROP, 0 },
	{ "datalist", EL_DROP, 0 },
	{ "dd", EL_DD, 0 },
	{ "details", EL_BLOCK, 0 },
	{ "dfn", EL_INLINE, RENDER_ITALIC },
	{ "dialog", EL_DROP, 0 },
	{ "dir", EL_LIST, 0 },
	{ "div", EL_BLOCK, 0 },
	{ "dl", EL_PARA, 0 },
	{ "dt", EL_BLOCK, RENDER_BOLD },
	{ "em", EL_INLINE, RENDER_ITALIC },
	{ "embed", EL_VOID, 0 },
	{ "fieldset", EL_BLOCK, 0 },
	{ "figcaption", EL_BLOCK, RENDER_ITALIC },
	{ "figure", EL_PARA, 0 },
	{ "footer", EL_BLOCK, 0 },
	{ "form", EL_DROP, 0 },
	{ "frame", EL_DROP, 0 },
	{ "frameset", EL_DROP, 0 },
	{ "h1", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h2", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h3", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h4", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h5", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "h6", EL_HEADING, RENDER_HEADING | RENDER_BOLD },
	{ "head", EL_HEAD, 0 },
	{ "header", EL_BLOCK, 0 },
	{ "hgroup", EL_BLOCK, 0 },
	{ "hr", EL_HR, 0 },
	{ "i", EL_INLINE, RENDER_ITALIC },
	{ "iframe", EL_DROP, 0 },
	{ "img", EL_IMG, 0 },
	{ "input", EL_DROP, 0 },
	{ "keygen", EL_VOID, 0 },
	{ "kbd", EL_INLINE, RENDER_CODE },
	{ "legend", EL_BLOCK, RENDER_BOLD },
	{ "li", EL_ITEM, 0 },
	{ "link", EL_DROP, 0 },
	{ "listing", EL_PRE, RENDER_CODE },
	{ "main", EL_BLOCK, 0 },
	{ "map", EL_DROP, 0 },
	{ "math", EL_DROP, 0 },
	{ "menu", EL_LIST, 0 },
	{ "meta", EL_DROP, 0 },
	{ "nav", EL_BLOCK, 0 },
	{ "noembed", EL_DROP, 0 },
	{ "noframes", EL_DROP, 0 },
	{ "noscript", EL_DROP, 0 },
	{ "object", EL_DROP, 0 },
	{ "ol", EL_LIST, 0 },
	{ "optgroup", EL_DROP, 0 },
	{ "option", EL_DROP, 0 },
	{ "p", EL_PARA, 0 },
	{ "param", EL_DROP, 0 },
	{ "plaintext", EL_PRE, RENDER_CODE },
	{ "pre", EL_PRE, RENDER_CODE },
	{ "q", EL_Q, 0 },
	{ "samp", EL_INLINE, RENDER_CODE },
	{ "script", EL_DROP, 0 },
	{ "section", EL_BLOCK, 0 },
	{ "select", EL_DROP, 0 },
	{ "source", EL_VOID, 0 },
	{ "strong", EL_INLINE, RENDER_BOLD },
	{ "style", EL_DROP, 0 },
	{ "summary", EL_BLOCK, RENDER_BOLD },
	{ "svg", EL_DROP, 0 },
	{ "table", EL_PARA, 0 },
	{ "td", EL_CELL, 0 },
	{ "template", EL_DROP, 0 },
	{ "textarea", EL_DROP, 0 },
	{ "th", EL_CELL, RENDER_BOLD },
	{ "title", EL_DROP, 0 },
	{ "tr", EL_ROW, 0 },
	{ "track", EL_VOID, 0 },
	{ "tt", EL_INLINE, RENDER_CODE },
	{ "u", EL_INLINE, RENDER_UNDERLINE },
	{ "ul", EL_LIST, 0 },
	{ "var", EL_INLINE, RENDER_ITALIC },
	{ "video", EL_DROP, 0 },
	{ "wbr", EL_WBR, 0 },
	{ "xmp", EL_PRE, RENDER_CODE },
};

const struct el *
element_find(const char *name)
{
	size_t lo = 0, hi = sizeof elements / sizeof elements[0];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, elements[mid].name);

		if (c == 0)
			return &elements[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

char *
element_attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}
