#!/usr/bin/env bash
# The gates beyond the README's test command: the whole suite under ASan+UBSan, each fuzz
# target for a bounded time, a clang + libc++ build (Apple's C++ library) with warnings as
# errors, static analysis, and actionlint on the GitHub workflows.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "ci: sanitizer build (ASan+UBSan) and the whole suite under it" >&2
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGOVER_SANITIZE=ON
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -E "${GOVER_ASAN_EXCLUDE:-^$}"

echo "ci: clang-14 + libc++ build (CLI, shim, unit tests; -Werror) and the unit tests" >&2
libcxx_start=$SECONDS
scripts/libcxx_build.sh build-libcxx
echo "ci: libc++ build and unit tests took $((SECONDS - libcxx_start)) s" >&2

echo "ci: fuzzing" >&2
scripts/fuzz.sh "${GOVER_FUZZ_SECONDS:-30}"

if [[ -x scripts/lint.sh ]]; then
  echo "ci: static analysis" >&2
  scripts/lint.sh
fi

echo "ci: GitHub workflows (actionlint)" >&2
scripts/lint_workflows.sh
