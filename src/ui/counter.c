/*
 * counter: a worker thread that counts for the interface, on a read-only
 * connection of its own: the list's total and unread, the window's position
 * in the list, and the sidebar with its facets.  On a 100k-article cache a
 * count reads an index or the table from end to end (tens to hundreds of
 * milliseconds), where a key must be answered in a few: the main thread
 * asks, goes on answering keys, and picks the results up when the worker's
 * pipe becomes readable.  DESIGN.md: "move ... to a worker with its own
 * SQLite connection and a pipe back to the loop — measure first"; measured
 * in tests/bench (section ui).
 *
 * The worker never touches curses or the interface's state: it gets query
 * texts and gives back plain data.  A newer request of a kind replaces an
 * older one still waiting, and each result carries the generation it was
 * asked for, so the main thread drops what is out of date.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui_int.h"
#include "xalloc.h"

struct request {
	int asked;
	uint64_t gen;
	char *query;
	struct query_key key;
};

struct counter {
	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int pipe[2];                 /* the worker writes a byte per result */
	struct store *st;            /* the worker's own connection */
	const struct config *cfg;    /* read only, shared */
	struct request req[COUNTER_JOBS];
	struct counter_result done[COUNTER_JOBS];
	int have[COUNTER_JOBS];
	int running;
	atomic_int stop;             /* read by the worker between queries */
	atomic_int finished;         /* the worker has left its loop */
};

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

void
counter_result_clear(struct counter_result *r)
{
	sidebar_entries_free(r->v, r->n);
	free(r->error);
	memset(r, 0, sizeof *r);
}

static struct query *
parse(const struct counter *c, const char *text, char **error)
{
	struct query_env env = { (int64_t)time(NULL), c->cfg };
	struct query_error err = { 0, 0, NULL };
	struct query *q = query_parse(text, &env, &err);

	if (q == NULL)
		*error = err.message ? err.message : xstrdup("query: not valid");
	return q;
}

static void
run_job(struct counter *c, enum counter_job job, struct request *rq,
    struct counter_result *r)
{
	struct query *q = NULL;
	double t0 = now_ms();

	r->job = job;
	r->gen = rq->gen;
	r->key = rq->key;
	if (job == COUNTER_SIDEBAR) {
		struct sb_source src;

		src.st = c->st;
		src.env.now = (int64_t)time(NULL);
		src.env.cfg = c->cfg;
		src.count = 1;
		src.cancel = &c->stop;
		memset(&src.errors, 0, sizeof src.errors);
		sidebar_compute(&src, &r->v, &r->n);
		if (src.errors.n > 0)
			r->error = xstrdup(src.errors.v[0]);
		strv_free(&src.errors);
		r->ok = 1;
	} else if ((q = parse(c, rq->query, &r->error)) != NULL) {
		if (job == COUNTER_LIST)
			r->ok = query_count(c->st, q, &r->total, &r->unread,
			    &r->error) == 0;
		else
			r->ok = query_position(c->st, q, &rq->key, &r->position,
			    &r->error) == 0;
		query_free(q);
	}
	r->ms = now_ms() - t0;
}

/* The next request, the list's count first: it is in the status bar. */
static int
next_job(struct counter *c)
{
	for (int j = 0; j < COUNTER_JOBS; j++)
		if (c->req[j].asked)
			return j;
	return -1;
}

static void *
worker(void *arg)
{
	struct counter *c = arg;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		struct request rq;
		struct counter_result r;
		int j = -1;

		while (!atomic_load(&c->stop) && (j = next_job(c)) < 0)
			pthread_cond_wait(&c->cv, &c->mu);
		if (atomic_load(&c->stop))
			break;
		rq = c->req[j];
		memset(&c->req[j], 0, sizeof c->req[j]);
		c->running = 1;
		pthread_mutex_unlock(&c->mu);

		memset(&r, 0, sizeof r);
		run_job(c, (enum counter_job)j, &rq, &r);
		free(rq.query);

		pthread_mutex_lock(&c->mu);
		if (c->have[j])
			counter_result_clear(&c->done[j]);
		c->done[j] = r;
		c->have[j] = 1;
		c->running = 0;
		(void)!write(c->pipe[1], "x", 1);
	}
	pthread_mutex_unlock(&c->mu);
	atomic_store(&c->finished, 1);
	return NULL;
}

static int
pipe_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

struct counter *
counter_new(const char *cache_path, const struct config *cfg, char **cause)
{
	struct counter *c = xcalloc(1, sizeof *c);

	c->pipe[0] = c->pipe[1] = -1;
	c->cfg = cfg;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pipe(c->pipe) < 0 || pipe_flags(c->pipe[0]) < 0 ||
	    pipe_flags(c->pipe[1]) < 0) {
		*cause = xasprintf("cannot create a pipe: %s", strerror(errno));
		goto fail;
	}
	c->st = store_open_readonly(cache_path, cause);
	if (c->st == NULL)
		goto fail;
	if (pthread_create(&c->thread, NULL, worker, c) != 0) {
		*cause = xstrdup("cannot start the counting thread");
		goto fail;
	}
	c->started = 1;
	return c;
fail:
	counter_free(c);
	return NULL;
}

void
counter_free(struct counter *c)
{
	if (c == NULL)
		return;
	if (c->started) {
		pthread_mutex_lock(&c->mu);
		atomic_store(&c->stop, 1);
		pthread_cond_signal(&c->cv);
		pthread_mutex_unlock(&c->mu);
		/*
		 * A long count stops at once instead of finishing: interrupted,
		 * and again should the worker have been between two queries.
		 */
		while (!atomic_load(&c->finished)) {
			struct timespec ms = { 0, 1000000 };

			sqlite3_interrupt(store_db(c->st));
			nanosleep(&ms, NULL);
		}
		pthread_join(c->thread, NULL);
	}
	for (int j = 0; j < COUNTER_JOBS; j++) {
		free(c->req[j].query);
		if (c->have[j])
			counter_result_clear(&c->done[j]);
	}
	store_close(c->st);
	for (int i = 0; i < 2; i++)
		if (c->pipe[i] >= 0)
			close(c->pipe[i]);
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

int
counter_fd(const struct counter *c)
{
	return c->pipe[0];
}

void
counter_ask(struct counter *c, enum counter_job job, uint64_t gen,
    const char *query, const struct query_key *key)
{
	struct request *rq = &c->req[job];

	pthread_mutex_lock(&c->mu);
	free(rq->query);
	rq->asked = 1;
	rq->gen = gen;
	rq->query = xstrdup(query ? query : "");
	if (key != NULL)
		rq->key = *key;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

int
counter_take(struct counter *c, struct counter_result *r)
{
	char buf[64];
	int got = 0;

	while (read(c->pipe[0], buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&c->mu);
	for (int j = 0; j < COUNTER_JOBS; j++) {
		if (c->have[j]) {
			*r = c->done[j];
			memset(&c->done[j], 0, sizeof c->done[j]);
			c->have[j] = 0;
			got = 1;
			break;
		}
	}
	pthread_mutex_unlock(&c->mu);
	return got;
}

int
counter_idle(struct counter *c)
{
	int idle;

	pthread_mutex_lock(&c->mu);
	idle = !c->running && next_job(c) < 0;
	for (int j = 0; j < COUNTER_JOBS; j++)
		idle = idle && !c->have[j];
	pthread_mutex_unlock(&c->mu);
	return idle;
}
