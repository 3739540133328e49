/*
 * figures.c - which dated catalog figures a result rests on, and the
 * warnings a run carries (rate limits, batch discounts, stale prices,
 * model.md 2 and 3.6). Builds messages; prints nothing.
 */
#include "model/figures.h"
#include "model/requirements.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/num.h"

/* Collects one stale_price warning per catalog entry older than the limit. */
struct stale_scan {
	struct warning_item *out;
	size_t max, n, stale;
	const char *today_text;
	double max_price_age;
	const char *option;
	long today;
	char seen[64][128]; /* entries warned about */
	size_t n_seen;
};

static void stale_figure(void *arg, const struct figure *f)
{
	char age[32];
	struct stale_scan *s = arg;
	long days;

	/* model.md 3.6: only the prices used age, never specifications */
	if (!f->price || !f->as_of || !num_date_days(f->as_of, &days) ||
	    s->today - days <= s->max_price_age)
		return;
	for (size_t i = 0; i < s->n_seen; i++) {
		if (strcmp(s->seen[i], f->entry) == 0)
			return; /* one warning an entry */
	}
	if (s->n_seen < sizeof(s->seen) / sizeof(s->seen[0]))
		snprintf(s->seen[s->n_seen++], sizeof(s->seen[0]), "%s", f->entry);
	s->stale++;
	if (s->n == s->max)
		return;
	s->out[s->n] = (struct warning_item){.code = "stale_price", .option = s->option, .as_of = f->as_of};
	snprintf(s->out[s->n].entry, sizeof(s->out[0].entry), "%s", f->entry);
	snprintf(s->out[s->n++].message, sizeof(s->out[0].message),
		 "%s is dated %s, %ld days before %s (--max-price-age %s)", f->entry, f->as_of,
		 s->today - days, s->today_text, num_shortest(age, sizeof(age), s->max_price_age));
}

size_t warnings_collect(struct warning_item *out, size_t max, const struct option_spec *opts,
			const struct compare_result *c, const struct workload *w,
			const struct assumptions *a, const char *today, double max_price_age,
			size_t *stale)
{
	size_t n = 0;
	struct stale_scan scan = {.out = out, .max = max, .today_text = today, .max_price_age = max_price_age};

	for (size_t i = 0; c && i < c->n && n < max; i++) {
		const struct option_spec *o = &opts[i];
		const struct option_result *res = &c->results[i];
		char s1[32], s2[32];

		if ((res->warnings & W_RATE_LIMIT_EXCEEDED) && n < max) {
			double peak = (w->t_in + w->t_out) * w->peak_to_average /
				      (a->v[A_HOURS_PER_MONTH] * 60);
			out[n] = (struct warning_item){.code = "rate_limit_exceeded", .option = o->id};
			snprintf(out[n++].message, sizeof(out[0].message),
				 "peak load of %s tokens/min exceeds the rate limit of %s tokens/min",
				 num_si(s1, sizeof(s1), peak),
				 num_si(s2, sizeof(s2), o->api->rate_limit_tokens_per_min));
		}
		if ((res->warnings & W_MARKETPLACE_PRICE) && n < max) {
			out[n] = (struct warning_item){.code = "marketplace_price", .option = o->id};
			snprintf(out[n++].message, sizeof(out[0].message),
				 "priced at %s's marketplace listing for %s %s: no capacity guarantee",
				 res->price->provider, o->gpu->id, pricing_names[res->price->mode]);
		}
		if ((res->warnings & W_ACCELERATOR_ONLY_PRICE) && n < max) {
			out[n] = (struct warning_item){.code = "accelerator_only_price", .option = o->id};
			snprintf(out[n++].message, sizeof(out[0].message),
				 "priced at %s's accelerator-only rate for %s %s: the host VM is billed apart and not included",
				 res->price->provider, o->gpu->id, pricing_names[res->price->mode]);
		}
		if ((res->warnings & W_NO_BATCH_DISCOUNT) && n < max) {
			out[n] = (struct warning_item){.code = "no_batch_discount", .option = o->id};
			snprintf(out[n++].message, sizeof(out[0].message),
				 "batch_fraction is set but '%s' publishes no batch discount; none applied",
				 o->api->id);
		}
		if ((res->warnings & W_NO_QUALITY_TIER) && n < max) {
			/* model.md 10: kept, but it cannot be held to min_quality_tier */
			out[n] = (struct warning_item){.code = "no_quality_tier", .option = o->id};
			snprintf(out[n++].message, sizeof(out[0].message),
				 "'%s' has no quality_tier, so min_quality_tier %s could not be checked; kept",
				 o->kind == OPT_SELF_HOSTED ? o->model->id : o->api->id,
				 num_shortest(s1, sizeof(s1), w->req.min_quality_tier));
		}
	}
	if (today && num_date_days(today, &scan.today)) {
		scan.n = n;
		for (size_t i = 0; c && i < c->n; i++) {
			/* an option the requirements rule out uses no price */
			if (requirements_excluded(c->results[i].reason))
				continue;
			scan.option = opts[i].id;
			figures_of_option(&opts[i], &c->results[i], NULL, stale_figure, &scan);
		}
		n = scan.n;
	}
	if (stale)
		*stale = scan.stale;
	return n;
}

void figures_of_option(const struct option_spec *o, const struct option_result *res,
		       const struct catalog *cat,
		       void (*fn)(void *arg, const struct figure *f), void *arg)
{
	char entry[512], key[1024];

#define FIGX(prefix, id, field, value, at, date, is_price)                                  \
	do {                                                                                \
		if (cat_has(value)) {                                                       \
			snprintf(entry, sizeof(entry), "catalog.%s.%s", prefix, id);        \
			snprintf(key, sizeof(key), "%s.%s", entry, field);                  \
			fn(arg, &(struct figure){key, entry, value, (at)->file, date,       \
						 is_price, NULL});                          \
		}                                                                           \
	} while (0)
#define FIG(prefix, id, field, value, at, date) FIGX(prefix, id, field, value, at, date, false)
#define PRICE(prefix, id, field, value, at, date) FIGX(prefix, id, field, value, at, date, true)

	if (o->kind != OPT_SELF_HOSTED) { /* a hybrid's overflow, then its base */
		const struct api_model *m = o->api;
		PRICE("api_models", m->id, "input_per_mtok", m->input_per_mtok, &m->loc, m->as_of);
		PRICE("api_models", m->id, "output_per_mtok", m->output_per_mtok, &m->loc, m->as_of);
		PRICE("api_models", m->id, "cached_input_per_mtok", m->cached_input_per_mtok, &m->loc, m->as_of);
		PRICE("api_models", m->id, "cache_write_per_mtok", m->cache_write_per_mtok, &m->loc, m->as_of);
		PRICE("api_models", m->id, "batch_discount", m->batch_discount, &m->loc, m->as_of);
		FIG("api_models", m->id, "context_window", m->context_window, &m->loc, m->as_of);
		FIG("api_models", m->id, "rate_limit_tokens_per_min", m->rate_limit_tokens_per_min, &m->loc, m->as_of);
		/* model.md 10: the tier held to min_quality_tier and compared by
		 * the verdict; a managed endpoint without one takes its model's */
		if (cat_has(m->quality_tier)) {
			FIG("api_models", m->id, "quality_tier", m->quality_tier, &m->loc, m->as_of);
		} else if (m->kind == KIND_MANAGED && m->open_model && cat) {
			const struct open_model *om = catalog_model(cat, m->open_model);
			if (om)
				FIG("open_models", om->id, "quality_tier", om->quality_tier, &om->loc, om->as_of);
		}
		if (m->has_long_context) {
			FIG("api_models", m->id, "long_context.above_input_tokens", m->lc_above_input_tokens, &m->loc, m->as_of);
			PRICE("api_models", m->id, "long_context.input_per_mtok", m->lc_input_per_mtok, &m->loc, m->as_of);
			PRICE("api_models", m->id, "long_context.output_per_mtok", m->lc_output_per_mtok, &m->loc, m->as_of);
			PRICE("api_models", m->id, "long_context.cached_input_per_mtok", m->lc_cached_input_per_mtok, &m->loc, m->as_of);
			PRICE("api_models", m->id, "long_context.cache_write_per_mtok", m->lc_cache_write_per_mtok, &m->loc, m->as_of);
		}
		if (o->kind != OPT_HYBRID)
			return;
	}
	{
		const struct open_model *m = o->model;
		const struct gpu *g = o->gpu;
		FIG("open_models", m->id, "params_b", m->params_b, &m->loc, m->as_of);
		FIG("open_models", m->id, "active_params_b", m->active_params_b, &m->loc, m->as_of);
		if (cat_has(m->kv_bytes_per_token)) {
			FIG("open_models", m->id, "kv_bytes_per_token", m->kv_bytes_per_token, &m->loc, m->as_of);
		} else {
			FIG("open_models", m->id, "layers", m->layers, &m->loc, m->as_of);
			FIG("open_models", m->id, "kv_heads", m->kv_heads, &m->loc, m->as_of);
			FIG("open_models", m->id, "head_dim", m->head_dim, &m->loc, m->as_of);
		}
		/* model.md 3.2 Realism: attention FLOPs (4 * layers * span *
		 * hidden_size) at every tp, the all-reduce volume above tp 1 */
		if (cat_has(m->hidden_size)) {
			FIG("open_models", m->id, "layers", m->layers, &m->loc, m->as_of);
			FIG("open_models", m->id, "hidden_size", m->hidden_size, &m->loc, m->as_of);
		}
		/* model.md 3.1: the checkpoint's stored size at this precision */
		if (cat_has(m->stored_weights_gb[o->precision])) {
			char field[64];
			snprintf(field, sizeof(field), "stored_weights_gb.%s", precision_names[o->precision]);
			FIG("open_models", m->id, field, m->stored_weights_gb[o->precision], &m->loc, m->as_of);
		}
		FIG("open_models", m->id, "context_window", m->context_window, &m->loc, m->as_of);
		FIG("open_models", m->id, "quality_tier", m->quality_tier, &m->loc, m->as_of);
		FIG("gpus", g->id, "vram_gb", g->vram_gb, &g->loc, g->as_of);
		FIG("gpus", g->id, "memory_bandwidth_gb_s", g->memory_bandwidth_gb_s, &g->loc, g->as_of);
		FIG("gpus", g->id, "bf16_tflops", g->bf16_tflops, &g->loc, g->as_of);
		FIG("gpus", g->id, "fp8_tflops", g->fp8_tflops, &g->loc, g->as_of);
		FIG("gpus", g->id, "int8_tops", g->int8_tops, &g->loc, g->as_of);
		FIG("gpus", g->id, "fp4_tflops", g->fp4_tflops, &g->loc, g->as_of);
		/* model.md 3.2: the all-reduce link, read wherever a tp above 1
		 * is tried (a fixed tp, or the search of 3.5) */
		if (o->tensor_parallel != 1)
			FIG("gpus", g->id, "interconnect_gb_s", g->interconnect_gb_s, &g->loc, g->as_of);
		if (o->pricing == PRICE_OWNED) {
			FIG("gpus", g->id, "tdp_watts", g->tdp_watts, &g->loc, g->as_of);
			/* judged on its own date (model.md 3.6), named as a figure */
			if (cat_has(g->purchase_price)) {
				snprintf(key, sizeof(key), "catalog.gpus.%s.purchase_price", g->id);
				fn(arg, &(struct figure){key, key, g->purchase_price, g->loc.file,
							 g->purchase_price_as_of, true, NULL});
			}
		}
		if (res->price) {
			char row[400];
			catalog_price_path(row, sizeof(row), g, res->price);
			PRICE("gpus", row, "per_gpu_hour", res->price->per_gpu_hour, &res->price->loc, res->price->as_of);
			/* model.md 3.4: whole instances of this many GPUs are billed */
			if (res->price->instance_gpus > 1)
				FIG("gpus", row, "instance_gpus", res->price->instance_gpus, &res->price->loc,
				    res->price->as_of);
		}
		if (res->feasible && res->rep.tput) {
			const struct throughput *t = res->rep.tput;
			char id[256];
			snprintf(id, sizeof(id), "%s@%s:%s:tp%d", t->model, t->gpu,
				 precision_names[t->precision], t->tensor_parallel);
			FIG("throughput", id, "input_tokens", t->input_tokens, &t->loc, t->as_of);
			FIG("throughput", id, "output_tokens", t->output_tokens, &t->loc, t->as_of);
			FIG("throughput", id, "output_tokens_per_s", t->output_tokens_per_s, &t->loc, t->as_of);
			/* model.md 3.2 measured calibration: the estimate at the
			 * row's shape is capped by its run's concurrency and made at
			 * its run's KV cache precision */
			if (t->concurrency > 0)
				FIG("throughput", id, "concurrency", t->concurrency, &t->loc, t->as_of);
			if (t->has_kv_cache_precision) {
				snprintf(entry, sizeof(entry), "catalog.throughput.%s", id);
				snprintf(key, sizeof(key), "%s.kv_cache_precision", entry);
				fn(arg, &(struct figure){key, entry, NAN, t->loc.file, t->as_of, false,
							 precision_names[t->kv_cache_precision]});
			}
		}
	}
#undef FIG
#undef PRICE
#undef FIGX
}

