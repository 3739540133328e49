/*
 * test_prices.c - what a self-hosted option pays for (model.md 3.4): whole
 * instances of a price row, replicas on every paid GPU, and which row the
 * option uses when it names no provider. Inputs are built in C; no YAML.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "builders.h"
#include "model/breakeven.h"

#define CLOSE(expected, actual)                                                            \
	assert_true(fabs((double)(expected) - (actual)) <=                                  \
		    1e-9 * fmax(1, fabs((double)(expected))))

static int setup(void **state)
{
	(void)state;
	defaults();
	return 0;
}

/* ---- instance billing ------------------------------------------------------ */

static void two_gpus_on_an_8_gpu_row_bill_8_and_run_4_tp2_replicas(void **state)
{
	struct billing b;
	(void)state;
	engine_bill(&b, 1, 2, 8);
	CLOSE(1, b.instances);
	CLOSE(8, b.gpus_billed);
	CLOSE(4, b.replicas);
}

static void billing_rounds_up_to_whole_instances_only(void **state)
{
	struct billing b;
	(void)state;
	engine_bill(&b, 5, 2, 8); /* 10 GPUs needed: 2 instances, 8 replicas */
	CLOSE(2, b.instances);
	CLOSE(16, b.gpus_billed);
	CLOSE(8, b.replicas);
	engine_bill(&b, 4, 2, 8); /* exactly one instance */
	CLOSE(1, b.instances);
	engine_bill(&b, 3, 1, 1); /* one-GPU rows bill what is needed */
	CLOSE(3, b.gpus_billed);
	CLOSE(3, b.replicas);
	engine_bill(&b, 1, 8, 1); /* tp above the instance: 8 instances */
	CLOSE(8, b.instances);
	CLOSE(1, b.replicas);
	engine_bill(&b, 2, 4, 3); /* 8 GPUs on 3-GPU instances: 9 paid, 2 replicas */
	CLOSE(3, b.instances);
	CLOSE(9, b.gpus_billed);
	CLOSE(2, b.replicas);
}

/* An 8-GPU-only row: a model that needs one GPU pays for eight, and the
 * eight all serve (model.md 3.4). */
static void an_option_on_an_8_gpu_row_pays_for_the_whole_instance(void **state)
{
	struct gpu_price rows[] = {{.provider = "big", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 4,
				    .instance_gpus = 8}};
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(1e6, 1e6);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 1);
	struct option_result r;
	(void)state;
	g.prices = rows;
	g.n_prices = 1;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_true(r.feasible);
	CLOSE(8, r.gpus);
	CLOSE(8, r.replicas);
	CLOSE(8 * 4 * 730, r.sh.gpu);
	CLOSE(r.busy / 8, r.utilization);
	assert_int_equal(r.n_alternatives, 1);
	CLOSE(8, r.alternatives[0].gpus_billed);
}

/* ---- the default row ---------------------------------------------------------- */

/* rows: a marketplace listing (cheapest), a host-less accelerator price, a
 * 1-GPU and an 8-GPU row of one provider, another provider's 1-GPU row */
static struct gpu_price mixed[] = {
	{.provider = "market", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 1.0, .marketplace = true},
	{.provider = "bare", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 1.5, .accelerator_only = true},
	{.provider = "lam", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 3.3, .instance_gpus = 1},
	{.provider = "lam", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 3.0, .instance_gpus = 8},
	{.provider = "neb", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 3.5, .instance_gpus = 1},
	{.provider = "spot", .mode = PRICE_SPOT, .per_gpu_hour = 0.5},
};

static struct gpu mixed_gpu(void)
{
	struct gpu g = h100();
	g.prices = mixed;
	g.n_prices = sizeof(mixed) / sizeof(mixed[0]);
	return g;
}

static void default_row_skips_marketplace_and_host_less_rows(void **state)
{
	struct open_model m = llama70();
	struct gpu g = mixed_gpu();
	struct workload w = tokens(1e6, 1e6);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 1);
	struct option_result r;
	(void)state;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_true(r.feasible);
	/* one GPU: the 1-GPU row at 3.3 beats 8 x 3.0 and the 3.5 row */
	assert_ptr_equal(r.price, &mixed[2]);
	assert_int_equal(r.warnings & (W_MARKETPLACE_PRICE | W_ACCELERATOR_ONLY_PRICE), 0);
	/* every on-demand row is listed with its figure, cheapest first */
	assert_int_equal(r.n_alternatives, 5);
	assert_int_equal(r.n_alternatives_total, 5);
	assert_ptr_equal(r.alternatives[0].row, &mixed[0]);
	assert_ptr_equal(r.alternatives[1].row, &mixed[1]);
	assert_ptr_equal(r.alternatives[2].row, &mixed[2]);
	assert_ptr_equal(r.alternatives[3].row, &mixed[4]);
	assert_ptr_equal(r.alternatives[4].row, &mixed[3]);
	CLOSE(3.3 * 730, r.alternatives[2].gpu);
	CLOSE(8 * 3.0 * 730, r.alternatives[4].gpu);
	for (size_t i = 1; i < r.n_alternatives; i++)
		assert_true(r.alternatives[i - 1].gpu <= r.alternatives[i].gpu);
}

static void default_row_turns_to_the_8_gpu_row_when_it_fills(void **state)
{
	struct open_model m = llama70();
	struct gpu g = mixed_gpu();
	struct workload w = tokens(1e6, 1e6);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 8);
	struct option_result r;
	(void)state;
	/* tp 8 needs 8 GPUs: 8 x 3.0 beats 8 x 3.3 */
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_ptr_equal(r.price, &mixed[3]);
	CLOSE(8, r.gpus);
}

static void marketplace_and_host_less_rows_are_the_fallback_with_warnings(void **state)
{
	struct gpu_price rows[] = {
		{.provider = "market", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 1.0, .marketplace = true},
		{.provider = "bare", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 0.9, .accelerator_only = true},
	};
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(1e6, 1e6);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 1);
	struct option_result r;
	(void)state;
	g.prices = rows;
	g.n_prices = 2;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_true(r.feasible);
	assert_ptr_equal(r.price, &rows[1]);
	assert_int_equal(r.warnings & W_ACCELERATOR_ONLY_PRICE, W_ACCELERATOR_ONLY_PRICE);
	assert_int_equal(r.warnings & W_MARKETPLACE_PRICE, 0);
	g.n_prices = 1;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_ptr_equal(r.price, &rows[0]);
	assert_int_equal(r.warnings & W_MARKETPLACE_PRICE, W_MARKETPLACE_PRICE);
}

static void a_named_provider_takes_its_cheapest_row_for_the_option(void **state)
{
	struct open_model m = llama70();
	struct gpu g = mixed_gpu();
	struct workload w = tokens(1e6, 1e6);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 2);
	struct option_result r;
	(void)state;
	o.provider = "lam";
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_ptr_equal(r.price, &mixed[2]); /* 2 x 3.3 < 8 x 3.0 */
	o.tensor_parallel = 8;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_ptr_equal(r.price, &mixed[3]);
	o.provider = "market"; /* named: used, with its warning */
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_ptr_equal(r.price, &mixed[0]);
	assert_true(r.warnings & W_MARKETPLACE_PRICE);
	o.provider = "nobody";
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_false(r.feasible);
	assert_int_equal(r.reason, R_NO_PRICE);
}

static void equal_rows_go_to_catalog_order(void **state)
{
	struct gpu_price rows[] = {{.provider = "first", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 2},
				   {.provider = "second", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 2}};
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(1e6, 1e6);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	struct option_result r;
	(void)state;
	g.prices = rows;
	g.n_prices = 2;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_ptr_equal(r.price, &rows[0]);
	assert_ptr_equal(r.alternatives[0].row, &rows[0]);
}

/* ---- breakeven on instance steps --------------------------------------------- */

static double sh_total(const struct option_spec *o, const struct workload *w, double v)
{
	struct workload at;
	struct option_result r;
	engine_scale(&at, w, v);
	engine_evaluate(&r, o, &at, NULL, &A);
	assert_true(r.feasible);
	return r.total;
}

static double api_total_at(const struct option_spec *o, const struct workload *w, double v)
{
	struct workload at;
	struct option_result r;
	engine_scale(&at, w, v);
	engine_evaluate(&r, o, &at, NULL, &A);
	return r.total;
}

/* The exact breakeven against brute force: on a fine grid, no volume above
 * it has self-hosting dearer, and just below it self-hosting is dearer. */
static void check_against_brute_force(const struct option_spec *api_o, const struct option_spec *sh,
				      const struct workload *w)
{
	struct breakeven be;
	double last_bad = 0, v;

	breakeven_solve(&be, api_o, sh, w, NULL, &A);
	assert_true(be.found);
	assert_true(be.tokens_per_month > 0);
	for (int i = 0; i <= 20000; i++) {
		v = be.tokens_per_month * 3 * i / 20000.0;
		if (v > 0 && sh_total(sh, w, v) > api_total_at(api_o, w, v) * (1 + 1e-12))
			last_bad = v;
	}
	/* the last dear grid point lies below V*, within one grid step */
	assert_true(last_bad <= be.tokens_per_month);
	assert_true(last_bad >= be.tokens_per_month - be.tokens_per_month * 3 / 20000.0);
	/* exact to 1e-6: cheap just above, dear just below */
	v = be.tokens_per_month * (1 + 1e-7);
	assert_true(sh_total(sh, w, v) <= api_total_at(api_o, w, v) * (1 + 1e-12));
	v = be.tokens_per_month * (1 - 1e-7);
	assert_true(sh_total(sh, w, v) > api_total_at(api_o, w, v));
}

static void breakeven_steps_by_instances_against_brute_force(void **state)
{
	struct gpu_price rows[] = {
		{.provider = "one", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 3.3, .instance_gpus = 1},
		{.provider = "eight", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 2.0, .instance_gpus = 8},
		{.provider = "market", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 0.5, .marketplace = true},
	};
	struct api_model am = api(3, 12);
	struct option_spec api_o = {.kind = OPT_API, .api = &am};
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(5e8, 1e8);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	(void)state;
	g.prices = rows;
	g.n_prices = 3;
	w.peak_to_average = 2;
	check_against_brute_force(&api_o, &o, &w);
	/* only the 8-GPU row: every step is a whole instance */
	g.prices = &rows[1];
	g.n_prices = 1;
	check_against_brute_force(&api_o, &o, &w);
	o.tensor_parallel = 2;
	check_against_brute_force(&api_o, &o, &w);
	/* spares and a minimum fill instances too */
	A.v[A_SPARE_REPLICAS] = 1;
	A.v[A_MIN_REPLICAS] = 3;
	check_against_brute_force(&api_o, &o, &w);
}

static void an_8_gpu_instance_moves_the_breakeven_up(void **state)
{
	struct gpu_price one = {.provider = "p", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 2.0};
	struct gpu_price eight = {.provider = "p", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 2.0,
				  .instance_gpus = 8};
	struct api_model am = api(3, 12);
	struct option_spec api_o = {.kind = OPT_API, .api = &am};
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(5e8, 1e8);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 2);
	struct breakeven a1, a8;
	(void)state;
	g.n_prices = 1;
	g.prices = &one;
	breakeven_solve(&a1, &api_o, &o, &w, NULL, &A);
	g.prices = &eight;
	breakeven_solve(&a8, &api_o, &o, &w, NULL, &A);
	assert_true(a1.found && a8.found);
	assert_true(a8.tokens_per_month > a1.tokens_per_month);
	/* the fluid figure ignores whole replicas and instances alike */
	CLOSE(a1.fluid_tokens_per_month, a8.fluid_tokens_per_month);
	/* at the breakeven the 8-GPU row bills whole instances */
	CLOSE(0, fmod(a8.self_hosted_at.gpus, 8));
}

/* More rows than the result lists: the choice and the breakeven still see
 * them all, and the listed alternatives are the cheapest. */
static void many_rows_are_all_considered(void **state)
{
	struct gpu_price rows[40];
	char names[40][8];
	struct api_model am = api(3, 12);
	struct option_spec api_o = {.kind = OPT_API, .api = &am};
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(5e8, 1e8);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	struct option_result r;
	(void)state;
	for (int i = 0; i < 40; i++) {
		snprintf(names[i], sizeof(names[i]), "p%d", i);
		rows[i] = (struct gpu_price){.provider = names[i], .mode = PRICE_ON_DEMAND,
					     .per_gpu_hour = 9 - 0.1 * i, .instance_gpus = 1 + i % 3};
	}
	g.prices = rows;
	g.n_prices = 40;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_true(r.feasible);
	assert_int_equal(r.n_alternatives_total, 40);
	assert_int_equal(r.n_alternatives, ENGINE_MAX_ALTERNATIVES);
	assert_ptr_equal(r.alternatives[0].row, r.price);
	/* the listed figures are the 32 lowest of the 40 rows' own figures */
	{
		double own[40], cut;
		int below = 0;
		struct option_result one;
		for (int i = 0; i < 40; i++) {
			o.provider = names[i];
			engine_evaluate(&one, &o, &w, NULL, &A);
			own[i] = one.sh.gpu;
		}
		o.provider = NULL;
		cut = r.alternatives[ENGINE_MAX_ALTERNATIVES - 1].gpu;
		for (int i = 0; i < 40; i++)
			below += own[i] <= cut;
		assert_true(below >= ENGINE_MAX_ALTERNATIVES);
		for (int i = 0; i < 40; i++)
			assert_true(own[i] >= r.alternatives[0].gpu);
		CLOSE(r.sh.gpu, r.alternatives[0].gpu);
	}
	check_against_brute_force(&api_o, &o, &w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(two_gpus_on_an_8_gpu_row_bill_8_and_run_4_tp2_replicas, setup),
		cmocka_unit_test_setup(billing_rounds_up_to_whole_instances_only, setup),
		cmocka_unit_test_setup(an_option_on_an_8_gpu_row_pays_for_the_whole_instance, setup),
		cmocka_unit_test_setup(default_row_skips_marketplace_and_host_less_rows, setup),
		cmocka_unit_test_setup(default_row_turns_to_the_8_gpu_row_when_it_fills, setup),
		cmocka_unit_test_setup(marketplace_and_host_less_rows_are_the_fallback_with_warnings, setup),
		cmocka_unit_test_setup(a_named_provider_takes_its_cheapest_row_for_the_option, setup),
		cmocka_unit_test_setup(equal_rows_go_to_catalog_order, setup),
		cmocka_unit_test_setup(breakeven_steps_by_instances_against_brute_force, setup),
		cmocka_unit_test_setup(an_8_gpu_instance_moves_the_breakeven_up, setup),
		cmocka_unit_test_setup(many_rows_are_all_considered, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
