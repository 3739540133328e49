/*
 * catalog_load.h - reads catalog YAML files into a struct catalog.
 *
 * The catalog owns everything it reads (its string pool); the caller owns
 * the catalog and frees it with catalog_release().
 */
#ifndef LLMTCO_LOAD_CATALOG_LOAD_H
#define LLMTCO_LOAD_CATALOG_LOAD_H

#include <stddef.h>

#include "model/catalog.h"
#include "util/diag.h"

/* Parses the YAML `text` (`len` bytes, named `name` in messages) and layers
 * it over `cat`. On an error fills `d` (FILE:LINE:COLUMN) and returns
 * ST_INPUT (ST_IO when out of memory); `cat` is then unspecified but safe to
 * release. Cross references are not checked here: call catalog_check(). */
enum status catalog_add(struct catalog *cat, const char *name, const char *text, size_t len,
			struct diag *d);

/* Adds the built-in catalog (data/catalog.yaml, compiled in as a parsed
 * tree: builtin.h) as the first layer of a freshly initialised `cat`,
 * exactly as catalog_add() of the file's text named "builtin" would.
 * Returns ST_INPUT (with `d` set) when `cat` already has a layer. */
enum status catalog_add_builtin(struct catalog *cat, struct diag *d);

/* Applies one `--set` override of a catalog figure (interface.md
 * Additions): `text` is "catalog.gpus.ID.KEY=VALUE",
 * "catalog.gpus.ID.prices.PROVIDER.MODE[.xN].KEY=VALUE" or
 * "catalog.api_models.ID.KEY=VALUE". The value is checked as the key's
 * catalog value is; a set per_gpu_hour or purchase_price loses its date and
 * takes source "set". Records the override in cat->overrides under the key
 * JSON `inputs` gives the figure (a price row's path as catalog_price_path
 * spells it, ".xN" only where the provider has several sizes). On an unknown
 * section, id, key or row, or a bad value, fills `d` placed at `origin`
 * (e.g. "--set catalog...") with a did-you-mean and returns ST_INPUT. */
enum status catalog_set(struct catalog *cat, const char *text, const char *origin,
			struct diag *d);

#endif
