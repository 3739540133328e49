/*
 * engine.c - the arithmetic of docs/model.md: API bills, self-hosted sizing
 * and monthly cost.
 *
 * Must not: print, allocate, read files, the clock or the environment. It
 * neither includes stdio nor libyaml nor cJSON. Each formula cites the
 * section of model.md it implements.
 */
#include "model/engine.h"
#include "model/hybrid.h"

#include "model/availability.h"
#include "model/requirements.h"

#include <math.h>
#include <string.h>

const char *const option_kind_names[OPT_KIND_COUNT] = {"api", "managed", "self_hosted", "hybrid"};

const char *const reason_codes[R_COUNT] = {
	[R_NONE] = "",
	[R_CONTEXT_WINDOW_EXCEEDED] = "context_window_exceeded",
	[R_DOES_NOT_FIT] = "does_not_fit",
	[R_SLO_UNREACHABLE] = "slo_unreachable",
	[R_NO_PRICE] = "no_price",
	[R_NO_PURCHASE_PRICE] = "no_purchase_price",
	[R_NO_TDP] = "no_tdp_watts",
	[R_BELOW_QUALITY_TIER] = "below_quality_tier",
	[R_THIRD_PARTY_FORBIDDEN] = "third_party_forbidden",
	[R_PROVIDER_NOT_ALLOWED] = "provider_not_allowed",
	[R_NO_WEEK] = "peak_to_average_not_below_24",
	[R_REPLICAS_BELOW_MIN] = "replicas_below_min_replicas",
	[R_OVERFLOW_CONTEXT_WINDOW_EXCEEDED] = "overflow_context_window_exceeded",
	[R_OVERFLOW_INFEASIBLE] = "overflow_infeasible",
	[R_NO_INTERCONNECT] = "no_interconnect",
	[R_TOO_MANY_GPUS] = "too_many_gpus",
	[R_COST_NOT_FINITE] = "cost_not_finite",
};

double engine_weight_bytes(enum precision p)
{
	/* model.md 3.1: bytes_w */
	static const double bytes[PREC_COUNT] = {[PREC_FP32] = 4, [PREC_BF16] = 2, [PREC_FP16] = 2,
						 [PREC_FP8] = 1,  [PREC_INT8] = 1, [PREC_INT4] = 0.5,
						 [PREC_FP4] = 0.5};
	return bytes[p];
}

double engine_ceil(double x)
{
	/* model.md 3.3: exact multiples must not round up through float error */
	double f = floor(x);

	if (x - f <= 1e-9 * fabs(x))
		return f;
	return f + 1;
}

const int engine_tp_set[ENGINE_N_TP] = {1, 2, 4, 8};

/* model.md 3.2 Realism: the tensor-parallel all-reduce, fitted on the
 * published TPn rows (docs/model.md 3.2, "The fit"). */
#define LINK_EFFICIENCY 0.5        /* achieved share of interconnect_gb_s */
#define COLLECTIVE_LATENCY_S 5e-6  /* fixed cost of one all-reduce */
#define ACTIVATION_BYTES 2.0       /* activations cross the link in bf16 */

/* A figure the catalog gave and that can be used: present and positive
 * (zero-initialised structs count as absent). */
static bool given(double v)
{
	return cat_has(v) && v > 0;
}

/* model.md 3.2: peak_flops(precision), TFLOP/s */
static double peak_tflops(const struct gpu *g, enum precision p)
{
	double fp8 = given(g->fp8_tflops) ? g->fp8_tflops : g->bf16_tflops;

	if (p == PREC_FP4)
		return given(g->fp4_tflops) ? g->fp4_tflops : fp8;
	if (p == PREC_FP8)
		return fp8;
	if (p == PREC_INT8)
		return given(g->int8_tops) ? g->int8_tops : fp8;
	return g->bf16_tflops;
}

/* The per-replica quantities every batch size shares. */
struct roofline {
	double w, w_active, kv, ctx, bw, flops, active_params;
	double layers, hidden; /* hidden 0: no attention FLOPs term */
	double link;           /* achieved bytes/s of one GPU's interconnect */
	int tp;
};

/* model.md 3.2 Realism: seconds of the two all-reduces per layer that one
 * step of `rows` token rows costs; 0 at tp 1. A ring all-reduce moves
 * 2 (tp - 1) / tp of the rows * hidden_size activations through each link. */
static double allreduce_s(const struct roofline *r, double rows, double latency)
{
	if (r->tp <= 1)
		return 0;
	return 2 * r->layers *
	       (2.0 * (r->tp - 1) / r->tp * rows * r->hidden * ACTIVATION_BYTES / r->link + latency);
}

/* model.md 3.2 Realism: attention FLOPs per token attending over `span`
 * tokens (QK^T and AV: 4 * layers * span * hidden_size). */
static double attention_flops(const struct roofline *r, double span)
{
	return 4 * r->layers * span * r->hidden;
}

/* model.md 3.2: t_step(b), seconds per decode step of b sequences: the
 * roofline plus the all-reduces of the step. */
static double t_step(const struct roofline *r, double b)
{
	double mem = (fmin(r->w, b * r->w_active) + b * r->kv * r->ctx) / r->bw;
	double compute =
		b * (2 * r->active_params * 1e9 + attention_flops(r, r->ctx)) / r->flops;

	return fmax(mem, compute) + allreduce_s(r, b, COLLECTIVE_LATENCY_S);
}

/* model.md 3.2: prefill_tps, input tokens/s. Prompts are processed in chunks
 * of thousands of tokens, so the all-reduce latency is spread thin and only
 * its volume counts; a prompt token attends over ctx / 2 tokens on average. */
static double prefill_tps(const struct roofline *r)
{
	double flops = 2 * r->active_params * 1e9 + attention_flops(r, r->ctx / 2);

	return 1 / (flops / r->flops + allreduce_s(r, 1, 0));
}

/* model.md 3.1: b(tp) = min(floor((M - W) / (kv * ctx)), max_batch); 0 when
 * the weights and one sequence do not fit. */
static double batch_capacity(const struct roofline *r, double mem, double max_batch)
{
	double per_seq = r->kv * r->ctx;

	if (r->w + per_seq > mem)
		return 0;
	if (per_seq <= 0)
		return max_batch;
	return fmin(floor((mem - r->w) / per_seq), max_batch);
}

double engine_kv_bytes(const struct open_model *m, double bytes_kv)
{
	/* model.md 3.1: an explicit bf16 figure scales with the KV precision */
	return cat_has(m->kv_bytes_per_token) ? m->kv_bytes_per_token * bytes_kv / 2
					      : 2 * m->layers * m->kv_heads * m->head_dim * bytes_kv;
}

/* Fills `r` for the model on `tp` GPUs at `ctx` tokens per sequence and
 * returns M(tp), the memory for weights and KV (model.md 3.1-3.2). */
static double roofline_init(struct roofline *r, const struct open_model *m, const struct gpu *g,
			    enum precision p, int tp, double ctx, const struct assumptions *a)
{
	const double *v = a->v;
	double bytes_w = engine_weight_bytes(p);
	/* model.md 3.1: bytes_kv by kv_cache_precision (bf16, fp16: 2; fp8: 1) */
	double bytes_kv = engine_weight_bytes((enum precision)v[A_KV_CACHE_PRECISION]);

	memset(r, 0, sizeof(*r));
	r->w = m->params_b * 1e9 * bytes_w;
	r->w_active = m->active_params_b * 1e9 * bytes_w;
	/* model.md 3.1: a checkpoint's real stored size replaces the uniform one */
	if (given(m->stored_weights_gb[p])) {
		r->w = m->stored_weights_gb[p] * 1e9;
		r->w_active = r->w * m->active_params_b / m->params_b;
	}
	r->kv = engine_kv_bytes(m, bytes_kv);
	r->ctx = ctx;
	r->bw = tp * g->memory_bandwidth_gb_s * 1e9 * v[A_BANDWIDTH_EFFICIENCY];
	r->flops = tp * peak_tflops(g, p) * 1e12 * v[A_COMPUTE_EFFICIENCY];
	r->active_params = m->active_params_b;
	r->layers = m->layers;
	r->hidden = given(m->hidden_size) ? m->hidden_size : 0;
	r->link = given(g->interconnect_gb_s) ? g->interconnect_gb_s * 1e9 * LINK_EFFICIENCY : 0;
	r->tp = tp;
	return tp * g->vram_gb * 1e9 * v[A_GPU_MEMORY_UTILIZATION];
}

/* model.md 3.2: a tp above 1 needs both figures of the all-reduce */
static bool has_interconnect(const struct roofline *r)
{
	return r->tp <= 1 || (r->link > 0 && r->hidden > 0);
}

double engine_shape_tps(const struct open_model *m, const struct gpu *g, enum precision p,
			int tp, double isl, double osl, double concurrency,
			const struct assumptions *a)
{
	struct roofline r;
	double mem = roofline_init(&r, m, g, p, tp, isl + osl / 2, a);
	double b = batch_capacity(&r, mem, a->v[A_MAX_BATCH]);

	/* model.md 3.2 measured calibration: est at ctx = isl + osl / 2, full
	 * batch (or the row's concurrency), no SLO */
	if (b < 1 || !has_interconnect(&r))
		return NAN;
	if (given(concurrency))
		b = fmin(b, concurrency);
	return osl / (isl / prefill_tps(&r) + osl / (b / t_step(&r, b)));
}

void engine_calibration_shape(double *isl, double *osl, const struct workload *w)
{
	/* model.md 3.2: the workload's per-request sizes, else a split of the
	 * context by the monthly input/output ratio; no output: (ctx, 1) */
	if (w->has_requests && w->out_per_request > 0) {
		*isl = w->in_per_request;
		*osl = w->out_per_request;
	} else if (!w->has_requests && w->t_out > 0) {
		double r = w->t_in / w->t_out;
		*osl = w->context_tokens / (r + 0.5);
		*isl = r * *osl;
	} else {
		*isl = w->context_tokens;
		*osl = 1;
	}
	/* a zero size would put every row at an infinite distance */
	if (!(*isl >= 1))
		*isl = 1;
	if (!(*osl >= 1))
		*osl = 1;
}

/* model.md 3.1-3.2 for one tp at `ctx` tokens a sequence, calibrated by the
 * row nearest (isl_w, osl_w). */
static void replica(struct replica *out, const struct open_model *m, const struct gpu *g,
		    enum precision p, int tp, double ctx, double slo, double isl_w, double osl_w,
		    const struct catalog *cat, const struct assumptions *a)
{
	struct roofline r;
	double mem = roofline_init(&r, m, g, p, tp, ctx, a);
	const struct throughput *t;
	double b;

	memset(out, 0, sizeof(*out));
	out->weights_bytes = r.w;
	out->kv_bytes_per_token = r.kv;
	out->calibration_factor = 1;

	b = batch_capacity(&r, mem, a->v[A_MAX_BATCH]);
	if (b < 1) {
		out->reason = R_DOES_NOT_FIT;
		return;
	}
	if (!has_interconnect(&r)) {
		out->reason = R_NO_INTERCONNECT;
		return;
	}
	/* model.md 3.2 latency SLO: t_step grows with b, so search the largest
	 * batch whose per-sequence speed 1 / t_step(b) still meets it */
	if (slo > 0) {
		double lo = 1, hi = b;
		if (1 / t_step(&r, 1) < slo) {
			out->reason = R_SLO_UNREACHABLE;
			return;
		}
		while (lo < hi) {
			double mid = floor((lo + hi + 1) / 2);
			if (1 / t_step(&r, mid) >= slo)
				lo = mid;
			else
				hi = mid - 1;
		}
		b = lo;
	}
	out->fits = true;
	out->batch = b;
	out->decode_tps = b / t_step(&r, b);
	out->decode_tps_single = 1 / t_step(&r, 1);
	out->prefill_tps = prefill_tps(&r);

	/* model.md 3.2 measured calibration: the model's own figure at the
	 * nearest measurement's shape (its full batch there, capped by the
	 * run's concurrency when it had one; no SLO), scaled to match */
	t = cat ? catalog_throughput_on(cat, m, g, p, tp, isl_w, osl_w) : NULL;
	if (t) {
		/* under the measured conditions: a row that names its run's KV
		 * precision is estimated at it (bytes_kv of 3.1, for b(tp) and
		 * t_step), so f is the estimate's error alone; the deployment's
		 * own estimate above keeps its precision (docs/model.md,
		 * "Choices where the specification is silent") */
		struct assumptions at;
		const struct assumptions *under = a;
		double est;
		/* a copy only when the run's precision differs */
		if (t->has_kv_cache_precision && a->v[A_KV_CACHE_PRECISION] != t->kv_cache_precision) {
			at = *a;
			at.v[A_KV_CACHE_PRECISION] = t->kv_cache_precision;
			under = &at;
		}
		est = engine_shape_tps(m, g, p, tp, t->input_tokens, t->output_tokens,
				       t->concurrency, under);
		if (est > 0) {
			double f = t->output_tokens_per_s / est;
			out->measured = true;
			out->tput = t;
			out->calibration_factor = f;
			out->prefill_tps *= f;
			out->decode_tps *= f;
			out->decode_tps_single *= f;
		}
	}
	/* model.md 8: factor.throughput scales the estimate, calibrated or not */
	out->prefill_tps *= a->throughput_factor;
	out->decode_tps *= a->throughput_factor;
	out->decode_tps_single *= a->throughput_factor;
}

void engine_replica(struct replica *out, const struct open_model *m, const struct gpu *g,
		    enum precision p, int tp, double ctx, double slo, const struct catalog *cat,
		    const struct assumptions *a)
{
	/* no workload: the context alone is the shape (model.md 3.2, "no output") */
	replica(out, m, g, p, tp, ctx, slo, ctx >= 1 ? ctx : 1, 1, cat, a);
}

void engine_replica_for(struct replica *out, const struct open_model *m, const struct gpu *g,
			enum precision p, int tp, const struct workload *w,
			const struct catalog *cat, const struct assumptions *a)
{
	double isl, osl;

	engine_calibration_shape(&isl, &osl, w);
	replica(out, m, g, p, tp, w->context_tokens, w->min_output_tps_per_user, isl, osl, cat, a);
}

void engine_bill(struct billing *b, double replicas, int tp, double instance_gpus)
{
	/* model.md 3.4: instances = ceil(gpus / instance_gpus); the replicas
	 * fill every paid GPU */
	b->instances = engine_ceil(replicas * tp / instance_gpus);
	b->gpus_billed = b->instances * instance_gpus;
	b->replicas = floor(b->gpus_billed / tp + 1e-9);
}

/* model.md 3.4: a row the default choice prefers */
static bool qualifies(const struct gpu_price *p)
{
	return !p->marketplace && !p->accelerator_only;
}

/* model.md 3.4: instance_gpus of a row, 0 (a zeroed row) reading as 1 */
static double row_instance_gpus(const struct gpu_price *p)
{
	return p->instance_gpus >= 1 ? p->instance_gpus : 1;
}

bool engine_price_candidate(const struct option_spec *opt, const struct gpu_price *p)
{
	const struct gpu *g = opt->gpu;

	if (p->mode != opt->pricing)
		return false;
	if (opt->provider)
		return strcmp(p->provider, opt->provider) == 0;
	if (qualifies(p))
		return true;
	/* a fallback row counts only when no row of the mode qualifies */
	for (size_t i = 0; i < g->n_prices; i++) {
		if (g->prices[i].mode == opt->pricing && qualifies(&g->prices[i]))
			return false;
	}
	return true;
}

bool engine_price_dominated(const struct option_spec *opt, size_t k)
{
	const struct gpu *g = opt->gpu;
	const struct gpu_price *p = &g->prices[k];

	for (size_t j = 0; j < g->n_prices; j++) {
		const struct gpu_price *q = &g->prices[j];
		if (j == k || row_instance_gpus(q) != row_instance_gpus(p) ||
		    !engine_price_candidate(opt, q))
			continue;
		if (q->per_gpu_hour < p->per_gpu_hour || (q->per_gpu_hour == p->per_gpu_hour && j < k))
			return true;
	}
	return false;
}

size_t engine_price_candidates(const struct gpu_price **out, size_t cap,
			       const struct option_spec *opt)
{
	size_t n = 0;

	for (size_t i = 0; i < opt->gpu->n_prices; i++) {
		const struct gpu_price *p = &opt->gpu->prices[i];
		if (!engine_price_candidate(opt, p))
			continue;
		if (n < cap)
			out[n] = p;
		n++;
	}
	return n;
}

static bool exceeds_context(const struct workload *w, double context_window)
{
	/* model.md 2: only known per-request sizes can exceed a window */
	return w->has_requests && cat_has(context_window) &&
	       w->in_per_request + w->out_per_request > context_window;
}

static void set_cost_per_mtok(struct option_result *out, const struct workload *w)
{
	double v = w->t_in + w->t_out;

	/* model.md 3.4: null when the volume is 0 */
	out->has_cost_per_mtok = v > 0;
	out->cost_per_mtok = v > 0 ? out->total / (v / 1e6) : 0;
}

/* The context window that limits a hosted option: its own, else for a
 * managed endpoint the window of the open model it serves. */
static double api_context_window(const struct api_model *m, const struct catalog *cat)
{
	const struct open_model *om;

	if (cat_has(m->context_window) || !m->open_model || !cat)
		return m->context_window;
	om = catalog_model(cat, m->open_model);
	return om ? om->context_window : NAN;
}

/* model.md 2: hosted API (and managed) monthly bill */
static void evaluate_api(struct option_result *out, const struct api_model *m,
			 const struct workload *w, const struct catalog *cat,
			 const struct assumptions *a)
{
	double p_in = m->input_per_mtok, p_out = m->output_per_mtok;
	double p_cached = cat_has(m->cached_input_per_mtok) ? m->cached_input_per_mtok : p_in;
	double p_write = cat_has(m->cache_write_per_mtok) ? m->cache_write_per_mtok : p_in;
	double t_cached = w->cached_input_fraction * w->t_in;
	double t_write = w->cache_write_fraction * w->t_in;
	double t_uncached = w->t_in - t_cached - t_write;
	double base, hours = a->v[A_HOURS_PER_MONTH];
	struct api_cost *c = &out->api;

	if (exceeds_context(w, api_context_window(m, cat))) {
		out->reason = R_CONTEXT_WINDOW_EXCEEDED;
		return;
	}
	if (m->has_long_context && w->has_requests && w->in_per_request > m->lc_above_input_tokens) {
		p_in = m->lc_input_per_mtok;
		p_out = m->lc_output_per_mtok;
		p_cached = cat_has(m->lc_cached_input_per_mtok) ? m->lc_cached_input_per_mtok : p_in;
		p_write = cat_has(m->lc_cache_write_per_mtok) ? m->lc_cache_write_per_mtok : p_in;
		c->long_context = true;
	}
	/* trended or varied hosted prices (model.md 9) */
	p_in *= a->api_price_factor;
	p_out *= a->api_price_factor;
	p_cached *= a->api_price_factor;
	p_write *= a->api_price_factor;
	c->input = t_uncached * p_in / 1e6;
	c->cached_input = t_cached * p_cached / 1e6;
	c->cache_write = t_write * p_write / 1e6;
	c->output = w->t_out * p_out / 1e6;
	base = c->input + c->cached_input + c->cache_write + c->output;
	c->batch_savings = w->batch_fraction * (cat_has(m->batch_discount) ? m->batch_discount : 0) * base;
	c->fixed = a->v[A_API_FIXED_PER_MONTH];
	out->total = base - c->batch_savings + c->fixed;
	out->feasible = true;
	if (w->batch_fraction > 0 && !cat_has(m->batch_discount))
		out->warnings |= W_NO_BATCH_DISCOUNT;
	if (cat_has(m->rate_limit_tokens_per_min) &&
	    (w->t_in + w->t_out) * w->peak_to_average / (hours * 60) > m->rate_limit_tokens_per_min)
		out->warnings |= W_RATE_LIMIT_EXCEEDED;
}

double engine_busy(const struct replica *rep, double t_in, double t_out,
		   const struct assumptions *a)
{
	/* model.md 3.3: average number of fully busy replicas */
	return (t_in / rep->prefill_tps + t_out / rep->decode_tps) / (a->v[A_HOURS_PER_MONTH] * 3600);
}

double engine_serving_replicas(double busy, double peak_to_average, const struct assumptions *a)
{
	/* model.md 3.3: provision for the peak at the target utilization */
	return fmax(a->v[A_MIN_REPLICAS],
		    engine_ceil(busy * peak_to_average / a->v[A_TARGET_UTILIZATION]));
}

double engine_spares(double r, double target, const struct assumptions *a, double *achieved)
{
	/* model.md 10: spare_replicas is the floor; a target may need more */
	return avail_spares(r, a->v[A_REPLICA_AVAILABILITY], target, a->v[A_SPARE_REPLICAS],
			    ENGINE_MAX_GPUS, achieved);
}

double engine_sh_cost(struct sh_cost *c, const struct option_spec *opt, double gpus,
		      double per_gpu_hour, const struct assumptions *a)
{
	const double *v = a->v;
	double hours = v[A_HOURS_PER_MONTH];

	/* model.md 3.4 */
	memset(c, 0, sizeof(*c));
	if (opt->pricing == PRICE_OWNED) {
		const struct gpu *g = opt->gpu;
		c->depreciation = gpus * g->purchase_price * a->gpu_price_factor *
				  (1 + v[A_SERVER_OVERHEAD_FRACTION]) *
				  (1 - v[A_RESIDUAL_FRACTION]) / v[A_DEPRECIATION_MONTHS];
		c->power = gpus * g->tdp_watts / 1000 * v[A_GPU_POWER_FRACTION] * v[A_PUE] *
			   v[A_POWER_PRICE_PER_KWH] * hours;
		c->colocation = gpus * v[A_COLOCATION_PER_GPU_MONTH];
	} else {
		c->gpu = gpus * per_gpu_hour * hours;
	}
	c->engineering = v[A_ENGINEERING_FTE] * v[A_ENGINEER_ANNUAL_COST] / 12;
	c->infrastructure = v[A_INFRASTRUCTURE_PER_MONTH];
	c->monitoring = v[A_MONITORING_PER_MONTH];
	c->model_updates = v[A_MODEL_UPDATES_PER_YEAR] * v[A_COST_PER_MODEL_UPDATE] / 12;
	c->setup = v[A_SETUP_COST] / v[A_AMORTIZATION_MONTHS];
	return c->gpu + c->depreciation + c->power + c->colocation + c->engineering +
	       c->infrastructure + c->monitoring + c->model_updates + c->setup;
}

/* What an option that follows the week needs (model.md 7): the week's
 * loads (NULL for a static option) and a hybrid's overflow (else NULL). */
struct week_ctx {
	const double *L;
	const double *sorted; /* L ascending, for a hybrid (hybrid_sort_week) */
	const struct overflow_rate *over;
};

/* model.md 3.3-3.4: replicas, utilization and monthly cost of one tp.
 * Returns the total. */
static double cost_tp(struct option_result *out, const struct option_spec *opt,
		      const struct replica *rep, int tp, const struct workload *w,
		      const struct week_ctx *wk, const struct assumptions *a)
{
	struct billing b;
	double serving;

	if (opt->kind == OPT_HYBRID)
		return hybrid_cost_tp(out, opt, rep, tp, w, wk->L, wk->sorted, wk->over, a);
	if (opt->scaling == SCALING_HOURLY)
		return hourly_cost_tp(out, opt, rep, tp, w, wk->L, a);

	out->busy = engine_busy(rep, w->t_in, w->t_out, a);
	serving = engine_serving_replicas(out->busy, w->peak_to_average, a);
	out->spare_replicas = engine_spares(serving, w->req.availability, a, NULL);
	/* model.md 3.4: whole instances of the row; owned GPUs one by one */
	engine_bill(&b, serving + out->spare_replicas, tp,
		    out->price ? row_instance_gpus(out->price) : 1);
	out->replicas = b.replicas;
	out->gpus = b.gpus_billed;
	out->utilization = out->replicas > 0 ? out->busy / out->replicas : 0;
	return engine_sh_cost(&out->sh, opt, out->gpus, out->per_gpu_hour, a);
}

/* model.md 10, for the static deployment chosen (no choice depends on
 * it, so it is summed once, not for every tp and row tried): the paid GPUs
 * all serve, so an instance's extra replicas count towards the
 * availability achieved. */
static void static_availability(struct option_result *out, const struct option_spec *opt,
				const struct workload *w, const struct assumptions *a)
{
	if (!engine_has_availability(opt))
		return;
	out->availability = avail_at_least(engine_serving_replicas(out->busy, w->peak_to_average, a),
					   out->replicas, a->v[A_REPLICA_AVAILABILITY]);
}

/* model.md 3.5: x is a better tp than best: lower total; within 1e-9
 * relative, lower utilization (more capacity); then the smaller tp, which
 * comes first */
static bool better_tp(const struct option_result *x, const struct option_result *best)
{
	double tol = 1e-9 * fmax(fabs(x->total), fabs(best->total));

	if (!best->feasible || x->total < best->total - tol)
		return true;
	if (x->total > best->total + tol)
		return false;
	/* model.md 7.3: a hybrid's ties go to fewer GPUs */
	if (x->kind == OPT_HYBRID)
		return x->gpus < best->gpus;
	return x->utilization < best->utilization;
}

/* The part of an option result before its price alternatives: the
 * per-row and per-tp trials copy only this (the array is filled last). */
#define SIZING_BYTES offsetof(struct option_result, alternatives)

/* model.md 3.3: whether `tp` on replica `rep` would need more than
 * ENGINE_MAX_GPUS GPUs at the peak before any spare (an hourly option's
 * busiest hour and the largest base an automatic hybrid tries are sized
 * for the same peak; a hybrid of fixed N is checked on its GPUs after).
 * Checked before any sizing, whose loops grow with the replicas. */
static bool over_gpu_limit(const struct option_spec *opt, const struct replica *rep, int tp,
			   const struct workload *w, const struct assumptions *a)
{
	double busy = engine_busy(rep, w->t_in, w->t_out, a);

	if (opt->kind == OPT_HYBRID && opt->replicas)
		return false;
	return !(engine_serving_replicas(busy, w->peak_to_average, a) * tp <= ENGINE_MAX_GPUS);
}

/* Records `r` in *why unless a reason of the limits is there already:
 * too_many_gpus names the cause of cost_not_finite too, so it wins. */
static void limit_reason(enum reason *why, enum reason r)
{
	if (*why != R_TOO_MANY_GPUS)
		*why = r;
}

/* model.md 3.3-3.5 on price row `row` (NULL: owned): the best of the
 * fitting replicas reps[0..n) into `out`; false when none fits. A tp over
 * ENGINE_MAX_GPUS, or whose total is not finite, is not a candidate: its
 * reason goes to *why (left alone when no tp is refused so). */
static bool best_tp(struct option_result *out, const struct option_spec *opt,
		    const struct gpu_price *row, const struct replica *reps, const int *tps,
		    size_t n, const struct workload *w, const struct week_ctx *wk,
		    const struct assumptions *a, enum reason *why)
{
	struct option_result trial;
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (!reps[i].fits)
			continue;
		if (over_gpu_limit(opt, &reps[i], tps[i], w, a)) {
			limit_reason(why, R_TOO_MANY_GPUS);
			continue;
		}
		/* the alternatives are filled last: copy only what precedes them */
		memcpy(&trial, out, SIZING_BYTES);
		trial.price = row;
		/* a horizon month scales every rented rate alike (model.md 9) */
		trial.per_gpu_hour = row ? row->per_gpu_hour * a->gpu_price_factor : 0;
		trial.rep = reps[i];
		trial.tensor_parallel = tps[i];
		trial.total = cost_tp(&trial, opt, &trial.rep, tps[i], w, wk, a);
		if (trial.total < 0)
			continue; /* a fixed hybrid N below min_replicas */
		if (!(trial.gpus <= ENGINE_MAX_GPUS)) {
			limit_reason(why, R_TOO_MANY_GPUS); /* spares took it past */
			continue;
		}
		if (!isfinite(trial.total)) {
			limit_reason(why, R_COST_NOT_FINITE);
			continue;
		}
		trial.feasible = true;
		if (!any || better_tp(&trial, out)) {
			memcpy(out, &trial, SIZING_BYTES);
			any = true;
		}
	}
	return any;
}

/* model.md 3.4: every row of the option's mode with the gpu component it
 * gives, cheapest first (stable: catalog order breaks ties) */
static void list_alternatives(struct option_result *out, const struct option_spec *opt,
			      const struct replica *reps, const int *tps, size_t n,
			      const struct workload *w, const struct week_ctx *wk,
			      const struct assumptions *a)
{
	const struct gpu *g = opt->gpu;

	out->n_alternatives = out->n_alternatives_total = 0;
	for (size_t i = 0; i < g->n_prices; i++) {
		const struct gpu_price *p = &g->prices[i];
		struct option_result r;
		struct price_alternative alt;
		size_t j;

		if (p->mode != opt->pricing)
			continue;
		memset(&r, 0, SIZING_BYTES);
		r.kind = opt->kind;
		enum reason why = R_NONE;
		if (!best_tp(&r, opt, p, reps, tps, n, w, wk, a, &why))
			continue;
		alt = (struct price_alternative){p, r.gpus, r.sh.gpu};
		out->n_alternatives_total++;
		j = out->n_alternatives;
		if (j == ENGINE_MAX_ALTERNATIVES) {
			/* keep the cheapest: drop the dearest when this one beats it */
			if (!(alt.gpu < out->alternatives[j - 1].gpu))
				continue;
			j--;
		} else {
			out->n_alternatives++;
		}
		while (j > 0 && alt.gpu < out->alternatives[j - 1].gpu) {
			out->alternatives[j] = out->alternatives[j - 1];
			j--;
		}
		out->alternatives[j] = alt;
	}
}

/* model.md 3: the self-hosted option, tp fixed or chosen (3.5), on the
 * price row chosen by 3.4; with a week, autoscaled (7.2) or a hybrid
 * (7.3), whose row is the one of lowest total */
static void evaluate_self_hosted(struct option_result *out, const struct option_spec *opt,
				 const struct workload *w, const struct catalog *cat,
				 const struct assumptions *a, const struct week_ctx *wk)
{
	const int *tps = opt->tensor_parallel ? &opt->tensor_parallel : engine_tp_set;
	size_t n_tp = opt->tensor_parallel ? 1 : ENGINE_N_TP;
	bool slo_blocked = false; /* some tp fits in memory but misses the SLO */
	bool link_blocked = false; /* some tp fits in memory but has no interconnect figures */
	bool fits = false;
	struct replica reps[ENGINE_N_TP];
	struct option_result best;
	enum reason why = R_NONE; /* a limit that refused some tp (model.md 3.3) */

	if (exceeds_context(w, opt->model->context_window)) {
		out->reason = R_CONTEXT_WINDOW_EXCEEDED;
		return;
	}
	if (opt->pricing == PRICE_OWNED) {
		if (!cat_has(opt->gpu->purchase_price)) {
			out->reason = R_NO_PURCHASE_PRICE;
			return;
		}
		if (!cat_has(opt->gpu->tdp_watts)) {
			out->reason = R_NO_TDP;
			return;
		}
	} else {
		if (engine_price_candidates(NULL, 0, opt) == 0) {
			out->reason = R_NO_PRICE;
			return;
		}
	}
	for (size_t i = 0; i < n_tp; i++) {
		engine_replica_for(&reps[i], opt->model, opt->gpu, opt->precision, tps[i], w, cat, a);
		if (!reps[i].fits) {
			slo_blocked |= reps[i].reason == R_SLO_UNREACHABLE;
			link_blocked |= reps[i].reason == R_NO_INTERCONNECT;
			out->rep = reps[i]; /* weights and kv, for the report */
		}
		fits |= reps[i].fits;
	}
	if (!fits) {
		/* the reason that, removed, would let some tp run */
		out->reason = slo_blocked ? R_SLO_UNREACHABLE
			      : link_blocked ? R_NO_INTERCONNECT : R_DOES_NOT_FIT;
		return;
	}
	if (opt->pricing == PRICE_OWNED) {
		if (!best_tp(out, opt, NULL, reps, tps, n_tp, w, wk, a, &why))
			out->reason = why != R_NONE ? why : R_REPLICAS_BELOW_MIN;
		else
			static_availability(out, opt, w, a);
		return;
	}
	/* model.md 3.4: the candidate row giving the lowest gpu component;
	 * ties go to catalog order */
	memcpy(&best, out, SIZING_BYTES);
	best.feasible = false;
	for (size_t k = 0; k < opt->gpu->n_prices; k++) {
		const struct gpu_price *row = &opt->gpu->prices[k];
		struct option_result trial;
		double mine, theirs;
		/* a cheaper row of the same instance size bills less at every
		 * size (ties: the earlier row), so this one cannot be chosen */
		if (!engine_price_candidate(opt, row) || engine_price_dominated(opt, k))
			continue;
		memcpy(&trial, out, SIZING_BYTES);
		if (!best_tp(&trial, opt, row, reps, tps, n_tp, w, wk, a, &why))
			continue;
		/* model.md 7.3: a hybrid's row is the one of lowest total */
		mine = opt->kind == OPT_HYBRID ? trial.total : trial.sh.gpu;
		theirs = opt->kind == OPT_HYBRID ? best.total : best.sh.gpu;
		if (!best.feasible || mine < theirs)
			memcpy(&best, &trial, SIZING_BYTES);
	}
	if (!best.feasible) {
		out->reason = why != R_NONE ? why : R_REPLICAS_BELOW_MIN;
		return;
	}
	memcpy(out, &best, SIZING_BYTES);
	static_availability(out, opt, w, a);
	if (out->price->marketplace)
		out->warnings |= W_MARKETPLACE_PRICE;
	if (out->price->accelerator_only)
		out->warnings |= W_ACCELERATOR_ONLY_PRICE;
	if (!a->totals_only)
		list_alternatives(out, opt, reps, tps, n_tp, w, wk, a);
}

/* model.md 7.3: the overflow priced on the whole workload first (an
 * infeasible overflow makes the hybrid infeasible), then the base. */
static void evaluate_hybrid(struct option_result *out, const struct option_spec *opt,
			    const struct workload *w, const struct catalog *cat,
			    const struct assumptions *a, const double *L)
{
	struct option_result full;
	struct overflow_rate over;
	double sorted[WEEK_HOURS];
	struct week_ctx wk = {L, sorted, &over};

	if (opt->replicas && opt->replicas < fmax(1, a->v[A_MIN_REPLICAS])) {
		out->reason = R_REPLICAS_BELOW_MIN;
		return;
	}
	memset(&full, 0, sizeof(full));
	evaluate_api(&full, opt->api, w, cat, a);
	if (!full.feasible) {
		out->reason = full.reason == R_CONTEXT_WINDOW_EXCEEDED ? R_OVERFLOW_CONTEXT_WINDOW_EXCEEDED
								       : R_OVERFLOW_INFEASIBLE;
		return;
	}
	over.fixed = full.api.fixed;
	over.at_volume = full.api;
	/* once for every tp and row: the auto search walks the loads in order */
	hybrid_sort_week(sorted, L);
	evaluate_self_hosted(out, opt, w, cat, a, &wk);
	/* the overflow's peak is not the workload's: only the batch note applies */
	out->warnings |= full.warnings & W_NO_BATCH_DISCOUNT;
}

void engine_evaluate(struct option_result *out, const struct option_spec *opt,
		     const struct workload *w, const struct catalog *cat,
		     const struct assumptions *a)
{
	double L[WEEK_HOURS];
	bool weekly = opt->kind == OPT_HYBRID ||
		      (opt->kind == OPT_SELF_HOSTED && opt->scaling == SCALING_HOURLY);
	struct week_ctx wk = {weekly ? L : NULL, NULL, NULL};

	memset(out, 0, sizeof(*out));
	out->kind = opt->kind;
	/* model.md 10: an excluded option stays, infeasible with its reason */
	if ((out->reason = requirements_exclusion(&w->req, opt, cat)) != R_NONE)
		return;
	if (w->req.min_quality_tier > 0 && !cat_has(option_quality_tier(opt, cat, NULL)))
		out->warnings |= W_NO_QUALITY_TIER;
	if (weekly && !profile_week_of(L, &w->profile, w->peak_to_average))
		out->reason = R_NO_WEEK;
	else if (opt->kind == OPT_HYBRID)
		evaluate_hybrid(out, opt, w, cat, a, L);
	else if (opt->kind == OPT_SELF_HOSTED)
		evaluate_self_hosted(out, opt, w, cat, a, &wk);
	else
		evaluate_api(out, opt->api, w, cat, a);
	/* model.md 3.4: no infinite or NaN cost leaves the engine (extreme
	 * inputs can overflow a product); such an option cannot be costed */
	if (out->feasible && !isfinite(out->total)) {
		out->feasible = false;
		out->reason = R_COST_NOT_FINITE;
		memset(&out->api, 0, sizeof(out->api));
		memset(&out->sh, 0, sizeof(out->sh));
	}
	if (out->feasible)
		set_cost_per_mtok(out, w);
	else
		out->total = 0;
}

void engine_scale(struct workload *out, const struct workload *w, double volume)
{
	double f = volume / (w->t_in + w->t_out);

	*out = *w;
	out->t_in = w->t_in * f;
	out->t_out = w->t_out * f;
	out->requests = w->requests * f;
}
