# shellcheck shell=bash
# The module proxy end-to-end set-up (README "Installing through your company's Go module
# proxy"): a static GOPROXY tree served by the suite's nginx (mirror.sh) under /dl/proxy, and the
# checksum database test server (tests/support/sumdb_server, Go's own x/mod/sumdb) holding the
# h1: of every zip in it. Source install_e2e.sh first.
#
#   goproxy_add <archive.tar.gz> <version> [os-arch]
#       Makes golang.org/toolchain@v0.0.1-go<version>.<os-arch> from a go.dev-layout archive (as
#       Go's release tooling does: goproxy_tree.py) into $GOPROXY_ROOT.
#   goproxy_mv <version> [os-arch]     prints the module version
#   goproxy_zip <version> [os-arch]    prints the path of its zip in the tree
#   sumdb_start [server flags...]
#       Starts the database with the h1: of every zip in the tree (and its .mod), computed by Go's
#       dirhash inside the server. Exports SUMDB_URL, SUMDB_VKEY, SUMDB_NAME. Key in $WORK/sumdb.key
#       (kept across restarts). Exits 77 (skip) when the server was not built (no Go 1.19 or
#       golang-golang-x-mod-dev).
#   sumdb_stop
#   gvp ...   runs gover with GOVER_SOURCE=goproxy, GOPROXY=$GOPROXY_URL, GOSUMDB="$SUMDB_VKEY
#             $SUMDB_URL" unless the caller sets GVP_GOPROXY / GVP_GOSUMDB, GOENV=off, no
#             GONOSUMDB/GOPRIVATE/GONOPROXY; then the variables in the array GVP_ENV.
#   gvp_bg ...   the same in the background as its own process: GVP_PID, stderr in $WORK/bg.err
# After mirror_start: GOPROXY_URL=https://127.0.0.1:<port>/dl/proxy, GOPROXY_HTTP_URL likewise.

GOPROXY_ROOT=$MIRROR_ROOT_DIR/proxy
SUMDB_SERVER_BIN=$GOVER_BUILD_DIR/tests/sumdb_server/gover_sumdb_server
_sumdb_pid=""
GVP_ENV=()

goproxy_mv() {
    echo "v0.0.1-go$1.${2:-linux-amd64}"
}

goproxy_zip() {
    echo "$GOPROXY_ROOT/golang.org/toolchain/@v/$(goproxy_mv "$1" "${2:-linux-amd64}").zip"
}

goproxy_add() {
    python3 "$GOVER_SOURCE_DIR/tests/support/goproxy_tree.py" "$1" \
        "$(goproxy_mv "$2" "${3:-linux-amd64}")" "$GOPROXY_ROOT"
}

goproxy_urls() {
    export GOPROXY_URL=${MIRROR_URL}proxy
    export GOPROXY_HTTP_URL=${MIRROR_HTTP_URL}proxy
}

sumdb_start() {
    if [[ ! -x $SUMDB_SERVER_BIN ]]; then
        echo "SKIP: $SUMDB_SERVER_BIN was not built (needs Go 1.19 and golang-golang-x-mod-dev)" >&2
        exit 77
    fi
    local -a records=()
    local zip mv
    for zip in "$GOPROXY_ROOT"/golang.org/toolchain/@v/*.zip; do
        [[ -e $zip ]] || continue
        mv=$(basename "$zip" .zip)
        records+=(-zip "golang.org/toolchain@$mv=$zip" -mod "golang.org/toolchain@$mv=${zip%.zip}.mod")
    done
    local out=$WORK/sumdb.out
    : >"$out"
    "$SUMDB_SERVER_BIN" -key-file "$WORK/sumdb.key" -filler 3 "$@" "${records[@]}" \
        >"$out" 2>"$WORK/sumdb.err" &
    _sumdb_pid=$!
    local _
    for _ in $(seq 1 200); do
        grep -q '^size ' "$out" && break
        kill -0 "$_sumdb_pid" 2>/dev/null || break
        sleep 0.05
    done
    if ! grep -q '^size ' "$out"; then
        echo "sumdb_start: the server did not start: $(cat "$WORK/sumdb.err")" >&2
        return 1
    fi
    SUMDB_URL="http://$(awk '$1 == "addr" {print $2}' "$out")"
    SUMDB_VKEY=$(awk '$1 == "vkey" {print $2}' "$out")
    SUMDB_NAME=${SUMDB_VKEY%%+*}
    export SUMDB_URL SUMDB_VKEY SUMDB_NAME
}

sumdb_stop() {
    if [[ -n $_sumdb_pid ]]; then
        kill "$_sumdb_pid" 2>/dev/null
        wait "$_sumdb_pid" 2>/dev/null
        _sumdb_pid=""
    fi
}

# The command line gvp runs, in GVP_ARGV.
_gvp_argv() {
    GVP_ARGV=(env -u GONOSUMDB -u GOPRIVATE -u GONOPROXY -u GOFLAGS -u NETRC
        HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" GOVER_HOME="$GOVER_HOME"
        SSL_CERT_FILE="${GV_CA-${MIRROR_CA:-}}" GOVER_SOURCE=goproxy
        GOPROXY="${GVP_GOPROXY-${GOPROXY_URL:-}}"
        GOSUMDB="${GVP_GOSUMDB-$SUMDB_VKEY $SUMDB_URL}"
        GOENV=off "${GVP_ENV[@]}" "$GOVER_BIN")
}

gvp() {
    _gvp_argv
    "${GVP_ARGV[@]}" "$@"
}

# gvp in the background as its own process (not a subshell), so signals reach gover: GVP_PID,
# stderr in $WORK/bg.err.
gvp_bg() {
    _gvp_argv
    (exec "${GVP_ARGV[@]}" "$@") 2>"$WORK/bg.err" &
    # shellcheck disable=SC2034 # read by the scripts that source this file
    GVP_PID=$!
}
