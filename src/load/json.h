/*
 * json.h - parses a JSON document with cJSON and places a syntax error at
 * its line and column, without cJSON's global error pointer.
 *
 * The caller owns the returned document and frees it with cJSON_Delete.
 */
#ifndef LLMTCO_LOAD_JSON_H
#define LLMTCO_LOAD_JSON_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "util/diag.h"

/* Parses `text` (NUL-terminated; nothing but white space may follow the
 * value). On a syntax error fills `d` with "NAME:LINE:COLUMN: not valid
 * JSON" and returns NULL (ST_IO when out of memory is indistinguishable
 * from a syntax error in cJSON, so it is reported as the latter). */
cJSON *json_parse(const char *name, const char *text, struct diag *d);

#endif
