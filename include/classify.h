/*
 * classify: the topics an article belongs to, and (through the gazetteer)
 * the countries and regions it names, in one call for ingest.
 *
 * A topic is defined by rules (one [topic:KEY] section of the config):
 *   categories  globs over the feed's categories ("Ransomware",
 *               "*Nation-State*"): case-insensitive, whole category,
 *               '*' any run, '?' one character
 *   keywords    words and phrases over title and summary, on word
 *               boundaries, ignoring case and accents: "war" matches "war"
 *               and "War", never "software" or "warning"; "supply chain"
 *               matches "supply chain", "Supply-Chain"; a final '*' makes
 *               the last word a prefix ("sanction*": sanctions,
 *               sanctioned; at least 3 letters before it); a leading '='
 *               makes capitals count ("=APT" matches "APT", not "apt")
 *   regex       one POSIX extended regex (REG_ICASE, REG_NOSUB), tried on
 *               the title and on the summary; write alternatives with '|'
 *   feeds       globs over the feed key: every article of those feeds
 *   exclude     vetoes: keywords, or "category:GLOB", "feed:GLOB",
 *               "regex:RE"; any match takes the topic away again
 * A topic applies when any of categories, keywords, regex or feeds
 * matches and no exclusion does.
 *
 * LIST VALUES (categories, keywords, feeds, exclude): items separated by
 * commas; white space around an item is trimmed and empty items are
 * skipped.  An item that contains a comma is put in double or single
 * quotes, without escapes inside.  In the config file such a value must be
 * wrapped whole in the other kind of quote, because iniparser keeps only
 * the first quoted string of a value that starts with a quote (and ends an
 * unquoted value at ';' or '#'):
 *     categories = 'Ransomware, "Standards, Regulations & Compliance"'
 * The regex value is not a list: it is taken whole, commas and all.
 *
 * Everything the classifier returns is borrowed from it or from the
 * gazetteer.  A compiled classifier is read-only: several threads may use
 * one, each with its own struct classify_result.
 */
#ifndef SITREP_CLASSIFY_H
#define SITREP_CLASSIFY_H

#include <stddef.h>

#include "gazetteer.h"
#include "str.h"

/* A topic as the config defines it; the strings and lists are owned. */
struct classify_topic {
	char *key;		/* 1-64 of a-z 0-9 . _ -, starting with
				   a letter or digit */
	char *label;		/* NULL: the key */
	char *short_name;	/* badge, at most 6 columns; NULL: the key
				   cut to 6 columns */
	struct strv categories;
	struct strv keywords;
	struct strv regexes;	/* each one regex */
	struct strv feeds;
	struct strv exclude;
};

/* Starts an empty topic with a copy of key. */
void classify_topic_init(struct classify_topic *t, const char *key);
/* Frees what t holds (not t itself); t may then be initialised again. */
void classify_topic_free(struct classify_topic *t);

/*
 * Sets one key of a [topic:KEY] section: "label", "short", "categories",
 * "keywords", "regex", "feeds" or "exclude" (lists append; label, short
 * and regex replace).  An empty value leaves the default.  Returns 0, or
 * -1 with *cause (owned) such as "[topic:espionage] keywords: unterminated
 * quote in '\"supply chain'".  Values are only checked here for their list
 * syntax; classifier_new() checks the rest.
 */
int classify_topic_set(struct classify_topic *t, const char *name,
    const char *value, char **cause);
/* The key names classify_topic_set() knows, NULL-terminated; static. */
const char *const *classify_topic_key_names(void);

/*
 * Splits a list value (see LIST VALUES above) and appends the items to
 * out.  Returns 0, or -1 with *cause (owned) for an unterminated quote or
 * text after a closing quote; out then holds the items before the error.
 */
int classify_parse_list(const char *value, struct strv *out, char **cause);

struct classifier;

/*
 * Compiles n topics (copied; topics may be freed afterwards).  Returns
 * owned, or NULL with *cause (owned) listing every problem, one per line,
 * each naming the topic and the rule: "[topic:espionage] regex '(apt' is
 * invalid: Unmatched ( or \(" (the text after "invalid: " is regerror's).
 * n may be 0: the classifier then only finds countries.
 */
struct classifier *classifier_new(const struct classify_topic *topics,
    size_t n, char **cause);
void classifier_free(struct classifier *c);

/* Returns borrowed: the compiled topics' keys, labels and badges. */
size_t classifier_topic_count(const struct classifier *c);
const char *classifier_topic_key(const struct classifier *c, size_t i);
const char *classifier_topic_label(const struct classifier *c, size_t i);
const char *classifier_topic_short(const struct classifier *c, size_t i);

/* One article, as ingest has it; every field may be NULL. */
struct classify_input {
	const char *feed_key;
	const char *title;		/* plain text */
	const char *summary;		/* plain text, HTML stripped */
	const char *const *categories;	/* one-line texts */
	size_t ncategories;
};

/*
 * What classify_item() found.  Initialise with classify_result_init(),
 * reuse for every article (it keeps its scratch memory), free with
 * classify_result_free().
 */
struct classify_result {
	const char **topics;		/* keys in definition order,
					   borrowed from the classifier */
	size_t ntopics;
	struct gazetteer_result geo;	/* countries from title, summary and
					   categories; regions they name */
	struct classify_scratch *scratch; /* owned; opaque */
};

void classify_result_init(struct classify_result *r);
void classify_result_free(struct classify_result *r);

/*
 * Classifies one article: topics, countries and regions.  The text is
 * split into words once for both.  The result is valid until the next
 * call with r, or until c is freed.
 */
void classify_item(const struct classifier *c, const struct classify_input *in,
    struct classify_result *r);

/* Only the topics, appended to out as owned copies of the keys. */
void classifier_topics(const struct classifier *c,
    const struct classify_input *in, struct strv *out);

#endif
