/*
 * cmd_export_opml: `sitrep export-opml`, every feed of the config (and of
 * the imported-feeds file) as OPML 2.0 for another reader: tags as
 * categories, the first tag as the folder.  Names and web sites the config
 * does not give come from the cache when there is one.  A file of its own
 * because it is the one command that writes another program's format.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_int.h"
#include "config.h"
#include "opml.h"
#include "store.h"
#include "str.h"
#include "xalloc.h"

/* The cache's feed rows when a cache exists (never made for an export). */
static void
cached_feeds(const struct cli_globals *g, const struct config *cfg,
    struct store_feed **v, size_t *n)
{
	char *path = g->cache_path != NULL ? xstrdup(g->cache_path) :
	    config_cache_path(cfg);
	struct store *st = NULL;
	char *cause = NULL;

	*v = NULL;
	*n = 0;
	if (path != NULL && access(path, F_OK) == 0 &&
	    (st = cli_open_cache(g, cfg, 1)) != NULL &&
	    store_feed_list(st, v, n, &cause) < 0) {
		fprintf(stderr, "sitrep export-opml: warning: %s (names are "
		    "the feed keys)\n", cause);
		free(cause);
	}
	store_close(st);
	free(path);
}

static const struct store_feed *
cached(const struct store_feed *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

static int
run_export(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	const char *out = cli_opt(c, a, "output");
	struct store_feed *sv = NULL;
	struct opml_out *v = NULL;
	struct config *cfg;
	struct str doc = STR_INIT;
	size_t ns = 0;
	int rc = CLI_FAILED;

	if (out == NULL)
		out = cli_opt(c, a, "o");
	if (cli_no_arguments(c, a) < 0)
		return CLI_USAGE;
	if ((cfg = cli_load_config(g)) == NULL)
		return CLI_USAGE;
	cached_feeds(g, cfg, &sv, &ns);
	v = xcalloc(cfg->nfeeds + 1, sizeof *v);
	for (size_t i = 0; i < cfg->nfeeds; i++) {
		const struct config_feed *f = &cfg->feeds[i];
		const struct store_feed *s = cached(sv, ns, f->key);

		v[i].url = f->url;
		/* the feed's own name when the cache has it; no name else */
		v[i].title = f->title != NULL ? f->title : s != NULL &&
		    strcmp(s->title, f->key) != 0 ? s->title : NULL;
		v[i].site_url = f->site_url != NULL ? f->site_url :
		    s != NULL ? s->site_url : NULL;
		v[i].tags = &f->tags;
	}
	opml_write(&doc, "sitrep subscriptions", v, cfg->nfeeds,
	    (int64_t)time(NULL));
	if (out == NULL || strcmp(out, "-") == 0) {
		if (fwrite(str_cstr(&doc), 1, doc.len, stdout) == doc.len &&
		    fflush(stdout) == 0)
			rc = CLI_OK;
	} else if (cli_write_file(c, out, str_cstr(&doc), doc.len) == 0) {
		fprintf(stderr, "sitrep export-opml: wrote %zu feeds to ",
		    cfg->nfeeds);
		cli_put_clean_line(stderr, out);
		rc = CLI_OK;
	}
	str_free(&doc);
	free(v);
	store_feeds_free(sv, ns);
	config_free(cfg);
	return rc;
}

/* "o" is -o (opts.c). */
static const struct cli_option export_options[] = {
	{ "output", 1 }, { "o", 1 }, { NULL, 0 } };

const struct cli_command cmd_export_opml_entry = {
	"export-opml", "[-o FILE]", export_options, run_export,
	"Writes every feed of the config (and of feeds.d/opml.ini) as OPML\n"
	"2.0 for another reader, to stdout: tags as categories, the first tag\n"
	"as the folder (a/b nests), names and web sites from the config, else\n"
	"from the cache.  sitrep import-opml reads it back to the same feeds.\n\n"
	"  -o, --output FILE  write to FILE (replaced whole) instead\n\n"
	"Exit status: 0 done, 1 it could not be written, 2 a configuration\n"
	"error.\n",
	0
};
