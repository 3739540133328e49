/*
 * grid.c - renders text tables; see grid.h. No arithmetic on figures.
 */
#include "report/grid.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void grid_init(struct grid *g, const char *const *heads, const bool *right, size_t ncols)
{
	memset(g, 0, sizeof(*g));
	g->heads = heads;
	g->right = right;
	g->ncols = ncols;
}

void grid_release(struct grid *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->cells[i]);
	free(g->cells);
	free(g->nums);
	memset(g, 0, sizeof(*g));
}

/* Appends `text` with number `v`. */
static void add(struct grid *g, const char *text, double v)
{
	if (g->failed)
		return;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		char **c = realloc(g->cells, cap * sizeof(*c));
		double *nv;
		if (c)
			g->cells = c;
		if (!c || !(nv = realloc(g->nums, cap * sizeof(*nv)))) {
			g->failed = true;
			return;
		}
		g->nums = nv;
		g->cap = cap;
	}
	if (!(g->cells[g->n] = strdup(text))) {
		g->failed = true;
		return;
	}
	g->nums[g->n++] = v;
}

void grid_cell(struct grid *g, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	/* most cells are one string: no formatting, and no length limit */
	if (strcmp(fmt, "%s") == 0) {
		add(g, va_arg(ap, const char *), NAN);
		va_end(ap);
		return;
	}
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	add(g, buf, NAN);
}

void grid_number(struct grid *g, const char *text, double v)
{
	add(g, text, v);
}

static size_t rows(const struct grid *g)
{
	return g->n / g->ncols;
}

void grid_text(struct sbuf *out, const struct grid *g, int indent, long mark_row, bool color)
{
	size_t *width = calloc(g->ncols ? g->ncols : 1, sizeof(*width));

	if (g->failed || !width) {
		out->failed = true;
		free(width);
		return;
	}
	for (size_t c = 0; c < g->ncols; c++) {
		width[c] = utf8_width(g->heads[c]);
		for (size_t r = 0; r < rows(g); r++) {
			size_t w = utf8_width(g->cells[r * g->ncols + c]);
			if (w > width[c])
				width[c] = w;
		}
	}
	for (long r = -1; r < (long)rows(g); r++) {
		bool mark = color && mark_row >= 0 && r == mark_row;
		sbuf_printf(out, "%*s", indent, "");
		if (mark)
			sbuf_printf(out, "\033[1;32m");
		else if (color && r < 0)
			sbuf_printf(out, "\033[1m");
		for (size_t c = 0; c < g->ncols; c++) {
			const char *cell = r < 0 ? g->heads[c] : g->cells[(size_t)r * g->ncols + c];
			bool last = c + 1 == g->ncols;
			bool right = g->right && g->right[c];
			if (last && !right)
				sbuf_printf(out, "%s", cell);
			else
				sbuf_pad(out, cell, width[c], right);
			if (!last)
				sbuf_printf(out, "  ");
		}
		/* no trailing blanks */
		while (out->len && out->buf[out->len - 1] == ' ')
			out->buf[--out->len] = '\0';
		if (mark || (color && r < 0))
			sbuf_printf(out, "\033[0m");
		sbuf_printf(out, "\n");
	}
	free(width);
}

static void md_cell(struct sbuf *out, const char *s)
{
	sbuf_printf(out, " ");
	for (; *s; s++) {
		if (*s == '|')
			sbuf_printf(out, "\\|");
		else
			sbuf_add(out, s, 1);
	}
	sbuf_printf(out, " |");
}

void grid_markdown(struct sbuf *out, const struct grid *g)
{
	if (g->failed)
		out->failed = true;
	sbuf_printf(out, "|");
	for (size_t c = 0; c < g->ncols; c++)
		md_cell(out, g->heads[c]);
	sbuf_printf(out, "\n|");
	for (size_t c = 0; c < g->ncols; c++)
		sbuf_printf(out, "%s|", g->right && g->right[c] ? " ---: " : " --- ");
	sbuf_printf(out, "\n");
	for (size_t r = 0; r < rows(g); r++) {
		sbuf_printf(out, "|");
		for (size_t c = 0; c < g->ncols; c++)
			md_cell(out, g->cells[r * g->ncols + c]);
		sbuf_printf(out, "\n");
	}
}

static void csv_cell(struct sbuf *out, const char *s, bool last)
{
	if (strpbrk(s, ",\"\n\r")) {
		sbuf_printf(out, "\"");
		for (; *s; s++) {
			if (*s == '"')
				sbuf_printf(out, "\"\"");
			else
				sbuf_add(out, s, 1);
		}
		sbuf_printf(out, "\"");
	} else {
		sbuf_add(out, s, strlen(s)); /* no format to parse: large CSVs add up */
	}
	sbuf_add(out, last ? "\n" : ",", 1);
}

void grid_csv(struct sbuf *out, const struct grid *g)
{
	if (g->failed)
		out->failed = true;
	for (size_t c = 0; c < g->ncols; c++)
		csv_cell(out, g->heads[c], c + 1 == g->ncols);
	for (size_t r = 0; r < rows(g); r++) {
		for (size_t c = 0; c < g->ncols; c++)
			csv_cell(out, g->cells[r * g->ncols + c], c + 1 == g->ncols);
	}
}
