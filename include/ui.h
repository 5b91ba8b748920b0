/*
 * ui: the interactive interface (ncursesw): sidebar, headline list and
 * reader panes, driven from the keyboard, with refreshes running in the same
 * event loop.  Everything that touches curses lives in src/ui/.
 */
#ifndef SITREP_UI_H
#define SITREP_UI_H

struct ui_options {
	const char *config_path; /* --config FILE, or NULL */
	const char *cache_path;  /* --cache FILE, or NULL */
	int demo;                /* --demo: a throwaway cache preloaded from
	                            the sample feeds in demo/, no network */
};

/*
 * Runs the interface until the user quits.  Errors before the screen is
 * taken (config, key bindings, cache) are printed to stderr.  Returns the
 * process's exit status: 0, or 2 for usage, configuration or cache errors.
 *
 * Test hooks (environment, for tests/bench; not for users):
 *   SITREP_UI_EXIT_AFTER_DRAW=1  quit after the first full screen
 *   SITREP_UI_KEYS="G k*100"     after the first screen, run these keys
 *                                (key names as in [keys], "*N" repeats),
 *                                then quit
 *   SITREP_UI_REPORT=FILE        write timings (first screen, slowest key)
 *                                to FILE
 *   SITREP_UI_NO_THREAD=1        count in the loop, not in a thread
 *   SITREP_UI_HEAP_KIB=N         SQLite's soft heap limit (default 4096)
 */
int ui_run(const struct ui_options *o);

#endif
