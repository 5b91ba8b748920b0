/*
 * msglog: the messages of this session and the screen that shows them (M).
 * The message line holds one message for a few seconds and cuts it to the
 * screen's width; a refresh with five failures, or a config with three
 * warnings, says more than that.  The log keeps the last MSGLOG_MAX, each
 * with its time, and shows them newest first, wrapped, not cut.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"
#include "ui_int.h"
#include "xalloc.h"

void
msglog_add(struct msglog *log, int error, const char *text)
{
	struct msglog_entry *e;

	if (log->n == MSGLOG_MAX) {
		/* full: the oldest goes */
		free(log->v[log->head].text);
		log->head = (log->head + 1) % MSGLOG_MAX;
		log->n--;
	}
	e = &log->v[(log->head + log->n) % MSGLOG_MAX];
	e->when = (int64_t)time(NULL);
	e->error = error;
	/* config warnings come here straight: one clean line like the rest */
	e->text = text_oneline(text, strlen(text));
	log->n++;
}

void
msglog_free(struct msglog *log)
{
	for (size_t i = 0; i < log->n; i++)
		free(log->v[(log->head + i) % MSGLOG_MAX].text);
	memset(log, 0, sizeof *log);
}

/* The i-th newest entry (0: the last one). */
static const struct msglog_entry *
newest(const struct msglog *log, size_t i)
{
	return &log->v[(log->head + log->n - 1 - i) % MSGLOG_MAX];
}

/* Every entry as "HH:MM:SS  text", wrapped under its text's column. */
static void
log_lines(const struct ui *u, int width, struct strv *lines,
    struct strv *errors)
{
	for (size_t i = 0; i < u->log.n; i++) {
		const struct msglog_entry *e = newest(&u->log, i);
		time_t t = (time_t)e->when;
		struct tm lt;
		char stamp[16] = "";
		struct strv w = STRV_INIT;
		size_t tw = width > 20 ? (size_t)width - 11 : 10;

		if (localtime_r(&t, &lt) != NULL)
			strftime(stamp, sizeof stamp, "%H:%M:%S", &lt);
		text_wrap(&w, e->text, strlen(e->text), tw);
		for (size_t k = 0; k < w.n; k++) {
			strv_push(lines, xasprintf("%-8s  %s", k == 0 ? stamp : "",
			    w.v[k]));
			strv_pushdup(errors, e->error ? "1" : "");
		}
		strv_free(&w);
	}
}

void
msglog_draw(struct ui *u)
{
	int h = u->rows - 2, w = u->cols;
	struct strv lines = STRV_INIT, errors = STRV_INIT;
	char *title;

	if (h <= 0 || w <= 0)
		return;
	log_lines(u, w - 2, &lines, &errors);
	{
		/* the first row is the title */
		size_t room = (size_t)h - 1;
		size_t most = lines.n > room ? lines.n - room : 0;

		if (u->log.scroll > most)
			u->log.scroll = most;
	}
	for (int k = 0; k < h; k++)
		ui_draw_fill(k, 0, w, u->attr[UI_EL_NORMAL]);
	title = xasprintf("Messages, newest first: %zu (q, Esc or M closes; "
	    "j/k scroll)", u->log.n);
	ui_draw_text(u, 0, 1, w - 1, title, u->attr[UI_EL_HEADING], 0);
	free(title);
	if (lines.n == 0)
		ui_draw_text(u, 2, 1, w - 1, "No messages yet.",
		    u->attr[UI_EL_EMPTY], 0);
	for (int y = 1; y < h && u->log.scroll + (size_t)(y - 1) < lines.n;
	    y++) {
		size_t i = u->log.scroll + (size_t)(y - 1);

		ui_draw_text(u, y, 1, w - 1, lines.v[i], u->attr[errors.v[i][0] ?
		    UI_EL_ERROR : UI_EL_MESSAGE], 0);
	}
	strv_free(&lines);
	strv_free(&errors);
}

int
msglog_key(struct ui *u, int key)
{
	if (ui_keymap_lookup(u->km, key) == UI_ACT_QUIT)
		return 0;
	/* the lines' count only bounds G: drawing clamps the rest */
	ui_page_key(u, key, &u->log.scroll, u->log.n * 4, &u->log.open,
	    UI_ACT_MESSAGES);
	return 1;
}
