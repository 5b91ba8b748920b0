/*
 * opml/write: feeds out as OPML 2.0.  Each feed's first tag is its folder
 * ("news/asia" nests as news > asia) and all its tags go in `category`,
 * so that any reader finds the folders and sitrep's import (parse.c)
 * gives back the same tags in the same order.  Feeds without tags stand
 * at the top.  Folders and feeds keep the order they first appear in.
 *
 * Apart from the parser: this side is plain text, no libxml2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "opml.h"
#include "text.h"
#include "xalloc.h"

/* A folder: feeds (index >= 0 into v) and subfolders, in order. */
struct entry {
	size_t feed;            /* (size_t)-1 for a folder */
	struct folder *folder;
};

struct folder {
	char *name;
	struct entry *v;
	size_t n, cap;
};

static void
folder_free(struct folder *f)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].folder != NULL) {
			folder_free(f->v[i].folder);
			free(f->v[i].folder);
		}
	}
	free(f->v);
	free(f->name);
}

static struct entry *
entry_add(struct folder *f)
{
	f->v = xgrow(f->v, f->n, &f->cap, sizeof *f->v);
	memset(&f->v[f->n], 0, sizeof f->v[0]);
	f->v[f->n].feed = (size_t)-1;
	return &f->v[f->n++];
}

/* The subfolder of f named name[0..n), made when missing. */
static struct folder *
subfolder(struct folder *f, const char *name, size_t n)
{
	struct entry *e;

	for (size_t i = 0; i < f->n; i++) {
		struct folder *s = f->v[i].folder;

		if (s != NULL && strlen(s->name) == n &&
		    memcmp(s->name, name, n) == 0)
			return s;
	}
	e = entry_add(f);
	e->folder = xcalloc(1, sizeof *e->folder);
	e->folder->name = xstrndup(name, n);
	return e->folder;
}

/* Text for an attribute or element: sanitised, one line, escaped. */
static void
xml_text(struct str *out, const char *value)
{
	char *clean = text_oneline(value, strlen(value));

	text_html_escape_into(out, clean, strlen(clean));
	free(clean);
}

static void
attr(struct str *out, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	str_appendf(out, " %s=\"", name);
	xml_text(out, value);
	str_appendc(out, '"');
}

static void
indent(struct str *out, int depth)
{
	for (int i = 0; i < depth; i++)
		str_appendz(out, "  ");
}

static void
write_feed(struct str *out, const struct opml_out *f, int depth)
{
	/* a feed without a name is named by its address (parse.c reads
	 * that back as no name) */
	const char *name = f->title != NULL && *f->title != '\0' ? f->title :
	    f->url;
	char *cats = f->tags != NULL ? strv_join(f->tags, ",") : NULL;

	indent(out, depth);
	str_appendz(out, "<outline type=\"rss\"");
	attr(out, "text", name);
	attr(out, "title", name);
	attr(out, "xmlUrl", f->url);
	attr(out, "htmlUrl", f->site_url);
	attr(out, "category", cats);
	str_appendz(out, "/>\n");
	free(cats);
}

static void
write_folder(struct str *out, const struct folder *f,
    const struct opml_out *v, int depth)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct folder *s = f->v[i].folder;

		if (s == NULL) {
			write_feed(out, &v[f->v[i].feed], depth);
			continue;
		}
		indent(out, depth);
		str_appendz(out, "<outline");
		attr(out, "text", s->name);
		attr(out, "title", s->name);
		str_appendz(out, ">\n");
		write_folder(out, s, v, depth + 1);
		indent(out, depth);
		str_appendz(out, "</outline>\n");
	}
}

void
opml_write(struct str *out, const char *title, const struct opml_out *v,
    size_t n, int64_t now)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct folder root = { 0 };
	time_t t = (time_t)now;
	struct tm tm;
	char date[64] = "";

	for (size_t i = 0; i < n; i++) {
		struct folder *f = &root;
		const char *path = v[i].tags != NULL && v[i].tags->n > 0 ?
		    v[i].tags->v[0] : NULL;

		while (path != NULL && *path != '\0') {
			const char *slash = strchr(path, '/');
			size_t len = slash != NULL ? (size_t)(slash - path) :
			    strlen(path);

			if (len > 0)
				f = subfolder(f, path, len);
			path = slash != NULL ? slash + 1 : NULL;
		}
		entry_add(f)->feed = i;
	}
	/* RFC 822 in English whatever LC_TIME says */
	if (gmtime_r(&t, &tm) != NULL)
		snprintf(date, sizeof date, "%s, %02d %s %04d %02d:%02d:%02d GMT",
		    days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
		    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	str_appendz(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n  <head>\n    <title>");
	xml_text(out, title != NULL ? title : "sitrep subscriptions");
	str_appendz(out, "</title>\n");
	if (*date != '\0')
		str_appendf(out, "    <dateCreated>%s</dateCreated>\n", date);
	str_appendz(out, "    <docs>http://opml.org/spec2.opml</docs>\n"
	    "  </head>\n  <body>\n");
	write_folder(out, &root, v, 2);
	str_appendz(out, "  </body>\n</opml>\n");
	folder_free(&root);
}
