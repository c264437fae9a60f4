#!/usr/bin/env bash
# Data steps (make bench): hyperfine medians of step-ingest and step-quality for one
# date (2024-01-15) on the synthetic catalogue, the size of the state they produce,
# and the share of ingest spent in the generator (ingest of a one-series catalogue,
# which still simulates every series to as_of, vs the full catalogue). When the
# research data is present, ingest on data/catalogue-research.tsv too (not a target:
# it parses 17 MB of real files). Targets: ingest + quality < 50 ms, state < 1 MB.
# BENCH_RUNS (default 50) runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${BENCH_RUNS:-50}
make -s bin/step-ingest bin/step-quality >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '{"as_of":"2024-01-15"}\n' > "$tmp/in.json"
bin/step-ingest < "$tmp/in.json" > "$tmp/ingest.json"
bin/step-quality < "$tmp/ingest.json" > "$tmp/quality.json"
grep '^USDBRL' data/catalogue.tsv > "$tmp/one.tsv"

# median_ms NAME CMD: the median wall time of CMD in ms (hyperfine, else a loop).
median_ms() {
	local name=$1
	shift
	if command -v hyperfine >/dev/null; then
		hyperfine -N --style none --warmup 3 --runs "$RUNS" \
		    --export-json "$tmp/h-$name.json" "$*" >/dev/null
		jq '.results[0].median * 1000' "$tmp/h-$name.json"
	else
		local i t0 t1 all=()
		for ((i = 0; i < RUNS; i++)); do
			t0=$(date +%s%N)
			sh -c "$*" >/dev/null
			t1=$(date +%s%N)
			all+=($(((t1 - t0) / 1000)))
		done
		printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)]/1000}'
	fi
}

ing=$(median_ms ingest "sh -c 'bin/step-ingest < $tmp/in.json > /dev/null'")
qual=$(median_ms quality "sh -c 'bin/step-quality < $tmp/ingest.json > /dev/null'")
gen=$(median_ms gen "sh -c 'DAILY_CATALOGUE=$tmp/one.tsv bin/step-ingest < $tmp/in.json > /dev/null'")
noop=$(median_ms noop "sh -c 'cat < $tmp/in.json > /dev/null'")
size=$(wc -c < "$tmp/ingest.json")
qsize=$(wc -c < "$tmp/quality.json")
obs=$(jq '.ingest.summary.observations' "$tmp/ingest.json")
awk -v i="$ing" -v q="$qual" -v g="$gen" -v n="$noop" -v s="$size" -v qs="$qsize" -v o="$obs" 'BEGIN {
	printf "ingest   (synthetic, 2024-01-15): %7.2f ms median\n", i
	printf "quality  (same state)           : %7.2f ms median\n", q
	printf "both                            : %7.2f ms (target < 50 ms: %s, %.0f%% of budget)\n", i + q, i + q < 50 ? "ok" : "MISSED", (i + q) / 50 * 100
	printf "  of which generator + start-up : %7.2f ms (one-series catalogue), sh+cat floor %.2f ms\n", g, n
	printf "state after ingest              : %7d bytes, %d observations, %.1f bytes/obs (target < 1 MB: %s)\n", s, o, s / o, s < 1048576 ? "ok" : "MISSED"
	printf "state after quality             : %7d bytes (+%d)\n", qs, qs - s
}'
if [ -d ../shared/research/data ]; then
	real=$(median_ms real "sh -c 'DAILY_CATALOGUE=data/catalogue-research.tsv bin/step-ingest < $tmp/in.json > /dev/null'")
	printf 'ingest   (research files)       : %7.2f ms median (%.1fx synthetic; parses ~17 MB of CSV)\n' \
	    "$real" "$(awk -v r="$real" -v i="$ing" 'BEGIN {print r / i}')"
fi
