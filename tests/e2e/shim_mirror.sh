#!/usr/bin/env bash
# The shim with real installs from the nginx HTTPS mirror: `gover use <series>` resolves against
# the index, installs, refreshes shims/ (bin/gover-shim copied from the build tree) and pins;
# the shims refresh_shims made run the right go; GOVER_AUTO_INSTALL=1 runs the real
# `gover install` as a child before exec'ing.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
: "${GOVER_SHIM_BIN:?GOVER_SHIM_BIN must name the gover-shim binary}"
unset GOTOOLCHAIN GOROOT GOWORK GOVER_AUTO_INSTALL GOVER_SHIM_PATH

M=$MIRROR_ROOT_DIR
for v in 1.21.0 1.22.4 1.22.5; do
    go_toolchain_synthetic "$v" "$M/go$v.linux-amd64.tar.gz"
    index_add "$v" "go$v.linux-amd64.tar.gz"
done
index_write "$M"
mirror_start "$M" || exit 1
SHIMS=$GOVER_HOME/shims
P=$WORK/project
mkdir -p "$P/sub/deep" "$WORK/other"
printf 'nodejs 20.11.0\n# keep me\n' >"$P/.tool-versions"

# use <series>: the newest 1.22.x from the index, installed, pinned, shims made.
cd "$P" || exit 1
out=$(gv use 1.22 2>"$WORK/err") || fail_check "gover use 1.22 failed: $(cat "$WORK/err")"
[[ -z $out ]] || fail_check "use printed to stdout: $out"
grep -q "Pinned Go 1.22.5 in $P/.tool-versions" "$WORK/err" || fail_check "no pin notice: $(cat "$WORK/err")"
[[ $(cat "$P/.tool-versions") == "$(printf 'nodejs 20.11.0\n# keep me\ngolang 1.22.5')" ]] ||
    fail_check "use wrote: $(cat "$P/.tool-versions")"
[[ -d $GOVER_HOME/versions/1.22.5 && ! -e $GOVER_HOME/versions/1.22.4 ]] ||
    fail_check "use 1.22 did not install exactly 1.22.5: $(ls "$GOVER_HOME/versions")"
cmp -s "$GOVER_SHIM_BIN" "$GOVER_HOME/bin/gover-shim" || fail_check "bin/gover-shim is not the built shim"
for name in go gofmt go1.22.5; do
    [[ $(readlink "$SHIMS/$name") == ../bin/gover-shim ]] || fail_check "shims/$name: $(readlink "$SHIMS/$name")"
done
cd "$P/sub/deep" || exit 1
[[ $(HOME=$WATCH_DIR "$SHIMS/go" version) == "go version go1.22.5 linux/amd64" ]] ||
    fail_check "the shim refresh_shims made runs: $(HOME=$WATCH_DIR "$SHIMS/go" version 2>&1)"

# use --global: installs and writes the global pin.
cd "$WORK/other" || exit 1
gv use 1.21.0 --global 2>"$WORK/err" || fail_check "use --global failed: $(cat "$WORK/err")"
[[ $(cat "$GOVER_HOME/global") == 1.21.0 ]] || fail_check "global: $(cat "$GOVER_HOME/global")"
[[ -L $SHIMS/go1.21.0 ]] || fail_check "no shims/go1.21.0 after installing 1.21.0"
[[ $(HOME=$WATCH_DIR "$SHIMS/go" version) == "go version go1.21.0 linux/amd64" ]] || fail_check "global not used"

# A version the index does not have: an error, nothing pinned.
cd "$P" || exit 1
before=$(cat "$P/.tool-versions")
gv use 1.30 2>"$WORK/err" && fail_check "use 1.30 succeeded"
grep -q "^gover: error: " "$WORK/err" || fail_check "use 1.30: no error line: $(cat "$WORK/err")"
[[ $(cat "$P/.tool-versions") == "$before" ]] || fail_check "use 1.30 changed .tool-versions"

# GOVER_AUTO_INSTALL=1: the real gover install runs as a child, then the tool execs.
mkdir -p "$WORK/auto"
echo "golang 1.22.4" >"$WORK/auto/.tool-versions"
cd "$WORK/auto" || exit 1
HOME=$WATCH_DIR "$SHIMS/go" version >"$WORK/out" 2>"$WORK/err" && fail_check "1.22.4 ran before it was installed"
grep -q "gover install 1.22.4" "$WORK/err" || fail_check "not-installed message: $(cat "$WORK/err")"
env HOME="$WATCH_DIR" SSL_CERT_FILE="$MIRROR_CA" GOVER_MIRROR="$MIRROR_URL" GOVER_AUTO_INSTALL=1 \
    PATH="$SHIMS:$(dirname "$GOVER_BIN"):/usr/bin:/bin" go version >"$WORK/out" 2>"$WORK/err" ||
    fail_check "auto install failed: $(cat "$WORK/err")"
[[ $(cat "$WORK/out") == "go version go1.22.4 linux/amd64" ]] ||
    fail_check "auto install: stdout holds only the tool's output: $(cat "$WORK/out")"
[[ -x $GOVER_HOME/versions/1.22.4/bin/go ]] || fail_check "auto install did not install 1.22.4"

invariants_report
