/*
 * actions: what the keys do: moving in the focused pane, opening, marking
 * read, starring, tagging, dismissing (on the marked rows or the current
 * article), the prompts (filter, search, tags, the mark-all question) and
 * the dispatch from the keymap's actions.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

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

static void
set_local_flag(struct ui *u, int64_t id, enum store_flag f, int v)
{
	struct article_row *r = list_find(u, id);

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

static void
toggle_flag(struct ui *u, enum store_flag f)
{
	int64_t *ids;
	size_t n = ui_targets(u, &ids), done = 0;
	int v = 0, bulk = u->list.nmarks > 0;
	char *cause = NULL;

	if (n == 0)
		return;
	/* bulk: set when any target lacks the flag, else clear */
	for (size_t i = 0; i < n; i++)
		if (!flag_now(u, ids[i], f))
			v = 1;
	for (size_t i = 0; i < n; i++) {
		if (store_item_set_flag(u->st, ids[i], f, v, &cause) < 0) {
			ui_message(u, 1, "cannot change article %" PRId64 ": %s",
			    ids[i], cause);
			free(cause);
			break;
		}
		set_local_flag(u, ids[i], f, v);
		done++;
	}
	free(ids);
	if (done == n) {
		if (n > 1)
			ui_message(u, 0, "%zu articles %s", n, flag_words[f][v]);
		else
			ui_message(u, 0, "%s", flag_words[f][v]);
	}
	if (bulk)
		list_clear_marks(u);
	if (f == STORE_FLAG_DISMISSED)
		list_reload(u);
	if (u->rd.open)
		reader_refresh_header(u);
	ui_counts_later(u);
	u->dirty = 1;
}

/* Tags are words separated by spaces or commas. */
static int
apply_tags(struct ui *u, const char *text, int add)
{
	int64_t *ids;
	size_t n, changed = 0;
	struct strv tags = STRV_INIT;
	const char *p = text;
	char *cause = NULL;

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
			if (store_item_tag(u->st, ids[i], tags.v[t], add,
			    &cause) < 0) {
				ui_message(u, 1, "cannot tag: %s", cause);
				free(cause);
				goto out;
			}
			changed++;
		}
	}
	if (tags.n > 0) {
		char *list = strv_join(&tags, ", ");

		ui_message(u, 0, "%s %s %s %zu article%s", add ? "tagged" :
		    "removed", list, add ? "on" : "from", n, n == 1 ? "" : "s");
		free(list);
	}
out:
	if (u->list.nmarks > 0)
		list_clear_marks(u);
	free(ids);
	strv_free(&tags);
	(void)changed;
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
		for (size_t i = 0; i < sizeof filter_fields /
		    sizeof filter_fields[0]; i++)
			strv_pushdup(&c, filter_fields[i]);
		candidates_from_sidebar(u, SB_TOPIC, "topic:", &c);
		candidates_from_sidebar(u, SB_COUNTRY, "country:", &c);
		candidates_from_sidebar(u, SB_TAG, "tag:", &c);
		candidates_from_sidebar(u, SB_FEED, "feed:", &c);
		for (size_t i = 0; i < u->cfg->nfeeds; i++)
			if (!strv_contains(&c, u->cfg->feeds[i].key, 0))
				strv_push(&c, xasprintf("feed:%s",
				    u->cfg->feeds[i].key));
		break;
	case PK_SEARCH:
		ui_prompt_start(&u->prompt, kind, "search: ", l->search,
		    &u->history[kind]);
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
		char *label = xasprintf("Mark the %" PRId64 " unread articles in "
		    "'%s' read? (y/n) ", l->unread, l->view_label ?
		    l->view_label : "");

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
	int64_t changed = 0;
	char *cause = NULL;

	if (u->list.q == NULL)
		return;
	if (query_mark_read(u->st, u->list.q, &changed, &cause) < 0) {
		ui_message(u, 1, "cannot mark the view read: %s", cause);
		free(cause);
		return;
	}
	ui_message(u, 0, "%" PRId64 " articles marked read", changed);
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
			ui_message(u, 0, "filter: %s (Esc clears it)", text);
		else
			ui_clear_message(u);
		return 1;
	case PK_SEARCH:
		if (list_set_search(u, text) < 0)
			return 0;
		if (text[0])
			ui_message(u, 0, "%" PRId64 " article%s match%s (Esc clears "
			    "the search)", u->list.total, u->list.total == 1 ? "" :
			    "s", u->list.total == 1 ? "es" : "");
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
	r = ui_prompt_key(&u->prompt, key);
	if (r == UI_PROMPT_CANCEL) {
		ui_prompt_end(&u->prompt, 0);
		ui_clear_message(u);
	} else if (r == UI_PROMPT_ACCEPT) {
		if (prompt_accept(u))
			ui_prompt_end(&u->prompt, 1);
	} else if (u->prompt.matches.n > 1) {
		char *all = strv_join(&u->prompt.matches, "  ");

		ui_message(u, 0, "%s", all);
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

static void
act_back(struct ui *u)
{
	if (u->zoom) {
		u->zoom = 0;
	} else if (u->focus == UI_PANE_READER) {
		u->focus = UI_PANE_LIST;
	} else if (u->focus == UI_PANE_SIDEBAR) {
		u->focus = UI_PANE_LIST;
	} else if (u->list.filter || u->list.search) {
		list_clear_narrowing(u);
		ui_message(u, 0, "filter and search cleared");
	} else {
		u->quit = 1;
	}
	u->dirty = 1;
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
