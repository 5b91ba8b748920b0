/*
 * opml: subscription lists in and out.  OPML 1.0 and 2.0 as readers write
 * them (newsboat's --export-to-opml2, FreshRSS, Feedly, Inoreader, the
 * newsraft scripts): nested folders and `category` attributes become feed
 * tags, `xmlUrl` or `url` the feed, `text` or `title` its name, with or
 * without `type`.  Export writes OPML 2.0 with tags as categories and the
 * first tag as the folder, so that export and import give back the same
 * feeds, names, links and tags.
 *
 * Hostile files (SECURITY.md X1, X2, C2): libxml2 parses from memory with
 * NONET and a deny-all loader; a DTD that declares entities is refused,
 * so no entity is ever expanded; nesting, size and the number of outlines
 * are capped; only http and https feeds are taken -- exec:, filter:, a
 * Liferea "|command", file:, ftp: and the rest are skipped and reported.
 *
 * No network, no SQL, no files: bytes in, text out.
 */
#ifndef SITREP_OPML_H
#define SITREP_OPML_H

#include <stddef.h>
#include <stdint.h>

#include "str.h"

/* The largest file opml_parse reads (a real list is a few hundred KiB). */
#define OPML_MAX_BYTES ((size_t)8 << 20)
/* Outlines nested deeper than this make the file an error. */
#define OPML_DEPTH_MAX 64
/* At most this many outlines in one file. */
#define OPML_OUTLINES_MAX 100000

struct opml_feed {
	char *url;           /* http or https */
	char *title;         /* text, else title; NULL when it has none */
	char *site_url;      /* htmlUrl when it is http(s), else NULL */
	struct strv tags;    /* folder path, then categories: tag names */
	size_t line;         /* of its outline, for messages */
};

/* An outline that is not taken, and why ("a command feed (exec:)"). */
struct opml_skip {
	size_t line;
	char *what;          /* its URL or name, sanitised and shortened */
	char *why;
};

struct opml_doc {
	char *title;         /* <head><title>, or NULL */
	struct opml_feed *feeds;  /* in document order; a feed listed twice
	                             (Feedly: once per folder) is one, with
	                             the tags of both */
	size_t nfeeds;
	struct opml_skip *skipped;
	size_t nskipped;
	struct strv notes;   /* what was taken but not all of
	                        ("line 9: filtercmd ignored") */
};

/*
 * Parses an OPML document.  Returns owned, or NULL with *cause ("line 12:
 * ..." -- the caller adds the file's name) when it is not well-formed XML,
 * not OPML, has no <body>, or breaks a limit.
 */
struct opml_doc *opml_parse(const char *data, size_t n, char **cause);
void opml_doc_free(struct opml_doc *d);

/*
 * A folder or category name as a tag name (store_tag_name_valid): runs of
 * characters a tag cannot hold become '-', a path keeps its '/', at most
 * 64 bytes.  Returns owned, or NULL when nothing of it is left.
 */
char *opml_tag_name(const char *s, size_t n);

/* ---- import: which feeds are new, and their config sections ---- */

/* A feed the config has already (borrowed strings). */
struct opml_have {
	const char *key, *url;
};

struct opml_plan {
	/* new: each feed (borrowed from the doc) and the key it gets */
	const struct opml_feed **add;
	char **keys;
	size_t nadd;
	/* already there: the feed and the key it has (borrowed) */
	const struct opml_feed **dup;
	const char **dup_keys;
	size_t ndup;
};

/*
 * Sorts d's feeds into new and present (the same address, ignoring the
 * case of scheme and host and a lone trailing '/') and gives each new
 * one a key: from its name ("Krebs on Security" -> krebs-on-security),
 * else its host, made unique.
 */
void opml_plan_make(const struct opml_doc *d, const struct opml_have *have,
    size_t nhave, struct opml_plan *out);
void opml_plan_clear(struct opml_plan *p);
/*
 * Appends the [feed:KEY] sections of p's new feeds as sitrep's config
 * reads them (values quoted where iniparser needs it), after a comment
 * naming source and the time.
 */
void opml_plan_ini(struct str *out, const struct opml_plan *p,
    const char *source, int64_t now);

/* ---- export ---- */

/* One feed to export; pointers are borrowed. */
struct opml_out {
	const char *url;
	const char *title;      /* NULL: the URL */
	const char *site_url;   /* may be NULL */
	const struct strv *tags;/* the first one is the folder (a/b nests) */
};

/*
 * Appends an OPML 2.0 document of v[0..n) to out: folders from each
 * feed's first tag (nested at '/'), every tag in `category`, feeds
 * without tags at the top, in the order given.  now: dateCreated.
 */
void opml_write(struct str *out, const char *title, const struct opml_out *v,
    size_t n, int64_t now);

#endif
