/*
 * fields: a field's raw text to its final form (fields.h).  Its own file
 * because both format parsers (xml*.c, json.c) and nothing else need it,
 * and because it is the one place the parser leans on libxml2's URI code
 * outside the XML side.
 */
#include "fields.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "str.h"
#include "text.h"

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
	if (n == 0 || (url = feed_text_title(s, n, 0)) == NULL)
		return NULL;
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
	abs = feed_text_title((const char *)built, strlen((const char *)built),
	    0);
	xmlFree(built);
	free(url);
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
