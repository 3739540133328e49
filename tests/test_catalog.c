/*
 * test_catalog.c - the catalog loader: every bad fixture fails with its
 * status, line, column and message; layering replaces by id; the built-in
 * catalog is complete and sourced.
 */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "load/builtin.h"
#include "load/catalog_load.h"
#include "load/scenario_load.h"
#include "model/catalog.h"
#include "model/requirements.h"
#include "model/scenario.h"

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

static void load_builtin(struct catalog *cat)
{
	struct diag d = {0};
	catalog_init(cat);
	assert_int_equal(catalog_add_builtin(cat, &d), ST_OK);
	assert_int_equal(catalog_check(cat, &d), ST_OK);
}

/* Loads one bad fixture the way the CLI would and returns the diagnostic. */
static void load_bad(const char *name, const char *text, size_t len, struct diag *d)
{
	struct catalog cat;
	enum status st;

	load_builtin(&cat);
	if (strncmp(name, "catalog-", 8) == 0) {
		st = catalog_add(&cat, name, text, len, d);
		if (!st)
			st = catalog_check(&cat, d);
	} else {
		struct scenario sc;
		st = scenario_load(&sc, &cat, name, text, len, NULL, 0, false, d);
		scenario_release(&sc);
	}
	catalog_release(&cat);
	assert_int_equal(st, ST_INPUT);
}

static void every_bad_fixture_fails_at_its_place(void **state)
{
	DIR *dir = opendir(FIXTURES "/bad");
	struct dirent *e;
	int seen = 0, wrong = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir))) {
		char path[512], want[512], *text, *expect, *eol;
		unsigned line = 0, col = 0;
		int used = 0;
		size_t len;
		struct diag d = {0};

		if (!strstr(e->d_name, ".yaml"))
			continue;
		snprintf(path, sizeof(path), FIXTURES "/bad/%s", e->d_name);
		text = slurp(path, &len);
		/* first line: "# expect: LINE:COL message" */
		expect = strstr(text, "# expect: ");
		assert_non_null(expect);
		assert_int_equal(sscanf(expect + 10, "%u:%u %n", &line, &col, &used), 2);
		expect += 10 + used;
		eol = strchr(expect, '\n');
		snprintf(want, sizeof(want), "%.*s", eol ? (int)(eol - expect) : (int)strlen(expect), expect);
		expect = want;
		load_bad(e->d_name, text, len, &d);
		if (d.line != line || d.col != col || strncmp(d.msg, expect, strlen(expect)) != 0) {
			print_error("%s: expected %u:%u '%s'\n  got %u:%u '%s'\n", e->d_name, line, col,
				    expect, d.line, d.col, d.msg);
			wrong++;
		}
		assert_string_equal(d.file, e->d_name);
		free(text);
		seen++;
	}
	closedir(dir);
	assert_int_equal(wrong, 0);
	assert_true(seen >= 30);
}

static void oversized_input_fails_before_parsing(void **state)
{
	size_t len = (64u << 20) + 1;
	char *big = malloc(len + 1);
	struct catalog cat;
	struct diag d = {0};

	(void)state;
	assert_non_null(big);
	memset(big, ' ', len);
	big[len] = '\0';
	catalog_init(&cat);
	assert_int_equal(catalog_add(&cat, "big.yaml", big, len, &d), ST_INPUT);
	assert_non_null(strstr(d.msg, "larger than"));
	catalog_release(&cat);
	free(big);
}

static void later_layers_merge_entries_by_id_and_add_defaults(void **state)
{
	static const char layer[] =
		"schema_version: 1\n"
		"as_of: 2099-01-01\n"
		"defaults:\n"
		"  engineer_annual_cost: 150k\n"
		"api_models:\n"
		"  - id: gpt-4o\n"
		"    input_per_mtok: 1\n"
		"    output_per_mtok: 2\n"
		"  - id: my-model\n"
		"    input_per_mtok: 3\n"
		"    output_per_mtok: 4\n";
	struct catalog cat;
	struct diag d = {0};
	size_t before;
	const struct api_model *m;

	(void)state;
	load_builtin(&cat);
	before = cat.n_api;
	assert_int_equal(catalog_add(&cat, "mine.yaml", layer, sizeof(layer) - 1, &d), ST_OK);
	assert_int_equal(cat.n_api, before + 1);
	m = catalog_api(&cat, "gpt-4o");
	assert_true(m->input_per_mtok == 1);
	assert_true(m->output_per_mtok == 2);
	/* merged by field: what the layer leaves out stays */
	assert_true(m->cached_input_per_mtok == 1.25);
	assert_non_null(m->source);
	assert_string_equal(m->loc.file, "mine.yaml");
	assert_string_equal(cat.as_of, "2099-01-01");
	assert_int_equal(cat.n_files, 2);
	assert_true(cat.defaults[1].set.given[A_ENGINEER_ANNUAL_COST]);
	assert_true(cat.defaults[1].set.v[A_ENGINEER_ANNUAL_COST] == 150000);
	catalog_release(&cat);
}

/* interface.md Additions: throughput rows carry measurement details and
 * merge by their shape, so one configuration may have several rows. */
static void throughput_rows_keep_their_details_and_merge_by_shape(void **state)
{
	static const char row[] =
		"  - model: llama-3.1-8b\n"
		"    gpu: h100-sxm\n"
		"    precision: bf16\n"
		"    tensor_parallel: 1\n"
		"    input_tokens: 1024\n"
		"    output_tokens: 128\n";
	char layer[2048], again[1024];
	struct catalog cat;
	struct diag d = {0};
	size_t before;
	const struct throughput *t;

	(void)state;
	snprintf(layer, sizeof(layer),
		 "schema_version: 1\nthroughput:\n"
		 "%s    output_tokens_per_s: 2073.5\n    concurrency: 64\n    kv_cache_precision: fp8\n"
		 "    engine: vllm\n    ttft_ms_p50: 305.6\n    ttft_ms_p99: 580.64\n    tpot_ms_p50: 11.86\n"
		 "    tpot_ms_p99: 22.5\n    date: 2024-02-29\n    source: bench.json\n"
		 "%s    output_tokens_per_s: 120\n    concurrency: 1\n    kv_cache_precision: fp8\n    engine: vllm\n",
		 row, row);
	load_builtin(&cat);
	before = cat.n_tput;
	assert_int_equal(catalog_add(&cat, "mine.yaml", layer, strlen(layer), &d), ST_OK);
	assert_int_equal(catalog_check(&cat, &d), ST_OK);
	assert_int_equal(cat.n_tput, before + 2); /* concurrency 64 and 1: two shapes */
	t = &cat.tput[before];
	assert_true(t->concurrency == 64);
	assert_true(t->has_kv_cache_precision && t->kv_cache_precision == PREC_FP8);
	assert_string_equal(t->engine, "vllm");
	assert_true(t->ttft_ms_p50 == 305.6 && t->ttft_ms_p99 == 580.64);
	assert_true(t->tpot_ms_p50 == 11.86 && t->tpot_ms_p99 == 22.5);
	assert_string_equal(t->date, "2024-02-29");
	assert_true(cat.tput[before + 1].concurrency == 1);
	assert_false(cat_has(cat.tput[before + 1].ttft_ms_p50));
	assert_null(cat.tput[before + 1].date);
	/* a later layer with the same shape replaces the row, another adds one */
	snprintf(again, sizeof(again), "schema_version: 1\nthroughput:\n%s    output_tokens_per_s: 130\n"
		 "    concurrency: 1\n    kv_cache_precision: fp8\n    engine: vllm\n", row);
	assert_int_equal(catalog_add(&cat, "again.yaml", again, strlen(again), &d), ST_OK);
	assert_int_equal(cat.n_tput, before + 2);
	assert_true(cat.tput[before + 1].output_tokens_per_s == 130);
	snprintf(again, sizeof(again), "schema_version: 1\nthroughput:\n%s    output_tokens_per_s: 130\n"
		 "    concurrency: 1\n    engine: sglang\n", row);
	assert_int_equal(catalog_add(&cat, "other.yaml", again, strlen(again), &d), ST_OK);
	assert_int_equal(cat.n_tput, before + 3);
	/* a later layer's median above the p99 the row already has: placed at
	 * the key this layer gives */
	snprintf(again, sizeof(again), "schema_version: 1\nthroughput:\n%s    concurrency: 64\n"
		 "    kv_cache_precision: fp8\n    engine: vllm\n    ttft_ms_p50: 600\n", row);
	assert_int_equal(catalog_add(&cat, "late.yaml", again, strlen(again), &d), ST_INPUT);
	assert_int_equal(d.line, 12);
	assert_string_equal(d.msg, "'ttft_ms_p99' (580.64) must be >= 'ttft_ms_p50' (600)");
	/* the same shape twice in one file is a duplicate */
	snprintf(layer, sizeof(layer), "schema_version: 1\nthroughput:\n%s    output_tokens_per_s: 1\n"
		 "%s    output_tokens_per_s: 2\n", row, row);
	assert_int_equal(catalog_add(&cat, "dup.yaml", layer, strlen(layer), &d), ST_INPUT);
	assert_int_equal(d.line, 10);
	catalog_release(&cat);
}

static void layer(struct catalog *cat, const char *text)
{
	struct diag d = {0};
	enum status st = catalog_add(cat, "layer.yaml", text, strlen(text), &d);
	if (st)
		fail_msg("%s:%u:%u: %s", d.file, d.line, d.col, d.msg);
}

static const struct gpu_price *row_of(const struct gpu *g, const char *provider, enum pricing mode,
				      double instance_gpus)
{
	for (size_t i = 0; i < g->n_prices; i++) {
		const struct gpu_price *p = &g->prices[i];
		if (strcmp(p->provider, provider) == 0 && p->mode == mode && p->instance_gpus == instance_gpus)
			return p;
	}
	return NULL;
}

static void a_three_line_layer_adds_a_purchase_price(void **state)
{
	struct catalog cat;
	const struct gpu *g;
	size_t rows;

	(void)state;
	load_builtin(&cat);
	rows = catalog_gpu(&cat, "h100-sxm")->n_prices;
	layer(&cat, "gpus:\n  - id: h100-sxm\n    purchase_price: 21000\n");
	g = catalog_gpu(&cat, "h100-sxm");
	assert_true(g->purchase_price == 21000);
	assert_true(g->vram_gb == 85.52);       /* the spec stays */
	assert_int_equal(g->n_prices, rows);    /* and every price row */
	assert_non_null(row_of(g, "lambda", PRICE_ON_DEMAND, 8));
	catalog_release(&cat);
}

static void price_rows_merge_by_provider_mode_and_instance_size(void **state)
{
	struct catalog cat;
	const struct gpu *g;
	const struct gpu_price *one, *eight, *spot;
	size_t rows;

	(void)state;
	load_builtin(&cat);
	g = catalog_gpu(&cat, "h100-sxm");
	rows = g->n_prices;
	spot = row_of(g, "nebius", PRICE_SPOT, 1);
	assert_non_null(spot);
	layer(&cat, "gpus:\n"
		    "  - id: h100-sxm\n"
		    "    prices:\n"
		    "      - {provider: lambda, mode: on_demand, instance_gpus: 8, per_gpu_hour: 2.5}\n"
		    "      - {provider: lambda, mode: on_demand, marketplace: true}\n"
		    "      - {provider: mycloud, mode: on_demand, per_gpu_hour: 1.9, instance_gpus: 4}\n");
	g = catalog_gpu(&cat, "h100-sxm");
	assert_int_equal(g->n_prices, rows + 1);
	eight = row_of(g, "lambda", PRICE_ON_DEMAND, 8);
	one = row_of(g, "lambda", PRICE_ON_DEMAND, 1);
	assert_true(eight->per_gpu_hour == 2.5);
	assert_false(eight->marketplace);
	assert_non_null(eight->source);                /* kept from the builtin row */
	assert_true(one->per_gpu_hour == 3.29);        /* only the flag changed */
	assert_true(one->marketplace);
	assert_true(row_of(g, "mycloud", PRICE_ON_DEMAND, 4)->per_gpu_hour == 1.9);
	assert_true(row_of(g, "nebius", PRICE_SPOT, 1)->per_gpu_hour == 1.25);
	catalog_release(&cat);
}

static void replace_true_replaces_an_entry_whole(void **state)
{
	struct catalog cat;
	const struct gpu *g;

	(void)state;
	load_builtin(&cat);
	layer(&cat, "gpus:\n"
		    "  - id: h100-sxm\n"
		    "    replace: true\n"
		    "    vram_gb: 80\n"
		    "    memory_bandwidth_gb_s: 3000\n"
		    "    bf16_tflops: 900\n");
	g = catalog_gpu(&cat, "h100-sxm");
	assert_int_equal(g->n_prices, 0);
	assert_false(cat_has(g->purchase_price));
	assert_true(g->memory_bandwidth_gb_s == 3000);
	catalog_release(&cat);
}

static void an_entry_named_twice_in_one_layer_fails(void **state)
{
	static const char text[] = "gpus:\n  - id: h100-sxm\n    purchase_price: 1\n"
				   "  - id: h100-sxm\n    tdp_watts: 1\n";
	struct catalog cat;
	struct diag d = {0};

	(void)state;
	load_builtin(&cat);
	assert_int_equal(catalog_add(&cat, "twice.yaml", text, sizeof(text) - 1, &d), ST_INPUT);
	assert_int_equal(d.line, 4);
	assert_non_null(strstr(d.msg, "duplicate entry in 'gpus' (first at line 2)"));
	catalog_release(&cat);
}

static void throughput_rows_merge_by_their_key(void **state)
{
	struct catalog cat;
	size_t rows;

	(void)state;
	load_builtin(&cat);
	rows = cat.n_tput;
	layer(&cat, "throughput:\n"
		    "  - {model: llama-3.3-70b, gpu: h100-sxm, precision: fp8, tensor_parallel: 2,\n"
		    "     input_tokens: 1000, output_tokens: 1000, engine: trtllm,\n"
		    "     output_tokens_per_s: 5000}\n"
		    "  - {model: llama-3.3-70b, gpu: h100-sxm, precision: fp8, tensor_parallel: 2,\n"
		    "     input_tokens: 2000, output_tokens: 500, output_tokens_per_s: 3000}\n");
	assert_int_equal(cat.n_tput, rows + 1); /* one merged, one added */
	assert_true(catalog_throughput(&cat, catalog_model(&cat, "llama-3.3-70b"), "h100-sxm", PREC_FP8,
				       2, 1000, 1000)->output_tokens_per_s == 5000);
	catalog_release(&cat);
}

static void builtin_catalog_is_broad_and_every_figure_sourced(void **state)
{
	static const char *const gpus[] = {"a10g", "l4", "l40s", "a100-40gb", "a100-80gb",
					   "h100-sxm", "h100-pcie", "h200", "b200", "mi300x"};
	static const char *const models[] = {"llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b",
					     "llama-3.3-70b", "qwen2.5-7b", "qwen2.5-72b",
					     "mistral-7b", "mixtral-8x22b", "gemma-2-9b", "deepseek-v3"};
	static const char *const providers[] = {"openai", "anthropic", "google", "mistral", "deepseek"};
	struct catalog cat;

	(void)state;
	load_builtin(&cat);
	for (size_t i = 0; i < sizeof(gpus) / sizeof(gpus[0]); i++)
		assert_non_null(catalog_gpu(&cat, gpus[i]));
	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
		assert_non_null(catalog_model(&cat, models[i]));
	for (size_t p = 0; p < sizeof(providers) / sizeof(providers[0]); p++) {
		int n = 0;
		for (size_t i = 0; i < cat.n_api; i++)
			n += strcmp(cat.api[i].provider, providers[p]) == 0;
		assert_true(n >= 2);
	}
	assert_true(cat_has(catalog_model(&cat, "deepseek-v3")->kv_bytes_per_token));
	for (size_t i = 0; i < cat.n_gpus; i++) {
		assert_non_null(cat.gpus[i].source);
		assert_non_null(cat.gpus[i].as_of);
		/* owned works for every built-in GPU (interface.md Additions) */
		assert_true(cat_has(cat.gpus[i].purchase_price));
		assert_non_null(cat.gpus[i].purchase_price_source);
		assert_non_null(cat.gpus[i].purchase_price_as_of);
		for (size_t j = 0; j < cat.gpus[i].n_prices; j++) {
			assert_non_null(cat.gpus[i].prices[j].source);
			assert_non_null(cat.gpus[i].prices[j].as_of);
		}
	}
	for (size_t i = 0; i < cat.n_api; i++) {
		assert_non_null(cat.api[i].source);
		assert_non_null(cat.api[i].as_of);
		assert_true(cat.api[i].kind == KIND_API || cat.api[i].open_model != NULL);
	}
	for (size_t i = 0; i < cat.n_models; i++) {
		assert_non_null(cat.models[i].source);
		assert_non_null(cat.models[i].as_of);
	}
	for (size_t i = 0; i < cat.n_tput; i++) {
		assert_non_null(cat.tput[i].source);
		assert_non_null(cat.tput[i].as_of);
	}
	catalog_release(&cat);
}

/* model.md 10: every built-in open model has a tier, and each managed
 * endpoint's tier is its open model's (its own, or inherited). A layer
 * that replaces a managed entry without a tier makes it inherit. */
static void builtin_tiers_cover_open_models_and_managed_endpoints_agree(void **state)
{
	static const char layer[] = "schema_version: 1\n"
				    "api_models:\n"
				    "  - id: together-llama-3.1-70b\n"
				    "    replace: true\n"
				    "    kind: managed\n"
				    "    provider: together\n"
				    "    open_model: llama-3.1-70b\n"
				    "    input_per_mtok: 0.88\n"
				    "    output_per_mtok: 0.88\n";
	struct catalog cat;
	struct diag d = {0};
	size_t managed = 0;
	(void)state;
	load_builtin(&cat);
	for (size_t i = 0; i < cat.n_models; i++) {
		double t = cat.models[i].quality_tier;
		if (!(t >= 1 && t <= 3))
			print_error("open model %s has no quality_tier\n", cat.models[i].id);
		assert_true(t >= 1 && t <= 3);
		/* the rule of CATALOG-NOTES.md */
		assert_true(t == (cat.models[i].params_b >= 70 ? 2 : 3));
	}
	for (size_t i = 0; i < cat.n_api; i++) {
		const struct api_model *m = &cat.api[i];
		struct option_spec o = {.kind = OPT_MANAGED, .api = m};
		if (m->kind != KIND_MANAGED || !m->open_model)
			continue;
		managed++;
		assert_true(option_quality_tier(&o, &cat, NULL) ==
			    catalog_model(&cat, m->open_model)->quality_tier);
	}
	assert_true(managed > 20);
	if (catalog_add(&cat, "layer.yaml", layer, sizeof(layer) - 1, &d) != ST_OK)
		print_error("%s:%u:%u: %s\n", d.file, d.line, d.col, d.msg);
	assert_int_equal(d.code, ST_OK);
	{
		bool inherited;
		struct option_spec o = {.kind = OPT_MANAGED,
					.api = catalog_api(&cat, "together-llama-3.1-70b")};
		assert_true(isnan(o.api->quality_tier));
		assert_true(option_quality_tier(&o, &cat, &inherited) == 2);
		assert_true(inherited);
	}
	catalog_release(&cat);
}

/* The fixture catalog with a second instance size of gpu-a's cloud1
 * on-demand row (8 GPUs), for --set paths. */
static void load_good(struct catalog *cat)
{
	static const char x8[] = "gpus:\n  - id: gpu-a\n    prices:\n"
				 "      - {provider: cloud1, mode: on_demand, instance_gpus: 8, per_gpu_hour: 2.75,\n"
				 "         source: https://example.invalid/c1x8, as_of: 2026-01-03}\n";
	struct diag d = {0};
	size_t len;
	char *text = slurp(FIXTURES "/good/catalog.yaml", &len);

	catalog_init(cat);
	assert_int_equal(catalog_add(cat, "good.yaml", text, len, &d), ST_OK);
	assert_int_equal(catalog_add(cat, "x8.yaml", x8, strlen(x8), &d), ST_OK);
	assert_int_equal(catalog_check(cat, &d), ST_OK);
	free(text);
}

static void set_paths_that_work(void **state)
{
	struct catalog cat;
	struct diag d = {0};
	const struct gpu *g;
	const struct gpu_price *row;
	(void)state;

	load_good(&cat);
	g = catalog_gpu(&cat, "gpu-a");
	assert_non_null(g);
	/* one size of the mode: no xN needed; the set price loses its date */
	assert_int_equal(catalog_set(&cat, "catalog.gpus.gpu-a.prices.cloud2.on_demand.per_gpu_hour=4.5", "--set", &d), ST_OK);
	row = row_of(g, "cloud2", PRICE_ON_DEMAND, 1);
	assert_true(row->per_gpu_hour == 4.5);
	assert_null(row->as_of);
	assert_string_equal(row->source, "set");
	assert_int_equal(cat.n_overrides, 1);
	assert_string_equal(cat.overrides[0].key, "catalog.gpus.gpu-a.prices.cloud2.on_demand.per_gpu_hour");
	assert_string_equal(cat.overrides[0].text, "4.5");
	assert_true(cat.overrides[0].value == 4.5);
	/* two sizes: xN picks one */
	assert_int_equal(catalog_set(&cat, "catalog.gpus.gpu-a.prices.cloud1.on_demand.x8.per_gpu_hour=2", "--set", &d), ST_OK);
	assert_true(row_of(g, "cloud1", PRICE_ON_DEMAND, 8)->per_gpu_hour == 2);
	assert_true(row_of(g, "cloud1", PRICE_ON_DEMAND, 1)->per_gpu_hour == 3);
	/* the row's flags */
	assert_int_equal(catalog_set(&cat, "catalog.gpus.gpu-a.prices.cloud2.spot.includes_host=false", "--set", &d), ST_OK);
	assert_true(row_of(g, "cloud2", PRICE_SPOT, 1)->accelerator_only);
	assert_int_equal(catalog_set(&cat, "catalog.gpus.gpu-a.prices.cloud2.spot.marketplace=true", "--set", &d), ST_OK);
	assert_true(row_of(g, "cloud2", PRICE_SPOT, 1)->marketplace);
	assert_true(isnan(cat.overrides[cat.n_overrides - 1].value));
	/* GPU and API model fields, numbers and text */
	assert_int_equal(catalog_set(&cat, "catalog.gpus.gpu-a.purchase_price=31000", "--set", &d), ST_OK);
	assert_true(g->purchase_price == 31000);
	assert_string_equal(g->purchase_price_source, "set");
	assert_null(g->purchase_price_as_of);
	assert_int_equal(catalog_set(&cat, "catalog.gpus.gpu-b.as_of=2026-02-01", "--set", &d), ST_OK);
	assert_string_equal(catalog_gpu(&cat, "gpu-b")->as_of, "2026-02-01");
	assert_int_equal(catalog_set(&cat, "catalog.api_models.big-api.name=Renamed", "--set", &d), ST_OK);
	assert_string_equal(catalog_api(&cat, "big-api")->name, "Renamed");
	assert_int_equal(catalog_set(&cat, "catalog.api_models.small-api.context_window=32000", "--set", &d), ST_OK);
	assert_true(catalog_api(&cat, "small-api")->context_window == 32000);
	assert_int_equal(cat.n_overrides, 8);
	catalog_release(&cat);
}

static void set_paths_that_fail_say_why(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"gpus.gpu-a.vram_gb=1", "--set: expected catalog.SECTION.ID.KEY=VALUE"},
		{"catalog.gpus.gpu-a.vram_gb", "--set: expected catalog.SECTION.ID.KEY=VALUE"},
		{"catalog.gpu.gpu-a.vram_gb=1", "--set: unknown catalog section 'gpu' (did you mean 'gpus'?)"},
		{"catalog.gpus.gpu-z.vram_gb=1", "--set: unknown gpu 'gpu-z' (did you mean 'gpu-a'?)"},
		{"catalog.gpus.gpu-z.prices.cloud1.on_demand.per_gpu_hour=1", "--set: unknown gpu 'gpu-z' (did you mean 'gpu-a'?)"},
		{"catalog.api_models.big-apx.input_per_mtok=1", "--set: unknown api model 'big-apx' (did you mean 'big-api'?)"},
		{"catalog.gpus.gpu-a.vram=80", "--set: unknown key 'vram' (did you mean 'vram_gb'?)"},
		{"catalog.gpus.gpu-a.id=x", "--set: unknown key 'id'"},
		{"catalog.gpus.gpu-a.as_of=2026-02-30", "--set: 'as_of' must be a date YYYY-MM-DD, got '2026-02-30'"},
		{"catalog.gpus.gpu-a.name=", "--set: 'name' must not be empty"},
		{"catalog.gpus.gpu-a.vram_gb=lots", "--set: 'vram_gb' must be a finite number, got 'lots'"},
		{"catalog.gpus.gpu-a.vram_gb=0", "--set: 'vram_gb' must be > 0 and <= 1000000, got 0"},
		{"catalog.api_models.big-api.context_window=1.5", "--set: 'context_window' must be a whole number, got 1.5"},
		{"catalog.gpus.gpu-a.prices.cloud1=3", "--set: expected catalog.gpus.gpu-a.prices.PROVIDER.MODE[.xN].KEY"},
		{"catalog.gpus.gpu-a.prices.cloud1.on_demand.y8.per_gpu_hour=3", "--set: expected catalog.gpus.gpu-a.prices.PROVIDER.MODE[.xN].KEY"},
		/* one part too many: not "no spot row of 1 GPUs; its sizes are .x1" */
		{"catalog.gpus.gpu-a.prices.cloud2.spot.x1.per_gpu_hour.extra=3", "--set: expected catalog.gpus.gpu-a.prices.PROVIDER.MODE[.xN].KEY"},
		{"catalog.gpus.gpu-a.prices.cloud1.on_demand.x2.5.per_gpu_hour=3", "--set: expected catalog.gpus.gpu-a.prices.PROVIDER.MODE[.xN].KEY"},
		{"catalog.gpus.gpu-a.prices.cloud3.on_demand.per_gpu_hour=3", "--set: gpu 'gpu-a' has no price rows of provider 'cloud3' (did you mean 'cloud1'?)"},
		{"catalog.gpus.gpu-a.prices.cloud1.ondemand.per_gpu_hour=3", "--set: unknown pricing mode 'ondemand' (did you mean 'on_demand'?)"},
		{"catalog.gpus.gpu-a.prices.cloud1.on_demand.x0.per_gpu_hour=3", "--set: 'x0' must be x and a whole number of GPUs, like x8"},
		{"catalog.gpus.gpu-a.prices.cloud1.spot.per_gpu_hour=3", "--set: gpu 'gpu-a' has no cloud1 spot price row"},
		{"catalog.gpus.gpu-a.prices.cloud1.on_demand.per_gpu_hour=3", "--set: cloud1 has on_demand rows for several instance sizes: name one with .x1, .x8 after 'on_demand'"},
		{"catalog.gpus.gpu-a.prices.cloud1.on_demand.x4.per_gpu_hour=3", "--set: cloud1 has no on_demand row of 4 GPUs; its sizes are .x1, .x8"},
		{"catalog.gpus.gpu-a.prices.cloud2.spot.includes_host=maybe", "--set: 'includes_host' must be true or false, got 'maybe'"},
		{"catalog.gpus.gpu-a.prices.cloud2.spot.provider=x", "--set: 'provider' names the row and cannot be set"},
		{"catalog.gpus.gpu-a.prices.cloud2.spot.instance_gpus=2", "--set: 'instance_gpus' names the row and cannot be set"},
		{"catalog.gpus.gpu-a.prices.cloud2.spot.per_gpu_hour=-1", "--set: 'per_gpu_hour' must be >= 0 and <= 1000000, got -1"},
	};
	struct catalog cat;
	(void)state;

	load_good(&cat);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct diag d = {0};
		char buf[700];
		if (catalog_set(&cat, cases[i].text, "--set", &d) != ST_INPUT)
			fail_msg("%s: accepted", cases[i].text);
		diag_format(&d, buf, sizeof(buf));
		if (strcmp(buf, cases[i].msg) != 0)
			fail_msg("%s:\n got  %s\n want %s", cases[i].text, buf, cases[i].msg);
	}
	assert_int_equal(cat.n_overrides, 0);
	catalog_release(&cat);
}

/* Catalog files that fail where they go wrong. */
static void bad_catalog_texts_fail_at_their_place(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"", "t.yaml:1:1: empty catalog: expected a mapping of catalog sections"},
		{"# nothing\n", "t.yaml:1:1: empty catalog: expected a mapping of catalog sections"},
		{"gpus: {id: g}\n", "t.yaml:1:7: 'gpus' must be a list"},
		{"gpus:\n  - g\n", "t.yaml:2:5: an entry of 'gpus' must be a mapping"},
		{"currency: EUR\n", "t.yaml:1:11: currency 'EUR' differs from 'USD' of the catalogs below"},
		{"gpus:\n  - id: gpu-a\n    prices: {provider: p}\n",
		 "t.yaml:3:13: 'prices' of gpu 'gpu-a' must be a list"},
		{"open_models:\n  - id: model-8b\n    stored_weights_gb: 16\n",
		 "t.yaml:3:24: 'stored_weights_gb' of 'model-8b' must map precisions to GB"},
		{"open_models:\n  - id: model-8b\n    active_params_b: 9\n",
		 "t.yaml:3:22: 'active_params_b' must be <= 'params_b' of 'model-8b'"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct catalog cat;
		struct diag d = {0};
		char buf[700];
		size_t len;
		char *good = slurp(FIXTURES "/good/catalog.yaml", &len);

		catalog_init(&cat);
		assert_int_equal(catalog_add(&cat, "good.yaml", good, len, &d), ST_OK);
		free(good);
		if (catalog_add(&cat, "t.yaml", cases[i].text, strlen(cases[i].text), &d) != ST_INPUT)
			fail_msg("%s: accepted", cases[i].text);
		diag_format(&d, buf, sizeof(buf));
		if (strcmp(buf, cases[i].msg) != 0)
			fail_msg("%s:\n got  %s\n want %s", cases[i].text, buf, cases[i].msg);
		catalog_release(&cat);
	}
}

/* The (model, gpu) index of throughput rows finds exactly the row the full
 * scan does (model.md 3.2), for every model, gpu, precision and tp of the
 * built-in catalog at a few request shapes, same-architecture models
 * included. */
static void indexed_throughput_lookup_matches_the_scan(void **state)
{
	static const enum precision precs[] = {PREC_BF16, PREC_FP8, PREC_INT4, PREC_FP4};
	static const int tps[] = {1, 2, 4, 8};
	static const double shapes[][2] = {{1000, 200}, {128, 2048}, {8000, 500}};
	struct catalog cat;
	size_t found = 0;

	(void)state;
	load_builtin(&cat);
	assert_non_null(cat.tput_first);
	for (size_t m = 0; m < cat.n_models; m++) {
		for (size_t g = 0; g < cat.n_gpus; g++) {
			for (size_t p = 0; p < 4; p++) {
				for (size_t k = 0; k < 4; k++) {
					for (size_t s = 0; s < 3; s++) {
						const struct throughput *idx, *scan;
						size_t *rows = cat.tput_rows, *first = cat.tput_first;
						idx = catalog_throughput(&cat, &cat.models[m], cat.gpus[g].id, precs[p], tps[k],
									 shapes[s][0], shapes[s][1]);
						/* the same lookup without the index */
						cat.tput_rows = cat.tput_first = NULL;
						scan = catalog_throughput(&cat, &cat.models[m], cat.gpus[g].id, precs[p], tps[k],
									  shapes[s][0], shapes[s][1]);
						cat.tput_rows = rows;
						cat.tput_first = first;
						assert_ptr_equal(idx, scan);
						/* and by the gpu entry itself */
						assert_ptr_equal(catalog_throughput_on(&cat, &cat.models[m], &cat.gpus[g], precs[p],
										       tps[k], shapes[s][0], shapes[s][1]),
								 scan);
						found += idx != NULL;
					}
				}
			}
		}
	}
	assert_true(found > 0); /* the test compares rows, not only NULLs */
	catalog_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_bad_fixture_fails_at_its_place),
		cmocka_unit_test(oversized_input_fails_before_parsing),
		cmocka_unit_test(later_layers_merge_entries_by_id_and_add_defaults),
		cmocka_unit_test(a_three_line_layer_adds_a_purchase_price),
		cmocka_unit_test(price_rows_merge_by_provider_mode_and_instance_size),
		cmocka_unit_test(replace_true_replaces_an_entry_whole),
		cmocka_unit_test(an_entry_named_twice_in_one_layer_fails),
		cmocka_unit_test(throughput_rows_merge_by_their_key),
		cmocka_unit_test(throughput_rows_keep_their_details_and_merge_by_shape),
		cmocka_unit_test(builtin_catalog_is_broad_and_every_figure_sourced),
		cmocka_unit_test(indexed_throughput_lookup_matches_the_scan),
		cmocka_unit_test(builtin_tiers_cover_open_models_and_managed_endpoints_agree),
		cmocka_unit_test(set_paths_that_work),
		cmocka_unit_test(set_paths_that_fail_say_why),
		cmocka_unit_test(bad_catalog_texts_fail_at_their_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
