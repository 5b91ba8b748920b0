/*
 * sections: what each kind of section fills.  [general] and [ui] fill an
 * object of struct config in place; each [feed:KEY], [topic:KEY] and
 * [view:KEY] adds an object to its list, with KEY checked and the key
 * table's defaults; [keys] adds one binding per line.
 *
 * Apart from keys.c because the tables point here (add functions), and
 * apart from read.c because read.c reads the tables: each file only calls
 * the ones below it.
 */
#include "config_int.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

void *
sections_add_feed(struct load *ld)
{
	struct config *cfg = ld->cfg;

	cfg->feeds = xgrow(cfg->feeds, cfg->nfeeds, &ld->feeds_cap,
	    sizeof *cfg->feeds);
	return memset(&cfg->feeds[cfg->nfeeds++], 0, sizeof *cfg->feeds);
}

void *
sections_add_topic(struct load *ld)
{
	struct config *cfg = ld->cfg;

	cfg->topics = xgrow(cfg->topics, cfg->ntopics, &ld->topics_cap,
	    sizeof *cfg->topics);
	return memset(&cfg->topics[cfg->ntopics++], 0, sizeof *cfg->topics);
}

void *
sections_add_view(struct load *ld)
{
	struct config *cfg = ld->cfg;

	cfg->views = xgrow(cfg->views, cfg->nviews, &ld->views_cap,
	    sizeof *cfg->views);
	return memset(&cfg->views[cfg->nviews++], 0, sizeof *cfg->views);
}

/* [keys] action = keys: checked later by the interface, which knows them. */
void
sections_add_binding(struct load *ld, const char *key, const char *val)
{
	struct config *cfg = ld->cfg;
	struct config_binding *b;

	if (value_has_control(val) || !utf8_valid(val, strlen(val))) {
		char *v = value_show(val);

		load_ui_error(ld, "[keys] %s = '%s': expected key names such as j, "
		    "Down, C-d, F5", key, v);
		free(v);
		return;
	}
	cfg->bindings = xgrow(cfg->bindings, cfg->nbindings, &ld->bindings_cap,
	    sizeof *cfg->bindings);
	b = &cfg->bindings[cfg->nbindings++];
	b->action = xstrdup(key);
	b->keys = xstrdup(val);
}

/* The KEY of [feed:KEY], [topic:KEY] and [view:KEY] is checked alike. */
static void
name_check(struct load *ld, const struct section_kind *kind,
    const char *section, const char *arg)
{
	struct str msg = STR_INIT;
	char *s, *a;

	if (value_name_ok(arg))
		return;
	s = value_show(section);
	a = value_show(arg);
	str_appendf(&msg, "[%s] bad %s name '%s': expected 1 to 64 of a-z, "
	    "0-9, '.', '_' and '-', starting with a letter or digit", s,
	    kind->what, a);
	ini_collision_note(ld, &msg, section);
	load_error(ld, "%s", str_cstr(&msg));
	str_free(&msg);
	free(s);
	free(a);
}

void *
section_object(struct load *ld, const struct section_kind *kind,
    const char *section, const char *arg)
{
	void *obj;

	if (kind->add == NULL)
		return (char *)ld->cfg + kind->object;
	name_check(ld, kind, section, arg);
	obj = kind->add(ld);
	*(char **)(void *)((char *)obj + kind->key_offset) = xstrdup(arg);
	ckeys_set_defaults(kind->keys, obj);
	return obj;
}
