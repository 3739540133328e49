/*
 * grid.h - a table of text cells rendered as aligned columns, markdown or
 * CSV. Private to the report writers.
 */
#ifndef LLMTCO_GRID_H
#define LLMTCO_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "util/sbuf.h"

struct grid {
	const char *const *heads;
	const bool *right; /* per column; NULL: all left-aligned */
	size_t ncols;
	char **cells; /* row-major */
	double *nums; /* per cell: the number it shows (grid_number), else NAN */
	size_t n, cap;
	bool failed;
};

void grid_init(struct grid *g, const char *const *heads, const bool *right, size_t ncols);
void grid_release(struct grid *g);

/* Appends the next cell (row-major) as formatted text; its number is
 * NAN. */
void grid_cell(struct grid *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends the next cell: `text` showing the number `v` (NAN: none), which
 * sorting and JSON use instead of reading the text back. */
void grid_number(struct grid *g, const char *text, double v);

/* Aligned text with a header row; `mark_row` (or -1) is drawn bold green
 * when `color`. Each line starts with `indent` spaces. */
void grid_text(struct sbuf *out, const struct grid *g, int indent, long mark_row, bool color);

/* A GitHub-flavoured markdown table; '|' in cells is escaped. */
void grid_markdown(struct sbuf *out, const struct grid *g);

/* RFC 4180 CSV with a header row. */
void grid_csv(struct sbuf *out, const struct grid *g);

#endif
