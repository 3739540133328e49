/*
 * ydoc.h - a small, bounded YAML document tree and strict readers over it.
 *
 * Private to the loaders (catalog.c, scenario.c): ydoc.c is the only file
 * that includes <yaml.h>. The tree keeps every node's place for messages.
 * Aliases share their anchor's node; the total size of the tree with every
 * alias expanded, its depth and the input size are bounded so that hostile
 * files ("billion laughs") fail fast.
 */
#ifndef LLMTCO_YDOC_H
#define LLMTCO_YDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

#define YDOC_MAX_BYTES (64u << 20)   /* input size */
#define YDOC_MAX_DEPTH 64            /* nesting of mappings and sequences */
#define YDOC_MAX_NODES 1000000u      /* nodes with aliases expanded */

enum ytype { Y_SCALAR, Y_MAP, Y_SEQ };

struct ynode {
	enum ytype type;
	struct loc loc;
	bool cli;       /* created by ydoc_set(), not read from the file */
	char *str;      /* Y_SCALAR: the value, NUL-terminated */
	bool plain;     /* Y_SCALAR: unquoted */
	size_t n;       /* Y_SEQ: items; Y_MAP: key/value pairs */
	struct ynode **kids; /* Y_SEQ: n items; Y_MAP: 2n, key then value */
	size_t weight;  /* nodes in this subtree with aliases expanded */
};

struct ydoc {
	struct ynode *root;   /* NULL for an empty document */
	char *name;           /* owned; every loc.file points here or at a set origin */
	struct ynode **all;   /* every node, for release */
	size_t n_all, cap_all;
	char **origins;       /* owned "--set ..." names */
	size_t n_origins;
};

/* Parses `text` (`len` bytes, named `name`) into `doc`. Rejects multiple
 * documents, non-scalar keys, duplicate keys, recursive or oversized alias
 * expansion and excessive depth. On failure fills `d` with the place and
 * returns ST_INPUT (ST_IO when out of memory); `doc` is safe to release. */
enum status ydoc_parse(struct ydoc *doc, const char *name, const char *text, size_t len,
		       struct diag *d);

/* Frees everything `doc` owns. Safe on a zeroed or partly built doc. */
void ydoc_release(struct ydoc *doc);

/* Sets the scalar at the dotted `path` ("workload.peak_to_average",
 * "options.0.self_hosted.precision") to `value`, creating mappings as
 * needed and appending to a sequence when the index equals its length.
 * New nodes carry `origin` (copied) as their place and cli = true. On a bad
 * path fills `d` (placed at `origin`) and returns ST_INPUT. */
enum status ydoc_set(struct ydoc *doc, const char *path, const char *value, const char *origin,
		     struct diag *d);

/* The value of `key` in mapping `map`, or NULL (also when map is NULL or not
 * a mapping). */
struct ynode *ymap_get(const struct ynode *map, const char *key);

/* Removes `key` from mapping `map` if present. */
void ymap_remove(struct ynode *map, const char *key);

/* Checks that `node` is a mapping whose keys all appear in `allowed` (n
 * names). An unknown key fails with a did-you-mean; `what` names the
 * mapping in messages ("gpu", "workload"). */
enum status ymap_check(const struct ynode *node, const char *what, const char *const *allowed,
		       size_t n, struct diag *d);

/* Sets `d` to ST_INPUT at node's place with a message. Returns ST_INPUT. */
enum status ynode_error(struct diag *d, const struct ynode *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reads a scalar as a finite number (suffixes allowed) in [lo, hi] (lo
 * excluded when lo_open); `key` names it in messages. */
enum status ynum(const struct ynode *node, const char *key, double lo, double hi, bool lo_open,
		 double *out, struct diag *d);

/* ynum() with the upper bound excluded too when hi_open: (lo, 1) is a
 * fraction that may not reach 1, still read as 0.5 or 50%. */
enum status ynum_open(const struct ynode *node, const char *key, double lo, double hi,
		      bool lo_open, bool hi_open, double *out, struct diag *d);

/* Reads a scalar string; fails on a mapping or sequence. The result points
 * into the tree. */
enum status ystr(const struct ynode *node, const char *key, const char **out, struct diag *d);

/* Reads a scalar that must be one of `names` (n entries); stores the index. */
enum status yenum(const struct ynode *node, const char *key, const char *const *names, size_t n,
		  int *out, struct diag *d);

/* Reads a boolean scalar: plain `true` or `false`, nothing else. */
enum status ybool(const struct ynode *node, const char *key, bool *out, struct diag *d);

/* Reads a YYYY-MM-DD date scalar. */
enum status ydate(const struct ynode *node, const char *key, const char **out, struct diag *d);

/* Field tables: read a whole mapping into a struct in one call. */
struct strpool;
enum ftype { F_NUM, F_INT, F_STR, F_DATE, F_CUSTOM };

struct field {
	const char *key;
	enum ftype type;   /* F_CUSTOM: allowed here, read by the caller */
	size_t off;        /* offsetof the double or const char * member */
	bool required;
	double lo, hi;     /* F_NUM, F_INT range, inclusive */
	bool lo_open;      /* exclude lo */
};

/* Checks `map` against `fields` (unknown keys fail with a did-you-mean;
 * required keys must be present) and stores every non-custom field into
 * `obj`: numbers as double (NAN when absent), strings and dates copied into
 * `pool` (NULL when absent). `what` names the mapping in messages. */
enum status yread_fields(const struct ynode *map, const char *what, const struct field *fields,
			 size_t n, void *obj, struct strpool *pool, struct diag *d);

/* Like yread_fields, but over an existing `obj`: only the keys `map` gives
 * are stored, absent ones keep their values, and nothing is required
 * (layering by field, interface.md Additions). */
enum status yread_fields_over(const struct ynode *map, const char *what, const struct field *fields,
			      size_t n, void *obj, struct strpool *pool, struct diag *d);

/* Reads a mapping of assumption keys (model.md section 4) into `set`. */
struct assumption_set;
enum status yread_assumptions(const struct ynode *map, const char *what,
			      struct assumption_set *set, struct diag *d);

#endif
