/*
 * index: data.c's tables built, once, into the index every lookup and
 * match uses (struct gz_index gz): the countries sorted by code, the
 * regions by key with their members as bits, every name split into folded
 * words (the same way text is, by words.c) and grouped by its first word
 * in a hash table with a Bloom filter in front, longest name first; the
 * rules for weak names with their word lists.  Problems in the tables
 * (unknown codes, a name for two things) are collected for
 * gazetteer_check().
 *
 * Apart from data.c so that the tables stay data, and from the matcher so
 * that names from another source (ICU, iso-codes, stems) change only how
 * the index is filled.  Built on first use (pthread_once) and never freed.
 */
#include "gazetteer_int.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "xalloc.h"

struct gz_index gz;

static pthread_once_t gz_once = PTHREAD_ONCE_INIT;

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
	strv_push(&gz.problems, str_steal(&s));
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

int
gz_country_index(const char *code, size_t n)
{
	size_t lo = 0, hi = gz.ncountries;
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
		int c = strcmp(up, gz.countries[mid].code);

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
 * Splits text into words and appends them to gz.toks (with "s" added to the
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
	out->tok = (uint32_t)gz.ntoks;
	out->ntok = (uint32_t)nw;
	for (i = 0; i < nw; i++) {
		struct gz_tok *t;

		gz.toks = xgrow(gz.toks, gz.ntoks, &gz.ctoks, sizeof *gz.toks);
		t = &gz.toks[gz.ntoks++];
		t->off = (uint32_t)gz.pool.len;
		str_append(&gz.pool, fold + v[i].off, v[i].len);
		if (plural && i == nw - 1)
			str_appendc(&gz.pool, 's');
		t->len = (uint32_t)(gz.pool.len - t->off);
		t->hash = gazetteer_hash(gz.pool.p + t->off, t->len);
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
	gz.names = xgrow(gz.names, gz.nnames, &gz.cnames, sizeof *gz.names);
	nm = &gz.names[gz.nnames++];
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
		size_t h = gz.toks[l->v[i].tok].hash & l->mask;

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
		int ci = gz_country_index(p, len);

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
	int c = memcmp(gz.pool.p + a->off, gz.pool.p + b->off, n);

	if (c != 0)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

static int
order_cmp(const void *a, const void *b)
{
	const struct gz_name *x = &gz.names[*(const uint32_t *)a];
	const struct gz_name *y = &gz.names[*(const uint32_t *)b];
	int c = tok_cmp(&gz.toks[x->tok], &gz.toks[y->tok]);

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
		const struct gz_tok *a = &gz.toks[x->tok + k];
		const struct gz_tok *b = &gz.toks[y->tok + k];

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
		str_append(&s, gz.pool.p + gz.toks[nm->tok + k].off,
		    gz.toks[nm->tok + k].len);
	}
	return str_steal(&s);
}

static void
index_build(void)
{
	size_t i, j, keep = 0;
	size_t tsize = 1;

	gz.order = xreallocarray(NULL, gz.nnames ? gz.nnames : 1,
	    sizeof *gz.order);
	for (i = 0; i < gz.nnames; i++)
		gz.order[i] = (uint32_t)i;
	qsort(gz.order, gz.nnames, sizeof *gz.order, order_cmp);

	/* Drop repeated names; two targets for one name is an error. */
	for (i = 0; i < gz.nnames; i++) {
		const struct gz_name *x = &gz.names[gz.order[i]];
		int dup = 0;

		for (j = keep; j-- > 0;) {
			const struct gz_name *y = &gz.names[gz.order[j]];

			if (tok_cmp(&gz.toks[y->tok], &gz.toks[x->tok]) != 0 ||
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
			gz.order[keep++] = gz.order[i];
	}

	/* Groups of names sharing a first word, and a hash table of them. */
	gz.groups = xreallocarray(NULL, keep ? keep : 1, sizeof *gz.groups);
	for (i = 0; i < keep; i = j) {
		const struct gz_tok *t = &gz.toks[gz.names[gz.order[i]].tok];
		struct gz_group *g = &gz.groups[gz.ngroups++];

		for (j = i + 1; j < keep; j++)
			if (tok_cmp(&gz.toks[gz.names[gz.order[j]].tok],
			    t) != 0)
				break;
		g->hash = t->hash;
		g->off = t->off;
		g->len = t->len;
		g->first = (uint32_t)i;
		g->count = (uint32_t)(j - i);
	}
	while (tsize < gz.ngroups * 2)
		tsize *= 2;
	gz.table = xcalloc(tsize, sizeof *gz.table);
	gz.tmask = tsize - 1;
	for (i = 0; i < gz.ngroups; i++) {
		uint32_t bit = (gz.groups[i].hash >> 16) % GZ_BLOOM_BITS;
		size_t h = gz.groups[i].hash & gz.tmask;

		gz.bloom[bit / 64] |= (uint64_t)1 << (bit % 64);
		while (gz.table[h] != 0)
			h = (h + 1) & gz.tmask;
		gz.table[h] = (uint32_t)(i + 1);
	}
}

const struct gz_group *
gz_group_find(const char *s, uint32_t len, uint32_t hash)
{
	uint32_t bit = (hash >> 16) % GZ_BLOOM_BITS;
	size_t h = hash & gz.tmask;

	/* Most words name nothing: a bit per hash answers them at once. */
	if (!(gz.bloom[bit / 64] & ((uint64_t)1 << (bit % 64))))
		return NULL;
	for (;;) {
		uint32_t gi = gz.table[h];
		const struct gz_group *g;

		if (gi == 0)
			return NULL;
		g = &gz.groups[gi - 1];
		if (g->hash == hash && g->len == len &&
		    memcmp(gz.pool.p + g->off, s, len) == 0)
			return g;
		h = (h + 1) & gz.tmask;
	}
}

static void
rules_build(struct gazetteer_words *tmp)
{
	size_t r, k;

	for (r = 0; r < gz_rule_src_n; r++) {
		const struct gz_rule_src *src = &gz_rule_src[r];
		struct gz_rule *rule = &gz.rules[gz.nrules++];
		struct gz_phrase ph;
		int linked = 0;

		rule->src = src;
		rule->flags = src->flags;
		rule->alt = src->alt != NULL ?
		    gz_country_index(src->alt, strlen(src->alt)) : -1;
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
		for (k = 0; k < gz.nnames; k++) {
			struct gz_name *nm = &gz.names[k];
			struct gz_name probe = *nm;

			probe.tok = ph.tok;
			probe.ntok = (uint16_t)ph.ntok;
			if (nm->plural || nm->kind == GZK_BLOCKER ||
			    nm->kind == GZK_SUBDIV || nm->kind == GZK_REGION)
				continue;
			if (!same_words(nm, &probe, 1))
				continue;
			nm->rule = (int16_t)(gz.nrules - 1);
			linked = 1;
		}
		if (!linked)
			problem("rule '%s' names no country name", src->name);
	}
}

/* The countries, sorted by code and checked; gz.us for the rules. */
static void
countries_build(void)
{
	size_t i;

	gz.ncountries = gz_country_src_n;
	gz.countries = xcalloc(gz.ncountries, sizeof *gz.countries);
	for (i = 0; i < gz.ncountries; i++) {
		gz.countries[i].code = gz_country_src[i].code;
		gz.countries[i].name = gz_country_src[i].name;
		gz.countries[i].status = gz_country_src[i].status;
		gz.countries[i].sovereign = gz_country_src[i].sovereign;
	}
	qsort(gz.countries, gz.ncountries, sizeof *gz.countries, code_cmp);
	for (i = 1; i < gz.ncountries; i++)
		if (strcmp(gz.countries[i - 1].code, gz.countries[i].code) == 0)
			problem("code %s twice", gz.countries[i].code);
	for (i = 0; i < gz.ncountries; i++)
		if (gz.countries[i].sovereign != NULL &&
		    gz_country_index(gz.countries[i].sovereign, 2) < 0)
			problem("%s: unknown sovereign %s",
			    gz.countries[i].code, gz.countries[i].sovereign);
	gz.us = gz_country_index("US", 2);
}

/* Each country's names, demonyms, seats and abbreviations. */
static void
country_names_add(struct name_ctx *c)
{
	static const enum gz_kind kinds[] = {
		GZK_NAME, GZK_DEMONYM, GZK_SEAT, GZK_ABBREV
	};
	size_t i, k;

	for (i = 0; i < gz_country_src_n; i++) {
		const struct gz_country_src *src = &gz_country_src[i];
		const char *lists[4];

		lists[0] = src->names;
		lists[1] = src->demonyms;
		lists[2] = src->seats;
		lists[3] = src->abbrevs;
		c->ncodes = 1;
		c->code[0] = (uint16_t)gz_country_index(src->code, 2);
		c->claims = -1;
		c->owner = src->code;
		for (k = 0; k < 4; k++) {
			c->kind = kinds[k];
			each_item(lists[k], name_add, c);
		}
	}
}

/* States and provinces, names for two countries, blockers. */
static void
extra_names_add(struct name_ctx *c)
{
	size_t i, k;

	for (i = 0; i < gz_extra_src_n; i++) {
		const struct gz_extra_src *e = &gz_extra_src[i];

		c->kind = e->kind;
		c->owner = e->names;
		c->code[0] = c->code[1] = 0;
		c->ncodes = e->codes != NULL ?
		    codes_parse(e->codes, c->code, 2, e->names) : 0;
		c->claims = -1;
		for (k = 0; e->claims != NULL && k < gz_rule_src_n; k++)
			if (strcmp(gz_rule_src[k].name, e->claims) == 0)
				c->claims = (int)k;
		if (e->claims != NULL && c->claims < 0)
			problem("'%s' claims unknown rule '%s'", e->names,
			    e->claims);
		each_item(e->names, name_add, c);
	}
}

/* Fills r from src: its key, label and member codes (checked, sorted). */
static void
region_fill(struct gazetteer_region *r, const struct gz_region_src *src)
{
	const char **codes = NULL;
	const char *p = src->codes;
	size_t n = 0, k;

	r->key = src->key;
	r->label = src->label;
	while (*p != '\0') {
		size_t len = strcspn(p, " ");
		int ci = gz_country_index(p, len);

		if (ci < 0) {
			char *bad = xstrndup(p, len);

			problem("region %s: unknown code '%s'", src->key, bad);
			free(bad);
		} else {
			codes = xreallocarray(codes, n + 1, sizeof *codes);
			codes[n++] = gz.countries[ci].code;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	for (k = 1; k < n; k++)
		if (strcmp(codes[k - 1], codes[k]) >= 0)
			problem("region %s: codes not sorted at %s", src->key,
			    codes[k]);
	r->codes = codes;
	r->ncodes = n;
}

/* The regions, sorted by key, and each country's membership as bits. */
static void
regions_build(void)
{
	size_t i, k;

	gz.nregions = gz_region_src_n;
	gz.regions = xcalloc(gz.nregions, sizeof *gz.regions);
	for (i = 0; i < gz.nregions; i++)
		region_fill(&gz.regions[i], &gz_region_src[i]);
	qsort(gz.regions, gz.nregions, sizeof *gz.regions, region_cmp);
	for (i = 1; i < gz.nregions; i++)
		if (strcmp(gz.regions[i - 1].key, gz.regions[i].key) == 0)
			problem("region %s twice", gz.regions[i].key);
	/* Membership as bits, so regions_of is not a scan of every list. */
	gz.member_of = xcalloc(gz.ncountries, sizeof *gz.member_of);
	if (gz.nregions > 64)
		problem("%zu regions: member_of holds 64", gz.nregions);
	for (i = 0; i < gz.nregions && i < 64; i++) {
		for (k = 0; k < gz.regions[i].ncodes; k++) {
			const char *code = gz.regions[i].codes[k];
			int ci = gz_country_index(code, strlen(code));

			if (ci >= 0)
				gz.member_of[ci] |= (uint64_t)1 << i;
		}
	}
}

/* The names of each region, in the sorted regions' order. */
static void
region_names_add(struct name_ctx *c)
{
	size_t i, k;

	for (i = 0; i < gz.nregions; i++) {
		const struct gazetteer_region *r = &gz.regions[i];

		c->kind = GZK_REGION;
		c->ncodes = 0;
		c->code[0] = (uint16_t)i;
		c->claims = -1;
		c->owner = r->key;
		for (k = 0; k < gz_region_src_n; k++)
			if (strcmp(gz_region_src[k].key, r->key) == 0)
				each_item(gz_region_src[k].names, name_add, c);
	}
}

/*
 * Everything, in an order that matters: names keep the tables' order
 * among equals, and one name context runs through all of them.
 */
static void
gz_build(void)
{
	struct gazetteer_words *tmp = gazetteer_words_new();
	struct name_ctx c;

	countries_build();
	memset(&c, 0, sizeof c);
	c.tmp = tmp;
	country_names_add(&c);
	extra_names_add(&c);
	regions_build();
	region_names_add(&c);
	rules_build(tmp);
	list_build(tmp, &gz.first_names, gz_first_names);
	list_build(tmp, &gz.prev_exempt, gz_prev_exempt);
	list_build(tmp, &gz.next_exempt, gz_next_exempt);
	list_build(tmp, &gz.said, gz_said);
	list_build(tmp, &gz.and_or, gz_and_or);
	index_build();
	gazetteer_words_free(tmp);
}

void
gz_init(void)
{
	pthread_once(&gz_once, gz_build);
}
