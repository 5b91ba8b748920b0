/*
 * cmd_facets: `sitrep topics`, `sitrep countries [--regions]` and
 * `sitrep tags`, the facet counts (unread, total, 14 days) of the store as
 * a table with sparklines or as JSON.  One file because the three differ
 * only in the facet they ask for and the heading of their table.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_int.h"
#include "date.h"
#include "query.h"
#include "store.h"
#include "str.h"
#include "text.h"

/* ▁▂▃▄▅▆▇█ scaled to the entry's busiest day; a day without any is blank. */
static void
sparkline(struct str *out, const int64_t *v, size_t n)
{
	static const char *const bars[] = { "\xe2\x96\x81", "\xe2\x96\x82",
	    "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	    "\xe2\x96\x87", "\xe2\x96\x88" };
	int64_t max = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	for (size_t i = 0; i < n; i++) {
		if (v[i] <= 0) {
			str_appendc(out, ' ');
			continue;
		}
		str_appendz(out, bars[(v[i] * 8 + max - 1) / max - 1]);
	}
}

static json_object *
json_facet(const struct facet_count *f, const char *first_day)
{
	json_object *j = json_object_new_object();
	json_object *days = json_object_new_array();

	json_object_object_add(j, "key", cli_json_string(f->key));
	json_object_object_add(j, "label", cli_json_string(f->label));
	json_object_object_add(j, "total", json_object_new_int64(f->total));
	json_object_object_add(j, "unread", json_object_new_int64(f->unread));
	for (int d = 0; d < FACET_DAYS; d++)
		json_object_array_add(days,
		    json_object_new_int64(f->per_day[d]));
	json_object_object_add(j, "per_day", days);
	json_object_object_add(j, "first_day",
	    json_object_new_string(first_day));
	return j;
}

static void
print_facets_json(const struct facet_count *v, size_t n, int64_t now)
{
	json_object *a = json_object_new_array();
	char first[DATE_RFC3339_SIZE];

	/* the histogram's first day, YYYY-MM-DD */
	date_format_rfc3339(((now / 86400) - (FACET_DAYS - 1)) * 86400, first);
	first[10] = '\0';
	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, json_facet(&v[i], first));
	cli_json_print_free(a);
}

static void
print_facets_text(const struct facet_count *v, size_t n, const char *heading)
{
	struct str line = STR_INIT;
	size_t keyw = 24;

	/* keys are typed back (tag:KEY, topic:KEY): never cut, labels are */
	for (size_t i = 0; i < n; i++) {
		size_t w = text_cols(v[i].key, strlen(v[i].key));

		if (w > keyw)
			keyw = w;
	}
	text_fit_into(&line, heading, strlen(heading), keyw, 1);
	printf("%s %-28s %6s %6s  %s\n", str_cstr(&line), "", "UNREAD",
	    "TOTAL", "LAST 14 DAYS");
	for (size_t i = 0; i < n; i++) {
		str_clear(&line);
		text_fit_into(&line, v[i].key, strlen(v[i].key), keyw, 1);
		str_appendc(&line, ' ');
		text_fit_into(&line, v[i].label, strlen(v[i].label), 28, 1);
		str_appendf(&line, " %6" PRId64 " %6" PRId64 "  ", v[i].unread,
		    v[i].total);
		sparkline(&line, v[i].per_day, FACET_DAYS);
		cli_put_clean_line(stdout, str_cstr(&line));
	}
	str_free(&line);
}

static int
facet_command(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a, enum facet_kind kind, const char *heading)
{
	struct cli_context ctx;
	struct facet_count *v = NULL;
	struct query_env env;
	size_t n = 0;
	char *cause = NULL;
	int rc = CLI_USAGE;

	if (cli_no_arguments(c, a) < 0)
		return CLI_USAGE;
	/* topic labels come from the config's rules, which must compile */
	if (cli_context_open(g, CLI_READONLY |
	    (kind == FACET_TOPIC ? CLI_TOPICS : 0), &ctx) < 0)
		return CLI_USAGE;
	env.now = (int64_t)time(NULL);
	env.cfg = ctx.cfg;
	if (query_facets(ctx.st, kind, &env, &v, &n, &cause) < 0) {
		fprintf(stderr, "sitrep %s: %s\n", c->name, cause);
		free(cause);
		goto out;
	}
	if (cli_opt(c, a, "json"))
		print_facets_json(v, n, env.now);
	else
		print_facets_text(v, n, heading);
	rc = CLI_OK;
out:
	facet_counts_free(v, n);
	cli_context_close(&ctx);
	return rc;
}

/* --json of topics and tags (countries aligns it with --regions) */
#define JSON_HELP \
	"  --json  an array of {key, label, total, unread, per_day[14],\n" \
	"          first_day}\n"

static const struct cli_option json_options[] = {
	{ "json", 0 }, { NULL, 0 } };

/* ---------- topics ---------- */

static int
run_topics(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	return facet_command(g, c, a, FACET_TOPIC, "TOPIC");
}

const struct cli_command cmd_topics_entry = {
	"topics", "[--json]", json_options, run_topics,
	"Lists the topics of the config with their unread and total\n"
	"articles and a sparkline of the last 14 days (one bar a UTC day,\n"
	"today last).  Dismissed articles do not count.\n\n"
	JSON_HELP,
	0
};

/* ---------- countries ---------- */

static int
run_countries(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	if (cli_opt(c, a, "regions") != NULL)
		return facet_command(g, c, a, FACET_REGION, "REGION");
	return facet_command(g, c, a, FACET_COUNTRY, "COUNTRY");
}

static const struct cli_option countries_options[] = {
	{ "json", 0 }, { "regions", 0 }, { NULL, 0 } };

const struct cli_command cmd_countries_entry = {
	"countries", "[--regions] [--json]", countries_options, run_countries,
	"Lists the countries articles name, most unread first, with their\n"
	"unread and total articles and a sparkline of the last 14 days.\n\n"
	"  --regions  regions and groups instead (east-asia, nato, ...): an\n"
	"             article counts when it names one or one of its members\n"
	"  --json     an array of {key, label, total, unread, per_day[14],\n"
	"             first_day}\n",
	0
};

/* ---------- tags ---------- */

static int
run_tags(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	return facet_command(g, c, a, FACET_TAG, "TAG");
}

const struct cli_command cmd_tags_entry = {
	"tags", "[--json]", json_options, run_tags,
	"Lists the tags in use with their unread and total articles and a\n"
	"sparkline of the last 14 days.\n\n"
	JSON_HELP,
	0
};
