#!/usr/bin/env bash
# What the index cache buys: `gover list-remote` with a fresh cache against an empty cache, both
# against the nginx HTTPS mirror (tests/support/mirror.sh) serving the real 2 MB go.dev index,
# in the same run, alternating. The empty-cache run fetches over TLS and parses the JSON; the
# cached run reads only the compact digest and never starts libcurl or OpenSSL (on Linux libcurl
# is not even loaded: lib/gover/net/curl_loader.hpp). Also timed:
# `gover --version` (the process start-up floor: loading the binary and its shared libraries).
# Prints medians in ms (wall clock, and CPU time, which load on the machine inflates less), the
# ratio cached/empty, and (with strace) whether the cached run opened
# a socket or OpenSSL's configuration. The bar (issue 8): cached <= 20 ms.
#
# Usage: bench/index.sh [build-dir]     (default: build; or set GOVER_BIN)
#   BENCH_RUNS=N     timed runs of each command (default 30)
#   BENCH_STRICT=1   exit 1 when the cached median is over the bar
# Needs nginx (apt-get install nginx-light) and openssl; strace is optional. Benchmark a
# Release build: a Debug build is several times slower. Other load on the machine inflates
# every number: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-${GOVER_BUILD_DIR:-build}}
gover=${GOVER_BIN:-$build/cmd/gover/gover}
runs=${BENCH_RUNS:-30}
bar_ms=20
if [[ ! -x $gover ]]; then
    echo "bench/index.sh: no gover at $gover (build first: cmake --build $build)" >&2
    exit 1
fi
gover=$(cd "$(dirname "$gover")" && pwd)/$(basename "$gover")

# shellcheck source=../tests/support/mirror.sh
source tests/support/mirror.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gover-bench-index.XXXXXX")
trap 'mirror_stop; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mirror"
cp tests/fixtures/go-dl-index-all-2026-08.json "$tmp/mirror/index.json"
mirror_start "$tmp/mirror" >/dev/null

unset CURL_CA_BUNDLE GOVER_INSECURE https_proxy HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
export SSL_CERT_FILE=$MIRROR_CA GOVER_MIRROR=$MIRROR_URL GOVER_HOME=$tmp/home
cmd=("$gover" list-remote --platform linux-amd64)

# Children's user+system CPU from two `times` outputs ("0m0.123s 0m0.045s" on line 2), in
# microseconds. `times` must run in this shell, not in a $(...) subshell.
cpu_delta_us() {
    awk 'function us(t, p) { split(t, p, "m"); sub("s", "", p[2]); return (p[1] * 60 + p[2]) * 1000000 }
         FNR == 2 { v[NR == FNR] = us($1) + us($2) }
         END { printf "%d", v[0] - v[1] }' "$1" "$2"
}

# One timed run: wall-clock microseconds (bash's EPOCHREALTIME: no fork inside the interval)
# appended to <wall file>, CPU microseconds (millisecond resolution) to <cpu file>.
run_timed() { # run_timed <wall file> <cpu file> <command...>
    local wall=$1 cpu=$2 start end
    shift 2
    times >"$tmp/times.before"
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || {
        echo "bench/index.sh: '$*' failed" >&2
        exit 1
    }
    end=$EPOCHREALTIME
    times >"$tmp/times.after"
    echo $(((${end/./} - ${start/./}))) >>"$wall"
    cpu_delta_us "$tmp/times.before" "$tmp/times.after" >>"$cpu"
    echo >>"$cpu"
}

median_ms() { # reads microseconds, one a line
    sort -n | awk '{ a[NR] = $1 } END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf "%.2f", m / 1000 }'
}

# Warm-up: page cache, nginx, the dynamic loader.
for _ in 1 2 3; do
    rm -rf "$GOVER_HOME/cache"
    "${cmd[@]}" >/dev/null
    "${cmd[@]}" >/dev/null
    "$gover" --version >/dev/null
done

: >"$tmp/empty.us"
: >"$tmp/cached.us"
: >"$tmp/floor.us"
: >"$tmp/empty.cpu"
: >"$tmp/cached.cpu"
: >"$tmp/floor.cpu"
for _ in $(seq "$runs"); do
    rm -rf "$GOVER_HOME/cache"
    run_timed "$tmp/empty.us" "$tmp/empty.cpu" "${cmd[@]}"
    run_timed "$tmp/cached.us" "$tmp/cached.cpu" "${cmd[@]}"
    run_timed "$tmp/floor.us" "$tmp/floor.cpu" "$gover" --version
done
empty=$(median_ms <"$tmp/empty.us")
cached=$(median_ms <"$tmp/cached.us")
floor=$(median_ms <"$tmp/floor.us")
empty_cpu=$(median_ms <"$tmp/empty.cpu")
cached_cpu=$(median_ms <"$tmp/cached.cpu")
floor_cpu=$(median_ms <"$tmp/floor.cpu")
ratio=$(awk -v c="$cached" -v e="$empty" 'BEGIN { printf "%.2f", c / e }')
digest_kb=$(du -k "$GOVER_HOME"/cache/index-*.digest | awk '{ print $1 }')
raw_kb=$(du -k "$GOVER_HOME"/cache/index-*.json | awk '{ print $1 }')

echo "gover list-remote, median of $runs runs each ($gover)"
printf '  %-34s %10s %14s\n' "" "wall ms" "CPU ms (u+s)"
printf '  %-34s %10s %14s\n' "empty cache (TLS fetch + JSON)" "$empty" "$empty_cpu"
printf '  %-34s %10s %14s\n' "fresh cache (digest only)" "$cached" "$cached_cpu"
printf '  %-34s %10s %14s\n' "gover --version (start-up floor)" "$floor" "$floor_cpu"
echo "  ratio cached/empty: $ratio   cache files: digest ${digest_kb} KB, raw index ${raw_kb} KB"
if command -v strace >/dev/null; then
    strace -f -e trace=socket,openat -o "$tmp/strace.txt" "${cmd[@]}" >/dev/null 2>&1 || true
    sockets=$(grep -c 'socket(' "$tmp/strace.txt" || true)
    ssl=$(grep -c 'openssl.cnf' "$tmp/strace.txt" || true)
    echo "  cached run: $sockets socket(s) opened, OpenSSL configuration read $ssl time(s)"
fi
verdict=$(awk -v c="$cached" -v b="$bar_ms" 'BEGIN { print (c <= b) ? "PASS" : "FAIL" }')
echo "  bar: cached <= $bar_ms ms: $verdict"
if [[ $verdict == FAIL && ${BENCH_STRICT:-0} == 1 ]]; then
    exit 1
fi
