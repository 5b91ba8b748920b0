/*
 * messages: the errors and warnings a config_load() collects, each naming
 * the file, and values quoted so that any of them is safe in a one-line
 * message.  Every other file of the config module reports through here,
 * so it is a file of its own at the bottom of the module.
 */
#include "config_int.h"

#include <stdarg.h>
#include <string.h>

#include "text.h"

/* The longest value quoted back in a message; the rest becomes "...". */
#define SHOW_MAX 80

static void
push_vf(struct strv *sv, const char *path, const char *fmt, va_list ap)
{
	struct str s = STR_INIT;

	str_appendf(&s, "%s: ", path);
	str_vappendf(&s, fmt, ap);
	strv_push(sv, str_steal(&s));
}

void
load_error(struct load *ld, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	push_vf(&ld->errors, ld->path, fmt, ap);
	va_end(ap);
}

void
load_ui_error(struct load *ld, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	push_vf(&ld->cfg->ui_errors, ld->path, fmt, ap);
	va_end(ap);
}

void
load_warn(struct load *ld, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	push_vf(&ld->cfg->warnings, ld->path, fmt, ap);
	va_end(ap);
}

char *
value_show(const char *v)
{
	static const char hex[] = "0123456789abcdef";
	struct str s = STR_INIT;
	size_t i = 0, n = strlen(v), shown = 0;

	while (i < n) {
		unsigned char c = (unsigned char)v[i];
		uint32_t cp;
		int k = utf8_decode(v + i, n - i, &cp);

		if (shown++ == SHOW_MAX) {
			str_appendz(&s, "...");
			break;
		}
		if (k > 1) {
			/* a whole character; C1 controls are escaped too */
			if (cp >= 0x80 && cp < 0xa0) {
				str_appendf(&s, "\\u%04x", (unsigned)cp);
			} else {
				str_append(&s, v + i, (size_t)k);
			}
			i += (size_t)k;
			continue;
		}
		if (k < 0 || c < 0x20 || c == 0x7f) {
			str_appendz(&s, "\\x");
			str_appendc(&s, hex[c >> 4]);
			str_appendc(&s, hex[c & 15]);
		} else {
			str_appendc(&s, (char)c);
		}
		i++;
	}
	return str_steal(&s);
}
