/*
 * diff_load.h - reads two saved `compare` or `check` JSON outputs into a
 * struct diff (model/diff.h), which owns the parsed documents.
 */
#ifndef LLMTCO_LOAD_DIFF_LOAD_H
#define LLMTCO_LOAD_DIFF_LOAD_H

#include "model/diff.h"
#include "util/diag.h"

/* Parses both texts and computes the differences. A text that is not JSON
 * fails with FILE:LINE:COLUMN; one that is not a compare or check output
 * fails naming the file. ST_INPUT or ST_IO. */
enum status diff_load(struct diff *df, const char *old_name, const char *old_text,
		      const char *new_name, const char *new_text, struct diag *d);

/* Frees what the diff owns. Safe on a zeroed diff. */
void diff_release(struct diff *df);

#endif
