#!/usr/bin/env bash
# Signals walk-forward on the real files (not part of make bench: ~4 minutes).
# Every Friday FROM..TO (default 2010-01-01..2023-12-31): ingest of the research
# data (data/catalogue-research.tsv) for that date, then step-agents. Prints, per
# signal, the share of Fridays with NO_SIGNAL and the share of each direction; per
# regime label its share by year; the correlation of the regime score with VIX;
# and the issue 13 targets (docs/BENCH.md "Signals walk-forward").
# Skips when ../shared/research/data (RESEARCH_DATA/data) is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
RESEARCH=${RESEARCH_DATA:-$PWD/../shared/research}
FROM=${1:-2010-01-01}
TO=${2:-2023-12-31}
[ -d "$RESEARCH/data" ] || { echo "signals-walkforward: no $RESEARCH/data, skipped"; exit 0; }
[ -x bin/step-ingest ] && [ -x bin/step-agents ] || { echo "signals-walkforward: build first (make)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$FROM" "$TO" > "$tmp/fridays" <<'PY'
import datetime as dt, sys
d, end = dt.date.fromisoformat(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
d += dt.timedelta(days=(4 - d.weekday()) % 7)
while d <= end:
    print(d.isoformat())
    d += dt.timedelta(days=7)
PY
while read -r d; do
	printf '{"as_of":"%s"}\n' "$d" | DAILY_CATALOGUE=data/catalogue-research.tsv \
	    DAILY_DATA_ROOT="$RESEARCH/data" bin/step-ingest 2>/dev/null |
	    bin/step-agents | jq -c --arg d "$d" '{d: $d,
	        vix: (.ingest.series.VIX.values // [] | map(select(. != null)) | last),
	        score: .agents.regime.score, label: .agents.regime.label,
	        hmm: .agents.regime.hmm.regime,
	        s: [.agents.reports[].signals[] | [.signal_id, .direction, .strength]]}' ||
	    echo "{\"d\":\"$d\",\"failed\":true}"
done < "$tmp/fridays" > "$tmp/runs.jsonl"
/usr/bin/python3 - "$tmp/runs.jsonl" <<'PY'
import collections, json, sys
import numpy as np
runs = [json.loads(l) for l in open(sys.argv[1])]
ok = [r for r in runs if not r.get("failed")]
print("%d Fridays, %d failed runs" % (len(runs), len(runs) - len(ok)))
order, cnt = [], collections.defaultdict(collections.Counter)
for r in ok:
    for sid, d, st in r["s"]:
        if sid not in cnt:
            order.append(sid)
        cnt[sid]["NO_SIGNAL" if st == "NO_SIGNAL" else d] += 1
print("\n| signal | NO_SIGNAL | LONG | SHORT | NEUTRAL | fires >= 50 % | both directions |")
print("|---|---|---|---|---|---|---|")
n = len(ok)
for sid in order:
    c = cnt[sid]
    sh = {k: 100.0 * c[k] / n for k in ("NO_SIGNAL", "LONG", "SHORT", "NEUTRAL")}
    both = "NEUTRAL only" if sid == "CROSSASSET_CORRELATION" else \
        ("yes" if c["LONG"] and c["SHORT"] else "no")
    print("| %s | %.1f | %.1f | %.1f | %.1f | %s | %s |" % (sid, sh["NO_SIGNAL"], sh["LONG"],
          sh["SHORT"], sh["NEUTRAL"], "yes" if sh["NO_SIGNAL"] <= 50 else "no", both))
years = sorted({r["d"][:4] for r in ok})
labels = ["RISK_ON", "NEUTRAL", "RISK_OFF"]
print("\n| year | " + " | ".join(labels) + " | HMM Stress |")
print("|---|" + "---|" * (len(labels) + 1))
for y in years:
    rs = [r for r in ok if r["d"][:4] == y]
    print("| %s | %s | %.0f |" % (y, " | ".join("%.0f" % (100.0 * sum(r["label"] == l for r in rs)
          / len(rs)) for l in labels), 100.0 * sum(r["hmm"] == "Stress" for r in rs) / len(rs)))
pairs = np.array([(r["score"], r["vix"]) for r in ok
                  if r["score"] is not None and r["vix"] is not None], dtype=float)
rho = np.corrcoef(pairs[:, 0], pairs[:, 1])[0, 1] if len(pairs) > 2 else float("nan")
names = [r["hmm"] for r in ok]
flips = sum(a != b for a, b in zip(names, names[1:])) / max(1, len(names) - 1)
print("\nregime score vs VIX: correlation %.2f over %d Fridays (target >= 0.5)" % (rho, len(pairs)))
print("HMM regime name changes on %.0f %% of consecutive Fridays" % (100 * flips))
PY
