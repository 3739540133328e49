/*
 * uncertainty.c - the ranges of model.md 8: key validation, distributions,
 * the xoshiro256** generator, and turning drawn values into engine inputs.
 *
 * Must not: print, read files, the clock or the environment, or allocate
 * in the per-draw functions (range_draw, unc_apply). The generator is
 * fully specified here so that a seed gives the same draws everywhere.
 */
#include "model/uncertainty.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "util/num.h"
#include "util/suggest.h"

const char *const unc_factor_names[UF_COUNT] = {"gpu_price", "api_price", "throughput", "volume"};

/* z such that P(Z <= z) = 0.9 for a standard normal (model.md 8) */
#define Z90 1.2815515655446004

void uncertainty_init(struct uncertainty *u)
{
	memset(u, 0, sizeof(*u));
	u->draws = UNC_DEFAULT_DRAWS;
	u->seed = 1;
}

void uncertainty_release(struct uncertainty *u)
{
	free(u->ranges);
	u->ranges = NULL;
	u->n = 0;
}

enum status uncertainty_put(struct uncertainty *u, const struct range *r, struct diag *d)
{
	struct range *grown;

	for (size_t i = 0; i < u->n; i++) {
		if (strcmp(u->ranges[i].key, r->key) == 0) {
			u->ranges[i] = *r;
			return ST_OK;
		}
	}
	if (u->n == UNC_MAX_RANGES)
		return diag_set(d, ST_INPUT, r->loc.file, r->loc.line, r->loc.col,
				"more than %d ranges", UNC_MAX_RANGES);
	if (!(grown = realloc(u->ranges, (u->n + 1) * sizeof(*grown))))
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	u->ranges = grown;
	u->ranges[u->n++] = *r;
	return ST_OK;
}

/* ---- keys ------------------------------------------------------------------ */

/* Whether workload key k may vary in a scenario stating `given`: every
 * non-volume key, and the volume keys of the form it uses. */
static bool workload_key_ok(int k, const bool *given)
{
	switch (k) {
	case WK_INPUT_TOKENS_PER_MONTH:
	case WK_OUTPUT_TOKENS_PER_MONTH:
	case WK_INPUT_TOKENS_PER_DAY:
	case WK_OUTPUT_TOKENS_PER_DAY:
	case WK_REQUESTS_PER_MONTH:
	case WK_REQUESTS_PER_DAY:
	case WK_INPUT_TOKENS_PER_REQUEST:
	case WK_OUTPUT_TOKENS_PER_REQUEST: return given[k];
	default: return true;
	}
}

/* Every key that may vary, for did-you-mean; returns how many (<= max). */
static size_t valid_keys(char names[][80], size_t max, const bool *given)
{
	size_t n = 0;

	for (int f = 0; f < UF_COUNT && n < max; f++)
		strcpy(names[n], "factor."), strcat(names[n++], unc_factor_names[f]);
	for (int k = 0; k < A_COUNT && n < max; k++) {
		if (assumption_specs[k].integer || assumption_specs[k].is_precision)
			continue;
		strcpy(names[n], "assumptions."), strcat(names[n++], assumption_specs[k].name);
	}
	for (int k = 0; k < WK_COUNT && n < max; k++) {
		if (workload_key_ok(k, given))
			strcpy(names[n], "workload."), strcat(names[n++], workload_keys[k]);
	}
	return n;
}

/* The key's valid range [lo, hi] ((lo, hi] when lo_open) into r. */
static void set_valid(struct range *r, double lo, double hi, bool lo_open, bool fraction)
{
	r->key_lo = lo;
	r->lo_open = lo_open;
	r->valid_lo = lo_open ? nextafter(lo, INFINITY) : lo;
	r->valid_hi = hi;
	r->fraction = fraction;
}

enum status range_key(struct range *r, const char *key, const bool *wl_given, bool has_profile,
		      const struct loc *at, struct diag *d)
{
	char names[96][80], hint[200];
	const char *ptrs[96];
	size_t n;
	int k;

	if (strlen(key) >= sizeof(r->key))
		return diag_set(d, ST_INPUT, at->file, at->line, at->col, "key too long");
	strcpy(r->key, key);
	r->loc = *at;
	if (strncmp(key, "factor.", 7) == 0 && (k = name_index(unc_factor_names, UF_COUNT, key + 7)) >= 0) {
		/* model.md 8: factors are positive multipliers */
		r->target = UT_FACTOR;
		r->index = k;
		set_valid(r, 0, INFINITY, true, false);
		return ST_OK;
	}
	if (strncmp(key, "assumptions.", 12) == 0 && (k = assumption_index(key + 12)) >= 0) {
		const struct assumption_spec *s = &assumption_specs[k];
		if (s->is_precision)
			return diag_set(d, ST_INPUT, at->file, at->line, at->col,
					"'%s' is a name, not a number, and cannot vary", key);
		if (s->integer)
			return diag_set(d, ST_INPUT, at->file, at->line, at->col,
					"'%s' is a whole number and cannot vary; set it with --set", key);
		r->target = UT_ASSUMPTION;
		r->index = k;
		/* model.md 4: the limits --set checks (assumption_check) */
		set_valid(r, s->lo, s->hi, s->lo_open, assumption_is_fraction((enum assumption)k));
		return ST_OK;
	}
	if (strncmp(key, "workload.", 9) == 0 && (k = name_index(workload_keys, WK_COUNT, key + 9)) >= 0) {
		double lo, hi;
		bool lo_open;
		if (!workload_key_ok(k, wl_given))
			return diag_set(d, ST_INPUT, at->file, at->line, at->col,
					"'%s' is not part of this scenario's volume form; vary the "
					"volume keys it states, or factor.volume", key);
		/* model.md 7.1: with a profile the peak is the profile's max L */
		if (k == WK_PEAK_TO_AVERAGE && has_profile)
			return diag_set(d, ST_INPUT, at->file, at->line, at->col,
					"'%s' cannot vary: the workload's profile sets the peak; "
					"remove the range or the profile", key);
		workload_key_range(k, &lo, &hi, &lo_open);
		r->target = UT_WORKLOAD;
		r->index = k;
		/* a share of [0, 1] as the scenario reads it (ynum) */
		set_valid(r, lo, hi, lo_open, lo >= 0 && hi == 1);
		return ST_OK;
	}
	n = valid_keys(names, 96, wl_given);
	for (size_t i = 0; i < n; i++)
		ptrs[i] = names[i];
	if (!strchr(key, '.')) {
		/* a bare name: suggest it under its section */
		for (size_t i = 0; i < n; i++) {
			if (strcmp(strchr(names[i], '.') + 1, key) == 0)
				return diag_set(d, ST_INPUT, at->file, at->line, at->col,
						"unknown key '%s' (did you mean '%s'?)", key, names[i]);
		}
	}
	return diag_set(d, ST_INPUT, at->file, at->line, at->col, "unknown key '%s'%s", key,
			suggest_hint(hint, sizeof(hint), key, ptrs, n));
}

/* model.md 8: bound `v`, called `what`, must lie in the key's valid
 * range, the one --set applies to the same key. */
static enum status bound_ok(const struct range *r, const char *what, double v, struct diag *d)
{
	const struct loc *at = &r->loc;
	char got[32], lim[96];

	if (v >= r->valid_lo && v <= r->valid_hi)
		return ST_OK;
	return diag_set(d, ST_INPUT, at->file, at->line, at->col, "'%s': %s must be %s, got %s", r->key,
			what, num_limits_text(lim, sizeof(lim), r->key_lo, r->lo_open, r->valid_hi, false,
					      r->valid_hi == 1),
			num_shortest(got, sizeof(got), v));
}

/* The smallest standard normal draw range_draw can make: the cosine
 * branch at its least u1, ((0 + 0.5) / 2^53), times cos = -1. */
static double z_floor(void)
{
	return -sqrt(-2 * log(0x1p-54));
}

enum status range_finish(struct range *r, struct diag *d)
{
	const struct loc *at = &r->loc;
	char a[32], b[32];

	if (r->dist == UD_LOGNORMAL) {
		if (!(r->low > 0))
			return diag_set(d, ST_INPUT, at->file, at->line, at->col,
					"'%s': p10 must be > 0, got %s", r->key, num_shortest(a, sizeof(a), r->low));
		if (r->low > r->high)
			return diag_set(d, ST_INPUT, at->file, at->line, at->col,
					"'%s': p10 %s is above p90 %s", r->key, num_shortest(a, sizeof(a), r->low),
					num_shortest(b, sizeof(b), r->high));
		if (bound_ok(r, "p10", r->low, d) || bound_ok(r, "p90", r->high, d))
			return d ? d->code : ST_INPUT;
		/* model.md 8: the lognormal with those quantiles; p10 == p90 is
		 * that one value, exactly */
		r->mu = (log(r->low) + log(r->high)) / 2;
		r->sigma = (log(r->high) - log(r->low)) / (2 * Z90);
		r->mode = r->low == r->high ? r->low : exp(r->mu);
		/* a key open at 0 (a share of time, a rate, a factor) must never
		 * be drawn as 0 or a subnormal: refuse a spread whose tail
		 * reaches there rather than clamp to 5e-324 */
		if (r->lo_open && r->key_lo == 0 && !(exp(r->mu + r->sigma * z_floor()) >= DBL_MIN))
			return diag_set(d, ST_INPUT, at->file, at->line, at->col,
					"'%s': p10 %s and p90 %s are too far apart: the lowest draws "
					"would be 0, which '%s' cannot be", r->key,
					num_shortest(a, sizeof(a), r->low), num_shortest(b, sizeof(b), r->high),
					r->key);
		return ST_OK;
	}
	if (r->low > r->high)
		return diag_set(d, ST_INPUT, at->file, at->line, at->col, "'%s': low %s is above high %s",
				r->key, num_shortest(a, sizeof(a), r->low), num_shortest(b, sizeof(b), r->high));
	if (r->dist == UD_TRIANGULAR && (r->mode < r->low || r->mode > r->high))
		return diag_set(d, ST_INPUT, at->file, at->line, at->col,
				"'%s': mode %s is outside low..high", r->key,
				num_shortest(a, sizeof(a), r->mode));
	if (r->dist == UD_UNIFORM)
		r->mode = (r->low + r->high) / 2;
	if (r->target == UT_FACTOR && !(r->low > 0))
		return diag_set(d, ST_INPUT, at->file, at->line, at->col,
				"'%s': a factor must be positive, got low %s", r->key,
				num_shortest(a, sizeof(a), r->low));
	/* low <= mode <= high: the two ends settle the mode */
	if (bound_ok(r, "low", r->low, d) || bound_ok(r, "high", r->high, d))
		return d ? d->code : ST_INPUT;
	return ST_OK;
}

enum status range_parse(struct range *r, const char *text, const bool *wl_given, bool has_profile,
			const char *flag, struct diag *d)
{
	char key[96], part[3][64];
	const char *eq = strchr(text, '='), *p;
	struct loc at = {flag, 0, 0};
	size_t n = 0, klen;
	bool quantiles;

	memset(r, 0, sizeof(*r));
	if (!eq || eq == text)
		return diag_set(d, ST_INPUT, flag, 0, 0,
				"'%s': expected KEY=LOW..HIGH, KEY=LOW..MODE..HIGH or KEY=p10:A..p90:B", text);
	klen = (size_t)(eq - text);
	if (klen >= sizeof(key))
		return diag_set(d, ST_INPUT, flag, 0, 0, "key too long");
	memcpy(key, text, klen);
	key[klen] = '\0';
	if (range_key(r, key, wl_given, has_profile, &at, d))
		return d->code;
	for (p = eq + 1;; n++) {
		const char *dots = strstr(p, "..");
		size_t len = dots ? (size_t)(dots - p) : strlen(p);
		if (n == 3 || len >= sizeof(part[0]))
			return diag_set(d, ST_INPUT, flag, 0, 0,
					"'%s': expected LOW..HIGH, LOW..MODE..HIGH or p10:A..p90:B", eq + 1);
		memcpy(part[n], p, len);
		part[n][len] = '\0';
		if (!dots) {
			n++;
			break;
		}
		p = dots + 2;
	}
	quantiles = strncmp(part[0], "p10:", 4) == 0;
	if (quantiles) {
		if (n != 2 || strncmp(part[1], "p90:", 4) != 0)
			return diag_set(d, ST_INPUT, flag, 0, 0, "'%s': expected p10:A..p90:B", eq + 1);
		memmove(part[0], part[0] + 4, strlen(part[0] + 4) + 1);
		memmove(part[1], part[1] + 4, strlen(part[1] + 4) + 1);
	} else if (n < 2) {
		return diag_set(d, ST_INPUT, flag, 0, 0,
				"'%s': expected LOW..HIGH, LOW..MODE..HIGH or p10:A..p90:B", eq + 1);
	}
	for (size_t i = 0; i < n; i++) {
		double v;
		/* a share reads "50%" as --set and check do */
		if (!(r->fraction ? num_parse_rate(part[i], &v) : num_parse(part[i], &v)))
			return diag_set(d, ST_INPUT, flag, 0, 0, "'%s' in '%s' is not a number", part[i], text);
		if (i == 0)
			r->low = v;
		else if (i == n - 1)
			r->high = v;
		else
			r->mode = v;
	}
	r->dist = quantiles ? UD_LOGNORMAL : n == 3 ? UD_TRIANGULAR : UD_UNIFORM;
	return range_finish(r, d);
}

/* ---- the generator ----------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *g, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++)
		g->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *g)
{
	uint64_t *s = g->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double rng_uniform(struct rng *g)
{
	return ((double)(rng_next(g) >> 11) + 0.5) * 0x1p-53;
}

double range_draw(const struct range *r, struct rng *g)
{
	double u = rng_uniform(g), x;

	switch (r->dist) {
	case UD_UNIFORM:
		x = r->low + (r->high - r->low) * u;
		break;
	case UD_TRIANGULAR: {
		/* inverse CDF of the triangular distribution */
		double span = r->high - r->low, left = r->mode - r->low;
		if (span <= 0)
			x = r->low;
		else if (u * span < left)
			x = r->low + sqrt(u * span * left);
		else
			x = r->high - sqrt((1 - u) * span * (r->high - r->mode));
		break;
	}
	default: {
		/* Box-Muller, cosine branch: z = sqrt(-2 ln u1) cos(2 pi u2), 2 pi
		 * written out as the double nearest it */
		double u2 = rng_uniform(g);
		double z = sqrt(-2 * log(u)) * cos(6.283185307179586 * u2);
		/* p10 == p90: that value to the last bit, as a degenerate
		 * uniform gives (exp(log(p10)) need not round back to it); both
		 * uniforms are still taken, so other ranges draw the same */
		x = r->sigma == 0 ? r->low : exp(r->mu + r->sigma * z);
		break;
	}
	}
	/* model.md 8: a draw outside the key's valid range is clamped */
	return fmin(fmax(x, r->valid_lo), r->valid_hi);
}

/* ---- worlds -------------------------------------------------------------------- */

void unc_base_init(struct unc_base *b, const struct scenario *sc, const struct assumptions *a,
		   const struct workload *w, const struct range *r, size_t n)
{
	b->sc = sc;
	b->a = a;
	b->w = w;
	b->rebuild_workload = false;
	for (size_t i = 0; i < n; i++) {
		/* the workload derives from its keys, the hours of a month (per-day
		 * forms) and the default context */
		b->rebuild_workload |= r[i].target == UT_WORKLOAD ||
				       (r[i].target == UT_ASSUMPTION &&
					(r[i].index == A_HOURS_PER_MONTH || r[i].index == A_DEFAULT_CONTEXT_TOKENS));
	}
}

double unc_base_value(const struct unc_base *b, const struct range *r)
{
	const struct workload *w = b->w;

	switch (r->target) {
	case UT_FACTOR: return 1;
	case UT_ASSUMPTION: return b->a->v[r->index];
	default: break;
	}
	if (b->sc->given[r->index])
		return b->sc->wv[r->index];
	/* a key the scenario leaves out: its resolved default */
	switch (r->index) {
	case WK_CACHED_INPUT_FRACTION: return w->cached_input_fraction;
	case WK_BATCH_FRACTION: return w->batch_fraction;
	case WK_CACHE_WRITE_FRACTION: return w->cache_write_fraction;
	case WK_PEAK_TO_AVERAGE: return w->peak_to_average;
	case WK_CONTEXT_TOKENS: return w->context_tokens;
	case WK_MIN_OUTPUT_TPS_PER_USER: return w->min_output_tps_per_user;
	default: return 0;
	}
}

/* The drawn values of the workload keys of r[0..n) over the scenario's,
 * into a copy of it; the volume factor drawn (1 when none). */
static double drawn_scenario(struct scenario *sc, const struct unc_base *b, const struct range *r,
			     size_t n, const double *x)
{
	double vf = 1;

	if (sc)
		*sc = *b->sc;
	for (size_t i = 0; i < n; i++) {
		if (r[i].target == UT_WORKLOAD && sc) {
			sc->wv[r[i].index] = x[i];
			sc->given[r[i].index] = true;
		} else if (r[i].target == UT_FACTOR && r[i].index == UF_VOLUME) {
			vf = x[i];
		}
	}
	return vf;
}

/* model.md 8: factor.volume multiplies the whole volume, shape fixed */
static void scale_volume(struct workload *w, double vf)
{
	if (vf != 1 && w->t_in + w->t_out > 0) {
		struct workload scaled;
		engine_scale(&scaled, w, (w->t_in + w->t_out) * vf);
		*w = scaled;
	}
}

void unc_apply(struct world *out, const struct unc_base *b, const struct range *r, size_t n,
	       const double *x)
{
	double vf;

	out->a = *b->a;
	/* many evaluations: skip the report-only table of price alternatives */
	out->a.totals_only = true;
	for (size_t i = 0; i < n; i++) {
		if (r[i].target == UT_ASSUMPTION)
			out->a.v[r[i].index] = x[i];
		else if (r[i].target == UT_FACTOR) {
			switch (r[i].index) {
			case UF_GPU_PRICE: out->a.gpu_price_factor = x[i]; break;
			case UF_API_PRICE: out->a.api_price_factor = x[i]; break;
			case UF_THROUGHPUT: out->a.throughput_factor = x[i]; break;
			default: break;
			}
		}
	}
	if (b->rebuild_workload) {
		struct scenario sc;
		vf = drawn_scenario(&sc, b, r, n, x);
		scenario_workload(&out->w, &sc, &out->a);
	} else {
		vf = drawn_scenario(NULL, b, r, n, x);
		out->w = *b->w;
	}
	scale_volume(&out->w, vf);
}

void unc_segment_workload(struct workload *out, const struct unc_base *b, size_t seg,
			  const struct workload *at_base, const struct world *wd,
			  const struct range *r, size_t n, const double *x)
{
	double vf;

	if (b->rebuild_workload) {
		struct scenario sc;
		vf = drawn_scenario(&sc, b, r, n, x);
		scenario_segment_workload(out, &sc, seg, &wd->a);
	} else {
		vf = drawn_scenario(NULL, b, r, n, x);
		*out = *at_base;
	}
	/* model.md 8 and 7.4: the volume factor scales every segment, so the
	 * segments still add up to the whole workload */
	scale_volume(out, vf);
}
