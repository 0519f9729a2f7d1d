#!/usr/bin/env bash
# `gover doctor` on analysis tools built by an old Go (README "Keeping Go up to date"): a real
# program built here with Debian's Go 1.19 under gopls's module path, in GOBIN, while 1.22.5 is
# selected -> a tool-old-go warning naming its full path and the `go install ...@latest` fix; the
# same program built as example.com/hello -> nothing.
set -uo pipefail
source "$GOVER_SOURCE_DIR/tests/support/doctor_e2e.sh"
GO119=/usr/lib/go-1.19/bin/go
if [[ ! -x $GO119 ]]; then
    echo "SKIP: Debian's Go 1.19 is not installed (apt-get install golang-1.19-go)" >&2
    exit 77
fi
de_setup
de_version 1.22.5
de_shims go gofmt
printf '1.22.5\n' >"$DE_WORK/.go-version"

# Builds a tiny main package as module $1 into $2, with Go 1.19 and nothing from the network.
build_as() {
    local module=$1 out=$2 src=$DE_TMP/src-${1//\//_}
    mkdir -p "$src"
    printf 'module %s\n\ngo 1.19\n' "$module" >"$src/go.mod"
    printf 'package main\n\nfunc main() { println("hi") }\n' >"$src/main.go"
    (cd "$src" && env -i PATH=/usr/bin:/bin HOME="$HOME" GOCACHE="$DE_TMP/gocache" \
        GOPATH="$DE_TMP/gopath" GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local \
        "$GO119" build -o "$out" .) || de_fail "go 1.19 could not build $module"
}

GOBIN_DIR=$DE_TMP/gobin
mkdir -p "$GOBIN_DIR"
build_as golang.org/x/tools/gopls "$GOBIN_DIR/gopls"
DE_ENV+=(GOBIN="$GOBIN_DIR")
de_doctor --json
de_expect tool-old-go warning
msg=$(de_text tool-old-go)
fix=$(de_text tool-old-go fix)
de_expect_contains "message" "$GOBIN_DIR/gopls (golang.org/x/tools/gopls) was built by go1.19" "$msg"
de_expect_contains "message" "selected Go 1.22.5" "$msg"
de_expect_contains "fix" '`go install golang.org/x/tools/gopls@latest`' "$fix"
echo "ok: gopls built by Go 1.19 is named by its path, with the fix" >&2

rm -f "$GOBIN_DIR/gopls"
build_as example.com/hello "$GOBIN_DIR/hello"
de_doctor --json
de_expect_none tool-old-go
echo "ok: a program that does not analyse Go is left alone" >&2
