#!/usr/bin/env python3
"""Summarises a BackendGrid record (benchmarks/recorded/grid-*.json): per size and backend the
median wall time (s), the median CPU time of the whole process over the solve (s), the load
average seen before the solves, how they ended, and each time as a multiple of the LP
relaxation's (HiGHS dual simplex) and of the faster of SCIP and HiGHS (C API).
Usage: summarize_grid.py GRID.json [MORE.json ...]"""
import json
import statistics
import sys

ORDER = ["LP", "SCIP", "HIGHS_ORTOOLS", "HIGHS", "AUTO", "AUTO_RACE"]
NAMES = {"LP": "LP relaxation (HiGHS)", "SCIP": "SCIP", "HIGHS_ORTOOLS": "HiGHS via OR-Tools",
         "HIGHS": "HiGHS direct", "AUTO": "auto", "AUTO_RACE": "auto, racing"}
SIZES = ["tiny", "small", "medium", "real", "large"]


def main():
    rows = []
    for path in sys.argv[1:]:
        rows += json.load(open(path))
    by = {}
    for r in rows:
        by.setdefault((r["size"], r["backend"]), []).append(r)
    print("| size (nonzeros) | backend | wall s (median) | CPU s | load | ended | × LP | × faster of SCIP, HiGHS |")
    print("|---|---|---:|---:|---:|---|---:|---:|")
    sizes = [s for s in SIZES if (s, "LP") in by]
    sizes += sorted({r["size"] for r in rows if r["size"] not in SIZES}, key=lambda s: by[(s, "LP")][0]["nonzeros"])
    for size in sizes:
        wall = {b: statistics.median(r["wallSeconds"] for r in by[(size, b)]) for b in ORDER if (size, b) in by}
        best = min(wall[b] for b in ("SCIP", "HIGHS") if b in wall) if ("SCIP" in wall or "HIGHS" in wall) else None
        nonzeros = by[(size, "LP")][0]["nonzeros"]
        for b in ORDER:
            if b not in wall:
                continue
            rs = by[(size, b)]
            cpu = statistics.median(r["cpuSeconds"] for r in rs)
            loads = [r["load1"] for r in rs]
            ended = sorted({r["status"] + ("" if r["gap"] in (None, 0) or r["status"] == "OPTIMAL"
                                            else " gap %.0f %%" % (100 * r["gap"])) for r in rs})
            who = sorted({r["solver"].split(";")[0].split(" (")[0].split(" ")[0] for r in rs if b.startswith("AUTO")})
            label = NAMES[b] + (" → " + "/".join(who) if who else "")
            load = "%.1f" % loads[0] if len(loads) == 1 else "%.1f–%.1f" % (min(loads), max(loads))
            print("| %s (%s) | %s | %.3f | %.3f | %s | %s | %.2f | %s |" % (
                size, format(nonzeros, ","), label, wall[b], cpu, load, ", ".join(ended), wall[b] / wall["LP"],
                "" if b == "LP" or best is None else "%.2f" % (wall[b] / best)))


if __name__ == "__main__":
    main()
