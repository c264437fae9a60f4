#!/usr/bin/python3
"""Independent recomputation of a daily backtest (tests/bats/90-backtest.bats).

  backtest_oracle.py OUT COSTS.json [EVERY]

reads the saved states of the backtest in OUT (OUT/var/runs/success/<date> ->
the run directory; each state file is recognised by the sections it holds, not
by its name) and recomputes, by the formulas of docs/BACKTEST.md and docs/RISK.md
"Realised P&L", with numpy and scipy only:
  - each date's gross P&L: the previous date's portfolio.weights times each
    instrument's return between the two dates (DI: -T/(1+y0/100) dy/100 +
    (y0 - CDI)/100/252; USDBRL: ln(S1/S0) + (FF - CDI)/100/252; CDI = BR_CDI, else
    the Selic target - 0.10), levels carried forward, from the day's ingest;
  - turnover sum |w_t - w_{t-1}| and costs sum |dw| x half-spread (COSTS.json by id,
    then by kind, then the documented defaults);
  - NAV = prod(1 + pnl - cost); annualised return mean x 252, vol sd(ddof=1) x
    sqrt(252) of the net P&L of the dates after the first, Sharpe, max drawdown and
    its dates, hit rate; VaR95 exceptions (P&L below the previous date's
    risk.var.historical.var_95), Kupiec's and Christoffersen's LR with their
    chi-squared p-values from scipy.stats;
and compares them with OUT/nav.csv and OUT/summary.json (relative tolerance 1e-9,
absolute 1e-12). EVERY (default 1) is the backtest's --every: P = 252 / EVERY periods a
year, the VaR scaled by sqrt(EVERY), and each period's P&L the sum of the daily returns
over the weekdays in (previous date, date]: a window without a Brazilian holiday only.
Prints OK or FAIL lines.
"""
import csv
import glob
import json
import math
import os
import sys

import numpy as np
from scipy import stats

ORDER = ["ingest", "quality", "agents", "aggregate", "strategies", "portfolio", "risk",
         "report"]
DEFAULT_BP = {"rate": 1.0, "spread": 2.0, "fx": 1.5, "equity": 1.0, "commodity": 2.0,
              "inflation": 2.0}
fails = []


def near(name, got, want, rel=1e-9, ab=1e-12):
    if got is None or want is None or not np.isfinite(want):
        if not (got is None and (want is None or not np.isfinite(want))):
            fails.append("FAIL %s: %r != %r" % (name, got, want))
        return
    if not abs(got - want) <= ab + rel * abs(want):
        fails.append("FAIL %s: %r != %r" % (name, got, want))


def states(rundir):
    """{section: state} by the last section each accepted output holds."""
    out = {}
    for f in glob.glob(os.path.join(rundir, "*.json")):
        if f.endswith(".chained.json"):
            continue
        st = json.load(open(f))
        have = [s for s in ORDER if s in st]
        if have:
            out[have[-1]] = st
    return out


def level(ing, sid, day):
    s = ing["series"].get(sid)
    if s is None:
        return math.nan
    dates = s["dates"] if "dates" in s else ing["calendars"][s["calendar"]]
    v = math.nan
    for d, x in zip(dates, s["values"]):
        if d > day:
            break
        if x is not None:
            v = x
    return v


def cdi(ing, day):
    c = level(ing, "BR_CDI", day)
    return c if np.isfinite(c) else level(ing, "BR_SELIC_TARGET", day) - 0.10


def ret(ing, ins, d0, d1):
    if ins.startswith("DI_"):
        tenor = float(ins[3:-1])
        y0, y1 = level(ing, "BR_" + ins, d0), level(ing, "BR_" + ins, d1)
        return -tenor / (1 + y0 / 100) * (y1 - y0) / 100 + (y0 - cdi(ing, d0)) / 100 / 252
    if ins == "USDBRL":
        s0, s1 = level(ing, "USDBRL", d0), level(ing, "USDBRL", d1)
        return math.log(s1 / s0) + (level(ing, "US_FED_FUNDS", d0) - cdi(ing, d0)) / 100 / 252
    raise SystemExit("oracle: no return formula for %s" % ins)


def kind(ins):
    if ins.startswith("DI_"):
        return "rate"
    if ins == "USDBRL":
        return "fx"
    raise SystemExit("oracle: no kind for %s" % ins)


def half_spread(costs, ins):
    if ins in costs:
        return costs[ins]
    return costs.get(kind(ins), DEFAULT_BP[kind(ins)])


def kupiec(x, n, p):
    pi = x / n
    l0 = (n - x) * math.log(1 - p) + x * math.log(p)
    l1 = (n - x) * math.log(1 - pi) if x < n else 0.0
    l1 += x * math.log(pi) if x > 0 else 0.0
    lr = -2 * (l0 - l1)
    return lr, stats.chi2.sf(lr, 1)


def xlogy(a, b):
    return a * math.log(b) if a > 0 else 0.0


def christoffersen(hit):
    n = np.zeros((2, 2))
    for a, b in zip(hit[:-1], hit[1:]):
        n[a, b] += 1
    n00, n01, n10, n11 = n[0, 0], n[0, 1], n[1, 0], n[1, 1]
    pi0 = n01 / (n00 + n01) if n00 + n01 > 0 else 0.0
    pi1 = n11 / (n10 + n11) if n10 + n11 > 0 else 0.0
    pi = (n01 + n11) / n.sum()
    lu = xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1)
    lr = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi)
    lr = -2 * (lr - lu)
    return lr, stats.chi2.sf(lr, 1)


def period_pnl(ing, weights, d0, d1):
    """The held weights' P&L over the weekdays in (d0, d1], day by day."""
    days = [str(d) for d in np.arange(np.datetime64(d0), np.datetime64(d1) + 1)
            if np.is_busday(d)]
    return sum(x * ret(ing, i, a, b) for a, b in zip(days[:-1], days[1:])
               for i, x in weights.items())


def main(out, costs_file, every=1):
    costs = json.load(open(costs_file))
    succ = os.path.join(out, "var", "runs", "success")
    dates = sorted(os.listdir(succ))
    runs = [states(os.path.realpath(os.path.join(succ, d))) for d in dates]
    n = len(dates)
    w = [r["portfolio"]["portfolio"]["weights"] for r in runs]
    var95 = [r["risk"]["risk"]["var"]["historical"]["var_95"] for r in runs]
    pnl, cost, turn = np.zeros(n), np.zeros(n), np.zeros(n)
    for t in range(n):
        prev = w[t - 1] if t > 0 else {}
        ing = runs[t]["portfolio"]["ingest"]
        if t > 0:
            pnl[t] = period_pnl(ing, prev, dates[t - 1], dates[t])
        for i in set(prev) | set(w[t]):
            dw = abs(w[t].get(i, 0.0) - prev.get(i, 0.0))
            turn[t] += dw
            cost[t] += dw * half_spread(costs, i) / 1e4
    net = pnl - cost
    nav = np.cumprod(1 + net)
    rows = list(csv.DictReader(open(os.path.join(out, "nav.csv"))))
    if [r["date"] for r in rows] != dates:
        fails.append("FAIL nav.csv dates %r" % [r["date"] for r in rows])
    for t, r in enumerate(rows[:n]):
        near("pnl_gross " + r["date"], float(r["pnl_gross"]), pnl[t], 1e-9, 1e-11)
        near("costs " + r["date"], float(r["costs"]), cost[t], 1e-9, 1e-11)
        near("nav " + r["date"], float(r["nav"]), nav[t], 1e-9, 1e-11)
    s = json.load(open(os.path.join(out, "summary.json")))
    r = net[1:]
    P = 252 / every
    ann = r.mean() * P
    vol = r.std(ddof=1) * math.sqrt(P)
    near("annualised_return", s["annualised_return"], ann)
    near("annualised_vol", s["annualised_vol"], vol)
    near("sharpe", s["sharpe"], ann / vol)
    near("hit_rate", s["hit_rate"], float((r > 0).mean()))
    near("turnover.total", s["turnover"]["total"], turn.sum())
    near("costs.total", s["costs"]["total"], cost.sum())
    peak = np.maximum.accumulate(np.concatenate([[1.0], nav]))[1:]
    dd = 1 - nav / peak
    k = int(np.argmax(dd))
    near("max_drawdown", s["max_drawdown"]["value"], dd[k])
    if dd[k] > 0 and s["max_drawdown"]["trough_date"] != dates[k]:
        fails.append("FAIL trough_date %s != %s" % (s["max_drawdown"]["trough_date"], dates[k]))
    hit = [int(pnl[t] < var95[t - 1] * math.sqrt(every)) for t in range(1, n)]
    x = sum(hit)
    v = s["var95"]
    if v["days"] != n - 1 or v["exceptions"] != x:
        fails.append("FAIL var95 days/exceptions %s/%s != %s/%s" % (v["days"], v["exceptions"],
                                                                    n - 1, x))
    lr, p = kupiec(x, n - 1, 0.05)
    near("kupiec_lr", v["kupiec_lr"], lr)
    near("kupiec_p", v["kupiec_p"], p)
    lr, p = christoffersen(hit)
    near("christoffersen_lr", v["christoffersen_lr"], lr)
    near("christoffersen_p", v["christoffersen_p"], p)
    print("\n".join(fails) if fails else
          "OK %d dates, net %.6g, Sharpe %.4g, %d exceptions" % (n, net.sum(), ann / vol, x))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
