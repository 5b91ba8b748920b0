/*
 * cli_int.h: what the files of src/cli/ share and nothing outside sees.
 *
 * Each command lives in a cmd_*.c of its own and exports one struct
 * cli_command; cli.c keeps the table of them.  The commands call the shared
 * helpers declared here (opts.c, context.c, output.c); those never call a
 * command, and only cli.c walks the table.
 */
#ifndef SITREP_CLI_INT_H
#define SITREP_CLI_INT_H

#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

struct classifier;
struct config;
struct store;
struct strv;

/* The most options one command may have. */
#define CLI_OPT_MAX 12

/* One option of a command: its name without the leading "--". */
struct cli_option {
	const char *name;
	int takes_value;
};

/* A command's words after opts.c has read them. */
struct cli_args {
	/* per option of the command's table: its value, "" for a flag */
	const char *value[CLI_OPT_MAX];
	char **args; /* positional arguments (borrowed from argv) */
	int nargs;
};

/* One headless command: a row of the table in cli.c. */
struct cli_command {
	const char *name;
	const char *usage;                 /* what follows "sitrep NAME " */
	const struct cli_option *options;  /* ends with { NULL, 0 }; or NULL */
	int (*run)(const struct cli_globals *g, const struct cli_command *c,
	    struct cli_args *a);           /* returns a CLI_* exit code */
	const char *help;                  /* the text under the usage line */
	/* words such as -todo or -topic:x are arguments, not options */
	int dash_args;
};

/* ---------- opts.c: the command's words ---------- */

/*
 * Reads argv[1..argc) by c's options into *a (a->args is owned: free it,
 * also after a failure).  Returns 0, 1 when --help was asked (and printed),
 * or -1 after printing the problem.
 */
int cli_parse_options(const struct cli_command *c, int argc, char **argv,
    struct cli_args *a);
/* The value of option name ("" for a flag), NULL when it was not given. */
const char *cli_opt(const struct cli_command *c, const struct cli_args *a,
    const char *name);
/* A whole number in [lo, hi]; otherwise prints the problem and returns -1. */
int cli_parse_number(const struct cli_command *c, const char *what,
    const char *s, long long lo, long long hi, long long *out);
/* For commands without arguments: prints the first one and returns -1. */
int cli_no_arguments(const struct cli_command *c, const struct cli_args *a);
/* "usage: sitrep NAME USAGE" and the command's help text. */
void cli_print_help(FILE *out, const struct cli_command *c);

/* ---------- context.c: the config and the cache ---------- */

/* The config with its warnings printed; returns owned, or NULL (printed). */
struct config *cli_load_config(const struct cli_globals *g);
/*
 * The config for commands that classify or name topics: a rule that does
 * not compile is a configuration error like a bad value.  *out (may be
 * NULL) gets the compiled classifier (owned).  Returns owned, or NULL
 * (printed).
 */
struct config *cli_load_config_topics(const struct cli_globals *g,
    struct classifier **out);
/*
 * How a command opens the cache.  Only refresh creates one: a command that
 * reads or changes what was fetched refuses a missing cache by name, so a
 * mistyped --cache never leaves an empty cache behind.
 */
enum cli_cache_mode {
	CLI_CACHE_READ,     /* exists; for reading only where it can be */
	CLI_CACHE_WRITE,    /* exists; opened for writing */
	CLI_CACHE_CREATE    /* created when missing (refresh) */
};

/* The cache of --cache or the config.  Returns owned, or NULL (printed). */
struct store *cli_open_cache(const struct cli_globals *g,
    const struct config *cfg, enum cli_cache_mode mode);

/* What most commands work on: the config and the cache, opened together. */
struct cli_context {
	struct config *cfg;
	struct store *st;
	struct classifier *cl; /* with CLI_CLASSIFIER, else NULL */
};

enum {
	CLI_TOPICS = 1 << 0,     /* the topic rules must compile */
	CLI_CLASSIFIER = 1 << 1, /* CLI_TOPICS, and keep the classifier */
	CLI_READONLY = 1 << 2,   /* the cache for reading, where it can be */
	CLI_CREATE = 1 << 3,     /* the cache is created when missing */
	CLI_MAYBE_NO_CACHE = 1 << 4 /* a missing cache: st NULL, said once */
};

/* The config, then the cache; -1 (printed, nothing left open) on failure. */
int cli_context_open(const struct cli_globals *g, unsigned what,
    struct cli_context *ctx);
/* Closes what cli_context_open opened; a zeroed context is fine too. */
void cli_context_close(struct cli_context *ctx);

/* Each line of a (multi-line) message as "sitrep: LINE"; frees it. */
void cli_print_cause(char *cause);

/* ---------- output.c: printing what came from feeds ---------- */

/* s sanitised (nothing for NULL). */
void cli_put_clean(FILE *out, const char *s);
/* s sanitised and a newline. */
void cli_put_clean_line(FILE *out, const char *s);
/* One field of a TSV row: sanitised, TAB and LF turned into spaces. */
void cli_put_tsv_field(FILE *out, const char *s);
/* A sanitised JSON string, or JSON null for NULL; returns owned. */
json_object *cli_json_string(const char *s);
/* The plain text of HTML (paragraphs by LF), or JSON null for NULL or "". */
json_object *cli_json_plain(const char *html);
/* An RFC 3339 JSON string, or JSON null for an unknown date. */
json_object *cli_json_date(int64_t t);
/* A JSON array of the strings of sv; returns owned. */
json_object *cli_json_strv(const struct strv *sv);
/* j pretty-printed on stdout with a newline, and released. */
void cli_json_print_free(json_object *j);
/* Local time for people, "unknown" instead of 1970; returns buf. */
const char *cli_local_date(int64_t t, char *buf, size_t n);
/* The columns of the terminal f writes to, else fallback. */
size_t cli_terminal_width(FILE *f, size_t fallback);
/*
 * Writes data to path whole or not at all: a temporary file beside it,
 * synced, then renamed over it (a full disk leaves the old file).  Returns
 * 0, or -1 after printing "sitrep NAME: cannot write PATH: why".
 */
int cli_write_file(const struct cli_command *c, const char *path,
    const char *data, size_t n);

#endif
