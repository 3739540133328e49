/*
 * size.c - the (GPU, tp) grid of `llmtco size`: every replica shape the
 * catalog offers for one model, evaluated by the engine.
 */
#include "model/size.h"

#include <stdlib.h>
#include <string.h>

enum status size_run(struct size_result *s, const struct open_model *model,
		     enum precision precision, double context_tokens, const struct gpu *only,
		     const struct catalog *cat, const struct assumptions *a, struct diag *d)
{
	memset(s, 0, sizeof(*s));
	s->model = model;
	s->precision = precision;
	s->context_tokens = context_tokens;
	s->configs = calloc(cat->n_gpus ? cat->n_gpus * ENGINE_N_TP : 1, sizeof(*s->configs));
	if (!s->configs)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	for (size_t g = 0; g < cat->n_gpus; g++) {
		if (only && only != &cat->gpus[g])
			continue;
		for (size_t t = 0; t < ENGINE_N_TP; t++) {
			struct size_config *c = &s->configs[s->n++];
			c->gpu = &cat->gpus[g];
			c->tensor_parallel = engine_tp_set[t];
			engine_replica(&c->rep, model, c->gpu, precision, c->tensor_parallel,
				       context_tokens, 0, cat, a);
		}
	}
	return ST_OK;
}

void size_release(struct size_result *s)
{
	free(s->configs);
	memset(s, 0, sizeof(*s));
}
