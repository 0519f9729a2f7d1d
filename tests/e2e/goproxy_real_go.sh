# The module proxy source with the REAL Go 1.19.8 (README "Installing through your company's Go
# module proxy"), and Go itself as the judge: the toolchain zip (built from the same archive the
# mirror tests serve, as Go's release tooling lays it out) in a static GOPROXY tree on nginx over
# HTTPS, its h1: in the checksum database test server (Go's x/mod/sumdb). gover installs it and
# `go version` runs through the shim; Debian's real `go` downloads the same module version through
# the same proxy and database, and gover's recorded h1: must equal go's Sum. Then a zip with one
# byte changed: both must refuse it.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
source "$GOVER_SOURCE_DIR/tests/support/goproxy.sh"
EXTRA_CLEANUP=sumdb_stop

archive=$(go_toolchain_real "$GOVER_BUILD_DIR/test-cache") || exit $?
mv=$(goproxy_mv 1.19.8)
mkdir -p "$GOPROXY_ROOT"
goproxy_add "$archive" 1.19.8 || fail_check "cannot make the module zip"
mirror_start "$MIRROR_ROOT_DIR" || exit 1
goproxy_urls
sumdb_start || exit 1

GO=/usr/lib/go-1.19/bin/go
# Debian's go as a module client: nothing from the machine's own settings.
run_go() {
    local gowork=$1
    shift
    mkdir -p "$gowork/empty"
    (cd "$gowork/empty" && env -u GOROOT -u GOFLAGS -u GONOSUMDB -u GOPRIVATE -u GONOPROXY \
        -u GOINSECURE HOME="$gowork" GOPATH="$gowork/gopath" GOMODCACHE="$gowork/modcache" \
        GOCACHE="$gowork/cache" GOENV=off GO111MODULE=on GOFLAGS=-modcacherw \
        GOPROXY="$GOPROXY_URL" GOSUMDB="$SUMDB_VKEY $SUMDB_URL" SSL_CERT_FILE="$MIRROR_CA" \
        "$GO" "$@")
}

# gover installs it through the proxy.
gvp install 1.19.8 2>"$WORK/err" || fail_check "gover install 1.19.8 through the proxy: $(cat "$WORK/err")"
root=$GOVER_HOME/versions/1.19.8
[[ $("$root/bin/go" version 2>&1) == "go version go1.19.8 linux/amd64" ]] ||
    fail_check "versions/1.19.8/bin/go version: $("$root/bin/go" version 2>&1)"
meta=$GOVER_HOME/meta/1.19.8.json
recorded=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["source"], m["module_version"], m["h1"], m["sumdb_name"], m["sumdb_tree_size"], m["sumdb_root_hash"] != "")' "$meta")
read -r source module_version gover_h1 dbname treesize has_root <<<"$recorded"
[[ $source == goproxy && $module_version == "$mv" && $dbname == "$SUMDB_NAME" && $treesize -gt 0 &&
    $has_root == True ]] || fail_check "meta/1.19.8.json records: $recorded"
[[ -s $GOVER_HOME/sumdb/$SUMDB_NAME/latest ]] || fail_check "sumdb/$SUMDB_NAME/latest was not written"
store_assert_no_leftovers "$GOVER_HOME" "real install through the proxy"

# `go version` through the shim.
shims=$GOVER_HOME/shims
out=$(cd "$WORK" && env HOME="$WATCH_DIR" GOVER_HOME="$GOVER_HOME" GOVER_VERSION=1.19.8 \
    PATH="$shims:/usr/bin:/bin" go version 2>&1)
[[ $out == "go version go1.19.8 linux/amd64" ]] || fail_check "go version through the shim: $out"

# A hello-world module built with it through the shim, offline.
hello=$WORK/hello
mkdir -p "$hello"
printf 'module example.com/hello\n\ngo 1.19\n' >"$hello/go.mod"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello, gover") }\n' >"$hello/main.go"
(cd "$hello" && env -u GOROOT -u GOFLAGS -u GOTOOLCHAIN HOME="$WORK/gohome" GOVER_HOME="$GOVER_HOME" \
    GOVER_VERSION=1.19.8 GOPATH="$WORK/gopath" GOCACHE="$WORK/gocache" GOPROXY=off CGO_ENABLED=0 \
    PATH="$shims:/usr/bin:/bin" go build -o hello . 2>"$WORK/build.err") ||
    fail_check "go build through the shim failed: $(cat "$WORK/build.err")"
[[ $("$hello/hello" 2>&1) == "hello, gover" ]] || fail_check "the built program does not run"

# THE ORACLE: the real go downloads and verifies the same module version.
run_go "$WORK/go1" mod download -json "golang.org/toolchain@$mv" >"$WORK/go1.json" 2>"$WORK/go1.err" ||
    fail_check "go mod download failed: $(cat "$WORK/go1.err")"
go_sum=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Sum"])' "$WORK/go1.json")
[[ -n $go_sum && $go_sum == "$gover_h1" ]] ||
    fail_check "gover recorded $gover_h1, go says Sum $go_sum"
echo "ok: gover's h1 $gover_h1 equals go's Sum" >&2

# The zip rewritten with one byte of one file changed (a valid zip, a different h1:): both refuse
# it.
zip=$(goproxy_zip 1.19.8)
python3 "$GOVER_SOURCE_DIR/tests/support/goproxy_tamper.py" "$zip" VERSION ||
    fail_check "cannot tamper with the zip"
rm -rf "$GOVER_HOME/cache"
expect_fault "a tampered zip (gover)" "checksum mismatch for golang.org/toolchain@$mv" -- gvp install --force 1.19.8
run_go "$WORK/go2" mod download -json "golang.org/toolchain@$mv" >"$WORK/go2.json" 2>"$WORK/go2.err" &&
    fail_check "go accepted the tampered zip"
grep -Eq "SECURITY ERROR|checksum mismatch|zip: checksum error|flate" "$WORK/go2.json" "$WORK/go2.err" ||
    fail_check "go refused the tampered zip for another reason: $(cat "$WORK/go2.json" "$WORK/go2.err")"
echo "ok: go refuses the tampered zip too" >&2
[[ $("$root/bin/go" version 2>&1) == "go version go1.19.8 linux/amd64" ]] ||
    fail_check "the installed 1.19.8 changed after the refused reinstall"

invariants_report
