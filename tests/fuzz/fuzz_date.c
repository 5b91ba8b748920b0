/*
 * libFuzzer target for date parsing (F1): any string gives DATE_UNKNOWN or
 * a time that formats back to a well-formed RFC 3339 string which parses to
 * the same time.
 *
 *   make fuzz FUZZ=date
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	char buf[DATE_RFC3339_SIZE];
	int64_t t = date_parse(s);

	if (t != DATE_UNKNOWN) {
		date_format_rfc3339(t, buf);
		if (strlen(buf) != DATE_RFC3339_SIZE - 1 ||
		    date_parse(buf) != t)
			abort();
	}
	free(s);
	return 0;
}
