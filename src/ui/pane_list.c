/*
 * pane_list: the headline list.  It holds a window of rows, exactly what is
 * on the screen, read with keyset paging (query_page): opening, moving and
 * jumping to the end cost a screenful, never the table.  The selection is an
 * article id; reloading keeps it on the same screen line.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "text.h"
#include "ui_int.h"
#include "ui_text.h"
#include "xalloc.h"

/* Widest a source name gets; badges never take more than a third. */
#define SOURCE_COLS 16

static struct query_key
key_of(const struct article_row *r)
{
	struct query_key k = { r->sort_time, r->id };

	return k;
}

static int
page(struct ui *u, const struct query_key *from, enum query_dir dir,
    size_t limit, struct article_row **rows, size_t *n)
{
	char *cause = NULL;

	*rows = NULL;
	*n = 0;
	if (u->list.q == NULL || limit == 0)
		return 0;
	if (query_page(u->st, u->list.q, from, dir, limit, rows, n,
	    &cause) < 0) {
		ui_message(u, 1, "cannot read the list: %s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Takes ownership of both arrays; returns a + b in one owned array. */
static struct article_row *
concat(struct article_row *a, size_t na, struct article_row *b, size_t nb)
{
	struct article_row *r;

	if (nb == 0)
		return a;
	if (na == 0) {
		free(a);
		return b;
	}
	r = xreallocarray(a, na + nb, sizeof *r);
	memcpy(r + na, b, nb * sizeof *b);
	free(b);
	return r;
}

/* Frees rows [from, from + k) and closes the gap. */
static void
drop_rows(struct list *l, size_t from, size_t k)
{
	if (k == 0)
		return;
	for (size_t i = from; i < from + k; i++) {
		/* article_rows_free knows what a row owns */
		struct article_row *one = xmalloc(sizeof *one);

		*one = l->rows[i];
		article_rows_free(one, 1);
	}
	memmove(l->rows + from, l->rows + from + k,
	    (l->n - from - k) * sizeof *l->rows);
	l->n -= k;
}

static void
set_rows(struct list *l, struct article_row *rows, size_t n)
{
	article_rows_free(l->rows, l->n);
	l->rows = rows;
	l->n = n;
}

static size_t
window_height(const struct ui *u)
{
	return u->list.height > 0 ? (size_t)u->list.height : 1;
}

/*
 * The window's place in the whole list, for the status bar.  Counting the
 * rows before it costs in proportion to the position, so it waits until
 * the keys pause (list.pos_known).
 */
void
list_fix_position(struct ui *u)
{
	struct list *l = &u->list;
	char *cause = NULL;
	struct query_key k;

	l->pos_known = 1;
	l->top_pos = 0;
	if (l->n == 0 || l->q == NULL || l->at_head)
		return;
	k = key_of(&l->rows[0]);
	if (query_position(u->st, l->q, &k, &l->top_pos, &cause) < 0) {
		free(cause);
		l->top_pos = 0;
		l->pos_known = 0;
	}
	u->dirty = 1;
}

/* Whether rows[0] is the first row of the list: one index probe. */
static int
probe_head(struct ui *u)
{
	struct list *l = &u->list;
	struct article_row *r;
	size_t n;
	struct query_key k;

	if (l->n == 0)
		return 1;
	k = key_of(&l->rows[0]);
	if (page(u, &k, QUERY_NEWER, 1, &r, &n) < 0)
		return 0;
	article_rows_free(r, n);
	return n == 0;
}

/*
 * Fills the window so that the article at key k (or, when it is gone, the
 * next one after it) is on screen line `line`; NULL k is the top of the
 * list.  The selection lands on that line.
 */
static void
anchor(struct ui *u, const struct query_key *k, size_t line)
{
	struct list *l = &u->list;
	size_t h = window_height(u);
	struct article_row *above = NULL, *below = NULL, *more = NULL;
	size_t na = 0, nb = 0, nm = 0;
	struct query_key from;

	if (line >= h)
		line = h - 1;
	if (k != NULL && line > 0)
		page(u, k, QUERY_NEWER, line, &above, &na);
	/* fewer rows above than asked for: the window starts the list */
	l->at_head = k == NULL || (line > 0 && na < line);
	if (k != NULL) {
		/* paging OLDER from (t, id + 1) starts with the row (t, id) */
		from = *k;
		from.id += 1;
		page(u, &from, QUERY_OLDER, h - na, &below, &nb);
	} else {
		page(u, NULL, QUERY_OLDER, h, &below, &nb);
	}
	if (na + nb < h && k != NULL) {
		/* the end of the list: fill the window from above */
		const struct query_key *up = k;
		struct query_key first;

		if (na > 0) {
			first = key_of(&above[0]);
			up = &first;
		} else if (nb > 0) {
			first = key_of(&below[0]);
			up = &first;
		}
		page(u, up, QUERY_NEWER, h - na - nb, &more, &nm);
		above = concat(more, nm, above, na);
		na += nm;
		if (nm < h - (na - nm) - nb)
			l->at_head = 1;
	}
	set_rows(l, concat(above, na, below, nb), na + nb);
	l->epoch++;
	/* the anchor is the first row from below; past the end, the last */
	l->sel = nb > 0 ? na : (l->n > 0 ? l->n - 1 : 0);
	if (!l->at_head)
		l->at_head = probe_head(u);
	l->top_pos = 0;
	l->pos_known = l->at_head;
	l->pos_asked = 0;
	u->dirty = 1;
}

void
list_stale(struct list *l)
{
	l->count_stale = 1;
	l->count_asked = 0;
	l->gen++;
}

/*
 * The message after f or /: what the list now holds, counted.  Until the
 * counting thread answers it says so rather than repeat the last count
 * (which was the view's: "576 articles match" over a list of 5).
 */
void
list_say_count(struct ui *u, int kind)
{
	const struct list *l = &u->list;
	const char *text = kind == PK_SEARCH ? l->search : l->filter;
	int as_query = kind == PK_SEARCH && query_text_names_field(text);
	char n[32];

	if (text == NULL)
		return;
	if (l->count_stale) {
		ui_message(u, 0, "%s: %s \xe2\x80\x94 counting\xe2\x80\xa6",
		    kind == PK_SEARCH ? "search" : "filter", text);
		u->msg_awaits_count = kind + 1;
		return;
	}
	snprintf(n, sizeof n, "%" PRId64, l->total);
	if (kind == PK_FILTER)
		ui_message(u, 0, "filter: %s \xe2\x80\x94 %s article%s (Esc "
		    "clears it)", text, l->total ? n : "no", ui_plural(l->total));
	else
		ui_message(u, 0, "%s article%s match%s %s%s (Esc clears the "
		    "search)", l->total ? n : "no", l->total > 1 ? "s" : "",
		    l->total > 1 ? "" : "es", text, as_query ? ", run as a query "
		    "(f is the filter)" : "");
}

void
list_counted(struct ui *u)
{
	int kind = u->msg_awaits_count - 1;

	if (kind == PK_FILTER || kind == PK_SEARCH)
		list_say_count(u, kind);
}

void
list_count(struct ui *u)
{
	struct list *l = &u->list;
	char *cause = NULL;

	l->total = l->unread = 0;
	l->count_stale = 0;
	l->count_asked = 0;
	u->dirty = 1;
	if (l->q == NULL)
		return;
	if (query_count(u->st, l->q, &l->total, &l->unread, &cause) < 0) {
		ui_message(u, 1, "cannot count the list: %s", cause);
		free(cause);
		return;
	}
	list_counted(u);
}

void
list_reload(struct ui *u)
{
	struct list *l = &u->list;
	struct query_key k;
	size_t line;
	int64_t id;

	list_stale(l);
	if (l->n == 0) {
		anchor(u, NULL, 0);
		return;
	}
	k = key_of(&l->rows[l->sel]);
	id = l->rows[l->sel].id;
	line = l->sel;
	if (l->at_head) {
		/*
		 * The window showed the head of the list: it still does, so new
		 * articles appear at the top; the selection stays on its article.
		 */
		anchor(u, NULL, 0);
		for (size_t i = 0; i < l->n; i++) {
			if (l->rows[i].id == id) {
				l->sel = i;
				return;
			}
		}
	}
	/* elsewhere (or pushed off): the article stays on its screen line */
	anchor(u, &k, line);
}

void
list_resize(struct ui *u, int height)
{
	struct list *l = &u->list;
	struct query_key k;
	size_t line;

	if (height < 1)
		height = 1;
	if (height == l->height)
		return;
	l->height = height;
	if (l->q == NULL)
		return;
	if (l->n == 0) {
		anchor(u, NULL, 0);
		return;
	}
	k = key_of(&l->rows[l->sel]);
	line = l->sel < (size_t)height ? l->sel : (size_t)height - 1;
	anchor(u, &k, line);
}

/* ---------- the query behind the list ---------- */

/* The search words as query terms: each one a phrase, prefixes kept. */
static void
search_terms(struct str *out, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t n;
		int plain = 1;

		while (*p == ' ' || *p == '\t')
			p++;
		n = strcspn(p, " \t");
		if (n == 0)
			break;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)p[i];

			if (!(c >= 0x80 || (c >= '0' && c <= '9') ||
			    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c == '*' && i == n - 1 && i > 0)))
				plain = 0;
		}
		if (out->len > 0)
			str_appendc(out, ' ');
		if (plain && !(n == 2 && text_eq_nocase(p, 2, "or")) &&
		    !(n == 3 && text_eq_nocase(p, 3, "and"))) {
			str_append(out, p, n);
		} else {
			str_appendc(out, '"');
			for (size_t i = 0; i < n; i++)
				if (p[i] != '"')
					str_appendc(out, p[i]);
			str_appendc(out, '"');
		}
		p += n;
	}
}

static char *
combined_text(const struct list *l, int unread)
{
	struct str s = STR_INIT;

	str_appendz(&s, "");
	if (l->view_query && l->view_query[0])
		str_appendf(&s, "(%s)", l->view_query);
	if (l->filter && l->filter[0])
		str_appendf(&s, "%s(%s)", s.len ? " " : "", l->filter);
	if (l->search && l->search[0] && query_text_names_field(l->search)) {
		/* /country:JP: the fields mean what they say in f */
		str_appendf(&s, "%s(%s)", s.len ? " " : "", l->search);
	} else if (l->search && l->search[0]) {
		struct str w = STR_INIT;

		search_terms(&w, l->search);
		if (w.len > 0)
			str_appendf(&s, "%s%s", s.len ? " " : "", w.p);
		str_free(&w);
	}
	if (unread)
		str_appendf(&s, "%sunread", s.len ? " " : "");
	return str_steal(&s);
}

/*
 * The words to highlight: the filter's and the search's (not the view's:
 * a saved view is not something the analyst just typed).
 */
static void
highlight_words(struct ui *u)
{
	struct list *l = &u->list;
	struct str s = STR_INIT;
	struct query *q;

	strv_free(&l->hl);
	str_appendz(&s, "");
	if (l->filter && l->filter[0])
		str_appendf(&s, "(%s)", l->filter);
	if (l->search && l->search[0] && query_text_names_field(l->search)) {
		str_appendf(&s, " (%s)", l->search);
	} else if (l->search && l->search[0]) {
		str_appendc(&s, ' ');
		search_terms(&s, l->search);
	}
	q = s.len > 0 ? query_parse(s.p, &u->env, NULL) : NULL;
	query_words(q, &l->hl);
	query_free(q);
	str_free(&s);
}

/* Parses the list's query again; returns -1 (and keeps the old) on error. */
static int
rebuild_query(struct ui *u, char **cause)
{
	struct list *l = &u->list;
	struct query_error err = { 0, 0, NULL };
	char *text = combined_text(l, 0);
	char *utext = combined_text(l, 1);
	struct query *q, *qu;

	u->env.now = (int64_t)time(NULL);
	q = query_parse(text, &u->env, &err);
	if (q == NULL) {
		*cause = err.message ? err.message : xstrdup("query: not valid");
		free(text);
		free(utext);
		return -1;
	}
	qu = query_parse(utext, &u->env, &err);
	if (qu == NULL)
		free(err.message);
	query_free(l->q);
	query_free(l->q_unread);
	l->q = q;
	l->q_unread = qu;
	free(text);
	free(utext);
	highlight_words(u);
	return 0;
}

static void
show_from_top(struct ui *u)
{
	/* the first page now, the counting when the keys pause */
	list_stale(&u->list);
	anchor(u, NULL, 0);
}

/* A query checked alone, so that an error's column is the user's. */
static int
check_alone(struct ui *u, const char *text, char **cause)
{
	struct query_error err = { 0, 0, NULL };
	struct query *q;

	u->env.now = (int64_t)time(NULL);
	q = query_parse(text, &u->env, &err);
	if (q == NULL) {
		*cause = err.message ? err.message : xstrdup("query: not valid");
		return -1;
	}
	query_free(q);
	return 0;
}

int
list_set_view(struct ui *u, enum sb_kind kind, const char *key,
    const char *label, const char *query)
{
	struct list *l = &u->list;
	char *old_q = l->view_query, *old_label = l->view_label;
	char *old_key = l->view_key;
	enum sb_kind old_kind = l->view_kind;
	char *cause = NULL;

	l->view_query = xstrdup(query ? query : "");
	l->view_label = xstrdup(label ? label : "");
	l->view_key = xstrdup(key ? key : "");
	l->view_kind = kind;
	if (rebuild_query(u, &cause) < 0) {
		ui_message(u, 1, "%s: %s", l->view_label, cause);
		free(cause);
		free(l->view_query);
		free(l->view_label);
		free(l->view_key);
		l->view_query = old_q;
		l->view_label = old_label;
		l->view_key = old_key;
		l->view_kind = old_kind;
		return -1;
	}
	free(old_q);
	free(old_label);
	free(old_key);
	show_from_top(u);
	return 0;
}

int
list_set_filter(struct ui *u, const char *text, char **cause)
{
	struct list *l = &u->list;
	char *old = l->filter;

	if (text != NULL && text[0] != '\0' && check_alone(u, text, cause) < 0)
		return -1;
	l->filter = text && text[0] ? xstrdup(text) : NULL;
	if (rebuild_query(u, cause) < 0) {
		free(l->filter);
		l->filter = old;
		return -1;
	}
	free(old);
	show_from_top(u);
	return 0;
}

int
list_set_search(struct ui *u, const char *text)
{
	struct list *l = &u->list;
	char *old = l->search, *cause = NULL;

	if (text != NULL && query_text_names_field(text) &&
	    check_alone(u, text, &cause) < 0) {
		ui_message(u, 1, "%s (f filters with the query language)",
		    cause);
		free(cause);
		return -1;
	}
	l->search = text && text[0] ? xstrdup(text) : NULL;
	if (rebuild_query(u, &cause) < 0) {
		ui_message(u, 1, "%s", cause);
		free(cause);
		free(l->search);
		l->search = old;
		return -1;
	}
	free(old);
	show_from_top(u);
	return 0;
}

void
list_clear_narrowing(struct ui *u)
{
	struct list *l = &u->list;
	char *cause = NULL;

	free(l->filter);
	free(l->search);
	l->filter = l->search = NULL;
	/* the view alone parsed before: it parses again */
	if (rebuild_query(u, &cause) < 0) {
		ui_message(u, 1, "%s", cause);
		free(cause);
	}
	show_from_top(u);
}

void
list_free(struct list *l)
{
	article_rows_free(l->rows, l->n);
	query_free(l->q);
	query_free(l->q_unread);
	free(l->view_label);
	free(l->view_query);
	free(l->view_key);
	free(l->filter);
	free(l->search);
	for (size_t i = 0; i < l->nmarks; i++)
		strv_free(&l->marks[i].tags);
	free(l->marks);
	strv_free(&l->hl);
	memset(l, 0, sizeof *l);
}

/* ---------- moving ---------- */

void
list_top(struct ui *u)
{
	anchor(u, NULL, 0);
}

void
list_bottom(struct ui *u)
{
	struct list *l = &u->list;
	struct article_row *rows;
	size_t n;

	if (page(u, NULL, QUERY_NEWER, window_height(u), &rows, &n) < 0)
		return;
	set_rows(l, rows, n);
	l->epoch++;
	l->sel = n > 0 ? n - 1 : 0;
	l->at_head = probe_head(u);
	l->top_pos = 0;
	l->pos_known = l->at_head;
	l->pos_asked = 0;
	if (!l->at_head && !l->count_stale) {
		/* the last page: its place follows from the count */
		l->top_pos = l->total - (int64_t)n;
		l->pos_known = l->top_pos >= 0;
	}
	u->dirty = 1;
}

/* Appends (down) or prepends rows beyond the window; returns how many. */
static size_t
extend(struct ui *u, int down, size_t want)
{
	struct list *l = &u->list;
	struct article_row *more;
	size_t m;
	struct query_key k;

	if (l->n == 0 || want == 0)
		return 0;
	k = key_of(&l->rows[down ? l->n - 1 : 0]);
	if (page(u, &k, down ? QUERY_OLDER : QUERY_NEWER, want, &more, &m) < 0)
		return 0;
	if (down)
		l->rows = concat(l->rows, l->n, more, m);
	else
		l->rows = concat(more, m, l->rows, l->n);
	l->n += m;
	return m;
}

/* After prepending got of the want rows asked for above the window. */
static void
moved_up(struct ui *u, size_t got, size_t want)
{
	struct list *l = &u->list;

	l->top_pos -= (int64_t)got;
	if (l->top_pos < 0)
		l->top_pos = 0;
	if (got < want || probe_head(u)) {
		l->at_head = 1;
		l->top_pos = 0;
		l->pos_known = 1;
	}
}

/* Drops lines beyond the window's height from the top (or bottom). */
static void
trim_window(struct ui *u, int from_top)
{
	struct list *l = &u->list;
	size_t h = window_height(u);

	if (l->n <= h)
		return;
	if (from_top) {
		size_t k = l->n - h;

		drop_rows(l, 0, k);
		l->sel = l->sel >= k ? l->sel - k : 0;
		l->top_pos += (int64_t)k;
		l->at_head = 0;
	} else {
		drop_rows(l, h, l->n - h);
		if (l->sel >= l->n)
			l->sel = l->n - 1;
	}
}

void
list_move(struct ui *u, int delta)
{
	struct list *l = &u->list;
	long target;

	if (l->n == 0)
		return;
	target = (long)l->sel + delta;
	u->dirty = 1;
	if (target >= 0 && target < (long)l->n) {
		l->sel = (size_t)target;
		return;
	}
	if (target >= (long)l->n) {
		size_t got = extend(u, 1, (size_t)(target - (long)l->n + 1));

		l->sel = target < (long)l->n ? (size_t)target : l->n - 1;
		(void)got;
		trim_window(u, 1);
		return;
	}
	{
		size_t want = (size_t)(-target);
		size_t got = extend(u, 0, want);

		moved_up(u, got, want);
		l->sel = (size_t)(target + (long)got) < l->n && target +
		    (long)got >= 0 ? (size_t)(target + (long)got) : 0;
		trim_window(u, 0);
	}
}

/* Scrolls the window by delta lines, the cursor staying on its line. */
void
list_page(struct ui *u, int delta)
{
	struct list *l = &u->list;
	size_t got, line;

	if (l->n == 0)
		return;
	u->dirty = 1;
	line = l->sel;
	if (delta > 0) {
		got = extend(u, 1, (size_t)delta);
		if (got == 0) {
			l->sel = l->n - 1;
			return;
		}
		drop_rows(l, 0, got);
		l->top_pos += (int64_t)got;
		l->at_head = 0;
	} else {
		got = extend(u, 0, (size_t)-delta);
		moved_up(u, got, (size_t)-delta);
		if (got == 0) {
			l->sel = 0;
			return;
		}
		if (l->n > window_height(u))
			drop_rows(l, window_height(u), l->n - window_height(u));
	}
	l->sel = line < l->n ? line : l->n - 1;
}

int
list_select_line(struct ui *u, int line)
{
	if (line < 0 || (size_t)line >= u->list.n)
		return 0;
	u->list.sel = (size_t)line;
	u->dirty = 1;
	return 1;
}

struct article_row *
list_selected(struct ui *u)
{
	return u->list.n > 0 ? &u->list.rows[u->list.sel] : NULL;
}

struct article_row *
list_find(struct ui *u, int64_t id)
{
	for (size_t i = 0; i < u->list.n; i++)
		if (u->list.rows[i].id == id)
			return &u->list.rows[i];
	return NULL;
}

int
list_next_unread(struct ui *u, int dir)
{
	struct list *l = &u->list;
	struct article_row *rows;
	size_t n, h = window_height(u);
	struct query_key k;

	if (l->n == 0)
		return 0;
	/* on screen first: no query */
	for (long i = (long)l->sel + dir; i >= 0 && i < (long)l->n; i += dir) {
		if (!l->rows[i].read) {
			l->sel = (size_t)i;
			u->dirty = 1;
			return 1;
		}
	}
	if (l->q_unread == NULL)
		return 0;
	k = key_of(&l->rows[dir > 0 ? l->n - 1 : 0]);
	{
		struct query *save = l->q;
		int rc;

		l->q = l->q_unread;
		rc = page(u, &k, dir > 0 ? QUERY_OLDER : QUERY_NEWER, 1, &rows, &n);
		l->q = save;
		if (rc < 0 || n == 0) {
			article_rows_free(rows, n);
			return 0;
		}
	}
	k = key_of(&rows[0]);
	article_rows_free(rows, n);
	anchor(u, &k, dir > 0 ? h - 1 : 0);
	return 1;
}

/* ---------- marks ---------- */

static int
mark_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct mark *)a)->id;
	int64_t y = ((const struct mark *)b)->id;

	return x < y ? -1 : x > y;
}

struct mark *
list_mark_find(struct ui *u, int64_t id)
{
	struct mark key = { 0 };

	key.id = id;
	if (u->list.nmarks == 0)
		return NULL;
	return bsearch(&key, u->list.marks, u->list.nmarks,
	    sizeof *u->list.marks, mark_cmp);
}

int
list_is_marked(const struct ui *u, int64_t id)
{
	return list_mark_find((struct ui *)u, id) != NULL;
}

void
list_toggle_mark(struct ui *u)
{
	struct list *l = &u->list;
	struct article_row *r = list_selected(u);
	struct mark *m;

	if (r == NULL)
		return;
	m = list_mark_find(u, r->id);
	if (m != NULL) {
		size_t i = (size_t)(m - l->marks);

		strv_free(&m->tags);
		memmove(m, m + 1, (l->nmarks - i - 1) * sizeof *m);
		l->nmarks--;
	} else {
		struct mark nm = { 0 };

		nm.id = r->id;
		nm.read = r->read;
		nm.starred = r->starred;
		nm.dismissed = r->dismissed;
		for (size_t i = 0; i < r->tags.n; i++)
			strv_pushdup(&nm.tags, r->tags.v[i]);
		l->marks = xreallocarray(l->marks, l->nmarks + 1,
		    sizeof *l->marks);
		l->marks[l->nmarks++] = nm;
		qsort(l->marks, l->nmarks, sizeof *l->marks, mark_cmp);
	}
	u->dirty = 1;
}

void
list_clear_marks(struct ui *u)
{
	struct list *l = &u->list;

	for (size_t i = 0; i < l->nmarks; i++)
		strv_free(&l->marks[i].tags);
	free(l->marks);
	l->marks = NULL;
	l->nmarks = 0;
	u->dirty = 1;
}

/* ---------- drawing ---------- */

static const char *
topic_badge(const struct config *cfg, const char *key, char *buf, size_t n)
{
	const struct config_topic *t = config_topic_find(cfg, key);

	if (t != NULL && t->short_name != NULL)
		return t->short_name;
	snprintf(buf, n, "%.8s", key);
	return buf;
}

/* The badges of a row, as (text, element) pairs joined into one line. */
static void
badges(struct ui *u, const struct article_row *r, struct str *text,
    struct seg *segs, size_t *nsegs, size_t max)
{
	char buf[16];

	*nsegs = 0;
#define ADD_BADGE(s, el) do { \
		if (*nsegs < max) { \
			if (text->len > 0) \
				str_appendc(text, ' '); \
			segs[*nsegs].off = text->len; \
			str_appendz(text, (s)); \
			segs[*nsegs].len = text->len - segs[*nsegs].off; \
			segs[*nsegs].elem = (el); \
			(*nsegs)++; \
		} \
	} while (0)
	for (size_t i = 0; i < r->countries.n; i++)
		ADD_BADGE(r->countries.v[i], UI_EL_BADGE_COUNTRY);
	for (size_t i = 0; i < r->topics.n; i++)
		ADD_BADGE(topic_badge(u->cfg, r->topics.v[i], buf, sizeof buf),
		    UI_EL_BADGE_TOPIC);
	for (size_t i = 0; i < r->tags.n; i++) {
		char *t = xasprintf("#%s", r->tags.v[i]);

		ADD_BADGE(t, UI_EL_BADGE_TAG);
		free(t);
	}
#undef ADD_BADGE
}

struct columns {
	int date, source, badges;
};

/* The list's date: "undated" when the feed gave none, never the time we
 * first saw it, which would look like breaking news. */
static const char *
row_date(char *buf, size_t n, const struct article_row *r, int64_t now)
{
	if (r->published == DATE_UNKNOWN) {
		snprintf(buf, n, "undated");
		return buf;
	}
	return ui_format_date(buf, n, r->sort_time, now);
}

static void
plan_columns(struct ui *u, int w, struct columns *c)
{
	struct list *l = &u->list;
	int64_t now = (int64_t)time(NULL);
	char d[32];

	c->date = 0;
	for (size_t i = 0; i < l->n; i++) {
		int k = (int)strlen(row_date(d, sizeof d, &l->rows[i], now));

		if (k > c->date)
			c->date = k;
	}
	c->source = w >= 60 ? SOURCE_COLS : w >= 40 ? w / 6 : 0;
	c->badges = w >= 60 ? w / 4 : 0;
	if (w < 24)
		c->date = 0;
}

static attr_t
row_attr(struct ui *u, const struct article_row *r, int selected, int el)
{
	attr_t a;

	if (selected)
		a = u->attr[u->focus == UI_PANE_LIST ? UI_EL_SELECTED :
		    UI_EL_SELECTED_INACTIVE];
	else if (list_is_marked(u, r->id))
		a = u->attr[UI_EL_MARKED];
	else
		a = u->attr[el];
	if (!r->read)
		a |= A_BOLD;
	return a;
}

static void
draw_row(struct ui *u, const struct ui_rect *rc, int y, size_t i,
    const struct columns *c)
{
	const struct article_row *r = &u->list.rows[i];
	int sel = i == u->list.sel;
	int x = rc->x, right = rc->x + rc->w;
	int ascii = (u->fit & UI_FIT_ASCII) != 0;
	char d[32];
	struct str bt = STR_INIT;
	struct seg bs[24];
	size_t nbs = 0;
	int bw = 0;

	ui_draw_fill(y, rc->x, rc->w, row_attr(u, r, sel, UI_EL_NORMAL));
	if (rc->w >= 4) {
		ui_draw_text(u, y, x, 1, r->starred ? (ascii ? "*" :
		    "\xe2\x98\x85") : " ", row_attr(u, r, sel, UI_EL_STARRED), 1);
		ui_draw_text(u, y, x + 1, 1, list_is_marked(u, r->id) ? "+" :
		    !r->read ? (ascii ? "N" : "\xe2\x80\xa2") : " ",
		    row_attr(u, r, sel, UI_EL_UNREAD), 1);
		x += 3;
	}
	if (c->date > 0 && x + c->date < right) {
		row_date(d, sizeof d, r, (int64_t)time(NULL));
		ui_draw_text(u, y, x, c->date, d,
		    row_attr(u, r, sel, UI_EL_DATE), 1);
		x += c->date + 1;
	}
	if (c->source > 0 && x + c->source < right) {
		ui_draw_text(u, y, x, c->source, r->feed_title ? r->feed_title :
		    r->feed_key, row_attr(u, r, sel, UI_EL_SOURCE), 1);
		x += c->source + 1;
	}
	if (c->badges > 0) {
		badges(u, r, &bt, bs, &nbs, sizeof bs / sizeof bs[0]);
		bw = (int)text_cols(bt.p ? bt.p : "", bt.len);
		if (bw > c->badges)
			bw = c->badges;
	}
	{
		int tw = right - x - (bw > 0 ? bw + 1 : 0);
		attr_t ta = row_attr(u, r, sel, r->read ? UI_EL_READ :
		    UI_EL_UNREAD);

		if (tw > 0)
			ui_draw_text_hl(u, y, x, tw, r->title && r->title[0] ?
			    r->title : "(untitled)", ta, 0);
	}
	if (bw > 0) {
		int bx = right - bw;

		for (size_t k = 0; k < nbs && bx < right; k++) {
			char *s = xstrndup(bt.p + bs[k].off, bs[k].len);

			bx += ui_draw_text(u, y, bx, right - bx, s,
			    row_attr(u, r, sel, bs[k].elem), 0);
			bx++;
			free(s);
		}
	}
	str_free(&bt);
}

/*
 * Why a feed's view is empty, and what to press: R skips a failing feed
 * until its next try and never fetches a disabled one, so "R fetches the
 * feeds" would be wrong advice there.  Returns owned, or NULL when the
 * view is not a feed's.
 */
static char *
feed_empty_text(struct ui *u)
{
	const struct list *l = &u->list;
	const struct sb_entry *e;
	char when[48], key[32];

	if (l->view_kind != SB_FEED || l->filter || l->search)
		return NULL;
	e = sidebar_feed(u, l->view_key);
	if (e == NULL)
		return NULL;
	ui_key_for(u, UI_ACT_REFRESH_FEED, key, sizeof key);
	sidebar_feed_when(e, when, sizeof when);
	if (e->disabled)
		return xasprintf("Feed %s is disabled (enabled = no in the "
		    "config): it is not fetched.", e->key);
	if (e->failing)
		return xasprintf("Feed %s failed: %s. Next try %s; %s retries it "
		    "now.", e->key, e->error ? e->error : "?", when, key);
	if (e->last_fetch == 0)
		return xasprintf("Feed %s has not been fetched yet (next fetch "
		    "%s); %s fetches it now.", e->key, when, key);
	return xasprintf("Feed %s has no articles; %s fetches it again now.",
	    e->key, key);
}

static void
draw_empty(struct ui *u, const struct ui_rect *r)
{
	const struct list *l = &u->list;
	char *feed = feed_empty_text(u);
	const char *why = feed != NULL ? feed : l->q == NULL ? "No list." :
	    (l->filter || l->search) ?
	    "No articles match. Esc clears the filter and the search." :
	    "No articles here yet. R fetches the feeds.";
	struct strv lines = STRV_INIT;

	/* wrapped: a feed's error is worth reading whole */
	text_wrap(&lines, why, strlen(why), r->w > 3 ? (size_t)r->w - 2 : 1);
	for (size_t i = 0; i < lines.n && (int)i < r->h; i++)
		ui_draw_text(u, r->y + (int)i, r->x + 1, r->w - 1, lines.v[i],
		    u->attr[UI_EL_EMPTY], 0);
	strv_free(&lines);
	free(feed);
}

void
list_draw(struct ui *u, const struct ui_rect *r)
{
	struct list *l = &u->list;
	struct columns c;

	for (int y = 0; y < r->h; y++)
		ui_draw_fill(r->y + y, r->x, r->w, u->attr[UI_EL_NORMAL]);
	if (l->n == 0) {
		draw_empty(u, r);
		return;
	}
	plan_columns(u, r->w, &c);
	for (size_t i = 0; i < l->n && (int)i < r->h; i++)
		draw_row(u, r, r->y + (int)i, i, &c);
}
