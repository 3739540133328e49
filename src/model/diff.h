/*
 * diff.h - compares two saved `compare` or `check` JSON outputs: each
 * option's monthly total, options added or removed, changed inputs.
 *
 * The types and the pure limit check; load/diff_load.h reads the two
 * documents. A diff owns the parsed documents; strings point into them
 * until diff_release().
 */
#ifndef LLMTCO_DIFF_H
#define LLMTCO_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct diff_option {
	const char *id;
	bool has_old, has_new;    /* present (and feasible) in each */
	bool in_old, in_new;      /* listed in each */
	double old_total, new_total;
	double change;            /* new - old, when both have a total */
	bool has_pct;
	double pct;               /* change / old * 100, when old > 0 */
	bool breach;              /* above --max-increase */
};

struct diff_input {
	const char *key;
	char old_value[256], new_value[256]; /* "" when absent */
};

struct diff {
	const char *old_name, *new_name;
	const char *currency;
	const char *old_cheapest, *new_cheapest; /* NULL when none */
	struct diff_option *options;
	size_t n_options;
	struct diff_input *inputs;
	size_t n_inputs;
	bool has_limit, limit_pct;
	double limit;
	void *docs[2]; /* cJSON documents */
};

/* Marks every option listed in both whose total rose by more than `limit`
 * (percent of the old total when `pct`); returns how many did. */
size_t diff_apply_limit(struct diff *df, double limit, bool pct);

#endif
