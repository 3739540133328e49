/*
 * test_scenario.c - scenario reading: the three workload forms, defaults,
 * layering of assumptions, and command-line overrides.
 */
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
#include "model/scenario.h"

static struct catalog cat;

static int setup(void **state)
{
	struct diag d = {0};
	(void)state;
	catalog_init(&cat);
	return catalog_add_builtin(&cat, &d);
}

static int teardown(void **state)
{
	(void)state;
	catalog_release(&cat);
	return 0;
}

static const char head[] = "schema_version: 1\noptions:\n  - api: gpt-4o\n";

/* Loads `head` + `body` with overrides over catalog `c`; asserts success. */
static void load_in(const struct catalog *c, struct scenario *sc, const char *body,
		    const struct override *ov, size_t n, struct assumptions *a, struct workload *w)
{
	char text[2048];
	struct diag d = {0};

	snprintf(text, sizeof(text), "%s%s", head, body);
	if (scenario_load(sc, c, "t.yaml", text, strlen(text), ov, n, 0, &d)) {
		print_error("%s:%u:%u: %s\n", d.file, d.line, d.col, d.msg);
		fail();
	}
	scenario_assumptions(a, sc, c);
	scenario_workload(w, sc, a);
}

static void load(struct scenario *sc, const char *body, const struct override *ov, size_t n,
		 struct assumptions *a, struct workload *w)
{
	load_in(&cat, sc, body, ov, n, a, w);
}

static void tokens_per_day_scale_by_hours_per_month_over_24(void **state)
{
	struct scenario sc;
	struct assumptions a;
	struct workload w;
	(void)state;
	load(&sc, "workload:\n  input_tokens_per_day: 10M\n  output_tokens_per_day: 1M\n", NULL, 0, &a, &w);
	assert_true(w.t_in == 10e6 * 730 / 24);
	assert_true(w.t_out == 1e6 * 730 / 24);
	assert_false(w.has_requests);
	assert_true(w.context_tokens == 2048);
	scenario_release(&sc);
}

static void requests_give_tokens_and_context(void **state)
{
	struct scenario sc;
	struct assumptions a;
	struct workload w;
	(void)state;
	load(&sc,
	     "workload:\n  requests_per_day: 1000\n  input_tokens_per_request: 1200\n"
	     "  output_tokens_per_request: 300\nassumptions:\n  hours_per_month: 720\n",
	     NULL, 0, &a, &w);
	assert_true(w.has_requests);
	assert_true(w.requests == 30000);
	assert_true(w.t_in == 30000 * 1200.0);
	assert_true(w.t_out == 30000 * 300.0);
	assert_true(w.context_tokens == 1350);
	assert_true(w.peak_to_average == 1);
	assert_string_equal(a.source[A_HOURS_PER_MONTH], "scenario");
	scenario_release(&sc);
}

static void set_overrides_scenario_which_overrides_catalog_defaults(void **state)
{
	static const char layer[] = "schema_version: 1\ndefaults:\n  pue: 1.2\n  max_batch: 64\n";
	struct override ov[] = {{OV_SET, "assumptions.pue=1.6", "--set"},
				{OV_SET, "engineering_fte=0.5", "--set"}};
	struct scenario sc;
	struct assumptions a;
	struct workload w;
	struct diag d = {0};
	struct catalog layered;
	(void)state;
	catalog_init(&layered);
	assert_int_equal(catalog_add_builtin(&layered, &d), ST_OK);
	assert_int_equal(catalog_add(&layered, "layer.yaml", layer, sizeof(layer) - 1, &d), ST_OK);
	load_in(&layered, &sc,
	     "workload:\n  input_tokens_per_month: 1B\n  output_tokens_per_month: 1B\n"
	     "assumptions:\n  pue: 1.3\n",
	     ov, 2, &a, &w);
	assert_true(a.v[A_PUE] == 1.6);
	assert_string_equal(a.source[A_PUE], "set");
	assert_true(a.v[A_MAX_BATCH] == 64);
	assert_string_equal(a.source[A_MAX_BATCH], "catalog:layer.yaml");
	assert_true(a.v[A_ENGINEERING_FTE] == 0.5);
	assert_true(a.v[A_GPU_MEMORY_UTILIZATION] == 0.9);
	assert_string_equal(a.source[A_GPU_MEMORY_UTILIZATION], "default");
	scenario_release(&sc);
	catalog_release(&layered);
}

static void a_volume_from_the_command_line_replaces_the_files_form(void **state)
{
	struct override ov[] = {{OV_SET, "workload.input_tokens_per_month=2B", "--input-tokens"},
				{OV_SET, "workload.output_tokens_per_month=1B", "--output-tokens"}};
	struct scenario sc;
	struct assumptions a;
	struct workload w;
	(void)state;
	load(&sc,
	     "workload:\n  requests_per_day: 1000\n  input_tokens_per_request: 1200\n"
	     "  output_tokens_per_request: 300\n",
	     ov, 2, &a, &w);
	assert_false(w.has_requests);
	assert_true(w.t_in == 2e9 && w.t_out == 1e9);
	scenario_release(&sc);
}

static void option_shortcuts_add_options_with_ids(void **state)
{
	struct override ov[] = {{OV_API, "together-llama-3.1-70b", "--api"},
				{OV_SELF_HOST, "llama-3.1-70b@h100-sxm:fp8:spot/aws", "--self-host"}};
	struct scenario sc;
	struct assumptions a;
	struct workload w;
	(void)state;
	load(&sc, "workload:\n  input_tokens_per_month: 1B\n  output_tokens_per_month: 1B\n", ov, 2, &a, &w);
	assert_int_equal(sc.n_options, 3);
	assert_string_equal(sc.options[1].id, "managed:together-llama-3.1-70b");
	assert_string_equal(sc.options[2].id, "self_hosted:llama-3.1-70b@h100-sxm:fp8:spot/aws");
	assert_int_equal(sc.options[2].tensor_parallel, 0);
	scenario_release(&sc);
}

static void a_bad_set_value_names_the_flag(void **state)
{
	static const char text[] = "schema_version: 1\noptions:\n  - api: gpt-4o\nworkload:\n"
				   "  input_tokens_per_month: 1B\n  output_tokens_per_month: 1B\n";
	struct override ov[] = {{OV_SET, "workload.peak_to_average=abc", "--set"}};
	struct scenario sc;
	struct diag d = {0};
	(void)state;
	assert_int_equal(scenario_load(&sc, &cat, "t.yaml", text, sizeof(text) - 1, ov, 1, 0, &d), ST_INPUT);
	assert_string_equal(d.file, "--set workload.peak_to_average=abc");
	assert_int_equal(d.line, 0);
	assert_string_equal(d.msg, "'peak_to_average' must be a finite number, got 'abc'");
	scenario_release(&sc);
}

static void horizon_rates_read_as_numbers_or_percentages(void **state)
{
	static const char text[] = "schema_version: 1\noptions:\n  - api: gpt-4o\nworkload:\n"
				   "  input_tokens_per_month: 1B\n  output_tokens_per_month: 1B\n"
				   "horizon:\n  months: 24\n  volume_growth_per_month: 5%\n"
				   "  api_price_change_per_year: -0.2\n";
	struct override ov[] = {{OV_SET, "horizon.purchase_lead_time_months=3", "--lead-time"},
				{OV_SET, "horizon.discount_rate_per_year=8%", "--discount-rate"}};
	struct horizon_params p;
	struct scenario sc;
	struct diag d = {0};
	(void)state;
	assert_int_equal(scenario_load(&sc, &cat, "t.yaml", text, sizeof(text) - 1, ov, 2, 0, &d), ST_OK);
	assert_int_equal(horizon_resolve(&p, &sc.horizon, &d), ST_OK);
	assert_int_equal(p.months, 24);
	assert_true(p.growth == 0.05);
	assert_true(p.api_change == -0.2);
	assert_true(p.gpu_change == 0);
	assert_true(p.discount == 0.08);
	assert_int_equal(p.lead_time, 3);
	assert_int_equal(sc.horizon.loc[HZ_MONTHS].line, 8);
	assert_false(sc.horizon.given[HZ_GPU_PRICE_CHANGE]);
	scenario_release(&sc);
	ov[0].text = "horizon.purchase_lead_time_months=24";
	assert_int_equal(scenario_load(&sc, &cat, "t.yaml", text, sizeof(text) - 1, ov, 1, 0, &d), ST_INPUT);
	assert_string_equal(d.file, "--lead-time horizon.purchase_lead_time_months=24");
	scenario_release(&sc);
	ov[0].text = "horizon.volume_growth_per_month=%";
	assert_int_equal(scenario_load(&sc, &cat, "t.yaml", text, sizeof(text) - 1, ov, 1, 0, &d), ST_INPUT);
	assert_string_equal(d.msg, "'volume_growth_per_month' must be a number or a percentage such as 5%");
	scenario_release(&sc);
}

/* Scenario texts that fail where they go wrong, message by message. */
static void bad_scenarios_fail_at_their_place(void **state)
{
#define WL "schema_version: 1\nworkload:\n  input_tokens_per_month: 1M\n  output_tokens_per_month: 1M\n"
#define OPT "options:\n  - api: gpt-4o\n"
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{WL OPT "requirements:\n  allowed_providers: {a: 1}\n",
		 "t.yaml:8:22: 'allowed_providers' must be a list of provider names"},
		{WL OPT "requirements:\n  allowed_providers: []\n",
		 "t.yaml:8:22: 'allowed_providers' must name at least one provider"},
		{WL OPT "requirements:\n  allowed_providers: 'openai,,azure'\n",
		 "t.yaml:8:22: 'allowed_providers' needs provider names, got 'openai,,azure'"},
		{WL OPT "requirements:\n  min_quality_tier: 1.5\n",
		 "t.yaml:8:21: 'min_quality_tier' must be 1, 2 or 3, got 1.5"},
		{WL "  profile: [1, 2]\n" OPT,
		 "t.yaml:5:12: 'profile' must be a shape name (flat, business_hours, diurnal, batch_nightly) or {hourly: [24 numbers], weekend: W}"},
		{WL "  profile: {weekend: 0.5}\n" OPT,
		 "t.yaml:5:12: a custom profile needs 'hourly': 24 numbers, hour 0 to 23"},
		{"schema_version: 1\nworkload:\n  peak_to_average: 2\n" OPT,
		 "t.yaml:3:3: workload needs a volume: input_tokens_per_month and output_tokens_per_month, the same per day, or requests_per_month (or _per_day) with input_tokens_per_request and output_tokens_per_request"},
		{"schema_version: 1\n" OPT, "t.yaml:1:1: missing required key 'workload'"},
		{WL, "t.yaml:1:1: missing required key 'options'"},
		{"schema_version: 1\nworkload:\n  requests_per_month: 1000\n  requests_per_day: 30\n"
		 "  input_tokens_per_request: 100\n  output_tokens_per_request: 10\n" OPT,
		 "t.yaml:4:21: give 'requests_per_month' or 'requests_per_day', not both"},
		{"schema_version: 1\nworkload:\n  input_tokens_per_request: 100\n  output_tokens_per_request: 10\n" OPT,
		 "t.yaml:3:29: per-request token counts need 'requests_per_month' or 'requests_per_day' (--requests-per-month N)"},
		{WL "options:\n  - self_hosted: {model: llama-3.1-8b, gpu: h100-sxm, pricing: owned, provider: lambda}\n",
		 "t.yaml:6:81: 'provider' names a rental price row; pricing 'owned' has none"},
		{WL "options:\n  - hybrid: {overflow: gpt-4o}\n",
		 "t.yaml:6:13: a hybrid needs 'self_hosted': its base deployment"},
		{WL "options:\n  - hybrid: {self_hosted: {model: llama-3.1-8b, gpu: h100-sxm}}\n",
		 "t.yaml:6:13: a hybrid needs 'overflow': the api or managed id that takes what the base cannot"},
		{WL "options:\n  - hybrid: {self_hosted: {model: llama-3.1-8b, gpu: h100-sxm}, overflow: gpt-4o, replicas: 1.5}\n",
		 "t.yaml:6:93: 'replicas' must be 'auto' or a whole number >= 1, got '1.5'"},
		{WL OPT "thresholds: {metric: monthly_cost}\n", "t.yaml:7:13: 'thresholds' must be a list"},
		{WL OPT "thresholds:\n  - {metric: requirements_met, max: 2}\n",
		 "t.yaml:8:37: metric 'requirements_met' takes no 'max': it fails when no option meets the scenario's requirements"},
		{WL OPT "thresholds:\n  - {metric: cheapest_kind}\n", "t.yaml:8:5: metric 'cheapest_kind' needs 'equals'"},
		{WL OPT "thresholds:\n  - {metric: cheapest_kind, equals: api, max: 1}\n",
		 "t.yaml:8:5: metric 'cheapest_kind' takes 'equals', not 'max' or 'min'"},
		{WL OPT "thresholds:\n  - {metric: monthly_cost, equals: api}\n",
		 "t.yaml:8:36: metric 'monthly_cost' takes 'max' or 'min', not 'equals'"},
		{WL OPT "thresholds:\n  - {metric: monthly_cost}\n", "t.yaml:8:5: metric 'monthly_cost' needs 'max' or 'min'"},
		{WL OPT "uncertainty:\n  draws: 10.5\n", "t.yaml:8:10: 'draws' must be a whole number"},
		{WL OPT "uncertainty:\n  seed: 1.5\n", "t.yaml:8:9: 'seed' must be a whole number from 0 to 2^53"},
		{WL OPT "uncertainty:\n  ranges: [1]\n", "t.yaml:8:11: 'ranges' must be a mapping of keys to ranges"},
	};
#undef WL
#undef OPT
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct scenario sc;
		struct diag d = {0};
		char buf[700];
		if (scenario_load(&sc, &cat, "t.yaml", cases[i].text, strlen(cases[i].text), NULL, 0, 0, &d) !=
		    ST_INPUT)
			fail_msg("accepted:\n%s", cases[i].text);
		diag_format(&d, buf, sizeof(buf));
		if (strcmp(buf, cases[i].msg) != 0)
			fail_msg("case %zu\n got  %s\n want %s", i, buf, cases[i].msg);
		scenario_release(&sc);
	}
}

/* Command-line overrides that are not KEY=VALUE, or name no key. */
static void bad_overrides_name_the_flag(void **state)
{
	static const struct {
		struct override ov;
		const char *msg;
	} cases[] = {
		{{OV_SET, "peak_to_average", "--set"}, "--set peak_to_average: expected KEY=VALUE"},
		{{OV_SET, "=2", "--set"}, "--set =2: expected KEY=VALUE"},
		{{OV_SET, "zzzzzzzzzz=2", "--set"},
		 "--set zzzzzzzzzz=2: unknown key 'zzzzzzzzzz'; use workload.KEY, assumptions.KEY or a dotted path"},
		{{OV_SET, "peak_to_averag=2", "--set"},
		 "--set peak_to_averag=2: unknown key 'peak_to_averag' (did you mean 'workload.peak_to_average'?)"},
		{{OV_SET, "engineering_ft=2", "--set"},
		 "--set engineering_ft=2: unknown key 'engineering_ft' (did you mean 'assumptions.engineering_fte'?)"},
	};
	static const char text[] = "schema_version: 1\nworkload: {input_tokens_per_month: 1M, output_tokens_per_month: 1M}\n"
				   "options:\n  - api: gpt-4o\n";
	char long_key[400];
	struct override lk = {OV_SET, long_key, "--set"};
	struct scenario sc;
	struct diag d = {0};
	char buf[900];
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&d, 0, sizeof(d));
		assert_int_equal(scenario_load(&sc, &cat, "t.yaml", text, strlen(text), &cases[i].ov, 1, 0, &d),
				 ST_INPUT);
		diag_format(&d, buf, sizeof(buf));
		if (strcmp(buf, cases[i].msg) != 0)
			fail_msg("got  %s\nwant %s", buf, cases[i].msg);
		scenario_release(&sc);
	}
	memset(long_key, 'k', 300);
	strcpy(long_key + 300, "=1");
	assert_int_equal(scenario_load(&sc, &cat, "t.yaml", text, strlen(text), &lk, 1, 0, &d), ST_INPUT);
	assert_string_equal(d.msg, "key too long");
	scenario_release(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokens_per_day_scale_by_hours_per_month_over_24),
		cmocka_unit_test(requests_give_tokens_and_context),
		cmocka_unit_test(set_overrides_scenario_which_overrides_catalog_defaults),
		cmocka_unit_test(a_volume_from_the_command_line_replaces_the_files_form),
		cmocka_unit_test(option_shortcuts_add_options_with_ids),
		cmocka_unit_test(a_bad_set_value_names_the_flag),
		cmocka_unit_test(horizon_rates_read_as_numbers_or_percentages),
		cmocka_unit_test(bad_scenarios_fail_at_their_place),
		cmocka_unit_test(bad_overrides_name_the_flag),
	};
	int rc;
	setup(NULL);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	teardown(NULL);
	return rc;
}
