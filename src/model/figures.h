/*
 * figures.h - the dated catalog figures a result rests on, and the
 * warnings of a run at one workload (model.md 2 and 3.6).
 *
 * Pure: no I/O, no allocation; strings point into the catalog and the
 * option specs, which must outlive what is returned.
 */
#ifndef LLMTCO_MODEL_FIGURES_H
#define LLMTCO_MODEL_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/compare.h"
#include "model/engine.h"

/* One warning for stderr and JSON `warnings`. */
struct warning_item {
	const char *code;
	char message[320];
	const char *option; /* option id or NULL */
	const char *as_of;  /* stale_price: the entry's date; else NULL */
	char entry[128];    /* stale_price: "catalog.gpus.h100-sxm"; else "" */
};

/* One catalog figure a result depends on. */
struct figure {
	const char *key;   /* "catalog.gpus.h100-sxm.memory_bandwidth_gb_s" */
	const char *entry; /* "catalog.gpus.h100-sxm" (or its price row) */
	double value;
	const char *file;  /* the catalog file it came from */
	const char *as_of; /* NULL when undated */
	bool price;        /* a price, judged for staleness (model.md 3.6) */
	const char *text;  /* a figure that is a name ("fp8"), value unused; else NULL */
};

/* Calls fn for each catalog figure option `o`'s result depends on, so that
 * every printed number can be recomputed by hand: for a self-hosted option
 * the model's and GPU's figures the roofline reads (model.md 3.1-3.2: a
 * stored_weights_gb of the option's precision, hidden_size and layers for
 * the attention term, interconnect_gb_s where a tp above 1 is tried), the
 * price row and the calibrating throughput row with its run's concurrency
 * and KV cache precision; and the quality tiers model.md 10 and the verdict
 * compare (a managed endpoint's inherited from its open model, looked up
 * in `cat`, unless NULL). */
void figures_of_option(const struct option_spec *o, const struct option_result *res,
		       const struct catalog *cat,
		       void (*fn)(void *arg, const struct figure *f), void *arg);

/* Collects the warnings of options opts[0..c->n) at workload `w` into
 * out[0..max) and returns how many: rate limits, missing batch discounts,
 * rented options priced at marketplace or host-less rows, then one
 * stale_price per price (model.md 3.6: hosted entries, the price row
 * used, an owned GPU's dated purchase_price) dated more than `max_price_age`
 * days before `today` (YYYY-MM-DD; NULL: none judged). With `stale`
 * non-NULL, also counts every stale entry there, listed or not. */
size_t warnings_collect(struct warning_item *out, size_t max, const struct option_spec *opts,
			const struct compare_result *c, const struct workload *w,
			const struct assumptions *a, const char *today, double max_price_age,
			size_t *stale);

#endif
