#!/bin/sh
# Output must be byte-identical under a locale whose decimal point is ','.
# usage: locale.sh LLMTCO SOURCE_DIR
set -u
bin=$1
src=$2
cd "$src" || exit 2
if ! locale -a 2>/dev/null | grep -qi '^de_DE.utf-\?8$'; then
	echo "FAIL: locale de_DE.UTF-8 is missing; the README's set-up command generates it"
	echo "0 passed, 1 failed"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0
G="--no-builtin -c tests/fixtures/good/catalog.yaml -s tests/fixtures/good/scenario.yaml"
for args in "compare" "compare -f json" "compare -f csv" "compare -f markdown" \
	"size llama-3.1-70b -p fp8" "size llama-3.1-70b -f json" "catalog list" \
	"catalog list api -f csv" "$G compare -f json --set assumptions.pue=1.25" \
	"compare --input-tokens 1.5B --output-tokens 2.5e8 -f csv" "breakeven -f json" "breakeven" \
	"sweep --points 7 -f csv" "sweep -f svg --points 50" \
	"horizon -s examples/scenarios/horizon-h100-payback.yaml -f csv" "horizon -s examples/scenarios/horizon-h100-payback.yaml --growth 2.5% --every 12" \
	"horizon -s examples/scenarios/horizon-h100-payback.yaml -f svg" "horizon -s examples/scenarios/horizon-h100-payback.yaml -f json --months 12" \
	"--no-builtin -c tests/fixtures/good/catalog.yaml -s tests/fixtures/good/check.yaml check -f markdown" \
	"diff tests/fixtures/diff/old.json tests/fixtures/diff/new.json -f json" \
	"compare -s examples/scenarios/regulated-999.yaml --require availability=0.99999" \
	"compare -s examples/scenarios/tier2-vs-small.yaml -f json" \
	"catalog import litellm tests/fixtures/import/litellm-excerpt.json --as-of 2026-07-24" \
	"simulate -s examples/scenarios/uncertain-70b.yaml --draws 500 -f json" \
	"simulate -s examples/scenarios/uncertain-70b.yaml --draws 500" \
	"simulate -s examples/scenarios/uncertain-70b.yaml --draws 500 -f svg" \
	"sensitivity -s examples/scenarios/uncertain-70b.yaml -f csv" \
	"sensitivity -s examples/scenarios/uncertain-70b.yaml -f svg"; do
	LC_ALL=C "$bin" --today 2026-11-23 $args >"$tmp/c" 2>&1
	LC_ALL=de_DE.UTF-8 "$bin" --today 2026-11-23 $args >"$tmp/de" 2>&1
	if cmp -s "$tmp/c" "$tmp/de"; then
		pass=$((pass + 1))
	else
		echo "FAIL llmtco $args differs under de_DE.UTF-8"
		diff "$tmp/c" "$tmp/de" | head -10
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
