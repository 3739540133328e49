/*
 * import.c - reads LiteLLM and genai-prices price files into catalog
 * entries and writes them as a catalog file. YAML is read through ydoc (the
 * only libyaml user) and turned into cJSON, so both formats share one
 * walker. Never prints.
 */
#include "load/import.h"
#include "load/json.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/catalog.h"
#include "util/num.h"
#include "util/strpool.h"
#include "load/ydoc.h"

const char *const import_skip_names[SKIP_COUNT] = {
	[SKIP_NOT_CHAT] = "not a chat model",
	[SKIP_NO_PRICE] = "no per-token input and output price",
	[SKIP_BAD_PRICE] = "a negative, non-numeric or out-of-range figure",
	[SKIP_DUPLICATE] = "an id seen before",
	[SKIP_NOT_CURRENT] = "no price that applies on the import date",
	[SKIP_RETIRED] = "retired",
	[SKIP_NO_ID] = "no name to make an id of",
};

/* Makers whose own model names make good ids; other hosts' names are
 * prefixed with the host. */
static const char *const first_party[] = {"openai", "anthropic", "google", "gemini", "mistral",
					  "deepseek", "xai", "x_ai", "cohere", "moonshotai",
					  "zai", "minimax", "perplexity"};

static enum status oom(struct diag *d)
{
	return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
}

static bool is_first_party(const char *provider)
{
	for (size_t i = 0; i < sizeof(first_party) / sizeof(first_party[0]); i++) {
		if (strcmp(first_party[i], provider) == 0)
			return true;
	}
	return false;
}

/* A catalog id: lower case, [a-z0-9._-], runs of anything else as one '-'. */
static void make_id(char *buf, size_t size, const char *prefix, const char *name)
{
	size_t n = 0;
	const char *parts[2] = {prefix, name};

	for (int p = 0; p < 2; p++) {
		for (const char *s = parts[p]; s && *s && n + 1 < size; s++) {
			char c = (char)tolower((unsigned char)*s);
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
				buf[n++] = c;
			else if (n && buf[n - 1] != '-')
				buf[n++] = '-';
		}
		if (p == 0 && prefix && n && buf[n - 1] != '-' && n + 1 < size)
			buf[n++] = '-';
	}
	while (n && buf[n - 1] == '-')
		n--;
	buf[n] = '\0';
}

/* Twelve significant digits: per-token prices times 1e6 lose float noise. */
static double per_mtok(double per_token)
{
	double v = per_token * 1e6, scale;

	if (v == 0 || !isfinite(v))
		return v;
	scale = pow(10, 12 - ceil(log10(fabs(v))));
	return round(v * scale) / scale;
}

static struct import_model *new_model(struct import_result *r)
{
	struct import_model *m;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		struct import_model *grown = realloc(r->models, cap * sizeof(*grown));
		if (!grown)
			return NULL;
		r->models = grown;
		r->cap = cap;
	}
	m = &r->models[r->n];
	memset(m, 0, sizeof(*m));
	m->seq = r->n;
	m->cached_input_per_mtok = m->batch_discount = m->context_window = NAN;
	m->rate_limit_tokens_per_min = m->lc_cached = NAN;
	m->cache_write_per_mtok = m->lc_cache_write = NAN;
	return m;
}

static const char *dup(struct import_result *r, const char *s)
{
	return s ? strpool_dup(r->pool, s) : NULL;
}

static bool number(const cJSON *o, const char *key, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return false;
	*out = v->valuedouble;
	return true;
}

static void note_unmapped(struct import_result *r, const char *field)
{
	r->unmapped_fields++;
	for (size_t i = 0; i < r->n_unmapped_names; i++) {
		if (strcmp(r->unmapped_names[i], field) == 0)
			return;
	}
	if (r->n_unmapped_names < sizeof(r->unmapped_names) / sizeof(r->unmapped_names[0]))
		r->unmapped_names[r->n_unmapped_names++] = dup(r, field);
}

static enum status init(struct import_result *r, struct diag *d)
{
	if (!r->pool && !(r->pool = strpool_new()))
		return oom(d);
	return ST_OK;
}

/* ---- LiteLLM ---------------------------------------------------------- */

static const int long_context_k[] = {128, 200, 256, 272, 512};

static bool litellm_mapped(const char *field)
{
	static const char *const mapped[] = {"litellm_provider", "mode", "input_cost_per_token",
					     "output_cost_per_token", "cache_read_input_token_cost",
					     "cache_creation_input_token_cost",
					     "input_cost_per_token_batches", "output_cost_per_token_batches",
					     "max_input_tokens", "tpm"};
	for (size_t i = 0; i < sizeof(mapped) / sizeof(mapped[0]); i++) {
		if (strcmp(mapped[i], field) == 0)
			return true;
	}
	for (size_t i = 0; i < sizeof(long_context_k) / sizeof(long_context_k[0]); i++) {
		char k[80];
		snprintf(k, sizeof(k), "_above_%dk_tokens", long_context_k[i]);
		if (strstr(field, k) && (strncmp(field, "input_cost_per_token", 20) == 0 ||
					 strncmp(field, "output_cost_per_token", 21) == 0 ||
					 strncmp(field, "cache_read_input_token_cost", 27) == 0 ||
					 (strncmp(field, "cache_creation_input_token_cost", 31) == 0 &&
					  !strstr(field, "_1hr"))))
			return true;
	}
	return false;
}

static void litellm_long_context(struct import_model *m, const cJSON *e)
{
	for (size_t i = 0; i < sizeof(long_context_k) / sizeof(long_context_k[0]); i++) {
		char in[80], out[80], cached[80], write[96];
		double a, b, c;
		snprintf(in, sizeof(in), "input_cost_per_token_above_%dk_tokens", long_context_k[i]);
		snprintf(out, sizeof(out), "output_cost_per_token_above_%dk_tokens", long_context_k[i]);
		snprintf(cached, sizeof(cached), "cache_read_input_token_cost_above_%dk_tokens", long_context_k[i]);
		snprintf(write, sizeof(write), "cache_creation_input_token_cost_above_%dk_tokens", long_context_k[i]);
		if (number(e, in, &a) && number(e, out, &b) && a >= 0 && b >= 0) {
			m->has_long_context = true;
			m->lc_above = long_context_k[i] * 1000.0;
			m->lc_input = per_mtok(a);
			m->lc_output = per_mtok(b);
			if (number(e, cached, &c) && c >= 0)
				m->lc_cached = per_mtok(c);
			if (number(e, write, &c) && c >= 0)
				m->lc_cache_write = per_mtok(c);
			return;
		}
	}
}

enum status import_litellm(struct import_result *r, const char *name, const char *text,
			   const char *as_of, struct diag *d)
{
	static const char source[] = "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json";
	cJSON *doc, *e;
	char file_date[16];

	if (init(r, d))
		return d->code;
	if (!(doc = json_parse(name, text, d)))
		return d->code;
	if (!cJSON_IsObject(doc)) {
		cJSON_Delete(doc);
		return diag_set(d, ST_INPUT, name, 1, 1, "expected LiteLLM's JSON object of models");
	}
	{
		/* the map's own date: "2026-07-24T18:23:43..." */
		const char *updated = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "last_updated"));
		if (updated && strlen(updated) >= 10) {
			snprintf(file_date, sizeof(file_date), "%.10s", updated);
			if (num_date_valid(file_date))
				as_of = file_date;
		}
	}
	cJSON_ArrayForEach(e, doc)
	{
		const char *provider, *mode, *key = e->string, *slash;
		char id[256];
		double in, out, v, bin, bout;
		struct import_model *m;
		const cJSON *f;

		if (!cJSON_IsObject(e) || strcmp(key, "sample_spec") == 0)
			continue;
		mode = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "mode"));
		if (!mode || strcmp(mode, "chat") != 0) {
			r->skipped[SKIP_NOT_CHAT]++;
			continue;
		}
		if (!number(e, "input_cost_per_token", &in) || !number(e, "output_cost_per_token", &out)) {
			r->skipped[SKIP_NO_PRICE]++;
			continue;
		}
		if (in < 0 || out < 0) {
			r->skipped[SKIP_BAD_PRICE]++;
			continue;
		}
		provider = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "litellm_provider"));
		if (!provider)
			provider = "unknown";
		slash = strchr(key, '/');
		if (is_first_party(provider))
			make_id(id, sizeof(id), NULL, slash ? slash + 1 : key);
		else
			make_id(id, sizeof(id), slash ? NULL : provider, key);
		/* a name with no letter or digit gives no id (the loader refuses
		 * an empty one) */
		if (!id[0] || !*key) {
			r->skipped[SKIP_NO_ID]++;
			continue;
		}
		if (!(m = new_model(r)))
			goto fail;
		m->id = dup(r, id);
		m->name = dup(r, key);
		m->provider = dup(r, provider);
		m->source = source;
		m->as_of = dup(r, as_of);
		m->source_key = m->name;
		m->input_per_mtok = per_mtok(in);
		m->output_per_mtok = per_mtok(out);
		if (number(e, "cache_read_input_token_cost", &v) && v >= 0)
			m->cached_input_per_mtok = per_mtok(v);
		/* the 5-minute prompt-cache write; the 1-hour tier is not mapped.
		 * A zero beside a non-zero input price is a provider without a
		 * write charge (DeepSeek): its writes are misses, at the input
		 * price, so the field stays out */
		if (number(e, "cache_creation_input_token_cost", &v) && v >= 0 && !(v == 0 && in > 0))
			m->cache_write_per_mtok = per_mtok(v);
		/* one discount for the whole bill: only when input and output agree */
		if (number(e, "input_cost_per_token_batches", &bin) &&
		    number(e, "output_cost_per_token_batches", &bout) && in > 0 && out > 0 &&
		    fabs((1 - bin / in) - (1 - bout / out)) < 1e-6 && bin <= in)
			m->batch_discount = round((1 - bin / in) * 1e6) / 1e6;
		if (number(e, "max_input_tokens", &v) && v >= 1)
			m->context_window = v;
		if (number(e, "tpm", &v) && v > 0)
			m->rate_limit_tokens_per_min = v;
		litellm_long_context(m, e);
		if (!m->id || !m->name || !m->provider || (as_of && !m->as_of))
			goto fail;
		cJSON_ArrayForEach(f, e)
		{
			if (!litellm_mapped(f->string))
				note_unmapped(r, f->string);
		}
		r->n++;
	}
	cJSON_Delete(doc);
	return ST_OK;
fail:
	cJSON_Delete(doc);
	return oom(d);
}

/* ---- genai-prices ------------------------------------------------------ */

/* ydoc tree to cJSON: plain scalars that read as numbers become numbers. */
static cJSON *to_json(const struct ynode *n)
{
	cJSON *o;
	double v;

	if (n->type == Y_SCALAR) {
		if (n->plain && num_parse(n->str, &v))
			return cJSON_CreateNumber(v);
		if (n->plain && (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0))
			return cJSON_CreateBool(n->str[0] == 't');
		if (n->plain && (strcmp(n->str, "null") == 0 || strcmp(n->str, "~") == 0))
			return cJSON_CreateNull();
		return cJSON_CreateString(n->str);
	}
	o = n->type == Y_MAP ? cJSON_CreateObject() : cJSON_CreateArray();
	for (size_t i = 0; o && i < n->n; i++) {
		cJSON *kid = to_json(n->type == Y_MAP ? n->kids[2 * i + 1] : n->kids[i]);
		if (!kid) {
			cJSON_Delete(o);
			return NULL;
		}
		if (n->type == Y_MAP)
			cJSON_AddItemToObject(o, n->kids[2 * i]->str, kid);
		else
			cJSON_AddItemToArray(o, kid);
	}
	return o;
}

/* A price: a number, or {base, tiers: [{start, price}]} (one tier is
 * llmtco's long-context price). */
static bool price(const cJSON *v, double *base, bool *tiered, double *above, double *tier_price)
{
	const cJSON *tiers;

	*tiered = false;
	if (cJSON_IsNumber(v)) {
		*base = v->valuedouble;
		return true;
	}
	if (!cJSON_IsObject(v) || !number(v, "base", base))
		return false;
	tiers = cJSON_GetObjectItemCaseSensitive(v, "tiers");
	if (cJSON_GetArraySize(tiers) == 1 && number(cJSON_GetArrayItem(tiers, 0), "start", above) &&
	    number(cJSON_GetArrayItem(tiers, 0), "price", tier_price))
		*tiered = true;
	return true;
}

/* The prices that apply on `as_of`: a dict, or the last dated entry of a
 * list that has started by then. */
static const cJSON *current_prices(const cJSON *prices, const char *as_of)
{
	const cJSON *best = NULL, *e;

	if (cJSON_IsObject(prices))
		return prices;
	cJSON_ArrayForEach(e, prices)
	{
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(e, "constraint");
		const char *start = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "start_date"));
		if (c && (!start || strcmp(start, as_of) > 0))
			continue; /* not started yet, or not a date condition */
		best = cJSON_GetObjectItemCaseSensitive(e, "prices");
	}
	return best;
}

static enum status genai_model(struct import_result *r, const cJSON *e, const char *provider,
			       const char *source, const char *as_of, struct diag *d)
{
	static const char *const mapped[] = {"input_mtok", "output_mtok", "cache_read_mtok",
					     "cache_write_mtok"};
	const cJSON *prices = current_prices(cJSON_GetObjectItemCaseSensitive(e, "prices"), as_of), *f;
	const char *mid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id"));
	const char *checked = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "prices_checked"));
	double in, out, cached, write, above_in = 0, above_out = 0, lc_in = 0, lc_out = 0, above_c, lc_c;
	double above_w, lc_w, v;
	bool tier_in, tier_out, tier_c, tier_w;
	struct import_model *m;
	char id[256], date[16] = "";

	const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "name"));

	if (!mid)
		return ST_OK;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "removed"))) {
		r->skipped[SKIP_RETIRED]++;
		return ST_OK;
	}
	if (!prices) {
		r->skipped[cJSON_GetObjectItemCaseSensitive(e, "prices") ? SKIP_NOT_CURRENT : SKIP_NO_PRICE]++;
		return ST_OK;
	}
	if (!price(cJSON_GetObjectItemCaseSensitive(prices, "input_mtok"), &in, &tier_in, &above_in, &lc_in) ||
	    !price(cJSON_GetObjectItemCaseSensitive(prices, "output_mtok"), &out, &tier_out, &above_out, &lc_out)) {
		r->skipped[cJSON_GetObjectItemCaseSensitive(prices, "input_mtok") ? SKIP_NOT_CHAT : SKIP_NO_PRICE]++;
		return ST_OK;
	}
	if (in < 0 || out < 0) {
		r->skipped[SKIP_BAD_PRICE]++;
		return ST_OK;
	}
	if (is_first_party(provider))
		make_id(id, sizeof(id), NULL, mid);
	else
		make_id(id, sizeof(id), provider, mid);
	/* an id with no letter or digit gives no id of its own (the loader
	 * refuses an empty one) */
	if (!*mid || !id[0]) {
		r->skipped[SKIP_NO_ID]++;
		return ST_OK;
	}
	/* a YAML date read back as text; anything else is not a date */
	if (checked && num_date_valid(checked))
		snprintf(date, sizeof(date), "%s", checked);
	if (!(m = new_model(r)))
		return oom(d);
	m->id = dup(r, id);
	m->name = dup(r, name && *name ? name : mid); /* the loader wants a name */
	m->provider = dup(r, provider);
	m->source = dup(r, source);
	/* a price's real date, or none: never the day of the import */
	m->as_of = dup(r, date[0] ? date : r->undated_as_of);
	m->source_key = dup(r, mid);
	m->input_per_mtok = in;
	m->output_per_mtok = out;
	if (price(cJSON_GetObjectItemCaseSensitive(prices, "cache_read_mtok"), &cached, &tier_c, &above_c, &lc_c) && cached >= 0)
		m->cached_input_per_mtok = cached;
	else
		tier_c = false;
	if (price(cJSON_GetObjectItemCaseSensitive(prices, "cache_write_mtok"), &write, &tier_w, &above_w, &lc_w) &&
	    write >= 0 && !(write == 0 && in > 0)) /* as for LiteLLM */
		m->cache_write_per_mtok = write;
	else
		tier_w = false;
	if (number(e, "context_window", &v) && v >= 1)
		m->context_window = v;
	if (tier_in && tier_out && above_in == above_out) {
		m->has_long_context = true;
		m->lc_above = above_in;
		m->lc_input = lc_in;
		m->lc_output = lc_out;
		if (tier_c && above_c == above_in)
			m->lc_cached = lc_c;
		if (tier_w && above_w == above_in)
			m->lc_cache_write = lc_w;
	}
	if (!m->id || !m->name || !m->provider || !m->source || !m->source_key ||
	    ((date[0] || r->undated_as_of) && !m->as_of))
		return oom(d);
	cJSON_ArrayForEach(f, prices)
	{
		bool known = false;
		for (size_t i = 0; i < 3 && !known; i++)
			known = strcmp(mapped[i], f->string) == 0;
		if (!known)
			note_unmapped(r, f->string);
	}
	r->n++;
	return ST_OK;
}

static enum status genai_provider(struct import_result *r, const cJSON *p, const char *name,
				  const char *as_of, struct diag *d)
{
	const char *provider = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "id"));
	const char *source = cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(p, "pricing_urls"), 0));
	const cJSON *models = cJSON_GetObjectItemCaseSensitive(p, "models"), *e;

	if (!provider || !cJSON_IsArray(models))
		return diag_set(d, ST_INPUT, name, 1, 1, "expected a genai-prices provider with 'id' and 'models'");
	if (!source)
		source = "https://github.com/pydantic/genai-prices";
	cJSON_ArrayForEach(e, models)
	{
		if (genai_model(r, e, provider, source, as_of, d))
			return d->code;
	}
	return ST_OK;
}

enum status import_genai_prices(struct import_result *r, const char *name, const char *text,
				size_t len, const char *as_of, struct diag *d)
{
	cJSON *doc = NULL, *p;
	enum status st = ST_OK;
	const char *dot = strrchr(name, '.');

	if (init(r, d))
		return d->code;
	if (dot && strcmp(dot, ".json") == 0) {
		if (!(doc = json_parse(name, text, d)))
			return d->code;
	} else {
		struct ydoc y;
		if (ydoc_parse(&y, name, text, len, d)) {
			ydoc_release(&y);
			return d->code;
		}
		doc = y.root ? to_json(y.root) : NULL;
		ydoc_release(&y);
		if (!doc)
			return diag_set(d, ST_INPUT, name, 1, 1, "expected a genai-prices provider file");
	}
	if (cJSON_IsArray(doc)) {
		cJSON_ArrayForEach(p, doc)
		{
			if ((st = genai_provider(r, p, name, as_of, d)))
				break;
		}
	} else {
		st = genai_provider(r, doc, name, as_of, d);
	}
	cJSON_Delete(doc);
	return st;
}

/* ---- output -------------------------------------------------------------- */

/* by id, then by the order read, so the first of a repeated id is kept */
static int by_id(const void *a, const void *b)
{
	const struct import_model *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Whether optional figure `v` (NAN: absent) lies in [lo, hi], whole when
 * `whole`. */
static bool fits(double v, double lo, double hi, bool whole)
{
	return isnan(v) || (v >= lo && v <= hi && (!whole || v == floor(v)));
}

/* Whether the catalog loader would accept every figure of `m` (the ranges
 * of model/catalog.h): `catalog import` never writes what validate
 * rejects. */
static bool loadable(const struct import_model *m)
{
	return fits(m->input_per_mtok, 0, CATALOG_MAX_PRICE, false) && !isnan(m->input_per_mtok) &&
	       fits(m->output_per_mtok, 0, CATALOG_MAX_PRICE, false) && !isnan(m->output_per_mtok) &&
	       fits(m->cached_input_per_mtok, 0, CATALOG_MAX_PRICE, false) &&
	       fits(m->cache_write_per_mtok, 0, CATALOG_MAX_PRICE, false) &&
	       fits(m->batch_discount, 0, 1, false) &&
	       fits(m->context_window, 1, CATALOG_MAX_TOKENS, true) &&
	       fits(m->rate_limit_tokens_per_min, 0, CATALOG_MAX_RATE, false) &&
	       (isnan(m->rate_limit_tokens_per_min) || m->rate_limit_tokens_per_min > 0) &&
	       (!m->has_long_context ||
		(fits(m->lc_above, 0, CATALOG_MAX_TOKENS, false) && !isnan(m->lc_above) &&
		 fits(m->lc_input, 0, CATALOG_MAX_PRICE, false) && !isnan(m->lc_input) &&
		 fits(m->lc_output, 0, CATALOG_MAX_PRICE, false) && !isnan(m->lc_output) &&
		 fits(m->lc_cached, 0, CATALOG_MAX_PRICE, false) &&
		 fits(m->lc_cache_write, 0, CATALOG_MAX_PRICE, false)));
}

void import_finish(struct import_result *r)
{
	size_t kept = 0;

	if (r->n) /* qsort must not see NULL */
		qsort(r->models, r->n, sizeof(*r->models), by_id);
	for (size_t i = 0; i < r->n; i++) {
		if (kept && strcmp(r->models[kept - 1].id, r->models[i].id) == 0) {
			r->skipped[SKIP_DUPLICATE]++;
			continue;
		}
		if (!loadable(&r->models[i])) {
			r->skipped[SKIP_BAD_PRICE]++;
			continue;
		}
		r->models[kept++] = r->models[i];
	}
	r->n = kept;
}

void import_write_catalog(struct sbuf *out, const struct import_result *r, const char *what)
{
	const char *newest = NULL;

	for (size_t i = 0; i < r->n; i++) {
		if (r->models[i].as_of && (!newest || strcmp(r->models[i].as_of, newest) > 0))
			newest = r->models[i].as_of;
	}
	sbuf_printf(out, "# Generated by 'llmtco catalog import %s': %zu chat models.\n"
			 "# Layer it over the built-in catalog with --catalog FILE.\n"
			 "schema_version: 1\n", what, r->n);
	if (newest)
		sbuf_printf(out, "as_of: %s\n", newest);
	sbuf_printf(out, "currency: USD\napi_models:%s\n", r->n ? "" : " []");
	for (size_t i = 0; i < r->n; i++) {
		const struct import_model *m = &r->models[i];
		sbuf_printf(out, "  - id: ");
		sbuf_yaml_quoted(out, m->id);
		sbuf_printf(out, "\n    kind: api\n    provider: ");
		sbuf_yaml_quoted(out, m->provider);
		sbuf_printf(out, "\n    name: ");
		sbuf_yaml_quoted(out, m->name);
		sbuf_printf(out, "\n");
		sbuf_yaml_number(out, "    ", "input_per_mtok", m->input_per_mtok);
		sbuf_yaml_number(out, "    ", "output_per_mtok", m->output_per_mtok);
		sbuf_yaml_number(out, "    ", "cached_input_per_mtok", m->cached_input_per_mtok);
		sbuf_yaml_number(out, "    ", "cache_write_per_mtok", m->cache_write_per_mtok);
		sbuf_yaml_number(out, "    ", "batch_discount", m->batch_discount);
		sbuf_yaml_number(out, "    ", "context_window", m->context_window);
		sbuf_yaml_number(out, "    ", "rate_limit_tokens_per_min", m->rate_limit_tokens_per_min);
		if (m->has_long_context) {
			sbuf_printf(out, "    long_context:\n");
			sbuf_yaml_number(out, "      ", "above_input_tokens", m->lc_above);
			sbuf_yaml_number(out, "      ", "input_per_mtok", m->lc_input);
			sbuf_yaml_number(out, "      ", "output_per_mtok", m->lc_output);
			sbuf_yaml_number(out, "      ", "cached_input_per_mtok", m->lc_cached);
			sbuf_yaml_number(out, "      ", "cache_write_per_mtok", m->lc_cache_write);
		}
		sbuf_printf(out, "    source: ");
		sbuf_yaml_quoted(out, m->source);
		sbuf_printf(out, "\n    source_key: ");
		sbuf_yaml_quoted(out, m->source_key);
		sbuf_printf(out, "\n");
		if (m->as_of)
			sbuf_printf(out, "    as_of: %s\n", m->as_of);
		else
			sbuf_printf(out, "    # as_of: unknown (the source gives this price no date)\n");
	}
}

void import_write_summary(struct sbuf *out, const struct import_result *r, const char *what)
{
	size_t skipped = 0;
	char a[32];

	for (int k = 0; k < SKIP_COUNT; k++)
		skipped += r->skipped[k];
	sbuf_printf(out, "llmtco: imported %s chat models from %s; skipped %s", num_grouped(a, sizeof(a), (double)r->n, 0),
		    what, num_grouped((char[32]){0}, 32, (double)skipped, 0));
	for (int k = 0, first = 1; k < SKIP_COUNT; k++) {
		if (!r->skipped[k])
			continue;
		sbuf_printf(out, "%s%zu %s", first ? ": " : ", ", r->skipped[k], import_skip_names[k]);
		first = 0;
	}
	sbuf_printf(out, "\n");
	{
		size_t undated = 0;
		for (size_t i = 0; i < r->n; i++)
			undated += !r->models[i].as_of;
		if (undated)
			sbuf_printf(out, "llmtco: %s of the imported models have no price date in the source; "
					 "their as_of is left out (unknown): give --as-of DATE to date them\n",
				    num_grouped((char[32]){0}, 32, (double)undated, 0));
	}
	if (r->unmapped_fields) {
		sbuf_printf(out, "llmtco: %zu field%s of the imported models %s no catalog key and %s skipped (",
			    r->unmapped_fields, r->unmapped_fields == 1 ? "" : "s",
			    r->unmapped_fields == 1 ? "has" : "have", r->unmapped_fields == 1 ? "was" : "were");
		for (size_t i = 0; i < r->n_unmapped_names; i++)
			sbuf_printf(out, "%s%s", i ? ", " : "", r->unmapped_names[i]);
		sbuf_printf(out, "%s)\n", r->n_unmapped_names == 8 ? ", ..." : "");
	}
}

void import_release(struct import_result *r)
{
	free(r->models);
	strpool_free(r->pool);
	memset(r, 0, sizeof(*r));
}
