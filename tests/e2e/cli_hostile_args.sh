#!/usr/bin/env bash
# Arguments and environment a careless user or a script may hand gover (README "Commands",
# "Configuration", "Exit codes"): each a usage error (exit 2, one `gover: error:` line) found
# before anything is done, or, where it means "nothing", treated as nothing.
set -euo pipefail
# shellcheck source=tests/support/shim_env.sh
source "${GOVER_SOURCE_DIR:?}/tests/support/shim_env.sh"

fake_toolchain 1.21.0
link_shims go gofmt go1.21.0
echo "1.21.0" >"$GOVER_HOME/global"
P=$E2E_TMP/project
mkdir -p "$P"
cd "$P"
export PWD=$P

# expect_usage <what> <message part>: after run_capture, exit 2 with one error line.
expect_usage() {
    expect_eq "$1: status" 2 "$RC"
    expect_eq "$1: nothing on stdout" "" "$OUT"
    expect_contains "$1: message" "gover: error: $2" "$ERR"
    expect_eq "$1: one line" 1 "$(wc -l <<<"$ERR")"
}

# --- which: a tool is a plain file name ------------------------------------------------------------
run_capture "$GOVER_BIN" which ""
expect_usage "which ''" "invalid tool name ''"
run_capture "$GOVER_BIN" which ../../../bin/gover-shim
expect_usage "which ../../../bin/gover-shim" "invalid tool name '../../../bin/gover-shim'"
run_capture "$GOVER_BIN" which ..
expect_usage "which .." "invalid tool name '..'"
run_capture "$GOVER_BIN" which gofmt
expect_eq "which gofmt still works" "$GOVER_HOME/versions/1.21.0/bin/gofmt" "$OUT"

# --- exec: the command follows -- -----------------------------------------------------------------
run_capture "$GOVER_BIN" exec 1.21.0 go version
expect_usage "exec without --" "gover exec: '1.21.0' is a version; the command follows --"
expect_contains "exec without --: the command to run" "gover exec 1.21.0 -- go version" "$ERR"
run_capture "$GOVER_BIN" exec go version
expect_eq "exec with no spec and no --" "go version go1.21.0 fake" "$OUT"
run_capture "$GOVER_BIN" exec -- /etc/passwd
expect_eq "exec of a file that is not executable: 126 (README's exit codes)" 126 "$RC"

# --- --platform "" is not the host --------------------------------------------------------------------
run_capture env GOVER_MIRROR=https://127.0.0.1:9/dl/ "$GOVER_BIN" install --platform "" 1.22.5
expect_usage "install --platform ''" ""
expect_contains "install --platform '': names the option" "--platform" "$ERR"
run_capture env GOVER_MIRROR=https://127.0.0.1:9/dl/ "$GOVER_BIN" list-remote --platform ""
expect_usage "list-remote --platform ''" ""

# --- GOVER_HOME and HOME --------------------------------------------------------------------------
run_capture env GOVER_HOME="$E2E_TMP/a:b" "$GOVER_BIN" init bash
expect_usage "GOVER_HOME with ':'" "GOVER_HOME contains ':', which cannot be on PATH: $E2E_TMP/a:b"
[[ ! -e "$E2E_TMP/a:b" ]] || fail "GOVER_HOME with ':': the directory was created"
run_capture env -u GOVER_HOME HOME=relative/home "$GOVER_BIN" current
expect_usage "relative HOME" "HOME is not an absolute path: relative/home"
run_capture env -u GOVER_HOME HOME="$E2E_TMP/x:y" "$GOVER_BIN" current
expect_usage "HOME with ':'" "the default GOVER_HOME (\$HOME/.gover) contains ':'"
run_capture env -u GOVER_HOME HOME=relative/home "$SHIMS/go" version
expect_eq "relative HOME: the shim exits 127" 127 "$RC"
expect_contains "relative HOME: the shim says why" "HOME is not an absolute path" "$ERR"

# --- a blank GOVER_VERSION is no pin, like an empty one -------------------------------------------
for blank in "" " " "	 "; do
    run_capture env GOVER_VERSION="$blank" "$SHIMS/go" version
    expect_eq "GOVER_VERSION='$blank': the global pin runs" "go version go1.21.0 fake" "$OUT"
    expect_eq "GOVER_VERSION='$blank': no error" "" "$ERR"
    run_capture env GOVER_VERSION="$blank" "$GOVER_BIN" current
    expect_eq "GOVER_VERSION='$blank': current" "1.21.0 (set by $GOVER_HOME/global)" "$OUT"
done

e2e_finish
