/*
 * cmd_brief: `sitrep brief`, the morning briefing of what a query matches
 * (unread articles of the last 24 hours unless told otherwise) as
 * Markdown, HTML or text, to stdout or a file, optionally tagging what it
 * carried briefed-DATE so that the next one can leave it out.  A file of
 * its own because it is the one command that writes a document.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "brief.h"
#include "cli_int.h"
#include "config.h"
#include "query.h"
#include "store.h"
#include "str.h"
#include "xalloc.h"

struct brief_run {
	struct brief_options o;
	const char *since;        /* as given; "all" for no limit */
	int since_given;
	const char *output;       /* NULL or "-": stdout */
	size_t limit;
	int tag;
};

/* The format the output file's name says (".html"), else Markdown. */
static enum brief_format
format_of_path(const char *path)
{
	const char *dot = path != NULL ? strrchr(path, '.') : NULL;
	enum brief_format f = BRIEF_MD;

	if (dot == NULL || strchr(dot, '/') != NULL ||
	    brief_format_parse(dot + 1, &f) < 0) {
		if (dot != NULL && strcasecmp(dot, ".htm") == 0)
			return BRIEF_HTML;
		return BRIEF_MD;
	}
	return f;
}

static int
read_options(const struct cli_command *c, const struct cli_args *a,
    struct brief_run *r)
{
	const char *v;
	long long n;

	memset(r, 0, sizeof *r);
	r->o.group = BRIEF_BY_TOPIC;
	r->o.excerpt = 3;
	r->o.title = cli_opt(c, a, "title");
	r->o.full = cli_opt(c, a, "full") != NULL;
	r->output = cli_opt(c, a, "output");
	if (r->output == NULL)
		r->output = cli_opt(c, a, "o");
	r->tag = cli_opt(c, a, "tag-briefed") != NULL;
	r->since_given = (v = cli_opt(c, a, "since")) != NULL;
	r->since = r->since_given ? v : "24h";
	r->o.format = format_of_path(r->output);
	if ((v = cli_opt(c, a, "format")) != NULL &&
	    brief_format_parse(v, &r->o.format) < 0) {
		fprintf(stderr, "sitrep brief: --format '");
		cli_put_clean(stderr, v);
		fprintf(stderr, "' is not one of md, html, txt\n");
		return -1;
	}
	if ((v = cli_opt(c, a, "group-by")) != NULL &&
	    brief_group_parse(v, &r->o.group) < 0) {
		fprintf(stderr, "sitrep brief: --group-by '");
		cli_put_clean(stderr, v);
		fprintf(stderr, "' is not one of topic, country, region, feed, "
		    "none\n");
		return -1;
	}
	if ((v = cli_opt(c, a, "excerpt")) != NULL) {
		if (cli_parse_number(c, "--excerpt", v, 0, 100, &n) < 0)
			return -1;
		r->o.excerpt = (size_t)n;
	}
	if ((v = cli_opt(c, a, "limit")) != NULL) {
		if (cli_parse_number(c, "--limit", v, 1, 100000000, &n) < 0)
			return -1;
		r->limit = (size_t)n;
	}
	return 0;
}

/* The words of the query, joined; returns owned ("" for none). */
static char *
join_words(char **args, int n)
{
	struct str q = STR_INIT;

	for (int i = 0; i < n; i++) {
		if (i > 0)
			str_appendc(&q, ' ');
		str_appendz(&q, args[i]);
	}
	return str_steal(&q);
}

static struct query *
parse_or_say(const char *text, const char *what, const struct config *cfg,
    int64_t now)
{
	struct query_env env = { now, cfg };
	struct query_error err;
	struct query *q = query_parse(text, &env, &err);

	if (q == NULL) {
		fprintf(stderr, "sitrep brief: %s", what);
		cli_put_clean_line(stderr, err.message);
		free(err.message);
	}
	return q;
}

/* 1 when a query has a since: term of its own (any case). */
static int
mentions_since(const char *q)
{
	for (const char *p = q; *p != '\0'; p++)
		if ((p == q || p[-1] == ' ' || p[-1] == '(' || p[-1] == '-') &&
		    strncasecmp(p, "since:", 6) == 0)
			return 1;
	return 0;
}

/*
 * The query: the words (else `unread`), a view's query, and --since.
 * Each part is parsed alone first, so that an error points into what the
 * user wrote.  *shown gets what the header says was asked (owned).
 */
static struct query *
build_query(const struct cli_command *c, const struct cli_args *a,
    struct brief_run *r, const struct config *cfg, char **shown)
{
	char *words = join_words(a->args, a->nargs);
	const char *view = cli_opt(c, a, "view");
	const struct config_view *cv = NULL;
	struct str all = STR_INIT, asked = STR_INIT;
	struct query *q = NULL;

	if (view != NULL && (cv = config_view_find(cfg, view)) == NULL) {
		fprintf(stderr, "sitrep brief: no [view:");
		cli_put_clean(stderr, view);
		fprintf(stderr, "] in the config (sitrep(1), Views)\n");
		goto out;
	}
	if (*words == '\0' && cv == NULL) {
		free(words);
		words = xstrdup("unread");
	}
	if (*words != '\0' &&
	    (q = parse_or_say(words, "", cfg, r->o.generated)) == NULL)
		goto out;
	query_free(q);
	q = NULL;
	/* a query that says since: itself sets the period */
	if (!r->since_given && (mentions_since(words) ||
	    (cv != NULL && mentions_since(cv->query))))
		r->since = "all";
	if (strcasecmp(r->since, "all") != 0 && query_parse_when(r->since,
	    strlen(r->since), r->o.generated, &r->o.since) < 0) {
		fprintf(stderr, "sitrep brief: --since '");
		cli_put_clean(stderr, r->since);
		fprintf(stderr, "' is not a duration (30m, 24h, 7d, 2w), today, "
		    "yesterday, a date (2023-01-10) or all\n");
		goto out;
	}
	if (cv != NULL) {
		str_appendf(&all, "(%s) ", cv->query);
		str_appendf(&asked, "%s ", cv->query);
	}
	if (*words != '\0') {
		str_appendf(&all, "(%s)", words);
		str_appendz(&asked, words);
	}
	if (r->o.since != 0)
		str_appendf(&all, " since:%s", r->since);
	q = parse_or_say(str_cstr(&all), cv != NULL ? "[view] " : "", cfg,
	    r->o.generated);
out:
	*shown = str_steal(&asked);
	free(words);
	str_free(&all);
	return q;
}

/* Tags every article of b briefed-DATE (local date), in one transaction. */
static int
tag_briefed(struct store *st, const struct brief *b, int64_t now)
{
	time_t t = (time_t)now;
	struct tm tm;
	char tag[32];
	char *cause = NULL;
	int rc = 0;

	localtime_r(&t, &tm);
	strftime(tag, sizeof tag, "briefed-%Y-%m-%d", &tm);
	if (store_batch_begin(st, &cause) < 0)
		goto fail;
	for (size_t i = 0; i < brief_count(b) && rc == 0; i++)
		if (store_item_tag(st, brief_article_at(b, i)->id, tag, 1,
		    &cause) < 0)
			rc = -1;
	if (store_batch_end(st, rc == 0 ? &cause : NULL) < 0 || rc < 0)
		goto fail;
	fprintf(stderr, "sitrep brief: tagged %zu articles %s\n",
	    brief_count(b), tag);
	return 0;
fail:
	fprintf(stderr, "sitrep brief: tagging: %s\n",
	    cause != NULL ? cause : "failed");
	free(cause);
	return -1;
}

static int
run_brief(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct brief_template *t = NULL;
	struct brief *b = NULL;
	struct query *q = NULL;
	struct cli_context ctx = { 0 };
	struct brief_run r;
	struct str doc = STR_INIT;
	char *cause = NULL, *asked = NULL;
	int rc = CLI_USAGE;

	if (read_options(c, a, &r) < 0)
		return CLI_USAGE;
	r.o.generated = (int64_t)time(NULL);
	if ((t = brief_template_load(r.o.format, &cause)) == NULL) {
		fprintf(stderr, "sitrep brief: ");
		cli_put_clean_line(stderr, cause);
		goto out;
	}
	if (cli_context_open(g, CLI_TOPICS | (r.tag ? 0 : CLI_READONLY),
	    &ctx) < 0)
		goto out;
	if ((q = build_query(c, a, &r, ctx.cfg, &asked)) == NULL)
		goto out;
	r.o.query = asked;
	r.o.cfg = ctx.cfg;
	b = brief_new();
	if (brief_collect_query(b, ctx.st, q, r.limit, r.o.full,
	    &cause) < 0) {
		fprintf(stderr, "sitrep brief: %s\n", cause);
		goto out;
	}
	brief_render(b, &r.o, t, &doc);
	rc = CLI_FAILED;
	if (r.output == NULL || strcmp(r.output, "-") == 0) {
		if (fwrite(str_cstr(&doc), 1, doc.len, stdout) != doc.len ||
		    fflush(stdout) != 0)
			goto out;
	} else {
		if (cli_write_file(c, r.output, str_cstr(&doc), doc.len) < 0)
			goto out;
		fprintf(stderr, "sitrep brief: wrote %zu articles to ",
		    brief_count(b));
		cli_put_clean_line(stderr, r.output);
	}
	if (brief_count(b) == 0)
		fprintf(stderr, "sitrep brief: no articles matched (the default "
		    "is unread articles of the last 24 hours; --since all)\n");
	if (r.tag && tag_briefed(ctx.st, b, r.o.generated) < 0)
		goto out;
	rc = CLI_OK;
out:
	free(cause);
	free(asked);
	str_free(&doc);
	brief_free(b);
	query_free(q);
	brief_template_free(t);
	cli_context_close(&ctx);
	return rc;
}

/* "o" is -o (opts.c). */
static const struct cli_option brief_options[] = {
	{ "view", 1 }, { "format", 1 }, { "group-by", 1 }, { "title", 1 },
	{ "since", 1 }, { "excerpt", 1 }, { "full", 0 }, { "limit", 1 },
	{ "output", 1 }, { "o", 1 }, { "tag-briefed", 0 }, { NULL, 0 } };

const struct cli_command cmd_brief_entry = {
	"brief",
	"[QUERY...] [--view NAME] [--format md|html|txt]\n"
	"             [--group-by topic|country|region|feed|none] "
	"[--title TEXT]\n"
	"             [--since 24h|7d|DATE|all] [--excerpt N] [--full] "
	"[--limit N]\n"
	"             [--tag-briefed] [-o FILE]",
	brief_options, run_brief,
	"Writes a briefing of the articles a query matches (default: unread\n"
	"articles of the last 24 hours): a header with the period and the\n"
	"counts per topic and country, then one section per group; each\n"
	"article once, in its first group, with its link, source, date,\n"
	"countries, topics, tags and first sentences, and cross-referenced\n"
	"from its other groups.  The layout comes from a template\n"
	"(~/.config/sitrep/templates/brief.md, .html, .txt; see sitrep(1)).\n\n"
	"  --view NAME     the query of [view:NAME] (and the words, if any)\n"
	"  --format F      md (default), html (one self-contained page) or txt\n"
	"                  (wrapped at 72 columns, for email); -o FILE.html\n"
	"                  picks html by itself\n"
	"  --group-by G    topic (default), country, region, feed or none\n"
	"  --title TEXT    the heading (default: Briefing for DATE)\n"
	"  --since WHEN    the period: 24h (default), 7d, 2w, a date, all\n"
	"  --excerpt N     sentences of each article (default 3, 0 for none)\n"
	"  --full          each article's whole text (the extracted article\n"
	"                  when there is one)\n"
	"  --limit N       at most N articles, the newest\n"
	"  --tag-briefed   tag what the briefing carried briefed-YYYY-MM-DD\n"
	"                  (then -tag:briefed-* leaves it out next time)\n"
	"  -o, --output F  write to F (replaced whole), not stdout\n\n"
	"Example: sitrep brief -tag:briefed-* --tag-briefed -o brief.md\n"
	"Exit status: 0 done, 1 the file could not be written, 2 a query,\n"
	"configuration or cache error.\n",
	1
};
