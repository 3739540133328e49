/*
 * cmd_compare.c - `llmtco compare`: the monthly total cost of ownership of
 * every option of the scenario, cheapest first.
 */
#include "cli.h"

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct evaluation e = {0};
	struct sbuf out;
	struct run r;
	int rc = 0;

	sbuf_init(&out);
	if (ctx->n_positional) {
		diag_set(&d, ST_INPUT, ctx->positional[0], 0, 0, "unexpected argument; compare takes options only");
		goto fail;
	}
	if (cli_no_svg(ctx, &d) || cli_load(ctx, false, &d) || cli_evaluate(&e, ctx, &d))
		goto fail;
	cli_run_init(&r, ctx);
	r.current = &e.c;
	report_compare(&out, ctx->fmt, &r, &e.c);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	cli_print_warnings(ctx, &r);
	goto done;
fail:
	rc = cli_fail(&d);
done:
	compare_release(&e);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_compare = {
	.name = "compare",
	.run = run,
	.summary = "monthly total cost of ownership of every option, cheapest first",
	.usage = "llmtco compare [-s SCENARIO] [--set KEY=VALUE]... [-f FORMAT] [-o FILE]",
};
