#!/usr/bin/env bats
# report.html read in a real browser (headless Chromium, installed by scripts/deps):
# not blank, every section there, no NaN/undefined/null/inf text, A4 wide and printed
# on A4 (tests/tools/browser_check.py).
load ../helpers

@test "report: report.html renders in Chromium, complete, A4, no NaN" {
	command -v chromium >/dev/null || skip "no chromium (scripts/deps installs it)"
	command -v pdfinfo >/dev/null || skip "no pdfinfo (poppler-utils)"
	risk=$(pipeline_to 2024-01-15 risk)
	cd "$BATS_TEST_TMPDIR"
	jq '.config.report_dir = "reports"' "$risk" | "$BIN/step-report" > /dev/null
	run -0 "$PY" "$TOP/tests/tools/browser_check.py" reports/2024-01-15/report.html \
	    Header 'P&L' Positions 'Trades vs previous book' 'Strategies and signals' Regime \
	    'Market snapshot' 'Value at risk' 'Stress tests and reverse stress' Limits \
	    'Data quality'
	run -0 "$PY" "$TOP/tests/tools/browser_check.py" reports/index.html 'Dates, newest first'
}

@test "report: with a track record and realised P&L the page still fits A4, no NaN" {
	command -v chromium >/dev/null || skip "no chromium (scripts/deps installs it)"
	command -v pdfinfo >/dev/null || skip "no pdfinfo (poppler-utils)"
	risk=$(pipeline_to 2024-01-15 risk)
	cd "$BATS_TEST_TMPDIR"
	jq --slurpfile f "$TOP/tests/fixtures/report/track.json" \
	    '.config.report_dir = "reports" | .portfolio.pnl = $f[0].pnl |
	     .risk.track_record = $f[0].track_record' "$risk" | "$BIN/step-report" > /dev/null
	grep -q '<h3>VaR back-test</h3>' reports/2024-01-15/report.html
	run -0 "$PY" "$TOP/tests/tools/browser_check.py" reports/2024-01-15/report.html \
	    Header 'P&L' Positions 'Trades vs previous book' 'Strategies and signals' Regime \
	    'Market snapshot' 'Value at risk' 'Stress tests and reverse stress' Limits \
	    'Data quality'
}

@test "report: the browser check fails a blank, incomplete, too wide page" {
	command -v chromium >/dev/null || skip "no chromium (scripts/deps installs it)"
	command -v pdfinfo >/dev/null || skip "no pdfinfo (poppler-utils)"
	cd "$BATS_TEST_TMPDIR"
	printf '<html><body><h2>Summary</h2><p>NaN</p><div style="width:900px">x</div></body></html>' \
	    > bad.html
	run -1 "$PY" "$TOP/tests/tools/browser_check.py" bad.html Summary Limits
	[[ "$output" == *"screenshot is blank"* ]]
	[[ "$output" == *"no section 'Limits'"* ]]
	[[ "$output" == *"the page says 'NaN'"* ]]
	[[ "$output" == *"wider than A4"* ]]
	[[ "$output" == *"not A4"* ]]
}
