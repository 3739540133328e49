#!/bin/sh
# calibrate end to end: the layer it writes validates, calibrates the
# option it measured when layered with -c (throughput_source measured),
# is written atomically with -o (nothing on failure), reads the same under
# a comma locale, and a repeated shape keeps the later run with a warning.
# usage: calibrate.sh LLMTCO SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
K=tests/fixtures/calibrate
S="--input-tokens 1B --output-tokens 200M"

# each format: calibrate -> validate -> -c compare says measured
# (the option's tp is the measured one: with tp auto a cheaper tp may win)
for run in "vllm $K/vllm-save.json -m llama-3.1-8b -g h100-sxm -p bf16 --tp 1|llama-3.1-8b@h100-sxm:bf16|1" \
	"sglang $K/sglang.jsonl -m llama-3.1-8b -g h100-sxm -p fp8 --tp 1|llama-3.1-8b@h100-sxm:fp8|1" \
	"genai-perf $K/aiperf.json -g h100-sxm -p fp8 --tp 2|llama-3.3-70b@h100-sxm:fp8|2" \
	"trtllm-bench $K/trtllm-bench.json -m llama-3.1-70b -g h100-sxm|llama-3.1-70b@h100-sxm:fp8|2" \
	"llmperf $K/llmperf.json -g a100-80gb -p bf16 --tp 1|llama-3.1-8b@a100-80gb:bf16|1"; do
	args=${run%%|*}
	rest=${run#*|}
	opt=${rest%|*}
	tp=${rest#*|}
	rm -f "$tmp/m.yaml"
	if ! "$bin" calibrate $args -o "$tmp/m.yaml" 2>"$tmp/err"; then
		no "calibrate $args:"; cat "$tmp/err"; continue
	fi
	"$bin" catalog validate "$tmp/m.yaml" >/dev/null 2>&1 || { no "catalog validate of calibrate $args"; continue; }
	"$bin" -c "$tmp/m.yaml" compare --self-host "$opt" --set options.0.self_hosted.tensor_parallel=$tp \
		$S -f json >"$tmp/c.json" 2>/dev/null
	if grep -q '"throughput_source": "measured"' "$tmp/c.json"; then ok; else
		no "calibrate $args -> -c -> compare --self-host $opt is not measured"; fi
	"$bin" calibrate $args >"$tmp/stdout.yaml" 2>/dev/null
	cmp -s "$tmp/m.yaml" "$tmp/stdout.yaml" && ok || no "calibrate $args: -o differs from stdout"
done

# the measured figure is reproduced at the measured shape: the vllm row of
# concurrency 64 at 1024 in, 128 out
"$bin" calibrate vllm $K/vllm-save.json -m llama-3.1-8b -g h100-sxm -p bf16 --tp 1 -o "$tmp/m.yaml"
"$bin" -c "$tmp/m.yaml" size llama-3.1-8b -g h100-sxm -p bf16 --input-per-request 1024 --output-per-request 128 -f json >"$tmp/s.json"
grep -q '"throughput_source": "measured"' "$tmp/s.json" && ok || no "size with the calibrated layer is not measured"

# -o: nothing written on failure
"$bin" calibrate vllm $K/vllm-save.json -o "$tmp/none.yaml" 2>/dev/null
rc=$?
if [ $rc -eq 2 ] && [ ! -e "$tmp/none.yaml" ] && [ -z "$(ls "$tmp" | grep tmp-)" ]; then ok; else
	no "calibrate failing with -o: exit $rc, left $(ls "$tmp")"; fi

# a repeated run (the same file twice) keeps one row and warns; -q silences it
"$bin" calibrate sglang $K/sglang.jsonl $K/sglang.jsonl -m llama-3.1-8b -g h100-sxm -p fp8 --tp 1 >"$tmp/twice.yaml" 2>"$tmp/err"
if [ "$(grep -c '^  - model' "$tmp/twice.yaml")" -eq 2 ] &&
	grep -qF "llmtco: warning: calibrate: 2 runs repeated the shape of an earlier one; the later is kept" "$tmp/err"; then ok; else
	no "repeated runs:"; cat "$tmp/err"; fi
"$bin" -q calibrate sglang $K/sglang.jsonl $K/sglang.jsonl -m llama-3.1-8b -g h100-sxm -p fp8 --tp 1 >/dev/null 2>"$tmp/err"
[ -s "$tmp/err" ] && no "-q calibrate still warns" || ok

# failed requests: the figures count completed ones, and the command says so
sed 's/"failed": 0/"failed": 3/' $K/vllm-save.json >"$tmp/failed.json"
"$bin" calibrate vllm "$tmp/failed.json" -m llama-3.1-8b -g h100-sxm -p bf16 --tp 1 >/dev/null 2>"$tmp/err"
grep -qF "llmtco: warning: calibrate: $tmp/failed.json run at line 1: 3 requests failed; its figures count the completed ones only" "$tmp/err" &&
	ok || { no "failed requests are not reported:"; cat "$tmp/err"; }

# standard input
"$bin" calibrate llmperf - -g a100-80gb -p bf16 --tp 1 <$K/llmperf.json >"$tmp/stdin.yaml" 2>"$tmp/err" &&
	grep -q "output_tokens_per_s: 271.84" "$tmp/stdin.yaml" && ok || { no "calibrate from stdin:"; cat "$tmp/err"; }

# byte-identical under a comma locale
if locale -a 2>/dev/null | grep -qi '^de_DE.utf-\?8$'; then
	LC_ALL=C "$bin" calibrate vllm $K/vllm-append.json -g h100-sxm -p bf16 --tp 1 >"$tmp/c" 2>&1
	LC_ALL=de_DE.UTF-8 "$bin" calibrate vllm $K/vllm-append.json -g h100-sxm -p bf16 --tp 1 >"$tmp/de" 2>&1
	cmp -s "$tmp/c" "$tmp/de" && ok || no "calibrate differs under de_DE.UTF-8"
else
	no "locale de_DE.UTF-8 is missing"
fi
finish
