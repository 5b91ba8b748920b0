/*
 * cli: the headless commands (parse, refresh, list, show, feeds, ...), each
 * the twin of something the interface does, for cron and scripts.
 *
 * Exit codes: 0 success; 1 the work partly failed (a feed failed, an article
 * is missing); 2 usage, configuration or cache errors.
 */
#ifndef SITREP_CLI_H
#define SITREP_CLI_H

#include <stdio.h>

/* Options that come before the command word. */
struct cli_globals {
	const char *config_path; /* --config FILE, or NULL */
	const char *cache_path;  /* --cache FILE, or NULL */
};

enum {
	CLI_OK = 0,
	CLI_FAILED = 1,
	CLI_USAGE = 2
};

/* 1 when name is a command cli_run knows. */
int cli_is_command(const char *name);
/* Runs argv[0] with its arguments; returns the exit code. */
int cli_run(const struct cli_globals *g, int argc, char **argv);
/* Prints the overview of sitrep's usage and commands. */
void cli_print_usage(FILE *out);

#endif
