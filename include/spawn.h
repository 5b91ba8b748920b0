/*
 * spawn: child processes without a shell (SECURITY.md C1, C3).
 *
 * Commands from the config (password_command, browser) are split into argv
 * here with simple quoting rules and run with fork/execvp: no sh -c, no
 * expansion of $, `, ;, |, or globs, ever.
 */
#ifndef SITREP_SPAWN_H
#define SITREP_SPAWN_H

#include <stddef.h>

#include "str.h"

/*
 * Splits a command line into words: white space separates; 'single' and
 * "double" quotes group; a backslash escapes the next character outside
 * single quotes.  Returns 0, or -1 with *cause for an unclosed quote or an
 * empty command.  Words are appended to argv (owned by argv).
 */
int spawn_split(const char *cmdline, struct strv *argv, char **cause);

/*
 * Runs argv[0] (looked up in PATH) with argv, stdin from /dev/null, and
 * captures at most max bytes of its standard output into out.  Waits at
 * most timeout_ms, then kills it.  Returns 0 when it exited with status 0,
 * else -1 with *cause (naming the program and what happened).
 */
int spawn_capture(char *const argv[], size_t max, int timeout_ms,
    struct str *out, char **cause);

/*
 * Runs argv and, when wait is non-zero, waits for it (a text browser that
 * takes over the terminal); otherwise it is left to run on its own with
 * stdin, stdout and stderr on /dev/null (a graphical browser).  Returns 0,
 * or -1 with *cause when it could not be started or exited non-zero.
 */
int spawn_run(char *const argv[], int wait, char **cause);

#endif
