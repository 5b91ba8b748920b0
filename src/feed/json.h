/*
 * json: the JSON Feed 1.0/1.1 parser, for feed.c.  It sits on build.h and
 * fields.h and calls nothing above them.
 */
#ifndef SITREP_FEED_JSON_H
#define SITREP_FEED_JSON_H

#include <stddef.h>

#include "feed.h"

struct feed_json;

/* Returns owned; base_url (copied, may be NULL) resolves relative links. */
struct feed_json *feed_json_new(const char *base_url);
/* Feeds bytes; terminate ends the document.  Returns 0 or -1 (stop pushing). */
int feed_json_push(struct feed_json *j, const char *buf, size_t n,
    int terminate);
/*
 * After terminate: returns owned, the document (NULL when the JSON is no
 * feed, then *cause, owned, says why).
 */
struct feed_doc *feed_json_take(struct feed_json *j, char **cause);
void feed_json_free(struct feed_json *j);

#endif
