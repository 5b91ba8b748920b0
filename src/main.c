/*
 * main: global options, then either a headless command (cli/) or, without
 * one, the interface (ui/).  Only this file decides the exit status.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ui.h"

static void
print_version(void)
{
	printf("sitrep %s\n", SITREP_VERSION);
}

/* Global options come before the command; returns the index of the first
 * word that is not one, or -1 after printing a usage error. */
static int
parse_globals(int argc, char **argv, struct cli_globals *g, int *demo,
    int *done)
{
	int i;

	*done = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cli_print_usage(stdout);
			*done = 1;
			return i;
		}
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			print_version();
			*done = 1;
			return i;
		}
		if (strcmp(a, "--demo") == 0) {
			*demo = 1;
			continue;
		}
		if (strncmp(a, "--config", 8) == 0)
			slot = &g->config_path;
		else if (strncmp(a, "--cache", 7) == 0)
			slot = &g->cache_path;
		if (slot == NULL) {
			if (a[0] == '-') {
				fprintf(stderr, "sitrep: unknown option %s "
				    "(sitrep --help lists them)\n", a);
				return -1;
			}
			break;
		}
		{
			const char *eq = strchr(a, '=');
			size_t name_len = eq ? (size_t)(eq - a) : strlen(a);

			if (name_len != (slot == &g->config_path ? 8u : 7u)) {
				fprintf(stderr, "sitrep: unknown option %s\n", a);
				return -1;
			}
			if (eq != NULL) {
				*slot = eq + 1;
			} else if (i + 1 < argc) {
				*slot = argv[++i];
			} else {
				fprintf(stderr, "sitrep: %s needs a file\n", a);
				return -1;
			}
			if (**slot == '\0') {
				fprintf(stderr, "sitrep: %.*s needs a file\n",
				    (int)name_len, a);
				return -1;
			}
		}
	}
	return i;
}

int
main(int argc, char **argv)
{
	struct cli_globals g = { 0 };
	struct ui_options uo = { 0 };
	int first, done, demo = 0;

	setlocale(LC_ALL, "");
	/* A server that closes mid-transfer must not kill us (N6). */
	signal(SIGPIPE, SIG_IGN);

	first = parse_globals(argc, argv, &g, &demo, &done);
	if (first < 0)
		return CLI_USAGE;
	if (done)
		return CLI_OK;
	if (first < argc) {
		if (demo) {
			fprintf(stderr, "sitrep: --demo opens the interface; "
			    "it takes no command\n");
			return CLI_USAGE;
		}
		return cli_run(&g, argc - first, argv + first);
	}
	/* No command: the interface. */
	uo.config_path = g.config_path;
	uo.cache_path = g.cache_path;
	uo.demo = demo;
	return ui_run(&uo);
}
