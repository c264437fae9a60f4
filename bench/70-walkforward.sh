#!/usr/bin/env bash
# The daily walk-forward at scale (make bench; issue 11 item 4): `daily_run backtest`
# on every desk business day of ten years of the real files (data/catalogue-research.tsv;
# skipped when ../shared/research/data is absent), with -j 2. Target: <= 3 minutes of
# wall time on the project's 2-core machine. It prints:
#   - the wall time at -j 2 and the CPU time (user + system) of every process per date;
#   - one core: the -j 1 wall time when BENCH_WALK_J1=1 runs it, else the CPU time of
#     the -j 2 walk, which is what one core would spend (labelled as such);
#   - a 16-core Slurm node, projected: the date-independent steps (ingest .. aggregate)
#     spread over the cores while the chained ones (strategies, portfolio, risk, report)
#     run one date after the other (docs/BACKTEST.md), so the walk takes the larger of
#     CPU / 16 and the dates times the chained steps' time of one date (hyperfine on a
#     date of the walk).
# BENCH_WALK_FROM / BENCH_WALK_TO choose the range (default 2013-01-01 .. 2022-12-31);
# the ingest cache starts empty (docs/DATA.md "History cache"), so the first dates
# parse the files. Runs about 3 to 6 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C NO_COLOR=1
data=../shared/research/data
[ -d "$data" ] || { echo "70-walkforward: $data absent, skipped"; exit 0; }
from=${BENCH_WALK_FROM:-2013-01-01}
to=${BENCH_WALK_TO:-2022-12-31}
target=180
steps="ingest quality agents aggregate strategies portfolio risk report"
make -s bin/daily_run $(printf 'bin/step-%s ' $steps) >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DAILY_CATALOGUE=data/catalogue-research.tsv DAILY_DATA_ROOT=$data
export DAILY_VARDIR="$tmp/var" DAILY_CACHE_DIR="$tmp/cache"	# docs/DATA.md "History cache"

# walk J OUT: runs the backtest, prints "wall user sys" in seconds.
walk() {
	/usr/bin/time -f '%e %U %S' -o "$tmp/time.$1" \
	    bin/daily_run backtest --from "$from" --to "$to" -j "$1" --out "$2" \
	    > "$tmp/walk.$1.log" 2>&1 || {
		echo "70-walkforward: the backtest failed (-j $1):" >&2
		tail -5 "$tmp/walk.$1.log" >&2
		exit 1
	}
	cat "$tmp/time.$1"
}
read -r w2 u2 s2 < <(walk 2 "$tmp/j2")
n=$(($(wc -l < "$tmp/j2/nav.csv") - 1))
cpu=$(awk -v u="$u2" -v s="$s2" 'BEGIN { print u + s }')
if [ "${BENCH_WALK_J1:-0}" = 1 ]; then
	rm -rf "$tmp/cache"
	read -r w1 _ _ < <(walk 1 "$tmp/j1")
	cmp -s "$tmp/j1/nav.csv" "$tmp/j2/nav.csv" || echo "70-walkforward: -j 1 and -j 2 differ" >&2
	one="$w1 s (-j 1, measured)"
else
	one="$cpu s (CPU time of the -j 2 walk; BENCH_WALK_J1=1 measures it)"
fi

# The chained steps of the walk's middle date, from its saved aggregate state.
mid=$(awk -F, -v m=$((n / 2 + 2)) 'NR == m { print $1 }' "$tmp/j2/nav.csv")
run=$(grep -l "\"as_of\":\"$mid\"" "$tmp"/j2/var/runs/*/00-initial.json | head -1)
run=$(dirname "$run")
chain=0
if command -v hyperfine >/dev/null && [ -f "$run/04-aggregate.chained.json" ]; then
	hyperfine -N -w 2 -r 10 --export-json "$tmp/chain.hf" \
	    "sh -c 'OPENBLAS_NUM_THREADS=1 bin/step-strategies < $run/04-aggregate.chained.json | bin/step-portfolio | bin/step-risk | bin/step-report > /dev/null'" \
	    >/dev/null 2>&1 && chain=$(jq '.results[0].median' "$tmp/chain.hf")
fi
awk -v n="$n" -v w2="$w2" -v cpu="$cpu" -v one="$one" -v chain="$chain" -v t="$target" \
    -v from="$from" -v to="$to" 'BEGIN {
	printf "walk-forward %s .. %s on the real files: %d dates, daily\n", from, to, n
	printf "  -j 2 wall time            %7.1f s  target %d s  ratio %.2f  (was 5.2 min projected, 0.24 s CPU a date, docs/BENCH.md)\n", w2, t, w2 / t
	printf "  CPU of all processes      %7.1f s  (%.3f s a date)\n", cpu, cpu / n
	printf "  one core                  %s\n", one
	if (chain > 0) {
		p = cpu / 16; c = n * chain
		printf "  16-core node (projected)  %7.1f s  = max(CPU / 16 = %.1f s, %d dates x chained steps %.1f ms = %.1f s)\n", (p > c ? p : c), p, n, chain * 1000, c
	} else
		printf "  16-core node (projected)  %7.1f s  = CPU / 16 (no hyperfine for the chained steps)\n", cpu / 16
}'
