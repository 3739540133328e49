/*
 * cmd_breakeven.c - `llmtco breakeven`: for each (hosted, self-hosted) pair
 * of the scenario, the volume above which self-hosting stays cheaper.
 */
#include "cli.h"

#define CHART_POINTS 1200 /* about one sample a pixel: steps drawn where they are */

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct evaluation e = {0};
	struct pairs p = {0};
	struct sweep chart = {0};
	struct sbuf out;
	struct run r;
	int rc = 0;

	sbuf_init(&out);
	if (cli_load(ctx, false, &d) || cli_evaluate(&e, ctx, &d) ||
	    cli_pairs(&p, ctx, true, &d))
		goto fail;
	cli_run_init(&r, ctx);
	r.current = &e.c;
	if (ctx->fmt == FMT_SVG) {
		double from, to;
		sweep_default_range(ctx->w.t_in + ctx->w.t_out, &p, &from, &to);
		if (sweep_run(&chart, ctx->sc.options, ctx->sc.n_options, &ctx->w, &ctx->cat, &ctx->a,
			      from, to, CHART_POINTS, false, &d))
			goto fail;
	}
	report_breakeven(&out, ctx->fmt, &r, &p, &chart);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	cli_print_warnings(ctx, &r);
	goto done;
fail:
	rc = cli_fail(&d);
done:
	sweep_release(&chart);
	pairs_release(&p);
	compare_release(&e);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_breakeven = {
	.name = "breakeven",
	.run = run,
	.summary = "the volume above which self-hosting stays cheaper, for each hosted/self-hosted pair",
	.usage = "llmtco breakeven [-s SCENARIO] [--set KEY=VALUE]... [-f table|json|csv|markdown|svg] [-o FILE]",
};
