#!/usr/bin/env bash
# $GOVER_HOME/bin/gover never links to itself or into $GOVER_HOME/bin (README "Files"): the shim
# copy runs bin/gover for GOVER_AUTO_INSTALL=1, so that gover must not record the path it was run
# by when that path is bin/gover itself. Reproduces the case with only the shims on PATH (an IDE,
# CI), where the second auto-install used to fail with "no gover was found". Doctor reports a
# dangling or looping bin/gover (warning) and --fix repairs it.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
unset GOTOOLCHAIN GOROOT GOWORK GOVER_AUTO_INSTALL GOVER_SHIM_PATH

M=$MIRROR_ROOT_DIR
for v in 1.20.14 1.21.0 1.22.5; do
    go_toolchain_synthetic "$v" "$M/go$v.linux-amd64.tar.gz"
    index_add "$v" "go$v.linux-amd64.tar.gz"
done
index_write "$M"
mirror_start "$M" || exit 1
P=$WORK/project
mkdir -p "$P"
cd "$P" || exit 1
export HOME=$WATCH_DIR SSL_CERT_FILE=$MIRROR_CA GOVER_MIRROR=$MIRROR_URL GOVER_HOME
real_gover=$(readlink -f "$GOVER_BIN")

gv install 1.22.5 2>"$WORK/err" || fail_check "install 1.22.5: $(cat "$WORK/err")"
echo "golang 1.21.0" >.tool-versions
out=$(PATH=/usr/bin:/bin GOVER_AUTO_INSTALL=1 "$GOVER_HOME/shims/go" version 2>"$WORK/err") ||
    fail_check "first auto-install: $(cat "$WORK/err")"
[[ $out == "go version go1.21.0 linux/amd64" ]] || fail_check "first auto-install ran: $out"
link=$(readlink "$GOVER_HOME/bin/gover")
[[ $link != "$GOVER_HOME/bin/"* ]] || fail_check "bin/gover links into bin/: $link"
[[ $(readlink -f "$GOVER_HOME/bin/gover") == "$real_gover" ]] ||
    fail_check "bin/gover does not reach the gover that ran: $link"
echo "golang 1.20.14" >.tool-versions
out=$(PATH=/usr/bin:/bin GOVER_AUTO_INSTALL=1 "$GOVER_HOME/shims/go" version 2>"$WORK/err") ||
    fail_check "second auto-install: $(cat "$WORK/err")"
[[ $out == "go version go1.20.14 linux/amd64" ]] || fail_check "second auto-install ran: $out"
"$GOVER_HOME/bin/gover" --version >/dev/null 2>&1 || fail_check "bin/gover cannot be run by hand"

# A link elsewhere that leads into bin/ (a user's ~/bin/gover -> $GOVER_HOME/bin/gover): recording
# it would make bin/gover -> ~/bin/gover -> bin/gover, a loop.
mkdir -p "$WORK/userbin"
ln -s "$GOVER_HOME/bin/gover" "$WORK/userbin/gover"
rm "$GOVER_HOME/shims/gofmt"
PATH=$WORK/userbin:/usr/bin:/bin gover doctor --fix >/dev/null 2>"$WORK/err"
[[ -L $GOVER_HOME/shims/gofmt ]] || fail_check "doctor --fix did not refresh: $(cat "$WORK/err")"
[[ $(readlink -f "$GOVER_HOME/bin/gover") == "$real_gover" ]] ||
    fail_check "recorded a link into bin/: $(readlink "$GOVER_HOME/bin/gover")"

# doctor: a looping and a dangling bin/gover are warnings naming it; --fix repairs them.
for target in "$GOVER_HOME/bin/gover" "$WORK/removed/gover"; do
    ln -sfn "$target" "$GOVER_HOME/bin/gover"
    rc=0
    gv doctor >"$WORK/out" 2>&1 || rc=$?
    [[ $rc == 1 ]] || fail_check "doctor with bin/gover -> $target: exit $rc"
    grep -qF "[shims] $GOVER_HOME/bin/gover -> $target points at nothing" "$WORK/out" ||
        fail_check "doctor with bin/gover -> $target: $(cat "$WORK/out")"
    gv doctor --fix >/dev/null 2>&1
    [[ $(readlink -f "$GOVER_HOME/bin/gover") == "$real_gover" ]] ||
        fail_check "doctor --fix left bin/gover -> $(readlink "$GOVER_HOME/bin/gover")"
done

invariants_report
