#!/usr/bin/env python3
"""What counting costs a decision: each JMH JSON file (-rf json, -prof gc) is one round of
MetricsBenchmark, both values of its `metrics` parameter measured one after the other in the same
round. The figure per trial is the median over its iterations of the benchmark thread's CPU time
per operation (the CpuTime counters), which time spent waiting for a core does not inflate; the
wall-clock median is given beside it. Per round, the cost is metrics on minus metrics off; the
table gives the median of those differences over the rounds and their range, and the bytes per
operation on and off (median over rounds).

    python3 src/jmh/metrics-delta.py target/metrics-*.json
"""
import json
import statistics
import sys

LABELS = {
    "allowedActual": "allowed actual request",
    "allowedPreflight": "allowed preflight, 3 requested headers",
    "refusedActual": "refused actual request (foreign origin)",
}


def raw(metric):
    return [s for fork in metric["rawData"] for s in fork]


def trial(r):
    secondary = r.get("secondaryMetrics", {})
    cpu = statistics.median(n / c for n, c in zip(raw(secondary["cpuNanos"]), raw(secondary["calls"])))
    wall = statistics.median(raw(r["primaryMetric"]))
    alloc = secondary.get("gc.alloc.rate.norm")
    return cpu, wall, statistics.median(raw(alloc)) if alloc else float("nan")


def rounds(path):
    with open(path) as f:
        return {(r["benchmark"].rsplit(".", 1)[-1], r["params"]["metrics"] == "true"): trial(r) for r in json.load(f)}


def main(paths):
    all_rounds = [rounds(p) for p in paths]
    n = len(all_rounds)
    print(f"| decision | CPU time, off | on | on − off, median of {n} rounds | range | wall time, off | on | B/op off | B/op on |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|")
    # Only the benchmarks every round measured: a run may select one (-jmh.args 'MetricsBenchmark.refusedActual').
    measured = [name for name in LABELS if all((name, v) in r for r in all_rounds for v in (False, True))]
    for name in measured:
        label = LABELS[name]
        off = [r[(name, False)] for r in all_rounds]
        on = [r[(name, True)] for r in all_rounds]
        deltas = [a[0] - b[0] for a, b in zip(on, off)]
        median = lambda values, i: statistics.median(v[i] for v in values)
        print(f"| {label} | {median(off, 0):.1f} ns | {median(on, 0):.1f} ns | {statistics.median(deltas):+.1f} ns "
              f"| {min(deltas):+.1f} to {max(deltas):+.1f} ns | {median(off, 1):.0f} ns | {median(on, 1):.0f} ns "
              f"| {median(off, 2):.0f} | {median(on, 2):.0f} |")
    print()
    print("Per round, CPU time on − off (ns), and bytes on − off:")
    for path, r in zip(paths, all_rounds):
        cells = ", ".join(f"{name} {r[(name, True)][0] - r[(name, False)][0]:+.1f} ns "
                          f"{r[(name, True)][2] - r[(name, False)][2]:+.1f} B" for name in measured)
        print(f"- {path}: {cells}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["target/metrics-1.json"])
