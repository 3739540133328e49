/*
 * report_assumptions.c - `llmtco assumptions` as a table, CSV or markdown:
 * every assumption of model.md section 4 with its resolved value, its
 * default, the layer the value came from and what it means. The JSON form
 * is in report_json.c. Prints only what it is given; computes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "report/grid.h"
#include "report_internal.h"
#include "util/num.h"

/* The value of assumption `k` as text in buf: a precision's name, the raw
 * number for CSV, else grouped for people without trailing zeros
 * ("0.75", "180,000"). Returns buf. */
static const char *value_text(char *buf, size_t size, int k, double v, enum format fmt)
{
	char *dot, *end;

	if (assumption_specs[k].is_precision) {
		snprintf(buf, size, "%s", precision_names[(int)v]);
		return buf;
	}
	if (fmt == FMT_CSV)
		return num_shortest(buf, size, v);
	num_grouped(buf, size, v, 4);
	if ((dot = strchr(buf, '.'))) {
		end = buf + strlen(buf) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	return buf;
}

void report_assumptions(struct sbuf *out, enum format fmt, const struct run *r)
{
	static const char *const heads[] = {"key", "value", "default", "source", "meaning"};
	static const bool right[] = {false, true, true, false, false};
	struct grid g;
	char v[64], def[64];

	if (fmt == FMT_JSON) {
		report_assumptions_json(out, r);
		return;
	}
	grid_init(&g, heads, right, 5);
	for (int k = 0; k < A_COUNT; k++) {
		grid_cell(&g, "%s", assumption_specs[k].name);
		grid_cell(&g, "%s", value_text(v, sizeof(v), k, r->a->v[k], fmt));
		grid_cell(&g, "%s", value_text(def, sizeof(def), k, assumption_specs[k].def, fmt));
		grid_cell(&g, "%s", r->a->source[k]);
		grid_cell(&g, "%s", assumption_meanings[k] ? assumption_meanings[k] : "");
	}
	if (fmt == FMT_CSV)
		grid_csv(out, &g);
	else if (fmt == FMT_MARKDOWN)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 0, -1, false);
	if (g.failed)
		out->failed = true;
	grid_release(&g);
}
