# shellcheck shell=bash
# Shared by the shim end-to-end scripts (tests/e2e/shim*.sh): a temp GOVER_HOME with hand-made
# toolchains (no installer involved), shims linked to a copy of the real gover-shim, and small
# assertion helpers. Source it after `set -euo pipefail`; it sets an EXIT trap for cleanup.
# Runs on bash (macOS's /bin/sh-compatible fake tools), no other requirement.

: "${GOVER_BIN:?GOVER_BIN must name the gover binary}"
: "${GOVER_SHIM_BIN:?GOVER_SHIM_BIN must name the gover-shim binary}"

E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/gover-e2e-shim.XXXXXX")
# shellcheck source=tests/support/assert.sh
source "$(dirname "${BASH_SOURCE[0]}")/assert.sh"
e2e_cleanup() {
    chmod -R u+rwx "$E2E_TMP" 2>/dev/null || true
    rm -rf "$E2E_TMP"
    e2e_enforce
}
trap e2e_cleanup EXIT

# A clean environment: nothing from the caller's shell may select a version.
unset GOVER_VERSION GOWORK GOTOOLCHAIN GOROOT GOVER_AUTO_INSTALL GOVER_SHIM_PID GOVER_SHIM_DEPTH GOFLAGS
export GOVER_HOME=$E2E_TMP/home
export GOVER_SHIM_PATH=$GOVER_SHIM_BIN
export HOME=$E2E_TMP/userhome
mkdir -p "$GOVER_HOME/versions" "$GOVER_HOME/shims" "$GOVER_HOME/bin" "$HOME"
cp "$GOVER_SHIM_BIN" "$GOVER_HOME/bin/gover-shim"
SHIMS=$GOVER_HOME/shims
BASE_PATH=/usr/local/bin:/usr/bin:/bin
export PATH=$SHIMS:$BASE_PATH

# fake_toolchain <version> [tool...]: versions/<v>/bin/{go,gofmt,tool...}, each a script that
# reports what it was run with. go's first argument picks the behaviour:
#   version            "go version go<v> fake"
#   env                "GOROOT=<..> GOTOOLCHAIN=<..> GOVER_SHIM_PID=<set|unset>"
#   exit N             exits N
#   kill SIG           kills itself with SIG
#   args a b ...       prints each argument as [a][b]...
#   stdin              copies stdin to stdout
#   path               prints PATH
fake_toolchain() {
    local v=$1
    shift
    local bin=$GOVER_HOME/versions/$v/bin
    mkdir -p "$bin"
    cat >"$bin/go" <<EOF
#!/bin/sh
case "\$1" in
version) echo "go version go$v fake" ;;
env) echo "GOROOT=\${GOROOT-unset} GOTOOLCHAIN=\${GOTOOLCHAIN-unset}" ;;
exit) exit "\$2" ;;
kill) kill -"\$2" \$\$ ;;
args) shift; for a in "\$@"; do printf '[%s]' "\$a"; done; echo ;;
stdin) cat ;;
path) echo "\$PATH" ;;
*) echo "fake go$v: \$*" ;;
esac
EOF
    printf '#!/bin/sh\necho "gofmt from %s"\n' "$v" >"$bin/gofmt"
    chmod +x "$bin/go" "$bin/gofmt"
    local tool
    for tool in "$@"; do
        printf '#!/bin/sh\necho "%s from %s"\n' "$tool" "$v" >"$bin/$tool"
        chmod +x "$bin/$tool"
    done
}

# link_shims name...: shims/<name> -> ../bin/gover-shim, as refresh_shims makes them.
link_shims() {
    local name
    for name in "$@"; do
        ln -sfn ../bin/gover-shim "$SHIMS/$name"
    done
}

# run_capture <cmd...>: sets OUT, ERR, RC (never fails the script).
# shellcheck disable=SC2034 # the callers read them
run_capture() {
    local out_file=$E2E_TMP/.out err_file=$E2E_TMP/.err
    RC=0
    "$@" >"$out_file" 2>"$err_file" || RC=$?
    OUT=$(cat "$out_file")
    ERR=$(cat "$err_file")
}
