/*
 * sniff: format and charset detection (sniff.h).  Apart from feed.c so
 * that the public face only routes bytes: every rule about BOMs, XML
 * declarations, HTML pages posing as feeds and charset labels is here, and
 * it needs nothing else of the parser.
 */
#include "sniff.h"

#include <stdlib.h>
#include <string.h>

#include <iconv.h>

#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Sniffing */

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
decl_encoding(const char *s, size_t n, struct feed_sniff *r)
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

enum feed_sniff_verdict
feed_sniff(const char *s, size_t n, int final, struct feed_sniff *r)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int partial = 0;
	const char *end;

	memset(r, 0, sizeof *r);
	/* A BOM or UTF-16's zero bytes need the first few bytes together. */
	if (n < 4 && !final)
		return FEED_SNIFF_MORE;
	if (n >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) ||
	    (u[0] == 0xFF && u[1] == 0xFE))) {
		r->utf16 = u[0] == 0xFE ? "UTF-16BE" : "UTF-16LE";
		r->skip = 2;
		return FEED_SNIFF_XML;
	}
	if (n >= 2 && ((u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<'))) {
		r->utf16 = u[0] == 0 ? "UTF-16BE" : "UTF-16LE";
		return FEED_SNIFF_XML;
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
			return n < FEED_SNIFF_MAX ? FEED_SNIFF_MORE : (r->cause =
			    "not a feed: nothing but white space", FEED_SNIFF_NOT);
		r->cause = "not a feed: the document is empty";
		return FEED_SNIFF_NOT;
	}
	if (u[i] == '{')
		return FEED_SNIFF_JSON;
	if (u[i] != '<') {
		r->cause = u[i] == '[' ? "not a feed: a JSON array" :
		    "not a feed: the document starts with neither '<' nor '{'";
		return FEED_SNIFF_NOT;
	}
	if (prefix_nocase(s + i, n - i, "<!doctype html", &partial) ||
	    prefix_nocase(s + i, n - i, "<html", &partial)) {
		r->cause = "not a feed: looks like an HTML page";
		return FEED_SNIFF_NOT;
	}
	if (partial && !final)
		return FEED_SNIFF_MORE;
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
		else if (!final && n < FEED_SNIFF_MAX)
			return FEED_SNIFF_MORE;
	} else if (n - i < 5 && !final && memcmp(s + i, "<?xml", n - i) == 0) {
		return FEED_SNIFF_MORE;
	}
	return FEED_SNIFF_XML;
}

/* Charsets */

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
int
feed_charset_is_token(const char *e)
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
 * Which charset wins: a BOM, then the document's own declaration, then the
 * HTTP header, then UTF-8.  The declaration beats Content-Type because
 * feeds are files generated together with their declaration, while servers
 * stamp one charset on everything they send (often a default like
 * ISO-8859-1 for a UTF-8 file).
 */
char *
feed_sniff_charset(const struct feed_sniff *r, const char *http_charset)
{
	const char *name = NULL;
	char *charset = NULL;

	if (r->utf16 != NULL)
		return xstrdup(r->utf16);
	if (!r->bom8 && r->encoding[0] != '\0')
		name = r->encoding;
	if (name != NULL && !is_utf8_name(name) && !is_wide_name(name))
		charset = charset_resolve(name);
	/* A name iconv has never heard of: the server's, else UTF-8. */
	if (charset == NULL && !r->bom8 && (name == NULL ||
	    !is_utf8_name(name)) && http_charset != NULL &&
	    !is_utf8_name(http_charset) && !is_wide_name(http_charset))
		charset = charset_resolve(http_charset);
	return charset;
}
