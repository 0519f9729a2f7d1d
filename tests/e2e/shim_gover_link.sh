#!/usr/bin/env bash
# The shim copy in $GOVER_HOME/bin finds "its" gover for GOVER_AUTO_INSTALL=1 (README "Which version runs"): gover
# records itself as bin/gover when it refreshes bin/gover-shim, and the shim runs that one before
# looking on PATH (where there may be another gover, or none). Also doctor's README "Troubleshooting" wording that runs
# the real binaries: a broken global pin hidden by a local one, and fixes naming pre-1.21
# releases by the spec that means exactly them.
set -euo pipefail
# shellcheck source=tests/support/shim_env.sh
source "${GOVER_SOURCE_DIR:?}/tests/support/shim_env.sh"

fake_toolchain 1.21.0
link_shims go gofmt go1.21.0
P=$E2E_TMP/project
mkdir -p "$P"
cd "$P"
export PWD=$P

# --- gover records itself when it refreshes the shims ---------------------------------------------
rm "$SHIMS/gofmt" # a missing shim: doctor --fix regenerates the shims
run_capture "$GOVER_BIN" doctor --fix
[[ -L $GOVER_HOME/bin/gover ]] || fail "refresh did not record gover as bin/gover"
expect_eq "bin/gover names the gover that refreshed" "$(readlink -f "$GOVER_BIN")" \
    "$(readlink -f "$GOVER_HOME/bin/gover" 2>/dev/null || true)"
[[ -L $SHIMS/gofmt ]] || fail "doctor --fix did not regenerate shims/gofmt"

# gover found on PATH through a link (Homebrew's bin/gover into a versioned Cellar directory):
# the link is recorded, not the directory an upgrade removes.
mkdir -p "$E2E_TMP/brew/bin"
ln -s "$GOVER_BIN" "$E2E_TMP/brew/bin/gover"
rm "$SHIMS/gofmt"
run_capture env PATH="$E2E_TMP/brew/bin:$PATH" gover doctor --fix
expect_eq "bin/gover names the gover as PATH found it" "$E2E_TMP/brew/bin/gover" \
    "$(readlink "$GOVER_HOME/bin/gover")"

# --- the shim copy runs the recorded gover, with no gover on PATH ----------------------------------
mkdir -p "$E2E_TMP/owner" "$E2E_TMP/pathbin"
cat >"$E2E_TMP/owner/gover" <<EOF
#!/bin/sh
echo "owner \$*" >>"$E2E_TMP/install.log"
[ "\$1" = install ] && [ "\$2" = 1.19.3 ] || exit 1
mkdir -p "$GOVER_HOME/versions/1.19.3/bin"
cp "$GOVER_HOME/versions/1.21.0/bin/go" "$GOVER_HOME/versions/1.19.3/bin/go"
EOF
cat >"$E2E_TMP/pathbin/gover" <<EOF
#!/bin/sh
echo "path \$*" >>"$E2E_TMP/install.log"
exit 1
EOF
chmod +x "$E2E_TMP/owner/gover" "$E2E_TMP/pathbin/gover"
ln -sfn "$E2E_TMP/owner/gover" "$GOVER_HOME/bin/gover"
printf 'golang 1.19.3\n' >"$P/.tool-versions"
run_capture env GOVER_AUTO_INSTALL=1 PATH="$SHIMS:$BASE_PATH" go env
expect_eq "recorded gover, none on PATH: status" 0 "$RC"
expect_eq "recorded gover: tool output" "GOROOT=$GOVER_HOME/versions/1.19.3 GOTOOLCHAIN=path" "$OUT"
expect_eq "recorded gover ran the install" "owner install 1.19.3" "$(cat "$E2E_TMP/install.log")"

# ...and wins over another gover on PATH
rm -rf "$GOVER_HOME/versions/1.19.3" "$E2E_TMP/install.log"
run_capture env GOVER_AUTO_INSTALL=1 PATH="$SHIMS:$E2E_TMP/pathbin:$BASE_PATH" go env
expect_eq "recorded gover before PATH: status" 0 "$RC"
expect_eq "recorded gover before PATH: which ran" "owner install 1.19.3" "$(cat "$E2E_TMP/install.log")"

# a dangling record (that gover was removed): PATH is the fallback
rm -rf "$GOVER_HOME/versions/1.19.3" "$E2E_TMP/install.log"
ln -sfn "$E2E_TMP/removed/gover" "$GOVER_HOME/bin/gover"
run_capture env GOVER_AUTO_INSTALL=1 PATH="$SHIMS:$E2E_TMP/pathbin:$BASE_PATH" go env
expect_eq "dangling record: status" 127 "$RC"
expect_eq "dangling record: PATH's gover ran" "path install 1.19.3" "$(cat "$E2E_TMP/install.log")"
rm "$P/.tool-versions"

# --- doctor: a broken global pin hidden by a local pin ---------------------------------------------
printf '1.21.0\n' >"$P/.go-version"
printf '# pinned by hand\nbogus\n' >"$GOVER_HOME/global"
run_capture "$GOVER_BIN" doctor --json
expect_eq "hidden global: exit status" 1 "$RC"
expect_contains "hidden global: pin-invalid names path:line" \
    "\"message\": \"$GOVER_HOME/global:2: invalid Go version" "$OUT"
run_capture "$GOVER_BIN" doctor
expect_contains "hidden global: human output" "[pin-invalid] $GOVER_HOME/global:2" "$OUT"
rm "$GOVER_HOME/global"

# --- doctor: the go1.20 release is spec 1.20.0 (1.20 would be the newest 1.20.x) -----------------
fake_toolchain 1.20
run_capture "$GOVER_BIN" doctor --json
expect_contains "store-foreign 1.20: exact spec" "gover uninstall 1.20 && gover install 1.20.0\"" "$OUT"

e2e_finish
