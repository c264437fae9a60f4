"""Grow a state's ingest section to a target size (bench/60-memory.sh): copies of its
daily series under new ids (GROW_00001, ...), on the shared calendar, until the
canonical text reaches the target. Usage: grow_state.py STATE.json MEGABYTES > out.json.
The output is canonical (sorted keys, compact, reals as repr), as the steps write it."""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        state = json.load(f)
    target = int(float(sys.argv[2]) * 1024 * 1024)
    series = state["ingest"]["series"]
    daily = [s for s in series.values() if s.get("calendar") == "D"]
    base = len(json.dumps(state, separators=(",", ":")))
    sizes = [len(json.dumps(s, separators=(",", ":"))) + 20 for s in daily]
    n = 0
    while base < target:
        src = daily[n % len(daily)]
        copy = dict(src)
        copy["id"] = "GROW_%05d" % (n + 1)
        series[copy["id"]] = copy
        base += sizes[n % len(daily)]
        n += 1
    sys.stdout.write(json.dumps(state, sort_keys=True, separators=(",", ":"),
                                ensure_ascii=False))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
