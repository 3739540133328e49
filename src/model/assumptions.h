/*
 * assumptions.h - the assumption keys of model.md section 4, their defaults
 * and valid ranges, and how layers of overrides resolve.
 */
#ifndef LLMTCO_ASSUMPTIONS_H
#define LLMTCO_ASSUMPTIONS_H

#include <stdbool.h>

#include "util/diag.h"

enum assumption {
	A_HOURS_PER_MONTH,
	A_ENGINEERING_FTE,
	A_ENGINEER_ANNUAL_COST,
	A_INFRASTRUCTURE_PER_MONTH,
	A_MONITORING_PER_MONTH,
	A_MODEL_UPDATES_PER_YEAR,
	A_COST_PER_MODEL_UPDATE,
	A_SETUP_COST,
	A_AMORTIZATION_MONTHS,
	A_API_FIXED_PER_MONTH,
	A_TARGET_UTILIZATION,
	A_MIN_REPLICAS,
	A_SPARE_REPLICAS,
	A_GPU_MEMORY_UTILIZATION,
	A_KV_CACHE_PRECISION, /* holds an enum precision: bf16, fp16 or fp8 */
	A_BANDWIDTH_EFFICIENCY,
	A_COMPUTE_EFFICIENCY,
	A_MAX_BATCH,
	A_DEFAULT_CONTEXT_TOKENS,
	A_DEPRECIATION_MONTHS,
	A_RESIDUAL_FRACTION,
	A_SERVER_OVERHEAD_FRACTION,
	A_GPU_POWER_FRACTION,
	A_PUE,
	A_POWER_PRICE_PER_KWH,
	A_COLOCATION_PER_GPU_MONTH,
	A_REPLICA_AVAILABILITY, /* model.md 10 */
	A_COUNT
};

struct assumption_spec {
	const char *name;
	double def;
	double lo, hi;  /* valid range, inclusive unless lo_open */
	bool lo_open;
	bool integer;
	bool is_precision; /* A_KV_CACHE_PRECISION: a name, not a number */
};

/* The table of every assumption, indexed by enum assumption. */
extern const struct assumption_spec assumption_specs[A_COUNT];

/* What each assumption means, one line, indexed by enum assumption. */
extern const char *const assumption_meanings[A_COUNT];

/* One layer of overrides (a catalog's `defaults`, a scenario's
 * `assumptions`): which keys it sets, to what, and where. */
struct assumption_set {
	double v[A_COUNT];
	bool given[A_COUNT];
	struct loc loc[A_COUNT];
};

/* Resolved values with the name of the layer each came from ("default",
 * "catalog:FILE", "scenario", "set"). Source strings are borrowed. */
struct assumptions {
	double v[A_COUNT];
	const char *source[A_COUNT];
	/* Multipliers the engine applies to catalog prices: every hosted
	 * per-token price, and every rented per-GPU-hour and purchase price;
	 * and to the estimated prefill and decode tokens/s (after the SLO
	 * batch and calibration). 1 from assumptions_defaults(); never read
	 * from a file: commands that move them set them (the horizon's
	 * trends, model.md 9; the factors of model.md 8). */
	double api_price_factor, gpu_price_factor, throughput_factor;
	/* Totals only: skip what only reports show (a rented option's table of
	 * price alternatives). false from assumptions_defaults(); set by the
	 * commands that evaluate options many times (simulate, sensitivity)
	 * and for a portfolio's segment options, whose tables no report shows. */
	bool totals_only;
};

/* Fills `a` with the defaults of model.md section 4, source "default". */
void assumptions_defaults(struct assumptions *a);

/* Applies every key that `set` gives, with source `source` (borrowed). */
void assumptions_apply(struct assumptions *a, const struct assumption_set *set,
		       const char *source);

/* Whether assumption `k` is a share (a range of [0, 1], a name ending in
 * _fraction, or engineering_fte): its values may be written "N%". */
bool assumption_is_fraction(enum assumption k);

/* Looks an assumption up by name; returns its index or -1. */
int assumption_index(const char *name);

/* Checks `v` against the key's range; on failure fills `d` at `at` and
 * returns ST_INPUT. */
enum status assumption_check(enum assumption k, double v, const struct loc *at, struct diag *d);

#endif
