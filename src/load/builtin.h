/*
 * builtin.h - the catalog and default scenario compiled into the binary
 * (data/catalog.yaml, data/default-scenario.yaml). NUL-terminated; the
 * lengths exclude the NUL.
 */
#ifndef LLMTCO_BUILTIN_H
#define LLMTCO_BUILTIN_H

extern const char llmtco_builtin_catalog[];
extern const unsigned long llmtco_builtin_catalog_len;
extern const char llmtco_builtin_scenario[];
extern const unsigned long llmtco_builtin_scenario_len;

#endif
