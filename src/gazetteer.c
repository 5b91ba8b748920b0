/*
 * gazetteer: the countries and regions a text names.
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
 *   Names (gazetteer_data.h) are split the same way and indexed by their
 *   first word.  At each word the longest name that starts there wins, so
 *   "Papua New Guinea" beats "Guinea", "South Sudan" beats "Sudan",
 *   "Democratic Republic of the Congo" beats "Republic of the Congo", and
 *   "Niger" never matches inside "Nigeria" (words are whole).  The words a
 *   match consumes are not matched again: "New Jersey", "Indian Ocean" and
 *   "French fries" hide the country inside them.
 *
 * CASE
 *   A name word written with a capital needs a capital in the text: "china"
 *   (porcelain), "turkey" (the bird), "chile" (the pepper) and "jersey" (the
 *   shirt) are not countries; CHINA in a headline in capitals is.  An
 *   abbreviation written in capitals needs capitals: "us" is a pronoun, "US"
 *   and "U.S." are the United States.  In a line in capitals (or between two
 *   words in capitals) a bare "US" is ambiguous: after "LET", "JOIN",
 *   "TELL", "FOR", "WITH", "ABOUT", "OF", ... or before "ALL", it is the
 *   pronoun ("LET US PRAY", "CONTACT US"); otherwise the country ("US
 *   SANCTIONS RUSSIA").  "U.S." is always the country.
 *
 * DECISIONS (each is a row of the table in tests/test_gazetteer.c)
 *   - "America" is the US; "Latin America", "South America", "Central
 *     America" and "North America" are regions, and "the Americas" nothing.
 *   - "Korea" alone is South Korea; "North Korea"/"North Korean"/"DPRK"/
 *     "Pyongyang" are KP; "Korean Peninsula", "inter-Korean" and "the two
 *     Koreas" are both.
 *   - "Congo" alone is the Democratic Republic (CD), by far the more
 *     reported; "Republic of the Congo", "Congo-Brazzaville" and
 *     "Brazzaville" are CG.  "Dominican" is the Dominican Republic.
 *   - England, Scotland, Wales, Northern Ireland, Britain, British, Welsh,
 *     Scottish and "Scots" are GB; "English" is not (a language spoken
 *     everywhere).  Holland and Dutch are NL.  Irish is IE, Northern Irish GB.
 *   - Waters are not countries: "Indian Ocean", "South China Sea", "Sea of
 *     Japan", "Gulf of Mexico", "Taiwan Strait" count for nothing; "Persian
 *     Gulf" names the region "gulf", not Iran.
 *   - Demonyms count: "Russian-speaking" is RU, "Japanese" is JP.  Language
 *     communities that span continents do not: "Spanish-speaking",
 *     "French-speaking", "Portuguese-language".
 *   - Seats of government stand for their country: Beijing, Kyiv (and
 *     Kiev), Pyongyang, Kremlin, White House, Downing Street.  Brussels is the
 *     EU's seat: it gives the region european-union, not Belgium.  Jerusalem
 *     is IL, East Jerusalem PS.  Capitals that are more often something else
 *     are left out (Victoria, Kingston, Georgetown, Santiago, Sofia, Male).
 *   - Disputed and occupied areas count for the state the UN recognises:
 *     Crimea and Donbas UA, Abkhazia and South Ossetia GE, Transnistria MD,
 *     Tibet and Xinjiang CN, Northern Cyprus CY, Somaliland SO.  Gaza and the
 *     West Bank are PS.  Hong Kong (HK), Macau (MO) and Taiwan (TW) have
 *     codes of their own and do not add CN.
 *   - US states, Canadian provinces and Australian states count for their
 *     country (so "Indiana" is US, not India, and "New South Wales" AU, not
 *     GB).  Cities do not, except seats of government.
 *   - A place followed by ", <state or province>" is that town: "Moscow,
 *     Idaho" and "Paris, Texas" are US only; "Lebanon, Pennsylvania" too,
 *     unless the state opens a list ("Mexico, Texas and Arizona").
 *   - Regions are matched when named ("Indo-Pacific", "Middle East", "the
 *     Balkans", "EU", "NATO") and reported apart from countries; naming a
 *     region adds none of its members.
 *   - Leaders, organisations and ethnic groups are not in the tables: they
 *     change, or span countries.
 *
 * WEAK NAMES (gz_rule_src): names that are often something else.
 *   - Georgia, the US state: "Atlanta, Georgia" (a capitalised word that is
 *     not a known place, then a comma), "Georgia's governor", "Georgia
 *     voters", "Gov. ... of Georgia", "Georgia and Florida" (next to a US
 *     state) count as US.  "Tbilisi", "Georgian government", "Georgia and
 *     Armenia" (next to a country), "Republic of Georgia" are GE.  Alone,
 *     Georgia is judged by the rest of the text: words like Tbilisi,
 *     Caucasus, Abkhazia point to the country; Atlanta, Kemp, Fulton or a
 *     US state point to the state; with neither, the country.
 *   - Jordan and Chad, given names and surnames: "Michael Jordan", "Jordan
 *     Peterson", "Chad Smith" and "... said Chad." are people.  A capitalised
 *     word right before or after (in a line that is not in Title Case or
 *     capitals, and not a title or place word such as "King", "President",
 *     "Valley") makes a person; so does a given name from a short list even
 *     in a headline.  Once a text uses the name for a person, its other bare
 *     mentions are the person too, unless the text also says Amman,
 *     Jordanian, N'Djamena, Sahel ...  "King of Jordan" is the country.
 *   - Washington is the US government ("Washington and Beijing"), not
 *     George Washington, not "Washington state", "Seattle, Washington" (the
 *     state: US as well) nor the Washington Post (nothing).
 *   - Turkey is the country unless the bird is plain: "a turkey", "roast
 *     Turkey", "Turkey sandwich", or Thanksgiving, gravy, recipe in the
 *     text without Ankara, Istanbul or Turkish.
 *   - Jersey and Guernsey count only with support (Channel Islands, the
 *     other island, "States of Jersey"); "New Jersey" is US.
 *   - Holland, London, Berlin, Hague: "Tom Holland", "Jack London",
 *     "Irving Berlin", "William Hague" are people.  "Paris Hilton" is not
 *     France, nor is the Paris Agreement.  "Tripoli, Lebanon" is not Libya.
 *   - "Indian tribes", "Indian reservation" are not India; "American
 *     Indian" is US.
 *
 * Everything is built once, on first use, into G and never freed.
 */
#include "gazetteer.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "text.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum gz_kind {
	GZK_NAME,	/* the country's name */
	GZK_DEMONYM,	/* adjective or people; a plural -s also matches */
	GZK_SEAT,	/* capital or seat of government */
	GZK_ABBREV,	/* in capitals */
	GZK_SUBDIV,	/* state or province: counts for its country */
	GZK_REGION,	/* names a region */
	GZK_BLOCKER,	/* means no country */
	GZK_COUNT
};

enum {
	GZR_PERSON_PREV  = 1 << 0, /* may be a surname ("Michael Jordan") */
	GZR_PERSON_NEXT  = 1 << 1, /* may be a given name ("Chad Smith") */
	GZR_SAID         = 1 << 2, /* "said Chad." is a person */
	GZR_US_STATE     = 1 << 3, /* "Atlanta, Georgia" is the state */
	GZR_DOC_STATES   = 1 << 4, /* a US state in the text points to alt */
	GZR_NEED_SUPPORT = 1 << 5, /* counts only with support */
	GZR_SHOUT        = 1 << 6  /* prev_none/next_none only in capitals */
};

struct gz_country_src {
	const char *code, *name;
	enum gazetteer_status status;
	const char *sovereign;
	const char *names, *demonyms, *seats, *abbrevs;
};

struct gz_extra_src {
	enum gz_kind kind;
	const char *codes;
	const char *names;
	const char *claims;
};

struct gz_region_src {
	const char *key, *label, *codes, *names;
};

struct gz_rule_src {
	const char *name;
	unsigned flags;
	const char *alt;
	const char *prev_alt, *next_alt, *prev_none, *next_none;
	const char *prev_yes, *next_yes, *doc_yes, *doc_alt;
};

#include "gazetteer_data.h"

#define GZ_MAX_RULES 64

/* gazetteer_match_words() marks countries, regions and rules in arrays. */
_Static_assert(NELEM(gz_country_src) <= GAZETTEER_MAX_COUNTRIES,
    "GAZETTEER_MAX_COUNTRIES");
_Static_assert(NELEM(gz_region_src) <= GAZETTEER_MAX_REGIONS,
    "GAZETTEER_MAX_REGIONS");
_Static_assert(NELEM(gz_rule_src) <= GZ_MAX_RULES, "GZ_MAX_RULES");

/* ---- built tables ---- */

enum { CASE_ANY, CASE_CAP, CASE_UPPER };

struct gz_tok {			/* one word of a name or a phrase */
	uint32_t hash;
	uint32_t off;		/* folded bytes in G.pool */
	uint32_t len;
	uint8_t casec;		/* CASE_* */
};

struct gz_phrase {		/* words G.toks[tok .. tok + ntok) */
	uint32_t tok;
	uint32_t ntok;
};

struct gz_list {
	struct gz_phrase *v;
	size_t n;
	uint32_t *table;	/* phrase + 1 by first word's hash; 0 empty */
	size_t mask;
};

struct gz_rule {
	const struct gz_rule_src *src;
	unsigned flags;
	int alt;		/* country index, or -1 */
	struct gz_list prev_alt, next_alt, prev_none, next_none;
	struct gz_list prev_yes, next_yes, doc_yes, doc_alt;
};

struct gz_name {
	uint32_t tok;
	uint16_t ntok;
	uint8_t kind;		/* GZK_* */
	uint8_t ncodes;		/* country codes in code[] (0..2) */
	uint16_t code[2];	/* countries; GZK_REGION: code[0] region */
	int16_t rule;		/* the weak name's rule, or -1 */
	int16_t claims;		/* rule whose other sense this shows */
	uint8_t plural;		/* generated -s form */
};

struct gz_group {		/* names sharing a first word */
	uint32_t hash;
	uint32_t off, len;	/* the word in G.pool */
	uint32_t first, count;	/* in G.order, longest first */
};

#define GZ_BLOOM_BITS 8192

static struct {
	struct gazetteer_country *countries;
	size_t ncountries;
	struct gazetteer_region *regions;
	size_t nregions;
	/* per country: bit i set when regions[i] has it (nregions <= 64) */
	uint64_t *member_of;
	struct gz_tok *toks;
	size_t ntoks, ctoks;
	struct str pool;
	struct gz_name *names;
	size_t nnames, cnames;
	uint32_t *order;
	struct gz_group *groups;
	size_t ngroups;
	uint32_t *table;	/* group index + 1; 0 is empty */
	size_t tmask;
	uint64_t bloom[GZ_BLOOM_BITS / 64]; /* first words' hashes */
	struct gz_rule rules[GZ_MAX_RULES];
	size_t nrules;
	struct gz_list first_names, prev_exempt, next_exempt, said;
	struct gz_list and_or;
	int us;			/* index of US */
	struct strv problems;
} G;

static pthread_once_t G_once = PTHREAD_ONCE_INIT;

/* ---- words ---- */

struct gz_mention {
	uint32_t w;		/* first word */
	uint32_t name;		/* in G.names */
	uint16_t ntok;
	int8_t verdict;		/* V_* */
};

enum { V_PENDING, V_YES, V_ALT, V_NONE };

struct gazetteer_words {
	struct gazetteer_word *v;
	size_t n, cap;
	struct str fold;
	/* gazetteer_match_words() scratch */
	struct gz_mention *m;
	size_t nm, mcap;
	int32_t *wm;		/* word -> mention index, or -1 */
	size_t wmcap;
};

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

/* Sorted: a '.' after these does not end a sentence. */
static const char *const no_stop_abbrevs[] = {
	"capt", "co", "col", "corp", "dr", "ft", "gen", "gov", "inc", "jr",
	"lt", "ltd", "mr", "mrs", "ms", "mt", "no", "prof", "rep", "rev", "sen",
	"sgt", "sr", "st", "ste", "vs",
};

/* Sorted: "St. Lucia" is one phrase. */
static const char *const joining_abbrevs[] = { "ft", "mt", "st", "ste" };

/* Sorted: lower-case words a Title Case headline keeps lower case. */
static const char *const title_small_words[] = {
	"a", "about", "after", "against", "among", "an", "and", "as", "at",
	"before", "between", "but", "by", "during", "for", "from", "in",
	"into", "nor", "of", "off", "on", "onto", "or", "out", "over", "per",
	"since", "than", "the", "through", "to", "toward", "towards", "under",
	"until", "up", "upon", "via", "vs", "with", "within", "without",
};

static int
in_sorted(const char *const *v, size_t n, const char *s, size_t len)
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
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->v = xreallocarray(w->v, w->cap, sizeof *w->v);
	}
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
		else if (st->lower == 0 && (len > 7 || !in_sorted(
		    title_small_words, NELEM(title_small_words), f, len)))
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

				if (in_sorted(joining_abbrevs,
				    NELEM(joining_abbrevs), f, lw->len)) {
					sp.dotjoin = 1;
					break;
				}
				if (in_sorted(no_stop_abbrevs,
				    NELEM(no_stop_abbrevs), f, lw->len))
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

/* ---- building the tables ---- */

static void problem(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static void
problem(const char *fmt, ...)
{
	struct str s = STR_INIT;
	va_list ap;

	va_start(ap, fmt);
	str_vappendf(&s, fmt, ap);
	va_end(ap);
	strv_push(&G.problems, str_steal(&s));
}

static int
code_cmp(const void *a, const void *b)
{
	const struct gazetteer_country *x = a, *y = b;

	return strcmp(x->code, y->code);
}

static int
region_cmp(const void *a, const void *b)
{
	const struct gazetteer_region *x = a, *y = b;

	return strcmp(x->key, y->key);
}

static int
country_index(const char *code, size_t n)
{
	size_t lo = 0, hi = G.ncountries;
	char up[3];

	if (n != 2)
		return -1;
	up[0] = (char)(code[0] >= 'a' && code[0] <= 'z' ? code[0] - 32 :
	    code[0]);
	up[1] = (char)(code[1] >= 'a' && code[1] <= 'z' ? code[1] - 32 :
	    code[1]);
	up[2] = '\0';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(up, G.countries[mid].code);

		if (c == 0)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/*
 * Splits text into words and appends them to G.toks (with "s" added to the
 * last when plural).  Returns 0, or -1 when it has no words or punctuation
 * other than an apostrophe, a hyphen or "St." stands between two of them.
 */
static int
toks_add(struct gazetteer_words *tmp, const char *s, size_t n, int plural,
    struct gz_phrase *out)
{
	const struct gazetteer_word *v;
	const char *fold;
	size_t nw, i;

	gazetteer_words_clear(tmp);
	gazetteer_words_add(tmp, s, n, 0);
	v = gazetteer_words_list(tmp, &nw, &fold);
	if (nw == 0 || nw > 16)
		return -1;
	for (i = 1; i < nw; i++)
		if (v[i].flags & GAZETTEER_W_BREAK)
			return -1;
	out->tok = (uint32_t)G.ntoks;
	out->ntok = (uint32_t)nw;
	for (i = 0; i < nw; i++) {
		struct gz_tok *t;

		if (G.ntoks == G.ctoks) {
			G.ctoks = G.ctoks ? G.ctoks * 2 : 4096;
			G.toks = xreallocarray(G.toks, G.ctoks, sizeof *G.toks);
		}
		t = &G.toks[G.ntoks++];
		t->off = (uint32_t)G.pool.len;
		str_append(&G.pool, fold + v[i].off, v[i].len);
		if (plural && i == nw - 1)
			str_appendc(&G.pool, 's');
		t->len = (uint32_t)(G.pool.len - t->off);
		t->hash = gazetteer_hash(G.pool.p + t->off, t->len);
		if ((v[i].flags & GAZETTEER_W_UPPER) && v[i].len >= 2)
			t->casec = CASE_UPPER;
		else if (v[i].flags & GAZETTEER_W_CAP)
			t->casec = CASE_CAP;
		else
			t->casec = CASE_ANY;
	}
	return 0;
}

/* Calls fn for each '|'-separated item of list. */
static void
each_item(const char *list, void (*fn)(const char *, size_t, void *),
    void *arg)
{
	const char *p = list, *bar;

	if (list == NULL)
		return;
	for (;;) {
		bar = strchr(p, '|');
		if (bar == NULL) {
			if (*p != '\0')
				fn(p, strlen(p), arg);
			return;
		}
		if (bar > p)
			fn(p, (size_t)(bar - p), arg);
		p = bar + 1;
	}
}

struct name_ctx {
	struct gazetteer_words *tmp;
	enum gz_kind kind;
	int ncodes;
	uint16_t code[2];
	int claims;
	const char *owner;	/* names the table row in problems */
	struct gz_list *list;	/* phrase_add() appends here */
};

static void
name_add1(struct name_ctx *c, const char *s, size_t n, int plural)
{
	struct gz_phrase ph;
	struct gz_name *nm;

	if (toks_add(c->tmp, s, n, plural, &ph) < 0) {
		char *bad = xstrndup(s, n);

		problem("%s: name '%s' has no words or bad punctuation",
		    c->owner, bad);
		free(bad);
		return;
	}
	if (G.nnames == G.cnames) {
		G.cnames = G.cnames ? G.cnames * 2 : 2048;
		G.names = xreallocarray(G.names, G.cnames, sizeof *G.names);
	}
	nm = &G.names[G.nnames++];
	memset(nm, 0, sizeof *nm);
	nm->tok = ph.tok;
	nm->ntok = (uint16_t)ph.ntok;
	nm->kind = (uint8_t)c->kind;
	nm->ncodes = (uint8_t)c->ncodes;
	nm->code[0] = c->code[0];
	nm->code[1] = c->code[1];
	nm->rule = -1;
	nm->claims = (int16_t)c->claims;
	nm->plural = (uint8_t)plural;
}

static void
name_add(const char *s, size_t n, void *arg)
{
	struct name_ctx *c = arg;

	name_add1(c, s, n, 0);
	/* "Russians", "Israelis"; not "Swisss" or "Japaneses". */
	if (c->kind == GZK_DEMONYM && s[n - 1] != 's' &&
	    !(n > 3 && memcmp(s + n - 3, "ese", 3) == 0) &&
	    !(n > 3 && memcmp(s + n - 3, "ish", 3) == 0))
		name_add1(c, s, n, 1);
}

static void
phrase_add(const char *s, size_t n, void *arg)
{
	struct name_ctx *c = arg;
	struct gz_list *l = c->list;
	struct gz_phrase ph;

	if (toks_add(c->tmp, s, n, 0, &ph) < 0) {
		char *bad = xstrndup(s, n);

		problem("rule word list: '%s' has no words", bad);
		free(bad);
		return;
	}
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = ph;
}

static void
list_build(struct gazetteer_words *tmp, struct gz_list *l, const char *src)
{
	struct name_ctx c;
	size_t size = 1, i;

	memset(&c, 0, sizeof c);
	memset(l, 0, sizeof *l);
	c.tmp = tmp;
	c.list = l;
	each_item(src, phrase_add, &c);
	while (size < l->n * 2 + 2)
		size *= 2;
	l->table = xcalloc(size, sizeof *l->table);
	l->mask = size - 1;
	for (i = 0; i < l->n; i++) {
		size_t h = G.toks[l->v[i].tok].hash & l->mask;

		while (l->table[h] != 0)
			h = (h + 1) & l->mask;
		l->table[h] = (uint32_t)(i + 1);
	}
}

static int
codes_parse(const char *codes, uint16_t *out, int max, const char *owner)
{
	const char *p = codes;
	int n = 0;

	while (p != NULL && *p != '\0') {
		size_t len = strcspn(p, " ");
		int ci = country_index(p, len);

		if (ci < 0 || n == max) {
			char *bad = xstrndup(p, len);

			problem("%s: unknown or extra code '%s'", owner, bad);
			free(bad);
		} else {
			out[n++] = (uint16_t)ci;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	return n;
}

static int
tok_cmp(const struct gz_tok *a, const struct gz_tok *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(G.pool.p + a->off, G.pool.p + b->off, n);

	if (c != 0)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

static int
order_cmp(const void *a, const void *b)
{
	const struct gz_name *x = &G.names[*(const uint32_t *)a];
	const struct gz_name *y = &G.names[*(const uint32_t *)b];
	int c = tok_cmp(&G.toks[x->tok], &G.toks[y->tok]);

	if (c != 0)
		return c;
	if (x->ntok != y->ntok)
		return x->ntok > y->ntok ? -1 : 1;
	/* stable: the tables' order */
	return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

static int
same_words(const struct gz_name *x, const struct gz_name *y, int casec)
{
	uint32_t k;

	if (x->ntok != y->ntok)
		return 0;
	for (k = 0; k < x->ntok; k++) {
		const struct gz_tok *a = &G.toks[x->tok + k];
		const struct gz_tok *b = &G.toks[y->tok + k];

		if (tok_cmp(a, b) != 0 || (casec && a->casec != b->casec))
			return 0;
	}
	return 1;
}

static int
same_target(const struct gz_name *x, const struct gz_name *y)
{
	/* "Laos" is both a name and the plural of "Lao": that is fine */
	return (x->kind == GZK_REGION) == (y->kind == GZK_REGION) &&
	    x->ncodes == y->ncodes && x->code[0] == y->code[0] &&
	    x->code[1] == y->code[1];
}

static char *
name_text(const struct gz_name *nm)
{
	struct str s = STR_INIT;
	uint32_t k;

	for (k = 0; k < nm->ntok; k++) {
		if (k > 0)
			str_appendc(&s, ' ');
		str_append(&s, G.pool.p + G.toks[nm->tok + k].off,
		    G.toks[nm->tok + k].len);
	}
	return str_steal(&s);
}

static void
index_build(void)
{
	size_t i, j, keep = 0;
	size_t tsize = 1;

	G.order = xreallocarray(NULL, G.nnames ? G.nnames : 1, sizeof *G.order);
	for (i = 0; i < G.nnames; i++)
		G.order[i] = (uint32_t)i;
	qsort(G.order, G.nnames, sizeof *G.order, order_cmp);

	/* Drop repeated names; two targets for one name is an error. */
	for (i = 0; i < G.nnames; i++) {
		const struct gz_name *x = &G.names[G.order[i]];
		int dup = 0;

		for (j = keep; j-- > 0;) {
			const struct gz_name *y = &G.names[G.order[j]];

			if (tok_cmp(&G.toks[y->tok], &G.toks[x->tok]) != 0 ||
			    y->ntok != x->ntok)
				break;
			if (!same_words(x, y, 0))
				continue;
			if (!same_target(x, y)) {
				char *t = name_text(x);

				problem("name '%s' stands for two things", t);
				free(t);
			}
			if (same_words(x, y, 1))
				dup = 1;
		}
		if (!dup)
			G.order[keep++] = G.order[i];
	}

	/* Groups of names sharing a first word, and a hash table of them. */
	G.groups = xreallocarray(NULL, keep ? keep : 1, sizeof *G.groups);
	for (i = 0; i < keep; i = j) {
		const struct gz_tok *t = &G.toks[G.names[G.order[i]].tok];
		struct gz_group *g = &G.groups[G.ngroups++];

		for (j = i + 1; j < keep; j++)
			if (tok_cmp(&G.toks[G.names[G.order[j]].tok], t) != 0)
				break;
		g->hash = t->hash;
		g->off = t->off;
		g->len = t->len;
		g->first = (uint32_t)i;
		g->count = (uint32_t)(j - i);
	}
	while (tsize < G.ngroups * 2)
		tsize *= 2;
	G.table = xcalloc(tsize, sizeof *G.table);
	G.tmask = tsize - 1;
	for (i = 0; i < G.ngroups; i++) {
		uint32_t bit = (G.groups[i].hash >> 16) % GZ_BLOOM_BITS;
		size_t h = G.groups[i].hash & G.tmask;

		G.bloom[bit / 64] |= (uint64_t)1 << (bit % 64);
		while (G.table[h] != 0)
			h = (h + 1) & G.tmask;
		G.table[h] = (uint32_t)(i + 1);
	}
}

static const struct gz_group *
group_find(const char *s, uint32_t len, uint32_t hash)
{
	uint32_t bit = (hash >> 16) % GZ_BLOOM_BITS;
	size_t h = hash & G.tmask;

	/* Most words name nothing: a bit per hash answers them at once. */
	if (!(G.bloom[bit / 64] & ((uint64_t)1 << (bit % 64))))
		return NULL;
	for (;;) {
		uint32_t gi = G.table[h];
		const struct gz_group *g;

		if (gi == 0)
			return NULL;
		g = &G.groups[gi - 1];
		if (g->hash == hash && g->len == len &&
		    memcmp(G.pool.p + g->off, s, len) == 0)
			return g;
		h = (h + 1) & G.tmask;
	}
}

static void
rules_build(struct gazetteer_words *tmp)
{
	size_t r, k;

	for (r = 0; r < NELEM(gz_rule_src); r++) {
		const struct gz_rule_src *src = &gz_rule_src[r];
		struct gz_rule *rule = &G.rules[G.nrules++];
		struct gz_phrase ph;
		int linked = 0;

		rule->src = src;
		rule->flags = src->flags;
		rule->alt = src->alt != NULL ?
		    country_index(src->alt, strlen(src->alt)) : -1;
		if (src->alt != NULL && rule->alt < 0)
			problem("rule '%s': unknown alt code '%s'", src->name,
			    src->alt);
		list_build(tmp, &rule->prev_alt, src->prev_alt);
		list_build(tmp, &rule->next_alt, src->next_alt);
		list_build(tmp, &rule->prev_none, src->prev_none);
		list_build(tmp, &rule->next_none, src->next_none);
		list_build(tmp, &rule->prev_yes, src->prev_yes);
		list_build(tmp, &rule->next_yes, src->next_yes);
		list_build(tmp, &rule->doc_yes, src->doc_yes);
		list_build(tmp, &rule->doc_alt, src->doc_alt);

		/* Attach the rule to every name written exactly like it. */
		if (toks_add(tmp, src->name, strlen(src->name), 0, &ph) < 0)
			continue;
		for (k = 0; k < G.nnames; k++) {
			struct gz_name *nm = &G.names[k];
			struct gz_name probe = *nm;

			probe.tok = ph.tok;
			probe.ntok = (uint16_t)ph.ntok;
			if (nm->plural || nm->kind == GZK_BLOCKER ||
			    nm->kind == GZK_SUBDIV || nm->kind == GZK_REGION)
				continue;
			if (!same_words(nm, &probe, 1))
				continue;
			nm->rule = (int16_t)(G.nrules - 1);
			linked = 1;
		}
		if (!linked)
			problem("rule '%s' names no country name", src->name);
	}
}

static void
gz_build(void)
{
	struct gazetteer_words *tmp = gazetteer_words_new();
	struct name_ctx c;
	size_t i, k;

	/* Countries, sorted by code. */
	G.ncountries = NELEM(gz_country_src);
	G.countries = xcalloc(G.ncountries, sizeof *G.countries);
	for (i = 0; i < G.ncountries; i++) {
		G.countries[i].code = gz_country_src[i].code;
		G.countries[i].name = gz_country_src[i].name;
		G.countries[i].status = gz_country_src[i].status;
		G.countries[i].sovereign = gz_country_src[i].sovereign;
	}
	qsort(G.countries, G.ncountries, sizeof *G.countries, code_cmp);
	for (i = 1; i < G.ncountries; i++)
		if (strcmp(G.countries[i - 1].code, G.countries[i].code) == 0)
			problem("code %s twice", G.countries[i].code);
	for (i = 0; i < G.ncountries; i++)
		if (G.countries[i].sovereign != NULL &&
		    country_index(G.countries[i].sovereign, 2) < 0)
			problem("%s: unknown sovereign %s", G.countries[i].code,
			    G.countries[i].sovereign);
	G.us = country_index("US", 2);

	memset(&c, 0, sizeof c);
	c.tmp = tmp;
	for (i = 0; i < NELEM(gz_country_src); i++) {
		const struct gz_country_src *src = &gz_country_src[i];
		static const enum gz_kind kinds[] = {
			GZK_NAME, GZK_DEMONYM, GZK_SEAT, GZK_ABBREV
		};
		const char *lists[4];

		lists[0] = src->names;
		lists[1] = src->demonyms;
		lists[2] = src->seats;
		lists[3] = src->abbrevs;
		c.ncodes = 1;
		c.code[0] = (uint16_t)country_index(src->code, 2);
		c.claims = -1;
		c.owner = src->code;
		for (k = 0; k < 4; k++) {
			c.kind = kinds[k];
			each_item(lists[k], name_add, &c);
		}
	}
	for (i = 0; i < NELEM(gz_extra_src); i++) {
		const struct gz_extra_src *e = &gz_extra_src[i];

		c.kind = e->kind;
		c.owner = e->names;
		c.code[0] = c.code[1] = 0;
		c.ncodes = e->codes != NULL ?
		    codes_parse(e->codes, c.code, 2, e->names) : 0;
		c.claims = -1;
		for (k = 0; e->claims != NULL && k < NELEM(gz_rule_src); k++)
			if (strcmp(gz_rule_src[k].name, e->claims) == 0)
				c.claims = (int)k;
		if (e->claims != NULL && c.claims < 0)
			problem("'%s' claims unknown rule '%s'", e->names,
			    e->claims);
		each_item(e->names, name_add, &c);
	}

	/* Regions, sorted by key. */
	G.nregions = NELEM(gz_region_src);
	G.regions = xcalloc(G.nregions, sizeof *G.regions);
	for (i = 0; i < G.nregions; i++) {
		const struct gz_region_src *src = &gz_region_src[i];
		struct gazetteer_region *r = &G.regions[i];
		const char **codes = NULL;
		const char *p = src->codes;
		size_t n = 0;

		r->key = src->key;
		r->label = src->label;
		while (*p != '\0') {
			size_t len = strcspn(p, " ");
			int ci = country_index(p, len);

			if (ci < 0) {
				char *bad = xstrndup(p, len);

				problem("region %s: unknown code '%s'",
				    src->key, bad);
				free(bad);
			} else {
				codes = xreallocarray(codes, n + 1,
				    sizeof *codes);
				codes[n++] = G.countries[ci].code;
			}
			p += len;
			while (*p == ' ')
				p++;
		}
		for (k = 1; k < n; k++)
			if (strcmp(codes[k - 1], codes[k]) >= 0)
				problem("region %s: codes not sorted at %s",
				    src->key, codes[k]);
		r->codes = codes;
		r->ncodes = n;
	}
	qsort(G.regions, G.nregions, sizeof *G.regions, region_cmp);
	for (i = 1; i < G.nregions; i++)
		if (strcmp(G.regions[i - 1].key, G.regions[i].key) == 0)
			problem("region %s twice", G.regions[i].key);
	/* Membership as bits, so regions_of is not a scan of every list. */
	G.member_of = xcalloc(G.ncountries, sizeof *G.member_of);
	if (G.nregions > 64)
		problem("%zu regions: member_of holds 64", G.nregions);
	for (i = 0; i < G.nregions && i < 64; i++) {
		for (k = 0; k < G.regions[i].ncodes; k++) {
			const char *code = G.regions[i].codes[k];
			int ci = country_index(code, strlen(code));

			if (ci >= 0)
				G.member_of[ci] |= (uint64_t)1 << i;
		}
	}
	for (i = 0; i < G.nregions; i++) {
		const struct gazetteer_region *r = &G.regions[i];

		c.kind = GZK_REGION;
		c.ncodes = 0;
		c.code[0] = (uint16_t)i;
		c.claims = -1;
		c.owner = r->key;
		for (k = 0; k < NELEM(gz_region_src); k++)
			if (strcmp(gz_region_src[k].key, r->key) == 0)
				each_item(gz_region_src[k].names, name_add, &c);
	}

	rules_build(tmp);
	list_build(tmp, &G.first_names, gz_first_names);
	list_build(tmp, &G.prev_exempt, gz_prev_exempt);
	list_build(tmp, &G.next_exempt, gz_next_exempt);
	list_build(tmp, &G.said, gz_said);
	list_build(tmp, &G.and_or, "and|or|nor");
	index_build();
	gazetteer_words_free(tmp);
}

static void
gz_init(void)
{
	pthread_once(&G_once, gz_build);
}

/* ---- countries and regions ---- */

size_t
gazetteer_country_count(void)
{
	gz_init();
	return G.ncountries;
}

const struct gazetteer_country *
gazetteer_country_at(size_t i)
{
	gz_init();
	return i < G.ncountries ? &G.countries[i] : NULL;
}

const struct gazetteer_country *
gazetteer_country(const char *code)
{
	int i;

	gz_init();
	if (code == NULL)
		return NULL;
	i = country_index(code, strlen(code));
	return i < 0 ? NULL : &G.countries[i];
}

size_t
gazetteer_region_count(void)
{
	gz_init();
	return G.nregions;
}

const struct gazetteer_region *
gazetteer_region_at(size_t i)
{
	gz_init();
	return i < G.nregions ? &G.regions[i] : NULL;
}

const struct gazetteer_region *
gazetteer_region(const char *key)
{
	size_t i;

	gz_init();
	if (key == NULL)
		return NULL;
	for (i = 0; i < G.nregions; i++)
		if (text_eq_nocase(key, strlen(key), G.regions[i].key))
			return &G.regions[i];
	return NULL;
}

int
gazetteer_region_has(const struct gazetteer_region *r, const char *code)
{
	size_t i;

	if (r == NULL || code == NULL)
		return 0;
	for (i = 0; i < r->ncodes; i++)
		if (text_eq_nocase(code, strlen(code), r->codes[i]))
			return 1;
	return 0;
}

size_t
gazetteer_regions_of(const char *code, const struct gazetteer_region **out,
    size_t max)
{
	size_t i, n = 0;
	uint64_t bits;
	int ci;

	gz_init();
	ci = code != NULL ? country_index(code, strlen(code)) : -1;
	if (ci < 0)
		return 0;
	bits = G.member_of[ci];
	for (i = 0; i < G.nregions && i < 64; i++) {
		if (!(bits & ((uint64_t)1 << i)))
			continue;
		if (n < max)
			out[n] = &G.regions[i];
		n++;
	}
	return n;
}

/* The name whose words are exactly text's, any case; NULL if none. */
static const struct gz_name *
name_lookup(const char *text, size_t n)
{
	struct gazetteer_words *w = gazetteer_words_new();
	const struct gazetteer_word *v;
	const struct gz_name *found = NULL;
	const struct gz_group *g;
	const char *fold;
	size_t nw, i;
	uint32_t k;

	gazetteer_words_add(w, text, n, 0);
	v = gazetteer_words_list(w, &nw, &fold);
	if (nw == 0)
		goto out;
	g = group_find(fold + v[0].off, v[0].len, v[0].hash);
	for (i = 0; g != NULL && i < g->count && found == NULL; i++) {
		const struct gz_name *nm = &G.names[G.order[g->first + i]];

		if (nm->ntok != nw)
			continue;
		for (k = 1; k < nm->ntok; k++) {
			const struct gz_tok *t = &G.toks[nm->tok + k];

			if (t->len != v[k].len || memcmp(G.pool.p + t->off,
			    fold + v[k].off, t->len) != 0)
				break;
		}
		if (k == nm->ntok)
			found = nm;
	}
out:
	gazetteer_words_free(w);
	return found;
}

const char *
gazetteer_lookup_name(const char *name, size_t n)
{
	const struct gz_name *nm;
	const char *s = name;
	size_t len;
	int ci;

	gz_init();
	len = text_trim(&s, n);
	ci = country_index(s, len);
	if (ci >= 0)
		return G.countries[ci].code;
	nm = name_lookup(s, len);
	if (nm == NULL || nm->ncodes != 1 || nm->kind == GZK_REGION ||
	    nm->kind == GZK_BLOCKER || nm->kind == GZK_SUBDIV)
		return NULL;
	return G.countries[nm->code[0]].code;
}

const char *
gazetteer_lookup_region(const char *name, size_t n)
{
	const struct gz_name *nm;
	const char *s = name;
	size_t len, i;

	gz_init();
	len = text_trim(&s, n);
	for (i = 0; i < G.nregions; i++)
		if (text_eq_nocase(s, len, G.regions[i].key))
			return G.regions[i].key;
	nm = name_lookup(s, len);
	if (nm == NULL || nm->kind != GZK_REGION)
		return NULL;
	return G.regions[nm->code[0]].key;
}

int
gazetteer_check(char **cause)
{
	gz_init();
	if (G.problems.n == 0)
		return 0;
	if (cause != NULL)
		*cause = strv_join(&G.problems, "\n");
	return -1;
}

/* ---- matching ---- */

/* What one call of gazetteer_match_words() looks at. */
struct doc {
	const struct gazetteer_word *v;
	size_t n;
	const char *fold;
	struct gz_mention *m;
	size_t nm;
	const int32_t *wm;
};

#define WF(d, i) ((d)->v[i].flags)

/* 1 when the words from i on spell phrase p (any case, joined). */
static int
phrase_at(const struct doc *d, size_t i, const struct gz_phrase *p)
{
	uint32_t k;

	if (i + p->ntok > d->n)
		return 0;
	for (k = 0; k < p->ntok; k++) {
		const struct gazetteer_word *w = &d->v[i + k];
		const struct gz_tok *t = &G.toks[p->tok + k];

		if (k > 0 && (w->flags & GAZETTEER_W_BREAK))
			return 0;
		if (w->hash != t->hash || w->len != t->len ||
		    memcmp(d->fold + w->off, G.pool.p + t->off, t->len) != 0)
			return 0;
	}
	return 1;
}

/* 1 when a phrase of l starts at word i. */
static int
word_in(const struct doc *d, size_t i, const struct gz_list *l)
{
	uint32_t hash = d->v[i].hash;
	size_t h;

	if (l->n == 0)
		return 0;
	for (h = hash & l->mask; l->table[h] != 0; h = (h + 1) & l->mask) {
		const struct gz_phrase *p = &l->v[l->table[h] - 1];

		if (G.toks[p->tok].hash == hash && phrase_at(d, i, p))
			return 1;
	}
	return 0;
}

/*
 * 1 when a phrase of l ends right before word i, in the same sentence,
 * with only white space or a comma between.
 */
static int
list_before(const struct doc *d, size_t i, const struct gz_list *l)
{
	size_t k;

	if (i == 0 || (WF(d, i) & (GAZETTEER_W_SEG | GAZETTEER_W_SENT)) ||
	    !(WF(d, i) & (GAZETTEER_W_ADJ | GAZETTEER_W_COMMA)))
		return 0;
	for (k = 0; k < l->n; k++) {
		const struct gz_phrase *p = &l->v[k];

		/* phrase_at() keeps the phrase itself within one segment */
		if (p->ntok <= i && phrase_at(d, i - p->ntok, p))
			return 1;
	}
	return 0;
}

/* The word after the mention that ends before j, skipping a possessive. */
static size_t
after(const struct doc *d, size_t j)
{
	if (j < d->n && (WF(d, j) & GAZETTEER_W_APOS) && d->v[j].len == 1 &&
	    d->fold[d->v[j].off] == 's')
		j++;
	return j;
}

/* 1 when a phrase of l starts at word j (after() applied), same sentence. */
static int
list_after(const struct doc *d, size_t j, const struct gz_list *l)
{
	j = after(d, j);
	if (j >= d->n || (WF(d, j) & (GAZETTEER_W_SEG | GAZETTEER_W_SENT)) ||
	    !(WF(d, j) & (GAZETTEER_W_ADJ | GAZETTEER_W_COMMA)))
		return 0;
	return word_in(d, j, l);
}

/* 1 when a phrase of l appears anywhere. */
static int
list_anywhere(const struct doc *d, const struct gz_list *l)
{
	size_t i;

	if (l->n == 0)
		return 0;
	for (i = 0; i < d->n; i++)
		if (word_in(d, i, l))
			return 1;
	return 0;
}

/* The mention that starts at word i, or NULL. */
static const struct gz_mention *
mention_at(const struct doc *d, size_t i)
{
	int32_t mi;

	if (i >= d->n || (mi = d->wm[i]) < 0 || d->m[mi].w != i)
		return NULL;
	return &d->m[mi];
}

/* The mention that ends at word i, or NULL. */
static struct gz_mention *
mention_ending(const struct doc *d, size_t i)
{
	int32_t mi;

	if (i >= d->n || (mi = d->wm[i]) < 0 ||
	    d->m[mi].w + d->m[mi].ntok - 1 != i)
		return NULL;
	return &d->m[mi];
}

static int
is_acronym(const struct doc *d, size_t i)
{
	return (WF(d, i) & GAZETTEER_W_UPPER) && d->v[i].len >= 2;
}

/* Capitals around word i (both neighbours that exist, at least one). */
static int
shouting(const struct doc *d, const struct gz_mention *m)
{
	size_t i = m->w, j = m->w + m->ntok;
	int seen = 0;

	if (WF(d, i) & GAZETTEER_W_SHOUT)
		return 1;
	if (i > 0 && !(WF(d, i) & GAZETTEER_W_SEG)) {
		if (!is_acronym(d, i - 1) || d->wm[i - 1] >= 0)
			return 0;
		seen = 1;
	}
	if (j < d->n && !(WF(d, j) & GAZETTEER_W_SEG)) {
		if (!is_acronym(d, j) || d->wm[j] >= 0)
			return 0;
		seen = 1;
	}
	return seen;
}

/*
 * A capitalised word that is not a known place, a title word or an
 * opening word: part of a person's name or of a town's.
 */
static int
plain_cap(const struct doc *d, size_t i, const struct gz_list *exempt)
{
	return (WF(d, i) & GAZETTEER_W_CAP) && !is_acronym(d, i) &&
	    d->wm[i] < 0 && !word_in(d, i, exempt);
}

static int
title_line(const struct doc *d, size_t i)
{
	return (WF(d, i) & (GAZETTEER_W_TITLE | GAZETTEER_W_SHOUT)) != 0;
}

/* The mention joined to m by a comma, hyphen, "and" or "or", or NULL. */
static const struct gz_mention *
neighbour(const struct doc *d, const struct gz_mention *m, int before)
{
	size_t i = m->w, j = m->w + m->ntok;
	unsigned join = GAZETTEER_W_COMMA | GAZETTEER_W_HYPHEN;

	if (before) {
		if (i == 0 || (WF(d, i) & GAZETTEER_W_SEG))
			return NULL;
		if (WF(d, i) & join)
			return mention_ending(d, i - 1);
		if (i >= 2 && (WF(d, i) & GAZETTEER_W_ADJ) &&
		    !(WF(d, i - 1) & GAZETTEER_W_SEG) &&
		    word_in(d, i - 1, &G.and_or))
			return mention_ending(d, i - 2);
		return NULL;
	}
	if (j >= d->n || (WF(d, j) & GAZETTEER_W_SEG))
		return NULL;
	if (WF(d, j) & join)
		return mention_at(d, j);
	if (j + 1 < d->n && (WF(d, j + 1) & GAZETTEER_W_ADJ) &&
	    word_in(d, j, &G.and_or))
		return mention_at(d, j + 1);
	return NULL;
}

static int
name_country(const struct gz_name *nm)
{
	return nm->ncodes > 0 ? nm->code[0] : -1;
}

/* Judges a weak mention from the words around it. */
static int
verdict_local(const struct doc *d, struct gz_mention *m,
    const struct gz_rule *r)
{
	const struct gz_name *nm = &G.names[m->name];
	size_t i = m->w, j = m->w + m->ntok;
	int compound = j < d->n && (WF(d, j) & GAZETTEER_W_HYPHEN);
	const struct gz_mention *nb[2];
	int k;

	if (r->flags & GZR_SHOUT) {
		if ((WF(d, i) & GAZETTEER_W_DOTTED) || !shouting(d, m))
			return V_YES;
		if (list_before(d, i, &r->prev_none) ||
		    list_after(d, j, &r->next_none))
			return V_NONE;
		return V_YES;
	}

	/* The rule's own words first: a person or a thing, the other place,
	 * the country. */
	if ((!compound && list_before(d, i, &r->prev_none)) ||
	    list_after(d, j, &r->next_none))
		return V_NONE;
	if ((!compound && list_before(d, i, &r->prev_alt)) ||
	    list_after(d, j, &r->next_alt))
		return V_ALT;
	if ((!compound && list_before(d, i, &r->prev_yes)) ||
	    list_after(d, j, &r->next_yes))
		return V_YES;

	/* A person: a capitalised word joined to the name. */
	if ((r->flags & GZR_PERSON_PREV) && i > 0 &&
	    (WF(d, i) & GAZETTEER_W_ADJ) && !(WF(d, i) & GAZETTEER_W_SEG)) {
		if ((WF(d, i - 1) & GAZETTEER_W_CAP) &&
		    word_in(d, i - 1, &G.first_names))
			return V_NONE;
		if (!title_line(d, i) && !(WF(d, i - 1) & GAZETTEER_W_SENT) &&
		    plain_cap(d, i - 1, &G.prev_exempt))
			return V_NONE;
	}
	if ((r->flags & GZR_PERSON_NEXT) && j < d->n &&
	    (WF(d, j) & GAZETTEER_W_ADJ) && !title_line(d, i) &&
	    plain_cap(d, j, &G.next_exempt))
		return V_NONE;
	if ((r->flags & GZR_SAID) && i > 0 && (WF(d, i) & GAZETTEER_W_ADJ) &&
	    word_in(d, i - 1, &G.said) &&
	    (j >= d->n || (WF(d, j) & (GAZETTEER_W_SEG | GAZETTEER_W_SENT |
	    GAZETTEER_W_COMMA))))
		return V_NONE;

	/* "Atlanta, Georgia": the other place. */
	if ((r->flags & GZR_US_STATE) && i > 0 &&
	    (WF(d, i) & GAZETTEER_W_COMMA)) {
		struct gz_mention *pm = mention_ending(d, i - 1);

		if (pm != NULL) {
			const struct gz_name *pn = &G.names[pm->name];

			if (pn->kind == GZK_SEAT) {
				if (name_country(pn) == name_country(nm))
					return V_YES;
				if (nm->kind != GZK_SEAT) {
					/* "Athens, Georgia": both are towns */
					pm->verdict = V_NONE;
					return V_ALT;
				}
			}
		} else if (plain_cap(d, i - 1, &G.prev_exempt)) {
			return V_ALT;
		}
	}

	/* Next to a country ("Georgia and Armenia") or a state. */
	nb[0] = neighbour(d, m, 1);
	nb[1] = neighbour(d, m, 0);
	for (k = 0; k < 2; k++) {
		const struct gz_name *on;

		if (nb[k] == NULL)
			continue;
		on = &G.names[nb[k]->name];
		if ((on->kind == GZK_NAME || on->kind == GZK_ABBREV) &&
		    on->rule < 0 && nm->kind == GZK_NAME)
			return V_YES;
		if (on->kind == GZK_SUBDIV && r->alt >= 0 &&
		    name_country(on) == r->alt && (r->flags & GZR_US_STATE))
			return V_ALT;
	}
	return V_PENDING;
}

/* "Moscow, Idaho": a seat or country name before a state is a town. */
static int
before_state(const struct doc *d, const struct gz_mention *m)
{
	const struct gz_name *nm = &G.names[m->name];
	const struct gz_mention *sm;
	size_t j = m->w + m->ntok, r;

	if (nm->kind != GZK_SEAT && nm->kind != GZK_NAME)
		return 0;
	if (j >= d->n || !(WF(d, j) & GAZETTEER_W_COMMA) ||
	    (sm = mention_at(d, j)) == NULL ||
	    G.names[sm->name].kind != GZK_SUBDIV)
		return 0;
	if (nm->kind == GZK_SEAT)
		return 1;
	/* "Mexico, Texas and Arizona" is a list. */
	r = j + sm->ntok;
	if (r < d->n && !(WF(d, r) & (GAZETTEER_W_SEG | GAZETTEER_W_SENT)) &&
	    (word_in(d, r, &G.and_or) ||
	    ((WF(d, r) & GAZETTEER_W_COMMA) && mention_at(d, r) != NULL)))
		return 0;
	return 1;
}

/* The longest name that starts at word i, or NULL. */
static const struct gz_name *
match_at(const struct doc *d, size_t i)
{
	const struct gazetteer_word *w = &d->v[i];
	const struct gz_group *g = group_find(d->fold + w->off, w->len,
	    w->hash);
	uint32_t k, t;

	if (g == NULL)
		return NULL;
	for (k = 0; k < g->count; k++) {
		const struct gz_name *nm = &G.names[G.order[g->first + k]];

		if (i + nm->ntok > d->n)
			continue;
		for (t = 0; t < nm->ntok; t++) {
			const struct gazetteer_word *x = &d->v[i + t];
			const struct gz_tok *tk = &G.toks[nm->tok + t];

			if (t > 0 && ((x->flags & GAZETTEER_W_BREAK) ||
			    x->hash != tk->hash || x->len != tk->len ||
			    memcmp(d->fold + x->off, G.pool.p + tk->off,
			    tk->len) != 0))
				break;
			if (tk->casec == CASE_CAP &&
			    !(x->flags & GAZETTEER_W_CAP))
				break;
			if (tk->casec == CASE_UPPER &&
			    !(x->flags & GAZETTEER_W_UPPER))
				break;
		}
		if (t == nm->ntok)
			return nm;
	}
	return NULL;
}

/* Counts a mention of country c at word w (the first one is kept). */
static void
mark_country(unsigned short *count, unsigned *first, int c, uint32_t w)
{
	if (count[c] == 0 || w < first[c])
		first[c] = w;
	if (count[c] < 65535)
		count[c]++;
}

int
gazetteer_region_is_group(const struct gazetteer_region *r)
{
	/* sorted, for bsearch */
	static const char *const groups[] = {
		"aukus", "brics", "european-union", "five-eyes", "g20", "g7",
		"nato",
	};
	size_t lo = 0, hi = sizeof groups / sizeof groups[0];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(r->key, groups[mid]);

		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

void
gazetteer_match_words(struct gazetteer_words *w, struct gazetteer_result *out)
{
	struct doc d;
	unsigned short cmark[GAZETTEER_MAX_COUNTRIES];
	unsigned cfirst[GAZETTEER_MAX_COUNTRIES];
	unsigned char rmark[GAZETTEER_MAX_REGIONS];
	int8_t other[GZ_MAX_RULES];	/* the sense the text gave a name */
	int8_t doc_yes[GZ_MAX_RULES], doc_alt[GZ_MAX_RULES];
	int doc_states = 0;
	size_t i;

	gz_init();
	out->ncountries = 0;
	out->nregions = 0;
	if (w->n == 0)
		return;
	if (w->wmcap < w->n) {
		w->wmcap = w->n;
		w->wm = xreallocarray(w->wm, w->wmcap, sizeof *w->wm);
	}
	w->nm = 0;
	d.v = w->v;
	d.n = w->n;
	d.fold = w->fold.p;
	d.wm = w->wm;

	/* Every name, longest first, left to right; not in datelines. */
	for (i = 0; i < w->n;) {
		const struct gz_name *nm = (w->v[i].flags &
		    GAZETTEER_W_DATELINE) ? NULL : match_at(&d, i);
		struct gz_mention *m;
		size_t k;

		if (nm == NULL) {
			w->wm[i++] = -1;
			continue;
		}
		if (w->nm == w->mcap) {
			w->mcap = w->mcap ? w->mcap * 2 : 32;
			w->m = xreallocarray(w->m, w->mcap, sizeof *w->m);
		}
		m = &w->m[w->nm];
		m->w = (uint32_t)i;
		m->ntok = nm->ntok;
		m->name = (uint32_t)(nm - G.names);
		m->verdict = V_PENDING;
		for (k = 0; k < nm->ntok; k++)
			w->wm[i + k] = (int32_t)w->nm;
		w->nm++;
		i += nm->ntok;
	}
	d.m = w->m;
	d.nm = w->nm;

	/* What the words around each mention say. */
	memset(other, 0, sizeof other);
	for (i = 0; i < d.nm; i++) {
		struct gz_mention *m = &w->m[i];
		const struct gz_name *nm = &G.names[m->name];

		if (nm->kind == GZK_BLOCKER || nm->kind == GZK_SUBDIV) {
			if (nm->kind == GZK_SUBDIV && nm->ncodes == 1 &&
			    nm->code[0] == G.us)
				doc_states = 1;
			if (nm->claims >= 0)
				other[nm->claims] = (int8_t)
				    (G.rules[nm->claims].alt >= 0 ? V_ALT :
				    V_NONE);
			if (m->verdict == V_PENDING)
				m->verdict = nm->kind == GZK_SUBDIV ? V_YES :
				    V_NONE;
			continue;
		}
		if (m->verdict != V_PENDING)	/* set by a neighbour */
			continue;
		if (before_state(&d, m)) {
			m->verdict = V_NONE;
			continue;
		}
		if (nm->rule < 0) {
			m->verdict = V_YES;
			continue;
		}
		m->verdict = (int8_t)verdict_local(&d, m, &G.rules[nm->rule]);
		if (m->verdict == V_ALT || m->verdict == V_NONE)
			other[nm->rule] = m->verdict;
	}

	/* What the whole text says, for the mentions still open. */
	memset(doc_yes, -1, sizeof doc_yes);
	memset(doc_alt, -1, sizeof doc_alt);
	for (i = 0; i < d.nm; i++) {
		struct gz_mention *m = &w->m[i];
		const struct gz_name *nm = &G.names[m->name];
		const struct gz_rule *r;
		int ri = nm->rule;

		if (m->verdict != V_PENDING)
			continue;
		r = &G.rules[ri];
		if (doc_yes[ri] < 0)
			doc_yes[ri] = (int8_t)list_anywhere(&d, &r->doc_yes);
		if (doc_yes[ri]) {
			m->verdict = V_YES;
			continue;
		}
		if (other[ri]) {
			m->verdict = other[ri];
			continue;
		}
		if (doc_alt[ri] < 0)
			doc_alt[ri] = (int8_t)list_anywhere(&d, &r->doc_alt);
		if (doc_alt[ri] || ((r->flags & GZR_DOC_STATES) && doc_states))
			m->verdict = V_ALT;
		else if (r->flags & GZR_NEED_SUPPORT)
			m->verdict = V_NONE;
		else
			m->verdict = V_YES;
	}

	/* The codes and keys, sorted. */
	memset(cmark, 0, sizeof cmark);
	memset(rmark, 0, sizeof rmark);
	for (i = 0; i < d.nm; i++) {
		const struct gz_mention *m = &w->m[i];
		const struct gz_name *nm = &G.names[m->name];
		int k;

		if (m->verdict == V_ALT) {
			if (nm->rule >= 0 && G.rules[nm->rule].alt >= 0)
				mark_country(cmark, cfirst,
				    G.rules[nm->rule].alt, m->w);
		} else if (m->verdict == V_YES) {
			if (nm->kind == GZK_REGION)
				rmark[nm->code[0]] = 1;
			else
				for (k = 0; k < nm->ncodes; k++)
					mark_country(cmark, cfirst,
					    nm->code[k], m->w);
		}
	}
	for (i = 0; i < G.ncountries; i++) {
		if (cmark[i] == 0)
			continue;
		out->mentions[out->ncountries] = cmark[i];
		out->first_word[out->ncountries] = cfirst[i];
		out->countries[out->ncountries++] = G.countries[i].code;
	}
	for (i = 0; i < G.nregions; i++)
		if (rmark[i])
			out->regions[out->nregions++] = G.regions[i].key;
}

void
gazetteer_match(const char *text, size_t n, struct gazetteer_result *out)
{
	struct gazetteer_words *w = gazetteer_words_new();

	gazetteer_words_add(w, text, n, 0);
	gazetteer_match_words(w, out);
	gazetteer_words_free(w);
}
