/*
 * report_horizon.c - `horizon` (model.md 9) for people and spreadsheets: a
 * summary of totals and payback months, then a table per option with a
 * row per month (or every k-th), as aligned text or markdown; a per-month
 * CSV with one row per option and month. JSON and SVG are dispatched from
 * here to report_json.c and report_svg.c.
 *
 * Must not compute what the model owns: every figure printed is a field of
 * the horizon result (percentages are only the given rates times 100).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/grid.h"
#include "report/report_internal.h"
#include "util/num.h"

static const char *money(char *buf, size_t size, const struct run *r, double v)
{
	return num_money(buf, size, v, r->cat->currency);
}

/* The settings in one line. */
static void settings(struct sbuf *out, const struct horizon_params *p)
{
	char a[48];

	sbuf_printf(out, "%d months; volume %s a month", p->months, report_pct(a, sizeof(a), p->growth, true));
	sbuf_printf(out, "; hosted prices %s a year", report_pct(a, sizeof(a), p->api_change, true));
	sbuf_printf(out, "; GPU prices %s a year", report_pct(a, sizeof(a), p->gpu_change, true));
	sbuf_printf(out, "; discount rate %s a year", report_pct(a, sizeof(a), p->discount, false));
	if (p->lead_time > 0)
		sbuf_printf(out, "; owned GPUs arrive after %d month%s", p->lead_time, p->lead_time == 1 ? "" : "s");
	sbuf_printf(out, "\n");
}

/* One sentence per (hosted, self-hosted) pair. */
static void pair_sentence(struct sbuf *out, const struct run *r, const struct horizon *h,
			  const struct hz_pair *pr, bool md)
{
	const char *sh = r->sc->options[pr->self_hosted].id, *api = r->sc->options[pr->hosted].id;
	char a[48], b[48];

	sbuf_printf(out, "%s%s vs %s: ", md ? "- " : "  ", sh, api);
	if (!pr->feasible)
		sbuf_printf(out, "no crossover (an option is infeasible)\n");
	else if (pr->has_crossover)
		sbuf_printf(out, "%s from month %d; saves %s over %d months (NPV %s)\n",
			    pr->crossover_month == 1 ? "cheaper" : "pays back", pr->crossover_month,
			    money(a, sizeof(a), r, pr->saving), h->p.months, money(b, sizeof(b), r, pr->npv_saving));
	else
		sbuf_printf(out, "never pays back within %d months; costs %s more (NPV %s)\n", h->p.months,
			    money(a, sizeof(a), r, -pr->saving), money(b, sizeof(b), r, -pr->npv_saving));
}

static const char *const summary_heads[] = {"option", "total", "NPV", "month 1", "last month"};
static const bool summary_right[] = {false, true, true, true, true};

static void summary(struct sbuf *out, enum format fmt, const struct run *r, const struct horizon *h)
{
	struct grid g;
	char a[48];
	long mark = -1;

	grid_init(&g, summary_heads, summary_right, 5);
	for (size_t i = 0; i < h->n_options; i++) {
		size_t k = h->order[i];
		const struct hz_option *o = &h->options[k];
		grid_cell(&g, "%s", r->sc->options[k].id);
		if (!o->feasible) {
			for (int c = 0; c < 4; c++)
				grid_cell(&g, "-");
			continue;
		}
		if ((long)k == h->cheapest)
			mark = (long)i;
		grid_cell(&g, "%s", money(a, sizeof(a), r, o->total));
		grid_cell(&g, "%s", money(a, sizeof(a), r, o->npv));
		grid_cell(&g, "%s", money(a, sizeof(a), r, o->months[0].cost));
		grid_cell(&g, "%s", money(a, sizeof(a), r, o->months[h->p.months - 1].cost));
	}
	if (fmt == FMT_MARKDOWN)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 2, mark, r->color);
	grid_release(&g);
	for (size_t k = 0; k < h->n_options; k++) {
		const struct hz_option *o = &h->options[k];
		if (!o->feasible)
			sbuf_printf(out, "%s%s is infeasible from month %d: %s\n",
				    fmt == FMT_MARKDOWN ? "\n" : "  ", r->sc->options[k].id, o->bad_month,
				    reason_codes[o->reason]);
	}
}

static const char *const month_heads[] = {"month", "tokens/month", "GPUs", "owned", "bought", "cost", "cumulative"};
static const bool month_right[] = {true, true, true, true, true, true, true};

/* The rows shown: month 1, every k-th and the last. */
static bool shown(int m, int months, int every)
{
	return m == 1 || m % every == 0 || m == months;
}

static void option_table(struct sbuf *out, enum format fmt, const struct run *r,
			 const struct horizon *h, size_t k, int every)
{
	const struct option_spec *spec = &r->sc->options[k];
	const struct hz_option *o = &h->options[k];
	bool self = spec->kind != OPT_API && spec->kind != OPT_MANAGED;
	const char *heads[7];
	bool right[7];
	size_t nc = 0;
	struct grid g;
	char a[48];

	/* the columns that apply to this kind of option */
	for (size_t c = 0; c < 7; c++) {
		if ((c == 2 && !self) || ((c == 3 || c == 4) && !o->owned))
			continue;
		heads[nc] = month_heads[c];
		right[nc++] = month_right[c];
	}
	if (fmt == FMT_MARKDOWN)
		sbuf_printf(out, "\n#### %s%s\n\n", spec->id, o->owned ? " (owned: cash)" : "");
	else
		sbuf_printf(out, "\n%s%s\n", spec->id, o->owned ? " (owned, as cash)" : "");
	if (!o->feasible) {
		sbuf_printf(out, "%sinfeasible from month %d: %s\n", fmt == FMT_MARKDOWN ? "" : "  ",
			    o->bad_month, reason_codes[o->reason]);
		return;
	}
	grid_init(&g, heads, right, nc);
	for (int m = 1; m <= h->p.months; m++) {
		const struct hz_month *mo = &o->months[m - 1];
		if (!shown(m, h->p.months, every))
			continue;
		grid_cell(&g, "%d", m);
		grid_cell(&g, "%s", num_si(a, sizeof(a), h->volume[m - 1]));
		if (self)
			grid_cell(&g, "%s%s", num_grouped(a, sizeof(a), mo->gpus, 0), mo->rented ? " rented" : "");
		if (o->owned) {
			grid_cell(&g, "%s", num_grouped(a, sizeof(a), mo->fleet, 0));
			grid_cell(&g, "%s", mo->purchase > 0 ? money(a, sizeof(a), r, mo->purchase) : "-");
		}
		grid_cell(&g, "%s", money(a, sizeof(a), r, mo->cost));
		grid_cell(&g, "%s", money(a, sizeof(a), r, mo->cumulative));
	}
	if (fmt == FMT_MARKDOWN)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 2, -1, false);
	grid_release(&g);
	if (o->owned && o->months[h->p.months - 1].residual > 0)
		sbuf_printf(out, "%smonth %d includes the fleet's residual value coming back: -%s\n",
			    fmt == FMT_MARKDOWN ? "\n" : "  ", h->p.months,
			    money(a, sizeof(a), r, o->months[h->p.months - 1].residual));
}

static const char *const csv_heads[] = {
	"option", "kind", "model", "gpu", "precision", "pricing", "provider", "api", "currency",
	"feasible", "reason", "month", "tokens_per_month", "cost", "cumulative", "gpus",
	"tensor_parallel", "fleet", "purchase", "residual", "rented", "api_price_factor",
	"gpu_price_factor", "total", "npv"};

/* The figures every option's row of month m repeats, printed once. */
struct month_text {
	char volume[40], api_factor[40], gpu_factor[40];
};

static void horizon_csv(struct sbuf *out, const struct run *r, const struct horizon *h)
{
	struct month_text *mt = calloc((size_t)h->p.months, sizeof(*mt));
	struct grid g;
	char b[40];

	if (!mt) {
		out->failed = true;
		return;
	}
	for (int m = 0; m < h->p.months; m++) {
		num_shortest(mt[m].volume, sizeof(mt[m].volume), h->volume[m]);
		num_shortest(mt[m].api_factor, sizeof(mt[m].api_factor), h->api_factor[m]);
		num_shortest(mt[m].gpu_factor, sizeof(mt[m].gpu_factor), h->gpu_factor[m]);
	}
	grid_init(&g, csv_heads, NULL, sizeof(csv_heads) / sizeof(csv_heads[0]));
	for (size_t k = 0; k < h->n_options; k++) {
		const struct option_spec *s = &r->sc->options[k];
		const struct hz_option *o = &h->options[k];
		bool self = s->kind != OPT_API && s->kind != OPT_MANAGED;
		int rows = o->feasible ? h->p.months : 1;
		char total[40], npv[40];
		report_raw(total, sizeof(total), o->feasible, o->total);
		report_raw(npv, sizeof(npv), o->feasible, o->npv);
		for (int m = 1; m <= rows; m++) {
			const struct hz_month *mo = &o->months[m - 1];
			bool f = o->feasible;
			grid_cell(&g, "%s", s->id);
			grid_cell(&g, "%s", option_kind_names[s->kind]);
			grid_cell(&g, "%s", self && s->model ? s->model->id : "");
			grid_cell(&g, "%s", self && s->gpu ? s->gpu->id : "");
			grid_cell(&g, "%s", self ? precision_names[s->precision] : "");
			grid_cell(&g, "%s", self ? pricing_names[s->pricing] : "");
			grid_cell(&g, "%s", self && s->provider ? s->provider : "");
			grid_cell(&g, "%s", !self && s->api ? s->api->id : "");
			grid_cell(&g, "%s", r->cat->currency);
			grid_cell(&g, "%s", f ? "true" : "false");
			grid_cell(&g, "%s", f ? "" : reason_codes[o->reason]);
			grid_cell(&g, "%s", f ? num_shortest(b, sizeof(b), m) : "");
			grid_cell(&g, "%s", f ? mt[m - 1].volume : "");
			grid_cell(&g, "%s", report_raw(b, sizeof(b), f, mo->cost));
			grid_cell(&g, "%s", report_raw(b, sizeof(b), f, mo->cumulative));
			grid_cell(&g, "%s", report_raw(b, sizeof(b), f && self, mo->gpus));
			grid_cell(&g, "%s", report_raw(b, sizeof(b), f && self, mo->tensor_parallel));
			grid_cell(&g, "%s", report_raw(b, sizeof(b), f && o->owned && !mo->rented, mo->fleet));
			grid_cell(&g, "%s", report_raw(b, sizeof(b), f && o->owned, mo->purchase));
			grid_cell(&g, "%s", report_raw(b, sizeof(b), f && o->owned, mo->residual));
			grid_cell(&g, "%s", f && o->owned ? (mo->rented ? "true" : "false") : "");
			grid_cell(&g, "%s", f ? mt[m - 1].api_factor : "");
			grid_cell(&g, "%s", f ? mt[m - 1].gpu_factor : "");
			grid_cell(&g, "%s", total);
			grid_cell(&g, "%s", npv);
		}
	}
	grid_csv(out, &g);
	grid_release(&g);
	free(mt);
}

void report_horizon(struct sbuf *out, enum format fmt, const struct run *r,
		    const struct horizon *h, int every)
{
	bool md = fmt == FMT_MARKDOWN;
	char a[48];

	if (fmt == FMT_JSON) {
		report_horizon_json(out, r, h);
		return;
	}
	if (fmt == FMT_SVG) {
		report_horizon_svg(out, r, h);
		return;
	}
	if (fmt == FMT_CSV) {
		horizon_csv(out, r, h);
		return;
	}
	sbuf_printf(out, md ? "### llmtco horizon: %s\n\n" : "Horizon: %s\n",
		    r->sc->name ? r->sc->name : "scenario");
	sbuf_printf(out, "%s", md ? "" : "  ");
	settings(out, &h->p);
	if (h->cheapest >= 0)
		sbuf_printf(out, "%sCheapest over the horizon: %s, %s in total (NPV %s).\n", md ? "\n" : "\n",
			    r->sc->options[h->cheapest].id,
			    money(a, sizeof(a), r, h->options[h->cheapest].total),
			    money((char[48]){0}, 48, r, h->options[h->cheapest].npv));
	sbuf_printf(out, "\n");
	summary(out, fmt, r, h);
	if (h->n_pairs) {
		sbuf_printf(out, md ? "\n**Crossover months** (self-hosted cumulative at or below hosted from then to the end)\n\n"
				    : "\nCrossover months (self-hosted cumulative at or below hosted from then to the end):\n");
		for (size_t i = 0; i < h->n_pairs; i++)
			pair_sentence(out, r, h, &h->pairs[i], md);
	}
	for (size_t i = 0; i < h->n_options; i++)
		option_table(out, fmt, r, h, h->order[i], every);
}
