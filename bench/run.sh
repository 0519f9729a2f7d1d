#!/usr/bin/env bash
# All of gover's benchmarks in one report: the shim (bench/shim.sh), the index cache
# (bench/index.sh) and installs (bench/install.sh: from the mirror and, when the checksum database
# test server is built, through the module proxy), each against its baseline taken in the same
# run, then the bars they met or missed. See bench/README.md.
#
# Usage: bench/run.sh [build-dir]    (default: build; a Release build:
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build)
#   BENCH_ONLY="shim index install"  which benchmarks to run
#   BENCH_STRICT=1                   exit 1 when any bar is missed
# The knobs of each script (BENCH_RUNS, ...) pass through; BENCH_RUNS means a different thing in
# each, so leave it unset here unless you run one benchmark.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
build=${1:-${GOVER_BUILD_DIR:-build}}
out=$(mktemp -d "${TMPDIR:-/tmp}/gover-bench-run.XXXXXX")
trap 'rm -rf "$out"' EXIT

status=0
failed=()
for name in ${BENCH_ONLY:-shim index install}; do
    echo "==== bench/$name.sh"
    BENCH_STRICT=0 "bench/$name.sh" "$build" 2>&1 | tee "$out/$name.txt"
    rc=${PIPESTATUS[0]}
    if ((rc != 0)); then
        failed+=("$name (exit $rc)")
        status=1
    fi
    echo
done

echo "==== summary ($(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs)"
# Every line that states a bar, as the benchmark printed it.
for name in ${BENCH_ONLY:-shim index install}; do
    grep -h -E '\(bar <|bar:' "$out/$name.txt" 2>/dev/null | sed "s/^ */  $name: /"
done
if grep -q -E 'NOT MET|FAIL' "$out"/*.txt 2>/dev/null; then
    echo "  some bars were missed"
    [[ ${BENCH_STRICT:-0} == 1 ]] && status=1
fi
for f in "${failed[@]}"; do
    echo "  did not run to the end: $f"
done
exit "$status"
