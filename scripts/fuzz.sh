#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 and runs each for a bounded time.
# Usage: scripts/fuzz.sh [seconds per target, default 30] [target...]
# A long run of one target: scripts/fuzz.sh 3600 fuzz_version
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
build=${GOVER_FUZZ_BUILD_DIR:-build-fuzz}
# The shim is not static here: the sanitizer runtimes cannot be linked statically. -O1 with line
# tables only: what libFuzzer recommends, and a much quicker compile than -O2 -g.
cmake -S . -B "$build" -G Ninja -DGOVER_FUZZ=ON -DGOVER_BUILD_TESTS=OFF -DGOVER_STATIC_SHIM=OFF \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_C_FLAGS="-O1 -gline-tables-only" -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only"
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
# Only the fuzz targets and the libraries they link: gover and the shim are not needed.
cmake --build "$build" -j "${GOVER_JOBS:-$(nproc)}" --target "${targets[@]}"
# Targets run side by side, one per CPU: the same time each, a shorter wall clock.
run_target() {
  local t=$1 name=${1#fuzz_}
  local corpus=$build/corpus/$name seeds=tests/fuzz/seeds/$name log=$build/fuzz-${1#fuzz_}.log
  mkdir -p "$corpus" "$build/artifacts"
  [[ -d $seeds ]] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
  if "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "$corpus" >"$log" 2>&1; then
    echo "fuzz: $t for ${seconds}s: $(grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | tr '\n' ' ')" >&2
  else
    { grep -v -E '^#[0-9]+' "$log" | tail -n 60
      echo "fuzz: $t found a crash: the input is in $build/artifacts/ (log: $log)"; } >&2
    touch "$build/crashed/$t"
  fi
}
parallel=${GOVER_JOBS:-$(getconf _NPROCESSORS_ONLN)}
rm -rf "$build/crashed" && mkdir -p "$build/crashed"
for t in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= parallel)); do wait -n || true; done
  run_target "$t" &
done
wait
crashed=()
for f in "$build"/crashed/*; do [[ -e $f ]] && crashed+=("$(basename "$f")"); done
# Every target runs even after one crashed, so one CI run reports all of them.
if ((${#crashed[@]} > 0)); then
  echo "fuzz: crashes in ${crashed[*]}" >&2
  exit 1
fi
