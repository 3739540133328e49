/*
 * diag.h - status codes and located diagnostics.
 *
 * Every fallible function takes a caller-owned `struct diag` and fills it on
 * failure; there is no global error state. A diag holds no heap memory.
 */
#ifndef LLMTCO_DIAG_H
#define LLMTCO_DIAG_H

#include <stdarg.h>
#include <stddef.h>

enum status {
	ST_OK = 0,
	ST_INPUT = 2,   /* usage or input error: exit code 2 */
	ST_IO = 3,      /* runtime error (I/O, memory): exit code 3 */
};

/* A place in an input file: name, 1-based line and column. */
struct loc {
	const char *file;
	unsigned line, col;
};

struct diag {
	enum status code;
	char file[256]; /* place of the error: a file name, or a flag such as "--set" */
	unsigned line, col; /* 1-based; 0 when the place is not in a file */
	char msg[512];
};

/* Sets `d` to `code` at file:line:col with a printf-style message and returns
 * `code`. `file` may be NULL (no place). `d` may be NULL (the call then only
 * returns `code`). */
enum status diag_set(struct diag *d, enum status code, const char *file, unsigned line,
		     unsigned col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Formats `d` as "FILE:LINE:COLUMN: message" (or "FILE: message", or just the
 * message) into buf. Always NUL-terminates. */
void diag_format(const struct diag *d, char *buf, unsigned long size);

/* The 1-based line and column of byte `pos` of `text` (counted up to a
 * NUL, if one comes first): where a parser that stopped there points. */
void diag_place(const char *text, size_t pos, unsigned *line, unsigned *col);

#endif
