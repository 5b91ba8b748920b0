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

static int
run_show(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct store_item it = { 0 };
	struct cli_context ctx;
	long long id, width = (long long)cli_terminal_width(stdout, 80);
	char *cause = NULL;
	int rc = CLI_USAGE, found;

	if (a->nargs != 1) {
		cli_print_help(stderr, c);
		return CLI_USAGE;
	}
	if (cli_parse_number(c, "article id", a->args[0], 1, INT64_MAX,
	    &id) < 0)
		return CLI_USAGE;
	if (cli_opt(c, a, "width") != NULL &&
	    cli_parse_number(c, "--width", cli_opt(c, a, "width"), 20, 1000,
	    &width) < 0)
		return CLI_USAGE;
	if (cli_context_open(g, CLI_READONLY, &ctx) < 0)
		return CLI_USAGE;
	found = store_item_get(ctx.st, id, &it, &cause);
	if (found < 0) {
		fprintf(stderr, "sitrep show: %s\n", cause);
		free(cause);
	} else if (found == 0) {
		fprintf(stderr, "sitrep show: no article %lld in the cache "
		    "(sitrep list shows the ids)\n", id);
		rc = CLI_FAILED;
	} else {
		print_article(&it, (size_t)width);
		rc = CLI_OK;
	}
	store_item_clear(&it);
	cli_context_close(&ctx);
	return rc;
}

static const struct cli_option show_options[] = {
	{ "width", 1 }, { NULL, 0 } };

const struct cli_command cmd_show_entry = {
	"show", "ID [--width N]", show_options, run_show,
	"Prints one article as wrapped text with numbered links.\n\n"
	"  --width N  wrap at N columns (default: the terminal, else 80)\n",
	0
};
