#!/usr/bin/env python3
"""Summarises JMH JSON results of the Lodestone benchmarks: a table per size and the growth
exponents k of time ~ nonzeros^k and time ~ (years*mines*refineries*buyers*elements*scenarios)^k
(least squares on log-log). Usage: summarize.py RESULT.json [MORE.json ...] (later files win)."""
import json
import math
import sys

# model sizes of the benchmark instances (lodestone validate): columns, rows, nonzeros
MODEL = {"tiny": (160, 194, 581), "small": (1292, 1092, 5508),
         "medium": (20876, 12549, 106929), "large": (153661, 56703, 945992)}
SIZES = ["tiny", "small", "medium", "large"]
# the generator arguments multiplied: y*m*r*b*e*s
PRODUCT = {"tiny": 3 * 4 * 2 * 2 * 3 * 1, "small": 5 * 10 * 5 * 4 * 5 * 2,
           "medium": 10 * 25 * 12 * 8 * 6 * 3, "large": 10 * 60 * 30 * 20 * 8 * 4}
TO_MS = {"ms/op": 1.0, "s/op": 1000.0, "us/op": 1e-3}


def load(path):
    rows = {}
    for r in json.load(open(path)):
        # the hand-off benchmark moved to the investigations package; recorded results have the old name
        name = r["benchmark"].replace("org.lodestone.benchmarks.", "").replace("investigations.", "")
        p = r.get("params", {})
        key = (name, p.get("size"), p.get("backend"))
        pm = r["primaryMetric"]
        unit = pm["scoreUnit"]
        score = pm["score"] * TO_MS[unit] if unit in TO_MS else pm["score"]
        rows[key] = (score, unit, {k: v["score"] for k, v in r.get("secondaryMetrics", {}).items()})
    return rows


def fit(points):
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx


def main():
    rows = {}
    for path in sys.argv[1:]:
        rows.update(load(path))
    series = [("read", ("ReadBenchmark.read", None)), ("parse", ("ReadBenchmark.parse", None)),
              ("validate", ("ReadBenchmark.validate", None)), ("build", ("BuildBenchmark.build", None)),
              ("hand-off (b)", ("HandOffBenchmark.b_protoLoad", None)),
              ("solve SCIP", ("SolveBenchmark.solve", "SCIP")),
              # HIGHS is HiGHS's C API since 2026-12; in earlier records it was OR-Tools' wrapper
              ("solve HiGHS", ("SolveBenchmark.solve", "HIGHS")),
              ("solve HiGHS via OR-Tools", ("SolveBenchmark.solve", "HIGHS_ORTOOLS")),
              ("solve auto", ("SolveBenchmark.solve", "AUTO")),
              ("solve CBC", ("SolveBenchmark.solve", "CBC")),
              ("extract", ("PlanBenchmark.extract", None)), ("check", ("PlanBenchmark.check", None))]
    print("| ms per op | " + " | ".join(SIZES) + " | k vs nonzeros | k vs size product |")
    print("|---|" + "---:|" * (len(SIZES) + 2))
    for label, (bench, backend) in series:
        cells, pts, prod = [], [], []
        for s in SIZES:
            key = (bench, s, backend)
            if bench == "SolveBenchmark.solve" and s == "large":
                key = ("LargeSolveBenchmark.solve", s, backend)
            if key in rows:
                v = rows[key][0]
                cells.append(f"{v:,.1f}" if v >= 10 else f"{v:.3g}")
                pts.append((MODEL[s][2], v))
                prod.append((PRODUCT[s], v))
            else:
                cells.append("-")
        k = f"{fit(pts):.2f}" if len(pts) >= 2 else "-"
        kp = f"{fit(prod):.2f}" if len(prod) >= 2 else "-"
        print(f"| {label} | " + " | ".join(cells) + f" | {k} | {kp} |")
    print()
    nnz = [(MODEL[s][2], PRODUCT[s]) for s in SIZES]
    print(f"nonzeros ~ size product^{fit([(p, n) for n, p in nnz]):.2f}")
    print()
    for key, (score, unit, sec) in sorted(rows.items(), key=lambda kv: str(kv[0])):
        if sec:
            print(key, f"{score:.3f}", unit, {k: round(v, 4) for k, v in sec.items()})


if __name__ == "__main__":
    main()
