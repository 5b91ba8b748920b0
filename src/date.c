/*
 * date: feed dates to UTC seconds with plain arithmetic (as sfeed does):
 * no mktime, timegm, strptime or TZ, so a date parses the same on every
 * machine and under every TZ setting.
 *
 * Policy for what feeds actually send:
 * - A missing zone means UTC.  So does an unknown zone name: a guess that
 *   is off by a few hours beats "unknown" for sorting and display.
 * - RFC 822's military single-letter zones had their signs reversed in the
 *   RFC itself; RFC 2822 (4.3) says to treat them as -0000, i.e. UTC.  So
 *   every single letter (apart from Z, which is UTC anyway) is UTC.
 * - Day names are skipped without checking them against the date: feeds
 *   get them wrong far more often than they get the date wrong.
 * - Anything after a complete date (and optional time and zone) is ignored:
 *   "(UTC)" comments, a stray "GMT+0000" and similar junk.
 * - Years outside 1900..9999 and impossible fields (month 13, Feb 30,
 *   25:00) give DATE_UNKNOWN.  24:00:00 is the start of the next day; a
 *   leap second 60 is read as 59.
 */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct cursor {
	const char *p;
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static void
skip_space(struct cursor *c)
{
	while (is_space(*c->p))
		c->p++;
}

/*
 * Reads between min and max digits; returns the count read (0 when fewer
 * than min), storing the value.  Stops after max digits.
 */
static int
read_digits(struct cursor *c, int min, int max, int *out)
{
	int n = 0, v = 0;

	while (n < max && is_digit(c->p[n])) {
		v = v * 10 + (c->p[n] - '0');
		n++;
	}
	if (n < min)
		return 0;
	c->p += n;
	*out = v;
	return n;
}

/* Length of the alphabetic word at c. */
static size_t
word_len(const struct cursor *c)
{
	size_t n = 0;

	while (is_alpha(c->p[n]))
		n++;
	return n;
}

/* Civil arithmetic (Howard Hinnant's days_from_civil / civil_from_days) */

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int64_t y, int m)
{
	static const int dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int64_t
date_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;				/* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */
	return era * 146097 + doe - 719468;
}

int64_t
date_from_civil(int64_t y, int mon, int day, int h, int min, int sec)
{
	return date_days_from_civil(y, mon, day) * 86400 + h * 3600 +
	    min * 60 + sec;
}

void
date_to_civil(int64_t t, struct date_civil *out)
{
	int64_t days = t / 86400, secs = t % 86400, era, doe, yoe, doy, mp;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	out->wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01: Thursday */
	out->hour = (int)(secs / 3600);
	out->min = (int)(secs / 60 % 60);
	out->sec = (int)(secs % 60);

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->year = yoe + era * 400 + (out->month <= 2);
}

char *
date_format_rfc3339(int64_t t, char buf[DATE_RFC3339_SIZE])
{
	struct date_civil c;
	int n;

	buf[0] = '\0';
	if (t == DATE_UNKNOWN)
		return buf;
	date_to_civil(t, &c);
	if (c.year < 0 || c.year > 9999)
		return buf; /* not expressible in four digits */
	n = snprintf(buf, DATE_RFC3339_SIZE, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    (int)c.year, c.month, c.day, c.hour, c.min, c.sec);
	if (n < 0 || n >= DATE_RFC3339_SIZE)
		buf[0] = '\0';
	return buf;
}

/* Checks the fields and combines them; offset in seconds east of UTC. */
static int64_t
make_time(int64_t y, int mon, int day, int h, int min, int sec, int off)
{
	int64_t t;

	if (y < 1900 || y > 9999 || mon < 1 || mon > 12 || day < 1 ||
	    day > days_in_month(y, mon))
		return DATE_UNKNOWN;
	if (h == 24 && min == 0 && sec == 0)
		; /* 24:00:00 is the next day's midnight: the sum handles it */
	else if (h < 0 || h > 23 || min < 0 || min > 59 || sec < 0 || sec > 60)
		return DATE_UNKNOWN;
	if (sec == 60)
		sec = 59;
	t = date_from_civil(y, mon, day, h, min, sec) - off;
	return t;
}

/* Zones */

struct zone {
	const char *name;
	int minutes; /* east of UTC */
};

/*
 * Zone abbreviations feeds use, sorted for bsearch.  Ambiguous ones take
 * their most common feed meaning: IST is India, BST British Summer Time,
 * CST US Central.  Unlisted names, including military letters, are UTC.
 */
static const struct zone zones[] = {
	{ "ACDT", 630 }, { "ACST", 570 }, { "ADT", -180 }, { "AEDT", 660 },
	{ "AEST", 600 }, { "AKDT", -480 }, { "AKST", -540 }, { "AST", -240 },
	{ "AWST", 480 }, { "BST", 60 }, { "CAT", 120 }, { "CDT", -300 },
	{ "CEST", 120 }, { "CET", 60 }, { "CST", -360 }, { "EAT", 180 },
	{ "EDT", -240 }, { "EEST", 180 }, { "EET", 120 }, { "EST", -300 },
	{ "GMT", 0 }, { "HDT", -540 }, { "HKT", 480 }, { "HST", -600 },
	{ "ICT", 420 }, { "IDT", 180 }, { "IST", 330 }, { "JST", 540 },
	{ "KST", 540 }, { "MDT", -360 }, { "MEST", 120 }, { "MET", 60 },
	{ "MSK", 180 }, { "MST", -420 }, { "NDT", -150 }, { "NST", -210 },
	{ "NZDT", 780 }, { "NZST", 720 }, { "PDT", -420 }, { "PHT", 480 },
	{ "PKT", 300 }, { "PST", -480 }, { "SAST", 120 }, { "SGT", 480 },
	{ "UT", 0 }, { "UTC", 0 }, { "WAT", 60 }, { "WEST", 60 },
	{ "WET", 0 }, { "WIB", 420 }, { "WIT", 540 }, { "WITA", 480 },
	{ "Z", 0 },
};

static int
zone_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct zone *)e)->name);
}

/* Offset in minutes of zone name s[0..n) (any case); unknown ones are 0. */
static int
zone_lookup(const char *s, size_t n)
{
	char key[8];
	const struct zone *z;
	size_t i;

	if (n >= sizeof key)
		return 0;
	for (i = 0; i < n; i++)
		key[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' :
		    s[i]);
	key[n] = '\0';
	z = bsearch(key, zones, NELEM(zones), sizeof zones[0], zone_cmp);
	return z != NULL ? z->minutes : 0;
}

/*
 * A numeric offset at c: +hhmm, +hh:mm or +hh (and '-').  Returns 1 and
 * the offset in seconds, 0 when c holds none (c is then unchanged), -1 when
 * it is malformed.
 */
static int
read_offset(struct cursor *c, int *off)
{
	struct cursor t = *c;
	int sign, hh, mm = 0, nd;

	if (*t.p != '+' && *t.p != '-')
		return 0;
	sign = *t.p == '-' ? -1 : 1;
	t.p++;
	nd = read_digits(&t, 1, 4, &hh);
	if (nd == 0)
		return -1;
	if (nd == 4) {
		mm = hh % 100;
		hh /= 100;
	} else if (nd == 3) {
		return -1;
	} else if (*t.p == ':') {
		t.p++;
		if (read_digits(&t, 2, 2, &mm) == 0)
			return -1;
	}
	if (hh > 23 || mm > 59)
		return -1;
	*off = sign * (hh * 3600 + mm * 60);
	*c = t;
	return 1;
}

/*
 * A zone after the time: numeric, or a name optionally followed by a
 * numeric offset ("GMT+0000", "UTC+05:30").  Returns the offset in seconds;
 * a missing zone is UTC.  Returns -1 in *bad for a malformed number.
 */
static int
read_zone(struct cursor *c, int *bad)
{
	size_t n;
	int off = 0, r;

	*bad = 0;
	skip_space(c);
	if ((r = read_offset(c, &off)) != 0) {
		*bad = r < 0;
		return off;
	}
	if ((n = word_len(c)) == 0)
		return 0;
	off = zone_lookup(c->p, n) * 60;
	c->p += n;
	if (off == 0 && read_offset(c, &r) == 1)
		off = r;
	return off;
}

/* RFC 822 and friends */

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};

static const char *const day_names[7] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday",
};

/*
 * Matches s[0..n) against names: the three-letter abbreviation, the full
 * name, or a prefix of it ("Sept", "Thurs").  Returns index + 1, or 0.
 */
static int
name_match(const char *s, size_t n, const char *const *names, int count)
{
	char low[16];
	size_t i;
	int k;

	if (n < 3 || n >= sizeof low)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' :
		    s[i]);
	for (k = 0; k < count; k++)
		if (strlen(names[k]) >= n && memcmp(low, names[k], n) == 0)
			return k + 1;
	return 0;
}

static int
read_month(struct cursor *c)
{
	size_t n = word_len(c);
	int m = name_match(c->p, n, month_names, 12);

	if (m > 0) {
		c->p += n;
		if (*c->p == '.')
			c->p++;
	}
	return m;
}

/* Separators between date fields: spaces, '-', ',', '/'. */
static void
skip_sep(struct cursor *c)
{
	while (is_space(*c->p) || *c->p == '-' || *c->p == ',' ||
	    *c->p == '/')
		c->p++;
}

/* A year of 2, 3 or 4 digits with RFC 2822's obsolete-year rules. */
static int
read_year(struct cursor *c, int *year)
{
	int nd = read_digits(c, 2, 4, year);

	if (nd == 0 || is_digit(*c->p))
		return 0;
	if (nd == 2)
		*year += *year < 50 ? 2000 : 1900;
	else if (nd == 3)
		*year += 1900;
	return 1;
}

/*
 * HH:MM[:SS[.fraction]] at c.  Returns 1 and the fields, 0 when c holds no
 * time (c unchanged).
 */
static int
read_time(struct cursor *c, int *h, int *mi, int *s)
{
	struct cursor t = *c;
	int hh, mm, ss = 0;

	if (read_digits(&t, 1, 2, &hh) == 0 || *t.p != ':')
		return 0;
	t.p++;
	if (read_digits(&t, 2, 2, &mm) == 0)
		return 0;
	if (*t.p == ':') {
		t.p++;
		if (read_digits(&t, 2, 2, &ss) == 0)
			return 0;
		if ((*t.p == '.' || *t.p == ',') && is_digit(t.p[1])) {
			t.p++;
			while (is_digit(*t.p))
				t.p++;
		}
	}
	if (is_digit(*t.p) || *t.p == ':')
		return 0;
	*h = hh;
	*mi = mm;
	*s = ss;
	*c = t;
	return 1;
}

int64_t
date_parse_rfc822(const char *s)
{
	struct cursor c = { s };
	int day, mon, year = 0, h = 0, mi = 0, sec = 0, off = 0, bad, have_year;
	size_t n;

	if (s == NULL)
		return DATE_UNKNOWN;
	skip_space(&c);
	/* An optional day name, right or wrong: "Thu,", "Thursday", "thu." */
	n = word_len(&c);
	if (n > 0 && name_match(c.p, n, day_names, 7) > 0) {
		c.p += n;
		if (*c.p == ',' || *c.p == '.')
			c.p++;
		skip_space(&c);
	}
	if ((mon = read_month(&c)) > 0) {
		/* "Jan 12 2023 ...", "Jan 12, 2023", ctime's "Jan 12 16:30:00 2023" */
		skip_sep(&c);
		if (read_digits(&c, 1, 2, &day) == 0 || is_digit(*c.p))
			return DATE_UNKNOWN;
		skip_sep(&c);
		have_year = 0;
		if (read_time(&c, &h, &mi, &sec)) {
			skip_space(&c);
			if (!read_year(&c, &year))
				return DATE_UNKNOWN;
			have_year = 1;
		}
		if (!have_year) {
			if (!read_year(&c, &year))
				return DATE_UNKNOWN;
			skip_space(&c);
			read_time(&c, &h, &mi, &sec);
		}
	} else {
		/* "12 Jan 2023 11:30:00 -0500", "12-Jan-2023" */
		if (read_digits(&c, 1, 2, &day) == 0 || is_digit(*c.p))
			return DATE_UNKNOWN;
		skip_sep(&c);
		if ((mon = read_month(&c)) == 0)
			return DATE_UNKNOWN;
		skip_sep(&c);
		if (!read_year(&c, &year))
			return DATE_UNKNOWN;
		skip_space(&c);
		if (!read_time(&c, &h, &mi, &sec))
			return make_time(year, mon, day, 0, 0, 0, 0);
	}
	off = read_zone(&c, &bad);
	if (bad)
		return DATE_UNKNOWN;
	return make_time(year, mon, day, h, mi, sec, off);
}

/* ISO 8601 / RFC 3339 */

int64_t
date_parse_iso8601(const char *s)
{
	struct cursor c = { s };
	int year, mon, day, h = 0, mi = 0, sec = 0, off = 0, basic, r;
	size_t n;

	if (s == NULL)
		return DATE_UNKNOWN;
	skip_space(&c);
	if (read_digits(&c, 4, 4, &year) == 0)
		return DATE_UNKNOWN;
	basic = *c.p != '-';
	if (!basic)
		c.p++;
	if (read_digits(&c, 2, 2, &mon) == 0)
		return DATE_UNKNOWN;
	if (!basic && *c.p++ != '-')
		return DATE_UNKNOWN;
	if (read_digits(&c, 2, 2, &day) == 0 || is_digit(*c.p))
		return DATE_UNKNOWN;

	if (*c.p == 'T' || *c.p == 't' || (*c.p == ' ' && is_digit(c.p[1]))) {
		c.p++;
		if (read_digits(&c, 2, 2, &h) == 0)
			return DATE_UNKNOWN;
		if (*c.p == ':')
			c.p++;
		if (read_digits(&c, 2, 2, &mi) == 0)
			return DATE_UNKNOWN;
		if (*c.p == ':')
			c.p++;
		if (is_digit(*c.p) && read_digits(&c, 2, 2, &sec) == 0)
			return DATE_UNKNOWN;
		if ((*c.p == '.' || *c.p == ',') && is_digit(c.p[1])) {
			c.p++;
			while (is_digit(*c.p))
				c.p++; /* fractions of any length, ignored */
		}
		if (is_digit(*c.p))
			return DATE_UNKNOWN;
		/* zone: Z, +hh:mm, +hhmm, +hh; a space before it is tolerated */
		if (*c.p == 'Z' || *c.p == 'z') {
			c.p++;
		} else {
			struct cursor t = c;

			skip_space(&t);
			if ((r = read_offset(&t, &off)) < 0)
				return DATE_UNKNOWN;
			if (r > 0) {
				c = t;
			} else if ((n = word_len(&t)) > 0 &&
			    (text_eq_nocase(t.p, n, "UTC") ||
			    text_eq_nocase(t.p, n, "GMT") ||
			    text_eq_nocase(t.p, n, "Z"))) {
				c.p = t.p + n;
			}
		}
	}
	skip_space(&c);
	if (*c.p != '\0')
		return DATE_UNKNOWN;
	return make_time(year, mon, day, h, mi, sec, off);
}

int64_t
date_parse(const char *s)
{
	struct cursor c = { s };

	if (s == NULL)
		return DATE_UNKNOWN;
	skip_space(&c);
	/* Four digits first is ISO 8601; RFC 822 starts with a day or a name. */
	if (is_digit(c.p[0]) && is_digit(c.p[1]) && is_digit(c.p[2]) &&
	    is_digit(c.p[3]))
		return date_parse_iso8601(c.p);
	return date_parse_rfc822(c.p);
}
