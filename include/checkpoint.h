/*
 * checkpoint: copies the cache's write-ahead log into the database on a
 * thread of its own while a refresh's writer keeps writing.
 *
 * SQLite's automatic checkpoint runs inside the commit that crosses its
 * threshold, on the committing thread: during a cold refresh that was a
 * sixth of the writer's time, plus the waits for fsync, and the writer is
 * what a refresh waits for.  A checkpoint in WAL mode needs no write lock,
 * so a second connection can do it in parallel, on the core the writer
 * does not use.
 */
#ifndef SITREP_CHECKPOINT_H
#define SITREP_CHECKPOINT_H

struct store;
struct checkpointer;

/*
 * Takes over the checkpoints of writer's connection: turns its automatic
 * ones off and, whenever its commits leave CHECKPOINT_PAGES or more
 * pages in the log, wakes a thread that copies them with a connection of
 * its own (a passive checkpoint: it never waits for readers or the
 * writer).  Returns NULL with *cause (owned) when that cannot be set up;
 * the writer then checkpoints itself as before.  writer must stay open
 * until checkpointer_stop.
 */
struct checkpointer *checkpointer_start(struct store *writer, char **cause);

/*
 * Ends the thread after the checkpoint it may be running, and gives the
 * writer's connection its automatic checkpoints back.  NULL is a no-op.
 */
void checkpointer_stop(struct checkpointer *c);

#endif
