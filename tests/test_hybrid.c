/*
 * test_hybrid.c - hourly autoscaling and hybrids (model.md 7.2, 7.3) on
 * hand-computed weeks, their agreement with static self-hosting where the
 * model says they must agree, and replicas: auto against brute force.
 *
 * Hand cases use a replica of 1,000 output tokens/s and an output-only
 * workload of 2 busy replicas on average: 2 x 730 x 3,600 x 1,000 =
 * 5.256B tokens a month, GPUs at $2/hour, target utilization 0.75, the
 * default $4,800 of monthly overhead.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "builders.h"
#include "model/hybrid.h"

#define CENT(expected, actual) assert_true(fabs((double)(expected) - (actual)) < 0.005)
#define REL(expected, actual) \
	assert_true(fabs((double)(expected) - (actual)) <= 1e-9 * fmax(1, fabs((double)(expected))))

static const double VOLUME = 5.256e9;
static const double OVERHEAD = 3000 + 500 + 300 + 1000;

static int setup(void **state)
{
	(void)state;
	defaults();
	return 0;
}

static struct replica fast_replica(void)
{
	struct replica r = {.fits = true, .prefill_tps = 10000, .decode_tps = 1000, .batch = 64};
	return r;
}

static struct option_result rented_at_2(void)
{
	struct option_result out;
	memset(&out, 0, sizeof(out));
	out.kind = OPT_SELF_HOSTED;
	out.per_gpu_hour = 2;
	return out;
}

/* business_hours: weekday work hours need ceil(2 x 2.5712 / 0.75) = 7
 * replicas, weekday nights 2, weekend days 2, weekend nights 1: 558
 * replica-hours a week, each worth 730 / 168 hours of the month */
static void hourly_follows_business_hours(void **state)
{
	struct option_spec o = {.kind = OPT_SELF_HOSTED, .pricing = PRICE_ON_DEMAND,
				.scaling = SCALING_HOURLY};
	struct replica rep = fast_replica();
	struct workload w = tokens(0, VOLUME);
	struct option_result out = rented_at_2();
	struct profile p;
	double L[WEEK_HOURS], total;
	(void)state;
	profile_named(&p, PROFILE_BUSINESS_HOURS);
	assert_true(profile_week(L, &p));
	total = hourly_cost_tp(&out, &o, &rep, 1, &w, L, &A);
	REL(2, out.busy);
	CENT(558 * 2 * 730 / 168.0, out.sh.gpu);
	CENT(558 * 2 * 730 / 168.0 + OVERHEAD, total);
	REL(558 * 730 / 168.0, out.gpu_hours);
	REL(2 / (558 / 168.0), out.utilization);
	assert_true(out.replicas_min == 1 && out.replicas_max == 7);
	assert_true(out.replicas == 7 && out.gpus == 7);
}

/* min_replicas 0 scales to zero: 12 busy hours a weekday at L = 2.8 need
 * ceil(2 x 2.8 / 0.75) = 8 replicas for 60 hours a week, none otherwise */
static void hourly_scales_to_zero_without_min_replicas(void **state)
{
	struct option_spec o = {.kind = OPT_SELF_HOSTED, .pricing = PRICE_ON_DEMAND,
				.scaling = SCALING_HOURLY};
	struct replica rep = fast_replica();
	struct workload w = tokens(0, VOLUME);
	struct option_result out = rented_at_2();
	struct profile p = {.shape = PROFILE_CUSTOM, .weekend = 0};
	double L[WEEK_HOURS];
	(void)state;
	A.v[A_MIN_REPLICAS] = 0;
	for (int h = 8; h < 20; h++)
		p.hourly[h] = 1;
	assert_true(profile_week(L, &p));
	hourly_cost_tp(&out, &o, &rep, 2, &w, L, &A);
	CENT(60 * 8 * 2 * 2 * 730 / 168.0, out.sh.gpu); /* tp 2: 16 GPUs in those hours */
	REL(2 / (480 / 168.0), out.utilization);
	assert_true(out.replicas_min == 0 && out.replicas_max == 8 && out.gpus == 16);
}

/* the overflow of the whole workload at $10 per 1M output tokens */
static struct overflow_rate gpt_like(double fixed)
{
	struct overflow_rate r;
	memset(&r, 0, sizeof(r));
	r.at_volume.output = VOLUME * 10 / 1e6;
	r.fixed = fixed;
	return r;
}

/* One peak hour at p = 3: off-peak hours need 56/23 replicas, the peak
 * hour 8; a replica takes 0.75 x 3.6M = 2.7M tokens an hour. At N = 3
 * only the 7 peak hours overflow, 5 replicas' worth each:
 * 35 x 2.7M x 730 / 168 = 410.625M tokens, $4,106.25. */
static void hybrid_overflows_only_the_peak_at_three_replicas(void **state)
{
	struct option_spec o = {.kind = OPT_HYBRID, .pricing = PRICE_ON_DEMAND, .replicas = 3};
	struct replica rep = fast_replica();
	struct workload w = tokens(0, VOLUME);
	struct option_result out = rented_at_2();
	struct overflow_rate over = gpt_like(0);
	struct profile none = {0};
	double L[WEEK_HOURS], total;
	(void)state;
	w.peak_to_average = 3;
	assert_true(profile_week_of(L, &none, 3));
	total = hybrid_cost_tp(&out, &o, &rep, 1, &w, L, NULL, &over, &A);
	REL(410.625e6, out.overflow_tokens);
	CENT(4106.25, out.overflow);
	CENT(4106.25, out.api.output);
	CENT(3 * 2 * 730, out.sh.gpu);
	CENT(4380 + 4106.25 + OVERHEAD, total);
	REL(0.921875, out.self_served_share);
	assert_int_equal(out.weekday_hours_in_house, 23);
	assert_true(out.replicas == 3 && out.gpus == 3);
	/* N = 2: off-peak hours overflow too, 10/23 x 161 + 6 x 7 = 112 units */
	o.replicas = 2;
	total = hybrid_cost_tp(&out, &o, &rep, 1, &w, L, NULL, &over, &A);
	REL(112 * 2.7e6 * 730 / 168, out.overflow_tokens);
	CENT(2920 + 13140 + OVERHEAD, total);
	assert_int_equal(out.weekday_hours_in_house, 0);
}

/* Totals without overhead: N=1 34,310; N=2 16,060; N=3 8,486.25; N=4 9,125;
 * N=8 11,680 (no overflow). auto keeps N = 3. */
static void hybrid_auto_finds_the_cheapest_base(void **state)
{
	struct option_spec o = {.kind = OPT_HYBRID, .pricing = PRICE_ON_DEMAND};
	struct replica rep = fast_replica();
	struct workload w = tokens(0, VOLUME);
	struct option_result out = rented_at_2();
	struct overflow_rate over = gpt_like(0);
	struct profile none = {0};
	double L[WEEK_HOURS], total;
	(void)state;
	assert_true(profile_week_of(L, &none, 3));
	total = hybrid_cost_tp(&out, &o, &rep, 1, &w, L, NULL, &over, &A);
	assert_true(out.replicas == 3);
	CENT(8486.25 + OVERHEAD, total);
	/* a $5,000 fee on any overflow makes the no-overflow base (N = 8) win:
	 * 11,680 < 8,486.25 + 5,000 */
	over = gpt_like(5000);
	total = hybrid_cost_tp(&out, &o, &rep, 1, &w, L, NULL, &over, &A);
	assert_true(out.replicas == 8);
	CENT(11680 + OVERHEAD, total);
	assert_true(out.overflow == 0 && out.api.fixed == 0);
}

static void hybrid_below_min_replicas_is_refused(void **state)
{
	struct option_spec o = {.kind = OPT_HYBRID, .pricing = PRICE_ON_DEMAND, .replicas = 2};
	struct replica rep = fast_replica();
	struct workload w = tokens(0, VOLUME);
	struct option_result out = rented_at_2();
	struct overflow_rate over = gpt_like(0);
	struct profile none = {0};
	double L[WEEK_HOURS];
	(void)state;
	A.v[A_MIN_REPLICAS] = 3;
	assert_true(profile_week_of(L, &none, 3));
	assert_true(hybrid_cost_tp(&out, &o, &rep, 1, &w, L, NULL, &over, &A) < 0);
}

/* replicas: auto equals the best of every N from N0 to past the first N
 * without overflow, on varied weeks, prices, fees, spares and tp. */
static void hybrid_auto_matches_brute_force(void **state)
{
	static const enum profile_shape shapes[] = {PROFILE_NONE, PROFILE_FLAT, PROFILE_BUSINESS_HOURS,
						    PROFILE_DIURNAL, PROFILE_BATCH_NIGHTLY};
	static const double prices[] = {0.5, 2, 7.5};
	static const double fees[] = {0, 300};
	static const double volumes[] = {3e8, 5.256e9, 4e10};
	struct replica rep = fast_replica();
	int checked = 0;
	(void)state;
	for (size_t s = 0; s < 5; s++)
	for (size_t pi = 0; pi < 3; pi++)
	for (size_t f = 0; f < 2; f++)
	for (size_t v = 0; v < 3; v++)
	for (int spare = 0; spare < 2; spare++) {
		struct option_spec o = {.kind = OPT_HYBRID, .pricing = PRICE_ON_DEMAND};
		struct workload w = tokens(2e8, volumes[v]);
		struct overflow_rate over;
		struct option_result out = rented_at_2(), fixed;
		struct profile p;
		double L[WEEK_HOURS], best = INFINITY, best_n = 0, auto_total;
		int tp = spare ? 2 : 1;
		if (shapes[s] == PROFILE_NONE)
			profile_peak_hour(&p, 2.5);
		else
			profile_named(&p, shapes[s]);
		assert_true(profile_week(L, &p));
		defaults();
		A.v[A_SPARE_REPLICAS] = spare;
		A.v[A_MIN_REPLICAS] = spare + 1;
		out.per_gpu_hour = prices[pi];
		memset(&over, 0, sizeof(over));
		over.at_volume.input = 2e8 * 2.5 / 1e6;
		over.at_volume.output = volumes[v] * 10 / 1e6;
		over.fixed = fees[f];
		auto_total = hybrid_cost_tp(&out, &o, &rep, tp, &w, L, NULL, &over, &A);
		for (int n = 1; n < 4000; n++) {
			double t;
			fixed = rented_at_2();
			fixed.per_gpu_hour = prices[pi];
			o.replicas = n;
			t = hybrid_cost_tp(&fixed, &o, &rep, tp, &w, L, NULL, &over, &A);
			if (t < 0)
				continue;
			if (t < best * (1 - 1e-12)) {
				best = t;
				best_n = n;
			}
			if (fixed.overflow_tokens == 0)
				break; /* more replicas only cost more */
		}
		REL(best, auto_total);
		assert_true(out.replicas == best_n);
		checked++;
	}
	assert_int_equal(checked, 180);
}

/* ---- against static self-hosting, through the engine ---------------------- */

static struct open_model M;
static struct gpu G;
static struct api_model API;

static void engine_setup(void)
{
	defaults();
	M = llama70();
	G = h100();
	API = api(2.5, 10);
}

/* model.md 7.3: N = the static replica count overflows nothing and costs
 * exactly what static self-hosting costs */
static void hybrid_at_static_count_equals_static(void **state)
{
	double peaks[] = {1, 2.5, 7};
	(void)state;
	engine_setup();
	for (size_t i = 0; i < 3; i++) {
		struct workload w = tokens(3e9, 1e9);
		struct option_spec s = self_host(&M, &G, PREC_FP8, 0), h = s;
		struct option_result rs, rh;
		w.peak_to_average = peaks[i];
		engine_evaluate(&rs, &s, &w, NULL, &A);
		assert_true(rs.feasible);
		h.kind = OPT_HYBRID;
		h.api = &API;
		h.tensor_parallel = rs.tensor_parallel;
		h.replicas = (int)rs.replicas;
		engine_evaluate(&rh, &h, &w, NULL, &A);
		assert_true(rh.feasible);
		REL(rs.total, rh.total);
		assert_true(rh.overflow == 0 && rh.overflow_tokens == 0);
		REL(1, rh.self_served_share);
		REL(rs.utilization, rh.utilization);
	}
}

/* model.md 7.2 with a flat profile: every hour is the average, so hourly
 * scaling runs the static count all week */
static void flat_profile_with_scaling_equals_static(void **state)
{
	(void)state;
	engine_setup();
	for (double v = 1e8; v < 1e12; v *= 7) {
		struct workload w = tokens(v * 0.8, v * 0.2);
		struct option_spec s = self_host(&M, &G, PREC_FP8, 0), h = s;
		struct option_result rs, rh;
		profile_named(&w.profile, PROFILE_FLAT);
		w.peak_to_average = 1;
		h.scaling = SCALING_HOURLY;
		engine_evaluate(&rs, &s, &w, NULL, &A);
		engine_evaluate(&rh, &h, &w, NULL, &A);
		assert_true(rs.feasible && rh.feasible);
		REL(rs.total, rh.total);
		assert_true(rh.replicas_min == rs.replicas && rh.replicas_max == rs.replicas);
		REL(rs.utilization, rh.utilization);
	}
}

/* an overflow that cannot take the requests makes the hybrid infeasible */
static void hybrid_inherits_its_overflow_reason(void **state)
{
	struct workload w = requests(1e6, 5000, 500);
	struct option_spec h = self_host(&M, &G, PREC_FP8, 0);
	struct option_result r;
	(void)state;
	engine_setup();
	API.context_window = 4096;
	h.kind = OPT_HYBRID;
	h.api = &API;
	engine_evaluate(&r, &h, &w, NULL, &A);
	assert_false(r.feasible);
	assert_int_equal(r.reason, R_OVERFLOW_CONTEXT_WINDOW_EXCEEDED);
	/* and a peak of 24 or more leaves no one-peak-hour week */
	w = tokens(1e9, 1e9);
	w.peak_to_average = 30;
	API.context_window = NAN;
	engine_evaluate(&r, &h, &w, NULL, &A);
	assert_int_equal(r.reason, R_NO_WEEK);
}

/* at zero volume nothing overflows and the self-served share is unknown */
static void hybrid_at_zero_volume_runs_the_minimum(void **state)
{
	struct workload w = tokens(0, 0);
	struct option_spec h = self_host(&M, &G, PREC_FP8, 2);
	struct option_result r;
	(void)state;
	engine_setup();
	h.kind = OPT_HYBRID;
	h.api = &API;
	engine_evaluate(&r, &h, &w, NULL, &A);
	assert_true(r.feasible);
	assert_true(r.replicas == 1 && r.gpus == 2 && r.overflow == 0);
	assert_false(r.has_self_served_share);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(hourly_follows_business_hours, setup),
		cmocka_unit_test_setup(hourly_scales_to_zero_without_min_replicas, setup),
		cmocka_unit_test_setup(hybrid_overflows_only_the_peak_at_three_replicas, setup),
		cmocka_unit_test_setup(hybrid_auto_finds_the_cheapest_base, setup),
		cmocka_unit_test_setup(hybrid_below_min_replicas_is_refused, setup),
		cmocka_unit_test_setup(hybrid_auto_matches_brute_force, setup),
		cmocka_unit_test_setup(hybrid_at_static_count_equals_static, setup),
		cmocka_unit_test_setup(flat_profile_with_scaling_equals_static, setup),
		cmocka_unit_test_setup(hybrid_inherits_its_overflow_reason, setup),
		cmocka_unit_test_setup(hybrid_at_zero_volume_runs_the_minimum, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
