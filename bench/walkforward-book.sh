#!/usr/bin/env bash
# Walk-forward of the book on the real files (not part of make bench: it takes
# minutes). One dry run of ingest..risk every Friday from FROM (2012-01-06) to TO
# (2022-12-30) on data/catalogue-research.tsv, chained as daily_run chains runs:
# each Friday gets the previous Friday's output as config.previous_portfolio_file
# (the strategies' packages and cool-downs, the portfolio's weights). The book held
# from one Friday to the next earns the daily returns step-risk computes for those
# weights on the next Friday's state (risk.returns, the days after the previous
# Friday). Prints the median gross notional, median |DV01|, median ex-ante vol vs
# the target, the realised vol of the chained book, how often each limit bound,
# the packages closed by stop-loss, take-profit and horizon, and how many Fridays
# each risk level occurred. Skips without
# ../shared/research/data. Usage: bench/walkforward-book.sh [FROM [TO]]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/research/data ]; then
	echo "walkforward-book: skipped, no ../shared/research/data"
	exit 0
fi
FROM=${1:-2012-01-06}
TO=${2:-2022-12-30}
make -s DEV=1 all >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DAILY_CATALOGUE=data/catalogue-research.tsv
prev='{}'
prevfile=""
prevday=""
d=$FROM
: > "$tmp/weeks.tsv"
: > "$tmp/pnl.tsv"
: > "$tmp/exits.txt"
while [[ "$d" < "$TO" || "$d" == "$TO" ]]; do
	cfg='{"risk": {"mc_draws": 100}}'
	[ -n "$prevfile" ] && cfg=$(jq -cn --arg p "$prevfile" \
	    '{previous_portfolio_file: $p, risk: {mc_draws: 100}}')
	printf '{"as_of":"%s","dry_run":true,"config":%s}\n' "$d" "$cfg" |
	    bin/step-ingest 2>/dev/null | bin/step-quality 2>/dev/null |
	    bin/step-agents 2>/dev/null | bin/step-aggregate 2>/dev/null |
	    bin/step-strategies 2>/dev/null |
	    bin/step-portfolio 2>/dev/null > "$tmp/p.json" || { echo "$d: pipeline failed" >&2; d=$(date -d "$d + 7 days" +%F); continue; }
	jq -r '.strategies.packages[]? | select(.close_reason != null) |
	    (.close_reason | split(" ")[0])' "$tmp/p.json" >> "$tmp/exits.txt"
	bin/step-risk < "$tmp/p.json" 2>/dev/null > "$tmp/r.json" || cp "$tmp/p.json" "$tmp/r.json"
	jq -r --arg d "$d" '[$d, .portfolio.gross_leverage, (.portfolio.totals.dv01_brl | fabs),
	    .portfolio.sizing.ex_ante_vol, .portfolio.sizing.target, .portfolio.method,
	    ([.portfolio.constraints[] | select(.binding) | .name] | join(",") | if . == "" then "-" else . end),
	    (.risk.risk_level // "none"), (.portfolio.weights | length)] | @tsv' "$tmp/r.json" >> "$tmp/weeks.tsv"
	# The previous Friday's book over the days since then.
	if [ -n "$prevday" ] && [ "$prev" != '{}' ]; then
		jq -c --argjson w "$prev" '.portfolio.weights = $w | del(.portfolio.instruments)' \
		    "$tmp/p.json" | bin/step-risk 2>/dev/null |
		    jq -r --arg p "$prevday" '.risk.returns as $r | range(0; $r.dates | length) |
		    select($r.dates[.] > $p) | "\($r.dates[.])\t\($r.values[.])"' >> "$tmp/pnl.tsv" || true
	fi
	prev=$(jq -c '.portfolio.weights' "$tmp/p.json")
	jq -c '{as_of, strategies: {packages: .strategies.packages, cooldowns:
	    .strategies.cooldowns}, portfolio: {weights: .portfolio.weights}}' "$tmp/p.json" \
	    > "$tmp/prev-$d.json"
	[ -n "$prevfile" ] && rm -f "$prevfile"
	prevfile="$tmp/prev-$d.json"
	prevday=$d
	d=$(date -d "$d + 7 days" +%F)
done
/usr/bin/python3 - "$tmp/weeks.tsv" "$tmp/pnl.tsv" "$tmp/exits.txt" <<'PY'
import collections, sys
import numpy as np
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
pnl = [float(l.split("\t")[1]) for l in open(sys.argv[2]) if l.strip()]
num = lambda i: np.array([float(r[i]) for r in rows if r[i] not in ("", "null")])
g, dv, vol, tgt = num(1), num(2), num(3), num(4)
print("Fridays %s .. %s: %d runs, %d with positions" % (rows[0][0], rows[-1][0], len(rows),
      sum(1 for r in rows if int(r[8]) > 0)))
print("median gross notional      %.2f x NAV (BRL %.2f bn)" % (np.median(g), np.median(g)))
print("median |DV01|              BRL %.0f per bp" % np.median(dv))
both = [(float(r[3]), float(r[4])) for r in rows
        if r[3] not in ("", "null") and r[4] not in ("", "null") and float(r[4]) > 0]
print("median ex-ante vol         %.2f %% vs target %.2f %% (target_vol x regime scale x "
      "budget kept; median ratio %.2f)" % (100 * np.median(vol), 100 * np.median(tgt),
                                           np.median([v / t for v, t in both])))
if len(pnl) > 1:
    p = np.array(pnl)
    print("realised vol, chained book %.2f %%/yr over %d days (%.2fx the median target; "
          "mean daily P&L %.2f bp)" % (100 * p.std(ddof=1) * np.sqrt(252), len(p),
          p.std(ddof=1) * np.sqrt(252) / np.median(tgt), 1e4 * p.mean()))
print("methods    ", dict(collections.Counter(r[5] for r in rows)))
lim = collections.Counter(n for r in rows for n in r[6].split(",") if n != "-")
print("limits bound (Fridays)", dict(lim))
print("package exits", dict(collections.Counter(l.strip().rstrip(":")
                                              for l in open(sys.argv[3]) if l.strip())))
print("risk levels", dict(collections.Counter(r[7] for r in rows)))
PY
