/*
 * cmd_assumptions.c - `llmtco assumptions`: every assumption of model.md
 * section 4 with its value under the catalogs, scenario and --set given,
 * its default, where the value came from and what it means.
 */
#include "cli.h"

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct sbuf out;
	struct run r;
	int rc = 0;

	sbuf_init(&out);
	if (cli_no_svg(ctx, &d) || cli_load(ctx, true, &d))
		goto fail;
	cli_run_init(&r, ctx);
	report_assumptions(&out, ctx->fmt, &r);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	goto done;
fail:
	rc = cli_fail(&d);
done:
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_assumptions = {
	.name = "assumptions",
	.run = run,
	.summary = "every assumption: its value, default, source and meaning",
	.usage = "llmtco assumptions [-s SCENARIO] [--set KEY=VALUE]... [-f FORMAT] [-o FILE]",
};
