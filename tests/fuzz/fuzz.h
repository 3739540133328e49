/*
 * fuzz.h - what the libFuzzer harnesses share: the input as a
 * NUL-terminated string, and a hard stop when a property breaks.
 */
#ifndef LLMTCO_FUZZ_H
#define LLMTCO_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (the loaders take text); NULL when
 * out of memory. The caller frees it. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *t = malloc(size + 1);

	if (t) {
		memcpy(t, data, size);
		t[size] = '\0';
	}
	return t;
}

/* Aborts with `what` when a property the harness checks does not hold, so
 * libFuzzer keeps the input as a crash. */
#define FUZZ_REQUIRE(cond, what)                                                          \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "property failed: %s\n", what);                   \
			abort();                                                          \
		}                                                                         \
	} while (0)

#endif
