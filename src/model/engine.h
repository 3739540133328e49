/*
 * engine.h - the cost model of docs/model.md (spec model.md sections 1-4).
 *
 * Pure: const inputs in, a caller-owned result out. No I/O, no allocation,
 * no global state, no clock, no locale: safe to call millions of times.
 * Figures stay unrounded doubles.
 */
#ifndef LLMTCO_ENGINE_H
#define LLMTCO_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/assumptions.h"
#include "model/catalog.h"
#include "model/profile.h"

/* The tensor-parallel degrees a replica may use (model.md 3.1). */
#define ENGINE_N_TP 4
extern const int engine_tp_set[ENGINE_N_TP];

/* What an option must meet before its cost counts (model.md 10). Strings
 * are borrowed from the scenario. */
struct requirements {
	double min_quality_tier;        /* 1..3; 0: none (a zeroed struct asks nothing) */
	bool third_party_forbidden;     /* api, managed (and hybrids) excluded */
	const char *const *allowed_providers; /* hosted providers allowed; NULL: any */
	size_t n_allowed_providers;
	double availability;            /* share of hours at full capacity; 0: none */
};

/* The most tokens a month a workload may state for input or output
 * (model.md 1), and the most a horizon may grow a month's volume to
 * (model.md 9). */
#define WORKLOAD_MAX_TOKENS_PER_MONTH 1e18

/* A resolved workload (model.md section 1): monthly volumes and shape,
 * and the requirements every option is held to (model.md 10). */
struct workload {
	double t_in, t_out;             /* tokens per month */
	bool has_requests;              /* requests form: the three below are known */
	double requests;                /* per month */
	double in_per_request, out_per_request;
	double cached_input_fraction, batch_fraction, peak_to_average;
	double context_tokens;          /* resolved default included */
	double min_output_tps_per_user; /* 0: no SLO */
	/* the load over the week (model.md 7.1); PROFILE_NONE: the
	 * one-peak-hour shape of peak_to_average. With a profile,
	 * peak_to_average is its max L. */
	struct profile profile;
	struct requirements req;        /* model.md 10 */
	double cache_write_fraction;    /* model.md 2: share of input written to the prompt cache */
};

enum option_kind { OPT_API, OPT_MANAGED, OPT_SELF_HOSTED, OPT_HYBRID, OPT_KIND_COUNT };

/* "api", "managed", "self_hosted", "hybrid", indexed by enum option_kind. */
extern const char *const option_kind_names[OPT_KIND_COUNT];

/* True for the kinds that run GPUs of their own (self_hosted, hybrid): they
 * have sizing, utilization and the components of model.md 3.4. */
static inline bool engine_self_hosts(enum option_kind k)
{
	return k == OPT_SELF_HOSTED || k == OPT_HYBRID;
}


/* model.md 7.2: a rented self-hosted option's replicas run all month
 * (static) or follow the load hour by hour. */
enum scaling { SCALING_STATIC, SCALING_HOURLY };

/* One option to cost. Catalog pointers are borrowed. */
struct option_spec {
	enum option_kind kind;
	const struct api_model *api;    /* OPT_API, OPT_MANAGED; OPT_HYBRID: the overflow */
	const struct open_model *model; /* OPT_SELF_HOSTED, OPT_HYBRID (its base) */
	const struct gpu *gpu;
	enum precision precision;
	enum pricing pricing;
	const char *provider;           /* NULL: the cheapest row of the mode */
	int tensor_parallel;            /* 1, 2, 4, 8; 0 means auto */
	enum scaling scaling;           /* OPT_SELF_HOSTED (model.md 7.2) */
	int replicas;                   /* OPT_HYBRID: fixed N >= 1; 0 means auto (7.3) */
	char id[224];                   /* "api:gpt-4o", "self_hosted:M@G:P:PRICING[/PROV]" */
};

/* model.md 10: whether the option's achieved availability is computed (a
 * static self-hosted fleet): an hourly one sizes each hour's spares
 * apart, and a hybrid's overflow takes the load of a replica that is down. */
static inline bool engine_has_availability(const struct option_spec *o)
{
	return o->kind == OPT_SELF_HOSTED && o->scaling != SCALING_HOURLY;
}

enum reason {
	R_NONE,
	R_CONTEXT_WINDOW_EXCEEDED,
	R_DOES_NOT_FIT,
	R_SLO_UNREACHABLE,
	R_NO_PRICE,          /* the GPU has no price row of that mode (or provider) */
	R_NO_PURCHASE_PRICE, /* owned, but the GPU has no purchase_price */
	R_NO_TDP,            /* owned, but the GPU has no tdp_watts */
	R_BELOW_QUALITY_TIER,    /* model.md 10: tier number above min_quality_tier */
	R_THIRD_PARTY_FORBIDDEN, /* model.md 10: hosted, but third parties are ruled out */
	R_PROVIDER_NOT_ALLOWED,  /* model.md 10: hosted by a provider not in allowed_providers */
	R_NO_WEEK,           /* 7.1: no profile and peak_to_average >= 24 (hourly, hybrid) */
	R_REPLICAS_BELOW_MIN, /* 7.3: a fixed hybrid N below min_replicas */
	R_OVERFLOW_CONTEXT_WINDOW_EXCEEDED, /* 7.3: the overflow cannot take the requests */
	R_OVERFLOW_INFEASIBLE, /* 7.3: the overflow is infeasible for another reason */
	R_NO_INTERCONNECT,   /* tp > 1 without the GPU's interconnect_gb_s or the model's hidden_size */
	R_TOO_MANY_GPUS,     /* 3.3: more than ENGINE_MAX_GPUS GPUs at every tp */
	R_COST_NOT_FINITE,   /* 3.4: a cost overflowed (or is NaN) under extreme inputs */
	R_COUNT
};

/* model.md 3.3: the most GPUs one self-hosted deployment may have (spares
 * included); a tp needing more is not tried, and an option with no other
 * tp is infeasible with too_many_gpus. It bounds the work of every sizing
 * loop (the binomial sums of model.md 10 run over the replicas). */
#define ENGINE_MAX_GPUS 1e8

/* Machine-readable reason codes, indexed by enum reason ("" for R_NONE). */
extern const char *const reason_codes[R_COUNT];

enum warning {
	W_RATE_LIMIT_EXCEEDED = 1u << 0,
	W_NO_BATCH_DISCOUNT = 1u << 1, /* batch_fraction > 0 but no published discount */
	W_MARKETPLACE_PRICE = 1u << 2,      /* the price row used is a marketplace listing */
	W_ACCELERATOR_ONLY_PRICE = 1u << 3, /* the price row used leaves out the host */
	W_NO_QUALITY_TIER = 1u << 4,   /* min_quality_tier is set but the option has no tier */
};

/* model.md 3.4: what whole instances of one price row give for a
 * deployment that needs `replicas` replicas of `tp` GPUs. */
struct billing {
	double instances;   /* ceil(replicas * tp / instance_gpus) */
	double gpus_billed; /* instances * instance_gpus */
	double replicas;    /* floor(gpus_billed / tp): the paid GPUs all serve */
};

/* Rows of one mode whose figures a result lists (model.md 3.4
 * `alternatives`); a GPU with more rows in a mode lists the cheapest. */
#define ENGINE_MAX_ALTERNATIVES 32

/* One price row of the option's mode and the gpu component it would give. */
struct price_alternative {
	const struct gpu_price *row;
	double gpus_billed;
	double gpu; /* monthly gpu component with this row */
};

/* One replica of `tp` GPUs serving a model (model.md 3.1-3.2). */
struct replica {
	bool fits;             /* false: reason says why (does_not_fit, slo_unreachable) */
	enum reason reason;
	double weights_bytes, kv_bytes_per_token;
	double batch;          /* SLO-limited batch; 0 when it does not fit */
	double decode_tps;     /* output tokens/s at `batch`, calibrated */
	double decode_tps_single;
	double prefill_tps;    /* input tokens/s, calibrated */
	bool measured;         /* a catalog throughput row calibrated it */
	const struct throughput *tput; /* that row, or NULL */
	double calibration_factor;
};

struct api_cost {
	double input, cached_input, cache_write, output, batch_savings, fixed;
	bool long_context; /* long-context prices applied */
};

/* Self-hosted components; rented options use gpu, owned ones depreciation,
 * power and colocation; the rest apply to both (model.md 3.4). */
struct sh_cost {
	double gpu, depreciation, power, colocation;
	double engineering, infrastructure, monitoring, model_updates, setup;
};

struct option_result {
	enum option_kind kind;
	bool feasible;
	enum reason reason;
	unsigned warnings; /* enum warning bits */
	double total;      /* monthly total; 0 when infeasible */
	bool has_cost_per_mtok;
	double cost_per_mtok;
	struct api_cost api;   /* OPT_API, OPT_MANAGED */
	struct sh_cost sh;     /* OPT_SELF_HOSTED */
	/* self-hosted sizing */
	int tensor_parallel;
	double replicas, gpus, busy, utilization;
	/* model.md 10: replicas beyond the serving ones (included in
	 * `replicas`) and the availability they give: P(at least the serving
	 * replicas are up) */
	double spare_replicas, availability;
	struct replica rep;
	const struct gpu_price *price; /* rented: the price row used */
	double per_gpu_hour;
	/* model.md 7.2 (scaling hourly): serving replicas over the week, and
	 * GPU-hours billed a month; replicas and gpus above are the maxima */
	double replicas_min, replicas_max, gpu_hours;
	/* model.md 7.3 (hybrid): `api` holds the overflow's components, `sh`
	 * the base's; replicas is the serving n */
	double overflow;        /* the overflow's monthly bill */
	double overflow_tokens; /* tokens a month sent to it */
	bool has_self_served_share; /* false at zero volume */
	double self_served_share;   /* tokens served in-house / all tokens */
	int weekday_hours_in_house; /* hours of a weekday with nothing overflowing, 0-24 */
	/* rented: every row of the mode with its figure, cheapest first
	 * (model.md 3.4); n_alternatives_total counts rows beyond the array */
	struct price_alternative alternatives[ENGINE_MAX_ALTERNATIVES];
	size_t n_alternatives, n_alternatives_total;
};

/* Evaluates one replica (model.md 3.1, 3.2): memory fit, batch capacity at
 * `ctx` tokens per sequence, SLO-limited batch (slo tokens/s per user, 0 for
 * none), throughput estimate and measured calibration from `cat` (the row
 * nearest the shape (ctx, 1): no workload is known). A replica that does not
 * fit has reason does_not_fit; one with tp > 1 but no interconnect figures
 * no_interconnect; one missing the SLO slo_unreachable. */
void engine_replica(struct replica *r, const struct open_model *m, const struct gpu *g,
		    enum precision p, int tp, double ctx, double slo, const struct catalog *cat,
		    const struct assumptions *a);

/* engine_replica for workload `w`: its context, its SLO, and calibration by
 * the row nearest its per-request shape (engine_calibration_shape). */
void engine_replica_for(struct replica *r, const struct open_model *m, const struct gpu *g,
			enum precision p, int tp, const struct workload *w,
			const struct catalog *cat, const struct assumptions *a);

/* model.md 3.2: the per-request shape (isl_w, osl_w) calibration matches rows
 * against: the workload's request sizes, else the context split by the
 * monthly input/output ratio, else (context_tokens, 1). Sizes below one
 * token count as one. */
void engine_calibration_shape(double *isl_w, double *osl_w, const struct workload *w);

/* model.md 3.2: the uncalibrated estimate of output tokens/s of one replica
 * at requests of `isl` input and `osl` output tokens, osl / (isl / prefill +
 * osl / decode(b)) at ctx = isl + osl / 2, b the full batch there (capped at
 * `concurrency` unless NAN), no SLO. NAN when the replica does not fit or
 * lacks interconnect figures. */
double engine_shape_tps(const struct open_model *m, const struct gpu *g, enum precision p,
			int tp, double isl, double osl, double concurrency,
			const struct assumptions *a);

/* Costs one option for workload `w` under assumptions `a` (model.md 2-3).
 * Always fills `out`; an option that cannot run has feasible = false and a
 * reason, never an error. */
void engine_evaluate(struct option_result *out, const struct option_spec *opt,
		     const struct workload *w, const struct catalog *cat,
		     const struct assumptions *a);

/* model.md 3.3: average number of fully busy replicas for t_in input and
 * t_out output tokens a month on replica `rep`. */
double engine_busy(const struct replica *rep, double t_in, double t_out,
		   const struct assumptions *a);

/* model.md 3.3: the serving replicas R for `busy` at the peak, before any
 * spare: max(min_replicas, ceil(busy * peak / target_utilization)). */
double engine_serving_replicas(double busy, double peak_to_average, const struct assumptions *a);

/* model.md 10: the spare replicas for `r` serving replicas: the assumption
 * spare_replicas, or more when `target` (the required availability, 0 for
 * none) needs them. Writes the availability achieved to *achieved (may be
 * NULL). The one place spares are decided: static options call it once,
 * autoscaled ones for each week-hour's R_dh. */
double engine_spares(double r, double target, const struct assumptions *a, double *achieved);

/* model.md 3.4: fills `c` with the monthly components of a self-hosted
 * option running `gpus` GPUs (rented at `per_gpu_hour`, or owned) and
 * returns their total. Linear in `gpus`. */
double engine_sh_cost(struct sh_cost *c, const struct option_spec *opt, double gpus,
		      double per_gpu_hour, const struct assumptions *a);

/* A copy of `w` scaled to `volume` input + output tokens a month, its shape
 * (split, fractions, peak, context, per-request sizes) held fixed
 * (model.md 5). `w` must have a volume. */
void engine_scale(struct workload *out, const struct workload *w, double volume);

/* model.md 3.4: bills whole instances of `instance_gpus` GPUs (1 for owned
 * GPUs) for `replicas` replicas of `tp` GPUs. */
void engine_bill(struct billing *b, double replicas, int tp, double instance_gpus);

/* model.md 3.4: the price rows a rented option `opt` chooses among, in
 * catalog order: the rows of its provider and mode when it names one; else
 * the rows of the mode that are neither marketplace listings nor host-less,
 * or, when none is, every row of the mode. Stores up to `cap` of them in
 * `out` and returns how many there are (0: no price, reason no_price). */
size_t engine_price_candidates(const struct gpu_price **out, size_t cap,
			       const struct option_spec *opt);

/* model.md 3.4: true when another of opt's candidate rows has the same
 * instance size as opt->gpu->prices[k] and a lower per_gpu_hour (or the
 * same, earlier in the catalog): it bills less for every deployment, so
 * row k is never the one chosen. */
bool engine_price_dominated(const struct option_spec *opt, size_t k);

/* True when row `p` is one of engine_price_candidates() for `opt`. */
bool engine_price_candidate(const struct option_spec *opt, const struct gpu_price *p);

/* ceil(x), except that x within a relative 1e-9 above an integer rounds
 * down to it (model.md 3.3). */
double engine_ceil(double x);

/* KV cache bytes per token of model `m` at `bytes_kv` bytes per value
 * (model.md 3.1). */
double engine_kv_bytes(const struct open_model *m, double bytes_kv);

/* Bytes per weight for a precision (model.md 3.1). */
double engine_weight_bytes(enum precision p);

#endif
