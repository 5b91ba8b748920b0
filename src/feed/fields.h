/*
 * fields: the raw text of one field, as any format gives it, to what
 * feed.h promises for it: an absolute URL, a one-line title, a sanitised
 * HTML fragment, a number.  Like build.h it is below every format parser
 * and calls no file of the parser.
 */
#ifndef SITREP_FEED_FIELDS_H
#define SITREP_FEED_FIELDS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Returns owned: s[0..n) trimmed, resolved against base (borrowed, may be
 * NULL) and sanitised; NULL when empty.
 */
char *feed_url_resolve(const char *s, size_t n, const char *base);
/*
 * Returns owned: a one-line title from HTML (is_html) or plain text; NULL
 * when empty.
 */
char *feed_text_title(const char *s, size_t n, int is_html);
/* Returns owned: the HTML fragment s trimmed and sanitised; NULL when empty. */
char *feed_html_clean(const char *s, size_t n);
/*
 * Returns owned: the same with relative href, src and poster URLs resolved
 * against base (borrowed; NULL: feed_html_clean()).
 */
char *feed_html_clean_base(const char *s, size_t n, const char *base);
/*
 * 1 when text that may be HTML or plain (an RSS title) reads as HTML: an
 * end tag, a line break or paragraph tag, or a character reference.  Plain
 * text with a literal "<blink>" in it stays plain.
 */
int feed_looks_like_html(const char *s, size_t n);
/*
 * Returns owned: plain text as an HTML fragment, escaped, blank lines
 * starting <p> paragraphs and single line breaks kept as <br>; NULL when
 * empty.
 */
char *feed_html_from_text(const char *s, size_t n);
/* A non-negative decimal integer (space around allowed), else -1. */
int64_t feed_parse_int(const char *s, size_t n);

#endif
