/*
 * report.h - turns results into text: table, JSON, CSV, markdown.
 *
 * Writers append to a caller-owned sbuf and do no arithmetic the engine
 * owns: every number they print is a field of a result or an input.
 */
#ifndef LLMTCO_REPORT_H
#define LLMTCO_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/catalog.h"
#include "model/engine.h"
#include "util/sbuf.h"
#include "model/scenario.h"
#include "model/compare.h"
#include "model/figures.h"
#include "model/horizon.h"
#include "model/size.h"
#include "model/sweep.h"
#include "model/simulate.h"
#include "model/sensitivity.h"

struct threshold_result;
struct diff;

enum format { FMT_TABLE, FMT_JSON, FMT_CSV, FMT_MARKDOWN, FMT_SVG, FMT_COUNT };
extern const char *const format_names[FMT_COUNT];

/* What every report of a run shares. All borrowed. */
struct run {
	const char *command;
	const char *version;
	const struct catalog *cat;
	const struct scenario *sc;
	const struct assumptions *a;
	const struct workload *w;
	const struct compare_result *current; /* options at the workload; NULL for size */
	const size_t *rows; /* the order listings print current's options in (--sort id); NULL: cheapest first */
	bool color; /* ANSI colour in tables */
	const char *today;    /* YYYY-MM-DD: staleness is judged against it */
	double max_price_age; /* days; an older figure in a result warns stale_price */
	const struct uncertainty *unc; /* check: the simulation's draws, seed and ranges, or NULL */
};

/* Collects the warnings of the run's options at the current workload into
 * `out` (at most `max`); returns how many. With `stale` non-NULL, also sets
 * it to the number of stale_price warnings. */
size_t report_warnings(struct warning_item *out, size_t max, const struct run *r, size_t *stale);

/* Appends the `compare` report in `fmt`. */
void report_compare(struct sbuf *out, enum format fmt, const struct run *r,
		    const struct compare_result *c);

/* Appends the `size` report in `fmt`. */
void report_size(struct sbuf *out, enum format fmt, const struct run *r,
		 const struct size_result *s);

/* The JSON documents (report_json.c). */
void report_compare_json(struct sbuf *out, const struct run *r, const struct compare_result *c);
void report_size_json(struct sbuf *out, const struct run *r, const struct size_result *s);
void report_breakeven_json(struct sbuf *out, const struct run *r, const struct pairs *p);
void report_sweep_json(struct sbuf *out, const struct run *r, const struct sweep *s);
void report_check_json(struct sbuf *out, const struct run *r, const struct compare_result *c,
		       const struct threshold_result *t, size_t n);

/* Appends the `breakeven` report: a sentence per pair, then the figures;
 * FMT_SVG draws `chart` with the pairs' breakevens marked. */
void report_breakeven(struct sbuf *out, enum format fmt, const struct run *r,
		      const struct pairs *p, const struct sweep *chart);

/* Appends the `sweep` report; FMT_SVG draws the crossover chart with the
 * breakevens of `p` marked (p may be NULL). */
void report_sweep(struct sbuf *out, enum format fmt, const struct run *r, const struct sweep *s,
		  const struct pairs *p);

/* Appends a standalone SVG 1.1 chart of `s` (report_svg.c). */
void report_chart_svg(struct sbuf *out, const struct run *r, const struct sweep *s,
		      const struct pairs *p);

/* Appends the `horizon` report (model.md 9): a summary, the crossover
 * months and a table per option showing month 1, every `every`-th month
 * and the last; CSV has every month of every option; FMT_SVG draws the
 * cumulative chart. */
void report_horizon(struct sbuf *out, enum format fmt, const struct run *r,
		    const struct horizon *h, int every);

/* Appends the lines `check` prints on stderr: each breached threshold,
 * then the verdict. */
void report_check_stderr(struct sbuf *out, const struct run *r, const struct threshold_result *t,
			 size_t n);

/* Appends the `assumptions` report: every assumption's resolved value,
 * default, source layer and meaning. */
void report_assumptions(struct sbuf *out, enum format fmt, const struct run *r);

/* Appends the starter scenario `llmtco init` writes: commented YAML with
 * every workload and assumption key at its default (assumptions at their
 * values in `a`, which hold the defaults under the loaded catalogs), which
 * the scenario loader accepts unchanged. */
void report_init_scenario(struct sbuf *out, const struct assumptions *a);

/* Appends the `diff` report (report_diff.c). */
void report_diff(struct sbuf *out, enum format fmt, const struct diff *df, const char *version);

/* Appends the `check` report: the verdict, the thresholds, then the
 * compare report. */
void report_check(struct sbuf *out, enum format fmt, const struct run *r,
		  const struct compare_result *c, const struct threshold_result *t, size_t n);

/* What `catalog list` shows: NULL / NAN fields filter nothing. */
struct catalog_filter {
	const char *provider;        /* api: its provider; gpus: priced by it */
	const char *kind;            /* api: "api" or "managed" */
	double min_price, max_price; /* api: input per 1M; gpus: cheapest on-demand per GPU-hour */
	double min_vram;             /* gpus */
	const char *sort;            /* a column name; "-NAME" sorts descending */
};

/* Appends catalog listings: `section` is "gpus", "api", "models" or
 * "throughput" (NULL: all of them). Returns false when `f->sort` names no
 * column of the section. */
bool report_catalog_list(struct sbuf *out, enum format fmt, const struct catalog *cat,
			 const char *section, const struct catalog_filter *f);

/* The column names of a `catalog list` section (for --sort), or NULL. */
const char *const *report_catalog_columns(const char *section, size_t *n);

/* Appends every figure of entry `id` (gpu, api model or open model) with its
 * source and date; returns false when no entry has that id. */
bool report_catalog_show(struct sbuf *out, enum format fmt, const struct catalog *cat,
			 const char *id);

/* What `simulate` reports: the ranges it drew from and the summary. */
struct sim_report {
	const struct uncertainty *u; /* draws, seed and the ranges used */
	const struct sim_result *s;
};

/* Appends the `simulate` report (model.md 8.1): the verdict, the pairs'
 * shares and every option's distribution; FMT_SVG draws the distributions. */
void report_simulate(struct sbuf *out, enum format fmt, const struct run *r,
		     const struct sim_report *s);

/* The --samples CSV: the header (draw, every range's key, every option's
 * id, then `portfolio` when the scenario has segments), and one row per
 * draw (an infeasible option's cell is empty; `p` is NULL without
 * segments). */
void report_samples_header(struct sbuf *out, const struct scenario *sc, const struct range *rg,
			   size_t nr);
void report_samples_row(struct sbuf *out, size_t draw, const double *x, size_t nr,
			const struct option_result *res, size_t n, const struct portfolio *p);

/* Appends the `sensitivity` report (model.md 8.2): the inputs that can
 * flip the verdict first, then every input by swing; FMT_SVG draws the
 * tornado. `s` is the pair's analysis and `ps` the portfolio's (model.md
 * 7.4), reported after it; either may be NULL, not both. */
void report_sensitivity(struct sbuf *out, enum format fmt, const struct run *r,
			const struct sens_result *s, const struct sens_result *ps);

/* Appends `n` throughput rows as a catalog layer (schema_version 1 and a
 * throughput list; optional keys only when the row has them), headed by a
 * comment naming `what` made it ("calibrate vllm"). */
void report_throughput_layer(struct sbuf *out, const struct throughput *rows, size_t n,
			     const char *what);

#endif
