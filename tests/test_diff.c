/*
 * test_diff.c - diff_load lining up two small saved outputs written here
 * (options added, removed and changed, changed inputs, currency, bad JSON)
 * and diff_apply_limit's budget in money and in percent.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "load/diff_load.h"

#define NEAR(expected, actual) assert_true(fabs((double)(expected) - (actual)) <= 1e-9 * fmax(1, fabs((double)(expected))))

/* a: 1,000 -> 1,250 (+25%); b: removed; c: 0 -> 40; d: added;
 * e: infeasible (no total) in old, 300 in new; f: 800 -> 600 (-25%). */
static const char OLD[] =
	"{\"command\":\"compare\",\"currency\":\"EUR\",\"cheapest\":\"f\",\n"
	" \"inputs\":[{\"key\":\"workload.input_tokens_per_month\",\"value\":1000000},\n"
	"            {\"key\":\"assumptions.power_price\",\"value\":0.15},\n"
	"            {\"key\":\"gone\",\"value\":\"x\"},\n"
	"            {\"key\":\"same\",\"value\":true}],\n"
	" \"options\":[{\"id\":\"a\",\"monthly_cost\":{\"total\":1000}},\n"
	"             {\"id\":\"b\",\"monthly_cost\":{\"total\":50}},\n"
	"             {\"id\":\"c\",\"monthly_cost\":{\"total\":0}},\n"
	"             {\"id\":\"e\",\"feasible\":false},\n"
	"             {\"id\":\"f\",\"monthly_cost\":{\"total\":800}}]}\n";
static const char NEW[] =
	"{\"command\":\"check\",\"currency\":\"EUR\",\"cheapest\":\"e\",\n"
	" \"inputs\":[{\"key\":\"workload.input_tokens_per_month\",\"value\":2500000},\n"
	"            {\"key\":\"assumptions.power_price\",\"value\":0.15},\n"
	"            {\"key\":\"same\",\"value\":true},\n"
	"            {\"key\":\"added\",\"value\":null}],\n"
	" \"options\":[{\"id\":\"f\",\"monthly_cost\":{\"total\":600}},\n"
	"             {\"id\":\"a\",\"monthly_cost\":{\"total\":1250}},\n"
	"             {\"id\":\"c\",\"monthly_cost\":{\"total\":40}},\n"
	"             {\"id\":\"d\",\"monthly_cost\":{\"total\":70}},\n"
	"             {\"id\":\"e\",\"monthly_cost\":{\"total\":300}}]}\n";

static const struct diff_option *find(const struct diff *df, const char *id)
{
	for (size_t i = 0; i < df->n_options; i++) {
		if (strcmp(df->options[i].id, id) == 0)
			return &df->options[i];
	}
	fail_msg("no option %s", id);
	return NULL;
}

static const struct diff_input *find_input(const struct diff *df, const char *key)
{
	for (size_t i = 0; i < df->n_inputs; i++) {
		if (strcmp(df->inputs[i].key, key) == 0)
			return &df->inputs[i];
	}
	return NULL;
}

static void load(struct diff *df, const char *old_text, const char *new_text)
{
	struct diag d = {0};
	assert_int_equal(diff_load(df, "old.json", old_text, "new.json", new_text, &d), ST_OK);
}

static void options_added_removed_and_changed(void **state)
{
	struct diff df;
	const struct diff_option *o;
	(void)state;

	load(&df, OLD, NEW);
	assert_string_equal(df.old_name, "old.json");
	assert_string_equal(df.currency, "EUR");
	assert_string_equal(df.old_cheapest, "f");
	assert_string_equal(df.new_cheapest, "e");
	/* the old order first, then what only the new one lists */
	assert_int_equal(df.n_options, 6);
	assert_string_equal(df.options[0].id, "a");
	assert_string_equal(df.options[4].id, "f");
	assert_string_equal(df.options[5].id, "d");
	o = find(&df, "a");
	assert_true(o->in_old && o->in_new && o->has_old && o->has_new);
	NEAR(250, o->change);
	assert_true(o->has_pct);
	NEAR(25, o->pct);
	o = find(&df, "f");
	NEAR(-200, o->change);
	NEAR(-25, o->pct);
	o = find(&df, "b"); /* removed */
	assert_true(o->in_old && o->has_old);
	assert_false(o->in_new || o->has_new);
	NEAR(50, o->old_total);
	assert_true(o->change == 0 && !o->has_pct);
	o = find(&df, "d"); /* added */
	assert_true(o->in_new && o->has_new && !o->in_old && !o->has_old);
	NEAR(70, o->new_total);
	o = find(&df, "c"); /* from 0: a change but no percent */
	NEAR(40, o->change);
	assert_false(o->has_pct);
	o = find(&df, "e"); /* listed in both, feasible only in the new */
	assert_true(o->in_old && !o->has_old && o->has_new);
	assert_true(o->change == 0);
	assert_false(df.has_limit);
	diff_release(&df);
	assert_null(df.options);
}

static void inputs_that_differ(void **state)
{
	struct diff df;
	const struct diff_input *in;
	(void)state;

	load(&df, OLD, NEW);
	assert_int_equal(df.n_inputs, 3);
	in = find_input(&df, "workload.input_tokens_per_month");
	assert_non_null(in);
	assert_string_equal(in->old_value, "1000000");
	assert_string_equal(in->new_value, "2500000");
	in = find_input(&df, "gone");
	assert_non_null(in);
	assert_string_equal(in->old_value, "x");
	assert_string_equal(in->new_value, "");
	in = find_input(&df, "added");
	assert_non_null(in);
	assert_string_equal(in->old_value, "");
	assert_string_equal(in->new_value, "null");
	assert_null(find_input(&df, "same"));
	assert_null(find_input(&df, "assumptions.power_price"));
	diff_release(&df);

	/* a document against itself: nothing differs, nothing changes */
	load(&df, NEW, NEW);
	assert_int_equal(df.n_inputs, 0);
	for (size_t i = 0; i < df.n_options; i++)
		assert_true(df.options[i].change == 0);
	assert_int_equal(diff_apply_limit(&df, 0, false), 0);
	diff_release(&df);
}

static void limit_in_money(void **state)
{
	struct diff df;
	(void)state;

	load(&df, OLD, NEW);
	/* rises: a +250, c +40; e, b, d have no two totals */
	assert_int_equal(diff_apply_limit(&df, 100, false), 1);
	assert_true(df.has_limit && !df.limit_pct);
	assert_true(df.limit == 100);
	assert_true(find(&df, "a")->breach);
	assert_false(find(&df, "c")->breach);
	assert_false(find(&df, "d")->breach);
	assert_false(find(&df, "e")->breach);
	assert_int_equal(diff_apply_limit(&df, 40, false), 1); /* +40 is not above 40 */
	assert_int_equal(diff_apply_limit(&df, 39.99, false), 2);
	assert_true(find(&df, "c")->breach);
	assert_int_equal(diff_apply_limit(&df, 250, false), 0);
	assert_false(find(&df, "a")->breach);
	/* a budget for cuts: f fell 200, a limit of -300 flags it */
	assert_int_equal(diff_apply_limit(&df, -300, false), 3);
	assert_true(find(&df, "f")->breach);
	diff_release(&df);
}

static void limit_in_percent_and_from_zero(void **state)
{
	struct diff df;
	(void)state;

	load(&df, OLD, NEW);
	/* a +25%; c rose from 0, which is above any percentage */
	assert_int_equal(diff_apply_limit(&df, 30, true), 1);
	assert_true(df.limit_pct);
	assert_true(find(&df, "c")->breach);
	assert_false(find(&df, "a")->breach);
	assert_int_equal(diff_apply_limit(&df, 24.9, true), 2);
	assert_true(find(&df, "a")->breach);
	assert_int_equal(diff_apply_limit(&df, 25, true), 1);
	assert_false(find(&df, "f")->breach);
	diff_release(&df);

	/* 0 -> 0 is no rise */
	load(&df, "{\"options\":[{\"id\":\"z\",\"monthly_cost\":{\"total\":0}}]}",
	     "{\"options\":[{\"id\":\"z\",\"monthly_cost\":{\"total\":0}}]}");
	assert_int_equal(diff_apply_limit(&df, 0, true), 0);
	assert_string_equal(df.currency, "USD"); /* none given */
	assert_null(df.old_cheapest);
	diff_release(&df);
}

static void currency_mismatch_is_an_error(void **state)
{
	struct diff df;
	struct diag d = {0};
	char buf[600];
	(void)state;

	assert_int_equal(diff_load(&df, "old.json", OLD, "new.json",
				   "{\"currency\":\"USD\",\"options\":[]}", &d),
			 ST_INPUT);
	diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "new.json: currency USD differs from EUR in old.json");
	diff_release(&df);
}

static void not_json_is_placed(void **state)
{
	struct diff df;
	struct diag d = {0};
	char buf[600];
	(void)state;

	/* the third line's fifth character is the stray 'x' */
	assert_int_equal(diff_load(&df, "old.json", "{\n \"options\": [\n    x]\n}\n", "new.json",
				   NEW, &d),
			 ST_INPUT);
	diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "old.json:3:5: not valid JSON");
	diff_release(&df);
	memset(&d, 0, sizeof(d));
	assert_int_equal(diff_load(&df, "old.json", OLD, "new.json", "plain text", &d), ST_INPUT);
	diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "new.json:1:1: not valid JSON");
	diff_release(&df);
	/* JSON, but not a saved output */
	memset(&d, 0, sizeof(d));
	assert_int_equal(diff_load(&df, "old.json", "[1, 2]", "new.json", NEW, &d), ST_INPUT);
	diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "old.json: not a saved 'compare' or 'check' JSON output (no 'options' list)");
	diff_release(&df);
	/* trailing text after the document */
	memset(&d, 0, sizeof(d));
	assert_int_equal(diff_load(&df, "old.json", OLD, "new.json", "{\"options\":[]} }", &d),
			 ST_INPUT);
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 16);
	diff_release(&df);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(options_added_removed_and_changed),
		cmocka_unit_test(inputs_that_differ),
		cmocka_unit_test(limit_in_money),
		cmocka_unit_test(limit_in_percent_and_from_zero),
		cmocka_unit_test(currency_mismatch_is_an_error),
		cmocka_unit_test(not_json_is_placed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
