#!/bin/sh
# Runs every libFuzzer harness for SECONDS each, seeded from the fixtures,
# examples and the built-in catalog; a crash leaves its input in
# OUT/crash-* and fails the run.
# usage: tests/fuzz/run.sh BUILD_DIR SECONDS [OUT_DIR]
set -eu
build=$1
secs=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${3:-$(mktemp -d)}
mkdir -p "$out"
seed() { # seed NAME FILE...
	mkdir -p "$out/corpus-$1"
	shift_name=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$out/corpus-$shift_name/$(echo "$f" | tr '/' '_')"
	done
	return 0
}
seed catalog "$src"/data/catalog.yaml "$src"/tests/fixtures/good/catalog*.yaml "$src"/tests/fixtures/bad/catalog-*.yaml \
	"$src"/tests/fuzz/corpus/catalog/*
seed scenario "$src"/data/default-scenario.yaml "$src"/tests/fixtures/good/*.yaml \
	"$src"/tests/fixtures/bad/scenario-*.yaml "$src"/examples/*/*.yaml "$src"/tests/fuzz/corpus/scenario/*
seed import "$src"/tests/fixtures/import/* "$src"/tests/fuzz/corpus/import/*
seed diff "$src"/tests/fixtures/diff/*.json
seed num "$src"/tests/fuzz/corpus/num/*
seed calibrate "$src"/tests/fixtures/calibrate/* "$src"/tests/fuzz/corpus/calibrate/*
fail=0
for h in catalog scenario import diff num calibrate; do
	echo "fuzz_$h: ${secs}s"
	if ! "$build/tests/fuzz/fuzz_$h" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$out/$h-" -print_final_stats=0 \
		"$out/corpus-$h" >"$out/$h.log" 2>&1; then
		echo "FAIL fuzz_$h: see $out/$h.log"
		tail -30 "$out/$h.log"
		fail=$((fail + 1))
	fi
done
echo "$((6 - fail)) passed, $fail failed"
[ $fail -eq 0 ]
