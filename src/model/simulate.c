/*
 * simulate.c - the Monte Carlo of model.md 8.1.
 *
 * One pass draws every range, evaluates every option with the engine and
 * keeps counts, compensated sums and, for each quantile of each option, a
 * bracket: the totals near where that quantile will fall, at most SIM_CAP
 * of them, and how many fell below. When a bracket fills, it keeps only the
 * ranks the final quantile can still plausibly take (see cut()). The
 * quantiles are exact order statistics either way: one a bracket did not
 * keep is found by replaying the draws, reproducible from the seed, which
 * count its range of order-preserving keys in 4,096 buckets at a time
 * until it is small enough to collect. So memory is flat in the number of
 * draws (docs/model.md 8.1). With segments (model.md 7.4) the portfolio
 * is solved in every draw from the segments' own options and is one more
 * row: its totals summarised like an option's, competing for the cheapest.
 *
 * Must not print, read files or the clock; the hooks are how a caller
 * sees draws and progress.
 */
#include "model/simulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"

const double sim_quantiles[SIM_N_QUANTILES] = {0.05, 0.10, 0.50, 0.90, 0.95};

/* totals a quantile's bracket keeps at most (64 KiB) */
#define SIM_CAP ((size_t)8192)
/* a narrowed bracket's half-width, in standard deviations of the rank */
#define SIM_SPREAD 5.0
/* a replay splits a range of keys into 4,096 buckets */
#define STEP_BITS 12
#define PROGRESS_EVERY 4096

bool sim_is_hosted(enum option_kind k)
{
	return k == OPT_API || k == OPT_MANAGED;
}

double sim_quantile_sorted(const double *x, size_t n, double q)
{
	double h = (double)(n - 1) * q, lo = floor(h), t = h - lo;
	size_t i = (size_t)lo, j = i + 1 < n ? i + 1 : n - 1;
	double a = x[i], b = x[j], diff = b - a;

	/* numpy's _lerp: from the nearer end, so t = 1 gives b exactly */
	return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/* An unsigned key with the order of the doubles (negative ones too). */
static uint64_t order_key(double v)
{
	uint64_t b;

	memcpy(&b, &v, sizeof(b));
	return (b >> 63) ? ~b : b | ((uint64_t)1 << 63);
}

static double key_value(uint64_t k)
{
	uint64_t b = (k >> 63) ? k & ~((uint64_t)1 << 63) : ~k;
	double v;

	memcpy(&v, &b, sizeof(v));
	return v;
}

static int by_value(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;
	return (a > b) - (a < b);
}

#define RADIX_BITS 11
#define RADIX_MIN 4096

/* Sorts x[0..n) ascending: the same order as qsort by value (equal totals
 * are the same double, so their order cannot show), in linear time by an
 * LSD radix sort of the order-preserving keys, 11 bits a pass, passes
 * whose digit is the same for every key skipped. `tmp` holds 2n keys. */
static void sort_totals(double *x, size_t n, uint64_t *tmp)
{
	uint64_t *from = tmp, *to = tmp + n;
	size_t count[1u << RADIX_BITS];

	if (n < RADIX_MIN || !tmp) {
		qsort(x, n, sizeof(*x), by_value);
		return;
	}
	/* the keys, then back and forth between the two halves of tmp */
	for (size_t i = 0; i < n; i++)
		from[i] = order_key(x[i]);
	for (int shift = 0; shift < 64; shift += RADIX_BITS) {
		size_t sum = 0;
		bool same = false;
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[(from[i] >> shift) & ((1u << RADIX_BITS) - 1)]++;
		for (size_t b = 0; b < (1u << RADIX_BITS); b++) {
			size_t c = count[b];
			same |= c == n;
			count[b] = sum;
			sum += c;
		}
		if (same)
			continue;
		for (size_t i = 0; i < n; i++)
			to[count[(from[i] >> shift) & ((1u << RADIX_BITS) - 1)]++] = from[i];
		{
			uint64_t *t = from;
			from = to;
			to = t;
		}
	}
	/* from holds the sorted keys */
	for (size_t i = 0; i < n; i++)
		x[i] = key_value(from[i]);
}

/* Where one quantile of one option's totals lies, followed through the
 * first pass: of the totals seen, `below` have an order key under `lo`
 * and `inside` one in [lo, hi]; while `keeping`, buf[0..n_buf) holds
 * exactly those `inside` totals. */
struct bracket {
	uint64_t lo, hi;
	size_t below, inside;
	bool keeping;
	double *buf;
	size_t n_buf, alloc;
};

/* One order statistic a bracket could not give, found by replaying the
 * draws: rank `rank` (0-based) among option `option`'s feasible totals,
 * known to have its key in [lo, hi], where `count` totals lie and `below`
 * lie under. Its value goes to *dest. */
struct target {
	size_t option, rank;
	uint64_t lo, hi;
	size_t below, count;
	double *dest;
	bool resolved;
	/* this pass: either collect the candidates or count them in buckets
	 * of 2^shift keys */
	double *buf;
	size_t n_buf;
	uint32_t *hist;
	int shift;
};

/* The state of a run. */
struct sim {
	const struct scenario *sc;
	const struct catalog *cat;
	const struct range *r;
	size_t nr, n, draws;
	uint64_t seed;
	struct unc_base base;
	struct option_result *res;
	double *x;
	size_t cols;        /* rows summarised: the options, then the portfolio */
	double *tot;        /* [cols] this draw's totals */
	bool *ok;           /* [cols] and whether each is feasible */
	struct sim_portfolio port;
	bool has_port;
	/* first pass */
	double *sum, *comp; /* Neumaier sums */
	struct bracket *br; /* [option * SIM_N_QUANTILES + quantile] */
	bool *split;        /* [cols] whether the option's quantiles have brackets of their own */
	size_t cap;         /* totals a bracket keeps at most */
	double spread;      /* a narrowed bracket's half-width, in SDs of the rank */
	uint64_t *sort_tmp; /* [2 cap] radix sort keys */
	double *qv;         /* [option * SIM_N_QUANTILES + quantile][2]: the order statistics */
	/* replays */
	size_t budget;      /* totals collected at once at most */
	struct target *t;
	size_t n_t;
};

/* Draw `i`'s inputs (in order, from the generator) and every option's result. */
static void one_draw(struct sim *s, struct rng *g)
{
	struct world wd;

	for (size_t k = 0; k < s->nr; k++)
		s->x[k] = range_draw(&s->r[k], g);
	unc_apply(&wd, &s->base, s->r, s->nr, s->x);
	for (size_t o = 0; o < s->n; o++) {
		engine_evaluate(&s->res[o], &s->sc->options[o], &wd.w, s->cat, &wd.a);
		s->tot[o] = s->res[o].total;
		s->ok[o] = s->res[o].feasible;
	}
	if (s->has_port) {
		sim_portfolio_eval(&s->port, &s->base, s->cat, &wd, s->r, s->nr, s->x);
		s->tot[s->n] = s->port.e.p.total;
		s->ok[s->n] = s->port.e.p.feasible;
	}
}
enum status sim_portfolio_init(struct sim_portfolio *sp, const struct unc_base *b, struct diag *d)
{
	const struct scenario *sc = b->sc;

	memset(sp, 0, sizeof(*sp));
	if (portfolio_eval_init(&sp->e, sc, 0, d))
		return d->code;
	if (!(sp->base_w = calloc(sc->n_segments + 1, sizeof(*sp->base_w))))
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < sp->e.n; i++)
		scenario_segment_workload(&sp->base_w[i], sc, i, b->a);
	return ST_OK;
}

void sim_portfolio_eval(struct sim_portfolio *sp, const struct unc_base *b, const struct catalog *cat,
			const struct world *wd, const struct range *r, size_t n, const double *x)
{
	for (size_t i = 0; i < sp->e.n; i++)
		unc_segment_workload(&sp->e.workloads[i], b, i, &sp->base_w[i], wd, r, n, x);
	/* model.md 7.4, with H from the world's assumptions */
	portfolio_eval_run(&sp->e, cat, &wd->a);
}

void sim_portfolio_release(struct sim_portfolio *sp)
{
	portfolio_eval_release(&sp->e);
	free(sp->base_w);
	memset(sp, 0, sizeof(*sp));
}

static void stop_keeping(struct bracket *b)
{
	free(b->buf);
	b->buf = NULL;
	b->n_buf = b->alloc = 0;
	b->keeping = false;
}

/* Bracket b of quantile q, sorted, after f feasible totals: keeps only
 * the ranks within s->spread standard deviations of where the quantile of
 * all the draws will rank among those seen (a hypergeometric count: mean
 * q (f - 1), variance at most f q (1 - q)), ties at either end included. A
 * bracket that stays over half full, or whose ranks miss that window,
 * stops keeping and leaves its quantile to a replay. */
static void cut(struct sim *s, struct bracket *b, size_t f, double q)
{
	double c = q * (double)(f - 1), m = s->spread * sqrt((double)f * q * (1 - q)) + 2;
	double first = (double)b->below, last = (double)(b->below + b->n_buf - 1);
	size_t a, z;

	if (c - m > last || c + m < first) {
		stop_keeping(b);
		return;
	}
	a = c - m > first ? (size_t)(c - m) - b->below : 0;
	z = c + m < last ? (size_t)ceil(c + m) - b->below : b->n_buf - 1;
	b->lo = order_key(b->buf[a]);
	b->hi = order_key(b->buf[z]);
	while (a > 0 && order_key(b->buf[a - 1]) == b->lo)
		a--;
	while (z + 1 < b->n_buf && order_key(b->buf[z + 1]) == b->hi)
		z++;
	b->below += a;
	b->n_buf = b->inside = z - a + 1;
	memmove(b->buf, b->buf + a, b->n_buf * sizeof(*b->buf));
	/* one value left needs no list */
	if (b->lo == b->hi || 2 * b->n_buf > s->cap)
		stop_keeping(b);
}

/* Total v (key `key`) into bracket b: true when b has just filled (it
 * holds s->cap totals). Out of memory, b stops keeping: only slower, as a
 * replay finds its quantile. */
static bool bracket_add(struct sim *s, struct bracket *b, uint64_t key, double v)
{
	if (key < b->lo) {
		b->below++;
		return false;
	}
	if (key > b->hi)
		return false;
	b->inside++;
	if (!b->keeping)
		return false;
	if (b->n_buf == b->alloc) {
		size_t n = b->alloc ? 2 * b->alloc : 64;
		double *p = realloc(b->buf, (n < s->cap ? n : s->cap) * sizeof(*p));
		if (!p) {
			stop_keeping(b);
			return false;
		}
		b->buf = p;
		b->alloc = n < s->cap ? n : s->cap;
	}
	b->buf[b->n_buf++] = v;
	return b->n_buf == s->cap;
}

/* Until option o has s->cap feasible totals its quantiles share its first
 * bracket, which holds them all; then (or when that bracket lost them)
 * every quantile gets its own copy, sorted once and cut. */
static void split(struct sim *s, size_t o, size_t f)
{
	struct bracket *b = &s->br[o * SIM_N_QUANTILES];

	if (b->keeping)
		sort_totals(b->buf, b->n_buf, s->sort_tmp);
	for (size_t q = 1; q < SIM_N_QUANTILES; q++) {
		struct bracket *c = &b[q];
		*c = *b;
		if (b->keeping && (c->buf = malloc(b->alloc * sizeof(*c->buf)))) {
			memcpy(c->buf, b->buf, b->n_buf * sizeof(*c->buf));
			cut(s, c, f, sim_quantiles[q]);
		} else {
			c->buf = NULL;
			stop_keeping(c);
		}
	}
	if (b->keeping)
		cut(s, b, f, sim_quantiles[0]);
	s->split[o] = true;
}

/* The first pass: counts, sums, shares, and the quantiles' brackets. */
static enum status first_pass(struct sim *s, struct sim_result *out, const struct sim_hooks *h,
			      struct diag *d)
{
	struct rng g;

	rng_seed(&g, s->seed);
	for (size_t i = 0; i < s->draws; i++) {
		long best = -1;
		one_draw(s, &g);
		for (size_t o = 0; o < s->cols; o++) {
			struct sim_option *so = &out->options[o];
			double v = s->tot[o], t;
			uint64_t key = order_key(v);
			if (!s->ok[o])
				continue;
			if (so->feasible == 0 || v < so->min)
				so->min = v;
			if (so->feasible == 0 || v > so->max)
				so->max = v;
			/* Neumaier's compensated sum */
			t = s->sum[o] + v;
			s->comp[o] += fabs(s->sum[o]) >= fabs(v) ? (s->sum[o] - t) + v : (v - t) + s->sum[o];
			s->sum[o] = t;
			so->feasible++;
			if (!s->split[o]) {
				struct bracket *b = &s->br[o * SIM_N_QUANTILES];
				if (bracket_add(s, b, key, v) || !b->keeping)
					split(s, o, so->feasible);
			} else {
				for (size_t q = 0; q < SIM_N_QUANTILES; q++) {
					struct bracket *b = &s->br[o * SIM_N_QUANTILES + q];
					if (bracket_add(s, b, key, v)) {
						sort_totals(b->buf, b->n_buf, s->sort_tmp);
						cut(s, b, so->feasible, sim_quantiles[q]);
					}
				}
			}
			/* model.md 8.1: cheapest feasible, ties to scenario order
			 * (the portfolio last) */
			if (best < 0 || v < s->tot[best])
				best = (long)o;
		}
		if (best >= 0)
			out->options[best].cheapest++;
		for (size_t p = 0; p < out->n_pairs; p++) {
			const struct option_result *a = &s->res[out->pairs[p].hosted];
			const struct option_result *b = &s->res[out->pairs[p].self_hosted];
			if (b->feasible && (!a->feasible || b->total < a->total))
				out->pairs[p].self_hosted_cheaper++;
		}
		if (h && h->on_draw &&
		    !h->on_draw(h->arg, i, s->x, s->res, s->n, s->has_port ? &s->port.e.p : NULL))
			return diag_set(d, ST_IO, NULL, 0, 0, "cannot write the samples");
		if (h && h->progress && i % PROGRESS_EVERY == 0)
			h->progress(h->arg, 1, (double)i / (double)s->draws);
	}
	return ST_OK;
}

/* Each quantile's two order statistics (numpy's floor((n - 1) q) and the
 * next) from its bracket, or a target for the replay when the bracket does
 * not hold them: its [lo, hi] when the rank fell inside, else all keys. */
static void read_brackets(struct sim *s, const struct sim_result *out)
{
	for (size_t o = 0; o < s->cols; o++) {
		size_t n = out->options[o].feasible;
		if (n == 0)
			continue;
		for (size_t q = 0; q < SIM_N_QUANTILES; q++) {
			/* unsplit, the first bracket holds every total */
			struct bracket *b = &s->br[o * SIM_N_QUANTILES + (s->split[o] ? q : 0)];
			size_t r0 = (size_t)floor((double)(n - 1) * sim_quantiles[q]);
			size_t ranks[2] = {r0, r0 + 1 < n ? r0 + 1 : n - 1};
			if (b->keeping && (s->split[o] || q == 0))
				sort_totals(b->buf, b->n_buf, s->sort_tmp);
			for (size_t j = 0; j < 2; j++) {
				size_t r = ranks[j];
				double *dest = &s->qv[(o * SIM_N_QUANTILES + q) * 2 + j];
				bool in = r >= b->below && r - b->below < b->inside;
				if (in && b->keeping) {
					*dest = b->buf[r - b->below];
				} else if (in && b->lo == b->hi) {
					*dest = key_value(b->lo);
				} else {
					struct target *t = &s->t[s->n_t++];
					*t = (struct target){.option = o, .rank = r, .lo = 0, .hi = UINT64_MAX,
							     .count = n, .dest = dest};
					if (in) {
						t->lo = b->lo;
						t->hi = b->hi;
						t->below = b->below;
						t->count = b->inside;
					}
				}
			}
		}
	}
}

/* Buckets of 2^shift keys that split [lo, hi] into at most 2^STEP_BITS. */
static int bucket_shift(uint64_t lo, uint64_t hi)
{
	int shift = 0;

	while (((hi - lo) >> shift) >> STEP_BITS)
		shift++;
	return shift;
}

/* Replays the draws until every target is resolved. */
static enum status replay(struct sim *s, struct sim_result *out, const struct sim_hooks *h,
			  struct diag *d)
{
	for (;;) {
		size_t budget = s->budget, open = 0;
		struct rng g;

		for (size_t k = 0; k < s->n_t; k++) {
			struct target *t = &s->t[k];
			if (t->resolved)
				continue;
			open++;
			if (t->count <= budget) {
				budget -= t->count;
				t->buf = malloc((t->count ? t->count : 1) * sizeof(*t->buf));
				if (!t->buf)
					return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
			} else {
				t->shift = bucket_shift(t->lo, t->hi);
				if (!(t->hist = calloc((size_t)1 << STEP_BITS, sizeof(*t->hist))))
					return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
			}
		}
		if (!open)
			return ST_OK;
		out->passes++;
		rng_seed(&g, s->seed);
		for (size_t i = 0; i < s->draws; i++) {
			one_draw(s, &g);
			for (size_t k = 0; k < s->n_t; k++) {
				struct target *t = &s->t[k];
				uint64_t key;
				if (t->resolved || !s->ok[t->option])
					continue;
				key = order_key(s->tot[t->option]);
				if (key < t->lo || key > t->hi)
					continue;
				if (t->buf)
					t->buf[t->n_buf++] = s->tot[t->option];
				else
					t->hist[(key - t->lo) >> t->shift]++;
			}
			if (h && h->progress && i % PROGRESS_EVERY == 0)
				h->progress(h->arg, out->passes, (double)i / (double)s->draws);
		}
		for (size_t k = 0; k < s->n_t; k++) {
			struct target *t = &s->t[k];
			if (t->resolved)
				continue;
			if (t->buf) {
				qsort(t->buf, t->n_buf, sizeof(*t->buf), by_value);
				*t->dest = t->buf[t->rank - t->below];
				t->resolved = true;
				free(t->buf);
				t->buf = NULL;
			} else {
				size_t cum = 0, b = 0;
				uint64_t off, rest;
				while (cum + t->hist[b] <= t->rank - t->below)
					cum += t->hist[b++];
				off = (uint64_t)b << t->shift;
				rest = t->hi - t->lo - off;
				t->lo += off;
				t->hi = t->lo + (rest < ((uint64_t)1 << t->shift) - 1 ? rest : ((uint64_t)1 << t->shift) - 1);
				t->below += cum;
				t->count = t->hist[b];
				free(t->hist);
				t->hist = NULL;
				if (t->lo == t->hi) {
					/* one key left: every candidate is this value */
					*t->dest = key_value(t->lo);
					t->resolved = true;
				}
			}
		}
	}
}

static void summarize(struct sim *s, struct sim_result *out)
{
	long best = -1;

	for (size_t o = 0; o < s->cols; o++) {
		struct sim_option *so = &out->options[o];
		size_t n = so->feasible;
		so->feasible_share = (double)n / (double)s->draws;
		so->share_cheapest = (double)so->cheapest / (double)s->draws;
		if (n == 0)
			continue;
		/* identical totals (a degenerate range) average to themselves */
		so->mean = so->min == so->max ? so->min : (s->sum[o] + s->comp[o]) / (double)n;
		for (size_t q = 0; q < SIM_N_QUANTILES; q++) {
			double h = (double)(n - 1) * sim_quantiles[q];
			/* the numpy interpolation on the two order statistics */
			so->q[q] = sim_quantile_sorted(&s->qv[(o * SIM_N_QUANTILES + q) * 2], 2, h - floor(h));
		}
		if (so->cheapest > 0 && (best < 0 || so->cheapest > out->options[best].cheapest))
			best = (long)o;
	}
	out->verdict = best;
	for (size_t p = 0; p < out->n_pairs; p++)
		out->pairs[p].share = (double)out->pairs[p].self_hosted_cheaper / (double)s->draws;
}
enum status simulate_run(struct sim_result *out, const struct scenario *sc,
			 const struct catalog *cat, const struct assumptions *a,
			 const struct workload *w, const struct range *r, size_t nr, size_t draws,
			 uint64_t seed, const struct sim_hooks *hooks, struct diag *d)
{
	struct sim s = {.sc = sc, .cat = cat, .r = r, .nr = nr, .n = sc->n_options, .draws = draws,
			.seed = seed, .cap = SIM_CAP, .spread = SIM_SPREAD};
	enum status st = ST_IO;
	size_t n = sc->n_options, cols;

	memset(out, 0, sizeof(*out));
	out->draws = draws;
	out->seed = seed;
	out->n_options = n;
	out->has_portfolio = s.has_port = sc->n_segments > 0;
	out->n_rows = s.cols = cols = n + s.has_port;
	out->verdict = -1;
	out->passes = 1;
	unc_base_init(&s.base, sc, a, w, r, nr);
	if (hooks && hooks->cap)
		s.cap = hooks->cap < 16 ? 16 : hooks->cap;
	if (hooks && hooks->spread > 0)
		s.spread = hooks->spread;
	s.budget = s.cap * cols * SIM_N_QUANTILES;
	out->options = calloc(cols + 1, sizeof(*out->options));
	out->pairs = calloc(n * n + 1, sizeof(*out->pairs));
	s.res = calloc(n + 1, sizeof(*s.res));
	s.x = calloc(nr + 1, sizeof(*s.x));
	s.sum = calloc(cols + 1, sizeof(*s.sum));
	s.comp = calloc(cols + 1, sizeof(*s.comp));
	s.tot = calloc(cols + 1, sizeof(*s.tot));
	s.ok = calloc(cols + 1, sizeof(*s.ok));
	if (!out->options || !out->pairs || !s.res || !s.x || !s.sum || !s.comp || !s.tot || !s.ok)
		goto oom;
	if (s.has_port && (st = sim_portfolio_init(&s.port, &s.base, d)))
		goto done;
	if (!(s.br = calloc(cols * SIM_N_QUANTILES + 1, sizeof(*s.br))) ||
	    !(s.split = calloc(cols + 1, sizeof(*s.split))) ||
	    !(s.qv = calloc(cols * SIM_N_QUANTILES * 2 + 1, sizeof(*s.qv))) ||
	    !(s.t = calloc(cols * SIM_N_QUANTILES * 2 + 1, sizeof(*s.t))) ||
	    !(s.sort_tmp = malloc(2 * s.cap * sizeof(*s.sort_tmp))))
		goto oom;
	for (size_t k = 0; k < cols * SIM_N_QUANTILES; k++)
		s.br[k] = (struct bracket){.hi = UINT64_MAX, .keeping = true};
	/* pairs in scenario order: each hosted option with each self-hosted one */
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			if (sim_is_hosted(sc->options[i].kind) && !sim_is_hosted(sc->options[j].kind))
				out->pairs[out->n_pairs++] = (struct sim_pair){i, j, 0, 0};
		}
	}
	if ((st = first_pass(&s, out, hooks, d)))
		goto done;
	read_brackets(&s, out);
	if ((st = replay(&s, out, hooks, d)))
		goto done;
	summarize(&s, out);
	if (hooks && hooks->progress)
		hooks->progress(hooks->arg, out->passes, 1);
	st = ST_OK;
	goto done;
oom:
	st = diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
done:
	for (size_t k = 0; s.t && k < s.n_t; k++) {
		free(s.t[k].buf);
		free(s.t[k].hist);
	}
	for (size_t k = 0; s.br && k < cols * SIM_N_QUANTILES; k++)
		free(s.br[k].buf);
	free(s.t);
	free(s.br);
	free(s.split);
	free(s.qv);
	free(s.sort_tmp);
	sim_portfolio_release(&s.port);
	free(s.ok);
	free(s.tot);
	free(s.comp);
	free(s.sum);
	free(s.x);
	free(s.res);
	if (st)
		simulate_release(out);
	return st;
}

void simulate_release(struct sim_result *s)
{
	free(s->options);
	free(s->pairs);
	s->options = NULL;
	s->pairs = NULL;
	s->n_options = s->n_rows = s->n_pairs = 0;
	s->has_portfolio = false;
}
