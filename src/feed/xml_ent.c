/*
 * xml_ent: the entities a feed may use, handed to libxml2 through its
 * getEntity callback: HTML's named characters (RSS feeds write &nbsp; and
 * &eacute; as browsers read them) and those a document declares in its own
 * internal DTD subset.  A file of its own because it is the one place that
 * decides what a reference may expand to, which is what XXE and billion
 * laughs attack (SECURITY.md X1, X2).
 *
 * Safety by construction: a declaration's value is expanded here, once,
 * into plain characters (references to earlier declarations, predefined
 * and HTML entities and character references resolved), capped at
 * ENT_VALUE_MAX bytes per entity and ENT_TOTAL_MAX for the document; over
 * the cap an entity expands to nothing and doc->error says so.  libxml2
 * only ever sees finished text, marked predefined, so it never recurses
 * and never loads anything.  External entities (SYSTEM, PUBLIC) and
 * parameter entities are never recorded: a reference to one expands to
 * nothing.
 */
#include "xml_int.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <libxml/parserInternals.h>

#include "build.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

#define ENT_VALUE_MAX ((size_t)64 << 10)
#define ENT_TOTAL_MAX ((size_t)1 << 20)

/* One name libxml2 may ask for, as content and as attribute text. */
struct ent_pair {
	char *name;
	char *own;        /* a declared entity's expanded value, or NULL */
	xmlEntity body;   /* in content: libxml2 inlines it as characters */
	xmlEntity attr;   /* in attributes: "&name;", for xml_attr_append() */
};

static int
ent_cmp(const void *k, const void *e)
{
	return strcmp(k, (*(struct ent_pair *const *)e)->name);
}

static struct ent_pair *
ent_find(struct feed_xml *x, const char *name)
{
	struct ent_pair **pp;

	if (x->nents == 0)
		return NULL;
	pp = bsearch(name, x->ents, x->nents, sizeof *x->ents, ent_cmp);
	return pp != NULL ? *pp : NULL;
}

/* Adds name with value (len bytes; owned when own is set), kept sorted. */
static struct ent_pair *
ent_add(struct feed_xml *x, const char *name, const char *value, size_t len,
    char *own)
{
	struct ent_pair *e = xcalloc(1, sizeof *e);
	size_t lo = 0, hi = x->nents, mid;

	e->name = xstrdup(name);
	e->own = own;
	e->body.type = XML_ENTITY_DECL;
	e->body.name = (const xmlChar *)e->name;
	e->body.content = (xmlChar *)(uintptr_t)value;
	e->body.length = (int)len;
	/* Predefined: libxml2 passes the content on as characters. */
	e->body.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	/*
	 * In attribute values libxml2 copies only the first byte of a
	 * predefined entity; an internal one marked as checked (an even
	 * value: no '<' inside) is left as the reference "&name;" instead,
	 * which xml_attr_append() expands.
	 */
	e->attr = e->body;
	e->attr.etype = XML_INTERNAL_GENERAL_ENTITY;
	e->attr.checked = 2;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(e->name, x->ents[mid]->name) < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	x->ents = xreallocarray(x->ents, x->nents + 1, sizeof *x->ents);
	memmove(x->ents + lo + 1, x->ents + lo,
	    (x->nents - lo) * sizeof *x->ents);
	x->ents[lo] = e;
	x->nents++;
	return e;
}

/* The value of a reference inside a declaration, or NULL. */
static const char *
ref_value(struct feed_xml *x, const char *name, size_t n, size_t *len)
{
	static const struct { const char *name, *v; } predefined[] = {
		{ "amp", "&" }, { "apos", "'" }, { "gt", ">" }, { "lt", "<" },
		{ "quot", "\"" },
	};
	char key[64];
	struct ent_pair *e;
	const char *utf8;
	size_t i;

	if (n == 0 || n >= sizeof key)
		return NULL;
	memcpy(key, name, n);
	key[n] = '\0';
	for (i = 0; i < NELEM(predefined); i++) {
		if (strcmp(key, predefined[i].name) == 0) {
			*len = 1;
			return predefined[i].v;
		}
	}
	if ((e = ent_find(x, key)) != NULL) {
		*len = (size_t)e->body.length;
		return (const char *)e->body.content;
	}
	if ((utf8 = text_html_entity(key, n)) != NULL)
		*len = strlen(utf8);
	return utf8;
}

/*
 * Expands a declaration's value into out; returns -1 past ENT_VALUE_MAX.
 * Unknown references stay as they are written.
 */
static int
expand(struct feed_xml *x, const char *s, struct str *out)
{
	const char *amp, *semi, *v;
	size_t len;

	while ((amp = strchr(s, '&')) != NULL) {
		str_append(out, s, (size_t)(amp - s));
		semi = strchr(amp, ';');
		v = semi != NULL && amp[1] != '#' ? ref_value(x, amp + 1,
		    (size_t)(semi - amp - 1), &len) : NULL;
		if (v != NULL) {
			str_append(out, v, len);
			s = semi + 1;
		} else {
			str_appendc(out, '&');
			s = amp + 1;
		}
		if (out->len > ENT_VALUE_MAX)
			return -1;
	}
	str_appendz(out, s);
	return out->len > ENT_VALUE_MAX ? -1 : 0;
}

void
xml_ent_declare(struct feed_xml *x, const xmlChar *name, int type,
    const xmlChar *content)
{
	const char *nm = (const char *)name;
	struct str v = STR_INIT;
	char *own;

	if (name == NULL || ent_find(x, nm) != NULL)
		return; /* the first declaration binds (XML 1.0, 4.2) */
	if (type == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
	    type == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY) {
		/* never loaded; a declaration does not hide HTML's name */
		if (text_html_entity(nm, strlen(nm)) == NULL)
			ent_add(x, nm, "", 0, NULL);
		return;
	}
	if (type != XML_INTERNAL_GENERAL_ENTITY || content == NULL)
		return;
	if (expand(x, (const char *)content, &v) < 0 ||
	    x->ent_total + v.len > ENT_TOTAL_MAX) {
		str_free(&v);
		if (!x->ent_refused && x->doc == NULL) {
			char *m = xasprintf("line %d: the entity '%.40s' expands "
			    "beyond %zu bytes; it was left out",
			    xml_cur_line(x), nm, ENT_VALUE_MAX);

			free(x->ent_note);
			x->ent_note = text_oneline(m, strlen(m));
			free(m);
		}
		x->ent_refused = 1;
		ent_add(x, nm, "", 0, NULL);
		return;
	}
	x->ent_total += v.len;
	own = str_steal(&v);
	ent_add(x, nm, own, strlen(own), own);
}

xmlEntityPtr
xml_ent_get(struct feed_xml *x, const xmlChar *name)
{
	const char *nm = (const char *)name;
	struct ent_pair *e;
	const char *utf8;
	int in_attr;

	if (x->ctxt->instate == XML_PARSER_CONTENT)
		in_attr = 0;
	else if (x->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE)
		in_attr = 1;
	else
		return NULL; /* inside the DTD: expand() did that part */
	if ((e = ent_find(x, nm)) == NULL) {
		utf8 = text_html_entity(nm, strlen(nm));
		if (utf8 == NULL)
			return NULL;
		e = ent_add(x, nm, utf8, strlen(utf8), NULL);
	}
	return in_attr ? &e->attr : &e->body;
}

void
xml_ent_free(struct feed_xml *x)
{
	size_t i;

	for (i = 0; i < x->nents; i++) {
		free(x->ents[i]->name);
		free(x->ents[i]->own);
		free(x->ents[i]);
	}
	free(x->ents);
	x->ents = NULL;
	x->nents = 0;
	free(x->ent_note);
	x->ent_note = NULL;
}
