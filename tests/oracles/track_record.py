#!/usr/bin/python3
"""Oracle for risk.track_record (docs/RISK.md "Track record").

  track_record.py rows N SEED AS_OF   config.track_record of N rows (business days
      before AS_OF, random P&L and VaR predictions, some unknown) on stdout.
  track_record.py check IN OUT        recompute risk.track_record of OUT from IN's
      config.track_record, portfolio.pnl.total and config.risk.backtest_window (250):
      NAV index, MTD, YTD, drawdown from peak, the history, and the back-test, whose
      Kupiec and Christoffersen p-values come from tests/oracles/var_backtest.py
      (scipy) on the exception sequence. Prints OK, or FAIL lines (tolerance 1e-12).
"""
import json
import math
import os
import subprocess
import sys

import numpy as np


def rows(n, seed, as_of):
    rng = np.random.default_rng(seed)
    days, d = [], np.datetime64(as_of) - 1
    while len(days) < n:
        if np.is_busday(d):
            days.append(str(d))
        d -= 1
    out = []
    for i, day in enumerate(days[::-1]):
        v95 = -abs(rng.normal(0.01, 0.002))
        r = {"date": day, "pnl": float(rng.normal(0.0002, 0.007)), "var95": v95,
             "var99": 1.41 * v95}
        if i % 37 == 5:
            r["var95"] = r["var99"] = None
        out.append(r)
    json.dump({"rows": out, "prediction": {"var95": -0.011, "var99": -0.0155}}, sys.stdout)


def scipy_backtest(seq, p):
    if not seq:
        return None, None
    here = os.path.dirname(os.path.abspath(__file__))
    o = subprocess.run([sys.executable, os.path.join(here, "var_backtest.py"), str(p)],
                       input="".join("1" if h else "0" for h in seq), text=True,
                       capture_output=True, check=True).stdout.split()
    p_ind = float(o[10]) if len(seq) > 1 else None
    return float(o[4]), p_ind


def check(in_f, out_f):
    st, out = json.load(open(in_f)), json.load(open(out_f))
    got = out["risk"]["track_record"]
    window = st.get("config", {}).get("risk", {}).get("backtest_window", 250)
    tr = st["config"]["track_record"]
    pnl = st.get("portfolio", {}).get("pnl", {})
    rs = [dict(r) for r in tr["rows"]]
    pred = tr.get("prediction") or {}
    rs.append({"date": st["as_of"], "pnl": pnl.get("total") if pnl.get("available") else None,
               "var95": pred.get("var95"), "var99": pred.get("var99")})
    nav, peak, peak_date, mdd = 1.0, 1.0, None, 0.0
    for r in rs:
        if r["pnl"] is not None:
            nav *= 1 + r["pnl"]
        if nav > peak:
            peak, peak_date = nav, r["date"]
        r["nav"], r["dd"] = nav, 1 - nav / peak
        mdd = max(mdd, r["dd"])
        for lvl in ("95", "99"):
            v = r.get("var" + lvl)
            r["exc" + lvl] = None if v is None or r["pnl"] is None else r["pnl"] < -abs(v)

    def base(prefix):
        b = 1.0
        for r in rs:
            if r["date"] < prefix:
                b = r["nav"]
        return nav / b - 1
    fails = []

    def near(name, a, b, tol=1e-12):
        if (a is None) != (b is None) or (a is not None and not abs(a - b) <= tol):
            fails.append("FAIL %s: %r != %r" % (name, a, b))
    near("nav_index", got["nav_index"], nav)
    near("pnl_mtd", got["pnl_mtd"], base(st["as_of"][:8] + "01"))
    near("pnl_ytd", got["pnl_ytd"], base(st["as_of"][:5] + "01-01"))
    near("drawdown", got["drawdown"], rs[-1]["dd"])
    near("max_drawdown", got["max_drawdown"], mdd)
    if got["peak_date"] != peak_date or got["days"] != len(rs):
        fails.append("FAIL peak_date/days %r %r" % (got["peak_date"], got["days"]))
    hist = rs[-(window + 1):]
    if [h["date"] for h in got["history"]] != [r["date"] for r in hist]:
        fails.append("FAIL history dates")
    for h, r in zip(got["history"], hist):
        near("history nav " + r["date"], h["nav_index"], r["nav"])
        near("history drawdown " + r["date"], h["drawdown"], r["dd"])
        if h["exception95"] != r["exc95"] or h["exception99"] != r["exc99"]:
            fails.append("FAIL history exceptions " + r["date"])
    bt = rs[-window:]
    for lvl, p in (("95", 0.05), ("99", 0.01)):
        seq = [r["exc" + lvl] for r in bt if r["exc" + lvl] is not None]
        g = got["backtest"]["var" + lvl]
        kup, chris = scipy_backtest(seq, p)
        if g["days"] != len(seq) or g["exceptions"] != sum(seq):
            fails.append("FAIL var%s days/exceptions %r %r" % (lvl, g["days"], g["exceptions"]))
        near("var%s kupiec_p" % lvl, g["kupiec_p"], kup, 1e-10)
        near("var%s christoffersen_p" % lvl, g["christoffersen_p"], chris, 1e-10)
        if lvl == "99":
            x = sum(seq)
            zone = "green" if x <= 4 else "yellow" if x <= 9 else "red"
            if g["basel_zone"] != zone:
                fails.append("FAIL basel_zone %s != %s" % (g["basel_zone"], zone))
    print("\n".join(fails) if fails else "OK %d rows, %d in the back-test" % (len(rs), len(bt)))


if __name__ == "__main__":
    if sys.argv[1] == "rows":
        rows(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        check(sys.argv[2], sys.argv[3])
    sys.exit(0)
