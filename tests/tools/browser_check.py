#!/usr/bin/python3
"""browser_check.py REPORT.html SECTION...: read a report as a PM would, in Chromium.

Checks, printing one line per failure and exiting 1 on any:
  - the screenshot (A4 width at 96 dpi) is not blank: >= 1 % of its pixels are not white;
  - the rendered DOM (--dump-dom) has an <h2> for every SECTION given;
  - no "NaN", "undefined", "null", "inf" or "Infinity" word in the rendered text;
  - the page fits the width of A4 less 10 mm margins (718 px): scrollWidth is measured
    by a script added to a scratch copy of the page (the report itself has none);
  - printed to PDF it is A4 (595 x 842 pt).
Needs chromium and pdfinfo (poppler-utils).
"""
import html
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

CHROME = shutil.which("chromium") or shutil.which("chromium-browser")
A4_CSS_PX = 718
FAILS = []


def chrome(*args):
    cmd = [CHROME, "--headless=new", "--no-sandbox", "--disable-gpu",
           "--no-first-run", "--disable-dev-shm-usage"] + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout


def png_nonwhite_share(path):
    data = open(path, "rb").read()
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                return None
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride, prev, nonwhite = w * bpp, bytearray(w * bpp), 0
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            if line[x] < 240 or line[x + 1] < 240 or line[x + 2] < 240:
                nonwhite += 1
        prev = line
    return nonwhite / float(w * h)


def main():
    if len(sys.argv) < 2 or CHROME is None:
        print("usage: browser_check.py REPORT.html SECTION... (needs chromium)")
        return 2
    page, sections = os.path.abspath(sys.argv[1]), sys.argv[2:]
    tmp = tempfile.mkdtemp()
    try:
        shot = os.path.join(tmp, "shot.png")
        chrome("--window-size=%d,1123" % A4_CSS_PX, "--screenshot=" + shot, "file://" + page)
        share = png_nonwhite_share(shot) if os.path.exists(shot) else None
        if share is None or share < 0.01:
            FAILS.append("screenshot is blank or unreadable (non-white share %r)" % share)
        dom = chrome("--dump-dom", "file://" + page)
        heads = [html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
                 for h in re.findall(r"<h2[^>]*>(.*?)</h2>", dom, re.S)]
        for s in sections:
            if not any(h.startswith(s) for h in heads):
                FAILS.append("no section %r (sections: %s)" % (s, "; ".join(heads)))
        text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(
            r"<(style|title)[^>]*>.*?</\1>", " ", dom, flags=re.S)))
        for bad in re.findall(r"\b(NaN|undefined|null|inf|Infinity)\b", text):
            FAILS.append("the page says %r" % bad)
        probe = os.path.join(tmp, "probe.html")
        src = open(page, encoding="utf-8").read()
        src = src.replace("</body>", "<script>document.title='W'+"
                          "document.documentElement.scrollWidth</script></body>")
        open(probe, "w", encoding="utf-8").write(src)
        m = re.search(r"<title>W(\d+)</title>",
                      chrome("--window-size=%d,1123" % A4_CSS_PX, "--dump-dom", "file://" + probe))
        if m is None or int(m.group(1)) > A4_CSS_PX:
            FAILS.append("wider than A4 less margins: scrollWidth %s > %d px"
                         % (m and m.group(1), A4_CSS_PX))
        pdf = os.path.join(tmp, "r.pdf")
        chrome("--print-to-pdf=" + pdf, "--no-pdf-header-footer", "file://" + page)
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        if m is None or abs(float(m.group(1)) - 595.28) > 1 or abs(float(m.group(2)) - 841.89) > 1:
            FAILS.append("printed page is not A4: %s" % (m and m.group(0)))
    finally:
        shutil.rmtree(tmp)
    for f in FAILS:
        print(f)
    return 1 if FAILS else 0


sys.exit(main())
