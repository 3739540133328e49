/*
 * sort.h - sorts an array of indices by a caller's order, in O(n log n)
 * without allocating (libc's qsort takes no context).
 */
#ifndef LLMTCO_SORT_H
#define LLMTCO_SORT_H

#include <stdbool.h>
#include <stddef.h>

/* True when index a goes before index b. It must be a strict total order
 * (break ties by the indices themselves to make the result stable). */
typedef bool (*sort_before_fn)(const void *ctx, size_t a, size_t b);

/* Sorts idx[0..n) so that before(ctx, idx[i], idx[i + 1]) for every i. */
void sort_indices(size_t *idx, size_t n, sort_before_fn before, const void *ctx);

#endif
