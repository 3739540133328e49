/*
 * fuzz_import.c - any bytes as a LiteLLM price map and as a genai-prices
 * file. Property: whatever `catalog import` writes, the catalog loader
 * accepts (the importer never writes a catalog that validate rejects).
 */
#include "fuzz.h"
#include "load/catalog_load.h"
#include "load/import.h"
#include "util/sbuf.h"

static void written_catalog_loads(const struct import_result *r)
{
	struct sbuf out;
	struct catalog cat;
	struct diag d = {0};

	sbuf_init(&out);
	import_write_catalog(&out, r, "fuzz");
	if (!out.failed && out.buf) {
		catalog_init(&cat);
		if (catalog_add(&cat, "imported", out.buf, out.len, &d) != ST_OK ||
		    catalog_check(&cat, &d) != ST_OK) {
			fprintf(stderr, "%s:%u:%u: %s\n--- written catalog:\n%s\n", d.file,
				d.line, d.col, d.msg, out.buf);
			FUZZ_REQUIRE(0, "catalog import writes a catalog the loader accepts");
		}
		catalog_release(&cat);
	}
	sbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_result r;
	struct diag d = {0};
	char *text = fuzz_text(data, size);

	if (!text)
		return 0;
	memset(&r, 0, sizeof(r));
	if (import_litellm(&r, "fuzz.json", text, "2026-11-01", &d) == ST_OK) {
		import_finish(&r);
		written_catalog_loads(&r);
	}
	import_release(&r);
	memset(&r, 0, sizeof(r));
	memset(&d, 0, sizeof(d));
	if (import_genai_prices(&r, "fuzz.yml", text, size, "2026-11-01", &d) == ST_OK) {
		import_finish(&r);
		written_catalog_loads(&r);
	}
	import_release(&r);
	free(text);
	return 0;
}
