/*
 * report_diff.c - the `diff` report: per option the change in monthly
 * total, options added or removed, changed inputs; table, JSON, markdown.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/grid.h"
#include "model/diff.h"
#include "util/num.h"
#include "report/report_internal.h"

static const char *status_of(const struct diff_option *o)
{
	if (!o->in_old)
		return "added";
	if (!o->in_new)
		return "removed";
	if (o->has_old != o->has_new)
		return o->has_new ? "now feasible" : "now infeasible";
	return o->change == 0 ? "unchanged" : "changed";
}

static void diff_json(struct sbuf *out, const struct diff *df, const char *version)
{
	cJSON *doc = cJSON_CreateObject(), *tool, *arr;
	size_t breaches = 0;

	report_json_add_number(doc, "schema_version", 1);
	tool = cJSON_AddObjectToObject(doc, "tool");
	cJSON_AddStringToObject(tool, "name", "llmtco");
	cJSON_AddStringToObject(tool, "version", version);
	cJSON_AddStringToObject(doc, "command", "diff");
	cJSON_AddStringToObject(doc, "currency", df->currency);
	cJSON_AddStringToObject(doc, "old", df->old_name);
	cJSON_AddStringToObject(doc, "new", df->new_name);
	arr = cJSON_AddArrayToObject(doc, "options");
	for (size_t i = 0; i < df->n_options; i++) {
		const struct diff_option *o = &df->options[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "id", o->id);
		cJSON_AddStringToObject(j, "status", status_of(o));
		if (o->has_old)
			report_json_add_number(j, "old_total", o->old_total);
		else
			cJSON_AddNullToObject(j, "old_total");
		if (o->has_new)
			report_json_add_number(j, "new_total", o->new_total);
		else
			cJSON_AddNullToObject(j, "new_total");
		if (o->has_old && o->has_new)
			report_json_add_number(j, "change", o->change);
		else
			cJSON_AddNullToObject(j, "change");
		if (o->has_pct)
			report_json_add_number(j, "change_pct", o->pct);
		else
			cJSON_AddNullToObject(j, "change_pct");
		cJSON_AddBoolToObject(j, "breach", o->breach);
		breaches += o->breach;
		cJSON_AddItemToArray(arr, j);
	}
	arr = cJSON_AddArrayToObject(doc, "inputs");
	for (size_t i = 0; i < df->n_inputs; i++) {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "key", df->inputs[i].key);
		cJSON_AddStringToObject(j, "old", df->inputs[i].old_value);
		cJSON_AddStringToObject(j, "new", df->inputs[i].new_value);
		cJSON_AddItemToArray(arr, j);
	}
	{
		cJSON *ch = cJSON_AddObjectToObject(doc, "cheapest");
		if (df->old_cheapest)
			cJSON_AddStringToObject(ch, "old", df->old_cheapest);
		else
			cJSON_AddNullToObject(ch, "old");
		if (df->new_cheapest)
			cJSON_AddStringToObject(ch, "new", df->new_cheapest);
		else
			cJSON_AddNullToObject(ch, "new");
	}
	if (df->has_limit) {
		cJSON *lim = cJSON_AddObjectToObject(doc, "max_increase");
		report_json_add_number(lim, "value", df->limit);
		cJSON_AddStringToObject(lim, "unit", df->limit_pct ? "percent" : df->currency);
	} else {
		cJSON_AddNullToObject(doc, "max_increase");
	}
	cJSON_AddStringToObject(doc, "status", breaches ? "fail" : "pass");
	report_json_emit(out, doc);
}

static const char *const heads[] = {"", "option", "old", "new", "change", "%"};
static const bool right[] = {false, false, true, true, true, true};

void report_diff(struct sbuf *out, enum format fmt, const struct diff *df, const char *version)
{
	struct grid g;
	size_t breaches = 0;
	bool md = fmt == FMT_MARKDOWN;

	if (fmt == FMT_JSON) {
		diff_json(out, df, version);
		return;
	}
	for (size_t i = 0; i < df->n_options; i++)
		breaches += df->options[i].breach;
	if (md)
		sbuf_printf(out, "## %s llmtco diff\n\n`%s` -> `%s`", breaches ? ":x:" : ":bar_chart:",
			    df->old_name, df->new_name);
	else
		sbuf_printf(out, "diff: %s -> %s", df->old_name, df->new_name);
	if (df->has_limit) {
		char lim[48];
		sbuf_printf(out, "\n%s%s: %zu option%s above the limit of +%s%s\n\n", md ? "\n" : "",
			    breaches ? "FAIL" : "PASS", breaches, breaches == 1 ? "" : "s",
			    df->limit_pct ? num_shortest(lim, sizeof(lim), df->limit)
					  : num_money(lim, sizeof(lim), df->limit, df->currency),
			    df->limit_pct ? "%" : "");
	} else {
		sbuf_printf(out, "\n\n");
	}
	grid_init(&g, heads, right, 6);
	for (size_t i = 0; i < df->n_options; i++) {
		const struct diff_option *o = &df->options[i];
		char a[48], b[48];
		const char *mark = o->breach ? "!" : !o->in_old ? "+" : !o->in_new ? "-" : "";
		grid_cell(&g, "%s", mark);
		grid_cell(&g, "%s%s", o->id, o->in_old && o->in_new ? "" : !o->in_old ? " (added)" : " (removed)");
		grid_cell(&g, "%s", o->has_old ? num_money(a, sizeof(a), o->old_total, df->currency) : "-");
		grid_cell(&g, "%s", o->has_new ? num_money(a, sizeof(a), o->new_total, df->currency) : "-");
		if (o->has_old && o->has_new) {
			grid_cell(&g, "%s%s", o->change > 0 ? "+" : "", num_money(a, sizeof(a), o->change, df->currency));
			if (o->has_pct)
				grid_cell(&g, "%s%s%%", o->pct > 0 ? "+" : "", num_grouped(b, sizeof(b), o->pct, 1));
			else
				grid_cell(&g, "-");
		} else {
			grid_cell(&g, "%s", status_of(o));
			grid_cell(&g, "-");
		}
	}
	if (md)
		grid_markdown(out, &g);
	else
		grid_text(out, &g, 2, -1, false);
	grid_release(&g);
	if (df->n_inputs) {
		sbuf_printf(out, "\n%sChanged inputs:\n%s", md ? "" : "", md ? "\n" : "");
		for (size_t i = 0; i < df->n_inputs; i++) {
			const struct diff_input *in = &df->inputs[i];
			sbuf_printf(out, "%s%s%s%s: %s -> %s\n", md ? "- `" : "  ", in->key, md ? "`" : "",
				    "", in->old_value[0] ? in->old_value : "(none)",
				    in->new_value[0] ? in->new_value : "(none)");
		}
	}
	sbuf_printf(out, "\nCheapest: %s -> %s\n", df->old_cheapest ? df->old_cheapest : "none",
		    df->new_cheapest ? df->new_cheapest : "none");
}
