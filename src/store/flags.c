/*
 * store/flags.c: what a person (or `sitrep extract`) changes on one stored
 * article -- read, starred, dismissed, tags and the extracted full text --
 * each one short IMMEDIATE transaction that first makes sure the article
 * exists, and the rule for tag names.
 *
 * The cut: these writes touch one article by id and never its feed's
 * text; the counters and the index follow by trigger (schema.c), so adding
 * a flag is one statement here.  Feed updates (write.c) keep all of it.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "text.h"
#include "xalloc.h"

#define TAG_MAX_BYTES 64

/*
 * Runs the statements sql[0..n) in one IMMEDIATE transaction when the
 * article exists; each gets ?1 = the article id, and bind(s, i, arg) fills
 * the rest of statement i.  Returns 1 when the article exists, 0 when not,
 * -1 on error.
 */
static int
item_write(struct store *st, int64_t id, const char *const *sql, size_t n,
    const char *what, char **cause,
    void (*bind)(sqlite3_stmt *, size_t, const void *), const void *arg)
{
	sqlite3_stmt *s = NULL;
	char *err = NULL;
	int64_t exists = 0;
	int rc = -1;

	if (store_tx_begin(st, &err) != 0)
		goto out;
	if (store_prepare(st, "SELECT count(*) FROM items WHERE id = ?1", &s,
	    &err, what) != 0)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, &err, what);
		goto out;
	}
	exists = sqlite3_column_int64(s, 0);
	for (size_t i = 0; exists && i < n; i++) {
		sqlite3_finalize(s);
		s = NULL;
		if (store_prepare(st, sql[i], &s, &err, what) != 0)
			goto out;
		sqlite3_bind_int64(s, 1, id);
		if (bind != NULL)
			bind(s, i, arg);
		if (sqlite3_step(s) != SQLITE_DONE) {
			store_fail(st, &err, what);
			goto out;
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	if (store_tx_commit(st, &err) != 0)
		goto out;
	rc = exists ? 1 : 0;
out:
	sqlite3_finalize(s);
	if (rc < 0) {
		store_tx_rollback(st);
		store_give_cause(cause, err);
	}
	return rc;
}

static void
bind_flag(sqlite3_stmt *s, size_t i, const void *arg)
{
	(void)i;
	sqlite3_bind_int(s, 2, *(const int *)arg);
}

/* arg: a string, bound as ?2 of every statement. */
static void
bind_string(sqlite3_stmt *s, size_t i, const void *arg)
{
	(void)i;
	store_bind_text(s, 2, arg);
}

int
store_item_set_flag(struct store *st, int64_t id, enum store_flag flag,
    int value, char **cause)
{
	static const char *const sql[STORE_FLAG_COUNT] = {
		[STORE_FLAG_READ] = "UPDATE items SET read = ?2 WHERE id = ?1",
		[STORE_FLAG_STARRED] =
		    "UPDATE items SET starred = ?2 WHERE id = ?1",
		[STORE_FLAG_DISMISSED] =
		    "UPDATE items SET dismissed = ?2 WHERE id = ?1",
	};
	int v = value != 0;

	if ((unsigned)flag >= STORE_FLAG_COUNT) {
		store_give_cause(cause, xasprintf("unknown article flag %d",
		    (int)flag));
		return -1;
	}
	return item_write(st, id, &sql[flag], 1, "marking an article", cause,
	    bind_flag, &v);
}

int
store_item_set_fulltext(struct store *st, int64_t id, const char *html,
    char **cause)
{
	/* The index follows through the items_fts_update trigger. */
	static const char *const sql[] = {
		"UPDATE items SET fulltext = ?2 WHERE id = ?1",
	};

	return item_write(st, id, sql, 1, "saving article text", cause,
	    bind_string, html);
}

/* ------------------------------------------------------------------ */
/* Tags                                                                */

struct cp_range {
	uint32_t lo, hi;
};

/*
 * Code points from U+0080 up that are not letters or digits for a tag:
 * controls, spaces, punctuation, symbols, invisible formatting, private
 * use and specials.  Sorted; anything not listed counts as a letter, so a
 * tag may be written in any script.
 */
static const struct cp_range tag_reject[] = {
	{ 0x0080, 0x00A9 },   /* C1, NBSP, ¡ ¢ £ ¤ ¥ ¦ § ¨ © */
	{ 0x00AB, 0x00B4 },   /* « ¬ SHY ® ¯ ° ± ² ³ ´ */
	{ 0x00B6, 0x00B9 },   /* ¶ · ¸ ¹ */
	{ 0x00BB, 0x00BF },   /* » ¼ ½ ¾ ¿ */
	{ 0x00D7, 0x00D7 },   /* × */
	{ 0x00F7, 0x00F7 },   /* ÷ */
	{ 0x037E, 0x037E },   /* Greek question mark */
	{ 0x0387, 0x0387 },   /* Greek ano teleia */
	{ 0x055A, 0x055F },   /* Armenian punctuation */
	{ 0x0589, 0x058A },
	{ 0x05BE, 0x05BE },   /* Hebrew punctuation */
	{ 0x05C0, 0x05C0 },
	{ 0x05C3, 0x05C3 },
	{ 0x05C6, 0x05C6 },
	{ 0x05F3, 0x05F4 },
	{ 0x0600, 0x060F },   /* Arabic signs and punctuation */
	{ 0x061B, 0x061F },
	{ 0x066A, 0x066D },
	{ 0x06D4, 0x06D4 },
	{ 0x06DD, 0x06DE },
	{ 0x0964, 0x0965 },   /* danda */
	{ 0x0E3F, 0x0E3F },   /* Thai baht */
	{ 0x0E4F, 0x0E4F },
	{ 0x0E5A, 0x0E5B },
	{ 0x10FB, 0x10FB },
	{ 0x1360, 0x1368 },   /* Ethiopic punctuation */
	{ 0x166D, 0x166E },
	{ 0x1680, 0x1680 },   /* Ogham space */
	{ 0x169B, 0x169C },
	{ 0x16EB, 0x16ED },
	{ 0x17D4, 0x17DB },   /* Khmer punctuation */
	{ 0x1800, 0x180F },   /* Mongolian punctuation, selectors */
	{ 0x2000, 0x206F },   /* spaces, dashes, quotes, bidi, invisible */
	{ 0x20A0, 0x20CF },   /* currency */
	{ 0x2190, 0x2BFF },   /* arrows, maths, boxes, shapes, dingbats */
	{ 0x2E00, 0x2E7F },   /* supplemental punctuation */
	{ 0x2FF0, 0x2FFF },   /* ideographic description */
	{ 0x3000, 0x3004 },   /* ideographic space, 、 。 */
	{ 0x3008, 0x3020 },   /* CJK brackets and marks */
	{ 0x3030, 0x3030 },
	{ 0x303D, 0x303F },
	{ 0x30A0, 0x30A0 },
	{ 0x30FB, 0x30FB },   /* katakana middle dot */
	{ 0xD800, 0xF8FF },   /* surrogates, private use */
	{ 0xFD3E, 0xFD3F },
	{ 0xFDD0, 0xFDEF },   /* noncharacters */
	{ 0xFE00, 0xFE1F },   /* variation selectors, vertical forms */
	{ 0xFE30, 0xFE6F },   /* CJK compatibility and small forms */
	{ 0xFEFF, 0xFEFF },   /* BOM */
	{ 0xFF01, 0xFF0F },   /* fullwidth punctuation */
	{ 0xFF1A, 0xFF20 },
	{ 0xFF3B, 0xFF40 },
	{ 0xFF5B, 0xFF65 },
	{ 0xFFE0, 0xFFFF },   /* fullwidth signs, specials, U+FFFD */
	{ 0x1F000, 0x1FAFF }, /* game symbols, emoji, pictographs */
	{ 0xE0000, 0xE0FFF }, /* tag characters, selectors */
	{ 0xF0000, 0x10FFFF },/* private use planes */
};

static int
cp_range_cmp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct cp_range *r = elem;

	return cp < r->lo ? -1 : cp > r->hi ? 1 : 0;
}

static int
tag_cp_ok(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || strchr("-_./:", (int)cp) !=
		    NULL;
	return bsearch(&cp, tag_reject, sizeof tag_reject /
	    sizeof tag_reject[0], sizeof tag_reject[0], cp_range_cmp) == NULL;
}

int
store_tag_name_valid(const char *name)
{
	size_t n, i = 0;

	if (name == NULL)
		return 0;
	n = strlen(name);
	if (n == 0 || n > TAG_MAX_BYTES || name[0] == '-')
		return 0;
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(name + i, n - i, &cp);

		/* cp 0 never occurs: strlen stopped there. */
		if (k < 0 || !tag_cp_ok(cp))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

int
store_item_tag(struct store *st, int64_t id, const char *tag, int add,
    char **cause)
{
	static const char *const sql_add[] = {
		"INSERT INTO tags (name) VALUES (?2)"
		" ON CONFLICT (name) DO NOTHING",
		"INSERT OR IGNORE INTO item_tags (item_id, tag_id)"
		" SELECT ?1, id FROM tags WHERE name = ?2",
	};
	/* A tag no article carries any more is forgotten. */
	static const char *const sql_remove[] = {
		"DELETE FROM item_tags WHERE item_id = ?1"
		" AND tag_id = (SELECT id FROM tags WHERE name = ?2)",
		"DELETE FROM tags WHERE name = ?2 AND NOT EXISTS"
		" (SELECT 1 FROM item_tags it WHERE it.tag_id = tags.id)",
	};

	if (!store_tag_name_valid(tag)) {
		/* The name itself stays out: it may hold anything. */
		store_give_cause(cause, xstrdup("invalid tag name: use 1 to 64 "
		    "bytes of letters, digits and - _ . / : (not starting "
		    "with -)"));
		return -1;
	}
	return item_write(st, id, add ? sql_add : sql_remove, 2,
	    add ? "tagging an article" : "untagging an article", cause,
	    bind_string, tag);
}
