/*
 * test_requirements.c - model.md 10 in the engine: which options the
 * requirements exclude and why, tier inheritance, spare replicas for an
 * availability target, and the verdict that names the best tier.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "builders.h"
#include "model/compare.h"
#include "model/requirements.h"

#define REL(expected, actual) assert_true(fabs((double)(expected) - (actual)) <= 1e-9 * fmax(1, fabs((double)(expected))))

static struct open_model M;
static struct gpu G;
static struct api_model CHEAP, MID, MANAGED;
static struct catalog CAT;
static struct option_spec O[4]; /* api cheap (tier 3), api mid (tier 2), managed, self-hosted */

/* gpt-4o-mini-like tier 3, gpt-4o-like tier 2, a managed endpoint of M
 * without its own tier, and M (tier 2) self-hosted on one H100-class GPU. */
static int setup(void **state)
{
	(void)state;
	defaults();
	M = llama70();
	M.quality_tier = 2;
	G = h100();
	CHEAP = api(0.15, 0.60);
	CHEAP.id = "cheap";
	CHEAP.provider = "openai";
	CHEAP.quality_tier = 3;
	MID = api(2.50, 10.00);
	MID.id = "mid";
	MID.provider = "anthropic";
	MID.quality_tier = 2;
	MANAGED = api(0.88, 0.88);
	MANAGED.id = "managed";
	MANAGED.provider = "together";
	MANAGED.kind = KIND_MANAGED;
	MANAGED.open_model = "llama-70b";
	memset(&CAT, 0, sizeof(CAT));
	CAT.models = &M;
	CAT.n_models = 1;
	CAT.api = &CHEAP;
	O[0] = (struct option_spec){.kind = OPT_API, .api = &CHEAP};
	O[1] = (struct option_spec){.kind = OPT_API, .api = &MID};
	O[2] = (struct option_spec){.kind = OPT_MANAGED, .api = &MANAGED};
	O[3] = self_host(&M, &G, PREC_FP8, 1);
	return 0;
}

static enum reason reason_of(const struct option_spec *o, const struct workload *w)
{
	struct option_result r;
	engine_evaluate(&r, o, w, &CAT, &A);
	return r.reason;
}

static void a_managed_endpoint_without_a_tier_takes_its_open_models(void **state)
{
	bool inherited;
	(void)state;
	assert_true(option_quality_tier(&O[2], &CAT, &inherited) == 2);
	assert_true(inherited);
	assert_true(option_quality_tier(&O[0], &CAT, &inherited) == 3);
	assert_false(inherited);
	assert_true(option_quality_tier(&O[3], &CAT, NULL) == 2);
	/* its own tier wins over the open model's */
	MANAGED.quality_tier = 3;
	assert_true(option_quality_tier(&O[2], &CAT, &inherited) == 3);
	assert_false(inherited);
	/* without a catalog to look in, it has none */
	MANAGED.quality_tier = NAN;
	assert_true(isnan(option_quality_tier(&O[2], NULL, NULL)));
}

static void each_requirement_excludes_with_its_reason(void **state)
{
	struct workload w = tokens(500e6, 100e6);
	static const char *const openai[] = {"openai"};
	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(R_NONE, reason_of(&O[i], &w));
	w.req.min_quality_tier = 2;
	assert_int_equal(R_BELOW_QUALITY_TIER, reason_of(&O[0], &w));
	assert_int_equal(R_NONE, reason_of(&O[1], &w));
	assert_int_equal(R_NONE, reason_of(&O[2], &w)); /* inherited tier 2 */
	w.req.min_quality_tier = 1;
	assert_int_equal(R_BELOW_QUALITY_TIER, reason_of(&O[3], &w));
	w.req = (struct requirements){.third_party_forbidden = true};
	assert_int_equal(R_THIRD_PARTY_FORBIDDEN, reason_of(&O[0], &w));
	assert_int_equal(R_THIRD_PARTY_FORBIDDEN, reason_of(&O[2], &w));
	assert_int_equal(R_NONE, reason_of(&O[3], &w));
	w.req = (struct requirements){.allowed_providers = openai, .n_allowed_providers = 1};
	assert_int_equal(R_NONE, reason_of(&O[0], &w));
	assert_int_equal(R_PROVIDER_NOT_ALLOWED, reason_of(&O[1], &w));
	assert_int_equal(R_PROVIDER_NOT_ALLOWED, reason_of(&O[2], &w));
	assert_int_equal(R_NONE, reason_of(&O[3], &w)); /* self-hosted: no provider */
	assert_string_equal("below_quality_tier", reason_codes[R_BELOW_QUALITY_TIER]);
	assert_string_equal("third_party_forbidden", reason_codes[R_THIRD_PARTY_FORBIDDEN]);
	assert_string_equal("provider_not_allowed", reason_codes[R_PROVIDER_NOT_ALLOWED]);
}

static void an_untiered_option_is_kept_with_a_warning(void **state)
{
	struct workload w = tokens(500e6, 100e6);
	struct option_result r;
	(void)state;
	M.quality_tier = NAN;
	w.req.min_quality_tier = 1;
	engine_evaluate(&r, &O[3], &w, &CAT, &A);
	assert_true(r.feasible);
	assert_true(r.warnings & W_NO_QUALITY_TIER);
	/* no warning without a tier requirement */
	w.req.min_quality_tier = 0;
	engine_evaluate(&r, &O[3], &w, &CAT, &A);
	assert_false(r.warnings & W_NO_QUALITY_TIER);
}

/* At 2 serving replicas (min_replicas 2, no load) and replica availability
 * 0.99, 99.9% takes one spare (0.999702) and 99.999% two (0.99999603). */
static void an_availability_target_adds_binomial_spares(void **state)
{
	struct workload w = tokens(0, 0);
	struct option_result r;
	(void)state;
	A.v[A_MIN_REPLICAS] = 2;
	engine_evaluate(&r, &O[3], &w, &CAT, &A);
	REL(2, r.replicas);
	REL(0, r.spare_replicas);
	REL(0.9801, r.availability);
	w.req.availability = 0.999;
	engine_evaluate(&r, &O[3], &w, &CAT, &A);
	REL(3, r.replicas);
	REL(3, r.gpus);
	REL(1, r.spare_replicas);
	REL(0.999702, r.availability);
	REL(3 * 8 * 730 + 3000 + 500 + 300 + 1000, r.total);
	w.req.availability = 0.99999;
	engine_evaluate(&r, &O[3], &w, &CAT, &A);
	REL(2, r.spare_replicas);
	REL(0.99999603, r.availability);
	/* spare_replicas stays the floor */
	A.v[A_SPARE_REPLICAS] = 3;
	engine_evaluate(&r, &O[3], &w, &CAT, &A);
	REL(3, r.spare_replicas);
	REL(5, r.replicas);
}

static void rank(struct option_result *res, size_t *order, const struct workload *w)
{
	for (size_t i = 0; i < 4; i++)
		engine_evaluate(&res[i], &O[i], w, &CAT, &A);
	compare_rank(order, res, 4);
}

/* model.md 10's last paragraph: the tier-3 API is cheapest, so the verdict
 * also names the cheapest tier-2 option and the next one at tier 2. */
static void the_verdict_names_the_cheapest_at_the_best_tier(void **state)
{
	struct workload w = tokens(500e6, 100e6);
	struct option_result res[4];
	size_t order[4];
	struct compare_result c = {res, order, 4, NULL};
	struct verdict v;
	(void)state;
	rank(res, order, &w);
	compare_verdict(&v, &c, O, &w, &CAT);
	assert_int_equal(VR_LOWER_TIER, v.reason);
	assert_string_equal("cheapest_below_best_tier", verdict_reason_codes[v.reason]);
	assert_int_equal(0, v.cheapest);
	assert_true(v.tier == 3);
	assert_true(v.best_tier == 2);
	assert_int_equal(2, v.best_cheapest);  /* managed at 0.88: $528 */
	assert_int_equal(1, v.best_runner_up); /* mid: $2,250 */
	REL(528 - 135, v.margin);
	/* with min_quality_tier the excluded tier-3 option is out, and the
	 * tiers of what remains are alike: a plain verdict */
	w.req.min_quality_tier = 2;
	rank(res, order, &w);
	compare_verdict(&v, &c, O, &w, &CAT);
	assert_int_equal(VR_CHEAPEST, v.reason);
	assert_int_equal(2, v.cheapest);
	assert_int_equal(1, v.excluded);
	assert_int_equal(-1, v.best_cheapest);
}

static void a_verdict_with_every_option_excluded_says_so(void **state)
{
	struct workload w = tokens(500e6, 100e6);
	struct option_result res[4];
	size_t order[4];
	struct compare_result c = {res, order, 4, NULL};
	struct verdict v;
	(void)state;
	w.req.min_quality_tier = 1;
	rank(res, order, &w);
	compare_verdict(&v, &c, O, &w, &CAT);
	assert_int_equal(VR_NONE_MEETS, v.reason);
	assert_int_equal(-1, v.cheapest);
	assert_int_equal(4, v.excluded);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(a_managed_endpoint_without_a_tier_takes_its_open_models, setup),
		cmocka_unit_test_setup(each_requirement_excludes_with_its_reason, setup),
		cmocka_unit_test_setup(an_untiered_option_is_kept_with_a_warning, setup),
		cmocka_unit_test_setup(an_availability_target_adds_binomial_spares, setup),
		cmocka_unit_test_setup(the_verdict_names_the_cheapest_at_the_best_tier, setup),
		cmocka_unit_test_setup(a_verdict_with_every_option_excluded_says_so, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
