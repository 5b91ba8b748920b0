/*
 * gazetteer: the countries, territories and regions a text names.
 *
 * A built-in table of the 193 UN member states, the two observer states
 * (Holy See, Palestine) and the territories news commonly reports (Taiwan,
 * Kosovo, Hong Kong, Puerto Rico, Greenland, ...), each with its ISO 3166-1
 * alpha-2 code (Kosovo: XK), names, demonyms, seats of government and
 * abbreviations; plus regions and groups ("east-asia", "middle-east",
 * "european-union", "nato", ...) that list member codes and are also
 * matched when a text names them ("Indo-Pacific", "the Balkans").
 *
 * Text is split into words once (struct gazetteer_words); names are found
 * by hashing words, longest match first.  The rules that tell "Chad Smith"
 * from Chad, "Atlanta, Georgia" from Tbilisi and "LET US PRAY" from the US
 * are written down at the top of src/gazetteer/match.c, the decisions the
 * tables encode at the top of src/gazetteer/data.c.  Matching is for English-
 * language text; accents are ignored ("Türkiye", "Cote d'Ivoire").
 *
 * Every country, region, code and key returned here is static: borrowed for
 * the life of the process.  The tables are built on first use (thread-safe);
 * nothing here fails or prints.
 */
#ifndef SITREP_GAZETTEER_H
#define SITREP_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

enum gazetteer_status {
	GAZETTEER_UN_MEMBER,
	GAZETTEER_UN_OBSERVER,	/* Holy See, Palestine */
	GAZETTEER_TERRITORY,	/* dependent, or partly recognised */
	GAZETTEER_STATUS_COUNT
};

struct gazetteer_country {
	const char *code;	/* ISO 3166-1 alpha-2 ("XK": Kosovo) */
	const char *name;	/* short English name: "United States" */
	enum gazetteer_status status;
	const char *sovereign;	/* territories: the administering state
				   ("PR": "US", "HK": "CN"); else NULL */
};

struct gazetteer_region {
	const char *key;	/* "east-asia": lower case, digits and '-' */
	const char *label;	/* "East Asia" */
	const char *const *codes; /* member codes, sorted */
	size_t ncodes;
};

/* Countries sorted by code; i < gazetteer_country_count(). */
size_t gazetteer_country_count(void);
const struct gazetteer_country *gazetteer_country_at(size_t i);
/* The country with that code (any case: "jp", "JP"), or NULL. */
const struct gazetteer_country *gazetteer_country(const char *code);

/*
 * 1 for a political grouping (NATO, the EU, G7, Five Eyes ...) rather than a
 * part of the world: membership does not make an article about Germany an
 * article about NATO, so only a text that names the group is filed under it.
 */
int gazetteer_region_is_group(const struct gazetteer_region *r);

/* Regions sorted by key; i < gazetteer_region_count(). */
size_t gazetteer_region_count(void);
const struct gazetteer_region *gazetteer_region_at(size_t i);
/* The region with that key (any case), or NULL. */
const struct gazetteer_region *gazetteer_region(const char *key);
/* 1 when code (any case) is a member of r. */
int gazetteer_region_has(const struct gazetteer_region *r, const char *code);
/*
 * Stores up to max regions that have code as a member into out, in key
 * order, and returns how many there are in all (like snprintf).
 */
size_t gazetteer_regions_of(const char *code,
    const struct gazetteer_region **out, size_t max);

/*
 * For the query language (country:japan, country:JP, region:balkans):
 * a code, or any name, demonym, seat or abbreviation the tables know
 * ("japan", "Japanese", "tokyo", "uk", "united states"), matched whole and
 * ignoring case and accents.  Returns the code, or NULL.  A name that
 * stands for two countries ("Korean Peninsula") gives NULL.
 */
const char *gazetteer_lookup_name(const char *name, size_t n);
/* A region key or a name the text matcher knows ("Middle East", "EU").
 * Returns the key, or NULL. */
const char *gazetteer_lookup_region(const char *name, size_t n);

/*
 * Words: text split once, for the gazetteer and for classify's keyword
 * rules.  A word is a run of letters (of any script) and digits; an
 * apostrophe or hyphen between two words joins them into a phrase but
 * splits the words ("Japan's" is "japan" + "s"; "US-Japan" is "us" +
 * "japan"); a dotted abbreviation is one word ("U.S." is "us", flagged
 * DOTTED).  Each word keeps its folded form (ASCII and Latin letters lower
 * case without accents; Greek and Cyrillic lower case) and flags.
 */
enum {
	GAZETTEER_W_CAP    = 1 << 0,  /* starts with an upper-case letter */
	GAZETTEER_W_UPPER  = 1 << 1,  /* has letters, none of them lower case */
	GAZETTEER_W_DOTTED = 1 << 2,  /* "U.S.", "D.C." */
	GAZETTEER_W_BREAK  = 1 << 3,  /* no phrase runs on into this word */
	GAZETTEER_W_SEG    = 1 << 4,  /* first word of a segment (a line) */
	GAZETTEER_W_SENT   = 1 << 5,  /* first word of a sentence */
	GAZETTEER_W_COMMA  = 1 << 6,  /* only ", " before it */
	GAZETTEER_W_APOS   = 1 << 7,  /* joined by an apostrophe: 's */
	GAZETTEER_W_HYPHEN = 1 << 8,  /* joined by a hyphen */
	GAZETTEER_W_ADJ    = 1 << 9,  /* only spaces before it, same line */
	GAZETTEER_W_TITLE  = 1 << 10, /* its line is in Title Case */
	GAZETTEER_W_SHOUT  = 1 << 11, /* its line is in capitals */
	GAZETTEER_W_DATELINE = 1 << 12 /* "KYIV, Ukraine (AP) —" opening a
					  line: where, not what */
};

struct gazetteer_word {
	uint32_t off;		/* folded bytes: the fold string + off */
	uint32_t len;		/* of the folded form, in bytes */
	uint32_t hash;		/* gazetteer_hash() of the folded form */
	uint16_t flags;		/* GAZETTEER_W_* */
	uint8_t tag;		/* as given to gazetteer_words_add() */
	uint8_t priv;		/* the word splitter's own */
};

struct gazetteer_words;

/* Returns owned: empty, reusable scratch.  Not shared between threads. */
struct gazetteer_words *gazetteer_words_new(void);
void gazetteer_words_free(struct gazetteer_words *w);
/* Empties w, keeping its memory. */
void gazetteer_words_clear(struct gazetteer_words *w);
/*
 * Appends the words of text[0..n) (UTF-8; invalid bytes are separators).
 * Each call, and each line within it, is a segment: no name or phrase
 * spans two.  tag is stored with each word (classify tells title and
 * summary from categories with it).  text need not outlive the call.
 */
void gazetteer_words_add(struct gazetteer_words *w, const char *text,
    size_t n, unsigned tag);
/*
 * Returns borrowed: the words, valid until w changes; *n gets their number
 * and *fold the buffer their off fields index.
 */
const struct gazetteer_word *gazetteer_words_list(
    const struct gazetteer_words *w, size_t *n, const char **fold);
/* FNV-1a of s[0..n), the hash words carry. */
uint32_t gazetteer_hash(const char *s, size_t n);

/* What a text names. */
#define GAZETTEER_MAX_COUNTRIES 256
#define GAZETTEER_MAX_REGIONS 64

struct gazetteer_result {
	/* codes, sorted, unique */
	const char *countries[GAZETTEER_MAX_COUNTRIES];
	size_t ncountries;
	/*
	 * For countries[i]: how often the text names it (up to 65535) and the
	 * word where it first does, so callers can keep the ones an article
	 * is about when it lists many.
	 */
	unsigned short mentions[GAZETTEER_MAX_COUNTRIES];
	unsigned first_word[GAZETTEER_MAX_COUNTRIES];
	/* keys of the regions the text itself names, sorted, unique */
	const char *regions[GAZETTEER_MAX_REGIONS];
	size_t nregions;
};

/*
 * Finds the countries and regions named by all the words in w (every tag).
 * A region's members are not added to countries: "Europe" gives the region
 * "europe" and no country.  w is scratch here: its words do not change.
 */
void gazetteer_match_words(struct gazetteer_words *w,
    struct gazetteer_result *out);
/* The same for one text (a segment per line). */
void gazetteer_match(const char *text, size_t n, struct gazetteer_result *out);

/*
 * Checks the built-in tables (unique codes, region members that exist, no
 * name claimed by two countries, rules naming known names).  Returns 0, or
 * -1 with *cause (owned) listing every problem, one per line.  For tests.
 */
int gazetteer_check(char **cause);

#endif
