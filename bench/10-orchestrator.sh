#!/usr/bin/env bash
# Orchestrator overhead (make bench). hyperfine medians of:
#   D8  daily_run --dry-run over eight no-op fake steps (tests/fake-steps/pass)
#   L8  the same eight steps chained through files by a plain shell loop
#       (fresh files each run, named after the shell's pid, as daily_run
#       writes each run's states to a new directory)
#   D1, L1  the same with only the first step (daily_run: step 2 missing, so
#       it stops there without exec'ing anything)
# and prints the overhead per step two ways: all-in, (D8 - L8) / 8, which
# includes daily_run's one-off start-up (dynamic linking of libpq and its
# dependencies); and marginal, ((D8 - D1) - (L8 - L1)) / 7, the cost of one
# more step. Target: < 1 ms per step. BENCH_RUNS (default 200) runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${BENCH_RUNS:-200}
command -v hyperfine >/dev/null || { echo "10-orchestrator: hyperfine not installed, skipped"; exit 0; }
make -s bin/daily_run tests/fake-steps/pass >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
steps="ingest quality agents aggregate strategies portfolio risk report"
mkdir "$tmp/s8" "$tmp/s1"
for s in $steps; do
	ln -s "$PWD/tests/fake-steps/pass" "$tmp/s8/step-$s"
done
ln -s "$PWD/tests/fake-steps/pass" "$tmp/s1/step-ingest"
export DAILY_VARDIR="$tmp/var" NO_COLOR=1
printf '{"as_of":"2024-01-15"}\n' > "$tmp/initial.json"
loop() {	# loop FILE STEPS...: a shell script chaining the steps through files
	local f=$1
	shift
	printf 'prev=%s\n' "$tmp/initial.json" > "$f"
	for s in "$@"; do
		printf '%s < "$prev" > %s || exit 1\nprev=%s\n' "$tmp/s8/step-$s" \
		    "$tmp/loop-\$\$-$s.json" "$tmp/loop-\$\$-$s.json" >> "$f"
	done
}
loop "$tmp/l8.sh" $steps
loop "$tmp/l1.sh" ingest

hyperfine -N -i --style none --warmup 20 --runs "$RUNS" --export-json "$tmp/h.json" \
    "env DAILY_STEPDIR=$tmp/s8 $PWD/bin/daily_run --dry-run --date 2024-01-15" \
    "sh $tmp/l8.sh" \
    "env DAILY_STEPDIR=$tmp/s1 $PWD/bin/daily_run --dry-run --date 2024-01-16" \
    "sh $tmp/l1.sh" >/dev/null 2>&1
med() { jq -r ".results[$1].median * 1000" "$tmp/h.json"; }
d8=$(med 0) l8=$(med 1) d1=$(med 2) l1=$(med 3)
calc() { echo "$1" | bc -l; }

# daily_run's own account: run time minus the steps' wall time.
for i in $(seq 1 30); do
	DAILY_STEPDIR=$tmp/s8 bin/daily_run --dry-run --date 2024-01-17 2>/dev/null |
	    sed -n 's/^  Overhead: \([0-9.]*\)ms.*/\1/p'
done | sort -n > "$tmp/self"
self=$(awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' "$tmp/self")

printf 'medians of %d runs (ms):   daily_run 8 steps %.2f | shell loop 8 steps %.2f | daily_run 1 step %.2f | shell loop 1 step %.2f\n' \
    "$RUNS" "$d8" "$l8" "$d1" "$l1"
printf 'all-in overhead per step:   %.3f ms  (daily_run / loop = %.2f)\n' \
    "$(calc "($d8 - $l8) / 8")" "$(calc "$d8 / $l8")"
printf 'marginal overhead per step: %.3f ms  (target < 1 ms)\n' \
    "$(calc "(($d8 - $d1) - ($l8 - $l1)) / 7")"
printf 'one-off start-up cost:      %.3f ms  (daily_run 1 step - loop 1 step)\n' \
    "$(calc "$d1 - $l1")"
printf 'self-reported overhead:     %.2f ms per run, %.3f ms per step (run time minus step time)\n' \
    "$self" "$(calc "$self / 8")"
