/*
 * cli: the headless commands.  Each command is a row in the table at the
 * bottom: its name, options, usage text and function.
 *
 * Everything printed that came from a feed goes through the sanitiser again
 * on the way out (SECURITY.md T3), although the store only holds sanitised
 * text: a cache written by another program is not trusted either.
 */
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "date.h"
#include "feed.h"
#include "ingest.h"
#include "query.h"
#include "refresh.h"
#include "render.h"
#include "store.h"
#include "str.h"
#include "suggest.h"
#include "text.h"
#include "xalloc.h"

#define OPT_MAX 12

/* ---------- options ---------- */

struct opt_spec {
	const char *name;  /* without the leading "--" */
	int takes_value;
};

struct cmd;

struct opts {
	const char *value[OPT_MAX]; /* per spec: its value, "" for a flag */
	char **args;                /* positional arguments (borrowed) */
	int nargs;
};

struct cmd {
	const char *name;
	int (*run)(const struct cli_globals *g, const struct cmd *c,
	    struct opts *o);
	const struct opt_spec *specs;
	const char *usage;
	const char *help;
	/* words such as -todo or -topic:x are arguments, not options */
	int dash_args;
};

static void
print_cmd_help(FILE *out, const struct cmd *c)
{
	fprintf(out, "usage: sitrep %s %s\n\n%s", c->name, c->usage, c->help);
}

static const struct opt_spec *
find_spec(const struct cmd *c, const char *name, size_t len, int *index)
{
	for (int i = 0; c->specs && c->specs[i].name; i++) {
		if (strlen(c->specs[i].name) == len &&
		    strncmp(c->specs[i].name, name, len) == 0) {
			*index = i;
			return &c->specs[i];
		}
	}
	return NULL;
}

static void
unknown_option(const struct cmd *c, const char *arg, size_t len)
{
	const char *names[OPT_MAX + 1];
	char *word = xstrndup(arg, len);
	const char *best;
	size_t n = 0;

	for (; c->specs && c->specs[n].name && n < OPT_MAX; n++)
		names[n] = c->specs[n].name;
	names[n] = "help";
	best = suggest_closest(word, names, n + 1);
	if (best != NULL)
		fprintf(stderr, "sitrep %s: unknown option --%s; did you mean "
		    "--%s?\n", c->name, word, best);
	else
		fprintf(stderr, "sitrep %s: unknown option --%s (sitrep %s "
		    "--help lists them)\n", c->name, word, c->name);
	free(word);
}

/* Returns 0, 1 when --help was asked (and printed), or -1 (printed). */
static int
parse_opts(const struct cmd *c, int argc, char **argv, struct opts *o)
{
	int only_args = 0;

	memset(o, 0, sizeof *o);
	o->args = xcalloc((size_t)argc + 1, sizeof *o->args);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq;
		const struct opt_spec *s;
		size_t len;
		int idx = 0;

		if (only_args || a[0] != '-' || strcmp(a, "-") == 0 ||
		    (c->dash_args && a[1] != '-' && strcmp(a, "-h") != 0)) {
			o->args[o->nargs++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			print_cmd_help(stdout, c);
			return 1;
		}
		if (a[1] != '-') {
			fprintf(stderr, "sitrep %s: unknown option %s (sitrep %s "
			    "--help lists them)\n", c->name, a, c->name);
			return -1;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		s = find_spec(c, a, len, &idx);
		if (s == NULL) {
			unknown_option(c, a, len);
			return -1;
		}
		if (!s->takes_value) {
			if (eq != NULL) {
				fprintf(stderr, "sitrep %s: --%s takes no value\n",
				    c->name, s->name);
				return -1;
			}
			o->value[idx] = "";
		} else if (eq != NULL) {
			o->value[idx] = eq + 1;
		} else if (i + 1 < argc) {
			o->value[idx] = argv[++i];
		} else {
			fprintf(stderr, "sitrep %s: --%s needs a value\n",
			    c->name, s->name);
			return -1;
		}
	}
	return 0;
}

static const char *
opt(const struct cmd *c, const struct opts *o, const char *name)
{
	int idx;

	if (find_spec(c, name, strlen(name), &idx) == NULL)
		return NULL;
	return o->value[idx];
}

/* A whole number in [lo, hi]; prints the problem and returns -1. */
static int
parse_number(const struct cmd *c, const char *what, const char *s,
    long long lo, long long hi, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "sitrep %s: %s '%s' is not a whole number from "
		    "%lld to %lld\n", c->name, what, s, lo, hi);
		return -1;
	}
	*out = v;
	return 0;
}

/* ---------- shared set-up: config and cache ---------- */

static struct config *
load_config(const struct cli_globals *g)
{
	char *cause = NULL;
	struct config *cfg = config_load_default(g->config_path, &cause);

	if (cfg == NULL) {
		fprintf(stderr, "sitrep: %s\n", cause);
		free(cause);
		return NULL;
	}
	for (size_t i = 0; i < cfg->warnings.n; i++)
		fprintf(stderr, "sitrep: warning: %s\n", cfg->warnings.v[i]);
	return cfg;
}

/*
 * The config for commands that classify or name topics: a rule that does
 * not compile is a configuration error like a bad value (exit 2).  *out
 * (may be NULL) gets the compiled classifier.
 */
static void put_clean(FILE *out, const char *s);

static struct config *
load_config_topics(const struct cli_globals *g, struct classifier **out)
{
	struct config *cfg = load_config(g);
	struct classifier *c;
	char *cause = NULL;

	if (out != NULL)
		*out = NULL;
	if (cfg == NULL)
		return NULL;
	c = ingest_classifier_new(cfg, &cause);
	if (c == NULL) {
		char *line = cause, *nl;

		while (line != NULL && *line != '\0') {
			nl = strchr(line, '\n');
			if (nl != NULL)
				*nl = '\0';
			fprintf(stderr, "sitrep: ");
			put_clean(stderr, line);
			fputc('\n', stderr);
			line = nl != NULL ? nl + 1 : NULL;
		}
		free(cause);
		config_free(cfg);
		return NULL;
	}
	if (out != NULL)
		*out = c;
	else
		classifier_free(c);
	/* a saved view that does not parse only fails in its own view */
	for (size_t i = 0; i < cfg->nviews; i++) {
		struct query_env env = { (int64_t)time(NULL), cfg };
		struct query_error err;
		struct query *q = query_parse(cfg->views[i].query, &env, &err);

		if (q != NULL) {
			query_free(q);
			continue;
		}
		fprintf(stderr, "sitrep: warning: %s: [view:%s] ",
		    cfg->path != NULL ? cfg->path : "config", cfg->views[i].key);
		put_clean(stderr, err.message);
		fputc('\n', stderr);
		free(err.message);
	}
	return cfg;
}


static struct store *
open_cache(const struct cli_globals *g, const struct config *cfg,
    int readonly)
{
	char *path = g->cache_path ? xstrdup(g->cache_path) :
	    config_cache_path(cfg);
	char *cause = NULL;
	struct store *st = NULL;

	if (readonly && access(path, F_OK) != 0) {
		/* Nothing fetched yet: an empty cache reads as empty. */
		readonly = 0;
	}
	if (!readonly && store_make_parent_dirs(path, &cause) < 0) {
		fprintf(stderr, "sitrep: %s\n", cause);
		free(cause);
		free(path);
		return NULL;
	}
	st = readonly ? store_open_readonly(path, &cause) :
	    store_open(path, &cause);
	if (st == NULL && readonly) {
		/*
		 * A cache from an older sitrep can't be read as it is: upgrade
		 * it (store_open refuses anything that is not a sitrep cache,
		 * and leaves a damaged or newer one untouched).
		 */
		char *why = NULL;

		st = store_open(path, &why);
		if (st != NULL) {
			free(cause);
			cause = NULL;
		}
		free(why);
	}
	if (st == NULL) {
		fprintf(stderr, "sitrep: %s\n", cause);
		free(cause);
	}
	free(path);
	return st;
}

/* ---------- output helpers ---------- */

static void
put_clean(FILE *out, const char *s)
{
	char *clean;

	if (s == NULL)
		return;
	clean = text_sanitize(s, strlen(s));
	fputs(clean, out);
	free(clean);
}

/* One field of a TSV row: sanitised, TAB and LF turned into spaces. */
static void
put_tsv_field(FILE *out, const char *s)
{
	char *one;

	if (s == NULL)
		return;
	one = text_oneline(s, strlen(s));
	fputs(one, out);
	free(one);
}

static json_object *
json_string_or_null(const char *s)
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

static json_object *
json_date(int64_t t)
{
	char buf[DATE_RFC3339_SIZE];

	if (t == DATE_UNKNOWN)
		return NULL;
	return json_object_new_string(date_format_rfc3339(t, buf));
}

static json_object *
json_strv(const struct strv *sv)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < sv->n; i++)
		json_object_array_add(a, json_string_or_null(sv->v[i]));
	return a;
}

static void
json_print(json_object *j)
{
	fputs(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE), stdout);
	fputc('\n', stdout);
}

/* Local time for people; "unknown" instead of 1970. */
static const char *
local_date(int64_t t, char *buf, size_t n)
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

static size_t
terminal_width(FILE *f, size_t fallback)
{
	struct winsize ws;

	if (isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return fallback;
}

/* ---------- parse ---------- */

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
json_item(const struct feed_item *it)
{
	json_object *j = json_object_new_object();
	json_object *encs = json_object_new_array();

	json_object_object_add(j, "id", json_string_or_null(it->guid));
	json_object_object_add(j, "url", json_string_or_null(it->url));
	json_object_object_add(j, "title", json_string_or_null(it->title));
	json_object_object_add(j, "author", json_string_or_null(it->author));
	json_object_object_add(j, "published", json_date(it->published));
	json_object_object_add(j, "updated", json_date(it->updated));
	json_object_object_add(j, "summary", json_string_or_null(it->summary));
	json_object_object_add(j, "content", json_string_or_null(it->content));
	json_object_object_add(j, "categories", json_strv(&it->categories));
	for (size_t i = 0; i < it->nenclosures; i++) {
		json_object *e = json_object_new_object();

		json_object_object_add(e, "url",
		    json_string_or_null(it->enclosures[i].url));
		json_object_object_add(e, "type",
		    json_string_or_null(it->enclosures[i].type));
		json_object_object_add(e, "length",
		    json_object_new_int64(it->enclosures[i].length));
		json_object_array_add(encs, e);
	}
	json_object_object_add(j, "enclosures", encs);
	json_object_object_add(j, "thumbnail",
	    json_string_or_null(it->thumbnail));
	return j;
}

static void
print_doc_json(const struct feed_doc *doc)
{
	json_object *j = json_object_new_object();
	json_object *items = json_object_new_array();

	json_object_object_add(j, "format",
	    json_object_new_string(feed_format_name(doc->format)));
	json_object_object_add(j, "title", json_string_or_null(doc->title));
	json_object_object_add(j, "link", json_string_or_null(doc->link));
	json_object_object_add(j, "self_link",
	    json_string_or_null(doc->self_link));
	json_object_object_add(j, "language",
	    json_string_or_null(doc->language));
	json_object_object_add(j, "ttl_minutes",
	    json_object_new_int(doc->ttl_minutes));
	json_object_object_add(j, "error", json_string_or_null(doc->error));
	for (size_t i = 0; i < doc->nitems; i++)
		json_object_array_add(items, json_item(&doc->items[i]));
	json_object_object_add(j, "items", items);
	json_print(j);
	json_object_put(j);
}

static void
print_doc_text(const struct feed_doc *doc)
{
	char date[32];

	printf("format: %s\n", feed_format_name(doc->format));
	printf("title:  ");
	put_clean(stdout, doc->title ? doc->title : "(none)");
	printf("\nlink:   ");
	put_clean(stdout, doc->link ? doc->link : "(none)");
	printf("\nitems:  %zu\n", doc->nitems);
	for (size_t i = 0; i < doc->nitems; i++) {
		const struct feed_item *it = &doc->items[i];

		printf("\n%zu. ", i + 1);
		put_clean(stdout, it->title ? it->title : "(untitled)");
		printf("\n   %s", local_date(it->published, date, sizeof date));
		if (it->author != NULL) {
			printf(" · ");
			put_clean(stdout, it->author);
		}
		printf("\n   ");
		put_clean(stdout, it->url ? it->url : "(no link)");
		if (it->categories.n > 0) {
			char *cats = strv_join(&it->categories, ", ");

			printf("\n   [");
			put_clean(stdout, cats);
			printf("]");
			free(cats);
		}
		printf("\n");
	}
}

static int
cmd_parse(const struct cli_globals *g, const struct cmd *c, struct opts *o)
{
	struct feed_parse_opts po = { 0 };
	struct feed_doc *doc;
	char *buf, *cause = NULL;
	size_t len = 0;

	(void)g;
	if (o->nargs != 1) {
		print_cmd_help(stderr, c);
		return CLI_USAGE;
	}
	buf = read_all(o->args[0], &len, &cause);
	if (buf == NULL) {
		fprintf(stderr, "sitrep parse: %s\n", cause);
		free(cause);
		return CLI_FAILED;
	}
	po.base_url = opt(c, o, "base-url");
	doc = feed_parse(buf, len, &po, &cause);
	free(buf);
	if (doc == NULL) {
		fprintf(stderr, "sitrep parse: %s: %s\n", o->args[0], cause);
		free(cause);
		return CLI_FAILED;
	}
	if (opt(c, o, "json"))
		print_doc_json(doc);
	else
		print_doc_text(doc);
	if (doc->error != NULL) {
		fprintf(stderr, "sitrep parse: %s: ", o->args[0]);
		put_clean(stderr, doc->error);
		fprintf(stderr, " (kept %zu items)\n", doc->nitems);
	}
	feed_doc_free(doc);
	return CLI_OK;
}

/* ---------- refresh ---------- */

struct refresh_ui {
	int quiet, verbose, tty;
	struct refresh *r;
	int progress_shown;
};

static void
human_bytes(uint64_t b, char *buf, size_t n)
{
	if (b >= 10 * 1024 * 1024)
		snprintf(buf, n, "%.0f MB", (double)b / (1024.0 * 1024.0));
	else if (b >= 1024 * 1024)
		snprintf(buf, n, "%.1f MB", (double)b / (1024.0 * 1024.0));
	else if (b >= 1024)
		snprintf(buf, n, "%.0f kB", (double)b / 1024.0);
	else
		snprintf(buf, n, "%llu B", (unsigned long long)b);
}

static void
show_progress(struct refresh_ui *u, int final)
{
	struct refresh_progress p;
	char bytes[32];

	if (u->quiet || !u->tty)
		return;
	refresh_get_progress(u->r, &p);
	human_bytes(p.bytes, bytes, sizeof bytes);
	fprintf(stderr, "\r\033[Krefresh: %zu/%zu feeds, %zu failed, %zu new, "
	    "%s, %.1f s", p.done, p.total, p.failed, p.added, bytes,
	    p.elapsed);
	if (final)
		fputc('\n', stderr);
	u->progress_shown = !final;
	fflush(stderr);
}

static void
on_feed_done(void *ctx, const struct refresh_report *rep)
{
	struct refresh_ui *u = ctx;

	if (!u->verbose)
		return;
	if (u->progress_shown)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "%-24s ", rep->key);
	if (!rep->ok) {
		fputs("FAILED ", stderr);
		put_clean(stderr, rep->error);
	} else if (rep->not_modified) {
		fprintf(stderr, "not modified (%d)", rep->http_status);
	} else {
		fprintf(stderr, "%d: %zu new, %zu updated", rep->http_status,
		    rep->added, rep->updated);
	}
	fprintf(stderr, "  %.2f s\n", rep->seconds);
	if (rep->warning != NULL) {
		fprintf(stderr, "%-24s warning: ", "");
		put_clean(stderr, rep->warning);
		fputc('\n', stderr);
	}
	u->progress_shown = 0;
}

static void
print_refresh_summary(struct refresh_ui *u)
{
	struct refresh_progress p;
	const struct refresh_report *reps;
	size_t n;
	char bytes[32];

	refresh_get_progress(u->r, &p);
	reps = refresh_reports(u->r, &n);
	for (size_t i = 0; i < n; i++) {
		if (!reps[i].ok) {
			char when[32];

			fprintf(stderr, "sitrep: feed %s failed: ", reps[i].key);
			put_clean(stderr, reps[i].error);
			fprintf(stderr, "; next try %s\n", local_date(
			    reps[i].next_due, when, sizeof when));
		} else if (reps[i].warning != NULL && !u->quiet) {
			fprintf(stderr, "sitrep: feed %s: ", reps[i].key);
			put_clean(stderr, reps[i].warning);
			fputc('\n', stderr);
		}
	}
	if (u->quiet)
		return;
	human_bytes(p.bytes, bytes, sizeof bytes);
	fprintf(stderr, "refresh: %zu feeds, %zu failed, %zu new and %zu updated "
	    "articles, %s in %.1f s\n", p.total, p.failed, p.added, p.updated,
	    bytes, p.elapsed);
}

static int
cmd_refresh(const struct cli_globals *g, const struct cmd *c, struct opts *o)
{
	struct refresh_options ro = { 0 };
	struct refresh_ui u = { 0 };
	/* a topic rule that does not compile stops here, like a bad value */
	struct config *cfg = load_config_topics(g, NULL);
	struct store *st = NULL;
	char *cause = NULL;
	int busy = 0, rc = CLI_USAGE;
	size_t removed = 0;

	if (cfg == NULL)
		return CLI_USAGE;
	st = open_cache(g, cfg, 0);
	if (st == NULL)
		goto out;
	ro.force = opt(c, o, "force") != NULL;
	ro.wait_for_lock = opt(c, o, "wait") != NULL;
	ro.ca_file = getenv("SITREP_CA_FILE");
	if (o->nargs > 0) {
		ro.keys = (const char *const *)o->args;
		ro.nkeys = (size_t)o->nargs;
	}
	u.quiet = opt(c, o, "quiet") != NULL;
	u.verbose = opt(c, o, "verbose") != NULL && !u.quiet;
	u.tty = isatty(STDERR_FILENO);
	u.r = refresh_new(cfg, st, &ro, &busy, &cause);
	if (u.r == NULL) {
		if (busy) {
			if (!u.quiet)
				fprintf(stderr, "sitrep: %s\n", cause);
			rc = CLI_OK;
		} else {
			fprintf(stderr, "sitrep refresh: %s\n", cause);
		}
		free(cause);
		goto out;
	}
	refresh_set_callback(u.r, on_feed_done, &u);
	while (refresh_step(u.r, 100, NULL, 0))
		show_progress(&u, 0);
	show_progress(&u, 1);
	print_refresh_summary(&u);
	{
		struct refresh_progress p;

		refresh_get_progress(u.r, &p);
		rc = p.failed > 0 ? CLI_FAILED : CLI_OK;
	}
	refresh_free(u.r);
	if (store_prune(st, cfg->general.keep_days, (int64_t)time(NULL),
	    &removed, &cause) < 0) {
		fprintf(stderr, "sitrep: retention: %s\n", cause);
		free(cause);
	} else if (u.verbose && removed > 0) {
		fprintf(stderr, "refresh: removed %zu articles older than %d "
		    "days (keep_days)\n", removed, cfg->general.keep_days);
	}
out:
	store_close(st);
	config_free(cfg);
	return rc;
}

/* ---------- list ---------- */

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
 * Parses a query for command cname; prints the error (position and
 * suggestion) and returns NULL when it does not parse.
 */
static struct query *
parse_query(const char *cname, const char *text, const struct config *cfg)
{
	struct query_env env;
	struct query_error err;
	struct query *q;

	env.now = (int64_t)time(NULL);
	env.cfg = cfg;
	q = query_parse(text, &env, &err);
	if (q == NULL) {
		fprintf(stderr, "sitrep %s: ", cname);
		put_clean(stderr, err.message);
		fputc('\n', stderr);
		free(err.message);
	}
	return q;
}

static json_object *
json_row(const struct article_row *r)
{
	json_object *j = json_object_new_object();

	json_object_object_add(j, "id", json_object_new_int64(r->id));
	json_object_object_add(j, "feed", json_string_or_null(r->feed_key));
	json_object_object_add(j, "title", json_string_or_null(r->title));
	json_object_object_add(j, "url", json_string_or_null(r->url));
	json_object_object_add(j, "author", json_string_or_null(r->author));
	json_object_object_add(j, "published", json_date(r->published));
	json_object_object_add(j, "read", json_object_new_boolean(r->read));
	json_object_object_add(j, "starred",
	    json_object_new_boolean(r->starred));
	json_object_object_add(j, "dismissed",
	    json_object_new_boolean(r->dismissed));
	json_object_object_add(j, "tags", json_strv(&r->tags));
	json_object_object_add(j, "topics", json_strv(&r->topics));
	json_object_object_add(j, "countries", json_strv(&r->countries));
	return j;
}

enum list_format {
	LIST_TEXT,
	LIST_TSV,
	LIST_JSON
};

static void
print_row_text(const struct article_row *r, size_t width, struct str *line)
{
	const char *title = r->title ? r->title : "(untitled)";
	char date[32], id[32];
	size_t used;

	str_clear(line);
	snprintf(id, sizeof id, "%6" PRId64 " ", r->id);
	str_appendz(line, id);
	str_appendz(line, r->read ? "  " : "N ");
	str_appendz(line, r->starred ? "* " : "  ");
	str_appendz(line, local_date(r->published != DATE_UNKNOWN ?
	    r->published : r->sort_time, date, sizeof date));
	str_appendc(line, ' ');
	text_fit_into(line, r->feed_key, strlen(r->feed_key), 16, 1);
	str_appendc(line, ' ');
	used = text_cols(line->p, line->len);
	if (width > used + 10)
		text_fit_into(line, title, strlen(title), width - used, 0);
	else
		str_appendz(line, title);
	put_clean(stdout, str_cstr(line));
	fputc('\n', stdout);
}

static void
print_row_tsv(const struct article_row *r)
{
	char date[DATE_RFC3339_SIZE];
	char *tags = strv_join(&r->tags, ",");
	char *topics = strv_join(&r->topics, ",");
	char *countries = strv_join(&r->countries, ",");

	printf("%" PRId64 "\t", r->id);
	put_tsv_field(stdout, r->feed_key);
	printf("\t%s\t%d\t%d\t", date_format_rfc3339(r->published, date),
	    r->read, r->starred);
	put_tsv_field(stdout, tags);
	fputc('\t', stdout);
	put_tsv_field(stdout, r->title);
	fputc('\t', stdout);
	put_tsv_field(stdout, r->url);
	fputc('\t', stdout);
	put_tsv_field(stdout, topics);
	fputc('\t', stdout);
	put_tsv_field(stdout, countries);
	fputc('\n', stdout);
	free(tags);
	free(topics);
	free(countries);
}

/* Rows a page at a time, so that a 100k-article cache streams. */
#define LIST_PAGE 500

static int
print_rows(struct store *st, const struct query *q, size_t limit,
    enum list_format fmt)
{
	size_t width = terminal_width(stdout, 0), printed = 0;
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
		for (size_t i = 0; i < n; i++) {
			if (fmt == LIST_JSON) {
				json_object *j = json_row(&rows[i]);

				fputs(printed + i > 0 ? ",\n  " : "\n  ", stdout);
				fputs(json_object_to_json_string_ext(j,
				    JSON_C_TO_STRING_SPACED |
				    JSON_C_TO_STRING_NOSLASHESCAPE), stdout);
				json_object_put(j);
			} else if (fmt == LIST_TSV) {
				print_row_tsv(&rows[i]);
			} else {
				print_row_text(&rows[i], width, &line);
			}
		}
		printed += n;
		if (n > 0) {
			key.sort_time = rows[n - 1].sort_time;
			key.id = rows[n - 1].id;
		}
		article_rows_free(rows, n);
		if (n < want)
			break;
	}
	if (fmt == LIST_JSON)
		fputs(printed > 0 ? "\n]\n" : "]\n", stdout);
	str_free(&line);
	return rc;
}

static int
cmd_list(const struct cli_globals *g, const struct cmd *c, struct opts *o)
{
	struct config *cfg = NULL;
	struct store *st = NULL;
	struct query *q = NULL;
	enum list_format fmt = LIST_TEXT;
	char *text = NULL, *cause = NULL;
	size_t limit = 0;
	int rc = CLI_USAGE;

	if (opt(c, o, "limit") != NULL) {
		long long lim;

		if (parse_number(c, "--limit", opt(c, o, "limit"), 1,
		    100000000, &lim) < 0)
			return CLI_USAGE;
		limit = (size_t)lim;
	}
	if (opt(c, o, "json") && opt(c, o, "tsv")) {
		fprintf(stderr, "sitrep list: choose one of --json and --tsv\n");
		return CLI_USAGE;
	}
	if (opt(c, o, "json"))
		fmt = LIST_JSON;
	else if (opt(c, o, "tsv"))
		fmt = LIST_TSV;
	cfg = load_config_topics(g, NULL);
	if (cfg == NULL)
		return CLI_USAGE;
	text = join_args(o->args, o->nargs);
	/* the words alone first, so that positions are the user's */
	q = parse_query("list", text, cfg);
	if (q == NULL)
		goto out;
	if (opt(c, o, "feed") != NULL || opt(c, o, "unread") != NULL) {
		struct str all = STR_INIT;

		query_free(q);
		if (*text != '\0') {
			str_appendc(&all, '(');
			str_appendz(&all, text);
			str_appendz(&all, ")");
		}
		if (opt(c, o, "feed") != NULL) {
			str_appendz(&all, " feed:\"");
			str_appendz(&all, opt(c, o, "feed"));
			str_appendc(&all, '"');
		}
		if (opt(c, o, "unread") != NULL)
			str_appendz(&all, " unread");
		q = parse_query("list", str_cstr(&all), cfg);
		str_free(&all);
		if (q == NULL)
			goto out;
	}
	st = open_cache(g, cfg, 1);
	if (st == NULL)
		goto out;
	if (opt(c, o, "count") != NULL) {
		int64_t total = 0, unread = 0;

		if (query_count(st, q, &total, &unread, &cause) < 0) {
			fprintf(stderr, "sitrep list: %s\n", cause);
			free(cause);
			goto out;
		}
		if (fmt == LIST_JSON)
			printf("{ \"total\": %" PRId64 ", \"unread\": %" PRId64
			    " }\n", total, unread);
		else if (fmt == LIST_TSV)
			printf("total\tunread\n%" PRId64 "\t%" PRId64 "\n",
			    total, unread);
		else
			printf("%" PRId64 " articles, %" PRId64 " unread\n",
			    total, unread);
		rc = CLI_OK;
		goto out;
	}
	if (print_rows(st, q, limit, fmt) == 0)
		rc = CLI_OK;
out:
	query_free(q);
	free(text);
	store_close(st);
	config_free(cfg);
	return rc;
}

/* ---------- tag, mark ---------- */

/* An article id: digits only, at least 1. */
static int
parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1)
		return -1;
	*id = v;
	return 0;
}

static int
cmd_tag(const struct cli_globals *g, const struct cmd *c, struct opts *o)
{
	int64_t *ids = xcalloc((size_t)o->nargs + 1, sizeof *ids);
	const char **names = xcalloc((size_t)o->nargs + 1, sizeof *names);
	int *adds = xcalloc((size_t)o->nargs + 1, sizeof *adds);
	size_t nids = 0, nnames = 0;
	struct config *cfg = NULL;
	struct store *st = NULL;
	int rc = CLI_USAGE, failed = 0;

	for (int i = 0; i < o->nargs; i++) {
		const char *a = o->args[i];
		int64_t id;

		if (parse_id(a, &id) == 0) {
			ids[nids++] = id;
			continue;
		}
		adds[nnames] = *a != '-';
		if (*a == '+' || *a == '-')
			a++;
		if (!store_tag_name_valid(a)) {
			fprintf(stderr, "sitrep tag: '");
			put_clean(stderr, o->args[i]);
			fprintf(stderr, "' is neither an article id nor +TAG or "
			    "-TAG (a tag is 1 to 64 letters, digits and "
			    "- _ . / :)\n");
			goto out;
		}
		names[nnames++] = a;
	}
	if (nids == 0 || nnames == 0) {
		print_cmd_help(stderr, c);
		goto out;
	}
	cfg = load_config(g);
	if (cfg == NULL)
		goto out;
	st = open_cache(g, cfg, 0);
	if (st == NULL)
		goto out;
	for (size_t i = 0; i < nids; i++) {
		for (size_t k = 0; k < nnames; k++) {
			char *cause = NULL;
			int r = store_item_tag(st, ids[i], names[k], adds[k],
			    &cause);

			if (r < 0) {
				fprintf(stderr, "sitrep tag: %s\n", cause);
				free(cause);
				failed = 1;
				break;
			}
			if (r == 0) {
				fprintf(stderr, "sitrep tag: no article %" PRId64
				    " in the cache (sitrep list shows the ids)\n",
				    ids[i]);
				failed = 1;
				break;
			}
		}
	}
	rc = failed ? CLI_FAILED : CLI_OK;
out:
	store_close(st);
	config_free(cfg);
	free(ids);
	free(names);
	free(adds);
	return rc;
}

static const struct mark_action {
	const char *word;
	enum store_flag flag;
	int value;
} mark_actions[] = {
	{ "read", STORE_FLAG_READ, 1 },
	{ "unread", STORE_FLAG_READ, 0 },
	{ "star", STORE_FLAG_STARRED, 1 },
	{ "unstar", STORE_FLAG_STARRED, 0 },
	{ "dismiss", STORE_FLAG_DISMISSED, 1 },
	{ "undismiss", STORE_FLAG_DISMISSED, 0 },
};

#define NMARK (sizeof mark_actions / sizeof mark_actions[0])

static int
cmd_mark(const struct cli_globals *g, const struct cmd *c, struct opts *o)
{
	int64_t *ids = xcalloc((size_t)o->nargs + 1, sizeof *ids);
	const struct mark_action **acts = xcalloc((size_t)o->nargs + 1,
	    sizeof *acts);
	size_t nids = 0, nacts = 0;
	struct config *cfg = NULL;
	struct store *st = NULL;
	int rc = CLI_USAGE, failed = 0;

	for (int i = 0; i < o->nargs; i++) {
		const char *a = o->args[i];
		const struct mark_action *m = NULL;
		int64_t id;

		if (parse_id(a, &id) == 0) {
			ids[nids++] = id;
			continue;
		}
		for (size_t k = 0; k < NMARK; k++)
			if (strcmp(a, mark_actions[k].word) == 0)
				m = &mark_actions[k];
		if (m == NULL) {
			const char *words[NMARK];
			const char *best;

			for (size_t k = 0; k < NMARK; k++)
				words[k] = mark_actions[k].word;
			best = suggest_closest(a, words, NMARK);
			fprintf(stderr, "sitrep mark: '");
			put_clean(stderr, a);
			if (best != NULL)
				fprintf(stderr, "' is not an article id or an "
				    "action; did you mean '%s'?\n", best);
			else
				fprintf(stderr, "' is not an article id or an "
				    "action (read unread star unstar dismiss "
				    "undismiss)\n");
			goto out;
		}
		acts[nacts++] = m;
	}
	if (nids == 0 || nacts == 0) {
		print_cmd_help(stderr, c);
		goto out;
	}
	cfg = load_config(g);
	if (cfg == NULL)
		goto out;
	st = open_cache(g, cfg, 0);
	if (st == NULL)
		goto out;
	for (size_t i = 0; i < nids; i++) {
		for (size_t k = 0; k < nacts; k++) {
			char *cause = NULL;
			int r = store_item_set_flag(st, ids[i], acts[k]->flag,
			    acts[k]->value, &cause);

			if (r < 0) {
				fprintf(stderr, "sitrep mark: %s\n", cause);
				free(cause);
				failed = 1;
				break;
			}
			if (r == 0) {
				fprintf(stderr, "sitrep mark: no article %" PRId64
				    " in the cache (sitrep list shows the ids)\n",
				    ids[i]);
				failed = 1;
				break;
			}
		}
	}
	rc = failed ? CLI_FAILED : CLI_OK;
out:
	store_close(st);
	config_free(cfg);
	free(ids);
	free(acts);
	return rc;
}

/* ---------- topics, countries, tags ---------- */

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

static int
facet_command(const struct cli_globals *g, const struct cmd *c,
    struct opts *o, enum facet_kind kind, const char *heading)
{
	struct config *cfg;
	struct store *st = NULL;
	struct facet_count *v = NULL;
	struct query_env env;
	size_t n = 0;
	char *cause = NULL;
	int rc = CLI_USAGE;

	if (o->nargs > 0) {
		fprintf(stderr, "sitrep %s: unexpected argument '", c->name);
		put_clean(stderr, o->args[0]);
		fprintf(stderr, "'\n");
		return CLI_USAGE;
	}
	cfg = kind == FACET_TOPIC ? load_config_topics(g, NULL) :
	    load_config(g);
	if (cfg == NULL)
		return CLI_USAGE;
	st = open_cache(g, cfg, 1);
	if (st == NULL)
		goto out;
	env.now = (int64_t)time(NULL);
	env.cfg = cfg;
	if (query_facets(st, kind, &env, &v, &n, &cause) < 0) {
		fprintf(stderr, "sitrep %s: %s\n", c->name, cause);
		free(cause);
		goto out;
	}
	if (opt(c, o, "json")) {
		json_object *a = json_object_new_array();
		char first[DATE_RFC3339_SIZE];

		/* the histogram's first day, YYYY-MM-DD */
		date_format_rfc3339(((env.now / 86400) - (FACET_DAYS - 1)) *
		    86400, first);
		first[10] = '\0';
		for (size_t i = 0; i < n; i++) {
			json_object *j = json_object_new_object();
			json_object *days = json_object_new_array();

			json_object_object_add(j, "key",
			    json_string_or_null(v[i].key));
			json_object_object_add(j, "label",
			    json_string_or_null(v[i].label));
			json_object_object_add(j, "total",
			    json_object_new_int64(v[i].total));
			json_object_object_add(j, "unread",
			    json_object_new_int64(v[i].unread));
			for (int d = 0; d < FACET_DAYS; d++)
				json_object_array_add(days,
				    json_object_new_int64(v[i].per_day[d]));
			json_object_object_add(j, "per_day", days);
			json_object_object_add(j, "first_day",
			    json_object_new_string(first));
			json_object_array_add(a, j);
		}
		json_print(a);
		json_object_put(a);
	} else {
		struct str line = STR_INIT;

		printf("%-24s %-28s %6s %6s  %s\n", heading, "", "UNREAD",
		    "TOTAL", "LAST 14 DAYS");
		for (size_t i = 0; i < n; i++) {
			str_clear(&line);
			text_fit_into(&line, v[i].key, strlen(v[i].key), 24, 1);
			str_appendc(&line, ' ');
			text_fit_into(&line, v[i].label, strlen(v[i].label), 28,
			    1);
			str_appendf(&line, " %6" PRId64 " %6" PRId64 "  ",
			    v[i].unread, v[i].total);
			sparkline(&line, v[i].per_day, FACET_DAYS);
			put_clean(stdout, str_cstr(&line));
			fputc('\n', stdout);
		}
		str_free(&line);
	}
	rc = CLI_OK;
out:
	facet_counts_free(v, n);
	store_close(st);
	config_free(cfg);
	return rc;
}

static int
cmd_topics(const struct cli_globals *g, const struct cmd *c, struct opts *o)
{
	return facet_command(g, c, o, FACET_TOPIC, "TOPIC");
}

static int
cmd_countries(const struct cli_globals *g, const struct cmd *c,
    struct opts *o)
{
	if (opt(c, o, "regions") != NULL)
		return facet_command(g, c, o, FACET_REGION, "REGION");
	return facet_command(g, c, o, FACET_COUNTRY, "COUNTRY");
}

static int
cmd_tags(const struct cli_globals *g, const struct cmd *c, struct opts *o)
{
	return facet_command(g, c, o, FACET_TAG, "TAG");
}

/* ---------- reclassify ---------- */

static int
cmd_reclassify(const struct cli_globals *g, const struct cmd *c,
    struct opts *o)
{
	struct classifier *cl = NULL;
	struct config *cfg;
	struct store *st = NULL;
	struct timespec t0, t1;
	size_t seen = 0, changed = 0;
	char *cause = NULL;
	int rc = CLI_USAGE;

	(void)c;
	if (o->nargs > 0) {
		fprintf(stderr, "sitrep reclassify: unexpected argument '");
		put_clean(stderr, o->args[0]);
		fprintf(stderr, "'\n");
		return CLI_USAGE;
	}
	cfg = load_config_topics(g, &cl);
	if (cfg == NULL)
		return CLI_USAGE;
	st = open_cache(g, cfg, 0);
	if (st == NULL)
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (ingest_reclassify(st, cl, &seen, &changed, &cause) < 0) {
		fprintf(stderr, "sitrep reclassify: %s\n", cause);
		free(cause);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (opt(c, o, "quiet") == NULL)
		fprintf(stderr, "reclassify: %zu articles, %zu changed, in "
		    "%.1f s\n", seen, changed, (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	rc = CLI_OK;
out:
	classifier_free(cl);
	store_close(st);
	config_free(cfg);
	return rc;
}

/* ---------- show ---------- */

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
		put_clean(stdout, lines.v[i]);
		fputc('\n', stdout);
	}
	strv_free(&lines);
}

static void
print_article(const struct store_item *it, size_t width)
{
	const char *html = it->content && *it->content ? it->content :
	    it->summary;
	struct render_doc *doc;
	char date[32];
	char *cats = strv_join(&it->categories, ", ");
	char *tags = strv_join(&it->tags, ", ");
	struct str flags = STR_INIT;

	print_header_field("Title:", it->title ? it->title : "(untitled)",
	    width);
	print_header_field("Feed:", it->feed_title ? it->feed_title :
	    it->feed_key, width);
	print_header_field("Author:", it->author, width);
	print_header_field("Date:", local_date(it->published, date,
	    sizeof date), width);
	print_header_field("Sections:", cats, width);
	print_header_field("Tags:", tags, width);
	str_appendz(&flags, it->read ? "read" : "unread");
	if (it->starred)
		str_appendz(&flags, ", starred");
	if (it->dismissed)
		str_appendz(&flags, ", dismissed");
	print_header_field("State:", str_cstr(&flags), width);
	print_header_field("Link:", it->url, width);
	fputc('\n', stdout);
	doc = render_html(html ? html : "", html ? strlen(html) : 0, width,
	    it->url);
	for (size_t i = 0; i < doc->nlines; i++) {
		put_clean(stdout, doc->lines[i].text);
		fputc('\n', stdout);
	}
	for (size_t i = 0; i < it->nenclosures; i++) {
		if (i == 0)
			fputc('\n', stdout);
		printf("Attachment: ");
		put_clean(stdout, it->enclosures[i].url);
		if (it->enclosures[i].type != NULL) {
			printf(" (");
			put_clean(stdout, it->enclosures[i].type);
			printf(")");
		}
		fputc('\n', stdout);
	}
	if (doc->links.n > 0) {
		printf("\nLinks:\n");
		for (size_t i = 0; i < doc->links.n; i++) {
			printf("[%zu] ", i + 1);
			put_clean(stdout, doc->links.v[i]);
			fputc('\n', stdout);
		}
	}
	render_doc_free(doc);
	str_free(&flags);
	free(cats);
	free(tags);
}

static int
cmd_show(const struct cli_globals *g, const struct cmd *c, struct opts *o)
{
	struct store_item it = { 0 };
	struct config *cfg;
	struct store *st;
	long long id, width = (long long)terminal_width(stdout, 80);
	char *cause = NULL;
	int rc = CLI_USAGE, found;

	if (o->nargs != 1) {
		print_cmd_help(stderr, c);
		return CLI_USAGE;
	}
	if (parse_number(c, "article id", o->args[0], 1, INT64_MAX, &id) < 0)
		return CLI_USAGE;
	if (opt(c, o, "width") != NULL &&
	    parse_number(c, "--width", opt(c, o, "width"), 20, 1000,
	    &width) < 0)
		return CLI_USAGE;
	cfg = load_config(g);
	if (cfg == NULL)
		return CLI_USAGE;
	st = open_cache(g, cfg, 1);
	if (st == NULL)
		goto out;
	found = store_item_get(st, id, &it, &cause);
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
out:
	store_close(st);
	config_free(cfg);
	return rc;
}

/* ---------- feeds ---------- */

static const char *
feed_status_word(const struct store_feed *f, int in_config)
{
	if (!in_config)
		return "not in config";
	if (f->gone)
		return "gone";
	if (f->last_fetch == 0)
		return "never fetched";
	if (f->last_error != NULL && f->fail_count > 0)
		return "failing";
	if (f->last_error != NULL)
		return "warning";
	return "ok";
}

static int
cmd_feeds(const struct cli_globals *g, const struct cmd *c, struct opts *o)
{
	struct config *cfg;
	struct store *st;
	struct store_feed *feeds = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc = CLI_USAGE;

	if (o->nargs > 0) {
		fprintf(stderr, "sitrep feeds: unexpected argument '%s'\n",
		    o->args[0]);
		return CLI_USAGE;
	}
	cfg = load_config(g);
	if (cfg == NULL)
		return CLI_USAGE;
	st = open_cache(g, cfg, 0);
	if (st == NULL)
		goto out;
	/* Feeds of the config that were never fetched are listed too. */
	for (size_t i = 0; i < cfg->nfeeds; i++) {
		if (store_feed_sync(st, cfg->feeds[i].key, cfg->feeds[i].url,
		    cfg->feeds[i].title, &cause) < 0) {
			fprintf(stderr, "sitrep feeds: %s\n", cause);
			free(cause);
			goto out;
		}
	}
	if (store_feed_list(st, &feeds, &n, &cause) < 0) {
		fprintf(stderr, "sitrep feeds: %s\n", cause);
		free(cause);
		goto out;
	}
	if (opt(c, o, "json")) {
		json_object *a = json_object_new_array();

		for (size_t i = 0; i < n; i++) {
			const struct store_feed *f = &feeds[i];
			const struct config_feed *cf = config_feed_find(cfg,
			    f->key);
			json_object *j = json_object_new_object();

			json_object_object_add(j, "key",
			    json_string_or_null(f->key));
			json_object_object_add(j, "title",
			    json_string_or_null(f->title));
			json_object_object_add(j, "url",
			    json_string_or_null(f->url));
			json_object_object_add(j, "enabled",
			    json_object_new_boolean(cf && cf->enabled));
			json_object_object_add(j, "items",
			    json_object_new_int64(f->items));
			json_object_object_add(j, "unread",
			    json_object_new_int64(f->unread));
			json_object_object_add(j, "last_fetch",
			    json_date(f->last_fetch));
			json_object_object_add(j, "next_due",
			    json_date(f->next_due));
			json_object_object_add(j, "http_status",
			    json_object_new_int(f->last_status));
			json_object_object_add(j, "status",
			    json_object_new_string(feed_status_word(f,
			    cf != NULL)));
			json_object_object_add(j, "error",
			    json_string_or_null(f->last_error));
			json_object_object_add(j, "moved_to",
			    json_string_or_null(f->new_url));
			json_object_array_add(a, j);
		}
		json_print(a);
		json_object_put(a);
	} else {
		struct str line = STR_INIT;
		char when[32];

		printf("%-20s %-13s %6s %6s %-16s %s\n", "FEED", "STATUS",
		    "ITEMS", "UNREAD", "LAST FETCH", "TITLE / ERROR");
		for (size_t i = 0; i < n; i++) {
			const struct store_feed *f = &feeds[i];
			const char *tail = f->last_error ? f->last_error :
			    f->title ? f->title : f->url;

			str_clear(&line);
			text_fit_into(&line, f->key, strlen(f->key), 20, 1);
			str_appendf(&line, " %-13s %6" PRId64 " %6" PRId64
			    " %-16s ", feed_status_word(f,
			    config_feed_find(cfg, f->key) != NULL), f->items,
			    f->unread, f->last_fetch ? local_date(f->last_fetch,
			    when, sizeof when) : "never");
			str_appendz(&line, tail ? tail : "");
			put_clean(stdout, str_cstr(&line));
			fputc('\n', stdout);
		}
		str_free(&line);
	}
	rc = CLI_OK;
out:
	store_feeds_free(feeds, n);
	store_close(st);
	config_free(cfg);
	return rc;
}

/* ---------- the table ---------- */

static const struct opt_spec parse_opts_spec[] = {
	{ "base-url", 1 }, { "json", 0 }, { NULL, 0 } };
static const struct opt_spec refresh_opts_spec[] = {
	{ "force", 0 }, { "quiet", 0 }, { "verbose", 0 }, { "wait", 0 },
	{ NULL, 0 } };
static const struct opt_spec list_opts_spec[] = {
	{ "feed", 1 }, { "unread", 0 }, { "limit", 1 }, { "json", 0 },
	{ "tsv", 0 }, { "count", 0 }, { NULL, 0 } };
static const struct opt_spec json_opts_spec[] = {
	{ "json", 0 }, { NULL, 0 } };
static const struct opt_spec countries_opts_spec[] = {
	{ "json", 0 }, { "regions", 0 }, { NULL, 0 } };
static const struct opt_spec reclassify_opts_spec[] = {
	{ "quiet", 0 }, { NULL, 0 } };
static const struct opt_spec show_opts_spec[] = {
	{ "width", 1 }, { NULL, 0 } };
static const struct opt_spec feeds_opts_spec[] = {
	{ "json", 0 }, { NULL, 0 } };

static const struct cmd commands[] = {
	{ "refresh", cmd_refresh, refresh_opts_spec,
	  "[FEED...] [--force] [--wait] [--quiet|--verbose]",
	  "Fetches the feeds that are due (the named ones now) and stores new\n"
	  "and changed articles.\n\n"
	  "  --force    fetch every feed (or the named ones) now, also gone ones\n"
	  "  --wait     wait when another refresh runs on this cache (default:\n"
	  "             skip with a message)\n"
	  "  --quiet    print only failures (for cron)\n"
	  "  --verbose  print one line per feed\n\n"
	  "Exit status: 0 all succeeded, 1 some failed (each is named with its\n"
	  "reason), 2 usage, configuration or cache errors.\n", 0 },
	{ "list", cmd_list, list_opts_spec,
	  "[QUERY...] [--feed KEY] [--unread] [--limit N] [--json|--tsv]\n"
	  "             [--count]",
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
	  "  --json      a JSON array of articles with topics, countries, tags\n"
	  "  --tsv       tab-separated values with a header line\n"
	  "  --count     only how many match and how many are unread\n\n"
	  "Exit status: 0 done, 2 a query, configuration or cache error.\n",
	  1 },
	{ "tag", cmd_tag, NULL, "ID... +TAG|-TAG...",
	  "Adds (+TAG, or a plain TAG that is not a number) and removes (-TAG)\n"
	  "tags on articles.  A tag is 1 to 64 letters, digits and - _ . / :\n"
	  "and compares without regard to case.  Tags survive refreshes,\n"
	  "reclassification and retention (a tagged article is kept).\n\n"
	  "Example: sitrep tag 412 415 +brief -todo\n\n"
	  "Exit status: 0 done, 1 an article was not found (the others are\n"
	  "tagged), 2 usage or cache errors.\n", 1 },
	{ "mark", cmd_mark, NULL,
	  "ID... read|unread|star|unstar|dismiss|undismiss",
	  "Sets the state of articles.  A dismissed article is hidden from\n"
	  "every view and list, not deleted (`sitrep list dismissed` shows it).\n\n"
	  "Example: sitrep mark 412 415 read star\n\n"
	  "Exit status: 0 done, 1 an article was not found, 2 usage or cache\n"
	  "errors.\n", 0 },
	{ "topics", cmd_topics, json_opts_spec, "[--json]",
	  "Lists the topics of the config with their unread and total\n"
	  "articles and a sparkline of the last 14 days (one bar a UTC day,\n"
	  "today last).  Dismissed articles do not count.\n\n"
	  "  --json  an array of {key, label, total, unread, per_day[14],\n"
	  "          first_day}\n", 0 },
	{ "countries", cmd_countries, countries_opts_spec,
	  "[--regions] [--json]",
	  "Lists the countries articles name, most unread first, with their\n"
	  "unread and total articles and a sparkline of the last 14 days.\n\n"
	  "  --regions  regions and groups instead (east-asia, nato, ...): an\n"
	  "             article counts when it names one or one of its members\n"
	  "  --json     an array of {key, label, total, unread, per_day[14],\n"
	  "             first_day}\n", 0 },
	{ "tags", cmd_tags, json_opts_spec, "[--json]",
	  "Lists the tags in use with their unread and total articles and a\n"
	  "sparkline of the last 14 days.\n\n"
	  "  --json  an array of {key, label, total, unread, per_day[14],\n"
	  "          first_day}\n", 0 },
	{ "reclassify", cmd_reclassify, reclassify_opts_spec, "[--quiet]",
	  "Runs the topic rules and the country finder again over every\n"
	  "article in the cache, after the config's [topic:KEY] sections\n"
	  "changed.  Read, starred, dismissed and tags are kept.\n\n"
	  "  --quiet  print nothing on success\n\n"
	  "Exit status: 0 done, 2 a bad topic rule or a cache error.\n", 0 },
	{ "show", cmd_show, show_opts_spec, "ID [--width N]",
	  "Prints one article as wrapped text with numbered links.\n\n"
	  "  --width N  wrap at N columns (default: the terminal, else 80)\n", 0 },
	{ "feeds", cmd_feeds, feeds_opts_spec, "[--json]",
	  "Lists the feeds: key, status, articles, unread, last fetch, and the\n"
	  "title or the last error.\n\n"
	  "  --json  a JSON array with key, title, url, items, unread,\n"
	  "          last_fetch, next_due, status and error\n", 0 },
	{ "parse", cmd_parse, parse_opts_spec, "FILE|- [--base-url URL] [--json]",
	  "Parses one feed document (RSS, RDF, Atom or JSON Feed) without\n"
	  "touching the cache and prints what sitrep sees in it.\n\n"
	  "  --base-url URL  resolve relative links against URL\n"
	  "  --json          the parsed document as JSON\n", 0 },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct cmd *
find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int
cli_is_command(const char *name)
{
	return find_command(name) != NULL;
}

void
cli_print_usage(FILE *out)
{
	fprintf(out,
	    "usage: sitrep [--config FILE] [--cache FILE] [--demo]\n"
	    "       sitrep [--config FILE] [--cache FILE] COMMAND [ARGS]\n\n"
	    "A terminal reader for geopolitical and security briefings.\n"
	    "Without a command, the interface opens (? in it lists the keys).\n\n"
	    "Commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
		    commands[i].usage);
	fprintf(out,
	    "\nOptions:\n"
	    "  --config FILE  the configuration (default: "
	    "$XDG_CONFIG_HOME/sitrep/config.ini)\n"
	    "  --cache FILE   the article cache (default: "
	    "$XDG_DATA_HOME/sitrep/cache.db)\n"
	    "  --demo         the interface on a throwaway cache of sample "
	    "feeds, no network\n"
	    "  --help         this text; sitrep COMMAND --help for one command\n"
	    "  --version      the version\n");
}

int
cli_run(const struct cli_globals *g, int argc, char **argv)
{
	const struct cmd *c = find_command(argv[0]);
	struct opts o;
	int rc;

	if (c == NULL) {
		const char *names[NCOMMANDS];
		const char *best;

		for (size_t i = 0; i < NCOMMANDS; i++)
			names[i] = commands[i].name;
		best = suggest_closest(argv[0], names, NCOMMANDS);
		fprintf(stderr, "sitrep: unknown command '%s'", argv[0]);
		if (best != NULL)
			fprintf(stderr, "; did you mean '%s'?", best);
		fprintf(stderr, " (sitrep --help lists them)\n");
		return CLI_USAGE;
	}
	rc = parse_opts(c, argc, argv, &o);
	if (rc == 0)
		rc = c->run(g, c, &o);
	else
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
	free(o.args);
	return rc;
}
