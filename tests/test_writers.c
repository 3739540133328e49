/*
 * test_writers.c - the breakeven, sweep, check and diff writers in every
 * format they have: JSON parses back with interface.md's contract fields
 * and the run's own figures, every CSV row has as many fields as its
 * header, and the bytes do not change under LC_ALL=de_DE.UTF-8.
 */
#include <cjson/cJSON.h>
#include <locale.h>
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
#include "load/diff_load.h"
#include "load/scenario_load.h"
#include "model/check.h"
#include "report/grid.h"
#include "report/report.h"
#include "report/report_internal.h"

#define NEAR(expected, actual) assert_true(fabs((double)(expected) - (actual)) <= 1e-9 * fmax(1, fabs((double)(expected))))

/* gpt-4o ($2.50 in, $10 out per 1M) against llama-3.1-70b fp8 on an
 * H100 and 405B bf16 on one L4, which does not fit; 500M in + 100M out a
 * month, so the API costs 1,250 + 1,000 = $2,250 and every token of this
 * shape costs it (5 x 2.5 + 10) / 6 = $3.75 per 1M. */
static const char scenario[] =
	"schema_version: 1\n"
	"workload:\n  input_tokens_per_month: 500M\n  output_tokens_per_month: 100M\n"
	"options:\n"
	"  - api: gpt-4o\n"
	"  - self_hosted: {model: llama-3.1-70b, gpu: h100-sxm, precision: fp8}\n"
	"  - self_hosted: {model: llama-3.1-405b, gpu: l4, precision: bf16, tensor_parallel: 1}\n";
#define API_ID "api:gpt-4o"
#define PER_TOKEN 3.75e-6

static struct catalog cat;
static struct scenario sc;
static struct assumptions A;
static struct workload W;
static struct evaluation E;
static struct run run;
static struct pairs P;
static struct sweep S;

static int setup(void **state)
{
	struct diag d = {0};
	(void)state;

	catalog_init(&cat);
	assert_int_equal(catalog_add_builtin(&cat, &d), ST_OK);
	assert_int_equal(catalog_check(&cat, &d), ST_OK);
	assert_int_equal(scenario_load(&sc, &cat, "t.yaml", scenario, strlen(scenario), NULL, 0, 0, &d), ST_OK);
	scenario_assumptions(&A, &sc, &cat);
	scenario_workload(&W, &sc, &A);
	assert_int_equal(compare_evaluate(&E, sc.options, sc.n_options, &W, &cat, &A, &d), ST_OK);
	run = (struct run){.command = "breakeven", .version = "test", .cat = &cat, .sc = &sc, .a = &A,
			   .w = &W, .current = &E.c, .today = "2026-08-01", .max_price_age = 1e9};
	assert_int_equal(pairs_solve(&P, sc.options, sc.n_options, &W, &cat, &A, &d), ST_OK);
	assert_int_equal(sweep_run(&S, sc.options, sc.n_options, &W, &cat, &A, 1e6, 1e9, 4, false, &d), ST_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sweep_release(&S);
	pairs_release(&P);
	compare_release(&E);
	scenario_release(&sc);
	catalog_release(&cat);
	return 0;
}

/* ---- helpers ---- */

static cJSON *parse(const struct sbuf *out)
{
	cJSON *doc = cJSON_Parse(out->buf);
	if (!doc)
		fail_msg("not JSON:\n%s", out->buf);
	return doc;
}

static cJSON *get(const cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		fail_msg("no field %s", key);
	return v;
}

static double num(const cJSON *o, const char *key)
{
	cJSON *v = get(o, key);
	assert_true(cJSON_IsNumber(v));
	return v->valuedouble;
}

static const char *text(const cJSON *o, const char *key)
{
	cJSON *v = get(o, key);
	assert_true(cJSON_IsString(v));
	return v->valuestring;
}

/* Every field of `keys` is in `o`. */
static void has_fields(const cJSON *o, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		get(o, keys[i]);
}

/* The common head of every JSON document (interface.md "JSON output"). */
static void has_head(const cJSON *doc, const char *command)
{
	static const char *const head[] = {"schema_version", "tool", "command", "currency"};
	has_fields(doc, head, 4);
	assert_true(num(doc, "schema_version") == 1);
	assert_string_equal(text(doc, "command"), command);
	assert_string_equal(text(get(doc, "tool"), "name"), "llmtco");
}

/* Fields of one CSV line, quotes respected. */
static size_t csv_fields(const char *line, size_t len)
{
	size_t n = 1;
	bool quoted = false;

	for (size_t i = 0; i < len; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (line[i] == ',' && !quoted)
			n++;
	}
	assert_false(quoted);
	return n;
}

/* Every row of every table (tables are separated by a blank line; a
 * table's first line is its header) has as many fields as its header;
 * returns the rows of the first table. */
static size_t csv_check(const char *csv)
{
	size_t width = 0, rows = 0, tables = 0, first_rows = 0;

	assert_non_null(csv);
	for (const char *p = csv; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len == 0) {
			width = 0;
		} else if (p[0] == '#') {
			/* a comment line */
		} else if (!width) {
			width = csv_fields(p, len);
			rows = 0;
			tables++;
		} else {
			if (csv_fields(p, len) != width)
				fail_msg("CSV row of %zu fields under a header of %zu: %.*s", csv_fields(p, len),
					 width, (int)len, p);
			rows++;
			if (tables == 1)
				first_rows = rows;
		}
		p += len + (nl != NULL);
	}
	assert_true(tables >= 1);
	return first_rows;
}

/* ---- breakeven ---- */

static void breakeven_json_pairs(void **state)
{
	static const char *const contract[] = {"api", "self_hosted", "status", "tokens_per_month",
					       "fluid_tokens_per_month", "input_tokens_per_month",
					       "output_tokens_per_month", "tokens_per_day",
					       "requests_per_month", "api_monthly_cost", "gpus",
					       "utilization", "windows", "reason"};
	struct sbuf out;
	cJSON *doc, *pairs, *found, *never;
	(void)state;

	sbuf_init(&out);
	report_breakeven(&out, FMT_JSON, &run, &P, NULL);
	doc = parse(&out);
	has_head(doc, "breakeven");
	pairs = get(doc, "pairs");
	/* one hosted x two self-hosted options */
	assert_int_equal(cJSON_GetArraySize(pairs), 2);
	found = cJSON_GetArrayItem(pairs, 0);
	never = cJSON_GetArrayItem(pairs, 1);
	has_fields(found, contract, sizeof(contract) / sizeof(contract[0]));
	has_fields(never, contract, sizeof(contract) / sizeof(contract[0]));
	assert_string_equal(text(found, "api"), API_ID);
	assert_string_equal(text(found, "self_hosted"), sc.options[1].id);
	assert_string_equal(text(found, "status"), "found");
	assert_true(cJSON_IsNull(get(found, "reason")));
	NEAR(P.items[0].be.tokens_per_month, num(found, "tokens_per_month"));
	/* at the breakeven the API bills $3.75 per 1M of this shape, and the
	 * volume splits 5:1 */
	NEAR(num(found, "tokens_per_month") * PER_TOKEN, num(found, "api_monthly_cost"));
	assert_true(fabs(num(found, "input_tokens_per_month") - num(found, "tokens_per_month") * 5 / 6) <= 1);
	NEAR(num(found, "tokens_per_month"),
	     num(found, "input_tokens_per_month") + num(found, "output_tokens_per_month"));
	assert_true(cJSON_IsNull(get(found, "requests_per_month")));
	assert_true(cJSON_IsArray(get(found, "windows")));
	assert_string_equal(text(never, "status"), "never");
	assert_string_equal(text(never, "reason"), P.items[1].be.reason);
	assert_non_null(strstr(text(never, "reason"), "fit"));
	assert_true(cJSON_IsNull(get(never, "tokens_per_month")));
	assert_true(cJSON_IsNull(get(never, "api_monthly_cost")));
	cJSON_Delete(doc);
	sbuf_release(&out);
}

static void breakeven_csv_table_markdown(void **state)
{
	struct sbuf out;
	(void)state;

	sbuf_init(&out);
	report_breakeven(&out, FMT_CSV, &run, &P, NULL);
	assert_int_equal(csv_check(out.buf), 2);
	assert_non_null(strstr(out.buf, API_ID));
	sbuf_release(&out);
	sbuf_init(&out);
	report_breakeven(&out, FMT_TABLE, &run, &P, NULL);
	assert_non_null(strstr(out.buf, "never"));
	sbuf_release(&out);
	sbuf_init(&out);
	report_breakeven(&out, FMT_MARKDOWN, &run, &P, NULL);
	assert_true(strncmp(out.buf, "### ", 4) == 0);
	assert_non_null(strstr(out.buf, "|"));
	sbuf_release(&out);
}

/* ---- sweep ---- */

static void sweep_json_points(void **state)
{
	struct sbuf out;
	cJSON *doc, *ids, *pts, *pt;
	size_t i = 0;
	(void)state;

	sbuf_init(&out);
	run.command = "sweep";
	report_sweep(&out, FMT_JSON, &run, &S, NULL);
	doc = parse(&out);
	has_head(doc, "sweep");
	ids = get(doc, "option_ids");
	assert_int_equal(cJSON_GetArraySize(ids), 3);
	assert_string_equal(cJSON_GetArrayItem(ids, 0)->valuestring, API_ID);
	pts = get(doc, "points");
	assert_int_equal(cJSON_GetArraySize(pts), 4);
	cJSON_ArrayForEach(pt, pts)
	{
		double v = pow(10, 6 + (double)i), in = num(pt, "input_tokens_per_month");
		cJSON *cost = get(pt, "monthly_cost");
		assert_true(num(pt, "tokens_per_month") == v);
		assert_true(in == round(v * 5 / 6));
		assert_true(in + num(pt, "output_tokens_per_month") == v);
		/* $3.75 per 1M, to the rounding of the input share */
		assert_true(fabs(num(cost, API_ID) - v * PER_TOKEN) <= 1e-5);
		assert_true(cJSON_IsNull(get(cost, sc.options[2].id)));
		assert_true(cJSON_IsNumber(get(cost, sc.options[1].id)));
		i++;
	}
	/* at 1M tokens the API's $3.75 is the cheapest */
	assert_string_equal(text(cJSON_GetArrayItem(pts, 0), "cheapest"), API_ID);
	cJSON_Delete(doc);
	sbuf_release(&out);
	run.command = "breakeven";
}

static void sweep_csv_table_markdown(void **state)
{
	struct sbuf out;
	(void)state;

	sbuf_init(&out);
	report_sweep(&out, FMT_CSV, &run, &S, &P);
	assert_int_equal(csv_check(out.buf), 4);
	assert_non_null(strstr(out.buf, "\n1000000,"));
	assert_non_null(strstr(out.buf, "\n1000000000,"));
	sbuf_release(&out);
	sbuf_init(&out);
	report_sweep(&out, FMT_TABLE, &run, &S, &P);
	assert_non_null(strstr(out.buf, "1B"));
	sbuf_release(&out);
	sbuf_init(&out);
	report_sweep(&out, FMT_MARKDOWN, &run, &S, &P);
	assert_non_null(strstr(out.buf, "|"));
	sbuf_release(&out);
}

/* ---- check ---- */

static struct threshold TH[3];
static struct threshold_result TR[3];

static void thresholds(void)
{
	struct check_inputs in = {.sc = &sc, .c = &E.c, .p = &P};

	memset(TH, 0, sizeof(TH));
	TH[0] = (struct threshold){.metric = M_MONTHLY_COST, .option = API_ID, .has_max = true,
				   .max = 2000, .level = LEVEL_FAIL};
	TH[1] = (struct threshold){.metric = M_CHEAPEST_KIND, .equals = "api", .level = LEVEL_WARN};
	TH[2] = (struct threshold){.metric = M_BREAKEVEN_TOKENS_PER_MONTH, .has_min = true, .min = 1,
				   .level = LEVEL_FAIL};
	for (size_t i = 0; i < 3; i++)
		check_evaluate(&TR[i], &TH[i], &in);
}

static void check_json_thresholds(void **state)
{
	static const char *const contract[] = {"metric", "option", "limit", "actual", "level", "status"};
	struct sbuf out;
	cJSON *doc, *ths, *t0, *t1;
	(void)state;

	thresholds();
	run.command = "check";
	sbuf_init(&out);
	report_check(&out, FMT_JSON, &run, &E.c, TR, 3);
	doc = parse(&out);
	has_head(doc, "check");
	ths = get(doc, "thresholds");
	assert_int_equal(cJSON_GetArraySize(ths), 3);
	t0 = cJSON_GetArrayItem(ths, 0);
	t1 = cJSON_GetArrayItem(ths, 1);
	has_fields(t0, contract, 6);
	has_fields(t1, contract, 6);
	/* $2,250 is above the $2,000 limit */
	assert_string_equal(text(t0, "metric"), "monthly_cost");
	assert_string_equal(text(t0, "option"), API_ID);
	assert_true(num(t0, "limit") == 2000);
	NEAR(2250, num(t0, "actual"));
	assert_string_equal(text(t0, "status"), "fail");
	assert_string_equal(text(t0, "level"), "fail");
	assert_string_equal(text(t1, "limit"), "api");
	assert_string_equal(text(t1, "level"), "warn");
	assert_string_equal(text(t1, "actual"), E.c.results[E.c.order[0]].kind == OPT_API ? "api" : "self_hosted");
	assert_string_equal(text(doc, "status"), "fail");
	/* the compare report is in it too */
	assert_int_equal(cJSON_GetArraySize(get(doc, "options")), 3);
	cJSON_Delete(doc);
	sbuf_release(&out);
	run.command = "breakeven";
}

static void check_csv_table_markdown(void **state)
{
	struct sbuf out;
	(void)state;

	thresholds();
	sbuf_init(&out);
	report_check(&out, FMT_CSV, &run, &E.c, TR, 3);
	assert_int_equal(csv_check(out.buf), 3);
	assert_non_null(strstr(out.buf, "monthly_cost," API_ID ",USD,2000,"));
	sbuf_release(&out);
	sbuf_init(&out);
	report_check(&out, FMT_TABLE, &run, &E.c, TR, 3);
	assert_non_null(strstr(out.buf, "FAIL"));
	assert_non_null(strstr(out.buf, "$2,250"));
	sbuf_release(&out);
	sbuf_init(&out);
	report_check(&out, FMT_MARKDOWN, &run, &E.c, TR, 3);
	assert_true(strncmp(out.buf, "## ", 3) == 0);
	sbuf_release(&out);
	sbuf_init(&out);
	report_check_stderr(&out, &run, TR, 3);
	assert_non_null(strstr(out.buf, "monthly_cost"));
	sbuf_release(&out);
}

/* ---- diff ---- */

static const char OLD[] = "{\"currency\":\"USD\",\"cheapest\":\"a\",\"inputs\":[{\"key\":\"k\",\"value\":0.5}],"
			  "\"options\":[{\"id\":\"a\",\"monthly_cost\":{\"total\":1000.5}},"
			  "{\"id\":\"b\",\"monthly_cost\":{\"total\":300}}]}";
static const char NEW[] = "{\"currency\":\"USD\",\"cheapest\":\"c\",\"inputs\":[{\"key\":\"k\",\"value\":0.25}],"
			  "\"options\":[{\"id\":\"a\",\"monthly_cost\":{\"total\":1250.625}},"
			  "{\"id\":\"c\",\"monthly_cost\":{\"total\":200}}]}";

static void diff_json_and_text(void **state)
{
	struct diff df;
	struct diag d = {0};
	struct sbuf out;
	cJSON *doc, *a, *lim;
	(void)state;

	assert_int_equal(diff_load(&df, "old.json", OLD, "new.json", NEW, &d), ST_OK);
	assert_int_equal(diff_apply_limit(&df, 20, true), 1);
	sbuf_init(&out);
	report_diff(&out, FMT_JSON, &df, "test");
	doc = parse(&out);
	has_head(doc, "diff");
	a = cJSON_GetArrayItem(get(doc, "options"), 0);
	assert_string_equal(text(a, "id"), "a");
	assert_string_equal(text(a, "status"), "changed");
	assert_true(num(a, "old_total") == 1000.5);
	assert_true(num(a, "new_total") == 1250.625);
	assert_true(num(a, "change") == 250.125);
	NEAR(25, num(a, "change_pct"));
	assert_true(cJSON_IsTrue(get(a, "breach")));
	assert_string_equal(text(cJSON_GetArrayItem(get(doc, "options"), 1), "status"), "removed");
	assert_string_equal(text(cJSON_GetArrayItem(get(doc, "options"), 2), "status"), "added");
	assert_string_equal(text(cJSON_GetArrayItem(get(doc, "inputs"), 0), "new"), "0.25");
	lim = get(doc, "max_increase");
	assert_true(num(lim, "value") == 20);
	assert_string_equal(text(lim, "unit"), "percent");
	assert_string_equal(text(get(doc, "cheapest"), "new"), "c");
	assert_string_equal(text(doc, "status"), "fail");
	cJSON_Delete(doc);
	sbuf_release(&out);
	sbuf_init(&out);
	report_diff(&out, FMT_TABLE, &df, "test");
	assert_non_null(strstr(out.buf, "FAIL: 1 option above the limit of +20%"));
	assert_non_null(strstr(out.buf, "+25.0%"));
	sbuf_release(&out);
	sbuf_init(&out);
	report_diff(&out, FMT_MARKDOWN, &df, "test");
	assert_true(strncmp(out.buf, "## :x: llmtco diff", 18) == 0);
	sbuf_release(&out);
	diff_release(&df);
}

/* ---- the locale ---- */

/* Every writer above in every format, one after the other. */
static void everything(struct sbuf *out)
{
	struct diff df;
	struct diag d = {0};

	thresholds();
	for (int f = FMT_TABLE; f <= FMT_MARKDOWN; f++) {
		report_breakeven(out, (enum format)f, &run, &P, NULL);
		report_sweep(out, (enum format)f, &run, &S, &P);
		report_check(out, (enum format)f, &run, &E.c, TR, 3);
	}
	report_check_stderr(out, &run, TR, 3);
	assert_int_equal(diff_load(&df, "old.json", OLD, "new.json", NEW, &d), ST_OK);
	diff_apply_limit(&df, 12.5, true);
	report_diff(out, FMT_TABLE, &df, "test");
	report_diff(out, FMT_JSON, &df, "test");
	report_diff(out, FMT_MARKDOWN, &df, "test");
	diff_release(&df);
}

static void same_bytes_under_a_comma_locale(void **state)
{
	struct sbuf c, de;
	(void)state;

	sbuf_init(&c);
	everything(&c);
	if (!setlocale(LC_ALL, "de_DE.UTF-8"))
		fail_msg("locale de_DE.UTF-8 is missing; the README's set-up command generates it");
	{
		char buf[16];
		snprintf(buf, sizeof(buf), "%.1f", 0.5);
		assert_string_equal(buf, "0,5"); /* the locale is in force */
	}
	sbuf_init(&de);
	everything(&de);
	setlocale(LC_ALL, "C");
	assert_int_equal(c.len, de.len);
	if (memcmp(c.buf, de.buf, c.len) != 0) {
		size_t i = 0;
		while (c.buf[i] == de.buf[i])
			i++;
		fail_msg("differs at byte %zu: C \"%.40s\" de_DE \"%.40s\"", i, c.buf + i, de.buf + i);
	}
	sbuf_release(&c);
	sbuf_release(&de);
}

/* ---- catalog list and show ---- */

/* The golden-test catalog with an 8-GPU marketplace row without host, a
 * long-context price and a model's notes layered over it. */
static void small_catalog(struct catalog *c)
{
	static const char layer[] =
		"gpus:\n  - id: gpu-a\n    prices:\n"
		"      - {provider: cloud3, mode: on_demand, instance_gpus: 8, includes_host: false,\n"
		"         marketplace: true, per_gpu_hour: 2.25, source: https://example.invalid/c3, as_of: 2026-01-05}\n"
		"api_models:\n  - id: big-api\n"
		"    long_context: {above_input_tokens: 200000, input_per_mtok: 5, output_per_mtok: 15}\n"
		"open_models:\n  - id: model-8b\n    notes: Test notes.\n"
		"    stored_weights_gb: {fp8: 8.5}\n    same_architecture_as: model-70b\n";
	struct diag d = {0};
	FILE *f = fopen(FIXTURES "/good/catalog.yaml", "rb");
	char text[8192];
	size_t len;

	assert_non_null(f);
	len = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	assert_true(len > 0 && len < sizeof(text) - 1);
	catalog_init(c);
	assert_int_equal(catalog_add(c, "good.yaml", text, len, &d), ST_OK);
	if (catalog_add(c, "layer.yaml", layer, strlen(layer), &d) || catalog_check(c, &d))
		fail_msg("%s:%u:%u: %s", d.file, d.line, d.col, d.msg);
}

static void catalog_show_every_kind_of_entry(void **state)
{
	struct catalog c;
	struct sbuf out;
	cJSON *doc, *e;
	(void)state;

	small_catalog(&c);
	sbuf_init(&out);
	assert_true(report_catalog_show(&out, FMT_JSON, &c, "model-8b"));
	doc = parse(&out);
	assert_string_equal(text(doc, "section"), "open_models");
	e = get(doc, "entry");
	assert_true(num(get(e, "params_b"), "value") == 8);
	assert_true(num(get(e, "layers"), "value") == 32);
	assert_true(num(get(e, "context_window"), "value") == 131072);
	assert_string_equal(text(e, "notes"), "Test notes.");
	/* figures the engine reads, not only in the notes (model.md 3.1-3.2) */
	assert_true(num(get(e, "hidden_size"), "value") == 4096);
	assert_true(num(get(e, "stored_weights_gb.fp8"), "value") == 8.5);
	assert_null(cJSON_GetObjectItem(e, "stored_weights_gb.bf16"));
	assert_string_equal(text(e, "same_architecture_as"), "model-70b");
	cJSON_Delete(doc);
	sbuf_release(&out);

	/* a table puts the notes below */
	sbuf_init(&out);
	assert_true(report_catalog_show(&out, FMT_TABLE, &c, "model-8b"));
	assert_true(strncmp(out.buf, "model-8b (open model, from ", 27) == 0);
	assert_non_null(strstr(out.buf, "\nnotes: Test notes.\n"));
	assert_non_null(strstr(out.buf, "\nhidden_size "));
	assert_non_null(strstr(out.buf, "\nstored_weights_gb.fp8 "));
	assert_non_null(strstr(out.buf, "\nsame_architecture_as "));
	sbuf_release(&out);
	sbuf_init(&out);
	assert_true(report_catalog_show(&out, FMT_MARKDOWN, &c, "model-8b"));
	assert_non_null(strstr(out.buf, "\nNotes: Test notes.\n"));
	sbuf_release(&out);
	sbuf_init(&out);
	assert_true(report_catalog_show(&out, FMT_CSV, &c, "model-8b"));
	csv_check(out.buf);
	assert_non_null(strstr(out.buf, "\nnotes,Test notes.,,\n"));
	assert_non_null(strstr(out.buf, "\nsame_architecture_as,model-70b,,\n"));
	sbuf_release(&out);

	/* the 8-GPU row's size and flags, by their --set paths */
	sbuf_init(&out);
	assert_true(report_catalog_show(&out, FMT_JSON, &c, "gpu-a"));
	doc = parse(&out);
	e = get(doc, "entry");
	assert_true(num(get(e, "prices.cloud3.on_demand.per_gpu_hour"), "value") == 2.25);
	assert_true(num(get(e, "prices.cloud3.on_demand.instance_gpus"), "value") == 8);
	assert_string_equal(text(e, "prices.cloud3.on_demand.includes_host"), "false");
	assert_string_equal(text(e, "prices.cloud3.on_demand.marketplace"), "true");
	assert_true(num(get(e, "prices.cloud1.on_demand.per_gpu_hour"), "value") == 3);
	assert_true(num(get(e, "interconnect_gb_s"), "value") == 450);
	cJSON_Delete(doc);
	sbuf_release(&out);

	sbuf_init(&out);
	assert_true(report_catalog_show(&out, FMT_JSON, &c, "big-api"));
	doc = parse(&out);
	e = get(doc, "entry");
	assert_true(num(get(e, "long_context.above_input_tokens"), "value") == 200000);
	assert_true(num(get(e, "long_context.output_per_mtok"), "value") == 15);
	assert_string_equal(text(get(e, "long_context.input_per_mtok"), "source"), "https://example.invalid/big");
	cJSON_Delete(doc);
	sbuf_release(&out);

	sbuf_init(&out);
	assert_false(report_catalog_show(&out, FMT_TABLE, &c, "no-such-id"));
	sbuf_release(&out);
	catalog_release(&c);
}

/* The ids of the rows of a one-section CSV listing, in order. */
static void listed(const struct catalog *c, const struct catalog_filter *f, char *ids, size_t size)
{
	struct sbuf out;
	const char *p;

	sbuf_init(&out);
	assert_true(report_catalog_list(&out, FMT_CSV, c, "api", f));
	ids[0] = '\0';
	p = strchr(out.buf, '\n') + 1; /* below the header */
	while (*p) {
		size_t n = strcspn(p, ",");
		strncat(ids, p, n < size - strlen(ids) - 2 ? n : 0);
		strcat(ids, " ");
		p = strchr(p, '\n') + 1;
	}
	sbuf_release(&out);
}

static void catalog_list_filters_and_sorts(void **state)
{
	struct catalog c;
	struct catalog_filter f = {.min_price = NAN, .max_price = NAN, .min_vram = NAN};
	struct sbuf out;
	char ids[512];
	size_t n;
	(void)state;

	small_catalog(&c);
	listed(&c, &f, ids, sizeof(ids));
	assert_string_equal(ids, "big-api small-api host-70b ");
	f.kind = "managed";
	listed(&c, &f, ids, sizeof(ids));
	assert_string_equal(ids, "host-70b ");
	f.kind = NULL;
	f.provider = "vendor";
	listed(&c, &f, ids, sizeof(ids));
	assert_string_equal(ids, "big-api small-api ");
	f.provider = NULL;
	f.max_price = 1; /* input $2.50, $0.15, $0.90 per 1M */
	listed(&c, &f, ids, sizeof(ids));
	assert_string_equal(ids, "small-api host-70b ");
	f.max_price = NAN;
	f.min_price = 0.5;
	f.sort = "input_per_mtok";
	listed(&c, &f, ids, sizeof(ids));
	assert_string_equal(ids, "host-70b big-api ");
	f.min_price = NAN;
	f.sort = "-input_per_mtok";
	listed(&c, &f, ids, sizeof(ids));
	assert_string_equal(ids, "big-api host-70b small-api ");
	f.sort = "no_such_column";
	sbuf_init(&out);
	assert_false(report_catalog_list(&out, FMT_TABLE, &c, "api", &f));
	sbuf_release(&out);
	f.sort = NULL;
	sbuf_init(&out);
	assert_true(report_catalog_list(&out, FMT_MARKDOWN, &c, "models", &f));
	assert_non_null(strstr(out.buf, "| model-8b"));
	sbuf_release(&out);
	assert_null(report_catalog_columns("no_such_section", &n));
	assert_int_equal(n, 0);
	assert_non_null(report_catalog_columns("api", &n));
	assert_true(n > 3);
	catalog_release(&c);
}

/* ---- the grid every table is drawn with ---- */

static void grid_escapes_for_markdown_and_csv(void **state)
{
	static const char *const heads[] = {"name", "a|b", "n"};
	static const bool right[] = {false, false, true};
	struct grid g;
	struct sbuf out;
	(void)state;

	grid_init(&g, heads, right, 3);
	grid_cell(&g, "%s", "x|y");
	grid_cell(&g, "%s", "say \"hi\", twice");
	grid_number(&g, "1,234.5", 1234.5);
	grid_cell(&g, "%s", "caf\xc3\xa9");
	grid_cell(&g, "%s", "line,break");
	grid_number(&g, "7", 7);
	sbuf_init(&out);
	grid_markdown(&out, &g);
	assert_string_equal(out.buf, "| name | a\\|b | n |\n| --- | --- | ---: |\n"
				     "| x\\|y | say \"hi\", twice | 1,234.5 |\n"
				     "| caf\xc3\xa9 | line,break | 7 |\n");
	sbuf_release(&out);
	sbuf_init(&out);
	grid_csv(&out, &g);
	assert_string_equal(out.buf, "name,a|b,n\nx|y,\"say \"\"hi\"\", twice\",\"1,234.5\"\n"
				     "caf\xc3\xa9,\"line,break\",7\n");
	sbuf_release(&out);
	sbuf_init(&out);
	grid_text(&out, &g, 2, -1, false);
	/* columns padded to the widest cell in code points, numbers right */
	assert_non_null(strstr(out.buf, "  caf\xc3\xa9  "));
	sbuf_release(&out);
	grid_release(&g);
}

/* A scenario over small_catalog() evaluated by compare, with the run the
 * writers take. */
struct small_run {
	struct catalog c;
	struct scenario s;
	struct assumptions a;
	struct workload w;
	struct evaluation e;
	struct run r;
};

static void small_compare(struct small_run *f, const char *yaml)
{
	struct diag d = {0};

	small_catalog(&f->c);
	if (scenario_load(&f->s, &f->c, "t.yaml", yaml, strlen(yaml), NULL, 0, 0, &d))
		fail_msg("%u:%u: %s", d.line, d.col, d.msg);
	scenario_assumptions(&f->a, &f->s, &f->c);
	scenario_workload(&f->w, &f->s, &f->a);
	assert_int_equal(compare_evaluate(&f->e, f->s.options, f->s.n_options, &f->w, &f->c, &f->a, &d),
			 ST_OK);
	f->r = (struct run){.command = "compare", .version = "test", .cat = &f->c, .sc = &f->s,
			    .a = &f->a, .w = &f->w, .current = &f->e.c, .today = "2026-01-20",
			    .max_price_age = 1e9};
}

static void small_release(struct small_run *f)
{
	compare_release(&f->e);
	scenario_release(&f->s);
	catalog_release(&f->c);
}

/* A marketplace row without the host, and a model with no quality tier
 * held to one, each warn with the option and what it means. */
static void warnings_of_price_rows_and_tiers(void **state)
{
	static const char text[] = "schema_version: 1\n"
				   "workload: {input_tokens_per_month: 1M, output_tokens_per_month: 1M}\n"
				   "requirements: {min_quality_tier: 2}\n"
				   "options:\n"
				   "  - self_hosted: {model: model-8b, gpu: gpu-a, precision: bf16, provider: cloud3}\n";
	struct small_run f;
	struct warning_item items[16];
	size_t n, stale = 99;
	bool market = false, host = false, tier = false;
	(void)state;

	small_compare(&f, text);
	assert_true(f.e.c.results[0].feasible);
	n = report_warnings(items, 16, &f.r, &stale);
	assert_int_equal(stale, 0);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(items[i].code, "marketplace_price") == 0) {
			market = true;
			assert_string_equal(items[i].message, "priced at cloud3's marketplace listing for gpu-a on_demand: no capacity guarantee");
			assert_string_equal(items[i].option, f.s.options[0].id);
		} else if (strcmp(items[i].code, "accelerator_only_price") == 0) {
			host = true;
			assert_string_equal(items[i].message, "priced at cloud3's accelerator-only rate for gpu-a on_demand: the host VM is billed apart and not included");
		} else if (strcmp(items[i].code, "no_quality_tier") == 0) {
			tier = true;
			assert_string_equal(items[i].message, "'model-8b' has no quality_tier, so min_quality_tier 2 could not be checked; kept");
		}
	}
	assert_true(market && host && tier);
	/* at most `max` */
	assert_int_equal(report_warnings(items, 1, &f.r, NULL), 1);
	small_release(&f);
}

/* compare's JSON for a hybrid (its base and overflow, model.md 7.3), an
 * hourly-scaled option (7.2) and the providers a scenario allows. */
static void compare_json_hybrid_hourly_and_providers(void **state)
{
	static const char yaml[] = "schema_version: 1\n"
				   "workload: {input_tokens_per_month: 200M, output_tokens_per_month: 100M}\n"
				   "requirements: {allowed_providers: [vendor]}\n"
				   "options:\n"
				   "  - hybrid: {self_hosted: {model: model-8b, gpu: gpu-b, precision: bf16}, overflow: small-api, replicas: 1}\n"
				   "  - self_hosted: {model: model-8b, gpu: gpu-a, precision: bf16, scaling: hourly}\n";
	struct small_run f;
	struct sbuf out;
	cJSON *doc, *opts, *it, *hy = NULL, *hr = NULL, *base, *ov, *prov;
	(void)state;

	small_compare(&f, yaml);
	sbuf_init(&out);
	report_compare(&out, FMT_JSON, &f.r, &f.e.c);
	doc = parse(&out);
	opts = get(doc, "options");
	cJSON_ArrayForEach(it, opts)
	{
		if (strcmp(text(it, "kind"), "hybrid") == 0)
			hy = it;
		else
			hr = it;
	}
	assert_non_null(hy);
	assert_non_null(hr);
	assert_true(cJSON_IsTrue(get(hy, "feasible")));
	base = get(hy, "base");
	assert_string_equal(text(base, "model"), "model-8b");
	assert_string_equal(text(base, "gpu"), "gpu-b");
	assert_string_equal(text(base, "pricing"), "on_demand");
	assert_true(num(base, "replicas") == 1);
	ov = get(hy, "overflow");
	assert_string_equal(text(ov, "kind"), "api");
	assert_string_equal(text(ov, "id"), "small-api");
	/* the overflow's bill is the total's overflow part, and its tokens
	 * are the ones not served in house */
	assert_true(num(ov, "total") == num(get(hy, "monthly_cost"), "overflow"));
	NEAR(3e8 * (1 - num(get(hy, "sizing"), "self_served_share")),
	     num(get(hy, "sizing"), "overflow_tokens_per_month"));
	assert_true(num(get(hy, "sizing"), "weekday_hours_in_house") >= 0);
	assert_true(num(get(hy, "sizing"), "weekday_hours_in_house") <= 24);
	/* hourly: replicas over the week and the GPU-hours billed */
	assert_true(num(get(hr, "sizing"), "replicas_min") <= num(get(hr, "sizing"), "replicas_max"));
	assert_true(num(get(hr, "sizing"), "gpu_hours_per_month") > 0);
	prov = get(get(doc, "requirements"), "allowed_providers");
	assert_int_equal(cJSON_GetArraySize(prov), 1);
	assert_string_equal(cJSON_GetArrayItem(prov, 0)->valuestring, "vendor");
	cJSON_Delete(doc);
	sbuf_release(&out);
	small_release(&f);
}

/* a share short of all never reads as all, nor one above none as none */
static void shares_round_without_claiming_all_or_none(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(report_share(b, sizeof(b), 1), "100.0%");
	assert_string_equal(report_share(b, sizeof(b), 0.9999), ">99.9%");
	assert_string_equal(report_share(b, sizeof(b), 0.9994), "99.9%");
	assert_string_equal(report_share(b, sizeof(b), 0.832), "83.2%");
	assert_string_equal(report_share(b, sizeof(b), 0.0004), "<0.1%");
	assert_string_equal(report_share(b, sizeof(b), 0), "0.0%");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shares_round_without_claiming_all_or_none),
		cmocka_unit_test(breakeven_json_pairs),
		cmocka_unit_test(breakeven_csv_table_markdown),
		cmocka_unit_test(sweep_json_points),
		cmocka_unit_test(sweep_csv_table_markdown),
		cmocka_unit_test(check_json_thresholds),
		cmocka_unit_test(check_csv_table_markdown),
		cmocka_unit_test(diff_json_and_text),
		cmocka_unit_test(same_bytes_under_a_comma_locale),
		cmocka_unit_test(catalog_show_every_kind_of_entry),
		cmocka_unit_test(catalog_list_filters_and_sorts),
		cmocka_unit_test(grid_escapes_for_markdown_and_csv),
		cmocka_unit_test(warnings_of_price_rows_and_tiers),
		cmocka_unit_test(compare_json_hybrid_hourly_and_providers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
