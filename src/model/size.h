/*
 * size.h - which GPUs fit an open model, at each tp (model.md 3.1-3.2): the
 * arithmetic behind `llmtco size`.
 *
 * Ownership: size_run allocates s->configs; size_release frees it.
 */
#ifndef LLMTCO_MODEL_SIZE_H
#define LLMTCO_MODEL_SIZE_H

#include <stddef.h>

#include "model/engine.h"
#include "util/diag.h"

/* One (GPU, tp) of the catalog evaluated for the model. */
struct size_config {
	const struct gpu *gpu;
	int tensor_parallel;
	struct replica rep;
};

struct size_result {
	const struct open_model *model;
	enum precision precision;
	double context_tokens;
	/* where context_tokens came from (model.md 1): "flag" (--context),
	 * "requests" (input + output / 2 per request), "scenario" or
	 * "default" (assumptions.default_context_tokens); NULL: not said */
	const char *context_source;
	struct size_config *configs; /* owned */
	size_t n;
};

/* Evaluates `model` at `precision` and `context_tokens` per sequence on
 * every GPU of `cat` (or only `only` when not NULL) at every tp of
 * engine_tp_set. Returns ST_IO with `d` filled when out of memory. */
enum status size_run(struct size_result *s, const struct open_model *model,
		     enum precision precision, double context_tokens, const struct gpu *only,
		     const struct catalog *cat, const struct assumptions *a, struct diag *d);

/* Frees what size_run allocated; safe on a zeroed result. */
void size_release(struct size_result *s);

#endif
