/*
 * prompt: the one-line editor.  Text is UTF-8; the cursor moves by code
 * point.  No curses here.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_keymap.h"
#include "ui_prompt.h"
#include "xalloc.h"

/* A prompt line is for a query or a few tags, not a document. */
#define PROMPT_MAX_BYTES 4096
#define HISTORY_MAX 100

static void
reset_completion(struct ui_prompt *p)
{
	strv_free(&p->matches);
	p->cycling = 0;
	p->match_i = 0;
}

void
ui_prompt_start(struct ui_prompt *p, int kind, const char *label,
    const char *initial, struct strv *history)
{
	ui_prompt_end(p, 0);
	p->active = 1;
	p->kind = kind;
	p->label = xstrdup(label ? label : "");
	str_clear(&p->buf);
	str_appendz(&p->buf, "");
	if (initial != NULL) {
		char *clean = text_oneline(initial, strlen(initial));

		str_appendz(&p->buf, clean);
		free(clean);
	}
	p->cur = p->buf.len;
	p->history = history;
	p->hist_i = history ? history->n : 0;
}

void
ui_prompt_select_all(struct ui_prompt *p)
{
	p->selected = p->buf.len > 0;
}

void
ui_prompt_set_candidates(struct ui_prompt *p, const char *const *v, size_t n)
{
	strv_free(&p->cands);
	for (size_t i = 0; i < n; i++)
		if (v[i] != NULL)
			strv_pushdup(&p->cands, v[i]);
	reset_completion(p);
}

const char *
ui_prompt_text(const struct ui_prompt *p)
{
	return str_cstr(&p->buf);
}

void
ui_prompt_end(struct ui_prompt *p, int remember)
{
	if (remember && p->history != NULL && p->buf.len > 0) {
		struct strv *h = p->history;

		if (h->n == 0 || strcmp(h->v[h->n - 1], str_cstr(&p->buf)) != 0) {
			if (h->n >= HISTORY_MAX) {
				free(h->v[0]);
				memmove(h->v, h->v + 1, (h->n - 1) * sizeof *h->v);
				h->n--;
			}
			strv_pushdup(h, str_cstr(&p->buf));
		}
	}
	free(p->label);
	p->label = NULL;
	free(p->saved);
	p->saved = NULL;
	str_free(&p->buf);
	strv_free(&p->cands);
	reset_completion(p);
	p->active = 0;
	p->selected = 0;
	p->cur = 0;
	p->history = NULL;
}

/* Byte offset of the code point before / after off. */
static size_t
prev_cp(const struct str *s, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)s->p[off] & 0xC0) == 0x80)
		off--;
	return off;
}

static size_t
next_cp(const struct str *s, size_t off)
{
	if (off >= s->len)
		return s->len;
	off++;
	while (off < s->len && ((unsigned char)s->p[off] & 0xC0) == 0x80)
		off++;
	return off;
}

static void
delete_range(struct ui_prompt *p, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(p->buf.p + from, p->buf.p + to, p->buf.len - to + 1);
	p->buf.len -= to - from;
	if (p->cur > to)
		p->cur -= to - from;
	else if (p->cur > from)
		p->cur = from;
}

static void
insert_bytes(struct ui_prompt *p, const char *s, size_t n)
{
	size_t tail;

	if (p->buf.len + n > PROMPT_MAX_BYTES)
		return;
	str_reserve(&p->buf, n + 1);
	tail = p->buf.len - p->cur;
	memmove(p->buf.p + p->cur + n, p->buf.p + p->cur, tail + 1);
	memcpy(p->buf.p + p->cur, s, n);
	p->buf.len += n;
	p->cur += n;
}

static void
insert_cp(struct ui_prompt *p, int cp)
{
	char u[4];

	insert_bytes(p, u, utf8_encode((uint32_t)cp, u));
}

static int
is_word_sep(char c)
{
	return c == ' ' || c == ',' || c == '(';
}

static size_t
word_start(const struct ui_prompt *p)
{
	size_t i = p->cur;

	while (i > 0 && !is_word_sep(p->buf.p[i - 1]))
		i--;
	/* "-topic:x": the minus negates; complete what follows it */
	if (i < p->cur && p->buf.p[i] == '-')
		i++;
	return i;
}

static void
kill_word(struct ui_prompt *p)
{
	size_t i = p->cur;

	while (i > 0 && p->buf.p[i - 1] == ' ')
		i--;
	while (i > 0 && p->buf.p[i - 1] != ' ')
		i--;
	delete_range(p, i, p->cur);
}

static int
has_prefix_nocase(const char *s, const char *pre, size_t n)
{
	return strlen(s) >= n && text_eq_nocase(s, n, pre);
}

static void
replace_word(struct ui_prompt *p, const char *with)
{
	delete_range(p, p->word_start, p->cur);
	p->cur = p->word_start;
	insert_bytes(p, with, strlen(with));
}

static void
complete(struct ui_prompt *p)
{
	size_t ws, wl, common;

	if (p->cycling && p->matches.n > 0) {
		p->match_i = (p->match_i + 1) % p->matches.n;
		replace_word(p, p->matches.v[p->match_i]);
		return;
	}
	reset_completion(p);
	ws = word_start(p);
	wl = p->cur - ws;
	for (size_t i = 0; i < p->cands.n; i++)
		if (has_prefix_nocase(p->cands.v[i], p->buf.p + ws, wl) &&
		    !strv_contains(&p->matches, p->cands.v[i], 0))
			strv_pushdup(&p->matches, p->cands.v[i]);
	if (p->matches.n == 0)
		return;
	p->word_start = ws;
	if (p->matches.n == 1) {
		const char *m = p->matches.v[0];

		replace_word(p, m);
		/* a finished word; "field:" waits for its value */
		if (m[strlen(m) - 1] != ':')
			insert_bytes(p, " ", 1);
		reset_completion(p);
		return;
	}
	/* the longest common prefix, compared without case */
	common = strlen(p->matches.v[0]);
	for (size_t i = 1; i < p->matches.n; i++) {
		size_t k = 0;
		const char *a = p->matches.v[0], *b = p->matches.v[i];

		while (k < common && b[k] && text_eq_nocase(a + k, 1,
		    (char[2]){ b[k], 0 }))
			k++;
		common = k;
	}
	/* never cut a UTF-8 sequence */
	while (common > 0 && ((unsigned char)p->matches.v[0][common] & 0xC0) ==
	    0x80)
		common--;
	if (common > wl) {
		char *pre = xstrndup(p->matches.v[0], common);

		replace_word(p, pre);
		p->cycling = 1;
		/* the next Tab shows the match after the prefix, if it is one */
		p->match_i = p->matches.n - 1;
		for (size_t i = 0; i < p->matches.n; i++)
			if (strlen(p->matches.v[i]) == common &&
			    text_eq_nocase(p->matches.v[i], common, pre))
				p->match_i = i;
		free(pre);
		return;
	}
	p->cycling = 1;
	p->match_i = 0;
	replace_word(p, p->matches.v[0]);
}

static void
history_move(struct ui_prompt *p, int dir)
{
	struct strv *h = p->history;
	size_t to;

	if (h == NULL || h->n == 0)
		return;
	if (dir < 0 && p->hist_i == 0)
		return;
	if (dir > 0 && p->hist_i >= h->n)
		return;
	if (p->hist_i == h->n) {
		free(p->saved);
		p->saved = xstrdup(str_cstr(&p->buf));
	}
	to = dir < 0 ? p->hist_i - 1 : p->hist_i + 1;
	str_clear(&p->buf);
	str_appendz(&p->buf, to < h->n ? h->v[to] : (p->saved ? p->saved : ""));
	p->cur = p->buf.len;
	p->hist_i = to;
}

/* Editing keys that move or delete; returns 1 when key was one. */
static int
edit_key(struct ui_prompt *p, int key)
{
	switch (key) {
	case UI_KEY_LEFT: case UI_KEY_CTRL('B'):
		p->cur = prev_cp(&p->buf, p->cur);
		return 1;
	case UI_KEY_RIGHT: case UI_KEY_CTRL('F'):
		p->cur = next_cp(&p->buf, p->cur);
		return 1;
	case UI_KEY_HOME: case UI_KEY_CTRL('A'):
		p->cur = 0;
		return 1;
	case UI_KEY_END: case UI_KEY_CTRL('E'):
		p->cur = p->buf.len;
		return 1;
	case UI_KEY_BACKSPACE: case UI_KEY_CTRL('H'): case 127:
		delete_range(p, prev_cp(&p->buf, p->cur), p->cur);
		return 1;
	case UI_KEY_DELETE: case UI_KEY_CTRL('D'):
		delete_range(p, p->cur, next_cp(&p->buf, p->cur));
		return 1;
	case UI_KEY_CTRL('W'):
		kill_word(p);
		return 1;
	case UI_KEY_CTRL('U'):
		delete_range(p, 0, p->cur);
		return 1;
	case UI_KEY_CTRL('K'):
		delete_range(p, p->cur, p->buf.len);
		return 1;
	case UI_KEY_UP: case UI_KEY_CTRL('P'):
		history_move(p, -1);
		return 1;
	case UI_KEY_DOWN: case UI_KEY_CTRL('N'):
		history_move(p, 1);
		return 1;
	default:
		return 0;
	}
}

static int
printable(int key)
{
	return key >= 0x20 && key != 0x7F && key < UI_KEY_SPECIAL &&
	    !(key >= 0x80 && key <= 0x9F) && text_cp_width((uint32_t)key) > 0;
}

/* Keys that delete: with the text selected, they delete all of it. */
static int
deletes(int key)
{
	static const int keys[] = {
		UI_KEY_BACKSPACE, UI_KEY_CTRL('H'), 127, UI_KEY_DELETE,
		UI_KEY_CTRL('D'), UI_KEY_CTRL('W'), UI_KEY_CTRL('U'),
		UI_KEY_CTRL('K'),
	};

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i] == key)
			return 1;
	return 0;
}

/* A key on selected text: 1 when it was used up (the text cleared). */
static int
selection_key(struct ui_prompt *p, int key)
{
	p->selected = 0;
	if (key == UI_KEY_ENTER || key == '\n' || key == UI_KEY_ESC ||
	    key == UI_KEY_CTRL('G'))
		return 0;
	if (printable(key) || deletes(key)) {
		str_clear(&p->buf);
		str_appendz(&p->buf, "");
		p->cur = 0;
		return deletes(key);
	}
	return 0;
}

enum ui_prompt_result
ui_prompt_key(struct ui_prompt *p, int key)
{
	if (!p->active)
		return UI_PROMPT_CANCEL;
	if (p->selected && selection_key(p, key))
		return UI_PROMPT_EDITING;
	if (key == UI_KEY_TAB) {
		complete(p);
		return UI_PROMPT_EDITING;
	}
	reset_completion(p);
	if (key == UI_KEY_ENTER || key == '\n')
		return UI_PROMPT_ACCEPT;
	if (key == UI_KEY_ESC || key == UI_KEY_CTRL('G'))
		return UI_PROMPT_CANCEL;
	if (edit_key(p, key))
		return UI_PROMPT_EDITING;
	if (printable(key))
		insert_cp(p, key);
	return UI_PROMPT_EDITING;
}

void
ui_prompt_view(const struct ui_prompt *p, size_t width, size_t *first,
    size_t *cursor_col)
{
	size_t before = text_cols(p->buf.p ? p->buf.p : "", p->cur);
	size_t start = 0;

	/* scroll so the cursor stays inside, with one column to spare */
	while (width > 1 && before >= width && start < p->cur) {
		size_t nx = next_cp(&p->buf, start);

		before -= text_cols(p->buf.p + start, nx - start);
		start = nx;
	}
	*first = start;
	*cursor_col = before;
}
