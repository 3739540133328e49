/*
 * report_check.c - the `check` report: a verdict a reviewer reads first,
 * the thresholds, then the cost comparison; markdown is ready for a
 * pull-request comment or $GITHUB_STEP_SUMMARY.
 */
#include <stdio.h>
#include <string.h>

#include "report/grid.h"
#include "model/check.h"
#include "util/num.h"
#include "report/report_internal.h"

/* A metric's value for people: money, tokens, a share, or a name. */
static const char *shown(char *buf, size_t size, const struct run *r, enum metric metric,
			 bool has, double v, const char *text)
{
	if (text)
		return text;
	if (!has)
		return "-";
	if (metric == M_UTILIZATION || metric == M_MIN_PROBABILITY_CHEAPEST)
		return report_share(buf, size, v);
	if (metric == M_BREAKEVEN_TOKENS_PER_MONTH)
		return num_si(buf, size, v);
	if (metric == M_STALE_PRICES)
		return num_grouped(buf, size, v, 0);
	if (metric == M_MAX_CROSSOVER_MONTH) {
		snprintf(buf, size, "month %s", num_grouped((char[32]){0}, 32, v, 0));
		return buf;
	}
	if (metric == M_REQUIREMENTS_MET) {
		char k[32];
		snprintf(buf, size, "%s option%s meet%s them", num_grouped(k, sizeof(k), v, 0),
			 v == 1 ? "" : "s", v == 1 ? "s" : "");
		return buf;
	}
	return num_money(buf, size, v, r->cat->currency);
}

/* What a threshold without an option is about. */
static const char *subject_of(const struct threshold *t)
{
	if (t->metric == M_STALE_PRICES || t->metric == M_REQUIREMENTS_MET)
		return "all options";
	if (t->metric == M_BREAKEVEN_TOKENS_PER_MONTH ||
	    t->metric == M_MAX_CROSSOVER_MONTH)
		return "all pairs";
	if (t->metric == M_MAX_HORIZON_COST)
		return "the cheapest over the horizon";
	if (t->metric == M_UTILIZATION)
		return "the cheapest self-hosted option";
	if (t->metric == M_PORTFOLIO_MONTHLY_COST)
		return "the portfolio";
	return "the cheapest option";
}

static const char *limit_text(char *buf, size_t size, const struct run *r,
			      const struct threshold *t)
{
	char a[48], b[48];

	if (t->equals)
		snprintf(buf, size, "= %s", t->equals);
	else if (t->metric == M_REQUIREMENTS_MET)
		snprintf(buf, size, "some option meets the requirements");
	else if (t->has_max && t->has_min)
		snprintf(buf, size, "%s to %s", shown(a, sizeof(a), r, t->metric, true, t->min, NULL),
			 shown(b, sizeof(b), r, t->metric, true, t->max, NULL));
	else
		snprintf(buf, size, "%s %s", t->has_max ? "<=" : ">=",
			 shown(a, sizeof(a), r, t->metric, true, t->has_max ? t->max : t->min, NULL));
	return buf;
}

static const char *const heads[] = {"status", "metric", "option", "limit", "actual", "level"};
static const char *const csv_heads[] = {"metric", "option", "currency", "max", "min", "equals",
					"actual", "level", "status", "note"};

static void verdict(struct sbuf *out, enum format fmt, const struct threshold_result *t, size_t n)
{
	enum tstatus s = check_overall(t, n);
	size_t fails = 0, warns = 0;

	for (size_t i = 0; i < n; i++) {
		fails += t[i].status == T_FAIL;
		warns += t[i].status == T_WARN;
	}
	if (fmt == FMT_MARKDOWN)
		sbuf_printf(out, "## %s llmtco check: %s\n\n",
			    s == T_FAIL ? ":x:" : s == T_WARN ? ":warning:" : ":white_check_mark:",
			    s == T_FAIL ? "failed" : s == T_WARN ? "passed with warnings" : "passed");
	else
		sbuf_printf(out, "check: %s", s == T_FAIL ? "FAIL" : s == T_WARN ? "WARN" : "PASS");
	sbuf_printf(out, "%s%zu threshold%s, %zu failed, %zu warned\n\n", fmt == FMT_MARKDOWN ? "" : ": ",
		    n, n == 1 ? "" : "s", fails, warns);
}

/* The run's warnings as a markdown list, for the pull request that never
 * sees stderr: stale prices with their entries, missing batch discounts,
 * rate limits. Nothing when there are none. */
static void warnings_markdown(struct sbuf *out, const struct run *r)
{
	struct warning_item w[64];
	size_t n = report_warnings(w, 64, r, NULL);

	if (!n)
		return;
	sbuf_printf(out, "**Warnings (%zu)**\n\n", n);
	for (size_t i = 0; i < n; i++)
		sbuf_printf(out, "- `%s`%s%s%s: %s\n", w[i].code, w[i].option ? " `" : "",
			    w[i].option ? w[i].option : "", w[i].option ? "`" : "", w[i].message);
	sbuf_printf(out, "\n");
}

void report_check(struct sbuf *out, enum format fmt, const struct run *r,
		  const struct compare_result *c, const struct threshold_result *t, size_t n)
{
	struct grid g;
	char a[64], b[64];

	if (fmt == FMT_JSON) {
		report_check_json(out, r, c, t, n);
		return;
	}
	if (fmt == FMT_CSV) {
		grid_init(&g, csv_heads, NULL, 10);
		for (size_t i = 0; i < n; i++) {
			const struct threshold *th = t[i].t;
			grid_cell(&g, "%s", metric_names[th->metric]);
			grid_cell(&g, "%s", t[i].option ? t[i].option : "");
			grid_cell(&g, "%s", r->cat->currency);
			grid_cell(&g, "%s", th->has_max ? num_shortest(a, sizeof(a), th->max) : "");
			grid_cell(&g, "%s", th->has_min ? num_shortest(a, sizeof(a), th->min) : "");
			grid_cell(&g, "%s", th->equals ? th->equals : "");
			grid_cell(&g, "%s", t[i].actual_text ? t[i].actual_text
				  : t[i].has_actual ? num_shortest(b, sizeof(b), t[i].actual) : "");
			grid_cell(&g, "%s", th->level == LEVEL_WARN ? "warn" : "fail");
			grid_cell(&g, "%s", tstatus_names[t[i].status]);
			grid_cell(&g, "%s", t[i].note ? t[i].note : "");
		}
		grid_csv(out, &g);
		grid_release(&g);
		return;
	}
	verdict(out, fmt, t, n);
	grid_init(&g, heads, NULL, 6);
	for (size_t i = 0; i < n; i++) {
		const struct threshold *th = t[i].t;
		grid_cell(&g, "%s", t[i].status == T_FAIL ? "FAIL" : t[i].status == T_WARN ? "WARN" : "pass");
		grid_cell(&g, "%s", metric_names[th->metric]);
		grid_cell(&g, "%s", t[i].option ? t[i].option : subject_of(th));
		grid_cell(&g, "%s", limit_text(a, sizeof(a), r, th));
		if (!t[i].has_actual && !t[i].actual_text && t[i].note)
			grid_cell(&g, "%s", t[i].note);
		else
			grid_cell(&g, "%s", shown(b, sizeof(b), r, th->metric, t[i].has_actual, t[i].actual,
						  t[i].actual_text));
		grid_cell(&g, "%s", th->level == LEVEL_WARN ? "warn" : "fail");
	}
	if (fmt == FMT_MARKDOWN)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 2, -1, r->color);
	grid_release(&g);
	sbuf_printf(out, "\n");
	if (r->unc) {
		report_sim_settings(out, r->unc);
		sbuf_printf(out, "\n");
	}
	if (fmt == FMT_MARKDOWN)
		warnings_markdown(out, r);
	report_compare_text(out, fmt, r, c);
}

void report_check_stderr(struct sbuf *out, const struct run *r, const struct threshold_result *t,
			 size_t n)
{
	enum tstatus s = check_overall(t, n);

	for (size_t i = 0; i < n; i++) {
		const struct threshold *th = t[i].t;
		char a[64], b[64];
		if (t[i].status == T_PASS)
			continue;
		sbuf_printf(out, "llmtco: %s: %s of %s ", t[i].status == T_FAIL ? "fail" : "warn",
			    metric_names[th->metric], t[i].option ? t[i].option : subject_of(th));
		if (!t[i].has_actual && !t[i].actual_text && t[i].note)
			sbuf_printf(out, "has no value: %s", t[i].note);
		else
			sbuf_printf(out, "is %s", shown(a, sizeof(a), r, th->metric, t[i].has_actual,
							t[i].actual, t[i].actual_text));
		sbuf_printf(out, ", limit %s", limit_text(b, sizeof(b), r, th));
		if (th->loc.line)
			sbuf_printf(out, " (%s:%u)\n", th->loc.file, th->loc.line);
		else
			sbuf_printf(out, " (%s)\n", th->loc.file ? th->loc.file : "flag");
	}
	sbuf_printf(out, "llmtco: check %s\n",
		    s == T_FAIL ? "failed" : s == T_WARN ? "passed with warnings" : "passed");
}
