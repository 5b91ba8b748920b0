/*
 * store/identity.c: what makes two items of a feed the same article (the
 * identity stored as items.uid) and whether a stored article changed (the
 * content hash in items.hash).  Pure functions of a struct feed_item; no
 * database.
 *
 * The cut: the "h:" identity hash is part of every stored identity and
 * must never change, or each article without guid and link comes back as
 * new; keeping it in a file of its own keeps it out of the way of edits
 * to the writer.  Content hashes only decide whether to rewrite a row, so
 * a change to those costs one rewrite per article.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store_int.h"

#define HK1 0x87c37b91114253d5ULL
#define HK2 0x4cf5ad432745937fULL

static uint64_t
rotl64(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static uint64_t
fmix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static uint64_t
load64le(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	    (uint64_t)p[7] << 56;
}

/* One lane of MurmurHash3's x64 mixing, eight bytes a step. */
uint64_t
store_hash_bytes(uint64_t h, const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t len = n;
	uint64_t k;

	while (n >= 8) {
		k = load64le(s) * HK1;
		k = rotl64(k, 31) * HK2;
		h ^= k;
		h = rotl64(h, 27) * 5 + 0x52dce729;
		s += 8;
		n -= 8;
	}
	k = 0;
	for (size_t i = 0; i < n; i++)
		k |= (uint64_t)s[i] << (8 * i);
	k = rotl64(k * HK1, 31) * HK2;
	h ^= k;
	return fmix64(h ^ (uint64_t)len);
}

/* NULL and "" hash differently. */
static uint64_t
hash_str(uint64_t h, const char *z)
{
	if (z == NULL)
		return fmix64(h + 0x9e3779b97f4a7c15ULL);
	return store_hash_bytes(h + 1, z, strlen(z));
}

static uint64_t
hash_i64(uint64_t h, int64_t v)
{
	return fmix64(h ^ ((uint64_t)v * HK1));
}

uint64_t
store_item_hash(const struct feed_item *it)
{
	uint64_t h = 0x736974726570ULL;

	h = hash_str(h, it->guid);
	h = hash_str(h, it->url);
	h = hash_str(h, it->title);
	h = hash_str(h, it->author);
	h = hash_i64(h, it->published);
	h = hash_i64(h, it->updated);
	h = hash_str(h, it->summary);
	h = hash_str(h, it->content);
	h = hash_str(h, it->thumbnail);
	h = hash_i64(h, (int64_t)it->categories.n);
	for (size_t i = 0; i < it->categories.n; i++)
		h = hash_str(h, it->categories.v[i]);
	h = hash_i64(h, (int64_t)it->nenclosures);
	for (size_t i = 0; i < it->nenclosures; i++) {
		h = hash_str(h, it->enclosures[i].url);
		h = hash_str(h, it->enclosures[i].type);
		h = hash_i64(h, it->enclosures[i].length);
	}
	return h;
}

/*
 * An item's identity within its feed: the guid, else the link, else
 * "h:" and a hash of the title and the published date (for an item without
 * a title, of its summary or content instead, so that untitled items do not
 * all collapse into one).  A title the parser made up (title_derived) is no
 * title here, which keeps the identities stored before titles were made
 * up; an item with neither title, summary nor content (only an enclosure,
 * an author, categories) hashes what it has.  buf receives the "h:" form.
 */
const char *
store_item_uid(const struct feed_item *it, char buf[UID_HASH_SIZE])
{
	const char *text;
	uint64_t h;

	if (store_nonempty(it->guid))
		return it->guid;
	if (store_nonempty(it->url))
		return it->url;
	text = store_nonempty(it->title) && !it->title_derived ? it->title :
	    store_nonempty(it->summary) ? it->summary : it->content;
	h = hash_str(0x7569640aULL, text);
	h = hash_i64(h, it->published);
	if (text == NULL) {
		h = hash_str(h, it->title);
		h = hash_str(h, it->author);
		for (size_t i = 0; i < it->nenclosures; i++)
			h = hash_str(h, it->enclosures[i].url);
		for (size_t i = 0; i < it->categories.n; i++)
			h = hash_str(h, it->categories.v[i]);
	}
	snprintf(buf, UID_HASH_SIZE, "h:%016" PRIx64, h);
	return buf;
}
