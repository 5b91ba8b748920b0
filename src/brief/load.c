/*
 * load: which template a briefing uses.  The user's copy in
 * $XDG_CONFIG_HOME/sitrep/templates/brief.EXT (else ~/.config/...) wins,
 * then sitrep's own installed beside the themes ($(PREFIX)/share/sitrep/
 * templates, else the source tree), then the same files as built in
 * (tools/embed.sh makes them a header at build time), so a briefing never
 * depends on an installation.
 *
 * Apart from the engine: this is files and folders, template.c is text.
 */
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief_int.h"
#include "brief_templates.h"
#include "config.h"
#include "xalloc.h"

/* A template larger than this is refused before it is read. */
#define LOAD_MAX_BYTES ((size_t)1 << 20)

static const char *const builtins[BRIEF_FORMAT_COUNT] = {
	[BRIEF_MD] = embed_brief_md,
	[BRIEF_HTML] = embed_brief_html,
	[BRIEF_TXT] = embed_brief_txt,
};

const char *
brief_template_builtin(enum brief_format f)
{
	return f < BRIEF_FORMAT_COUNT ? builtins[f] : builtins[BRIEF_MD];
}

char *
brief_user_template_dir(void)
{
	char *cfg = config_user_path(), *slash;

	if (cfg == NULL)
		return NULL;
	slash = strrchr(cfg, '/');
	if (slash != NULL)
		*slash = '\0';
	slash = xasprintf("%s/templates", cfg);
	free(cfg);
	return slash;
}

struct brief_template *
brief_template_parse(const char *text, size_t n, enum brief_format f,
    const char *name, char **cause)
{
	struct brief_template *t;
	struct tpl *tp = tpl_compile(text, n, &brief_schema_root, name, cause);

	if (tp == NULL)
		return NULL;
	t = xcalloc(1, sizeof *t);
	t->format = f;
	t->tpl = tp;
	return t;
}

void
brief_template_free(struct brief_template *t)
{
	if (t == NULL)
		return;
	tpl_free(t->tpl);
	free(t);
}

/*
 * Reads path into *out.  Returns 1, 0 when there is no such file, -1
 * with *cause when it exists but cannot be used.
 */
static int
read_file(const char *path, struct str *out, char **cause)
{
	struct stat sb;
	char buf[8192];
	size_t k;
	FILE *f;

	if (stat(path, &sb) != 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	if (!S_ISREG(sb.st_mode) || (size_t)sb.st_size > LOAD_MAX_BYTES) {
		*cause = xasprintf("%s: %s", path, S_ISREG(sb.st_mode) ?
		    "larger than 1 MiB; a template is a layout, not a document" :
		    "not a regular file");
		return -1;
	}
	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((k = fread(buf, 1, sizeof buf, f)) > 0 &&
	    out->len <= LOAD_MAX_BYTES)
		str_append(out, buf, k);
	if (ferror(f)) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	return 1;
}

struct brief_template *
brief_template_load(enum brief_format f, char **cause)
{
	char *dirs[4] = { brief_user_template_dir(), NULL, NULL, NULL };
	struct brief_template *t = NULL;
	struct str text = STR_INIT;
	const char *dir;
	int found = 0;

	for (size_t i = 0; (dir = config_data_dir(i)) != NULL && i < 2; i++)
		dirs[i + 1] = xasprintf("%s/templates", dir);
	for (size_t i = 0; i < NELEM(dirs) && found == 0; i++) {
		char *path;

		if (dirs[i] == NULL)
			continue;
		path = xasprintf("%s/brief.%s", dirs[i], brief_format_name(f));
		found = read_file(path, &text, cause);
		if (found > 0)
			t = brief_template_parse(str_cstr(&text), text.len, f,
			    path, cause);
		else if (found < 0 && *cause == NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		free(path);
	}
	if (found == 0) {
		const char *b = brief_template_builtin(f);

		t = brief_template_parse(b, strlen(b), f, "(built in)", cause);
	}
	for (size_t i = 0; i < NELEM(dirs); i++)
		free(dirs[i]);
	str_free(&text);
	return t;
}
