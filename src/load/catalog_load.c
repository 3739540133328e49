/*
 * catalog_load.c - loads catalog files (interface.md "Catalog file") into
 * the plain structs of model/catalog.h and layers them by id.
 *
 * Strict: unknown keys, wrong types, out-of-range or non-finite numbers and
 * duplicate ids fail with the place. The YAML tree is freed before each call
 * returns; everything kept is copied into the catalog's string pool.
 */
#include "load/catalog_load.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/builtin.h"
#include "load/ydoc.h"
#include "util/num.h"
#include "util/strmap.h"
#include "util/strpool.h"
#include "util/suggest.h"

static const char *const kind_names[] = {"api", "managed"};

static enum status oom(struct diag *d)
{
	return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
}

/* Grows *arr (of *n elements of `size`) by one zeroed element; NULL on OOM. */
static void *grow(void *arr_p, size_t *n, size_t size)
{
	void **arr = arr_p;
	char *p = realloc(*arr, (*n + 1) * size);

	if (!p)
		return NULL;
	*arr = p;
	memset(p + *n * size, 0, size);
	return p + (*n)++ * size;
}

static struct loc here(const struct ynode *n, const char *file)
{
	return (struct loc){file, n->loc.line, n->loc.col};
}

/* ---- gpus ---------------------------------------------------------------- */

static const struct field price_fields[] = {
	{"provider", F_STR, offsetof(struct gpu_price, provider), true, 0, 0, false},
	{"mode", F_CUSTOM, 0, true, 0, 0, false},
	{"per_gpu_hour", F_NUM, offsetof(struct gpu_price, per_gpu_hour), true, 0, CATALOG_MAX_PRICE, false},
	{"instance_gpus", F_INT, offsetof(struct gpu_price, instance_gpus), false, 1, 64, false},
	{"includes_host", F_CUSTOM, 0, false, 0, 0, false},
	{"marketplace", F_CUSTOM, 0, false, 0, 0, false},
	{"region", F_STR, offsetof(struct gpu_price, region), false, 0, 0, false},
	{"source", F_STR, offsetof(struct gpu_price, source), false, 0, 0, false},
	{"as_of", F_DATE, offsetof(struct gpu_price, as_of), false, 0, 0, false},
	{"notes", F_STR, offsetof(struct gpu_price, notes), false, 0, 0, false},
};

static const struct field gpu_fields[] = {
	{"id", F_STR, offsetof(struct gpu, id), true, 0, 0, false},
	{"replace", F_CUSTOM, 0, false, 0, 0, false},
	{"name", F_STR, offsetof(struct gpu, name), false, 0, 0, false},
	{"vram_gb", F_NUM, offsetof(struct gpu, vram_gb), true, 0, 1e6, true},
	{"memory_bandwidth_gb_s", F_NUM, offsetof(struct gpu, memory_bandwidth_gb_s), true, 0, 1e8, true},
	{"bf16_tflops", F_NUM, offsetof(struct gpu, bf16_tflops), true, 0, 1e8, true},
	{"fp8_tflops", F_NUM, offsetof(struct gpu, fp8_tflops), false, 0, 1e8, true},
	{"int8_tops", F_NUM, offsetof(struct gpu, int8_tops), false, 0, 1e8, true},
	{"fp4_tflops", F_NUM, offsetof(struct gpu, fp4_tflops), false, 0, 1e8, true},
	{"interconnect_gb_s", F_NUM, offsetof(struct gpu, interconnect_gb_s), false, 0, 1e8, true},
	{"tdp_watts", F_NUM, offsetof(struct gpu, tdp_watts), false, 0, 1e6, false},
	{"purchase_price", F_NUM, offsetof(struct gpu, purchase_price), false, 0, 1e9, false},
	{"purchase_price_source", F_STR, offsetof(struct gpu, purchase_price_source), false, 0, 0, false},
	{"purchase_price_as_of", F_DATE, offsetof(struct gpu, purchase_price_as_of), false, 0, 0, false},
	{"source", F_STR, offsetof(struct gpu, source), false, 0, 0, false},
	{"as_of", F_DATE, offsetof(struct gpu, as_of), false, 0, 0, false},
	{"notes", F_STR, offsetof(struct gpu, notes), false, 0, 0, false},
	{"prices", F_CUSTOM, 0, false, 0, 0, false},
};

#define N_FIELDS(t) (sizeof(t) / sizeof((t)[0]))

/* Reads the fields of price row `e` into `p`: all of them (required ones
 * checked) for a new row, or with `over` only those given. */
static enum status read_price(struct gpu_price *p, const struct ynode *e, const char *file,
			      struct strpool *pool, bool over, struct diag *d)
{
	const struct ynode *v;
	int mode;

	if ((over ? yread_fields_over : yread_fields)(e, "gpu price", price_fields,
						      N_FIELDS(price_fields), p, pool, d))
		return d->code;
	/* model.md 3.4 defaults: a one-GPU instance with its host, not a
	 * marketplace listing */
	if (!cat_has(p->instance_gpus))
		p->instance_gpus = 1;
	if ((v = ymap_get(e, "mode"))) {
		if (yenum(v, "mode", pricing_names, PRICE_OWNED, &mode, d))
			return d->code;
		p->mode = (enum pricing)mode;
	}
	p->loc = here(e, file);
	if ((v = ymap_get(e, "includes_host"))) {
		bool host;
		if (ybool(v, "includes_host", &host, d))
			return d->code;
		p->accelerator_only = !host;
	}
	if ((v = ymap_get(e, "marketplace")) && ybool(v, "marketplace", &p->marketplace, d))
		return d->code;
	return ST_OK;
}

/* Reads gpu g's `prices` list over its n_prices earlier rows (none for a
 * new gpu): a row with the identity (provider, mode, instance_gpus) of an
 * earlier layer's row overrides only the keys it gives, any other row is
 * added whole (interface.md Additions). g->prices must be g's own array. */
static enum status read_prices(struct gpu *g, const struct ynode *list, const char *file,
			       struct strpool *pool, struct diag *d)
{
	size_t before = g->n_prices; /* rows of earlier layers */
	struct gpu_price *arr;

	if (list->type != Y_SEQ)
		return ynode_error(d, list, "'prices' of gpu '%s' must be a list", g->id);
	arr = realloc(g->prices, (before + list->n + 1) * sizeof(*arr));
	if (!arr)
		return oom(d);
	g->prices = arr;
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *e = list->kids[i];
		struct gpu_price key = {0}, *p = NULL;

		/* the row's identity, to find the row it merges into */
		if (read_price(&key, e, file, pool, true, d))
			return d->code;
		if (!ymap_get(e, "instance_gpus"))
			key.instance_gpus = 1;
		for (size_t j = 0; key.provider && ymap_get(e, "mode") && j < g->n_prices; j++) {
			if (!catalog_same_price_row(&g->prices[j], &key))
				continue;
			if (j >= before)
				return ynode_error(d, e, "duplicate price row for provider '%s' mode '%s' instance_gpus %d (first at line %u)",
						   key.provider, pricing_names[key.mode], (int)key.instance_gpus,
						   g->prices[j].loc.line);
			p = &g->prices[j];
			break;
		}
		if (p) {
			if (read_price(p, e, file, pool, true, d))
				return d->code;
			continue;
		}
		p = &g->prices[g->n_prices];
		memset(p, 0, sizeof(*p));
		if (read_price(p, e, file, pool, false, d))
			return d->code;
		g->n_prices++;
	}
	return ST_OK;
}

/* Reads gpu `e` into `g`: a new entry (zeroed g), or with `merge` over a
 * copy of an earlier layer's entry whose prices array g does not own yet. */
static enum status read_gpu(struct gpu *g, const struct ynode *e, const char *file,
			    struct strpool *pool, bool merge, struct diag *d)
{
	const struct ynode *prices;

	if (merge) {
		/* own the rows before anything can fail: the caller frees them */
		struct gpu_price *copy = malloc((g->n_prices + 1) * sizeof(*copy));
		if (!copy) {
			g->prices = NULL;
			g->n_prices = 0;
			return oom(d);
		}
		if (g->n_prices)
			memcpy(copy, g->prices, g->n_prices * sizeof(*copy));
		g->prices = copy;
	}
	if ((merge ? yread_fields_over : yread_fields)(e, "gpu", gpu_fields, N_FIELDS(gpu_fields), g,
						       pool, d))
		return d->code;
	g->loc = here(e, file);
	if (!g->name)
		g->name = g->id;
	prices = ymap_get(e, "prices");
	return prices ? read_prices(g, prices, file, pool, d) : ST_OK;
}

/* ---- api_models ---------------------------------------------------------- */

static const struct field api_fields[] = {
	{"id", F_STR, offsetof(struct api_model, id), true, 0, 0, false},
	{"replace", F_CUSTOM, 0, false, 0, 0, false},
	{"kind", F_CUSTOM, 0, false, 0, 0, false},
	{"provider", F_STR, offsetof(struct api_model, provider), false, 0, 0, false},
	{"name", F_STR, offsetof(struct api_model, name), false, 0, 0, false},
	{"input_per_mtok", F_NUM, offsetof(struct api_model, input_per_mtok), true, 0, CATALOG_MAX_PRICE, false},
	{"output_per_mtok", F_NUM, offsetof(struct api_model, output_per_mtok), true, 0, CATALOG_MAX_PRICE, false},
	{"cached_input_per_mtok", F_NUM, offsetof(struct api_model, cached_input_per_mtok), false, 0, CATALOG_MAX_PRICE, false},
	{"cache_write_per_mtok", F_NUM, offsetof(struct api_model, cache_write_per_mtok), false, 0, CATALOG_MAX_PRICE, false},
	{"batch_discount", F_NUM, offsetof(struct api_model, batch_discount), false, 0, 1, false},
	{"context_window", F_INT, offsetof(struct api_model, context_window), false, 1, CATALOG_MAX_TOKENS, false},
	{"long_context", F_CUSTOM, 0, false, 0, 0, false},
	{"rate_limit_tokens_per_min", F_NUM, offsetof(struct api_model, rate_limit_tokens_per_min), false, 0, CATALOG_MAX_RATE, true},
	{"open_model", F_STR, offsetof(struct api_model, open_model), false, 0, 0, false},
	{"quality_tier", F_INT, offsetof(struct api_model, quality_tier), false, 1, 3, false},
	{"source_key", F_STR, offsetof(struct api_model, source_key), false, 0, 0, false},
	{"source", F_STR, offsetof(struct api_model, source), false, 0, 0, false},
	{"as_of", F_DATE, offsetof(struct api_model, as_of), false, 0, 0, false},
	{"notes", F_STR, offsetof(struct api_model, notes), false, 0, 0, false},
};

static const struct field long_context_fields[] = {
	{"above_input_tokens", F_NUM, offsetof(struct api_model, lc_above_input_tokens), true, 0, CATALOG_MAX_TOKENS, false},
	{"input_per_mtok", F_NUM, offsetof(struct api_model, lc_input_per_mtok), true, 0, CATALOG_MAX_PRICE, false},
	{"output_per_mtok", F_NUM, offsetof(struct api_model, lc_output_per_mtok), true, 0, CATALOG_MAX_PRICE, false},
	{"cached_input_per_mtok", F_NUM, offsetof(struct api_model, lc_cached_input_per_mtok), false, 0, CATALOG_MAX_PRICE, false},
	{"cache_write_per_mtok", F_NUM, offsetof(struct api_model, lc_cache_write_per_mtok), false, 0, CATALOG_MAX_PRICE, false},
};

static enum status read_api(struct api_model *m, const struct ynode *e, const char *file,
			    struct strpool *pool, bool merge, struct diag *d)
{
	const struct ynode *kind, *lc;
	int k = KIND_API;

	if (merge)
		k = (int)m->kind;
	if ((merge ? yread_fields_over : yread_fields)(e, "api model", api_fields, N_FIELDS(api_fields),
						       m, pool, d))
		return d->code;
	kind = ymap_get(e, "kind");
	if (kind && yenum(kind, "kind", kind_names, 2, &k, d))
		return d->code;
	m->kind = (enum api_kind)k;
	m->loc = here(e, file);
	if (!m->name)
		m->name = m->id;
	if (!m->provider)
		m->provider = "";
	/* a layer that makes a managed entry an api one drops its open model */
	if (merge && m->kind != KIND_MANAGED && !ymap_get(e, "open_model"))
		m->open_model = NULL;
	if (m->open_model && m->kind != KIND_MANAGED)
		return ynode_error(d, ymap_get(e, "open_model"),
				   "'open_model' is only for kind 'managed' ('%s' is kind 'api')", m->id);
	lc = ymap_get(e, "long_context");
	if (!merge)
		m->lc_cached_input_per_mtok = m->lc_cache_write_per_mtok = NAN;
	if (lc) {
		/* over an earlier tier only the keys given; a new tier whole */
		bool over = merge && m->has_long_context;
		if ((over ? yread_fields_over : yread_fields)(lc, "long_context", long_context_fields,
							      N_FIELDS(long_context_fields), m, pool, d))
			return d->code;
		m->has_long_context = true;
	}
	return ST_OK;
}

/* ---- open_models --------------------------------------------------------- */

static const struct field model_fields[] = {
	{"id", F_STR, offsetof(struct open_model, id), true, 0, 0, false},
	{"replace", F_CUSTOM, 0, false, 0, 0, false},
	{"name", F_STR, offsetof(struct open_model, name), false, 0, 0, false},
	{"params_b", F_NUM, offsetof(struct open_model, params_b), true, 0, 1e6, true},
	{"active_params_b", F_NUM, offsetof(struct open_model, active_params_b), false, 0, 1e6, true},
	{"layers", F_INT, offsetof(struct open_model, layers), false, 1, 1e5, false},
	{"kv_heads", F_INT, offsetof(struct open_model, kv_heads), false, 1, 1e5, false},
	{"head_dim", F_INT, offsetof(struct open_model, head_dim), false, 1, 1e6, false},
	{"kv_bytes_per_token", F_NUM, offsetof(struct open_model, kv_bytes_per_token), false, 0, 1e12, true},
	{"context_window", F_INT, offsetof(struct open_model, context_window), false, 1, 1e12, false},
	{"hidden_size", F_INT, offsetof(struct open_model, hidden_size), false, 1, 1e7, false},
	{"stored_weights_gb", F_CUSTOM, 0, false, 0, 0, false},
	{"same_architecture_as", F_STR, offsetof(struct open_model, same_architecture_as), false, 0, 0, false},
	{"license", F_STR, offsetof(struct open_model, license), false, 0, 0, false},
	{"quality_tier", F_INT, offsetof(struct open_model, quality_tier), false, 1, 3, false},
	{"source", F_STR, offsetof(struct open_model, source), false, 0, 0, false},
	{"as_of", F_DATE, offsetof(struct open_model, as_of), false, 0, 0, false},
	{"notes", F_STR, offsetof(struct open_model, notes), false, 0, 0, false},
};

/* model.md 3.1: `stored_weights_gb: {PRECISION: GB}`, the real size of a
 * checkpoint that is not uniform precision; over an earlier layer's entry
 * (`merge`) only the precisions given change. */
static enum status read_stored(struct open_model *m, const struct ynode *map, bool merge,
			       struct diag *d)
{
	/* layering by field: a later layer's map adds or overrides precisions */
	if (!merge) {
		for (int p = 0; p < PREC_COUNT; p++)
			m->stored_weights_gb[p] = NAN;
	}
	if (!map)
		return ST_OK;
	if (map->type != Y_MAP)
		return ynode_error(d, map, "'stored_weights_gb' of '%s' must map precisions to GB", m->id);
	if (ymap_check(map, "stored_weights_gb", precision_names, PREC_COUNT, d))
		return d->code;
	for (size_t i = 0; i < map->n; i++) {
		int p = name_index(precision_names, PREC_COUNT, map->kids[2 * i]->str);
		if (ynum(map->kids[2 * i + 1], map->kids[2 * i]->str, 0, 1e6, true,
			 &m->stored_weights_gb[p], d))
			return d->code;
	}
	return ST_OK;
}

static enum status read_model(struct open_model *m, const struct ynode *e, const char *file,
			      struct strpool *pool, bool merge, struct diag *d)
{
	/* an active count that defaulted to the total follows a new total */
	bool dense = merge && m->active_params_b == m->params_b;

	if ((merge ? yread_fields_over : yread_fields)(e, "open model", model_fields,
						       N_FIELDS(model_fields), m, pool, d) ||
	    read_stored(m, ymap_get(e, "stored_weights_gb"), merge, d))
		return d->code;
	m->loc = here(e, file);
	if (!m->name)
		m->name = m->id;
	if (!cat_has(m->active_params_b) || (dense && !ymap_get(e, "active_params_b")))
		m->active_params_b = m->params_b;
	else if (m->active_params_b > m->params_b)
		return ynode_error(d, ymap_get(e, "active_params_b"),
				   "'active_params_b' must be <= 'params_b' of '%s'", m->id);
	if (!cat_has(m->kv_bytes_per_token)) {
		static const char *const need[] = {"layers", "kv_heads", "head_dim"};
		const double have[] = {m->layers, m->kv_heads, m->head_dim};
		for (size_t i = 0; i < 3; i++) {
			if (!cat_has(have[i]))
				return ynode_error(d, e,
						   "open model '%s' needs '%s' (or an explicit 'kv_bytes_per_token')",
						   m->id, need[i]);
		}
	}
	return ST_OK;
}

/* ---- throughput ---------------------------------------------------------- */

static const struct field tput_fields[] = {
	{"model", F_STR, offsetof(struct throughput, model), true, 0, 0, false},
	{"replace", F_CUSTOM, 0, false, 0, 0, false},
	{"gpu", F_STR, offsetof(struct throughput, gpu), true, 0, 0, false},
	{"precision", F_CUSTOM, 0, true, 0, 0, false},
	{"tensor_parallel", F_CUSTOM, 0, true, 0, 0, false},
	{"input_tokens", F_NUM, offsetof(struct throughput, input_tokens), true, 0, 1e9, false},
	{"output_tokens", F_NUM, offsetof(struct throughput, output_tokens), true, 0, 1e9, true},
	{"output_tokens_per_s", F_NUM, offsetof(struct throughput, output_tokens_per_s), true, 0, 1e12, true},
	{"concurrency", F_INT, offsetof(struct throughput, concurrency), false, 1, 1e7, false},
	{"kv_cache_precision", F_CUSTOM, 0, false, 0, 0, false},
	{"engine", F_STR, offsetof(struct throughput, engine), false, 0, 0, false},
	{"ttft_ms_p50", F_NUM, offsetof(struct throughput, ttft_ms_p50), false, 0, 1e9, false},
	{"ttft_ms_p99", F_NUM, offsetof(struct throughput, ttft_ms_p99), false, 0, 1e9, false},
	{"tpot_ms_p50", F_NUM, offsetof(struct throughput, tpot_ms_p50), false, 0, 1e9, false},
	{"tpot_ms_p99", F_NUM, offsetof(struct throughput, tpot_ms_p99), false, 0, 1e9, false},
	{"date", F_DATE, offsetof(struct throughput, date), false, 0, 0, false},
	{"source", F_STR, offsetof(struct throughput, source), false, 0, 0, false},
	{"as_of", F_DATE, offsetof(struct throughput, as_of), false, 0, 0, false},
	{"notes", F_STR, offsetof(struct throughput, notes), false, 0, 0, false},
};

static const char *const tp_names[] = {NULL, "1", "2", NULL, "4", NULL, NULL, NULL, "8"};

static enum status read_tput(struct throughput *t, const struct ynode *e, const char *file,
			     struct strpool *pool, bool merge, struct diag *d)
{
	const struct ynode *v;
	int p, tp;

	if ((merge ? yread_fields_over : yread_fields)(e, "throughput row", tput_fields,
						       N_FIELDS(tput_fields), t, pool, d))
		return d->code;
	if ((v = ymap_get(e, "precision"))) {
		if (yenum(v, "precision", precision_names, PREC_COUNT, &p, d))
			return d->code;
		t->precision = (enum precision)p;
	}
	if ((v = ymap_get(e, "tensor_parallel"))) {
		if (yenum(v, "tensor_parallel", tp_names, 9, &tp, d))
			return d->code;
		t->tensor_parallel = tp;
	}
	t->loc = here(e, file);
	if ((v = ymap_get(e, "kv_cache_precision"))) {
		if (yenum(v, "kv_cache_precision", kv_precision_names, PREC_COUNT, &p, d))
			return d->code;
		t->has_kv_cache_precision = true;
		t->kv_cache_precision = (enum precision)p;
	}
	if (t->engine && !catalog_engine_ok(t->engine))
		return ynode_error(d, ymap_get(e, "engine"),
				   "'engine' must be a lower-case name of a-z, 0-9, '.', '_', '-', got '%.60s'",
				   t->engine);
	/* a 99th percentile below the median is a typo */
	for (size_t i = 0; i < 2; i++) {
		static const char *const names[2][2] = {{"ttft_ms_p50", "ttft_ms_p99"},
							{"tpot_ms_p50", "tpot_ms_p99"}};
		double p50 = i ? t->tpot_ms_p50 : t->ttft_ms_p50, p99 = i ? t->tpot_ms_p99 : t->ttft_ms_p99;
		const struct ynode *at;
		char a[40], b[40];
		if (!(p50 > p99))
			continue;
		/* merged over an earlier layer, only one of the two may be here */
		if (!(at = ymap_get(e, names[i][1])) && !(at = ymap_get(e, names[i][0])))
			at = e;
		return ynode_error(d, at, "'%s' (%s) must be >= '%s' (%s)", names[i][1],
				   num_shortest(a, sizeof(a), p99), names[i][0],
				   num_shortest(b, sizeof(b), p50));
	}
	return ST_OK;
}

/* ---- layering ------------------------------------------------------------ */

/* Each section: its key, element size, reader and how to name an entry. */
struct section {
	const char *key;
	size_t size;
	size_t arr_off, n_off; /* offsetof the array and count in struct catalog */
	size_t loc_off;        /* offsetof the entry's struct loc */
	/* reads e into entry: a new one (zeroed), or with merge over a copy of
	 * an earlier layer's entry */
	enum status (*read)(void *entry, const struct ynode *e, const char *file,
			    struct strpool *pool, bool merge, struct diag *d);
	void (*release)(void *entry);
	/* the identity layers merge by, of `e` when not NULL (false when it
	 * has none: a new entry, whose read then fails), else of `entry` */
	bool (*ident)(char *buf, size_t size, const void *entry, const struct ynode *e,
		      struct strpool *pool);
};

/* An entry's id, or that of node `e`. */
static bool id_key(char *buf, size_t size, const char *id, const struct ynode *e)
{
	const struct ynode *v = e ? ymap_get(e, "id") : NULL;

	if (e && !(v && v->type == Y_SCALAR))
		return false;
	snprintf(buf, size, "%s", e ? v->str : id);
	return true;
}
static bool key_gpu(char *buf, size_t size, const void *x, const struct ynode *e, struct strpool *pool)
{
	(void)pool;
	return id_key(buf, size, x ? ((const struct gpu *)x)->id : NULL, e);
}
static bool key_api(char *buf, size_t size, const void *x, const struct ynode *e, struct strpool *pool)
{
	(void)pool;
	return id_key(buf, size, x ? ((const struct api_model *)x)->id : NULL, e);
}
static bool key_model(char *buf, size_t size, const void *x, const struct ynode *e,
		      struct strpool *pool)
{
	(void)pool;
	return id_key(buf, size, x ? ((const struct open_model *)x)->id : NULL, e);
}
/* The text of scalar `key` of map `e`. */
static bool scalar_of(const struct ynode *e, const char *key, const char **out)
{
	const struct ynode *v = ymap_get(e, key);

	if (!v || v->type != Y_SCALAR)
		return false;
	*out = v->str;
	return true;
}

/* The number scalar `key` of map `e` reads as. */
static bool number_of(const struct ynode *e, const char *key, double *out)
{
	const char *text;

	return scalar_of(e, key, &text) && num_parse(text, out);
}

/* interface.md Additions: throughput rows are keyed by model, GPU,
 * precision, tp, lengths, concurrency, KV cache precision and engine (as
 * throughput_same_key compares them) */
static bool key_tput(char *buf, size_t size, const void *x, const struct ynode *e,
		     struct strpool *pool)
{
	const struct throughput *t = x;
	const char *model, *gpu, *prec, *kv = "", *engine = "";
	double tp, isl, osl, conc = 0;

	(void)pool;
	if (!e) {
		snprintf(buf, size, "%s|%s|%s|%.17g|%.17g|%.17g|%.17g|%s|%s", t->model, t->gpu,
			 precision_names[t->precision], (double)t->tensor_parallel, t->input_tokens,
			 t->output_tokens, t->concurrency > 0 ? t->concurrency : 0,
			 t->has_kv_cache_precision ? precision_names[t->kv_cache_precision] : "",
			 t->engine ? t->engine : "");
		return true;
	}
	/* the same fields from the node's text, numbers parsed as a read
	 * would; anything malformed is no key (the read then says why) */
	if (!scalar_of(e, "model", &model) || !scalar_of(e, "gpu", &gpu) ||
	    !scalar_of(e, "precision", &prec) || !number_of(e, "tensor_parallel", &tp) ||
	    !number_of(e, "input_tokens", &isl) || !number_of(e, "output_tokens", &osl) ||
	    (ymap_get(e, "concurrency") && !number_of(e, "concurrency", &conc)) ||
	    (ymap_get(e, "kv_cache_precision") && !scalar_of(e, "kv_cache_precision", &kv)) ||
	    (ymap_get(e, "engine") && !scalar_of(e, "engine", &engine)))
		return false;
	snprintf(buf, size, "%s|%s|%s|%.17g|%.17g|%.17g|%.17g|%s|%s", model, gpu, prec, tp, isl, osl,
		 conc > 0 ? conc : 0, kv, engine);
	return true;
}
static void release_gpu(void *g)
{
	free(((struct gpu *)g)->prices);
}

static enum status read_gpu_v(void *x, const struct ynode *e, const char *f, struct strpool *p,
			      bool merge, struct diag *d)
{
	return read_gpu(x, e, f, p, merge, d);
}
static enum status read_api_v(void *x, const struct ynode *e, const char *f, struct strpool *p,
			      bool merge, struct diag *d)
{
	return read_api(x, e, f, p, merge, d);
}
static enum status read_model_v(void *x, const struct ynode *e, const char *f, struct strpool *p,
				bool merge, struct diag *d)
{
	return read_model(x, e, f, p, merge, d);
}
static enum status read_tput_v(void *x, const struct ynode *e, const char *f, struct strpool *p,
			       bool merge, struct diag *d)
{
	return read_tput(x, e, f, p, merge, d);
}

static const struct section sections[] = {
	{"gpus", sizeof(struct gpu), offsetof(struct catalog, gpus), offsetof(struct catalog, n_gpus),
	 offsetof(struct gpu, loc), read_gpu_v, release_gpu, key_gpu},
	{"api_models", sizeof(struct api_model), offsetof(struct catalog, api),
	 offsetof(struct catalog, n_api), offsetof(struct api_model, loc), read_api_v, NULL, key_api},
	{"open_models", sizeof(struct open_model), offsetof(struct catalog, models),
	 offsetof(struct catalog, n_models), offsetof(struct open_model, loc), read_model_v, NULL,
	 key_model},
	{"throughput", sizeof(struct throughput), offsetof(struct catalog, tput),
	 offsetof(struct catalog, n_tput), offsetof(struct throughput, loc), read_tput_v, NULL,
	 key_tput},
};

/* Records entry `j`'s key (copied into the pool) in `index`. */
static bool add_key(struct strmap *index, const struct section *s, const void *entry, size_t j,
		    struct strpool *pool)
{
	char key[1024];
	const char *kept;

	return s->ident(key, sizeof(key), entry, NULL, pool) && (kept = strpool_dup(pool, key)) &&
	       strmap_set(index, kept, j);
}

/* Indexes the n entries of `arr` by key. */
static bool index_entries(struct strmap *index, const struct section *s, const char *arr, size_t n,
			  struct strpool *pool)
{
	for (size_t j = 0; j < n; j++) {
		if (!add_key(index, s, arr + j * s->size, j, pool))
			return false;
	}
	return true;
}

/* Reads one section's list and layers its entries over the catalog's
 * (interface.md Additions): an entry naming one of an earlier layer
 * overrides only the keys it gives, unless it says `replace: true`; an
 * entry named twice in one layer is an error. */
static enum status add_section(struct catalog *cat, const struct section *s,
			       const struct ynode *list, const char *file, struct diag *d)
{
	char **arr = (char **)((char *)cat + s->arr_off);
	size_t *n = (size_t *)((char *)cat + s->n_off);
	size_t before = *n; /* entries of earlier layers */
	bool *touched;      /* earlier entries this layer has named */
	char *entry, key[1024];
	struct strmap index; /* key -> entry, so a large layer stays linear */
	enum status st = ST_OK;

	if (list->type != Y_SEQ)
		return ynode_error(d, list, "'%s' must be a list", s->key);
	entry = malloc(s->size);
	touched = calloc(before + 1, sizeof(*touched));
	strmap_init(&index);
	if (!entry || !touched || !index_entries(&index, s, *arr, *n, cat->pool)) {
		free(entry);
		free(touched);
		strmap_release(&index);
		return oom(d);
	}
	for (size_t i = 0; i < list->n && !st; i++) {
		const struct ynode *e = list->kids[i], *v;
		char *slot = NULL;
		bool replace = false;
		size_t j;

		if (e->type != Y_MAP) {
			st = ynode_error(d, e, "an entry of '%s' must be a mapping", s->key);
			break;
		}
		if ((v = ymap_get(e, "replace")) && ybool(v, "replace", &replace, d)) {
			st = d->code;
			break;
		}
		if (!s->ident(key, sizeof(key), NULL, e, cat->pool) || !strmap_get(&index, key, &j))
			j = *n;
		if (j < *n && (j >= before || touched[j])) {
			unsigned line = ((const struct loc *)(*arr + j * s->size + s->loc_off))->line;
			st = ynode_error(d, e, "duplicate entry in '%s' (first at line %u)", s->key, line);
			break;
		}
		if (j < *n) {
			slot = *arr + j * s->size;
			touched[j] = true;
		}
		if (slot && !replace)
			memcpy(entry, slot, s->size);
		else
			memset(entry, 0, s->size);
		if (s->read(entry, e, file, cat->pool, slot && !replace, d)) {
			if (s->release)
				s->release(entry);
			st = d->code;
			break;
		}
		if (slot && s->release)
			s->release(slot);
		if (!slot && !(slot = grow(arr, n, s->size))) {
			if (s->release)
				s->release(entry);
			st = oom(d);
			break;
		}
		memcpy(slot, entry, s->size);
		if (j == *n - 1 && !add_key(&index, s, slot, j, cat->pool)) {
			st = oom(d);
			break;
		}
	}
	free(entry);
	free(touched);
	strmap_release(&index);
	return st;
}

static const char *const top_keys[] = {"schema_version", "as_of", "currency", "defaults",
				       "gpus", "api_models", "open_models", "throughput"};

/* Layers the parsed catalog `root` (NULL for an empty document), named
 * `name`, over `cat` (catalog_add). */
static enum status add_tree(struct catalog *cat, const char *name, const struct ynode *root,
			    struct diag *d)
{
	const struct ynode *v;
	const char *file, *s;
	struct catalog_defaults *def;
	double version;
	enum status st;

	if (!cat->pool && !(cat->pool = strpool_new()))
		return oom(d);
	catalog_unindex(cat); /* the entries are about to change */
	st = ST_INPUT;
	if (!root) {
		diag_set(d, ST_INPUT, name, 1, 1, "empty catalog: expected a mapping of catalog sections");
		goto out;
	}
	if (ymap_check(root, "catalog", top_keys, sizeof(top_keys) / sizeof(top_keys[0]), d))
		goto out;
	/* a layer needs no top-level key but the sections it adds to
	 * (interface.md Additions) */
	if ((v = ymap_get(root, "schema_version")) && ynum(v, "schema_version", 1, 1, false, &version, d))
		goto out;
	st = ST_IO;
	if (!(file = strpool_dup(cat->pool, name)) ||
	    !grow(&cat->files, &cat->n_files, sizeof(*cat->files)) ||
	    !(def = realloc(cat->defaults, cat->n_files * sizeof(*def)))) {
		oom(d);
		goto out;
	}
	cat->defaults = def;
	def += cat->n_files - 1;
	cat->files[cat->n_files - 1] = file;
	def->file = file;
	{
		char src[300];
		snprintf(src, sizeof(src), "catalog:%s", name);
		if (!(def->source = strpool_dup(cat->pool, src))) {
			oom(d);
			goto out;
		}
	}
	st = ST_INPUT;
	if ((v = ymap_get(root, "as_of"))) {
		if (ydate(v, "as_of", &s, d))
			goto out;
		if (!cat->as_of || strcmp(s, cat->as_of) > 0)
			cat->as_of = strpool_dup(cat->pool, s);
	}
	if ((v = ymap_get(root, "currency"))) {
		if (ystr(v, "currency", &s, d))
			goto out;
		if (cat->n_files > 1 && strcmp(s, cat->currency) != 0) {
			ynode_error(d, v, "currency '%s' differs from '%s' of the catalogs below", s,
				    cat->currency);
			goto out;
		}
		cat->currency = strpool_dup(cat->pool, s);
	}
	if (yread_assumptions(ymap_get(root, "defaults"), "defaults", &def->set, d))
		goto out;
	for (int k = 0; k < A_COUNT; k++)
		def->set.loc[k].file = file; /* the tree's names die with it */
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		if ((v = ymap_get(root, sections[i].key)) && add_section(cat, &sections[i], v, file, d))
			goto out;
	}
	st = ST_OK;
out:
	if (st && d->code != st)
		st = d->code;
	return st;
}

enum status catalog_add(struct catalog *cat, const char *name, const char *text, size_t len,
			struct diag *d)
{
	struct ydoc doc;
	enum status st;

	/* two runs can tell their catalogs apart by content, not just name */
	for (size_t i = 0; i < len; i++)
		cat->hash = (cat->hash ^ (unsigned char)text[i]) * 1099511628211ull;
	st = ydoc_parse(&doc, name, text, len, d);
	if (!st)
		st = add_tree(cat, name, doc.root, d);
	ydoc_release(&doc);
	return st;
}

enum status catalog_add_builtin(struct catalog *cat, struct diag *d)
{
	if (cat->n_files)
		return diag_set(d, ST_INPUT, "builtin", 0, 0,
				"the built-in catalog must be the first layer");
	/* the hash of the file's bytes from the offset basis, as catalog_add
	 * would have computed it */
	cat->hash = llmtco_builtin_catalog_hash;
	return add_tree(cat, "builtin", llmtco_builtin_catalog_root, d);
}


/* ---- --set catalog.PATH=VALUE (interface.md Additions) --------------------- */

/* The keys of a field table that --set may change: numbers, strings and
 * dates, never the id. */
static size_t settable(const char **out, const struct field *fields, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (fields[i].type != F_CUSTOM && strcmp(fields[i].key, "id") != 0)
			out[k++] = fields[i].key;
	}
	return k;
}

/* fills d at `origin` with the message, then `hint` (a did-you-mean) */
static enum status set_error(struct diag *d, const char *origin, const char *hint,
			     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum status set_error(struct diag *d, const char *origin, const char *hint,
			     const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return diag_set(d, ST_INPUT, origin, 0, 0, "%s%s", msg, hint ? hint : "");
}

/* Stores `value` into field `key` of fields[] in obj, checked as a catalog
 * file's value is; *num gets the number (NAN for text). Booleans of price
 * rows are handled by the caller. */
static enum status set_field(void *obj, const struct field *fields, size_t n, const char *key,
			     const char *value, struct strpool *pool, const char *origin,
			     double *num, struct diag *d)
{
	const char *names[48];
	char hint[160] = "";
	size_t k = settable(names, fields, n);

	*num = NAN;
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		char lim[96];
		double v;

		if (strcmp(f->key, key) != 0 || f->type == F_CUSTOM || strcmp(key, "id") == 0)
			continue;
		if (f->type == F_STR || f->type == F_DATE) {
			if (!value[0] || (f->type == F_DATE && !num_date_valid(value)))
				return f->type == F_DATE
					       ? set_error(d, origin, NULL, "'%s' must be a date YYYY-MM-DD, got '%.60s'", key, value)
					       : set_error(d, origin, NULL, "'%s' must not be empty", key);
			if (!(*(const char **)((char *)obj + f->off) = strpool_dup(pool, value)))
				return oom(d);
			return ST_OK;
		}
		if (!num_parse(value, &v))
			return set_error(d, origin, NULL, "'%s' must be a finite number, got '%.60s'", key, value);
		if (v < f->lo || v > f->hi || (f->lo_open && v == f->lo))
			return diag_set(d, ST_INPUT, origin, 0, 0, "'%s' must be %s, got %.60s", key,
					num_limits_text(lim, sizeof(lim), f->lo, f->lo_open, f->hi, false, false),
					value);
		if (f->type == F_INT && v != floor(v))
			return set_error(d, origin, NULL, "'%s' must be a whole number, got %.60s", key, value);
		*(double *)((char *)obj + f->off) = v;
		*num = v;
		return ST_OK;
	}
	suggest_hint(hint, sizeof(hint), key, names, k);
	return set_error(d, origin, hint, "unknown key '%s'", key);
}

/* The entry of `arr` (n entries of `size`, id at id_off) whose id, followed
 * by '.', starts `path`: the longest such id, as ids may hold dots. */
static void *entry_for(const char *path, void *arr, size_t n, size_t size, size_t id_off,
		       size_t *id_len)
{
	void *best = NULL;

	*id_len = 0;
	for (size_t i = 0; i < n; i++) {
		char *e = (char *)arr + i * size;
		const char *id = *(const char **)(e + id_off);
		size_t len = strlen(id);
		if (len > *id_len && strncmp(path, id, len) == 0 && path[len] == '.') {
			best = e;
			*id_len = len;
		}
	}
	return best;
}

/* "unknown gpu 'X' (did you mean 'Y'?)": X is the path up to `stop` (the
 * key part the path ends with) */
static enum status unknown_entry(struct diag *d, const char *origin, const char *what,
				 const char *path, const char *stop, const void *arr, size_t n,
				 size_t size, size_t id_off)
{
	const char *ids[4096];
	char id[160], hint[160] = "";
	const char *end = stop ? stop : strrchr(path, '.');
	size_t len = end ? (size_t)(end - path) : strlen(path), k = 0;

	snprintf(id, sizeof(id), "%.*s", (int)(len < sizeof(id) - 1 ? len : sizeof(id) - 1), path);
	for (size_t i = 0; i < n && k < sizeof(ids) / sizeof(ids[0]); i++)
		ids[k++] = *(const char *const *)((const char *)arr + i * size + id_off);
	suggest_hint(hint, sizeof(hint), id, ids, k);
	return set_error(d, origin, hint, "unknown %s '%s'", what, id);
}

/* prices.PROVIDER.MODE[.xN].KEY of gpu g; *found is the row set */
static enum status set_price(struct catalog *cat, struct gpu *g, const char *rest,
			     const char *value, const char *origin, double *num,
			     const struct gpu_price **found, struct diag *d)
{
	char buf[256], *parts[5], *save = NULL, *tok, hint[160] = "", list[160] = "";
	const char *providers[64];
	size_t np = 0, n_providers = 0, sizes = 0;
	struct gpu_price *row = NULL;
	double want = 0;
	int mode;

	snprintf(buf, sizeof(buf), "%s", rest);
	for (tok = strtok_r(buf, ".", &save); tok && np < 5; tok = strtok_r(NULL, ".", &save))
		parts[np++] = tok;
	/* PROVIDER.MODE.KEY or PROVIDER.MODE.xN.KEY: a fifth part is no path
	 * ("x2.5" splits in two) */
	if (tok || np < 3 || np > 4 || (np == 4 && parts[2][0] != 'x'))
		return set_error(d, origin, NULL, "expected catalog.gpus.%s.prices.PROVIDER.MODE[.xN].KEY",
				 g->id);
	for (size_t i = 0; i < g->n_prices && n_providers < 64; i++) {
		bool seen = false;
		for (size_t j = 0; j < n_providers; j++)
			seen |= strcmp(providers[j], g->prices[i].provider) == 0;
		if (!seen)
			providers[n_providers++] = g->prices[i].provider;
	}
	if (name_index(providers, n_providers, parts[0]) < 0) {
		suggest_hint(hint, sizeof(hint), parts[0], providers, n_providers);
		return set_error(d, origin, hint, "gpu '%s' has no price rows of provider '%s'", g->id,
				 parts[0]);
	}
	if ((mode = name_index(pricing_names, PRICE_OWNED, parts[1])) < 0) {
		suggest_hint(hint, sizeof(hint), parts[1], pricing_names, PRICE_OWNED);
		return set_error(d, origin, hint, "unknown pricing mode '%s'", parts[1]);
	}
	if (np == 4 && (!num_parse(parts[2] + 1, &want) || want < 1 || want != floor(want)))
		return set_error(d, origin, NULL, "'%s' must be x and a whole number of GPUs, like x8",
				 parts[2]);
	for (size_t i = 0; i < g->n_prices; i++) {
		struct gpu_price *p = &g->prices[i];
		char one[24];
		if (p->mode != (enum pricing)mode || strcmp(p->provider, parts[0]) != 0)
			continue;
		sizes++;
		snprintf(one, sizeof(one), "%s.x%d", list[0] ? ", " : "", (int)p->instance_gpus);
		strncat(list, one, sizeof(list) - strlen(list) - 1);
		if (np == 3 || p->instance_gpus == want)
			row = p;
	}
	if (!sizes)
		return set_error(d, origin, NULL, "gpu '%s' has no %s %s price row", g->id, parts[0],
				 parts[1]);
	if (np == 3 && sizes > 1)
		return diag_set(d, ST_INPUT, origin, 0, 0,
				"%s has %s rows for several instance sizes: name one with %s after '%s'",
				parts[0], pricing_names[mode], list, pricing_names[mode]);
	if (!row)
		return diag_set(d, ST_INPUT, origin, 0, 0,
				"%s has no %s row of %s GPUs; its sizes are %s", parts[0],
				pricing_names[mode], parts[2] + 1, list);
	*found = row;
	if (strcmp(parts[np - 1], "includes_host") == 0 || strcmp(parts[np - 1], "marketplace") == 0) {
		bool v;
		if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0)
			return set_error(d, origin, NULL, "'%s' must be true or false, got '%.60s'",
					 parts[np - 1], value);
		v = value[0] == 't';
		if (parts[np - 1][0] == 'i')
			row->accelerator_only = !v;
		else
			row->marketplace = v;
		*num = NAN;
		return ST_OK;
	}
	if (strcmp(parts[np - 1], "provider") == 0 || strcmp(parts[np - 1], "mode") == 0 ||
	    strcmp(parts[np - 1], "instance_gpus") == 0)
		return set_error(d, origin, NULL, "'%s' names the row and cannot be set", parts[np - 1]);
	if (set_field(row, price_fields, N_FIELDS(price_fields), parts[np - 1], value, cat->pool,
		      origin, num, d))
		return d->code;
	if (strcmp(parts[np - 1], "per_gpu_hour") == 0) {
		/* the user's own figure: no catalog date to age (model.md 3.6) */
		row->as_of = NULL;
		row->source = "set";
	}
	return ST_OK;
}

enum status catalog_set(struct catalog *cat, const char *text, const char *origin,
			struct diag *d)
{
	static const char *const settable_sections[] = {"gpus", "api_models"};
	const char *eq = strchr(text, '='), *path, *key, *value;
	char hint[160] = "", section[32];
	struct catalog_override *o;
	const struct gpu_price *row = NULL;
	size_t id_len;
	double num = NAN;
	char canon[512] = "", path_buf[400]; /* a price row's key as figures name it */

	if (!cat->pool && !(cat->pool = strpool_new()))
		return oom(d);
	if (!eq || strncmp(text, "catalog.", 8) != 0)
		return diag_set(d, ST_INPUT, origin, 0, 0, "expected catalog.SECTION.ID.KEY=VALUE");
	value = eq + 1;
	path = text + 8;
	snprintf(section, sizeof(section), "%.*s", (int)strcspn(path, ".="), path);
	path += strlen(section) + (path[strlen(section)] == '.');
	if (strcmp(section, "gpus") == 0) {
		const char *pr = strstr(path, ".prices.");
		struct gpu *g = entry_for(path, cat->gpus, cat->n_gpus, sizeof(*cat->gpus),
					  offsetof(struct gpu, id), &id_len);
		if (!g)
			return unknown_entry(d, origin, "gpu", path, pr ? pr : strrchr(path, '.'),
					     cat->gpus, cat->n_gpus, sizeof(*cat->gpus), offsetof(struct gpu, id));
		key = path + id_len + 1;
		if (strncmp(key, "prices.", 7) == 0) {
			char rest[256];
			snprintf(rest, sizeof(rest), "%.*s", (int)(eq - key - 7), key + 7);
			if (set_price(cat, g, rest, value, origin, &num, &row, d))
				return d->code;
			/* the key as JSON `inputs` names the row's figures, so
			 * that a figure set here is listed once (".x1" or not) */
			catalog_price_path(path_buf, sizeof(path_buf), g, row);
			snprintf(canon, sizeof(canon), "catalog.gpus.%s.%s", path_buf,
				 strrchr(rest, '.') + 1);
		} else {
			char k[64];
			snprintf(k, sizeof(k), "%.*s", (int)(eq - key), key);
			if (set_field(g, gpu_fields, N_FIELDS(gpu_fields), k, value, cat->pool, origin, &num, d))
				return d->code;
			if (strcmp(k, "purchase_price") == 0) {
				g->purchase_price_as_of = NULL;
				g->purchase_price_source = "set";
			}
		}
	} else if (strcmp(section, "api_models") == 0) {
		struct api_model *m = entry_for(path, cat->api, cat->n_api, sizeof(*cat->api),
						offsetof(struct api_model, id), &id_len);
		char k[64];
		if (!m)
			return unknown_entry(d, origin, "api model", path, strrchr(path, '.'), cat->api,
					     cat->n_api, sizeof(*cat->api), offsetof(struct api_model, id));
		key = path + id_len + 1;
		snprintf(k, sizeof(k), "%.*s", (int)(eq - key), key);
		if (set_field(m, api_fields, N_FIELDS(api_fields), k, value, cat->pool, origin, &num, d))
			return d->code;
	} else {
		suggest_hint(hint, sizeof(hint), section, settable_sections, 2);
		return set_error(d, origin, hint, "unknown catalog section '%s'", section);
	}
	o = realloc(cat->overrides, (cat->n_overrides + 1) * sizeof(*o));
	if (!o)
		return oom(d);
	cat->overrides = o;
	o += cat->n_overrides++;
	{
		if (!canon[0])
			snprintf(canon, sizeof(canon), "%.*s", (int)(eq - text), text);
		o->key = strpool_dup(cat->pool, canon);
		o->text = strpool_dup(cat->pool, value);
	}
	if (!o->key || !o->text)
		return oom(d);
	o->value = num;
	return ST_OK;
}
