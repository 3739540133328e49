/*
 * catalog.c - the catalog's names, lifetime, lookups and cross-reference
 * check. Reading catalog files is load/catalog_load.c's job: nothing here
 * knows YAML.
 */
#include "model/catalog.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strpool.h"
#include "util/suggest.h"

const char *const precision_names[PREC_COUNT] = {"fp32", "bf16", "fp16", "fp8",
						  "int8", "int4", "fp4"};
const char *const kv_precision_names[PREC_COUNT] = {[PREC_BF16] = "bf16", [PREC_FP16] = "fp16",
						   [PREC_FP8] = "fp8"};
const char *const pricing_names[PRICE_COUNT] = {"on_demand", "spot", "reserved_1y", "reserved_3y",
						"owned"};

int name_index(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (names[i] && strcmp(names[i], name) == 0)
			return (int)i;
	}
	return -1;
}

void catalog_init(struct catalog *cat)
{
	memset(cat, 0, sizeof(*cat));
	cat->currency = "USD";
	cat->hash = 14695981039346656037ull; /* FNV-1a offset basis */
}

void catalog_release(struct catalog *cat)
{
	for (size_t i = 0; i < cat->n_gpus; i++)
		free(cat->gpus[i].prices);
	free(cat->gpus);
	free(cat->api);
	free(cat->models);
	free(cat->tput);
	free(cat->files);
	free(cat->defaults);
	free(cat->overrides);
	strpool_free(cat->pool);
	catalog_unindex(cat);
	memset(cat, 0, sizeof(*cat));
}


/* ---- references and lookups ---------------------------------------------- */

static char *ids_of(const void *arr, size_t n, size_t size, size_t id_off, const char ***out)
{
	const char **ids = malloc((n ? n : 1) * sizeof(*ids));

	if (ids) {
		for (size_t i = 0; i < n; i++)
			ids[i] = *(const char *const *)((const char *)arr + i * size + id_off);
	}
	*out = ids;
	return (char *)ids;
}

static enum status unknown_ref(struct diag *d, const struct loc *at, const char *what,
			       const char *id, const void *arr, size_t n, size_t size,
			       size_t id_off)
{
	const char **ids;
	char hint[160] = "";

	if (ids_of(arr, n, size, id_off, &ids))
		suggest_hint(hint, sizeof(hint), id, ids, n);
	free(ids);
	return diag_set(d, ST_INPUT, at->file, at->line, at->col, "unknown %s '%s'%s", what, id,
			hint);
}

enum status catalog_unknown_model(const struct catalog *cat, const struct loc *at, const char *id,
				  struct diag *d)
{
	return unknown_ref(d, at, "open model", id, cat->models, cat->n_models,
			   sizeof(*cat->models), offsetof(struct open_model, id));
}

enum status catalog_unknown_gpu(const struct catalog *cat, const struct loc *at, const char *id,
				struct diag *d)
{
	return unknown_ref(d, at, "gpu", id, cat->gpus, cat->n_gpus, sizeof(*cat->gpus),
			   offsetof(struct gpu, id));
}

enum status catalog_unknown_api(const struct catalog *cat, const struct loc *at, const char *id,
				struct diag *d)
{
	return unknown_ref(d, at, "api model", id, cat->api, cat->n_api, sizeof(*cat->api),
			   offsetof(struct api_model, id));
}

enum { BY_GPU, BY_API, BY_MODEL };

void catalog_unindex(struct catalog *cat)
{
	for (size_t i = 0; i < 3; i++)
		strmap_release(&cat->by_id[i]);
	free(cat->tput_rows);
	free(cat->tput_first);
	cat->tput_rows = cat->tput_first = NULL;
}

/* The index cell of throughput rows of models[k] on gpus[g]. */
static size_t tput_cell(const struct catalog *cat, size_t k, size_t g)
{
	return k * cat->n_gpus + g;
}

static size_t row_cell(const struct catalog *cat, const struct throughput *t)
{
	return tput_cell(cat, (size_t)(catalog_model(cat, t->model) - cat->models),
			 (size_t)(catalog_gpu(cat, t->gpu) - cat->gpus));
}

/* The order of rows within an index cell: by precision, then tp. */
static bool row_before(const struct throughput *a, const struct throughput *b)
{
	return a->precision != b->precision ? a->precision < b->precision
					    : a->tensor_parallel < b->tensor_parallel;
}

/* Groups the throughput rows by (model, gpu) (a counting sort, stable), so
 * that the calibration lookup of every evaluation reads the few rows of
 * its pair instead of the whole table. Every row's model and gpu resolve
 * (checked before). */
static bool index_throughput(struct catalog *cat)
{
	size_t n = cat->n_models * cat->n_gpus;
	size_t *rows = malloc((cat->n_tput + 1) * sizeof(*rows));
	size_t *first = calloc(n + 1, sizeof(*first));
	size_t *next = malloc((n + 1) * sizeof(*next));

	if (!rows || !first || !next) {
		free(rows);
		free(first);
		free(next);
		return false;
	}
	for (size_t i = 0; i < cat->n_tput; i++)
		first[row_cell(cat, &cat->tput[i]) + 1]++;
	for (size_t k = 0; k < n; k++)
		first[k + 1] += first[k];
	memcpy(next, first, (n + 1) * sizeof(*next));
	for (size_t i = 0; i < cat->n_tput; i++)
		rows[next[row_cell(cat, &cat->tput[i])]++] = i;
	free(next);
	/* within a cell by (precision, tp), catalog order kept among equals
	 * (insertion sort: a cell holds a few dozen rows at most) */
	for (size_t c = 0; c < n; c++) {
		for (size_t i = first[c] + 1; i < first[c + 1]; i++) {
			size_t r = rows[i], j = i;
			while (j > first[c] && row_before(&cat->tput[r], &cat->tput[rows[j - 1]]))
				rows[j] = rows[j - 1], j--;
			rows[j] = r;
		}
	}
	cat->tput_rows = rows;
	cat->tput_first = first;
	return true;
}

enum status catalog_check(struct catalog *cat, struct diag *d)
{
	catalog_unindex(cat);
	for (size_t i = 0; i < cat->n_gpus; i++) {
		if (!strmap_set(&cat->by_id[BY_GPU], cat->gpus[i].id, i))
			return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	}
	for (size_t i = 0; i < cat->n_api; i++) {
		if (!strmap_set(&cat->by_id[BY_API], cat->api[i].id, i))
			return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	}
	for (size_t i = 0; i < cat->n_models; i++) {
		if (!strmap_set(&cat->by_id[BY_MODEL], cat->models[i].id, i))
			return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	}
	for (size_t i = 0; i < cat->n_api; i++) {
		const struct api_model *m = &cat->api[i];
		if (m->open_model && !catalog_model(cat, m->open_model))
			return catalog_unknown_model(cat, &m->loc, m->open_model, d);
	}
	for (size_t i = 0; i < cat->n_models; i++) {
		const struct open_model *m = &cat->models[i];
		if (m->same_architecture_as && !catalog_model(cat, m->same_architecture_as))
			return catalog_unknown_model(cat, &m->loc, m->same_architecture_as, d);
	}
	for (size_t i = 0; i < cat->n_tput; i++) {
		const struct throughput *t = &cat->tput[i];
		if (!catalog_model(cat, t->model))
			return catalog_unknown_model(cat, &t->loc, t->model, d);
		if (!catalog_gpu(cat, t->gpu))
			return catalog_unknown_gpu(cat, &t->loc, t->gpu, d);
	}
	if (!index_throughput(cat))
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	return ST_OK;
}

/* The index of entry `id` among n entries of `size` bytes whose id is
 * at `id_off`: through the index when catalog_check built it, else a
 * scan. -1 when absent. */
static long find_id(const struct strmap *index, const void *arr, size_t n, size_t size,
		    size_t id_off, const char *id)
{
	size_t i;

	if (index->n == n && n > 0)
		return strmap_get(index, id, &i) ? (long)i : -1;
	for (i = 0; i < n; i++) {
		if (strcmp(*(const char *const *)((const char *)arr + i * size + id_off), id) == 0)
			return (long)i;
	}
	return -1;
}

const struct gpu *catalog_gpu(const struct catalog *cat, const char *id)
{
	long i = find_id(&cat->by_id[BY_GPU], cat->gpus, cat->n_gpus, sizeof(*cat->gpus),
			 offsetof(struct gpu, id), id);
	return i < 0 ? NULL : &cat->gpus[i];
}

const struct api_model *catalog_api(const struct catalog *cat, const char *id)
{
	long i = find_id(&cat->by_id[BY_API], cat->api, cat->n_api, sizeof(*cat->api),
			 offsetof(struct api_model, id), id);
	return i < 0 ? NULL : &cat->api[i];
}

const struct open_model *catalog_model(const struct catalog *cat, const char *id)
{
	long i = find_id(&cat->by_id[BY_MODEL], cat->models, cat->n_models, sizeof(*cat->models),
			 offsetof(struct open_model, id), id);
	return i < 0 ? NULL : &cat->models[i];
}

bool catalog_same_price_row(const struct gpu_price *a, const struct gpu_price *b)
{
	return a->mode == b->mode && a->instance_gpus == b->instance_gpus &&
	       strcmp(a->provider, b->provider) == 0;
}

void catalog_price_path(char *buf, size_t size, const struct gpu *g, const struct gpu_price *p)
{
	size_t sizes = 0;

	for (size_t i = 0; i < g->n_prices; i++)
		sizes += g->prices[i].mode == p->mode && strcmp(g->prices[i].provider, p->provider) == 0;
	if (sizes > 1)
		snprintf(buf, size, "%s.prices.%s.%s.x%d", g->id, p->provider, pricing_names[p->mode],
			 (int)(p->instance_gpus >= 1 ? p->instance_gpus : 1));
	else
		snprintf(buf, size, "%s.prices.%s.%s", g->id, p->provider, pricing_names[p->mode]);
}

/* Two optional figures agree: both absent (NAN, or 0 for a concurrency
 * built in C) or equal. */
static bool same_optional(double a, double b)
{
	bool ha = a > 0, hb = b > 0;
	return ha == hb && (!ha || a == b);
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

bool throughput_same_key(const struct throughput *a, const struct throughput *b)
{
	return strcmp(a->model, b->model) == 0 && strcmp(a->gpu, b->gpu) == 0 &&
	       a->precision == b->precision && a->tensor_parallel == b->tensor_parallel &&
	       a->input_tokens == b->input_tokens && a->output_tokens == b->output_tokens &&
	       same_optional(a->concurrency, b->concurrency) &&
	       a->has_kv_cache_precision == b->has_kv_cache_precision &&
	       (!a->has_kv_cache_precision || a->kv_cache_precision == b->kv_cache_precision) &&
	       same_str(a->engine, b->engine);
}

bool catalog_engine_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 40 || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9')))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* Whether row t is nearer (isl_w, osl_w) than `best` at distance *best_d,
 * which it then replaces (model.md 3.2). */
static void consider_row(const struct throughput **best, double *best_d, const struct throughput *t,
			 double isl_w, double osl_w)
{
	/* |ln(a/b)| + |ln(c/d)| as one log: ln(max(a/b, b/a) max(c/d, d/c)) */
	double ri = t->input_tokens / isl_w, ro = t->output_tokens / osl_w;
	double d = log((ri >= 1 ? ri : 1 / ri) * (ro >= 1 ? ro : 1 / ro));
	/* ties (equal distance up to rounding) to the highest throughput,
	 * then to catalog order */
	double tol = 1e-9 * fmax(d, *best_d);

	if (!*best || d < *best_d - tol ||
	    (d <= *best_d + tol && t->output_tokens_per_s > (*best)->output_tokens_per_s)) {
		*best = t;
		*best_d = d;
	}
}

/* The row of `model` nearest (isl_w, osl_w) among those of (gpu, p, tp), or
 * NULL (model.md 3.2). `m` is the model and `g` the gpu when they are
 * entries of `cat` (the rows are then read through the index), else NULL. */
static const struct throughput *nearest_row(const struct catalog *cat, const struct open_model *m,
					    const char *model, const struct gpu *g, const char *gpu,
					    enum precision p, int tp, double isl_w, double osl_w)
{
	const struct throughput *best = NULL;
	double best_d = 0;

	if (cat->tput_first && m && m >= cat->models && m < cat->models + cat->n_models) {
		size_t cell;
		if (!(g && g >= cat->gpus && g < cat->gpus + cat->n_gpus) && !(g = catalog_gpu(cat, gpu)))
			return NULL;
		struct throughput key = {.precision = p, .tensor_parallel = tp};
		size_t lo, hi;
		cell = tput_cell(cat, (size_t)(m - cat->models), (size_t)(g - cat->gpus));
		/* the first row of (p, tp) in the cell, by bisection */
		lo = cat->tput_first[cell];
		hi = cat->tput_first[cell + 1];
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (row_before(&cat->tput[cat->tput_rows[mid]], &key))
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < cat->tput_first[cell + 1]; i++) {
			const struct throughput *t = &cat->tput[cat->tput_rows[i]];
			if (t->precision != p || t->tensor_parallel != tp)
				break;
			consider_row(&best, &best_d, t, isl_w, osl_w);
		}
		return best;
	}
	for (size_t i = 0; i < cat->n_tput; i++) {
		const struct throughput *t = &cat->tput[i];
		if (t->precision != p || t->tensor_parallel != tp || strcmp(t->model, model) != 0 ||
		    strcmp(t->gpu, gpu) != 0)
			continue;
		consider_row(&best, &best_d, t, isl_w, osl_w);
	}
	return best;
}

/* catalog_throughput on gpu `g` (an entry of `cat` or not) named `gpu` */
static const struct throughput *throughput_on(const struct catalog *cat, const struct open_model *m,
					      const struct gpu *g, const char *gpu, enum precision p,
					      int tp, double isl_w, double osl_w)
{
	const struct throughput *t = nearest_row(cat, m, m->id, g, gpu, p, tp, isl_w, osl_w);

	/* model.md 3.2: the named same-architecture model's rows only when the
	 * model has none of its own; not transitive */
	if (!t && m->same_architecture_as)
		t = nearest_row(cat, catalog_model(cat, m->same_architecture_as), m->same_architecture_as,
				g, gpu, p, tp, isl_w, osl_w);
	return t;
}

const struct throughput *catalog_throughput(const struct catalog *cat, const struct open_model *m,
					    const char *gpu, enum precision p, int tp,
					    double isl_w, double osl_w)
{
	return throughput_on(cat, m, NULL, gpu, p, tp, isl_w, osl_w);
}

const struct throughput *catalog_throughput_on(const struct catalog *cat,
					       const struct open_model *m, const struct gpu *g,
					       enum precision p, int tp, double isl_w, double osl_w)
{
	return throughput_on(cat, m, g, g->id, p, tp, isl_w, osl_w);
}
