/*
 * hybrid.h - self-hosted capacity that follows the load over the week:
 * hourly autoscaling (model.md 7.2) and a static self-hosted base with
 * hosted overflow (7.3). The engine calls these once per tensor-parallel
 * degree; they size and cost that tp and leave the choice of tp to it.
 *
 * Pure like the engine: no I/O, no allocation, no state.
 */
#ifndef LLMTCO_HYBRID_H
#define LLMTCO_HYBRID_H

#include "model/engine.h"

/* The hosted overflow of a hybrid, priced on the whole workload: the
 * variable cost per token and the fixed fee (model.md 7.3). */
struct overflow_rate {
	double fixed;      /* api_fixed_per_month, paid when anything overflows */
	struct api_cost at_volume; /* the components on the whole workload */
};

/* model.md 7.2: the autoscaled option `opt` at tp `tp` on replica `rep`:
 * fills out->busy, replicas (the week's maximum), replicas_min,
 * replicas_max, gpus (maximum billed), gpu_hours, utilization and out->sh
 * with `L`, the normalised week (profile_week_of). Returns the total. */
double hourly_cost_tp(struct option_result *out, const struct option_spec *opt,
		      const struct replica *rep, int tp, const struct workload *w,
		      const double *L, const struct assumptions *a);

/* model.md 7.3: the hybrid `opt` at tp `tp`: its fixed replica count, or
 * with opt->replicas == 0 the N of lowest total (ties to fewer GPUs),
 * found exactly from the kinks of the convex overflow. `sorted` is L in
 * ascending order (hybrid_sort_week), shared by every tp and row of one
 * evaluation; NULL sorts it here. Fills out->replicas
 * (serving n), gpus, busy (in-house), utilization, out->sh, out->api and
 * out->overflow (the overflow's bill), overflow_tokens and
 * self_served_share. Returns the total, or -1 when a fixed N is below
 * max(1, min_replicas) (the caller makes the option infeasible). */
double hybrid_cost_tp(struct option_result *out, const struct option_spec *opt,
		      const struct replica *rep, int tp, const struct workload *w,
		      const double *L, const double *sorted, const struct overflow_rate *over,
		      const struct assumptions *a);

/* Copies the week's loads L[0..168) into sorted[], ascending. */
void hybrid_sort_week(double *sorted, const double *L);

/* model.md 7.3: the overflow bill for `tokens` of workload `w` (volume
 * `volume`), components scaled from over->at_volume; the fee only when
 * tokens > 0. Returns its total. */
double hybrid_overflow_bill(struct api_cost *c, const struct overflow_rate *over, double tokens,
			    double volume);

#endif
