/*
 * test_ydoc.c - the YAML tree the loaders share: what ydoc_parse refuses
 * and where, ydoc_set's dotted paths (made, replaced, refused), and the
 * scalar readers' messages.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "load/builtin.h"
#include "load/ydoc.h"

static void parse(struct ydoc *doc, const char *text)
{
	struct diag d = {0};
	if (ydoc_parse(doc, "t.yaml", text, strlen(text), &d))
		fail_msg("%u:%u: %s", d.line, d.col, d.msg);
}

/* Parsing `text` fails with `msg` ("t.yaml:LINE:COL: ..."). */
static void refused(const char *text, size_t len, const char *msg)
{
	struct ydoc doc;
	struct diag d = {0};
	char buf[600];

	if (ydoc_parse(&doc, "t.yaml", text, len, &d) != ST_INPUT)
		fail_msg("accepted: %s", text);
	diag_format(&d, buf, sizeof(buf));
	if (strcmp(buf, msg) != 0)
		fail_msg("got  %s\nwant %s", buf, msg);
	ydoc_release(&doc);
}

static void parse_refuses_with_a_place(void **state)
{
	(void)state;
	refused("a: 1\nb: 2\na: 3\n", 15, "t.yaml:3:1: duplicate key 'a'");
	refused("? [x, y]\n: 1\n", 12, "t.yaml:1:3: mapping keys must be plain strings");
	refused("a: *nowhere\n", 12, "t.yaml:1:4: unknown alias '*nowhere'");
	refused("a: &x\n  b: *x\n", 14, "t.yaml:2:6: recursive alias '*x'");
	refused("a: \"x\\0y\"\n", 10, "t.yaml:1:4: NUL character in a value");
	{
		/* 65 nested lists */
		char deep[200];
		memset(deep, '[', 65);
		memset(deep + 65, ']', 65);
		deep[130] = '\0';
		refused(deep, 130, "t.yaml:1:65: nesting deeper than 64 levels");
	}
}

static void set_makes_replaces_and_refuses(void **state)
{
	struct ydoc doc;
	struct diag d = {0};
	struct ynode *opts, *w;
	char buf[600];
	(void)state;

	parse(&doc, "workload:\n  peak_to_average: 2\noptions:\n  - api: a\n");
	/* replace a scalar: the new node is the command line's */
	assert_int_equal(ydoc_set(&doc, "workload.peak_to_average", "3", "--set p", &d), ST_OK);
	w = ymap_get(doc.root, "workload");
	assert_string_equal(ymap_get(w, "peak_to_average")->str, "3");
	assert_true(ymap_get(w, "peak_to_average")->cli);
	assert_string_equal(ymap_get(w, "peak_to_average")->loc.file, "--set p");
	/* a new key in an existing mapping, a new mapping, a list item */
	assert_int_equal(ydoc_set(&doc, "workload.context_tokens", "4096", "--set c", &d), ST_OK);
	assert_string_equal(ymap_get(w, "context_tokens")->str, "4096");
	assert_int_equal(ydoc_set(&doc, "assumptions.pue", "1.3", "--set u", &d), ST_OK);
	assert_int_equal(ymap_get(doc.root, "assumptions")->type, Y_MAP);
	assert_int_equal(ydoc_set(&doc, "options.1.api", "b", "--set o", &d), ST_OK);
	opts = ymap_get(doc.root, "options");
	assert_int_equal(opts->n, 2);
	assert_string_equal(ymap_get(opts->kids[1], "api")->str, "b");
	assert_int_equal(ydoc_set(&doc, "options.0.api", "c", "--set o", &d), ST_OK);
	assert_string_equal(ymap_get(opts->kids[0], "api")->str, "c");
	/* a missing container indexed by a number is a list */
	assert_int_equal(ydoc_set(&doc, "thresholds.0.metric", "monthly_cost", "--set t", &d), ST_OK);
	assert_int_equal(ymap_get(doc.root, "thresholds")->type, Y_SEQ);
	/* what cannot be set, placed at the flag */
	{
		static const struct {
			const char *path, *msg;
		} bad[] = {
			{"thresholds.0", "--set: 'thresholds.0' is a mapping; set its keys one by one"},
			{"options", "--set: 'options' is a list; set its keys one by one"},
			{"options.3.api", "--set: '3' in 'options.3.api' must be a list index from 0 to 2"},
			{"options.first.api", "--set: 'first' in 'options.first.api' must be a list index from 0 to 2"},
			{"workload.peak_to_average.deep", "--set: 'deep' in 'workload.peak_to_average.deep' is inside a value, not a mapping"},
			{"workload..x", "--set: bad key path 'workload..x'"},
			{"", "--set: bad key path ''"},
		};
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			memset(&d, 0, sizeof(d));
			if (ydoc_set(&doc, bad[i].path, "x", "--set", &d) != ST_INPUT)
				fail_msg("accepted %s", bad[i].path);
			diag_format(&d, buf, sizeof(buf));
			if (strcmp(buf, bad[i].msg) != 0)
				fail_msg("got  %s\nwant %s", buf, bad[i].msg);
		}
	}
	ydoc_release(&doc);
}

/* Reader `call` on the value of key `k` in `text` fails with `msg`. */
#define READ_FAILS(text, k, call, msg)                                                   \
	do {                                                                             \
		struct ydoc doc_;                                                        \
		struct diag d = {0};                                                     \
		char buf_[600];                                                          \
		const struct ynode *node;                                                \
		parse(&doc_, text);                                                      \
		node = ymap_get(doc_.root, k);                                           \
		assert_non_null(node);                                                   \
		assert_int_equal(call, ST_INPUT);                                        \
		diag_format(&d, buf_, sizeof(buf_));                                     \
		if (strcmp(buf_, msg) != 0)                                              \
			fail_msg("got  %s\nwant %s", buf_, msg);                         \
		ydoc_release(&doc_);                                                     \
	} while (0)

static void readers_say_what_they_want(void **state)
{
	static const char *const modes[] = {"on_demand", "spot", NULL, "owned"};
	double v;
	const char *s;
	bool b;
	int e;
	(void)state;

	READ_FAILS("k: [1]\n", "k", ynum(node, "k", 0, 10, false, &v, &d), "t.yaml:1:4: 'k' must be a number");
	READ_FAILS("k: ten\n", "k", ynum(node, "k", 0, 10, false, &v, &d),
		   "t.yaml:1:4: 'k' must be a finite number, got 'ten'");
	READ_FAILS("k: 0\n", "k", ynum(node, "k", 0, 10, true, &v, &d), "t.yaml:1:4: 'k' must be > 0 and <= 10, got 0");
	READ_FAILS("k: 150%\n", "k", ynum(node, "k", 0, 1, false, &v, &d),
		   "t.yaml:1:4: 'k' must be >= 0 and <= 1 (a fraction: write 0.5 or 50%), got 150%");
	READ_FAILS("k: {a: 1}\n", "k", ystr(node, "k", &s, &d), "t.yaml:1:4: 'k' must be a single value, not a mapping");
	READ_FAILS("k: [a]\n", "k", ystr(node, "k", &s, &d), "t.yaml:1:4: 'k' must be a single value, not a list");
	READ_FAILS("k: ''\n", "k", ystr(node, "k", &s, &d), "t.yaml:1:4: 'k' must not be empty");
	READ_FAILS("k: 'true'\n", "k", ybool(node, "k", &b, &d), "t.yaml:1:4: 'k' must be true or false, got 'true'");
	READ_FAILS("k: yes\n", "k", ybool(node, "k", &b, &d), "t.yaml:1:4: 'k' must be true or false, got 'yes'");
	READ_FAILS("k: [true]\n", "k", ybool(node, "k", &b, &d), "t.yaml:1:4: 'k' must be true or false, got 'a list'");
	READ_FAILS("k: {a: b}\n", "k", ybool(node, "k", &b, &d), "t.yaml:1:4: 'k' must be true or false, got 'a mapping'");
	READ_FAILS("k: 2026-02-29\n", "k", ydate(node, "k", &s, &d),
		   "t.yaml:1:4: 'k' must be a date YYYY-MM-DD, got '2026-02-29'");
	READ_FAILS("k: spto\n", "k", yenum(node, "k", modes, 4, &e, &d),
		   "t.yaml:1:4: 'k' must be one of on_demand, spot, owned, got 'spto' (did you mean 'spot'?)");
	/* a number is no typo of a name */
	READ_FAILS("k: 1\n", "k", yenum(node, "k", modes, 4, &e, &d),
		   "t.yaml:1:4: 'k' must be one of on_demand, spot, owned, got '1'");
	{
		struct ydoc doc;
		struct diag d = {0};
		parse(&doc, "a: 50%\nb: true\nc: 2024-02-29\nd: owned\n");
		assert_int_equal(ynum(ymap_get(doc.root, "a"), "a", 0, 1, false, &v, &d), ST_OK);
		assert_true(v == 0.5);
		assert_int_equal(ybool(ymap_get(doc.root, "b"), "b", &b, &d), ST_OK);
		assert_true(b);
		assert_int_equal(ydate(ymap_get(doc.root, "c"), "c", &s, &d), ST_OK);
		assert_string_equal(s, "2024-02-29");
		assert_int_equal(yenum(ymap_get(doc.root, "d"), "d", modes, 4, &e, &d), ST_OK);
		assert_int_equal(e, 3);
		ymap_remove(doc.root, "b");
		assert_null(ymap_get(doc.root, "b"));
		assert_non_null(ymap_get(doc.root, "d"));
		assert_null(ymap_get(ymap_get(doc.root, "a"), "x")); /* not a mapping */
		ydoc_release(&doc);
	}
}

/* Two trees are the same node for node: types, places, values, sizes. */
static void same_tree(const struct ynode *a, const struct ynode *b)
{
	size_t slots = a->type == Y_MAP ? 2 * a->n : a->type == Y_SEQ ? a->n : 0;

	assert_int_equal(a->type, b->type);
	assert_int_equal(a->loc.line, b->loc.line);
	assert_int_equal(a->loc.col, b->loc.col);
	assert_string_equal(a->loc.file, b->loc.file);
	assert_int_equal(a->cli, b->cli);
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->weight, b->weight);
	if (a->type == Y_SCALAR) {
		assert_string_equal(a->str, b->str);
		assert_int_equal(a->plain, b->plain);
	}
	for (size_t i = 0; i < slots; i++)
		same_tree(a->kids[i], b->kids[i]);
}

/* The catalog compiled in at build time is the tree the run-time parser
 * makes of data/catalog.yaml, and its hash is that of the file's bytes. */
static void builtin_tree_is_the_parsed_file(void **state)
{
	struct ydoc doc;
	struct diag d = {0};
	unsigned long long hash = 14695981039346656037ull;
	FILE *f = fopen(DATA "/catalog.yaml", "rb");
	char *text = malloc(1u << 20);
	size_t len;
	(void)state;
	assert_non_null(f);
	assert_non_null(text);
	len = fread(text, 1, 1u << 20, f);
	fclose(f);
	assert_true(len > 0 && len < 1u << 20);
	for (size_t i = 0; i < len; i++)
		hash = (hash ^ (unsigned char)text[i]) * 1099511628211ull;
	assert_true(hash == llmtco_builtin_catalog_hash);
	assert_int_equal(ydoc_parse(&doc, "builtin", text, len, &d), ST_OK);
	same_tree(doc.root, llmtco_builtin_catalog_root);
	ydoc_release(&doc);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_refuses_with_a_place),
		cmocka_unit_test(set_makes_replaces_and_refuses),
		cmocka_unit_test(readers_say_what_they_want),
		cmocka_unit_test(builtin_tree_is_the_parsed_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
