/*
 * gazetteer: the tables, lookups, word splitting, a table of sentences a
 * careful reader would tag (one row per rule at the top of
 * src/gazetteer/match.c and data.c),
 * the seed fixtures when $SITREP_SHARED_FIXTURES is set, and a printed
 * (not asserted) throughput figure.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gazetteer.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

/* "CN JP US" for a result's countries (or regions). */
static char *
join(const char *const *v, size_t n)
{
	struct str s = STR_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			str_appendc(&s, ' ');
		str_appendz(&s, v[i]);
	}
	return str_steal(&s);
}

/* ---- tables ---- */

static void
test_tables(void **state)
{
	size_t i, members = 0, observers = 0;
	char *cause = NULL;

	(void)state;
	if (gazetteer_check(&cause) < 0)
		print_error("%s\n", cause);
	assert_null(cause);
	for (i = 0; i < gazetteer_country_count(); i++) {
		const struct gazetteer_country *c = gazetteer_country_at(i);

		assert_int_equal(strlen(c->code), 2);
		if (i > 0)
			assert_true(strcmp(gazetteer_country_at(i - 1)->code,
			    c->code) < 0);
		members += c->status == GAZETTEER_UN_MEMBER;
		observers += c->status == GAZETTEER_UN_OBSERVER;
		if (c->status == GAZETTEER_TERRITORY && c->sovereign != NULL)
			assert_non_null(gazetteer_country(c->sovereign));
	}
	/* every display name is a name the matcher knows */
	for (i = 0; i < gazetteer_country_count(); i++) {
		const struct gazetteer_country *c = gazetteer_country_at(i);
		const char *got = gazetteer_lookup_name(c->name,
		    strlen(c->name));

		if (got == NULL || strcmp(got, c->code) != 0)
			print_error("%s '%s' looks up to %s\n", c->code,
			    c->name, got ? got : "NULL");
		assert_non_null(got);
		assert_string_equal(got, c->code);
	}
	assert_int_equal(members, 193);
	assert_int_equal(observers, 2);
	assert_null(gazetteer_country_at(gazetteer_country_count()));
	for (i = 0; i < gazetteer_region_count(); i++) {
		const struct gazetteer_region *r = gazetteer_region_at(i);
		size_t k;

		assert_true(r->ncodes > 0);
		if (i > 0)
			assert_true(strcmp(gazetteer_region_at(i - 1)->key,
			    r->key) < 0);
		for (k = 0; k < r->ncodes; k++)
			assert_non_null(gazetteer_country(r->codes[k]));
	}
	assert_int_equal(gazetteer_region("european-union")->ncodes, 27);
	assert_int_equal(gazetteer_region("nato")->ncodes, 32);
	assert_int_equal(gazetteer_region("g7")->ncodes, 7);
}

static void
test_countries(void **state)
{
	const struct gazetteer_country *c;

	(void)state;
	c = gazetteer_country("jp");
	assert_non_null(c);
	assert_string_equal(c->code, "JP");
	assert_string_equal(c->name, "Japan");
	assert_int_equal(c->status, GAZETTEER_UN_MEMBER);
	c = gazetteer_country("XK");
	assert_non_null(c);
	assert_string_equal(c->name, "Kosovo");
	c = gazetteer_country("HK");
	assert_int_equal(c->status, GAZETTEER_TERRITORY);
	assert_string_equal(c->sovereign, "CN");
	assert_int_equal(gazetteer_country("VA")->status,
	    GAZETTEER_UN_OBSERVER);
	assert_null(gazetteer_country("ZZ"));
	assert_null(gazetteer_country("J"));
	assert_null(gazetteer_country("JPN"));
	assert_null(gazetteer_country(NULL));
}

struct lookup_case {
	const char *in;
	const char *want;	/* NULL: not found */
};

static const struct lookup_case name_cases[] = {
	{ "japan", "JP" }, { "Japan", "JP" }, { "JAPANESE", "JP" },
	{ "tokyo", "JP" }, { "jp", "JP" }, { " JP ", "JP" }, { "uk", "GB" },
	{ "United States", "US" }, { "united states of america", "US" },
	{ "U.S.", "US" }, { "us", "US" }, { "america", "US" },
	{ "kosovo", "XK" }, { "türkiye", "TR" }, { "turkey", "TR" },
	{ "cote d'ivoire", "CI" }, { "Côte d’Ivoire", "CI" },
	{ "georgia", "GE" }, { "north korea", "KP" }, { "dprk", "KP" },
	{ "korea", "KR" }, { "kiev", "UA" }, { "kyiv", "UA" },
	{ "russians", "RU" }, { "guinea-bissau", "GW" },
	{ "guinea bissau", "GW" }, { "holy see", "VA" },
	{ "korean peninsula", NULL },	/* two countries */
	{ "indian ocean", NULL }, { "texas", NULL }, { "europe", NULL },
	{ "atlantis", NULL }, { "", NULL }, { "zz", NULL },
};

static void
test_lookup_name(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(name_cases); i++) {
		const struct lookup_case *c = &name_cases[i];
		const char *got = gazetteer_lookup_name(c->in, strlen(c->in));

		if (c->want == NULL ? got != NULL :
		    got == NULL || strcmp(got, c->want) != 0)
			print_error("lookup '%s': %s, want %s\n", c->in,
			    got ? got : "NULL", c->want ? c->want : "NULL");
		if (c->want == NULL)
			assert_null(got);
		else
			assert_string_equal(got, c->want);
	}
}

static const struct lookup_case region_cases[] = {
	{ "east-asia", "east-asia" }, { "EAST-ASIA", "east-asia" },
	{ "East Asia", "east-asia" }, { "eu", "european-union" },
	{ "European Union", "european-union" }, { "nato", "nato" },
	{ "Middle East", "middle-east" }, { "indo-pacific", "indo-pacific" },
	{ "Indo Pacific", "indo-pacific" }, { "balkans", "balkans" },
	{ "japan", NULL }, { "narnia", NULL },
};

static void
test_lookup_region(void **state)
{
	const struct gazetteer_region *out[16];
	size_t i, n;
	char *keys;
	const char *names[16];

	(void)state;
	for (i = 0; i < NELEM(region_cases); i++) {
		const struct lookup_case *c = &region_cases[i];
		const char *got = gazetteer_lookup_region(c->in, strlen(c->in));

		if (c->want == NULL)
			assert_null(got);
		else
			assert_string_equal(got, c->want);
	}
	n = gazetteer_regions_of("jp", out, NELEM(out));
	assert_true(n <= NELEM(out));
	for (i = 0; i < n; i++)
		names[i] = out[i]->key;
	keys = join(names, n);
	assert_string_equal(keys,
	    "asia asia-pacific east-asia g20 g7 indo-pacific");
	free(keys);
	assert_int_equal(gazetteer_regions_of("JP", out, 2), 6);
	assert_string_equal(out[1]->key, "asia-pacific");
	assert_int_equal(gazetteer_regions_of("ZZ", out, 16), 0);
	assert_true(gazetteer_region_has(gazetteer_region("five-eyes"), "nz"));
	assert_false(gazetteer_region_has(gazetteer_region("five-eyes"),
	    "JP"));
	assert_null(gazetteer_region("nowhere"));
}

/* ---- words ---- */

struct word_case {
	const char *in;
	const char *want;	/* words joined by ' ', each word's flags after
				   a '/': C cap, U upper, D dotted, A apostrophe,
				   H hyphen, M comma, S sentence start */
};

static const struct word_case word_cases[] = {
	{ "Japan's", "japan/CS s/A" },
	{ "U.S.-Japan", "us/CUDS japan/CH" },
	{ "U.S President", "us/CUDS president/C" },
	{ "e.g. this", "eg/DS this/" },
	{ "Côte d’Ivoire", "cote/CS d/ ivoire/CA" },
	{ "Atlanta, Georgia", "atlanta/CS georgia/CM" },
	{ "one. Two", "one/S two/CS" },
	{ "St. Lucia", "st/CS lucia/C" },
	{ "Mr. Smith", "mr/CS smith/C" },
	{ "TÜRKİYE", "turkiye/CUS" },
	{ "Ελλάδα Київ", "ελλάδα/CS київ/C" },
	{ "a\xff" "b", "a/S b/" },
	{ "China‐linked", "china/CS linked/H" },
	{ "well - known", "well/S known/" },
};

static void
test_words(void **state)
{
	struct gazetteer_words *w = gazetteer_words_new();
	size_t i, k;

	(void)state;
	for (i = 0; i < NELEM(word_cases); i++) {
		const struct word_case *c = &word_cases[i];
		const struct gazetteer_word *v;
		struct str s = STR_INIT;
		const char *fold;
		size_t n;

		gazetteer_words_clear(w);
		gazetteer_words_add(w, c->in, strlen(c->in), 7);
		v = gazetteer_words_list(w, &n, &fold);
		for (k = 0; k < n; k++) {
			static const struct { unsigned f; char c; } fl[] = {
				{ GAZETTEER_W_CAP, 'C' },
				{ GAZETTEER_W_UPPER, 'U' },
				{ GAZETTEER_W_DOTTED, 'D' },
				{ GAZETTEER_W_APOS, 'A' },
				{ GAZETTEER_W_HYPHEN, 'H' },
				{ GAZETTEER_W_COMMA, 'M' },
				{ GAZETTEER_W_SENT, 'S' },
			};
			size_t f;

			assert_int_equal(v[k].tag, 7);
			assert_int_equal(v[k].hash,
			    gazetteer_hash(fold + v[k].off, v[k].len));
			if (k > 0)
				str_appendc(&s, ' ');
			str_append(&s, fold + v[k].off, v[k].len);
			str_appendc(&s, '/');
			for (f = 0; f < NELEM(fl); f++)
				if (v[k].flags & fl[f].f)
					str_appendc(&s, fl[f].c);
		}
		if (strcmp(str_cstr(&s), c->want) != 0)
			print_error("words of '%s': '%s', want '%s'\n", c->in,
			    str_cstr(&s), c->want);
		assert_string_equal(str_cstr(&s), c->want);
		str_free(&s);
	}
	gazetteer_words_free(w);
}

static void
test_words_lines(void **state)
{
	struct gazetteer_words *w = gazetteer_words_new();
	const struct gazetteer_word *v;
	const char *fold;
	size_t n;

	(void)state;
	gazetteer_words_add(w, STRP("US and Japan Pledge Deeper Ties\n"
	    "LET US PRAY\nThe talks went well"), 1);
	v = gazetteer_words_list(w, &n, &fold);
	assert_int_equal(n, 13);
	assert_true(v[0].flags & GAZETTEER_W_TITLE);
	assert_true(v[0].flags & GAZETTEER_W_SEG);
	assert_true(v[6].flags & GAZETTEER_W_SHOUT);
	assert_true(v[6].flags & GAZETTEER_W_SEG);
	assert_true(v[6].flags & GAZETTEER_W_BREAK);
	assert_false(v[9].flags & (GAZETTEER_W_TITLE | GAZETTEER_W_SHOUT));
	/* a second call starts a new segment */
	gazetteer_words_add(w, STRP("more"), 2);
	v = gazetteer_words_list(w, &n, &fold);
	assert_int_equal(n, 14);
	assert_true(v[13].flags & GAZETTEER_W_SEG);
	assert_int_equal(v[13].tag, 2);
	gazetteer_words_clear(w);
	v = gazetteer_words_list(w, &n, &fold);
	assert_int_equal(n, 0);
	gazetteer_words_free(w);
	gazetteer_words_free(NULL);
}

/* ---- sentences ---- */

struct match_case {
	const char *text;
	const char *countries;	/* expected codes, sorted, ' '-separated */
	const char *regions;	/* expected keys; NULL: none expected */
};

static const struct match_case match_cases[] = {
	/* the US and the pronoun */
	{ "The US and Japan agreed.", "JP US", NULL },
	{ "Please contact us today.", "", NULL },
	{ "LET US PRAY", "", NULL },
	{ "JOIN US FOR A WEBINAR ON CHINA", "CN", NULL },
	{ "US SANCTIONS RUSSIA", "RU US", NULL },
	{ "CHINA ACCUSES US OF HACKING", "CN US", NULL },
	{ "WHY THE U.S. WORRIES ABOUT US", "US", NULL },
	{ "U.S President Joe Biden", "US", NULL },
	{ "The USA and the U.K.", "GB US", NULL },
	{ "America First", "US", NULL },
	{ "Latin America and North America", "",
	  "latin-america north-america" },
	/* Chad */
	{ "Chad Smith scored twice on Sunday.", "", NULL },
	{ "\"We will win,\" said Chad.", "", NULL },
	{ "Chad closed its border with Sudan.", "SD TD", NULL },
	{ "Chad's army moved north.", "TD", NULL },
	/* Georgia */
	{ "Atlanta, Georgia officials certified the vote.", "US", NULL },
	{ "Georgia's governor signed the bill.", "US", NULL },
	{ "Georgia voters head to the polls.", "US", NULL },
	{ "Georgia and Florida were hit by the storm.", "US", NULL },
	{ "Athens, Georgia hosts the university.", "US", NULL },
	{ "Protesters filled the streets of Tbilisi.", "GE", NULL },
	{ "The Georgian government passed the law.", "GE", NULL },
	{ "Georgia and Armenia signed a deal.", "AM GE", NULL },
	{ "Tbilisi, Georgia was hit by protests.", "GE", NULL },
	{ "Ukraine, Georgia and Moldova want to join the EU.", "GE MD UA",
	  "european-union" },
	{ "Georgia said Russia violated its airspace.", "GE RU", NULL },
	{ "Georgia said it would appeal.\nKemp said the ruling was wrong.",
	  "US", NULL },
	/* Jordan */
	{ "Michael Jordan scored 40 points. Jordan said he was tired.", "",
	  NULL },
	{ "Jordan Peterson spoke at the event.", "", NULL },
	{ "Air Jordan sneakers sold out.", "", NULL },
	{ "Jordan said it would close the border.", "JO", NULL },
	{ "The King of Jordan met officials in Amman.", "JO", NULL },
	{ "Jordanian troops patrolled the border.", "JO", NULL },
	{ "Refugees fled to Jordan and Lebanon.", "JO LB", NULL },
	/* Turkey */
	{ "Turkey and Greece held talks.", "GR TR", NULL },
	{ "We carved the turkey.", "", NULL },
	{ "How to Roast a Turkey\nThanksgiving recipes for the whole family.",
	  "", NULL },
	{ "Türkiye rejected the proposal.", "TR", NULL },
	{ "a Turkey-brokered grain deal", "TR", NULL },
	/* word boundaries and longest matches */
	{ "Niger and Nigeria share a border.", "NE NG", NULL },
	{ "Nigerian and Nigerien officials met.", "NE NG", NULL },
	{ "Guinea-Bissau, Equatorial Guinea and Papua New Guinea",
	  "GQ GW PG", NULL },
	{ "Guinea held elections.", "GN", NULL },
	{ "Congo and the Republic of the Congo", "CD CG", NULL },
	{ "Democratic Republic of the Congo", "CD", NULL },
	{ "Dominica and the Dominican Republic", "DM DO", NULL },
	{ "Sudan and South Sudan", "SD SS", NULL },
	{ "Korea protested.", "KR", NULL },
	{ "North Korea fired a missile.", "KP", NULL },
	{ "South Korean and North Korean officials", "KP KR", NULL },
	{ "Talks on the Korean Peninsula", "KP KR", NULL },
	{ "Mali and Somalia", "ML SO", NULL },
	{ "India and Indiana", "IN US", NULL },
	{ "Ships in the Indian Ocean", "", NULL },
	{ "The Indian navy patrolled the Indian Ocean.", "IN", NULL },
	{ "Indian tribes sued.", "", NULL },
	{ "New Jersey lawmakers met.", "US", NULL },
	{ "Jersey City police", "", NULL },
	{ "Jersey and Guernsey, the Channel Islands", "GG JE", NULL },
	{ "Messi signed a Jersey for a fan.", "", NULL },
	{ "Victoria and Lincoln", "", NULL },
	/* case */
	{ "Chile exports copper.", "CL", NULL },
	{ "I like chili and chile peppers.", "", NULL },
	{ "Fine china and porcelain", "", NULL },
	{ "JAPAN AND CHINA", "CN JP", NULL },
	{ "China and Taiwan", "CN TW", NULL },
	{ "Iran and Iraq", "IQ IR", NULL },
	{ "the Iran-Iraq war", "IQ IR", NULL },
	/* the United Kingdom and the Netherlands */
	{ "Wales, Scotland and England", "GB", NULL },
	{ "Britain and the British", "GB", NULL },
	{ "Northern Ireland and Ireland", "GB IE", NULL },
	{ "The English language", "", NULL },
	{ "Holland and the Dutch", "NL", NULL },
	{ "Tom Holland starred in the film.", "", NULL },
	{ "New South Wales", "AU", NULL },
	/* waters, languages, demonyms */
	{ "Tensions in the Persian Gulf", "", "gulf" },
	{ "The South China Sea and the Sea of Japan", "", NULL },
	{ "Russian-speaking hackers", "RU", NULL },
	{ "Spanish-speaking voters", "", NULL },
	{ "Emirati and Filipino workers", "AE PH", NULL },
	{ "Ukrainians and Russians", "RU UA", NULL },
	{ "Japan's prime minister", "JP", NULL },
	{ "China-linked hackers", "CN", NULL },
	{ "US-Japan talks", "JP US", NULL },
	{ "Sino-Japanese relations", "CN JP", NULL },
	/* seats of government */
	{ "Kyiv and Kiev", "UA", NULL },
	{ "Beijing and Pyongyang", "CN KP", NULL },
	{ "The Kremlin and the White House", "RU US", NULL },
	{ "Officials in Washington said sanctions would follow.", "US", NULL },
	{ "George Washington University", "", NULL },
	{ "Seattle, Washington is rainy.", "US", NULL },
	{ "The Washington Post reported the leak.", "", NULL },
	{ "Beijing, Washington and Moscow traded barbs.", "CN RU US", NULL },
	{ "Brussels negotiators reached a deal.", "", "european-union" },
	{ "Brussels sprouts", "", NULL },
	{ "Talks in Paris", "FR", NULL },
	{ "The Paris Agreement", "", NULL },
	{ "Tripoli, Lebanon", "LB", NULL },
	{ "Moscow, Idaho police", "US", NULL },
	{ "London, Ontario", "CA", NULL },
	{ "Mexico, Texas and Arizona", "MX US", NULL },
	/* territories and disputed places */
	{ "Hong Kong and Macau", "HK MO", NULL },
	{ "Kosovo and Serbia", "RS XK", NULL },
	{ "Palestinian officials in Gaza", "PS", NULL },
	{ "Western Sahara", "EH", NULL },
	{ "Puerto Rico and Greenland", "GL PR", NULL },
	{ "the Vatican and the Holy See", "VA", NULL },
	{ "Côte d’Ivoire", "CI", NULL },
	{ "Crimea and the Donbas", "UA", NULL },
	/* abbreviations and regions */
	{ "The PRC, the DPRK and the ROK", "CN KP KR", NULL },
	{ "The UAE and KSA", "AE SA", NULL },
	{ "The Indo-Pacific", "", "indo-pacific" },
	{ "The Middle East and the Balkans", "", "balkans middle-east" },
	{ "East Asia and Southeast Asia", "", "east-asia southeast-asia" },
	{ "NATO and the Five Eyes", "", "five-eyes nato" },
	{ "sub-Saharan Africa", "", "sub-saharan-africa" },
	/* more of the rules written at the top of src/gazetteer/match.c */
	{ "Georgia Gov. Brian Kemp signed it.", "US", NULL },
	{ "Said Chad Smith, the CEO.", "", NULL },
	{ "Congo-Brazzaville and Brazzaville", "CG", NULL },
	{ "Trade across the Americas", "", NULL },
	{ "A Turkey sandwich", "", NULL },
	{ "Jack London wrote it.", "", NULL },
	{ "Irving Berlin wrote songs.", "", NULL },
	{ "William Hague said so.", "", NULL },
	{ "Paris Hilton arrived.", "", NULL },
	{ "an Indian reservation", "", NULL },
	{ "American Indian tribes", "US", NULL },
	{ "Scots and Welsh voters", "GB", NULL },
	{ "Northern Irish parties", "GB", NULL },
	{ "Officials in The Hague", "NL", NULL },
	{ "Washington, D.C.", "US", NULL },
	/* datelines say where the reporter was */
	{ "WASHINGTON \xe2\x80\x94 The State Department said", "", NULL },
	{ "AMMAN (Reuters) - Russian jets struck Idlib in Syria.", "RU SY",
	  NULL },
	{ "KYIV, Ukraine (AP) \xe2\x80\x94 Russia launched drones.", "RU",
	  NULL },
	{ "LONDON, Aug 8 (Reuters) - Oil prices rose.", "", NULL },
	{ "US - China talks resumed.", "CN US", NULL },
	{ "Ghana - a report from Accra.", "GH", NULL },
	{ "St. Lucia and St Kitts", "KN LC", NULL },
	{ "Kemp's Georgia\nAtlanta traffic", "US", NULL },
};

static void
test_match_table(void **state)
{
	struct gazetteer_result r;
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < NELEM(match_cases); i++) {
		const struct match_case *c = &match_cases[i];
		char *got, *regions;

		gazetteer_match(c->text, strlen(c->text), &r);
		got = join(r.countries, r.ncountries);
		regions = join(r.regions, r.nregions);
		if (strcmp(got, c->countries) != 0 ||
		    strcmp(regions, c->regions ? c->regions : "") != 0) {
			print_error("'%s': {%s} [%s], want {%s} [%s]\n",
			    c->text, got, regions, c->countries,
			    c->regions ? c->regions : "");
			bad++;
		}
		free(got);
		free(regions);
	}
	assert_true(NELEM(match_cases) >= 60);
	assert_int_equal(bad, 0);
}

/* Our own sentences shaped like the seed feed's six items. */
static const struct match_case seed_like[] = {
	{ "US and Japan Deepen Defense Ties\nTop U.S. and Japanese officials "
	  "voiced concern over Chinese ambitions.", "CN JP US", NULL },
	{ "Seoul Says Pyongyang Hackers Stole Crypto\nSouth Korean police "
	  "blamed a North Korean group.", "KP KR", NULL },
	{ "EU Adopts Device Security Rules\nBrussels agreed; firms in Germany, "
	  "France & Italy must comply.", "DE FR IT", "european-union" },
	{ "Ransomware Hits Australian Hospital\nCanberra would not pay; "
	  "Russian-speaking actors were blamed.", "AU RU", NULL },
	{ "India's CERT-In Warns of Grid Attacks\nNew Delhi linked them to a "
	  "China-based group.", "CN IN", NULL },
	{ "Ukraine Says Russian Malware Hit Broadcaster\nKyiv's agency said "
	  "Moscow was behind it.", "RU UA", NULL },
};

static void
test_seed_like(void **state)
{
	struct gazetteer_result r;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(seed_like); i++) {
		char *got, *regions;

		gazetteer_match(seed_like[i].text, strlen(seed_like[i].text), &r);
		got = join(r.countries, r.ncountries);
		regions = join(r.regions, r.nregions);
		assert_string_equal(got, seed_like[i].countries);
		assert_string_equal(regions, seed_like[i].regions ?
		    seed_like[i].regions : "");
		free(got);
		free(regions);
	}
}

/* Sorted, unique and known: what every result must be. */
static void
check_result(const struct gazetteer_result *r)
{
	size_t i;

	assert_true(r->ncountries <= GAZETTEER_MAX_COUNTRIES);
	assert_true(r->nregions <= GAZETTEER_MAX_REGIONS);
	for (i = 0; i < r->ncountries; i++) {
		assert_non_null(gazetteer_country(r->countries[i]));
		if (i > 0)
			assert_true(strcmp(r->countries[i - 1],
			    r->countries[i]) < 0);
	}
	for (i = 0; i < r->nregions; i++) {
		assert_non_null(gazetteer_region(r->regions[i]));
		if (i > 0)
			assert_true(strcmp(r->regions[i - 1], r->regions[i]) < 0);
	}
}

/* Feed text is hostile: fragments, broken UTF-8, odd punctuation. */
static void
test_hostile(void **state)
{
	static const char *const bits[] = {
		"U.", "S.", "US", "U.S", " ", ",", ", ", "-", "'", "\xe2\x80\x99",
		"\n", ".", ". ", "Georgia", "Jordan", "Chad", "Turkey", "LET",
		"of", "and", "Atlanta", "New", "Guinea", "Papua", "St.", "Mr.",
		"A.", "\xff", "\xc3", "\xc3\xa9", "\xe2\x80", "\xcc\x81",
		"\xe4\xb8\xad\xe5\x9b\xbd", "Korea", "North", "Democratic",
		"Republic", "the", "Congo", "said", "Michael", "Washington",
		"D.C.", "Idaho", "Moscow", "Athens", "\t", "\0", "e.g.", "Z",
		"\xf0\x9f\x98\x80", "Sea", "China", "South", "Jersey",
		"LONDON", " (", "\xe2\x80\x94", " - ",
	};
	struct gazetteer_words *w = gazetteer_words_new();
	struct gazetteer_result r;
	struct str s = STR_INIT;
	uint32_t seed = 1;
	size_t round, k;

	(void)state;
	for (round = 0; round < 3000; round++) {
		size_t parts;

		str_clear(&s);
		seed = seed * 1103515245u + 12345u;
		parts = (seed >> 16) % 60;
		for (k = 0; k < parts; k++) {
			const char *b;

			seed = seed * 1103515245u + 12345u;
			b = bits[(seed >> 16) % NELEM(bits)];
			str_append(&s, b, *b == '\0' ? 1 : strlen(b));
		}
		gazetteer_match(s.p != NULL ? s.p : "", s.len, &r);
		check_result(&r);
		gazetteer_words_clear(w);
		gazetteer_words_add(w, s.p != NULL ? s.p : "", s.len, 0);
		gazetteer_words_add(w, s.p != NULL ? s.p : "", s.len / 2, 1);
		gazetteer_match_words(w, &r);
		check_result(&r);
	}
	/* one long text, every country named */
	str_clear(&s);
	for (k = 0; k < 20; k++) {
		size_t i;

		for (i = 0; i < gazetteer_country_count(); i++) {
			str_appendz(&s, gazetteer_country_at(i)->name);
			str_appendz(&s, ", Georgia and ");
		}
	}
	gazetteer_match(s.p, s.len, &r);
	check_result(&r);
	assert_true(r.ncountries > 200);
	str_free(&s);
	gazetteer_words_free(w);
}

/* ---- the shared seed fixtures ---- */

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct str s = STR_INIT;
	char buf[8192];
	size_t k;

	if (f == NULL)
		return NULL;
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	fclose(f);
	return str_steal(&s);
}

/*
 * The text of the first <name>...</name> in [p, end), CDATA unwrapped and
 * HTML turned into text; *next is set after it.  NULL when absent.
 */
static char *
element_text(const char *p, const char *end, const char *name,
    const char **next)
{
	char open[64], close[64];
	const char *a, *b;

	snprintf(open, sizeof open, "<%s>", name);
	snprintf(close, sizeof close, "</%s>", name);
	a = strstr(p, open);
	if (a == NULL || a >= end)
		return NULL;
	a += strlen(open);
	b = strstr(a, close);
	if (b == NULL || b > end)
		return NULL;
	*next = b + strlen(close);
	if (strncmp(a, "<![CDATA[", 9) == 0 && b - a >= 12 &&
	    strncmp(b - 3, "]]>", 3) == 0)
		return text_from_html(a + 9, (size_t)(b - 3 - a - 9), 0);
	return text_from_html(a, (size_t)(b - a), 0);
}

static const struct match_case seed_items[] = {
	{ NULL, "CN JP US", NULL },
	{ NULL, "KP KR", NULL },
	{ NULL, "DE FR", "european-union" },
	{ NULL, "AU RU", NULL },
	{ NULL, "CN IN", NULL },
	{ NULL, "RU UA", NULL },
};

static void
test_seed_fixtures(void **state)
{
	const char *dir = getenv("SITREP_SHARED_FIXTURES");
	char *path, *rss, *text;
	const char *p;
	struct gazetteer_result r;
	size_t i = 0;
	char *got, *regions;

	(void)state;
	if (dir == NULL || *dir == '\0')
		skip();
	path = xasprintf("%s/seed/ismg_inforisktoday.rss", dir);
	rss = slurp(path);
	free(path);
	if (rss == NULL)
		skip();
	for (p = strstr(rss, "<item>"); p != NULL; p = strstr(p, "<item>")) {
		const char *end = strstr(p, "</item>"), *after;
		char *title, *desc, *both;

		assert_non_null(end);
		title = element_text(p, end, "title", &after);
		desc = element_text(p, end, "description", &after);
		assert_non_null(title);
		assert_non_null(desc);
		both = xasprintf("%s\n%s", title, desc);
		assert_true(i < NELEM(seed_items));
		gazetteer_match(both, strlen(both), &r);
		got = join(r.countries, r.ncountries);
		regions = join(r.regions, r.nregions);
		if (strcmp(got, seed_items[i].countries) != 0)
			print_error("seed item %zu '%s': {%s}\n", i, title, got);
		assert_string_equal(got, seed_items[i].countries);
		assert_string_equal(regions, seed_items[i].regions ?
		    seed_items[i].regions : "");
		free(got);
		free(regions);
		free(title);
		free(desc);
		free(both);
		p = end;
		i++;
	}
	assert_int_equal(i, NELEM(seed_items));
	free(rss);

	path = xasprintf("%s/seed/000_0456bce045928c91.txt", dir);
	text = slurp(path);
	free(path);
	assert_non_null(text);
	gazetteer_match(text, strlen(text), &r);
	got = join(r.countries, r.ncountries);
	regions = join(r.regions, r.nregions);
	assert_string_equal(got, "CN JP US");
	assert_string_equal(regions, "east-asia indo-pacific");
	free(got);
	free(regions);
	free(text);
}

/* ---- throughput (printed, not asserted) ---- */

/* Realistic sentences; articles are drawn from them at random. */
static const char *const bench_sentences[] = {
	"Officials in Washington said the sanctions would target Russian "
	"banks and several Chinese firms that supply drone components.",
	"The ministry said the attackers used stolen credentials to reach "
	"servers at the regional utility, officials told reporters on Tuesday.",
	"Investigators linked the campaign to a North Korean group that has "
	"targeted cryptocurrency exchanges in South Korea and Japan.",
	"The European Commission proposed new rules for connected devices "
	"sold in the EU, giving manufacturers three years to comply.",
	"Ukraine's cyber agency said the wiper malware hit systems at a news "
	"agency in Kyiv; Moscow denied any involvement.",
	"Analysts expect the talks between India and Pakistan to resume after "
	"the elections, according to people familiar with the matter.",
	"The company, based in Atlanta, Georgia, disclosed the breach in a "
	"filing with the Securities and Exchange Commission.",
	"A spokesperson for the Israeli military said troops had entered the "
	"northern Gaza Strip overnight.",
	"Prices rose sharply in Brazil, Argentina and Chile as the currency "
	"weakened against the dollar.",
	"The vulnerability, tracked as CVE-2024-3400, allows remote code "
	"execution on unpatched firewalls.",
	"Security researchers warned that the flaw is being exploited in the "
	"wild and urged administrators to patch immediately.",
	"Iran's foreign minister met his Saudi counterpart in Riyadh to "
	"discuss shipping in the Red Sea.",
	"The group posted stolen data on its leak site after the hospital in "
	"Ohio refused to pay the ransom.",
	"Taiwan reported Chinese warships and aircraft near the island for a "
	"third consecutive day.",
	"The report, published Wednesday, found that phishing remained the "
	"most common way into corporate networks.",
	"Nigeria and Ghana signed an agreement on regional security with "
	"other members of ECOWAS.",
	"In a statement, the company said it had restored most services and "
	"was working with law enforcement.",
	"The NATO summit in Vilnius focused on air defence for the Baltic "
	"states and on support for Kyiv.",
	"Chad Smith, the firm's chief executive, said customers would be "
	"notified by email.",
	"The attack disrupted payment systems across Southeast Asia, with "
	"banks in Singapore and Malaysia reporting outages.",
};

static size_t
bench_article(char *buf, size_t cap, uint32_t *seed)
{
	size_t n = 0;

	while (n < 1500) {
		const char *s;
		size_t k;

		*seed = *seed * 1103515245u + 12345u;
		s = bench_sentences[(*seed >> 16) % NELEM(bench_sentences)];
		k = strlen(s);
		if (n + k + 2 >= cap)
			break;
		memcpy(buf + n, s, k);
		n += k;
		buf[n++] = ' ';
	}
	buf[n] = '\0';
	return n;
}

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
test_throughput(void **state)
{
	enum { DISTINCT = 2000 };
	size_t total = SANITIZED ? 10000 : 100000;
	char (*arts)[2048] = xcalloc(DISTINCT, sizeof *arts);
	size_t lens[DISTINCT], bytes = 0, found = 0, i;
	struct gazetteer_words *w = gazetteer_words_new();
	struct gazetteer_result r;
	uint32_t seed = 42;
	double t0, dt;

	(void)state;
	for (i = 0; i < DISTINCT; i++)
		lens[i] = bench_article(arts[i], sizeof arts[i], &seed);
	gazetteer_country_count();	/* build the tables outside the timing */
	t0 = now_s();
	for (i = 0; i < total; i++) {
		size_t a = i % DISTINCT;

		gazetteer_words_clear(w);
		gazetteer_words_add(w, arts[a], 80, 1);
		gazetteer_words_add(w, arts[a] + 80, lens[a] - 80, 1);
		gazetteer_match_words(w, &r);
		bytes += lens[a];
		found += r.ncountries;
	}
	dt = now_s() - t0;
	printf("gazetteer: %zu articles, %.0f bytes each, %.2f s: "
	    "%.0f articles/s, %.1f MB/s%s\n", total,
	    (double)bytes / (double)total, dt, (double)total / dt,
	    (double)bytes / dt / 1e6, SANITIZED ? " (sanitizer build)" : "");
	assert_true(found > 0);
	gazetteer_words_free(w);
	free(arts);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_lookup_name),
		cmocka_unit_test(test_lookup_region),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_words_lines),
		cmocka_unit_test(test_match_table),
		cmocka_unit_test(test_seed_like),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_seed_fixtures),
		cmocka_unit_test(test_throughput),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
