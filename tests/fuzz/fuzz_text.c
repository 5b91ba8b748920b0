/*
 * libFuzzer target for the sanitiser and the width functions (SECURITY.md
 * T1, F1): whatever the bytes, the output is valid UTF-8 and holds not one
 * of the code points T1 forbids (C0 but TAB and LF, DEL, C1, the bidi
 * controls, U+FEFF, U+00AD -- each decoded and checked, not searched for
 * as bytes), sanitising it again changes nothing (nor does making a
 * sanitised line one line again), and fitting and wrapping never exceed
 * their column budget.
 *
 *   make fuzz FUZZ=text
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

/* SECURITY.md T1: the code points no sanitised text may hold. */
static int
forbidden(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
	    (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xFEFF || cp == 0xAD;
}

/* Valid UTF-8, and not one forbidden code point, decoded one by one. */
static void
check_clean(const char *s, size_t n)
{
	size_t i = 0;

	check(utf8_valid(s, n));
	check(text_is_clean(s, n));
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);

		check(k > 0);
		check(!forbidden(cp));
		i += (size_t)k;
	}
}

/* f is idempotent on its own output. */
static void
check_fixed_point(char *(*f)(const char *, size_t), const char *out)
{
	char *again = f(out, strlen(out));

	check(strcmp(out, again) == 0);
	free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t cols = size > 0 ? data[0] % 40 : 10;
	struct str fit = STR_INIT;
	struct strv lines = STRV_INIT;
	char *clean = text_sanitize(s, size), *again, *one, *plain;

	check_clean(clean, strlen(clean));
	again = text_sanitize(clean, strlen(clean));
	check(strcmp(clean, again) == 0);
	one = text_oneline(s, size);
	check_clean(one, strlen(one));
	check(strchr(one, '\n') == NULL && strchr(one, '\t') == NULL);
	check_fixed_point(text_oneline, one);
	plain = text_from_html(s, size, size % 2);
	check_clean(plain, strlen(plain));
	text_fit_into(&fit, clean, strlen(clean), cols, 1);
	check(text_cols(str_cstr(&fit), fit.len) == cols);
	/* At least two columns: a wide character cannot fit in one. */
	text_wrap(&lines, clean, strlen(clean), cols + 2);
	for (size_t i = 0; i < lines.n; i++)
		check(text_cols(lines.v[i], strlen(lines.v[i])) <= cols + 2);
	strv_free(&lines);
	str_free(&fit);
	free(clean);
	free(again);
	free(one);
	free(plain);
	return 0;
}
