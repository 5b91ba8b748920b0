/*
 * date: feed dates to UTC seconds with plain arithmetic (as sfeed does):
 * no mktime, timegm, strptime or TZ, so a date parses the same on every
 * machine and under every TZ setting.
 *
 * Policy for what feeds actually send:
 * - A missing zone means UTC (RFC 3339 and W3C-DTF say nothing else is
 *   meant).  An unknown zone name, or the military letter J (local time),
 *   gives DATE_UNKNOWN: a guess that is off by hours, silently, is worse
 *   than an item sorted by when it was first seen.
 * - Zone names: the common abbreviations (EST, CEST, JST ...), the US
 *   generic ones (AT, ET, CT, MT, PT, as standard time) and the military
 *   letters with their real offsets (A = +1 ... M = +12, N = -1 ... Y = -12,
 *   Z = 0), which is how the armed forces and every modern zone database
 *   read them; RFC 822's reversed table was an erratum.
 * - Day names are skipped without checking them against the date: feeds
 *   get them wrong far more often than they get the date wrong.  Month and
 *   day names are read in English and the major European languages
 *   ("mer, 16 nov 2022", "Di, 3. Mär 2020").
 * - Reduced precision (W3C-DTF "2003", "2003-12"), ISO 8601 ordinal dates
 *   ("2003-335"), two-digit ISO years ("03-12-31"), asctime with a zone
 *   and the Perforce form ("Fri, 2006/09/15 08:19:53 EDT") are read.
 * - A zone may be followed by junk ("(UTC)" comments, "GMT+0000"); a date
 *   followed by something that is neither a time nor a zone ("1:2:3:4") is
 *   refused rather than read as midnight.
 * - The range: every date returned lies in DATE_MIN..DATE_MAX (1970 to the
 *   end of 2200, after the offset is applied), so it formats as RFC 3339 and
 *   parses back to itself.  Impossible fields (month 13, Feb 30, 25:00) give
 *   DATE_UNKNOWN.  24:00:00 is the start of the next day; a leap second 60
 *   is read as 59.
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

	if (y < 1 || y > 9999 || mon < 1 || mon > 12 || day < 1 ||
	    day > days_in_month(y, mon))
		return DATE_UNKNOWN;
	if (h == 24 && min == 0 && sec == 0)
		; /* 24:00:00 is the next day's midnight: the sum handles it */
	else if (h < 0 || h > 23 || min < 0 || min > 59 || sec < 0 || sec > 60)
		return DATE_UNKNOWN;
	if (sec == 60)
		sec = 59;
	t = date_from_civil(y, mon, day, h, min, sec) - off;
	if (t < DATE_MIN || t > DATE_MAX)
		return DATE_UNKNOWN;
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
 * CST US Central.  The single letters are the military zones (J, local
 * time, is missing on purpose: it says nothing about UTC).
 */
static const struct zone zones[] = {
	{ "A", 60 }, { "ACDT", 630 }, { "ACST", 570 }, { "ADT", -180 },
	{ "AEDT", 660 }, { "AEST", 600 }, { "AKDT", -480 }, { "AKST", -540 },
	{ "AST", -240 }, { "AT", -240 }, { "AWST", 480 }, { "B", 120 },
	{ "BST", 60 }, { "C", 180 }, { "CAT", 120 }, { "CDT", -300 },
	{ "CEST", 120 }, { "CET", 60 }, { "CST", -360 }, { "CT", -360 },
	{ "D", 240 }, { "E", 300 }, { "EAT", 180 }, { "EDT", -240 },
	{ "EEST", 180 }, { "EET", 120 }, { "EST", -300 }, { "ET", -300 },
	{ "F", 360 }, { "G", 420 }, { "GMT", 0 }, { "H", 480 }, { "HDT", -540 },
	{ "HKT", 480 }, { "HST", -600 }, { "I", 540 }, { "ICT", 420 },
	{ "IDT", 180 }, { "IST", 330 }, { "JST", 540 }, { "K", 600 },
	{ "KST", 540 }, { "L", 660 }, { "M", 720 }, { "MDT", -360 },
	{ "MEST", 120 }, { "MESZ", 120 }, { "MET", 60 }, { "MEZ", 60 },
	{ "MSK", 180 }, { "MST", -420 }, { "MT", -420 }, { "N", -60 },
	{ "NDT", -150 }, { "NST", -210 }, { "NZDT", 780 }, { "NZST", 720 },
	{ "O", -120 }, { "P", -180 }, { "PDT", -420 }, { "PHT", 480 },
	{ "PKT", 300 }, { "PST", -480 }, { "PT", -480 }, { "Q", -240 },
	{ "R", -300 }, { "S", -360 }, { "SAST", 120 }, { "SGT", 480 },
	{ "T", -420 }, { "U", -480 }, { "UT", 0 }, { "UTC", 0 }, { "V", -540 },
	{ "W", -600 }, { "WAT", 60 }, { "WEST", 60 }, { "WET", 0 },
	{ "WIB", 420 }, { "WIT", 540 }, { "WITA", 480 }, { "X", -660 },
	{ "Y", -720 }, { "Z", 0 },
};

static int
zone_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct zone *)e)->name);
}

/* Zone name s[0..n) (any case): 1 and *minutes, or 0 when unknown. */
static int
zone_lookup(const char *s, size_t n, int *minutes)
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
	if (z == NULL)
		return 0;
	*minutes = z->minutes;
	return 1;
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
	if (hh > 23 || mm > 59 || is_digit(*t.p))
		return -1;
	*off = sign * (hh * 3600 + mm * 60);
	*c = t;
	return 1;
}

/*
 * An optional zone at c: numeric, or a name optionally followed by a
 * numeric offset ("GMT+0000", "UTC+05:30").  Returns 0 with the offset in
 * seconds (a missing zone is UTC), -1 for a malformed number or a name
 * that is no known zone.
 */
static int
read_zone(struct cursor *c, int *off)
{
	size_t n;
	int r, minutes, extra;

	*off = 0;
	skip_space(c);
	if ((r = read_offset(c, off)) != 0)
		return r < 0 ? -1 : 0;
	if ((n = word_len(c)) == 0)
		return 0;
	if (!zone_lookup(c->p, n, &minutes))
		return -1;
	c->p += n;
	*off = minutes * 60;
	if (minutes == 0 && read_offset(c, &extra) == 1)
		*off = extra;
	return 0;
}

/* Names */

/*
 * Month names and their forms in English and the major European languages
 * (French, German, Spanish, Italian, Portuguese, Dutch), lower case UTF-8.
 * A word matches a name it is a prefix of (at least three bytes: "Sept",
 * "janv", "Mär") or that it equals.
 */
static const struct { const char *name; int month; } month_names[] = {
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 },
	{ "december", 12 },
	/* fr */
	{ "janvier", 1 }, { "février", 2 }, { "fevrier", 2 }, { "mars", 3 },
	{ "avril", 4 }, { "mai", 5 }, { "juin", 6 }, { "juillet", 7 },
	{ "août", 8 }, { "aout", 8 }, { "septembre", 9 }, { "octobre", 10 },
	{ "novembre", 11 }, { "décembre", 12 },
	/* de */
	{ "januar", 1 }, { "jänner", 1 }, { "februar", 2 }, { "märz", 3 },
	{ "maerz", 3 }, { "juni", 6 }, { "juli", 7 }, { "oktober", 10 },
	{ "dezember", 12 },
	/* es */
	{ "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 },
	{ "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "agosto", 8 },
	{ "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
	{ "noviembre", 11 }, { "diciembre", 12 },
	/* it */
	{ "gennaio", 1 }, { "febbraio", 2 }, { "maggio", 5 }, { "giugno", 6 },
	{ "luglio", 7 }, { "settembre", 9 }, { "ottobre", 10 },
	/* pt */
	{ "janeiro", 1 }, { "fevereiro", 2 }, { "março", 3 }, { "maio", 5 },
	{ "junho", 6 }, { "julho", 7 }, { "setembro", 9 }, { "outubro", 10 },
	{ "dezembro", 12 },
	/* nl */
	{ "januari", 1 }, { "februari", 2 }, { "maart", 3 }, { "mrt", 3 },
	{ "mei", 5 }, { "augustus", 8 },
};

/* English day names: skipped even without a comma after them. */
static const char *const day_names[] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday",
};

static int
is_word_byte(char c)
{
	return is_alpha(c) || (unsigned char)c >= 0x80;
}

/* Length of the word at c, letters of any script. */
static size_t
uword_len(const struct cursor *c)
{
	size_t n = 0;

	while (is_word_byte(c->p[n]))
		n++;
	return n;
}

/*
 * s[0..n) in lower case into low (size bytes, NUL-terminated): ASCII, and
 * the Latin-1 capitals (Ä, É ...) in their two-byte UTF-8 form.  Returns 0
 * when it does not fit.
 */
static int
lower_word(const char *s, size_t n, char *low, size_t size)
{
	size_t i;

	if (n >= size)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		else if (i > 0 && (unsigned char)s[i - 1] == 0xC3 &&
		    c >= 0x80 && c <= 0x9E && c != 0x97)
			c = (unsigned char)(c + 0x20);
		low[i] = (char)c;
	}
	low[n] = '\0';
	return 1;
}

/* The month named by s[0..n), 1..12, or 0. */
static int
month_lookup(const char *s, size_t n)
{
	char low[16];
	size_t i, len;

	if (n < 3 || !lower_word(s, n, low, sizeof low))
		return 0;
	for (i = 0; i < NELEM(month_names); i++) {
		len = strlen(month_names[i].name);
		if (len >= n && memcmp(low, month_names[i].name, n) == 0)
			return month_names[i].month;
	}
	return 0;
}

static int
is_day_name(const char *s, size_t n)
{
	char low[16];
	size_t i;

	if (n < 3 || !lower_word(s, n, low, sizeof low))
		return 0;
	for (i = 0; i < NELEM(day_names); i++)
		if (strlen(day_names[i]) >= n && memcmp(low, day_names[i], n) == 0)
			return 1;
	return 0;
}

static int
read_month(struct cursor *c)
{
	size_t n = uword_len(c);
	int m = month_lookup(c->p, n);

	if (m > 0) {
		c->p += n;
		if (*c->p == '.')
			c->p++;
	}
	return m;
}

/* Separators between date fields: spaces, '-', ',', '/', '.'. */
static void
skip_sep(struct cursor *c)
{
	while (is_space(*c->p) || *c->p == '-' || *c->p == ',' ||
	    *c->p == '/' || *c->p == '.')
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
 * HH:MM[:SS[.fraction]] [AM|PM] at c.  Returns 1 and the fields, 0 when c
 * holds no time (c unchanged).
 */
static int
read_time(struct cursor *c, int *h, int *mi, int *s)
{
	struct cursor t = *c, u;
	int hh, mm, ss = 0;
	size_t n;

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
	u = t;
	skip_space(&u);
	if ((n = word_len(&u)) == 2 && (u.p[1] == 'M' || u.p[1] == 'm') &&
	    strchr("AaPp", u.p[0]) != NULL) {
		if (hh < 1 || hh > 12)
			return 0;
		hh = hh % 12 + (u.p[0] == 'P' || u.p[0] == 'p' ? 12 : 0);
		t.p = u.p + 2;
	}
	*h = hh;
	*mi = mm;
	*s = ss;
	*c = t;
	return 1;
}

/* What follows a date: nothing, or a time and a zone. */
static int64_t
finish_time(struct cursor *c, int year, int mon, int day)
{
	int h = 0, mi = 0, sec = 0, off;

	skip_space(c);
	if (*c->p == '\0')
		return make_time(year, mon, day, 0, 0, 0, 0);
	if (!read_time(c, &h, &mi, &sec) || read_zone(c, &off) < 0)
		return DATE_UNKNOWN;
	return make_time(year, mon, day, h, mi, sec, off);
}

/* "Jan 12 2023 ...", "Jan 12, 2023", asctime's "Jan 12 16:30:00 [zone] 2023" */
static int64_t
month_first(struct cursor *c, int mon)
{
	int day, year, h, mi, sec, off;

	skip_sep(c);
	if (read_digits(c, 1, 2, &day) == 0 || is_digit(*c->p))
		return DATE_UNKNOWN;
	skip_sep(c);
	if (read_time(c, &h, &mi, &sec)) {
		skip_space(c);
		off = 0;
		if (!is_digit(*c->p) && read_zone(c, &off) < 0)
			return DATE_UNKNOWN;
		skip_space(c);
		if (!read_year(c, &year))
			return DATE_UNKNOWN;
		return make_time(year, mon, day, h, mi, sec, off);
	}
	if (!read_year(c, &year))
		return DATE_UNKNOWN;
	return finish_time(c, year, mon, day);
}

/* Perforce's "2006/09/15 08:19:53 EDT" (after its day name). */
static int64_t
numeric_ymd(struct cursor *c)
{
	int year, mon, day;
	char sep;

	if (read_digits(c, 4, 4, &year) == 0 || (*c->p != '/' && *c->p != '-'))
		return DATE_UNKNOWN;
	sep = *c->p++;
	if (read_digits(c, 1, 2, &mon) == 0 || *c->p++ != sep ||
	    read_digits(c, 1, 2, &day) == 0 || is_digit(*c->p))
		return DATE_UNKNOWN;
	return finish_time(c, year, mon, day);
}

/* RFC 822 and friends, with or without the leading word skipped. */
static int64_t
rfc822_from(struct cursor c, int skip_word)
{
	int day, mon, year;
	size_t n;

	skip_space(&c);
	/* A day name, right or wrong, in any language: "Thu,", "mer,". */
	n = uword_len(&c);
	if (n > 0 && (skip_word || c.p[n] == ',' ||
	    is_day_name(c.p, n) || month_lookup(c.p, n) == 0)) {
		c.p += n;
		while (*c.p == ',' || *c.p == '.')
			c.p++;
		skip_space(&c);
	}
	if ((mon = read_month(&c)) > 0)
		return month_first(&c, mon);
	if (is_digit(c.p[0]) && is_digit(c.p[1]) && is_digit(c.p[2]) &&
	    is_digit(c.p[3]))
		return numeric_ymd(&c);
	/* "12 Jan 2023 11:30:00 -0500", "12-Jan-2023", "16. Nov. 2022" */
	if (read_digits(&c, 1, 2, &day) == 0 || is_digit(*c.p))
		return DATE_UNKNOWN;
	skip_sep(&c);
	if ((mon = read_month(&c)) == 0)
		return DATE_UNKNOWN;
	skip_sep(&c);
	if (!read_year(&c, &year))
		return DATE_UNKNOWN;
	return finish_time(&c, year, mon, day);
}

int64_t
date_parse_rfc822(const char *s)
{
	struct cursor c = { s };
	int64_t t;

	if (s == NULL)
		return DATE_UNKNOWN;
	skip_space(&c);
	t = rfc822_from(c, 0);
	/* "mar 15 nov 2022": Tuesday in French, not March */
	if (t == DATE_UNKNOWN && uword_len(&c) > 0)
		t = rfc822_from(c, 1);
	return t;
}

/* ISO 8601 / RFC 3339 / W3C-DTF */

/* The time part after 'T' (or a space): hh[:mm[:ss[.f]]] and a zone. */
static int64_t
iso_time(struct cursor *c, int year, int mon, int day)
{
	int h = 0, mi = 0, sec = 0, off = 0, r;
	size_t n;

	if (read_digits(c, 2, 2, &h) == 0)
		return DATE_UNKNOWN;
	if (*c->p == ':')
		c->p++;
	if (read_digits(c, 2, 2, &mi) == 0)
		return DATE_UNKNOWN;
	if (*c->p == ':')
		c->p++;
	if (is_digit(*c->p) && read_digits(c, 2, 2, &sec) == 0)
		return DATE_UNKNOWN;
	if ((*c->p == '.' || *c->p == ',') && is_digit(c->p[1])) {
		c->p++;
		while (is_digit(*c->p))
			c->p++; /* fractions of any length, ignored */
	}
	if (is_digit(*c->p))
		return DATE_UNKNOWN;
	/* zone: Z, +hh:mm, +hhmm, +hh, a zone name; a space before it is
	 * tolerated */
	if (*c->p == 'Z' || *c->p == 'z') {
		c->p++;
	} else {
		skip_space(c);
		if ((r = read_offset(c, &off)) < 0)
			return DATE_UNKNOWN;
		if (r == 0 && (n = word_len(c)) > 0) {
			int minutes;

			if (!zone_lookup(c->p, n, &minutes))
				return DATE_UNKNOWN;
			off = minutes * 60;
			c->p += n;
		}
	}
	skip_space(c);
	if (*c->p != '\0')
		return DATE_UNKNOWN;
	return make_time(year, mon, day, h, mi, sec, off);
}

/* Day of year to month and day; 0 when out of the year. */
static int
from_ordinal(int year, int yday, int *mon, int *day)
{
	int m;

	if (yday < 1 || yday > (is_leap(year) ? 366 : 365))
		return 0;
	for (m = 1; yday > days_in_month(year, m); m++)
		yday -= days_in_month(year, m);
	*mon = m;
	*day = yday;
	return 1;
}

/*
 * After the year: "-MM-DD", "-MM", "-DDD" (ordinal), "MMDD", "DDD", a month
 * name ("-Dec-31"), or nothing.  Returns 1 with the fields, 0 when
 * malformed; *done when the string ends there.
 */
static int
iso_date_rest(struct cursor *c, int year, int *mon, int *day, int *done)
{
	int basic = *c->p != '-', v, nd;

	*done = 0;
	*mon = *day = 1;
	if (!basic)
		c->p++;
	if (*c->p == '\0' || (basic && is_space(*c->p))) {
		skip_space(c);
		*done = *c->p == '\0' && basic;
		return *done;
	}
	if (!basic && (*mon = read_month(c)) > 0) {
		if (*c->p++ != '-' || read_digits(c, 2, 2, day) == 0)
			return 0;
		return !is_digit(*c->p);
	}
	nd = read_digits(c, 2, 4, &v);
	if (basic && nd == 4) {
		*mon = v / 100;
		*day = v % 100;
	} else if (nd == 3) {
		if (!from_ordinal(year, v, mon, day))
			return 0;
	} else if (!basic && nd == 2) {
		*mon = v;
		if (*c->p != '-') {
			/* "2003-12": reduced precision, the first day */
			skip_space(c);
			*done = *c->p == '\0';
			return *done;
		}
		c->p++;
		if (read_digits(c, 2, 2, day) == 0)
			return 0;
	} else {
		return 0;
	}
	return !is_digit(*c->p);
}

int64_t
date_parse_iso8601(const char *s)
{
	struct cursor c = { s };
	int year, mon, day, done;

	if (s == NULL)
		return DATE_UNKNOWN;
	skip_space(&c);
	if (is_digit(c.p[0]) && is_digit(c.p[1]) && c.p[2] == '-' &&
	    is_digit(c.p[3])) {
		/* two-digit years ("03-12-31") as RFC 2822 reads them */
		read_digits(&c, 2, 2, &year);
		year += year < 50 ? 2000 : 1900;
	} else if (read_digits(&c, 4, 4, &year) == 0) {
		return DATE_UNKNOWN;
	}
	if (!iso_date_rest(&c, year, &mon, &day, &done))
		return DATE_UNKNOWN;
	if (done)
		return make_time(year, mon, day, 0, 0, 0, 0);
	if (*c.p == 'T' || *c.p == 't' || (*c.p == ' ' && is_digit(c.p[1]))) {
		c.p++;
		return iso_time(&c, year, mon, day);
	}
	skip_space(&c);
	if (*c.p != '\0')
		return DATE_UNKNOWN;
	return make_time(year, mon, day, 0, 0, 0, 0);
}

int64_t
date_parse(const char *s)
{
	struct cursor c = { s };

	if (s == NULL)
		return DATE_UNKNOWN;
	skip_space(&c);
	/* Four digits, or "YY-", first is ISO 8601; RFC 822 starts with a day
	 * or a name. */
	if (is_digit(c.p[0]) && is_digit(c.p[1]) && ((is_digit(c.p[2]) &&
	    is_digit(c.p[3])) || (c.p[2] == '-' && is_digit(c.p[3]))))
		return date_parse_iso8601(c.p);
	return date_parse_rfc822(c.p);
}
