/*
 * sort.c - heap sort over indices; see sort.h.
 */
#include "util/sort.h"

static void sift_down(size_t *h, size_t root, size_t n, sort_before_fn before, const void *ctx)
{
	for (;;) {
		size_t big = root, l = 2 * root + 1, r = l + 1, t;
		if (l < n && before(ctx, h[big], h[l]))
			big = l;
		if (r < n && before(ctx, h[big], h[r]))
			big = r;
		if (big == root)
			return;
		t = h[root];
		h[root] = h[big];
		h[big] = t;
		root = big;
	}
}

void sort_indices(size_t *idx, size_t n, sort_before_fn before, const void *ctx)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(idx, i, n, before, ctx);
	for (size_t end = n; end-- > 1;) {
		size_t t = idx[0];
		idx[0] = idx[end];
		idx[end] = t;
		sift_down(idx, 0, end, before, ctx);
	}
}
