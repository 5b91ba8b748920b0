/*
 * ui_theme: what each element of the interface looks like.  Themes are small
 * INI-like files (themes/NAME.ini), one line per element:
 *
 *     selected = black on 110 bold
 *
 * a foreground colour, optionally "on" a background colour, then
 * attributes.  Colours: default, black, red, green, yellow, blue, magenta,
 * cyan, white, bright-black .. bright-white (also grey), or 0-255.
 * Attributes: bold, dim, italic, underline, reverse, standout, normal.
 * Elements a file leaves out look as in the built-in default theme.
 *
 * The parser is ours (not iniparser) so that every error names the file, the
 * line and the element.  No curses in this header.
 */
#ifndef SITREP_UI_THEME_H
#define SITREP_UI_THEME_H

#include <stddef.h>

enum ui_elem {
	UI_EL_NORMAL,
	UI_EL_BORDER,
	UI_EL_SIDEBAR_HEADING,
	UI_EL_SIDEBAR_ENTRY,
	UI_EL_SIDEBAR_UNREAD,
	UI_EL_SIDEBAR_COUNT,
	UI_EL_SIDEBAR_ACTIVE,
	UI_EL_SIDEBAR_ERROR,
	UI_EL_SELECTED,
	UI_EL_SELECTED_INACTIVE,
	UI_EL_UNREAD,
	UI_EL_READ,
	UI_EL_STARRED,
	UI_EL_MARKED,
	UI_EL_BADGE_COUNTRY,
	UI_EL_BADGE_TOPIC,
	UI_EL_BADGE_TAG,
	UI_EL_DATE,
	UI_EL_SOURCE,
	UI_EL_STATUS,
	UI_EL_STATUS_ACCENT,
	UI_EL_PROMPT,
	UI_EL_MESSAGE,
	UI_EL_ERROR,
	UI_EL_READER_TITLE,
	UI_EL_READER_HEADER,
	UI_EL_LINK,
	UI_EL_LINK_NUMBER,
	UI_EL_QUOTE,
	UI_EL_CODE,
	UI_EL_HEADING,
	UI_EL_SPARKLINE,
	UI_EL_HELP_KEY,
	UI_EL_EMPTY,
	UI_EL_SEARCH_MATCH,  /* the words of the search or filter, found */
	UI_EL_COUNT
};

enum ui_attr {
	UI_ATTR_BOLD = 1 << 0,
	UI_ATTR_DIM = 1 << 1,
	UI_ATTR_ITALIC = 1 << 2,
	UI_ATTR_UNDERLINE = 1 << 3,
	UI_ATTR_REVERSE = 1 << 4,
	UI_ATTR_STANDOUT = 1 << 5
};

#define UI_COLOR_DEFAULT (-1)

struct ui_style {
	short fg, bg;       /* 0-255, or UI_COLOR_DEFAULT */
	unsigned attrs;     /* enum ui_attr bits */
};

struct ui_theme {
	struct ui_style el[UI_EL_COUNT];
};

/* Returns borrowed (static): "selected", "badge-country", ... */
const char *ui_elem_name(enum ui_elem e);

/* The built-in themes (what themes/default.ini and mono.ini also say). */
void ui_theme_default(struct ui_theme *t);
void ui_theme_mono(struct ui_theme *t);

/*
 * Parses a theme from text[0..n) over the built-in default.  file names the
 * source in messages.  Returns 0, or -1 with t untouched and *cause (owned)
 * listing every error, one per line: "FILE:LINE: ELEMENT: what is wrong".
 */
int ui_theme_parse(struct ui_theme *t, const char *text, size_t n,
    const char *file, char **cause);
/* The same for a file. */
int ui_theme_load_file(struct ui_theme *t, const char *path, char **cause);

/*
 * Where the theme called name lives: an absolute path as it is; else
 * NAME.ini in $XDG_CONFIG_HOME/sitrep/themes (or ~/.config/sitrep/themes),
 * SITREP_DATADIR/themes, SITREP_SRCDIR/themes, the first that exists.
 * Returns owned, or NULL.
 */
char *ui_theme_path(const char *name);

/*
 * Loads the theme [ui] theme names.  "default" and "mono" work without
 * their files.  Returns 0, or -1 with *cause and t set to the default.
 */
int ui_theme_load(struct ui_theme *t, const char *name, char **cause);

/*
 * A colour for a terminal with ncolors colours: itself when it fits, else
 * the nearest in hue among the 16 (or 8) basic colours; *bright is set when
 * an 8-colour terminal should add bold for a bright foreground.  Default
 * stays default.
 */
short ui_color_reduce(short c, int ncolors, int *bright);

/* 1 when NO_COLOR asks for no colour (set and not empty, no-color.org). */
int ui_no_color(void);

#endif
