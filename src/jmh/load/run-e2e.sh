#!/usr/bin/env bash
# End-to-end load test on loopback: a hello endpoint with and without the library, on Jersey
# (Grizzly) and RESTEasy (Undertow), each server in its own JVM with its own classpath, so that the
# servers "without the library" really are without it.
#
# Each server is first warmed until it settles: windows of WINDOW under load until two consecutive
# ones agree within STABLE_WITHIN percent, in throughput and in CPU per request, or WARM_MAX windows
# (then the report says so).
# A fixed warm-up is not enough: on a slower machine the JIT was still climbing after 10 s, and
# the first rounds measured compilation, not CORS. Then wrk runs alternate between the servers,
# round after round, so that a burst of load from elsewhere hits every variant alike, and each
# "with" is compared with its baseline of the same round.
#
# Two measures per run of wrk: the throughput wrk reports, and the server's CPU time per request:
# user + system time of the server's JVM (/proc/<pid>/stat, all its threads, GC and JIT included)
# read before and after, divided by the requests wrk counted. Throughput moves with whatever else
# runs on the machine, wrk included, which takes CPU from the server; the CPU a request costs the
# server moves far less, and a change in the per-request path shows in it directly.
#
#   src/jmh/load/run-e2e.sh            # from the project root; ROUNDS=5 DURATION=10s by default
#   ROUNDS=9 DURATION=20s CONNECTIONS=64 src/jmh/load/run-e2e.sh
#   SERVERS=jersey ROUNDS=9 DURATION=5s src/jmh/load/run-e2e.sh        # only the servers named so
#   FORKS=3 SERVERS=jersey ROUNDS=5 DURATION=5s src/jmh/load/run-e2e.sh  # three fresh JVMs of each server
#   SERVER_CPUS=0 WRK_CPUS=1 src/jmh/load/run-e2e.sh                   # pinned with taskset
#   METRICS=1 SERVERS=jersey src/jmh/load/run-e2e.sh   # also metrics on against off (Micrometer)
#   JFR=1 SERVERS=jersey src/jmh/load/run-e2e.sh   # also records each server's profile during the rounds
#   BASE=HEAD~1 SERVERS=jersey src/jmh/load/run-e2e.sh   # the library now against HEAD~1's
#   CONCURRENT=1 SERVERS=jersey src/jmh/load/run-e2e.sh  # the servers of a round under load at once
#   ROUNDS=1 DURATION=2s WINDOW=2s WARM_MAX=4 src/jmh/load/run-e2e.sh   # does the script work?
set -euo pipefail

ROUNDS=${ROUNDS:-5}
# Each fork starts the servers anew (see below); the rounds of all forks are pooled.
FORKS=${FORKS:-1}
# 1: each round loads every server at once (see run_concurrently) rather than one after the other.
CONCURRENT=${CONCURRENT:-0}
DURATION=${DURATION:-10s}
WINDOW=${WINDOW:-5s}
STABLE_WITHIN=${STABLE_WITHIN:-3}
WARM_MAX=${WARM_MAX:-24}
# Paired ratios whose rounds spread wider than this many percentage points are reported as unstable.
SPREAD_LIMIT=${SPREAD_LIMIT:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ORIGIN=${ORIGIN:-https://app.example.com}
JVM_FLAGS=${JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC}
# A regular expression: only the servers whose names match it run (and the comparisons between them).
SERVERS=${SERVERS:-.}
# CPU lists for taskset (e.g. 0 and 1); empty: the scheduler places servers and wrk.
SERVER_CPUS=${SERVER_CPUS:-}
WRK_CPUS=${WRK_CPUS:-}
# 1: a JFR recording of every server during the measured rounds, its top frames printed at the end.
# The recording costs the servers some CPU of their own: quote the figures of a run without it.
JFR=${JFR:-0}
# Contract 6.2 (metrics on vs off): 1 adds a Jersey server with the library and Micrometer
# (src/jmh/load/micrometer-pom.xml), started with the argument "metrics" (which installs a
# registry), once with -Dcors.metrics=false and once with -Dcors.metrics=true, and their paired
# ratio. METRICS_CP gives another backend's classpath instead.
METRICS=${METRICS:-0}
METRICS_CP=${METRICS_CP:-}
# A revision of the library (e.g. HEAD~1): every server with the library also runs on that
# revision's build, and each is compared with its twin, side by side in the same rounds.
BASE=${BASE:-}

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
if [[ -n $SERVER_CPUS || -n $WRK_CPUS ]]; then
    command -v taskset >/dev/null || { echo "taskset not found: apt-get install -y util-linux" >&2; exit 1; }
fi
(( WARM_MAX >= 2 )) || { echo "WARM_MAX must be at least 2: stability takes two windows" >&2; exit 1; }

cd "$(dirname "$0")/../../.."
out=target/load
mkdir -p "$out"
# shellcheck source=src/jmh/load/measure.sh
source src/jmh/load/measure.sh
base_dir=$out/base

declare -A port pid
cleanup() {
    local p
    for p in "${pid[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    if [[ -n $BASE ]]; then
        git worktree remove --force "$base_dir" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT
# A signal (Ctrl-C, a closed pipe, kill) ends the script through its exit, so that no server outlives it.
trap 'exit 1' INT TERM PIPE HUP

echo "Building the library and the servers' classpaths..." >&2
mvn -o -q compile >&2
# Each runtime with what an application on it has: the project's test classpath holds RESTEasy,
# Vert.x, CXF and more, and the library installs on Jersey what those runtimes need.
mvn -q -f src/jmh/load/jersey-pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$out/jersey.cp" >&2
mvn -q -f src/jmh/load/resteasy-pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$out/resteasy.cp" >&2
if [[ $METRICS == 1 && -z $METRICS_CP ]]; then
    mvn -q -f src/jmh/load/micrometer-pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$out/micrometer.cp" >&2
    METRICS_CP=$(cat "$out/micrometer.cp")
fi
library=target/classes
if [[ -n $BASE ]]; then
    echo "Building the library at $BASE..." >&2
    git worktree remove --force "$base_dir" >/dev/null 2>&1 || rm -rf "$base_dir"
    git worktree add --detach -f "$base_dir" "$BASE" >/dev/null
    (cd "$base_dir" && mvn -o -q compile >&2)
    library_base=$base_dir/target/classes
fi
jersey_cp=$(cat "$out/jersey.cp")
resteasy_cp=$(cat "$out/resteasy.cp")

rm -rf "$out/jersey-classes" "$out/resteasy-classes"
javac -d "$out/jersey-classes" -cp "$jersey_cp" src/jmh/load/java/hello/Hello.java src/jmh/load/java/hello/JerseyServer.java \
    src/jmh/load/java/hello/HandWrittenCors.java
javac -d "$out/resteasy-classes" -cp "$resteasy_cp" src/jmh/load/java/hello/Hello.java src/jmh/load/java/hello/ResteasyServer.java

# name | classpath | main class and arguments | JVM flags of this server alone
all_variants=(
    "jersey-without|$out/jersey-classes:$jersey_cp|hello.JerseyServer|"
    "jersey-with|$out/jersey-classes:$library:$jersey_cp|hello.JerseyServer|"
    "jersey-handwritten|$out/jersey-classes:$jersey_cp|hello.JerseyServer handwritten|"
    "resteasy-without|$out/resteasy-classes:$resteasy_cp|hello.ResteasyServer|"
    "resteasy-own-CorsFilter|$out/resteasy-classes:$resteasy_cp|hello.ResteasyServer own|"
    "resteasy-with|$out/resteasy-classes:$library:$resteasy_cp|hello.ResteasyServer|"
)
# measured | baseline: the paired ratios reported
all_comparisons=(
    "jersey-with|jersey-without"
    "jersey-handwritten|jersey-without"
    "jersey-with|jersey-handwritten"
    "resteasy-own-CorsFilter|resteasy-without"
    "resteasy-with|resteasy-without"
    "resteasy-with|resteasy-own-CorsFilter"
)
if [[ -n $METRICS_CP ]]; then
    metrics_cp="$out/jersey-classes:$library:$METRICS_CP:$jersey_cp"
    all_variants+=(
        "jersey-metrics-off|$metrics_cp|hello.JerseyServer metrics|-Dcors.metrics=false"
        "jersey-metrics-on|$metrics_cp|hello.JerseyServer metrics|-Dcors.metrics=true"
    )
    all_comparisons+=("jersey-metrics-on|jersey-metrics-off")
fi

if [[ -n $BASE ]]; then
    base_variants=()
    for variant in "${all_variants[@]}"; do
        IFS='|' read -r name cp main flags <<<"$variant"
        if [[ $cp == *":$library:"* ]]; then
            base_variants+=("$name-base|${cp/:$library:/:$library_base:}|$main|$flags")
            all_comparisons+=("$name|$name-base")
        fi
    done
    all_variants+=("${base_variants[@]}")
fi

variants=()
declare -A selected
for variant in "${all_variants[@]}"; do
    name=${variant%%|*}
    if [[ $name =~ $SERVERS ]]; then
        variants+=("$variant")
        selected[$name]=1
    fi
done
comparisons=()
for comparison in "${all_comparisons[@]}"; do
    if [[ -n ${selected[${comparison%%|*}]:-} && -n ${selected[${comparison#*|}]:-} ]]; then
        comparisons+=("$comparison")
    fi
done
(( ${#comparisons[@]} > 0 )) || { echo "SERVERS=$SERVERS selects no pair of servers to compare" >&2; exit 1; }

# Prefixes of the servers' and wrk's command lines. taskset replaces itself with the command, so
# that the pid of a server is its JVM's, whose CPU time the measure reads.
server_prefix=()
wrk_prefix=()
[[ -z $SERVER_CPUS ]] || server_prefix=(taskset -c "$SERVER_CPUS")
[[ -z $WRK_CPUS ]] || wrk_prefix=(taskset -c "$WRK_CPUS")

jfr_flags=""
if [[ $JFR == 1 ]]; then
    # Jersey's frames under Grizzly's run 100 deep and more; JFR keeps 64 by default.
    jfr_flags="-XX:FlightRecorderOptions:stackdepth=512"
fi

start_servers() {
    local variant name cp main flags log headers
    for variant in "${variants[@]}"; do
        IFS='|' read -r name cp main flags <<<"$variant"
        log="$out/$name.log"
        # A later fork reuses the file: without this, the last fork's "PORT" line could be read
        # before the new JVM truncates it, and its dead port taken for the new one.
        rm -f "$log"
        # shellcheck disable=SC2086
        "${server_prefix[@]}" java $JVM_FLAGS $jfr_flags $flags -Dcors.allowed-origins="$ORIGIN" -cp "$cp" $main >"$log" 2>&1 &
        pid[$name]=$!
        for _ in $(seq 300); do
            grep -q '^PORT ' "$log" && break
            sleep 0.2
        done
        port[$name]=$(sed -n 's/^PORT //p' "$log")
        [[ -n "${port[$name]}" ]] || { echo "$name did not start; see $log" >&2; exit 1; }
        # Both sides must answer as expected, or the comparison means nothing.
        # A busy machine may print the port before the server accepts connections.
        headers=$(curl -s --retry 10 --retry-connrefused --retry-delay 1 -D - -o /dev/null -H "Origin: $ORIGIN" \
            "http://127.0.0.1:${port[$name]}/hello") || { echo "$name does not answer; see $log" >&2; exit 1; }
        case "$name" in
            *without) grep -qi '^access-control-allow-origin' <<<"$headers" && { echo "$name sends CORS headers" >&2; exit 1; } ;;
            *) grep -qi "^access-control-allow-origin: $ORIGIN" <<<"$headers" || { echo "$name sends no CORS headers" >&2; exit 1; } ;;
        esac
        echo "$name on port ${port[$name]}, pid ${pid[$name]}" >&2
    done
}

stop_servers() {
    local name
    for name in "${!pid[@]}"; do
        kill "${pid[$name]}" 2>/dev/null || true
        wait "${pid[$name]}" 2>/dev/null || true
        unset "pid[$name]"
    done
}

# Each fork starts every server anew, warms it and runs ROUNDS rounds: two JVMs of the same server
# differ by a few percent in what a request costs them (compiled code, hash layouts), so a figure
# from one pair of JVMs carries that pair's luck, which more rounds do not average out; more forks do.
loads=()
for fork in $(seq "$FORKS"); do
    echo "Fork $fork of $FORKS: load average (1, 5, 15 min) $(load_average)" >&2
    start_servers
    echo "Warming each server until two consecutive $WINDOW windows agree within $STABLE_WITHIN% (at most $WARM_MAX windows)..." >&2
    for variant in "${variants[@]}"; do
        name=${variant%%|*}
        warm "$name" "$fork"
        echo "  $name: ${warmed[$name]##*; }" >&2
    done

    # The profile is of the first fork's rounds.
    if [[ $JFR == 1 && $fork == 1 ]]; then
        for variant in "${variants[@]}"; do
            name=${variant%%|*}
            rm -f "$out/$name.jfr"
            jcmd "${pid[$name]}" JFR.start name=e2e settings=profile filename="$PWD/$out/$name.jfr" >/dev/null
            # Starting a recording costs the JVM a burst of work of its own: let it pass before the rounds.
            run_wrk "$name" "$WINDOW" >/dev/null
        done
    fi

    loads+=("fork $fork: $(load_average) before its rounds")
    run_rounds "$fork"
    loads[-1]+=", $(load_average) after them"

    if [[ $JFR == 1 && $fork == 1 ]]; then
        for variant in "${variants[@]}"; do
            name=${variant%%|*}
            jcmd "${pid[$name]}" JFR.stop name=e2e >/dev/null
        done
        # The requests each server answered while it was recorded, for per-request figures.
        declare -A served
        for variant in "${variants[@]}"; do
            name=${variant%%|*}
            served[$name]=$(printf '%s' "${results[$name]}" | awk '{ n += $4 } END { print n }')
        done
    fi
    stop_servers
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION$([[ $CONCURRENT == 1 ]] && echo " shared by all servers at once"), $FORKS fork(s) of $ROUNDS alternated rounds, JVM: $JVM_FLAGS," \
    "$(nproc) cores, servers on CPUs ${SERVER_CPUS:-any}, wrk on CPUs ${WRK_CPUS:-any}${jfr_flags:+, JFR recording in fork 1}"
echo "Load average (1, 5, 15 min):"
for load in "${loads[@]}"; do
    echo "  $load"
done
report

if [[ $JFR == 1 ]]; then
    for variant in "${variants[@]}"; do
        name=${variant%%|*}
        echo
        echo "Profile of $name ($out/$name.jfr):"
        java src/jmh/load/JfrTop.java "$out/$name.jfr" "${served[$name]}"
    done
    for comparison in "${comparisons[@]}"; do
        measured=${comparison%%|*}
        baseline=${comparison#*|}
        echo
        java src/jmh/load/JfrTop.java "$out/$measured.jfr" "${served[$measured]}" "$out/$baseline.jfr" "${served[$baseline]}"
    done
fi
