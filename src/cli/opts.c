/*
 * opts: a command's words after its name, read by the options of its table
 * row: --name, --name=value, --name value, -- and --help, with a suggestion
 * for a misspelt option.  Cut from the commands because every command reads
 * its words the same way and none should do it by hand.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "suggest.h"
#include "xalloc.h"

void
cli_print_help(FILE *out, const struct cli_command *c)
{
	fprintf(out, "usage: sitrep %s %s\n\n%s", c->name, c->usage, c->help);
}

static const struct cli_option *
find_option(const struct cli_command *c, const char *name, size_t len,
    int *index)
{
	for (int i = 0; c->options && c->options[i].name; i++) {
		if (strlen(c->options[i].name) == len &&
		    strncmp(c->options[i].name, name, len) == 0) {
			*index = i;
			return &c->options[i];
		}
	}
	return NULL;
}

static void
unknown_option(const struct cli_command *c, const char *arg, size_t len)
{
	const char *names[CLI_OPT_MAX + 1];
	char *word = xstrndup(arg, len);
	const char *best;
	size_t n = 0;

	for (; c->options && c->options[n].name && n < CLI_OPT_MAX; n++)
		names[n] = c->options[n].name;
	names[n] = "help";
	best = suggest_closest(word, names, n + 1);
	if (best != NULL)
		fprintf(stderr, "sitrep %s: unknown option --%s; did you mean "
		    "--%s?\n", c->name, word, best);
	else
		fprintf(stderr, "sitrep %s: unknown option --%s (sitrep %s "
		    "--help lists them)\n", c->name, word, c->name);
	free(word);
}

/*
 * A one-letter option ("o" in the table) is also written "-o": the word a
 * when it is one, else NULL.
 */
static const struct cli_option *
find_letter(const struct cli_command *c, const char *a, int *index)
{
	if (a[0] != '-' || a[1] == '\0' || a[1] == '-' || a[2] != '\0')
		return NULL;
	return find_option(c, a + 1, 1, index);
}

/* A word that is an argument, not an option, where it stands. */
static int
is_argument(const struct cli_command *c, const char *a)
{
	if (a[0] != '-' || strcmp(a, "-") == 0)
		return 1;
	return c->dash_args && a[1] != '-' && strcmp(a, "-h") != 0;
}

/* One --name[=value] at argv[*i] (past its "--"); *i moves past a value. */
static int
read_option(const struct cli_command *c, int argc, char **argv, int *i,
    struct cli_args *a)
{
	const char *word = argv[*i] + 2, *eq = strchr(word, '=');
	size_t len = eq ? (size_t)(eq - word) : strlen(word);
	const struct cli_option *o;
	int idx = 0;

	o = find_option(c, word, len, &idx);
	if (o == NULL) {
		unknown_option(c, word, len);
		return -1;
	}
	if (!o->takes_value) {
		if (eq != NULL) {
			fprintf(stderr, "sitrep %s: --%s takes no value\n",
			    c->name, o->name);
			return -1;
		}
		a->value[idx] = "";
	} else if (eq != NULL) {
		a->value[idx] = eq + 1;
	} else if (*i + 1 < argc) {
		a->value[idx] = argv[++*i];
	} else {
		fprintf(stderr, "sitrep %s: --%s needs a value\n", c->name,
		    o->name);
		return -1;
	}
	return 0;
}

int
cli_parse_options(const struct cli_command *c, int argc, char **argv,
    struct cli_args *a)
{
	int only_args = 0;

	memset(a, 0, sizeof *a);
	a->args = xcalloc((size_t)argc + 1, sizeof *a->args);
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];
		const struct cli_option *o;
		int idx = 0;

		if (!only_args && (o = find_letter(c, w, &idx)) != NULL) {
			if (o->takes_value && i + 1 >= argc) {
				fprintf(stderr, "sitrep %s: %s needs a value\n",
				    c->name, w);
				return -1;
			}
			a->value[idx] = o->takes_value ? argv[++i] : "";
			continue;
		}
		if (only_args || is_argument(c, w)) {
			a->args[a->nargs++] = argv[i];
			continue;
		}
		if (strcmp(w, "--") == 0) {
			only_args = 1;
			continue;
		}
		if (strcmp(w, "-h") == 0 || strcmp(w, "--help") == 0) {
			cli_print_help(stdout, c);
			return 1;
		}
		if (w[1] != '-') {
			fprintf(stderr, "sitrep %s: unknown option %s (sitrep "
			    "%s --help lists them)\n", c->name, w, c->name);
			return -1;
		}
		if (read_option(c, argc, argv, &i, a) < 0)
			return -1;
	}
	return 0;
}

const char *
cli_opt(const struct cli_command *c, const struct cli_args *a,
    const char *name)
{
	int idx;

	if (find_option(c, name, strlen(name), &idx) == NULL)
		return NULL;
	return a->value[idx];
}

int
cli_parse_number(const struct cli_command *c, const char *what,
    const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "sitrep %s: %s '%s' is not a whole number from "
		    "%lld to %lld\n", c->name, what, s, lo, hi);
		return -1;
	}
	*out = v;
	return 0;
}

int
cli_no_arguments(const struct cli_command *c, const struct cli_args *a)
{
	if (a->nargs == 0)
		return 0;
	fprintf(stderr, "sitrep %s: unexpected argument '", c->name);
	cli_put_clean(stderr, a->args[0]);
	fprintf(stderr, "'\n");
	return -1;
}
