/*
 * cmd_show: `sitrep show ID`, one article as the reader pane shows it: the
 * header fields, the body rendered and wrapped (src/render.c), attachments
 * and numbered links.  A file of its own because it is the only command
 * that renders HTML.
 */
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "cli_int.h"
#include "date.h"
#include "render.h"
#include "store.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

/* "Label:   value", the value wrapped under itself. */
static void
print_header_field(const char *label, const char *value, size_t width)
{
	struct strv lines = STRV_INIT;
	size_t indent = 10;

	if (value == NULL || *value == '\0')
		return;
	text_wrap(&lines, value, strlen(value),
	    width > indent + 10 ? width - indent : 10);
	for (size_t i = 0; i < lines.n; i++) {
		printf("%-*s", (int)indent, i == 0 ? label : "");
		cli_put_clean_line(stdout, lines.v[i]);
	}
	strv_free(&lines);
}

/*
 * The article's date in local time with its zone ("2026-12-07 12:30 UTC");
 * an undated one says so, with when sitrep first saw it.
 */
static const char *
show_date(const struct store_item *it, char *buf, size_t n)
{
	char when[64];
	time_t t = (time_t)(it->published != DATE_UNKNOWN ? it->published :
	    it->first_seen);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y-%m-%d %H:%M %Z", &tm) == 0)
		snprintf(when, sizeof when, "unknown");
	if (it->published != DATE_UNKNOWN)
		snprintf(buf, n, "%s", when);
	else
		snprintf(buf, n, "undated, first seen %s", when);
	return buf;
}

static void
print_header(const struct store_item *it, size_t width)
{
	char date[96];
	char *cats = strv_join(&it->categories, ", ");
	char *tags = strv_join(&it->tags, ", ");
	struct str flags = STR_INIT;

	print_header_field("Title:", it->title ? it->title : "(untitled)",
	    width);
	print_header_field("Feed:", it->feed_title ? it->feed_title :
	    it->feed_key, width);
	print_header_field("Author:", it->author, width);
	print_header_field("Date:", show_date(it, date, sizeof date), width);
	print_header_field("Sections:", cats, width);
	print_header_field("Tags:", tags, width);
	str_appendz(&flags, it->read ? "read" : "unread");
	if (it->starred)
		str_appendz(&flags, ", starred");
	if (it->dismissed)
		str_appendz(&flags, ", dismissed");
	print_header_field("State:", str_cstr(&flags), width);
	print_header_field("Link:", it->url, width);
	str_free(&flags);
	free(cats);
	free(tags);
}

static void
print_attachments(const struct store_item *it)
{
	for (size_t i = 0; i < it->nenclosures; i++) {
		if (i == 0)
			fputc('\n', stdout);
		printf("Attachment: ");
		cli_put_clean(stdout, it->enclosures[i].url);
		if (it->enclosures[i].type != NULL) {
			printf(" (");
			cli_put_clean(stdout, it->enclosures[i].type);
			printf(")");
		}
		fputc('\n', stdout);
	}
}

static void
print_article(const struct store_item *it, size_t width)
{
	const char *html = it->content && *it->content ? it->content :
	    it->summary;
	struct render_doc *doc;

	print_header(it, width);
	fputc('\n', stdout);
	doc = render_html(html ? html : "", html ? strlen(html) : 0, width,
	    it->url);
	for (size_t i = 0; i < doc->nlines; i++)
		cli_put_clean_line(stdout, doc->lines[i].text);
	print_attachments(it);
	if (doc->links.n > 0) {
		printf("\nLinks:\n");
		for (size_t i = 0; i < doc->links.n; i++) {
			printf("[%zu] ", i + 1);
			cli_put_clean_line(stdout, doc->links.v[i]);
		}
	}
	render_doc_free(doc);
}

static json_object *
json_article(const struct store_item *it, const struct store_item_text *t)
{
	json_object *j = json_object_new_object(), *enc;

	json_object_object_add(j, "id", json_object_new_int64(it->id));
	json_object_object_add(j, "guid", cli_json_string(it->guid));
	json_object_object_add(j, "feed", cli_json_string(it->feed_key));
	json_object_object_add(j, "feed_title",
	    cli_json_string(it->feed_title));
	json_object_object_add(j, "title", cli_json_string(it->title));
	json_object_object_add(j, "url", cli_json_string(it->url));
	json_object_object_add(j, "author", cli_json_string(it->author));
	json_object_object_add(j, "published", cli_json_date(it->published));
	json_object_object_add(j, "updated", cli_json_date(it->updated));
	json_object_object_add(j, "first_seen", cli_json_date(it->first_seen));
	json_object_object_add(j, "read", json_object_new_boolean(it->read));
	json_object_object_add(j, "starred",
	    json_object_new_boolean(it->starred));
	json_object_object_add(j, "dismissed",
	    json_object_new_boolean(it->dismissed));
	json_object_object_add(j, "tags", cli_json_strv(&it->tags));
	json_object_object_add(j, "categories", cli_json_strv(&it->categories));
	json_object_object_add(j, "topics", cli_json_strv(&t->topics));
	json_object_object_add(j, "countries", cli_json_strv(&t->countries));
	json_object_object_add(j, "regions", cli_json_strv(&t->regions));
	json_object_object_add(j, "thumbnail", cli_json_string(it->thumbnail));
	enc = json_object_new_array();
	for (size_t i = 0; i < it->nenclosures; i++) {
		json_object *e = json_object_new_object();

		json_object_object_add(e, "url",
		    cli_json_string(it->enclosures[i].url));
		json_object_object_add(e, "type",
		    cli_json_string(it->enclosures[i].type));
		json_object_object_add(e, "length",
		    json_object_new_int64(it->enclosures[i].length));
		json_object_array_add(enc, e);
	}
	json_object_object_add(j, "enclosures", enc);
	json_object_object_add(j, "summary", cli_json_plain(it->summary));
	json_object_object_add(j, "text", cli_json_plain(it->content &&
	    *it->content ? it->content : it->summary));
	json_object_object_add(j, "fulltext", cli_json_plain(it->fulltext));
	json_object_object_add(j, "summary_html", cli_json_string(it->summary));
	json_object_object_add(j, "content_html", cli_json_string(it->content));
	json_object_object_add(j, "fulltext_html",
	    cli_json_string(it->fulltext));
	return j;
}

/*
 * The ids: the arguments, where "-" stands for the ids on stdin (the first
 * word of each line, so `sitrep list --tsv | sitrep show -` works: its
 * header line is skipped).  Returns 0, or -1 after printing the first bad
 * one.
 */
static int
read_ids(const struct cli_command *c, const struct cli_args *a,
    int64_t **ids, size_t *n)
{
	size_t cap = 0;
	char line[4096];
	long long id;

	*ids = NULL;
	*n = 0;
	for (int i = 0; i < a->nargs; i++) {
		if (strcmp(a->args[i], "-") != 0) {
			if (cli_parse_number(c, "article id", a->args[i], 1,
			    INT64_MAX, &id) < 0)
				return -1;
			*ids = xgrow(*ids, *n, &cap, sizeof **ids);
			(*ids)[(*n)++] = id;
			continue;
		}
		for (size_t lineno = 1; fgets(line, sizeof line, stdin) != NULL;
		    lineno++) {
			char *w = line + strspn(line, " \t");

			w[strcspn(w, " \t\r\n")] = '\0';
			if (*w == '\0' || (lineno == 1 && strcmp(w, "id") == 0))
				continue;
			if (cli_parse_number(c, "article id on stdin", w, 1,
			    INT64_MAX, &id) < 0)
				return -1;
			*ids = xgrow(*ids, *n, &cap, sizeof **ids);
			(*ids)[(*n)++] = id;
		}
	}
	return 0;
}

/* One article, as text or as an element of the JSON array. */
static int
show_one(struct store *st, int64_t id, int json, int first, size_t width,
    json_object *arr)
{
	struct store_item it = { 0 };
	struct store_item_text t = { 0 };
	char *cause = NULL;
	int found = store_item_get(st, id, &it, &cause);

	if (found > 0 && json)
		found = store_item_text_get(st, id, &t, &cause);
	if (found < 0) {
		fprintf(stderr, "sitrep show: %s\n", cause);
		free(cause);
	} else if (found == 0) {
		fprintf(stderr, "sitrep show: no article %lld in the cache "
		    "(sitrep list shows the ids)\n", (long long)id);
	} else if (json) {
		json_object_array_add(arr, json_article(&it, &t));
	} else {
		if (!first) {
			/* a rule between articles, as wide as the text */
			for (size_t i = 0; i < width; i++)
				fputs("\xe2\x94\x80", stdout);
			fputs("\n\n", stdout);
		}
		print_article(&it, width);
	}
	store_item_text_clear(&t);
	store_item_clear(&it);
	return found;
}

static int
run_show(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct cli_context ctx;
	long long width = (long long)cli_terminal_width(stdout, 80);
	int json = cli_opt(c, a, "json") != NULL, rc = CLI_OK, shown = 0;
	json_object *arr = NULL;
	int64_t *ids = NULL;
	size_t n;

	if (a->nargs == 0) {
		cli_print_help(stderr, c);
		return CLI_USAGE;
	}
	if (cli_opt(c, a, "width") != NULL &&
	    cli_parse_number(c, "--width", cli_opt(c, a, "width"), 20, 1000,
	    &width) < 0)
		return CLI_USAGE;
	if (read_ids(c, a, &ids, &n) < 0) {
		free(ids);
		return CLI_USAGE;
	}
	if (cli_context_open(g, CLI_READONLY, &ctx) < 0) {
		free(ids);
		return CLI_USAGE;
	}
	if (json)
		arr = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		int found = show_one(ctx.st, ids[i], json, shown == 0,
		    (size_t)width, arr);

		if (found < 0) {
			rc = CLI_USAGE;
			break;
		}
		if (found == 0)
			rc = CLI_FAILED;
		shown += found;
	}
	if (json)
		cli_json_print_free(arr);
	free(ids);
	cli_context_close(&ctx);
	return rc;
}

static const struct cli_option show_options[] = {
	{ "width", 1 }, { "json", 0 }, { NULL, 0 } };

const struct cli_command cmd_show_entry = {
	"show", "ID...|- [--width N] [--json]", show_options, run_show,
	"Prints articles as wrapped text with numbered links, a rule between\n"
	"them; - reads ids from stdin, the first word of each line (so\n"
	"`sitrep list --tsv QUERY | sitrep show -` shows what a query matches).\n\n"
	"  --width N  wrap at N columns (default: the terminal, else 80)\n"
	"  --json     a JSON array: every field, the texts as plain text and\n"
	"             as HTML, topics, countries, regions, enclosures\n\n"
	"Exit status: 0 done, 1 an article is not in the cache (the others are\n"
	"shown), 2 a bad id, configuration or cache error.\n",
	0
};
