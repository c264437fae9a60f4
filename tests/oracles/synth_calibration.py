#!/usr/bin/python3
"""Checks the synthetic dataset against docs/CALIBRATION.md (loose bounds).

usage: synth_calibration.py STATE.json   (ingest run for 2024-06-28 with a 2010-2024 window)
Prints one line per failed check and exits 1 if any failed, else prints "ok".
The bounds are the calibration table's figures widened to what a realistic path may show;
they test levels, volatilities, fat tails, volatility clustering, correlation signs, the
IPCA seasonality and persistence, Copom-sized Selic moves and Focus lagging inflation.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statelib import expand  # noqa: E402

s = expand(json.load(open(sys.argv[1])))["ingest"]["series"]
fails = []


def arr(k, start="2010-01-01"):
    d = s[k]["dates"]
    v = np.array([np.nan if x is None else x for x in s[k]["values"]], float)
    keep = np.array([x >= start for x in d])
    return [x for x, k2 in zip(d, keep) if k2], v[keep]


def check(name, value, lo, hi):
    if not (lo <= value <= hi):
        fails.append("%s = %.4g not in [%g, %g]" % (name, value, lo, hi))


def kurt(x):
    x = x - x.mean()
    return (x ** 4).mean() / (x ** 2).mean() ** 2 - 3


def acf_sq(x):
    y = x ** 2
    return np.corrcoef(y[1:], y[:-1])[0, 1]


_, fx = arr("USDBRL")
_, ib = arr("IBOVESPA")
_, vx = arr("VIX")
rfx, rib, dvx = np.diff(np.log(fx)), np.diff(np.log(ib)), np.diff(vx)
check("USDBRL min", fx.min(), 1.2, 2.2)
check("USDBRL max", fx.max(), 4.5, 7.5)
check("USDBRL ann vol", rfx.std() * 252 ** 0.5, 0.09, 0.22)
check("USDBRL kurtosis", kurt(rfx), 1, 40)
check("USDBRL acf(r2)", acf_sq(rfx), 0.05, 0.7)
check("Ibovespa min", ib.min(), 25000, 55000)
check("Ibovespa max", ib.max(), 100000, 200000)
check("Ibovespa ann vol", rib.std() * 252 ** 0.5, 0.15, 0.35)
check("Ibovespa kurtosis", kurt(rib), 3, 60)
check("Ibovespa acf(r2)", acf_sq(rib), 0.1, 0.8)
check("VIX min", vx.min(), 7, 14)
check("VIX max", vx.max(), 45, 110)
check("corr USDBRL~Ibovespa", np.corrcoef(rfx, rib)[0, 1], -0.7, -0.2)
check("corr USDBRL~dVIX", np.corrcoef(rfx, dvx)[0, 1], 0.1, 0.5)
check("corr Ibovespa~dVIX", np.corrcoef(rib, dvx)[0, 1], -0.75, -0.3)
for k, lo, hi in (("US_UST_2Y", 2, 8), ("US_UST_10Y", 3, 9), ("BR_DI_1Y", 4, 15),
                  ("BR_DI_5Y", 6, 20)):
    _, v = arr(k)
    check(k + " sd of daily change (bp)", np.nanstd(np.diff(v)) * 100, lo, hi)
_, embi = arr("BR_EMBI")
check("EMBI min", embi.min(), 100, 200)
check("EMBI max", embi.max(), 400, 900)
d, sel = arr("BR_SELIC_TARGET")
moves = np.diff(sel)[np.diff(sel) != 0]
check("Selic min", sel.min(), 2, 3)
check("Selic max", sel.max(), 13, 16)
nmoves = sum(1 for x, m in zip(d[1:], np.diff(sel)) if m != 0 and x < "2023-01-01")
check("Selic moves 2010-2022", nmoves, 40, 110)
if not all(abs(m) in (0.25, 0.5, 0.75, 1.0, 1.5) for m in np.round(moves, 2)):
    fails.append("Selic move sizes not Copom-sized: %s" % sorted(set(np.round(moves, 2))))
d, ip = arr("BR_IPCA_MOM")
months = np.array([int(x[5:7]) for x in d])
means = np.array([ip[months == m].mean() for m in range(1, 13)])
calib = np.array([0.60, 0.69, 0.62, 0.50, 0.40, 0.31, 0.24, 0.23, 0.39, 0.55, 0.52, 0.71])
check("IPCA seasonality corr with CALIBRATION", np.corrcoef(means, calib)[0, 1], 0.8, 1)
check("IPCA m/m acf(1)", np.corrcoef(ip[1:], ip[:-1])[0, 1], 0.3, 0.85)
check("IPCA m/m min", ip.min(), -1.0, 0.1)
check("IPCA m/m max", ip.max(), 1.0, 2.0)
_, i12 = arr("BR_IPCA_12M")
check("IPCA 12m min", i12.min(), 1.5, 4)
check("IPCA 12m max", i12.max(), 9, 14)
# Focus lags realised inflation: monthly Focus tracks IPCA 12m of ~3 months earlier
# better than IPCA 12m of 3 months later.
fd, fo = arr("BR_FOCUS_IPCA_12M")
fm = {}
for x, v in zip(fd, fo):
    fm[x[:7]] = v
ym = [x[:7] for x in d]
f_al = np.array([fm.get(x, np.nan) for x in ym])
ok = ~np.isnan(f_al)
lag = np.corrcoef(f_al[ok][3:], i12[ok][:-3])[0, 1]
lead = np.corrcoef(f_al[ok][:-3], i12[ok][3:])[0, 1]
if not lag > lead:
    fails.append("Focus does not lag inflation (corr lag %.2f, lead %.2f)" % (lag, lead))
check("Focus min", fo.min(), 2.5, 4.5)
check("Focus max", fo.max(), 5.5, 8)
print("\n".join(fails) if fails else "ok")
sys.exit(1 if fails else 0)
