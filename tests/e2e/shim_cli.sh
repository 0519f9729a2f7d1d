#!/usr/bin/env bash
# The selection commands end to end (README "Commands"): `gover use` with installed versions (the
# .tool-versions edit keeps every other byte; --global), `which`, `exec`, `shell`, and `shell`
# through the function `gover init` defines. Hand-made toolchains: no mirror needed.
# shellcheck disable=SC2016 # single-quoted $ are for the commands run, on purpose
set -euo pipefail
source "${GOVER_SOURCE_DIR:-$(dirname "$0")/../..}/tests/support/shim_env.sh"

fake_toolchain 1.20
fake_toolchain 1.21.0
fake_toolchain 1.22.5 vet
link_shims go gofmt vet go1.21.0
P=$E2E_TMP/p
mkdir -p "$P/a/b" "$P/new" "$P/append" "$P/linked" "$E2E_TMP/dotfiles"
gv() { "$GOVER_BIN" "$@"; }

# --- use: the golang line rewritten in place, every other byte kept -------------------------------
cd "$P/a"
printf '\xef\xbb\xbfnodejs 20.11.0\r\n# golang 1.0 stays a comment\r\n\tgolang 1.19.0 1.18.0 # for CI\r\npython\t3.12.1\r\nruby 3.3.0' >.tool-versions
run_capture gv use 1.22.5
expect_eq "use: status" 0 "$RC"
expect_eq "use: nothing on stdout" "" "$OUT"
expect_contains "use: notice on stderr" "Pinned Go 1.22.5 in $P/a/.tool-versions" "$ERR"
expect_eq "use: bytes kept" \
    "$(printf '\xef\xbb\xbfnodejs 20.11.0\r\n# golang 1.0 stays a comment\r\n\tgolang 1.22.5 # for CI\r\npython\t3.12.1\r\nruby 3.3.0' | od -c)" \
    "$(od -c <.tool-versions)"
expect_eq "use: go runs it" "go version go1.22.5 fake" "$(go version)"
cd b
expect_eq "use: below the project too" "1.22.5 (set by $P/a/.tool-versions:3)" "$(gv current)"

cd "$P/a"
printf 'nodejs 20\ngo 1.19.0\n' >.tool-versions
gv use go1.21.0 2>/dev/null
expect_eq "use: the go key stays go" "$(printf 'nodejs 20\ngo 1.21.0\n')" "$(cat .tool-versions)"
gv use 1.20.0 2>/dev/null
expect_eq "use 1.20.0: pins the go1.20 release" "$(printf 'nodejs 20\ngo 1.20\n')" "$(cat .tool-versions)"
expect_eq "use 1.20.0: runs it" "go version go1.20 fake" "$(go version)"

cd "$P/new"
gv use 1.21.0 2>/dev/null
expect_eq "use: new file" "golang 1.21.0" "$(cat .tool-versions)"
expect_eq "use: new file ends in a newline" "0a" "$(tail -c1 .tool-versions | od -An -tx1 | tr -d ' ')"
cd "$P/append"
printf 'nodejs 20\r\npython 3' >.tool-versions
gv use 1.21.0 2>/dev/null
expect_eq "use: appended with the file's CRLF" "$(printf 'nodejs 20\r\npython 3\r\ngolang 1.21.0\r\n' | od -c)" \
    "$(od -c <.tool-versions)"

# A symlinked .tool-versions (dotfile managers: ~/.tool-versions -> ~/dotfiles/tool-versions):
# the target is edited, the link stays, and the notice names the file written.
cd "$P/linked"
mkdir -p dotfiles/go
printf 'nodejs 20\ngolang 1.20\n' >dotfiles/go/tool-versions
ln -s dotfiles/go/tool-versions .tool-versions
run_capture gv use 1.22.5
expect_eq "use through a link: status" 0 "$RC"
[[ -L .tool-versions ]] || fail "use: the symlink was replaced"
expect_eq "use: through the symlink" "$(printf 'nodejs 20\ngolang 1.22.5\n')" "$(cat dotfiles/go/tool-versions)"
expect_contains "use through a link: names the file written" \
    "Pinned Go 1.22.5 in $P/linked/dotfiles/go/tool-versions" "$ERR"
# A link that leaves its directory (a cloned repo's .tool-versions -> ../../.bashrc): refused,
# naming the target, before anything is written there.
printf 'export A=1\n' >"$E2E_TMP/dotfiles/bashrc"
mkdir -p "$P/linked/repo"
ln -s ../../../dotfiles/bashrc "$P/linked/repo/.tool-versions"
cd "$P/linked/repo"
run_capture gv use 1.22.5
expect_eq "use through an escaping link: status" 1 "$RC"
expect_contains "use through an escaping link: names the target" \
    "gover: error: $P/linked/repo/.tool-versions is a symlink to $E2E_TMP/dotfiles/bashrc, outside $P/linked/repo" "$ERR"
expect_eq "use through an escaping link: target untouched" "export A=1" "$(cat "$E2E_TMP/dotfiles/bashrc")"
# ...also when a link inside the directory leads on to one outside it
ln -sfn ../../../dotfiles/bashrc inner
ln -sfn inner .tool-versions
run_capture gv use 1.22.5
expect_eq "use through a link chain that escapes: status" 1 "$RC"
expect_eq "use through a link chain: target untouched" "export A=1" "$(cat "$E2E_TMP/dotfiles/bashrc")"
rm inner .tool-versions

# --global, and warnings when a stronger pin still wins
cd "$P/new"
run_capture gv use 1.20.0 --global
expect_eq "use --global: status" 0 "$RC"
expect_eq "use --global: file" "1.20" "$(cat "$GOVER_HOME/global")"
expect_contains "use --global: notice" "Pinned Go 1.20 in $GOVER_HOME/global" "$ERR"
expect_contains "use --global: local pin still wins" "$P/new/.tool-versions:1 still wins here" "$ERR"
run_capture env GOVER_VERSION=1.22.5 "$GOVER_BIN" use 1.21.0
expect_contains "use under GOVER_VERSION: warning" "GOVER_VERSION=1.22.5 still wins in this shell" "$ERR"
cp .tool-versions "$E2E_TMP/before-system"
# PATH without a system go, whatever this machine has in /usr/bin.
run_capture env PATH="$E2E_TMP/no-go-here" "$GOVER_BIN" use system
expect_eq "use system, no go outside the shims: status" 1 "$RC"
expect_contains "use system, no go outside the shims" "no go on PATH outside gover's shims" "$ERR"
expect_eq "use system, no go outside the shims: pin kept" "$(cat "$E2E_TMP/before-system")" "$(cat .tool-versions)"
mkdir -p "$E2E_TMP/sysgo-use"
printf '#!/bin/sh\necho system go\n' >"$E2E_TMP/sysgo-use/go"
chmod 755 "$E2E_TMP/sysgo-use/go"
run_capture env PATH="$PATH:$E2E_TMP/sysgo-use" "$GOVER_BIN" use system
expect_eq "use system: status" 0 "$RC"
expect_eq "use system" "golang system" "$(cat .tool-versions)"

# bad input: usage errors before anything changes
cp .tool-versions "$E2E_TMP/before"
run_capture gv use 1.22.x
expect_eq "use bad spec: status" 2 "$RC"
expect_contains "use bad spec: message" "gover: error: invalid Go version" "$ERR"
run_capture gv use
expect_eq "use without spec: status" 2 "$RC"
expect_eq "use bad input: file untouched" "$(cat "$E2E_TMP/before")" "$(cat .tool-versions)"
mkdir -p "$P/dirpin/.tool-versions"
cd "$P/dirpin"
run_capture gv use 1.21.0
expect_eq "use: .tool-versions is a directory: status" 1 "$RC"
expect_contains "use: .tool-versions is a directory" "$P/dirpin/.tool-versions is not a regular file" "$ERR"
leftovers=$(find "$P/dirpin" -mindepth 1 -maxdepth 1 ! -name .tool-versions)
expect_eq "use: nothing left behind" "" "$leftovers"

# --- which ------------------------------------------------------------------------------------------
cd "$P/a"
printf 'golang 1.22.5\n' >.tool-versions
expect_eq "which" "$GOVER_HOME/versions/1.22.5/bin/go" "$(gv which)"
expect_eq "which gofmt" "$GOVER_HOME/versions/1.22.5/bin/gofmt" "$(gv which gofmt)"
expect_eq "which go1.21.0" "$GOVER_HOME/versions/1.21.0/bin/go" "$(gv which go1.21.0)"
run_capture gv which nosuchtool
expect_eq "which missing tool: status" 1 "$RC"
expect_contains "which missing tool" "Go 1.22.5 has no nosuchtool command" "$ERR"
run_capture gv which go1.19.9
expect_eq "which go1.19.9: status" 1 "$RC"
expect_contains "which go1.19.9" "gover install 1.19.9" "$ERR"
printf 'golang 1.19.9\n' >.tool-versions
run_capture gv which
expect_eq "which not installed: status" 1 "$RC"
expect_contains "which not installed" "gover install 1.19.9" "$ERR"
printf 'golang 1.22.5\n' >.tool-versions

# --- exec -------------------------------------------------------------------------------------------
expect_eq "exec -- go version (selected)" "go version go1.22.5 fake" "$(gv exec -- go version)"
expect_eq "exec 1.21 -- go version" "go version go1.21.0 fake" "$(gv exec 1.21 -- go version)"
expect_eq "exec latest" "go version go1.22.5 fake" "$(gv exec latest -- go version)"
expect_eq "exec: GOROOT and GOTOOLCHAIN like the shim" \
    "GOROOT=$GOVER_HOME/versions/1.21.0 GOTOOLCHAIN=path" "$(GOROOT=/stale gv exec 1.21.0 -- go env)"
expect_eq "exec: user GOTOOLCHAIN kept" "GOROOT=$GOVER_HOME/versions/1.21.0 GOTOOLCHAIN=local" \
    "$(GOTOOLCHAIN=local gv exec 1.21.0 -- go env)"
expect_eq "exec: bin/ first on PATH" "$GOVER_HOME/versions/1.21.0/bin" \
    "$(gv exec 1.21.0 -- sh -c 'echo "${PATH%%:*}"')"
expect_eq "exec: arguments verbatim" "[a b][][-x][--]" "$(gv exec -- go args 'a b' '' -x --)"
run_capture gv exec -- sh -c 'exit 3'
expect_eq "exec: exit status" 3 "$RC"
st=0
{ gv exec -- sh -c 'kill -TERM $$'; } 2>/dev/null || st=$?
expect_eq "exec: killed by SIGTERM" 143 "$st"
run_capture gv exec 1.19 -- go version
expect_eq "exec: spec not installed: status" 1 "$RC"
expect_contains "exec: spec not installed" "no installed Go matches 1.19 (run 'gover install 1.19')" "$ERR"
run_capture gv exec 1.2x -- go version
expect_eq "exec: bad spec: status" 2 "$RC"
run_capture gv exec -- no-such-command-here
expect_eq "exec: command not found: status" 127 "$RC"
expect_contains "exec: command not found" "cannot run no-such-command-here" "$ERR"
run_capture gv exec
expect_eq "exec: no command: status" 2 "$RC"
expect_eq "exec system: env untouched" "unset" "$(GOVER_VERSION=system gv exec -- sh -c 'echo ${GOROOT-unset}')"

# --- shell ------------------------------------------------------------------------------------------
expect_eq "shell bash" "export GOVER_VERSION=1.21.0" "$(gv shell 1.21 --shell bash)"
expect_eq "shell zsh" "export GOVER_VERSION=1.22.5" "$(gv shell latest --shell zsh)"
expect_eq "shell fish" "set -gx GOVER_VERSION 1.20" "$(gv shell 1.20.0 --shell fish)"
expect_eq "shell --unset" "unset GOVER_VERSION" "$(gv shell --unset --shell bash)"
expect_eq "shell --unset fish" "set -e GOVER_VERSION" "$(gv shell --unset --shell fish)"
expect_eq "shell: default from SHELL" "set -gx GOVER_VERSION 1.21.0" "$(SHELL=/usr/bin/fish gv shell 1.21.0)"
expect_eq "shell: last --shell wins" "unset GOVER_VERSION" "$(gv shell --unset --shell fish --shell bash)"
mkdir -p "$E2E_TMP/sysgo"
printf '#!/bin/sh\necho system go\n' >"$E2E_TMP/sysgo/go"
chmod 755 "$E2E_TMP/sysgo/go"
expect_eq "shell system" "export GOVER_VERSION=system" \
    "$(PATH="$PATH:$E2E_TMP/sysgo" gv shell system --shell bash)"
run_capture env PATH="$E2E_TMP/no-go-here" "$GOVER_BIN" shell system --shell bash
expect_eq "shell system, no go outside the shims: status" 1 "$RC"
expect_eq "shell system, no go outside the shims: stdout" "" "$OUT"
expect_contains "shell system, no go outside the shims" "no go on PATH outside gover's shims" "$ERR"
run_capture gv shell 1.19 --shell bash
expect_eq "shell: not installed: status" 1 "$RC"
expect_eq "shell: not installed: stdout" "" "$OUT"
expect_contains "shell: not installed" "gover install 1.19" "$ERR"
run_capture gv shell --shell tcsh 1.21
expect_eq "shell: unknown shell: status" 2 "$RC"
run_capture gv shell
expect_eq "shell: nothing to do: status" 2 "$RC"
eval "$(gv shell 1.21 --shell bash)"
expect_eq "shell: eval'd line selects" "go version go1.21.0 fake" "$(go version)"
eval "$(gv shell --unset --shell bash)"
expect_eq "shell: unset" "go version go1.22.5 fake" "$(go version)"

# Through `gover init`'s function, `gover shell` changes this shell directly.
if init_script=$("$GOVER_BIN" init bash 2>/dev/null) && [[ -n $init_script ]]; then
    got=$(
        PATH=$(dirname "$GOVER_BIN"):$PATH
        eval "$init_script"
        gover shell 1.21.0 2>/dev/null
        echo "var=$GOVER_VERSION"
        go version
        gover shell 1.17 2>/dev/null || echo "failed as it should"
        echo "var=$GOVER_VERSION"
        gover shell --unset
        echo "var=${GOVER_VERSION-unset}"
    )
    expect_eq "init function + shell" "$(printf 'var=1.21.0\ngo version go1.21.0 fake\nfailed as it should\nvar=1.21.0\nvar=unset')" "$got"
else
    echo "note: 'gover init bash' not available; the function round trip was not tested" >&2
fi

e2e_finish
