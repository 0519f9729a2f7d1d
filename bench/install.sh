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
# The module proxy passes (issue 12), proxy-tmpfs and proxy-disk: `gover --source goproxy install
# 1.19.8` (tests/support/goproxy.sh's gvp: GOPROXY = the same nginx over HTTPS, GOSUMDB = the
# suite's Go test checksum database, behind that nginx too so that each of its requests is in
# the nginx log) against
#   unzip  `curl -o` + `unzip -q` of the same module zip (made once from the slim archive by
#          goproxy_add, as Go's release tooling lays it out).
# Bars: tmpfs gover/unzip <= 0.8, disk <= 1.0, peak RSS <= 32 MiB. Every timed gover run starts
# from an empty GOVER_HOME, so each one also pays the checksum database's first-install cost
# (the signed tree head and the tiles of the proofs). That cost is reported on its own line
# (bar < 50 ms on loopback), measured as described at tile_cost below.
#
# Usage: bench/install.sh [build-dir]     (default: build; or set GOVER_BIN)
#   BENCH_RUNS=N         timed runs of each approach per pass (default 5)
#   BENCH_PASSES="tmpfs disk proxy-tmpfs proxy-disk"   which passes to run (all by default)
#   BENCH_TILE_RUNS=N    rounds of the checksum database cost measurement (default 11)
#   BENCH_DISK_DIR=dir   where the disk passes write (default: the build dir; must not be tmpfs);
#                        it needs ~210 MB per run (all runs of a pass are kept until its end)
#   BENCH_CACHE=dir      where the slim archive and the module zip are built once
#                        (default: <build>/bench-cache)
#   BENCH_EXTRA=1        also time `igzip -dc | tar -xf -` and `tar -xf` of the inflated tar
#   BENCH_COMPARE="label=/path/to/gover ..."   also time other gover binaries (experiments)
#   BENCH_RAW=dir        keep every run's numbers there (<label>.<pass>: wall_us user sys rss_kb;
#                        line n of each file is round n, for paired comparisons)
#   BENCH_STRICT=1       exit 1 when a bar is missed
# Needs nginx (nginx-light), openssl, curl, sha256sum, GNU tar, /usr/bin/time (time) and Debian's
# golang-1.19-go + golang-1.19-src; the proxy passes also need unzip and python3 (apt-get install
# unzip python3) and the checksum database test server, built with the tests
# (-DGOVER_BUILD_TESTS=ON, then `cmake --build <build> --target gover_sumdb_server`; it needs
# golang-golang-x-mod-dev): without it they are skipped, saying so. Benchmark a Release build.
# Other load on the machine inflates every number (the ratios less so: all approaches share the
# same noise).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-${GOVER_BUILD_DIR:-build}}
gover=${GOVER_BIN:-$build/cmd/gover/gover}
runs=${BENCH_RUNS:-5}
passes=${BENCH_PASSES-tmpfs disk proxy-tmpfs proxy-disk}
tile_runs=${BENCH_TILE_RUNS:-11}
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
# What goproxy.sh reads (as the e2e tests set it): the proxy tree is $MIRROR_ROOT_DIR/proxy, the
# database's key and output go to $WORK.
# shellcheck disable=SC2034 # read by goproxy.sh
GOVER_SOURCE_DIR=$PWD GOVER_BUILD_DIR=$build GOVER_BIN=$gover
# shellcheck disable=SC2034 # read by goproxy.sh
MIRROR_ROOT_DIR=$tmp/mirror WORK=$tmp
# shellcheck source=../tests/support/goproxy.sh
source tests/support/goproxy.sh
shm=""
disk_base=${BENCH_DISK_DIR:-$build}/bench-install.$$
cleanup() {
    set +e # sumdb_stop's wait returns the server's 143: every step must still run
    sumdb_stop
    mirror_stop
    rm -rf "$tmp"
    [[ -n $shm ]] && rm -rf "$shm"
    local p
    for p in $passes; do rm -rf "$disk_base.$p"; done
    return 0
}
trap cleanup EXIT
mkdir -p "$tmp/mirror"
name=go1.19.8.linux-amd64.tar.gz
ln -s "$archive" "$tmp/mirror/$name"
export INDEX_DIR=$tmp/mirror # read by index_add
index_add 1.19.8 "$name" linux amd64 "$sha" "$size"
index_write "$tmp/mirror"
printf '%s  %s\n' "$sha" "$name" >"$tmp/SHA256SUMS"

# The module proxy passes need the database server, unzip and python3; without them they are
# skipped, saying why.
modver=$(goproxy_mv 1.19.8)
if [[ " $passes " == *" proxy-"* ]]; then
    missing=""
    if [[ ! -x $SUMDB_SERVER_BIN ]]; then
        missing="$SUMDB_SERVER_BIN (configure with -DGOVER_BUILD_TESTS=ON, build the target"
        missing+=" gover_sumdb_server; needs golang-golang-x-mod-dev)"
    fi
    command -v unzip >/dev/null || missing="unzip (apt-get install unzip)"
    command -v python3 >/dev/null || missing="python3 (apt-get install python3)"
    if [[ -n $missing ]]; then
        echo "bench/install.sh: skipping the proxy passes: no $missing" >&2
        kept=""
        for pass in $passes; do [[ $pass == proxy-* ]] || kept+=" $pass"; done
        passes=$kept
    fi
fi
if [[ " $passes " == *" proxy-"* ]]; then
    # The module zip, made from the slim archive once by goproxy_add (goproxy_tree.py).
    (
        flock 9
        [[ -s $cache/goproxy/golang.org/toolchain/@v/$modver.zip ]] && exit 0
        work=$(mktemp -d "$cache/build.XXXXXX")
        trap 'rm -rf "$work"' EXIT
        echo "building the module zip $modver from the slim archive in $cache (once)" >&2
        GOPROXY_ROOT=$work/goproxy goproxy_add "$archive" 1.19.8
        rm -rf "$cache/goproxy"
        mv "$work/goproxy" "$cache/goproxy"
    ) 9>"$cache/.lock"
    ln -s "$cache/goproxy" "$GOPROXY_ROOT"
    # A tree of 200,003 records with the toolchain's two in the middle: proofs need three levels
    # of tiles, full ones (which gover caches) and partial ones at the right edge, as from
    # sum.golang.org (~4 levels). The suite's default of 3 filler records has no full tile.
    sumdb_start -filler 100000 -after 100000 || exit 1
    # GOSUMDB's URL is nginx over HTTPS in front of the database (gover goes there directly;
    # it does not ask the proxy's /sumdb/<name>/supported when GOSUMDB names a URL), so every
    # database request is in nginx's access log under /dl/sumdb/.
    mirror_add_conf "location /dl/sumdb/ { proxy_pass $SUMDB_URL/; }"
    # For tile_cost: /dl/proof/ is the same tree with the zip answering 404; /dl/none/ lists a
    # version the database has no record of.
    mirror_add_conf "location /dl/proof/ { alias @ROOT@/proxy/; }"
    mirror_add_conf "location = /dl/proof/golang.org/toolchain/@v/$modver.zip { return 404; }"
    mkdir -p "$tmp/mirror/none/golang.org/toolchain/@v"
    goproxy_mv 1.19.9 >"$tmp/mirror/none/golang.org/toolchain/@v/list"
fi
mirror_start "$tmp/mirror" >/dev/null
goproxy_urls
export GVP_GOSUMDB="${SUMDB_VKEY:-} ${MIRROR_URL}sumdb" # read by gvp

unset CURL_CA_BUNDLE GOVER_INSECURE GOVER_VERSION https_proxy HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1

# The approaches: label and a command run by `bash -c` with $T = a fresh empty directory on the
# pass's file system and $G = the gover binary. All but gover's own output is discarded. The
# mirror passes time mirror_labels with cmds, the proxy passes proxy_labels with pcmds (gvp is
# goproxy.sh's, exported to bash -c).
mirror_labels=(gover A B)
proxy_labels=(gover unzip)
# shellcheck disable=SC2016 # expanded by bash -c
declare -A cmds=(
    [gover]='HOME=$T GOVER_HOME=$T/home SSL_CERT_FILE=$MIRROR_CA GOVER_MIRROR=$MIRROR_URL "$G" install 1.19.8'
    [A]='tar -xzf "$ARCHIVE" -C "$T"'
    [B]='curl -sSf --cacert "$MIRROR_CA" -o "$T/$NAME" "${MIRROR_URL}$NAME" && (cd "$T" && sha256sum -c --quiet "$SUMS") && tar -xzf "$T/$NAME" -C "$T"'
    [igzip]='igzip -dc "$ARCHIVE" | tar -xf - -C "$T"'
    [tar]='tar -xf "$RAW" -C "$T"'
)
# shellcheck disable=SC2016 # expanded by bash -c
declare -A pcmds=(
    [gover]='WATCH_DIR=$T GOVER_HOME=$T/home GOVER_BIN=$G gvp --source goproxy install 1.19.8'
    [unzip]='curl -sSf --cacert "$MIRROR_CA" -o "$T/$ZIPNAME" "$ZIP_URL" && unzip -q "$T/$ZIPNAME" -d "$T"'
)
declare -A binary=([gover]=$gover)
if [[ ${BENCH_EXTRA:-0} == 1 ]]; then
    command -v igzip >/dev/null && mirror_labels+=(igzip) || echo "note: igzip not installed (isal)" >&2
    mirror_labels+=(tar)
fi
for pair in ${BENCH_COMPARE:-}; do
    label=${pair%%=*}
    binary[$label]=$(cd "$(dirname "${pair#*=}")" && pwd)/$(basename "${pair#*=}")
    cmds[$label]=${cmds[gover]}
    pcmds[$label]=${pcmds[gover]}
    mirror_labels+=("$label")
    proxy_labels+=("$label")
done
export ARCHIVE=$archive RAW=${archive%.gz} NAME=$name SUMS=$tmp/SHA256SUMS MIRROR_CA MIRROR_URL
export ZIPNAME=$modver.zip ZIP_URL=$GOPROXY_URL/golang.org/toolchain/@v/$modver.zip
export -f gvp _gvp_argv

# run_one <label> <base>: one timed run of the pass's command into a fresh directory under
# <base>; appends "wall_us user sys rss_kb" to $tmp/<label>.<pass>. On tmpfs each run replaces
# the last. On disk every run gets a new directory and all are deleted after the pass: ext4 skips
# inodes deleted in the last minute or so when it allocates new ones, which made every run right
# after a deletion several times slower (a benchmark artefact: users do not install right after
# deleting a toolchain-sized tree).
runs_done=0
run_one() {
    local label=$1 base=$2 start end target cmd
    if [[ $pass == proxy-* ]]; then cmd=${pcmds[$label]}; else cmd=${cmds[$label]}; fi
    runs_done=$((runs_done + 1))
    if [[ $fs == disk ]]; then
        target=$base/run.$runs_done
        sync # the previous run's dirty pages are not this run's cost
    else
        target=$base/run
        rm -rf "$target"
    fi
    mkdir -p "$target"
    start=$EPOCHREALTIME
    T=$target G=${binary[$label]:-} /usr/bin/time -v -o "$tmp/time.txt" \
        bash -c "$cmd" >/dev/null 2>"$tmp/err" || {
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

verdict() { awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b) ? "met" : "NOT MET" }'; }

# proof_run <kind> <dir>: gover with GOVER_HOME=<dir>/home up to the end of the database's part.
# cold and warm: 1.19.8 from /dl/proof/: gover proves the h1: (lookup, signed tree head, tiles),
# then fails at the zip's 404. none: 1.19.9 from /dl/none/: the lookup finds no record, nothing
# else is asked. Any other outcome is an error.
proof_run() {
    local version=1.19.8 proxy=proof expect=404
    [[ $1 == none ]] && version=1.19.9 proxy=none expect="no record"
    if WATCH_DIR=$2 GOVER_HOME=$2/home GVP_GOPROXY=$MIRROR_URL$proxy \
        gvp --source goproxy install $version >/dev/null 2>"$tmp/err"; then
        echo "bench/install.sh: the $1 proof run installed $version" >&2
        return 1
    fi
    grep -q "$expect" "$tmp/err" && return 0
    echo "bench/install.sh: the $1 proof run did not end at '$expect': $(cat "$tmp/err")" >&2
    return 1
}

# tile_cost <base>: what the checksum database costs a first install. Timing whole installs
# with and without it would bury tens of milliseconds in the ±10 % noise of a 1-second install,
# and it cannot be switched off (GOSUMDB=off is refused), so only the database's part is timed,
# as differences between short gover runs that stop right after it (proof_run):
#   cold  empty GOVER_HOME: lookup, signed tree head, every tile of the proof, then the zip's 404
#   warm  a copy (made before the clock starts) of the GOVER_HOME a cold run left: sumdb/<name>/
#         latest and the full tiles in cache/, as a second install finds them
#   none  empty GOVER_HOME, a version the database has no record of: one lookup, nothing else
# cold - none is the first install's cost beyond one lookup (the tiles, the tree head, checking
# the proof, writing latest and the tiles on this pass's file system; plus the zip's 404, a
# fraction of a millisecond on the open connection); warm - none what a later install pays.
# The kinds alternate, the order rotating; medians. Requests and body bytes are nginx's access
# log lines under /dl/sumdb/. Prints the report; returns 1 when cold - none misses the bar.
tile_cost() {
    local base=$1 kinds=(cold warm none) i j n=0 kind dir before start end
    proof_run cold "$base/run-tile.template" || exit 1
    for kind in "${kinds[@]}"; do : >"$tmp/tile.$kind"; done
    for ((i = 0; i < tile_runs; i++)); do
        for ((j = 0; j < 3; j++)); do
            kind=${kinds[$(((i + j) % 3))]}
            n=$((n + 1))
            dir=$base/run-tile.$n
            if [[ $kind == warm ]]; then
                cp -a "$base/run-tile.template" "$dir"
            else
                mkdir -p "$dir"
            fi
            before=$(mirror_request_count)
            start=$EPOCHREALTIME
            proof_run "$kind" "$dir" || exit 1
            end=$EPOCHREALTIME
            tail -n +$((before + 1)) "$MIRROR_ACCESS_LOG" | awk -v us=$((${end/./} - ${start/./})) '
                $2 ~ "^/dl/sumdb/" { n++; b += $4 } END { printf "%d %d %d\n", us, n, b }' \
                >>"$tmp/tile.$kind"
            [[ $fs == tmpfs ]] && rm -rf "$dir"
        done
    done
    declare -A ms req bytes
    for kind in "${kinds[@]}"; do
        ms[$kind]=$(awk '{ print $1 / 1000 }' "$tmp/tile.$kind" | median)
        req[$kind]=$(awk '{ print $2 }' "$tmp/tile.$kind" | median)
        bytes[$kind]=$(awk '{ print $3 }' "$tmp/tile.$kind" | median)
    done
    local first later
    first=$(awk -v c="${ms[cold]}" -v z="${ms[none]}" 'BEGIN { printf "%.1f", c - z }')
    later=$(awk -v w="${ms[warm]}" -v z="${ms[none]}" 'BEGIN { printf "%.1f", w - z }')
    printf '    database requests (body bytes): first install %.0f (%.0f), later install %.0f (%.0f), unknown version %.0f (%.0f)\n' \
        "${req[cold]}" "${bytes[cold]}" "${req[warm]}" "${bytes[warm]}" "${req[none]}" "${bytes[none]}"
    printf '    database time (gover up to the zip, medians of %d: cold %.1f ms, warm %.1f ms, none %.1f ms): first install %s ms (bar < 50 ms: %s), later install %s ms\n' \
        "$tile_runs" "${ms[cold]}" "${ms[warm]}" "${ms[none]}" "$first" \
        "$(awk -v v="$first" 'BEGIN { print (v < 50) ? "met" : "NOT MET" }')" "$later"
    awk -v v="$first" 'BEGIN { exit !(v < 50) }'
}

# pass_base: sets base, the directory of the pass's runs on its file system; fails when there is
# none.
pass_base() {
    if [[ $fs == tmpfs ]]; then
        [[ -d /dev/shm && -w /dev/shm ]] || return 1
        [[ -n $shm ]] || shm=$(mktemp -d /dev/shm/gover-bench.XXXXXX)
        base=$shm
        return 0
    fi
    base=$disk_base.$pass
    mkdir -p "$base"
    if [[ $(stat -f -c %T "$base") == tmpfs ]]; then
        echo "  $pass: $base is tmpfs; set BENCH_DISK_DIR to a directory on a disk" >&2
    fi
}

# time_pass <base>: a warm-up run of each approach, then $runs rounds, the order rotating.
time_pass() {
    local base=$1 label i j n=${#labels[@]}
    runs_done=0
    # Warm-up: the page cache holds the archive, nginx and the loader are warm.
    for label in "${labels[@]}"; do
        run_one "$label" "$base"
    done
    for label in "${labels[@]}"; do : >"$tmp/$label.$pass"; done
    for ((i = 0; i < runs; i++)); do
        for ((j = 0; j < n; j++)); do
            run_one "${labels[$(((i + j) % n))]}" "$base"
        done
    done
}

# print_medians <baseline label>: one line per approach (wall, CPU, ratio to the baseline, peak
# RSS of gover binaries); sets wall[].
print_medians() {
    local label cpu extra ratio
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
        ratio=$(awk -v g="${wall[$label]}" -v a="${wall[$1]}" 'BEGIN { printf "%.2f", g / a }')
        printf '    %-8s %6.3f s  cpu %5.2f s  (%s x %s)%s\n' "$label" "${wall[$label]}" "$cpu" \
            "$ratio" "$1" "$extra"
    done
}

status=0
echo "install benchmark: $name (slim go1.19.8: $((size / 1000000)) MB, $nfiles files), $runs alternating runs per approach"
echo "  gover: $gover"
echo "  medians in seconds (wall; user+sys CPU of the command itself, nginx and the database not included)"
for pass in $passes; do
    case $pass in
    tmpfs | disk) labels=("${mirror_labels[@]}") ;;
    proxy-tmpfs | proxy-disk) labels=("${proxy_labels[@]}") ;;
    *)
        echo "bench/install.sh: unknown pass $pass" >&2
        exit 1
        ;;
    esac
    fs=${pass#proxy-}
    if ! pass_base; then
        echo "  $pass: skipped (no writable /dev/shm)"
        continue
    fi
    sumdb_lines=$(grep -c ' /dl/sumdb/' "$MIRROR_ACCESS_LOG" || true)
    time_pass "$base"
    echo "  $pass: $(dirname "$base") ($(df --output=fstype "$(dirname "$base")" 2>/dev/null | tail -1))"
    declare -A wall=()
    rss=$(awk '$4 > m { m = $4 } END { printf "%.1f", m / 1024 }' "$tmp/gover.$pass")
    vr=$(verdict "$rss" 32)
    if [[ $pass == proxy-* ]]; then
        print_medians unzip
        gu=$(awk -v g="${wall[gover]}" -v u="${wall[unzip]}" 'BEGIN { printf "%.2f", g / u }')
        bar_u=0.8
        [[ $fs == disk ]] && bar_u=1.0
        vu=$(verdict "$gu" "$bar_u")
        printf '    %s ratios: gover/unzip %s (bar <= %s: %s)  peak RSS %s MiB (bar <= 32: %s)\n' \
            "$pass" "$gu" "$bar_u" "$vu" "$rss" "$vr"
        [[ $vu == met && $vr == met ]] || status=1
        gover_runs=$(((runs + 1) * (${#labels[@]} - 1)))
        sumdb_lines=$(($(grep -c ' /dl/sumdb/' "$MIRROR_ACCESS_LOG") - sumdb_lines))
        echo "    each timed install made $((sumdb_lines / gover_runs)) database requests" \
            "(empty GOVER_HOME every time)"
        tile_cost "$base" || status=1
    else
        print_medians A
        ga=$(awk -v g="${wall[gover]}" -v a="${wall[A]}" 'BEGIN { printf "%.2f", g / a }')
        gb=$(awk -v g="${wall[gover]}" -v b="${wall[B]}" 'BEGIN { printf "%.2f", g / b }')
        bar_a=0.6
        [[ $fs == disk ]] && bar_a=1.0
        va=$(verdict "$ga" "$bar_a")
        vb=$(verdict "$gb" 0.6)
        printf '    %s ratios: gover/A %s (bar <= %s: %s)  gover/B %s (bar <= 0.6: %s)  peak RSS %s MiB (bar <= 32: %s)\n' \
            "$pass" "$ga" "$bar_a" "$va" "$gb" "$vb" "$rss" "$vr"
        [[ $va == met && $vb == met && $vr == met ]] || status=1
    fi
    unset wall
    if [[ $fs == disk ]]; then
        # Deleting ~30 toolchain trees takes minutes on some virtual disks: not in the way.
        mv "$base" "$base.old"
        (nice rm -rf "$base.old" >/dev/null 2>&1 &)
        echo "    (its $runs_done trees are being deleted in the background: $base.old)"
    else
        rm -rf "${base:?}"/run*
    fi
done
if [[ -n ${BENCH_RAW:-} ]]; then
    # (a pass not run has no files: cp's complaint about the missing ones is not an error)
    mkdir -p "$BENCH_RAW"
    cp "$tmp"/*.tmpfs "$tmp"/*.disk "$tmp"/*.proxy-tmpfs "$tmp"/*.proxy-disk "$BENCH_RAW"/ \
        2>/dev/null || true
fi
echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
if [[ ${BENCH_STRICT:-0} == 1 && $status != 0 ]]; then
    exit 1
fi
