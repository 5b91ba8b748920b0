/*
 * classify: topics from categories, keywords, regexes and feeds; countries
 * and regions through the gazetteer.
 *
 * Speed: an article's title and summary are split into words once
 * (gazetteer_words) and those words serve both the gazetteer and the
 * keyword rules.  Keywords are indexed by their first word in a hash table
 * (exact words) and by their first three bytes (rules that are one prefix
 * word, "sanction*"), so an article costs one or two lookups per word
 * whatever the number of keywords.  Categories and feed keys are few and
 * matched with a small glob.  Regexes run per article (glibc's regexec
 * costs 15-60 us on 1.5 KB of UTF-8 text), so each one first gets a cheap
 * literal prefilter: the strings one of which every match must contain,
 * worked out from the pattern ("CVE-[0-9]{4}" needs "cve-"); when none
 * occurs in the text the regex is not run.  A topic already decided (matched,
 * or vetoed) skips its remaining rules.
 */
#include "classify.h"

#include <regex.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define KEY_MAX 64
#define SHORT_COLS 6
#define PREFIX_MIN 3
#define LITS_MAX 16

enum { TAG_TEXT = 1, TAG_CATEGORY = 2 };
enum { ST_MATCHED = 1, ST_EXCLUDED = 2 };
enum { CASE_ANY, CASE_CAP, CASE_UPPER };

/* A regex and the literals one of which any match contains. */
struct cregex {
	regex_t re;
	char **lits;		/* lower case; NULL when unknown */
	size_t nlits;
};

struct ctopic {
	char *key, *label, *short_name;
	struct strv cats, feeds, ex_cats, ex_feeds;
	struct cregex *re, *ex_re;
	size_t nre, nex_re;
};

struct ktok {			/* one word of a keyword */
	uint32_t hash;
	uint32_t off, len;	/* folded bytes in pool */
	uint8_t casec;
};

struct krule {
	uint32_t tok, ntok;	/* words in toks */
	uint32_t topic;
	uint8_t prefix;		/* the last word is a prefix */
	uint8_t exclude;
};

struct kgroup {			/* rules sharing a key */
	uint32_t hash;
	uint32_t off, len;	/* the key in pool */
	uint32_t first, count;	/* in order[] */
};

#define BLOOM_BITS 4096

struct kindex {
	uint64_t bloom[BLOOM_BITS / 64];	/* keys' hashes, a quick "no" */
	struct kgroup *groups;
	size_t ngroups;
	uint32_t *table;	/* group + 1; 0 empty */
	size_t mask;
	uint32_t *order;	/* rule indexes */
};

/* Per-result memory, reused from article to article. */
struct classify_scratch {
	struct gazetteer_words *words;
	unsigned char *state;	/* ST_* per topic */
	const char **topics;
	size_t cap;
	struct str low[2];	/* title and summary in ASCII lower case */
	int lowered;
};

/* The text regexes see: a field and its lower-case copy. */
struct field {
	const char *s;
	const char *low;	/* NULL until needed */
	size_t n;
};

struct classifier {
	struct ctopic *t;
	size_t nt;
	struct ktok *toks;
	size_t ntoks;
	struct str pool;
	struct krule *rules;
	size_t nrules;
	struct kindex exact;	/* by first word */
	struct kindex prefix;	/* one-word prefix rules, by 3 bytes */
};

/* ---- lists and topic definitions ---- */

static int
isalnum_ascii(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

int
classify_parse_list(const char *value, struct strv *out, char **cause)
{
	const char *p = value;

	if (value == NULL)
		return 0;
	for (;;) {
		const char *start, *end;

		while (is_space((unsigned char)*p))
			p++;
		if (*p == '\0')
			return 0;
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '"' || *p == '\'') {
			char q = *p;

			start = p + 1;
			end = strchr(start, q);
			if (end == NULL) {
				if (cause != NULL)
					*cause = xasprintf("unterminated %c "
					    "quote in '%s'", q, value);
				return -1;
			}
			p = end + 1;
			while (is_space((unsigned char)*p))
				p++;
			if (*p != ',' && *p != '\0') {
				if (cause != NULL)
					*cause = xasprintf("text after a "
					    "closing quote in '%s'", value);
				return -1;
			}
		} else {
			start = p;
			end = strchr(p, ',');
			if (end == NULL)
				end = p + strlen(p);
			p = end;
			while (end > start && is_space((unsigned char)end[-1]))
				end--;
		}
		if (end > start)
			strv_push(out, xstrndup(start, (size_t)(end - start)));
	}
}

void
classify_topic_init(struct classify_topic *t, const char *key)
{
	memset(t, 0, sizeof *t);
	t->key = xstrdup(key != NULL ? key : "");
}

void
classify_topic_free(struct classify_topic *t)
{
	if (t == NULL)
		return;
	free(t->key);
	free(t->label);
	free(t->short_name);
	strv_free(&t->categories);
	strv_free(&t->keywords);
	strv_free(&t->regexes);
	strv_free(&t->feeds);
	strv_free(&t->exclude);
	memset(t, 0, sizeof *t);
}

enum tkey_kind { TK_TEXT, TK_LIST, TK_REGEX };

static const struct tkey {
	const char *name;
	enum tkey_kind kind;
	size_t off;
} tkeys[] = {
	{ "label", TK_TEXT, offsetof(struct classify_topic, label) },
	{ "short", TK_TEXT, offsetof(struct classify_topic, short_name) },
	{ "categories", TK_LIST, offsetof(struct classify_topic, categories) },
	{ "keywords", TK_LIST, offsetof(struct classify_topic, keywords) },
	{ "regex", TK_REGEX, offsetof(struct classify_topic, regexes) },
	{ "feeds", TK_LIST, offsetof(struct classify_topic, feeds) },
	{ "exclude", TK_LIST, offsetof(struct classify_topic, exclude) },
};

static const char *const tkey_names[] = {
	"label", "short", "categories", "keywords", "regex", "feeds", "exclude",
	NULL
};

_Static_assert(NELEM(tkey_names) == NELEM(tkeys) + 1, "tkey_names");

const char *const *
classify_topic_key_names(void)
{
	return tkey_names;
}

int
classify_topic_set(struct classify_topic *t, const char *name,
    const char *value, char **cause)
{
	const struct tkey *k = NULL;
	const char *v = value != NULL ? value : "";
	char *err = NULL;
	size_t i, len;

	for (i = 0; i < NELEM(tkeys); i++)
		if (text_eq_nocase(name, strlen(name), tkeys[i].name))
			k = &tkeys[i];
	if (k == NULL) {
		if (cause != NULL)
			*cause = xasprintf("[topic:%s] unknown key '%s'",
			    t->key, name);
		return -1;
	}
	len = text_trim(&v, strlen(v));
	switch (k->kind) {
	case TK_TEXT: {
		char **field = (char **)(void *)((char *)t + k->off);

		free(*field);
		*field = len > 0 ? xstrndup(v, len) : NULL;
		return 0;
	}
	case TK_REGEX: {
		struct strv *sv = (struct strv *)(void *)((char *)t + k->off);

		strv_free(sv);
		if (len > 0)
			strv_push(sv, xstrndup(v, len));
		return 0;
	}
	case TK_LIST: {
		struct strv *sv = (struct strv *)(void *)((char *)t + k->off);
		char *copy = xstrndup(v, len);
		int rc = classify_parse_list(copy, sv, &err);

		free(copy);
		if (rc < 0) {
			if (cause != NULL)
				*cause = xasprintf("[topic:%s] %s: %s", t->key,
				    k->name, err);
			free(err);
			return -1;
		}
		return 0;
	}
	}
	return -1;
}

/* ---- globs ---- */

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Bytes in the UTF-8 character at s (1 for a stray byte). */
static size_t
char_len(const char *s)
{
	size_t k = 1;

	if ((unsigned char)s[0] < 0xC0)
		return 1;
	while (k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k++;
	return k;
}

/*
 * 1 when glob p matches all of s: '*' any run, '?' one character, other
 * characters themselves ignoring ASCII case.
 */
static int
glob_match(const char *p, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;

	while (*s != '\0') {
		if (*p == '*') {
			while (*p == '*')
				p++;
			star_p = p;
			star_s = s;
			continue;
		}
		if (*p == '?') {
			p++;
			s += char_len(s);
			continue;
		}
		if (*p != '\0' && lower((unsigned char)*p) ==
		    lower((unsigned char)*s)) {
			p++;
			s++;
			continue;
		}
		if (star_p == NULL)
			return 0;
		star_s += char_len(star_s);
		s = star_s;
		p = star_p;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

static int
glob_any(const struct strv *globs, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < globs->n; i++)
		if (glob_match(globs->v[i], s))
			return 1;
	return 0;
}

/* ---- regex prefilter ---- */

/* Literal sets: one of v must occur.  n == 0 with known == 0: unknown. */
struct lits {
	struct strv v;
	int known;
};

static size_t
lits_min(const struct lits *l)
{
	size_t i, m = SIZE_MAX;

	if (!l->known)
		return 0;
	for (i = 0; i < l->v.n; i++)
		if (strlen(l->v.v[i]) < m)
			m = strlen(l->v.v[i]);
	return m == SIZE_MAX ? 0 : m;
}

/* Keeps the better of *best and *cand (the longer shortest literal). */
static void
lits_keep(struct lits *best, struct lits *cand)
{
	if (cand->known && lits_min(cand) > lits_min(best)) {
		strv_free(&best->v);
		*best = *cand;
		memset(cand, 0, sizeof *cand);
	} else {
		strv_free(&cand->v);
		cand->known = 0;
	}
}

static void run_end(struct str *run, struct lits *best);
static const char *lits_alt(const char *p, struct lits *out, int depth);

/* A run of literal characters is a candidate of one string. */
static void
run_end(struct str *run, struct lits *best)
{
	struct lits cand;

	memset(&cand, 0, sizeof cand);
	if (run->len > 0) {
		cand.known = 1;
		strv_pushdup(&cand.v, str_cstr(run));
		lits_keep(best, &cand);
	}
	str_clear(run);
}

/* Where a bracket expression that starts at p ('[') ends, after ']'. */
static const char *
bracket_end(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p != '\0' && *p != ']') {
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			char c = p[1];
			const char *e = p + 2;

			while (*e != '\0' && !(e[0] == c && e[1] == ']'))
				e++;
			p = *e != '\0' ? e + 2 : e;
			continue;
		}
		p++;
	}
	return *p == ']' ? p + 1 : p;
}

/*
 * The quantifiers at p ("+", "{2,}", "+?" ...): returns their length and
 * sets *optional when together they allow zero repeats.
 */
static size_t
quantifier(const char *p, int *optional)
{
	const char *start = p;

	*optional = 0;
	for (;;) {
		if (*p == '*' || *p == '?') {
			*optional = 1;
			p++;
		} else if (*p == '+') {
			p++;
		} else if (*p == '{' && strchr(p, '}') != NULL) {
			*optional |= p[1] == '0' || p[1] == ',';
			p = strchr(p, '}') + 1;
		} else {
			return (size_t)(p - start);
		}
	}
}

/* One sequence (no top-level '|'): the best literal set among its parts. */
static const char *
lits_seq(const char *p, struct lits *best, int depth)
{
	struct str run = STR_INIT;
	int optional;
	size_t q;

	memset(best, 0, sizeof *best);
	while (*p != '\0' && *p != '|' && *p != ')') {
		if (*p == '(') {
			struct lits sub;

			p = lits_alt(p + 1, &sub, depth + 1);
			if (*p == ')')
				p++;
			q = quantifier(p, &optional);
			p += q;
			run_end(&run, best);
			if (optional) {
				strv_free(&sub.v);
				sub.known = 0;
			}
			lits_keep(best, &sub);
			continue;
		}
		/* Anything but a plain character ends the run; so does a
		 * repetition sign where an atom should be ("(*a)"), whatever
		 * regcomp made of it. */
		if (*p == '[' || *p == '.' || *p == '^' || *p == '$' ||
		    *p == '*' || *p == '+' || *p == '?' || *p == '{' ||
		    (*p == '\\' && (p[1] == '\0' ||
		    isalnum_ascii((unsigned char)p[1]))) ||
		    (unsigned char)*p >= 0x80) {
			if (*p == '[')
				p = bracket_end(p);
			else if (*p == '\\')
				p += p[1] != '\0' ? 2 : 1;
			else
				p++;
			run_end(&run, best);
			p += quantifier(p, &optional);
			continue;
		}
		{
			char c = *p == '\\' ? p[1] : *p;

			p += *p == '\\' ? 2 : 1;
			q = quantifier(p, &optional);
			if (optional) {
				run_end(&run, best);
			} else {
				str_appendc(&run,
				    (char)lower((unsigned char)c));
				if (q > 0)
					run_end(&run, best);
			}
			p += q;
		}
	}
	run_end(&run, best);
	str_free(&run);
	return p;
}

/* Alternatives: every one needs a set, and the union is the answer. */
static const char *
lits_alt(const char *p, struct lits *out, int depth)
{
	int ok = depth < 16;

	memset(out, 0, sizeof *out);
	out->known = 1;
	for (;;) {
		struct lits one;
		size_t i;

		p = lits_seq(p, &one, depth);
		if (!one.known || one.v.n == 0)
			ok = 0;
		for (i = 0; ok && i < one.v.n; i++)
			strv_pushdup(&out->v, one.v.v[i]);
		strv_free(&one.v);
		if (*p != '|')
			break;
		p++;
	}
	if (!ok || out->v.n > LITS_MAX) {
		strv_free(&out->v);
		out->known = 0;
	}
	return p;
}

static void
cregex_lits(struct cregex *cr, const char *pattern)
{
	struct lits l;

	lits_alt(pattern, &l, 0);
	if (l.known && lits_min(&l) >= PREFIX_MIN) {
		cr->nlits = l.v.n;
		cr->lits = l.v.v;
	} else {
		strv_free(&l.v);
	}
}

/* 1 when low[0..n), already in lower case, contains lit. */
static int
has_lit(const char *low, size_t n, const char *lit, size_t m)
{
	const char *p = low, *end = low + n;

	while (m <= (size_t)(end - p)) {
		p = memchr(p, lit[0], (size_t)(end - p) - m + 1);
		if (p == NULL)
			return 0;
		if (m == 1 || (p[1] == lit[1] &&
		    memcmp(p + 2, lit + 2, m - 2) == 0))
			return 1;
		p++;
	}
	return 0;
}

static int
cregex_match(const struct cregex *cr, const struct field *f)
{
	size_t i;

	if (f->s == NULL || f->n == 0)
		return 0;
	if (cr->lits != NULL) {
		for (i = 0; i < cr->nlits; i++)
			if (has_lit(f->low, f->n, cr->lits[i],
			    strlen(cr->lits[i])))
				break;
		if (i == cr->nlits)
			return 0;
	}
	return regexec(&cr->re, f->s, 0, NULL, 0) == 0;
}

static void
cregex_free(struct cregex *cr)
{
	size_t i;

	regfree(&cr->re);
	for (i = 0; i < cr->nlits; i++)
		free(cr->lits[i]);
	free(cr->lits);
}

/* ---- compiling ---- */

struct build {
	struct classifier *c;
	struct strv errors;
	struct gazetteer_words *tmp;
};

static void build_error(struct build *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
build_error(struct build *b, const char *fmt, ...)
{
	struct str s = STR_INIT;
	va_list ap;

	va_start(ap, fmt);
	str_vappendf(&s, fmt, ap);
	va_end(ap);
	strv_push(&b->errors, str_steal(&s));
}

static int
key_valid(const char *k)
{
	size_t i, n = strlen(k);

	if (n == 0 || n > KEY_MAX || !isalnum_ascii((unsigned char)k[0]))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)k[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static void
regex_add(struct build *b, const char *key, const char *pattern,
    struct cregex **v, size_t *n, const char *what)
{
	struct cregex cr;
	int rc;

	memset(&cr, 0, sizeof cr);
	rc = regcomp(&cr.re, pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc != 0) {
		char msg[256];

		regerror(rc, &cr.re, msg, sizeof msg);
		build_error(b, "[topic:%s] %s '%s' is invalid: %s", key, what,
		    pattern, msg);
		return;
	}
	cregex_lits(&cr, pattern);
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = cr;
}

/* Adds one keyword rule ("supply chain", "sanction*", "=APT"). */
static void
keyword_add(struct build *b, uint32_t topic, const char *kw, int exclude)
{
	struct classifier *c = b->c;
	const char *key = c->t[topic].key;
	const struct gazetteer_word *v;
	const char *fold, *s = kw;
	size_t n = strlen(kw), nw, i;
	int exact = 0, prefix = 0;
	struct krule *r;
	char *text;

	if (n > 0 && s[0] == '=') {
		exact = 1;
		s++;
		n--;
	}
	n = text_trim(&s, n);
	if (n > 0 && s[n - 1] == '*') {
		prefix = 1;
		n--;
		if (n == 0 || is_space((unsigned char)s[n - 1])) {
			build_error(b, "[topic:%s] keyword '%s': '*' must end "
			    "a word", key, kw);
			return;
		}
	}
	if (memchr(s, '*', n) != NULL) {
		build_error(b, "[topic:%s] keyword '%s': '*' may only end the "
		    "last word", key, kw);
		return;
	}
	text = xstrndup(s, n);
	gazetteer_words_clear(b->tmp);
	gazetteer_words_add(b->tmp, text, n, 0);
	free(text);
	v = gazetteer_words_list(b->tmp, &nw, &fold);
	if (nw == 0) {
		build_error(b, "[topic:%s] keyword '%s' has no words", key, kw);
		return;
	}
	if (nw > 16) {
		build_error(b, "[topic:%s] keyword '%s' has more than 16 words",
		    key, kw);
		return;
	}
	for (i = 1; i < nw; i++) {
		if (v[i].flags & GAZETTEER_W_BREAK) {
			build_error(b, "[topic:%s] keyword '%s' has "
			    "punctuation between words (use spaces or "
			    "hyphens)", key, kw);
			return;
		}
	}
	if (prefix && v[nw - 1].len < PREFIX_MIN) {
		build_error(b, "[topic:%s] keyword '%s': a prefix needs at "
		    "least %d letters before '*'", key, kw, PREFIX_MIN);
		return;
	}
	c->rules = xreallocarray(c->rules, c->nrules + 1, sizeof *c->rules);
	r = &c->rules[c->nrules++];
	r->tok = (uint32_t)c->ntoks;
	r->ntok = (uint32_t)nw;
	r->topic = topic;
	r->prefix = (uint8_t)prefix;
	r->exclude = (uint8_t)exclude;
	c->toks = xreallocarray(c->toks, c->ntoks + nw, sizeof *c->toks);
	for (i = 0; i < nw; i++) {
		struct ktok *t = &c->toks[c->ntoks++];

		t->off = (uint32_t)c->pool.len;
		t->len = v[i].len;
		str_append(&c->pool, fold + v[i].off, v[i].len);
		t->hash = gazetteer_hash(fold + v[i].off, v[i].len);
		t->casec = CASE_ANY;
		if (exact && (v[i].flags & GAZETTEER_W_UPPER) && v[i].len >= 2)
			t->casec = CASE_UPPER;
		else if (exact && (v[i].flags & GAZETTEER_W_CAP))
			t->casec = CASE_CAP;
	}
}

/* Checks text for a label or badge: one line, no control characters. */
static int
text_ok(const char *s)
{
	return s == NULL || (text_is_clean(s, strlen(s)) &&
	    strpbrk(s, "\t\n") == NULL);
}

static void
topic_compile(struct build *b, const struct classify_topic *src)
{
	struct classifier *c = b->c;
	uint32_t ti = (uint32_t)c->nt;
	struct ctopic *t = &c->t[c->nt++];
	const char *key = src->key != NULL ? src->key : "";
	size_t i;

	t->key = xstrdup(key);
	if (!key_valid(key))
		build_error(b, "[topic:%s] the key must be 1-%d of a-z, 0-9, "
		    "'.', '_' and '-', starting with a letter or digit", key,
		    KEY_MAX);
	for (i = 0; i < ti; i++)
		if (strcmp(c->t[i].key, key) == 0)
			build_error(b, "[topic:%s] is defined twice", key);
	if (!text_ok(src->label))
		build_error(b, "[topic:%s] label has control characters", key);
	if (!text_ok(src->short_name))
		build_error(b, "[topic:%s] short has control characters", key);
	else if (src->short_name != NULL &&
	    text_cols(src->short_name, strlen(src->short_name)) > SHORT_COLS)
		build_error(b, "[topic:%s] short '%s' is wider than %d columns",
		    key, src->short_name, SHORT_COLS);
	t->label = xstrdup(src->label != NULL ? src->label : key);
	/* A valid key is ASCII: its first 6 bytes are 6 columns. */
	t->short_name = src->short_name != NULL ? xstrdup(src->short_name) :
	    xstrndup(key, SHORT_COLS);
	if (src->categories.n + src->keywords.n + src->regexes.n +
	    src->feeds.n == 0)
		build_error(b, "[topic:%s] has no rules: give categories, "
		    "keywords, regex or feeds", key);

	for (i = 0; i < src->categories.n; i++)
		strv_pushdup(&t->cats, src->categories.v[i]);
	for (i = 0; i < src->feeds.n; i++)
		strv_pushdup(&t->feeds, src->feeds.v[i]);
	for (i = 0; i < src->keywords.n; i++)
		keyword_add(b, ti, src->keywords.v[i], 0);
	for (i = 0; i < src->regexes.n; i++)
		regex_add(b, key, src->regexes.v[i], &t->re, &t->nre, "regex");
	for (i = 0; i < src->exclude.n; i++) {
		const char *x = src->exclude.v[i];
		size_t n = strlen(x);

		if (n > 9 && text_eq_nocase(x, 9, "category:"))
			strv_pushdup(&t->ex_cats, x + 9);
		else if (n > 5 && text_eq_nocase(x, 5, "feed:"))
			strv_pushdup(&t->ex_feeds, x + 5);
		else if (n > 6 && text_eq_nocase(x, 6, "regex:"))
			regex_add(b, key, x + 6, &t->ex_re, &t->nex_re,
			    "exclude regex");
		else
			keyword_add(b, ti, x, 1);
	}
}

/* Sorts rules by key and builds the hash table of their groups. */
struct kentry {
	uint32_t rule;
	uint32_t off, len;	/* key in pool */
	const char *key;	/* pool + off, while the index is built */
};

static int
kentry_cmp(const void *a, const void *b)
{
	const struct kentry *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static void
kindex_build(struct classifier *c, struct kindex *ix, int prefix)
{
	struct kentry *e = xreallocarray(NULL, c->nrules + 1, sizeof *e);
	size_t n = 0, i, j, tsize = 1;

	for (i = 0; i < c->nrules; i++) {
		const struct krule *r = &c->rules[i];
		const struct ktok *t = &c->toks[r->tok];
		int one_prefix = r->prefix && r->ntok == 1;

		if (one_prefix != prefix)
			continue;
		e[n].rule = (uint32_t)i;
		e[n].off = t->off;
		e[n].len = prefix ? PREFIX_MIN : t->len;
		e[n].key = c->pool.p + t->off;
		n++;
	}
	qsort(e, n, sizeof *e, kentry_cmp);
	ix->order = xreallocarray(NULL, n + 1, sizeof *ix->order);
	ix->groups = xreallocarray(NULL, n + 1, sizeof *ix->groups);
	for (i = 0; i < n; i = j) {
		struct kgroup *g = &ix->groups[ix->ngroups++];

		for (j = i; j < n && e[j].len == e[i].len &&
		    memcmp(c->pool.p + e[j].off, c->pool.p + e[i].off,
		    e[i].len) == 0; j++)
			ix->order[j] = e[j].rule;
		g->off = e[i].off;
		g->len = e[i].len;
		g->hash = gazetteer_hash(c->pool.p + g->off, g->len);
		g->first = (uint32_t)i;
		g->count = (uint32_t)(j - i);
	}
	while (tsize < ix->ngroups * 2 + 2)
		tsize *= 2;
	ix->table = xcalloc(tsize, sizeof *ix->table);
	ix->mask = tsize - 1;
	for (i = 0; i < ix->ngroups; i++) {
		uint32_t bit = (ix->groups[i].hash >> 16) % BLOOM_BITS;
		size_t h = ix->groups[i].hash & ix->mask;

		ix->bloom[bit / 64] |= (uint64_t)1 << (bit % 64);
		while (ix->table[h] != 0)
			h = (h + 1) & ix->mask;
		ix->table[h] = (uint32_t)(i + 1);
	}
	free(e);
}

static const struct kgroup *
kindex_find(const struct classifier *c, const struct kindex *ix,
    const char *s, uint32_t len, uint32_t hash)
{
	uint32_t bit = (hash >> 16) % BLOOM_BITS;
	size_t h = hash & ix->mask;

	if (!(ix->bloom[bit / 64] & ((uint64_t)1 << (bit % 64))))
		return NULL;
	for (;;) {
		uint32_t gi = ix->table[h];
		const struct kgroup *g;

		if (gi == 0)
			return NULL;
		g = &ix->groups[gi - 1];
		if (g->hash == hash && g->len == len &&
		    memcmp(c->pool.p + g->off, s, len) == 0)
			return g;
		h = (h + 1) & ix->mask;
	}
}

struct classifier *
classifier_new(const struct classify_topic *topics, size_t n, char **cause)
{
	struct build b;
	size_t i;

	memset(&b, 0, sizeof b);
	b.c = xcalloc(1, sizeof *b.c);
	b.c->t = xcalloc(n + 1, sizeof *b.c->t);
	b.tmp = gazetteer_words_new();
	for (i = 0; i < n; i++)
		topic_compile(&b, &topics[i]);
	gazetteer_words_free(b.tmp);
	str_reserve(&b.c->pool, 0);
	kindex_build(b.c, &b.c->exact, 0);
	kindex_build(b.c, &b.c->prefix, 1);
	if (b.errors.n > 0) {
		if (cause != NULL)
			*cause = strv_join(&b.errors, "\n");
		strv_free(&b.errors);
		classifier_free(b.c);
		return NULL;
	}
	return b.c;
}

static void
kindex_free(struct kindex *ix)
{
	free(ix->groups);
	free(ix->table);
	free(ix->order);
}

void
classifier_free(struct classifier *c)
{
	size_t i, k;

	if (c == NULL)
		return;
	for (i = 0; i < c->nt; i++) {
		struct ctopic *t = &c->t[i];

		free(t->key);
		free(t->label);
		free(t->short_name);
		strv_free(&t->cats);
		strv_free(&t->feeds);
		strv_free(&t->ex_cats);
		strv_free(&t->ex_feeds);
		for (k = 0; k < t->nre; k++)
			cregex_free(&t->re[k]);
		for (k = 0; k < t->nex_re; k++)
			cregex_free(&t->ex_re[k]);
		free(t->re);
		free(t->ex_re);
	}
	free(c->t);
	free(c->toks);
	str_free(&c->pool);
	free(c->rules);
	kindex_free(&c->exact);
	kindex_free(&c->prefix);
	free(c);
}

size_t
classifier_topic_count(const struct classifier *c)
{
	return c->nt;
}

const char *
classifier_topic_key(const struct classifier *c, size_t i)
{
	return i < c->nt ? c->t[i].key : NULL;
}

const char *
classifier_topic_label(const struct classifier *c, size_t i)
{
	return i < c->nt ? c->t[i].label : NULL;
}

const char *
classifier_topic_short(const struct classifier *c, size_t i)
{
	return i < c->nt ? c->t[i].short_name : NULL;
}

/* ---- classifying ---- */

void
classify_result_init(struct classify_result *r)
{
	memset(r, 0, sizeof *r);
}

void
classify_result_free(struct classify_result *r)
{
	struct classify_scratch *x;

	if (r == NULL || (x = r->scratch) == NULL)
		return;
	gazetteer_words_free(x->words);
	free(x->state);
	free(x->topics);
	str_free(&x->low[0]);
	str_free(&x->low[1]);
	free(x);
	memset(r, 0, sizeof *r);
}

/* 1 when rule r matches the words from i on (title and summary only). */
static int
rule_at(const struct classifier *c, const struct krule *r,
    const struct gazetteer_word *v, size_t n, const char *fold, size_t i)
{
	uint32_t k;

	if (i + r->ntok > n)
		return 0;
	for (k = 0; k < r->ntok; k++) {
		const struct gazetteer_word *w = &v[i + k];
		const struct ktok *t = &c->toks[r->tok + k];

		if (w->tag != TAG_TEXT)
			return 0;
		if (k > 0 && (w->flags & GAZETTEER_W_BREAK))
			return 0;
		if (r->prefix && k == r->ntok - 1) {
			if (w->len < t->len || memcmp(fold + w->off,
			    c->pool.p + t->off, t->len) != 0)
				return 0;
		} else if (w->hash != t->hash || w->len != t->len ||
		    memcmp(fold + w->off, c->pool.p + t->off, t->len) != 0) {
			return 0;
		}
		if (t->casec == CASE_CAP && !(w->flags & GAZETTEER_W_CAP))
			return 0;
		if (t->casec == CASE_UPPER && !(w->flags & GAZETTEER_W_UPPER))
			return 0;
	}
	return 1;
}

static void
group_try(const struct classifier *c, const struct kindex *ix,
    const struct kgroup *g, const struct gazetteer_word *v, size_t n,
    const char *fold, size_t i, unsigned char *state)
{
	uint32_t k;

	for (k = 0; k < g->count; k++) {
		const struct krule *r = &c->rules[ix->order[g->first + k]];
		unsigned bit = r->exclude ? ST_EXCLUDED : ST_MATCHED;

		if (state[r->topic] & (bit | ST_EXCLUDED))
			continue;
		if (rule_at(c, r, v, n, fold, i))
			state[r->topic] |= (unsigned char)bit;
	}
}

static void
keywords_scan(const struct classifier *c, const struct gazetteer_word *v,
    size_t n, const char *fold, unsigned char *state)
{
	size_t i;

	if (c->nrules == 0)
		return;
	for (i = 0; i < n; i++) {
		const struct gazetteer_word *w = &v[i];
		const struct kgroup *g;

		if (w->tag != TAG_TEXT)
			continue;
		g = kindex_find(c, &c->exact, fold + w->off, w->len, w->hash);
		if (g != NULL)
			group_try(c, &c->exact, g, v, n, fold, i, state);
		if (c->prefix.ngroups > 0 && w->len >= PREFIX_MIN) {
			g = kindex_find(c, &c->prefix, fold + w->off,
			    PREFIX_MIN, gazetteer_hash(fold + w->off,
			    PREFIX_MIN));
			if (g != NULL)
				group_try(c, &c->prefix, g, v, n, fold, i,
				    state);
		}
	}
}

static int
cats_any(const struct strv *globs, const struct classify_input *in)
{
	size_t i;

	for (i = 0; i < in->ncategories; i++)
		if (glob_any(globs, in->categories[i]))
			return 1;
	return 0;
}

/* Lower-cases title and summary once, the first time a regex needs them. */
static void
fields_lower(struct classify_scratch *x, struct field *f)
{
	size_t k, i;

	if (x->lowered)
		return;
	x->lowered = 1;
	for (k = 0; k < 2; k++) {
		char *d;

		str_clear(&x->low[k]);
		d = str_reserve(&x->low[k], f[k].n);
		for (i = 0; i < f[k].n; i++)
			d[i] = (char)lower((unsigned char)f[k].s[i]);
		x->low[k].len = f[k].n;
		d[f[k].n] = '\0';
		f[k].low = x->low[k].p;
	}
}

static int
regex_any(const struct cregex *re, size_t n, struct classify_scratch *x,
    struct field *f)
{
	size_t i;

	if (n == 0)
		return 0;
	fields_lower(x, f);
	for (i = 0; i < n; i++)
		if (cregex_match(&re[i], &f[0]) || cregex_match(&re[i], &f[1]))
			return 1;
	return 0;
}

static void
classify_run(const struct classifier *c, const struct classify_input *in,
    struct classify_result *r, int geo)
{
	struct classify_scratch *x;
	const struct gazetteer_word *v;
	struct field f[2];
	const char *fold;
	size_t n, i;

	if (r->scratch == NULL) {
		r->scratch = xcalloc(1, sizeof *r->scratch);
		r->scratch->words = gazetteer_words_new();
	}
	x = r->scratch;
	if (x->cap < c->nt) {
		x->cap = c->nt;
		x->topics = xreallocarray(x->topics, x->cap, sizeof *x->topics);
		x->state = xreallocarray(x->state, x->cap, 1);
	}
	if (c->nt > 0)
		memset(x->state, 0, c->nt);
	r->topics = x->topics;
	r->ntopics = 0;
	x->lowered = 0;
	f[0].s = in->title;
	f[0].n = in->title != NULL ? strlen(in->title) : 0;
	f[1].s = in->summary;
	f[1].n = in->summary != NULL ? strlen(in->summary) : 0;
	f[0].low = f[1].low = NULL;

	gazetteer_words_clear(x->words);
	gazetteer_words_add(x->words, f[0].s != NULL ? f[0].s : "", f[0].n,
	    TAG_TEXT);
	gazetteer_words_add(x->words, f[1].s != NULL ? f[1].s : "", f[1].n,
	    TAG_TEXT);
	if (geo) {
		for (i = 0; i < in->ncategories; i++)
			if (in->categories[i] != NULL)
				gazetteer_words_add(x->words,
				    in->categories[i],
				    strlen(in->categories[i]), TAG_CATEGORY);
		gazetteer_match_words(x->words, &r->geo);
	} else {
		r->geo.ncountries = r->geo.nregions = 0;
	}
	if (c->nt == 0)
		return;

	v = gazetteer_words_list(x->words, &n, &fold);
	keywords_scan(c, v, n, fold, x->state);
	for (i = 0; i < c->nt; i++) {
		const struct ctopic *t = &c->t[i];
		unsigned char *st = &x->state[i];

		if (*st & ST_EXCLUDED)
			continue;
		if (!(*st & ST_MATCHED) && (glob_any(&t->feeds, in->feed_key) ||
		    cats_any(&t->cats, in) || regex_any(t->re, t->nre, x, f)))
			*st |= ST_MATCHED;
		if (!(*st & ST_MATCHED))
			continue;
		if (glob_any(&t->ex_feeds, in->feed_key) ||
		    cats_any(&t->ex_cats, in) ||
		    regex_any(t->ex_re, t->nex_re, x, f))
			continue;
		x->topics[r->ntopics++] = t->key;
	}
}

void
classify_item(const struct classifier *c, const struct classify_input *in,
    struct classify_result *r)
{
	classify_run(c, in, r, 1);
}

void
classifier_topics(const struct classifier *c, const struct classify_input *in,
    struct strv *out)
{
	struct classify_result r;
	size_t i;

	classify_result_init(&r);
	classify_run(c, in, &r, 0);
	for (i = 0; i < r.ntopics; i++)
		strv_pushdup(out, r.topics[i]);
	classify_result_free(&r);
}
