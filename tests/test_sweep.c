/*
 * test_sweep.c - sweep_run (volumes log or evenly spaced, endpoints exact,
 * every total the engine's at that volume), sweep_default_range (whole
 * decades around the current volume and the breakevens) and pairs_solve
 * (which pairs, in which order, and the PAIRS_MAX refusal).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "builders.h"
#include "model/sweep.h"

static struct open_model M;
static struct gpu G;
static struct api_model API;
static struct option_spec O[2];
static struct workload W;

/* An API at $3/M for every token, and llama-70b fp8 on one H100-class GPU
 * at $8 an hour; 1B in + 3B out a month (a quarter of the tokens are
 * input). */
static int setup(void **state)
{
	(void)state;
	defaults();
	M = llama70();
	G = h100();
	API = api(3, 3);
	O[0] = (struct option_spec){.kind = OPT_API, .api = &API};
	O[1] = self_host(&M, &G, PREC_FP8, 1);
	W = tokens(1e9, 3e9);
	return 0;
}

/* Every total equals the engine's at the scaled workload, NAN where that
 * is infeasible, and cheapest is the lowest feasible one. */
static void assert_engine_totals(const struct sweep *s)
{
	for (size_t i = 0; i < s->n_points; i++) {
		struct workload at;
		double best = INFINITY;
		long cheapest = -1;

		engine_scale(&at, &W, s->volumes[i]);
		for (size_t k = 0; k < s->n_options; k++) {
			struct option_result r;
			double got = s->totals[k * s->n_points + i];
			engine_evaluate(&r, &O[k], &at, NULL, &A);
			if (r.feasible) {
				assert_true(got == r.total);
				if (r.total < best)
					best = r.total, cheapest = (long)k;
			} else {
				assert_true(isnan(got));
			}
		}
		assert_int_equal(s->cheapest[i], cheapest);
		/* input is a quarter of the volume, rounded; output the rest */
		assert_true(s->t_in[i] == round(s->volumes[i] / 4));
		assert_true(s->t_in[i] + s->t_out[i] == s->volumes[i]);
	}
}

static void log_spacing_by_decades(void **state)
{
	struct sweep s;
	struct diag d = {0};
	const double want[] = {1e6, 1e7, 1e8, 1e9, 1e10};
	(void)state;

	assert_int_equal(sweep_run(&s, O, 2, &W, NULL, &A, 1e6, 1e10, 5, false, &d), ST_OK);
	assert_int_equal(s.n_points, 5);
	assert_int_equal(s.n_options, 2);
	assert_false(s.linear);
	for (size_t i = 0; i < 5; i++)
		assert_true(s.volumes[i] == want[i]);
	/* the API at $3/M: 1e6 tokens cost $3, 1e9 $3,000 */
	assert_true(fabs(s.totals[0] - 3) < 1e-9);
	assert_true(fabs(s.totals[3] - 3000) < 1e-6);
	/* a GPU at $8 an hour for a month costs more than $3: the API wins
	 * at 1e6 tokens */
	assert_int_equal(s.cheapest[0], 0);
	assert_engine_totals(&s);
	sweep_release(&s);
	assert_null(s.volumes);
}

static void linear_spacing_and_exact_endpoints(void **state)
{
	struct sweep s;
	struct diag d = {0};
	(void)state;

	assert_int_equal(sweep_run(&s, O, 2, &W, NULL, &A, 0, 3e6, 4, true, &d), ST_OK);
	assert_true(s.linear);
	assert_true(s.volumes[0] == 0);
	assert_true(s.volumes[1] == 1e6);
	assert_true(s.volumes[2] == 2e6);
	assert_true(s.volumes[3] == 3e6);
	assert_true(s.t_in[1] == 250000 && s.t_out[1] == 750000);
	assert_engine_totals(&s);
	sweep_release(&s);

	/* an end that log spacing would miss by a rounding error is exact,
	 * and volumes are whole tokens */
	assert_int_equal(sweep_run(&s, O, 2, &W, NULL, &A, 3333, 7777777, 7, false, &d), ST_OK);
	assert_true(s.volumes[0] == 3333);
	assert_true(s.volumes[6] == 7777777);
	for (size_t i = 0; i < 7; i++) {
		assert_true(s.volumes[i] == round(s.volumes[i]));
		if (i)
			assert_true(s.volumes[i] > s.volumes[i - 1]);
	}
	assert_engine_totals(&s);
	sweep_release(&s);

	/* one point: the start */
	assert_int_equal(sweep_run(&s, O, 2, &W, NULL, &A, 5e6, 5e8, 1, false, &d), ST_OK);
	assert_true(s.volumes[0] == 5e8);
	assert_engine_totals(&s);
	sweep_release(&s);
}

static void infeasible_points_are_nan(void **state)
{
	struct sweep s;
	struct diag d = {0};
	(void)state;

	G.vram_gb = 20; /* 70 GB of fp8 weights do not fit */
	assert_int_equal(sweep_run(&s, O, 2, &W, NULL, &A, 1e6, 1e8, 3, false, &d), ST_OK);
	for (size_t i = 0; i < 3; i++) {
		assert_true(isnan(s.totals[3 + i]));
		assert_int_equal(s.cheapest[i], 0);
	}
	assert_engine_totals(&s);
	sweep_release(&s);
	/* nothing feasible: no cheapest */
	assert_int_equal(sweep_run(&s, O + 1, 1, &W, NULL, &A, 1e6, 1e8, 3, false, &d), ST_OK);
	assert_int_equal(s.cheapest[1], -1);
	sweep_release(&s);
}

static void default_range_in_whole_decades(void **state)
{
	struct be_pair items[3];
	struct pairs p = {items, 3};
	double from, to;
	(void)state;

	sweep_default_range(5e7, NULL, &from, &to);
	assert_true(from == 1e6 && to == 1e9);
	sweep_default_range(1e7, NULL, &from, &to); /* on a decade: one either side */
	assert_true(from == 1e6 && to == 1e8);
	sweep_default_range(0, NULL, &from, &to); /* no volume: 1e6 .. 1e9 widened */
	assert_true(from == 1e5 && to == 1e10);
	memset(items, 0, sizeof(items));
	items[0].be.found = true, items[0].be.tokens_per_month = 2e5;
	items[1].be.found = true, items[1].be.tokens_per_month = 3e10;
	items[2].be.found = false, items[2].be.tokens_per_month = 1; /* never: ignored */
	sweep_default_range(5e7, &p, &from, &to);
	assert_true(from == 1e4 && to == 1e12);
	/* no volume, one breakeven: the range is around it */
	p.n = 1;
	sweep_default_range(0, &p, &from, &to);
	assert_true(from == 1e4 && to == 1e7);
}

static void pairs_hosted_by_self_hosted_in_order(void **state)
{
	struct option_spec o[5];
	struct pairs p;
	struct diag d = {0};
	(void)state;

	o[0] = O[0];
	o[1] = O[1];
	o[2] = (struct option_spec){.kind = OPT_MANAGED, .api = &API};
	o[3] = self_host(&M, &G, PREC_BF16, 2);
	o[4] = self_host(&M, &G, PREC_FP8, 1);
	o[4].kind = OPT_HYBRID; /* hybrids take part in sweep only */
	o[4].api = &API;
	assert_int_equal(pairs_solve(&p, o, 5, &W, NULL, &A, &d), ST_OK);
	assert_int_equal(p.n, 4);
	assert_int_equal(p.items[0].api, 0);
	assert_int_equal(p.items[0].self_hosted, 1);
	assert_int_equal(p.items[1].api, 0);
	assert_int_equal(p.items[1].self_hosted, 3);
	assert_int_equal(p.items[2].api, 2);
	assert_int_equal(p.items[2].self_hosted, 1);
	assert_int_equal(p.items[3].api, 2);
	assert_int_equal(p.items[3].self_hosted, 3);
	/* each is breakeven_solve of its pair */
	for (size_t i = 0; i < 4; i++) {
		struct breakeven be;
		breakeven_solve(&be, &o[p.items[i].api], &o[p.items[i].self_hosted], &W, NULL, &A);
		assert_int_equal(be.found, p.items[i].be.found);
		if (be.found)
			assert_true(be.tokens_per_month == p.items[i].be.tokens_per_month);
		else
			assert_string_equal(be.reason, p.items[i].be.reason);
	}
	pairs_release(&p);
	assert_null(p.items);
	/* no self-hosted option: no pairs */
	assert_int_equal(pairs_solve(&p, o, 1, &W, NULL, &A, &d), ST_OK);
	assert_int_equal(p.n, 0);
	pairs_release(&p);
}

static void more_than_pairs_max_is_refused(void **state)
{
	size_t n = PAIRS_MAX + 2;
	struct option_spec *o = calloc(n, sizeof(*o));
	struct pairs p;
	struct diag d = {0};
	(void)state;

	assert_non_null(o);
	/* 10,001 hosted x 1 self-hosted = 10,001 pairs */
	for (size_t i = 0; i < n - 1; i++)
		o[i] = O[0];
	o[n - 1] = O[1];
	assert_int_equal(pairs_solve(&p, o, n, &W, NULL, &A, &d), ST_INPUT);
	assert_int_equal(d.code, ST_INPUT);
	assert_string_equal(d.file, "options");
	assert_non_null(strstr(d.msg, "10001 hosted x 1 self-hosted options make 10001 pairs"));
	assert_non_null(strstr(d.msg, "at most 10000"));
	assert_null(p.items);
	pairs_release(&p);
	/* as many hosted options with no self-hosted one are no pairs */
	assert_int_equal(pairs_solve(&p, o, n - 1, &W, NULL, &A, &d), ST_OK);
	assert_int_equal(p.n, 0);
	pairs_release(&p);
	free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(log_spacing_by_decades, setup),
		cmocka_unit_test_setup(linear_spacing_and_exact_endpoints, setup),
		cmocka_unit_test_setup(infeasible_points_are_nan, setup),
		cmocka_unit_test_setup(default_range_in_whole_decades, setup),
		cmocka_unit_test_setup(pairs_hosted_by_self_hosted_in_order, setup),
		cmocka_unit_test_setup(more_than_pairs_max_is_refused, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
