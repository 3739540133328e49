#!/bin/sh
# Golden tests: runs each tests/cli/golden/NAME.cmd (the arguments, one
# line, run from the source tree) and compares stdout with NAME.out byte for
# byte; the command must exit 0, or the code in NAME.rc when there is one.
# UPDATE=1 rewrites the .out files.
# usage: golden.sh LLMTCO SOURCE_DIR
set -u
bin=$1
src=$2
cd "$src" || exit 2
fail=0
pass=0
for cmd in tests/cli/golden/*.cmd; do
	name=${cmd%.cmd}
	args=$(cat "$cmd")
	actual=$(mktemp)
	eval "NO_COLOR= \"$bin\" $args" >"$actual" 2>/dev/null
	rc=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$actual" "$name.out"
	fi
	want=0
	[ -f "$name.rc" ] && want=$(cat "$name.rc")
	if [ $rc -ne "$want" ]; then
		echo "FAIL $name: exit $rc, want $want"
		fail=$((fail + 1))
	elif ! cmp -s "$actual" "$name.out"; then
		echo "FAIL $name: output differs from $name.out"
		diff -u "$name.out" "$actual" | head -40
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	rm -f "$actual"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
