#!/usr/bin/env bash
# The REAL Go 1.19.8 (the install issue's archive, built once from Debian's golang-1.19 and
# cached in the build dir) installed from the nginx mirror and run through the shim: `go version`
# and `go build` of a hello-world module, with a stale GOROOT exported and from a subdirectory
# of the pinned project.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
unset GOTOOLCHAIN GOROOT GOWORK GOVER_AUTO_INSTALL GOVER_SHIM_PATH GOFLAGS

archive=$(go_toolchain_real "$GOVER_BUILD_DIR/test-cache") || exit $?
name=$(basename "$archive")
ln "$archive" "$MIRROR_ROOT_DIR/$name" 2>/dev/null || ln -s "$archive" "$MIRROR_ROOT_DIR/$name"
index_add 1.19.8 "$name" linux amd64 "$(cat "$archive.sha256")" "$(stat -L -c %s "$archive")"
index_write "$MIRROR_ROOT_DIR"
mirror_start "$MIRROR_ROOT_DIR" || exit 1

hello=$WORK/hello
mkdir -p "$hello/cmd/hello"
cd "$hello" || exit 1
gv use 1.19.8 2>"$WORK/err" || fail_check "gover use 1.19.8 failed: $(cat "$WORK/err")"
printf 'module example.com/hello\n\ngo 1.19\n' >go.mod
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello through the shim") }\n' \
    >cmd/hello/main.go
cd cmd/hello || exit 1
goenv=(env HOME="$WORK/gohome" GOPATH="$WORK/gopath" GOCACHE="$WORK/gocache" GOPROXY=off
    CGO_ENABLED=0 GOROOT=/nonexistent PATH="$GOVER_HOME/shims:/usr/bin:/bin")
[[ $("${goenv[@]}" go version) == "go version go1.19.8 linux/amd64" ]] ||
    fail_check "go version through the shim: $("${goenv[@]}" go version 2>&1)"
[[ $("${goenv[@]}" go env GOROOT) == "$GOVER_HOME/versions/1.19.8" ]] ||
    fail_check "GOROOT seen by go: $("${goenv[@]}" go env GOROOT 2>&1)"
"${goenv[@]}" go build -o "$WORK/hello-bin" . 2>"$WORK/build.err" ||
    fail_check "go build through the shim failed: $(cat "$WORK/build.err")"
[[ $("$WORK/hello-bin" 2>&1) == "hello through the shim" ]] || fail_check "the built program does not run"
"${goenv[@]}" gofmt -l . >"$WORK/fmt.out" 2>&1 || fail_check "gofmt through the shim: $(cat "$WORK/fmt.out")"
echo "ok: go build through the shim with the real go1.19.8" >&2

invariants_report
