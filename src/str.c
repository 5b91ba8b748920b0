#include "str.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

char *
str_reserve(struct str *s, size_t n)
{
	size_t need, cap;

	if (n > SIZE_MAX - s->len - 1) {
		fprintf(stderr, "sitrep: string too long\n");
		abort();
	}
	need = s->len + n + 1;
	if (need > s->cap) {
		cap = s->cap ? s->cap : 64;
		while (cap < need)
			cap = cap > SIZE_MAX / 2 ? need : cap * 2;
		s->p = xrealloc(s->p, cap);
		s->cap = cap;
	}
	return s->p + s->len;
}

void
str_append(struct str *s, const char *p, size_t n)
{
	char *dst = str_reserve(s, n);

	if (n > 0)
		memcpy(dst, p, n);
	s->len += n;
	s->p[s->len] = '\0';
}

void
str_appendz(struct str *s, const char *z)
{
	str_append(s, z, strlen(z));
}

void
str_appendc(struct str *s, char c)
{
	str_append(s, &c, 1);
}

void
str_vappendf(struct str *s, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0) {
		str_reserve(s, 0);
		s->p[s->len] = '\0';
		return;
	}
	str_reserve(s, (size_t)n);
	vsnprintf(s->p + s->len, (size_t)n + 1, fmt, ap);
	s->len += (size_t)n;
}

void
str_appendf(struct str *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	str_vappendf(s, fmt, ap);
	va_end(ap);
}

void
str_clear(struct str *s)
{
	s->len = 0;
	if (s->p != NULL)
		s->p[0] = '\0';
}

void
str_truncate(struct str *s, size_t len)
{
	if (len < s->len) {
		s->len = len;
		s->p[len] = '\0';
	}
}

void
str_free(struct str *s)
{
	free(s->p);
	s->p = NULL;
	s->len = s->cap = 0;
}

char *
str_steal(struct str *s)
{
	char *p = s->p;

	if (p == NULL)
		p = xstrdup("");
	else if (s->cap - s->len > 64 && s->cap - s->len > s->cap / 4)
		/* Doubling leaves up to half unused, and stolen strings are
		 * kept: a parsed feed holds megabytes of them. */
		p = xrealloc(p, s->len + 1);
	s->p = NULL;
	s->len = s->cap = 0;
	return p;
}

const char *
str_cstr(const struct str *s)
{
	return s->p != NULL ? s->p : "";
}

void
strv_push(struct strv *sv, char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
}

void
strv_pushdup(struct strv *sv, const char *s)
{
	strv_push(sv, xstrdup(s));
}

int
strv_contains(const struct strv *sv, const char *s, int nocase)
{
	for (size_t i = 0; i < sv->n; i++)
		if ((nocase ? strcasecmp(sv->v[i], s) : strcmp(sv->v[i], s)) == 0)
			return 1;
	return 0;
}

void
strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

char *
strv_join(const struct strv *sv, const char *sep)
{
	struct str out = STR_INIT;

	for (size_t i = 0; i < sv->n; i++) {
		if (i > 0)
			str_appendz(&out, sep);
		str_appendz(&out, sv->v[i]);
	}
	return str_steal(&out);
}
