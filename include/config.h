/*
 * config: the INI file (iniparser 4.1) to a struct config, with defaults,
 * validation and messages that name the file, section, key and value.
 *
 * Values are only ever read through one wrapper around iniparser_getstring
 * with a non-NULL default (SECURITY.md I1: Debian's iniparser 4.1 still has
 * CVE-2023-33461 in getboolean/getint).
 *
 * Section and key names are case-insensitive (iniparser lowercases them), so
 * feed keys are lowercase everywhere.
 */
#ifndef SITREP_CONFIG_H
#define SITREP_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "str.h"

struct config_feed {
	char *key;               /* from [feed:KEY]; lowercase */
	char *url;               /* http://, https:// or file:// */
	char *title;             /* override, or NULL to use the feed's own */
	struct strv tags;        /* labels for the feed (tags = a, b) */
	int enabled;             /* enabled = yes|no */
	int refresh_minutes;     /* 0: use [general] refresh_minutes */
	char *user_agent;        /* NULL: [general] user_agent */
	char *username;          /* HTTP basic auth, or NULL */
	char *password_command;  /* argv run with execvp; first line of its stdout */
	char *proxy;             /* NULL: [general] proxy / environment */
	char *site_url;          /* the feed's web site (OPML htmlUrl), or NULL */
};

struct config_general {
	char *cache_path;        /* cache = PATH; NULL: the XDG default */
	int refresh_minutes;     /* default interval between fetches of a feed */
	int keep_days;           /* retention; 0 keeps everything */
	int max_parallel;        /* transfers in flight */
	int max_per_host;        /* connections per host */
	int connect_timeout;     /* seconds */
	int timeout;             /* seconds, whole transfer */
	int64_t max_feed_bytes;  /* byte cap for one document */
	char *user_agent;
	char *proxy;             /* NULL: libcurl reads the environment */
	char *browser;           /* NULL: $BROWSER, else xdg-open */
};

/* [ui]: the interface. */
struct config_ui {
	char *theme;             /* a theme name (themes/NAME.ini) or a path */
	char *start_view;        /* the view shown first: all, unread, starred
	                            or a [view:KEY] */
	char *layout;            /* auto, columns, stacked or single */
	int sidebar_width;       /* columns */
	int auto_refresh;        /* refresh every refresh_minutes while open */
	int mark_read_on_open;
	int confirm_mark_all;    /* A asks before marking a view read */
	int osc8_links;          /* OSC 8 hyperlinks in the reader */
	int mouse;               /* mouse reports (clicks, the wheel) */
};

/*
 * [topic:KEY]: a topic and the rules that file articles under it.  The rule
 * lists are kept as written; classify.c parses and checks them (and config
 * reports its complaints).
 */
struct config_topic {
	char *key;               /* lowercase */
	char *label;             /* NULL: the key */
	char *short_name;        /* badge text, NULL: derived from the label */
	char *categories;        /* feed categories, exact or glob */
	char *keywords;          /* words and "phrases" in title and summary */
	char *regex;             /* POSIX extended regexes */
	char *feeds;             /* whole feeds */
	char *exclude;           /* words or categories that veto the topic */
};

/* [view:KEY]: a saved query shown in the sidebar. */
struct config_view {
	char *key;
	char *label;             /* NULL: the key */
	char *query;             /* in the query language */
};

/* One line of [keys]: an action and the keys bound to it, as written. */
struct config_binding {
	char *action;            /* lowercase, as iniparser gives it */
	char *keys;
};

struct config {
	char *path;              /* the file read, or NULL for built-ins only */
	struct config_general general;
	struct config_ui ui;
	struct config_feed *feeds; /* in file order */
	size_t nfeeds;
	struct config_topic *topics; /* in file order */
	size_t ntopics;
	struct config_view *views;   /* in file order */
	size_t nviews;
	struct config_binding *bindings; /* checked by the interface's keymap */
	size_t nbindings;
	struct strv warnings;    /* unknown sections/keys, with did-you-mean */
	/*
	 * Bad values of [ui] and [keys]: the interface refuses to start with
	 * them, while the commands, which never use them, only warn.
	 */
	struct strv ui_errors;
};

/*
 * Reads the file at path.  Returns owned, or NULL with *cause (owned) listing
 * every bad value ("config.ini: [feed:bbc] enabled = 'maybe': expected yes
 * or no"), one per line, then the warnings.  Unknown sections and keys are
 * warnings, not errors.  Not reentrant: iniparser's error callback, which
 * collects its syntax errors, is process-wide.
 */
struct config *config_load(const char *path, char **cause);
/* Built-in defaults and no feeds.  Returns owned. */
struct config *config_defaults(void);
void config_free(struct config *cfg);

/* Return borrowed: the feed, topic or view with that key, or NULL. */
const struct config_feed *config_feed_find(const struct config *cfg,
    const char *key);
const struct config_topic *config_topic_find(const struct config *cfg,
    const char *key);
const struct config_view *config_view_find(const struct config *cfg,
    const char *key);
/*
 * Appends to out (copies) the keys of the feeds whose `tags` include tag,
 * compared without regard to ASCII case as article tags are; a '*' in tag
 * stands for any run of characters (tag:briefed-*).
 */
void config_feeds_tagged(const struct config *cfg, const char *tag,
    struct strv *out);
/*
 * Appends to out (copies) every feed tag of the config once, in the case
 * of its first use.
 */
void config_feed_tags(const struct config *cfg, struct strv *out);

/*
 * Where things live (DESIGN.md, XDG).  Each returns owned.
 * config_user_path: $XDG_CONFIG_HOME/sitrep/config.ini (else ~/.config/...).
 * config_example_path: the installed config.example.ini, else the one in the
 * source tree this binary was built from; NULL when neither exists.
 * config_cache_path: cfg's cache, else $XDG_DATA_HOME/sitrep/cache.db; cfg
 * may be NULL.
 * An XDG variable counts only when it is an absolute path (as the spec
 * says); the home directory is $HOME, else the password database.
 * config_user_path and config_cache_path return NULL when they need a home
 * directory and there is none.
 */
char *config_user_path(void);
char *config_example_path(void);
char *config_cache_path(const struct config *cfg);
/*
 * The folders sitrep's own files (config.example.ini, themes/, demo/) are
 * looked for in, in order: the installed data directory (SITREP_DATADIR),
 * then the source tree this binary was built from (SITREP_SRCDIR).
 * Returns borrowed (static): the i-th, or NULL when i is past the last.
 */
const char *config_data_dir(size_t i);

/*
 * The config a plain `sitrep` uses: explicit_path when given (must exist),
 * else the user's file when it exists, else built-in defaults plus the
 * feeds of config.example.ini (cfg->path names the example), else built-in
 * defaults with no feeds and a warning saying where a config goes.  Returns
 * owned or NULL with *cause.
 */
struct config *config_load_default(const char *explicit_path, char **cause);

/*
 * The imported-feeds file beside a config file: DIR/feeds.d/opml.ini for
 * DIR/config.ini (config_path NULL: beside config_user_path()).
 * config_load_default reads it after the config whenever it exists: its
 * [feed:] sections are added to the config's (a key the config has
 * already keeps the config's feed).  `sitrep import-opml` writes it; no
 * one rewrites the user's own config.  Returns owned, or NULL without a
 * home directory.
 */
char *config_imported_path(const char *config_path);

#endif
