/*
 * builders.h - engine inputs built in C for the unit tests: assumptions at
 * their defaults, workloads, and Llama-70B-class models on H100-class GPUs.
 */
#ifndef LLMTCO_TEST_BUILDERS_H
#define LLMTCO_TEST_BUILDERS_H

#include <math.h>
#include <string.h>

#include "model/compare.h"
#include "model/engine.h"

static struct assumptions A;

static inline void defaults(void)
{
	assumptions_defaults(&A);
}

static inline struct workload tokens(double in, double out)
{
	struct workload w = {0};
	w.t_in = in;
	w.t_out = out;
	w.peak_to_average = 1;
	w.context_tokens = 2048;
	return w;
}

static inline struct workload requests(double n, double in, double out)
{
	struct workload w = tokens(n * in, n * out);
	w.has_requests = true;
	w.requests = n;
	w.in_per_request = in;
	w.out_per_request = out;
	w.context_tokens = in + out / 2;
	return w;
}

static inline struct api_model api(double in, double out)
{
	struct api_model m;
	memset(&m, 0, sizeof(m));
	m.id = "test-api";
	m.input_per_mtok = in;
	m.output_per_mtok = out;
	m.cached_input_per_mtok = NAN;
	m.batch_discount = NAN;
	m.context_window = NAN;
	m.rate_limit_tokens_per_min = NAN;
	m.lc_cached_input_per_mtok = NAN;
	m.cache_write_per_mtok = NAN;
	m.lc_cache_write_per_mtok = NAN;
	m.quality_tier = NAN;
	return m;
}

static inline double api_total(const struct api_model *m, const struct workload *w)
{
	struct option_spec o = {.kind = OPT_API, .api = m};
	struct option_result r;
	engine_evaluate(&r, &o, w, NULL, &A);
	assert_true(r.feasible);
	return r.total;
}

/* Llama-3.1-70B-class: 70 B parameters, 80 layers, 8 KV heads, head_dim 128 */
static inline struct open_model llama70(void)
{
	struct open_model m;
	memset(&m, 0, sizeof(m));
	m.id = "llama-70b";
	m.params_b = 70;
	m.active_params_b = 70;
	m.layers = 80;
	m.kv_heads = 8;
	m.head_dim = 128;
	m.kv_bytes_per_token = NAN;
	m.context_window = NAN;
	m.quality_tier = NAN;
	m.hidden_size = 8192;
	for (int p = 0; p < PREC_COUNT; p++)
		m.stored_weights_gb[p] = NAN;
	return m;
}

static struct gpu_price price_row = {.provider = "p", .mode = PRICE_ON_DEMAND, .per_gpu_hour = 8};

static inline struct gpu h100(void)
{
	struct gpu g;
	memset(&g, 0, sizeof(g));
	g.id = "h100";
	g.name = "H100";
	g.vram_gb = 80;
	g.memory_bandwidth_gb_s = 3350;
	g.bf16_tflops = 989.4;
	g.fp8_tflops = 1978.9;
	g.int8_tops = NAN;
	g.fp4_tflops = NAN;
	g.interconnect_gb_s = 450;
	g.tdp_watts = 700;
	g.purchase_price = 30000;
	g.prices = &price_row;
	g.n_prices = 1;
	return g;
}

static inline struct option_spec self_host(const struct open_model *m, const struct gpu *g,
				    enum precision p, int tp)
{
	struct option_spec o = {.kind = OPT_SELF_HOSTED, .model = m, .gpu = g, .precision = p,
				.pricing = PRICE_ON_DEMAND, .tensor_parallel = tp};
	return o;
}

#endif
