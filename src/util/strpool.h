/*
 * strpool.h - an append-only string pool: strings live until the pool is
 * freed, so structs can hold plain `const char *` without owning them.
 */
#ifndef LLMTCO_STRPOOL_H
#define LLMTCO_STRPOOL_H

struct strpool;

/* A new empty pool, or NULL when out of memory. */
struct strpool *strpool_new(void);

/* A copy of `s` owned by the pool; NULL when out of memory. */
const char *strpool_dup(struct strpool *p, const char *s);

/* Frees the pool and every string in it. NULL is fine. */
void strpool_free(struct strpool *p);

#endif
