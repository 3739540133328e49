/*
 * cmd_compare.c - `llmtco compare`: the monthly total cost of ownership of
 * every option of the scenario, cheapest first.
 */
#include <stdlib.h>

#include "cli.h"

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct option_result *res = NULL;
	size_t *order = NULL, n;
	struct sbuf out;
	struct run r;
	struct compare_result c;
	struct warning_item warn[64];
	int rc = 0;

	sbuf_init(&out);
	if (ctx->n_positional) {
		diag_set(&d, ST_INPUT, ctx->positional[0], 0, 0, "unexpected argument; compare takes options only");
		goto fail;
	}
	if (cli_load(ctx, false, &d))
		goto fail;
	n = ctx->sc.n_options;
	res = calloc(n, sizeof(*res));
	order = calloc(n, sizeof(*order));
	if (!res || !order) {
		diag_set(&d, ST_IO, NULL, 0, 0, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < n; i++)
		engine_evaluate(&res[i], &ctx->sc.options[i], &ctx->w, &ctx->cat, &ctx->a);
	engine_rank(order, res, n);
	c = (struct compare_result){res, order, n};
	cli_run_init(&r, ctx);
	report_compare(&out, ctx->fmt, &r, &c);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	for (size_t i = 0, nw = report_warnings(warn, 64, &r, &c); i < nw; i++)
		cli_warn(ctx, warn[i].option, warn[i].message);
	goto done;
fail:
	rc = cli_fail(&d);
done:
	free(res);
	free(order);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_compare = {
	.name = "compare",
	.run = run,
	.summary = "monthly total cost of ownership of every option, cheapest first",
	.usage = "llmtco compare [-s SCENARIO] [--set KEY=VALUE]... [-f FORMAT] [-o FILE]",
};
