/*
 * ui_text: screen-safe text, dates, sparklines and the clipboard sequence.
 * Pure functions (no curses), unit-tested in tests/test_ui_text.c.
 */
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "text.h"
#include "ui_text.h"

static const char ellipsis_utf8[] = "\xe2\x80\xa6"; /* … */

/* One code point of already sanitised text: cp, its bytes and width. */
struct glyph {
	uint32_t cp;
	size_t len;
	int width;
};

static size_t
next_glyph(const char *s, size_t n, struct glyph *g)
{
	int k = utf8_decode(s, n, &g->cp);

	if (k <= 0) {
		g->cp = TEXT_REPLACEMENT;
		k = 1;
	}
	g->len = (size_t)k;
	if (g->cp == '\t' || g->cp == '\n')
		g->cp = ' ';
	g->width = g->cp < 0x20 || g->cp == 0x7F ? 0 : text_cp_width(g->cp);
	return g->len;
}

static void
put_glyph(struct str *out, const char *s, const struct glyph *g,
    unsigned flags)
{
	if (g->cp < 0x20 || g->cp == 0x7F)
		return;
	if (g->cp == ' ') {
		str_appendc(out, ' ');
	} else if (g->cp < 0x80) {
		str_appendc(out, (char)g->cp);
	} else if (flags & UI_FIT_ASCII) {
		for (int i = 0; i < g->width; i++)
			str_appendc(out, '?');
	} else if (g->cp == TEXT_REPLACEMENT && g->len == 1) {
		char buf[4];

		str_append(out, buf, utf8_encode(g->cp, buf));
	} else {
		str_append(out, s, g->len);
	}
}

/* Columns of already sanitised text, counted as put_glyph draws it. */
static size_t
glyph_cols(const char *s, size_t n)
{
	size_t i = 0, cols = 0;
	struct glyph g;

	while (i < n) {
		i += next_glyph(s + i, n - i, &g);
		cols += (size_t)g.width;
	}
	return cols;
}

size_t
ui_text_fit(struct str *out, const char *s, size_t n, size_t cols,
    unsigned flags)
{
	struct str clean = STR_INIT;
	size_t i = 0, used = 0, budget;
	struct glyph g;

	if (cols == 0 || s == NULL)
		goto pad;
	if (!text_is_clean(s, n)) {
		text_sanitize_into(&clean, s, n);
		s = str_cstr(&clean);
		n = clean.len;
	}
	budget = glyph_cols(s, n) <= cols ? cols : cols - 1;
	while (i < n) {
		next_glyph(s + i, n - i, &g);
		if (used + (size_t)g.width > budget)
			break;
		put_glyph(out, s + i, &g, flags);
		used += (size_t)g.width;
		i += g.len;
	}
	if (i < n) {
		/* cut: a space where a wide character would straddle, then … */
		while (used < cols - 1) {
			str_appendc(out, ' ');
			used++;
		}
		if (flags & UI_FIT_ASCII)
			str_appendc(out, '~');
		else
			str_appendz(out, ellipsis_utf8);
		used++;
	}
pad:
	if (flags & UI_FIT_PAD) {
		while (used < cols) {
			str_appendc(out, ' ');
			used++;
		}
	}
	str_free(&clean);
	return used;
}

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

char *
ui_format_date(char *buf, size_t size, int64_t t, int64_t now)
{
	int64_t ago = now - t;
	time_t tt = (time_t)t, tn = (time_t)now;
	struct tm lt, ln;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (t == 0)
		return buf;
	/* a clock a little ahead of ours is not news from next week */
	if (ago >= -UI_FUTURE_SLACK && ago < 60) {
		snprintf(buf, size, "now");
		return buf;
	}
	if (ago >= 60 && ago < 3600) {
		snprintf(buf, size, "%dm", (int)(ago / 60));
		return buf;
	}
	if (ago >= 3600 && ago < 86400) {
		snprintf(buf, size, "%dh", (int)(ago / 3600));
		return buf;
	}
	if (localtime_r(&tt, &lt) == NULL || localtime_r(&tn, &ln) == NULL)
		return buf;
	if (lt.tm_year == ln.tm_year)
		snprintf(buf, size, "%s %02d", month_abbr[lt.tm_mon % 12],
		    lt.tm_mday);
	else
		snprintf(buf, size, "%04d-%02d-%02d", lt.tm_year + 1900,
		    lt.tm_mon + 1, lt.tm_mday);
	return buf;
}

char *
ui_format_datetime(char *buf, size_t size, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm lt;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (t == 0 || localtime_r(&tt, &lt) == NULL)
		return buf;
	/* %z is C99 and POSIX; the month is spelled by us, not the locale. */
	if (strftime(buf, size, "%Y-%m-%d %H:%M %z", &lt) == 0)
		buf[0] = '\0';
	return buf;
}

void
ui_sparkline(struct str *out, const int64_t *v, size_t n, size_t cols,
    unsigned flags)
{
	static const char *const bars[8] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
	};
	static const char ascii[] = "_.-:=+*#";
	size_t first = n > cols ? n - cols : 0;
	int64_t max = 0;

	for (size_t i = first; i < n; i++)
		if (v[i] > max)
			max = v[i];
	for (size_t i = first; i < n; i++) {
		int level;

		if (v[i] <= 0 || max <= 0) {
			str_appendc(out, ' ');
			continue;
		}
		/* 0..7: the smallest non-zero count still shows a bar */
		level = (int)((v[i] * 8 - 1) / max);
		if (level < 0)
			level = 0;
		if (level > 7)
			level = 7;
		if (flags & UI_FIT_ASCII)
			str_appendc(out, ascii[level]);
		else
			str_appendz(out, bars[level]);
	}
}

void
ui_base64(struct str *out, const unsigned char *p, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 |
		    p[i + 2];

		str_appendc(out, tab[v >> 18 & 63]);
		str_appendc(out, tab[v >> 12 & 63]);
		str_appendc(out, tab[v >> 6 & 63]);
		str_appendc(out, tab[v & 63]);
	}
	if (i < n) {
		unsigned v = (unsigned)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		str_appendc(out, tab[v >> 18 & 63]);
		str_appendc(out, tab[v >> 12 & 63]);
		str_appendc(out, i + 1 < n ? tab[v >> 6 & 63] : '=');
		str_appendc(out, '=');
	}
}

int
ui_url_ok(const char *url)
{
	size_t len;

	if (url == NULL)
		return 0;
	len = strlen(url);
	/* a scheme and at least one character after it */
	if (!(len > 7 && text_eq_nocase(url, 7, "http://")) &&
	    !(len > 8 && text_eq_nocase(url, 8, "https://")))
		return 0;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p >= 0x7F)
			return 0;
	return 1;
}

int
ui_osc52(struct str *out, const char *url, enum ui_osc52_wrap wrap)
{
	struct str seq = STR_INIT, b64 = STR_INIT;

	if (!ui_url_ok(url))
		return -1;
	ui_base64(&b64, (const unsigned char *)url, strlen(url));
	str_appendz(&seq, "\033]52;c;");
	str_append(&seq, b64.p, b64.len);
	str_appendz(&seq, "\033\\");
	switch (wrap) {
	case UI_OSC52_TMUX:
		/* tmux passes a DCS through when every ESC inside is doubled */
		str_appendz(out, "\033Ptmux;");
		for (size_t i = 0; i < seq.len; i++) {
			if (seq.p[i] == '\033')
				str_appendc(out, '\033');
			str_appendc(out, seq.p[i]);
		}
		str_appendz(out, "\033\\");
		break;
	case UI_OSC52_SCREEN:
		/*
		 * screen limits one DCS string, so the payload goes in pieces;
		 * inside them the OSC must end with BEL, as ST would end the
		 * DCS itself.
		 */
		str_appendz(out, "\033P\033]52;c;");
		for (size_t i = 0; i < b64.len; i += 76) {
			size_t k = b64.len - i < 76 ? b64.len - i : 76;

			if (i > 0)
				str_appendz(out, "\033\\\033P");
			str_append(out, b64.p + i, k);
		}
		str_appendz(out, "\a\033\\");
		break;
	default:
		str_append(out, seq.p, seq.len);
		break;
	}
	str_free(&seq);
	str_free(&b64);
	return 0;
}

int
ui_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0 || strcmp(cs, "UTF8") == 0);
}

char *
ui_format_count(char *buf, size_t size, int64_t n)
{
	static const struct {
		int64_t unit;
		char suffix;
	} units[] = { { 1000000, 'M' }, { 1000, 'k' } };

	if (size == 0)
		return buf;
	if (n < 0)
		n = 0;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		int64_t u = units[i].unit;

		if (n < u)
			continue;
		/* one decimal below ten units: 1.2k, then whole ones */
		if (n < 10 * u)
			snprintf(buf, size, "%d.%d%c", (int)(n / u),
			    (int)(n % u * 10 / u), units[i].suffix);
		else if (n < 1000 * u || i == 0)
			snprintf(buf, size, "%lld%c", (long long)(n / u),
			    units[i].suffix);
		else
			continue;
		return buf;
	}
	snprintf(buf, size, "%lld", (long long)n);
	return buf;
}

int
ui_error_is_network(const char *error)
{
	static const char *const prefixes[] = {
		"could not resolve host", "could not connect",
		"timed out (Resolving", "timed out (Connection timed out",
		"timed out (Failed to connect",
	};

	if (error == NULL)
		return 0;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(error, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

/* A byte that belongs to a word: ASCII letters and digits, and (close
 * enough) every byte of a non-ASCII character. */
static int
word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The length of the term matched at s[i], or 0. */
static size_t
match_at(const char *s, size_t n, size_t i, const char *term)
{
	size_t k = strlen(term);
	int prefix = k > 1 && term[k - 1] == '*';

	if (prefix)
		k--;
	if (k == 0 || k > n - i)
		return 0;
	for (size_t j = 0; j < k; j++)
		if (fold((unsigned char)s[i + j]) != fold((unsigned char)term[j]))
			return 0;
	if (!prefix && i + k < n && word_byte((unsigned char)s[i + k]) &&
	    word_byte((unsigned char)term[k - 1]))
		return 0;
	if (prefix)
		while (i + k < n && word_byte((unsigned char)s[i + k]))
			k++;
	return k;
}

size_t
ui_find_terms(const char *s, size_t n, const struct strv *terms,
    struct ui_span *out, size_t max)
{
	size_t found = 0, i = 0;

	if (terms == NULL || terms->n == 0)
		return 0;
	while (i < n && found < max) {
		size_t best = 0;

		/* a term starts a word: the byte before is not a word's */
		if (i == 0 || !word_byte((unsigned char)s[i - 1]) ||
		    !word_byte((unsigned char)s[i])) {
			for (size_t t = 0; t < terms->n; t++) {
				size_t k = match_at(s, n, i, terms->v[t]);

				if (k > best)
					best = k;
			}
		}
		if (best > 0) {
			out[found].off = i;
			out[found].len = best;
			found++;
			i += best;
		} else {
			i++;
		}
	}
	return found;
}
