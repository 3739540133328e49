/*
 * compare.h - every option of a scenario evaluated at one workload and
 * ranked cheapest first: what `compare`, `check` and the reports share.
 *
 * Ownership: struct evaluation owns its arrays (compare_release frees
 * them); struct compare_result only borrows them.
 */
#ifndef LLMTCO_MODEL_COMPARE_H
#define LLMTCO_MODEL_COMPARE_H

#include <stddef.h>

#include "model/engine.h"
#include "model/portfolio.h"
#include "util/diag.h"

/* A ranked view of option results. All borrowed. */
struct compare_result {
	const struct option_result *results; /* parallel to the options */
	const size_t *order;                 /* cheapest feasible first, infeasible last */
	size_t n;
	const struct portfolio_eval *portfolio; /* model.md 7.4, with segments; else NULL */
};

/* The storage behind a compare_result. */
struct evaluation {
	struct option_result *results;
	size_t *order;
	struct compare_result c;
	struct portfolio_eval portfolio; /* evaluated when the scenario has segments */
};

/* Evaluates opts[0..n) at workload `w` and ranks them into `e`. Returns
 * ST_IO with `d` filled when out of memory; `e` is then safe to release. */
enum status compare_evaluate(struct evaluation *e, const struct option_spec *opts, size_t n,
			     const struct workload *w, const struct catalog *cat,
			     const struct assumptions *a, struct diag *d);

/* Frees what `e` owns; safe on a zeroed evaluation. */
void compare_release(struct evaluation *e);

/* Fills order[0..n) with option indices: feasible ones by ascending total,
 * scenario order breaking ties, then the infeasible ones in scenario order.
 * O(n log n), no allocation. */
void compare_rank(size_t *order, const struct option_result *results, size_t n);

/* Fills order[0..n) with option indices by option id (byte order), for a
 * listing whose rows stay put when costs change. O(n log n), no
 * allocation. */
void compare_order_by_id(size_t *order, const struct option_spec *opts, size_t n);

#endif
