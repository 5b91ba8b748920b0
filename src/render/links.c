/*
 * links: the document's link list.  An <a> with a usable target gets a
 * number at its first visible character (the same URL keeps its number),
 * and its text is followed by "[n]".  Targets are cleaned the way a
 * browser would, resolved against the document's <base> or the caller's
 * base URL, and numbered only when absolute http, https or mailto.
 *
 * Apart from inline.c because it is the one part of the renderer that
 * deals in URLs (SECURITY.md: nothing else reaches the link list).  Calls
 * wrap.c for the "[n]" mark and elements.c for attributes.
 */
#include "render_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "str.h"
#include "text.h"
#include "xalloc.h"

/* Link schemes that get a number; anything else shows its text only. */
static const char *const link_schemes[] = { "http", "https", "mailto" };

static size_t
hash_str(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int
link_number(struct render *r, const char *url)
{
	size_t h, i;

	if (r->links.n >= INT_MAX - 1)
		return 0;
	if ((r->links.n + 1) * 2 > r->map_cap) {
		size_t cap = r->map_cap ? r->map_cap * 2 : 64;

		free(r->map);
		r->map = xcalloc(cap, sizeof *r->map);
		r->map_cap = cap;
		for (i = 0; i < r->links.n; i++) {
			h = hash_str(r->links.v[i]) & (cap - 1);
			while (r->map[h] != 0)
				h = (h + 1) & (cap - 1);
			r->map[h] = i + 1;
		}
	}
	h = hash_str(url) & (r->map_cap - 1);
	while (r->map[h] != 0) {
		if (strcmp(r->links.v[r->map[h] - 1], url) == 0)
			return (int)r->map[h];
		h = (h + 1) & (r->map_cap - 1);
	}
	strv_pushdup(&r->links, url);
	r->map[h] = r->links.n;
	return (int)r->links.n;
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

char *
link_url_clean(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *clean = text_sanitize(s, strlen(s));
	const char *p = clean;
	size_t n = text_trim(&p, strlen(clean)), i;
	struct str out = STR_INIT;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '\t' || c == '\n')
			continue;
		if (c <= ' ' || c >= 0x7f || strchr("\"<>\\^`{|}", c) != NULL ||
		    (c == '%' && (i + 2 >= n || !is_hex(p[i + 1]) ||
		    !is_hex(p[i + 2])))) {
			str_appendc(&out, '%');
			str_appendc(&out, hex[c >> 4]);
			str_appendc(&out, hex[c & 15]);
		} else {
			str_appendc(&out, (char)c);
		}
	}
	free(clean);
	if (out.len == 0) {
		str_free(&out);
		return NULL;
	}
	return str_steal(&out);
}

/* 1 when url is absolute with a scheme that gets a number. */
static int
url_allowed(const char *url)
{
	size_t n = 0, i;

	while (url[n] != '\0' && url[n] != ':' && url[n] != '/' &&
	    url[n] != '?' && url[n] != '#')
		n++;
	if (url[n] != ':')
		return 0;
	for (i = 0; i < sizeof link_schemes / sizeof link_schemes[0]; i++) {
		if (!text_eq_nocase(url, n, link_schemes[i]))
			continue;
		if (i < 2)  /* http, https: a host must follow */
			return strncmp(url + n, "://", 3) == 0 &&
			    url[n + 3] != '\0' && url[n + 3] != '/';
		return url[n + 1] != '\0';
	}
	return 0;
}

/* The absolute target of href when it deserves a number; owned or NULL. */
static char *
link_resolve(struct render *r, const char *href)
{
	char *clean = link_url_clean(href), *url = NULL;
	xmlChar *abs;

	/* Fragments point into a page we are not showing. */
	if (clean == NULL || clean[0] == '#')
		goto out;
	abs = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)r->base);
	if (abs == NULL)
		goto out;
	if (url_allowed((const char *)abs)) {
		char *p;

		url = xstrdup((const char *)abs);
		/* "HTTPS:" is https: say so, for whoever checks it later. */
		for (p = url; *p != ':'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	}
	xmlFree(abs);
out:
	free(clean);
	return url;
}

/*
 * "[n]" after the link text shown since the last one: at the end of the
 * link, and at each block boundary inside it, so that a link wrapped around
 * a heading and a paragraph (a news "card") marks both.
 */
void
link_ref(struct render *r)
{
	char ref[24];
	unsigned style;
	size_t i;

	if (r->link_no == 0 || !r->link_dirty)
		return;
	r->link_dirty = 0;
	style = (r->style & ~(unsigned)RENDER_LINK) | RENDER_LINKREF;
	snprintf(ref, sizeof ref, "[%d]", r->link_no);
	if (r->pre) {
		for (i = 0; ref[i] != '\0'; i++)
			wrap_pre_char(r, ref + i, 1, 1, style, r->link_no);
	} else {
		wrap_word_attach(r, ref, style, r->link_no);
	}
}

void
link_enter(struct render *r, xmlNode *n, struct save *sv)
{
	char *href;

	link_ref(r);  /* the enclosing link's text ends here */
	sv->link_url = r->link_url;
	sv->link_no = r->link_no;
	sv->link_dirty = r->link_dirty;
	href = element_attr(n, "href");
	r->link_url = href != NULL ? link_resolve(r, href) : NULL;
	r->link_no = 0;
	r->link_dirty = 0;
	free(href);
}

void
link_leave(struct render *r, const struct save *sv)
{
	link_ref(r);
	free(r->link_url);
	r->link_url = sv->link_url;
	r->link_no = sv->link_no;
	r->link_dirty = sv->link_dirty;
}

void
link_base(struct render *r, xmlNode *n)
{
	char *href, *clean;
	xmlChar *abs;

	if (r->base_seen)
		return;  /* only the first <base> counts */
	if ((href = element_attr(n, "href")) == NULL)
		return;
	r->base_seen = 1;
	clean = link_url_clean(href);
	free(href);
	if (clean == NULL)
		return;
	abs = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)r->base);
	free(clean);
	if (abs == NULL)
		return;
	free(r->base);
	r->base = xstrdup((const char *)abs);
	xmlFree(abs);
}

void
link_head(struct render *r, xmlNode *n)
{
	xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "base") == 0)
			link_base(r, c);
}
