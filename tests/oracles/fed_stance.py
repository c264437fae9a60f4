#!/usr/bin/python3
"""MONETARY_US_FED_STANCE recomputed from a state's own inputs (docs/AGENTS.md).

usage: fed_stance.py STATE.json   (a state after step-agents: ingest and agents sections)
From ingest's series: u = US_UNEMPLOYMENT on the 180 months ending in as_of's month, its
HP trend u* (statsmodels hpfilter, lambda 14400) over the months it has (>= 24, the last
at most 6 months before as_of's month); core = the 12-month change of the last 13
US_CPI_CORE values (consecutive months); FF = the last US_FED_FUNDS value. Then
i* = 2.5 + 1.5 (core - 2) + 0.5 * 2 (u* - u), gap = FF - i*, LONG >= 0.5, SHORT <= -0.5.
Prints "DIRECTION gap" from this computation, then "ok" when the agent's signal has the
same direction and its value, taylor_rate and unemployment_gap agree within 1e-5 (the
state keeps six decimals), else one line per difference (exit 1).
"""
import json
import os
import sys

import numpy as np
from statsmodels.tsa.filters.hp_filter import hpfilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statelib import expand  # noqa: E402

st = expand(json.load(open(sys.argv[1])))
ser = st["ingest"]["series"]
as_of = st["ingest"]["as_of"]


def month(d):
    return int(d[:4]) * 12 + int(d[5:7]) - 1


last_m = month(as_of)
um = {month(d): v for d, v in zip(ser["US_UNEMPLOYMENT"]["dates"],
                                   ser["US_UNEMPLOYMENT"]["values"])
      if v is not None and last_m - 179 <= month(d) <= last_m}
ms = sorted(um)
u = np.array([um[m] for m in ms], float)
assert len(u) >= 24 and last_m - ms[-1] <= 6, "unemployment too short or stale"
_, trend = hpfilter(u, 14400)
ugap = trend[-1] - u[-1]
cpi = [(month(d), v) for d, v in zip(ser["US_CPI_CORE"]["dates"], ser["US_CPI_CORE"]["values"])
       if v is not None][-13:]
assert cpi[-1][0] - cpi[0][0] == 12
core = (cpi[-1][1] / cpi[0][1] - 1) * 100
ff = [v for v in ser["US_FED_FUNDS"]["values"] if v is not None][-1]
istar = 2.5 + 1.5 * (core - 2) + 0.5 * 2 * ugap
gap = ff - istar
want = "LONG" if gap >= 0.5 else "SHORT" if gap <= -0.5 else "NEUTRAL"
print(want, "%.4f" % gap)

sig = [s for r in st["agents"]["reports"] for s in r["signals"]
       if s["signal_id"] == "MONETARY_US_FED_STANCE"][0]
bad = []
if sig["direction"] != want:
    bad.append("direction %s, oracle %s" % (sig["direction"], want))
for name, got, exp in (("value", sig["value"], gap),
                       ("taylor_rate", sig["metadata"]["taylor_rate"], istar),
                       ("unemployment_gap", sig["metadata"]["unemployment_gap"], ugap)):
    if abs(got - exp) > 1e-5:
        bad.append("%s %r, oracle %r" % (name, got, exp))
print("\n".join(bad) if bad else "ok")
sys.exit(1 if bad else 0)
