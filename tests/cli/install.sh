#!/bin/sh
# `cmake --install` puts in place every file the man page's FILES section
# lists (read from the page itself, so the two cannot drift apart), and the
# installed completion scripts are the ones the program generates.
# usage: install.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0
if ! cmake --install "$build" --prefix "$tmp/usr" >"$tmp/install.log" 2>&1; then
	cat "$tmp/install.log"
	echo "0 passed, 1 failed"
	exit 1
fi
# the .I lines of the FILES section, unescaped: /usr/... paths, maybe globs
paths=$(sed -n '/^\.SH FILES/,/^\.SH /p' "$src/docs/llmtco.1" | sed -n 's/^\.I \(\/usr\/.*\)$/\1/p' | sed 's/\\-/-/g')
n=0
for p in $paths; do
	n=$((n + 1))
	# shellcheck disable=SC2086 # a glob in the page expands here
	set -- "$tmp"$p
	if [ -e "$1" ]; then pass=$((pass + 1)); else echo "FAIL the man page lists $p, cmake --install did not install it"; fail=$((fail + 1)); fi
done
if [ $n -ge 7 ]; then pass=$((pass + 1)); else echo "FAIL only $n paths read from FILES"; fail=$((fail + 1)); fi
if "$build/llmtco" completion bash | cmp -s - "$tmp/usr/share/bash-completion/completions/llmtco" &&
	"$build/llmtco" completion zsh | cmp -s - "$tmp/usr/share/zsh/site-functions/_llmtco"; then
	pass=$((pass + 1))
else echo "FAIL the installed completion differs from what llmtco generates"; fail=$((fail + 1)); fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
