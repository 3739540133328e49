/*
 * scenario_load.h - reads a scenario file, applies the command line's
 * overrides to it and resolves its options against a catalog.
 *
 * The scenario borrows catalog entries: release it before the catalog.
 */
#ifndef LLMTCO_LOAD_SCENARIO_LOAD_H
#define LLMTCO_LOAD_SCENARIO_LOAD_H

#include <stddef.h>

#include "model/catalog.h"
#include "model/scenario.h"
#include "util/diag.h"

/* One command-line override, applied in order after the file. */
enum override_kind {
	OV_SET,       /* "KEY=VALUE" by dotted path */
	OV_API,       /* "ID": add a hosted or managed option */
	OV_SELF_HOST, /* "MODEL@GPU[:PRECISION[:PRICING[/PROVIDER]]]" */
};

struct override {
	enum override_kind kind;
	const char *text;
	const char *flag; /* for messages: "--set", "--api", "--input-tokens" ... */
};

/* scenario_load flags */
enum {
	SC_REPLACE_OPTIONS = 1u << 0, /* an option override drops the file's options first */
	SC_PARTIAL = 1u << 1,         /* workload and options may be absent (assumptions only) */
};

/* Parses scenario `text` (named `name`), applies `overrides` in order and
 * resolves options against `cat`. With SC_REPLACE_OPTIONS, an override that
 * adds an option drops the file's options first (the built-in default
 * scenario's options give way to --api/--self-host); with SC_PARTIAL an
 * empty text or a scenario without workload or options is fine (commands
 * that need only assumptions). On error fills `d` (FILE:LINE:COLUMN, or
 * the flag) and returns ST_INPUT; `sc` is then safe to release. */
enum status scenario_load(struct scenario *sc, const struct catalog *cat, const char *name,
			  const char *text, size_t len, const struct override *overrides,
			  size_t n_overrides, unsigned flags, struct diag *d);

#endif
