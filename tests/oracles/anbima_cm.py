#!/usr/bin/python3
"""Independent oracle for the ANBIMA constant-maturity yields (tests/bats/10-ingest.bats).

usage: anbima_cm.py FILE DATE BONDS TENOR
Prints the yield (%) at TENOR years on DATE from the ANBIMA table FILE: maturities in
business days (Mon-Fri, numpy.busday_count) / 252, linear interpolation with numpy.interp
across the bonds of BONDS ("LTN+NTN-F" or "NTN-B"), duplicates of a maturity keeping
the first row.
"""
import csv
import sys

import numpy as np

path, date, bonds, tenor = sys.argv[1], sys.argv[2], sys.argv[3].split("+"), float(sys.argv[4])
mats = {}
with open(path, newline="") as f:
    for row in csv.DictReader(f):
        if row["ReferenceDate"] != date or row["BondType"] not in bonds:
            continue
        if not row["IndicativeRate"]:
            continue
        # busday_count counts [start, end); the step counts (start, end].
        start = np.datetime64(date) + np.timedelta64(1, "D")
        end = np.datetime64(row["MaturityDate"]) + np.timedelta64(1, "D")
        t = np.busday_count(start, end) / 252.0
        mats.setdefault(t, float(row["IndicativeRate"]) * 100)
m = sorted(mats)
if not m or tenor > m[-1] + 1 or tenor < m[0] - 1:
    print("null")
else:
    print("%.10f" % np.interp(tenor, m, [mats[k] for k in m]))
