/*
 * libFuzzer target for render_html (SECURITY.md F1).  The first byte picks
 * the width, the second whether a base URL is given; the rest is the HTML.
 * Beyond the sanitizers' checks, every output line is held to the render
 * contract: no wider than the width, no control or bidi bytes, spans that
 * tile the text on UTF-8 boundaries, links that are http(s) or mailto.
 *
 *   make fuzz FUZZ=render FUZZ_SECONDS=60    (builds it with clang)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static void
check_line(const struct render_line *l, size_t width, size_t nlinks)
{
	size_t len = strlen(l->text), end = 0, i;

	check(text_cols(l->text, len) <= width);
	check(utf8_valid(l->text, len));
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)l->text[i];

		check(c >= 0x20 && c != 0x7f);
		if (c == 0xc2 && i + 1 < len)
			check((unsigned char)l->text[i + 1] > 0x9f);
	}
	check(strstr(l->text, "\xe2\x80\xae") == NULL);
	for (i = 0; i < l->nspans; i++) {
		const struct render_span *s = &l->spans[i];

		check(s->off == end && s->len > 0 && s->off + s->len <= len);
		check(((unsigned char)l->text[s->off] & 0xc0) != 0x80);
		check(s->link >= 0 && (size_t)s->link <= nlinks);
		end = s->off + s->len;
	}
	check(end == len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const bases[] = {
		NULL, "https://news.example.com/world/2024/story.html",
	};
	struct render_doc *d;
	size_t width, i;
	const char *base;

	if (size < 2)
		return 0;
	width = 10 + data[0] % 111;  /* 10..120 */
	base = bases[data[1] % 2];
	d = render_html((const char *)data + 2, size - 2, width, base);
	for (i = 0; i < d->nlines; i++)
		check_line(&d->lines[i], width, d->links.n);
	for (i = 0; i < d->links.n; i++)
		check(strncmp(d->links.v[i], "http://", 7) == 0 ||
		    strncmp(d->links.v[i], "https://", 8) == 0 ||
		    strncmp(d->links.v[i], "mailto:", 7) == 0);
	render_doc_free(d);
	return 0;
}
