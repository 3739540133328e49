/*
 * cmd_horizon.c - `llmtco horizon`: every option month by month over the
 * scenario's horizon (model.md 9), with cumulative costs, totals, NPV and
 * crossover months; `-f svg` draws the cumulative chart.
 *
 * The horizon flags stand for `--set horizon.KEY=VALUE`, so the scenario
 * loader checks them exactly as it checks the file and its messages name
 * the flag. Does no arithmetic: the model costs, the report writes.
 */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "model/horizon.h"

enum { O_MONTHS, O_GROWTH, O_API_CHANGE, O_GPU_CHANGE, O_DISCOUNT, O_LEAD_TIME, O_EVERY };

static const struct opt horizon_opts[] = {
	{"months", 0, true, O_MONTHS, "    --months N              months to cost, 1-120 (default 36)"},
	{"growth", 0, true, O_GROWTH, "    --growth G              volume growth a month, compounding: 5% or 0.05 (default 0)"},
	{"api-price-change", 0, true, O_API_CHANGE, "    --api-price-change R    hosted price change a year: -20% or -0.2 (default 0)"},
	{"gpu-price-change", 0, true, O_GPU_CHANGE, "    --gpu-price-change R    rented and purchase GPU price change a year (default 0)"},
	{"discount-rate", 0, true, O_DISCOUNT, "    --discount-rate R       yearly rate for the net present value (default 0)"},
	{"lead-time", 0, true, O_LEAD_TIME, "    --lead-time N           months before owned GPUs arrive, on-demand meanwhile (default 0)"},
	{"every", 0, true, O_EVERY, "    --every K               table and markdown: month 1, every K-th month and the last"},
	{NULL, 0, false, 0, NULL},
};

/* The horizon key each flag sets, indexed by option id. */
static const enum hz_key flag_key[] = {
	[O_MONTHS] = HZ_MONTHS,
	[O_GROWTH] = HZ_VOLUME_GROWTH,
	[O_API_CHANGE] = HZ_API_PRICE_CHANGE,
	[O_GPU_CHANGE] = HZ_GPU_PRICE_CHANGE,
	[O_DISCOUNT] = HZ_DISCOUNT_RATE,
	[O_LEAD_TIME] = HZ_LEAD_TIME,
};

/* Turns the horizon flags, in the order given, into overrides. */
static enum status add_flags(struct ctx *ctx, struct diag *d)
{
	for (size_t i = 0; i < ctx->n_flags; i++) {
		int id = ctx->flags[i].id;
		const struct horizon_key_spec *k;
		const char *key;
		if (id == O_EVERY)
			continue;
		k = &horizon_keys[flag_key[id]];
		if (!(key = cli_concat(ctx, "horizon.", k->name)) || !(key = cli_concat(ctx, key, "=")))
			return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
		if (cli_add_set(ctx, key, ctx->flags[i].value, k->flag, d))
			return d->code;
	}
	return ST_OK;
}

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct evaluation e = {0};
	struct horizon h = {0};
	struct horizon_params p;
	struct sbuf out;
	struct run r;
	double every = 1;
	int rc = 0;

	sbuf_init(&out);
	if (add_flags(ctx, &d) || cli_load(ctx, false, &d) || cli_evaluate(&e, ctx, &d))
		goto fail;
	if (horizon_resolve(&p, &ctx->sc.horizon, &d) ||
	    horizon_check_volume(&p, &ctx->sc.horizon, ctx->w.t_in + ctx->w.t_out, &d))
		goto fail;
	if (horizon_check_options(&p, ctx->sc.options, ctx->sc.n_options, &ctx->cat, &ctx->a,
				  ctx->sc.option_locs, &d)) {
		/* an option with no place in the file came from the command line */
		if (!d.file[0])
			snprintf(d.file, sizeof(d.file), "--self-host");
		goto fail;
	}
	if (ctx->args[O_EVERY] &&
	    cli_flag_number("--every", ctx->args[O_EVERY], 1, p.months, &every, &d))
		goto fail;
	if (every != floor(every)) {
		diag_set(&d, ST_INPUT, "--every", 0, 0, "'%s' must be a whole number of months", ctx->args[O_EVERY]);
		goto fail;
	}
	if (horizon_run(&h, &p, ctx->sc.options, ctx->sc.n_options, &ctx->w, &ctx->cat, &ctx->a, &d))
		goto fail;
	cli_run_init(&r, ctx);
	r.current = &e.c;
	report_horizon(&out, ctx->fmt, &r, &h, (int)every);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	cli_print_warnings(ctx, &r);
	goto done;
fail:
	rc = cli_fail(&d);
done:
	horizon_release(&h);
	compare_release(&e);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_horizon = {
	.name = "horizon",
	.run = run,
	.summary = "every option month by month over 1-120 months: growth, price trends, owned GPUs as cash, payback month",
	.usage = "llmtco horizon [-s SCENARIO] [--months N] [--growth G] [--lead-time N] [--every K] [-f table|json|csv|markdown|svg]",
	.opts = horizon_opts,
};
