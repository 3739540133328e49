/*
 * cmd_catalog.c - `llmtco catalog list|show|validate`: browse and check
 * catalogs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "llmtco/suggest.h"

static const char *const sections[] = {"gpus", "api", "models", "throughput"};
static const char *const subcommands[] = {"list", "show", "validate"};

static int list(struct ctx *ctx, struct sbuf *out, struct diag *d)
{
	const char *section = ctx->n_positional > 1 ? ctx->positional[1] : NULL;
	char hint[160];

	if (ctx->n_positional > 2)
		return diag_set(d, ST_INPUT, ctx->positional[2], 0, 0, "unexpected argument");
	if (section && name_index(sections, 4, section) < 0)
		return diag_set(d, ST_INPUT, "catalog list", 0, 0,
				"unknown section '%s'; use gpus, api, models or throughput%s", section,
				suggest_hint(hint, sizeof(hint), section, sections, 4));
	if (cli_load_catalog(ctx, d))
		return d->code;
	report_catalog_list(out, ctx->fmt, &ctx->cat, section);
	return ST_OK;
}

static int show(struct ctx *ctx, struct sbuf *out, struct diag *d)
{
	const char *id;
	const char **ids;
	size_t n = 0;
	char hint[160] = "";

	if (ctx->n_positional != 2)
		return diag_set(d, ST_INPUT, "catalog show", 0, 0, "expected one ID");
	id = ctx->positional[1];
	if (cli_load_catalog(ctx, d))
		return d->code;
	if (report_catalog_show(out, ctx->fmt, &ctx->cat, id))
		return ST_OK;
	ids = malloc((ctx->cat.n_gpus + ctx->cat.n_api + ctx->cat.n_models + 1) * sizeof(*ids));
	if (ids) {
		for (size_t i = 0; i < ctx->cat.n_gpus; i++)
			ids[n++] = ctx->cat.gpus[i].id;
		for (size_t i = 0; i < ctx->cat.n_api; i++)
			ids[n++] = ctx->cat.api[i].id;
		for (size_t i = 0; i < ctx->cat.n_models; i++)
			ids[n++] = ctx->cat.models[i].id;
		suggest_hint(hint, sizeof(hint), id, ids, n);
		free(ids);
	}
	return diag_set(d, ST_INPUT, "catalog show", 0, 0, "no gpu, api model or open model '%s'%s", id, hint);
}

/* Each FILE is layered over the built-in catalog (unless --no-builtin) and
 * checked on its own. */
static int validate(struct ctx *ctx, struct sbuf *out, struct diag *d)
{
	if (ctx->n_positional < 2)
		return diag_set(d, ST_INPUT, "catalog validate", 0, 0, "expected at least one FILE");
	for (size_t i = 1; i < ctx->n_positional; i++) {
		const char **saved = ctx->catalogs;
		size_t saved_n = ctx->n_catalogs;
		const char *one[1] = {ctx->positional[i]};
		enum status st;

		ctx->catalogs = one;
		ctx->n_catalogs = 1;
		st = cli_load_catalog(ctx, d);
		ctx->catalogs = saved;
		ctx->n_catalogs = saved_n;
		if (!st)
			sbuf_printf(out, "%s: ok (%zu gpus, %zu api models, %zu open models, %zu throughput rows in all)\n",
				    one[0], ctx->cat.n_gpus, ctx->cat.n_api, ctx->cat.n_models, ctx->cat.n_tput);
		catalog_release(&ctx->cat);
		ctx->cat_loaded = false;
		if (st)
			return st;
	}
	return ST_OK;
}

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct sbuf out;
	int sub, rc = 0;
	char hint[160];

	sbuf_init(&out);
	if (ctx->n_positional == 0) {
		diag_set(&d, ST_INPUT, "catalog", 0, 0, "expected list, show or validate");
		goto fail;
	}
	sub = name_index(subcommands, 3, ctx->positional[0]);
	if (sub < 0) {
		diag_set(&d, ST_INPUT, "catalog", 0, 0, "unknown subcommand '%s'; use list, show or validate%s",
			 ctx->positional[0], suggest_hint(hint, sizeof(hint), ctx->positional[0], subcommands, 3));
		goto fail;
	}
	if ((sub == 0 ? list(ctx, &out, &d) : sub == 1 ? show(ctx, &out, &d) : validate(ctx, &out, &d)) ||
	    cli_emit(ctx, &out, &d))
		goto fail;
	goto done;
fail:
	rc = cli_fail(&d);
done:
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_catalog = {
	.name = "catalog",
	.run = run,
	.summary = "browse and check catalogs: list [gpus|api|models|throughput], show ID, validate FILE...",
	.usage = "llmtco catalog list [gpus|api|models|throughput] | catalog show ID | catalog validate FILE...",
	.opts = NULL,
};
