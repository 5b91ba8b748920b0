/*
 * bench_ui: a large cache for the interface's benchmark.
 *
 *   bench_ui CACHE CONFIG [ARTICLES]
 *
 * Writes CONFIG (50 feeds, 8 topics, 2 saved views, no automatic refresh)
 * and fills a new cache at CACHE with ARTICLES (default 100000) articles
 * through the store API, the way a refresh stores them: 50 feeds, headline
 * titles (some Japanese and Cyrillic), bylines, HTML summaries, full content
 * on a third, dates over 90 days.  Then, as an analyst's cache looks after a
 * while: 60% read, 0.5% starred, 1% tagged, and topics and countries filed
 * for most articles.  Deterministic (a seeded generator).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "feed.h"
#include "store.h"
#include "str.h"
#include "xalloc.h"

#define NFEEDS 50
#define DAYS 90

static const char *const words[] = {
	"agency", "ministry", "officials", "attack", "ransomware", "network",
	"breach", "security", "government", "military", "talks", "sanctions",
	"election", "minister", "defense", "cyber", "intelligence", "grid",
	"hospital", "bank", "vulnerability", "patch", "exploit", "campaign",
	"espionage", "diplomats", "summit", "border", "ceasefire", "alliance",
	"treaty", "parliament", "president", "export", "controls", "satellite",
	"navy", "coast", "guard", "drills", "missile", "strait", "malware",
	"phishing", "supply", "chain", "firmware", "advisory", "researchers",
	"regulators", "outage", "telecom", "cloud", "extortion", "leak",
};
static const char *const places[] = {
	"Japan", "China", "Taiwan", "Philippines", "Vietnam", "India", "Iran",
	"Israel", "Ukraine", "Russia", "Poland", "Germany", "France", "Britain",
	"Brazil", "Canada", "Australia", "Nigeria", "Kenya", "Turkey",
};
static const char *const ja[] = {
	"東京", "政府", "発表", "サイバー攻撃", "安全保障", "防衛省", "外相",
	"協議", "経済制裁", "情報漏えい",
};
static const char *const ru[] = {
	"Киев", "Москва", "правительство", "кибератака", "безопасность",
	"оборона", "переговоры", "санкции",
};
static const char *const authors[] = {
	"Aiko Tanabe", "Marcus Feld", "Olena Kovalenko", "Nora Whitfield",
	"Imran Qadir", "Grace Holloway", "Desk Staff", "Wire Reporter",
};
static const char *const topics[][3] = {
	/* key, label, keywords */
	{ "nation-state", "Nation-state", "espionage, APT" },
	{ "ransomware", "Ransomware", "ransomware" },
	{ "vulnerabilities", "Vulnerabilities", "vulnerability, patch" },
	{ "elections", "Elections", "election" },
	{ "sanctions", "Sanctions", "sanctions" },
	{ "military", "Military", "military, navy, missile" },
	{ "diplomacy", "Diplomacy", "summit, talks, treaty" },
	{ "infrastructure", "Critical infrastructure", "grid, telecom" },
};
static const char *const countries[] = {
	"JP", "CN", "TW", "PH", "VN", "IN", "IR", "IL", "UA", "RU", "PL", "DE",
	"FR", "GB", "BR", "CA", "AU", "NG", "KE", "TR", "US", "KR", "KP",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t
rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static char *
title(void)
{
	struct str s = STR_INIT;
	uint32_t kind = rnd(20);
	int n = 7 + (int)rnd(8);

	for (int i = 0; i < n; i++) {
		const char *w;

		if (kind == 0)
			w = ja[rnd(NELEM(ja))];
		else if (kind == 1)
			w = ru[rnd(NELEM(ru))];
		else if (rnd(6) == 0)
			w = places[rnd(NELEM(places))];
		else
			w = words[rnd(NELEM(words))];
		if (i > 0 && kind != 0)
			str_appendc(&s, ' ');
		str_appendz(&s, w);
	}
	if (s.p[0] >= 'a' && s.p[0] <= 'z')
		s.p[0] = (char)(s.p[0] - 'a' + 'A');
	return str_steal(&s);
}

static char *
html(int paragraphs)
{
	struct str s = STR_INIT;

	for (int p = 0; p < paragraphs; p++) {
		str_appendz(&s, "<p>");
		for (int i = 0, n = 40 + (int)rnd(40); i < n; i++) {
			if (i > 0)
				str_appendc(&s, ' ');
			if (i == 5 && rnd(3) == 0)
				str_appendf(&s, "<a href=\"https://bench.example/ref/%u\">"
				    "source</a>", rnd(100000));
			else
				str_appendz(&s, rnd(8) == 0 ? places[rnd(NELEM(places))] :
				    words[rnd(NELEM(words))]);
		}
		str_appendz(&s, ".</p>");
	}
	return str_steal(&s);
}

static struct feed_doc *
make_doc(int feed, size_t nitems, int64_t now)
{
	struct feed_doc *doc = xcalloc(1, sizeof *doc);

	doc->format = FEED_FORMAT_RSS;
	doc->title = xasprintf("Bench Desk %02d", feed);
	doc->link = xasprintf("https://bench.example/%02d/", feed);
	doc->items = xcalloc(nitems, sizeof *doc->items);
	doc->nitems = nitems;
	for (size_t i = 0; i < nitems; i++) {
		struct feed_item *it = &doc->items[i];
		/* spread over DAYS days, newest first, feeds interleaved */
		int64_t age = (int64_t)((double)i / (double)nitems * DAYS * 86400) +
		    feed * 37 + rnd(600);

		it->guid = xasprintf("bench-%02d-%06zu", feed, i);
		it->url = xasprintf("https://bench.example/%02d/%06zu", feed, i);
		it->title = title();
		it->author = xstrdup(authors[rnd(NELEM(authors))]);
		it->published = now - age;
		it->summary = html(1);
		if (i % 3 == 0)
			it->content = html(4);
		strv_pushdup(&it->categories, topics[rnd(NELEM(topics))][1]);
	}
	return doc;
}

static void
write_config(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fprintf(f, "# written by tests/bench/bench_ui\n[general]\nkeep_days = 0\n"
	    "\n[ui]\nauto_refresh = no\n");
	for (int i = 0; i < NFEEDS; i++)
		fprintf(f, "\n[feed:desk%02d]\nurl = https://bench.example/%02d/"
		    "feed.xml\n", i, i);
	for (size_t t = 0; t < NELEM(topics); t++)
		fprintf(f, "\n[topic:%s]\nlabel = %s\nkeywords = %s\n", topics[t][0],
		    topics[t][1], topics[t][2]);
	fprintf(f, "\n[view:japan]\nlabel = Japan desk\nquery = country:JP\n"
	    "\n[view:cyber]\nlabel = Unread cyber\nquery = unread "
	    "(topic:ransomware OR topic:vulnerabilities)\n");
	fclose(f);
}

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "bench_ui: %s: %s\n", what, cause ? cause : "failed");
	exit(1);
}

/*
 * The analyst's marks.  Tags go through the store API.  Read and starred
 * flags for 60,000 articles, and the topics and countries a refresh would
 * file, go in with plain SQL in one transaction each: the store sets flags
 * one article per transaction and has no call to file topics by hand
 * (classification at ingest does).
 */
static void
mark_up(struct store *st, size_t total)
{
	sqlite3 *db = store_db(st);
	char *cause = NULL;
	sqlite3_stmt *s;
	static const char *const tags[] = { "brief", "apt29", "follow-up",
	    "q4-report" };

	if (sqlite3_exec(db, "BEGIN IMMEDIATE;"
	    "UPDATE items SET read = 1 WHERE id % 5 < 3;"
	    "UPDATE items SET starred = 1 WHERE id % 200 = 7;"
	    "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
		die("flags", xstrdup(sqlite3_errmsg(db)));
	for (size_t id = 11; id <= total; id += 100)
		if (store_item_tag(st, (int64_t)id, tags[id % NELEM(tags)], 1,
		    &cause) < 0)
			die("tag", cause);
	sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO item_topics(item_id, "
	    "topic) VALUES (?, ?)", -1, &s, NULL) != SQLITE_OK)
		die("topics", xstrdup(sqlite3_errmsg(db)));
	for (size_t id = 1; id <= total; id++) {
		if (id % 4 == 3)
			continue;
		sqlite3_bind_int64(s, 1, (int64_t)id);
		sqlite3_bind_text(s, 2, topics[id % NELEM(topics)][0], -1,
		    SQLITE_STATIC);
		sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO item_countries(item_id, "
	    "country) VALUES (?, ?)", -1, &s, NULL) != SQLITE_OK)
		die("countries", xstrdup(sqlite3_errmsg(db)));
	for (size_t id = 1; id <= total; id++) {
		for (size_t k = 0; k < 1 + id % 2; k++) {
			sqlite3_bind_int64(s, 1, (int64_t)id);
			sqlite3_bind_text(s, 2, countries[(id * 7 + k * 5) %
			    NELEM(countries)], -1, SQLITE_STATIC);
			sqlite3_step(s);
			sqlite3_reset(s);
		}
	}
	sqlite3_finalize(s);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die("commit", xstrdup(sqlite3_errmsg(db)));
}

int
main(int argc, char **argv)
{
	size_t total = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 100000;
	size_t per = total / NFEEDS;
	int64_t now = (int64_t)time(NULL);
	struct store *st;
	char *cause = NULL, *side;

	if (argc < 3 || per == 0) {
		fprintf(stderr, "usage: bench_ui CACHE CONFIG [ARTICLES]\n");
		return 2;
	}
	write_config(argv[2]);
	unlink(argv[1]);
	side = xasprintf("%s-wal", argv[1]);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", argv[1]);
	unlink(side);
	free(side);
	st = store_open(argv[1], &cause);
	if (st == NULL)
		die(argv[1], cause);
	for (int f = 0; f < NFEEDS; f++) {
		struct store_fetch_outcome o = { 0 };
		char *key = xasprintf("desk%02d", f);
		char *url = xasprintf("https://bench.example/%02d/feed.xml", f);
		struct feed_doc *doc = make_doc(f, per, now);

		o.fetched_at = now;
		o.http_status = 200;
		o.next_due = now + 86400;
		if (store_feed_sync(st, key, url, NULL, &cause) < 0 ||
		    store_feed_apply(st, key, &o, doc, NULL, &cause) < 0)
			die(key, cause);
		feed_doc_free(doc);
		free(key);
		free(url);
	}
	mark_up(st, per * NFEEDS);
	store_close(st);
	printf("bench_ui: %zu articles in %d feeds at %s\n", per * NFEEDS, NFEEDS,
	    argv[1]);
	return 0;
}
