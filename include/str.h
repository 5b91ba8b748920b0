/*
 * str: the one growable string type, and a vector of owned strings.
 *
 * A struct str is always NUL-terminated once anything was appended; str_cstr()
 * gives "" for an empty one.  Pass text around as (pointer, length) pairs and
 * write literals with STRP("x") so the length is counted by the compiler.
 */
#ifndef SITREP_STR_H
#define SITREP_STR_H

#include <stdarg.h>
#include <stddef.h>

#define STRP(lit) (lit), (sizeof(lit) - 1)

struct str {
	char *p;
	size_t len, cap;
};

#define STR_INIT { NULL, 0, 0 }

void str_append(struct str *s, const char *p, size_t n);
void str_appendz(struct str *s, const char *z);
void str_appendc(struct str *s, char c);
void str_appendf(struct str *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void str_vappendf(struct str *s, const char *fmt, va_list ap);
/* Makes room for n more bytes; returns borrowed pointer to s->p + s->len. */
char *str_reserve(struct str *s, size_t n);
/* Empties s but keeps its buffer for reuse. */
void str_clear(struct str *s);
/* Cuts s to its first len bytes (len <= s->len). */
void str_truncate(struct str *s, size_t len);
void str_free(struct str *s);
/* Returns owned: the contents ("" when empty, never NULL); s is left empty. */
char *str_steal(struct str *s);
/* Returns borrowed: the contents, "" when empty; valid until s changes. */
const char *str_cstr(const struct str *s);

/* A vector of owned, NUL-terminated strings. */
struct strv {
	char **v;
	size_t n, cap;
};

#define STRV_INIT { NULL, 0, 0 }

/* Takes ownership of s. */
void strv_push(struct strv *sv, char *s);
void strv_pushdup(struct strv *sv, const char *s);
/* 1 when sv holds a string equal to s (case-insensitive when nocase). */
int strv_contains(const struct strv *sv, const char *s, int nocase);
void strv_free(struct strv *sv);
/* Joins with sep; returns owned. */
char *strv_join(const struct strv *sv, const char *sep);

#endif
