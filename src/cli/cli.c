/*
 * cli: the table of headless commands and the one walk over it: finding a
 * command by name, `sitrep --help`, and running a command with its options
 * read.  Each command lives in a cmd_*.c of its own and exports one struct
 * cli_command; this file only knows their names, so that a new command is
 * one new file and one line of CLI_COMMANDS.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "suggest.h"

/*
 * Every command, in the order `sitrep --help` lists them.  X(name) stands
 * for cmd_name_entry, defined in cmd_name.c or its family's file
 * (cmd_tag_mark.c, cmd_facets.c).
 */
#define CLI_COMMANDS(X) \
	X(refresh) \
	X(list) \
	X(tag) \
	X(mark) \
	X(topics) \
	X(countries) \
	X(tags) \
	X(reclassify) \
	X(show) \
	X(brief) \
	X(feeds) \
	X(import_opml) \
	X(export_opml) \
	X(parse) \
	X(check)

#define DECLARE_ENTRY(name) extern const struct cli_command cmd_##name##_entry;
CLI_COMMANDS(DECLARE_ENTRY)
#undef DECLARE_ENTRY

#define ENTRY_ADDRESS(name) &cmd_##name##_entry,
static const struct cli_command *const commands[] = {
	CLI_COMMANDS(ENTRY_ADDRESS)
};
#undef ENTRY_ADDRESS

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct cli_command *
find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int
cli_is_command(const char *name)
{
	return find_command(name) != NULL;
}

void
cli_print_usage(FILE *out)
{
	fprintf(out,
	    "usage: sitrep [--config FILE] [--cache FILE] [--demo]\n"
	    "       sitrep [--config FILE] [--cache FILE] COMMAND [ARGS]\n\n"
	    "A terminal reader for geopolitical and security briefings.\n"
	    "Without a command, the interface opens (? in it lists the keys).\n\n"
	    "Commands:\n");
	/* one line each: `sitrep COMMAND --help` has the whole usage */
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-11s %.*s\n", commands[i]->name,
		    (int)strcspn(commands[i]->usage, "\n"),
		    commands[i]->usage);
	fprintf(out,
	    "\nOptions:\n"
	    "  --config FILE  the configuration (default: "
	    "$XDG_CONFIG_HOME/sitrep/config.ini)\n"
	    "  --cache FILE   the article cache (default: "
	    "$XDG_DATA_HOME/sitrep/cache.db)\n"
	    "  --demo         the interface on a throwaway cache of sample "
	    "feeds, no network\n"
	    "  --help         this text; sitrep COMMAND --help for one command\n"
	    "  --version      the version\n");
}

/* A misspelt command, with the closest one when there is one. */
static void
unknown_command(const char *name)
{
	const char *names[NCOMMANDS];
	const char *best;

	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i]->name;
	best = suggest_closest(name, names, NCOMMANDS);
	fprintf(stderr, "sitrep: unknown command '%s'", name);
	if (best != NULL)
		fprintf(stderr, "; did you mean '%s'?", best);
	fprintf(stderr, " (sitrep --help lists them)\n");
}

int
cli_run(const struct cli_globals *g, int argc, char **argv)
{
	const struct cli_command *c = find_command(argv[0]);
	struct cli_args a;
	int rc;

	if (c == NULL) {
		unknown_command(argv[0]);
		return CLI_USAGE;
	}
	rc = cli_parse_options(c, argc, argv, &a);
	if (rc == 0)
		rc = c->run(g, c, &a);
	else
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
	free(a.args);
	return rc;
}
