/*
 * template: the briefing's template language.  It is small on purpose: a
 * template can show values and repeat or skip a block, nothing else, so a
 * template from anywhere can do no more than lay out a briefing.
 *
 *   {{name}}               a value, escaped for the output format
 *   {{#name}} ... {{/name}}  a list: the block once per element, where the
 *                          element's names are known; a value: the block
 *                          once when the value is not empty
 *   {{^name}} ... {{/name}}  the block when the list or value is empty
 *   {{@index}} {{@first}} {{@last}}   where in the innermost list (1-based;
 *                          first and last are "1" or empty)
 *   {{! a comment }}
 *
 * A name is looked up in the innermost list's element, then outwards.  A
 * line that holds nothing but a section tag or a comment leaves no line in
 * the output.  Names are checked when the template is compiled (with a
 * did-you-mean), so a typo is an error naming its line rather than a gap
 * in the briefing.  Limits keep any file cheap: 1 MiB, 16 nested sections.
 *
 * Apart from the briefing (model.c, brief.c): the engine knows schemas,
 * not articles.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "brief_int.h"
#include "suggest.h"
#include "text.h"
#include "xalloc.h"

#define TPL_MAX_BYTES ((size_t)1 << 20)
#define TPL_DEPTH_MAX 16
#define TPL_NAME_MAX 64

enum node_kind {
	N_TEXT,
	N_VALUE,
	N_SECTION,
	N_INVERTED
};

enum at_name {
	AT_NONE,
	AT_INDEX,
	AT_FIRST,
	AT_LAST
};

struct node {
	enum node_kind kind;
	size_t off, len;              /* N_TEXT: bytes of the source */
	int up;                       /* contexts outwards the name is in */
	const struct tpl_field *field;/* NULL for an @ name */
	enum at_name at;
	struct node *kids;            /* a section's block */
	size_t nkids, cap;
};

struct tpl {
	char *src;
	struct node root;
};

struct compiler {
	const char *s;
	size_t n, i, line;
	const char *name;
	/* the schemas of the list sections we are in, root first */
	const struct tpl_schema *ctx[TPL_DEPTH_MAX + 1];
	int nctx, depth;
	char *cause;
};

static void
node_clear(struct node *nd)
{
	for (size_t i = 0; i < nd->nkids; i++)
		node_clear(&nd->kids[i]);
	free(nd->kids);
}

static struct node *
node_add(struct node *parent, enum node_kind kind)
{
	struct node *nd;

	parent->kids = xgrow(parent->kids, parent->nkids, &parent->cap,
	    sizeof *parent->kids);
	nd = &parent->kids[parent->nkids++];
	memset(nd, 0, sizeof *nd);
	nd->kind = kind;
	return nd;
}

static void
fail(struct compiler *c, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The first error wins: "NAME:LINE: what". */
static void
fail(struct compiler *c, size_t line, const char *fmt, ...)
{
	struct str m = STR_INIT;
	va_list ap;

	if (c->cause != NULL)
		return;
	str_appendf(&m, "%s:%zu: ", c->name, line);
	va_start(ap, fmt);
	str_vappendf(&m, fmt, ap);
	va_end(ap);
	c->cause = str_steal(&m);
}

/* Moves to position to, counting lines. */
static void
advance_to(struct compiler *c, size_t to)
{
	for (; c->i < to; c->i++)
		if (c->s[c->i] == '\n')
			c->line++;
}

static void
add_text(struct node *parent, size_t off, size_t len)
{
	struct node *nd;

	if (len == 0)
		return;
	nd = node_add(parent, N_TEXT);
	nd->off = off;
	nd->len = len;
}

/* Names: letters, digits, '_', '.', and a leading '@' for positions. */
static int
name_ok(const char *s, size_t n)
{
	if (n == 0 || n > TPL_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' ||
		    (ch == '@' && i == 0))
			continue;
		return 0;
	}
	return 1;
}

/* Every name visible here, innermost first, for a did-you-mean. */
static void
unknown_name(struct compiler *c, const char *word)
{
	const char *names[256];
	const char *best;
	size_t n = 0;

	for (int k = c->nctx - 1; k >= 0; k--)
		for (size_t f = 0; f < c->ctx[k]->nfields && n < NELEM(names);
		    f++)
			names[n++] = c->ctx[k]->fields[f].name;
	best = suggest_closest(word, names, n);
	if (best != NULL)
		fail(c, c->line, "unknown name '%s' in %s \xe2\x80\x94 did you "
		    "mean '%s'?", word, c->ctx[c->nctx - 1]->name, best);
	else
		fail(c, c->line, "unknown name '%s' in %s (sitrep(1) lists "
		    "the names a template may use)", word,
		    c->ctx[c->nctx - 1]->name);
}

/* Fills nd's name from word; 0, or -1 after fail(). */
static int
resolve(struct compiler *c, struct node *nd, const char *word)
{
	static const struct {
		const char *name;
		enum at_name at;
	} ats[] = {
		{ "@index", AT_INDEX }, { "@first", AT_FIRST },
		{ "@last", AT_LAST },
	};

	if (word[0] == '@') {
		for (size_t i = 0; i < NELEM(ats); i++) {
			if (strcmp(word, ats[i].name) != 0)
				continue;
			if (c->nctx < 2) {
				fail(c, c->line, "'%s' is only known inside a "
				    "list section", word);
				return -1;
			}
			nd->at = ats[i].at;
			return 0;
		}
		fail(c, c->line, "unknown name '%s' (@index, @first and @last "
		    "are known)", word);
		return -1;
	}
	for (int k = c->nctx - 1; k >= 0; k--) {
		const struct tpl_schema *sc = c->ctx[k];

		for (size_t f = 0; f < sc->nfields; f++) {
			if (strcmp(sc->fields[f].name, word) != 0)
				continue;
			nd->field = &sc->fields[f];
			nd->up = c->nctx - 1 - k;
			return 0;
		}
	}
	unknown_name(c, word);
	return -1;
}

/*
 * A section tag or comment alone on its line (but for blanks) takes the
 * line with it: *text_end moves back to the line's start and *after past
 * its newline.
 */
static void
standalone(const struct compiler *c, size_t tag, size_t *text_end,
    size_t *after)
{
	size_t b = tag, e = *after;

	while (b > 0 && (c->s[b - 1] == ' ' || c->s[b - 1] == '\t'))
		b--;
	if (b > 0 && c->s[b - 1] != '\n')
		return;
	while (e < c->n && (c->s[e] == ' ' || c->s[e] == '\t' ||
	    c->s[e] == '\r'))
		e++;
	if (e < c->n && c->s[e] != '\n')
		return;
	*text_end = b;
	*after = e < c->n ? e + 1 : e;
}

static int parse_block(struct compiler *c, struct node *parent,
    const char *open, size_t open_line);

/* {{#name}} or {{^name}}: its block up to {{/name}}; 0 or -1. */
static int
section(struct compiler *c, struct node *parent, char sigil,
    const char *word, size_t line)
{
	struct node *nd = node_add(parent, sigil == '#' ? N_SECTION :
	    N_INVERTED);
	int pushed = 0, rc;

	if (resolve(c, nd, word) < 0)
		return -1;
	if (++c->depth > TPL_DEPTH_MAX) {
		fail(c, line, "sections nested deeper than %d", TPL_DEPTH_MAX);
		return -1;
	}
	if (sigil == '#' && nd->field != NULL && nd->field->list != NULL) {
		c->ctx[c->nctx++] = nd->field->list;
		pushed = 1;
	}
	/* nd may move while its block grows: parse into a local node */
	{
		struct node block = { 0 };

		rc = parse_block(c, &block, word, line);
		nd = &parent->kids[parent->nkids - 1];
		nd->kids = block.kids;
		nd->nkids = block.nkids;
		nd->cap = block.cap;
	}
	if (pushed)
		c->nctx--;
	c->depth--;
	return rc;
}

/* One {{...}} at c->i; *done is set by the {{/open}} that ends a block. */
static int
tag(struct compiler *c, struct node *parent, const char *open,
    size_t open_line, size_t text_start, int *done)
{
	size_t start = c->i, b, e, after, text_end = start, line = c->line;
	const char *close = strstr(c->s + start + 2, "}}");
	char sigil = c->s[start + 2], word[TPL_NAME_MAX + 1];
	struct node *nd;

	if (close == NULL || (size_t)(close - c->s) > c->n) {
		fail(c, c->line, "'{{' is not closed with '}}'");
		return -1;
	}
	after = (size_t)(close - c->s) + 2;
	b = start + 2 + (strchr("#^/!", sigil) != NULL && sigil != '\0');
	e = (size_t)(close - c->s);
	if (sigil == '!' || sigil == '#' || sigil == '^' || sigil == '/')
		standalone(c, start, &text_end, &after);
	add_text(parent, text_start, text_end - text_start);
	if (sigil == '!') {
		advance_to(c, after);
		return 0;
	}
	while (b < e && (c->s[b] == ' ' || c->s[b] == '\t'))
		b++;
	while (e > b && (c->s[e - 1] == ' ' || c->s[e - 1] == '\t'))
		e--;
	if (!name_ok(c->s + b, e - b)) {
		char *shown = text_oneline(c->s + b, e - b < 40 ? e - b : 40);

		fail(c, c->line, "'{{%s}}' is not a name (letters, digits, "
		    "'_' and '.')", shown);
		free(shown);
		return -1;
	}
	memcpy(word, c->s + b, e - b);
	word[e - b] = '\0';
	if (sigil == '/') {
		if (open == NULL)
			fail(c, c->line, "'{{/%s}}' closes no section", word);
		else if (strcmp(word, open) != 0)
			fail(c, c->line, "'{{/%s}}' where '{{/%s}}' closes the "
			    "section of line %zu", word, open, open_line);
		advance_to(c, after);
		*done = 1;
		return c->cause != NULL ? -1 : 0;
	}
	advance_to(c, after);
	if (sigil == '#' || sigil == '^')
		return section(c, parent, sigil, word, line);
	nd = node_add(parent, N_VALUE);
	if (resolve(c, nd, word) < 0)
		return -1;
	if (nd->field != NULL && nd->field->list != NULL) {
		fail(c, c->line, "'%s' is a list: show it with {{#%s}} ... "
		    "{{/%s}}", word, word, word);
		return -1;
	}
	return 0;
}

/* Text and tags up to {{/open}} (or the end, when open is NULL). */
static int
parse_block(struct compiler *c, struct node *parent, const char *open,
    size_t open_line)
{
	int done = 0;

	while (c->i < c->n && !done) {
		const char *hit = strstr(c->s + c->i, "{{");
		size_t at = hit != NULL ? (size_t)(hit - c->s) : c->n;
		size_t text_start = c->i;

		if (hit == NULL || at >= c->n) {
			add_text(parent, c->i, c->n - c->i);
			advance_to(c, c->n);
			break;
		}
		/* the text before the tag is placed by tag(): a standalone
		 * tag takes the blanks before it */
		advance_to(c, at);
		if (tag(c, parent, open, open_line, text_start, &done) < 0)
			return -1;
	}
	if (open != NULL && !done) {
		fail(c, open_line, "'{{#%s}}' is never closed with '{{/%s}}'",
		    open, open);
		return -1;
	}
	return 0;
}

struct tpl *
tpl_compile(const char *text, size_t n, const struct tpl_schema *root,
    const char *name, char **cause)
{
	struct compiler c = { 0 };
	struct tpl *t;

	if (n > TPL_MAX_BYTES) {
		*cause = xasprintf("%s: larger than %zu KiB; a template is a "
		    "layout, not a document", name, TPL_MAX_BYTES >> 10);
		return NULL;
	}
	if (memchr(text, '\0', n) != NULL || !utf8_valid(text, n)) {
		*cause = xasprintf("%s: not UTF-8 text", name);
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	t->src = xstrndup(text, n);
	c.s = t->src;
	c.n = n;
	c.line = 1;
	c.name = name;
	c.ctx[c.nctx++] = root;
	if (parse_block(&c, &t->root, NULL, 0) < 0) {
		*cause = c.cause;
		tpl_free(t);
		return NULL;
	}
	return t;
}

void
tpl_free(struct tpl *t)
{
	if (t == NULL)
		return;
	node_clear(&t->root);
	free(t->src);
	free(t);
}

/* ---- rendering ---- */

struct frame {
	const void *obj;
	size_t index, count;
};

struct renderer {
	const struct tpl *t;
	enum brief_format f;
	struct str *out;
	struct frame st[TPL_DEPTH_MAX + 1];
	int top;
	struct str val;
};

static void render_nodes(struct renderer *r, const struct node *v,
    size_t n);

/* The value of an @ name: "3", "1" or "". */
static void
at_value(const struct renderer *r, enum at_name at, struct str *out)
{
	const struct frame *fr = &r->st[r->top];

	if (at == AT_INDEX)
		str_appendf(out, "%zu", fr->index + 1);
	else if ((at == AT_FIRST && fr->index == 0) ||
	    (at == AT_LAST && fr->index + 1 == fr->count))
		str_appendc(out, '1');
}

/* The text of nd's name in the current context, into r->val. */
static void
text_of(struct renderer *r, const struct node *nd)
{
	str_clear(&r->val);
	if (nd->field == NULL)
		at_value(r, nd->at, &r->val);
	else
		nd->field->text(r->st[r->top - nd->up].obj, &r->val);
}

static void
render_value(struct renderer *r, const struct node *nd)
{
	char *clean;

	text_of(r, nd);
	if (r->val.len == 0)
		return;
	clean = text_oneline(r->val.p, r->val.len);
	brief_escape(r->out, r->f, clean, strlen(clean),
	    nd->field != NULL && nd->field->is_url);
	free(clean);
}

static void
render_section(struct renderer *r, const struct node *nd)
{
	const struct tpl_field *fd = nd->field;
	const void *obj = r->st[r->top - nd->up].obj;
	size_t n;

	if (fd != NULL && fd->list != NULL) {
		n = fd->count(obj);
		if (nd->kind == N_INVERTED) {
			if (n == 0)
				render_nodes(r, nd->kids, nd->nkids);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			struct frame *fr = &r->st[++r->top];

			fr->obj = fd->item(obj, i);
			fr->index = i;
			fr->count = n;
			render_nodes(r, nd->kids, nd->nkids);
			r->top--;
		}
		return;
	}
	text_of(r, nd);
	if ((r->val.len > 0) == (nd->kind == N_SECTION))
		render_nodes(r, nd->kids, nd->nkids);
}

static void
render_nodes(struct renderer *r, const struct node *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (v[i].kind) {
		case N_TEXT:
			str_append(r->out, r->t->src + v[i].off, v[i].len);
			break;
		case N_VALUE:
			render_value(r, &v[i]);
			break;
		case N_SECTION:
		case N_INVERTED:
			render_section(r, &v[i]);
			break;
		}
	}
}

void
tpl_render(const struct tpl *t, const void *obj, enum brief_format f,
    struct str *out)
{
	struct renderer r = { 0 };

	r.t = t;
	r.f = f;
	r.out = out;
	r.st[0].obj = obj;
	r.st[0].count = 1;
	render_nodes(&r, t->root.kids, t->root.nkids);
	str_free(&r.val);
}
