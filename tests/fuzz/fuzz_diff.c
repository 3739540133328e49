/*
 * fuzz_diff.c - any bytes as the new document of `diff` against a fixed
 * old one: a clean placed failure or a diff, never a crash.
 */
#include "fuzz.h"
#include "load/diff_load.h"

static const char old_doc[] =
	"{\"schema_version\":1,\"command\":\"compare\",\"currency\":\"USD\","
	"\"inputs\":[{\"key\":\"workload.input_tokens_per_month\",\"value\":1000000}],"
	"\"options\":[{\"id\":\"api:gpt-4o\",\"feasible\":true,\"monthly_cost\":{\"total\":10}}],"
	"\"cheapest\":\"api:gpt-4o\"}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diff df;
	struct diag d = {0};
	char *text = fuzz_text(data, size);

	if (!text)
		return 0;
	memset(&df, 0, sizeof(df));
	if (diff_load(&df, "old.json", old_doc, "new.json", text, &d) == ST_OK)
		diff_apply_limit(&df, 5, true);
	else
		FUZZ_REQUIRE(d.msg[0] != '\0', "a failure carries a message");
	diff_release(&df);
	free(text);
	return 0;
}
