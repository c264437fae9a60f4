#!/usr/bin/env bash
# Peak memory of each step (make bench; issue 11 item 4, issue 10 item 15):
#   1. peak RSS (/usr/bin/time %M) of every step on the synthetic default 2024-01-15,
#      target <= 64 MB;
#   2. the same on the largest state the cap admits: step-ingest's state grown by
#      bench/grow_state.py (copies of its daily series) to 90 % of DAILY_MAX_STATE_MB
#      (default 256; the later steps add their sections and must stay under the cap),
#      each step fed the previous one's output; peak RSS / input size, target <= 4
#      (issue 10 measured about 20 before the state decoder). BENCH_MEM_MB sets the
#      size instead (MiB); BENCH_MEM_MB=0 skips part 2. BENCH_MEM_DISTINCT=1 makes the
#      copies' values distinct (grow_state.py "distinct"): equal reals share one decoded
#      value, so plain copies flatter the figure.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "60-memory: /usr/bin/time not installed, skipped"; exit 0; }
steps="ingest quality agents aggregate strategies portfolio risk report"
make -s $(printf 'bin/step-%s ' $steps) >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# chain DIR FIRST_STEP_INPUT STEPS...: run the steps in turn; print "step input_bytes peak_kb"
chain() {
	local dir=$1 prev=$2 s
	shift 2
	for s in "$@"; do
		/usr/bin/time -f %M -o "$dir/$s.rss" bin/step-$s < "$prev" > "$dir/$s.json"
		echo "$s $(wc -c < "$prev") $(tail -n 1 "$dir/$s.rss")"
		prev=$dir/$s.json
	done
}
mkdir "$tmp/d" "$tmp/g"
printf '{"as_of":"2024-01-15","config":{}}\n' > "$tmp/initial.json"
chain "$tmp/d" "$tmp/initial.json" $steps > "$tmp/default"
awk '{ printf "%s %s %.1f MB", (NR > 1 ? " |" : "peak RSS, synthetic default:"), $1, $3 / 1024
	if ($3 > max) max = $3 }
    END { printf "\nlargest %.1f MB, target 64 MB, ratio %.2f\n", max / 1024, max / 1024 / 64 }' \
    "$tmp/default"
cap=${DAILY_MAX_STATE_MB:-256}
mb=${BENCH_MEM_MB:-$(( cap * 9 / 10 ))}
[ "$mb" -gt 0 ] || exit 0
distinct=$([ "${BENCH_MEM_DISTINCT:-0}" = 1 ] && echo distinct || true)
/usr/bin/python3 bench/grow_state.py "$tmp/d/ingest.json" "$mb" $distinct > "$tmp/g/ingest.json"
echo "largest state: $(wc -c < "$tmp/g/ingest.json") bytes (cap $cap MiB; ingest grown to $mb MiB${distinct:+, distinct values})"
chain "$tmp/g" "$tmp/g/ingest.json" ${steps#ingest } > "$tmp/large"
awk '{ r = $3 * 1024 / $2; printf "  %-10s input %6.1f MB  peak %7.1f MB  peak/input %5.2f%s\n",
    $1, $2 / 1048576, $3 / 1024, r, r <= 4 ? "" : "  (over 4)"; if (r > max) max = r }
    END { printf "largest peak/input %.2f, target 4, ratio %.2f (about 20 before)\n", max, max / 4 }' \
    "$tmp/large"
