/*
 * cmd_feeds: `sitrep feeds`, every feed of the config and the cache with
 * its status, counts, last fetch and last error, as a table or JSON.  A
 * file of its own: it is where errors-as-data (DESIGN.md) reach the user
 * without the interface.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "config.h"
#include "store.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

/* One word for the state of a feed, as the table and JSON show it. */
static const char *
feed_status_word(const struct store_feed *f, const struct config_feed *cf)
{
	if (cf == NULL)
		return "not in config";
	if (!cf->enabled)
		return "disabled";
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

static json_object *
json_feed(const struct store_feed *f, const struct config_feed *cf)
{
	json_object *j = json_object_new_object();

	json_object_object_add(j, "key", cli_json_string(f->key));
	json_object_object_add(j, "title", cli_json_string(f->title));
	json_object_object_add(j, "url", cli_json_string(f->url));
	json_object_object_add(j, "enabled",
	    json_object_new_boolean(cf && cf->enabled));
	json_object_object_add(j, "items", json_object_new_int64(f->items));
	json_object_object_add(j, "unread", json_object_new_int64(f->unread));
	json_object_object_add(j, "last_fetch", cli_json_date(f->last_fetch));
	json_object_object_add(j, "next_due", cli_json_date(f->next_due));
	json_object_object_add(j, "http_status",
	    json_object_new_int(f->last_status));
	json_object_object_add(j, "status",
	    json_object_new_string(feed_status_word(f, cf)));
	json_object_object_add(j, "tags", cf != NULL ?
	    cli_json_strv(&cf->tags) : json_object_new_array());
	json_object_object_add(j, "error", cli_json_string(f->last_error));
	json_object_object_add(j, "moved_to", cli_json_string(f->new_url));
	return j;
}

static void
print_feeds_json(const struct config *cfg, const struct store_feed *feeds,
    size_t n)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, json_feed(&feeds[i],
		    config_feed_find(cfg, feeds[i].key)));
	cli_json_print_free(a);
}

/*
 * The table.  A key is what the user types back (`sitrep refresh KEY`,
 * `feed:KEY`), so the column is as wide as the longest key and never cut;
 * the title or error at the end is cut to the terminal instead.
 */
static void
print_feeds_text(const struct config *cfg, const struct store_feed *feeds,
    size_t n)
{
	struct str line = STR_INIT;
	size_t keyw = 4, width = cli_terminal_width(stdout, 0);
	char when[32];

	for (size_t i = 0; i < n; i++) {
		size_t w = text_cols(feeds[i].key, strlen(feeds[i].key));

		if (w > keyw)
			keyw = w;
	}
	str_clear(&line);
	text_fit_into(&line, "FEED", 4, keyw, 1);
	str_appendf(&line, " %-13s %6s %6s %-16s %s", "STATUS", "ITEMS",
	    "UNREAD", "LAST FETCH", "TITLE / ERROR");
	cli_put_clean_line(stdout, str_cstr(&line));
	for (size_t i = 0; i < n; i++) {
		const struct store_feed *f = &feeds[i];
		const struct config_feed *cf = config_feed_find(cfg, f->key);
		const char *tail = f->last_error ? f->last_error :
		    f->title ? f->title : f->url;
		struct str end = STR_INIT;
		size_t used;

		str_clear(&line);
		text_fit_into(&line, f->key, strlen(f->key), keyw, 1);
		str_appendf(&line, " %-13s %6" PRId64 " %6" PRId64 " %-16s ",
		    feed_status_word(f, cf), f->items, f->unread,
		    f->last_fetch ? cli_local_date(f->last_fetch, when,
		    sizeof when) : "never");
		str_appendz(&end, tail ? tail : "");
		if (cf != NULL && cf->tags.n > 0) {
			char *tags = strv_join(&cf->tags, ", ");

			str_appendf(&end, " [%s]", tags);
			free(tags);
		}
		used = text_cols(str_cstr(&line), line.len);
		if (width > used + 8)
			text_fit_into(&line, str_cstr(&end), end.len,
			    width - used, 0);
		else
			str_appendz(&line, str_cstr(&end));
		cli_put_clean_line(stdout, str_cstr(&line));
		str_free(&end);
	}
	str_free(&line);
}

static int
feed_key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct store_feed *)a)->key,
	    ((const struct store_feed *)b)->key);
}

/* No cache yet: every feed of the config, never fetched, by key. */
static void
config_feed_list(const struct config *cfg, struct store_feed **out,
    size_t *n)
{
	*out = xcalloc(cfg->nfeeds + 1, sizeof **out);
	for (size_t i = 0; i < cfg->nfeeds; i++) {
		const struct config_feed *cf = &cfg->feeds[i];
		struct store_feed *f = &(*out)[i];

		f->key = xstrdup(cf->key);
		f->url = xstrdup(cf->url);
		f->title = xstrdup(cf->title != NULL ? cf->title : cf->key);
	}
	*n = cfg->nfeeds;
	qsort(*out, *n, sizeof **out, feed_key_cmp);
}

/* Feeds of the config that were never fetched are listed too. */
static int
sync_config_feeds(struct store *st, const struct config *cfg)
{
	char *cause = NULL;

	for (size_t i = 0; i < cfg->nfeeds; i++) {
		if (store_feed_sync(st, cfg->feeds[i].key, cfg->feeds[i].url,
		    cfg->feeds[i].title, &cause) < 0) {
			fprintf(stderr, "sitrep feeds: %s\n", cause);
			free(cause);
			return -1;
		}
	}
	return 0;
}

static int
run_feeds(const struct cli_globals *g, const struct cli_command *c,
    struct cli_args *a)
{
	struct cli_context ctx;
	struct store_feed *feeds = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc = CLI_USAGE;

	if (cli_no_arguments(c, a) < 0)
		return CLI_USAGE;
	/* before the first refresh (after an import, say): the config's */
	if (cli_context_open(g, CLI_MAYBE_NO_CACHE, &ctx) < 0)
		return CLI_USAGE;
	if (ctx.st == NULL)
		config_feed_list(ctx.cfg, &feeds, &n);
	else if (sync_config_feeds(ctx.st, ctx.cfg) < 0)
		goto out;
	else if (store_feed_list(ctx.st, &feeds, &n, &cause) < 0) {
		fprintf(stderr, "sitrep feeds: %s\n", cause);
		free(cause);
		goto out;
	}
	if (cli_opt(c, a, "json"))
		print_feeds_json(ctx.cfg, feeds, n);
	else
		print_feeds_text(ctx.cfg, feeds, n);
	rc = CLI_OK;
out:
	store_feeds_free(feeds, n);
	cli_context_close(&ctx);
	return rc;
}

static const struct cli_option feeds_options[] = {
	{ "json", 0 }, { NULL, 0 } };

const struct cli_command cmd_feeds_entry = {
	"feeds", "[--json]", feeds_options, run_feeds,
	"Lists the feeds: key, status, articles, unread, last fetch, and the\n"
	"title or the last error.\n\n"
	"  --json  a JSON array with key, title, url, enabled, items, unread,\n"
	"          last_fetch, next_due, http_status, status (ok, warning,\n"
	"          failing, gone, disabled, never fetched, not in config),\n"
	"          error, moved_to and tags (the config's tags = ...)\n",
	0
};
