/*
 * context: what a command opens before its work, the config (with its
 * warnings, and for some the compiled topic rules) and the cache, one at a
 * time or together as a struct cli_context.  Cut from the commands because
 * each opens them alike and reports a failure alike (exit 2).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_int.h"
#include "config.h"
#include "ingest.h"
#include "query.h"
#include "store.h"
#include "xalloc.h"

void
cli_print_cause(char *cause)
{
	char *line = cause, *nl;

	while (line != NULL && *line != '\0') {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		fprintf(stderr, "sitrep: ");
		cli_put_clean_line(stderr, line);
		line = nl != NULL ? nl + 1 : NULL;
	}
	free(cause);
}

struct config *
cli_load_config(const struct cli_globals *g)
{
	char *cause = NULL;
	struct config *cfg = config_load_default(g->config_path, &cause);

	if (cfg == NULL) {
		cli_print_cause(cause);
		return NULL;
	}
	/* the interface refuses these; a command never reads them */
	for (size_t i = 0; i < cfg->ui_errors.n; i++) {
		fprintf(stderr, "sitrep: warning: ");
		cli_put_clean(stderr, cfg->ui_errors.v[i]);
		fprintf(stderr, " (the interface will not start until it is "
		    "fixed)\n");
	}
	for (size_t i = 0; i < cfg->warnings.n; i++) {
		fprintf(stderr, "sitrep: warning: ");
		cli_put_clean_line(stderr, cfg->warnings.v[i]);
	}
	return cfg;
}

/* A saved view that does not parse only fails in its own view: a warning. */
static void
warn_bad_views(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->nviews; i++) {
		struct query_env env = { (int64_t)time(NULL), cfg };
		struct query_error err;
		struct query *q = query_parse(cfg->views[i].query, &env, &err);

		if (q != NULL) {
			query_free(q);
			continue;
		}
		fprintf(stderr, "sitrep: warning: %s: [view:%s] ",
		    cfg->path != NULL ? cfg->path : "config", cfg->views[i].key);
		cli_put_clean_line(stderr, err.message);
		free(err.message);
	}
}

struct config *
cli_load_config_topics(const struct cli_globals *g, struct classifier **out)
{
	struct config *cfg = cli_load_config(g);
	struct classifier *c;
	char *cause = NULL;

	if (out != NULL)
		*out = NULL;
	if (cfg == NULL)
		return NULL;
	c = ingest_classifier_new(cfg, &cause);
	if (c == NULL) {
		cli_print_cause(cause);
		config_free(cfg);
		return NULL;
	}
	if (out != NULL)
		*out = c;
	else
		classifier_free(c);
	warn_bad_views(cfg);
	return cfg;
}

/*
 * A cache from an older sitrep can't be read as it is: upgrade it
 * (store_open refuses anything that is not a sitrep cache, and leaves a
 * damaged or newer one untouched).  On success *cause is dropped.
 */
static struct store *
open_readonly(const char *path, char **cause)
{
	struct store *st = store_open_readonly(path, cause);
	char *why = NULL;

	if (st != NULL)
		return st;
	st = store_open(path, &why);
	if (st != NULL) {
		free(*cause);
		*cause = NULL;
	}
	free(why);
	return st;
}

/* The cache path is the XDG default, where its parents may be made. */
static int
cache_path_is_default(const struct cli_globals *g, const struct config *cfg)
{
	return g->cache_path == NULL &&
	    (cfg == NULL || cfg->general.cache_path == NULL);
}

/* The cache --cache names, else the config's (owned; NULL without HOME). */
static char *
cache_path_of(const struct cli_globals *g, const struct config *cfg)
{
	return g->cache_path ? xstrdup(g->cache_path) : config_cache_path(cfg);
}

/* Whether the cache of --cache or the config is there; says so if not. */
static int
cache_exists(const struct cli_globals *g, const struct config *cfg)
{
	char *path = cache_path_of(g, cfg);
	int there = path == NULL || access(path, F_OK) == 0;

	if (!there)
		fprintf(stderr, "sitrep: no cache at %s yet: `sitrep refresh` "
		    "fetches the feeds and creates it (or check --cache and "
		    "cache_path)\n", path);
	free(path);
	return there;
}

struct store *
cli_open_cache(const struct cli_globals *g, const struct config *cfg,
    enum cli_cache_mode mode)
{
	char *path = cache_path_of(g, cfg);
	char *cause = NULL;
	struct store *st = NULL;

	if (path == NULL) {
		cause = xstrdup("no cache path: set HOME or use --cache FILE");
		goto out;
	}
	if (mode != CLI_CACHE_CREATE && access(path, F_OK) != 0) {
		cause = xasprintf("no cache at %s: `sitrep refresh` fetches the "
		    "feeds and creates it (or check --cache and cache_path)",
		    path);
		goto out;
	}
	if (mode == CLI_CACHE_CREATE && store_make_cache_dir(path,
	    cache_path_is_default(g, cfg), &cause) < 0)
		goto out;
	st = mode == CLI_CACHE_READ ? open_readonly(path, &cause) :
	    store_open(path, &cause);
	/*
	 * A command that writes checks the whole file first: damage in pages
	 * it would never read must stop it before the file changes.
	 */
	if (st != NULL && mode != CLI_CACHE_READ && store_verify(st, &cause) < 0) {
		store_close(st);
		st = NULL;
	}
out:
	if (st == NULL) {
		fprintf(stderr, "sitrep: %s\n", cause);
		free(cause);
	}
	free(path);
	return st;
}

int
cli_context_open(const struct cli_globals *g, unsigned what,
    struct cli_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	if (what & CLI_CLASSIFIER)
		ctx->cfg = cli_load_config_topics(g, &ctx->cl);
	else if (what & CLI_TOPICS)
		ctx->cfg = cli_load_config_topics(g, NULL);
	else
		ctx->cfg = cli_load_config(g);
	if (ctx->cfg == NULL)
		return -1;
	if ((what & CLI_MAYBE_NO_CACHE) && !cache_exists(g, ctx->cfg))
		return 0;
	ctx->st = cli_open_cache(g, ctx->cfg, (what & CLI_CREATE) ?
	    CLI_CACHE_CREATE : (what & CLI_READONLY) ? CLI_CACHE_READ :
	    CLI_CACHE_WRITE);
	if (ctx->st == NULL) {
		cli_context_close(ctx);
		return -1;
	}
	return 0;
}

void
cli_context_close(struct cli_context *ctx)
{
	classifier_free(ctx->cl);
	store_close(ctx->st);
	config_free(ctx->cfg);
	memset(ctx, 0, sizeof *ctx);
}
