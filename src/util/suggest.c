/*
 * suggest.c - nearest-name suggestions by Damerau-Levenshtein distance.
 */
#include "util/suggest.h"

#include <stdio.h>
#include <string.h>

#define MAXLEN 64

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Optimal string alignment distance; strings longer than MAXLEN compare as
 * far apart. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[MAXLEN + 1][MAXLEN + 1];

	if (la > MAXLEN || lb > MAXLEN)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[la][lb];
}

const char *suggest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_score = (size_t)-1, len = strlen(word);
	/* a plausible typo: at most 40% of the word edited, 2 edits always fine */
	size_t limit = len * 2 / 5 > 2 ? len * 2 / 5 : 2;

	for (size_t i = 0; i < n; i++) {
		size_t dd, score;
		if (!candidates[i])
			continue;
		dd = distance(word, candidates[i]);
		score = dd <= limit ? 2 * dd : (size_t)-1;
		/* a candidate that extends the word ("h100" -> "h100-sxm") beats
		 * any edit */
		if (len >= 3 && strncmp(candidates[i], word, len) == 0 && dd > 0)
			score = 1;
		if (score < best_score) {
			best_score = score;
			best = candidates[i];
		}
	}
	return best;
}

char *suggest_hint(char *buf, size_t size, const char *word, const char *const *candidates,
		   size_t n)
{
	const char *s = suggest(word, candidates, n);

	if (s)
		snprintf(buf, size, " (did you mean '%s'?)", s);
	else if (size)
		buf[0] = '\0';
	return buf;
}
