#!/usr/bin/python3
"""Independent check of step-portfolio's risk parity on its own output state.

Recomputes each instrument's daily returns from the state's series with the
formulas of docs/MODELS.md / common/instrument.h (levels on consecutive business-day
observations; the test states have no gaps), fits sklearn's LedoitWolf, and
checks that (1) observations and shrinkage match, (2) the risk contributions of
step-portfolio's signed risk_parity_weight (the book as held: a net SHORT holds
minus the instrument's returns) under the sklearn covariance are equal to 1e-8
relative, and (3) the weights match an SLSQP solution of the reference's problem
(min sum (RC_i - 1/n)^2) on the covariance of the held returns to 1e-5. Prints
the figures; exit 1 on failure.

  portfolio_rp.py < portfolio-output.json
"""
import json
import os
import sys

import numpy as np
from scipy.optimize import minimize
from sklearn.covariance import LedoitWolf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statelib import expand  # noqa: E402


def levels(series, sid):
    s = series[sid]
    return np.array([np.nan if v is None else v for v in s["values"]], dtype=float)


def ffill(x):
    for i in range(1, len(x)):
        if np.isnan(x[i]):
            x[i] = x[i - 1]
    return x


def par_duration(y, t):
    r = y / 100
    return t if abs(r) < 1e-9 else (1 - (1 + r) ** -t) / r


def returns(series, inst):
    L = lambda sid: ffill(levels(series, sid))
    cdi = L("BR_CDI")
    if inst.startswith("DI_"):
        t = float(inst[3:-1])
        y = L("BR_" + inst)
        return -t / (1 + y[:-1] / 100) * np.diff(y) / 100 + (y[:-1] - cdi[:-1]) / 100 / 252
    if inst.startswith("UST_"):
        t = float(inst[4:-1])
        y = L("US_" + inst)
        return -np.array([par_duration(v, t) for v in y[:-1]]) * np.diff(y) / 100
    if inst == "NTNB_5Y":
        y = L("BR_NTNB_5Y")
        return -np.array([par_duration(v, 5) for v in y[:-1]]) * np.diff(y) / 100
    if inst == "BREAKEVEN_2Y":
        di = L("BR_DI_2Y")
        be = di - L("BR_NTNB_2Y")
        return 2 / (1 + di[:-1] / 100) * np.diff(be) / 100
    if inst == "USDBRL":
        s = L("USDBRL")
        return np.diff(np.log(s)) + (L("US_FED_FUNDS")[:-1] - cdi[:-1]) / 100 / 252
    if inst == "IBOVESPA":
        return np.diff(np.log(L("IBOVESPA")))
    raise SystemExit("oracle: instrument %s not supported" % inst)


def main():
    st = expand(json.load(sys.stdin))
    p = st["portfolio"]
    rows = [i for i in p["instruments"] if i["risk_parity_weight"] not in (0, None)]
    names = [i["instrument"] for i in rows]
    sw = np.array([i["risk_parity_weight"] for i in rows])
    sign = np.where(np.array([i["net_raw"] for i in rows]) < 0, -1.0, 1.0)
    w = np.abs(sw)
    R = np.column_stack([returns(st["ingest"]["series"], n) for n in names])
    R = R[np.all(np.isfinite(R), axis=1)][-p["covariance"]["observations"]:]
    lw = LedoitWolf().fit(R)
    S = lw.covariance_
    rc = sw * (S @ sw) / (sw @ S @ sw)     # the signed book's contributions
    n = len(w)
    sd = np.sqrt(np.diag(S))      # RC is scale-free: solve on the correlation matrix
    C = S / np.outer(sd, sd) * np.outer(sign, sign)   # of the held returns
    res = minimize(lambda x: np.sum((x * (C @ x) / (x @ C @ x) - 1 / n) ** 2),
                   np.ones(n) / n, method="SLSQP", bounds=[(1e-6, 1)] * n,
                   constraints=[{"type": "eq", "fun": lambda x: np.sum(x) - 1}],
                   options={"ftol": 1e-16, "maxiter": 2000})
    fails = []
    if len(R) != p["covariance"]["observations"]:
        fails.append("observations %d vs %d" % (len(R), p["covariance"]["observations"]))
    if abs(lw.shrinkage_ - p["covariance"]["shrinkage"]) > 1e-9 * max(lw.shrinkage_, 1e-12):
        fails.append("shrinkage %r vs %r" % (lw.shrinkage_, p["covariance"]["shrinkage"]))
    if np.any(np.sign(sw) != sign):
        fails.append("risk parity signs differ from the net weights")
    spread = np.max(np.abs(rc * n - 1))
    if spread > 1e-8:
        fails.append("RC spread %g" % spread)
    x = res.x / sd
    gap = np.max(np.abs(x / x.sum() - w))
    if gap > 1e-5:
        fails.append("SLSQP gap %g" % gap)
    print("instruments %s observations %d shrinkage %.6g RC spread %.3g SLSQP gap %.3g"
          % (",".join(names), len(R), lw.shrinkage_, spread, gap))
    for f in fails:
        print("FAIL:", f)
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
