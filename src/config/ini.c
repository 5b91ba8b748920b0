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
 *    quietly, a NUL byte ends iniparser's line there (and it then says the
 *    line is too long), and a file with CR line ends (old Mac editors) is
 *    one long line to it: ini_file_check reads the file first, refuses the
 *    first three and turns lone CRs into line ends for iniparser, which
 *    then reads the converted text from a private temporary file.
 *  - A line is at most 1022 bytes before its end (fgets into 1024 bytes,
 *    and the newline must fit).
 */
#include "config_int.h"

#include <sys/stat.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

/*
 * iniparser's error callback takes no context pointer, so the messages of
 * the iniparser_load() in progress go to this list.  ini_load() is
 * therefore not reentrant; the callback is process-wide in iniparser too.
 */
static struct strv *ini_sink;
static const char *ini_sink_path;

/* The most NUL bytes reported, a line each. */
#define NUL_REPORTS 5

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
		    "%d bytes a line)", ini_sink_path, lineno, INI_LINE_MAX);
	} else if (strcmp(fmt, INI_FMT_OPEN) == 0) {
		str_appendf(&s, "%s: cannot open", ini_sink_path);
	} else {
		complain_raw(&s, fmt, ap);
	}
	va_end(ap);
	strv_push(ini_sink, str_steal(&s));
	return 0;
}

/*
 * The converted text in a temporary file of its own (mode 0600, removed at
 * once): iniparser 4.1 reads only from a path.  Returns owned: its path, or
 * NULL with a line in errors.
 */
static char *
text_to_temp(const struct load *ld, struct strv *errors)
{
	const char *dir = getenv("TMPDIR");
	char *tmp = xasprintf("%s/sitrep-config.XXXXXX",
	    dir != NULL && *dir == '/' ? dir : "/tmp");
	int fd = mkstemp(tmp);
	size_t done = 0;

	if (fd < 0)
		goto fail;
	while (done < ld->text.len) {
		ssize_t k = write(fd, ld->text.p + done, ld->text.len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			unlink(tmp);
			goto fail;
		}
		done += (size_t)k;
	}
	if (close(fd) == 0)
		return tmp;
	unlink(tmp);
fail:
	strv_push(errors, xasprintf("%s: cannot convert its line ends for "
	    "iniparser (%s); save it with LF line ends", ld->path,
	    strerror(errno)));
	free(tmp);
	return NULL;
}

dictionary *
ini_load(const struct load *ld, struct strv *errors)
{
	dictionary *ini;
	char *tmp = NULL;

	if (ld->converted && (tmp = text_to_temp(ld, errors)) == NULL)
		return NULL;
	ini_sink = errors;
	ini_sink_path = ld->path;
	iniparser_set_error_callback(ini_complain);
	ini = iniparser_load(tmp != NULL ? tmp : ld->path);
	iniparser_set_error_callback(NULL);
	ini_sink = NULL;
	ini_sink_path = NULL;
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
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
		char *ks = value_show(key), *ss = value_show(section);

		load_warn(ld, "line %d: [%s] %s: the value is cut at the "
		    "first ';' or '#' (the rest reads as a comment); put "
		    "the whole value in double quotes", lineno, ss, ks);
		free(ks);
		free(ss);
		free(key);
	}
}

/*
 * iniparser ends an unquoted value at the first ';' or '#' without a word.
 * Find such lines in the file's text and say so, with the line.  (Without
 * the text -- a config read from a pipe -- there is nothing to look at.)
 */
void
ini_warn_cut_values(struct load *ld)
{
	const char *p, *end;
	char line[INI_LINE_MAX + 2], section[256] = "";
	int lineno = 0;

	if (!ld->have_text || ld->text.len == 0)
		return;
	p = ld->text.p;
	end = p + ld->text.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl != NULL ? nl : end) - p);
		char *q = line;

		snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line - 1 ?
		    n : sizeof line - 1), p);
		p = nl != NULL ? nl + 1 : end;
		lineno++;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == ';' || *q == '#' || *q == '\0' || *q == '\r')
			continue;
		if (*q == '[') {
			size_t k = strcspn(q + 1, "]\r");

			snprintf(section, sizeof section, "%.*s", (int)k, q + 1);
			continue;
		}
		cut_value_check(ld, q, lineno, section);
	}
}

/*
 * A NUL byte at offset at of the text: iniparser would end the line there
 * and call it too long.  Says where, with the section and key.
 */
static void
nul_report(struct load *ld, struct strv *errors, size_t at)
{
	const char *t = ld->text.p;
	size_t start = at, i;
	int lineno = 1;
	char *section = NULL, *key = NULL;

	while (start > 0 && t[start - 1] != '\n')
		start--;
	for (i = 0; i < start; i++) {
		if (t[i] != '\n')
			continue;
		lineno++;
		/* the last [section] line before this one */
		if (i + 1 < start && t[i + 1] == '[') {
			size_t k = strcspn(t + i + 2, "]\n");

			free(section);
			section = xstrndup(t + i + 2, k);
		}
	}
	if (t[0] == '[' && section == NULL && start > 0)
		section = xstrndup(t + 1, strcspn(t + 1, "]\n"));
	for (i = start; i < at && t[i] != '='; i++)
		;
	if (i < at && t[start] != '[') {
		size_t a = start, b = i;

		while (a < b && (t[a] == ' ' || t[a] == '\t'))
			a++;
		while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
			b--;
		key = xstrndup(t + a, b - a);
	}
	{
		char *s = section != NULL ? value_show(section) : NULL;
		char *k = key != NULL ? value_show(key) : NULL;

		strv_push(errors, xasprintf("%s:%d: %s%s%s%s%sa NUL byte (\\0), "
		    "which iniparser cannot read; remove it", ld->path, lineno,
		    s != NULL ? "[" : "", s != NULL ? s : "",
		    s != NULL ? "] " : "", k != NULL ? k : "",
		    k != NULL ? ": the value holds " : "the line holds "));
		free(s);
		free(k);
	}
	free(section);
	free(key);
}

/* Reads a regular file's text, at most CONFIG_MAX_BYTES; 0 or -1. */
static int
text_read(struct load *ld, FILE *f, struct strv *errors)
{
	char buf[8192];
	size_t n;

	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (ld->text.len + n > CONFIG_MAX_BYTES) {
			strv_push(errors, xasprintf("%s: larger than %d MiB: "
			    "not a config file", ld->path,
			    (int)(CONFIG_MAX_BYTES / MIB)));
			return -1;
		}
		str_append(&ld->text, buf, n);
	}
	if (ferror(f)) {
		strv_push(errors, xasprintf("%s: cannot read config: %s",
		    ld->path, strerror(errno)));
		return -1;
	}
	ld->have_text = 1;
	return 0;
}

/* Lone CRs (old Mac line ends) become LF; CR LF iniparser reads itself. */
static void
text_line_ends(struct load *ld)
{
	char *t = ld->text.p;

	for (size_t i = 0; i < ld->text.len; i++) {
		if (t[i] == '\r' && (i + 1 == ld->text.len || t[i + 1] != '\n')) {
			t[i] = '\n';
			ld->converted = 1;
		}
	}
}

int
ini_file_check(struct load *ld, struct strv *errors)
{
	const unsigned char *head;
	struct stat st;
	size_t nuls = 0;
	FILE *f;

	if (stat(ld->path, &st) == -1) {
		strv_push(errors, xasprintf("%s: cannot read config: %s",
		    ld->path, strerror(errno)));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		strv_push(errors, xasprintf("%s: is a directory, not a config "
		    "file", ld->path));
		return -1;
	}
	if ((f = fopen(ld->path, "r")) == NULL) {
		strv_push(errors, xasprintf("%s: cannot read config: %s",
		    ld->path, strerror(errno)));
		return -1;
	}
	/* Only a regular file: reading a pipe would lose the bytes. */
	if (S_ISREG(st.st_mode) && text_read(ld, f, errors) != 0) {
		fclose(f);
		return -1;
	}
	fclose(f);
	if (!ld->have_text)
		return 0;
	head = (const unsigned char *)ld->text.p;
	if (ld->text.len >= 3 && head[0] == 0xef && head[1] == 0xbb &&
	    head[2] == 0xbf) {
		strv_push(errors, xasprintf("%s: starts with a UTF-8 byte order "
		    "mark, which iniparser cannot read; save it without one",
		    ld->path));
		return -1;
	}
	text_line_ends(ld);
	for (size_t i = 0; i < ld->text.len; i++) {
		if (ld->text.p[i] != '\0')
			continue;
		if (nuls++ < NUL_REPORTS)
			nul_report(ld, errors, i);
		/* one report a line */
		while (i + 1 < ld->text.len && ld->text.p[i + 1] != '\n')
			i++;
	}
	return nuls > 0 ? -1 : 0;
}
