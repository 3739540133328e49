#!/bin/sh
# Exit codes and located messages of bad input, and atomic -o.
# usage: errors.sh LLMTCO SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"

# expect CODE 'STDERR SUBSTRING' ARGS...: the exit code, a message on
# stderr, and nothing on stdout for a failure
expect() {
	want_rc=$1
	want_msg=$2
	shift 2
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne "$want_rc" ]; then
		echo "FAIL llmtco $*: exit $rc, want $want_rc"; cat "$tmp/err"; fail=$((fail + 1)); return
	fi
	if [ -n "$want_msg" ] && ! grep -qF -- "$want_msg" "$tmp/err"; then
		echo "FAIL llmtco $*: stderr lacks '$want_msg':"; cat "$tmp/err"; fail=$((fail + 1)); return
	fi
	if [ "$want_rc" -ne 0 ] && [ "$want_rc" -ne 1 ] && [ -s "$tmp/out" ]; then
		echo "FAIL llmtco $*: wrote to stdout on failure"; fail=$((fail + 1)); return
	fi
	pass=$((pass + 1))
}

B=tests/fixtures/bad
expect 2 "unknown command 'compre' (did you mean 'compare'?)" compre
expect 2 "--fromat: unknown option (did you mean '--format'?)" compare --fromat json
expect 2 "--format: unknown format 'jsn'; use table, json, csv, markdown or svg (did you mean 'json'?)" compare -f jsn
expect 2 "--set: needs a value" compare --set
expect 2 "--set workload.peak_to_average=abc: 'peak_to_average' must be a finite number, got 'abc'" compare --set workload.peak_to_average=abc
expect 2 "--set workload.peak_to_average=nan: 'peak_to_average' must be a finite number, got 'nan'" compare --set workload.peak_to_average=nan
expect 2 "--input-tokens workload.input_tokens_per_month=1e400: 'input_tokens_per_month' must be a finite number" compare --input-tokens 1e400
expect 2 "--set assumptions.enginer_fte=1: unknown key 'enginer_fte' in assumptions (did you mean 'engineering_fte'?)" compare --set assumptions.enginer_fte=1
expect 2 "--set assumptions.target_utilization=0: 'target_utilization' must be > 0 and <= 1 (a fraction: write 0.5 or 50%), got 0" compare --set assumptions.target_utilization=0
expect 2 "--set assumptions.min_replicas=1.5: 'min_replicas' must be a whole number, got 1.5" compare --set assumptions.min_replicas=1.5
expect 2 "--set catalog.gpus.h100-sxn.purchase_price=1: unknown gpu 'h100-sxn' (did you mean 'h100-sxm'?)" compare --set catalog.gpus.h100-sxn.purchase_price=1
expect 2 "--set catalog.gpus.h100-sxm.purchase_prise=1: unknown key 'purchase_prise' (did you mean 'purchase_price'?)" compare --set catalog.gpus.h100-sxm.purchase_prise=1
expect 2 "--set catalog.gpus.h100-sxm.prices.lambda.on_demand.per_gpu_hour=2: lambda has on_demand rows for several instance sizes: name one with .x8, .x1, .x2 after 'on_demand'" compare --set catalog.gpus.h100-sxm.prices.lambda.on_demand.per_gpu_hour=2
expect 2 "--set catalog.gpus.h100-sxm.prices.lamda.on_demand.per_gpu_hour=2: gpu 'h100-sxm' has no price rows of provider 'lamda' (did you mean 'lambda'?)" compare --set catalog.gpus.h100-sxm.prices.lamda.on_demand.per_gpu_hour=2
expect 2 "--set catalog.gpus.h100-sxm.prices.aws.reserved_1y.per_gpu_hour=2: gpu 'h100-sxm' has no aws reserved_1y price row" compare --set catalog.gpus.h100-sxm.prices.aws.reserved_1y.per_gpu_hour=2
expect 2 "--set catalog.api_models.gpt-4o.input_per_mtok=abc: 'input_per_mtok' must be a finite number, got 'abc'" compare --set catalog.api_models.gpt-4o.input_per_mtok=abc
expect 2 "--set catalog.api_modles.gpt-4o.input_per_mtok=1: unknown catalog section 'api_modles' (did you mean 'api_models'?)" compare --set catalog.api_modles.gpt-4o.input_per_mtok=1
expect 0 "" compare -q --set catalog.gpus.h100-sxm.prices.lambda.on_demand.x8.per_gpu_hour=2 --set catalog.gpus.l4.purchase_price=2000
expect 2 "--api gpt-4-o: unknown api model 'gpt-4-o' (did you mean 'gpt-4o'?)" compare --api gpt-4-o
expect 2 "--self-host llama-3.1-70b@h100: unknown gpu 'h100' (did you mean 'h100-sxm'?)" compare --self-host llama-3.1-70b@h100
expect 2 "--self-host llama-3.1-70b: expected MODEL@GPU[:PRECISION[:PRICING[/PROVIDER]]]" compare --self-host llama-3.1-70b
expect 2 "$B/scenario-unknown-assumption.yaml:9:3: unknown key 'enginer_fte' in assumptions (did you mean 'engineering_fte'?)" compare -s $B/scenario-unknown-assumption.yaml
expect 2 "$B/scenario-mixed-forms.yaml:5:3: workload gives both" compare -s $B/scenario-mixed-forms.yaml
expect 2 "$B/catalog-alias-bomb.yaml:8:29: document too large" compare -c $B/catalog-alias-bomb.yaml
expect 2 "$B/catalog-syntax.yaml:6:16: invalid YAML" catalog validate $B/catalog-syntax.yaml
expect 2 "no-such.yaml: cannot read: No such file or directory" compare -s no-such.yaml
expect 2 "size: unknown open model 'llama-3.1-7b' (did you mean 'llama-3.1-8b'?)" size llama-3.1-7b
expect 2 "--precision: unknown precision 'fp9'" size llama-3.1-8b --precision fp9
expect 2 "catalog show: no gpu, api model or open model 'h100-sx' (did you mean 'h100-sxm'?)" catalog show h100-sx
expect 2 "catalog: unknown subcommand 'lst'; use list, show, validate or import (did you mean 'list'?)" catalog lst
expect 2 "--no-builtin: no catalog" compare --no-builtin
expect 2 "--colr: unknown option (did you mean '--color'?); see 'llmtco compare --help'" compare --colr never
expect 2 "--input-tokens workload.input_tokens_per_month=1B: workload gives 'input_tokens_per_month' but not 'output_tokens_per_month'" compare -s examples/scenarios/rag-70b.yaml --input-tokens 1B
expect 2 "--require min_quality_tier=0: 'min_quality_tier' must be >= 1 and <= 3, got 0" compare --require min_quality_tier=0
expect 2 "--require availability=1.5: 'availability' must be > 0 and < 1 (a fraction: write 0.5 or 50%), got 1.5" compare --require availability=1.5
# a fraction like replica_availability: N% reads as N / 100, and stays in (0, 1)
expect 2 "--require availability=150%: 'availability' must be > 0 and < 1 (a fraction: write 0.5 or 50%), got 150%" compare --require availability=150%
expect 2 "--require availability=0%: 'availability' must be > 0 and < 1 (a fraction: write 0.5 or 50%), got 0%" compare --require availability=0%
expect 2 "--require availability=100%: 'availability' must be > 0 and < 1" compare --require availability=100%
expect 2 "$B/scenario-requirement-availability.yaml:8:30: 'availability' must be > 0 and < 1 (a fraction: write 0.5 or 50%), got 150%" compare -s $B/scenario-requirement-availability.yaml
"$bin" -q compare --require availability=0.999 -f json >"$tmp/frac.json"
if "$bin" -q compare --require availability=99.9% -f json | cmp -s - "$tmp/frac.json" &&
	grep -q '"availability": 0.999,' "$tmp/frac.json"; then pass=$((pass + 1))
else echo "FAIL --require availability=99.9% differs from 0.999"; fail=$((fail + 1)); fi
sed 's/150%/99.9%/' $B/scenario-requirement-availability.yaml >"$tmp/avail.yaml"
if "$bin" -q compare -s "$tmp/avail.yaml" -f json | grep -q '"availability": 0.999,'; then pass=$((pass + 1))
else echo "FAIL requirements availability: 99.9% in a file"; fail=$((fail + 1)); fi
expect 2 "--require allowed_providers=openai,antropic: unknown provider 'antropic' in 'allowed_providers' (did you mean 'anthropic'?)" compare --require allowed_providers=openai,antropic
expect 2 "--require availabilty=0.999: unknown key 'availabilty' in requirements (did you mean 'availability'?)" compare --require availabilty=0.999
expect 2 "--require third_party_processing=never: 'third_party_processing' must be one of" compare --require third_party_processing=never
expect 2 "$B/scenario-requirement-provider.yaml:9:31: unknown provider 'antropic'" compare -s $B/scenario-requirement-provider.yaml
expect 2 "--format: svg is for the charts of sweep, breakeven, horizon, simulate and sensitivity" compare -f svg
expect 2 "--points: '1' must be a number from 2 to 100000" sweep --points 1
expect 2 "--from: the range must have --from < --to" sweep --from 5B --to 1B
expect 2 "--api: breakeven needs a self-hosted option too, and --api/--self-host replace the built-in ones; add one: --self-host llama-3.1-70b@h100-sxm" breakeven --api gpt-4o
expect 2 "$B/scenario-overflow-unknown.yaml:9:17: unknown api model 'gpt-4-o' (did you mean 'gpt-4o'?)" compare -s $B/scenario-overflow-unknown.yaml -o "$tmp/never.json"
expect 2 "$B/scenario-hourly-owned.yaml:7:74: 'scaling: hourly' needs rented GPUs" sweep -s $B/scenario-hourly-owned.yaml
expect 2 "$B/scenario-profile-with-peak.yaml:6:20: give 'profile' or 'peak_to_average', not both" check -s $B/scenario-profile-with-peak.yaml
expect 2 "$B/scenario-segment-peak-24.yaml:9:11: option 'self_hosted:llama-3.1-8b@l4:fp8:on_demand~hourly' follows the load hour by hour: without a profile, segment 'bursty' needs a peak_to_average below 24" compare -s $B/scenario-segment-peak-24.yaml -o "$tmp/never.json"
expect 2 "$B/scenario-segment-profile-with-peak.yaml:8:24: give 'profile' or 'peak_to_average', not both" breakeven -s $B/scenario-segment-profile-with-peak.yaml
[ -e "$tmp/never.json" ] && { echo "FAIL -o written on bad hybrid input"; fail=$((fail + 1)); }
G="--no-builtin -c tests/fixtures/good/catalog.yaml"
C="$G -s tests/fixtures/good/check.yaml"
expect 0 "llmtco: check passed with warnings" check $C
expect 0 "llmtco: check passed" check $G -s tests/fixtures/good/scenario.yaml --max-monthly-cost 1M
expect 1 "llmtco: fail: monthly_cost of api:small-api is \$2,464, limit <= \$1,000 (--max-monthly-cost)" check $G -s tests/fixtures/good/scenario.yaml --max-monthly-cost 1000@api:small-api
expect 2 "--max-monthly-cost: unknown option 'api:smal-api' (did you mean 'api:small-api'?)" check $C --max-monthly-cost 1000@api:smal-api
expect 2 "--expect-cheapest: 'selfhosted' must be api, managed, self_hosted or hybrid (did you mean 'self_hosted'?)" check $C --expect-cheapest selfhosted
expect 2 "--min-utilization: level 'error' must be warn or fail" check $C --min-utilization 0.5,error
expect 2 "$B/scenario-threshold-metric.yaml:9:13: 'metric' must be one of" check -s $B/scenario-threshold-metric.yaml
# a range no value is in can only fail: refused, in the file and from --set
expect 2 "$B/scenario-threshold-min-above-max.yaml:9:41: 'min' (10) is above 'max' (5): no monthly_cost could pass" check -s $B/scenario-threshold-min-above-max.yaml
expect 2 "--set thresholds.5.min=80%: 'min' (0.8) is above 'max' (0.5): no utilization could pass" check $G -s tests/fixtures/good/check.yaml --set thresholds.5.max=50% --set thresholds.5.min=80%
expect 0 "" check -q $G -s tests/fixtures/good/check.yaml --set thresholds.5.max=10% -f json
expect 2 "nothing to check" check
expect 0 "" diff tests/fixtures/diff/old.json tests/fixtures/diff/new.json --max-increase 0
expect 1 "diff failed: 4 options above --max-increase 10%" diff tests/fixtures/diff/new.json tests/fixtures/diff/old.json --max-increase 10%
printf '{"options": [\n  {"id": 1,}\n]}' >"$tmp/broken.json"
expect 2 "$tmp/broken.json:2:13: not valid JSON" diff "$tmp/broken.json" tests/fixtures/diff/new.json
expect 2 "tests/fixtures/good/catalog.yaml:1:1: not valid JSON" diff tests/fixtures/good/catalog.yaml tests/fixtures/diff/new.json
printf '{"schema_version": 1}' >"$tmp/other.json"
expect 2 "$tmp/other.json: not a saved 'compare' or 'check' JSON output (no 'options' list)" diff "$tmp/other.json" tests/fixtures/diff/new.json
"$bin" -q horizon --months 3 -f json -o "$tmp/horizon.json"
expect 2 "$tmp/horizon.json: a saved 'horizon' output, not 'compare' or 'check'" diff tests/fixtures/diff/old.json "$tmp/horizon.json" --max-increase 0
expect 2 "--kind: filters the api section, not gpus" catalog list gpus --kind api
# calibrate: every missing or unknown value names its flag or field
K=tests/fixtures/calibrate
expect 2 "calibrate: unknown format 'vlm'; use vllm, sglang, genai-perf, trtllm-bench or llmperf (did you mean 'vllm'?)" calibrate vlm $K/vllm-save.json
expect 2 "calibrate: expected FORMAT FILE...; FORMAT is vllm, sglang, genai-perf, trtllm-bench or llmperf" calibrate vllm
expect 2 "--model: $K/vllm-save.json names model 'meta-llama/Llama-3.1-8B-Instruct', not an open model id of the catalog; give --model ID" calibrate vllm $K/vllm-save.json
expect 2 "--gpu: $K/vllm-append.json does not name the GPU; give --gpu ID" calibrate vllm $K/vllm-append.json
expect 2 "--precision: $K/vllm-append.json does not say the weight precision; give --precision P" calibrate vllm $K/vllm-append.json --gpu h100-sxm
expect 2 "--tp: $K/vllm-append.json does not say the tensor parallelism; give --tp N" calibrate vllm $K/vllm-append.json --gpu h100-sxm -p bf16
expect 2 "--model: $K/sglang.jsonl does not name the model; give --model ID" calibrate sglang $K/sglang.jsonl
expect 2 "--gpu: $K/trtllm-bench.json names GPU 'NVIDIA H100 80GB HBM3', not a gpu id of the catalog; give --gpu ID" calibrate trtllm-bench $K/trtllm-bench.json --model llama-3.1-70b
expect 2 "--model: unknown open model 'llama-3.1-7b' (did you mean 'llama-3.1-8b'?)" calibrate vllm $K/vllm-save.json --model llama-3.1-7b
expect 2 "--gpu: unknown gpu 'h100' (did you mean 'h100-sxm'?)" calibrate vllm $K/vllm-save.json --gpu h100
expect 2 "--precision: unknown precision 'bf61' (did you mean 'bf16'?)" calibrate vllm $K/vllm-save.json --precision bf61
expect 2 "--tp: must be 1, 2, 4 or 8" calibrate vllm $K/vllm-save.json --tp 3
expect 2 "--engine: 'vLLM' must be a lower-case name" calibrate vllm $K/vllm-save.json --engine vLLM
expect 2 "--format: calibrate always writes a catalog layer (YAML)" calibrate vllm $K/vllm-save.json -f json
expect 2 "$K/bad-vllm-embeddings.json: no 'output_throughput' (output tokens per second) in this vllm result" calibrate vllm $K/bad-vllm-embeddings.json -m llama-3.1-8b -g h100-sxm -p bf16 --tp 1
expect 2 "$K/bad-genai-perf-no-isl.json: no 'input_sequence_length.avg' (input tokens per request) in this genai-perf result" calibrate genai-perf $K/bad-genai-perf-no-isl.json
expect 2 "$K/bad-sglang-truncated.jsonl:2:201: not valid JSON" calibrate sglang $K/bad-sglang-truncated.jsonl
expect 2 "$K/bad-trtllm-pp.json: 'world_info.pp_size' is 2" calibrate trtllm-bench $K/bad-trtllm-pp.json
expect 2 "$K/genai-perf.json: no 'output_throughput' (output tokens per second) in this sglang result" calibrate sglang $K/genai-perf.json
expect 2 "no-such.json: cannot read" calibrate vllm no-such.json
if "$bin" calibrate --help >"$tmp/out" 2>&1 && grep -q "^usage: llmtco calibrate vllm|sglang|genai-perf|trtllm-bench|llmperf FILE" "$tmp/out" &&
	grep -q -- "--tp N  *tensor parallelism" "$tmp/out" && "$bin" --help | grep -q "^  calibrate "; then
	pass=$((pass + 1))
else echo "FAIL calibrate --help / llmtco --help lacks calibrate"; fail=$((fail + 1)); fi
expect 2 "--as-of: '2026-99-99' must be a date YYYY-MM-DD" catalog import litellm tests/fixtures/import/litellm-excerpt.json --as-of 2026-99-99
printf 'workload: {input_tokens_per_month: 1B, output_tokens_per_month: 1B}\noptions: [{api: gpt-4o}]\nthresholds:\n  - {metric: cheapest_kind, option: "api:gpt-4o", equals: api}\n' >"$tmp/t.yaml"
expect 2 "$tmp/t.yaml:4:37: metric 'cheapest_kind' is about the cheapest option; it takes no 'option'" check -s "$tmp/t.yaml"
expect 2 "--set thresholds.0.max=5: missing required key 'metric' in threshold" check --set thresholds.0.max=5
# fractions take N%; a bare number above 1 is not a percentage
expect 2 "--min-utilization: '50' must be a fraction from 0 to 1 or a percentage (0.5 or 50%)" check --min-utilization 50
expect 1 "utilization" check --min-utilization 50%
expect 0 "" compare --set workload.cached_input_fraction=50% --set assumptions.target_utilization=75%
expect 2 "--set assumptions.target_utilization=150%: 'target_utilization' must be > 0 and <= 1" compare --set assumptions.target_utilization=150%
printf 'workload: {input_tokens_per_month: 1B, output_tokens_per_month: 1B}\noptions: [{self_hosted: {model: llama-3.1-8b, gpu: l4}}]\nthresholds:\n  - {metric: utilization, min: 50}\n' >"$tmp/u.yaml"
expect 2 "$tmp/u.yaml:4:32: 'min' must be >= 0 and <= 1 (a fraction: write 0.5 or 50%), got 50" check -s "$tmp/u.yaml"
printf 'workload: {input_tokens_per_month: 1B, output_tokens_per_month: 1B}\noptions: [{self_hosted: {model: llama-3.1-8b, gpu: l4}}]\nthresholds:\n  - {metric: utilization, min: 1%%}\n' >"$tmp/u.yaml"
expect 0 "check passed" check -s "$tmp/u.yaml"
# a command's option before the command; flags named instead of the built-in scenario
expect 2 "--max-monthly-cost: is an option of 'check', not a global one: put it after the command ('llmtco check --max-monthly-cost 5k')" --max-monthly-cost 5k check
expect 2 "--set enginering_fte=0.5: unknown key 'enginering_fte' (did you mean 'assumptions.engineering_fte'?)" compare --set enginering_fte=0.5
expect 2 "--requests-per-day workload.requests_per_day=10k: the requests form needs 'input_tokens_per_request' (--input-per-request N)" compare --requests-per-day 10k
expect 2 "--set options.0.self_hosted.precision=fp9: an option has exactly one of" compare --set options.0.self_hosted.precision=fp9
expect 2 "--self-host: breakeven needs a hosted option too" breakeven --self-host llama-3.1-8b@l4
# stale prices: one summary line, the list with -v
"$bin" compare --today 2026-11-29 >/dev/null 2>"$tmp/err"
"$bin" compare --today 2026-11-29 -v >/dev/null 2>"$tmp/err-v"
n_stale=$(grep -c 'is dated' "$tmp/err-v")
if [ "$(grep -c warning "$tmp/err")" -eq 1 ] && [ "$n_stale" -gt 1 ] &&
	grep -qF "llmtco: warning: $n_stale catalog prices are older than 180 days, the oldest catalog.api_models.together-llama-3.1-70b (2025-07-03); refresh with 'llmtco catalog import'" "$tmp/err"; then
	pass=$((pass + 1))
else echo "FAIL stale price summary:"; cat "$tmp/err" "$tmp/err-v"; fail=$((fail + 1)); fi
expect 2 "--format: a CSV file holds one table: name the section" catalog list -f csv
expect 2 "--sort: 'price' must be cost or id" compare --sort price
# --help wins over any other mistake; --version anywhere prints the version
if "$bin" compare --help --nonsense >"$tmp/out" 2>&1 && grep -q "^usage: llmtco compare" "$tmp/out" &&
	"$bin" compare --version >"$tmp/out" && grep -q "^llmtco [0-9]" "$tmp/out" && [ "$(wc -l <"$tmp/out")" -eq 1 ]; then
	pass=$((pass + 1))
else echo "FAIL compare --help --nonsense / compare --version"; fail=$((fail + 1)); fi
expect 0 "" help help
expect 0 "" compare --help
expect 0 "" --version

# -o: nothing written when the command fails; exit 3 when the target cannot
# be written; the same bytes as stdout when it succeeds
for bad in "--set workload.peak_to_average=0" "--require availability=1" "--require allowed_providers=opnai"; do
	"$bin" compare -f json -o "$tmp/bad.json" $bad 2>/dev/null
	rc=$?
	if [ $rc -ne 2 ] || [ -e "$tmp/bad.json" ]; then
		echo "FAIL -o on bad input ($bad): exit $rc, file left: $(ls "$tmp")"; fail=$((fail + 1))
	else pass=$((pass + 1)); fi
done
expect 3 "$tmp/missing/dir/out.json: cannot write: No such file or directory" compare -f json -o "$tmp/missing/dir/out.json"
"$bin" -q compare -f csv -o "$tmp/ok.csv" && "$bin" -q compare -f csv >"$tmp/stdout.csv"
if ! cmp -s "$tmp/ok.csv" "$tmp/stdout.csv" || [ -n "$(ls "$tmp" | grep tmp-)" ]; then
	echo "FAIL -o differs from stdout or left a temporary file"; fail=$((fail + 1))
else pass=$((pass + 1)); fi
if [ -w /dev/full ]; then
	expect 3 "/dev/full: cannot write: No space left on device" compare -o /dev/full
	"$bin" compare >/dev/full 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 3 ]; then echo "FAIL writing to a full stdout: exit $rc"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
fi

# check writes its full report even when it fails
"$bin" check $G -s tests/fixtures/good/scenario.yaml --max-monthly-cost 1 -q -f markdown -o "$tmp/report.md"
rc=$?
if [ $rc -eq 1 ] && grep -q "llmtco check: failed" "$tmp/report.md" && grep -q "^| FAIL | monthly_cost" "$tmp/report.md"; then
	pass=$((pass + 1))
else echo "FAIL check -o on a breach: exit $rc"; fail=$((fail + 1)); fi

# a table wider than 32 columns (one per option in sweep)
apis=$("$bin" catalog list api -f csv | sed -n '2,40p' | cut -d, -f1 | sed 's/^/--api /' | tr '\n' ' ')
if timeout 20 "$bin" -q sweep --points 3 $apis >"$tmp/wide.txt" && [ "$(head -1 "$tmp/wide.txt" | wc -w)" -gt 35 ]; then
	pass=$((pass + 1))
else echo "FAIL sweep table with 39 options"; fail=$((fail + 1)); fi

# option shortcuts on a scenario that has no options yet
printf 'workload:\n  input_tokens_per_month: 1B\n  output_tokens_per_month: 1B\n' >"$tmp/w.yaml"
if "$bin" compare -s "$tmp/w.yaml" --api gpt-4o --self-host llama-3.1-8b@l4 -f csv >"$tmp/opts.csv" &&
	[ "$(grep -c '^api:gpt-4o,\|^self_hosted:llama-3.1-8b@l4:bf16:on_demand,' "$tmp/opts.csv")" -eq 2 ]; then
	pass=$((pass + 1))
else echo "FAIL --api/--self-host on a scenario without options"; fail=$((fail + 1)); fi

# -o keeps the mode of the file it replaces, and honours the umask for a new one
printf x >"$tmp/mode.csv" && chmod 644 "$tmp/mode.csv"
"$bin" -q compare -f csv -o "$tmp/mode.csv" && (umask 027 && "$bin" -q compare -f csv -o "$tmp/new.csv")
if [ "$(stat -c %a "$tmp/mode.csv")" = 644 ] && [ "$(stat -c %a "$tmp/new.csv")" = 640 ]; then
	pass=$((pass + 1))
else echo "FAIL -o file modes: $(stat -c %a "$tmp/mode.csv") $(stat -c %a "$tmp/new.csv")"; fail=$((fail + 1)); fi

# horizon: ranges, the lead time, owned options it cannot cost; nothing written
H=examples/scenarios/horizon-h100-payback.yaml
HG="--no-builtin -c tests/fixtures/good/catalog.yaml"
expect 2 "--months horizon.months=0: 'months' must be from 1 to 120, not 0" horizon -s $H --months 0
expect 2 "--months horizon.months=121: 'months' must be from 1 to 120, not 121" horizon -s $H --months 121
expect 2 "--growth horizon.volume_growth_per_month=-101%: 'volume_growth_per_month' must be at least -1 (-100%)" horizon -s $H --growth -101%
expect 2 "--growth horizon.volume_growth_per_month=5 percent: 'volume_growth_per_month' must be a number or a percentage such as 5%" horizon -s $H --growth "5 percent"
expect 2 "--lead-time horizon.purchase_lead_time_months=36: 'purchase_lead_time_months' (36) must be at most months - 1 (35)" horizon -s $H --lead-time 36
expect 2 "$B/scenario-horizon-lead-time.yaml:10:30: 'purchase_lead_time_months' (12) must be at most months - 1 (11)" horizon -s $B/scenario-horizon-lead-time.yaml
expect 2 "tests/fixtures/horizon/owned-no-price.yaml:6:5: option 'self_hosted:model-8b@gpu-b:bf16:owned' is owned but gpu 'gpu-b' has no purchase_price" $HG horizon -s tests/fixtures/horizon/owned-no-price.yaml
expect 2 "--self-host: option 'self_hosted:model-8b@gpu-c:bf16:owned' waits 2 months for its GPUs but gpu 'gpu-c' has no on_demand price row" $HG -c tests/fixtures/horizon/spot-only.yaml -s tests/fixtures/good/scenario.yaml horizon --self-host model-8b@gpu-c:bf16:owned --lead-time 2
expect 2 "--every: '0' must be a number from 1 to 36" horizon -s $H --every 0
# model.md 9: growth may not take a month past the volume compare accepts,
# refused up front rather than sizing ever larger fleets for minutes
HL=tests/fixtures/horizon/growth-past-limit.yaml
expect 2 "--growth horizon.volume_growth_per_month=100%: 'volume_growth_per_month' grows 600M tokens a month past the limit of 1e+18 in month 32 of 44: keep to 31 months at this growth, or grow at most 63.85% a month over 44 months" horizon --growth 100% --months 44
expect 2 "--set horizon.volume_growth_per_month=5: 'volume_growth_per_month' grows 600M tokens a month past the limit of 1e+18 in month 13 of 36" horizon --set horizon.volume_growth_per_month=5
expect 2 "$HL:11:28: 'volume_growth_per_month' grows 6B tokens a month past the limit of 1e+18 in month 86 of 120: keep to 85 months at this growth, or grow at most 17.24% a month over 120 months" horizon -s $HL
expect 2 "$HL:11:28: 'volume_growth_per_month' grows 6B tokens a month past the limit of 1e+18 in month 86 of 120" check -s $HL --max-horizon-cost 1T
expect 0 "" -q horizon -s $HL --months 85 -f csv
expect 0 "" -q horizon --growth 63.85% --months 44 -f csv
expect 2 "--mnths: unknown option (did you mean '--months'?)" horizon --mnths 12
rm -f "$tmp/h.out"
"$bin" horizon -s $H --months 200 -o "$tmp/h.out" 2>/dev/null
if [ -e "$tmp/h.out" ]; then echo "FAIL horizon --months 200 -o wrote a file"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
# help, like every output, fails loudly on a full disk
if [ -w /dev/full ]; then
	for args in "--help" "compare --help" "compare"; do
		"$bin" $args >/dev/full 2>"$tmp/err"
		rc=$?
		if [ $rc -eq 3 ] && grep -q "stdout: cannot write" "$tmp/err"; then
			pass=$((pass + 1))
		else echo "FAIL llmtco $args >/dev/full: exit $rc"; fail=$((fail + 1)); fi
	done
fi

# a file size limit fails the write with exit 3 and leaves no temporary file
rm -f "$tmp"/big.json*
(ulimit -f 1 && "$bin" -q catalog list -f json -o "$tmp/big.json") 2>"$tmp/err"
rc=$?
if [ $rc -eq 3 ] && grep -q "big.json: cannot write" "$tmp/err" && [ -z "$(ls "$tmp" | grep big.json)" ]; then
	pass=$((pass + 1))
else echo "FAIL -o past ulimit -f: exit $rc, left: $(ls "$tmp" | grep big.json)"; fail=$((fail + 1)); fi

# -o and --samples through symlinks: a link to a descriptor (as
# /dev/stdout is) is written through, a link to a file keeps the link and
# replaces its target, a link to nothing creates the target
ln -s /proc/self/fd/1 "$tmp/out-link"
"$bin" -q compare -f csv -o "$tmp/out-link" >"$tmp/via-fd.csv"
"$bin" -q simulate --draws 3 --range factor.volume=1..2 --samples "$tmp/out-link" -o /dev/null >"$tmp/via-fd-s.csv"
if [ -L "$tmp/out-link" ] && head -1 "$tmp/via-fd.csv" | grep -q '^id,kind,' && head -1 "$tmp/via-fd-s.csv" | grep -q '^draw,'; then
	pass=$((pass + 1))
else echo "FAIL -o/--samples through a link to a descriptor replaced the link or wrote nothing"; fail=$((fail + 1)); fi
echo old >"$tmp/target.csv"
ln -s target.csv "$tmp/file-link"
ln -s absent.csv "$tmp/dangling-link"
"$bin" -q compare -f csv -o "$tmp/file-link" && "$bin" -q compare -f csv -o "$tmp/dangling-link"
if [ -L "$tmp/file-link" ] && head -1 "$tmp/target.csv" | grep -q '^id,kind,' && [ -L "$tmp/dangling-link" ] &&
	head -1 "$tmp/absent.csv" | grep -q '^id,kind,'; then
	pass=$((pass + 1))
else echo "FAIL -o through a link to a file: the link or its target is wrong"; fail=$((fail + 1)); fi
# a report that cannot be written leaves the old samples in place
echo old >"$tmp/keep.csv"
"$bin" -q simulate --draws 5 --range factor.volume=1..2 --samples "$tmp/keep.csv" -o "$tmp/no/such/dir.json" 2>"$tmp/err"
rc=$?
if [ $rc -eq 3 ] && [ "$(cat "$tmp/keep.csv")" = old ] && [ -z "$(ls "$tmp" | grep 'keep.csv.tmp')" ]; then
	pass=$((pass + 1))
else echo "FAIL simulate with an unwritable -o: exit $rc, samples $(head -c 20 "$tmp/keep.csv")"; fail=$((fail + 1)); fi
# a signal during a run removes the temporary samples file
"$bin" -q simulate --draws 10000000 --range factor.volume=1..2 --samples "$tmp/sig.csv" -o "$tmp/sig.json" &
pid=$!
sleep 1
kill -TERM $pid
wait $pid
if [ -z "$(ls "$tmp" | grep 'sig\.')" ]; then pass=$((pass + 1)); else echo "FAIL a signal left $(ls "$tmp" | grep 'sig\.')"; fail=$((fail + 1)); fi

# control characters from input never reach the terminal raw
"$bin" compare --api "$(printf 'gpt\033[31m')" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "unknown api model 'gpt?\[31m'" "$tmp/err" && ! grep -q "$(printf '\033')" "$tmp/err"; then
	pass=$((pass + 1))
else echo "FAIL control characters in a message: exit $rc"; cat -v "$tmp/err"; fail=$((fail + 1)); fi

# ranges, draws and pairs (model.md 8)
expect 2 "--range: unknown key 'assumptions.enginering_fte' (did you mean 'assumptions.engineering_fte'?)" simulate --range assumptions.enginering_fte=0.1..0.5
expect 2 "--range: 'factor.gpu_price': low 2 is above high 1" simulate --range factor.gpu_price=2..1
expect 2 "--range: 'assumptions.max_batch' is a whole number and cannot vary" sensitivity --range assumptions.max_batch=1..2
expect 2 "--range: 'assumptions.kv_cache_precision' is a name, not a number, and cannot vary" simulate --range assumptions.kv_cache_precision=1..2
expect 2 "--range: 'x' in 'factor.volume=p10:1..p90:x' is not a number" simulate --range factor.volume=p10:1..p90:x
expect 2 "--range: 'factor.volume': p10 must be > 0" simulate --range factor.volume=p10:0..p90:2
# 2^53 + 1 would silently become 2^53
expect 2 "--seed: '9007199254740993' must be a whole number from 0 to 2^53" simulate --seed 9007199254740993 --draws 2
printf 'schema_version: 1\nworkload: {input_tokens_per_month: 1B, output_tokens_per_month: 1B}\noptions: [api: gpt-4o]\nuncertainty:\n  seed: 9007199254740993\n' >"$tmp/seed.yaml"
expect 2 "$tmp/seed.yaml:5:9: 'seed' must be a whole number from 0 to 2^53" simulate -s "$tmp/seed.yaml" --draws 2
# bounds outside the key's valid range: the limits --set applies (model.md 8)
expect 2 "--range: 'assumptions.target_utilization': low must be > 0 and <= 1 (a fraction: write 0.5 or 50%), got 2" simulate --range assumptions.target_utilization=2..3 -o "$tmp/out-of-range.json"
if [ -e "$tmp/out-of-range.json" ]; then echo "FAIL simulate wrote -o for a range outside its key's"; fail=$((fail + 1)); fi
expect 2 "--range: 'assumptions.target_utilization': low must be > 0 and <= 1 (a fraction: write 0.5 or 50%), got -0.5" simulate --range assumptions.target_utilization=-0.5..-0.4
expect 2 "--range: 'assumptions.engineering_fte': high must be >= 0 and <= 10000, got 1e+300" simulate --range assumptions.engineering_fte=0.1..1e300
expect 2 "--range: 'workload.requests_per_day': low must be >= 0 and <= 100000000000000, got -5" simulate -s examples/scenarios/rag-70b.yaml --range workload.requests_per_day=-5..3M
expect 2 "--range: 'assumptions.depreciation_months': low must be > 0 and <= 1200, got -1" simulate --range assumptions.depreciation_months=-1..-1
expect 2 "--range: 'assumptions.hours_per_month': low must be > 0 and <= 744, got -1" simulate --range assumptions.hours_per_month=-1..-1
expect 2 "--range: 'assumptions.bandwidth_efficiency': low must be > 0 and <= 1 (a fraction: write 0.5 or 50%), got -1" simulate --range assumptions.bandwidth_efficiency=-1..-1
expect 2 "--range: 'assumptions.target_utilization': high must be > 0 and <= 1 (a fraction: write 0.5 or 50%), got 2" sensitivity --range assumptions.target_utilization=0.1..0.5..2
expect 2 "--range: 'assumptions.target_utilization': p90 must be > 0 and <= 1 (a fraction: write 0.5 or 50%), got 2" simulate --range assumptions.target_utilization=p10:0.1..p90:2
expect 2 "--range: 'assumptions.pue': low must be >= 1 and <= 10, got 0.5" simulate --range assumptions.pue=0.5..2
# a lognormal whose lowest draws would underflow to 0 for a key that cannot be 0
expect 2 "--range: 'factor.volume': p10 1e-300 and p90 1e+300 are too far apart: the lowest draws would be 0, which 'factor.volume' cannot be" simulate --range factor.volume=p10:1e-300..p90:1e300
# shares as percentages, as --set takes them; not for other keys
expect 0 "" simulate -q --draws 10 --range assumptions.target_utilization=10%..50% --range workload.cached_input_fraction=p10:10%..p90:50%
expect 2 "--range: '10%' in 'factor.volume=10%..50%' is not a number" simulate --range factor.volume=10%..50%
# model.md 7.1: a profile sets the peak, so peak_to_average cannot vary under one
expect 2 "--range: 'workload.peak_to_average' cannot vary: the workload's profile sets the peak" simulate -s examples/scenarios/bursty-chat-hybrid.yaml --range workload.peak_to_average=1..3 -o "$tmp/peak.json"
if [ -e "$tmp/peak.json" ]; then echo "FAIL simulate wrote -o for a refused range"; fail=$((fail + 1)); fi
expect 2 "--range: 'workload.peak_to_average' cannot vary" sensitivity -s examples/scenarios/bursty-chat-hybrid.yaml --range workload.peak_to_average=1..3
expect 2 "--range: 'workload.peak_to_average' cannot vary" check -s examples/scenarios/bursty-chat-hybrid.yaml --range workload.peak_to_average=1..3 --min-probability-cheapest 0.5
expect 2 "scenario-uncertainty-peak-with-profile.yaml:12:5: 'workload.peak_to_average' cannot vary" sensitivity -s $B/scenario-uncertainty-peak-with-profile.yaml
expect 2 "--draws: '0' must be a number from 1 to 10M" simulate --draws 0
expect 2 "--draws: '1.5' must be a whole number" simulate --draws 1.5
expect 2 "--seed: '-1' must be a whole number from 0 to 2^53" simulate --seed -1
expect 2 "--pair: 'api:gpt-4o': expected HOSTED_ID,SELF_HOSTED_ID" sensitivity --pair api:gpt-4o
expect 2 "--pair: unknown option 'api:gpt4o' (did you mean 'api:gpt-4o'?)" sensitivity --pair api:gpt4o,self_hosted:llama-3.1-70b@h100-sxm:fp8:on_demand
expect 2 "--pair: 'self_hosted:llama-3.1-70b@h100-sxm:fp8:on_demand' is not a hosted option" sensitivity --pair self_hosted:llama-3.1-70b@h100-sxm:fp8:on_demand,api:gpt-4o
for f in $B/scenario-uncertainty-*.yaml; do
	want=$(sed -n '1s/^# expect: \([0-9]*:[0-9]*\) \(.*\)$/\1: \2/p' "$f")
	expect 2 "$f:$want" simulate -s "$f"
done
expect 2 "--range: only min_probability_cheapest runs the simulation" check --range factor.volume=1..2 --max-monthly-cost 1M
expect 2 "--min-probability-cheapest: '1.5' must be a fraction from 0 to 1" check --min-probability-cheapest 1.5
expect 2 "--min-probability-cheapest: unknown option 'api:gpt4o' (did you mean 'api:gpt-4o'?)" check --min-probability-cheapest 0.8@api:gpt4o
expect 2 "--min-probability-cheapest: unknown option 'portfolio'" check --min-probability-cheapest 0.8@portfolio
printf 'schema_version: 1\nworkload: {input_tokens_per_month: 1B, output_tokens_per_month: 100M}\noptions: [{api: gpt-4o}]\nthresholds:\n  - metric: min_probability_cheapest\n    max: 0.8\n' >"$tmp/prob.yaml"
expect 2 "prob.yaml:6:10: metric 'min_probability_cheapest' takes 'min'" check -s "$tmp/prob.yaml"
# --samples that cannot be written is a runtime error, and -o stays unwritten
expect 3 "/nonexistent/dir/s.csv: cannot write" simulate --draws 10 --samples /nonexistent/dir/s.csv -o "$tmp/sim.json"
if [ -e "$tmp/sim.json" ]; then echo "FAIL simulate wrote -o after --samples failed"; fail=$((fail + 1)); fi

# breakeven refuses a product of pairs it cannot solve in time, before
# allocating them
many=""
for m in $("$bin" catalog list api -f csv | sed -n '2,200p' | cut -d, -f1); do many="$many --api $m"; done
for g in h100-sxm a100-80gb l4 l40s h200 b200; do for p in on_demand spot reserved_1y reserved_3y owned; do
	for pr in bf16 fp8 int4 int8; do many="$many --self-host llama-3.1-8b@$g:$pr:$p"; done
done; done
expect 2 "pairs; breakeven solves at most 10000: give fewer options" -q breakeven $many

# a pair that never breaks even but has windows up to an enormous volume:
# the window search stops at its budget and says so, instead of walking
# 20M replica steps per pair
if timeout 60 "$bin" -q breakeven --api gpt-4o-mini --api gpt-4o --self-host llama-3.1-8b@l4:int4 \
	--self-host llama-3.1-8b@h100-sxm:int4 --set assumptions.api_fixed_per_month=1e12 -f json >"$tmp/be.json" &&
	grep -q '"windows_truncated": true' "$tmp/be.json"; then
	pass=$((pass + 1))
else echo "FAIL breakeven window budget"; fail=$((fail + 1)); fi

finish
