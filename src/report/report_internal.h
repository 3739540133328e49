/*
 * report_internal.h - what the report writers share, private to the report
 * module.
 */
#ifndef LLMTCO_REPORT_INTERNAL_H
#define LLMTCO_REPORT_INTERNAL_H

#include <cjson/cJSON.h>

#include "model/requirements.h"
#include "report/report.h"

/* Table, CSV and markdown writers (report_text.c). */
void report_compare_text(struct sbuf *out, enum format fmt, const struct run *r,
			 const struct compare_result *c);
void report_size_text(struct sbuf *out, enum format fmt, const struct run *r,
		      const struct size_result *s);

/* The portfolio of model.md 7.4 (report_portfolio.c), when c->portfolio
 * is set: a section after the compare table or markdown; the `portfolio`
 * object of the compare and check JSON; CSV rows after the options (one
 * per segment, then the portfolio) with the choice, or the basis, in the
 * last of `ncols` columns. */
struct grid;
void report_portfolio_text(struct sbuf *out, enum format fmt, const struct run *r,
			   const struct compare_result *c);
void report_portfolio_json(cJSON *doc, const struct run *r, const struct compare_result *c);
void report_portfolio_csv(struct grid *g, size_t ncols, const struct run *r,
			  const struct compare_result *c);

/* The `assumptions` JSON document (report_json.c). */
void report_assumptions_json(struct sbuf *out, const struct run *r);

/* The `horizon` JSON document (report_json.c) and cumulative chart
 * (report_svg.c). */
void report_horizon_json(struct sbuf *out, const struct run *r, const struct horizon *h);
void report_horizon_svg(struct sbuf *out, const struct run *r, const struct horizon *h);

/* A rate as a percentage for people, two decimals at most: "4%", "-20%",
 * "+4%" with `sign`. Returns buf. */
char *report_pct(char *buf, size_t size, double rate, bool sign);

/* The simulate and sensitivity JSON documents (report_json.c) and charts
 * (report_svg.c). */
void report_simulate_json(struct sbuf *out, const struct run *r, const struct sim_report *s);
void report_sensitivity_json(struct sbuf *out, const struct run *r, const struct sens_result *s,
			     const struct sens_result *ps);
void report_simulate_svg(struct sbuf *out, const struct run *r, const struct sim_report *s);
void report_sensitivity_svg(struct sbuf *out, const struct run *r, const struct sens_result *s,
			    const struct sens_result *ps);

/* The two sides of a sensitivity's adv = total(first) - total(second):
 * the hosted option and the self-hosted one, or the best single option
 * and "portfolio". */
const char *report_sens_side(const struct run *r, const struct sens_result *s, bool first);

/* The side an infeasible point names: "hosted" or "self-hosted", or
 * "baseline" or "portfolio". */
const char *report_sens_gap_side(const struct sens_result *s, const struct sens_gap *g);

/* A simulate row's id and kind: the option's, or "portfolio" for the row
 * after the options (model.md 7.4). */
const char *report_sim_row_id(const struct run *r, const struct sim_result *s, size_t i);
const char *report_sim_row_kind(const struct run *r, const struct sim_result *s, size_t i);

/* A value for people: about 3 significant figures, SI suffixes from 10k,
 * no trailing zeros ("0.6", "1.37", "2.5B"). Returns buf. */
char *report_human(char *buf, size_t size, double v);

/* The line on how a check's simulation ran: "Simulated over 10,000 draws
 * (seed 1); ranges: KEY LOW..HIGH (uniform), ...". */
void report_sim_settings(struct sbuf *out, const struct uncertainty *u);

/* A share for people, one decimal: "83.2%"; ">99.9%" and "<0.1%" for a
 * share that would round to all or none but is not. */
char *report_share(char *buf, size_t size, double share);

/* "uniform", "triangular", "lognormal" */
extern const char *const report_dist_names[3];

/* The sentence that names what crossing `it`'s flip point does: "self-
 * hosting stops paying when GPU prices rise above 1.37x today's". Returns
 * buf ("" when the input has no flip). */
char *report_flip_sentence(char *buf, size_t size, const struct run *r, const struct sens_result *s,
			   const struct sens_item *it);

/* An availability for people: "99.9%", "99.999%" (up to six decimals of
 * a percent, never rounded to 100% before that). Returns buf. */
char *report_availability(char *buf, size_t size, double share);

/* The verdict of a compare run for people (model.md 10): who is cheapest
 * among the options meeting the requirements, by how much, why, and, when
 * it is of a lower quality tier than the best on offer, the cheapest at
 * that tier. One paragraph without the "Verdict: " prefix or a newline;
 * the same text in table, markdown and JSON. */
void report_verdict_sentence(struct sbuf *out, const struct run *r,
			     const struct compare_result *c, const struct verdict *v);

/* The requirements line for people (model.md 10): what is required, the
 * note that hosted options are assumed to meet the availability target,
 * and each excluded option with its reason; nothing when the scenario has
 * no requirements. Ends with a newline. */
void report_requirements_line(struct sbuf *out, const struct run *r);

struct grid;

/* The CSV columns naming an option's parts, after its `id` and `kind`:
 * currency, model, gpu, precision, pricing, provider, api. */
#define REPORT_OPTION_PART_HEADS "currency", "model", "gpu", "precision", "pricing", "provider", "api"
#define REPORT_OPTION_PARTS 7 /* the heads above */

/* Appends those cells for option `o`: the catalog's currency; the open
 * model (self-hosted, or a managed endpoint's), GPU, precision and pricing
 * mode; the provider (the one named, else the price row's used, or the API
 * vendor); the API id. Empty where a part does not apply. `res` may be
 * NULL. */
void report_option_parts(struct grid *g, const struct run *r, const struct option_spec *o,
			 const struct option_result *res);

/* A self-hosted option's setup for sentences: its precision, then the
 * parts in which it differs from the scenario's other self-hosted options
 * of the same model and GPU ("fp8, spot"), so that their sentences differ.
 * Returns buf. */
const char *report_self_host_setup(char *buf, size_t size, const struct run *r,
				   const struct option_spec *o);

/* A short name for legends and chart panels: a hosted option's model id,
 * or "MODEL@GPU" and the parts that tell it from the scenario's other
 * self-hosted options of that model and GPU ("llama-3.1-8b@h100-sxm
 * spot"). Returns buf. */
const char *report_option_label(char *buf, size_t size, const struct run *r,
				const struct option_spec *o);

/* A raw number for CSV (shortest round-trip form), or "" when `has` is
 * false. Returns buf. */
const char *report_raw(char *buf, size_t size, bool has, double v);

/* A JSON number in the shortest form that reads back to the same double
 * (num_shortest, the same text CSV prints), or null when `v` is not
 * finite. NULL when out of memory. */
cJSON *report_json_number(double v);

/* Adds `key`: report_json_number(v) to `obj`; returns the item, or NULL
 * when out of memory. */
cJSON *report_json_add_number(cJSON *obj, const char *key, double v);

/* Appends `doc` as JSON indented by two spaces, then frees it; sets
 * out->failed when out of memory. */
void report_json_emit(struct sbuf *out, cJSON *doc);

#endif
