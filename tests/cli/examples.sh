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
# the CI example passes with a warning as committed, and fails (exit 1)
# with its full report written once the budget is breached
"$bin" check -q -s examples/ci/llm-budget.yaml >/dev/null
rc=$?
if [ $rc -eq 0 ]; then pass=$((pass + 1)); else echo "FAIL check examples/ci/llm-budget.yaml: exit $rc"; fail=$((fail + 1)); fi
"$bin" check -q -s examples/ci/llm-budget.yaml --set workload.requests_per_day=200k -f markdown >/dev/null
rc=$?
if [ $rc -eq 1 ]; then pass=$((pass + 1)); else echo "FAIL check examples/ci/llm-budget.yaml at 200k requests/day: exit $rc, want 1"; fail=$((fail + 1)); fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
