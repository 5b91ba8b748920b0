/*
 * query: the filter language (see include/query.h) parsed by a small
 * recursive-descent parser into a tree, then compiled to SQL.  The reads
 * built on the compiled form live in query_read.c.
 *
 * Decisions worth knowing before changing anything here:
 *
 * - Nothing the user typed ever becomes SQL text.  Every value (tag, topic,
 *   feed key, author pattern, dates, full-text expression) is a bound
 *   parameter; the SQL is assembled from fixed fragments only.  query_sql()
 *   shows the result with its '?' placeholders.
 * - Full-text words are never handed to FTS5 as syntax.  Each word or
 *   phrase becomes an FTS5 string, "..." with embedded quotes doubled, so
 *   NEAR(, AND, *, ^, column filters and stray quotes in the user's text are
 *   just characters; a trailing '*' becomes FTS5's prefix marker outside
 *   the string.  Words that hold no letter or digit (a lone "'", "%", an
 *   emoji) would be an FTS5 phrase with no tokens: alone they match
 *   nothing, as FTS5 would have it, without asking the index (NODE_NONE;
 *   an analyst searching for `'` must not get the whole cache back);
 *   beside other terms they are punctuation and drop out.
 *   Neighbouring words joined by AND, OR and
 *   NOT-inside-AND are merged into one MATCH expression: one pass over the
 *   index instead of one per word.
 * - Each query is compiled twice.  The FILTER form (pages, positions)
 *   tests each candidate row (EXISTS, and `+i.id IN` for the full-text
 *   set), so that SQLite walks items_sort newest first and stops after a
 *   page: the cost follows the page size.  The DRIVE form (counts, mark
 *   read) writes the same terms as `i.id IN (subquery)`, so that SQLite
 *   may start from the smaller set (a country's articles, a tag's) instead
 *   of visiting every row.
 * - State terms are written with literal 0 and 1 (`i.read = 0`), never as
 *   parameters: the planner can only use the partial indexes (unread) when
 *   it sees the constants.  Dismissed articles are left out with a literal
 *   `i.dismissed = 0` unless the query mentions `dismissed`.
 * - NULL never leaks into a negation: `-author:x` keeps articles without an
 *   author (coalesce), and an unknown feed key is id 0 (no feed has
 *   it), not NULL.
 * - Limits keep hostile input cheap: 4096 bytes of query, 32 levels of
 *   parentheses and negation, 128 terms.
 */
#include "query.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "gazetteer.h"
#include "query_impl.h"
#include "suggest.h"
#include "text.h"
#include "xalloc.h"

#define QUERY_MAX_BYTES 4096
#define QUERY_MAX_DEPTH 32
#define QUERY_MAX_TERMS 128
#define DAY ((int64_t)86400)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* The tree                                                            */

static struct node *
node_new(enum node_kind kind)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	return n;
}

static void
node_free(struct node *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	strv_free(&n->feeds);
	free(n);
}

static void
node_add(struct node *parent, struct node *kid)
{
	if (parent->nkids == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 4;
		parent->kids = xreallocarray(parent->kids, parent->cap,
		    sizeof *parent->kids);
	}
	parent->kids[parent->nkids++] = kid;
}

/* ------------------------------------------------------------------ */
/* Positions and errors                                                */

struct pos {
	size_t line, col;
};

struct parser {
	const char *s;
	size_t n, i;
	struct pos at;          /* of s[i] */
	const struct query_env *env;
	struct query_error *err;
	int failed;
	int depth;
	size_t terms;
};

static void
fail_at(struct parser *p, struct pos at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The first error wins; messages say where ("at 1:5"). */
static void
fail_at(struct parser *p, struct pos at, const char *fmt, ...)
{
	va_list ap;
	struct str m = STR_INIT;

	if (p->failed)
		return;
	p->failed = 1;
	str_appendz(&m, "query: ");
	va_start(ap, fmt);
	str_vappendf(&m, fmt, ap);
	va_end(ap);
	if (p->err != NULL) {
		p->err->line = at.line;
		p->err->col = at.col;
		p->err->message = str_steal(&m);
	} else {
		str_free(&m);
	}
}

/*
 * User text quoted in a message: one line, sanitised, at most 60 bytes (a
 * message must stay readable whatever was typed).  Returns owned.
 */
static char *
quoted(const char *s, size_t n)
{
	char *one = text_oneline(s, n);
	size_t len = strlen(one);

	if (len > 60) {
		size_t cut = 57;

		while (cut > 0 && ((unsigned char)one[cut] & 0xC0) == 0x80)
			cut--;
		memcpy(one + cut, "...", 4);
	}
	return one;
}

/* "did you mean" tail for a message, or the fallback text. */
static void
fail_unknown(struct parser *p, struct pos at, const char *what,
    const char *s, size_t n, const char *const *cands, size_t ncands,
    const char *otherwise)
{
	char *word = xstrndup(s, n);
	char *q = quoted(s, n);
	const char *best = ncands > 0 ? suggest_closest(word, cands, ncands) :
	    NULL;

	if (best != NULL)
		fail_at(p, at, "unknown %s '%s' at %zu:%zu \xe2\x80\x94 did you "
		    "mean '%s'?", what, q, at.line, at.col, best);
	else
		fail_at(p, at, "unknown %s '%s' at %zu:%zu%s%s", what, q,
		    at.line, at.col, otherwise ? " " : "",
		    otherwise ? otherwise : "");
	free(q);
	free(word);
}

/* ------------------------------------------------------------------ */
/* The lexer                                                           */

enum tok_kind {
	TOK_END,
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_OR,
	TOK_AND,
	TOK_NEG,
	TOK_WORD,     /* text: a bare word */
	TOK_PHRASE,   /* text: a quoted phrase */
	TOK_FIELD,    /* name:value */
	TOK_ERROR
};

struct token {
	enum tok_kind kind;
	struct pos at;
	const char *text;     /* word, phrase or value */
	size_t len;
	const char *name;     /* field name */
	size_t name_len;
	struct pos value_at;
	int prefix;           /* a trailing '*' */
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* Moves one code point on; columns count code points, from 1. */
static void
advance(struct parser *p)
{
	unsigned char c = (unsigned char)p->s[p->i++];

	if (c == '\n') {
		p->at.line++;
		p->at.col = 1;
		return;
	}
	p->at.col++;
	if (c >= 0xC0)
		while (p->i < p->n && ((unsigned char)p->s[p->i] & 0xC0) == 0x80)
			p->i++;
}

/* A word ends at white space, a parenthesis or a quote. */
static int
word_char(char c)
{
	return !is_space(c) && c != '(' && c != ')' && c != '"';
}

/* Reads a quoted string starting at the '"' at p->i. */
static int
lex_quoted(struct parser *p, struct token *t, const char **text, size_t *len)
{
	struct pos open = p->at;
	size_t start;

	advance(p);
	start = p->i;
	while (p->i < p->n && p->s[p->i] != '"')
		advance(p);
	if (p->i >= p->n) {
		fail_at(p, open, "unterminated quote at %zu:%zu", open.line,
		    open.col);
		t->kind = TOK_ERROR;
		return -1;
	}
	*text = p->s + start;
	*len = p->i - start;
	advance(p);
	return 0;
}

static int
all_letters(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]))
			return 0;
	return 1;
}

static void
lex(struct parser *p, struct token *t)
{
	const char *w;
	size_t start, len;

	memset(t, 0, sizeof *t);
	while (p->i < p->n && is_space(p->s[p->i]))
		advance(p);
	t->at = p->at;
	if (p->i >= p->n) {
		t->kind = TOK_END;
		return;
	}
	switch (p->s[p->i]) {
	case '(':
		advance(p);
		t->kind = TOK_LPAREN;
		return;
	case ')':
		advance(p);
		t->kind = TOK_RPAREN;
		return;
	case '-':
		advance(p);
		if (p->i >= p->n || is_space(p->s[p->i]) || p->s[p->i] == ')') {
			fail_at(p, t->at, "'-' needs a term right after it at "
			    "%zu:%zu", t->at.line, t->at.col);
			t->kind = TOK_ERROR;
			return;
		}
		t->kind = TOK_NEG;
		return;
	case '"':
		if (lex_quoted(p, t, &t->text, &t->len) < 0)
			return;
		t->kind = TOK_PHRASE;
		if (p->i < p->n && p->s[p->i] == '*') {
			t->prefix = 1;
			while (p->i < p->n && p->s[p->i] == '*')
				advance(p);
		}
		return;
	default:
		break;
	}
	start = p->i;
	while (p->i < p->n && word_char(p->s[p->i]))
		advance(p);
	w = p->s + start;
	len = p->i - start;
	{
		const char *colon = memchr(w, ':', len);

		if (colon != NULL && all_letters(w, (size_t)(colon - w))) {
			t->kind = TOK_FIELD;
			t->name = w;
			t->name_len = (size_t)(colon - w);
			t->value_at = t->at;
			t->value_at.col += t->name_len + 1;
			t->text = colon + 1;
			t->len = len - t->name_len - 1;
			if (t->len == 0 && p->i < p->n && p->s[p->i] == '"') {
				t->value_at = p->at;
				if (lex_quoted(p, t, &t->text, &t->len) < 0)
					return;
			}
			return;
		}
	}
	if (len == 2 && memcmp(w, "OR", 2) == 0) {
		t->kind = TOK_OR;
		return;
	}
	if (len == 3 && memcmp(w, "AND", 3) == 0) {
		t->kind = TOK_AND;
		return;
	}
	t->kind = TOK_WORD;
	t->text = w;
	t->len = len;
	if (len > 0 && w[len - 1] == '*') {
		while (t->len > 0 && w[t->len - 1] == '*')
			t->len--;
		t->prefix = 1;
		if (t->len == 0) {
			fail_at(p, t->at, "'*' needs a word before it at %zu:%zu",
			    t->at.line, t->at.col);
			t->kind = TOK_ERROR;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Terms                                                               */

static const char *const flag_names[QFLAG_COUNT] = {
	[QFLAG_UNREAD] = "unread",
	[QFLAG_READ] = "read",
	[QFLAG_STARRED] = "starred",
	[QFLAG_DISMISSED] = "dismissed",
};

/*
 * 1 when FTS5's unicode61 tokenizer would find a token in s: an ASCII
 * letter or digit, or a code point above ASCII outside the common
 * punctuation and symbol blocks.  Close enough: a miss only means a word
 * that matches nothing.
 */
static int
has_token(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);

		if (k < 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (cp < 0x80) {
			if (isalnum((int)cp))
				return 1;
			continue;
		}
		if ((cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
		    (cp >= 0x2000 && cp <= 0x2BFF) ||
		    (cp >= 0x2E00 && cp <= 0x2E7F) ||
		    (cp >= 0x3000 && cp <= 0x303F) ||
		    (cp >= 0xFE30 && cp <= 0xFE6F) ||
		    (cp >= 0xFF00 && cp <= 0xFF0F) ||
		    (cp >= 0xFFF0 && cp <= 0xFFFF) ||
		    (cp >= 0x1F000 && cp <= 0x1FAFF))
			continue;
		return 1;
	}
	return 0;
}

static struct node *
text_node(const char *s, size_t n, int prefix)
{
	struct node *nd;

	if (!has_token(s, n))
		return node_new(NODE_NONE);
	nd = node_new(NODE_TEXT);
	nd->value = xstrndup(s, n);
	nd->prefix = prefix;
	return nd;
}

static char *
lower_dup(const char *s, size_t n)
{
	char *d = xstrndup(s, n);

	for (char *q = d; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return d;
}

/* s as LIKE text: its own % _ \ literal; with glob, '*' any run. */
static void
like_append(struct str *pat, const char *s, size_t n, int glob)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			str_appendc(pat, '\\');
		str_appendc(pat, glob && s[i] == '*' ? '%' : s[i]);
	}
}

/*
 * tag:NAME, or tag:briefed-* (a glob, prefix set) as a LIKE pattern; the
 * feeds whose config tags match it too (config.c knows feed tags).
 */
static struct node *
resolve_tag(struct parser *p, const struct token *t)
{
	struct node *nd;
	char *name = xstrndup(t->text, t->len), *c;
	struct str pat = STR_INIT;

	for (c = name; (c = strchr(c, '*')) != NULL; )
		*c = 'x'; /* what '*' stands for must make a name too */
	if (!store_tag_name_valid(name)) {
		char *q = quoted(t->text, t->len);

		fail_at(p, t->value_at, "'%s' is not a tag name at %zu:%zu "
		    "(1 to 64 letters, digits and - _ . / :; * for any)", q,
		    t->value_at.line, t->value_at.col);
		free(q);
		free(name);
		return NULL;
	}
	free(name);
	nd = node_new(NODE_TAG);
	nd->prefix = memchr(t->text, '*', t->len) != NULL;
	if (nd->prefix)
		like_append(&pat, t->text, t->len, 1);
	nd->value = nd->prefix ? str_steal(&pat) : xstrndup(t->text, t->len);
	if (p->env != NULL && p->env->cfg != NULL) {
		char *glob = xstrndup(t->text, t->len);

		config_feeds_tagged(p->env->cfg, glob, &nd->feeds);
		free(glob);
	}
	return nd;
}

static struct node *
resolve_topic(struct parser *p, const struct token *t)
{
	const struct config *cfg = p->env ? p->env->cfg : NULL;
	const char **cands;
	struct node *nd;

	if (cfg == NULL) {
		nd = node_new(NODE_TOPIC);
		nd->value = lower_dup(t->text, t->len);
		return nd;
	}
	/* the key, else the label or badge as shown */
	for (size_t i = 0; i < cfg->ntopics; i++) {
		const struct config_topic *ct = &cfg->topics[i];

		if (text_eq_nocase(t->text, t->len, ct->key) ||
		    (ct->label != NULL &&
		    text_eq_nocase(t->text, t->len, ct->label)) ||
		    (ct->short_name != NULL &&
		    text_eq_nocase(t->text, t->len, ct->short_name))) {
			nd = node_new(NODE_TOPIC);
			nd->value = xstrdup(ct->key);
			return nd;
		}
	}
	cands = xcalloc(cfg->ntopics + 1, sizeof *cands);
	for (size_t i = 0; i < cfg->ntopics; i++)
		cands[i] = cfg->topics[i].key;
	fail_unknown(p, t->value_at, "topic", t->text, t->len, cands,
	    cfg->ntopics, "(sitrep topics lists them)");
	free(cands);
	return NULL;
}


static struct node *
resolve_feed(struct parser *p, const struct token *t)
{
	const struct config *cfg = p->env ? p->env->cfg : NULL;
	char *key = lower_dup(t->text, t->len);
	const char **cands;
	struct node *nd;

	if (cfg == NULL || config_feed_find(cfg, key) != NULL) {
		nd = node_new(NODE_FEED);
		nd->value = key;
		return nd;
	}
	cands = xcalloc(cfg->nfeeds + 1, sizeof *cands);
	for (size_t i = 0; i < cfg->nfeeds; i++)
		cands[i] = cfg->feeds[i].key;
	fail_unknown(p, t->value_at, "feed", t->text, t->len, cands,
	    cfg->nfeeds, "(sitrep feeds lists them)");
	free(cands);
	free(key);
	return NULL;
}

static struct node *
resolve_country(struct parser *p, const struct token *t)
{
	const char *code = gazetteer_lookup_name(t->text, t->len);
	size_t n = gazetteer_country_count();
	const char **cands;
	struct node *nd;

	if (code != NULL) {
		nd = node_new(NODE_COUNTRY);
		nd->value = xstrdup(code);
		return nd;
	}
	/* Names, not codes: any two letters are near some code. */
	cands = xcalloc(n + 1, sizeof *cands);
	for (size_t i = 0; i < n; i++)
		cands[i] = gazetteer_country_at(i)->name;
	fail_unknown(p, t->value_at, "country", t->text, t->len, cands,
	    t->len > 3 ? n : 0, "(a code such as JP or a name such as Japan)");
	free(cands);
	return NULL;
}

static struct node *
resolve_region(struct parser *p, const struct token *t)
{
	const char *key = gazetteer_lookup_region(t->text, t->len);
	size_t n = gazetteer_region_count();
	const char **cands;
	struct node *nd;

	if (key != NULL) {
		nd = node_new(NODE_REGION);
		nd->value = xstrdup(key);
		return nd;
	}
	cands = xcalloc(n + 1, sizeof *cands);
	for (size_t i = 0; i < n; i++)
		cands[i] = gazetteer_region_at(i)->key;
	fail_unknown(p, t->value_at, "region", t->text, t->len, cands, n,
	    "(sitrep countries --regions lists them)");
	free(cands);
	return NULL;
}

static struct node *
resolve_author(struct parser *p, const struct token *t)
{
	struct str pat = STR_INIT;
	struct node *nd;

	(void)p;
	/* a substring, with LIKE's own characters taken literally */
	str_appendc(&pat, '%');
	like_append(&pat, t->text, t->len, 0);
	str_appendc(&pat, '%');
	nd = node_new(NODE_AUTHOR);
	nd->value = str_steal(&pat);
	return nd;
}

static int
days_in_month(int64_t y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* since:/before: values (query.h); also what `sitrep brief --since` says. */
int
query_parse_when(const char *s, size_t n, int64_t now, int64_t *out)
{
	int64_t midnight = now - ((now % DAY) + DAY) % DAY;

	if (text_eq_nocase(s, n, "today")) {
		*out = midnight;
		return 0;
	}
	if (text_eq_nocase(s, n, "yesterday")) {
		*out = midnight - DAY;
		return 0;
	}
	if (n >= 2 && n <= 7 && strchr("mhdw", tolower((unsigned char)s[n -
	    1])) != NULL) {
		static const struct {
			char unit;
			int64_t seconds;
		} units[] = { { 'm', 60 }, { 'h', 3600 }, { 'd', DAY },
		    { 'w', 7 * DAY } };
		int64_t k = 0;

		for (size_t i = 0; i + 1 < n; i++) {
			if (!isdigit((unsigned char)s[i]))
				return -1;
			k = k * 10 + (s[i] - '0');
		}
		for (size_t u = 0; u < NELEM(units); u++)
			if (units[u].unit == tolower((unsigned char)s[n - 1])) {
				*out = now - k * units[u].seconds;
				return 0;
			}
		return -1;
	}
	if (n == 10 && s[4] == '-' && s[7] == '-') {
		int64_t y = 0;
		int m = 0, d = 0;

		for (size_t i = 0; i < 10; i++) {
			if (i == 4 || i == 7)
				continue;
			if (!isdigit((unsigned char)s[i]))
				return -1;
		}
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[5] - '0') * 10 + (s[6] - '0');
		d = (s[8] - '0') * 10 + (s[9] - '0');
		if (y < 1970 || m < 1 || m > 12 || d < 1 ||
		    d > days_in_month(y, m))
			return -1;
		*out = date_from_civil(y, m, d, 0, 0, 0);
		return 0;
	}
	return -1;
}

static struct node *
resolve_time(struct parser *p, const struct token *t, enum node_kind kind)
{
	struct node *nd;
	int64_t when;

	if (query_parse_when(t->text, t->len, p->env ? p->env->now : 0,
	    &when) < 0) {
		char *q = quoted(t->text, t->len);

		fail_at(p, t->value_at, "%s: wants a duration (30m, 24h, 7d, "
		    "2w), today, yesterday or a date (2023-01-10), not '%s' "
		    "at %zu:%zu", kind == NODE_SINCE ? "since" : "before", q,
		    t->value_at.line, t->value_at.col);
		free(q);
		return NULL;
	}
	nd = node_new(kind);
	nd->time = when;
	return nd;
}

static struct node *
resolve_since(struct parser *p, const struct token *t)
{
	return resolve_time(p, t, NODE_SINCE);
}

static struct node *
resolve_before(struct parser *p, const struct token *t)
{
	return resolve_time(p, t, NODE_BEFORE);
}

static const struct field {
	const char *name;
	struct node *(*resolve)(struct parser *, const struct token *);
} fields[] = {
	{ "tag", resolve_tag },
	{ "topic", resolve_topic },
	{ "country", resolve_country },
	{ "region", resolve_region },
	{ "feed", resolve_feed },
	{ "author", resolve_author },
	{ "since", resolve_since },
	{ "before", resolve_before },
};

static struct node *
field_term(struct parser *p, const struct token *t)
{
	const char *names[NELEM(fields)];

	for (size_t i = 0; i < NELEM(fields); i++) {
		if (!text_eq_nocase(t->name, t->name_len, fields[i].name))
			continue;
		if (t->len == 0) {
			fail_at(p, t->value_at, "%s: needs a value at %zu:%zu",
			    fields[i].name, t->value_at.line,
			    t->value_at.col);
			return NULL;
		}
		return fields[i].resolve(p, t);
	}
	for (size_t i = 0; i < NELEM(fields); i++)
		names[i] = fields[i].name;
	fail_unknown(p, t->at, "field", t->name, t->name_len, names,
	    NELEM(names), "(fields: tag topic country region feed author "
	    "since before; put text with ':' in quotes)");
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The parser: or := and (OR and)*; and := unary ([AND] unary)*;       */
/* unary := '-' unary | primary; primary := '(' or ')' | term          */

struct cursor {
	struct parser *p;
	struct token tok;
};

static void
next(struct cursor *c)
{
	lex(c->p, &c->tok);
}

static struct node *parse_or(struct cursor *c);

static int
deeper(struct cursor *c)
{
	if (++c->p->depth > QUERY_MAX_DEPTH) {
		fail_at(c->p, c->tok.at, "too deeply nested at %zu:%zu (at "
		    "most %d levels)", c->tok.at.line, c->tok.at.col,
		    QUERY_MAX_DEPTH);
		return -1;
	}
	return 0;
}

static struct node *
parse_primary(struct cursor *c)
{
	struct token t = c->tok;
	struct node *nd = NULL;

	switch (t.kind) {
	case TOK_LPAREN:
		if (deeper(c) < 0)
			return NULL;
		next(c);
		if (c->tok.kind == TOK_RPAREN) {
			fail_at(c->p, t.at, "empty parentheses at %zu:%zu",
			    t.at.line, t.at.col);
			return NULL;
		}
		nd = parse_or(c);
		if (nd == NULL)
			return NULL;
		if (c->tok.kind != TOK_RPAREN) {
			if (c->tok.kind != TOK_ERROR)
				fail_at(c->p, t.at, "missing ')' for the '(' at "
				    "%zu:%zu", t.at.line, t.at.col);
			node_free(nd);
			return NULL;
		}
		c->p->depth--;
		next(c);
		return nd;
	case TOK_RPAREN:
		fail_at(c->p, t.at, "unexpected ')' at %zu:%zu", t.at.line,
		    t.at.col);
		return NULL;
	case TOK_ERROR:
		return NULL;
	case TOK_WORD:
	case TOK_PHRASE:
	case TOK_FIELD:
		break;
	default:
		fail_at(c->p, t.at, "expected a term at %zu:%zu", t.at.line,
		    t.at.col);
		return NULL;
	}
	if (++c->p->terms > QUERY_MAX_TERMS) {
		fail_at(c->p, t.at, "too many terms at %zu:%zu (at most %d)",
		    t.at.line, t.at.col, QUERY_MAX_TERMS);
		return NULL;
	}
	if (t.kind == TOK_FIELD) {
		nd = field_term(c->p, &t);
	} else if (t.kind == TOK_WORD && !t.prefix) {
		for (size_t i = 0; i < QFLAG_COUNT; i++)
			if (text_eq_nocase(t.text, t.len, flag_names[i])) {
				nd = node_new(NODE_FLAG);
				nd->flag = (enum query_flag)i;
				break;
			}
		if (nd == NULL)
			nd = text_node(t.text, t.len, 0);
	} else {
		nd = text_node(t.text, t.len, t.prefix);
	}
	if (nd == NULL)
		return NULL;
	next(c);
	return nd;
}

static struct node *
parse_unary(struct cursor *c)
{
	struct node *nd, *kid;

	if (c->tok.kind != TOK_NEG)
		return parse_primary(c);
	if (deeper(c) < 0)
		return NULL;
	next(c);
	kid = parse_unary(c);
	if (kid == NULL)
		return NULL;
	c->p->depth--;
	nd = node_new(NODE_NOT);
	node_add(nd, kid);
	return nd;
}

static int
ends_and(enum tok_kind k)
{
	return k == TOK_END || k == TOK_RPAREN || k == TOK_OR ||
	    k == TOK_ERROR;
}

static struct node *
parse_and(struct cursor *c)
{
	struct node *all = node_new(NODE_AND);

	if (c->tok.kind == TOK_OR || c->tok.kind == TOK_AND) {
		fail_at(c->p, c->tok.at, "'%s' needs a term before it at "
		    "%zu:%zu", c->tok.kind == TOK_OR ? "OR" : "AND",
		    c->tok.at.line, c->tok.at.col);
		goto fail;
	}
	while (!ends_and(c->tok.kind)) {
		struct node *kid;

		if (c->tok.kind == TOK_AND) {
			struct pos at = c->tok.at;

			next(c);
			if (ends_and(c->tok.kind) || c->tok.kind == TOK_AND) {
				if (c->tok.kind != TOK_ERROR)
					fail_at(c->p, at, "'AND' needs a term "
					    "after it at %zu:%zu", at.line,
					    at.col);
				goto fail;
			}
			continue;
		}
		kid = parse_unary(c);
		if (kid == NULL)
			goto fail;
		node_add(all, kid);
	}
	if (c->tok.kind == TOK_ERROR)
		goto fail;
	return all;
fail:
	node_free(all);
	return NULL;
}

static struct node *
parse_or(struct cursor *c)
{
	struct node *any = node_new(NODE_OR), *kid;

	for (;;) {
		kid = parse_and(c);
		if (kid == NULL)
			goto fail;
		node_add(any, kid);
		if (c->tok.kind != TOK_OR)
			break;
		{
			struct pos at = c->tok.at;

			next(c);
			if (ends_and(c->tok.kind) || c->tok.kind == TOK_AND) {
				if (c->tok.kind != TOK_ERROR)
					fail_at(c->p, at, "'OR' needs a term "
					    "after it at %zu:%zu", at.line,
					    at.col);
				goto fail;
			}
		}
	}
	return any;
fail:
	node_free(any);
	return NULL;
}

static int
is_constant(const struct node *n)
{
	return n->kind == NODE_ALL || n->kind == NODE_NONE;
}

/* NOT: ALL and NONE swap, a double negation goes. */
static struct node *
simplify_not(struct node *n)
{
	struct node *k = n->kids[0], *out;

	if (is_constant(k)) {
		out = node_new(k->kind == NODE_ALL ? NODE_NONE : NODE_ALL);
		node_free(n);
		return out;
	}
	if (k->kind != NODE_NOT)
		return n;
	out = k->kids[0];
	k->nkids = 0;
	n->nkids = 0;
	node_free(k);
	node_free(n);
	return out;
}

/*
 * Flattens nested AND/OR, drops terms that say nothing, removes double
 * negation.  A word without letters (NONE) is punctuation beside other
 * terms ("Japan — China" is Japan and China) and drops out of an AND or
 * an OR; only a query of nothing else matches nothing.  An OR with an ALL
 * kid is ALL.  Returns the node that replaces n (n itself, a kid, ALL or
 * NONE).
 */
static struct node *
simplify(struct node *n)
{
	struct node *out;
	struct node **kids;
	size_t nkids;
	int saw_none = 0, saw_all = 0;

	switch (n->kind) {
	case NODE_NOT:
		n->kids[0] = simplify(n->kids[0]);
		return simplify_not(n);
	case NODE_AND:
	case NODE_OR:
		kids = n->kids;
		nkids = n->nkids;
		n->kids = NULL;
		n->nkids = n->cap = 0;
		for (size_t i = 0; i < nkids; i++) {
			struct node *k = simplify(kids[i]);

			if (is_constant(k)) {
				saw_none |= k->kind == NODE_NONE;
				saw_all |= k->kind == NODE_ALL;
				node_free(k);
			} else if (k->kind == n->kind) {
				for (size_t j = 0; j < k->nkids; j++)
					node_add(n, k->kids[j]);
				k->nkids = 0;
				node_free(k);
			} else {
				node_add(n, k);
			}
		}
		free(kids);
		if ((n->kind == NODE_OR && saw_all) || n->nkids == 0) {
			enum node_kind c = n->kind == NODE_OR ? (saw_all ?
			    NODE_ALL : NODE_NONE) : (saw_none ? NODE_NONE :
			    NODE_ALL);

			node_free(n);
			return node_new(c);
		}
		if (n->nkids == 1) {
			out = n->kids[0];
			n->nkids = 0;
			node_free(n);
			return out;
		}
		return n;
	default:
		return n;
	}
}

static int
mentions_dismissed(const struct node *n)
{
	if (n == NULL)
		return 0;
	if (n->kind == NODE_FLAG && n->flag == QFLAG_DISMISSED)
		return 1;
	for (size_t i = 0; i < n->nkids; i++)
		if (mentions_dismissed(n->kids[i]))
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

struct query *
query_parse(const char *text, const struct query_env *env,
    struct query_error *err)
{
	struct parser p;
	struct cursor c;
	struct query *q;
	struct node *root = NULL;

	if (err != NULL)
		memset(err, 0, sizeof *err);
	if (text == NULL)
		text = "";
	memset(&p, 0, sizeof p);
	p.s = text;
	p.n = strlen(text);
	p.at.line = 1;
	p.at.col = 1;
	p.env = env;
	p.err = err;
	if (p.n > QUERY_MAX_BYTES) {
		fail_at(&p, p.at, "too long (%zu bytes; at most %d) at 1:1",
		    p.n, QUERY_MAX_BYTES);
		return NULL;
	}
	if (!utf8_valid(text, p.n)) {
		fail_at(&p, p.at, "not valid UTF-8 at 1:1");
		return NULL;
	}
	c.p = &p;
	next(&c);
	if (c.tok.kind != TOK_END) {
		root = parse_or(&c);
		if (root != NULL && c.tok.kind != TOK_END) {
			/* parse_or stops only at the end or at a ')' */
			if (c.tok.kind == TOK_RPAREN)
				fail_at(&p, c.tok.at, "unexpected ')' at "
				    "%zu:%zu", c.tok.at.line, c.tok.at.col);
			node_free(root);
			root = NULL;
		}
		if (root == NULL || p.failed) {
			node_free(root);
			if (!p.failed)
				fail_at(&p, c.tok.at, "cannot read this at "
				    "%zu:%zu", c.tok.at.line, c.tok.at.col);
			return NULL;
		}
		root = simplify(root);
		if (root->kind == NODE_ALL) {
			node_free(root);
			root = NULL;
		}
	}
	q = xcalloc(1, sizeof *q);
	q->text = xstrdup(text);
	q->root = root;
	q->mentions_dismissed = mentions_dismissed(root);
	(void)query_compile(q, GEN_FILTER, &q->filter);
	(void)query_compile(q, GEN_DRIVE, &q->drive);
	(void)query_compile(q, GEN_DRIVE_TEXT, &q->drive_text);
	q->has_fts = query_compile(q, GEN_PROBE, &q->probe);
	return q;
}

int
query_word_has_token(const char *s, size_t n)
{
	return has_token(s, n);
}

/* The field s[0..n) names, or NULL. */
static const struct field *
field_named(const char *s, size_t n)
{
	for (size_t i = 0; i < NELEM(fields); i++)
		if (strlen(fields[i].name) == n &&
		    text_eq_nocase(s, n, fields[i].name))
			return &fields[i];
	return NULL;
}

int
query_text_names_field(const char *text)
{
	const char *p = text ? text : "";

	while (*p) {
		size_t n;
		const char *colon;

		if (*p == '"') {
			/* a quoted phrase is text, colons and all */
			const char *end = strchr(p + 1, '"');

			p = end ? end + 1 : p + strlen(p);
			continue;
		}
		while (*p == '-' || *p == '(' || is_space(*p))
			p++;
		n = strcspn(p, " \t\r\n()\"");
		colon = memchr(p, ':', n);
		if (colon != NULL && field_named(p, (size_t)(colon - p)) != NULL)
			return 1;
		p += n;
		if (*p == ')')
			p++;
	}
	return 0;
}

/* The positive full-text terms under n (not those under a NOT). */
static void
collect_words(const struct node *n, struct strv *out)
{
	if (n == NULL || n->kind == NODE_NOT)
		return;
	if (n->kind == NODE_TEXT) {
		char *w = xasprintf("%s%s", n->value, n->prefix ? "*" : "");

		if (!strv_contains(out, w, 1))
			strv_push(out, w);
		else
			free(w);
		return;
	}
	for (size_t i = 0; i < n->nkids; i++)
		collect_words(n->kids[i], out);
}

void
query_words(const struct query *q, struct strv *out)
{
	if (q != NULL)
		collect_words(q->root, out);
}

void
query_free(struct query *q)
{
	if (q == NULL)
		return;
	node_free(q->root);
	query_where_free(&q->filter);
	query_where_free(&q->drive);
	query_where_free(&q->drive_text);
	query_where_free(&q->probe);
	free(q->text);
	free(q);
}

const char *
query_text(const struct query *q)
{
	return q->text;
}

char *
query_sql(const struct query *q)
{
	return xstrdup(q->filter.sql);
}
