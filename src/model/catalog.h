/*
 * catalog.h - the price and hardware catalog: types, lifetime and lookups
 * (reading catalog files is load/catalog_load.h).
 *
 * A catalog is built from one or more YAML files layered in order (model.md
 * section 4): an entry of a later file with the id of an earlier one
 * overrides only the keys it gives (price rows merge by provider, mode and
 * instance_gpus, throughput rows by their key), unless it says
 * `replace: true` (interface.md Additions). Strings live in the catalog's own pool and stay valid
 * until catalog_release(). Optional numbers that a file leaves out are NAN,
 * never 0; use cat_has().
 */
#ifndef LLMTCO_CATALOG_H
#define LLMTCO_CATALOG_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/assumptions.h"
#include "util/diag.h"
#include "util/strmap.h"

/* Ranges every catalog reader and writer shares. */
#define CATALOG_MAX_PRICE 1e6   /* per 1M tokens, per GPU-hour */
#define CATALOG_MAX_TOKENS 1e12 /* context windows, long-context thresholds */
#define CATALOG_MAX_RATE 1e15   /* tokens per minute */

/* True when an optional catalog number was given. */
static inline bool cat_has(double v) { return !isnan(v); }

enum precision { PREC_FP32, PREC_BF16, PREC_FP16, PREC_FP8, PREC_INT8, PREC_INT4, PREC_FP4,
		 PREC_COUNT };
enum pricing { PRICE_ON_DEMAND, PRICE_SPOT, PRICE_RESERVED_1Y, PRICE_RESERVED_3Y, PRICE_OWNED,
	       PRICE_COUNT };

extern const char *const precision_names[PREC_COUNT];
/* The precisions a KV cache may have (model.md 3.1): bf16, fp16, fp8; NULL
 * for the others. */
extern const char *const kv_precision_names[PREC_COUNT];
extern const char *const pricing_names[PRICE_COUNT];

/* One price row (model.md 3.4). Rows are identified by (provider, mode,
 * instance_gpus). */
struct gpu_price {
	const char *provider;
	enum pricing mode; /* never PRICE_OWNED */
	double per_gpu_hour;
	/* the defaults are the zero values, so rows built in C need not set them */
	double instance_gpus;  /* whole number in [1, 64]: GPUs rented together; 0 reads as 1 */
	bool accelerator_only; /* catalog `includes_host: false`: the host is billed apart */
	bool marketplace;      /* a listing without a capacity guarantee */
	const char *region; /* NULL when not given */
	const char *source, *as_of, *notes;
	struct loc loc;
};

struct gpu {
	const char *id, *name;
	double vram_gb, memory_bandwidth_gb_s, bf16_tflops;
	double fp8_tflops, int8_tops, tdp_watts, purchase_price; /* optional: NAN */
	double fp4_tflops;        /* optional: NAN */
	double interconnect_gb_s; /* per GPU, one direction (NVLink or PCIe); NAN: none known */
	const char *source, *as_of, *notes;
	/* where purchase_price comes from and its date (model.md 3.6); NULL when
	 * not given */
	const char *purchase_price_source, *purchase_price_as_of;
	struct gpu_price *prices;
	size_t n_prices;
	struct loc loc;
};

enum api_kind { KIND_API, KIND_MANAGED };

struct api_model {
	const char *id, *name, *provider;
	enum api_kind kind;
	double input_per_mtok, output_per_mtok;
	double cached_input_per_mtok, batch_discount, context_window; /* optional: NAN */
	double rate_limit_tokens_per_min;                              /* optional: NAN */
	bool has_long_context;
	double lc_above_input_tokens, lc_input_per_mtok, lc_output_per_mtok;
	double lc_cached_input_per_mtok; /* optional: NAN */
	double cache_write_per_mtok;     /* model.md 2, optional: NAN (the input price) */
	double lc_cache_write_per_mtok;  /* optional: NAN (the long-context input price) */
	const char *open_model;          /* managed only; NULL when not given */
	double quality_tier;             /* 1 frontier, 2 near-frontier, 3 small; NAN if unrated */
	const char *source_key;          /* the entry's key in an imported price file */
	const char *source, *as_of, *notes;
	struct loc loc;
};

struct open_model {
	const char *id, *name, *license;
	double params_b, active_params_b; /* active defaults to params_b */
	double layers, kv_heads, head_dim;
	double kv_bytes_per_token; /* optional explicit bf16 figure: NAN */
	double context_window;
	double quality_tier; /* 1 frontier, 2 near-frontier, 3 small; NAN if unrated (model.md 10) */
	double hidden_size;        /* optional: NAN (a tp above 1 needs it) */
	double stored_weights_gb[PREC_COUNT]; /* real checkpoint size by precision: NAN if not given */
	const char *same_architecture_as; /* open model id whose rows calibrate this one; NULL */
	const char *source, *as_of, *notes;
	struct loc loc;
};

struct throughput {
	const char *model, *gpu;
	enum precision precision;
	int tensor_parallel;
	double input_tokens, output_tokens, output_tokens_per_s;
	double concurrency;            /* the run's limit on requests in flight; NAN (or 0) when none */
	bool has_kv_cache_precision;
	enum precision kv_cache_precision; /* bf16, fp16 or fp8 when has_kv_cache_precision */
	const char *engine;            /* "vllm", "sglang", "trtllm", ...; NULL when not given */
	double ttft_ms_p50, ttft_ms_p99, tpot_ms_p50, tpot_ms_p99; /* optional: NAN */
	const char *date;              /* the day it was measured; NULL when not given */
	const char *source, *as_of, *notes;
	struct loc loc;
};

struct strpool;

/* The assumption overrides one catalog file's `defaults` carries. */
struct catalog_defaults {
	const char *file;
	const char *source; /* "catalog:FILE" */
	struct assumption_set set;
};

/* One catalog figure set from the command line (`--set catalog.PATH=V`),
 * echoed in JSON `inputs` with source `set`. */
struct catalog_override {
	const char *key;   /* "catalog.gpus.h100-sxm.purchase_price" */
	const char *text;  /* the value as given */
	double value;      /* numeric fields; NAN otherwise */
};

struct catalog {
	const char *currency;
	const char *as_of; /* the newest of the layered files' as_of */
	const char **files; /* names of the layered files, in order */
	unsigned long long hash; /* FNV-1a 64 over every layer's bytes, in order */
	size_t n_files;
	struct catalog_defaults *defaults; /* one per layered file */
	struct gpu *gpus;
	size_t n_gpus;
	struct api_model *api;
	size_t n_api;
	struct open_model *models;
	size_t n_models;
	struct throughput *tput;
	size_t n_tput;
	struct catalog_override *overrides; /* applied --set catalog.* values, in order */
	size_t n_overrides;
	struct strpool *pool;
	/* id -> index of gpus, api, models, built by catalog_check so that
	 * lookups stay O(1) on large catalogs; empty (lookups scan) before */
	struct strmap by_id[3];
	/* throughput rows by (model, gpu), built with by_id: with c = k *
	 * n_gpus + g, the rows of models[k] on gpus[g] are tput[tput_rows[i]]
	 * for tput_first[c] <= i < tput_first[c + 1], by precision, then tp,
	 * then catalog order; NULL before (lookups scan every row) */
	size_t *tput_rows, *tput_first;
};

/* Initializes an empty catalog. Never fails. */
void catalog_init(struct catalog *cat);

/* Frees everything `cat` owns; safe on a partly built or empty catalog. */
void catalog_release(struct catalog *cat);

/* Indexes the entries by id, then checks that managed models' open_model
 * and throughput rows resolve. Call it once every layer is added (a later
 * catalog_add drops the index). Fills `d` and returns ST_INPUT on the
 * first problem, ST_IO when out of memory. */
enum status catalog_check(struct catalog *cat, struct diag *d);

/* Drops the id index (the entry arrays are about to change). */
void catalog_unindex(struct catalog *cat);

/* Lookups by id; NULL when absent. */
const struct gpu *catalog_gpu(const struct catalog *cat, const char *id);
const struct api_model *catalog_api(const struct catalog *cat, const char *id);
const struct open_model *catalog_model(const struct catalog *cat, const char *id);

/* True when two price rows have the same identity (provider, mode,
 * instance_gpus; model.md 3.4). */
bool catalog_same_price_row(const struct gpu_price *a, const struct gpu_price *b);

/* Writes "GPU.prices.PROVIDER.MODE" for row `p` of gpu `g`, with ".xN"
 * (N = instance_gpus) appended when that provider has rows of several
 * instance sizes in the mode: the path `--set catalog.gpus.` names it by. */
void catalog_price_path(char *buf, size_t size, const struct gpu *g, const struct gpu_price *p);

/* The calibration row for model `m` on (gpu, precision, tp) nearest the
 * per-request shape (isl_w, osl_w) (model.md 3.2): the smallest
 * |ln(isl/isl_w)| + |ln(osl/osl_w)|, ties to the highest output_tokens_per_s,
 * then catalog order. Rows of `m->same_architecture_as` count only when `m`
 * has none of its own (not transitive). NULL when no row matches. */
const struct throughput *catalog_throughput(const struct catalog *cat, const struct open_model *m,
					    const char *gpu, enum precision p, int tp,
					    double isl_w, double osl_w);

/* The same on gpu `g`, without looking its id up when it is an entry of
 * `cat` (the engine's per-evaluation path). */
const struct throughput *catalog_throughput_on(const struct catalog *cat,
					       const struct open_model *m, const struct gpu *g,
					       enum precision p, int tp, double isl_w, double osl_w);

/* True when `a` and `b` are the same measurement shape, the key throughput
 * rows merge by (interface.md Additions): model, GPU, precision, tp,
 * input and output tokens, concurrency, KV cache precision and engine. */
bool throughput_same_key(const struct throughput *a, const struct throughput *b);

/* True when `name` can name a serving engine: 1 to 40 of a-z, 0-9, '.',
 * '_', '-', starting with a letter or digit. */
bool catalog_engine_ok(const char *name);

/* Fill `d` with "unknown gpu 'X' (did you mean 'Y'?)" (likewise for open
 * and api models) placed at `at`, and return ST_INPUT. */
enum status catalog_unknown_gpu(const struct catalog *cat, const struct loc *at, const char *id,
				struct diag *d);
enum status catalog_unknown_model(const struct catalog *cat, const struct loc *at, const char *id,
				  struct diag *d);
enum status catalog_unknown_api(const struct catalog *cat, const struct loc *at, const char *id,
				struct diag *d);

/* Looks `name` up in `names` (n entries); returns its index or -1. */
int name_index(const char *const *names, size_t n, const char *name);

#endif
