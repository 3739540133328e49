/*
 * compare.c - evaluates a scenario's options at one workload and ranks
 * them. The arithmetic is the engine's; this only owns the arrays and the
 * order.
 */
#include "model/compare.h"

#include <stdlib.h>
#include <string.h>

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
	e->c = (struct compare_result){e->results, e->order, n};
	return ST_OK;
}

void compare_release(struct evaluation *e)
{
	free(e->results);
	free(e->order);
	memset(e, 0, sizeof(*e));
}

/* Heap sort of indices under an order `before(ctx, i, j)` that makes
 * every key unique (the index breaks ties), so the unstable sort gives a
 * stable order, in O(n log n) without allocating. */
typedef bool (*before_fn)(const void *ctx, size_t i, size_t j);

static void sift_down(size_t *h, size_t root, size_t n, before_fn before, const void *ctx)
{
	for (;;) {
		size_t big = root, l = 2 * root + 1, rt = l + 1;
		if (l < n && before(ctx, h[big], h[l]))
			big = l;
		if (rt < n && before(ctx, h[big], h[rt]))
			big = rt;
		if (big == root)
			return;
		size_t t = h[root];
		h[root] = h[big];
		h[big] = t;
		root = big;
	}
}

static void heap_sort(size_t *order, size_t n, before_fn before, const void *ctx)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(order, i, n, before, ctx);
	for (size_t end = n; end-- > 1;) {
		size_t t = order[0];
		order[0] = order[end];
		order[end] = t;
		sift_down(order, 0, end, before, ctx);
	}
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
	heap_sort(order, n, cheaper, results);
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
	heap_sort(order, n, id_before, opts);
}
