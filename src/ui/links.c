/*
 * links: opening an article's link in the browser (fork/execvp through
 * spawn.h, never a shell: SECURITY.md C1-C3) and copying it with OSC 52,
 * which reaches the local clipboard through ssh and tmux (C4).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spawn.h"
#include "text.h"
#include "ui_int.h"
#include "ui_text.h"
#include "xalloc.h"

static const char *const text_browsers[] = {
	"w3m", "lynx", "elinks", "links", "links2", "browsh", "www-browser",
	"carbonyl", "chawan", "cha",
};

/*
 * A text browser needs the terminal: known names, or any browser when
 * there is no display (xdg-open then falls back to www-browser too).
 */
static int
browser_needs_terminal(const char *prog)
{
	const char *base = strrchr(prog, '/');
	const char *d = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");

	base = base ? base + 1 : prog;
	for (size_t i = 0; i < sizeof text_browsers / sizeof text_browsers[0];
	    i++)
		if (strcmp(base, text_browsers[i]) == 0)
			return 1;
	return (d == NULL || d[0] == '\0') && (w == NULL || w[0] == '\0');
}

/* The browser's command line: [general] browser, $BROWSER, xdg-open. */
static char *
browser_command(const struct ui *u)
{
	const char *env = getenv("BROWSER");

	if (u->cfg->general.browser && u->cfg->general.browser[0])
		return xstrdup(u->cfg->general.browser);
	if (env != NULL && env[0] != '\0') {
		/* $BROWSER may list several, separated by ':' */
		size_t n = strcspn(env, ":");

		return xstrndup(env, n);
	}
	return xstrdup("xdg-open");
}

void
ui_open_url(struct ui *u, const char *url)
{
	struct strv argv = STRV_INIT;
	char *cmd, *cause = NULL, *clean;
	int wait, rc;

	if (url == NULL || url[0] == '\0') {
		ui_message(u, 1, "this article has no link");
		return;
	}
	clean = text_oneline(url, strlen(url));
	if (!ui_url_ok(clean)) {
		ui_message(u, 1, "not opening '%s': only http and https links "
		    "are opened", clean);
		free(clean);
		return;
	}
	cmd = browser_command(u);
	if (spawn_split(cmd, &argv, &cause) < 0) {
		ui_message(u, 1, "browser '%s': %s", cmd, cause);
		goto out;
	}
	/* the link is one argument after the program's own: never a shell */
	strv_pushdup(&argv, clean);
	wait = browser_needs_terminal(argv.v[0]);
	strv_push(&argv, NULL);
	if (wait) {
		def_prog_mode();
		endwin();
	}
	rc = spawn_run(argv.v, wait, &cause);
	if (wait) {
		reset_prog_mode();
		clearok(curscr, TRUE);
	}
	argv.n--;
	if (rc < 0)
		ui_message(u, 1, "%s", cause);
	else
		ui_message(u, 0, "opened %s", clean);
	u->dirty = 1;
out:
	free(cause);
	free(cmd);
	free(clean);
	strv_free(&argv);
}

void
ui_copy_url(struct ui *u, const char *url)
{
	struct str seq = STR_INIT;
	char *clean;
	enum ui_osc52_wrap wrap = UI_OSC52_PLAIN;

	if (url == NULL || url[0] == '\0') {
		ui_message(u, 1, "this article has no link");
		return;
	}
	clean = text_oneline(url, strlen(url));
	if (getenv("TMUX") != NULL) {
		/* tmux with set-clipboard on takes it; else the passthrough */
		ui_osc52(&seq, clean, UI_OSC52_PLAIN);
		wrap = UI_OSC52_TMUX;
	} else if (getenv("STY") != NULL) {
		wrap = UI_OSC52_SCREEN;
	}
	if (ui_osc52(&seq, clean, wrap) < 0) {
		ui_message(u, 1, "not copying '%s': only http and https links",
		    clean);
	} else {
		/* after curses has written everything, straight to the tty */
		doupdate();
		fflush(stdout);
		(void)!write(STDOUT_FILENO, seq.p, seq.len);
		ui_message(u, 0, "copied %s", clean);
	}
	str_free(&seq);
	free(clean);
}

/* The article o, y and 1-9 act on: the reader's when focused, else the
 * selected row's. */
const char *
ui_current_url(struct ui *u)
{
	struct article_row *r = list_selected(u);

	if (u->rd.open && (u->focus == UI_PANE_READER || r == NULL ||
	    r->id == u->rd.item.id))
		return u->rd.item.url;
	return r ? r->url : NULL;
}
