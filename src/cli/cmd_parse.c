/*
 * cmd_parse: `sitrep parse FILE|-`, one feed document through the parser
 * without the cache, printed as text or JSON.  A command of its own because
 * it is the only one that touches neither the config nor the cache.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "feed.h"
#include "str.h"
#include "xalloc.h"

/* The whole of path ("-" for stdin); returns owned, or NULL with *cause. */
static char *
read_all(const char *path, size_t *len, char **cause)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct str buf = STR_INIT;
	char chunk[65536];
	size_t n;

	if (f == NULL) {
		*cause = xasprintf("cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		str_append(&buf, chunk, n);
	if (ferror(f)) {
		*cause = xasprintf("cannot read %s: %s", path, strerror(errno));
		if (f != stdin)
			fclose(f);
		str_free(&buf);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = buf.len;
	return str_steal(&buf);
}

static json_object *
json_enclosures(const struct feed_item *it)
{
	json_object *encs = json_object_new_array();

	for (size_t i = 0; i < it->nenclosures; i++) {
		json_object *e = json_object_new_object();

		json_object_object_add(e, "url",
		    cli_json_string(it->enclosures[i].url));
		json_object_object_add(e, "type",
		    cli_json_string(it->enclosures[i].type));
		json_object_object_add(e, "length",
		    json_object_new_int64(it->enclosures[i].length));
		json_object_array_add(encs, e);
	}
	return encs;
}

static json_object *
json_item(const struct feed_item *it)
{
	json_object *j = json_object_new_object();

	json_object_object_add(j, "id", cli_json_string(it->guid));
	json_object_object_add(j, "url", cli_json_string(it->url));
	json_object_object_add(j, "title", cli_json_string(it->title));
	json_object_object_add(j, "title_derived",
	    json_object_new_boolean(it->title_derived));
	json_object_object_add(j, "author", cli_json_string(it->author));
	json_object_object_add(j, "published", cli_json_date(it->published));
	json_object_object_add(j, "updated", cli_json_date(it->updated));
	json_object_object_add(j, "summary", cli_json_string(it->summary));
	json_object_object_add(j, "content", cli_json_string(it->content));
	json_object_object_add(j, "categories", cli_json_strv(&it->categories));
	json_object_object_add(j, "category_labels",
	    cli_json_strv(&it->category_labels));
	json_object_object_add(j, "enclosures", json_enclosures(it));
	json_object_object_add(j, "thumbnail", cli_json_string(it->thumbnail));
	return j;
}

static void
print_doc_json(const struct feed_doc *doc)
{
	json_object *j = json_object_new_object();
	json_object *items = json_object_new_array();

	json_object_object_add(j, "format",
	    json_object_new_string(feed_format_name(doc->format)));
	json_object_object_add(j, "title", cli_json_string(doc->title));
	json_object_object_add(j, "link", cli_json_string(doc->link));
	json_object_object_add(j, "self_link",
	    cli_json_string(doc->self_link));
	json_object_object_add(j, "language", cli_json_string(doc->language));
	json_object_object_add(j, "ttl_minutes",
	    json_object_new_int(doc->ttl_minutes));
	json_object_object_add(j, "error", cli_json_string(doc->error));
	for (size_t i = 0; i < doc->nitems; i++)
		json_object_array_add(items, json_item(&doc->items[i]));
	json_object_object_add(j, "items", items);
	cli_json_print_free(j);
}

static void
print_item_text(size_t n, const struct feed_item *it)
{
	char date[32];

	printf("\n%zu. ", n);
	cli_put_clean(stdout, it->title ? it->title : "(untitled)");
	printf("\n   %s", cli_local_date(it->published, date, sizeof date));
	if (it->author != NULL) {
		printf(" · ");
		cli_put_clean(stdout, it->author);
	}
	printf("\n   ");
	cli_put_clean(stdout, it->url ? it->url : "(no link)");
	if (it->categories.n > 0) {
		char *cats = strv_join(&it->categories, ", ");

		printf("\n   [");
		cli_put_clean(stdout, cats);
		printf("]");
		free(cats);
	}
	printf("\n");
}

static void
print_doc_text(const struct feed_doc *doc)
{
	printf("format: %s\n", feed_format_name(doc->format));
	printf("title:  ");
	cli_put_clean(stdout, doc->title ? doc->title : "(none)");
	printf("\nlink:   ");
	cli_put_clean(stdout, doc->link ? doc->link : "(none)");
	printf("\nitems:  %zu\n", doc->nitems);
	for (size_t i = 0; i < doc->nitems; i++)
		print_item_text(i + 1, &doc->items[i]);
}

static int
run_parse(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct feed_parse_opts po = { 0 };
	struct feed_doc *doc;
	char *buf, *cause = NULL;
	size_t len = 0;

	(void)g;
	if (a->nargs != 1) {
		cli_print_help(stderr, c);
		return CLI_USAGE;
	}
	buf = read_all(a->args[0], &len, &cause);
	if (buf == NULL) {
		fprintf(stderr, "sitrep parse: %s\n", cause);
		free(cause);
		return CLI_FAILED;
	}
	po.base_url = cli_opt(c, a, "base-url");
	doc = feed_parse(buf, len, &po, &cause);
	free(buf);
	if (doc == NULL) {
		fprintf(stderr, "sitrep parse: %s: %s\n", a->args[0], cause);
		free(cause);
		return CLI_FAILED;
	}
	if (cli_opt(c, a, "json"))
		print_doc_json(doc);
	else
		print_doc_text(doc);
	if (doc->error != NULL) {
		/* a document that broke off keeps what came before the break */
		fprintf(stderr, "sitrep parse: %s: ", a->args[0]);
		cli_put_clean(stderr, doc->error);
		fprintf(stderr, " (kept %zu items)\n", doc->nitems);
	}
	feed_doc_free(doc);
	return CLI_OK;
}

static const struct cli_option parse_options[] = {
	{ "base-url", 1 }, { "json", 0 }, { NULL, 0 } };

const struct cli_command cmd_parse_entry = {
	"parse", "FILE|- [--base-url URL] [--json]", parse_options, run_parse,
	"Parses one feed document (RSS, RDF, Atom or JSON Feed) without\n"
	"touching the cache and prints what sitrep sees in it.\n\n"
	"  --base-url URL  resolve relative links against URL\n"
	"  --json          the parsed document as JSON\n",
	0
};
