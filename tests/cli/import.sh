#!/bin/sh
# catalog import: golden excerpts, malformed input, and when the shared
# reference data sits beside the repository (as in CI), the whole LiteLLM
# and genai-prices files: counts, spot-checked prices, layering.
# usage: import.sh LLMTCO SOURCE_DIR [SHARED_DATA_DIR]
set -u
. "$(dirname "$0")/lib.sh"
data=${3:-}

F=tests/fixtures/import
# malformed files: exit 2 with the place
"$bin" catalog import litellm $F/litellm-truncated.json >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "$F/litellm-truncated.json:3:1: not valid JSON" "$tmp/err" && [ ! -s "$tmp/out" ] && ok || no "truncated LiteLLM JSON"
"$bin" catalog import genai-prices $F/genai-broken.yml >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "$F/genai-broken.yml:5:1: invalid YAML" "$tmp/err" && ok || no "broken genai-prices YAML"
"$bin" catalog import litelm $F/litellm-excerpt.json 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "unknown format 'litelm'; use litellm or genai-prices (did you mean 'litellm'?)" "$tmp/err" && ok || no "unknown importer"

# excerpts: what is skipped is counted on stderr, unknown fields too
"$bin" catalog import litellm $F/litellm-excerpt.json --as-of 2026-07-24 -o "$tmp/l.yaml" 2>"$tmp/err"
grep -q "imported 6 chat models .* skipped 2: 1 not a chat model, 1 no per-token input and output price" "$tmp/err" &&
	grep -q "79 fields of the imported models have no catalog key and were skipped" "$tmp/err" && ok || no "LiteLLM excerpt summary: $(cat "$tmp/err")"
"$bin" catalog import genai-prices $F/genai-provider.yml --as-of 2026-08-21 -o "$tmp/g.yaml" 2>"$tmp/err"
grep -q "imported 2 chat models .* skipped 2: 1 not a chat model, 1 retired" "$tmp/err" && ok || no "genai excerpt summary: $(cat "$tmp/err")"
# a price keeps its own date; without one (and without --as-of) its date is
# unknown, never the day of the import
"$bin" catalog import genai-prices $F/genai-provider.yml --today 2030-01-01 2>"$tmp/err" >"$tmp/u.yaml"
grep -A16 'id: "example-example-large"' "$tmp/u.yaml" | grep -q "as_of: 2026-07-29" &&
	grep -A10 'id: "example-example-small"' "$tmp/u.yaml" | grep -q "as_of: unknown" &&
	! grep -q "2030-01-01" "$tmp/u.yaml" && grep -q "1 of the imported models have no price date" "$tmp/err" && ok || no "undated genai price"
"$bin" catalog import litellm $F/litellm-excerpt.json 2>/dev/null | grep -q "^    as_of:" && no "LiteLLM excerpt without last_updated got a date" || ok
# the dated price that applies on --as-of is the one imported
grep -A5 'id: "example-example-small"' "$tmp/g.yaml" | grep -q "input_per_mtok: 0.8" && ok || no "dated genai price"
"$bin" catalog validate --no-builtin "$tmp/l.yaml" "$tmp/g.yaml" >/dev/null && ok || no "imported excerpts do not validate"

# a file with no chat model still gives a valid (empty) catalog
printf 'id: empty\nmodels: []\n' >"$tmp/empty.yml"
"$bin" -q catalog import genai-prices "$tmp/empty.yml" -o "$tmp/empty.yaml" &&
	"$bin" catalog validate --no-builtin "$tmp/empty.yaml" >/dev/null && ok || no "empty import"

if [ -z "$data" ] || [ ! -d "$data/litellm" ]; then
	echo "note: no shared reference data at '$data': whole-file checks not run"
else
	L=$data/litellm/model_prices_and_context_window.json
	# 2,171 chat entries carry numeric per-token input and output prices
	# (counted independently with python's json module); 14 of them repeat
	# an id once normalised
	"$bin" catalog import litellm "$L" --as-of 2026-07-24 -o "$tmp/litellm.yaml" 2>"$tmp/err"
	grep -q "imported 2,157 chat models .* 14 an id seen before" "$tmp/err" && ok || no "LiteLLM counts: $(cat "$tmp/err")"
	grep -A8 '^  - id: "gpt-4o"$' "$tmp/litellm.yaml" | tr -d '\n' |
		grep -q 'input_per_mtok: 2.5    output_per_mtok: 10    cached_input_per_mtok: 1.25    batch_discount: 0.5' && ok || no "LiteLLM gpt-4o prices"
	grep -A12 '^  - id: "claude-sonnet-4-20250514"$' "$tmp/litellm.yaml" | grep -q "above_input_tokens: 200000" && ok || no "LiteLLM long context"
	# prompt-cache writes: 1.25x input for Anthropic, base and long context
	grep -A16 '^  - id: "claude-sonnet-4-20250514"$' "$tmp/litellm.yaml" | tr -d '\n' |
		grep -q 'cached_input_per_mtok: 0.3    cache_write_per_mtok: 3.75.*long_context:.*cache_write_per_mtok: 7.5' && ok || no "LiteLLM cache writes"
	# the same run twice gives the same bytes
	"$bin" catalog import litellm "$L" --as-of 2026-07-24 -q | cmp -s - "$tmp/litellm.yaml" && ok || no "LiteLLM import is not deterministic"
	# 1,270 current, priced, non-retired models in providers/*.yml (python,
	# yaml.safe_load); 7 repeat an id
	"$bin" catalog import genai-prices "$data/genai-prices/providers" --as-of 2026-08-21 -o "$tmp/genai.yaml" 2>"$tmp/err"
	grep -q "imported 1,263 chat models .* 7 an id seen before, 2 retired" "$tmp/err" && ok || no "genai-prices counts: $(cat "$tmp/err")"
	"$bin" catalog import genai-prices "$data/genai-prices/data_v2.json" --as-of 2026-08-21 -q -o "$tmp/genai2.yaml" &&
		[ "$(grep -c '^  - id:' "$tmp/genai2.yaml")" -eq 1263 ] && ok || no "genai-prices data_v2.json count"
	grep -A10 '^  - id: "gpt-4o"$' "$tmp/genai.yaml" | tr -d '\n' |
		grep -q 'input_per_mtok: 2.5    output_per_mtok: 10    cached_input_per_mtok: 1.25.*as_of: 2025-07-04' && ok || no "genai-prices gpt-4o"
	[ "$(grep -c '^    cache_write_per_mtok:' "$tmp/genai.yaml")" -gt 10 ] && ok || no "genai-prices cache writes"
	"$bin" catalog validate "$tmp/litellm.yaml" "$tmp/genai.yaml" >/dev/null && ok || no "imported catalogs do not validate"
	# layered over the built-in catalog, the imported price is the one used
	"$bin" --today 2026-08-01 compare -c "$tmp/litellm.yaml" --api gpt-4o -f json -q |
		grep -q '"source": "catalog:'"$tmp"'/litellm.yaml"' && ok || no "layering an imported catalog"
fi
finish
