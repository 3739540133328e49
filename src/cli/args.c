/*
 * args.c - parses global and per-command options from the same argv; a
 * global option is valid before or after the command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/num.h"
#include "util/suggest.h"

enum gopt {
	G_CATALOG = 1000, G_NO_BUILTIN, G_SCENARIO, G_SET, G_FORMAT, G_OUTPUT, G_COLOR, G_QUIET,
	G_HELP, G_VERSION, G_TODAY, G_MAX_AGE, G_INPUT_TOKENS, G_OUTPUT_TOKENS, G_REQ_MONTH, G_REQ_DAY, G_IN_PER_REQ,
	G_OUT_PER_REQ, G_API, G_SELF_HOST
};

static const struct opt global_opts[] = {
	{"catalog", 'c', true, G_CATALOG, "-c, --catalog FILE      layer a catalog file over the built-in one (repeatable)"},
	{"no-builtin", 0, false, G_NO_BUILTIN, "    --no-builtin        do not load the built-in catalog"},
	{"scenario", 's', true, G_SCENARIO, "-s, --scenario FILE     scenario file (default: the built-in example)"},
	{"set", 0, true, G_SET, "    --set KEY=VALUE     override a scenario value by dotted path (repeatable)"},
	{"format", 'f', true, G_FORMAT, "-f, --format FMT        table (default), json, csv, markdown; svg for sweep and breakeven"},
	{"output", 'o', true, G_OUTPUT, "-o, --output FILE       write there, atomically, instead of stdout"},
	{"color", 0, true, G_COLOR, "    --color WHEN        auto (default), always, never; NO_COLOR means never"},
	{"quiet", 'q', false, G_QUIET, "-q, --quiet             no warnings on stderr"},
	{"help", 'h', false, G_HELP, "-h, --help              this help"},
	{"version", 0, false, G_VERSION, "    --version           print the version"},
	{"today", 0, true, G_TODAY, "    --today DATE        judge price ages against DATE, YYYY-MM-DD (default: the clock)"},
	{"max-price-age", 0, true, G_MAX_AGE, "    --max-price-age DAYS  warn stale_price for older figures in a result (default 180)"},
	{"input-tokens", 0, true, G_INPUT_TOKENS, "    --input-tokens N    workload.input_tokens_per_month"},
	{"output-tokens", 0, true, G_OUTPUT_TOKENS, "    --output-tokens N   workload.output_tokens_per_month"},
	{"requests-per-month", 0, true, G_REQ_MONTH, "    --requests-per-month N, --requests-per-day N"},
	{"requests-per-day", 0, true, G_REQ_DAY, NULL},
	{"input-per-request", 0, true, G_IN_PER_REQ, "    --input-per-request N, --output-per-request N"},
	{"output-per-request", 0, true, G_OUT_PER_REQ, NULL},
	{"api", 0, true, G_API, "    --api ID            add a hosted or managed option (repeatable)"},
	{"self-host", 0, true, G_SELF_HOST, "    --self-host MODEL@GPU[:PRECISION[:PRICING[/PROVIDER]]]  add a self-hosted option"},
	{NULL, 0, false, 0, NULL},
};

/* The "--set PATH=" a workload shortcut stands for. */
static const char *shortcut_key(int id)
{
	switch (id) {
	case G_INPUT_TOKENS: return "workload.input_tokens_per_month=";
	case G_OUTPUT_TOKENS: return "workload.output_tokens_per_month=";
	case G_REQ_MONTH: return "workload.requests_per_month=";
	case G_REQ_DAY: return "workload.requests_per_day=";
	case G_IN_PER_REQ: return "workload.input_tokens_per_request=";
	case G_OUT_PER_REQ: return "workload.output_tokens_per_request=";
	default: return NULL;
	}
}

static enum status add_override(struct ctx *ctx, enum override_kind kind, const char *text,
				const char *flag, struct diag *d)
{
	struct override *o = realloc(ctx->overrides, (ctx->n_overrides + 1) * sizeof(*o));

	if (!o)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	ctx->overrides = o;
	o[ctx->n_overrides++] = (struct override){kind, text, flag};
	return ST_OK;
}

static enum status global_opt(struct ctx *ctx, int id, const char *arg, const char *flag,
			      struct diag *d)
{
	const char *key = shortcut_key(id);
	int idx;

	if (key) {
		const char *text = cli_concat(ctx, key, arg);
		if (!text)
			return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
		return add_override(ctx, OV_SET, text, flag, d);
	}
	switch (id) {
	case G_CATALOG: {
		const char **c = realloc(ctx->catalogs, (ctx->n_catalogs + 1) * sizeof(*c));
		if (!c)
			return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
		ctx->catalogs = c;
		c[ctx->n_catalogs++] = arg;
		return ST_OK;
	}
	case G_NO_BUILTIN: ctx->no_builtin = true; return ST_OK;
	case G_SCENARIO: ctx->scenario_path = arg; return ST_OK;
	case G_SET: return add_override(ctx, OV_SET, arg, "--set", d);
	case G_API: return add_override(ctx, OV_API, arg, "--api", d);
	case G_SELF_HOST: return add_override(ctx, OV_SELF_HOST, arg, "--self-host", d);
	case G_FORMAT:
		if ((idx = name_index(format_names, FMT_COUNT, arg)) < 0) {
			char hint[160];
			return diag_set(d, ST_INPUT, "--format", 0, 0,
					"unknown format '%s'; use table, json, csv, markdown or svg%s", arg,
					suggest_hint(hint, sizeof(hint), arg, format_names, FMT_COUNT));
		}
		ctx->fmt = (enum format)idx;
		ctx->fmt_given = true;
		return ST_OK;
	case G_OUTPUT: ctx->output = arg; return ST_OK;
	case G_COLOR: {
		static const char *const whens[] = {"auto", "always", "never"};
		if ((idx = name_index(whens, 3, arg)) < 0)
			return diag_set(d, ST_INPUT, "--color", 0, 0,
					"'%s' is not one of auto, always, never", arg);
		ctx->color = (enum color_when)idx;
		return ST_OK;
	}
	case G_QUIET: ctx->quiet = true; return ST_OK;
	case G_TODAY: {
		long days;
		if (!num_date_days(arg, &days))
			return diag_set(d, ST_INPUT, "--today", 0, 0, "'%s' must be a date YYYY-MM-DD", arg);
		ctx->today = arg;
		return ST_OK;
	}
	case G_MAX_AGE:
		if (!num_parse(arg, &ctx->max_price_age) || ctx->max_price_age < 0)
			return diag_set(d, ST_INPUT, "--max-price-age", 0, 0, "'%s' must be a number of days >= 0", arg);
		ctx->max_price_age_given = true;
		return ST_OK;
	case G_HELP: ctx->help = true; return ST_OK;
	default: return ST_OK;
	}
}

static const struct opt *find(const struct opt *table, const char *name, char short_name)
{
	for (const struct opt *o = table; table && o->name; o++) {
		if (name ? strcmp(o->name, name) == 0 : o->short_name == short_name)
			return o;
	}
	return NULL;
}

static enum status unknown_option(const struct cmd *cmd, const char *arg, struct diag *d)
{
	const char *names[64];
	char hint[160], dashed[80];
	size_t n = 0;
	const char *s;

	for (const struct opt *o = global_opts; o->name && n < 64; o++)
		names[n++] = o->name;
	for (const struct opt *o = cmd ? cmd->opts : NULL; o && o->name && n < 64; o++)
		names[n++] = o->name;
	s = suggest(arg + 2, names, n);
	if (s)
		snprintf(dashed, sizeof(dashed), "--%s", s);
	snprintf(hint, sizeof(hint), s ? " (did you mean '%s'?)" : "%s", s ? dashed : "");
	return diag_set(d, ST_INPUT, arg, 0, 0, "unknown option%s; see 'llmtco %s%s--help'", hint,
			cmd ? cmd->name : "", cmd ? " " : "");
}

enum status cli_parse(struct ctx *ctx, const struct cmd *cmd, int argc, char **argv, int first,
		      struct diag *d)
{
	bool options_done = false;

	for (int i = first; i < argc; i++) {
		char *arg = argv[i], name[64];
		const char *value = NULL, *eq;
		const struct opt *o;
		bool is_global;

		if (options_done || arg[0] != '-' || arg[1] == '\0') {
			char **p = realloc(ctx->positional, (ctx->n_positional + 1) * sizeof(*p));
			if (!p)
				return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
			ctx->positional = p;
			p[ctx->n_positional++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			options_done = true;
			continue;
		}
		if (arg[1] == '-') {
			eq = strchr(arg, '=');
			snprintf(name, sizeof(name), "%.*s", (int)(eq ? eq - arg - 2 : (long)strlen(arg) - 2),
				 arg + 2);
			if (eq)
				value = eq + 1;
			o = find(cmd ? cmd->opts : NULL, name, 0);
			is_global = !o;
			if (!o)
				o = find(global_opts, name, 0);
			if (!o)
				return unknown_option(cmd, arg, d);
		} else {
			o = find(cmd ? cmd->opts : NULL, NULL, arg[1]);
			is_global = !o;
			if (!o)
				o = find(global_opts, NULL, arg[1]);
			if (!o)
				return diag_set(d, ST_INPUT, arg, 0, 0, "unknown option; see 'llmtco %s%s--help'",
						cmd ? cmd->name : "", cmd ? " " : "");
			if (arg[2])
				value = arg + 2;
		}
		if (o->has_arg && !value) {
			if (i + 1 >= argc)
				return diag_set(d, ST_INPUT, arg, 0, 0, "needs a value");
			value = argv[++i];
		} else if (!o->has_arg && value) {
			return diag_set(d, ST_INPUT, arg, 0, 0, "takes no value");
		}
		if (!is_global) {
			if (ctx->n_flags == sizeof(ctx->flags) / sizeof(ctx->flags[0]))
				return diag_set(d, ST_INPUT, arg, 0, 0, "too many options");
			ctx->args[o->id] = value ? value : "";
			ctx->flags[ctx->n_flags].id = o->id;
			ctx->flags[ctx->n_flags++].value = ctx->args[o->id];
		}
		else if (global_opt(ctx, o->id, value, arg, d))
			return d->code;
	}
	return ST_OK;
}

static void opts_help(struct sbuf *out, const struct opt *table)
{
	for (const struct opt *o = table; o && o->name; o++) {
		if (o->help)
			sbuf_printf(out, "  %s\n", o->help);
	}
}

void cli_global_help(struct sbuf *out)
{
	sbuf_printf(out, "Global options (before or after the command):\n");
	opts_help(out, global_opts);
	sbuf_printf(out, "\nNumbers take k, M, B, T suffixes (500M, 1.5B), '_' separators and exponents.\n");
}

void cli_command_help(struct sbuf *out, const struct cmd *cmd)
{
	sbuf_printf(out, "usage: %s\n\n%s\n\n", cmd->usage, cmd->summary);
	if (cmd->opts && cmd->opts->name) {
		sbuf_printf(out, "Options:\n");
		opts_help(out, cmd->opts);
		sbuf_printf(out, "\n");
	}
	cli_global_help(out);
}
