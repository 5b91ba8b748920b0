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

/* The same for s[0..n), not NUL-terminated. */
static int
has_scheme_n(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
	    s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	return i < n && s[i] == ':';
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

/* Attributes whose value is a URL, in an HTML tag. */
static int
is_url_attr(const char *name, size_t n)
{
	return text_eq_nocase(name, n, "href") ||
	    text_eq_nocase(name, n, "src") || text_eq_nocase(name, n, "poster");
}

static int
is_html_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/*
 * Copies the tag at s[0..n) (from '<' to '>' or the end) to out with its
 * relative URL attributes resolved; returns the bytes used.
 */
static size_t
resolve_tag(struct str *out, const char *s, size_t n, const char *base)
{
	size_t i = 1, name, nlen, v, vlen;
	char q, *url;

	while (i < n && s[i] != '>') {
		if (!is_html_space(s[i])) {
			i++;
			continue;
		}
		while (i < n && is_html_space(s[i]))
			i++;
		name = i;
		while (i < n && !is_html_space(s[i]) && s[i] != '=' &&
		    s[i] != '>')
			i++;
		nlen = i - name;
		if (i >= n || s[i] != '=' || !is_url_attr(s + name, nlen))
			continue;
		i++;
		q = i < n && (s[i] == '"' || s[i] == '\'') ? s[i++] : 0;
		v = i;
		while (i < n && (q ? s[i] != q : !is_html_space(s[i]) &&
		    s[i] != '>'))
			i++;
		vlen = i - v;
		if (vlen == 0 || has_scheme_n(s + v, vlen) || s[v] == '#')
			continue;
		/* the URL may hold entities: resolve what a browser reads */
		url = text_from_html(s + v, vlen, 0);
		if (url[0] != '\0' && !has_scheme(url)) {
			char *abs = feed_url_resolve(url, strlen(url), base);

			if (abs != NULL) {
				str_append(out, s, v);
				text_html_escape_into(out, abs, strlen(abs));
				free(abs);
				free(url);
				return v + vlen;
			}
		}
		free(url);
	}
	if (i < n)
		i++;
	str_append(out, s, i);
	return i;
}

char *
feed_html_clean_base(const char *s, size_t n, const char *base)
{
	struct str out = STR_INIT;
	const char *lt, *end;
	char *r;

	n = text_trim(&s, n);
	if (n == 0)
		return NULL;
	if (base == NULL || base[0] == '\0')
		return text_sanitize(s, n);
	end = s + n;
	while (s < end && (lt = memchr(s, '<', (size_t)(end - s))) != NULL) {
		str_append(&out, s, (size_t)(lt - s));
		s = lt + resolve_tag(&out, lt, (size_t)(end - lt), base);
	}
	str_append(&out, s, (size_t)(end - s));
	r = text_sanitize(str_cstr(&out), out.len);
	str_free(&out);
	return r;
}

int
feed_looks_like_html(const char *s, size_t n)
{
	static const char *const tags[] = {
		"<br", "<p>", "<p ", "<img", "<a href", "<b>", "<i>", "<em>",
		"<strong>",
	};
	size_t i, k;

	for (i = 0; i + 1 < n; i++) {
		if (s[i] == '<' && s[i + 1] == '/' && i + 2 < n &&
		    ((s[i + 2] | 0x20) >= 'a' && (s[i + 2] | 0x20) <= 'z'))
			return 1;
		if (s[i] == '<') {
			for (k = 0; k < sizeof tags / sizeof tags[0]; k++) {
				size_t len = strlen(tags[k]);

				if (n - i >= len && text_eq_nocase(s + i, len,
				    tags[k]))
					return 1;
			}
		}
		if (s[i] == '&') {
			size_t j = i + 1;

			if (j < n && s[j] == '#')
				j++;
			while (j < n && j - i < 32 && (((s[j] | 0x20) >= 'a' &&
			    (s[j] | 0x20) <= 'z') || (s[j] >= '0' && s[j] <= '9')))
				j++;
			if (j < n && s[j] == ';' && j > i + 1)
				return 1;
		}
	}
	return 0;
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
