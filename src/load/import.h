/*
 * import.h - turns community price files into llmtco catalog entries:
 * LiteLLM's model_prices_and_context_window.json and Pydantic's
 * genai-prices (providers/NAME.yml or data_v2.json). Chat models only; prices
 * per token become prices per million; what is skipped is counted by
 * reason.
 *
 * An import_result owns its strings (a pool); release it with
 * import_release().
 */
#ifndef LLMTCO_IMPORT_H
#define LLMTCO_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "util/sbuf.h"

enum import_skip {
	SKIP_NOT_CHAT,      /* an embedding, image, audio... model */
	SKIP_NO_PRICE,      /* no per-token input and output price */
	SKIP_BAD_PRICE,     /* negative or not a number */
	SKIP_DUPLICATE,     /* the same id again (the first is kept) */
	SKIP_NOT_CURRENT,   /* only prices that no longer or do not yet apply */
	SKIP_RETIRED,       /* marked removed by its source */
	SKIP_NO_ID,         /* no letter or digit in its name to make an id of */
	SKIP_COUNT
};

extern const char *const import_skip_names[SKIP_COUNT];

struct import_model {
	const char *id, *name, *provider, *source, *as_of, *source_key;
	double input_per_mtok, output_per_mtok;
	double cached_input_per_mtok, batch_discount, context_window; /* NAN when unknown */
	double cache_write_per_mtok;                                   /* NAN when unknown */
	double rate_limit_tokens_per_min;                              /* NAN when unknown */
	bool has_long_context;
	double lc_above, lc_input, lc_output, lc_cached; /* lc_cached NAN when unknown */
	double lc_cache_write;                           /* NAN when unknown */
	size_t seq; /* order read */
};

struct strpool;

struct import_result {
	struct import_model *models;
	size_t n, cap;
	size_t skipped[SKIP_COUNT];
	size_t unmapped_fields;      /* field occurrences the importer does not map */
	const char *unmapped_names[8]; /* a few of their names */
	size_t n_unmapped_names;
	/* in: the date for models the source does not date (genai-prices);
	 * NULL leaves them undated: the date is unknown, never today */
	const char *undated_as_of;
	struct strpool *pool;
};

/* Imports a LiteLLM price map (`text`, named `name`). Entries have no
 * date of their own: each gets the map's `last_updated` date, else `as_of`
 * (NULL: undated, the summary counts them). ST_INPUT with FILE:LINE:COLUMN
 * when the text is not the JSON object LiteLLM publishes. */
enum status import_litellm(struct import_result *r, const char *name, const char *text,
			   const char *as_of, struct diag *d);

/* Imports one genai-prices provider file (YAML) or its data_v2.json (a
 * list of providers); `as_of` picks which of several dated prices applies,
 * and models without `prices_checked` get r->undated_as_of (NULL: undated,
 * the summary counts them). */
enum status import_genai_prices(struct import_result *r, const char *name, const char *text,
				size_t len, const char *as_of, struct diag *d);

/* Sorts the models by id (deterministic output), drops repeated ids
 * (keeping the first seen) and models with a figure the catalog loader
 * would reject (SKIP_BAD_PRICE), so what import_write_catalog writes
 * always loads. */
void import_finish(struct import_result *r);

/* Writes the models as a catalog file (schema_version 1, api_models). */
void import_write_catalog(struct sbuf *out, const struct import_result *r, const char *what);

/* Writes the one-paragraph summary of what was imported and skipped. */
void import_write_summary(struct sbuf *out, const struct import_result *r, const char *what);

void import_release(struct import_result *r);

#endif
