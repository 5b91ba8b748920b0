/*
 * bench_ingest: parser and ingest throughput on one large feed file.
 *
 *   bench_ingest FILE CACHE [RUNS]
 *
 * parse:  bytes pushed to the feed parser in 64 KiB chunks, as a transfer
 *         delivers them, until every item is built (best of RUNS).
 * ingest: parse + store + full-text index into a new cache at CACHE, one
 *         transaction, as a refresh writes a fetched feed (best of RUNS).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "feed.h"
#include "store.h"
#include "str.h"
#include "xalloc.h"

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct str s = STR_INIT;
	char buf[1 << 16];
	size_t k;

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, k);
	fclose(f);
	*n = s.len;
	return str_steal(&s);
}

static struct feed_doc *
parse_chunked(const char *buf, size_t n)
{
	struct feed_parser *p = feed_parser_new(NULL);
	struct feed_doc *doc;
	char *cause = NULL;

	for (size_t off = 0; off < n; off += 65536) {
		size_t k = n - off < 65536 ? n - off : 65536;

		if (feed_parser_push(p, buf + off, k) < 0)
			break;
	}
	doc = feed_parser_finish(p, &cause);
	feed_parser_free(p);
	if (doc == NULL) {
		fprintf(stderr, "bench_ingest: %s\n", cause);
		exit(1);
	}
	return doc;
}

static double
one_ingest(const char *buf, size_t n, const char *cache, size_t *items)
{
	struct store_fetch_outcome o = { 0 };
	struct store_ingest_stats stats;
	struct store *st;
	struct feed_doc *doc;
	char *cause = NULL, *wal, *shm;
	double t0;

	unlink(cache);
	wal = xasprintf("%s-wal", cache);
	shm = xasprintf("%s-shm", cache);
	unlink(wal);
	unlink(shm);
	st = store_open(cache, &cause);
	if (st == NULL || store_feed_sync(st, "big", "file:///big.xml", NULL,
	    &cause) < 0) {
		fprintf(stderr, "bench_ingest: %s\n", cause);
		exit(1);
	}
	t0 = now_s();
	doc = parse_chunked(buf, n);
	o.fetched_at = 1790000000;
	o.http_status = 200;
	if (store_feed_apply(st, "big", &o, doc, &stats, &cause) < 0) {
		fprintf(stderr, "bench_ingest: %s\n", cause);
		exit(1);
	}
	t0 = now_s() - t0;
	*items = stats.added;
	feed_doc_free(doc);
	store_close(st);
	free(wal);
	free(shm);
	return t0;
}

int
main(int argc, char **argv)
{
	size_t n, items = 0;
	char *buf;
	int runs = argc > 3 ? atoi(argv[3]) : 3;
	double best_parse = 1e9, best_ingest = 1e9, mb;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_ingest FILE CACHE [RUNS]\n");
		return 2;
	}
	buf = slurp(argv[1], &n);
	mb = (double)n / (1024.0 * 1024.0);
	for (int i = 0; i < runs; i++) {
		double t0 = now_s(), t;
		struct feed_doc *doc = parse_chunked(buf, n);

		t = now_s() - t0;
		items = doc->nitems;
		feed_doc_free(doc);
		if (t < best_parse)
			best_parse = t;
	}
	printf("parse   %8.1f MB  %7zu items  %6.3f s  %7.1f MB/s\n", mb, items,
	    best_parse, mb / best_parse);
	for (int i = 0; i < runs; i++) {
		double t = one_ingest(buf, n, argv[2], &items);

		if (t < best_ingest)
			best_ingest = t;
	}
	printf("ingest  %8.1f MB  %7zu items  %6.3f s  %7.1f MB/s\n", mb, items,
	    best_ingest, mb / best_ingest);
	free(buf);
	return 0;
}
