/*
 * bench_cache: the query language's reads on a generated cache.
 *
 *   bench_cache CACHE CONFIG [ARTICLES [RUNS]]
 *
 * When CACHE does not exist it is generated first: ARTICLES (100000)
 * articles in 20 feeds, written through classification (CONFIG's topics,
 * the gazetteer) and store_feed_apply in documents of 1000, as refreshes
 * would; titles and summaries are built from news-like templates with
 * countries, capitals, demonyms and topic words at realistic rates, a
 * third of the feeds carry ISMG-style categories, dates spread over 60
 * days, and articles older than 20 days are marked read.
 *
 * Then, best of RUNS each: a full-text page and count, `country:JP
 * unread` page and count, query_facets per topic, country, region and
 * feed, and one reclassification of the whole cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "config.h"
#include "feed.h"
#include "ingest.h"
#include "query.h"
#include "store.h"
#include "str.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define DAY 86400
#define NFEEDS 20
#define DOC_ITEMS 1000

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static uint32_t rng = 12345;

static uint32_t
rnd(uint32_t n)
{
	rng = rng * 1103515245u + 12345u;
	return ((rng >> 8) & 0xFFFFFF) % n;
}

/* Countries as news names them: name, demonym, capital; weights skewed. */
static const struct place {
	const char *name, *adj, *capital;
	int weight;
} places[] = {
	{ "United States", "American", "Washington", 30 },
	{ "China", "Chinese", "Beijing", 24 },
	{ "Russia", "Russian", "Moscow", 22 },
	{ "Ukraine", "Ukrainian", "Kyiv", 16 },
	{ "Japan", "Japanese", "Tokyo", 10 },
	{ "North Korea", "North Korean", "Pyongyang", 8 },
	{ "South Korea", "South Korean", "Seoul", 7 },
	{ "Iran", "Iranian", "Tehran", 9 },
	{ "Israel", "Israeli", "Jerusalem", 9 },
	{ "India", "Indian", "New Delhi", 8 },
	{ "United Kingdom", "British", "London", 10 },
	{ "Germany", "German", "Berlin", 7 },
	{ "France", "French", "Paris", 7 },
	{ "Taiwan", "Taiwanese", "Taipei", 6 },
	{ "Australia", "Australian", "Canberra", 5 },
	{ "Brazil", "Brazilian", "Brasilia", 3 },
	{ "Turkey", "Turkish", "Ankara", 4 },
	{ "Poland", "Polish", "Warsaw", 4 },
	{ "Philippines", "Philippine", "Manila", 3 },
	{ "Saudi Arabia", "Saudi", "Riyadh", 4 },
	{ "Nigeria", "Nigerian", "Abuja", 2 },
	{ "Vietnam", "Vietnamese", "Hanoi", 2 },
	{ "Canada", "Canadian", "Ottawa", 3 },
	{ "Mexico", "Mexican", "Mexico City", 2 },
	{ "Pakistan", "Pakistani", "Islamabad", 3 },
};

static const struct place *
place(void)
{
	static int total;
	int k;

	if (total == 0)
		for (size_t i = 0; i < NELEM(places); i++)
			total += places[i].weight;
	k = (int)rnd((uint32_t)total);
	for (size_t i = 0; i < NELEM(places); i++) {
		if (k < places[i].weight)
			return &places[i];
		k -= places[i].weight;
	}
	return &places[0];
}

static const char *const actors[] = { "Hackers", "Officials", "Researchers",
    "Regulators", "Ministers", "Prosecutors", "Analysts", "Lawmakers" };
static const char *const subjects[] = {
	"ransomware attack", "phishing campaign", "supply chain compromise",
	"zero-day exploit", "election interference", "sanctions package",
	"military exercise", "data breach", "espionage operation",
	"disinformation campaign", "power grid intrusion", "bank fraud scheme",
	"cloud outage", "privacy ruling", "export controls", "peace talks",
	"missile test", "botnet takedown", "crypto heist", "security update",
};
static const char *const verbs[] = { "warn of", "blame", "investigate",
    "respond to", "disclose", "condemn", "track", "report" };
static const char *const filler[] = {
	"The incident", "The move", "The report", "A statement",
	"The agency", "An official", "The company", "The ministry",
};
static const char *const tails[] = {
	"affected hospitals and schools",
	"drew criticism from allies",
	"follows months of tension",
	"targeted telecommunications providers",
	"raised concerns among investors",
	"prompted an emergency meeting",
	"was the third this year",
	"is still under investigation",
	"hit manufacturers and retailers",
	"exposed millions of records",
};
static const char *const sections[] = {
	"Cyberwarfare / Nation-State Attacks",
	"Fraud Management & Cybercrime",
	"Governance & Risk Management",
	"Ransomware",
	"Critical Infrastructure Security",
	"Standards, Regulations & Compliance",
	"Security Operations",
	"Next-Generation Technologies & Secure Development",
};

static void
make_item(struct feed_item *it, int feed, size_t n, time_t now)
{
	const struct place *a = place(), *b = place();
	const char *subj = subjects[rnd(NELEM(subjects))];
	struct str s = STR_INIT;

	memset(it, 0, sizeof *it);
	it->guid = xasprintf("gen-%02d-%06zu", feed, n);
	it->url = xasprintf("https://gen%02d.example/a/%zu", feed, n);
	switch (rnd(4)) {
	case 0:
		it->title = xasprintf("%s %s %s %s", a->adj,
		    actors[rnd(NELEM(actors))], verbs[rnd(NELEM(verbs))], subj);
		break;
	case 1:
		it->title = xasprintf("%s and %s %s %s", a->name, b->name,
		    verbs[rnd(NELEM(verbs))], subj);
		break;
	case 2:
		it->title = xasprintf("%s %s hits %s firms", subj, a->adj,
		    b->adj);
		it->title[0] = (char)(it->title[0] - 32);
		break;
	default:
		it->title = xasprintf("Inside the %s: what %s wants", subj,
		    a->capital);
		break;
	}
	str_appendf(&s, "<p>%s said on Tuesday that the %s %s.</p>",
	    rnd(2) ? a->capital : a->name, subj, tails[rnd(NELEM(tails))]);
	str_appendf(&s, "<p>%s %s; %s officials declined to comment.</p>",
	    filler[rnd(NELEM(filler))], tails[rnd(NELEM(tails))], b->adj);
	if (rnd(3) == 0)
		str_appendf(&s, "<p>Analysts expect further %s in the "
		    "coming weeks.</p>", subjects[rnd(NELEM(subjects))]);
	it->summary = str_steal(&s);
	it->author = xasprintf("Reporter %u", rnd(200));
	it->published = (int64_t)now - (int64_t)rnd(60 * DAY);
	it->updated = 0;
	if (feed % 3 == 0) {
		strv_pushdup(&it->categories, sections[rnd(NELEM(sections))]);
		if (rnd(2))
			strv_pushdup(&it->categories,
			    sections[rnd(NELEM(sections))]);
	}
}

static int
generate(const char *path, const struct config *cfg, size_t total)
{
	struct classifier *c;
	struct store *st;
	char *cause = NULL;
	time_t now = time(NULL);
	double t0 = now_s(), t_class = 0;
	size_t per_feed = (total + NFEEDS - 1) / NFEEDS, made = 0;

	st = store_open(path, &cause);
	c = st != NULL ? ingest_classifier_new(cfg, &cause) : NULL;
	if (c == NULL) {
		fprintf(stderr, "bench_cache: %s\n", cause);
		return -1;
	}
	for (int f = 0; f < NFEEDS && made < total; f++) {
		char key[16];

		snprintf(key, sizeof key, "gen%02d", f);
		if (store_feed_sync(st, key, "https://gen.example/feed", NULL,
		    &cause) < 0)
			goto fail;
		for (size_t done = 0; done < per_feed && made < total;) {
			struct feed_doc *d = xcalloc(1, sizeof *d);
			struct store_fetch_outcome o = { 0 };
			size_t k = per_feed - done;
			double t1;

			if (k > DOC_ITEMS)
				k = DOC_ITEMS;
			if (k > total - made)
				k = total - made;
			d->format = FEED_FORMAT_RSS;
			d->items = xcalloc(k, sizeof *d->items);
			for (size_t i = 0; i < k; i++)
				make_item(&d->items[i], f, done + i, now);
			d->nitems = k;
			t1 = now_s();
			ingest_classify_doc(c, key, d);
			t_class += now_s() - t1;
			o.fetched_at = (int64_t)now;
			o.http_status = 200;
			if (store_feed_apply(st, key, &o, d, NULL, &cause) < 0)
				goto fail;
			feed_doc_free(d);
			done += k;
			made += k;
		}
	}
	{
		struct query_env env = { (int64_t)now, cfg };
		struct query_error err;
		struct query *q = query_parse("before:20d", &env, &err);
		int64_t changed = 0;
		double t1 = now_s();

		if (query_mark_read(st, q, &changed, &cause) < 0)
			goto fail;
		printf("generated %zu articles in %.1f s (classification %.1f s); "
		    "marked %lld older than 20 days read in %.2f s\n", made,
		    t1 - t0, t_class, (long long)changed, now_s() - t1);
		query_free(q);
	}
	classifier_free(c);
	store_close(st);
	return 0;
fail:
	fprintf(stderr, "bench_cache: %s\n", cause);
	return -1;
}

struct timing {
	const char *what;
	double best_ms;
	const char *goal;
	char note[64];
};

static double
time_page(struct store *st, const struct query *q, size_t *rows)
{
	struct article_row *v;
	size_t n;
	char *cause = NULL;
	double t0 = now_s();

	if (query_page(st, q, NULL, QUERY_OLDER, 50, &v, &n, &cause) < 0) {
		fprintf(stderr, "bench_cache: %s\n", cause);
		exit(2);
	}
	t0 = now_s() - t0;
	article_rows_free(v, n);
	*rows = n;
	return t0 * 1000;
}

static double
time_count(struct store *st, const struct query *q, int64_t *total)
{
	char *cause = NULL;
	double t0 = now_s();

	if (query_count(st, q, total, NULL, &cause) < 0) {
		fprintf(stderr, "bench_cache: %s\n", cause);
		exit(2);
	}
	return (now_s() - t0) * 1000;
}

static double
time_facets(struct store *st, enum facet_kind k, const struct query_env *env,
    size_t *n)
{
	struct facet_count *v;
	char *cause = NULL;
	double t0 = now_s();

	if (query_facets(st, k, env, &v, n, &cause) < 0) {
		fprintf(stderr, "bench_cache: %s\n", cause);
		exit(2);
	}
	t0 = now_s() - t0;
	facet_counts_free(v, *n);
	return t0 * 1000;
}

int
main(int argc, char **argv)
{
	static const char *const queries[] = { "ransomware", "country:JP unread" };
	static const struct {
		enum facet_kind kind;
		const char *what, *goal;
	} facets[] = {
		{ FACET_TOPIC, "counts per topic (query_facets)", "<= 20 ms" },
		{ FACET_COUNTRY, "counts per country (query_facets)", "<= 20 ms" },
		{ FACET_REGION, "counts per region (query_facets)", "-" },
		{ FACET_FEED, "counts per feed (query_facets)", "-" },
	};
	struct timing t[16];
	size_t nt = 0, articles = 100000;
	int runs = 3;
	struct config *cfg;
	struct store *st;
	struct query_env env;
	struct stat sb;
	char *cause = NULL;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_cache CACHE CONFIG [ARTICLES "
		    "[RUNS]]\n");
		return 2;
	}
	if (argc > 3)
		articles = (size_t)strtoul(argv[3], NULL, 10);
	if (argc > 4)
		runs = atoi(argv[4]);
	if (runs < 1)
		runs = 1;
	cfg = config_load(argv[2], &cause);
	if (cfg == NULL) {
		fprintf(stderr, "bench_cache: %s\n", cause);
		return 2;
	}
	if (stat(argv[1], &sb) != 0 && generate(argv[1], cfg, articles) < 0)
		return 2;
	st = store_open(argv[1], &cause);
	if (st == NULL) {
		fprintf(stderr, "bench_cache: %s\n", cause);
		return 2;
	}
	env.now = (int64_t)time(NULL);
	env.cfg = cfg;
	for (size_t i = 0; i < NELEM(queries); i++) {
		struct query_error err;
		struct query *q = query_parse(queries[i], &env, &err);
		struct timing *page = &t[nt++], *count = &t[nt++];
		char *what;

		what = xasprintf("page of 50: %s", queries[i]);
		page->what = what;
		page->goal = "<= 20 ms";
		page->best_ms = 1e9;
		what = xasprintf("count: %s", queries[i]);
		count->what = what;
		count->goal = "<= 20 ms";
		count->best_ms = 1e9;
		for (int r = 0; r < runs; r++) {
			size_t rows;
			int64_t total;
			double ms = time_page(st, q, &rows);

			if (ms < page->best_ms)
				page->best_ms = ms;
			snprintf(page->note, sizeof page->note, "%zu rows", rows);
			ms = time_count(st, q, &total);
			if (ms < count->best_ms)
				count->best_ms = ms;
			snprintf(count->note, sizeof count->note, "%lld match",
			    (long long)total);
		}
		query_free(q);
	}
	for (size_t i = 0; i < NELEM(facets); i++) {
		struct timing *f = &t[nt++];

		f->what = facets[i].what;
		f->goal = facets[i].goal;
		f->best_ms = 1e9;
		for (int r = 0; r < runs; r++) {
			size_t n;
			double ms = time_facets(st, facets[i].kind, &env, &n);

			if (ms < f->best_ms)
				f->best_ms = ms;
			snprintf(f->note, sizeof f->note, "%zu entries", n);
		}
	}
	{
		struct timing *rc = &t[nt++];
		struct classifier *c = ingest_classifier_new(cfg, &cause);
		size_t seen = 0, changed = 0;
		double t0 = now_s();

		if (c == NULL || ingest_reclassify(st, c, &seen, &changed,
		    &cause) < 0) {
			fprintf(stderr, "bench_cache: %s\n", cause);
			return 2;
		}
		rc->what = "reclassify, same rules";
		rc->best_ms = (now_s() - t0) * 1000;
		rc->goal = "<= 10 s";
		snprintf(rc->note, sizeof rc->note, "%zu articles, %zu changed",
		    seen, changed);
		classifier_free(c);
	}
	{
		/* every topic gone, then back: the most a rule change writes */
		struct timing *rc = &t[nt++];
		struct config none = *cfg;
		struct classifier *c;
		size_t seen = 0, changed = 0;
		double t0;

		none.ntopics = 0;
		c = ingest_classifier_new(&none, &cause);
		if (c == NULL || ingest_reclassify(st, c, NULL, NULL,
		    &cause) < 0) {
			fprintf(stderr, "bench_cache: %s\n", cause);
			return 2;
		}
		classifier_free(c);
		c = ingest_classifier_new(cfg, &cause);
		t0 = now_s();
		if (c == NULL || ingest_reclassify(st, c, &seen, &changed,
		    &cause) < 0) {
			fprintf(stderr, "bench_cache: %s\n", cause);
			return 2;
		}
		rc->what = "reclassify, every topic new";
		rc->best_ms = (now_s() - t0) * 1000;
		rc->goal = "<= 10 s";
		snprintf(rc->note, sizeof rc->note, "%zu articles, %zu changed",
		    seen, changed);
		classifier_free(c);
	}
	printf("%-40s %10s %10s  %s\n", "workload", "result", "goal", "");
	for (size_t i = 0; i < nt; i++) {
		if (t[i].best_ms >= 1000)
			printf("%-40s %8.2f s %10s  %s\n", t[i].what,
			    t[i].best_ms / 1000, t[i].goal, t[i].note);
		else
			printf("%-40s %7.2f ms %10s  %s\n", t[i].what,
			    t[i].best_ms, t[i].goal, t[i].note);
	}
	for (size_t i = 0; i < 2 * NELEM(queries); i++)
		free((char *)t[i].what);
	store_close(st);
	config_free(cfg);
	return 0;
}
