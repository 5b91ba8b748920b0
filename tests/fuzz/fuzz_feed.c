/*
 * libFuzzer target for the feed parser (SECURITY.md F1).  The first byte
 * picks where the rest is cut into two or three pushed chunks and whether a
 * base URL and an HTTP charset are given; the rest is the document.
 * Beyond the sanitizers' checks, the result is held to the feed.h contract:
 * every string valid UTF-8 without control or bidi characters, one-line
 * fields on one line, and the same document as when pushed in one piece.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
 *       -D_POSIX_C_SOURCE=200809L -Iinclude `xml2-config --cflags` \
 *       `pkg-config --cflags json-c` tests/fuzz/fuzz_feed.c \
 *       src/feed/[a-z]*.c src/date.c src/text.c src/str.c src/xalloc.c \
 *       `xml2-config --libs` `pkg-config --libs json-c` -o fuzz_feed
 *   ./fuzz_feed -max_total_time=60 tests/fuzz/corpus_feed
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static void
check_text(const char *s, int oneline)
{
	size_t len, i;

	if (s == NULL)
		return;
	len = strlen(s);
	check(utf8_valid(s, len));
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		check(c >= 0x20 || c == '\t' || c == '\n');
		check(c != 0x7f);
		if (oneline)
			check(c != '\t' && c != '\n');
		if (c == 0xc2 && i + 1 < len)
			check((unsigned char)s[i + 1] > 0x9f);
	}
	check(strstr(s, "\xe2\x80\xae") == NULL);
	check(strstr(s, "\xef\xbb\xbf") == NULL);
}

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
check_doc(const struct feed_doc *d)
{
	size_t i, k;

	check(d->format > FEED_FORMAT_UNKNOWN && d->format < FEED_FORMAT_COUNT);
	check_text(d->title, 1);
	check_text(d->link, 1);
	check_text(d->self_link, 1);
	check_text(d->language, 1);
	check_text(d->error, 1);
	check(d->ttl_minutes >= 0);
	for (i = 0; i < d->nitems; i++) {
		const struct feed_item *it = &d->items[i];

		check_text(it->guid, 1);
		check_text(it->url, 1);
		check_text(it->title, 1);
		check_text(it->author, 1);
		check_text(it->summary, 0);
		check_text(it->content, 0);
		check_text(it->thumbnail, 1);
		for (k = 0; k < it->categories.n; k++) {
			check_text(it->categories.v[k], 1);
			check(it->categories.v[k][0] != '\0');
		}
		for (k = 0; k < it->category_labels.n; k++)
			check_text(it->category_labels.v[k], 1);
		for (k = 0; k < it->nenclosures; k++) {
			check_text(it->enclosures[k].url, 1);
			check_text(it->enclosures[k].type, 1);
			check(it->enclosures[k].length >= 0);
		}
	}
}

static void
check_same(const struct feed_doc *a, const struct feed_doc *b)
{
	size_t i, k;

	if (a == NULL || b == NULL) {
		check(a == b);
		return;
	}
	check(a->format == b->format && a->nitems == b->nitems);
	check(same(a->title, b->title) && same(a->link, b->link));
	check(same(a->self_link, b->self_link));
	check(same(a->language, b->language));
	check((a->error == NULL) == (b->error == NULL));
	for (i = 0; i < a->nitems; i++) {
		const struct feed_item *x = &a->items[i], *y = &b->items[i];

		check(same(x->guid, y->guid) && same(x->url, y->url));
		check(same(x->title, y->title) && same(x->author, y->author));
		check(same(x->summary, y->summary));
		check(same(x->content, y->content));
		check(same(x->thumbnail, y->thumbnail));
		check(x->published == y->published && x->updated == y->updated);
		check(x->title_derived == y->title_derived);
		check(x->categories.n == y->categories.n);
		check(x->category_labels.n == x->categories.n);
		for (k = 0; k < x->categories.n; k++) {
			check(same(x->categories.v[k], y->categories.v[k]));
			check(same(x->category_labels.v[k],
			    y->category_labels.v[k]));
		}
		check(x->nenclosures == y->nenclosures);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_parse_opts o = { NULL, NULL, 0 };
	struct feed_parser *p;
	struct feed_doc *whole, *chunked;
	const char *buf;
	size_t n, cut1, cut2;
	char *cause = NULL;
	unsigned flags;

	if (size < 1)
		return 0;
	flags = data[0];
	buf = (const char *)data + 1;
	n = size - 1;
	if (flags & 1)
		o.base_url = "https://fuzz.example/dir/feed.xml";
	if (flags & 2)
		o.http_charset = (flags & 4) ? "windows-1251" : "utf-8";

	whole = feed_parse(buf, n, &o, &cause);
	if (whole == NULL)
		check(cause != NULL);
	else
		check_doc(whole);
	free(cause);
	cause = NULL;

	/* the same bytes in two or three pieces */
	cut1 = n > 0 ? ((size_t)(flags >> 3) * 2654435761u) % (n + 1) : 0;
	cut2 = cut1 + (n - cut1) / 2;
	p = feed_parser_new(&o);
	if (feed_parser_push(p, buf, cut1) == 0 &&
	    ((flags & 8) == 0 || feed_parser_push(p, buf + cut1,
	    cut2 - cut1) == 0))
		feed_parser_push(p, buf + ((flags & 8) ? cut2 : cut1),
		    n - ((flags & 8) ? cut2 : cut1));
	chunked = feed_parser_finish(p, &cause);
	feed_parser_free(p);
	free(cause);
	check_same(whole, chunked);
	feed_doc_free(whole);
	feed_doc_free(chunked);
	return 0;
}
