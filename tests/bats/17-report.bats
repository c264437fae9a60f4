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
