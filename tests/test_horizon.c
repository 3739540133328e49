/*
 * test_horizon.c - the horizon of model.md 9 on hand-computed months:
 * flat horizons repeat the compare figure, growth and trends compound,
 * owned fleets buy only their increments and are never sold, a lead time
 * rents first, NPV discounts by the year, and the crossover month agrees
 * with a brute-force scan of its definition.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "builders.h"
#include "model/check.h"
#include "model/horizon.h"

#define REL(expected, actual) assert_true(fabs((double)(expected) - (actual)) <= 1e-9 * fmax(1, fabs((double)(expected))))

/* Owned-hardware figures at the defaults of model.md 4, per GPU (H100
 * class: 700 W, 30,000): power 0.7 kW * 1.0 * 1.4 PUE * 0.12 * 730 h, a
 * purchase with 30% server overhead, and the fixed components
 * engineering 3,000 + infrastructure 500 + monitoring 300 + updates 1,000. */
#define POWER_PER_GPU (0.7 * 1.4 * 0.12 * 730)
#define UNIT_PRICE (30000 * 1.3)
#define FIXED 4800.0

static struct open_model M;
static struct gpu G;
static struct gpu_price P;
static struct api_model API;

static void setup(void)
{
	defaults();
	M = llama70();
	G = h100();
	P = (struct gpu_price){.provider = "p", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 8};
	G.prices = &P;
	G.n_prices = 1;
	API = api(2.5, 10);
}

static struct horizon_params params(int months)
{
	struct horizon_params p = {.months = months};
	return p;
}

static struct option_spec hosted(void)
{
	return (struct option_spec){.kind = OPT_API, .api = &API, .id = "api:test-api"};
}

static struct option_spec owned(void)
{
	struct option_spec o = self_host(&M, &G, PREC_FP8, 1);
	o.pricing = PRICE_OWNED;
	return o;
}

/* The volume (1:1 input:output) at which tp-1 fp8 replicas are `replicas`
 * busy at peak over the target utilization: exactly that many replicas'
 * worth of load, so ceil() picks the count by hand. */
static double volume_for(double replicas)
{
	struct replica rep;
	double busy_per_token;

	engine_replica(&rep, &M, &G, PREC_FP8, 1, 2048, 0, NULL, &A);
	assert_true(rep.fits);
	busy_per_token = engine_busy(&rep, 0.5, 0.5, &A);
	return replicas * A.v[A_TARGET_UTILIZATION] / busy_per_token;
}

static void run(struct horizon *h, const struct horizon_params *p, const struct option_spec *o,
		size_t n, const struct workload *w)
{
	struct diag d;
	assert_int_equal(horizon_run(h, p, o, n, w, NULL, &A, &d), ST_OK);
}

static void flat_horizon_is_months_times_the_compare_figure(void **state)
{
	struct option_spec o[2];
	struct workload w;
	struct option_result r;
	struct horizon h;
	(void)state;
	setup();
	o[0] = hosted();
	o[1] = self_host(&M, &G, PREC_FP8, 0); /* rented, auto tp */
	w = tokens(500e6, 100e6);                /* model.md 6: 2,250 a month */
	run(&h, &(struct horizon_params){.months = 12}, o, 2, &w);
	REL(27000, h.options[0].total);
	REL(27000, h.options[0].npv);
	REL(2250 * 7, h.options[0].months[6].cumulative);
	engine_evaluate(&r, &o[1], &w, NULL, &A);
	assert_true(r.feasible);
	for (int m = 0; m < 12; m++)
		REL(r.total, h.options[1].months[m].cost);
	REL(12 * r.total, h.options[1].total);
	horizon_release(&h);
}

static void growth_and_price_trends_compound_by_month_and_year(void **state)
{
	struct option_spec o[2];
	struct workload w;
	struct horizon h;
	struct horizon_params p = params(25);
	(void)state;
	setup();
	o[0] = hosted();
	o[1] = self_host(&M, &G, PREC_FP8, 1);
	w = tokens(500e6, 100e6);
	p.growth = 0.04;
	p.api_change = -0.2;
	p.gpu_change = 0.1;
	run(&h, &p, o, 2, &w);
	/* month 13: volume 1.04^12, prices a year on: 0.8 */
	REL(2250 * pow(1.04, 12) * 0.8, h.options[0].months[12].cost);
	REL(600e6 * pow(1.04, 24), h.volume[24]);
	/* month 25, two years on: hosted 0.64, GPUs 1.21 */
	REL(2250 * pow(1.04, 24) * 0.64, h.options[0].months[24].cost);
	{
		struct workload w25;
		struct option_result r;
		struct assumptions a = A;
		engine_scale(&w25, &w, 600e6 * pow(1.04, 24));
		engine_evaluate(&r, &o[1], &w25, NULL, &A);
		/* GPUs at 8 * 1.21 an hour, the rest as at month 1 */
		REL(r.gpus * 8 * 1.21 * 730 + FIXED, h.options[1].months[24].cost);
		a.gpu_price_factor = 1.21;
		engine_evaluate(&r, &o[1], &w25, NULL, &a);
		REL(r.total, h.options[1].months[24].cost);
	}
	horizon_release(&h);
}

static void growing_fleet_buys_only_the_increment(void **state)
{
	struct option_spec o;
	struct workload w;
	struct horizon h;
	struct horizon_params p = params(4);
	(void)state;
	setup();
	o = owned();
	/* 0.6, 0.9, 1.35, 2.025 replicas of load: 1, 1, 2, 3 GPUs */
	w = tokens(volume_for(0.6) / 2, volume_for(0.6) / 2);
	p.growth = 0.5;
	run(&h, &p, &o, 1, &w);
	assert_true(h.options[0].owned);
	REL(1, h.options[0].months[0].gpus);
	REL(1, h.options[0].months[1].gpus);
	REL(2, h.options[0].months[2].gpus);
	REL(3, h.options[0].months[3].gpus);
	REL(UNIT_PRICE + POWER_PER_GPU + FIXED, h.options[0].months[0].cost);
	REL(POWER_PER_GPU + FIXED, h.options[0].months[1].cost);
	REL(UNIT_PRICE + 2 * POWER_PER_GPU + FIXED, h.options[0].months[2].cost);
	REL(UNIT_PRICE + 3 * POWER_PER_GPU + FIXED, h.options[0].months[3].cost);
	REL(3 * UNIT_PRICE, h.options[0].months[0].purchase + h.options[0].months[2].purchase +
				    h.options[0].months[3].purchase);
	REL(3, h.options[0].months[3].fleet);
	horizon_release(&h);
}

static void shrinking_load_keeps_the_fleet_and_its_colocation(void **state)
{
	struct option_spec o;
	struct workload w;
	struct horizon h;
	struct horizon_params p = params(3);
	(void)state;
	setup();
	A.v[A_COLOCATION_PER_GPU_MONTH] = 100;
	o = owned();
	/* 1.8, 0.9, 0.45 replicas of load: 2, 1, 1 GPUs serving */
	w = tokens(volume_for(1.8) / 2, volume_for(1.8) / 2);
	p.growth = -0.5;
	run(&h, &p, &o, 1, &w);
	REL(2 * UNIT_PRICE + 2 * POWER_PER_GPU + 200 + FIXED, h.options[0].months[0].cost);
	/* power on the GPUs serving, colocation on the two owned */
	REL(POWER_PER_GPU + 200 + FIXED, h.options[0].months[1].cost);
	REL(POWER_PER_GPU + 200 + FIXED, h.options[0].months[2].cost);
	REL(2, h.options[0].months[2].fleet);
	horizon_release(&h);
}

static void lead_time_rents_on_demand_then_buys_and_residual_comes_back(void **state)
{
	struct option_spec o;
	struct workload w;
	struct horizon h;
	struct horizon_params p = params(4);
	double g3 = pow(1.2, 2 / 12.0), g4 = pow(1.2, 3 / 12.0);
	(void)state;
	setup();
	A.v[A_RESIDUAL_FRACTION] = 0.25;
	o = owned();
	w = tokens(volume_for(0.5) / 2, volume_for(0.5) / 2); /* one GPU throughout */
	p.lead_time = 2;
	p.gpu_change = 0.2;
	run(&h, &p, &o, 1, &w);
	/* months 1-2: one on-demand GPU at 8 an hour, trended */
	assert_true(h.options[0].months[0].rented);
	assert_true(h.options[0].months[1].rented);
	assert_false(h.options[0].months[2].rented);
	REL(8 * 730 + FIXED, h.options[0].months[0].cost);
	REL(8 * pow(1.2, 1 / 12.0) * 730 + FIXED, h.options[0].months[1].cost);
	/* month 3: the first purchase, at month 3's price */
	REL(UNIT_PRICE * g3 + POWER_PER_GPU + FIXED, h.options[0].months[2].cost);
	/* month 4: a quarter of the fleet's month-4 price comes back */
	REL(POWER_PER_GPU + FIXED - 0.25 * UNIT_PRICE * g4, h.options[0].months[3].cost);
	REL(0.25 * UNIT_PRICE * g4, h.options[0].months[3].residual);
	horizon_release(&h);
}

static void npv_at_zero_rate_is_the_total_and_discounts_by_the_year(void **state)
{
	struct option_spec o[2];
	struct workload w;
	struct horizon h;
	struct horizon_params p = params(13);
	double expect = 0;
	(void)state;
	setup();
	o[0] = hosted();
	o[1] = owned();
	w = tokens(volume_for(0.5) / 2, volume_for(0.5) / 2);
	p.growth = 0.03;
	run(&h, &p, o, 2, &w);
	REL(h.options[0].total, h.options[0].npv);
	REL(h.options[1].total, h.options[1].npv);
	horizon_release(&h);

	p.discount = 0.08;
	run(&h, &p, o, 2, &w);
	for (int m = 1; m <= 13; m++)
		expect += h.options[1].months[m - 1].cost / pow(1.08, (m - 1) / 12.0);
	REL(expect, h.options[1].npv);
	/* a year on, month 13 is worth exactly 1 / 1.08 of its cash */
	expect = h.options[0].months[12].cost / 1.08;
	for (int m = 1; m <= 12; m++)
		expect += h.options[0].months[m - 1].cost / pow(1.08, (m - 1) / 12.0);
	REL(expect, h.options[0].npv);
	assert_true(h.options[1].npv < h.options[1].total);
	horizon_release(&h);
}

/* Owned: 43,885.85 in month 1, then 4,885.85 a month, against a hosted
 * 10,000 a month: 39,000 + 4,885.848 m <= 10,000 m from m = 7.63, so the
 * crossover is month 8. */
static void owned_pays_back_in_the_hand_computed_month(void **state)
{
	struct option_spec o[2];
	struct workload w;
	struct horizon h;
	(void)state;
	setup();
	o[0] = hosted();
	o[1] = owned();
	w = tokens(volume_for(0.5) / 2, volume_for(0.5) / 2);
	API = api(10000 / (w.t_in + w.t_out) * 1e6, 10000 / (w.t_in + w.t_out) * 1e6);
	run(&h, &(struct horizon_params){.months = 24}, o, 2, &w);
	REL(10000, h.options[0].months[0].cost);
	assert_int_equal(h.n_pairs, 1);
	assert_true(h.pairs[0].has_crossover);
	assert_int_equal(h.pairs[0].crossover_month, 8);
	horizon_release(&h);

	/* over 7 months it never pays back */
	run(&h, &(struct horizon_params){.months = 7}, o, 2, &w);
	assert_false(h.pairs[0].has_crossover);
	horizon_release(&h);
}

/* The first m such that every k >= m has self <= hosted: by definition. */
static int brute_force_crossover(const struct hz_option *s, const struct hz_option *a, int months)
{
	for (int m = 1; m <= months; m++) {
		bool stays = true;
		for (int k = m; k <= months; k++)
			stays &= s->months[k - 1].cumulative <= a->months[k - 1].cumulative;
		if (stays)
			return m;
	}
	return 0;
}

static void crossover_matches_a_brute_force_scan(void **state)
{
	struct hz_month ms[40], ma[40];
	struct hz_option s = {.months = ms}, a = {.months = ma};
	unsigned seed = 12345;
	int found = 0, none = 0;
	(void)state;
	for (int trial = 0; trial < 2000; trial++) {
		int months = 1 + trial % 40;
		double cs = 0, ca = 0;
		for (int m = 0; m < months; m++) {
			/* small integers make ties and re-crossings common */
			seed = seed * 1103515245u + 12345u;
			cs += (double)((seed >> 16) % 7) - 1;
			seed = seed * 1103515245u + 12345u;
			ca += (double)((seed >> 16) % 7) - 1;
			ms[m].cumulative = cs;
			ma[m].cumulative = ca;
		}
		int expect = brute_force_crossover(&s, &a, months);
		assert_int_equal(expect, horizon_crossover(&s, &a, months));
		found += expect > 0;
		none += expect == 0;
	}
	/* the scan saw both outcomes */
	assert_true(found > 100 && none > 100);
}

static void infeasible_month_makes_the_option_infeasible(void **state)
{
	struct option_spec o;
	struct workload w;
	struct horizon h;
	(void)state;
	setup();
	o = self_host(&M, &G, PREC_BF16, 1); /* 140 GB of weights on one 80 GB GPU */
	w = tokens(1e9, 1e9);
	run(&h, &(struct horizon_params){.months = 6}, &o, 1, &w);
	assert_false(h.options[0].feasible);
	assert_int_equal(h.options[0].reason, R_DOES_NOT_FIT);
	assert_int_equal(h.options[0].bad_month, 1);
	assert_int_equal(h.cheapest, -1);
	horizon_release(&h);
}

static void settings_out_of_range_are_located_errors(void **state)
{
	struct horizon_set s;
	struct horizon_params p;
	struct diag d;
	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(horizon_resolve(&p, &s, &d), ST_OK);
	assert_int_equal(p.months, 36);
	s.given[HZ_MONTHS] = true;
	s.loc[HZ_MONTHS] = (struct loc){"s.yaml", 3, 11};
	s.v[HZ_MONTHS] = 121;
	assert_int_equal(horizon_resolve(&p, &s, &d), ST_INPUT);
	assert_int_equal(d.line, 3);
	assert_non_null(strstr(d.msg, "'months' must be from 1 to 120"));
	s.v[HZ_MONTHS] = 0;
	assert_int_equal(horizon_resolve(&p, &s, &d), ST_INPUT);
	s.v[HZ_MONTHS] = 12;
	s.given[HZ_VOLUME_GROWTH] = true;
	s.loc[HZ_VOLUME_GROWTH] = (struct loc){"--growth", 0, 0};
	s.v[HZ_VOLUME_GROWTH] = -1.01;
	assert_int_equal(horizon_resolve(&p, &s, &d), ST_INPUT);
	assert_string_equal(d.file, "--growth");
	assert_non_null(strstr(d.msg, "at least -1 (-100%)"));
	s.v[HZ_VOLUME_GROWTH] = -1; /* the volume vanishes after month 1: allowed */
	assert_int_equal(horizon_resolve(&p, &s, &d), ST_OK);
	s.given[HZ_LEAD_TIME] = true;
	s.loc[HZ_LEAD_TIME] = (struct loc){"s.yaml", 7, 30};
	s.v[HZ_LEAD_TIME] = 12;
	assert_int_equal(horizon_resolve(&p, &s, &d), ST_INPUT);
	assert_int_equal(d.line, 7);
	assert_non_null(strstr(d.msg, "at most months - 1 (11)"));
	s.v[HZ_LEAD_TIME] = 11;
	assert_int_equal(horizon_resolve(&p, &s, &d), ST_OK);
	assert_int_equal(p.lead_time, 11);
}

/* model.md 9: 600M tokens doubling every month is 6e8 x 2^30 = 6.4e17 in
 * month 31 and 1.3e18 in month 32, past the 1e18 a workload may have; over
 * 44 months (1e18 / 6e8)^(1/43) - 1 = 63.85...% is the most growth. */
static void growth_past_the_volume_limit_is_a_located_error(void **state)
{
	struct horizon_set s;
	struct horizon_params p = {.months = 44, .growth = 1};
	struct diag d;
	(void)state;
	memset(&s, 0, sizeof(s));
	s.given[HZ_VOLUME_GROWTH] = true;
	s.loc[HZ_VOLUME_GROWTH] = (struct loc){"s.yaml", 9, 28};
	assert_int_equal(horizon_check_volume(&p, &s, 6e8, &d), ST_INPUT);
	assert_string_equal(d.file, "s.yaml");
	assert_int_equal(d.line, 9);
	assert_int_equal(d.col, 28);
	assert_string_equal(d.msg, "'volume_growth_per_month' grows 600M tokens a month past the limit "
				   "of 1e+18 in month 32 of 44: keep to 31 months at this growth, or "
				   "grow at most 63.85% a month over 44 months");
	p.months = 31;
	assert_int_equal(horizon_check_volume(&p, &s, 6e8, &d), ST_OK);
	/* the growth the message offers fits, a hundredth of a percent more does not */
	p.months = 44;
	p.growth = 63.85 / 100;
	assert_int_equal(horizon_check_volume(&p, &s, 6e8, &d), ST_OK);
	p.growth = 63.86 / 100;
	assert_int_equal(horizon_check_volume(&p, &s, 6e8, &d), ST_INPUT);
	/* without growth any volume compare takes is fine, shrinking too */
	p.growth = 0;
	assert_int_equal(horizon_check_volume(&p, &s, 2e18, &d), ST_OK);
	p.growth = -0.5;
	assert_int_equal(horizon_check_volume(&p, &s, 1e18, &d), ST_OK);
}

static void owned_options_need_a_purchase_price_and_a_lead_time_row(void **state)
{
	struct option_spec o;
	struct horizon_params p = params(12);
	struct loc at = {"s.yaml", 9, 5};
	struct diag d;
	(void)state;
	setup();
	o = owned();
	assert_int_equal(horizon_check_options(&p, &o, 1, NULL, &A, &at, &d), ST_OK);
	p.lead_time = 3;
	G.n_prices = 0;
	assert_int_equal(horizon_check_options(&p, &o, 1, NULL, &A, &at, &d), ST_INPUT);
	assert_int_equal(d.line, 9);
	assert_non_null(strstr(d.msg, "on_demand"));
	p.lead_time = 0;
	assert_int_equal(horizon_check_options(&p, &o, 1, NULL, &A, &at, &d), ST_OK);
	G.purchase_price = NAN;
	assert_int_equal(horizon_check_options(&p, &o, 1, NULL, &A, &at, &d), ST_INPUT);
	assert_non_null(strstr(d.msg, "purchase_price"));
}

/* check's horizon metrics: the total of the named option (else the
 * cheapest over the horizon) and the earliest crossover month, a crossover
 * that never comes breaching any max. */
static void check_measures_horizon_totals_and_crossover_months(void **state)
{
	struct option_spec o[2];
	struct workload w;
	struct horizon h;
	struct scenario sc;
	struct threshold t = {.metric = M_MAX_HORIZON_COST, .has_max = true, .max = 240000};
	struct threshold_result res;
	struct check_inputs in;
	(void)state;
	setup();
	o[0] = hosted();
	o[1] = owned();
	option_format_id(&o[1]);
	w = tokens(volume_for(0.5) / 2, volume_for(0.5) / 2);
	API = api(10000 / (w.t_in + w.t_out) * 1e6, 10000 / (w.t_in + w.t_out) * 1e6);
	run(&h, &(struct horizon_params){.months = 24}, o, 2, &w);
	memset(&sc, 0, sizeof(sc));
	sc.options = o;
	sc.n_options = 2;
	in = (struct check_inputs){.sc = &sc, .h = &h};
	/* the owned option is cheapest over 24 months: 39,000 + 24 * 4,885.848 */
	check_evaluate(&res, &t, &in);
	REL(39000 + 24 * (FIXED + POWER_PER_GPU), res.actual);
	assert_string_equal(res.option, o[1].id);
	assert_int_equal(res.status, T_PASS);
	t.option = "api:test-api";
	check_evaluate(&res, &t, &in);
	REL(240000, res.actual);
	assert_int_equal(res.status, T_PASS);
	t.max = 239999;
	check_evaluate(&res, &t, &in);
	assert_int_equal(res.status, T_FAIL);
	t = (struct threshold){.metric = M_MAX_CROSSOVER_MONTH, .has_max = true, .max = 7};
	check_evaluate(&res, &t, &in);
	REL(8, res.actual);
	assert_int_equal(res.status, T_FAIL);
	t.max = 8;
	check_evaluate(&res, &t, &in);
	assert_int_equal(res.status, T_PASS);
	horizon_release(&h);
	/* over 7 months it never crosses: a max breaches, a min passes */
	run(&h, &(struct horizon_params){.months = 7}, o, 2, &w);
	check_evaluate(&res, &t, &in);
	assert_false(res.has_actual);
	assert_int_equal(res.status, T_FAIL);
	t = (struct threshold){.metric = M_MAX_CROSSOVER_MONTH, .has_min = true, .min = 3};
	check_evaluate(&res, &t, &in);
	assert_int_equal(res.status, T_PASS);
	horizon_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(flat_horizon_is_months_times_the_compare_figure),
		cmocka_unit_test(growth_and_price_trends_compound_by_month_and_year),
		cmocka_unit_test(growing_fleet_buys_only_the_increment),
		cmocka_unit_test(shrinking_load_keeps_the_fleet_and_its_colocation),
		cmocka_unit_test(lead_time_rents_on_demand_then_buys_and_residual_comes_back),
		cmocka_unit_test(npv_at_zero_rate_is_the_total_and_discounts_by_the_year),
		cmocka_unit_test(owned_pays_back_in_the_hand_computed_month),
		cmocka_unit_test(crossover_matches_a_brute_force_scan),
		cmocka_unit_test(infeasible_month_makes_the_option_infeasible),
		cmocka_unit_test(settings_out_of_range_are_located_errors),
		cmocka_unit_test(growth_past_the_volume_limit_is_a_located_error),
		cmocka_unit_test(owned_options_need_a_purchase_price_and_a_lead_time_row),
		cmocka_unit_test(check_measures_horizon_totals_and_crossover_months),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
