/*
 * strmap.c - open addressing with linear probing over FNV-1a hashes; the
 * table doubles at half full, so every operation is O(1) expected.
 */
#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void strmap_release(struct strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot holding `key`, or the empty slot where it would go. */
static struct strmap_slot *find(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);

	while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static bool grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t cap = m->cap ? m->cap * 2 : 16;

	if (!(m->slots = calloc(cap, sizeof(*m->slots)))) {
		*m = old;
		return false;
	}
	m->cap = cap;
	for (size_t i = 0; i < old.cap; i++) {
		if (old.slots[i].key)
			*find(m, old.slots[i].key) = old.slots[i];
	}
	free(old.slots);
	return true;
}

int strmap_add(struct strmap *m, const char *key, size_t value, size_t *old)
{
	struct strmap_slot *s;

	if ((m->n + 1) * 2 > m->cap && !grow(m))
		return -1;
	s = find(m, key);
	if (s->key) {
		if (old)
			*old = s->value;
		return 0;
	}
	*s = (struct strmap_slot){key, value};
	m->n++;
	return 1;
}

bool strmap_set(struct strmap *m, const char *key, size_t value)
{
	struct strmap_slot *s;

	if ((m->n + 1) * 2 > m->cap && !grow(m))
		return false;
	s = find(m, key);
	if (!s->key)
		m->n++;
	*s = (struct strmap_slot){key, value};
	return true;
}

bool strmap_get(const struct strmap *m, const char *key, size_t *value)
{
	const struct strmap_slot *s;

	if (m->cap == 0)
		return false;
	s = find(m, key);
	if (!s->key)
		return false;
	*value = s->value;
	return true;
}
