/*
 * report.c - what all report formats share: format names, warnings, and the
 * dispatch from a format to its writer.
 */
#include "llmtco/report.h"

#include <stdio.h>

#include "llmtco/num.h"
#include "report_internal.h"

const char *const format_names[FMT_COUNT] = {"table", "json", "csv", "markdown", "svg"};

size_t report_warnings(struct warning_item *out, size_t max, const struct run *r)
{
	const struct compare_result *c = r->current;
	size_t n = 0;

	for (size_t i = 0; c && i < c->n && n < max; i++) {
		const struct option_spec *o = &r->sc->options[i];
		const struct option_result *res = &c->results[i];
		char a[32], b[32];

		if ((res->warnings & W_RATE_LIMIT_EXCEEDED) && n < max) {
			double peak = (r->w->t_in + r->w->t_out) * r->w->peak_to_average /
				      (r->a->v[A_HOURS_PER_MONTH] * 60);
			out[n] = (struct warning_item){.code = "rate_limit_exceeded", .option = o->id};
			snprintf(out[n++].message, sizeof(out[0].message),
				 "peak load of %s tokens/min exceeds the rate limit of %s tokens/min",
				 num_si(a, sizeof(a), peak),
				 num_si(b, sizeof(b), o->api->rate_limit_tokens_per_min));
		}
		if ((res->warnings & W_NO_BATCH_DISCOUNT) && n < max) {
			out[n] = (struct warning_item){.code = "no_batch_discount", .option = o->id};
			snprintf(out[n++].message, sizeof(out[0].message),
				 "batch_fraction is set but '%s' publishes no batch discount; none applied",
				 o->api->id);
		}
	}
	return n;
}

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
