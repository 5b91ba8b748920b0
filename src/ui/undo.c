/*
 * undo: u takes back the last change to articles, then the one before
 * (UNDO_MAX of them): a read, star or dismiss on one article or on every
 * marked one, tags added or removed, a whole view marked read.  Each step
 * records what the articles were before, not what was done, so that
 * undoing a bulk star leaves the article that was starred already
 * starred.  Only this session's changes: the store keeps no history.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ui_int.h"
#include "xalloc.h"

static void
step_free(struct undo_step *s)
{
	free(s->ids);
	free(s->was);
	strv_free(&s->tags);
	free(s->what);
	memset(s, 0, sizeof *s);
}

void
undo_free(struct undo *un)
{
	for (size_t i = 0; i < un->n; i++)
		step_free(&un->v[i]);
	un->n = 0;
}

/* A new step on top; the oldest goes when the stack is full. */
static struct undo_step *
push(struct undo *un, enum undo_kind kind, size_t n, const char *what)
{
	struct undo_step *s;

	if (un->n == UNDO_MAX) {
		step_free(&un->v[0]);
		memmove(un->v, un->v + 1, (UNDO_MAX - 1) * sizeof *un->v);
		un->n--;
	}
	s = &un->v[un->n++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->n = n;
	s->ids = xreallocarray(NULL, n > 0 ? n : 1, sizeof *s->ids);
	s->what = xstrdup(what);
	return s;
}

void
undo_push_flag(struct undo *un, enum store_flag f, const int64_t *ids,
    const int *was, size_t n, const char *what)
{
	struct undo_step *s;

	if (n == 0)
		return;
	s = push(un, UNDO_FLAG, n, what);
	s->flag = f;
	s->was = xreallocarray(NULL, n, sizeof *s->was);
	memcpy(s->ids, ids, n * sizeof *ids);
	memcpy(s->was, was, n * sizeof *was);
}

void
undo_push_tags(struct undo *un, int added, const int64_t *ids,
    const struct strv *tags, size_t n, const char *what)
{
	struct undo_step *s;

	if (n == 0)
		return;
	s = push(un, UNDO_TAG, n, what);
	s->added = added;
	memcpy(s->ids, ids, n * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		strv_pushdup(&s->tags, tags->v[i]);
}

void
undo_push_read(struct undo *un, int64_t *ids, size_t n, const char *what)
{
	struct undo_step *s;

	if (n == 0) {
		free(ids);
		return;
	}
	s = push(un, UNDO_MARK_ALL, 0, what);
	free(s->ids);
	s->ids = ids;
	s->n = n;
}

static int
undo_flag(struct ui *u, const struct undo_step *s, char **cause)
{
	if (query_set_flags(u->st, s->flag, s->ids, s->was, s->n, cause) < 0)
		return -1;
	for (size_t i = 0; i < s->n; i++)
		ui_set_local_flag(u, s->ids[i], s->flag, s->was[i]);
	return 0;
}

static int
undo_tags(struct ui *u, const struct undo_step *s, char **cause)
{
	for (size_t i = 0; i < s->n; i++) {
		if (store_item_tag(u->st, s->ids[i], s->tags.v[i], !s->added,
		    cause) < 0)
			return -1;
		ui_set_local_tag(u, s->ids[i], s->tags.v[i], !s->added);
	}
	return 0;
}

static int
undo_read(struct ui *u, const struct undo_step *s, char **cause)
{
	if (query_set_read(u->st, s->ids, s->n, 0, cause) < 0)
		return -1;
	for (size_t i = 0; i < s->n; i++)
		ui_set_local_flag(u, s->ids[i], STORE_FLAG_READ, 0);
	return 0;
}

static int (*const undoers[UNDO_KIND_COUNT])(struct ui *,
    const struct undo_step *, char **) = {
	[UNDO_FLAG] = undo_flag,
	[UNDO_TAG] = undo_tags,
	[UNDO_MARK_ALL] = undo_read,
};

void
ui_undo(struct ui *u)
{
	struct undo *un = &u->undo;
	struct undo_step *s;
	char *cause = NULL;

	if (un->n == 0) {
		ui_message(u, 0, "nothing to undo");
		return;
	}
	s = &un->v[un->n - 1];
	if (undoers[s->kind](u, s, &cause) < 0) {
		/* kept: a second u tries again */
		ui_message(u, UI_MSG_ERROR, "cannot undo %s: %s", s->what,
		    cause ? cause : "?");
		free(cause);
		return;
	}
	ui_message(u, 0, "undone: %s (%zu more to undo)", s->what, un->n - 1);
	step_free(s);
	un->n--;
	/* a dismissal undone brings rows back; counts follow every change */
	list_reload(u);
	if (u->rd.open)
		reader_refresh_header(u);
	ui_counts_later(u);
	u->dirty = 1;
}
