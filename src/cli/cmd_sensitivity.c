/*
 * cmd_sensitivity.c - `llmtco sensitivity`: one input at a time, the swing
 * of the advantage of self-hosting and the flip point of each input
 * (model.md 8.2); the scenario's ranges and --range, else the defaults.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "util/suggest.h"

enum { O_RANGE, O_PAIR };

static const struct opt sensitivity_opts[] = {
	{"range", 0, true, O_RANGE, "    --range KEY=LOW..HIGH | KEY=LOW..MODE..HIGH | KEY=p10:A..p90:B\n"
				    "                     an input to vary (repeatable; default: the scenario's ranges, else\n"
				    "                     API, GPU price, throughput and volume factors, engineering_fte,\n"
				    "                     target_utilization, peak_to_average)"},
	{"pair", 0, true, O_PAIR, "    --pair A,S       the hosted option A and the self-hosted option S to compare\n"
				  "                     (default: the cheapest of each at base)"},
	{NULL, 0, false, 0, NULL},
};

/* --pair A,S: two scenario options, A hosted and S not. */
static enum status parse_pair(size_t *a, size_t *s, const struct ctx *ctx, const char *value,
			      struct diag *d)
{
	char ids[2][256];
	const char *comma = strchr(value, ',');
	const struct loc at = {"--pair", 0, 0};

	if (!comma || (size_t)(comma - value) >= sizeof(ids[0]) || strlen(comma + 1) >= sizeof(ids[1]))
		return diag_set(d, ST_INPUT, "--pair", 0, 0, "'%s': expected HOSTED_ID,SELF_HOSTED_ID", value);
	memcpy(ids[0], value, (size_t)(comma - value));
	ids[0][comma - value] = '\0';
	strcpy(ids[1], comma + 1);
	for (int k = 0; k < 2; k++) {
		size_t *slot = k ? s : a;
		if (scenario_option_ref(&ctx->sc, ids[k], &at, d))
			return d->code;
		for (size_t i = 0; i < ctx->sc.n_options; i++) {
			if (strcmp(ctx->sc.options[i].id, ids[k]) == 0)
				*slot = i;
		}
		if (sim_is_hosted(ctx->sc.options[*slot].kind) != (k == 0))
			return diag_set(d, ST_INPUT, "--pair", 0, 0, "'%s' is %s option; --pair takes a hosted (api or managed) option, then a self-hosted one",
					ids[k], k ? "a hosted" : "not a hosted");
	}
	return ST_OK;
}

static int run(struct ctx *ctx)
{
	struct diag d = {0};
	struct evaluation e = {0};
	struct uncertainty u = {0};
	struct sens_result s = {0}, ps = {0};
	bool has_ps = false, has_pair = true;
	struct range defaults[8];
	const struct range *inputs;
	size_t n_inputs, a = 0, sh = 0, best = 0;
	struct sbuf out;
	struct run r;
	int rc = 0;

	sbuf_init(&out);
	if (cli_load(ctx, false, &d) || cli_evaluate(&e, ctx, &d) ||
	    cli_uncertainty(&u, ctx, O_RANGE, -1, -1, &d))
		goto fail;
	if (ctx->args[O_PAIR]) {
		if (parse_pair(&a, &sh, ctx, ctx->args[O_PAIR], &d))
			goto fail;
	} else if (!sensitivity_pair(&a, &sh, ctx->sc.options, e.results, ctx->sc.n_options)) {
		/* with segments, the portfolio's analysis may stand alone */
		has_pair = false;
		if (!ctx->sc.n_segments) {
			diag_set(&d, ST_INPUT, ctx->sc.file, 0, 0,
				 "sensitivity needs a feasible hosted option (api or managed) and a feasible self-hosted one");
			goto fail;
		}
	}
	inputs = u.ranges;
	n_inputs = u.n;
	if (n_inputs == 0) {
		n_inputs = sensitivity_defaults(defaults, ctx->sc.given, ctx->sc.has_profile);
		inputs = defaults;
	}
	if (has_pair && sensitivity_run(&s, &ctx->sc, &ctx->cat, &ctx->a, &ctx->w, inputs, n_inputs, a, sh, &d)) {
		if (d.code == ST_INPUT)
			snprintf(d.file, sizeof(d.file), "%s", ctx->args[O_PAIR] ? "--pair" : ctx->sc.file);
		goto fail;
	}
	/* model.md 7.4: the portfolio against the best single option, when
	 * both can run at base */
	if (ctx->sc.n_segments && sensitivity_baseline(&best, e.results, ctx->sc.n_options)) {
		struct diag pd = {0};
		enum status st = sensitivity_run_portfolio(&ps, &ctx->sc, &ctx->cat, &ctx->a, &ctx->w, inputs,
							   n_inputs, best, &pd);
		if (st == ST_IO || (st && !has_pair)) {
			d = pd;
			snprintf(d.file, sizeof(d.file), "%s", ctx->sc.file);
			goto fail;
		}
		has_ps = st == ST_OK;
	}
	if (!has_pair && !has_ps) {
		diag_set(&d, ST_INPUT, ctx->sc.file, 0, 0,
			 "sensitivity needs a feasible hosted option (api or managed) and a feasible self-hosted one, or a feasible portfolio and single option");
		goto fail;
	}
	cli_run_init(&r, ctx);
	r.current = &e.c;
	report_sensitivity(&out, ctx->fmt, &r, has_pair ? &s : NULL, has_ps ? &ps : NULL);
	if (cli_emit(ctx, &out, &d))
		goto fail;
	cli_print_warnings(ctx, &r);
	goto done;
fail:
	rc = cli_fail(&d);
done:
	sensitivity_release(&ps);
	sensitivity_release(&s);
	uncertainty_release(&u);
	compare_release(&e);
	sbuf_release(&out);
	return rc;
}

const struct cmd cmd_sensitivity = {
	.name = "sensitivity",
	.run = run,
	.summary = "one input at a time: how far each moves the advantage of self-hosting, and where it flips",
	.usage = "llmtco sensitivity [--range KEY=LOW..HIGH]... [--pair A,S] [-f table|json|csv|markdown|svg]",
	.opts = sensitivity_opts,
};
