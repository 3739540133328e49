/*
 * compare.c - evaluates a scenario's options at one workload and ranks
 * them. The arithmetic is the engine's; this only owns the arrays and the
 * order.
 */
#include "model/compare.h"

#include <stdlib.h>
#include <string.h>

#include "util/sort.h"

enum status compare_evaluate(struct evaluation *e, const struct option_spec *opts, size_t n,
			     const struct workload *w, const struct catalog *cat,
			     const struct assumptions *a, struct diag *d)
{
	memset(e, 0, sizeof(*e));
	e->results = calloc(n ? n : 1, sizeof(*e->results));
	e->order = calloc(n ? n : 1, sizeof(*e->order));
	if (!e->results || !e->order)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < n; i++)
		engine_evaluate(&e->results[i], &opts[i], w, cat, a);
	compare_rank(e->order, e->results, n);
	e->c = (struct compare_result){e->results, e->order, n, NULL};
	return ST_OK;
}

void compare_release(struct evaluation *e)
{
	portfolio_eval_release(&e->portfolio);
	free(e->results);
	free(e->order);
	memset(e, 0, sizeof(*e));
}

/* Fills order[0..n) with 0..n-1 sorted by `before`. */
static void sorted(size_t *order, size_t n, sort_before_fn before, const void *ctx)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_indices(order, n, before, ctx);
}

/* (feasible first, total, index) */
static bool cheaper(const void *ctx, size_t i, size_t j)
{
	const struct option_result *r = ctx;

	if (r[i].feasible != r[j].feasible)
		return r[i].feasible;
	if (r[i].feasible && r[i].total != r[j].total)
		return r[i].total < r[j].total;
	return i < j;
}

void compare_rank(size_t *order, const struct option_result *results, size_t n)
{
	sorted(order, n, cheaper, results);
}

/* (id, index) */
static bool id_before(const void *ctx, size_t i, size_t j)
{
	const struct option_spec *o = ctx;
	int c = strcmp(o[i].id, o[j].id);

	return c ? c < 0 : i < j;
}

void compare_order_by_id(size_t *order, const struct option_spec *opts, size_t n)
{
	sorted(order, n, id_before, opts);
}
