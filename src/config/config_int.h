/*
 * config_int: what the files of src/config/ share.  Private to the config
 * module; include/config.h is the contract.
 *
 * The files and the order they call each other in (no file calls one
 * above it):
 *   default.c   which files a plain sitrep reads (see below)
 *   config.c    config_load() and the rest of the public API
 *   read.c      walks the dictionary: each section's keys by its table
 *   keys.c      the tables: every section kind and every key
 *   sections.c  what a section fills: [general] in place, a new [feed:KEY]
 *   values.c    the value types: parse, check, store, free, "expected ..."
 *   ini.c       iniparser 4.1 and its quirks
 *   messages.c  the error and warning lists, values quoted for them
 *   paths.c     where things live: ~, XDG folders, sitrep's own files
 */
#ifndef SITREP_CONFIG_INT_H
#define SITREP_CONFIG_INT_H

#include <stddef.h>
#include <stdint.h>

#include <iniparser.h>

#include "config.h"
#include "str.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* iniparser 4.1's longest line, without its end (see ini.c). */
#define INI_LINE_MAX 1022
/* The largest config file read: a config is a few KiB. */
#define CONFIG_MAX_BYTES ((int64_t)4 << 20)

#define KIB ((int64_t)1 << 10)
#define MIB ((int64_t)1 << 20)
#define GIB ((int64_t)1 << 30)

/* --- keys.c: the tables --- */

enum ckey_type {
	CK_STRING,	/* char *; text without control characters */
	CK_PATH,	/* char *; absolute once ~/ or $HOME/ is expanded */
	CK_URL,		/* char *; http://, https:// or file:/// */
	CK_BOOL,	/* int; yes/no, true/false, on/off, 1/0 */
	CK_INT,		/* int in [min, max] */
	CK_MINUTES,	/* int in [min, max], a number of minutes */
	CK_SECONDS,	/* int in [min, max], a number of seconds */
	CK_DAYS,	/* int in [min, max], a number of days */
	CK_SIZE,	/* int64_t bytes in [min, max]; suffix K, M or G */
	CK_LIST,	/* struct strv; comma-separated words without spaces */
	CK_CHOICE,	/* char *; one of the words in choices */
	CK_COUNT
};

struct ckey {
	const char *name;
	enum ckey_type type;
	size_t offset;		/* of the field in the section's object */
	int64_t min, max;	/* the number types */
	const char *def;	/* parsed like a value from the file; NULL: none */
	int required;		/* missing or empty is an error */
	const char *help;
	const char *choices;	/* CK_CHOICE: the words, separated by '|' */
};

/* The keys of one section kind; at most 64 (read.c tracks them in bits). */
struct ckey_table {
	const struct ckey *v;
	size_t n;
};

extern const struct ckey_table ckeys_general, ckeys_ui, ckeys_feed,
    ckeys_topic, ckeys_view;

/* One config_load() in progress. */
struct load {
	const char *path;	/* names the file in messages */
	dictionary *ini;
	struct config *cfg;
	size_t feeds_cap, topics_cap, views_cap, bindings_cap;
	struct strv errors;
	struct str text;	/* the file's text, lone CRs made LF */
	int have_text;		/* text was read (a regular file) */
	int converted;		/* text differs from the file */
};

/*
 * A kind of section: an exact name ([general]) or a prefix ([feed:KEY]),
 * the keys it takes and the object they fill.  Exactly one of object,
 * add and any_key says where the keys go.
 */
struct section_kind {
	const char *name;	/* a section name, or a prefix ending in ':' */
	const char *example;	/* shown in messages, e.g. "feed:NAME" */
	const struct ckey_table *keys;	/* NULL with any_key */
	/* A section of its own: the offset of its object in struct config. */
	size_t object;
	/*
	 * A prefix: adds a zeroed object to cfg's list and returns it
	 * (borrowed, valid while this section is read); section_object()
	 * gives it its KEY, at key_offset, and the defaults.  what names the
	 * KEY in messages ("bad feed name").
	 */
	void *(*add)(struct load *ld);
	size_t key_offset;
	const char *what;
	/* A section of free-form keys ([keys]): each key and its value. */
	void (*any_key)(struct load *ld, const char *key, const char *val);
};

extern const struct section_kind config_sections[];
extern const size_t config_nsections;

/* --- sections.c: what a section fills --- */

/* The [feed:KEY], [topic:KEY] and [view:KEY] lists grow by these. */
void *sections_add_feed(struct load *ld);
void *sections_add_topic(struct load *ld);
void *sections_add_view(struct load *ld);
/* [keys] action = keys: a binding, checked later by the interface. */
void sections_add_binding(struct load *ld, const char *key, const char *val);
/*
 * Returns borrowed: the object the keys of section (a kind's, with arg the
 * part after a prefix) go into.  Reports a bad arg itself and still returns
 * an object, so that the keys are checked too.
 */
void *section_object(struct load *ld, const struct section_kind *kind,
    const char *section, const char *arg);

/* --- read.c: the sections and keys of the file --- */

/* Reads every section, in file order, and warns about keys outside any. */
void read_sections(struct load *ld);

/* --- values.c: the value types --- */

/*
 * Stores text (non-empty) as k's value in obj, replacing what was there.
 * Returns NULL, or owned: why text was refused ("expected ...").
 */
char *ckey_set(const struct ckey *k, void *obj, const char *text);
/* Returns owned: what k accepts, for messages ("expected ..."). */
char *ckey_expected(const struct ckey *k);
/* Returns borrowed: the key named name, or NULL. */
const struct ckey *ckey_find(const struct ckey_table *t, const char *name);
/* Returns borrowed: the key of t that word most likely meant, or NULL. */
const char *ckey_suggest(const struct ckey_table *t, const char *word);
void ckeys_set_defaults(const struct ckey_table *t, void *obj);
void ckeys_free(const struct ckey_table *t, void *obj);
/* 1 when s has a control character other than TAB. */
int value_has_control(const char *s);
/* 1 when s is empty or only spaces and TABs. */
int value_blank(const char *s);
/* [a-z0-9][a-z0-9._-]{0,63}: safe in a file name, a URL and a command line. */
int value_name_ok(const char *s);

/* --- ini.c: iniparser 4.1 --- */

/*
 * Loads ld's file with iniparser (its converted text when ld->converted),
 * its complaints (one line each, naming the file) appended to errors.
 * Returns owned, or NULL on a syntax error.  Not reentrant: iniparser's
 * error callback is process-wide.
 */
dictionary *ini_load(const struct load *ld, struct strv *errors);
/*
 * The one place values are read (SECURITY.md I1).  Returns borrowed, or
 * NULL when key is absent or is really a section.
 */
const char *ini_value(const dictionary *ini, const char *key);
/*
 * Appends to msg a note saying so when section name is also a key of
 * another section ([general:cache] is the key cache of [general]).
 */
void ini_collision_note(struct load *ld, struct str *msg, const char *name);
/*
 * Reads ld's file into ld->text (a regular file) and refuses what
 * iniparser would read wrongly or quietly: a missing file, a directory, a
 * UTF-8 byte order mark, a NUL byte (each named with its line, section and
 * key).  Lone CRs become line ends.  Returns 0, or -1 with lines in errors.
 */
int ini_file_check(struct load *ld, struct strv *errors);
/* Warns about values iniparser cut at a ';' or '#'. */
void ini_warn_cut_values(struct load *ld);

/* --- messages.c --- */

/* An error of [ui] or [keys]: kept in cfg->ui_errors, see config.h. */
void load_ui_error(struct load *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void load_error(struct load *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void load_warn(struct load *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Returns owned: v fit for a one-line message.  Control bytes and bytes
 * that are not UTF-8 become \xNN (a message may reach a terminal) and a
 * long value is cut.
 */
char *value_show(const char *v);

/* --- paths.c --- */

/*
 * Returns owned: p with a leading ~ or $HOME (alone or before '/')
 * replaced by the home directory, or NULL when it has none.
 */
char *path_expand(const char *p);

#endif
