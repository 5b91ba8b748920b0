/*
 * ini: iniparser 4.1, and the quirks of it that the rest of the config
 * module need not know.  Everything that calls iniparser directly, or
 * reads the file around it, is here, so that changing the INI library is
 * a change of this file.
 *
 *  - Values are read only through ini_value(), one wrapper around
 *    iniparser_getstring() with a non-NULL default (SECURITY.md I1).  Even
 *    so getstring returns NULL for a name that is a section, e.g. the key
 *    "cache" of [general] when the file also has a section [general:cache];
 *    getboolean/getint dereference that NULL (CVE-2023-33461), so they are
 *    never called and ini_value's callers treat NULL as "not a key".
 *  - A syntax error makes iniparser_load() return NULL after it has
 *    reported every bad line through the error callback, which by default
 *    prints to stderr; ini_load() collects those lines instead.
 *  - Section and key names are lowercased; an unquoted value ends at ';' or
 *    '#', so such values must be "double-quoted" (ini_warn_cut_values).
 *  - A missing file, a directory and a byte order mark are read wrongly or
 *    quietly (ini_file_check).
 */
#include "config_int.h"

#include <sys/stat.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/*
 * iniparser's error callback takes no context pointer, so the messages of
 * the iniparser_load() in progress go to this list.  ini_load() is
 * therefore not reentrant; the callback is process-wide in iniparser too.
 */
static struct strv *ini_sink;
static const char *ini_sink_path;

/* The formats iniparser 4.1 uses; anything else is passed on as text. */
#define INI_FMT_SYNTAX "iniparser: syntax error in %s (%d):\n-> %s\n"
#define INI_FMT_LONG "iniparser: input line too long in %s (%d)\n"
#define INI_FMT_OPEN "iniparser: cannot open %s\n"

static int ini_complain(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* A message in a format this file does not know, folded to one line. */
static void
complain_raw(struct str *s, const char *fmt, va_list ap)
{
	struct str raw = STR_INIT;
	char *line, *p;

	str_vappendf(&raw, fmt, ap);
	/* One line per message: fold iniparser's "\n-> ". */
	for (p = raw.p; p != NULL && *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	while (raw.len > 0 && raw.p[raw.len - 1] == ' ')
		str_truncate(&raw, raw.len - 1);
	line = value_show(str_cstr(&raw));
	str_appendf(s, "%s: %s", ini_sink_path, line);
	free(line);
	str_free(&raw);
}

static int
ini_complain(const char *fmt, ...)
{
	struct str s = STR_INIT;
	va_list ap;
	char *line;
	int lineno;

	if (ini_sink == NULL)
		return 0;
	va_start(ap, fmt);
	if (strcmp(fmt, INI_FMT_SYNTAX) == 0) {
		(void)va_arg(ap, const char *);
		lineno = va_arg(ap, int);
		line = value_show(va_arg(ap, const char *));
		str_appendf(&s, "%s:%d: syntax error: '%s' is neither [section] "
		    "nor key = value", ini_sink_path, lineno, line);
		free(line);
	} else if (strcmp(fmt, INI_FMT_LONG) == 0) {
		(void)va_arg(ap, const char *);
		lineno = va_arg(ap, int);
		str_appendf(&s, "%s:%d: line too long (iniparser reads at most "
		    "1023 bytes a line)", ini_sink_path, lineno);
	} else if (strcmp(fmt, INI_FMT_OPEN) == 0) {
		str_appendf(&s, "%s: cannot open", ini_sink_path);
	} else {
		complain_raw(&s, fmt, ap);
	}
	va_end(ap);
	strv_push(ini_sink, str_steal(&s));
	return 0;
}

dictionary *
ini_load(const char *path, struct strv *errors)
{
	dictionary *ini;

	ini_sink = errors;
	ini_sink_path = path;
	iniparser_set_error_callback(ini_complain);
	ini = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	ini_sink = NULL;
	ini_sink_path = NULL;
	return ini;
}

const char *
ini_value(const dictionary *ini, const char *key)
{
	static const char absent[] = "";
	const char *v = iniparser_getstring(ini, key, absent);

	return v == absent ? NULL : v;
}

/* 1 when name is a section of ini (an entry without a value). */
static int
ini_is_section(const dictionary *ini, const char *name)
{
	ssize_t i;

	for (i = 0; i < ini->size; i++)
		if (ini->key[i] != NULL && ini->val[i] == NULL &&
		    strcmp(ini->key[i], name) == 0)
			return 1;
	return 0;
}

/*
 * iniparser stores key k of [s] as "s:k", so a section [general:cache] is
 * also the key cache of [general] and replaces its value.
 */
void
ini_collision_note(struct load *ld, struct str *msg, const char *name)
{
	const char *colon = strrchr(name, ':');
	char *parent, *p, *k;

	if (colon == NULL)
		return;
	parent = xstrndup(name, (size_t)(colon - name));
	if (ini_is_section(ld->ini, parent)) {
		p = value_show(parent);
		k = value_show(colon + 1);
		str_appendf(msg, " (iniparser cannot tell it from the key '%s' "
		    "of [%s])", k, p);
		free(p);
		free(k);
	}
	free(parent);
}

/*
 * Warns when line (of lineno, in section) has an unquoted value with a ';'
 * or '#' that is not a comment: `user_agent = Mozilla/5.0 (X11; Linux)`
 * quietly becomes "Mozilla/5.0 (X11".
 */
static void
cut_value_check(struct load *ld, char *p, int lineno, const char *section)
{
	char *eq, *v, *c;

	if ((eq = strchr(p, '=')) == NULL)
		return;
	for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
		;
	if (*v == '"' || *v == '\'' || *v == ';' || *v == '#')
		return;
	/* "value ; comment" is a comment; "X11;" and "a#b" are cut. */
	for (c = strpbrk(v, ";#"); c != NULL && c > v &&
	    (c[-1] == ' ' || c[-1] == '\t'); c = strpbrk(c + 1, ";#"))
		;
	if (c != NULL && c > v) {
		char *key = xstrndup(p, (size_t)(eq - p));
		size_t kn = strlen(key);

		while (kn > 0 && (key[kn - 1] == ' ' || key[kn - 1] == '\t'))
			key[--kn] = '\0';
		load_warn(ld, "line %d: [%s] %s: the value is cut at the "
		    "first ';' or '#' (the rest reads as a comment); put "
		    "the whole value in double quotes", lineno, section, key);
		free(key);
	}
}

/*
 * iniparser ends an unquoted value at the first ';' or '#' without a word.
 * Find such lines in the raw file and say so, with the line.
 */
void
ini_warn_cut_values(struct load *ld)
{
	FILE *f = fopen(ld->path, "r");
	char line[1024], section[256] = "";
	int lineno = 0;

	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		char *p = line;

		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == ';' || *p == '#' || *p == '\0' || *p == '\n')
			continue;
		if (*p == '[') {
			size_t n = strcspn(p + 1, "]\n");

			snprintf(section, sizeof section, "%.*s", (int)n, p + 1);
			continue;
		}
		cut_value_check(ld, p, lineno, section);
	}
	fclose(f);
}

int
ini_file_check(const char *path, struct strv *errors)
{
	unsigned char head[3];
	struct stat st;
	FILE *f;
	size_t n;

	if (stat(path, &st) == -1) {
		strv_push(errors, xasprintf("%s: cannot read config: %s", path,
		    strerror(errno)));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		strv_push(errors, xasprintf("%s: is a directory, not a config "
		    "file", path));
		return -1;
	}
	if ((f = fopen(path, "r")) == NULL) {
		strv_push(errors, xasprintf("%s: cannot read config: %s", path,
		    strerror(errno)));
		return -1;
	}
	/* Only a regular file: reading a pipe would lose the bytes. */
	n = S_ISREG(st.st_mode) ? fread(head, 1, sizeof head, f) : 0;
	fclose(f);
	if (n == 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf) {
		strv_push(errors, xasprintf("%s: starts with a UTF-8 byte order "
		    "mark, which iniparser cannot read; save it without one",
		    path));
		return -1;
	}
	return 0;
}
