/*
 * config: the front door of the config module (include/config.h): load a
 * file into a struct config, the built-in defaults, lookups by key, and
 * freeing.  Which files a plain `sitrep` reads is default.c's.
 *
 * Loading is: check the file (ini.c), let iniparser read it (ini.c), walk
 * its sections (read.c) by the tables (keys.c), warn about cut values
 * (ini.c), then report every error at once.  The other files of
 * src/config/ each own one of those steps; config_int.h lists them.
 */
#include "config_int.h"

#include <ctype.h>
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
	for (i = 0; cfg != NULL && i < cfg->ui_errors.n; i++)
		str_appendf(&msg, "\n%s", cfg->ui_errors.v[i]);
	for (i = 0; cfg != NULL && i < cfg->warnings.n; i++)
		str_appendf(&msg, "\nwarning: %s", cfg->warnings.v[i]);
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
	strv_free(&cfg->ui_errors);
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

/* Whether name matches glob, '*' any run, ASCII case ignored. */
static int
tag_glob_match(const char *glob, const char *name)
{
	const char *star = NULL, *resume = NULL;

	while (*name != '\0') {
		if (*glob == '*') {
			star = glob++;
			resume = name;
		} else if (*glob != '\0' &&
		    tolower((unsigned char)*glob) ==
		    tolower((unsigned char)*name)) {
			glob++;
			name++;
		} else if (star != NULL) {
			glob = star + 1;
			name = ++resume;
		} else
			return 0;
	}
	while (*glob == '*')
		glob++;
	return *glob == '\0';
}

void
config_feeds_tagged(const struct config *cfg, const char *tag,
    struct strv *out)
{
	if (cfg == NULL || tag == NULL)
		return;
	for (size_t i = 0; i < cfg->nfeeds; i++) {
		const struct strv *t = &cfg->feeds[i].tags;

		for (size_t k = 0; k < t->n; k++)
			if (tag_glob_match(tag, t->v[k])) {
				strv_pushdup(out, cfg->feeds[i].key);
				break;
			}
	}
}

void
config_feed_tags(const struct config *cfg, struct strv *out)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < cfg->nfeeds; i++) {
		const struct strv *t = &cfg->feeds[i].tags;

		for (size_t k = 0; k < t->n; k++)
			if (!strv_contains(out, t->v[k], 1))
				strv_pushdup(out, t->v[k]);
	}
}
