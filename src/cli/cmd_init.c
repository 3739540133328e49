/*
 * cmd_init.c - `llmtco init [-o FILE]`: writes a commented starter
 * scenario with every key at its default (the defaults resolved under the
 * catalogs given, so a catalog's `defaults` show). Never overwrites
 * anything but -o's file, atomically.
 */
#include "cli.h"

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct sbuf out;
	int rc = 0;

	sbuf_init(&out);
	if (ctx->fmt_given && ctx->fmt != FMT_TABLE) {
		diag_set(&d, ST_INPUT, "--format", 0, 0, "init writes a YAML scenario; it takes no format");
		goto fail;
	}
	if (cli_load(ctx, true, &d))
		goto fail;
	report_init_scenario(&out, &ctx->a);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	goto done;
fail:
	rc = cli_fail(&d);
done:
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_init = {
	.name = "init",
	.run = run,
	.summary = "write a commented starter scenario, every key at its default",
	.usage = "llmtco init [-o FILE]",
};
