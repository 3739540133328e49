/*
 * report_portfolio.c - the portfolio of task segments (model.md 7.4) in
 * every format: which option each segment uses, the portfolio total, its
 * basis and shared overhead, and the saving against every single-option
 * baseline.
 *
 * Prints the model's figures only: every sum and share here is a field of
 * struct portfolio_eval. Must not evaluate options or choose anything.
 */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/grid.h"
#include "util/num.h"

static const char *money(char *buf, size_t size, const struct run *r, double v)
{
	return num_money(buf, size, v, r->cat->currency);
}

static const char *choice_id(const struct portfolio_eval *e, size_t s)
{
	long k = e->choices[s].choice;
	return k >= 0 ? e->segs[s].options[k].id : NULL;
}

void report_portfolio_text(struct sbuf *out, enum format fmt, const struct run *r,
			   const struct compare_result *c)
{
	const struct portfolio_eval *e = c->portfolio;
	const struct portfolio *p;
	bool md = fmt == FMT_MARKDOWN;
	char a[48], b[48], u[32];

	if (!e)
		return;
	p = &e->p;
	sbuf_printf(out, md ? "\n#### Portfolio\n\n" : "\nPortfolio of %zu segments: ", e->n);
	if (!p->feasible) {
		sbuf_printf(out, "infeasible: segment '%s' has no feasible option.\n",
			    e->segs[p->infeasible_segment].name);
		return;
	}
	if (md)
		sbuf_printf(out, "%zu segments: ", e->n);
	sbuf_printf(out, "%s/month, %s", money(a, sizeof(a), r, p->total),
		    p->basis == BASIS_MIXED ? "mixed" : "all hosted");
	if (p->basis == BASIS_MIXED)
		sbuf_printf(out, " (self-hosting overhead %s paid once", money(a, sizeof(a), r, p->shared_overhead));
	else if (p->any_own)
		sbuf_printf(out, " (mixing would cost %s with the %s overhead",
			    money(a, sizeof(a), r, p->mixed), money(b, sizeof(b), r, p->shared_overhead));
	else
		sbuf_printf(out, " (no segment can self-host");
	sbuf_printf(out, ")\n%s", md ? "\n" : "");
	for (size_t s = 0; s < e->n; s++) {
		const struct segment_choice *ch = &e->choices[s];
		const struct workload *w = &e->workloads[s];
		sbuf_printf(out, md ? "- `%s` (%s tokens/month): `%s` %s" : "  %s (%s tokens/month): %s %s",
			    e->segs[s].name, num_si(u, sizeof(u), w->t_in + w->t_out), choice_id(e, s),
			    money(a, sizeof(a), r, ch->cost));
		if (ch->hosted >= 0 && ch->choice != ch->hosted)
			sbuf_printf(out, "; best hosted %s %s", e->segs[s].options[ch->hosted].id,
				    money(b, sizeof(b), r, ch->hosted_cost));
		if (ch->own >= 0 && ch->choice != ch->own)
			sbuf_printf(out, "; best self-hosted %s %s before overhead",
				    e->segs[s].options[ch->own].id, money(b, sizeof(b), r, ch->own_cost));
		sbuf_printf(out, "\n");
	}
	for (size_t i = 0; i < e->n_savings; i++) {
		const struct baseline_saving *sv = &e->savings[i];
		if (!sv->feasible)
			continue;
		sbuf_printf(out, md ? "- %s %s (%s%%) %s `%s` alone\n" : "  %s %s (%s%%) %s %s alone\n",
			    sv->amount >= 0 ? "saves" : "costs", money(a, sizeof(a), r, fabs(sv->amount)),
			    num_grouped(u, sizeof(u), fabs(sv->percent), 0),
			    sv->amount >= 0 ? "against" : "more than", r->sc->options[i].id);
	}
}

void report_portfolio_json(cJSON *doc, const struct run *r, const struct compare_result *c)
{
	const struct portfolio_eval *e = c->portfolio;
	const struct portfolio *p;
	cJSON *o, *segs, *sav;

	if (!e)
		return;
	p = &e->p;
	o = cJSON_AddObjectToObject(doc, "portfolio");
	cJSON_AddBoolToObject(o, "feasible", p->feasible);
	if (p->feasible) {
		report_json_add_number(o, "total", p->total);
		cJSON_AddStringToObject(o, "basis", portfolio_basis_names[p->basis]);
	} else {
		cJSON_AddNullToObject(o, "total");
		cJSON_AddNullToObject(o, "basis");
		cJSON_AddStringToObject(o, "reason", "segment_has_no_feasible_option");
		cJSON_AddStringToObject(o, "segment", e->segs[p->infeasible_segment].name);
	}
	report_json_add_number(o, "shared_overhead", p->shared_overhead);
	report_json_add_number(o, "all_hosted", p->has_all_hosted ? p->all_hosted : NAN);
	report_json_add_number(o, "mixed", p->any_own ? p->mixed : NAN);
	segs = cJSON_AddArrayToObject(o, "segments");
	for (size_t s = 0; s < e->n; s++) {
		const struct segment_choice *ch = &e->choices[s];
		const struct workload *w = &e->workloads[s];
		cJSON *x = cJSON_CreateObject(), *opts;
		cJSON_AddStringToObject(x, "name", e->segs[s].name);
		report_json_add_number(x, "input_tokens_per_month", w->t_in);
		report_json_add_number(x, "output_tokens_per_month", w->t_out);
		if (choice_id(e, s)) {
			cJSON_AddStringToObject(x, "choice", choice_id(e, s));
			report_json_add_number(x, "cost", ch->cost);
		} else {
			cJSON_AddNullToObject(x, "choice");
			cJSON_AddNullToObject(x, "cost");
		}
		report_json_add_number(x, "hosted", ch->hosted_cost);
		report_json_add_number(x, "own", ch->own_cost);
		opts = cJSON_AddArrayToObject(x, "options");
		for (size_t k = 0; k < e->segs[s].n; k++) {
			const struct option_result *res = &e->segs[s].results[k];
			cJSON *y = cJSON_CreateObject();
			cJSON_AddStringToObject(y, "id", e->segs[s].options[k].id);
			cJSON_AddStringToObject(y, "kind", option_kind_names[e->segs[s].options[k].kind]);
			cJSON_AddBoolToObject(y, "feasible", res->feasible);
			if (res->feasible)
				report_json_add_number(y, "total", res->total);
			else {
				cJSON_AddNullToObject(y, "total");
				cJSON_AddStringToObject(y, "reason", reason_codes[res->reason]);
			}
			cJSON_AddItemToArray(opts, y);
		}
		cJSON_AddItemToArray(segs, x);
	}
	sav = cJSON_AddArrayToObject(o, "savings");
	for (size_t i = 0; i < e->n_savings; i++) {
		const struct baseline_saving *sv = &e->savings[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "option", r->sc->options[i].id);
		report_json_add_number(x, "amount", sv->feasible ? sv->amount : NAN);
		report_json_add_number(x, "percent", sv->feasible ? sv->percent : NAN);
		cJSON_AddItemToArray(sav, x);
	}
}

void report_portfolio_csv(struct grid *g, size_t ncols, const struct run *r,
			  const struct compare_result *c)
{
	const struct portfolio_eval *e = c->portfolio;
	char b[40];

	if (!e)
		return;
	/* rows after the options: one per segment ("segment:NAME", its choice
	 * in the last column), then the portfolio; the other columns empty */
	for (size_t s = 0; s < e->n + 1; s++) {
		bool whole = s == e->n;
		const char *ch = whole ? NULL : choice_id(e, s);
		bool ok = whole ? e->p.feasible : ch != NULL;
		grid_cell(g, "%s%s", whole ? "portfolio" : "segment:", whole ? "" : e->segs[s].name);
		grid_cell(g, "%s", whole ? "portfolio" : "segment");
		/* the option parts: the currency, no model, GPU or provider */
		grid_cell(g, "%s", r->cat->currency);
		for (size_t k = 1; k < REPORT_OPTION_PARTS; k++)
			grid_cell(g, "%s", "");
		grid_cell(g, "%s", ok ? "true" : "false");
		grid_cell(g, "%s", ok ? "" : whole ? "segment_has_no_feasible_option" : "no_feasible_option");
		grid_cell(g, "%s", report_raw(b, sizeof(b), ok, whole ? e->p.total : e->choices[s].cost));
		for (size_t k = 5 + REPORT_OPTION_PARTS; k + 1 < ncols; k++)
			grid_cell(g, "%s", "");
		grid_cell(g, "%s", whole ? (ok ? portfolio_basis_names[e->p.basis] : "") : ch ? ch : "");
	}
}
