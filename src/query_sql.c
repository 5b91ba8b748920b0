/*
 * query_sql: a parsed query's tree (query_impl.h) to WHERE clauses over
 * `items i` with bound parameters, in the four modes struct query keeps:
 * per row, driven by the rarest set, driven by the full-text set, and
 * probing the full-text index per row.  Apart from query.c, which reads
 * the language: the parser changes with what users type, this file with
 * the schema and SQLite's planner.  Nothing the user typed becomes SQL
 * text; every value is a bound parameter.
 */
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "query_impl.h"
#include "str.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Compiling to SQL                                                    */

struct gen {
	struct str sql;
	struct query_bind *b;
	size_t nb, cap;
	int drive;
	int text_first; /* an AND's full-text term before its others */
	int probe;
	int fts;     /* a full-text term was compiled */
};

static void
gen_bind(struct gen *g, const char *text, int64_t num)
{
	if (g->nb == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 8;
		g->b = xreallocarray(g->b, g->cap, sizeof *g->b);
	}
	g->b[g->nb].is_text = text != NULL;
	g->b[g->nb].text = text != NULL ? xstrdup(text) : NULL;
	g->b[g->nb].num = num;
	g->nb++;
}

/* Can n be written as one FTS5 expression? */
static int
fts_able(const struct node *n)
{
	size_t positives = 0;

	switch (n->kind) {
	case NODE_TEXT:
		return 1;
	case NODE_OR:
		for (size_t i = 0; i < n->nkids; i++)
			if (!fts_able(n->kids[i]))
				return 0;
		return 1;
	case NODE_AND:
		for (size_t i = 0; i < n->nkids; i++) {
			const struct node *k = n->kids[i];

			if (k->kind == NODE_NOT && fts_able(k->kids[0]))
				continue;
			if (!fts_able(k))
				return 0;
			positives++;
		}
		return positives > 0;
	default:
		return 0;
	}
}

/* An FTS5 string: the text in double quotes, its quotes doubled. */
static void
fts_string(struct str *e, const struct node *n)
{
	str_appendc(e, '"');
	for (const char *c = n->value; *c; c++) {
		if (*c == '"')
			str_appendc(e, '"');
		str_appendc(e, *c);
	}
	str_appendc(e, '"');
	if (n->prefix)
		str_appendz(e, " *");
}

static void fts_expr(struct str *e, const struct node *n);

/* kids[0..n) of an AND, fts_able ones only: positives AND'ed, then NOTs. */
static void
fts_and(struct str *e, struct node *const *kids, size_t n)
{
	size_t pos = 0;

	str_appendz(e, "((");
	for (size_t i = 0; i < n; i++) {
		if (kids[i]->kind == NODE_NOT)
			continue;
		if (pos++ > 0)
			str_appendz(e, " AND ");
		fts_expr(e, kids[i]);
	}
	str_appendc(e, ')');
	for (size_t i = 0; i < n; i++) {
		if (kids[i]->kind != NODE_NOT)
			continue;
		str_appendz(e, " NOT ");
		fts_expr(e, kids[i]->kids[0]);
	}
	str_appendc(e, ')');
}

static void
fts_expr(struct str *e, const struct node *n)
{
	switch (n->kind) {
	case NODE_TEXT:
		fts_string(e, n);
		break;
	case NODE_OR:
		str_appendc(e, '(');
		for (size_t i = 0; i < n->nkids; i++) {
			if (i > 0)
				str_appendz(e, " OR ");
			fts_expr(e, n->kids[i]);
		}
		str_appendc(e, ')');
		break;
	case NODE_AND:
		fts_and(e, n->kids, n->nkids);
		break;
	default:
		break;
	}
}

static void
gen_match(struct gen *g, const char *expr)
{
	g->fts = 1;
	if (g->probe) {
		/* FTS5 seeks the term's list to this one rowid. */
		str_appendz(&g->sql, "EXISTS (SELECT 1 FROM items_fts WHERE"
		    " items_fts MATCH ? AND rowid = i.id)");
		gen_bind(g, expr, 0);
		return;
	}
	str_appendz(&g->sql, g->drive ? "i.id IN" : "+i.id IN");
	str_appendz(&g->sql, " (SELECT rowid FROM items_fts WHERE items_fts"
	    " MATCH ?)");
	gen_bind(g, expr, 0);
}

/* A facet table's term: EXISTS per row, or the set to start from. */
static void
gen_facet(struct gen *g, const char *table, const char *column,
    const char *value)
{
	if (g->drive)
		str_appendf(&g->sql, "i.id IN (SELECT item_id FROM %s WHERE"
		    " %s = ?)", table, column);
	else
		str_appendf(&g->sql, "EXISTS (SELECT 1 FROM %s x WHERE"
		    " x.item_id = i.id AND x.%s = ?)", table, column);
	gen_bind(g, value, 0);
}

static void gen_node(struct gen *g, const struct node *n);

/*
 * Whether an AND's child goes into its one MATCH: a full-text term, or a
 * negated one when the AND has a positive full-text term to subtract from.
 */
static int
joins_match(const struct node *k, size_t positives)
{
	return positives > 0 && (k->kind == NODE_NOT ? fts_able(k->kids[0]) :
	    fts_able(k));
}

/* An AND's full-text terms as one MATCH. */
static void
gen_and_text(struct gen *g, struct node **fts, size_t nfts, size_t *parts)
{
	struct str e = STR_INIT;

	if (nfts == 1)
		fts_expr(&e, fts[0]);
	else
		fts_and(&e, fts, nfts);
	if ((*parts)++ > 0)
		str_appendz(&g->sql, " AND ");
	gen_match(g, str_cstr(&e));
	str_free(&e);
}

static void
gen_and(struct gen *g, const struct node *n)
{
	struct node **fts = xcalloc(n->nkids, sizeof *fts);
	size_t nfts = 0, positives = 0, parts = 0;

	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *k = n->kids[i];

		if (k->kind != NODE_NOT && fts_able(k))
			positives++;
	}
	for (size_t i = 0; i < n->nkids; i++)
		if (joins_match(n->kids[i], positives))
			fts[nfts++] = n->kids[i];
	str_appendc(&g->sql, '(');
	/* SQLite drives from the first set on i.id */
	if (nfts > 0 && g->text_first)
		gen_and_text(g, fts, nfts, &parts);
	for (size_t i = 0; i < n->nkids; i++) {
		struct node *k = n->kids[i];

		if (joins_match(k, positives))
			continue;
		if (parts++ > 0)
			str_appendz(&g->sql, " AND ");
		gen_node(g, k);
	}
	if (nfts > 0 && !g->text_first)
		gen_and_text(g, fts, nfts, &parts);
	str_appendc(&g->sql, ')');
	free(fts);
}

/*
 * tag:NAME: an article tagged NAME, or one of a feed the config tags NAME
 * (`tags = cyber, eu` in [feed:KEY]).  Feed tags are never copied into
 * rows, so editing the config re-files every old article at once.
 */
static void
gen_tag(struct gen *g, const struct node *n)
{
	if (n->feeds.n > 0)
		str_appendc(&g->sql, '(');
	str_appendz(&g->sql, g->drive ? "i.id IN (SELECT x.item_id FROM"
	    " item_tags x JOIN tags t ON t.id = x.tag_id WHERE " :
	    "EXISTS (SELECT 1 FROM item_tags x JOIN tags t ON"
	    " t.id = x.tag_id WHERE x.item_id = i.id AND ");
	/* LIKE ignores ASCII case, as tags' NOCASE does */
	str_appendz(&g->sql, n->prefix ? "t.name LIKE ? ESCAPE '\\')" :
	    "t.name = ?)");
	gen_bind(g, n->value, 0);
	if (n->feeds.n == 0)
		return;
	str_appendz(&g->sql, " OR i.feed_id IN (SELECT id FROM feeds WHERE"
	    " key IN (");
	for (size_t i = 0; i < n->feeds.n; i++) {
		str_appendz(&g->sql, i > 0 ? ", ?" : "?");
		gen_bind(g, n->feeds.v[i], 0);
	}
	str_appendz(&g->sql, ")))");
}

static void
gen_node(struct gen *g, const struct node *n)
{
	static const char *const flag_sql[QFLAG_COUNT] = {
		[QFLAG_UNREAD] = "i.read = 0",
		[QFLAG_READ] = "i.read = 1",
		[QFLAG_STARRED] = "i.starred = 1",
		[QFLAG_DISMISSED] = "i.dismissed = 1",
	};

	switch (n->kind) {
	case NODE_AND:
		gen_and(g, n);
		break;
	case NODE_OR:
		if (fts_able(n)) {
			struct str e = STR_INIT;

			fts_expr(&e, n);
			gen_match(g, str_cstr(&e));
			str_free(&e);
			break;
		}
		str_appendc(&g->sql, '(');
		for (size_t i = 0; i < n->nkids; i++) {
			if (i > 0)
				str_appendz(&g->sql, " OR ");
			gen_node(g, n->kids[i]);
		}
		str_appendc(&g->sql, ')');
		break;
	case NODE_NOT:
		str_appendz(&g->sql, "NOT (");
		gen_node(g, n->kids[0]);
		str_appendc(&g->sql, ')');
		break;
	case NODE_ALL:
		str_appendz(&g->sql, "1");
		break;
	case NODE_NONE:
		str_appendz(&g->sql, "0");
		break;
	case NODE_FLAG:
		str_appendz(&g->sql, flag_sql[n->flag]);
		break;
	case NODE_TAG:
		gen_tag(g, n);
		break;
	case NODE_TOPIC:
		gen_facet(g, "item_topics", "topic", n->value);
		break;
	case NODE_COUNTRY:
		gen_facet(g, "item_countries", "country", n->value);
		break;
	case NODE_REGION:
		gen_facet(g, "item_regions", "region", n->value);
		break;
	case NODE_FEED:
		/* one value (the index keeps its order); never NULL */
		str_appendz(&g->sql, "i.feed_id = coalesce((SELECT id FROM"
		    " feeds WHERE key = ?), 0)");
		gen_bind(g, n->value, 0);
		break;
	case NODE_AUTHOR:
		str_appendz(&g->sql, "coalesce(i.author, '') LIKE ? ESCAPE"
		    " '\\'");
		gen_bind(g, n->value, 0);
		break;
	case NODE_SINCE:
		str_appendz(&g->sql, "i.sort_time >= ?");
		gen_bind(g, NULL, n->time);
		break;
	case NODE_BEFORE:
		str_appendz(&g->sql, "i.sort_time < ?");
		gen_bind(g, NULL, n->time);
		break;
	case NODE_TEXT:
		{
			struct str e = STR_INIT;

			fts_expr(&e, n);
			gen_match(g, str_cstr(&e));
			str_free(&e);
		}
		break;
	case NODE_KIND_COUNT:
		break;
	}
}

int
query_compile(struct query *q, enum gen_mode mode, struct query_where *w)
{
	struct gen g;

	memset(&g, 0, sizeof g);
	g.drive = mode == GEN_DRIVE || mode == GEN_DRIVE_TEXT;
	g.text_first = mode == GEN_DRIVE_TEXT;
	g.probe = mode == GEN_PROBE;
	if (!q->mentions_dismissed)
		str_appendz(&g.sql, q->root != NULL ? "i.dismissed = 0 AND " :
		    "i.dismissed = 0");
	if (q->root != NULL)
		gen_node(&g, q->root);
	else if (q->mentions_dismissed)
		str_appendz(&g.sql, "1");
	w->sql = str_steal(&g.sql);
	w->binds = g.b;
	w->nbinds = g.nb;
	return g.fts;
}

void
query_where_free(struct query_where *w)
{
	for (size_t i = 0; i < w->nbinds; i++)
		free(w->binds[i].text);
	free(w->binds);
	free(w->sql);
	memset(w, 0, sizeof *w);
}

