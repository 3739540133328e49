/*
 * strpool.c - chunked string storage; see strpool.h.
 */
#include "util/strpool.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK 16384

struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

struct strpool {
	struct chunk *head;
};

struct strpool *strpool_new(void)
{
	return calloc(1, sizeof(struct strpool));
}

const char *strpool_dup(struct strpool *p, const char *s)
{
	size_t len = strlen(s) + 1;
	struct chunk *c = p->head;
	char *out;

	if (!c || c->size - c->used < len) {
		size_t size = len > CHUNK ? len : CHUNK;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->next = p->head;
		c->used = 0;
		c->size = size;
		p->head = c;
	}
	out = c->data + c->used;
	memcpy(out, s, len);
	c->used += len;
	return out;
}

void strpool_free(struct strpool *p)
{
	if (!p)
		return;
	while (p->head) {
		struct chunk *next = p->head->next;
		free(p->head);
		p->head = next;
	}
	free(p);
}
