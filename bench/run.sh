#!/usr/bin/env bash
# pdrop's benchmark (issue #5): generates (or reuses) LTTng kernel traces of the given sizes, warms
# the page cache, then times cat, pdrop and Babeltrace 2 on them, RUNS times each (round-robin), and prints a
# Markdown report (median wall time, events/s, MB/s, peak RSS, the issue's ratios, and a check that
# pdrop's counts equal Babeltrace 2's). See bench/README.md.
set -euo pipefail

here=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname -- "$here")
shared=$root/../shared/traces/lab-6.1

usage() {
    cat <<EOF
usage: bench/run.sh [--runs N] [--sizes "1GB 8GB"] [--out DIR] [--template DIR] [--no-check]
Environment (defaults in brackets):
  RUNS [3]            timed runs per row; the report gives the median
  SIZES ["1GB 8GB"]   trace sizes (total of the stream files): kB/MB/GB or KiB/MiB/GiB
  OUT [bench/out]     where traces and reports go (reused between runs)
  TEMPLATE            template trace [../shared/traces/lab-6.1/all-net, else bench/template]
  KALLSYMS            kallsyms for pdrop [../shared/traces/lab-6.1/kallsyms if present]
  CPUS [4] SEED [1] DISCARD_EVERY [64] PACKET_SIZE [1MiB]   generator options
  BT2_MAX_SIZE [1GB]  Babeltrace 2 rows only for traces up to this size (it is slow)
  BT2_TEXT_RUNS [1]   runs of 'babeltrace2 TRACE > /dev/null' (minutes per GB)
  BT2_TEXT_CAP [600]  seconds; a longer text run is stopped and extrapolated from its line count
  CHECK [1]           0 skips the count check (a full Babeltrace 2 text run on the smallest trace)
EOF
}

RUNS=${RUNS:-3}
SIZES=${SIZES:-"1GB 8GB"}
OUT=${OUT:-$root/bench/out}
CPUS=${CPUS:-4}
SEED=${SEED:-1}
DISCARD_EVERY=${DISCARD_EVERY:-64}
PACKET_SIZE=${PACKET_SIZE:-1MiB}
BT2_MAX_SIZE=${BT2_MAX_SIZE:-1GB}
BT2_TEXT_RUNS=${BT2_TEXT_RUNS:-1}
BT2_TEXT_CAP=${BT2_TEXT_CAP:-600}
CHECK=${CHECK:-1}
if [[ -z ${TEMPLATE:-} ]]; then
    if [[ -d $shared/all-net ]]; then TEMPLATE=$shared/all-net; else TEMPLATE=$root/bench/template; fi
fi
if [[ -z ${KALLSYMS+x} && -f $shared/kallsyms ]]; then KALLSYMS=$shared/kallsyms; fi
KALLSYMS=${KALLSYMS:-}

while (($#)); do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --sizes) SIZES=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --template) TEMPLATE=$2; shift 2 ;;
        --no-check) CHECK=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "bench/run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

for tool in /usr/bin/time babeltrace2 java; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is missing (apt-get install time babeltrace2)" >&2; exit 1; }
done

pdrop=$root/pdrop
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
report=$OUT/report-$(date +%Y%m%d-%H%M%S).md
log() { echo "bench: $*" >&2; }

# Size text to bytes: 1GB = 10^9, 1GiB = 2^30.
bytes_of() {
    awk -v s="$1" 'BEGIN {
        if (!match(s, /^[0-9.]+/)) exit 1
        n = substr(s, 1, RLENGTH); u = toupper(substr(s, RLENGTH + 1))
        m["" ] = 1; m["B"] = 1; m["KB"] = 1e3; m["MB"] = 1e6; m["GB"] = 1e9; m["TB"] = 1e12
        m["KIB"] = 2^10; m["MIB"] = 2^20; m["GIB"] = 2^30; m["TIB"] = 2^40
        if (!(u in m)) exit 1
        printf "%.0f\n", n * m[u] }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The pdrop jar must exist before anything is timed (./pdrop builds it on first use).
"$pdrop" --version >/dev/null

dump_ok=1
if ! "$pdrop" dump "$root/bench/template" >/dev/null 2>"$OUT/dump-probe.err"; then
    dump_ok=0
    log "pdrop dump is not available on this branch ($(head -c 200 "$OUT/dump-probe.err")): its row is skipped"
fi

machine() {
    echo "| | |"
    echo "|---|---|"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| CPU | $(nproc) × $(lscpu | sed -n 's/^Model name: *//p' | head -1) |"
    echo "| memory | $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) |"
    echo "| disk | $(findmnt -n -T "$OUT" -o SOURCE,FSTYPE | tr -s ' ' ' ') |"
    echo "| kernel | $(uname -r) |"
    echo "| JDK | $(java -version 2>&1 | head -2 | tail -1) |"
    echo "| pdrop | $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (modified)'), JVM options of ./pdrop: -XX:+UseSerialGC, its static class-data-sharing archive, C1 alone for analyses under 3 GB and dumps under 64 MB, higher C2 thresholds for larger analyses, less inlining (-XX:FreqInlineSize=150) for larger dumps, start-up code kept from C2 (jvm/compiler-directives.json) whenever C2 is on ${PDROP_JAVA_OPTS:-} |"
    echo "| Babeltrace | $(babeltrace2 --version | head -1) |"
    echo "| load average | $(cut -d' ' -f1-3 /proc/loadavg) (at $1) |"
}

# Generates OUT/SIZE unless a trace made with the same command is there.
generate() {
    local size=$1 dir=$OUT/$1
    local cmd=("$pdrop" generate --template "$TEMPLATE" --out "$dir" --size "$size" --cpus "$CPUS" --seed "$SEED"
        --discard-every "$DISCARD_EVERY" --packet-size "$PACKET_SIZE")
    if [[ -f $dir.gen.txt && $(head -1 "$dir.gen.txt") == "${cmd[*]}" ]]; then
        log "reusing $dir"
        return
    fi
    rm -rf "$dir" "$dir.gen.txt"
    log "generating $dir"
    { echo "${cmd[*]}"; "${cmd[@]}"; } >"$dir.gen.txt.tmp"
    mv "$dir.gen.txt.tmp" "$dir.gen.txt"
}

gen_value() { grep -o "\b$2=[0-9.]*" "$OUT/$1.gen.txt" | tail -1 | cut -d= -f2; }

# Samples, until killed, the anonymous memory (RssAnon: heap, stacks, not mapped files) of what
# GNU time runs, and of that process's children, every 0.1 s; writes the peak in kB to a file.
# Peak RSS (GNU time's %M) also counts the pages of memory-mapped trace files, which are page
# cache, shared and reclaimable: the two together tell a heap that grows from a mapping that does.
sample_anon() { # out-file parent-pid (the shell that runs GNU time)
    local out=$1 parent=$2 max=0 total t c pids=() fd k v tries
    exec {fd}<> <(:)
    for ((tries = 0; tries < 200 && ${#pids[@]} == 0; tries++)); do
        for t in $(pgrep -P "$parent" -x time); do
            for c in $(pgrep -P "$t"); do
                pids+=("$c")
                read -r -t 0.05 -u "$fd" || true
                pids+=($(pgrep -P "$c" || true))
            done
        done
        ((${#pids[@]})) || read -r -t 0.01 -u "$fd" || true
    done
    while :; do
        total=0
        for c in "${pids[@]}"; do
            [[ -r /proc/$c/status ]] || continue
            while read -r k v _; do
                [[ $k == RssAnon: ]] && total=$((total + v))
            done </proc/"$c"/status 2>/dev/null || true
        done
        if ((total > max)); then max=$total; echo "$max" >"$out"; fi
        read -r -t 0.1 -u "$fd" || true
    done
}

# Runs a shell command once; prints "seconds rss-kB status anon-kB". The command's own output
# goes where the command says (usually /dev/null).
timed_once() {
    local cmd=$1 start end status spid me=$BASHPID
    echo 0 >"$OUT/anon.tmp"
    sample_anon "$OUT/anon.tmp" "$me" & # ($BASHPID here would be the child's)
    spid=$!
    start=$(date +%s%N)
    status=0
    /usr/bin/time -f '%M' -o "$OUT/time.tmp" bash -c "$cmd" || status=$?
    end=$(date +%s%N)
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') $(tail -1 "$OUT/time.tmp") $status $(cat "$OUT/anon.tmp")"
}

# Times the commands of one trace round-robin: round r runs each command once (those with fewer
# runs asked only in the first rounds), so that every command meets the same machine. A machine
# shared with other work gets 10 to 20% slower or faster within minutes; timing one command's
# runs after another's would put that drift into the ratios. Before each timed run, the caller's
# warm command (if any) reads the trace again, untimed: this machine's kernel pages out file pages
# that stay untouched for a while (DAMON's pageout scheme, up to 128 MB/s), so during the minutes
# of Babeltrace's runs part of an 8 GB trace left the page cache and the next cat read it from
# disk (run H: cat 2.69 s against 0.84 s warm). Reads the caller's arrays labels, cmds and runs
# and its variable warm; sets MED_WALL, MED_RSS, MED_ANON and WORST (exit status) by index.
declare -a MED_WALL MED_RSS MED_ANON WORST
interleaved() {
    local size=$1 round i n=0 w m s a
    local -a walls=() rsss=() anons=()
    WORST=()
    for i in "${!runs[@]}"; do ((runs[i] > n)) && n=${runs[i]}; done
    for ((round = 0; round < n; round++)); do
        for i in "${!labels[@]}"; do
            ((round < runs[i])) || continue
            log "$size: ${labels[i]} (run $((round + 1)) of ${runs[i]})"
            [[ -n ${warm:-} ]] && bash -c "$warm"
            read -r w m s a < <(timed_once "${cmds[i]}")
            walls[i]+="$w "
            rsss[i]+="$m "
            anons[i]+="$a "
            ((s > ${WORST[i]:-0})) && WORST[i]=$s || WORST[i]=${WORST[i]:-0}
        done
    done
    for i in "${!labels[@]}"; do
        MED_WALL[i]=$(tr ' ' '\n' <<<"${walls[i]}" | grep . | median)
        MED_RSS[i]=$(tr ' ' '\n' <<<"${rsss[i]}" | grep . | median)
        MED_ANON[i]=$(tr ' ' '\n' <<<"${anons[i]}" | grep . | median)
    done
}

declare -A WALL RSS ANON
rows=()
notes=()

row() { # size label wall rss note anon
    local size=$1 label=$2 wall=$3 rss=$4 note=${5:-} anon=${6:-0}
    local events bytes
    events=$(gen_value "$size" events)
    bytes=$(gen_value "$size" bytes)
    WALL[$size/$label]=$wall
    RSS[$size/$label]=$rss
    ANON[$size/$label]=$anon
    rows+=("$(awk -v s="$size" -v l="$label" -v w="$wall" -v r="$rss" -v a="$anon" -v e="$events" -v b="$bytes" -v n="$note" 'BEGIN {
        printf "| %s | %s | %.2f s | %.2f M | %.0f | %.0f MB | %.0f MB | %s |", s, l, w, e / w / 1e6, b / w / 1e6, r / 1024, a / 1024, n }')")
}

bench_size() {
    local size=$1 dir=$OUT/$1 bytes files r
    bytes=$(bytes_of "$size") || { echo "bench/run.sh: bad size: $size" >&2; exit 2; }
    local avail
    avail=$(df --output=avail -B1 "$OUT" | tail -1)
    if [[ ! -f $dir.gen.txt ]] && ((avail < bytes + bytes / 10)); then
        notes+=("$size: skipped, $((avail / 1000000)) MB free on $(findmnt -n -T "$OUT" -o TARGET) for a $size trace")
        log "not enough disk for $size"
        return
    fi
    generate "$size"
    files=$(printf '%q ' "$dir"/kernel/*_[0-9]*)
    local mem
    mem=$(awk '/MemAvailable/ { printf "%.0f\n", $2 * 1024 }' /proc/meminfo)
    if ((bytes > mem * 8 / 10)); then
        notes+=("$size: larger than 80% of the available memory: the page cache cannot hold it, so every row includes disk reads")
    fi
    log "warming the page cache with $size"
    eval "cat $files" >/dev/null
    eval "cat $files" >/dev/null

    local ks=()
    [[ -n $KALLSYMS ]] && ks=(--kallsyms "$(printf '%q' "$KALLSYMS")")

    local warm="cat $files > /dev/null"
    local labels=("cat (stream files)" "pdrop --summary" "pdrop --format json") runs=("$RUNS" "$RUNS" "$RUNS")
    local cmds=("cat $files > /dev/null"
        "$pdrop $(printf '%q' "$dir") --summary ${ks[*]} > /dev/null 2>&1"
        "$pdrop $(printf '%q' "$dir") --format json ${ks[*]} > /dev/null 2>&1")
    if ((dump_ok)); then
        labels+=("pdrop dump")
        runs+=("$RUNS")
        cmds+=("$pdrop dump $(printf '%q' "$dir") > /dev/null 2>&1")
    fi
    local bt2=0
    if ((bytes > $(bytes_of "$BT2_MAX_SIZE"))); then
        notes+=("$size: no Babeltrace 2 rows (BT2_MAX_SIZE=$BT2_MAX_SIZE): its ratios use the Babeltrace 2 throughput measured on the largest smaller trace")
    else
        bt2=1
        labels+=("babeltrace2 -c sink.utils.dummy" "babeltrace2 (text)")
        runs+=("$RUNS" "$BT2_TEXT_RUNS")
        cmds+=("exec babeltrace2 $(printf '%q' "$dir") -c sink.utils.dummy > /dev/null 2>&1"
            "exec timeout -s INT $BT2_TEXT_CAP babeltrace2 $(printf '%q' "$dir") > /dev/null 2>&1")
    fi
    interleaved "$size"
    local i last=$((${#labels[@]} - 1))
    for i in "${!labels[@]}"; do
        local note=""
        ((WORST[i])) && note="exit ${WORST[i]}"
        if ((bt2 && i == last)); then
            w=${MED_WALL[i]}
            if ((WORST[i] == 124)); then
                # Stopped at the cap: time one capped run again, counting its lines, and extrapolate.
                local lines events
                lines=$(timeout -s INT "$BT2_TEXT_CAP" babeltrace2 "$dir" 2>/dev/null | wc -l || true)
                events=$(gen_value "$size" events)
                w=$(awk -v c="$BT2_TEXT_CAP" -v l="$lines" -v e="$events" 'BEGIN { printf "%.1f", c * e / l }')
                note="extrapolated: $lines lines in ${BT2_TEXT_CAP} s (to wc -l), runs=1"
            else
                note="runs=$BT2_TEXT_RUNS${note:+, $note}"
            fi
            row "$size" "${labels[i]}" "$w" "${MED_RSS[i]}" "$note" "${MED_ANON[i]}"
        else
            row "$size" "${labels[i]}" "${MED_WALL[i]}" "${MED_RSS[i]}" "$note" "${MED_ANON[i]}"
        fi
    done
}

check_counts() { # size: pdrop's counts against the generator's and Babeltrace 2's
    local size=$1 dir=$OUT/$1 json bt2_kfree bt2_events bt2_discarded ks=()
    [[ -n $KALLSYMS ]] && ks=(--kallsyms "$KALLSYMS")
    log "$size: count check (a full Babeltrace 2 text run)"
    json=$("$pdrop" "$dir" --summary --format json "${ks[@]}" 2>/dev/null | grep '"type":"summary"')
    local p_events p_drops p_discarded
    p_events=$(grep -o '"events":[0-9]*' <<<"$json" | head -1 | cut -d: -f2)
    p_drops=$(grep -o '"drops":[0-9]*' <<<"$json" | head -1 | cut -d: -f2)
    p_discarded=$(grep -o '"discarded_events":[0-9]*' <<<"$json" | head -1 | cut -d: -f2)
    read -r bt2_events bt2_kfree < <(babeltrace2 "$dir" 2>"$OUT/bt2-check.err" |
        awk '{ n++ } / skb_kfree: / { k++ } END { print n + 0, k + 0 }')
    bt2_discarded=$({ grep -o 'discarded [0-9]* events' "$OUT/bt2-check.err" || true; } | awk '{ s += $2 } END { print s + 0 }')
    local g_events g_kfree g_discarded
    g_events=$(gen_value "$size" events)
    g_kfree=$(gen_value "$size" skb_kfree)
    g_discarded=$(gen_value "$size" discarded)
    verdict() { [[ $1 == "$2" && $2 == "$3" ]] && echo "equal" || echo "**DIFFERENT**"; }
    echo
    echo "Count check on the $size trace (pdrop --summary --format json, \`babeltrace2 TRACE\` text and its warnings, the generator's own totals):"
    echo
    echo "| count | pdrop | Babeltrace 2 | generator | |"
    echo "|---|---|---|---|---|"
    echo "| events | $p_events | $bt2_events | $g_events | $(verdict "$p_events" "$bt2_events" "$g_events") |"
    echo "| drops (skb_kfree: on Linux 6.1 every reason is a drop) | $p_drops | $bt2_kfree | $g_kfree | $(verdict "$p_drops" "$bt2_kfree" "$g_kfree") |"
    echo "| events discarded by the tracer | $p_discarded | $bt2_discarded | $g_discarded | $(verdict "$p_discarded" "$bt2_discarded" "$g_discarded") |"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == 0) print "n/a"; else printf "%.2f", b / a }'; }

{
    echo "# pdrop benchmark"
    echo
    echo "Command: \`RUNS=$RUNS SIZES=\"$SIZES\" bench/run.sh\`; template \`$TEMPLATE\`; generator: $CPUS CPUs, seed $SEED, \`--discard-every $DISCARD_EVERY\`, \`--packet-size $PACKET_SIZE\`."
    echo
    machine start
} >"$report"

sizes=($SIZES)
for size in "${sizes[@]}"; do
    bench_size "$size"
done

{
    echo "| load average (at end) | $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo
    for size in "${sizes[@]}"; do
        [[ -f $OUT/$size.gen.txt ]] || continue
        echo "- $size trace: $(tail -1 "$OUT/$size.gen.txt" | sed 's/^trace=[^ ]* //')"
    done
    echo
    echo "Medians of $RUNS runs (Babeltrace 2 text: of $BT2_TEXT_RUNS); events/s and MB/s are the trace's events and stream bytes over the wall time; peak RSS from GNU time (%M), which counts the pages of memory-mapped trace files; peak anon RSS (heap, stacks: RssAnon sampled every 0.1 s) leaves them out."
    echo
    echo "| trace | command | wall | events/s | MB/s | peak RSS | peak anon RSS | note |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Ratios (issue #5 targets in brackets):"
    echo
    echo "| trace | pdrop --summary vs cat [≥ 50%] | pdrop --format json vs cat [≥ 50%] | --summary vs bt2 dummy [≥ 30×] | --format json vs bt2 dummy [≥ 30×] | dump vs bt2 text [≥ 10×] |"
    echo "|---|---|---|---|---|---|"
    dummy_rate="" text_rate="" # bytes/s of the largest trace Babeltrace 2 ran on, for larger traces
    for size in "${sizes[@]}"; do
        [[ -n ${WALL[$size/cat (stream files)]:-} ]] || continue
        b=$(bytes_of "$size")
        if [[ -n ${WALL[$size/babeltrace2 -c sink.utils.dummy]:-} ]]; then
            dummy_rate=$(awk -v b="$b" -v w="${WALL[$size/babeltrace2 -c sink.utils.dummy]}" 'BEGIN { print b / w }')
            text_rate=$(awk -v b="$b" -v w="${WALL[$size/babeltrace2 (text)]}" 'BEGIN { print b / w }')
            est=""
        else
            est=" (bt2 est.)"
        fi
        dummy=$([[ -n $dummy_rate ]] && awk -v b="$b" -v r="$dummy_rate" 'BEGIN { print b / r }')
        text=$([[ -n $text_rate ]] && awk -v b="$b" -v r="$text_rate" 'BEGIN { print b / r }')
        pct() { awk -v c="$1" -v p="$2" 'BEGIN { printf "%.0f%%", 100 * c / p }'; }
        c=${WALL[$size/cat (stream files)]}
        s=${WALL[$size/pdrop --summary]}
        j=${WALL[$size/pdrop --format json]}
        d=${WALL[$size/pdrop dump]:-}
        echo "| $size | $(pct "$c" "$s") | $(pct "$c" "$j") | $(ratio "$s" "$dummy")×$est | $(ratio "$j" "$dummy")×$est | $([[ -n $d ]] && echo "$(ratio "$d" "$text")×$est" || echo "no pdrop dump yet") |"
    done
    echo
    echo "Peak RSS of pdrop by trace size [< 300 MB, not growing], --summary / --format json, all (anon): $(for size in "${sizes[@]}"; do
        [[ -n ${RSS[$size/pdrop --summary]:-} ]] && printf '%s: %s (%s) / %s (%s) MB; ' "$size" \
            "$((RSS[$size/pdrop --summary] / 1024))" "$((ANON[$size/pdrop --summary] / 1024))" \
            "$((RSS[$size/pdrop --format json] / 1024))" "$((ANON[$size/pdrop --format json] / 1024))"
    done)"
    if ((${#notes[@]})); then
        echo
        printf -- '- %s\n' "${notes[@]}"
    fi
    ((dump_ok)) || echo "- \`pdrop dump\` is not implemented on this build ($(head -c 120 "$OUT/dump-probe.err" | tr '\n' ' ')): no dump row."
    if ((CHECK)); then
        for size in "${sizes[@]}"; do
            if [[ -f $OUT/$size.gen.txt ]]; then
                check_counts "$size"
                break
            fi
        done
    fi
} >>"$report"

rm -f "$OUT/time.tmp" "$OUT/anon.tmp"
cat "$report"
log "report: $report"
