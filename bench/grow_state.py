"""Grow a state's ingest section to a target size (bench/60-memory.sh): copies of its
daily series under new ids (GROW_00001, ...), on the shared calendar, until the
canonical text reaches the target. Usage: grow_state.py STATE.json MEGABYTES [distinct]
> out.json. With "distinct", copy k's values are scaled by 1 + k * 1e-7 so that no two
copies share a value (the decoder shares equal reals, so plain copies flatter the peak
memory). The output is canonical (sorted keys, compact, reals as repr), as the steps
write it."""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        state = json.load(f)
    target = int(float(sys.argv[2]) * 1024 * 1024)
    series = state["ingest"]["series"]
    daily = [s for s in series.values() if s.get("calendar") == "D"]
    base = len(json.dumps(state, separators=(",", ":")))
    distinct = len(sys.argv) > 3 and sys.argv[3] == "distinct"
    sizes = [len(json.dumps(s, separators=(",", ":"))) + 20 for s in daily]
    n = 0
    while base < target:
        src = daily[n % len(daily)]
        copy = dict(src)
        copy["id"] = "GROW_%05d" % (n + 1)
        if distinct:
            f = 1 + (n + 1) * 1e-7
            copy["values"] = [None if v is None else v * f for v in src["values"]]
            base += len(json.dumps(copy, separators=(",", ":"))) + 20
        else:
            base += sizes[n % len(daily)]
        series[copy["id"]] = copy
        n += 1
    sys.stdout.write(json.dumps(state, sort_keys=True, separators=(",", ":"),
                                ensure_ascii=False))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
