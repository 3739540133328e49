/*
 * calibrate.h - reads the result files of serving benchmarks (vLLM, SGLang,
 * GenAI-Perf/AIPerf, trtllm-bench, LLMPerf) into plain benchmark runs.
 *
 * A run holds what the file says, not what llmtco makes of it: the model,
 * GPU and precision as the file names them (NULL when it does not), the
 * measured output tokens per second, the mean tokens per request, and the
 * optional latency percentiles, concurrency and date (NAN or NULL when the
 * file does not give them). Turning runs into catalog throughput rows (ids,
 * flags) is the caller's business.
 *
 * A calib_result owns every string of its runs (a pool); free it with
 * calib_release().
 */
#ifndef LLMTCO_LOAD_CALIBRATE_H
#define LLMTCO_LOAD_CALIBRATE_H

#include <stddef.h>

#include "util/diag.h"

enum calib_format { CALIB_VLLM, CALIB_SGLANG, CALIB_GENAI_PERF, CALIB_TRTLLM_BENCH, CALIB_LLMPERF,
		    CALIB_FORMAT_COUNT };

/* "vllm", "sglang", "genai-perf", "trtllm-bench", "llmperf", then NULL. */
extern const char *const calib_format_names[CALIB_FORMAT_COUNT + 1];

struct calib_run {
	struct loc loc;          /* the run's JSON object in the file */
	const char *model;       /* as the file names it, or NULL */
	const char *gpu;         /* as the file names it, or NULL */
	const char *precision;   /* an llmtco precision name when the file's maps to
				    one ("FP8" -> "fp8"), else the file's own; or NULL */
	double tensor_parallel;  /* NAN when the file does not say */
	double output_tokens_per_s; /* measured, the whole benchmarked server */
	double input_tokens, output_tokens; /* mean per completed request */
	double concurrency;      /* the benchmark's concurrency limit, NAN when unlimited or unknown */
	const char *kv_cache_precision; /* "fp8", "bf16", "fp16", or NULL */
	const char *engine;      /* the serving engine when the file names it ("vllm",
				    "sglang", "trtllm", ...), or NULL */
	double ttft_ms_p50, ttft_ms_p99, tpot_ms_p50, tpot_ms_p99; /* NAN when absent */
	const char *date;        /* YYYY-MM-DD the run was made, or NULL */
	double failed;           /* requests that failed (not in the figures), NAN when unknown */
};

struct strpool;

struct calib_result {
	struct calib_run *runs;
	size_t n, cap;
	struct strpool *pool;
};

/* Appends the runs of one result file (`text`, `len` bytes, named `name` in
 * messages) of format `f` to `r` (zeroed before the first call). Accepts
 * one JSON object or several in a row (JSON lines, vLLM's appended
 * results), and the NaN, Infinity and -Infinity tokens of Python's json
 * module. On bad input fills `d` with the place (FILE:LINE:COLUMN for
 * syntax, FILE: message naming the missing or bad field, with the run's
 * line when the file holds several) and returns ST_INPUT; the output
 * throughput is checked before the lengths. ST_IO when out of memory. */
enum status calib_parse(struct calib_result *r, enum calib_format f, const char *name,
			const char *text, size_t len, struct diag *d);

/* What the command line says of every run; NULL (0 for the tp) when not
 * given. A given value overrides the file's. */
struct calib_flags {
	const char *model, *gpu, *precision, *engine;
	double tensor_parallel;
};

struct catalog;
struct throughput;

/* Turns the runs of `r` into catalog throughput rows (model.md 3.2),
 * `*rows` (malloc'd, the caller frees it; its strings live as long as `r`,
 * `cat` and `flags`). The model, GPU, precision and tp of each run come from
 * `flags`, else from the file, whose value must then be a catalog id (a
 * precision name, a tp of 1, 2, 4 or 8). A run of the same shape as an
 * earlier one (the catalog's merge key) replaces it; `*replaced` counts
 * those. ST_INPUT with `d` placed at the flag ("--model") naming the file
 * when a value is missing or unknown; ST_IO when out of memory. */
enum status calib_rows(struct throughput **rows, size_t *n, size_t *replaced,
		       const struct calib_result *r, const struct catalog *cat,
		       const struct calib_flags *flags, struct diag *d);

/* Frees everything `r` owns; safe on a zeroed or partly filled result. */
void calib_release(struct calib_result *r);

#endif
