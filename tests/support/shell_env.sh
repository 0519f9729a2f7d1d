# shellcheck shell=bash
# A synthetic store for the shell-integration tests (tests/e2e/shell_*.sh): no network and no real
# Go, just what the shims and `gover init` need.
#
#   source "$GOVER_SOURCE_DIR/tests/support/shell_env.sh"
#   shell_env_setup            # makes and exports everything below; cleans up on EXIT
#   shell_run bash -c '...'    # runs a command in a clean environment (env -i) with them
#
# After shell_env_setup:
#   SHELL_TMP     the temp dir (removed on exit)
#   HOME          $SHELL_TMP/home, with no startup files
#   GOVER_HOME    $SHELL_TMP/gover home [1]: a space and glob characters, so that quoting
#                 mistakes in the init scripts show
#   SHELL_BIN     a dir holding `gover` (a link to $GOVER_BIN), first on the base PATH
#   BASE_PATH     $SHELL_BIN:/usr/bin:/bin
#   HOST_GOOS, HOST_GOARCH  for the fake toolchains' `go version`
# The store has versions 1.22.5 and 1.21.0, each with bin/go and bin/gofmt scripts that print
# "go version go<v> <os>/<arch>" (and GOROOT for `go env GOROOT`), shims for go, gofmt, go1.22.5
# and go1.21.0 linking to bin/gover-shim (a copy of $GOVER_SHIM_BIN), and the global pin 1.22.5.

# shellcheck source=tests/support/assert.sh
source "$(dirname "${BASH_SOURCE[0]}")/assert.sh"

shell_env_fail() {
    echo "FAIL: $*" >&2
    exit 1
}

shell_env_require_binaries() {
    [[ -n ${GOVER_BIN:-} && -x $GOVER_BIN ]] || shell_env_fail "GOVER_BIN is not set to the gover binary"
    [[ -n ${GOVER_SHIM_BIN:-} && -x $GOVER_SHIM_BIN ]] ||
        shell_env_fail "GOVER_SHIM_BIN is not set to the shim binary"
}

shell_env_host() {
    case $(uname -s) in
    Linux) HOST_GOOS=linux ;;
    Darwin) HOST_GOOS=darwin ;;
    *) HOST_GOOS=$(uname -s | tr '[:upper:]' '[:lower:]') ;;
    esac
    case $(uname -m) in
    x86_64 | amd64) HOST_GOARCH=amd64 ;;
    aarch64 | arm64) HOST_GOARCH=arm64 ;;
    *) HOST_GOARCH=$(uname -m) ;;
    esac
    export HOST_GOOS HOST_GOARCH
}

# shell_env_fake_toolchain <version>: versions/<version>/bin/{go,gofmt}.
shell_env_fake_toolchain() {
    local v=$1 dir="$GOVER_HOME/versions/$1"
    mkdir -p "$dir/bin" "$dir/src" "$dir/pkg"
    printf 'go%s\n' "$v" >"$dir/VERSION"
    local tool
    for tool in go gofmt; do
        cat >"$dir/bin/$tool" <<EOF
#!/bin/sh
# A stand-in for Go $v's $tool, made by tests/support/shell_env.sh.
case "\$1" in
version) echo "go version go$v $HOST_GOOS/$HOST_GOARCH" ;;
env) [ "\$2" = GOROOT ] && echo "\${GOROOT:-}" ;;
*) echo "$tool (go$v) \$*" ;;
esac
EOF
        chmod 755 "$dir/bin/$tool"
    done
}

shell_env_make_shims() {
    mkdir -p "$GOVER_HOME/bin" "$GOVER_HOME/shims"
    cp "$GOVER_SHIM_BIN" "$GOVER_HOME/bin/gover-shim"
    local name
    for name in go gofmt go1.22.5 go1.21.0; do
        ln -sf ../bin/gover-shim "$GOVER_HOME/shims/$name"
    done
}

shell_env_setup() {
    shell_env_require_binaries
    shell_env_host
    SHELL_TMP=$(mktemp -d "${TMPDIR:-/tmp}/gover-shell.XXXXXX") || shell_env_fail "mktemp"
    trap 'rm -rf -- "$SHELL_TMP"; e2e_enforce' EXIT
    export SHELL_TMP
    export HOME="$SHELL_TMP/home"
    export GOVER_HOME="$SHELL_TMP/gover home [1]"
    export SHELL_BIN="$SHELL_TMP/bin"
    export BASE_PATH="$SHELL_BIN:/usr/bin:/bin"
    mkdir -p "$HOME" "$SHELL_BIN"
    ln -s "$GOVER_BIN" "$SHELL_BIN/gover"
    shell_env_fake_toolchain 1.22.5
    shell_env_fake_toolchain 1.21.0
    shell_env_make_shims
    echo 1.22.5 >"$GOVER_HOME/global"
}

# shell_env_write_index <dir>: <dir>/index.json, a release index in go.dev's format with, for
# this host: go1.23rc1 (a pre-release newer than every stable one), go1.22.5 and go1.21.0
# (stable), go1.21rc2 (an older pre-release); and go1.20.14 for plan9-mips only. The archives
# themselves do not exist: this is for listing and completion, not installing.
shell_env_write_index() {
    mkdir -p "$1"
    local entries=() v stable digit=1 os=$HOST_GOOS arch=$HOST_GOARCH
    for v in 1.23rc1:false 1.22.5:true 1.21.0:true 1.21rc2:false 1.20.14:true; do
        stable=${v#*:}
        v=${v%%:*}
        [[ $v == 1.20.14 ]] && os=plan9 arch=mips
        entries+=("$(printf '{"version": "go%s", "stable": %s, "files": [{"filename": "go%s.%s-%s.tar.gz", "os": "%s", "arch": "%s", "version": "go%s", "sha256": "%s", "size": 10, "kind": "archive"}]}' \
            "$v" "$stable" "$v" "$os" "$arch" "$os" "$arch" "$v" "$(printf "$digit%.0s" {1..64})")")
        digit=$((digit + 1))
    done
    local IFS=,
    printf '[%s]\n' "${entries[*]}" >"$1/index.json"
}

# shell_run <command...>: runs in a clean environment: only HOME, GOVER_HOME, PATH=$BASE_PATH,
# TERM=dumb, the host names, and whatever VAR=value words come first.
shell_run() {
    env -i HOME="$HOME" GOVER_HOME="$GOVER_HOME" PATH="$BASE_PATH" TERM=dumb LANG=C.UTF-8 \
        HOST_GOOS="$HOST_GOOS" HOST_GOARCH="$HOST_GOARCH" SHELL_TMP="$SHELL_TMP" "$@"
}

