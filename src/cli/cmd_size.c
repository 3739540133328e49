/*
 * cmd_size.c - `llmtco size MODEL`: which GPUs hold the model at a
 * precision, with what tensor parallelism, batch and throughput.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/suggest.h"

enum { O_PRECISION, O_GPU, O_CONTEXT, O_IN, O_OUT };

static const struct opt size_opts[] = {
	{"precision", 'p', true, O_PRECISION, "-p, --precision P         weight precision: fp32, bf16 (default), fp16, fp8, int8, int4, fp4", CP_PRECISION},
	{"gpu", 'g', true, O_GPU, "-g, --gpu ID              only this GPU (default: every GPU in the catalog)", CP_GPU},
	{"context", 0, true, O_CONTEXT, "    --context N           tokens per sequence in the KV cache (default: the -s scenario's, else assumptions.default_context_tokens)"},
	{"input-per-request", 0, true, O_IN, "    --input-per-request N --output-per-request N   context = input + output / 2"},
	{"output-per-request", 0, true, O_OUT, NULL},
	{NULL, 0, false, 0, NULL},
};

/* model.md 1: the context per sequence, from the flags or the default. */
static enum status context_tokens(const struct ctx *ctx, double *ctx_tokens, struct diag *d)
{
	const char *const *a = ctx->args;
	double in, out;

	if (a[O_CONTEXT] && (a[O_IN] || a[O_OUT]))
		return diag_set(d, ST_INPUT, "--context", 0, 0,
				"give --context or --input-per-request/--output-per-request, not both");
	if (a[O_CONTEXT]) {
		if (cli_flag_number("--context", a[O_CONTEXT], 0, 1e9, ctx_tokens, d))
			return d->code;
		if (*ctx_tokens <= 0)
			return diag_set(d, ST_INPUT, "--context", 0, 0, "must be > 0");
		return ST_OK;
	}
	if (a[O_IN] || a[O_OUT]) {
		if (!a[O_IN] || !a[O_OUT])
			return diag_set(d, ST_INPUT, a[O_IN] ? "--input-per-request" : "--output-per-request",
					0, 0, "needs both --input-per-request and --output-per-request");
		if (cli_flag_number("--input-per-request", a[O_IN], 0, 1e9, &in, d) ||
		    cli_flag_number("--output-per-request", a[O_OUT], 0, 1e9, &out, d))
			return d->code;
		*ctx_tokens = in + out / 2;
		return ST_OK;
	}
	/* a scenario's workload, else assumptions.default_context_tokens */
	*ctx_tokens = ctx->w.context_tokens;
	return ST_OK;
}

/* Which of the ways above gave the context, for the report. */
static const char *context_source(const struct ctx *ctx)
{
	if (ctx->args[O_CONTEXT])
		return "flag";
	if (ctx->args[O_IN] || ctx->w.has_requests)
		return "requests";
	return ctx->sc.given[WK_CONTEXT_TOKENS] ? "scenario" : "default";
}

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct sbuf out;
	struct run r;
	struct size_result s = {0};
	const struct gpu *only = NULL;
	const struct open_model *model;
	double ctx_tokens;
	const struct loc flag_gpu = {"--gpu", 0, 0}, arg_model = {"size", 0, 0};
	int p = PREC_BF16, rc = 0;

	sbuf_init(&out);
	if (ctx->n_positional != 1) {
		diag_set(&d, ST_INPUT, "size", 0, 0, "expected one MODEL id; see 'llmtco size --help'");
		goto fail;
	}
	if (cli_no_svg(ctx, &d) || cli_load(ctx, true, &d))
		goto fail;
	if (!(model = catalog_model(&ctx->cat, ctx->positional[0]))) {
		catalog_unknown_model(&ctx->cat, &arg_model, ctx->positional[0], &d);
		goto fail;
	}
	if (ctx->args[O_PRECISION] && (p = name_index(precision_names, PREC_COUNT, ctx->args[O_PRECISION])) < 0) {
		char hint[160];
		diag_set(&d, ST_INPUT, "--precision", 0, 0, "unknown precision '%s'; use fp32, bf16, fp16, fp8, int8, int4 or fp4%s",
			 ctx->args[O_PRECISION], suggest_hint(hint, sizeof(hint), ctx->args[O_PRECISION], precision_names, PREC_COUNT));
		goto fail;
	}
	if (ctx->args[O_GPU] && !(only = catalog_gpu(&ctx->cat, ctx->args[O_GPU]))) {
		catalog_unknown_gpu(&ctx->cat, &flag_gpu, ctx->args[O_GPU], &d);
		goto fail;
	}
	if (context_tokens(ctx, &ctx_tokens, &d) ||
	    size_run(&s, model, (enum precision)p, ctx_tokens, only, &ctx->cat, &ctx->a, &d))
		goto fail;
	s.context_source = context_source(ctx);
	cli_run_init(&r, ctx);
	report_size(&out, ctx->fmt, &r, &s);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	goto done;
fail:
	rc = cli_fail(&d);
done:
	size_release(&s);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_size = {
	.name = "size",
	.run = run,
	.summary = "which GPUs fit a model, with tensor parallelism, batch and tokens/s",
	.usage = "llmtco size MODEL [--precision P] [--gpu ID] [--context N | --input-per-request N --output-per-request N]",
	.opts = size_opts,
	.positional = CP_MODEL,
};
