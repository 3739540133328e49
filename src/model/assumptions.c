/*
 * assumptions.c - the defaults and ranges of model.md section 4 and their
 * layering (defaults < catalogs < scenario < --set).
 */
#include "model/assumptions.h"

#include <string.h>

#include "util/num.h"

#define MONEY 1e15

const struct assumption_spec assumption_specs[A_COUNT] = {
	[A_HOURS_PER_MONTH] = {"hours_per_month", 730, 0, 744, true, false, false},
	[A_ENGINEERING_FTE] = {"engineering_fte", 0.2, 0, 1e4, false, false, false},
	[A_ENGINEER_ANNUAL_COST] = {"engineer_annual_cost", 180000, 0, MONEY, false, false, false},
	[A_INFRASTRUCTURE_PER_MONTH] = {"infrastructure_per_month", 500, 0, MONEY, false, false, false},
	[A_MONITORING_PER_MONTH] = {"monitoring_per_month", 300, 0, MONEY, false, false, false},
	[A_MODEL_UPDATES_PER_YEAR] = {"model_updates_per_year", 4, 0, 1e6, false, false, false},
	[A_COST_PER_MODEL_UPDATE] = {"cost_per_model_update", 3000, 0, MONEY, false, false, false},
	[A_SETUP_COST] = {"setup_cost", 0, 0, MONEY, false, false, false},
	[A_AMORTIZATION_MONTHS] = {"amortization_months", 24, 0, 1200, true, false, false},
	[A_API_FIXED_PER_MONTH] = {"api_fixed_per_month", 0, 0, MONEY, false, false, false},
	[A_TARGET_UTILIZATION] = {"target_utilization", 0.75, 0, 1, true, false, false},
	[A_MIN_REPLICAS] = {"min_replicas", 1, 0, 1e6, false, true, false},
	[A_SPARE_REPLICAS] = {"spare_replicas", 0, 0, 1e6, false, true, false},
	[A_GPU_MEMORY_UTILIZATION] = {"gpu_memory_utilization", 0.9, 0, 1, true, false, false},
	[A_KV_CACHE_PRECISION] = {"kv_cache_precision", 1 /* PREC_BF16 */, 0, 0, false, false, true},
	[A_BANDWIDTH_EFFICIENCY] = {"bandwidth_efficiency", 0.7, 0, 1, true, false, false},
	[A_COMPUTE_EFFICIENCY] = {"compute_efficiency", 0.5, 0, 1, true, false, false},
	[A_MAX_BATCH] = {"max_batch", 256, 1, 1e6, false, true, false},
	[A_DEFAULT_CONTEXT_TOKENS] = {"default_context_tokens", 2048, 0, 1e9, true, false, false},
	[A_DEPRECIATION_MONTHS] = {"depreciation_months", 36, 0, 1200, true, false, false},
	[A_RESIDUAL_FRACTION] = {"residual_fraction", 0, 0, 1, false, false, false},
	[A_SERVER_OVERHEAD_FRACTION] = {"server_overhead_fraction", 0.3, 0, 100, false, false, false},
	[A_GPU_POWER_FRACTION] = {"gpu_power_fraction", 1, 0, 1, false, false, false},
	[A_PUE] = {"pue", 1.4, 1, 10, false, false, false},
	[A_POWER_PRICE_PER_KWH] = {"power_price_per_kwh", 0.12, 0, 1e3, false, false, false},
	[A_COLOCATION_PER_GPU_MONTH] = {"colocation_per_gpu_month", 0, 0, MONEY, false, false, false},
	[A_REPLICA_AVAILABILITY] = {"replica_availability", 0.99, 0, 1, true, false, false},
};

/* model.md section 4's notes, for `llmtco assumptions` and `llmtco init`. */
const char *const assumption_meanings[A_COUNT] = {
	[A_HOURS_PER_MONTH] = "hours billed and served in a month (720 reproduces 30-day arithmetic)",
	[A_ENGINEERING_FTE] = "share of one engineer spent on inference operations",
	[A_ENGINEER_ANNUAL_COST] = "loaded yearly cost of that engineer",
	[A_INFRASTRUCTURE_PER_MONTH] = "orchestration, networking and storage per month",
	[A_MONITORING_PER_MONTH] = "monitoring and logging per month",
	[A_MODEL_UPDATES_PER_YEAR] = "model upgrades a year (evaluation, migration, redeploy)",
	[A_COST_PER_MODEL_UPDATE] = "cost of one model update",
	[A_SETUP_COST] = "one-time setup cost, amortized",
	[A_AMORTIZATION_MONTHS] = "months over which setup_cost is spread",
	[A_API_FIXED_PER_MONTH] = "enterprise plan or platform fee of a hosted option per month",
	[A_TARGET_UTILIZATION] = "highest planned load of the GPUs at peak",
	[A_MIN_REPLICAS] = "fewest self-hosted replicas, whatever the load",
	[A_SPARE_REPLICAS] = "extra replicas for redundancy (N+k)",
	[A_GPU_MEMORY_UTILIZATION] = "share of GPU memory usable for weights and KV cache",
	[A_KV_CACHE_PRECISION] = "precision of the KV cache: bf16, fp16 or fp8",
	[A_BANDWIDTH_EFFICIENCY] = "achieved share of peak memory bandwidth",
	[A_COMPUTE_EFFICIENCY] = "achieved share of peak tensor FLOP/s",
	[A_MAX_BATCH] = "most sequences a replica serves at once",
	[A_DEFAULT_CONTEXT_TOKENS] = "tokens per sequence in the KV cache when requests are not known",
	[A_DEPRECIATION_MONTHS] = "months over which owned GPUs are written off",
	[A_RESIDUAL_FRACTION] = "share of the purchase price owned hardware is worth at the end",
	[A_SERVER_OVERHEAD_FRACTION] = "host, network and chassis per GPU price, for owned hardware",
	[A_GPU_POWER_FRACTION] = "average power draw as a share of TDP",
	[A_PUE] = "data-centre power usage effectiveness",
	[A_POWER_PRICE_PER_KWH] = "electricity price per kWh",
	[A_COLOCATION_PER_GPU_MONTH] = "colocation (rack space) per owned GPU per month",
	[A_REPLICA_AVAILABILITY] = "share of time one self-hosted replica is up; sizes spares for requirements.availability",
};

void assumptions_defaults(struct assumptions *a)
{
	for (int k = 0; k < A_COUNT; k++) {
		a->v[k] = assumption_specs[k].def;
		a->source[k] = "default";
	}
	a->api_price_factor = 1;
	a->gpu_price_factor = 1;
	a->throughput_factor = 1;
	a->totals_only = false;
}

void assumptions_apply(struct assumptions *a, const struct assumption_set *set,
		       const char *source)
{
	for (int k = 0; k < A_COUNT; k++) {
		if (set->given[k]) {
			a->v[k] = set->v[k];
			a->source[k] = source;
		}
	}
}

bool assumption_is_fraction(enum assumption k)
{
	const char *name = assumption_specs[k].name;
	size_t n = strlen(name);

	return !assumption_specs[k].is_precision &&
	       (k == A_ENGINEERING_FTE /* a share of one engineer: 50% */ ||
		(assumption_specs[k].lo >= 0 && assumption_specs[k].hi == 1) ||
		(n > 9 && strcmp(name + n - 9, "_fraction") == 0));
}

int assumption_index(const char *name)
{
	for (int k = 0; k < A_COUNT; k++) {
		if (strcmp(assumption_specs[k].name, name) == 0)
			return k;
	}
	return -1;
}

enum status assumption_check(enum assumption k, double v, const struct loc *at, struct diag *d)
{
	const struct assumption_spec *s = &assumption_specs[k];
	char lim[96], got[32];

	num_shortest(got, sizeof(got), v);
	if (s->integer && v != (double)(long long)v)
		return diag_set(d, ST_INPUT, at->file, at->line, at->col,
				"'%s' must be a whole number, got %s", s->name, got);
	if (v < s->lo || v > s->hi || (s->lo_open && v == s->lo))
		return diag_set(d, ST_INPUT, at->file, at->line, at->col, "'%s' must be %s, got %s", s->name,
				num_limits_text(lim, sizeof(lim), s->lo, s->lo_open, s->hi, false, s->hi == 1),
				got);
	return ST_OK;
}
