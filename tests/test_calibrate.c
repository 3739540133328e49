/*
 * test_calibrate.c - the benchmark-result readers: each of the five formats
 * reads its fields from fixtures shaped as the tools write them (vLLM's
 * "inf" and appended lines, SGLang's Infinity, LLMPerf's NaN and
 * stringified integers, GenAI-Perf's old and new input_config, AIPerf),
 * and bad files fail with the field and the place; runs become throughput
 * rows with the flags' or the file's catalog ids.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "load/builtin.h"
#include "load/calibrate.h"
#include "load/catalog_load.h"
#include "model/catalog.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Parses fixture `name` as format `f` into `r`; returns the status. */
static enum status parse_fixture(struct calib_result *r, enum calib_format f, const char *name,
				 struct diag *d)
{
	char path[512];
	size_t len;
	char *text;
	enum status st;

	snprintf(path, sizeof(path), "%s/calibrate/%s", FIXTURES, name);
	text = slurp(path, &len);
	st = calib_parse(r, f, name, text, len, d);
	free(text);
	return st;
}

/* Parses inline text; returns the status and the formatted message. */
static enum status parse_text(enum calib_format f, const char *text, char *msg, size_t size)
{
	struct calib_result r = {0};
	struct diag d = {0};
	enum status st = calib_parse(&r, f, "t.json", text, strlen(text), &d);

	msg[0] = '\0';
	if (st)
		diag_format(&d, msg, size);
	calib_release(&r);
	return st;
}

static void close_to(double actual, double want)
{
	assert_true(fabs(actual - want) <= 1e-9 * fabs(want));
}

static void vllm_save_result_reads_totals_percentiles_and_date(void **state)
{
	struct calib_result r = {0};
	struct diag d = {0};
	const struct calib_run *x;

	(void)state;
	assert_int_equal(parse_fixture(&r, CALIB_VLLM, "vllm-save.json", &d), ST_OK);
	assert_int_equal(r.n, 1);
	x = &r.runs[0];
	/* 128000 output tokens in 61.73 s; 1000 requests of 1024 in, 128 out */
	close_to(x->output_tokens_per_s, 128000 / 61.73);
	close_to(x->input_tokens, 1024);
	close_to(x->output_tokens, 128);
	close_to(x->concurrency, 64);
	close_to(x->ttft_ms_p50, 305.6);
	close_to(x->ttft_ms_p99, 580.64);
	close_to(x->tpot_ms_p50, 11.86);
	close_to(x->tpot_ms_p99, 22.534);
	assert_true(isnan(x->tensor_parallel));
	assert_string_equal(x->model, "meta-llama/Llama-3.1-8B-Instruct");
	assert_null(x->gpu);
	assert_null(x->precision);
	assert_string_equal(x->engine, "vllm");
	assert_string_equal(x->date, "2026-11-20"); /* "20261120-141503" */
	assert_true(x->failed == 0);
	assert_int_equal(x->loc.line, 1);
	calib_release(&r);
}

static void vllm_appended_results_are_one_run_per_line(void **state)
{
	struct calib_result r = {0};
	struct diag d = {0};

	(void)state;
	assert_int_equal(parse_fixture(&r, CALIB_VLLM, "vllm-append.json", &d), ST_OK);
	assert_int_equal(r.n, 3);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(r.runs[i].loc.line, i + 1);
	close_to(r.runs[0].concurrency, 1);
	close_to(r.runs[1].concurrency, 16);
	close_to(r.runs[1].output_tokens_per_s, 64000 / 53.9);
	close_to(r.runs[1].input_tokens, 512000.0 / 500);
	/* --percentile-metrics e2el: no TTFT or TPOT at all */
	assert_true(isnan(r.runs[2].ttft_ms_p50) && isnan(r.runs[2].ttft_ms_p99));
	assert_true(isnan(r.runs[2].tpot_ms_p50) && isnan(r.runs[2].tpot_ms_p99));
	assert_string_equal(r.runs[2].model, "llama-3.1-8b");
	calib_release(&r);
}

static void sglang_jsonl_takes_python_infinity_and_null_concurrency(void **state)
{
	struct calib_result r = {0};
	struct diag d = {0};

	(void)state;
	assert_int_equal(parse_fixture(&r, CALIB_SGLANG, "sglang.jsonl", &d), ST_OK);
	assert_int_equal(r.n, 2);
	close_to(r.runs[0].output_tokens_per_s, 163840 / 84.6);
	close_to(r.runs[0].input_tokens, 2048);
	close_to(r.runs[0].output_tokens, 256);
	close_to(r.runs[0].concurrency, 64);
	assert_true(isnan(r.runs[1].concurrency)); /* max_concurrency: null */
	close_to(r.runs[1].ttft_ms_p99, 902.3);
	close_to(r.runs[1].tpot_ms_p50, 33.8);
	assert_null(r.runs[0].model);
	assert_null(r.runs[0].date);
	assert_string_equal(r.runs[0].engine, "sglang");
	calib_release(&r);
}

static void genai_perf_reads_new_and_old_input_config_and_aiperf(void **state)
{
	struct calib_result r = {0};
	struct diag d = {0};

	(void)state;
	assert_int_equal(parse_fixture(&r, CALIB_GENAI_PERF, "genai-perf.json", &d), ST_OK);
	assert_int_equal(parse_fixture(&r, CALIB_GENAI_PERF, "genai-perf-old.json", &d), ST_OK);
	assert_int_equal(parse_fixture(&r, CALIB_GENAI_PERF, "aiperf.json", &d), ST_OK);
	assert_int_equal(r.n, 3);
	close_to(r.runs[0].output_tokens_per_s, 1337.6);
	close_to(r.runs[0].input_tokens, 550);
	close_to(r.runs[0].output_tokens, 200);
	close_to(r.runs[0].concurrency, 32); /* perf_analyzer.stimulus */
	close_to(r.runs[0].ttft_ms_p50, 152.4);
	close_to(r.runs[0].tpot_ms_p50, 23.9);
	assert_string_equal(r.runs[0].model, "meta-llama/Llama-3.1-70B-Instruct");
	assert_null(r.runs[0].engine);
	assert_null(r.runs[0].date);
	close_to(r.runs[1].concurrency, 16); /* the old flat arguments */
	assert_string_equal(r.runs[1].model, "llama-3.1-8b");
	close_to(r.runs[2].concurrency, 64); /* AIPerf loadgen */
	assert_string_equal(r.runs[2].model, "llama-3.3-70b");
	assert_string_equal(r.runs[2].date, "2026-11-22");
	calib_release(&r);
}

static void trtllm_bench_report_carries_tp_precision_and_kv_cache(void **state)
{
	struct calib_result r = {0};
	struct diag d = {0};
	const struct calib_run *x;

	(void)state;
	assert_int_equal(parse_fixture(&r, CALIB_TRTLLM_BENCH, "trtllm-bench.json", &d), ST_OK);
	assert_int_equal(r.n, 1);
	x = &r.runs[0];
	close_to(x->output_tokens_per_s, 4390.3); /* the 2 GPUs together */
	close_to(x->input_tokens, 1000);
	close_to(x->output_tokens, 1000);
	close_to(x->tensor_parallel, 2);
	close_to(x->ttft_ms_p50, 27310.4);
	close_to(x->tpot_ms_p50, 291.8);
	assert_true(isnan(x->concurrency));
	assert_string_equal(x->precision, "fp8");          /* quantization "FP8" */
	assert_string_equal(x->kv_cache_precision, "fp8"); /* kv_cache_dtype "FP8" */
	assert_string_equal(x->gpu, "NVIDIA H100 80GB HBM3");
	assert_string_equal(x->engine, "trtllm");
	calib_release(&r);
}

static void llmperf_summary_takes_nan_and_seconds(void **state)
{
	struct calib_result r = {0};
	struct diag d = {0};
	const struct calib_run *x;

	(void)state;
	assert_int_equal(parse_fixture(&r, CALIB_LLMPERF, "llmperf.json", &d), ST_OK);
	assert_int_equal(r.n, 1);
	x = &r.runs[0];
	close_to(x->output_tokens_per_s, 271.84);
	close_to(x->input_tokens, 548.3);
	close_to(x->output_tokens, 151.6);
	close_to(x->concurrency, 8);
	close_to(x->ttft_ms_p50, 183.4); /* 0.1834 s */
	assert_true(isnan(x->tpot_ms_p50));
	assert_string_equal(x->model, "llama-3.1-8b");
	assert_string_equal(x->date, "2025-11-28"); /* timestamp 1764330112 */
	calib_release(&r);
}

/* Each bad fixture fails with its message. */
static void bad_files_name_the_missing_field_and_the_place(void **state)
{
	static const struct {
		enum calib_format f;
		const char *file, *msg;
	} cases[] = {
		/* no output throughput and no output tokens: throughput comes first */
		{CALIB_VLLM, "bad-vllm-embeddings.json",
		 "bad-vllm-embeddings.json: no 'output_throughput' (output tokens per second) in this vllm result"},
		{CALIB_GENAI_PERF, "bad-genai-perf-no-isl.json",
		 "bad-genai-perf-no-isl.json: no 'input_sequence_length.avg' (input tokens per request) in this genai-perf result"},
		{CALIB_SGLANG, "bad-sglang-truncated.jsonl", "bad-sglang-truncated.jsonl:2:201: not valid JSON"},
		{CALIB_TRTLLM_BENCH, "bad-trtllm-pp.json",
		 "bad-trtllm-pp.json: 'world_info.pp_size' is 2: a replica with pipeline parallelism is not a tensor-parallel throughput row"},
		{CALIB_TRTLLM_BENCH, "llmperf.json",
		 "llmperf.json: no 'performance.system_output_throughput_tok_s' (output tokens per second) in this trtllm-bench result"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct calib_result r = {0};
		struct diag d = {0};
		char msg[600];

		assert_int_equal(parse_fixture(&r, cases[i].f, cases[i].file, &d), ST_INPUT);
		diag_format(&d, msg, sizeof(msg));
		assert_string_equal(msg, cases[i].msg);
		assert_int_equal(r.n, 0);
		calib_release(&r);
	}
}

static void python_tokens_are_values_only_outside_strings(void **state)
{
	char msg[600];

	(void)state;
	/* "NaN" inside a string stays a string; a bare NaN is not a number */
	assert_int_equal(parse_text(CALIB_VLLM,
				    "{\"label\": \"NaN Infinity\", \"output_throughput\": NaN, \"completed\": 1}",
				    msg, sizeof(msg)),
			 ST_INPUT);
	assert_string_equal(msg, "t.json: 'output_throughput' (output tokens per second) must be a finite number, got 'NaN'");
	assert_int_equal(parse_text(CALIB_VLLM, "{\"output_throughput\": -Infinity}", msg, sizeof(msg)), ST_INPUT);
	assert_string_equal(msg, "t.json: 'output_throughput' (output tokens per second) must be a finite number, got '-Infinity'");
	assert_int_equal(parse_text(CALIB_VLLM, "{\"output_throughput\": 0, \"completed\": 1}", msg, sizeof(msg)), ST_INPUT);
	assert_string_equal(msg, "t.json: 'output_throughput' (output tokens per second) must be > 0, got 0");
	/* a syntax error after a rewritten token is placed in the original text */
	assert_int_equal(parse_text(CALIB_VLLM, "{\"a\": Infinity, \"b\": x}", msg, sizeof(msg)), ST_INPUT);
	assert_string_equal(msg, "t.json:1:22: not valid JSON");
	assert_int_equal(parse_text(CALIB_VLLM, "[1, 2]", msg, sizeof(msg)), ST_INPUT);
	assert_string_equal(msg, "t.json: expected a JSON object (a vllm result)");
	assert_int_equal(parse_text(CALIB_VLLM, " \n", msg, sizeof(msg)), ST_INPUT);
	assert_string_equal(msg, "t.json: empty file: no vllm result");
	/* lengths: input may be 0 tokens, output not; completed must be > 0 */
	assert_int_equal(parse_text(CALIB_SGLANG,
				    "{\"output_throughput\": 5, \"completed\": 0, \"total_input_tokens\": 1,"
				    " \"total_output_tokens\": 1}",
				    msg, sizeof(msg)),
			 ST_INPUT);
	assert_string_equal(msg, "t.json: 'completed' (completed requests) must be > 0, got 0");
	assert_int_equal(parse_text(CALIB_SGLANG,
				    "{\"output_throughput\": 5, \"completed\": 2, \"total_input_tokens\": 0}\n"
				    "{\"output_throughput\": 5, \"completed\": 2, \"total_input_tokens\": 0}",
				    msg, sizeof(msg)),
			 ST_INPUT);
	assert_string_equal(msg, "t.json:1:1: no 'total_output_tokens' (output tokens) in this sglang result");
}

static void a_date_that_does_not_exist_is_left_out(void **state)
{
	struct calib_result r = {0};
	struct diag d = {0};
	static const char text[] =
		"{\"date\": \"20260231-101010\", \"output_throughput\": 5, \"completed\": 2,"
		" \"total_input_tokens\": 10, \"total_output_tokens\": 4}\n"
		"{\"date\": \"20240229-101010\", \"output_throughput\": 5, \"completed\": 2,"
		" \"total_input_tokens\": 10, \"total_output_tokens\": 4}";

	(void)state;
	assert_int_equal(calib_parse(&r, CALIB_VLLM, "t.json", text, strlen(text), &d), ST_OK);
	assert_int_equal(r.n, 2);
	assert_null(r.runs[0].date);
	assert_string_equal(r.runs[1].date, "2024-02-29");
	assert_true(isnan(r.runs[1].failed)); /* older vLLM: no 'failed' */
	close_to(r.runs[1].input_tokens, 5);
	close_to(r.runs[1].output_tokens, 2);
	calib_release(&r);
}

/* ---- runs to rows ---------------------------------------------------------- */

static void load_builtin(struct catalog *cat)
{
	struct diag d = {0};
	catalog_init(cat);
	assert_int_equal(catalog_add_builtin(cat, &d), ST_OK);
}

/* Resolves inline runs of format `f` with `flags`; returns the status and
 * the message. */
static enum status rows_of(enum calib_format f, const char *text, const struct calib_flags *flags,
			   char *msg, size_t size)
{
	struct catalog cat;
	struct calib_result r = {0};
	struct throughput *rows = NULL;
	size_t n, replaced;
	struct diag d = {0};
	enum status st;

	load_builtin(&cat);
	st = calib_parse(&r, f, "t.json", text, strlen(text), &d);
	if (!st)
		st = calib_rows(&rows, &n, &replaced, &r, &cat, flags, &d);
	msg[0] = '\0';
	if (st)
		diag_format(&d, msg, size);
	free(rows);
	calib_release(&r);
	catalog_release(&cat);
	return st;
}

static void flags_fill_what_the_file_lacks_and_its_ids_must_be_the_catalogs(void **state)
{
	struct catalog cat;
	struct calib_result r = {0};
	struct calib_flags flags = {.gpu = "h100-sxm", .precision = "bf16", .tensor_parallel = 1};
	struct throughput *rows;
	size_t n, replaced;
	struct diag d = {0};

	(void)state;
	load_builtin(&cat);
	assert_int_equal(parse_fixture(&r, CALIB_VLLM, "vllm-append.json", &d), ST_OK);
	assert_int_equal(calib_rows(&rows, &n, &replaced, &r, &cat, &flags, &d), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(replaced, 0);
	assert_string_equal(rows[0].model, "llama-3.1-8b"); /* the file's model_id is an id */
	assert_string_equal(rows[0].gpu, "h100-sxm");
	assert_int_equal(rows[0].precision, PREC_BF16);
	assert_int_equal(rows[0].tensor_parallel, 1);
	assert_true(rows[1].concurrency == 16);
	assert_string_equal(rows[1].engine, "vllm");
	assert_string_equal(rows[1].date, "2026-11-21");
	assert_string_equal(rows[1].source, "vllm-append.json");
	assert_false(rows[2].has_kv_cache_precision);
	free(rows);
	calib_release(&r);

	/* flags override the file: trtllm-bench's fp8 becomes bf16, its tp 2 stays */
	flags = (struct calib_flags){.model = "llama-3.1-70b", .gpu = "h100-sxm", .precision = "bf16",
				     .engine = "my-trt"};
	assert_int_equal(parse_fixture(&r, CALIB_TRTLLM_BENCH, "trtllm-bench.json", &d), ST_OK);
	assert_int_equal(calib_rows(&rows, &n, &replaced, &r, &cat, &flags, &d), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].precision, PREC_BF16);
	assert_int_equal(rows[0].tensor_parallel, 2);
	assert_true(rows[0].has_kv_cache_precision && rows[0].kv_cache_precision == PREC_FP8);
	assert_string_equal(rows[0].engine, "my-trt");
	free(rows);
	calib_release(&r);

	/* the same file twice: one row per shape, the later kept */
	flags = (struct calib_flags){.model = "llama-3.1-8b", .gpu = "l4", .precision = "fp8",
				     .tensor_parallel = 1};
	assert_int_equal(parse_fixture(&r, CALIB_SGLANG, "sglang.jsonl", &d), ST_OK);
	assert_int_equal(parse_fixture(&r, CALIB_SGLANG, "sglang.jsonl", &d), ST_OK);
	assert_int_equal(r.n, 4);
	assert_int_equal(calib_rows(&rows, &n, &replaced, &r, &cat, &flags, &d), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(replaced, 2);
	free(rows);
	calib_release(&r);

	/* the later run of a shape replaces the earlier in the earlier's place */
	{
		static const char text[] =
			"{\"output_throughput\": 1, \"completed\": 1, \"total_input_tokens\": 10, \"total_output_tokens\": 5}\n"
			"{\"output_throughput\": 2, \"completed\": 1, \"total_input_tokens\": 20, \"total_output_tokens\": 5}\n"
			"{\"output_throughput\": 3, \"completed\": 1, \"total_input_tokens\": 10, \"total_output_tokens\": 5}\n"
			"{\"output_throughput\": 4, \"completed\": 1, \"total_input_tokens\": 10, \"total_output_tokens\": 5,"
			" \"max_concurrency\": 8}\n";
		assert_int_equal(calib_parse(&r, CALIB_VLLM, "t.json", text, strlen(text), &d), ST_OK);
		assert_int_equal(calib_rows(&rows, &n, &replaced, &r, &cat, &flags, &d), ST_OK);
		assert_int_equal(n, 3);
		assert_int_equal(replaced, 1);
		assert_true(rows[0].output_tokens_per_s == 3 && rows[0].loc.line == 3);
		assert_true(rows[1].output_tokens_per_s == 2);
		assert_true(rows[2].output_tokens_per_s == 4 && rows[2].concurrency == 8);
		free(rows);
		calib_release(&r);
	}
	catalog_release(&cat);
}

static void file_values_that_are_not_catalog_ids_name_the_flag(void **state)
{
	static const char trt[] =
		"{\"engine\": {\"model\": \"llama-3.1-8b\", \"quantization\": \"MIXED_PRECISION\"},"
		" \"machine\": {\"name\": \"h100-sxm\"}, \"world_info\": {\"tp_size\": %s, \"pp_size\": 1},"
		" \"request_info\": {\"avg_input_length\": 100, \"avg_output_length\": 10},"
		" \"performance\": {\"system_output_throughput_tok_s\": 50}}";
	char text[600], msg[600];
	struct calib_flags none = {0}, prec = {.precision = "fp8"};

	(void)state;
	snprintf(text, sizeof(text), trt, "1");
	assert_int_equal(rows_of(CALIB_TRTLLM_BENCH, text, &none, msg, sizeof(msg)), ST_INPUT);
	assert_string_equal(msg, "--precision: t.json gives precision 'MIXED_PRECISION', which llmtco does not model; give --precision P");
	assert_int_equal(rows_of(CALIB_TRTLLM_BENCH, text, &prec, msg, sizeof(msg)), ST_OK);
	snprintf(text, sizeof(text), trt, "3");
	assert_int_equal(rows_of(CALIB_TRTLLM_BENCH, text, &prec, msg, sizeof(msg)), ST_INPUT);
	assert_string_equal(msg, "--tp: t.json gives tensor parallelism 3; llmtco models 1, 2, 4 or 8");
	prec.tensor_parallel = 4;
	assert_int_equal(rows_of(CALIB_TRTLLM_BENCH, text, &prec, msg, sizeof(msg)), ST_OK);
	/* GenAI-Perf's model names: one at a time, an id or a flag */
	assert_int_equal(rows_of(CALIB_GENAI_PERF,
				 "{\"output_token_throughput\": {\"unit\": \"tokens/sec\", \"avg\": 5},"
				 " \"input_config\": {\"model_names\": [\"a\", \"b\"]}}",
				 &none, msg, sizeof(msg)),
			 ST_INPUT);
	assert_string_equal(msg, "t.json: no 'input_sequence_length.avg' (input tokens per request) in this genai-perf result");
	assert_int_equal(rows_of(CALIB_GENAI_PERF,
				 "{\"output_token_throughput\": {\"unit\": \"tokens/sec\", \"avg\": 5},"
				 " \"input_sequence_length\": {\"avg\": 5}, \"output_sequence_length\": {\"avg\": 5},"
				 " \"input_config\": {\"model_names\": [\"a\", \"b\"]}}",
				 &none, msg, sizeof(msg)),
			 ST_INPUT);
	assert_string_equal(msg, "t.json: the run names 2 models; calibrate one model at a time");
	assert_int_equal(rows_of(CALIB_GENAI_PERF,
				 "{\"output_token_throughput\": {\"unit\": \"tokens/sec\", \"avg\": 5},"
				 " \"input_sequence_length\": {\"avg\": 5}, \"output_sequence_length\": {\"avg\": 5},"
				 " \"input_config\": {\"model_names\": [\"llama-3.1-8bb\"]}}",
				 &none, msg, sizeof(msg)),
			 ST_INPUT);
	assert_string_equal(msg, "--model: t.json names model 'llama-3.1-8bb', not an open model id of the catalog (did you mean 'llama-3.1-8b'?); give --model ID");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vllm_save_result_reads_totals_percentiles_and_date),
		cmocka_unit_test(vllm_appended_results_are_one_run_per_line),
		cmocka_unit_test(sglang_jsonl_takes_python_infinity_and_null_concurrency),
		cmocka_unit_test(genai_perf_reads_new_and_old_input_config_and_aiperf),
		cmocka_unit_test(trtllm_bench_report_carries_tp_precision_and_kv_cache),
		cmocka_unit_test(llmperf_summary_takes_nan_and_seconds),
		cmocka_unit_test(bad_files_name_the_missing_field_and_the_place),
		cmocka_unit_test(python_tokens_are_values_only_outside_strings),
		cmocka_unit_test(a_date_that_does_not_exist_is_left_out),
		cmocka_unit_test(flags_fill_what_the_file_lacks_and_its_ids_must_be_the_catalogs),
		cmocka_unit_test(file_values_that_are_not_catalog_ids_name_the_flag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
