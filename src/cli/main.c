/*
 * main.c - llmtco's entry point: finds the command in a table, parses the
 * options, runs it and maps its status to the exit code (0 ok, 1 a check
 * failed, 2 bad input, 3 runtime error).
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "util/suggest.h"

const struct cmd *const cli_commands[] = {
	&cmd_compare, &cmd_breakeven, &cmd_sweep, &cmd_horizon, &cmd_simulate, &cmd_sensitivity, &cmd_size,       &cmd_check, &cmd_diff,
	&cmd_catalog, &cmd_calibrate, &cmd_init,      &cmd_assumptions, &cmd_completion, NULL};
#define N_COMMANDS (sizeof(cli_commands) / sizeof(cli_commands[0]) - 1)

static int help(const struct cmd *cmd)
{
	struct diag d = {0};
	struct sbuf s;
	int rc;

	sbuf_init(&s);
	if (cmd) {
		cli_command_help(&s, cmd);
	} else {
		sbuf_printf(&s, "usage: llmtco [GLOBAL OPTIONS] COMMAND [OPTIONS]\n\n"
				"Is it cheaper to pay a hosted LLM API per token or to self-host an\n"
				"open-weight model on GPUs? Monthly total cost of ownership, itemized.\n\n"
				"Commands:\n");
		for (size_t i = 0; i < N_COMMANDS; i++)
			sbuf_printf(&s, "  %-12s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
		sbuf_printf(&s, "  %-12s %s\n\n", "help", "help on a command: llmtco help COMMAND");
		cli_global_help(&s);
	}
	rc = cli_write_stdout(&s, &d) ? cli_fail(&d) : 0;
	sbuf_release(&s);
	return rc;
}

const struct cmd *cli_find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	}
	return NULL;
}

static int unknown_command(const char *name)
{
	const char *names[N_COMMANDS];
	char hint[160];
	struct diag d;

	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = cli_commands[i]->name;
	diag_set(&d, ST_INPUT, NULL, 0, 0, "unknown command '%s'%s; see 'llmtco --help'", name,
		 suggest_hint(hint, sizeof(hint), name, names, N_COMMANDS));
	return cli_fail(&d);
}

int main(int argc, char **argv)
{
	struct ctx ctx = {0};
	struct diag d = {0};
	const struct cmd *cmd = NULL;
	int cmd_at = 0, rc;

	/* the user's locale for messages and terminal width; numbers never
	 * follow it (util/num.h, util/sbuf.h) */
	setlocale(LC_ALL, "");
	/* past a file size limit, let write() fail with EFBIG so that the
	 * temporary file is removed, instead of dying with it in place */
	signal(SIGXFSZ, SIG_IGN);
	/* --version anywhere before "--" answers alone */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			printf("llmtco %s\n", LLMTCO_VERSION);
			return 0;
		}
	}
	if ((cmd_at = cli_command_index(argc, argv, &d)) < 0)
		return cli_fail(&d);
	if (cmd_at == 0) {
		bool asked = false;
		for (int i = 1; i < argc; i++)
			asked |= strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0;
		if (argc > 1 && !asked) {
			diag_set(&d, ST_INPUT, NULL, 0, 0, "no command given; see 'llmtco --help'");
			return cli_fail(&d);
		}
		return help(NULL);
	}
	if (strcmp(argv[cmd_at], "help") == 0) {
		if (cmd_at + 1 < argc && strcmp(argv[cmd_at + 1], "help") != 0 &&
		    !(cmd = cli_find_command(argv[cmd_at + 1])))
			return unknown_command(argv[cmd_at + 1]);
		return help(cmd);
	}
	if (!(cmd = cli_find_command(argv[cmd_at])))
		return unknown_command(argv[cmd_at]);
	ctx.command = cmd->name;
	/* parse everything but the command word itself */
	{
		char *saved = argv[cmd_at];
		for (int i = cmd_at; i > 1; i--)
			argv[i] = argv[i - 1];
		argv[1] = saved;
	}
	if (cli_parse(&ctx, cmd, argc, argv, 2, &d)) {
		rc = cli_fail(&d);
	} else if (ctx.help) {
		rc = help(cmd);

	} else {
		rc = cmd->run(&ctx);
	}
	cli_release(&ctx);
	return rc;
}
