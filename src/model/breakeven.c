/*
 * breakeven.c - exact breakeven volumes (model.md 5).
 *
 * With the shape fixed, the API costs A(V) = a V + c. Each pair k of a price
 * row the option may use and a feasible tp (a "combo") costs
 * S_k(V) = F + g_k gpus_billed_k(n), n = max(m, ceil(x_k V)) replicas plus
 * spares rounded up to whole instances (model.md 3.4): constant on the
 * replica steps ((n-1)/x_k, n/x_k]. The spares k(n) are spare_replicas, or
 * for an availability target the binomial count of model.md 10, which is
 * nondecreasing in n, so the steps stay the same. S = min over combos (the engine's row
 * and tp choice at each V) is constant on the intervals of the merged
 * breakpoints, so the last volume where S > A is found by walking those
 * intervals down from a proven upper bound; no sampling. Must not print,
 * allocate or read anything but its arguments.
 */
#include "model/breakeven.h"

#include "model/availability.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COMBOS (64 * ENGINE_N_TP) /* one row per instance size (1-64) and tp */

/* One (price row, tp) pair of a self-hosted option. */
struct combo {
	int tp;
	double x;    /* replicas at peak per token a month: k p / u */
	double g;    /* monthly cost of one billed GPU on this row */
	double inst; /* GPUs per instance (1 for owned GPUs) */
};

/* The cost structure of one self-hosted option across volumes. */
struct shape {
	double a, c;     /* A(V) = a V + c */
	double F;        /* S = F + g_k * gpus_billed */
	double m, spare; /* min and spare replicas */
	double target;   /* required availability; 0: none, k(n) = spare */
	struct avail_bounds ab; /* bounds on n + k(n) (model.md 10) */
	const struct assumptions *as;
	size_t n;        /* combos */
	struct combo k[MAX_COMBOS];
};

/* n serving replicas plus their spares (model.md 10) */
static double with_spares(const struct shape *s, double n)
{
	return n + (s->target > 0 ? engine_spares(n, s->target, s->as, NULL) : s->spare);
}

/* model.md 3.4: the cost of combo i at n serving replicas (spares added,
 * whole instances) */
static double combo_cost(const struct shape *s, size_t i, double n)
{
	struct billing b;

	engine_bill(&b, with_spares(s, n), s->k[i].tp, s->k[i].inst);
	return s->F + s->k[i].g * b.gpus_billed;
}

/* The interval of combo i's replica steps that holds V (right-closed), or
 * the one just above V when `after`; sets [*lo, *hi] and returns its cost. */
static double step(const struct shape *s, size_t i, double v, bool after, double *lo, double *hi)
{
	double x = s->k[i].x, first = fmax(s->m, 1), n = engine_ceil(x * v);

	if (after && n / x <= v * (1 + 1e-12))
		n += 1;
	if (n <= first) {
		n = first;
		*lo = 0;
	} else {
		*lo = (n - 1) / x;
	}
	*hi = n / x;
	return combo_cost(s, i, n);
}

/* The merged interval holding V (or just above it) and S on it. */
static double merged(const struct shape *s, double v, bool after, double *lo, double *hi)
{
	double best = INFINITY;

	*lo = 0;
	*hi = INFINITY;
	for (size_t i = 0; i < s->n; i++) {
		double l, h, cost = step(s, i, v, after, &l, &h);
		*lo = fmax(*lo, l);
		*hi = fmin(*hi, h);
		best = fmin(best, cost);
	}
	return best;
}

/* Whole instances cost at most inst - 1 GPUs more than the replicas need:
 * S_k(n) <= F + g tp (n + spare) + g (inst - 1). */
static double f_upper(const struct shape *s, size_t i)
{
	return s->F + s->k[i].g * (s->k[i].inst - 1);
}

/* An upper bound on {V : S_i(V) > A(V)} for one combo whose marginal cost
 * is below the API's (a > g tp x), from the linear bound on its cost:
 * violations stop after step n_last. */
static double tp_sup(const struct shape *s, size_t i)
{
	double first = fmax(s->m, 1), w = 1 / s->k[i].x, gt = s->k[i].g * s->k[i].tp;
	double F = f_upper(s, i);
	/* step n > first violates iff (F + gt (n + spare) - c) / a > (n - 1) w */
	double big_n = (F + gt * s->spare - s->c + s->a * w) / (s->a * w - gt);
	double n_last = ceil(big_n) - 1;
	double xn;

	if (n_last > first) {
		xn = (F + gt * (n_last + s->spare) - s->c) / s->a;
		return fmin(n_last * w, xn);
	}
	xn = (F + gt * (first + s->spare) - s->c) / s->a;
	return xn > 0 ? fmin(first * w, xn) : 0;
}

/* The larger root of p s^2 - q s + r (p > 0), or 0 when it has none. */
static double upper_root(double p, double q, double r)
{
	double disc = q * q - 4 * p * r;

	return disc > 0 ? fmax(0, (q + sqrt(disc)) / (2 * p)) : 0;
}

/* With an availability target: a volume above which combo i surely costs
 * no more than the API (INFINITY when its long-run cost per token is not
 * below the API's). With N = max(m, 1) + 1 + x V >= n, its replicas are at
 * most rho N + beta sqrt(N) + gamma (avail_bounds), so A - S_i is at least
 * a quadratic in sqrt(N) that is positive beyond its larger root. */
static double avail_sup(const struct shape *s, size_t i)
{
	const struct avail_bounds *b = &s->ab;
	double gt = s->k[i].g * s->k[i].tp, x = s->k[i].x, m1 = fmax(s->m, 1) + 1;
	double p = s->a / x - gt * b->rho;
	double root;

	if (!(p > 0))
		return INFINITY;
	root = upper_root(p, gt * b->beta, s->c - f_upper(s, i) - gt * b->gamma - s->a * m1 / x);
	return fmax(0, (root * root - m1) / x);
}

/* model.md 5: the smallest V* with S(V) <= A(V) for all V >= V*. */
static double step_breakeven(const struct shape *s, double s_inf, size_t best_tp)
{
	double bound = INFINITY, v;

	if (s->target > 0) {
		for (size_t i = 0; i < s->n; i++)
			bound = fmin(bound, avail_sup(s, i));
	} else {
		/* S <= F + g tp (m + x V + 1 + spare) + g (inst - 1) for the combo
		 * of the lowest marginal cost, so no violation lies above this */
		bound = (f_upper(s, best_tp) +
			 s->k[best_tp].g * s->k[best_tp].tp * (s->m + 1 + s->spare) - s->c) /
			(s->a - s_inf);
		for (size_t i = 0; i < s->n; i++) {
			if (s->a > s->k[i].g * s->k[i].tp * s->k[i].x)
				bound = fmin(bound, tp_sup(s, i));
		}
	}
	if (bound <= 0)
		return 0;
	v = bound;
	for (;;) {
		double lo, hi, cost = merged(s, v, false, &lo, &hi);
		double x = (cost - s->c) / s->a; /* S > A below x */
		if (x > lo)
			return fmin(fmin(hi, x), bound);
		if (lo <= 0)
			return 0;
		v = lo;
	}
}

/* model.md 5 fluid_tokens_per_month, with fractional replicas and no
 * instance rounding: S_f = min_k f_k, f_k(V) = F + G (max(m, x V) + spare),
 * G = g tp. Each f_k - A is convex, so {V >= 0 : f_k <= A} is an interval
 * [*lo, *hi] (hi may be infinite); returns false when it is empty. */
static bool fluid_interval(const struct shape *s, size_t i, double *lo, double *hi)
{
	double G = s->k[i].g * s->k[i].tp, x = s->k[i].x, knee = s->m / x;
	double slope = G * x - s->a; /* of f_k - A above the knee */
	double at_knee = s->F + G * (s->m + s->spare) - s->c - s->a * knee;

	if (at_knee <= 0) {
		/* below the knee f_k - A falls with slope -a (a > 0 here) */
		*lo = fmax(0, (s->F + G * (s->m + s->spare) - s->c) / s->a);
		*hi = slope <= 0 ? INFINITY : knee - at_knee / slope;
		return true;
	}
	if (slope >= 0)
		return false;
	*lo = knee + at_knee / -slope;
	*hi = INFINITY;
	return true;
}

/* The smallest V with S_f <= A on all of [V, inf): the start of the union
 * of the intervals that reaches infinity. */
static double fluid_breakeven(const struct shape *s)
{
	double v = INFINITY, lo, hi;
	bool changed = true;

	for (size_t i = 0; i < s->n; i++) {
		if (fluid_interval(s, i, &lo, &hi) && !isfinite(hi))
			v = fmin(v, lo);
	}
	while (changed) {
		changed = false;
		for (size_t i = 0; i < s->n; i++) {
			if (fluid_interval(s, i, &lo, &hi) && lo < v && hi >= v * (1 - 1e-12)) {
				v = lo;
				changed = true;
			}
		}
	}
	return isfinite(v) ? v : 0;
}

/* Volumes where S <= A although self-hosting never stays cheaper. */
static void find_windows(struct breakeven *out, const struct shape *s, double s_inf,
			 long max_steps)
{
	double limit, v = 0;
	long steps = 0;

	/* S_k >= F + g tp (rho x V - delta sqrt(x V)) (avail_bounds; rho 1 and
	 * delta 0 without a target), so no window lies above the volume where
	 * that passes A for every combo */
	limit = 0;
	for (size_t i = 0; i < s->n; i++) {
		double gt = s->k[i].g * s->k[i].tp, p = gt * s->ab.rho * s->k[i].x - s->a, root;
		if (!(p > 0)) {
			if (s->c >= s->F || s->ab.delta > 0)
				limit = INFINITY;
			continue;
		}
		root = upper_root(p, gt * s->ab.delta * sqrt(s->k[i].x), s->F - s->c);
		limit = fmax(limit, root * root);
	}
	(void)s_inf;
	while (v < limit) {
		double lo, hi, cost = merged(s, v, true, &lo, &hi);
		/* cheap on [x, hi] when A has reached S */
		double x = s->a > 0 ? (cost - s->c) / s->a : (cost <= s->c ? lo : INFINITY);
		double from = fmax(lo, x);
		if (from <= hi) {
			struct be_window *last = out->n_windows ? &out->windows[out->n_windows - 1] : NULL;
			if (last && from <= last->to * (1 + 1e-12)) {
				last->to = hi;
			} else if (out->n_windows == BE_MAX_WINDOWS) {
				out->windows_truncated = true;
				return;
			} else {
				out->windows[out->n_windows++] = (struct be_window){from, hi};
			}
		}
		if (++steps > max_steps || !isfinite(hi)) {
			out->windows_truncated = isfinite(limit) ? steps > max_steps : true;
			return;
		}
		v = hi;
	}
}

/* status never: reason = prefix + code */
static void never(struct breakeven *out, const char *prefix, const char *code)
{
	out->found = false;
	out->reason[0] = '\0';
	strncat(out->reason, prefix, sizeof(out->reason) - 1);
	strncat(out->reason, code, sizeof(out->reason) - strlen(out->reason) - 1);
}

static double size_of(const struct gpu_price *p)
{
	return p->instance_gpus >= 1 ? p->instance_gpus : 1;
}

/* True when a candidate row of gpu's k-th row's instance size is cheaper
 * (or as cheap and earlier): that row always gives a lower or equal bill */
static bool dominated(const struct option_spec *sh, size_t k)
{
	const struct gpu *g = sh->gpu;
	const struct gpu_price *p = &g->prices[k];

	for (size_t j = 0; j < g->n_prices; j++) {
		const struct gpu_price *q = &g->prices[j];
		if (j == k || size_of(q) != size_of(p) || !engine_price_candidate(sh, q))
			continue;
		if (q->per_gpu_hour < p->per_gpu_hour || (q->per_gpu_hour == p->per_gpu_hour && j < k))
			return true;
	}
	return false;
}

/* Adds the combos of price row `row` (NULL: owned GPUs) to `s`: one per
 * fitting tp of reps[0..n), at cost g per billed GPU a month. */
static void add_combos(struct shape *s, const struct gpu_price *row, double g,
		       const struct replica *reps, const int *tps, const double *x, size_t n)
{
	for (size_t i = 0; i < n && s->n < MAX_COMBOS; i++) {
		if (!reps[i].fits)
			continue;
		s->k[s->n++] = (struct combo){tps[i], x[i], g, row ? size_of(row) : 1};
	}
}

void breakeven_solve(struct breakeven *out, const struct option_spec *api,
		     const struct option_spec *sh, const struct workload *w,
		     const struct catalog *cat, const struct assumptions *a)
{
	breakeven_solve_within(out, api, sh, w, cat, a, BE_MAX_WINDOW_STEPS);
}

void breakeven_solve_within(struct breakeven *out, const struct option_spec *api,
			    const struct option_spec *sh, const struct workload *w,
			    const struct catalog *cat, const struct assumptions *a,
			    long max_window_steps)
{
	double volume = w->t_in + w->t_out, s_inf = INFINITY;
	struct option_result r;
	struct shape s;
	struct sh_cost parts;
	struct replica reps[ENGINE_N_TP];
	int tps[ENGINE_N_TP];
	double x[ENGINE_N_TP];
	size_t best = 0, n_tp = 0;

	memset(out, 0, sizeof(*out));
	if (!(volume > 0)) {
		never(out, "", "no_volume");
		return;
	}
	engine_evaluate(&r, api, w, cat, a);
	if (!r.feasible) {
		never(out, "api_", reason_codes[r.reason]);
		return;
	}
	memset(&s, 0, sizeof(s));
	/* the per-token part from its own components: subtracting the fee from
	 * the total would cancel digits when the fee dwarfs the bill */
	s.c = r.api.fixed;
	s.a = (r.api.input + r.api.cached_input + r.api.cache_write + r.api.output - r.api.batch_savings) /
	      volume;
	out->api_per_token = s.a;
	out->api_fixed = s.c;
	out->api_priced = true;
	engine_evaluate(&r, sh, w, cat, a);
	if (!r.feasible) {
		never(out, "self_hosted_", reason_codes[r.reason]);
		return;
	}
	/* model.md 7.2: the step function of an autoscaled option sums the
	 * week-hours' steps; this solver walks one peak's steps, so rather than
	 * a wrong volume it says it has not solved it (sweep draws it exactly) */
	if (sh->scaling == SCALING_HOURLY) {
		never(out, "", "hourly_scaling_not_solved");
		return;
	}
	s.F = engine_sh_cost(&parts, sh, 0, 0, a);
	s.m = a->v[A_MIN_REPLICAS];
	s.spare = a->v[A_SPARE_REPLICAS];
	s.target = w->req.availability;
	s.as = a;
	avail_bounds(&s.ab, a->v[A_REPLICA_AVAILABILITY], s.target, s.spare);
	for (size_t i = 0; i < ENGINE_N_TP; i++) {
		int tp = engine_tp_set[i];
		if (sh->tensor_parallel && sh->tensor_parallel != tp)
			continue;
		engine_replica_for(&reps[n_tp], sh->model, sh->gpu, sh->precision, tp, w, cat, a);
		tps[n_tp] = tp;
		/* replicas at peak per token of this shape */
		x[n_tp] = engine_busy(&reps[n_tp], w->t_in / volume, w->t_out / volume, a) *
			  w->peak_to_average / a->v[A_TARGET_UTILIZATION];
		n_tp++;
	}
	if (sh->pricing == PRICE_OWNED) {
		add_combos(&s, NULL, engine_sh_cost(&parts, sh, 1, 0, a) - s.F, reps, tps, x, n_tp);
	} else {
		/* model.md 3.4: at every volume the engine takes the cheapest of
		 * the candidate rows, so S is the minimum over all their combos;
		 * of rows with the same instance size only the cheapest can win */
		const struct gpu *g = sh->gpu;
		for (size_t k = 0; k < g->n_prices; k++) {
			const struct gpu_price *p = &g->prices[k];
			double hourly = p->per_gpu_hour * a->gpu_price_factor;
			if (!engine_price_candidate(sh, p) || dominated(sh, k))
				continue;
			add_combos(&s, p, engine_sh_cost(&parts, sh, 1, hourly, a) - s.F, reps, tps, x,
				   n_tp);
		}
	}
	for (size_t i = 0; i < s.n; i++) {
		double marginal = s.k[i].g * s.k[i].tp * s.k[i].x;
		if (marginal < s_inf) {
			s_inf = marginal;
			best = i;
		}
	}
	/* model.md 10: with a target, spares grow like (1 / a - 1) n, so the
	 * long-run cost per token is rho = 1 / replica_availability times the
	 * fluid one */
	out->self_hosted_per_token = s_inf * s.ab.rho;
	out->self_hosted_priced = true;
	if (!(s.a > s_inf * s.ab.rho)) {
		never(out, "", "api_marginal_cost_not_above_self_hosted");
		find_windows(out, &s, s_inf, max_window_steps);
		return;
	}
	out->found = true;
	out->tokens_per_month = step_breakeven(&s, s_inf, best);
	out->has_fluid = true;
	out->fluid_tokens_per_month = fluid_breakeven(&s);
	engine_scale(&out->at, w, out->tokens_per_month);
	out->tokens_per_day = out->tokens_per_month / (a->v[A_HOURS_PER_MONTH] / 24);
	engine_evaluate(&out->api_at, api, &out->at, cat, a);
	engine_evaluate(&out->self_hosted_at, sh, &out->at, cat, a);
}
