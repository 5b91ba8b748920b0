/*
 * cmd_import_opml: `sitrep import-opml FILE`, another reader's subscription
 * list into sitrep in one command.  The new feeds go to the imported-feeds
 * file beside the config in use (feeds.d/opml.ini, read after the config;
 * the user's own config is never rewritten), folders and categories become
 * feed tags, feeds already present are skipped, and everything not taken
 * (exec: feeds and other non-http(s) addresses) is listed with the reason.
 * A file of its own because it is the one command that writes config.
 */
#include <errno.h>
#include <stdio.h>
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

/* Reads path ("-": stdin), at most OPML_MAX_BYTES + 1; 0 or -1 (printed). */
static int
read_input(const char *path, struct str *out)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char buf[65536];
	size_t k;
	int err;

	if (f == NULL) {
		fprintf(stderr, "sitrep import-opml: cannot read ");
		cli_put_clean(stderr, path);
		fprintf(stderr, ": %s\n", strerror(errno));
		return -1;
	}
	while (out->len <= OPML_MAX_BYTES &&
	    (k = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(out, buf, k);
	err = ferror(f) ? errno : 0;
	if (f != stdin)
		fclose(f);
	if (err != 0) {
		fprintf(stderr, "sitrep import-opml: cannot read ");
		cli_put_clean(stderr, path);
		fprintf(stderr, ": %s\n", strerror(err));
		return -1;
	}
	return 0;
}

static void
print_report(const struct opml_doc *d, const struct opml_plan *p,
    const char *target, int dry)
{
	if (p->nadd > 0)
		printf("%s %zu feed%s to ", dry ? "Would add" : "Added", p->nadd,
		    p->nadd == 1 ? "" : "s");
	else
		printf("Nothing to add");
	if (p->nadd > 0)
		cli_put_clean(stdout, target);
	printf("%s\n", p->nadd > 0 ? ":" : ".");
	for (size_t i = 0; i < p->nadd; i++) {
		char *tags = strv_join(&p->add[i]->tags, ", ");

		printf("  [feed:%s] ", p->keys[i]);
		cli_put_clean(stdout, p->add[i]->url);
		if (*tags != '\0') {
			printf("  tags ");
			cli_put_clean(stdout, tags);
		}
		fputc('\n', stdout);
		free(tags);
	}
	if (p->ndup + d->nskipped > 0)
		printf("Skipped %zu:\n", p->ndup + d->nskipped);
	for (size_t i = 0; i < p->ndup; i++) {
		printf("  ");
		cli_put_clean(stdout, p->dup[i]->url);
		printf(": already in the config as [feed:%s]\n", p->dup_keys[i]);
	}
	for (size_t i = 0; i < d->nskipped; i++) {
		printf("  line %zu: ", d->skipped[i].line);
		cli_put_clean(stdout, d->skipped[i].what);
		printf(": ");
		cli_put_clean_line(stdout, d->skipped[i].why);
	}
	for (size_t i = 0; i < d->notes.n; i++) {
		printf("Note: ");
		cli_put_clean_line(stdout, d->notes.v[i]);
	}
}

/*
 * The imported-feeds file with p's sections added: its old text (or a
 * header saying what the file is), then the new sections; checked by
 * loading it before it replaces the old one.  0 or -1 (printed).
 */
static int
write_imported(const struct cli_command *c, const char *target,
    const char *config, const struct opml_plan *p, const char *source)
{
	struct str text = STR_INIT;
	char *cause = NULL, *check;
	struct config *ok;
	FILE *f = fopen(target, "r");
	int rc = -1;

	if (f != NULL) {
		char buf[8192];
		size_t k;

		while ((k = fread(buf, 1, sizeof buf, f)) > 0)
			str_append(&text, buf, k);
		fclose(f);
	} else if (errno != ENOENT) {
		fprintf(stderr, "sitrep import-opml: cannot read ");
		cli_put_clean(stderr, target);
		fprintf(stderr, ": %s\n", strerror(errno));
		return -1;
	} else {
		str_appendf(&text, "# Feeds imported by `sitrep import-opml`.  "
		    "sitrep reads this file after\n# %s; edit or delete "
		    "sections freely.  A feed key that the config\n# has too "
		    "is taken from the config.\n", config);
	}
	opml_plan_ini(&text, p, source, (int64_t)time(NULL));
	if (store_make_parent_dirs(target, &cause) < 0) {
		fprintf(stderr, "sitrep import-opml: %s\n", cause);
		goto out;
	}
	/* What is written must load: check a copy first. */
	check = xasprintf("%s.check", target);
	if (cli_write_file(c, check, str_cstr(&text), text.len) == 0) {
		ok = config_load(check, &cause);
		remove(check);
		if (ok == NULL) {
			fprintf(stderr, "sitrep import-opml: the sections would "
			    "not load, nothing written: ");
			cli_put_clean_line(stderr, cause);
		} else {
			config_free(ok);
			rc = cli_write_file(c, target, str_cstr(&text),
			    text.len);
		}
	}
	free(check);
out:
	free(cause);
	str_free(&text);
	return rc;
}

/* 1 when cfg came from the file user (not the example: there is none). */
static int
uses_own_config(const struct config *cfg, const char *user)
{
	return cfg->path != NULL && strcmp(cfg->path, user) == 0;
}

/*
 * Without a config of the user's, sitrep runs on the example's feeds until
 * the first import replaces them: what counts as present is then only
 * what an earlier import wrote.  0, or -1 (printed).
 */
static int
reload_imported(struct config **cfg, const char *target)
{
	char *cause = NULL;
	struct config *only;

	config_free(*cfg);
	*cfg = NULL;
	if (access(target, F_OK) != 0) {
		*cfg = config_defaults();
		return 0;
	}
	if ((only = config_load(target, &cause)) == NULL) {
		fprintf(stderr, "sitrep: ");
		cli_put_clean_line(stderr, cause);
		free(cause);
		return -1;
	}
	*cfg = only;
	return 0;
}

static int
run_import(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct str data = STR_INIT;
	struct opml_doc *d = NULL;
	struct opml_plan plan = { 0 };
	struct opml_have *have = NULL;
	struct config *cfg = NULL;
	char *cause = NULL, *target = NULL, *user = NULL;
	int dry = cli_opt(c, a, "dry-run") != NULL, rc = CLI_USAGE;

	if (a->nargs != 1) {
		cli_print_help(stderr, c);
		return CLI_USAGE;
	}
	if (read_input(a->args[0], &data) < 0)
		goto out;
	if ((d = opml_parse(str_cstr(&data), data.len, &cause)) == NULL) {
		fprintf(stderr, "sitrep import-opml: ");
		cli_put_clean(stderr, a->args[0]);
		fprintf(stderr, ": ");
		cli_put_clean(stderr, cause);
		fprintf(stderr, "; nothing imported\n");
		goto out;
	}
	if ((cfg = cli_load_config(g)) == NULL)
		goto out;
	user = g->config_path != NULL ? xstrdup(g->config_path) :
	    config_user_path();
	if (user == NULL || (target = config_imported_path(user)) == NULL) {
		fprintf(stderr, "sitrep import-opml: no home directory, so no "
		    "config folder: use --config FILE\n");
		goto out;
	}
	if (!uses_own_config(cfg, user) && reload_imported(&cfg, target) < 0)
		goto out;
	have = xcalloc(cfg->nfeeds + 1, sizeof *have);
	for (size_t i = 0; i < cfg->nfeeds; i++) {
		have[i].key = cfg->feeds[i].key;
		have[i].url = cfg->feeds[i].url;
	}
	opml_plan_make(d, have, cfg->nfeeds, &plan);
	if (plan.nadd > 0 && !dry && write_imported(c, target, user, &plan,
	    a->args[0]) < 0) {
		rc = CLI_FAILED;
		goto out;
	}
	print_report(d, &plan, target, dry);
	if (plan.nadd > 0 && !dry)
		printf("Next: sitrep refresh\n");
	/* an outline that could not be taken is work not done */
	rc = d->nskipped > 0 ? CLI_FAILED : CLI_OK;
out:
	free(have);
	opml_plan_clear(&plan);
	opml_doc_free(d);
	config_free(cfg);
	free(cause);
	free(target);
	free(user);
	str_free(&data);
	return rc;
}

static const struct cli_option import_options[] = {
	{ "dry-run", 0 }, { NULL, 0 } };

const struct cli_command cmd_import_opml_entry = {
	"import-opml", "FILE|- [--dry-run]", import_options, run_import,
	"Adds the feeds of an OPML subscription list (newsboat, FreshRSS,\n"
	"Feedly, Inoreader and other readers export one) to\n"
	"feeds.d/opml.ini beside the config in use, which sitrep reads after\n"
	"the config: your config is never rewritten.  Folders and categories\n"
	"become feed tags (News/Asia for nested folders); feeds already in\n"
	"the config are skipped; only http and https feeds are taken (exec:,\n"
	"filter: and other command feeds never are).  Prints what it added\n"
	"and what it skipped, and why.\n\n"
	"  --dry-run  only say what would be added\n\n"
	"Exit status: 0 done (feeds already present are no failure), 1 some\n"
	"outlines could not be taken or the file could not be written, 2 the\n"
	"OPML file or the config is unreadable or broken.\n",
	0
};
