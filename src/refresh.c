/*
 * refresh: one pass over the due feeds.  See include/refresh.h.
 *
 * A finished transfer's items are already parsed (the parser is the
 * transfer's sink), so finishing a feed is one store transaction.  That
 * transaction runs on a writer thread with its own connection to the cache:
 * writing a big feed (FTS5 indexing is most of it) costs as much CPU as
 * downloading and parsing all the others, and on its own thread it neither
 * delays their requests nor the interface's keys.  The loop's thread
 * prepares each write (ends the parse, works out the schedule) and turns
 * the writer's results into reports; only the writer touches its
 * connection, and the two threads share nothing but the two queues below.
 */
#include "refresh.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checkpoint.h"
#include "feed.h"
#include "ingest.h"
#include "spawn.h"
#include "str.h"
#include "xalloc.h"

#define MINUTE 60
#define BACKOFF_FIRST (5 * MINUTE)
#define BACKOFF_CAP (24 * 60 * MINUTE)
#define SERVER_WAIT_MAX_MINUTES ((int)(FETCH_SERVER_WAIT_MAX / MINUTE))
#define WRITE_BATCH_MAX 32       /* feeds in one writer transaction */
/*
 * Parsed feeds with the preparer or the writer, at most: beyond it no new
 * transfer starts.  When the writer is the bottleneck, a longer queue only
 * holds parsed documents in memory (40 MB of a 200-feed cold refresh)
 * without finishing sooner.  But every hold stalls 16 transfers for a
 * round trip: 8 held a cold refresh of 200 feeds back by 0.1-0.2 s, 24
 * not measurably, with a peak of 32-35 MB.
 */
#define WRITE_BACKLOG_MAX 24
#define PASSWORD_TIMEOUT_MS 10000

struct job {
	struct refresh *owner;
	const struct config_feed *cf;
	struct store_feed prev;      /* state before this attempt */
	struct feed_parser *parser;
	char *parse_cause;           /* the parser's fatal complaint */
	/* Copied from the response when the transfer ends. */
	long status;
	char *error, *etag, *last_modified, *moved_to;
	int64_t retry_after, max_age;
	int over_cap;
	uint64_t bytes;
	double seconds;
	struct job *next_ready;
};

/* One feed's write, prepared on the loop's thread, done by the writer. */
struct write_task {
	struct job *job;
	struct store_fetch_outcome o;  /* strings borrowed from job and below */
	struct feed_doc *doc;          /* NULL: nothing to store but the try */
	char *error, *warning;
	struct store_ingest_stats stats;
	char *store_error;             /* set by the writer */
	struct write_task *next;
};

/* The writer thread and its queues; lock guards everything below it. */
/* Write tasks in order, linked by next; a queue under the writer's lock. */
struct task_queue {
	struct write_task *head, *tail;
};

struct writer {
	pthread_t thread;
	int running;
	struct store *st;              /* the writer's own connection */
	struct checkpointer *ckpt;     /* NULL: the writer checkpoints */
	pthread_mutex_t lock;
	pthread_cond_t wake;
	/*
	 * Submitted feeds wait for the preparer (raw), then for the writer
	 * (queued); written ones wait for the loop (done).
	 */
	pthread_t prep_thread;
	pthread_cond_t prep_wake;
	int prep_stop;
	struct task_queue raw, queued, done;
	size_t in_flight;              /* submitted and not yet done */
	int stop;
};

struct refresh {
	const struct config *cfg;
	struct store *st;
	struct fetcher *fetcher;
	struct job **jobs;
	size_t njobs;
	struct job *ready_head, *ready_tail;
	struct writer w;
	struct refresh_report *reports;
	size_t nreports;
	size_t nunqueued;            /* feeds that failed before a transfer */
	size_t failed, added, updated;
	uint64_t bytes;
	int64_t now;
	struct timespec started;
	int lock_fd;
	void (*on_feed)(void *ctx, const struct refresh_report *rep);
	void *on_feed_ctx;
	/* read-only once built: the writer thread classifies with it */
	struct classifier *classifier;
};

/* ---------- schedule ---------- */

static uint32_t
key_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int64_t
refresh_next_interval(const char *key, int interval_min, int ttl_min)
{
	int64_t secs, jitter_span;

	if (interval_min < 1)
		interval_min = 1;
	/* A ttl stored by an older sitrep may be beyond today's cap. */
	if (ttl_min > SERVER_WAIT_MAX_MINUTES)
		ttl_min = SERVER_WAIT_MAX_MINUTES;
	if (ttl_min > interval_min)
		interval_min = ttl_min;
	secs = (int64_t)interval_min * MINUTE;
	/*
	 * Up to 10% (at most 5 minutes) more, fixed per feed: feeds of one host
	 * drift apart instead of arriving together every time.
	 */
	jitter_span = secs / 10;
	if (jitter_span > 5 * MINUTE)
		jitter_span = 5 * MINUTE;
	if (jitter_span > 0)
		secs += key_hash(key) % (uint32_t)jitter_span;
	return secs;
}

int64_t
refresh_backoff(int fail_count)
{
	int64_t d = BACKOFF_FIRST;

	for (int i = 1; i < fail_count && d < BACKOFF_CAP; i++)
		d *= 2;
	return d < BACKOFF_CAP ? d : BACKOFF_CAP;
}

/* ---------- the lock beside the cache ---------- */

static int
take_lock(const char *cache_path, int wait, int *busy, char **cause)
{
	char *path = xasprintf("%s.lock", cache_path);
	struct flock fl = { 0 };
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		*cause = xasprintf("cannot open the refresh lock %s: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl) < 0) {
		struct flock who = fl;
		char pid[32] = "";

		if (fcntl(fd, F_GETLK, &who) == 0 && who.l_type != F_UNLCK)
			snprintf(pid, sizeof pid, " (pid %ld)", (long)who.l_pid);
		*cause = xasprintf("another sitrep refresh%s is running on this "
		    "cache; skipped (sitrep refresh --wait waits for it)", pid);
		*busy = 1;
		close(fd);
		free(path);
		return -1;
	}
	free(path);
	return fd;
}

/* ---------- the sink: a feed parser per transfer ---------- */

static void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	store_feed_clear(&j->prev);
	feed_parser_free(j->parser);
	free(j->parse_cause);
	free(j->error);
	free(j->etag);
	free(j->last_modified);
	free(j->moved_to);
	free(j);
}

static int
sink_headers(void *ctx, const struct fetch_response *resp)
{
	struct job *j = ctx;
	struct feed_parse_opts po = { 0 };

	po.base_url = resp->effective_url ? resp->effective_url : j->cf->url;
	po.http_charset = resp->charset;
	po.max_bytes = 0; /* the transfer counts the cap */
	feed_parser_free(j->parser);
	j->parser = feed_parser_new(&po);
	return 0;
}

static int
sink_body(void *ctx, const char *buf, size_t n)
{
	struct job *j = ctx;

	if (j->parser == NULL)
		return -1;
	/* A document that can't be a feed is not worth downloading. */
	return feed_parser_push(j->parser, buf, n);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
sink_done(void *ctx, const struct fetch_response *resp)
{
	struct job *j = ctx;
	struct refresh *r = j->owner;

	j->status = resp->status;
	j->error = dup_or_null(resp->error);
	j->etag = dup_or_null(resp->etag);
	j->last_modified = dup_or_null(resp->last_modified);
	j->moved_to = dup_or_null(resp->moved_to);
	j->retry_after = resp->retry_after;
	j->max_age = resp->max_age;
	j->over_cap = resp->over_cap;
	j->bytes = resp->bytes;
	j->seconds = resp->seconds;
	if (r->ready_tail != NULL)
		r->ready_tail->next_ready = j;
	else
		r->ready_head = j;
	r->ready_tail = j;
}

/* ---------- finishing a feed ---------- */

static int
interval_minutes(const struct refresh *r, const struct config_feed *cf)
{
	return cf->refresh_minutes > 0 ? cf->refresh_minutes :
	    r->cfg->general.refresh_minutes;
}

static void
schedule_failure(struct refresh *r, struct job *j,
    struct store_fetch_outcome *o)
{
	o->fail_count = j->prev.fail_count + 1;
	if ((j->status == 429 || j->status == 503) && j->retry_after > 0) {
		int64_t d = j->retry_after;

		o->next_due = r->now + (d < FETCH_SERVER_WAIT_MAX ? d :
		    FETCH_SERVER_WAIT_MAX);
	} else {
		o->next_due = r->now + refresh_backoff(o->fail_count);
	}
	if (j->status == 410)
		o->gone = 1;
}

static char *
failure_text(const struct job *j)
{
	if (j->status == 410)
		return xasprintf("%s: the feed was removed; sitrep stops "
		    "fetching it (sitrep refresh --force %s tries again)",
		    j->error, j->cf->key);
	if ((j->status == 429 || j->status == 503) && j->retry_after > 0)
		return xasprintf("%s (the server asked to wait %lld s)",
		    j->error, (long long)j->retry_after);
	if (j->over_cap)
		return xasprintf("%s; nothing of it was stored (raise "
		    "max_feed_size if the feed is really this large)", j->error);
	return xstrdup(j->error);
}

/* Ends the parse and works out what to record: the loop's thread. */
static struct write_task *
prepare_write(struct refresh *r, struct job *j)
{
	struct write_task *t = xcalloc(1, sizeof *t);
	struct store_fetch_outcome *o = &t->o;
	int ttl = 0;

	t->job = j;
	if (j->error == NULL && j->status != 304) {
		char *pcause = NULL;

		t->doc = j->parser ? feed_parser_finish(j->parser, &pcause) :
		    NULL;
		if (t->doc == NULL)
			t->error = xasprintf("not a feed: %s", pcause ? pcause :
			    "the document is empty");
		else if (t->doc->error != NULL)
			t->warning = xasprintf("document is damaged: %s; kept "
			    "the %zu articles before the damage",
			    t->doc->error, t->doc->nitems);
		free(pcause);
	} else if (j->error != NULL) {
		t->error = failure_text(j);
		/*
		 * Keep the complete items of a transfer that broke; but a
		 * document the byte cap stopped is one sitrep refused, and
		 * storing its first 16 MiB would store what it refused.
		 */
		if (j->parser != NULL && !j->over_cap) {
			t->doc = feed_parser_finish(j->parser, NULL);
			if (t->doc != NULL && t->doc->nitems == 0) {
				feed_doc_free(t->doc);
				t->doc = NULL;
			}
		}
	}
	/* The parser's memory goes back before the write starts. */
	feed_parser_free(j->parser);
	j->parser = NULL;
	if (j->moved_to != NULL && t->error == NULL) {
		char *w = xasprintf("moved permanently to %s: update url in the "
		    "config's [feed:%s]", j->moved_to, j->cf->key);

		if (t->warning != NULL) {
			char *both = xasprintf("%s; %s", t->warning, w);

			free(w);
			free(t->warning);
			w = both;
		}
		t->warning = w;
	}
	if (t->doc != NULL)
		ttl = t->doc->ttl_minutes;
	if (j->max_age > 0 && (j->max_age + MINUTE - 1) / MINUTE > ttl)
		ttl = (int)((j->max_age + MINUTE - 1) / MINUTE);
	/* The feed's own <ttl> is a server-given interval too. */
	if (ttl > SERVER_WAIT_MAX_MINUTES)
		ttl = SERVER_WAIT_MAX_MINUTES;

	o->fetched_at = r->now;
	o->http_status = (int)j->status;
	o->error = t->error ? t->error : t->warning;
	o->not_modified = j->status == 304;
	o->new_url = j->moved_to;
	o->ttl_minutes = ttl;
	if (t->error != NULL) {
		schedule_failure(r, j, o);
	} else {
		o->etag = j->etag;
		o->last_modified = j->last_modified;
		o->next_due = r->now + refresh_next_interval(j->cf->key,
		    interval_minutes(r, j->cf), ttl ? ttl : j->prev.ttl_minutes);
	}
	return t;
}

/*
 * Classification and the index's text of a fetched document: the
 * preparer's thread (or inline).  A few milliseconds of CPU per feed that
 * the loop's thread cannot spare: while it works, no transfer is
 * serviced, and the next requests wait (a cold refresh took 0.2 s
 * longer to download with this on the loop), nor can the writer, which
 * is the thread a refresh waits for at the end.
 */
static void
prepare_doc(const struct refresh *r, struct write_task *t)
{
	if (t->doc == NULL || t->error != NULL || t->o.not_modified)
		return;
	/* First: classification reuses the summaries' index text. */
	store_prepare_doc(t->doc);
	ingest_classify_doc(r->classifier, t->job->cf->key, t->doc);
}

/*
 * The one transaction of a prepared feed (prepare_doc): the writer's
 * thread (or inline).
 */
static void
write_feed(struct store *st, struct write_task *t)
{
	char *cause = NULL;

	if (store_feed_apply(st, t->job->cf->key, &t->o, t->doc, &t->stats,
	    &cause) < 0) {
		t->store_error = xasprintf("could not store the feed: %s",
		    cause);
		free(cause);
		memset(&t->stats, 0, sizeof t->stats);
	}
}

/* Turns a written feed into its report: the loop's thread. */
static void
report_write(struct refresh *r, struct write_task *t)
{
	struct refresh_report rep = { 0 };
	struct job *j = t->job;

	if (t->store_error != NULL) {
		free(t->error);
		t->error = t->store_error;
		t->store_error = NULL;
	}
	rep.key = j->cf->key;
	rep.ok = t->error == NULL;
	rep.not_modified = j->status == 304;
	rep.http_status = (int)j->status;
	rep.error = t->error;
	rep.warning = t->warning;
	rep.added = t->stats.added;
	rep.updated = t->stats.updated;
	rep.bytes = j->bytes;
	rep.seconds = j->seconds;
	rep.next_due = t->o.next_due;
	r->reports = xreallocarray(r->reports, r->nreports + 1,
	    sizeof *r->reports);
	r->reports[r->nreports++] = rep;
	r->failed += !rep.ok;
	r->added += rep.added;
	r->updated += rep.updated;
	r->bytes += rep.bytes;
	if (r->on_feed != NULL)
		r->on_feed(r->on_feed_ctx, &r->reports[r->nreports - 1]);
	feed_doc_free(t->doc);
	free(t);
}

/* A feed that never reached the writer (it could not be queued). */
static void
finish_job_inline(struct refresh *r, struct job *j)
{
	struct write_task *t = prepare_write(r, j);

	prepare_doc(r, t);
	write_feed(r->st, t);
	report_write(r, t);
}

/* ---------- the preparer and writer threads ---------- */

/*
 * Writes the batch of up to WRITE_BATCH_MAX feeds writer_main took from
 * the queue in one transaction; a queue builds up only when the writer is the
 * bottleneck, and then a commit per feed is what it can least afford.
 */
static void
write_batch(struct refresh *r, struct write_task *batch)
{
	struct writer *w = &r->w;
	char *cause = NULL;

	if (store_batch_begin(w->st, &cause) < 0) {
		for (struct write_task *t = batch; t != NULL; t = t->next)
			t->store_error = xasprintf("could not store the feed: "
			    "%s", cause);
		free(cause);
		return;
	}
	for (struct write_task *t = batch; t != NULL; t = t->next)
		write_feed(w->st, t);
	if (store_batch_end(w->st, &cause) < 0) {
		for (struct write_task *t = batch; t != NULL; t = t->next) {
			if (t->store_error == NULL)
				t->store_error = xasprintf("could not store "
				    "the feed: %s", cause);
			memset(&t->stats, 0, sizeof t->stats);
		}
		free(cause);
	}
}

/* Appends the chain first..last (last->next is NULL). */
static void
queue_put(struct task_queue *q, struct write_task *first,
    struct write_task *last)
{
	if (q->tail != NULL)
		q->tail->next = first;
	else
		q->head = first;
	q->tail = last;
}

/*
 * Takes up to max tasks from the front as a NULL-terminated chain, its
 * last in *last; NULL when the queue is empty.
 */
static struct write_task *
queue_take(struct task_queue *q, int max, struct write_task **last)
{
	struct write_task *first = q->head, *t = first;

	if (first == NULL)
		return NULL;
	for (int n = 1; n < max && t->next != NULL; n++)
		t = t->next;
	q->head = t->next;
	if (q->head == NULL)
		q->tail = NULL;
	t->next = NULL;
	*last = t;
	return first;
}

/* The preparer's thread: raw tasks in, queued (prepared) tasks out. */
static void *
preparer_main(void *arg)
{
	struct refresh *r = arg;
	struct writer *w = &r->w;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct write_task *last, *t = queue_take(&w->raw, 1, &last);

		if (t == NULL) {
			if (w->prep_stop)
				break;
			pthread_cond_wait(&w->prep_wake, &w->lock);
			continue;
		}
		pthread_mutex_unlock(&w->lock);
		prepare_doc(r, t);
		pthread_mutex_lock(&w->lock);
		queue_put(&w->queued, t, t);
		pthread_cond_signal(&w->wake);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

static void *
writer_main(void *arg)
{
	struct refresh *r = arg;
	struct writer *w = &r->w;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct write_task *last, *batch = queue_take(&w->queued,
		    WRITE_BATCH_MAX, &last);

		if (batch == NULL) {
			if (w->stop)
				break;
			pthread_cond_wait(&w->wake, &w->lock);
			continue;
		}
		pthread_mutex_unlock(&w->lock);
		write_batch(r, batch);
		pthread_mutex_lock(&w->lock);
		queue_put(&w->done, batch, last);
		/* Wake the loop: it may be waiting on sockets and the terminal. */
		fetch_wakeup(r->fetcher);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Ends the writer's thread after what it was given; w->lock is free. */
static void
writer_join(struct writer *w)
{
	pthread_mutex_lock(&w->lock);
	w->stop = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
}

/* What writer_start set up, once its threads have ended. */
static void
writer_teardown(struct writer *w)
{
	pthread_cond_destroy(&w->prep_wake);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	checkpointer_stop(w->ckpt);
	w->ckpt = NULL;
	store_close(w->st);
	w->st = NULL;
}

static int
writer_start(struct refresh *r, char **cause)
{
	struct writer *w = &r->w;
	char *ckpt_cause = NULL;

	w->st = store_open(store_path(r->st), cause);
	if (w->st == NULL)
		return -1;
	/* Without it the writer checkpoints itself: slower, same result. */
	w->ckpt = checkpointer_start(w->st, &ckpt_cause);
	free(ckpt_cause);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	pthread_cond_init(&w->prep_wake, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, r) != 0) {
		*cause = xstrdup("could not start the cache writer thread");
		writer_teardown(w);
		return -1;
	}
	if (pthread_create(&w->prep_thread, NULL, preparer_main, r) != 0) {
		*cause = xstrdup("could not start the feed preparer thread");
		writer_join(w);
		writer_teardown(w);
		return -1;
	}
	w->running = 1;
	return 0;
}

/*
 * Lets the preparer and then the writer finish what they were given, then
 * ends them.
 */
static void
writer_stop(struct refresh *r)
{
	struct writer *w = &r->w;

	if (!w->running)
		return;
	pthread_mutex_lock(&w->lock);
	w->prep_stop = 1;
	pthread_cond_signal(&w->prep_wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->prep_thread, NULL);
	writer_join(w);
	w->running = 0;
	writer_teardown(w);
}

/* Hands a fetched feed to the preparer, which hands it to the writer. */
static void
writer_submit(struct refresh *r, struct write_task *t)
{
	struct writer *w = &r->w;

	pthread_mutex_lock(&w->lock);
	queue_put(&w->raw, t, t);
	w->in_flight++;
	pthread_cond_signal(&w->prep_wake);
	pthread_mutex_unlock(&w->lock);
}

/* Reports what the writer finished; the loop's thread. */
static void
collect_written(struct refresh *r)
{
	struct writer *w = &r->w;
	struct write_task *done;

	if (!w->running)
		return;
	pthread_mutex_lock(&w->lock);
	done = w->done.head;
	w->done.head = w->done.tail = NULL;
	for (struct write_task *t = done; t != NULL; t = t->next)
		w->in_flight--;
	pthread_mutex_unlock(&w->lock);
	while (done != NULL) {
		struct write_task *next = done->next;

		report_write(r, done);
		done = next;
	}
}

/* Written but never reported (the refresh is being freed). */
static void
writer_discard_done(struct refresh *r)
{
	struct write_task *t = r->w.done.head, *next;

	for (; t != NULL; t = next) {
		next = t->next;
		feed_doc_free(t->doc);
		free(t->error);
		free(t->warning);
		free(t->store_error);
		free(t);
	}
	r->w.done.head = r->w.done.tail = NULL;
}

static size_t
writer_in_flight(struct refresh *r)
{
	size_t n;

	if (!r->w.running)
		return 0;
	pthread_mutex_lock(&r->w.lock);
	n = r->w.in_flight;
	pthread_mutex_unlock(&r->w.lock);
	return n;
}

/* ---------- setting up ---------- */

static int
wanted(const struct refresh_options *o, const struct config_feed *cf,
    int *explicit_pick)
{
	*explicit_pick = 0;
	if (o->keys == NULL)
		return cf->enabled;
	for (size_t i = 0; i < o->nkeys; i++) {
		if (strcmp(o->keys[i], cf->key) == 0) {
			*explicit_pick = 1;
			return 1;
		}
	}
	return 0;
}

static char *
run_password_command(const struct config_feed *cf, char **cause)
{
	struct strv argv = STRV_INIT;
	struct str out = STR_INIT;
	char *why = NULL, *pw = NULL;

	if (spawn_split(cf->password_command, &argv, &why) == 0) {
		strv_push(&argv, NULL);
		if (spawn_capture(argv.v, 4096, PASSWORD_TIMEOUT_MS, &out,
		    &why) == 0) {
			size_t n = strcspn(str_cstr(&out), "\r\n");

			pw = xstrndup(str_cstr(&out), n);
		}
		argv.n--; /* the NULL terminator is not a string to free */
	}
	if (pw == NULL)
		*cause = xasprintf("password_command failed: %s", why);
	free(why);
	if (out.p != NULL)
		memset(out.p, 0, out.cap);
	str_free(&out);
	strv_free(&argv);
	return pw;
}

static int
queue_feed(struct refresh *r, const struct config_feed *cf,
    struct store_feed *prev, char **cause)
{
	struct job *j = xcalloc(1, sizeof *j);
	struct fetch_request req = { 0 };
	char *password = NULL;
	int rc;

	j->owner = r;
	j->cf = cf;
	if (cf->username != NULL && cf->password_command != NULL) {
		password = run_password_command(cf, cause);
		if (password == NULL) {
			job_free(j);
			return -1;
		}
	}
	req.url = cf->url;
	/* A changed URL was synced to the store, which cleared validators. */
	req.etag = prev->etag;
	req.last_modified = prev->last_modified;
	req.user_agent = cf->user_agent ? cf->user_agent :
	    r->cfg->general.user_agent;
	req.username = cf->username;
	req.password = password;
	req.proxy = cf->proxy ? cf->proxy : r->cfg->general.proxy;
	req.sink.on_headers = sink_headers;
	req.sink.on_body = sink_body;
	req.sink.on_done = sink_done;
	req.ctx = j;
	rc = fetch_add(r->fetcher, &req, cause);
	if (password != NULL) {
		memset(password, 0, strlen(password));
		free(password);
	}
	if (rc < 0) {
		job_free(j);
		return -1;
	}
	/* The job owns the previous state from here on. */
	j->prev = *prev;
	memset(prev, 0, sizeof *prev);
	r->jobs = xreallocarray(r->jobs, r->njobs + 1, sizeof *r->jobs);
	r->jobs[r->njobs++] = j;
	return 0;
}

/* A feed that could not even be queued is reported as failed at once. */
static void
report_unqueued(struct refresh *r, const struct config_feed *cf,
    const struct store_feed *prev, char *why)
{
	struct job j = { 0 };

	j.owner = r;
	j.cf = cf;
	j.prev = *prev;
	j.error = why;
	r->nunqueued++;
	finish_job_inline(r, &j);
	free(why);
}

static int
check_keys(const struct config *cfg, const struct refresh_options *o,
    char **cause)
{
	for (size_t i = 0; i < o->nkeys; i++) {
		if (config_feed_find(cfg, o->keys[i]) == NULL) {
			*cause = xasprintf("no feed '%s' in %s", o->keys[i],
			    cfg->path ? cfg->path : "the configuration");
			return -1;
		}
	}
	return 0;
}

static int
plan_feed(struct refresh *r, const struct config_feed *cf,
    const struct refresh_options *o, char **cause)
{
	struct store_feed prev = { 0 };
	int explicit_pick, found;
	char *why = NULL;

	if (!wanted(o, cf, &explicit_pick))
		return 0;
	if (store_feed_sync(r->st, cf->key, cf->url, cf->title, cause) < 0)
		return -1;
	found = store_feed_state(r->st, cf->key, &prev, cause);
	if (found < 0)
		return -1;
	if (!o->force && prev.gone) {
		store_feed_clear(&prev);
		return 0;
	}
	if (!o->force && !explicit_pick && prev.next_due > r->now) {
		store_feed_clear(&prev);
		return 0;
	}
	if (queue_feed(r, cf, &prev, &why) < 0)
		report_unqueued(r, cf, &prev, why);
	store_feed_clear(&prev);
	return 0;
}

/*
 * Plans every feed of the config.  The feeds' rows are synced with the
 * config in one transaction: one per feed cost 20 ms of a cold start with
 * 200 feeds, before the first request went out.
 */
static int
plan_feeds(struct refresh *r, const struct refresh_options *o,
    char **cause)
{
	char *batch_cause = NULL;
	int batched = store_batch_begin(r->st, &batch_cause) == 0;

	/* Without the batch each feed is synced on its own: slower, same. */
	free(batch_cause);
	for (size_t i = 0; i < r->cfg->nfeeds; i++)
		if (plan_feed(r, &r->cfg->feeds[i], o, cause) < 0) {
			if (batched)
				store_batch_end(r->st, NULL);
			return -1;
		}
	if (batched && store_batch_end(r->st, cause) < 0)
		return -1;
	return 0;
}

struct refresh *
refresh_new(const struct config *cfg, struct store *st,
    const struct refresh_options *o, int *busy, char **cause)
{
	struct refresh *r;
	struct fetch_options fo = { 0 };
	int dummy_busy = 0;

	if (busy == NULL)
		busy = &dummy_busy;
	*busy = 0;
	if (o->keys != NULL && check_keys(cfg, o, cause) < 0)
		return NULL;
	r = xcalloc(1, sizeof *r);
	r->cfg = cfg;
	r->st = st;
	r->lock_fd = -1;
	r->now = o->now ? o->now : (int64_t)time(NULL);
	clock_gettime(CLOCK_MONOTONIC, &r->started);
	r->classifier = ingest_classifier_new(cfg, cause);
	if (r->classifier == NULL)
		goto fail;
	r->lock_fd = take_lock(store_path(st), o->wait_for_lock, busy, cause);
	if (r->lock_fd < 0)
		goto fail;
	fo.max_parallel = cfg->general.max_parallel;
	fo.max_per_host = cfg->general.max_per_host;
	fo.connect_timeout = cfg->general.connect_timeout;
	fo.timeout = cfg->general.timeout;
	fo.max_bytes = (uint64_t)cfg->general.max_feed_bytes;
	fo.ca_file = o->ca_file;
	r->fetcher = fetch_new(&fo, cause);
	if (r->fetcher == NULL)
		goto fail;
	if (writer_start(r, cause) < 0)
		goto fail;
	if (plan_feeds(r, o, cause) < 0)
		goto fail;
	return r;
fail:
	refresh_free(r);
	return NULL;
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Hands finished transfers to the writer. */
static void
submit_ready(struct refresh *r)
{
	while (r->ready_head != NULL) {
		struct job *j = r->ready_head;

		r->ready_head = j->next_ready;
		if (r->ready_head == NULL)
			r->ready_tail = NULL;
		writer_submit(r, prepare_write(r, j));
	}
}

int
refresh_step(struct refresh *r, int timeout_ms, struct fetch_waitfd *extra,
    unsigned nextra)
{
	size_t pending, backlog;

	/*
	 * No wait for finished transfers, nor when nothing is left to wait
	 * for (a refresh with no feed due); the writer wakes the wait when
	 * it has written something.
	 */
	if (r->ready_head != NULL || (nextra == 0 &&
	    fetch_pending(r->fetcher) == 0 && writer_in_flight(r) == 0))
		timeout_ms = 0;
	pending = fetch_run(r->fetcher, timeout_ms, extra, nextra);
	submit_ready(r);
	collect_written(r);
	backlog = writer_in_flight(r);
	fetch_hold(r->fetcher, backlog >= WRITE_BACKLOG_MAX);
	return pending > 0 || backlog > 0;
}

void
refresh_get_progress(const struct refresh *r, struct refresh_progress *p)
{
	memset(p, 0, sizeof *p);
	p->total = r->njobs + r->nunqueued;
	p->done = r->nreports;
	p->failed = r->failed;
	p->running = fetch_running(r->fetcher);
	p->added = r->added;
	p->updated = r->updated;
	p->bytes = r->bytes;
	p->elapsed = (double)ms_since(&r->started) / 1000.0;
}

void
refresh_set_callback(struct refresh *r,
    void (*on_feed)(void *ctx, const struct refresh_report *rep), void *ctx)
{
	r->on_feed = on_feed;
	r->on_feed_ctx = ctx;
}

const struct refresh_report *
refresh_reports(const struct refresh *r, size_t *n)
{
	*n = r->nreports;
	return r->reports;
}

void
refresh_free(struct refresh *r)
{
	if (r == NULL)
		return;
	/*
	 * Feeds handed to the writer are written (each wholly or not at all);
	 * transfers still running are cancelled.  The writer wakes the
	 * fetcher's loop, so it stops first.
	 */
	writer_stop(r);
	writer_discard_done(r);
	fetch_free(r->fetcher);
	r->fetcher = NULL;
	for (size_t i = 0; i < r->njobs; i++)
		job_free(r->jobs[i]);
	free(r->jobs);
	for (size_t i = 0; i < r->nreports; i++) {
		free(r->reports[i].error);
		free(r->reports[i].warning);
	}
	free(r->reports);
	if (r->lock_fd >= 0)
		close(r->lock_fd);
	classifier_free(r->classifier);
	free(r);
}
