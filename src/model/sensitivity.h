/*
 * sensitivity.h - one input at a time (model.md 8.2): the advantage of
 * self-hosting adv = total(A) - total(S) at each input's low and high, the
 * swing, and the flip point nearest the base where adv changes sign,
 * located on the piecewise function itself rather than on a grid.
 *
 * sensitivity_run allocates the result's items; sensitivity_release frees
 * them (safe on a zeroed result). Pure otherwise.
 */
#ifndef LLMTCO_SENSITIVITY_H
#define LLMTCO_SENSITIVITY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/uncertainty.h"

/* Why adv has no value at a point: which of the two options cannot run. */
struct sens_gap {
	bool hosted;         /* true: A is infeasible there, else S */
	enum reason reason;
};

struct sens_item {
	struct range r;
	double base, low, high;     /* low and high are p10 and p90 for a lognormal */
	bool has_low, has_high;     /* false: see gap_low / gap_high */
	double adv_low, adv_high;
	struct sens_gap gap_low, gap_high;
	bool has_swing;
	double swing;               /* |adv_high - adv_low| */
	bool has_flip;
	double flip;                /* nearest value to base where adv changes sign */
	bool flip_in_range;         /* low <= flip <= high */
	bool range_past_flip;       /* all of [low, high] lies past the flip, seen from the base */
	bool search_cut;            /* the search met an infeasible value or its step limit */
	size_t order;               /* position among the inputs given */
};

struct sens_result {
	bool portfolio;             /* adv = total(B) - portfolio (model.md 7.4): B is `hosted` */
	size_t hosted, self_hosted; /* the pair A, S: indices into the options */
	double adv_base;
	struct sens_item *items;    /* largest swing first; inputs without one last */
	size_t n;
};

/* Fills r[0..) with the default inputs of model.md 8.2 for a scenario
 * stating workload keys `wl_given` (peak_to_average only without a load
 * profile); returns how many (at most 8). */
size_t sensitivity_defaults(struct range *r, const bool *wl_given, bool has_profile);

/* The pair at base: the cheapest feasible hosted option and the cheapest
 * feasible other one (ties to scenario order), from results parallel to
 * the options. False when either has none. */
bool sensitivity_pair(size_t *hosted, size_t *self_hosted, const struct option_spec *opts,
		      const struct option_result *res, size_t n);

/* Runs the analysis of options `hosted` against `self_hosted` of `sc`
 * over inputs r[0..nr). ST_INPUT when the pair is infeasible at base,
 * ST_IO when out of memory. */
enum status sensitivity_run(struct sens_result *out, const struct scenario *sc,
			    const struct catalog *cat, const struct assumptions *a,
			    const struct workload *w, const struct range *r, size_t nr,
			    size_t hosted, size_t self_hosted, struct diag *d);

/* The best single option at base: the cheapest feasible one of any kind
 * (ties to scenario order). False when none is feasible. */
bool sensitivity_baseline(size_t *best, const struct option_result *res, size_t n);

/* The same analysis for a scenario with segments: adv = total(B) -
 * portfolio total (model.md 7.4, the portfolio solved again at every
 * value), B the option `baseline`; positive means the portfolio wins. The
 * result has `portfolio` set and B in `hosted`. ST_INPUT when B or the
 * portfolio is infeasible at base, ST_IO when out of memory. */
enum status sensitivity_run_portfolio(struct sens_result *out, const struct scenario *sc,
				      const struct catalog *cat, const struct assumptions *a,
				      const struct workload *w, const struct range *r, size_t nr,
				      size_t baseline, struct diag *d);

void sensitivity_release(struct sens_result *s);

/* adv at value `x` of input `r` (the others at base): true and *adv, or
 * false and *gap. For tests and for checking a flip by hand. */
bool sensitivity_adv(double *adv, struct sens_gap *gap, const struct scenario *sc,
		     const struct catalog *cat, const struct unc_base *b, const struct range *r,
		     size_t hosted, size_t self_hosted, double x);

#endif
