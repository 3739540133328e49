/*
 * strmap.h - a hash map from strings to indices, so that looking names up
 * (ids, mapping keys, anchors) stays linear in the input.
 *
 * Keys are borrowed: they must outlive the map and not change. The map
 * owns only its slot array; strmap_release frees it.
 */
#ifndef LLMTCO_STRMAP_H
#define LLMTCO_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap_slot {
	const char *key; /* NULL: empty */
	size_t value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, n; /* cap is 0 or a power of two */
};

/* An empty map; allocates nothing. */
void strmap_init(struct strmap *m);

/* Frees the slots; the map is empty again. Safe twice. */
void strmap_release(struct strmap *m);

/* Maps `key` to `value`, replacing its value when present. Returns false
 * only when out of memory (the map is then unchanged). */
bool strmap_set(struct strmap *m, const char *key, size_t value);

/* Maps `key` to `value` unless it is present. Returns 1 when added, 0
 * when present (with *old set to its value when old is not NULL), -1 when
 * out of memory. */
int strmap_add(struct strmap *m, const char *key, size_t value, size_t *old);

/* Sets *value to the value of `key` and returns true, or returns false. */
bool strmap_get(const struct strmap *m, const char *key, size_t *value);

#endif
