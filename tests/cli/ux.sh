#!/bin/sh
# The small commands and aids of issue 11: `init` writes a scenario that
# `compare -s` accepts unchanged, `assumptions` lists every assumption in
# every format, the generated bash completion completes commands, flags,
# formats and catalog ids.
# usage: ux.sh LLMTCO SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"

# init: every assumption key at its default, accepted unchanged
if "$bin" init -o "$tmp/s.yaml" && "$bin" -q compare -s "$tmp/s.yaml" -f csv >"$tmp/c.csv"; then ok; else no "init output not accepted by compare -s"; fi
n_assumptions=$("$bin" assumptions -f csv | tail -n +2 | wc -l)
n_keys=$(sed -n '/^assumptions:/,/^$/p' "$tmp/s.yaml" | grep -c '^  [a-z_]*: ')
[ "$n_assumptions" -gt 20 ] && [ "$n_keys" -eq "$n_assumptions" ] && ok || no "init lists $n_keys of $n_assumptions assumptions"
grep -q '^  engineering_fte: 0.2 ' "$tmp/s.yaml" && ok || no "init lacks engineering_fte at its default"
"$bin" init -f json >/dev/null 2>&1; [ $? -eq 2 ] && ok || no "init -f json should be exit 2"

# assumptions: value, default, source, meaning in every format
"$bin" assumptions --set assumptions.engineering_fte=50% >"$tmp/a.txt" &&
	grep -q '^engineering_fte  *0.5  *0.2  *set  *share of one engineer' "$tmp/a.txt" && ok || no "assumptions table"
"$bin" assumptions -f json | grep -q '"meaning": "share of one engineer' && ok || no "assumptions json"
"$bin" assumptions -f markdown | grep -q '^| key | value | default | source | meaning |' && ok || no "assumptions markdown"
"$bin" assumptions -f csv | head -1 | grep -qx 'key,value,default,source,meaning' && ok || no "assumptions csv"
if "$bin" assumptions -f csv | tail -n +2 | awk -F, '$5 == ""' | grep -q .; then no "an assumption without a meaning"; else ok; fi

# completion: generated from the option tables, answers with real ids
"$bin" completion bash >"$tmp/llmtco.bash" && bash -n "$tmp/llmtco.bash" && ok || no "completion bash is not valid bash"
if command -v zsh >/dev/null 2>&1; then
	"$bin" completion zsh >"$tmp/_llmtco" && zsh -n "$tmp/_llmtco" && ok || no "completion zsh is not valid zsh"
fi
mkdir "$tmp/bin" && ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$tmp/bin/llmtco"
# complete WORDS...: what the function offers for the last word
complete_words() {
	PATH="$tmp/bin:$PATH" bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _llmtco; printf "%s\n" "${COMPREPLY[@]}"' _ "$tmp/llmtco.bash" "$@"
}
complete_words llmtco com | grep -qx compare && ok || no "completion of commands"
complete_words llmtco compare --for | grep -qx -- --format && ok || no "completion of a global flag"
complete_words llmtco check --max-m | grep -qx -- --max-monthly-cost && ok || no "completion of a command's flag"
complete_words llmtco compare -f js | grep -qx json && ok || no "completion of formats"
complete_words llmtco compare --api gpt-4o-m | grep -qx gpt-4o-mini && ok || no "completion of api ids"
complete_words llmtco compare --self-host llama-3.1-70b@h100 | grep -qx llama-3.1-70b@h100-sxm && ok || no "completion of --self-host"
complete_words llmtco size llama-3.1-7 | grep -qx llama-3.1-70b && ok || no "completion of size's model"
complete_words llmtco catalog show h100-s | grep -qx h100-sxm && ok || no "completion of catalog show"
complete_words llmtco compare --set assumptions.engineering | grep -qx assumptions.engineering_fte= && ok || no "completion of --set keys"

# zsh (when installed): what the function hands to compadd, which filters
# by the prefix itself
zcomplete() {
	PATH="$tmp/bin:$PATH" zsh -c 'compadd() { local dd=0 a; for a in "$@"; do if (( dd )); then print -- $a; elif [[ $a == -- ]]; then dd=1; elif [[ $a != -* ]] && (( ${(P)+a} )); then print -l -- ${(P)a}; fi; done }
		_files() { print FILES }; compset() { return 1 }; words=(${=1}); CURRENT=${#words}; source "$2"' _ "$1" "$tmp/_llmtco"
}
if command -v zsh >/dev/null 2>&1; then
	zcomplete "llmtco com" | grep -qx compare && ok || no "zsh completion of commands"
	zcomplete "llmtco check --max-m" | grep -qx -- --max-monthly-cost && ok || no "zsh completion of a command's flag"
	zcomplete "llmtco compare -f js" | grep -qx json && ok || no "zsh completion of formats"
	zcomplete "llmtco compare --api gpt" | grep -qx gpt-4o-mini && ok || no "zsh completion of api ids"
	zcomplete "llmtco catalog show h1" | grep -qx h100-sxm && ok || no "zsh completion of catalog show"
fi

# options that differ only in pricing are told apart in sentences and on
# the chart, and their breakeven markers do not cover each other
ovr=examples/scenarios/owned-vs-rented.yaml
n=$("$bin" -q breakeven -s $ovr | grep '^Self-hosting' | sort -u | wc -l)
[ "$n" -eq 3 ] && ok || no "breakeven on $ovr: $n distinct sentences, want 3"
"$bin" -q breakeven -s $ovr | grep -q '(fp8, spot) beats' && ok || no "breakeven sentence names the pricing"
for cmd in breakeven sweep; do
	"$bin" -q $cmd -s $ovr -f svg >"$tmp/c.svg"
	labels=$(grep -o '>[0-9]  [^<]* vs [^<]*<' "$tmp/c.svg" | sed 's/^>[0-9]  [^ ]*  //' | sort -u | wc -l)
	[ "$labels" -eq 3 ] && ok || no "$cmd svg: $labels distinct breakeven labels, want 3"
	if grep -o '<circle cx="[0-9.]*" cy="[0-9.]*" r="8"' "$tmp/c.svg" | sed 's/[^0-9. ]//g' |
		awk '{ x[NR] = $1; y[NR] = $2 } END { for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++)
			if ((x[i] - x[j]) ^ 2 + (y[i] - y[j]) ^ 2 < 16 * 16) exit 1; exit NR < 3 }'; then ok; else no "$cmd svg: breakeven markers overlap"; fi
done

# diff names a changed profile and changed requirements: they decide which
# options are feasible and the cheapest, so they are in JSON inputs
"$bin" -q compare -f json -o "$tmp/p1.json" &&
	"$bin" -q compare -f json -o "$tmp/p2.json" --set workload.profile=diurnal \
		--require availability=0.99 --require third_party_processing=forbidden &&
	"$bin" diff "$tmp/p1.json" "$tmp/p2.json" >"$tmp/d.txt"
grep -q '^  workload.profile: (none) -> diurnal$' "$tmp/d.txt" && ok || no "diff lacks the changed profile"
grep -q '^  requirements.availability: (none) -> 0.99$' "$tmp/d.txt" && ok || no "diff lacks the changed availability"
grep -q '^  requirements.third_party_processing: (none) -> forbidden$' "$tmp/d.txt" && ok || no "diff lacks the changed third_party_processing"

finish
