#!/bin/sh
# The charts are valid XML (xmllint) and render to a non-empty PNG
# (rsvg-convert); both tools come with the README's set-up command.
# usage: svg.sh LLMTCO SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
for tool in xmllint rsvg-convert; do
	command -v $tool >/dev/null || { echo "FAIL: $tool is missing; run .ci/bootstrap"; echo "0 passed, 1 failed"; exit 1; }
done
G="--no-builtin -c tests/fixtures/good/catalog.yaml -s tests/fixtures/good/scenario.yaml"
i=0
for args in "breakeven -f svg" "sweep -f svg" "$G breakeven -f svg" "$G sweep -f svg --from 1M --to 1T" \
	"sweep -f svg --linear --from 0 --to 5B --points 300" "sweep -f svg -s examples/scenarios/rag-70b.yaml" \
	"horizon -f svg -s examples/scenarios/horizon-h100-payback.yaml" "horizon -f svg --months 120 --growth 3%" \
	"horizon -f svg -s examples/scenarios/horizon-h100-payback.yaml --api claude-sonnet-4 --api gpt-4.1-mini --months 1 --lead-time 0" \
	"simulate -f svg -s examples/scenarios/uncertain-70b.yaml --draws 1000" "$G simulate -f svg --range factor.volume=p10:0.1..p90:10 --draws 500" \
	"sensitivity -f svg -s examples/scenarios/uncertain-70b.yaml" "$G sensitivity -f svg"; do
	i=$((i + 1))
	if ! "$bin" $args -o "$tmp/$i.svg"; then
		echo "FAIL llmtco $args: exit $?"; fail=$((fail + 1)); continue
	fi
	if ! timeout 60 xmllint --noout "$tmp/$i.svg"; then
		echo "FAIL llmtco $args: not well-formed XML"; fail=$((fail + 1)); continue
	fi
	if ! timeout 60 rsvg-convert "$tmp/$i.svg" -o "$tmp/$i.png" || [ ! -s "$tmp/$i.png" ] ||
		[ "$(head -c 4 "$tmp/$i.png" | od -An -c | tr -d ' ')" != "211PNG" ]; then
		echo "FAIL llmtco $args: does not render to PNG"; fail=$((fail + 1)); continue
	fi
	pass=$((pass + 1))
done
finish
