/*
 * simulate.h - Monte Carlo over the scenario's ranges (model.md 8.1).
 *
 * Each draw samples every range and evaluates every option as compare
 * does. Memory is flat in the number of draws: the summary keeps counts
 * and sums, and the quantiles are exact order statistics, kept in a
 * bounded bracket around each one as the draws run, or found by replaying
 * the (seeded, reproducible) draws when a bracket lost them. simulate_run
 * allocates the result's arrays; release them with simulate_release (safe
 * on a zeroed or partly built result).
 */
#ifndef LLMTCO_SIMULATE_H
#define LLMTCO_SIMULATE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/portfolio.h"
#include "model/uncertainty.h"

#define SIM_N_QUANTILES 5

/* 0.05, 0.10, 0.50, 0.90, 0.95 */
extern const double sim_quantiles[SIM_N_QUANTILES];

struct sim_option {
	size_t feasible;        /* draws where the option is feasible */
	size_t cheapest;        /* draws where it is the cheapest feasible option */
	double mean;            /* over feasible draws; meaningful when feasible > 0 */
	double q[SIM_N_QUANTILES]; /* p5, p10, p50, p90, p95 */
	double min, max;
	double feasible_share, share_cheapest; /* of all draws */
};

/* One (hosted, self-hosted) pair: indices into the options. */
struct sim_pair {
	size_t hosted, self_hosted;
	size_t self_hosted_cheaper; /* draws where it is feasible and cheaper */
	double share;               /* of all draws */
};

struct sim_result {
	size_t draws;
	uint64_t seed;
	size_t n_options;       /* the scenario's options */
	bool has_portfolio;     /* the scenario has segments: options[n_options] is the portfolio */
	size_t n_rows;          /* n_options + has_portfolio */
	struct sim_option *options; /* [n_rows] */
	struct sim_pair *pairs;
	size_t n_pairs;
	long verdict;           /* the row most often cheapest (first on ties), -1 if none */
	size_t passes;          /* passes over the draws (1 when no quantile needed a replay) */
};

/* Called for every draw of the first pass, in order: `x` holds the drawn
 * value of each range, `res` every option's result (parallel to the
 * options), `p` the portfolio (NULL without segments). Return false to
 * stop (the run then fails with ST_IO). */
typedef bool (*sim_draw_fn)(void *arg, size_t draw, const double *x,
			    const struct option_result *res, size_t n, const struct portfolio *p);

/* Called now and then with the pass (1 for the first) and the share of
 * that pass done, 0..1. */
typedef void (*sim_progress_fn)(void *arg, size_t pass, double done);

struct sim_hooks {
	sim_draw_fn on_draw; /* may be NULL */
	sim_progress_fn progress; /* may be NULL */
	void *arg;
	/* tuning, for tests: 0 for the defaults */
	size_t cap;    /* totals a quantile's bracket keeps (8,192; at least 16) */
	double spread; /* a narrowed bracket's half-width in SDs of the rank (5) */
};

/* The portfolio of a scenario's segments (model.md 7.4) evaluated in one
 * world after another: storage allocated once by sim_portfolio_init,
 * nothing per evaluation. */
struct sim_portfolio {
	struct portfolio_eval e;  /* e.workloads: the current world's; e.p its portfolio */
	struct workload *base_w;  /* [e.n] each segment's workload at base */
};

/* Prepares `sp` for the segments of b->sc at base (b->a). ST_IO when out
 * of memory; `sp` is then safe to release. */
enum status sim_portfolio_init(struct sim_portfolio *sp, const struct unc_base *b, struct diag *d);

/* Evaluates every segment's options and solves the portfolio in world
 * `wd` (from unc_apply with the same r[0..n) and x) into sp->e.p. */
void sim_portfolio_eval(struct sim_portfolio *sp, const struct unc_base *b, const struct catalog *cat,
			const struct world *wd, const struct range *r, size_t n, const double *x);

/* Frees what `sp` owns; safe on a zeroed one. */
void sim_portfolio_release(struct sim_portfolio *sp);

/* Simulates `draws` draws from `seed` over ranges r[0..nr) for the options
 * of `sc` (with its catalog `cat`, base assumptions `a` and workload `w`)
 * and, when `sc` has segments, the portfolio as one more row competing for
 * the cheapest. Allocates `out`'s arrays; ST_IO when out of memory or a
 * hook stops. */
enum status simulate_run(struct sim_result *out, const struct scenario *sc,
			 const struct catalog *cat, const struct assumptions *a,
			 const struct workload *w, const struct range *r, size_t nr, size_t draws,
			 uint64_t seed, const struct sim_hooks *hooks, struct diag *d);

void simulate_release(struct sim_result *s);

/* numpy's default quantile ("linear", method 7) of sorted x[0..n): with
 * h = (n - 1) q, x[floor h] and the next, interpolated as numpy does. */
double sim_quantile_sorted(const double *x, size_t n, double q);

/* Whether option kind `k` is hosted (api, managed) for the pairs. */
bool sim_is_hosted(enum option_kind k);

#endif
