/*
 * uncertainty.h - ranges over the model's inputs (model.md 8): which keys
 * may vary, their distributions, the generator every draw comes from, and
 * how one set of drawn values becomes engine inputs.
 *
 * Pure: no I/O. A `struct uncertainty` owns its array of ranges (release
 * with uncertainty_release); everything else here is plain values.
 */
#ifndef LLMTCO_UNCERTAINTY_H
#define LLMTCO_UNCERTAINTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/engine.h"
#include "util/diag.h"

struct scenario;

#define UNC_DEFAULT_DRAWS 10000
#define UNC_MAX_DRAWS 10000000
#define UNC_MAX_RANGES 64

/* What a range varies. */
enum unc_target { UT_ASSUMPTION, UT_WORKLOAD, UT_FACTOR };

/* The four factors of model.md 8, default 1. */
enum unc_factor { UF_GPU_PRICE, UF_API_PRICE, UF_THROUGHPUT, UF_VOLUME, UF_COUNT };

/* "gpu_price", "api_price", "throughput", "volume". */
extern const char *const unc_factor_names[UF_COUNT];

enum unc_dist { UD_UNIFORM, UD_TRIANGULAR, UD_LOGNORMAL };

/* One varied input. For UD_LOGNORMAL, low and high hold p10 and p90. */
struct range {
	char key[80];          /* full dotted name: "assumptions.engineering_fte" */
	enum unc_target target;
	int index;             /* enum assumption, enum wkey or enum unc_factor */
	enum unc_dist dist;
	double low, mode, high;
	double mu, sigma;      /* lognormal parameters */
	double valid_lo, valid_hi; /* the key's valid range: draws are clamped to it */
	double key_lo;         /* its lower limit as written: valid_lo unless lo_open */
	bool lo_open;          /* the limit is excluded (valid_lo is the next double) */
	bool fraction;         /* a share: bounds may be written "N%" (as with --set) */
	struct loc loc;        /* where it was given (line 0: a flag, named by file) */
};

/* A scenario's `uncertainty` section and the --range flags over it. */
struct uncertainty {
	double draws;    /* a whole number, 1..UNC_MAX_DRAWS */
	uint64_t seed;
	struct range *ranges; /* owned */
	size_t n;
};

/* Fills `u` with the defaults: 10000 draws, seed 1, no ranges. */
void uncertainty_init(struct uncertainty *u);

/* Frees the ranges. Safe on a zeroed or initialised `u`. */
void uncertainty_release(struct uncertainty *u);

/* Adds `r`, replacing a range of the same key (a --range over the
 * scenario's). ST_INPUT at r->loc when there are too many, ST_IO when out
 * of memory. */
enum status uncertainty_put(struct uncertainty *u, const struct range *r, struct diag *d);

/* Resolves a dotted `key` for a scenario whose volume form is given by
 * `wl_given` (which workload keys it states, enum wkey order) into
 * r->key, target, index and valid range. Integer and text keys, keys of
 * another volume form, workload.peak_to_average when `has_profile` (the
 * profile sets the peak, model.md 7.1) and unknown keys fail with
 * ST_INPUT placed at `at` (unknown ones with a did-you-mean). */
enum status range_key(struct range *r, const char *key, const bool *wl_given, bool has_profile,
		      const struct loc *at, struct diag *d);

/* Checks a range's numbers (model.md 8: low <= mode <= high, p10 > 0,
 * p10 <= p90, factors positive, every bound within the key's valid range
 * as --set checks it, and a lognormal of a key open at 0 whose smallest
 * draw is still a normal positive double) and computes mu and sigma. The
 * distribution and numbers must be set. ST_INPUT placed at r->loc. */
enum status range_finish(struct range *r, struct diag *d);

/* Parses "KEY=LOW..HIGH", "KEY=LOW..MODE..HIGH" or "KEY=p10:A..p90:B"
 * (numbers with suffixes; percentages for a share, as num_parse_rate reads
 * them) into `r`, checked as above; errors name `flag`. */
enum status range_parse(struct range *r, const char *text, const bool *wl_given, bool has_profile,
			const char *flag, struct diag *d);

/* xoshiro256** (Blackman and Vigna), seeded through splitmix64. */
struct rng {
	uint64_t s[4];
};

/* Seeds the generator: s[i] are four successive splitmix64 outputs of
 * `seed`. */
void rng_seed(struct rng *g, uint64_t seed);

/* The next 64 random bits. */
uint64_t rng_next(struct rng *g);

/* A uniform double in (0, 1): ((next >> 11) + 0.5) / 2^53. */
double rng_uniform(struct rng *g);

/* Draws one value of `r` (uniform and triangular by inversion of one
 * uniform; lognormal by Box-Muller from two, the cosine branch, exactly
 * p10 when p10 == p90), clamped to the key's valid range. */
double range_draw(const struct range *r, struct rng *g);

/* The base of every varied input, and what a world needs to rebuild. */
struct unc_base {
	const struct scenario *sc;
	const struct assumptions *a; /* resolved at base */
	const struct workload *w;    /* resolved at base */
	bool rebuild_workload;       /* some range changes what the workload derives from */
};

/* The inputs of one evaluation: assumptions (the price and throughput
 * factors among them) and the workload (factor.volume applied). */
struct world {
	struct assumptions a;
	struct workload w;
};

/* Prepares `b` for the ranges `r[0..n)` over a loaded scenario. */
void unc_base_init(struct unc_base *b, const struct scenario *sc, const struct assumptions *a,
		   const struct workload *w, const struct range *r, size_t n);

/* The base value of range `r`'s key: the resolved assumption or workload
 * value, 1 for a factor. */
double unc_base_value(const struct unc_base *b, const struct range *r);

/* Fills `out` with the base inputs, the keys of r[0..n) set to x[0..n).
 * No allocation. */
void unc_apply(struct world *out, const struct unc_base *b, const struct range *r, size_t n,
	       const double *x);

/* model.md 7.4 in a world: segment `seg`'s workload with the drawn
 * workload keys of r[0..n) over the top level's (which the segment
 * inherits unless it gives them), under the world's assumptions, its
 * volume scaled by factor.volume. `at_base` is the segment's workload at
 * base (used as is when nothing it derives from varies); `wd` the world
 * from unc_apply. No allocation. */
void unc_segment_workload(struct workload *out, const struct unc_base *b, size_t seg,
			  const struct workload *at_base, const struct world *wd,
			  const struct range *r, size_t n, const double *x);

#endif
