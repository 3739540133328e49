/*
 * check.h - budget thresholds (interface.md `thresholds`) evaluated against
 * a compare run and its breakevens. Pure: no I/O, no allocation.
 */
#ifndef LLMTCO_CHECK_H
#define LLMTCO_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "model/compare.h"
#include "model/horizon.h"
#include "model/scenario.h"
#include "model/sweep.h"

enum tstatus { T_PASS, T_WARN, T_FAIL };

extern const char *const tstatus_names[3]; /* "pass", "warn", "fail" */

struct threshold_result {
	const struct threshold *t;
	const char *option;  /* the option measured: t->option, or the one chosen */
	bool has_actual;     /* false: nothing to measure (infeasible, no pair...) */
	double actual;       /* numeric metrics */
	const char *actual_text; /* cheapest_kind, cheapest_option */
	enum tstatus status;
	const char *note;    /* why there is no actual, or NULL */
};

/* What thresholds are measured on. */
struct check_inputs {
	const struct scenario *sc;
	const struct compare_result *c; /* the options ranked at the workload */
	const struct pairs *p;          /* breakevens; NULL when no threshold needs them */
	const struct horizon *h;        /* the scenario's horizon; NULL when none is needed */
	const struct sim_result *sim;   /* the simulation (model.md 8.1); NULL when none is needed */
	size_t stale_prices;            /* catalog entries a result uses that are too old */
};

struct sim_result;

/* Evaluates threshold `t`. A numeric metric with no value breaches, except
 * a breakeven or crossover month that never comes, which breaches a max
 * and passes a min. max_horizon_cost measures the horizon total of the
 * option (default: the cheapest over the horizon); max_crossover_month the
 * earliest crossover month of the pairs with the option (default: all);
 * min_probability_cheapest the share of draws in which the option
 * (default: the cheapest at the workload) is the cheapest. */
void check_evaluate(struct threshold_result *out, const struct threshold *t,
		    const struct check_inputs *in);

/* The overall status: fail if any failed, else warn if any warned. */
enum tstatus check_overall(const struct threshold_result *r, size_t n);

#endif
