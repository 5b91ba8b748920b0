/*
 * libFuzzer target for the sanitiser and the width functions (SECURITY.md
 * T1, F1): whatever the bytes, the output is valid UTF-8 without control,
 * C1 or bidi characters, sanitising it again changes nothing, and fitting
 * and wrapping never exceed their column budget.
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

static void
check_clean(const char *s, size_t n)
{
	check(utf8_valid(s, n));
	check(text_is_clean(s, n));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		check(c >= 0x20 || c == '\t' || c == '\n');
		check(c != 0x7F);
	}
	check(strstr(s, "\xC2\x9B") == NULL);
	check(strstr(s, "\xE2\x80\xAE") == NULL);
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
	check(strchr(one, '\n') == NULL);
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
