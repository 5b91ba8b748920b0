/*
 * output: how the commands print what came from feeds: sanitised text,
 * TSV fields, JSON values, local dates, the terminal's width.  Cut from the
 * commands so that every one prints the same way.
 *
 * Everything printed that came from a feed goes through the sanitiser again
 * on the way out (SECURITY.md T3), although the store only holds sanitised
 * text: a cache written by another program is not trusted either.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli_int.h"
#include "date.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

/* s through filter (which returns owned) onto out; nothing for NULL. */
static void
put_filtered(FILE *out, const char *s, char *(*filter)(const char *, size_t))
{
	char *clean;

	if (s == NULL)
		return;
	clean = filter(s, strlen(s));
	fputs(clean, out);
	free(clean);
}

void
cli_put_clean(FILE *out, const char *s)
{
	put_filtered(out, s, text_sanitize);
}

void
cli_put_clean_line(FILE *out, const char *s)
{
	cli_put_clean(out, s);
	fputc('\n', out);
}

void
cli_put_tsv_field(FILE *out, const char *s)
{
	put_filtered(out, s, text_oneline);
}

json_object *
cli_json_plain(const char *html)
{
	char *text;
	json_object *j;

	if (html == NULL || *html == '\0')
		return NULL;
	text = text_from_html(html, strlen(html), 1);
	j = cli_json_string(text);
	free(text);
	return j;
}

json_object *
cli_json_string(const char *s)
{
	char *clean;
	json_object *j;

	if (s == NULL)
		return NULL;
	clean = text_sanitize(s, strlen(s));
	j = json_object_new_string(clean);
	free(clean);
	return j;
}

json_object *
cli_json_date(int64_t t)
{
	char buf[DATE_RFC3339_SIZE];

	if (t == DATE_UNKNOWN)
		return NULL;
	return json_object_new_string(date_format_rfc3339(t, buf));
}

json_object *
cli_json_strv(const struct strv *sv)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < sv->n; i++)
		json_object_array_add(a, cli_json_string(sv->v[i]));
	return a;
}

void
cli_json_print_free(json_object *j)
{
	fputs(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE), stdout);
	fputc('\n', stdout);
	json_object_put(j);
}

const char *
cli_local_date(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == DATE_UNKNOWN || localtime_r(&tt, &tm) == NULL) {
		snprintf(buf, n, "unknown");
		return buf;
	}
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

size_t
cli_terminal_width(FILE *f, size_t fallback)
{
	struct winsize ws;

	if (isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return fallback;
}

int
cli_write_file(const struct cli_command *c, const char *path,
    const char *data, size_t n)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	int rc = -1, err = 0;

	if (f != NULL) {
		if (fwrite(data, 1, n, f) == n && fflush(f) == 0 &&
		    fsync(fileno(f)) == 0)
			rc = 0;
		err = errno;
		if (fclose(f) != 0 && rc == 0) {
			rc = -1;
			err = errno;
		}
		if (rc == 0 && rename(tmp, path) != 0) {
			rc = -1;
			err = errno;
		}
		if (rc != 0)
			unlink(tmp);
	} else {
		err = errno;
	}
	if (rc != 0) {
		fprintf(stderr, "sitrep %s: cannot write ", c->name);
		cli_put_clean(stderr, path);
		fprintf(stderr, ": %s%s\n", strerror(err), f != NULL ?
		    " (the file was left as it was)" : "");
	}
	free(tmp);
	return rc;
}
