/*
 * test_profile.c - the load over the week (model.md 7.1): each named shape's
 * normalisation and peak by hand, custom shapes with a weekend factor, the
 * one-peak-hour shape, and the all-zero case.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "model/profile.h"

#define CLOSE(expected, actual) \
	assert_true(fabs((double)(expected) - (actual)) <= 1e-12 * fmax(1, fabs((double)(expected))))

static double mean(const double *L)
{
	double s = 0;
	for (int i = 0; i < WEEK_HOURS; i++)
		s += L[i];
	return s / WEEK_HOURS;
}

static void flat_is_one_every_hour(void **state)
{
	struct profile p;
	double L[WEEK_HOURS];
	(void)state;
	profile_named(&p, PROFILE_FLAT);
	assert_true(profile_week(L, &p));
	for (int i = 0; i < WEEK_HOURS; i++)
		assert_true(L[i] == 1);
	assert_true(profile_peak(&p) == 1);
}

/* weekday sum 10 * 1 + 14 * 0.15 = 12.1; week 12.1 * (5 + 2 * 0.2) = 65.34 */
static void business_hours_peaks_at_168_over_65_34(void **state)
{
	struct profile p;
	double L[WEEK_HOURS];
	(void)state;
	profile_named(&p, PROFILE_BUSINESS_HOURS);
	assert_true(profile_week(L, &p));
	CLOSE(168 / 65.34, L[9]);                 /* Monday 09:00 */
	CLOSE(0.15 * 168 / 65.34, L[3]);          /* Monday 03:00 */
	CLOSE(0.2 * 168 / 65.34, L[5 * 24 + 12]); /* Saturday noon */
	CLOSE(0.03 * 168 / 65.34, L[6 * 24 + 23]);
	CLOSE(1, mean(L));
	CLOSE(2.5711662075298438, profile_peak(&p));
}

/* the cosine sums to 0 over a day: week 24 * (5 + 2 * 0.7) = 153.6, peak
 * 1.6 * 168 / 153.6 = 1.75 at 14:00 on weekdays */
static void diurnal_peaks_at_1_75(void **state)
{
	struct profile p;
	double L[WEEK_HOURS];
	(void)state;
	profile_named(&p, PROFILE_DIURNAL);
	assert_true(profile_week(L, &p));
	CLOSE(1.75, L[14]);
	CLOSE(0.4 * 168 / 153.6, L[2]);
	CLOSE(1.6 * 0.7 * 168 / 153.6, L[6 * 24 + 14]);
	CLOSE(1.75, profile_peak(&p));
	CLOSE(1, mean(L));
}

/* 6 * 1 + 18 * 0.1 = 7.8 a day, every day alike: peak 168 / 54.6 */
static void batch_nightly_peaks_at_168_over_54_6(void **state)
{
	struct profile p;
	double L[WEEK_HOURS];
	(void)state;
	profile_named(&p, PROFILE_BATCH_NIGHTLY);
	assert_true(profile_week(L, &p));
	CLOSE(168 / 54.6, L[6 * 24 + 5]);
	CLOSE(16.8 / 54.6, L[6]);
	CLOSE(168 / 54.6, profile_peak(&p));
}

/* 23 hours at 1 and 23 p / (24 - p) at 14:00: max L = p exactly */
static void one_peak_hour_has_the_peak_it_was_given(void **state)
{
	struct profile p;
	double L[WEEK_HOURS], ps[] = {1, 1.5, 3, 10, 23.5};
	(void)state;
	for (size_t k = 0; k < sizeof(ps) / sizeof(ps[0]); k++) {
		assert_true(profile_peak_hour(&p, ps[k]));
		CLOSE(23 * ps[k] / (24 - ps[k]), p.hourly[14]);
		assert_true(profile_week_of(L, &p, ps[k]));
		CLOSE(ps[k], L[3 * 24 + 14]);
		CLOSE(ps[k], profile_peak(&p));
		CLOSE(1, mean(L));
	}
	/* the shape of a workload without a profile: 21 / 23 off the peak at p = 3 */
	p.shape = PROFILE_NONE;
	assert_true(profile_week_of(L, &p, 3));
	CLOSE(21.0 / 23, L[0]);
	assert_false(profile_peak_hour(&p, 24));
	assert_false(profile_week_of(L, &p, 30));
}

/* a custom day with the weekend off: L = hourly * 168 / (5 * sum) */
static void custom_profile_with_weekend_off(void **state)
{
	struct profile p = {.shape = PROFILE_CUSTOM, .weekend = 0};
	double L[WEEK_HOURS];
	(void)state;
	for (int h = 0; h < 24; h++)
		p.hourly[h] = h < 12 ? 1 : 3; /* sum 48 */
	assert_true(profile_week(L, &p));
	CLOSE(168.0 / 240, L[0]);
	CLOSE(3 * 168.0 / 240, L[4 * 24 + 20]);
	assert_true(L[5 * 24 + 20] == 0);
	CLOSE(2.1, profile_peak(&p));
}

static void all_zero_profile_is_refused(void **state)
{
	struct profile p = {.shape = PROFILE_CUSTOM, .weekend = 5};
	double L[WEEK_HOURS] = {42};
	(void)state;
	assert_false(profile_week(L, &p));
	assert_true(L[0] == 42);
	assert_true(profile_peak(&p) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(flat_is_one_every_hour),
		cmocka_unit_test(business_hours_peaks_at_168_over_65_34),
		cmocka_unit_test(diurnal_peaks_at_1_75),
		cmocka_unit_test(batch_nightly_peaks_at_168_over_54_6),
		cmocka_unit_test(one_peak_hour_has_the_peak_it_was_given),
		cmocka_unit_test(custom_profile_with_weekend_off),
		cmocka_unit_test(all_zero_profile_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
