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
echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
