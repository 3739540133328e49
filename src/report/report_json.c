/*
 * report_json.c - the JSON documents of interface.md ("JSON output"), built
 * with cJSON. Numbers are JSON numbers; a figure that does not exist is null
 * with a reason, never NaN.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/check.h"
#include "report/report_internal.h"


/* True when `arr` has an "inputs" row of that key. */
static bool has_input(const cJSON *arr, const char *key)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr)
	{
		if (strcmp(cJSON_GetObjectItem(it, "key")->valuestring, key) == 0)
			return true;
	}
	return false;
}

/* An "inputs" row {key, value, source[, as_of]} unless a row with that
 * key is there already (then `value` is freed). */
static void input_row(cJSON *arr, const char *key, cJSON *value, const char *source, const char *as_of)
{
	cJSON *row;

	if (has_input(arr, key)) {
		cJSON_Delete(value);
		return;
	}
	row = cJSON_CreateObject();
	cJSON_AddStringToObject(row, "key", key);
	cJSON_AddItemToObject(row, "value", value);
	cJSON_AddStringToObject(row, "source", source);
	if (as_of)
		cJSON_AddStringToObject(row, "as_of", as_of);
	cJSON_AddItemToArray(arr, row);
}

static void input_num(cJSON *arr, const char *key, double v, const char *source, const char *as_of)
{
	input_row(arr, key, report_json_number(v), source, as_of);
}

static void input_text(cJSON *arr, const char *key, const char *v, const char *source, const char *as_of)
{
	input_row(arr, key, cJSON_CreateString(v), source, as_of);
}

static const char *catalog_source(char *buf, size_t size, const char *file)
{
	snprintf(buf, size, "catalog:%s", file);
	return buf;
}

/* Where figure_input() lists the figures of the options. */
struct figure_sink {
	cJSON *arr;
	const struct catalog *cat;
};

/* The --set override of catalog figure `key`, or NULL. */
static const struct catalog_override *catalog_override_of(const struct catalog *cat,
							  const char *key)
{
	for (size_t i = 0; i < cat->n_overrides; i++) {
		if (strcmp(cat->overrides[i].key, key) == 0)
			return &cat->overrides[i];
	}
	return NULL;
}

static void figure_input(void *arg, const struct figure *f)
{
	const struct figure_sink *sink = arg;
	char src[300];
	const char *source = catalog_source(src, sizeof(src), f->file), *as_of = f->as_of;

	/* a figure set on the command line is listed once, as set */
	if (catalog_override_of(sink->cat, f->key)) {
		source = "set";
		as_of = NULL;
	}
	if (f->text)
		input_text(sink->arr, f->key, f->text, source, as_of);
	else
		input_num(sink->arr, f->key, f->value, source, as_of);
}

/* The inputs rows of workload.profile (model.md 7.1) and of each
 * requirement given (model.md 10): they decide which options are feasible
 * and which is cheapest, so `diff` must see them change. A named profile
 * is its name; a custom one "custom" and a row per hour and the weekend
 * factor, by the paths --set takes. */
static void add_shape_and_requirements(cJSON *arr, const struct scenario *sc)
{
	const struct requirements *rq = &sc->req;
	char key[64], list[512] = "";

	if (sc->has_profile) {
		const struct profile *p = &sc->profile;
		input_text(arr, "workload.profile", profile_names[p->shape], sc->profile_source, NULL);
		if (p->shape == PROFILE_CUSTOM) {
			for (int h = 0; h < 24; h++) {
				snprintf(key, sizeof(key), "workload.profile.hourly.%d", h);
				input_num(arr, key, p->hourly[h], sc->profile_source, NULL);
			}
			input_num(arr, "workload.profile.weekend", p->weekend, sc->profile_source, NULL);
		}
	}
	for (int k = 0; k < RQ_COUNT; k++) {
		const char *source = sc->req_source[k];
		if (!source)
			continue;
		snprintf(key, sizeof(key), "requirements.%s", requirement_keys[k]);
		switch ((enum req_key)k) {
		case RQ_MIN_QUALITY_TIER:
			input_num(arr, key, rq->min_quality_tier, source, NULL);
			break;
		case RQ_THIRD_PARTY_PROCESSING:
			input_text(arr, key, rq->third_party_forbidden ? "forbidden" : "allowed", source, NULL);
			break;
		case RQ_ALLOWED_PROVIDERS:
			/* as given, comma-separated: one comparable value */
			for (size_t i = 0; i < rq->n_allowed_providers; i++)
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
					 i ? "," : "", rq->allowed_providers[i]);
			input_text(arr, key, list, source, NULL);
			break;
		case RQ_AVAILABILITY:
			input_num(arr, key, rq->availability, source, NULL);
			break;
		case RQ_COUNT:
			break;
		}
	}
}

static void add_inputs(cJSON *doc, const struct run *r)
{
	const struct compare_result *c = r->current;
	cJSON *arr = cJSON_AddArrayToObject(doc, "inputs");
	const struct scenario *sc = r->sc;
	struct figure_sink sink = {arr, r->cat};
	char key[128];

	for (int k = 0; k < WK_COUNT; k++) {
		if (!sc->given[k])
			continue;
		snprintf(key, sizeof(key), "workload.%s", workload_keys[k]);
		input_num(arr, key, sc->wv[k], sc->wloc[k].line ? "scenario" : "set", NULL);
	}
	add_shape_and_requirements(arr, sc);
	for (int k = 0; k < A_COUNT; k++) {
		snprintf(key, sizeof(key), "assumptions.%s", assumption_specs[k].name);
		if (assumption_specs[k].is_precision)
			input_text(arr, key, precision_names[(int)r->a->v[k]], r->a->source[k], NULL);
		else
			input_num(arr, key, r->a->v[k], r->a->source[k], NULL);
	}
	for (size_t i = 0; c && i < c->n; i++)
		figures_of_option(&sc->options[i], &c->results[i], r->cat, figure_input, &sink);
	/* interface.md Additions: catalog figures set from the command line,
	 * those no option uses too; each key once */
	for (size_t i = 0; i < r->cat->n_overrides; i++) {
		const struct catalog_override *o = &r->cat->overrides[i];
		if (cat_has(o->value))
			input_num(arr, o->key, o->value, "set", NULL);
		else
			input_text(arr, o->key, o->text, "set", NULL);
	}
}

static cJSON *doc_new(const struct run *r)
{
	cJSON *doc = cJSON_CreateObject(), *tool, *cat, *files;

	report_json_add_number(doc, "schema_version", 1);
	tool = cJSON_AddObjectToObject(doc, "tool");
	cJSON_AddStringToObject(tool, "name", "llmtco");
	cJSON_AddStringToObject(tool, "version", r->version);
	cJSON_AddStringToObject(doc, "command", r->command);
	cJSON_AddStringToObject(doc, "currency", r->cat->currency);
	cat = cJSON_AddObjectToObject(doc, "catalog");
	if (r->cat->as_of)
		cJSON_AddStringToObject(cat, "as_of", r->cat->as_of);
	else
		cJSON_AddNullToObject(cat, "as_of");
	files = cJSON_AddArrayToObject(cat, "files");
	for (size_t i = 0; i < r->cat->n_files; i++)
		cJSON_AddItemToArray(files, cJSON_CreateString(r->cat->files[i]));
	{
		char hash[32];
		snprintf(hash, sizeof(hash), "fnv1a64:%016llx", r->cat->hash);
		cJSON_AddStringToObject(cat, "hash", hash);
	}
	cJSON_AddStringToObject(doc, "today", r->today ? r->today : "");
	report_json_add_number(doc, "max_price_age_days", r->max_price_age);
	if (r->sc->name)
		cJSON_AddStringToObject(doc, "scenario", r->sc->name);
	return doc;
}

static void add_warnings(cJSON *doc, const struct run *r)
{
	struct warning_item w[64];
	size_t n = report_warnings(w, 64, r, NULL);
	cJSON *arr = cJSON_AddArrayToObject(doc, "warnings");

	for (size_t i = 0; i < n; i++) {
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "code", w[i].code);
		cJSON_AddStringToObject(row, "message", w[i].message);
		if (w[i].option)
			cJSON_AddStringToObject(row, "option", w[i].option);
		cJSON_AddItemToArray(arr, row);
	}
}

static void indent(struct sbuf *out, int depth)
{
	sbuf_add(out, "\n", 1);
	for (int i = 0; i < depth; i++)
		sbuf_add(out, "  ", 2);
}

void report_json_emit(struct sbuf *out, cJSON *doc)
{
	char *text = cJSON_PrintUnformatted(doc);
	int depth = 0;
	bool in_str = false;

	cJSON_Delete(doc);
	if (!text) {
		out->failed = true;
		return;
	}
	/* cJSON's own layout uses tabs; re-indent its compact form */
	for (const char *p = text; *p; p++) {
		char c = *p;
		if (in_str) {
			sbuf_add(out, p, 1);
			if (c == '\\' && p[1])
				sbuf_add(out, ++p, 1);
			else if (c == '"')
				in_str = false;
			continue;
		}
		switch (c) {
		case '"':
			in_str = true;
			sbuf_add(out, p, 1);
			break;
		case '{':
		case '[':
			sbuf_add(out, p, 1);
			if (p[1] == '}' || p[1] == ']') {
				sbuf_add(out, ++p, 1);
				break;
			}
			indent(out, ++depth);
			break;
		case '}':
		case ']':
			indent(out, --depth);
			sbuf_add(out, p, 1);
			break;
		case ',':
			sbuf_add(out, p, 1);
			indent(out, depth);
			break;
		case ':':
			sbuf_add(out, ": ", 2);
			break;
		default:
			sbuf_add(out, p, 1);
		}
	}
	sbuf_add(out, "\n", 1);
	cJSON_free(text);
}

static void num_or_null(cJSON *obj, const char *key, bool has, double v)
{
	if (has)
		report_json_add_number(obj, key, v);
	else
		cJSON_AddNullToObject(obj, key);
}

/* model.md 7.1: the shape used, as given (the one-peak-hour shape when
 * the workload has none), with its peak. */
static void add_profile(cJSON *wl, const struct workload *w)
{
	cJSON *o = cJSON_AddObjectToObject(wl, "profile"), *h;
	struct profile p = w->profile;
	bool ok = p.shape != PROFILE_NONE || profile_peak_hour(&p, w->peak_to_average);

	cJSON_AddStringToObject(o, "shape", profile_names[w->profile.shape]);
	if (!ok) {
		cJSON_AddNullToObject(o, "hourly");
		cJSON_AddNullToObject(o, "weekend");
		cJSON_AddStringToObject(o, "reason", "peak_to_average_not_below_24");
		return;
	}
	h = cJSON_AddArrayToObject(o, "hourly");
	for (int i = 0; i < 24; i++)
		cJSON_AddItemToArray(h, report_json_number(p.hourly[i]));
	report_json_add_number(o, "weekend", p.weekend);
}

/* model.md 1: where the workload's context came from */
static const char *context_source(const struct run *r)
{
	if (r->sc && r->sc->given[WK_CONTEXT_TOKENS])
		return "scenario";
	return r->w->has_requests ? "requests" : "default";
}

static void add_workload(cJSON *doc, const struct workload *w, double hours, const char *ctx_source)
{
	cJSON *o = cJSON_AddObjectToObject(doc, "workload");

	report_json_add_number(o, "input_tokens_per_month", w->t_in);
	report_json_add_number(o, "output_tokens_per_month", w->t_out);
	report_json_add_number(o, "tokens_per_month", w->t_in + w->t_out);
	report_json_add_number(o, "tokens_per_day", (w->t_in + w->t_out) / (hours / 24));
	num_or_null(o, "requests_per_month", w->has_requests, w->requests);
	num_or_null(o, "input_tokens_per_request", w->has_requests, w->in_per_request);
	num_or_null(o, "output_tokens_per_request", w->has_requests, w->out_per_request);
	report_json_add_number(o, "cached_input_fraction", w->cached_input_fraction);
	report_json_add_number(o, "cache_write_fraction", w->cache_write_fraction);
	report_json_add_number(o, "batch_fraction", w->batch_fraction);
	report_json_add_number(o, "peak_to_average", w->peak_to_average);
	add_profile(o, w);
	report_json_add_number(o, "context_tokens", w->context_tokens);
	cJSON_AddStringToObject(o, "context_tokens_source", ctx_source);
	report_json_add_number(o, "min_output_tokens_per_s_per_user", w->min_output_tps_per_user);
}

static void add_replica(cJSON *o, const struct replica *rep)
{
	report_json_add_number(o, "weights_gb", rep->weights_bytes / 1e9);
	report_json_add_number(o, "kv_bytes_per_token", rep->kv_bytes_per_token);
	if (!rep->fits)
		return;
	report_json_add_number(o, "batch", rep->batch);
	report_json_add_number(o, "decode_tokens_per_s", rep->decode_tps);
	report_json_add_number(o, "decode_tokens_per_s_single", rep->decode_tps_single);
	report_json_add_number(o, "prefill_tokens_per_s", rep->prefill_tps);
	cJSON_AddStringToObject(o, "throughput_source", rep->measured ? "measured" : "roofline");
	report_json_add_number(o, "calibration_factor", rep->calibration_factor);
}

/* model.md 3.4: the keys of a price row in an option's `price` object */
static void price_row_json(cJSON *obj, const struct gpu_price *row, double gpus_billed)
{
	cJSON_AddStringToObject(obj, "provider", row->provider);
	cJSON_AddStringToObject(obj, "mode", pricing_names[row->mode]);
	report_json_add_number(obj, "per_gpu_hour", row->per_gpu_hour);
	report_json_add_number(obj, "instance_gpus", row->instance_gpus >= 1 ? row->instance_gpus : 1);
	report_json_add_number(obj, "gpus_billed", gpus_billed);
	cJSON_AddBoolToObject(obj, "marketplace", row->marketplace);
	cJSON_AddBoolToObject(obj, "includes_host", !row->accelerator_only);
}

/* model.md 7.3: a hybrid's parts: the base, how its N was set, and the
 * overflow with its bill component by component. */
static void add_hybrid_parts(cJSON *obj, const struct option_spec *o,
			     const struct option_result *res)
{
	cJSON *b = cJSON_AddObjectToObject(obj, "base"), *ov;

	cJSON_AddStringToObject(b, "model", o->model->id);
	cJSON_AddStringToObject(b, "gpu", o->gpu->id);
	cJSON_AddStringToObject(b, "precision", precision_names[o->precision]);
	cJSON_AddStringToObject(b, "pricing", pricing_names[o->pricing]);
	if (o->provider)
		cJSON_AddStringToObject(b, "provider", o->provider);
	if (o->replicas)
		report_json_add_number(b, "replicas", o->replicas);
	else
		cJSON_AddStringToObject(b, "replicas", "auto");
	ov = cJSON_AddObjectToObject(obj, "overflow");
	cJSON_AddStringToObject(ov, "kind", o->api->kind == KIND_MANAGED ? "managed" : "api");
	cJSON_AddStringToObject(ov, "id", o->api->id);
	if (!res->feasible)
		return;
	report_json_add_number(ov, "input", res->api.input);
	report_json_add_number(ov, "cached_input", res->api.cached_input);
	report_json_add_number(ov, "cache_write", res->api.cache_write);
	report_json_add_number(ov, "output", res->api.output);
	report_json_add_number(ov, "batch_savings", res->api.batch_savings);
	report_json_add_number(ov, "fixed", res->api.fixed);
	report_json_add_number(ov, "total", res->overflow);
}

static cJSON *option_json(const struct run *r, const struct option_spec *o,
			  const struct option_result *res)
{
	cJSON *obj = cJSON_CreateObject(), *cost;
	bool inherited;
	double tier = option_quality_tier(o, r->cat, &inherited);

	cJSON_AddStringToObject(obj, "id", o->id);
	cJSON_AddStringToObject(obj, "kind", option_kind_names[o->kind]);
	/* model.md 10: the tier it is held to; "open_model" when a managed
	 * endpoint takes its open model's */
	num_or_null(obj, "quality_tier", cat_has(tier), tier);
	if (cat_has(tier))
		cJSON_AddStringToObject(obj, "quality_tier_source", inherited ? "open_model" : "catalog");
	cJSON_AddBoolToObject(obj, "feasible", res->feasible);
	if (!res->feasible)
		cJSON_AddStringToObject(obj, "reason", reason_codes[res->reason]);
	if (res->feasible) {
		cost = cJSON_AddObjectToObject(obj, "monthly_cost");
		if (!engine_self_hosts(o->kind)) {
			report_json_add_number(cost, "input", res->api.input);
			report_json_add_number(cost, "cached_input", res->api.cached_input);
			report_json_add_number(cost, "cache_write", res->api.cache_write);
			report_json_add_number(cost, "output", res->api.output);
			report_json_add_number(cost, "batch_savings", res->api.batch_savings);
			report_json_add_number(cost, "fixed", res->api.fixed);
		} else {
			const struct sh_cost *c = &res->sh;
			if (o->pricing == PRICE_OWNED) {
				report_json_add_number(cost, "depreciation", c->depreciation);
				report_json_add_number(cost, "power", c->power);
				report_json_add_number(cost, "colocation", c->colocation);
			} else {
				report_json_add_number(cost, "gpu", c->gpu);
			}
			report_json_add_number(cost, "engineering", c->engineering);
			report_json_add_number(cost, "infrastructure", c->infrastructure);
			report_json_add_number(cost, "monitoring", c->monitoring);
			report_json_add_number(cost, "model_updates", c->model_updates);
			report_json_add_number(cost, "setup", c->setup);
			if (o->kind == OPT_HYBRID)
				report_json_add_number(cost, "overflow", res->overflow);
		}
		report_json_add_number(cost, "total", res->total);
	} else {
		cJSON_AddNullToObject(obj, "monthly_cost");
	}
	num_or_null(obj, "cost_per_mtok", res->has_cost_per_mtok, res->cost_per_mtok);
	if (!engine_self_hosts(o->kind)) {
		if (res->feasible)
			cJSON_AddBoolToObject(obj, "long_context_prices", res->api.long_context);
		return obj;
	}
	if (o->kind == OPT_SELF_HOSTED)
		cJSON_AddStringToObject(obj, "scaling", o->scaling == SCALING_HOURLY ? "hourly" : "static");
	if (o->kind == OPT_HYBRID)
		add_hybrid_parts(obj, o, res);
	if (res->price) {
		cJSON *p = cJSON_AddObjectToObject(obj, "price"), *alts;
		price_row_json(p, res->price, res->gpus);
		alts = cJSON_AddArrayToObject(p, "alternatives");
		for (size_t i = 0; i < res->n_alternatives; i++) {
			const struct price_alternative *x = &res->alternatives[i];
			cJSON *e = cJSON_CreateObject();
			price_row_json(e, x->row, x->gpus_billed);
			report_json_add_number(e, "gpu", x->gpu);
			cJSON_AddItemToArray(alts, e);
		}
	}
	{
		cJSON *s = cJSON_AddObjectToObject(obj, "sizing");
		if (res->feasible) {
			report_json_add_number(s, "tensor_parallel", res->tensor_parallel);
			report_json_add_number(s, "replicas", res->replicas);
			report_json_add_number(s, "gpus", res->gpus);
			report_json_add_number(s, "busy_replicas", res->busy);
			/* model.md 10 */
			report_json_add_number(s, "spare_replicas", res->spare_replicas);
			num_or_null(s, "availability", engine_has_availability(o), res->availability);
		}
		if (res->feasible && o->kind == OPT_SELF_HOSTED && o->scaling == SCALING_HOURLY) {
			report_json_add_number(s, "replicas_min", res->replicas_min);
			report_json_add_number(s, "replicas_max", res->replicas_max);
			report_json_add_number(s, "gpu_hours_per_month", res->gpu_hours);
		}
		if (res->feasible && o->kind == OPT_HYBRID) {
			num_or_null(s, "self_served_share", res->has_self_served_share,
				    res->self_served_share);
			report_json_add_number(s, "overflow_tokens_per_month", res->overflow_tokens);
			report_json_add_number(s, "weekday_hours_in_house", res->weekday_hours_in_house);
		}
		if (res->rep.weights_bytes > 0)
			add_replica(s, &res->rep);
	}
	num_or_null(obj, "utilization", res->feasible, res->utilization);
	return obj;
}

/* model.md 10: the requirements the options were held to; null values for
 * what the scenario does not ask */
static void add_requirements(cJSON *doc, const struct run *r)
{
	const struct requirements *q = &r->w->req;
	cJSON *o = cJSON_AddObjectToObject(doc, "requirements");

	num_or_null(o, "min_quality_tier", q->min_quality_tier > 0, q->min_quality_tier);
	cJSON_AddStringToObject(o, "third_party_processing",
				q->third_party_forbidden ? "forbidden" : "allowed");
	if (q->allowed_providers) {
		cJSON *arr = cJSON_AddArrayToObject(o, "allowed_providers");
		for (size_t i = 0; i < q->n_allowed_providers; i++)
			cJSON_AddItemToArray(arr, cJSON_CreateString(q->allowed_providers[i]));
	} else {
		cJSON_AddNullToObject(o, "allowed_providers");
	}
	num_or_null(o, "availability", q->availability > 0, q->availability);
	if (q->availability > 0)
		cJSON_AddStringToObject(o, "hosted_availability",
					"assumed to meet the target: check the provider's SLA");
	else
		cJSON_AddNullToObject(o, "hosted_availability");
	/* the options they rule out at every volume */
	{
		cJSON *arr = cJSON_AddArrayToObject(o, "excluded");
		for (size_t i = 0; i < r->sc->n_options; i++) {
			enum reason why = requirements_exclusion(q, &r->sc->options[i], r->cat);
			cJSON *e;
			if (why == R_NONE)
				continue;
			e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "option", r->sc->options[i].id);
			cJSON_AddStringToObject(e, "reason", reason_codes[why]);
			cJSON_AddItemToArray(arr, e);
		}
	}
}

/* model.md 10: the verdict with its reason and the sentence people read */
static void add_verdict(cJSON *doc, const struct run *r, const struct compare_result *c)
{
	const struct option_spec *opts = r->sc->options;
	struct verdict v;
	struct sbuf text;
	cJSON *o = cJSON_AddObjectToObject(doc, "verdict");

	compare_verdict(&v, c, opts, r->w, r->cat);
	cJSON_AddStringToObject(o, "reason", verdict_reason_codes[v.reason]);
	if (v.cheapest >= 0)
		cJSON_AddStringToObject(o, "cheapest", opts[v.cheapest].id);
	else
		cJSON_AddNullToObject(o, "cheapest");
	num_or_null(o, "quality_tier", cat_has(v.tier), v.tier);
	if (v.runner_up >= 0) {
		cJSON_AddStringToObject(o, "runner_up", opts[v.runner_up].id);
		report_json_add_number(o, "margin", v.margin);
	} else {
		cJSON_AddNullToObject(o, "runner_up");
		cJSON_AddNullToObject(o, "margin");
	}
	num_or_null(o, "best_quality_tier", cat_has(v.best_tier), v.best_tier);
	if (v.reason == VR_LOWER_TIER) {
		cJSON_AddStringToObject(o, "cheapest_at_best_tier", opts[v.best_cheapest].id);
		if (v.best_runner_up >= 0)
			cJSON_AddStringToObject(o, "runner_up_at_best_tier", opts[v.best_runner_up].id);
		else
			cJSON_AddNullToObject(o, "runner_up_at_best_tier");
	} else {
		cJSON_AddNullToObject(o, "cheapest_at_best_tier");
		cJSON_AddNullToObject(o, "runner_up_at_best_tier");
	}
	report_json_add_number(o, "excluded", (double)v.excluded);
	sbuf_init(&text);
	report_verdict_sentence(&text, r, c, &v);
	cJSON_AddStringToObject(o, "text", text.buf ? text.buf : "");
	sbuf_release(&text);
}

static cJSON *compare_doc(const struct run *r, const struct compare_result *c)
{
	cJSON *doc = doc_new(r), *opts;
	const struct option_result *best = c->n ? &c->results[c->order[0]] : NULL;

	add_inputs(doc, r);
	add_warnings(doc, r);
	add_workload(doc, r->w, r->a->v[A_HOURS_PER_MONTH], context_source(r));
	opts = cJSON_AddArrayToObject(doc, "options");
	for (size_t i = 0; i < c->n; i++) {
		size_t k = c->order[i];
		cJSON_AddItemToArray(opts, option_json(r, &r->sc->options[k], &c->results[k]));
	}
	/* model.md 10: the cheapest option meeting the requirements */
	if (best && best->feasible)
		cJSON_AddStringToObject(doc, "cheapest", r->sc->options[c->order[0]].id);
	else
		cJSON_AddNullToObject(doc, "cheapest");
	add_requirements(doc, r);
	add_verdict(doc, r, c);
	report_portfolio_json(doc, r, c);
	return doc;
}

void report_compare_json(struct sbuf *out, const struct run *r, const struct compare_result *c)
{
	report_json_emit(out, compare_doc(r, c));
}

/* model.md 8: the ranges a run varied, as given, with their base values. */
static void add_ranges(cJSON *doc, const struct run *r, const struct range *rg, size_t n)
{
	cJSON *arr = cJSON_AddArrayToObject(doc, "ranges");
	struct unc_base b;

	for (size_t i = 0; i < n; i++) {
		cJSON *row = cJSON_CreateObject();
		unc_base_init(&b, r->sc, r->a, r->w, &rg[i], 1);
		cJSON_AddStringToObject(row, "key", rg[i].key);
		cJSON_AddStringToObject(row, "distribution", report_dist_names[rg[i].dist]);
		if (rg[i].dist == UD_LOGNORMAL) {
			report_json_add_number(row, "p10", rg[i].low);
			report_json_add_number(row, "p90", rg[i].high);
		} else {
			report_json_add_number(row, "low", rg[i].low);
			if (rg[i].dist == UD_TRIANGULAR)
				report_json_add_number(row, "mode", rg[i].mode);
			report_json_add_number(row, "high", rg[i].high);
		}
		report_json_add_number(row, "base", unc_base_value(&b, &rg[i]));
		cJSON_AddItemToArray(arr, row);
	}
}

/* model.md 8.1: how the draws were made: "simulation" and "ranges". */
static void add_simulation(cJSON *doc, const struct run *r, const struct uncertainty *u)
{
	cJSON *sim = cJSON_AddObjectToObject(doc, "simulation");

	report_json_add_number(sim, "draws", u->draws);
	report_json_add_number(sim, "seed", (double)u->seed);
	cJSON_AddStringToObject(sim, "generator", "xoshiro256** seeded by splitmix64");
	cJSON_AddStringToObject(sim, "quantiles", "linear interpolation between order statistics (numpy default)");
	add_ranges(doc, r, u->ranges, u->n);
}

void report_check_json(struct sbuf *out, const struct run *r, const struct compare_result *c,
		       const struct threshold_result *t, size_t n)
{
	cJSON *doc = compare_doc(r, c), *arr = cJSON_AddArrayToObject(doc, "thresholds");

	for (size_t i = 0; i < n; i++) {
		const struct threshold *th = t[i].t;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "metric", metric_names[th->metric]);
		if (t[i].option)
			cJSON_AddStringToObject(o, "option", t[i].option);
		else
			cJSON_AddNullToObject(o, "option");
		if (th->equals) {
			cJSON_AddStringToObject(o, "comparison", "equals");
			cJSON_AddStringToObject(o, "limit", th->equals);
		} else {
			cJSON_AddStringToObject(o, "comparison", th->has_max ? "max" : "min");
			report_json_add_number(o, "limit", th->has_max ? th->max : th->min);
			if (th->has_max && th->has_min)
				report_json_add_number(o, "min", th->min);
		}
		if (t[i].actual_text)
			cJSON_AddStringToObject(o, "actual", t[i].actual_text);
		else
			num_or_null(o, "actual", t[i].has_actual, t[i].actual);
		cJSON_AddStringToObject(o, "level", th->level == LEVEL_WARN ? "warn" : "fail");
		cJSON_AddStringToObject(o, "status", tstatus_names[t[i].status]);
		if (t[i].note)
			cJSON_AddStringToObject(o, "note", t[i].note);
		cJSON_AddItemToArray(arr, o);
	}
	/* min_probability_cheapest's simulation, to rerun it with simulate */
	if (r->unc)
		add_simulation(doc, r, r->unc);
	cJSON_AddStringToObject(doc, "status", tstatus_names[check_overall(t, n)]);
	report_json_emit(out, doc);
}

void report_size_json(struct sbuf *out, const struct run *r, const struct size_result *s)
{
	cJSON *doc = doc_new(r), *cfgs;

	add_inputs(doc, r);
	add_warnings(doc, r);
	cJSON_AddStringToObject(doc, "model", s->model->id);
	cJSON_AddStringToObject(doc, "precision", precision_names[s->precision]);
	report_json_add_number(doc, "context_tokens", s->context_tokens);
	if (s->context_source)
		cJSON_AddStringToObject(doc, "context_tokens_source", s->context_source);
	cfgs = cJSON_AddArrayToObject(doc, "configs");
	for (size_t i = 0; i < s->n; i++) {
		const struct size_config *c = &s->configs[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "gpu", c->gpu->id);
		cJSON_AddStringToObject(o, "precision", precision_names[s->precision]);
		report_json_add_number(o, "tensor_parallel", c->tensor_parallel);
		cJSON_AddBoolToObject(o, "fits", c->rep.fits);
		if (!c->rep.fits)
			cJSON_AddStringToObject(o, "reason", reason_codes[c->rep.reason]);
		add_replica(o, &c->rep);
		if (!c->rep.fits) {
			report_json_add_number(o, "batch", 0);
			cJSON_AddNullToObject(o, "decode_tokens_per_s");
			cJSON_AddNullToObject(o, "decode_tokens_per_s_single");
			cJSON_AddNullToObject(o, "prefill_tokens_per_s");
			cJSON_AddNullToObject(o, "throughput_source");
			cJSON_AddNullToObject(o, "calibration_factor");
		}
		cJSON_AddItemToArray(cfgs, o);
	}
	report_json_emit(out, doc);
}

static cJSON *window_json(const struct be_window *win)
{
	cJSON *o = cJSON_CreateObject();

	report_json_add_number(o, "from_tokens_per_month", win->from);
	if (isfinite(win->to))
		report_json_add_number(o, "to_tokens_per_month", win->to);
	else
		cJSON_AddNullToObject(o, "to_tokens_per_month");
	return o;
}

static cJSON *pair_json(const struct run *r, const struct be_pair *pair)
{
	const struct breakeven *be = &pair->be;
	cJSON *o = cJSON_CreateObject(), *wins;
	bool f = be->found;
	double current = r->w->t_in + r->w->t_out;

	cJSON_AddStringToObject(o, "api", r->sc->options[pair->api].id);
	cJSON_AddStringToObject(o, "self_hosted", r->sc->options[pair->self_hosted].id);
	cJSON_AddStringToObject(o, "status", f ? "found" : "never");
	num_or_null(o, "tokens_per_month", f, be->tokens_per_month);
	num_or_null(o, "fluid_tokens_per_month", f && be->has_fluid, be->fluid_tokens_per_month);
	num_or_null(o, "input_tokens_per_month", f, be->at.t_in);
	num_or_null(o, "output_tokens_per_month", f, be->at.t_out);
	num_or_null(o, "tokens_per_day", f, be->tokens_per_day);
	num_or_null(o, "requests_per_month", f && be->at.has_requests, be->at.requests);
	num_or_null(o, "api_monthly_cost", f, be->api_at.total);
	num_or_null(o, "self_hosted_monthly_cost", f, be->self_hosted_at.total);
	num_or_null(o, "gpus", f, be->self_hosted_at.gpus);
	num_or_null(o, "tensor_parallel", f, be->self_hosted_at.tensor_parallel);
	num_or_null(o, "utilization", f, be->self_hosted_at.utilization);
	num_or_null(o, "current_tokens_per_month", true, current);
	num_or_null(o, "current_to_breakeven", f && be->tokens_per_month > 0,
		    current / be->tokens_per_month);
	num_or_null(o, "api_cost_per_mtok", be->api_priced, be->api_per_token * 1e6);
	num_or_null(o, "self_hosted_marginal_cost_per_mtok", be->self_hosted_priced,
		    be->self_hosted_per_token * 1e6);
	wins = cJSON_AddArrayToObject(o, "windows");
	for (size_t i = 0; i < be->n_windows; i++)
		cJSON_AddItemToArray(wins, window_json(&be->windows[i]));
	cJSON_AddBoolToObject(o, "windows_truncated", be->windows_truncated);
	if (f)
		cJSON_AddNullToObject(o, "reason");
	else
		cJSON_AddStringToObject(o, "reason", be->reason);
	return o;
}

void report_breakeven_json(struct sbuf *out, const struct run *r, const struct pairs *p)
{
	cJSON *doc = doc_new(r), *arr;

	add_inputs(doc, r);
	add_warnings(doc, r);
	add_workload(doc, r->w, r->a->v[A_HOURS_PER_MONTH], context_source(r));
	arr = cJSON_AddArrayToObject(doc, "pairs");
	for (size_t i = 0; i < p->n; i++)
		cJSON_AddItemToArray(arr, pair_json(r, &p->items[i]));
	add_requirements(doc, r);
	report_json_emit(out, doc);
}

void report_sweep_json(struct sbuf *out, const struct run *r, const struct sweep *s)
{
	cJSON *doc = doc_new(r), *ids, *rows;

	add_inputs(doc, r);
	add_warnings(doc, r);
	add_workload(doc, r->w, r->a->v[A_HOURS_PER_MONTH], context_source(r));
	ids = cJSON_AddArrayToObject(doc, "option_ids");
	for (size_t k = 0; k < s->n_options; k++)
		cJSON_AddItemToArray(ids, cJSON_CreateString(r->sc->options[k].id));
	rows = cJSON_AddArrayToObject(doc, "points");
	for (size_t i = 0; i < s->n_points; i++) {
		cJSON *row = cJSON_CreateObject(), *totals;
		report_json_add_number(row, "tokens_per_month", s->volumes[i]);
		report_json_add_number(row, "input_tokens_per_month", s->t_in[i]);
		report_json_add_number(row, "output_tokens_per_month", s->t_out[i]);
		totals = cJSON_AddObjectToObject(row, "monthly_cost");
		for (size_t k = 0; k < s->n_options; k++) {
			double v = s->totals[k * s->n_points + i];
			num_or_null(totals, r->sc->options[k].id, !isnan(v), v);
		}
		if (s->cheapest[i] >= 0)
			cJSON_AddStringToObject(row, "cheapest", r->sc->options[s->cheapest[i]].id);
		else
			cJSON_AddNullToObject(row, "cheapest");
		cJSON_AddItemToArray(rows, row);
	}
	add_requirements(doc, r);
	report_json_emit(out, doc);
}

void report_assumptions_json(struct sbuf *out, const struct run *r)
{
	cJSON *doc = doc_new(r), *arr = cJSON_AddArrayToObject(doc, "assumptions");

	for (int k = 0; k < A_COUNT; k++) {
		const struct assumption_spec *s = &assumption_specs[k];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", s->name);
		if (s->is_precision) {
			cJSON_AddStringToObject(o, "value", precision_names[(int)r->a->v[k]]);
			cJSON_AddStringToObject(o, "default", precision_names[(int)s->def]);
		} else {
			cJSON_AddNumberToObject(o, "value", r->a->v[k]);
			cJSON_AddNumberToObject(o, "default", s->def);
		}
		cJSON_AddStringToObject(o, "source", r->a->source[k]);
		cJSON_AddStringToObject(o, "meaning", assumption_meanings[k] ? assumption_meanings[k] : "");
		cJSON_AddItemToArray(arr, o);
	}
	report_json_emit(out, doc);
}

/* model.md 9: the horizon's settings, each option's months, totals and
 * NPV, and each pair's crossover month. */
void report_horizon_json(struct sbuf *out, const struct run *r, const struct horizon *h)
{
	const struct horizon_set *given = &r->sc->horizon;
	const double values[HZ_COUNT] = {
		[HZ_MONTHS] = h->p.months,         [HZ_VOLUME_GROWTH] = h->p.growth,
		[HZ_API_PRICE_CHANGE] = h->p.api_change, [HZ_GPU_PRICE_CHANGE] = h->p.gpu_change,
		[HZ_DISCOUNT_RATE] = h->p.discount, [HZ_LEAD_TIME] = h->p.lead_time};
	cJSON *doc = doc_new(r), *inputs, *settings, *shared, *opts, *pairs;
	char key[128];

	add_inputs(doc, r);
	inputs = cJSON_GetObjectItemCaseSensitive(doc, "inputs");
	for (int k = 0; k < HZ_COUNT; k++) {
		snprintf(key, sizeof(key), "horizon.%s", horizon_keys[k].name);
		input_num(inputs, key, values[k],
			  !given->given[k] ? "default" : given->loc[k].line ? "scenario" : "set", NULL);
	}
	add_warnings(doc, r);
	add_workload(doc, r->w, r->a->v[A_HOURS_PER_MONTH], context_source(r));
	settings = cJSON_AddObjectToObject(doc, "horizon");
	for (int k = 0; k < HZ_COUNT; k++)
		report_json_add_number(settings, horizon_keys[k].name, values[k]);
	/* what every option's month m shares, once */
	shared = cJSON_AddArrayToObject(doc, "months");
	for (int m = 1; m <= h->p.months; m++) {
		cJSON *mj = cJSON_CreateObject();
		report_json_add_number(mj, "month", m);
		report_json_add_number(mj, "tokens_per_month", h->volume[m - 1]);
		report_json_add_number(mj, "api_price_factor", h->api_factor[m - 1]);
		report_json_add_number(mj, "gpu_price_factor", h->gpu_factor[m - 1]);
		cJSON_AddItemToArray(shared, mj);
	}
	opts = cJSON_AddArrayToObject(doc, "options");
	for (size_t i = 0; i < h->n_options; i++) {
		size_t k = h->order[i];
		const struct option_spec *s = &r->sc->options[k];
		const struct hz_option *o = &h->options[k];
		bool self = s->kind != OPT_API && s->kind != OPT_MANAGED;
		cJSON *row = cJSON_CreateObject(), *months;
		cJSON_AddStringToObject(row, "id", s->id);
		cJSON_AddStringToObject(row, "kind", option_kind_names[s->kind]);
		cJSON_AddBoolToObject(row, "feasible", o->feasible);
		if (!o->feasible) {
			cJSON_AddStringToObject(row, "reason", reason_codes[o->reason]);
			report_json_add_number(row, "infeasible_month", o->bad_month);
		}
		cJSON_AddBoolToObject(row, "owned", o->owned);
		num_or_null(row, "total", o->feasible, o->total);
		num_or_null(row, "npv", o->feasible, o->npv);
		months = cJSON_AddArrayToObject(row, "months");
		for (int m = 1; o->feasible && m <= h->p.months; m++) {
			const struct hz_month *mo = &o->months[m - 1];
			cJSON *mj = cJSON_CreateObject();
			report_json_add_number(mj, "month", m);
			report_json_add_number(mj, "cost", mo->cost);
			report_json_add_number(mj, "cumulative", mo->cumulative);
			if (self) {
				report_json_add_number(mj, "gpus", mo->gpus);
				report_json_add_number(mj, "tensor_parallel", mo->tensor_parallel);
			}
			if (o->owned) {
				cJSON_AddBoolToObject(mj, "rented", mo->rented);
				report_json_add_number(mj, "fleet", mo->fleet);
				report_json_add_number(mj, "purchase", mo->purchase);
				report_json_add_number(mj, "residual", mo->residual);
			}
			cJSON_AddItemToArray(months, mj);
		}
		cJSON_AddItemToArray(opts, row);
	}
	if (h->cheapest >= 0)
		cJSON_AddStringToObject(doc, "cheapest", r->sc->options[h->cheapest].id);
	else
		cJSON_AddNullToObject(doc, "cheapest");
	pairs = cJSON_AddArrayToObject(doc, "pairs");
	for (size_t i = 0; i < h->n_pairs; i++) {
		const struct hz_pair *pr = &h->pairs[i];
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "hosted", r->sc->options[pr->hosted].id);
		cJSON_AddStringToObject(row, "self_hosted", r->sc->options[pr->self_hosted].id);
		num_or_null(row, "crossover_month", pr->has_crossover, pr->crossover_month);
		num_or_null(row, "saving", pr->feasible, pr->saving);
		num_or_null(row, "npv_saving", pr->feasible, pr->npv_saving);
		cJSON_AddItemToArray(pairs, row);
	}
	report_json_emit(out, doc);
}

/* model.md 8.1 */
void report_simulate_json(struct sbuf *out, const struct run *r, const struct sim_report *rep)
{
	static const char *const qnames[SIM_N_QUANTILES] = {"p5", "p10", "p50", "p90", "p95"};
	const struct sim_result *s = rep->s;
	cJSON *doc = doc_new(r), *arr, *v;

	add_inputs(doc, r);
	add_warnings(doc, r);
	add_workload(doc, r->w, r->a->v[A_HOURS_PER_MONTH], context_source(r));
	add_simulation(doc, r, rep->u);
	arr = cJSON_AddArrayToObject(doc, "options");
	for (size_t i = 0; i < s->n_rows; i++) {
		const struct sim_option *o = &s->options[i];
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "id", report_sim_row_id(r, s, i));
		cJSON_AddStringToObject(row, "kind", report_sim_row_kind(r, s, i));
		num_or_null(row, "mean", o->feasible > 0, o->mean);
		for (size_t q = 0; q < SIM_N_QUANTILES; q++)
			num_or_null(row, qnames[q], o->feasible > 0, o->q[q]);
		report_json_add_number(row, "feasible_share", o->feasible_share);
		report_json_add_number(row, "share_cheapest", o->share_cheapest);
		if (o->feasible == 0)
			cJSON_AddStringToObject(row, "reason", "infeasible_in_every_draw");
		/* model.md 7.4: the portfolio, its own object beside the options */
		if (i < s->n_options)
			cJSON_AddItemToArray(arr, row);
		else
			cJSON_AddItemToObject(doc, "portfolio", row);
	}
	arr = cJSON_AddArrayToObject(doc, "pairs");
	for (size_t i = 0; i < s->n_pairs; i++) {
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "hosted", r->sc->options[s->pairs[i].hosted].id);
		cJSON_AddStringToObject(row, "self_hosted", r->sc->options[s->pairs[i].self_hosted].id);
		report_json_add_number(row, "share_self_hosted_cheaper", s->pairs[i].share);
		cJSON_AddItemToArray(arr, row);
	}
	v = cJSON_AddObjectToObject(doc, "verdict");
	if (s->verdict >= 0) {
		cJSON_AddStringToObject(v, "option", report_sim_row_id(r, s, (size_t)s->verdict));
		report_json_add_number(v, "share_cheapest", s->options[s->verdict].share_cheapest);
	} else {
		cJSON_AddNullToObject(v, "option");
		cJSON_AddNullToObject(v, "share_cheapest");
	}
	report_json_emit(out, doc);
}

/* model.md 8.2: the `sensitivity` array of one analysis */
static void add_sensitivity_items(cJSON *obj, const struct run *r, const struct sens_result *s)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, "sensitivity");
	char text[256];

	for (size_t i = 0; i < s->n; i++) {
		const struct sens_item *it = &s->items[i];
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "key", it->r.key);
		cJSON_AddStringToObject(row, "distribution", report_dist_names[it->r.dist]);
		report_json_add_number(row, "base", it->base);
		report_json_add_number(row, "low", it->low);
		report_json_add_number(row, "high", it->high);
		num_or_null(row, "adv_low", it->has_low, it->adv_low);
		num_or_null(row, "adv_high", it->has_high, it->adv_high);
		num_or_null(row, "swing", it->has_swing, it->swing);
		num_or_null(row, "flip", it->has_flip, it->flip);
		if (!it->has_low || !it->has_high) {
			const struct sens_gap *g = it->has_low ? &it->gap_high : &it->gap_low;
			const char *side = report_sens_gap_side(s, g);
			snprintf(text, sizeof(text), "%s_%s_at_%s", strcmp(side, "self-hosted") ? side : "self_hosted",
				 reason_codes[g->reason], it->has_low ? "high" : "low");
			cJSON_AddStringToObject(row, "reason", text);
		}
		if (it->has_flip) {
			cJSON_AddBoolToObject(row, "flip_in_range", it->flip_in_range);
			cJSON_AddBoolToObject(row, "range_past_flip", it->range_past_flip);
			cJSON_AddStringToObject(row, "flip_text", report_flip_sentence(text, sizeof(text), r, s, it));
		}
		cJSON_AddItemToArray(arr, row);
	}
}

/* model.md 8.2; with segments, `portfolio` (7.4): the same figures for
 * adv = total(baseline) - portfolio */
void report_sensitivity_json(struct sbuf *out, const struct run *r, const struct sens_result *s,
			     const struct sens_result *ps)
{
	cJSON *doc = doc_new(r);

	add_inputs(doc, r);
	add_warnings(doc, r);
	add_workload(doc, r->w, r->a->v[A_HOURS_PER_MONTH], context_source(r));
	if (s) {
		cJSON_AddStringToObject(doc, "hosted", r->sc->options[s->hosted].id);
		cJSON_AddStringToObject(doc, "self_hosted", r->sc->options[s->self_hosted].id);
		report_json_add_number(doc, "adv_base", s->adv_base);
		add_sensitivity_items(doc, r, s);
	} else {
		/* no feasible pair: only the portfolio's analysis */
		cJSON_AddNullToObject(doc, "hosted");
		cJSON_AddNullToObject(doc, "self_hosted");
		cJSON_AddNullToObject(doc, "adv_base");
		cJSON_AddArrayToObject(doc, "sensitivity");
	}
	if (ps) {
		cJSON *p = cJSON_AddObjectToObject(doc, "portfolio");
		cJSON_AddStringToObject(p, "baseline", r->sc->options[ps->hosted].id);
		report_json_add_number(p, "adv_base", ps->adv_base);
		add_sensitivity_items(p, r, ps);
	}
	report_json_emit(out, doc);
}
