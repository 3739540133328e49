/*
 * breakeven.h - the volume where self-hosting starts to win (model.md 5).
 *
 * Pure like the engine: solves exactly on the step function of whole
 * replicas (tp re-chosen at each volume; for an autoscaled option the sum
 * of the week-hours' steps, model.md 7.2) instead of sampling, and reports
 * the fluid figure of fractional replicas beside it.
 */
#ifndef LLMTCO_BREAKEVEN_H
#define LLMTCO_BREAKEVEN_H

#include <stdbool.h>
#include <stddef.h>

#include "model/engine.h"

#define BE_MAX_WINDOWS 16

/* A range of volumes [from, to] (tokens a month) where self-hosting is
 * cheaper although it does not stay cheaper. */
struct be_window {
	double from, to;
};

struct breakeven {
	bool found;          /* false: status never, with `reason` */
	char reason[96];     /* never: "api_marginal_cost_not_above_self_hosted",
			      * "breakeven_beyond_walk_limit",
			      * "self_hosted_does_not_fit", "api_context_window_exceeded", ... */
	double tokens_per_month;       /* found: V*, the smallest volume above which S <= A */
	bool has_fluid;
	double fluid_tokens_per_month; /* found: the same with fractional replicas */
	/* A(V) = api_per_token * V + api_fixed; the self-hosted long-run cost
	 * per token (fractional replicas, best tp) */
	double api_per_token, api_fixed, self_hosted_per_token;
	bool api_priced;         /* api_per_token and api_fixed are known */
	bool self_hosted_priced; /* self_hosted_per_token is known */
	struct be_window windows[BE_MAX_WINDOWS];
	size_t n_windows;
	bool windows_truncated; /* more windows, or the search was cut short */
	/* at V* (found): the scaled workload, tokens a day, and both options
	 * evaluated there */
	struct workload at;
	double tokens_per_day;
	struct option_result api_at, self_hosted_at;
};

/* Steps one pair may walk looking for windows (about 7 s on extreme
 * inputs): one per replica interval and distinct load of the week (one
 * for a static option); pairs_solve shares a smaller budget among its
 * pairs. */
#define BE_MAX_WINDOW_STEPS 20000000L

/* Steps, counted alike, one pair may walk down to its breakeven (under a
 * second): only an autoscaled option priced within about a millionth of
 * the API's long-run cost needs more, and is refused. */
#define BE_MAX_WALK_STEPS 8000000L

/* Solves the breakeven of hosted option `api` against self-hosted option
 * `sh` for the shape of workload `w` (model.md 5). Always fills `out`;
 * inputs that cannot break even give found = false and a reason. */
void breakeven_solve(struct breakeven *out, const struct option_spec *api,
		     const struct option_spec *sh, const struct workload *w,
		     const struct catalog *cat, const struct assumptions *a);

/* breakeven_solve, walking at most `max_window_steps` steps for the
 * windows of a pair that never breaks even; past that the windows found
 * so far are kept and windows_truncated is set. A breakeven further than
 * BE_MAX_WALK_STEPS steps below the proven bound is refused: found =
 * false, reason "breakeven_beyond_walk_limit". A found breakeven is
 * exact. */
void breakeven_solve_within(struct breakeven *out, const struct option_spec *api,
			    const struct option_spec *sh, const struct workload *w,
			    const struct catalog *cat, const struct assumptions *a,
			    long max_window_steps);

#endif
