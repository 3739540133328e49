/*
 * scenario.c - the scenario's names and lifetime, and its resolution into
 * engine inputs (model.md sections 1 and 4). Reading scenario files is
 * load/scenario_load.c's job: nothing here knows YAML.
 */
#include "model/scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strpool.h"
#include "util/suggest.h"

const char *const metric_names[M_COUNT] = {
	[M_MONTHLY_COST] = "monthly_cost",
	[M_COST_PER_MTOK] = "cost_per_mtok",
	[M_BREAKEVEN_TOKENS_PER_MONTH] = "breakeven_tokens_per_month",
	[M_UTILIZATION] = "utilization",
	[M_CHEAPEST_KIND] = "cheapest_kind",
	[M_CHEAPEST_OPTION] = "cheapest_option",
	[M_STALE_PRICES] = "stale_prices",
	[M_MAX_HORIZON_COST] = "max_horizon_cost",
	[M_MAX_CROSSOVER_MONTH] = "max_crossover_month",
	[M_REQUIREMENTS_MET] = "requirements_met",
	[M_MIN_PROBABILITY_CHEAPEST] = "min_probability_cheapest",
	[M_PORTFOLIO_MONTHLY_COST] = "portfolio_monthly_cost",
};

const char *const requirement_keys[RQ_COUNT] = {
	[RQ_MIN_QUALITY_TIER] = "min_quality_tier",
	[RQ_THIRD_PARTY_PROCESSING] = "third_party_processing",
	[RQ_ALLOWED_PROVIDERS] = "allowed_providers",
	[RQ_AVAILABILITY] = "availability",
};

const char *const workload_keys[WK_COUNT] = {
	[WK_INPUT_TOKENS_PER_MONTH] = "input_tokens_per_month",
	[WK_OUTPUT_TOKENS_PER_MONTH] = "output_tokens_per_month",
	[WK_INPUT_TOKENS_PER_DAY] = "input_tokens_per_day",
	[WK_OUTPUT_TOKENS_PER_DAY] = "output_tokens_per_day",
	[WK_REQUESTS_PER_MONTH] = "requests_per_month",
	[WK_REQUESTS_PER_DAY] = "requests_per_day",
	[WK_INPUT_TOKENS_PER_REQUEST] = "input_tokens_per_request",
	[WK_OUTPUT_TOKENS_PER_REQUEST] = "output_tokens_per_request",
	[WK_CACHED_INPUT_FRACTION] = "cached_input_fraction",
	[WK_BATCH_FRACTION] = "batch_fraction",
	[WK_PEAK_TO_AVERAGE] = "peak_to_average",
	[WK_CONTEXT_TOKENS] = "context_tokens",
	[WK_MIN_OUTPUT_TPS_PER_USER] = "min_output_tokens_per_s_per_user",
	[WK_CACHE_WRITE_FRACTION] = "cache_write_fraction",
};

/* Valid range of each workload key. */
static const struct {
	double lo, hi;
	bool lo_open;
} workload_range[WK_COUNT] = {
	[WK_INPUT_TOKENS_PER_MONTH] = {0, WORKLOAD_MAX_TOKENS_PER_MONTH, false},
	[WK_OUTPUT_TOKENS_PER_MONTH] = {0, WORKLOAD_MAX_TOKENS_PER_MONTH, false},
	[WK_INPUT_TOKENS_PER_DAY] = {0, 1e17, false},
	[WK_OUTPUT_TOKENS_PER_DAY] = {0, 1e17, false},
	[WK_REQUESTS_PER_MONTH] = {0, 1e15, false},
	[WK_REQUESTS_PER_DAY] = {0, 1e14, false},
	[WK_INPUT_TOKENS_PER_REQUEST] = {0, 1e9, false},
	[WK_OUTPUT_TOKENS_PER_REQUEST] = {0, 1e9, false},
	[WK_CACHED_INPUT_FRACTION] = {0, 1, false},
	[WK_BATCH_FRACTION] = {0, 1, false},
	[WK_CACHE_WRITE_FRACTION] = {0, 1, false},
	[WK_PEAK_TO_AVERAGE] = {1, 1e6, false},
	[WK_CONTEXT_TOKENS] = {0, 1e9, true},
	[WK_MIN_OUTPUT_TPS_PER_USER] = {0, 1e6, false},
};

void workload_key_range(int k, double *lo, double *hi, bool *lo_open)
{
	*lo = workload_range[k].lo;
	*hi = workload_range[k].hi;
	*lo_open = workload_range[k].lo_open;
}

void scenario_release(struct scenario *sc)
{
	free(sc->options);
	free(sc->option_locs);
	free(sc->thresholds);
	for (size_t i = 0; i < sc->n_segments; i++)
		free(sc->segments[i].options);
	free(sc->segments);
	uncertainty_release(&sc->uncertainty);
	free(sc->providers);
	strpool_free(sc->pool);
	memset(sc, 0, sizeof(*sc));
}

void option_format_id(struct option_spec *o)
{
	char n[24] = "";

	/* interface.md ids; model.md 7.2 appends ~hourly, 7.3 names the base,
	 * "+KIND:ID" of the overflow and "*N" for a fixed replica count */
	if (o->kind == OPT_HYBRID && o->replicas)
		snprintf(n, sizeof(n), "*%d", o->replicas);
	if (engine_self_hosts(o->kind))
		snprintf(o->id, sizeof(o->id), "%s:%s@%s:%s:%s%s%s%s%s%s%s%s",
			 option_kind_names[o->kind], o->model->id, o->gpu->id,
			 precision_names[o->precision], pricing_names[o->pricing],
			 o->provider ? "/" : "", o->provider ? o->provider : "",
			 o->scaling == SCALING_HOURLY ? "~hourly" : "",
			 o->kind == OPT_HYBRID ? "+" : "",
			 o->kind == OPT_HYBRID ? (o->api->kind == KIND_MANAGED ? "managed:" : "api:") : "",
			 o->kind == OPT_HYBRID ? o->api->id : "", n);
	else
		snprintf(o->id, sizeof(o->id), "%s:%s", o->kind == OPT_API ? "api" : "managed",
			 o->api->id);
}

enum status scenario_option_ref(const struct scenario *sc, const char *id, const struct loc *at,
				struct diag *d)
{
	const char *ids[256];
	size_t n = sc->n_options < 256 ? sc->n_options : 256;
	char hint[300];

	for (size_t i = 0; i < sc->n_options; i++) {
		if (strcmp(sc->options[i].id, id) == 0)
			return ST_OK;
	}
	for (size_t i = 0; i < n; i++)
		ids[i] = sc->options[i].id;
	return diag_set(d, ST_INPUT, at->file, at->line, at->col, "unknown option '%s'%s", id,
			suggest_hint(hint, sizeof(hint), id, ids, n));
}

void scenario_assumptions(struct assumptions *a, const struct scenario *sc,
			  const struct catalog *cat)
{
	assumptions_defaults(a);
	for (size_t i = 0; i < cat->n_files; i++)
		assumptions_apply(a, &cat->defaults[i].set, cat->defaults[i].source);
	for (int k = 0; k < A_COUNT; k++) {
		if (sc->assumptions.given[k]) {
			a->v[k] = sc->assumptions.v[k];
			a->source[k] = sc->assumptions.loc[k].line ? "scenario" : "set";
		}
	}
}

/* model.md 1: the workload of keys g/v (volume when has_volume), shaped
 * by `profile` (NULL: peak_to_average and the one-peak-hour shape) */
static void resolve_workload(struct workload *w, const struct scenario *sc, const bool *g,
			     const double *v, bool has_volume, const struct profile *profile,
			     const struct assumptions *a)
{
	double days = a->v[A_HOURS_PER_MONTH] / 24; /* model.md: a day is 24 hours */

	memset(w, 0, sizeof(*w));
	if (!has_volume) {
		/* no volume (SC_PARTIAL): zero tokens, the shape keys still apply */
	} else if (g[WK_INPUT_TOKENS_PER_MONTH]) {
		w->t_in = v[WK_INPUT_TOKENS_PER_MONTH];
		w->t_out = v[WK_OUTPUT_TOKENS_PER_MONTH];
	} else if (g[WK_INPUT_TOKENS_PER_DAY]) {
		w->t_in = v[WK_INPUT_TOKENS_PER_DAY] * days;
		w->t_out = v[WK_OUTPUT_TOKENS_PER_DAY] * days;
	} else {
		w->has_requests = true;
		w->requests = g[WK_REQUESTS_PER_MONTH] ? v[WK_REQUESTS_PER_MONTH]
						       : v[WK_REQUESTS_PER_DAY] * days;
		w->in_per_request = v[WK_INPUT_TOKENS_PER_REQUEST];
		w->out_per_request = v[WK_OUTPUT_TOKENS_PER_REQUEST];
		w->t_in = w->requests * w->in_per_request;
		w->t_out = w->requests * w->out_per_request;
	}
	w->cached_input_fraction = g[WK_CACHED_INPUT_FRACTION] ? v[WK_CACHED_INPUT_FRACTION] : 0;
	w->batch_fraction = g[WK_BATCH_FRACTION] ? v[WK_BATCH_FRACTION] : 0;
	w->cache_write_fraction = g[WK_CACHE_WRITE_FRACTION] ? v[WK_CACHE_WRITE_FRACTION] : 0;
	w->peak_to_average = g[WK_PEAK_TO_AVERAGE] ? v[WK_PEAK_TO_AVERAGE] : 1;
	if (profile) {
		/* model.md 7.1: with a profile, peak_to_average is max L */
		w->profile = *profile;
		w->peak_to_average = profile_peak(profile);
	}
	w->min_output_tps_per_user = g[WK_MIN_OUTPUT_TPS_PER_USER] ? v[WK_MIN_OUTPUT_TPS_PER_USER] : 0;
	w->req = sc->req;
	/* model.md 1: context defaults to input + output / 2 per request */
	if (g[WK_CONTEXT_TOKENS])
		w->context_tokens = v[WK_CONTEXT_TOKENS];
	else if (w->has_requests)
		w->context_tokens = w->in_per_request + w->out_per_request / 2;
	else
		w->context_tokens = a->v[A_DEFAULT_CONTEXT_TOKENS];
}

const struct profile *scenario_segment_profile(const struct scenario *sc, size_t i)
{
	const struct segment *s = &sc->segments[i];

	/* the shape is one setting: the segment's profile, else its own
	 * peak_to_average (no profile), else the top level's */
	if (s->has_profile)
		return &s->profile;
	if (s->given[WK_PEAK_TO_AVERAGE] || !sc->has_profile)
		return NULL;
	return &sc->profile;
}

void scenario_segment_workload(struct workload *w, const struct scenario *sc, size_t i,
			       const struct assumptions *a)
{
	const struct segment *s = &sc->segments[i];
	bool g[WK_COUNT];
	double v[WK_COUNT];

	/* model.md 7.4: the segment's keys, the others from the top level
	 * (which has no volume keys when it has segments) */
	for (int k = 0; k < WK_COUNT; k++) {
		g[k] = s->given[k] || sc->given[k];
		v[k] = s->given[k] ? s->wv[k] : sc->wv[k];
	}
	resolve_workload(w, sc, g, v, true, scenario_segment_profile(sc, i), a);
}

void scenario_workload(struct workload *w, const struct scenario *sc,
		       const struct assumptions *a)
{
	double cached = 0, write = 0, batch = 0;
	struct workload t;

	resolve_workload(w, sc, sc->given, sc->wv, sc->has_workload && !sc->n_segments,
			 sc->has_profile ? &sc->profile : NULL, a);
	if (!sc->n_segments)
		return;
	/* model.md 7.4: the whole workload, in token form */
	for (size_t i = 0; i < sc->n_segments; i++) {
		scenario_segment_workload(&t, sc, i, a);
		w->t_in += t.t_in;
		w->t_out += t.t_out;
		cached += t.cached_input_fraction * t.t_in;
		write += t.cache_write_fraction * t.t_in;
		batch += t.batch_fraction * (t.t_in + t.t_out);
	}
	/* cached input is a share of input tokens, batch a share of all */
	w->cached_input_fraction = w->t_in > 0 ? cached / w->t_in : 0;
	w->cache_write_fraction = w->t_in > 0 ? write / w->t_in : 0;
	w->batch_fraction = w->t_in + w->t_out > 0 ? batch / (w->t_in + w->t_out) : 0;
}
