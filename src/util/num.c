/*
 * num.c - number parsing and printing that no locale can change.
 *
 * strtod_l/snprintf run under a private "C" locale object, so a host
 * program's setlocale(LC_NUMERIC, ...) never changes a byte we read or write.
 */
#define _GNU_SOURCE
#include "util/num.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static locale_t c_locale(void)
{
	return newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

bool num_parse(const char *s, double *out)
{
	char buf[128], *end;
	size_t n = 0;
	double mult = 1, v;
	locale_t loc;

	/* copy without '_' separators; they must sit between digits */
	for (const char *p = s; *p; p++) {
		if (*p == '_') {
			if (p == s || p[1] < '0' || p[1] > '9' || p[-1] < '0' || p[-1] > '9')
				return false;
			continue;
		}
		if (n + 1 >= sizeof(buf))
			return false;
		buf[n++] = *p;
	}
	buf[n] = '\0';
	if (n == 0)
		return false;
	switch (buf[n - 1]) {
	case 'k': mult = 1e3; break;
	case 'M': mult = 1e6; break;
	case 'B': mult = 1e9; break;
	case 'T': mult = 1e12; break;
	default: break;
	}
	if (mult != 1) {
		buf[--n] = '\0';
		if (n == 0)
			return false;
	}
	/* strtod also takes hex, "inf", "nan" and leading space: refuse them */
	for (size_t i = 0; i < n; i++) {
		char c = buf[i];
		if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' ||
		      c == '-'))
			return false;
	}
	loc = c_locale();
	if (loc == (locale_t)0)
		return false;
	errno = 0;
	v = strtod_l(buf, &end, loc);
	freelocale(loc);
	/* ERANGE on underflow still leaves a subnormal, which is a real number;
	 * only an overflow (inf) is refused below */
	if (end == buf || *end || (errno == ERANGE && fabs(v) >= 1))
		return false;
	v *= mult;
	if (!isfinite(v))
		return false;
	*out = v;
	return true;
}

/* snprintf "%.*g" (fixed = false) or "%.*f" of v under the "C" locale */
static void print_c(char *buf, size_t size, bool fixed, int prec, double v)
{
	locale_t loc = c_locale(), old = (locale_t)0;

	if (loc != (locale_t)0)
		old = uselocale(loc);
	if (fixed)
		snprintf(buf, size, "%.*f", prec, v);
	else
		snprintf(buf, size, "%.*g", prec, v);
	if (loc != (locale_t)0) {
		uselocale(old);
		freelocale(loc);
	}
}

bool num_parse_rate(const char *s, double *out)
{
	char buf[128];
	size_t n = strlen(s);
	double v;

	if (n == 0 || s[n - 1] != '%')
		return num_parse(s, out);
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n - 1);
	buf[n - 1] = '\0';
	if (!num_parse(buf, &v))
		return false;
	/* a plain decimal reads as the nearest double to its hundredth
	 * ("94.2%" as 0.942, where 94.2 / 100 is 0.9420000000000001) */
	if (strspn(buf, "+-0123456789.") == n - 1 && n + 3 < sizeof(buf)) {
		memcpy(buf + n - 1, "e-2", 4);
		if (num_parse(buf, out))
			return true;
	}
	*out = v / 100;
	return true;
}

/* Copies the `n` bytes of `t` into buf of `size` bytes as a string,
 * truncated as snprintf would. */
static void copy_text(char *buf, size_t size, const char *t, size_t n)
{
	if (size == 0)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(buf, t, n);
	buf[n] = '\0';
}

/* Writes in `buf` what "%.{p}g" prints for the value of sign `neg`, p
 * significant digits `dig` (rounded already) and decimal exponent `x`:
 * plain notation when -4 <= x < p, else d.ddde+XX; trailing zeros and a
 * bare point dropped (C11 7.21.6.1). */
static void put_g(char *buf, size_t size, bool neg, const char *dig, int p, int x)
{
	char t[64];
	size_t o = 0;
	int nd = p;

	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	if (neg)
		t[o++] = '-';
	if (x >= -4 && x < p) {
		if (x < 0) {
			t[o++] = '0';
			t[o++] = '.';
			for (int i = -1; i > x; i--)
				t[o++] = '0';
			for (int i = 0; i < nd; i++)
				t[o++] = dig[i];
		} else {
			for (int i = 0; i <= x; i++)
				t[o++] = i < nd ? dig[i] : '0';
			if (nd > x + 1) {
				t[o++] = '.';
				for (int i = x + 1; i < nd; i++)
					t[o++] = dig[i];
			}
		}
		t[o] = '\0';
	} else {
		t[o++] = dig[0];
		if (nd > 1) {
			t[o++] = '.';
			for (int i = 1; i < nd; i++)
				t[o++] = dig[i];
		}
		t[o++] = 'e';
		t[o++] = x < 0 ? '-' : '+';
		x = x < 0 ? -x : x;
		if (x >= 100)
			t[o++] = (char)('0' + x / 100);
		t[o++] = (char)('0' + x / 10 % 10);
		t[o++] = (char)('0' + x % 10);
		t[o] = '\0';
	}
	copy_text(buf, size, t, o);
}

/* Rounds the 17 digits `d17` (of a double v, correctly rounded) to `p`
 * digits in `dig`, adjusting the exponent `*x` on a carry. False when the
 * cut is exactly half-way: d17 may then have rounded v up or down, so only
 * v itself can tell the p-digit rounding. */
static bool round_digits(char *dig, const char *d17, int p, int *x)
{
	bool half = d17[p] == '5', up;

	for (int i = p + 1; i < 17; i++)
		half = half && d17[i] == '0';
	if (half)
		return false;
	up = d17[p] >= '5';
	memcpy(dig, d17, (size_t)p);
	for (int i = p - 1; up && i >= 0; i--) {
		up = dig[i] == '9';
		dig[i] = up ? '0' : (char)(dig[i] + 1);
	}
	if (up) { /* 99..9 became 00..0 */
		dig[0] = '1';
		(*x)++;
	}
	return true;
}

char *num_shortest(char *buf, size_t size, double v)
{
	locale_t loc, old;
	char e17[40], d17[17], dig[17];
	const char *q;
	bool neg = v < 0;
	int n = 0, x;

	if (v == 0)
		v = 0; /* no "-0" */
	/* a whole number below 1e15 prints exactly, in plain notation with
	 * no decimal point in any locale, and that is its shortest form */
	if (fabs(v) < 1e15 && v == floor(v)) {
		char t[24];
		size_t o = sizeof(t);
		long long m = (long long)fabs(v);
		do {
			t[--o] = (char)('0' + m % 10);
			m /= 10;
		} while (m);
		if (v < 0)
			t[--o] = '-';
		copy_text(buf, size, t + o, sizeof(t) - o);
		return buf;
	}
	loc = c_locale();
	if (loc == (locale_t)0 || !isfinite(v)) {
		snprintf(buf, size, "%.17g", v);
		return buf;
	}
	/* the fewest significant digits that read back to the same double,
	 * as "%.{15,16,17}g" print them, first to read back wins: when some
	 * k <= 15 digits do, %.15g prints exactly those (the double lies within
	 * half an ulp of them, far inside the 15-digit grid) and %g drops the
	 * trailing zeros. The candidates are cut from one "%.16e" print: a
	 * third of the formatting of printing each */
	old = uselocale(loc);
	snprintf(e17, sizeof(e17), "%.16e", v);
	for (q = e17; *q && *q != 'e'; q++) {
		if (*q >= '0' && *q <= '9' && n < 17)
			d17[n++] = *q;
	}
	x = atoi(q + 1);
	for (int p = 15; p <= 17; p++) {
		int xp = x;
		if (p == 17) {
			put_g(buf, size, neg, d17, 17, x); /* 17 digits always read back */
			break;
		}
		if (round_digits(dig, d17, p, &xp))
			put_g(buf, size, neg, dig, p, xp);
		else
			snprintf(buf, size, "%.*g", p, v);
		if (strtod_l(buf, NULL, loc) == v)
			break;
	}
	uselocale(old);
	freelocale(loc);
	return buf;
}

char *num_grouped(char *buf, size_t size, double v, int decimals)
{
	char raw[64], out[96];
	const char *dot, *p = raw;
	size_t o = 0, intlen;

	if (!(fabs(v) < 1e21)) {
		/* 22 digits and more do not fit raw and say nothing to a reader:
		 * four significant digits, as %g writes them */
		print_c(buf, size, false, 4, v);
		return buf;
	}
	print_c(raw, sizeof(raw), true, decimals, v);
	if (strcmp(raw, "-0") == 0 || strncmp(raw, "-0.", 3) == 0) {
		bool zero = true;
		for (const char *q = raw + 1; *q; q++)
			zero &= *q == '0' || *q == '.';
		if (zero)
			p++;
	}
	if (*p == '-')
		out[o++] = *p++;
	dot = strchr(p, '.');
	intlen = dot ? (size_t)(dot - p) : strlen(p);
	for (size_t i = 0; i < intlen; i++) {
		out[o++] = p[i];
		if ((intlen - i - 1) % 3 == 0 && i + 1 < intlen)
			out[o++] = ',';
	}
	if (dot) {
		size_t rest = strlen(dot);
		memcpy(out + o, dot, rest);
		o += rest;
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
	return buf;
}

char *num_si(char *buf, size_t size, double v)
{
	static const struct {
		double scale;
		const char *suffix;
	} units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
	double a = fabs(v);
	char num[48];

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (a >= units[i].scale * 0.9995) {
			double x = v / units[i].scale;
			print_c(num, sizeof(num), true, fabs(x) >= 99.95 ? 0 : fabs(x) >= 9.995 ? 1 : 2, x);
			/* trim trailing zeros of the fraction: "1.50" -> "1.5", "2.00" -> "2" */
			if (strchr(num, '.')) {
				size_t n = strlen(num);
				while (num[n - 1] == '0')
					num[--n] = '\0';
				if (num[n - 1] == '.')
					num[--n] = '\0';
			}
			snprintf(buf, size, "%s%s", num, units[i].suffix);
			return buf;
		}
	}
	print_c(num, sizeof(num), false, 3, v);
	snprintf(buf, size, "%s", num);
	return buf;
}

char *num_money(char *buf, size_t size, double v, const char *currency)
{
	char num[64];
	bool usd = strcmp(currency, "USD") == 0;

	num_grouped(num, sizeof(num), fabs(v), fabs(v) >= 100 ? 0 : 2);
	snprintf(buf, size, "%s%s%s%s", v < 0 && strcmp(num, "0") && strcmp(num, "0.00") ? "-" : "",
		 usd ? "$" : currency, usd ? "" : " ", num);
	return buf;
}

char *num_money_si(char *buf, size_t size, double v, const char *currency)
{
	char num[48];
	bool usd = strcmp(currency, "USD") == 0;

	if (fabs(v) < 1000)
		return num_money(buf, size, v, currency);
	num_si(num, sizeof(num), fabs(v));
	snprintf(buf, size, "%s%s%s%s", v < 0 ? "-" : "", usd ? "$" : currency, usd ? "" : " ", num);
	return buf;
}

bool num_date_valid(const char *ymd)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long y, m, d;

	if (!ymd || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-')
		return false;
	for (int i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (ymd[i] < '0' || ymd[i] > '9'))
			return false;
	}
	y = strtol(ymd, NULL, 10);
	m = strtol(ymd + 5, NULL, 10);
	d = strtol(ymd + 8, NULL, 10);
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	/* 29 February only in leap years */
	return !(m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

bool num_date_days(const char *ymd, long *days)
{
	long y, m, d, era, yoe, doy, doe;

	if (!num_date_valid(ymd))
		return false;
	y = strtol(ymd, NULL, 10);
	m = strtol(ymd + 5, NULL, 10);
	d = strtol(ymd + 8, NULL, 10);
	/* Howard Hinnant's days_from_civil */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*days = era * 146097 + doe - 719468;
	return true;
}

bool num_is_exact_whole(const char *s, double v)
{
	unsigned long long u;
	char *end;

	if (v != floor(v))
		return false;
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return true; /* a suffix or an exponent: judged by its value */
	errno = 0;
	u = strtoull(s, &end, 10);
	return errno == 0 && (double)u == v && (unsigned long long)v == u;
}

char *num_limits_text(char *buf, size_t size, double lo, bool lo_open, double hi, bool hi_open,
		      bool fraction)
{
	char a[40], b[40];

	num_shortest(a, sizeof(a), lo);
	if (isinf(hi))
		snprintf(buf, size, "%s %s", lo_open ? ">" : ">=", a);
	else
		snprintf(buf, size, "%s %s and %s %s%s", lo_open ? ">" : ">=", a, hi_open ? "<" : "<=",
			 num_shortest(b, sizeof(b), hi), fraction ? " (a fraction: write 0.5 or 50%)" : "");
	return buf;
}
