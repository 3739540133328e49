/*
 * fuzz_scenario.c - any bytes as a scenario against the built-in catalog:
 * a clean placed failure, or a scenario every option of which the engine
 * evaluates without crashing.
 */
#include "fuzz.h"
#include "load/builtin.h"
#include "load/catalog_load.h"
#include "load/scenario_load.h"
#include "model/compare.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct catalog cat;
	static int loaded;
	struct scenario sc = {0};
	struct diag d = {0};
	char *text;

	if (!loaded) {
		catalog_init(&cat);
		FUZZ_REQUIRE(catalog_add_builtin(&cat, &d) == ST_OK,
			     "the built-in catalog loads");
		loaded = 1;
	}
	if (!(text = fuzz_text(data, size)))
		return 0;
	if (scenario_load(&sc, &cat, "fuzz", text, size, NULL, 0, 0, &d) == ST_OK) {
		struct assumptions a;
		struct workload w;
		struct evaluation e;
		scenario_assumptions(&a, &sc, &cat);
		scenario_workload(&w, &sc, &a);
		if (compare_evaluate(&e, sc.options, sc.n_options, &w, &cat, &a, &d) == ST_OK) {
			for (size_t i = 0; i < e.c.n; i++)
				FUZZ_REQUIRE(!e.results[i].feasible || e.results[i].total == e.results[i].total,
					     "a feasible total is a number");
		}
		compare_release(&e);
	} else {
		FUZZ_REQUIRE(d.msg[0] != '\0', "a failure carries a message");
	}
	scenario_release(&sc);
	free(text);
	return 0;
}
