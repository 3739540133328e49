/*
 * load.c - reads the files a command needs and builds the catalog, the
 * scenario, the assumptions and the workload.
 */
#include <errno.h>
#include <math.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "load/builtin.h"
#include "util/num.h"

#define MAX_FILE (64u << 20)

enum status cli_read_file(const char *path, char **text, size_t *len, struct diag *d)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	*text = NULL;
	if (!f)
		return diag_set(d, ST_INPUT, path, 0, 0, "cannot read: %s", strerror(errno));
	for (;;) {
		size_t got;
		if (cap - n < 65536) {
			char *b;
			cap = cap ? cap * 2 : 131072;
			if (!(b = realloc(buf, cap + 1))) {
				free(buf);
				if (f != stdin)
					fclose(f);
				return diag_set(d, ST_IO, path, 0, 0, "out of memory");
			}
			buf = b;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > MAX_FILE) {
			free(buf);
			if (f != stdin)
				fclose(f);
			return diag_set(d, ST_INPUT, path, 0, 0, "file larger than %u MiB", MAX_FILE >> 20);
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		if (f != stdin)
			fclose(f);
		return diag_set(d, ST_INPUT, path, 0, 0, "cannot read: %s", strerror(e));
	}
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return ST_OK;
}

enum status cli_load_catalog(struct ctx *ctx, struct diag *d)
{
	catalog_init(&ctx->cat);
	ctx->cat_loaded = true;
	if (!ctx->no_builtin &&
	    catalog_add_builtin(&ctx->cat, d))
		return d->code;
	for (size_t i = 0; i < ctx->n_catalogs; i++) {
		char *text;
		size_t len;
		enum status st;
		if (cli_read_file(ctx->catalogs[i], &text, &len, d))
			return d->code;
		st = catalog_add(&ctx->cat, ctx->catalogs[i], text, len, d);
		free(text);
		if (st)
			return st;
	}
	if (ctx->cat.n_files == 0)
		return diag_set(d, ST_INPUT, "--no-builtin", 0, 0, "no catalog: add one with --catalog FILE");
	for (size_t i = 0; i < ctx->n_catalog_sets; i++) {
		const char *origin = cli_concat(ctx, "--set ", ctx->catalog_sets[i]);
		if (!origin)
			return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
		if (catalog_set(&ctx->cat, ctx->catalog_sets[i], origin, d))
			return d->code;
	}
	return catalog_check(&ctx->cat, d);
}

enum status cli_load(struct ctx *ctx, bool partial, struct diag *d)
{
	char *text = NULL;
	size_t len = 0;
	enum status st;
	bool from_file = ctx->scenario_path != NULL;
	const char *name = "builtin:default-scenario";
	unsigned flags = SC_REPLACE_OPTIONS;

	if (cli_load_catalog(ctx, d))
		return d->code;
	if (from_file) {
		if (cli_read_file(ctx->scenario_path, &text, &len, d))
			return d->code;
		name = ctx->scenario_path;
		flags = partial ? SC_PARTIAL : 0;
	} else if (partial) {
		text = (char *)"";
		name = "--set";
		flags = SC_PARTIAL;
	} else {
		text = (char *)llmtco_builtin_scenario;
		len = llmtco_builtin_scenario_len;
	}
	st = scenario_load(&ctx->sc, &ctx->cat, name, text, len, ctx->overrides, ctx->n_overrides,
			   flags, d);
	ctx->sc_loaded = true;
	if (from_file)
		free(text);
	if (st)
		return st;
	scenario_assumptions(&ctx->a, &ctx->sc, &ctx->cat);
	scenario_workload(&ctx->w, &ctx->sc, &ctx->a);
	return ST_OK;
}

/* A bound for messages: plain below a million, else "1B" */
static const char *bound(char *buf, size_t size, double v)
{
	return v < 1e6 ? num_shortest(buf, size, v) : num_si(buf, size, v);
}

enum status cli_flag_number(const char *flag, const char *arg, double lo, double hi, double *out,
			    struct diag *d)
{
	char a[32], b[32];

	if (num_parse(arg, out) && *out >= lo && *out <= hi)
		return ST_OK;
	if (isinf(hi))
		return diag_set(d, ST_INPUT, flag, 0, 0, "'%s' must be a number >= %s", arg,
				bound(a, sizeof(a), lo));
	return diag_set(d, ST_INPUT, flag, 0, 0, "'%s' must be a number from %s to %s", arg,
			bound(a, sizeof(a), lo), bound(b, sizeof(b), hi));
}

char *cli_concat(struct ctx *ctx, const char *a, const char *b)
{
	size_t n = strlen(a) + (b ? strlen(b) : 0) + 1;
	char *text = malloc(n);
	char **owned = realloc(ctx->owned, (ctx->n_owned + 1) * sizeof(*owned));

	if (owned)
		ctx->owned = owned;
	if (!text || !owned) {
		free(text);
		return NULL;
	}
	snprintf(text, n, "%s%s", a, b ? b : "");
	return owned[ctx->n_owned++] = text;
}

void cli_release(struct ctx *ctx)
{
	if (ctx->sc_loaded)
		scenario_release(&ctx->sc);
	if (ctx->cat_loaded)
		catalog_release(&ctx->cat);
	for (size_t i = 0; i < ctx->n_owned; i++)
		free(ctx->owned[i]);
	free(ctx->owned);
	free(ctx->overrides);
	free(ctx->catalogs);
	free(ctx->catalog_sets);
	free(ctx->positional);
}

const char *cli_today(const struct ctx *ctx, char *buf, size_t size)
{
	time_t now;
	struct tm tm;

	if (ctx->today)
		return ctx->today;
	now = time(NULL);
	if (!gmtime_r(&now, &tm) || !strftime(buf, size, "%Y-%m-%d", &tm))
		snprintf(buf, size, "1970-01-01");
	return buf;
}

void cli_run_init(struct run *r, struct ctx *ctx)
{
	*r = (struct run){
		.today = cli_today(ctx, ctx->today_buf, sizeof(ctx->today_buf)),
		.max_price_age = ctx->max_price_age_given ? ctx->max_price_age : 180,
		.command = ctx->command,
		.version = LLMTCO_VERSION,
		.cat = &ctx->cat,
		.sc = &ctx->sc,
		.a = &ctx->a,
		.w = &ctx->w,
		.color = cli_use_color(ctx),
	};
}

enum status cli_evaluate(struct evaluation *e, const struct ctx *ctx, struct diag *d)
{
	if (compare_evaluate(e, ctx->sc.options, ctx->sc.n_options, &ctx->w, &ctx->cat, &ctx->a, d))
		return d->code;
	/* model.md 7.4: the portfolio of the segments, against these baselines */
	if (ctx->sc.n_segments) {
		if (portfolio_evaluate(&e->portfolio, &ctx->sc, &ctx->cat, &ctx->a, e->results, d))
			return d->code;
		e->c.portfolio = &e->portfolio;
	}
	return ST_OK;
}

enum status cli_no_svg(const struct ctx *ctx, struct diag *d)
{
	if (ctx->fmt == FMT_SVG)
		return diag_set(d, ST_INPUT, "--format", 0, 0,
				"svg is for the charts of sweep, breakeven, horizon, simulate and sensitivity; '%s' prints table, json, csv or markdown",
				ctx->command);
	return ST_OK;
}

void cli_print_warnings(const struct ctx *ctx, const struct run *r)
{
	struct warning_item warn[64];

	size_t n = report_warnings(warn, 64, r, NULL), stale = 0, oldest = 0;
	char line[512], age[32];

	for (size_t i = 0; i < n; i++) {
		if (strcmp(warn[i].code, "stale_price") != 0 || ctx->verbose) {
			cli_warn(ctx, warn[i].option, warn[i].message);
			continue;
		}
		/* YYYY-MM-DD sorts as text */
		if (!stale++ || strcmp(warn[i].as_of, warn[oldest].as_of) < 0)
			oldest = i;
	}
	if (!stale)
		return;
	snprintf(line, sizeof(line),
		 "%zu catalog price%s older than %s days, the oldest %s (%s); refresh with "
		 "'llmtco catalog import', raise --max-price-age, or -v to list them",
		 stale, stale == 1 ? " is" : "s are", num_shortest(age, sizeof(age), r->max_price_age),
		 warn[oldest].entry,
		 warn[oldest].as_of);
	cli_warn(ctx, NULL, line);
}

/* Why there is no pair, and what to add: --api/--self-host replace the
 * built-in options, so `breakeven --api gpt-4o` alone has no self-hosted
 * side. */
static enum status no_pair(const struct ctx *ctx, struct diag *d)
{
	const char *flag = NULL, *open = NULL;
	bool hosted = false;

	for (size_t i = 0; i < ctx->n_overrides; i++) {
		if (ctx->overrides[i].kind == OV_API || ctx->overrides[i].kind == OV_SELF_HOST)
			flag = ctx->overrides[i].flag;
	}
	for (size_t i = 0; i < ctx->sc.n_options; i++) {
		const struct option_spec *o = &ctx->sc.options[i];
		hosted |= o->kind != OPT_SELF_HOSTED;
		if (o->kind == OPT_MANAGED && o->api->open_model && !open)
			open = o->api->open_model;
	}
	if (hosted)
		return diag_set(d, ST_INPUT, flag ? flag : ctx->sc.file, 0, 0,
				"%s; add one: --self-host %s@h100-sxm (ids: 'llmtco catalog list models', "
				"'llmtco catalog list gpus')",
				flag ? "breakeven needs a self-hosted option too, and --api/--self-host "
				       "replace the built-in ones"
				     : "breakeven needs a self_hosted option too",
				open ? open : "llama-3.1-70b");
	return diag_set(d, ST_INPUT, flag ? flag : ctx->sc.file, 0, 0,
			"%s; add one: --api gpt-4o (ids: 'llmtco catalog list api')",
			flag ? "breakeven needs a hosted option too, and --api/--self-host replace the "
			       "built-in ones"
			     : "breakeven needs an api or managed option too");
}

enum status cli_pairs(struct pairs *p, const struct ctx *ctx, bool need_pair, struct diag *d)
{
	if (!(ctx->w.t_in + ctx->w.t_out > 0))
		return diag_set(d, ST_INPUT, ctx->sc.file, 0, 0,
				"the workload has no volume, so it has no shape to scale");
	if (pairs_solve(p, ctx->sc.options, ctx->sc.n_options, &ctx->w, &ctx->cat, &ctx->a, d))
		return d->code;
	if (need_pair && p->n == 0)
		return no_pair(ctx, d);
	return ST_OK;
}
