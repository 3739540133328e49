/*
 * requirements.c - the exclusions of model.md 10 and the verdict that
 * never compares quality tiers silently.
 *
 * Must not: print, allocate, or read anything but its arguments. Costs are
 * the engine's; this only decides which options count and names them.
 */
#include "model/requirements.h"

#include <math.h>
#include <string.h>

const char *const verdict_reason_codes[VR_COUNT] = {
	[VR_CHEAPEST] = "cheapest",
	[VR_LOWER_TIER] = "cheapest_below_best_tier",
	[VR_NONE_MEETS] = "no_option_meets_requirements",
	[VR_NONE_FEASIBLE] = "no_feasible_option",
};

bool requirements_any(const struct requirements *r)
{
	return r->min_quality_tier > 0 || r->third_party_forbidden || r->allowed_providers ||
	       r->availability > 0;
}

double option_quality_tier(const struct option_spec *o, const struct catalog *cat,
			   bool *inherited)
{
	const struct open_model *m;

	if (inherited)
		*inherited = false;
	if (o->kind == OPT_SELF_HOSTED)
		return o->model->quality_tier;
	if (o->kind == OPT_HYBRID) {
		/* a hybrid answers with both models: the weaker part sets its tier */
		struct option_spec over = {.kind = o->api->kind == KIND_MANAGED ? OPT_MANAGED : OPT_API,
					   .api = o->api};
		double base = o->model->quality_tier, top = option_quality_tier(&over, cat, inherited);
		return cat_has(base) && cat_has(top) ? fmax(base, top) : NAN;
	}
	if (cat_has(o->api->quality_tier))
		return o->api->quality_tier;
	/* model.md 10: a managed endpoint without its own tier takes its
	 * open model's */
	if (o->api->kind != KIND_MANAGED || !o->api->open_model || !cat ||
	    !(m = catalog_model(cat, o->api->open_model)) || !cat_has(m->quality_tier))
		return NAN;
	if (inherited)
		*inherited = true;
	return m->quality_tier;
}

static bool provider_allowed(const struct requirements *r, const char *provider)
{
	for (size_t i = 0; provider && i < r->n_allowed_providers; i++) {
		if (strcmp(r->allowed_providers[i], provider) == 0)
			return true;
	}
	return false;
}

enum reason requirements_exclusion(const struct requirements *r, const struct option_spec *o,
				   const struct catalog *cat)
{
	double tier;

	/* model.md 10: hosted options send the data to a third party */
	if (o->kind != OPT_SELF_HOSTED) {
		if (r->third_party_forbidden)
			return R_THIRD_PARTY_FORBIDDEN;
		if (r->allowed_providers && !provider_allowed(r, o->api->provider))
			return R_PROVIDER_NOT_ALLOWED;
	}
	tier = option_quality_tier(o, cat, NULL);
	if (r->min_quality_tier > 0 && cat_has(tier) && tier > r->min_quality_tier)
		return R_BELOW_QUALITY_TIER;
	return R_NONE;
}

bool requirements_excluded(enum reason r)
{
	return r == R_BELOW_QUALITY_TIER || r == R_THIRD_PARTY_FORBIDDEN ||
	       r == R_PROVIDER_NOT_ALLOWED;
}

void compare_verdict(struct verdict *v, const struct compare_result *c,
		     const struct option_spec *opts, const struct workload *w,
		     const struct catalog *cat)
{
	memset(v, 0, sizeof(*v));
	v->cheapest = v->runner_up = v->best_cheapest = v->best_runner_up = -1;
	v->tier = v->best_tier = NAN;
	for (size_t i = 0; i < c->n; i++) {
		const struct option_result *r = &c->results[c->order[i]];
		double t;
		if (!r->feasible) {
			v->excluded += requirements_excluded(r->reason);
			continue;
		}
		if (v->cheapest < 0)
			v->cheapest = (long)c->order[i];
		else if (v->runner_up < 0)
			v->runner_up = (long)c->order[i];
		t = option_quality_tier(&opts[c->order[i]], cat, NULL);
		if (cat_has(t) && !(t >= v->best_tier))
			v->best_tier = t;
	}
	if (v->cheapest < 0) {
		v->reason = v->excluded ? VR_NONE_MEETS : VR_NONE_FEASIBLE;
		return;
	}
	v->reason = VR_CHEAPEST;
	v->tier = option_quality_tier(&opts[v->cheapest], cat, NULL);
	if (v->runner_up >= 0) {
		double next = c->results[v->runner_up].total;
		v->margin = next - c->results[v->cheapest].total;
		v->margin_share = next > 0 ? v->margin / next : 0;
	}
	/* model.md 10: without min_quality_tier, a cheapest option below the
	 * best tier on offer (or of no tier) is not the whole answer: name the
	 * cheapest at the best tier too */
	if (w->req.min_quality_tier > 0 || !cat_has(v->best_tier) ||
	    (cat_has(v->tier) && v->tier <= v->best_tier))
		return;
	v->reason = VR_LOWER_TIER;
	for (size_t i = 0; i < c->n; i++) {
		size_t k = c->order[i];
		if (!c->results[k].feasible || option_quality_tier(&opts[k], cat, NULL) != v->best_tier)
			continue;
		if (v->best_cheapest < 0)
			v->best_cheapest = (long)k;
		else if (v->best_runner_up < 0)
			v->best_runner_up = (long)k;
	}
}
