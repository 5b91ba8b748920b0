/*
 * libFuzzer target for config loading (F1, SECURITY.md I1): any file gives a
 * config or a message, never a crash (iniparser 4.1 itself included; the
 * CVE-2023-33461 shape is in the seeds).  Every line of the message and
 * every warning is valid UTF-8 without a control character, whatever bytes
 * the file quoted into it (T3: they reach the terminal), and every string
 * the config keeps is valid UTF-8.  The bytes are written to a private
 * temporary file because iniparser only reads files.
 *
 *   make fuzz FUZZ=config
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

/* Lines fit for a terminal: UTF-8, no control byte but the newlines. */
static void
check_message(const char *m)
{
	check(utf8_valid(m, strlen(m)));
	for (const unsigned char *p = (const unsigned char *)m; *p; p++)
		check(*p >= 0x20 || *p == '\n' || *p == '\t');
	check(strstr(m, "\xC2\x9B") == NULL);
}

static void
check_text(const char *s)
{
	if (s != NULL)
		check(utf8_valid(s, strlen(s)));
}

static void
check_config(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->warnings.n; i++) {
		check_message(cfg->warnings.v[i]);
		check(strchr(cfg->warnings.v[i], '\n') == NULL);
	}
	for (size_t i = 0; i < cfg->nfeeds; i++) {
		check_text(cfg->feeds[i].key);
		check_text(cfg->feeds[i].url);
		check_text(cfg->feeds[i].title);
	}
	for (size_t i = 0; i < cfg->nviews; i++) {
		check_text(cfg->views[i].key);
		check_text(cfg->views[i].query);
	}
	for (size_t i = 0; i < cfg->ntopics; i++)
		check_text(cfg->topics[i].key);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/sitrep-fuzz-config.XXXXXX";
	int fd = mkstemp(path);
	struct config *cfg;
	char *cause = NULL;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	cfg = config_load(path, &cause);
	check(cfg != NULL || cause != NULL);
	if (cause != NULL)
		check_message(cause);
	if (cfg != NULL)
		check_config(cfg);
	config_free(cfg);
	free(cause);
	unlink(path);
	return 0;
}
