/*
 * feed: the public face of the feed parser (feed.h), and the top of its
 * layers.  It holds the first bytes of a document until sniff.c can tell
 * what they are, then hands the stream to the XML side or to json.c.
 * Each file calls only files below it, never one above:
 *
 *   feed.c ─▶ sniff.c, xml.c, json.c
 *   xml.c ─▶ xml_rss.c, xml_atom.c, xml_modules.c ─▶ xml_text.c
 *   xml.c ─▶ xml_text.c, xml_input.c, xml_ent.c
 *   feed.c, xml*.c, json.c ─▶ build.c, fields.c
 *
 * sniff.c, xml_input.c, build.c and fields.c call no file of the parser.
 */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "json.h"
#include "sniff.h"
#include "str.h"
#include "xalloc.h"
#include "xml.h"

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

/*
 * Starts the XML back end in the charset sniff.c picked.
 *
 * Everything reaches libxml2 as UTF-8 with its declaration ignored: we
 * convert with iconv ourselves, so a byte that is invalid in the charset
 * costs one U+FFFD instead of stopping libxml2 (which halts on a conversion
 * error, at a point that depends on how the bytes were chunked, and prints
 * to stderr).
 */
static void
start_xml(struct feed_parser *p, const struct feed_sniff *r)
{
	struct feed_xml_opts o;
	char *charset = feed_sniff_charset(r, p->http_charset);

	memset(&o, 0, sizeof o);
	o.base_url = p->base_url;
	o.line_offset = r->line_offset;
	o.utf8_fix = 1;
	o.ignore_decl = 1;
	o.charset = charset;
	/* UTF-16's white space is only seen once converted */
	o.skip_space = r->utf16 != NULL;
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
		    feed_charset_is_token(opts->http_charset))
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
	struct feed_sniff r;
	int rc;

	switch (feed_sniff(p->head.p, p->head.len, final, &r)) {
	case FEED_SNIFF_MORE:
		return 0;
	case FEED_SNIFF_NOT:
		p->cause = xstrdup(r.cause);
		p->state = PARSER_DEAD;
		str_free(&p->head);
		return -1;
	case FEED_SNIFF_XML:
		start_xml(p, &r);
		break;
	case FEED_SNIFF_JSON:
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
