#!/usr/bin/env bash
# Builds gover and runs every test (unit and end-to-end against real local servers), installing
# whatever is missing first. Usage: scripts/test.sh [extra ctest args], e.g. -L unit or -R e2e.shim
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
build=${GOVER_BUILD_DIR:-build}
jobs=$(getconf _NPROCESSORS_ONLN) # nproc is GNU coreutils: not on a stock Mac
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${GOVER_CMAKE_ARGS:-}
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" --output-on-failure -j "$jobs" "$@"
