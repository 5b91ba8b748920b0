/*
 * config: the front door of the config module (include/config.h): load a
 * file into a struct config, the built-in defaults, the config a plain
 * `sitrep` uses, lookups by key, and freeing.
 *
 * Loading is: check the file (ini.c), let iniparser read it (ini.c), walk
 * its sections (read.c) by the tables (keys.c), warn about cut values
 * (ini.c), then report every error at once.  The other files of
 * src/config/ each own one of those steps; config_int.h lists them.
 */
#include "config_int.h"

#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

struct config *
config_defaults(void)
{
	struct config *cfg = xcalloc(1, sizeof *cfg);

	ckeys_set_defaults(&ckeys_general, &cfg->general);
	ckeys_set_defaults(&ckeys_ui, &cfg->ui);
	return cfg;
}

/* Returns owned: the errors, then the warnings, one per line. */
static char *
load_cause(const struct strv *errors, const struct config *cfg)
{
	struct str msg = STR_INIT;
	size_t i;

	/* Warnings last: a misspelt url explains "has no url". */
	for (i = 0; i < errors->n; i++)
		str_appendf(&msg, "%s%s", i ? "\n" : "", errors->v[i]);
	for (i = 0; cfg != NULL && i < cfg->warnings.n; i++)
		str_appendf(&msg, "\n%s", cfg->warnings.v[i]);
	return str_steal(&msg);
}

struct config *
config_load(const char *path, char **cause)
{
	struct load ld = { .path = path };
	struct config *cfg = NULL;

	if (ini_file_check(&ld, &ld.errors) == -1)
		goto out;
	ld.ini = ini_load(&ld, &ld.errors);
	if (ld.ini == NULL) {
		if (ld.errors.n == 0)
			strv_push(&ld.errors, xasprintf("%s: cannot read config",
			    path));
		goto out;
	}
	cfg = ld.cfg = config_defaults();
	cfg->path = xstrdup(path);
	read_sections(&ld);
	ini_warn_cut_values(&ld);
out:
	if (ld.ini != NULL)
		iniparser_freedict(ld.ini);
	if (ld.errors.n > 0) {
		if (cause != NULL)
			*cause = load_cause(&ld.errors, cfg);
		config_free(cfg);
		cfg = NULL;
	}
	strv_free(&ld.errors);
	str_free(&ld.text);
	return cfg;
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nfeeds; i++) {
		free(cfg->feeds[i].key);
		ckeys_free(&ckeys_feed, &cfg->feeds[i]);
	}
	free(cfg->feeds);
	for (i = 0; i < cfg->ntopics; i++) {
		free(cfg->topics[i].key);
		ckeys_free(&ckeys_topic, &cfg->topics[i]);
	}
	free(cfg->topics);
	for (i = 0; i < cfg->nviews; i++) {
		free(cfg->views[i].key);
		ckeys_free(&ckeys_view, &cfg->views[i]);
	}
	free(cfg->views);
	for (i = 0; i < cfg->nbindings; i++) {
		free(cfg->bindings[i].action);
		free(cfg->bindings[i].keys);
	}
	free(cfg->bindings);
	ckeys_free(&ckeys_ui, &cfg->ui);
	ckeys_free(&ckeys_general, &cfg->general);
	strv_free(&cfg->warnings);
	free(cfg->path);
	free(cfg);
}

/*
 * Returns borrowed: the object of v (n objects of size bytes each) whose
 * char * at key_offset equals key in any case, or NULL.
 */
static const void *
find_by_key(const void *v, size_t n, size_t size, size_t key_offset,
    const char *key)
{
	const char *obj = v;
	size_t i;

	for (i = 0; i < n; i++, obj += size)
		if (strcasecmp(*(char *const *)(const void *)(obj + key_offset),
		    key) == 0)
			return obj;
	return NULL;
}

const struct config_feed *
config_feed_find(const struct config *cfg, const char *key)
{
	if (cfg == NULL || key == NULL)
		return NULL;
	return find_by_key(cfg->feeds, cfg->nfeeds, sizeof *cfg->feeds,
	    offsetof(struct config_feed, key), key);
}

const struct config_topic *
config_topic_find(const struct config *cfg, const char *key)
{
	if (cfg == NULL || key == NULL)
		return NULL;
	return find_by_key(cfg->topics, cfg->ntopics, sizeof *cfg->topics,
	    offsetof(struct config_topic, key), key);
}

const struct config_view *
config_view_find(const struct config *cfg, const char *key)
{
	if (cfg == NULL || key == NULL)
		return NULL;
	return find_by_key(cfg->views, cfg->nviews, sizeof *cfg->views,
	    offsetof(struct config_view, key), key);
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

struct config *
config_load_default(const char *explicit_path, char **cause)
{
	struct config *cfg = NULL;
	char *user = NULL, *example = NULL;
	struct stat st;

	if (explicit_path != NULL)
		return config_load(explicit_path, cause);

	/* A user file that exists but cannot be read is an error, not absent. */
	user = config_user_path();
	if (user != NULL && (stat(user, &st) == 0 ||
	    (errno != ENOENT && errno != ENOTDIR))) {
		cfg = config_load(user, cause);
		goto out;
	}
	if ((example = config_example_path()) != NULL) {
		cfg = load_example(example, cause);
		goto out;
	}
	cfg = config_defaults();
	strv_push(&cfg->warnings, xasprintf("no config file, so there are no "
	    "feeds: put one at %s (config.example.ini in the sitrep sources "
	    "shows how)", user != NULL ? user :
	    "$XDG_CONFIG_HOME/sitrep/config.ini"));
out:
	free(user);
	free(example);
	return cfg;
}
