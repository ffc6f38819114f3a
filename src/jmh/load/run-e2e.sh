#!/usr/bin/env bash
# End-to-end load test on loopback: a hello endpoint with and without the library, on Jersey
# (Grizzly) and RESTEasy (Undertow), each server in its own JVM with its own classpath, so that the
# servers "without the library" really are without it. wrk runs are alternated between the servers
# (round after round), so that a burst of load from elsewhere hits every variant alike.
#
#   src/jmh/load/run-e2e.sh            # from the project root; ROUNDS=3 DURATION=10s by default
#   ROUNDS=5 DURATION=20s CONNECTIONS=64 src/jmh/load/run-e2e.sh
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ORIGIN=${ORIGIN:-https://app.example.com}
JVM_FLAGS=${JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC}

cd "$(dirname "$0")/../../.."
out=target/load
mkdir -p "$out"

echo "Building the library and the servers' classpaths..." >&2
mvn -o -q compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/jersey.cp" >&2
mvn -q -f src/jmh/load/resteasy-pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$out/resteasy.cp" >&2
library=target/classes
jersey_cp=$(cat "$out/jersey.cp")
resteasy_cp=$(cat "$out/resteasy.cp")

rm -rf "$out/jersey-classes" "$out/resteasy-classes"
javac -d "$out/jersey-classes" -cp "$jersey_cp" src/jmh/load/java/hello/Hello.java src/jmh/load/java/hello/JerseyServer.java
javac -d "$out/resteasy-classes" -cp "$resteasy_cp" src/jmh/load/java/hello/Hello.java src/jmh/load/java/hello/ResteasyServer.java

# name | classpath | main class and arguments
variants=(
    "jersey-without|$out/jersey-classes:$jersey_cp|hello.JerseyServer"
    "jersey-with|$out/jersey-classes:$library:$jersey_cp|hello.JerseyServer"
    "resteasy-without|$out/resteasy-classes:$resteasy_cp|hello.ResteasyServer"
    "resteasy-own-CorsFilter|$out/resteasy-classes:$resteasy_cp|hello.ResteasyServer own"
    "resteasy-with|$out/resteasy-classes:$library:$resteasy_cp|hello.ResteasyServer"
)

pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

declare -A port
for variant in "${variants[@]}"; do
    IFS='|' read -r name cp main <<<"$variant"
    log="$out/$name.log"
    # shellcheck disable=SC2086
    java $JVM_FLAGS -Dcors.allowed-origins="$ORIGIN" -cp "$cp" $main >"$log" 2>&1 &
    pids+=($!)
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

run_wrk() { # name duration -> "requests/s p50-ms p99-ms"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -H "Origin: $ORIGIN" "http://127.0.0.1:${port[$1]}/hello" \
        | awk '
            function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
            /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
            /Non-2xx/ { bad = 1 }
            END { if (bad) { print "non-2xx responses" > "/dev/stderr"; exit 1 } print rps, p50, p99 }'
}

echo "Warming up ($WARMUP each)..." >&2
for variant in "${variants[@]}"; do
    run_wrk "${variant%%|*}" "$WARMUP" >/dev/null
done

declare -A results rps
for round in $(seq "$ROUNDS"); do
    # Every other round runs the variants in reverse, so that no variant always goes first.
    order=("${variants[@]}")
    if (( round % 2 == 0 )); then
        order=()
        for (( i = ${#variants[@]} - 1; i >= 0; i-- )); do order+=("${variants[$i]}"); done
    fi
    for variant in "${order[@]}"; do
        name=${variant%%|*}
        result=$(run_wrk "$name" "$DURATION")
        results[$name]+="$result"$'\n'
        rps[$name,$round]=${result%% *}
        echo "round $round  $name  $result" >&2
    done
done

# The machine's speed drifts over minutes (other tenants, frequency), moving every variant of a
# round alike; the median over rounds of the ratio within each round cancels that drift.
paired() { # a b -> median over rounds of rps(a)/rps(b), in percent
    for round in $(seq "$ROUNDS"); do
        awk -v a="${rps[$1,$round]}" -v b="${rps[$2,$round]}" 'BEGIN { print 100 * a / b }'
    done | sort -g | awk '{ x[NR] = $1 } END { printf "%.1f%%", NR % 2 ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}

# Median and range over the rounds; ratio against the baseline of the same runtime.
summary() { # name -> "median min max p50 p99" (latencies: medians over the rounds)
    printf '%s' "${results[$1]}" | awk '{ r[NR] = $1; a[NR] = $2; b[NR] = $3 }
        function median(x, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
            return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
        END { n = NR; m = median(r, n); lo = r[1]; hi = r[n]; print m, lo, hi, median(a, n), median(b, n) }'
}
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS alternated rounds, JVM: $JVM_FLAGS, $(nproc) cores"
printf '| %-24s | %12s | %17s | %9s | %9s | %-40s |\n' "server" "requests/s" "range" "p50 (ms)" "p99 (ms)" "paired ratio (median of rounds)"
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..26})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..19})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..42})"
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    read -r median lo hi p50 p99 <<<"$(summary "$name")"
    case "$name" in
        jersey-with) vs="$(paired jersey-with jersey-without) of jersey-without" ;;
        resteasy-with) vs="$(paired resteasy-with resteasy-own-CorsFilter) of own-CorsFilter, $(paired resteasy-with resteasy-without) of without" ;;
        resteasy-own-CorsFilter) vs="$(paired resteasy-own-CorsFilter resteasy-without) of resteasy-without" ;;
        *) vs="baseline" ;;
    esac
    printf '| %-24s | %12.0f | %8.0f–%-8.0f | %9.3f | %9.3f | %-40s |\n' "$name" "$median" "$lo" "$hi" "$p50" "$p99" "$vs"
done
