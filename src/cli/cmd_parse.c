/*
 * cmd_parse: `sitrep parse FILE|-`, one feed document through the parser
 * without the cache, printed as text or JSON.  A command of its own because
 * it is the only one that touches no cache; of the config it reads only
 * max_feed_size, so that what parses here is what a refresh would store.
 *
 * The document is streamed through the push parser as it is read, never
 * held whole, under the refresh's byte cap; only a regular file or a pipe
 * is read (a directory, a device such as /dev/zero, a socket or a terminal
 * is refused before a byte is read).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_int.h"
#include "config.h"
#include "feed.h"
#include "str.h"
#include "xalloc.h"

#define READ_CHUNK 65536

/* What a file of this kind is, for the refusal; NULL when it is readable. */
static const char *
unreadable_kind(mode_t m, int is_stdin)
{
	if (S_ISREG(m) || S_ISFIFO(m))
		return NULL;
	/* a socket on standard input is a stream like a pipe */
	if (S_ISSOCK(m))
		return is_stdin ? NULL : "a socket";
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return is_stdin && isatty(STDIN_FILENO) ? "a terminal" :
		    "a device";
	if (S_ISBLK(m))
		return "a block device";
	return "not a regular file";
}

/*
 * Opens what parse reads: 0 with *fd, else -1 with *cause (owned) and
 * *refused set when the file is of a kind parse does not read.
 */
static int
open_input(const char *path, int *fd, int *refused, char **cause)
{
	int is_stdin = strcmp(path, "-") == 0;
	const char *kind;
	struct stat sb;

	*refused = 0;
	/* A device or socket is refused before it is opened. */
	if (!is_stdin && stat(path, &sb) == 0 &&
	    (kind = unreadable_kind(sb.st_mode, 0)) != NULL)
		goto refuse;
	*fd = is_stdin ? STDIN_FILENO :
	    open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (*fd < 0 || fstat(*fd, &sb) != 0) {
		*cause = xasprintf("cannot read %s: %s", path, strerror(errno));
		if (*fd >= 0 && !is_stdin)
			close(*fd);
		return -1;
	}
	if ((kind = unreadable_kind(sb.st_mode, is_stdin)) == NULL)
		return 0;
	if (!is_stdin)
		close(*fd);
refuse:
	*refused = 1;
	*cause = xasprintf("%s is %s; sitrep parse reads a feed from a regular "
	    "file or a pipe", is_stdin ? "standard input" : path, kind);
	return -1;
}

/*
 * Streams fd through a parser with the refresh's cap.  Returns the
 * document (owned), or NULL with *cause: unreadable, over the cap (then
 * nothing is returned at all: a refresh stores nothing of such a body),
 * or not a feed.
 */
static struct feed_doc *
parse_stream(int fd, const char *path, const struct feed_parse_opts *po,
    uint64_t cap, char **cause)
{
	struct feed_parser *p = feed_parser_new(po);
	struct feed_doc *doc = NULL;
	char *buf = xmalloc(READ_CHUNK);
	uint64_t total = 0;
	ssize_t n;

	for (;;) {
		n = read(fd, buf, READ_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf("cannot read %s: %s", path,
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		total += (uint64_t)n;
		if (cap > 0 && total > cap) {
			*cause = xasprintf("the document is larger than the "
			    "%llu KiB cap (max_feed_size); nothing of it was "
			    "parsed (raise max_feed_size if the feed is really "
			    "this large)", (unsigned long long)(cap / 1024));
			goto out;
		}
		/* a parser that gave up wants no more; what it has stands */
		if (feed_parser_push(p, buf, (size_t)n) < 0)
			break;
	}
	doc = feed_parser_finish(p, cause);
out:
	free(buf);
	feed_parser_free(p);
	return doc;
}

/* max_feed_size from the config; a broken config falls back to the default. */
static uint64_t
feed_cap(const struct cli_globals *g)
{
	char *cause = NULL;
	struct config *cfg = config_load_default(g->config_path, &cause);
	uint64_t cap;

	if (cfg == NULL) {
		fprintf(stderr, "sitrep: warning: %s; sitrep parse uses the "
		    "default max_feed_size\n", cause);
		free(cause);
		cfg = config_defaults();
	}
	cap = (uint64_t)cfg->general.max_feed_bytes;
	config_free(cfg);
	return cap;
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
	const char *path;
	char *cause = NULL;
	int fd, refused;

	if (a->nargs != 1) {
		cli_print_help(stderr, c);
		return CLI_USAGE;
	}
	path = a->args[0];
	if (open_input(path, &fd, &refused, &cause) < 0) {
		fprintf(stderr, "sitrep parse: ");
		cli_put_clean_line(stderr, cause);
		free(cause);
		return refused ? CLI_USAGE : CLI_FAILED;
	}
	po.base_url = cli_opt(c, a, "base-url");
	doc = parse_stream(fd, path, &po, feed_cap(g), &cause);
	if (fd != STDIN_FILENO)
		close(fd);
	if (doc == NULL) {
		fprintf(stderr, "sitrep parse: ");
		cli_put_clean(stderr, path);
		fprintf(stderr, ": ");
		cli_put_clean_line(stderr, cause);
		free(cause);
		return CLI_FAILED;
	}
	if (cli_opt(c, a, "json"))
		print_doc_json(doc);
	else
		print_doc_text(doc);
	if (doc->error != NULL) {
		/* a document that broke off keeps what came before the break */
		fprintf(stderr, "sitrep parse: ");
		cli_put_clean(stderr, path);
		fprintf(stderr, ": ");
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
	"touching the cache and prints what sitrep sees in it.  It reads a\n"
	"regular file or a pipe, up to the config's max_feed_size, as a\n"
	"refresh would.\n\n"
	"  --base-url URL  resolve relative links against URL\n"
	"  --json          the parsed document as JSON\n",
	0
};
