/*
 * pane_reader: one article: a header (title, source, author, local date,
 * topics, countries, tags, URL), the body rendered from HTML by render.c with
 * numbered links, and the list of those links.  Laid out again when the
 * pane's width changes; scrolls on its own.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>
#include <unistd.h>

#include "date.h"
#include "gazetteer.h"
#include "text.h"
#include "ui_int.h"
#include "ui_text.h"
#include "xalloc.h"

/* Columns of the header's labels ("Countries " is the longest). */
#define LABEL_COLS 10
/* The title's lines at most: the text must show below the header. */
#define READER_TITLE_LINES 2

static void
lines_free(struct reader *rd)
{
	for (size_t i = 0; i < rd->nlines; i++) {
		free(rd->lines[i].text);
		free(rd->lines[i].segs);
	}
	free(rd->lines);
	rd->lines = NULL;
	rd->nlines = 0;
}

void
reader_close(struct reader *rd)
{
	lines_free(rd);
	render_doc_free(rd->doc);
	rd->doc = NULL;
	if (rd->open)
		store_item_clear(&rd->item);
	memset(&rd->item, 0, sizeof rd->item);
	strv_free(&rd->topics);
	strv_free(&rd->countries);
	rd->open = 0;
	rd->scroll = 0;
	rd->width = 0;
}

/* ---------- building lines ---------- */

struct builder {
	struct dline *v;
	size_t n, cap;
};

static struct dline *
new_line(struct builder *b)
{
	struct dline *d;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
	}
	d = &b->v[b->n++];
	memset(d, 0, sizeof *d);
	return d;
}

/*
 * A line of (text, element) pieces; the text is sanitised again (feed
 * text) or taken as it is (raw: our own labels, whose padding counts).
 */
static void
line_piece(struct str *text, struct seg **segs, size_t *n, const char *s,
    int elem, attr_t extra, int link, int raw)
{
	char *clean = raw ? xstrdup(s) : text_oneline(s, strlen(s));
	struct seg *g;

	*segs = xreallocarray(*segs, *n + 1, sizeof **segs);
	g = &(*segs)[(*n)++];
	g->off = text->len;
	str_appendz(text, clean);
	g->len = text->len - g->off;
	g->elem = elem;
	g->extra = extra;
	g->link = link;
	free(clean);
}

static void
line_add(struct str *text, struct seg **segs, size_t *n, const char *s,
    int elem, attr_t extra, int link)
{
	line_piece(text, segs, n, s, elem, extra, link, 0);
}

static void
line_finish(struct builder *b, struct str *text, struct seg *segs, size_t n)
{
	struct dline *d = new_line(b);

	d->text = str_steal(text);
	d->segs = segs;
	d->nsegs = n;
}

static void
add_plain(struct builder *b, const char *s, int elem)
{
	struct str t = STR_INIT;
	struct seg *segs = NULL;
	size_t n = 0;

	line_add(&t, &segs, &n, s, elem, 0, 0);
	line_finish(b, &t, segs, n);
}

/*
 * "Label     value" on one line, cut with … when drawn: at 80 columns a
 * URL wrapped over four lines and the header took the whole pane.
 */
static void
add_field(struct builder *b, const char *label, const char *value, int elem)
{
	struct str t = STR_INIT;
	struct seg *segs = NULL;
	size_t n = 0;
	char pad[LABEL_COLS + 1];

	if (value == NULL || value[0] == '\0')
		return;
	snprintf(pad, sizeof pad, "%-*s", LABEL_COLS, label);
	line_piece(&t, &segs, &n, pad, UI_EL_READER_HEADER, 0, 0, 1);
	line_add(&t, &segs, &n, value, elem, 0, 0);
	line_finish(b, &t, segs, n);
}

static char *
join_topics(const struct ui *u, const struct strv *keys)
{
	struct str s = STR_INIT;

	str_appendz(&s, "");
	for (size_t i = 0; i < keys->n; i++) {
		const struct config_topic *t = config_topic_find(u->cfg,
		    keys->v[i]);

		if (i > 0)
			str_appendz(&s, ", ");
		str_appendz(&s, t && t->label ? t->label : keys->v[i]);
	}
	return str_steal(&s);
}

/* "Japan, China": the gazetteer's names, the code when it has none. */
static char *
join_countries(const struct strv *codes)
{
	struct str s = STR_INIT;

	str_appendz(&s, "");
	for (size_t i = 0; i < codes->n; i++) {
		const struct gazetteer_country *c = gazetteer_country(codes->v[i]);

		if (i > 0)
			str_appendz(&s, ", ");
		str_appendz(&s, c ? c->name : codes->v[i]);
	}
	return str_steal(&s);
}

/*
 * The Date field, saying what the list's "undated" and a date ahead of
 * the clock mean.  Returns owned.
 */
static char *
reader_date(const struct store_item *it, int64_t now)
{
	char d[64], seen[64];

	ui_format_datetime(seen, sizeof seen, it->first_seen);
	if (it->published == DATE_UNKNOWN)
		return xasprintf("undated, first seen %s", seen);
	ui_format_datetime(d, sizeof d, it->published);
	if (it->published > now) {
		int64_t ahead = (it->published - now + 59) / 60;

		if (ahead <= UI_FUTURE_SLACK / 60)
			return xasprintf("%s, %" PRId64 " min ahead of this clock "
			    "(listed as now)", d, ahead);
		return xasprintf("%s, ahead of this clock (listed by when it "
		    "was first seen, %s)", d, seen);
	}
	return xstrdup(d);
}

static void
add_header(struct ui *u, struct builder *b, int width)
{
	const struct store_item *it = &u->rd.item;
	struct strv title = STRV_INIT;
	char *clean, *s;

	clean = text_oneline(it->title ? it->title : "(untitled)",
	    it->title ? strlen(it->title) : 10);
	text_wrap(&title, clean, strlen(clean), (size_t)(width > 10 ? width : 10));
	/* two lines at most, the second cut when drawn */
	for (size_t i = 0; i < title.n && i < READER_TITLE_LINES; i++) {
		char *rest = NULL;

		if (i + 1 == READER_TITLE_LINES && title.n > READER_TITLE_LINES) {
			struct strv tail = { title.v + i, title.n - i, 0 };

			rest = strv_join(&tail, " ");
		}
		add_plain(b, rest ? rest : title.v[i], UI_EL_READER_TITLE);
		free(rest);
	}
	strv_free(&title);
	free(clean);
	add_plain(b, "", UI_EL_NORMAL);
	add_field(b, "Source", it->feed_title ? it->feed_title : it->feed_key,
	    UI_EL_SOURCE);
	add_field(b, "Author", it->author, UI_EL_NORMAL);
	s = reader_date(it, (int64_t)time(NULL));
	add_field(b, "Date", s, UI_EL_DATE);
	free(s);
	s = join_topics(u, &u->rd.topics);
	add_field(b, "Topics", s, UI_EL_BADGE_TOPIC);
	free(s);
	s = join_countries(&u->rd.countries);
	add_field(b, "Countries", s, UI_EL_BADGE_COUNTRY);
	free(s);
	s = strv_join(&it->tags, ", ");
	add_field(b, "Tags", s, UI_EL_BADGE_TAG);
	free(s);
	{
		char state[64];

		snprintf(state, sizeof state, "%s%s%s", it->read ? "read" :
		    "unread", it->starred ? ", starred" : "",
		    it->dismissed ? ", dismissed" : "");
		add_field(b, "State", state, UI_EL_NORMAL);
	}
	add_field(b, "URL", it->url, UI_EL_LINK);
	add_plain(b, "", UI_EL_NORMAL);
}

static int
span_elem(unsigned style)
{
	if (style & RENDER_LINKREF)
		return UI_EL_LINK_NUMBER;
	if (style & RENDER_LINK)
		return UI_EL_LINK;
	if (style & RENDER_HEADING)
		return UI_EL_HEADING;
	if (style & RENDER_CODE)
		return UI_EL_CODE;
	if (style & RENDER_QUOTE)
		return UI_EL_QUOTE;
	if (style & RENDER_IMAGE)
		return UI_EL_EMPTY;
	return UI_EL_NORMAL;
}

static attr_t
span_attrs(unsigned style)
{
	attr_t a = A_NORMAL;

	if (style & RENDER_BOLD)
		a |= A_BOLD;
	if (style & RENDER_ITALIC)
		a |= A_ITALIC;
	if (style & RENDER_UNDERLINE)
		a |= A_UNDERLINE;
	return a;
}

/* A rendered line: its spans become segments; gaps are plain text. */
static void
add_rendered(struct builder *b, const struct render_line *rl)
{
	struct dline *d = new_line(b);
	size_t len = strlen(rl->text), at = 0;

	d->text = text_sanitize(rl->text, len);
	len = strlen(d->text);
	if (len != strlen(rl->text)) {
		/* the renderer's text was not clean: drop its spans */
		d->segs = xcalloc(1, sizeof *d->segs);
		d->segs[0].len = len;
		d->segs[0].elem = UI_EL_NORMAL;
		d->nsegs = 1;
		return;
	}
	d->segs = xreallocarray(NULL, rl->nspans * 2 + 1, sizeof *d->segs);
	for (size_t i = 0; i < rl->nspans; i++) {
		const struct render_span *sp = &rl->spans[i];

		if (sp->off > len || sp->len > len - sp->off || sp->off < at)
			continue;
		if (sp->off > at) {
			struct seg g = { at, sp->off - at, UI_EL_NORMAL, 0, 0 };

			d->segs[d->nsegs++] = g;
		}
		{
			struct seg g = { sp->off, sp->len, span_elem(sp->style),
			    span_attrs(sp->style), sp->link };

			d->segs[d->nsegs++] = g;
		}
		at = sp->off + sp->len;
	}
	if (at < len) {
		struct seg g = { at, len - at, UI_EL_NORMAL, 0, 0 };

		d->segs[d->nsegs++] = g;
	}
}

static void
add_links(struct builder *b, const struct render_doc *doc, int width)
{
	if (doc == NULL || doc->links.n == 0)
		return;
	add_plain(b, "", UI_EL_NORMAL);
	add_plain(b, "Links", UI_EL_HEADING);
	for (size_t i = 0; i < doc->links.n; i++) {
		struct str t = STR_INIT;
		struct seg *segs = NULL;
		size_t n = 0;
		char num[32];

		snprintf(num, sizeof num, "[%zu] ", i + 1);
		line_piece(&t, &segs, &n, num, UI_EL_LINK_NUMBER, 0, 0, 1);
		line_add(&t, &segs, &n, doc->links.v[i], UI_EL_LINK, 0,
		    (int)i + 1);
		line_finish(b, &t, segs, n);
	}
	(void)width;
}

static void
layout_lines(struct ui *u, int width)
{
	struct reader *rd = &u->rd;
	struct builder b = { NULL, 0, 0 };
	const char *body;
	int w = width - 2;

	if (w < 10)
		w = 10;
	lines_free(rd);
	render_doc_free(rd->doc);
	rd->doc = NULL;
	add_header(u, &b, w);
	body = rd->item.fulltext ? rd->item.fulltext : rd->item.content ?
	    rd->item.content : rd->item.summary;
	if (body != NULL && body[0] != '\0') {
		rd->doc = render_html(body, strlen(body), (size_t)w,
		    rd->item.url);
		for (size_t i = 0; rd->doc && i < rd->doc->nlines; i++)
			add_rendered(&b, &rd->doc->lines[i]);
	} else {
		add_plain(&b, "(no text in the feed: o opens the article)",
		    UI_EL_EMPTY);
	}
	add_links(&b, rd->doc, w);
	rd->lines = b.v;
	rd->nlines = b.n;
	rd->width = width;
	if (rd->scroll >= rd->nlines)
		rd->scroll = rd->nlines ? rd->nlines - 1 : 0;
}

static int
reader_width(const struct ui *u)
{
	const struct ui_rect *r = &u->lay.pane[UI_PANE_READER];

	return r->w > 0 ? r->w : u->cols > 0 ? u->cols : 80;
}

void
reader_open(struct ui *u, const struct article_row *row)
{
	struct reader *rd = &u->rd;
	char *cause = NULL;
	int found;

	reader_close(rd);
	found = store_item_get(u->st, row->id, &rd->item, &cause);
	if (found <= 0) {
		if (found < 0)
			ui_message(u, 1, "cannot read article %" PRId64 ": %s",
			    row->id, cause);
		else
			ui_message(u, 1, "article %" PRId64 " is gone", row->id);
		free(cause);
		memset(&rd->item, 0, sizeof rd->item);
		return;
	}
	rd->open = 1;
	for (size_t i = 0; i < row->topics.n; i++)
		strv_pushdup(&rd->topics, row->topics.v[i]);
	for (size_t i = 0; i < row->countries.n; i++)
		strv_pushdup(&rd->countries, row->countries.v[i]);
	if (u->cfg->ui.mark_read_on_open && !rd->item.read) {
		if (store_item_set_flag(u->st, row->id, STORE_FLAG_READ, 1,
		    &cause) < 0) {
			ui_message(u, 1, "cannot mark read: %s", cause);
			free(cause);
		} else {
			struct article_row *lr = list_find(u, row->id);

			rd->item.read = 1;
			if (lr != NULL)
				lr->read = 1;
			ui_counts_later(u);
		}
	}
	layout_lines(u, reader_width(u));
	u->dirty = 1;
}

void
reader_refresh_header(struct ui *u)
{
	struct reader *rd = &u->rd;
	const struct article_row *r;
	char *cause = NULL;
	struct store_item fresh;

	if (!rd->open)
		return;
	if (store_item_get(u->st, rd->item.id, &fresh, &cause) == 1) {
		store_item_clear(&rd->item);
		rd->item = fresh;
	}
	free(cause);
	r = list_find(u, rd->item.id);
	(void)r;
	layout_lines(u, rd->width ? rd->width : reader_width(u));
	u->dirty = 1;
}

static size_t
max_scroll(const struct reader *rd)
{
	size_t h = rd->height > 0 ? (size_t)rd->height : 1;

	return rd->nlines > h ? rd->nlines - h : 0;
}

void
reader_scroll(struct ui *u, long delta)
{
	struct reader *rd = &u->rd;
	long s = (long)rd->scroll + delta;
	long m = (long)max_scroll(rd);

	if (s > m)
		s = m;
	if (s < 0)
		s = 0;
	rd->scroll = (size_t)s;
	u->dirty = 1;
}

void
reader_edge(struct ui *u, int bottom)
{
	u->rd.scroll = bottom ? max_scroll(&u->rd) : 0;
	u->dirty = 1;
}

int
reader_page(struct ui *u)
{
	struct reader *rd = &u->rd;
	size_t h = rd->height > 1 ? (size_t)rd->height : 2;

	if (!rd->open || rd->scroll >= max_scroll(rd))
		return 0;
	/* one line of the old page stays for context */
	reader_scroll(u, (long)h - 1);
	return 1;
}

const char *
reader_link(const struct ui *u, size_t n)
{
	const struct reader *rd = &u->rd;

	if (!rd->open || rd->doc == NULL || n == 0 || n > rd->doc->links.n)
		return NULL;
	return rd->doc->links.v[n - 1];
}

/* ---------- drawing ---------- */

static void
draw_dline(struct ui *u, const struct dline *d, int y, int x, int w)
{
	int cx = x, right = x + w;

	for (size_t i = 0; i < d->nsegs && cx < right; i++) {
		const struct seg *g = &d->segs[i];
		char *s = xstrndup(d->text + g->off, g->len);

		/* the header's labels are ours: no search word in them */
		if (g->elem == UI_EL_READER_HEADER)
			cx += ui_draw_text(u, y, cx, right - cx, s,
			    u->attr[g->elem] | g->extra, 0);
		else
			cx += ui_draw_text_hl(u, y, cx, right - cx, s,
			    u->attr[g->elem] | g->extra, 0);
		free(s);
	}
}

void
reader_draw(struct ui *u, const struct ui_rect *r)
{
	struct reader *rd = &u->rd;

	rd->height = r->h;
	for (int k = 0; k < r->h; k++)
		ui_draw_fill(r->y + k, r->x, r->w, u->attr[UI_EL_NORMAL]);
	if (!rd->open) {
		ui_draw_text(u, r->y, r->x + 1, r->w - 1,
		    "Enter opens the selected article; ? lists the keys.",
		    u->attr[UI_EL_EMPTY], 0);
		return;
	}
	if (rd->width != r->w)
		layout_lines(u, r->w);
	if (rd->scroll > max_scroll(rd))
		rd->scroll = max_scroll(rd);
	for (int k = 0; k < r->h && rd->scroll + (size_t)k < rd->nlines; k++)
		draw_dline(u, &rd->lines[rd->scroll + (size_t)k], r->y + k,
		    r->x + 1, r->w - 2 > 0 ? r->w - 2 : r->w);
}

/* ---------- OSC 8 hyperlinks ([ui] osc8_links) ---------- */

static void
put_cap(struct str *out, const char *cap)
{
	char *s = tigetstr((char *)cap);

	if (s != NULL && s != (char *)-1)
		str_appendz(out, s);
}

static void
put_goto(struct str *out, int y, int x)
{
	char *cup = tigetstr((char *)"cup");

	if (cup != NULL && cup != (char *)-1)
		str_appendz(out, tiparm(cup, y, x));
}

/* One link segment again, as the same cells wrapped in OSC 8. */
static void
link_cells(struct ui *u, struct str *out, const char *url, int y, int x,
    const char *cells)
{
	const struct ui_style *st = &u->theme.el[UI_EL_LINK];

	put_goto(out, y, x);
	put_cap(out, "smul");
	if (u->use_color && st->fg >= 0) {
		char *setaf = tigetstr((char *)"setaf");
		int bright = 0;
		short c = ui_color_reduce(st->fg, COLORS, &bright);

		if (setaf != NULL && setaf != (char *)-1 && c >= 0)
			str_appendz(out, tiparm(setaf, c));
	}
	str_appendz(out, "\033]8;;");
	str_appendz(out, url);
	str_appendz(out, "\033\\");
	str_appendz(out, cells);
	str_appendz(out, "\033]8;;\033\\");
	put_cap(out, "sgr0");
}

/*
 * Curses cannot put OSC 8 into its cells, so after the screen is updated
 * the link cells are written once more inside OSC 8 (only http(s) URLs
 * that are plain printable ASCII), then the cursor goes back where curses
 * left it.  Curses believes the attributes are normal: we end with sgr0.
 */
void
reader_osc8_overlay(struct ui *u)
{
	struct reader *rd = &u->rd;
	const struct ui_rect *r = &u->lay.pane[UI_PANE_READER];
	struct str out = STR_INIT, cells = STR_INIT;
	int w = r->w - 2 > 0 ? r->w - 2 : r->w;

	if (!u->cfg->ui.osc8_links || !rd->open || rd->doc == NULL ||
	    u->help_open || u->log.open || u->links.open ||
	    !ui_layout_visible(&u->lay, UI_PANE_READER) ||
	    (u->fit & UI_FIT_ASCII))
		return;
	for (int k = 0; k < r->h && rd->scroll + (size_t)k < rd->nlines; k++) {
		const struct dline *d = &rd->lines[rd->scroll + (size_t)k];
		int cx = r->x + 1, right = r->x + 1 + w;

		for (size_t i = 0; i < d->nsegs && cx < right; i++) {
			const struct seg *g = &d->segs[i];
			char *s = xstrndup(d->text + g->off, g->len);
			const char *url = reader_link(u, (size_t)g->link);
			int cols;

			str_clear(&cells);
			cols = (int)ui_text_fit(&cells, s, strlen(s),
			    (size_t)(right - cx), u->fit);
			if (g->link > 0 && url != NULL && ui_url_ok(url) && cols > 0)
				link_cells(u, &out, url, r->y + k, cx,
				    str_cstr(&cells));
			cx += cols;
			free(s);
		}
	}
	if (out.len > 0) {
		put_goto(&out, getcury(curscr), getcurx(curscr));
		fflush(stdout);
		(void)!write(STDOUT_FILENO, out.p, out.len);
	}
	str_free(&out);
	str_free(&cells);
}
