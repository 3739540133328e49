/*
 * test_import.c - the LiteLLM and genai-prices importers on small price
 * files written here: per-token prices become per-1M ones, cached input,
 * batch discount, long context, what is skipped and why, the price date,
 * and that the catalog import_write_catalog writes loads back.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "load/catalog_load.h"
#include "load/import.h"
#include "model/catalog.h"
#include "util/sbuf.h"

/* Per token: $2.50 and $10 per 1M for gpt-x (cached $1.25, batch half
 * price both ways); 3e-07 is $0.30 per 1M, not 0.30000000000000004. */
static const char LITELLM[] =
	"{\n"
	" \"sample_spec\": {\"mode\": \"chat\", \"input_cost_per_token\": 0, \"output_cost_per_token\": 0},\n"
	" \"last_updated\": \"2026-07-24T18:23:43Z\",\n"
	" \"gpt-x\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\",\n"
	"   \"input_cost_per_token\": 2.5e-06, \"output_cost_per_token\": 1e-05,\n"
	"   \"cache_read_input_token_cost\": 1.25e-06,\n"
	"   \"input_cost_per_token_batches\": 1.25e-06, \"output_cost_per_token_batches\": 5e-06,\n"
	"   \"max_input_tokens\": 128000, \"tpm\": 30000000, \"supports_vision\": true},\n"
	" \"vertex_ai/Gemini Y\": {\"litellm_provider\": \"vertex_ai\", \"mode\": \"chat\",\n"
	"   \"input_cost_per_token\": 1.25e-06, \"output_cost_per_token\": 5e-06,\n"
	"   \"input_cost_per_token_above_200k_tokens\": 2.5e-06,\n"
	"   \"output_cost_per_token_above_200k_tokens\": 1e-05,\n"
	"   \"cache_read_input_token_cost_above_200k_tokens\": 6.25e-07,\n"
	"   \"input_cost_per_token_batches\": 6.25e-07, \"output_cost_per_token_batches\": 3e-06},\n"
	" \"cheap\": {\"litellm_provider\": \"groq\", \"mode\": \"chat\",\n"
	"   \"input_cost_per_token\": 3e-07, \"output_cost_per_token\": 7e-08},\n"
	" \"text-embedding-z\": {\"litellm_provider\": \"openai\", \"mode\": \"embedding\",\n"
	"   \"input_cost_per_token\": 2e-08, \"output_cost_per_token\": 0},\n"
	" \"no-mode\": {\"litellm_provider\": \"openai\", \"input_cost_per_token\": 1e-06},\n"
	" \"no-price\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\", \"input_cost_per_token\": 1e-06},\n"
	" \"neg\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\",\n"
	"   \"input_cost_per_token\": -1e-06, \"output_cost_per_token\": 1e-06},\n"
	" \"huge\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\",\n"
	"   \"input_cost_per_token\": 2, \"output_cost_per_token\": 1e-06},\n"
	" \"openai/gpt-x\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\",\n"
	"   \"input_cost_per_token\": 9e-06, \"output_cost_per_token\": 9e-06}\n"
	"}\n";

static const struct import_model *find(const struct import_result *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(r->models[i].id, id) == 0)
			return &r->models[i];
	}
	fail_msg("no model %s", id);
	return NULL;
}

static void litellm_per_token_to_per_million(void **state)
{
	struct import_result r = {0};
	struct diag d = {0};
	const struct import_model *m;
	(void)state;

	assert_int_equal(import_litellm(&r, "prices.json", LITELLM, "2026-01-01", &d), ST_OK);
	import_finish(&r);
	assert_int_equal(r.n, 3);
	/* sorted by id */
	assert_string_equal(r.models[0].id, "gpt-x");
	assert_string_equal(r.models[1].id, "groq-cheap"); /* a host's own name, prefixed */
	assert_string_equal(r.models[2].id, "vertex_ai-gemini-y");
	m = find(&r, "gpt-x");
	assert_true(m->input_per_mtok == 2.5);
	assert_true(m->output_per_mtok == 10);
	assert_true(m->cached_input_per_mtok == 1.25);
	assert_true(m->batch_discount == 0.5);
	assert_true(m->context_window == 128000);
	assert_true(m->rate_limit_tokens_per_min == 3e7);
	assert_false(m->has_long_context);
	assert_string_equal(m->provider, "openai");
	assert_string_equal(m->source_key, "gpt-x"); /* the first of the two, not openai/gpt-x */
	/* the map's own date beats the one given */
	assert_string_equal(m->as_of, "2026-07-24");
	m = find(&r, "groq-cheap");
	assert_true(m->input_per_mtok == 0.3);
	assert_true(m->output_per_mtok == 0.07);
	assert_true(isnan(m->cached_input_per_mtok));
	assert_true(isnan(m->batch_discount));
	assert_true(isnan(m->context_window));
	/* another host's model: the key as id; batch prices 50% and 40% off
	 * are no single discount */
	m = find(&r, "vertex_ai-gemini-y");
	assert_string_equal(m->name, "vertex_ai/Gemini Y");
	assert_true(isnan(m->batch_discount));
	assert_true(m->has_long_context);
	assert_true(m->lc_above == 200000);
	assert_true(m->lc_input == 2.5);
	assert_true(m->lc_output == 10);
	assert_true(m->lc_cached == 0.625);
	/* skips by reason */
	assert_int_equal(r.skipped[SKIP_NOT_CHAT], 2);  /* embedding, no mode */
	assert_int_equal(r.skipped[SKIP_NO_PRICE], 1);
	assert_int_equal(r.skipped[SKIP_BAD_PRICE], 2); /* negative, $2M per 1M */
	assert_int_equal(r.skipped[SKIP_DUPLICATE], 1);
	assert_int_equal(r.skipped[SKIP_RETIRED], 0);
	/* supports_vision, once */
	assert_int_equal(r.unmapped_fields, 1);
	assert_string_equal(r.unmapped_names[0], "supports_vision");
	import_release(&r);
}

static void litellm_date_and_errors(void **state)
{
	struct import_result r = {0};
	struct diag d = {0};
	char buf[600];
	(void)state;

	/* a date that is no date: the one given is kept */
	assert_int_equal(import_litellm(&r, "p.json",
					"{\"last_updated\": \"2026-02-30T00:00:00\", \"m\": {\"mode\": \"chat\", "
					"\"litellm_provider\": \"openai\", \"input_cost_per_token\": 1e-06, "
					"\"output_cost_per_token\": 2e-06}}",
					"2026-05-01", &d),
			 ST_OK);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.models[0].as_of, "2026-05-01");
	assert_true(r.models[0].input_per_mtok == 1 && r.models[0].output_per_mtok == 2);
	import_release(&r);
	/* none given, none in the map: undated */
	assert_int_equal(import_litellm(&r, "p.json",
					"{\"m\": {\"mode\": \"chat\", \"input_cost_per_token\": 1e-06, "
					"\"output_cost_per_token\": 2e-06}}",
					NULL, &d),
			 ST_OK);
	assert_null(r.models[0].as_of);
	assert_string_equal(r.models[0].provider, "unknown");
	assert_string_equal(r.models[0].id, "unknown-m");
	import_release(&r);
	/* not JSON: placed */
	assert_int_equal(import_litellm(&r, "p.json", "{\n  \"m\": [1,,]\n}", NULL, &d), ST_INPUT);
	diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "p.json:2:11: not valid JSON");
	import_release(&r);
	assert_int_equal(import_litellm(&r, "p.json", "[1]", NULL, &d), ST_INPUT);
	diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "p.json:1:1: expected LiteLLM's JSON object of models");
	import_release(&r);
}

/* genai-prices: a host that is not a model maker prefixes its ids. */
static const char GENAI[] =
	"id: acme\n"
	"pricing_urls: [https://acme.invalid/pricing]\n"
	"models:\n"
	"  - id: large\n"
	"    name: Acme Large\n"
	"    context_window: 1000000\n"
	"    prices_checked: 2026-07-29\n"
	"    prices:\n"
	"      input_mtok: {base: 3, tiers: [{start: 200000, price: 6}]}\n"
	"      cache_read_mtok: {base: 0.3, tiers: [{start: 200000, price: 0.6}]}\n"
	"      output_mtok: {base: 15, tiers: [{start: 200000, price: 22.5}]}\n"
	"      web_searches_kcount: 10\n"
	"  - id: dated\n"
	"    prices_checked: 2026-02-30\n"
	"    prices:\n"
	"      - prices: {input_mtok: 1, output_mtok: 4}\n"
	"      - constraint: {start_date: 2026-03-01}\n"
	"        prices: {input_mtok: 0.8, output_mtok: 3.2}\n"
	"      - constraint: {start_date: 2027-01-01}\n"
	"        prices: {input_mtok: 0.5, output_mtok: 2}\n"
	"  - id: future\n"
	"    prices:\n"
	"      - constraint: {start_date: 2030-01-01}\n"
	"        prices: {input_mtok: 1, output_mtok: 1}\n"
	"  - id: old\n"
	"    removed: true\n"
	"    prices: {input_mtok: 10, output_mtok: 30}\n"
	"  - id: embed\n"
	"    prices: {input_mtok: 0.02}\n"
	"  - id: unpriced\n"
	"  - id: negative\n"
	"    prices: {input_mtok: -1, output_mtok: 1}\n"
	"  - id: too-dear\n"
	"    prices: {input_mtok: 2000000, output_mtok: 1}\n"
	"  - id: Large\n"
	"    prices: {input_mtok: 7, output_mtok: 7}\n";

static void genai_prices_tiers_dates_and_skips(void **state)
{
	struct import_result r = {0};
	struct diag d = {0};
	const struct import_model *m;
	(void)state;

	r.undated_as_of = "2026-04-01";
	assert_int_equal(import_genai_prices(&r, "acme.yml", GENAI, strlen(GENAI), "2026-06-01", &d),
			 ST_OK);
	import_finish(&r);
	assert_int_equal(r.n, 2);
	m = find(&r, "acme-large");
	assert_string_equal(m->name, "Acme Large");
	assert_string_equal(m->source, "https://acme.invalid/pricing");
	assert_string_equal(m->as_of, "2026-07-29");
	/* genai-prices are per 1M already */
	assert_true(m->input_per_mtok == 3 && m->output_per_mtok == 15);
	assert_true(m->cached_input_per_mtok == 0.3);
	assert_true(m->context_window == 1e6);
	assert_true(m->has_long_context);
	assert_true(m->lc_above == 200000);
	assert_true(m->lc_input == 6 && m->lc_output == 22.5 && m->lc_cached == 0.6);
	/* the price that applies on 2026-06-01; 2026-02-30 is no date */
	m = find(&r, "acme-dated");
	assert_true(m->input_per_mtok == 0.8 && m->output_per_mtok == 3.2);
	assert_string_equal(m->as_of, "2026-04-01");
	assert_false(m->has_long_context);
	assert_int_equal(r.skipped[SKIP_NOT_CURRENT], 1);
	assert_int_equal(r.skipped[SKIP_RETIRED], 1);
	assert_int_equal(r.skipped[SKIP_NOT_CHAT], 1);
	assert_int_equal(r.skipped[SKIP_NO_PRICE], 1);
	assert_int_equal(r.skipped[SKIP_BAD_PRICE], 2);
	assert_int_equal(r.skipped[SKIP_DUPLICATE], 1); /* Large is large */
	assert_int_equal(r.unmapped_fields, 1);
	assert_string_equal(r.unmapped_names[0], "web_searches_kcount");
	import_release(&r);

	/* other dates pick other prices; undated stays undated */
	assert_int_equal(import_genai_prices(&r, "acme.yml", GENAI, strlen(GENAI), "2027-02-01", &d),
			 ST_OK);
	m = find(&r, "acme-dated");
	assert_true(m->input_per_mtok == 0.5 && m->output_per_mtok == 2);
	assert_null(m->as_of);
	assert_int_equal(r.skipped[SKIP_NOT_CURRENT], 1);
	import_release(&r);
	assert_int_equal(import_genai_prices(&r, "acme.yml", GENAI, strlen(GENAI), "2026-01-01", &d),
			 ST_OK);
	assert_true(find(&r, "acme-dated")->input_per_mtok == 1);
	import_release(&r);
}

static void genai_prices_json_and_errors(void **state)
{
	static const char json[] =
		"[{\"id\": \"openai\", \"models\": [{\"id\": \"gpt-q\", \"prices\": "
		"{\"input_mtok\": 1.1, \"output_mtok\": 4.4}}]},\n"
		" {\"id\": \"groq\", \"models\": [{\"id\": \"q\", \"prices\": "
		"{\"input_mtok\": 0.1, \"output_mtok\": 0.2}}]}]";
	struct import_result r = {0};
	struct diag d = {0};
	char buf[600];
	(void)state;

	assert_int_equal(import_genai_prices(&r, "data_v2.json", json, strlen(json), "2026-06-01", &d),
			 ST_OK);
	assert_int_equal(r.n, 2);
	assert_string_equal(find(&r, "gpt-q")->source, "https://github.com/pydantic/genai-prices");
	assert_true(find(&r, "groq-q")->output_per_mtok == 0.2);
	import_release(&r);
	/* a model with an empty id has nothing to write, and an empty name
	 * falls back to the id: the loader refuses empty names (found by
	 * fuzzing: the catalog written did not load) */
	{
		static const char blank[] =
			"[{\"id\": \"groq\", \"models\": [{\"id\": \"\", \"prices\": "
			"{\"input_mtok\": 1, \"output_mtok\": 2}}, {\"id\": \"q\", \"name\": \"\", "
			"\"prices\": {\"input_mtok\": 1, \"output_mtok\": 2}}]}]";
		assert_int_equal(import_genai_prices(&r, "b.json", blank, strlen(blank), "2026-06-01", &d),
				 ST_OK);
		assert_int_equal(r.n, 1);
		assert_int_equal(r.skipped[SKIP_NO_ID], 1);
		assert_string_equal(find(&r, "groq-q")->name, "q");
		import_release(&r);
	}
	/* a LiteLLM name with no ASCII letter or digit makes no id */
	{
		static const char odd[] = "{\"x/\\u040d\": {\"litellm_provider\": \"openai\", "
					  "\"mode\": \"chat\", \"input_cost_per_token\": 1e-06, "
					  "\"output_cost_per_token\": 2e-06}}";
		assert_int_equal(import_litellm(&r, "odd.json", odd, NULL, &d), ST_OK);
		assert_int_equal(r.n, 0);
		assert_int_equal(r.skipped[SKIP_NO_ID], 1);
		import_release(&r);
	}
	assert_int_equal(import_genai_prices(&r, "p.yml", "name: x\n", 8, "2026-06-01", &d), ST_INPUT);
	diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "p.yml:1:1: expected a genai-prices provider with 'id' and 'models'");
	import_release(&r);
	assert_int_equal(import_genai_prices(&r, "d.json", "[{]", 3, "2026-06-01", &d), ST_INPUT);
	assert_int_equal(d.line, 1);
	import_release(&r);
}

/* What import_write_catalog writes loads and checks, with the figures. */
static void written_catalog_loads_back(void **state)
{
	struct import_result r = {0};
	struct diag d = {0};
	struct sbuf out;
	struct catalog cat;
	const struct api_model *m;
	(void)state;

	assert_int_equal(import_litellm(&r, "prices.json", LITELLM, NULL, &d), ST_OK);
	r.undated_as_of = NULL;
	assert_int_equal(import_genai_prices(&r, "acme.yml", GENAI, strlen(GENAI), "2026-06-01", &d),
			 ST_OK);
	import_finish(&r);
	assert_int_equal(r.n, 5);
	sbuf_init(&out);
	import_write_catalog(&out, &r, "test");
	assert_non_null(strstr(out.buf, "# Generated by 'llmtco catalog import test': 5 chat models."));
	assert_non_null(strstr(out.buf, "as_of: 2026-07-29\n")); /* the newest */
	catalog_init(&cat);
	if (catalog_add(&cat, "imported.yaml", out.buf, out.len, &d) || catalog_check(&cat, &d))
		fail_msg("%s:%u:%u: %s\n%s", d.file, d.line, d.col, d.msg, out.buf);
	m = catalog_api(&cat, "gpt-x");
	assert_non_null(m);
	assert_true(m->input_per_mtok == 2.5 && m->output_per_mtok == 10);
	assert_true(m->cached_input_per_mtok == 1.25 && m->batch_discount == 0.5);
	assert_true(m->rate_limit_tokens_per_min == 3e7);
	assert_string_equal(m->as_of, "2026-07-24");
	assert_string_equal(m->source_key, "gpt-x");
	m = catalog_api(&cat, "acme-large");
	assert_non_null(m);
	assert_true(m->has_long_context);
	assert_true(m->lc_above_input_tokens == 200000 && m->lc_output_per_mtok == 22.5);
	assert_true(m->lc_cached_input_per_mtok == 0.6);
	m = catalog_api(&cat, "acme-dated"); /* undated: no as_of */
	assert_non_null(m);
	assert_null(m->as_of);
	assert_true(m->input_per_mtok == 0.8);
	assert_null(catalog_api(&cat, "acme-too-dear"));
	catalog_release(&cat);

	/* the summary counts what was skipped */
	out.len = 0;
	out.buf[0] = '\0';
	import_write_summary(&out, &r, "test");
	assert_non_null(strstr(out.buf, "imported 5 chat models from test; skipped 13: "));
	assert_non_null(strstr(out.buf, "3 not a chat model"));
	assert_non_null(strstr(out.buf, "1 of the imported models have no price date"));
	sbuf_release(&out);
	import_release(&r);

	/* nothing imported still loads */
	sbuf_init(&out);
	import_write_catalog(&out, &r, "empty");
	assert_non_null(strstr(out.buf, "api_models: []\n"));
	catalog_init(&cat);
	assert_int_equal(catalog_add(&cat, "empty.yaml", out.buf, out.len, &d), ST_OK);
	assert_int_equal(catalog_check(&cat, &d), ST_OK);
	catalog_release(&cat);
	sbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(litellm_per_token_to_per_million),
		cmocka_unit_test(litellm_date_and_errors),
		cmocka_unit_test(genai_prices_tiers_dates_and_skips),
		cmocka_unit_test(genai_prices_json_and_errors),
		cmocka_unit_test(written_catalog_loads_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
