/*
 * test_availability.c - the spare-replica rule of model.md 10 on
 * hand-computed binomial cases, and its bounds on a grid of inputs.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "model/availability.h"

#define REL(expected, actual) assert_true(fabs((double)(expected) - (actual)) <= 1e-12 * fmax(1, fabs((double)(expected))))

/* R = 2, a = 0.99: no spare gives a^2 = 0.9801; one spare gives
 * a^3 + 3 a^2 q = 0.970299 + 0.029403 = 0.999702 >= 0.999. */
static void two_replicas_at_99_need_one_spare_for_999(void **state)
{
	double got;
	(void)state;
	assert_int_equal(1, (int)avail_spares(2, 0.99, 0.999, 0, INFINITY, &got));
	REL(0.999702, got);
}

/* One spare gives 0.999702 < 0.99999; two give 1 - (4 q^3 a + q^4) =
 * 1 - 3.97e-6 + ... = 0.99999603. */
static void two_replicas_at_99_need_two_spares_for_99999(void **state)
{
	double got;
	(void)state;
	assert_int_equal(2, (int)avail_spares(2, 0.99, 0.99999, 0, INFINITY, &got));
	REL(0.99999603, got);
}

/* A target equal to the exact probability is met, not rounded up. */
static void one_replica_meets_its_own_availability(void **state)
{
	double got;
	(void)state;
	assert_int_equal(0, (int)avail_spares(1, 0.99, 0.99, 0, INFINITY, &got));
	REL(0.99, got);
}

/* R = 3, a = 0.5, target 0.9: 8 replicas give 1 - 37/256 = 0.855, 9 give
 * 1 - 46/512 = 0.91015625. */
static void coin_flip_replicas_need_many_spares(void **state)
{
	double got;
	(void)state;
	assert_int_equal(6, (int)avail_spares(3, 0.5, 0.9, 0, INFINITY, &got));
	REL(0.91015625, got);
}

/* spare_replicas is the floor: more spares than the target needs stay. */
static void spare_replicas_is_a_minimum(void **state)
{
	double got;
	(void)state;
	assert_int_equal(3, (int)avail_spares(2, 0.99, 0.999, 3, INFINITY, &got));
	REL(avail_at_least(2, 5, 0.99), got);
	assert_int_equal(2, (int)avail_spares(2, 0.99, 0, 2, INFINITY, &got)); /* no target */
}

/* Zero serving replicas (min_replicas 0, no volume) are always available;
 * a perfectly available replica needs no spare. */
static void edge_cases(void **state)
{
	double got;
	(void)state;
	assert_int_equal(0, (int)avail_spares(0, 0.99, 0.999, 0, INFINITY, &got));
	REL(1, got);
	assert_int_equal(0, (int)avail_spares(5, 1, 0.999999, 0, INFINITY, &got));
	REL(1, got);
	REL(1, avail_at_least(0, 3, 0.5));
	REL(0, avail_at_least(4, 3, 0.5));
	REL(0.5, avail_at_least(2, 3, 0.5)); /* (3 + 1) / 8 */
}

/* Checked against exact rational arithmetic (Python fractions):
 * P(Bin(1021, 0.99) >= 1000) = 0.9991497013545758 and
 * P(Bin(1020, 0.99) >= 1000) = 0.9981087375682429. */
static void a_thousand_replicas_are_summed_without_underflow(void **state)
{
	double got;
	(void)state;
	assert_int_equal(21, (int)avail_spares(1000, 0.99, 0.999, 0, INFINITY, &got));
	assert_true(fabs(got - 0.9991497013545758) < 1e-12);
	assert_true(fabs(avail_at_least(1000, 1020, 0.99) - 0.9981087375682429) < 1e-12);
}

/* The count is the smallest that meets the target, and stays within the
 * bounds breakeven relies on. */
static void spares_are_minimal_and_bounded(void **state)
{
	static const double as[] = {0.9, 0.95, 0.99, 0.999};
	static const double ts[] = {0.5, 0.9, 0.99, 0.999, 0.99999, 0.9999999};
	(void)state;
	for (size_t i = 0; i < sizeof(as) / sizeof(as[0]); i++) {
		for (size_t j = 0; j < sizeof(ts) / sizeof(ts[0]); j++) {
			struct avail_bounds b;
			avail_bounds(&b, as[i], ts[j], 0);
			for (double r = 1; r <= 3000; r = r < 20 ? r + 1 : ceil(r * 1.7)) {
				double got, k = avail_spares(r, as[i], ts[j], 0, INFINITY, &got);
				assert_true(got >= ts[j] * (1 - 1e-12));
				if (k > 0)
					assert_true(avail_at_least(r, r + k - 1, as[i]) < ts[j]);
				assert_true(r + k <= b.rho * r + b.beta * sqrt(r) + b.gamma);
				assert_true(r + k >= b.rho * r - b.delta * sqrt(r));
			}
		}
	}
}

/* The sums stop where Chernoff's bound puts a side below e^-800: the
 * figure the sum rounds to (0 or 1) without summing the n q terms up to
 * the mode, so a trillion replicas cost no more than ten (summed term by
 * term they took minutes: the test's timeout catches a return of that). */
static void far_tails_are_decided_without_summing(void **state)
{
	(void)state;
	/* 0.99^100000 = e^-1005 rounds to 0, summed or bounded */
	assert_true(avail_at_least(1e5, 1e5, 0.99) == 0);
	assert_true(avail_at_least(1e12, 1e12 + 3, 0.99) == 0);
	assert_true(avail_at_least(1e15, 1e15, 0.5) == 0);
	/* 10 of a trillion up: certain */
	assert_true(avail_at_least(10, 1e12, 0.99) == 1);
	/* near the mode nothing changes: the hand-checked case above */
	assert_true(fabs(avail_at_least(1000, 1020, 0.99) - 0.9981087375682429) < 1e-12);
}

/* avail_spares with n_max: the same count up to n_max replicas in all,
 * INFINITY (achieved NAN) past it, decided without summing past it. */
static void spares_past_the_limit_are_infinite(void **state)
{
	double got;
	(void)state;
	assert_int_equal(21, (int)avail_spares(1000, 0.99, 0.999, 0, 1e8, &got));
	assert_true(fabs(got - 0.9991497013545758) < 1e-12);
	assert_int_equal(21, (int)avail_spares(1000, 0.99, 0.999, 0, 1021, &got));
	assert_true(isinf(avail_spares(1000, 0.99, 0.999, 0, 1020, &got)));
	assert_true(isnan(got));
	/* k_min alone is past it */
	assert_true(isinf(avail_spares(10, 0.99, 0.999, 1e9, 1e8, &got)));
	/* a billion serving replicas; a replica up 1% of the time (about 700
	 * spares a replica): both past 1e8 replicas */
	assert_true(isinf(avail_spares(1e9, 0.99, 0.999, 0, 1e8, &got)));
	assert_true(isinf(avail_spares(1e6, 0.01, 0.999, 0, 1e8, &got)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_replicas_at_99_need_one_spare_for_999),
		cmocka_unit_test(two_replicas_at_99_need_two_spares_for_99999),
		cmocka_unit_test(one_replica_meets_its_own_availability),
		cmocka_unit_test(coin_flip_replicas_need_many_spares),
		cmocka_unit_test(spare_replicas_is_a_minimum),
		cmocka_unit_test(edge_cases),
		cmocka_unit_test(a_thousand_replicas_are_summed_without_underflow),
		cmocka_unit_test(spares_are_minimal_and_bounded),
		cmocka_unit_test(far_tails_are_decided_without_summing),
		cmocka_unit_test(spares_past_the_limit_are_infinite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
