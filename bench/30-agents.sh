#!/usr/bin/env bash
# step-agents + step-aggregate for one date on the synthetic default (make bench).
# Prints the median wall time of each step (BENCH_RUNS runs, default 30; hyperfine
# when installed), their sum
# against the 50 ms target, and the share spent only reading and writing the state
# (tests/tools/bin/statecat: parse + canonical dump of the same documents).
# Input: bin/step-ingest's synthetic state for 2024-01-15 when it is built, else
# tests/oracles/agents_state.py (same series, same window).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${BENCH_RUNS:-30}
make -s bin/step-agents bin/step-aggregate >/dev/null
make -s tests/tools/bin/statecat >/dev/null 2>&1 || true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -x bin/step-ingest ]; then
	printf '{"as_of":"2024-01-15"}\n' | bin/step-ingest > "$tmp/in.json"
	src="bin/step-ingest (synthetic default)"
else
	/usr/bin/python3 tests/oracles/agents_state.py 2024-01-15 > "$tmp/in.json"
	src="tests/oracles/agents_state.py"
fi
bin/step-agents < "$tmp/in.json" > "$tmp/ag.json"

# median_ms CMD INPUT: median wall time of CMD < INPUT over RUNS runs, in ms
# (hyperfine when installed, else a date(1) loop that also counts fork+exec).
median_ms() {
	local i t0 t1
	if command -v hyperfine >/dev/null; then
		hyperfine -N --style none --warmup 3 --runs "$RUNS" --input "$2" \
		    --export-json "$tmp/h.json" "$1" >/dev/null 2>&1 ||
		hyperfine --style none --warmup 3 --runs "$RUNS" \
		    --export-json "$tmp/h.json" "$1 < $2" >/dev/null
		jq -r '.results[0].median * 1000 | . * 10 | round / 10' "$tmp/h.json"
		return
	fi
	for ((i = 0; i < RUNS; i++)); do
		t0=$(date +%s%N)
		"$1" < "$2" > /dev/null
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000))
	done | sort -n | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)] / 1000}'
}

a=$(median_ms bin/step-agents "$tmp/in.json")
g=$(median_ms bin/step-aggregate "$tmp/ag.json")
echo "input: $src, $(wc -c < "$tmp/in.json") bytes, $RUNS runs"
echo "step-agents     median ${a} ms"
echo "step-aggregate  median ${g} ms"
awk -v a="$a" -v g="$g" 'BEGIN { s = a + g; printf "both            %.1f ms (target < 50 ms: %.2fx of target)\n", s, s / 50 }'
if [ -x tests/tools/bin/statecat ]; then
	ia=$(median_ms tests/tools/bin/statecat "$tmp/in.json")
	ig=$(median_ms tests/tools/bin/statecat "$tmp/ag.json")
	awk -v a="$a" -v g="$g" -v ia="$ia" -v ig="$ig" 'BEGIN {
	    printf "state I/O only  %.1f ms (parse + canonical dump; %.0f%% of both steps)\n",
	    ia + ig, 100 * (ia + ig) / (a + g) }'
fi
