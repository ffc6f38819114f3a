# Sourced by the end-to-end load tests (run-e2e.sh, run-quarkus-peer.sh, run-spring-peer.sh): how a
# server is loaded and measured, warmed until it settles, run in alternated rounds, and reported.
# The caller defines the servers and their comparisons and starts them:
#   variants     "name|..." entries, the servers in their order
#   comparisons  "measured|baseline" entries, the paired ratios reported
#   pid, port    associative arrays by server name: the server JVM's pid and its loopback port
#   out, ORIGIN, THREADS, CONNECTIONS, DURATION, WINDOW, STABLE_WITHIN, WARM_MAX, SPREAD_LIMIT,
#   ROUNDS, FORKS, CONCURRENT, and optionally wrk_prefix (a command prefix such as taskset)
# Two measures per run of wrk: the throughput wrk reports, and the server's CPU time per request:
# user + system time of the server's JVM (/proc/<pid>/stat, all its threads, GC and JIT included)
# read before and after, divided by the requests wrk counted.

ticks_per_second=$(getconf CLK_TCK)
declare -A results rps cpu
round=0

cpu_ticks() { # pid -> user + system time of the whole process so far, in clock ticks
    local stat
    read -r stat <"/proc/$1/stat"
    # The fields after the command name, which is in parentheses and may hold spaces: utime and
    # stime are the 12th and 13th of them (fields 14 and 15 of proc(5)).
    # shellcheck disable=SC2086
    set -- ${stat##*) }
    echo $(( ${12} + ${13} ))
}

load_server() { # name duration threads connections: wrk's report in $out/wrk-<name>.txt
    "${wrk_prefix[@]}" wrk -t"$3" -c"$4" -d"$2" --latency -H "Origin: $ORIGIN" \
        "http://127.0.0.1:${port[$1]}/hello" >"$out/wrk-$1.txt"
}

summarize() { # name CPU-ticks -> "requests/s p50-ms p99-ms requests CPU-µs-per-request"
    awk -v ticks="$2" -v hz="$ticks_per_second" '
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

run_wrk() { # name duration -> "requests/s p50-ms p99-ms requests CPU-µs-per-request"
    local before after
    before=$(cpu_ticks "${pid[$1]}")
    load_server "$1" "$2" "$THREADS" "$CONNECTIONS"
    after=$(cpu_ticks "${pid[$1]}")
    summarize "$1" $(( after - before ))
}

# Every server at once, each under a wrk of its own with an equal share of the threads and
# connections, over the same seconds: whatever else the machine does then, it does to all of them.
declare -A concurrent_result
run_concurrently() { # duration names...
    local duration=$1 name wrk_pids=() n
    shift
    n=$#
    declare -A before
    for name in "$@"; do
        before[$name]=$(cpu_ticks "${pid[$name]}")
    done
    for name in "$@"; do
        load_server "$name" "$duration" $(( THREADS / n > 0 ? THREADS / n : 1 )) $(( CONNECTIONS / n )) &
        wrk_pids+=($!)
    done
    wait "${wrk_pids[@]}"
    for name in "$@"; do
        concurrent_result[$name]=$(summarize "$name" $(( $(cpu_ticks "${pid[$name]}") - ${before[$name]} )))
    done
}

percent_change() { # from to -> signed change in percent, one decimal
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", 100 * (b - a) / a }'
}

# Windows under load until two consecutive ones agree within STABLE_WITHIN percent, in throughput
# and in CPU per request: on a busy machine two windows of a server still compiling once agreed in
# throughput (3 529 and 3 463 requests/s) while its CPU per request fell from 224 to 175 µs, on its
# way to 55.
declare -A warmed unsettled
warm() { # name fork
    local name=$1 fork=$2 previous="" previous_cpu="" current change cpu_change n cpu
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
                warmed[$name]+="${warmed[$name]:+; }fork $fork: stable after $n windows ($change%, CPU $cpu_change%)"
                return
            fi
        fi
        previous=$current
        previous_cpu=$cpu
    done
    warmed[$name]+="${warmed[$name]:+; }fork $fork: NOT stable after $WARM_MAX windows (last change $change%, CPU $cpu_change%)"
    unsettled[$name]=1
}

load_average() {
    cut -d' ' -f1-3 /proc/loadavg
}

run_rounds() { # fork: ROUNDS rounds of every server, numbered on from the global round
    local fork=$1 fork_round n i variant name result names order reversed
    for fork_round in $(seq "$ROUNDS"); do
        round=$(( round + 1 ))
        if [[ $CONCURRENT == 1 ]]; then
            names=()
            for variant in "${variants[@]}"; do names+=("${variant%%|*}"); done
            run_concurrently "$DURATION" "${names[@]}"
            for name in "${names[@]}"; do
                result=${concurrent_result[$name]}
                results[$name]+="$result"$'\n'
                read -r rps[$name,$round] _ _ _ cpu[$name,$round] <<<"$result"
                echo "fork $fork round $fork_round  $name  $result" >&2
            done
            continue
        fi
        # Every other round runs the variants in reverse, and every two rounds they rotate by one,
        # so that each takes every place in the order: with three or more servers, reversing alone
        # keeps the middle one in the middle, always right after another server's load.
        n=${#variants[@]}
        order=()
        for (( i = 0; i < n; i++ )); do order+=("${variants[$(( (i + (fork_round - 1) / 2) % n ))]}"); done
        if (( fork_round % 2 == 0 )); then
            reversed=()
            for (( i = n - 1; i >= 0; i-- )); do reversed+=("${order[$i]}"); done
            order=("${reversed[@]}")
        fi
        for variant in "${order[@]}"; do
            name=${variant%%|*}
            result=$(run_wrk "$name" "$DURATION")
            results[$name]+="$result"$'\n'
            read -r rps[$name,$round] _ _ _ cpu[$name,$round] <<<"$result"
            echo "fork $fork round $fork_round  $name  $result" >&2
        done
    done
}

# Reads numbers, one per line; prints "median min max q1 q3" (quartiles interpolated between ranks).
stats() {
    sort -g | awk '{ x[NR] = $1 }
        function q(p,   h, i) { h = (NR - 1) * p + 1; i = int(h); return i >= NR ? x[NR] : x[i] + (h - i) * (x[i + 1] - x[i]) }
        END { print q(0.5), x[1], x[NR], q(0.25), q(0.75) }'
}

round_label() { # round -> fork.round
    echo "$(( ($1 - 1) / ROUNDS + 1 )).$(( ($1 - 1) % ROUNDS + 1 ))"
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

# Everything measured, as Markdown tables, and whether each paired ratio is stable enough to quote.
report() {
    local rounds=$round
    local round variant name comparison measured baseline measure label fork fork_median fork_medians verdict
    local median lo hi q1 q3 p50 p99 cpu_median cpu_lo cpu_hi spread cpu_spread widths header row i
    echo "Warm-up ($WINDOW windows, stable within $STABLE_WITHIN%, at most $WARM_MAX):"
    for variant in "${variants[@]}"; do
        name=${variant%%|*}
        printf '  %-24s %s\n' "$name" "${warmed[$name]}"
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

    # The paired ratio of each round: "with" over its baseline measured in the same round, one table per measure.
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
        for round in $(seq "$rounds"); do
            row=$(printf '| %5s |' "$(round_label "$round")")
            for i in "${!comparisons[@]}"; do
                comparison=${comparisons[$i]}
                row+=$(printf " %$(( widths[i + 1] - 2 ))s |" "$(ratio "$measure" "${comparison%%|*}" "${comparison#*|}" "$round")%")
            done
            echo "$row"
        done
    done

    # Their median and spread over the rounds, and whether the figure is stable enough to quote.
    echo
    printf '| %-48s | %-11s | %7s | %13s | %13s | %12s | %s |\n' "paired ratio" "measure" "median" "min-max" "IQR" \
        "spread (pts)" "median of each fork"
    rule 50 13 9 15 15 14 21
    verdicts=()
    for comparison in "${comparisons[@]}"; do
        measured=${comparison%%|*}
        baseline=${comparison#*|}
        for measure in rps cpu; do
            label=$([[ $measure == rps ]] && echo "requests/s" || echo "CPU/request")
            read -r median lo hi q1 q3 <<<"$(for round in $(seq "$rounds"); do
                ratio "$measure" "$measured" "$baseline" "$round"; echo; done | stats)"
            spread=$(awk -v lo="$lo" -v hi="$hi" 'BEGIN { printf "%.1f", hi - lo }')
            fork_medians=""
            for fork in $(seq "$FORKS"); do
                read -r fork_median _ <<<"$(for round in $(seq $(( (fork - 1) * ROUNDS + 1 )) $(( fork * ROUNDS ))); do
                    ratio "$measure" "$measured" "$baseline" "$round"; echo; done | stats)"
                fork_medians+="${fork_medians:+, }$(printf '%.1f%%' "$fork_median")"
            done
            printf '| %-48s | %-11s | %6.1f%% | %13s | %13s | %12s | %s |\n' "$measured / $baseline" "$label" "$median" \
                "$(printf '%.1f-%.1f%%' "$lo" "$hi")" "$(printf '%.1f-%.1f%%' "$q1" "$q3")" "$spread" "$fork_medians"
            verdict=$(printf '%s / %s, %s = %.1f%% (median of %d rounds in %d fork(s), IQR %.1f-%.1f%%), rounds within %.1f-%.1f%% (spread %s points)' \
                "$measured" "$baseline" "$label" "$median" "$rounds" "$FORKS" "$q1" "$q3" "$lo" "$hi" "$spread")
            if [[ -n ${unsettled[$measured]:-} || -n ${unsettled[$baseline]:-} ]]; then
                verdict+=": NOT STABLE, a server never settled during warm-up"
            elif (( rounds < 3 )); then
                verdict+=": NOT STABLE, $rounds round(s) cannot show a spread; use ROUNDS=5 or more"
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
}
