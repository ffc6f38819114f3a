#!/usr/bin/env bash
# End-to-end load test on loopback, Spring Boot only: a hello endpoint on Spring Boot 4.0 with
# spring-boot-starter-jersey (Jersey 4, Tomcat 11) with the library, against the same application
# with Spring's own CorsFilter configured with the same policy, and without either. Each server runs
# in its own JVM with its own classpath: the library's jar is on the classpath of "spring-with"
# only (beside Spring's CorsFilter it would refuse to start).
#
# Measured as src/jmh/load/run-e2e.sh measures Jersey and RESTEasy (src/jmh/load/measure.sh): each
# server is first warmed until its throughput and CPU per request settle (windows of WINDOW under
# load until two consecutive ones agree within STABLE_WITHIN percent, or WARM_MAX windows, then the
# report says so); then wrk runs alternate between the servers, round after round, in an order
# reversed and rotated, so that a burst of load from elsewhere hits every variant alike, and each
# ratio is taken within one round. The machine's load (uptime) is printed before and after: on a
# shared machine, say so with the figures.
#
#   src/jmh/load/run-spring-peer.sh            # from the project root; ROUNDS=5 DURATION=10s by default
#   ROUNDS=9 DURATION=20s CONNECTIONS=64 src/jmh/load/run-spring-peer.sh
#   ROUNDS=1 DURATION=2s WINDOW=2s WARM_MAX=4 src/jmh/load/run-spring-peer.sh   # does the script work?
set -euo pipefail

ROUNDS=${ROUNDS:-5}
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

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
(( WARM_MAX >= 2 )) || { echo "WARM_MAX must be at least 2: stability takes two windows" >&2; exit 1; }

cd "$(dirname "$0")/../../.."
out=target/load
mkdir -p "$out"
# shellcheck source=src/jmh/load/measure.sh
source src/jmh/load/measure.sh
# One fork of the servers, each loaded alone in its turn.
FORKS=1
CONCURRENT=0

echo "Building the library and the server's classpath..." >&2
mvn -o -q compile >&2
mvn -q -f src/jmh/load/spring-pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$out/spring.cp" >&2
library=target/classes
spring_cp=$(cat "$out/spring.cp")

rm -rf "$out/spring-classes"
javac -d "$out/spring-classes" -cp "$spring_cp" src/jmh/load/java/hello/Hello.java src/jmh/load/java/hello/SpringServer.java

# name | classpath | main class and arguments
variants=(
    "spring-without|$out/spring-classes:$spring_cp|hello.SpringServer"
    "spring-own-CorsFilter|$out/spring-classes:$spring_cp|hello.SpringServer own"
    "spring-with|$out/spring-classes:$library:$spring_cp|hello.SpringServer"
)
# measured | baseline: the paired ratios reported
comparisons=(
    "spring-with|spring-own-CorsFilter"
    "spring-with|spring-without"
    "spring-own-CorsFilter|spring-without"
)

declare -A port pid
cleanup() {
    local p
    for p in "${pid[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    # Spring Boot shuts down gracefully, which takes a moment: leave no server behind.
    for p in "${pid[@]}"; do
        wait "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT

for variant in "${variants[@]}"; do
    IFS='|' read -r name cp main <<<"$variant"
    log="$out/$name.log"
    # A later fork reuses the file: without this, the last fork's "PORT" line could be read
    # before the new JVM truncates it, and its dead port taken for the new one.
    rm -f "$log"
    # shellcheck disable=SC2086
    java $JVM_FLAGS -Dcors.allowed-origins="$ORIGIN" -cp "$cp" $main >"$log" 2>&1 &
    pid[$name]=$!
    for _ in $(seq 300); do
        grep -q '^PORT ' "$log" && break
        sleep 0.2
    done
    port[$name]=$(sed -n 's/^PORT //p' "$log")
    [[ -n "${port[$name]}" ]] || { echo "$name did not start; see $log" >&2; exit 1; }
    # Both sides must answer as expected, or the comparison means nothing.
    headers=$(curl -s -D - -o /dev/null -H "Origin: $ORIGIN" "http://127.0.0.1:${port[$name]}/hello")
    case "$name" in
        *without) grep -qi '^access-control-allow-origin' <<<"$headers" && { echo "$name sends CORS headers" >&2; exit 1; } ;;
        *) grep -qi "^access-control-allow-origin: $ORIGIN" <<<"$headers" || { echo "$name sends no CORS headers" >&2; exit 1; } ;;
    esac
    echo "$name on port ${port[$name]}" >&2
done

echo "Load before: $(uptime)" >&2
load_before=$(uptime)
echo "Warming each server until two consecutive $WINDOW windows agree within $STABLE_WITHIN% (at most $WARM_MAX windows)..." >&2
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    warm "$name" 1
    echo "  $name: ${warmed[$name]}" >&2
done

run_rounds 1

load_after=$(uptime)
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS alternated rounds, JVM: $JVM_FLAGS, $(nproc) cores"
echo "Load before: $load_before"
echo "Load after:  $load_after"
report
