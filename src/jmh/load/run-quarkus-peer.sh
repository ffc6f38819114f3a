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
ticks_per_second=$(getconf CLK_TCK)

cd "$(dirname "$0")/../../.."
out=target/load
mkdir -p "$out"

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

cpu_ticks() { # pid -> user + system time of the whole process so far, in clock ticks
    local stat
    read -r stat <"/proc/$1/stat"
    # The fields after the command name, which is in parentheses and may hold spaces: utime and
    # stime are the 12th and 13th of them (fields 14 and 15 of proc(5)).
    # shellcheck disable=SC2086
    set -- ${stat##*) }
    echo $(( ${12} + ${13} ))
}

run_wrk() { # name duration -> "requests/s p50-ms p99-ms requests CPU-µs-per-request"
    local before after
    before=$(cpu_ticks "${pid[$1]}")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -H "Origin: $ORIGIN" "http://127.0.0.1:${port[$1]}/hello" \
        >"$out/wrk-$1.txt"
    after=$(cpu_ticks "${pid[$1]}")
    awk -v ticks=$(( after - before )) -v hz="$ticks_per_second" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
        / requests in / { n = $1 }
        /Non-2xx/ { bad = 1 }
        END {
            if (bad) { print "non-2xx responses" > "/dev/stderr"; exit 1 }
            if (n == 0) { print "no request completed" > "/dev/stderr"; exit 1 }
            printf "%s %s %s %d %.3f\n", rps, p50, p99, n, 1e6 * ticks / hz / n
        }' "$out/wrk-$1.txt"
}

percent_change() { # from to -> signed change in percent, one decimal
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", 100 * (b - a) / a }'
}

# Windows under load until two consecutive ones agree within STABLE_WITHIN percent, in throughput
# and in CPU per request: a server still compiling can hold its throughput while its CPU per request falls.
declare -A warmed unsettled
warm() { # name
    local name=$1 previous="" previous_cpu="" current change cpu_change n cpu
    for (( n = 1; n <= WARM_MAX; n++ )); do
        current=$(run_wrk "$name" "$WINDOW")
        cpu=$(awk '{ print $5 }' <<<"$current")
        current=${current%% *}
        if [[ -z $previous ]]; then
            printf '  %-24s window %2d: %9.0f req/s, %6.1f µs CPU/request\n' "$name" "$n" "$current" "$cpu" >&2
        else
            change=$(percent_change "$previous" "$current")
            cpu_change=$(percent_change "$previous_cpu" "$cpu")
            printf '  %-24s window %2d: %9.0f req/s (%s%%), %6.1f µs CPU/request (%s%%)\n' "$name" "$n" "$current" \
                "$change" "$cpu" "$cpu_change" >&2
            if awk -v c="$change" -v u="$cpu_change" -v t="$STABLE_WITHIN" \
                    'BEGIN { exit !(c <= t && c >= -t && u <= t && u >= -t) }'; then
                warmed[$name]="stable after $n windows ($change%, CPU $cpu_change%)"
                return
            fi
        fi
        previous=$current
        previous_cpu=$cpu
    done
    warmed[$name]="NOT stable after $WARM_MAX windows (last change $change%, CPU $cpu_change%)"
    unsettled[$name]=1
}

load_before=$(uptime)
echo "Load before: $load_before" >&2
start_servers
echo "Warming each server until two consecutive $WINDOW windows agree within $STABLE_WITHIN% (at most $WARM_MAX windows)..." >&2
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    warm "$name"
    echo "  $name: ${warmed[$name]}" >&2
done

declare -A results rps cpu
for round in $(seq "$ROUNDS"); do
    # Every other round runs the variants in reverse, and every two rounds they rotate by one, so
    # that each takes every place in the order: with three servers, reversing alone keeps the middle
    # one in the middle, always right after another server's load.
    n=${#variants[@]}
    order=()
    for (( i = 0; i < n; i++ )); do order+=("${variants[$(( (i + (round - 1) / 2) % n ))]}"); done
    if (( round % 2 == 0 )); then
        reversed=()
        for (( i = n - 1; i >= 0; i-- )); do reversed+=("${order[$i]}"); done
        order=("${reversed[@]}")
    fi
    for variant in "${order[@]}"; do
        name=${variant%%|*}
        result=$(run_wrk "$name" "$DURATION")
        results[$name]+="$result"$'\n'
        read -r rps[$name,$round] _ _ _ cpu[$name,$round] <<<"$result"
        echo "round $round  $name  $result" >&2
    done
done
load_after=$(uptime)

# Reads numbers, one per line; prints "median min max q1 q3" (quartiles interpolated between ranks).
stats() {
    sort -g | awk '{ x[NR] = $1 }
        function q(p,   h, i) { h = (NR - 1) * p + 1; i = int(h); return i >= NR ? x[NR] : x[i] + (h - i) * (x[i + 1] - x[i]) }
        END { print q(0.5), x[1], x[NR], q(0.25), q(0.75) }'
}

ratio() { # measure(rps|cpu) measured baseline round -> percent
    local -n values=$1
    awk -v a="${values[$2,$4]}" -v b="${values[$3,$4]}" 'BEGIN { printf "%.1f", 100 * a / b }'
}

rule() { # widths... -> a Markdown separator row
    local cells=""
    for width in "$@"; do cells+="|$(printf -- '-%.0s' $(seq "$width"))"; done
    echo "$cells|"
}

echo
echo "Quarkus 3.33.2 (quarkus-rest, JVM build), wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS alternated rounds," \
    "JVM: $JVM_FLAGS, $(nproc) cores"
echo "Load before: $load_before"
echo "Load after:  $load_after"
echo "Warm-up ($WINDOW windows, stable within $STABLE_WITHIN%, at most $WARM_MAX):"
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    printf '  %-24s %s\n' "$name" "${warmed[$name]}"
done
echo "CORS headers each server sends (GET /hello with Origin: $ORIGIN; preflight of POST):"
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    echo "  $name, GET: $( [[ -n ${sent[$name,get]} ]] && paste -sd ';' <<<"${sent[$name,get]}" | sed 's/;/; /g' || echo none)"
    [[ -z ${sent[$name,preflight]:-} ]] || echo "  $name, preflight: $(paste -sd ';' <<<"${sent[$name,preflight]}" | sed 's/;/; /g')"
done

# Throughput, latency and CPU per request of each server; "spread" is (max - min) / median over the
# rounds, which the machine's drift inflates alike for every server and the paired ratios below cancel.
echo
# The "µ" of the header takes two bytes of printf's width and one column.
printf '| %-24s | %12s | %15s | %7s | %9s | %9s | %13s | %13s | %7s |\n' "server" "requests/s" "min-max" "spread" \
    "p50 (ms)" "p99 (ms)" "CPU µs/req" "min-max" "spread"
rule 26 14 17 9 11 11 14 15 9
for variant in "${variants[@]}"; do
    name=${variant%%|*}
    read -r median lo hi _ _ <<<"$(printf '%s' "${results[$name]}" | awk '{ print $1 }' | stats)"
    read -r p50 _ <<<"$(printf '%s' "${results[$name]}" | awk '{ print $2 }' | stats)"
    read -r p99 _ <<<"$(printf '%s' "${results[$name]}" | awk '{ print $3 }' | stats)"
    read -r cpu_median cpu_lo cpu_hi _ _ <<<"$(printf '%s' "${results[$name]}" | awk '{ print $5 }' | stats)"
    spread=$(awk -v lo="$lo" -v hi="$hi" -v m="$median" 'BEGIN { printf "%.1f%%", 100 * (hi - lo) / m }')
    cpu_spread=$(awk -v lo="$cpu_lo" -v hi="$cpu_hi" -v m="$cpu_median" 'BEGIN { printf "%.1f%%", 100 * (hi - lo) / m }')
    printf '| %-24s | %12.0f | %15s | %7s | %9.3f | %9.3f | %12.2f | %13s | %7s |\n' "$name" "$median" \
        "$(printf '%.0f-%.0f' "$lo" "$hi")" "$spread" "$p50" "$p99" "$cpu_median" \
        "$(printf '%.2f-%.2f' "$cpu_lo" "$cpu_hi")" "$cpu_spread"
done

# The paired ratio of each round: the measured server over its baseline of the same round, one table per measure.
widths=(7)
header="| round |"
for comparison in "${comparisons[@]}"; do
    label="${comparison%%|*} / ${comparison#*|}"
    header+=" $label |"
    widths+=($(( ${#label} + 2 )))
done
for measure in rps cpu; do
    echo
    [[ $measure == rps ]] && echo "Requests/s, paired ratio of each round:" || echo "CPU per request, paired ratio of each round:"
    echo
    echo "$header"
    rule "${widths[@]}"
    for round in $(seq "$ROUNDS"); do
        row=$(printf '| %5s |' "$round")
        for i in "${!comparisons[@]}"; do
            comparison=${comparisons[$i]}
            row+=$(printf " %$(( widths[i + 1] - 2 ))s |" "$(ratio "$measure" "${comparison%%|*}" "${comparison#*|}" "$round")%")
        done
        echo "$row"
    done
done

# Their median and spread over the rounds, and whether the figure is stable enough to quote.
echo
printf '| %-48s | %-11s | %7s | %13s | %13s | %12s |\n' "paired ratio" "measure" "median" "min-max" "IQR" "spread (pts)"
rule 50 13 9 15 15 14
verdicts=()
for comparison in "${comparisons[@]}"; do
    measured=${comparison%%|*}
    baseline=${comparison#*|}
    for measure in rps cpu; do
        label=$([[ $measure == rps ]] && echo "requests/s" || echo "CPU/request")
        read -r median lo hi q1 q3 <<<"$(for round in $(seq "$ROUNDS"); do
            ratio "$measure" "$measured" "$baseline" "$round"; echo; done | stats)"
        spread=$(awk -v lo="$lo" -v hi="$hi" 'BEGIN { printf "%.1f", hi - lo }')
        printf '| %-48s | %-11s | %6.1f%% | %13s | %13s | %12s |\n' "$measured / $baseline" "$label" "$median" \
            "$(printf '%.1f-%.1f%%' "$lo" "$hi")" "$(printf '%.1f-%.1f%%' "$q1" "$q3")" "$spread"
        verdict=$(printf '%s / %s, %s = %.1f%% (median of %d rounds, IQR %.1f-%.1f%%), rounds within %.1f-%.1f%% (spread %s points)' \
            "$measured" "$baseline" "$label" "$median" "$ROUNDS" "$q1" "$q3" "$lo" "$hi" "$spread")
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
done
echo
echo "How stable the figures are (stable = every server settled, 3+ rounds, rounds within $SPREAD_LIMIT points):"
for verdict in "${verdicts[@]}"; do
    echo "  $verdict"
done
