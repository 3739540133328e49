/*
 * availability.c - the binomial spare-replica rule of model.md 10.
 *
 * Each self-hosted replica is up independently with probability a; a
 * deployment that needs r serving replicas and runs r + k of them is at full
 * capacity while at most k are down. The probability of that is a binomial
 * tail, summed here term by term (each term from the previous
 * one by the ratio of binomial coefficients) relative to the first, with
 * the sums rescaled as they grow, so that neither a^n underflows for
 * thousands of replicas nor 1 - P cancels for targets like 0.99999: the
 * shortfall is summed directly. A side that Chernoff's bound puts below
 * e^-800 is 0 without summing (it would round to 0 anyway), so the work
 * no longer grows with the replicas when the spares are far from the
 * n q replicas expected down.
 *
 * Must not: print, allocate, read anything but its arguments, or touch
 * global state (no lgamma, which sets signgam).
 */
#include "model/availability.h"

#include <math.h>

/* Chernoff's bound on the log of a binomial(n, q) tail beyond j (j below
 * the mean n q: P(D <= j); above it: P(D >= j)): -n KL(j / n || q). */
static double chernoff(double n, double q, double j)
{
	double x = j / n;
	double kl = (x > 0 ? x * log(x / q) : 0) +
		    (x < 1 ? (1 - x) * (log1p(-x) - log1p(-q)) : 0);

	return -n * kl;
}

/* Splits the binomial(n, q) distribution of down replicas at k: *ok is
 * P(D <= k) and *shortfall is P(D > k), each summed from its own terms. The
 * terms are kept relative to P(D = 0) and rescaled before they overflow, so
 * only the ratio of the two sums matters and nothing underflows early. */
static void split(double n, double q, double k, double *ok, double *shortfall)
{
	double ratio = q / (1 - q);
	double mode = floor((n + 1) * q);
	double t = 1, lo = 0, hi = 0; /* t = P(D = j) / P(D = 0), rescaled */

	/* a side below e^-800 would round to 0 in the ratios below (the
	 * smallest double is 4.9e-324, about e^-744): give the same 0 and 1
	 * without summing the n q terms up to the mode */
	if (k < n * q && chernoff(n, q, k) < -800) {
		*ok = 0;
		*shortfall = 1;
		return;
	}
	if (k + 1 > n * q && k + 1 <= n && chernoff(n, q, k + 1) < -800) {
		*ok = 1;
		*shortfall = 0;
		return;
	}

	for (double j = 0; j <= n; j++) {
		if (j > 0)
			t *= (n - j + 1) / j * ratio;
		if (t > 1e250) {
			t *= 1e-250;
			lo *= 1e-250;
			hi *= 1e-250;
		}
		if (j <= k) {
			lo += t;
			continue;
		}
		hi += t;
		/* past the mode the terms fall at least geometrically: stop once
		 * they no longer change the shortfall's 17th digit */
		if (j > mode + 1 && t < hi * 1e-18)
			break;
	}
	*ok = lo / (lo + hi);
	*shortfall = hi / (lo + hi);
}

double avail_at_least(double r, double n, double a)
{
	double ok, shortfall;

	if (r <= 0)
		return 1;
	if (r > n)
		return 0;
	if (a >= 1)
		return 1;
	split(n, 1 - a, n - r, &ok, &shortfall);
	return ok;
}

/* True when r + k replicas meet the target; *achieved gets P(at least r up). */
static int meets(double r, double k, double a, double eps, double *achieved)
{
	double ok, shortfall;

	if (r <= 0) {
		*achieved = 1;
		return 1;
	}
	split(r + k, 1 - a, k, &ok, &shortfall);
	*achieved = ok;
	/* model.md 10; the tolerance keeps exact probabilities from rounding up */
	return shortfall <= eps * (1 + 1e-9);
}

/* Hoeffding: the spares that surely meet the target (see avail_bounds). */
static double spares_upper(double r, double a, double eps, double k_min)
{
	double l = log(1 / eps) / 2;
	double k = ceil(r * (1 - a) / a + (l + sqrt(l * l + 4 * a * l * r)) / (2 * a * a));

	return fmax(k_min, k);
}

double avail_spares(double r, double a, double target, double k_min, double n_max, double *achieved)
{
	double eps = 1 - target, got, lo, hi, hi_got;

	if (!(target > 0) || a >= 1 || r <= 0) {
		if (achieved)
			*achieved = a >= 1 || r <= 0 ? 1 : avail_at_least(r, r + k_min, a);
		return k_min;
	}
	if (r + k_min > n_max)
		goto too_many;
	if (meets(r, k_min, a, eps, &got)) {
		if (achieved)
			*achieved = got;
		return k_min;
	}
	/* k_min fails and the Hoeffding count meets it: bisect between, the
	 * probability growing with every spare added */
	lo = k_min;
	{
		/* the lower bound of avail_bounds, less one, surely fails */
		struct avail_bounds b;
		avail_bounds(&b, a, target, k_min);
		lo = fmax(lo, floor(b.rho * r - b.delta * sqrt(r) - r) - 1);
		if (r + lo > n_max)
			goto too_many;
		if (lo > k_min && meets(r, lo, a, eps, &got))
			lo = k_min; /* rounding at the bound's edge: bisect from the floor */
	}
	hi = spares_upper(r, a, eps, k_min);
	if (r + hi > n_max) {
		/* model.md 10: each sum runs over up to r + k terms; past n_max
		 * replicas in all, say so rather than sum that many */
		if (!meets(r, floor(n_max - r), a, eps, &hi_got))
			goto too_many;
		hi = floor(n_max - r);
	}
	if (!meets(r, hi, a, eps, &hi_got)) {
		/* rounding at the bound's edge: step up until it holds */
		do
			hi++;
		while (!meets(r, hi, a, eps, &hi_got));
	}
	while (hi - lo > 1) {
		double mid = floor((lo + hi) / 2);
		if (meets(r, mid, a, eps, &got)) {
			hi = mid;
			hi_got = got;
		} else {
			lo = mid;
		}
	}
	if (achieved)
		*achieved = hi_got;
	return hi;
too_many:
	if (achieved)
		*achieved = NAN;
	return INFINITY;
}

void avail_bounds(struct avail_bounds *b, double a, double target, double k_min)
{
	double eps, l_hi, l_lo;

	if (!(target > 0) || a >= 1) {
		*b = (struct avail_bounds){1, 0, k_min, 0};
		return;
	}
	eps = 1 - target;
	/* upper: k <= k_min + r q / a + l / a^2 + sqrt(l r / a^3) + 1 with
	 * l = ln(1 / eps) / 2, from P(D >= k + 1) <= exp(-2 t^2 / (r + k)) */
	l_hi = log(1 / eps) / 2;
	/* lower: P(D <= k) >= target needs (N q - k)^2 <= N l' (Hoeffding's
	 * lower tail), so r + k >= (sqrt(r / a) - sqrt(l') / (2 a))^2; the
	 * target is loosened by the comparison tolerance of meets() */
	l_lo = log(1 / (1 - eps * (1 + 1e-9))) / 2;
	b->rho = 1 / a;
	b->beta = sqrt(l_hi / (a * a * a));
	b->gamma = l_hi / (a * a) + 1 + k_min;
	b->delta = sqrt(l_lo / (a * a * a));
}
