/*
 * suggest.h - "did you mean" for unknown names (git's levenshtein idea).
 */
#ifndef LLMTCO_SUGGEST_H
#define LLMTCO_SUGGEST_H

#include <stddef.h>

/* Returns the candidate closest to `word` by edit distance, or NULL when
 * none is close enough to be a plausible typo. `candidates` holds `n`
 * strings; NULL entries are skipped. The result points into `candidates`. */
const char *suggest(const char *word, const char *const *candidates, size_t n);

/* Writes " (did you mean 'X'?)" for the suggestion, or "" when there is
 * none, into buf. Returns buf. */
char *suggest_hint(char *buf, size_t size, const char *word, const char *const *candidates,
		   size_t n);

#endif
