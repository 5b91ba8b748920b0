/*
 * cmd_refresh: `sitrep refresh`, one refresh (src/refresh.c does the work)
 * with a progress line on a terminal, a line per feed with --verbose, the
 * failures named at the end, and retention afterwards.  A file of its own
 * because it is the only command that shows progress while it runs.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli_int.h"
#include "config.h"
#include "refresh.h"
#include "store.h"

/* What the refresh prints, and whether a progress line is on screen. */
struct refresh_ui {
	int quiet, verbose, tty;
	struct refresh *r;
	int progress_shown;
};

static void
human_bytes(uint64_t b, char *buf, size_t n)
{
	if (b >= 10 * 1024 * 1024)
		snprintf(buf, n, "%.0f MB", (double)b / (1024.0 * 1024.0));
	else if (b >= 1024 * 1024)
		snprintf(buf, n, "%.1f MB", (double)b / (1024.0 * 1024.0));
	else if (b >= 1024)
		snprintf(buf, n, "%.0f kB", (double)b / 1024.0);
	else
		snprintf(buf, n, "%llu B", (unsigned long long)b);
}

static void
show_progress(struct refresh_ui *u, int final)
{
	struct refresh_progress p;
	char bytes[32];

	if (u->quiet || !u->tty)
		return;
	refresh_get_progress(u->r, &p);
	human_bytes(p.bytes, bytes, sizeof bytes);
	fprintf(stderr, "\r\033[Krefresh: %zu/%zu feeds, %zu failed, %zu new, "
	    "%s, %.1f s", p.done, p.total, p.failed, p.added, bytes,
	    p.elapsed);
	if (final)
		fputc('\n', stderr);
	u->progress_shown = !final;
	fflush(stderr);
}

static void
on_feed_done(void *ctx, const struct refresh_report *rep)
{
	struct refresh_ui *u = ctx;

	if (!u->verbose)
		return;
	if (u->progress_shown)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "%-24s ", rep->key);
	if (!rep->ok) {
		fputs("FAILED ", stderr);
		cli_put_clean(stderr, rep->error);
	} else if (rep->not_modified) {
		fprintf(stderr, "not modified (%d)", rep->http_status);
	} else {
		fprintf(stderr, "%d: %zu new, %zu updated", rep->http_status,
		    rep->added, rep->updated);
	}
	fprintf(stderr, "  %.2f s\n", rep->seconds);
	if (rep->warning != NULL) {
		fprintf(stderr, "%-24s warning: ", "");
		cli_put_clean_line(stderr, rep->warning);
	}
	u->progress_shown = 0;
}

/* Every failure, and unless quiet every warning and the totals. */
static void
print_refresh_summary(struct refresh_ui *u)
{
	struct refresh_progress p;
	const struct refresh_report *reps;
	size_t n;
	char bytes[32];

	refresh_get_progress(u->r, &p);
	reps = refresh_reports(u->r, &n);
	for (size_t i = 0; i < n; i++) {
		if (!reps[i].ok) {
			char when[32];

			fprintf(stderr, "sitrep: feed %s failed: ", reps[i].key);
			cli_put_clean(stderr, reps[i].error);
			/* a gone feed has no next try: its message says so */
			if (reps[i].http_status == 410)
				fputc('\n', stderr);
			else
				fprintf(stderr, "; next try %s\n", cli_local_date(
				    reps[i].next_due, when, sizeof when));
		} else if (reps[i].warning != NULL && !u->quiet) {
			fprintf(stderr, "sitrep: feed %s: ", reps[i].key);
			cli_put_clean_line(stderr, reps[i].warning);
		}
	}
	if (u->quiet)
		return;
	human_bytes(p.bytes, bytes, sizeof bytes);
	fprintf(stderr, "refresh: %zu feed%s, %zu failed, %zu new and %zu "
	    "updated article%s, %s in %.1f s\n", p.total, p.total == 1 ? "" :
	    "s", p.failed, p.added, p.updated, p.added + p.updated == 1 ? "" :
	    "s", bytes, p.elapsed);
}

/*
 * Runs the refresh to its end, or until a write met damage in the cache
 * (then nothing more is fetched: it could not be stored).  Returns
 * CLI_FAILED when a feed failed, CLI_USAGE (a cache error) for damage.
 */
static int
run_to_end(struct refresh_ui *u, struct store *st)
{
	struct refresh_progress p;

	refresh_set_callback(u->r, on_feed_done, u);
	while (refresh_step(u->r, 100, NULL, 0) && !store_damaged(st))
		show_progress(u, 0);
	show_progress(u, 1);
	print_refresh_summary(u);
	if (store_damaged(st)) {
		fprintf(stderr, "sitrep: the refresh stopped: %s is damaged and "
		    "nothing more was written to it (`sitrep check` says "
		    "what is damaged)\n", store_path(st));
		return CLI_USAGE;
	}
	refresh_get_progress(u->r, &p);
	return p.failed > 0 ? CLI_FAILED : CLI_OK;
}

/* Retention (keep_days) after the refresh; a failure is only reported. */
static void
prune_old(struct store *st, const struct config *cfg, int verbose)
{
	size_t removed = 0;
	char *cause = NULL;

	if (store_prune(st, cfg->general.keep_days, (int64_t)time(NULL),
	    &removed, &cause) < 0) {
		fprintf(stderr, "sitrep: retention: %s\n", cause);
		free(cause);
	} else if (verbose && removed > 0) {
		fprintf(stderr, "refresh: removed %zu articles older than %d "
		    "days (keep_days)\n", removed, cfg->general.keep_days);
	}
}

static int
run_refresh(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct refresh_options ro = { 0 };
	struct refresh_ui u = { 0 };
	struct cli_context ctx;
	char *cause = NULL;
	int busy = 0, rc = CLI_USAGE;

	/* a topic rule that does not compile stops here, like a bad value */
	if (cli_context_open(g, CLI_TOPICS | CLI_CREATE, &ctx) < 0)
		return CLI_USAGE;
	ro.force = cli_opt(c, a, "force") != NULL;
	ro.wait_for_lock = cli_opt(c, a, "wait") != NULL;
	ro.ca_file = getenv("SITREP_CA_FILE");
	if (a->nargs > 0) {
		ro.keys = (const char *const *)a->args;
		ro.nkeys = (size_t)a->nargs;
	}
	u.quiet = cli_opt(c, a, "quiet") != NULL;
	u.verbose = cli_opt(c, a, "verbose") != NULL && !u.quiet;
	u.tty = isatty(STDERR_FILENO);
	u.r = refresh_new(ctx.cfg, ctx.st, &ro, &busy, &cause);
	if (u.r == NULL) {
		/* another refresh on this cache is not a failure of ours */
		if (busy) {
			if (!u.quiet)
				fprintf(stderr, "sitrep: %s\n", cause);
			rc = CLI_OK;
		} else {
			fprintf(stderr, "sitrep refresh: %s\n", cause);
		}
		free(cause);
		goto out;
	}
	rc = run_to_end(&u, ctx.st);
	refresh_free(u.r);
	if (!store_damaged(ctx.st))
		prune_old(ctx.st, ctx.cfg, u.verbose);
out:
	cli_context_close(&ctx);
	return rc;
}

static const struct cli_option refresh_options[] = {
	{ "force", 0 }, { "quiet", 0 }, { "verbose", 0 }, { "wait", 0 },
	{ NULL, 0 } };

const struct cli_command cmd_refresh_entry = {
	"refresh", "[FEED...] [--force] [--wait] [--quiet|--verbose]",
	refresh_options, run_refresh,
	"Fetches the feeds that are due (the named ones now) and stores new\n"
	"and changed articles.\n\n"
	"  --force    fetch every feed (or the named ones) now, also gone ones\n"
	"  --wait     wait when another refresh runs on this cache (default:\n"
	"             skip with a message)\n"
	"  --quiet    print only failures (for cron)\n"
	"  --verbose  print one line per feed\n\n"
	"Exit status: 0 all succeeded, 1 some failed (each is named with its\n"
	"reason), 2 usage, configuration or cache errors.\n",
	0
};
