/*
 * ui_demo: `sitrep --demo`: a throwaway directory (mkdtemp under $TMPDIR)
 * with a config and copies of the sample feeds in demo/ (dates made
 * relative to now), a cache filled from them through the normal refresh
 * (file:// URLs, no network), removed again at exit.  Private to src/ui/.
 */
#ifndef SITREP_UI_DEMO_H
#define SITREP_UI_DEMO_H

#include "config.h"
#include "store.h"

struct ui_demo;

/* Returns owned, or NULL with *cause. */
struct ui_demo *ui_demo_new(char **cause);
/* Return borrowed, valid until ui_demo_free. */
const char *ui_demo_config_path(const struct ui_demo *d);
const char *ui_demo_cache_path(const struct ui_demo *d);
/* Fetches the sample feeds into st.  Returns 0, or -1 with *cause. */
int ui_demo_load(struct ui_demo *d, const struct config *cfg,
    struct store *st, char **cause);
/* Removes the directory and everything in it; NULL is fine. */
void ui_demo_free(struct ui_demo *d);

#endif
