/*
 * cmd_reclassify: `sitrep reclassify`, the topic rules and the country
 * finder run again over the whole cache after the config's rules changed.
 * A file of its own: it is the one command that rewrites every article.
 */
#include <stdlib.h>
#include <time.h>

#include "cli_int.h"
#include "ingest.h"

static double
seconds_between(const struct timespec *t0, const struct timespec *t1)
{
	return (double)(t1->tv_sec - t0->tv_sec) +
	    (double)(t1->tv_nsec - t0->tv_nsec) / 1e9;
}

static int
run_reclassify(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct cli_context ctx;
	struct timespec t0, t1;
	size_t seen = 0, changed = 0;
	char *cause = NULL;
	int rc = CLI_USAGE;

	if (cli_no_arguments(c, a) < 0)
		return CLI_USAGE;
	if (cli_context_open(g, CLI_CLASSIFIER, &ctx) < 0)
		return CLI_USAGE;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (ingest_reclassify(ctx.st, ctx.cl, &seen, &changed, &cause) < 0) {
		fprintf(stderr, "sitrep reclassify: %s\n", cause);
		free(cause);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (cli_opt(c, a, "quiet") == NULL)
		fprintf(stderr, "reclassify: %zu articles, %zu changed, in "
		    "%.1f s\n", seen, changed, seconds_between(&t0, &t1));
	rc = CLI_OK;
out:
	cli_context_close(&ctx);
	return rc;
}

static const struct cli_option reclassify_options[] = {
	{ "quiet", 0 }, { NULL, 0 } };

const struct cli_command cmd_reclassify_entry = {
	"reclassify", "[--quiet]", reclassify_options, run_reclassify,
	"Runs the topic rules and the country finder again over every\n"
	"article in the cache, after the config's [topic:KEY] sections\n"
	"changed.  Read, starred, dismissed and tags are kept.\n\n"
	"  --quiet  print nothing on success\n\n"
	"Exit status: 0 done, 2 a bad topic rule or a cache error.\n",
	0
};
