#!/bin/sh
# The Debian package: `cpack -G DEB` builds it from the build tree; it
# unpacks into a scratch root and its llmtco runs from there, with the man
# page, the catalog and the examples in place.
# usage: package.sh BUILD_DIR
set -u
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0
check() { # check DESCRIPTION COMMAND...
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); else echo "FAIL $what"; fail=$((fail + 1)); fi
}
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
	cat "$tmp/cpack.log"
	echo "0 passed, 1 failed"
	exit 1
fi
deb=$(ls "$tmp"/out/*.deb)
check "a .deb is built" test -f "$deb"
check "the package is named llmtco" sh -c "dpkg-deb -f '$deb' Package | grep -qx llmtco"
dpkg-deb -x "$deb" "$tmp/root"
for f in usr/bin/llmtco usr/share/man/man1/llmtco.1 usr/share/llmtco/catalog.yaml \
	usr/share/llmtco/default-scenario.yaml usr/share/doc/llmtco/examples/ci/llm-budget.yaml \
	usr/share/bash-completion/completions/llmtco usr/share/zsh/site-functions/_llmtco; do
	check "the package holds $f" test -f "$tmp/root/$f"
done
(cd / && "$tmp/root/usr/bin/llmtco" -q compare -f json >"$tmp/compare.json" 2>"$tmp/err")
check "the packaged llmtco runs compare from /" grep -q '"cheapest"' "$tmp/compare.json"
check "the packaged catalog validates" "$tmp/root/usr/bin/llmtco" catalog validate "$tmp/root/usr/share/llmtco/catalog.yaml"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
