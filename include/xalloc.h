/*
 * xalloc: allocation that cannot fail.  Every allocator aborts the process
 * with a message when memory is exhausted, so callers never check for NULL.
 */
#ifndef SITREP_XALLOC_H
#define SITREP_XALLOC_H

#include <stddef.h>

/* All return owned memory; free() it. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for arrays: checks nmemb * size for overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
/*
 * Returns arr (owned, maybe moved) with room for at least n + 1 elements of
 * size bytes; *cap counts the room and grows geometrically.
 */
void *xgrow(void *arr, size_t n, size_t *cap, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Frees *pp and sets it to NULL; xfree_ptr(NULL) and *pp == NULL do nothing. */
void xfree_ptr(char **pp);

#endif
