/*
 * words: text split into words once, for the gazetteer's matcher and for
 * classify's keyword rules (include/gazetteer.h says what a word is).
 *
 * HOW TEXT IS READ
 *   The text is split into words once (gazetteer_words_add): a word is a
 *   run of letters of any script and digits; combining accents belong to the
 *   word.  A single apostrophe or hyphen between two words joins them into a
 *   phrase but splits the words: "Japan's" is "japan" + "s", "China-linked"
 *   is "china" + "linked", "US-Japan" is "us" + "japan", so each part is
 *   matched.  "U.S.", "U.K.", "D.C." and "U.S President" are one word each
 *   ("us", flagged DOTTED).  Words are folded (lower case, accents dropped:
 *   "Türkiye" is "turkiye") and hashed; each remembers its capitalisation,
 *   what stood before it (white space, one comma, a sentence end, a line
 *   break) and whether its line is in Title Case (a headline: at least two
 *   capitalised words, no lower-case word but "of", "and", "the" and the
 *   like, no sentence ended by a full stop) or in capitals (four words in
 *   five).
 *
 *   A wire dateline is skipped: a place in capitals opening a line that is
 *   not a headline, ended within 8 words of proper nouns or numbers by "("
 *   or a dash: "AMMAN (Reuters) - Russian jets struck Idlib" is RU and SY,
 *   not JO; "KYIV, Ukraine (AP) —" names no country.  It says where the
 *   reporter was, not what the story is about.
 *
 * Apart from the matcher because this is what a text is before anyone
 * looks for names in it, and what changes when folding becomes Unicode's
 * and words are stemmed.  The English word lists it needs are in data.c.
 */
#include "gazetteer_int.h"

#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "text.h"
#include "xalloc.h"

uint32_t
gazetteer_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/*
 * Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F): the folded
 * form (NULL: not a letter) and the case ('U' upper, 'l' lower).
 */
static const char *const latin_fold[] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* U+00C0 */
	"e", "e", "e", "e", "i", "i", "i", "i",		/* U+00C8 */
	"d", "n", "o", "o", "o", "o", "o", NULL,	/* U+00D0 */
	"o", "u", "u", "u", "u", "y", "th", "ss",	/* U+00D8 */
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* U+00E0 */
	"e", "e", "e", "e", "i", "i", "i", "i",		/* U+00E8 */
	"d", "n", "o", "o", "o", "o", "o", NULL,	/* U+00F0 */
	"o", "u", "u", "u", "u", "y", "th", "y",	/* U+00F8 */
	"a", "a", "a", "a", "a", "a", "c", "c",		/* U+0100 */
	"c", "c", "c", "c", "c", "c", "d", "d",		/* U+0108 */
	"d", "d", "e", "e", "e", "e", "e", "e",		/* U+0110 */
	"e", "e", "e", "e", "g", "g", "g", "g",		/* U+0118 */
	"g", "g", "g", "g", "h", "h", "h", "h",		/* U+0120 */
	"i", "i", "i", "i", "i", "i", "i", "i",		/* U+0128 */
	"i", "i", "ij", "ij", "j", "j", "k", "k",	/* U+0130 */
	"k", "l", "l", "l", "l", "l", "l", "l",		/* U+0138 */
	"l", "l", "l", "n", "n", "n", "n", "n",		/* U+0140 */
	"n", "n", "n", "n", "o", "o", "o", "o",		/* U+0148 */
	"o", "o", "oe", "oe", "r", "r", "r", "r",	/* U+0150 */
	"r", "r", "s", "s", "s", "s", "s", "s",		/* U+0158 */
	"s", "s", "t", "t", "t", "t", "t", "t",		/* U+0160 */
	"u", "u", "u", "u", "u", "u", "u", "u",		/* U+0168 */
	"u", "u", "u", "u", "w", "w", "y", "y",		/* U+0170 */
	"y", "z", "z", "z", "z", "z", "z", "s",		/* U+0178 */
};

static const char latin_case[] =
    "UUUUUUUUUUUUUUUUUUUUUUU-UUUUUUUllllllllllllllllllllllll-llllllll"
    "UlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUllUlUlUlU"
    "lUlUlUlUllUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUUlUlUll";

_Static_assert(NELEM(latin_fold) == 0x180 - 0xC0, "latin_fold size");
_Static_assert(sizeof(latin_case) - 1 == 0x180 - 0xC0, "latin_case size");

enum { CP_SEP, CP_SPACE, CP_APOS, CP_HYPHEN, CP_STOP, CP_WORD, CP_MARK };

/* What a code point at or above U+0080 is to the word splitter. */
static int
cp_class(uint32_t cp)
{
	if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000)
		return CP_SPACE;
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BB || cp == 0x02BC ||
	    cp == 0xB4)
		return CP_APOS;
	if (cp == 0x2010 || cp == 0x2011 || cp == 0xAD)
		return CP_HYPHEN;
	if (cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F)
		return CP_STOP;
	if (cp >= 0x300 && cp <= 0x36F)
		return CP_MARK;
	if (cp < 0xC0)
		return cp == 0xAA || cp == 0xB5 || cp == 0xBA ? CP_WORD :
		    CP_SEP;
	if (cp == 0xD7 || cp == 0xF7)
		return CP_SEP;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
	    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xE000 && cp <= 0xF8FF) ||
	    (cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
	    (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
	    (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
	    (cp >= 0xFFF0 && cp <= 0xFFFF) || (cp >= 0x1F000 && cp <= 0x1FAFF))
		return CP_SEP;
	return CP_WORD;
}

static int
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* 1 when a word starts at s[i] (i < n). */
static int
word_at(const char *s, size_t n, size_t i)
{
	uint32_t cp;

	if ((unsigned char)s[i] < 0x80)
		return is_alnum((unsigned char)s[i]);
	if (utf8_decode(s + i, n - i, &cp) < 0)
		return 0;
	return cp_class(cp) == CP_WORD;
}

/*
 * Writes the folded form of a letter or digit at dst (never more bytes than
 * its UTF-8 form has, so a buffer as long as the text is enough).  Returns
 * the bytes written; *cs gets 'U' (upper case), 'l' (lower case) or 0.
 */
static size_t
fold_cp(char *dst, uint32_t cp, int *cs)
{
	const char *f;

	*cs = 0;
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z') {
			*cs = 'U';
			cp += 'a' - 'A';
		} else if (cp >= 'a' && cp <= 'z') {
			*cs = 'l';
		}
		dst[0] = (char)cp;
		return 1;
	}
	if (cp >= 0xC0 && cp < 0x180 && (f = latin_fold[cp - 0xC0]) != NULL) {
		*cs = latin_case[cp - 0xC0] == 'U' ? 'U' : 'l';
		dst[0] = f[0];
		if (f[1] == '\0')
			return 1;
		dst[1] = f[1];
		return 2;
	}
	if (cp >= 0x218 && cp <= 0x21B) {	/* Romanian S and T comma */
		*cs = (cp & 1) ? 'l' : 'U';
		dst[0] = cp < 0x21A ? 's' : 't';
		return 1;
	}
	if (cp >= 0x391 && cp <= 0x3A9) {	/* Greek */
		*cs = 'U';
		cp += 0x20;
	} else if (cp >= 0x3AC && cp <= 0x3CE) {
		*cs = 'l';
	} else if (cp >= 0x400 && cp <= 0x42F) {	/* Cyrillic */
		*cs = 'U';
		cp += cp < 0x410 ? 0x50 : 0x20;
	} else if (cp >= 0x430 && cp <= 0x45F) {
		*cs = 'l';
	}
	return utf8_encode(cp, dst);
}

int
gz_in_sorted(const char *const *v, size_t n, const char *s, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(s, v[mid], len);

		if (c == 0 && v[mid][len] == '\0')
			return 1;
		if (c < 0 || (c == 0 && v[mid][len] != '\0'))
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* What lies between the previous word and the next. */
struct sep {
	int seg;		/* a new segment starts */
	int stop;		/* a sentence ended */
	int space;		/* white space seen */
	int punct;		/* non-space characters seen */
	int commas, apos, hyphens;
	int dotjoin;		/* the '.' of "St." */
	int dash;		/* '(' or a dash that may end a dateline */
};

enum { PRIV_DASH = 1 };

/* Counts for the Title Case and capitals tests of one segment. */
struct seg_stats {
	size_t first;		/* first word of the segment */
	int words, upper, cap, lower;
	int period;		/* a '.' ended a sentence: not a headline */
};

static void
words_push(struct gazetteer_words *w, const struct gazetteer_word *word)
{
	w->v = xgrow(w->v, w->n, &w->cap, sizeof *w->v);
	w->v[w->n++] = *word;
}

/*
 * Marks a wire dateline: a place in capitals opening a line that is not a
 * headline, then proper nouns or numbers, ended within 8 words by "(" or
 * a dash: "AMMAN (Reuters) -", "KYIV, Ukraine (AP) —", "LONDON, Aug 8
 * (Reuters) -".  It says where the reporter was, not what the story is
 * about.
 */
static void
dateline_mark(struct gazetteer_words *w, size_t a)
{
	const struct gazetteer_word *v = w->v;
	size_t e, k;

	if (a >= w->n || !(v[a].flags & GAZETTEER_W_UPPER) || v[a].len < 3)
		return;
	for (e = a + 1; e < w->n && e < a + 8; e++) {
		unsigned char c = (unsigned char)w->fold.p[v[e].off];

		if (v[e].priv & PRIV_DASH)
			break;
		if ((v[e].flags & GAZETTEER_W_SENT) ||
		    (!(v[e].flags & GAZETTEER_W_CAP) && !(c >= '0' && c <= '9')))
			return;
	}
	if (e == w->n || !(v[e].priv & PRIV_DASH))
		return;
	for (k = a; k < e; k++)
		w->v[k].flags |= GAZETTEER_W_DATELINE;
}

static void
seg_finish(struct gazetteer_words *w, struct seg_stats *st)
{
	size_t i;
	unsigned f = 0;

	if (st->upper >= 2 && st->upper * 10 >= st->words * 8)
		f = GAZETTEER_W_SHOUT;
	else if (st->cap >= 2 && st->lower == 0 && !st->period)
		f = GAZETTEER_W_TITLE;
	else
		dateline_mark(w, st->first);
	for (i = st->first; i < w->n; i++)
		w->v[i].flags |= (uint16_t)f;
	memset(st, 0, sizeof *st);
	st->first = w->n;
}

/*
 * Emits the word whose folded form starts at fold_off, with the flags the
 * separator before it gives.
 */
static void
word_emit(struct gazetteer_words *w, size_t fold_off, unsigned flags,
    int letters, struct sep *sp, struct seg_stats *st, unsigned tag)
{
	struct gazetteer_word word;
	const char *f = w->fold.p + fold_off;
	size_t len = w->fold.len - fold_off;
	int joined = 0;

	if (len == 0)		/* only combining marks: not a word */
		return;
	if (sp->seg)
		flags |= GAZETTEER_W_SEG | GAZETTEER_W_SENT;
	if (sp->stop)
		flags |= GAZETTEER_W_SENT;
	if (sp->punct == 0) {
		if (!sp->seg)
			flags |= GAZETTEER_W_ADJ;
		joined = 1;
	} else if (sp->punct == 1 && sp->commas == 1) {
		flags |= GAZETTEER_W_COMMA;
	} else if (sp->punct == 1 && !sp->space && sp->apos == 1) {
		flags |= GAZETTEER_W_APOS;
		joined = 1;
	} else if (sp->punct == 1 && !sp->space && sp->hyphens == 1) {
		flags |= GAZETTEER_W_HYPHEN;
		joined = 1;
	} else if (sp->punct == 1 && sp->dotjoin) {
		joined = 1;
	}
	if (!joined || sp->seg)
		flags |= GAZETTEER_W_BREAK;
	word.off = (uint32_t)fold_off;
	word.len = (uint32_t)len;
	word.hash = gazetteer_hash(f, len);
	word.flags = (uint16_t)flags;
	word.tag = (uint8_t)tag;
	word.priv = (uint8_t)(sp->dash || (sp->hyphens > 0 && sp->space) ?
	    PRIV_DASH : 0);
	words_push(w, &word);

	/* Title Case and capitals are judged on free-standing words. */
	if (letters >= 2 &&
	    !(flags & (GAZETTEER_W_APOS | GAZETTEER_W_HYPHEN))) {
		st->words++;
		if (flags & GAZETTEER_W_UPPER)
			st->upper++;
		else if (flags & GAZETTEER_W_CAP)
			st->cap++;
		else if (st->lower == 0 && (len > 7 || !gz_in_sorted(
		    gz_title_small_words, gz_title_small_words_n, f, len)))
			st->lower++;
	}
	memset(sp, 0, sizeof *sp);
}

/*
 * Reads the word at s[i], a word character; returns the index after it.
 * The folded form goes straight into the room gazetteer_words_add()
 * reserved.
 */
static size_t
word_read(struct gazetteer_words *w, const char *s, size_t n, size_t i,
    struct sep *sp, struct seg_stats *st, unsigned tag)
{
	size_t off = w->fold.len;
	char *dst = w->fold.p + off;
	unsigned flags = 0;
	int letters = 0, first = 1, lower = 0, upper = 0, cs;

	if (is_alpha((unsigned char)s[i]) && i + 2 < n && s[i + 1] == '.' &&
	    is_alpha((unsigned char)s[i + 2]) &&
	    (i + 3 == n || s[i + 3] == '.' || !word_at(s, n, i + 3))) {
		/* A dotted abbreviation: "U.S.", "U.S President". */
		for (;;) {
			dst += fold_cp(dst, (unsigned char)s[i], &cs);
			if (first && cs == 'U')
				flags |= GAZETTEER_W_CAP;
			first = 0;
			upper += cs == 'U';
			lower += cs == 'l';
			letters++;
			if (i + 1 < n && s[i + 1] == '.') {
				i += 2;
				if (i < n && is_alpha((unsigned char)s[i]) &&
				    (i + 1 == n || s[i + 1] == '.' ||
				    !word_at(s, n, i + 1)))
					continue;
				break;
			}
			i++;
			break;
		}
		flags |= GAZETTEER_W_DOTTED;
	} else {
		while (i < n) {
			unsigned char c = (unsigned char)s[i];
			uint32_t cp;
			int k;

			if (c < 0x80) {
				if (c >= 'a' && c <= 'z') {
					*dst++ = (char)c;
					lower++;
					letters++;
					first = 0;
					i++;
					continue;
				}
				if (!is_alnum(c))
					break;
				cp = c;
				k = 1;
			} else {
				int cls;

				k = utf8_decode(s + i, n - i, &cp);
				if (k < 0)
					break;
				cls = cp_class(cp);
				if (cls == CP_MARK) {
					i += (size_t)k;
					continue;
				}
				if (cls != CP_WORD)
					break;
			}
			i += (size_t)k;
			dst += fold_cp(dst, cp, &cs);
			if (first && cs == 'U')
				flags |= GAZETTEER_W_CAP;
			if (cs != 0 || cp > '9')
				first = 0;
			upper += cs == 'U';
			lower += cs == 'l';
			letters += cs != 0 || cp >= 0x80;
		}
	}
	if (upper > 0 && lower == 0)
		flags |= GAZETTEER_W_UPPER;
	w->fold.len = (size_t)(dst - w->fold.p);
	word_emit(w, off, flags, letters, sp, st, tag);
	return i;
}

/* The last word, when it is in segment st and nothing followed it yet. */
static const struct gazetteer_word *
last_word(const struct gazetteer_words *w, const struct seg_stats *st)
{
	return w->n > st->first ? &w->v[w->n - 1] : NULL;
}

void
gazetteer_words_add(struct gazetteer_words *w, const char *s, size_t n,
    unsigned tag)
{
	struct sep sp;
	struct seg_stats st;
	size_t i = 0;

	memset(&sp, 0, sizeof sp);
	memset(&st, 0, sizeof st);
	sp.seg = 1;
	st.first = w->n;
	/* Folded words are never longer than the text (see fold_cp). */
	str_reserve(&w->fold, n);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		int k = 1, cls;

		if (c < 0x80) {
			if (is_alnum(c)) {
				i = word_read(w, s, n, i, &sp, &st, tag);
				continue;
			}
			switch (c) {
			case ' ': case '\t': case '\r': case '\f': case '\v':
				cls = CP_SPACE;
				break;
			case '\'': case '`':
				cls = CP_APOS;
				break;
			case '-':
				cls = CP_HYPHEN;
				break;
			case '.': case '!': case '?': case ':':
				cls = CP_STOP;
				break;
			default:
				cls = CP_SEP;
				break;
			}
		} else {
			k = utf8_decode(s + i, n - i, &cp);
			if (k < 0) {
				k = 1;
				cls = CP_SEP;
			} else {
				cls = cp_class(cp);
				if (cls == CP_WORD || cls == CP_MARK) {
					i = word_read(w, s, n, i, &sp, &st,
					    tag);
					continue;
				}
			}
		}
		if (c == '\n') {
			seg_finish(w, &st);
			memset(&sp, 0, sizeof sp);
			sp.seg = 1;
			i++;
			continue;
		}
		switch (cls) {
		case CP_SPACE:
			sp.space = 1;
			break;
		case CP_APOS:
			sp.punct++;
			sp.apos++;
			break;
		case CP_HYPHEN:
			sp.punct++;
			sp.hyphens++;
			break;
		case CP_SEP:
			sp.punct++;
			if (c == ',')
				sp.commas++;
			if (c == '(' || cp == 0x2013 || cp == 0x2014)
				sp.dash = 1;
			break;
		case CP_STOP: {
			const struct gazetteer_word *lw = last_word(w, &st);

			sp.punct++;
			if (c == '.' && sp.punct == 1 && !sp.space &&
			    lw != NULL) {
				const char *f = w->fold.p + lw->off;

				if (gz_in_sorted(gz_joining_abbrevs,
				    gz_joining_abbrevs_n, f, lw->len)) {
					sp.dotjoin = 1;
					break;
				}
				if (gz_in_sorted(gz_no_stop_abbrevs,
				    gz_no_stop_abbrevs_n, f, lw->len))
					break;
			}
			sp.stop = 1;
			if (c == '.' && lw != NULL)
				st.period = 1;
			break;
		}
		}
		i += (size_t)k;
	}
	seg_finish(w, &st);
	w->fold.p[w->fold.len] = '\0';
}

struct gazetteer_words *
gazetteer_words_new(void)
{
	return xcalloc(1, sizeof(struct gazetteer_words));
}

void
gazetteer_words_free(struct gazetteer_words *w)
{
	if (w == NULL)
		return;
	free(w->v);
	str_free(&w->fold);
	free(w->m);
	free(w->wm);
	free(w);
}

void
gazetteer_words_clear(struct gazetteer_words *w)
{
	w->n = 0;
	str_clear(&w->fold);
}

const struct gazetteer_word *
gazetteer_words_list(const struct gazetteer_words *w, size_t *n,
    const char **fold)
{
	*n = w->n;
	*fold = w->fold.p != NULL ? w->fold.p : "";
	return w->v;
}
