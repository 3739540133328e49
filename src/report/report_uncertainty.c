/*
 * report_uncertainty.c - `simulate` and `sensitivity` for people (table,
 * markdown), as raw CSV, and the --samples rows; JSON and SVG are
 * dispatched from here to report_json.c and report_svg.c.
 *
 * Prints only fields of the results and inputs; the shares, quantiles,
 * swings and flips are the model's. Percentages are shares times 100,
 * rounded for reading.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/grid.h"
#include "report/report_internal.h"
#include "util/num.h"

/* pair lines printed in full up to this many */
#define SIM_PAIR_LINES 6

const char *const report_dist_names[3] = {"uniform", "triangular", "lognormal"};

char *report_share(char *buf, size_t size, double share)
{
	char n[32];

	/* a share short of all (or above none) never reads as 100.0% (0.0%) */
	if (share < 1 && share >= 0.9995)
		snprintf(buf, size, ">99.9%%");
	else if (share > 0 && share < 0.0005)
		snprintf(buf, size, "<0.1%%");
	else
		snprintf(buf, size, "%s%%", num_grouped(n, sizeof(n), share * 100, 1));
	return buf;
}

char *report_human(char *buf, size_t size, double v)
{
	double a = fabs(v);
	size_t n;

	if (a >= 1e4)
		return num_si(buf, size, v);
	num_grouped(buf, size, v, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
	if (strchr(buf, '.')) {
		n = strlen(buf);
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	return buf;
}

/* The range as written: "0.1..0.5", "150k..180k..250k", "p10:300M..p90:900M" */
static char *range_text(char *buf, size_t size, const struct range *rg)
{
	char a[32], b[32], c[32];

	if (rg->dist == UD_LOGNORMAL)
		snprintf(buf, size, "p10:%s..p90:%s", report_human(a, sizeof(a), rg->low), report_human(b, sizeof(b), rg->high));
	else if (rg->dist == UD_TRIANGULAR)
		snprintf(buf, size, "%s..%s..%s", report_human(a, sizeof(a), rg->low), report_human(b, sizeof(b), rg->mode),
			 report_human(c, sizeof(c), rg->high));
	else
		snprintf(buf, size, "%s..%s", report_human(a, sizeof(a), rg->low), report_human(b, sizeof(b), rg->high));
	return buf;
}

/* ---- simulate --------------------------------------------------------------- */

void report_sim_settings(struct sbuf *out, const struct uncertainty *u)
{
	char a[48];

	sbuf_printf(out, "Simulated over %s draws (seed %s)", num_grouped(a, sizeof(a), u->draws, 0),
		    num_shortest((char[40]){0}, 40, (double)u->seed));
	if (u->n == 0)
		sbuf_printf(out, "; no ranges, so every draw is the point estimate");
	for (size_t i = 0; i < u->n; i++)
		sbuf_printf(out, "%s%s %s (%s)", i ? ", " : "; ranges: ", u->ranges[i].key,
			    range_text(a, sizeof(a), &u->ranges[i]), report_dist_names[u->ranges[i].dist]);
	sbuf_printf(out, ".\n");
}

const char *report_sim_row_id(const struct run *r, const struct sim_result *s, size_t i)
{
	return i < s->n_options ? r->sc->options[i].id : "portfolio";
}

const char *report_sim_row_kind(const struct run *r, const struct sim_result *s, size_t i)
{
	return i < s->n_options ? option_kind_names[r->sc->options[i].kind] : "portfolio";
}

static void sim_verdict(struct sbuf *out, const struct run *r, const struct sim_report *rep,
			bool markdown)
{
	const struct sim_result *s = rep->s;
	char a[32], b[32];

	sbuf_printf(out, "%sOver %s draws (seed %s): ", markdown ? "**" : "",
		    num_grouped(a, sizeof(a), (double)s->draws, 0), num_shortest(b, sizeof(b), (double)s->seed));
	if (s->verdict < 0) {
		sbuf_printf(out, "no option is ever feasible.%s\n", markdown ? "**" : "");
		return;
	}
	sbuf_printf(out, "%s is the cheapest in %s of them.%s\n", report_sim_row_id(r, s, (size_t)s->verdict),
		    report_share(a, sizeof(a), s->options[s->verdict].share_cheapest), markdown ? "**" : "");
	for (size_t i = 0; i < s->n_pairs; i++) {
		const struct sim_pair *p = &s->pairs[i];
		bool toughest = true;
		/* with many pairs, each self-hosted option against the hosted one
		 * it beats least often (ties: the first); JSON has them all */
		for (size_t j = 0; s->n_pairs > SIM_PAIR_LINES && j < s->n_pairs; j++) {
			const struct sim_pair *q = &s->pairs[j];
			if (q->self_hosted == p->self_hosted && j != i &&
			    (q->share < p->share || (q->share == p->share && j < i)))
				toughest = false;
		}
		/* an option never feasible has no pair to speak of: its row says so */
		if (!toughest || s->options[p->self_hosted].feasible == 0)
			continue;
		sbuf_printf(out, "%s%s is cheaper than %s in %s of draws%s.\n", markdown ? "- " : "",
			    r->sc->options[p->self_hosted].id, r->sc->options[p->hosted].id,
			    report_share(a, sizeof(a), p->share),
			    s->n_pairs > SIM_PAIR_LINES ? " (its toughest hosted rival)" : "");
	}
	if (s->n_pairs > SIM_PAIR_LINES)
		sbuf_printf(out, "%sEvery pair is in -f json and -f csv.\n", markdown ? "- " : "");
}

static const char *const sim_heads[] = {"option", "mean", "p5", "p10", "p50", "p90", "p95",
					"feasible", "cheapest"};
static const bool sim_right[] = {false, true, true, true, true, true, true, true, true};
static const char *const sim_csv_heads[] = {"id", "kind", "mean", "p5", "p10", "p50", "p90", "p95",
					    "feasible_share", "share_cheapest", "currency", "hosted",
					    "share_self_hosted_cheaper"};

/* model.md 8.1 as one table: a row per option (then the portfolio), the
 * last two columns empty; then a row per (hosted, self-hosted) pair in the
 * JSON's order, kind `pair`, id the self-hosted option, `hosted` the
 * hosted one and the share in the last column, the others empty. */
static void sim_csv(struct sbuf *out, const struct run *r, const struct sim_result *s)
{
	struct grid g;
	char b[40];

	grid_init(&g, sim_csv_heads, NULL, sizeof(sim_csv_heads) / sizeof(sim_csv_heads[0]));
	for (size_t i = 0; i < s->n_rows; i++) {
		const struct sim_option *o = &s->options[i];
		bool has = o->feasible > 0;
		grid_cell(&g, "%s", report_sim_row_id(r, s, i));
		grid_cell(&g, "%s", report_sim_row_kind(r, s, i));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), has, o->mean));
		for (size_t q = 0; q < SIM_N_QUANTILES; q++)
			grid_cell(&g, "%s", report_raw(b, sizeof(b), has, o->q[q]));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), true, o->feasible_share));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), true, o->share_cheapest));
		grid_cell(&g, "%s", r->cat->currency);
		grid_cell(&g, "%s", "");
		grid_cell(&g, "%s", "");
	}
	for (size_t i = 0; i < s->n_pairs; i++) {
		const struct sim_pair *p = &s->pairs[i];
		grid_cell(&g, "%s", r->sc->options[p->self_hosted].id);
		grid_cell(&g, "%s", "pair");
		for (int k = 0; k < 9; k++)
			grid_cell(&g, "%s", "");
		grid_cell(&g, "%s", r->sc->options[p->hosted].id);
		grid_cell(&g, "%s", report_raw(b, sizeof(b), true, p->share));
	}
	grid_csv(out, &g);
	grid_release(&g);
}

void report_simulate(struct sbuf *out, enum format fmt, const struct run *r,
		     const struct sim_report *rep)
{
	const struct sim_result *s = rep->s;
	const char *cur = r->cat->currency;
	struct grid g;
	char a[48];

	switch (fmt) {
	case FMT_JSON: report_simulate_json(out, r, rep); return;
	case FMT_SVG: report_simulate_svg(out, r, rep); return;
	case FMT_CSV: sim_csv(out, r, s); return;
	default: break;
	}
	if (fmt == FMT_MARKDOWN)
		sbuf_printf(out, "### llmtco simulate: %s\n\n", r->sc->name ? r->sc->name : "scenario");
	sim_verdict(out, r, rep, fmt == FMT_MARKDOWN);
	sbuf_printf(out, "\n");
	grid_init(&g, sim_heads, sim_right, 9);
	for (size_t i = 0; i < s->n_rows; i++) {
		const struct sim_option *o = &s->options[i];
		grid_cell(&g, "%s", report_sim_row_id(r, s, i));
		if (o->feasible == 0) {
			for (int k = 0; k < 6; k++)
				grid_cell(&g, "-");
		} else {
			grid_cell(&g, "%s", num_money(a, sizeof(a), o->mean, cur));
			for (size_t q = 0; q < SIM_N_QUANTILES; q++)
				grid_cell(&g, "%s", num_money(a, sizeof(a), o->q[q], cur));
		}
		grid_cell(&g, "%s", report_share(a, sizeof(a), o->feasible_share));
		grid_cell(&g, "%s", report_share(a, sizeof(a), o->share_cheapest));
	}
	if (fmt == FMT_MARKDOWN)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 0, s->verdict, r->color);
	grid_release(&g);
	sbuf_printf(out, "\n%sMonthly totals over the draws where each option is feasible; p5..p95 are quantiles.\n",
		    fmt == FMT_MARKDOWN ? "" : "");
	if (s->has_portfolio)
		sbuf_printf(out, "portfolio: the segments' cheapest mix solved in each draw (model 7.4), competing for the cheapest.\n");
	if (rep->u->n == 0) {
		sbuf_printf(out, "No ranges: every draw is the point estimate. Add ranges under 'uncertainty' or with --range.\n");
		return;
	}
	sbuf_printf(out, "Ranges:\n");
	for (size_t i = 0; i < rep->u->n; i++) {
		const struct range *rg = &rep->u->ranges[i];
		sbuf_printf(out, "%s %s %s (%s)\n", fmt == FMT_MARKDOWN ? "-" : " ", rg->key,
			    range_text(a, sizeof(a), rg), report_dist_names[rg->dist]);
	}
}

void report_samples_header(struct sbuf *out, const struct scenario *sc, const struct range *rg,
			   size_t nr)
{
	sbuf_printf(out, "draw");
	for (size_t i = 0; i < nr; i++)
		sbuf_printf(out, ",%s", rg[i].key);
	for (size_t i = 0; i < sc->n_options; i++)
		sbuf_printf(out, ",%s", sc->options[i].id);
	if (sc->n_segments)
		sbuf_printf(out, ",portfolio");
	sbuf_printf(out, "\n");
}

void report_samples_row(struct sbuf *out, size_t draw, const double *x, size_t nr,
			const struct option_result *res, size_t n, const struct portfolio *p)
{
	char b[40];

	sbuf_printf(out, "%zu", draw);
	for (size_t i = 0; i < nr; i++)
		sbuf_printf(out, ",%s", num_shortest(b, sizeof(b), x[i]));
	for (size_t i = 0; i < n; i++)
		sbuf_printf(out, ",%s", report_raw(b, sizeof(b), res[i].feasible, res[i].total));
	if (p)
		sbuf_printf(out, ",%s", report_raw(b, sizeof(b), p->feasible, p->total));
	sbuf_printf(out, "\n");
}

/* ---- sensitivity ------------------------------------------------------------- */

/* How an input is named in a sentence, and how its value reads. */
static void subject(const struct sens_item *it, const char **name, const char **unit)
{
	static const char *const factor_subjects[UF_COUNT] = {"GPU prices", "API prices",
							      "throughput", "the volume"};
	*unit = "";
	if (it->r.target == UT_FACTOR) {
		*name = factor_subjects[it->r.index];
		*unit = it->r.index == UF_THROUGHPUT ? "x the estimate" : "x today's";
	} else {
		*name = strchr(it->r.key, '.') + 1;
	}
}

const char *report_sens_side(const struct run *r, const struct sens_result *s, bool first)
{
	if (first)
		return r->sc->options[s->hosted].id;
	return s->portfolio ? "portfolio" : r->sc->options[s->self_hosted].id;
}

const char *report_sens_gap_side(const struct sens_result *s, const struct sens_gap *g)
{
	if (s->portfolio)
		return g->hosted ? "baseline" : "portfolio";
	return g->hosted ? "hosted" : "self-hosted";
}

char *report_flip_sentence(char *buf, size_t size, const struct run *r, const struct sens_result *s,
			   const struct sens_item *it)
{
	const char *name, *unit;
	bool plural, up;
	char v[32];

	(void)r;
	buf[0] = '\0';
	if (!it->has_flip)
		return buf;
	subject(it, &name, &unit);
	plural = it->r.target == UT_FACTOR && it->r.index <= UF_API_PRICE;
	up = it->flip > it->base;
	snprintf(buf, size, "%s %s paying when %s %s %s %s%s", s->portfolio ? "the portfolio" : "self-hosting",
		 s->adv_base > 0 ? "stops" : "starts", name,
		 up ? (plural ? "rise" : "rises") : (plural ? "fall" : "falls"), up ? "above" : "below",
		 report_human(v, sizeof(v), it->flip), unit);
	return buf;
}

/* "does_not_fit (self-hosted)" for an input value where the pair cannot run */
static char *gap_text(char *buf, size_t size, const struct sens_result *s, const struct sens_gap *g)
{
	snprintf(buf, size, "%s (%s)", reason_codes[g->reason], report_sens_gap_side(s, g));
	return buf;
}

static const char *const sens_heads[] = {"input", "base", "low", "high", "adv at low",
					 "adv at high", "swing", "flip"};
static const bool sens_right[] = {false, true, true, true, true, true, true, true};
static const char *const sens_csv_heads[] = {"key", "base", "low", "high", "adv_low", "adv_high",
					     "swing", "flip", "flip_in_range", "reason_low",
					     "reason_high", "hosted", "self_hosted", "currency", "range_past_flip"};

static void sens_csv_rows(struct grid *g, const struct run *r, const struct sens_result *s)
{
	char b[40], c[64];

	for (size_t i = 0; i < s->n; i++) {
		const struct sens_item *it = &s->items[i];
		grid_cell(g, "%s", it->r.key);
		grid_cell(g, "%s", report_raw(b, sizeof(b), true, it->base));
		grid_cell(g, "%s", report_raw(b, sizeof(b), true, it->low));
		grid_cell(g, "%s", report_raw(b, sizeof(b), true, it->high));
		grid_cell(g, "%s", report_raw(b, sizeof(b), it->has_low, it->adv_low));
		grid_cell(g, "%s", report_raw(b, sizeof(b), it->has_high, it->adv_high));
		grid_cell(g, "%s", report_raw(b, sizeof(b), it->has_swing, it->swing));
		grid_cell(g, "%s", report_raw(b, sizeof(b), it->has_flip, it->flip));
		grid_cell(g, "%s", it->has_flip ? (it->flip_in_range ? "true" : "false") : "");
		grid_cell(g, "%s", it->has_low ? "" : gap_text(c, sizeof(c), s, &it->gap_low));
		grid_cell(g, "%s", it->has_high ? "" : gap_text(c, sizeof(c), s, &it->gap_high));
		grid_cell(g, "%s", report_sens_side(r, s, true));
		grid_cell(g, "%s", report_sens_side(r, s, false));
		grid_cell(g, "%s", r->cat->currency);
		grid_cell(g, "%s", it->has_flip ? (it->range_past_flip ? "true" : "false") : "");
	}
}

/* One analysis for people: the base, the flips within and beyond the
 * ranges, the table by swing and what adv means. */
static void sens_text(struct sbuf *out, enum format fmt, const struct run *r,
		      const struct sens_result *s)
{
	const char *cur = r->cat->currency;
	const char *bullet = fmt == FMT_MARKDOWN ? "- " : "  - ";
	char a[200], b[48];
	struct grid g;
	size_t n_in = 0, n_out = 0;

	if (s->portfolio)
		sbuf_printf(out, "At base, the portfolio is %s a month %s than %s, the best single option (adv = %s).\n",
			    num_money(a, sizeof(a), fabs(s->adv_base), cur), s->adv_base > 0 ? "cheaper" : "dearer",
			    report_sens_side(r, s, true), num_money(b, sizeof(b), s->adv_base, cur));
	else
		sbuf_printf(out, "At base, %s is %s a month %s than %s (adv = %s).\n", report_sens_side(r, s, false),
			    num_money(a, sizeof(a), fabs(s->adv_base), cur), s->adv_base > 0 ? "cheaper" : "dearer",
			    report_sens_side(r, s, true), num_money(b, sizeof(b), s->adv_base, cur));
	/* a range reaches the flip when it holds it or lies wholly past it */
	for (size_t i = 0; i < s->n; i++)
		n_in += s->items[i].has_flip && (s->items[i].flip_in_range || s->items[i].range_past_flip);
	for (size_t i = 0; i < s->n; i++)
		n_out += s->items[i].has_flip && !s->items[i].flip_in_range && !s->items[i].range_past_flip;
	if (n_in) {
		sbuf_printf(out, "\nWithin the ranges, the verdict flips:\n");
		for (size_t i = 0; i < s->n; i++) {
			const struct sens_item *it = &s->items[i];
			if (it->has_flip && (it->flip_in_range || it->range_past_flip))
				sbuf_printf(out, it->flip_in_range ? "%s%s (range %s)\n" : "%s%s (all of the range %s lies past it)\n",
					    bullet, report_flip_sentence(a, sizeof(a), r, s, it), range_text(b, sizeof(b), &it->r));
		}
	} else {
		sbuf_printf(out, "\nNo input flips the verdict within its range.\n");
	}
	if (n_out) {
		sbuf_printf(out, "\nBeyond the ranges:\n");
		for (size_t i = 0; i < s->n; i++) {
			const struct sens_item *it = &s->items[i];
			if (it->has_flip && !it->flip_in_range && !it->range_past_flip)
				sbuf_printf(out, "%s%s\n", bullet, report_flip_sentence(a, sizeof(a), r, s, it));
		}
	}
	sbuf_printf(out, "\n");
	grid_init(&g, sens_heads, sens_right, 8);
	for (size_t i = 0; i < s->n; i++) {
		const struct sens_item *it = &s->items[i];
		grid_cell(&g, "%s", it->r.key);
		grid_cell(&g, "%s", report_human(a, sizeof(a), it->base));
		grid_cell(&g, "%s", report_human(a, sizeof(a), it->low));
		grid_cell(&g, "%s", report_human(a, sizeof(a), it->high));
		grid_cell(&g, "%s", it->has_low ? num_money(a, sizeof(a), it->adv_low, cur)
						: gap_text(a, sizeof(a), s, &it->gap_low));
		grid_cell(&g, "%s", it->has_high ? num_money(a, sizeof(a), it->adv_high, cur)
						 : gap_text(a, sizeof(a), s, &it->gap_high));
		grid_cell(&g, "%s", it->has_swing ? num_money(a, sizeof(a), it->swing, cur) : "-");
		grid_cell(&g, "%s", it->has_flip ? report_human(a, sizeof(a), it->flip) : "none");
	}
	if (fmt == FMT_MARKDOWN)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 0, -1, r->color);
	grid_release(&g);
	sbuf_printf(out, "\nadv = monthly total of %s minus %s; one input at a time, the others at base.\n",
		    report_sens_side(r, s, true), report_sens_side(r, s, false));
}

void report_sensitivity(struct sbuf *out, enum format fmt, const struct run *r,
			const struct sens_result *s, const struct sens_result *ps)
{
	struct grid g;

	switch (fmt) {
	case FMT_JSON: report_sensitivity_json(out, r, s, ps); return;
	case FMT_SVG: report_sensitivity_svg(out, r, s, ps); return;
	case FMT_CSV:
		grid_init(&g, sens_csv_heads, NULL, sizeof(sens_csv_heads) / sizeof(sens_csv_heads[0]));
		if (s)
			sens_csv_rows(&g, r, s);
		if (ps)
			sens_csv_rows(&g, r, ps);
		grid_csv(out, &g);
		grid_release(&g);
		return;
	default: break;
	}
	if (fmt == FMT_MARKDOWN)
		sbuf_printf(out, "### llmtco sensitivity: %s\n\n", r->sc->name ? r->sc->name : "scenario");
	if (s)
		sens_text(out, fmt, r, s);
	else
		sbuf_printf(out, "No feasible hosted and self-hosted pair among the scenario's options.\n");
	if (ps) {
		sbuf_printf(out, fmt == FMT_MARKDOWN ? "\n#### The portfolio\n\n" : "\nThe portfolio (model 7.4):\n");
		sens_text(out, fmt, r, ps);
	}
}
