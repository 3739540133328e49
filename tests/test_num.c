/*
 * test_num.c - number parsing with suffixes and separators, and printing
 * that no locale changes.
 */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/num.h"
#include "util/sbuf.h"
#include "util/suggest.h"

static double parsed(const char *s)
{
	double v = -1;
	assert_true(num_parse(s, &v));
	return v;
}

static void suffixes_scale_by_powers_of_a_thousand(void **state)
{
	(void)state;
	assert_true(parsed("500M") == 500e6);
	assert_true(parsed("1.5B") == 1.5e9);
	assert_true(parsed("2k") == 2000);
	assert_true(parsed("3T") == 3e12);
	assert_true(parsed("1_000_000") == 1e6);
	assert_true(parsed("2.5e3") == 2500);
	assert_true(parsed("-4") == -4);
	assert_true(parsed("0.1") == 0.1);
}

/* "94.2%" is the double nearest 0.942, as a limit of 0.942 would be (94.2 /
 * 100 is 0.9420000000000001, and a share of exactly 942 in 1,000 would
 * miss it); every one-decimal percentage from 0% to 100% */
static void percentages_read_as_their_decimal(void **state)
{
	char pct[32], dec[32];
	double v, want;
	int divided_differs = 0;

	(void)state;
	for (int i = 0; i <= 1000; i++) {
		snprintf(pct, sizeof(pct), "%d.%d%%", i / 10, i % 10);
		snprintf(dec, sizeof(dec), "%d.%03d", i / 1000, i % 1000);
		want = strtod(dec, NULL);
		assert_true(num_parse_rate(pct, &v));
		if (v != want)
			fail_msg("%s read as %.17g, not %s", pct, v, dec);
		divided_differs += (double)i / 10 / 100 != want;
	}
	assert_true(divided_differs > 0); /* the case the test is about */
	assert_true(num_parse_rate("-20%", &v) && v == -0.2);
	assert_true(num_parse_rate("1e1%", &v) && v == 0.1);
	assert_true(num_parse_rate("5k%", &v) && v == 50);
	assert_false(num_parse_rate("%", &v));
}

/* a whole number is one its digits state exactly */
static void whole_numbers_are_stated_exactly(void **state)
{
	(void)state;
	assert_true(num_is_exact_whole("9007199254740992", 9007199254740992.0));
	assert_false(num_is_exact_whole("9007199254740993", 9007199254740992.0));
	assert_true(num_is_exact_whole("42", 42));
	assert_true(num_is_exact_whole("1M", 1e6));
	assert_false(num_is_exact_whole("1.5", 1.5));
}

static void malformed_numbers_are_refused(void **state)
{
	static const char *const bad[] = {"", "abc", "1.2.3", "nan", "inf", "0x10", "1e999",
					  "5 M", " 5", "5m", "M", "_1", "1_", "1__0", "1e", "1,5"};
	double v = 42;
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(num_parse(bad[i], &v));
		assert_true(v == 42);
	}
}

static void shortest_form_round_trips(void **state)
{
	char b[40];
	double v = 0;
	(void)state;
	assert_string_equal(num_shortest(b, sizeof(b), 0.1), "0.1");
	assert_string_equal(num_shortest(b, sizeof(b), 2250), "2250");
	assert_string_equal(num_shortest(b, sizeof(b), -0.0), "0");
	assert_string_equal(num_shortest(b, sizeof(b), -3), "-3");
	assert_string_equal(num_shortest(b, sizeof(b), 999999999999999.0), "999999999999999");
	assert_string_equal(num_shortest(b, sizeof(b), 1e15), "1e+15");
	num_shortest(b, sizeof(b), 1.0 / 3);
	assert_true(num_parse(b, &v) && v == 1.0 / 3);
	/* shortest, not 15 digits: these need 17 to read back */
	assert_string_equal(num_shortest(b, sizeof(b), 0.1 + 0.2), "0.30000000000000004");
	assert_string_equal(num_shortest(b, sizeof(b), 0.30542258649144205), "0.30542258649144205");
	assert_string_equal(num_shortest(b, sizeof(b), 1e20), "1e+20");
	assert_string_equal(num_shortest(b, sizeof(b), 1.5e-7), "1.5e-07");
	/* subnormals are numbers, not errors; overflow is refused */
	assert_true(num_parse("4e-320", &v) && v > 0 && v < 1e-300);
	assert_false(num_parse("1e999", &v));
}

/* The plain definition num_shortest must agree with: the first of
 * "%.15g", "%.16g", "%.17g" that reads back (the test runs in the C
 * locale). */
static void shortest_by_definition(char *b, size_t size, double v)
{
	for (int p = 15; p <= 17; p++) {
		snprintf(b, size, "%.*g", p, v);
		if (strtod(b, NULL) == v)
			return;
	}
}

/* A 64-bit xorshift: the same draws on every platform. */
static unsigned long long next(unsigned long long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* num_shortest cuts its candidates from one 17-digit print; it must print
 * what the definition prints for doubles of every kind: any bit pattern,
 * short decimals, values a hair off a half-way cut, every magnitude from
 * subnormal to huge, and carries (9.999...). */
static void shortest_matches_its_definition(void **state)
{
	static const double fixed[] = {0.5, 9.9999999999999995, 99999.999999999996, 0.00010000000000000001,
				       9.9999999999999991e-05, 1e-4, 123456789012345.67, 999999999999999.9,
				       1e15 + 0.5, 4.9406564584124654e-324, 1.7976931348623157e308,
				       2.2250738585072014e-308, 0.30000000000000004, 1.0000000000000002};
	unsigned long long s = 88172645463325252ull;
	char got[40], want[40];
	(void)state;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		for (int sign = 0; sign < 2; sign++) {
			double v = sign ? -fixed[i] : fixed[i];
			if (v == floor(v) && fabs(v) < 1e15)
				continue;
			shortest_by_definition(want, sizeof(want), v);
			assert_string_equal(num_shortest(got, sizeof(got), v), want);
		}
	}
	for (int i = 0; i < 200000; i++) {
		unsigned long long r = next(&s);
		double v;
		switch (i % 4) {
		case 0: /* any finite bit pattern */
			memcpy(&v, &r, sizeof(v));
			if (!isfinite(v))
				continue;
			break;
		case 1: /* a short decimal: a few digits at some scale */
			v = (double)(r % 100000) / pow(10, (double)(r >> 40 & 15)) * pow(10, (double)(r >> 50 & 7));
			break;
		case 2: /* the next double up or down from a short decimal */
			v = (double)(r % 1000000) / 1000;
			v = nextafter(v, r & 1 ? INFINITY : -INFINITY);
			break;
		default: /* money-like results of arithmetic */
			v = (double)(r % 10000000) * 0.73 / 168 * 730;
			break;
		}
		if (v == floor(v) && fabs(v) < 1e15)
			continue;
		shortest_by_definition(want, sizeof(want), v);
		assert_string_equal(num_shortest(got, sizeof(got), v), want);
	}
}

static void dates_are_real_calendar_days(void **state)
{
	long days = 0;
	(void)state;
	assert_true(num_date_valid("2026-02-28"));
	assert_true(num_date_valid("2024-02-29"));
	assert_true(num_date_valid("2000-02-29"));
	assert_false(num_date_valid("2026-02-31"));
	assert_false(num_date_valid("2025-02-29"));
	assert_false(num_date_valid("1900-02-29"));
	assert_false(num_date_valid("2026-04-31"));
	assert_false(num_date_valid("1013-07-29"));
	assert_false(num_date_valid("2026-7-29"));
	assert_false(num_date_days("2026-02-31", &days));
	assert_true(num_date_days("1970-01-02", &days) && days == 1);
}

static void grouping_and_money_for_people(void **state)
{
	char b[64];
	(void)state;
	assert_string_equal(num_grouped(b, sizeof(b), 1234567.891, 2), "1,234,567.89");
	assert_string_equal(num_grouped(b, sizeof(b), -1234, 0), "-1,234");
	assert_string_equal(num_grouped(b, sizeof(b), -0.001, 2), "0.00");
	/* a figure too long to group is not cut to its first 60 digits */
	assert_string_equal(num_grouped(b, sizeof(b), 999999999999999999999.0 - 1e5, 0), "999,999,999,999,999,868,928");
	assert_string_equal(num_grouped(b, sizeof(b), 8.736e305, 0), "8.736e+305");
	assert_string_equal(num_grouped(b, sizeof(b), -2.22e302, 2), "-2.22e+302");
	assert_string_equal(num_grouped(b, sizeof(b), 1e21, 0), "1e+21");
	assert_string_equal(num_money(b, sizeof(b), 2250, "USD"), "$2,250");
	assert_string_equal(num_money(b, sizeof(b), 12.345, "USD"), "$12.35");
	assert_string_equal(num_money(b, sizeof(b), 5, "EUR"), "EUR 5.00");
	assert_string_equal(num_si(b, sizeof(b), 7.4e9), "7.4B");
	assert_string_equal(num_si(b, sizeof(b), 500e6), "500M");
	assert_string_equal(num_si(b, sizeof(b), 1500), "1.5k");
}

static void a_comma_locale_changes_nothing(void **state)
{
	char b[64];
	double v = 0;
	(void)state;
	/* the README's set-up command generates this locale */
	assert_non_null(setlocale(LC_ALL, "de_DE.UTF-8"));
	assert_true(num_parse("1.5", &v) && v == 1.5);
	assert_string_equal(num_shortest(b, sizeof(b), 1.5), "1.5");
	assert_string_equal(num_grouped(b, sizeof(b), 1234.5, 1), "1,234.5");
	/* the locale really is in force: the C library itself writes a comma */
	snprintf(b, sizeof(b), "%.1f", 1.5);
	assert_string_equal(b, "1,5");
	{
		struct sbuf sb;
		sbuf_init(&sb);
		sbuf_printf(&sb, "%.1f %g", 1.5, 0.25);
		assert_string_equal(sb.buf, "1.5 0.25");
		sbuf_release(&sb);
	}
	setlocale(LC_ALL, "C");
}

static void suggestions_catch_typos_not_strangers(void **state)
{
	static const char *const keys[] = {"engineering_fte", "engineer_annual_cost", "pue"};
	static const char *const gpus[] = {"h100-sxm", "h100-pcie", "a100-80gb"};
	(void)state;
	assert_string_equal(suggest("enginer_fte", keys, 3), "engineering_fte");
	assert_string_equal(suggest("peu", keys, 3), "pue");
	assert_null(suggest("colour", keys, 3));
	assert_string_equal(suggest("h100-sm", gpus, 3), "h100-sxm");
	assert_string_equal(suggest("h100", gpus, 3), "h100-sxm");
}

/* Only days that exist are dates: leap years by the Gregorian rule. */
static void dates_are_days_that_exist(void **state)
{
	long days;

	(void)state;
	assert_true(num_date_days("1970-01-01", &days) && days == 0);
	assert_true(num_date_days("2024-02-29", &days) && days == 19782);
	assert_true(num_date_days("2000-02-29", &days));
	assert_false(num_date_days("2026-02-31", &days));
	assert_false(num_date_days("2025-02-29", &days));
	assert_false(num_date_days("1900-02-29", &days));
	assert_false(num_date_days("2026-04-31", &days));
	assert_true(num_date_days("2026-12-31", &days));
	assert_false(num_date_days("2026-13-01", &days));
	assert_false(num_date_days("2026-1-01", &days));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(suffixes_scale_by_powers_of_a_thousand),
		cmocka_unit_test(percentages_read_as_their_decimal),
		cmocka_unit_test(whole_numbers_are_stated_exactly),
		cmocka_unit_test(malformed_numbers_are_refused),
		cmocka_unit_test(shortest_form_round_trips),
		cmocka_unit_test(shortest_matches_its_definition),
		cmocka_unit_test(dates_are_real_calendar_days),
		cmocka_unit_test(grouping_and_money_for_people),
		cmocka_unit_test(a_comma_locale_changes_nothing),
		cmocka_unit_test(suggestions_catch_typos_not_strangers),
		cmocka_unit_test(dates_are_days_that_exist),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
