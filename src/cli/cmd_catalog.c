/*
 * cmd_catalog.c - `llmtco catalog list|show|validate|import`: browse,
 * check and refresh catalogs.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "load/import.h"
#include "util/num.h"
#include "util/suggest.h"

enum { O_PROVIDER, O_KIND, O_MIN_PRICE, O_MAX_PRICE, O_MIN_VRAM, O_SORT, O_AS_OF };

static const struct opt catalog_opts[] = {
	{"provider", 0, true, O_PROVIDER, "    --provider NAME   list: api models of NAME, GPUs NAME prices"},
	{"kind", 0, true, O_KIND, "    --kind KIND       list api: api or managed"},
	{"min-price", 0, true, O_MIN_PRICE, "    --min-price N     list: api input price per 1M, GPU on-demand price per hour, at least N"},
	{"max-price", 0, true, O_MAX_PRICE, "    --max-price N     list: ... at most N"},
	{"min-vram", 0, true, O_MIN_VRAM, "    --min-vram GB     list gpus: at least GB of memory"},
	{"sort", 0, true, O_SORT, "    --sort COLUMN     list SECTION: sort by a column (-COLUMN: descending)"},
	{"as-of", 0, true, O_AS_OF, "    --as-of DATE      import: date for prices the file does not date (default: none, left unknown)"},
	{NULL, 0, false, 0, NULL},
};

static const char *const sections[] = {"gpus", "api", "models", "throughput"};
static const char *const subcommands[] = {"list", "show", "validate", "import", NULL};
static const char *const importers[] = {"litellm", "genai-prices"};

/* An optional filter's number: NAN when the flag is absent. */
static enum status number(const char *flag, const char *arg, double *out, struct diag *d)
{
	*out = NAN;
	return arg ? cli_flag_number(flag, arg, 0, INFINITY, out, d) : ST_OK;
}

static int list(struct ctx *ctx, struct sbuf *out, struct diag *d)
{
	const char *section = ctx->n_positional > 1 ? ctx->positional[1] : NULL;
	const char *const *a = ctx->args;
	struct catalog_filter f = {.provider = a[O_PROVIDER], .kind = a[O_KIND], .sort = a[O_SORT]};
	char hint[300];

	if (ctx->n_positional > 2)
		return diag_set(d, ST_INPUT, ctx->positional[2], 0, 0, "unexpected argument");
	if (section && name_index(sections, 4, section) < 0)
		return diag_set(d, ST_INPUT, "catalog list", 0, 0,
				"unknown section '%s'; use gpus, api, models or throughput%s", section,
				suggest_hint(hint, sizeof(hint), section, sections, 4));
	if (f.kind && strcmp(f.kind, "api") != 0 && strcmp(f.kind, "managed") != 0)
		return diag_set(d, ST_INPUT, "--kind", 0, 0, "'%s' must be api or managed", f.kind);
	/* a filter that cannot apply to the section asked for is a mistake */
	if (section && f.kind && strcmp(section, "api") != 0)
		return diag_set(d, ST_INPUT, "--kind", 0, 0, "filters the api section, not %s", section);
	if (section && a[O_MIN_VRAM] && strcmp(section, "gpus") != 0)
		return diag_set(d, ST_INPUT, "--min-vram", 0, 0, "filters the gpus section, not %s", section);
	if (section && (f.provider || a[O_MIN_PRICE] || a[O_MAX_PRICE]) && strcmp(section, "api") != 0 &&
	    strcmp(section, "gpus") != 0)
		return diag_set(d, ST_INPUT, f.provider ? "--provider" : "--min-price", 0, 0,
				"filters the api and gpus sections, not %s", section);
	if (f.sort && !section)
		return diag_set(d, ST_INPUT, "--sort", 0, 0, "sorts one section: 'catalog list gpus --sort vram_gb'");
	if (f.sort) {
		size_t n;
		const char *const *cols = report_catalog_columns(section, &n);
		const char *key = f.sort[0] == '-' ? f.sort + 1 : f.sort;
		if (name_index(cols, n, key) < 0)
			return diag_set(d, ST_INPUT, "--sort", 0, 0, "'%s' is no column of %s%s", key, section,
					suggest_hint(hint, sizeof(hint), key, cols, n));
	}
	if (!section && ctx->fmt == FMT_CSV)
		return diag_set(d, ST_INPUT, "--format", 0, 0,
				"a CSV file holds one table: name the section, 'catalog list gpus|api|models|throughput -f csv'");
	if (number("--min-price", a[O_MIN_PRICE], &f.min_price, d) ||
	    number("--max-price", a[O_MAX_PRICE], &f.max_price, d) ||
	    number("--min-vram", a[O_MIN_VRAM], &f.min_vram, d) || cli_load_catalog(ctx, d))
		return d->code;
	report_catalog_list(out, ctx->fmt, &ctx->cat, section, &f);
	return ST_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Imports one file; a directory means its *.yml files, in name order. */
static enum status import_path(struct import_result *r, const char *kind, const char *path,
			       const char *as_of, const char *on, struct diag *d)
{
	struct stat st;
	char *text;
	size_t len;
	enum status s;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		DIR *dir = opendir(path);
		struct dirent *e;
		char **names = NULL;
		size_t n = 0;

		if (strcmp(kind, "genai-prices") != 0)
			return diag_set(d, ST_INPUT, path, 0, 0, "is a directory; litellm imports one JSON file");
		if (!dir)
			return diag_set(d, ST_INPUT, path, 0, 0, "cannot read the directory");
		while ((e = readdir(dir))) {
			size_t l = strlen(e->d_name);
			char **grown;
			if (l < 5 || strcmp(e->d_name + l - 4, ".yml") != 0)
				continue;
			if (!(grown = realloc(names, (n + 1) * sizeof(*names))) || !(grown[n] = malloc(strlen(path) + l + 2))) {
				free(grown ? grown : names);
				closedir(dir);
				return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
			}
			names = grown;
			sprintf(names[n++], "%s/%s", path, e->d_name);
		}
		closedir(dir);
		if (n)
			qsort(names, n, sizeof(*names), by_name);
		s = n ? ST_OK : diag_set(d, ST_INPUT, path, 0, 0, "no genai-prices provider files (*.yml) here");
		for (size_t i = 0; i < n; i++) {
			if (!s)
				s = import_path(r, kind, names[i], as_of, on, d);
			free(names[i]);
		}
		free(names);
		return s;
	}
	if (cli_read_file(path, &text, &len, d))
		return d->code;
	s = strcmp(kind, "litellm") == 0 ? import_litellm(r, path, text, as_of, d)
					 : import_genai_prices(r, path, text, len, on, d);
	free(text);
	return s;
}

static int import(struct ctx *ctx, struct sbuf *out, struct diag *d)
{
	struct import_result r = {0};
	char what[512], hint[160], today[16];
	const char *as_of = ctx->args[O_AS_OF];
	struct sbuf summary;
	long days;

	if (ctx->n_positional != 3)
		return diag_set(d, ST_INPUT, "catalog import", 0, 0, "expected litellm FILE or genai-prices FILE|DIR");
	if (name_index(importers, 2, ctx->positional[1]) < 0)
		return diag_set(d, ST_INPUT, "catalog import", 0, 0, "unknown format '%s'; use litellm or genai-prices%s",
				ctx->positional[1], suggest_hint(hint, sizeof(hint), ctx->positional[1], importers, 2));
	if (as_of && !num_date_days(as_of, &days))
		return diag_set(d, ST_INPUT, "--as-of", 0, 0, "'%s' must be a date YYYY-MM-DD", as_of);
	if (ctx->fmt_given)
		return diag_set(d, ST_INPUT, "--format", 0, 0, "import always writes a catalog (YAML)");
	/* a price without a date of its own stays undated unless --as-of
	 * dates it; genai-prices still needs a day to pick its current price */
	r.undated_as_of = as_of;
	if (import_path(&r, ctx->positional[1], ctx->positional[2], as_of,
			as_of ? as_of : cli_today(ctx, today, sizeof(today)), d)) {
		import_release(&r);
		return d->code;
	}
	import_finish(&r);
	snprintf(what, sizeof(what), "%s %s", ctx->positional[1], ctx->positional[2]);
	import_write_catalog(out, &r, what);
	if (!ctx->quiet) {
		sbuf_init(&summary);
		import_write_summary(&summary, &r, what);
		fputs(summary.buf ? summary.buf : "", stderr);
		sbuf_release(&summary);
	}
	import_release(&r);
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
	static int (*const run_sub[])(struct ctx *, struct sbuf *, struct diag *) = {list, show, validate,
										   import};

	sbuf_init(&out);
	if (ctx->n_positional == 0) {
		diag_set(&d, ST_INPUT, "catalog", 0, 0, "expected list, show, validate or import");
		goto fail;
	}
	sub = name_index(subcommands, 4, ctx->positional[0]);
	if (sub < 0) {
		diag_set(&d, ST_INPUT, "catalog", 0, 0, "unknown subcommand '%s'; use list, show, validate or import%s",
			 ctx->positional[0], suggest_hint(hint, sizeof(hint), ctx->positional[0], subcommands, 4));
		goto fail;
	}
	if (cli_no_svg(ctx, &d) || run_sub[sub](ctx, &out, &d) || cli_emit(ctx, &out, &d))
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
	.summary = "browse, check and refresh catalogs: list [SECTION], show ID, validate FILE..., import litellm|genai-prices FILE",
	.usage = "llmtco catalog list [gpus|api|models|throughput] [--provider P] [--kind K] [--min-price N] [--max-price N] [--min-vram GB] [--sort COLUMN]\n"
		 "       llmtco catalog show ID\n"
		 "       llmtco catalog validate FILE...\n"
		 "       llmtco catalog import litellm FILE | genai-prices FILE|DIR [--as-of DATE] [-o FILE]",
	.opts = catalog_opts,
	.words = subcommands,
};
