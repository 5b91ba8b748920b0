/*
 * escape: a value as the output format must hold it, so that it shows as
 * the characters it has and never as markup (SECURITY.md T3).  Values
 * reach here sanitised and on one line (template.c).
 *
 * Markdown (CommonMark and GitHub's dialect): every character that can
 * start inline markup is backslash-escaped wherever it stands -- links
 * and images ([ ]), emphasis (* _ ~), code (`), raw HTML and autolinks
 * (<), entities (&name;), tables (|) and the escape itself (\) -- and so
 * is a leading character that would make the value a heading, quote,
 * list item or rule when the template puts it at the start of a line
 * (# > - + = and "1." / "1)").  Links are percent-encoded instead, so
 * that they work in [text](LINK) and <LINK> alike.
 * HTML: & < > " as entities; links are only ever http(s) (model.c).
 * Text: as it is; the text briefing is wrapped afterwards (wrap.c).
 *
 * Apart from the engine because this is the only code that knows the
 * formats' syntax.
 */
#include <string.h>
#include <strings.h>

#include "brief_int.h"
#include "text.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Markdown's inline markup characters, escaped anywhere in a value. */
static int
md_special(char c)
{
	return c != '\0' && strchr("\\`*_[]<|~", c) != NULL;
}

/* An '&' that would start a character reference ("&amp;", "&#60;"). */
static int
md_entity_start(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;

	if (j < n && s[j] == '#')
		j++;
	while (j < n && ((s[j] >= 'a' && s[j] <= 'z') ||
	    (s[j] >= 'A' && s[j] <= 'Z') || is_digit(s[j])))
		j++;
	return j > i + 1 && j < n && s[j] == ';';
}

static void
md_text(struct str *out, const char *s, size_t n)
{
	size_t i = 0;

	/* What would make the value a block of its own at a line's start. */
	if (n > 0 && strchr("#>-+=", s[0]) != NULL) {
		str_appendc(out, '\\');
	} else if (n > 0 && is_digit(s[0])) {
		while (i < n && is_digit(s[i]))
			str_appendc(out, s[i++]);
		if (i < n && (s[i] == '.' || s[i] == ')'))
			str_appendc(out, '\\');
	}
	for (; i < n; i++) {
		if (md_special(s[i]) || (s[i] == '&' && md_entity_start(s, n, i)))
			str_appendc(out, '\\');
		str_appendc(out, s[i]);
	}
}

/* A link: what [text](LINK) or <LINK> cannot hold, percent-encoded. */
static void
md_url(struct str *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || strchr("<>()[]\\`\"'*|", c) != NULL) {
			str_appendc(out, '%');
			str_appendc(out, hex[c >> 4]);
			str_appendc(out, hex[c & 15]);
		} else {
			str_appendc(out, (char)c);
		}
	}
}

void
brief_escape(struct str *out, enum brief_format f, const char *s, size_t n,
    int is_url)
{
	switch (f) {
	case BRIEF_MD:
		if (is_url)
			md_url(out, s, n);
		else
			md_text(out, s, n);
		break;
	case BRIEF_HTML:
		text_html_escape_into(out, s, n);
		break;
	default:
		str_append(out, s, n);
		break;
	}
}

int
brief_url_ok(const char *url)
{
	static const char *const schemes[] = { "http://", "https://" };

	if (url == NULL)
		return 0;
	for (size_t i = 0; i < NELEM(schemes); i++) {
		size_t k = strlen(schemes[i]);

		if (strncasecmp(url, schemes[i], k) != 0)
			continue;
		if (url[k] == '\0' || url[k] == '/')
			return 0;
		for (const char *p = url; *p; p++)
			if ((unsigned char)*p <= ' ' || *p == 0x7f)
				return 0;
		return 1;
	}
	return 0;
}
