/*
 * text: UTF-8 handling, the sanitiser (SECURITY.md T1), display widths and
 * the small HTML-to-text helpers every module shares.
 *
 * Widths come from sitrep's own Unicode tables, not from wcwidth(3), so that
 * columns line up the same way under any locale, including plain C.
 */
#ifndef SITREP_TEXT_H
#define SITREP_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "str.h"

#define TEXT_REPLACEMENT 0xFFFDu

/*
 * Decodes one UTF-8 sequence from s[0..n).  Returns the number of bytes used
 * (1..4) and stores the code point, or returns -1 for an invalid, overlong,
 * surrogate or truncated sequence (then one byte should be skipped).
 */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp (replaced by U+FFFD when not a scalar value); returns 1..4. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* 1 when s[0..n) is valid UTF-8. */
int utf8_valid(const char *s, size_t n);

/*
 * The sanitiser (T1).  Removes C0 controls except TAB and LF, DEL, C1
 * (U+0080..U+009F), the bidi controls U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069, U+FEFF and U+00AD; CR LF and lone CR become LF; invalid
 * UTF-8 becomes U+FFFD.  Idempotent.  Appends to out.
 */
void text_sanitize_into(struct str *out, const char *s, size_t n);
/* Returns owned: the sanitised copy. */
char *text_sanitize(const char *s, size_t n);
/* 1 when text_sanitize would return s unchanged. */
int text_is_clean(const char *s, size_t n);

/*
 * One-line text for titles, authors, categories and table cells: sanitised,
 * every run of white space (including TAB and LF) squashed to one space,
 * trimmed at both ends.  Returns owned.
 */
char *text_oneline(const char *s, size_t n);

/*
 * Plain text from an HTML fragment: tags dropped (with the contents of
 * script, style and similar elements), character references decoded (all of
 * HTML's named references, decimal and hex), block elements turned into
 * white space, then text_oneline().  Cheap and streaming: no DOM.  Used for
 * titles that carry HTML, list previews and the full-text index.  When keep_lines
 * is non-zero paragraphs stay separated by LF instead of being squashed.
 * Returns owned.
 */
char *text_from_html(const char *html, size_t n, int keep_lines);

/*
 * Looks up an HTML named character reference without '&' and ';' ("nbsp",
 * "eacute").  Returns the UTF-8 expansion (borrowed, static) or NULL.
 */
const char *text_html_entity(const char *name, size_t n);

/* Escapes &, <, >, " for HTML; appends to out. */
void text_html_escape_into(struct str *out, const char *s, size_t n);

/* Terminal columns of one code point: 0 (combining, zero width), 1 or 2. */
int text_cp_width(uint32_t cp);
/* Display columns of s[0..n); an invalid byte counts as one column. */
size_t text_cols(const char *s, size_t n);

/*
 * Appends s[0..n) cut to at most cols display columns; when cut, the last
 * column holds "…".  A wide character never straddles the limit.  When pad
 * is non-zero, spaces fill up to exactly cols.  Returns the columns written.
 */
size_t text_fit_into(struct str *out, const char *s, size_t n, size_t cols,
    int pad);

/*
 * Wraps plain text (LF separates paragraphs) to width columns, breaking at
 * spaces and, for CJK text without spaces, between wide characters; words
 * longer than width are split.  Appends each line (without LF) to lines.
 */
void text_wrap(struct strv *lines, const char *s, size_t n, size_t width);

/* Case-insensitive ASCII comparison of s[0..n) with the literal z. */
int text_eq_nocase(const char *s, size_t n, const char *z);

/* Trims ASCII white space at both ends; returns the new length, *s moved. */
size_t text_trim(const char **s, size_t n);

#endif
