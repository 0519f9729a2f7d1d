#!/usr/bin/env bash
# `gover import <dir>` of the REAL Go 1.19.8 tree (the install issue's archive, built once from
# Debian's golang-1.19 and cached in the build dir), unpacked read-only as a system-wide
# /usr/local/go is: imported unverified with hard links, the source untouched, and then
# `go version` and `go build` of a hello-world module through the shim.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
unset GOTOOLCHAIN GOROOT GOWORK GOVER_AUTO_INSTALL GOVER_SHIM_PATH GOFLAGS

archive=$(go_toolchain_real "$GOVER_BUILD_DIR/test-cache") || exit $?
local_root=$WORK/usr-local
EXTRA_CLEANUP='chmod -R u+w "$local_root" 2>/dev/null'
mkdir -p "$local_root"
tar -xzf "$archive" -C "$local_root" || fail_check "cannot unpack $archive"
tree=$local_root/go
chmod -R a-w "$tree"
tree_sum() { (cd "$1" && find . -printf '%P %y %m %s %T@\n' | LC_ALL=C sort | sha256sum); }
before=$(tree_sum "$tree")

out=$(gv import "$tree" 2>"$WORK/err") || fail_check "gover import $tree failed: $(cat "$WORK/err")"
[[ $out == "1.19.8  $tree  imported (unverified)" ]] || fail_check "gover import said: $out"
[[ $(tree_sum "$tree") == "$before" ]] || fail_check "the import changed the source tree"
root=$GOVER_HOME/versions/1.19.8
[[ $(stat -c %i "$root/bin/go") == $(stat -c %i "$tree/bin/go") ]] ||
    fail_check "bin/go of a read-only tree was copied, not linked"
[[ $(find "$root" -type f | wc -l) == $(find "$tree" -type f | wc -l) ]] ||
    fail_check "the store holds $(find "$root" -type f | wc -l) files, the tree $(find "$tree" -type f | wc -l)"
store_assert_no_leftovers "$GOVER_HOME" "import of the real tree"
[[ $(gv list 2>&1) == "1.19.8  (imported, unverified)" ]] || fail_check "gover list: $(gv list 2>&1)"

hello=$WORK/hello
mkdir -p "$hello"
cd "$hello" || exit 1
gv use 1.19.8 2>"$WORK/err" || fail_check "gover use 1.19.8 failed: $(cat "$WORK/err")"
printf 'module example.com/hello\n\ngo 1.19\n' >go.mod
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello from an import") }\n' >main.go
goenv=(env HOME="$WORK/gohome" GOPATH="$WORK/gopath" GOCACHE="$WORK/gocache" GOPROXY=off
    CGO_ENABLED=0 PATH="$GOVER_HOME/shims:/usr/bin:/bin")
[[ $("${goenv[@]}" go version) == "go version go1.19.8 linux/amd64" ]] ||
    fail_check "go version through the shim: $("${goenv[@]}" go version 2>&1)"
[[ $("${goenv[@]}" go env GOROOT) == "$root" ]] ||
    fail_check "GOROOT seen by go: $("${goenv[@]}" go env GOROOT 2>&1)"
"${goenv[@]}" go build -o "$WORK/hello-bin" . 2>"$WORK/build.err" ||
    fail_check "go build through the shim failed: $(cat "$WORK/build.err")"
[[ $("$WORK/hello-bin" 2>&1) == "hello from an import" ]] || fail_check "the built program does not run"
echo "ok: go build through the shim with the imported go1.19.8" >&2

invariants_report
