#!/usr/bin/env bash
# Files that are not what they seem (README, "Troubleshooting"): a FIFO or /dev/zero where gover
# reads the go env file (GOENV or ~/.config/go/env) or its cached release index. Each must cost
# a stat, never a hang (every command runs under `timeout`: 124 means it hung) nor unbounded
# memory (/dev/zero runs under a 1 GiB address-space limit).
set -euo pipefail
source "$GOVER_SOURCE_DIR/tests/support/shell_env.sh"
shell_env_setup

# no_hang <what> <expected status, or any> [VAR=value...] gover <args...>: runs gover as shell_run does,
# within 20 s and (unless sanitized: ASan needs the address space) 1 GiB of address space; OUT
# and ERR hold what it printed.
no_hang() {
    local what=$1 want=$2 limit=1048576
    shift 2
    [[ ${GOVER_SANITIZED:-0} == 1 ]] && limit=unlimited
    set +e
    timeout 20 bash -c 'ulimit -v "$0" && exec "$@"' "$limit" \
        env -i HOME="$HOME" GOVER_HOME="$GOVER_HOME" PATH="$BASE_PATH" TERM=dumb LANG=C.UTF-8 \
        "$@" >"$SHELL_TMP/out" 2>"$SHELL_TMP/err"
    local status=$?
    set -e
    OUT=$(cat "$SHELL_TMP/out")
    ERR=$(cat "$SHELL_TMP/err")
    [[ $status != 124 ]] || { echo "FAIL: $what hangs" >&2; exit 1; }
    [[ $want == any ]] || expect_eq "$what exits $want" "$want" "$status"
    [[ $want != any ]] || echo "ok: $what does not hang (exit $status)"
}

# --- The go env file -----------------------------------------------------------------------
mkfifo "$SHELL_TMP/goenv-fifo"
no_hang "init bash with GOENV a FIFO" 0 GOENV="$SHELL_TMP/goenv-fifo" gover init bash
expect_contains "init bash still prints the script" "$GOVER_HOME/shims" "$OUT"
expect_contains "init says it ignores the FIFO" "ignoring the go env file $SHELL_TMP/goenv-fifo: not a regular file" "$ERR"
no_hang "doctor with GOENV a FIFO" any GOENV="$SHELL_TMP/goenv-fifo" gover doctor --json
expect_eq "doctor --json is JSON" ok "$(python3 -c 'import json,sys; json.load(sys.stdin); print("ok")' <"$SHELL_TMP/out")"

mkdir -p "$HOME/.config/go"
mkfifo "$HOME/.config/go/env"
no_hang "init bash with ~/.config/go/env a FIFO" 0 gover init bash
no_hang "doctor with ~/.config/go/env a FIFO" any gover doctor
rm "$HOME/.config/go/env"

# /dev/zero never ends: reading it whole used to take gigabytes within seconds.
no_hang "init bash with GOENV=/dev/zero" 0 GOENV=/dev/zero gover init bash
expect_contains "init says it ignores /dev/zero" "ignoring the go env file /dev/zero: not a regular file" "$ERR"
no_hang "doctor with GOENV=/dev/zero" any GOENV=/dev/zero gover doctor

# A go env file that is a regular file still counts.
printf 'GOBIN=/opt/from-goenv/bin\n' >"$SHELL_TMP/goenv"
no_hang "init bash with a real GOENV" 0 GOENV="$SHELL_TMP/goenv" gover init bash
expect_contains "init puts GOBIN from GOENV on PATH" "/opt/from-goenv/bin" "$OUT"
expect_eq "init is silent about a regular go env file" "" "$ERR"

# --- The cached release index --------------------------------------------------------------
shell_env_write_index "$SHELL_TMP/mirror"
MIRROR="file://$SHELL_TMP/mirror/"
no_hang "list-remote fills the cache" 0 GOVER_MIRROR="$MIRROR" gover list-remote
expect_contains "list-remote lists 1.22.5" "1.22.5" "$OUT"
digest=$(ls "$GOVER_HOME"/cache/index-*.digest)
rm "$digest"
mkfifo "$digest"
no_hang "complete remote with a FIFO digest" 0 GOVER_MIRROR="$MIRROR" gover complete remote
no_hang "list-remote with a FIFO digest" 0 GOVER_MIRROR="$MIRROR" gover list-remote
expect_contains "list-remote still lists 1.22.5" "1.22.5" "$OUT"
rm -f "$digest"
mkfifo "$digest"
# The archive does not exist on this mirror: install fails, but only after reading the index.
no_hang "install with a FIFO digest" 1 GOVER_MIRROR="$MIRROR" gover install 1.21rc2
expect_lacks "install does not trip over the digest" "digest" "$ERR"

# The local mirror's own index.json as a FIFO: a clear error naming it.
rm -f "$GOVER_HOME"/cache/index-*
mv "$SHELL_TMP/mirror/index.json" "$SHELL_TMP/index.json.real"
mkfifo "$SHELL_TMP/mirror/index.json"
no_hang "list-remote with a FIFO index.json" 1 GOVER_MIRROR="$MIRROR" gover list-remote
expect_contains "the error names index.json" "cannot read $SHELL_TMP/mirror/index.json: not a regular file" "$ERR"
no_hang "complete remote with a FIFO index.json" 0 GOVER_MIRROR="$MIRROR" gover complete remote
expect_eq "complete remote offers nothing" "" "$OUT"
