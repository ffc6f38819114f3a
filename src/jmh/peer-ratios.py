#!/usr/bin/env python3
"""How many times faster than Spring's the library's CORS handling is, per round: each JMH JSON
file (-rf json) is one round of PeerBenchmark's whole-request pairs, and the CORS part of a side is
its request minus its own baseline. Rounds run one after the other see the same machine, so their
spread says how far the figure can be trusted on a noisy one.

    python3 src/jmh/peer-ratios.py target/peer-1.json target/peer-2.json ...
"""
import json
import statistics
import sys

PAIRS = {
    "actual request": ("actualRequestOurs", "actualRequestJerseyBaseline", "actualRequestSpring", "actualRequestSpringBaseline"),
    "preflight": ("preflightOurs", "preflightJerseyBaseline", "preflightSpring", "preflightSpringBaseline"),
}


def scores(path):
    with open(path) as f:
        results = {}
        for r in json.load(f):
            name = r["benchmark"].rsplit(".", 1)[-1]
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            results[name] = (r["primaryMetric"]["score"], alloc)
        return results


def main(paths):
    rounds = [scores(p) for p in paths]
    print(f"| | jaxrs-cors (ns) | Spring (ns) | Spring ÷ jaxrs-cors, median | range over {len(rounds)} rounds "
          f"| bytes above baseline, jaxrs-cors | Spring |")
    print("|---|---:|---:|---:|---|---:|---:|")
    for label, (ours, ours_base, spring, spring_base) in PAIRS.items():
        ours_part = [r[ours][0] - r[ours_base][0] for r in rounds]
        spring_part = [r[spring][0] - r[spring_base][0] for r in rounds]
        ratios = [s / o for s, o in zip(spring_part, ours_part)]
        ours_bytes = statistics.median(r[ours][1] - r[ours_base][1] for r in rounds)
        spring_bytes = statistics.median(r[spring][1] - r[spring_base][1] for r in rounds)
        print(f"| {label} | {statistics.median(ours_part):.0f} | {statistics.median(spring_part):.0f} "
              f"| {statistics.median(ratios):.1f}× | {min(ratios):.1f}–{max(ratios):.1f}× "
              f"| {ours_bytes:.0f} | {spring_bytes:.0f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
