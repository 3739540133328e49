/*
 * ydoc.c - builds a bounded YAML tree from libyaml events, and reads values
 * out of it strictly.
 *
 * The only file of the project that includes <yaml.h>. It never prints; all
 * failures go into a struct diag with the offending place.
 */
#include "load/ydoc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <yaml.h>

#include "model/assumptions.h"
#include "model/catalog.h"
#include "util/num.h"
#include "util/suggest.h"
#include "util/strmap.h"
#include "util/strpool.h"

struct anchor {
	char *name;
	struct ynode *node;
};

struct frame {
	struct ynode *node;
	size_t cap;         /* capacity of node->kids */
	size_t start_total; /* builder total when this container opened */
	struct strmap keys; /* a large mapping's keys, for the duplicate check */
};

/* Mappings up to this many keys are checked for duplicates by scanning;
 * larger ones through frame.keys, so a 50k-key mapping stays linear. */
#define SCAN_KEYS 8

struct builder {
	struct ydoc *doc;
	struct frame stack[YDOC_MAX_DEPTH];
	size_t depth;
	struct anchor *anchors;
	size_t n_anchors, cap_anchors;
	struct strmap anchor_index; /* name -> the latest anchor of that name */
	size_t total; /* nodes so far, aliases expanded */
	struct diag *d;
};

static enum status oom(struct diag *d)
{
	return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
}

static struct ynode *node_new(struct ydoc *doc, enum ytype type, struct loc loc)
{
	struct ynode *n;

	if (doc->n_all == doc->cap_all) {
		size_t cap = doc->cap_all ? doc->cap_all * 2 : 64;
		struct ynode **all = realloc(doc->all, cap * sizeof(*all));
		if (!all)
			return NULL;
		doc->all = all;
		doc->cap_all = cap;
	}
	n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	n->type = type;
	n->loc = loc;
	n->weight = 1;
	doc->all[doc->n_all++] = n;
	return n;
}

static bool kids_push(struct ynode *parent, size_t *cap, struct ynode *kid)
{
	size_t slots = parent->type == Y_MAP ? parent->n * 2 : parent->n;

	if (slots == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		struct ynode **k = realloc(parent->kids, c * sizeof(*k));
		if (!k)
			return false;
		parent->kids = k;
		*cap = c;
	}
	parent->kids[slots] = kid;
	return true;
}

/* Adds a finished node to the open container (or makes it the root). Map
 * entries are completed in pairs: `n` counts pairs, so a key waits for its
 * value in the slot after the last pair. */
/* Sets *dup when `key` is already a key of the mapping open in `f`, and
 * records it otherwise. Returns true when out of memory. */
static bool duplicate_key(struct frame *f, const char *key, bool *dup)
{
	const struct ynode *map = f->node;

	*dup = false;
	if (map->n < SCAN_KEYS) {
		for (size_t i = 0; i < map->n; i++)
			*dup |= strcmp(map->kids[2 * i]->str, key) == 0;
		return false;
	}
	if (map->n == SCAN_KEYS) {
		for (size_t i = 0; i < map->n; i++) {
			if (strmap_add(&f->keys, map->kids[2 * i]->str, i, NULL) < 0)
				return true;
		}
	}
	switch (strmap_add(&f->keys, key, map->n, NULL)) {
	case -1:
		return true;
	case 0:
		*dup = true;
		break;
	default:
		break;
	}
	return false;
}

static enum status attach(struct builder *b, struct ynode *kid, const struct loc *at)
{
	struct frame *f;
	size_t used;
	bool dup;

	if (b->depth == 0) {
		b->doc->root = kid;
		return ST_OK;
	}
	f = &b->stack[b->depth - 1];
	if (f->node->type == Y_SEQ) {
		if (!kids_push(f->node, &f->cap, kid))
			return oom(b->d);
		f->node->n++;
		return ST_OK;
	}
	/* Y_MAP: kids holds 2n complete slots plus possibly one pending key. */
	used = f->node->n * 2;
	if (f->cap > used && f->node->kids[used] != NULL) {
		/* a pending key: this is its value */
		f->node->kids[used + 1] = kid;
		f->node->n++;
		return ST_OK;
	}
	if (kid->type != Y_SCALAR)
		return diag_set(b->d, ST_INPUT, at->file, at->line, at->col,
				"mapping keys must be plain strings");
	if (duplicate_key(f, kid->str, &dup))
		return oom(b->d);
	if (dup)
		return diag_set(b->d, ST_INPUT, at->file, at->line, at->col, "duplicate key '%s'",
				kid->str);
	if (f->cap < used + 2) {
		size_t c = f->cap ? f->cap * 2 : 8;
		struct ynode **k;
		while (c < used + 2)
			c *= 2;
		k = realloc(f->node->kids, c * sizeof(*k));
		if (!k)
			return oom(b->d);
		memset(k + f->cap, 0, (c - f->cap) * sizeof(*k));
		f->node->kids = k;
		f->cap = c;
	}
	f->node->kids[used] = kid;
	f->node->kids[used + 1] = NULL;
	return ST_OK;
}

static enum status add_anchor(struct builder *b, const yaml_char_t *name, struct ynode *node)
{
	if (!name)
		return ST_OK;
	if (b->n_anchors == b->cap_anchors) {
		size_t cap = b->cap_anchors ? b->cap_anchors * 2 : 8;
		struct anchor *a = realloc(b->anchors, cap * sizeof(*a));
		if (!a)
			return oom(b->d);
		b->anchors = a;
		b->cap_anchors = cap;
	}
	b->anchors[b->n_anchors].name = strdup((const char *)name);
	if (!b->anchors[b->n_anchors].name)
		return oom(b->d);
	b->anchors[b->n_anchors].node = node;
	/* a redefined anchor: aliases after it mean the new node */
	if (!strmap_set(&b->anchor_index, b->anchors[b->n_anchors].name, b->n_anchors)) {
		free(b->anchors[b->n_anchors].name);
		return oom(b->d);
	}
	b->n_anchors++;
	return ST_OK;
}

static enum status grow_total(struct builder *b, size_t add, const struct loc *at)
{
	b->total += add;
	if (b->total > YDOC_MAX_NODES)
		return diag_set(b->d, ST_INPUT, at->file, at->line, at->col,
				"document too large: more than %u nodes with aliases expanded",
				YDOC_MAX_NODES);
	return ST_OK;
}

static enum status on_alias(struct builder *b, const yaml_event_t *ev, const struct loc *at)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct ynode *target = NULL;
	size_t at_index;

	if (strmap_get(&b->anchor_index, name, &at_index))
		target = b->anchors[at_index].node;
	if (!target)
		return diag_set(b->d, ST_INPUT, at->file, at->line, at->col,
				"unknown alias '*%s'", name);
	for (size_t i = 0; i < b->depth; i++) {
		if (b->stack[i].node == target)
			return diag_set(b->d, ST_INPUT, at->file, at->line, at->col,
					"recursive alias '*%s'", name);
	}
	if (grow_total(b, target->weight, at))
		return b->d->code;
	return attach(b, target, at);
}

static enum status on_event(struct builder *b, const yaml_event_t *ev)
{
	struct loc at = {b->doc->name, (unsigned)ev->start_mark.line + 1,
			 (unsigned)ev->start_mark.column + 1};
	struct ynode *n;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (grow_total(b, 1, &at))
			return b->d->code;
		n = node_new(b->doc, Y_SCALAR, at);
		if (!n || !(n->str = malloc(ev->data.scalar.length + 1)))
			return oom(b->d);
		memcpy(n->str, ev->data.scalar.value, ev->data.scalar.length);
		n->str[ev->data.scalar.length] = '\0';
		if (strlen(n->str) != ev->data.scalar.length)
			return diag_set(b->d, ST_INPUT, at.file, at.line, at.col,
					"NUL character in a value");
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (add_anchor(b, ev->data.scalar.anchor, n))
			return b->d->code;
		return attach(b, n, &at);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (b->depth == YDOC_MAX_DEPTH)
			return diag_set(b->d, ST_INPUT, at.file, at.line, at.col,
					"nesting deeper than %d levels", YDOC_MAX_DEPTH);
		if (grow_total(b, 1, &at))
			return b->d->code;
		n = node_new(b->doc, ev->type == YAML_MAPPING_START_EVENT ? Y_MAP : Y_SEQ, at);
		if (!n)
			return oom(b->d);
		if (add_anchor(b, ev->type == YAML_MAPPING_START_EVENT
					  ? ev->data.mapping_start.anchor
					  : ev->data.sequence_start.anchor,
			       n))
			return b->d->code;
		b->stack[b->depth++] = (struct frame){n, 0, b->total - 1, {0}};
		return ST_OK;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		struct frame f = b->stack[--b->depth];
		strmap_release(&f.keys);
		f.node->weight = b->total - f.start_total;
		return attach(b, f.node, &f.node->loc);
	}
	case YAML_ALIAS_EVENT:
		return on_alias(b, ev, &at);
	case YAML_DOCUMENT_START_EVENT:
		if (b->doc->root)
			return diag_set(b->d, ST_INPUT, at.file, at.line, at.col,
					"more than one YAML document");
		return ST_OK;
	default:
		return ST_OK;
	}
}

enum status ydoc_parse(struct ydoc *doc, const char *name, const char *text, size_t len,
		       struct diag *d)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct builder b = {.doc = doc, .d = d};
	enum status st = ST_OK;
	bool done = false;

	memset(doc, 0, sizeof(*doc));
	doc->name = strdup(name);
	if (!doc->name)
		return oom(d);
	if (len > YDOC_MAX_BYTES)
		return diag_set(d, ST_INPUT, name, 0, 0, "file larger than %u MiB",
				YDOC_MAX_BYTES >> 20);
	if (!yaml_parser_initialize(&parser))
		return oom(d);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done && st == ST_OK) {
		if (!yaml_parser_parse(&parser, &ev)) {
			char context[160] = "";
			if (parser.context)
				snprintf(context, sizeof(context), " (%s at line %zu, column %zu)",
					 parser.context, parser.context_mark.line + 1,
					 parser.context_mark.column + 1);
			st = diag_set(d, ST_INPUT, name, (unsigned)parser.problem_mark.line + 1,
				      (unsigned)parser.problem_mark.column + 1, "invalid YAML: %s%s",
				      parser.problem ? parser.problem : "syntax error", context);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		st = on_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (size_t i = 0; i < b.depth; i++)
		strmap_release(&b.stack[i].keys);
	for (size_t i = 0; i < b.n_anchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	strmap_release(&b.anchor_index);
	return st;
}

void ydoc_release(struct ydoc *doc)
{
	for (size_t i = 0; i < doc->n_all; i++) {
		free(doc->all[i]->str);
		free(doc->all[i]->kids);
		free(doc->all[i]);
	}
	for (size_t i = 0; i < doc->n_origins; i++)
		free(doc->origins[i]);
	free(doc->origins);
	free(doc->all);
	free(doc->name);
	memset(doc, 0, sizeof(*doc));
}

struct ynode *ymap_get(const struct ynode *map, const char *key)
{
	if (!map || map->type != Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->kids[2 * i]->str, key) == 0)
			return map->kids[2 * i + 1];
	}
	return NULL;
}

void ymap_remove(struct ynode *map, const char *key)
{
	if (!map || map->type != Y_MAP)
		return;
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->kids[2 * i]->str, key) == 0) {
			memmove(&map->kids[2 * i], &map->kids[2 * i + 2],
				(map->n - i - 1) * 2 * sizeof(*map->kids));
			map->n--;
			return;
		}
	}
}

static struct ynode *set_node(struct ydoc *doc, enum ytype type, const char *origin,
			      const char *str)
{
	struct ynode *n = node_new(doc, type, (struct loc){origin, 0, 0});

	if (!n)
		return NULL;
	n->cli = true;
	n->plain = true;
	if (str && !(n->str = strdup(str)))
		return NULL;
	return n;
}

/* Appends key -> value to a mapping built by ydoc_set (capacity = n). */
static bool map_append(struct ynode *map, struct ynode *key, struct ynode *value)
{
	struct ynode **k = realloc(map->kids, (map->n + 1) * 2 * sizeof(*k));

	if (!k)
		return false;
	map->kids = k;
	k[2 * map->n] = key;
	k[2 * map->n + 1] = value;
	map->n++;
	return true;
}

static bool seq_append(struct ynode *seq, struct ynode *item)
{
	struct ynode **k = realloc(seq->kids, (seq->n + 1) * sizeof(*k));

	if (!k)
		return false;
	seq->kids = k;
	k[seq->n++] = item;
	return true;
}

enum status ydoc_set(struct ydoc *doc, const char *path, const char *value, const char *origin,
		     struct diag *d)
{
	char seg[128];
	const char *p = path, *dot;
	struct ynode *cur;
	char **o = realloc(doc->origins, (doc->n_origins + 1) * sizeof(*o));

	if (!o)
		return oom(d);
	doc->origins = o;
	if (!(o[doc->n_origins] = strdup(origin)))
		return oom(d);
	origin = o[doc->n_origins++];

	if (!doc->root && !(doc->root = set_node(doc, Y_MAP, origin, NULL)))
		return oom(d);
	cur = doc->root;
	for (;;) {
		size_t len;
		bool last;
		struct ynode *next = NULL, *slot_parent = cur;
		size_t idx = 0;

		dot = strchr(p, '.');
		len = dot ? (size_t)(dot - p) : strlen(p);
		last = !dot;
		if (len == 0 || len >= sizeof(seg))
			return diag_set(d, ST_INPUT, origin, 0, 0, "bad key path '%s'", path);
		memcpy(seg, p, len);
		seg[len] = '\0';
		if (cur->type == Y_MAP) {
			next = ymap_get(cur, seg);
		} else if (cur->type == Y_SEQ) {
			char *end;
			unsigned long v = strtoul(seg, &end, 10);
			if (*end || seg[0] < '0' || seg[0] > '9' || v > cur->n)
				return diag_set(d, ST_INPUT, origin, 0, 0,
						"'%s' in '%s' must be a list index from 0 to %zu",
						seg, path, cur->n);
			idx = v;
			next = idx < cur->n ? cur->kids[idx] : NULL;
		} else {
			return diag_set(d, ST_INPUT, origin, 0, 0,
					"'%s' in '%s' is inside a value, not a mapping", seg, path);
		}
		if (last || !next) {
			/* a missing container is a list when indexed by a number */
			bool list = !last && dot[1] >= '0' && dot[1] <= '9';
			struct ynode *made = last ? set_node(doc, Y_SCALAR, origin, value)
						  : set_node(doc, list ? Y_SEQ : Y_MAP, origin, NULL);
			if (!made)
				return oom(d);
			if (next && last && next->type != Y_SCALAR)
				return diag_set(d, ST_INPUT, origin, 0, 0,
						"'%s' is a %s; set its keys one by one", path,
						next->type == Y_MAP ? "mapping" : "list");
			if (slot_parent->type == Y_SEQ) {
				if (next)
					slot_parent->kids[idx] = made;
				else if (!seq_append(slot_parent, made))
					return oom(d);
			} else if (next) {
				for (size_t i = 0; i < slot_parent->n; i++) {
					if (slot_parent->kids[2 * i + 1] == next)
						slot_parent->kids[2 * i + 1] = made;
				}
			} else {
				struct ynode *k = set_node(doc, Y_SCALAR, origin, seg);
				if (!k || !map_append(slot_parent, k, made))
					return oom(d);
			}
			next = made;
		}
		if (last)
			return ST_OK;
		cur = next;
		p = dot + 1;
	}
}

/* The first node under `node` (itself included) that a command-line
 * override made, or NULL. */
static const struct ynode *cli_node(const struct ynode *node, int depth)
{
	const struct ynode *c;

	if (!node || node->cli)
		return node;
	if (depth > 8 || node->type == Y_SCALAR)
		return NULL;
	for (size_t i = 0; i < (node->type == Y_MAP ? 2 * node->n : node->n); i++) {
		if ((c = cli_node(node->kids[i], depth + 1)))
			return c;
	}
	return NULL;
}

enum status ynode_error(struct diag *d, const struct ynode *node, const char *fmt, ...)
{
	char msg[sizeof(d->msg)];
	va_list ap;
	const struct ynode *flag;

	/* the built-in scenario is not the user's file: when a flag changed
	 * the part that is wrong, name the flag */
	if (node->loc.file && strncmp(node->loc.file, "builtin:", 8) == 0 &&
	    (flag = cli_node(node, 0)))
		node = flag;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return diag_set(d, ST_INPUT, node->loc.file, node->loc.line, node->loc.col, "%s", msg);
}

enum status ymap_check(const struct ynode *node, const char *what, const char *const *allowed,
		       size_t n, struct diag *d)
{
	char hint[160];

	if (node->type != Y_MAP)
		return ynode_error(d, node, "%s must be a mapping of keys to values", what);
	for (size_t i = 0; i < node->n; i++) {
		const struct ynode *k = node->kids[2 * i];
		bool known = false;
		for (size_t j = 0; j < n && !known; j++)
			known = strcmp(allowed[j], k->str) == 0;
		if (!known)
			return ynode_error(d, k, "unknown key '%s' in %s%s", k->str, what,
					   suggest_hint(hint, sizeof(hint), k->str, allowed, n));
	}
	return ST_OK;
}

enum status ynum_open(const struct ynode *node, const char *key, double lo, double hi,
		      bool lo_open, bool hi_open, double *out, struct diag *d)
{
	double v;
	char lim[96];
	bool fraction = lo >= 0 && hi == 1 && lo < hi;

	if (node->type != Y_SCALAR)
		return ynode_error(d, node, "'%s' must be a number", key);
	if (!(fraction ? num_parse_rate(node->str, &v) : num_parse(node->str, &v)))
		return ynode_error(d, node, "'%s' must be a finite number, got '%.60s'", key,
				   node->str);
	if (v < lo || v > hi || (lo_open && v == lo) || (hi_open && v == hi))
		return ynode_error(d, node, "'%s' must be %s, got %.60s", key,
				   num_limits_text(lim, sizeof(lim), lo, lo_open, hi, hi_open, fraction), node->str);
	*out = v;
	return ST_OK;
}

enum status ynum(const struct ynode *node, const char *key, double lo, double hi, bool lo_open,
		 double *out, struct diag *d)
{
	return ynum_open(node, key, lo, hi, lo_open, false, out, d);
}

enum status ystr(const struct ynode *node, const char *key, const char **out, struct diag *d)
{
	if (node->type != Y_SCALAR)
		return ynode_error(d, node, "'%s' must be a single value, not a %s", key,
				   node->type == Y_MAP ? "mapping" : "list");
	if (node->str[0] == '\0')
		return ynode_error(d, node, "'%s' must not be empty", key);
	*out = node->str;
	return ST_OK;
}

enum status yenum(const struct ynode *node, const char *key, const char *const *names, size_t n,
		  int *out, struct diag *d)
{
	const char *s = NULL;
	char hint[160], list[256] = "";

	if (ystr(node, key, &s, d))
		return d->code;
	for (size_t i = 0; i < n; i++) {
		if (names[i] && strcmp(names[i], s) == 0) {
			*out = (int)i;
			return ST_OK;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (!names[i])
			continue;
		if (list[0])
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, names[i], sizeof(list) - strlen(list) - 1);
	}
	/* a number close to another number is no typo worth suggesting */
	if (s[0] >= '0' && s[0] <= '9')
		hint[0] = '\0';
	else
		suggest_hint(hint, sizeof(hint), s, names, n);
	return ynode_error(d, node, "'%s' must be one of %s, got '%.60s'%s", key, list, s, hint);
}

enum status ybool(const struct ynode *node, const char *key, bool *out, struct diag *d)
{
	if (node->type != Y_SCALAR || !node->plain ||
	    (strcmp(node->str, "true") != 0 && strcmp(node->str, "false") != 0))
		return ynode_error(d, node, "'%s' must be true or false, got '%.60s'", key,
				   node->type == Y_SCALAR ? node->str : node->type == Y_MAP ? "a mapping" : "a list");
	*out = node->str[0] == 't';
	return ST_OK;
}

enum status ydate(const struct ynode *node, const char *key, const char **out, struct diag *d)
{
	const char *s = NULL;

	if (ystr(node, key, &s, d))
		return d->code;
	if (!num_date_valid(s))
		return ynode_error(d, node, "'%s' must be a date YYYY-MM-DD, got '%.60s'", key, s);
	*out = s;
	return ST_OK;
}

/* yread_fields, or with `over` yread_fields_over */
static enum status read_fields(const struct ynode *map, const char *what, const struct field *fields,
			       size_t n, void *obj, struct strpool *pool, bool over, struct diag *d)
{
	const char *names[48] = {0};

	if (n > sizeof(names) / sizeof(names[0]))
		return diag_set(d, ST_IO, NULL, 0, 0, "internal: field table too long");
	for (size_t i = 0; i < n; i++)
		names[i] = fields[i].key;
	if (ymap_check(map, what, names, n, d))
		return d->code;
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		const struct ynode *v = ymap_get(map, f->key);
		char *slot;
		const char *s = NULL;

		/* required is checked for every type: the caller reads a custom
		 * field itself and must be able to rely on its presence */
		if (!v && f->required && !over)
			return ynode_error(d, map, "missing required key '%s' in %s", f->key, what);
		if (f->type == F_CUSTOM || (!v && over))
			continue;
		slot = (char *)obj + f->off; /* obj may be NULL for all-custom tables */
		if (!v) {
			if (f->type == F_NUM || f->type == F_INT)
				*(double *)slot = NAN;
			else
				*(const char **)slot = NULL;
			continue;
		}
		switch (f->type) {
		case F_NUM:
		case F_INT:
			if (ynum(v, f->key, f->lo, f->hi, f->lo_open, (double *)slot, d))
				return d->code;
			if (f->type == F_INT && *(double *)slot != floor(*(double *)slot))
				return ynode_error(d, v, "'%s' must be a whole number, got %s",
						   f->key, v->str);
			break;
		case F_STR:
		case F_DATE:
			if ((f->type == F_STR ? ystr(v, f->key, &s, d) : ydate(v, f->key, &s, d)))
				return d->code;
			if (!(*(const char **)slot = strpool_dup(pool, s)))
				return oom(d);
			break;
		case F_CUSTOM:
			break;
		}
	}
	return ST_OK;
}

enum status yread_fields(const struct ynode *map, const char *what, const struct field *fields,
			 size_t n, void *obj, struct strpool *pool, struct diag *d)
{
	return read_fields(map, what, fields, n, obj, pool, false, d);
}

enum status yread_fields_over(const struct ynode *map, const char *what, const struct field *fields,
			      size_t n, void *obj, struct strpool *pool, struct diag *d)
{
	return read_fields(map, what, fields, n, obj, pool, true, d);
}

enum status yread_assumptions(const struct ynode *map, const char *what,
			      struct assumption_set *set, struct diag *d)
{
	const char *names[A_COUNT];

	memset(set, 0, sizeof(*set));
	if (!map)
		return ST_OK;
	for (int k = 0; k < A_COUNT; k++)
		names[k] = assumption_specs[k].name;
	if (ymap_check(map, what, names, A_COUNT, d))
		return d->code;
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *key = map->kids[2 * i], *v = map->kids[2 * i + 1];
		int k = assumption_index(key->str);

		if (assumption_specs[k].is_precision) {
			int p = PREC_BF16;
			if (yenum(v, key->str, kv_precision_names, PREC_COUNT, &p, d))
				return d->code;
			set->v[k] = p;
		} else {
			if (v->type != Y_SCALAR || !(assumption_is_fraction((enum assumption)k)
							     ? num_parse_rate(v->str, &set->v[k])
							     : num_parse(v->str, &set->v[k])))
				return ynode_error(d, v, "'%s' must be a finite number%s%.60s%s",
						   key->str, v->type == Y_SCALAR ? ", got '" : "",
						   v->type == Y_SCALAR ? v->str : "",
						   v->type == Y_SCALAR ? "'" : "");
			if (assumption_check((enum assumption)k, set->v[k], &v->loc, d))
				return d->code;
		}
		set->given[k] = true;
		set->loc[k] = v->loc;
	}
	return ST_OK;
}
