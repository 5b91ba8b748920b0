/*
 * date: feed date strings to int64 UTC seconds, with plain arithmetic that
 * never consults TZ or the C library's time zone machinery.
 *
 * DATE_UNKNOWN (0) means "no usable date": callers show it as unknown, never
 * as "now" and never as 1970.
 */
#ifndef SITREP_DATE_H
#define SITREP_DATE_H

#include <stddef.h>
#include <stdint.h>

#define DATE_UNKNOWN ((int64_t)0)
/*
 * Every date the parser returns lies in this range: after 1970-01-01
 * 00:00:00Z (which is DATE_UNKNOWN) up to 2200-12-31 23:59:59Z.  Dates
 * outside it are placeholders or typos in practice, and inside it every
 * date has a four-digit year wherever it is shown.
 */
#define DATE_MIN ((int64_t)1)
#define DATE_MAX ((int64_t)7289654399)
/* "2023-01-12T16:30:00Z" plus NUL */
#define DATE_RFC3339_SIZE 21

/*
 * Parses RFC 822/1123/2822 (every zone form: numeric, GMT/UT/UTC/Z, military
 * letters, US zones, CET/CEST and other common named zones; missing seconds;
 * two- and four-digit years; day names missing or wrong; month and day
 * names in the major European languages; asctime and Perforce forms) and
 * RFC 3339 / ISO 8601 / W3C-DTF (fractions, offsets, "T" or space, reduced
 * precision, ordinal dates, basic format) and returns UTC seconds in
 * DATE_MIN..DATE_MAX, or DATE_UNKNOWN (also for an unknown zone name).
 * Leading/trailing white space is ignored.
 */
int64_t date_parse(const char *s);
int64_t date_parse_rfc822(const char *s);
int64_t date_parse_iso8601(const char *s);

/* Days since 1970-01-01 for a proleptic Gregorian civil date. */
int64_t date_days_from_civil(int64_t y, int m, int d);
/* UTC seconds for a civil date and time; no range checks. */
int64_t date_from_civil(int64_t y, int mon, int day, int h, int min, int sec);

struct date_civil {
	int64_t year;
	int month, day, hour, min, sec;
	int wday; /* 0 = Sunday */
};
void date_to_civil(int64_t t, struct date_civil *out);

/*
 * Writes "YYYY-MM-DDTHH:MM:SSZ" into buf (DATE_RFC3339_SIZE bytes); returns
 * buf.  For DATE_UNKNOWN writes "".
 */
char *date_format_rfc3339(int64_t t, char buf[DATE_RFC3339_SIZE]);

#endif
