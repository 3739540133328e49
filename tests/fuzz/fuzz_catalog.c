/*
 * fuzz_catalog.c - any bytes as a catalog layer over the built-in one: the
 * loader must fail cleanly with a placed message or load a catalog that
 * its own check accepts or rejects without crashing.
 */
#include "fuzz.h"
#include "load/catalog_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog cat;
	struct diag d = {0};
	char *text = fuzz_text(data, size);

	if (!text)
		return 0;
	catalog_init(&cat);
	if (catalog_add(&cat, "fuzz", text, size, &d) == ST_OK)
		catalog_check(&cat, &d);
	else
		FUZZ_REQUIRE(d.msg[0] != '\0', "a failure carries a message");
	catalog_release(&cat);
	free(text);
	return 0;
}
