/*
 * fetch: the libcurl multi loop.  See include/fetch.h for the contract.
 *
 * Queueing is done here rather than by libcurl's own connection limits so
 * that a transfer's timeout only starts when it really starts, and so that
 * hosts take turns: a list of 300 feeds of which 100 sit on one host does not
 * make the other 200 wait behind them.
 */
#include "fetch.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "str.h"
#include "text.h"
#include "xalloc.h"

#define LOCAL_SLICE (256 * 1024) /* bytes of a local file per fetch_run */
#define HEADER_VALUE_MAX 1024

enum xfer_state { XFER_QUEUED, XFER_RUNNING };

struct xfer {
	struct fetcher *owner;
	enum xfer_state state;
	char *url;
	char *host;               /* lowercase, for the per-host limit */
	char *etag_req, *lm_req;  /* validators sent */
	char *user_agent, *username, *password, *proxy;
	struct fetch_sink sink;
	void *ctx;

	CURL *easy;
	struct curl_slist *headers;
	char errbuf[CURL_ERROR_SIZE];
	int local_fd;             /* >= 0 for a file:// feed being read */
	int local_not_modified;

	/* The response being received (reset at each status line). */
	long status;
	char *content_type, *charset, *etag, *last_modified;
	int64_t max_age;
	int64_t date_header;
	/* Redirect bookkeeping, for moved_to. */
	char *cur_url;
	char *moved_to;
	int chain_permanent;

	uint64_t bytes;
	int over_cap;             /* stopped by the byte cap */
	int headers_delivered;
	char *abort_reason;       /* why we stopped the transfer ourselves */
	struct timespec started;

	struct xfer *next;        /* queue or running list */
};

struct host_count {
	char *host;
	int running;
};

struct fetcher {
	CURLM *multi;
	struct fetch_options opt;
	struct xfer *queue_head, *queue_tail;
	struct xfer *running;     /* curl and local transfers in flight */
	size_t nqueued, nrunning;
	int held;                 /* fetch_hold: start nothing queued */
	struct host_count *hosts;
	size_t nhosts, hosts_cap;
};

static int curl_ready;

/* ---------- small helpers ---------- */

static double
elapsed_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	    (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static int
url_has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);

	return strncasecmp(url, scheme, n) == 0 && url[n] == ':';
}

/* Header values are hostile too: no control characters, bounded length. */
static char *
clean_header_value(const char *v, size_t n)
{
	if (n > HEADER_VALUE_MAX)
		n = HEADER_VALUE_MAX;
	n = text_trim(&v, n);
	if (n == 0)
		return NULL;
	return text_oneline(v, n);
}

static struct host_count *
host_slot(struct fetcher *f, const char *host)
{
	for (size_t i = 0; i < f->nhosts; i++)
		if (strcmp(f->hosts[i].host, host) == 0)
			return &f->hosts[i];
	if (f->nhosts == f->hosts_cap) {
		f->hosts_cap = f->hosts_cap ? f->hosts_cap * 2 : 16;
		f->hosts = xreallocarray(f->hosts, f->hosts_cap,
		    sizeof *f->hosts);
	}
	f->hosts[f->nhosts].host = xstrdup(host);
	f->hosts[f->nhosts].running = 0;
	return &f->hosts[f->nhosts++];
}

/* Lowercase host of url, or NULL when the URL can't be parsed. */
static char *
url_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *out = NULL;

	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		out = xstrdup(host);
		for (char *p = out; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	}
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

/* Absolute form of a Location value relative to base, or NULL. */
static char *
resolve_location(const char *base, const char *loc)
{
	CURLU *u = curl_url();
	char *full = NULL, *out = NULL;

	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, loc, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK)
		out = xstrdup(full);
	curl_free(full);
	curl_url_cleanup(u);
	return out;
}

/* Decodes %XX in the path of a file:// URL; returns owned or NULL. */
static char *
file_url_path(const char *url)
{
	const char *p = url + strlen("file://");
	struct str out = STR_INIT;

	if (strncasecmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return NULL;
	for (; *p != '\0' && *p != '?' && *p != '#'; p++) {
		if (p[0] == '%' && p[1] != '\0' && p[2] != '\0') {
			char hex[3] = { p[1], p[2], '\0' };
			char *end;
			long v = strtol(hex, &end, 16);

			if (*end == '\0' && v > 0) {
				str_appendc(&out, (char)v);
				p += 2;
				continue;
			}
		}
		str_appendc(&out, *p);
	}
	return str_steal(&out);
}

/* ---------- response headers ---------- */

static void
reset_response(struct xfer *x)
{
	xfree_ptr(&x->content_type);
	xfree_ptr(&x->charset);
	xfree_ptr(&x->etag);
	xfree_ptr(&x->last_modified);
	x->max_age = -1;
	x->date_header = 0;
}

static void
parse_content_type(struct xfer *x, const char *v, size_t n)
{
	const char *semi = memchr(v, ';', n);
	size_t tn = semi ? (size_t)(semi - v) : n;
	const char *cs;

	x->content_type = clean_header_value(v, tn);
	if (semi == NULL)
		return;
	/* charset=utf-8 or charset="utf-8" among the parameters */
	for (cs = semi; cs < v + n; cs++) {
		if ((size_t)(v + n - cs) > 8 &&
		    strncasecmp(cs, "charset=", 8) == 0) {
			const char *b = cs + 8, *e;

			if (*b == '"')
				b++;
			for (e = b; e < v + n && *e != ';' && *e != '"' &&
			    *e != ' '; e++)
				;
			if (e > b)
				x->charset = clean_header_value(b,
				    (size_t)(e - b));
			return;
		}
	}
}

/*
 * The seconds of max-age, read with saturation: 99999999999999999999 is
 * "a very long time", which the cap then cuts to FETCH_SERVER_WAIT_MAX.
 */
static int64_t
server_seconds(const char *p, const char *end)
{
	int64_t v = 0;

	if (p >= end || *p < '0' || *p > '9')
		return -1;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > FETCH_SERVER_WAIT_MAX)
			return FETCH_SERVER_WAIT_MAX;
	}
	return v;
}

static void
parse_cache_control(struct xfer *x, const char *v, size_t n)
{
	for (const char *p = v; p + 8 <= v + n; p++) {
		if (strncasecmp(p, "max-age=", 8) == 0) {
			int64_t secs = server_seconds(p + 8, v + n);

			if (secs >= 0)
				x->max_age = secs;
			return;
		}
	}
}

static void
on_status_line(struct xfer *x, const char *line, size_t n)
{
	const char *sp = memchr(line, ' ', n);
	long status = sp ? strtol(sp + 1, NULL, 10) : 0;

	if (status >= 100 && status < 200)
		return; /* 100 Continue and friends precede the real one */
	/*
	 * A new response: a redirect hop finished, or the first one.  Only a
	 * run of permanent redirects from the start tells the user to update
	 * the config.
	 */
	if (x->status != 0 && x->status != 301 && x->status != 308)
		x->chain_permanent = 0;
	x->status = status;
	reset_response(x);
}

static int
location_is_absolute(const char *loc)
{
	return url_has_scheme(loc, "http") || url_has_scheme(loc, "https");
}

static void
on_location(struct xfer *x, const char *v, size_t n)
{
	char *loc, *abs;

	if (x->status < 300 || x->status > 399)
		return;
	loc = clean_header_value(v, n);
	if (loc == NULL)
		return;
	abs = resolve_location(x->cur_url, loc);
	if (abs == NULL) {
		free(loc);
		return;
	}
	if (x->chain_permanent && (x->status == 301 || x->status == 308)) {
		/*
		 * The hint tells the user what to write in the config, so it
		 * names the Location as the server sent it (cleaned, which
		 * leaves a clean one identical); curl's resolved form
		 * rewrites it, and only a relative Location needs that.
		 */
		free(x->moved_to);
		if (location_is_absolute(loc)) {
			x->moved_to = loc;
			loc = NULL;
		} else {
			x->moved_to = xstrdup(abs);
		}
	} else {
		x->chain_permanent = 0;
	}
	free(loc);
	free(x->cur_url);
	x->cur_url = abs;
}

/*
 * Whether an HTTP date the date module refused is a valid date in a year
 * past its range ("Fri, 31 Dec 9999 23:59:59 GMT", a common "never
 * expires"): the same text with the year 2200 parses.  That is a date far
 * ahead, capped like any other; anything else stays an invalid Expires.
 */
static int
beyond_date_range(const char *s)
{
	char *copy = xstrdup(s);
	int far = 0;

	for (char *p = copy; *p != '\0' && !far; p++) {
		char *end;
		long y;

		if (!isdigit((unsigned char)*p) ||
		    (p > copy && isdigit((unsigned char)p[-1])))
			continue;
		y = strtol(p, &end, 10);
		if (end - p != 4 || y <= 2200)
			continue;
		memcpy(p, "2200", 4);
		far = date_parse(copy) != DATE_UNKNOWN;
		memcpy(p, s + (p - copy), 4);
	}
	free(copy);
	return far;
}

static size_t
header_cb(char *buf, size_t size, size_t nitems, void *userdata)
{
	struct xfer *x = userdata;
	size_t n = size * nitems, name_len;
	const char *colon, *v;

	if (n >= 5 && memcmp(buf, "HTTP/", 5) == 0) {
		on_status_line(x, buf, n);
		return n;
	}
	colon = memchr(buf, ':', n);
	if (colon == NULL)
		return n;
	name_len = (size_t)(colon - buf);
	v = colon + 1;
	n -= name_len + 1;
	if (text_eq_nocase(buf, name_len, "content-type"))
		parse_content_type(x, v, n);
	else if (text_eq_nocase(buf, name_len, "etag")) {
		free(x->etag);
		x->etag = clean_header_value(v, n);
	} else if (text_eq_nocase(buf, name_len, "last-modified")) {
		free(x->last_modified);
		x->last_modified = clean_header_value(v, n);
	} else if (text_eq_nocase(buf, name_len, "cache-control"))
		parse_cache_control(x, v, n);
	else if (text_eq_nocase(buf, name_len, "expires") ||
	    text_eq_nocase(buf, name_len, "date")) {
		char *s = clean_header_value(v, n);
		int64_t t = s ? date_parse(s) : DATE_UNKNOWN;

		if (t == DATE_UNKNOWN && s != NULL && beyond_date_range(s))
			t = DATE_MAX;
		free(s);
		if (text_eq_nocase(buf, name_len, "date"))
			x->date_header = t;
		else if (x->max_age < 0 && t != DATE_UNKNOWN) {
			/* Relative to the server's clock when it gave one. */
			int64_t now = x->date_header ? x->date_header :
			    (int64_t)time(NULL);

			x->max_age = t <= now ? 0 :
			    t - now > FETCH_SERVER_WAIT_MAX ?
			    FETCH_SERVER_WAIT_MAX : t - now;
		}
	} else if (text_eq_nocase(buf, name_len, "location"))
		on_location(x, v, n);
	return size * nitems;
}

/* ---------- body ---------- */

static void
fill_response(struct xfer *x, struct fetch_response *r, const char *error)
{
	memset(r, 0, sizeof *r);
	r->status = x->status;
	r->content_type = x->content_type;
	r->charset = x->charset;
	r->etag = x->etag;
	r->last_modified = x->last_modified;
	r->effective_url = x->cur_url;
	r->moved_to = x->moved_to;
	r->retry_after = -1;
	r->max_age = x->max_age;
	r->bytes = x->bytes;
	r->over_cap = x->over_cap;
	r->seconds = elapsed_since(&x->started);
	r->error = error;
}

static int
deliver_headers(struct xfer *x)
{
	struct fetch_response r;

	if (x->headers_delivered)
		return 0;
	x->headers_delivered = 1;
	if (x->sink.on_headers == NULL)
		return 0;
	fill_response(x, &r, NULL);
	if (x->sink.on_headers(x->ctx, &r) < 0) {
		if (x->abort_reason == NULL)
			x->abort_reason = xstrdup("the response was refused");
		return -1;
	}
	return 0;
}

/* Counts and hands on body bytes; -1 stops the transfer. */
static int
take_body(struct xfer *x, const char *buf, size_t n)
{
	x->bytes += n;
	if (x->owner->opt.max_bytes > 0 && x->bytes > x->owner->opt.max_bytes) {
		x->over_cap = 1;
		free(x->abort_reason);
		x->abort_reason = xasprintf(
		    "the document is larger than the %llu KiB cap "
		    "(max_feed_size)",
		    (unsigned long long)(x->owner->opt.max_bytes / 1024));
		return -1;
	}
	/* Error pages are counted against the cap but not parsed. */
	if (x->status < 200 || x->status > 299)
		return 0;
	if (deliver_headers(x) < 0)
		return -1;
	if (x->sink.on_body != NULL && x->sink.on_body(x->ctx, buf, n) < 0) {
		if (x->abort_reason == NULL)
			x->abort_reason = xstrdup("the document could not be "
			    "parsed");
		return -1;
	}
	return 0;
}

static size_t
write_cb(char *buf, size_t size, size_t nmemb, void *userdata)
{
	struct xfer *x = userdata;
	size_t n = size * nmemb;

	if (take_body(x, buf, n) < 0)
		return CURL_WRITEFUNC_ERROR;
	return n;
}

/* ---------- transfer lifecycle ---------- */

static void
xfer_free(struct xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy != NULL) {
		curl_multi_remove_handle(x->owner->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	if (x->local_fd >= 0)
		close(x->local_fd);
	curl_slist_free_all(x->headers);
	reset_response(x);
	free(x->url);
	free(x->host);
	free(x->etag_req);
	free(x->lm_req);
	free(x->user_agent);
	free(x->username);
	if (x->password != NULL) {
		memset(x->password, 0, strlen(x->password));
		free(x->password);
	}
	free(x->proxy);
	free(x->cur_url);
	free(x->moved_to);
	free(x->abort_reason);
	free(x);
}

static const char *
http_reason(long status)
{
	static const struct { long code; const char *text; } reasons[] = {
		{ 400, "Bad Request" }, { 401, "Unauthorized" },
		{ 403, "Forbidden" }, { 404, "Not Found" },
		{ 405, "Method Not Allowed" }, { 406, "Not Acceptable" },
		{ 408, "Request Timeout" }, { 410, "Gone" },
		{ 429, "Too Many Requests" }, { 451, "Unavailable For Legal Reasons" },
		{ 500, "Internal Server Error" }, { 501, "Not Implemented" },
		{ 502, "Bad Gateway" }, { 503, "Service Unavailable" },
		{ 504, "Gateway Timeout" },
	};

	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reasons[i].code == status)
			return reasons[i].text;
	return status >= 500 ? "server error" : "client error";
}

/* A user-facing message for a transfer that ended with code. */
static char *
describe_failure(struct xfer *x, CURLcode code)
{
	const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(code);

	if (x->abort_reason != NULL)
		return xstrdup(x->abort_reason);
	switch (code) {
	case CURLE_OK:
		break;
	case CURLE_OPERATION_TIMEDOUT:
		return xasprintf("timed out (%s)", detail);
	case CURLE_COULDNT_RESOLVE_HOST:
		return xasprintf("could not resolve host %s",
		    x->host ? x->host : "");
	case CURLE_COULDNT_CONNECT:
		return xasprintf("could not connect (%s)", detail);
	case CURLE_TOO_MANY_REDIRECTS:
		return xstrdup("too many redirects (more than 5): a redirect "
		    "loop?");
	case CURLE_UNSUPPORTED_PROTOCOL:
		return xasprintf("redirected to a URL sitrep does not follow "
		    "(only http and https): %s", detail);
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR:
		return xasprintf("TLS failed, the server's certificate is not "
		    "trusted or the handshake failed (%s)", detail);
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return xasprintf("the connection broke during the transfer "
		    "(%s)", detail);
	case CURLE_BAD_CONTENT_ENCODING:
		return xasprintf("the compressed body is damaged (%s)", detail);
	default:
		return xasprintf("%s", detail);
	}
	if (x->status >= 400)
		return xasprintf("HTTP %ld %s", x->status,
		    http_reason(x->status));
	if (x->status >= 300 && x->status < 400 && x->status != 304)
		return xasprintf("HTTP %ld redirect without a usable Location",
		    x->status);
	return NULL;
}

static void
host_release(struct fetcher *f, struct xfer *x)
{
	if (x->host != NULL) {
		struct host_count *h = host_slot(f, x->host);

		if (h->running > 0)
			h->running--;
	}
}

static void
unlink_running(struct fetcher *f, struct xfer *x)
{
	for (struct xfer **pp = &f->running; *pp; pp = &(*pp)->next) {
		if (*pp == x) {
			*pp = x->next;
			f->nrunning--;
			break;
		}
	}
	host_release(f, x);
}

static void
finish(struct fetcher *f, struct xfer *x, CURLcode code)
{
	struct fetch_response r;
	char *error;
	curl_off_t retry = -1;

	unlink_running(f, x);
	if (x->easy != NULL) {
		long status = 0;

		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
		if (status != 0)
			x->status = status;
		curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &retry);
	}
	error = describe_failure(x, code);
	if (error == NULL && x->status >= 200 && x->status <= 299 &&
	    deliver_headers(x) < 0)
		error = describe_failure(x, code);
	fill_response(x, &r, error);
	r.retry_after = retry <= 0 ? -1 : retry > FETCH_SERVER_WAIT_MAX ?
	    FETCH_SERVER_WAIT_MAX : (int64_t)retry;
	if (x->sink.on_done != NULL)
		x->sink.on_done(x->ctx, &r);
	free(error);
	xfer_free(x);
}

/*
 * Every socket libcurl opens is close-on-exec, so that a browser or a
 * password_command started meanwhile never holds a feed's connection
 * (SECURITY.md C3; spawn.c also closes all in the child).
 */
static int
sockopt_cb(void *clientp, curl_socket_t fd, curlsocktype purpose)
{
	(void)clientp;
	(void)purpose;
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return CURL_SOCKOPT_ERROR;
	return CURL_SOCKOPT_OK;
}

static int
setup_easy(struct fetcher *f, struct xfer *x, char **cause)
{
	CURL *e = curl_easy_init();
	long low_speed = f->opt.low_speed_seconds;

	if (e == NULL) {
		*cause = xstrdup("libcurl could not create a transfer");
		return -1;
	}
	x->easy = e;
	if (low_speed <= 0)
		low_speed = f->opt.timeout < 30 ? f->opt.timeout : 30;
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_SOCKOPTFUNCTION, sockopt_cb);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)f->opt.connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)f->opt.timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, low_speed);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	/*
	 * No CURLOPT_PIPEWAIT: waiting for a connection to prove it can
	 * multiplex lets one server that never answers stall every other
	 * transfer to its host.
	 */
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	if (f->opt.ca_file != NULL)
		curl_easy_setopt(e, CURLOPT_CAINFO, f->opt.ca_file);
	if (x->user_agent != NULL)
		curl_easy_setopt(e, CURLOPT_USERAGENT, x->user_agent);
	if (x->proxy != NULL)
		curl_easy_setopt(e, CURLOPT_PROXY, x->proxy);
	if (x->username != NULL) {
		curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(e, CURLOPT_USERNAME, x->username);
		curl_easy_setopt(e, CURLOPT_PASSWORD,
		    x->password ? x->password : "");
		/* Credentials never follow a redirect to another host. */
		curl_easy_setopt(e, CURLOPT_UNRESTRICTED_AUTH, 0L);
	}
	x->headers = curl_slist_append(x->headers,
	    "Accept: application/rss+xml, application/atom+xml, "
	    "application/feed+json, application/rdf+xml, application/xml;q=0.9, "
	    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5");
	if (x->etag_req != NULL) {
		char *h = xasprintf("If-None-Match: %s", x->etag_req);

		x->headers = curl_slist_append(x->headers, h);
		free(h);
	}
	if (x->lm_req != NULL) {
		char *h = xasprintf("If-Modified-Since: %s", x->lm_req);

		x->headers = curl_slist_append(x->headers, h);
		free(h);
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	return 0;
}

/* Opens a local feed; on a problem the transfer finishes with an error. */
static void
start_local(struct xfer *x)
{
	char *path = file_url_path(x->url);
	struct stat sb;
	char *err = NULL;

	if (path == NULL) {
		err = xasprintf("not a usable file:// URL: %s", x->url);
		goto fail;
	}
	x->local_fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (x->local_fd < 0 || fstat(x->local_fd, &sb) < 0) {
		err = xasprintf("cannot read %s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		err = xasprintf("%s is not a regular file", path);
		goto fail;
	}
	/* A local file's validator: its modification time and size. */
	x->etag = xasprintf("\"file-%lld-%lld\"", (long long)sb.st_mtime,
	    (long long)sb.st_size);
	if (x->etag_req != NULL && strcmp(x->etag_req, x->etag) == 0)
		x->local_not_modified = 1;
	x->status = x->local_not_modified ? 304 : 200;
	free(path);
	return;
fail:
	free(path);
	free(x->abort_reason);
	x->abort_reason = err;
	x->status = 0;
}

static void
start(struct fetcher *f, struct xfer *x)
{
	char *cause = NULL;

	x->state = XFER_RUNNING;
	x->next = f->running;
	f->running = x;
	f->nrunning++;
	if (x->host != NULL)
		host_slot(f, x->host)->running++;
	clock_gettime(CLOCK_MONOTONIC, &x->started);
	if (url_has_scheme(x->url, "file")) {
		start_local(x);
		return;
	}
	if (setup_easy(f, x, &cause) < 0 ||
	    curl_multi_add_handle(f->multi, x->easy) != CURLM_OK) {
		x->abort_reason = cause ? cause :
		    xstrdup("libcurl refused the transfer");
		if (x->easy != NULL) {
			curl_easy_cleanup(x->easy);
			x->easy = NULL;
		}
	}
}

/* Starts queued transfers while there is room, letting hosts take turns. */
static void
start_queued(struct fetcher *f)
{
	struct xfer **pp = &f->queue_head, *prev = NULL;

	if (f->held)
		return;
	while (*pp != NULL && f->nrunning < (size_t)f->opt.max_parallel) {
		struct xfer *x = *pp;
		int room = 1;

		if (x->host != NULL)
			room = host_slot(f, x->host)->running <
			    f->opt.max_per_host;
		if (!room) {
			prev = x;
			pp = &x->next;
			continue;
		}
		*pp = x->next;
		if (f->queue_tail == x)
			f->queue_tail = prev;
		f->nqueued--;
		start(f, x);
	}
}

/* Local files and transfers that failed to start are finished here. */
static int
run_local(struct fetcher *f)
{
	int busy = 0;
	struct xfer *x = f->running, *next;

	for (; x != NULL; x = next) {
		next = x->next;
		if (x->easy != NULL)
			continue;
		if (x->local_fd < 0 || x->local_not_modified ||
		    x->abort_reason != NULL) {
			finish(f, x, CURLE_OK);
			continue;
		}
		{
			char *buf = xmalloc(LOCAL_SLICE);
			ssize_t n = read(x->local_fd, buf, LOCAL_SLICE);

			if (n > 0 && take_body(x, buf, (size_t)n) == 0) {
				busy = 1;
			} else {
				if (n < 0 && x->abort_reason == NULL)
					x->abort_reason = xasprintf(
					    "reading failed: %s",
					    strerror(errno));
				finish(f, x, CURLE_OK);
			}
			free(buf);
		}
	}
	return busy;
}

/* Returns how many transfers finished. */
static int
collect_finished(struct fetcher *f)
{
	CURLMsg *m;
	int left, n = 0;

	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		struct xfer *x = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (x != NULL) {
			finish(f, x, m->data.result);
			n++;
		}
	}
	return n;
}

/* ---------- public API ---------- */

struct fetcher *
fetch_new(const struct fetch_options *o, char **cause)
{
	struct fetcher *f;

	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			*cause = xstrdup("libcurl could not be initialised");
			return NULL;
		}
		curl_ready = 1;
	}
	f = xcalloc(1, sizeof *f);
	f->opt = *o;
	if (f->opt.max_parallel < 1)
		f->opt.max_parallel = 1;
	if (f->opt.max_per_host < 1)
		f->opt.max_per_host = 1;
	if (f->opt.connect_timeout < 1)
		f->opt.connect_timeout = 15;
	if (f->opt.timeout < 1)
		f->opt.timeout = 60;
	f->opt.ca_file = o->ca_file ? xstrdup(o->ca_file) : NULL;
	f->multi = curl_multi_init();
	if (f->multi == NULL) {
		free((char *)f->opt.ca_file);
		free(f);
		*cause = xstrdup("libcurl could not create its transfer loop");
		return NULL;
	}
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	/* A safety net under our own queue. */
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->opt.max_per_host);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->opt.max_parallel);
	curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS,
	    (long)f->opt.max_parallel * 2);
	return f;
}

void
fetch_free(struct fetcher *f)
{
	struct xfer *x, *next;

	if (f == NULL)
		return;
	for (x = f->queue_head; x != NULL; x = next) {
		next = x->next;
		xfer_free(x);
	}
	while (f->running != NULL) {
		x = f->running;
		if (x->abort_reason == NULL)
			x->abort_reason = xstrdup("cancelled");
		finish(f, x, CURLE_ABORTED_BY_CALLBACK);
	}
	for (size_t i = 0; i < f->nhosts; i++)
		free(f->hosts[i].host);
	free(f->hosts);
	curl_multi_cleanup(f->multi);
	free((char *)f->opt.ca_file);
	free(f);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

int
fetch_add(struct fetcher *f, const struct fetch_request *req, char **cause)
{
	struct xfer *x;
	int local = url_has_scheme(req->url, "file");

	if (!local && !url_has_scheme(req->url, "http") &&
	    !url_has_scheme(req->url, "https")) {
		*cause = xasprintf("unsupported URL (only http, https and "
		    "file): %s", req->url);
		return -1;
	}
	x = xcalloc(1, sizeof *x);
	x->owner = f;
	x->local_fd = -1;
	x->host = local ? NULL : url_host(req->url);
	if (!local && x->host == NULL) {
		free(x);
		*cause = xasprintf("not a valid URL: %s", req->url);
		return -1;
	}
	x->url = xstrdup(req->url);
	x->cur_url = xstrdup(req->url);
	x->chain_permanent = 1;
	x->max_age = -1;
	x->etag_req = dup_or_null(req->etag);
	x->lm_req = dup_or_null(req->last_modified);
	x->user_agent = dup_or_null(req->user_agent);
	x->username = dup_or_null(req->username);
	x->password = req->password ? xstrdup(req->password) : NULL;
	x->proxy = dup_or_null(req->proxy);
	x->sink = req->sink;
	x->ctx = req->ctx;
	x->state = XFER_QUEUED;
	if (f->queue_tail != NULL)
		f->queue_tail->next = x;
	else
		f->queue_head = x;
	f->queue_tail = x;
	f->nqueued++;
	return 0;
}

size_t
fetch_pending(const struct fetcher *f)
{
	return f->nqueued + f->nrunning;
}

size_t
fetch_running(const struct fetcher *f)
{
	return f->nrunning;
}

void
fetch_hold(struct fetcher *f, int hold)
{
	f->held = hold != 0;
}

static short
to_curl_events(short ev)
{
	short out = 0;

	if (ev & POLLIN)
		out |= CURL_WAIT_POLLIN;
	if (ev & POLLPRI)
		out |= CURL_WAIT_POLLPRI;
	if (ev & POLLOUT)
		out |= CURL_WAIT_POLLOUT;
	return out;
}

static short
from_curl_events(short ev)
{
	short out = 0;

	if (ev & CURL_WAIT_POLLIN)
		out |= POLLIN;
	if (ev & CURL_WAIT_POLLPRI)
		out |= POLLPRI;
	if (ev & CURL_WAIT_POLLOUT)
		out |= POLLOUT;
	return out;
}

size_t
fetch_run(struct fetcher *f, int timeout_ms, struct fetch_waitfd *extra,
    unsigned nextra)
{
	struct curl_waitfd wfd[16];
	int still, numfds = 0, no_wait;

	if (nextra > sizeof wfd / sizeof wfd[0])
		nextra = sizeof wfd / sizeof wfd[0];
	start_queued(f);
	no_wait = run_local(f);
	start_queued(f);
	for (unsigned i = 0; i < nextra; i++) {
		wfd[i].fd = extra[i].fd;
		wfd[i].events = to_curl_events(extra[i].events);
		wfd[i].revents = 0;
	}
	/*
	 * Local files keep the loop spinning; so does a finished transfer,
	 * whose caller has work to do now rather than after the next byte
	 * of another (the last feed of a refresh has no other).
	 */
	if (no_wait || f->nrunning > 0 || f->nqueued > 0)
		curl_multi_perform(f->multi, &still);
	if (collect_finished(f) > 0)
		no_wait = 1;
	start_queued(f);
	if (no_wait)
		timeout_ms = 0;
	curl_multi_poll(f->multi, wfd, nextra, timeout_ms, &numfds);
	for (unsigned i = 0; i < nextra; i++)
		extra[i].revents = from_curl_events(wfd[i].revents);
	curl_multi_perform(f->multi, &still);
	collect_finished(f);
	start_queued(f);
	return fetch_pending(f);
}

void
fetch_wakeup(struct fetcher *f)
{
	curl_multi_wakeup(f->multi);
}
