/*
 * breakeven.c - exact breakeven volumes (model.md 5).
 *
 * With the shape fixed, the API costs A(V) = a V + c. Each pair k of a price
 * row the option may use and a feasible tp (a "combo") costs
 * S_k(V) = F + g_k gpus_billed_k(n), n = max(m, ceil(x_k V)) replicas plus
 * spares rounded up to whole instances (model.md 3.4): constant on the
 * replica steps ((n-1)/x_k, n/x_k]. An autoscaled option (model.md 7.2)
 * sums such a step function over the loads of the week: with L_j its
 * distinct loads and c_j the week-hours at each, S_k(V) = F + g_k sum_j c_j
 * gpus_billed_k(n_j) / 168, n_j = max(m, ceil(x_k L_j V)); a static option
 * is the one load L = 1 (its x_k holds the peak) with weight 1. The spares
 * k(n) are spare_replicas, or for an availability target the binomial
 * count of model.md 10, which is nondecreasing in n, so the steps stay the
 * same and S never falls as V grows. S = min over combos (the engine's row
 * and tp choice at each V) is constant on the intervals of the merged
 * breakpoints, so the last volume where S > A is found by walking those
 * intervals down from a proven upper bound; no sampling. Must not print,
 * allocate or read anything but its arguments.
 */
#include "model/breakeven.h"

#include "model/availability.h"
#include "model/profile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COMBOS (64 * ENGINE_N_TP) /* one row per instance size (1-64) and tp */
#define SPARES_CACHED 4096

/* One (price row, tp) pair of a self-hosted option. */
struct combo {
	int tp;
	double x;    /* replicas per token a month: k p / u at the peak p (static),
		      * k / u at load 1 (autoscaled) */
	double g;    /* monthly cost of one billed GPU on this row */
	double inst; /* GPUs per instance (1 for owned GPUs) */
};

/* The cost structure of one self-hosted option across volumes. */
struct shape {
	double a, c;     /* A(V) = a V + c */
	double F;        /* S = F + g_k * sum_j count_j gpus_billed_j / per */
	double m, spare; /* min and spare replicas */
	double target;   /* required availability; 0: none, k(n) = spare */
	struct avail_bounds ab; /* bounds on n + k(n) (model.md 10) */
	const struct assumptions *as;
	/* k(n) for a target, by n below SPARES_CACHED (NAN: not yet known):
	 * every combo and load of every step asks for the same few n */
	double *spares;
	/* the distinct loads, largest first, and the week-hours at each
	 * (model.md 7.2); a static option has the one load 1 with count 1 */
	size_t n_loads;
	double load[WEEK_HOURS], count[WEEK_HOURS];
	double per;       /* sum of the counts: 168, or 1 */
	size_t first;     /* the combo of the lowest long-run cost, costed first */
	size_t n;        /* combos */
	struct combo k[MAX_COMBOS];
};

/* n serving replicas plus their spares (model.md 10) */
static double with_spares(const struct shape *s, double n)
{
	double *k;

	if (!(s->target > 0))
		return n + s->spare;
	if (!(n >= 0 && n < SPARES_CACHED))
		return n + engine_spares(n, s->target, s->as, NULL);
	k = &s->spares[(size_t)n];
	if (isnan(*k))
		*k = engine_spares(n, s->target, s->as, NULL);
	return n + *k;
}

/* model.md 3.4: the GPUs combo i bills for n serving replicas (spares
 * added, whole instances) */
static double billed(const struct shape *s, size_t i, double n)
{
	struct billing b;

	engine_bill(&b, with_spares(s, n), s->k[i].tp, s->k[i].inst);
	return b.gpus_billed;
}

/* The interval of combo i's replica steps that holds V (right-closed), or
 * the one just above V when `after`; sets [*lo, *hi] and returns its cost:
 * every load's step, merged (model.md 7.2: the week-hours sum). Returns
 * INFINITY instead when the cost is surely at least `beat`: each load's
 * billed GPUs are at least tp (n + spare_replicas), whole numbers summed
 * exactly, so that bound never passes the cost as computed. */
static double step(const struct shape *s, size_t i, double v, bool after, double *lo, double *hi,
		   double beat)
{
	double first = fmax(s->m, 1), units = 0, floor_units = 0, n_at[WEEK_HOURS];

	*lo = 0;
	*hi = INFINITY;
	for (size_t j = 0; j < s->n_loads; j++) {
		double x = s->k[i].x * s->load[j], n;
		if (!(x > 0)) {
			n = s->m; /* an idle hour runs min_replicas whatever V */
		} else {
			n = engine_ceil(x * v);
			if (after && n / x <= v * (1 + 1e-12))
				n += 1;
			if (n <= first)
				n = first;
			else
				*lo = fmax(*lo, (n - 1) / x);
			*hi = fmin(*hi, n / x);
		}
		n_at[j] = n;
		floor_units += s->count[j] * (s->k[i].tp * (n + s->spare));
	}
	if (s->F + s->k[i].g * floor_units / s->per >= beat)
		return INFINITY;
	for (size_t j = 0; j < s->n_loads; j++)
		units += s->count[j] * billed(s, i, n_at[j]);
	return s->F + s->k[i].g * units / s->per;
}

/* The merged interval holding V (or just above it) and S on it. */
static double merged(const struct shape *s, double v, bool after, double *lo, double *hi)
{
	double best = INFINITY;

	*lo = 0;
	*hi = INFINITY;
	for (size_t c = 0; c < s->n; c++) {
		/* the combo of the lowest long-run cost first: usually the
		 * cheapest, so the others' bills need not be added up */
		size_t i = c == 0 ? s->first : c == s->first ? 0 : c;
		double l, h, cost = step(s, i, v, after, &l, &h, best);
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

/* Largest common divisor of two positive whole numbers. */
static long gcd(long a, long b)
{
	while (b) {
		long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Replicas per period of combo i's whole-instance billing: P replicas more
 * bill exactly P tp GPUs more (P = inst / gcd(tp, inst)); 0 when the
 * instance size is not a small whole number. */
static double billing_period(const struct shape *s, size_t i)
{
	double inst = s->k[i].inst;

	if (inst != floor(inst) || inst < 1 || inst > 64)
		return 0;
	return inst / (double)gcd(s->k[i].tp, (long)inst);
}

/* An upper bound on {V : S_i(V) > A(V)} for one combo whose marginal cost
 * is below the API's (a > g tp x), with fixed spares and one load (a
 * static option, or a flat week): one step function. Step n > max(m, 1)
 * holds V in ((n - 1) w, n w], w = 1 / x (3.3's tolerance aside), and
 * loses somewhere iff its
 * left end does: F + g billed(n) - c - a (n - 1) w > 0. Billing repeats
 * every P replicas (billing_period), so along n = n_r + P q that is linear
 * and falling in q: the last losing step of each residue is in closed
 * form, exact where a linear bound on whole instances (g (inst - 1) of
 * slack) would leave a walk of up to that slack / (a w - g tp) steps,
 * seconds when the API is priced within 1e-8 of self-hosting. */
static double tp_sup(const struct shape *s, size_t i)
{
	/* a step's ends sit at n w / (1 - 1e-9): engine_ceil's tolerance,
	 * which matters when the API is priced within 1e-6 of self-hosting */
	double first = fmax(s->m, 1), w = 1 / (s->k[i].x * s->load[0] * (1 - 1e-9));
	double gt = s->k[i].g * s->k[i].tp;
	double g = s->k[i].g, period = billing_period(s, i), n0 = floor(first) + 1, sup;
	/* the steps up to max(m, 1) replicas are one: [0, first w] */
	double xn = (s->F + g * billed(s, i, first) - s->c) / s->a;

	sup = xn > 0 ? fmin(first * w, xn) : 0;
	if (!(period > 0)) {
		/* step n > first loses iff (F + gt (n + spare) + g (inst - 1) -
		 * c) / a > (n - 1) w, bounding the instances linearly */
		double big_n = (f_upper(s, i) + gt * s->spare - s->c + s->a * w) / (s->a * w - gt);
		double n_last = ceil(big_n) - 1;
		if (n_last > first)
			sup = fmax(sup, fmin(n_last * w,
					     (f_upper(s, i) + gt * (n_last + s->spare) - s->c) / s->a));
		return sup;
	}
	for (double r = 0; r < period; r++) {
		double n = n0 + r, bill = billed(s, i, n);
		double q = ceil((s->F + g * bill - s->c - s->a * (n - 1) * w) /
				(period * (s->a * w - gt))) - 1;
		if (q < 0)
			continue;
		n += period * q;
		sup = fmax(sup, fmin(n * w, (s->F + g * (bill + period * q * s->k[i].tp) - s->c) / s->a));
	}
	/* room for rounding: the walk checks every step below, from the middle
	 * of a step, never from an end where its arithmetic and the engine's
	 * could round a replica count apart */
	return sup + 2.5 * period * w;
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
 * a quadratic in sqrt(N) that is positive beyond its larger root. Over a
 * week, the mean of the hours' n_j is at most max(m, 1) + 1 + x V (the
 * mean load is 1, model.md 7.1) and the bound is concave in n, so the
 * same holds. */
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

/* Without an availability target, a volume above which combo i surely
 * costs no more than the API (INFINITY when its long-run cost per token is
 * not below the API's): each load's replicas are at most m + 1 + x L_j V,
 * so S_i <= F + g tp (m + 1 + x V + spare) + g (inst - 1), the loads'
 * mean being 1 (model.md 7.1). */
static double linear_sup(const struct shape *s, size_t i)
{
	double gt = s->k[i].g * s->k[i].tp, xm = s->k[i].x;

	if (!(s->a > gt * xm))
		return INFINITY;
	return (f_upper(s, i) + gt * (s->m + 1 + s->spare) - s->c) / (s->a - gt * xm);
}

/* model.md 5: the smallest V* with S(V) <= A(V) for all V >= V*, walking
 * at most `max_steps` steps (one per interval and distinct load); NAN when
 * V* lies further down than that (only an autoscaled option priced within
 * about a millionth of its API needs so many: a static one starts from its
 * exact bound). */
static double step_breakeven(const struct shape *s, size_t best_tp, long max_steps)
{
	double bound = INFINITY, v;
	long steps = 0;

	if (s->target > 0) {
		for (size_t i = 0; i < s->n; i++)
			bound = fmin(bound, avail_sup(s, i));
	} else {
		/* the combo of the lowest marginal cost bounds them all */
		bound = linear_sup(s, best_tp);
		for (size_t i = 0; i < s->n; i++) {
			/* one step function: the last losing step in closed form */
			if (s->n_loads == 1 && s->a > s->k[i].g * s->k[i].tp * s->k[i].x)
				bound = fmin(bound, tp_sup(s, i));
			else
				bound = fmin(bound, linear_sup(s, i));
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
		/* S never falls as V grows, so S <= cost = A(x) <= A on all of
		 * [x, v]: no loss there, and the walk skips to x */
		if (x <= 0)
			return 0;
		if ((steps += (long)s->n_loads) > max_steps)
			return NAN;
		v = x;
	}
}

/* model.md 5 fluid_tokens_per_month, with fractional replicas and no
 * instance rounding: S_f = min_k f_k, f_k(V) = F + G (sum_j w_j max(m,
 * x L_j V) + spare), G = g tp, w_j = count_j / per (one term for a static
 * option). Each f_k - A is convex and piecewise linear, its knees at
 * m / (x L_j), ascending as the loads descend, so {V >= 0 : f_k <= A} is an
 * interval [*lo, *hi] (hi may be infinite); returns false when it is empty.
 * Walks the pieces left to right: h is f_k - A at the piece's start. */
static bool fluid_interval(const struct shape *s, size_t i, double *lo, double *hi)
{
	double G = s->k[i].g * s->k[i].tp, x = s->k[i].x;
	double h = s->F + G * (s->m + s->spare) - s->c, slope = -s->a, start = 0;
	bool in = false; /* lo found */

	for (size_t j = 0; j <= s->n_loads; j++) {
		/* the piece [start, end]; past the last knee it reaches infinity */
		double xl = j < s->n_loads ? x * s->load[j] : 0;
		double end = xl > 0 ? s->m / xl : INFINITY;
		double h_end = isfinite(end) ? h + slope * (end - start)
					     : slope < 0 ? -INFINITY : slope > 0 ? INFINITY : h;
		if (!in && h <= 0) {
			*lo = start;
			in = true;
		} else if (!in && h_end <= 0) {
			*lo = start + h / -slope; /* falls through zero here */
			in = true;
		}
		if (in && h_end > 0) {
			/* rises through zero here (h_end > 0 >= h(lo), so slope > 0) */
			*hi = start + fmax(0, -h) / slope;
			return true;
		}
		if (!isfinite(end))
			break;
		h = h_end;
		start = end;
		slope += G * (s->count[j] / s->per * xl);
	}
	if (!in)
		return false;
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

/* Volumes where S <= A although self-hosting never stays cheaper. Each
 * interval walked costs one step per load (the work it takes). */
static void find_windows(struct breakeven *out, const struct shape *s, long max_steps)
{
	double limit, v = 0;
	long steps = 0;
	bool after = true;

	/* S_k >= F + g tp (rho x V - delta sqrt(x V)) (avail_bounds; rho 1 and
	 * delta 0 without a target; over a week, whose mean load is 1, the
	 * bound being concave in each hour's replicas), so no window lies above the
	 * volume where that passes A for every combo */
	limit = 0;
	for (size_t i = 0; i < s->n; i++) {
		double gt = s->k[i].g * s->k[i].tp, xm = s->k[i].x;
		double p = gt * s->ab.rho * xm - s->a, root;
		if (!(p > 0)) {
			if (s->c >= s->F || s->ab.delta > 0)
				limit = INFINITY;
			continue;
		}
		root = upper_root(p, gt * s->ab.delta * sqrt(xm), s->F - s->c);
		limit = fmax(limit, root * root);
	}
	while (v < limit) {
		double lo, hi, cost = merged(s, v, after, &lo, &hi);
		/* cheap on [x, hi] when A has reached S */
		double x = s->a > 0 ? (cost - s->c) / s->a : (cost <= s->c ? lo : INFINITY);
		double from = fmax(lo, x);
		steps += (long)s->n_loads;
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
		if (steps > max_steps || !isfinite(hi)) {
			out->windows_truncated = isfinite(limit) ? steps > max_steps : true;
			return;
		}
		if (x > hi && isfinite(x)) {
			/* S never falls as V grows, so S >= cost = A(x) > A on all of
			 * (hi, x): no window there, and the walk skips to the
			 * interval holding x */
			v = x;
			after = false;
		} else {
			v = hi;
			after = true;
		}
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

static int by_load_descending(const void *p, const void *q)
{
	double x = *(const double *)p, y = *(const double *)q;
	return (x < y) - (x > y);
}

/* The loads S(V) sums over: for an autoscaled option the distinct loads of
 * the week (model.md 7.1, 7.2), largest first, each with the week-hours at
 * it; equal hours share one step function, so a week of one profile costs
 * its distinct values, not 168. A static option: the one load 1, weight 1.
 * The engine has made the option infeasible when the week has no shape. */
static void set_loads(struct shape *s, const struct workload *w, bool hourly)
{
	double L[WEEK_HOURS];

	s->n_loads = 1;
	s->load[0] = 1;
	s->count[0] = 1;
	s->per = 1;
	if (!hourly || !profile_week_of(L, &w->profile, w->peak_to_average))
		return;
	qsort(L, WEEK_HOURS, sizeof(L[0]), by_load_descending);
	s->n_loads = 0;
	for (int h = 0; h < WEEK_HOURS; h++) {
		if (s->n_loads && L[h] == s->load[s->n_loads - 1]) {
			s->count[s->n_loads - 1]++;
		} else {
			s->load[s->n_loads] = L[h];
			s->count[s->n_loads++] = 1;
		}
	}
	s->per = WEEK_HOURS;
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
	double spares[SPARES_CACHED];
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
	set_loads(&s, w, sh->scaling == SCALING_HOURLY);
	s.F = engine_sh_cost(&parts, sh, 0, 0, a);
	s.m = a->v[A_MIN_REPLICAS];
	s.spare = a->v[A_SPARE_REPLICAS];
	s.target = w->req.availability;
	s.as = a;
	s.spares = spares;
	for (size_t i = 0; s.target > 0 && i < SPARES_CACHED; i++)
		spares[i] = NAN;
	avail_bounds(&s.ab, a->v[A_REPLICA_AVAILABILITY], s.target, s.spare);
	for (size_t i = 0; i < ENGINE_N_TP; i++) {
		int tp = engine_tp_set[i];
		if (sh->tensor_parallel && sh->tensor_parallel != tp)
			continue;
		engine_replica_for(&reps[n_tp], sh->model, sh->gpu, sh->precision, tp, w, cat, a);
		tps[n_tp] = tp;
		/* replicas per token of this shape at the peak (static), or at
		 * load 1 (autoscaled: step() scales by each hour's load) */
		x[n_tp] = engine_busy(&reps[n_tp], w->t_in / volume, w->t_out / volume, a) *
			  (sh->scaling == SCALING_HOURLY ? 1 : w->peak_to_average) /
			  a->v[A_TARGET_UTILIZATION];
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
			if (!engine_price_candidate(sh, p) || engine_price_dominated(sh, k))
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
	s.first = best;
	/* model.md 10: with a target, spares grow like (1 / a - 1) n, so the
	 * long-run cost per token is rho = 1 / replica_availability times the
	 * fluid one */
	out->self_hosted_per_token = s_inf * s.ab.rho;
	out->self_hosted_priced = true;
	if (!(s.a > s_inf * s.ab.rho)) {
		never(out, "", "api_marginal_cost_not_above_self_hosted");
		find_windows(out, &s, max_window_steps);
		return;
	}
	out->tokens_per_month = step_breakeven(&s, best, BE_MAX_WALK_STEPS);
	if (isnan(out->tokens_per_month)) {
		/* a located limit rather than minutes of walking (issue: every
		 * command within about a second) */
		out->tokens_per_month = 0;
		never(out, "", "breakeven_beyond_walk_limit");
		return;
	}
	out->found = true;
	out->has_fluid = true;
	out->fluid_tokens_per_month = fluid_breakeven(&s);
	engine_scale(&out->at, w, out->tokens_per_month);
	out->tokens_per_day = out->tokens_per_month / (a->v[A_HOURS_PER_MONTH] / 24);
	engine_evaluate(&out->api_at, api, &out->at, cat, a);
	engine_evaluate(&out->self_hosted_at, sh, &out->at, cat, a);
}
