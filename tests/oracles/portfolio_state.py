#!/usr/bin/python3
"""A synthetic state up to 'aggregate' for the strategies and portfolio tests.

Random walks (numpy, fixed seed) for the series the two steps read, 756 business
days to --as-of, plus hand-written agents and aggregate sections. Not the
project's synthetic dataset: a small, controllable stand-in used by
tests/bats/14-strategies.bats, 15-portfolio.bats and bench/40-portfolio.sh.

  portfolio_state.py [--as-of D] [--seed N] [--regime S] [--conflict CLASS]...
                     [--drop SERIES]... [--null SERIES:K[:COUNT]]... > state.json
"""
import argparse
import json
import sys

import numpy as np

DAILY = {  # id: (start level, daily sd, unit, kind)
    "BR_DI_1Y": (11.0, 0.09, "%", "rate"),
    "BR_DI_2Y": (11.4, 0.12, "%", "rate"),
    "BR_DI_5Y": (11.9, 0.135, "%", "rate"),
    "BR_DI_10Y": (12.2, 0.16, "%", "rate"),
    "BR_NTNB_2Y": (6.0, 0.08, "%", "rate"),
    "BR_NTNB_5Y": (5.8, 0.08, "%", "rate"),
    "BR_NTNB_10Y": (5.9, 0.08, "%", "rate"),
    "BR_SELIC_TARGET": (10.75, 0.0, "%", "step"),
    "BR_CDI": (10.65, 0.0, "%", "step"),
    "BR_FOCUS_IPCA_12M": (4.0, 0.01, "%", "rate"),
    "BR_CDS_5Y": (180.0, 4.0, "bp", "rate"),
    "USDBRL": (5.0, 0.0095, "BRL/USD", "log"),
    "IBOVESPA": (120000.0, 0.015, "points", "log"),
    "US_FED_FUNDS": (5.33, 0.0, "%", "step"),
    "US_UST_2Y": (4.5, 0.045, "%", "rate"),
    "US_UST_5Y": (4.2, 0.05, "%", "rate"),
    "US_UST_10Y": (4.1, 0.054, "%", "rate"),
}


def bdays(end, n):
    d = np.datetime64(end)
    while np.is_busday(d) is False or not np.is_busday(d):
        d -= 1
    out = []
    while len(out) < n:
        if np.is_busday(d):
            out.append(d)
        d -= 1
    return out[::-1]


def series(sid, freq, unit, dates, values):
    return {"id": sid, "freq": freq, "unit": unit, "dates": [str(d) for d in dates],
            "values": [None if v is None else round(float(v), 4) for v in values]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--as-of", default="2024-01-15")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--regime", type=float, default=0.1)
    ap.add_argument("--conflict", action="append", default=[])
    ap.add_argument("--drop", action="append", default=[])
    ap.add_argument("--null", action="append", default=[])
    ap.add_argument("--days", type=int, default=756)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    dates = bdays(a.as_of, a.days)
    n = len(dates)
    common = rng.standard_normal(n)
    out = {}
    for sid, (lvl, sd, unit, kind) in DAILY.items():
        e = 0.5 * common + np.sqrt(0.75) * rng.standard_normal(n)
        if kind == "rate":
            v = lvl + np.cumsum(sd * e)
        elif kind == "log":
            v = lvl * np.exp(np.cumsum(sd * e))
        else:
            v = np.full(n, lvl)
        out[sid] = series(sid, "D", unit, dates, v)
    # Weekly flows dated on Fridays; monthly fiscal figures on the 1st, 2 months lag.
    fr = [d for d in dates if (d.astype("datetime64[D]").view("int64") - 1) % 7 == 0]
    out["BR_FX_FLOW"] = series("BR_FX_FLOW", "W", "USD mn", fr,
                               rng.normal(200, 800, len(fr)))
    end = np.datetime64(a.as_of, "M") - 2
    months = [np.datetime64(end - k, "D") for k in range(36)][::-1]
    out["BR_GROSS_DEBT_GDP"] = series("BR_GROSS_DEBT_GDP", "M", "% GDP", months,
                                      74 + np.cumsum(rng.normal(0.1, 0.3, 36)))
    out["BR_PRIMARY_BALANCE_GDP"] = series("BR_PRIMARY_BALANCE_GDP", "M", "% GDP",
                                           months, rng.normal(-1.0, 0.3, 36))
    for spec in a.null:   # SERIES:K[:COUNT] nulls COUNT values from index K
        sid, k, *cnt = spec.split(":")
        for j in range(int(k), int(k) + (int(cnt[0]) if cnt else 1)):
            out[sid]["values"][j] = None
    for sid in a.drop:
        out.pop(sid, None)
    sig = lambda sid, ag, d, c: {"signal_id": sid, "agent_id": ag, "as_of": a.as_of,
                                 "direction": d, "strength": "MODERATE" if c >= 0.5 else "WEAK",
                                 "confidence": c, "value": 1.0, "horizon_days": 63,
                                 "metadata": {}}
    state = {
        "as_of": a.as_of,
        "ingest": {"as_of": a.as_of, "series": out,
                   "summary": {"detail": "portfolio_state.py stand-in"}},
        "agents": {"reports": [
            {"agent_id": "monetary_agent", "signals": [
                sig("MONETARY_BR_TAYLOR", "monetary_agent", "SHORT", 0.6),
                sig("MONETARY_BR_SELIC_PATH", "monetary_agent", "LONG", 0.4)]},
            {"agent_id": "fx_agent", "signals": [
                sig("FX_BR_COMPOSITE", "fx_agent", "SHORT", 0.55)]}],
            "summary": {"detail": "hand-written"}},
        "aggregate": {"conflict_classes": a.conflict,
                      "regime": {"label": "RISK_OFF" if a.regime > 0.3 else
                                 "RISK_ON" if a.regime < -0.3 else "NEUTRAL",
                                 "score": a.regime},
                      "summary": {"detail": "hand-written"}},
    }
    json.dump(state, sys.stdout, sort_keys=True, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
