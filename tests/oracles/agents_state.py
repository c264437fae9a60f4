#!/usr/bin/python3
"""A synthetic state with every catalogued series, for the agents' tests.

usage: agents_state.py DATE [SEED] [--drop ID,ID] [--short ID,ID] [--null ID,ID]
Prints {"as_of", "ingest": {"series": {...}}} on stdout: daily series over the last
756 business days, weekly flows on Fridays, monthly ones (dated the first of the
month, published one month later) over 15 years, GDP quarterly. --drop removes
series, --short keeps one observation, --null makes every value null.
Not a model of the markets: just plausible levels and dynamics, fixed seed.
"""
import datetime as dt
import json
import sys

import numpy as np

DAILY = {  # id: (level, daily sd, mean reversion)
    "BR_SELIC_TARGET": (11.0, 0.02, 0.002), "BR_CDI": (10.9, 0.02, 0.002),
    "BR_FOCUS_IPCA_12M": (4.2, 0.01, 0.003), "BR_DI_1Y": (11.5, 0.06, 0.003),
    "BR_DI_2Y": (11.8, 0.07, 0.003), "BR_DI_5Y": (12.2, 0.08, 0.003),
    "BR_DI_10Y": (12.5, 0.08, 0.003), "BR_NTNB_2Y": (5.8, 0.04, 0.003),
    "BR_NTNB_5Y": (5.9, 0.04, 0.003), "BR_NTNB_10Y": (6.0, 0.04, 0.003),
    "BR_CDS_5Y": (220, 4, 0.01), "BR_EMBI": (280, 5, 0.01),
    "US_FED_FUNDS": (3.0, 0.01, 0.001), "US_UST_2Y": (3.2, 0.05, 0.003),
    "US_UST_5Y": (3.4, 0.05, 0.003), "US_UST_10Y": (3.6, 0.05, 0.003),
    "US_BREAKEVEN_5Y": (2.3, 0.03, 0.01), "US_BREAKEVEN_10Y": (2.3, 0.02, 0.01),
    "US_HY_OAS": (420, 8, 0.01), "VIX": (18, 1.2, 0.05), "DXY": (100, 0.4, 0.002),
}
PRICES = {"USDBRL": (5.0, 0.009), "IBOVESPA": (110000, 0.013),
          "SP500": (4200, 0.011), "BRENT": (80, 0.02), "GOLD": (1800, 0.009)}
MONTHLY_RATE = {  # % MoM: (mean, sd)
    "BR_IPCA_MOM": (0.35, 0.25), "BR_IPCA_CORE_MOM": (0.33, 0.15),
    "BR_IPCA_SERVICES_MOM": (0.40, 0.20),
    "BR_IPCA_G_FOOD_HOME_MOM": (0.40, 0.8), "BR_IPCA_G_FOOD_AWAY_MOM": (0.45, 0.3),
    "BR_IPCA_G_HOUSING_MOM": (0.35, 0.5), "BR_IPCA_G_CLOTHING_MOM": (0.25, 0.5),
    "BR_IPCA_G_HEALTH_MOM": (0.45, 0.2), "BR_IPCA_G_PERSONAL_CARE_MOM": (0.30, 0.4),
    "BR_IPCA_G_EDUCATION_MOM": (0.40, 0.9), "BR_IPCA_G_TRANSPORT_MOM": (0.30, 0.9),
    "BR_IPCA_G_COMMUNICATION_MOM": (0.10, 0.3),
}
MONTHLY_LEVEL = {  # (level, sd, mean reversion)
    "BR_UNEMPLOYMENT": (10.0, 0.2, 0.03), "BR_CAPACITY_UTIL": (78.0, 0.6, 0.05),
    "BR_GROSS_DEBT_GDP": (75.0, 0.5, 0.0), "BR_PRIMARY_BALANCE_GDP": (-0.5, 0.25, 0.02),
    "BR_IPCA_12M": (4.5, 0.3, 0.05),
}
INDEX = {"BR_IBC_BR": (140, 0.002, 0.008), "US_CPI": (250, 0.0025, 0.002),
         "US_CPI_CORE": (260, 0.0026, 0.001), "IRON_ORE": (110, 0.0, 0.07),
         "SOYBEAN": (450, 0.0, 0.05)}


# The CMN target and band by year (docs/DATA.md): (first year, target %, band pp).
TARGET = [(1999, 8.0, 2.0), (2000, 6.0, 2.0), (2001, 4.0, 2.0), (2002, 3.5, 2.0),
          (2003, 4.0, 2.5), (2004, 5.5, 2.5), (2005, 4.5, 2.5), (2006, 4.5, 2.0),
          (2017, 4.5, 1.5), (2019, 4.25, 1.5), (2020, 4.0, 1.5), (2021, 3.75, 1.5),
          (2022, 3.5, 1.5), (2023, 3.25, 1.5), (2024, 3.0, 1.5)]


def target_of(year):
    return [t for t in TARGET if t[0] <= year][-1][1:]


def ar(rng, n, level, sd, k):
    x = np.empty(n)
    x[0] = level
    for t in range(1, n):
        x[t] = x[t - 1] + k * (level - x[t - 1]) + sd * rng.normal()
    return x


def bdays_back(end, n):
    out, d = [], end
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d -= dt.timedelta(days=1)
    return out[::-1]


def months_back(end, n, lag):
    y, m = end.year, end.month - lag
    out = []
    for _ in range(n):
        while m < 1:
            m += 12
            y -= 1
        out.append(dt.date(y, m, 1))
        m -= 1
    return out[::-1]


def ser(i, freq, unit, dates, vals):
    return {"id": i, "freq": freq, "unit": unit, "dates": [d.isoformat() for d in dates],
            "values": [None if v is None else round(float(v), 4) for v in vals]}


def build(date, seed):
    rng = np.random.default_rng(seed)
    s = {}
    days = bdays_back(date, 756)
    n = len(days)
    for i, (lv, sd, k) in sorted(DAILY.items()):
        s[i] = ser(i, "D", "bp" if lv > 100 else "%", days, ar(rng, n, lv, sd, k))
    for i, (lv, sd) in sorted(PRICES.items()):
        s[i] = ser(i, "D", "level", days, lv * np.exp(np.cumsum(sd * rng.normal(size=n))))
    fridays = [d for d in days if d.weekday() == 4]
    s["BR_FX_FLOW"] = ser("BR_FX_FLOW", "W", "USD mn", fridays,
                          400 * rng.normal(size=len(fridays)))
    months = months_back(date, 180, 1)
    for i, (mu, sd) in sorted(MONTHLY_RATE.items()):
        season = 0.1 * np.sin(np.arange(180) * 2 * np.pi / 12)
        s[i] = ser(i, "M", "%", months, mu + season + sd * rng.normal(size=180))
    for i, (lv, sd, k) in sorted(MONTHLY_LEVEL.items()):
        s[i] = ser(i, "M", "%", months, ar(rng, 180, lv, sd, k))
    for i, (lv, drift, sd) in sorted(INDEX.items()):
        s[i] = ser(i, "M", "index", months,
                   lv * np.exp(np.cumsum(drift + sd * rng.normal(size=180))))
    quarters = [m for m in months_back(date, 180, 4) if m.month in (1, 4, 7, 10)]
    s["BR_GDP_GROWTH"] = ser("BR_GDP_GROWTH", "Q", "%", quarters,
                             ar(rng, len(quarters), 2.0, 0.8, 0.3))
    # The target is known ahead: this month's is there on its first day.
    tm = months_back(date, 180, 0)
    s["BR_INFLATION_TARGET"] = ser("BR_INFLATION_TARGET", "M", "%", tm,
                                   [target_of(m.year)[0] for m in tm])
    s["BR_INFLATION_TARGET_BAND"] = ser("BR_INFLATION_TARGET_BAND", "M", "%", tm,
                                        [target_of(m.year)[1] for m in tm])
    return s


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in argv[1:] if a.startswith("--"))
    date = dt.date.fromisoformat(args[0])
    s = build(date, int(args[1]) if len(args) > 1 else 1)
    for i in opts.get("drop", "").split(","):
        s.pop(i, None)
    for i in filter(None, opts.get("short", "").split(",")):
        s[i]["dates"], s[i]["values"] = s[i]["dates"][-1:], s[i]["values"][-1:]
    for i in filter(None, opts.get("null", "").split(",")):
        s[i]["values"] = [None] * len(s[i]["values"])
    json.dump({"as_of": date.isoformat(), "ingest": {"series": s}}, sys.stdout,
              sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
