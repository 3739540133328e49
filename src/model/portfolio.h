/*
 * portfolio.h - task segments, each with its own options, served as one
 * portfolio (model.md 7.4): per segment the cheapest hosted and the
 * cheapest self-hosted or hybrid choice, the shared self-hosting overhead
 * paid once, and the saving against every single-option baseline.
 *
 * Pure: the caller evaluates the options (engine_evaluate) and owns every
 * array; nothing here allocates or prints.
 */
#ifndef LLMTCO_PORTFOLIO_H
#define LLMTCO_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>

#include "model/engine.h"
#include "model/scenario.h"
#include "util/diag.h"

/* One segment's options, evaluated on the segment's own workload. */
struct segment_eval {
	const char *name;
	const struct option_spec *options;
	const struct option_result *results; /* parallel to options */
	size_t n;
};

/* What the portfolio makes of one segment. */
struct segment_choice {
	long hosted, own;          /* option index of the cheapest of each, or -1 */
	double hosted_cost;        /* hosted_s; INFINITY when none is feasible */
	double own_cost;           /* own_s: total without the shared overhead; INFINITY if none */
	long choice;               /* the option used, or -1 (portfolio infeasible) */
	double cost;               /* its cost in the portfolio (own without overhead) */
};

enum portfolio_basis { BASIS_ALL_HOSTED, BASIS_MIXED };

extern const char *const portfolio_basis_names[2]; /* "all_hosted", "mixed" */

/* A single-option baseline: one scenario option on the whole workload. */
struct baseline_saving {
	bool feasible;
	double amount;  /* baseline total - portfolio total */
	double percent; /* amount / baseline total * 100; 0 when the baseline is 0 */
};

struct portfolio {
	bool feasible;
	size_t infeasible_segment; /* !feasible: the first segment with no feasible option */
	double total;
	enum portfolio_basis basis;
	double shared_overhead;    /* H */
	bool any_own;              /* some segment has a feasible self-hosted or hybrid option */
	bool has_all_hosted;       /* every segment has a feasible hosted option */
	double all_hosted, mixed;  /* INFINITY when not available */
};

/* model.md 7.4: fills `p` and choices[0..n) for segments seg[0..n).
 * `overhead` is H (engine_shared_overhead). Ties of all_hosted and mixed
 * go to all_hosted; within a segment a tie goes to the hosted option, and
 * among options of one class to the earlier one. */
void portfolio_solve(struct portfolio *p, struct segment_choice *choices,
		     const struct segment_eval *seg, size_t n, double overhead);

/* The saving of `p` against a baseline whose result is `base`. */
void portfolio_saving(struct baseline_saving *out, const struct portfolio *p,
		      const struct option_result *base);

/* A scenario's portfolio evaluated: each segment's workload and options,
 * the choices, and the savings against each of the scenario's options on
 * the whole workload. Owns its arrays (portfolio_eval_release). */
struct portfolio_eval {
	struct portfolio p;
	size_t n;                        /* segments */
	struct workload *workloads;      /* [n] */
	struct option_result *results;   /* every segment's options, segment by segment */
	struct segment_eval *segs;       /* [n], pointing into results */
	struct segment_choice *choices;  /* [n] */
	struct baseline_saving *savings; /* [n_savings], parallel to the scenario's options */
	size_t n_savings;
};

/* Allocates `e` for the segments of `sc` and `n_savings` baselines, each
 * segment's results pointing into e->results; the workloads are the
 * caller's to fill. ST_IO when out of memory; `e` is then safe to
 * release. */
enum status portfolio_eval_init(struct portfolio_eval *e, const struct scenario *sc,
				size_t n_savings, struct diag *d);

/* Evaluates every segment's options on its e->workloads entry under `a`
 * and solves the portfolio (model.md 7.4, H from `a`) into e->p and
 * e->choices. Allocates nothing. */
void portfolio_eval_run(struct portfolio_eval *e, const struct catalog *cat,
			const struct assumptions *a);

/* Evaluates the segments of `sc` (model.md 7.4) and the portfolio, with
 * baselines[0..sc->n_options) the scenario's options on the whole
 * workload. Segment results carry totals, sizing and reasons but no table
 * of price alternatives (totals_only). ST_IO when out of memory; `e` is then safe to release. */
enum status portfolio_evaluate(struct portfolio_eval *e, const struct scenario *sc,
			       const struct catalog *cat, const struct assumptions *a,
			       const struct option_result *baselines, struct diag *d);

/* Frees what `e` owns; safe on a zeroed one. */
void portfolio_eval_release(struct portfolio_eval *e);

/* model.md 7.4: H = engineering + infrastructure + monitoring +
 * model_updates + setup (3.4), the part of a self-hosted total that does
 * not depend on its GPUs. */
double portfolio_overhead(const struct assumptions *a);

#endif
