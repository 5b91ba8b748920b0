/*
 * match: the countries and regions a text names (gazetteer_match_words).
 *
 * HOW NAMES ARE FOUND
 *   Names (data.c) are split the same way as text (words.c) and indexed by
 *   their first word (index.c).  At each word the longest name that starts
 *   there wins, so "Papua New Guinea" beats "Guinea", "South Sudan" beats
 *   "Sudan", "Democratic Republic of the Congo" beats "Republic of the
 *   Congo", and "Niger" never matches inside "Nigeria" (words are whole).
 *   The words a match consumes are not matched again: "New Jersey",
 *   "Indian Ocean" and "French fries" hide the country inside them.
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
 * The decisions the tables encode (America, Korea, Congo, waters, seats,
 * disputed areas ...) are at the top of data.c.
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
 * Apart from the index and the words so that the matching and its rules
 * stay as they are when the names or the word splitting change.
 */
#include "gazetteer_int.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

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
		const struct gz_tok *t = &gz.toks[p->tok + k];

		if (k > 0 && (w->flags & GAZETTEER_W_BREAK))
			return 0;
		if (w->hash != t->hash || w->len != t->len ||
		    memcmp(d->fold + w->off, gz.pool.p + t->off, t->len) != 0)
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

		if (gz.toks[p->tok].hash == hash && phrase_at(d, i, p))
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
		    word_in(d, i - 1, &gz.and_or))
			return mention_ending(d, i - 2);
		return NULL;
	}
	if (j >= d->n || (WF(d, j) & GAZETTEER_W_SEG))
		return NULL;
	if (WF(d, j) & join)
		return mention_at(d, j);
	if (j + 1 < d->n && (WF(d, j + 1) & GAZETTEER_W_ADJ) &&
	    word_in(d, j, &gz.and_or))
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
	const struct gz_name *nm = &gz.names[m->name];
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
		    word_in(d, i - 1, &gz.first_names))
			return V_NONE;
		if (!title_line(d, i) && !(WF(d, i - 1) & GAZETTEER_W_SENT) &&
		    plain_cap(d, i - 1, &gz.prev_exempt))
			return V_NONE;
	}
	if ((r->flags & GZR_PERSON_NEXT) && j < d->n &&
	    (WF(d, j) & GAZETTEER_W_ADJ) && !title_line(d, i) &&
	    plain_cap(d, j, &gz.next_exempt))
		return V_NONE;
	if ((r->flags & GZR_SAID) && i > 0 && (WF(d, i) & GAZETTEER_W_ADJ) &&
	    word_in(d, i - 1, &gz.said) &&
	    (j >= d->n || (WF(d, j) & (GAZETTEER_W_SEG | GAZETTEER_W_SENT |
	    GAZETTEER_W_COMMA))))
		return V_NONE;

	/* "Atlanta, Georgia": the other place. */
	if ((r->flags & GZR_US_STATE) && i > 0 &&
	    (WF(d, i) & GAZETTEER_W_COMMA)) {
		struct gz_mention *pm = mention_ending(d, i - 1);

		if (pm != NULL) {
			const struct gz_name *pn = &gz.names[pm->name];

			if (pn->kind == GZK_SEAT) {
				if (name_country(pn) == name_country(nm))
					return V_YES;
				if (nm->kind != GZK_SEAT) {
					/* "Athens, Georgia": both are towns */
					pm->verdict = V_NONE;
					return V_ALT;
				}
			}
		} else if (plain_cap(d, i - 1, &gz.prev_exempt)) {
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
		on = &gz.names[nb[k]->name];
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
	const struct gz_name *nm = &gz.names[m->name];
	const struct gz_mention *sm;
	size_t j = m->w + m->ntok, r;

	if (nm->kind != GZK_SEAT && nm->kind != GZK_NAME)
		return 0;
	if (j >= d->n || !(WF(d, j) & GAZETTEER_W_COMMA) ||
	    (sm = mention_at(d, j)) == NULL ||
	    gz.names[sm->name].kind != GZK_SUBDIV)
		return 0;
	if (nm->kind == GZK_SEAT)
		return 1;
	/* "Mexico, Texas and Arizona" is a list. */
	r = j + sm->ntok;
	if (r < d->n && !(WF(d, r) & (GAZETTEER_W_SEG | GAZETTEER_W_SENT)) &&
	    (word_in(d, r, &gz.and_or) ||
	    ((WF(d, r) & GAZETTEER_W_COMMA) && mention_at(d, r) != NULL)))
		return 0;
	return 1;
}

/* The longest name that starts at word i, or NULL. */
static const struct gz_name *
match_at(const struct doc *d, size_t i)
{
	const struct gazetteer_word *w = &d->v[i];
	const struct gz_group *g = gz_group_find(d->fold + w->off, w->len,
	    w->hash);
	uint32_t k, t;

	if (g == NULL)
		return NULL;
	for (k = 0; k < g->count; k++) {
		const struct gz_name *nm = &gz.names[gz.order[g->first + k]];

		if (i + nm->ntok > d->n)
			continue;
		for (t = 0; t < nm->ntok; t++) {
			const struct gazetteer_word *x = &d->v[i + t];
			const struct gz_tok *tk = &gz.toks[nm->tok + t];

			if (t > 0 && ((x->flags & GAZETTEER_W_BREAK) ||
			    x->hash != tk->hash || x->len != tk->len ||
			    memcmp(d->fold + x->off, gz.pool.p + tk->off,
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

/* Every name, longest first, left to right; not in datelines. */
static void
mentions_find(struct gazetteer_words *w, struct doc *d)
{
	size_t i, k;

	if (w->wmcap < w->n) {
		w->wmcap = w->n;
		w->wm = xreallocarray(w->wm, w->wmcap, sizeof *w->wm);
	}
	w->nm = 0;
	d->v = w->v;
	d->n = w->n;
	d->fold = w->fold.p;
	d->wm = w->wm;
	for (i = 0; i < w->n;) {
		const struct gz_name *nm = (w->v[i].flags &
		    GAZETTEER_W_DATELINE) ? NULL : match_at(d, i);
		struct gz_mention *m;

		if (nm == NULL) {
			w->wm[i++] = -1;
			continue;
		}
		w->m = xgrow(w->m, w->nm, &w->mcap, sizeof *w->m);
		m = &w->m[w->nm];
		m->w = (uint32_t)i;
		m->ntok = nm->ntok;
		m->name = (uint32_t)(nm - gz.names);
		m->verdict = V_PENDING;
		for (k = 0; k < nm->ntok; k++)
			w->wm[i + k] = (int32_t)w->nm;
		w->nm++;
		i += nm->ntok;
	}
	d->m = w->m;
	d->nm = w->nm;
}

/*
 * What the words around each mention say.  other[rule] gets the sense the
 * text gives a weak name somewhere (V_ALT or V_NONE).  Returns 1 when the
 * text names a US state.
 */
static int
verdicts_local(const struct doc *d, int8_t *other)
{
	int doc_states = 0;
	size_t i;

	for (i = 0; i < d->nm; i++) {
		struct gz_mention *m = &d->m[i];
		const struct gz_name *nm = &gz.names[m->name];

		if (nm->kind == GZK_BLOCKER || nm->kind == GZK_SUBDIV) {
			if (nm->kind == GZK_SUBDIV && nm->ncodes == 1 &&
			    nm->code[0] == gz.us)
				doc_states = 1;
			if (nm->claims >= 0)
				other[nm->claims] = (int8_t)
				    (gz.rules[nm->claims].alt >= 0 ? V_ALT :
				    V_NONE);
			if (m->verdict == V_PENDING)
				m->verdict = nm->kind == GZK_SUBDIV ? V_YES :
				    V_NONE;
			continue;
		}
		if (m->verdict != V_PENDING)	/* set by a neighbour */
			continue;
		if (before_state(d, m)) {
			m->verdict = V_NONE;
			continue;
		}
		if (nm->rule < 0) {
			m->verdict = V_YES;
			continue;
		}
		m->verdict = (int8_t)verdict_local(d, m, &gz.rules[nm->rule]);
		if (m->verdict == V_ALT || m->verdict == V_NONE)
			other[nm->rule] = m->verdict;
	}
	return doc_states;
}

/* What the whole text says, for the mentions still open. */
static void
verdicts_doc(const struct doc *d, const int8_t *other, int doc_states)
{
	int8_t doc_yes[GZ_MAX_RULES], doc_alt[GZ_MAX_RULES];
	size_t i;

	memset(doc_yes, -1, sizeof doc_yes);
	memset(doc_alt, -1, sizeof doc_alt);
	for (i = 0; i < d->nm; i++) {
		struct gz_mention *m = &d->m[i];
		const struct gz_name *nm = &gz.names[m->name];
		const struct gz_rule *r;
		int ri = nm->rule;

		if (m->verdict != V_PENDING)
			continue;
		r = &gz.rules[ri];
		if (doc_yes[ri] < 0)
			doc_yes[ri] = (int8_t)list_anywhere(d, &r->doc_yes);
		if (doc_yes[ri]) {
			m->verdict = V_YES;
			continue;
		}
		if (other[ri]) {
			m->verdict = other[ri];
			continue;
		}
		if (doc_alt[ri] < 0)
			doc_alt[ri] = (int8_t)list_anywhere(d, &r->doc_alt);
		if (doc_alt[ri] || ((r->flags & GZR_DOC_STATES) && doc_states))
			m->verdict = V_ALT;
		else if (r->flags & GZR_NEED_SUPPORT)
			m->verdict = V_NONE;
		else
			m->verdict = V_YES;
	}
}

/* The codes and keys of what the mentions were judged to name, sorted. */
static void
result_fill(const struct doc *d, struct gazetteer_result *out)
{
	unsigned short cmark[GAZETTEER_MAX_COUNTRIES];
	unsigned cfirst[GAZETTEER_MAX_COUNTRIES];
	unsigned char rmark[GAZETTEER_MAX_REGIONS];
	size_t i;

	memset(cmark, 0, sizeof cmark);
	memset(rmark, 0, sizeof rmark);
	for (i = 0; i < d->nm; i++) {
		const struct gz_mention *m = &d->m[i];
		const struct gz_name *nm = &gz.names[m->name];
		int k;

		if (m->verdict == V_ALT) {
			if (nm->rule >= 0 && gz.rules[nm->rule].alt >= 0)
				mark_country(cmark, cfirst,
				    gz.rules[nm->rule].alt, m->w);
		} else if (m->verdict == V_YES) {
			if (nm->kind == GZK_REGION)
				rmark[nm->code[0]] = 1;
			else
				for (k = 0; k < nm->ncodes; k++)
					mark_country(cmark, cfirst,
					    nm->code[k], m->w);
		}
	}
	for (i = 0; i < gz.ncountries; i++) {
		if (cmark[i] == 0)
			continue;
		out->mentions[out->ncountries] = cmark[i];
		out->first_word[out->ncountries] = cfirst[i];
		out->countries[out->ncountries++] = gz.countries[i].code;
	}
	for (i = 0; i < gz.nregions; i++)
		if (rmark[i])
			out->regions[out->nregions++] = gz.regions[i].key;
}

void
gazetteer_match_words(struct gazetteer_words *w, struct gazetteer_result *out)
{
	struct doc d;
	int8_t other[GZ_MAX_RULES];	/* the sense the text gave a name */
	int doc_states;

	gz_init();
	out->ncountries = 0;
	out->nregions = 0;
	if (w->n == 0)
		return;
	mentions_find(w, &d);
	memset(other, 0, sizeof other);
	doc_states = verdicts_local(&d, other);
	verdicts_doc(&d, other, doc_states);
	result_fill(&d, out);
}

void
gazetteer_match(const char *text, size_t n, struct gazetteer_result *out)
{
	struct gazetteer_words *w = gazetteer_words_new();

	gazetteer_words_add(w, text, n, 0);
	gazetteer_match_words(w, out);
	gazetteer_words_free(w);
}
