/*
 * calibrate.c - reads serving-benchmark result files into benchmark runs
 * (calibrate.h). One reader per tool, each taking the field names its tool
 * writes (vLLM vllm/benchmarks/serve.py --save-result/--append-result,
 * SGLang python/sglang/bench_serving.py --output-file, GenAI-Perf
 * genai_perf/export_data/json_exporter.py and AIPerf's
 * profile_export_aiperf.json, tensorrt_llm/bench/dataclasses/reporting.py
 * --report_json, LLMPerf token_benchmark_ray.py's *_summary.json).
 *
 * Python's json module writes NaN, Infinity and -Infinity as bare tokens,
 * which cJSON rejects; they are rewritten as strings before parsing (so a
 * number field holding one reads as "not a finite number", like vLLM's own
 * "inf"), and every place reported is a place in the original text.
 *
 * calib_parse reads only what the file says; calib_rows then resolves the
 * runs against the catalog and the command line's flags. No printing. The
 * cJSON trees are freed before each call returns; what is kept is copied
 * into the result's pool.
 */
#include "load/calibrate.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/catalog.h"
#include "util/num.h"
#include "util/strpool.h"
#include "util/suggest.h"

const char *const calib_format_names[CALIB_FORMAT_COUNT + 1] = {
	[CALIB_VLLM] = "vllm",
	[CALIB_SGLANG] = "sglang",
	[CALIB_GENAI_PERF] = "genai-perf",
	[CALIB_TRTLLM_BENCH] = "trtllm-bench",
	[CALIB_LLMPERF] = "llmperf",
};

static enum status oom(struct diag *d)
{
	return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
}

/* ---- Python's non-standard number tokens --------------------------------- */

/* The text as cJSON will see it, and where it was changed. */
struct src {
	const char *name, *orig;
	char *buf;       /* the rewritten text, NUL-terminated */
	size_t len;
	size_t *marks;   /* offsets in buf just after each rewritten token */
	size_t n_marks;
	/* place()'s cursor: runs are placed in order, so each call goes on
	 * from the last instead of counting lines from the start again */
	size_t at_buf, at_orig, at_mark;
	unsigned at_line, at_col;
};

/* Copies `text` into s->buf with every NaN, Infinity and -Infinity outside
 * a string wrapped in quotes. Outside strings, valid JSON has letters only
 * in true, false and null, so a token starting with 'N', 'I' or "-I" is one
 * of Python's. */
static enum status rewrite(struct src *s, const char *text, size_t len, struct diag *d)
{
	static const char *const tokens[] = {"NaN", "Infinity", "-Infinity"};
	size_t n = 0, marks_cap = 0;
	bool in_string = false;

	/* each token is 3 bytes or more and gains 2: the text grows by 2/3 at most */
	if (!(s->buf = malloc(len + 2 * (len / 3) + 1)))
		return oom(d);
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		size_t t = sizeof(tokens) / sizeof(tokens[0]), tl = 0;

		if (in_string) {
			if (c == '\\' && i + 1 < len) {
				s->buf[n++] = c;
				c = text[++i];
			} else if (c == '"') {
				in_string = false;
			}
		} else if (c == '"') {
			in_string = true;
		} else if (c == 'N' || c == 'I' || c == '-') {
			for (t = 0; t < sizeof(tokens) / sizeof(tokens[0]); t++) {
				tl = strlen(tokens[t]);
				if (len - i >= tl && memcmp(text + i, tokens[t], tl) == 0)
					break;
			}
		}
		if (t < sizeof(tokens) / sizeof(tokens[0])) {
			if (s->n_marks == marks_cap) {
				size_t *m = realloc(s->marks, (marks_cap = marks_cap ? 2 * marks_cap : 16) *
								      sizeof(*m));
				if (!m)
					return oom(d);
				s->marks = m;
			}
			s->buf[n++] = '"';
			memcpy(s->buf + n, tokens[t], tl);
			n += tl;
			s->buf[n++] = '"';
			s->marks[s->n_marks++] = n;
			i += tl - 1;
			continue;
		}
		s->buf[n++] = c;
	}
	s->buf[n] = '\0';
	s->len = n;
	return ST_OK;
}

/* Line and column (1-based, bytes) in the original text of offset `at` of
 * the rewritten one. */
static void place(struct src *s, size_t at, unsigned *line, unsigned *col)
{
	size_t orig;

	if (at < s->at_buf) /* behind the cursor: start over */
		s->at_buf = s->at_orig = s->at_mark = 0, s->at_line = s->at_col = 1;
	while (s->at_mark < s->n_marks && s->marks[s->at_mark] <= at)
		s->at_mark++;
	orig = at - 2 * s->at_mark;
	if (orig > s->at_orig) {
		/* the stretch since the cursor, placed on its own */
		unsigned l, c;
		diag_place(s->orig + s->at_orig, orig - s->at_orig, &l, &c);
		s->at_col = l > 1 ? c : s->at_col + c - 1;
		s->at_line += l - 1;
		s->at_orig = orig;
	}
	s->at_buf = at;
	*line = s->at_line;
	*col = s->at_col;
}

/* ---- reading one run ------------------------------------------------------ */

struct reader {
	const struct src *src;
	const char *format;
	struct loc at;   /* the run's object */
	bool several;    /* the file holds more than one run: name the line */
	struct strpool *pool;
	struct diag *d;
};

static enum status fail(const struct reader *rd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ST_INPUT placed at the run: "FILE: msg", or "FILE:LINE:COL: msg" when
 * the file holds several runs. */
static enum status fail(const struct reader *rd, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (rd->several)
		return diag_set(rd->d, ST_INPUT, rd->src->name, rd->at.line, rd->at.col, "%s", msg);
	return diag_set(rd->d, ST_INPUT, rd->src->name, 0, 0, "%s", msg);
}

/* The item at the dotted `path` below `o`, or NULL. */
static const cJSON *get(const cJSON *o, const char *path)
{
	char key[96];

	while (o && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof(key) || !cJSON_IsObject(o))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		o = cJSON_GetObjectItemCaseSensitive(o, key);
		path += n + (path[n] == '.');
	}
	return o;
}

/* A finite number at `path`, else NAN (absent, null, a string, NaN...). */
static double opt_num(const cJSON *o, const char *path)
{
	const cJSON *v = get(o, path);

	return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? v->valuedouble : NAN;
}

/* A string at `path`, else NULL. */
static const char *opt_str(const cJSON *o, const char *path)
{
	const cJSON *v = get(o, path);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The number at `path`, which must be there and finite, and > 0 when
 * `positive` (else >= 0). `what` says what it is in the message. */
static enum status need_num(const struct reader *rd, const cJSON *o, const char *path,
			    const char *what, bool positive, double *out)
{
	const cJSON *v = get(o, path);

	if (!v || cJSON_IsNull(v))
		return fail(rd, "no '%s' (%s) in this %s result", path, what, rd->format);
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
		if (cJSON_IsString(v))
			return fail(rd, "'%s' (%s) must be a finite number, got '%.40s'", path, what,
				    v->valuestring);
		return fail(rd, "'%s' (%s) must be a finite number", path, what);
	}
	*out = v->valuedouble;
	if (positive ? *out <= 0 : *out < 0) {
		char num[40];
		return fail(rd, "'%s' (%s) must be %s, got %s", path, what, positive ? "> 0" : ">= 0",
			    num_shortest(num, sizeof(num), *out));
	}
	return ST_OK;
}

/* A copy of `s` in the pool (NULL stays NULL); false when out of memory. */
static bool keep(const struct reader *rd, const char **dst, const char *s)
{
	*dst = s ? strpool_dup(rd->pool, s) : NULL;
	return !s || *dst;
}

/* ---- dates ---------------------------------------------------------------- */

/* Howard Hinnant's civil_from_days: the date `days` after 1970-01-01. */
static void civil(long days, char out[64])
{
	long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long dd = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + era * 400 + (m <= 2);

	snprintf(out, 64, "%04ld-%02ld-%02ld", y, m, dd);
}

/* Keeps "YYYY-MM-DD" made of the digits y, m, d when that day exists. */
static bool keep_date(const struct reader *rd, const char **dst, const char *y, const char *m,
		      const char *dd)
{
	char ymd[64];
	long days;

	snprintf(ymd, sizeof(ymd), "%.4s-%.2s-%.2s", y, m, dd);
	if (!num_date_days(ymd, &days))
		return true; /* not a day that exists: the run simply has none */
	return keep(rd, dst, ymd);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
	}
	return true;
}

/* ---- names the tools use ---------------------------------------------------- */

/* The serving engine behind a benchmark client's backend name, or NULL
 * when the name is a protocol (openai, openai-chat) rather than an engine. */
static const char *engine_of_backend(const char *backend)
{
	static const char *const map[][2] = {
		{"vllm", "vllm"},          {"vllm-chat", "vllm"},
		{"sglang", "sglang"},      {"sglang-native", "sglang"},
		{"sglang-oai", "sglang"},  {"sglang-oai-chat", "sglang"},
		{"lmdeploy", "lmdeploy"},  {"lmdeploy-chat", "lmdeploy"},
		{"tgi", "tgi"},            {"tensorrt-llm", "trtllm"},
		{"trt", "trtllm"},
	};
	for (size_t i = 0; backend && i < sizeof(map) / sizeof(map[0]); i++) {
		if (strcmp(map[i][0], backend) == 0)
			return map[i][1];
	}
	return NULL;
}

/* TensorRT-LLM's quant_algo (or, without one, the dtype) as an llmtco
 * precision name; an unknown name is returned as it is. */
static const char *trtllm_precision(const char *quant, const char *dtype)
{
	if (quant && strcasecmp(quant, "None") != 0 && strcasecmp(quant, "NO_QUANT") != 0) {
		if (strncasecmp(quant, "FP8", 3) == 0)
			return "fp8";
		if (strstr(quant, "FP4") || strstr(quant, "fp4"))
			return "fp4";
		if (strncasecmp(quant, "W4A", 3) == 0)
			return "int4";
		if (strncasecmp(quant, "W8A", 3) == 0 || strcasecmp(quant, "INT8") == 0)
			return "int8";
		return quant;
	}
	if (!dtype)
		return NULL;
	if (strcmp(dtype, "bfloat16") == 0)
		return "bf16";
	if (strcmp(dtype, "float16") == 0)
		return "fp16";
	if (strcmp(dtype, "float32") == 0)
		return "fp32";
	return dtype;
}

/* A KV cache quantization as a precision the catalog has, or NULL. */
static const char *kv_precision(const char *kv)
{
	if (!kv)
		return NULL;
	if (strncasecmp(kv, "FP8", 3) == 0)
		return "fp8";
	if (strcmp(kv, "bfloat16") == 0)
		return "bf16";
	if (strcmp(kv, "float16") == 0)
		return "fp16";
	return NULL;
}

/* ---- the five formats ------------------------------------------------------ */

/* vLLM `vllm bench serve --save-result` and SGLang bench_serving share the
 * field names: totals over `completed` requests, median_/p99_ latencies. */
static enum status read_serve(const struct reader *rd, const cJSON *o, struct calib_run *run,
			      bool vllm)
{
	double completed, in, out;
	const char *date = opt_str(o, "date");

	if (need_num(rd, o, "output_throughput", "output tokens per second", true,
		     &run->output_tokens_per_s) ||
	    need_num(rd, o, "completed", "completed requests", true, &completed) ||
	    need_num(rd, o, "total_input_tokens", "input tokens", false, &in) ||
	    need_num(rd, o, "total_output_tokens", "output tokens", true, &out))
		return rd->d->code;
	run->input_tokens = in / completed;
	run->output_tokens = out / completed;
	run->concurrency = opt_num(o, "max_concurrency");
	run->failed = opt_num(o, "failed");
	run->ttft_ms_p50 = opt_num(o, "median_ttft_ms");
	run->ttft_ms_p99 = opt_num(o, "p99_ttft_ms");
	run->tpot_ms_p50 = opt_num(o, "median_tpot_ms");
	run->tpot_ms_p99 = opt_num(o, "p99_tpot_ms");
	/* vLLM dates its result "%Y%m%d-%H%M%S" in local time */
	if (vllm && date && strlen(date) >= 8 && digits(date, 8) &&
	    !keep_date(rd, &run->date, date, date + 4, date + 6))
		return oom(rd->d);
	if (!keep(rd, &run->model, opt_str(o, "model_id")) ||
	    !keep(rd, &run->engine, engine_of_backend(opt_str(o, "backend"))))
		return oom(rd->d);
	return ST_OK;
}

/* Milliseconds of a GenAI-Perf/AIPerf statistic's `key` ("p50"), by its
 * unit; NAN when absent. */
static double genai_ms(const cJSON *o, const char *metric, const char *key)
{
	static const struct {
		const char *unit;
		double ms;
	} units[] = {{"ms", 1}, {"s", 1e3}, {"sec", 1e3}, {"us", 1e-3}, {"ns", 1e-6}};
	const cJSON *m = get(o, metric);
	const char *unit = opt_str(m, "unit");
	double v = opt_num(m, key);

	for (size_t i = 0; unit && i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(units[i].unit, unit) == 0)
			return v * units[i].ms;
	}
	return NAN;
}

/* GenAI-Perf's *_genai_perf.json (input_config in the new nested form or
 * the old flat one) and AIPerf's profile_export_aiperf.json. */
static enum status read_genai_perf(const struct reader *rd, const cJSON *o, struct calib_run *run)
{
	const cJSON *cfg = get(o, "input_config"), *models;
	const char *unit = opt_str(o, "output_token_throughput.unit"), *start;

	if (need_num(rd, o, "output_token_throughput.avg", "output tokens per second", true,
		     &run->output_tokens_per_s))
		return rd->d->code;
	if (unit && strcmp(unit, "tokens/sec") != 0)
		return fail(rd, "'output_token_throughput' is in '%.40s', expected 'tokens/sec'", unit);
	if (need_num(rd, o, "input_sequence_length.avg", "input tokens per request", false,
		     &run->input_tokens) ||
	    need_num(rd, o, "output_sequence_length.avg", "output tokens per request", true,
		     &run->output_tokens))
		return rd->d->code;
	run->failed = opt_num(o, "error_request_count.avg"); /* AIPerf */
	run->ttft_ms_p50 = genai_ms(o, "time_to_first_token", "p50");
	run->ttft_ms_p99 = genai_ms(o, "time_to_first_token", "p99");
	/* their inter-token latency is per request (latency - ttft) / (osl - 1) */
	run->tpot_ms_p50 = genai_ms(o, "inter_token_latency", "p50");
	run->tpot_ms_p99 = genai_ms(o, "inter_token_latency", "p99");
	/* GenAI-Perf: perf_analyzer.stimulus or the flat args; AIPerf: loadgen */
	run->concurrency = opt_num(cfg, "perf_analyzer.stimulus.concurrency");
	if (isnan(run->concurrency))
		run->concurrency = opt_num(cfg, "loadgen.concurrency");
	if (isnan(run->concurrency))
		run->concurrency = opt_num(cfg, "concurrency");
	models = get(cfg, "model_names");
	if (!models)
		models = get(cfg, "endpoint.model_names");
	if (!models)
		models = get(cfg, "model");
	if (cJSON_IsArray(models) && cJSON_GetArraySize(models) > 1)
		return fail(rd, "the run names %d models; calibrate one model at a time",
			    cJSON_GetArraySize(models));
	if (cJSON_IsArray(models))
		models = cJSON_GetArrayItem(models, 0);
	if (!keep(rd, &run->model, cJSON_IsString(models) ? models->valuestring : NULL))
		return oom(rd->d);
	/* AIPerf: "2026-11-22T10:04:31.518223" */
	start = opt_str(o, "start_time");
	if (start && strlen(start) >= 10 && start[4] == '-' && start[7] == '-' && digits(start, 4) &&
	    !keep_date(rd, &run->date, start, start + 5, start + 8))
		return oom(rd->d);
	return ST_OK;
}

/* trtllm-bench --report_json (ReportUtility.get_statistics_dict). */
static enum status read_trtllm(const struct reader *rd, const cJSON *o, struct calib_run *run)
{
	double pp = opt_num(o, "world_info.pp_size");

	if (need_num(rd, o, "performance.system_output_throughput_tok_s", "output tokens per second",
		     true, &run->output_tokens_per_s) ||
	    need_num(rd, o, "request_info.avg_input_length", "input tokens per request", false,
		     &run->input_tokens) ||
	    need_num(rd, o, "request_info.avg_output_length", "output tokens per request", true,
		     &run->output_tokens))
		return rd->d->code;
	if (!isnan(pp) && pp != 1) {
		char num[40];
		return fail(rd, "'world_info.pp_size' is %s: a replica with pipeline parallelism is not "
				"a tensor-parallel throughput row",
			    num_shortest(num, sizeof(num), pp));
	}
	run->tensor_parallel = opt_num(o, "world_info.tp_size");
	run->ttft_ms_p50 = opt_num(o, "streaming_metrics.ttft_percentiles.p50");
	run->ttft_ms_p99 = opt_num(o, "streaming_metrics.ttft_percentiles.p99");
	run->tpot_ms_p50 = opt_num(o, "streaming_metrics.tpot_percentiles.p50");
	run->tpot_ms_p99 = opt_num(o, "streaming_metrics.tpot_percentiles.p99");
	if (!keep(rd, &run->model, opt_str(o, "engine.model")) ||
	    !keep(rd, &run->gpu, opt_str(o, "machine.name")) ||
	    !keep(rd, &run->precision,
		  trtllm_precision(opt_str(o, "engine.quantization"), opt_str(o, "engine.dtype"))) ||
	    !keep(rd, &run->kv_cache_precision, kv_precision(opt_str(o, "engine.kv_cache_dtype"))) ||
	    !keep(rd, &run->engine, "trtllm"))
		return oom(rd->d);
	return ST_OK;
}

/* LLMPerf's *_summary.json: LLMPerfResults.to_dict() flattened with '_'. */
static enum status read_llmperf(const struct reader *rd, const cJSON *o, struct calib_run *run)
{
	double ts = opt_num(o, "timestamp");

	if (need_num(rd, o, "results_mean_output_throughput_token_per_s", "output tokens per second",
		     true, &run->output_tokens_per_s) ||
	    need_num(rd, o, "results_number_input_tokens_mean", "input tokens per request", false,
		     &run->input_tokens) ||
	    need_num(rd, o, "results_number_output_tokens_mean", "output tokens per request", true,
		     &run->output_tokens))
		return rd->d->code;
	run->concurrency = opt_num(o, "num_concurrent_requests");
	run->failed = opt_num(o, "results_number_errors");
	/* seconds; its inter-token latency counts the first token, so no TPOT */
	run->ttft_ms_p50 = opt_num(o, "results_ttft_s_quantiles_p50") * 1e3;
	run->ttft_ms_p99 = opt_num(o, "results_ttft_s_quantiles_p99") * 1e3;
	if (!keep(rd, &run->model, opt_str(o, "model")))
		return oom(rd->d);
	if (!isnan(ts) && ts >= 0 && ts < 1e11) {
		char ymd[64];
		civil((long)floor(ts / 86400), ymd);
		if (!keep(rd, &run->date, ymd))
			return oom(rd->d);
	}
	return ST_OK;
}

/* Keeps a latency percentile only when it is a time (0 to 1e9 ms) and the
 * pair is ordered; a p99 below its p50 says neither can be trusted. */
static void latency_pair(double *p50, double *p99)
{
	if (!(*p50 >= 0 && *p50 <= 1e9))
		*p50 = NAN;
	if (!(*p99 >= 0 && *p99 <= 1e9))
		*p99 = NAN;
	if (*p50 > *p99)
		*p50 = *p99 = NAN;
}

static struct calib_run *new_run(struct calib_result *r)
{
	struct calib_run *run;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		struct calib_run *grown = realloc(r->runs, cap * sizeof(*grown));
		if (!grown)
			return NULL;
		r->runs = grown;
		r->cap = cap;
	}
	run = &r->runs[r->n];
	memset(run, 0, sizeof(*run));
	run->tensor_parallel = run->concurrency = run->failed = NAN;
	run->ttft_ms_p50 = run->ttft_ms_p99 = run->tpot_ms_p50 = run->tpot_ms_p99 = NAN;
	return run;
}

static enum status read_run(const struct reader *rd, enum calib_format f, const cJSON *o,
			    struct calib_run *run)
{
	enum status st;

	if (!cJSON_IsObject(o))
		return fail(rd, "expected a JSON object (a %s result)", rd->format);
	switch (f) {
	case CALIB_VLLM:
	case CALIB_SGLANG:
		st = read_serve(rd, o, run, f == CALIB_VLLM);
		break;
	case CALIB_GENAI_PERF:
		st = read_genai_perf(rd, o, run);
		break;
	case CALIB_TRTLLM_BENCH:
		st = read_trtllm(rd, o, run);
		break;
	case CALIB_LLMPERF:
	default:
		st = read_llmperf(rd, o, run);
		break;
	}
	if (st)
		return st;
	/* the catalog's ranges (catalog_load.c): a run beyond them is no
	 * benchmark we can use */
	if (run->output_tokens_per_s > 1e12 || run->input_tokens > 1e9 || run->output_tokens > 1e9) {
		char a[40], b[40], c[40];
		return fail(rd, "%s output tokens/s, %s input and %s output tokens per request: beyond "
				"1e12 tokens/s or 1e9 tokens a request",
			    num_shortest(a, sizeof(a), run->output_tokens_per_s),
			    num_shortest(b, sizeof(b), run->input_tokens),
			    num_shortest(c, sizeof(c), run->output_tokens));
	}
	/* a concurrency limit is a whole number of requests */
	if (!(run->concurrency >= 1 && run->concurrency <= 1e7 &&
	      run->concurrency == floor(run->concurrency)))
		run->concurrency = NAN;
	latency_pair(&run->ttft_ms_p50, &run->ttft_ms_p99);
	latency_pair(&run->tpot_ms_p50, &run->tpot_ms_p99);
	return ST_OK;
}

static size_t skip_space(const struct src *s, size_t at)
{
	while (at < s->len && (s->buf[at] == ' ' || s->buf[at] == '\t' || s->buf[at] == '\n' ||
			       s->buf[at] == '\r'))
		at++;
	return at;
}

enum status calib_parse(struct calib_result *r, enum calib_format f, const char *name,
			const char *text, size_t len, struct diag *d)
{
	struct src s = {.name = name, .orig = text, .at_line = 1, .at_col = 1};
	struct reader rd = {.src = &s, .format = calib_format_names[f], .d = d};
	size_t at, first = r->n, values = 0;
	enum status st;

	if (!r->pool && !(r->pool = strpool_new()))
		return oom(d);
	rd.pool = r->pool;
	if ((st = rewrite(&s, text, len, d)))
		goto out;
	/* count the values first: a file of several runs names each by line */
	for (at = skip_space(&s, 0); at < s.len; at = skip_space(&s, at), values++) {
		const char *end = NULL;
		cJSON *v = cJSON_ParseWithLengthOpts(s.buf + at, s.len - at, &end, 0);
		if (!v) {
			unsigned line, col;
			place(&s, end ? (size_t)(end - s.buf) : at, &line, &col);
			st = diag_set(d, ST_INPUT, name, line, col, "not valid JSON");
			goto out;
		}
		cJSON_Delete(v);
		at = (size_t)(end - s.buf);
	}
	if (values == 0) {
		st = diag_set(d, ST_INPUT, name, 0, 0, "empty file: no %s result", calib_format_names[f]);
		goto out;
	}
	rd.several = values > 1;
	for (at = skip_space(&s, 0); at < s.len; at = skip_space(&s, at)) {
		const char *end = NULL;
		cJSON *v = cJSON_ParseWithLengthOpts(s.buf + at, s.len - at, &end, 0);
		struct calib_run *run = new_run(r);

		if (!v || !run) {
			cJSON_Delete(v);
			st = oom(d);
			goto out;
		}
		place(&s, at, &rd.at.line, &rd.at.col);
		if (!rd.at.file && !(rd.at.file = strpool_dup(r->pool, name))) {
			cJSON_Delete(v);
			st = oom(d);
			goto out;
		}
		run->loc = rd.at;
		st = read_run(&rd, f, v, run);
		cJSON_Delete(v);
		if (st)
			goto out;
		r->n++;
		at = (size_t)(end - s.buf);
	}
	st = ST_OK;
out:
	if (st)
		r->n = first;
	free(s.buf);
	free(s.marks);
	return st;
}

/* ---- runs to throughput rows ------------------------------------------------ */

/* "FILE" for a run at a file's first line, else "FILE:LINE". */
static const char *where(char *buf, size_t size, const struct calib_run *run)
{
	if (run->loc.line <= 1)
		snprintf(buf, size, "%s", run->loc.file);
	else
		snprintf(buf, size, "%s:%u", run->loc.file, run->loc.line);
	return buf;
}

/* " (did you mean 'X'?)" for `word` among the ids (at `id_off`) of `n`
 * catalog entries of `size` bytes from `arr`; "" when none is close. */
static void id_hint(char *hint, size_t hsize, const char *word, const void *arr, size_t n,
		    size_t size, size_t id_off)
{
	const char **ids = malloc((n ? n : 1) * sizeof(*ids));

	hint[0] = '\0';
	if (!ids)
		return;
	for (size_t i = 0; i < n; i++)
		ids[i] = *(const char *const *)((const char *)arr + i * size + id_off);
	suggest_hint(hint, hsize, word, ids, n);
	free(ids);
}

static const char *const tp_words = "1, 2, 4 or 8";

static bool tp_ok(double tp)
{
	return tp == 1 || tp == 2 || tp == 4 || tp == 8;
}

/* Fills the model, GPU, precision and tp of `t` from the flags or `run`. */
static enum status resolve(struct throughput *t, const struct calib_run *run,
			   const struct catalog *cat, const struct calib_flags *fl,
			   const struct open_model *fm, const struct gpu *fg, int fp, struct diag *d)
{
	const struct open_model *m = fm;
	const struct gpu *g = fg;
	int p = fp;
	double tp = fl->tensor_parallel;
	char at[300], hint[160];

	where(at, sizeof(at), run);
	if (!m && !run->model)
		return diag_set(d, ST_INPUT, "--model", 0, 0, "%s does not name the model; give --model ID", at);
	if (!m && !(m = catalog_model(cat, run->model))) {
		id_hint(hint, sizeof(hint), run->model, cat->models, cat->n_models, sizeof(*cat->models),
			offsetof(struct open_model, id));
		return diag_set(d, ST_INPUT, "--model", 0, 0,
				"%s names model '%.100s', not an open model id of the catalog%s; give --model ID",
				at, run->model, hint);
	}
	if (!g && !run->gpu)
		return diag_set(d, ST_INPUT, "--gpu", 0, 0, "%s does not name the GPU; give --gpu ID", at);
	if (!g && !(g = catalog_gpu(cat, run->gpu))) {
		id_hint(hint, sizeof(hint), run->gpu, cat->gpus, cat->n_gpus, sizeof(*cat->gpus),
			offsetof(struct gpu, id));
		return diag_set(d, ST_INPUT, "--gpu", 0, 0,
				"%s names GPU '%.100s', not a gpu id of the catalog%s; give --gpu ID", at,
				run->gpu, hint);
	}
	if (p < 0 && !run->precision)
		return diag_set(d, ST_INPUT, "--precision", 0, 0,
				"%s does not say the weight precision; give --precision P", at);
	if (p < 0 && (p = name_index(precision_names, PREC_COUNT, run->precision)) < 0)
		return diag_set(d, ST_INPUT, "--precision", 0, 0,
				"%s gives precision '%.60s', which llmtco does not model; give --precision P",
				at, run->precision);
	if (tp == 0 && isnan(run->tensor_parallel))
		return diag_set(d, ST_INPUT, "--tp", 0, 0,
				"%s does not say the tensor parallelism; give --tp N", at);
	if (tp == 0 && !tp_ok(tp = run->tensor_parallel)) {
		char num[40];
		return diag_set(d, ST_INPUT, "--tp", 0, 0,
				"%s gives tensor parallelism %s; llmtco models %s", at,
				num_shortest(num, sizeof(num), tp), tp_words);
	}
	t->model = m->id;
	t->gpu = g->id;
	t->precision = (enum precision)p;
	t->tensor_parallel = (int)tp;
	return ST_OK;
}

/* A row in the order of its shape (the catalog's merge key, as
 * throughput_same_key compares it), then of where it was read. */
struct keyed {
	const struct throughput *t;
	size_t i;
};

static int cmp_num(double a, double b)
{
	return (a > b) - (a < b);
}

static int by_shape(const void *pa, const void *pb)
{
	const struct keyed *ka = pa, *kb = pb;
	const struct throughput *a = ka->t, *b = kb->t;
	int c;

	if ((c = strcmp(a->model, b->model)) || (c = strcmp(a->gpu, b->gpu)) ||
	    (c = cmp_num(a->precision, b->precision)) ||
	    (c = cmp_num(a->tensor_parallel, b->tensor_parallel)) ||
	    (c = cmp_num(a->input_tokens, b->input_tokens)) ||
	    (c = cmp_num(a->output_tokens, b->output_tokens)) ||
	    (c = cmp_num(a->concurrency >= 1 ? a->concurrency : 0, b->concurrency >= 1 ? b->concurrency : 0)) ||
	    (c = cmp_num(a->has_kv_cache_precision ? (double)a->kv_cache_precision : -1,
			 b->has_kv_cache_precision ? (double)b->kv_cache_precision : -1)) ||
	    (c = (a->engine != NULL) - (b->engine != NULL)) ||
	    (a->engine && (c = strcmp(a->engine, b->engine))))
		return c;
	return cmp_num((double)ka->i, (double)kb->i);
}

/* Of the `n` rows of `all` (which it frees), keeps one per shape: the last
 * read, at the place of the first, so the order is the files'. Sorting
 * keeps this n log n for a file of many runs. */
static enum status keep_last_of_each_shape(struct throughput **rows, size_t *n, size_t *replaced,
					   struct throughput *all, size_t n_all, struct diag *d)
{
	struct keyed *k = malloc((n_all ? n_all : 1) * sizeof(*k));
	size_t *winner = malloc((n_all ? n_all : 1) * sizeof(*winner));
	size_t m = 0;

	if (!k || !winner) {
		free(k);
		free(winner);
		free(all);
		return oom(d);
	}
	for (size_t i = 0; i < n_all; i++) {
		k[i] = (struct keyed){&all[i], i};
		winner[i] = (size_t)-1;
	}
	qsort(k, n_all, sizeof(*k), by_shape);
	for (size_t a = 0, b; a < n_all; a = b) {
		for (b = a + 1; b < n_all && throughput_same_key(k[a].t, k[b].t); b++)
			;
		winner[k[a].i] = k[b - 1].i;
	}
	for (size_t i = 0; i < n_all; i++) {
		if (winner[i] != (size_t)-1)
			all[m++] = all[winner[i]];
	}
	free(k);
	free(winner);
	*rows = all;
	*n = m;
	*replaced = n_all - m;
	return ST_OK;
}

enum status calib_rows(struct throughput **rows, size_t *n, size_t *replaced,
		       const struct calib_result *r, const struct catalog *cat,
		       const struct calib_flags *fl, struct diag *d)
{
	static const struct loc at_model = {"--model", 0, 0}, at_gpu = {"--gpu", 0, 0};
	const struct open_model *fm = NULL;
	const struct gpu *fg = NULL;
	struct throughput *out;
	int fp = -1;
	char hint[160];

	*rows = NULL;
	*n = *replaced = 0;
	if (fl->model && !(fm = catalog_model(cat, fl->model)))
		return catalog_unknown_model(cat, &at_model, fl->model, d);
	if (fl->gpu && !(fg = catalog_gpu(cat, fl->gpu)))
		return catalog_unknown_gpu(cat, &at_gpu, fl->gpu, d);
	if (fl->precision && (fp = name_index(precision_names, PREC_COUNT, fl->precision)) < 0)
		return diag_set(d, ST_INPUT, "--precision", 0, 0, "unknown precision '%s'%s", fl->precision,
				suggest_hint(hint, sizeof(hint), fl->precision, precision_names, PREC_COUNT));
	if (fl->tensor_parallel != 0 && !tp_ok(fl->tensor_parallel))
		return diag_set(d, ST_INPUT, "--tp", 0, 0, "must be %s", tp_words);
	if (fl->engine && !catalog_engine_ok(fl->engine))
		return diag_set(d, ST_INPUT, "--engine", 0, 0,
				"'%.60s' must be a lower-case name of letters, digits, '.', '_' or '-'",
				fl->engine);
	if (!(out = calloc(r->n ? r->n : 1, sizeof(*out))))
		return oom(d);
	for (size_t i = 0; i < r->n; i++) {
		const struct calib_run *run = &r->runs[i];
		struct throughput t = {0};

		if (resolve(&t, run, cat, fl, fm, fg, fp, d)) {
			free(out);
			return d->code;
		}
		t.input_tokens = run->input_tokens;
		t.output_tokens = run->output_tokens;
		t.output_tokens_per_s = run->output_tokens_per_s;
		t.concurrency = run->concurrency;
		if (run->kv_cache_precision) {
			int kv = name_index(kv_precision_names, PREC_COUNT, run->kv_cache_precision);
			t.has_kv_cache_precision = kv >= 0;
			t.kv_cache_precision = kv >= 0 ? (enum precision)kv : PREC_BF16;
		}
		t.engine = fl->engine ? fl->engine : run->engine;
		t.ttft_ms_p50 = run->ttft_ms_p50;
		t.ttft_ms_p99 = run->ttft_ms_p99;
		t.tpot_ms_p50 = run->tpot_ms_p50;
		t.tpot_ms_p99 = run->tpot_ms_p99;
		t.date = run->date;
		t.source = run->loc.file;
		t.loc = run->loc;
		out[i] = t;
	}
	return keep_last_of_each_shape(rows, n, replaced, out, r->n, d);
}

void calib_release(struct calib_result *r)
{
	free(r->runs);
	strpool_free(r->pool);
	memset(r, 0, sizeof(*r));
}
