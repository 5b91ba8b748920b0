/*
 * excerpt: the first sentences of an article's text, for a briefing.
 *
 * A sentence ends at '.', '!' or '?' (with any closing quote or bracket)
 * before white space or the paragraph's end, at a CJK full stop, '！' or
 * '？', and at the end of a paragraph.  A '.' does not end one after a
 * single letter ("U.S.", "J. Smith"), after a common abbreviation ("Dr.",
 * "Jan.", "No."), or when the next word starts in lower case ("U.S. and
 * Japanese officials").  Paragraphs stay apart: the template shows them
 * as paragraphs.
 *
 * Apart from the rest of the briefing because it is the one piece of
 * language handling there, and worth testing on its own.
 */
#include <string.h>
#include <strings.h>

#include "brief_int.h"
#include "text.h"
#include "xalloc.h"

/* About this many bytes of excerpt at most, whatever the sentences. */
#define EXCERPT_BYTES 600

/* Words after which a '.' goes on (lower case, without the dot). */
static const char *const abbreviations[] = {
	"adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "dec",
	"dept", "dr", "e.g", "feb", "gen", "gov", "i.e", "inc", "jan", "jr",
	"jul", "jun", "lt", "ltd", "maj", "mar", "mr", "mrs", "ms", "mt", "nov", "oct", "pres", "prof", "rep", "rev", "sen", "sep", "sept",
	"sgt", "sr", "st", "vs",
};

static int
is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Closing quotes and brackets that belong to the sentence before them. */
static size_t
closer_len(const char *s, size_t n)
{
	static const char *const closers[] = {
		"\"", "'", ")", "]", "\xe2\x80\x9d", "\xe2\x80\x99",
		"\xc2\xbb", "\xe3\x80\x8d", "\xe3\x80\x8f", "\xef\xbc\x89",
	};

	for (size_t i = 0; i < NELEM(closers); i++) {
		size_t k = strlen(closers[i]);

		if (k <= n && memcmp(s, closers[i], k) == 0)
			return k;
	}
	return 0;
}

/*
 * 1 when the '.' at s[i] follows an initial or an abbreviation; next is
 * the character after the space behind it ("No." only before a number:
 * "she said no." ends a sentence).
 */
static int
dot_continues(const char *s, size_t i, char next)
{
	size_t b = i;
	char word[8];

	while (b > 0 && (is_letter((unsigned char)s[b - 1]) ||
	    (s[b - 1] == '.' && b >= 2 && is_letter((unsigned char)s[b - 2]))))
		b--;
	if (i - b == 1 || (i - b == 3 && s[b + 1] == '.'))
		return 1; /* "U." of "U.S.", "S." of it, "J." */
	if (i - b == 0 || i - b >= sizeof word)
		return 0;
	for (size_t k = 0; k < i - b; k++) {
		unsigned char c = (unsigned char)s[b + k];

		word[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	word[i - b] = '\0';
	if (strcmp(word, "no") == 0)
		return next >= '0' && next <= '9';
	for (size_t k = 0; k < NELEM(abbreviations); k++)
		if (strcmp(word, abbreviations[k]) == 0)
			return 1;
	return 0;
}

/*
 * Where the sentence that starts at p[from] ends (the byte after its last
 * character, closers included); n at the paragraph's end.
 */
static size_t
sentence_end(const char *p, size_t n, size_t from)
{
	size_t i = from, k, e;
	uint32_t cp;
	char next;
	int len;

	while (i < n) {
		len = utf8_decode(p + i, n - i, &cp);
		k = len > 0 ? (size_t)len : 1;
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) {
			e = i + k;
			while (e < n && (k = closer_len(p + e, n - e)) > 0)
				e += k;
			return e;
		}
		if (len == 1 && (cp == '.' || cp == '!' || cp == '?')) {
			e = i + 1;
			while (e < n && (k = closer_len(p + e, n - e)) > 0)
				e += k;
			if (e == n)
				return n;
			next = e + 1 < n ? p[e + 1] : '\0';
			if (p[e] == ' ' && !(cp == '.' && (dot_continues(p, i,
			    next) || (next >= 'a' && next <= 'z'))))
				return e;
			i = e;
			continue;
		}
		i += k;
	}
	return n;
}

/* A sentence longer than the cap: cut at a word, with an ellipsis. */
static char *
cut_at_word(const char *s, size_t cap)
{
	size_t cut = cap;

	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	for (size_t b = cut; b > cap / 2; b--) {
		if (s[b] == ' ') {
			cut = b;
			break;
		}
	}
	return xasprintf("%.*s\xe2\x80\xa6", (int)cut, s);
}

void
brief_excerpt(const char *text, size_t max, struct strv *out)
{
	size_t sentences = 0, bytes = 0;
	const char *p = text;

	while (p != NULL && *p != '\0' && (max == 0 || sentences < max)) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p), e = 0;

		n = text_trim(&p, n);
		if (n == 0 || max == 0) {
			if (n > 0)
				strv_push(out, xstrndup(p, n));
			p = nl != NULL ? nl + 1 : NULL;
			continue;
		}
		while (e < n && sentences < max) {
			size_t next = sentence_end(p, n, e);

			if (sentences > 0 && bytes + (next - e) > EXCERPT_BYTES)
				break;
			if (sentences == 0 && next > EXCERPT_BYTES) {
				strv_push(out, cut_at_word(p, EXCERPT_BYTES));
				return;
			}
			bytes += next - e;
			sentences++;
			e = next;
			while (e < n && p[e] == ' ')
				e++;
		}
		if (e == 0)
			return;
		while (e > 0 && p[e - 1] == ' ')
			e--;
		strv_push(out, xstrndup(p, e));
		if (e < n)
			return;
		p = nl != NULL ? nl + 1 : NULL;
	}
}
