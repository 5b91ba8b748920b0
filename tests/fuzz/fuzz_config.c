/*
 * libFuzzer target for config loading (F1, SECURITY.md I1): any file gives a
 * config or a message, never a crash (iniparser 4.1 itself included; the
 * CVE-2023-33461 shape is in the seeds).  The bytes are written to a
 * private temporary file because iniparser only reads files.
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	if (cfg == NULL && cause == NULL)
		abort();
	config_free(cfg);
	free(cause);
	unlink(path);
	return 0;
}
