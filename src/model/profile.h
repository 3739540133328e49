/*
 * profile.h - the load over the week (model.md 7.1): named and custom
 * 24-hour shapes with a weekend factor, normalised to the 168 week-hours
 * that autoscaling (7.2) and hybrids (7.3) walk.
 *
 * Pure: no I/O, no allocation. A profile is a plain value; copy it freely.
 */
#ifndef LLMTCO_PROFILE_H
#define LLMTCO_PROFILE_H

#include <stdbool.h>

#define WEEK_HOURS 168

/* PROFILE_NONE (0, so a zeroed workload has it) stands for the
 * one-peak-hour shape built from peak_to_average (7.1, last paragraph). */
enum profile_shape {
	PROFILE_NONE,
	PROFILE_FLAT,
	PROFILE_BUSINESS_HOURS,
	PROFILE_DIURNAL,
	PROFILE_BATCH_NIGHTLY,
	PROFILE_CUSTOM,
	PROFILE_COUNT
};

/* Shape names as the scenario and the JSON spell them, indexed by enum
 * profile_shape: "one_peak_hour", "flat", "business_hours", "diurnal",
 * "batch_nightly", "custom". The first and last are not names a scenario
 * may give. */
extern const char *const profile_names[PROFILE_COUNT];

struct profile {
	enum profile_shape shape;
	double hourly[24]; /* hour 0 to 23, >= 0, not normalised */
	double weekend;    /* factor on days 5 and 6, >= 0 */
};

/* Fills `p` with named shape `s` (PROFILE_FLAT .. PROFILE_BATCH_NIGHTLY),
 * the table of model.md 7.1. */
void profile_named(struct profile *p, enum profile_shape s);

/* Fills `p` with the one-peak-hour shape of model.md 7.1: 1 for 23 hours
 * and 23 peak / (24 - peak) at hour 14, weekend 1, so that max L = peak.
 * Returns false (and leaves a flat shape) when peak >= 24, which the
 * loader reports as an input error for the options that need it. */
bool profile_peak_hour(struct profile *p, double peak_to_average);

/* The 168 loads L(d, h) of model.md 7.1, index d * 24 + h, scaled so that
 * their mean is 1. Returns false, L untouched, when every value is 0. */
bool profile_week(double L[WEEK_HOURS], const struct profile *p);

/* The week of a workload's shape: `p` itself, or the one-peak-hour shape
 * of `peak_to_average` when p->shape is PROFILE_NONE. False when the shape
 * is all zeros or the peak is 24 or more. */
bool profile_week_of(double L[WEEK_HOURS], const struct profile *p, double peak_to_average);

/* max L of a normalised profile: its peak_to_average (model.md 7.1).
 * 0 when it is all zeros. */
double profile_peak(const struct profile *p);

#endif
