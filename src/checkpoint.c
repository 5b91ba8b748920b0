/*
 * checkpoint: the write-ahead log copied back by a thread of its own.
 * See include/checkpoint.h.
 */
#include <pthread.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "checkpoint.h"
#include "store.h"
#include "xalloc.h"

/* SQLite's own default threshold, which the writer goes back to. */
#define CHECKPOINT_PAGES 1000

struct checkpointer {
	sqlite3 *writer_db;
	sqlite3 *db;                 /* the thread's own connection */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int due;                     /* under lock: the log passed the mark */
	int stop;                    /* under lock */
};

/*
 * The writer's commit hook (sqlite3_wal_hook), on the writer's thread:
 * only a flag and a signal, so that the commit returns at once.
 */
static int
on_commit(void *arg, sqlite3 *db, const char *schema, int pages)
{
	struct checkpointer *c = arg;

	(void)db;
	(void)schema;
	if (pages >= CHECKPOINT_PAGES) {
		pthread_mutex_lock(&c->lock);
		c->due = 1;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->lock);
	}
	return SQLITE_OK;
}

static void *
checkpoint_main(void *arg)
{
	struct checkpointer *c = arg;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->due && !c->stop)
			pthread_cond_wait(&c->wake, &c->lock);
		if (c->stop)
			break;
		c->due = 0;
		pthread_mutex_unlock(&c->lock);
		/*
		 * Passive: copies what is committed, never waits.  A failure
		 * (a full disk, another process checkpointing) leaves the
		 * pages in the log, where they are safe; the next commit
		 * over the mark tries again.
		 */
		sqlite3_wal_checkpoint_v2(c->db, "main",
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->lock);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

static int
open_connection(struct checkpointer *c, const char *path, char **cause)
{
	int rc = sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);

	/* The same durability as every connection of the store. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(c->db, "PRAGMA synchronous = NORMAL", NULL,
		    NULL, NULL);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("%s: cannot open a checkpoint connection: "
		    "%s", path, c->db ? sqlite3_errmsg(c->db) :
		    sqlite3_errstr(rc));
		sqlite3_close(c->db);
		c->db = NULL;
		return -1;
	}
	return 0;
}

struct checkpointer *
checkpointer_start(struct store *writer, char **cause)
{
	struct checkpointer *c = xcalloc(1, sizeof *c);

	c->writer_db = store_db(writer);
	if (open_connection(c, store_path(writer), cause) != 0) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->wake, NULL);
	if (pthread_create(&c->thread, NULL, checkpoint_main, c) != 0) {
		*cause = xasprintf("%s: cannot start the checkpoint thread",
		    store_path(writer));
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->lock);
		sqlite3_close(c->db);
		free(c);
		return NULL;
	}
	/* Replaces the automatic checkpoint, which is a WAL hook too. */
	sqlite3_wal_hook(c->writer_db, on_commit, c);
	return c;
}

void
checkpointer_stop(struct checkpointer *c)
{
	if (c == NULL)
		return;
	sqlite3_wal_autocheckpoint(c->writer_db, CHECKPOINT_PAGES);
	pthread_mutex_lock(&c->lock);
	c->stop = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	sqlite3_close(c->db);
	free(c);
}
