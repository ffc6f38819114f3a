#!/usr/bin/env bash
# End-to-end load test on loopback, Quarkus only: the hello endpoint on Quarkus 3.33 with
# quarkus-rest, JVM builds (src/jmh/load/quarkus), with the library, against the same application
# without it and with Quarkus's own CORS filter configured with the same policy, and without either.
# The library's jar is in the build of "quarkus-with" only (beside Quarkus's filter it would refuse
# to start). Quarkus reads quarkus.http.cors.* at run time, so one build without the library serves
# both other servers, started with different system properties.
#
# The policy on all sides is the library's default for one origin: ORIGIN, GET, HEAD and POST, a
# max-age of 86400 s, no credentials. Quarkus's filter needs each said: left unset, it allows any
# method, and credentials for every origin it lists. Its answers still differ from the library's (it
# sends Access-Control-Allow-Methods and Access-Control-Allow-Credentials: false on every response,
# no Vary, and allows whatever request headers a preflight asks for): the report shows what each sends.
#
# As src/jmh/load/run-e2e.sh does: each server is first warmed until it settles (windows of WINDOW
# under load until two consecutive ones agree within STABLE_WITHIN percent, in throughput and in CPU
# per request, or WARM_MAX windows, then the report says so); then wrk runs alternate between the
# servers, round after round, so that a burst of load from elsewhere hits every variant alike, and
# each ratio is taken within one round. Two measures per run of wrk: the throughput wrk reports, and
# the server's CPU time per request (user + system time of its JVM from /proc/<pid>/stat, read before
# and after, divided by the requests wrk counted), which moves far less with whatever else the
# machine runs. The machine's load (uptime) is printed before and after: on a shared machine, say so
# with the figures.
#
#   src/jmh/load/run-quarkus-peer.sh            # from the project root; ROUNDS=5 DURATION=10s by default
#   ROUNDS=9 DURATION=20s CONNECTIONS=64 src/jmh/load/run-quarkus-peer.sh
#   ROUNDS=2 DURATION=2s WINDOW=2s WARM_MAX=4 src/jmh/load/run-quarkus-peer.sh   # does the script work?
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
command -v curl >/dev/null || { echo "curl not found: apt-get install -y curl" >&2; exit 1; }
(( WARM_MAX >= 2 )) || { echo "WARM_MAX must be at least 2: stability takes two windows" >&2; exit 1; }

cd "$(dirname "$0")/../../.."
out=target/load
mkdir -p "$out"
# shellcheck source=src/jmh/load/measure.sh
source src/jmh/load/measure.sh
# One fork of the servers, each loaded alone in its turn.
FORKS=1
CONCURRENT=0

declare -A port pid
cleanup() {
    local p
    for p in "${pid[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    # Quarkus shuts down gracefully, which takes a moment: leave no server behind.
    for p in "${pid[@]}"; do
        wait "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT
# A signal (Ctrl-C, a closed pipe, kill) ends the script through its exit, so that no server outlives it.
trap 'exit 1' INT TERM PIPE HUP

echo "Building the library and the Quarkus applications..." >&2
# The library is built in the same reactor (src/jmh/load/quarkus/pom.xml), so that quarkus-with carries
# the working tree's jar; its tests, Javadoc and sources are not needed for that.
mvn -o -q -f src/jmh/load/quarkus/pom.xml -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    package >&2
with_app=src/jmh/load/quarkus/with/target/quarkus-app/quarkus-run.jar
plain_app=src/jmh/load/quarkus/plain/target/quarkus-app/quarkus-run.jar

quarkus_cors="-Dquarkus.http.cors.enabled=true -Dquarkus.http.cors.origins=$ORIGIN"
quarkus_cors+=" -Dquarkus.http.cors.methods=GET,HEAD,POST -Dquarkus.http.cors.access-control-max-age=86400S"
quarkus_cors+=" -Dquarkus.http.cors.access-control-allow-credentials=false"

# name | application | system properties of this server alone
variants=(
    "quarkus-without|$plain_app|"
    "quarkus-own-CORSFilter|$plain_app|$quarkus_cors"
    "quarkus-with|$with_app|"
)
# measured | baseline: the paired ratios reported
comparisons=(
    "quarkus-with|quarkus-own-CORSFilter"
    "quarkus-with|quarkus-without"
    "quarkus-own-CORSFilter|quarkus-without"
)

header_lines() { # name-regex < response headers -> the lines of the headers whose names match, without CR
    tr -d '\r' | awk -v p="$1" 'tolower($0) ~ "^(" p ")" { print }'
}

declare -A sent
start_servers() {
    local variant name app flags log headers preflight
    for variant in "${variants[@]}"; do
        IFS='|' read -r name app flags <<<"$variant"
        log="$out/$name.log"
        # A later fork reuses the file: without this, the last fork's "PORT" line could be read
        # before the new JVM truncates it, and its dead port taken for the new one.
        rm -f "$log"
        # shellcheck disable=SC2086
        java $JVM_FLAGS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 -Dquarkus.banner.enabled=false \
            -Dcors.allowed-origins="$ORIGIN" $flags -jar "$app" >"$log" 2>&1 &
        pid[$name]=$!
        for _ in $(seq 300); do
            grep -q 'Listening on: ' "$log" && break
            kill -0 "${pid[$name]}" 2>/dev/null || break
            sleep 0.2
        done
        port[$name]=$(sed -n 's|.*Listening on: http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$log" | head -n 1)
        [[ -n "${port[$name]}" ]] || { echo "$name did not start; see $log" >&2; exit 1; }

        # The servers must answer as the comparison assumes, or it means nothing.
        headers=$(curl -s --retry 10 --retry-connrefused --retry-delay 1 -D - -o /dev/null -H "Origin: $ORIGIN" \
            "http://127.0.0.1:${port[$name]}/hello") || { echo "$name does not answer; see $log" >&2; exit 1; }
        grep -q '^HTTP/[0-9.]* 200' <<<"$headers" || {
            echo "$name answers GET /hello with $(head -n 1 <<<"$headers" | tr -d '\r'), not 200; see $log" >&2; exit 1; }
        case "$name" in
            *without)
                if grep -qi '^access-control-' <<<"$headers"; then
                    echo "$name sends CORS headers, but has no CORS support:" >&2
                    header_lines access-control- <<<"$headers" >&2
                    exit 1
                fi ;;
            *)
                header_lines access-control-allow-origin <<<"$headers" | grep -qixF "access-control-allow-origin: $ORIGIN" || {
                    echo "$name does not send Access-Control-Allow-Origin: $ORIGIN for GET /hello with that Origin; see $log" >&2
                    exit 1
                }
                # The same policy on both sides: the preflight shows the methods, max-age and credentials.
                preflight=$(curl -s -D - -o /dev/null -X OPTIONS -H "Origin: $ORIGIN" -H "Access-Control-Request-Method: POST" \
                    "http://127.0.0.1:${port[$name]}/hello")
                grep -qi '^access-control-max-age: 86400' <<<"$preflight" || {
                    echo "$name's preflight has no Access-Control-Max-Age: 86400:" >&2; tr -d '\r' <<<"$preflight" >&2; exit 1; }
                if grep -qi '^access-control-allow-credentials: true' <<<"$preflight$headers"; then
                    echo "$name allows credentials:" >&2; tr -d '\r' <<<"$preflight" >&2; exit 1
                fi
                sent[$name,preflight]=$(header_lines 'access-control-|vary' <<<"$preflight")
                ;;
        esac
        sent[$name,get]=$(header_lines 'access-control-|vary' <<<"$headers")
        echo "$name on port ${port[$name]}, pid ${pid[$name]}" >&2
    done
}

load_before=$(uptime)
echo "Load before: $load_before" >&2
start_servers
echo "Warming each server until two consecutive $WINDOW windows agree within $STABLE_WITHIN% (at most $WARM_MAX windows)..." >&2
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    warm "$name" 1
    echo "  $name: ${warmed[$name]}" >&2
done

run_rounds 1
load_after=$(uptime)

echo
echo "Quarkus 3.33.2 (quarkus-rest, JVM build), wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS alternated rounds," \
    "JVM: $JVM_FLAGS, $(nproc) cores"
echo "Load before: $load_before"
echo "Load after:  $load_after"
echo "CORS headers each server sends (GET /hello with Origin: $ORIGIN; preflight of POST):"
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    echo "  $name, GET: $( [[ -n ${sent[$name,get]} ]] && paste -sd ';' <<<"${sent[$name,get]}" | sed 's/;/; /g' || echo none)"
    [[ -z ${sent[$name,preflight]:-} ]] || echo "  $name, preflight: $(paste -sd ';' <<<"${sent[$name,preflight]}" | sed 's/;/; /g')"
done

report
