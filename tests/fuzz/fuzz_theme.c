/*
 * libFuzzer target for the interface's two small parsers of user files
 * (F1): themes (ui_theme_parse) and key names (ui_key_parse).  Any theme
 * text gives a theme or a message whose every line is UTF-8 without a
 * control byte (it reaches the terminal); a failed parse leaves the theme
 * as it was; every colour is in range.  A key name that parses prints as
 * a name that parses back to the same key.
 *
 *   make fuzz FUZZ=theme
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_keymap.h"
#include "ui_theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static void
check_theme(const struct ui_theme *t)
{
	for (int i = 0; i < UI_EL_COUNT; i++) {
		check(t->el[i].fg >= UI_COLOR_DEFAULT && t->el[i].fg <= 255);
		check(t->el[i].bg >= UI_COLOR_DEFAULT && t->el[i].bg <= 255);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui_theme t, before;
	char *cause = NULL, buf[64];
	int key, again;

	ui_theme_mono(&t);
	before = t;
	if (ui_theme_parse(&t, (const char *)data, size, "fuzz.ini",
	    &cause) == 0) {
		check(cause == NULL);
		check_theme(&t);
	} else {
		check(cause != NULL);
		check(memcmp(&t, &before, sizeof t) == 0);
		check(utf8_valid(cause, strlen(cause)));
		for (const unsigned char *p = (const unsigned char *)cause; *p;
		    p++)
			check(*p >= 0x20 || *p == '\n' || *p == '\t');
		free(cause);
	}
	if (size <= 32 && ui_key_parse((const char *)data, size, &key) == 0) {
		ui_key_name(key, buf, sizeof buf);
		check(ui_key_parse(buf, strlen(buf), &again) == 0);
		check(again == key);
	}
	return 0;
}
