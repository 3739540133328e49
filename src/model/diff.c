/*
 * diff.c - the budget check of `llmtco diff`: which options' totals rose
 * by more than a limit. Reading the documents is load/diff_load.c's job.
 */
#include "model/diff.h"

size_t diff_apply_limit(struct diff *df, double limit, bool pct)
{
	size_t n = 0;

	df->has_limit = true;
	df->limit = limit;
	df->limit_pct = pct;
	for (size_t i = 0; i < df->n_options; i++) {
		struct diff_option *o = &df->options[i];
		if (!o->has_old || !o->has_new)
			continue;
		o->breach = pct ? (o->has_pct && o->pct > limit) || (!o->has_pct && o->change > 0)
				: o->change > limit;
		n += o->breach;
	}
	return n;
}
