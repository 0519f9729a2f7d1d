#!/usr/bin/env bash
# What the shim costs: `go version` through $GOVER_HOME/shims/go against the same binary run
# directly, in the same run, from a directory 3 levels below the project's .tool-versions. The
# `go` is a tiny C program, so the difference is the shim's own work (start-up, the walk up,
# reading .tool-versions, one stat of the store, execve). Also timed: the floor, a C program
# that does nothing but execv the same go (what any exec-based shim pays at least). Prints the
# medians, the overhead in microseconds, the ratio, and the shim's own system calls (strace).
# The bar (issue 4): median overhead <= 500 us on a 2-core machine.
#
# Usage: bench/shim.sh [build-dir]       (default: build; or set GOVER_SHIM_BIN)
#   BENCH_RUNS=N       timed runs of each command (default 2000)
#   BENCH_STRICT=1     exit 1 when the overhead is over the bar
#   BENCH_TOOL=hyperfine  time with hyperfine -N (apt-get install hyperfine) instead
# By default a small C loop (built here) times the commands alternately, run after run, so load
# from other processes hits all three alike; hyperfine runs each command's batch in turn, which
# on a shared machine can put a burst of load on one batch only. strace (apt-get install strace)
# counts the system calls. Other load inflates every number: a quiet machine gives the truth.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-${GOVER_BUILD_DIR:-build}}
shim=${GOVER_SHIM_BIN:-$build/shims/gover-shim}
runs=${BENCH_RUNS:-2000}
bar_us=500
if [[ ! -x $shim ]]; then
    echo "bench/shim.sh: no shim at $shim (build first: cmake --build $build)" >&2
    exit 1
fi
cc=${CC:-cc}
command -v "$cc" >/dev/null || { echo "bench/shim.sh: needs a C compiler ($cc)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gover-bench-shim.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
home=$tmp/home
bin=$home/versions/1.22.5/bin
mkdir -p "$bin" "$home/shims" "$home/bin" "$tmp/project/a/b/c"

# compile <out> <C source>: statically linked where possible (less start-up noise).
compile() {
    printf '%s\n' "$2" >"$1.c"
    "$cc" -O2 -static -o "$1" "$1.c" 2>/dev/null || "$cc" -O2 -o "$1" "$1.c"
}
# The fake go: one write(2), exit 0.
compile "$bin/go" '#include <unistd.h>
int main(void) {
    static const char line[] = "go version go1.22.5 bench/fake\n";
    return write(1, line, sizeof line - 1) == (ssize_t)(sizeof line - 1) ? 0 : 1;
}'
rm -f "$bin/go.c"
compile "$tmp/floor" "#include <unistd.h>
int main(int argc, char **argv) { (void)argc; execv(\"$bin/go\", argv); return 127; }"
cp "$shim" "$home/bin/gover-shim"
ln -s ../bin/gover-shim "$home/shims/go"
printf 'nodejs 20.11.0\npython 3.12.1\ngolang 1.22.5\n' >"$tmp/project/.tool-versions"
cwd=$tmp/project/a/b/c
direct="$bin/go version"
shimmed="$home/shims/go version"
floor="$tmp/floor version"
# A small, fixed environment, the same for every command.
clean_env=(env -i "HOME=$tmp" "PATH=$home/shims:/usr/bin:/bin" "GOVER_HOME=$home" "PWD=$cwd")

cd "$cwd"
# shellcheck disable=SC2086 # the commands are words on purpose
[[ $("${clean_env[@]}" $shimmed) == "go version go1.22.5 bench/fake" ]] ||
    { echo "bench/shim.sh: the shim does not run the fake go" >&2; exit 1; }

if [[ ${BENCH_TOOL:-loop} == hyperfine ]]; then
    command -v hyperfine >/dev/null ||
        { echo "bench/shim.sh: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
    tool="hyperfine -N, $runs runs each after 200 warm-up"
    "${clean_env[@]}" hyperfine -N --warmup 200 --runs "$runs" --style none \
        --export-json "$tmp/h.json" "$direct" "$shimmed" "$floor" >/dev/null 2>"$tmp/h.err" ||
        { cat "$tmp/h.err" >&2; exit 1; }
    read -r direct_us shim_us floor_us < <(awk '
        /"median":/ { gsub(/[",]/, "", $2); m[n++] = $2 * 1e6 }
        END { printf "%.1f %.1f %.1f\n", m[0], m[1], m[2] }' "$tmp/h.json")
else
    tool="own loop, $runs alternating runs each after 200 warm-up"
    # loop N a... -- b... -- c...: runs the commands in turn N times each (fork, execv, wait),
    # stdout to /dev/null, and prints their medians in microseconds.
    compile "$tmp/loop" '#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static double run(char **argv) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(open("/dev/null", O_WRONLY), 1);
        execv(argv[0], argv);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) / 1e3;
}
static int cmp(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}
int main(int argc, char **argv) {
    int n = atoi(argv[1]), k = 0;
    char **cmd[8];
    cmd[k++] = argv + 2;
    for (int i = 2; i < argc && k < 8; i++)
        if (strcmp(argv[i], "--") == 0) { argv[i] = NULL; cmd[k++] = argv + i + 1; }
    double *t[8];
    for (int c = 0; c < k; c++) t[c] = malloc(sizeof(double) * n);
    for (int i = 0; i < 200; i++) for (int c = 0; c < k; c++) run(cmd[c]);
    for (int i = 0; i < n; i++) for (int c = 0; c < k; c++) t[c][i] = run(cmd[c]);
    for (int c = 0; c < k; c++) {
        qsort(t[c], n, sizeof(double), cmp);
        printf("%.1f%c", t[c][n / 2], c + 1 < k ? 32 : 10);
    }
    return 0;
}'
    # shellcheck disable=SC2086 # the commands are words on purpose
    read -r direct_us shim_us floor_us < <("${clean_env[@]}" "$tmp/loop" "$runs" $direct -- $shimmed -- $floor)
fi

calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }
overhead_us=$(calc "$shim_us - $direct_us")
floor_over_us=$(calc "$floor_us - $direct_us")
echo "shim benchmark: \`go version\` 3 levels below .tool-versions ($tool)"
printf '  direct          %8.1f us median\n' "$direct_us"
printf '  through shim    %8.1f us median\n' "$shim_us"
printf '  floor (bare C execv wrapper) %8.1f us median: +%s us\n' "$floor_us" "$floor_over_us"
verdict=$(awk -v o="$overhead_us" -v b="$bar_us" 'BEGIN { print (o <= b ? "met" : "NOT MET") }')
printf '  shim overhead   %8s us median, ratio %sx (bar <= %s us: %s)\n' "$overhead_us" \
    "$(calc "$shim_us / $direct_us" 2)" "$bar_us" "$verdict"

if command -v strace >/dev/null; then
    # The shim's own system calls: everything before the execve of the real go.
    # shellcheck disable=SC2086
    "${clean_env[@]}" strace -f -qq -o "$tmp/trace" $shimmed >/dev/null 2>&1 || true
    awk '/execve\(/ { n++; if (n == 2) exit } { print }' "$tmp/trace" |
        sed -E 's/^[0-9]+ +//; s/\(.*//' | sort | uniq -c | sort -rn >"$tmp/calls"
    echo "  system calls of one shim run before it execs go (strace -f): $(awk '{ s += $1 } END { print s }' "$tmp/calls")"
    awk '{ printf "    %4d %s\n", $1, $2 }' "$tmp/calls"
    # shellcheck disable=SC2086
    "${clean_env[@]}" strace -f -c -o "$tmp/count" $shimmed >/dev/null 2>&1 || true
    echo "  strace -c -f, whole run (shim + fake go): $(awk '/total$/ { print $(NF-2) }' "$tmp/count") calls"
else
    echo "  (strace not installed: apt-get install strace to count system calls)"
fi

if [[ ${BENCH_STRICT:-0} == 1 && $verdict != met ]]; then
    exit 1
fi
