/*
 * cmd_calibrate.c - `llmtco calibrate FORMAT FILE...`: turns a team's own
 * serving benchmark (vLLM, SGLang, GenAI-Perf/AIPerf, trtllm-bench,
 * LLMPerf results) into a catalog layer of measured `throughput` rows
 * (model.md 3.2) to use with --catalog.
 *
 * Wires the readers (load/calibrate) to the catalog and the YAML writer;
 * reads no field itself and computes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "load/calibrate.h"
#include "report/report.h"
#include "util/num.h"
#include "util/suggest.h"

enum { O_MODEL, O_GPU, O_PRECISION, O_TP, O_ENGINE };

static const struct opt calibrate_opts[] = {
	{"model", 'm', true, O_MODEL, "-m, --model ID            the open model benchmarked (needed when the file names none, or a name that is not a catalog id)", CP_MODEL},
	{"gpu", 'g', true, O_GPU, "-g, --gpu ID              the GPU it ran on (likewise)", CP_GPU},
	{"precision", 'p', true, O_PRECISION, "-p, --precision P         its weight precision (likewise)", CP_PRECISION},
	{"tp", 0, true, O_TP, "    --tp N                tensor parallelism of the benchmarked replica: 1, 2, 4 or 8 (likewise)"},
	{"engine", 0, true, O_ENGINE, "    --engine NAME         the serving engine (vllm, sglang, trtllm, ...) when the file does not say"},
	{NULL, 0, false, 0, NULL},
};

/* Reads every FILE into `r`. */
static enum status read_files(struct calib_result *r, enum calib_format f, char **files, size_t n,
			      struct diag *d)
{
	for (size_t i = 0; i < n; i++) {
		char *text;
		size_t len;
		enum status st;

		if (cli_read_file(files[i], &text, &len, d))
			return d->code;
		st = calib_parse(r, f, files[i], text, len, d);
		free(text);
		if (st)
			return st;
	}
	return ST_OK;
}

static int run(struct ctx *ctx)
{
	const char *const *a = ctx->args;
	struct calib_result r = {0};
	struct calib_flags flags = {a[O_MODEL], a[O_GPU], a[O_PRECISION], a[O_ENGINE], 0};
	struct throughput *rows = NULL;
	size_t n_rows = 0, replaced = 0;
	struct diag d = {0};
	struct sbuf out;
	char hint[160], what[300];
	int f, rc = 0;

	sbuf_init(&out);
	if (ctx->n_positional < 2) {
		diag_set(&d, ST_INPUT, "calibrate", 0, 0,
			 "expected FORMAT FILE...; FORMAT is vllm, sglang, genai-perf, trtllm-bench or llmperf");
		goto fail;
	}
	if ((f = name_index(calib_format_names, CALIB_FORMAT_COUNT, ctx->positional[0])) < 0) {
		diag_set(&d, ST_INPUT, "calibrate", 0, 0,
			 "unknown format '%s'; use vllm, sglang, genai-perf, trtllm-bench or llmperf%s",
			 ctx->positional[0],
			 suggest_hint(hint, sizeof(hint), ctx->positional[0], calib_format_names,
				      CALIB_FORMAT_COUNT));
		goto fail;
	}
	if (ctx->fmt_given) {
		diag_set(&d, ST_INPUT, "--format", 0, 0, "calibrate always writes a catalog layer (YAML)");
		goto fail;
	}
	if (a[O_TP] && cli_flag_number("--tp", a[O_TP], 1, 8, &flags.tensor_parallel, &d))
		goto fail;
	if (cli_load_catalog(ctx, &d) ||
	    read_files(&r, (enum calib_format)f, ctx->positional + 1, ctx->n_positional - 1, &d) ||
	    calib_rows(&rows, &n_rows, &replaced, &r, &ctx->cat, &flags, &d))
		goto fail;
	snprintf(what, sizeof(what), "calibrate %s", calib_format_names[f]);
	report_throughput_layer(&out, rows, n_rows, what);
	/* the layer must load over this catalog as it stands, or it is our bug */
	if (catalog_add(&ctx->cat, "(calibrate output)", out.buf ? out.buf : "", out.len, &d) ||
	    catalog_check(&ctx->cat, &d)) {
		char msg[700];
		diag_format(&d, msg, sizeof(msg));
		diag_set(&d, ST_IO, NULL, 0, 0, "internal error: the layer written does not load: %.500s", msg);
		goto fail;
	}
	/* the figures count completed requests only: say when some failed */
	for (size_t i = 0; i < r.n; i++) {
		const struct calib_run *run = &r.runs[i];
		char msg[400], num[40];
		if (!(run->failed > 0))
			continue;
		snprintf(msg, sizeof(msg), "%s run at line %u: %s request%s failed; its figures count the completed ones only",
			 run->loc.file, run->loc.line, num_shortest(num, sizeof(num), run->failed),
			 run->failed == 1 ? "" : "s");
		cli_warn(ctx, "calibrate", msg);
	}
	if (replaced) {
		char msg[200];
		snprintf(msg, sizeof(msg), "%zu run%s repeated the shape of an earlier one; the later is kept",
			 replaced, replaced == 1 ? "" : "s");
		cli_warn(ctx, "calibrate", msg);
	}
	if (cli_emit(ctx, &out, &d))
		goto fail;
	goto done;
fail:
	rc = cli_fail(&d);
done:
	free(rows);
	calib_release(&r);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_calibrate = {
	.name = "calibrate",
	.run = run,
	.summary = "turn your own serving benchmark into measured throughput rows (a catalog layer)",
	.usage = "llmtco calibrate vllm|sglang|genai-perf|trtllm-bench|llmperf FILE... [--model ID] [--gpu ID] [--precision P] [--tp N] [--engine NAME] [-o FILE]",
	.opts = calibrate_opts,
	.positional = CP_FILE,
	.words = calib_format_names,
};
