# shellcheck shell=bash
# Common set-up for the install end-to-end tests (tests/e2e/install_*.sh): sources the mirror,
# fault server, toolchain and invariant helpers, makes a work dir removed on exit, and defines
#   WORK        the test's scratch directory
#   GOVER_HOME  $WORK/home (exported)
#   WATCH_DIR   $WORK/outside: HOME and TMPDIR of every gover run, watched for writes
#   MIRROR_ROOT_DIR  $WORK/mirror, where archives and index.json go (INDEX_DIR too)
#   gv ...      runs $GOVER_BIN with that environment and SSL_CERT_FILE=$MIRROR_CA,
#               GOVER_MIRROR=$MIRROR_URL unless the caller overrides them (GV_MIRROR, GV_CA)
#   ARCHIVE_TOOL  the C++ hostile-archive builder (tests/gover_archive_tool)
# Cleanup runs install_e2e_cleanup (and the caller's EXTRA_CLEANUP, if set).

set -u
: "${GOVER_BIN:?GOVER_BIN must point at the gover binary}"
: "${GOVER_SOURCE_DIR:?GOVER_SOURCE_DIR must point at the source tree}"
GOVER_BUILD_DIR=${GOVER_BUILD_DIR:-$(dirname "$(dirname "$(dirname "$GOVER_BIN")")")}

_support_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=mirror.sh
source "$_support_dir/mirror.sh"
# shellcheck source=fault_server.sh
source "$_support_dir/fault_server.sh"
# shellcheck source=go_toolchain.sh
source "$_support_dir/go_toolchain.sh"
# shellcheck source=store_invariants.sh
source "$_support_dir/store_invariants.sh"

ARCHIVE_TOOL=$GOVER_BUILD_DIR/tests/gover_archive_tool

if [[ $(uname -s) != Linux ]]; then
    echo "SKIP: these end-to-end tests use Linux tools (GNU find/stat, nginx)" >&2
    exit 77
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gover-e2e.XXXXXX")
export GOVER_HOME=$WORK/home
WATCH_DIR=$WORK/outside
MIRROR_ROOT_DIR=$WORK/mirror
INDEX_DIR=$MIRROR_ROOT_DIR
mkdir -p "$GOVER_HOME" "$WATCH_DIR" "$MIRROR_ROOT_DIR"
# Fast failure knobs of the http layer: tests must not wait for real-world timeouts.
export GOVER_RETRY_BACKOFF=${GOVER_RETRY_BACKOFF:-0.2}
export GOVER_CONNECT_TIMEOUT=${GOVER_CONNECT_TIMEOUT:-5}
unset GOVER_VERSION GOVER_MIRROR GOVER_INSECURE SSL_CERT_FILE CURL_CA_BUNDLE
unset https_proxy HTTPS_PROXY http_proxy HTTP_PROXY all_proxy ALL_PROXY

install_e2e_cleanup() {
    if [[ -n ${EXTRA_CLEANUP:-} ]]; then
        eval "$EXTRA_CLEANUP"
    fi
    fault_server_stop
    mirror_stop
    rm -rf "$WORK"
}
trap install_e2e_cleanup EXIT

gv() {
    env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" GOVER_HOME="$GOVER_HOME" \
        SSL_CERT_FILE="${GV_CA-${MIRROR_CA:-}}" GOVER_MIRROR="${GV_MIRROR-${MIRROR_URL:-}}" \
        "$GOVER_BIN" "$@"
}

require_archive_tool() {
    if [[ ! -x $ARCHIVE_TOOL ]]; then
        echo "FAIL: $ARCHIVE_TOOL is missing (build the tests first)" >&2
        exit 1
    fi
}

# Count of requests for a file name in nginx's access log.
archive_requests() {
    grep -c "/dl/$1 " "$MIRROR_ACCESS_LOG" || true
}

# Sets ns=(unshare ...) to run a command in a private mount namespace (root, or unprivileged
# user namespaces), or skips the test (exit 77) where that is not possible.
require_mount_namespace() {
    if ! command -v unshare >/dev/null; then
        echo "SKIP: unshare not found (util-linux)" >&2
        exit 77
    fi
    if [[ $(id -u) == 0 ]]; then
        ns=(unshare -m --propagation private)
    else
        ns=(unshare -Urm --propagation private)
    fi
    if ! "${ns[@]}" true 2>/dev/null; then
        echo "SKIP: cannot create a private mount namespace here (${ns[*]})" >&2
        exit 77
    fi
}
