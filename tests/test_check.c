/*
 * test_check.c - thresholds (interface.md `thresholds`) measured by
 * check_evaluate on compare runs, breakevens, horizons and simulations
 * built in C: every metric at its pass, warn and fail levels, max and min,
 * what happens when there is nothing to measure, and check_overall.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "model/check.h"
#include "model/simulate.h"

/* A new metric must get its cases here before this file compiles again. */
_Static_assert(M_COUNT == 12, "test_check.c covers every enum metric");

/* Four options: a hosted API, two self-hosted, and a managed one that is
 * infeasible. Totals 1,000 / 800 / - / 900: ranked b, d, a, then c. */
enum { OA, OB, OC, OD, NOPT };
static struct option_spec opts[NOPT];
static struct option_result res[NOPT];
static size_t order[NOPT];
static struct scenario sc;
static struct compare_result cmp;
static struct check_inputs in;

static int setup(void **state)
{
	(void)state;
	memset(opts, 0, sizeof(opts));
	memset(res, 0, sizeof(res));
	memset(&sc, 0, sizeof(sc));
	opts[OA].kind = OPT_API;
	strcpy(opts[OA].id, "api:a");
	opts[OB].kind = OPT_SELF_HOSTED;
	strcpy(opts[OB].id, "self_hosted:b");
	opts[OC].kind = OPT_MANAGED;
	strcpy(opts[OC].id, "managed:c");
	opts[OD].kind = OPT_SELF_HOSTED;
	strcpy(opts[OD].id, "self_hosted:d");
	for (size_t i = 0; i < NOPT; i++) {
		res[i].kind = opts[i].kind;
		res[i].feasible = true;
		res[i].has_cost_per_mtok = true;
	}
	res[OA].total = 1000, res[OA].cost_per_mtok = 0.5;
	res[OB].total = 800, res[OB].cost_per_mtok = 0.4, res[OB].utilization = 0.6;
	res[OC].feasible = false, res[OC].reason = R_DOES_NOT_FIT, res[OC].has_cost_per_mtok = false;
	res[OD].total = 900, res[OD].cost_per_mtok = 0.45, res[OD].utilization = 0.3;
	order[0] = OB, order[1] = OD, order[2] = OA, order[3] = OC;
	sc.options = opts;
	sc.n_options = NOPT;
	cmp = (struct compare_result){.results = res, .order = order, .n = NOPT};
	in = (struct check_inputs){.sc = &sc, .c = &cmp};
	return 0;
}

static struct threshold th_max(enum metric m, double max)
{
	return (struct threshold){.metric = m, .has_max = true, .max = max, .level = LEVEL_FAIL};
}

static struct threshold th_min(enum metric m, double min)
{
	return (struct threshold){.metric = m, .has_min = true, .min = min, .level = LEVEL_FAIL};
}

static enum tstatus eval(struct threshold_result *r, const struct threshold *t)
{
	check_evaluate(r, t, &in);
	assert_ptr_equal(r->t, t);
	return r->status;
}

/* Everything infeasible, ranked in scenario order. */
static void all_infeasible(void)
{
	for (size_t i = 0; i < NOPT; i++) {
		res[i].feasible = false;
		order[i] = i;
	}
}

static void monthly_cost_of_the_cheapest(void **state)
{
	struct threshold t = th_max(M_MONTHLY_COST, 900);
	struct threshold_result r;
	(void)state;

	assert_int_equal(eval(&r, &t), T_PASS);
	assert_string_equal(r.option, "self_hosted:b");
	assert_true(r.has_actual);
	assert_true(r.actual == 800);
	assert_null(r.note);
	t.max = 799.99;
	assert_int_equal(eval(&r, &t), T_FAIL);
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
	/* a limit equal to the figure is met, max or min */
	t.max = 800;
	assert_int_equal(eval(&r, &t), T_PASS);
	t = th_min(M_MONTHLY_COST, 800);
	assert_int_equal(eval(&r, &t), T_PASS);
	t.min = 800.01;
	assert_int_equal(eval(&r, &t), T_FAIL);
	/* both limits: inside passes, each side fails */
	t = th_max(M_MONTHLY_COST, 1000);
	t.has_min = true, t.min = 500;
	assert_int_equal(eval(&r, &t), T_PASS);
	t.option = "api:a";
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_true(r.actual == 1000);
	t.max = 999;
	assert_int_equal(eval(&r, &t), T_FAIL);
}

static void cost_per_mtok_of_a_named_option(void **state)
{
	struct threshold t = th_max(M_COST_PER_MTOK, 0.45);
	struct threshold_result r;
	(void)state;

	t.option = "self_hosted:d";
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_string_equal(r.option, "self_hosted:d");
	assert_true(r.actual == 0.45);
	t.option = "api:a";
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_true(r.actual == 0.5);
	/* no volume: feasible but no cost per token, which breaches */
	res[OA].has_cost_per_mtok = false;
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_false(r.has_actual);
	assert_string_equal(r.note, "no volume");
}

static void an_infeasible_subject_breaches(void **state)
{
	struct threshold t = th_max(M_MONTHLY_COST, 1e12);
	struct threshold_result r;
	(void)state;

	t.option = "managed:c";
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_false(r.has_actual);
	assert_string_equal(r.option, "managed:c");
	assert_string_equal(r.note, "the option is infeasible");
	t.level = LEVEL_WARN;
	t.has_max = false, t.has_min = true, t.min = 0;
	assert_int_equal(eval(&r, &t), T_WARN);
	/* none feasible, no option named */
	all_infeasible();
	t.option = NULL;
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_null(r.option);
	assert_string_equal(r.note, "no feasible option");
}

static void utilization_of_the_cheapest_self_hosted(void **state)
{
	struct threshold t = th_min(M_UTILIZATION, 0.5);
	struct threshold_result r;
	(void)state;

	/* the API is now the cheapest: utilization skips to b */
	res[OA].total = 100;
	order[0] = OA, order[1] = OB, order[2] = OD;
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_string_equal(r.option, "self_hosted:b");
	assert_true(r.actual == 0.6);
	t.option = "self_hosted:d";
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_true(r.actual == 0.3);
	/* b infeasible: d is the cheapest feasible self-hosted one */
	res[OB].feasible = false;
	t.option = NULL;
	t = th_max(M_UTILIZATION, 0.25);
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_string_equal(r.option, "self_hosted:d");
	res[OD].feasible = false;
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_false(r.has_actual);
	assert_string_equal(r.note, "no feasible self-hosted option");
}

static void cheapest_kind_and_option_equal(void **state)
{
	struct threshold t = {.metric = M_CHEAPEST_KIND, .equals = "self_hosted"};
	struct threshold_result r;
	(void)state;

	assert_int_equal(eval(&r, &t), T_PASS);
	assert_string_equal(r.actual_text, "self_hosted");
	assert_string_equal(r.option, "self_hosted:b");
	assert_false(r.has_actual);
	t.equals = "api";
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
	t.level = LEVEL_FAIL;
	assert_int_equal(eval(&r, &t), T_FAIL);

	t = (struct threshold){.metric = M_CHEAPEST_OPTION, .equals = "self_hosted:b"};
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_string_equal(r.actual_text, "self_hosted:b");
	t.equals = "self_hosted:d";
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_string_equal(r.actual_text, "self_hosted:b");
	/* the ranking decides, not the scenario order */
	order[0] = OD, order[1] = OB;
	assert_int_equal(eval(&r, &t), T_PASS);
	t = (struct threshold){.metric = M_CHEAPEST_KIND, .equals = "managed"};
	all_infeasible();
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_null(r.actual_text);
	assert_string_equal(r.note, "no option is feasible");
}

static void stale_prices_counts(void **state)
{
	struct threshold t = th_max(M_STALE_PRICES, 2);
	struct threshold_result r;
	(void)state;

	in.stale_prices = 2;
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_true(r.has_actual);
	assert_true(r.actual == 2);
	in.stale_prices = 3;
	assert_int_equal(eval(&r, &t), T_FAIL);
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
	in.stale_prices = 0;
	t.max = 0;
	assert_int_equal(eval(&r, &t), T_PASS);
}

static void requirements_met_counts_feasible_options(void **state)
{
	struct threshold t = th_min(M_REQUIREMENTS_MET, 3);
	struct threshold_result r;
	(void)state;

	assert_int_equal(eval(&r, &t), T_PASS);
	assert_true(r.actual == 3);
	assert_null(r.note);
	t.min = 4;
	assert_int_equal(eval(&r, &t), T_FAIL);
	t.min = 1;
	all_infeasible();
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_true(r.has_actual);
	assert_true(r.actual == 0);
	assert_string_equal(r.note, "no option meets the requirements");
}

/* Pairs (a, b) 5e8, (a, d) 2e8 and (c, b) never. */
static struct be_pair pair_items[3];
static struct pairs P = {pair_items, 3};

static void set_pairs(void)
{
	memset(pair_items, 0, sizeof(pair_items));
	pair_items[0].api = OA, pair_items[0].self_hosted = OB;
	pair_items[0].be.found = true, pair_items[0].be.tokens_per_month = 5e8;
	pair_items[1].api = OA, pair_items[1].self_hosted = OD;
	pair_items[1].be.found = true, pair_items[1].be.tokens_per_month = 2e8;
	pair_items[2].api = OC, pair_items[2].self_hosted = OB;
	in.p = &P;
}

static void breakeven_smallest_of_the_pairs(void **state)
{
	struct threshold t = th_max(M_BREAKEVEN_TOKENS_PER_MONTH, 3e8);
	struct threshold_result r;
	(void)state;

	set_pairs();
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_true(r.actual == 2e8);
	t.option = "self_hosted:b"; /* pairs (a, b) and (c, b) */
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_true(r.actual == 5e8);
	t.option = "api:a";
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_true(r.actual == 2e8);
	t = th_min(M_BREAKEVEN_TOKENS_PER_MONTH, 3e8);
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
}

static void breakeven_never_breaches_a_max_and_passes_a_min(void **state)
{
	struct threshold t = th_max(M_BREAKEVEN_TOKENS_PER_MONTH, 1e15);
	struct threshold_result r;
	(void)state;

	set_pairs();
	t.option = "managed:c"; /* only (c, b), which never breaks even */
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_false(r.has_actual);
	assert_string_equal(r.note, "self-hosting never breaks even");
	t = th_min(M_BREAKEVEN_TOKENS_PER_MONTH, 1e15);
	t.option = "managed:c";
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_false(r.has_actual);
	/* no pairs at all */
	in.p = NULL;
	t.option = NULL;
	assert_int_equal(eval(&r, &t), T_PASS);
	t = th_max(M_BREAKEVEN_TOKENS_PER_MONTH, 1e15);
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
}

/* A horizon over the four options: pairs (a, b) month 7, (a, d) month 4,
 * (c, b) never; totals 12,000 / 9,000 / - / 10,000, cheapest b. */
static struct hz_option hz_opts[NOPT];
static struct hz_pair hz_pairs[3];
static struct horizon H;

static void set_horizon(void)
{
	memset(hz_opts, 0, sizeof(hz_opts));
	memset(hz_pairs, 0, sizeof(hz_pairs));
	memset(&H, 0, sizeof(H));
	hz_opts[OA] = (struct hz_option){.feasible = true, .total = 12000};
	hz_opts[OB] = (struct hz_option){.feasible = true, .total = 9000};
	hz_opts[OC] = (struct hz_option){.feasible = false, .reason = R_DOES_NOT_FIT};
	hz_opts[OD] = (struct hz_option){.feasible = true, .total = 10000};
	hz_pairs[0] = (struct hz_pair){.hosted = OA, .self_hosted = OB, .has_crossover = true,
				       .crossover_month = 7};
	hz_pairs[1] = (struct hz_pair){.hosted = OA, .self_hosted = OD, .has_crossover = true,
				       .crossover_month = 4};
	hz_pairs[2] = (struct hz_pair){.hosted = OC, .self_hosted = OB};
	H.n_options = NOPT;
	H.options = hz_opts;
	H.pairs = hz_pairs;
	H.n_pairs = 3;
	H.cheapest = OB;
	in.h = &H;
}

static void horizon_cost_of_the_cheapest_or_named(void **state)
{
	struct threshold t = th_max(M_MAX_HORIZON_COST, 9000);
	struct threshold_result r;
	(void)state;

	set_horizon();
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_string_equal(r.option, "self_hosted:b");
	assert_true(r.actual == 9000);
	t.option = "self_hosted:d";
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_true(r.actual == 10000);
	t.option = "managed:c";
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_false(r.has_actual);
	assert_string_equal(r.note, "the option is infeasible");
	/* nothing feasible over the horizon */
	H.cheapest = -1;
	t.option = NULL;
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_string_equal(r.note, "no feasible option");
	in.h = NULL;
	t.option = "api:a";
	t.level = LEVEL_FAIL;
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_false(r.has_actual);
}

static void crossover_month_earliest_and_never(void **state)
{
	struct threshold t = th_max(M_MAX_CROSSOVER_MONTH, 6);
	struct threshold_result r;
	(void)state;

	set_horizon();
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_true(r.actual == 4);
	t.option = "self_hosted:b";
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_true(r.actual == 7);
	t.option = "managed:c";
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_false(r.has_actual);
	assert_string_equal(r.note, "self-hosting never crosses over within the horizon");
	t = th_min(M_MAX_CROSSOVER_MONTH, 3);
	t.option = "managed:c";
	assert_int_equal(eval(&r, &t), T_PASS);
	t.option = NULL;
	t.min = 5;
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
}

static void probability_cheapest_over_the_draws(void **state)
{
	struct sim_option so[NOPT];
	struct sim_result sim;
	struct threshold t = th_min(M_MIN_PROBABILITY_CHEAPEST, 0.5);
	struct threshold_result r;
	(void)state;

	memset(so, 0, sizeof(so));
	memset(&sim, 0, sizeof(sim));
	so[OA].share_cheapest = 0.1;
	so[OB].share_cheapest = 0.55;
	so[OD].share_cheapest = 0.35;
	sim.n_options = NOPT;
	sim.options = so;
	in.sim = &sim;
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_string_equal(r.option, "self_hosted:b");
	assert_true(r.actual == 0.55);
	t.option = "self_hosted:d";
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_true(r.actual == 0.35);
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
	/* an infeasible named option is measured: it is never the cheapest */
	t.option = "managed:c";
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_true(r.has_actual);
	assert_true(r.actual == 0);
	/* with segments the default is the cheapest now, the portfolio
	 * included: the simulation's row after the options */
	{
		struct sim_option so_p[NOPT + 1];
		struct portfolio_eval pf;
		memcpy(so_p, so, sizeof(so));
		so_p[NOPT].share_cheapest = 0.9;
		sim.options = so_p;
		sim.has_portfolio = true;
		memset(&pf, 0, sizeof(pf));
		pf.p.feasible = true;
		pf.p.total = 1; /* below every option */
		cmp.portfolio = &pf;
		t.option = NULL;
		assert_int_equal(eval(&r, &t), T_PASS);
		assert_string_equal(r.option, "portfolio");
		assert_true(r.actual == 0.9);
		pf.p.total = 1e12; /* dearer: the cheapest option again */
		assert_int_equal(eval(&r, &t), T_PASS);
		assert_string_equal(r.option, "self_hosted:b");
		cmp.portfolio = NULL;
		sim.options = so;
		sim.has_portfolio = false;
	}
	in.sim = NULL;
	t.option = NULL;
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_string_equal(r.note, "no simulation");
	all_infeasible();
	in.sim = &sim;
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_string_equal(r.note, "no feasible option");
}

/* model.md 7.4: the portfolio total; no segments or an infeasible
 * portfolio has nothing to measure and breaches */
static void portfolio_cost_of_the_segments(void **state)
{
	struct portfolio_eval pf;
	struct threshold t = th_max(M_PORTFOLIO_MONTHLY_COST, 5000);
	struct threshold_result r;
	(void)state;
	assert_int_equal(eval(&r, &t), T_FAIL);
	assert_false(r.has_actual);
	assert_string_equal(r.note, "the workload has no segments");
	memset(&pf, 0, sizeof(pf));
	pf.p.feasible = true;
	pf.p.total = 4200;
	cmp.portfolio = &pf;
	assert_int_equal(eval(&r, &t), T_PASS);
	assert_true(r.has_actual && r.actual == 4200);
	t.max = 4000;
	t.level = LEVEL_WARN;
	assert_int_equal(eval(&r, &t), T_WARN);
	pf.p.feasible = false;
	assert_int_equal(eval(&r, &t), T_WARN);
	assert_string_equal(r.note, "the portfolio is infeasible");
	cmp.portfolio = NULL;
}

static void overall_is_the_worst(void **state)
{
	struct threshold_result r[3];
	(void)state;

	memset(r, 0, sizeof(r));
	assert_int_equal(check_overall(r, 0), T_PASS);
	assert_int_equal(check_overall(r, 3), T_PASS);
	r[1].status = T_WARN;
	assert_int_equal(check_overall(r, 3), T_WARN);
	r[2].status = T_FAIL;
	assert_int_equal(check_overall(r, 3), T_FAIL);
	r[1].status = T_PASS, r[0].status = T_WARN;
	assert_int_equal(check_overall(r, 3), T_FAIL);
	assert_int_equal(check_overall(r, 2), T_WARN);
	assert_string_equal(tstatus_names[T_WARN], "warn");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(monthly_cost_of_the_cheapest, setup),
		cmocka_unit_test_setup(cost_per_mtok_of_a_named_option, setup),
		cmocka_unit_test_setup(an_infeasible_subject_breaches, setup),
		cmocka_unit_test_setup(utilization_of_the_cheapest_self_hosted, setup),
		cmocka_unit_test_setup(cheapest_kind_and_option_equal, setup),
		cmocka_unit_test_setup(stale_prices_counts, setup),
		cmocka_unit_test_setup(requirements_met_counts_feasible_options, setup),
		cmocka_unit_test_setup(breakeven_smallest_of_the_pairs, setup),
		cmocka_unit_test_setup(breakeven_never_breaches_a_max_and_passes_a_min, setup),
		cmocka_unit_test_setup(horizon_cost_of_the_cheapest_or_named, setup),
		cmocka_unit_test_setup(crossover_month_earliest_and_never, setup),
		cmocka_unit_test_setup(probability_cheapest_over_the_draws, setup),
		cmocka_unit_test_setup(portfolio_cost_of_the_segments, setup),
		cmocka_unit_test_setup(overall_is_the_worst, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
