/*
 * test_report.c - report writers: JSON numbers are numbers and round-trip,
 * infeasible figures are null with a reason, CSV is raw.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "load/builtin.h"
#include "load/catalog_load.h"
#include "load/scenario_load.h"
#include "report/report.h"

struct fixture {
	struct catalog cat;
	struct scenario sc;
	struct assumptions a;
	struct workload w;
	struct option_result res[8];
	size_t order[8];
	struct run run;
	struct compare_result c;
};

static struct fixture F;

/* Loads the built-in catalog, catalog file text `layer` over it (unless
 * NULL) and the `--set catalog.` overrides sets[0..n_sets), and evaluates
 * `scenario` with the command-line overrides ov[0..n_ov) against it. */
static void build_ov(const char *scenario, const char *layer, const char *const *sets,
		     size_t n_sets, const struct override *ov, size_t n_ov)
{
	struct diag d = {0};

	memset(&F, 0, sizeof(F));
	catalog_init(&F.cat);
	assert_int_equal(catalog_add_builtin(&F.cat, &d), ST_OK);
	if (layer && catalog_add(&F.cat, "layer.yaml", layer, strlen(layer), &d)) {
		print_error("%u:%u %s\n", d.line, d.col, d.msg);
		fail();
	}
	for (size_t i = 0; i < n_sets; i++) {
		if (catalog_set(&F.cat, sets[i], "--set", &d)) {
			print_error("%s\n", d.msg);
			fail();
		}
	}
	assert_int_equal(catalog_check(&F.cat, &d), ST_OK);
	if (scenario_load(&F.sc, &F.cat, "t.yaml", scenario, strlen(scenario), ov, n_ov, 0, &d)) {
		print_error("%u:%u %s\n", d.line, d.col, d.msg);
		fail();
	}
	scenario_assumptions(&F.a, &F.sc, &F.cat);
	scenario_workload(&F.w, &F.sc, &F.a);
	for (size_t i = 0; i < F.sc.n_options; i++)
		engine_evaluate(&F.res[i], &F.sc.options[i], &F.w, &F.cat, &F.a);
	compare_rank(F.order, F.res, F.sc.n_options);
	F.c = (struct compare_result){F.res, F.order, F.sc.n_options, NULL};
	F.run = (struct run){.command = "compare", .version = "test", .cat = &F.cat, .sc = &F.sc,
			     .a = &F.a, .w = &F.w, .current = &F.c};
}

static void build_with(const char *scenario, const char *layer, const char *const *sets,
		       size_t n_sets)
{
	build_ov(scenario, layer, sets, n_sets, NULL, 0);
}

static void build(const char *scenario)
{
	build_with(scenario, NULL, NULL, 0);
}

static void teardown(void)
{
	scenario_release(&F.sc);
	catalog_release(&F.cat);
}

static const char scenario[] =
	"schema_version: 1\n"
	"workload:\n  input_tokens_per_month: 500M\n  output_tokens_per_month: 100M\n"
	"options:\n"
	"  - api: gpt-4o\n"
	"  - self_hosted: {model: llama-3.1-405b, gpu: l4, precision: bf16, tensor_parallel: 1}\n"
	"  - self_hosted: {model: llama-3.1-70b, gpu: h100-sxm, precision: fp8}\n";

static void json_has_the_contract_fields_and_nulls_for_infeasible(void **state)
{
	struct sbuf out;
	cJSON *doc, *opts, *first, *bad = NULL, *it;
	(void)state;
	build(scenario);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	assert_non_null(doc);
	assert_int_equal(cJSON_GetObjectItem(doc, "schema_version")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItem(doc, "command")->valuestring, "compare");
	assert_true(cJSON_IsArray(cJSON_GetObjectItem(doc, "inputs")));
	assert_true(cJSON_IsArray(cJSON_GetObjectItem(doc, "warnings")));
	opts = cJSON_GetObjectItem(doc, "options");
	assert_int_equal(cJSON_GetArraySize(opts), 3);
	first = cJSON_GetArrayItem(opts, 0);
	assert_string_equal(cJSON_GetObjectItem(doc, "cheapest")->valuestring,
			    cJSON_GetObjectItem(first, "id")->valuestring);
	/* the API's total reads back as the engine's double */
	cJSON_ArrayForEach(it, opts)
	{
		if (strcmp(cJSON_GetObjectItem(it, "id")->valuestring, "api:gpt-4o") == 0)
			assert_true(cJSON_GetObjectItem(cJSON_GetObjectItem(it, "monthly_cost"), "total")->valuedouble == 2250);
		if (!cJSON_IsTrue(cJSON_GetObjectItem(it, "feasible")))
			bad = it;
	}
	assert_non_null(bad);
	assert_string_equal(cJSON_GetObjectItem(bad, "reason")->valuestring, "does_not_fit");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(bad, "monthly_cost")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(bad, "cost_per_mtok")));
	/* infeasible options come last */
	assert_ptr_equal(bad, cJSON_GetArrayItem(opts, 2));
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();
}

static void inputs_echo_every_figure_a_total_depends_on(void **state)
{
	struct sbuf out;
	cJSON *doc, *it;
	int found = 0;
	(void)state;
	build(scenario);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(doc, "inputs"))
	{
		const char *key = cJSON_GetObjectItem(it, "key")->valuestring;
		found += strcmp(key, "catalog.api_models.gpt-4o.input_per_mtok") == 0;
		found += strcmp(key, "catalog.gpus.h100-sxm.memory_bandwidth_gb_s") == 0;
		found += strcmp(key, "catalog.open_models.llama-3.1-70b.params_b") == 0;
		found += strcmp(key, "assumptions.engineer_annual_cost") == 0;
		found += strcmp(key, "workload.input_tokens_per_month") == 0;
		found += strncmp(key, "catalog.gpus.h100-sxm.prices.", 29) == 0;
	}
	assert_int_equal(found, 6);
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();
}

/* The inputs rows of key `key` in `doc`: how many, and the last in *row. */
static int input_rows(const cJSON *doc, const char *key, const cJSON **row)
{
	const cJSON *it;
	int n = 0;

	cJSON_ArrayForEach(it, cJSON_GetObjectItem(doc, "inputs"))
	{
		if (strcmp(cJSON_GetObjectItem(it, "key")->valuestring, key) == 0) {
			n++;
			*row = it;
		}
	}
	return n;
}

static void a_catalog_figure_set_is_listed_once_as_set(void **state)
{
	/* the price row named with ".x1", which the figure's key leaves out */
	static const char *const sets[] = {
		"catalog.api_models.gpt-4o.input_per_mtok=3",
		"catalog.gpus.h100-sxm.prices.nebius.on_demand.x1.per_gpu_hour=0.5",
		"catalog.gpus.l4.vram_gb=30", /* no option uses it: listed all the same */
	};
	static const char sc[] =
		"schema_version: 1\n"
		"workload:\n  input_tokens_per_month: 500M\n  output_tokens_per_month: 100M\n"
		"options:\n"
		"  - api: gpt-4o\n"
		"  - self_hosted: {model: llama-3.1-70b, gpu: h100-sxm, precision: fp8, provider: nebius}\n";
	struct sbuf out;
	cJSON *doc;
	const cJSON *row = NULL;
	(void)state;
	build_with(sc, NULL, sets, 3);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	assert_int_equal(input_rows(doc, "catalog.api_models.gpt-4o.input_per_mtok", &row), 1);
	assert_string_equal(cJSON_GetObjectItem(row, "source")->valuestring, "set");
	assert_true(cJSON_GetObjectItem(row, "value")->valuedouble == 3);
	assert_null(cJSON_GetObjectItem(row, "as_of"));
	assert_int_equal(input_rows(doc, "catalog.gpus.h100-sxm.prices.nebius.on_demand.per_gpu_hour", &row), 1);
	assert_string_equal(cJSON_GetObjectItem(row, "source")->valuestring, "set");
	assert_int_equal(input_rows(doc, "catalog.gpus.h100-sxm.prices.nebius.on_demand.x1.per_gpu_hour", &row), 0);
	assert_int_equal(input_rows(doc, "catalog.gpus.l4.vram_gb", &row), 1);
	assert_string_equal(cJSON_GetObjectItem(row, "source")->valuestring, "set");
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();
}

/* The value of the inputs row of key `key` (a number), NAN when absent. */
static double input_value(const cJSON *doc, const char *key)
{
	const cJSON *row = NULL;

	return input_rows(doc, key, &row) ? cJSON_GetObjectItem(row, "value")->valuedouble : NAN;
}

static void inputs_echo_the_figures_the_roofline_reads(void **state)
{
	/* a run capped at 64 requests in flight calibrates qwen3-32b on l40s */
	static const char layer[] =
		"throughput:\n"
		"  - {model: qwen3-32b, gpu: l40s, precision: fp8, tensor_parallel: 2,\n"
		"     input_tokens: 1000, output_tokens: 1000, output_tokens_per_s: 900,\n"
		"     concurrency: 64, kv_cache_precision: fp8,\n"
		"     source: https://example.invalid/run, as_of: 2026-11-01}\n";
	static const char *const sets[] = {"catalog.gpus.l40s.interconnect_gb_s=450"};
	static const char sc[] =
		"schema_version: 1\n"
		"workload:\n  input_tokens_per_month: 500M\n  output_tokens_per_month: 100M\n"
		"options:\n"
		"  - self_hosted: {model: qwen3-32b, gpu: l40s, precision: fp8, tensor_parallel: 2}\n"
		"  - self_hosted: {model: gpt-oss-120b, gpu: h200, precision: fp4, tensor_parallel: 1}\n";
	static const char *const tput = "catalog.throughput.qwen3-32b@l40s:fp8:tp2.";
	char key[128];
	struct sbuf out;
	cJSON *doc;
	const cJSON *row = NULL;
	(void)state;

	build_with(sc, layer, NULL, 0);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	/* model.md 3.2: the all-reduce of tp 2 and the attention term */
	assert_true(input_value(doc, "catalog.gpus.l40s.interconnect_gb_s") == 32);
	assert_true(input_value(doc, "catalog.open_models.qwen3-32b.hidden_size") == 5120);
	assert_true(input_value(doc, "catalog.open_models.qwen3-32b.layers") == 64);
	/* model.md 3.1: the stored checkpoint size at the option's precision only */
	assert_true(input_value(doc, "catalog.open_models.gpt-oss-120b.stored_weights_gb.fp4") == 65.3);
	assert_true(isnan(input_value(doc, "catalog.open_models.gpt-oss-120b.stored_weights_gb.bf16")));
	/* a tp fixed at 1 reads no interconnect */
	assert_true(isnan(input_value(doc, "catalog.gpus.h200.interconnect_gb_s")));
	/* model.md 3.2 calibration: the row's run conditions */
	snprintf(key, sizeof(key), "%sconcurrency", tput);
	assert_true(input_value(doc, key) == 64);
	snprintf(key, sizeof(key), "%skv_cache_precision", tput);
	assert_int_equal(input_rows(doc, key, &row), 1);
	assert_string_equal(cJSON_GetObjectItem(row, "value")->valuestring, "fp8");
	assert_string_equal(cJSON_GetObjectItem(row, "source")->valuestring, "catalog:layer.yaml");
	assert_string_equal(cJSON_GetObjectItem(row, "as_of")->valuestring, "2026-11-01");
	assert_int_equal(input_rows(doc, "catalog.throughput.gpt-oss-120b@h200:fp4:tp1.kv_cache_precision", &row), 1);
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();

	/* the overridden link is listed once, as set */
	build_with(sc, layer, sets, 1);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	assert_int_equal(input_rows(doc, "catalog.gpus.l40s.interconnect_gb_s", &row), 1);
	assert_true(cJSON_GetObjectItem(row, "value")->valuedouble == 450);
	assert_string_equal(cJSON_GetObjectItem(row, "source")->valuestring, "set");
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();
}

/* The text value of the inputs row of key `key`, NULL when absent. */
static const char *input_string(const cJSON *doc, const char *key, const char **source)
{
	const cJSON *row = NULL;

	if (!input_rows(doc, key, &row))
		return NULL;
	*source = cJSON_GetObjectItem(row, "source")->valuestring;
	return cJSON_GetObjectItem(row, "value")->valuestring;
}

static void inputs_echo_the_profile_and_the_requirements(void **state)
{
	static const char sc[] =
		"schema_version: 1\n"
		"workload:\n  input_tokens_per_month: 500M\n  output_tokens_per_month: 100M\n"
		"  profile: {hourly: [1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 1, 1, 1, 1, 1, 1],\n"
		"            weekend: 0.5}\n"
		"options:\n  - api: gpt-4o\n  - api: claude-sonnet-4\n"
		"requirements:\n  min_quality_tier: 2\n  third_party_processing: allowed\n";
	static const struct override ov[] = {
		{OV_SET, "requirements.allowed_providers=openai, anthropic", "--require"},
		{OV_SET, "requirements.availability=0.99", "--require"},
	};
	struct sbuf out;
	cJSON *doc;
	const char *source = NULL;
	(void)state;

	build_ov(sc, NULL, NULL, 0, ov, 2);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	/* a custom profile: its name, each hour and the weekend, by --set paths */
	assert_string_equal(input_string(doc, "workload.profile", &source), "custom");
	assert_string_equal(source, "scenario");
	assert_true(input_value(doc, "workload.profile.hourly.0") == 1);
	assert_true(input_value(doc, "workload.profile.hourly.9") == 3);
	assert_true(input_value(doc, "workload.profile.hourly.23") == 1);
	assert_true(input_value(doc, "workload.profile.weekend") == 0.5);
	/* each requirement given, with where it came from */
	assert_true(input_value(doc, "requirements.min_quality_tier") == 2);
	assert_string_equal(input_string(doc, "requirements.third_party_processing", &source), "allowed");
	assert_string_equal(source, "scenario");
	assert_string_equal(input_string(doc, "requirements.allowed_providers", &source), "openai,anthropic");
	assert_string_equal(source, "set");
	assert_true(input_value(doc, "requirements.availability") == 0.99);
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();

	/* a named profile is its name; no requirement given, none listed */
	build_ov("schema_version: 1\nworkload:\n  input_tokens_per_month: 1M\n  output_tokens_per_month: 1M\n"
		 "  profile: diurnal\n"
		 "options:\n  - api: gpt-4o\n", NULL, NULL, 0, NULL, 0);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	assert_string_equal(input_string(doc, "workload.profile", &source), "diurnal");
	assert_true(isnan(input_value(doc, "workload.profile.weekend")));
	assert_null(input_string(doc, "requirements.third_party_processing", &source));
	assert_true(isnan(input_value(doc, "requirements.min_quality_tier")));
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();
}

static void inputs_echo_the_tiers_the_verdict_compares(void **state)
{
	/* a managed endpoint without a tier of its own takes its model's */
	static const char layer[] =
		"api_models:\n"
		"  - {id: my-qwen, kind: managed, provider: myhost, input_per_mtok: 1,\n"
		"     output_per_mtok: 1, open_model: qwen3-32b,\n"
		"     source: https://example.invalid/q, as_of: 2026-11-01}\n";
	static const char sc[] =
		"schema_version: 1\n"
		"workload:\n  input_tokens_per_month: 500M\n  output_tokens_per_month: 100M\n"
		"options:\n  - api: gpt-4o\n  - managed: my-qwen\n"
		"  - self_hosted: {model: llama-3.1-70b, gpu: h100-sxm, precision: fp8}\n";
	struct sbuf out;
	cJSON *doc;
	(void)state;

	build_with(sc, layer, NULL, 0);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	/* model.md 10 */
	assert_true(input_value(doc, "catalog.api_models.gpt-4o.quality_tier") == 2);
	assert_true(input_value(doc, "catalog.open_models.llama-3.1-70b.quality_tier") == 2);
	assert_true(input_value(doc, "catalog.open_models.qwen3-32b.quality_tier") == 3);
	assert_true(isnan(input_value(doc, "catalog.api_models.my-qwen.quality_tier")));
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();
}

static void csv_is_raw_numbers_with_a_header(void **state)
{
	struct sbuf out;
	(void)state;
	build(scenario);
	sbuf_init(&out);
	report_compare(&out, FMT_CSV, &F.run, &F.c);
	/* the option's parts and the currency, for pivot tables */
	assert_true(strncmp(out.buf, "id,kind,currency,model,gpu,precision,pricing,provider,api,feasible,reason,total,cost_per_mtok,", 94) == 0);
	assert_non_null(strstr(out.buf, "\napi:gpt-4o,api,USD,,,,,openai,gpt-4o,true,,2250,3.75,1250,0,0,1000,0,0,"));
	assert_null(strstr(out.buf, "$"));
	sbuf_release(&out);
	teardown();
}

/* model.md 10's last paragraph: gpt-4o-mini (tier 3) is cheapest at
 * 500M + 100M tokens ($135: 500 x 0.15 + 100 x 0.60); the second sentence
 * names the cheapest at tier 2, the managed Llama 70B endpoint ($528),
 * beating gpt-4o ($2,250). The same text in the JSON verdict. */
static void the_verdict_names_the_cheapest_at_the_best_tier(void **state)
{
	static const char tiers[] =
		"schema_version: 1\n"
		"workload:\n  input_tokens_per_month: 500M\n  output_tokens_per_month: 100M\n"
		"options:\n"
		"  - api: gpt-4o\n"
		"  - api: gpt-4o-mini\n"
		"  - managed: together-llama-3.1-70b\n";
	struct sbuf out;
	cJSON *doc, *v;
	(void)state;
	build(tiers);
	sbuf_init(&out);
	report_compare(&out, FMT_TABLE, &F.run, &F.c);
	assert_non_null(strstr(out.buf, "api:gpt-4o-mini (tier 3) is cheapest at $135/month"));
	assert_non_null(strstr(out.buf, " They are not alike in quality: at tier 2, managed:together-llama-3.1-70b "
					"is cheapest at $528/month, beating api:gpt-4o at $2,250/month.\n"));
	sbuf_release(&out);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	v = cJSON_GetObjectItem(doc, "verdict");
	assert_string_equal(cJSON_GetObjectItem(v, "reason")->valuestring, "cheapest_below_best_tier");
	assert_string_equal(cJSON_GetObjectItem(v, "cheapest_at_best_tier")->valuestring,
			    "managed:together-llama-3.1-70b");
	assert_string_equal(cJSON_GetObjectItem(v, "runner_up_at_best_tier")->valuestring, "api:gpt-4o");
	assert_true(cJSON_GetObjectItem(v, "best_quality_tier")->valuedouble == 2);
	assert_non_null(strstr(cJSON_GetObjectItem(v, "text")->valuestring, "at tier 2, managed:"));
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();
}

/* With min_quality_tier 2 the small model is excluded, kept with its
 * reason, and the verdict is a plain one among alike options. */
static void an_excluded_option_stays_with_its_reason(void **state)
{
	static const char tiers[] =
		"schema_version: 1\n"
		"workload:\n  input_tokens_per_month: 500M\n  output_tokens_per_month: 100M\n"
		"requirements:\n  min_quality_tier: 2\n"
		"options:\n"
		"  - api: gpt-4o\n"
		"  - api: gpt-4o-mini\n";
	struct sbuf out;
	cJSON *doc, *v;
	(void)state;
	build(tiers);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &F.run, &F.c);
	doc = cJSON_Parse(out.buf);
	v = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "options"), 1);
	assert_string_equal(cJSON_GetObjectItem(v, "reason")->valuestring, "below_quality_tier");
	assert_string_equal(cJSON_GetObjectItem(doc, "cheapest")->valuestring, "api:gpt-4o");
	v = cJSON_GetObjectItem(doc, "verdict");
	assert_string_equal(cJSON_GetObjectItem(v, "reason")->valuestring, "cheapest");
	assert_true(cJSON_GetObjectItem(v, "excluded")->valuedouble == 1);
	assert_true(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "requirements"), "min_quality_tier")->valuedouble == 2);
	cJSON_Delete(doc);
	sbuf_release(&out);
	teardown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_has_the_contract_fields_and_nulls_for_infeasible),
		cmocka_unit_test(inputs_echo_every_figure_a_total_depends_on),
		cmocka_unit_test(a_catalog_figure_set_is_listed_once_as_set),
		cmocka_unit_test(inputs_echo_the_figures_the_roofline_reads),
		cmocka_unit_test(inputs_echo_the_profile_and_the_requirements),
		cmocka_unit_test(inputs_echo_the_tiers_the_verdict_compares),
		cmocka_unit_test(csv_is_raw_numbers_with_a_header),
		cmocka_unit_test(the_verdict_names_the_cheapest_at_the_best_tier),
		cmocka_unit_test(an_excluded_option_stays_with_its_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
