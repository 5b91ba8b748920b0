/*
 * ui: the interface's start-up and shut-down, signals, the terminal's keys
 * and the event loop.  One thread: the loop waits on the terminal, a
 * self-pipe for signals and, while a refresh runs, curl's sockets together
 * (refresh_step), so keys are answered during a refresh.  The screen is
 * redrawn once per turn of the loop when something changed (screen.c);
 * keys go to actions.c.
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <sqlite3.h>

#include "suggest.h"
#include "text.h"
#include "ui.h"
#include "ui_demo.h"
#include "ui_int.h"
#include "ui_text.h"
#include "xalloc.h"

/* The key script reports every key slower than this (the goal). */
#define SLOW_KEY_MS 5
/* SQLite's soft heap limit in the interface (SITREP_UI_HEAP_KIB). */
#define UI_SQLITE_HEAP_KIB 4096
/* How often the cache is asked whether another process wrote to it. */
#define DATA_VERSION_POLL_MS 1000
/* The longest the loop sleeps while a refresh runs (progress updates). */
#define REFRESH_TICK_MS 200
/* Leaf pages per idle step of merging the search index: 1-7 ms. */
#define FTS_MERGE_PAGES 8

/* ---------- signals: handlers only set flags and write to a pipe ---------- */

static volatile sig_atomic_t sig_winch, sig_quit;
static int sig_pipe[2] = { -1, -1 };

/* What restores the terminal from a fatal signal (async-signal-safe). */
static struct termios saved_tio;
static int saved_tio_ok;
static char restore_seq[256];
static size_t restore_len;
static int curses_on;

static void
on_signal(int sig)
{
	int e = errno;
	char c = (char)sig;

	if (sig == SIGWINCH)
		sig_winch = 1;
	else
		sig_quit = sig;
	if (sig_pipe[1] >= 0)
		(void)!write(sig_pipe[1], &c, 1);
	errno = e;
}

static void
on_fatal(int sig)
{
	if (curses_on) {
		if (restore_len > 0)
			(void)!write(STDOUT_FILENO, restore_seq, restore_len);
		if (saved_tio_ok)
			tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
add_restore(const char *cap)
{
	char *s = tigetstr((char *)cap);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

static int
set_cloexec_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static int
signals_start(char **cause)
{
	static const int quit_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	static const int fatal_sigs[] = {
		SIGABRT,
#if !defined(__SANITIZE_ADDRESS__)
		SIGSEGV, SIGBUS, SIGFPE, SIGILL,
#endif
	};
	struct sigaction sa;

	if (pipe(sig_pipe) < 0 || set_cloexec_nonblock(sig_pipe[0]) < 0 ||
	    set_cloexec_nonblock(sig_pipe[1]) < 0) {
		*cause = xasprintf("cannot create a pipe: %s", strerror(errno));
		return -1;
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	/* before curses starts, so that curses leaves SIGWINCH to us */
	sigaction(SIGWINCH, &sa, NULL);
	for (size_t i = 0; i < sizeof quit_sigs / sizeof quit_sigs[0]; i++)
		sigaction(quit_sigs[i], &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof fatal_sigs / sizeof fatal_sigs[0]; i++)
		sigaction(fatal_sigs[i], &sa, NULL);
	return 0;
}

static void
signals_stop(void)
{
	signal(SIGWINCH, SIG_DFL);
	for (int i = 0; i < 2; i++) {
		if (sig_pipe[i] >= 0)
			close(sig_pipe[i]);
		sig_pipe[i] = -1;
	}
}

/* ---------- small helpers ---------- */

int64_t
ui_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static double
now_exact_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* ---------- the terminal ---------- */

static int
translate_special(wint_t k)
{
	static const struct {
		int curses, ui;
	} tab[] = {
		{ KEY_UP, UI_KEY_UP }, { KEY_DOWN, UI_KEY_DOWN },
		{ KEY_LEFT, UI_KEY_LEFT }, { KEY_RIGHT, UI_KEY_RIGHT },
		{ KEY_PPAGE, UI_KEY_PGUP }, { KEY_NPAGE, UI_KEY_PGDN },
		{ KEY_HOME, UI_KEY_HOME }, { KEY_END, UI_KEY_END },
		{ KEY_IC, UI_KEY_INSERT }, { KEY_DC, UI_KEY_DELETE },
		{ KEY_BACKSPACE, UI_KEY_BACKSPACE }, { KEY_BTAB, UI_KEY_BTAB },
		{ KEY_ENTER, UI_KEY_ENTER }, { KEY_RESIZE, UI_KEY_RESIZE },
		{ KEY_A1, UI_KEY_HOME }, { KEY_C1, UI_KEY_END },
		{ KEY_A3, UI_KEY_PGUP }, { KEY_C3, UI_KEY_PGDN },
	};

	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if ((wint_t)tab[i].curses == k)
			return tab[i].ui;
	if (k >= (wint_t)KEY_F(1) && k <= (wint_t)KEY_F(12))
		return UI_KEY_F1 + (int)(k - (wint_t)KEY_F(1));
	return 0;
}

/*
 * Esc arriving together with a key: Alt (Meta) and that key when [keys]
 * binds that, else the two keys one after the other (a quick Esc then j,
 * or Esc in a prompt, must not vanish into a Meta key nobody bound).
 */
static int
escape_or_meta(const struct ui *u)
{
	wint_t next;
	int rc = get_wch(&next), key;

	if (rc == ERR)
		return UI_KEY_ESC;
	key = rc == KEY_CODE_YES ? translate_special(next) : (int)next;
	if (key > 0 && !u->prompt.active &&
	    ui_keymap_lookup(u->km, key | UI_KEY_META) != UI_ACT_NONE)
		return key | UI_KEY_META;
	if (rc == KEY_CODE_YES)
		ungetch((int)next);
	else
		unget_wch((wchar_t)next);
	return UI_KEY_ESC;
}

/* A mouse report from curses, to mouse.c in screen cells. */
static void
read_mouse(struct ui *u)
{
	static const struct {
		mmask_t mask;
		enum ui_mouse_button b;
	} buttons[] = {
		{ BUTTON1_PRESSED, UI_MOUSE_PRESS },
		{ BUTTON4_PRESSED, UI_MOUSE_WHEEL_UP },
		{ BUTTON5_PRESSED, UI_MOUSE_WHEEL_DOWN },
	};
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	for (size_t i = 0; i < sizeof buttons / sizeof buttons[0]; i++) {
		if (ev.bstate & buttons[i].mask) {
			ui_mouse_event(u, ev.y, ev.x, buttons[i].b);
			return;
		}
	}
}

/* The next key, or -1 when none is waiting (0: nothing to act on). */
static int
read_key(struct ui *u)
{
	wint_t wch;
	int rc = get_wch(&wch);

	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES && wch == KEY_MOUSE) {
		read_mouse(u);
		return 0;
	}
	if (rc == KEY_CODE_YES)
		return translate_special(wch);
	if (wch == 127)
		return UI_KEY_BACKSPACE;
	if (wch == '\n')
		return UI_KEY_ENTER;
	if (wch == UI_KEY_ESC)
		return escape_or_meta(u);
	return (int)wch;
}

static void
handle_resize(struct ui *u)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	u->rows = LINES;
	u->cols = COLS;
	clearok(curscr, TRUE);
	u->dirty = 1;
}

static void
drain_signals(struct ui *u)
{
	char buf[64];

	while (read(sig_pipe[0], buf, sizeof buf) > 0)
		;
	if (sig_winch) {
		sig_winch = 0;
		handle_resize(u);
	}
	if (sig_quit)
		u->quit = 1;
}

/*
 * Terminal flow control off (IXON, IXOFF) while the interface runs, so
 * that C-s and C-q arrive as keys instead of stopping the output: curses'
 * cbreak() leaves it on.  def_prog_mode makes this the mode curses returns
 * to after a suspend or a browser in the terminal; endwin() (quit, C-z)
 * restores the shell's mode, and on_fatal the one saved before curses.
 */
static void
flow_control_off(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) < 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

/*
 * [ui] mouse = no turns the mouse off, for a terminal whose own clicks
 * (selecting, opening URLs) matter more.
 */
static int
mouse_wanted(const struct config *cfg)
{
	return cfg->ui.mouse;
}

/* Presses and the wheel; double clicks are told in mouse.c. */
static void
mouse_start(struct ui *u)
{
	if (!mouse_wanted(u->cfg))
		return;
	/*
	 * xterm-style reports only: on TERM=linux curses would load libgpm,
	 * which keeps an allocation it never frees (and wants the console's
	 * gpm daemon, not an ssh session).  Setting NCURSES_GPM_TERMS
	 * yourself (to "linux") brings gpm back.
	 */
	setenv("NCURSES_GPM_TERMS", "", 0);
	mouseinterval(0);
	/* releases too: without them curses drops a second press */
	u->mouse_on = mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED |
	    BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0;
}

static int
curses_start(struct ui *u, char **cause)
{
	SCREEN *scr;

	if (saved_tio_ok == 0 && tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		saved_tio_ok = 1;
	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		const char *t = getenv("TERM");

		*cause = xasprintf("cannot start the screen for TERM=%s",
		    t ? t : "(unset)");
		return -1;
	}
	set_term(scr);
	{
		const char *cup = tigetstr("cup");

		if (cup == NULL || cup == (char *)-1) {
			/* "dumb" and friends: nothing could be drawn in place */
			const char *t = getenv("TERM");

			endwin();
			delscreen(scr);
			*cause = xasprintf("TERM=%s cannot move the cursor; the "
			    "interface needs a terminal such as xterm-256color",
			    t ? t : "(unset)");
			return -1;
		}
	}
	curses_on = 1;
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	flow_control_off();
	mouse_start(u);
	curs_set(0);
	add_restore("rmcup");
	add_restore("sgr0");
	add_restore("cnorm");
	add_restore("rmkx");
	{
		/* a crash must not leave the terminal reporting clicks */
		static const char mouse_off[] = "\033[?1006l\033[?1000l";
		const char *km = tigetstr("kmous");

		if (km != NULL && km != (char *)-1 && restore_len +
		    sizeof mouse_off - 1 < sizeof restore_seq) {
			memcpy(restore_seq + restore_len, mouse_off,
			    sizeof mouse_off - 1);
			restore_len += sizeof mouse_off - 1;
		}
	}
	u->use_color = has_colors() && !ui_no_color();
	if (u->use_color) {
		start_color();
		use_default_colors();
		if (COLORS < 8)
			u->use_color = 0;
	}
	ui_theme_apply(&u->theme, u->use_color, u->attr);
	u->rows = LINES;
	u->cols = COLS;
	return 0;
}

static void
curses_stop(void)
{
	if (!curses_on)
		return;
	curs_set(1);
	endwin();
	curses_on = 0;
	/* ncurses keeps some memory for the life of the process by design */
	delscreen(set_term(NULL));
}

static void
curses_atexit(void)
{
	if (curses_on) {
		endwin();
		curses_on = 0;
	}
}

/* ---------- periodic work ---------- */

/*
 * Work that waits for the keys to pause, one step per turn of the loop so
 * that a key typed meanwhile is read between steps: re-reading the window,
 * counting the list, finding its position, the sidebar's counts.  Returns 1
 * when it did a step.
 */
static int
idle_step(struct ui *u)
{
	struct list *l = &u->list;
	int64_t now = ui_now_ms();
	int due = now >= u->counts_due_ms;

	if (now >= u->next_dv_ms) {
		int64_t dv = store_data_version(u->st);

		u->next_dv_ms = now + DATA_VERSION_POLL_MS;
		if (dv != u->data_version) {
			/* another process (a cron refresh) wrote to the cache */
			u->data_version = dv;
			u->fts_merge = 1;
			u->reload_list = 1;
			u->reload_counts = 1;
			u->counts_due_ms = 0;
			due = 1;
		}
	}
	if (u->reload_list && due) {
		u->reload_list = 0;
		list_reload(u);
		return 1;
	}
	if (l->count_stale && !l->count_asked) {
		if (u->counter == NULL) {
			list_count(u);
			return 1;
		}
		counter_ask(u->counter, COUNTER_LIST, l->gen,
		    l->q ? query_text(l->q) : "", NULL);
		l->count_asked = 1;
		return 1;
	}
	if (!l->pos_known && l->n > 0 && !l->pos_asked) {
		struct query_key k = { l->rows[0].sort_time, l->rows[0].id };

		if (u->counter == NULL) {
			list_fix_position(u);
			return 1;
		}
		counter_ask(u->counter, COUNTER_POSITION, l->epoch,
		    l->q ? query_text(l->q) : "", &k);
		l->pos_asked = 1;
		l->pos_ask_top = l->top_pos;
		return 1;
	}
	if (u->reload_counts && due) {
		u->reload_counts = 0;
		if (u->counter != NULL) {
			counter_ask(u->counter, COUNTER_SIDEBAR, ++u->sb_gen, NULL,
			    NULL);
		} else {
			sidebar_build(u, 1);
			/* the status bar's counts go with the sidebar's */
			list_stale(l);
		}
		if (u->other_busy && now - u->other_busy_ms > 2000)
			u->other_busy = 0;
		return 1;
	}
	return 0;
}

/* Picks up what the counting thread finished; stale results are dropped. */
static void
take_counts(struct ui *u)
{
	struct list *l = &u->list;
	struct counter_result r;

	while (u->counter != NULL && counter_take(u->counter, &r)) {
		if (r.ms > u->slowest_idle_ms)
			u->slowest_idle_ms = r.ms;
		if (r.job == COUNTER_LIST) {
			if (r.gen == l->gen) {
				l->total = r.ok ? r.total : 0;
				l->unread = r.ok ? r.unread : 0;
				l->count_stale = 0;
				if (!r.ok)
					ui_message(u, 1, "cannot count the list: %s",
					    r.error ? r.error : "?");
				else
					list_counted(u);
			}
			l->count_asked = 0;
		} else if (r.job == COUNTER_POSITION) {
			if (r.gen == l->epoch && r.ok && !l->pos_known) {
				/* the window may have moved since: by that much */
				l->top_pos = r.position + (l->top_pos - l->pos_ask_top);
				l->pos_known = 1;
			}
			l->pos_asked = 0;
		} else if (r.gen == u->sb_gen) {
			sidebar_install(u, r.v, r.n, 1);
			r.v = NULL;
			r.n = 0;
			if (r.error != NULL)
				ui_message(u, 1, "%s", r.error);
			/* the status bar's counts go with the sidebar's */
			list_stale(l);
		}
		counter_result_clear(&r);
		u->dirty = 1;
	}
}

/* Returns 1 when it did a step of idle work. */
static int
reload_if_due(struct ui *u)
{
	int64_t now = ui_now_ms();
	int did = idle_step(u);

	if (u->msg != NULL && u->msg_until_ms > 0 && now >= u->msg_until_ms &&
	    !u->msg_error && !u->prompt.active)
		ui_clear_message(u);
	if (u->refresh == NULL && u->next_auto_ms > 0 && now >= u->next_auto_ms)
		ui_refresh_start(u, 0, NULL, 0, 0);
	return did;
}

/*
 * One step of merging the search index (store_fts_merge_step) when the
 * keys and all other idle work pause and no refresh runs: a refresh
 * leaves up to 15 index segments per level, and each costs every search a
 * lookup.  A step of FTS_MERGE_PAGES pages takes 1-7 ms, all a key typed
 * meanwhile waits; after a cold refresh of 10,000 articles the merging
 * takes about 0.3 s in 180 steps.
 */
static void
merge_step(struct ui *u)
{
	char *cause = NULL;
	int r;

	if (!u->fts_merge || u->refresh != NULL)
		return;
	r = store_fts_merge_step(u->st, FTS_MERGE_PAGES, &cause);
	if (r <= 0)
		u->fts_merge = 0;
	if (r < 0) {
		/* searches still work, only slower: say so once */
		ui_message(u, 1, "merging the search index: %s", cause);
		free(cause);
	}
}

static int
wait_ms(const struct ui *u)
{
	int64_t now = ui_now_ms(), until = u->next_dv_ms;

	if ((u->list.count_stale && !u->list.count_asked) ||
	    (!u->list.pos_known && u->list.n > 0 && !u->list.pos_asked))
		return 0;
	if (u->fts_merge && u->refresh == NULL)
		return 0;

	if ((u->reload_list || u->reload_counts) && u->counts_due_ms < until)
		until = u->counts_due_ms;
	if (u->msg != NULL && u->msg_until_ms > 0 && u->msg_until_ms < until)
		until = u->msg_until_ms;
	if (u->next_auto_ms > 0 && u->next_auto_ms < until)
		until = u->next_auto_ms;
	if (u->refresh != NULL && now + REFRESH_TICK_MS < until)
		until = now + REFRESH_TICK_MS;
	return until <= now ? 0 : (int)(until - now);
}

static void
read_keys(struct ui *u)
{
	int key;

	while (!u->quit && (key = read_key(u)) >= 0) {
		if (key == 0)
			continue;
		ui_handle_key(u, key);
	}
}

/* What the loop waits on: the terminal, the signal pipe, the counter. */
static unsigned
wait_fds(const struct ui *u, struct fetch_waitfd *fds)
{
	unsigned n = 0;

	fds[n].fd = STDIN_FILENO;
	fds[n++].events = POLLIN;
	fds[n].fd = sig_pipe[0];
	fds[n++].events = POLLIN;
	if (u->counter != NULL) {
		fds[n].fd = counter_fd(u->counter);
		fds[n++].events = POLLIN;
	}
	for (unsigned i = 0; i < n; i++)
		fds[i].revents = 0;
	return n;
}

/* Waits for any of fds (with the refresh's transfers when one runs). */
static int
wait_any(struct ui *u, struct fetch_waitfd *fds, unsigned n, int timeout)
{
	struct pollfd p[3];

	if (u->refresh != NULL) {
		if (!refresh_step(u->refresh, timeout, fds, n))
			ui_refresh_finish(u);
		u->dirty = 1;
		return 0;
	}
	for (unsigned i = 0; i < n; i++) {
		p[i].fd = fds[i].fd;
		p[i].events = fds[i].events;
		p[i].revents = 0;
	}
	if (poll(p, n, timeout) < 0 && errno != EINTR)
		return -1;
	for (unsigned i = 0; i < n; i++)
		fds[i].revents = p[i].revents;
	return 0;
}

static void
run_loop(struct ui *u)
{
	while (!u->quit) {
		struct fetch_waitfd fds[3];
		unsigned n;

		if (u->dirty)
			ui_draw_all(u);
		n = wait_fds(u, fds);
		if (wait_any(u, fds, n, wait_ms(u)) < 0)
			break;
		if (fds[1].revents || sig_winch || sig_quit)
			drain_signals(u);
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* the terminal went away (ssh dropped) */
			u->quit = 1;
			break;
		}
		if (fds[0].revents & POLLIN)
			read_keys(u);
		if (n > 2 && fds[2].revents)
			take_counts(u);
		if (!reload_if_due(u) && !(fds[0].revents & POLLIN))
			merge_step(u);
	}
}

/* ---------- test hooks ---------- */

static void
parse_script(struct ui *u, const char *s)
{
	const char *p = s;

	while (*p) {
		size_t n, reps = 1;
		const char *star;
		int key;

		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n == 0)
			break;
		star = memchr(p, '*', n);
		if (star != NULL && star > p) {
			reps = (size_t)strtoul(star + 1, NULL, 10);
			if (ui_key_parse(p, (size_t)(star - p), &key) < 0)
				key = 0;
		} else if (ui_key_parse(p, n, &key) < 0) {
			key = 0;
		}
		for (size_t i = 0; key != 0 && i < reps && i < 100000; i++) {
			u->script = xreallocarray(u->script, u->nscript + 1,
			    sizeof *u->script);
			u->script[u->nscript++] = key;
		}
		p += n;
	}
}

/*
 * The key script of the benchmark hook: each key is timed from its
 * dispatch to the screen showing the answer; the work left for the pause
 * after it (counts, position) is timed apart, step by step.
 */
/* Does the idle work as if the keys paused, until nothing is left. */
static void
settle(struct ui *u)
{
	u->counts_due_ms = 0;
	for (;;) {
		double s0 = now_exact_ms(), dt;
		int did = idle_step(u);

		dt = now_exact_ms() - s0;
		if (u->counter == NULL && dt > u->slowest_idle_ms)
			u->slowest_idle_ms = dt;
		if (did)
			continue;
		if (u->counter == NULL || counter_idle(u->counter))
			break;
		{
			struct pollfd p = { counter_fd(u->counter), POLLIN, 0 };

			poll(&p, 1, 1000);
		}
		take_counts(u);
	}
	if (u->dirty)
		ui_draw_all(u);
}

/*
 * The key script of the benchmark hook: each key is timed from its
 * dispatch to the screen showing the answer; the counting it leaves for
 * the pause after it is timed apart (in the counting thread, per job).
 */
static void
run_script(struct ui *u)
{
	for (size_t i = 0; i < u->nscript && !u->quit; i++) {
		double t0 = now_exact_ms(), dt;

		ui_handle_key(u, u->script[i]);
		if (u->dirty)
			ui_draw_all(u);
		dt = now_exact_ms() - t0;
		if (dt > u->slowest_key_ms) {
			u->slowest_key_ms = dt;
			u->slowest_key = u->script[i];
		}
		if (dt > SLOW_KEY_MS) {
			char name[32];

			str_appendf(&u->slow_keys, " #%zu:%s:%.1f", i + 1,
			    ui_key_name(u->script[i], name, sizeof name), dt);
		}
		settle(u);
	}
	u->quit = 1;
}

static void
write_report(const struct ui *u)
{
	FILE *f;
	char name[32];

	if (u->report_path == NULL)
		return;
	f = fopen(u->report_path, "w");
	if (f == NULL)
		return;
	fprintf(f, "first_screen_ms %.2f\n", u->first_draw_ms);
	fprintf(f, "keys %zu\n", u->nscript);
	fprintf(f, "slowest_key_ms %.2f\n", u->slowest_key_ms);
	fprintf(f, "slowest_key %s\n", u->slowest_key ?
	    ui_key_name(u->slowest_key, name, sizeof name) : "-");
	fprintf(f, "slowest_idle_step_ms %.2f\n", u->slowest_idle_ms);
	fprintf(f, "keys_over_%dms%s\n", SLOW_KEY_MS, str_cstr(&u->slow_keys));
	fprintf(f, "list_total %" PRId64 "\n", u->list.total);
	fprintf(f, "list_position %" PRId64 "\n", u->list.top_pos +
	    (int64_t)u->list.sel + 1);
	fclose(f);
}

/* ---------- start and stop ---------- */

static void
pick_start_view(struct ui *u)
{
	const char *want = u->cfg->ui.start_view ? u->cfg->ui.start_view : "all";
	const struct config_view *v;

	if (strcmp(want, "unread") == 0) {
		list_set_view(u, SB_VIEW, "unread", "Unread", "unread");
		return;
	}
	if (strcmp(want, "starred") == 0) {
		list_set_view(u, SB_VIEW, "starred", "Starred", "starred");
		return;
	}
	v = config_view_find(u->cfg, want);
	if (v != NULL && list_set_view(u, SB_VIEW, v->key,
	    v->label ? v->label : v->key, v->query ? v->query : "") == 0)
		return;
	if (strcmp(want, "all") != 0 && v == NULL) {
		struct strv names = STRV_INIT;
		const char *near;

		strv_pushdup(&names, "all");
		strv_pushdup(&names, "unread");
		strv_pushdup(&names, "starred");
		for (size_t i = 0; i < u->cfg->nviews; i++)
			strv_pushdup(&names, u->cfg->views[i].key);
		near = suggest_closest(want, (const char *const *)names.v,
		    names.n);
		if (near != NULL)
			ui_message(u, 1, "[ui] start_view = %s: no such view; did "
			    "you mean '%s'? Showing All", want, near);
		else
			ui_message(u, 1, "[ui] start_view = %s: no such view "
			    "(all, unread, starred or a [view:NAME]); showing "
			    "All", want);
		strv_free(&names);
	}
	list_set_view(u, SB_VIEW, "all", "All", "");
}

static void
ui_free(struct ui *u)
{
	if (u->refresh != NULL)
		refresh_free(u->refresh);
	reader_close(&u->rd);
	list_free(&u->list);
	sidebar_free(&u->sb);
	ui_prompt_end(&u->prompt, 0);
	for (int i = 0; i < PK_COUNT; i++)
		strv_free(&u->history[i]);
	counter_free(u->counter);
	ui_keymap_free(u->km);
	free(u->msg);
	msglog_free(&u->log);
	undo_free(&u->undo);
	free(u->script);
	str_free(&u->slow_keys);
	store_close(u->st);
	config_free(u->cfg);
	ui_screen_free();
}


static int
open_everything(struct ui *u, const struct ui_options *o,
    struct ui_demo **demo, char **cause)
{
	const char *config_path = o->config_path;
	char *cache = NULL, *why = NULL;

	if (o->demo) {
		*demo = ui_demo_new(cause);
		if (*demo == NULL)
			return -1;
		config_path = ui_demo_config_path(*demo);
	}
	u->cfg = config_load_default(config_path, cause);
	if (u->cfg == NULL)
		return -1;
	/* what the commands only warn about, the interface cannot run with */
	if (u->cfg->ui_errors.n > 0) {
		*cause = strv_join(&u->cfg->ui_errors, "\n");
		return -1;
	}
	u->env.cfg = u->cfg;
	u->km = ui_keymap_new(u->cfg, cause);
	if (u->km == NULL)
		return -1;
	if (ui_theme_load(&u->theme, u->cfg->ui.theme, &why) < 0) {
		const char *home = getenv("HOME");
		size_t hl = home ? strlen(home) : 0;

		/* the path as people write it: ~/.config/... */
		if (hl > 1 && strncmp(why, home, hl) == 0 && why[hl] == '/')
			ui_message(u, 1, "default theme used: ~%s", why + hl);
		else
			ui_message(u, 1, "default theme used: %s", why);
		free(why);
		why = NULL;
	}
	if (*demo != NULL)
		cache = xstrdup(ui_demo_cache_path(*demo));
	else if (o->cache_path != NULL)
		cache = xstrdup(o->cache_path);
	else
		cache = config_cache_path(u->cfg);
	if (cache == NULL) {
		*cause = xstrdup("no cache path: set HOME or --cache");
		return -1;
	}
	/* parents only for the XDG default: a mistyped path makes nothing */
	if (store_make_cache_dir(cache, *demo != NULL || (o->cache_path == NULL &&
	    u->cfg->general.cache_path == NULL), cause) < 0) {
		free(cache);
		return -1;
	}
	u->st = store_open(cache, cause);
	if (u->st == NULL) {
		free(cache);
		return -1;
	}
	if (*demo != NULL && ui_demo_load(*demo, u->cfg, u->st, cause) < 0) {
		free(cache);
		return -1;
	}
	/* counting in a thread of its own; without it, in the loop */
	u->counter = getenv("SITREP_UI_NO_THREAD") &&
	    getenv("SITREP_UI_NO_THREAD")[0] != '\0' ? NULL :
	    counter_new(cache, u->cfg, &why);
	free(why);
	free(cache);
	return 0;
}

static void
read_hooks(struct ui *u)
{
	const char *s;

	u->exit_after_draw = (s = getenv("SITREP_UI_EXIT_AFTER_DRAW")) != NULL &&
	    s[0] == '1';
	if ((s = getenv("SITREP_UI_KEYS")) != NULL)
		parse_script(u, s);
	if ((s = getenv("SITREP_UI_REPORT")) != NULL && s[0] != '\0')
		u->report_path = xstrdup(s);
}

/* The first screen waits this long at most for the counting thread. */
#define FIRST_SCREEN_WAIT_MS 25

/*
 * The first screen: the counting thread starts on the sidebar at once;
 * meanwhile this thread reads the list's first page.  What is not counted
 * when FIRST_SCREEN_WAIT_MS have passed shows up a moment later.
 */
static void
first_screen(struct ui *u, double t0)
{
	int layout = ui_layout_parse(u->cfg->ui.layout ? u->cfg->ui.layout :
	    "auto");

	u->layout_kind = layout >= 0 ? (enum ui_layout_kind)layout :
	    UI_LAYOUT_AUTO;
	u->focus = UI_PANE_LIST;
	u->data_version = store_data_version(u->st);
	u->next_dv_ms = ui_now_ms() + DATA_VERSION_POLL_MS;
	/* what a cron refresh left unmerged, once the screen is up */
	u->fts_merge = 1;
	if (u->counter != NULL)
		counter_ask(u->counter, COUNTER_SIDEBAR, ++u->sb_gen, NULL, NULL);
	ui_compute_layout(u);
	pick_start_view(u);
	if (u->counter == NULL) {
		list_count(u);
		list_fix_position(u);
		sidebar_build(u, 1);
		sidebar_follow_view(u);
		ui_draw_all(u);
		return;
	}
	sidebar_build(u, 0);
	sidebar_follow_view(u);
	while (idle_step(u))
		;
	while (!counter_idle(u->counter)) {
		int left = (int)(FIRST_SCREEN_WAIT_MS - (now_exact_ms() - t0));
		struct pollfd p = { counter_fd(u->counter), POLLIN, 0 };

		if (left <= 0 || poll(&p, 1, left) <= 0)
			break;
		take_counts(u);
		while (idle_step(u))
			;
	}
	sidebar_follow_view(u);
	ui_draw_all(u);
}

int
ui_run(const struct ui_options *o)
{
	struct ui u;
	struct ui_demo *demo = NULL;
	char *cause = NULL;
	double t0 = now_exact_ms();
	int rc = 2;

	memset(&u, 0, sizeof u);
	u.fit = ui_locale_is_utf8() ? 0 : UI_FIT_ASCII;
	read_hooks(&u);
	{
		/*
		 * The memory SQLite keeps, all connections together: the
		 * interface reads screenfuls, and a count streams through pages
		 * it need not keep (20 MB RSS on a 100k-article cache; the
		 * kernel's page cache keeps re-reads fast).
		 */
		const char *h = getenv("SITREP_UI_HEAP_KIB");
		long kib = h != NULL && atol(h) > 0 ? atol(h) : UI_SQLITE_HEAP_KIB;

		sqlite3_soft_heap_limit64((sqlite3_int64)kib * 1024);
	}
	/* the config first: its mistakes are worth reporting anywhere */
	if (open_everything(&u, o, &demo, &cause) < 0)
		goto out;
	if (!u.exit_after_draw && u.nscript == 0 &&
	    (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		cause = xstrdup("the interface needs a terminal; the commands "
		    "(sitrep --help) work without one");
		goto out;
	}
	if (u.cfg->warnings.n > 0) {
		/* printing now would vanish under the screen: the log keeps all */
		char key[32];

		for (size_t i = u.cfg->warnings.n; i-- > 1;)
			msglog_add(&u.log, 1, u.cfg->warnings.v[i]);
		ui_key_for(&u, UI_ACT_MESSAGES, key, sizeof key);
		if (u.cfg->warnings.n > 1)
			ui_message(&u, 1, "config: %s (and %zu more: %s lists them)",
			    u.cfg->warnings.v[0], u.cfg->warnings.n - 1, key);
		else
			ui_message(&u, 1, "config: %s", u.cfg->warnings.v[0]);
	}
	if (signals_start(&cause) < 0)
		goto out;
	atexit(curses_atexit);
	if (curses_start(&u, &cause) < 0)
		goto out;
	first_screen(&u, t0);
	u.first_draw_ms = now_exact_ms() - t0;
	if (u.exit_after_draw)
		u.quit = 1;
	else if (u.nscript > 0)
		run_script(&u);
	else if (u.cfg->ui.auto_refresh && demo == NULL)
		ui_refresh_start(&u, 0, NULL, 0, 0);
	ui_refresh_schedule(&u);
	run_loop(&u);
	rc = 0;
out:
	curses_stop();
	signals_stop();
	if (cause != NULL) {
		char *clean = text_sanitize(cause, strlen(cause));

		/* every line of it, each as "sitrep: ..." */
		for (char *line = clean, *nl; line != NULL && *line != '\0';
		    line = nl != NULL ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			fprintf(stderr, "sitrep: %.*s\n", nl != NULL ?
			    (int)(nl - line) : (int)strlen(line), line);
		}
		free(clean);
		free(cause);
	}
	write_report(&u);
	free(u.report_path);
	ui_free(&u);
	ui_demo_free(demo);
	return rc;
}
