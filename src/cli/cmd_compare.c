/*
 * cmd_compare.c - `llmtco compare`: the monthly total cost of ownership of
 * every option of the scenario, cheapest first.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { O_SORT };

static const struct opt compare_opts[] = {
	{"sort", 0, true, O_SORT, "    --sort cost|id      row order: cheapest first (default) or by option id, for diffs", CP_NONE},
	{NULL, 0, false, 0, NULL, CP_NONE},
};

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct evaluation e = {0};
	size_t *rows = NULL;
	struct sbuf out;
	struct run r;
	int rc = 0;
	const char *sort = ctx->args[O_SORT];

	sbuf_init(&out);
	if (sort && strcmp(sort, "cost") != 0 && strcmp(sort, "id") != 0) {
		diag_set(&d, ST_INPUT, "--sort", 0, 0, "'%s' must be cost or id", sort);
		goto fail;
	}
	if (cli_no_svg(ctx, &d) || cli_load(ctx, false, &d) || cli_evaluate(&e, ctx, &d))
		goto fail;
	if (sort && strcmp(sort, "id") == 0) {
		if (!(rows = malloc((e.c.n ? e.c.n : 1) * sizeof(*rows)))) {
			diag_set(&d, ST_IO, NULL, 0, 0, "out of memory");
			goto fail;
		}
		compare_order_by_id(rows, ctx->sc.options, e.c.n);
	}
	cli_run_init(&r, ctx);
	r.rows = rows;
	r.current = &e.c;
	report_compare(&out, ctx->fmt, &r, &e.c);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	cli_print_warnings(ctx, &r);
	goto done;
fail:
	rc = cli_fail(&d);
done:
	free(rows);
	compare_release(&e);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_compare = {
	.name = "compare",
	.run = run,
	.summary = "monthly total cost of ownership of every option, cheapest first",
	.usage = "llmtco compare [-s SCENARIO] [--set KEY=VALUE]... [--sort cost|id] [-f FORMAT] [-o FILE]",
	.opts = compare_opts,
};
