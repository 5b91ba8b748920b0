/*
 * classify: list values, topic definitions and their error messages,
 * category globs, keywords on word boundaries, phrases, prefixes, regexes
 * (and their literal prefilter, checked against plain regexec), feed rules,
 * exclusions, the ready-made topics in tests/fixtures/classify/topics.ini
 * on our own seed-like items and on the shared seed feed when present, and
 * a printed (not asserted) throughput figure.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <iniparser.h>

#include "classify.h"
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

#define TOPICS_INI "tests/fixtures/classify/topics.ini"

/* ---- list values ---- */

struct list_case {
	const char *in;
	const char *want;	/* items joined with '|'; NULL: an error */
	const char *error;	/* part of the message */
};

static const struct list_case list_cases[] = {
	{ "a, b ,c", "a|b|c", NULL },
	{ "  ransomware  ", "ransomware", NULL },
	{ "", "", NULL },
	{ " , ,a,,", "a", NULL },
	{ "Ransomware, \"Standards, Regulations & Compliance\"",
	  "Ransomware|Standards, Regulations & Compliance", NULL },
	{ "'single, quoted', x", "single, quoted|x", NULL },
	{ "\"a 'b' c\"", "a 'b' c", NULL },
	{ "it's, O'Brien", "it's|O'Brien", NULL },
	{ "\"\", x", "x", NULL },
	{ "\"unterminated, x", NULL, "unterminated \" quote" },
	{ "'open", NULL, "unterminated ' quote" },
	{ "\"a\" b, c", NULL, "text after a closing quote" },
	{ "supply chain, sanction*, =APT", "supply chain|sanction*|=APT",
	  NULL },
};

static void
test_parse_list(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(list_cases); i++) {
		const struct list_case *c = &list_cases[i];
		struct strv sv = STRV_INIT;
		char *cause = NULL, *got;
		int rc = classify_parse_list(c->in, &sv, &cause);

		if (c->want == NULL) {
			assert_int_equal(rc, -1);
			assert_non_null(cause);
			if (strstr(cause, c->error) == NULL)
				print_error("'%s': %s\n", c->in, cause);
			assert_non_null(strstr(cause, c->error));
			free(cause);
		} else {
			assert_int_equal(rc, 0);
			got = strv_join(&sv, "|");
			if (strcmp(got, c->want) != 0)
				print_error("'%s': '%s', want '%s'\n", c->in,
				    got, c->want);
			assert_string_equal(got, c->want);
			free(got);
		}
		strv_free(&sv);
	}
	assert_int_equal(classify_parse_list(NULL, NULL, NULL), 0);
}

static void
test_topic_set(void **state)
{
	struct classify_topic t;
	const char *const *names = classify_topic_key_names();
	char *cause = NULL;
	size_t n;

	(void)state;
	for (n = 0; names[n] != NULL; n++)
		;
	assert_int_equal(n, 7);
	classify_topic_init(&t, "espionage");
	assert_int_equal(classify_topic_set(&t, "label", " Espionage ", NULL),
	    0);
	assert_string_equal(t.label, "Espionage");
	assert_int_equal(classify_topic_set(&t, "SHORT", "SPY", NULL), 0);
	assert_string_equal(t.short_name, "SPY");
	assert_int_equal(classify_topic_set(&t, "keywords", "spy, spies", NULL),
	    0);
	assert_int_equal(classify_topic_set(&t, "keywords", "espionage", NULL),
	    0);
	assert_int_equal(t.keywords.n, 3);	/* lists append */
	assert_int_equal(classify_topic_set(&t, "regex", "a,b{1,2}", NULL), 0);
	assert_int_equal(classify_topic_set(&t, "regex", "APT ?[0-9]{1,3}",
	    NULL), 0);
	assert_int_equal(t.regexes.n, 1);	/* one regex, replaced, whole */
	assert_string_equal(t.regexes.v[0], "APT ?[0-9]{1,3}");
	assert_int_equal(classify_topic_set(&t, "label", "", NULL), 0);
	assert_null(t.label);

	assert_int_equal(classify_topic_set(&t, "colour", "red", &cause), -1);
	assert_string_equal(cause, "[topic:espionage] unknown key 'colour'");
	free(cause);
	cause = NULL;
	assert_int_equal(classify_topic_set(&t, "categories", "\"Nation-State",
	    &cause), -1);
	assert_string_equal(cause, "[topic:espionage] categories: unterminated "
	    "\" quote in '\"Nation-State'");
	free(cause);
	classify_topic_free(&t);
	classify_topic_free(NULL);
}

/* ---- compiling and its messages ---- */

/* A topic from "key|label|short|categories|keywords|regex|feeds|exclude". */
static void
topic_from(struct classify_topic *t, const char *spec)
{
	static const char *const keys[] = {
		"label", "short", "categories", "keywords", "regex", "feeds",
		"exclude"
	};
	char *copy = xstrdup(spec), *p = copy, *bar;
	size_t i;

	bar = strchr(p, '|');
	if (bar != NULL)
		*bar = '\0';
	classify_topic_init(t, p);
	for (i = 0; bar != NULL && i < NELEM(keys); i++) {
		p = bar + 1;
		bar = strchr(p, '|');
		if (bar != NULL)
			*bar = '\0';
		assert_int_equal(classify_topic_set(t, keys[i], p, NULL), 0);
	}
	free(copy);
}

static struct classifier *
compile(const char *const *specs, size_t n, char **cause)
{
	struct classify_topic *t = xcalloc(n + 1, sizeof *t);
	struct classifier *c;
	size_t i;

	for (i = 0; i < n; i++)
		topic_from(&t[i], specs[i]);
	c = classifier_new(t, n, cause);
	for (i = 0; i < n; i++)
		classify_topic_free(&t[i]);
	free(t);
	return c;
}

struct error_case {
	const char *spec;
	const char *error;	/* the whole message */
};

static const struct error_case error_cases[] = {
	{ "espionage|||||(apt", "[topic:espionage] regex '(apt' is invalid: " },
	{ "x|||a||||regex:[z", "[topic:x] exclude regex '[z' is invalid: " },
	{ "Bad Key|||a", "[topic:Bad Key] the key must be 1-64 of a-z, 0-9, "
	  "'.', '_' and '-', starting with a letter or digit" },
	{ "x||WIDEBADGE|a", "[topic:x] short 'WIDEBADGE' is wider than 6 "
	  "columns" },
	{ "x|just a label", "[topic:x] has no rules: give categories, "
	  "keywords, regex or feeds" },
	{ "x||||ab*", "[topic:x] keyword 'ab*': a prefix needs at least 3 "
	  "letters before '*'" },
	{ "x||||a*b", "[topic:x] keyword 'a*b': '*' may only end the last "
	  "word" },
	{ "x||||war *", "[topic:x] keyword 'war *': '*' must end a word" },
	{ "x||||--", "[topic:x] keyword '--' has no words" },
	{ "x||||U.S./China", "[topic:x] keyword 'U.S./China' has punctuation "
	  "between words (use spaces or hyphens)" },
};

static void
test_compile_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(error_cases); i++) {
		const char *spec = error_cases[i].spec;
		char *cause = NULL;
		struct classifier *c = compile(&spec, 1, &cause);

		assert_null(c);
		assert_non_null(cause);
		if (strncmp(cause, error_cases[i].error,
		    strlen(error_cases[i].error)) != 0)
			print_error("'%s': '%s'\n", spec, cause);
		assert_memory_equal(cause, error_cases[i].error,
		    strlen(error_cases[i].error));
		free(cause);
	}
}

static void
test_compile_all_errors(void **state)
{
	const char *specs[] = {
		"dup|||a", "dup|||b", "ok|||c", "bad|||||(x",
	};
	char *cause = NULL;

	(void)state;
	assert_null(compile(specs, NELEM(specs), &cause));
	assert_string_equal(cause, "[topic:dup] is defined twice\n"
	    "[topic:bad] regex '(x' is invalid: Unmatched ( or \\(");
	free(cause);
	assert_null(compile(specs, NELEM(specs), NULL));
}

static void
test_compile_defaults(void **state)
{
	const char *specs[] = { "infrastructure|||Critical*" };
	struct classifier *c = compile(specs, 1, NULL);

	(void)state;
	assert_non_null(c);
	assert_int_equal(classifier_topic_count(c), 1);
	assert_string_equal(classifier_topic_key(c, 0), "infrastructure");
	assert_string_equal(classifier_topic_label(c, 0), "infrastructure");
	assert_string_equal(classifier_topic_short(c, 0), "infras");
	assert_null(classifier_topic_key(c, 1));
	classifier_free(c);
	classifier_free(NULL);
	c = classifier_new(NULL, 0, NULL);
	assert_non_null(c);
	assert_int_equal(classifier_topic_count(c), 0);
	classifier_free(c);
}

/* ---- matching ---- */

struct item {
	const char *feed;
	const char *title;
	const char *summary;
	const char *cats;	/* '|'-separated, or NULL */
};

/* Topics of one item as "a b c". */
static char *
topics_of(const struct classifier *c, const struct item *it)
{
	struct classify_input in;
	struct strv cats = STRV_INIT, out = STRV_INIT;
	char *got;

	memset(&in, 0, sizeof in);
	in.feed_key = it->feed;
	in.title = it->title;
	in.summary = it->summary;
	if (it->cats != NULL) {
		const char *p = it->cats;

		for (;;) {
			const char *bar = strchr(p, '|');

			strv_push(&cats, bar ? xstrndup(p, (size_t)(bar - p)) :
			    xstrdup(p));
			if (bar == NULL)
				break;
			p = bar + 1;
		}
		in.categories = (const char *const *)cats.v;
		in.ncategories = cats.n;
	}
	classifier_topics(c, &in, &out);
	got = strv_join(&out, " ");
	strv_free(&out);
	strv_free(&cats);
	return got;
}

struct match_case {
	struct item it;
	const char *want;
};

static const char *const rule_specs[] = {
	/* key|label|short|categories|keywords|regex|feeds|exclude */
	"exact|||Ransomware",
	"glob|||*Nation-State*, Cyber?warfare",
	"war||||war",
	"phrase||||supply chain",
	"prefix||||sanction*",
	"acronym||||=APT",
	"accent||||Türkiye, naïve",
	"re|||||CVE-[0-9]{4}-[0-9]{4,}",
	"feed||||||ismg-*",
	("vetoed||||breach|||data breach, category:Sponsored*, feed:ads, "
	    "\"regex:^Webinar\""),
	"dotted||||U.S. sanctions",
};

static const struct match_case match_cases[] = {
	/* categories: exact and glob, any case, the whole category */
	{ { NULL, NULL, NULL, "Ransomware" }, "exact" },
	{ { NULL, NULL, NULL, "RANSOMWARE" }, "exact" },
	{ { NULL, NULL, NULL, "Ransomware News" }, "" },
	{ { NULL, NULL, NULL, "Cyberwarfare / Nation-State Attacks" }, "glob" },
	{ { NULL, NULL, NULL, "cyber-warfare" }, "glob" },
	{ { NULL, NULL, NULL, "Cyber\xe2\x80\x94Warfare" }, "glob" },
	{ { NULL, NULL, NULL, "Cyberwarfare" }, "" },	/* '?' is one */
	{ { NULL, NULL, NULL, "Cyber--warfare" }, "" },
	{ { NULL, NULL, NULL, "Fraud|ransomware" }, "exact" },
	/* keywords on word boundaries */
	{ { NULL, "War in the east", NULL, NULL }, "war" },
	{ { NULL, NULL, "the war's end", NULL }, "war" },
	{ { NULL, NULL, "a post-war order", NULL }, "war" },
	{ { NULL, "New software released", NULL, NULL }, "" },
	{ { NULL, "A warning was issued", NULL, NULL }, "" },
	{ { NULL, "Warsaw talks", NULL, NULL }, "" },
	{ { NULL, NULL, NULL, "war" }, "" },	/* keywords skip categories */
	/* phrases */
	{ { NULL, "Supply-chain attack", NULL, NULL }, "phrase" },
	{ { NULL, NULL, "the SUPPLY CHAIN risk", NULL }, "phrase" },
	{ { NULL, NULL, "supply. Chain", NULL }, "" },
	{ { NULL, "supply", "chain", NULL }, "" },	/* not across fields */
	{ { NULL, NULL, "supply the chain", NULL }, "" },
	/* prefixes */
	{ { NULL, "New sanctions on Iran", NULL, NULL }, "prefix" },
	{ { NULL, "Sanctioned entities", NULL, NULL }, "prefix" },
	{ { NULL, "A sanction", NULL, NULL }, "prefix" },
	{ { NULL, "sanctuary city", NULL, NULL }, "" },
	/* capitals count with '=' */
	{ { NULL, "APT group", NULL, NULL }, "acronym" },
	{ { NULL, "an apt remark", NULL, NULL }, "" },
	/* accents are ignored */
	{ { NULL, "Turkiye says", NULL, NULL }, "accent" },
	{ { NULL, "a naive plan", NULL, NULL }, "accent" },
	/* dotted abbreviations in keywords */
	{ { NULL, "new US sanctions", NULL, NULL }, "prefix dotted" },
	{ { NULL, "new U.S. sanctions", NULL, NULL }, "prefix dotted" },
	/* regex, on title and summary */
	{ { NULL, "Patch for cve-2024-3400", NULL, NULL }, "re" },
	{ { NULL, NULL, "tracked as CVE-2023-12345.", NULL }, "re" },
	{ { NULL, NULL, "CVE-2023-12", NULL }, "" },
	/* feeds */
	{ { "ismg-india", "anything", NULL, NULL }, "feed" },
	{ { "ISMG-us", NULL, NULL, NULL }, "feed" },
	{ { "bbc", "anything", NULL, NULL }, "" },
	/* exclusions */
	{ { NULL, "A breach at the bank", NULL, NULL }, "vetoed" },
	{ { NULL, "A data breach at the bank", NULL, NULL }, "" },
	{ { NULL, "Breach", NULL, "Sponsored Content" }, "" },
	{ { "ads", "Breach", NULL, NULL }, "" },
	{ { NULL, "Webinar: the breach", NULL, NULL }, "" },
	{ { NULL, "A breach", "Webinar tomorrow", NULL }, "" },
	/* several topics, in definition order */
	{ { "ismg-uk", "War and sanctions", NULL, "Ransomware" },
	  "exact war prefix feed" },
};

static void
test_match(void **state)
{
	struct classifier *c;
	char *cause = NULL;
	size_t i;
	int bad = 0;

	(void)state;
	c = compile(rule_specs, NELEM(rule_specs), &cause);
	if (cause != NULL)
		print_error("%s\n", cause);
	assert_non_null(c);
	for (i = 0; i < NELEM(match_cases); i++) {
		const struct match_case *m = &match_cases[i];
		char *got = topics_of(c, &m->it);

		if (strcmp(got, m->want) != 0) {
			print_error("case %zu (%s / %s / %s): '%s', want '%s'\n",
			    i, m->it.title ? m->it.title : "-",
			    m->it.summary ? m->it.summary : "-",
			    m->it.cats ? m->it.cats : "-", got, m->want);
			bad++;
		}
		free(got);
	}
	assert_int_equal(bad, 0);
	classifier_free(c);
}

/*
 * The literal prefilter must never hide a match: every pattern against
 * every text gives what plain regexec gives.
 */
static const char *const pf_patterns[] = {
	"CVE-[0-9]{4}-[0-9]{4,}",
	"(^|[^[:alnum:]])APT ?[0-9]{1,3}([^[:alnum:]]|$)",
	("(^|[^[:alnum:]])(CISA|NCSC|ACSC|CERT)([^[:alnum:]]|$)[^.]{0,60}"
	    "(warn|urg|advis|alert)"),
	"colou?r",
	"(foo|bar)+baz",
	"x(abc)?yz",
	"ab*c",
	"a{0,2}bcd",
	"wip(er|ing)",
	"\\.gov\\b",
	"[[:upper:]]{3}",
	"^Webinar",
	"(zero|0)-?day",
	"state(-| )sponsored",
	"a|b",
	"(ab|)cde",
	"ran+som",
	"(^|x)abc",
	"abc+?d",
	"(xyz)+?q",
	"x{2}yz",
	"caf\xc3\xa9 society",
};

static const char *const pf_texts[] = {
	"Patch for CVE-2024-3400 now", "cve-2023-1234", "APT28 struck",
	"an apt 41 remark", "CISA warns of flaws", "cert-in urges patching",
	"The colour and the color", "foobarbaz", "xyz and xabcyz", "ac abbbc",
	"aabcd bcd", "wiper, wiping", "site.gov is up", "ABC", "Webinar today",
	"today: Webinar", "zero-day 0day", "state sponsored", "b",
	"cde abcde", "rannnsom", "", "nothing here at all", "abc *abc",
	"xxyz", "abd", "abccd", "q", "xyzq", "CAF\xc3\x89 SOCIETY", "caf\xc3\xa9 society",
};

static void
test_regex_prefilter(void **state)
{
	size_t p, t;

	(void)state;
	for (p = 0; p < NELEM(pf_patterns); p++) {
		struct classify_topic topic;
		char *cause = NULL;
		struct classifier *c;
		regex_t re;

		classify_topic_init(&topic, "r");
		assert_int_equal(classify_topic_set(&topic, "regex",
		    pf_patterns[p], NULL), 0);
		c = classifier_new(&topic, 1, &cause);
		classify_topic_free(&topic);
		if (c == NULL)
			print_error("%s\n", cause);
		assert_non_null(c);
		assert_int_equal(regcomp(&re, pf_patterns[p],
		    REG_EXTENDED | REG_ICASE | REG_NOSUB), 0);
		for (t = 0; t < NELEM(pf_texts); t++) {
			struct item it = { NULL, pf_texts[t], NULL, NULL };
			char *got = topics_of(c, &it);
			int want = regexec(&re, pf_texts[t], 0, NULL, 0) == 0 &&
			    *pf_texts[t] != '\0';

			if ((*got != '\0') != want)
				print_error("/%s/ on '%s': %d, want %d\n",
				    pf_patterns[p], pf_texts[t], *got != '\0',
				    want);
			assert_int_equal(*got != '\0', want);
			free(got);
		}
		regfree(&re);
		classifier_free(c);
	}
}

static void
test_classify_item(void **state)
{
	const char *specs[] = { "ransomware||||ransomware" };
	struct classifier *c = compile(specs, 1, NULL);
	const char *cats[] = { "Geo Focus: The United Kingdom", "Ransomware" };
	struct classify_input in;
	struct classify_result r;

	(void)state;
	memset(&in, 0, sizeof in);
	in.title = "Ransomware Hits Hospitals in Japan";
	in.summary = "Tokyo said the attack came from Russian-speaking "
	    "operators; the EU condemned it.";
	in.categories = cats;
	in.ncategories = NELEM(cats);
	classify_result_init(&r);
	classify_item(c, &in, &r);
	assert_int_equal(r.ntopics, 1);
	assert_string_equal(r.topics[0], "ransomware");
	/* categories count for countries too */
	assert_int_equal(r.geo.ncountries, 3);
	assert_string_equal(r.geo.countries[0], "GB");
	assert_string_equal(r.geo.countries[1], "JP");
	assert_string_equal(r.geo.countries[2], "RU");
	assert_int_equal(r.geo.nregions, 1);
	assert_string_equal(r.geo.regions[0], "european-union");
	/* the result is reused */
	memset(&in, 0, sizeof in);
	in.title = "Nothing to see";
	classify_item(c, &in, &r);
	assert_int_equal(r.ntopics, 0);
	assert_int_equal(r.geo.ncountries, 0);
	classify_result_free(&r);
	classifier_free(c);

	/* no topics: countries only */
	c = classifier_new(NULL, 0, NULL);
	classify_result_init(&r);
	memset(&in, 0, sizeof in);
	in.summary = "Kyiv and Moscow";
	classify_item(c, &in, &r);
	assert_int_equal(r.ntopics, 0);
	assert_int_equal(r.geo.ncountries, 2);
	classify_result_free(&r);
	classifier_free(c);
	classify_result_free(NULL);
}

/* ---- the ready-made topics ---- */

/*
 * Loads every [topic:KEY] section of an INI file the way the config will:
 * iniparser's dictionary is walked in file order (sections have a NULL
 * value) and each key goes through classify_topic_set().
 */
static struct classifier *
load_topics(const char *path, char **cause)
{
	dictionary *d = iniparser_load(path);
	struct classify_topic *t = NULL;
	struct classifier *c;
	size_t nt = 0, i;
	ssize_t k;

	if (d == NULL) {
		*cause = xasprintf("%s: cannot load", path);
		return NULL;
	}
	for (k = 0; k < d->size; k++) {
		const char *key = d->key[k], *colon;

		if (key == NULL)
			continue;
		if (d->val[k] == NULL) {
			if (strncmp(key, "topic:", 6) == 0) {
				t = xreallocarray(t, nt + 1, sizeof *t);
				classify_topic_init(&t[nt++], key + 6);
			}
			continue;
		}
		colon = strrchr(key, ':');
		if (colon == NULL || nt == 0 || strncmp(key, "topic:", 6) != 0)
			continue;
		if (classify_topic_set(&t[nt - 1], colon + 1, d->val[k],
		    cause) < 0)
			break;
	}
	c = k == d->size ? classifier_new(t, nt, cause) : NULL;
	for (i = 0; i < nt; i++)
		classify_topic_free(&t[i]);
	free(t);
	iniparser_freedict(d);
	return c;
}

static void
test_topics_ini(void **state)
{
	static const char *const keys[] = {
		"nation-state", "cybercrime", "governance", "ransomware",
		"infrastructure", "compliance", "elections", "sanctions",
		"military", "diplomacy", "espionage", "disinformation",
		"supply-chain", "vulnerabilities", "advisories",
	};
	char *cause = NULL;
	struct classifier *c = load_topics(TOPICS_INI, &cause);
	size_t i;

	(void)state;
	if (cause != NULL)
		print_error("%s\n", cause);
	assert_non_null(c);
	assert_int_equal(classifier_topic_count(c), NELEM(keys));
	for (i = 0; i < NELEM(keys); i++) {
		assert_string_equal(classifier_topic_key(c, i), keys[i]);
		assert_true(text_cols(classifier_topic_short(c, i),
		    strlen(classifier_topic_short(c, i))) <= 6);
	}
	classifier_free(c);
}

/* Our own items shaped like the seed feed's, with its categories. */
static const struct match_case seed_like[] = {
	{ { "ismg", "US and Japan Deepen Defense Ties",
	    "Top U.S. and Japanese officials pledged closer military "
	    "cooperation, including in cyberspace.",
	    "Cyberwarfare / Nation-State Attacks|Fraud Management & Cybercrime|"
	    "Governance & Risk Management" },
	  "nation-state cybercrime governance military diplomacy" },
	{ { "ismg", "Seoul Says Pyongyang Hackers Stole Crypto",
	    "South Korean police blamed a state-sponsored North Korean group "
	    "for the heist.",
	    "Cyberwarfare / Nation-State Attacks|Cryptocurrency Fraud" },
	  "nation-state cybercrime" },
	{ { "ismg", "EU Adopts Device Security Rules",
	    "Negotiators in Brussels agreed; manufacturers have 36 months.",
	    "Governance & Risk Management|Standards, Regulations & Compliance" },
	  "governance compliance" },
	{ { "ismg", "Ransomware Gang Hits Australian Hospital",
	    "Canberra said it would not pay the ransom.",
	    "Ransomware|Fraud Management & Cybercrime" },
	  "cybercrime ransomware" },
	{ { "ismg", "CERT-In Issues Advisory on Grid Intrusions",
	    "Operators were urged to patch remote access gateways.",
	    "Critical Infrastructure Security|"
	    "Cyberwarfare / Nation-State Attacks" },
	  "nation-state infrastructure vulnerabilities advisories" },
	{ { "ismg", "Russian Wiper Malware Hit News Agency",
	    "Kyiv said five wiper strains hit the agency's systems.",
	    "Cyberwarfare / Nation-State Attacks" },
	  "nation-state" },
	/* themes */
	{ { "bbc", "Polls open in Taiwan's presidential election",
	    "Voters chose between three candidates.", NULL }, "elections" },
	{ { "bbc", "Board election at the club",
	    "Shareholder vote due.", NULL }, "" },
	{ { "bbc", "Treasury sanctions oil traders",
	    "OFAC added six firms to its list.", NULL }, "sanctions" },
	{ { "bbc", "Retailers fight a price war",
	    "Supermarkets cut prices again.", NULL }, "" },
	{ { "bbc", "Troops move to the border",
	    "The army said the war could spread.", NULL }, "military" },
	{ { "bbc", "Diplomats expelled", "The embassy was closed.", NULL },
	  "diplomacy" },
	{ { "bbc", "Spyware found on phones",
	    "Researchers found Pegasus on devices of journalists.", NULL },
	  "espionage" },
	{ { "bbc", "Deepfakes flood the campaign",
	    "A propaganda network pushed disinformation.", NULL },
	  "disinformation" },
	{ { "bbc", "Malicious packages on npm",
	    "A software supply-chain attack hit developers.", NULL },
	  "supply-chain" },
	{ { "bbc", "Patch Tuesday fixes zero-day",
	    "CVE-2024-21412 is exploited in the wild.", NULL },
	  "vulnerabilities" },
	{ { "bbc", "Software update for the app", "Warning: new features.",
	    NULL }, "" },
	{ { "bbc", "APT29 phishing wave", "The group is state-backed.", NULL },
	  "nation-state cybercrime" },
};

static void
test_topics_seed_like(void **state)
{
	char *cause = NULL;
	struct classifier *c = load_topics(TOPICS_INI, &cause);
	size_t i;
	int bad = 0;

	(void)state;
	assert_non_null(c);
	for (i = 0; i < NELEM(seed_like); i++) {
		char *got = topics_of(c, &seed_like[i].it);

		if (strcmp(got, seed_like[i].want) != 0) {
			print_error("'%s': '%s', want '%s'\n",
			    seed_like[i].it.title, got, seed_like[i].want);
			bad++;
		}
		free(got);
	}
	assert_int_equal(bad, 0);
	classifier_free(c);
}

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

/* The text of <name>...</name> at or after p, before end; *p moves past. */
static char *
element(const char **p, const char *end, const char *name)
{
	char open[64], close[64];
	const char *a, *b;

	snprintf(open, sizeof open, "<%s>", name);
	snprintf(close, sizeof close, "</%s>", name);
	a = strstr(*p, open);
	if (a == NULL || a >= end)
		return NULL;
	a += strlen(open);
	b = strstr(a, close);
	if (b == NULL || b > end)
		return NULL;
	*p = b + strlen(close);
	if (strncmp(a, "<![CDATA[", 9) == 0 && b - a >= 12)
		return text_from_html(a + 9, (size_t)(b - 3 - a - 9), 0);
	return text_from_html(a, (size_t)(b - a), 0);
}

static const char *const seed_topics[] = {
	"nation-state cybercrime governance military diplomacy",
	"nation-state cybercrime",
	"governance compliance",
	"cybercrime ransomware",
	"nation-state infrastructure vulnerabilities advisories",
	"nation-state",
};

static const char *const seed_countries[] = {
	"CN JP US", "KP KR", "DE FR", "AU RU", "CN IN", "RU UA",
};

static void
test_seed_fixtures(void **state)
{
	const char *dir = getenv("SITREP_SHARED_FIXTURES");
	char *path, *rss, *cause = NULL;
	const char *p;
	struct classifier *c;
	struct classify_result r;
	size_t i = 0;

	(void)state;
	if (dir == NULL || *dir == '\0')
		skip();
	path = xasprintf("%s/seed/ismg_inforisktoday.rss", dir);
	rss = slurp(path);
	free(path);
	if (rss == NULL)
		skip();
	c = load_topics(TOPICS_INI, &cause);
	assert_non_null(c);
	classify_result_init(&r);
	for (p = strstr(rss, "<item>"); p != NULL; p = strstr(p, "<item>")) {
		const char *end = strstr(p, "</item>"), *q = p;
		struct strv cats = STRV_INIT;
		struct classify_input in;
		char *title, *desc, *cat, *got;
		struct strv topics = STRV_INIT;
		size_t k;

		assert_non_null(end);
		title = element(&q, end, "title");
		q = p;
		desc = element(&q, end, "description");
		q = p;
		while ((cat = element(&q, end, "category")) != NULL)
			strv_push(&cats, cat);
		memset(&in, 0, sizeof in);
		in.feed_key = "inforisktoday";
		in.title = title;
		in.summary = desc;
		in.categories = (const char *const *)cats.v;
		in.ncategories = cats.n;
		classify_item(c, &in, &r);
		for (k = 0; k < r.ntopics; k++)
			strv_pushdup(&topics, r.topics[k]);
		got = strv_join(&topics, " ");
		assert_true(i < NELEM(seed_topics));
		if (strcmp(got, seed_topics[i]) != 0)
			print_error("seed item %zu '%s': '%s'\n", i, title, got);
		assert_string_equal(got, seed_topics[i]);
		free(got);
		strv_free(&topics);
		for (k = 0; k < r.geo.ncountries; k++)
			strv_pushdup(&topics, r.geo.countries[k]);
		got = strv_join(&topics, " ");
		assert_string_equal(got, seed_countries[i]);
		free(got);
		strv_free(&topics);
		strv_free(&cats);
		free(title);
		free(desc);
		p = end;
		i++;
	}
	assert_int_equal(i, NELEM(seed_topics));
	classify_result_free(&r);
	classifier_free(c);
	free(rss);
}

/* ---- throughput (printed, not asserted) ---- */

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
	"CISA and the FBI urged organisations to review remote access "
	"gateways after APT41 activity was reported.",
	"The attack disrupted payment systems across Southeast Asia, with "
	"banks in Singapore and Malaysia reporting outages.",
};

static const char *const bench_titles[] = {
	"US and Japan Pledge Deepened Cyberspace Collaboration",
	"Seoul Blames Pyongyang Hackers for Crypto Exchange Heist",
	"EU Agrees on Cyber Resilience Rules for Connected Devices",
	"Ransomware Gang Hits Australian Health Insurer",
	"Patch Now: Firewall Zero-Day Exploited in the Wild",
	"Ukraine Says Russian Wiper Malware Targeted News Agency",
};

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
	const char *cats[] = { "Cyberwarfare / Nation-State Attacks",
	    "Fraud Management & Cybercrime" };
	size_t bytes = 0, hits = 0, i;
	struct classify_result r;
	struct classifier *c;
	char *cause = NULL;
	uint32_t seed = 7;
	double t0, dt;

	(void)state;
	c = load_topics(TOPICS_INI, &cause);
	assert_non_null(c);
	for (i = 0; i < DISTINCT; i++) {
		size_t n = 0;

		while (n < 1500) {
			const char *s;
			size_t k;

			seed = seed * 1103515245u + 12345u;
			s = bench_sentences[(seed >> 16) %
			    NELEM(bench_sentences)];
			k = strlen(s);
			if (n + k + 2 >= sizeof arts[i])
				break;
			memcpy(arts[i] + n, s, k);
			n += k;
			arts[i][n++] = ' ';
		}
		arts[i][n] = '\0';
	}
	classify_result_init(&r);
	t0 = now_s();
	for (i = 0; i < total; i++) {
		struct classify_input in;

		memset(&in, 0, sizeof in);
		in.feed_key = "bench";
		in.title = bench_titles[i % NELEM(bench_titles)];
		in.summary = arts[i % DISTINCT];
		in.categories = cats;
		in.ncategories = i % 3 == 0 ? NELEM(cats) : 0;
		classify_item(c, &in, &r);
		bytes += strlen(in.title) + strlen(in.summary);
		hits += r.ntopics + r.geo.ncountries;
	}
	dt = now_s() - t0;
	printf("classify (15 topics + countries): %zu articles, %.0f bytes "
	    "each, %.2f s: %.0f articles/s%s\n", total,
	    (double)bytes / (double)total, dt, (double)total / dt,
	    SANITIZED ? " (sanitizer build)" : "");
	assert_true(hits > 0);
	classify_result_free(&r);
	classifier_free(c);
	free(arts);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_list),
		cmocka_unit_test(test_topic_set),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_compile_all_errors),
		cmocka_unit_test(test_compile_defaults),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_regex_prefilter),
		cmocka_unit_test(test_classify_item),
		cmocka_unit_test(test_topics_ini),
		cmocka_unit_test(test_topics_seed_like),
		cmocka_unit_test(test_seed_fixtures),
		cmocka_unit_test(test_throughput),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
