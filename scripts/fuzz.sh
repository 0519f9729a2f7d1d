#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 and runs each for a bounded time.
# Usage: scripts/fuzz.sh [seconds per target, default 30] [target...]
# A long run of one target: scripts/fuzz.sh 3600 fuzz_version
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
build=${GOVER_FUZZ_BUILD_DIR:-build-fuzz}
cmake -S . -B "$build" -G Ninja -DGOVER_FUZZ=ON -DGOVER_BUILD_TESTS=OFF \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)"
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in "$build"/tests/fuzz/fuzz_*; do [[ -x $f ]] && targets+=("$(basename "$f")"); done
fi
for t in "${targets[@]}"; do
  name=${t#fuzz_}
  corpus=$build/corpus/$name
  mkdir -p "$corpus"
  seeds=tests/fuzz/seeds/$name
  [[ -d $seeds ]] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz: $t for ${seconds}s" >&2
  "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=0 "$corpus" 2>&1 | tail -n 3
  [[ ${PIPESTATUS[0]} == 0 ]] || { echo "fuzz: $t found a crash (see above)" >&2; exit 1; }
done
