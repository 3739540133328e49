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

/* Heap sort over (feasible first, total, index): the index makes the key
 * unique, so the unstable sort gives the stable order, in O(n log n)
 * without allocating. */
static bool before(const struct option_result *r, size_t i, size_t j)
{
	if (r[i].feasible != r[j].feasible)
		return r[i].feasible;
	if (r[i].feasible && r[i].total != r[j].total)
		return r[i].total < r[j].total;
	return i < j;
}

static void sift_down(size_t *h, size_t root, size_t n, const struct option_result *r)
{
	for (;;) {
		size_t big = root, l = 2 * root + 1, rt = l + 1;
		if (l < n && before(r, h[big], h[l]))
			big = l;
		if (rt < n && before(r, h[big], h[rt]))
			big = rt;
		if (big == root)
			return;
		size_t t = h[root];
		h[root] = h[big];
		h[big] = t;
		root = big;
	}
}

void compare_rank(size_t *order, const struct option_result *results, size_t n)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(order, i, n, results);
	for (size_t end = n; end-- > 1;) {
		size_t t = order[0];
		order[0] = order[end];
		order[end] = t;
		sift_down(order, 0, end, results);
	}
}
