/*
 * test_engine.c - the engine against model.md: every worked figure of
 * section 6 to the cent, and each branch of sections 2-3. Inputs are built
 * in C; no YAML.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>


#define CENT(expected, actual) assert_true(fabs((double)(expected) - (actual)) < 0.005)
#define CLOSE(expected, actual) assert_true(fabs((double)(expected) - (actual)) <= 1e-9 * fmax(1, fabs((double)(expected))))

#include "builders.h"

/* ---- model.md section 6 ---------------------------------------------------- */

static void worked_500m_input_100m_output_at_2_50_and_10(void **state)
{
	struct api_model m = api(2.50, 10.00);
	struct workload w = tokens(500e6, 100e6);
	struct option_spec o = {.kind = OPT_API, .api = &m};
	struct option_result r;
	(void)state;
	engine_evaluate(&r, &o, &w, NULL, &A);
	CENT(1250, r.api.input);
	CENT(1000, r.api.output);
	CENT(2250, r.total);
}

static void worked_100k_requests_of_1000_plus_1000_tokens(void **state)
{
	struct workload w = requests(100000, 1000, 1000);
	struct api_model a = api(0.15, 0.60), b = api(2.50, 10.00), c = api(3, 15), d = api(0.80, 4);
	(void)state;
	CENT(75, api_total(&a, &w));
	CENT(1250, api_total(&b, &w));
	CENT(1800, api_total(&c, &w));
	CENT(480, api_total(&d, &w));
}

/* Two GPUs rented continuously: 2 replicas of tp 1 at a zero volume. */
static double yearly_gpu_cost(double per_gpu_hour)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct gpu_price row = price_row;
	struct workload w = tokens(0, 0);
	struct option_spec o;
	struct option_result r;

	m.params_b = m.active_params_b = 8;
	row.per_gpu_hour = per_gpu_hour;
	g.prices = &row;
	A.v[A_MIN_REPLICAS] = 2;
	o = self_host(&m, &g, PREC_BF16, 1);
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_true(r.feasible);
	assert_true(r.gpus == 2);
	return r.sh.gpu * 12;
}

static void worked_two_gpus_a_year_at_8_and_14(void **state)
{
	(void)state;
	CENT(140160, yearly_gpu_cost(8));
	CENT(245280, yearly_gpu_cost(14));
}

static void worked_one_gpu_at_3_50_in_a_720_hour_month(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct gpu_price row = {.provider = "p", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 3.50};
	struct workload w = tokens(0, 0);
	struct option_spec o;
	struct option_result r;
	(void)state;
	m.params_b = m.active_params_b = 8;
	g.prices = &row;
	A.v[A_HOURS_PER_MONTH] = 720;
	o = self_host(&m, &g, PREC_BF16, 1);
	engine_evaluate(&r, &o, &w, NULL, &A);
	CENT(2520, r.sh.gpu);
}

static void worked_70b_weights_and_kv_per_token(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct replica r;
	(void)state;
	engine_replica(&r, &m, &g, PREC_BF16, 8, 2048, 0, NULL, &A);
	CLOSE(140e9, r.weights_bytes);
	assert_true(r.kv_bytes_per_token == 327680);
	engine_replica(&r, &m, &g, PREC_INT8, 8, 2048, 0, NULL, &A);
	CLOSE(70e9, r.weights_bytes);
	engine_replica(&r, &m, &g, PREC_INT4, 8, 2048, 0, NULL, &A);
	CLOSE(35e9, r.weights_bytes);
}

/* ---- section 2: hosted APIs ---------------------------------------------- */

static void cached_input_is_billed_at_the_cached_price(void **state)
{
	struct api_model m = api(2.50, 10.00);
	struct workload w = tokens(500e6, 100e6);
	struct option_spec o = {.kind = OPT_API, .api = &m};
	struct option_result r;
	(void)state;
	m.cached_input_per_mtok = 1.25;
	w.cached_input_fraction = 0.4;
	engine_evaluate(&r, &o, &w, NULL, &A);
	CENT(750, r.api.input);        /* 300M at 2.50 */
	CENT(250, r.api.cached_input); /* 200M at 1.25 */
	CENT(2000, r.total);
}

static void cached_input_without_a_cached_price_pays_the_input_price(void **state)
{
	struct api_model m = api(2.50, 10.00);
	struct workload w = tokens(500e6, 100e6);
	(void)state;
	w.cached_input_fraction = 0.4;
	CENT(2250, api_total(&m, &w));
}

/* model.md 2: Claude Sonnet-like prices, 500M input of which 60% read
 * from the cache (0.30) and 10% written to it (3.75 = 1.25 x 3), 100M
 * output at 15: 150M x 3 + 300M x 0.30 + 50M x 3.75 + 100M x 15 =
 * 450 + 90 + 187.50 + 1,500 = $2,227.50 */
static void cache_writes_are_billed_at_the_cache_write_price(void **state)
{
	struct api_model m = api(3, 15);
	struct workload w = tokens(500e6, 100e6);
	struct option_spec o = {.kind = OPT_API, .api = &m};
	struct option_result r;
	(void)state;
	m.cached_input_per_mtok = 0.30;
	m.cache_write_per_mtok = 3.75;
	w.cached_input_fraction = 0.6;
	w.cache_write_fraction = 0.1;
	engine_evaluate(&r, &o, &w, NULL, &A);
	CENT(450, r.api.input);
	CENT(90, r.api.cached_input);
	CENT(187.5, r.api.cache_write);
	CENT(1500, r.api.output);
	CENT(2227.5, r.total);
	/* without a write price, a write costs the input price: 50M x 3 */
	m.cache_write_per_mtok = NAN;
	engine_evaluate(&r, &o, &w, NULL, &A);
	CENT(150, r.api.cache_write);
	CENT(2190, r.total);
}

/* model.md 2: above the long-context threshold the long-context write
 * price applies, else the long-context input price */
static void long_context_cache_writes_use_the_long_context_price(void **state)
{
	struct api_model m = api(3, 15);
	struct workload w = requests(1000, 300000, 1000); /* 300M input, 1M output */
	struct option_spec o = {.kind = OPT_API, .api = &m};
	struct option_result r;
	(void)state;
	m.cache_write_per_mtok = 3.75;
	m.has_long_context = true;
	m.lc_above_input_tokens = 200000;
	m.lc_input_per_mtok = 6;
	m.lc_output_per_mtok = 22.5;
	m.lc_cache_write_per_mtok = 7.5;
	w.cache_write_fraction = 0.5;
	engine_evaluate(&r, &o, &w, NULL, &A);
	CENT(150e6 * 7.5 / 1e6, r.api.cache_write);
	CENT(150e6 * 6 / 1e6, r.api.input);
	m.lc_cache_write_per_mtok = NAN;
	engine_evaluate(&r, &o, &w, NULL, &A);
	CENT(150e6 * 6 / 1e6, r.api.cache_write);
}

static void batch_discount_applies_to_the_batch_share(void **state)
{
	struct api_model m = api(2.50, 10.00);
	struct workload w = tokens(500e6, 100e6);
	struct option_spec o = {.kind = OPT_API, .api = &m};
	struct option_result r;
	(void)state;
	m.batch_discount = 0.5;
	w.batch_fraction = 0.3;
	A.v[A_API_FIXED_PER_MONTH] = 99;
	engine_evaluate(&r, &o, &w, NULL, &A);
	CENT(337.50, r.api.batch_savings); /* 0.3 * 0.5 * 2250 */
	CENT(99, r.api.fixed);
	CENT(2250 - 337.50 + 99, r.total);
	assert_false(r.warnings & W_NO_BATCH_DISCOUNT);
}

static void batch_without_a_published_discount_saves_nothing_and_warns(void **state)
{
	struct api_model m = api(2.50, 10.00);
	struct workload w = tokens(500e6, 100e6);
	struct option_spec o = {.kind = OPT_API, .api = &m};
	struct option_result r;
	(void)state;
	w.batch_fraction = 1;
	engine_evaluate(&r, &o, &w, NULL, &A);
	CENT(2250, r.total);
	assert_true(r.warnings & W_NO_BATCH_DISCOUNT);
}

static void long_prompts_bill_every_token_at_long_context_prices(void **state)
{
	struct api_model m = api(3, 15);
	struct workload small = requests(1000, 200000, 1000), big = requests(1000, 200001, 1000);
	struct option_spec o = {.kind = OPT_API, .api = &m};
	struct option_result r;
	(void)state;
	m.has_long_context = true;
	m.lc_above_input_tokens = 200000;
	m.lc_input_per_mtok = 6;
	m.lc_output_per_mtok = 22.5;
	engine_evaluate(&r, &o, &small, NULL, &A);
	assert_false(r.api.long_context);
	CENT(200e6 * 3 / 1e6 + 1e6 * 15 / 1e6, r.total);
	engine_evaluate(&r, &o, &big, NULL, &A);
	assert_true(r.api.long_context);
	CENT(200.001e6 * 6 / 1e6 + 1e6 * 22.5 / 1e6, r.total);
}

static void requests_beyond_the_context_window_are_infeasible(void **state)
{
	struct api_model m = api(3, 15);
	struct workload w = requests(10, 120000, 9000);
	struct option_spec o = {.kind = OPT_API, .api = &m};
	struct option_result r;
	(void)state;
	m.context_window = 128000;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_false(r.feasible);
	assert_int_equal(r.reason, R_CONTEXT_WINDOW_EXCEEDED);
	assert_false(r.has_cost_per_mtok);
}

static void peak_rate_above_the_limit_warns(void **state)
{
	struct api_model m = api(3, 15);
	/* 43.8M tokens a month is 1,000 a minute on average; peak 2x */
	struct workload w = tokens(43.8e6, 0);
	struct option_spec o = {.kind = OPT_API, .api = &m};
	struct option_result r;
	(void)state;
	w.peak_to_average = 2;
	m.rate_limit_tokens_per_min = 2000;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_false(r.warnings & W_RATE_LIMIT_EXCEEDED);
	m.rate_limit_tokens_per_min = 1999;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_true(r.warnings & W_RATE_LIMIT_EXCEEDED);
}

/* ---- section 3: self-hosted ------------------------------------------------ */

static void roofline_matches_hand_arithmetic(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct replica r;
	double mem = 2 * 80e9 * 0.9, w = 140e9, kv = 327680.0 * 2048;
	double b = floor((mem - w) / kv), bw = 2 * 3350e9 * 0.7, f = 2 * 989.4e12 * 0.5;
	/* model.md 3.2 Realism: attention FLOPs per token over 2,048 tokens, and
	 * at tp 2 two all-reduces per layer moving half of each row of 8,192
	 * bf16 activations twice over 50% of a 450 GB/s link, 5 us apiece */
	double attn = 4.0 * 80 * 2048 * 8192, link = 450e9 * 0.5;
	double t = fmax((w + b * kv) / bw, b * (2 * 70e9 + attn) / f) +
		   2 * 80 * (b * 8192 * 2 / link + 5e-6);
	double t1 = fmax((w + kv) / bw, (2 * 70e9 + attn) / f) + 2 * 80 * (8192 * 2 / link + 5e-6);
	(void)state;
	engine_replica(&r, &m, &g, PREC_BF16, 2, 2048, 0, NULL, &A);
	assert_true(r.fits);
	assert_true(r.batch == b);
	CLOSE(b / t, r.decode_tps);
	CLOSE(1 / ((2 * 70e9 + 4.0 * 80 * 1024 * 8192) / f + 2 * 80 * 8192 * 2 / link), r.prefill_tps);
	CLOSE(1 / t1, r.decode_tps_single);
}

static void weights_larger_than_memory_do_not_fit(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct replica r;
	(void)state;
	engine_replica(&r, &m, &g, PREC_BF16, 1, 2048, 0, NULL, &A);
	assert_false(r.fits);
	assert_int_equal(r.reason, R_DOES_NOT_FIT);
}

static void batch_is_capped_by_max_batch(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct replica r;
	(void)state;
	A.v[A_MAX_BATCH] = 7;
	engine_replica(&r, &m, &g, PREC_FP8, 8, 2048, 0, NULL, &A);
	assert_true(r.batch == 7);
}

static void slo_limits_the_batch_to_the_largest_meeting_it(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct replica free_run, slo;
	double bw = 2 * 3350e9 * 0.7, w = 70e9, kv = 327680.0 * 2048, link = 450e9 * 0.5;
	(void)state;
	engine_replica(&free_run, &m, &g, PREC_FP8, 2, 2048, 0, NULL, &A);
	engine_replica(&slo, &m, &g, PREC_FP8, 2, 2048, 40, NULL, &A);
	assert_true(slo.fits);
	assert_true(slo.batch < free_run.batch);
	/* memory-bound here: the chosen batch meets 40 tokens/s per user, one
	 * more would not (each step also pays its all-reduces, model.md 3.2) */
#define STEP(b) ((w + (b) * kv) / bw + 2 * 80 * ((b) * 8192 * 2 / link + 5e-6))
	assert_true(1 / STEP(slo.batch) >= 40);
	assert_true(1 / STEP(slo.batch + 1) < 40);
#undef STEP
}

static void slo_out_of_reach_is_infeasible_with_a_reason(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(1e9, 1e8);
	struct option_spec o = self_host(&m, &g, PREC_BF16, 0);
	struct option_result r;
	(void)state;
	w.min_output_tps_per_user = 5000;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_false(r.feasible);
	assert_int_equal(r.reason, R_SLO_UNREACHABLE);
}

static void measured_throughput_calibrates_prefill_and_decode(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct throughput t = {.model = "llama-70b", .gpu = "h100", .precision = PREC_FP8,
			       .tensor_parallel = 2, .input_tokens = 1000, .output_tokens = 1000,
			       .output_tokens_per_s = 4000};
	struct catalog cat = {.tput = &t, .n_tput = 1};
	struct replica roof, cal;
	double est;
	(void)state;
	/* the roofline's own figure at the measurement's shape (ctx 1500) */
	engine_replica(&roof, &m, &g, PREC_FP8, 2, 1500, 0, NULL, &A);
	est = 1000 / (1000 / roof.prefill_tps + 1000 / roof.decode_tps);
	engine_replica(&cal, &m, &g, PREC_FP8, 2, 1500, 0, &cat, &A);
	assert_true(cal.measured);
	CLOSE(4000 / est, cal.calibration_factor);
	CLOSE(roof.prefill_tps * 4000 / est, cal.prefill_tps);
	CLOSE(roof.decode_tps * 4000 / est, cal.decode_tps);
	/* at the measured shape the calibrated model reproduces the measurement */
	CLOSE(4000, 1000 / (1000 / cal.prefill_tps + 1000 / cal.decode_tps));
	/* another tp has no row: roofline */
	engine_replica(&cal, &m, &g, PREC_FP8, 4, 1500, 0, &cat, &A);
	assert_false(cal.measured);
	assert_true(cal.calibration_factor == 1);
}

/* model.md 3.2: a row measured at a concurrency limit is compared with the
 * model's figure at that batch, not at the full memory-bound batch. */
static void measured_row_with_concurrency_calibrates_at_that_batch(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct throughput t = {.model = "llama-70b", .gpu = "h100", .precision = PREC_FP8,
			       .tensor_parallel = 2, .input_tokens = 1000, .output_tokens = 1000,
			       .output_tokens_per_s = 700, .concurrency = 16};
	struct catalog cat = {.tput = &t, .n_tput = 1};
	struct assumptions a16 = A;
	struct replica full, at16, cal;
	double est;
	(void)state;
	/* the roofline at ctx 1500 with the batch held to 16 */
	a16.v[A_MAX_BATCH] = 16;
	engine_replica(&at16, &m, &g, PREC_FP8, 2, 1500, 0, NULL, &a16);
	engine_replica(&full, &m, &g, PREC_FP8, 2, 1500, 0, NULL, &A);
	assert_true(at16.batch == 16 && full.batch > 16);
	est = 1000 / (1000 / at16.prefill_tps + 1000 / at16.decode_tps);
	engine_replica(&cal, &m, &g, PREC_FP8, 2, 1500, 0, &cat, &A);
	assert_true(cal.measured);
	CLOSE(700 / est, cal.calibration_factor);
	/* the option itself keeps its full batch, scaled */
	CLOSE(full.decode_tps * 700 / est, cal.decode_tps);
	/* a concurrency above the memory-bound batch changes nothing */
	t.concurrency = 1e6;
	engine_replica(&at16, &m, &g, PREC_FP8, 2, 1500, 0, &cat, &A);
	CLOSE(700 / (1000 / (1000 / full.prefill_tps + 1000 / full.decode_tps)), at16.calibration_factor);
}

static void replicas_cover_peak_at_target_utilization_plus_spares(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(2e9, 5e8);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 2);
	struct option_result r;
	struct replica rep;
	double busy;
	(void)state;
	w.peak_to_average = 3;
	A.v[A_SPARE_REPLICAS] = 1;
	engine_replica(&rep, &m, &g, PREC_FP8, 2, 2048, 0, NULL, &A);
	busy = (2e9 / rep.prefill_tps + 5e8 / rep.decode_tps) / (730 * 3600);
	engine_evaluate(&r, &o, &w, NULL, &A);
	CLOSE(busy, r.busy);
	assert_true(r.replicas == fmax(1, ceil(busy * 3 / 0.75)) + 1);
	assert_true(r.gpus == r.replicas * 2);
	CLOSE(busy / r.replicas, r.utilization);
	CENT(r.gpus * 8 * 730, r.sh.gpu);
	CENT(r.sh.gpu + 3000 + 500 + 300 + 1000, r.total);
}

static void min_replicas_zero_scales_to_nothing_at_zero_volume(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(0, 0);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 1);
	struct option_result r;
	(void)state;
	A.v[A_MIN_REPLICAS] = 0;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_true(r.feasible);
	assert_true(r.replicas == 0);
	assert_true(r.sh.gpu == 0);
	assert_false(r.has_cost_per_mtok);
	CENT(4800, r.total);
}

static void owned_hardware_costs_depreciation_power_and_colocation(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(0, 0);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 1);
	struct option_result r;
	(void)state;
	o.pricing = PRICE_OWNED;
	A.v[A_RESIDUAL_FRACTION] = 0.1;
	A.v[A_COLOCATION_PER_GPU_MONTH] = 200;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_true(r.gpus == 1);
	CENT(30000 * 1.3 * 0.9 / 36, r.sh.depreciation);
	CENT(700 / 1000.0 * 1.0 * 1.4 * 0.12 * 730, r.sh.power);
	CENT(200, r.sh.colocation);
	assert_true(r.sh.gpu == 0);
	CENT(975 + 85.848 + 200 + 4800, r.total);
}

static void owned_without_a_purchase_price_is_infeasible(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(1e6, 1e6);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	struct option_result r;
	(void)state;
	o.pricing = PRICE_OWNED;
	g.purchase_price = NAN;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_false(r.feasible);
	assert_int_equal(r.reason, R_NO_PURCHASE_PRICE);
}

static void a_mode_without_a_price_row_is_infeasible(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(1e6, 1e6);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	struct option_result r;
	(void)state;
	o.pricing = PRICE_SPOT;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_false(r.feasible);
	assert_int_equal(r.reason, R_NO_PRICE);
}

static void cheapest_row_of_the_mode_unless_a_provider_is_named(void **state)
{
	struct gpu_price rows[] = {{.provider = "a", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 3},
				   {.provider = "b", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 2},
				   {.provider = "c", .mode = PRICE_SPOT, .per_gpu_hour = 1}};
	struct gpu g = h100();
	struct open_model m = llama70();
	struct workload w = tokens(1e6, 1e6);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	struct option_result r;
	(void)state;
	g.prices = rows;
	g.n_prices = 3;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_ptr_equal(r.price, &rows[1]);
	o.provider = "a";
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_ptr_equal(r.price, &rows[0]);
	o.provider = NULL;
	o.pricing = PRICE_SPOT;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_ptr_equal(r.price, &rows[2]);
	o.pricing = PRICE_RESERVED_1Y;
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_null(r.price);
	assert_int_equal(r.reason, R_NO_PRICE);
}

static void auto_tp_picks_the_cheapest_fitting_tp(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(5e9, 1e9);
	struct option_spec o = self_host(&m, &g, PREC_BF16, 0);
	struct option_result best, fixed;
	static const int tps[] = {2, 4, 8};
	(void)state;
	engine_evaluate(&best, &o, &w, NULL, &A);
	assert_true(best.feasible);
	for (size_t i = 0; i < 3; i++) {
		o.tensor_parallel = tps[i];
		engine_evaluate(&fixed, &o, &w, NULL, &A);
		assert_true(best.total <= fixed.total);
		if (fixed.total == best.total)
			assert_true(best.tensor_parallel <= tps[i]);
	}
	o.tensor_parallel = 1; /* 140 GB of weights on one 80 GB GPU */
	engine_evaluate(&fixed, &o, &w, NULL, &A);
	assert_false(fixed.feasible);
	assert_int_equal(fixed.reason, R_DOES_NOT_FIT);
}

static void ties_between_tp_go_to_the_smaller(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(0, 0);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	struct option_result r;
	(void)state;
	/* zero volume: one replica of tp 1 is cheapest */
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_int_equal(r.tensor_parallel, 1);
	/* with no GPU cost every tp costs the same: the smallest wins */
	price_row.per_gpu_hour = 0;
	engine_evaluate(&r, &o, &w, NULL, &A);
	price_row.per_gpu_hour = 8;
	assert_int_equal(r.tensor_parallel, 1);
}

static void moe_reads_only_active_weights_per_token(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct replica dense, moe;
	(void)state;
	m.params_b = m.active_params_b = 140;
	engine_replica(&dense, &m, &g, PREC_FP8, 4, 1024, 0, NULL, &A);
	m.active_params_b = 14;
	engine_replica(&moe, &m, &g, PREC_FP8, 4, 1024, 0, NULL, &A);
	assert_true(moe.decode_tps_single > 5 * dense.decode_tps_single);
	/* prefill FLOPs: 2 * active parameters plus attention over 512 tokens;
	 * the tp-4 all-reduce moves 1.5 rows of 8,192 bf16 per layer twice */
#define PREFILL(p) (1 / ((2 * (p) * 1e9 + 4.0 * 80 * 512 * 8192) / (4 * 1978.9e12 * 0.5) + \
			 2 * 80 * 1.5 * 8192 * 2 / (450e9 * 0.5)))
	CLOSE(PREFILL(140), dense.prefill_tps);
	CLOSE(PREFILL(14), moe.prefill_tps);
#undef PREFILL
}

static void explicit_kv_bytes_scale_with_kv_precision(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct replica r;
	(void)state;
	m.kv_bytes_per_token = 70272;
	engine_replica(&r, &m, &g, PREC_FP8, 8, 2048, 0, NULL, &A);
	assert_true(r.kv_bytes_per_token == 70272);
	A.v[A_KV_CACHE_PRECISION] = PREC_FP8;
	engine_replica(&r, &m, &g, PREC_FP8, 8, 2048, 0, NULL, &A);
	assert_true(r.kv_bytes_per_token == 35136);
	m.kv_bytes_per_token = NAN;
	engine_replica(&r, &m, &g, PREC_FP8, 8, 2048, 0, NULL, &A);
	assert_true(r.kv_bytes_per_token == 163840);
}

static void ceil_ignores_float_noise_above_a_whole_number(void **state)
{
	(void)state;
	assert_true(engine_ceil(3.0) == 3);
	assert_true(engine_ceil(3.0 * (1 + 1e-12)) == 3);
	assert_true(engine_ceil(3.0001) == 4);
	assert_true(engine_ceil(0) == 0);
	assert_true(engine_ceil(0.2) == 1);
}

static void rank_puts_feasible_first_by_total_then_infeasible(void **state)
{
	struct option_result r[4] = {{.feasible = true, .total = 5}, {.feasible = false},
				     {.feasible = true, .total = 1}, {.feasible = true, .total = 5}};
	size_t order[4];
	(void)state;
	compare_rank(order, r, 4);
	assert_int_equal(order[0], 2);
	assert_int_equal(order[1], 0);
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 1);
}

/* ---- model.md 3.2 Realism: tensor parallelism, attention, FP4, real sizes -- */

/* A toy model and GPU whose figures are easy to follow by hand: 10 B
 * parameters, 10 layers, 1 KV head of 50 (2,000 bytes/token in bf16),
 * hidden 1,000; 100 GB, 1,000 GB/s, 100 TFLOP/s, a 100 GB/s link. */
static struct open_model toy_model(void)
{
	struct open_model m = llama70();
	m.params_b = m.active_params_b = 10;
	m.layers = 10;
	m.kv_heads = 1;
	m.head_dim = 50;
	m.hidden_size = 1000;
	return m;
}

static struct gpu toy_gpu(double tflops)
{
	struct gpu g = h100();
	g.vram_gb = 100;
	g.memory_bandwidth_gb_s = 1000;
	g.bf16_tflops = tflops;
	g.fp8_tflops = NAN;
	g.interconnect_gb_s = 100;
	return g;
}

static void tp_pays_two_all_reduces_per_layer_and_attention_flops(void **state)
{
	struct open_model m = toy_model();
	struct gpu g = toy_gpu(100);
	struct replica r;
	(void)state;
	/* tp 2, ctx 1,000, batch 256 (max_batch). Compute-bound step:
	 * 256 * (2e10 + 4 * 10 * 1,000 * 1,000) / 1e14 = 0.0513024 s; all-reduces:
	 * 2 * 10 * (1 * 256 * 1,000 * 2 B / 50e9 B/s + 5e-6) = 0.0003048 s */
	engine_replica(&r, &m, &g, PREC_BF16, 2, 1000, 0, NULL, &A);
	assert_true(r.fits);
	assert_true(r.batch == 256);
	CLOSE(4960.548140569533, r.decode_tps);       /* 256 / 0.0516072 */
	CLOSE(69.50263911449666, r.decode_tps_single); /* 1 / 0.0143879 */
	/* prefill: (2e10 + 4 * 10 * 500 * 1,000) / 1e14 + 2 * 10 * 2,000 / 50e9 */
	CLOSE(4975.124378109454, r.prefill_tps); /* 1 / 0.000201 */
	/* memory-bound at tp 4 on a 10,000 TFLOP/s part: (20e9 + 256 * 2e6) / 2.8e12
	 * + 2 * 10 * (1.5 * 256 * 2,000 / 50e9 + 5e-6) = 0.00773291 s */
	g = toy_gpu(10000);
	engine_replica(&r, &m, &g, PREC_BF16, 4, 1000, 0, NULL, &A);
	CLOSE(33105.24215597889, r.decode_tps);
	CLOSE(454338.9368468878, r.prefill_tps);
	/* tp 1 has no all-reduce: 256 * 2.004e10 / 5e13 = 0.1026048 s */
	g = toy_gpu(100);
	engine_replica(&r, &m, &g, PREC_BF16, 1, 1000, 0, NULL, &A);
	CLOSE(2495.0099800399203, r.decode_tps);
	CLOSE(2497.5024975024976, r.prefill_tps);
}

static void tp_without_interconnect_figures_is_infeasible(void **state)
{
	struct open_model m = toy_model();
	struct gpu g = toy_gpu(100);
	struct workload w = tokens(1e9, 1e8);
	struct option_spec o = self_host(&m, &g, PREC_BF16, 2);
	struct option_result res;
	struct replica r;
	(void)state;
	g.interconnect_gb_s = NAN;
	engine_replica(&r, &m, &g, PREC_BF16, 2, 1000, 0, NULL, &A);
	assert_false(r.fits);
	assert_int_equal(r.reason, R_NO_INTERCONNECT);
	engine_replica(&r, &m, &g, PREC_BF16, 1, 1000, 0, NULL, &A);
	assert_true(r.fits); /* tp 1 needs neither figure */
	g.interconnect_gb_s = 100;
	m.hidden_size = NAN;
	engine_replica(&r, &m, &g, PREC_BF16, 2, 1000, 0, NULL, &A);
	assert_int_equal(r.reason, R_NO_INTERCONNECT);
	/* a model that needs tp > 1 on a GPU without a link: the reason says so */
	m.params_b = m.active_params_b = 60; /* 120 GB in bf16 > 90 GB */
	g.interconnect_gb_s = NAN;
	m.hidden_size = 1000;
	o.tensor_parallel = 0;
	engine_evaluate(&res, &o, &w, NULL, &A);
	assert_false(res.feasible);
	assert_int_equal(res.reason, R_NO_INTERCONNECT);
	assert_string_equal(reason_codes[R_NO_INTERCONNECT], "no_interconnect");
}

/* model.md 3.3: a deployment past ENGINE_MAX_GPUS is not sized (its
 * sizing loops grow with the replicas): too_many_gpus, at once, whatever
 * the count. target_utilization 1e-10 needs some 5e9 GPUs here. */
static void past_the_gpu_limit_is_infeasible(void **state)
{
	static const double targets[] = {1e-10, 1e-300, 5e-324};
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(3e9, 6e8);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	struct option_result res;
	(void)state;
	w.peak_to_average = 2;
	o.pricing = PRICE_OWNED;
	for (size_t i = 0; i < 3; i++) {
		A.v[A_TARGET_UTILIZATION] = targets[i];
		engine_evaluate(&res, &o, &w, NULL, &A);
		assert_false(res.feasible);
		assert_int_equal(res.reason, R_TOO_MANY_GPUS);
		assert_true(res.total == 0);
	}
	assert_string_equal(reason_codes[R_TOO_MANY_GPUS], "too_many_gpus");
	/* below the limit it is sized as ever */
	A.v[A_TARGET_UTILIZATION] = 1e-7;
	engine_evaluate(&res, &o, &w, NULL, &A);
	assert_true(res.feasible);
	assert_true(res.gpus > 1e6 && res.gpus <= ENGINE_MAX_GPUS);
	/* rented and hourly alike; the throughput of nothing */
	o.pricing = PRICE_ON_DEMAND;
	A.v[A_TARGET_UTILIZATION] = 0.75;
	A.v[A_BANDWIDTH_EFFICIENCY] = 5e-324;
	A.v[A_COMPUTE_EFFICIENCY] = 5e-324;
	engine_evaluate(&res, &o, &w, NULL, &A);
	assert_int_equal(res.reason, R_TOO_MANY_GPUS);
	o.scaling = SCALING_HOURLY;
	engine_evaluate(&res, &o, &w, NULL, &A);
	assert_int_equal(res.reason, R_TOO_MANY_GPUS);
}

/* model.md 3.4: a cost that overflows (setup_cost over 1e-300 months, a
 * price times 1e300 tokens) is cost_not_finite: no inf or NaN total
 * leaves the engine, and no component either. */
static void a_total_that_is_not_finite_is_infeasible(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w = tokens(3e9, 6e8);
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	struct api_model am = api(1e10, 1e10);
	struct option_spec oa = {.kind = OPT_API, .api = &am};
	struct option_result res;
	(void)state;
	o.pricing = PRICE_OWNED;
	A.v[A_SETUP_COST] = 1e15;
	A.v[A_AMORTIZATION_MONTHS] = 1e-300;
	engine_evaluate(&res, &o, &w, NULL, &A);
	assert_false(res.feasible);
	assert_int_equal(res.reason, R_COST_NOT_FINITE);
	assert_true(res.total == 0 && res.sh.setup == 0);
	assert_string_equal(reason_codes[R_COST_NOT_FINITE], "cost_not_finite");
	w = tokens(1e300, 1e300);
	engine_evaluate(&res, &oa, &w, NULL, &A);
	assert_false(res.feasible);
	assert_int_equal(res.reason, R_COST_NOT_FINITE);
	assert_true(res.total == 0 && res.api.input == 0);
}

static void fp4_halves_the_bytes_and_uses_fp4_flops_else_fp8(void **state)
{
	struct open_model m = toy_model();
	struct gpu g = toy_gpu(100);
	struct replica r;
	(void)state;
	assert_true(engine_weight_bytes(PREC_FP4) == 0.5);
	g.fp8_tflops = 200;
	engine_replica(&r, &m, &g, PREC_FP4, 1, 1000, 0, NULL, &A);
	CLOSE(5e9, r.weights_bytes);
	/* no fp4_tflops: fp8's 200 TFLOP/s, 1e14 achieved over 2.002e10 per token */
	CLOSE(1e14 / 2.002e10, r.prefill_tps);
	g.fp4_tflops = 400;
	engine_replica(&r, &m, &g, PREC_FP4, 1, 1000, 0, NULL, &A);
	CLOSE(2e14 / 2.002e10, r.prefill_tps);
	/* neither: bf16's */
	g.fp4_tflops = g.fp8_tflops = NAN;
	engine_replica(&r, &m, &g, PREC_FP4, 1, 1000, 0, NULL, &A);
	CLOSE(5e13 / 2.002e10, r.prefill_tps);
}

static void stored_weights_replace_the_uniform_size(void **state)
{
	struct open_model m = toy_model();
	struct gpu g = toy_gpu(1e6); /* memory-bound */
	struct replica r;
	(void)state;
	m.params_b = 117;
	m.active_params_b = 5.85;       /* 5% of the weights per token */
	m.stored_weights_gb[PREC_FP4] = 65.3;
	engine_replica(&r, &m, &g, PREC_FP4, 1, 1000, 0, NULL, &A);
	CLOSE(65.3e9, r.weights_bytes); /* not 117e9 * 0.5 = 58.5e9 */
	/* one sequence reads 5% of 65.3 GB plus its 2 MB of KV at 700 GB/s */
	CLOSE(0.7e12 / (65.3e9 * 0.05 + 2e6), r.decode_tps_single);
	/* other precisions keep the uniform size */
	engine_replica(&r, &m, &g, PREC_BF16, 2, 1000, 0, NULL, &A);
	CLOSE(234e9, r.weights_bytes);
}

static void calibration_shape_comes_from_requests_else_the_split(void **state)
{
	struct workload w = requests(1000, 3000, 500);
	double isl, osl;
	(void)state;
	engine_calibration_shape(&isl, &osl, &w);
	assert_true(isl == 3000 && osl == 500);
	/* tokens only: r = 4, osl = 2,048 / 4.5, isl = 4 * osl */
	w = tokens(4e9, 1e9);
	engine_calibration_shape(&isl, &osl, &w);
	CLOSE(2048 / 4.5, osl);
	CLOSE(4 * 2048 / 4.5, isl);
	/* no output: (context, 1) */
	w = tokens(4e9, 0);
	engine_calibration_shape(&isl, &osl, &w);
	assert_true(isl == 2048 && osl == 1);
}

static void calibration_uses_the_row_nearest_in_shape(void **state)
{
	struct open_model m = toy_model();
	struct throughput rows[] = {
		{.model = "llama-70b", .gpu = "g", .precision = PREC_FP8, .tensor_parallel = 2,
		 .input_tokens = 1000, .output_tokens = 1000, .output_tokens_per_s = 10},
		{.model = "llama-70b", .gpu = "g", .precision = PREC_FP8, .tensor_parallel = 2,
		 .input_tokens = 8000, .output_tokens = 1000, .output_tokens_per_s = 20},
		{.model = "llama-70b", .gpu = "g", .precision = PREC_FP8, .tensor_parallel = 2,
		 .input_tokens = 250, .output_tokens = 1000, .output_tokens_per_s = 30},
		{.model = "llama-70b", .gpu = "g", .precision = PREC_FP8, .tensor_parallel = 2,
		 .input_tokens = 4000, .output_tokens = 1000, .output_tokens_per_s = 30},
	};
	struct catalog cat = {.tput = rows, .n_tput = 4};
	(void)state;
	m.id = "llama-70b";
	/* |ln(1000/1200)| = 0.18 beats |ln(8000/1200)| = 1.9 */
	assert_ptr_equal(catalog_throughput(&cat, &m, "g", PREC_FP8, 2, 1200, 1000), &rows[0]);
	assert_ptr_equal(catalog_throughput(&cat, &m, "g", PREC_FP8, 2, 6000, 900), &rows[1]);
	/* 1,000 is ln 4 from both 250 and 4,000: equal throughput, so catalog
	 * order; 1,000/1,000 itself is nearer */
	assert_ptr_equal(catalog_throughput(&cat, &m, "g", PREC_FP8, 2, 1000, 1000), &rows[0]);
	rows[0].input_tokens = 9999; /* move it away: the tie remains */
	assert_ptr_equal(catalog_throughput(&cat, &m, "g", PREC_FP8, 2, 1000, 1000), &rows[2]);
	/* a tie goes to the higher throughput */
	rows[3].output_tokens_per_s = 31;
	assert_ptr_equal(catalog_throughput(&cat, &m, "g", PREC_FP8, 2, 1000, 1000), &rows[3]);
	assert_null(catalog_throughput(&cat, &m, "g", PREC_FP8, 4, 1000, 1000));
	assert_null(catalog_throughput(&cat, &m, "g", PREC_BF16, 2, 1000, 1000));
}

static void same_architecture_rows_calibrate_only_a_model_without_its_own(void **state)
{
	struct open_model a = toy_model(), b = toy_model(), c = toy_model();
	struct throughput rows[] = {
		{.model = "a", .gpu = "g", .precision = PREC_FP8, .tensor_parallel = 1,
		 .input_tokens = 1000, .output_tokens = 1000, .output_tokens_per_s = 10},
		{.model = "b", .gpu = "g", .precision = PREC_FP8, .tensor_parallel = 2,
		 .input_tokens = 1000, .output_tokens = 1000, .output_tokens_per_s = 20},
	};
	struct catalog cat = {.tput = rows, .n_tput = 2};
	(void)state;
	a.id = "a";
	b.id = "b";
	c.id = "c";
	b.same_architecture_as = "a";
	c.same_architecture_as = "b";
	/* b has no tp 1 row: a's */
	assert_ptr_equal(catalog_throughput(&cat, &b, "g", PREC_FP8, 1, 1000, 1000), &rows[0]);
	/* b's own tp 2 row */
	assert_ptr_equal(catalog_throughput(&cat, &b, "g", PREC_FP8, 2, 1000, 1000), &rows[1]);
	/* c -> b -> a is not followed */
	assert_ptr_equal(catalog_throughput(&cat, &c, "g", PREC_FP8, 2, 1000, 1000), &rows[1]);
	assert_null(catalog_throughput(&cat, &c, "g", PREC_FP8, 1, 1000, 1000));
	/* a names nothing */
	assert_null(catalog_throughput(&cat, &a, "g", PREC_FP8, 2, 1000, 1000));
}

/* docs/model.md, choices: a row that names its run's KV-cache precision is
 * estimated at it, so an FP8-cache measurement does not credit a bf16
 * deployment with the doubled batch. Toy model on a 11.2 GB GPU at fp8
 * weights: M = 10.08e9, W = 10e9, so 80 MB of KV room; at the row's shape
 * (1000/1000, ctx 1,500) a sequence holds 3 MB of bf16 cache (batch 26) or
 * 1.5 MB of fp8 (batch 53). Memory-bound steps of 10.078e9 and 10.0795e9
 * bytes at 700 GB/s; prefill 5e14 / (2e10 + 4 * 10 * 750 * 1000). */
static void row_kv_precision_sets_the_calibration_estimate(void **state)
{
	struct open_model m = toy_model();
	struct gpu g = toy_gpu(1000);
	struct throughput t = {.model = "llama-70b", .gpu = "h100", .precision = PREC_FP8,
			       .tensor_parallel = 1, .input_tokens = 1000, .output_tokens = 1000,
			       .output_tokens_per_s = 3200};
	struct catalog cat = {.tput = &t, .n_tput = 1};
	struct replica silent, fp8, roof;
	double prefill = 5e14 / (2e10 + 4.0 * 10 * 750 * 1000);
	double est16 = 1000 / (1000 / prefill + 1000 / (26 / (10.078e9 / 700e9)));
	double est8 = 1000 / (1000 / prefill + 1000 / (53 / (10.0795e9 / 700e9)));
	double ceiling = 1000e9 / 10e9; /* full bandwidth over the weight bytes */
	(void)state;
	g.vram_gb = 11.2;
	engine_replica(&roof, &m, &g, PREC_FP8, 1, 1500, 0, NULL, &A);
	assert_true(roof.batch == 26);
	CLOSE(700e9 / (10e9 + 2000.0 * 1500), roof.decode_tps_single); /* 69.98 */

	/* a row silent on its KV cache: est at the deployment's bf16 */
	engine_replica(&silent, &m, &g, PREC_FP8, 1, 1500, 0, &cat, &A);
	assert_true(silent.measured);
	CLOSE(3200 / est16, silent.calibration_factor); /* 1.90 */
	assert_true(silent.decode_tps_single > ceiling);   /* 133: beyond physics */

	/* the same row measured with an FP8 cache: est at fp8 */
	t.has_kv_cache_precision = true;
	t.kv_cache_precision = PREC_FP8;
	engine_replica(&fp8, &m, &g, PREC_FP8, 1, 1500, 0, &cat, &A);
	assert_true(fp8.measured);
	CLOSE(3200 / est8, fp8.calibration_factor); /* 0.998 */
	assert_true(fp8.calibration_factor < silent.calibration_factor);
	/* applied to the deployment's own (bf16) estimate, batch unchanged */
	assert_true(fp8.batch == 26);
	CLOSE(roof.decode_tps_single * 3200 / est8, fp8.decode_tps_single);
	assert_true(fp8.decode_tps_single < ceiling);

	/* a row at bf16 for an fp8 deployment: est at bf16, not at fp8 */
	t.kv_cache_precision = PREC_BF16;
	{
		struct assumptions a8 = A;
		struct replica dep8;
		a8.v[A_KV_CACHE_PRECISION] = PREC_FP8;
		engine_replica(&dep8, &m, &g, PREC_FP8, 1, 1500, 0, &cat, &a8);
		CLOSE(3200 / est16, dep8.calibration_factor);
		assert_true(dep8.batch == 53);
	}
}

static void equal_totals_go_to_the_larger_serving_capacity(void **state)
{
	struct open_model m = llama70();
	struct gpu g = h100();
	struct workload w;
	struct option_spec o = self_host(&m, &g, PREC_FP8, 0);
	struct option_result r;
	struct replica one;
	(void)state;
	/* 70 GB of fp8 weights on one 80 GB GPU leave room for two sequences:
	 * a volume that keeps one tp-1 replica fully busy needs two of them at
	 * 75% utilization, the same two GPUs as one tp-2 replica */
	engine_replica(&one, &m, &g, PREC_FP8, 1, 2048, 0, NULL, &A);
	assert_true(one.fits && one.batch == 2);
	w = tokens(0, one.decode_tps * 730 * 3600);
	engine_evaluate(&r, &o, &w, NULL, &A);
	assert_int_equal(r.tensor_parallel, 2);
	assert_true(r.gpus == 2);
	o.tensor_parallel = 1;
	{
		struct option_result tp1;
		engine_evaluate(&tp1, &o, &w, NULL, &A);
		assert_true(tp1.gpus == 2);
		CLOSE(tp1.total, r.total);
		assert_true(r.utilization < tp1.utilization);
	}
}

static int setup(void **state)
{
	(void)state;
	defaults();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(worked_500m_input_100m_output_at_2_50_and_10, setup),
		cmocka_unit_test_setup(worked_100k_requests_of_1000_plus_1000_tokens, setup),
		cmocka_unit_test_setup(worked_two_gpus_a_year_at_8_and_14, setup),
		cmocka_unit_test_setup(worked_one_gpu_at_3_50_in_a_720_hour_month, setup),
		cmocka_unit_test_setup(worked_70b_weights_and_kv_per_token, setup),
		cmocka_unit_test_setup(cached_input_is_billed_at_the_cached_price, setup),
		cmocka_unit_test_setup(cached_input_without_a_cached_price_pays_the_input_price, setup),
		cmocka_unit_test_setup(cache_writes_are_billed_at_the_cache_write_price, setup),
		cmocka_unit_test_setup(long_context_cache_writes_use_the_long_context_price, setup),
		cmocka_unit_test_setup(batch_discount_applies_to_the_batch_share, setup),
		cmocka_unit_test_setup(batch_without_a_published_discount_saves_nothing_and_warns, setup),
		cmocka_unit_test_setup(long_prompts_bill_every_token_at_long_context_prices, setup),
		cmocka_unit_test_setup(requests_beyond_the_context_window_are_infeasible, setup),
		cmocka_unit_test_setup(peak_rate_above_the_limit_warns, setup),
		cmocka_unit_test_setup(roofline_matches_hand_arithmetic, setup),
		cmocka_unit_test_setup(weights_larger_than_memory_do_not_fit, setup),
		cmocka_unit_test_setup(batch_is_capped_by_max_batch, setup),
		cmocka_unit_test_setup(slo_limits_the_batch_to_the_largest_meeting_it, setup),
		cmocka_unit_test_setup(slo_out_of_reach_is_infeasible_with_a_reason, setup),
		cmocka_unit_test_setup(measured_throughput_calibrates_prefill_and_decode, setup),
		cmocka_unit_test_setup(measured_row_with_concurrency_calibrates_at_that_batch, setup),
		cmocka_unit_test_setup(replicas_cover_peak_at_target_utilization_plus_spares, setup),
		cmocka_unit_test_setup(min_replicas_zero_scales_to_nothing_at_zero_volume, setup),
		cmocka_unit_test_setup(owned_hardware_costs_depreciation_power_and_colocation, setup),
		cmocka_unit_test_setup(owned_without_a_purchase_price_is_infeasible, setup),
		cmocka_unit_test_setup(a_mode_without_a_price_row_is_infeasible, setup),
		cmocka_unit_test_setup(cheapest_row_of_the_mode_unless_a_provider_is_named, setup),
		cmocka_unit_test_setup(auto_tp_picks_the_cheapest_fitting_tp, setup),
		cmocka_unit_test_setup(ties_between_tp_go_to_the_smaller, setup),
		cmocka_unit_test_setup(moe_reads_only_active_weights_per_token, setup),
		cmocka_unit_test_setup(explicit_kv_bytes_scale_with_kv_precision, setup),
		cmocka_unit_test_setup(ceil_ignores_float_noise_above_a_whole_number, setup),
		cmocka_unit_test_setup(rank_puts_feasible_first_by_total_then_infeasible, setup),
		cmocka_unit_test_setup(tp_pays_two_all_reduces_per_layer_and_attention_flops, setup),
		cmocka_unit_test_setup(tp_without_interconnect_figures_is_infeasible, setup),
		cmocka_unit_test_setup(fp4_halves_the_bytes_and_uses_fp4_flops_else_fp8, setup),
		cmocka_unit_test_setup(stored_weights_replace_the_uniform_size, setup),
		cmocka_unit_test_setup(calibration_shape_comes_from_requests_else_the_split, setup),
		cmocka_unit_test_setup(calibration_uses_the_row_nearest_in_shape, setup),
		cmocka_unit_test_setup(same_architecture_rows_calibrate_only_a_model_without_its_own, setup),
		cmocka_unit_test_setup(row_kv_precision_sets_the_calibration_estimate, setup),
		cmocka_unit_test_setup(equal_totals_go_to_the_larger_serving_capacity, setup),
		cmocka_unit_test_setup(past_the_gpu_limit_is_infeasible, setup),
		cmocka_unit_test_setup(a_total_that_is_not_finite_is_infeasible, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
