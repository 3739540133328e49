/*
 * num.h - locale-independent number parsing and printing.
 *
 * Parsing accepts plain and exponent notation, '_' digit separators and the
 * suffixes k, M, B, T (1e3, 1e6, 1e9, 1e12). Printing never depends on
 * LC_NUMERIC: '.' is always the decimal point.
 */
#ifndef LLMTCO_NUM_H
#define LLMTCO_NUM_H

#include <stdbool.h>
#include <stddef.h>

/* Parses all of `s` into a finite double. Returns false (and leaves *out
 * unchanged) on an empty string, trailing garbage, NaN, infinity or a value
 * out of double range. */
bool num_parse(const char *s, double *out);

/* Parses a rate: a number as num_parse() does, or a percentage "5%",
 * "-20%" (that number / 100; a plain decimal as the double nearest its
 * hundredth, so "94.2%" is 0.942 exactly as "0.942" is). False as
 * num_parse() is, or for a bare "%". */
bool num_parse_rate(const char *s, double *out);

/* Whether `v`, parsed from `s`, is a whole number that `s` states exactly:
 * false for a fraction, or for digits beyond what a double holds
 * ("9007199254740993", 2^53 + 1, parses as 2^53). */
bool num_is_exact_whole(const char *s, double v);

/* The limits of a valid range as messages state them: "> 0 and <= 1",
 * "< hi" when hi_open, no upper part when hi is infinite, and for a
 * fraction " (a fraction: write 0.5 or 50%)". Returns buf. */
char *num_limits_text(char *buf, size_t size, double lo, bool lo_open, double hi, bool hi_open,
		      bool fraction);

/* Shortest representation of `v` that reads back as the same double, "%.17g"
 * style ("0.1", "1e+21", "-3"). `v` must be finite. Returns buf. */
char *num_shortest(char *buf, size_t size, double v);

/* `v` rounded to `decimals` places with ',' grouping thousands
 * ("1,234,567.89"); from 1e21 on (where the digits would run past the
 * buffer) four significant digits in exponent form ("8.736e+305").
 * Returns buf. */
char *num_grouped(char *buf, size_t size, double v, int decimals);

/* `v` with an SI-style suffix for people: 1.5k, 500M, 7.4B, 1.2T.
 * Returns buf. */
char *num_si(char *buf, size_t size, double v);

/* Money for people: "$1,234" (whole units) when |v| >= 100, else "$12.34".
 * The currency symbol is '$' for USD, else the code and a space. Returns buf. */
char *num_money(char *buf, size_t size, double v, const char *currency);

/* True when `ymd` is a real calendar date YYYY-MM-DD from 1970 on
 * (2026-02-31 and 2025-02-29 are not): the one date rule of every
 * reader. */
bool num_date_valid(const char *ymd);

/* Days since 1970-01-01 of a "YYYY-MM-DD" date (proleptic Gregorian).
 * Returns false when `ymd` is not such a date or the day does not exist
 * (2026-02-31). */
bool num_date_days(const char *ymd, long *days);

/* Money with an SI suffix for sentences: "$31.2k", "$950", "EUR 1.5M".
 * Returns buf. */
char *num_money_si(char *buf, size_t size, double v, const char *currency);

#endif
