/*
 * builtin.h - the catalog and default scenario compiled into the binary.
 *
 * The default scenario (data/default-scenario.yaml) is its text,
 * NUL-terminated; the length excludes the NUL. The catalog
 * (data/catalog.yaml) is its tree, parsed at build time by
 * llmtco_builtin_gen (builtin_gen.c) exactly as ydoc_parse() would parse it
 * at run time, every place named "builtin"; read it, never change it. Its
 * hash is the FNV-1a 64 of the file's bytes (catalog.h `hash`).
 */
#ifndef LLMTCO_BUILTIN_H
#define LLMTCO_BUILTIN_H

#include "load/ydoc.h"

extern const struct ynode *const llmtco_builtin_catalog_root;
extern const unsigned long long llmtco_builtin_catalog_hash;
extern const char llmtco_builtin_scenario[];
extern const unsigned long llmtco_builtin_scenario_len;

#endif
