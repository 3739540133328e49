/*
 * horizon.c - model.md section 9: each option costed month by month over
 * the horizon by the engine itself (volume grown, hosted and GPU prices
 * trended through the assumptions' price factors, replicas and tp
 * re-chosen), owned options turned from depreciation into cash, then
 * cumulative costs, totals, net present values and crossover months.
 *
 * Must not: print, read files, the clock or the environment, or cost an
 * option by any arithmetic of its own that the engine owns: a month's
 * figure is the engine's total, and only the owned cash view (purchases,
 * colocation on the fleet, residual value) is computed here, from the
 * engine's components. Allocates only the result.
 */
#include "model/horizon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"

const struct horizon_key_spec horizon_keys[HZ_COUNT] = {
	[HZ_MONTHS] = {"months", "--months", 36, 1, HORIZON_MAX_MONTHS, false, true, false},
	/* below -100% a volume would turn negative; 1000% a month is already
	 * beyond any plan and keeps 120 months of compounding finite */
	[HZ_VOLUME_GROWTH] = {"volume_growth_per_month", "--growth", 0, -1, 10, false, false, true},
	[HZ_API_PRICE_CHANGE] = {"api_price_change_per_year", "--api-price-change", 0, -1, 10, false, false, true},
	[HZ_GPU_PRICE_CHANGE] = {"gpu_price_change_per_year", "--gpu-price-change", 0, -1, 10, false, false, true},
	[HZ_DISCOUNT_RATE] = {"discount_rate_per_year", "--discount-rate", 0, -1, 10, true, false, true},
	[HZ_LEAD_TIME] = {"purchase_lead_time_months", "--lead-time", 0, 0, HORIZON_MAX_MONTHS - 1, false, true, false},
};

static enum status oom(struct diag *d)
{
	return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
}

enum status horizon_key_check(enum hz_key k, double v, const struct loc *at, struct diag *d)
{
	const struct horizon_key_spec *s = &horizon_keys[k];
	bool low = s->lo_open ? !(v > s->lo) : !(v >= s->lo);

	if (low || !(v <= s->hi)) {
		char lo[40], hi[40], lo_pc[40], hi_pc[40], got[40];
		num_shortest(lo, sizeof(lo), s->lo);
		num_shortest(hi, sizeof(hi), s->hi);
		num_shortest(lo_pc, sizeof(lo_pc), s->lo * 100);
		num_shortest(hi_pc, sizeof(hi_pc), s->hi * 100);
		num_shortest(got, sizeof(got), v);
		if (s->rate)
			return diag_set(d, ST_INPUT, at->file, at->line, at->col,
					"'%s' must be %s %s (%s%%) and at most %s (%s%%), not %s", s->name,
					s->lo_open ? "above" : "at least", lo, lo_pc, hi, hi_pc, got);
		return diag_set(d, ST_INPUT, at->file, at->line, at->col,
				"'%s' must be from %s to %s, not %s", s->name, lo, hi, got);
	}
	if (s->integer && v != floor(v))
		return diag_set(d, ST_INPUT, at->file, at->line, at->col,
				"'%s' must be a whole number of months", s->name);
	return ST_OK;
}

enum status horizon_resolve(struct horizon_params *p, const struct horizon_set *s,
			    struct diag *d)
{
	double v[HZ_COUNT];

	for (int k = 0; k < HZ_COUNT; k++) {
		v[k] = s && s->given[k] ? s->v[k] : horizon_keys[k].def;
		if (s && s->given[k] && horizon_key_check((enum hz_key)k, v[k], &s->loc[k], d))
			return d->code;
	}
	/* model.md 9: the owned fleet must start within the horizon */
	if (v[HZ_LEAD_TIME] > v[HZ_MONTHS] - 1) {
		const struct loc *at = &s->loc[HZ_LEAD_TIME]; /* given: the default 0 always fits */
		return diag_set(d, ST_INPUT, at->file, at->line, at->col,
				"'purchase_lead_time_months' (%d) must be at most months - 1 (%d): "
				"the owned GPUs must arrive within the horizon",
				(int)v[HZ_LEAD_TIME], (int)v[HZ_MONTHS] - 1);
	}
	p->months = (int)v[HZ_MONTHS];
	p->lead_time = (int)v[HZ_LEAD_TIME];
	p->growth = v[HZ_VOLUME_GROWTH];
	p->api_change = v[HZ_API_PRICE_CHANGE];
	p->gpu_change = v[HZ_GPU_PRICE_CHANGE];
	p->discount = v[HZ_DISCOUNT_RATE];
	return ST_OK;
}

/* model.md 9: month m's volume (1-based), compounding monthly */
static double month_volume(double base, double growth, int m)
{
	return base * pow(1 + growth, m - 1);
}

enum status horizon_check_volume(const struct horizon_params *p, const struct horizon_set *s,
				 double base, struct diag *d)
{
	const double limit = WORKLOAD_MAX_TOKENS_PER_MONTH;
	const int M = p->months;
	const struct loc *at;
	char from[40], lim[40], fit[40];
	long h;
	int first = 0; /* the first month past the limit */

	if (!(p->growth > 0) || !(base > 0))
		return ST_OK;
	for (int m = 2; m <= M && !first; m++) {
		if (month_volume(base, p->growth, m) > limit)
			first = m;
	}
	if (!first)
		return ST_OK;
	/* the most growth over M months, in whole hundredths of a percent,
	 * checked as a rate written "N%" reads back (num_parse_rate) */
	h = (long)floor(fmax(0, pow(limit / base, 1.0 / (M - 1)) - 1) * 1e4);
	while (h > 0 && month_volume(base, h / 100.0 / 100, M) > limit)
		h--;
	at = &s->loc[HZ_VOLUME_GROWTH]; /* given: the default 0 never grows */
	if (base < 1e15)
		num_si(from, sizeof(from), base); /* "600M" */
	else
		num_shortest(from, sizeof(from), base);
	num_shortest(lim, sizeof(lim), limit);
	num_shortest(fit, sizeof(fit), h / 100.0);
	return diag_set(d, ST_INPUT, at->file, at->line, at->col,
			"'volume_growth_per_month' grows %s tokens a month past the limit of %s in "
			"month %d of %d: keep to %d month%s at this growth, or grow at most %s%% a "
			"month over %d months",
			from, lim, first, M, first - 1, first - 1 == 1 ? "" : "s", fit, M);
}

static bool is_hosted(const struct option_spec *o)
{
	return o->kind == OPT_API || o->kind == OPT_MANAGED;
}

static bool is_owned(const struct option_spec *o)
{
	return !is_hosted(o) && o->pricing == PRICE_OWNED;
}

/* The option an owned one runs as during its lead time: the same model,
 * GPU, precision and tp on the cheapest qualifying on-demand row (3.4). */
static struct option_spec lead_spec(const struct option_spec *o)
{
	struct option_spec r = *o;

	r.pricing = PRICE_ON_DEMAND;
	r.provider = NULL;
	return r;
}

enum status horizon_check_options(const struct horizon_params *p, const struct option_spec *opts,
				  size_t n, const struct catalog *cat, const struct assumptions *a,
				  const struct loc *locs, struct diag *d)
{
	(void)cat;
	(void)a;
	for (size_t i = 0; i < n; i++) {
		const struct option_spec *o = &opts[i];
		const struct loc at = locs ? locs[i] : (struct loc){0};
		struct option_spec rented;

		if (!is_owned(o))
			continue;
		if (!cat_has(o->gpu->purchase_price))
			return diag_set(d, ST_INPUT, at.file, at.line, at.col,
					"option '%s' is owned but gpu '%s' has no purchase_price: "
					"add one in a catalog layer or use a rented pricing",
					o->id, o->gpu->id);
		rented = lead_spec(o);
		if (p->lead_time > 0 && engine_price_candidates(NULL, 0, &rented) == 0)
			return diag_set(d, ST_INPUT, at.file, at.line, at.col,
					"option '%s' waits %d months for its GPUs but gpu '%s' has no "
					"on_demand price row to rent them meanwhile",
					o->id, p->lead_time, o->gpu->id);
	}
	return ST_OK;
}

void horizon_release(struct horizon *h)
{
	for (size_t i = 0; h->options && i < h->n_options; i++)
		free(h->options[i].months);
	free(h->options);
	free(h->pairs);
	free(h->volume);
	free(h->api_factor);
	free(h->gpu_factor);
	free(h->order);
	memset(h, 0, sizeof(*h));
}

/* model.md 9: owned hardware as cash in month m (1-based) of M, from the
 * engine's evaluation `r` of that month. `fleet` carries the GPUs bought
 * so far (the max over earlier owned months). */
static double owned_cash(struct hz_month *mo, const struct option_result *r,
			 const struct option_spec *o, double *fleet, double gpu_factor, bool last,
			 const struct assumptions *a)
{
	const double *v = a->v;
	double unit = o->gpu->purchase_price * gpu_factor * (1 + v[A_SERVER_OVERHEAD_FRACTION]);
	double bought = fmax(0, r->gpus - *fleet);
	double cost;

	*fleet = fmax(*fleet, r->gpus); /* never sold */
	mo->fleet = *fleet;
	mo->purchase = bought * unit;
	/* the engine's month without depreciation, with colocation on the
	 * fleet rather than on the GPUs serving; power stays on gpus_m */
	cost = r->total - r->sh.depreciation - r->sh.colocation +
	       v[A_COLOCATION_PER_GPU_MONTH] * *fleet + mo->purchase;
	if (last) {
		mo->residual = *fleet * unit * v[A_RESIDUAL_FRACTION];
		cost -= mo->residual;
	}
	return cost;
}

/* Costs option `o` month by month into `h->options[k]`. */
static void run_option(struct horizon *h, size_t k, const struct option_spec *o,
		       const struct workload *w, const struct catalog *cat,
		       const struct assumptions *a)
{
	struct hz_option *ho = &h->options[k];
	const int M = h->p.months;
	struct option_spec rented = lead_spec(o);
	double base = w->t_in + w->t_out, fleet = 0, cum = 0;
	struct assumptions am = *a;

	ho->owned = is_owned(o);
	ho->feasible = true;
	for (int m = 1; m <= M; m++) {
		struct hz_month *mo = &ho->months[m - 1];
		bool lead = ho->owned && m <= h->p.lead_time;
		struct workload wm;
		struct option_result r;

		if (base > 0)
			engine_scale(&wm, w, h->volume[m - 1]);
		else
			wm = *w;
		am.api_price_factor = h->api_factor[m - 1];
		am.gpu_price_factor = h->gpu_factor[m - 1];
		engine_evaluate(&r, lead ? &rented : o, &wm, cat, &am);
		if (!r.feasible) {
			ho->feasible = false;
			ho->reason = r.reason;
			ho->bad_month = m;
			ho->total = ho->npv = 0;
			return;
		}
		mo->gpus = is_hosted(o) ? 0 : r.gpus;
		mo->tensor_parallel = is_hosted(o) ? 0 : r.tensor_parallel;
		mo->rented = lead;
		if (ho->owned && !lead)
			mo->cost = owned_cash(mo, &r, o, &fleet, h->gpu_factor[m - 1], m == M, a);
		else
			mo->cost = r.total;
		cum += mo->cost;
		mo->cumulative = cum;
		/* model.md 9: discounted from month 1, at (1 + d)^((m - 1) / 12) */
		ho->npv += mo->cost / pow(1 + h->p.discount, (m - 1) / 12.0);
	}
	ho->total = cum;
}

int horizon_crossover(const struct hz_option *self_hosted, const struct hz_option *hosted,
		      int months)
{
	int last_above = 0; /* the last month the self-hosted one is dearer */

	for (int m = 1; m <= months; m++) {
		if (self_hosted->months[m - 1].cumulative > hosted->months[m - 1].cumulative)
			last_above = m;
	}
	return last_above < months ? last_above + 1 : 0;
}

enum status horizon_run(struct horizon *h, const struct horizon_params *p,
			const struct option_spec *opts, size_t n, const struct workload *w,
			const struct catalog *cat, const struct assumptions *a, struct diag *d)
{
	const int M = p->months;
	size_t n_hosted = 0;

	memset(h, 0, sizeof(*h));
	h->p = *p;
	h->cheapest = -1;
	h->volume = calloc((size_t)M, sizeof(*h->volume));
	h->api_factor = calloc((size_t)M, sizeof(*h->api_factor));
	h->gpu_factor = calloc((size_t)M, sizeof(*h->gpu_factor));
	h->options = calloc(n ? n : 1, sizeof(*h->options));
	if (!h->volume || !h->api_factor || !h->gpu_factor || !h->options)
		return oom(d);
	h->n_options = n;
	for (int m = 1; m <= M; m++) {
		/* model.md 9: volume compounding monthly, prices yearly rates
		 * applied by the month */
		h->volume[m - 1] = month_volume(w->t_in + w->t_out, p->growth, m);
		h->api_factor[m - 1] = pow(1 + p->api_change, (m - 1) / 12.0);
		h->gpu_factor[m - 1] = pow(1 + p->gpu_change, (m - 1) / 12.0);
	}
	for (size_t k = 0; k < n; k++) {
		if (!(h->options[k].months = calloc((size_t)M, sizeof(struct hz_month))))
			return oom(d);
		run_option(h, k, &opts[k], w, cat, a);
		if (h->options[k].feasible &&
		    (h->cheapest < 0 || h->options[k].total < h->options[h->cheapest].total))
			h->cheapest = (long)k;
		n_hosted += is_hosted(&opts[k]);
	}
	h->pairs = calloc(n_hosted * (n - n_hosted) + 1, sizeof(*h->pairs));
	h->order = calloc(n ? n : 1, sizeof(*h->order));
	if (!h->pairs || !h->order)
		return oom(d);
	/* insertion sort: stable, and n is small */
	for (size_t i = 0; i < n; i++) {
		const struct hz_option *x = &h->options[i];
		size_t j = i;
		while (j > 0) {
			const struct hz_option *y = &h->options[h->order[j - 1]];
			if (!(x->feasible && (!y->feasible || x->total < y->total)))
				break;
			h->order[j] = h->order[j - 1];
			j--;
		}
		h->order[j] = i;
	}
	for (size_t i = 0; i < n; i++) {
		if (!is_hosted(&opts[i]))
			continue;
		for (size_t j = 0; j < n; j++) {
			struct hz_pair *pr;
			if (is_hosted(&opts[j]))
				continue;
			pr = &h->pairs[h->n_pairs++];
			pr->hosted = i;
			pr->self_hosted = j;
			pr->feasible = h->options[i].feasible && h->options[j].feasible;
			if (pr->feasible) {
				pr->crossover_month = horizon_crossover(&h->options[j], &h->options[i], M);
				pr->has_crossover = pr->crossover_month > 0;
				pr->saving = h->options[i].total - h->options[j].total;
				pr->npv_saving = h->options[i].npv - h->options[j].npv;
			}
		}
	}
	return ST_OK;
}
