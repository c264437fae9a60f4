#!/usr/bin/python3
"""Independent check of step-portfolio's risk budgets on its own output state.

Recomputes each instrument's daily returns from the state's series with the
formulas of common/instrument.h (levels on consecutive business-day
observations; the test states have no gaps), fits the risk covariance with the
numpy formulas of tests/oracles/riskcov.py (shrunk correlation of standardised
returns, own vols, half-life config.portfolio.half_life, default 90), builds
the leg matrix L from strategies.positions (each position's legs scaled so the
largest |leg| is 1) and the package covariance L' S L, and checks that
(1) observations and shrinkage match; (2) positions with equal or opposite unit
legs form groups whose budget is the signed net of theirs (configured budget x
max(confidence x strength multiplier, 0.1)); each group's risk contribution
(its net legs at the allocator sizes) equals its budget, normalised, to 1e-8
relative; (3) the group sizes match an SLSQP solution of
min sum (RC_g - B_g)^2 to 1e-5; (4) the final book's ex-ante vol
sqrt(252 w' S w) equals sizing.ex_ante_vol to 1e-9 relative and, when no limit
binds and no package is dampened, equals target_vol x regime scale x the budget
kept after netting within 1 %; (5) each DI line's DV01 is notional x D x 1e-4,
D = t/(1+y) (DESK formula, today's rate), and USDBRL's USD delta notional / spot.
Prints the figures; exit 1 on failure.

  portfolio_budget.py < portfolio-output.json
"""
import json
import os
import sys

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statelib import expand  # noqa: E402
from riskcov import riskcov  # noqa: E402

MULT = {"STRONG": 1.0, "MODERATE": 0.6, "WEAK": 0.3}


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


def leg_matrix(positions, names):
    L = np.zeros((len(names), len(positions)))
    for j, pos in enumerate(positions):
        for leg in pos["legs"]:
            L[names.index(leg["instrument"]), j] += leg["weight"]
        L[:, j] /= np.max(np.abs(L[:, j]))
    return L


def main():
    st = expand(json.load(sys.stdin))
    p = st["portfolio"]
    positions = st["strategies"]["positions"]
    conf = st.get("config", {}).get("portfolio", {})
    names = sorted({leg["instrument"] for pos in positions for leg in pos["legs"]})
    R = np.column_stack([returns(st["ingest"]["series"], n) for n in names])
    R = R[np.all(np.isfinite(R), axis=1)][-p["covariance"]["observations"]:]
    shrink, _, S = riskcov(R, conf.get("half_life", 90.0), True)
    L = leg_matrix(positions, names)
    b = np.array([conf.get("budgets", {}).get(pos["strategy_id"], 1.0) *
                  max(pos["confidence"] * MULT.get(pos["strength"], 0), 0.1)
                  for pos in positions])
    # Groups: positions whose unit legs are equal or opposite; budgets net, signed.
    groups, sign = [], []
    for j in range(L.shape[1]):
        for g in groups:
            r = g[0]
            if np.allclose(L[:, j], L[:, r], atol=1e-12, rtol=0):
                g.append(j), sign.append(1)
                break
            if np.allclose(L[:, j], -L[:, r], atol=1e-12, rtol=0):
                g.append(j), sign.append(-1)
                break
        else:
            groups.append([j]), sign.append(1)
    sign = np.array(sign)
    net = np.array([sum(sign[j] * b[j] for j in g) for g in groups])
    B = np.where(np.abs(net) > 1e-9 * b.sum(), np.abs(net), 0.0)
    kept = B.sum() / b.sum()
    act = [i for i in range(len(groups)) if B[i] > 0]
    s_pkg = np.array([k["allocator_size"] for k in p["packages"]])
    V = np.column_stack([L[:, g] @ s_pkg[g] for g in groups])   # net vector per group
    w0 = V.sum(axis=1)
    rc = np.array([V[:, i] @ S @ w0 for i in act]) / (w0 @ S @ w0)
    Bn = B[act] / B[act].sum()
    spread = np.max(np.abs(rc / Bn - 1))
    U = np.column_stack([np.sign(net[i]) * L[:, groups[i][0]] for i in act])
    s = np.array([V[:, i] @ U[:, n] / (U[:, n] @ U[:, n]) for n, i in enumerate(act)])
    P = U.T @ S @ U
    sd = np.sqrt(np.diag(P))
    C = P / np.outer(sd, sd)
    m = len(s)
    res = minimize(lambda x: np.sum((x * (C @ x) / (x @ C @ x) - Bn) ** 2),
                   np.ones(m) / m, method="SLSQP", bounds=[(1e-6, 1)] * m,
                   constraints=[{"type": "eq", "fun": lambda x: np.sum(x) - 1}],
                   options={"ftol": 1e-16, "maxiter": 2000})
    x = res.x / sd
    gap = np.max(np.abs(x / x.sum() - s / s.sum()))
    w = np.array([p["weights"].get(n, 0.0) for n in names])
    vol = np.sqrt(252 * w @ S @ w)
    fails = []
    if len(R) != p["covariance"]["observations"]:
        fails.append("observations %d vs %d" % (len(R), p["covariance"]["observations"]))
    if abs(shrink - p["covariance"]["shrinkage"]) > 1e-9 * max(shrink, 1e-12):
        fails.append("shrinkage %r vs %r" % (shrink, p["covariance"]["shrinkage"]))
    if spread > 1e-8:
        fails.append("RC / budget spread %g" % spread)
    if gap > 1e-5:
        fails.append("SLSQP gap %g" % gap)
    if abs(vol / p["sizing"]["ex_ante_vol"] - 1) > 1e-9:
        fails.append("ex-ante vol %r vs %r" % (vol, p["sizing"]["ex_ante_vol"]))
    free = not any(c["binding"] for c in p["constraints"]) and \
        not any(k["dampened"] for k in p["packages"])
    target = p["sizing"]["target_vol"] * p["regime_scale"] * kept
    if abs(kept - p["sizing"]["budget_kept"]) > 1e-12:
        fails.append("budget kept %r vs %r" % (kept, p["sizing"]["budget_kept"]))
    if free and abs(vol / target - 1) > 0.01:
        fails.append("ex-ante vol %g, target %g" % (vol, target))
    nav = conf.get("nav", 1e9)
    for ln in p["instruments"]:
        n = ln["instrument"]
        if n.startswith("DI_"):
            y = ffill(levels(st["ingest"]["series"], "BR_" + n))[-1]
            want = p["weights"].get(n, 0.0) * nav * float(n[3:-1]) / (1 + y / 100) * 1e-4
            if abs(ln["dv01_brl"] - want) > 1e-9 * max(abs(want), 1):
                fails.append("%s DV01 %r vs %r" % (n, ln["dv01_brl"], want))
    if "USDBRL" in p["weights"]:
        ln = [x for x in p["instruments"] if x["instrument"] == "USDBRL"]
        spot = ffill(levels(st["ingest"]["series"], "USDBRL"))[-1]
        want = p["weights"]["USDBRL"] * nav / spot
        if ln and abs(ln[0]["usd_delta"] - want) > 1e-9 * max(abs(want), 1):
            fails.append("USD delta %r vs %r" % (ln[0]["usd_delta"], want))
        if abs(p["totals"]["usd_delta"] - want) > 1e-9 * max(abs(want), 1):
            fails.append("total USD delta %r vs %r" % (p["totals"]["usd_delta"], want))
    print("groups %d instruments %s observations %d shrinkage %.6g RC spread %.3g "
          "SLSQP gap %.3g ex-ante vol %.6g target %.6g%s"
          % (m, ",".join(names), len(R), shrink, spread, gap, vol, target,
             "" if free else " (limits or dampening)"))
    for f in fails:
        print("FAIL:", f)
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
