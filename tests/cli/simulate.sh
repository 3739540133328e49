#!/bin/sh
# simulate against its own samples: the same seed gives the same bytes;
# every quantile, share and mean of the summary is recomputed from the
# --samples CSV (numpy's default quantile, written out in awk); a
# degenerate range gives exactly compare's figures.
# usage: simulate.sh LLMTCO SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

ex=examples/scenarios/uncertain-70b.yaml
"$bin" -q simulate -s "$ex" --draws 3001 --seed 7 -f json >"$tmp/a.json" --samples "$tmp/a.csv" || no "simulate"
"$bin" -q simulate -s "$ex" --draws 3001 --seed 7 -f json >"$tmp/b.json" --samples "$tmp/b.csv" || no "simulate again"
if cmp -s "$tmp/a.json" "$tmp/b.json" && cmp -s "$tmp/a.csv" "$tmp/b.csv"; then ok; else no "same seed, different bytes"; fi
"$bin" -q simulate -s "$ex" --draws 3001 --seed 8 -f json >"$tmp/c.json"
if cmp -s "$tmp/a.json" "$tmp/c.json"; then no "another seed, same bytes"; else ok; fi
[ "$(wc -l <"$tmp/a.csv")" -eq 3002 ] && ok || no "samples: want 3001 rows and a header"

# summary_matches_samples SCENARIO ARGS...: every row of the summary CSV
# (the options, then the portfolio with segments) against --samples
summary_matches_samples() {
	sc=$1
	shift
	"$bin" -q simulate -s "$sc" "$@" -f csv >"$tmp/sum.csv" --samples "$tmp/s.csv" || { echo "FAIL simulate $sc"; return 1; }
	head -1 "$tmp/s.csv" | tr ',' '\n' >"$tmp/cols"
	nkeys=$(grep -c '\.' "$tmp/cols")
	# option columns follow draw and the varied keys
	tail -n +2 "$tmp/sum.csv" | while IFS=, read -r id kind mean p5 p10 p50 p90 p95 feas cheap cur rest; do
		[ "$kind" = pair ] && continue
		col=$(awk -F, -v id="$id" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == id) print i }' "$tmp/s.csv")
		[ -n "$col" ] || { echo "FAIL no samples column for $id"; exit 1; }
		cut -d, -f"$col" "$tmp/s.csv" | tail -n +2 | grep -v '^$' | sort -g >"$tmp/sorted"
		# numpy.quantile(x, q): h = (n - 1) q; lerp from the nearer end
		got=$(awk -v q5=0.05 -v q10=0.1 -v q50=0.5 -v q90=0.9 -v q95=0.95 '
			function quant(q,   h, lo, g, a, b, d) { h = (n - 1) * q; lo = int(h); g = h - lo;
				a = x[lo]; b = x[lo + 1 < n ? lo + 1 : n - 1]; d = b - a;
				return g >= 0.5 ? b - d * (1 - g) : a + d * g }
			{ x[n++] = $1 + 0 }
			END { printf "%.17g %.17g %.17g %.17g %.17g\n", quant(q5), quant(q10), quant(q50), quant(q90), quant(q95) }' "$tmp/sorted")
		want=$(awk -v a="$p5" -v b="$p10" -v c="$p50" -v d="$p90" -v e="$p95" 'BEGIN { printf "%.17g %.17g %.17g %.17g %.17g\n", a, b, c, d, e }')
		[ "$got" = "$want" ] || { echo "FAIL $id quantiles: samples give $got, summary $want"; exit 1; }
		# the mean to 1e-12 relative (summation order differs)
		awk -v m="$mean" '{ s += $1 } END { r = s / NR - m; if (r < 0) r = -r; exit !(r <= 1e-12 * m) }' "$tmp/sorted" ||
			{ echo "FAIL $id mean"; exit 1; }
		# feasible share and share cheapest (ties to the first column: the
		# options in scenario order, then the portfolio)
		awk -F, -v c="$col" -v k="$nkeys" -v f="$feas" -v ch="$cheap" '
			NR > 1 { n++; if ($c != "") feas++;
				best = 0; for (i = k + 2; i <= NF; i++) if ($i != "" && (best == 0 || $i + 0 < $best + 0)) best = i;
				if (best == c) cheap++ }
			END { exit !(feas / n == f + 0 && cheap / n == ch + 0) }' "$tmp/s.csv" ||
			{ echo "FAIL $id shares"; exit 1; }
	done || return 1
	# the pair rows: the self-hosted option (id) cheaper than `hosted`
	tail -n +2 "$tmp/sum.csv" | awk -F, '$2 == "pair" { print $1, $12, $13 }' | while read -r sh h share; do
		got=$(awk -F, -v a="$h" -v b="$sh" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == a) ca = i; if ($i == b) cb = i } next }
			{ n++; if ($cb != "" && ($ca == "" || $cb + 0 < $ca + 0)) w++ } END { printf "%.17g\n", w / n }' "$tmp/s.csv")
		[ "$got" = "$(awk -v x="$share" 'BEGIN { printf "%.17g\n", x }')" ] ||
			{ echo "FAIL pair $sh against $h: samples give $got, summary $share"; exit 1; }
	done
}

cp "$tmp/a.csv" "$tmp/a.keep"
summary_matches_samples "$ex" --draws 3001 --seed 7 && ok || no "summary against samples"
cmp -s "$tmp/s.csv" "$tmp/a.keep" && ok || no "samples differ between json and csv runs"
# past 8,192 draws each quantile keeps only a narrowed bracket of totals
# (docs/model.md 8.1): still the exact order statistics of the samples
summary_matches_samples "$ex" --draws 30001 --seed 5 && ok || no "summary against 30,001 samples"

# every (hosted, self-hosted) pair has a CSV row, in the JSON's order
"$bin" -q simulate -s "$ex" --draws 3001 --seed 7 -f csv | awk -F, '$2 == "pair" { print $12 "," $1 "," $13 }' >"$tmp/pairs.csv"
tr -d ' \n' <"$tmp/a.json" | sed 's/.*"pairs":\[\([^]]*\)\].*/\1/' | tr '}' '\n' |
	sed -n 's/.*"hosted":"\([^"]*\)","self_hosted":"\([^"]*\)","share_self_hosted_cheaper":\([0-9.e-]*\).*/\1,\2,\3/p' >"$tmp/pairs.json"
[ -s "$tmp/pairs.csv" ] && cmp -s "$tmp/pairs.csv" "$tmp/pairs.json" && ok || { no "pair rows differ from the JSON pairs"; diff "$tmp/pairs.csv" "$tmp/pairs.json"; }

# a portfolio (model.md 7.4): its row against its samples column
pf=examples/scenarios/portfolio-classify-reason.yaml
summary_matches_samples "$pf" --draws 1500 --seed 3 --range factor.gpu_price=0.5..1.5 \
	--range factor.volume=p10:0.3..p90:3 --range workload.peak_to_average=1..3 && ok || no "portfolio summary against samples"
[ "$(head -1 "$tmp/s.csv" | tr ',' '\n' | tail -1)" = portfolio ] && ok || no "samples: no portfolio column"
grep -q '^portfolio,portfolio,' "$tmp/sum.csv" && ok || no "summary: no portfolio row"
# a degenerate range gives exactly compare's portfolio total
want=$("$bin" -q compare -s "$pf" -f json | tr -d ' \n' | sed 's/.*"portfolio":{"feasible":true,"total":\([0-9.e+-]*\).*/\1/')
got=$("$bin" -q simulate -s "$pf" --draws 20 --range factor.gpu_price=1..1 --range assumptions.engineering_fte=0.2..0.2 -f csv |
	awk -F, '$1 == "portfolio" { print $3, $4, $6, $8 }')
[ -n "$want" ] && [ "$got" = "$want $want $want $want" ] && ok || no "degenerate portfolio: compare $want, simulate $got"

# pairs: the self-hosted option cheaper than each hosted one
pair=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i ~ /^api:gpt-4o$/) a = i; if ($i ~ /^self_hosted:/) s = i } next }
	{ n++; if ($s != "" && ($a == "" || $s + 0 < $a + 0)) w++ } END { printf "%.17g\n", w / n }' "$tmp/a.csv")
want=$(tr -d ' \n' <"$tmp/a.json" | sed 's/.*"hosted":"api:gpt-4o","self_hosted":"[^"]*","share_self_hosted_cheaper":\([0-9.e-]*\).*/\1/')
[ "$(awk -v x="$want" 'BEGIN { printf "%.17g\n", x }')" = "$pair" ] && ok || no "pair share: samples $pair, summary $want"

# a degenerate range is the point figure, to the last bit
"$bin" -q simulate -s "$ex" --draws 50 --range factor.gpu_price=1..1 --range assumptions.engineering_fte=0.2..0.2 \
	--range factor.api_price=1..1 --range factor.throughput=1..1 --range factor.volume=1..1 \
	--range assumptions.engineer_annual_cost=180k..180k -f csv >"$tmp/deg.csv"
"$bin" -q compare -s "$ex" -f csv | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "total") t = i; next } { print $1, $t }' | sort >"$tmp/point"
[ "$(wc -l <"$tmp/point")" -eq 4 ] || no "compare gave no totals"
tail -n +2 "$tmp/deg.csv" | awk -F, '$2 != "pair" { print $1, $3; print $1, $6 }' | sort -u >"$tmp/degsum"
awk '{ print $1 }' "$tmp/point" | while read -r id; do
	p=$(awk -v id="$id" '$1 == id { print $2 }' "$tmp/point")
	lines=$(awk -v id="$id" '$1 == id' "$tmp/degsum" | wc -l)
	d=$(awk -v id="$id" '$1 == id { print $2 }' "$tmp/degsum" | head -1)
	[ "$lines" -eq 1 ] && [ "$p" = "$d" ] || { echo "FAIL degenerate $id: point $p, simulate $d"; exit 1; }
done && ok || no "degenerate ranges"

# check gates the portfolio's share of the cheapest, the simulation's figure
"$bin" -q check -s "$pf" --draws 500 --range factor.volume=p10:0.5..p90:3 --min-probability-cheapest 0.05@portfolio -f json >"$tmp/chk.json"
got=$(tr -d ' \n' <"$tmp/chk.json" | sed 's/.*"metric":"min_probability_cheapest","option":"portfolio","comparison":"min","limit":0.05,"actual":\([0-9.e-]*\).*/\1/')
want=$("$bin" -q simulate -s "$pf" --draws 500 --range factor.volume=p10:0.5..p90:3 -f csv | awk -F, '$1 == "portfolio" { print $10 }')
[ -n "$want" ] && [ "$got" = "$want" ] && ok || no "check's portfolio share $got, simulate's $want"

# a degenerate lognormal is its value to the last bit: compare's totals
rag=examples/scenarios/rag-70b.yaml
"$bin" -q -s "$rag" compare -f csv | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "total") t = i; next } $t != "" { print $1, $t }' | sort >"$tmp/point"
"$bin" -q -s "$rag" simulate --draws 20 --range workload.requests_per_day=p10:100k..p90:100k -f csv |
	awk -F, 'NR > 1 && $2 != "pair" && $9 == 1 { print $1, $3; print $1, $4; print $1, $8 }' | sort -u >"$tmp/lndeg"
[ -s "$tmp/point" ] && cmp -s "$tmp/point" "$tmp/lndeg" && ok || no "degenerate lognormal: $(diff "$tmp/point" "$tmp/lndeg" | head -4)"

# extreme but valid inputs: done at once (model.md 3.3: past 1e8 GPUs an
# option is too_many_gpus, not sized), and no inf or NaN printed (3.4)
cat >"$tmp/own.yaml" <<'EOF'
schema_version: 1
name: own
workload: {input_tokens_per_month: 3B, output_tokens_per_month: 600M, peak_to_average: 2}
options:
  - api: gpt-4o
  - self_hosted: {model: llama-3.1-70b, gpu: h100-sxm, precision: fp8, pricing: owned}
EOF
for a in "target_utilization=1e-300 too_many_gpus" "bandwidth_efficiency=5e-324 too_many_gpus" \
	"hours_per_month=1e-300 too_many_gpus" "depreciation_months=5e-324 cost_not_finite"; do
	set -- $a
	for f in csv json table; do
		timeout 10 "$bin" -q -s "$tmp/own.yaml" compare --set "$1" -f $f >"$tmp/x.out" || no "compare --set $1 -f $f: exit $?"
		grep -q "$2" "$tmp/x.out" && ok || no "compare --set $1 -f $f: no $2"
		grep -qiE '\binf\b|nan|infinity' "$tmp/x.out" && no "compare --set $1 -f $f printed inf or NaN" || ok
	done
done
for r in factor.volume=1e15..1e15 factor.throughput=1e-12..1e-12 assumptions.target_utilization=1e-300..1e-300 \
	assumptions.depreciation_months=5e-324..5e-324; do
	timeout 10 "$bin" -q -s "$tmp/own.yaml" simulate --draws 5 --range "$r" -f json >"$tmp/x.out" || no "simulate --range $r: exit $?"
	grep -qiE '\binf\b|nan|infinity' "$tmp/x.out" && no "simulate --range $r printed inf or NaN" || ok
done

finish nonempty
