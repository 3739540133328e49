/*
 * portfolio.c - the portfolio of task segments of model.md 7.4.
 *
 * Takes each segment's evaluated options and decides, segment by segment,
 * hosted or self-hosted, with the self-hosting overhead paid once for the
 * whole portfolio. Must not evaluate options itself, print or allocate.
 */
#include "model/portfolio.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const portfolio_basis_names[2] = {"all_hosted", "mixed"};

double portfolio_overhead(const struct assumptions *a)
{
	const double *v = a->v;

	/* model.md 7.4 H, the components of 3.4 that apply once */
	return v[A_ENGINEERING_FTE] * v[A_ENGINEER_ANNUAL_COST] / 12 + v[A_INFRASTRUCTURE_PER_MONTH] +
	       v[A_MONITORING_PER_MONTH] + v[A_MODEL_UPDATES_PER_YEAR] * v[A_COST_PER_MODEL_UPDATE] / 12 +
	       v[A_SETUP_COST] / v[A_AMORTIZATION_MONTHS];
}

/* The overhead inside one self-hosted or hybrid result, from its own
 * components, so own_s subtracts exactly what the total added. */
static double result_overhead(const struct option_result *r)
{
	const struct sh_cost *c = &r->sh;
	return c->engineering + c->infrastructure + c->monitoring + c->model_updates + c->setup;
}

void portfolio_solve(struct portfolio *p, struct segment_choice *choices,
		     const struct segment_eval *seg, size_t n, double overhead)
{
	double sum_hosted = 0, sum_min = 0;

	memset(p, 0, sizeof(*p));
	p->feasible = true;
	p->shared_overhead = overhead;
	for (size_t s = 0; s < n; s++) {
		struct segment_choice *c = &choices[s];
		c->hosted = c->own = c->choice = -1;
		c->hosted_cost = c->own_cost = INFINITY;
		for (size_t i = 0; i < seg[s].n; i++) {
			const struct option_result *r = &seg[s].results[i];
			bool hosted = !engine_self_hosts(seg[s].options[i].kind);
			double cost;
			if (!r->feasible)
				continue;
			cost = hosted ? r->total : r->total - result_overhead(r);
			if (hosted && cost < c->hosted_cost) {
				c->hosted = (long)i;
				c->hosted_cost = cost;
			} else if (!hosted && cost < c->own_cost) {
				c->own = (long)i;
				c->own_cost = cost;
			}
		}
		if (c->hosted < 0 && c->own < 0) {
			if (p->feasible)
				p->infeasible_segment = s;
			p->feasible = false;
		}
		p->any_own |= c->own >= 0;
		sum_hosted += c->hosted_cost;
		sum_min += fmin(c->hosted_cost, c->own_cost);
	}
	/* model.md 7.4: all_hosted = sum hosted_s; mixed = H + sum min(hosted_s, own_s) */
	p->has_all_hosted = isfinite(sum_hosted);
	p->all_hosted = sum_hosted;
	p->mixed = p->any_own ? overhead + sum_min : INFINITY;
	if (!p->feasible) {
		p->total = 0;
		return;
	}
	p->basis = p->mixed < p->all_hosted ? BASIS_MIXED : BASIS_ALL_HOSTED;
	p->total = p->basis == BASIS_MIXED ? p->mixed : p->all_hosted;
	for (size_t s = 0; s < n; s++) {
		struct segment_choice *c = &choices[s];
		bool own = p->basis == BASIS_MIXED && c->own_cost < c->hosted_cost;
		c->choice = own ? c->own : c->hosted;
		c->cost = own ? c->own_cost : c->hosted_cost;
	}
}

void portfolio_saving(struct baseline_saving *out, const struct portfolio *p,
		      const struct option_result *base)
{
	memset(out, 0, sizeof(*out));
	out->feasible = base->feasible && p->feasible;
	if (!out->feasible)
		return;
	out->amount = base->total - p->total;
	out->percent = base->total != 0 ? out->amount / base->total * 100 : 0;
}

enum status portfolio_eval_init(struct portfolio_eval *e, const struct scenario *sc,
			       size_t n_savings, struct diag *d)
{
	size_t total = 0, at = 0;

	memset(e, 0, sizeof(*e));
	for (size_t i = 0; i < sc->n_segments; i++)
		total += sc->segments[i].n_options;
	e->workloads = calloc(sc->n_segments + 1, sizeof(*e->workloads));
	e->results = calloc(total + 1, sizeof(*e->results));
	e->segs = calloc(sc->n_segments + 1, sizeof(*e->segs));
	e->choices = calloc(sc->n_segments + 1, sizeof(*e->choices));
	e->savings = calloc(n_savings + 1, sizeof(*e->savings));
	if (!e->workloads || !e->results || !e->segs || !e->choices || !e->savings)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	e->n = sc->n_segments;
	e->n_savings = n_savings;
	for (size_t i = 0; i < sc->n_segments; i++) {
		const struct segment *s = &sc->segments[i];
		e->segs[i] = (struct segment_eval){s->name, s->options, &e->results[at], s->n_options};
		at += s->n_options;
	}
	return ST_OK;
}

void portfolio_eval_run(struct portfolio_eval *e, const struct catalog *cat,
			const struct assumptions *a)
{
	struct option_result *res = e->results;

	for (size_t i = 0; i < e->n; i++) {
		const struct segment_eval *g = &e->segs[i];
		for (size_t k = 0; k < g->n; k++)
			engine_evaluate(res++, &g->options[k], &e->workloads[i], cat, a);
	}
	portfolio_solve(&e->p, e->choices, e->segs, e->n, portfolio_overhead(a));
}

enum status portfolio_evaluate(struct portfolio_eval *e, const struct scenario *sc,
			       const struct catalog *cat, const struct assumptions *a,
			       const struct option_result *baselines, struct diag *d)
{
	/* the reports show a segment option's total, never its table of price
	 * alternatives: skip that table (the totals are the same) */
	struct assumptions totals = *a;

	totals.totals_only = true;
	if (portfolio_eval_init(e, sc, sc->n_options, d))
		return d->code;
	for (size_t i = 0; i < sc->n_segments; i++)
		scenario_segment_workload(&e->workloads[i], sc, i, a);
	portfolio_eval_run(e, cat, &totals);
	for (size_t i = 0; i < sc->n_options; i++)
		portfolio_saving(&e->savings[i], &e->p, &baselines[i]);
	return ST_OK;
}

void portfolio_eval_release(struct portfolio_eval *e)
{
	free(e->workloads);
	free(e->results);
	free(e->segs);
	free(e->choices);
	free(e->savings);
	memset(e, 0, sizeof(*e));
}
