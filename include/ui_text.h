/*
 * ui_text: text the interface puts on the screen, made safe and cut to
 * columns, plus the small formatters the panes share.  No curses here.
 */
#ifndef SITREP_UI_TEXT_H
#define SITREP_UI_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "str.h"

enum ui_fit_flags {
	UI_FIT_PAD = 1 << 0,   /* fill with spaces up to exactly cols */
	UI_FIT_ASCII = 1 << 1  /* the terminal's locale is not UTF-8: every
	                          non-ASCII column becomes '?' */
};

/*
 * Appends s[0..n) to out as one screen line of at most cols columns:
 * sanitised again (SECURITY.md T1: controls, C1, bidi controls removed,
 * invalid UTF-8 as U+FFFD), TAB and LF as spaces, cut with an ellipsis ("…",
 * "~" under UI_FIT_ASCII) when too long; a wide character never straddles
 * the limit.  Returns the columns appended.
 */
size_t ui_text_fit(struct str *out, const char *s, size_t n, size_t cols,
    unsigned flags);

/* Dates up to this far ahead of now show as "now": the feed's clock runs
 * ahead of ours, or its time zone is wrong (the store sorts them as now). */
#define UI_FUTURE_SLACK ((int64_t)86400)

/*
 * A headline's date for the list: "now" (up to UI_FUTURE_SLACK ahead
 * too), "5m", "3h" within the last day, "Jul 21" earlier this year (local
 * time), "2025-12-01" for another year or further ahead, "" for an
 * unknown date (0).  Returns buf.
 */
char *ui_format_date(char *buf, size_t size, int64_t t, int64_t now);

/*
 * A local date and time for the reader's header: "2026-07-21 14:05 +0200".
 * Returns buf ("" for 0).
 */
char *ui_format_datetime(char *buf, size_t size, int64_t t);

/*
 * Appends a sparkline of v[0..n) (oldest first) in at most cols columns,
 * the most recent values when cols < n: one of ▁▂▃▄▅▆▇█ per value scaled to
 * the largest, a space for 0 (ASCII: " _.-:=+*#").
 */
void ui_sparkline(struct str *out, const int64_t *v, size_t n, size_t cols,
    unsigned flags);

/* Appends the base64 (RFC 4648, padded) of p[0..n). */
void ui_base64(struct str *out, const unsigned char *p, size_t n);

/*
 * 1 when url may be handed to a browser or the clipboard (SECURITY.md C2,
 * C4): http:// or https:// (any case), only printable ASCII, no spaces.
 */
int ui_url_ok(const char *url);

enum ui_osc52_wrap {
	UI_OSC52_PLAIN,   /* straight to the terminal */
	UI_OSC52_TMUX,    /* inside tmux: DCS passthrough */
	UI_OSC52_SCREEN   /* inside GNU screen: DCS in short chunks */
};

/*
 * Appends the OSC 52 sequence that puts url on the clipboard: base64 of the
 * URL only, terminated by ST (BEL inside screen's DCS pieces, where ST
 * would end the DCS).  Returns -1 (nothing appended)
 * when !ui_url_ok(url).
 */
int ui_osc52(struct str *out, const char *url, enum ui_osc52_wrap wrap);

/* 1 when the C library's character type is UTF-8 (LC_CTYPE). */
int ui_locale_is_utf8(void);

/* A stretch of bytes of a line: a search term found there. */
struct ui_span {
	size_t off, len;
};

/*
 * Where the search terms occur in s[0..n), as the full-text index would
 * match them: at the start of a word, to its end ("iran" is not found in
 * "Iranian"), or as a prefix when the term ends in '*'; letters compared
 * without ASCII case; a phrase with its spaces.  Fills out[0..max) in
 * order, never overlapping; returns how many.
 */
size_t ui_find_terms(const char *s, size_t n, const struct strv *terms,
    struct ui_span *out, size_t max);

/*
 * A count in at most 4 columns for the sidebar: "987", "1.2k", "12k",
 * "123k", "1.2M", "12M".  Rounds down, so "1.0k" means at least 1000.
 * Returns buf.
 */
char *ui_format_count(char *buf, size_t size, int64_t n);

/*
 * 1 when a feed's error says the network was not reached (the host not
 * resolved, no connection), as fetch.c words it: a start without network
 * says so once rather than marking every feed.
 */
int ui_error_is_network(const char *error);

#endif
