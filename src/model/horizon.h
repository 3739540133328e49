/*
 * horizon.h - the horizon of model.md section 9: every option month by
 * month over 1..120 months (volume grown, prices trended, replicas and tp
 * re-chosen each month by the engine), owned hardware as cash, cumulative
 * costs, totals, net present values and the crossover month of every
 * (hosted, self-hosted) pair.
 *
 * Ownership: horizon_run() allocates the months of a `struct horizon`;
 * horizon_release() frees them and is safe on a zeroed or partly built one.
 * Catalog and option pointers are borrowed. No I/O.
 */
#ifndef LLMTCO_HORIZON_H
#define LLMTCO_HORIZON_H

#include <stdbool.h>
#include <stddef.h>

#include "model/engine.h"
#include "util/diag.h"

/* The keys of a scenario's `horizon` section (model.md 9). */
enum hz_key {
	HZ_MONTHS,
	HZ_VOLUME_GROWTH,    /* per month, compounding */
	HZ_API_PRICE_CHANGE, /* per year */
	HZ_GPU_PRICE_CHANGE, /* per year: rented and purchase prices */
	HZ_DISCOUNT_RATE,    /* per year */
	HZ_LEAD_TIME,        /* purchase lead time, months */
	HZ_COUNT
};

struct horizon_key_spec {
	const char *name; /* "volume_growth_per_month" */
	const char *flag; /* "--growth" */
	double def, lo, hi; /* valid range, inclusive unless lo_open */
	bool lo_open, integer;
	bool rate; /* may be written as a percentage: "5%" */
};

/* Indexed by enum hz_key. */
extern const struct horizon_key_spec horizon_keys[HZ_COUNT];

/* Most months a horizon may have (model.md 9). */
#define HORIZON_MAX_MONTHS 120

/* The horizon as given: which keys, their values and places (line 0: a
 * flag; loc.file then names it). */
struct horizon_set {
	double v[HZ_COUNT];
	bool given[HZ_COUNT];
	struct loc loc[HZ_COUNT];
};

/* Resolved settings: the given values over the defaults. */
struct horizon_params {
	int months, lead_time;
	double growth, api_change, gpu_change, discount;
};

/* Checks one key's value against its range; ST_INPUT placed at `at`. */
enum status horizon_key_check(enum hz_key k, double v, const struct loc *at, struct diag *d);

/* Resolves `s` over the defaults into `p` and checks what needs two keys:
 * a lead time of at most months - 1 (ST_INPUT placed at the lead time). */
enum status horizon_resolve(struct horizon_params *p, const struct horizon_set *s,
			    struct diag *d);

/* Checks that the volume `base` (tokens a month, input + output) grown
 * over the horizon `p` stays within WORKLOAD_MAX_TOKENS_PER_MONTH, the
 * limit a workload has (model.md 9): ST_INPUT placed at the growth in `s`,
 * naming the first month past it, the most months at that growth and the
 * most growth over those months that fit. A horizon without growth always
 * passes, so it can cost any volume compare can. */
enum status horizon_check_volume(const struct horizon_params *p, const struct horizon_set *s,
				 double base, struct diag *d);

/* Checks that every option can be costed over the horizon: an owned option
 * needs its GPU's purchase_price and, with a lead time, an on-demand price
 * row of the same GPU (model.md 9). ST_INPUT placed at the option's
 * `locs[i]` (locs may be NULL). */
enum status horizon_check_options(const struct horizon_params *p, const struct option_spec *opts,
				  size_t n, const struct catalog *cat, const struct assumptions *a,
				  const struct loc *locs, struct diag *d);

/* One month of one option. */
struct hz_month {
	double cost;       /* this month's cash */
	double cumulative; /* months 1..this */
	double gpus;       /* self-hosted: GPUs serving this month (0 for hosted) */
	int tensor_parallel;
	bool rented;       /* owned option in its lead time: on-demand GPUs */
	double fleet;      /* owned: GPUs owned at the end of the month */
	double purchase;   /* owned: GPUs bought this month, with server overhead */
	double residual;   /* owned, last month: the fleet's value coming back (>= 0, subtracted) */
};

struct hz_option {
	bool feasible;     /* false: `reason` in month `bad_month` */
	enum reason reason;
	int bad_month;
	bool owned;        /* costed as cash (model.md 9) */
	struct hz_month *months; /* [0 .. months-1] */
	double total, npv;
};

/* One (hosted, self-hosted) pair: api or managed against any other kind. */
struct hz_pair {
	size_t hosted, self_hosted; /* option indices */
	bool has_crossover;
	int crossover_month; /* the first month from which the self-hosted
			      * cumulative cost stays at or below the hosted one */
	bool feasible;       /* both options are */
	double saving, npv_saving; /* hosted total (NPV) - self-hosted total (NPV) */
};

struct horizon {
	struct horizon_params p;
	size_t n_options;
	struct hz_option *options; /* parallel to the options given */
	struct hz_pair *pairs;
	size_t n_pairs;
	double *volume;     /* [m]: tokens a month, input + output */
	double *api_factor; /* [m]: hosted price multiplier */
	double *gpu_factor; /* [m]: GPU price multiplier */
	long cheapest;      /* lowest feasible total, or -1 */
	size_t *order;      /* option indices: feasible by total (ties in the
			     * given order), then the infeasible ones */
};

/* Costs `n` options over the horizon `p` for base workload `w` (model.md
 * 9). An option infeasible in some month is infeasible over the horizon
 * (with that month's reason), never an error. ST_IO when out of memory. */
enum status horizon_run(struct horizon *h, const struct horizon_params *p,
			const struct option_spec *opts, size_t n, const struct workload *w,
			const struct catalog *cat, const struct assumptions *a, struct diag *d);

void horizon_release(struct horizon *h);

/* The crossover month of two feasible options over `months` months: the
 * first m (1-based) with self-hosted cumulative <= hosted cumulative in
 * every month from m to the end; 0 when there is none. */
int horizon_crossover(const struct hz_option *self_hosted, const struct hz_option *hosted,
		      int months);

#endif
