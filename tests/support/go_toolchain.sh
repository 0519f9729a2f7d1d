# shellcheck shell=bash
# Go toolchain archives for the end-to-end tests, in go.dev's layout (a top-level go/ directory,
# go/VERSION whose first line is the release name), and the index.json that lists them.
#
#   go_toolchain_synthetic <version> <out.tar.gz> [os-arch] [extra-bytes]
#       A few-KB toolchain: go/VERSION, go/bin/go (a shell script printing
#       "go version go<version> <os>/<arch>"), go/bin/gofmt, go/src/README, no directory entries
#       (like go1.21.0). extra-bytes adds go/src/blob of that many random bytes (incompressible:
#       downloads and disks fill at a predictable rate).
#   go_toolchain_real <cache_dir>
#       Builds the REAL go1.19.8.linux-amd64.tar.gz (~120 MB) from Debian's golang-1.19-go and
#       golang-1.19-src (installed with apt-get when missing and we are root), once per cache
#       dir; prints its path. Exits 77 (skip) where that cannot work (not Linux amd64, no apt).
#   index_add <version> <filename> [os] [arch] [sha256] [size]
#       Queues an archive for the index; sha256 and size default to the real ones of
#       $INDEX_DIR/<filename> (set INDEX_DIR first). "-" for sha256 writes an empty one.
#   index_write <dir>
#       Writes <dir>/index.json (go.dev's ?mode=json&include=all shape) from the queue.

go_toolchain_synthetic() {
    local version=$1 out=$2 platform=${3:-linux-amd64} extra=${4:-0}
    [[ $out == /* ]] || out=$PWD/$out
    local work
    work=$(mktemp -d "${TMPDIR:-/tmp}/gover-toolchain.XXXXXX") || return 1
    mkdir -p "$work/go/bin" "$work/go/src"
    printf 'go%s\ntime 2024-01-01T00:00:00Z\n' "$version" >"$work/go/VERSION"
    printf '#!/bin/sh\necho "go version go%s %s"\n' "$version" "${platform/-//}" >"$work/go/bin/go"
    printf '#!/bin/sh\nexit 0\n' >"$work/go/bin/gofmt"
    chmod 0755 "$work/go/bin/go" "$work/go/bin/gofmt"
    printf 'synthetic toolchain for gover tests\n' >"$work/go/src/README"
    if ((extra > 0)); then
        head -c "$extra" /dev/urandom >"$work/go/src/blob"
    fi
    # Files only, as go1.21.0 ships: the installer must create parent directories itself.
    (cd "$work" && find go -type f | LC_ALL=C sort |
        tar --owner=0 --group=0 --numeric-owner --no-recursion -T - -czf "$out") || {
        rm -rf "$work"
        return 1
    }
    rm -rf "$work"
}

go_toolchain_real() {
    local cache=$1
    local name=go1.19.8.linux-amd64.tar.gz
    if [[ $(uname -s) != Linux || $(uname -m) != x86_64 ]]; then
        echo "SKIP: the real-toolchain test builds Debian's Go for linux-amd64 only" >&2
        exit 77
    fi
    if [[ ! -x /usr/lib/go-1.19/bin/go || ! -d /usr/share/go-1.19/src ]]; then
        if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
            echo "installing golang-1.19-go and golang-1.19-src with apt-get" >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q golang-1.19-go golang-1.19-src \
                >&2 || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -q golang-1.19-go golang-1.19-src >&2; } || {
                echo "SKIP: cannot install golang-1.19-go golang-1.19-src" >&2
                exit 77
            }
        else
            echo "SKIP: needs Debian's golang-1.19-go and golang-1.19-src (apt-get install them)" >&2
            exit 77
        fi
    fi
    mkdir -p "$cache" || return 1
    (
        # One builder at a time (tests and benchmarks may ask together); later ones reuse it.
        flock 9
        if [[ -s $cache/$name && -s $cache/$name.sha256 ]]; then
            exit 0
        fi
        local work
        work=$(mktemp -d "$cache/build.XXXXXX") || exit 1
        trap 'rm -rf "$work"' EXIT
        echo "building $name from /usr/lib/go-1.19 (once, ~120 MB)" >&2
        cp -rL /usr/lib/go-1.19 "$work/go" || exit 1
        # The first line names the release as go.dev's archives do.
        { echo go1.19.8; tail -n +2 /usr/lib/go-1.19/VERSION; } >"$work/go/VERSION.new"
        mv "$work/go/VERSION.new" "$work/go/VERSION"
        (cd "$work" && tar --owner=0 --group=0 --numeric-owner --sort=name \
            --mtime=2023-04-04T00:00:00Z -czf "$work/$name" go) || exit 1
        sha256sum "$work/$name" | cut -d' ' -f1 >"$work/$name.sha256"
        mv "$work/$name" "$cache/$name"
        mv "$work/$name.sha256" "$cache/$name.sha256"
    ) 9>"$cache/.lock" || return 1
    echo "$cache/$name"
}

_index_entries=()

index_add() {
    local version=$1 filename=$2 os=${3:-linux} arch=${4:-amd64} sha=${5:-} size=${6:-}
    if [[ -z $sha ]]; then
        sha=$(sha256sum "$INDEX_DIR/$filename" | cut -d' ' -f1) || return 1
    elif [[ $sha == - ]]; then
        sha=""
    fi
    if [[ -z $size ]]; then
        size=$(stat -c %s "$INDEX_DIR/$filename") || return 1
    fi
    _index_entries+=("$version|$filename|$os|$arch|$sha|$size")
}

index_write() {
    local dir=$1 entry out="[" version filename os arch sha size v
    local -a versions=()
    local -A files=()
    for entry in "${_index_entries[@]}"; do
        IFS='|' read -r version filename os arch sha size <<<"$entry"
        [[ -v files[$version] ]] || versions+=("$version")
        [[ -n ${files[$version]:-} ]] && files[$version]+=", "
        files[$version]+="{\"filename\": \"$filename\", \"os\": \"$os\", \"arch\": \"$arch\", \"version\": \"go$version\", \"sha256\": \"$sha\", \"size\": $size, \"kind\": \"archive\"}"
    done
    for v in "${versions[@]}"; do
        [[ $out == "[" ]] || out+=","
        out+=$'\n'"{\"version\": \"go$v\", \"stable\": true, \"files\": [${files[$v]}]}"
    done
    printf '%s\n]\n' "$out" >"$dir/index.json"
}

index_reset() {
    _index_entries=()
}
