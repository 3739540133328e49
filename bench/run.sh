#!/bin/sh
# Whole-process benchmarks of llmtco: wall time with hyperfine (apt-get
# install hyperfine) and peak resident memory with GNU time when present
# (apt-get install time). Run on a Release build:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release && cmake --build build-rel
#   bench/run.sh build-rel [SHARED_DATA_DIR]
set -eu
bin=${1:-build}/llmtco
data=${2:-../shared/data}
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 2; }
out=$(mktemp -d)
hyperfine -N --warmup 20 --runs 300 --export-json "$out/core.json" \
	"$bin -q compare" \
	"$bin -q compare -f json" \
	"$bin -q size llama-3.1-70b --precision fp8" \
	"$bin -q breakeven" \
	"$bin -q breakeven -s bench/breakeven-100.yaml -f json" \
	"$bin -q sweep --points 1000 -f csv" \
	"$bin -q sweep -f svg" \
	"$bin -q horizon -s bench/horizon-20.yaml" \
	"$bin -q horizon -s bench/horizon-20.yaml -f json" \
	"$bin -q horizon -s bench/horizon-20.yaml -f csv" \
	"$bin -q horizon -s bench/horizon-20.yaml -f svg"
# simulate: 100,000 draws x 10 options (a million engine evaluations) and
# the exact sensitivity walk (bench/simulate-10.yaml)
hyperfine -N --warmup 1 --runs 5 --export-json "$out/uncertainty.json" \
	"$bin -q simulate -s bench/simulate-10.yaml -f json" \
	"$bin -q sensitivity -s bench/simulate-10.yaml --pair api:gpt-4o,self_hosted:llama-3.1-70b@h100-sxm:fp8:on_demand -f json" \
	"$bin -q simulate -s bench/portfolio-12.yaml --draws 2000 --range factor.gpu_price=0.8..1.2 --range factor.volume=p10:0.5..p90:2 -f json"
if [ -f "$data/litellm/model_prices_and_context_window.json" ]; then
	hyperfine -N --warmup 5 --runs 50 --export-json "$out/import.json" \
		"$bin -q catalog import litellm $data/litellm/model_prices_and_context_window.json --as-of 2026-07-24 -o /dev/null" \
		"$bin -q catalog import genai-prices $data/genai-prices/providers --as-of 2026-08-21 -o /dev/null"
fi
for f in "$out"/*.json; do
	python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-100s median %6.2f ms  mean %6.2f ms  min %6.2f ms" % (r["command"], r["median"]*1e3, r["mean"]*1e3, r["min"]*1e3))' "$f" 2>/dev/null || cat "$f"
done
if [ -x /usr/bin/time ]; then
	for args in "compare" "size llama-3.1-70b --precision fp8" "breakeven -s bench/breakeven-100.yaml" "sweep --points 1000 -f csv" "horizon -s bench/horizon-20.yaml -f json" \
		"simulate -s bench/simulate-10.yaml --draws 10000" "simulate -s bench/simulate-10.yaml" "simulate -s bench/simulate-10.yaml --draws 400000" "simulate -s bench/simulate-10.yaml --draws 1000000"; do
		/usr/bin/time -f "peak RSS %M KiB: llmtco $args" "$bin" -q $args >/dev/null
	done
fi
rm -rf "$out"
