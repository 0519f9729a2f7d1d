#!/usr/bin/env bash
# The gates beyond the README's test command: the whole suite under ASan+UBSan, each fuzz
# target for a bounded time, a clang + libc++ build (Apple's C++ library) with warnings as
# errors, static analysis, and actionlint on the GitHub workflows.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each gate's wall time goes to the log, so the slow one is plain when CI nears its limit.
phase_start=$SECONDS
phase() {
  echo "ci: (previous step took $((SECONDS - phase_start)) s) $1" >&2
  phase_start=$SECONDS
}

# The real-Go e2e tests (e2e.*_real_go) are left out under the sanitizers: their gover code
# paths are the synthetic tests' (which run here), and most of their minutes go to building
# and zipping a 120 MB toolchain and to Go's own compiler, which the sanitizers do not see.
phase "sanitizer build (ASan+UBSan) and the suite under it (less the real-Go tests)"
# -g1: line tables are all the sanitizers' reports need; full debug information costs the
# template-heavy files about a tenth more compile time, and the links more.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
  -DCMAKE_C_FLAGS_DEBUG=-g1 -DGOVER_SANITIZE=ON
cmake --build build-asan -j "$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The unit tests in one process: ctest starts one process per test (about 500), and under the
# sanitizers each start and exit (the leak check) costs about a second, ten minutes in all.
build-asan/tests/gover_unit_tests --gtest_brief=1
# The rest one more at a time than CPUs: the e2e tests spend much of their time waiting (servers,
# back-off, signals), and the suite at -j<CPUs> leaves about a quarter of the CPU idle.
ctest --test-dir build-asan --output-on-failure -j "$(($(nproc) + 1))" -LE unit \
  -E "${GOVER_ASAN_EXCLUDE:-_real_go$}"

phase "clang-14 + libc++ build (CLI, shim, unit tests; -Werror) and the unit tests"
scripts/libcxx_build.sh build-libcxx

phase "fuzzing"
# 20 s per target, two at a time: 17 targets take 3 minutes. A long run: scripts/fuzz.sh 3600.
scripts/fuzz.sh "${GOVER_FUZZ_SECONDS:-20}"

if [[ -x scripts/lint.sh ]]; then
  phase "static analysis"
  scripts/lint.sh
fi

phase "GitHub workflows (actionlint)"
scripts/lint_workflows.sh
phase "done"
