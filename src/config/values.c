/*
 * values: the types a key can have (enum ckey_type), each one's parser and
 * check, how a value is stored in and freed from its object, and the
 * "expected ..." text that tells the user what a key accepts.
 *
 * Apart from the tables (keys.c) and from the walk over the file (read.c):
 * this is the only code that knows how a string becomes an int, a size, a
 * list or a path, so a new type is a case here and nowhere else.
 */
#include "config_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "suggest.h"
#include "xalloc.h"

/* Size suffixes, largest first. */
static const struct {
	char suffix;
	int64_t mult;
} size_units[] = { { 'G', GIB }, { 'M', MIB }, { 'K', KIB } };

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
value_has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			return 1;
	return 0;
}

int
value_blank(const char *s)
{
	for (; *s == ' ' || *s == '\t'; s++)
		;
	return *s == '\0';
}

int
value_name_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i]))
			continue;
		if (i == 0 || strchr("._-", s[i]) == NULL)
			return 0;
	}
	return i >= 1 && i <= 64;
}

static int
url_ok(const char *u)
{
	static const char *const schemes[] = { "http://", "https://" };
	size_t i, n;

	if (value_has_control(u) || strpbrk(u, " \t") != NULL)
		return 0;
	for (i = 0; i < NELEM(schemes); i++) {
		n = strlen(schemes[i]);
		/* A host must follow. */
		if (strncasecmp(u, schemes[i], n) == 0)
			return u[n] != '\0' && u[n] != '/';
	}
	/* A local feed: file:// and an absolute path. */
	return strncasecmp(u, "file://", 7) == 0 && u[7] == '/' && u[8] != '\0';
}

static int
bool_parse(const char *s, int *out)
{
	static const struct {
		const char *word;
		int value;
	} words[] = {
		{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 },
		{ "on", 1 }, { "off", 0 }, { "1", 1 }, { "0", 0 },
	};
	size_t i;

	for (i = 0; i < NELEM(words); i++) {
		if (strcasecmp(s, words[i].word) == 0) {
			*out = words[i].value;
			return 0;
		}
	}
	return -1;
}

/*
 * Reads the decimal digits at *s (at least one) into *out and moves *s past
 * them; -1 when there is none or the number is too big.
 */
static int
digits_parse(const char **s, int64_t *out)
{
	const char *p = *s;
	int64_t v = 0;

	if (!is_digit(*p))
		return -1;
	for (; is_digit(*p); p++) {
		if (v > (INT64_MAX - (*p - '0')) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	*s = p;
	*out = v;
	return 0;
}

/* A whole decimal number, optionally signed; -1 when not one or too big. */
static int
int_parse(const char *s, int64_t *out)
{
	int64_t v;
	int neg = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (digits_parse(&s, &v) == -1 || *s != '\0')
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/* "65536", "64K", "16M", "1G" (any case; "16MB" and "16MiB" too). */
static int
size_parse(const char *s, int64_t *out)
{
	int64_t v, mult = 1;
	size_t i;

	if (digits_parse(&s, &v) == -1)
		return -1;
	for (i = 0; i < NELEM(size_units); i++) {
		if ((*s | 0x20) == (size_units[i].suffix | 0x20)) {
			mult = size_units[i].mult;
			s++;
			if (strcasecmp(s, "ib") == 0)
				s += 2;
			break;
		}
	}
	if (strcasecmp(s, "b") == 0)
		s++;
	if (*s != '\0' || v > INT64_MAX / mult)
		return -1;
	*out = v * mult;
	return 0;
}

/* Writes v as "16M", "64K", "1G" when it is a whole multiple, else bytes. */
static void
size_show(char *buf, size_t n, int64_t v)
{
	size_t i;

	for (i = 0; i < NELEM(size_units); i++) {
		int64_t mult = size_units[i].mult;

		if (v >= mult && v % mult == 0) {
			snprintf(buf, n, "%" PRId64 "%c", v / mult,
			    size_units[i].suffix);
			return;
		}
	}
	snprintf(buf, n, "%" PRId64, v);
}

/* Returns owned: "expected one of a, b or c" from choices "a|b|c". */
static char *
choices_expected(const char *choices)
{
	struct str msg = STR_INIT;
	const char *p = choices, *bar;

	str_appendz(&msg, "expected one of ");
	while ((bar = strchr(p, '|')) != NULL) {
		str_append(&msg, p, (size_t)(bar - p));
		str_appendz(&msg, strchr(bar + 1, '|') ? ", " : " or ");
		p = bar + 1;
	}
	str_appendz(&msg, p);
	return str_steal(&msg);
}

char *
ckey_expected(const struct ckey *k)
{
	static const char *const units[CK_COUNT] = {
		[CK_MINUTES] = " of minutes", [CK_SECONDS] = " of seconds",
		[CK_DAYS] = " of days",
	};
	char lo[32], hi[32];

	switch (k->type) {
	case CK_STRING:
		return xstrdup("expected text without control characters");
	case CK_PATH:
		return xstrdup("expected an absolute path (~/ and $HOME/ are "
		    "expanded at the start)");
	case CK_URL:
		return xstrdup("expected an http://, https:// or file:/// URL");
	case CK_BOOL:
		return xstrdup("expected yes or no");
	case CK_INT:
	case CK_MINUTES:
	case CK_SECONDS:
	case CK_DAYS:
		return xasprintf("expected a whole number%s from %" PRId64
		    " to %" PRId64, units[k->type] ? units[k->type] : "",
		    k->min, k->max);
	case CK_SIZE:
		size_show(lo, sizeof lo, k->min);
		size_show(hi, sizeof hi, k->max);
		return xasprintf("expected a size from %s to %s: bytes, or a "
		    "whole number with K, M or G", lo, hi);
	case CK_LIST:
		return xstrdup("expected a comma-separated list of words "
		    "without spaces");
	case CK_CHOICE:
		return choices_expected(k->choices);
	case CK_COUNT:
		break;
	}
	abort();
}

/* "expected one of ...", and the nearest choice when one is near. */
static char *
choice_suggest(const struct ckey *k, const char *text)
{
	struct strv words = STRV_INIT;
	char *expected = ckey_expected(k), *out;
	const char *near;

	for (const char *p = k->choices; ; ) {
		const char *bar = strchr(p, '|');

		strv_push(&words, bar ? xstrndup(p, (size_t)(bar - p)) :
		    xstrdup(p));
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	near = suggest_closest(text, (const char *const *)words.v, words.n);
	out = near != NULL ? xasprintf("%s; did you mean '%s'?", expected, near) :
	    xstrdup(expected);
	strv_free(&words);
	free(expected);
	return out;
}

/* 1 when text is one of the '|'-separated words of choices (any case). */
static int
choice_ok(const char *choices, const char *text)
{
	size_t n = strlen(text);

	for (const char *p = choices; ; ) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);

		if (len == n && strncasecmp(p, text, n) == 0)
			return 1;
		if (bar == NULL)
			return 0;
		p = bar + 1;
	}
}

/* Splits a comma-separated list; returns owned: why an item is refused. */
static char *
list_parse(const char *s, struct strv *out)
{
	const char *p = s, *end, *b, *e;
	char *item;

	for (;;) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		for (b = p; b < end && (*b == ' ' || *b == '\t'); b++)
			;
		for (e = end; e > b && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		if (e > b) {
			item = xstrndup(b, (size_t)(e - b));
			if (value_has_control(item) ||
			    strpbrk(item, " \t") != NULL) {
				char *shown = value_show(item);
				char *why = xasprintf("'%s' contains a space; "
				    "expected a comma-separated list of words "
				    "without spaces", shown);

				free(shown);
				free(item);
				return why;
			}
			if (strv_contains(out, item, 1))
				free(item);
			else
				strv_push(out, item);
		}
		if (*end == '\0')
			return NULL;
		p = end + 1;
	}
}

/*
 * The text types (string, path, URL, choice): returns owned, the value to
 * store, or NULL with *why (owned).
 */
static char *
text_value(const struct ckey *k, const char *text, char **why)
{
	char *s;

	switch (k->type) {
	case CK_STRING:
		if (value_has_control(text))
			break;
		return xstrdup(text);
	case CK_PATH:
		if (value_has_control(text))
			break;
		if ((s = path_expand(text)) == NULL) {
			*why = xstrdup("HOME is not set, so ~ and $HOME cannot "
			    "be expanded");
			return NULL;
		}
		if (s[0] == '/')
			return s;
		free(s);
		break;
	case CK_URL:
		if (!url_ok(text))
			break;
		return xstrdup(text);
	case CK_CHOICE:
		if (!choice_ok(k->choices, text)) {
			*why = choice_suggest(k, text);
			return NULL;
		}
		s = xstrdup(text);
		for (char *c = s; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		return s;
	default:
		abort();
	}
	*why = ckey_expected(k);
	return NULL;
}

char *
ckey_set(const struct ckey *k, void *obj, const char *text)
{
	char *field = (char *)obj + k->offset;
	char *s, *why = NULL;
	struct strv list = STRV_INIT;
	int64_t v;
	int b;

	switch (k->type) {
	case CK_STRING:
	case CK_PATH:
	case CK_URL:
	case CK_CHOICE:
		if ((s = text_value(k, text, &why)) == NULL)
			return why;
		free(*(char **)(void *)field);
		*(char **)(void *)field = s;
		return NULL;
	case CK_BOOL:
		if (bool_parse(text, &b) == -1)
			return ckey_expected(k);
		*(int *)(void *)field = b;
		return NULL;
	case CK_INT:
	case CK_MINUTES:
	case CK_SECONDS:
	case CK_DAYS:
		if (int_parse(text, &v) == -1 || v < k->min || v > k->max)
			return ckey_expected(k);
		*(int *)(void *)field = (int)v;
		return NULL;
	case CK_SIZE:
		if (size_parse(text, &v) == -1 || v < k->min || v > k->max)
			return ckey_expected(k);
		*(int64_t *)(void *)field = v;
		return NULL;
	case CK_LIST:
		if ((why = list_parse(text, &list)) != NULL) {
			strv_free(&list);
			return why;
		}
		strv_free((struct strv *)(void *)field);
		*(struct strv *)(void *)field = list;
		return NULL;
	case CK_COUNT:
		break;
	}
	abort();
}

void
ckeys_set_defaults(const struct ckey_table *t, void *obj)
{
	char *why;
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->v[i].def == NULL)
			continue;
		if ((why = ckey_set(&t->v[i], obj, t->v[i].def)) != NULL) {
			/* A bad row in keys.c: a bug, not user input. */
			fprintf(stderr, "sitrep: default of %s: %s\n",
			    t->v[i].name, why);
			abort();
		}
	}
}

void
ckeys_free(const struct ckey_table *t, void *obj)
{
	char *field;
	size_t i;

	for (i = 0; i < t->n; i++) {
		field = (char *)obj + t->v[i].offset;
		switch (t->v[i].type) {
		case CK_STRING:
		case CK_PATH:
		case CK_URL:
		case CK_CHOICE:
			xfree_ptr((char **)(void *)field);
			break;
		case CK_LIST:
			strv_free((struct strv *)(void *)field);
			break;
		default:
			break;
		}
	}
}

const char *
ckey_suggest(const struct ckey_table *t, const char *word)
{
	const char *names[64];
	size_t i;

	for (i = 0; t != NULL && i < t->n && i < NELEM(names); i++)
		names[i] = t->v[i].name;
	return i > 0 ? suggest_closest(word, names, i) : NULL;
}

const struct ckey *
ckey_find(const struct ckey_table *t, const char *name)
{
	size_t i;

	for (i = 0; t != NULL && i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	return NULL;
}
