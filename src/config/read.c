/*
 * read: the file's sections in order, each key checked against its
 * section kind's table (keys.c) and stored by its type (values.c).
 * Unknown sections and keys are warnings with a "did you mean"; bad values
 * are errors that name the section, the key and the value.
 *
 * iniparser_getnsec()/getsecname() count only names without ':', so they
 * never see [feed:bbc].  Sections are therefore found by walking the
 * dictionary (its struct is public in dictionary.h): a section is an entry
 * whose value is NULL, and entries keep file order.  Keys before any
 * section are stored as ":key".
 *
 * Apart from the tables (keys.c) and the types (values.c): this is the
 * walk over a file, the same for every section kind, and the only place
 * that decides what is an error and what a warning.
 */
#include "config_int.h"

#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "text.h"
#include "xalloc.h"

static int
kind_is_prefix(const struct section_kind *kind)
{
	size_t n = strlen(kind->name);

	return n > 0 && kind->name[n - 1] == ':';
}

/* Returns borrowed: the kind of section name, with *arg after its prefix. */
static const struct section_kind *
kind_find(const char *name, const char **arg)
{
	const struct section_kind *kind;
	size_t i, n;

	for (i = 0; i < config_nsections; i++) {
		kind = &config_sections[i];
		n = strlen(kind->name);
		if (kind_is_prefix(kind) ? strncmp(name, kind->name, n) == 0 :
		    strcmp(name, kind->name) == 0) {
			*arg = name + n;
			return kind;
		}
	}
	return NULL;
}

/* Returns owned: "[feed:bbc]" for "[feed : bbc]", or NULL. */
static char *
section_unspaced(const char *name)
{
	struct str compact = STR_INIT;
	const char *arg;
	size_t i;

	for (i = 0; name[i] != '\0'; i++)
		if (name[i] != ' ' && name[i] != '\t')
			str_appendc(&compact, name[i]);
	if (compact.len > 0 && strcmp(compact.p, name) != 0 &&
	    kind_find(compact.p, &arg) != NULL)
		return str_steal(&compact);
	str_free(&compact);
	return NULL;
}

/* Returns owned: the section name meant by an unknown one, or NULL. */
static char *
section_suggest(const char *name)
{
	const char *names[16], *colon, *hit;
	char *head, *out = NULL;
	size_t i, n = 0;

	if ((out = section_unspaced(name)) != NULL)
		return out;
	colon = strchr(name, ':');
	for (i = 0; i < config_nsections && n < NELEM(names); i++)
		if (kind_is_prefix(&config_sections[i]) == (colon != NULL))
			names[n++] = config_sections[i].name;
	if (colon != NULL) {
		/* "[fed:bbc]": compare "fed:" with the prefixes. */
		head = xstrndup(name, (size_t)(colon - name) + 1);
		if (n > 0 && (hit = suggest_closest(head, names, n)) != NULL)
			out = xasprintf("%s%s", hit, colon + 1);
		free(head);
		return out;
	}
	if (n > 0 && (hit = suggest_closest(name, names, n)) != NULL)
		return xstrdup(hit);
	/* "[feed]": the prefix without its name. */
	for (i = 0; i < config_nsections; i++) {
		n = strlen(config_sections[i].name);
		if (kind_is_prefix(&config_sections[i]) &&
		    strlen(name) + 1 == n &&
		    strncmp(name, config_sections[i].name, n - 1) == 0)
			return xstrdup(config_sections[i].example);
	}
	return NULL;
}

static void
section_unknown(struct load *ld, const char *name)
{
	struct str msg = STR_INIT;
	char *shown = value_show(name), *meant;

	str_appendf(&msg, "unknown section [%s]", shown);
	if ((meant = section_suggest(name)) != NULL) {
		char *m = value_show(meant);

		str_appendf(&msg, " — did you mean [%s]?", m);
		free(m);
		free(meant);
	}
	ini_collision_note(ld, &msg, name);
	load_warn(ld, "%s", str_cstr(&msg));
	str_free(&msg);
	free(shown);
}

/* Warns about key of [section]: a typo, or a key of another section. */
static void
key_unknown(struct load *ld, const struct section_kind *kind,
    const char *section, const char *key)
{
	const char *meant = ckey_suggest(kind->keys, key);
	char *s = value_show(section), *k = value_show(key);
	size_t i;

	if (meant != NULL) {
		load_warn(ld, "[%s] unknown key '%s' — did you mean '%s'?",
		    s, k, meant);
		goto out;
	}
	for (i = 0; i < config_nsections; i++) {
		if (&config_sections[i] != kind &&
		    ckey_find(config_sections[i].keys, key) != NULL) {
			load_warn(ld, "[%s] unknown key '%s' — it belongs in [%s]",
			    s, k, config_sections[i].example);
			goto out;
		}
	}
	load_warn(ld, "[%s] unknown key '%s'", s, k);
out:
	free(s);
	free(k);
}

/*
 * Checks key = val of section and stores it in obj.  Returns borrowed: the
 * key's row, or NULL when the key is unknown.
 */
static const struct ckey *
key_read(struct load *ld, const struct section_kind *kind,
    const char *section, const char *key, const char *val, void *obj)
{
	const struct ckey *k = ckey_find(kind->keys, key);
	char *s, *why, *v;

	if (k == NULL) {
		key_unknown(ld, kind, section, key);
		return NULL;
	}
	s = value_show(section);
	if (value_blank(val)) {
		/* "key =" (or only spaces) keeps the default, unless none. */
		if (k->required) {
			/* a text's own help says more than "text" */
			why = k->type == CK_STRING ?
			    xasprintf("expected %s", k->help) : ckey_expected(k);
			load_error(ld, "[%s] %s is empty: %s", s, k->name, why);
			free(why);
		}
	} else if (!utf8_valid(val, strlen(val))) {
		v = value_show(val);
		load_error(ld, "[%s] %s = '%s': not UTF-8 text; save the file "
		    "as UTF-8", s, k->name, v);
		free(v);
	} else if ((why = ckey_set(k, obj, val)) != NULL) {
		v = value_show(val);
		if (strcmp(kind->name, "ui") == 0)
			load_ui_error(ld, "[%s] %s = '%s': %s", s, k->name, v,
			    why);
		else
			load_error(ld, "[%s] %s = '%s': %s", s, k->name, v, why);
		free(v);
		free(why);
	}
	free(s);
	return k;
}

/* Reports the required keys of kind that are not among seen. */
static void
keys_required(struct load *ld, const struct section_kind *kind,
    const char *section, uint64_t seen)
{
	const struct ckey_table *t = kind->keys;
	char *s = value_show(section), *why;
	size_t idx;

	for (idx = 0; idx < t->n; idx++) {
		if (t->v[idx].required && !(seen & ((uint64_t)1 << idx))) {
			why = ckey_expected(&t->v[idx]);
			load_error(ld, "[%s] has no %s, which every [%s] needs: %s",
			    s, t->v[idx].name, kind->example, why);
			free(why);
		}
	}
	free(s);
}

/*
 * Reads the keys of section into obj by kind's table.  check_required is 0
 * when the section's name was already refused: "has no url" would be noise.
 */
static void
section_read_keys(struct load *ld, const struct section_kind *kind,
    const char *section, void *obj, int check_required)
{
	const char **keys = NULL, *val;
	const struct ckey *k;
	size_t skip = strlen(section) + 1;
	uint64_t seen = 0;
	int i, n;

	n = iniparser_getsecnkeys(ld->ini, section);
	if (n > 0) {
		keys = xcalloc((size_t)n, sizeof *keys);
		if (iniparser_getseckeys(ld->ini, section, keys) == NULL)
			n = 0;
	}
	for (i = 0; i < n; i++) {
		/* NULL: a section named like this key, reported on its own. */
		if ((val = ini_value(ld->ini, keys[i])) == NULL)
			continue;
		if (kind->any_key != NULL) {
			kind->any_key(ld, keys[i] + skip, val);
			continue;
		}
		k = key_read(ld, kind, section, keys[i] + skip, val, obj);
		if (k != NULL)
			seen |= (uint64_t)1 << (k - kind->keys->v);
	}
	if (check_required && kind->keys != NULL)
		keys_required(ld, kind, section, seen);
	free(keys);
}

static void
section_read(struct load *ld, const char *name)
{
	const struct section_kind *kind;
	const char *arg;
	size_t nerrors = ld->errors.n;
	void *obj;

	if ((kind = kind_find(name, &arg)) == NULL) {
		section_unknown(ld, name);
		return;
	}
	obj = section_object(ld, kind, name, arg);
	section_read_keys(ld, kind, name, obj, ld->errors.n == nerrors);
}

void
read_sections(struct load *ld)
{
	const dictionary *ini = ld->ini;
	char *k;
	ssize_t i;

	for (i = 0; i < ini->size; i++) {
		if (ini->key[i] == NULL)
			continue;
		if (ini->val[i] == NULL) {
			section_read(ld, ini->key[i]);
		} else if (ini->key[i][0] == ':') {
			k = value_show(ini->key[i] + 1);
			load_warn(ld, "key '%s' is outside any section", k);
			free(k);
		}
	}
}
