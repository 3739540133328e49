/*
 * cmd_diff.c - `llmtco diff OLD.json NEW.json`: what changed between two
 * saved `compare` or `check` outputs; --max-increase fails like a threshold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "load/diff_load.h"
#include "util/num.h"

enum { O_MAX_INCREASE };

static const struct opt diff_opts[] = {
	{"max-increase", 0, true, O_MAX_INCREASE, "    --max-increase N|N%   exit 1 when an option's monthly total rose by more"},
	{NULL, 0, false, 0, NULL},
};

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct diff df = {0};
	struct sbuf out;
	char *old_text = NULL, *new_text = NULL;
	size_t len, breaches = 0;
	int rc = 0;

	sbuf_init(&out);
	if (ctx->n_positional != 2) {
		diag_set(&d, ST_INPUT, "diff", 0, 0, "expected OLD.json NEW.json");
		goto fail;
	}
	if (ctx->fmt == FMT_CSV || ctx->fmt == FMT_SVG) {
		diag_set(&d, ST_INPUT, "--format", 0, 0, "diff prints table, json or markdown");
		goto fail;
	}
	if (cli_read_file(ctx->positional[0], &old_text, &len, &d) ||
	    cli_read_file(ctx->positional[1], &new_text, &len, &d) ||
	    diff_load(&df, ctx->positional[0], old_text, ctx->positional[1], new_text, &d))
		goto fail;
	if (ctx->args[O_MAX_INCREASE]) {
		char num[64];
		const char *arg = ctx->args[O_MAX_INCREASE];
		size_t n = strlen(arg);
		bool pct = n > 0 && arg[n - 1] == '%';
		double limit;
		snprintf(num, sizeof(num), "%.*s", (int)(pct ? n - 1 : n), arg);
		if (!num_parse(num, &limit) || limit < 0) {
			diag_set(&d, ST_INPUT, "--max-increase", 0, 0, "'%s' must be an amount or a percentage like 10%%", arg);
			goto fail;
		}
		breaches = diff_apply_limit(&df, limit, pct);
	}
	report_diff(&out, ctx->fmt, &df, LLMTCO_VERSION);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	rc = breaches ? 1 : 0;
	if (breaches && !ctx->quiet)
		fprintf(stderr, "llmtco: diff failed: %zu option%s above --max-increase %s\n", breaches,
			breaches == 1 ? "" : "s", ctx->args[O_MAX_INCREASE]);
	goto done;
fail:
	rc = cli_fail(&d);
done:
	diff_release(&df);
	free(old_text);
	free(new_text);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_diff = {
	.name = "diff",
	.run = run,
	.summary = "what changed between two saved compare or check JSON outputs",
	.usage = "llmtco diff OLD.json NEW.json [--max-increase N|N%] [-f table|json|markdown]",
	.opts = diff_opts,
	.positional = CP_FILE,
};
