/*
 * opml/parse: an OPML file to feeds through libxml2's push parser with
 * SAX2 callbacks (no tree).  Strict: a file that is not well-formed XML
 * is an error with its line -- unlike a feed, a subscription list that is
 * half read would import half the feeds and say nothing.
 *
 * Safety by construction (SECURITY.md X1, X2): NONET; the deny-all loader;
 * no handler records a declaration and getEntity answers nothing, so only
 * the five predefined entities and character references are ever
 * expanded, and a DTD that declares an entity at all stops the parse (a
 * billion-laughs file is refused at its first <!ENTITY>).  Depth, outlines
 * and bytes are capped (opml.h).
 *
 * What an outline is: one with xmlUrl (any case), else url, is a feed;
 * one with neither and with type rss is a feed without an address
 * (skipped); any other is a folder whose text (else title) becomes part of
 * the tag of what it holds, "News/Asia" for nested ones (newsboat's way).
 * Its `category` attribute adds tags ("/Boston/Weather,tech").
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "opml.h"
#include "store.h"
#include "text.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define CHUNK ((size_t)64 << 10)
/* The longest feed address taken: iniparser reads lines of 1023 bytes. */
#define URL_MAX 1000

enum attr {
	A_TEXT,
	A_TITLE,
	A_XMLURL,
	A_URL,
	A_HTMLURL,
	A_TYPE,
	A_CATEGORY,
	A_FILTERCMD,
	A_COUNT
};

/* Attribute names compare without case: xmlUrl, xmlurl, XMLURL. */
static const char *const attr_names[A_COUNT] = {
	[A_TEXT] = "text", [A_TITLE] = "title", [A_XMLURL] = "xmlUrl",
	[A_URL] = "url", [A_HTMLURL] = "htmlUrl", [A_TYPE] = "type",
	[A_CATEGORY] = "category", [A_FILTERCMD] = "filtercmd",
};

struct parser {
	xmlParserCtxtPtr ctxt;
	struct opml_doc *doc;
	size_t feeds_cap, skipped_cap;
	int depth, in_head, in_title, in_body, seen_opml, seen_body;
	int root_bad;
	size_t outlines;
	/* the folder path at each depth: a tag, or NULL */
	char *folder[OPML_DEPTH_MAX + 2];
	struct str title;
	char *cause;
};

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

static void
setup(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_loader);
}

static size_t
cur_line(const struct parser *p)
{
	int line = xmlSAX2GetLineNumber(p->ctxt);

	return line > 0 ? (size_t)line : 1;
}

static void
fail(struct parser *p, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The first error wins and stops the parse: "line N: what". */
static void
fail(struct parser *p, size_t line, const char *fmt, ...)
{
	struct str m = STR_INIT;
	va_list ap;
	char *one;

	if (p->cause != NULL)
		return;
	str_appendf(&m, "line %zu: ", line);
	va_start(ap, fmt);
	str_vappendf(&m, fmt, ap);
	va_end(ap);
	/* libxml2's messages span lines and may quote the document */
	one = text_oneline(m.p, m.len);
	p->cause = one;
	str_free(&m);
	xmlStopParser(p->ctxt);
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct parser *p = ctx;

	/* namespace errors (an undeclared prefix) lose nothing */
	if (e == NULL || e->level != XML_ERR_FATAL)
		return;
	fail(p, e->line > 0 ? (size_t)e->line : cur_line(p),
	    "not well-formed XML: %s", e->message != NULL ? e->message :
	    "error");
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *public_id, const xmlChar *system_id, xmlChar *content)
{
	struct parser *p = ctx;

	(void)name;
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	fail(p, cur_line(p), "the file declares entities (<!ENTITY>), which "
	    "no subscription list needs; refused (an entity bomb?)");
}

/* Returns borrowed: the value of attribute a of an element, or NULL. */
static const char *
attr_get(const xmlChar **attrs, int n, enum attr a, size_t *len)
{
	for (int i = 0; i < n; i++) {
		const xmlChar **at = attrs + 5 * i;

		/* SAX2: localname, prefix, URI, value, end */
		if (at[1] == NULL && strcasecmp((const char *)at[0],
		    attr_names[a]) == 0) {
			*len = (size_t)(at[4] - at[3]);
			return (const char *)at[3];
		}
	}
	return NULL;
}

/*
 * Returns owned: an attribute as one clean line, or NULL when empty.
 * Without entity replacement (never NOENT, X1) libxml2 hands an '&' of
 * the value over as "&#38;", and only that: it is turned back here.
 */
static char *
attr_text(const xmlChar **attrs, int n, enum attr a)
{
	size_t len = 0;
	const char *v = attr_get(attrs, n, a, &len);
	struct str raw = STR_INIT;
	char *s;

	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		str_appendc(&raw, v[i]);
		if (v[i] == '&' && len - i >= 5 && memcmp(v + i, "&#38;", 5) == 0)
			i += 4;
	}
	s = text_oneline(str_cstr(&raw), raw.len);
	str_free(&raw);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Returns owned: a URL or name shortened for a message. */
static char *
shown(const char *s)
{
	size_t n = strlen(s);

	if (n <= 80)
		return xstrdup(s);
	while (n > 77 && ((unsigned char)s[77] & 0xC0) == 0x80)
		s++, n--;
	return xasprintf("%.77s...", s);
}

static void
skip(struct parser *p, const char *what, const char *why)
{
	struct opml_doc *d = p->doc;
	struct opml_skip *k;

	d->skipped = xgrow(d->skipped, d->nskipped, &p->skipped_cap,
	    sizeof *d->skipped);
	k = &d->skipped[d->nskipped++];
	k->line = cur_line(p);
	k->what = shown(what != NULL ? what : "(no name)");
	k->why = xstrdup(why);
}

/* Why url is not taken, or NULL when it is an http(s) feed address. */
static const char *
url_refused(const char *url)
{
	static const struct {
		const char *prefix, *why;
	} commands[] = {
		{ "exec:", "a command feed (exec:); sitrep never runs commands "
		  "from a subscription list" },
		{ "filter:", "a filtered feed (filter:); sitrep never runs "
		  "commands from a subscription list" },
		{ "|", "a command feed (Liferea's |command); sitrep never runs "
		  "commands from a subscription list" },
		{ "query:", "a newsboat query feed; write it as a [view:] "
		  "query instead" },
	};
	const char *colon, *host;

	for (size_t i = 0; i < NELEM(commands); i++)
		if (strncasecmp(url, commands[i].prefix,
		    strlen(commands[i].prefix)) == 0)
			return commands[i].why;
	if (strlen(url) > URL_MAX)
		return "the address is longer than 1000 bytes";
	colon = strchr(url, ':');
	if (colon == NULL || (strncasecmp(url, "http:", 5) != 0 &&
	    strncasecmp(url, "https:", 6) != 0))
		return colon == NULL || colon == url ||
		    strcspn(url, "/?#") < (size_t)(colon - url) ?
		    "not an absolute http or https address" :
		    "not an http or https feed (only those are fetched)";
	host = colon + 1;
	if (strncmp(host, "//", 2) != 0 || host[2] == '\0' || host[2] == '/')
		return "not an absolute http or https address";
	for (const char *c = url; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == 0x7f ||
		    strchr("\"<>\\", *c) != NULL)
			return "the address has spaces or characters a URL "
			    "cannot hold";
	return NULL;
}

/* The outline's own folder path ("News/Asia"), or NULL. */
static char *
folder_path(struct parser *p, const char *label)
{
	const char *parent = p->folder[p->depth - 1];
	char *tag = label != NULL ? opml_tag_name(label, strlen(label)) : NULL;
	char *path;

	if (tag == NULL)
		return parent != NULL ? xstrdup(parent) : NULL;
	if (parent == NULL)
		return tag;
	path = xasprintf("%s/%s", parent, tag);
	free(tag);
	if (strlen(path) > 64 || !store_tag_name_valid(path)) {
		free(path);
		return xstrdup(parent);
	}
	return path;
}

static void
add_tag(struct strv *tags, char *tag)
{
	if (tag == NULL)
		return;
	if (strv_contains(tags, tag, 1))
		free(tag);
	else
		strv_push(tags, tag);
}

/* category="/Boston/Weather,tech": comma-separated, '/' nests. */
static void
add_categories(struct strv *tags, const char *cats)
{
	const char *p = cats;

	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ',');
		size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		const char *c = p;

		n = text_trim(&c, n);
		while (n > 0 && *c == '/')
			c++, n--;
		add_tag(tags, opml_tag_name(c, n));
		p = comma != NULL ? comma + 1 : NULL;
	}
}

static struct opml_feed *
feed_find(struct opml_doc *d, const char *url)
{
	for (size_t i = 0; i < d->nfeeds; i++)
		if (strcmp(d->feeds[i].url, url) == 0)
			return &d->feeds[i];
	return NULL;
}

/* An outline with an address: a feed, or a reason it is not one. */
static void
feed_outline(struct parser *p, char *url, const xmlChar **a, int n)
{
	char *name = attr_text(a, n, A_TEXT), *cats, *site, *type;
	const char *why = url_refused(url);
	struct opml_feed *f;

	if (name == NULL)
		name = attr_text(a, n, A_TITLE);
	if (name != NULL && strcmp(name, url) == 0)
		xfree_ptr(&name); /* what an export writes for no name */
	type = attr_text(a, n, A_TYPE);
	if (why == NULL && type != NULL && (strchr(type, '+') != NULL ||
	    strcasecmp(type, "link") == 0 || strcasecmp(type, "include") == 0))
		why = strchr(type, '+') != NULL ? "a page scraped by its reader "
		    "(FreshRSS XPath), not a feed" : "a link to another "
		    "document, not a feed";
	free(type);
	if (why != NULL) {
		skip(p, url, why);
		goto out;
	}
	if (attr_get(a, n, A_FILTERCMD, &(size_t){ 0 }) != NULL)
		strv_push(&p->doc->notes, xasprintf("line %zu: %s: its "
		    "filtercmd is not run (sitrep runs no commands from a "
		    "subscription list)", cur_line(p), url));
	if ((f = feed_find(p->doc, url)) == NULL) {
		p->doc->feeds = xgrow(p->doc->feeds, p->doc->nfeeds,
		    &p->feeds_cap, sizeof *p->doc->feeds);
		f = &p->doc->feeds[p->doc->nfeeds++];
		memset(f, 0, sizeof *f);
		f->url = url;
		url = NULL;
		f->title = name;
		name = NULL;
		f->line = cur_line(p);
		site = attr_text(a, n, A_HTMLURL);
		if (site != NULL && url_refused(site) == NULL)
			f->site_url = site;
		else
			free(site);
	}
	if (p->folder[p->depth - 1] != NULL)
		add_tag(&f->tags, xstrdup(p->folder[p->depth - 1]));
	if ((cats = attr_text(a, n, A_CATEGORY)) != NULL)
		add_categories(&f->tags, cats);
	free(cats);
out:
	free(url);
	free(name);
}

static void
outline(struct parser *p, const xmlChar **a, int n)
{
	char *url = attr_text(a, n, A_XMLURL), *label, *type;

	if (url == NULL)
		url = attr_text(a, n, A_URL);
	if (++p->outlines > OPML_OUTLINES_MAX) {
		fail(p, cur_line(p), "more than %d outlines", OPML_OUTLINES_MAX);
		free(url);
		return;
	}
	if (url != NULL) {
		feed_outline(p, url, a, n);
		/* what a feed outline holds goes in the same folder */
		p->folder[p->depth] = p->folder[p->depth - 1] != NULL ?
		    xstrdup(p->folder[p->depth - 1]) : NULL;
		return;
	}
	label = attr_text(a, n, A_TEXT);
	if (label == NULL)
		label = attr_text(a, n, A_TITLE);
	type = attr_text(a, n, A_TYPE);
	if (type != NULL && strcasecmp(type, "rss") == 0)
		skip(p, label, "has no xmlUrl (nor url): no address to fetch");
	free(type);
	p->folder[p->depth] = folder_path(p, label);
	free(label);
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
	struct parser *p = ctx;
	const char *el = (const char *)name;

	(void)prefix;
	(void)uri;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	if (p->cause != NULL)
		return;
	if (++p->depth > OPML_DEPTH_MAX) {
		fail(p, cur_line(p), "elements nested deeper than %d levels",
		    OPML_DEPTH_MAX);
		return;
	}
	p->folder[p->depth] = NULL;
	if (p->depth == 1) {
		p->seen_opml = strcmp(el, "opml") == 0;
		if (!p->seen_opml) {
			char *root = text_oneline(el, strlen(el) < 40 ?
			    strlen(el) : 40);

			fail(p, cur_line(p), "not an OPML file: the root element "
			    "is <%s>, not <opml>", root);
			free(root);
		}
		return;
	}
	if (p->depth == 2) {
		p->in_head = strcmp(el, "head") == 0;
		p->in_body = strcmp(el, "body") == 0;
		p->seen_body |= p->in_body;
		return;
	}
	if (p->in_head && p->depth == 3 && strcmp(el, "title") == 0)
		p->in_title = 1;
	else if (p->in_body && strcmp(el, "outline") == 0)
		outline(p, attrs, nb_attributes);
	else if (p->in_body && p->depth > 2)
		p->folder[p->depth] = p->folder[p->depth - 1] != NULL ?
		    xstrdup(p->folder[p->depth - 1]) : NULL;
}

static void
on_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct parser *p = ctx;

	(void)name;
	(void)prefix;
	(void)uri;
	if (p->depth <= 0 || p->depth > OPML_DEPTH_MAX)
		return;
	free(p->folder[p->depth]);
	p->folder[p->depth] = NULL;
	if (p->depth == 3)
		p->in_title = 0;
	if (p->depth == 2)
		p->in_head = p->in_body = 0;
	p->depth--;
}

static void
on_chars(void *ctx, const xmlChar *s, int n)
{
	struct parser *p = ctx;

	if (p->in_title && p->title.len < 1024)
		str_append(&p->title, (const char *)s, (size_t)n);
}

static xmlParserCtxtPtr
parser_new(struct parser *p)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	xmlSAXHandler h;
	xmlParserCtxtPtr ctxt;

	pthread_once(&once, setup);
	xmlSetGenericErrorFunc(NULL, quiet);
	/* Only what we need: nothing declared is ever kept (see the top). */
	memset(&h, 0, sizeof h);
	h.initialized = XML_SAX2_MAGIC;
	h.startElementNs = on_start;
	h.endElementNs = on_end;
	h.characters = on_chars;
	h.cdataBlock = on_chars;
	h.entityDecl = on_entity_decl;
	h.serror = on_error;
	ctxt = xmlCreatePushParserCtxt(&h, p, NULL, 0, NULL);
	if (ctxt != NULL)
		xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	return ctxt;
}

void
opml_doc_free(struct opml_doc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->nfeeds; i++) {
		free(d->feeds[i].url);
		free(d->feeds[i].title);
		free(d->feeds[i].site_url);
		strv_free(&d->feeds[i].tags);
	}
	free(d->feeds);
	for (size_t i = 0; i < d->nskipped; i++) {
		free(d->skipped[i].what);
		free(d->skipped[i].why);
	}
	free(d->skipped);
	strv_free(&d->notes);
	free(d->title);
	free(d);
}

struct opml_doc *
opml_parse(const char *data, size_t n, char **cause)
{
	struct parser p = { 0 };
	size_t off = 0;

	if (n == 0) {
		*cause = xstrdup("line 1: the file is empty");
		return NULL;
	}
	if (n > OPML_MAX_BYTES) {
		*cause = xasprintf("larger than %zu MiB; a subscription list is "
		    "far smaller", OPML_MAX_BYTES >> 20);
		return NULL;
	}
	p.doc = xcalloc(1, sizeof *p.doc);
	if ((p.ctxt = parser_new(&p)) == NULL) {
		*cause = xstrdup("the XML parser could not start");
		opml_doc_free(p.doc);
		return NULL;
	}
	do {
		size_t k = n - off < CHUNK ? n - off : CHUNK;

		xmlParseChunk(p.ctxt, data + off, (int)k, off + k == n);
		off += k;
	} while (off < n && p.cause == NULL);
	if (p.cause == NULL && !p.seen_body)
		fail(&p, cur_line(&p), "no <body>: not a subscription list");
	for (int i = 0; i < OPML_DEPTH_MAX + 2; i++)
		free(p.folder[i]);
	/* libxml2 makes a document of its own for a DTD ("SAX compat") */
	if (p.ctxt->myDoc != NULL)
		xmlFreeDoc(p.ctxt->myDoc);
	xmlFreeParserCtxt(p.ctxt);
	if (p.cause != NULL) {
		*cause = p.cause;
		str_free(&p.title);
		opml_doc_free(p.doc);
		return NULL;
	}
	if (p.title.len > 0) {
		p.doc->title = text_oneline(p.title.p, p.title.len);
		if (*p.doc->title == '\0')
			xfree_ptr(&p.doc->title);
	}
	str_free(&p.title);
	return p.doc;
}

char *
opml_tag_name(const char *s, size_t n)
{
	struct str t = STR_INIT;
	size_t i = 0;
	int sep = 1;  /* at the start or after '/' or '-': none of them next */

	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		char one[5] = { 0 };

		if (k <= 0) {
			i++;
			continue;
		}
		memcpy(one, s + i, (size_t)k);
		i += (size_t)k;
		if (cp == '/') {
			/* "a / b" is the path a/b, not "a-/-b" */
			while (t.len > 0 && t.p[t.len - 1] == '-')
				str_truncate(&t, t.len - 1);
			if (t.len > 0 && t.p[t.len - 1] != '/')
				str_appendc(&t, '/');
			sep = 1;
		} else if (cp != '-' && store_tag_name_valid(one)) {
			if (t.len + (size_t)k > 64)
				break;
			str_append(&t, one, (size_t)k);
			sep = 0;
		} else if (!sep && t.len < 64) {
			str_appendc(&t, '-');
			sep = 1;
		}
	}
	while (t.len > 0 && (t.p[t.len - 1] == '-' || t.p[t.len - 1] == '/'))
		str_truncate(&t, t.len - 1);
	if (t.len == 0 || !store_tag_name_valid(t.p)) {
		str_free(&t);
		return NULL;
	}
	return str_steal(&t);
}
