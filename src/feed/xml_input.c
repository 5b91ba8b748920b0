/*
 * xml_input: bytes to clean UTF-8 for libxml2 (xml_input.h).  Cut from the
 * SAX side because it is a stage of its own that sees every byte of every
 * document: it must stay fast (the common case passes the caller's buffer
 * through untouched) and it has nothing to do with feeds.
 */
#include "xml_input.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "str.h"

static const char fffd[] = "\xEF\xBF\xBD";

void
xml_input_init(struct xml_input *in, const char *charset, int utf8_fix,
    int skip_space)
{
	memset(in, 0, sizeof *in);
	in->cd = charset != NULL ? iconv_open("UTF-8", charset) : (iconv_t)-1;
	in->utf8_fix = utf8_fix;
	in->skip_space = skip_space;
}

void
xml_input_free(struct xml_input *in)
{
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	in->cd = (iconv_t)-1;
	str_free(&in->conv);
	str_free(&in->fix);
}

/* UTF-8 repair */

static size_t
seq_need(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	if (c < 0xF5)
		return 4;
	return 0;
}

/* 1 when s[0..need) is a valid sequence (lead byte already checked). */
static int
seq_ok(const unsigned char *s, size_t need)
{
	unsigned char c = s[0], c1 = s[1];

	if ((c1 & 0xC0) != 0x80)
		return 0;
	if (need == 2)
		return 1;
	if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) ||
	    (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
		return 0;
	if ((s[2] & 0xC0) != 0x80)
		return 0;
	return need == 3 || (s[3] & 0xC0) == 0x80;
}

/* Bytes XML cannot carry at all: C0 controls other than TAB, LF, CR. */
static int
is_bad_ascii(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/*
 * Length of the leading run of s that needs no repair.  This sees every
 * byte of a UTF-8 document, so the common cases are spelled out: eight
 * ASCII bytes at a time, then two- and three-byte sequences inline.
 */
static size_t
intact_prefix(const unsigned char *s, size_t n)
{
	const uint64_t hi = 0x8080808080808080ull, lo = 0x2020202020202020ull;
	size_t i = 0;
	uint64_t w;
	unsigned char c;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			/* no byte >= 0x80 and none < 0x20 */
			if (((((w - lo) & ~w) | w) & hi) == 0) {
				i += 8;
				continue;
			}
		}
		c = s[i];
		if (c < 0x80) {
			if (is_bad_ascii(c))
				return i;
			i++;
		} else if (c >= 0xC2 && c < 0xE0) {
			if (n - i < 2 || (s[i + 1] & 0xC0) != 0x80)
				return i;
			i += 2;
		} else if (c >= 0xE0 && c < 0xF0) {
			if (n - i < 3 || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80 ||
			    (c == 0xE0 && s[i + 1] < 0xA0) ||
			    (c == 0xED && s[i + 1] > 0x9F))
				return i;
			i += 3;
		} else {
			if (seq_need(c) != 4 || n - i < 4 || !seq_ok(s + i, 4))
				return i;
			i += 4;
		}
	}
	return n;
}

/* 1 when s[0..n) validly starts one sequence that more bytes may finish. */
static int
is_open_tail(const unsigned char *s, size_t n)
{
	size_t need, i;

	if (n == 0 || n > 3)
		return 0;
	need = seq_need(s[0]);
	if (need <= n)
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

/*
 * Bytes one U+FFFD replaces at the start of an invalid s: the lead byte and
 * the continuation bytes that could still have belonged to it (a sequence
 * cut short reads as one character, as in WHATWG's decoder).
 */
static size_t
bad_run(const unsigned char *s, size_t n)
{
	size_t need = seq_need(s[0]), k = 1;
	unsigned char c = s[0];

	if (need < 2)
		return 1;
	while (k < need && k < n && (s[k] & 0xC0) == 0x80) {
		if (k == 1 && ((c == 0xE0 && s[1] < 0xA0) ||
		    (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
		    (c == 0xF4 && s[1] > 0x8F)))
			break;
		k++;
	}
	return k;
}

/*
 * Appends s with repairs to out; returns the bytes used, leaving an open
 * sequence at the end unused unless final.
 */
static size_t
repair(struct str *out, const unsigned char *s, size_t n, int final)
{
	size_t i = 0, k;

	while (i < n) {
		k = intact_prefix(s + i, n - i);
		str_append(out, (const char *)s + i, k);
		i += k;
		if (i == n)
			break;
		if (!final && is_open_tail(s + i, n - i))
			break;
		if (s[i] < 0x80) {
			i++; /* a control byte: dropped */
			continue;
		}
		str_append(out, fffd, 3);
		i += bad_run(s + i, n - i);
	}
	return i;
}

/*
 * Returns the repaired bytes of buf[0..n) (buf itself when nothing needed
 * repair), *outn of them, holding back an open sequence at the end unless
 * final.
 */
static const char *
fixed(struct xml_input *in, const char *buf, size_t n, int final,
    size_t *outn)
{
	const unsigned char *s = (const unsigned char *)buf;
	unsigned char tmp[8];
	size_t k, used, take;

	*outn = 0;
	str_clear(&in->fix);
	if (in->ncarry > 0) {
		/* Finish the sequence the last piece ended in. */
		take = n < 3 ? n : 3;
		memcpy(tmp, in->carry, in->ncarry);
		memcpy(tmp + in->ncarry, s, take);
		used = repair(&in->fix, tmp, in->ncarry + take,
		    final && take == n);
		if (used < in->ncarry) {
			/* still open: everything so far waits */
			memcpy(in->carry, tmp, in->ncarry + take);
			in->ncarry += take;
			return NULL;
		}
		s += used - in->ncarry;
		n -= used - in->ncarry;
		in->ncarry = 0;
	}
	k = intact_prefix(s, n);
	if (in->fix.len == 0 && (k == n || (!final && is_open_tail(s + k,
	    n - k)))) {
		/* The usual case: nothing to repair, no copy. */
		memcpy(in->carry, s + k, n - k);
		in->ncarry = n - k;
		*outn = k;
		return (const char *)s;
	}
	str_append(&in->fix, (const char *)s, k);
	used = k + repair(&in->fix, s + k, n - k, final);
	memcpy(in->carry, s + used, n - used);
	in->ncarry = n - used;
	*outn = in->fix.len;
	return in->fix.p;
}

/* Charset conversion */

/*
 * Converts s to UTF-8 into in->conv.  A byte the charset does not allow
 * becomes U+FFFD; a character cut by the end of s waits in ccarry unless
 * final.
 */
static void
convert(struct xml_input *in, const char *s, size_t n, int final)
{
	struct str joined = STR_INIT;
	char *from, *out;
	size_t inleft, outleft, room;

	str_clear(&in->conv);
	if (in->nccarry > 0) {
		str_append(&joined, in->ccarry, in->nccarry);
		str_append(&joined, s, n);
		s = joined.p;
		n = joined.len;
		in->nccarry = 0;
	}
	from = (char *)(uintptr_t)s;
	inleft = n;
	while (inleft > 0) {
		room = inleft * 4 + 16;
		out = str_reserve(&in->conv, room);
		outleft = room;
		if (iconv(in->cd, &from, &inleft, &out, &outleft) !=
		    (size_t)-1) {
			in->conv.len += room - outleft;
			break;
		}
		in->conv.len += room - outleft;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && inleft < sizeof in->ccarry) {
			memcpy(in->ccarry, from, inleft);
			in->nccarry = inleft;
			break;
		}
		/* EILSEQ, or a character cut by the end of the document */
		str_append(&in->conv, fffd, 3);
		from++;
		inleft--;
	}
	if (final) {
		/* the shift back to the initial state (ISO-2022-JP and such) */
		out = str_reserve(&in->conv, 16);
		outleft = 16;
		if (iconv(in->cd, NULL, NULL, &out, &outleft) != (size_t)-1)
			in->conv.len += 16 - outleft;
	}
	str_reserve(&in->conv, 0);
	in->conv.p[in->conv.len] = '\0';
	str_free(&joined);
}

/*
 * Passes in->conv on to the repair, less the white space before the first
 * '<', counting the line breaks dropped.
 */
static const char *
converted(struct xml_input *in, size_t *outn, int *lines)
{
	const char *s = str_cstr(&in->conv);
	size_t n = in->conv.len;

	while (in->skip_space && n > 0 && (*s == ' ' || *s == '\t' ||
	    *s == '\r' || *s == '\n')) {
		if (*s == '\n')
			(*lines)++;
		s++;
		n--;
	}
	*outn = 0;
	if (n == 0)
		return NULL;
	in->skip_space = 0;
	return fixed(in, s, n, 0, outn);
}

/* The stage */

const char *
xml_input_pass(struct xml_input *in, const char *buf, size_t n,
    size_t *outn, int *lines)
{
	*lines = 0;
	if (in->cd != (iconv_t)-1) {
		convert(in, buf, n, 0);
		return converted(in, outn, lines);
	}
	if (in->utf8_fix)
		return fixed(in, buf, n, 0, outn);
	*outn = n;
	return buf;
}

const char *
xml_input_flush(struct xml_input *in, size_t *outn, int *lines)
{
	*lines = 0;
	*outn = 0;
	if (in->cd == (iconv_t)-1)
		return NULL;
	convert(in, "", 0, 1);
	return converted(in, outn, lines);
}

const char *
xml_input_tail(struct xml_input *in)
{
	if (in->ncarry == 0)
		return NULL;
	in->ncarry = 0;
	return fffd;
}
