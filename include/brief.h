/*
 * brief: the morning briefing.  Articles read from the cache (or handed
 * in) are grouped by topic, country, region or feed, each article once, in
 * the first of its groups and cross-referenced from the others, and laid
 * out in Markdown, HTML or plain text by a template.
 *
 * Templates are small and safe: placeholders and sections, no code (see
 * templates/ and sitrep(1)).  Every value is sanitised (SECURITY.md T1)
 * and escaped for the format, so a hostile title is inert in all three;
 * plain text is wrapped at 72 columns by display width.
 *
 * No network, no SQL: the cache is read through store.h and query.h.
 */
#ifndef SITREP_BRIEF_H
#define SITREP_BRIEF_H

#include <stddef.h>
#include <stdint.h>

#include "str.h"

struct config;
struct query;
struct store;

enum brief_format {
	BRIEF_MD,
	BRIEF_HTML,
	BRIEF_TXT,
	BRIEF_FORMAT_COUNT
};

enum brief_group {
	BRIEF_BY_TOPIC,
	BRIEF_BY_COUNTRY,
	BRIEF_BY_REGION,
	BRIEF_BY_FEED,
	BRIEF_BY_NONE,
	BRIEF_GROUP_COUNT
};

/* "md" (or "markdown"), "html", "txt" (or "text"); 0, or -1. */
int brief_format_parse(const char *s, enum brief_format *out);
/* Returns borrowed (static): "md", "html", "txt"; the file extension. */
const char *brief_format_name(enum brief_format f);
/* "topic", "country", "region", "feed", "none"; 0, or -1. */
int brief_group_parse(const char *s, enum brief_group *out);

/* One article of a briefing; every pointer is owned by the briefing. */
struct brief_article {
	int64_t id;
	char *title, *url, *author;
	char *feed_key, *feed_title;
	int64_t date;              /* published, else first seen */
	struct strv topics;        /* topic keys */
	struct strv countries;     /* ISO codes */
	struct strv regions;       /* region keys */
	struct strv tags;
	char *text;                /* plain text, LF between paragraphs, or
	                              NULL: where the excerpt comes from */
	int text_is_full;          /* text is the extracted article */
};

struct brief;

struct brief *brief_new(void);
void brief_free(struct brief *b);
/* Takes ownership of a's pointers (a itself is copied). */
void brief_add(struct brief *b, struct brief_article *a);
size_t brief_count(const struct brief *b);
/* Returns borrowed: article i, in the order they were added. */
const struct brief_article *brief_article_at(const struct brief *b,
    size_t i);

/*
 * Reads into b the articles q matches, newest first, at most limit (0:
 * no limit).  full: keep each article's whole text (else only the start
 * an excerpt needs).  Returns 0, or -1 with *cause.
 */
int brief_collect_query(struct brief *b, struct store *st,
    const struct query *q, size_t limit, int full, char **cause);
/* The articles with these ids (missing ones are skipped); 0 or -1. */
int brief_collect_ids(struct brief *b, struct store *st, const int64_t *ids,
    size_t n, int full, char **cause);

struct brief_options {
	enum brief_format format;
	enum brief_group group;
	const char *title;         /* NULL: "Briefing for DATE" */
	const char *query;         /* what was asked, shown in the header;
	                              NULL or "" for none */
	int64_t since;             /* the period covered; 0: from the oldest
	                              article */
	int64_t until;             /* 0: generated */
	int64_t generated;         /* UTC seconds */
	size_t excerpt;            /* sentences of each article; 0: none */
	int full;                  /* the whole text instead */
	const struct config *cfg;  /* topic labels and order, feed order;
	                              may be NULL */
};

struct brief_template;

/*
 * The template of a format: the user's $XDG_CONFIG_HOME/sitrep/templates/
 * brief.EXT (else ~/.config/...) when it exists, then the installed one,
 * then the one built in.  Returns owned, or NULL with *cause naming the
 * file and line.
 */
struct brief_template *brief_template_load(enum brief_format f,
    char **cause);
/*
 * Compiles a template for format f; name is the file for messages.
 * Returns owned, or NULL with *cause ("NAME:LINE: ...").
 */
struct brief_template *brief_template_parse(const char *text, size_t n,
    enum brief_format f, const char *name, char **cause);
void brief_template_free(struct brief_template *t);
/* Returns borrowed (static): the built-in template of f. */
const char *brief_template_builtin(enum brief_format f);

/*
 * Appends the briefing of b's articles to out, laid out by t (whose
 * format wins over o->format).  Never fails: a template that compiled
 * renders.
 */
void brief_render(const struct brief *b, const struct brief_options *o,
    const struct brief_template *t, struct str *out);

/*
 * The first sentences of text (plain, LF between paragraphs): at most max
 * sentences, and about 600 bytes, cut at a word with "…" when one
 * sentence is longer.  max 0 keeps every paragraph whole.  Paragraphs are
 * appended to out.
 */
void brief_excerpt(const char *text, size_t max, struct strv *out);

/*
 * Text wrapped at width display columns: a continuation line takes its
 * line's indentation and list marker's width; a word wider than the room
 * (a link) stays whole on a line of its own.  Appends to out.
 */
void brief_wrap_text(struct str *out, const char *s, size_t n, size_t width);

#endif
