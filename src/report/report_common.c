/*
 * report_common.c - what every writer shares: format names, raw CSV
 * numbers and the run's warnings. Calls no writer, so writers and the
 * dispatch in report.c form no cycle.
 */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/grid.h"
#include "util/num.h"

const char *const format_names[FMT_COUNT] = {"table", "json", "csv", "markdown", "svg"};

const char *report_raw(char *buf, size_t size, bool has, double v)
{
	return has ? num_shortest(buf, size, v) : "";
}

void report_option_parts(struct grid *g, const struct run *r, const struct option_spec *o,
			 const struct option_result *res)
{
	bool sh = engine_self_hosts(o->kind); /* self_hosted, hybrid */
	const char *provider = sh ? (o->provider ? o->provider : res && res->price ? res->price->provider : "")
				  : o->api->provider;

	grid_cell(g, "%s", r->cat->currency);
	grid_cell(g, "%s", sh ? o->model->id : o->api->open_model ? o->api->open_model : "");
	grid_cell(g, "%s", sh ? o->gpu->id : "");
	grid_cell(g, "%s", sh ? precision_names[o->precision] : "");
	grid_cell(g, "%s", sh ? pricing_names[o->pricing] : "");
	grid_cell(g, "%s", provider ? provider : "");
	grid_cell(g, "%s", o->api ? o->api->id : ""); /* a hybrid's overflow */
}

/* The parts in which self-hosted option `o` differs from another of the
 * scenario's self-hosted options of the same model and GPU. */
enum { DIFF_PRECISION = 1, DIFF_PRICING = 2, DIFF_PROVIDER = 4, DIFF_TP = 8, DIFF_SCALING = 16 };

static unsigned differing_parts(const struct run *r, const struct option_spec *o)
{
	unsigned bits = 0;

	for (size_t i = 0; i < r->sc->n_options; i++) {
		const struct option_spec *x = &r->sc->options[i];
		if (x == o || !engine_self_hosts(x->kind) || x->model != o->model || x->gpu != o->gpu)
			continue;
		bits |= x->precision != o->precision ? DIFF_PRECISION : 0;
		bits |= x->pricing != o->pricing ? DIFF_PRICING : 0;
		bits |= strcmp(x->provider ? x->provider : "", o->provider ? o->provider : "")
			? DIFF_PROVIDER : 0;
		bits |= x->tensor_parallel != o->tensor_parallel ? DIFF_TP : 0;
		/* model.md 7.2: the same deployment static and autoscaled */
		bits |= x->kind == OPT_SELF_HOSTED && o->kind == OPT_SELF_HOSTED &&
				x->scaling != o->scaling
			? DIFF_SCALING : 0;
	}
	return bits;
}

/* Appends ", NAME" for each part in `bits`. */
static void add_parts(char *buf, size_t size, const struct option_spec *o, unsigned bits,
		      const char *first_sep)
{
	size_t n = strlen(buf);
	const char *sep = first_sep;

	if (bits & DIFF_PRECISION) {
		snprintf(buf + n, size - n, "%s%s", sep, precision_names[o->precision]);
		n = strlen(buf), sep = ", ";
	}
	if (bits & DIFF_PRICING) {
		snprintf(buf + n, size - n, "%s%s", sep, pricing_names[o->pricing]);
		n = strlen(buf), sep = ", ";
	}
	if ((bits & DIFF_PROVIDER) && o->provider) {
		snprintf(buf + n, size - n, "%s%s", sep, o->provider);
		n = strlen(buf), sep = ", ";
	}
	if ((bits & DIFF_TP) && o->tensor_parallel) {
		snprintf(buf + n, size - n, "%stp %d", sep, o->tensor_parallel);
		n = strlen(buf), sep = ", ";
	}
	if (bits & DIFF_SCALING)
		snprintf(buf + n, size - n, "%s%s", sep, o->scaling == SCALING_HOURLY ? "hourly" : "static");
}

const char *report_self_host_setup(char *buf, size_t size, const struct run *r,
				   const struct option_spec *o)
{
	snprintf(buf, size, "%s", precision_names[o->precision]);
	add_parts(buf, size, o, differing_parts(r, o) & ~(unsigned)DIFF_PRECISION, ", ");
	return buf;
}

const char *report_option_label(char *buf, size_t size, const struct run *r,
				const struct option_spec *o)
{
	if (!engine_self_hosts(o->kind)) {
		snprintf(buf, size, "%s", o->api->id);
		return buf;
	}
	snprintf(buf, size, "%s@%s", o->model->id, o->gpu->id);
	add_parts(buf, size, o, differing_parts(r, o), " ");
	return buf;
}

size_t report_warnings(struct warning_item *out, size_t max, const struct run *r, size_t *stale)
{
	return warnings_collect(out, max, r->sc->options, r->current, r->w, r->a, r->today,
				r->max_price_age, stale);
}

cJSON *report_json_number(double v)
{
	char buf[40];

	if (!isfinite(v))
		return cJSON_CreateNull();
	return cJSON_CreateRaw(num_shortest(buf, sizeof(buf), v));
}

cJSON *report_json_add_number(cJSON *obj, const char *key, double v)
{
	cJSON *item = report_json_number(v);

	if (item && !cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		return NULL;
	}
	return item;
}

/* rate as a percentage with at most `decimals` decimals, trailing zeros cut */
static char *pct(char *buf, size_t size, double rate, bool sign, int decimals)
{
	char num[48];
	size_t n;

	num_grouped(num, sizeof(num), rate * 100, decimals);
	n = strlen(num);
	/* "4.00" -> "4", "2.50" -> "2.5" */
	while (n > 0 && strchr(num, '.') && (num[n - 1] == '0' || num[n - 1] == '.'))
		num[--n] = '\0';
	snprintf(buf, size, "%s%s%%", sign && rate > 0 ? "+" : "", num);
	return buf;
}

char *report_pct(char *buf, size_t size, double rate, bool sign)
{
	return pct(buf, size, rate, sign, 2);
}

char *report_availability(char *buf, size_t size, double share)
{
	/* 99.999% must not round to 100% */
	return pct(buf, size, share, false, 6);
}
