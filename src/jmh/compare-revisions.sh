#!/usr/bin/env bash
# Measures the same JMH benchmarks at two revisions of the library in one run, side by side: the
# working tree against BASE (a commit), each round running both, in an order reversed every other
# round, so that a burst of load from elsewhere on the machine hits both alike. Prints, per
# benchmark, the ratio working tree / BASE of every round, their median and their range, and the
# bytes allocated per operation on both sides.
#
#   src/jmh/compare-revisions.sh BASE 'DecisionBenchmark|OriginScalingBenchmark'
#   ROUNDS=7 JMH_ARGS='-f 1 -wi 3 -w 1s -i 5 -r 1s' src/jmh/compare-revisions.sh 1e7462d DecisionBenchmark
set -euo pipefail

base=${1:?usage: $0 BASE-REVISION BENCHMARK-REGEX}
pattern=${2:?usage: $0 BASE-REVISION BENCHMARK-REGEX}
ROUNDS=${ROUNDS:-5}
JMH_ARGS=${JMH_ARGS:--f 1 -wi 3 -w 1s -i 5 -r 1s}

cd "$(dirname "$0")/../.."
out=target/compare
rm -rf "$out"
mkdir -p "$out"

# The base revision in a worktree of its own, built the same way as the working tree.
git worktree add --detach -f "$out/base" "$base" >/dev/null
trap 'git worktree remove --force "$out/base" >/dev/null 2>&1 || true' EXIT

build() {
    local dir=$1 name=$2
    echo "Building $name..." >&2
    (cd "$dir" && mvn -B -ntp -q -o -Pbench -DskipTests test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench.cp" >&2)
    echo "$dir/target/test-classes:$dir/target/classes:$(cat "$dir/target/bench.cp")" >"$out/$name.cp"
}
build "$PWD" head
build "$PWD/$out/base" base

run() {
    local name=$1 round=$2
    echo "Round $round: $name" >&2
    # shellcheck disable=SC2086
    java -cp "$(cat "$out/$name.cp")" -Djmh.ignoreLock=true org.openjdk.jmh.Main "$pattern" $JMH_ARGS \
        -prof gc -rf json -rff "$out/$name-$round.json" >"$out/$name-$round.log" 2>&1
}

for round in $(seq "$ROUNDS"); do
    if ((round % 2)); then
        run head "$round"
        run base "$round"
    else
        run base "$round"
        run head "$round"
    fi
done

python3 - "$out" "$ROUNDS" <<'EOF'
import json, statistics, sys

out, rounds = sys.argv[1], int(sys.argv[2])

def load(name, round):
    with open(f"{out}/{name}-{round}.json") as f:
        results = {}
        for r in json.load(f):
            key = r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]
            params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
            if params:
                key += f" [{params}]"
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            results[key] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreUnit"], alloc)
        return results

head = [load("head", r) for r in range(1, rounds + 1)]
base = [load("base", r) for r in range(1, rounds + 1)]
print(f"| benchmark | head | base | unit | head / base, median | range over {rounds} rounds | B/op head | B/op base |")
print("|---|---:|---:|---|---:|---|---:|---:|")
for key in head[0]:
    if key not in base[0]:
        continue
    ratios = [h[key][0] / b[key][0] for h, b in zip(head, base)]
    h = statistics.median(r[key][0] for r in head)
    b = statistics.median(r[key][0] for r in base)
    ha = head[0][key][2]
    ba = base[0][key][2]
    fmt = lambda a: "" if a is None else ("0" if a < 0.5 else f"{a:.0f}")
    print(f"| {key} | {h:.4g} | {b:.4g} | {head[0][key][1]} | {statistics.median(ratios):.3f} "
          f"| {min(ratios):.3f}–{max(ratios):.3f} | {fmt(ha)} | {fmt(ba)} |")
EOF
