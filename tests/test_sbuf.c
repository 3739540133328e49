/*
 * test_sbuf.c - the text buffer and the string map under util/: YAML
 * quoting of every kind of byte (escapes, well-formed and malformed UTF-8),
 * display widths and padding, YAML numbers, and strmap's set, add, get and
 * growth.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/sbuf.h"
#include "util/strmap.h"

static void quoted_is(const char *in, const char *want)
{
	struct sbuf s;

	sbuf_init(&s);
	sbuf_yaml_quoted(&s, in);
	if (strcmp(s.buf, want) != 0)
		fail_msg("got  %s\nwant %s", s.buf, want);
	sbuf_release(&s);
}

static void yaml_quoting_escapes_and_repairs(void **state)
{
	(void)state;
	quoted_is("", "\"\"");
	quoted_is("plain", "\"plain\"");
	quoted_is("a\"b\\c", "\"a\\\"b\\\\c\"");
	quoted_is("tab\there\n", "\"tab\\x09here\\x0a\"");
	quoted_is("del\x7f", "\"del\\x7f\"");
	/* well-formed UTF-8 of 2, 3 and 4 bytes is kept */
	quoted_is("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	/* a lead byte without its continuation */
	quoted_is("\xc3(", "\"\\uFFFD(\"");
	/* overlong forms, a surrogate, beyond U+10FFFF, a C1 control: every
	 * byte of them is replaced */
	quoted_is("\xc0\xaf", "\"\\uFFFD\\uFFFD\"");
	quoted_is("\xe0\x80\x80", "\"\\uFFFD\\uFFFD\\uFFFD\"");
	quoted_is("\xed\xa0\x80", "\"\\uFFFD\\uFFFD\\uFFFD\"");
	quoted_is("\xf4\x90\x80\x80", "\"\\uFFFD\\uFFFD\\uFFFD\\uFFFD\"");
	quoted_is("\xf0\x80\x80\x80", "\"\\uFFFD\\uFFFD\\uFFFD\\uFFFD\"");
	quoted_is("\xc2\x85", "\"\\uFFFD\\uFFFD\"");
	quoted_is("\xff", "\"\\uFFFD\"");
	/* the highest code point and the first after the C1 block are fine */
	quoted_is("\xf4\x8f\xbf\xbf\xc2\xa0", "\"\xf4\x8f\xbf\xbf\xc2\xa0\"");
}

static void widths_and_padding_count_code_points(void **state)
{
	struct sbuf s;
	(void)state;

	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("h\xc3\xa9llo\xe2\x82\xac"), 6);
	sbuf_init(&s);
	sbuf_pad(&s, "\xc3\xa9", 3, false);
	sbuf_add(&s, "|", 1);
	sbuf_pad(&s, "\xc3\xa9", 3, true);
	sbuf_add(&s, "|", 1);
	sbuf_pad(&s, "toolong", 3, true); /* never cut */
	assert_string_equal(s.buf, "\xc3\xa9  |  \xc3\xa9|toolong");
	assert_int_equal(s.len, strlen(s.buf));
	assert_false(s.failed);
	sbuf_release(&s);
}

static void yaml_numbers_shortest_and_absent(void **state)
{
	struct sbuf s;
	(void)state;

	sbuf_init(&s);
	sbuf_yaml_number(&s, "  ", "a", 0.1);
	sbuf_yaml_number(&s, "  ", "b", NAN);
	sbuf_yaml_number(&s, "", "c", 2.5e6);
	sbuf_printf(&s, "%.2f", 1.25);
	assert_string_equal(s.buf, "  a: 0.1\nc: 2500000\n1.25");
	sbuf_release(&s);
}

static void strmap_sets_adds_and_grows(void **state)
{
	static char keys[3000][8];
	struct strmap m;
	size_t v = 0;
	(void)state;

	strmap_init(&m);
	assert_false(strmap_get(&m, "a", &v));
	assert_true(strmap_set(&m, "a", 1));
	assert_true(strmap_get(&m, "a", &v));
	assert_int_equal(v, 1);
	assert_true(strmap_set(&m, "a", 2)); /* replaces */
	assert_true(strmap_get(&m, "a", &v));
	assert_int_equal(v, 2);
	assert_int_equal(strmap_add(&m, "a", 3, &v), 0); /* present: the old value */
	assert_int_equal(v, 2);
	assert_int_equal(strmap_add(&m, "a", 3, NULL), 0);
	assert_int_equal(strmap_add(&m, "b", 4, NULL), 1);
	assert_true(strmap_get(&m, "b", &v));
	assert_int_equal(v, 4);
	/* thousands of keys: every one still found with its value */
	for (size_t i = 0; i < 3000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
		assert_int_equal(strmap_add(&m, keys[i], i * 7, NULL), 1);
	}
	assert_int_equal(m.n, 3002);
	assert_true((m.cap & (m.cap - 1)) == 0 && m.cap > m.n);
	for (size_t i = 0; i < 3000; i++) {
		assert_true(strmap_get(&m, keys[i], &v));
		assert_int_equal(v, i * 7);
	}
	assert_false(strmap_get(&m, "k3000", &v));
	strmap_release(&m);
	assert_false(strmap_get(&m, "a", &v));
	strmap_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(yaml_quoting_escapes_and_repairs),
		cmocka_unit_test(widths_and_padding_count_code_points),
		cmocka_unit_test(yaml_numbers_shortest_and_absent),
		cmocka_unit_test(strmap_sets_adds_and_grows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
