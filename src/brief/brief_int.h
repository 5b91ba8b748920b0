/*
 * brief_int.h: what the files of src/brief/ share.  Private to the brief
 * module; include/brief.h is the contract.
 *
 * The files, top to bottom (none calls one above it):
 *   brief.c     the briefing: articles, groups, cross-references, render
 *   model.c     what a template may name: the schemas and their getters
 *   collect.c   articles read from the cache (store.h, query.h)
 *   template.c  the template language: compile against a schema, render
 *   load.c      finding a template: the user's, the installed, built in
 *   escape.c    values escaped for Markdown, HTML and text
 *   excerpt.c   the first sentences of a text
 *   wrap.c      plain text wrapped at 72 columns
 */
#ifndef SITREP_BRIEF_INT_H
#define SITREP_BRIEF_INT_H

#include <stddef.h>
#include <stdint.h>

#include "brief.h"
#include "str.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- template.c: what a template can name ---- */

struct tpl_schema;

/*
 * One name a template may use in a context: a text (text set) or a list
 * of objects of another schema (list set).  Getters take the context's
 * object, borrowed.
 */
struct tpl_field {
	const char *name;
	/* a text: appends the raw value (the engine sanitises and escapes) */
	void (*text)(const void *obj, struct str *out);
	/* a list: its length, and element i as an object of schema list */
	const struct tpl_schema *list;
	size_t (*count)(const void *obj);
	const void *(*item)(const void *obj, size_t i);
	int is_url;           /* the text is a link: escaped as one */
};

/* The names of one kind of context ("article", "group"). */
struct tpl_schema {
	const char *name;
	const struct tpl_field *fields;
	size_t nfields;
};

struct tpl;

/*
 * Compiles text against root (the outermost context); NULL with *cause
 * ("NAME:LINE: ...") when it does not.  Returns owned.
 */
struct tpl *tpl_compile(const char *text, size_t n,
    const struct tpl_schema *root, const char *name, char **cause);
void tpl_free(struct tpl *t);
/* Appends t rendered with obj (of t's root schema), values escaped as f. */
void tpl_render(const struct tpl *t, const void *obj, enum brief_format f,
    struct str *out);

/* ---- brief.c: the briefing as templates see it ---- */

struct brief {
	struct brief_article *v;
	size_t n, cap;
};

/* A topic, country or region: its label and how many articles name it. */
struct brief_facet {
	char *key, *label;
	size_t count;
};

enum {
	BRIEF_FACET_TOPIC,
	BRIEF_FACET_COUNTRY,
	BRIEF_FACET_REGION,
	BRIEF_FACET_COUNT
};

struct brief_view;

/* An article where it is listed. */
struct brief_entry {
	const struct brief_view *view;
	const struct brief_article *a;
	size_t number;             /* 1-based, in the order of the document */
	size_t group;              /* the group it is listed in */
	struct brief_facet **facets[BRIEF_FACET_COUNT];
	size_t nfacets[BRIEF_FACET_COUNT];
	struct strv excerpt;       /* paragraphs */
	size_t *also;              /* the other groups it is in */
	size_t nalso;
};

struct brief_group_view {
	const struct brief_view *view;
	size_t index;
	char *key, *label;
	size_t *entries, nentries; /* listed here, newest first */
	size_t *refs, nrefs;       /* listed in an earlier group */
};

struct brief_view {
	const struct brief *b;
	const struct brief_options *o;
	char *title;
	struct brief_entry *entries;   /* in document order */
	size_t nentries;
	struct brief_group_view *groups;
	size_t ngroups;
	/* every topic, country and region the articles name, most first */
	struct brief_facet *facets[BRIEF_FACET_COUNT];
	size_t nfacet[BRIEF_FACET_COUNT];
};

struct brief_template {
	enum brief_format format;
	struct tpl *tpl;
};

/* ---- model.c ---- */

/* The root schema every briefing template is compiled against. */
extern const struct tpl_schema brief_schema_root;
/* Local time for people ("2026-12-07 08:30"), "unknown" for none. */
void brief_local_time(int64_t t, struct str *out);

/* ---- escape.c ---- */

/*
 * Appends s[0..n) (one line, already sanitised) escaped for format f: a
 * Markdown value renders as the characters it holds, an HTML one is
 * entity-escaped.  is_url: a link (Markdown: the characters a link
 * destination cannot hold are percent-encoded).
 */
void brief_escape(struct str *out, enum brief_format f, const char *s,
    size_t n, int is_url);
/* 1 when url is an absolute http or https URL (what briefings link). */
int brief_url_ok(const char *url);

/* ---- load.c ---- */

/* Returns owned: the user's template folder, or NULL without a home. */
char *brief_user_template_dir(void);

#endif
