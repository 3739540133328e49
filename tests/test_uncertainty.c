/*
 * test_uncertainty.c - ranges, the generator, simulate and sensitivity
 * (model.md 8), on scenarios built in C: a hosted API at 2.50 / 10.00 per
 * 1M against a Llama-70B-class model on H100-class GPUs at 8 an hour.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "builders.h"
#include "model/portfolio.h"
#include "model/scenario.h"
#include "model/sensitivity.h"
#include "model/simulate.h"

static struct api_model API;
static struct open_model MODEL;
static struct gpu GPU;
static struct option_spec OPTS[2];
static struct scenario SC;
static struct workload W;

/* 500M input + 100M output tokens a month, peak 2 */
static void setup_world(double in, double out)
{
	defaults();
	API = api(2.5, 10);
	API.id = "api";
	MODEL = llama70();
	GPU = h100();
	OPTS[0] = (struct option_spec){.kind = OPT_API, .api = &API};
	OPTS[1] = self_host(&MODEL, &GPU, PREC_FP8, 0);
	snprintf(OPTS[0].id, sizeof(OPTS[0].id), "api:api");
	snprintf(OPTS[1].id, sizeof(OPTS[1].id), "self_hosted:llama@h100");
	memset(&SC, 0, sizeof(SC));
	SC.has_workload = true;
	SC.given[WK_INPUT_TOKENS_PER_MONTH] = SC.given[WK_OUTPUT_TOKENS_PER_MONTH] = true;
	SC.given[WK_PEAK_TO_AVERAGE] = true;
	SC.wv[WK_INPUT_TOKENS_PER_MONTH] = in;
	SC.wv[WK_OUTPUT_TOKENS_PER_MONTH] = out;
	SC.wv[WK_PEAK_TO_AVERAGE] = 2;
	SC.options = OPTS;
	SC.n_options = 2;
	scenario_workload(&W, &SC, &A);
}

static struct range parsed(const char *text)
{
	struct range r;
	struct diag d = {0};

	assert_int_equal(range_parse(&r, text, SC.given, SC.has_profile, "--range", &d), ST_OK);
	return r;
}

static void parse_fails(const char *text, const char *msg)
{
	struct range r;
	struct diag d = {0};

	assert_int_equal(range_parse(&r, text, SC.given, SC.has_profile, "--range", &d), ST_INPUT);
	if (!strstr(d.msg, msg))
		fail_msg("'%s': message '%s' lacks '%s'", text, d.msg, msg);
	assert_string_equal(d.file, "--range");
}

static void generator_matches_the_published_algorithms(void **state)
{
	struct rng g;

	(void)state;
	/* xoshiro256** seeded by splitmix64(1), checked against an
	 * independent implementation */
	rng_seed(&g, 1);
	assert_true(rng_next(&g) == 0xb3f2af6d0fc710c5ULL);
	assert_true(rng_next(&g) == 0x853b559647364ceaULL);
	assert_true(rng_next(&g) == 0x92f89756082a4514ULL);
	for (int i = 0; i < 1000; i++) {
		double u = rng_uniform(&g);
		assert_true(u > 0 && u < 1);
	}
}

static void ranges_parse_in_three_forms_and_reject_bad_keys(void **state)
{
	struct range r;

	(void)state;
	setup_world(500e6, 100e6);
	r = parsed("assumptions.engineering_fte=0.1..0.5");
	assert_int_equal(r.dist, UD_UNIFORM);
	assert_true(r.low == 0.1 && r.high == 0.5);
	r = parsed("assumptions.engineer_annual_cost=150k..180k..250k");
	assert_int_equal(r.dist, UD_TRIANGULAR);
	assert_true(r.mode == 180000);
	r = parsed("workload.input_tokens_per_month=p10:300M..p90:900M");
	assert_int_equal(r.dist, UD_LOGNORMAL);
	/* model.md 8: mu and sigma from the quantiles */
	assert_true(fabs(r.mu - (log(300e6) + log(900e6)) / 2) < 1e-12);
	assert_true(fabs(r.sigma - log(3) / (2 * 1.2815515655446004)) < 1e-15);
	parse_fails("assumptions.enginering_fte=0.1..0.5", "did you mean 'assumptions.engineering_fte'");
	parse_fails("engineering_fte=0.1..0.5", "did you mean 'assumptions.engineering_fte'");
	parse_fails("assumptions.min_replicas=1..3", "whole number and cannot vary");
	parse_fails("assumptions.kv_cache_precision=1..2", "cannot vary");
	parse_fails("workload.requests_per_month=1..2", "volume form");
	parse_fails("factor.gpu_price=1.2..0.8", "low 1.2 is above high 0.8");
	parse_fails("factor.gpu_price=0..2", "must be positive");
	parse_fails("factor.volume=p10:0..p90:2", "p10 must be > 0");
	parse_fails("factor.volume=1..3..2", "mode 3 is outside");
	parse_fails("factor.volume=1", "expected LOW..HIGH");
	parse_fails("factor.volume=1..x", "'x' in");
	/* model.md 7.1: with a profile the peak is the profile's */
	SC.has_profile = true;
	parse_fails("workload.peak_to_average=1..3", "the workload's profile sets the peak");
	SC.has_profile = false;
	r = parsed("workload.peak_to_average=1..3");
	assert_int_equal(r.target, UT_WORKLOAD);
}

/* Simulates r[0..n) and returns the result (caller releases). */
static struct sim_result simulate(const struct range *r, size_t n, size_t draws, uint64_t seed,
				  const struct sim_hooks *h)
{
	struct sim_result s;
	struct diag d = {0};

	assert_int_equal(simulate_run(&s, &SC, NULL, &A, &W, r, n, draws, seed, h, &d), ST_OK);
	return s;
}

static void degenerate_range_gives_exactly_the_point_figure(void **state)
{
	struct range r[2];
	struct option_result base[2];
	struct sim_result s;

	(void)state;
	setup_world(500e6, 100e6);
	r[0] = parsed("assumptions.engineering_fte=0.2..0.2");
	r[1] = parsed("factor.gpu_price=1..1");
	for (int i = 0; i < 2; i++)
		engine_evaluate(&base[i], &OPTS[i], &W, NULL, &A);
	s = simulate(r, 2, 500, 7, NULL);
	for (int i = 0; i < 2; i++) {
		assert_true(s.options[i].mean == base[i].total);
		for (int q = 0; q < SIM_N_QUANTILES; q++)
			assert_true(s.options[i].q[q] == base[i].total);
		assert_true(s.options[i].feasible_share == 1);
	}
	simulate_release(&s);
}

static void uniform_range_on_a_linear_input_gives_the_analytic_mean(void **state)
{
	struct range r = {0};
	struct option_result base;
	struct sim_result s;
	size_t n = 20000;
	double slope = 180000.0 / 12, se;

	(void)state;
	setup_world(500e6, 100e6);
	r = parsed("assumptions.engineering_fte=0.1..0.5");
	engine_evaluate(&base, &OPTS[1], &W, NULL, &A);
	s = simulate(&r, 1, n, 3, NULL);
	/* total = base + (fte - 0.2) * 180000 / 12: mean at fte 0.3; the Monte
	 * Carlo standard error is slope * 0.4 / sqrt(12) / sqrt(n) (12.2 here),
	 * and the test allows four of them */
	se = slope * 0.4 / sqrt(12) / sqrt((double)n);
	assert_true(fabs(s.options[1].mean - (base.total + 0.1 * slope)) < 4 * se);
	/* the hosted option does not depend on it at all */
	simulate_release(&s);
	{
		/* lognormal volume on the hosted bill, linear in volume:
		 * E[factor] = exp(mu + sigma^2 / 2) */
		struct range v = parsed("factor.volume=p10:0.5..p90:2");
		double m = exp(v.mu + v.sigma * v.sigma / 2);
		double sd = sqrt((exp(v.sigma * v.sigma) - 1) * exp(2 * v.mu + v.sigma * v.sigma));
		engine_evaluate(&base, &OPTS[0], &W, NULL, &A);
		s = simulate(&v, 1, n, 5, NULL);
		assert_true(fabs(s.options[0].mean - base.total * m) < 4 * base.total * sd / sqrt((double)n));
		simulate_release(&s);
	}
}

/* Every draw's totals, as --samples would write them. */
struct collected {
	double *t[2];
	bool *ok[2];
	size_t n;
};

static bool collect(void *arg, size_t draw, const double *x, const struct option_result *res, size_t n,
		    const struct portfolio *p)
{
	struct collected *c = arg;

	(void)x;
	assert_null(p);
	assert_int_equal(draw, c->n);
	for (size_t o = 0; o < n; o++) {
		c->t[o][c->n] = res[o].total;
		c->ok[o][c->n] = res[o].feasible;
	}
	c->n++;
	return true;
}

static int cmp_double(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;
	return (a > b) - (a < b);
}

/* numpy.quantile(x, q) with the default method, written out again:
 * virtual index (n - 1) q, then numpy's _lerp */
static double numpy_quantile(double *x, size_t n, double q)
{
	double vi = (double)(n - 1) * q, g = vi - floor(vi);
	size_t lo = (size_t)floor(vi), hi = lo + 1 < n ? lo + 1 : n - 1;
	double a = x[lo], b = x[hi], diff = b - a;

	return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/* 30001 draws, past a bracket's 8,192: the summary narrows its brackets
 * in one pass; the test sorts every total with qsort */
static void quantiles_and_shares_match_the_draws(void **state)
{
	struct range r[3];
	struct collected c = {0};
	struct sim_hooks h = {.on_draw = collect, .arg = &c};
	struct sim_result s;
	size_t n = 30001, cheapest[2] = {0, 0}, sh_cheaper = 0;

	(void)state;
	setup_world(2e9, 400e6);
	r[0] = parsed("factor.volume=p10:0.3..p90:3");
	r[1] = parsed("factor.gpu_price=0.7..1.4");
	r[2] = parsed("assumptions.engineering_fte=0.1..0.3..0.6");
	for (int o = 0; o < 2; o++) {
		c.t[o] = calloc(n, sizeof(double));
		c.ok[o] = calloc(n, sizeof(bool));
	}
	s = simulate(r, 3, n, 11, &h);
	assert_int_equal(c.n, n);
	assert_int_equal(s.passes, 1);
	for (size_t i = 0; i < n; i++) {
		int best = -1;
		for (int o = 0; o < 2; o++) {
			if (c.ok[o][i] && (best < 0 || c.t[o][i] < c.t[best][i]))
				best = o;
		}
		assert_true(best >= 0);
		cheapest[best < 0 ? 0 : best]++;
		sh_cheaper += c.ok[1][i] && (!c.ok[0][i] || c.t[1][i] < c.t[0][i]);
	}
	for (int o = 0; o < 2; o++) {
		qsort(c.t[o], n, sizeof(double), cmp_double);
		for (int q = 0; q < SIM_N_QUANTILES; q++)
			assert_true(s.options[o].q[q] == numpy_quantile(c.t[o], n, sim_quantiles[q]));
		assert_true(s.options[o].share_cheapest == (double)cheapest[o] / (double)n);
	}
	assert_true(cheapest[0] > 0 && cheapest[1] > 0); /* the test can tell them apart */
	assert_int_equal(s.n_pairs, 1);
	assert_true(s.pairs[0].share == (double)sh_cheaper / (double)n);
	assert_int_equal(s.verdict, cheapest[1] > cheapest[0] ? 1 : 0);
	simulate_release(&s);
	for (int o = 0; o < 2; o++) {
		free(c.t[o]);
		free(c.ok[o]);
	}
}

static void replaying_in_bounded_memory_gives_the_same_quantiles(void **state)
{
	struct range r[2];
	struct sim_hooks small = {.cap = 16}, lost = {.spread = 0.01};
	struct sim_result all, replayed, escaped, other;

	(void)state;
	setup_world(2e9, 400e6);
	r[0] = parsed("factor.volume=p10:0.3..p90:3");
	r[1] = parsed("factor.gpu_price=0.7..1.4");
	all = simulate(r, 2, 5000, 9, NULL);
	/* brackets too small to narrow: the ranks' ranges are replayed */
	replayed = simulate(r, 2, 5000, 9, &small);
	/* brackets narrowed too tightly: ranks escape, replayed from all keys */
	escaped = simulate(r, 2, 20000, 9, &lost);
	assert_int_equal(all.passes, 1);
	assert_true(replayed.passes > 1);
	assert_true(escaped.passes > 2);
	for (int o = 0; o < 2; o++) {
		assert_true(all.options[o].mean == replayed.options[o].mean);
		for (int q = 0; q < SIM_N_QUANTILES; q++)
			assert_true(all.options[o].q[q] == replayed.options[o].q[q]);
	}
	simulate_release(&all);
	all = simulate(r, 2, 20000, 9, NULL);
	assert_int_equal(all.passes, 1);
	for (int o = 0; o < 2; o++) {
		for (int q = 0; q < SIM_N_QUANTILES; q++)
			assert_true(all.options[o].q[q] == escaped.options[o].q[q]);
	}
	simulate_release(&escaped);
	/* the same seed gives the same figures; another seed does not */
	other = simulate(r, 2, 5000, 10, NULL);
	assert_true(other.options[1].mean != all.options[1].mean);
	simulate_release(&all);
	simulate_release(&replayed);
	simulate_release(&other);
}

static void draws_stay_in_the_valid_range(void **state)
{
	struct range r;
	struct rng g;

	(void)state;
	setup_world(500e6, 100e6);
	/* target_utilization is valid in (0, 1]: a lognormal's upper tail is clamped */
	r = parsed("assumptions.target_utilization=p10:0.3..p90:0.9");
	rng_seed(&g, 4);
	for (int i = 0; i < 10000; i++) {
		double x = range_draw(&r, &g);
		assert_true(x > 0 && x <= 1);
	}
	r = parsed("factor.throughput=0.5..0.9..1");
	for (int i = 0; i < 10000; i++) {
		double x = range_draw(&r, &g);
		assert_true(x >= 0.5 && x <= 1);
	}
}

/* model.md 8: every bound within the key's valid range, the limits --set
 * applies; shares as percentages; a lognormal of a key open at 0 whose
 * lowest draw would underflow is refused rather than clamped to 5e-324 */
static void bounds_lie_in_the_keys_valid_range(void **state)
{
	struct range r;

	(void)state;
	setup_world(500e6, 100e6);
	parse_fails("assumptions.target_utilization=2..3", "low must be > 0 and <= 1 (a fraction: write 0.5 or 50%), got 2");
	parse_fails("assumptions.target_utilization=-0.5..-0.4", "low must be > 0 and <= 1");
	parse_fails("assumptions.target_utilization=0..0.5", "low must be > 0 and <= 1");
	parse_fails("assumptions.target_utilization=0.1..0.5..1.5", "high must be > 0 and <= 1");
	parse_fails("assumptions.target_utilization=p10:0.5..p90:3", "p90 must be > 0 and <= 1");
	parse_fails("assumptions.engineering_fte=0.1..1e300", "high must be >= 0 and <= 10000, got 1e+300");
	parse_fails("assumptions.depreciation_months=-1..-1", "low must be > 0 and <= 1200, got -1");
	parse_fails("workload.peak_to_average=0.5..2", "low must be >= 1 and <= 1000000, got 0.5");
	parse_fails("factor.volume=p10:1e-300..p90:1e300", "too far apart: the lowest draws would be 0");
	parse_fails("assumptions.hours_per_month=p10:1e-200..p90:730", "too far apart");
	/* the ends of the valid range are valid */
	r = parsed("assumptions.target_utilization=1e-9..1");
	assert_true(r.low == 1e-9 && r.high == 1);
	r = parsed("assumptions.engineering_fte=0..1e4");
	assert_true(r.low == 0 && r.high == 1e4);
	/* a closed 0 may be drawn: a wide lognormal of a key >= 0 is fine */
	r = parsed("assumptions.engineering_fte=p10:1e-200..p90:1");
	assert_true(r.low == 1e-200);
	/* shares as --set takes them; other keys are not shares */
	r = parsed("assumptions.target_utilization=10%..50%");
	assert_true(r.low == 0.1 && r.high == 0.5);
	r = parsed("workload.cached_input_fraction=p10:10%..p90:50%");
	assert_true(r.low == 0.1 && r.high == 0.5);
	r = parsed("assumptions.engineering_fte=10%..150%");
	assert_true(r.low == 0.1 && r.high == 1.5);
	parse_fails("factor.volume=10%..50%", "'10%' in 'factor.volume=10%..50%' is not a number");
}

/* model.md 8: p10 == p90 draws that value to the last bit, like a
 * degenerate uniform (exp(log(3e6)) is 3000000.0000000023), and takes the
 * same two uniforms, so the ranges after it draw as before */
static void degenerate_lognormal_is_exactly_its_value(void **state)
{
	struct range deg, wide, after;
	struct rng g1, g2;

	(void)state;
	setup_world(500e6, 100e6);
	deg = parsed("workload.input_tokens_per_month=p10:3M..p90:3M");
	wide = parsed("workload.input_tokens_per_month=p10:1M..p90:9M");
	after = parsed("factor.gpu_price=0.5..1.5");
	assert_true(deg.mode == 3e6);
	rng_seed(&g1, 9);
	rng_seed(&g2, 9);
	for (int i = 0; i < 1000; i++) {
		assert_true(range_draw(&deg, &g1) == 3e6);
		range_draw(&wide, &g2);
		assert_true(range_draw(&after, &g1) == range_draw(&after, &g2));
	}
}

/* The pair's adv at x: true when self-hosting wins */
static bool wins_at(const struct unc_base *b, const struct range *r, double x)
{
	double adv;
	struct sens_gap gap;

	assert_true(sensitivity_adv(&adv, &gap, &SC, NULL, b, r, 0, 1, x));
	return adv > 0;
}

/* model.md 8.2: adv changes sign at the flip, and nowhere nearer the base
 * on a scan of `n` points */
static void assert_flip(const struct sens_item *it, size_t n)
{
	struct unc_base b;
	bool at_base;
	double dir;

	assert_true(it->has_flip);
	unc_base_init(&b, &SC, &A, &W, &it->r, 1);
	at_base = wins_at(&b, &it->r, it->base);
	/* 1e-6 relative on the base's side of the flip, and beyond it */
	dir = it->flip > it->base ? 1 : -1;
	assert_true(wins_at(&b, &it->r, it->flip * (1 - dir * 1e-6)) == at_base);
	assert_true(wins_at(&b, &it->r, it->flip * (1 + dir * 1e-6)) != at_base);
	for (size_t k = 1; k < n; k++) {
		double x = it->base + (it->flip - it->base) * (double)k / (double)n;
		if (wins_at(&b, &it->r, x) != at_base)
			fail_msg("%s: the winner changes at %.17g, nearer the base than the flip %.17g",
				 it->r.key, x, it->flip);
	}
}

static void flip_points_are_exact_and_nearest(void **state)
{
	struct range r[4];
	struct sens_result s;
	struct diag d = {0};
	size_t flips = 0;

	(void)state;
	/* 4B + 800M tokens: self-hosting wins by $1,520 a month */
	setup_world(4e9, 800e6);
	r[0] = parsed("factor.gpu_price=0.5..1.5");
	r[1] = parsed("factor.volume=0.25..4");
	r[2] = parsed("assumptions.engineering_fte=0.1..1");
	r[3] = parsed("factor.api_price=0.5..1.5");
	assert_int_equal(sensitivity_run(&s, &SC, NULL, &A, &W, r, 4, 0, 1, &d), ST_OK);
	assert_int_equal(s.n, 4);
	assert_true(s.adv_base > 0);
	for (size_t i = 0; i + 1 < s.n; i++)
		assert_true(!s.items[i + 1].has_swing || s.items[i].swing >= s.items[i + 1].swing);
	for (size_t i = 0; i < s.n; i++) {
		const struct sens_item *it = &s.items[i];
		assert_true(it->has_low && it->has_high);
		assert_true(it->swing == fabs(it->adv_high - it->adv_low));
		if (it->has_flip)
			assert_flip(it, 4000);
		flips += it->has_flip;
		if (strcmp(it->r.key, "assumptions.engineering_fte") == 0) {
			/* linear: adv falls by 15,000 a month per FTE */
			double want = 0.2 + s.adv_base / 15000;
			if (want > 0.002 && want < 20) {
				assert_true(it->has_flip);
				assert_true(fabs(it->flip - want) <= 1e-9 * want);
			}
		}
	}
	/* every input here can flip it: prices, volume and staffing */
	assert_int_equal(flips, 4);
	sensitivity_release(&s);
}

/* a range wholly past the flip (seen from the base) reaches it too: the
 * verdict differs at both its ends */
static void a_range_past_the_flip_reaches_it(void **state)
{
	struct range r[1];
	struct sens_result s;
	struct diag d = {0};
	const struct sens_item *it;

	(void)state;
	setup_world(4e9, 800e6);
	r[0] = parsed("assumptions.engineering_fte=0.5..1");
	assert_int_equal(sensitivity_run(&s, &SC, NULL, &A, &W, r, 1, 0, 1, &d), ST_OK);
	it = &s.items[0];
	assert_true(s.adv_base > 0 && it->has_flip);
	assert_true(it->flip > it->base && it->flip < it->low);
	assert_false(it->flip_in_range);
	assert_true(it->range_past_flip);
	assert_true(it->adv_low < 0 && it->adv_high < 0);
	sensitivity_release(&s);
	/* a range holding the flip is in range, not past it */
	r[0] = parsed("assumptions.engineering_fte=0.1..1");
	assert_int_equal(sensitivity_run(&s, &SC, NULL, &A, &W, r, 1, 0, 1, &d), ST_OK);
	assert_true(s.items[0].flip_in_range && !s.items[0].range_past_flip);
	sensitivity_release(&s);
}

static void sensitivity_defaults_follow_the_model(void **state)
{
	struct range r[8];
	size_t n;

	(void)state;
	setup_world(500e6, 100e6);
	n = sensitivity_defaults(r, SC.given, false);
	assert_int_equal(n, 7);
	assert_string_equal(r[3].key, "factor.volume");
	assert_true(r[3].low == 0.25 && r[3].high == 4);
	assert_string_equal(r[6].key, "workload.peak_to_average");
	assert_int_equal(sensitivity_defaults(r, SC.given, true), 6);
}

/* ---- portfolios (model.md 7.4) ------------------------------------------------ */

static struct segment SEGS[2];
static struct option_spec SEG_A[2], SEG_B[1];

/* Two segments: "bulk" (4B + 800M tokens, the API or the self-hosted
 * model) and "hard" (500M + 100M, the API only); the scenario's options,
 * the API and the self-hosted model on the whole workload, are the
 * single-option baselines. */
static void setup_portfolio(void)
{
	setup_world(0, 0);
	SEG_A[0] = OPTS[0];
	SEG_A[1] = OPTS[1];
	SEG_B[0] = OPTS[0];
	memset(SEGS, 0, sizeof(SEGS));
	SEGS[0].name = "bulk";
	SEGS[1].name = "hard";
	for (int i = 0; i < 2; i++) {
		SEGS[i].given[WK_INPUT_TOKENS_PER_MONTH] = SEGS[i].given[WK_OUTPUT_TOKENS_PER_MONTH] = true;
		SEGS[i].wv[WK_INPUT_TOKENS_PER_MONTH] = i ? 500e6 : 4e9;
		SEGS[i].wv[WK_OUTPUT_TOKENS_PER_MONTH] = i ? 100e6 : 800e6;
	}
	SEGS[0].options = SEG_A;
	SEGS[0].n_options = 2;
	SEGS[1].options = SEG_B;
	SEGS[1].n_options = 1;
	SC.given[WK_INPUT_TOKENS_PER_MONTH] = SC.given[WK_OUTPUT_TOKENS_PER_MONTH] = false;
	SC.segments = SEGS;
	SC.n_segments = 2;
	scenario_workload(&W, &SC, &A);
}

/* What compare reports: the portfolio at base. */
static double portfolio_at_base(void)
{
	struct option_result base[2];
	struct portfolio_eval e;
	struct diag d = {0};
	double total;

	for (int i = 0; i < 2; i++)
		engine_evaluate(&base[i], &OPTS[i], &W, NULL, &A);
	assert_int_equal(portfolio_evaluate(&e, &SC, NULL, &A, base, &d), ST_OK);
	assert_true(e.p.feasible);
	total = e.p.total;
	portfolio_eval_release(&e);
	return total;
}

static void degenerate_range_gives_exactly_the_compare_portfolio(void **state)
{
	struct range r[3];
	struct sim_result s;
	double want;

	(void)state;
	setup_portfolio();
	want = portfolio_at_base();
	r[0] = parsed("assumptions.engineering_fte=0.2..0.2");
	r[1] = parsed("factor.gpu_price=1..1");
	r[2] = parsed("factor.volume=1..1");
	s = simulate(r, 3, 300, 5, NULL);
	assert_true(s.has_portfolio);
	assert_int_equal(s.n_rows, 3);
	assert_true(s.options[2].mean == want);
	for (int q = 0; q < SIM_N_QUANTILES; q++)
		assert_true(s.options[2].q[q] == want);
	assert_true(s.options[2].feasible_share == 1);
	/* the hand figure: H + the self-hosted bulk + the hard segment's API
	 * bill (500M x 2.50 + 100M x 10 per 1M = 2,250) when mixed wins */
	{
		struct option_result own, api_b;
		struct workload wb;
		scenario_segment_workload(&wb, &SC, 0, &A);
		engine_evaluate(&own, &SEG_A[1], &wb, NULL, &A);
		scenario_segment_workload(&wb, &SC, 1, &A);
		engine_evaluate(&api_b, &SEG_B[0], &wb, NULL, &A);
		assert_true(fabs(api_b.total - 2250) < 1e-9);
		assert_true(fabs(want - fmin(own.total + 2250, 4e9 * 2.5e-6 + 800e6 * 10e-6 + 2250)) < 1e-6);
	}
	simulate_release(&s);
}

/* Every draw's portfolio and options, as --samples would write them. */
struct with_portfolio {
	double *t[3];
	bool *ok[3];
	size_t n;
};

static bool collect_all(void *arg, size_t draw, const double *x, const struct option_result *res,
			size_t n, const struct portfolio *p)
{
	struct with_portfolio *c = arg;

	(void)x;
	(void)draw;
	assert_non_null(p);
	for (size_t o = 0; o < n; o++) {
		c->t[o][c->n] = res[o].total;
		c->ok[o][c->n] = res[o].feasible;
	}
	c->t[n][c->n] = p->total;
	c->ok[n][c->n] = p->feasible;
	c->n++;
	return true;
}

static void portfolio_row_matches_its_draws_and_competes_for_the_cheapest(void **state)
{
	struct range r[3];
	struct with_portfolio c = {0};
	struct sim_hooks h = {.on_draw = collect_all, .arg = &c};
	struct sim_result s;
	size_t n = 2001, cheapest[3] = {0, 0, 0};

	(void)state;
	setup_portfolio();
	r[0] = parsed("factor.volume=p10:0.3..p90:3");
	r[1] = parsed("factor.gpu_price=0.6..1.6");
	r[2] = parsed("workload.peak_to_average=1..3");
	for (int o = 0; o < 3; o++) {
		c.t[o] = calloc(n, sizeof(double));
		c.ok[o] = calloc(n, sizeof(bool));
	}
	s = simulate(r, 3, n, 13, &h);
	assert_int_equal(c.n, n);
	for (size_t i = 0; i < n; i++) {
		int best = -1;
		/* ties to the scenario's options, the portfolio last */
		for (int o = 0; o < 3; o++) {
			if (c.ok[o][i] && (best < 0 || c.t[o][i] < c.t[best][i]))
				best = o;
		}
		cheapest[best]++;
	}
	for (int o = 0; o < 3; o++) {
		assert_true(s.options[o].share_cheapest == (double)cheapest[o] / (double)n);
		qsort(c.t[o], n, sizeof(double), cmp_double);
		for (int q = 0; q < SIM_N_QUANTILES; q++)
			assert_true(s.options[o].q[q] == numpy_quantile(c.t[o], n, sim_quantiles[q]));
	}
	/* the portfolio wins some draws and loses others */
	assert_true(cheapest[2] > 0 && cheapest[2] < n);
	/* the pairs stay among the scenario's options */
	assert_int_equal(s.n_pairs, 1);
	simulate_release(&s);
	for (int o = 0; o < 3; o++) {
		free(c.t[o]);
		free(c.ok[o]);
	}
}

/* adv = total(B) - portfolio at value x of input r, the others at base */
static bool portfolio_wins_at(size_t baseline, const struct range *r, double x)
{
	struct unc_base b;
	struct sim_portfolio sp;
	struct world wd;
	struct option_result rb;
	struct diag d = {0};
	bool wins;

	unc_base_init(&b, &SC, &A, &W, r, 1);
	assert_int_equal(sim_portfolio_init(&sp, &b, &d), ST_OK);
	unc_apply(&wd, &b, r, 1, &x);
	sim_portfolio_eval(&sp, &b, NULL, &wd, r, 1, &x);
	engine_evaluate(&rb, &OPTS[baseline], &wd.w, NULL, &wd.a);
	assert_true(rb.feasible && sp.e.p.feasible);
	wins = rb.total - sp.e.p.total > 0;
	sim_portfolio_release(&sp);
	return wins;
}

/* model.md 8.2 for the portfolio: the winner differs from the base's at
 * the flip (and 1e-6 relative beyond it, not before), and nowhere nearer
 * the base on a scan of `n` points */
static void assert_portfolio_flip(size_t best, const struct sens_item *it, size_t n)
{
	bool at_base = portfolio_wins_at(best, &it->r, it->base);
	double dir = it->flip > it->base ? 1 : -1;

	assert_true(portfolio_wins_at(best, &it->r, it->flip) != at_base);
	assert_true(portfolio_wins_at(best, &it->r, it->flip * (1 - dir * 1e-6)) == at_base);
	assert_true(portfolio_wins_at(best, &it->r, it->flip * (1 + dir * 1e-6)) != at_base);
	for (size_t k = 1; k < n; k++) {
		double x = it->base + (it->flip - it->base) * (double)k / (double)n;
		if (portfolio_wins_at(best, &it->r, x) != at_base)
			fail_msg("%s: the winner changes at %.17g, nearer than %.17g", it->r.key, x, it->flip);
	}
}

/* The portfolio's sensitivity over r[0..n) against the best single option
 * at base (its index returned; both options' base results in base[]). */
static size_t portfolio_sensitivity(struct sens_result *s, const struct range *r, size_t n,
				    struct option_result base[2])
{
	struct diag d = {0};
	size_t best;

	for (int i = 0; i < 2; i++)
		engine_evaluate(&base[i], &OPTS[i], &W, NULL, &A);
	assert_true(sensitivity_baseline(&best, base, 2));
	assert_int_equal(sensitivity_run_portfolio(s, &SC, NULL, &A, &W, r, n, best, &d), ST_OK);
	return best;
}

static void portfolio_sensitivity_flips_exactly_and_overhead_cancels(void **state)
{
	struct range r[3];
	struct sens_result s;
	struct option_result base[2];
	size_t best, flips = 0;

	(void)state;
	setup_portfolio();
	r[0] = parsed("factor.api_price=0.5..1.5");
	r[1] = parsed("assumptions.engineering_fte=0.1..1");
	r[2] = parsed("factor.volume=0.25..4");
	best = portfolio_sensitivity(&s, r, 3, base);
	assert_true(s.portfolio);
	assert_true(s.adv_base == base[best].total - portfolio_at_base());
	/* the hand figure: the self-hosted model on the whole workload runs on
	 * the GPUs the bulk segment needs alone, so the portfolio is dearer by
	 * the hard segment's API bill, 2,250 */
	assert_int_equal(best, 1);
	assert_true(fabs(s.adv_base + 2250) < 1e-6);
	for (size_t i = 0; i < s.n; i++) {
		const struct sens_item *it = &s.items[i];
		assert_true(it->has_low && it->has_high);
		if (strcmp(it->r.key, "assumptions.engineering_fte") == 0) {
			/* both sides pay the overhead once, so while the portfolio
			 * self-hosts engineering moves neither; at 1 FTE (H up by
			 * 12,000) it turns all-hosted: 18,000 + 2,250 */
			assert_true(fabs(it->adv_low - s.adv_base) < 1e-6);
			assert_true(fabs(it->adv_high - (base[1].total + 12000 - 20250)) < 1e-6);
		}
		if (!it->has_flip)
			continue;
		flips++;
		assert_portfolio_flip(best, it, 400);
	}
	assert_true(flips > 0);
	sensitivity_release(&s);
}

/* Volume over [base/100, 100 base] steps the self-hosted GPUs hundreds of
 * times, each a piece of adv. Every total moves one way with volume, GPU
 * prices and the bandwidth efficiency (the last found so from its ends),
 * so the bounded search finds the first change of winner exactly; a fine
 * scan from the base finds none nearer. */
static void portfolio_flip_past_the_exact_pieces_is_the_nearest(void **state)
{
	struct range r[3];
	struct sens_result s;
	struct option_result base[2];
	size_t best, flips = 0;

	(void)state;
	setup_portfolio();
	/* bulk 25 times larger (32 GPUs at base), hard 16 times: the flip,
	 * near 0.32, lies 20 GPU steps below the base */
	SEGS[0].wv[WK_INPUT_TOKENS_PER_MONTH] = 100e9;
	SEGS[0].wv[WK_OUTPUT_TOKENS_PER_MONTH] = 20e9;
	SEGS[1].wv[WK_INPUT_TOKENS_PER_MONTH] = 8e9;
	SEGS[1].wv[WK_OUTPUT_TOKENS_PER_MONTH] = 1.6e9;
	scenario_workload(&W, &SC, &A);
	r[0] = parsed("factor.volume=0.25..4");
	r[1] = parsed("factor.gpu_price=0.5..1.5");
	r[2] = parsed("assumptions.bandwidth_efficiency=0.5..0.9");
	best = portfolio_sensitivity(&s, r, 3, base);
	assert_true(base[1].gpus >= 30);
	for (size_t i = 0; i < s.n; i++) {
		const struct sens_item *it = &s.items[i];
		if (!it->has_flip)
			continue;
		flips++;
		if (strcmp(it->r.key, "factor.volume") == 0)
			assert_true(it->flip < 0.5); /* over 12 GPU steps away */
		assert_portfolio_flip(best, it, 6000);
	}
	assert_int_equal(flips, 3);
	sensitivity_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(generator_matches_the_published_algorithms),
		cmocka_unit_test(ranges_parse_in_three_forms_and_reject_bad_keys),
		cmocka_unit_test(degenerate_range_gives_exactly_the_point_figure),
		cmocka_unit_test(uniform_range_on_a_linear_input_gives_the_analytic_mean),
		cmocka_unit_test(quantiles_and_shares_match_the_draws),
		cmocka_unit_test(replaying_in_bounded_memory_gives_the_same_quantiles),
		cmocka_unit_test(draws_stay_in_the_valid_range),
		cmocka_unit_test(flip_points_are_exact_and_nearest),
		cmocka_unit_test(a_range_past_the_flip_reaches_it),
		cmocka_unit_test(sensitivity_defaults_follow_the_model),
		cmocka_unit_test(degenerate_range_gives_exactly_the_compare_portfolio),
		cmocka_unit_test(portfolio_row_matches_its_draws_and_competes_for_the_cheapest),
		cmocka_unit_test(portfolio_sensitivity_flips_exactly_and_overhead_cancels),
		cmocka_unit_test(portfolio_flip_past_the_exact_pieces_is_the_nearest),
		cmocka_unit_test(bounds_lie_in_the_keys_valid_range),
		cmocka_unit_test(degenerate_lognormal_is_exactly_its_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
