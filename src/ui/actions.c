/*
 * actions: what the keys do: moving in the focused pane, opening, marking
 * read, starring, tagging, dismissing (on the marked rows or the current
 * article), the prompts (filter, search, tags, the mark-all question) and
 * the dispatch from the keymap's actions.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gazetteer.h"
#include "text.h"
#include "ui_int.h"
#include "ui_text.h"
#include "xalloc.h"

/* ---------- actions on articles ---------- */

size_t
ui_targets(struct ui *u, int64_t **ids)
{
	struct list *l = &u->list;
	struct article_row *r;

	*ids = NULL;
	if (l->nmarks > 0) {
		*ids = xreallocarray(NULL, l->nmarks, sizeof **ids);
		for (size_t i = 0; i < l->nmarks; i++)
			(*ids)[i] = l->marks[i].id;
		return l->nmarks;
	}
	if (u->focus == UI_PANE_READER && u->rd.open) {
		*ids = xmalloc(sizeof **ids);
		(*ids)[0] = u->rd.item.id;
		return 1;
	}
	r = list_selected(u);
	if (r == NULL)
		return 0;
	*ids = xmalloc(sizeof **ids);
	(*ids)[0] = r->id;
	return 1;
}

/* The current value of a flag for the first target (for toggles). */
static int
flag_now(struct ui *u, int64_t id, enum store_flag f)
{
	struct mark *m = list_mark_find(u, id);
	struct article_row *r = list_find(u, id);

	if (m != NULL)
		return f == STORE_FLAG_READ ? m->read : f == STORE_FLAG_STARRED ?
		    m->starred : m->dismissed;
	if (r != NULL)
		return f == STORE_FLAG_READ ? r->read : f == STORE_FLAG_STARRED ?
		    r->starred : r->dismissed;
	if (u->rd.open && u->rd.item.id == id)
		return f == STORE_FLAG_READ ? u->rd.item.read :
		    f == STORE_FLAG_STARRED ? u->rd.item.starred :
		    u->rd.item.dismissed;
	return 0;
}

void
ui_set_local_flag(struct ui *u, int64_t id, enum store_flag f, int v)
{
	struct article_row *r = list_find(u, id);
	struct mark *m = list_mark_find(u, id);

	/* marks stay after an action: what they know must follow it */
	if (m != NULL) {
		if (f == STORE_FLAG_READ)
			m->read = v;
		else if (f == STORE_FLAG_STARRED)
			m->starred = v;
		else
			m->dismissed = v;
	}
	if (r != NULL) {
		if (f == STORE_FLAG_READ)
			r->read = v;
		else if (f == STORE_FLAG_STARRED)
			r->starred = v;
		else
			r->dismissed = v;
	}
	if (u->rd.open && u->rd.item.id == id) {
		if (f == STORE_FLAG_READ)
			u->rd.item.read = v;
		else if (f == STORE_FLAG_STARRED)
			u->rd.item.starred = v;
		else
			u->rd.item.dismissed = v;
	}
}

static const char *const flag_words[STORE_FLAG_COUNT][2] = {
	[STORE_FLAG_READ] = { "unread", "read" },
	[STORE_FLAG_STARRED] = { "unstarred", "starred" },
	[STORE_FLAG_DISMISSED] = { "brought back", "dismissed" },
};

/* One row: one statement; marked rows: one transaction for them all. */
static int
set_flags(struct ui *u, enum store_flag f, const int64_t *ids, size_t n,
    int v, char **cause)
{
	int *vals, rc;

	if (n == 1)
		return store_item_set_flag(u->st, ids[0], f, v, cause) < 0 ? -1 :
		    0;
	vals = xreallocarray(NULL, n, sizeof *vals);
	for (size_t i = 0; i < n; i++)
		vals[i] = v;
	rc = query_set_flags(u->st, f, ids, vals, n, cause);
	free(vals);
	return rc;
}

static void
toggle_flag(struct ui *u, enum store_flag f)
{
	int64_t *ids;
	size_t n = ui_targets(u, &ids), done = 0;
	int v = 0, *was;
	char *cause = NULL, *what;

	if (n == 0)
		return;
	/* bulk: set when any target lacks the flag, else clear */
	was = xreallocarray(NULL, n, sizeof *was);
	for (size_t i = 0; i < n; i++)
		if (!(was[i] = flag_now(u, ids[i], f)))
			v = 1;
	if (set_flags(u, f, ids, n, v, &cause) < 0) {
		ui_message(u, 1, "cannot change %s: %s", n > 1 ?
		    "the articles" : "the article", cause);
		free(cause);
	} else {
		for (size_t i = 0; i < n; i++)
			ui_set_local_flag(u, ids[i], f, v);
		done = n;
	}
	what = n > 1 ? xasprintf("%zu articles %s", n, flag_words[f][v]) :
	    xstrdup(flag_words[f][v]);
	undo_push_flag(&u->undo, f, ids, was, done, what);
	if (done == n)
		ui_message(u, 0, "%s", what);
	free(what);
	free(was);
	free(ids);
	if (f == STORE_FLAG_DISMISSED)
		list_reload(u);
	if (u->rd.open)
		reader_refresh_header(u);
	ui_counts_later(u);
	u->dirty = 1;
}

/* The tags the list, a mark or the reader know the article carries. */
static const struct strv *
known_tags(struct ui *u, int64_t id)
{
	struct mark *m = list_mark_find(u, id);
	struct article_row *r = list_find(u, id);

	if (m != NULL)
		return &m->tags;
	if (r != NULL)
		return &r->tags;
	if (u->rd.open && u->rd.item.id == id)
		return &u->rd.item.tags;
	return NULL;
}

static int
has_tag(struct ui *u, int64_t id, const char *tag)
{
	const struct strv *t = known_tags(u, id);

	return t != NULL && strv_contains(t, tag, 1);
}

static void
strv_set(struct strv *sv, const char *s, int present)
{
	int has = strv_contains(sv, s, 1);

	if (present && !has) {
		strv_pushdup(sv, s);
	} else if (!present && has) {
		size_t j = 0;

		for (size_t i = 0; i < sv->n; i++) {
			if (strcasecmp(sv->v[i], s) == 0)
				free(sv->v[i]);
			else
				sv->v[j++] = sv->v[i];
		}
		sv->n = j;
	}
}

void
ui_set_local_tag(struct ui *u, int64_t id, const char *tag, int add)
{
	struct mark *m = list_mark_find(u, id);
	struct article_row *r = list_find(u, id);

	if (m != NULL)
		strv_set(&m->tags, tag, add);
	if (r != NULL)
		strv_set(&r->tags, tag, add);
	if (u->rd.open && u->rd.item.id == id)
		strv_set(&u->rd.item.tags, tag, add);
}

/* Tags are words separated by spaces or commas. */
static int
apply_tags(struct ui *u, const char *text, int add)
{
	int64_t *ids, *pair_ids = NULL;
	size_t n, npairs = 0;
	struct strv tags = STRV_INIT, pair_tags = STRV_INIT;
	const char *p = text;
	char *cause = NULL, *what = NULL;

	while (*p) {
		size_t k;

		p += strspn(p, " ,\t");
		k = strcspn(p, " ,\t");
		if (k == 0)
			break;
		strv_push(&tags, xstrndup(p, k));
		p += k;
	}
	for (size_t i = 0; i < tags.n; i++) {
		if (!store_tag_name_valid(tags.v[i])) {
			ui_message(u, 1, "'%s' is not a tag name: letters, digits, "
			    "- _ . / : (up to 64 bytes, not starting with -)",
			    tags.v[i]);
			strv_free(&tags);
			return -1;
		}
	}
	n = ui_targets(u, &ids);
	for (size_t i = 0; i < n; i++) {
		for (size_t t = 0; t < tags.n; t++) {
			/* only what changes is undone: a tag it had stays */
			int had = has_tag(u, ids[i], tags.v[t]);

			if (store_item_tag(u->st, ids[i], tags.v[t], add,
			    &cause) < 0) {
				ui_message(u, 1, "cannot tag: %s", cause);
				free(cause);
				goto out;
			}
			ui_set_local_tag(u, ids[i], tags.v[t], add);
			if (had != add) {
				pair_ids = xreallocarray(pair_ids, npairs + 1,
				    sizeof *pair_ids);
				pair_ids[npairs++] = ids[i];
				strv_pushdup(&pair_tags, tags.v[t]);
			}
		}
	}
	if (tags.n > 0) {
		char *list = strv_join(&tags, ", ");

		what = xasprintf("%s %s %s %zu article%s", add ? "tagged" :
		    "removed", list, add ? "on" : "from", n, ui_plural(
		    (int64_t)n));
		ui_message(u, 0, "%s", what);
		free(list);
	}
out:
	undo_push_tags(&u->undo, add, pair_ids, &pair_tags, npairs,
	    what ? what : "tags");
	free(what);
	free(pair_ids);
	strv_free(&pair_tags);
	free(ids);
	strv_free(&tags);
	list_reload(u);
	if (u->rd.open)
		reader_refresh_header(u);
	ui_counts_later(u);
	return 0;
}

/* ---------- prompts ---------- */

static const char *const filter_fields[] = {
	"unread", "read", "starred", "dismissed", "tag:", "topic:", "country:",
	"region:", "feed:", "author:", "since:", "before:", "OR",
	"since:24h", "since:7d",
};

static void
candidates_from_sidebar(struct ui *u, enum sb_kind kind, const char *prefix,
    struct strv *out)
{
	for (size_t i = 0; i < u->sb.n; i++)
		if (u->sb.v[i].kind == kind)
			strv_push(out, xasprintf("%s%s", prefix, u->sb.v[i].key));
}

/* "field:value" for what the config and the gazetteer name, once. */
static void
push_field(struct strv *c, const char *field, const char *value)
{
	char *s = xasprintf("%s:%s", field, value);

	if (strv_contains(c, s, 1))
		free(s);
	else
		strv_push(c, s);
}

/*
 * What Tab completes in f: the fields, then their values: topics, tags
 * and countries in the cache (the sidebar's), the config's topics and
 * feeds even before anything is counted, every region of the gazetteer.
 */
static void
filter_candidates(struct ui *u, struct strv *c)
{
	for (size_t i = 0; i < sizeof filter_fields / sizeof filter_fields[0];
	    i++)
		strv_pushdup(c, filter_fields[i]);
	candidates_from_sidebar(u, SB_TOPIC, "topic:", c);
	candidates_from_sidebar(u, SB_COUNTRY, "country:", c);
	candidates_from_sidebar(u, SB_TAG, "tag:", c);
	candidates_from_sidebar(u, SB_FEED, "feed:", c);
	for (size_t i = 0; i < u->cfg->ntopics; i++)
		push_field(c, "topic", u->cfg->topics[i].key);
	for (size_t i = 0; i < u->cfg->nfeeds; i++)
		push_field(c, "feed", u->cfg->feeds[i].key);
	for (size_t i = 0; i < gazetteer_region_count(); i++)
		push_field(c, "region", gazetteer_region_at(i)->key);
}

/* The tags the targets carry, as far as the window and marks know them. */
static void
target_tags(struct ui *u, struct strv *out)
{
	int64_t *ids;
	size_t n = ui_targets(u, &ids);

	for (size_t i = 0; i < n; i++) {
		struct mark *m = list_mark_find(u, ids[i]);
		struct article_row *r = list_find(u, ids[i]);
		const struct strv *t = m ? &m->tags : r ? &r->tags :
		    (u->rd.open && u->rd.item.id == ids[i]) ?
		    &u->rd.item.tags : NULL;

		for (size_t k = 0; t && k < t->n; k++)
			if (!strv_contains(out, t->v[k], 1))
				strv_pushdup(out, t->v[k]);
	}
	free(ids);
}

/*
 * A asks about what it will mark: the view and, when there is one, the
 * filter and the search ("in 'All' with filter feed:cert"), not the view
 * alone.  Returns owned.
 */
static char *
mark_all_question(const struct list *l)
{
	struct str s = STR_INIT;

	/* an old count would be the wrong number: none until it is known */
	if (l->count_stale)
		str_appendz(&s, "Mark every unread article");
	else
		str_appendf(&s, "Mark the %" PRId64 " unread article%s",
		    l->unread, ui_plural(l->unread));
	str_appendf(&s, " in '%s'", l->view_label ? l->view_label : "");
	if (l->filter)
		str_appendf(&s, " with filter %s", l->filter);
	if (l->search)
		str_appendf(&s, "%s search %s", l->filter ? " and" : " with",
		    l->search);
	str_appendz(&s, " read? (y/n) ");
	return str_steal(&s);
}

static void
start_prompt(struct ui *u, enum prompt_kind kind)
{
	struct strv c = STRV_INIT;
	struct list *l = &u->list;

	if (u->reload_counts) {
		/* completion offers what the cache holds now */
		sidebar_build(u, 1);
		u->reload_counts = 0;
	}
	switch (kind) {
	case PK_FILTER:
		ui_prompt_start(&u->prompt, kind, "filter: ", l->filter,
		    &u->history[kind]);
		/* the old filter, selected: typing replaces it, End appends */
		ui_prompt_select_all(&u->prompt);
		filter_candidates(u, &c);
		break;
	case PK_SEARCH:
		ui_prompt_start(&u->prompt, kind, "search: ", l->search,
		    &u->history[kind]);
		ui_prompt_select_all(&u->prompt);
		break;
	case PK_ADD_TAG:
		ui_prompt_start(&u->prompt, kind, "add tags: ", NULL,
		    &u->history[kind]);
		candidates_from_sidebar(u, SB_TAG, "", &c);
		break;
	case PK_REMOVE_TAG:
		target_tags(u, &c);
		if (c.n == 0) {
			ui_message(u, 0, "no tags to remove");
			strv_free(&c);
			return;
		}
		ui_prompt_start(&u->prompt, kind, "remove tags: ",
		    c.n == 1 ? c.v[0] : NULL, &u->history[kind]);
		break;
	case PK_CONFIRM_MARK_ALL: {
		char *label = mark_all_question(l);

		ui_prompt_start(&u->prompt, kind, label, NULL, NULL);
		free(label);
		break;
	}
	default:
		break;
	}
	ui_prompt_set_candidates(&u->prompt, (const char *const *)c.v, c.n);
	strv_free(&c);
	u->dirty = 1;
}

static void
mark_all_read(struct ui *u)
{
	int64_t *ids = NULL;
	size_t n = 0;
	char *cause = NULL, *what;

	if (u->list.q == NULL)
		return;
	if (query_mark_read_ids(u->st, u->list.q, &ids, &n, &cause) < 0) {
		ui_message(u, 1, "cannot mark the view read: %s", cause);
		free(cause);
		return;
	}
	what = xasprintf("%zu article%s marked read", n, ui_plural((int64_t)n));
	undo_push_read(&u->undo, ids, n, what);
	ui_message(u, 0, "%s", what);
	free(what);
	list_reload(u);
	if (u->rd.open)
		reader_refresh_header(u);
	u->reload_counts = 1;
	u->counts_due_ms = ui_now_ms();
}

/* Enter in a prompt: 1 when it may close. */
static int
prompt_accept(struct ui *u)
{
	const char *text = ui_prompt_text(&u->prompt);
	char *cause = NULL;

	switch ((enum prompt_kind)u->prompt.kind) {
	case PK_FILTER:
		if (list_set_filter(u, text, &cause) < 0) {
			ui_message(u, 1, "%s", cause);
			free(cause);
			return 0;
		}
		if (text[0])
			list_say_count(u, PK_FILTER);
		else
			ui_clear_message(u);
		return 1;
	case PK_SEARCH:
		if (list_set_search(u, text) < 0)
			return 0;
		if (text[0])
			list_say_count(u, PK_SEARCH);
		return 1;
	case PK_ADD_TAG:
	case PK_REMOVE_TAG:
		return apply_tags(u, text, u->prompt.kind == PK_ADD_TAG) == 0;
	default:
		return 1;
	}
}

static void
prompt_key(struct ui *u, int key)
{
	enum ui_prompt_result r;

	if (u->prompt.kind == PK_CONFIRM_MARK_ALL) {
		ui_prompt_end(&u->prompt, 0);
		if (key == 'y' || key == 'Y')
			mark_all_read(u);
		else
			ui_message(u, 0, "nothing marked");
		u->dirty = 1;
		return;
	}
	if (u->prompt.kind == PK_CONFIRM_QUIT) {
		ui_prompt_end(&u->prompt, 0);
		if (key == 'y' || key == 'Y')
			u->quit = 1;
		else
			ui_message(u, 0, "not quitting");
		u->dirty = 1;
		return;
	}
	r = ui_prompt_key(&u->prompt, key);
	if (r == UI_PROMPT_CANCEL) {
		ui_prompt_end(&u->prompt, 0);
		ui_clear_message(u);
	} else if (r == UI_PROMPT_ACCEPT) {
		if (prompt_accept(u))
			ui_prompt_end(&u->prompt, 1);
	} else if (u->prompt.matches.n > 1) {
		/* the candidates, on the status line above the prompt */
		char *all = strv_join(&u->prompt.matches, "  ");

		ui_message(u, UI_MSG_QUIET, "%zu matches: %s",
		    u->prompt.matches.n, all);
		free(all);
	}
	u->dirty = 1;
}

/* ---------- keys ---------- */

static int
pane_height(const struct ui *u, enum ui_pane p)
{
	int h = u->lay.pane[p].h;

	return h > 0 ? h : u->rows > 3 ? u->rows - 2 : 1;
}

static void
move_in_pane(struct ui *u, enum ui_action a)
{
	int h = pane_height(u, u->focus), d;

	switch (a) {
	case UI_ACT_DOWN: d = 1; break;
	case UI_ACT_UP: d = -1; break;
	case UI_ACT_PAGE_DOWN: d = h; break;
	case UI_ACT_PAGE_UP: d = -h; break;
	case UI_ACT_HALF_DOWN: d = h / 2 > 0 ? h / 2 : 1; break;
	case UI_ACT_HALF_UP: d = h / 2 > 0 ? -(h / 2) : -1; break;
	default: d = 0; break;
	}
	if (a == UI_ACT_TOP || a == UI_ACT_BOTTOM) {
		int bottom = a == UI_ACT_BOTTOM;

		if (u->focus == UI_PANE_SIDEBAR)
			sidebar_edge(u, bottom);
		else if (u->focus == UI_PANE_READER)
			reader_edge(u, bottom);
		else if (bottom)
			list_bottom(u);
		else
			list_top(u);
		return;
	}
	if (u->focus == UI_PANE_SIDEBAR)
		sidebar_move(u, d);
	else if (u->focus == UI_PANE_READER)
		reader_scroll(u, d);
	else if (a == UI_ACT_DOWN || a == UI_ACT_UP)
		list_move(u, d);
	else
		list_page(u, d);
}

static void
open_selected(struct ui *u)
{
	struct article_row *r = list_selected(u);

	if (r == NULL)
		return;
	reader_open(u, r);
	if (u->zoom || u->lay.kind == UI_LAYOUT_SINGLE)
		u->focus = UI_PANE_READER;
	u->dirty = 1;
}

static void
open_next_unread(struct ui *u, int dir)
{
	struct article_row *r = list_selected(u);
	int skip_current = r != NULL && u->rd.open && r->id == u->rd.item.id;

	/* from a row nobody opened yet, that row counts when it is unread */
	if (!skip_current && r != NULL && !r->read && dir > 0) {
		open_selected(u);
		return;
	}
	if (list_next_unread(u, dir)) {
		open_selected(u);
		return;
	}
	ui_message(u, 0, "no %s unread article", dir > 0 ? "further" :
	    "earlier");
}

/*
 * Space: reading on without aiming.  It opens the selected row when that
 * is not the article shown, pages through the article, and at its end
 * opens the next unread one.
 */
static void
act_page(struct ui *u)
{
	struct article_row *r = list_selected(u);

	if (u->focus == UI_PANE_SIDEBAR) {
		sidebar_activate(u);
		return;
	}
	if (r != NULL && (!u->rd.open || (u->focus == UI_PANE_LIST &&
	    r->id != u->rd.item.id))) {
		open_selected(u);
		return;
	}
	if (!ui_layout_visible(&u->lay, UI_PANE_READER) && u->rd.open) {
		/* one pane at a time: show the article first */
		u->focus = UI_PANE_READER;
		return;
	}
	if (reader_page(u))
		return;
	open_next_unread(u, 1);
}

/*
 * What quitting now would lose, for the question q asks; NULL when
 * nothing (owned otherwise).
 */
static char *
quit_losses(struct ui *u)
{
	struct str s = STR_INIT;

	if (u->list.nmarks > 0)
		str_appendf(&s, "%zu marked row%s", u->list.nmarks,
		    ui_plural((int64_t)u->list.nmarks));
	if (u->refresh != NULL)
		str_appendf(&s, "%sthe refresh running", s.len ? " and " : "");
	if (s.len == 0) {
		str_free(&s);
		return NULL;
	}
	return str_steal(&s);
}

/*
 * q: one step back, the way it came: out of the zoom, the sidebar, the
 * reader (Enter leaves the focus in the list, so the reader is closed
 * even then), the filter and search; only at the top does it quit, and
 * then asks first when marks or a refresh would be lost.  Q quits at once.
 */
static void
act_back(struct ui *u)
{
	char *loss;

	u->dirty = 1;
	if (u->zoom) {
		u->zoom = 0;
	} else if (u->focus == UI_PANE_SIDEBAR) {
		u->focus = UI_PANE_LIST;
	} else if (u->rd.open || u->focus == UI_PANE_READER) {
		reader_close(&u->rd);
		u->focus = UI_PANE_LIST;
	} else if (u->list.filter || u->list.search) {
		list_clear_narrowing(u);
		ui_message(u, 0, "filter and search cleared");
	} else if ((loss = quit_losses(u)) != NULL) {
		char *q = xasprintf("Quit and lose %s? (y/n) ", loss);

		ui_prompt_start(&u->prompt, PK_CONFIRM_QUIT, q, NULL, NULL);
		free(q);
		free(loss);
	} else {
		u->quit = 1;
	}
}

static void
act_clear(struct ui *u)
{
	if (u->list.nmarks > 0) {
		list_clear_marks(u);
		ui_message(u, 0, "marks cleared");
	} else if (u->list.filter || u->list.search) {
		list_clear_narrowing(u);
		ui_message(u, 0, "filter and search cleared");
	} else if (u->zoom) {
		u->zoom = 0;
	} else {
		ui_clear_message(u);
	}
	u->dirty = 1;
}

static void
act_layout(struct ui *u)
{
	enum ui_layout_kind shown = ui_layout_resolve(u->layout_kind, u->cols);

	u->layout_kind = ui_layout_next(shown);
	u->zoom = 0;
	ui_message(u, 0, "layout: %s", ui_layout_name(u->layout_kind));
}

static void
act_link(struct ui *u, size_t n)
{
	const char *url;

	if (!u->rd.open) {
		ui_message(u, 1, "open an article first (Enter)");
		return;
	}
	url = reader_link(u, n);
	if (url == NULL) {
		ui_message(u, 1, "the article has no link %zu", n);
		return;
	}
	ui_open_url(u, url);
}

static void
act_open(struct ui *u)
{
	if (u->focus == UI_PANE_SIDEBAR)
		sidebar_activate(u);
	else if (u->focus == UI_PANE_LIST)
		open_selected(u);
}

/* Actions on the articles and the screen; movement is move_in_pane. */
static void
dispatch(struct ui *u, enum ui_action a)
{
	switch (a) {
	case UI_ACT_NEXT_PANE: ui_focus_step(u, 1, 1); break;
	case UI_ACT_PREV_PANE: ui_focus_step(u, -1, 1); break;
	case UI_ACT_PANE_LEFT: ui_focus_step(u, -1, 0); break;
	case UI_ACT_PANE_RIGHT: ui_focus_step(u, 1, 0); break;
	case UI_ACT_OPEN: act_open(u); break;
	case UI_ACT_PAGE: act_page(u); break;
	case UI_ACT_NEXT_UNREAD: open_next_unread(u, 1); break;
	case UI_ACT_PREV_UNREAD: open_next_unread(u, -1); break;
	case UI_ACT_TOGGLE_READ: toggle_flag(u, STORE_FLAG_READ); break;
	case UI_ACT_TOGGLE_STAR: toggle_flag(u, STORE_FLAG_STARRED); break;
	case UI_ACT_DISMISS: toggle_flag(u, STORE_FLAG_DISMISSED); break;
	case UI_ACT_ADD_TAG: start_prompt(u, PK_ADD_TAG); break;
	case UI_ACT_REMOVE_TAG: start_prompt(u, PK_REMOVE_TAG); break;
	case UI_ACT_MARK:
		list_toggle_mark(u);
		list_move(u, 1);
		break;
	case UI_ACT_UNMARK_ALL:
		if (u->list.nmarks > 0)
			ui_message(u, 0, "%zu mark%s cleared", u->list.nmarks,
			    ui_plural((int64_t)u->list.nmarks));
		list_clear_marks(u);
		break;
	case UI_ACT_UNDO: ui_undo(u); break;
	case UI_ACT_MARK_ALL_READ:
		if (u->cfg->ui.confirm_mark_all)
			start_prompt(u, PK_CONFIRM_MARK_ALL);
		else
			mark_all_read(u);
		break;
	case UI_ACT_SEARCH: start_prompt(u, PK_SEARCH); break;
	case UI_ACT_FILTER: start_prompt(u, PK_FILTER); break;
	case UI_ACT_CLEAR: act_clear(u); break;
	case UI_ACT_REFRESH_ALL: ui_refresh_all(u); break;
	case UI_ACT_REFRESH_FEED: ui_refresh_one(u); break;
	case UI_ACT_OPEN_LINK: ui_open_url(u, ui_current_url(u)); break;
	case UI_ACT_COPY_LINK: ui_copy_url(u, ui_current_url(u)); break;
	case UI_ACT_LAYOUT: act_layout(u); break;
	case UI_ACT_ZOOM: u->zoom = !u->zoom; break;
	case UI_ACT_HELP: u->help_open = 1; u->help_scroll = 0; break;
	case UI_ACT_MESSAGES: u->log.open = 1; u->log.scroll = 0; break;
	case UI_ACT_LINKS: linklist_open(u); break;
	case UI_ACT_BACK: act_back(u); break;
	case UI_ACT_QUIT: u->quit = 1; break;
	case UI_ACT_REDRAW: clearok(curscr, TRUE); break;
	default:
		if (a >= UI_ACT_LINK_1 && a <= UI_ACT_LINK_9)
			act_link(u, (size_t)(a - UI_ACT_LINK_1) + 1);
		break;
	}
	u->dirty = 1;
}

void
ui_handle_action(struct ui *u, enum ui_action a)
{
	dispatch(u, a);
}

void
ui_handle_key(struct ui *u, int key)
{
	enum ui_action a;

	if (key == UI_KEY_RESIZE) {
		u->dirty = 1;
		return;
	}
	if (u->prompt.active) {
		prompt_key(u, key);
		return;
	}
	if (u->msg != NULL && u->msg_error)
		ui_clear_message(u);
	if (u->help_open && help_key(u, key))
		return;
	if (u->log.open && msglog_key(u, key))
		return;
	if (u->links.open && !u->rd.open)
		u->links.open = 0;
	if (u->links.open && linklist_key(u, key))
		return;
	a = ui_keymap_lookup(u->km, key);
	switch (a) {
	case UI_ACT_NONE: {
		char name[32];

		ui_message(u, 0, "%s is not bound (? lists the keys)",
		    ui_key_name(key, name, sizeof name));
		return;
	}
	case UI_ACT_DOWN: case UI_ACT_UP: case UI_ACT_TOP: case UI_ACT_BOTTOM:
	case UI_ACT_PAGE_DOWN: case UI_ACT_PAGE_UP: case UI_ACT_HALF_DOWN:
	case UI_ACT_HALF_UP:
		move_in_pane(u, a);
		return;
	default:
		dispatch(u, a);
	}
}
