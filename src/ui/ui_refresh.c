/*
 * ui_refresh: the interface's side of a refresh: starting one (R, C-r, the
 * automatic one), reporting progress and failures, re-reading the list as
 * feeds are stored.  The loop in ui.c moves it along with refresh_step.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui_int.h"
#include "ui_text.h"
#include "xalloc.h"

/* While a refresh stores feeds, the list is re-read at most this often. */
#define REFRESH_RELOAD_MS 700
/* Automatic refreshes never come closer together than this. */
#define AUTO_MIN_GAP_S 30

static void
on_feed_done(void *ctx, const struct refresh_report *rep)
{
	struct ui *u = ctx;
	int64_t now = ui_now_ms();

	u->refresh_added += rep->added;
	if (rep->added > 0 || rep->updated > 0) {
		if (!u->reload_list)
			u->counts_due_ms = now + REFRESH_RELOAD_MS;
		u->reload_list = 1;
		u->reload_counts = 1;
	}
	u->dirty = 1;
}

/*
 * The first time an enabled feed of the config is due, UTC seconds (0: a
 * feed is due now); returns 0 when there is none or the cache is unread.
 */
static int
earliest_due(struct ui *u, int64_t *first)
{
	struct store_feed *v = NULL;
	size_t n = 0;
	char *cause = NULL;
	int found = 0;

	if (store_feed_list(u->st, &v, &n, &cause) < 0) {
		free(cause);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const struct config_feed *cf = config_feed_find(u->cfg, v[i].key);

		if (cf == NULL || !cf->enabled || v[i].gone)
			continue;
		if (!found || v[i].next_due < *first)
			*first = v[i].next_due;
		found = 1;
	}
	store_feeds_free(v, n);
	return found;
}

/*
 * The next automatic refresh: a second after the first feed falls due, at
 * least AUTO_MIN_GAP_S away; refresh_minutes when there is no feed to go
 * by.  A timer of refresh_minutes alone fires just before each feed's due
 * time (which adds up to 10% of jitter) and fetches it every second time.
 */
void
ui_refresh_schedule(struct ui *u)
{
	int mins = u->cfg->general.refresh_minutes > 0 ?
	    u->cfg->general.refresh_minutes : 30;
	int64_t now = (int64_t)time(NULL), wait_s = (int64_t)mins * 60;
	int64_t due = 0;

	if (!u->cfg->ui.auto_refresh) {
		u->next_auto_ms = 0;
		return;
	}
	if (earliest_due(u, &due))
		wait_s = due - now;
	if (wait_s < AUTO_MIN_GAP_S)
		wait_s = AUTO_MIN_GAP_S;
	/* a second past the due time, so that the feed is due then */
	u->next_auto_ms = ui_now_ms() + (wait_s + 1) * 1000;
}

void
ui_refresh_start(struct ui *u, int manual, const char *const *keys,
    size_t nkeys, int force)
{
	struct refresh_options o = { 0 };
	char *cause = NULL;
	int busy = 0;

	if (u->refresh != NULL) {
		if (manual)
			ui_message(u, 0, "a refresh is already running");
		return;
	}
	o.force = force;
	o.keys = keys;
	o.nkeys = nkeys;
	o.ca_file = getenv("SITREP_CA_FILE");
	u->refresh = refresh_new(u->cfg, u->st, &o, &busy, &cause);
	if (u->refresh == NULL) {
		if (busy) {
			u->other_busy = 1;
			u->other_busy_ms = ui_now_ms();
			ui_message(u, 0, "another sitrep is refreshing this cache; "
			    "its articles appear when it is done");
		} else {
			ui_message(u, 1, "refresh: %s", cause);
		}
		free(cause);
		ui_refresh_schedule(u);
		return;
	}
	u->other_busy = 0;
	u->refresh_manual = manual;
	u->refresh_added = 0;
	refresh_set_callback(u->refresh, on_feed_done, u);
	u->dirty = 1;
}

/*
 * What a refresh with failures says: each failure goes to the message log
 * (M), the line says how many and where to read them; one failure is
 * named on the line itself.  When no feed reached the network, one line
 * says so instead of twenty.
 */
static void
report_failures(struct ui *u, const struct refresh_progress *p,
    const struct refresh_report *reps, size_t n)
{
	const struct refresh_report *first = NULL;
	size_t net = 0;
	char key[32];

	for (size_t i = 0; i < n; i++) {
		if (reps[i].ok)
			continue;
		if (first == NULL)
			first = &reps[i];
		net += ui_error_is_network(reps[i].error);
		ui_message(u, UI_MSG_ERROR, "refresh: %s: %s", reps[i].key,
		    reps[i].error ? reps[i].error : "failed");
	}
	ui_key_for(u, UI_ACT_MESSAGES, key, sizeof key);
	if (net == p->failed && p->failed == p->total)
		ui_message(u, UI_MSG_ERROR, "no network: %zu feed%s could not be "
		    "reached (%s lists them)", p->failed, ui_plural(
		    (int64_t)p->failed), key);
	else if (p->failed == 1 && first != NULL)
		ui_message(u, UI_MSG_ERROR, "refresh: %zu feed%s, 1 failed (%s: "
		    "%s), %zu new article%s", p->total, ui_plural(
		    (int64_t)p->total), first->key, first->error ? first->error :
		    "failed", p->added, ui_plural((int64_t)p->added));
	else
		ui_message(u, UI_MSG_ERROR, "refresh: %zu feed%s, %zu failed (%s "
		    "lists them), %zu new article%s", p->total, ui_plural(
		    (int64_t)p->total), p->failed, key, p->added,
		    ui_plural((int64_t)p->added));
}

void
ui_refresh_finish(struct ui *u)
{
	struct refresh_progress p;
	const struct refresh_report *reps;
	size_t n, removed = 0;
	char *cause = NULL;

	refresh_get_progress(u->refresh, &p);
	reps = refresh_reports(u->refresh, &n);
	if (p.failed > 0) {
		report_failures(u, &p, reps, n);
	} else if (u->refresh_manual || p.added > 0) {
		ui_message(u, 0, "refresh: %zu feed%s, %zu new article%s", p.total,
		    ui_plural((int64_t)p.total), p.added,
		    ui_plural((int64_t)p.added));
	}
	refresh_free(u->refresh);
	u->refresh = NULL;
	if (store_prune(u->st, u->cfg->general.keep_days, (int64_t)time(NULL),
	    &removed, &cause) < 0) {
		ui_message(u, 1, "retention: %s", cause);
		free(cause);
	}
	u->last_refresh = (int64_t)time(NULL);
	u->fts_merge = 1;
	u->reload_list = 1;
	u->reload_counts = 1;
	u->counts_due_ms = 0;
	ui_refresh_schedule(u);
}

/*
 * R: every enabled feed now, except those the server asked to leave
 * alone (gone, or failing inside their back-off or Retry-After).
 */
void
ui_refresh_all(struct ui *u)
{
	struct store_feed *f = NULL;
	size_t n = 0;
	char *cause = NULL;
	struct strv keys = STRV_INIT;
	int64_t now = (int64_t)time(NULL);
	size_t held = 0;

	if (store_feed_list(u->st, &f, &n, &cause) < 0) {
		free(cause);
		n = 0;
	}
	for (size_t i = 0; i < u->cfg->nfeeds; i++) {
		const struct config_feed *cf = &u->cfg->feeds[i];
		int skip = !cf->enabled;

		for (size_t k = 0; k < n && !skip; k++) {
			if (strcmp(f[k].key, cf->key) != 0)
				continue;
			if (f[k].gone || (f[k].fail_count > 0 &&
			    f[k].next_due > now)) {
				skip = 1;
				held++;
			}
		}
		if (!skip)
			strv_pushdup(&keys, cf->key);
	}
	store_feeds_free(f, n);
	if (keys.n == 0) {
		ui_message(u, 0, held ? "every feed is waiting for its next try "
		    "(C-r on a feed forces it)" : "no feeds to refresh");
	} else {
		ui_refresh_start(u, 1, (const char *const *)keys.v, keys.n, 0);
		if (held > 0 && u->refresh)
			ui_message(u, 0, "refreshing %zu feed%s; %zu wait for "
			    "their next try (C-r forces one)", keys.n,
			    ui_plural((int64_t)keys.n), held);
	}
	strv_free(&keys);
}

void
ui_refresh_one(struct ui *u)
{
	const struct sb_entry *e = sidebar_selected(u);
	struct article_row *r = list_selected(u);
	const char *key = NULL;

	if (u->focus == UI_PANE_SIDEBAR && e != NULL && e->kind == SB_FEED)
		key = e->key;
	else if (u->rd.open && u->focus == UI_PANE_READER)
		key = u->rd.item.feed_key;
	else if (u->list.view_kind == SB_FEED && u->list.view_key != NULL)
		/* a feed's view, empty or not: that feed */
		key = u->list.view_key;
	else if (r != NULL)
		key = r->feed_key;
	if (key == NULL || config_feed_find(u->cfg, key) == NULL) {
		ui_message(u, 1, "no feed to refresh here");
		return;
	}
	ui_refresh_start(u, 1, &key, 1, 1);
	if (u->refresh)
		ui_message(u, 0, "refreshing %s", key);
}
