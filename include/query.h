/*
 * query: the one filter language of the interface, `sitrep list`, `sitrep
 * brief` and saved views, compiled to one SQL statement with bound
 * parameters (never pasted strings), plus the reads built on it: pages of
 * headline rows in newest-first order (keyset paging), counts, and the
 * sidebar's facets with their 14-day histograms.
 *
 * Language (AND by default; `OR` and parentheses group; `-` negates any
 * term):
 *   unread  read  starred  dismissed
 *   tag:X  topic:X  country:JP|japan  region:X  feed:KEY  author:X
 *   since:24h|7d|2w|2023-01-10   before:DATE
 *   word  word*  "exact phrase"      (FTS5 over title, summary, content and
 *                                     extracted text)
 * Values may be quoted: tag:"q3 brief".  Field names are case-insensitive.
 * A '*' in a tag is a wildcard: -tag:briefed-* leaves out every article a
 * briefing was tagged with.
 * Unless the query mentions `dismissed`, dismissed articles are left out.
 */
#ifndef SITREP_QUERY_H
#define SITREP_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "store.h"
#include "str.h"

struct query;

struct query_env {
	int64_t now;               /* UTC seconds, for since:/before: */
	const struct config *cfg;  /* topics, feeds and views, for checks and
	                              did-you-mean; may be NULL */
};

struct query_error {
	size_t line, col;          /* 1-based position of the problem */
	char *message;             /* owned: "query: unknown field 'contry' at
	                              1:1 — did you mean 'country'?" */
};

/*
 * Parses text (NULL or "" = everything).  Returns owned, or NULL with err
 * filled (free err->message).
 */
struct query *query_parse(const char *text, const struct query_env *env,
    struct query_error *err);
void query_free(struct query *q);
/*
 * A point in time as since: and before: take it: a duration back from now
 * (30m, 24h, 7d, 2w), today, yesterday, or a date (UTC midnight), as UTC
 * seconds in *out.  0, or -1 when s[0..n) is none of those.
 */
int query_parse_when(const char *s, size_t n, int64_t now, int64_t *out);
/* Returns borrowed: the text the query was parsed from. */
const char *query_text(const struct query *q);
/* Returns owned: the WHERE clause with ? placeholders (for tests). */
char *query_sql(const struct query *q);

/*
 * 1 when s[0..n) holds a letter or a digit that the full-text index would
 * find; a word without one (', %, an emoji) matches nothing.
 */
int query_word_has_token(const char *s, size_t n);
/*
 * 1 when text names a field of the language (country:JP, -tag:x): the
 * interface's search runs such text as a query, not as words.
 */
int query_text_names_field(const char *text);
/*
 * Appends to out the full-text words and phrases q looks for, not those
 * it excludes, as written ("supply chain", a prefix as "ransom*"), each
 * once: what the interface highlights.
 */
void query_words(const struct query *q, struct strv *out);

/*
 * EXPLAIN QUERY PLAN, one step a line, of what query_page (count = 0: a
 * page older than a key) or query_count (count = 1) runs.  For tests and
 * benchmarks.  Returns owned, or NULL with *cause.
 */
char *query_plan(struct store *st, const struct query *q, int count,
    char **cause);

/* ---- reads ---- */

/* A headline row: what the list shows. */
struct article_row {
	int64_t id;
	int64_t sort_time;         /* newest-first key, with id */
	int64_t published;         /* DATE_UNKNOWN when the feed gave none */
	char *feed_key, *feed_title;
	char *title, *url, *author;
	int read, starred, dismissed;
	struct strv tags;          /* sorted */
	struct strv topics;        /* topic keys */
	struct strv countries;     /* ISO alpha-2 codes, sorted */
};

/* A position in newest-first order. */
struct query_key {
	int64_t sort_time;
	int64_t id;
};

enum query_dir {
	QUERY_OLDER, /* rows after `from` in the list (further down) */
	QUERY_NEWER  /* rows before `from` (further up) */
};

/*
 * Up to limit rows next to `from` (excluded) in direction dir; from NULL
 * starts at the top (OLDER) or the bottom (NEWER).  Rows come back in list
 * order (newest first) either way.  Uses an index: cost depends on limit, not
 * on the size of the cache.  *rows is owned (article_rows_free).
 */
int query_page(struct store *st, const struct query *q,
    const struct query_key *from, enum query_dir dir, size_t limit,
    struct article_row **rows, size_t *n, char **cause);
void article_rows_free(struct article_row *rows, size_t n);

/* Matching articles and how many of them are unread. */
int query_count(struct store *st, const struct query *q, int64_t *total,
    int64_t *unread, char **cause);

/* How many matching rows come before key in list order (for a scrollbar). */
int query_position(struct store *st, const struct query *q,
    const struct query_key *key, int64_t *before, char **cause);

/* Marks every matching article read; *changed = how many were unread. */
int query_mark_read(struct store *st, const struct query *q, int64_t *changed,
    char **cause);
/*
 * The same, and *ids (owned, may be NULL when *n is 0) gets the articles
 * it changed, so that the interface can undo it (query_set_read).
 */
int query_mark_read_ids(struct store *st, const struct query *q,
    int64_t **ids, size_t *n, char **cause);
/* Sets read (0 or 1) on ids[0..n) in one transaction. */
int query_set_read(struct store *st, const int64_t *ids, size_t n, int read,
    char **cause);
/*
 * Sets flag f of ids[i] to values[i] (0 or 1) in one transaction: the
 * interface's bulk actions on marked rows and their undo (one transaction
 * each instead of one per article: 20 rows took 11 ms).
 */
int query_set_flags(struct store *st, enum store_flag f, const int64_t *ids,
    const int *values, size_t n, char **cause);

/* ---- the sidebar ---- */

enum facet_kind {
	FACET_TOPIC,
	FACET_COUNTRY,
	FACET_REGION,
	FACET_TAG,
	FACET_FEED,
	FACET_COUNT
};

#define FACET_DAYS 14

struct facet_count {
	char *key;                 /* topic key, ISO code, region key, tag, feed */
	char *label;               /* for people: "Japan", the topic's label */
	int64_t total, unread;     /* not counting dismissed articles */
	int64_t per_day[FACET_DAYS]; /* articles per UTC day, oldest first,
	                                the last entry is today */
};

/*
 * Every entry of one kind with counts (topics and feeds from the config even
 * when empty; countries, regions and tags that have articles), ordered as the
 * sidebar shows them: countries by unread descending, others by label.
 * *out is owned (facet_counts_free).
 */
int query_facets(struct store *st, enum facet_kind kind,
    const struct query_env *env, struct facet_count **out, size_t *n,
    char **cause);
void facet_counts_free(struct facet_count *v, size_t n);

#endif
