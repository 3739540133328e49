/*
 * profile.c - the load over the week of model.md 7.1.
 *
 * Turns a named or custom 24-hour shape and its weekend factor into the 168
 * week-hour loads, normalised to a mean of 1. Must not: validate input (the
 * loader does, with places), print, allocate or keep state.
 */
#include "model/profile.h"

#include <math.h>
#include <string.h>

const char *const profile_names[PROFILE_COUNT] = {
	[PROFILE_NONE] = "one_peak_hour",   [PROFILE_FLAT] = "flat",
	[PROFILE_BUSINESS_HOURS] = "business_hours", [PROFILE_DIURNAL] = "diurnal",
	[PROFILE_BATCH_NIGHTLY] = "batch_nightly",   [PROFILE_CUSTOM] = "custom",
};

void profile_named(struct profile *p, enum profile_shape s)
{
	const double pi = 3.14159265358979323846;

	memset(p, 0, sizeof(*p));
	p->shape = s;
	p->weekend = 1;
	/* model.md 7.1, the table of named shapes */
	for (int h = 0; h < 24; h++) {
		switch (s) {
		case PROFILE_BUSINESS_HOURS:
			p->hourly[h] = h >= 8 && h <= 17 ? 1 : 0.15;
			p->weekend = 0.2;
			break;
		case PROFILE_DIURNAL:
			p->hourly[h] = 1 + 0.6 * cos(2 * pi * (h - 14) / 24);
			p->weekend = 0.7;
			break;
		case PROFILE_BATCH_NIGHTLY:
			p->hourly[h] = h <= 5 ? 1 : 0.1;
			break;
		default:
			p->hourly[h] = 1;
		}
	}
}

bool profile_peak_hour(struct profile *p, double peak)
{
	profile_named(p, PROFILE_FLAT);
	p->shape = PROFILE_NONE;
	if (!(peak < 24))
		return false;
	/* model.md 7.1: mean 23 / (24 - p), so max L / mean L = p exactly */
	p->hourly[14] = 23 * peak / (24 - peak);
	return true;
}

bool profile_week(double L[WEEK_HOURS], const struct profile *p)
{
	double sum = 0, day[2][24];

	for (int h = 0; h < 24; h++) {
		day[0][h] = p->hourly[h];
		day[1][h] = p->hourly[h] * p->weekend;
	}
	/* model.md 7.1: days 0-4 weekdays, 5-6 weekend days */
	for (int i = 0; i < WEEK_HOURS; i++)
		sum += day[i >= 5 * 24][i % 24];
	if (!(sum > 0))
		return false;
	for (int i = 0; i < WEEK_HOURS; i++)
		L[i] = day[i >= 5 * 24][i % 24] * WEEK_HOURS / sum;
	return true;
}

bool profile_week_of(double L[WEEK_HOURS], const struct profile *p, double peak_to_average)
{
	struct profile one;

	if (p->shape != PROFILE_NONE)
		return profile_week(L, p);
	return profile_peak_hour(&one, peak_to_average) && profile_week(L, &one);
}

double profile_peak(const struct profile *p)
{
	double L[WEEK_HOURS], m = 0;

	if (!profile_week(L, p))
		return 0;
	for (int i = 0; i < WEEK_HOURS; i++)
		m = fmax(m, L[i]);
	return m;
}
