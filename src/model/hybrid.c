/*
 * hybrid.c - capacity that follows the load over the week: hourly
 * autoscaling (model.md 7.2) and a static self-hosted base whose bursts
 * overflow to a hosted API (7.3).
 *
 * Sizes and costs one tensor-parallel degree at a time from the replica the
 * engine evaluated (3.1-3.2) and the normalised week of profile.c (7.1).
 * Must not: choose tp, print, allocate, read anything but its arguments.
 * Billing is engine_bill()'s: whole instances of the price row (3.4).
 */
#include "model/hybrid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/profile.h"

/* model.md 3.4: whole instances of price row `row` (NULL: owned GPUs,
 * bought one by one) for `replicas` replicas of `tp` GPUs. */
static void bill(struct billing *b, const struct gpu_price *row, double replicas, int tp)
{
	engine_bill(b, replicas, tp, row && row->instance_gpus >= 1 ? row->instance_gpus : 1);
}

double hourly_cost_tp(struct option_result *out, const struct option_spec *opt,
		      const struct replica *rep, int tp, const struct workload *w,
		      const double *L, const struct assumptions *a)
{
	const double *v = a->v;
	double hours = v[A_HOURS_PER_MONTH], u = v[A_TARGET_UTILIZATION];
	double busy = engine_busy(rep, w->t_in, w->t_out, a);
	double sum_gpus = 0, sum_serving = 0, rmin = INFINITY, rmax = 0, gmax = 0, smax = 0;
	double hour_g[WEEK_HOURS], hour_serving[WEEK_HOURS], hour_spares[WEEK_HOURS];

	/* model.md 7.2: each week-hour provisions for its own load */
	for (int i = 0; i < WEEK_HOURS; i++) {
		double g, serving, spares;
		if (i >= 24 && L[i] == L[i - 24]) {
			/* the same hour of the day before had this load: the same
			 * sizing (weekdays repeat, and so do weekend days) */
			g = hour_g[i - 24];
			serving = hour_serving[i - 24];
			spares = hour_spares[i - 24];
		} else {
			double r = fmax(v[A_MIN_REPLICAS], engine_ceil(busy * L[i] / u));
			struct billing b;
			/* model.md 10: each week-hour's spares for its own R_dh */
			spares = engine_spares(r, w->req.availability, a, NULL);
			bill(&b, out->price, r + spares, tp);
			g = b.gpus_billed;
			serving = b.replicas; /* the paid GPUs all serve */
		}
		hour_g[i] = g;
		hour_serving[i] = serving;
		hour_spares[i] = spares;
		sum_gpus += g;
		sum_serving += serving;
		/* comparisons, not fmax/fmin: no NaN here, and libm's calls were
		 * a fifth of this loop */
		smax = spares > smax ? spares : smax;
		rmin = serving < rmin ? serving : rmin;
		rmax = serving > rmax ? serving : rmax;
		gmax = g > gmax ? g : gmax;
	}
	out->busy = busy;
	out->spare_replicas = smax;
	out->replicas = rmax;
	out->gpus = gmax;
	out->replicas_min = rmin;
	out->replicas_max = rmax;
	out->gpu_hours = sum_gpus * hours / WEEK_HOURS;
	/* utilization 0 when no replica runs all week (min_replicas 0, no load) */
	out->utilization = sum_serving > 0 ? busy / (sum_serving / WEEK_HOURS) : 0;
	engine_sh_cost(&out->sh, opt, 0, out->per_gpu_hour, a);
	out->sh.gpu = sum_gpus * out->per_gpu_hour * hours / WEEK_HOURS;
	return out->sh.gpu + out->sh.engineering + out->sh.infrastructure + out->sh.monitoring +
	       out->sh.model_updates + out->sh.setup;
}

double hybrid_overflow_bill(struct api_cost *c, const struct overflow_rate *over, double tokens,
			    double volume)
{
	double f = volume > 0 ? tokens / volume : 0;
	const struct api_cost *full = &over->at_volume;

	/* model.md 7.3: the hosted bill of the workload scaled by O / volume,
	 * its fee only when something overflows */
	memset(c, 0, sizeof(*c));
	c->input = full->input * f;
	c->cached_input = full->cached_input * f;
	c->cache_write = full->cache_write * f;
	c->output = full->output * f;
	c->batch_savings = full->batch_savings * f;
	c->fixed = tokens > 0 ? over->fixed : 0;
	c->long_context = full->long_context;
	return c->input + c->cached_input + c->cache_write + c->output - c->batch_savings + c->fixed;
}

/* The week of one hybrid tp: loads in replica units k_i = X_dh / cap. */
struct week {
	double k[WEEK_HOURS];
	double hour_tokens; /* tokens one replica-unit of excess costs a month: cap H / 168 */
	double volume;
};

/* model.md 7.3: O(n), tokens a month that n serving replicas cannot take.
 * An hour's excess within 1e-9 of its load is none, the tolerance of 3.3,
 * so a base sized exactly for the peak overflows nothing. */
static double overflow_tokens(const struct week *wk, double n)
{
	double units = 0;

	for (int i = 0; i < WEEK_HOURS; i++) {
		double e = wk->k[i] - n;
		if (e > 1e-9 * wk->k[i])
			units += e;
	}
	return units * wk->hour_tokens;
}

/* Serving replicas when N replicas plus spares are paid for (whole
 * instances' extra GPUs serve too). */
static double serving(const struct option_result *out, double n_rep, int tp, double spare)
{
	struct billing b;

	bill(&b, out->price, n_rep + spare, tp);
	return b.replicas - spare;
}

/* The smallest N >= n0 with at least t serving replicas. */
static double replicas_for(const struct option_result *out, double t, int tp, double spare,
			   double n0)
{
	double n = fmax(n0, t);

	while (serving(out, n, tp, spare) < t)
		n++;
	while (n > n0 && serving(out, n - 1, tp, spare) >= t)
		n--;
	return n;
}

/* The total of N replicas; fills the sizing of `out` when `fill`. */
static double hybrid_total(struct option_result *out, const struct option_spec *opt,
			   const struct week *wk, double n_rep, int tp,
			   const struct overflow_rate *over, const struct assumptions *a, bool fill)
{
	double spare = a->v[A_SPARE_REPLICAS];
	struct billing b;
	double gpus, n, o;

	bill(&b, out->price, n_rep + spare, tp);
	gpus = b.gpus_billed;
	n = b.replicas - spare;
	o = overflow_tokens(wk, n);
	struct sh_cost sh;
	struct api_cost api;
	double own = engine_sh_cost(&sh, opt, gpus, out->per_gpu_hour, a);
	double spill = hybrid_overflow_bill(&api, over, o, wk->volume);

	if (fill) {
		/* model.md 10: the overflow absorbs outages, so only the assumption's spares */
		out->spare_replicas = spare;
		out->replicas = n;
		out->gpus = gpus;
		out->sh = sh;
		out->api = api;
		out->overflow = spill;
		out->overflow_tokens = o;
		out->has_self_served_share = wk->volume > 0;
		out->self_served_share = wk->volume > 0 ? (wk->volume - o) / wk->volume : 0;
		out->weekday_hours_in_house = 0;
		for (int h = 0; h < 24; h++) /* day 0, a weekday: every weekday is alike */
			out->weekday_hours_in_house += !(wk->k[h] - n > 1e-9 * wk->k[h]);
	}
	return own + spill;
}

static double billed_gpus(const struct option_result *out, double replicas, int tp)
{
	struct billing b;

	bill(&b, out->price, replicas, tp);
	return b.gpus_billed;
}

static int by_value(const void *p, const void *q)
{
	double x = *(const double *)p, y = *(const double *)q;
	return (x > y) - (x < y);
}

void hybrid_sort_week(double *sorted, const double *L)
{
	memcpy(sorted, L, WEEK_HOURS * sizeof(*L));
	qsort(sorted, WEEK_HOURS, sizeof(*sorted), by_value);
}

double hybrid_cost_tp(struct option_result *out, const struct option_spec *opt,
		      const struct replica *rep, int tp, const struct workload *w,
		      const double *L, const double *sorted, const struct overflow_rate *over,
		      const struct assumptions *a)
{
	const double *v = a->v;
	double hours = v[A_HOURS_PER_MONTH], spare = v[A_SPARE_REPLICAS];
	double n0 = fmax(1, v[A_MIN_REPLICAS]), volume = w->t_in + w->t_out;
	double s_in = volume > 0 ? w->t_in / volume : 0, s_out = volume > 0 ? 1 - s_in : 0;
	/* model.md 7.3: hours one replica is busy per token, its capacity */
	double beta = (s_in / rep->prefill_tps + s_out / rep->decode_tps) / 3600;
	double cap = volume > 0 ? v[A_TARGET_UTILIZATION] / beta : 0;
	double best_n, best_total, best_gpus, n_max, kinks[WEEK_HOURS], own_sort[WEEK_HOURS];
	struct week wk;

	wk.volume = volume;
	wk.hour_tokens = cap * hours / WEEK_HOURS;
	for (int i = 0; i < WEEK_HOURS; i++) /* X_dh / cap, in replicas */
		wk.k[i] = volume > 0 ? volume * L[i] / hours / cap : 0;
	if (opt->replicas) {
		best_n = opt->replicas;
		if (best_n < n0)
			return -1;
	} else {
		/* model.md 7.3 replicas: auto. The total is a linear GPU bill plus
		 * the overflow, convex and piecewise linear in n with kinks at the
		 * hours' k_i; the fee drops where the overflow ends. The integer
		 * minimum lies at N0, at the first N without overflow, or beside a
		 * kink, so only those are costed. */
		double need = 0, prev, prev_t;
		if (!sorted) {
			hybrid_sort_week(own_sort, L);
			sorted = own_sort;
		}
		/* the loads in ascending order give the hours' k_i in ascending
		 * order: the same operations on each, and rounding is monotone */
		for (int i = 0; i < WEEK_HOURS; i++) {
			kinks[i] = volume > 0 ? volume * sorted[i] / hours / cap : 0;
			need = fmax(need, engine_ceil(kinks[i]));
		}
		n_max = replicas_for(out, need, tp, spare, n0);
		best_n = n0;
		best_total = hybrid_total(out, opt, &wk, n0, tp, over, a, false);
		best_gpus = billed_gpus(out, n0 + spare, tp);
		/* costing the candidate just costed again changes nothing: nearby
		 * kinks often round to the same N, and the same t to the same N */
		prev = n0;
		prev_t = -1;
		for (int i = -1; i < WEEK_HOURS; i++) {
			double t[2];
			if (i >= 0 && i + 1 < WEEK_HOURS && kinks[i] == kinks[i + 1])
				continue;
			t[0] = i < 0 ? n_max : floor(kinks[i]);
			t[1] = i < 0 ? n_max : engine_ceil(kinks[i]);
			for (int j = 0; j < 2; j++) {
				double n, total, gpus;
				bool tie;
				if (t[j] == prev_t)
					continue;
				prev_t = t[j];
				n = fmin(replicas_for(out, t[j], tp, spare, n0), n_max);
				if (n == prev)
					continue;
				prev = n;
				total = hybrid_total(out, opt, &wk, n, tp, over, a, false);
				gpus = billed_gpus(out, n + spare, tp);
				tie = fabs(total - best_total) <= 1e-9 * fmax(fabs(total), fabs(best_total));
				if ((!tie && total < best_total) || (tie && gpus < best_gpus)) {
					best_n = n;
					best_total = total;
					best_gpus = gpus;
				}
			}
		}
	}
	{
		double total = hybrid_total(out, opt, &wk, best_n, tp, over, a, true);
		double served = volume - out->overflow_tokens;
		out->busy = volume > 0 ? engine_busy(rep, served * s_in, served * s_out, a) : 0;
		out->utilization = out->replicas > 0 ? out->busy / out->replicas : 0;
		return total;
	}
}
