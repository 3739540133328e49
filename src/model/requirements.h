/*
 * requirements.h - what an option must meet before its cost counts
 * (model.md 10): quality tier, third-party processing, allowed providers;
 * and the verdict that names the cheapest option meeting them without
 * comparing tiers silently.
 *
 * Pure: no I/O, no allocation. The engine applies requirements_exclusion()
 * to every option it evaluates, so every command holds options to them.
 */
#ifndef LLMTCO_MODEL_REQUIREMENTS_H
#define LLMTCO_MODEL_REQUIREMENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/compare.h"
#include "model/engine.h"

/* True when `r` asks anything at all. */
bool requirements_any(const struct requirements *r);

/* Whether `r` is a requirement's exclusion (below the quality tier,
 * third parties forbidden, provider not allowed): the option does not
 * compete at all. */
bool requirements_excluded(enum reason r);

/* The quality tier of option `o` (1 best .. 3), NAN when it has none: a
 * self-hosted option's open model's; a hosted entry's own, else for a
 * managed endpoint the tier of the open model it serves (looked up in
 * `cat`, which may be NULL). Sets *inherited (may be NULL) when the tier
 * came from the open model. */
double option_quality_tier(const struct option_spec *o, const struct catalog *cat,
			   bool *inherited);

/* The reason requirements `r` exclude option `o` (model.md 10), or R_NONE:
 * third_party_forbidden for hosted options, provider_not_allowed for a
 * hosted option whose provider is not listed, below_quality_tier for a tier
 * number above min_quality_tier (an untiered option is not excluded). */
enum reason requirements_exclusion(const struct requirements *r, const struct option_spec *o,
				   const struct catalog *cat);

enum verdict_reason {
	VR_CHEAPEST,          /* the cheapest option meeting the requirements */
	VR_LOWER_TIER,        /* ... of a lower (or no) tier: the best tier is named too */
	VR_NONE_MEETS,        /* every option is excluded by the requirements */
	VR_NONE_FEASIBLE,     /* no option can run */
	VR_COUNT
};

/* "cheapest", "cheapest_below_best_tier", "no_option_meets_requirements",
 * "no_feasible_option", indexed by enum verdict_reason. */
extern const char *const verdict_reason_codes[VR_COUNT];

/* The verdict of a ranked comparison (model.md 10, last paragraph).
 * Option indices are into the compared options; -1 means none. */
struct verdict {
	enum verdict_reason reason;
	long cheapest, runner_up;    /* cheapest feasible and the next one */
	double margin;               /* runner_up total - cheapest total */
	double margin_share;         /* margin / runner_up total (0 when that is 0) */
	double tier;                 /* the cheapest's tier, NAN if none */
	/* VR_LOWER_TIER: the best tier among feasible options, its cheapest
	 * option and the next one at that tier */
	double best_tier;
	long best_cheapest, best_runner_up;
	size_t excluded;             /* options the requirements exclude */
};

/* Fills `v` from ranked results `c` of options `opts` at workload `w`
 * (whose requirements the results already reflect). */
void compare_verdict(struct verdict *v, const struct compare_result *c,
		     const struct option_spec *opts, const struct workload *w,
		     const struct catalog *cat);

#endif
