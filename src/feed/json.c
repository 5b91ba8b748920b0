/*
 * json: JSON Feed 1.0 and 1.1 through json-c's incremental tokener, filling
 * items through the builder (build.h) like the XML side does.
 *
 * json-c only hands over the top-level object once it is complete, so a
 * broken or truncated document yields nothing by itself.  To still keep the
 * items before the break, a small scanner runs alongside the tokener and
 * remembers where each element of the top-level "items" array ended; after a
 * break the text up to the last such end (before the error), closed with
 * "]}", is parsed again.  That recovers the feed's fields written before
 * "items" and every complete item; fields after "items" are lost.
 */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "build.h"
#include "date.h"
#include "fields.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

/* Deeper documents are refused by the tokener. */
#define JSON_DEPTH 64
#define JSON_PIECE ((size_t)1 << 20)

struct feed_json {
	struct json_tokener *tok;
	struct json_object *root;   /* once complete */
	char *base_url;
	char *error;                /* the tokener's complaint */
	size_t error_at;            /* byte offset of the break */
	int broken;
	int ended;

	/* for recovery */
	struct str copy;
	int in_string, escape;
	int depth;
	size_t key_start;           /* last string opened at depth 1 */
	int in_items;
	size_t *ends;               /* offsets just after each item */
	size_t nends, capends;
};

struct feed_json *
feed_json_new(const char *base_url)
{
	struct feed_json *j = xcalloc(1, sizeof *j);

	j->tok = json_tokener_new_ex(JSON_DEPTH);
	if (base_url != NULL)
		j->base_url = xstrdup(base_url);
	return j;
}

static void
add_end(struct feed_json *j, size_t at)
{
	if (j->nends == j->capends) {
		j->capends = j->capends ? j->capends * 2 : 64;
		j->ends = xreallocarray(j->ends, j->capends, sizeof *j->ends);
	}
	j->ends[j->nends++] = at;
}

/* Follows the structure of s (appended at offset base) for recovery. */
static void
scan(struct feed_json *j, const char *s, size_t n, size_t base)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (j->in_string) {
			if (j->escape)
				j->escape = 0;
			else if (c == '\\')
				j->escape = 1;
			else if (c == '"')
				j->in_string = 0;
			continue;
		}
		switch (c) {
		case '"':
			j->in_string = 1;
			if (j->depth == 1)
				j->key_start = base + i + 1;
			break;
		case '{':
		case '[':
			if (j->depth >= JSON_DEPTH)
				return;
			j->depth++;
			if (c == '[' && j->depth == 2 &&
			    j->copy.len >= j->key_start + 6 &&
			    memcmp(j->copy.p + j->key_start, "items\"", 6) == 0) {
				j->in_items = 1;
				/* an empty list is the fallback cut */
				add_end(j, base + i + 1);
			}
			break;
		case '}':
		case ']':
			if (j->depth == 0)
				return;
			j->depth--;
			if (c == '}' && j->depth == 2 && j->in_items)
				add_end(j, base + i + 1);
			if (c == ']' && j->depth == 1)
				j->in_items = 0;
			break;
		}
	}
}

int
feed_json_push(struct feed_json *j, const char *buf, size_t n, int terminate)
{
	enum json_tokener_error err;
	size_t base = j->copy.len;

	if (j->root != NULL || j->broken)
		return j->broken ? -1 : 0;
	while (n > 0 && j->root == NULL) {
		/* the tokener counts in int: hand it bounded pieces */
		size_t k = n < JSON_PIECE ? n : JSON_PIECE;

		str_append(&j->copy, buf, k);
		scan(j, buf, k, base);
		j->root = json_tokener_parse_ex(j->tok, buf, (int)k);
		err = json_tokener_get_error(j->tok);
		if (j->root == NULL && err != json_tokener_continue) {
			j->broken = 1;
			j->error = xstrdup(json_tokener_error_desc(err));
			j->error_at = base + json_tokener_get_parse_end(j->tok);
			return -1;
		}
		buf += k;
		n -= k;
		base += k;
	}
	if (terminate && j->root == NULL) {
		j->broken = 1;
		j->error = xstrdup("the document ends early");
		j->error_at = j->copy.len;
	}
	return 0;
}

/* Reparses the text before the break, cut after the last whole item. */
static struct json_object *
recover(struct feed_json *j)
{
	struct json_object *o;
	struct str s = STR_INIT;
	size_t i, tries = 0;

	for (i = j->nends; i-- > 0 && tries < 4;) {
		if (j->ends[i] > j->error_at)
			continue;
		tries++;
		str_clear(&s);
		str_append(&s, j->copy.p, j->ends[i]);
		str_appendz(&s, "]}");
		o = json_tokener_parse(s.p);
		if (o != NULL) {
			str_free(&s);
			return o;
		}
	}
	str_free(&s);
	return NULL;
}

/* Values */

static const char *
get_str(struct json_object *o, const char *key, size_t *len)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	*len = (size_t)json_object_get_string_len(v);
	return json_object_get_string(v);
}

static struct json_object *
get_type(struct json_object *o, const char *key, enum json_type t)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, t))
		return NULL;
	return v;
}

static char *
get_url(struct json_object *o, const char *key, const char *base)
{
	size_t n;
	const char *s = get_str(o, key, &n);

	return s != NULL ? feed_url_resolve(s, n, base) : NULL;
}

static char *
get_line(struct json_object *o, const char *key)
{
	size_t n;
	const char *s = get_str(o, key, &n);

	return s != NULL ? feed_text_title(s, n, 0) : NULL;
}

/* authors: [{name}] (1.1), else author: {name} (1.0). */
static void
add_authors(struct feed_build *b, struct json_object *o)
{
	struct json_object *v, *a;
	size_t i, n;
	const char *s;

	if ((v = get_type(o, "authors", json_type_array)) != NULL) {
		for (i = 0; i < json_object_array_length(v); i++) {
			a = json_object_array_get_idx(v, i);
			if (json_object_is_type(a, json_type_object) &&
			    (s = get_str(a, "name", &n)) != NULL)
				feed_build_add_author(b, s, n);
		}
	}
	if (b->authors.n == 0 &&
	    (a = get_type(o, "author", json_type_object)) != NULL &&
	    (s = get_str(a, "name", &n)) != NULL)
		feed_build_add_author(b, s, n);
}

static void
put(char **dst, char *v)
{
	if (v == NULL)
		return;
	if (*dst != NULL) {
		free(v);
		return;
	}
	*dst = v;
}

static void
build_item(struct feed_json *j, struct feed_doc *doc, struct json_object *o,
    const char *feed_author)
{
	struct feed_build b;
	struct feed_item *it = &b.it;
	struct json_object *v, *e;
	const char *s;
	size_t n, i;

	memset(&b, 0, sizeof b);
	feed_build_reset(&b);
	/* Ids are strings by the spec; numbers turn up too. */
	if (json_object_object_get_ex(o, "id", &v) &&
	    (json_object_is_type(v, json_type_string) ||
	    json_object_is_type(v, json_type_int))) {
		s = json_object_get_string(v);
		it->guid = feed_text_title(s, strlen(s), 0);
	}
	b.guid_is_link = 0;
	put(&it->url, get_url(o, "url", j->base_url));
	put(&it->url, get_url(o, "external_url", j->base_url));
	it->title = get_line(o, "title");
	if ((s = get_str(o, "summary", &n)) != NULL)
		it->summary = feed_html_from_text(s, n);
	if ((s = get_str(o, "content_html", &n)) != NULL)
		it->content = feed_html_clean(s, n);
	if (it->content == NULL && (s = get_str(o, "content_text", &n)) != NULL)
		it->content = feed_html_from_text(s, n);
	if ((s = get_str(o, "date_published", &n)) != NULL)
		it->published = date_parse(s);
	if ((s = get_str(o, "date_modified", &n)) != NULL)
		it->updated = date_parse(s);
	add_authors(&b, o);
	if ((v = get_type(o, "tags", json_type_array)) != NULL) {
		for (i = 0; i < json_object_array_length(v); i++) {
			e = json_object_array_get_idx(v, i);
			if (json_object_is_type(e, json_type_string))
				feed_item_add_category(it,
				    json_object_get_string(e),
				    (size_t)json_object_get_string_len(e));
		}
	}
	if ((v = get_type(o, "attachments", json_type_array)) != NULL) {
		for (i = 0; i < json_object_array_length(v); i++) {
			char *url;
			struct json_object *sz;

			e = json_object_array_get_idx(v, i);
			if (!json_object_is_type(e, json_type_object) ||
			    (url = get_url(e, "url", j->base_url)) == NULL)
				continue;
			sz = get_type(e, "size_in_bytes", json_type_int);
			feed_item_add_enclosure(it, url,
			    get_line(e, "mime_type"),
			    sz != NULL ? json_object_get_int64(sz) : 0);
		}
	}
	put(&it->thumbnail, get_url(o, "image", j->base_url));
	put(&it->thumbnail, get_url(o, "banner_image", j->base_url));
	feed_build_commit(doc, &b, feed_author);
	feed_build_reset(&b);
}

static int
is_jsonfeed_version(const char *s, size_t n)
{
	return (n > 24 && memcmp(s, "https://jsonfeed.org/version/", 24) == 0)
	    || (n > 23 && memcmp(s, "http://jsonfeed.org/version/", 23) == 0);
}

static struct feed_doc *
build_doc(struct feed_json *j, struct json_object *root, char **cause)
{
	struct feed_doc *doc;
	struct json_object *items;
	struct feed_build fb;
	const char *s;
	char *author = NULL;
	size_t n, i;

	if (!json_object_is_type(root, json_type_object)) {
		*cause = xstrdup("not a feed: JSON, but not an object");
		return NULL;
	}
	items = get_type(root, "items", json_type_array);
	s = get_str(root, "version", &n);
	if (items == NULL && (s == NULL || !is_jsonfeed_version(s, n))) {
		*cause = xstrdup("not a feed: JSON without a JSON Feed version "
		    "or items");
		return NULL;
	}
	doc = feed_doc_new(FEED_FORMAT_JSONFEED);
	doc->title = get_line(root, "title");
	doc->link = get_url(root, "home_page_url", j->base_url);
	doc->self_link = get_url(root, "feed_url", j->base_url);
	/* Without the URL it was fetched from, the feed's own is the base. */
	if (j->base_url == NULL && (doc->self_link != NULL ||
	    doc->link != NULL))
		j->base_url = xstrdup(doc->self_link != NULL ? doc->self_link :
		    doc->link);
	doc->language = get_line(root, "language");
	/* Items without authors have the feed's (JSON Feed 1.1). */
	memset(&fb, 0, sizeof fb);
	feed_build_reset(&fb);
	add_authors(&fb, root);
	if (fb.authors.n > 0)
		author = strv_join(&fb.authors, ", ");
	feed_build_reset(&fb);
	for (i = 0; items != NULL && i < json_object_array_length(items); i++) {
		struct json_object *o = json_object_array_get_idx(items, i);

		if (json_object_is_type(o, json_type_object))
			build_item(j, doc, o, author);
	}
	free(author);
	return doc;
}

struct feed_doc *
feed_json_take(struct feed_json *j, char **cause)
{
	struct json_object *root = j->root;
	struct feed_doc *doc;
	char *why = NULL;

	if (root == NULL && j->broken)
		root = recover(j);
	if (root == NULL) {
		*cause = xasprintf("not a feed: broken JSON at byte %zu: %s",
		    j->error_at, j->error != NULL ? j->error : "no value");
		return NULL;
	}
	doc = build_doc(j, root, &why);
	if (root != j->root)
		json_object_put(root);
	if (doc == NULL) {
		*cause = why;
		return NULL;
	}
	if (j->broken)
		feed_doc_set_error(doc, 0, "JSON broken at byte %zu (%s); the "
		    "items before it were kept", j->error_at, j->error);
	return doc;
}

void
feed_json_free(struct feed_json *j)
{
	if (j == NULL)
		return;
	if (j->tok != NULL)
		json_tokener_free(j->tok);
	if (j->root != NULL)
		json_object_put(j->root);
	free(j->base_url);
	free(j->error);
	str_free(&j->copy);
	free(j->ends);
	free(j);
}
