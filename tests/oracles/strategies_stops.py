#!/usr/bin/python3
"""Oracle for the stops and targets of step-strategies' opened packages.

Reads a step-strategies output state on stdin and, for every package opened on
as_of, recomputes from the state's own series (docs/STRATEGIES.md "Position
lifecycle"): the level on each date of its first series (the others carried
forward up to 10 calendar days), sigma = sample std (numpy, ddof=1) of the last
63 daily changes, stop = entry - g*dir*k_stop*sigma*sqrt(h), target = entry +
g*dir*k_take*sigma*sqrt(h) with k_stop 1.0, k_take 1.5. Prints one line per
package: "ID INSTRUMENT sigma stop target" and the largest absolute difference
from the step's figures on the last line ("maxdiff X").
"""
import bisect
import datetime
import json
import sys

import numpy as np

LEVELS = {
    "DI_SLOPE_2Y_5Y": ["BR_DI_5Y", "BR_DI_2Y"],
    "DI_UST_SPREAD_1Y_2Y": ["BR_DI_1Y", "US_UST_2Y"],
    "CIP_BASIS_1Y": ["BR_DI_1Y", "US_UST_2Y", "US_FED_FUNDS"],
    "BREAKEVEN_2Y": ["BR_DI_2Y", "BR_NTNB_2Y"],
    "USDBRL": ["USDBRL"],
}


def day(s):
    return datetime.date.fromisoformat(s).toordinal()


def series(state, sid):
    s = state["ingest"]["series"][sid]
    dates = s.get("dates") or state["ingest"]["calendars"][s["calendar"]]
    pts = [(day(d), v) for d, v in zip(dates, s["values"]) if v is not None]
    return [p[0] for p in pts], [p[1] for p in pts]


def value_at(ser, d, gap=10):
    dates, vals = ser
    i = bisect.bisect_right(dates, d) - 1
    return vals[i] if i >= 0 and d - dates[i] <= gap else None


def main():
    state = json.load(sys.stdin)
    as_of = day(state["as_of"])
    worst = 0.0
    for p in state["strategies"]["packages"]:
        if p["package_status"] != "opened":
            continue
        ids = LEVELS.get(p["instrument"], ["BR_" + p["instrument"]])
        sers = [series(state, i) for i in ids]
        lv = []
        for d in sers[0][0]:
            if d > as_of:
                break
            parts = [value_at(s, d) for s in sers]
            if None not in parts:
                lv.append(parts[0] - sum(parts[1:]))
        ch = np.diff(np.array(lv[-64:]))
        sigma = ch.std(ddof=1)
        fav = p["gain_sign"] * (1 if p["direction"] == "LONG" else -1)
        span = sigma * np.sqrt(p["horizon_days"])
        stop = p["entry_level"] - fav * 1.0 * span
        take = p["entry_level"] + fav * 1.5 * span
        print(p["strategy_id"], p["instrument"], sigma, stop, take)
        for a, b in ((sigma, p["sigma_daily"]), (stop, p["stop_loss"]),
                     (take, p["take_profit"])):
            worst = max(worst, abs(a - b))
    print("maxdiff", worst)


if __name__ == "__main__":
    main()
