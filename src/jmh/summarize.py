#!/usr/bin/env python3
"""Prints a JMH JSON result (-rf json) as a Markdown table: the median of all measurement
iterations with their interquartile range, which a burst of load from elsewhere on the machine
moves far less than the mean, and the bytes allocated per operation (-prof gc).

    python3 src/jmh/summarize.py target/jmh.json
"""
import json
import statistics
import sys


def quartiles(values):
    if len(values) < 4:
        return min(values), max(values)
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def main(path):
    with open(path) as f:
        results = json.load(f)
    print("| benchmark | params | median | IQR | unit | B/op |")
    print("|---|---|---:|---:|---|---:|")
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        name = name[-2] + "." + name[-1]
        params = ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        metric = r["primaryMetric"]
        scores = [s for fork in metric["rawData"] for s in fork]
        low, high = quartiles(scores)
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        allocated = ""
        if alloc:
            per_op = statistics.median([s for fork in alloc["rawData"] for s in fork])
            allocated = f"{per_op:.0f}" if per_op >= 0.5 else "0"
        print(f"| {name} | {params} | {statistics.median(scores):.4g} | {low:.4g}–{high:.4g} "
              f"| {metric['scoreUnit']} | {allocated} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/jmh.json")
