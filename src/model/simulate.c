/*
 * simulate.c - the Monte Carlo of model.md 8.1.
 *
 * One pass draws every range, evaluates every option with the engine and
 * keeps counts, compensated sums and, while they fit in a fixed buffer,
 * the feasible totals themselves. When they do not fit (many draws times
 * many options), the quantiles come from exact selection in bounded
 * memory: a histogram over the top 16 bits of each total's order-preserving
 * bit pattern finds the bucket of every order statistic needed, and the
 * draws, reproducible from the seed, are replayed to narrow each bucket
 * 16 bits at a time or collect it once it is small. Memory is bounded in
 * the number of draws either way (docs/model.md 8.1). With segments (model.md 7.4) the portfolio
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

/* totals kept in memory at most (32 MiB); beyond, quantiles replay */
#define SIM_KEEP ((size_t)1 << 22)
/* draws whose totals are radix-sorted (2 keys each: 8 MiB) */
#define SIM_SORT_MAX ((size_t)1 << 19)
#define ROOT_BITS 16
#define STEP_BITS 16
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

/* One order statistic being searched for: rank `rank` (0-based) among an
 * option's feasible totals, known to lie among the keys with
 * key >> shift == prefix, of which `count` exist and `below` are smaller. */
struct target {
	size_t option, rank;
	uint64_t prefix;
	int shift;
	size_t below, count;
	bool resolved;
	double value;
	/* this pass: either collect the candidates or count them by the next
	 * 16 bits */
	double *buf;
	size_t n_buf;
	uint32_t *hist;
};

/* The state of a run. */
struct sim {
	const struct scenario *sc;
	const struct catalog *cat;
	const struct range *r;
	size_t nr, n, draws, keep;
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
	double *kept;       /* [option * draws + i] when everything fits */
	uint64_t *sort_tmp; /* [2 draws] for sorting one option's kept totals, or NULL */
	uint32_t *root;     /* [option << ROOT_BITS | bucket] otherwise */
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

/* The first pass: counts, sums, shares, and the totals or their histogram. */
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
			if (s->kept)
				s->kept[o * s->draws + so->feasible] = v;
			else
				s->root[o << ROOT_BITS | (size_t)(order_key(v) >> (64 - ROOT_BITS))]++;
			so->feasible++;
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

/* The ranks every quantile of option o needs, as targets placed in the
 * root histogram. */
static void place_targets(struct sim *s, const struct sim_result *out)
{
	for (size_t o = 0; o < s->cols; o++) {
		size_t n = out->options[o].feasible;
		if (n == 0)
			continue;
		for (size_t q = 0; q < SIM_N_QUANTILES; q++) {
			double h = floor((double)(n - 1) * sim_quantiles[q]);
			size_t ranks[2] = {(size_t)h, (size_t)h + 1 < n ? (size_t)h + 1 : n - 1};
			for (size_t j = 0; j < 2; j++) {
				struct target *t;
				size_t cum = 0, b = 0;
				bool dup = false;
				for (size_t k = 0; k < s->n_t; k++)
					dup |= s->t[k].option == o && s->t[k].rank == ranks[j];
				if (dup)
					continue;
				t = &s->t[s->n_t++];
				memset(t, 0, sizeof(*t));
				t->option = o;
				t->rank = ranks[j];
				while (cum + s->root[o << ROOT_BITS | b] <= t->rank)
					cum += s->root[o << ROOT_BITS | b++];
				t->prefix = b;
				t->shift = 64 - ROOT_BITS;
				t->below = cum;
				t->count = s->root[o << ROOT_BITS | b];
			}
		}
	}
}

/* Replays the draws until every target is resolved. */
static enum status replay(struct sim *s, struct sim_result *out, const struct sim_hooks *h,
			  struct diag *d)
{
	for (;;) {
		size_t budget = s->keep, open = 0;
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
			} else if (!(t->hist = calloc((size_t)1 << STEP_BITS, sizeof(*t->hist)))) {
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
				if (key >> t->shift != t->prefix)
					continue;
				if (t->buf)
					t->buf[t->n_buf++] = s->tot[t->option];
				else
					t->hist[(key >> (t->shift - STEP_BITS)) & (((uint64_t)1 << STEP_BITS) - 1)]++;
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
				t->value = t->buf[t->rank - t->below];
				t->resolved = true;
				free(t->buf);
				t->buf = NULL;
			} else {
				size_t cum = 0, b = 0;
				while (cum + t->hist[b] <= t->rank - t->below)
					cum += t->hist[b++];
				t->prefix = t->prefix << STEP_BITS | b;
				t->shift -= STEP_BITS;
				t->below += cum;
				t->count = t->hist[b];
				free(t->hist);
				t->hist = NULL;
				if (t->shift == 0) {
					/* one key left: every candidate is this value */
					t->value = key_value(t->prefix);
					t->resolved = true;
				}
			}
		}
	}
}

/* Order statistic `rank` of option o from whichever path found it. */
static double order_stat(const struct sim *s, size_t o, size_t rank)
{
	if (s->kept)
		return s->kept[o * s->draws + rank];
	for (size_t k = 0; k < s->n_t; k++) {
		if (s->t[k].option == o && s->t[k].rank == rank)
			return s->t[k].value;
	}
	return NAN; /* not reached: every needed rank is a target */
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
		if (s->kept)
			sort_totals(&s->kept[o * s->draws], n, s->sort_tmp);
		for (size_t q = 0; q < SIM_N_QUANTILES; q++) {
			double h = (double)(n - 1) * sim_quantiles[q], lo = floor(h);
			double pair[2];
			pair[0] = order_stat(s, o, (size_t)lo);
			pair[1] = order_stat(s, o, (size_t)lo + 1 < n ? (size_t)lo + 1 : n - 1);
			/* the numpy interpolation on the two order statistics */
			so->q[q] = sim_quantile_sorted(pair, 2, h - lo);
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
			.seed = seed};
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
	s.keep = hooks && hooks->keep ? hooks->keep : SIM_KEEP;
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
	if (draws <= s.keep / (cols ? cols : 1)) {
		if (!(s.kept = malloc((cols * draws > 0 ? cols * draws : 1) * sizeof(*s.kept))))
			goto oom;
		/* the radix sort's keys, up to 8 MiB; without them the sort falls
		 * back to qsort: the same order, slower */
		if (draws <= SIM_SORT_MAX)
			s.sort_tmp = malloc((draws ? 2 * draws : 1) * sizeof(*s.sort_tmp));
	} else if (!(s.root = calloc(cols << ROOT_BITS, sizeof(*s.root))) ||
		   !(s.t = calloc(cols * SIM_N_QUANTILES * 2, sizeof(*s.t)))) {
		goto oom;
	}
	/* pairs in scenario order: each hosted option with each self-hosted one */
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			if (sim_is_hosted(sc->options[i].kind) && !sim_is_hosted(sc->options[j].kind))
				out->pairs[out->n_pairs++] = (struct sim_pair){i, j, 0, 0};
		}
	}
	if ((st = first_pass(&s, out, hooks, d)))
		goto done;
	if (!s.kept) {
		place_targets(&s, out);
		if ((st = replay(&s, out, hooks, d)))
			goto done;
	}
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
	free(s.t);
	free(s.root);
	free(s.sort_tmp);
	free(s.kept);
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
