/*
 * availability.h - spare replicas for an availability target (model.md 10).
 *
 * Pure functions of numbers: no catalog, no workload, no I/O, no
 * allocation, no global state. Every caller that sizes self-hosted replicas
 * (static, autoscaled per week-hour, breakeven, sweep, simulate, horizon)
 * goes through avail_spares() so that the rule lives in one place.
 */
#ifndef LLMTCO_AVAILABILITY_H
#define LLMTCO_AVAILABILITY_H

/* P(Binomial(n, a) >= r): the probability that at least `r` of `n`
 * replicas, each up independently with probability `a` in (0, 1], are up.
 * `r` and `n` are whole numbers >= 0; 1 when r <= 0, 0 when r > n. Summed
 * from the binomial terms in log space, so targets such as 0.99999 and
 * thousands of replicas neither underflow nor cancel. */
double avail_at_least(double r, double n, double a);

/* model.md 10: the smallest whole k >= k_min with
 * P(Binomial(r + k, a) >= r) >= target, for `r` >= 0 serving replicas,
 * replica availability `a` in (0, 1] and `target` in (0, 1). Writes the
 * availability achieved with k spares to *achieved (may be NULL). A
 * shortfall within a relative 1e-9 of 1 - target counts as meeting it, so
 * that a target equal to an exact probability (0.99 for one replica at
 * 0.99) does not round up. With `target` <= 0 (no requirement) returns
 * k_min. When r + k would exceed `n_max` replicas in all (INFINITY: no
 * limit), returns INFINITY (and NAN in *achieved) without summing more
 * than n_max terms, so the work is bounded by n_max whatever r and a are. */
double avail_spares(double r, double a, double target, double k_min, double n_max, double *achieved);

/* Constants bounding the replicas, spares included, that avail_spares()
 * gives for r serving replicas (model.md 10, Hoeffding's inequality):
 *     r + k(r) <= rho * r + beta * sqrt(r) + gamma
 *     r + k(r) >= rho * r - delta * sqrt(r)      (for every r >= 0)
 * and rho = 1 / a is the long-run replicas per serving replica. Without a
 * target: rho 1, beta 0, gamma k_min, delta 0 (and then the bound is
 * exact). breakeven uses them to bound its search. */
struct avail_bounds {
	double rho, beta, gamma, delta;
};
void avail_bounds(struct avail_bounds *b, double a, double target, double k_min);

#endif
