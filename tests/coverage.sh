#!/bin/sh
# Line coverage of the library (src/util, src/model, src/load, src/report)
# by the whole test suite, per file and in total, with gcc's gcov; fails
# when the total is under MIN percent (default 90).
# usage: tests/coverage.sh [BUILD_DIR [MIN]]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-cov}
min=${2:-90}
CC=gcc cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS=--coverage \
	-DCMAKE_EXE_LINKER_FLAGS=--coverage >/dev/null
build=$(cd "$build" && pwd) # gcov runs from a scratch directory below
cmake --build "$build" -j 2 >/dev/null
if [ "${COVERAGE_REUSE:-}" != 1 ]; then
	find "$build" -name '*.gcda' -delete
	ctest --test-dir "$build" -j 2 >/dev/null || { echo "coverage: the suite failed"; exit 1; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for layer in util model load report; do
	dir=$build/src/$layer/CMakeFiles/llmtco_$layer.dir
	for gcda in "$dir"/*.gcda; do
		[ -f "$gcda" ] || continue
		(cd "$tmp" && gcov -n -o "$dir" "$gcda" 2>/dev/null) |
			awk -v layer="$layer" '/^File /{f=$2; gsub(/\x27/,"",f)} /^Lines executed:/{
				pct=$2; sub(/.*:/,"",pct); sub(/%/,"",pct); split($0,b," of "); n=b[2]+0;
				if (f ~ /\/src\/.*\.c$/) printf "%s %d %d\n", f, int(pct*n/100+0.5), n }'
	done
done | sort -u >"$tmp/lines"
awk -v min="$min" '{ sub(".*/src/", "src/", $1); printf "%6.1f%%  %5d/%-5d %s\n", ($3 ? 100*$2/$3 : 100), $2, $3, $1; hit+=$2; all+=$3 }
	END { t = all ? 100*hit/all : 0; printf "%6.1f%%  %5d/%-5d total (minimum %d%%)\n", t, hit, all, min; exit !(t >= min) }' "$tmp/lines"
