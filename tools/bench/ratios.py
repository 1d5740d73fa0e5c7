#!/usr/bin/env python3
"""Ratio table of a cornerstone-bench report against a kuzu_run.mjs report
and, optionally, the kit's hand-written CSR baseline (limit/csr_baseline.cpp).

    python3 ratios.py cornerstone.json kuzu.json [baseline.json]

Speedup = Kùzu median / Cornerstone median (above 1: Cornerstone is faster).
"x floor" = Cornerstone median / baseline median: how far a query is from
the loop over CSR arrays (the physical floor), for the queries the baseline
has. "same" compares the answers as canonical multisets (like compare.py).
"""
import json
import math
import os
import sys


def canon(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        if float(v).is_integer() and abs(v) < 2**63:
            return int(v)
        return float(f"{v:.12g}")
    if isinstance(v, list):
        return [canon(x) for x in v]
    if isinstance(v, dict):
        return {k: canon(v[k]) for k in sorted(v)}
    return v


def key(rows):
    return sorted(json.dumps(canon(r), sort_keys=True) for r in rows)


def main():
    cs = json.load(open(sys.argv[1]))
    kz = json.load(open(sys.argv[2])) if len(sys.argv) > 2 and os.path.exists(sys.argv[2]) else {}
    kq = kz.get("queries", {})
    bl = json.load(open(sys.argv[3])) if len(sys.argv) > 3 and os.path.exists(sys.argv[3]) else None
    bq = bl.get("queries", {}) if bl else {}
    extra_h = " baseline median ms | x floor | same as baseline |" if bl else ""
    extra_s = " ---: | ---: | --- |" if bl else ""
    print(f"| query | Cornerstone median ms (min-max) | Kùzu median ms (min-max) | speedup | same answer |{extra_h}")
    print(f"| --- | ---: | ---: | ---: | --- |{extra_s}")
    speedups = []
    for name, q in cs["queries"].items():
        k = kq.get(name, {})
        if "error" in q:
            c_txt = "ERROR: " + q["error"].splitlines()[0][:90]
        else:
            c_txt = f"{q['median_ms']:.3f} ({q['min_ms']:.3f}-{q['max_ms']:.3f})"
        if "median_ms" in k:
            k_txt = f"{k['median_ms']:.3f} ({k['min_ms']:.3f}-{k['max_ms']:.3f})"
        else:
            k_txt = "ERROR: " + k.get("error", "not run")[:60]
        ratio, same = "-", "-"
        if "median_ms" in k and "median_ms" in q:
            r = k["median_ms"] / max(q["median_ms"], 1e-6)
            speedups.append(r)
            ratio = f"{r:.2f}x"
        if "rows" in k and "rows" in q:
            same = "yes" if key(k["rows"]) == key(q["rows"]) else "NO"
        extra = ""
        if bl:
            b = bq.get(name, {})
            if "median_ms" in b:
                r_floor = q["median_ms"] / max(b["median_ms"], 1e-6) if "median_ms" in q else None
                floor = "-" if r_floor is None else f"{r_floor:.2f}x" if r_floor < 10 else f"{r_floor:.0f}x"
                b_same = "yes" if "rows" in q and key(b["rows"]) == key(q["rows"]) else "NO"
                extra = f" {b['median_ms']:.3f} | {floor} | {b_same} |"
            else:
                extra = " - | - | - |"
        print(f"| {name} | {c_txt} | {k_txt} | {ratio} | {same} |{extra}")
    if speedups:
        g = math.exp(sum(math.log(r) for r in speedups) / len(speedups))
        print(f"\ngeometric mean speedup over {len(speedups)} queries: {g:.2f}x")
    cl, kl = cs["load"], kz.get("load", {})
    n_rel = max(1, cl.get("relationships", 1))
    print("\n| | Cornerstone | Kùzu | ratio (Kùzu / Cornerstone) |")
    print("| --- | ---: | ---: | ---: |")
    kc = kl.get("copy_ms")
    print(f"| import s | {cl['copy_ms'] / 1000:.2f} | {kc / 1000 if kc else float('nan'):.2f} | "
          f"{(kc / cl['copy_ms']) if kc else float('nan'):.2f}x |")
    snap = cs.get("snapshot")
    if snap:
        so = snap["open_ms"]
        print(f"| open the snapshot s (Cornerstone) vs COPY (Kùzu) | {so / 1000:.2f} | "
              f"{kc / 1000 if kc else float('nan'):.2f} | {(kc / so) if kc else float('nan'):.2f}x |")
    cp, kp = cl["after_load"]["peak_rss_mb"], kl.get("after_load", {}).get("peak_rss_mb")
    print(f"| peak RSS after load MB | {cp:.0f} | {kp if kp else float('nan'):.0f} | "
          f"{(kp / cp) if kp else float('nan'):.2f}x |")
    cf, kf = cs["final"]["peak_rss_mb"], kz.get("final", {}).get("peak_rss_mb")
    print(f"| peak RSS at the end MB | {cf:.0f} | {kf if kf else float('nan'):.0f} | "
          f"{(kf / cf) if kf else float('nan'):.2f}x |")
    rss = cl["after_load"]["rss_mb"]
    print(f"\nCornerstone: {cl['nodes']} nodes, {cl['relationships']} relationships, "
          f"RSS after load {rss:.0f} MB = {rss * 2**20 / n_rel:.0f} bytes per relationship "
          f"(nodes, properties and indexes included)")
    if snap:
        print(f"Snapshot: {snap['bytes'] / 2**20:.1f} MiB = {snap['bytes'] / n_rel:.1f} bytes per "
              f"relationship, saved in {snap['save_ms'] / 1000:.2f} s, opened in "
              f"{snap['open_ms'] / 1000:.2f} s; {snap['identical']} of {snap['compared']} answers "
              f"identical after the open")


if __name__ == "__main__":
    main()
