#!/bin/sh
# Every scenario under examples/ runs as is, in every format.
# usage: examples.sh LLMTCO SOURCE_DIR
set -u
bin=$1
src=$2
cd "$src" || exit 2
fail=0
pass=0
for f in examples/scenarios/*.yaml; do
	for fmt in table json csv markdown; do
		if "$bin" compare -q -s "$f" -f "$fmt" >/dev/null; then
			pass=$((pass + 1))
		else
			echo "FAIL llmtco compare -s $f -f $fmt"
			fail=$((fail + 1))
		fi
	done
done
# hybrids and hourly scaling (model.md 7.2, 7.3) run sweep in every format,
# the chart included; portfolios (7.4) run check in every format
for f in $(grep -l 'hybrid:\|scaling: hourly' examples/scenarios/*.yaml); do
	for fmt in table json csv markdown svg; do
		if "$bin" sweep -q --points 12 -s "$f" -f "$fmt" >/dev/null; then
			pass=$((pass + 1))
		else
			echo "FAIL llmtco sweep -s $f -f $fmt"
			fail=$((fail + 1))
		fi
	done
done
for f in $(grep -l 'segments:' examples/scenarios/*.yaml); do
	for fmt in table json csv markdown; do
		"$bin" check -q -s "$f" -f "$fmt" >/dev/null
		rc=$?
		if [ $rc -le 1 ]; then
			pass=$((pass + 1))
		else
			echo "FAIL llmtco check -s $f -f $fmt: exit $rc"
			fail=$((fail + 1))
		fi
	done
done
# scenarios with a horizon run it in every format, the chart included
for f in $(grep -l '^horizon:' examples/scenarios/*.yaml); do
	for fmt in table json csv markdown svg; do
		if "$bin" horizon -q -s "$f" -f "$fmt" >/dev/null; then
			pass=$((pass + 1))
		else
			echo "FAIL llmtco horizon -s $f -f $fmt"
			fail=$((fail + 1))
		fi
	done
done
# scenarios with ranges run simulate and sensitivity in every format
for f in $(grep -l '^uncertainty:' examples/scenarios/*.yaml); do
	for fmt in table json csv markdown svg; do
		for cmd in "simulate --draws 2000" sensitivity; do
			if "$bin" $cmd -q -s "$f" -f "$fmt" >/dev/null; then
				pass=$((pass + 1))
			else
				echo "FAIL llmtco $cmd -s $f -f $fmt"
				fail=$((fail + 1))
			fi
		done
	done
done
# the CI example passes quietly as committed (self-hosting is far off, so
# its breakeven threshold stays silent), warns on breakeven once the API
# price makes self-hosting pay off within 5x of the volume, and fails
# (exit 1) with its full report written once the budget is breached
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" check -s examples/ci/llm-budget.yaml >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -qx "llmtco: check passed" "$tmp/err" && ! grep -q "warn:" "$tmp/err"; then pass=$((pass + 1)); else echo "FAIL check examples/ci/llm-budget.yaml: exit $rc"; cat "$tmp/err"; fail=$((fail + 1)); fi
printf 'schema_version: 1\napi_models:\n  - id: gpt-4.1-mini\n    input_per_mtok: 1.00\n    output_per_mtok: 4.00\n' >"$tmp/dearer.yaml"
"$bin" check -s examples/ci/llm-budget.yaml -c "$tmp/dearer.yaml" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "warn: breakeven_tokens_per_month of api:gpt-4.1-mini is .*, limit >= 17B" "$tmp/err"; then pass=$((pass + 1)); else echo "FAIL check examples/ci/llm-budget.yaml with a dearer API: exit $rc"; cat "$tmp/err"; fail=$((fail + 1)); fi
"$bin" check -q -s examples/ci/llm-budget.yaml --set workload.requests_per_day=200k -f markdown >/dev/null
rc=$?
if [ $rc -eq 1 ]; then pass=$((pass + 1)); else echo "FAIL check examples/ci/llm-budget.yaml at 200k requests/day: exit $rc, want 1"; fail=$((fail + 1)); fi

# compare's CSV by column name: every row (options, segments, the
# portfolio) has the currency under `currency` and a number or nothing
# under `total`; the portfolio's total is the JSON's
for f in examples/scenarios/*.yaml; do
	"$bin" compare -q -s "$f" -f csv >"$tmp/c.csv" || continue
	bad=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$col["currency"] != "USD" || $col["total"] !~ /^([0-9.e+-]*)$/ || $col["feasible"] !~ /^(true|false)$/ { print $1 }' "$tmp/c.csv")
	if [ -z "$bad" ]; then pass=$((pass + 1)); else echo "FAIL $f: compare CSV rows out of their columns: $bad"; fail=$((fail + 1)); fi
	grep -q '^portfolio,' "$tmp/c.csv" || continue
	csv=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "total") t = i; next } $1 == "portfolio" { print $t }' "$tmp/c.csv")
	json=$("$bin" -q compare -s "$f" -f json | tr -d ' \n' | sed 's/.*"portfolio":{"feasible":true,"total":\([0-9.e+-]*\).*/\1/')
	if [ "$csv" = "$json" ]; then pass=$((pass + 1)); else echo "FAIL $f: portfolio total $csv in CSV, $json in JSON"; fail=$((fail + 1)); fi
done

# model.md 10: an option the requirements rule out uses no price, so none
# of its prices is stale; the options that compete still are
"$bin" compare -s examples/scenarios/regulated-999.yaml -f json --today 2030-01-01 2>/dev/null |
	grep -A2 '"code": "stale_price"' | grep '"option"' >"$tmp/stale"
if grep -q 'self_hosted:llama-3.3-70b' "$tmp/stale" && ! grep -q '"api:gpt-4o"\|"managed:together' "$tmp/stale"; then
	pass=$((pass + 1))
else echo "FAIL stale prices of excluded options: $(cat "$tmp/stale")"; fail=$((fail + 1)); fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
