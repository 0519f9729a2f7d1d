#!/usr/bin/env bash
# What an install costs next to the standard tools, in the same run: `gover install 1.19.8` from
# the nginx HTTPS mirror on loopback (tests/support/mirror.sh) into an empty GOVER_HOME, against
#   A  `tar -xzf` of the same archive from local disk (the floor with standard tools), and
#   B  `curl -o` + `sha256sum -c` + `tar -xzf` one after the other (what other version managers do).
# The archive is a slim variant of the real one: the Debian-built go1.19.8 tree without
# pkg/linux_amd64 and test/ (~63 MB, ~8,600 files, ~195 MB unpacked: the shape of an official Go
# archive of today), built once and served under its own mirror root.
# Two passes: GOVER_HOME and tar's target on tmpfs (/dev/shm: only CPU is left, inflate, hash,
# tar parsing) and on disk (file creation dominates). Runs alternate (the order rotates every
# round), each into a fresh empty directory; the medians and the ratios gover/A and gover/B are
# printed, with gover's peak RSS (/usr/bin/time -v). Bars (issue 8): tmpfs gover/A <= 0.6,
# disk gover/A <= 1.0, gover/B <= 0.6, peak RSS <= 32 MiB.
#
# Usage: bench/install.sh [build-dir]     (default: build; or set GOVER_BIN)
#   BENCH_RUNS=N         timed runs of each approach per pass (default 5)
#   BENCH_PASSES="tmpfs disk"   which passes to run
#   BENCH_DISK_DIR=dir   where the disk pass writes (default: the build dir; must not be tmpfs);
#                        it needs ~210 MB per run (all runs of a pass are kept until its end)
#   BENCH_CACHE=dir      where the slim archive is built once (default: <build>/bench-cache)
#   BENCH_EXTRA=1        also time `igzip -dc | tar -xf -` and `tar -xf` of the inflated tar
#   BENCH_COMPARE="label=/path/to/gover ..."   also time other gover binaries (experiments)
#   BENCH_RAW=dir        keep every run's numbers there (<label>.<pass>: wall_us user sys rss_kb;
#                        line n of each file is round n, for paired comparisons)
#   BENCH_STRICT=1       exit 1 when a bar is missed
# Needs nginx (nginx-light), openssl, curl, sha256sum, GNU tar, /usr/bin/time (time) and Debian's
# golang-1.19-go + golang-1.19-src. Benchmark a Release build. Other load on the machine
# inflates every number (the ratios less so: all approaches share the same noise).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-${GOVER_BUILD_DIR:-build}}
gover=${GOVER_BIN:-$build/cmd/gover/gover}
runs=${BENCH_RUNS:-5}
passes=${BENCH_PASSES-tmpfs disk}
if [[ ! -x $gover ]]; then
    echo "bench/install.sh: no gover at $gover (build first: cmake --build $build)" >&2
    exit 1
fi
gover=$(cd "$(dirname "$gover")" && pwd)/$(basename "$gover")
build=$(cd "$build" && pwd)
for tool in curl sha256sum tar /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "bench/install.sh: needs $tool (apt-get install curl coreutils tar time)" >&2
        exit 1
    }
done
if [[ ! -x /usr/lib/go-1.19/bin/go || ! -d /usr/share/go-1.19/src ]]; then
    echo "bench/install.sh: needs Debian's Go 1.19 (apt-get install golang-1.19-go golang-1.19-src)" >&2
    exit 1
fi

# The slim archive, built once (concurrent callers wait for the first).
cache=${BENCH_CACHE:-$build/bench-cache}
archive=$cache/go1.19.8-slim.linux-amd64.tar.gz
mkdir -p "$cache"
(
    flock 9
    [[ -s $archive && -s $archive.sha256 && -s ${archive%.gz} ]] && exit 0
    work=$(mktemp -d "$cache/build.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    echo "building the slim go1.19.8 archive in $cache (once)" >&2
    mkdir -p "$work/go/pkg"
    # Symlinks dereferenced, as the real-toolchain test does: Debian links src/, api/, misc/.
    for part in VERSION api bin misc src pkg/include pkg/tool; do
        cp -rL "/usr/lib/go-1.19/$part" "$work/go/$part"
    done
    { echo go1.19.8; tail -n +2 /usr/lib/go-1.19/VERSION; } >"$work/go/VERSION"
    (cd "$work" && tar --owner=0 --group=0 --numeric-owner --sort=name \
        --mtime=2023-04-04T00:00:00Z -cf "$work/slim.tar" go)
    gzip -6 -n -c "$work/slim.tar" >"$work/slim.tar.gz"
    sha256sum "$work/slim.tar.gz" | cut -d' ' -f1 >"$work/slim.sha256"
    mv "$work/slim.tar" "${archive%.gz}"
    mv "$work/slim.tar.gz" "$archive"
    mv "$work/slim.sha256" "$archive.sha256"
) 9>"$cache/.lock"
sha=$(cat "$archive.sha256")
size=$(stat -c %s "$archive")
[[ -s $archive.files ]] || tar -tzf "$archive" | grep -cv '/$' >"$archive.files"
nfiles=$(cat "$archive.files")

# shellcheck source=../tests/support/mirror.sh
source tests/support/mirror.sh
# shellcheck source=../tests/support/go_toolchain.sh
source tests/support/go_toolchain.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gover-bench-install.XXXXXX")
shm=""
disk_base=${BENCH_DISK_DIR:-$build}/bench-install.$$
cleanup() {
    mirror_stop
    rm -rf "$tmp"
    [[ -n $shm ]] && rm -rf "$shm"
    rm -rf "$disk_base"
    return 0
}
trap cleanup EXIT
mkdir -p "$tmp/mirror"
name=go1.19.8.linux-amd64.tar.gz
ln -s "$archive" "$tmp/mirror/$name"
export INDEX_DIR=$tmp/mirror # read by index_add
index_add 1.19.8 "$name" linux amd64 "$sha" "$size"
index_write "$tmp/mirror"
mirror_start "$tmp/mirror" >/dev/null
printf '%s  %s\n' "$sha" "$name" >"$tmp/SHA256SUMS"

unset CURL_CA_BUNDLE GOVER_INSECURE GOVER_VERSION https_proxy HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1

# The approaches: label and a command run by `bash -c` with $T = a fresh empty directory on the
# pass's file system and $G = the gover binary. All but gover's own output is discarded.
labels=(gover A B)
# shellcheck disable=SC2016 # expanded by bash -c
declare -A cmds=(
    [gover]='HOME=$T GOVER_HOME=$T/home SSL_CERT_FILE=$MIRROR_CA GOVER_MIRROR=$MIRROR_URL "$G" install 1.19.8'
    [A]='tar -xzf "$ARCHIVE" -C "$T"'
    [B]='curl -sSf --cacert "$MIRROR_CA" -o "$T/$NAME" "${MIRROR_URL}$NAME" && (cd "$T" && sha256sum -c --quiet "$SUMS") && tar -xzf "$T/$NAME" -C "$T"'
    [igzip]='igzip -dc "$ARCHIVE" | tar -xf - -C "$T"'
    [tar]='tar -xf "$RAW" -C "$T"'
)
declare -A binary=([gover]=$gover)
if [[ ${BENCH_EXTRA:-0} == 1 ]]; then
    command -v igzip >/dev/null && labels+=(igzip) || echo "note: igzip not installed (isal)" >&2
    labels+=(tar)
fi
for pair in ${BENCH_COMPARE:-}; do
    label=${pair%%=*}
    binary[$label]=$(cd "$(dirname "${pair#*=}")" && pwd)/$(basename "${pair#*=}")
    cmds[$label]=${cmds[gover]}
    labels+=("$label")
done
export ARCHIVE=$archive RAW=${archive%.gz} NAME=$name SUMS=$tmp/SHA256SUMS MIRROR_CA MIRROR_URL

# run <label> <base>: one timed run into a fresh directory under <base>; appends
# "wall_us user sys rss_kb" to $tmp/<label>.<pass>. On tmpfs each run replaces the last. On disk
# every run gets a new directory and all are deleted after the pass: ext4 skips inodes deleted
# in the last minute or so when it allocates new ones, which made every run right after a
# deletion several times slower (a benchmark artefact: users do not install right after
# deleting a toolchain-sized tree).
runs_done=0
run_one() {
    local label=$1 base=$2 start end target
    runs_done=$((runs_done + 1))
    if [[ $base == "$disk_base" ]]; then
        target=$base/run.$runs_done
        sync # the previous run's dirty pages are not this run's cost
    else
        target=$base/run
        rm -rf "$target"
    fi
    mkdir -p "$target"
    start=$EPOCHREALTIME
    T=$target G=${binary[$label]:-} /usr/bin/time -v -o "$tmp/time.txt" \
        bash -c "${cmds[$label]}" >/dev/null 2>"$tmp/err" || {
        echo "bench/install.sh: $label failed: $(cat "$tmp/err")" >&2
        exit 1
    }
    end=$EPOCHREALTIME
    awk -F': ' -v us=$((${end/./} - ${start/./})) '
        /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
        END { printf "%d %s %s %d\n", us, u, s, m }' "$tmp/time.txt" >>"$tmp/$label.$pass"
}

median() { # of the numbers on stdin, one a line
    sort -g | awk '{ a[NR] = $1 } END {
        printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

shm_ok=0
[[ -d /dev/shm && -w /dev/shm ]] && shm_ok=1

status=0
echo "install benchmark: $name (slim go1.19.8: $((size / 1000000)) MB, $nfiles files), $runs alternating runs per approach"
echo "  gover: $gover"
echo "  medians in seconds (wall; user+sys CPU of the command itself, nginx not included)"
for pass in $passes; do
    case $pass in
    tmpfs)
        if ((!shm_ok)); then
            echo "  tmpfs: skipped (no writable /dev/shm)"
            continue
        fi
        shm=$(mktemp -d /dev/shm/gover-bench.XXXXXX)
        base=$shm
        ;;
    disk)
        base=$disk_base
        mkdir -p "$base"
        if [[ $(stat -f -c %T "$base") == tmpfs ]]; then
            echo "  disk: $base is tmpfs; set BENCH_DISK_DIR to a directory on a disk" >&2
        fi
        ;;
    *)
        echo "bench/install.sh: unknown pass $pass" >&2
        exit 1
        ;;
    esac
    runs_done=0
    # Warm-up: the page cache holds the archive, nginx and the loader are warm.
    for label in "${labels[@]}"; do
        run_one "$label" "$base"
    done
    for label in "${labels[@]}"; do : >"$tmp/$label.$pass"; done
    for ((i = 0; i < runs; i++)); do
        n=${#labels[@]}
        for ((j = 0; j < n; j++)); do
            run_one "${labels[$(((i + j) % n))]}" "$base"
        done
    done
    where=$(dirname "$base")
    echo "  $pass: $where ($(df --output=fstype "$where" 2>/dev/null | tail -1))"
    if [[ $pass == disk ]]; then
        # Deleting ~30 toolchain trees takes minutes on some virtual disks: not in the way.
        mv "$base" "$base.old"
        (nice rm -rf "$base.old" >/dev/null 2>&1 &)
        note="    (its $runs_done trees are being deleted in the background: $base.old)"
    else
        rm -rf "${base:?}"/run*
    fi
    declare -A wall=()
    for label in "${labels[@]}"; do
        wall[$label]=$(awk '{ print $1 / 1e6 }' "$tmp/$label.$pass" | median)
    done
    for label in "${labels[@]}"; do
        cpu=$(awk '{ print $2 + $3 }' "$tmp/$label.$pass" | median)
        extra=""
        if [[ -n ${binary[$label]:-} ]]; then
            extra=$(awk '$4 > m { m = $4 } END { printf "  peak RSS %.1f MiB", m / 1024 }' \
                "$tmp/$label.$pass")
        fi
        ratio=$(awk -v g="${wall[$label]}" -v a="${wall[A]}" 'BEGIN { printf "%.2f", g / a }')
        printf '    %-8s %6.3f s  cpu %5.2f s  (%s x A)%s\n' "$label" "${wall[$label]}" "$cpu" \
            "$ratio" "$extra"
    done
    ga=$(awk -v g="${wall[gover]}" -v a="${wall[A]}" 'BEGIN { printf "%.2f", g / a }')
    gb=$(awk -v g="${wall[gover]}" -v b="${wall[B]}" 'BEGIN { printf "%.2f", g / b }')
    rss=$(awk '$4 > m { m = $4 } END { printf "%.1f", m / 1024 }' "$tmp/gover.$pass")
    bar_a=0.6
    [[ $pass == disk ]] && bar_a=1.0
    verdict() { awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b) ? "met" : "NOT MET" }'; }
    va=$(verdict "$ga" "$bar_a")
    vb=$(verdict "$gb" 0.6)
    vr=$(verdict "$rss" 32)
    printf '    %s ratios: gover/A %s (bar <= %s: %s)  gover/B %s (bar <= 0.6: %s)  peak RSS %s MiB (bar <= 32: %s)\n' \
        "$pass" "$ga" "$bar_a" "$va" "$gb" "$vb" "$rss" "$vr"
    [[ -n ${note:-} ]] && echo "$note"
    note=""
    [[ $va == met && $vb == met && $vr == met ]] || status=1
    unset wall
done
if [[ -n ${BENCH_RAW:-} ]]; then
    mkdir -p "$BENCH_RAW" && cp "$tmp"/*.tmpfs "$tmp"/*.disk "$BENCH_RAW"/ 2>/dev/null
fi
echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
if [[ ${BENCH_STRICT:-0} == 1 && $status != 0 ]]; then
    exit 1
fi
