/*
 * refresh: one refresh of the feeds.  Picks the due feeds, gives each
 * transfer a feed parser as its sink, stores what it yields (one transaction
 * per feed) and schedules the next try: the feed's interval, raised to what
 * the feed asks for (ttl, sy:updatePeriod, Cache-Control max-age, Expires);
 * Retry-After on 429/503; exponential back-off after other failures; 410
 * marks a feed gone until forced.
 *
 * Driven step by step so that both `sitrep refresh` and the interface's
 * event loop can run it without blocking: refresh_step waits at most the
 * given time, on the transfers and the caller's descriptors together.
 * Nothing here prints.
 */
#ifndef SITREP_REFRESH_H
#define SITREP_REFRESH_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "fetch.h"
#include "store.h"

struct refresh_options {
	int force;               /* ignore next_due and "gone" */
	const char *const *keys; /* only these feeds (fetched even when not
	                            due or disabled), or NULL for all enabled */
	size_t nkeys;
	int wait_for_lock;       /* wait when another process refreshes */
	const char *ca_file;     /* extra CA bundle (tests), or NULL */
	int64_t now;             /* UTC seconds; 0: the clock */
};

struct refresh_report {
	const char *key;         /* borrowed from the config */
	int ok;                  /* 1: fetched and stored (200 or 304) */
	int not_modified;        /* 304 or an unchanged local file */
	int http_status;
	char *error;             /* why it failed; NULL when ok */
	char *warning;           /* moved permanently, document cut short ... */
	size_t added, updated;
	uint64_t bytes;
	double seconds;
	int64_t next_due;
};

struct refresh_progress {
	size_t total, done, failed, running;
	size_t added, updated;
	uint64_t bytes;
	double elapsed;          /* seconds since refresh_new */
};

struct refresh;

/*
 * Prepares a refresh of cfg's feeds into st: syncs the feed list into the
 * cache and queues the due ones.  Takes the refresh lock beside the cache
 * (cache.db.lock); when another process holds it, returns NULL with *cause
 * saying so (and *busy = 1) unless wait_for_lock.  Returns owned.
 */
struct refresh *refresh_new(const struct config *cfg, struct store *st,
    const struct refresh_options *o, int *busy, char **cause);

/*
 * Moves the refresh along: waits at most timeout_ms on the transfers and
 * extra descriptors, stores finished feeds.  Returns 1 while work remains,
 * 0 when every feed is done.
 */
int refresh_step(struct refresh *r, int timeout_ms, struct fetch_waitfd *extra,
    unsigned nextra);

void refresh_get_progress(const struct refresh *r, struct refresh_progress *p);

/* Called as each feed is finished and stored. */
void refresh_set_callback(struct refresh *r,
    void (*on_feed)(void *ctx, const struct refresh_report *rep), void *ctx);

/* Returns borrowed: the finished feeds in the order they finished. */
const struct refresh_report *refresh_reports(const struct refresh *r,
    size_t *n);

/* Stops whatever is still running (not stored) and frees; NULL is fine. */
void refresh_free(struct refresh *r);

/*
 * The schedule, exposed for tests: seconds until the next try after a
 * success with interval_min minutes and the feed's own ttl_min, and after
 * the fail_count-th consecutive failure.
 */
int64_t refresh_next_interval(const char *key, int interval_min, int ttl_min);
int64_t refresh_backoff(int fail_count);

#endif
