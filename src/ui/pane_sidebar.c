/*
 * pane_sidebar: views, topics, countries, tags and feeds with their counts,
 * each section folding on Enter.  Rebuilt from query_facets and
 * store_feed_list when the cache changes; the selection follows its entry.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "gazetteer.h"
#include "text.h"
#include "ui_int.h"
#include "ui_text.h"
#include "xalloc.h"

static const char *const section_names[SB_SEC_COUNT] = {
	[SB_SEC_VIEWS] = "Views",
	[SB_SEC_TOPICS] = "Topics",
	[SB_SEC_COUNTRIES] = "Countries",
	[SB_SEC_TAGS] = "Tags",
	[SB_SEC_FEEDS] = "Feeds",
};

static const struct {
	enum sb_section section;
	enum facet_kind facet;
	enum sb_kind kind;
	const char *field;   /* the query field for an entry */
} facet_sections[] = {
	{ SB_SEC_TOPICS, FACET_TOPIC, SB_TOPIC, "topic" },
	{ SB_SEC_COUNTRIES, FACET_COUNTRY, SB_COUNTRY, "country" },
	{ SB_SEC_TAGS, FACET_TAG, SB_TAG, "tag" },
};

static void
entry_clear(struct sb_entry *e)
{
	free(e->key);
	free(e->label);
	free(e->query);
	free(e->error);
}

void
sidebar_free(struct sidebar *sb)
{
	for (size_t i = 0; i < sb->n; i++)
		entry_clear(&sb->v[i]);
	free(sb->v);
	sb->v = NULL;
	sb->n = 0;
}



/* Entries being built: the output of sidebar_compute. */
struct build {
	struct sb_entry *v;
	size_t n, cap;
	struct sb_source *src;
};

static struct sb_entry *
add(struct build *b, enum sb_kind kind, enum sb_section sec, const char *key,
    const char *label, char *query)
{
	struct sb_entry *e;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
	}
	e = &b->v[b->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->section = sec;
	e->key = xstrdup(key ? key : "");
	e->label = text_oneline(label ? label : "", label ? strlen(label) : 0);
	e->query = query ? query : xstrdup("");
	e->total = e->unread = -1;
	return e;
}

static int
cancelled(const struct build *b)
{
	return b->src->cancel != NULL && atomic_load(b->src->cancel);
}

static void
count_into(struct build *b, struct sb_entry *e)
{
	struct query_error err = { 0, 0, NULL };
	struct query *q;
	char *cause = NULL;

	if (cancelled(b))
		return;
	q = query_parse(e->query, &b->src->env, &err);
	if (q == NULL) {
		e->error = err.message;
		return;
	}
	if (query_count(b->src->st, q, &e->total, &e->unread, &cause) < 0) {
		e->error = cause;
		e->total = e->unread = -1;
	}
	query_free(q);
}

static void
build_views(struct build *b)
{
	static const struct {
		const char *key, *label, *query;
	} builtin[] = {
		{ "all", "All", "" },
		{ "unread", "Unread", "unread" },
		{ "starred", "Starred", "starred" },
	};
	const struct config *cfg = b->src->env.cfg;
	int64_t all_unread = -1;

	add(b, SB_HEADING, SB_SEC_VIEWS, NULL, section_names[SB_SEC_VIEWS],
	    NULL);
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
		struct sb_entry *e = add(b, SB_VIEW, SB_SEC_VIEWS, builtin[i].key,
		    builtin[i].label, xstrdup(builtin[i].query));

		if (!b->src->count)
			continue;
		if (strcmp(e->key, "unread") == 0 && all_unread >= 0) {
			/* Unread's counts are All's unread: no second count */
			e->total = e->unread = all_unread;
			continue;
		}
		count_into(b, e);
		if (strcmp(e->key, "all") == 0 && e->error == NULL)
			all_unread = e->unread;
	}
	for (size_t i = 0; i < cfg->nviews; i++) {
		const struct config_view *v = &cfg->views[i];
		struct sb_entry *e = add(b, SB_VIEW, SB_SEC_VIEWS, v->key,
		    v->label ? v->label : v->key,
		    xstrdup(v->query ? v->query : ""));

		if (b->src->count)
			count_into(b, e);
	}
}

static char *
facet_query(const char *field, const char *key)
{
	/* tag names and keys never hold quotes (store_tag_name_valid) */
	if (strchr(key, '"') != NULL)
		return xstrdup("");
	return xasprintf("%s:\"%s\"", field, key);
}

/* Topics from the config alone, before anything is counted. */
static void
build_topics_uncounted(struct build *b)
{
	const struct config *cfg = b->src->env.cfg;

	for (size_t i = 0; i < cfg->ntopics; i++) {
		const struct config_topic *t = &cfg->topics[i];

		add(b, SB_TOPIC, SB_SEC_TOPICS, t->key, t->label ? t->label :
		    t->key, facet_query("topic", t->key));
	}
}

/* "JP Japan": the code to scan by, the name to read. */
static char *
country_label(const char *code, const char *label)
{
	const struct gazetteer_country *c;

	if (label != NULL && label[0] != '\0' && strcasecmp(label, code) != 0)
		return xasprintf("%s %s", code, label);
	c = gazetteer_country(code);
	return c ? xasprintf("%s %s", code, c->name) : xstrdup(code);
}

static void
build_facets(struct build *b, size_t which)
{
	struct facet_count *fc = NULL;
	size_t n = 0;
	char *cause = NULL;
	enum sb_section sec = facet_sections[which].section;

	add(b, SB_HEADING, sec, NULL, section_names[sec], NULL);
	if (!b->src->count) {
		if (sec == SB_SEC_TOPICS)
			build_topics_uncounted(b);
		return;
	}
	if (cancelled(b))
		return;
	if (query_facets(b->src->st, facet_sections[which].facet, &b->src->env,
	    &fc, &n, &cause) < 0) {
		strv_push(&b->src->errors, xasprintf("cannot count %s: %s",
		    section_names[sec], cause));
		free(cause);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct sb_entry *e;
		char *label;

		if (facet_sections[which].kind == SB_COUNTRY)
			label = country_label(fc[i].key, fc[i].label);
		else
			label = xstrdup(fc[i].label ? fc[i].label : fc[i].key);
		e = add(b, facet_sections[which].kind, sec, fc[i].key, label,
		    facet_query(facet_sections[which].field, fc[i].key));
		free(label);
		e->total = fc[i].total;
		e->unread = fc[i].unread;
		if (sec != SB_SEC_TAGS) {
			memcpy(e->per_day, fc[i].per_day, sizeof e->per_day);
			e->has_days = 1;
		}
	}
	facet_counts_free(fc, n);
}

/* Feeds from the config alone, before anything is read. */
static void
build_feeds_uncounted(struct build *b)
{
	const struct config *cfg = b->src->env.cfg;

	for (size_t i = 0; i < cfg->nfeeds; i++) {
		struct sb_entry *e = add(b, SB_FEED, SB_SEC_FEEDS,
		    cfg->feeds[i].key, cfg->feeds[i].title ?
		    cfg->feeds[i].title : cfg->feeds[i].key,
		    xasprintf("feed:%s", cfg->feeds[i].key));

		e->disabled = !cfg->feeds[i].enabled;
	}
}

/* Feeds by the title the sidebar shows, then by key. */
static int
feed_cmp(const void *a, const void *b)
{
	const struct sb_entry *x = a, *y = b;
	int c = strcasecmp(x->label, y->label);

	return c != 0 ? c : strcmp(x->key, y->key);
}

/*
 * Sorts the feed entries [from, b->n) by title and tells feeds with the
 * same title apart by their key: "Reuters (reuters-world)".
 */
static void
sort_feeds(struct build *b, size_t from)
{
	struct sb_entry *v = b->v + from;
	size_t n = b->n - from;

	qsort(v, n, sizeof *v, feed_cmp);
	for (size_t i = 0; i + 1 < n; i++) {
		size_t j = i + 1;

		if (strcasecmp(v[i].label, v[j].label) != 0)
			continue;
		/* v[i .. j) share the title */
		while (j < n && strcasecmp(v[i].label, v[j].label) == 0)
			j++;
		for (size_t k = i; k < j; k++) {
			char *l = xasprintf("%s (%s)", v[k].label, v[k].key);

			free(v[k].label);
			v[k].label = l;
		}
		i = j - 1;
	}
}

/*
 * Feeds of the config the cache has no row for: a refresh writes one only
 * for the feeds it fetches, so a disabled feed (or a new one not yet
 * fetched) would be missing; it is listed, saying why it is empty.
 */
static void
config_feeds_missing(struct build *b, size_t first)
{
	const struct config *cfg = b->src->env.cfg;

	for (size_t i = 0; i < cfg->nfeeds; i++) {
		const struct config_feed *cf = &cfg->feeds[i];
		struct sb_entry *e;
		size_t k;

		for (k = first; k < b->n; k++)
			if (strcmp(b->v[k].key, cf->key) == 0)
				break;
		if (k < b->n)
			continue;
		e = add(b, SB_FEED, SB_SEC_FEEDS, cf->key, cf->title ? cf->title :
		    cf->key, xasprintf("feed:%s", cf->key));
		e->total = e->unread = 0;
		e->disabled = !cf->enabled;
	}
}

static void
build_feeds(struct build *b)
{
	const struct config *cfg = b->src->env.cfg;
	struct store_feed *f = NULL;
	size_t n = 0, first;
	char *cause = NULL;

	add(b, SB_HEADING, SB_SEC_FEEDS, NULL, section_names[SB_SEC_FEEDS],
	    NULL);
	first = b->n;
	if (!b->src->count) {
		build_feeds_uncounted(b);
		sort_feeds(b, first);
		return;
	}
	if (cancelled(b))
		return;
	if (store_feed_list(b->src->st, &f, &n, &cause) < 0) {
		strv_push(&b->src->errors, xasprintf("cannot list the feeds: %s",
		    cause));
		free(cause);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct config_feed *cf = config_feed_find(cfg, f[i].key);
		struct sb_entry *e;

		/* feeds dropped from the config stay while they have articles */
		if (cf == NULL && f[i].items == 0)
			continue;
		e = add(b, SB_FEED, SB_SEC_FEEDS, f[i].key, f[i].title,
		    xasprintf("feed:%s", f[i].key));
		e->total = f[i].items;
		e->unread = f[i].unread;
		e->next_due = f[i].next_due;
		e->last_fetch = f[i].last_fetch;
		e->disabled = cf != NULL && !cf->enabled;
		if (f[i].last_error != NULL) {
			e->failing = 1;
			e->error = text_oneline(f[i].last_error,
			    strlen(f[i].last_error));
			e->net_failing = ui_error_is_network(e->error);
		}
	}
	store_feeds_free(f, n);
	config_feeds_missing(b, first);
	sort_feeds(b, first);
}

void
sidebar_compute(struct sb_source *src, struct sb_entry **v, size_t *n)
{
	struct build b = { NULL, 0, 0, src };

	build_views(&b);
	for (size_t i = 0; i < sizeof facet_sections / sizeof facet_sections[0];
	    i++)
		build_facets(&b, i);
	build_feeds(&b);
	*v = b.v;
	*n = b.n;
}

void
sidebar_entries_free(struct sb_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		entry_clear(&v[i]);
	free(v);
}

static int
same_entry(const struct sb_entry *e, enum sb_kind kind, const char *key,
    enum sb_section sec)
{
	return e->kind == kind && e->section == sec &&
	    strcmp(e->key, key) == 0;
}

/*
 * The status bar's "N feeds failing", and whether every feed tried could
 * not reach the network: a first start without one says so once ("no
 * network: 21 feeds could not be reached") instead of a ! on each feed.
 */
static void
count_failing(struct ui *u)
{
	struct sidebar *sb = &u->sb;
	size_t tried = 0, net = 0;

	sb->failing = 0;
	for (size_t i = 0; i < sb->n; i++) {
		const struct sb_entry *e = &sb->v[i];

		if (e->kind != SB_FEED || e->disabled ||
		    config_feed_find(u->cfg, e->key) == NULL)
			continue;
		if (e->last_fetch > 0 || e->failing)
			tried++;
		if (e->failing)
			sb->failing++;
		if (e->net_failing)
			net++;
	}
	sb->no_network = sb->failing > 0 && net == sb->failing &&
	    sb->failing == tried;
}

void
sidebar_install(struct ui *u, struct sb_entry *v, size_t n, int counted)
{
	struct sidebar *sb = &u->sb;
	enum sb_kind kind = SB_HEADING;
	enum sb_section sec = SB_SEC_VIEWS;
	char *key = NULL;

	if (sb->n > 0) {
		kind = sb->v[sb->sel].kind;
		sec = sb->v[sb->sel].section;
		key = xstrdup(sb->v[sb->sel].key);
	}
	sidebar_free(sb);
	sb->v = v;
	sb->n = n;
	sb->counts_ok = counted;
	count_failing(u);
	sb->sel = 0;
	if (key != NULL) {
		for (size_t i = 0; i < sb->n; i++) {
			if (same_entry(&sb->v[i], kind, key, sec)) {
				sb->sel = i;
				break;
			}
		}
		free(key);
	} else {
		sidebar_follow_view(u);
	}
	u->dirty = 1;
}

void
sidebar_build(struct ui *u, int count)
{
	struct sb_source src;
	struct sb_entry *v;
	size_t n;

	src.st = u->st;
	src.env = u->env;
	src.env.now = (int64_t)time(NULL);
	src.count = count;
	src.cancel = NULL;
	memset(&src.errors, 0, sizeof src.errors);
	sidebar_compute(&src, &v, &n);
	if (src.errors.n > 0)
		ui_message(u, 1, "%s", src.errors.v[0]);
	strv_free(&src.errors);
	sidebar_install(u, v, n, count);
}

void
sidebar_follow_view(struct ui *u)
{
	struct sidebar *sb = &u->sb;

	for (size_t i = 0; i < sb->n; i++) {
		if (sb->v[i].kind == u->list.view_kind && u->list.view_key &&
		    strcmp(sb->v[i].key, u->list.view_key) == 0) {
			sb->sel = i;
			return;
		}
	}
}

const struct sb_entry *
sidebar_feed(const struct ui *u, const char *key)
{
	for (size_t i = 0; key != NULL && i < u->sb.n; i++)
		if (u->sb.v[i].kind == SB_FEED && strcmp(u->sb.v[i].key, key) == 0)
			return &u->sb.v[i];
	return NULL;
}

const struct sb_entry *
sidebar_selected(const struct ui *u)
{
	return u->sb.n > 0 ? &u->sb.v[u->sb.sel] : NULL;
}

static int
shown(const struct sidebar *sb, size_t i)
{
	return sb->v[i].kind == SB_HEADING || !sb->collapsed[sb->v[i].section];
}

void
sidebar_move(struct ui *u, int delta)
{
	struct sidebar *sb = &u->sb;
	int step = delta > 0 ? 1 : -1;
	size_t i = sb->sel;

	for (int k = 0; k != delta; k += step) {
		size_t j = i;

		do {
			if ((step < 0 && j == 0) || (step > 0 && j + 1 >= sb->n))
				goto done;
			j = (size_t)((long)j + step);
		} while (!shown(sb, j));
		i = j;
	}
done:
	sb->sel = i;
	u->dirty = 1;
	sidebar_show_status(u);
}

int
sidebar_select_line(struct ui *u, int line)
{
	struct sidebar *sb = &u->sb;
	size_t want = sb->top + (size_t)(line > 0 ? line : 0), k = 0;

	if (line < 0)
		return 0;
	/* line k of the pane is the k-th shown entry from sb->top */
	for (size_t i = 0; i < sb->n; i++) {
		if (!shown(sb, i))
			continue;
		if (k++ == want) {
			sb->sel = i;
			u->dirty = 1;
			return 1;
		}
	}
	return 0;
}

void
sidebar_edge(struct ui *u, int bottom)
{
	struct sidebar *sb = &u->sb;

	if (sb->n == 0)
		return;
	sb->sel = 0;
	if (bottom) {
		for (size_t i = sb->n; i-- > 0;) {
			if (shown(sb, i)) {
				sb->sel = i;
				break;
			}
		}
	}
	u->dirty = 1;
	sidebar_show_status(u);
}

static void
format_in(char *buf, size_t n, int64_t when, int64_t now)
{
	int64_t d = when - now;

	if (when == 0 || d <= 0)
		snprintf(buf, n, "now");
	else if (d < 3600)
		snprintf(buf, n, "in %" PRId64 "m", (d + 59) / 60);
	else if (d < 86400 * 2)
		snprintf(buf, n, "in %" PRId64 "h %" PRId64 "m", d / 3600,
		    d % 3600 / 60);
	else
		snprintf(buf, n, "in %" PRId64 " days", d / 86400);
}

void
sidebar_feed_when(const struct sb_entry *e, char *buf, size_t n)
{
	format_in(buf, n, e->next_due, (int64_t)time(NULL));
}

/* Moving over the entries: notes on the message line, not the log. */
void
sidebar_show_status(struct ui *u)
{
	const struct sb_entry *e = sidebar_selected(u);
	char when[48], key[32];

	if (e == NULL)
		return;
	if (e->kind == SB_FEED) {
		sidebar_feed_when(e, when, sizeof when);
		ui_key_for(u, UI_ACT_REFRESH_FEED, key, sizeof key);
		if (e->disabled)
			ui_message(u, UI_MSG_QUIET, "feed %s is disabled "
			    "(enabled = no in the config): %" PRId64 " article%s",
			    e->key, e->total, ui_plural(e->total));
		else if (e->failing)
			/* the key first: a long error is cut at the end */
			ui_message(u, UI_MSG_ERROR | UI_MSG_QUIET, "feed %s "
			    "failing, next try %s (%s retries now): %s", e->key,
			    when, key, e->error ? e->error : "?");
		else if (e->last_fetch == 0)
			ui_message(u, UI_MSG_QUIET, "feed %s: never fetched; "
			    "next fetch %s", e->key, when);
		else
			ui_message(u, UI_MSG_QUIET, "feed %s: %" PRId64 " article%s"
			    ", %" PRId64 " unread; next fetch %s", e->key, e->total,
			    ui_plural(e->total), e->unread, when);
	} else if (e->error != NULL) {
		ui_message(u, UI_MSG_ERROR | UI_MSG_QUIET, "%s: %s", e->label,
		    e->error);
	}
}

void
sidebar_activate(struct ui *u)
{
	struct sidebar *sb = &u->sb;
	const struct sb_entry *e = sidebar_selected(u);

	if (e == NULL)
		return;
	if (e->kind == SB_HEADING) {
		sb->collapsed[e->section] = !sb->collapsed[e->section];
		u->dirty = 1;
		return;
	}
	if (e->error != NULL && e->kind == SB_VIEW) {
		ui_message(u, 1, "%s: %s", e->label, e->error);
		return;
	}
	if (list_set_view(u, e->kind, e->key, e->label, e->query) == 0) {
		u->focus = UI_PANE_LIST;
		u->dirty = 1;
	}
}

/* ---------- drawing ---------- */

static int
has_volume(const struct sb_entry *e)
{
	for (int d = 0; d < FACET_DAYS; d++)
		if (e->per_day[d] > 0)
			return 1;
	return 0;
}

/*
 * How an entry's counts are written, longest first: "576/1203", the same
 * in compact numbers "576/1.2k", then the unread alone "576".
 */
enum sb_counts {
	SB_COUNTS_FULL,
	SB_COUNTS_COMPACT,
	SB_COUNTS_UNREAD,
	SB_COUNTS_MODES
};

/* The counts in that form, or "" when not counted yet. */
static void
format_counts(const struct sb_entry *e, enum sb_counts mode, char *buf,
    size_t n)
{
	char u[16], t[16];

	buf[0] = '\0';
	if (e->total < 0)
		return;
	if (mode == SB_COUNTS_FULL) {
		snprintf(u, sizeof u, "%" PRId64, e->unread);
		snprintf(t, sizeof t, "%" PRId64, e->total);
	} else {
		ui_format_count(u, sizeof u, e->unread);
		ui_format_count(t, sizeof t, e->total);
	}
	if (mode == SB_COUNTS_UNREAD)
		snprintf(buf, n, "%s", e->unread > 0 ? u : "");
	else if (e->unread > 0)
		snprintf(buf, n, "%s/%s", u, t);
	else
		snprintf(buf, n, "%s", t);
}

/*
 * The plan for entries with a sparkline (topics, countries): their counts
 * and sparklines line up in columns of their own.  Entries without one
 * give their label everything left of their own counts.
 */
struct sb_cols {
	enum sb_counts mode;  /* how the sparkline entries write counts */
	int counts;           /* their widest count */
	int spark;            /* sparkline columns, 0: no room */
};

/* Labels keep this many columns before a sparkline takes any ... */
#define SB_LABEL_COLS 12
/* ... and at least this many when the counts are wide. */
#define SB_LABEL_MIN 9
/* A sparkline shows a week at least, a fortnight at most. */
#define SB_SPARK_MIN 7

/* The widest count of the sparkline entries written in mode. */
static int
widest_counts(const struct sidebar *sb, enum sb_counts mode)
{
	char buf[48];
	int most = 0;

	for (size_t i = 0; i < sb->n; i++) {
		int k;

		if (!sb->v[i].has_days)
			continue;
		format_counts(&sb->v[i], mode, buf, sizeof buf);
		k = (int)strlen(buf);
		if (k > most)
			most = k;
	}
	return most;
}

/*
 * The plan: the longest count form that leaves a label and a week of
 * sparkline in w columns ("! label ▁▃█ 10/10"), the sparkline as long as
 * that allows.  At the default 28 columns "576/1203" makes way for
 * "576/1.2k", then "576".
 */
static void
plan_sidebar(const struct sidebar *sb, int w, struct sb_cols *c)
{
	for (int m = 0; m < SB_COUNTS_MODES; m++) {
		int counts = widest_counts(sb, (enum sb_counts)m);
		/* "! " before the label, a space before the sparkline and
		 * before the counts */
		int room = w - 2 - 1 - (counts ? counts + 1 : 0);
		int spark = room - SB_LABEL_COLS;

		if (spark < SB_SPARK_MIN)
			spark = room - SB_LABEL_MIN;
		if (spark >= SB_SPARK_MIN || m == SB_COUNTS_MODES - 1) {
			c->mode = (enum sb_counts)m;
			c->counts = counts;
			c->spark = spark > FACET_DAYS ? FACET_DAYS :
			    spark >= SB_SPARK_MIN ? spark : 0;
			return;
		}
	}
}

/* An entry without a sparkline: its counts in full, compact if the label
 * would get fewer than SB_LABEL_MIN columns, else the unread alone. */
static void
entry_counts(const struct sb_entry *e, int w, const struct sb_cols *c,
    char *buf, size_t n)
{
	if (e->has_days) {
		format_counts(e, c->mode, buf, n);
		return;
	}
	for (int m = 0; m < SB_COUNTS_MODES; m++) {
		format_counts(e, (enum sb_counts)m, buf, n);
		if (w - 2 - (int)strlen(buf) - 1 >= SB_LABEL_MIN)
			return;
	}
}

static void
draw_entry(struct ui *u, const struct sb_entry *e, int y, int x, int w,
    int selected, const struct sb_cols *c)
{
	int focused = u->focus == UI_PANE_SIDEBAR;
	int active = e->kind == u->list.view_kind && u->list.view_key &&
	    strcmp(e->key, u->list.view_key) == 0;
	attr_t base = u->attr[active ? UI_EL_SIDEBAR_ACTIVE : e->unread > 0 ?
	    UI_EL_SIDEBAR_UNREAD : UI_EL_SIDEBAR_ENTRY];
	attr_t sel = u->attr[focused ? UI_EL_SELECTED : UI_EL_SELECTED_INACTIVE];
	char counts[48];
	int cw, right;

	if (selected)
		base = sel | (e->unread > 0 ? A_BOLD : 0);
	ui_draw_fill(y, x, w, selected ? sel : u->attr[UI_EL_NORMAL]);
	if ((e->failing && !u->sb.no_network) ||
	    (e->kind == SB_VIEW && e->error != NULL))
		ui_draw_text(u, y, x, 1, e->failing ? "!" : "?", selected ? sel :
		    u->attr[UI_EL_SIDEBAR_ERROR], 1);
	entry_counts(e, w, c, counts, sizeof counts);
	cw = (int)strlen(counts);
	if (cw + 4 > w)
		cw = 0;
	if (cw > 0)
		ui_draw_text(u, y, x + w - cw, cw, counts, selected ? sel :
		    u->attr[UI_EL_SIDEBAR_COUNT], 0);
	/* the sparkline entries line up on their widest count */
	right = x + w - (e->has_days ? (c->counts ? c->counts + 1 : 0) :
	    (cw ? cw + 1 : 0));
	/* topics and countries: the last days' volume, a column of its own */
	if (c->spark > 0 && e->has_days) {
		if (has_volume(e)) {
			struct str sp = STR_INIT;

			ui_sparkline(&sp, e->per_day, FACET_DAYS, (size_t)c->spark,
			    u->fit);
			ui_draw_text(u, y, right - c->spark, c->spark, str_cstr(&sp),
			    selected ? sel : u->attr[UI_EL_SPARKLINE], 0);
			str_free(&sp);
		}
		right -= c->spark + 1;
	}
	ui_draw_text(u, y, x + 2, right - (x + 2), e->label,
	    e->failing && !u->sb.no_network && !selected ?
	    u->attr[UI_EL_SIDEBAR_ERROR] : e->disabled && !selected ?
	    u->attr[UI_EL_EMPTY] : base, 0);
}

static void
draw_heading(struct ui *u, const struct sb_entry *e, int y, int x, int w,
    int selected)
{
	int ascii = (u->fit & UI_FIT_ASCII) != 0;
	int folded = u->sb.collapsed[e->section];
	attr_t a = selected ? u->attr[u->focus == UI_PANE_SIDEBAR ?
	    UI_EL_SELECTED : UI_EL_SELECTED_INACTIVE] :
	    u->attr[UI_EL_SIDEBAR_HEADING];
	char *t = xasprintf("%s %s", folded ? (ascii ? "+" : "\xe2\x96\xb8") :
	    (ascii ? "-" : "\xe2\x96\xbe"), e->label);

	ui_draw_fill(y, x, w, selected ? a : u->attr[UI_EL_NORMAL]);
	ui_draw_text(u, y, x, w, t, a, 0);
	free(t);
}

void
sidebar_draw(struct ui *u, const struct ui_rect *r)
{
	struct sidebar *sb = &u->sb;
	size_t line = 0, sel_line = 0, nshown = 0;
	struct sb_cols cols;
	int y = 0;

	plan_sidebar(sb, r->w, &cols);
	for (size_t i = 0; i < sb->n; i++) {
		if (!shown(sb, i))
			continue;
		if (i == sb->sel)
			sel_line = nshown;
		nshown++;
	}
	/* keep the selection on screen */
	if (sel_line < sb->top)
		sb->top = sel_line;
	if (r->h > 0 && sel_line >= sb->top + (size_t)r->h)
		sb->top = sel_line - (size_t)r->h + 1;
	for (int k = 0; k < r->h; k++)
		ui_draw_fill(r->y + k, r->x, r->w, u->attr[UI_EL_NORMAL]);
	for (size_t i = 0; i < sb->n && y < r->h; i++) {
		if (!shown(sb, i))
			continue;
		if (line++ < sb->top)
			continue;
		if (sb->v[i].kind == SB_HEADING)
			draw_heading(u, &sb->v[i], r->y + y, r->x, r->w,
			    i == sb->sel);
		else
			draw_entry(u, &sb->v[i], r->y + y, r->x, r->w,
			    i == sb->sel, &cols);
		y++;
	}
}
