/*
 * report_breakeven.c - `breakeven` and `sweep` as sentences and tables for
 * people, markdown, and raw CSV; JSON and SVG are dispatched from here.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/grid.h"
#include "util/num.h"
#include "report/report_internal.h"

/* "12x below", "1.05x below", "2.3x above": the current volume against a
 * breakeven */
static char *distance(char *buf, size_t size, double current, double breakeven)
{
	double ratio = current < breakeven ? breakeven / current : current / breakeven;
	char num[32];

	num_grouped(num, sizeof(num), ratio, ratio < 2 ? 2 : ratio < 10 ? 1 : 0);
	snprintf(buf, size, "%sx %s", num, current < breakeven ? "below" : "above");
	return buf;
}

/* "Self-hosting llama-3.1-70b on 2 x NVIDIA H100 SXM 80GB (fp8) beats
 * gpt-4o above 7.4B tokens/month (243M/day; the API bill there is
 * $31.2k/month); you are at 600M: 12x below." */
static void sentence(struct sbuf *out, const struct run *r, const struct be_pair *pair)
{
	const struct option_spec *api = &r->sc->options[pair->api];
	const struct option_spec *sh = &r->sc->options[pair->self_hosted];
	const struct breakeven *be = &pair->be;
	const char *cur = r->cat->currency;
	double current = r->w->t_in + r->w->t_out;
	char a[48], b[48], c[48], d[48], setup[128];

	report_self_host_setup(setup, sizeof(setup), r, sh);
	if (!be->found && strcmp(be->reason, "breakeven_beyond_walk_limit") == 0) {
		sbuf_printf(out,
			    "Self-hosting %s on %s (%s) against %s is not solved: the API costs %s per 1M "
			    "tokens and self-hosting at least %s, so close that the breakeven lies further "
			    "than the solver walks (%s).\n",
			    sh->model->id, sh->gpu->name, setup, api->api->id,
			    num_money(a, sizeof(a), be->api_per_token * 1e6, cur),
			    num_money(b, sizeof(b), be->self_hosted_per_token * 1e6, cur), be->reason);
		return;
	}
	if (!be->found) {
		sbuf_printf(out, "Self-hosting %s on %s (%s) never beats %s", sh->model->id, sh->gpu->name,
			    setup, api->api->id);
		if (strcmp(be->reason, "api_marginal_cost_not_above_self_hosted") == 0)
			sbuf_printf(out, ": the API costs %s per 1M tokens, self-hosting at least %s",
				    num_money(a, sizeof(a), be->api_per_token * 1e6, cur),
				    num_money(b, sizeof(b), be->self_hosted_per_token * 1e6, cur));
		else
			sbuf_printf(out, " (%s)", be->reason);
		for (size_t i = 0; i < be->n_windows; i++)
			sbuf_printf(out, "%s %s to %s", i ? "," : "; it is cheaper only from",
				    num_si(a, sizeof(a), be->windows[i].from),
				    isfinite(be->windows[i].to) ? num_si(b, sizeof(b), be->windows[i].to) : "beyond");
		sbuf_printf(out, ".\n");
		return;
	}
	/* model.md 7.2: an autoscaled option's GPUs are the week's most */
	sbuf_printf(out, "Self-hosting %s on %s%s x %s (%s) beats %s above %s tokens/month (%s/day; the API bill there is %s/month)",
		    sh->model->id, sh->scaling == SCALING_HOURLY ? "up to " : "",
		    num_grouped(a, sizeof(a), be->self_hosted_at.gpus, 0), sh->gpu->name,
		    setup, api->api->id,
		    num_si(b, sizeof(b), be->tokens_per_month), num_si(c, sizeof(c), be->tokens_per_day),
		    num_money_si(d, sizeof(d), be->api_at.total, cur));
	if (be->tokens_per_month <= 0)
		sbuf_printf(out, "; it wins at any volume");
	else
		sbuf_printf(out, "; you are at %s: %s", num_si(a, sizeof(a), current),
			    distance(b, sizeof(b), current, be->tokens_per_month));
	sbuf_printf(out, ".\n");
}

static const char *const be_heads[] = {"api", "self-hosted", "breakeven", "fluid", "per day",
				       "API bill there", "GPUs", "util", "now"};
static const bool be_right[] = {false, false, true, true, true, true, true, true, true};

static const char *const be_csv_heads[] = {
	"api", "self_hosted", "currency", "status", "reason", "tokens_per_month", "fluid_tokens_per_month",
	"input_tokens_per_month", "output_tokens_per_month", "tokens_per_day", "requests_per_month",
	"api_monthly_cost", "self_hosted_monthly_cost", "gpus", "tensor_parallel", "utilization",
	"current_tokens_per_month", "api_cost_per_mtok", "self_hosted_marginal_cost_per_mtok"};

static void breakeven_csv(struct sbuf *out, const struct run *r, const struct pairs *p)
{
	struct grid g;
	char b[40];

	grid_init(&g, be_csv_heads, NULL, sizeof(be_csv_heads) / sizeof(be_csv_heads[0]));
	for (size_t i = 0; i < p->n; i++) {
		const struct breakeven *be = &p->items[i].be;
		bool f = be->found;
		grid_cell(&g, "%s", r->sc->options[p->items[i].api].id);
		grid_cell(&g, "%s", r->sc->options[p->items[i].self_hosted].id);
		grid_cell(&g, "%s", r->cat->currency);
		grid_cell(&g, "%s", f ? "found" : "never");
		grid_cell(&g, "%s", f ? "" : be->reason);
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f, be->tokens_per_month));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f && be->has_fluid, be->fluid_tokens_per_month));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f, be->at.t_in));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f, be->at.t_out));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f, be->tokens_per_day));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f && be->at.has_requests, be->at.requests));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f, be->api_at.total));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f, be->self_hosted_at.total));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f, be->self_hosted_at.gpus));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f, be->self_hosted_at.tensor_parallel));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), f, be->self_hosted_at.utilization));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), true, r->w->t_in + r->w->t_out));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), be->api_priced, be->api_per_token * 1e6));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), be->self_hosted_priced, be->self_hosted_per_token * 1e6));
	}
	grid_csv(out, &g);
	grid_release(&g);
}

void report_breakeven(struct sbuf *out, enum format fmt, const struct run *r,
		      const struct pairs *p, const struct sweep *chart)
{
	struct grid g;
	const char *cur = r->cat->currency;
	double current = r->w->t_in + r->w->t_out;

	if (fmt == FMT_JSON) {
		report_breakeven_json(out, r, p);
		return;
	}
	if (fmt == FMT_SVG) {
		report_chart_svg(out, r, chart, p);
		return;
	}
	if (fmt == FMT_CSV) {
		breakeven_csv(out, r, p);
		return;
	}
	if (fmt == FMT_MARKDOWN)
		sbuf_printf(out, "### llmtco breakeven: %s\n\n", r->sc->name ? r->sc->name : "scenario");
	for (size_t i = 0; i < p->n; i++) {
		sbuf_printf(out, "%s", fmt == FMT_MARKDOWN ? "- " : "");
		sentence(out, r, &p->items[i]);
	}
	sbuf_printf(out, "\n");
	grid_init(&g, be_heads, be_right, 9);
	for (size_t i = 0; i < p->n; i++) {
		const struct breakeven *be = &p->items[i].be;
		char a[48];
		grid_cell(&g, "%s", r->sc->options[p->items[i].api].id);
		grid_cell(&g, "%s", r->sc->options[p->items[i].self_hosted].id);
		if (!be->found) {
			grid_cell(&g, "never");
			for (int k = 0; k < 6; k++)
				grid_cell(&g, "-");
			continue;
		}
		grid_cell(&g, "%s", num_si(a, sizeof(a), be->tokens_per_month));
		grid_cell(&g, "%s", num_si(a, sizeof(a), be->fluid_tokens_per_month));
		grid_cell(&g, "%s", num_si(a, sizeof(a), be->tokens_per_day));
		grid_cell(&g, "%s", num_money_si(a, sizeof(a), be->api_at.total, cur));
		grid_cell(&g, "%s", num_grouped(a, sizeof(a), be->self_hosted_at.gpus, 0));
		grid_cell(&g, "%s%%", num_grouped(a, sizeof(a), be->self_hosted_at.utilization * 100, 0));
		if (be->tokens_per_month > 0)
			grid_cell(&g, "%s", distance(a, sizeof(a), current, be->tokens_per_month));
		else
			grid_cell(&g, "past it");
	}
	if (fmt == FMT_MARKDOWN)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 2, -1, r->color);
	grid_release(&g);
	if (requirements_any(&r->w->req)) {
		/* model.md 10: why some pairs never break even */
		sbuf_printf(out, "\n");
		report_requirements_line(out, r);
	}
}

static void sweep_grid(struct grid *g, const char **heads, enum format fmt, const struct run *r,
		       const struct sweep *s)
{
	size_t n = s->n_options, cols = n + (fmt == FMT_CSV ? 5 : 2);
	char b[48];

	heads[0] = fmt == FMT_CSV ? "tokens_per_month" : "tokens/month";
	if (fmt == FMT_CSV) {
		heads[1] = "input_tokens_per_month";
		heads[2] = "output_tokens_per_month";
		heads[3] = "currency";
	}
	for (size_t k = 0; k < n; k++)
		heads[cols - n - 1 + k] = r->sc->options[k].id;
	heads[cols - 1] = "cheapest";
	grid_init(g, heads, NULL, cols);
	for (size_t i = 0; i < s->n_points; i++) {
		if (fmt == FMT_CSV) {
			grid_cell(g, "%s", num_shortest(b, sizeof(b), s->volumes[i]));
			grid_cell(g, "%s", num_shortest(b, sizeof(b), s->t_in[i]));
			grid_cell(g, "%s", num_shortest(b, sizeof(b), s->t_out[i]));
			grid_cell(g, "%s", r->cat->currency);
		} else {
			grid_cell(g, "%s", num_si(b, sizeof(b), s->volumes[i]));
		}
		for (size_t k = 0; k < n; k++) {
			double v = s->totals[k * s->n_points + i];
			if (fmt == FMT_CSV)
				grid_cell(g, "%s", report_raw(b, sizeof(b), !isnan(v), v));
			else
				grid_cell(g, "%s", isnan(v) ? "-" : num_money(b, sizeof(b), v, r->cat->currency));
		}
		grid_cell(g, "%s", s->cheapest[i] >= 0 ? r->sc->options[s->cheapest[i]].id : "");
	}
}

void report_sweep(struct sbuf *out, enum format fmt, const struct run *r, const struct sweep *s,
		  const struct pairs *p)
{
	const char *heads[260];
	struct grid g;

	if (fmt == FMT_JSON) {
		report_sweep_json(out, r, s);
		return;
	}
	if (fmt == FMT_SVG) {
		report_chart_svg(out, r, s, p);
		return;
	}
	if (s->n_options + 5 > sizeof(heads) / sizeof(heads[0])) {
		out->failed = true;
		return;
	}
	sweep_grid(&g, heads, fmt, r, s);
	if (fmt == FMT_CSV)
		grid_csv(out, &g);
	else if (fmt == FMT_MARKDOWN)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 0, -1, false);
	grid_release(&g);
	if (fmt != FMT_CSV && requirements_any(&r->w->req)) {
		/* model.md 10: why a column is empty at every volume */
		sbuf_printf(out, "\n");
		report_requirements_line(out, r);
	}
}
