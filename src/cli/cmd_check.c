/*
 * cmd_check.c - `llmtco check`: evaluates the scenario's thresholds and the
 * threshold flags; exit 1 when a `fail` threshold is breached, 0 when only
 * warnings (or nothing) are. The full report is always written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model/check.h"
#include "model/requirements.h"
#include "util/num.h"
#include "util/suggest.h"

enum { O_MAX_COST, O_MAX_CPM, O_MAX_BREAKEVEN, O_MIN_UTIL, O_EXPECT_KIND, O_EXPECT_OPTION, O_MAX_STALE,
       O_MAX_HORIZON_COST, O_MAX_CROSSOVER, O_MIN_PROB, O_RANGE, O_DRAWS, O_SEED, O_MAX_PORTFOLIO };

static const struct opt check_opts[] = {
	{"max-monthly-cost", 0, true, O_MAX_COST, "    --max-monthly-cost N[@OPTION][,warn]      monthly total of OPTION (default: the cheapest)"},
	{"max-cost-per-mtok", 0, true, O_MAX_CPM, "    --max-cost-per-mtok N[@OPTION][,warn]     cost per 1M tokens"},
	{"max-breakeven-tokens", 0, true, O_MAX_BREAKEVEN, "    --max-breakeven-tokens N[@OPTION][,warn]  smallest breakeven of the pairs with OPTION (default: all)"},
	{"min-utilization", 0, true, O_MIN_UTIL, "    --min-utilization N[@OPTION][,warn]       GPU utilization (0.5 or 50%) of a self-hosted or hybrid option"},
	{"expect-cheapest", 0, true, O_EXPECT_KIND, "    --expect-cheapest KIND[,warn]             api, managed, self_hosted or hybrid must be cheapest"},
	{"expect-cheapest-option", 0, true, O_EXPECT_OPTION, "    --expect-cheapest-option ID[,warn]        this option must be cheapest"},
	{"max-stale-prices", 0, true, O_MAX_STALE, "    --max-stale-prices N[,warn]               catalog entries older than --max-price-age in the results"},
	{"max-horizon-cost", 0, true, O_MAX_HORIZON_COST, "    --max-horizon-cost N[@OPTION][,warn]      total over the scenario's horizon (default: the cheapest there)"},
	{"min-probability-cheapest", 0, true, O_MIN_PROB, "    --min-probability-cheapest P[@OPTION][,warn]  share of simulated draws (0.8 or 80%) in which OPTION\n"
							   "                                              (default: the cheapest now) is cheapest; runs the simulation"},
	{"range", 0, true, O_RANGE, "    --range KEY=LOW..HIGH[..]                 a range for the simulation (repeatable; see simulate)"},
	{"draws", 0, true, O_DRAWS, "    --draws N, --seed N                       the simulation's draws and seed"},
	{"seed", 0, true, O_SEED, NULL},
	{"max-crossover-month", 0, true, O_MAX_CROSSOVER, "    --max-crossover-month M[@OPTION][,warn]   earliest crossover month of the pairs with OPTION (default: all)"},
	{"max-portfolio-cost", 0, true, O_MAX_PORTFOLIO, "    --max-portfolio-cost N[,warn]             monthly total of the portfolio of workload.segments"},
	{NULL, 0, false, 0, NULL},
};

static const struct {
	enum metric metric;
	const char *flag;
	bool max, numeric;
} flag_metric[] = {
	[O_MAX_COST] = {M_MONTHLY_COST, "--max-monthly-cost", true, true},
	[O_MAX_CPM] = {M_COST_PER_MTOK, "--max-cost-per-mtok", true, true},
	[O_MAX_BREAKEVEN] = {M_BREAKEVEN_TOKENS_PER_MONTH, "--max-breakeven-tokens", true, true},
	[O_MIN_UTIL] = {M_UTILIZATION, "--min-utilization", false, true},
	[O_EXPECT_KIND] = {M_CHEAPEST_KIND, "--expect-cheapest", false, false},
	[O_EXPECT_OPTION] = {M_CHEAPEST_OPTION, "--expect-cheapest-option", false, false},
	[O_MAX_STALE] = {M_STALE_PRICES, "--max-stale-prices", true, true},
	[O_MAX_HORIZON_COST] = {M_MAX_HORIZON_COST, "--max-horizon-cost", true, true},
	[O_MAX_CROSSOVER] = {M_MAX_CROSSOVER_MONTH, "--max-crossover-month", true, true},
	[O_MIN_PROB] = {M_MIN_PROBABILITY_CHEAPEST, "--min-probability-cheapest", false, true},
	[O_MAX_PORTFOLIO] = {M_PORTFOLIO_MONTHLY_COST, "--max-portfolio-cost", true, true},
};

/* "N[@OPTION][,warn|,fail]" (or "NAME[,warn]" for the expect flags) into
 * a threshold; strings are copied into ctx->owned. */
static enum status parse_flag(struct threshold *t, struct ctx *ctx, int id, const char *value,
			      struct diag *d)
{
	const char *const *kinds = option_kind_names;
	const char *flag = flag_metric[id].flag;
	char *text = cli_concat(ctx, value, NULL), *comma, *at;
	double v;

	if (!text)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	memset(t, 0, sizeof(*t));
	t->metric = flag_metric[id].metric;
	t->loc = (struct loc){flag, 0, 0};
	if ((comma = strrchr(text, ','))) {
		*comma = '\0';
		if (strcmp(comma + 1, "warn") == 0)
			t->level = LEVEL_WARN;
		else if (strcmp(comma + 1, "fail") != 0)
			return diag_set(d, ST_INPUT, flag, 0, 0, "level '%s' must be warn or fail", comma + 1);
	}
	if (!flag_metric[id].numeric) {
		t->equals = text;
		if (id == O_EXPECT_KIND && name_index(kinds, OPT_KIND_COUNT, text) < 0) {
			char hint[160];
			return diag_set(d, ST_INPUT, flag, 0, 0,
					"'%s' must be api, managed, self_hosted or hybrid%s", text,
					suggest_hint(hint, sizeof(hint), text, kinds, OPT_KIND_COUNT));
		}
		return id == O_EXPECT_OPTION ? scenario_option_ref(&ctx->sc, text, &t->loc, d) : ST_OK;
	}
	if ((at = strchr(text, '@')) && id != O_MAX_STALE && id != O_MAX_PORTFOLIO) {
		*at = '\0';
		t->option = at + 1;
		/* model.md 7.4 in 8.1: the portfolio is a row of the simulation */
		if (!(id == O_MIN_PROB && ctx->sc.n_segments && strcmp(t->option, "portfolio") == 0) &&
		    scenario_option_ref(&ctx->sc, t->option, &t->loc, d))
			return d->code;
		if (id == O_MIN_UTIL && strncmp(t->option, "self_hosted:", 12) != 0 &&
		    strncmp(t->option, "hybrid:", 7) != 0)
			return diag_set(d, ST_INPUT, flag, 0, 0,
					"utilization is about a self_hosted or hybrid option, not '%s'",
					t->option);
	}
	if (id == O_MIN_UTIL || id == O_MIN_PROB) {
		/* a utilization or a share is a fraction: 0.5 or 50%; 50 would
		 * mean 5,000% */
		if (!num_parse_rate(text, &v) || v < 0 || v > 1)
			return diag_set(d, ST_INPUT, flag, 0, 0,
					"'%s' must be a fraction from 0 to 1 or a percentage (0.5 or 50%%)", text);
	} else if (!num_parse(text, &v) || v < 0) {
		return diag_set(d, ST_INPUT, flag, 0, 0, "'%s' is not a number >= 0", text);
	}
	if (flag_metric[id].max) {
		t->has_max = true;
		t->max = v;
	} else {
		t->has_min = true;
		t->min = v;
	}
	return ST_OK;
}

static void print_verdict(const struct ctx *ctx, const struct run *r,
			  const struct threshold_result *t, size_t n)
{
	struct sbuf err;

	if (ctx->quiet)
		return;
	sbuf_init(&err);
	report_check_stderr(&err, r, t, n);
	fputs(err.buf ? err.buf : "", stderr);
	sbuf_release(&err);
}

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct evaluation e = {0};
	struct pairs p = {0};
	struct threshold flags[65];
	struct threshold_result res[128];
	size_t n_flags = 0, n = 0;
	bool need_pairs = false, need_horizon = false, need_sim = false;
	struct horizon h = {0};
	struct uncertainty u = {0};
	struct sim_result sim = {0};
	struct sbuf out;
	struct run r;
	int rc = 0;

	sbuf_init(&out);
	if (cli_no_svg(ctx, &d) || cli_load(ctx, false, &d) || cli_evaluate(&e, ctx, &d))
		goto fail;
	for (size_t i = 0; i < ctx->n_flags; i++) {
		int id = ctx->flags[i].id;
		if (id == O_RANGE || id == O_DRAWS || id == O_SEED)
			continue; /* the simulation's, read below */
		if (parse_flag(&flags[n_flags], ctx, id, ctx->flags[i].value, &d))
			goto fail;
		n_flags++;
	}
	/* model.md 10: a scenario with requirements always checks that some
	 * option meets them, unless it says how (metric requirements_met) */
	if (requirements_any(&ctx->sc.req)) {
		bool asked = false;
		for (size_t i = 0; i < ctx->sc.n_thresholds; i++)
			asked |= ctx->sc.thresholds[i].metric == M_REQUIREMENTS_MET;
		if (!asked)
			flags[n_flags++] = (struct threshold){.metric = M_REQUIREMENTS_MET,
							      .has_min = true, .min = 1,
							      .level = LEVEL_FAIL,
							      .loc = {"requirements", 0, 0}};
	}
	if (ctx->sc.n_thresholds + n_flags == 0) {
		diag_set(&d, ST_INPUT, ctx->sc.file, 0, 0,
			 "nothing to check: add 'thresholds' to the scenario or a flag such as --max-monthly-cost");
		goto fail;
	}
	if (ctx->sc.n_thresholds + n_flags > sizeof(res) / sizeof(res[0])) {
		diag_set(&d, ST_INPUT, ctx->sc.file, 0, 0, "more than %zu thresholds", sizeof(res) / sizeof(res[0]));
		goto fail;
	}
	for (size_t i = 0; i < ctx->sc.n_thresholds + n_flags; i++) {
		enum metric m = i < ctx->sc.n_thresholds ? ctx->sc.thresholds[i].metric
							 : flags[i - ctx->sc.n_thresholds].metric;
		need_pairs |= m == M_BREAKEVEN_TOKENS_PER_MONTH;
		need_horizon |= m == M_MAX_HORIZON_COST || m == M_MAX_CROSSOVER_MONTH;
		need_sim |= m == M_MIN_PROBABILITY_CHEAPEST;
	}
	if (need_sim) {
		/* model.md 8.1 over the scenario's ranges and --range */
		if (cli_uncertainty(&u, ctx, O_RANGE, O_DRAWS, O_SEED, &d) ||
		    cli_simulate(&sim, ctx, &u, NULL, NULL, &d))
			goto fail;
	} else if (ctx->args[O_RANGE] || ctx->args[O_DRAWS] || ctx->args[O_SEED]) {
		diag_set(&d, ST_INPUT, ctx->args[O_RANGE] ? "--range" : ctx->args[O_DRAWS] ? "--draws" : "--seed",
			 0, 0, "only min_probability_cheapest runs the simulation; no threshold uses it");
		goto fail;
	}
	if (need_horizon) {
		/* the scenario's horizon (model.md 9), checked as `horizon` does */
		struct horizon_params hp;
		if (horizon_resolve(&hp, &ctx->sc.horizon, &d) ||
		    horizon_check_volume(&hp, &ctx->sc.horizon, ctx->w.t_in + ctx->w.t_out, &d) ||
		    horizon_check_options(&hp, ctx->sc.options, ctx->sc.n_options, &ctx->cat, &ctx->a,
					  ctx->sc.option_locs, &d) ||
		    horizon_run(&h, &hp, ctx->sc.options, ctx->sc.n_options, &ctx->w, &ctx->cat, &ctx->a, &d))
			goto fail;
	}
	if (need_pairs && ctx->w.t_in + ctx->w.t_out > 0 &&
	    pairs_solve(&p, ctx->sc.options, ctx->sc.n_options, &ctx->w, &ctx->cat, &ctx->a, &d))
		goto fail;
	cli_run_init(&r, ctx);
	r.current = &e.c;
	r.unc = need_sim ? &u : NULL;
	{
		struct warning_item unused[1];
		struct check_inputs in = {.sc = &ctx->sc, .c = &e.c, .p = &p, .h = need_horizon ? &h : NULL,
					  .sim = need_sim ? &sim : NULL};
		report_warnings(unused, 0, &r, &in.stale_prices);
		for (size_t i = 0; i < ctx->sc.n_thresholds; i++)
			check_evaluate(&res[n++], &ctx->sc.thresholds[i], &in);
		for (size_t i = 0; i < n_flags; i++)
			check_evaluate(&res[n++], &flags[i], &in);
	}
	report_check(&out, ctx->fmt, &r, &e.c, res, n);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	cli_print_warnings(ctx, &r);
	print_verdict(ctx, &r, res, n);
	rc = check_overall(res, n) == T_FAIL ? 1 : 0;
	goto done;
fail:
	rc = cli_fail(&d);
done:
	pairs_release(&p);
	horizon_release(&h);
	simulate_release(&sim);
	uncertainty_release(&u);
	compare_release(&e);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_check = {
	.name = "check",
	.run = run,
	.summary = "evaluate budget thresholds: exit 1 when a fail-level one is breached",
	.usage = "llmtco check [-s SCENARIO] [--max-monthly-cost N[@OPTION][,warn]]... [-f FORMAT] [-o FILE]",
	.opts = check_opts,
};
