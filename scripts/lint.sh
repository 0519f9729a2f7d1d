#!/usr/bin/env bash
# Static analysis of gover's own sources (lib/, cmd/, shims/): clang-tidy-14 with the checked-in
# .clang-tidy, then cppcheck. Fails on any finding; exceptions are NOLINT / cppcheck-suppress
# comments with the reason beside them. Usage: scripts/lint.sh [file...] (default: all sources).
# Needs clang-tidy-14 and cppcheck (Debian: apt-get install clang-tidy-14 cppcheck).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${GOVER_LINT_BUILD_DIR:-build-lint}
jobs=${GOVER_LINT_JOBS:-$(nproc)}
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
if [[ -z $tidy ]] || ! command -v cppcheck >/dev/null; then
    echo "lint: needs clang-tidy-14 and cppcheck (apt-get install clang-tidy-14 cppcheck)" >&2
    exit 1
fi

# Only a configure: compile_commands.json is all the tools need. clang++ so that the flags in
# it are the ones clang-tidy understands, and every CLI file in it on its own (no unity batches).
cmake -S . -B "$build" -G Ninja -DGOVER_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug \
    -DGOVER_UNITY_BUILD=OFF -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null

if (($# > 0)); then
    files=("$@")
else
    mapfile -t files < <(find lib cmd shims -name '*.cpp' | LC_ALL=C sort)
fi

echo "lint: clang-tidy on ${#files[@]} files" >&2
tidy_log=$(mktemp)
trap 'rm -f "$tidy_log"' EXIT
tidy_status=0
printf '%s\n' "${files[@]}" |
    xargs -P "$jobs" -n 2 "$tidy" -p "$build" --quiet >"$tidy_log" 2>&1 || tidy_status=$?
# Keep the findings, drop clang-tidy's "N warnings generated" chatter.
grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter|^Error while processing' \
    "$tidy_log" || true
if ((tidy_status != 0)); then
    echo "lint: clang-tidy found problems (above)" >&2
    exit 1
fi

echo "lint: cppcheck" >&2
# cppcheck reads the same compile commands; only our sources are in them (tests are off).
# missingIncludeSystem: it is not given the system headers on purpose (speed, and their own
# code is not ours to check). unmatchedSuppression: suppressions are per file.
cppcheck --project="$build/compile_commands.json" --std=c++20 --language=c++ \
    --enable=warning,performance,portability --inline-suppr --error-exitcode=1 \
    --suppress=missingIncludeSystem --suppress=unmatchedSuppression \
    --suppress='*:/usr/*' -j "$jobs" --quiet \
    --cppcheck-build-dir="$(mkdir -p "$build/cppcheck" && echo "$build/cppcheck")"
echo "lint: clean" >&2
