/*
 * test_breakeven.c - breakeven volumes (model.md 5) on hand-computed cases,
 * and a property test of the definition on random inputs.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "builders.h"
#include "model/breakeven.h"

#define REL(expected, actual) assert_true(fabs((double)(expected) - (actual)) <= 1e-9 * fmax(1, fabs((double)(expected))))

static struct open_model M;
static struct gpu G;
static struct gpu_price P;
static struct api_model API;
static struct option_spec OA, OS;
static struct workload W;

/* llama-70b at fp8 on one H100-class GPU at `per_gpu_hour`, against an API
 * at `per_mtok` for every token; 1B in + 1B out a month. */
static void setup_pair(double per_gpu_hour, double per_mtok, int tp)
{
	defaults();
	M = llama70();
	G = h100();
	P = (struct gpu_price){.provider = "p", .mode = PRICE_ON_DEMAND, .per_gpu_hour = per_gpu_hour};
	G.prices = &P;
	G.n_prices = 1;
	API = api(per_mtok, per_mtok);
	OA = (struct option_spec){.kind = OPT_API, .api = &API};
	OS = self_host(&M, &G, PREC_FP8, tp);
	W = tokens(1e9, 1e9);
}

/* replicas at peak per token of the shape, for tp */
static double steps_per_token(int tp)
{
	struct replica rep;
	engine_replica(&rep, &M, &G, PREC_FP8, tp, W.context_tokens, 0, NULL, &A);
	assert_true(rep.fits);
	return engine_busy(&rep, W.t_in / 2e9, W.t_out / 2e9, &A) * W.peak_to_average /
	       A.v[A_TARGET_UTILIZATION];
}

/* The hand-computed costs: one GPU at 2 a GPU-hour (g a month), F = 2.5 g
 * and nothing else fixed, and an API at 2 g per `x` replicas' worth of
 * tokens. Returns g. */
static double two_g_per_step(double x)
{
	double g = 2.0 * 730;

	A.v[A_ENGINEERING_FTE] = 0;
	A.v[A_MONITORING_PER_MONTH] = 0;
	A.v[A_MODEL_UPDATES_PER_YEAR] = 0;
	A.v[A_INFRASTRUCTURE_PER_MONTH] = 2.5 * g;
	API = api(2 * g * x * 1e6, 2 * g * x * 1e6);
	return g;
}

/* S(V) <= A(V) at V, by the engine itself */
static bool self_hosting_wins(double v)
{
	struct workload at;
	struct option_result s, a;
	engine_scale(&at, &W, v);
	engine_evaluate(&a, &OA, &at, NULL, &A);
	engine_evaluate(&s, &OS, &at, NULL, &A);
	return s.feasible && s.total <= a.total;
}

static void pure_fixed_cost_breaks_even_at_fixed_over_price(void **state)
{
	struct breakeven be;
	(void)state;
	setup_pair(0, 3.0, 1); /* free GPUs: S = 4,800 a month flat */
	breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
	assert_true(be.found);
	REL(4800 / 3e-6, be.tokens_per_month);
	REL(4800 / 3e-6, be.fluid_tokens_per_month);
	REL(4800, be.api_at.total);
}

/* With a w = 2 g per replica step and F = 2.5 g, step n violates while
 * (F + g n) / a > (n - 1) w, i.e. n < 4.5: the last violation is in step 4,
 * (3w, 4w], where A reaches S at 3.25 w. Fractional replicas cross at
 * 2.5 w. */
static void crossing_inside_a_step(void **state)
{
	struct breakeven be;
	double x, w;
	(void)state;
	setup_pair(2.0, 1, 1);
	x = steps_per_token(1);
	w = 1 / x;
	two_g_per_step(x);
	breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
	assert_true(be.found);
	REL(3.25 * w, be.tokens_per_month);
	REL(2.5 * w, be.fluid_tokens_per_month);
	assert_true(be.self_hosted_at.gpus == 4);
	/* one spare replica adds g to F: n < 5.5, crossing at 4.25 w */
	A.v[A_SPARE_REPLICAS] = 1;
	breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
	REL(4.25 * w, be.tokens_per_month);
}

static void api_cheaper_per_token_is_never_with_a_reason(void **state)
{
	struct breakeven be;
	(void)state;
	setup_pair(100, 0.01, 0);
	breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
	assert_false(be.found);
	assert_string_equal(be.reason, "api_marginal_cost_not_above_self_hosted");
	assert_true(be.self_hosted_per_token >= be.api_per_token);
	assert_int_equal(be.n_windows, 0);
}

static void a_large_api_fee_opens_a_window_below_the_first_step(void **state)
{
	struct breakeven be;
	double w;
	(void)state;
	setup_pair(2.0, 0.01, 1);
	A.v[A_API_FIXED_PER_MONTH] = 100000; /* an enterprise plan */
	w = 1 / steps_per_token(1);
	breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
	assert_false(be.found);
	assert_true(be.n_windows >= 1);
	assert_true(be.windows[0].from == 0);
	assert_true(self_hosting_wins(be.windows[0].to));
	assert_true(self_hosting_wins(be.windows[0].to * 0.5));
	assert_true(be.windows[0].to >= w);
}

static void infeasible_self_hosting_is_never_with_its_reason(void **state)
{
	struct breakeven be;
	(void)state;
	setup_pair(2.0, 3.0, 1);
	OS.precision = PREC_BF16; /* 140 GB on one 80 GB GPU */
	breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
	assert_false(be.found);
	assert_string_equal(be.reason, "self_hosted_does_not_fit");
}

static void tp_is_rechosen_as_volume_grows(void **state)
{
	struct breakeven be;
	struct workload at;
	struct option_result lo, hi;
	(void)state;
	setup_pair(2.0, 5.0, 0);
	W.context_tokens = 4096; /* tp 1 holds one sequence, tp 2+ far more */
	breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
	assert_true(be.found);
	engine_scale(&at, &W, 1e6);
	engine_evaluate(&lo, &OS, &at, NULL, &A);
	engine_scale(&at, &W, be.tokens_per_month * 50);
	engine_evaluate(&hi, &OS, &at, NULL, &A);
	assert_int_equal(lo.tensor_parallel, 1);
	assert_true(hi.tensor_parallel > 1);
	assert_true(self_hosting_wins(be.tokens_per_month * (1 + 1e-9)));
	assert_false(self_hosting_wins(be.tokens_per_month * (1 - 1e-6)));
}

/* The breakeven depends on the workload's shape, not its size: a tiny
 * current volume next to a large API fee must not cost precision. */
static void breakeven_does_not_depend_on_the_current_volume(void **state)
{
	struct breakeven small, large;
	(void)state;
	setup_pair(2.0, 6.6, 0);
	A.v[A_API_FIXED_PER_MONTH] = 1e8;
	A.v[A_INFRASTRUCTURE_PER_MONTH] = 2e8; /* self-hosting's fixed cost is larger still */
	W = tokens(7, 3);
	breakeven_solve(&small, &OA, &OS, &W, NULL, &A);
	W = tokens(7e9, 3e9);
	breakeven_solve(&large, &OA, &OS, &W, NULL, &A);
	assert_true(small.found && large.found);
	assert_true(large.tokens_per_month > 1e12);
	REL(large.tokens_per_month, small.tokens_per_month);
	REL(large.fluid_tokens_per_month, small.fluid_tokens_per_month);
	assert_true(fabs(small.api_per_token - 6.6e-6) <= 1e-12 * 6.6e-6);
}

/* An autoscaled option (model.md 7.2) on a custom day of 12 hours at 1 and
 * 12 at 3, weekend 1: the week's loads are 0.5 and 1.5, 84 hours each. */
static void hourly_two_levels(void)
{
	W.profile = (struct profile){.shape = PROFILE_CUSTOM, .weekend = 1};
	for (int h = 0; h < 24; h++)
		W.profile.hourly[h] = h < 12 ? 1 : 3;
	W.peak_to_average = 1.5;
	OS.scaling = SCALING_HOURLY;
}

/* With u = x V replicas' worth of load (x = busy per token / target, at
 * load 1), F = 2.5 g and an API at 2 g per replica's worth (A = 2 g u), an
 * hour at 0.5 runs max(1, ceil(u / 2)) replicas and one at 1.5
 * max(1, ceil(1.5 u)), so S / g = 2.5 + (n_lo + n_hi) / 2. On (8/3, 10/3]
 * n_hi = 5, n_lo = 2: S = 6 g, above A until u = 3; from there on S stays
 * below (6.5 g on (10/3, 4], then about (3.5 + u) g). Fractional replicas:
 * 2.5 + (u / 2 + 1.5 u) / 2 = 2.5 + u meets 2 u at u = 2.5. */
static void hourly_scaling_breaks_even_on_the_summed_steps(void **state)
{
	struct breakeven be;
	struct replica rep;
	double x, w, g;
	(void)state;
	setup_pair(2.0, 1, 1);
	hourly_two_levels();
	engine_replica(&rep, &M, &G, PREC_FP8, 1, W.context_tokens, 0, NULL, &A);
	x = engine_busy(&rep, 0.5, 0.5, &A) / A.v[A_TARGET_UTILIZATION];
	w = 1 / x;
	g = two_g_per_step(x);
	breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
	assert_true(be.found);
	REL(3 * w, be.tokens_per_month);
	REL(2.5 * w, be.fluid_tokens_per_month);
	REL(g * x, be.self_hosted_per_token); /* the mean load is 1 */
	/* at V* the week peaks at 5 replicas and both bills are 6 g */
	assert_true(be.self_hosted_at.gpus == 5);
	REL(6 * g, be.self_hosted_at.total);
	REL(6 * g, be.api_at.total);
}

/* model.md 7.2: a flat week runs the static count every hour, so its
 * breakeven, fluid figure and windows are the static option's */
static void hourly_on_a_flat_week_breaks_even_where_static_does(void **state)
{
	struct breakeven st, hr;
	(void)state;
	for (int tp = 0; tp <= 2; tp += 2) {
		setup_pair(2.0, 3.0, tp);
		A.v[A_SPARE_REPLICAS] = 1;
		profile_named(&W.profile, PROFILE_FLAT);
		breakeven_solve(&st, &OA, &OS, &W, NULL, &A);
		OS.scaling = SCALING_HOURLY;
		breakeven_solve(&hr, &OA, &OS, &W, NULL, &A);
		assert_true(st.found && hr.found);
		REL(st.tokens_per_month, hr.tokens_per_month);
		REL(st.fluid_tokens_per_month, hr.fluid_tokens_per_month);
		REL(st.self_hosted_per_token, hr.self_hosted_per_token);
		REL(st.self_hosted_at.total, hr.self_hosted_at.total);
	}
	/* a never with windows: the same windows */
	setup_pair(2.0, 0.01, 1);
	A.v[A_API_FIXED_PER_MONTH] = 100000;
	profile_named(&W.profile, PROFILE_FLAT);
	breakeven_solve(&st, &OA, &OS, &W, NULL, &A);
	OS.scaling = SCALING_HOURLY;
	breakeven_solve(&hr, &OA, &OS, &W, NULL, &A);
	assert_false(st.found || hr.found);
	assert_string_equal(st.reason, hr.reason);
	assert_int_equal(st.n_windows, hr.n_windows);
	assert_true(hr.n_windows >= 1);
	for (size_t i = 0; i < hr.n_windows; i++) {
		REL(st.windows[i].from, hr.windows[i].from);
		REL(st.windows[i].to, hr.windows[i].to);
	}
}

/* Windows of an autoscaled option that never breaks even: every window's
 * ends and middle are volumes where the engine finds self-hosting no
 * dearer, and just past each end it is dearer (brute force on the
 * engine's own totals). */
static void hourly_windows_are_where_the_engine_finds_self_hosting_cheaper(void **state)
{
	struct breakeven be;
	(void)state;
	setup_pair(2.0, 0.01, 1);
	A.v[A_API_FIXED_PER_MONTH] = 60000;
	profile_named(&W.profile, PROFILE_BUSINESS_HOURS);
	W.peak_to_average = profile_peak(&W.profile);
	OS.scaling = SCALING_HOURLY;
	breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
	assert_false(be.found);
	assert_string_equal(be.reason, "api_marginal_cost_not_above_self_hosted");
	assert_true(be.n_windows >= 1 && !be.windows_truncated);
	for (size_t i = 0; i < be.n_windows; i++) {
		struct be_window *win = &be.windows[i];
		assert_true(self_hosting_wins(win->to));
		assert_true(self_hosting_wins((win->from + win->to) / 2));
		assert_true(self_hosting_wins(win->from * (1 + 1e-9)));
		assert_false(self_hosting_wins(win->to * (1 + 1e-6)));
		if (win->from > 0)
			assert_false(self_hosting_wins(win->from * (1 - 1e-6)));
	}
	/* and none is missed: a scan between and beyond them */
	for (double v = 1e6; v < be.windows[be.n_windows - 1].to * 4; v *= 1.001) {
		bool inside = false;
		for (size_t i = 0; i < be.n_windows; i++)
			inside |= v >= be.windows[i].from * (1 - 1e-9) && v <= be.windows[i].to * (1 + 1e-9);
		if (self_hosting_wins(v) != inside) {
			print_error("at %.17g: engine %d, windows %d\n", v, self_hosting_wins(v), inside);
			fail();
		}
	}
}

/* a small deterministic generator (no libc rand: same on every machine) */
static unsigned long long seed = 88172645463325252ull;
static double uniform(double lo, double hi)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return lo + (hi - lo) * (double)(seed >> 11) / 9007199254740992.0;
}

/* The definition: S <= A everywhere above V*, and not just below it; with
 * `targets`, availability targets (model.md 10) vary too; with `hourly`,
 * the option scales hour by hour (model.md 7.2) over a named week or the
 * one-peak-hour shape. The engine's own totals are the brute force. */
static void check_definition(int trials, bool targets, bool hourly)
{
	static const enum profile_shape shapes[] = {PROFILE_NONE, PROFILE_BUSINESS_HOURS,
						    PROFILE_DIURNAL, PROFILE_BATCH_NIGHTLY,
						    PROFILE_FLAT};
	static const double target[] = {0.9, 0.999, 0.99999};
	int found = 0;
	for (int trial = 0; trial < trials; trial++) {
		struct breakeven be;
		double v;
		setup_pair(uniform(0.5, 6), uniform(0.2, 20), trial % 5 == 0 ? 0 : 1 << (trial % 4));
		M.params_b = M.active_params_b = uniform(7, 75);
		W = tokens(uniform(1e6, 1e10), uniform(1e6, 1e10));
		W.peak_to_average = uniform(1, 4);
		W.context_tokens = uniform(500, 8000);
		A.v[A_MIN_REPLICAS] = trial % 3;
		A.v[A_SPARE_REPLICAS] = trial % 2;
		A.v[A_API_FIXED_PER_MONTH] = trial % 7 == 0 ? uniform(0, 20000) : 0;
		A.v[A_ENGINEERING_FTE] = uniform(0, 1);
		if (targets) {
			W.req.availability = target[trial % 3];
			A.v[A_REPLICA_AVAILABILITY] = uniform(0.9, 0.999);
		}
		if (hourly) {
			OS.scaling = SCALING_HOURLY;
			if (shapes[trial % 5] != PROFILE_NONE) {
				profile_named(&W.profile, shapes[trial % 5]);
				W.peak_to_average = profile_peak(&W.profile);
			}
		}
		breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
		if (!be.found)
			continue;
		found++;
		v = be.tokens_per_month;
		if (v > 0)
			assert_false(self_hosting_wins(v * (1 - 1e-6)));
		/* densely from V* up to 1,000 V*: log steps plus every replica
		 * boundary region is crossed many times */
		/* (autoscaled: 168 hours an evaluation, so densely up to 3 V*,
		 * then in 1% steps) */
		for (double f = 1 + 1e-7; f < 1000; f *= !hourly ? 1.0007 : f < 3 ? 1.001 : 1.01)
			if (!self_hosting_wins(fmax(v, 1) * f)) {
				print_error("trial %d: S > A at %.17g (V* %.17g)\n", trial, fmax(v, 1) * f, v);
				fail();
			}
	}
	assert_true(found > trials / 3);
}

static void found_breakevens_satisfy_the_definition(void **state)
{
	(void)state;
	check_definition(300, false, false);
}

static void found_hourly_breakevens_satisfy_the_definition(void **state)
{
	(void)state;
	check_definition(60, false, true);
}

static void found_hourly_breakevens_with_availability_targets_satisfy_the_definition(void **state)
{
	(void)state;
	check_definition(9, true, true);
}

static void found_breakevens_with_availability_targets_satisfy_the_definition(void **state)
{
	(void)state;
	check_definition(45, true, false);
}

/* An API priced a hair above self-hosting's long-run cost per token, on
 * rows billed in whole instances of `inst` GPUs: the last losing step is
 * far out and in closed form per residue of the billing period (a walk
 * over every step took seconds at 1e-8). V* must still meet the
 * definition: a loss just below it, none in a dense scan above it. */
static void near_ties_on_whole_instances_meet_the_definition(void **state)
{
	static const double insts[] = {8, 3, 1};
	static const int tps[] = {1, 2, 4};
	(void)state;
	for (size_t k = 0; k < 9; k++) {
		struct breakeven be;
		double v, per_token, x;
		setup_pair(2.5, 5, tps[k % 3]);
		P.instance_gpus = insts[k / 3];
		A.v[A_SPARE_REPLICAS] = k % 2;
		breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
		assert_true(be.self_hosted_priced);
		per_token = be.self_hosted_per_token * (1 + 1e-4);
		API = api(per_token * 1e6, per_token * 1e6);
		breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
		assert_true(be.found);
		v = be.tokens_per_month;
		assert_true(v > 1e3 * (W.t_in + W.t_out)); /* far out: many steps */
		assert_false(self_hosting_wins(v * (1 - 1e-12)));
		/* a step loses, if at all, just right of its left end (3.3's
		 * tolerance puts it at n / (x (1 - 1e-9))): check the next 200 */
		x = steps_per_token(tps[k % 3]);
		for (double n = ceil(v * x); n < ceil(v * x) + 200; n++)
			if (!self_hosting_wins(n / (x * (1 - 1e-9)) * (1 + 1e-12))) {
				print_error("case %zu: S > A after step %.0f (V* %.17g)\n", k, n, v);
				fail();
			}
		for (double f = 1 + 1e-9; f < 100; f *= 1.0007)
			if (!self_hosting_wins(v * f)) {
				print_error("case %zu: S > A at %.17g (V* %.17g)\n", k, v * f, v);
				fail();
			}
	}
}

/* An autoscaled option priced a hair above its API needs a walk of
 * millions of steps to its breakeven: past BE_MAX_WALK_STEPS the pair is
 * refused with its reason rather than walked for minutes; a little
 * further from the tie it is solved. */
static void an_autoscaled_near_tie_is_refused_at_the_walk_limit(void **state)
{
	static const double margins[] = {1e-9, 1e-2};
	(void)state;
	for (size_t k = 0; k < 2; k++) {
		struct breakeven be;
		double per_token;
		setup_pair(2.0, 5, 1);
		profile_named(&W.profile, PROFILE_DIURNAL);
		W.peak_to_average = profile_peak(&W.profile);
		OS.scaling = SCALING_HOURLY;
		breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
		assert_true(be.self_hosted_priced);
		per_token = be.self_hosted_per_token * (1 + margins[k]);
		API = api(per_token * 1e6, per_token * 1e6);
		breakeven_solve(&be, &OA, &OS, &W, NULL, &A);
		if (k == 0) {
			assert_false(be.found);
			assert_string_equal(be.reason, "breakeven_beyond_walk_limit");
		} else {
			assert_true(be.found);
			assert_false(self_hosting_wins(be.tokens_per_month * (1 - 1e-12)));
			assert_true(self_hosting_wins(be.tokens_per_month * 1.5));
		}
	}
}

/* model.md 10: an API priced between the fluid self-hosted cost per token
 * and that cost divided by replica_availability never breaks even once an
 * availability target is set, since spares grow with the replicas. */
static void an_availability_target_raises_the_long_run_cost(void **state)
{
	struct breakeven plain, target;
	(void)state;
	setup_pair(2.0, 20, 1);
	breakeven_solve(&plain, &OA, &OS, &W, NULL, &A);
	assert_true(plain.found);
	/* an API just above the fluid cost per token, below it / 0.9 */
	API = api(plain.self_hosted_per_token * 1e6 * 1.05, plain.self_hosted_per_token * 1e6 * 1.05);
	A.v[A_REPLICA_AVAILABILITY] = 0.9;
	breakeven_solve(&plain, &OA, &OS, &W, NULL, &A);
	assert_true(plain.found);
	W.req.availability = 0.999;
	breakeven_solve(&target, &OA, &OS, &W, NULL, &A);
	assert_false(target.found);
	assert_string_equal("api_marginal_cost_not_above_self_hosted", target.reason);
	REL(plain.self_hosted_per_token / 0.9, target.self_hosted_per_token);
	/* cheaper than both: found, and later than without the target */
	API = api(plain.self_hosted_per_token * 1e6 * 2, plain.self_hosted_per_token * 1e6 * 2);
	W.req.availability = 0;
	breakeven_solve(&plain, &OA, &OS, &W, NULL, &A);
	W.req.availability = 0.999;
	breakeven_solve(&target, &OA, &OS, &W, NULL, &A);
	assert_true(plain.found && target.found);
	assert_true(target.tokens_per_month > plain.tokens_per_month);
	assert_false(self_hosting_wins(target.tokens_per_month * (1 - 1e-6)));
	assert_true(self_hosting_wins(target.tokens_per_month * (1 + 1e-9)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_autoscaled_near_tie_is_refused_at_the_walk_limit),
		cmocka_unit_test(near_ties_on_whole_instances_meet_the_definition),
		cmocka_unit_test(pure_fixed_cost_breaks_even_at_fixed_over_price),
		cmocka_unit_test(crossing_inside_a_step),
		cmocka_unit_test(api_cheaper_per_token_is_never_with_a_reason),
		cmocka_unit_test(a_large_api_fee_opens_a_window_below_the_first_step),
		cmocka_unit_test(infeasible_self_hosting_is_never_with_its_reason),
		cmocka_unit_test(tp_is_rechosen_as_volume_grows),
		cmocka_unit_test(breakeven_does_not_depend_on_the_current_volume),
		cmocka_unit_test(hourly_scaling_breaks_even_on_the_summed_steps),
		cmocka_unit_test(hourly_on_a_flat_week_breaks_even_where_static_does),
		cmocka_unit_test(hourly_windows_are_where_the_engine_finds_self_hosting_cheaper),
		cmocka_unit_test(found_breakevens_satisfy_the_definition),
		cmocka_unit_test(found_hourly_breakevens_satisfy_the_definition),
		cmocka_unit_test(found_hourly_breakevens_with_availability_targets_satisfy_the_definition),
		cmocka_unit_test(found_breakevens_with_availability_targets_satisfy_the_definition),
		cmocka_unit_test(an_availability_target_raises_the_long_run_cost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
