/*
 * fuzz_calibrate.c - any bytes as each benchmark format `calibrate` reads.
 * Properties: a run read has a finite throughput and output length > 0;
 * and whatever rows `calibrate` makes of the runs, the layer it writes
 * loads over the built-in catalog (the command never writes a catalog that
 * validate rejects).
 */
#include <math.h>

#include "fuzz.h"
#include "load/builtin.h"
#include "load/calibrate.h"
#include "load/catalog_load.h"
#include "report/report.h"
#include "util/sbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct catalog cat;
	static int loaded;
	const struct calib_flags flags = {.model = "llama-3.1-8b", .gpu = "h100-sxm",
					  .precision = "bf16", .tensor_parallel = 1};
	char *text = fuzz_text(data, size);
	struct diag d = {0};

	if (!text)
		return 0;
	if (!loaded) {
		catalog_init(&cat);
		FUZZ_REQUIRE(catalog_add_builtin(&cat, &d) == ST_OK,
			     "the built-in catalog loads");
		loaded = 1;
	}
	for (int f = 0; f < CALIB_FORMAT_COUNT; f++) {
		struct calib_result r = {0};
		struct throughput *rows = NULL;
		size_t n = 0, replaced;
		struct sbuf out;

		memset(&d, 0, sizeof(d));
		if (calib_parse(&r, (enum calib_format)f, "fuzz.json", text, size, &d) == ST_OK) {
			for (size_t i = 0; i < r.n; i++)
				FUZZ_REQUIRE(isfinite(r.runs[i].output_tokens_per_s) &&
						     r.runs[i].output_tokens_per_s > 0 &&
						     r.runs[i].output_tokens > 0 && r.runs[i].input_tokens >= 0,
					     "a run read has a throughput and lengths");
			if (calib_rows(&rows, &n, &replaced, &r, &cat, &flags, &d) == ST_OK) {
				struct catalog over;
				sbuf_init(&out);
				report_throughput_layer(&out, rows, n, "fuzz");
				catalog_init(&over);
				if (!out.failed &&
				    (catalog_add_builtin(&over, &d) != ST_OK ||
				     catalog_add(&over, "calibrated", out.buf, out.len, &d) != ST_OK ||
				     catalog_check(&over, &d) != ST_OK)) {
					fprintf(stderr, "%s:%u:%u: %s\n--- written layer:\n%s\n", d.file,
						d.line, d.col, d.msg, out.buf);
					FUZZ_REQUIRE(0, "calibrate writes a layer the loader accepts");
				}
				catalog_release(&over);
				sbuf_release(&out);
			}
			free(rows);
		}
		calib_release(&r);
	}
	free(text);
	return 0;
}
