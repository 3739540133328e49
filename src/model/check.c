/*
 * check.c - measures each threshold's metric on a compare run and compares
 * it with its limits. Never prints or allocates.
 */
#include "model/check.h"

#include "model/simulate.h"

#include <math.h>
#include <string.h>

const char *const tstatus_names[3] = {"pass", "warn", "fail"};

static long option_index(const struct scenario *sc, const char *id)
{
	for (size_t i = 0; i < sc->n_options; i++) {
		if (strcmp(sc->options[i].id, id) == 0)
			return (long)i;
	}
	return -1;
}

/* The option a metric is about: the named one, else the cheapest feasible
 * one (of kind self_hosted when `self_hosted_only`). */
static long subject(const struct threshold *t, const struct scenario *sc,
		    const struct compare_result *c, bool self_hosted_only)
{
	if (t->option)
		return option_index(sc, t->option);
	for (size_t i = 0; i < c->n; i++) {
		size_t k = c->order[i];
		if (c->results[k].feasible &&
		    (!self_hosted_only || engine_self_hosts(sc->options[k].kind)))
			return (long)k;
	}
	return -1;
}

/* Whether the pair of options a and b involves option `id` (every pair
 * does when id is NULL). */
static bool involves(const struct scenario *sc, size_t a, size_t b, const char *id)
{
	return !id || strcmp(sc->options[a].id, id) == 0 || strcmp(sc->options[b].id, id) == 0;
}

/* The smallest found breakeven among the pairs involving `id` (all pairs
 * when NULL); false when none is found. */
static bool min_breakeven(const struct pairs *p, const struct scenario *sc, const char *id,
			  double *out)
{
	bool any = false;

	for (size_t i = 0; p && i < p->n; i++) {
		const struct be_pair *pair = &p->items[i];
		if (!involves(sc, pair->api, pair->self_hosted, id))
			continue;
		if (pair->be.found && (!any || pair->be.tokens_per_month < *out)) {
			*out = pair->be.tokens_per_month;
			any = true;
		}
	}
	return any;
}

/* The earliest crossover month (model.md 9) among the pairs involving `id`
 * (all pairs when NULL); false when none crosses. */
static bool min_crossover(const struct horizon *h, const struct scenario *sc, const char *id,
			  double *out)
{
	bool any = false;

	for (size_t i = 0; h && i < h->n_pairs; i++) {
		const struct hz_pair *pair = &h->pairs[i];
		if (!involves(sc, pair->hosted, pair->self_hosted, id))
			continue;
		if (pair->has_crossover && (!any || pair->crossover_month < *out)) {
			*out = pair->crossover_month;
			any = true;
		}
	}
	return any;
}

static bool breached(const struct threshold *t, double v)
{
	return (t->has_max && v > t->max) || (t->has_min && v < t->min);
}

void check_evaluate(struct threshold_result *out, const struct threshold *t,
		    const struct check_inputs *in)
{
	const struct scenario *sc = in->sc;
	const struct compare_result *c = in->c;
	const struct pairs *p = in->p;
	enum metric m = t->metric;
	bool breach;
	long k;

	memset(out, 0, sizeof(*out));
	out->t = t;
	out->option = t->option;
	if (m == M_CHEAPEST_KIND || m == M_CHEAPEST_OPTION) {
		k = subject(t, sc, c, false);
		if (k >= 0) {
			out->actual_text = m == M_CHEAPEST_KIND ? option_kind_names[sc->options[k].kind]
									  : sc->options[k].id;
			out->option = sc->options[k].id;
		} else {
			out->note = "no option is feasible";
		}
		breach = !out->actual_text || strcmp(out->actual_text, t->equals) != 0;
	} else if (m == M_REQUIREMENTS_MET) {
		/* model.md 10: passes while some option meets the requirements
		 * (and can run); actual is how many do */
		out->has_actual = true;
		for (size_t i = 0; i < c->n; i++)
			out->actual += c->results[i].feasible;
		if (out->actual == 0)
			out->note = "no option meets the requirements";
		breach = breached(t, out->actual);
	} else if (m == M_PORTFOLIO_MONTHLY_COST) {
		/* model.md 7.4: the portfolio total of workload.segments */
		out->has_actual = c->portfolio && c->portfolio->p.feasible;
		out->actual = out->has_actual ? c->portfolio->p.total : 0;
		if (!out->has_actual)
			out->note = c->portfolio ? "the portfolio is infeasible"
						 : "the workload has no segments";
		breach = !out->has_actual || breached(t, out->actual);
	} else if (m == M_STALE_PRICES) {
		out->has_actual = true;
		out->actual = (double)in->stale_prices;
		breach = breached(t, out->actual);
	} else if (m == M_BREAKEVEN_TOKENS_PER_MONTH) {
		out->has_actual = min_breakeven(p, sc, t->option, &out->actual);
		if (!out->has_actual)
			out->note = "self-hosting never breaks even";
		/* never is an infinite volume: above any max, above any min */
		breach = out->has_actual ? breached(t, out->actual) : t->has_max;
	} else if (m == M_MAX_CROSSOVER_MONTH) {
		out->has_actual = min_crossover(in->h, sc, t->option, &out->actual);
		if (!out->has_actual)
			out->note = "self-hosting never crosses over within the horizon";
		breach = out->has_actual ? breached(t, out->actual) : t->has_max;
	} else if (m == M_MIN_PROBABILITY_CHEAPEST) {
		/* model.md 8.1: how often the option (or, with segments, the
		 * portfolio, the row after the options) is the cheapest */
		bool port = t->option && strcmp(t->option, "portfolio") == 0;
		k = t->option ? option_index(sc, t->option) : subject(t, sc, c, false);
		/* by default the cheapest now, the portfolio included */
		port |= !t->option && c->portfolio && c->portfolio->p.feasible &&
			(k < 0 || c->portfolio->p.total < c->results[k].total);
		if (port)
			k = (long)sc->n_options;
		if (port && in->sim && !in->sim->has_portfolio) {
			out->note = "the workload has no segments";
		} else if (k >= 0 && in->sim) {
			out->option = port ? "portfolio" : sc->options[k].id;
			out->has_actual = true;
			out->actual = in->sim->options[k].share_cheapest;
		} else {
			out->note = k < 0 ? "no feasible option" : "no simulation";
		}
		breach = !out->has_actual || breached(t, out->actual);
	} else if (m == M_MAX_HORIZON_COST) {
		k = t->option ? option_index(sc, t->option) : in->h ? in->h->cheapest : -1;
		if (k >= 0 && in->h) {
			const struct hz_option *o = &in->h->options[k];
			out->option = sc->options[k].id;
			out->has_actual = o->feasible;
			out->actual = o->total;
			if (!o->feasible)
				out->note = "the option is infeasible";
		} else {
			out->note = "no feasible option";
		}
		breach = !out->has_actual || breached(t, out->actual);
	} else {
		bool utilization = m == M_UTILIZATION;
		k = subject(t, sc, c, utilization);
		if (k >= 0) {
			const struct option_result *r = &c->results[k];
			out->option = sc->options[k].id;
			if (!r->feasible)
				out->note = "the option is infeasible";
			else if (m == M_MONTHLY_COST)
				out->has_actual = true, out->actual = r->total;
			else if (m == M_COST_PER_MTOK)
				out->has_actual = r->has_cost_per_mtok, out->actual = r->cost_per_mtok;
			else
				out->has_actual = true, out->actual = r->utilization;
			if (r->feasible && !out->has_actual)
				out->note = "no volume";
		} else {
			out->note = utilization ? "no feasible self-hosted option" : "no feasible option";
		}
		breach = !out->has_actual || breached(t, out->actual);
	}
	out->status = !breach ? T_PASS : t->level == LEVEL_WARN ? T_WARN : T_FAIL;
}

enum tstatus check_overall(const struct threshold_result *r, size_t n)
{
	enum tstatus s = T_PASS;

	for (size_t i = 0; i < n; i++) {
		if (r[i].status > s)
			s = r[i].status;
	}
	return s;
}
