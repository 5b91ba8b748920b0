/*
 * feed: the public face of the feed parser.  It holds the first bytes of a
 * document until it can tell what they are (XML, JSON, an HTML page,
 * nothing), picks the character set libxml2 should read them in, and hands
 * the stream to feed_xml.c or feed_json.c.  It also holds the item-building
 * helpers both back ends share.
 */
#include "feed.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <iconv.h>

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "date.h"
#include "feed_xml.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

/*
 * How much of a document's start is held to decide its format: enough for a
 * BOM, some white space and an XML declaration.  Anything longer than this
 * before the first '<' or '{' is not a feed.
 */
#define SNIFF_MAX 4096

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum parser_state {
	PARSER_SNIFF,
	PARSER_XML,
	PARSER_JSON,
	PARSER_DEAD
};

struct feed_parser {
	char *base_url;
	char *http_charset;
	size_t max_bytes;
	size_t total;          /* bytes accepted so far */
	enum parser_state state;
	struct str head;       /* bytes held while sniffing */
	struct feed_xml *xml;
	struct feed_json *json;
	char *cause;           /* why this is not a feed, when known early */
	int over_cap;          /* stopped at max_bytes */
	int stopped;           /* a back end asked us to stop */
};

static const char *const format_names[FEED_FORMAT_COUNT] = {
	[FEED_FORMAT_UNKNOWN] = "unknown",
	[FEED_FORMAT_RSS] = "rss",
	[FEED_FORMAT_RSS1] = "rss1",
	[FEED_FORMAT_ATOM] = "atom",
	[FEED_FORMAT_JSONFEED] = "jsonfeed",
};

const char *
feed_format_name(enum feed_format f)
{
	if ((int)f < 0 || f >= FEED_FORMAT_COUNT)
		return "unknown";
	return format_names[f];
}

/* Documents and items */

struct feed_doc *
feed_doc_new(enum feed_format f)
{
	struct feed_doc *doc = xcalloc(1, sizeof *doc);

	doc->format = f;
	return doc;
}

void
feed_doc_set_error(struct feed_doc *doc, int override, const char *fmt, ...)
{
	va_list ap;
	struct str s = STR_INIT;

	if (doc->error != NULL && !override)
		return;
	va_start(ap, fmt);
	str_vappendf(&s, fmt, ap);
	va_end(ap);
	free(doc->error);
	/* Messages quote the document (names, libxml2's text): sanitise. */
	doc->error = text_oneline(s.p, s.len);
	str_free(&s);
}

void
feed_item_clear(struct feed_item *it)
{
	size_t i;

	free(it->guid);
	free(it->url);
	free(it->title);
	free(it->author);
	free(it->summary);
	free(it->content);
	strv_free(&it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	free(it->thumbnail);
	strv_free(&it->topics);
	strv_free(&it->countries);
	strv_free(&it->regions);
	free(it->index_summary);
	free(it->index_content);
	memset(it, 0, sizeof *it);
	it->published = DATE_UNKNOWN;
	it->updated = DATE_UNKNOWN;
}

void
feed_doc_free(struct feed_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nitems; i++)
		feed_item_clear(&doc->items[i]);
	free(doc->items);
	free(doc->title);
	free(doc->link);
	free(doc->self_link);
	free(doc->language);
	free(doc->error);
	free(doc);
}

void
feed_item_add_category(struct feed_item *it, const char *s, size_t n)
{
	char *c = text_oneline(s, n);

	if (c[0] == '\0' || strv_contains(&it->categories, c, 1)) {
		free(c);
		return;
	}
	strv_push(&it->categories, c);
}

void
feed_item_add_enclosure(struct feed_item *it, char *url, char *type,
    int64_t length)
{
	struct feed_enclosure *e;
	size_t i;

	for (i = 0; i < it->nenclosures; i++) {
		if (strcmp(it->enclosures[i].url, url) == 0) {
			free(url);
			free(type);
			return;
		}
	}
	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof *it->enclosures);
	e = &it->enclosures[it->nenclosures++];
	e->url = url;
	e->type = type;
	e->length = length > 0 ? length : 0;
}

void
feed_build_reset(struct feed_build *b)
{
	feed_item_clear(&b->it);
	strv_free(&b->authors);
	memset(b->rank, 0, sizeof b->rank);
	b->guid_is_link = 1;
}

int
feed_build_claim(struct feed_build *b, enum feed_slot slot, int rank)
{
	if (rank <= b->rank[slot])
		return 0;
	b->rank[slot] = (unsigned char)rank;
	return 1;
}

void
feed_build_add_author(struct feed_build *b, const char *s, size_t n)
{
	char *a = text_oneline(s, n);

	if (a[0] == '\0' || strv_contains(&b->authors, a, 1)) {
		free(a);
		return;
	}
	strv_push(&b->authors, a);
}

static int
is_http_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static int
is_image_type(const char *type)
{
	return type != NULL && strncmp(type, "image/", 6) == 0;
}

/* Places the grown array may need: capacity doubles at powers of two. */
static void
items_grow(struct feed_doc *doc)
{
	size_t n = doc->nitems;

	if (n == 0)
		doc->items = xreallocarray(NULL, 16, sizeof *doc->items);
	else if (n >= 16 && (n & (n - 1)) == 0)
		doc->items = xreallocarray(doc->items, n * 2,
		    sizeof *doc->items);
}

void
feed_build_commit(struct feed_doc *doc, struct feed_build *b,
    const char *fallback_author)
{
	struct feed_item *it = &b->it;
	size_t i;

	if (it->title == NULL && it->url == NULL && it->guid == NULL &&
	    it->summary == NULL && it->content == NULL) {
		feed_build_reset(b);
		return;
	}
	if (doc->nitems >= FEED_ITEMS_MAX) {
		feed_doc_set_error(doc, 0, "more than %d items; the rest "
		    "were skipped", FEED_ITEMS_MAX);
		feed_build_reset(b);
		return;
	}
	free(it->author);
	it->author = NULL;
	if (b->authors.n > 0)
		it->author = strv_join(&b->authors, ", ");
	else if (fallback_author != NULL && fallback_author[0] != '\0')
		it->author = xstrdup(fallback_author);
	/* Sorting and "new" need a date: an item only dated by its last
	 * update was, as far as anyone can tell, published then. */
	if (it->published == DATE_UNKNOWN)
		it->published = it->updated;
	/* RSS 2.0: a guid is the item's permalink unless isPermaLink="false". */
	if (it->url == NULL && it->guid != NULL && b->guid_is_link &&
	    is_http_url(it->guid))
		it->url = xstrdup(it->guid);
	if (it->thumbnail == NULL) {
		for (i = 0; i < it->nenclosures; i++) {
			if (is_image_type(it->enclosures[i].type)) {
				it->thumbnail = xstrdup(it->enclosures[i].url);
				break;
			}
		}
	}
	items_grow(doc);
	doc->items[doc->nitems++] = *it;
	memset(it, 0, sizeof *it);
	feed_build_reset(b);
}

/* Text helpers */

static int
has_scheme(const char *s)
{
	const char *p = s;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

char *
feed_url_resolve(const char *s, size_t n, const char *base)
{
	char *url, *abs;
	xmlChar *built, *esc;

	n = text_trim(&s, n);
	if (n == 0)
		return NULL;
	url = text_oneline(s, n);
	if (url[0] == '\0') {
		free(url);
		return NULL;
	}
	if (base == NULL || base[0] == '\0' || has_scheme(url))
		return url;
	built = xmlBuildURI((const xmlChar *)url, (const xmlChar *)base);
	if (built == NULL) {
		/* libxml2 refuses raw spaces and non-ASCII: escape and retry. */
		esc = xmlURIEscapeStr((const xmlChar *)url,
		    (const xmlChar *)":/?#[]@!$&'()*+,;=%~");
		if (esc != NULL) {
			built = xmlBuildURI(esc, (const xmlChar *)base);
			xmlFree(esc);
		}
	}
	if (built == NULL)
		return url;
	abs = text_oneline((const char *)built, strlen((const char *)built));
	xmlFree(built);
	free(url);
	if (abs[0] == '\0') {
		free(abs);
		return NULL;
	}
	return abs;
}

char *
feed_text_title(const char *s, size_t n, int is_html)
{
	char *t = is_html ? text_from_html(s, n, 0) : text_oneline(s, n);

	if (t[0] == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

char *
feed_html_clean(const char *s, size_t n)
{
	n = text_trim(&s, n);
	if (n == 0)
		return NULL;
	return text_sanitize(s, n);
}

char *
feed_html_from_text(const char *s, size_t n)
{
	struct str clean = STR_INIT, out = STR_INIT;
	const char *p, *end, *line, *eol;
	size_t len;
	int in_para = 0;

	text_sanitize_into(&clean, s, n);
	p = str_cstr(&clean);
	end = p + clean.len;
	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		line = p;
		len = text_trim(&line, (size_t)(eol - p));
		if (len == 0) {
			if (in_para)
				str_appendz(&out, "</p>\n");
			in_para = 0;
		} else {
			if (!in_para)
				str_appendz(&out, "<p>");
			else
				str_appendz(&out, "<br>\n");
			text_html_escape_into(&out, line, len);
			in_para = 1;
		}
		p = eol + 1;
	}
	if (in_para)
		str_appendz(&out, "</p>");
	str_free(&clean);
	if (out.len == 0) {
		str_free(&out);
		return NULL;
	}
	return str_steal(&out);
}

int64_t
feed_parse_int(const char *s, size_t n)
{
	int64_t v = 0;
	size_t i;

	n = text_trim(&s, n);
	if (n == 0 || n > 18)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Sniffing */

enum sniff {
	SNIFF_MORE,
	SNIFF_XML,
	SNIFF_JSON,
	SNIFF_NOT
};

struct sniff_result {
	size_t skip;        /* bytes before the document proper */
	int line_offset;    /* newlines among them */
	int bom8;           /* a UTF-8 BOM was there */
	const char *utf16;  /* "UTF-16LE"/"UTF-16BE" by BOM or zero bytes */
	char encoding[64];  /* declared in <?xml ...?>, or "" */
	const char *cause;
};

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
prefix_nocase(const char *s, size_t n, const char *z, int *partial)
{
	size_t i;

	for (i = 0; z[i] != '\0'; i++) {
		if (i == n) {
			*partial = 1;
			return 0;
		}
		if ((s[i] | 0x20) != (z[i] | 0x20) && s[i] != z[i])
			return 0;
	}
	return 1;
}

/* The encoding of the XML declaration s[0..n) (up to its "?>"). */
static void
decl_encoding(const char *s, size_t n, struct sniff_result *r)
{
	const char *p = s, *end = s + n, *v;
	char q;
	size_t len;

	while (p + 8 < end) {
		if (memcmp(p, "encoding", 8) != 0) {
			p++;
			continue;
		}
		p += 8;
		while (p < end && is_space((unsigned char)*p))
			p++;
		if (p >= end || *p != '=')
			return;
		p++;
		while (p < end && is_space((unsigned char)*p))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return;
		q = *p++;
		v = p;
		while (p < end && *p != q)
			p++;
		len = (size_t)(p - v);
		if (p >= end || len == 0 || len >= sizeof r->encoding)
			return;
		memcpy(r->encoding, v, len);
		r->encoding[len] = '\0';
		return;
	}
}

static enum sniff
sniff(const char *s, size_t n, int final, struct sniff_result *r)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int partial = 0;
	const char *end;

	memset(r, 0, sizeof *r);
	/* A BOM or UTF-16's zero bytes need the first few bytes together. */
	if (n < 4 && !final)
		return SNIFF_MORE;
	if (n >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) ||
	    (u[0] == 0xFF && u[1] == 0xFE))) {
		r->utf16 = u[0] == 0xFE ? "UTF-16BE" : "UTF-16LE";
		r->skip = 2;
		return SNIFF_XML;
	}
	if (n >= 2 && ((u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<'))) {
		r->utf16 = u[0] == 0 ? "UTF-16BE" : "UTF-16LE";
		return SNIFF_XML;
	}
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		r->bom8 = 1;
		i = 3;
	}
	while (i < n && is_space(u[i])) {
		if (u[i] == '\n')
			r->line_offset++;
		i++;
	}
	r->skip = i;
	if (i == n) {
		if (!final)
			return n < SNIFF_MAX ? SNIFF_MORE : (r->cause =
			    "not a feed: nothing but white space", SNIFF_NOT);
		r->cause = "not a feed: the document is empty";
		return SNIFF_NOT;
	}
	if (u[i] == '{')
		return SNIFF_JSON;
	if (u[i] != '<') {
		r->cause = u[i] == '[' ? "not a feed: a JSON array" :
		    "not a feed: the document starts with neither '<' nor '{'";
		return SNIFF_NOT;
	}
	if (prefix_nocase(s + i, n - i, "<!doctype html", &partial) ||
	    prefix_nocase(s + i, n - i, "<html", &partial)) {
		r->cause = "not a feed: looks like an HTML page";
		return SNIFF_NOT;
	}
	if (partial && !final)
		return SNIFF_MORE;
	if (n - i >= 5 && memcmp(s + i, "<?xml", 5) == 0) {
		end = NULL;
		if (n - i > 5) {
			const char *p = s + i + 5;

			while ((p = memchr(p, '?', n - (size_t)(p - s))) != NULL) {
				if ((size_t)(p - s) + 1 < n && p[1] == '>') {
					end = p;
					break;
				}
				p++;
			}
		}
		if (end != NULL)
			decl_encoding(s + i, (size_t)(end - (s + i)), r);
		else if (!final && n < SNIFF_MAX)
			return SNIFF_MORE;
	} else if (n - i < 5 && !final && memcmp(s + i, "<?xml", n - i) == 0) {
		return SNIFF_MORE;
	}
	return SNIFF_XML;
}

/* Case and punctuation do not matter in charset names ("UTF8", "utf-8"). */
static void
charset_key(const char *name, char *out, size_t size)
{
	size_t k = 0;

	for (; *name != '\0' && k + 1 < size; name++) {
		char c = *name;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[k++] = c;
	}
	out[k] = '\0';
}

static int
is_utf8_name(const char *e)
{
	char key[64];

	charset_key(e, key, sizeof key);
	return strcmp(key, "utf8") == 0;
}

/* UTF-16 and UCS-4 names: only believable with a BOM or zero bytes. */
static int
is_wide_name(const char *e)
{
	char key[64];

	charset_key(e, key, sizeof key);
	return strncmp(key, "utf16", 5) == 0 || strncmp(key, "utf32", 5) == 0
	    || strncmp(key, "ucs", 3) == 0 || strncmp(key, "unicode", 7) == 0;
}

/* A charset name from a server: only plain tokens reach iconv. */
static int
is_charset_token(const char *e)
{
	size_t i;

	for (i = 0; e[i] != '\0'; i++) {
		char c = e[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == ':'))
			return 0;
	}
	return i > 0 && i < 64;
}

/*
 * Labels read as the superset browsers use (the WHATWG Encoding
 * standard): feeds labelled GB2312 carry GBK characters, ISO-8859-1 ones
 * carry windows-1252 quotes, and so on.  Sorted by key (charset_key()).
 */
struct charset_alias {
	const char *key, *iconv;
};

static const struct charset_alias charset_aliases[] = {
	{ "ascii", "WINDOWS-1252" },
	{ "big5", "BIG5-HKSCS" },
	{ "chinese", "GB18030" },
	{ "cp819", "WINDOWS-1252" },
	{ "csgb2312", "GB18030" },
	{ "csshiftjis", "CP932" },
	{ "euckr", "CP949" },
	{ "gb2312", "GB18030" },
	{ "gbk", "GB18030" },
	{ "iso88591", "WINDOWS-1252" },
	{ "iso885911", "WINDOWS-874" },
	{ "iso88599", "WINDOWS-1254" },
	{ "kscs56011987", "CP949" },
	{ "l1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" },
	{ "latin5", "WINDOWS-1254" },
	{ "mskanji", "CP932" },
	{ "shiftjis", "CP932" },
	{ "sjis", "CP932" },
	{ "tis620", "WINDOWS-874" },
	{ "usascii", "WINDOWS-1252" },
	{ "windows31j", "CP932" },
	{ "xgbk", "GB18030" },
	{ "xsjis", "CP932" },
};

static int
alias_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct charset_alias *)e)->key);
}

/*
 * Returns owned: the iconv name to read charset name in, or NULL when
 * iconv does not know it.
 */
static char *
charset_resolve(const char *name)
{
	char key[64];
	const char *use = name;
	const struct charset_alias *hit;
	iconv_t cd;

	charset_key(name, key, sizeof key);
	hit = bsearch(key, charset_aliases, NELEM(charset_aliases),
	    sizeof charset_aliases[0], alias_cmp);
	if (hit != NULL)
		use = hit->iconv;
	cd = iconv_open("UTF-8", use);
	if (cd == (iconv_t)-1)
		return NULL;
	iconv_close(cd);
	return xstrdup(use);
}

/*
 * Starts the XML back end.  Which charset wins: a BOM, then the document's
 * own declaration, then the HTTP header, then UTF-8.  The declaration beats
 * Content-Type because feeds are files generated together with their
 * declaration, while servers stamp one charset on everything they send
 * (often a default like ISO-8859-1 for a UTF-8 file).
 *
 * Everything reaches libxml2 as UTF-8 with its declaration ignored: we
 * convert with iconv ourselves, so a byte that is invalid in the charset
 * costs one U+FFFD instead of stopping libxml2 (which halts on a conversion
 * error, at a point that depends on how the bytes were chunked, and prints
 * to stderr).
 */
static void
start_xml(struct feed_parser *p, const struct sniff_result *r)
{
	struct feed_xml_opts o;
	const char *name = NULL;
	char *charset = NULL;

	memset(&o, 0, sizeof o);
	o.base_url = p->base_url;
	o.line_offset = r->line_offset;
	o.utf8_fix = 1;
	o.ignore_decl = 1;
	if (r->utf16 != NULL) {
		o.charset = r->utf16;
		o.skip_space = 1;
	} else {
		if (!r->bom8 && r->encoding[0] != '\0')
			name = r->encoding;
		if (name != NULL && !is_utf8_name(name) &&
		    !is_wide_name(name))
			charset = charset_resolve(name);
		/* A name iconv has never heard of: the server's, else UTF-8. */
		if (charset == NULL && !r->bom8 && (name == NULL ||
		    !is_utf8_name(name)) && p->http_charset != NULL &&
		    !is_utf8_name(p->http_charset) &&
		    !is_wide_name(p->http_charset))
			charset = charset_resolve(p->http_charset);
		o.charset = charset;
	}
	p->xml = feed_xml_new(&o);
	p->state = PARSER_XML;
	free(charset);
}

/* Public API */

struct feed_parser *
feed_parser_new(const struct feed_parse_opts *opts)
{
	struct feed_parser *p = xcalloc(1, sizeof *p);

	if (opts != NULL) {
		if (opts->base_url != NULL && opts->base_url[0] != '\0')
			p->base_url = xstrdup(opts->base_url);
		if (opts->http_charset != NULL &&
		    is_charset_token(opts->http_charset))
			p->http_charset = xstrdup(opts->http_charset);
		p->max_bytes = opts->max_bytes;
	}
	p->state = PARSER_SNIFF;
	return p;
}

/* Hands bytes to the back end chosen; returns 0 or -1. */
static int
route(struct feed_parser *p, const char *buf, size_t n, int terminate)
{
	int rc = 0;

	switch (p->state) {
	case PARSER_XML:
		rc = feed_xml_push(p->xml, buf, n, terminate);
		break;
	case PARSER_JSON:
		rc = feed_json_push(p->json, buf, n, terminate);
		break;
	default:
		return -1;
	}
	if (rc < 0)
		p->stopped = 1;
	return rc;
}

/* Decides the format from what is held; returns 0 or -1 (not a feed). */
static int
decide(struct feed_parser *p, int final)
{
	struct sniff_result r;
	enum sniff s = sniff(p->head.p, p->head.len, final, &r);
	int rc;

	switch (s) {
	case SNIFF_MORE:
		return 0;
	case SNIFF_NOT:
		p->cause = xstrdup(r.cause);
		p->state = PARSER_DEAD;
		str_free(&p->head);
		return -1;
	case SNIFF_XML:
		start_xml(p, &r);
		break;
	case SNIFF_JSON:
		p->json = feed_json_new(p->base_url);
		p->state = PARSER_JSON;
		break;
	}
	rc = route(p, p->head.p + r.skip, p->head.len - r.skip, 0);
	str_free(&p->head);
	return rc;
}

int
feed_parser_push(struct feed_parser *p, const char *buf, size_t n)
{
	int capped = 0;

	if (p->state == PARSER_DEAD || p->stopped || p->over_cap)
		return -1;
	if (n == 0)
		return 0;
	if (p->max_bytes > 0 && n > p->max_bytes - p->total) {
		n = p->max_bytes - p->total;
		capped = 1;
	}
	p->total += n;
	if (p->state == PARSER_SNIFF) {
		str_append(&p->head, buf, n);
		if (decide(p, 0) < 0)
			return -1;
	} else if (n > 0 && route(p, buf, n, 0) < 0) {
		return -1;
	}
	if (capped) {
		p->over_cap = 1;
		return -1;
	}
	return 0;
}

struct feed_doc *
feed_parser_finish(struct feed_parser *p, char **cause)
{
	struct feed_doc *doc = NULL;
	char *why = NULL;

	if (p->state == PARSER_SNIFF)
		decide(p, 1);
	switch (p->state) {
	case PARSER_XML:
		if (!p->stopped)
			feed_xml_push(p->xml, NULL, 0, 1);
		doc = feed_xml_take(p->xml, &why);
		break;
	case PARSER_JSON:
		if (!p->stopped)
			feed_json_push(p->json, NULL, 0, 1);
		doc = feed_json_take(p->json, &why);
		break;
	default:
		why = p->cause;
		p->cause = NULL;
		if (why == NULL)
			why = xstrdup("not a feed");
		break;
	}
	p->state = PARSER_DEAD;
	if (doc != NULL && p->over_cap)
		feed_doc_set_error(doc, 1, "the document is larger than the "
		    "%zu-byte limit; the rest was not read", p->max_bytes);
	if (doc == NULL && p->over_cap) {
		free(why);
		why = xasprintf("not a feed: nothing recognisable in the first "
		    "%zu bytes (the limit)", p->max_bytes);
	}
	if (doc == NULL && cause != NULL)
		*cause = why;
	else
		free(why);
	return doc;
}

void
feed_parser_free(struct feed_parser *p)
{
	if (p == NULL)
		return;
	feed_xml_free(p->xml);
	feed_json_free(p->json);
	str_free(&p->head);
	free(p->base_url);
	free(p->http_charset);
	free(p->cause);
	free(p);
}

struct feed_doc *
feed_parse(const char *buf, size_t n, const struct feed_parse_opts *opts,
    char **cause)
{
	struct feed_parser *p = feed_parser_new(opts);
	struct feed_doc *doc;

	feed_parser_push(p, buf, n);
	doc = feed_parser_finish(p, cause);
	feed_parser_free(p);
	return doc;
}
