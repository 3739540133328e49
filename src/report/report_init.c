/*
 * report_init.c - the starter scenario `llmtco init` writes: YAML a user
 * edits, every workload and assumption key shown at its default with a
 * comment saying what it means, so the file documents itself. The loader
 * must accept it unchanged (tests/cli/ux.sh runs `compare -s` on it).
 * Writes text only; reads no file.
 */
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "util/num.h"

static const char head[] =
	"# A llmtco scenario, written by `llmtco init`. Every key is shown at its\n"
	"# default: change what differs for you, then run `llmtco compare -s FILE`.\n"
	"# Numbers take k, M, B, T suffixes (500M); fractions also take N% (50%).\n"
	"# The arithmetic: docs/model.md; every flag and key: docs/cli.md.\n"
	"schema_version: 1\n"
	"name: my-workload\n"
	"\n"
	"# model.md section 1. Give the volume in ONE form: tokens per month (as\n"
	"# here), tokens per day (input_tokens_per_day, output_tokens_per_day), or\n"
	"# requests (requests_per_month or requests_per_day with\n"
	"# input_tokens_per_request and output_tokens_per_request). Reasoning\n"
	"# tokens are billed as output: count them in the output volume.\n"
	"workload:\n"
	"  input_tokens_per_month: 500M\n"
	"  output_tokens_per_month: 100M\n"
	"  # requests_per_month: 1M\n"
	"  # input_tokens_per_request: 500\n"
	"  # output_tokens_per_request: 100\n"
	"  cached_input_fraction: 0   # share of input billed at the cached-input price\n"
	"  cache_write_fraction: 0    # share of input written to the prompt cache (cached + written <= 1)\n"
	"  batch_fraction: 0          # share of traffic sent through a batch API\n"
	"  peak_to_average: 1         # peak hourly load / average; self-hosting provisions for the peak\n"
	"  # context_tokens: 2048     # tokens per sequence in the KV cache; default: input + output / 2\n"
	"  #                          # per request when requests are known, else\n"
	"  #                          # assumptions.default_context_tokens\n"
	"  min_output_tokens_per_s_per_user: 0   # decode speed each user needs; 0: no requirement\n"
	"\n"
	"# The options to compare: hosted APIs (`api`), managed open-model\n"
	"# endpoints (`managed`) and self-hosting (`self_hosted`). Ids: `llmtco\n"
	"# catalog list`.\n"
	"options:\n"
	"  - api: gpt-4o\n"
	"  - managed: together-llama-3.1-70b\n"
	"  - self_hosted:\n"
	"      model: llama-3.1-70b\n"
	"      gpu: h100-sxm\n";

static const char tail[] =
	"\n"
	"# What an option must meet before its cost counts (model.md section 10);\n"
	"# excluded options stay in the report with the reason. `llmtco check`\n"
	"# fails when none meets them.\n"
	"# requirements:\n"
	"#   min_quality_tier: 2              # 1 frontier, 2 near-frontier, 3 small\n"
	"#   third_party_processing: forbidden  # or allowed (default): rules out api and managed\n"
	"#   allowed_providers: [openai, anthropic]  # hosted options of other providers are ruled out\n"
	"#   availability: 0.999              # self-hosted spares from replica_availability\n"
	"\n"
	"# Month by month over a horizon for `llmtco horizon` (model.md section 9);\n"
	"# rates take N%. Defaults: 36 months, everything else 0.\n"
	"# horizon:\n"
	"#   months: 36                       # 1-120\n"
	"#   volume_growth_per_month: 4%      # compounding\n"
	"#   api_price_change_per_year: -20%  # hosted per-token prices\n"
	"#   gpu_price_change_per_year: -10%  # rented per-GPU-hour and purchase prices\n"
	"#   discount_rate_per_year: 8%       # for the net present value\n"
	"#   purchase_lead_time_months: 3     # owned GPUs arrive after; on-demand meanwhile\n"
	"\n"
	"# Budget gates for `llmtco check` (exit 1 when a `fail` one is breached).\n"
	"# thresholds:\n"
	"#   - metric: monthly_cost   # of `option`, else of the cheapest option\n"
	"#     max: 20k\n"
	"#     level: fail            # fail | warn\n";

/* "a | b | c" from a name table. */
static void names_line(struct sbuf *out, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sbuf_printf(out, "%s%s", i ? " | " : "", names[i]);
}

void report_init_scenario(struct sbuf *out, const struct assumptions *a)
{
	char v[64];

	sbuf_printf(out, "%s", head);
	sbuf_printf(out, "      precision: %s          # ", precision_names[PREC_BF16]);
	names_line(out, precision_names, PREC_COUNT);
	sbuf_printf(out, "\n      pricing: %s       # ", pricing_names[PRICE_ON_DEMAND]);
	names_line(out, pricing_names, PRICE_COUNT);
	sbuf_printf(out, "\n      # provider: NAME         # that provider's price row (default: the cheapest)\n"
			 "      tensor_parallel: auto    # auto | 1 | 2 | 4 | 8\n"
			 "\n"
			 "# model.md section 4; `llmtco assumptions` lists each with its source.\n"
			 "assumptions:\n");
	for (int k = 0; k < A_COUNT; k++) {
		const struct assumption_spec *s = &assumption_specs[k];
		int width;
		if (s->is_precision)
			snprintf(v, sizeof(v), "%s", precision_names[(int)a->v[k]]);
		else
			num_shortest(v, sizeof(v), a->v[k]);
		width = 34 - (int)strlen(s->name);
		sbuf_printf(out, "  %s: %-*s # %s\n", s->name, width > 1 ? width : 1, v,
			    assumption_meanings[k] ? assumption_meanings[k] : "");
	}
	sbuf_printf(out, "%s", tail);
}
