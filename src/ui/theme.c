/*
 * theme: theme files to styles, colour reduction for 16- and 8-colour
 * terminals, and the step that turns styles into curses attributes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "str.h"
#include "suggest.h"
#include "text.h"
#include "ui_int.h"
#include "ui_theme.h"
#include "xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
/* A theme file is a page of text; anything larger is not one. */
#define THEME_MAX_BYTES (256 * 1024)

static const char *const elem_names[UI_EL_COUNT] = {
	[UI_EL_NORMAL] = "normal",
	[UI_EL_BORDER] = "border",
	[UI_EL_SIDEBAR_HEADING] = "sidebar-heading",
	[UI_EL_SIDEBAR_ENTRY] = "sidebar-entry",
	[UI_EL_SIDEBAR_UNREAD] = "sidebar-unread",
	[UI_EL_SIDEBAR_COUNT] = "sidebar-count",
	[UI_EL_SIDEBAR_ACTIVE] = "sidebar-active",
	[UI_EL_SIDEBAR_ERROR] = "sidebar-error",
	[UI_EL_SELECTED] = "selected",
	[UI_EL_SELECTED_INACTIVE] = "selected-inactive",
	[UI_EL_UNREAD] = "unread",
	[UI_EL_READ] = "read",
	[UI_EL_STARRED] = "starred",
	[UI_EL_MARKED] = "marked",
	[UI_EL_BADGE_COUNTRY] = "badge-country",
	[UI_EL_BADGE_TOPIC] = "badge-topic",
	[UI_EL_BADGE_TAG] = "badge-tag",
	[UI_EL_DATE] = "date",
	[UI_EL_SOURCE] = "source",
	[UI_EL_STATUS] = "status",
	[UI_EL_STATUS_ACCENT] = "status-accent",
	[UI_EL_PROMPT] = "prompt",
	[UI_EL_MESSAGE] = "message",
	[UI_EL_ERROR] = "error",
	[UI_EL_READER_TITLE] = "reader-title",
	[UI_EL_READER_HEADER] = "reader-header",
	[UI_EL_LINK] = "link",
	[UI_EL_LINK_NUMBER] = "link-number",
	[UI_EL_QUOTE] = "quote",
	[UI_EL_CODE] = "code",
	[UI_EL_HEADING] = "heading",
	[UI_EL_SPARKLINE] = "sparkline",
	[UI_EL_HELP_KEY] = "help-key",
	[UI_EL_EMPTY] = "empty",
	[UI_EL_SEARCH_MATCH] = "search-match",
};

/*
 * The built-in themes, in the file format: themes/default.ini and
 * themes/mono.ini say the same (a test checks), so a missing file or a
 * broken user theme still leaves a usable screen.
 */
static const char builtin_default[] =
    "normal = default\n"
    "border = 240\n"
    "sidebar-heading = 75 bold\n"
    "sidebar-entry = 250\n"
    "sidebar-unread = 255 bold\n"
    "sidebar-count = 244\n"
    "sidebar-active = 222 bold\n"
    "sidebar-error = 203 bold\n"
    "selected = 16 on 110\n"
    "selected-inactive = default on 238\n"
    "unread = 255 bold\n"
    "read = 246\n"
    "starred = 220 bold\n"
    "marked = 230 on 58\n"
    "badge-country = 114\n"
    "badge-topic = 180\n"
    "badge-tag = 176\n"
    "date = 109\n"
    "source = 139\n"
    "status = 252 on 236\n"
    "status-accent = 75 on 236 bold\n"
    "prompt = default bold\n"
    "message = 250\n"
    "error = 203 bold\n"
    "reader-title = 230 bold\n"
    "reader-header = 110\n"
    "link = 81 underline\n"
    "link-number = 75 bold\n"
    "quote = 144 italic\n"
    "code = 186 on 235\n"
    "heading = 222 bold\n"
    "sparkline = 73\n"
    "help-key = 222 bold\n"
    "empty = 243 italic\n"
    "search-match = 16 on 179\n";

static const char builtin_mono[] =
    "normal = default\n"
    "border = default dim\n"
    "sidebar-heading = default bold underline\n"
    "sidebar-entry = default\n"
    "sidebar-unread = default bold\n"
    "sidebar-count = default dim\n"
    "sidebar-active = default bold underline\n"
    "sidebar-error = default bold\n"
    "selected = default reverse\n"
    "selected-inactive = default underline\n"
    "unread = default bold\n"
    "read = default\n"
    "starred = default bold\n"
    "marked = default underline\n"
    "badge-country = default dim\n"
    "badge-topic = default dim\n"
    "badge-tag = default dim\n"
    "date = default\n"
    "source = default\n"
    "status = default reverse\n"
    "status-accent = default reverse bold\n"
    "prompt = default bold\n"
    "message = default\n"
    "error = default bold\n"
    "reader-title = default bold\n"
    "reader-header = default dim\n"
    "link = default underline\n"
    "link-number = default bold\n"
    "quote = default dim\n"
    "code = default\n"
    "heading = default bold\n"
    "sparkline = default\n"
    "help-key = default bold\n"
    "empty = default dim\n"
    "search-match = default bold underline\n";

static const struct {
	const char *name;
	short color;
} color_names[] = {
	{ "default", UI_COLOR_DEFAULT },
	{ "black", 0 }, { "red", 1 }, { "green", 2 }, { "yellow", 3 },
	{ "blue", 4 }, { "magenta", 5 }, { "cyan", 6 }, { "white", 7 },
	{ "bright-black", 8 }, { "grey", 8 }, { "gray", 8 },
	{ "bright-red", 9 }, { "bright-green", 10 }, { "bright-yellow", 11 },
	{ "bright-blue", 12 }, { "bright-magenta", 13 }, { "bright-cyan", 14 },
	{ "bright-white", 15 },
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{ "normal", 0 }, { "bold", UI_ATTR_BOLD }, { "dim", UI_ATTR_DIM },
	{ "italic", UI_ATTR_ITALIC }, { "underline", UI_ATTR_UNDERLINE },
	{ "reverse", UI_ATTR_REVERSE }, { "standout", UI_ATTR_STANDOUT },
};

const char *
ui_elem_name(enum ui_elem e)
{
	return e >= 0 && e < UI_EL_COUNT ? elem_names[e] : "?";
}

static int
find_elem(const char *s, size_t n)
{
	for (int e = 0; e < UI_EL_COUNT; e++)
		if (strlen(elem_names[e]) == n && text_eq_nocase(s, n,
		    elem_names[e]))
			return e;
	return -1;
}

/* A colour word: a name or 0-255.  Returns 0, or -1. */
static int
parse_color(const char *w, size_t n, short *out)
{
	for (size_t i = 0; i < NELEM(color_names); i++) {
		if (strlen(color_names[i].name) == n &&
		    text_eq_nocase(w, n, color_names[i].name)) {
			*out = color_names[i].color;
			return 0;
		}
	}
	if (n >= 1 && n <= 3) {
		int v = 0;

		for (size_t i = 0; i < n; i++) {
			if (w[i] < '0' || w[i] > '9')
				return -1;
			v = v * 10 + (w[i] - '0');
		}
		if (v > 255)
			return -1;
		*out = (short)v;
		return 0;
	}
	return -1;
}

static int
parse_attr(const char *w, size_t n, unsigned *out)
{
	for (size_t i = 0; i < NELEM(attr_names); i++) {
		if (strlen(attr_names[i].name) == n &&
		    text_eq_nocase(w, n, attr_names[i].name)) {
			*out = attr_names[i].attr;
			return 0;
		}
	}
	return -1;
}

static const char *
word_suggestion(const char *w)
{
	const char *names[NELEM(color_names) + NELEM(attr_names) + 1];
	size_t k = 0;

	for (size_t i = 0; i < NELEM(color_names); i++)
		names[k++] = color_names[i].name;
	for (size_t i = 0; i < NELEM(attr_names); i++)
		names[k++] = attr_names[i].name;
	names[k] = NULL;
	return suggest_closest(w, names, k);
}

/* One element's value: "fg [on bg] attr...".  Returns NULL or a message. */
static char *
parse_style(const char *v, size_t n, struct ui_style *st)
{
	struct ui_style s = { UI_COLOR_DEFAULT, UI_COLOR_DEFAULT, 0 };
	int have_fg = 0, have_bg = 0, want_bg = 0;
	size_t i = 0;

	while (i < n) {
		size_t start, len;
		short c;
		unsigned a;

		while (i < n && (v[i] == ' ' || v[i] == '\t'))
			i++;
		start = i;
		while (i < n && v[i] != ' ' && v[i] != '\t')
			i++;
		len = i - start;
		if (len == 0)
			break;
		if (len == 2 && text_eq_nocase(v + start, 2, "on")) {
			if (want_bg || have_bg)
				return xstrdup("one 'on' and one background "
				    "colour at most");
			want_bg = 1;
		} else if (parse_color(v + start, len, &c) == 0) {
			if (have_bg)
				return xstrdup("more than two colours");
			if (want_bg || have_fg) {
				s.bg = c;
				have_bg = 1;
				want_bg = 0;
			} else {
				s.fg = c;
				have_fg = 1;
			}
		} else if (parse_attr(v + start, len, &a) == 0) {
			s.attrs |= a;
		} else {
			char *w = xstrndup(v + start, len);
			const char *best = word_suggestion(w);
			char *msg = xasprintf("unknown colour or attribute "
			    "'%s'%s%s%s (colours: names or 0-255; attributes: "
			    "bold, dim, italic, underline, reverse)", w,
			    best ? "; did you mean '" : "", best ? best : "",
			    best ? "'?" : "");

			free(w);
			return msg;
		}
	}
	if (want_bg)
		return xstrdup("'on' without a background colour");
	*st = s;
	return NULL;
}

static const char *
elem_suggestion(const char *w)
{
	const char *names[UI_EL_COUNT + 1];

	for (int e = 0; e < UI_EL_COUNT; e++)
		names[e] = elem_names[e];
	names[UI_EL_COUNT] = NULL;
	return suggest_closest(w, names, UI_EL_COUNT);
}

/* Parses one line into t; appends an error to errs when it is wrong. */
static void
parse_line(struct ui_theme *t, const char *line, size_t n, const char *file,
    size_t lineno, struct strv *errs)
{
	const char *eq, *k = line, *v;
	size_t kn, vn;
	char *why;
	int e;

	n = text_trim(&line, n);
	k = line;
	if (n == 0 || line[0] == '#' || line[0] == ';')
		return;
	if (line[0] == '[') {
		if (!(n == 7 && text_eq_nocase(line, 7, "[theme]")))
			strv_push(errs, xasprintf("%s:%zu: only a [theme] "
			    "section may appear in a theme", file, lineno));
		return;
	}
	eq = memchr(line, '=', n);
	if (eq == NULL) {
		strv_push(errs, xasprintf("%s:%zu: expected 'element = colours "
		    "attributes'", file, lineno));
		return;
	}
	kn = text_trim(&k, (size_t)(eq - line));
	v = eq + 1;
	vn = n - (size_t)(v - line);
	/* a comment after the value */
	for (size_t i = 0; i < vn; i++) {
		if ((v[i] == '#' || v[i] == ';') && (i == 0 || v[i - 1] == ' ' ||
		    v[i - 1] == '\t')) {
			vn = i;
			break;
		}
	}
	vn = text_trim(&v, vn);
	{
		char *key = xstrndup(k, kn);
		char *clean = text_oneline(key, strlen(key));

		e = find_elem(k, kn);
		if (e < 0) {
			const char *best = elem_suggestion(clean);

			strv_push(errs, xasprintf("%s:%zu: %s: unknown element%s%s%s",
			    file, lineno, clean, best ? "; did you mean '" : "",
			    best ? best : "", best ? "'?" : ""));
		} else if ((why = parse_style(v, vn, &t->el[e])) != NULL) {
			char *cw = text_oneline(why, strlen(why));

			strv_push(errs, xasprintf("%s:%zu: %s: %s", file, lineno,
			    clean, cw));
			free(cw);
			free(why);
		}
		free(clean);
		free(key);
	}
}

static void
parse_into(struct ui_theme *t, const char *text, size_t n, const char *file,
    struct strv *errs)
{
	size_t lineno = 0, i = 0;

	while (i < n) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (text + i)) : n - i;

		lineno++;
		parse_line(t, text + i, len, file, lineno, errs);
		i += len + (nl != NULL);
	}
}

static void
builtin(struct ui_theme *t, const char *text)
{
	struct strv errs = STRV_INIT;

	for (int e = 0; e < UI_EL_COUNT; e++) {
		t->el[e].fg = t->el[e].bg = UI_COLOR_DEFAULT;
		t->el[e].attrs = 0;
	}
	parse_into(t, text, strlen(text), "built-in", &errs);
	strv_free(&errs); /* the tables are ours; test_theme checks them */
}

void
ui_theme_default(struct ui_theme *t)
{
	builtin(t, builtin_default);
}

void
ui_theme_mono(struct ui_theme *t)
{
	builtin(t, builtin_mono);
}

int
ui_theme_parse(struct ui_theme *t, const char *text, size_t n,
    const char *file, char **cause)
{
	struct ui_theme tmp;
	struct strv errs = STRV_INIT;

	ui_theme_default(&tmp);
	parse_into(&tmp, text, n, file, &errs);
	if (errs.n > 0) {
		if (cause != NULL)
			*cause = strv_join(&errs, "\n");
		strv_free(&errs);
		return -1;
	}
	*t = tmp;
	return 0;
}

int
ui_theme_load_file(struct ui_theme *t, const char *path, char **cause)
{
	FILE *f = fopen(path, "rb");
	struct str s = STR_INIT;
	char buf[4096];
	size_t k;
	int rc;

	if (f == NULL) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((k = fread(buf, 1, sizeof buf, f)) > 0) {
		str_append(&s, buf, k);
		if (s.len > THEME_MAX_BYTES)
			break;
	}
	fclose(f);
	if (s.len > THEME_MAX_BYTES) {
		if (cause != NULL)
			*cause = xasprintf("%s: larger than %d KiB: not a theme",
			    path, THEME_MAX_BYTES / 1024);
		str_free(&s);
		return -1;
	}
	rc = ui_theme_parse(t, str_cstr(&s), s.len, path, cause);
	str_free(&s);
	return rc;
}

static int
usable_dir(const char *s)
{
	return s != NULL && s[0] == '/';
}

static char *
try_path(const char *dir, const char *sub, const char *name)
{
	char *p = xasprintf("%s%s/%s.ini", dir, sub, name);

	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

/* A theme name is a plain word: it must not walk out of the themes folder. */
static int
plain_name(const char *name)
{
	if (name[0] == '\0' || name[0] == '.')
		return 0;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			return 0;
	return 1;
}

char *
ui_theme_path(const char *name)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *p;
	size_t i;

	if (name == NULL)
		return NULL;
	if (name[0] == '/')
		return access(name, R_OK) == 0 ? xstrdup(name) : NULL;
	if (!plain_name(name))
		return NULL;
	if (usable_dir(xdg))
		p = try_path(xdg, "/sitrep/themes", name);
	else if (usable_dir(home))
		p = try_path(home, "/.config/sitrep/themes", name);
	else
		p = NULL;
	/* sitrep's own themes: installed, else in the source tree */
	for (i = 0; p == NULL && config_data_dir(i) != NULL; i++)
		p = try_path(config_data_dir(i), "/themes", name);
	return p;
}

int
ui_theme_load(struct ui_theme *t, const char *name, char **cause)
{
	char *path;
	int rc;

	ui_theme_default(t);
	if (name == NULL || name[0] == '\0')
		return 0;
	path = ui_theme_path(name);
	if (path == NULL) {
		if (strcmp(name, "default") == 0)
			return 0;
		if (strcmp(name, "mono") == 0) {
			ui_theme_mono(t);
			return 0;
		}
		if (cause != NULL)
			*cause = xasprintf("theme '%s' not found (a name in "
			    "~/.config/sitrep/themes, %s/themes, or a path)",
			    name, config_data_dir(0));
		return -1;
	}
	rc = ui_theme_load_file(t, path, cause);
	free(path);
	if (rc < 0)
		ui_theme_default(t);
	return rc;
}

/* ---------- colour reduction ---------- */

static void
xterm_rgb(int c, int rgb[3])
{
	static const unsigned char basic[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
		{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 },
		{ 229, 229, 229 }, { 127, 127, 127 }, { 255, 0, 0 },
		{ 0, 255, 0 }, { 255, 255, 0 }, { 92, 92, 255 },
		{ 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
	};
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };

	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = basic[c][i];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = level[c / 36];
		rgb[1] = level[c / 6 % 6];
		rgb[2] = level[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + (c - 232) * 10;
	}
}

/*
 * The basic colour with the same hue: a channel is "on" when it is in the
 * upper half of the colour's range (red 1, green 2, blue 4); an unsaturated
 * colour is a grey, by lightness; a light one is the bright variant.
 * Nearest-distance matching would turn most muted colours grey.
 */
static int
basic_hue(int c)
{
	int rgb[3], max, min, bits = 0;

	xterm_rgb(c, rgb);
	max = min = rgb[0];
	for (int i = 1; i < 3; i++) {
		max = rgb[i] > max ? rgb[i] : max;
		min = rgb[i] < min ? rgb[i] : min;
	}
	if (max < 64)
		return 0;
	if (max - min < 48)
		return max < 160 ? 8 : max < 240 ? 7 : 15;
	for (int i = 0; i < 3; i++)
		if (rgb[i] * 2 >= max + min)
			bits |= 1 << i;
	return bits + (max > 230 ? 8 : 0);
}

short
ui_color_reduce(short c, int ncolors, int *bright)
{
	int b;

	*bright = 0;
	if (c < 0 || c < ncolors)
		return c;
	if (ncolors < 8)
		return UI_COLOR_DEFAULT;
	b = c < 16 ? c : basic_hue(c);
	if (b < ncolors)
		return (short)b;
	*bright = 1;
	return (short)(b - 8);
}

int
ui_no_color(void)
{
	const char *s = getenv("NO_COLOR");

	return s != NULL && s[0] != '\0';
}

/* ---------- curses ---------- */

static attr_t
curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & UI_ATTR_BOLD)
		r |= A_BOLD;
	if (a & UI_ATTR_DIM)
		r |= A_DIM;
	if (a & UI_ATTR_ITALIC)
		r |= A_ITALIC;
	if (a & UI_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & UI_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & UI_ATTR_STANDOUT)
		r |= A_STANDOUT;
	return r;
}

void
ui_theme_apply(const struct ui_theme *t, int use_color, attr_t out[])
{
	struct ui_theme mono;
	int ncolors = use_color ? COLORS : 0;

	if (!use_color) {
		ui_theme_mono(&mono);
		t = &mono;
	}
	for (int e = 0; e < UI_EL_COUNT; e++) {
		const struct ui_style *s = &t->el[e];
		int bf = 0, bb = 0;
		short fg, bg;

		out[e] = curses_attrs(s->attrs);
		if (!use_color || e + 1 >= COLOR_PAIRS)
			continue;
		fg = ui_color_reduce(s->fg, ncolors, &bf);
		bg = ui_color_reduce(s->bg, ncolors, &bb);
		if (init_pair((short)(e + 1), fg, bg) == OK)
			out[e] |= (attr_t)COLOR_PAIR(e + 1);
		if (bf)
			out[e] |= A_BOLD;
	}
}
