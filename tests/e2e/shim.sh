#!/usr/bin/env bash
# The shim end to end (README "Which version runs" and README "How it works"): the real gover-shim and gover against hand-made
# toolchains in a temp GOVER_HOME. Every selection source, nested trees, GOROOT / GOTOOLCHAIN,
# exit codes, signals, argument and stdin passthrough, system and its recursion guard, go1.X.Y
# entries, the 127 errors, GOVER_AUTO_INSTALL, and hostile files and working directories.
# shellcheck disable=SC2016 # single-quoted $ are for the fake tools, on purpose
set -euo pipefail
source "${GOVER_SOURCE_DIR:-$(dirname "$0")/../..}/tests/support/shim_env.sh"

fake_toolchain 1.21.0
fake_toolchain 1.22.5 vet
fake_toolchain 1.23.1
link_shims go gofmt vet go1.21.0 go1.22.5 go1.23.1 go1.24.0
P=$E2E_TMP/p
mkdir -p "$P/app/sub/deep/er" "$P/other" "$P/mod/pkg/x" "$P/workspace/m/x" "$P/empty"

# --- nothing pinned: 127 with how to pin ---------------------------------------------------------
cd "$P/empty"
run_capture go version
expect_eq "nothing pinned: status" 127 "$RC"
expect_contains "nothing pinned: message" "gover: error: no Go version is selected in $P/empty" "$ERR"
expect_contains "nothing pinned: how to pin" "gover use <spec>" "$ERR"
expect_eq "nothing pinned: stdout" "" "$OUT"
run_capture "$GOVER_BIN" current
expect_eq "current, nothing pinned: status" 1 "$RC"
expect_contains "current, nothing pinned" "gover use <spec>" "$ERR"

# --- every source --------------------------------------------------------------------------------
echo "1.21.0" >"$GOVER_HOME/global"
cd "$P/empty"
expect_eq "global" "go version go1.21.0 fake" "$(go version)"
expect_eq "current global" "1.21.0 (set by $GOVER_HOME/global)" "$("$GOVER_BIN" current)"

printf 'nodejs 20.11.0\r\n# golang 1.1\r\ngolang 1.22.5 1.21.0\r\n' >"$P/app/.tool-versions"
printf '1.23.1\n' >"$P/app/sub/.go-version"
cd "$P/app"
expect_eq ".tool-versions" "go version go1.22.5 fake" "$(go version)"
expect_eq "current .tool-versions" "1.22.5 (set by $P/app/.tool-versions:3)" "$("$GOVER_BIN" current)"
expect_eq "current --json" "{\"version\": \"1.22.5\", \"source\": \"$P/app/.tool-versions\", \"line\": 3, \"installed\": true}" \
    "$("$GOVER_BIN" current --json)"
cd "$P/app/sub/deep/er"
expect_eq "nested .go-version" "go version go1.23.1 fake" "$(go version)"
expect_eq "current .go-version" "1.23.1 (set by $P/app/sub/.go-version:1)" "$("$GOVER_BIN" current)"
expect_eq "gofmt follows" "gofmt from 1.23.1" "$(gofmt)"
cd "$P/other"
expect_eq "sibling falls back to global" "go version go1.21.0 fake" "$(go version)"

cd "$P/app/sub/deep"
expect_eq "GOVER_VERSION wins" "go version go1.21.0 fake" "$(GOVER_VERSION=1.21.0 go version)"
expect_eq "current GOVER_VERSION" "1.21.0 (set by GOVER_VERSION)" "$(GOVER_VERSION=1.21.0 "$GOVER_BIN" current)"
expect_eq "GOVER_VERSION language version" "go version go1.22.5 fake" "$(GOVER_VERSION=1.22 go version)"

# go.mod / go.work only when nothing pins: global gone
rm "$GOVER_HOME/global"
printf 'module example.com/m\n\ngo 1.22\n' >"$P/mod/go.mod"
cd "$P/mod/pkg/x"
expect_eq "go.mod minimum: newest installed" "go version go1.23.1 fake" "$(go version)"
expect_eq "current go.mod" "1.23.1 (required by $P/mod/go.mod:3)" "$("$GOVER_BIN" current)"
printf 'go 1.21.0\nuse ./m\n' >"$P/workspace/go.work"
printf 'module m\ngo 1.24.0\n' >"$P/workspace/m/go.mod"
cd "$P/workspace/m/x"
expect_eq "current go.work" "1.23.1 (required by $P/workspace/go.work:1)" "$("$GOVER_BIN" current)"
run_capture env GOWORK=off go version
expect_eq "GOWORK=off: go.mod 1.24.0 not installed" 127 "$RC"
expect_contains "GOWORK=off: names go.mod" "required by $P/workspace/m/go.mod:2" "$ERR"
expect_contains "GOWORK=off: install command" "gover install 1.24.0" "$ERR"
# a parent pin is never ignored because of a go.mod
echo "golang 1.21.0" >"$P/workspace/.tool-versions"
expect_eq "pin beats go.mod" "go version go1.21.0 fake" "$(go version)"
rm "$P/workspace/.tool-versions"

# --- GOROOT and GOTOOLCHAIN ----------------------------------------------------------------------
cd "$P/app"
expect_eq "stale GOROOT overridden" "GOROOT=$GOVER_HOME/versions/1.22.5 GOTOOLCHAIN=path" \
    "$(GOROOT=/nonexistent go env)"
expect_eq "stale GOROOT: version still right" "go version go1.22.5 fake" "$(GOROOT=/nonexistent go version)"
expect_eq "user GOTOOLCHAIN kept" "GOROOT=$GOVER_HOME/versions/1.22.5 GOTOOLCHAIN=go1.23.1+auto" \
    "$(GOTOOLCHAIN=go1.23.1+auto go env)"
expect_eq "empty GOTOOLCHAIN is unset" "GOROOT=$GOVER_HOME/versions/1.22.5 GOTOOLCHAIN=path" \
    "$(GOTOOLCHAIN='' go env)"

# --- exit status, signals, arguments, stdin ------------------------------------------------------
run_capture go exit 3
expect_eq "exit 3 propagates" 3 "$RC"
direct=0
{ "$GOVER_HOME/versions/1.22.5/bin/go" kill TERM; } 2>/dev/null || direct=$?
shimmed=0
{ go kill TERM; } 2>/dev/null || shimmed=$?
expect_eq "SIGTERM status as the direct run" "$direct" "$shimmed"
expect_eq "SIGTERM status" 143 "$shimmed"
direct=0
{ "$GOVER_HOME/versions/1.22.5/bin/go" kill KILL; } 2>/dev/null || direct=$?
shimmed=0
{ go kill KILL; } 2>/dev/null || shimmed=$?
expect_eq "SIGKILL status as the direct run" "$direct" "$shimmed"
expect_eq "arguments verbatim" "[a b][][--x=\"y\"][*][\$HOME]" "$(go args 'a b' '' '--x="y"' '*' '$HOME')"
expect_eq "stdin passes through" "hello from stdin" "$(echo 'hello from stdin' | go stdin)"
# exec in place: the tool keeps the pid of the process that ran the shim (no child, no shell)
printf '#!/bin/sh\necho "pid=$$"\n' >"$GOVER_HOME/versions/1.22.5/bin/selfpid"
chmod +x "$GOVER_HOME/versions/1.22.5/bin/selfpid"
link_shims selfpid
got=$(bash -c 'echo "shell=$$"; exec "$0"' "$SHIMS/selfpid")
expect_eq "exec in place: same pid" "$(sed -n 's/shell=//p' <<<"$got")" "$(sed -n 's/pid=//p' <<<"$got")"

# --- go1.X.Y entries, other tools ----------------------------------------------------------------
cd "$P/app"
expect_eq "go1.21.0 runs exactly 1.21.0" "go version go1.21.0 fake" "$(go1.21.0 version)"
expect_eq "go1.23.1 whatever the pin" "GOROOT=$GOVER_HOME/versions/1.23.1 GOTOOLCHAIN=path" "$(go1.23.1 env)"
# Go's own toolchain switch (GOTOOLCHAIN=path) execs shims/go1.X.Y with argv[0] still "go":
# the exec'd name decides, or the pinned version would run again (and switch again, forever).
expect_eq "go1.21.0 exec'd with argv[0]=go" "go version go1.21.0 fake" \
    "$(GOTOOLCHAIN=go1.21.0 bash -c 'exec -a go "$0" version' "$SHIMS/go1.21.0")"
expect_eq "go1.21.0 with argv[0]=go: GOTOOLCHAIN kept" "GOROOT=$GOVER_HOME/versions/1.21.0 GOTOOLCHAIN=go1.21.0" \
    "$(GOTOOLCHAIN=go1.21.0 bash -c 'exec -a go "$0" env' "$SHIMS/go1.21.0")"
run_capture go1.24.0 version
expect_eq "go1.24.0 not installed" 127 "$RC"
expect_contains "go1.24.0 message" "Go 1.24.0 is not installed" "$ERR"
expect_contains "go1.24.0 command" "gover install 1.24.0" "$ERR"
expect_eq "vet from the pinned version" "vet from 1.22.5" "$(vet)"
cd "$P/app/sub"
run_capture vet
expect_eq "tool missing from the version" 127 "$RC"
expect_contains "tool missing message" "Go 1.23.1 has no vet command" "$ERR"

# --- pinned but not installed, invalid pins ------------------------------------------------------
mkdir -p "$P/missing/a"
printf '\n\ngolang 1.19.3\n' >"$P/missing/.tool-versions"
cd "$P/missing/a"
run_capture go version
expect_eq "not installed: status" 127 "$RC"
expect_eq "not installed: message" \
    "gover: error: Go 1.19.3, set by $P/missing/.tool-versions:3, is not installed (run 'gover install 1.19.3')" "$ERR"
run_capture env GOVER_VERSION=1.20 go version
expect_eq "GOVER_VERSION not installed: message" \
    "gover: error: Go 1.20, set by GOVER_VERSION, is not installed (run 'gover install 1.20.0')" "$ERR"
run_capture "$GOVER_BIN" current
expect_eq "current, not installed: status" 0 "$RC"
expect_eq "current, not installed" "1.19.3 (set by $P/missing/.tool-versions:3)" "$OUT"
expect_contains "current, not installed: warning" "gover install 1.19.3" "$ERR"
expect_eq "current --json not installed" "{\"version\": \"1.19.3\", \"source\": \"$P/missing/.tool-versions\", \"line\": 3, \"installed\": false}" \
    "$("$GOVER_BIN" current --json 2>/dev/null)"
printf 'nodejs 20\ngolang 1.22.5.7\n' >"$P/missing/.tool-versions"
run_capture go version
expect_eq "invalid pin: status" 127 "$RC"
expect_contains "invalid pin: file:line" "gover: error: $P/missing/.tool-versions:2: invalid Go version \"1.22.5.7\"" "$ERR"
run_capture env GOVER_VERSION=banana go version
expect_eq "invalid GOVER_VERSION: status" 127 "$RC"
expect_contains "invalid GOVER_VERSION" "GOVER_VERSION: invalid Go version" "$ERR"

# --- GOVER_AUTO_INSTALL: gover install as a child, then exec -------------------------------------
mkdir -p "$E2E_TMP/fakebin"
cat >"$E2E_TMP/fakebin/gover" <<EOF
#!/bin/sh
echo "\$*" >>"$E2E_TMP/install.log"
echo "fake gover printing to stdout"
[ "\$1" = install ] && [ "\$2" = 1.19.3 ] || exit 1
mkdir -p "$GOVER_HOME/versions/1.19.3/bin"
cp "$GOVER_HOME/versions/1.21.0/bin/go" "$GOVER_HOME/versions/1.19.3/bin/go"
EOF
chmod +x "$E2E_TMP/fakebin/gover"
printf 'golang 1.19.3\n' >"$P/missing/.tool-versions"
run_capture env GOVER_AUTO_INSTALL=1 PATH="$SHIMS:$E2E_TMP/fakebin:$BASE_PATH" go env
expect_eq "auto install: status" 0 "$RC"
expect_eq "auto install: tool output only on stdout" "GOROOT=$GOVER_HOME/versions/1.19.3 GOTOOLCHAIN=path" "$OUT"
expect_eq "auto install: ran gover install" "install 1.19.3" "$(cat "$E2E_TMP/install.log")"
expect_contains "auto install: notice" "installing Go 1.19.3" "$ERR"
printf 'golang 1.18.1\n' >"$P/missing/.tool-versions"
run_capture env GOVER_AUTO_INSTALL=1 PATH="$SHIMS:$E2E_TMP/fakebin:$BASE_PATH" go version
expect_eq "auto install failing: status" 127 "$RC"
expect_contains "auto install failing: message" "'gover install 1.18.1' failed (exit status 1)" "$ERR"
run_capture env GOVER_AUTO_INSTALL=1 PATH="$SHIMS:$BASE_PATH" go version
expect_eq "auto install without gover: status" 127 "$RC"
expect_contains "auto install without gover" "no gover was found" "$ERR"

# --- system ----------------------------------------------------------------------------------------
mkdir -p "$E2E_TMP/sysgo" "$P/sys"
printf '#!/bin/sh\necho "system go GOROOT=${GOROOT-unset} GOTOOLCHAIN=${GOTOOLCHAIN-unset} $*"\n' >"$E2E_TMP/sysgo/go"
chmod +x "$E2E_TMP/sysgo/go"
echo "golang system" >"$P/sys/.tool-versions"
cd "$P/sys"
expect_eq "system: first go outside the shims, env untouched" "system go GOROOT=/my/goroot GOTOOLCHAIN=unset version" \
    "$(GOROOT=/my/goroot PATH="$SHIMS:$E2E_TMP/sysgo:$BASE_PATH" go version)"
expect_eq "which system" "$E2E_TMP/sysgo/go" "$(PATH="$SHIMS:$E2E_TMP/sysgo:$BASE_PATH" "$GOVER_BIN" which)"
expect_eq "current --json system" "{\"version\": \"system\", \"source\": \"$P/sys/.tool-versions\", \"line\": 1, \"installed\": true}" \
    "$(PATH="$SHIMS:$E2E_TMP/sysgo:$BASE_PATH" "$GOVER_BIN" current --json)"
run_capture env PATH="$SHIMS:/nonexistent" "$GOVER_BIN" current --json
expect_eq "current --json system, no system go" "{\"version\": \"system\", \"source\": \"$P/sys/.tool-versions\", \"line\": 1, \"installed\": false}" "$OUT"
expect_contains "current, no system go: warning" "no go on PATH outside gover's shims" "$ERR"
# a link to a gover shim elsewhere on PATH is skipped, not run
mkdir -p "$E2E_TMP/othershims"
ln -s "$GOVER_HOME/bin/gover-shim" "$E2E_TMP/othershims/go"
expect_eq "system skips other shims" "system go GOROOT=unset GOTOOLCHAIN=unset version" \
    "$(PATH="$E2E_TMP/othershims:$SHIMS:$E2E_TMP/sysgo:$BASE_PATH" go version)"
run_capture env PATH="$E2E_TMP/othershims:$SHIMS:/nonexistent" "$SHIMS/go" version
expect_eq "system with only shims: status" 127 "$RC"
expect_contains "system with only shims: message" "no go on PATH outside gover's shims" "$ERR"
# a disguised shim (a copy named go) or a script exec'ing go must not loop forever
mkdir -p "$E2E_TMP/disguised"
cp "$GOVER_SHIM_BIN" "$E2E_TMP/disguised/go"
run_capture timeout 10 env PATH="$SHIMS:$E2E_TMP/disguised:$BASE_PATH" go version
expect_eq "disguised shim: status" 127 "$RC"
expect_contains "disguised shim: message" "runs a gover shim again" "$ERR"
printf '#!/bin/sh\nexec go "$@"\n' >"$E2E_TMP/disguised/go"
run_capture timeout 10 env PATH="$SHIMS:$E2E_TMP/disguised:$BASE_PATH" go version
expect_eq "script exec'ing go: status" 127 "$RC"
# ...while a real system go may run go again (go generate, go run): a new process, not a loop
printf '#!/bin/sh\n[ "$1" = nested ] && exec echo "nested ok"\ngo nested\n' >"$E2E_TMP/disguised/go"
expect_eq "system go running go again" "nested ok" "$(timeout 10 env PATH="$SHIMS:$E2E_TMP/disguised:$BASE_PATH" go version)"

# --- hostile files and working directories ---------------------------------------------------------
mkdir -p "$P/hostile/fifo" "$P/hostile/dir/.tool-versions" "$P/hostile/loop" "$P/hostile/big"
echo "golang 1.21.0" >"$P/hostile/.tool-versions"
mkfifo "$P/hostile/fifo/.tool-versions" "$P/hostile/fifo/.go-version"
cd "$P/hostile/fifo"
run_capture timeout 10 go version
expect_eq "FIFO .tool-versions: skipped" "go version go1.21.0 fake" "$OUT"
cd "$P/hostile/dir"
expect_eq "directory .tool-versions: skipped" "go version go1.21.0 fake" "$(timeout 10 go version)"
ln -s .go-version "$P/hostile/loop/.tool-versions"
ln -s .tool-versions "$P/hostile/loop/.go-version"
cd "$P/hostile/loop"
run_capture timeout 10 go version
expect_eq "symlink loop: status" 127 "$RC"
expect_contains "symlink loop: names the file" "cannot read $P/hostile/loop/.tool-versions" "$ERR"
head -c 10485760 /dev/zero >"$P/hostile/big/.tool-versions"
cd "$P/hostile/big"
run_capture timeout 10 go version
expect_eq "10 MB file: status" 127 "$RC"
expect_contains "10 MB file: message" "$P/hostile/big/.tool-versions is larger than 64 KiB" "$ERR"
printf 'golang 1.21.0\n\0\0\0' >"$P/hostile/big/.tool-versions"
run_capture timeout 10 go version
expect_contains "binary file: file:line" "$P/hostile/big/.tool-versions:2: binary data" "$ERR"

# deleted cwd: the walk is skipped; global still applies
mkdir -p "$P/hostile/gone"
cd "$P/hostile/gone"
rmdir "$P/hostile/gone"
run_capture timeout 10 "$SHIMS/go" version
expect_eq "deleted cwd, nothing global: status" 127 "$RC"
echo "1.23.1" >"$GOVER_HOME/global"
run_capture timeout 10 "$SHIMS/go" version
expect_eq "deleted cwd: global" "go version go1.23.1 fake" "$OUT"
rm "$GOVER_HOME/global"

# 1000 nested directories below the pin
cd "$P/hostile"
deep=$(printf 'd/%.0s' {1..1000})
mkdir -p "$deep"
cd "$deep"
expect_eq "1000 levels deep" "go version go1.21.0 fake" "$(timeout 10 go version)"
cd "$P"
rm -rf "$P/hostile/d"

# unreadable pin file (needs a non-root user: root reads everything)
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
    mkdir -p "$P/perm/sub"
    echo "golang 1.21.0" >"$P/perm/.tool-versions"
    chmod 000 "$P/perm/.tool-versions"
    chmod -R a+rX "$GOVER_HOME" && chmod a+rx "$E2E_TMP" "$P"
    chmod a+rx "$P/perm" "$P/perm/sub"
    cd "$P/perm/sub"
    run_capture timeout 10 setpriv --reuid=65534 --regid=65534 --clear-groups "$SHIMS/go" version
    expect_eq "EACCES: status" 127 "$RC"
    expect_eq "EACCES: message" \
        "gover: error: cannot read $P/perm/.tool-versions: Permission denied (fix its permissions or remove it)" "$ERR"
    cd "$P"
else
    echo "note: EACCES case skipped (needs root and setpriv to switch to an unprivileged user)" >&2
fi

# gover-shim run under its own name
run_capture "$GOVER_HOME/bin/gover-shim" version
expect_eq "gover-shim by name: status" 127 "$RC"
expect_contains "gover-shim by name" "runs as a link named after a Go command" "$ERR"

e2e_finish
