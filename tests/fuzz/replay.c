/*
 * Runs a libFuzzer target over files, without libFuzzer: every corpus in
 * tests/fuzz/corpus_NAME (seeds and the crashes fuzzing once found) is
 * replayed by `make test` and `make asan`, so a fixed crash stays fixed.
 *
 *   fuzz_NAME FILE...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		struct str buf = STR_INIT;
		char chunk[65536];
		size_t n;

		if (f == NULL) {
			perror(argv[i]);
			return 2;
		}
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			str_append(&buf, chunk, n);
		fclose(f);
		LLVMFuzzerTestOneInput((const uint8_t *)str_cstr(&buf), buf.len);
		str_free(&buf);
	}
	printf("replayed %d inputs\n", argc - 1);
	return 0;
}
