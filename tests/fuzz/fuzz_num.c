/*
 * fuzz_num.c - number parsing and printing: whatever num_parse accepts is
 * finite, and num_shortest of it reads back to the same double.
 */
#include <math.h>

#include "fuzz.h"
#include "util/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), buf[64];
	double v, back;
	long days;

	if (!text)
		return 0;
	if (num_parse(text, &v)) {
		FUZZ_REQUIRE(isfinite(v), "a parsed number is finite");
		num_shortest(buf, sizeof(buf), v);
		FUZZ_REQUIRE(num_parse(buf, &back) && back == v, "shortest form reads back");
	}
	(void)num_date_days(text, &days);
	free(text);
	return 0;
}
