#!/usr/bin/env bash
# Orchestrator overhead (make bench). hyperfine medians of:
#   D8  daily_run --dry-run over eight no-op fake steps (tests/fake-steps/pass)
#   L8  the same eight steps chained through files by a plain shell loop
#       (into an emptied directory before each run, as daily_run writes each
#       run's states to new files; --prepare empties daily_run's runs/ too)
#   D1, L1  the same with only the first step (daily_run: step 2 missing, so
#       it stops there without exec'ing anything)
# and prints the overhead per step two ways: all-in, (D8 - L8) / N (N the steps of
# steps/STEPS, eight), which
# includes daily_run's one-off start-up (dynamic linking of libpq and its
# dependencies); and marginal, ((D8 - D1) - (L8 - L1)) / (N - 1), the cost of one
# more step. Target: < 1 ms per step. BENCH_RUNS (default 200) runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${BENCH_RUNS:-200}
command -v hyperfine >/dev/null || { echo "10-orchestrator: hyperfine not installed, skipped"; exit 0; }
make -s bin/daily_run tests/fake-steps/pass >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
steps=$(scripts/step-table -n)	# steps/STEPS, in run order
nsteps=$(echo $steps | wc -w)
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
		    "$tmp/loop/$s.json" "$tmp/loop/$s.json" >> "$f"
	done
}
loop "$tmp/l8.sh" $steps
loop "$tmp/l1.sh" ingest

# The machine is shared: load drifts between hyperfine's commands. So time the four
# commands in ROUNDS short rounds and take the median of the per-round figures.
ROUNDS=${BENCH_ROUNDS:-5}
per_round=$(( (RUNS + ROUNDS - 1) / ROUNDS ))
calc() { echo "$1" | bc -l; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
: > "$tmp/rounds"
for r in $(seq 1 "$ROUNDS"); do
	hyperfine -N -i --style none --warmup 5 --runs "$per_round" --export-json "$tmp/h.json" \
	    --prepare "rm -rf $tmp/var/runs" --prepare "sh -c 'rm -rf $tmp/loop; mkdir $tmp/loop'" \
	    --prepare "rm -rf $tmp/var/runs" --prepare "sh -c 'rm -rf $tmp/loop; mkdir $tmp/loop'" \
	    "env DAILY_STEPDIR=$tmp/s8 $PWD/bin/daily_run --dry-run --date 2024-01-15" \
	    "sh $tmp/l8.sh" \
	    "env DAILY_STEPDIR=$tmp/s1 $PWD/bin/daily_run --dry-run --date 2024-01-16" \
	    "sh $tmp/l1.sh" >/dev/null 2>&1
	# -i lets the one-step run fail as designed; the others must not.
	bad=$(jq '[.results[0,1,3].exit_codes[] | select(. != 0)] | length' "$tmp/h.json")
	if [ "$bad" != 0 ]; then
		echo "10-orchestrator: a timed command failed:" \
		    "$(jq -c '[.results[].exit_codes | unique]' "$tmp/h.json")" >&2
		exit 1
	fi
	jq -r '[.results[].median * 1000] | map(tostring) | join(" ")' "$tmp/h.json" >> "$tmp/rounds"
done
col() { awk -v c="$1" '{ print $c }' "$tmp/rounds" | median; }
d8=$(col 1) l8=$(col 2) d1=$(col 3) l1=$(col 4)
allin=$(awk -v n="$nsteps" '{ print ($1 - $2) / n }' "$tmp/rounds" | median)
marg=$(awk -v n="$nsteps" '{ print (($1 - $3) - ($2 - $4)) / (n - 1) }' "$tmp/rounds" | median)
startup=$(awk '{ print $3 - $4 }' "$tmp/rounds" | median)

# daily_run's own account: run time minus the steps' wall time.
for i in $(seq 1 30); do
	DAILY_STEPDIR=$tmp/s8 bin/daily_run --dry-run --date 2024-01-17 2>/dev/null |
	    sed -n 's/^  Overhead: \([0-9.]*\)ms.*/\1/p'
done | sort -n > "$tmp/self"
self=$(median < "$tmp/self")

printf 'medians, %d rounds x %d runs (ms): daily_run %d steps %.2f | shell loop %d steps %.2f | daily_run 1 step %.2f | shell loop 1 step %.2f\n' \
    "$ROUNDS" "$per_round" "$nsteps" "$d8" "$nsteps" "$l8" "$d1" "$l1"
printf 'all-in overhead per step:   %.3f ms  (daily_run / loop = %.2f)\n' \
    "$allin" "$(calc "$d8 / $l8")"
printf 'marginal overhead per step: %.3f ms  (target < 1 ms)\n' "$marg"
printf 'one-off start-up cost:      %.3f ms  (daily_run 1 step - loop 1 step)\n' "$startup"
printf 'self-reported overhead:     %.2f ms per run, %.3f ms per step (run time minus step time: run directory, files, parsing)\n' \
    "$self" "$(calc "$self / $nsteps")"
