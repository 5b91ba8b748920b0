/*
 * fetch: every transfer, driven by one libcurl multi handle.
 *
 * fetch knows nothing about feeds: each request carries a sink that receives
 * the response headers and then the body, chunk by chunk, straight from
 * libcurl's write callback (the refresh module plugs a feed parser in).
 * Transfers are queued and started so that at most max_parallel run at once
 * and at most max_per_host go to one host; hosts take turns.
 *
 * Safety (SECURITY.md N1-N6): only http and https, also for redirects; at
 * most 5 redirects; a byte cap counted on the decoded body; connect, low-speed
 * and total timeouts; TLS verification always on; no signals.  file:// URLs
 * are local feeds read directly (never reachable through a redirect).
 */
#ifndef SITREP_FETCH_H
#define SITREP_FETCH_H

#include <stddef.h>
#include <stdint.h>

struct fetcher;

/*
 * The longest wait a server may impose through Cache-Control max-age,
 * Expires or Retry-After (and a feed through <ttl> or sy:updatePeriod):
 * 7 days.  Larger values are cut to this, so no server can silence a feed
 * for longer than a week.
 */
#define FETCH_SERVER_WAIT_MAX ((int64_t)7 * 24 * 60 * 60)

/* What a finished transfer produced; borrowed in callbacks. */
struct fetch_response {
	long status;           /* final HTTP status; 200 for a local file,
	                          304 for an unchanged local file, 0 when none */
	const char *content_type; /* media type without parameters, or NULL */
	const char *charset;   /* Content-Type charset, or NULL */
	const char *etag;      /* ETag of the final response, or NULL */
	const char *last_modified;
	const char *effective_url;
	/* The target when the first hop(s) were permanent (301/308), else NULL. */
	const char *moved_to;
	int64_t retry_after;   /* seconds asked by Retry-After, or -1; at most
	                          FETCH_SERVER_WAIT_MAX */
	int64_t max_age;       /* Cache-Control max-age or Expires, seconds, or
	                          -1; at most FETCH_SERVER_WAIT_MAX */
	/* Non-zero when the transfer was stopped by the byte cap: what arrived
	 * is a cut document that must not be stored. */
	int over_cap;
	uint64_t bytes;        /* body bytes received (decoded) */
	double seconds;        /* wall time of the transfer */
	/* NULL on success; else why it failed, in words a user understands. */
	const char *error;
};

struct fetch_sink {
	/*
	 * The final response's headers are complete (called before the first
	 * body byte; not called for 304 or failures).  Return -1 to abort.
	 */
	int (*on_headers)(void *ctx, const struct fetch_response *r);
	/* Body bytes of a 2xx response.  Return -1 to abort the transfer. */
	int (*on_body)(void *ctx, const char *buf, size_t n);
	/*
	 * The transfer ended (always called exactly once, also for failures and
	 * aborts).  sink_error is the message the sink gave when it aborted.
	 */
	void (*on_done)(void *ctx, const struct fetch_response *r);
};

struct fetch_request {
	const char *url;
	const char *etag;          /* conditional GET validators, or NULL */
	const char *last_modified;
	const char *user_agent;
	const char *username;      /* basic auth when non-NULL */
	const char *password;
	const char *proxy;         /* NULL: environment (http_proxy, ...) */
	struct fetch_sink sink;
	void *ctx;                 /* passed to the sink */
};

struct fetch_options {
	int max_parallel;          /* transfers in flight */
	int max_per_host;
	int connect_timeout;       /* seconds */
	int timeout;               /* seconds for the whole transfer */
	uint64_t max_bytes;        /* body cap */
	int low_speed_seconds;     /* abort when under 1 byte/s for this long;
	                              0: min(timeout, 30) */
	const char *ca_file;       /* extra CA bundle (tests), or NULL */
};

/* Returns owned, or NULL with *cause when libcurl can't be set up. */
struct fetcher *fetch_new(const struct fetch_options *o, char **cause);
/* Aborts what is still running (each sink gets on_done) and frees. */
void fetch_free(struct fetcher *f);

/*
 * Queues a transfer; strings are copied.  Returns 0, or -1 with *cause for a
 * request that can never run (bad URL, unsupported scheme): then on_done is
 * not called.
 */
int fetch_add(struct fetcher *f, const struct fetch_request *req,
    char **cause);

/* Transfers queued or running. */
size_t fetch_pending(const struct fetcher *f);
size_t fetch_running(const struct fetcher *f);
/*
 * While held, queued transfers wait and running ones go on: a consumer
 * that cannot keep up holds the downloads back instead of buffering them.
 */
void fetch_hold(struct fetcher *f, int hold);

/*
 * Descriptors the caller wants watched together with the transfers (the
 * terminal, a signal self-pipe): fd and the poll(2) events.  revents is set
 * on return.
 */
struct fetch_waitfd {
	int fd;
	short events;
	short revents;
};

/*
 * Waits at most timeout_ms for network activity or an extra descriptor,
 * moves every transfer along, starts queued ones and calls the sinks of
 * those that finished.  Never blocks longer than timeout_ms.  Returns the
 * number of transfers still pending.
 */
size_t fetch_run(struct fetcher *f, int timeout_ms,
    struct fetch_waitfd *extra, unsigned nextra);

/* Makes a fetch_run waiting in another thread return early. */
void fetch_wakeup(struct fetcher *f);

#endif
