#!/usr/bin/env bats
# step-report: report.summary from a hand-built state, the report files
# (well-formed XHTML with inline SVG charts, Markdown), each section's numbers
# against the state (docs/REPORT.md), the index of dates, bad input.
load ../helpers

setup_file() {
	[ -x "$BIN/step-risk" ] && [ -x "$BIN/step-report" ] || return 0
	$PY "$TOP/tests/oracles/risk_gen.py" 6 800 5 |
	    jq '.agents = {"summary":{"signals":23}} | .portfolio.gross_leverage = 1.8 |
	        .portfolio.regime = "RISK_OFF" | .run_id = "0f0e0d0c-0000-4000-8000-000000000001"' \
	    > "$BATS_FILE_TMPDIR/in.json"
	"$BIN/step-risk" < "$BATS_FILE_TMPDIR/in.json" > "$BATS_FILE_TMPDIR/risk.json"
	# The synthetic pipeline with a hand-made realised P&L and track record
	# (tests/fixtures/report/track.json), a closed package and two quality findings.
	local risk
	risk=$(pipeline_to 2024-01-15 risk) || return 1
	jq --slurpfile f "$TOP/tests/fixtures/report/track.json" '
	    .run_id = "0f0e0d0c-0000-4000-8000-000000000002" | .dry_run = false |
	    .portfolio.pnl = $f[0].pnl | .risk.track_record = $f[0].track_record |
	    .strategies.packages += [{"strategy_id":"RATES_BR_04","instrument":"UST_10Y",
	      "direction":"SHORT","package_status":"closed","close_date":"2024-01-15",
	      "close_reason":"stop-loss 4.10 hit at 4.12 on 2024-01-15"}] |
	    .quality.checks.completeness.details = [
	      {"series":"BR_FOCUS_IPCA_12M","critical":true,"last":"2023-11-30","days_behind":33,"reason":"stale"},
	      {"series":"DXY","last":null,"days_behind":null,"reason":"absent"}]' \
	    "$risk" > "$BATS_FILE_TMPDIR/full-in.json"
	(cd "$BATS_FILE_TMPDIR" && "$BIN/step-report" --report-dir reports < full-in.json > full.json)
}

# pycheck CODE: run Python with S (the report's input state, full-in.json), MD (its
# report.md) and T(heading, k) (the k-th table under that heading, as dicts).
pycheck() {
	$PY -c '
import json, math, re, sys
S = json.load(open(sys.argv[1]))
MD = open(sys.argv[2]).read().split("\n")
def T(head, k=0):
    i = next(j for j, l in enumerate(MD) if l.startswith("#") and l.lstrip("#").strip() == head)
    tabs, cur = [], None
    for l in MD[i + 1:]:
        if l.startswith("#"):
            break
        if l.startswith("|"):
            cells = [c.strip().replace("\\|", "|").strip("*")
                     for c in re.split(r"(?<!\\)\|", l)[1:-1]]
            if cur is None:
                cur = {"head": cells, "rows": []}
                tabs.append(cur)
            elif not set(l) <= set("|-: "):
                cur["rows"].append(dict(zip(cur["head"], cells)))
        else:
            cur = None
    return tabs[k]["rows"]
def pct(c): return float(c.rstrip("%")) / 100
def brl(c): return float(c.replace(",", ""))
def near(got, want, tol, what):
    assert want is not None and abs(got - want) <= tol, (what, got, want)
'"$1" "$BATS_FILE_TMPDIR/full-in.json" "$BATS_FILE_TMPDIR/reports/2024-01-15/report.md"
}

setup() {
	[ -x "$BIN/step-risk" ] || skip "bin/step-risk not built"
	[ -x "$BIN/step-report" ] || skip "bin/step-report not built"
	RISK="$BATS_FILE_TMPDIR/risk.json"
	cd "$BATS_TEST_TMPDIR"
}

@test "report: the summary carries the run figures" {
	run -0 --separate-stderr $VALGRIND "$BIN/step-report" < "$RISK"
	echo "$output" > out.json
	run -0 jq -c '.report.summary | [.signal_count, .position_count, .leverage, .regime,
	    (.top_positions | length), .detail]' out.json
	assert_output '[23,6,1.8,"RISK_OFF",5,"no report dir: summary only"]'
	run -0 jq -n --slurpfile o out.json '$o[0] | .report.summary.var_95 == .risk.var.historical.var_95
	    and .report.summary.cvar_95 == .risk.var.historical.cvar_95
	    and .report.summary.risk_alerts == .risk.alerts and .report.files == []'
	assert_output true
	# top positions: by |weight| descending, as Python sorts them
	run -0 $PY -c '
import json, sys
s = json.load(open(sys.argv[1]))
w = s["portfolio"]["weights"]
want = sorted((k for k in w if w[k] != 0), key=lambda k: (-abs(w[k]), k))[:5]
got = [p["instrument"] for p in s["report"]["summary"]["top_positions"]]
assert got == want, (got, want)
' out.json
}

@test "report: the signal count falls back to counting agents.reports" {
	jq 'del(.agents.summary) | .agents.reports = [{"signals":[1,2,3]},{"signals":[4]}]' "$RISK" > in.json
	run -0 --separate-stderr "$BIN/step-report" < in.json
	echo "$output" > out.json
	run -0 jq '.report.summary.signal_count' out.json
	assert_output 4
}

@test "report: --report-dir writes report.md and a well-formed self-contained report.html" {
	run -0 --separate-stderr $VALGRIND "$BIN/step-report" --report-dir reports// < "$RISK"
	echo "$output" > out.json
	run -0 jq -c '[.report.files, .report.summary.detail]' out.json
	assert_output '[["reports/2024-01-15/report.md","reports/2024-01-15/report.html","reports/2024-01-15/summary.json","reports/index.html"],"report.md, report.html, index.html"]'
	[ -s reports/2024-01-15/report.md ]
	run -0 xmllint --noout reports/2024-01-15/report.html
	run -0 xmllint --noout reports/index.html
	# risk_gen's state has no ingest: weights, stress (bars) and the DI curve is absent
	run -0 grep -c '<svg xmlns="http://www.w3.org/2000/svg"' reports/2024-01-15/report.html
	assert_output 2
	run -0 grep -c "<h2>" reports/2024-01-15/report.html
	assert_output 11
	for t in 'Weights held by instrument' 'Stress P&amp;L by scenario'; do
		grep -q "<title>$t" reports/2024-01-15/report.html
	done
	run -1 grep -Ei '<script|<link|<img|<iframe|src=|https?://[^"]*"[^ ]' reports/2024-01-15/report.html reports/index.html
	run -0 grep -c '^## ' reports/2024-01-15/report.md
	assert_output 11
	run -0 ls -A reports/2024-01-15
	assert_output $'report.html\nreport.md\nsummary.json'
}

@test "report: config.report_dir is used without the option; output is deterministic" {
	jq '.config.report_dir = "cfgdir"' "$RISK" > in.json
	"$BIN/step-report" < in.json > a.json
	cp cfgdir/2024-01-15/report.html a.html
	"$BIN/step-report" < in.json > b.json
	run -0 cmp a.json b.json
	run -0 cmp a.html cfgdir/2024-01-15/report.html
	run -0 jq -r '.report.files[1]' a.json
	assert_output cfgdir/2024-01-15/report.html
	run -0 cmp a.html cfgdir/2024-01-15/report.html
}

@test "report: markup in instrument names is escaped" {
	jq '.portfolio.weights["A&<B>"] = 0.1 | .config.risk.returns_matrix.instruments += ["A&<B>"] |
	    .config.risk.returns_matrix.values |= map(. + [0.001])' "$BATS_FILE_TMPDIR/in.json" > in.json
	"$BIN/step-risk" < in.json > r.json
	run -0 --separate-stderr "$BIN/step-report" --report-dir d < r.json
	run -0 xmllint --noout d/2024-01-15/report.html
	grep -q 'A&amp;&lt;B&gt;' d/2024-01-15/report.html
}

@test "report: missing risk or portfolio is exit 65 naming the field" {
	jq 'del(.risk)' "$RISK" > in.json
	run -65 --separate-stderr "$BIN/step-report" < in.json
	assert_output ''
	[[ "$stderr" == "report: fatal: missing field 'risk.var.historical'" ]]
	jq 'del(.portfolio)' "$RISK" > in.json
	run -65 --separate-stderr "$BIN/step-report" < in.json
	[[ "$stderr" == "report: fatal: missing field 'portfolio.weights'" ]]
	run -65 --separate-stderr "$BIN/step-report" <<< 'not json'
}

@test "report: the reverse-stress column names config.risk.reverse_stress_loss, not always 10%" {
	jq '.config.risk.reverse_stress_loss = 0.05' "$RISK" > in.json
	run -0 --separate-stderr "$BIN/step-report" --report-dir d < in.json
	grep -q '| Multiple losing 5% |' d/2024-01-15/report.md
	grep -q '<th>Multiple losing 5%</th>' d/2024-01-15/report.html
	run -1 grep -h 'losing 10%' d/2024-01-15/report.md d/2024-01-15/report.html
	run -0 --separate-stderr "$BIN/step-report" --report-dir e < "$RISK"
	grep -q '| Multiple losing 10% |' e/2024-01-15/report.md
}

@test "report: an as_of that is not a date is exit 65 and writes nothing outside the dir" {
	mkdir sub
	jq '.as_of = "../escaped"' "$RISK" > in.json
	run -65 --separate-stderr "$BIN/step-report" --report-dir sub/reports < in.json
	assert_output ''
	[[ "$stderr" == "report: fatal: field 'as_of': invalid date '../escaped', expected YYYY-MM-DD" ]]
	[ ! -e sub/escaped ]
}

@test "report: an unwritable report dir is exit 74 and leaves no file" {
	touch blocker
	run -74 --separate-stderr "$BIN/step-report" --report-dir blocker/x < "$RISK"
	assert_output ''
	[[ "$stderr" == "report: fatal: unable to create 'blocker/x':"* ]]
}

@test "report: -h is usage on stdout, a bad option exit 64" {
	run -0 "$BIN/step-report" -h
	assert_output --partial "--report-dir DIR"
	run -64 --separate-stderr "$BIN/step-report" --bogus
	run -64 --separate-stderr "$BIN/step-report" --report-dir
}

@test "report: the eleven sections in order, in report.md and report.html" {
	cd "$BATS_FILE_TMPDIR"
	want=$'Header\nP&L\nPositions\nTrades vs previous book\nStrategies and signals\nRegime\nMarket snapshot\nValue at risk (1 day, % of NAV)\nStress tests and reverse stress\nLimits (% of NAV)\nData quality'
	run -0 sed -n 's/^## //p' reports/2024-01-15/report.md
	assert_output "$want"
	run -0 sed -n 's/^<h2>\(.*\)<\/h2>$/\1/p' reports/2024-01-15/report.html
	assert_output "${want//&/&amp;}"
	run -0 xmllint --noout reports/2024-01-15/report.html
	run -1 grep -Ewi 'nan|null|inf|infinity|undefined' reports/2024-01-15/report.md
	run -1 grep -Ewi 'nan|null|inf|infinity|undefined' reports/2024-01-15/report.html
}

@test "report: header names the run, the data source, the status; no wall clock" {
	pycheck '
h = {r["Item"]: r["Value"] for r in T("Header")}
assert h["Date"] == "2024-01-15" and h["Run id"] == S["run_id"], h
assert h["Dry run"] == "no", h
src = S["ingest"]["sources"][0]
assert h["Data source"].startswith("synthetic (seed %d, %d series)" % (src["seed"], src["series"])), h
assert S["ingest"]["catalogue"] in h["Data source"], h
assert h["Generated at"] == "as of 2024-01-15, run " + S["run_id"], h
assert h["Quality status"] == "%s (score %d)" % (S["quality"]["status"], S["quality"]["score"]), h
assert h["Risk level"] == S["risk"]["risk_level"], h
near(pct(h["VaR 95% (1 day)"]), S["risk"]["var"]["historical"]["var_95"], 5e-5, "VaR")
'
}

@test "report: P&L day, MTD, YTD and attribution as the state gives them (hand figures)" {
	pycheck '
d = T("P&L")
assert d == [{"Date": "2024-01-15", "P&L % NAV": "0.1200%", "P&L BRL": "1,200,000"}], d
# NAV BRL 1e9 (portfolio.totals): 0.001 of NAV is BRL 1,000,000, 0.0002 is 200,000
assert T("P&L by package") == [
    {"Package": "RATES_BR_02", "P&L % NAV": "0.1000%", "P&L BRL": "1,000,000"},
    {"Package": "unattributed", "P&L % NAV": "0.0200%", "P&L BRL": "200,000"}], T("P&L by package")
assert T("P&L by instrument")[0] == {"Instrument": "DI_10Y", "P&L % NAV": "0.0900%", "P&L BRL": "900,000"}
assert [r["Asset class"] for r in T("P&L by asset class")] == ["FIXED_INCOME", "FX"]
t = T("Track record")
assert t == [{"Day": "0.1200%", "MTD": "-0.9335%", "YTD": "-0.9335%", "Drawdown": "1.23%",
    "Peak date": "2024-01-10", "Max drawdown": "1.35%", "NAV index": "0.990665", "Days": "4"}], t
h = T("Track record, last days")
assert [r["Date"] for r in h] == ["2024-01-10", "2024-01-11", "2024-01-12", "2024-01-15"], h
# 1.003 x 0.988 = 0.990964; drawdown 1 - 0.988 = 1.2 %
assert h[1] == {"Date": "2024-01-11", "P&L % NAV": "-1.2000%", "NAV index": "0.990964", "Drawdown": "1.20%"}, h[1]
'
	grep -q 'Realised P&L of the book held from 2024-01-12 to 2024-01-15: 0.1200% of NAV, BRL 1,200,000 (NAV BRL 1,000,000,000; 2 holding-days without a return' \
	    "$BATS_FILE_TMPDIR/reports/2024-01-15/report.md"
}

@test "report: without P&L or track record it says why and shows no figure" {
	jq '.portfolio.pnl = {"available":false,"reason":"no previous book"} |
	    .risk.track_record = {"available":false,"reason":"no track record (dry run: no database)"}' \
	    "$BATS_FILE_TMPDIR/full-in.json" > in.json
	run -0 --separate-stderr "$BIN/step-report" --report-dir d < in.json
	run -0 sed -n '/^## P&L/,/^## Positions/p' d/2024-01-15/report.md
	assert_output $'## P&L\n\nRealised P&L unavailable: no previous book.\n\n### Track record\n\nTrack record unavailable: no track record (dry run: no database).\n\n## Positions'
	grep -q '^VaR trend and back-test unavailable: no track record (dry run: no database).$' d/2024-01-15/report.md
	run -0 jq -c '[.pnl_day, .pnl_source]' d/2024-01-15/summary.json
	assert_output '[null,"none"]'
	# absent keys altogether: said so as well
	jq 'del(.portfolio.pnl, .risk.track_record)' in.json | "$BIN/step-report" --report-dir e > /dev/null
	grep -q '^Realised P&L unavailable: no portfolio.pnl in the state.$' e/2024-01-15/report.md
	grep -q '^Track record unavailable: no risk.track_record in the state.$' e/2024-01-15/report.md
}

@test "report: positions in desk units and packages match the state" {
	pycheck '
rows = T("Positions")
ins = S["portfolio"]["instruments"]
assert len(rows) == len(ins) + 1, rows
for r, i in zip(rows, ins):
    assert r["Instrument"] == i["instrument"] and r["Class"] == i["asset_class"], (r, i)
    near(pct(r["Weight"]), i["held_weight"], 5e-5, "weight")
    near(brl(r["Notional BRL"]), i["notional_brl"], 0.5, "notional")
    if "dv01_brl" in i: near(brl(r["DV01 BRL/bp"]), i["dv01_brl"], 0.5, "dv01")
    else: assert r["DV01 BRL/bp"] == "-", r
    if "usd_delta" in i: near(brl(r["USD delta"]), i["usd_delta"], 0.5, "usd delta")
tot = S["portfolio"]["totals"]
near(brl(rows[-1]["Notional BRL"]), tot["gross_notional_brl"], 0.5, "gross")
near(brl(rows[-1]["DV01 BRL/bp"]), tot["dv01_brl"], 0.5, "dv01 total")
pk = [p for p in S["strategies"]["packages"] if p["package_status"] != "closed"]
rows = T("Packages")
assert len(rows) == len(pk) > 0, rows
for r, p in zip(rows, pk):
    assert r["Package"] == p["strategy_id"] + " " + p["instrument"] and r["Side"] == p["direction"], r
    assert r["Entry"] == p["entry_date"] and r["Status"] == p["package_status"], r
    near(float(r["Entry level"]), p["entry_level"], 5e-5, "entry")
    near(float(r["Stop"]), p["stop_loss"], 5e-5, "stop")
    near(float(r["Target"]), p["take_profit"], 5e-5, "target")
    near(float(r["To stop (σ)"]), p["distance_to_stop_sigmas"], 0.05, "sigmas")
    assert int(r["Days"]) == p["business_days_held"], r
'
}

@test "report: trades vs the previous book, opened and closed packages with reasons" {
	pycheck '
rows = T("Trades vs previous book")
tr = S["portfolio"]["trades"]
assert len(rows) == len(tr) > 0, rows
for r, t in zip(rows, tr):
    assert r["Instrument"] == t["instrument"], r
    near(pct(r["From"]), t["from"], 5e-5, "from")
    near(pct(r["To"]), t["to"], 5e-5, "to")
    near(pct(r["Change"]), t["delta"], 5e-5, "delta")
    held = [i for i in S["portfolio"]["instruments"] if i["instrument"] == t["instrument"]]
    assert r["Strategies"] == (", ".join(held[0]["contributors"]) if held else "none (position closed)"), r
ev = T("Packages opened and closed")
op = [p for p in S["strategies"]["packages"] if p["package_status"] == "opened"]
assert len(ev) == len(op) + 1, ev
for r, p in zip(ev, op):
    assert r["Event"] == "opened" and r["Reason"] == "entry signal %s (%s, confidence %.2f)" % (
        p["entry_signal"], p["strength"], p["confidence"]), r
assert ev[-1] == {"Package": "RATES_BR_04 UST_10Y SHORT", "Event": "closed", "Date": "2024-01-15",
    "Reason": "stop-loss 4.10 hit at 4.12 on 2024-01-15"}, ev[-1]
'
}

@test "report: the eight strategies with status and reason, the 23 signals" {
	pycheck '
rows = T("Strategies and signals")
dg = S["strategies"]["diagnostics"]
assert len(rows) == 8 == len(dg), rows
for r, d in zip(rows, dg):
    assert (r["Strategy"], r["Status"], r["Reason"]) == (d["strategy_id"], d["status"], d["reason"]), r
    assert r["Direction"] == (d["direction"] or "-"), r
sig = [x for a in S["agents"]["reports"] for x in a["signals"]]
rows = T("Signals")
assert len(rows) == len(sig) == 23, len(rows)
for r, x in zip(rows, sig):
    assert (r["Signal"], r["Direction"], r["Strength"]) == (x["signal_id"], x["direction"], x["strength"]), r
    near(float(r["Confidence"]), x["confidence"], 0.005, "confidence")
    assert r["Reason"] == x["metadata"].get("reason", ""), r
'
	# a flat book says so
	jq '.strategies.diagnostics |= map(.status = "no_position")' "$BATS_FILE_TMPDIR/full-in.json" |
	    "$BIN/step-report" --report-dir d > /dev/null
	grep -q '^The book is flat: none of the 8 strategies has a position (reasons above).$' d/2024-01-15/report.md
}

@test "report: regime from agents, aggregate and the portfolio's scale" {
	pycheck '
rows = T("Regime")
a, g, p = S["agents"]["regime"], S["aggregate"]["regime"], S["portfolio"]
assert rows[0]["Label"] == a["label"] and rows[1]["Label"] == a["hmm"]["regime"], rows
near(float(rows[0]["Score"]), a["score"], 5e-4, "agents score")
assert rows[2]["Label"] == g["label"] and rows[3]["Label"] == p["regime"], rows
assert rows[3]["Detail"] == "regime scale %.2f" % p["regime_scale"], rows
'
}

@test "report: market snapshot values and daily changes recomputed from ingest.series" {
	pycheck '
import datetime
ing = S["ingest"]
def obs(sid, day):
    s = ing["series"][sid]
    dates = s.get("dates") or ing["calendars"][s["calendar"]]
    pts = [(d, v) for d, v in zip(dates, s["values"]) if v is not None and d <= day]
    return pts[-1], pts[-2]
today = datetime.date(2024, 1, 15)
wk, mo = str(today - datetime.timedelta(days=7)), "2023-12-15"
rows = T("DI curve")
for r, sid in zip(rows, ["BR_DI_1Y", "BR_DI_2Y", "BR_DI_5Y", "BR_DI_10Y"]):
    (d0, v0), _ = obs(sid, "2024-01-15")
    (d1, v1), _ = obs(sid, wk)
    (d2, v2), _ = obs(sid, mo)
    near(float(r["Today %"]), v0, 1e-9, sid)
    near(float(r["1 week ago %"]), v1, 1e-9, sid + " 1w")
    near(float(r["1 month ago %"]), v2, 1e-9, sid + " 1m")
    near(float(r["Change 1w"].split()[0]), (v0 - v1) * 100, 0.051, sid + " 1w bp")
    near(float(r["Change 1m"].split()[0]), (v0 - v2) * 100, 0.051, sid + " 1m bp")
rows = {r["Series"]: r for r in T("Key series")}
for name, sid in [("Selic target", "BR_SELIC_TARGET"), ("Focus IPCA 12m", "BR_FOCUS_IPCA_12M"),
                  ("USDBRL", "USDBRL"), ("UST 2Y", "US_UST_2Y"), ("UST 10Y", "US_UST_10Y"),
                  ("VIX", "VIX"), ("EMBI Brazil", "BR_EMBI")]:
    r = rows[name]
    (d0, v0), (d1, v1) = obs(sid, "2024-01-15")
    assert r["Date"] == d0, r
    near(float(r["Last"]), v0, abs(v0) * 1e-5, name)
    near(float(r["Previous"]), v1, abs(v1) * 1e-5, name)
    unit = ing["series"][sid]["unit"]
    ch, u = r["Daily change"].split() if " " in r["Daily change"] else (r["Daily change"], "%")
    want = {"%": (v0 - v1) * 100, "bp": v0 - v1, "index": v0 - v1}.get(unit, (v0 / v1 - 1) * 100)
    near(float(ch.rstrip("%")), want, 0.0051 if u != "bp" else 0.051, name + " change")
    assert u == {"%": "bp", "bp": "bp", "index": "pts"}.get(unit, "%"), (name, r)
'
}

@test "report: VaR by method, trend and back-test as in the state" {
	pycheck '
rows = T("Value at risk (1 day, % of NAV)")
for r in rows:
    v = S["risk"]["var"][r["Slot"]]
    near(pct(r["VaR 95%"]), v["var_95"], 5e-5, "var95")
    near(pct(r["CVaR 99%"]), v["cvar_99"], 5e-5, "cvar99")
tr = T("VaR trend: realised P&L against the VaR predicted the day before")
h = S["risk"]["track_record"]["history"]
assert [r["Date"] for r in tr] == [x["date"] for x in h], tr
assert tr[0]["VaR 95%"] == "n/a" and tr[1]["Exception"] == "95%" and tr[2]["Exception"] == "", tr
near(pct(tr[3]["VaR 99%"]), -0.015, 5e-6, "var99 today")
bt = T("VaR back-test")
assert bt[0] == {"Level": "95%", "Days": "3", "Exceptions": "1", "Rate": "33.33%",
    "Kupiec p": "0.1231", "Christoffersen p": "1.0000", "Basel zone": "-"}, bt[0]
assert bt[1]["Basel zone"] == "green" and bt[1]["Exceptions"] == "0", bt[1]
'
}

@test "report: stress, reverse stress and limits in percent with reasons" {
	pycheck '
rows = T("Stress tests and reverse stress")
st = S["risk"]["stress"]
assert len(rows) == len(st), rows
for r, x in zip(rows, st):
    assert r["Scenario"] == x["scenario"], r
    near(pct(r["P&L"]), x["pnl_pct"], 5e-5, "stress")
    last = r["Multiple losing 10%"]
    if x["reverse_multiple"] is None: assert last == x["reverse_reason"], r
    else: near(float(last), x["reverse_multiple"], 0.005, "multiple")
rows = T("Limits (% of NAV)")
lim = S["risk"]["limits"]
assert len(rows) == len(lim), rows
for r, l in zip(rows, lim):
    assert r["Limit"] == l["name"], r
    near(pct(r["Maximum"]), l["limit"], 5e-5, "limit")
    if l["checked"]:
        near(pct(r["Utilisation"]), l["utilisation"], 5e-4, "utilisation")
        near(pct(r["Value"]), l["value"], 5e-5, "value")
    else:
        assert r["Status"] == "not checked" and r["Reason"] == l["reason"] != "", r
'
}

@test "report: data quality lists the absent and stale series" {
	pycheck '
rows = T("Data quality")
assert rows == [
    {"Series": "BR_FOCUS_IPCA_12M", "Finding": "stale", "Last": "2023-11-30", "Days behind": "33", "Critical": "yes"},
    {"Series": "DXY", "Finding": "absent", "Last": "none", "Days behind": "n/a", "Critical": "no"}], rows
'
	grep -q '<td class="bad">absent</td>' "$BATS_FILE_TMPDIR/reports/2024-01-15/report.html"
}

@test "report: index.html lists every date newest first with status, P&L, VaR and links" {
	for d in 2024-01-12 2024-01-16 2024-01-15; do
		jq --arg d "$d" '.as_of = $d' "$BATS_FILE_TMPDIR/full-in.json" |
		    "$BIN/step-report" --report-dir reports > /dev/null
	done
	run -0 xmllint --noout reports/index.html
	run -0 sed -n 's/^<tr><td>\([0-9-]*\)<\/td>.*/\1/p' reports/index.html
	assert_output $'2024-01-16\n2024-01-15\n2024-01-12'
	# a rerun of a date replaces its row, no duplicate
	jq '.as_of = "2024-01-15" | .risk.track_record.pnl_day = -0.0021' "$BATS_FILE_TMPDIR/full-in.json" |
	    "$BIN/step-report" --report-dir reports > /dev/null
	run -0 grep -c '^<tr><td>2024-01-15</td>' reports/index.html
	assert_output 1
	# VaR 95 as the state has it, in percent with two decimals
	var=$(jq -r '.risk.var.historical.var_95 * 100 | . * 100 | round / 100 |
	    tostring | if test("\\.") then . else . + ".0" end |
	    if test("\\.[0-9]$") then . + "0" else . end' "$BATS_FILE_TMPDIR/full-in.json")
	grep -qF "<tr><td>2024-01-15</td><td>PASS</td>" reports/index.html
	grep -q "^<tr><td>2024-01-15</td><td>PASS</td><td>[A-Z]*</td><td>-0.2100%</td><td>$var%</td><td>0f0e0d0c-0000-4000-8000-000000000002</td><td><a href=\"2024-01-15/report.html\">html</a> <a href=\"2024-01-15/report.md\">md</a></td></tr>$" reports/index.html
	run -0 jq -c '[.as_of, .pnl_day, .pnl_source, .quality_status]' reports/2024-01-15/summary.json
	assert_output '["2024-01-15",-0.0021,"risk.track_record.pnl_day","PASS"]'
	run -0 jq -c '[.report_html, .report_md]' reports/2024-01-15/summary.json
	assert_output '["2024-01-15/report.html","2024-01-15/report.md"]'
	# the realised P&L stands in without a track record
	jq '.as_of = "2024-01-12" | del(.risk.track_record)' "$BATS_FILE_TMPDIR/full-in.json" |
	    "$BIN/step-report" --report-dir reports > /dev/null
	run -0 jq -c '[.pnl_day, .pnl_source]' reports/2024-01-12/summary.json
	assert_output '[0.0012,"portfolio.pnl.total"]'
	# a date directory without a summary is listed as such; other names are ignored
	mkdir reports/2023-12-29 reports/notes
	"$BIN/step-report" --report-dir reports < "$BATS_FILE_TMPDIR/full-in.json" > /dev/null
	run -0 sed -n 's/^<tr><td>\([0-9-]*\)<\/td><td>\([^<]*\)<.*/\1 \2/p' reports/index.html
	assert_output $'2024-01-16 PASS\n2024-01-15 PASS\n2024-01-12 PASS\n2023-12-29 n/a (no summary.json)'
	run -1 grep -Ewi 'nan|null|inf|undefined' reports/index.html
}

@test "report: top_positions carry the side and the desk unit of portfolio.instruments" {
	risk=$(pipeline_to 2024-01-15 risk)
	"$BIN/step-report" < "$risk" > out.json
	run -0 jq -e '.portfolio.instruments as $l | .report.summary.top_positions | length > 0 and
	    all(.[]; . as $t | ($l[] | select(.instrument == $t.instrument)) as $i |
	      ($t.side == (if $t.weight > 0 then "LONG" else "SHORT" end)) and
	      (if $i.dv01_brl != null then $t.dv01_brl == $i.dv01_brl
	       elif $i.usd_delta != null then $t.usd_delta == $i.usd_delta else true end))' out.json
}
