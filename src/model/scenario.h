/*
 * scenario.h - a loaded scenario (interface.md "Scenario file") and its
 * resolution into engine inputs; load/scenario_load.h reads one.
 *
 * A scenario borrows catalog entries (its options point into the catalog),
 * so release it before the catalog. Its strings live in its own pool.
 */
#ifndef LLMTCO_SCENARIO_H
#define LLMTCO_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "model/assumptions.h"
#include "model/catalog.h"
#include "util/diag.h"
#include "model/engine.h"
#include "model/horizon.h"
#include "model/uncertainty.h"

enum wkey {
	WK_INPUT_TOKENS_PER_MONTH,
	WK_OUTPUT_TOKENS_PER_MONTH,
	WK_INPUT_TOKENS_PER_DAY,
	WK_OUTPUT_TOKENS_PER_DAY,
	WK_REQUESTS_PER_MONTH,
	WK_REQUESTS_PER_DAY,
	WK_INPUT_TOKENS_PER_REQUEST,
	WK_OUTPUT_TOKENS_PER_REQUEST,
	WK_CACHED_INPUT_FRACTION,
	WK_BATCH_FRACTION,
	WK_PEAK_TO_AVERAGE,
	WK_CONTEXT_TOKENS,
	WK_MIN_OUTPUT_TPS_PER_USER,
	WK_CACHE_WRITE_FRACTION,
	WK_COUNT
};

/* Workload key names, indexed by enum wkey. */
extern const char *const workload_keys[WK_COUNT];

/* The keys of `requirements` (model.md 10). */
enum req_key {
	RQ_MIN_QUALITY_TIER,
	RQ_THIRD_PARTY_PROCESSING,
	RQ_ALLOWED_PROVIDERS,
	RQ_AVAILABILITY,
	RQ_COUNT
};

/* Requirement key names as scenarios spell them, indexed by enum req_key. */
extern const char *const requirement_keys[RQ_COUNT];

/* The valid range of workload key `k`: [lo, hi], lo excluded when
 * lo_open. */
void workload_key_range(int k, double *lo, double *hi, bool *lo_open);

/* What a threshold measures (interface.md `thresholds`). */
enum metric {
	M_MONTHLY_COST,
	M_COST_PER_MTOK,
	M_BREAKEVEN_TOKENS_PER_MONTH,
	M_UTILIZATION,
	M_CHEAPEST_KIND,
	M_CHEAPEST_OPTION,
	M_STALE_PRICES,
	M_MAX_HORIZON_COST,
	M_MAX_CROSSOVER_MONTH,
	M_REQUIREMENTS_MET,
	M_MIN_PROBABILITY_CHEAPEST,
	M_PORTFOLIO_MONTHLY_COST, /* model.md 7.4 */
	M_COUNT
};

/* Metric names as scenarios and reports spell them, by enum metric. */
extern const char *const metric_names[M_COUNT];

enum level { LEVEL_FAIL, LEVEL_WARN };

struct threshold {
	enum metric metric;
	const char *option; /* option id, or NULL for the cheapest */
	bool has_max, has_min;
	double max, min;
	const char *equals; /* cheapest_kind, cheapest_option */
	enum level level;
	struct loc loc;
};

/* One task segment of a portfolio (model.md 7.4): a workload of its own,
 * keys not given here inherited from the top level, and the options
 * eligible for it (owned array; catalog entries borrowed). */
struct segment {
	const char *name;
	bool given[WK_COUNT];
	double wv[WK_COUNT];
	struct loc wloc[WK_COUNT];
	/* its own workload.profile (model.md 7.1); a segment's profile or
	 * peak_to_average replaces the shape it would inherit */
	bool has_profile;
	struct profile profile;
	struct option_spec *options;
	size_t n_options;
	struct loc loc;
};

struct scenario {
	const char *file; /* the scenario's name in messages */
	const char *name; /* the scenario's `name`, or NULL */
	bool options_replaced; /* --api/--self-host replaced the file's options */
	bool has_workload; /* it states a volume (always, unless SC_PARTIAL) */
	bool given[WK_COUNT];
	double wv[WK_COUNT];
	struct loc wloc[WK_COUNT]; /* line 0: set on the command line */
	bool has_profile;          /* workload.profile (model.md 7.1) */
	struct profile profile;
	struct loc profile_loc;
	const char *profile_source; /* "scenario", or "set" when any of it was set */
	struct option_spec *options;
	struct loc *option_locs;
	size_t n_options;
	struct segment *segments;  /* workload.segments (model.md 7.4); NULL when none */
	size_t n_segments;
	struct assumption_set assumptions; /* scenario file and --set layers */
	struct threshold *thresholds;
	size_t n_thresholds;
	struct horizon_set horizon; /* the `horizon` section (model.md 9), checked */
	struct uncertainty uncertainty; /* model.md 8: draws, seed, ranges */
	struct requirements req;  /* model.md 10: all zero when none */
	/* per requirement key given: "scenario", or "set" (--require, --set);
	 * NULL when not given */
	const char *req_source[RQ_COUNT];
	const char **providers;   /* owned array behind req.allowed_providers (strings in pool) */
	struct strpool *pool;
};

/* Frees what `sc` owns. Safe on a zeroed or partly loaded scenario. */
void scenario_release(struct scenario *sc);

/* Resolves the layered assumptions (model.md section 4): defaults, each
 * catalog layer's `defaults`, then the scenario's (file, then --set), each
 * value with its source: "default", "catalog:FILE", "scenario" or "set"
 * (strings valid while `sc` and `cat` live). */
void scenario_assumptions(struct assumptions *a, const struct scenario *sc,
			  const struct catalog *cat);

/* Resolves the workload (model.md section 1) under assumptions `a`; all
 * zero volumes when the scenario has none (SC_PARTIAL). With segments
 * (model.md 7.4) it is their sum in token form: no per-request sizes,
 * cached and batch fractions the token-weighted means, peak, profile and
 * context from the top level. */
void scenario_workload(struct workload *w, const struct scenario *sc,
		       const struct assumptions *a);

/* model.md 7.4, 7.1: the profile shaping segment `i`: its own; none
 * when it gives its own peak_to_average instead; else the top level's
 * (NULL when that has none). Borrowed from `sc`. */
const struct profile *scenario_segment_profile(const struct scenario *sc, size_t i);

/* model.md 7.4: the workload of segment `i`, its own keys over the top
 * level's; its shape (profile or peak_to_average) replaces the top
 * level's whole. */
void scenario_segment_workload(struct workload *w, const struct scenario *sc, size_t i,
			       const struct assumptions *a);

/* ST_OK when `id` names one of the scenario's options, else ST_INPUT
 * placed at `at` with a did-you-mean. */
enum status scenario_option_ref(const struct scenario *sc, const char *id, const struct loc *at,
				struct diag *d);

/* Writes the option id of interface.md into spec->id. */
void option_format_id(struct option_spec *spec);

#endif
