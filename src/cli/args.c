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
	G_HELP, G_VERSION, G_VERBOSE, G_TODAY, G_MAX_AGE, G_INPUT_TOKENS, G_OUTPUT_TOKENS, G_REQ_MONTH, G_REQ_DAY, G_IN_PER_REQ,
	G_OUT_PER_REQ, G_API, G_SELF_HOST, G_REQUIRE
};

const struct opt cli_global_opts[] = {
	{"catalog", 'c', true, G_CATALOG, "-c, --catalog FILE      layer a catalog file over the built-in one (repeatable)", CP_FILE},
	{"no-builtin", 0, false, G_NO_BUILTIN, "    --no-builtin        do not load the built-in catalog", CP_NONE},
	{"scenario", 's', true, G_SCENARIO, "-s, --scenario FILE     scenario file (default: the built-in example)", CP_FILE},
	{"set", 0, true, G_SET, "    --set KEY=VALUE     override a scenario value by dotted path (repeatable)", CP_KEY},
	{"format", 'f', true, G_FORMAT, "-f, --format FMT        table (default), json, csv, markdown; svg for sweep, breakeven,\n                          horizon, simulate, sensitivity", CP_FORMAT},
	{"output", 'o', true, G_OUTPUT, "-o, --output FILE       write there, atomically, instead of stdout", CP_FILE},
	{"color", 0, true, G_COLOR, "    --color WHEN        auto (default), always, never; NO_COLOR means never", CP_COLOR},
	{"quiet", 'q', false, G_QUIET, "-q, --quiet             no warnings on stderr", CP_NONE},
	{"verbose", 'v', false, G_VERBOSE, "-v, --verbose           list every stale price, not only their count", CP_NONE},
	{"help", 'h', false, G_HELP, "-h, --help              this help", CP_NONE},
	{"version", 0, false, G_VERSION, "    --version           print the version", CP_NONE},
	{"today", 0, true, G_TODAY, "    --today DATE        judge price ages against DATE, YYYY-MM-DD (default: the clock)", CP_NONE},
	{"max-price-age", 0, true, G_MAX_AGE, "    --max-price-age DAYS  warn stale_price for older figures in a result (default 180)", CP_NONE},
	{"input-tokens", 0, true, G_INPUT_TOKENS, "    --input-tokens N    workload.input_tokens_per_month", CP_NONE},
	{"output-tokens", 0, true, G_OUTPUT_TOKENS, "    --output-tokens N   workload.output_tokens_per_month", CP_NONE},
	{"requests-per-month", 0, true, G_REQ_MONTH, "    --requests-per-month N, --requests-per-day N", CP_NONE},
	{"requests-per-day", 0, true, G_REQ_DAY, NULL, CP_NONE},
	{"input-per-request", 0, true, G_IN_PER_REQ, "    --input-per-request N, --output-per-request N", CP_NONE},
	{"output-per-request", 0, true, G_OUT_PER_REQ, NULL, CP_NONE},
	{"api", 0, true, G_API, "    --api ID            add a hosted or managed option (repeatable)", CP_API},
	{"require", 0, true, G_REQUIRE, "    --require KEY=VALUE  requirements.KEY: min_quality_tier, third_party_processing,\n                        allowed_providers (comma-separated), availability (repeatable)", CP_NONE},
	{"self-host", 0, true, G_SELF_HOST, "    --self-host MODEL@GPU[:PRECISION[:PRICING[/PROVIDER]]]  add a self-hosted option", CP_SELF_HOST},
	{NULL, 0, false, 0, NULL, CP_NONE},
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
	case G_REQUIRE: return "requirements.";
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

enum status cli_add_set(struct ctx *ctx, const char *key, const char *value, const char *flag,
			struct diag *d)
{
	const char *text = cli_concat(ctx, key, value);

	if (!text)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	return add_override(ctx, OV_SET, text, flag, d);
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
	case G_SET:
		if (strncmp(arg, "catalog.", 8) == 0) {
			/* a catalog figure, not a scenario value (interface.md Additions) */
			const char **c = realloc(ctx->catalog_sets, (ctx->n_catalog_sets + 1) * sizeof(*c));
			if (!c)
				return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
			ctx->catalog_sets = c;
			c[ctx->n_catalog_sets++] = arg;
			return ST_OK;
		}
		return add_override(ctx, OV_SET, arg, "--set", d);
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
	case G_VERBOSE: ctx->verbose = true; return ST_OK;
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

	for (const struct opt *o = cli_global_opts; o->name && n < 64; o++)
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

/* Whether -h or --help stands among the options (before "--"). */
static bool help_asked(int argc, char **argv, int first)
{
	for (int i = first; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}

static enum status parse(struct ctx *ctx, const struct cmd *cmd, int argc, char **argv, int first,
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
				o = find(cli_global_opts, name, 0);
			if (!o)
				return unknown_option(cmd, arg, d);
		} else {
			o = find(cmd ? cmd->opts : NULL, NULL, arg[1]);
			is_global = !o;
			if (!o)
				o = find(cli_global_opts, NULL, arg[1]);
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

enum status cli_parse(struct ctx *ctx, const struct cmd *cmd, int argc, char **argv, int first,
		      struct diag *d)
{
	enum status st = parse(ctx, cmd, argc, argv, first, d);

	if (st == ST_INPUT && help_asked(argc, argv, first)) {
		memset(d, 0, sizeof(*d));
		ctx->help = true;
		return ST_OK;
	}
	/* a command that names no arguments (for completion) takes none */
	if (!st && !ctx->help && cmd->positional == CP_NONE && !cmd->words && ctx->n_positional)
		return diag_set(d, ST_INPUT, ctx->positional[0], 0, 0,
				"unexpected argument; %s takes options only", cmd->name);
	return st;
}

/* The first command whose own table has option `name` (long, or short
 * when name is NULL), or NULL. */
static const struct cmd *command_with(const char *name, char short_name, const struct opt **o)
{
	for (const struct cmd *const *c = cli_commands; *c; c++) {
		if ((*o = find((*c)->opts, name, short_name)))
			return *c;
	}
	return NULL;
}

int cli_command_index(int argc, char **argv, struct diag *d)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct opt *o = NULL;
		const struct cmd *owner;
		char name[64];

		if (strcmp(a, "--") == 0)
			return 0;
		if (a[0] != '-' || a[1] == '\0')
			return i;
		if (a[1] == '-') {
			const char *eq = strchr(a, '=');
			snprintf(name, sizeof(name), "%.*s", (int)(eq ? eq - a - 2 : (long)strlen(a) - 2), a + 2);
			if ((o = find(cli_global_opts, name, 0))) {
				i += o->has_arg && !eq;
				continue;
			}
			owner = command_with(name, 0, &o);
		} else {
			if ((o = find(cli_global_opts, NULL, a[1]))) {
				i += o->has_arg && !a[2];
				continue;
			}
			owner = command_with(NULL, a[1], &o);
		}
		if (owner) {
			diag_set(d, ST_INPUT, a, 0, 0,
				 "is an option of '%s', not a global one: put it after the command "
				 "('llmtco %s %s%s%s')",
				 owner->name, owner->name, a,
				 o->has_arg && !strchr(a, '=') && i + 1 < argc ? " " : "",
				 o->has_arg && !strchr(a, '=') && i + 1 < argc ? argv[i + 1] : "");
			return -1;
		}
		if (help_asked(argc, argv, 1))
			continue;
		unknown_option(NULL, a, d);
		return -1;
	}
	return 0;
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
	opts_help(out, cli_global_opts);
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
