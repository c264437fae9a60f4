#!/usr/bin/python3
"""Copies of the research files truncated at a date, for the no-future-data test.

usage: pit_truncate.py CATALOGUE DATA_ROOT OUT_DIR DATE
       pit_truncate.py --compare A.json B.json

For every file the catalogue names, writes OUT_DIR/<file> without the data rows dated
after DATE (the row's date column as the catalogue reads it: datecol=, delim=, header=,
skiplines=, datefmt=; ANBIMA tables by ReferenceDate). Header and junk lines are kept
byte for byte. Prints "files N rows_dropped M" (M > 0 shows the files did go past DATE).

--compare: exit 0 when the two states' "ingest" sections are equal, numbers within
1e-9 (they are read from the same text, so they should be identical), else print the
first difference and exit 1.
"""
import csv
import datetime as dt
import json
import os
import re
import sys


def args_of(field):
    out = {}
    if field == "-":
        return out
    for kv in field.split(" "):
        if "=" in kv:
            k, v = kv.split("=", 1)
            out[k] = v
    return out


def parse_date(s, fmt):
    """The date a connector reads, or None (docs/DATA.md "Connectors")."""
    s = s.strip()
    try:
        if fmt == "mdy":
            m, d, y = s.split("/")
            y = int(y)
            if y < 100:
                y += 2000 if y < 50 else 1900
            return dt.date(y, int(m), int(d))
        if fmt == "yq":
            if not re.fullmatch(r"\d{6}", s):
                return None
            return dt.date(int(s[:4]), 3 * int(s[4:]) - 2, 1)
        if re.match(r"\d{4}-\d{2}-\d{2}([ T].*)?$", s):
            return dt.date(int(s[:4]), int(s[5:7]), int(s[8:10]))
        if re.fullmatch(r"\d{2}([/.])\d{2}\1\d{4}", s):
            return dt.date(int(s[6:]), int(s[3:5]), int(s[:2]))
        if re.fullmatch(r"\d{4}[-.]\d{2}", s):
            return dt.date(int(s[:4]), int(s[5:]), 1)
        if re.fullmatch(r"\d{2}/\d{4}", s):
            return dt.date(int(s[3:]), int(s[:2]), 1)
    except ValueError:
        return None
    return None


def column(spec, header, default):
    if not spec:
        return default
    if spec.isdigit():
        return int(spec) - 1
    low = [h.strip().lower() for h in header]
    return low.index(spec.lower())


def truncate(src, dst, source, a, cutoff):
    delim = {"tab": "\t", "comma": ",", "semicolon": ";"}.get(a.get("delim", ""),
                                                               a.get("delim", ""))
    if not delim:
        delim = ";" if source in ("bcb_sgs_csv", "ipeadata_csv") else ","
    header = a.get("header", "1") != "0"
    skip = int(a.get("skiplines", "0"))
    datespec = a.get("datecol", "ReferenceDate" if source == "anbima_curve" else "")
    fmt = a.get("datefmt", "")
    with open(src, "rb") as f:
        lines = f.read().decode("latin-1").splitlines(keepends=True)
    out, dropped, dc = [], 0, 0
    i = 0
    if header:
        first = lines[0].lstrip("\ufeff").lstrip("\u00ef\u00bb\u00bf")
        dc = column(datespec, next(csv.reader([first.rstrip("\r\n")], delimiter=delim)), 0)
        out.append(lines[0])
        i = 1
    else:
        dc = column(datespec, [], 0)
    while i < len(lines) and skip > 0:
        if lines[i].strip():
            skip -= 1
        out.append(lines[i])
        i += 1
    for line in lines[i:]:
        fields = next(csv.reader([line.rstrip("\r\n")], delimiter=delim), [])
        d = parse_date(fields[dc], fmt) if len(fields) > dc else None
        if d is not None and d > cutoff:
            dropped += 1
            continue
        out.append(line)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "wb") as f:
        f.write("".join(out).encode("latin-1"))
    return dropped


def main_truncate(cat, root, outdir, date):
    cutoff = dt.date.fromisoformat(date)
    done, dropped = {}, 0
    with open(cat, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            row = line.rstrip("\n").split("\t")
            a = args_of(row[9])
            if "file" not in a:
                continue
            key = (row[8], a.get("datecol"), a.get("delim"), a.get("skiplines"),
                   a.get("datefmt"), a.get("header"))
            if a["file"] in done:
                if done[a["file"]] != key:
                    sys.exit("%s is read two ways: %s vs %s" % (a["file"], done[a["file"]], key))
                continue
            done[a["file"]] = key
            dropped += truncate(os.path.join(root, a["file"]), os.path.join(outdir, a["file"]),
                                row[8], a, cutoff)
    print("files %d rows_dropped %d" % (len(done), dropped))


def diff(a, b, path="ingest"):
    if isinstance(a, dict) and isinstance(b, dict):
        if sorted(a) != sorted(b):
            return "%s: keys %s vs %s" % (path, sorted(set(a) ^ set(b)), "")
        for k in a:
            d = diff(a[k], b[k], path + "." + k)
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return "%s: length %d vs %d" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) \
            and not isinstance(a, bool) and not isinstance(b, bool):
        return None if abs(a - b) <= 1e-9 else "%s: %r vs %r" % (path, a, b)
    return None if a == b else "%s: %r vs %r" % (path, a, b)


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        with open(sys.argv[2]) as f:
            x = json.load(f)["ingest"]
        with open(sys.argv[3]) as f:
            y = json.load(f)["ingest"]
        d = diff(x, y)
        if d:
            print(d)
            sys.exit(1)
    else:
        main_truncate(*sys.argv[1:5])
