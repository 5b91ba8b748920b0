/*
 * gazetteer_int: what the files of src/gazetteer/ share.  Private to the
 * gazetteer; include/gazetteer.h is the contract.
 *
 * The files, each calling only the ones below it:
 *   gazetteer.c  the public lookups: countries, regions, names, the check
 *   match.c      what a text names: mentions, the rules for weak names
 *   index.c      the tables of data.c built, once, into the index gz
 *   words.c      text split into folded, flagged words
 *   data.c       what the gazetteer knows of English: every name, alias,
 *                region, rule and word list (no code)
 *
 * The cut is there so that the names can come from elsewhere (ICU and
 * iso-codes in every language, stemmed) by changing data.c and index.c,
 * while the matcher and its rules stay as they are.
 */
#ifndef SITREP_GAZETTEER_INT_H
#define SITREP_GAZETTEER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"
#include "str.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* --- data.c: the tables as written --- */

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

extern const struct gz_country_src gz_country_src[];
extern const size_t gz_country_src_n;
extern const struct gz_extra_src gz_extra_src[];
extern const size_t gz_extra_src_n;
extern const struct gz_region_src gz_region_src[];
extern const size_t gz_region_src_n;
extern const struct gz_rule_src gz_rule_src[];
extern const size_t gz_rule_src_n;
/* '|'-separated word lists for the rules of weak names (match.c) */
extern const char gz_first_names[], gz_prev_exempt[], gz_next_exempt[],
    gz_said[], gz_and_or[];
/* Sorted word lists of the word splitter (words.c) */
extern const char *const gz_no_stop_abbrevs[];
extern const size_t gz_no_stop_abbrevs_n;
extern const char *const gz_joining_abbrevs[];
extern const size_t gz_joining_abbrevs_n;
extern const char *const gz_title_small_words[];
extern const size_t gz_title_small_words_n;
/* Sorted keys of the regions that are political groups */
extern const char *const gz_group_keys[];
extern const size_t gz_group_keys_n;

#define GZ_MAX_RULES 64

/* --- index.c: the tables built --- */

enum { CASE_ANY, CASE_CAP, CASE_UPPER };

struct gz_tok {			/* one word of a name or a phrase */
	uint32_t hash;
	uint32_t off;		/* folded bytes in gz.pool */
	uint32_t len;
	uint8_t casec;		/* CASE_* */
};

struct gz_phrase {		/* words gz.toks[tok .. tok + ntok) */
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
	uint32_t off, len;	/* the word in gz.pool */
	uint32_t first, count;	/* in gz.order, longest first */
};

#define GZ_BLOOM_BITS 8192

struct gz_index {
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
};

/* Built on first use by gz_init() (thread-safe), never freed. */
extern struct gz_index gz;

void gz_init(void);
/* The index of the country with code[0..n) (any case), or -1. */
int gz_country_index(const char *code, size_t n);
/* Returns borrowed: the names whose first word is s[0..len), or NULL. */
const struct gz_group *gz_group_find(const char *s, uint32_t len,
    uint32_t hash);

/* --- words.c, with match.c's scratch --- */

/* 1 when s[0..len) is one of the n sorted strings of v. */
int gz_in_sorted(const char *const *v, size_t n, const char *s, size_t len);

struct gz_mention {
	uint32_t w;		/* first word */
	uint32_t name;		/* in gz.names */
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

#endif
