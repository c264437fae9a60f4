#!/usr/bin/python3
"""Independent reference for step-agents' models on one ingested state.

usage: agents_models.py < state.json > expected.json
       agents_models.py --compare expected.json agents-output.json
Prints {"<SIGNAL_ID>.<field>": value, ...} for the models recomputed here from
docs/AGENTS.md and docs/MODELS.md §3 with numpy/statsmodels (OLS, hpfilter) and
a direct Kalman filter: the Phillips curve, bottom-up, surprise, r* and Taylor,
DSA, BEER, the regime score and the 10Y-2Y slope. Values that cannot be computed
are left out. The bats suite compares them with step-agents' output.
"""
import datetime as dt
import json
import os
import math
import sys
import warnings

import numpy as np
import statsmodels.api as sm
from statsmodels.tsa.filters.hp_filter import hpfilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statelib import expand  # noqa: E402

NM = 180


def d(s):
    return dt.date.fromisoformat(s)


class State:
    def __init__(self, st):
        self.asof = d(st["as_of"])
        self.s = {}
        for k, v in st["ingest"]["series"].items():
            obs = [(d(a), b) for a, b in zip(v["dates"], v["values"])
                   if d(a) <= self.asof]
            self.s[k] = (v.get("freq", "D"), obs)
        y, m = self.asof.year, self.asof.month
        self.months = []
        for i in range(NM):
            mm = m - (NM - 1 - i)
            yy = y + (mm - 1) // 12
            mm = (mm - 1) % 12 + 1
            self.months.append((yy, mm))

    def finite(self, i):
        return [(a, b) for a, b in self.s.get(i, ("D", []))[1] if b is not None]

    def last(self, i):
        # A daily or weekly value over 31 days old is missing (docs/AGENTS.md).
        f = self.finite(i)
        if not f or (self.s[i][0] in "DW" and (self.asof - f[-1][0]).days > 31):
            return math.nan
        return f[-1][1]

    def policy(self, i):
        # A policy parameter (the inflation target) at most 62 days old.
        f = self.finite(i)
        if not f or (self.asof - f[-1][0]).days > 62:
            return math.nan
        return f[-1][1]

    def monthly(self, i):
        out = np.full(NM, math.nan)
        if i not in self.s:
            return out
        freq, obs = self.s[i]
        idx = {m: k for k, m in enumerate(self.months)}
        if freq in "MQ":
            for a, b in obs:
                if b is None:
                    continue
                for k in range(3 if freq == "Q" else 1):
                    mm = a.month + k
                    key = (a.year + (mm - 1) // 12, (mm - 1) % 12 + 1)
                    if key in idx:
                        out[idx[key]] = b
            return out
        # Month averages <id>_M first (docs/AGENTS.md), month-end values the rest.
        if self.s.get(i + "_M", ("D",))[0] == "M":
            out = self.monthly(i + "_M")
        for k, (yy, mm) in enumerate(self.months):
            if not math.isnan(out[k]):
                continue
            nxt = dt.date(yy + mm // 12, mm % 12 + 1, 1)
            end = min(nxt - dt.timedelta(days=1), self.asof)
            prior = [(a, b) for a, b in obs if a <= end and b is not None]
            if prior and (end - prior[-1][0]).days <= 10:
                out[k] = prior[-1][1]
        return out


def pct12(x):
    out = np.full(len(x), math.nan)
    out[12:] = (x[12:] / x[:-12] - 1) * 100
    return out


def yoy(mom):
    out = np.full(len(mom), math.nan)
    for t in range(11, len(mom)):
        out[t] = (np.prod(1 + mom[t - 11:t + 1] / 100) - 1) * 100
    return out


def hp_gap(S, i, lam, sign, pct):
    g = S.monthly(i)
    ok = ~np.isnan(g)
    out = np.full(NM, math.nan)
    if ok.sum() < 24:
        return out
    _, trend = hpfilter(g[ok], lam)
    a = g[ok]
    out[ok] = sign * ((a - trend) / trend * 100 if pct else a - trend)
    return out


def composite_gap(S, lam_ibc):
    gs = [hp_gap(S, "BR_IBC_BR", lam_ibc, 1, True),
          hp_gap(S, "BR_UNEMPLOYMENT", 14400, -1, False),
          hp_gap(S, "BR_CAPACITY_UTIL", 14400, 1, False)]
    w = [.40, .35, .25]
    out = np.full(NM, math.nan)
    for t in range(NM):
        num = sum(w[j] * gs[j][t] for j in range(3) if not math.isnan(gs[j][t]))
        den = sum(w[j] for j in range(3) if not math.isnan(gs[j][t]))
        if den > 0:
            out[t] = num / den
    return out


def lastf(x):
    f = x[~np.isnan(x)]
    return f[-1] if len(f) else math.nan


def phillips(S, out):
    core = yoy(S.monthly("BR_IPCA_CORE_MOM"))
    gap = composite_gap(S, 1600)  # no activity data: no gap column, not zeros
    comm = np.array([pct12(S.monthly(i)) for i in ("BRENT", "IRON_ORE", "SOYBEAN")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        crb = np.nanmean(comm, axis=0)
    regs = [S.monthly("BR_FOCUS_IPCA_12M"), gap, pct12(S.monthly("USDBRL")), crb]
    rows = [t for t in range(NM - 120, NM) if not math.isnan(core[t])]
    if len(rows) < 36 or math.isnan(S.policy("BR_INFLATION_TARGET")):
        return
    cols, xl = [np.ones(len(rows))], [1.0]
    for r in regs:
        v = r[rows]
        f = v[~np.isnan(v)]
        if len(f) < 12 or np.std(f, ddof=1) <= 1e-12:
            continue
        cols.append(np.where(np.isnan(v), f.mean(), v))
        xl.append(lastf(r))
        if NM - 1 - np.flatnonzero(~np.isnan(r))[-1] > 3:  # a stopped regressor
            return
    fit = sm.OLS(core[rows], np.column_stack(cols)).fit()
    out["INFLATION_BR_PHILLIPS.value"] = float(np.dot(fit.params, xl))
    out["INFLATION_BR_PHILLIPS.metadata.r2"] = fit.rsquared


GROUPS = {"FOOD_HOME": .21, "FOOD_AWAY": .11, "HOUSING": .16, "CLOTHING": .04,
          "HEALTH": .14, "PERSONAL_CARE": .09, "EDUCATION": .06, "TRANSPORT": .12,
          "COMMUNICATION": .05}


def bottomup(S, out):
    tot = wsum = 0.0
    for g, w in GROUPS.items():
        f = S.finite("BR_IPCA_G_%s_MOM" % g)[-60:]
        if len(f) < 12:
            continue
        by = {}
        for a, b in f:
            by.setdefault(a.month, []).append(b)
        allm = np.mean([b for _, b in f])
        level = np.mean([b for _, b in f[-12:]])
        m0 = f[-1][0].month
        p = 1.0
        for k in range(1, 13):
            cm = (m0 - 1 + k) % 12 + 1
            # last year's level plus the month's seasonal factor (docs/AGENTS.md)
            p *= 1 + (level + (np.mean(by[cm]) - allm if cm in by else 0.0)) / 100
        tot += w * (p - 1) * 100
        wsum += w
    if wsum > 0:
        out["INFLATION_BR_BOTTOMUP.value"] = tot / wsum


def surprise(S, out):
    act, foc = S.monthly("BR_IPCA_MOM"), S.monthly("BR_FOCUS_IPCA_12M")
    cons, s, tf, tlast = math.nan, [], 0, 0
    for t in range(NM):
        if not math.isnan(foc[t]):
            cons, tf = foc[t] / 12, t
        # Focus carried 2 months at most; the last surprise 3 months old at most.
        if not math.isnan(act[t]) and not math.isnan(cons) and t - tf <= 2:
            s.append(act[t] - cons)
            tlast = t
    if len(s) < 12 or NM - 1 - tlast > 3:
        return
    s = np.array(s)
    z = (s[-3:].mean() - s[-12:].mean()) / s[-12:].std(ddof=1)
    out["INFLATION_BR_SURPRISE.metadata.z"] = z


def kalman(S, out):
    sel, foc = S.monthly("BR_SELIC_TARGET"), S.monthly("BR_FOCUS_IPCA_12M")
    ok = [t for t in range(NM) if not (math.isnan(sel[t]) or math.isnan(foc[t]))]
    if len(ok) < 24:
        return math.nan  # no r* (docs/AGENTS.md)
    t0 = ok[0]
    gap = composite_gap(S, 14400)
    rr = sel[t0:] - foc[t0:]
    F, Q, x, P = np.eye(1), np.array([[.01]]), np.array([3.0]), 2 * np.eye(1)
    if (~np.isnan(gap[t0:])).sum() >= 24:  # real rate and the IS curve
        H, R = np.array([[1.0], [0.3]]), np.array([1.0, 4.0])
        Y = np.column_stack([rr, gap[t0:] + 0.3 * rr])
    else:
        H, R = np.array([[1.0]]), np.array([1.0])
        Y = rr[:, None]
    for y in Y:
        x, P = F @ x, F @ P @ F.T + Q
        m = ~np.isnan(y)
        if m.any():
            h = H[m]
            K = P @ h.T @ np.linalg.inv(h @ P @ h.T + np.diag(R[m]))
            x, P = x + K @ (y[m] - h @ x), (np.eye(len(x)) - K @ h) @ P
    out["MONETARY_BR_TAYLOR.metadata.r_star"] = x[0]
    return x[0]


def taylor(S, out, rstar):
    sel, foc = S.last("BR_SELIC_TARGET"), S.last("BR_FOCUS_IPCA_12M")
    if math.isnan(foc):  # the daily survey stopped: its last month average
        foc = S.policy("BR_FOCUS_IPCA_12M_M")
    m = S.monthly("BR_SELIC_TARGET")
    inertia = m[-1] - m[-4]
    g = composite_gap(S, 14400)
    ok = np.flatnonzero(~np.isnan(g))
    # The last gap at most 6 months before as_of's month; none: no signal.
    gap = g[ok[-1]] if len(ok) and ok[-1] >= NM - 1 - 6 else math.nan
    target = S.policy("BR_INFLATION_TARGET")
    istar = rstar + foc + 1.5 * (foc - target) + 0.5 * gap + 0.5 * inertia
    if not math.isnan(sel - istar):
        out["MONETARY_BR_TAYLOR.metadata.policy_gap"] = sel - istar


def dsa(S, out):
    debt, pb = S.last("BR_GROSS_DEBT_GDP"), S.last("BR_PRIMARY_BALANCE_GDP")
    g = np.mean([b for _, b in S.finite("BR_GDP_GROWTH")[-4:]])
    foc = S.last("BR_FOCUS_IPCA_12M")
    if math.isnan(foc):
        foc = S.policy("BR_FOCUS_IPCA_12M_M")
    r = S.last("BR_DI_5Y") - foc
    d = debt
    for _ in range(5):
        d = d * (1 + r / 100) / (1 + g / 100) - pb
    out["FISCAL_BR_DSA.value"] = d - debt


def beer(S, out):
    px = S.monthly("USDBRL")
    comm = np.array([pct12(S.monthly(i)) for i in ("IRON_ORE", "SOYBEAN", "BRENT")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        tot = np.nanmean(comm, axis=0)
    rrd = (S.monthly("BR_DI_5Y") - S.monthly("BR_FOCUS_IPCA_12M")) - \
        (S.monthly("US_UST_5Y") - S.monthly("US_BREAKEVEN_5Y"))
    y = np.log(px)
    ok = ~np.isnan(y) & ~np.isnan(tot) & ~np.isnan(rrd)
    if ok.sum() < 24:
        return
    X = sm.add_constant(np.column_stack([tot[ok], rrd[ok]]), has_constant="add")
    fit = sm.OLS(y[ok], X).fit()
    if NM - 1 - np.flatnonzero(ok)[-1] > 3:  # the last complete month is stale
        return
    out["FX_BR_BEER.value"] = (math.exp(y[ok][-1]) / math.exp(fit.fittedvalues[-1]) - 1) * 100


def zlast(v):
    v = np.array(v, dtype=float)
    if len(v) < 21:
        return math.nan
    h = v[:-1]
    return (v[-1] - h.mean()) / h.std(ddof=1)


def regime(S, out):
    def z(i, n):
        f = S.finite(i)[-n:]
        if not f or (S.asof - f[-1][0]).days > 31:  # a series that stopped
            return math.nan
        return zlast([b for _, b in f])
    # Brazil: a daily CDS, else the daily EMBI, else a weekly CDS (docs/AGENTS.md).
    cds_f = S.s.get("BR_CDS_5Y", ("D", []))[0]
    br = z("BR_CDS_5Y", 252) if "BR_CDS_5Y" in S.s and cds_f == "D" else math.nan
    if math.isnan(br):
        br = z("BR_EMBI", 252)
    if math.isnan(br) and "BR_CDS_5Y" in S.s:
        br = z("BR_CDS_5Y", 52 if cds_f == "W" else 252)
    comp = [z("VIX", 252), z("US_HY_OAS", 252), -z("BR_FX_FLOW", 52), br]
    comp = [c for c in comp if not math.isnan(c)]
    if comp:
        out["CROSSASSET_REGIME.value"] = max(-1, min(1, np.mean(comp) / 2))


def main():
    warnings.simplefilter("ignore", RuntimeWarning)  # nanmean of empty slices
    S = State(expand(json.load(sys.stdin)))
    out = {}
    for f in (phillips, bottomup, surprise, dsa, beer, regime):
        f(S, out)
    taylor(S, out, kalman(S, out))
    json.dump({k: float(v) for k, v in out.items() if not math.isnan(v)}, sys.stdout,
              sort_keys=True, indent=1)
    sys.stdout.write("\n")


def compare(expected, agents_out):
    """Exit 1 listing every expected value step-agents' output misses (6 dp)."""
    want = json.load(open(expected))
    got = {}
    for r in json.load(open(agents_out))["agents"]["reports"]:
        for s in r["signals"]:
            got[s["signal_id"]] = s
    bad = []
    for k, v in want.items():
        sid, *path = k.split(".")
        x = got.get(sid)
        for p in path:
            x = x.get(p) if isinstance(x, dict) else None
        if x is None or abs(x - v) > 2e-6 + 1e-6 * abs(v):
            bad.append("%s: got %r, want %r" % (k, x, v))
    print("\n".join(bad) if bad else "%d values agree" % len(want))
    return 1 if bad or not want else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    main()
