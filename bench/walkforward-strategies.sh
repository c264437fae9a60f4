#!/usr/bin/env bash
# Walk-forward of the strategies' position lifecycle on the real files: one dry run
# of ingest, quality, agents, aggregate and strategies every Friday from FROM
# (2012-01-06) to TO (2022-12-30), each run given the previous run's output as
# config.previous_portfolio_file, as daily_run chains them. Prints per strategy in
# how many weeks its signal was LONG and SHORT (diagnostics[].direction), in how
# many it held a LONG and a SHORT package (positions), how many packages it opened
# on each side, and its exits: stop-loss, take-profit, horizon, signal flip, and
# runs where a cool-down blocked re-entry. docs/BENCH.md records a run.
#   bench/walkforward-strategies.sh [FROM [TO]]
# Skips (exit 0) without ../shared/research/data next to the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/research/data
if [ ! -d "$DATA" ]; then
	echo "walkforward-strategies: skipped: no $DATA"
	exit 0
fi
FROM=${1:-2012-01-06}
TO=${2:-2022-12-30}
make -s bin/step-ingest bin/step-quality bin/step-agents bin/step-aggregate \
    bin/step-strategies >/dev/null
export DAILY_CATALOGUE="$PWD/data/catalogue-research.tsv" DAILY_DATA_ROOT="$PWD/$DATA"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prev="" runs=0 failed=0
d=$(date -u -d "$FROM" +%F)
while [[ "$d" < "$TO" || "$d" == "$TO" ]]; do
	cfg='{}'
	[ -n "$prev" ] && cfg=$(jq -cn --arg p "$prev" '{previous_portfolio_file: $p}')
	if printf '{"as_of":"%s","dry_run":true,"config":%s}\n' "$d" "$cfg" |
	    bin/step-ingest | bin/step-quality | bin/step-agents | bin/step-aggregate |
	    bin/step-strategies > "$tmp/out.json" 2> "$tmp/err"; then
		# Keep only the sections the next run reads back.
		jq -c '{as_of, strategies: {packages: .strategies.packages,
		    cooldowns: .strategies.cooldowns}}' "$tmp/out.json" > "$tmp/prev-$d.json"
		jq -r --arg d "$d" '.strategies.packages[] | [$d, .strategy_id,
		    .package_status, .direction, ((.close_reason // "") | split(" ")[0])] | @tsv' \
		    "$tmp/out.json" >> "$tmp/events.tsv"
		jq -r --arg d "$d" '.strategies.diagnostics[] | .strategy_id as $s |
		    (.lifecycle[] | select(test("blocked")) | [$d, $s, "blocked", "", ""]),
		    (select(.direction != null) | [$d, $s, "signal", .direction, ""]) | @tsv' \
		    "$tmp/out.json" >> "$tmp/events.tsv"
		[ -n "$prev" ] && rm -f "$prev"
		prev="$tmp/prev-$d.json"
		runs=$((runs + 1))
	else
		failed=$((failed + 1))
		echo "walkforward-strategies: $d failed: $(tail -1 "$tmp/err")" >&2
	fi
	d=$(date -u -d "$d + 7 days" +%F)
done
touch "$tmp/events.tsv"
echo "walk-forward $FROM .. $TO: $runs weekly runs chained ($failed failed)"
awk -F'\t' '
	{ s[$2] = 1 }
	$3 == "opened" || $3 == "held" { held[$2, $4]++ }
	$3 == "signal" { sg[$2, $4]++ }
	$3 == "opened" { op[$2, $4]++ }
	$3 == "closed" { ex[$2, $5]++ }
	$3 == "blocked" { bl[$2]++ }
	END {
		printf "%-12s %6s %6s %6s %6s %6s %6s %5s %5s %7s %5s %7s\n", "strategy",
		    "sgLONG", "sgSHRT", "wkLONG", "wkSHRT", "opLONG", "opSHRT", "stop", "take",
		    "horizon", "flip", "blocked"
		n = split("RATES_BR_01 RATES_BR_02 RATES_BR_03 RATES_BR_04 INF_BR_01 FX_BR_01 CUPOM_01 SOV_BR_01", ids, " ")
		for (i = 1; i <= n; i++) {
			k = ids[i]
			printf "%-12s %6d %6d %6d %6d %6d %6d %5d %5d %7d %5d %7d\n", k,
			    sg[k, "LONG"], sg[k, "SHORT"], held[k, "LONG"], held[k, "SHORT"],
			    op[k, "LONG"], op[k, "SHORT"], ex[k, "stop-loss"], ex[k, "take-profit"],
			    ex[k, "horizon:"], ex[k, "signal"], bl[k]
			t[1] += sg[k, "LONG"]; t[2] += sg[k, "SHORT"]
			t[3] += held[k, "LONG"]; t[4] += held[k, "SHORT"]; t[5] += op[k, "LONG"]
			t[6] += op[k, "SHORT"]; t[7] += ex[k, "stop-loss"]; t[8] += ex[k, "take-profit"]
			t[9] += ex[k, "horizon:"]; t[10] += ex[k, "signal"]; t[11] += bl[k]
		}
		printf "%-12s %6d %6d %6d %6d %6d %6d %5d %5d %7d %5d %7d\n", "total", t[1],
		    t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11]
	}' "$tmp/events.tsv"
