/*
 * cmd_simulate.c - `llmtco simulate`: Monte Carlo over the scenario's
 * ranges and --range (model.md 8.1). Streams every draw to --samples when
 * asked (a temporary file renamed into place at the end), and shows a
 * progress line on a terminal once a run has taken a second.
 *
 * Also home of cli_uncertainty, which check and sensitivity share.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "util/num.h"

enum { O_DRAWS, O_SEED, O_RANGE, O_SAMPLES };

static const struct opt simulate_opts[] = {
	{"draws", 0, true, O_DRAWS, "    --draws N        draws (default: the scenario's, else 10000; at most 10M)"},
	{"seed", 0, true, O_SEED, "    --seed N         generator seed (default: the scenario's, else 1)"},
	{"range", 0, true, O_RANGE, "    --range KEY=LOW..HIGH | KEY=LOW..MODE..HIGH | KEY=p10:A..p90:B\n"
				    "                     vary KEY (repeatable; replaces the scenario's range of KEY)"},
	{"samples", 0, true, O_SAMPLES, "    --samples FILE   write every draw as CSV (draw, each varied key, each option's total)"},
	{NULL, 0, false, 0, NULL},
};

enum status cli_uncertainty(struct uncertainty *u, const struct ctx *ctx, int range_id, int draws_id,
			    int seed_id, struct diag *d)
{
	const struct uncertainty *given = &ctx->sc.uncertainty;
	double v;

	uncertainty_init(u);
	u->draws = given->draws;
	u->seed = given->seed;
	for (size_t i = 0; i < given->n; i++) {
		if (uncertainty_put(u, &given->ranges[i], d))
			return d->code;
	}
	for (size_t i = 0; i < ctx->n_flags; i++) {
		struct range r;
		if (ctx->flags[i].id != range_id)
			continue;
		if (range_parse(&r, ctx->flags[i].value, ctx->sc.given, ctx->sc.has_profile, "--range", d) ||
		    uncertainty_put(u, &r, d))
			return d->code;
	}
	if (draws_id >= 0 && ctx->args[draws_id]) {
		if (cli_flag_number("--draws", ctx->args[draws_id], 1, UNC_MAX_DRAWS, &v, d))
			return d->code;
		if (v != floor(v))
			return diag_set(d, ST_INPUT, "--draws", 0, 0, "'%s' must be a whole number", ctx->args[draws_id]);
		u->draws = v;
	}
	if (seed_id >= 0 && ctx->args[seed_id]) {
		if (!num_parse(ctx->args[seed_id], &v) || v < 0 || v > 9007199254740992.0 ||
		    !num_is_exact_whole(ctx->args[seed_id], v))
			return diag_set(d, ST_INPUT, "--seed", 0, 0, "'%s' must be a whole number from 0 to 2^53",
					ctx->args[seed_id]);
		u->seed = (uint64_t)v;
	}
	return ST_OK;
}

/* The --samples file: rows buffered and written as they come. */
struct samples {
	struct out_file *of;
	FILE *f;
	struct sbuf row;
	const struct range *rg;
	size_t nr;
	bool failed;
	int err;
};

static bool samples_open(struct samples *s, const struct ctx *ctx, const char *path, struct diag *d)
{
	sbuf_init(&s->row);
	if (cli_out_open(s->of, path, d))
		return false;
	if (!(s->f = fdopen(s->of->fd, "w"))) {
		int e = errno;
		close(s->of->fd);
		cli_out_finish(s->of, false, NULL);
		return diag_set(d, ST_IO, path, 0, 0, "cannot write: %s", strerror(e)), false;
	}
	report_samples_header(&s->row, &ctx->sc, s->rg, s->nr);
	return true;
}

static bool samples_flush(struct samples *s)
{
	if (s->row.len && fwrite(s->row.buf, 1, s->row.len, s->f) != s->row.len) {
		s->failed = true;
		s->err = errno;
	}
	s->row.len = 0;
	if (s->row.buf)
		s->row.buf[0] = '\0';
	return !s->failed && !s->row.failed;
}

static bool on_draw(void *arg, size_t draw, const double *x, const struct option_result *res, size_t n,
		    const struct portfolio *p)
{
	struct samples *s = arg;

	report_samples_row(&s->row, draw + 1, x, s->nr, res, n, p);
	return s->row.len < (1u << 16) || samples_flush(s);
}

/* Flushes and closes the file; removes it unless `keep` and all was
 * written, else leaves a temporary file for cli_out_finish. */
static enum status samples_close(struct samples *s, bool keep, struct diag *d)
{
	bool ok = samples_flush(s);

	if (fflush(s->f) != 0 || (s->of->tmp && fsync(fileno(s->f)) != 0)) {
		ok = false;
		s->err = errno;
	}
	if (fclose(s->f) != 0 && ok) {
		ok = false;
		s->err = errno;
	}
	s->f = NULL;
	sbuf_release(&s->row);
	if (keep && ok)
		return ST_OK;
	cli_out_finish(s->of, false, NULL);
	if (keep)
		return diag_set(d, ST_IO, s->of->path, 0, 0, "cannot write: %s",
				s->err ? strerror(s->err) : "out of memory");
	return ST_OK;
}

/* The progress line: only on a terminal, only once a second has passed. */
struct progress {
	struct timespec start;
	bool shown;
	const char *what;
};

static double elapsed(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void on_progress(void *arg, size_t pass, double done)
{
	struct progress *p = arg;
	char pct[16];

	if (!p->shown && elapsed(&p->start) < 1)
		return;
	p->shown = true;
	fprintf(stderr, "\r%s: pass %zu, %s%% ", p->what, pass, num_grouped(pct, sizeof(pct), done * 100, 0));
	fflush(stderr);
}

struct both {
	struct samples *samples;
	struct progress *progress;
};

static bool both_draw(void *arg, size_t draw, const double *x, const struct option_result *res, size_t n,
		      const struct portfolio *p)
{
	return on_draw(((struct both *)arg)->samples, draw, x, res, n, p);
}

static void both_progress(void *arg, size_t pass, double done)
{
	on_progress(((struct both *)arg)->progress, pass, done);
}

enum status cli_simulate(struct sim_result *s, const struct ctx *ctx, const struct uncertainty *u,
			 const char *samples_path, struct out_file *samples, struct diag *d)
{
	struct samples smp = {.of = samples, .rg = u->ranges, .nr = u->n};
	struct progress prog = {.what = ctx->command};
	struct both both = {&smp, &prog};
	struct sim_hooks hooks = {.arg = &both};
	enum status st;

	clock_gettime(CLOCK_MONOTONIC, &prog.start);
	if (!ctx->quiet && isatty(STDERR_FILENO))
		hooks.progress = both_progress;
	if (samples_path) {
		if (!samples_open(&smp, ctx, samples_path, d))
			return d->code;
		hooks.on_draw = both_draw;
	}
	st = simulate_run(s, &ctx->sc, &ctx->cat, &ctx->a, &ctx->w, u->ranges, u->n, (size_t)u->draws,
			  u->seed, &hooks, d);
	if (st && smp.failed)
		diag_set(d, ST_IO, samples_path, 0, 0, "cannot write: %s", strerror(smp.err));
	if (samples_path && samples_close(&smp, st == ST_OK, d) && !st)
		st = d->code;
	if (prog.shown)
		fprintf(stderr, "\r%*s\r", 40, "");
	return st;
}

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct evaluation e = {0};
	struct uncertainty u = {0};
	struct sim_result s = {0};
	struct out_file samples = {.fd = -1};
	bool samples_left = false; /* a temporary samples file awaits the report */
	struct sbuf out;
	struct run r;
	int rc = 0;

	sbuf_init(&out);
	if (cli_load(ctx, false, &d) || cli_evaluate(&e, ctx, &d) ||
	    cli_uncertainty(&u, ctx, O_RANGE, O_DRAWS, O_SEED, &d))
		goto fail;
	if (ctx->args[O_SAMPLES] && ctx->output && strcmp(ctx->args[O_SAMPLES], ctx->output) == 0) {
		diag_set(&d, ST_INPUT, "--samples", 0, 0, "'%s' is also the --output file", ctx->output);
		goto fail;
	}
	if (cli_simulate(&s, ctx, &u, ctx->args[O_SAMPLES], &samples, &d))
		goto fail;
	samples_left = ctx->args[O_SAMPLES] != NULL;
	cli_run_init(&r, ctx);
	r.current = &e.c;
	report_simulate(&out, ctx->fmt, &r, &(struct sim_report){&u, &s});
	/* the samples replace their file only once the report is out */
	if (cli_emit(ctx, &out, &d))
		goto fail;
	samples_left = false;
	if (ctx->args[O_SAMPLES] && cli_out_finish(&samples, true, &d))
		goto fail;
	cli_print_warnings(ctx, &r);
	goto done;
fail:
	rc = cli_fail(&d);
done:
	if (samples_left)
		cli_out_finish(&samples, false, NULL);
	simulate_release(&s);
	uncertainty_release(&u);
	compare_release(&e);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_simulate = {
	.name = "simulate",
	.run = run,
	.summary = "Monte Carlo over the scenario's ranges: cost quantiles, how often each option is cheapest",
	.usage = "llmtco simulate [--draws N] [--seed N] [--range KEY=LOW..HIGH]... [--samples FILE] [-f table|json|csv|markdown|svg]",
	.opts = simulate_opts,
};
