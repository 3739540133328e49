/*
 * cli.h - the command-line front end: global options, loading, output and
 * the command table. Only src/cli/ writes to stderr or picks exit codes.
 */
#ifndef LLMTCO_CLI_H
#define LLMTCO_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "load/catalog_load.h"
#include "load/scenario_load.h"
#include "model/catalog.h"
#include "model/compare.h"
#include "model/engine.h"
#include "model/scenario.h"
#include "report/report.h"
#include "util/diag.h"
#include "util/sbuf.h"

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* What a value is, for shell completion (completion.c). */
enum complete {
	CP_NONE,      /* free text or a number */
	CP_FILE,      /* a path */
	CP_FORMAT,    /* table, json, csv, markdown, svg */
	CP_COLOR,     /* auto, always, never */
	CP_API,       /* an api or managed model id of the catalog */
	CP_MODEL,     /* an open model id */
	CP_GPU,       /* a gpu id */
	CP_ANY_ID,    /* any catalog id */
	CP_SELF_HOST, /* MODEL@GPU... */
	CP_PRECISION, /* a precision name */
	CP_KEY,       /* a --set KEY= path */
};

/* One option a command accepts: the one table both parses argv and lists
 * the flags (--help, shell completion, the misplaced-option message). `id`
 * is the command's own code. */
struct opt {
	const char *name; /* long name without "--" */
	char short_name;  /* 0: none */
	bool has_arg;
	int id;
	const char *help; /* "--catalog FILE  layer a catalog..." line for --help */
	enum complete complete; /* what the value is (CP_NONE when omitted) */
};

/* What the global options set, and what loading produced. */
struct ctx {
	const char *command;
	const char **catalogs;
	size_t n_catalogs;
	bool no_builtin;
	const char *scenario_path;
	struct override *overrides;
	size_t n_overrides;
	const char **catalog_sets; /* --set catalog.PATH=VALUE, applied after the layers */
	size_t n_catalog_sets;
	enum format fmt;
	bool fmt_given;
	const char *output;
	enum color_when color;
	bool quiet;
	bool help;
	const char *today;     /* --today, or NULL: the clock */
	double max_price_age;  /* --max-price-age days */
	bool max_price_age_given;
	char **positional;
	size_t n_positional;
	bool verbose;          /* -v: list every stale price */
	const char *args[32]; /* the command's own option values, by option id (the last given) */
	struct {
		int id;
		const char *value;
	} flags[64]; /* every command option given, in order */
	size_t n_flags;
	char **owned; /* strings made while parsing, freed by cli_release */
	size_t n_owned;

	struct catalog cat;
	bool cat_loaded;
	struct scenario sc;
	bool sc_loaded;
	struct assumptions a;
	struct workload w;
	char today_buf[16];
};

/* A command: its own options' values land in ctx->args[id] (id < 8);
 * a flag without a value stores "". */
struct cmd {
	const char *name;
	int (*run)(struct ctx *ctx);
	const char *summary;
	const char *usage;      /* "llmtco compare [OPTIONS]" */
	const struct opt *opts; /* the command's own options, ended by a NULL name; may be NULL */
	enum complete positional;  /* what its arguments are, for completion */
	const char *const *words;  /* or its subcommands, ended by NULL; may be NULL */
};

extern const struct cmd cmd_horizon;
extern const struct cmd cmd_calibrate;
extern const struct cmd cmd_compare, cmd_size, cmd_catalog, cmd_breakeven, cmd_sweep, cmd_check,
	cmd_diff, cmd_init, cmd_assumptions, cmd_completion, cmd_simulate, cmd_sensitivity;

/* The command table, in the order `llmtco --help` lists it; ends with NULL. */
extern const struct cmd *const cli_commands[];

/* The global options, ended by a NULL name. */
extern const struct opt cli_global_opts[];

/* The command named `name`, or NULL. */
const struct cmd *cli_find_command(const char *name);

/* Parses argv (global options anywhere, then the command's). Fills `ctx`;
 * returns ST_OK, or ST_INPUT with `d` naming the flag. With -h/--help
 * anywhere, other mistakes are ignored and ctx->help is set. */
enum status cli_parse(struct ctx *ctx, const struct cmd *cmd, int argc, char **argv, int first,
		      struct diag *d);

/* Finds where the command word is in argv: the first argument that is
 * neither an option nor a global option's value. Returns its index, 0 when
 * there is none, or -1 with `d` filled when an option before the command
 * is not a global one (a command's own option given too early). */
int cli_command_index(int argc, char **argv, struct diag *d);

/* Appends the global options' help to `out`. */
void cli_global_help(struct sbuf *out);

/* Appends a command's help: usage, summary, its options, then the global
 * ones. */
void cli_command_help(struct sbuf *out, const struct cmd *cmd);

/* Parses a flag's number (suffixes allowed) into *out; it must lie in
 * [lo, hi] (hi may be INFINITY). ST_INPUT placed at the flag otherwise. */
enum status cli_flag_number(const char *flag, const char *arg, double lo, double hi, double *out,
			    struct diag *d);

/* "A" + "B" (b may be NULL) in a new string that ctx owns until
 * cli_release(); NULL when out of memory. */
char *cli_concat(struct ctx *ctx, const char *a, const char *b);

/* Appends the override "--set KEY=VALUE" (key given with its '=') that
 * `flag` stands for, applied after every global one, so a command's own
 * shortcut flags are checked like --set and their errors name the flag. */
enum status cli_add_set(struct ctx *ctx, const char *key, const char *value, const char *flag,
			struct diag *d);

/* Reads a whole file (at most 64 MiB) into a NUL-terminated buffer the
 * caller frees. ST_INPUT when it cannot be read. */
enum status cli_read_file(const char *path, char **text, size_t *len, struct diag *d);

/* Loads the catalog layers (built-in unless --no-builtin, then each
 * --catalog) into ctx->cat and checks them. */
enum status cli_load_catalog(struct ctx *ctx, struct diag *d);

/* Loads the catalog, the scenario (-s, else the built-in default; with
 * `partial`, else none: assumptions only) with the overrides, and resolves
 * assumptions and workload. */
enum status cli_load(struct ctx *ctx, bool partial, struct diag *d);

/* Evaluates the loaded scenario's options; ST_IO when out of memory. */
enum status cli_evaluate(struct evaluation *e, const struct ctx *ctx, struct diag *d);

/* Solves every hosted/self-hosted pair of the loaded scenario; ST_INPUT
 * when the workload has no volume, or when `need_pair` and there is none. */
enum status cli_pairs(struct pairs *p, const struct ctx *ctx, bool need_pair, struct diag *d);

/* Fails with ST_INPUT when ctx->fmt is svg: for commands that do not draw. */
enum status cli_no_svg(const struct ctx *ctx, struct diag *d);

/* Prints the run's warnings to stderr (unless --quiet). */
void cli_print_warnings(const struct ctx *ctx, const struct run *r);

/* Frees what loading allocated. */
void cli_release(struct ctx *ctx);

/* Whether tables get ANSI colour (--color, NO_COLOR, a terminal). */
bool cli_use_color(const struct ctx *ctx);

/* A file the user named (-o, --samples), open for writing in `fd`:
 * either in place (a device, a pipe, a descriptor such as /dev/stdout's)
 * or a temporary file `tmp` beside the regular file `final` it will
 * replace, which for a symlink is the link's target, so the link stays.
 * A signal that ends the run removes the temporary file. */
struct out_file {
	int fd;
	char *tmp;        /* NULL when written in place */
	char *final;
	const char *path; /* as named, for messages */
};

/* Opens `path` for writing as above. ST_IO with `d` filled when it cannot. */
enum status cli_out_open(struct out_file *f, const char *path, struct diag *d);

/* After the caller closed f->fd: renames the temporary file over `final`
 * when `keep`, else removes it; frees what `f` holds. ST_IO with `d`
 * filled (when not NULL) when the rename fails. */
enum status cli_out_finish(struct out_file *f, bool keep, struct diag *d);

/* Writes `out` to ctx->output (as cli_out_open says) or to stdout.
 * Returns ST_OK or ST_IO with `d` filled; nothing replaced on failure. */
enum status cli_emit(const struct ctx *ctx, const struct sbuf *out, struct diag *d);

/* Writes `out` to stdout whole. ST_IO with `d` filled when it cannot (a
 * full disk, a closed pipe). */
enum status cli_write_stdout(const struct sbuf *out, struct diag *d);

/* Prints a diagnostic to stderr and returns its exit code. */
int cli_fail(const struct diag *d);

/* Prints "llmtco: warning: ..." to stderr unless --quiet. */
void cli_warn(const struct ctx *ctx, const char *option, const char *msg);

/* Today's date, YYYY-MM-DD: --today, else the clock (UTC). Returns buf or
 * ctx->today. */
const char *cli_today(const struct ctx *ctx, char *buf, size_t size);

/* Fills a struct run for the loaded ctx. */
void cli_run_init(struct run *r, struct ctx *ctx);

/* The ranges a command varies: the scenario's `uncertainty`, then each
 * --range flag (command option `range_id`) replacing the range of its key;
 * --draws and --seed (ids, or -1 when the command has none) over the
 * scenario's. `u` must be released. ST_INPUT naming the flag. */
enum status cli_uncertainty(struct uncertainty *u, const struct ctx *ctx, int range_id, int draws_id,
			    int seed_id, struct diag *d);

/* Runs the simulation of the loaded scenario over `u`, streaming every
 * draw to `samples_path` when not NULL through `samples` (cli_out_open),
 * and drawing a progress line on a terminal after a second. On success
 * the samples are written and closed but not yet in place: the caller
 * ends with cli_out_finish(samples, keep). On failure nothing is left.
 * ST_IO when a file cannot be written or memory runs out. */
enum status cli_simulate(struct sim_result *s, const struct ctx *ctx, const struct uncertainty *u,
			 const char *samples_path, struct out_file *samples, struct diag *d);

#endif
