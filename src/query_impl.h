/*
 * query_impl: what query.c (the language) hands query_read.c (the reads).
 * Private to the query module.
 */
#ifndef SITREP_QUERY_IMPL_H
#define SITREP_QUERY_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "str.h"

struct sqlite3_stmt;

/* One bound value of a compiled query. */
struct query_bind {
	int is_text;
	char *text;   /* owned */
	int64_t num;
};

/*
 * A compiled WHERE clause over `items i`: '?' placeholders in order, one
 * bind per placeholder.
 */
struct query_where {
	char *sql;    /* owned */
	struct query_bind *binds;
	size_t nbinds;
};

/* ---------- the tree query.c parses and query_sql.c compiles ---------- */

enum node_kind {
	NODE_AND,
	NODE_OR,
	NODE_NOT,
	NODE_ALL,     /* matches everything (what `-x` of NONE leaves) */
	NODE_NONE,    /* matches nothing: a word without letters or digits */
	NODE_FLAG,
	NODE_TAG,
	NODE_TOPIC,
	NODE_COUNTRY,
	NODE_REGION,
	NODE_FEED,
	NODE_AUTHOR,
	NODE_SINCE,
	NODE_BEFORE,
	NODE_TEXT,
	NODE_KIND_COUNT
};

enum query_flag {
	QFLAG_UNREAD,
	QFLAG_READ,
	QFLAG_STARRED,
	QFLAG_DISMISSED,
	QFLAG_COUNT
};

struct node {
	enum node_kind kind;
	struct node **kids;
	size_t nkids, cap;
	enum query_flag flag;
	char *value;   /* tag, topic key, code, region key, feed key, author
	                  LIKE pattern, or the text of a word or phrase */
	int prefix;    /* text: a trailing '*'; tag: a glob */
	int64_t time;  /* since:, before: */
	struct strv feeds; /* tag: the config's feeds that carry it (their
	                      articles match without a row of their own) */
};

/* How a compiled clause meets its terms (see struct query). */
enum gen_mode {
	GEN_FILTER,  /* per row; full-text terms as a set built once */
	GEN_DRIVE,   /* the rarest set drives */
	GEN_DRIVE_TEXT, /* the full-text set drives */
	GEN_PROBE    /* per row; full-text terms probed per row */
};

/*
 * Writes the WHERE clause of q's tree in one mode into w (owned by w).
 * Returns whether it has a full-text term.  query_sql.c.
 */
int query_compile(struct query *q, enum gen_mode mode, struct query_where *w);
void query_where_free(struct query_where *w);

struct query {
	char *text;                 /* as given, "" for everything */
	struct node *root;          /* NULL: everything */
	int mentions_dismissed;
	struct query_where filter;  /* per-row tests: pages, positions */
	struct query_where drive;   /* set-driven: counts, mark read */
	/* set-driven, the full-text set first: a rare word's few matches */
	struct query_where drive_text;
	/*
	 * Like filter, but each full-text term is a probe of the index for
	 * the row at hand instead of a set built first; set when the query
	 * has full-text terms (has_fts), for pages over a window of rows.
	 */
	struct query_where probe;
	int has_fts;
};

/*
 * Binds w's values to s from parameter index first (1-based) on; returns
 * the next free index.
 */
int query_where_bind(struct sqlite3_stmt *s, const struct query_where *w,
    int first);

#endif
