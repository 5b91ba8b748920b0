/*
 * suggest: "did you mean" for mistyped names (config keys, options,
 * commands, query fields).
 */
#ifndef SITREP_SUGGEST_H
#define SITREP_SUGGEST_H

#include <stddef.h>

/* Edit distance (insert, delete, substitute, swap) between a and b, ASCII
 * case-insensitive; stops counting at limit + 1. */
size_t suggest_distance(const char *a, const char *b, size_t limit);

/*
 * Returns borrowed: the candidate closest to word (distance <= 2, or word is
 * a prefix of it), or NULL.  candidates ends with NULL when n is 0; else n
 * entries are read.
 */
const char *suggest_closest(const char *word, const char *const *candidates,
    size_t n);

#endif
