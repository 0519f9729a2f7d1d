# End-to-end: gover install / list / uninstall against the nginx HTTPS mirror with small
# synthetic toolchains: installs, no-ops, several specs, --platform, no spec (selection),
# setuid bits stripped, empty sha256, no archive for the platform, wrong VERSION, tampering.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
require_archive_tool

M=$MIRROR_ROOT_DIR
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz"
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.darwin-amd64.tar.gz" darwin-amd64
go_toolchain_synthetic 1.22.4 "$M/go1.22.4.linux-amd64.tar.gz"
go_toolchain_synthetic 1.21.0 "$M/go1.21.0.linux-amd64.tar.gz"
go_toolchain_synthetic 1.15.15 "$M/go1.15.15.darwin-amd64.tar.gz" darwin-amd64
go_toolchain_synthetic 1.4 "$M/go1.4.linux-amd64.tar.gz"
go_toolchain_synthetic 1.19.1 "$M/go1.19.1.linux-amd64.tar.gz" # served as 1.19.2: wrong VERSION
"$ARCHIVE_TOOL" setuid 1.20 "$M/go1.20.linux-amd64.tar.gz" /nonexistent
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_add 1.22.5 go1.22.5.darwin-amd64.tar.gz darwin amd64
index_add 1.22.4 go1.22.4.linux-amd64.tar.gz
index_add 1.21.0 go1.21.0.linux-amd64.tar.gz
index_add 1.20 go1.20.linux-amd64.tar.gz
index_add 1.15.15 go1.15.15.darwin-amd64.tar.gz darwin amd64
index_add 1.4 go1.4.linux-amd64.tar.gz linux amd64 -
index_add 1.19.2 go1.19.1.linux-amd64.tar.gz
index_write "$M"
mirror_start "$M" || exit 1

# A plain install: nothing on stdout, a one-line summary on stderr (not a terminal).
out=$(gv install 1.22.5 2>"$WORK/err") || { cat "$WORK/err"; fail_check "install 1.22.5 failed"; }
[[ -z $out ]] || fail_check "install printed to stdout: $out"
grep -q "^Installed go1.22.5 (linux-amd64, .* in .*) in $GOVER_HOME/versions/1.22.5$" "$WORK/err" ||
    fail_check "no summary line: $(cat "$WORK/err")"
[[ $("$GOVER_HOME/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
    fail_check "versions/1.22.5/bin/go does not run"
[[ -f $GOVER_HOME/meta/1.22.5.json ]] || fail_check "no meta/1.22.5.json"
grep -q "\"sha256\": \"$(sha256sum <"$M/go1.22.5.linux-amd64.tar.gz" | cut -d' ' -f1)\"" \
    "$GOVER_HOME/meta/1.22.5.json" || fail_check "meta does not record the archive's sha256"
grep -q '"path":"bin/go","sha256":"' "$GOVER_HOME/meta/1.22.5.json" ||
    fail_check "meta has no manifest hash for bin/go"
for shim in go gofmt go1.22.5; do
    [[ -e $GOVER_HOME/shims/$shim || -L $GOVER_HOME/shims/$shim ]] || fail_check "no shims/$shim"
done
store_assert_no_leftovers "$GOVER_HOME" "install 1.22.5"

# Installed already: a fast no-op that says so and downloads nothing.
before=$(archive_requests go1.22.5.linux-amd64.tar.gz)
gv install 1.22.5 2>"$WORK/err" || fail_check "second install failed"
grep -q "already installed" "$WORK/err" || fail_check "no 'already installed' notice"
gv install 1.22 2>"$WORK/err" || fail_check "install 1.22 (series) failed"
grep -q "go1.22.5 is already installed" "$WORK/err" || fail_check "1.22 did not resolve to 1.22.5"
[[ $(archive_requests go1.22.5.linux-amd64.tar.gz) == "$before" ]] ||
    fail_check "a no-op install downloaded the archive again"

# --force reinstalls (and downloads again).
gv install --force 1.22.5 2>"$WORK/err" || fail_check "install --force failed: $(cat "$WORK/err")"
[[ $(archive_requests go1.22.5.linux-amd64.tar.gz) == $((before + 1)) ]] ||
    fail_check "--force did not download again"

# No directory entries in the archive (like go1.21.0): parents are created.
expect_success "install 1.21.0 (no directory entries)" -- gv install 1.21.0
[[ -x $GOVER_HOME/versions/1.21.0/bin/go ]] || fail_check "1.21.0 has no bin/go"

# setuid/setgid/sticky are stripped, not refused.
expect_success "install 1.20 (setuid archive)" -- gv install 1.20
[[ $(stat -c %a "$GOVER_HOME/versions/1.20/bin/go") == 755 ]] || fail_check "bin/go mode is not 755"
[[ $(stat -c %a "$GOVER_HOME/versions/1.20/pkg/setgid-sticky") == 644 ]] ||
    fail_check "setgid/sticky file is not 644"
[[ -z $(find "$GOVER_HOME/versions" -perm /7000) ]] || fail_check "special mode bits survived"

# Several specs: each one; exit 1 if any failed, keeping the others.
gv install 1.22.4 9.9.9 2>"$WORK/err"
rc=$?
[[ $rc == 1 ]] || fail_check "install 1.22.4 9.9.9 exited $rc, not 1"
[[ -x $GOVER_HOME/versions/1.22.4/bin/go ]] || fail_check "1.22.4 was not kept"
assert_error_line "$WORK/err" "9\.9\.9" "several specs"

# Usage errors exit 2 before anything is done.
gv install '../../etc' 2>"$WORK/err"
[[ $? == 2 ]] || fail_check "a malformed spec did not exit 2"
assert_error_line "$WORK/err" "" "malformed spec"
gv install system 2>"$WORK/err"
[[ $? == 2 ]] || fail_check "install system did not exit 2"

# Refusals that must leave the store as it was.
expect_fault "no archive for the platform" "darwin-arm64.*darwin-amd64, linux-amd64" -- \
    gv install --platform darwin-arm64 1.22.5 --force
expect_fault "empty sha256 in the index" "no sha256.*go1\.4\.linux-amd64\.tar\.gz" -- \
    gv install 1.4
expect_fault "VERSION names another release" "go1\.19\.1, not go1\.19\.2" -- gv install 1.19.2

# --platform installs another platform's archive as versions/<v>.
expect_success "install --platform darwin-amd64 1.15.15" -- \
    gv install --platform darwin-amd64 1.15.15
grep -q '"platform": "darwin-amd64"' "$GOVER_HOME/meta/1.15.15.json" ||
    fail_check "meta does not record darwin-amd64"
grep -q '"platform_override": true' "$GOVER_HOME/meta/1.15.15.json" ||
    fail_check "meta does not record the --platform override"

# list: newest first, data on stdout only.
expected=$'1.22.5\n1.22.4\n1.21.0\n1.20\n1.15.15'
[[ $(gv list 2>/dev/null) == "$expected" ]] || fail_check "list printed: $(gv list 2>&1)"
json=$(gv list --json 2>/dev/null)
if command -v python3 >/dev/null; then
    printf '%s' "$json" | python3 -c '
import json, sys
rows = json.load(sys.stdin)
assert [r["version"] for r in rows] == ["1.22.5", "1.22.4", "1.21.0", "1.20", "1.15.15"], rows
assert all(r["selected"] is False for r in rows), rows
assert rows[0]["path"].endswith("/versions/1.22.5"), rows
' || fail_check "list --json is wrong: $json"
fi

# No spec: the selected version (README "Which version runs"), and list marks it.
project=$WORK/project
mkdir -p "$project/sub"
printf 'nodejs 20.0.0\ngolang 1.22.4\n' >"$project/.tool-versions"
(cd "$project/sub" && gv install 2>"$WORK/err") || fail_check "install with no spec failed"
grep -q "1.22.4.*already installed" "$WORK/err" || fail_check "no-spec install: $(cat "$WORK/err")"
[[ $(cd "$project/sub" && gv list 2>/dev/null | sed -n 2p) == "1.22.4  (selected by $project/.tool-versions:2)" ]] ||
    fail_check "list does not mark the selection: $(cd "$project/sub" && gv list 2>&1)"
gv uninstall 1.22.4 2>/dev/null || fail_check "uninstall 1.22.4 failed"
(cd "$project/sub" && gv install 2>"$WORK/err") || fail_check "install with no spec failed: $(cat "$WORK/err")"
[[ -x $GOVER_HOME/versions/1.22.4/bin/go ]] || fail_check "install with no spec did not install 1.22.4"

# uninstall: the selected one goes, with a warning naming the pin.
(cd "$project" && gv uninstall 1.22.4 2>"$WORK/err") || fail_check "uninstall failed"
grep -q "^gover: warning: .*$project/.tool-versions:2" "$WORK/err" ||
    fail_check "no warning naming the pin: $(cat "$WORK/err")"
[[ ! -e $GOVER_HOME/versions/1.22.4 && ! -e $GOVER_HOME/meta/1.22.4.json ]] ||
    fail_check "uninstall left versions/ or meta/"
[[ ! -e $GOVER_HOME/shims/go1.22.4 && ! -L $GOVER_HOME/shims/go1.22.4 ]] ||
    fail_check "uninstall left shims/go1.22.4"
store_assert_no_leftovers "$GOVER_HOME" "uninstall"
expect_fault "uninstall of a version not installed" "1\.22\.4 is not installed" -- gv uninstall 1.22.4
gv uninstall '1.22;rm' 2>/dev/null
[[ $? == 2 ]] || fail_check "uninstall of a malformed version did not exit 2"

# Tampering: the index now gives another sha256 for an installed version.
cp "$M/go1.22.4.linux-amd64.tar.gz" "$M/go1.22.5.linux-amd64.tar.gz.new"
index_reset
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz linux amd64 "$(printf '%064d' 7)"
index_write "$M"
rm -rf "$GOVER_HOME/cache"
old_sha=$(sha256sum <"$M/go1.22.5.linux-amd64.tar.gz" | cut -d' ' -f1)
expect_fault "tampering" "0{63}7.*$old_sha|$old_sha.*0{63}7" -- gv install 1.22.5
expect_fault "tampering with --force" "possible tampering" -- gv install --force 1.22.5
# uninstall removes the record; then the new index is trusted.
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz"
index_reset
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_write "$M"
rm -rf "$GOVER_HOME/cache"
gv uninstall 1.22.5 2>/dev/null || fail_check "uninstall 1.22.5 failed"
expect_success "install after uninstall (new record)" -- gv install 1.22.5

# An unwritable store: one clear error naming the directory.
touch "$WORK/not-a-dir"
GOVER_HOME=$WORK/not-a-dir/home gv install 1.22.5 2>"$WORK/err"
[[ $? == 1 ]] || fail_check "an unwritable GOVER_HOME did not exit 1"
assert_error_line "$WORK/err" "$WORK/not-a-dir/home" "unwritable store"

invariants_report
