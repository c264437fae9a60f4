#!/usr/bin/env bash
# step-strategies and step-portfolio for one date (make bench), and the ERC solver.
#   S  step-strategies on the aggregate state of 2024-01-15
#   P  step-portfolio on the strategies state of the same date
# hyperfine medians (BENCH_RUNS, default 50); target S + P < 30 ms. The input is
# the real pipeline's state when step-ingest/agents/aggregate are built (quality
# is used when present), else the stand-in of tests/oracles/portfolio_state.py.
# bench/portfolio_bench splits the time in process (state parse, the two
# computations, canonical dump): the parse and dump of the ~0.5 MB state are
# most of each step's time. Then bench/erc_bench: Ledoit-Wolf and erc_solve for
# 11, 100 and 500 instruments.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${BENCH_RUNS:-50}
make -s bin/step-strategies bin/step-portfolio bench/erc_bench bench/portfolio_bench >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -x bin/step-ingest ] && [ -x bin/step-agents ] && [ -x bin/step-aggregate ]; then
	src="pipeline"
	printf '{"as_of":"2024-01-15"}\n' | bin/step-ingest > "$tmp/1.json"
	if [ -x bin/step-quality ]; then bin/step-quality < "$tmp/1.json" > "$tmp/2.json"
	else cp "$tmp/1.json" "$tmp/2.json"; fi
	bin/step-agents < "$tmp/2.json" > "$tmp/3.json"
	bin/step-aggregate < "$tmp/3.json" > "$tmp/agg.json"
else
	src="stand-in"
	/usr/bin/python3 tests/oracles/portfolio_state.py > "$tmp/agg.json"
fi
bin/step-strategies < "$tmp/agg.json" > "$tmp/strat.json"
echo "input: $src state, $(wc -c < "$tmp/agg.json") bytes," \
    "$(jq -r .strategies.summary.detail "$tmp/strat.json")"
if command -v hyperfine >/dev/null; then
	hf() {	# hf NAME CMD: hyperfine median of CMD (run by a shell) in ms
		hyperfine -r "$RUNS" -w 3 --export-json "$tmp/$1.hf" "$2" >/dev/null 2>&1
		jq '.results[0].median * 1000' "$tmp/$1.hf"
	}
else
	hf() {	# the same with a plain loop (mean, not median)
		local a b
		a=$(date +%s%N)
		for _ in $(seq "$RUNS"); do sh -c "$2"; done
		b=$(date +%s%N)
		echo "($b - $a) / $RUNS / 1000000" | bc -l
	}
fi
s=$(hf s "bin/step-strategies < $tmp/agg.json > /dev/null")
p=$(hf p "bin/step-portfolio < $tmp/strat.json > /dev/null")
awk -v s="$s" -v p="$p" 'BEGIN {
	printf "step-strategies  %7.2f ms (median, process run by a shell)\n", s
	printf "step-portfolio   %7.2f ms\n", p
	printf "together         %7.2f ms   target 30 ms   ratio %.2f\n", s + p, (s + p) / 30
}'
bench/portfolio_bench "$tmp/agg.json" 30
bench/erc_bench
