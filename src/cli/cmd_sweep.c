/*
 * cmd_sweep.c - `llmtco sweep`: every option's monthly total across a range
 * of volumes, the workload's shape held fixed; `-f svg` draws the chart.
 */
#include <math.h>

#include "cli.h"

enum { O_FROM, O_TO, O_POINTS, O_LINEAR };

static const struct opt sweep_opts[] = {
	{"from", 0, true, O_FROM, "    --from N      smallest volume, tokens a month (default: a decade below the workload and its breakevens)"},
	{"to", 0, true, O_TO, "    --to N        largest volume (default: a decade above them)"},
	{"points", 0, true, O_POINTS, "    --points N    volumes to evaluate (default 50; 1200 for svg)"},
	{"linear", 0, false, O_LINEAR, "    --linear      evenly spaced volumes (default: log spacing)"},
	{NULL, 0, false, 0, NULL},
};

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct evaluation e = {0};
	struct pairs p = {0};
	struct sweep s = {0};
	struct sbuf out;
	struct run r;
	double from, to, points = ctx->fmt == FMT_SVG ? 1200 : 50;
	bool linear = ctx->args[O_LINEAR] != NULL;
	int rc = 0;

	sbuf_init(&out);
	if (cli_load(ctx, false, &d) || cli_evaluate(&e, ctx, &d))
		goto fail;
	if (cli_pairs(&p, ctx, false, &d))
		goto fail;
	sweep_default_range(ctx->w.t_in + ctx->w.t_out, &p, &from, &to);
	if ((ctx->args[O_FROM] && cli_flag_number("--from", ctx->args[O_FROM], 0,
						   WORKLOAD_MAX_TOKENS_PER_MONTH, &from, &d)) ||
	    (ctx->args[O_TO] && cli_flag_number("--to", ctx->args[O_TO], 0,
						 WORKLOAD_MAX_TOKENS_PER_MONTH, &to, &d)) ||
	    (ctx->args[O_POINTS] &&
	     cli_flag_number("--points", ctx->args[O_POINTS], 2, 100000, &points, &d)))
		goto fail;
	if (points != floor(points)) {
		diag_set(&d, ST_INPUT, "--points", 0, 0, "must be a whole number");
		goto fail;
	}
	if (!(to > from) || (!linear && !(from > 0))) {
		diag_set(&d, ST_INPUT, ctx->args[O_FROM] ? "--from" : "--to", 0, 0,
			 "the range must have --from < --to%s", linear ? "" : " and --from > 0 (log spacing)");
		goto fail;
	}
	if (sweep_run(&s, ctx->sc.options, ctx->sc.n_options, &ctx->w, &ctx->cat, &ctx->a, from, to,
		      (size_t)points, linear, &d))
		goto fail;
	cli_run_init(&r, ctx);
	r.current = &e.c;
	report_sweep(&out, ctx->fmt, &r, &s, &p);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	cli_print_warnings(ctx, &r);
	goto done;
fail:
	rc = cli_fail(&d);
done:
	sweep_release(&s);
	pairs_release(&p);
	compare_release(&e);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_sweep = {
	.name = "sweep",
	.run = run,
	.summary = "every option's monthly total over a range of volumes; -f svg draws the chart",
	.usage = "llmtco sweep [--from N] [--to N] [--points N] [--linear] [-f table|json|csv|markdown|svg]",
	.opts = sweep_opts,
};
