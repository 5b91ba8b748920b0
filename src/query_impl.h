/*
 * query_impl: what query.c (the language) hands query_read.c (the reads).
 * Private to the query module.
 */
#ifndef SITREP_QUERY_IMPL_H
#define SITREP_QUERY_IMPL_H

#include <stddef.h>
#include <stdint.h>

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

struct node;

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
