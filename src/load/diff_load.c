/*
 * diff_load.c - reads two saved llmtco JSON documents with cJSON and lines up
 * their options and inputs. Never prints.
 */
#include "load/diff_load.h"
#include "load/json.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"
#include "util/strmap.h"

static enum status oom(struct diag *d)
{
	return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Parses `text`, which must be a saved compare or check output. */
static cJSON *parse(const char *name, const char *text, struct diag *d)
{
	cJSON *doc = json_parse(name, text, d), *opts;
	const char *cmd;

	if (!doc)
		return NULL;
	opts = cJSON_GetObjectItemCaseSensitive(doc, "options");
	if (!cJSON_IsObject(doc) || !cJSON_IsArray(opts)) {
		cJSON_Delete(doc);
		diag_set(d, ST_INPUT, name, 0, 0, "not a saved 'compare' or 'check' JSON output (no 'options' list)");
		return NULL;
	}
	/* other commands' options hold other figures (horizon's are totals
	 * over months, simulate's means): comparing them as monthly costs
	 * would be wrong */
	cmd = str(doc, "command");
	if (cmd && strcmp(cmd, "compare") != 0 && strcmp(cmd, "check") != 0) {
		diag_set(d, ST_INPUT, name, 0, 0, "a saved '%s' output, not 'compare' or 'check': diff compares monthly costs", cmd);
		cJSON_Delete(doc);
		return NULL;
	}
	return doc;
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

/* Lines up the options of `doc` with those already seen (ids in `ids`,
 * index into df->options), in one pass. */
static enum status add_options(struct diff *df, struct strmap *ids, const cJSON *doc, bool is_new,
			       struct diag *d)
{
	const cJSON *opt;
	size_t cap = df->n_options;

	cJSON_ArrayForEach(opt, cJSON_GetObjectItemCaseSensitive(doc, "options"))
	{
		const char *id = str(opt, "id");
		struct diff_option *o;
		size_t at;
		double t;

		if (!id)
			continue;
		if (strmap_get(ids, id, &at)) {
			o = &df->options[at];
		} else {
			if (df->n_options == cap) {
				struct diff_option *grown;
				cap = cap ? cap * 2 : 16;
				if (!(grown = realloc(df->options, cap * sizeof(*grown))))
					return oom(d);
				df->options = grown;
			}
			if (!strmap_set(ids, id, df->n_options))
				return oom(d);
			o = &df->options[df->n_options++];
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

/* Indexes the `inputs` rows of `doc` by key: key -> the row (as an
 * integer: the map holds indices). */
static bool index_inputs(struct strmap *keys, const cJSON *doc)
{
	const cJSON *row;

	cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(doc, "inputs"))
	{
		const char *k = str(row, "key");
		if (k && strmap_add(keys, k, (size_t)(uintptr_t)row, NULL) < 0)
			return false;
	}
	return true;
}

/* The value of input `key` in the rows indexed by `keys`, or NULL. */
static const cJSON *input_value(const struct strmap *keys, const char *key)
{
	size_t row;

	if (!strmap_get(keys, key, &row))
		return NULL;
	return cJSON_GetObjectItemCaseSensitive((const cJSON *)(uintptr_t)row, "value");
}

/* Keys of `from` whose value differs in (or is missing from) `to`. */
/* Adds each input of `from` whose value differs in the other document
 * (its inputs indexed in `to_keys`), once a key (`seen`). */
static enum status add_inputs(struct diff *df, struct strmap *seen, const cJSON *from,
			      const struct strmap *to_keys, bool from_new, struct diag *d)
{
	const cJSON *row;
	size_t cap = df->n_inputs;

	cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(from, "inputs"))
	{
		const char *key = str(row, "key");
		const cJSON *other;
		char a[256], b[256];
		struct diff_input *in;

		if (!key)
			continue;
		other = input_value(to_keys, key);
		value_text(a, sizeof(a), cJSON_GetObjectItemCaseSensitive(row, "value"));
		value_text(b, sizeof(b), other);
		if (strcmp(a, b) == 0 || (from_new && other))
			continue; /* same, or listed already from the old side */
		switch (strmap_add(seen, key, 0, NULL)) {
		case -1:
			return oom(d);
		case 0:
			continue;
		default:
			break;
		}
		if (df->n_inputs == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(in = realloc(df->inputs, cap * sizeof(*in))))
				return oom(d);
			df->inputs = in;
		}
		in = &df->inputs[df->n_inputs++];
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
	{
		struct strmap ids, old_keys, new_keys, seen;
		enum status st = ST_OK;
		strmap_init(&ids);
		strmap_init(&old_keys);
		strmap_init(&new_keys);
		strmap_init(&seen);
		if (!index_inputs(&old_keys, old_doc) || !index_inputs(&new_keys, new_doc))
			st = oom(d);
		else if (add_options(df, &ids, old_doc, false, d) ||
			 add_options(df, &ids, new_doc, true, d) ||
			 add_inputs(df, &seen, old_doc, &new_keys, false, d) ||
			 add_inputs(df, &seen, new_doc, &old_keys, true, d))
			st = d->code;
		strmap_release(&ids);
		strmap_release(&old_keys);
		strmap_release(&new_keys);
		strmap_release(&seen);
		if (st)
			return st;
	}
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
