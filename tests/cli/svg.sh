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

# an option ruled out everywhere has no line, and its legend says why; a
# chart of hosted options alone does not speak of replica steps
"$bin" -q -s examples/scenarios/regulated-999.yaml sweep -f svg -o "$tmp/reg.svg"
grep -q 'api:gpt-4o (no line: third_party_forbidden)' "$tmp/reg.svg" && ok || no "sweep svg: no legend note for an excluded option"
"$bin" -q --api gpt-4o --api gpt-4o-mini sweep -f svg -o "$tmp/api.svg"
! grep -q 'step with whole replicas' "$tmp/api.svg" && grep -q 'peak 2x average' "$tmp/api.svg" && ok || no "sweep svg of hosted options speaks of replicas"

# the legend and the lists right of the plot stay inside the chart: an
# 11px line at x holds at most (1100 - x - 8) / 6.2 characters (long ids
# and option labels are cut in the middle to an ellipsis)
cat >"$tmp/long.yaml" <<'YAML'
schema_version: 1
name: long-ids
workload: {input_tokens_per_month: 2B, output_tokens_per_month: 500M, peak_to_average: 2.5}
options:
  - api: gpt-4.1
  - api: claude-haiku-4-5
  - managed: deepinfra-llama-3.3-70b
  - self_hosted: {model: llama-3.3-70b, gpu: h100-sxm, precision: fp8}
  - self_hosted: {model: llama-3.3-70b, gpu: h100-sxm, precision: fp8, pricing: spot}
  - self_hosted: {model: llama-3.3-70b, gpu: h100-sxm, precision: fp8, pricing: owned}
  - hybrid: {self_hosted: {model: llama-3.3-70b, gpu: h100-sxm, precision: fp8, pricing: owned}, overflow: deepinfra-llama-3.3-70b}
YAML
for args in "sweep -f svg" "horizon -f svg"; do
	"$bin" -q -s "$tmp/long.yaml" $args -o "$tmp/long.svg" || { no "llmtco $args on long ids"; continue; }
	over=$(sed 's/\xe2\x80\xa6/~/g; s/&[a-z]*;/~/g' "$tmp/long.svg" |
		awk 'match($0, /^<text x="[0-9]+"[^>]*font-size="11"[^>]*>/) {
			x = substr($0, 10) + 0; t = $0; sub(/^<text[^>]*>/, "", t); sub(/<\/text>$/, "", t)
			if (x > 700 && x + 6.2 * length(t) > 1100 - 8 + 0.001) print x ": " t }')
	[ -z "$over" ] && ok || no "llmtco $args: text past the right edge: $over"
done
# a long scenario name and option ids: the 18px title (11px a character)
# ends inside the chart, and simulate's right-aligned row labels (bold
# 11px, 6.6px a character) start inside it
cat >"$tmp/long2.yaml" <<'YAML'
schema_version: 1
name: a-rather-long-scenario-name-for-the-quarterly-infrastructure-review-of-the-platform-team
workload: {input_tokens_per_month: 2B, output_tokens_per_month: 500M, peak_to_average: 2.5}
options:
  - managed: fireworks-llama-3.1-70b
  - hybrid: {self_hosted: {model: llama-3.1-70b, gpu: a100-40gb, precision: int4}, overflow: fireworks-llama-3.1-70b, replicas: 2}
uncertainty: {draws: 200, ranges: {factor.volume: {p10: 0.5, p90: 2}}}
YAML
for args in "sweep -f svg" "horizon -f svg" "simulate -f svg" "sensitivity -f svg"; do
	"$bin" -q -s "$tmp/long2.yaml" $args -o "$tmp/long2.svg" || { no "llmtco $args on a long name"; continue; }
	over=$(sed 's/\xe2\x80\xa6/~/g; s/&[a-z]*;/~/g' "$tmp/long2.svg" |
		awk 'match($0, /^<text x="[0-9.]+"[^>]*>/) {
			x = substr($0, 10) + 0; t = $0; sub(/^<text[^>]*>/, "", t); sub(/<\/text>$/, "", t)
			if ($0 ~ /font-size="18"/ && x + 11 * length(t) > 1100 - 10 + 0.001) print "title: " t
			if ($0 ~ /text-anchor="end" font-size="11"/ && x - 6.6 * length(t) < 10 - 0.001) print "label: " t }')
	[ -z "$over" ] && ok || no "llmtco $args: text past the edge: $over"
done
finish
