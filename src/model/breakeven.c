/*
 * breakeven.c - exact breakeven volumes (model.md 5).
 *
 * With the shape fixed, the API costs A(V) = a V + c and each feasible tp
 * costs S_tp(V) = F + g tp (max(m, ceil(x_tp V)) + spare): constant on
 * intervals ((n-1)/x_tp, n/x_tp]. S = min over tp is constant on the
 * intervals of the merged breakpoints, so the last volume where S > A is
 * found by walking those intervals down from a proven upper bound; no
 * sampling. Must not print, allocate or read anything but its arguments.
 */
#include "model/breakeven.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 20000000 /* intervals walked before giving up on windows */

/* The cost structure of one self-hosted option across volumes. */
struct shape {
	double a, c;          /* A(V) = a V + c */
	double F, g;          /* S = F + g * gpus */
	double m, spare;      /* min and spare replicas */
	size_t n;             /* feasible tps */
	int tp[ENGINE_N_TP];
	double x[ENGINE_N_TP];         /* replicas at peak per token a month: k p / u */
};

/* The interval of tp i's replica steps that holds V (right-closed), or the
 * one just above V when `after`; sets [*lo, *hi] and returns its cost. */
static double step(const struct shape *s, size_t i, double v, bool after, double *lo, double *hi)
{
	double first = fmax(s->m, 1), n = engine_ceil(s->x[i] * v);

	if (after && n / s->x[i] <= v * (1 + 1e-12))
		n += 1;
	if (n <= first) {
		n = first;
		*lo = 0;
	} else {
		*lo = (n - 1) / s->x[i];
	}
	*hi = n / s->x[i];
	return s->F + s->g * s->tp[i] * (n + s->spare);
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

/* The supremum of {V : S_i(V) > A(V)} for one tp whose marginal cost is
 * below the API's (a > g tp x): violations stop after step n_last. */
static double tp_sup(const struct shape *s, size_t i)
{
	double first = fmax(s->m, 1), w = 1 / s->x[i], gt = s->g * s->tp[i];
	/* step n > first violates iff (F + gt (n + spare) - c) / a > (n - 1) w */
	double big_n = (s->F + gt * s->spare - s->c + s->a * w) / (s->a * w - gt);
	double n_last = ceil(big_n) - 1;
	double xn;

	if (n_last > first) {
		xn = (s->F + gt * (n_last + s->spare) - s->c) / s->a;
		return fmin(n_last * w, xn);
	}
	xn = (s->F + gt * (first + s->spare) - s->c) / s->a;
	return xn > 0 ? fmin(first * w, xn) : 0;
}

/* model.md 5: the smallest V* with S(V) <= A(V) for all V >= V*. */
static double step_breakeven(const struct shape *s, double s_inf, size_t best_tp)
{
	double bound, v;

	/* S <= F + g tp (m + x V + 1 + spare) for the cheapest tp, so no
	 * violation lies above this */
	bound = (s->F + s->g * s->tp[best_tp] * (s->m + 1 + s->spare) - s->c) / (s->a - s_inf);
	for (size_t i = 0; i < s->n; i++) {
		if (s->a > s->g * s->tp[i] * s->x[i])
			bound = fmin(bound, tp_sup(s, i));
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

/* Fractional replicas: S_f(V) = F + g min_tp tp (max(m, x V) + spare). */
static double fluid_cost(const struct shape *s, double v)
{
	double best = INFINITY;

	for (size_t i = 0; i < s->n; i++)
		best = fmin(best, s->g * s->tp[i] * (fmax(s->m, s->x[i] * v) + s->spare));
	return s->F + best;
}

static int by_value(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;
	return (a > b) - (a < b);
}

/* model.md 5 fluid_tokens_per_month: S_f - A is linear between the knees of
 * the tps and the crossings of their lines, so scan those from the top. */
static double fluid_breakeven(const struct shape *s, double s_inf)
{
	double pts[4 + 28 + 1];
	double lines[8][2]; /* alpha, beta of g tp (m + spare) and g tp (x V + spare) */
	size_t n = 0, nl = 0;

	pts[n++] = 0;
	for (size_t i = 0; i < s->n; i++) {
		double gt = s->g * s->tp[i];
		pts[n++] = s->m / s->x[i];
		lines[nl][0] = gt * (s->m + s->spare);
		lines[nl++][1] = 0;
		lines[nl][0] = gt * s->spare;
		lines[nl++][1] = gt * s->x[i];
	}
	for (size_t i = 0; i < nl; i++) {
		for (size_t j = i + 1; j < nl; j++) {
			double db = lines[j][1] - lines[i][1];
			double v = db != 0 ? (lines[i][0] - lines[j][0]) / db : -1;
			if (v > 0 && isfinite(v))
				pts[n++] = v;
		}
	}
	qsort(pts, n, sizeof(pts[0]), by_value);
	for (size_t k = n; k-- > 0;) {
		double d = fluid_cost(s, pts[k]) - (s->a * pts[k] + s->c);
		if (d <= 0)
			continue;
		if (k == n - 1)
			return pts[k] + d / (s->a - s_inf);
		{
			double d2 = fluid_cost(s, pts[k + 1]) - (s->a * pts[k + 1] + s->c);
			return pts[k] + d / (d - d2) * (pts[k + 1] - pts[k]);
		}
	}
	return 0;
}

/* Volumes where S <= A although self-hosting never stays cheaper. */
static void find_windows(struct breakeven *out, const struct shape *s, double s_inf)
{
	double limit, v = 0;
	long steps = 0;

	/* S >= F + s_inf V, so no window lies above limit */
	if (s->a < s_inf)
		limit = (s->c - s->F) / (s_inf - s->a);
	else
		limit = s->c >= s->F ? INFINITY : 0;
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
		if (++steps > MAX_STEPS || !isfinite(hi)) {
			out->windows_truncated = isfinite(limit) ? steps > MAX_STEPS : true;
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

void breakeven_solve(struct breakeven *out, const struct option_spec *api,
		     const struct option_spec *sh, const struct workload *w,
		     const struct catalog *cat, const struct assumptions *a)
{
	double volume = w->t_in + w->t_out, s_inf = INFINITY, per_gpu_hour = 0;
	struct option_result r;
	struct shape s = {0};
	struct sh_cost parts;
	size_t best = 0;

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
	/* the per-token part from its own components: subtracting the fee from
	 * the total would cancel digits when the fee dwarfs the bill */
	s.c = r.api.fixed;
	s.a = (r.api.input + r.api.cached_input + r.api.output - r.api.batch_savings) / volume;
	out->api_per_token = s.a;
	out->api_fixed = s.c;
	out->api_priced = true;
	engine_evaluate(&r, sh, w, cat, a);
	if (!r.feasible) {
		never(out, "self_hosted_", reason_codes[r.reason]);
		return;
	}
	per_gpu_hour = r.per_gpu_hour;
	s.F = engine_sh_cost(&parts, sh, 0, per_gpu_hour, a);
	s.g = engine_sh_cost(&parts, sh, 1, per_gpu_hour, a) - s.F;
	s.m = a->v[A_MIN_REPLICAS];
	s.spare = a->v[A_SPARE_REPLICAS];
	for (size_t i = 0; i < ENGINE_N_TP; i++) {
		struct replica rep;
		int tp = engine_tp_set[i];
		if (sh->tensor_parallel && sh->tensor_parallel != tp)
			continue;
		engine_replica(&rep, sh->model, sh->gpu, sh->precision, tp, w->context_tokens,
			       w->min_output_tps_per_user, cat, a);
		if (!rep.fits)
			continue;
		s.tp[s.n] = tp;
		/* replicas at peak per token of this shape */
		s.x[s.n] = engine_busy(&rep, w->t_in / volume, w->t_out / volume, a) *
			   w->peak_to_average / a->v[A_TARGET_UTILIZATION];
		if (s.g * tp * s.x[s.n] < s_inf) {
			s_inf = s.g * tp * s.x[s.n];
			best = s.n;
		}
		s.n++;
	}
	out->self_hosted_per_token = s_inf;
	out->self_hosted_priced = true;
	if (!(s.a > s_inf)) {
		never(out, "", "api_marginal_cost_not_above_self_hosted");
		find_windows(out, &s, s_inf);
		return;
	}
	out->found = true;
	out->tokens_per_month = step_breakeven(&s, s_inf, best);
	out->has_fluid = true;
	out->fluid_tokens_per_month = fluid_breakeven(&s, s_inf);
	engine_scale(&out->at, w, out->tokens_per_month);
	out->tokens_per_day = out->tokens_per_month / (a->v[A_HOURS_PER_MONTH] / 24);
	engine_evaluate(&out->api_at, api, &out->at, cat, a);
	engine_evaluate(&out->self_hosted_at, sh, &out->at, cat, a);
}
