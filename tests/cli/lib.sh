# lib.sh - the start and end every CLI test script shares. Sourced right
# after `set -u` by a script run as `sh SCRIPT LLMTCO SOURCE_DIR ...`:
# sets bin and src, moves to the source tree, makes a scratch directory
# $tmp removed on exit, and counts checks with ok and no; finish prints
# the tally and fails on any failure (with `nonempty`, also on no check).
bin=$1
src=$2
cd "$src" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL $*"; fail=$((fail + 1)); }
finish() {
	echo "$pass passed, $fail failed"
	[ $fail -eq 0 ] && { [ "${1:-}" != nonempty ] || [ $pass -gt 0 ]; }
}
