/*
 * test_portfolio.c - the portfolio of task segments (model.md 7.4) on
 * hand-built option results: min(all_hosted, mixed) with one and with
 * several self-hosting segments, the overhead paid once, ties to
 * all_hosted, infeasible segments, savings, and segment workloads resolved
 * from a scenario built in C.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "model/portfolio.h"

#define CENT(expected, actual) assert_true(fabs((double)(expected) - (actual)) < 0.005)

static const double H = 4800; /* the default overhead: 3,000 + 500 + 300 + 1,000 */

static struct option_result hosted(double total)
{
	struct option_result r;
	memset(&r, 0, sizeof(r));
	r.kind = OPT_API;
	r.feasible = true;
	r.total = total;
	return r;
}

/* a self-hosted total of `gpu` plus the default overhead */
static struct option_result own(double gpu)
{
	struct option_result r;
	memset(&r, 0, sizeof(r));
	r.kind = OPT_SELF_HOSTED;
	r.feasible = true;
	r.sh.gpu = gpu;
	r.sh.engineering = 3000;
	r.sh.infrastructure = 500;
	r.sh.monitoring = 300;
	r.sh.model_updates = 1000;
	r.total = gpu + H;
	return r;
}

static const struct option_spec API = {.kind = OPT_API}, SH = {.kind = OPT_SELF_HOSTED};

static void overhead_is_the_gpu_free_part_of_3_4(void **state)
{
	struct assumptions a;
	(void)state;
	assumptions_defaults(&a);
	CENT(H, portfolio_overhead(&a));
	a.v[A_SETUP_COST] = 2400; /* over 24 months */
	CENT(H + 100, portfolio_overhead(&a));
}

/* one self-hosting segment: hosted 9,000 vs own 2,000 + H = 6,800;
 * the other hosted 1,000. mixed = 4,800 + 2,000 + 1,000 = 7,800 <
 * all_hosted 10,000 */
static void one_self_hosting_segment_wins_when_it_covers_the_overhead(void **state)
{
	struct option_spec o1[] = {API, SH}, o2[] = {API};
	struct option_result r1[] = {hosted(9000), own(2000)}, r2[] = {hosted(1000)};
	struct segment_eval seg[] = {{"a", o1, r1, 2}, {"b", o2, r2, 1}};
	struct segment_choice ch[2];
	struct portfolio p;
	(void)state;
	portfolio_solve(&p, ch, seg, 2, H);
	assert_true(p.feasible);
	assert_int_equal(p.basis, BASIS_MIXED);
	CENT(10000, p.all_hosted);
	CENT(7800, p.mixed);
	CENT(7800, p.total);
	assert_int_equal(ch[0].choice, 1);
	CENT(2000, ch[0].cost);
	assert_int_equal(ch[1].choice, 0);
	/* the same segment alone cannot carry the overhead when its hosted
	 * bill is 6,000: mixed 7,800 > all_hosted 7,000 */
	r1[0] = hosted(6000);
	portfolio_solve(&p, ch, seg, 2, H);
	assert_int_equal(p.basis, BASIS_ALL_HOSTED);
	CENT(7000, p.total);
	assert_int_equal(ch[0].choice, 0);
}

/* several self-hosting segments share one overhead: each alone would lose
 * (own 1,000 + 4,800 > hosted 4,000), together they win:
 * mixed = 4,800 + 3 x 1,000 = 7,800 < all_hosted 12,000 */
static void several_segments_share_one_overhead(void **state)
{
	struct option_spec o[] = {API, SH};
	struct option_result r[3][2] = {{hosted(4000), own(1000)},
					{hosted(4000), own(1000)},
					{hosted(4000), own(1000)}};
	struct segment_eval seg[] = {{"a", o, r[0], 2}, {"b", o, r[1], 2}, {"c", o, r[2], 2}};
	struct segment_choice ch[3];
	struct portfolio p;
	(void)state;
	portfolio_solve(&p, ch, seg, 3, H);
	assert_int_equal(p.basis, BASIS_MIXED);
	CENT(7800, p.total);
	CENT(12000, p.all_hosted);
	for (int i = 0; i < 3; i++)
		assert_int_equal(ch[i].choice, 1);
	/* one segment whose own option is dearer than hosted stays hosted */
	r[2][1] = own(5000);
	portfolio_solve(&p, ch, seg, 3, H);
	CENT(4800 + 1000 + 1000 + 4000, p.total);
	assert_int_equal(ch[2].choice, 0);
	CENT(4000, ch[2].cost);
}

/* mixed = 4,800 + 0 + 1,000 = all_hosted 5,800: ties go to all_hosted */
static void ties_go_to_all_hosted(void **state)
{
	struct option_spec o1[] = {API, SH}, o2[] = {API};
	struct option_result r1[] = {hosted(4800), own(0)}, r2[] = {hosted(1000)};
	struct segment_eval seg[] = {{"a", o1, r1, 2}, {"b", o2, r2, 1}};
	struct segment_choice ch[2];
	struct portfolio p;
	(void)state;
	portfolio_solve(&p, ch, seg, 2, H);
	CENT(p.mixed, p.all_hosted);
	assert_int_equal(p.basis, BASIS_ALL_HOSTED);
	assert_int_equal(ch[0].choice, 0);
}

/* no hosted option in a segment: all_hosted is infinite, mixed it is;
 * no option at all: infeasible, naming the segment */
static void segments_without_options(void **state)
{
	struct option_spec o1[] = {SH}, o2[] = {API, SH};
	struct option_result r1[] = {own(500)}, r2[] = {hosted(1000), own(9000)};
	struct segment_eval seg[] = {{"a", o2, r2, 2}, {"b", o1, r1, 1}};
	struct segment_choice ch[2];
	struct portfolio p;
	struct baseline_saving sv;
	struct option_result base = hosted(12000);
	(void)state;
	portfolio_solve(&p, ch, seg, 2, H);
	assert_false(p.has_all_hosted);
	assert_int_equal(p.basis, BASIS_MIXED);
	CENT(4800 + 1000 + 500, p.total);
	portfolio_saving(&sv, &p, &base);
	CENT(12000 - 6300, sv.amount);
	CENT((12000 - 6300) / 120.0, sv.percent);
	r1[0].feasible = false;
	portfolio_solve(&p, ch, seg, 2, H);
	assert_false(p.feasible);
	assert_int_equal(p.infeasible_segment, 1);
	portfolio_saving(&sv, &p, &base);
	assert_false(sv.feasible);
}

/* model.md 7.4 resolution: segment keys over the top level, the whole in
 * token form with token-weighted fractions */
static void segments_resolve_over_the_top_level(void **state)
{
	struct scenario sc;
	struct segment seg[2];
	struct assumptions a;
	struct workload w, s0, s1;
	(void)state;
	memset(&sc, 0, sizeof(sc));
	memset(seg, 0, sizeof(seg));
	assumptions_defaults(&a);
	sc.given[WK_PEAK_TO_AVERAGE] = true;
	sc.wv[WK_PEAK_TO_AVERAGE] = 2;
	sc.given[WK_CACHED_INPUT_FRACTION] = true;
	sc.wv[WK_CACHED_INPUT_FRACTION] = 0.5;
	sc.has_workload = true;
	seg[0].given[WK_INPUT_TOKENS_PER_MONTH] = seg[0].given[WK_OUTPUT_TOKENS_PER_MONTH] = true;
	seg[0].wv[WK_INPUT_TOKENS_PER_MONTH] = 3e9;
	seg[0].wv[WK_OUTPUT_TOKENS_PER_MONTH] = 2e8;
	seg[1].given[WK_REQUESTS_PER_MONTH] = true;
	seg[1].given[WK_INPUT_TOKENS_PER_REQUEST] = seg[1].given[WK_OUTPUT_TOKENS_PER_REQUEST] = true;
	seg[1].wv[WK_REQUESTS_PER_MONTH] = 2e5;
	seg[1].wv[WK_INPUT_TOKENS_PER_REQUEST] = 2000;
	seg[1].wv[WK_OUTPUT_TOKENS_PER_REQUEST] = 800;
	seg[1].given[WK_CACHED_INPUT_FRACTION] = true;
	seg[1].wv[WK_CACHED_INPUT_FRACTION] = 0;
	sc.segments = seg;
	sc.n_segments = 2;
	scenario_segment_workload(&s0, &sc, 0, &a);
	scenario_segment_workload(&s1, &sc, 1, &a);
	assert_true(s0.peak_to_average == 2 && s1.peak_to_average == 2);
	assert_true(s0.cached_input_fraction == 0.5 && s1.cached_input_fraction == 0);
	assert_true(s1.has_requests && s1.t_in == 4e8 && s1.context_tokens == 2400);
	scenario_workload(&w, &sc, &a);
	assert_false(w.has_requests);
	CENT(3.4e9, w.t_in);
	CENT(3.6e8, w.t_out);
	/* 1.5B of the 3.4B input tokens are cached */
	assert_true(fabs(w.cached_input_fraction - 1.5 / 3.4) < 1e-12);
	assert_true(w.context_tokens == 2048 && w.peak_to_average == 2);
}

/* model.md 7.4 with 7.1: a segment's profile or peak_to_average replaces
 * the shape it would inherit; the whole keeps the top level's */
static void a_segment_shape_replaces_the_top_level_one(void **state)
{
	struct scenario sc;
	struct segment seg[3];
	struct assumptions a;
	struct workload w, s[3];
	(void)state;
	memset(&sc, 0, sizeof(sc));
	memset(seg, 0, sizeof(seg));
	assumptions_defaults(&a);
	sc.has_profile = true;
	profile_named(&sc.profile, PROFILE_DIURNAL); /* peak exactly 1.75 */
	sc.has_workload = true;
	for (int i = 0; i < 3; i++) {
		seg[i].given[WK_INPUT_TOKENS_PER_MONTH] = seg[i].given[WK_OUTPUT_TOKENS_PER_MONTH] = true;
		seg[i].wv[WK_INPUT_TOKENS_PER_MONTH] = 1e9;
		seg[i].wv[WK_OUTPUT_TOKENS_PER_MONTH] = 1e8;
	}
	/* 0 inherits diurnal, 1 has business_hours (peak 168 / 65.34), 2 a peak of 3 */
	seg[1].has_profile = true;
	profile_named(&seg[1].profile, PROFILE_BUSINESS_HOURS);
	seg[2].given[WK_PEAK_TO_AVERAGE] = true;
	seg[2].wv[WK_PEAK_TO_AVERAGE] = 3;
	sc.segments = seg;
	sc.n_segments = 3;
	for (size_t i = 0; i < 3; i++)
		scenario_segment_workload(&s[i], &sc, i, &a);
	assert_int_equal(s[0].profile.shape, PROFILE_DIURNAL);
	assert_true(fabs(s[0].peak_to_average - 1.75) < 1e-12);
	assert_int_equal(s[1].profile.shape, PROFILE_BUSINESS_HOURS);
	assert_true(fabs(s[1].peak_to_average - 168 / 65.34) < 1e-12);
	assert_int_equal(s[2].profile.shape, PROFILE_NONE);
	assert_true(s[2].peak_to_average == 3);
	scenario_workload(&w, &sc, &a);
	assert_int_equal(w.profile.shape, PROFILE_DIURNAL);
	/* without a top-level profile a segment's own profile still counts */
	sc.has_profile = false;
	scenario_segment_workload(&s[1], &sc, 1, &a);
	scenario_segment_workload(&s[0], &sc, 0, &a);
	assert_int_equal(s[1].profile.shape, PROFILE_BUSINESS_HOURS);
	assert_true(s[0].profile.shape == PROFILE_NONE && s[0].peak_to_average == 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overhead_is_the_gpu_free_part_of_3_4),
		cmocka_unit_test(one_self_hosting_segment_wins_when_it_covers_the_overhead),
		cmocka_unit_test(several_segments_share_one_overhead),
		cmocka_unit_test(ties_go_to_all_hosted),
		cmocka_unit_test(segments_without_options),
		cmocka_unit_test(segments_resolve_over_the_top_level),
		cmocka_unit_test(a_segment_shape_replaces_the_top_level_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
