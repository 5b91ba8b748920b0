/*
 * cmd_tag_mark: `sitrep tag ID... +TAG|-TAG...` and `sitrep mark ID...
 * read|star|...`, the two commands that change articles by id.  They share
 * one file because they read their words and apply them the same way (ids,
 * then what to do to each); only what a word means differs.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "store.h"
#include "suggest.h"
#include "xalloc.h"

/* What one word that is not an id asks for. */
struct edit {
	const char *tag;       /* tag: the name without its + or - */
	enum store_flag flag;  /* mark: the flag */
	int on;                /* add the tag or set the flag; 0 the reverse */
};

/* How tag and mark read a word, and what they do to an article with it. */
struct editor {
	/* fills *e from a word; prints why it can't and returns -1 */
	int (*parse)(const char *word, struct edit *e);
	/* returns 1 done, 0 no such article, -1 with *cause */
	int (*apply)(struct store *st, int64_t id, const struct edit *e,
	    char **cause);
	/*
	 * Whether e would change the article (1), so that a bulk change can
	 * say how to undo exactly what it did; NULL: not told.
	 */
	int (*changes)(struct store *st, int64_t id, const struct edit *e);
	/* The word that undoes e, for that message. */
	const char *(*undo_word)(const struct edit *e);
};

/*
 * After a change of several articles: the command that puts back what
 * changed, one per edit (an article already read is not made unread).
 */
static void
print_undo(const struct cli_command *c, const struct editor *ed,
    const struct edit *edits, size_t nedits, struct strv *changed)
{
	for (size_t k = 0; k < nedits; k++) {
		char *ids;

		if (changed[k].n == 0)
			continue;
		ids = strv_join(&changed[k], " ");
		fprintf(stderr, "sitrep %s: %zu article%s changed; to undo: "
		    "sitrep %s %s %s\n", c->name, changed[k].n,
		    changed[k].n == 1 ? "" : "s", c->name, ids,
		    ed->undo_word(&edits[k]));
		free(ids);
	}
}

/* An article id: digits only, at least 1. */
static int
parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1)
		return -1;
	*id = v;
	return 0;
}

/* Every edit on one article; stops at the first that fails (-1). */
static int
edit_article(const struct cli_command *c, const struct editor *ed,
    struct store *st, int64_t id, const struct edit *edits, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char *cause = NULL;
		int r = ed->apply(st, id, &edits[k], &cause);

		if (r < 0) {
			fprintf(stderr, "sitrep %s: %s\n", c->name, cause);
			free(cause);
			return -1;
		}
		if (r == 0) {
			fprintf(stderr, "sitrep %s: no article %" PRId64
			    " in the cache (sitrep list shows the ids)\n",
			    c->name, id);
			return -1;
		}
	}
	return 0;
}

/* The words are ids and edits in any order; both are needed. */
static int
edit_articles(const struct cli_globals *g, const struct cli_command *c,
    const struct cli_args *a, const struct editor *ed)
{
	int64_t *ids = xcalloc((size_t)a->nargs + 1, sizeof *ids);
	struct edit *edits = xcalloc((size_t)a->nargs + 1, sizeof *edits);
	size_t nids = 0, nedits = 0;
	struct cli_context ctx = { 0 };
	struct strv *changed = NULL;  /* per edit: the ids it changed */
	int rc = CLI_USAGE;

	for (int i = 0; i < a->nargs; i++) {
		if (parse_id(a->args[i], &ids[nids]) == 0)
			nids++;
		else if (ed->parse(a->args[i], &edits[nedits++]) < 0)
			goto out;
	}
	if (nids == 0 || nedits == 0) {
		cli_print_help(stderr, c);
		goto out;
	}
	if (cli_context_open(g, 0, &ctx) < 0)
		goto out;
	if (nids > 1 && ed->changes != NULL)
		changed = xcalloc(nedits, sizeof *changed);
	/*
	 * An article that fails does not stop the others; damage stops all
	 * (its message said what to do) and is a cache error.
	 */
	rc = CLI_OK;
	for (size_t i = 0; i < nids; i++) {
		for (size_t k = 0; changed != NULL && k < nedits; k++)
			if (ed->changes(ctx.st, ids[i], &edits[k]))
				strv_push(&changed[k], xasprintf("%" PRId64,
				    ids[i]));
		if (edit_article(c, ed, ctx.st, ids[i], edits, nedits) < 0)
			rc = CLI_FAILED;
		if (store_damaged(ctx.st)) {
			rc = CLI_USAGE;
			break;
		}
	}
	if (changed != NULL && rc != CLI_USAGE)
		print_undo(c, ed, edits, nedits, changed);
out:
	for (size_t k = 0; changed != NULL && k < nedits; k++)
		strv_free(&changed[k]);
	free(changed);
	cli_context_close(&ctx);
	free(ids);
	free(edits);
	return rc;
}

/* ---------- tag ---------- */

static int
parse_tag(const char *word, struct edit *e)
{
	const char *name = word;

	e->on = *name != '-';
	if (*name == '+' || *name == '-')
		name++;
	if (!store_tag_name_valid(name)) {
		fprintf(stderr, "sitrep tag: '");
		cli_put_clean(stderr, word);
		fprintf(stderr, "' is neither an article id nor +TAG or "
		    "-TAG (a tag is 1 to 64 letters, digits and - _ . / :)\n");
		return -1;
	}
	e->tag = name;
	return 0;
}

static int
apply_tag(struct store *st, int64_t id, const struct edit *e, char **cause)
{
	return store_item_tag(st, id, e->tag, e->on, cause);
}

static int
run_tag(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	static const struct editor tagger = { parse_tag, apply_tag, NULL,
	    NULL };

	return edit_articles(g, c, a, &tagger);
}

const struct cli_command cmd_tag_entry = {
	"tag", "ID... +TAG|-TAG...", NULL, run_tag,
	"Adds (+TAG, or a plain TAG that is not a number) and removes (-TAG)\n"
	"tags on articles.  A tag is 1 to 64 letters, digits and - _ . / :\n"
	"and compares without regard to case.  Tags survive refreshes,\n"
	"reclassification and retention (a tagged article is kept).\n\n"
	"Example: sitrep tag 412 415 +brief -todo\n\n"
	"Exit status: 0 done, 1 an article was not found (the others are\n"
	"tagged), 2 usage or cache errors.\n",
	1
};

/* ---------- mark ---------- */

static const struct mark_action {
	const char *word;
	enum store_flag flag;
	int value;
} mark_actions[] = {
	{ "read", STORE_FLAG_READ, 1 },
	{ "unread", STORE_FLAG_READ, 0 },
	{ "star", STORE_FLAG_STARRED, 1 },
	{ "unstar", STORE_FLAG_STARRED, 0 },
	{ "dismiss", STORE_FLAG_DISMISSED, 1 },
	{ "undismiss", STORE_FLAG_DISMISSED, 0 },
};

#define NMARK (sizeof mark_actions / sizeof mark_actions[0])

/* An unknown action, with the closest one when there is one. */
static void
unknown_action(const char *word)
{
	const char *words[NMARK];
	const char *best;

	for (size_t k = 0; k < NMARK; k++)
		words[k] = mark_actions[k].word;
	best = suggest_closest(word, words, NMARK);
	fprintf(stderr, "sitrep mark: '");
	cli_put_clean(stderr, word);
	if (best != NULL)
		fprintf(stderr, "' is not an article id or an action; did you "
		    "mean '%s'?\n", best);
	else
		fprintf(stderr, "' is not an article id or an action (read "
		    "unread star unstar dismiss undismiss)\n");
}

static int
parse_mark(const char *word, struct edit *e)
{
	for (size_t k = 0; k < NMARK; k++) {
		if (strcmp(word, mark_actions[k].word) == 0) {
			e->flag = mark_actions[k].flag;
			e->on = mark_actions[k].value;
			return 0;
		}
	}
	unknown_action(word);
	return -1;
}

static int
apply_mark(struct store *st, int64_t id, const struct edit *e, char **cause)
{
	return store_item_set_flag(st, id, e->flag, e->on, cause);
}

static int
mark_changes(struct store *st, int64_t id, const struct edit *e)
{
	struct store_item it;
	int now, r;

	memset(&it, 0, sizeof it);
	if (store_item_get(st, id, &it, NULL) != 1)
		return 0;
	now = e->flag == STORE_FLAG_READ ? it.read : e->flag ==
	    STORE_FLAG_STARRED ? it.starred : it.dismissed;
	r = now != e->on;
	store_item_clear(&it);
	return r;
}

static const char *
mark_undo_word(const struct edit *e)
{
	for (size_t k = 0; k < NMARK; k++)
		if (mark_actions[k].flag == e->flag &&
		    mark_actions[k].value != e->on)
			return mark_actions[k].word;
	return "";
}

static int
run_mark(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	static const struct editor marker = { parse_mark, apply_mark,
	    mark_changes, mark_undo_word };

	return edit_articles(g, c, a, &marker);
}

const struct cli_command cmd_mark_entry = {
	"mark", "ID... read|unread|star|unstar|dismiss|undismiss", NULL,
	run_mark,
	"Sets the state of articles.  A dismissed article is hidden from\n"
	"every view and list, not deleted (`sitrep list dismissed` shows it).\n\n"
	"Example: sitrep mark 412 415 read star\n\n"
	"With several articles it says how many each action changed and the\n"
	"command that undoes just that (an article already read stays read).\n\n"
	"Exit status: 0 done, 1 an article was not found, 2 usage or cache\n"
	"errors.\n",
	0
};
