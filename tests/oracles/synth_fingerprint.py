#!/usr/bin/python3
"""Fingerprints of the synthetic series, to show that a new series leaves the others' draws alone.

usage: synth_fingerprint.py make STATE.json > FIXTURE.tsv
       synth_fingerprint.py check FIXTURE.tsv STATE.json
STATE.json is an ingest of the synthetic default over its whole history (as_of 2026-06-30,
lookback_days 6000, lookback_years and lookback_weekly_years 22). Per series the fixture
holds the number of values, the first and last dates, the sum, the sum of squares and the
position-weighted sum (sum of i * v, so that a reordering or a shifted draw shows). `check`
recomputes them and compares within a relative 1e-12 (the values are the catalogue's
rounded decimals, so an unchanged draw gives the same figures up to summation order); it
prints one line per difference and exits 1, else prints "ok". Series in the state but not
in the fixture (a series added later) are ignored; a fixture series missing from the state
is a difference.
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from statelib import expand  # noqa: E402


def prints(path):
    s = expand(json.load(open(path)))["ingest"]["series"]
    out = {}
    for k in sorted(s):
        d = s[k]["dates"]
        v = [float(x) for x in s[k]["values"] if x is not None]
        out[k] = (len(v), d[0], d[-1], math.fsum(v), math.fsum(x * x for x in v),
                  math.fsum(i * x for i, x in enumerate(v)))
    return out


def close(a, b):
    return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))


if sys.argv[1] == "make":
    print("# id\tn\tfirst\tlast\tsum\tsumsq\tsum_i_v")
    for k, f in prints(sys.argv[2]).items():
        print("%s\t%d\t%s\t%s\t%r\t%r\t%r" % ((k,) + f))
    sys.exit(0)
now = prints(sys.argv[3])
bad = 0
for line in open(sys.argv[2]):
    if line.startswith("#"):
        continue
    k, n, first, last, sm, sq, iv = line.rstrip("\n").split("\t")
    if k not in now:
        print("%s: missing" % k)
        bad += 1
        continue
    m = now[k]
    if (m[0], m[1], m[2]) != (int(n), first, last) or not (
            close(m[3], float(sm)) and close(m[4], float(sq)) and close(m[5], float(iv))):
        print("%s: %r != fixture %r" % (k, m, (n, first, last, sm, sq, iv)))
        bad += 1
print("ok" if bad == 0 else "%d series differ" % bad)
sys.exit(1 if bad else 0)
