/*
 * report_text.c - `compare` and `size` as aligned tables for people,
 * markdown for pull requests, and CSV for spreadsheets.
 *
 * Tables round and group figures; CSV prints them raw (shortest round-trip
 * form, '.' decimals, no separators). No arithmetic beyond presentation.
 */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/grid.h"
#include "util/num.h"

static const char *money(char *buf, size_t size, const struct run *r, double v)
{
	return num_money(buf, size, v, r->cat->currency);
}

/* Whether workload key `k` came from the user's scenario file or flags,
 * not from the built-in default scenario nor left unset. */
static bool from_user(const struct scenario *sc, int k)
{
	return sc->given[k] && !(sc->wloc[k].line && sc->wloc[k].file &&
				 strncmp(sc->wloc[k].file, "builtin:", 8) == 0);
}

static void workload_line(struct sbuf *out, const struct run *r)
{
	const struct workload *w = r->w;
	char a[32], b[32], c[32];

	sbuf_printf(out, "%s input + %s output tokens/month", num_si(a, sizeof(a), w->t_in),
		    num_si(b, sizeof(b), w->t_out));
	if (w->has_requests)
		sbuf_printf(out, " (%s requests of %s + %s tokens)", num_si(c, sizeof(c), w->requests),
			    num_grouped(a, sizeof(a), w->in_per_request, 0),
			    num_grouped(b, sizeof(b), w->out_per_request, 0));
	if (w->profile.shape != PROFILE_NONE)
		sbuf_printf(out, ", %s profile (peak %sx average)", profile_names[w->profile.shape],
			    num_grouped(a, sizeof(a), w->peak_to_average, 2));
	else
		sbuf_printf(out, ", peak %sx average%s", num_shortest(a, sizeof(a), w->peak_to_average),
			    from_user(r->sc, WK_PEAK_TO_AVERAGE) ? "" : " (default)");
	/* the KV cache per sequence decides a self-hosted option's batch */
	for (size_t i = 0; i < r->sc->n_options; i++) {
		if (r->sc->options[i].kind == OPT_SELF_HOSTED) {
			sbuf_printf(out, ", %s tokens of context per sequence%s",
				    num_grouped(a, sizeof(a), w->context_tokens, 0),
				    from_user(r->sc, WK_CONTEXT_TOKENS) ? ""
				    : w->has_requests	  ? " (input + output / 2 per request)"
							  : " (default)");
			/* so is its precision: fp8 holds twice the sequences */
			sbuf_printf(out, ", %s KV cache%s",
				    precision_names[(int)r->a->v[A_KV_CACHE_PRECISION]],
				    strcmp(r->a->source[A_KV_CACHE_PRECISION], "default") == 0 ? " (default)"
											 : "");
			break;
		}
	}
	if (w->cached_input_fraction > 0)
		sbuf_printf(out, ", %s%% cached input",
			    num_shortest(a, sizeof(a), w->cached_input_fraction * 100));
	if (w->cache_write_fraction > 0)
		sbuf_printf(out, ", %s%% cache writes",
			    num_shortest(a, sizeof(a), w->cache_write_fraction * 100));
	if (w->batch_fraction > 0)
		sbuf_printf(out, ", %s%% batch", num_shortest(a, sizeof(a), w->batch_fraction * 100));
	if (w->min_output_tps_per_user > 0)
		sbuf_printf(out, ", SLO %s tokens/s per user",
			    num_shortest(a, sizeof(a), w->min_output_tps_per_user));
}

/* ", lambda $2.99/h x8; 7 offers $1.29-$6.88/h": the row used (its
 * instance size when above one GPU) and the spread of the mode's rows
 * (model.md 3.4) */
static void price_text(char *buf, size_t size, const struct run *r,
		       const struct option_result *res)
{
	const struct gpu_price *row = res->price, *lo = NULL, *hi = NULL;
	char inst[32] = "", spread[96] = "", a[48], b[48];

	if (row->instance_gpus > 1)
		snprintf(inst, sizeof(inst), " x%s", num_grouped(a, sizeof(a), row->instance_gpus, 0));
	for (size_t i = 0; i < res->n_alternatives; i++) {
		const struct gpu_price *p = res->alternatives[i].row;
		if (!lo || p->per_gpu_hour < lo->per_gpu_hour)
			lo = p;
		if (!hi || p->per_gpu_hour > hi->per_gpu_hour)
			hi = p;
	}
	if (res->n_alternatives_total > 1)
		snprintf(spread, sizeof(spread), "; %zu offers %s-%s/h", res->n_alternatives_total,
			 money(a, sizeof(a), r, lo->per_gpu_hour), money(b, sizeof(b), r, hi->per_gpu_hour));
	snprintf(buf, size, ", %s %s/h%s%s", row->provider,
		 money((char[48]){0}, 48, r, res->per_gpu_hour), inst, spread);
}

/* "2 x NVIDIA H100 SXM (tp 1 x 2 replicas), batch 2, lambda $2.99/h"; an
 * autoscaled option shows its range over the week ("tp 1 x 1-3 hourly"), a
 * hybrid the hosted overflow ("+ overflow") */
static void sizing_text(char *buf, size_t size, const struct run *r, const struct option_spec *o,
			const struct option_result *res)
{
	char gpus[32], batch[32], price[160] = "", spares[64] = "", reps[48];
	bool hourly = o->kind == OPT_SELF_HOSTED && o->scaling == SCALING_HOURLY;

	if (!engine_self_hosts(o->kind) || !res->feasible) {
		snprintf(buf, size, "%s", "");
		return;
	}
	if (res->price)
		price_text(price, sizeof(price), r, res);
	/* model.md 10: "+1 spare for 99.9%" */
	if (r->w->req.availability > 0 && res->spare_replicas > 0)
		snprintf(spares, sizeof(spares), ", +%s spare%s for %s",
			 num_grouped(gpus, sizeof(gpus), res->spare_replicas, 0),
			 res->spare_replicas == 1 ? "" : "s",
			 report_availability(batch, sizeof(batch), r->w->req.availability));
	else if (r->w->req.availability > 0)
		snprintf(spares, sizeof(spares), ", no spare needed for %s",
			 report_availability(batch, sizeof(batch), r->w->req.availability));
	else if (res->spare_replicas > 0)
		snprintf(spares, sizeof(spares), ", +%s spare%s",
			 num_grouped(gpus, sizeof(gpus), res->spare_replicas, 0),
			 res->spare_replicas == 1 ? "" : "s");
	if (hourly)
		snprintf(reps, sizeof(reps), "%s-%s hourly",
			 num_grouped((char[32]){0}, 32, res->replicas_min, 0),
			 num_grouped((char[32]){0}, 32, res->replicas_max, 0));
	else
		num_grouped(reps, sizeof(reps), res->replicas, 0);
	snprintf(buf, size, "%s%s x %s (tp %d x %s%s), batch %s%s%s%s",
		 hourly ? "up to " : "", num_grouped(gpus, sizeof(gpus), res->gpus, 0), o->gpu->name,
		 res->tensor_parallel, reps, spares, num_grouped(batch, sizeof(batch), res->rep.batch, 0),
		 res->rep.measured ? ", measured" : "", price,
		 o->kind == OPT_HYBRID ? " + overflow" : "");
}

/* model.md 7.3, how a hybrid's load splits: "18 of 24 weekday hours
 * in-house, 71% of tokens; overflow to gpt-4o $1,240/month" */
static void split_text(struct sbuf *out, const struct run *r, const struct option_spec *o,
		       const struct option_result *res)
{
	char a[32], m[48];

	sbuf_printf(out, "%d of 24 weekday hours in-house, ", res->weekday_hours_in_house);
	if (res->has_self_served_share)
		sbuf_printf(out, "%s%% of tokens", num_grouped(a, sizeof(a), res->self_served_share * 100, 0));
	else
		sbuf_printf(out, "no tokens");
	sbuf_printf(out, "; overflow to %s %s/month", o->api->id, money(m, sizeof(m), r, res->overflow));
}

static void components_text(struct sbuf *out, const struct run *r, const struct option_spec *o,
			    const struct option_result *res)
{
	char m[48];
	struct part {
		const char *name;
		double v;
		bool show;
	} parts[11];
	size_t n = 0;
	bool first = true;

	if (!engine_self_hosts(o->kind)) {
		const struct api_cost *c = &res->api;
		parts[n++] = (struct part){"input", c->input, true};
		parts[n++] = (struct part){"cached input", c->cached_input, c->cached_input > 0};
		parts[n++] = (struct part){"cache write", c->cache_write, c->cache_write > 0};
		parts[n++] = (struct part){"output", c->output, true};
		parts[n++] = (struct part){"batch savings", -c->batch_savings, c->batch_savings > 0};
		parts[n++] = (struct part){"fixed", c->fixed, c->fixed > 0};
	} else {
		const struct sh_cost *c = &res->sh;
		bool owned = o->pricing == PRICE_OWNED;
		parts[n++] = (struct part){"gpu", c->gpu, !owned};
		parts[n++] = (struct part){"depreciation", c->depreciation, owned};
		parts[n++] = (struct part){"power", c->power, owned};
		parts[n++] = (struct part){"colocation", c->colocation, owned && c->colocation > 0};
		parts[n++] = (struct part){"engineering", c->engineering, c->engineering > 0};
		parts[n++] = (struct part){"infrastructure", c->infrastructure, c->infrastructure > 0};
		parts[n++] = (struct part){"monitoring", c->monitoring, c->monitoring > 0};
		parts[n++] = (struct part){"model updates", c->model_updates, c->model_updates > 0};
		parts[n++] = (struct part){"setup", c->setup, c->setup > 0};
		parts[n++] = (struct part){"overflow", res->overflow, o->kind == OPT_HYBRID};
	}
	for (size_t i = 0; i < n; i++) {
		if (!parts[i].show)
			continue;
		sbuf_printf(out, "%s%s %s", first ? "" : parts[i].v < 0 ? " - " : " + ", parts[i].name,
			    money(m, sizeof(m), r, fabs(parts[i].v)));
		first = false;
	}
}

/* " (lambda on_demand at $2.99/GPU-hour)": the price row a rented
 * self-hosted result uses, "" for owned GPUs. Returns buf. */
static const char *price_row_text(char *buf, size_t size, const struct run *r,
				  const struct option_result *res)
{
	char m[48];

	if (!res->price) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	snprintf(buf, size, " (%s %s at %s/GPU-hour)", res->price->provider,
		 pricing_names[res->price->mode], money(m, sizeof(m), r, res->per_gpu_hour));
	return buf;
}

/* " (tier 2)" after an option's id when tiers are in play, else "" */
static const char *tier_tag(char *buf, size_t size, const struct run *r,
			    const struct option_spec *o, const struct verdict *v)
{
	double t = option_quality_tier(o, r->cat, NULL);

	if (!cat_has(v->best_tier) && !(r->w->req.min_quality_tier > 0))
		snprintf(buf, size, "%s", "");
	else if (cat_has(t))
		snprintf(buf, size, " (tier %d)", (int)t);
	else
		snprintf(buf, size, " (no tier)");
	return buf;
}

void report_verdict_sentence(struct sbuf *out, const struct run *r,
			     const struct compare_result *c, const struct verdict *v)
{
	const struct option_spec *opts = r->sc->options, *bo;
	const struct option_result *best;
	char a[48], b[48], u[32], t[32], p[160];

	if (v->reason == VR_NONE_MEETS) {
		sbuf_printf(out, "no option meets the requirements: %zu of %zu %s excluded", v->excluded,
			    c->n, v->excluded == 1 ? "is" : "are");
		if (v->excluded < c->n)
			sbuf_printf(out, " and the rest cannot run");
		sbuf_printf(out, ".");
		return;
	}
	if (v->reason == VR_NONE_FEASIBLE) {
		sbuf_printf(out, "no option is feasible for this workload.");
		return;
	}
	bo = &opts[v->cheapest];
	best = &c->results[v->cheapest];
	sbuf_printf(out, "%s%s is cheapest%s at %s/month", bo->id, tier_tag(t, sizeof(t), r, bo, v),
		    v->excluded ? " of the options meeting the requirements" : "",
		    money(a, sizeof(a), r, best->total));
	if (v->runner_up >= 0)
		sbuf_printf(out, ", %s (%s%%) less than %s%s", money(a, sizeof(a), r, v->margin),
			    num_grouped(u, sizeof(u), v->margin_share * 100, 0), opts[v->runner_up].id,
			    tier_tag(t, sizeof(t), r, &opts[v->runner_up], v));
	if (engine_self_hosts(bo->kind)) {
		sbuf_printf(out, ": at this volume its %s GPU%s%s %s %s%% busy, spreading the fixed costs",
			    num_grouped(a, sizeof(a), best->gpus, 0), best->gpus == 1 ? "" : "s",
			    price_row_text(p, sizeof(p), r, best), best->gpus == 1 ? "runs" : "run",
			    num_grouped(u, sizeof(u), best->utilization * 100, 0));
	} else {
		/* the cheapest feasible self-hosted option explains why it loses */
		for (size_t i = 1; i < c->n; i++) {
			const struct option_result *s = &c->results[c->order[i]];
			const struct option_spec *so = &opts[c->order[i]];
			double fixed;
			if (!engine_self_hosts(so->kind) || !s->feasible)
				continue;
			fixed = s->sh.engineering + s->sh.infrastructure + s->sh.monitoring +
				s->sh.model_updates + s->sh.setup;
			sbuf_printf(out, "; self-hosting %s needs %s/month before any hardware, and its %s GPU%s%s would be %s%% busy",
				    so->model->id, money(a, sizeof(a), r, fixed),
				    num_grouped(b, sizeof(b), s->gpus, 0), s->gpus == 1 ? "" : "s",
				    price_row_text(p, sizeof(p), r, s),
				    num_grouped(u, sizeof(u), s->utilization * 100, 0));
			break;
		}
	}
	sbuf_printf(out, ".");
	/* model.md 10: options of different quality are never compared
	 * silently */
	if (v->reason == VR_LOWER_TIER) {
		const struct option_spec *q = &opts[v->best_cheapest];
		sbuf_printf(out, " They are not alike in quality: at tier %d, %s is cheapest at %s/month", (int)v->best_tier,
			    q->id, money(a, sizeof(a), r, c->results[v->best_cheapest].total));
		if (v->best_runner_up >= 0)
			sbuf_printf(out, ", beating %s at %s/month", opts[v->best_runner_up].id,
				    money(b, sizeof(b), r, c->results[v->best_runner_up].total));
		sbuf_printf(out, ".");
	}
}

void report_requirements_line(struct sbuf *out, const struct run *r)
{
	const struct requirements *q = &r->w->req;
	const char *sep = "";
	char a[48];
	size_t excluded = 0;

	if (!requirements_any(q))
		return;
	sbuf_printf(out, "Requirements: ");
	if (q->min_quality_tier > 0) {
		sbuf_printf(out, "quality tier %d or better", (int)q->min_quality_tier);
		sep = ", ";
	}
	if (q->third_party_forbidden) {
		sbuf_printf(out, "%sno third-party processing", sep);
		sep = ", ";
	}
	if (q->allowed_providers) {
		sbuf_printf(out, "%shosted by ", sep);
		for (size_t i = 0; i < q->n_allowed_providers; i++)
			sbuf_printf(out, "%s%s", i ? (i + 1 == q->n_allowed_providers ? " or " : ", ") : "",
				    q->allowed_providers[i]);
		sep = ", ";
	}
	if (q->availability > 0)
		sbuf_printf(out, "%savailability %s (self-hosted spares from the binomial rule at "
			    "replica_availability %s; hosted options are assumed to meet it: check "
			    "their SLA)",
			    sep, report_availability(a, sizeof(a), q->availability),
			    report_availability((char[48]){0}, 48, r->a->v[A_REPLICA_AVAILABILITY]));
	/* the same exclusions the engine applied, by name */
	for (size_t i = 0; i < r->sc->n_options; i++) {
		enum reason why = requirements_exclusion(q, &r->sc->options[i], r->cat);
		if (why == R_NONE)
			continue;
		sbuf_printf(out, "%s%s (%s)", excluded++ ? ", " : "; excluded: ", r->sc->options[i].id,
			    reason_codes[why]);
	}
	sbuf_printf(out, "%s.\n", excluded ? "" : "; no option excluded");
}

/* "Verdict: ..." and the requirements line */
static void verdict(struct sbuf *out, const struct run *r, const struct compare_result *c)
{
	struct verdict v;
	char a[32], b[32];

	compare_verdict(&v, c, r->sc->options, r->w, r->cat);
	if (v.cheapest >= 0)
		sbuf_printf(out, "Verdict at %s input + %s output tokens/month: ",
			    num_si(a, sizeof(a), r->w->t_in), num_si(b, sizeof(b), r->w->t_out));
	else
		sbuf_printf(out, "Verdict: ");
	report_verdict_sentence(out, r, c, &v);
	sbuf_printf(out, "\n");
	report_requirements_line(out, r);
}

static const char *const table_heads[] = {"", "option", "monthly", "per 1M tok", "sizing", "util"};
static const bool table_right[] = {false, false, true, true, false, true};

static void compare_grid(struct grid *g, const struct run *r, const struct compare_result *c)
{
	grid_init(g, table_heads, table_right, 6);
	for (size_t i = 0; i < c->n; i++) {
		size_t k = r->rows ? r->rows[i] : c->order[i];
		const struct option_spec *o = &r->sc->options[k];
		const struct option_result *res = &c->results[k];
		char m[48], p[48], s[384], u[32];

		grid_cell(g, "%s", k == c->order[0] && res->feasible ? "*" : "");
		grid_cell(g, "%s", o->id);
		if (!res->feasible) {
			grid_cell(g, "-");
			grid_cell(g, "-");
			grid_cell(g, "infeasible: %s", reason_codes[res->reason]);
			grid_cell(g, "-");
			continue;
		}
		grid_cell(g, "%s", money(m, sizeof(m), r, res->total));
		grid_cell(g, "%s", res->has_cost_per_mtok ? money(p, sizeof(p), r, res->cost_per_mtok) : "-");
		sizing_text(s, sizeof(s), r, o, res);
		grid_cell(g, "%s", s);
		if (engine_self_hosts(o->kind))
			grid_cell(g, "%s%%", num_grouped(u, sizeof(u), res->utilization * 100, 0));
		else
			grid_cell(g, "%s", "");
	}
}

static const char *const csv_heads[] = {
	"id", "kind", REPORT_OPTION_PART_HEADS, "feasible", "reason", "total", "cost_per_mtok", "input", "cached_input", "cache_write",
	"output", "batch_savings", "fixed", "gpu", "depreciation", "power", "colocation",
	"engineering", "infrastructure", "monitoring", "model_updates", "setup", "tensor_parallel",
	"replicas", "gpus", "batch", "decode_tokens_per_s", "prefill_tokens_per_s",
	"throughput_source", "calibration_factor", "utilization", "per_gpu_hour",
	"quality_tier", "spare_replicas", "availability",
	"scaling", "replicas_min", "replicas_max", "gpu_hours_per_month", "overflow",
	"overflow_tokens_per_month", "self_served_share", "portfolio_choice"};

static void compare_csv(struct sbuf *out, const struct run *r, const struct compare_result *c)
{
	struct grid g;

	grid_init(&g, csv_heads, NULL, sizeof(csv_heads) / sizeof(csv_heads[0]));
	for (size_t i = 0; i < c->n; i++) {
		size_t k = r->rows ? r->rows[i] : c->order[i];
		const struct option_spec *o = &r->sc->options[k];
		const struct option_result *x = &c->results[k];
		bool api = !engine_self_hosts(o->kind), ok = x->feasible;
		bool sh = !api && ok, owned = o->pricing == PRICE_OWNED;
		bool hourly = sh && o->kind == OPT_SELF_HOSTED && o->scaling == SCALING_HOURLY;
		bool hybrid = sh && o->kind == OPT_HYBRID;
		char b[40];

		grid_cell(&g, "%s", o->id);
		grid_cell(&g, "%s", option_kind_names[o->kind]);
		report_option_parts(&g, r, o, x);
		grid_cell(&g, "%s", ok ? "true" : "false");
		grid_cell(&g, "%s", reason_codes[x->reason]);
		grid_cell(&g, "%s", report_raw(b, sizeof(b), ok, x->total));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), x->has_cost_per_mtok, x->cost_per_mtok));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), api && ok, x->api.input));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), api && ok, x->api.cached_input));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), api && ok, x->api.cache_write));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), api && ok, x->api.output));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), api && ok, x->api.batch_savings));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), api && ok, x->api.fixed));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh && !owned, x->sh.gpu));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh && owned, x->sh.depreciation));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh && owned, x->sh.power));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh && owned, x->sh.colocation));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->sh.engineering));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->sh.infrastructure));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->sh.monitoring));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->sh.model_updates));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->sh.setup));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->tensor_parallel));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->replicas));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->gpus));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->rep.batch));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->rep.decode_tps));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->rep.prefill_tps));
		grid_cell(&g, "%s", sh ? (x->rep.measured ? "measured" : "roofline") : "");
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->rep.calibration_factor));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->utilization));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), x->price != NULL, x->per_gpu_hour));
		{
			double tier = option_quality_tier(o, r->cat, NULL);
			grid_cell(&g, "%s", report_raw(b, sizeof(b), cat_has(tier), tier));
		}
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh, x->spare_replicas));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), sh && engine_has_availability(o), x->availability));
		grid_cell(&g, "%s", o->kind == OPT_SELF_HOSTED ? (o->scaling == SCALING_HOURLY ? "hourly" : "static") : "");
		grid_cell(&g, "%s", report_raw(b, sizeof(b), hourly, x->replicas_min));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), hourly, x->replicas_max));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), hourly, x->gpu_hours));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), hybrid, x->overflow));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), hybrid, x->overflow_tokens));
		grid_cell(&g, "%s", report_raw(b, sizeof(b), hybrid && x->has_self_served_share, x->self_served_share));
		grid_cell(&g, "%s", "");
	}
	report_portfolio_csv(&g, sizeof(csv_heads) / sizeof(csv_heads[0]), r, c);
	grid_csv(out, &g);
	grid_release(&g);
}

/* The listing row of the cheapest option, or -1 when none is feasible. */
static long cheapest_row(const struct run *r, const struct compare_result *c)
{
	if (!c->n || !c->results[c->order[0]].feasible)
		return -1;
	for (size_t i = 0; r->rows && i < c->n; i++) {
		if (r->rows[i] == c->order[0])
			return (long)i;
	}
	return 0;
}

/* What the header calls the scenario: its name, unless --api/--self-host
 * replaced the built-in scenario's options (then only its workload is
 * "default"). */
static const char *scenario_title(const struct run *r)
{
	if (r->sc->options_replaced)
		return "options from the command line";
	return r->sc->name ? r->sc->name : "scenario";
}

void report_compare_text(struct sbuf *out, enum format fmt, const struct run *r,
			 const struct compare_result *c)
{
	struct grid g;
	const char *title = scenario_title(r);

	if (fmt == FMT_CSV) {
		compare_csv(out, r, c);
		return;
	}
	compare_grid(&g, r, c);
	if (fmt == FMT_MARKDOWN) {
		sbuf_printf(out, "### llmtco: %s\n\n", title);
		workload_line(out, r);
		sbuf_printf(out, "\n\n");
		grid_markdown(out, &g);
		sbuf_printf(out, "\n");
		for (size_t i = 0; i < c->n; i++) {
			size_t k = c->order[i];
			if (r->sc->options[k].kind != OPT_HYBRID || !c->results[k].feasible)
				continue;
			sbuf_printf(out, "- `%s`: ", r->sc->options[k].id);
			split_text(out, r, &r->sc->options[k], &c->results[k]);
			sbuf_printf(out, "\n");
		}
		report_portfolio_text(out, fmt, r, c);
		sbuf_printf(out, "%s", c->portfolio ? "\n" : "");
		verdict(out, r, c);
		grid_release(&g);
		return;
	}
	sbuf_printf(out, "%s: ", title);
	workload_line(out, r);
	sbuf_printf(out, "\n\n");
	grid_text(out, &g, 2, cheapest_row(r, c), r->color);
	/* nothing to break down when every option is infeasible (all
	 * excluded by the requirements, say) */
	if (cheapest_row(r, c) >= 0)
		sbuf_printf(out, "\nMonthly cost components:\n");
	for (size_t i = 0; i < c->n; i++) {
		size_t k = r->rows ? r->rows[i] : c->order[i];
		if (!c->results[k].feasible)
			continue;
		sbuf_printf(out, "  %s: ", r->sc->options[k].id);
		components_text(out, r, &r->sc->options[k], &c->results[k]);
		sbuf_printf(out, "\n");
		if (r->sc->options[k].kind == OPT_HYBRID) {
			sbuf_printf(out, "    split: ");
			split_text(out, r, &r->sc->options[k], &c->results[k]);
			sbuf_printf(out, "\n");
		}
	}
	report_portfolio_text(out, fmt, r, c);
	sbuf_printf(out, "\n");
	verdict(out, r, c);
	grid_release(&g);
}

/* ---- size ---------------------------------------------------------------- */

static const char *const size_heads[] = {"gpu", "tp", "fits", "batch", "decode tok/s (1 user)",
					 "decode tok/s (batch)", "prefill tok/s", "source"};
static const bool size_right[] = {false, true, false, true, true, true, true, false};

static const char *const size_csv_heads[] = {
	"gpu", "precision", "tensor_parallel", "fits", "reason", "weights_gb", "kv_bytes_per_token",
	"batch", "decode_tokens_per_s", "decode_tokens_per_s_single", "prefill_tokens_per_s",
	"throughput_source", "calibration_factor"};

void report_size_text(struct sbuf *out, enum format fmt, const struct run *r,
		      const struct size_result *s)
{
	struct grid g;
	char a[48], b[48], c[48];

	if (fmt == FMT_CSV) {
		grid_init(&g, size_csv_heads, NULL, sizeof(size_csv_heads) / sizeof(size_csv_heads[0]));
		for (size_t i = 0; i < s->n; i++) {
			const struct size_config *x = &s->configs[i];
			bool f = x->rep.fits;
			grid_cell(&g, "%s", x->gpu->id);
			grid_cell(&g, "%s", precision_names[s->precision]);
			grid_cell(&g, "%d", x->tensor_parallel);
			grid_cell(&g, "%s", f ? "true" : "false");
			grid_cell(&g, "%s", reason_codes[x->rep.reason]);
			grid_cell(&g, "%s", report_raw(a, sizeof(a), true, x->rep.weights_bytes / 1e9));
			grid_cell(&g, "%s", report_raw(a, sizeof(a), true, x->rep.kv_bytes_per_token));
			grid_cell(&g, "%s", report_raw(a, sizeof(a), true, x->rep.batch));
			grid_cell(&g, "%s", report_raw(a, sizeof(a), f, x->rep.decode_tps));
			grid_cell(&g, "%s", report_raw(a, sizeof(a), f, x->rep.decode_tps_single));
			grid_cell(&g, "%s", report_raw(a, sizeof(a), f, x->rep.prefill_tps));
			grid_cell(&g, "%s", f ? (x->rep.measured ? "measured" : "roofline") : "");
			grid_cell(&g, "%s", report_raw(a, sizeof(a), f, x->rep.calibration_factor));
		}
		grid_csv(out, &g);
		grid_release(&g);
		return;
	}
	grid_init(&g, size_heads, size_right, 8);
	for (size_t i = 0; i < s->n; i++) {
		const struct size_config *x = &s->configs[i];
		grid_cell(&g, "%s", x->gpu->id);
		grid_cell(&g, "%d", x->tensor_parallel);
		if (!x->rep.fits) {
			grid_cell(&g, "no: %s", reason_codes[x->rep.reason]);
			for (int k = 0; k < 5; k++)
				grid_cell(&g, "-");
			continue;
		}
		grid_cell(&g, "yes");
		grid_cell(&g, "%s", num_grouped(a, sizeof(a), x->rep.batch, 0));
		grid_cell(&g, "%s", num_grouped(a, sizeof(a), x->rep.decode_tps_single, 1));
		grid_cell(&g, "%s", num_grouped(a, sizeof(a), x->rep.decode_tps, 0));
		grid_cell(&g, "%s", num_grouped(a, sizeof(a), x->rep.prefill_tps, 0));
		grid_cell(&g, "%s", x->rep.measured ? "measured" : "roofline");
	}
	if (fmt == FMT_MARKDOWN)
		sbuf_printf(out, "### llmtco size: %s at %s\n\n", s->model->id, precision_names[s->precision]);
	else
		sbuf_printf(out, "%s at %s: ", s->model->id, precision_names[s->precision]);
	sbuf_printf(out, "weights %s GB, KV cache %s bytes/token, context %s tokens per sequence%s\n\n",
		    num_grouped(a, sizeof(a), s->n ? s->configs[0].rep.weights_bytes / 1e9 : 0, 1),
		    num_grouped(b, sizeof(b), s->n ? s->configs[0].rep.kv_bytes_per_token : 0, 0),
		    num_grouped(c, sizeof(c), s->context_tokens, 0),
		    s->context_source && strcmp(s->context_source, "default") == 0 ? " (default)" : "");
	if (fmt == FMT_MARKDOWN)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 2, -1, r->color);
	grid_release(&g);
}

