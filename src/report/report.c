/*
 * report.c - the dispatch from a format to the writer of `compare` and
 * `size`. Writers never call back into it.
 */
#include "report/report_internal.h"

void report_compare(struct sbuf *out, enum format fmt, const struct run *r,
		    const struct compare_result *c)
{
	if (fmt == FMT_JSON)
		report_compare_json(out, r, c);
	else
		report_compare_text(out, fmt, r, c);
}

void report_size(struct sbuf *out, enum format fmt, const struct run *r,
		 const struct size_result *s)
{
	if (fmt == FMT_JSON)
		report_size_json(out, r, s);
	else
		report_size_text(out, fmt, r, s);
}
