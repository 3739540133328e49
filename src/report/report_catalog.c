/*
 * report_catalog.c - `catalog list` and `catalog show`: the catalog's
 * entries as tables, markdown, CSV or JSON, every figure with its source and
 * date.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/grid.h"
#include "util/sort.h"
#include "util/num.h"
#include "report/report_internal.h"

/* A grid cell for a number: grouped for people, raw for CSV; "" if absent. */
static void num_cell(struct grid *g, enum format fmt, double v, int decimals)
{
	char b[48];

	if (!cat_has(v))
		grid_cell(g, "%s", fmt == FMT_CSV ? "" : "-");
	else if (fmt == FMT_CSV)
		grid_number(g, num_shortest(b, sizeof(b), v), v);
	else
		grid_number(g, num_grouped(b, sizeof(b), v, decimals), v);
}

static void str_cell(struct grid *g, const char *s)
{
	grid_cell(g, "%s", s ? s : "");
}

static void render(struct sbuf *out, enum format fmt, struct grid *g)
{
	if (fmt == FMT_CSV)
		grid_csv(out, g);
	else if (fmt == FMT_MARKDOWN)
		grid_markdown(out, g);
	else
		grid_text(out, g, 0, -1, false);
	grid_release(g);
}

/* The lowest per-GPU-hour rate among the rows an option of `mode` would
 * choose from (model.md 3.4: no marketplace or host-less row while another
 * row qualifies); NULL when the mode has none. */
static const struct gpu_price *cheapest(const struct gpu *g, enum pricing mode)
{
	const struct gpu_price *best = NULL;
	struct option_spec o = {.kind = OPT_SELF_HOSTED, .gpu = g, .pricing = mode};

	for (size_t i = 0; i < g->n_prices; i++) {
		const struct gpu_price *p = &g->prices[i];
		if (engine_price_candidate(&o, p) && (!best || p->per_gpu_hour < best->per_gpu_hour))
			best = p;
	}
	return best;
}

static const char *const gpu_heads[] = {"id", "name", "vram_gb", "memory_bandwidth_gb_s",
					"bf16_tflops", "fp8_tflops", "on_demand_per_gpu_hour",
					"spot_per_gpu_hour", "prices", "as_of"};
static const char *const api_heads[] = {"id", "kind", "provider", "quality_tier", "input_per_mtok",
					"output_per_mtok", "cached_input_per_mtok", "batch_discount",
					"context_window", "as_of"};
static const char *const model_heads[] = {"id", "params_b", "active_params_b", "kv_bytes_per_token",
					  "context_window", "quality_tier", "license"};
static const char *const tput_heads[] = {"model", "gpu", "precision", "tensor_parallel",
					 "input_tokens", "output_tokens", "output_tokens_per_s",
					 "concurrency", "engine", "as_of"};
static const bool gpu_right[] = {0, 0, 1, 1, 1, 1, 1, 1, 1, 0};
static const bool api_right[] = {0, 0, 0, 1, 1, 1, 1, 1, 1, 0};
static const bool model_right[] = {0, 1, 1, 1, 1, 1, 0};
static const bool tput_right[] = {0, 0, 0, 1, 1, 1, 1, 1, 0, 0};

static void list_gpus(struct grid *g, enum format fmt, const struct catalog *cat,
		      const size_t *idx, size_t n)
{
	grid_init(g, gpu_heads, gpu_right, 10);
	for (size_t i = 0; i < n; i++) {
		const struct gpu *x = &cat->gpus[idx[i]];
		const struct gpu_price *od = cheapest(x, PRICE_ON_DEMAND), *sp = cheapest(x, PRICE_SPOT);
		str_cell(g, x->id);
		str_cell(g, x->name);
		num_cell(g, fmt, x->vram_gb, 0);
		num_cell(g, fmt, x->memory_bandwidth_gb_s, 0);
		num_cell(g, fmt, x->bf16_tflops, 1);
		num_cell(g, fmt, x->fp8_tflops, 1);
		num_cell(g, fmt, od ? od->per_gpu_hour : NAN, 2);
		num_cell(g, fmt, sp ? sp->per_gpu_hour : NAN, 2);
		num_cell(g, fmt, (double)x->n_prices, 0);
		str_cell(g, x->as_of);
	}
}

static void list_api(struct grid *g, enum format fmt, const struct catalog *cat,
		     const size_t *idx, size_t n)
{
	grid_init(g, api_heads, api_right, 10);
	for (size_t i = 0; i < n; i++) {
		const struct api_model *x = &cat->api[idx[i]];
		str_cell(g, x->id);
		str_cell(g, x->kind == KIND_API ? "api" : "managed");
		str_cell(g, x->provider);
		num_cell(g, fmt, x->quality_tier, 0);
		num_cell(g, fmt, x->input_per_mtok, 3);
		num_cell(g, fmt, x->output_per_mtok, 3);
		num_cell(g, fmt, x->cached_input_per_mtok, 3);
		num_cell(g, fmt, x->batch_discount, 2);
		num_cell(g, fmt, x->context_window, 0);
		str_cell(g, x->as_of);
	}
}

static void list_models(struct grid *g, enum format fmt, const struct catalog *cat,
			const size_t *idx, size_t n)
{
	grid_init(g, model_heads, model_right, 7);
	for (size_t i = 0; i < n; i++) {
		const struct open_model *x = &cat->models[idx[i]];
		str_cell(g, x->id);
		num_cell(g, fmt, x->params_b, 1);
		num_cell(g, fmt, x->active_params_b, 1);
		num_cell(g, fmt, engine_kv_bytes(x, 2), 0); /* at bf16 */
		num_cell(g, fmt, x->context_window, 0);
		num_cell(g, fmt, x->quality_tier, 0);
		str_cell(g, x->license);
	}
}

static void list_tput(struct grid *g, enum format fmt, const struct catalog *cat,
		      const size_t *idx, size_t n)
{
	grid_init(g, tput_heads, tput_right, 10);
	for (size_t i = 0; i < n; i++) {
		const struct throughput *x = &cat->tput[idx[i]];
		str_cell(g, x->model);
		str_cell(g, x->gpu);
		str_cell(g, precision_names[x->precision]);
		num_cell(g, fmt, x->tensor_parallel, 0);
		num_cell(g, fmt, x->input_tokens, 0);
		num_cell(g, fmt, x->output_tokens, 0);
		num_cell(g, fmt, x->output_tokens_per_s, 1);
		/* several rows of one configuration differ by these */
		num_cell(g, fmt, x->concurrency >= 1 ? x->concurrency : NAN, 0);
		str_cell(g, x->engine);
		str_cell(g, x->as_of);
	}
}

/* Whether entry i of a section passes the filter (model.md says nothing
 * here: this is browsing). Price filters read the API's input price and
 * a GPU's cheapest on-demand rate. */
static bool keep(const struct catalog *cat, int section, size_t i, const struct catalog_filter *f)
{
	if (section == 0) {
		const struct gpu *g = &cat->gpus[i];
		const struct gpu_price *od = cheapest(g, PRICE_ON_DEMAND);
		bool from = !f->provider;
		for (size_t k = 0; k < g->n_prices && !from; k++)
			from = strcmp(g->prices[k].provider, f->provider) == 0;
		return from && !(cat_has(f->min_vram) && g->vram_gb < f->min_vram) &&
		       !((cat_has(f->min_price) || cat_has(f->max_price)) && !od) &&
		       !(od && cat_has(f->min_price) && od->per_gpu_hour < f->min_price) &&
		       !(od && cat_has(f->max_price) && od->per_gpu_hour > f->max_price);
	}
	if (section == 1) {
		const struct api_model *m = &cat->api[i];
		return !(f->provider && strcmp(m->provider, f->provider) != 0) &&
		       !(f->kind && strcmp(f->kind, m->kind == KIND_API ? "api" : "managed") != 0) &&
		       !(cat_has(f->min_price) && m->input_per_mtok < f->min_price) &&
		       !(cat_has(f->max_price) && m->input_per_mtok > f->max_price);
	}
	return true;
}

static const struct {
	const char *name;
	void (*fill)(struct grid *g, enum format fmt, const struct catalog *cat, const size_t *idx,
		     size_t n);
	size_t n_off; /* offsetof the section's count in struct catalog */
} lists[] = {{"gpus", list_gpus, offsetof(struct catalog, n_gpus)},
	     {"api", list_api, offsetof(struct catalog, n_api)},
	     {"models", list_models, offsetof(struct catalog, n_models)},
	     {"throughput", list_tput, offsetof(struct catalog, n_tput)}};

/* For qsort over row indices by one raw grid column. */
struct sort_ctx {
	const struct grid *g;
	size_t col;
	bool desc;
};

/* Row a before row b by the sort column: numbers by value, text by
 * bytes, empty cells last either way; ties keep catalog order. */
static bool row_before(const void *ctx, size_t a, size_t b)
{
	const struct sort_ctx *c = ctx;
	size_t ia = a * c->g->ncols + c->col, ib = b * c->g->ncols + c->col;
	const char *x = c->g->cells[ia], *y = c->g->cells[ib];
	double u = c->g->nums[ia], v = c->g->nums[ib];
	int r;

	if (!*x != !*y)
		return *x; /* the one with a value first */
	if (!isnan(u) && !isnan(v))
		r = (u > v) - (u < v);
	else
		r = strcmp(x, y);
	if (r == 0)
		return a < b;
	return c->desc ? r > 0 : r < 0;
}

/* Rows to show, filtered and sorted; n_rows is set. NULL on OOM. */
static size_t *select_rows(const struct catalog *cat, size_t section, const struct catalog_filter *f,
			   size_t *n_rows, bool *bad_sort)
{
	size_t n = *(const size_t *)((const char *)cat + lists[section].n_off), kept = 0;
	size_t *all = malloc((n ? n : 1) * sizeof(*all)), *rows;
	struct grid raw;
	struct sort_ctx c = {0};

	*bad_sort = false;
	if (!all)
		return NULL;
	for (size_t i = 0; i < n; i++)
		all[i] = i;
	lists[section].fill(&raw, FMT_CSV, cat, all, n);
	rows = all;
	for (size_t i = 0; i < n; i++) {
		if (keep(cat, (int)section, i, f))
			rows[kept++] = i;
	}
	if (f->sort) {
		const char *key = f->sort[0] == '-' ? f->sort + 1 : f->sort;
		int col = name_index(raw.heads, raw.ncols, key);
		if (col < 0) {
			*bad_sort = true;
		} else {
			c = (struct sort_ctx){&raw, (size_t)col, f->sort[0] == '-'};
			sort_indices(rows, kept, row_before, &c);
		}
	}
	grid_release(&raw);
	*n_rows = kept;
	return rows;
}

/* JSON for a grid: an array of objects keyed by the (snake_case) heads,
 * numbers as numbers. */
static cJSON *grid_json(const struct grid *g)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t r = 0; r < g->n / g->ncols; r++) {
		cJSON *o = cJSON_CreateObject();
		for (size_t c = 0; c < g->ncols; c++) {
			const char *cell = g->cells[r * g->ncols + c];
			double v = g->nums[r * g->ncols + c];
			if (cell[0] == '\0')
				cJSON_AddNullToObject(o, g->heads[c]);
			else if (!isnan(v))
				report_json_add_number(o, g->heads[c], v);
			else
				cJSON_AddStringToObject(o, g->heads[c], cell);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

bool report_catalog_list(struct sbuf *out, enum format fmt, const struct catalog *cat,
			 const char *section, const struct catalog_filter *f)
{
	struct grid g;
	cJSON *doc = NULL;
	bool ok = true;

	if (fmt == FMT_JSON) {
		doc = cJSON_CreateObject();
		report_json_add_number(doc, "schema_version", 1);
		cJSON_AddStringToObject(doc, "command", "catalog list");
		cJSON_AddStringToObject(doc, "currency", cat->currency);
		if (cat->as_of)
			cJSON_AddStringToObject(doc, "as_of", cat->as_of);
	} else if (!section && fmt == FMT_TABLE) {
		sbuf_printf(out, "catalog as of %s (%s): %zu gpus, %zu api models, %zu open models, %zu throughput rows\n\n",
			    cat->as_of ? cat->as_of : "-", cat->currency, cat->n_gpus, cat->n_api,
			    cat->n_models, cat->n_tput);
	}
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		if (section && strcmp(section, lists[i].name) != 0)
			continue;
		bool bad_sort;
		size_t n, *rows = select_rows(cat, i, f, &n, &bad_sort);
		if (!rows) {
			out->failed = true;
			break;
		}
		if (bad_sort) {
			ok = false;
			free(rows);
			break;
		}
		/* JSON and CSV want raw numbers */
		lists[i].fill(&g, fmt == FMT_TABLE || fmt == FMT_MARKDOWN ? fmt : FMT_CSV, cat, rows, n);
		free(rows);
		if (doc) {
			cJSON_AddItemToObject(doc, lists[i].name, grid_json(&g));
			grid_release(&g);
			continue;
		}
		if (!section && fmt != FMT_CSV)
			sbuf_printf(out, "%s%s:\n", fmt == FMT_MARKDOWN ? "### " : "", lists[i].name);
		render(out, fmt, &g);
		if (!section && i + 1 < sizeof(lists) / sizeof(lists[0]))
			sbuf_printf(out, "\n");
	}
	if (doc && ok)
		report_json_emit(out, doc);
	else
		cJSON_Delete(doc);
	return ok;
}

const char *const *report_catalog_columns(const char *section, size_t *n)
{
	static const struct {
		const char *name;
		const char *const *heads;
		size_t n;
	} cols[] = {{"gpus", gpu_heads, sizeof(gpu_heads) / sizeof(gpu_heads[0])},
		    {"api", api_heads, sizeof(api_heads) / sizeof(api_heads[0])},
		    {"models", model_heads, sizeof(model_heads) / sizeof(model_heads[0])},
		    {"throughput", tput_heads, sizeof(tput_heads) / sizeof(tput_heads[0])}};

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		if (strcmp(cols[i].name, section) == 0) {
			*n = cols[i].n;
			return cols[i].heads;
		}
	}
	*n = 0;
	return NULL;
}

/* ---- show ---------------------------------------------------------------- */

struct shown {
	struct grid g;
	enum format fmt;
	cJSON *obj;
	const char *notes; /* tables print it below, not in a column */
};

static void fig(struct shown *s, const char *key, double v, const char *source, const char *as_of)
{
	char b[48];

	if (!cat_has(v))
		return;
	if (s->obj) {
		cJSON *f = cJSON_AddObjectToObject(s->obj, key);
		report_json_add_number(f, "value", v);
		if (source)
			cJSON_AddStringToObject(f, "source", source);
		if (as_of)
			cJSON_AddStringToObject(f, "as_of", as_of);
		return;
	}
	grid_cell(&s->g, "%s", key);
	grid_cell(&s->g, "%s", s->fmt == FMT_CSV ? num_shortest(b, sizeof(b), v) : num_grouped(b, sizeof(b), v, v == (long long)v ? 0 : 3));
	str_cell(&s->g, as_of);
	str_cell(&s->g, source);
}

static void text(struct shown *s, const char *key, const char *v)
{
	if (!v)
		return;
	if (!s->obj && s->fmt != FMT_CSV && strcmp(key, "notes") == 0) {
		s->notes = v;
		return;
	}
	if (s->obj) {
		cJSON_AddStringToObject(s->obj, key, v);
		return;
	}
	grid_cell(&s->g, "%s", key);
	grid_cell(&s->g, "%s", v);
	grid_cell(&s->g, "%s", "");
	grid_cell(&s->g, "%s", "");
}

static void show_gpu(struct shown *s, const struct gpu *x)
{
	char key[160];

	text(s, "id", x->id);
	text(s, "name", x->name);
	fig(s, "vram_gb", x->vram_gb, x->source, x->as_of);
	fig(s, "memory_bandwidth_gb_s", x->memory_bandwidth_gb_s, x->source, x->as_of);
	fig(s, "bf16_tflops", x->bf16_tflops, x->source, x->as_of);
	fig(s, "fp8_tflops", x->fp8_tflops, x->source, x->as_of);
	fig(s, "int8_tops", x->int8_tops, x->source, x->as_of);
	fig(s, "fp4_tflops", x->fp4_tflops, x->source, x->as_of);
	fig(s, "tdp_watts", x->tdp_watts, x->source, x->as_of);
	/* model.md 3.2: the tensor-parallel all-reduce runs over this link */
	fig(s, "interconnect_gb_s", x->interconnect_gb_s, x->source, x->as_of);
	/* a purchase price has its own source and date (model.md 3.6) */
	fig(s, "purchase_price", x->purchase_price,
	    x->purchase_price_source ? x->purchase_price_source : x->source, x->purchase_price_as_of);
	for (size_t i = 0; i < x->n_prices; i++) {
		const struct gpu_price *p = &x->prices[i];
		char path[400];
		size_t n;
		/* the row's --set path without the gpu id: prices.PROVIDER.MODE[.xN] */
		catalog_price_path(path, sizeof(path), x, p);
		snprintf(key, sizeof(key), "%s.per_gpu_hour", path + strlen(x->id) + 1);
		fig(s, key, p->per_gpu_hour, p->source, p->as_of);
		n = strlen(key) - strlen("per_gpu_hour");
		if (p->instance_gpus > 1) {
			snprintf(key + n, sizeof(key) - n, "instance_gpus");
			fig(s, key, p->instance_gpus, p->source, p->as_of);
		}
		if (p->accelerator_only) {
			snprintf(key + n, sizeof(key) - n, "includes_host");
			text(s, key, "false");
		}
		if (p->marketplace) {
			snprintf(key + n, sizeof(key) - n, "marketplace");
			text(s, key, "true");
		}
	}
	text(s, "notes", x->notes);
}

static void show_api(struct shown *s, const struct api_model *x)
{
	text(s, "id", x->id);
	text(s, "name", x->name);
	text(s, "kind", x->kind == KIND_API ? "api" : "managed");
	text(s, "provider", x->provider);
	text(s, "open_model", x->open_model);
	text(s, "source_key", x->source_key);
	fig(s, "quality_tier", x->quality_tier, x->source, x->as_of);
	fig(s, "input_per_mtok", x->input_per_mtok, x->source, x->as_of);
	fig(s, "output_per_mtok", x->output_per_mtok, x->source, x->as_of);
	fig(s, "cached_input_per_mtok", x->cached_input_per_mtok, x->source, x->as_of);
	fig(s, "cache_write_per_mtok", x->cache_write_per_mtok, x->source, x->as_of);
	fig(s, "batch_discount", x->batch_discount, x->source, x->as_of);
	fig(s, "context_window", x->context_window, x->source, x->as_of);
	fig(s, "rate_limit_tokens_per_min", x->rate_limit_tokens_per_min, x->source, x->as_of);
	if (x->has_long_context) {
		fig(s, "long_context.above_input_tokens", x->lc_above_input_tokens, x->source, x->as_of);
		fig(s, "long_context.input_per_mtok", x->lc_input_per_mtok, x->source, x->as_of);
		fig(s, "long_context.output_per_mtok", x->lc_output_per_mtok, x->source, x->as_of);
		fig(s, "long_context.cached_input_per_mtok", x->lc_cached_input_per_mtok, x->source, x->as_of);
		fig(s, "long_context.cache_write_per_mtok", x->lc_cache_write_per_mtok, x->source, x->as_of);
	}
	text(s, "notes", x->notes);
}

static void show_model(struct shown *s, const struct open_model *x)
{
	text(s, "id", x->id);
	text(s, "name", x->name);
	text(s, "license", x->license);
	fig(s, "params_b", x->params_b, x->source, x->as_of);
	fig(s, "active_params_b", x->active_params_b, x->source, x->as_of);
	fig(s, "layers", x->layers, x->source, x->as_of);
	fig(s, "kv_heads", x->kv_heads, x->source, x->as_of);
	fig(s, "head_dim", x->head_dim, x->source, x->as_of);
	fig(s, "kv_bytes_per_token", x->kv_bytes_per_token, x->source, x->as_of);
	fig(s, "context_window", x->context_window, x->source, x->as_of);
	/* model.md 3.2: attention FLOPs and the all-reduce volume */
	fig(s, "hidden_size", x->hidden_size, x->source, x->as_of);
	/* model.md 3.1: the checkpoint's real size, by precision */
	for (int p = 0; p < PREC_COUNT; p++) {
		char key[64];
		snprintf(key, sizeof(key), "stored_weights_gb.%s", precision_names[p]);
		fig(s, key, x->stored_weights_gb[p], x->source, x->as_of);
	}
	/* model.md 3.2: whose throughput rows calibrate this model */
	text(s, "same_architecture_as", x->same_architecture_as);
	/* model.md 10; the rule and its benchmark source: CATALOG-NOTES.md */
	fig(s, "quality_tier", x->quality_tier, x->source, x->as_of);
	text(s, "notes", x->notes);
}

static const char *const show_heads[] = {"field", "value", "as_of", "source"};
static const bool show_right[] = {false, true, false, false};

bool report_catalog_show(struct sbuf *out, enum format fmt, const struct catalog *cat,
			 const char *id)
{
	const struct gpu *g = catalog_gpu(cat, id);
	const struct api_model *a = catalog_api(cat, id);
	const struct open_model *m = catalog_model(cat, id);
	const struct loc *at = g ? &g->loc : a ? &a->loc : m ? &m->loc : NULL;
	struct shown s = {.fmt = fmt};

	if (!at)
		return false;
	if (fmt == FMT_JSON) {
		cJSON *doc = cJSON_CreateObject();
		report_json_add_number(doc, "schema_version", 1);
		cJSON_AddStringToObject(doc, "command", "catalog show");
		cJSON_AddStringToObject(doc, "section", g ? "gpus" : a ? "api_models" : "open_models");
		cJSON_AddStringToObject(doc, "file", at->file);
		s.obj = cJSON_AddObjectToObject(doc, "entry");
		if (g)
			show_gpu(&s, g);
		else if (a)
			show_api(&s, a);
		else
			show_model(&s, m);
		report_json_emit(out, doc);
		return true;
	}
	grid_init(&s.g, show_heads, show_right, 4);
	if (g)
		show_gpu(&s, g);
	else if (a)
		show_api(&s, a);
	else
		show_model(&s, m);
	if (fmt == FMT_TABLE)
		sbuf_printf(out, "%s (%s, from %s:%u)\n\n", id, g ? "gpu" : a ? "api model" : "open model",
			    at->file, at->line);
	render(out, fmt, &s.g);
	if (s.notes)
		sbuf_printf(out, "\n%s%s\n", fmt == FMT_MARKDOWN ? "Notes: " : "notes: ", s.notes);
	return true;
}
