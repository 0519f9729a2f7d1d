#!/usr/bin/env bash
# Builds gover against LLVM's libc++ (the C++ library Apple ships) with clang 14, warnings as
# errors, and runs the unit tests: what a Mac's toolchain would reject, caught on Linux. Only
# the CLI, the shim and the unit tests are built; GoogleTest is compiled from the local source
# in /usr/src/googletest (Debian's libgtest is built against libstdc++, which cannot be mixed).
#   scripts/libcxx_build.sh [build dir]    (default: build-libcxx; GOVER_CMAKE_ARGS adds options)
# Needs clang-14, libc++-14-dev, libc++abi-14-dev and googletest (scripts/deps.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-libcxx}
jobs=${GOVER_JOBS:-$(getconf _NPROCESSORS_ONLN)}
gtest_src=${GOVER_GTEST_SOURCE_DIR:-/usr/src/googletest}
[[ -f $gtest_src/googletest/CMakeLists.txt ]] ||
    { echo "libcxx_build: no GoogleTest source in $gtest_src (apt-get install googletest)" >&2
      exit 1; }
# -O0 without debug information: the quickest compile (a third less than -O1 on the CLI's
# files); the unit tests still take seconds. Each CLI and test file on its own (no unity
# batches), so a missing include shows here as it would on a Mac.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None -DGOVER_UNITY_BUILD=OFF \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_CXX_FLAGS="-stdlib=libc++ -O0" -DCMAKE_EXE_LINKER_FLAGS="-stdlib=libc++" \
    -DCMAKE_COMPILE_WARNING_AS_ERROR=ON -DGOVER_GTEST_SOURCE_DIR="$gtest_src" \
    ${GOVER_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j "$jobs" --target gover gover-shim gover_unit_tests
# The binaries really use libc++ (a libstdc++ left over would hide what this build is for).
# Their own needs only: libarchive's libxml2 brings ICU, which brings libstdc++, and that is
# the system's business.
for bin in "$build/cmd/gover/gover" "$build/tests/gover_unit_tests"; do
    needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    if ! grep -qx 'libc++.so.1' <<<"$needed" || grep -q 'libstdc++' <<<"$needed"; then
        echo "libcxx_build: $bin is not linked against libc++ alone; it needs:" $needed >&2
        exit 1
    fi
done
ctest --test-dir "$build" -L unit --output-on-failure -j "$jobs"
