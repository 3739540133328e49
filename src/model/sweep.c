/*
 * sweep.c - evaluates options across volumes and solves the breakeven of
 * every hosted/self-hosted pair. Arithmetic is the engine's; this file only
 * scales workloads and keeps the results.
 */
#include "model/sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static enum status oom(struct diag *d)
{
	return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
}

enum status sweep_run(struct sweep *s, const struct option_spec *opts, size_t n,
		      const struct workload *w, const struct catalog *cat,
		      const struct assumptions *a, double from, double to, size_t points,
		      bool linear, struct diag *d)
{
	memset(s, 0, sizeof(*s));
	s->n_points = points;
	s->n_options = n;
	s->linear = linear;
	s->volumes = calloc(points, sizeof(*s->volumes));
	s->t_in = calloc(points, sizeof(*s->t_in));
	s->t_out = calloc(points, sizeof(*s->t_out));
	s->totals = calloc(points * (n ? n : 1), sizeof(*s->totals));
	s->cheapest = calloc(points, sizeof(*s->cheapest));
	if (!s->volumes || !s->t_in || !s->t_out || !s->totals || !s->cheapest)
		return oom(d);
	for (size_t i = 0; i < points; i++) {
		double t = points > 1 ? (double)i / (double)(points - 1) : 0;
		struct workload at;
		double best = INFINITY;

		s->volumes[i] = linear ? from + (to - from) * t : from * pow(to / from, t);
		if (i == points - 1)
			s->volumes[i] = to; /* no drift at the end */
		/* volumes are whole tokens; the input share rounds, the output
		 * takes the rest */
		s->volumes[i] = round(s->volumes[i]);
		engine_scale(&at, w, s->volumes[i]);
		s->t_in[i] = round(at.t_in);
		s->t_out[i] = s->volumes[i] - s->t_in[i];
		s->cheapest[i] = -1;
		for (size_t k = 0; k < n; k++) {
			struct option_result r;
			engine_evaluate(&r, &opts[k], &at, cat, a);
			s->totals[k * points + i] = r.feasible ? r.total : NAN;
			if (r.feasible && r.total < best) {
				best = r.total;
				s->cheapest[i] = (long)k;
			}
		}
	}
	return ST_OK;
}

void sweep_release(struct sweep *s)
{
	free(s->volumes);
	free(s->t_in);
	free(s->t_out);
	free(s->totals);
	free(s->cheapest);
	memset(s, 0, sizeof(*s));
}

enum status pairs_solve(struct pairs *p, const struct option_spec *opts, size_t n,
			const struct workload *w, const struct catalog *cat,
			const struct assumptions *a, struct diag *d)
{
	size_t hosted = 0, own = 0;

	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < n; i++) {
		hosted += !engine_self_hosts(opts[i].kind);
		own += opts[i].kind == OPT_SELF_HOSTED;
	}
	/* the pairs grow as the product: refuse before allocating them */
	if (own && hosted > PAIRS_MAX / own)
		return diag_set(d, ST_INPUT, "options", 0, 0,
				"%zu hosted x %zu self-hosted options make %zu pairs; breakeven solves "
				"at most %d: give fewer options",
				hosted, own, hosted * own, PAIRS_MAX);
	p->items = calloc(hosted * own + 1, sizeof(*p->items));
	if (!p->items)
		return oom(d);
	for (size_t i = 0; i < n; i++) {
		/* model.md 5: hybrids take part in sweep, not in the pairs */
		if (engine_self_hosts(opts[i].kind))
			continue;
		for (size_t j = 0; j < n; j++) {
			struct be_pair *pair;
			if (opts[j].kind != OPT_SELF_HOSTED)
				continue;
			pair = &p->items[p->n++];
			pair->api = i;
			pair->self_hosted = j;
			/* the window search shares one budget, about a second of
			 * walking, so many pairs of extreme inputs stay bounded */
			breakeven_solve_within(&pair->be, &opts[i], &opts[j], w, cat, a,
					       PAIRS_WINDOW_STEPS / (long)(hosted * own) + 1000);
		}
	}
	return ST_OK;
}

void pairs_release(struct pairs *p)
{
	free(p->items);
	memset(p, 0, sizeof(*p));
}

void sweep_default_range(double current, const struct pairs *p, double *from, double *to)
{
	double lo = current, hi = current;

	for (size_t i = 0; p && i < p->n; i++) {
		double v = p->items[i].be.tokens_per_month;
		if (p->items[i].be.found && v > 0) {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	}
	if (!(lo > 0))
		lo = hi > 0 ? hi : 1e6;
	if (!(hi > 0))
		hi = 1e9;
	*from = pow(10, floor(log10(lo)) - 1);
	*to = pow(10, ceil(log10(hi)) + 1);
}
