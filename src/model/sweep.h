/*
 * sweep.h - every option's monthly total over a range of volumes, the
 * workload's shape held fixed (model.md 5), and the pairs of hosted and
 * self-hosted options with their breakevens.
 *
 * Owns heap memory: release with sweep_release() / pairs_release().
 */
#ifndef LLMTCO_SWEEP_H
#define LLMTCO_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "model/breakeven.h"
#include "util/diag.h"
#include "model/engine.h"

struct sweep {
	size_t n_points, n_options;
	bool linear;     /* evenly spaced volumes (else log spaced) */
	double *volumes; /* tokens a month, ascending */
	double *t_in, *t_out; /* its input and output tokens a month */
	double *totals;  /* [option * n_points + point]; NAN where infeasible */
	long *cheapest;  /* per point: option index, or -1 when none is feasible */
};

/* One (hosted or managed, self-hosted) pair of scenario options. */
struct be_pair {
	size_t api, self_hosted; /* indices into the scenario's options */
	struct breakeven be;
};

/* The most (hosted, self-hosted) pairs one run solves. */
#define PAIRS_MAX 10000

/* Replica intervals all pairs together walk looking for windows. */
#define PAIRS_WINDOW_STEPS 3000000L

struct pairs {
	struct be_pair *items;
	size_t n;
};

/* Evaluates `n` options at `points` volumes from `from` to `to` (log
 * spaced unless `linear`) for the shape of `w`. ST_IO when out of memory. */
enum status sweep_run(struct sweep *s, const struct option_spec *opts, size_t n,
		      const struct workload *w, const struct catalog *cat,
		      const struct assumptions *a, double from, double to, size_t points,
		      bool linear, struct diag *d);

void sweep_release(struct sweep *s);

/* Solves every (api or managed, self-hosted) pair of `opts`, in scenario
 * order. ST_INPUT (placed at "options") when they would make more than
 * PAIRS_MAX pairs; ST_IO when out of memory. */
enum status pairs_solve(struct pairs *p, const struct option_spec *opts, size_t n,
			const struct workload *w, const struct catalog *cat,
			const struct assumptions *a, struct diag *d);

void pairs_release(struct pairs *p);

/* A default range for charts: whole decades from a tenth of the smallest to
 * ten times the largest of the current volume and the found breakevens. */
void sweep_default_range(double current, const struct pairs *p, double *from, double *to);

#endif
