#!/usr/bin/env bash
# State I/O (make bench; issue 11 item 4, issue 12): hyperfine medians, with the CPU
# time (user + system, mean) beside each, since the shared machine's load moves the
# wall time far more than the CPU time:
#   R   daily_run --dry-run over the eight real steps, synthetic default 2024-01-15
#       (target <= 50 ms; 107 ms on 2026-11-25, before the state decoder)
#   A   step-aggregate alone on the agents state (target <= 3 ms; 9-12 ms before)
#   S+P step-strategies + step-portfolio (target <= 30 ms; 25.0 ms on 2026-11-25)
# BENCH_RUNS (default 30) runs each. Peak memory: bench/60-memory.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${BENCH_RUNS:-30}
command -v hyperfine >/dev/null || { echo "15-state-io: hyperfine not installed, skipped"; exit 0; }
steps="ingest quality agents aggregate strategies portfolio risk report"
make -s bin/daily_run $(printf 'bin/step-%s ' $steps) >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DAILY_VARDIR="$tmp/var" NO_COLOR=1
prev="$tmp/initial.json"
printf '{"as_of":"2024-01-15","config":{}}\n' > "$prev"
for s in ingest quality agents aggregate strategies; do
	bin/step-$s < "$prev" > "$tmp/$s.json"
	prev="$tmp/$s.json"
done
echo "state after agents: $(wc -c < "$tmp/agents.json") bytes"
# hf NAME CMD: "median cpu" of CMD in ms (hyperfine subtracts the shell's start-up)
hf() {
	hyperfine -w 3 -r "$RUNS" -i --export-json "$tmp/$1.hf" "$2" >/dev/null 2>&1
	jq -r '.results[0] | "\(.median * 1000) \((.user + .system) * 1000)"' "$tmp/$1.hf"
}
read -r r rc < <(hf run "bin/daily_run --dry-run --date 2024-01-15 > /dev/null 2>&1")
read -r a ac < <(hf agg "bin/step-aggregate < $tmp/agents.json > /dev/null")
read -r s sc < <(hf str "bin/step-strategies < $tmp/aggregate.json > /dev/null")
read -r p pc < <(hf por "bin/step-portfolio < $tmp/strategies.json > /dev/null")
awk -v r="$r" -v rc="$rc" -v a="$a" -v ac="$ac" -v s="$s" -v sc="$sc" -v p="$p" -v pc="$pc" 'BEGIN {
	printf "full eight-step dry run     %7.2f ms (CPU %6.2f)  target 50 ms  ratio %.2f  (was 107 ms; CPU 124-141 ms at 0e60240, docs/BENCH.md)\n", r, rc, r / 50
	printf "aggregate-only step         %7.2f ms (CPU %6.2f)  target  3 ms  ratio %.2f  (was 9-12 ms)\n", a, ac, a / 3
	printf "strategies + portfolio      %7.2f ms (CPU %6.2f)  target 30 ms  ratio %.2f  (was 25.0 ms)\n", s + p, sc + pc, (s + p) / 30
}'
