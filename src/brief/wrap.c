/*
 * wrap: the text briefing wrapped for email, at 72 columns by display
 * width (a CJK character takes two).  Each line of the template's output
 * is wrapped on its own: its continuation lines take its indentation and,
 * after a list marker ("- ", "* ", "1. "), the marker's width, so items
 * stay items.  Breaking is text_wrap's (spaces, and between CJK
 * characters), except that a word wider than the room -- a link -- stays
 * whole on a line of its own instead of being cut in two.
 *
 * Apart from the rest: the only code that knows the text format's shape.
 */
#include <string.h>

#include "brief_int.h"
#include "text.h"

/* Columns of the list marker at s ("- ", "• ", "12. "), or 0. */
static size_t
marker_len(const char *s, size_t n, size_t *bytes)
{
	static const char *const bullets[] = { "- ", "* ", "+ ",
	    "\xe2\x80\xa2 " };
	size_t i = 0;

	for (size_t k = 0; k < NELEM(bullets); k++) {
		size_t b = strlen(bullets[k]);

		if (b <= n && memcmp(s, bullets[k], b) == 0) {
			*bytes = b;
			return 2;
		}
	}
	while (i < n && i < 4 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') &&
	    s[i + 1] == ' ') {
		*bytes = i + 2;
		return i + 2;
	}
	*bytes = 0;
	return 0;
}

/* 1 when the word s[0..n) has a character text_wrap may break after. */
static int
has_wide(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;
	int k;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k > 0 && text_cp_width(cp) == 2)
			return 1;
		i += k > 0 ? (size_t)k : 1;
	}
	return 0;
}

struct wrapper {
	struct str *out;
	const char *lead;       /* the first line's indentation and marker */
	size_t lead_len;
	size_t hang;            /* columns of it, for the lines after */
	int first;
};

static void
put_line(struct wrapper *w, const char *s, size_t n)
{
	if (w->first)
		str_append(w->out, w->lead, w->lead_len);
	else
		for (size_t i = 0; i < w->hang; i++)
			str_appendc(w->out, ' ');
	str_append(w->out, s, n);
	str_appendc(w->out, '\n');
	w->first = 0;
}

/* Words s[0..n) that all fit the room, through text_wrap. */
static void
put_run(struct wrapper *w, const char *s, size_t n, size_t room)
{
	struct strv lines = STRV_INIT;

	if (n == 0)
		return;
	text_wrap(&lines, s, n, room);
	for (size_t i = 0; i < lines.n; i++)
		put_line(w, lines.v[i], strlen(lines.v[i]));
	strv_free(&lines);
}

static void
wrap_line(struct str *out, const char *s, size_t n, size_t width)
{
	size_t ind = 0, mb, mc, room, run, i;
	struct wrapper w = { out, s, 0, 0, 1 };

	while (ind < n && s[ind] == ' ')
		ind++;
	mc = marker_len(s + ind, n - ind, &mb);
	w.lead_len = ind + mb;
	w.hang = ind + mc;
	if (text_cols(s, n) <= width || w.hang + 10 > width) {
		str_append(out, s, n);
		str_appendc(out, '\n');
		return;
	}
	room = width - w.hang;
	/* runs of words that fit, and the links that do not, alone */
	run = i = w.lead_len;
	while (i < n) {
		size_t b = i, e;

		while (b < n && s[b] == ' ')
			b++;
		for (e = b; e < n && s[e] != ' '; e++)
			;
		if (e > b && text_cols(s + b, e - b) > room &&
		    !has_wide(s + b, e - b)) {
			put_run(&w, s + run, i - run, room);
			put_line(&w, s + b, e - b);
			run = e;
		}
		i = e;
	}
	put_run(&w, s + run, n - run, room);
}

void
brief_wrap_text(struct str *out, const char *s, size_t n, size_t width)
{
	size_t i = 0;

	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl != NULL ? (size_t)(nl - s) : n;

		wrap_line(out, s + i, e - i, width);
		i = e + 1;
	}
}
