/*
 * build: the bottom of the feed parser.  Documents and items, and the
 * builder that every format parser (xml*.c, json.c) fills an item through
 * while it reads one.  It knows nothing of any format: it calls no file of
 * the parser, and every file of the parser may call it.
 */
#ifndef SITREP_FEED_BUILD_H
#define SITREP_FEED_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "str.h"

/* Items beyond this many are skipped (doc->error says so). */
#define FEED_ITEMS_MAX 100000

/*
 * Ranks: when a field has several sources, a value only replaces what is
 * there when its source ranks strictly higher; among equals the first wins.
 */
enum feed_slot {
	FEED_SLOT_TITLE,
	FEED_SLOT_LINK,
	FEED_SLOT_GUID,
	FEED_SLOT_PUBLISHED,
	FEED_SLOT_UPDATED,
	FEED_SLOT_SUMMARY,
	FEED_SLOT_CONTENT,
	FEED_SLOT_THUMBNAIL,
	FEED_SLOT_LANGUAGE,
	FEED_SLOT_COUNT
};

/* An item while it is being read. */
struct feed_build {
	struct feed_item it;
	struct strv authors;   /* one-line names, duplicates removed */
	unsigned char rank[FEED_SLOT_COUNT];
	int guid_is_link;      /* RSS <guid isPermaLink>, true by default */
	/* Media RSS's title and description: used only when the item has
	 * no title, or neither summary nor content, of its own */
	char *media_title;
	char *media_summary;
};

/* Empties b (frees everything in it) for the next item. */
void feed_build_reset(struct feed_build *b);
/* 1 when rank beats what slot holds; then records rank. */
int feed_build_claim(struct feed_build *b, enum feed_slot slot, int rank);
/*
 * Sets *dst to v (takes ownership) when rank beats ranks[slot], recording
 * rank; else frees v.  v may be NULL (nothing happens).  ranks is a
 * builder's rank[] or a document's own, for feed-level values.
 */
void feed_rank_put(unsigned char *ranks, enum feed_slot slot, int rank,
    char **dst, char *v);
/* Adds an author name (made one-line; empty and repeated names ignored). */
void feed_build_add_author(struct feed_build *b, const char *s, size_t n);
/*
 * Adds an author from a name and an email (either may be empty):
 * "Name (email)", or the one there is.
 */
void feed_build_add_author_parts(struct feed_build *b, const char *name,
    size_t nname, const char *email, size_t nemail);
/*
 * Adds an author written as RSS and Dublin Core write them: "email (Name)",
 * "Name <email>", an email or a name.
 */
void feed_build_add_author_text(struct feed_build *b, const char *s,
    size_t n);
/*
 * Moves the item into doc (b is left empty): joins the authors (falling
 * back to fallback_author, borrowed, may be NULL), fills published from
 * updated when only that is known, takes the link from a permalink guid
 * and the thumbnail from an image enclosure when missing, and makes a
 * title (title_derived) when there is none.  An item with no field at all
 * is dropped.  Past FEED_ITEMS_MAX items it is dropped and doc->error says
 * so.
 */
void feed_build_commit(struct feed_doc *doc, struct feed_build *b,
    const char *fallback_author);

/* Frees what an item owns (not the item itself) and zeroes it. */
void feed_item_clear(struct feed_item *it);
/* Adds a one-line category unless empty or already there (any case). */
void feed_item_add_category(struct feed_item *it, const char *s, size_t n);
/*
 * The same with a display form (Atom's label; NULL or empty: the category
 * itself).
 */
void feed_item_add_category_label(struct feed_item *it, const char *s,
    size_t n, const char *label, size_t nlabel);
/*
 * Adds an enclosure; takes ownership of url and type (type may be NULL).
 * One with the same URL as an earlier one is dropped.
 */
void feed_item_add_enclosure(struct feed_item *it, char *url, char *type,
    int64_t length);

/* Returns owned: a new, empty document of format f. */
struct feed_doc *feed_doc_new(enum feed_format f);
/*
 * Records what went wrong; the first message is kept, except that
 * override replaces an earlier one (for the error that ended the parse).
 */
void feed_doc_set_error(struct feed_doc *doc, int override,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
