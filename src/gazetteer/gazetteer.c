/*
 * gazetteer: the public lookups of include/gazetteer.h: the countries and
 * regions by code or key, the regions a country is in, a name the tables
 * know (for the query language's country: and region:), and the check of
 * the tables.  What a whole text names is match.c's; the tables are
 * data.c's, built by index.c.
 *
 * Apart from the matcher because these answer for one code, key or name
 * (the query language, the interface), not for a whole text.
 */
#include "gazetteer_int.h"

#include <string.h>

#include "text.h"

size_t
gazetteer_country_count(void)
{
	gz_init();
	return gz.ncountries;
}

const struct gazetteer_country *
gazetteer_country_at(size_t i)
{
	gz_init();
	return i < gz.ncountries ? &gz.countries[i] : NULL;
}

const struct gazetteer_country *
gazetteer_country(const char *code)
{
	int i;

	gz_init();
	if (code == NULL)
		return NULL;
	i = gz_country_index(code, strlen(code));
	return i < 0 ? NULL : &gz.countries[i];
}

size_t
gazetteer_region_count(void)
{
	gz_init();
	return gz.nregions;
}

const struct gazetteer_region *
gazetteer_region_at(size_t i)
{
	gz_init();
	return i < gz.nregions ? &gz.regions[i] : NULL;
}

const struct gazetteer_region *
gazetteer_region(const char *key)
{
	size_t i;

	gz_init();
	if (key == NULL)
		return NULL;
	for (i = 0; i < gz.nregions; i++)
		if (text_eq_nocase(key, strlen(key), gz.regions[i].key))
			return &gz.regions[i];
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
	ci = code != NULL ? gz_country_index(code, strlen(code)) : -1;
	if (ci < 0)
		return 0;
	bits = gz.member_of[ci];
	for (i = 0; i < gz.nregions && i < 64; i++) {
		if (!(bits & ((uint64_t)1 << i)))
			continue;
		if (n < max)
			out[n] = &gz.regions[i];
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
	g = gz_group_find(fold + v[0].off, v[0].len, v[0].hash);
	for (i = 0; g != NULL && i < g->count && found == NULL; i++) {
		const struct gz_name *nm = &gz.names[gz.order[g->first + i]];

		if (nm->ntok != nw)
			continue;
		for (k = 1; k < nm->ntok; k++) {
			const struct gz_tok *t = &gz.toks[nm->tok + k];

			if (t->len != v[k].len || memcmp(gz.pool.p + t->off,
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
	ci = gz_country_index(s, len);
	if (ci >= 0)
		return gz.countries[ci].code;
	nm = name_lookup(s, len);
	if (nm == NULL || nm->ncodes != 1 || nm->kind == GZK_REGION ||
	    nm->kind == GZK_BLOCKER || nm->kind == GZK_SUBDIV)
		return NULL;
	return gz.countries[nm->code[0]].code;
}

const char *
gazetteer_lookup_region(const char *name, size_t n)
{
	const struct gz_name *nm;
	const char *s = name;
	size_t len, i;

	gz_init();
	len = text_trim(&s, n);
	for (i = 0; i < gz.nregions; i++)
		if (text_eq_nocase(s, len, gz.regions[i].key))
			return gz.regions[i].key;
	nm = name_lookup(s, len);
	if (nm == NULL || nm->kind != GZK_REGION)
		return NULL;
	return gz.regions[nm->code[0]].key;
}

int
gazetteer_check(char **cause)
{
	gz_init();
	if (gz.problems.n == 0)
		return 0;
	if (cause != NULL)
		*cause = strv_join(&gz.problems, "\n");
	return -1;
}


int
gazetteer_region_is_group(const struct gazetteer_region *r)
{
	return gz_in_sorted(gz_group_keys, gz_group_keys_n, r->key,
	    strlen(r->key));
}
