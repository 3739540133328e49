/*
 * json.c - cJSON parsing with located errors. cJSON reports where it
 * stopped through its return_parse_end argument as well as a global; only
 * the former is used, so concurrent parses cannot mix their errors up.
 */
#include "load/json.h"

cJSON *json_parse(const char *name, const char *text, struct diag *d)
{
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithOpts(text, &end, 1);
	unsigned line, col;

	if (doc)
		return doc;
	diag_place(text, end ? (size_t)(end - text) : 0, &line, &col);
	diag_set(d, ST_INPUT, name, line, col, "not valid JSON");
	return NULL;
}
