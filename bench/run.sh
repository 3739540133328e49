#!/bin/sh
# Whole-process benchmarks of llmtco on the built-in catalog: wall time with
# hyperfine (apt-get install hyperfine) and peak resident memory from
# getrusage via GNU time when present (apt-get install time).
# usage: bench/run.sh [BUILD_DIR]   (a Release build: cmake -DCMAKE_BUILD_TYPE=Release)
set -eu
bin=${1:-build}/llmtco
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 2; }
hyperfine -N --warmup 20 --runs 300 --export-markdown bench/last-run.md \
	"$bin compare" \
	"$bin compare -f json" \
	"$bin size llama-3.1-70b --precision fp8" \
	"$bin compare -s examples/scenarios/rag-70b.yaml -f csv" \
	"$bin catalog list"
if [ -x /usr/bin/time ]; then
	for args in "compare" "size llama-3.1-70b --precision fp8"; do
		/usr/bin/time -f "peak RSS %M KiB: llmtco $args" "$bin" $args >/dev/null
	done
fi
