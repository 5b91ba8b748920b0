/*
 * paths: where things live (DESIGN.md, XDG).  The user's config and cache
 * under the XDG folders or the home directory, ~ and $HOME in a path value,
 * and the folders sitrep's own files (config.example.ini, themes/, demo/)
 * are looked for in: the installed data directory, then the source tree
 * the binary was built from.
 *
 * Apart from the rest of config because nothing here reads a config file:
 * the interface finds its themes and demo through config_data_dir() too,
 * and this file calls nothing above it.
 */
#include "config_int.h"

#include <sys/stat.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

/* The Makefile says where; these are for a build without it. */
#ifndef SITREP_DATADIR
#define SITREP_DATADIR "/usr/local/share/sitrep"
#endif
#ifndef SITREP_SRCDIR
#define SITREP_SRCDIR "."
#endif

static const char *const data_dirs[] = {
	SITREP_DATADIR,	/* installed */
	SITREP_SRCDIR,	/* built, not installed */
};

const char *
config_data_dir(size_t i)
{
	return i < NELEM(data_dirs) ? data_dirs[i] : NULL;
}

/* Returns borrowed: the home directory, or NULL when there is none. */
static const char *
home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && home[0] != '\0')
		return home;
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] != '\0')
		return pw->pw_dir;
	return NULL;
}

char *
path_expand(const char *p)
{
	static const char *const prefixes[] = { "~", "$HOME", "${HOME}" };
	const char *home;
	size_t i, n;

	for (i = 0; i < NELEM(prefixes); i++) {
		n = strlen(prefixes[i]);
		if (strncmp(p, prefixes[i], n) != 0 ||
		    (p[n] != '\0' && p[n] != '/'))
			continue;
		if ((home = home_dir()) == NULL)
			return NULL;
		return xasprintf("%s%s", home, p + n);
	}
	return xstrdup(p);
}

/*
 * Returns owned: $var/sitrep/leaf when var is an absolute path (the XDG
 * spec says to ignore a relative one), else ~/home_rel/sitrep/leaf, or NULL
 * without a home directory.
 */
static char *
xdg_file(const char *var, const char *home_rel, const char *leaf)
{
	const char *base = getenv(var), *home;
	size_t n;

	if (base != NULL && base[0] == '/') {
		/* "/x/" and "/x" alike; "/" stays. */
		for (n = strlen(base); n > 1 && base[n - 1] == '/'; n--)
			;
		return xasprintf("%.*s/sitrep/%s", (int)n, n == 1 ? "" : base,
		    leaf);
	}
	if ((home = home_dir()) == NULL)
		return NULL;
	return xasprintf("%s/%s/sitrep/%s", home, home_rel, leaf);
}

char *
config_user_path(void)
{
	return xdg_file("XDG_CONFIG_HOME", ".config", "config.ini");
}

char *
config_cache_path(const struct config *cfg)
{
	if (cfg != NULL && cfg->general.cache_path != NULL)
		return xstrdup(cfg->general.cache_path);
	return xdg_file("XDG_DATA_HOME", ".local/share", "cache.db");
}

char *
config_example_path(void)
{
	const char *dir;
	struct stat st;
	char *p;
	size_t i;

	for (i = 0; (dir = config_data_dir(i)) != NULL; i++) {
		p = xasprintf("%s/config.example.ini", dir);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			return p;
		free(p);
	}
	return NULL;
}
