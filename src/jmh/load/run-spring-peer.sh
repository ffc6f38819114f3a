#!/usr/bin/env bash
# End-to-end load test on loopback, Spring Boot only: a hello endpoint on Spring Boot 4.0 with
# spring-boot-starter-jersey (Jersey 4, Tomcat 11) with the library, against the same application
# with Spring's own CorsFilter configured with the same policy, and without either. Each server runs
# in its own JVM with its own classpath: the library's jar is on the classpath of "spring-with"
# only (beside Spring's CorsFilter it would refuse to start).
#
# As src/jmh/load/run-e2e.sh does for Jersey and RESTEasy: each server is first warmed until its
# throughput settles (windows of WINDOW under load until two consecutive ones agree within
# STABLE_WITHIN percent, or WARM_MAX windows, then the report says so); then wrk runs alternate
# between the servers, round after round, in an order reversed every other round, so that a burst
# of load from elsewhere hits every variant alike, and each ratio is taken within one round. The
# machine's load (uptime) is printed before and after: on a shared machine, say so with the figures.
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

pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    # Spring Boot shuts down gracefully, which takes a moment: leave no server behind.
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
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

percent_change() { # from to -> signed change in percent, one decimal
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", 100 * (b - a) / a }'
}

# Windows under load until two consecutive ones agree within STABLE_WITHIN percent.
declare -A warmed unsettled
warm() { # name
    local name=$1 previous="" current change n
    for (( n = 1; n <= WARM_MAX; n++ )); do
        current=$(run_wrk "$name" "$WINDOW")
        current=${current%% *}
        if [[ -z $previous ]]; then
            printf '  %-24s window %2d: %9.0f req/s\n' "$name" "$n" "$current" >&2
        else
            change=$(percent_change "$previous" "$current")
            printf '  %-24s window %2d: %9.0f req/s (%s%%)\n' "$name" "$n" "$current" "$change" >&2
            if awk -v c="$change" -v t="$STABLE_WITHIN" 'BEGIN { exit !(c <= t && c >= -t) }'; then
                warmed[$name]="stable after $n windows ($change%)"
                return
            fi
        fi
        previous=$current
    done
    warmed[$name]="NOT stable after $WARM_MAX windows (last change $change%)"
    unsettled[$name]=1
}

echo "Load before: $(uptime)" >&2
load_before=$(uptime)
echo "Warming each server until two consecutive $WINDOW windows agree within $STABLE_WITHIN% (at most $WARM_MAX windows)..." >&2
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    warm "$name"
    echo "  $name: ${warmed[$name]}" >&2
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

# Reads numbers, one per line; prints "median min max q1 q3" (quartiles interpolated between ranks).
stats() {
    sort -g | awk '{ x[NR] = $1 }
        function q(p,   h, i) { h = (NR - 1) * p + 1; i = int(h); return i >= NR ? x[NR] : x[i] + (h - i) * (x[i + 1] - x[i]) }
        END { print q(0.5), x[1], x[NR], q(0.25), q(0.75) }'
}

ratio() { # measured baseline round -> percent
    awk -v a="${rps[$1,$3]}" -v b="${rps[$2,$3]}" 'BEGIN { printf "%.1f", 100 * a / b }'
}

rule() { # widths... -> a Markdown separator row
    local cells=""
    for width in "$@"; do cells+="|$(printf -- '-%.0s' $(seq "$width"))"; done
    echo "$cells|"
}

load_after=$(uptime)
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS alternated rounds, JVM: $JVM_FLAGS, $(nproc) cores"
echo "Load before: $load_before"
echo "Load after:  $load_after"
echo "Warm-up ($WINDOW windows, stable within $STABLE_WITHIN%, at most $WARM_MAX):"
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    printf '  %-24s %s\n' "$name" "${warmed[$name]}"
done

# Throughput and latency of each server; "spread" is (max - min) / median over the rounds, which the
# machine's drift inflates alike for every server and the paired ratios below cancel.
echo
printf '| %-24s | %12s | %15s | %7s | %9s | %9s |\n' "server" "requests/s" "min-max" "spread" "p50 (ms)" "p99 (ms)"
rule 26 14 17 9 11 11
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    read -r median lo hi _ _ <<<"$(printf '%s' "${results[$name]}" | awk '{ print $1 }' | stats)"
    read -r p50 _ <<<"$(printf '%s' "${results[$name]}" | awk '{ print $2 }' | stats)"
    read -r p99 _ <<<"$(printf '%s' "${results[$name]}" | awk '{ print $3 }' | stats)"
    spread=$(awk -v lo="$lo" -v hi="$hi" -v m="$median" 'BEGIN { printf "%.1f%%", 100 * (hi - lo) / m }')
    printf '| %-24s | %12.0f | %15s | %7s | %9.3f | %9.3f |\n' "$name" "$median" "$(printf '%.0f-%.0f' "$lo" "$hi")" \
        "$spread" "$p50" "$p99"
done

# The paired ratio of each round: "with" over its baseline measured in the same round.
echo
header="| round |"
widths=(7)
for comparison in "${comparisons[@]}"; do
    label="${comparison%%|*} / ${comparison#*|}"
    header+=" $label |"
    widths+=($(( ${#label} + 2 )))
done
echo "$header"
rule "${widths[@]}"
for round in $(seq "$ROUNDS"); do
    row=$(printf '| %5s |' "$round")
    for i in "${!comparisons[@]}"; do
        comparison=${comparisons[$i]}
        row+=$(printf " %$(( widths[i + 1] - 2 ))s |" "$(ratio "${comparison%%|*}" "${comparison#*|}" "$round")%")
    done
    echo "$row"
done

# Their median and spread over the rounds, and whether the figure is stable enough to quote.
echo
printf '| %-48s | %7s | %13s | %13s | %12s |\n' "paired ratio" "median" "min-max" "IQR" "spread (pts)"
rule 50 9 15 15 14
verdicts=()
for comparison in "${comparisons[@]}"; do
    measured=${comparison%%|*}
    baseline=${comparison#*|}
    read -r median lo hi q1 q3 <<<"$(for round in $(seq "$ROUNDS"); do ratio "$measured" "$baseline" "$round"; echo; done | stats)"
    spread=$(awk -v lo="$lo" -v hi="$hi" 'BEGIN { printf "%.1f", hi - lo }')
    printf '| %-48s | %6.1f%% | %13s | %13s | %12s |\n' "$measured / $baseline" "$median" \
        "$(printf '%.1f-%.1f%%' "$lo" "$hi")" "$(printf '%.1f-%.1f%%' "$q1" "$q3")" "$spread"
    verdict=$(printf '%s / %s = %.1f%% (median of %d rounds), rounds within %.1f-%.1f%% (spread %s points)' \
        "$measured" "$baseline" "$median" "$ROUNDS" "$lo" "$hi" "$spread")
    if [[ -n ${unsettled[$measured]:-} || -n ${unsettled[$baseline]:-} ]]; then
        verdict+=": NOT STABLE, a server never settled during warm-up"
    elif (( ROUNDS < 3 )); then
        verdict+=": NOT STABLE, $ROUNDS round(s) cannot show a spread; use ROUNDS=5 or more"
    elif awk -v s="$spread" -v l="$SPREAD_LIMIT" 'BEGIN { exit !(s > l) }'; then
        verdict+=": NOT STABLE, the rounds disagree by more than $SPREAD_LIMIT points"
    else
        verdict+=": stable"
    fi
    verdicts+=("$verdict")
done
echo
echo "How stable the figures are (stable = every server settled, 3+ rounds, rounds within $SPREAD_LIMIT points):"
for verdict in "${verdicts[@]}"; do
    echo "  $verdict"
done
