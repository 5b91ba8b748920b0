/*
 * cmd_check: `sitrep check [--repair [--output FILE]]`, the verdict on the
 * cache file and, for a damaged one, a new cache with what can still be
 * read (store/inspect.c does both).  A command of its own because it is
 * the only one that opens a cache it does not trust: it never writes to
 * the file it checks.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli_int.h"
#include "config.h"
#include "store.h"
#include "xalloc.h"

/* The findings listed before "and N more". */
#define PROBLEMS_SHOWN 8
/* PATH.recovered, else PATH.recovered-2 ... -99. */
#define RECOVERED_MAX 99

static void
print_count(const char *what, int64_t n, int *first)
{
	if (n < 0)
		return;
	printf("%s%" PRId64 " %s", *first ? "" : ", ", n, what);
	*first = 0;
}

static void
print_report(const char *path, const struct store_report *r)
{
	int first = 1;

	cli_put_clean(stdout, path);
	printf(": %s\n", r->verdict == STORE_SOUND ? "sound" : "damaged");
	if (r->verdict == STORE_SOUND) {
		printf("  integrity check: ok; full-text index: in step with "
		    "the articles\n");
	} else {
		printf("  found (%zu problem%s, in SQLite's words):\n",
		    r->problems.n, r->problems.n == 1 ? "" : "s");
		for (size_t i = 0; i < r->problems.n && i < PROBLEMS_SHOWN;
		    i++) {
			printf("    ");
			cli_put_clean_line(stdout, r->problems.v[i]);
		}
		if (r->problems.n > PROBLEMS_SHOWN)
			printf("    and %zu more\n",
			    r->problems.n - PROBLEMS_SHOWN);
		if (r->parts.n > 0) {
			char *parts = strv_join(&r->parts, "; ");

			printf("  the damage is in: %s\n", parts);
			free(parts);
		}
	}
	printf("  %s", r->verdict == STORE_SOUND ? "" : "the file lists ");
	print_count("feeds", r->feeds, &first);
	print_count("articles", r->articles, &first);
	print_count("tags", r->tags, &first);
	if (first)
		printf("nothing");
	if (r->schema > 0)
		printf(" (schema %d)", r->schema);
	printf("\n");
	if (r->verdict == STORE_DAMAGED)
		printf("sitrep writes nothing more to this file.  `sitrep check "
		    "--repair` copies what can still be read into a new cache "
		    "and leaves this one as it is.\n");
}

/* "N of M" (M unknown: just N). */
static void
print_saved(const char *what, const struct store_saved *s)
{
	printf("%" PRId64, s->saved);
	if (s->total >= 0)
		printf(" of %" PRId64, s->total);
	printf(" %s", what);
}

static void
print_repair(const char *path, const char *new_path,
    const struct store_repair_stats *s)
{
	struct stat sb;
	char *wal = xasprintf("%s-wal", path);
	int has_wal = stat(wal, &sb) == 0;

	free(wal);
	printf("copied what could be read of ");
	cli_put_clean(stdout, path);
	printf(" into ");
	cli_put_clean(stdout, new_path);
	printf(":\n  ");
	print_saved("articles", &s->articles);
	if (s->without_text > 0)
		printf(" (%" PRId64 " without their text)", s->without_text);
	printf("\n  ");
	print_saved("tags", &s->tags);
	printf(" (");
	print_saved("tag marks on articles", &s->tagged);
	printf(")");
	printf("\n  flags: ");
	print_saved("read", &s->read);
	printf(", ");
	print_saved("starred", &s->starred);
	printf(", ");
	print_saved("dismissed", &s->dismissed);
	printf("\n  ");
	print_saved("feeds", &s->feeds);
	if (s->lost_feeds > 0)
		printf(" (the articles of %" PRId64 " lost feed%s are filed "
		    "under recovered-ID)", s->lost_feeds,
		    s->lost_feeds == 1 ? "" : "s");
	printf("\n  the full-text index and the topic and country counts were "
	    "rebuilt\n");
	cli_put_clean(stdout, path);
	printf(" is left as it was.  To use the new cache instead:\n  mv ");
	cli_put_clean(stdout, path);
	printf(" ");
	cli_put_clean(stdout, path);
	printf(".damaged%s && mv ", has_wal ? " (and its -wal and -shm)" : "");
	cli_put_clean(stdout, new_path);
	printf(" ");
	cli_put_clean(stdout, path);
	printf("\n");
}

/* PATH.recovered, or the first free PATH.recovered-N; NULL if none. */
static char *
free_name(const char *path)
{
	struct stat sb;

	for (int i = 1; i <= RECOVERED_MAX; i++) {
		char *p = i == 1 ? xasprintf("%s.recovered", path) :
		    xasprintf("%s.recovered-%d", path, i);

		if (lstat(p, &sb) != 0)
			return p;
		free(p);
	}
	return NULL;
}

static int
repair(const struct cli_command *c, const struct cli_args *a,
    const char *path)
{
	const char *out = cli_opt(c, a, "output");
	char *new_path = out != NULL ? xstrdup(out) : free_name(path);
	struct store_repair_stats stats;
	char *cause = NULL;
	int rc = CLI_OK;

	if (new_path == NULL) {
		fprintf(stderr, "sitrep check: no free name for the new cache "
		    "beside %s; choose one with --output FILE\n", path);
		return CLI_USAGE;
	}
	if (store_repair(path, new_path, &stats, &cause) < 0) {
		fprintf(stderr, "sitrep check: ");
		cli_put_clean_line(stderr, cause);
		free(cause);
		rc = CLI_USAGE;
	} else {
		print_repair(path, new_path, &stats);
	}
	free(new_path);
	return rc;
}

static int
run_check(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct store_report r;
	struct config *cfg = NULL;
	char *path;
	int rc;

	if (cli_no_arguments(c, a) < 0)
		return CLI_USAGE;
	if (cli_opt(c, a, "output") != NULL && cli_opt(c, a, "repair") == NULL) {
		fprintf(stderr, "sitrep check: --output goes with --repair\n");
		return CLI_USAGE;
	}
	if (g->cache_path != NULL) {
		path = xstrdup(g->cache_path);
	} else {
		if ((cfg = cli_load_config(g)) == NULL)
			return CLI_USAGE;
		path = config_cache_path(cfg);
	}
	switch (store_check_file(path, &r)) {
	case STORE_SOUND:
		if (r.message != NULL) {
			cli_put_clean_line(stdout, r.message);
		} else {
			print_report(path, &r);
			if (cli_opt(c, a, "repair") != NULL)
				printf("nothing to repair\n");
		}
		rc = CLI_OK;
		break;
	case STORE_DAMAGED:
		print_report(path, &r);
		rc = cli_opt(c, a, "repair") != NULL ? repair(c, a, path) :
		    CLI_FAILED;
		break;
	case STORE_NOT_CACHE:
		fprintf(stderr, "sitrep: ");
		cli_put_clean_line(stderr, r.message);
		if (cli_opt(c, a, "repair") != NULL)
			fprintf(stderr, "sitrep check: nothing in it can be read "
			    "as a sitrep cache, so there is nothing to repair\n");
		rc = CLI_FAILED;
		break;
	default:
		fprintf(stderr, "sitrep: ");
		cli_put_clean_line(stderr, r.message);
		rc = CLI_USAGE;
		break;
	}
	store_report_clear(&r);
	free(path);
	config_free(cfg);
	return rc;
}

static const struct cli_option check_options[] = {
	{ "repair", 0 }, { "output", 1 }, { NULL, 0 } };

const struct cli_command cmd_check_entry = {
	"check", "[--repair [--output FILE]]", check_options, run_check,
	"Checks the cache file page by page (SQLite's integrity check) and\n"
	"the full-text index against the articles, and says what is damaged.\n"
	"It never writes to the file it checks.\n\n"
	"  --repair       copy what can still be read of a damaged cache\n"
	"                 into a new one (CACHE.recovered), rebuilding the\n"
	"                 full-text index and the counts; the damaged file is\n"
	"                 left as it is, and the output says how to swap them\n"
	"  --output FILE  where the new cache goes (it must not exist)\n\n"
	"Exit status: 0 sound (or repaired), 1 damaged or not a sitrep cache,\n"
	"2 usage errors, a missing or unreadable file, a failed repair.\n",
	0
};
