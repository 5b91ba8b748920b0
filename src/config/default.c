/*
 * default: the config a plain `sitrep` uses -- the file --config names,
 * else the user's, else the example's topics and views -- and beside it
 * the imported-feeds file, feeds.d/opml.ini, which `sitrep import-opml`
 * writes so that the user's own config is never rewritten.  That file is
 * read after the config whenever it exists, with the same checks; only
 * its [feed:] sections count, and a feed key the config has already keeps
 * the config's feed.
 *
 * Apart from config.c, which loads one file: this file decides which
 * files, and joins the second to the first.
 */
#include "config_int.h"

#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

char *
config_imported_path(const char *config_path)
{
	char *user = NULL, *path;
	const char *cfg = config_path, *slash;

	if (cfg == NULL && (cfg = user = config_user_path()) == NULL)
		return NULL;
	slash = strrchr(cfg, '/');
	if (slash == NULL)
		path = xstrdup("feeds.d/opml.ini");
	else
		path = xasprintf("%.*s/feeds.d/opml.ini", (int)(slash - cfg),
		    cfg);
	free(user);
	return path;
}

/* Moves extra's warnings to cfg's, and says what it holds in vain. */
static void
take_warnings(struct config *cfg, struct config *extra, const char *path)
{
	for (size_t i = 0; i < extra->warnings.n; i++)
		strv_push(&cfg->warnings, extra->warnings.v[i]);
	free(extra->warnings.v);
	memset(&extra->warnings, 0, sizeof extra->warnings);
	if (extra->ntopics > 0 || extra->nviews > 0 || extra->nbindings > 0)
		strv_push(&cfg->warnings, xasprintf("%s: only its [feed:] "
		    "sections are read (it holds imported feeds); put [topic:], "
		    "[view:] and [keys] in %s", path, cfg->path != NULL ?
		    cfg->path : "the config"));
}

/*
 * Adds the [feed:] sections of the imported-feeds file at path to cfg
 * when the file exists (replace_feeds: instead of cfg's own feeds).
 * Returns 0, or -1 with *cause when the file does not load.
 */
static int
imported_merge(struct config *cfg, const char *path, int replace_feeds,
    char **cause)
{
	struct config *extra;
	struct stat sb;
	size_t i, n;

	if (path == NULL || (stat(path, &sb) != 0 && (errno == ENOENT ||
	    errno == ENOTDIR)))
		return 0;
	if ((extra = config_load(path, cause)) == NULL)
		return -1;
	take_warnings(cfg, extra, path);
	if (replace_feeds) {
		for (i = 0; i < cfg->nfeeds; i++) {
			free(cfg->feeds[i].key);
			ckeys_free(&ckeys_feed, &cfg->feeds[i]);
		}
		cfg->nfeeds = 0;
	}
	n = cfg->nfeeds;
	cfg->feeds = xreallocarray(cfg->feeds, n + extra->nfeeds + 1,
	    sizeof *cfg->feeds);
	for (i = 0; i < extra->nfeeds; i++) {
		struct config_feed *f = &extra->feeds[i];

		if (config_feed_find(cfg, f->key) != NULL) {
			strv_push(&cfg->warnings, xasprintf("%s: [feed:%s] is "
			    "in %s too; that one is used", path, f->key,
			    cfg->path != NULL ? cfg->path : "the config"));
			free(f->key);
			ckeys_free(&ckeys_feed, f);
			continue;
		}
		cfg->feeds[cfg->nfeeds++] = *f;
	}
	extra->nfeeds = 0;
	config_free(extra);
	return 0;
}

/* The example's feeds, with built-in [general] settings. */
static struct config *
load_example(const char *example, char **cause)
{
	struct config *cfg = config_load(example, cause);

	if (cfg != NULL) {
		ckeys_free(&ckeys_general, &cfg->general);
		memset(&cfg->general, 0, sizeof cfg->general);
		ckeys_set_defaults(&ckeys_general, &cfg->general);
	}
	return cfg;
}

/*
 * The config and, beside it, the imported-feeds file (imported.c); with
 * own_feeds 0 the imported feeds replace the config's (the example's).
 */
static struct config *
with_imported(struct config *cfg, const char *beside, int own_feeds,
    char **cause)
{
	char *path = config_imported_path(beside);

	if (cfg != NULL && imported_merge(cfg, path, !own_feeds, cause) < 0) {
		config_free(cfg);
		cfg = NULL;
	}
	free(path);
	return cfg;
}

struct config *
config_load_default(const char *explicit_path, char **cause)
{
	struct config *cfg = NULL;
	char *user = NULL, *example = NULL;
	struct stat st;

	if (explicit_path != NULL)
		return with_imported(config_load(explicit_path, cause),
		    explicit_path, 1, cause);

	/* A user file that exists but cannot be read is an error, not absent. */
	user = config_user_path();
	if (user != NULL && (stat(user, &st) == 0 ||
	    (errno != ENOENT && errno != ENOTDIR))) {
		cfg = with_imported(config_load(user, cause), user, 1, cause);
		goto out;
	}
	/* No config yet: the example's topics and views, and imported feeds
	 * instead of the example's when there are any. */
	if ((example = config_example_path()) != NULL) {
		cfg = with_imported(load_example(example, cause), user, 0,
		    cause);
		goto out;
	}
	cfg = with_imported(config_defaults(), user, 1, cause);
	if (cfg != NULL && cfg->nfeeds == 0)
		strv_push(&cfg->warnings, xasprintf("no config file, so there "
		    "are no feeds: put one at %s (config.example.ini in the "
		    "sitrep sources shows how)", user != NULL ? user :
		    "$XDG_CONFIG_HOME/sitrep/config.ini"));
out:
	free(user);
	free(example);
	return cfg;
}
