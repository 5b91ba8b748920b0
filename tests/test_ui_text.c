/*
 * ui_text: what the interface draws: cells cut to columns with wide
 * characters and emoji, sanitised again (T1), ASCII for non-UTF-8 locales;
 * list dates; sparklines; and the clipboard sequence (C4).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "str.h"
#include "text.h"
#include "ui_text.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define ELL "\xe2\x80\xa6"

struct fit_case {
	const char *in;
	size_t cols;
	unsigned flags;
	const char *want;
};

static const struct fit_case fit_cases[] = {
	{ "Japan", 10, 0, "Japan" },
	{ "Japan", 10, UI_FIT_PAD, "Japan     " },
	{ "Japan and China", 8, 0, "Japan a" ELL },
	{ "Japan", 5, 0, "Japan" },
	{ "Japan!", 5, 0, "Japa" ELL },
	{ "x", 0, UI_FIT_PAD, "" },
	/* wide characters: 2 columns each, never split */
	{ "日本政府", 8, 0, "日本政府" },
	{ "日本政府", 7, 0, "日本政" ELL },
	{ "日本政府", 6, 0, "日本 " ELL },
	{ "日本政府", 5, 0, "日本" ELL },
	{ "日本政府", 6, UI_FIT_PAD, "日本 " ELL },
	{ "日本", 5, UI_FIT_PAD, "日本 " },
	{ "日本", 1, 0, ELL },
	/* Cyrillic is one column a letter */
	{ "Украина и Польша", 10, 0, "Украина и" ELL },
	/* emoji and combining marks */
	{ "\xf0\x9f\x9a\x80 launch", 5, 0, "\xf0\x9f\x9a\x80 l" ELL },
	{ "e\xcc\x81t\xc3\xa9", 4, UI_FIT_PAD, "e\xcc\x81t\xc3\xa9 " },
	/*
	 * T1 again: controls, C1, bidi, BOM and soft hyphen vanish (the
	 * sanitiser drops whole escape sequences, payload included)
	 */
	{ "a\x1b[2Jb", 10, 0, "ab" },
	{ "a\x1b]52;c;ZXZpbA==\x07z", 30, 0, "az" },
	{ "x\xc2\x9b" "31my", 10, 0, "xy" },
	{ "\xe2\x80\xae" "evil\xe2\x80\xac", 10, 0, "evil" },
	{ "a\xef\xbb\xbf" "b\xc2\xad" "c", 10, 0, "abc" },
	{ "tab\there\nline", 20, 0, "tab here line" },
	{ "bad\xff" "byte", 10, 0, "bad\xef\xbf\xbd" "byte" },
	/* a locale that is not UTF-8: '?' per column, '~' for the cut */
	{ "Japan", 10, UI_FIT_ASCII, "Japan" },
	{ "日本政府", 6, UI_FIT_ASCII, "???? ~" },
	{ "日本", 6, UI_FIT_ASCII | UI_FIT_PAD, "????  " },
	{ "Ukraine Україна", 20, UI_FIT_ASCII, "Ukraine ???????" },
	{ "\xe2\x80\xae" "x\x1b", 5, UI_FIT_ASCII, "x" },
};

static void
test_fit(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(fit_cases); i++) {
		struct str out = STR_INIT;
		size_t cols = ui_text_fit(&out, fit_cases[i].in,
		    strlen(fit_cases[i].in), fit_cases[i].cols, fit_cases[i].flags);

		if (strcmp(str_cstr(&out), fit_cases[i].want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, str_cstr(&out),
			    fit_cases[i].want);
		/* what it says it drew is what a terminal shows */
		assert_int_equal(cols, text_cols(out.p ? out.p : "", out.len));
		assert_true(cols <= fit_cases[i].cols);
		if (fit_cases[i].flags & UI_FIT_PAD)
			assert_int_equal(cols, fit_cases[i].cols);
		str_free(&out);
	}
}

/* Whatever goes in, no control byte comes out, at every width. */
static void
test_fit_never_controls(void **state)
{
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 2000; round++) {
		char in[48];
		struct str out = STR_INIT;
		size_t n = 1 + (size_t)(round % 47);

		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (char)(seed >> 16);
		}
		ui_text_fit(&out, in, n, (size_t)(round % 30),
		    round % 3 == 0 ? UI_FIT_ASCII : 0);
		for (size_t i = 0; i < out.len; i++) {
			unsigned char c = (unsigned char)out.p[i];

			assert_true(c >= 0x20 && c != 0x7F);
			if (i + 1 < out.len && c == 0xC2)
				assert_false((unsigned char)out.p[i + 1] >= 0x80 &&
				    (unsigned char)out.p[i + 1] <= 0x9F);
		}
		assert_true(utf8_valid(out.p ? out.p : "", out.len));
		str_free(&out);
	}
}

static void
test_dates(void **state)
{
	/* a fixed "now": 2026-07-21 12:00:00 UTC (the tests run with TZ=UTC) */
	int64_t now = 1784635200;
	static const struct {
		int64_t ago;
		const char *want;
	} cases[] = {
		{ 0, "now" }, { 59, "now" }, { 60, "1m" }, { 5 * 60 + 10, "5m" },
		{ 3599, "59m" }, { 3600, "1h" }, { 3 * 3600 + 5, "3h" },
		{ 86399, "23h" }, { 86400, "Jul 20" }, { 40 * 86400, "Jun 11" },
		{ 250 * 86400, "2025-11-13" },
	};
	char buf[32];

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	for (size_t i = 0; i < NELEM(cases); i++) {
		ui_format_date(buf, sizeof buf, now - cases[i].ago, now);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("%lld s ago: '%s', want '%s'",
			    (long long)cases[i].ago, buf, cases[i].want);
	}
	/*
	 * unknown dates stay empty; up to a day ahead is now (issue 11: it
	 * showed the date and widened the column), further ahead its date
	 */
	assert_string_equal(ui_format_date(buf, sizeof buf, 0, now), "");
	assert_string_equal(ui_format_date(buf, sizeof buf, now + 300, now),
	    "now");
	assert_string_equal(ui_format_date(buf, sizeof buf, now + 86400, now),
	    "now");
	assert_string_equal(ui_format_date(buf, sizeof buf, now + 86401 + 86400,
	    now), "Jul 23");
	assert_string_equal(ui_format_datetime(buf, sizeof buf, now),
	    "2026-07-21 12:00 +0000");
	/* local time for people */
	setenv("TZ", "JST-9", 1);
	tzset();
	assert_string_equal(ui_format_datetime(buf, sizeof buf, now),
	    "2026-07-21 21:00 +0900");
	assert_string_equal(ui_format_date(buf, sizeof buf, now - 86400 - 3600 *
	    12, now), "Jul 20");
	setenv("TZ", "UTC", 1);
	tzset();
}

static void
test_sparkline(void **state)
{
	int64_t v[14] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 16, 1, 8 };
	struct str out = STR_INIT;

	(void)state;
	ui_sparkline(&out, v, 14, 14, 0);
	assert_int_equal(text_cols(out.p, out.len), 14);
	/* zero is blank, the largest is a full bar, small counts still show */
	assert_memory_equal(out.p, " \xe2\x96\x81", 4);
	assert_non_null(strstr(out.p, "  \xe2\x96\x88"));
	str_clear(&out);
	/* fewer columns: the most recent days */
	ui_sparkline(&out, v, 14, 3, UI_FIT_ASCII);
	assert_string_equal(str_cstr(&out), "#_:");
	str_clear(&out);
	{
		int64_t z[3] = { 0, 0, 0 };

		ui_sparkline(&out, z, 3, 14, 0);
		assert_string_equal(str_cstr(&out), "   ");
	}
	str_free(&out);
}

/* The sidebar's compact counts (issue 11: "10/10" pushed sparklines out). */
static void
test_counts(void **state)
{
	static const struct {
		int64_t n;
		const char *want;
	} cases[] = {
		{ 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1.0k" },
		{ 1203, "1.2k" }, { 1999, "1.9k" }, { 9999, "9.9k" },
		{ 10000, "10k" }, { 123456, "123k" }, { 999999, "999k" },
		{ 1000000, "1.0M" }, { 12345678, "12M" }, { -5, "0" },
	};
	char buf[16];

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		ui_format_count(buf, sizeof buf, cases[i].n);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("%lld: '%s', want '%s'", (long long)cases[i].n,
			    buf, cases[i].want);
		assert_true(strlen(buf) <= 4);
	}
}

static void
test_network_errors(void **state)
{
	(void)state;
	assert_true(ui_error_is_network("could not resolve host example.org"));
	assert_true(ui_error_is_network("could not connect (Failed to connect "
	    "to 127.0.0.1 port 1: Connection refused)"));
	assert_true(ui_error_is_network("timed out (Resolving timed out after "
	    "5000 milliseconds)"));
	assert_false(ui_error_is_network("HTTP 500 Internal Server Error"));
	assert_false(ui_error_is_network("timed out (Operation timed out after "
	    "20000 milliseconds with 10 bytes received)"));
	assert_false(ui_error_is_network(NULL));
}

/* The search's words in a line, as the index would match them. */
static void
test_find_terms(void **state)
{
	static const struct {
		const char *terms, *text, *want;
	} cases[] = {
		{ "sanctions", "G7 widen Sanctions on tankers", "9+9" },
		{ "iran", "Iranian talks; Iran agrees", "15+4" },
		{ "ransom*", "Ransomware and ransom demands", "0+10 15+6" },
		{ "supply chain", "a supply chain attack", "2+12" },
		{ "cyber|attack", "cyberattack, a cyber attack", "15+5 21+6" },
		{ "10:30", "at 10:30 today", "3+5" },
		{ "jp", "JP, jpn", "0+2" },
		{ "\xe6\x9d\xb1\xe4\xba\xac", "\xe6\x9d\xb1\xe4\xba\xac "
		    "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd", "0+6" },
		{ "", "anything", "" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct strv terms = STRV_INIT;
		struct ui_span sp[8];
		struct str got = STR_INIT;
		const char *p = cases[i].terms;
		size_t n;

		while (*p) {
			size_t k = strcspn(p, "|");

			strv_push(&terms, xstrndup(p, k));
			p += k + (p[k] == '|');
		}
		n = ui_find_terms(cases[i].text, strlen(cases[i].text), &terms,
		    sp, NELEM(sp));
		str_appendz(&got, "");
		for (size_t k = 0; k < n; k++)
			str_appendf(&got, "%s%zu+%zu", k ? " " : "", sp[k].off,
			    sp[k].len);
		if (strcmp(str_cstr(&got), cases[i].want) != 0)
			fail_msg("'%s' in '%s': '%s', want '%s'", cases[i].terms,
			    cases[i].text, str_cstr(&got), cases[i].want);
		str_free(&got);
		strv_free(&terms);
	}
}

static void
test_base64(void **state)
{
	static const char *const cases[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct str out = STR_INIT;

		ui_base64(&out, (const unsigned char *)cases[i][0],
		    strlen(cases[i][0]));
		assert_string_equal(str_cstr(&out), cases[i][1]);
		str_free(&out);
	}
}

static void
test_url_ok(void **state)
{
	static const struct {
		const char *url;
		int ok;
	} cases[] = {
		{ "https://example.com/a?b=c#d", 1 },
		{ "HTTP://EXAMPLE.COM/", 1 },
		{ "http://x/$(touch${IFS}P)", 1 },   /* harmless without a shell */
		{ "http://x/`id`", 1 },
		{ "http://", 0 },
		{ "https://", 0 },
		{ "ftp://example.com/", 0 },
		{ "javascript:alert(1)", 0 },
		{ "file:///etc/passwd", 0 },
		{ "-oProxyCommand=x", 0 },
		{ " http://example.com/", 0 },
		{ "http://example.com/a b", 0 },
		{ "http://example.com/\x1b]52;c;x\x07", 0 },
		{ "http://example.com/\xc2\x9b", 0 },
		{ "http://ex\xc3\xa4mple.com/", 0 },
		{ "", 0 },
		{ NULL, 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++)
		if (ui_url_ok(cases[i].url) != cases[i].ok)
			fail_msg("'%s': want %d", cases[i].url ? cases[i].url :
			    "(null)", cases[i].ok);
}

static void
test_osc52(void **state)
{
	struct str out = STR_INIT;

	(void)state;
	assert_int_equal(ui_osc52(&out, "https://a.example/x", UI_OSC52_PLAIN),
	    0);
	assert_string_equal(str_cstr(&out),
	    "\x1b]52;c;aHR0cHM6Ly9hLmV4YW1wbGUveA==\x1b\\");
	str_clear(&out);
	/* tmux: a DCS whose inner ESCs are doubled */
	assert_int_equal(ui_osc52(&out, "https://a.example/x", UI_OSC52_TMUX), 0);
	assert_string_equal(str_cstr(&out),
	    "\x1bPtmux;\x1b\x1b]52;c;aHR0cHM6Ly9hLmV4YW1wbGUveA==\x1b\x1b\\"
	    "\x1b\\");
	str_clear(&out);
	assert_int_equal(ui_osc52(&out, "https://a.example/x", UI_OSC52_SCREEN),
	    0);
	assert_string_equal(str_cstr(&out),
	    "\x1bP\x1b]52;c;aHR0cHM6Ly9hLmV4YW1wbGUveA==\a\x1b\\");
	str_clear(&out);
	/* only a clean http(s) URL ever goes to the clipboard (C4) */
	assert_int_equal(ui_osc52(&out, "javascript:alert(1)", UI_OSC52_PLAIN),
	    -1);
	assert_int_equal(ui_osc52(&out, "https://x/\x1b]52;c;e\x07",
	    UI_OSC52_PLAIN), -1);
	assert_int_equal(out.len, 0);
	/* a long URL through screen comes in pieces of at most 76 */
	{
		char url[300];

		memset(url, 'a', sizeof url);
		memcpy(url, "https://", 8);
		url[sizeof url - 1] = '\0';
		assert_int_equal(ui_osc52(&out, url, UI_OSC52_SCREEN), 0);
		assert_non_null(strstr(out.p, "\x1b\\\x1bP"));
	}
	str_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_never_controls),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_sparkline),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_network_errors),
		cmocka_unit_test(test_find_terms),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_url_ok),
		cmocka_unit_test(test_osc52),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
