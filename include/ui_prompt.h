/*
 * ui_prompt: the one-line editor at the bottom of the screen (filters,
 * searches, tags, confirmations): editing keys, history and Tab completion.
 * The editing is plain state (no curses) so it is unit-tested; ui.c draws it.
 *
 * Keys: printable characters insert; Left/C-b, Right/C-f, Home/C-a,
 * End/C-e move; Backspace, Delete/C-d, C-w (word), C-u (to the start),
 * C-k (to the end) delete; Up/Down walk the history; Tab completes the word
 * before the cursor from the candidates (again: the next match); Enter
 * accepts; Esc or C-g cancels.
 *
 * The initial text may be selected (ui_prompt_select_all), as a browser's
 * address bar does with its URL: the first printable key replaces it,
 * Backspace or Delete (and C-w, C-u, C-k) clears it, any other key keeps
 * it and goes on from there (End, arrows, Tab: appending).
 */
#ifndef SITREP_UI_PROMPT_H
#define SITREP_UI_PROMPT_H

#include <stddef.h>

#include "str.h"

enum ui_prompt_result {
	UI_PROMPT_EDITING,
	UI_PROMPT_ACCEPT,
	UI_PROMPT_CANCEL
};

struct ui_prompt {
	int active;
	int kind;              /* what the answer is for: the caller's enum */
	char *label;           /* owned: "filter: " */
	struct str buf;        /* the text being edited */
	size_t cur;            /* cursor: a byte offset into buf */
	struct strv cands;     /* completion candidates (owned copies) */
	struct strv matches;   /* the last Tab's matches */
	size_t match_i;        /* which match is shown while cycling */
	size_t word_start;     /* where the completed word starts */
	int cycling;           /* the last key was a Tab that cycles */
	int selected;          /* the whole text is selected */
	struct strv *history;  /* borrowed: this kind's history, or NULL */
	size_t hist_i;         /* history->n when not walking it */
	char *saved;           /* owned: the line before walking the history */
};

/* Starts editing: label and initial text (may be NULL) are copied. */
void ui_prompt_start(struct ui_prompt *p, int kind, const char *label,
    const char *initial, struct strv *history);
/* Selects the whole text (when there is some): typing replaces it. */
void ui_prompt_select_all(struct ui_prompt *p);
/* Copies the candidates Tab completes from (case-insensitive prefixes). */
void ui_prompt_set_candidates(struct ui_prompt *p, const char *const *v,
    size_t n);
/* Handles one key (as in ui_keymap.h). */
enum ui_prompt_result ui_prompt_key(struct ui_prompt *p, int key);
/* Returns borrowed: the text (valid until the next key or end). */
const char *ui_prompt_text(const struct ui_prompt *p);
/* Adds the accepted text to the history and stops editing; frees. */
void ui_prompt_end(struct ui_prompt *p, int remember);

/*
 * For drawing in width columns (after the label): the byte offset of the
 * first byte shown and the cursor's column relative to it.
 */
void ui_prompt_view(const struct ui_prompt *p, size_t width, size_t *first,
    size_t *cursor_col);

#endif
