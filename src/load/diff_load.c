/*
 * diff_load.c - reads two saved llmtco JSON documents with cJSON and lines up
 * their options and inputs. Never prints.
 */
#include "load/diff_load.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"

static enum status oom(struct diag *d)
{
	return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
}

/* Parses `text`; a syntax error is placed at its line and column. */
static cJSON *parse(const char *name, const char *text, struct diag *d)
{
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithOpts(text, &end, true);
	unsigned line = 1, col = 1;

	if (doc) {
		cJSON *opts = cJSON_GetObjectItemCaseSensitive(doc, "options");
		if (!cJSON_IsObject(doc) || !cJSON_IsArray(opts)) {
			cJSON_Delete(doc);
			diag_set(d, ST_INPUT, name, 0, 0, "not a saved 'compare' or 'check' JSON output (no 'options' list)");
			return NULL;
		}
		return doc;
	}
	if (!end)
		end = cJSON_GetErrorPtr();
	for (const char *p = text; end && p < end && *p; p++) {
		if (*p == '\n')
			line++, col = 1;
		else
			col++;
	}
	diag_set(d, ST_INPUT, name, line, col, "not valid JSON");
	return NULL;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The option's monthly total, when it is feasible and has one. */
static bool total(const cJSON *opt, double *out)
{
	const cJSON *cost = cJSON_GetObjectItemCaseSensitive(opt, "monthly_cost");
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(cost, "total");

	if (!cJSON_IsNumber(t))
		return false;
	*out = t->valuedouble;
	return true;
}

static struct diff_option *find_option(struct diff *df, const char *id)
{
	for (size_t i = 0; i < df->n_options; i++) {
		if (strcmp(df->options[i].id, id) == 0)
			return &df->options[i];
	}
	return NULL;
}

static enum status add_options(struct diff *df, const cJSON *doc, bool is_new, struct diag *d)
{
	const cJSON *opt;

	cJSON_ArrayForEach(opt, cJSON_GetObjectItemCaseSensitive(doc, "options"))
	{
		const char *id = str(opt, "id");
		struct diff_option *o;
		double t;

		if (!id)
			continue;
		if (!(o = find_option(df, id))) {
			struct diff_option *grown = realloc(df->options, (df->n_options + 1) * sizeof(*grown));
			if (!grown)
				return oom(d);
			df->options = grown;
			o = &grown[df->n_options++];
			memset(o, 0, sizeof(*o));
			o->id = id;
		}
		if (is_new) {
			o->in_new = true;
			o->has_new = total(opt, &t);
			o->new_total = o->has_new ? t : 0;
		} else {
			o->in_old = true;
			o->has_old = total(opt, &t);
			o->old_total = o->has_old ? t : 0;
		}
	}
	return ST_OK;
}

static void value_text(char *buf, size_t size, const cJSON *v)
{
	if (cJSON_IsNumber(v))
		num_shortest(buf, size, v->valuedouble);
	else if (cJSON_IsString(v))
		snprintf(buf, size, "%s", v->valuestring);
	else if (v)
		snprintf(buf, size, "%s", cJSON_IsNull(v) ? "null" : cJSON_IsTrue(v) ? "true" : "false");
	else if (size)
		buf[0] = '\0';
}

static const cJSON *input_value(const cJSON *doc, const char *key)
{
	const cJSON *row;

	cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(doc, "inputs"))
	{
		const char *k = str(row, "key");
		if (k && strcmp(k, key) == 0)
			return cJSON_GetObjectItemCaseSensitive(row, "value");
	}
	return NULL;
}

/* Keys of `from` whose value differs in (or is missing from) `to`. */
static enum status add_inputs(struct diff *df, const cJSON *from, const cJSON *to, bool from_new,
			      struct diag *d)
{
	const cJSON *row;

	cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(from, "inputs"))
	{
		const char *key = str(row, "key");
		char a[96], b[96];
		struct diff_input *in;
		bool seen = false;

		if (!key)
			continue;
		value_text(a, sizeof(a), cJSON_GetObjectItemCaseSensitive(row, "value"));
		value_text(b, sizeof(b), input_value(to, key));
		if (strcmp(a, b) == 0 || (from_new && input_value(to, key)))
			continue; /* same, or listed already from the old side */
		for (size_t i = 0; i < df->n_inputs && !seen; i++)
			seen = strcmp(df->inputs[i].key, key) == 0;
		if (seen)
			continue;
		in = realloc(df->inputs, (df->n_inputs + 1) * sizeof(*in));
		if (!in)
			return oom(d);
		df->inputs = in;
		in = &in[df->n_inputs++];
		in->key = key;
		snprintf(in->old_value, sizeof(in->old_value), "%s", from_new ? b : a);
		snprintf(in->new_value, sizeof(in->new_value), "%s", from_new ? a : b);
	}
	return ST_OK;
}

enum status diff_load(struct diff *df, const char *old_name, const char *old_text,
		      const char *new_name, const char *new_text, struct diag *d)
{
	cJSON *old_doc, *new_doc;

	memset(df, 0, sizeof(*df));
	df->old_name = old_name;
	df->new_name = new_name;
	if (!(old_doc = parse(old_name, old_text, d)))
		return d->code;
	df->docs[0] = old_doc;
	if (!(new_doc = parse(new_name, new_text, d)))
		return d->code;
	df->docs[1] = new_doc;
	df->currency = str(new_doc, "currency") ? str(new_doc, "currency") : "USD";
	if (str(old_doc, "currency") && strcmp(str(old_doc, "currency"), df->currency) != 0)
		return diag_set(d, ST_INPUT, new_name, 0, 0, "currency %s differs from %s in %s",
				df->currency, str(old_doc, "currency"), old_name);
	df->old_cheapest = str(old_doc, "cheapest");
	df->new_cheapest = str(new_doc, "cheapest");
	if (add_options(df, old_doc, false, d) || add_options(df, new_doc, true, d) ||
	    add_inputs(df, old_doc, new_doc, false, d) || add_inputs(df, new_doc, old_doc, true, d))
		return d->code;
	for (size_t i = 0; i < df->n_options; i++) {
		struct diff_option *o = &df->options[i];
		if (o->has_old && o->has_new) {
			o->change = o->new_total - o->old_total;
			o->has_pct = o->old_total > 0;
			o->pct = o->has_pct ? o->change / o->old_total * 100 : 0;
		}
	}
	return ST_OK;
}

void diff_release(struct diff *df)
{
	cJSON_Delete(df->docs[0]);
	cJSON_Delete(df->docs[1]);
	free(df->options);
	free(df->inputs);
	memset(df, 0, sizeof(*df));
}
