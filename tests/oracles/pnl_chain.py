#!/usr/bin/python3
"""Hand-built states and a hand calculation for portfolio.pnl (tests/bats/19-pnl.bats).

  pnl_chain.py state AS_OF VARIANT   a state up to 'strategies' for step-portfolio:
      BR_DI_1Y, BR_DI_2Y, USDBRL (random walks, fixed seed, the same path whatever
      AS_OF: the run only sees the days up to AS_OF), BR_CDI and US_FED_FUNDS flat
      (the US series skips Martin Luther King day, 2024-01-15), three hand-written
      packages: RATES_BR_01 receives DI_1Y, RATES_BR_02 a DI_1Y/DI_2Y curve
      (-0.5, +1), FX_BR_01 sells USD; VARIANT (0, 1, 2) changes their confidences.
  pnl_chain.py check PREV OUT DAYS   the P&L of PREV's portfolio.weights over DAYS
      (comma-separated desk business days, written by the test), by the formulas of
      docs/RISK.md "Realised P&L" (DI: -D dy/100 + (y0 - CDI)/100/252, D = T/(1 +
      y0/100); USD long: ln(S1/S0) + (FF - CDI)/100/252, rates carried forward over
      a day without a print), attributed pro rata of PREV's package legs; compared
      with OUT's portfolio.pnl to 1e-12. Prints OK lines, or FAIL lines.
"""
import json
import math
import sys

import numpy as np

END = "2024-01-19"
N = 160


def dates():
    out, d = [], np.datetime64(END)
    while len(out) < N:
        if np.is_busday(d):
            out.append(d)
        d -= 1
    return out[::-1]


def state(as_of, variant):
    rng = np.random.default_rng(11)
    ds = dates()
    keep = [d for d in ds if d <= np.datetime64(as_of)]
    n = len(keep)

    def ser(sid, unit, days, vals):
        return {"id": sid, "freq": "D", "unit": unit, "dates": [str(d) for d in days],
                "values": [round(float(v), 4) for v in vals]}
    walk = {"BR_DI_1Y": 10.5 + np.cumsum(0.08 * rng.standard_normal(N)),
            "BR_DI_2Y": 10.9 + np.cumsum(0.10 * rng.standard_normal(N)),
            "USDBRL": 4.9 * np.exp(np.cumsum(0.009 * rng.standard_normal(N)))}
    series = {sid: ser(sid, "BRL/USD" if sid == "USDBRL" else "%", keep, v[:n])
              for sid, v in walk.items()}
    series["BR_CDI"] = ser("BR_CDI", "%", keep, [11.65] * n)
    us = [d for d in keep if str(d) != "2024-01-15"]
    series["US_FED_FUNDS"] = ser("US_FED_FUNDS", "%", us, [5.33] * len(us))
    conf = [(0.8, 0.6, 0.7), (0.5, 0.9, 0.4), (0.9, 0.3, 0.8)][variant]

    def pos(sid, legs, c):
        return {"strategy_id": sid, "confidence": c, "strength": "STRONG",
                "legs": [{"instrument": i, "weight": w} for i, w in legs]}
    return {
        "as_of": as_of,
        "ingest": {"as_of": as_of, "series": series},
        "aggregate": {"conflict_classes": [], "regime": {"label": "NEUTRAL", "score": 0.0}},
        "strategies": {"positions": [
            pos("RATES_BR_01", [("DI_1Y", 1.0)], conf[0]),
            pos("RATES_BR_02", [("DI_1Y", -0.5), ("DI_2Y", 1.0)], conf[1]),
            pos("FX_BR_01", [("USDBRL", -1.0)], conf[2])]},
        "config": {},
    }


def level(st, sid, day):
    s = st["ingest"]["series"][sid]
    v = None
    for d, x in zip(s["dates"], s["values"]):
        if d <= day:
            v = x
    return v


def ret(st, ins, d0, d1):
    cdi = level(st, "BR_CDI", d0) / 100 / 252
    if ins in ("DI_1Y", "DI_2Y"):
        tenor = 1 if ins == "DI_1Y" else 2
        y0, y1 = level(st, "BR_" + ins, d0), level(st, "BR_" + ins, d1)
        return -tenor / (1 + y0 / 100) * (y1 - y0) / 100 + y0 / 100 / 252 - cdi
    s0, s1 = level(st, "USDBRL", d0), level(st, "USDBRL", d1)
    return math.log(s1 / s0) + level(st, "US_FED_FUNDS", d0) / 100 / 252 - cdi


def check(prev_f, out_f, days):
    prev, out = json.load(open(prev_f)), json.load(open(out_f))
    got = out["portfolio"]["pnl"]
    days = days.split(",")
    path = [prev["as_of"]] + days
    fails = []

    def near(name, a, b, tol=1e-12):
        if not (abs(a - b) <= tol):
            fails.append("FAIL %s: %r != %r" % (name, a, b))
    ins_pnl, pkg_pnl, daily = {}, {}, [0.0] * len(days)
    for ins, w in prev["portfolio"]["weights"].items():
        legs = [(p["strategy_id"], l["weight"]) for p in prev["portfolio"]["packages"]
                for l in p["legs"] if l["instrument"] == ins]
        tot = sum(x for _, x in legs)
        r = [ret(out, ins, path[t], path[t + 1]) for t in range(len(days))]
        for t in range(len(days)):
            daily[t] += w * r[t]
        ins_pnl[ins] = w * sum(r)
        for sid, x in legs:
            pkg_pnl[sid] = pkg_pnl.get(sid, 0.0) + w * x / tot * sum(r)
    total = sum(daily)
    if [d["date"] for d in got["days"]] != days:
        fails.append("FAIL days %r" % [d["date"] for d in got["days"]])
    for t, d in enumerate(got["days"][:len(days)]):
        near("pnl on " + d["date"], d["pnl"], daily[t])
    near("total", got["total"], total)
    near("total_brl", got["total_brl"], total * 1e9, 1e-3)
    for k, v in ins_pnl.items():
        near("by_instrument." + k, got["by_instrument"][k], v)
    for k, v in pkg_pnl.items():
        near("by_package." + k, got["by_package"][k], v)
    fx = ins_pnl.get("USDBRL", 0.0)
    near("by_asset_class.FX", got["by_asset_class"].get("FX", 0.0), fx)
    near("by_asset_class.FIXED_INCOME", got["by_asset_class"].get("FIXED_INCOME", 0.0),
         total - fx)
    for key in ("by_instrument", "by_package", "by_asset_class"):
        near(key + " sums to the total", sum(got[key].values()), got["total"])
    if got["from"] != prev["as_of"] or got["to"] != out["as_of"]:
        fails.append("FAIL from/to %s %s" % (got["from"], got["to"]))
    print("\n".join(fails) if fails else "OK %d days, total %.12g" % (len(days), total))


if __name__ == "__main__":
    if sys.argv[1] == "state":
        json.dump(state(sys.argv[2], int(sys.argv[3])), sys.stdout)
    else:
        check(sys.argv[2], sys.argv[3], sys.argv[4])
