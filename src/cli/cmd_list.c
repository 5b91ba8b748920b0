/*
 * cmd_list: `sitrep list`, the articles a query matches as text, TSV or
 * JSON, a page at a time, or only their count.  A file of its own because
 * it is the command scripts read: its formats are a contract.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_int.h"
#include "config.h"
#include "date.h"
#include "query.h"
#include "store.h"
#include "str.h"
#include "text.h"

enum list_format {
	LIST_TEXT,
	LIST_TSV,
	LIST_JSON
};

/* Rows a page at a time, so that a 100k-article cache streams. */
#define LIST_PAGE 500

/* The query's words, joined with spaces; returns owned ("" for none). */
static char *
join_args(char **args, int n)
{
	struct str q = STR_INIT;

	for (int i = 0; i < n; i++) {
		if (i > 0)
			str_appendc(&q, ' ');
		str_appendz(&q, args[i]);
	}
	return str_steal(&q);
}

/*
 * Parses a query; prints the error (position and suggestion) and returns
 * NULL when it does not parse.
 */
static struct query *
parse_query(const char *text, const struct config *cfg)
{
	struct query_env env;
	struct query_error err;
	struct query *q;

	env.now = (int64_t)time(NULL);
	env.cfg = cfg;
	q = query_parse(text, &env, &err);
	if (q == NULL) {
		fprintf(stderr, "sitrep list: ");
		cli_put_clean_line(stderr, err.message);
		free(err.message);
	}
	return q;
}

/*
 * The query of the words and --feed/--unread.  The words alone are parsed
 * first, so that an error's position is in what the user typed.
 */
static struct query *
build_query(const struct cli_command *c, const struct cli_args *a,
    const char *text, const struct config *cfg)
{
	struct query *q = parse_query(text, cfg);
	struct str all = STR_INIT;

	if (q == NULL || (cli_opt(c, a, "feed") == NULL &&
	    cli_opt(c, a, "unread") == NULL))
		return q;
	query_free(q);
	if (*text != '\0') {
		str_appendc(&all, '(');
		str_appendz(&all, text);
		str_appendz(&all, ")");
	}
	if (cli_opt(c, a, "feed") != NULL) {
		str_appendz(&all, " feed:\"");
		str_appendz(&all, cli_opt(c, a, "feed"));
		str_appendc(&all, '"');
	}
	if (cli_opt(c, a, "unread") != NULL)
		str_appendz(&all, " unread");
	q = parse_query(str_cstr(&all), cfg);
	str_free(&all);
	return q;
}

static json_object *
json_row(const struct article_row *r, const struct store_item_text *t)
{
	json_object *j = json_object_new_object();

	json_object_object_add(j, "id", json_object_new_int64(r->id));
	json_object_object_add(j, "guid", cli_json_string(t->guid));
	json_object_object_add(j, "feed", cli_json_string(r->feed_key));
	json_object_object_add(j, "feed_title",
	    cli_json_string(r->feed_title));
	json_object_object_add(j, "title", cli_json_string(r->title));
	json_object_object_add(j, "url", cli_json_string(r->url));
	json_object_object_add(j, "author", cli_json_string(r->author));
	json_object_object_add(j, "published", cli_json_date(r->published));
	json_object_object_add(j, "read", json_object_new_boolean(r->read));
	json_object_object_add(j, "starred",
	    json_object_new_boolean(r->starred));
	json_object_object_add(j, "dismissed",
	    json_object_new_boolean(r->dismissed));
	json_object_object_add(j, "tags", cli_json_strv(&r->tags));
	json_object_object_add(j, "topics", cli_json_strv(&r->topics));
	json_object_object_add(j, "countries", cli_json_strv(&r->countries));
	json_object_object_add(j, "regions", cli_json_strv(&t->regions));
	json_object_object_add(j, "summary", cli_json_plain(t->summary != NULL &&
	    *t->summary != '\0' ? t->summary : t->content));
	json_object_object_add(j, "fulltext", cli_json_plain(t->fulltext));
	return j;
}

/*
 * One element of the JSON array, on a line of its own, with the texts
 * (summary, extracted article) read beside the row.  0, or -1 (printed).
 */
static int
print_row_json(struct store *st, const struct article_row *r, int first)
{
	struct store_item_text t;
	char *cause = NULL;
	json_object *j;

	if (store_item_text_get(st, r->id, &t, &cause) < 0) {
		fprintf(stderr, "sitrep list: %s\n", cause);
		free(cause);
		return -1;
	}
	j = json_row(r, &t);
	store_item_text_clear(&t);

	fputs(first ? "\n  " : ",\n  ", stdout);
	fputs(json_object_to_json_string_ext(j, JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE), stdout);
	json_object_put(j);
	return 0;
}

/*
 * One row of the table.  The feed key is typed back (`feed:KEY`), so its
 * column is as wide as the config's longest key and never cut (a longer
 * one from an old cache widens its own row); the title is cut instead.
 * An undated article says so rather than borrowing the time sitrep first
 * saw it.
 */
static void
print_row_text(const struct article_row *r, size_t width, size_t keyw,
    struct str *line)
{
	const char *title = r->title ? r->title : "(untitled)";
	char date[32], id[32];
	size_t used;

	str_clear(line);
	snprintf(id, sizeof id, "%6" PRId64 " ", r->id);
	str_appendz(line, id);
	str_appendz(line, r->read ? "  " : "N ");
	str_appendz(line, r->starred ? "* " : "  ");
	if (r->published != DATE_UNKNOWN)
		cli_local_date(r->published, date, sizeof date);
	else
		snprintf(date, sizeof date, "%-16s", "undated");
	str_appendz(line, date);
	str_appendc(line, ' ');
	if (text_cols(r->feed_key, strlen(r->feed_key)) > keyw)
		str_appendz(line, r->feed_key);
	else
		text_fit_into(line, r->feed_key, strlen(r->feed_key), keyw, 1);
	str_appendc(line, ' ');
	used = text_cols(line->p, line->len);
	if (width > used + 10)
		text_fit_into(line, title, strlen(title), width - used, 0);
	else
		str_appendz(line, title);
	cli_put_clean_line(stdout, str_cstr(line));
}

/* The widest feed key of the config: the text table's key column. */
static size_t
key_width(const struct config *cfg)
{
	size_t w = 4;

	for (size_t i = 0; cfg != NULL && i < cfg->nfeeds; i++) {
		size_t k = text_cols(cfg->feeds[i].key, strlen(cfg->feeds[i].key));

		if (k > w)
			w = k;
	}
	return w;
}

static void
print_row_tsv(const struct article_row *r)
{
	char date[DATE_RFC3339_SIZE];
	char *tags = strv_join(&r->tags, ",");
	char *topics = strv_join(&r->topics, ",");
	char *countries = strv_join(&r->countries, ",");

	printf("%" PRId64 "\t", r->id);
	cli_put_tsv_field(stdout, r->feed_key);
	printf("\t%s\t%d\t%d\t", date_format_rfc3339(r->published, date),
	    r->read, r->starred);
	cli_put_tsv_field(stdout, tags);
	fputc('\t', stdout);
	cli_put_tsv_field(stdout, r->title);
	fputc('\t', stdout);
	cli_put_tsv_field(stdout, r->url);
	fputc('\t', stdout);
	cli_put_tsv_field(stdout, topics);
	fputc('\t', stdout);
	cli_put_tsv_field(stdout, countries);
	fputc('\n', stdout);
	free(tags);
	free(topics);
	free(countries);
}

static int
print_rows(struct store *st, const struct query *q, size_t limit,
    enum list_format fmt, size_t keyw)
{
	size_t width = cli_terminal_width(stdout, 0), printed = 0;
	struct query_key key = { 0, 0 };
	struct str line = STR_INIT;
	char *cause = NULL;
	int rc = 0;

	if (fmt == LIST_TSV)
		printf("id\tfeed\tpublished\tread\tstarred\ttags\ttitle\turl"
		    "\ttopics\tcountries\n");
	else if (fmt == LIST_JSON)
		fputs("[", stdout);
	for (;;) {
		struct article_row *rows;
		size_t n, want = LIST_PAGE;

		if (limit > 0 && limit - printed < want)
			want = limit - printed;
		if (want == 0)
			break;
		if (query_page(st, q, printed > 0 ? &key : NULL, QUERY_OLDER,
		    want, &rows, &n, &cause) < 0) {
			fprintf(stderr, "sitrep list: %s\n", cause);
			free(cause);
			rc = -1;
			break;
		}
		for (size_t i = 0; i < n && rc == 0; i++) {
			if (fmt == LIST_JSON)
				rc = print_row_json(st, &rows[i],
				    printed + i == 0);
			else if (fmt == LIST_TSV)
				print_row_tsv(&rows[i]);
			else
				print_row_text(&rows[i], width, keyw, &line);
		}
		printed += n;
		if (n > 0) {
			key.sort_time = rows[n - 1].sort_time;
			key.id = rows[n - 1].id;
		}
		article_rows_free(rows, n);
		if (n < want || rc < 0)
			break;
	}
	if (fmt == LIST_JSON)
		fputs(printed > 0 ? "\n]\n" : "]\n", stdout);
	str_free(&line);
	return rc;
}

static int
print_count(struct store *st, const struct query *q, enum list_format fmt)
{
	int64_t total = 0, unread = 0;
	char *cause = NULL;

	if (query_count(st, q, &total, &unread, &cause) < 0) {
		fprintf(stderr, "sitrep list: %s\n", cause);
		free(cause);
		return -1;
	}
	if (fmt == LIST_JSON)
		printf("{ \"total\": %" PRId64 ", \"unread\": %" PRId64 " }\n",
		    total, unread);
	else if (fmt == LIST_TSV)
		printf("total\tunread\n%" PRId64 "\t%" PRId64 "\n", total,
		    unread);
	else
		printf("%" PRId64 " articles, %" PRId64 " unread\n", total,
		    unread);
	return 0;
}

/* --limit, --json and --tsv; returns -1 after printing the problem. */
static int
read_format(const struct cli_command *c, const struct cli_args *a,
    size_t *limit, enum list_format *fmt)
{
	*limit = 0;
	*fmt = LIST_TEXT;
	if (cli_opt(c, a, "limit") != NULL) {
		long long lim;

		if (cli_parse_number(c, "--limit", cli_opt(c, a, "limit"), 1,
		    100000000, &lim) < 0)
			return -1;
		*limit = (size_t)lim;
	}
	if (cli_opt(c, a, "json") && cli_opt(c, a, "tsv")) {
		fprintf(stderr, "sitrep list: choose one of --json and --tsv\n");
		return -1;
	}
	if (cli_opt(c, a, "json"))
		*fmt = LIST_JSON;
	else if (cli_opt(c, a, "tsv"))
		*fmt = LIST_TSV;
	return 0;
}

static int
run_list(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct config *cfg = NULL;
	struct store *st = NULL;
	struct query *q = NULL;
	enum list_format fmt;
	char *text = NULL;
	size_t limit;
	int rc = CLI_USAGE, printed;

	if (read_format(c, a, &limit, &fmt) < 0)
		return CLI_USAGE;
	cfg = cli_load_config_topics(g, NULL);
	if (cfg == NULL)
		return CLI_USAGE;
	text = join_args(a->args, a->nargs);
	q = build_query(c, a, text, cfg);
	if (q == NULL)
		goto out;
	st = cli_open_cache(g, cfg, CLI_CACHE_READ);
	if (st == NULL)
		goto out;
	if (cli_opt(c, a, "count") != NULL)
		printed = print_count(st, q, fmt);
	else
		printed = print_rows(st, q, limit, fmt, key_width(cfg));
	if (printed == 0)
		rc = CLI_OK;
out:
	query_free(q);
	free(text);
	store_close(st);
	config_free(cfg);
	return rc;
}

static const struct cli_option list_options[] = {
	{ "feed", 1 }, { "unread", 0 }, { "limit", 1 }, { "json", 0 },
	{ "tsv", 0 }, { "count", 0 }, { NULL, 0 } };

const struct cli_command cmd_list_entry = {
	"list",
	"[QUERY...] [--feed KEY] [--unread] [--limit N] [--json|--tsv]\n"
	"             [--count]",
	list_options, run_list,
	"Lists the articles a query matches, newest first (all of them\n"
	"without one).  Dismissed articles are left out unless the query\n"
	"says `dismissed`.\n\n"
	"Query words (AND by default; OR and parentheses group; -word negates):\n"
	"  unread read starred dismissed\n"
	"  tag:NAME  topic:KEY  country:JP|japan  region:east-asia  feed:KEY\n"
	"  author:TEXT  since:24h|7d|2w|2023-01-10|today  before:DATE\n"
	"  word  word*  \"exact phrase\"   (title, summary, text)\n"
	"Example: sitrep list country:JP unread since:7d -topic:ransomware\n\n"
	"  --feed KEY  only this feed (feed:KEY)\n"
	"  --unread    only unread articles (unread)\n"
	"  --limit N   at most N articles\n"
	"  --json      a JSON array of articles with feed title, guid, tags,\n"
	"              topics, countries, regions, summary and extracted text\n"
	"  --tsv       tab-separated values with a header line\n"
	"  --count     only how many match and how many are unread\n\n"
	"Exit status: 0 done, 2 a query, configuration or cache error.\n",
	1
};
