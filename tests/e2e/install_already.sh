# End-to-end: "Installed already: a no-op that says so" (README "Commands") when the installed copy is
# another platform's build (`--platform`), and the tampering check (README "How it works") comparing that copy with
# the index entry it came from, not with the host's archive:
#   - install --platform darwin-amd64 1.22.4, then `install 1.22.4`: a no-op, no download;
#   - a version the index has only for darwin-amd64, installed with --platform: `install` of it
#     is a no-op, not "no archive for linux-amd64";
#   - the darwin-amd64 entry's sha256 changed in the index: refused as possible tampering;
#   - --force with the host's archive then replaces the darwin-amd64 copy (no false alarm).
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"

M=$MIRROR_ROOT_DIR
go_toolchain_synthetic 1.22.4 "$M/go1.22.4.linux-amd64.tar.gz"
go_toolchain_synthetic 1.22.4 "$M/go1.22.4.darwin-amd64.tar.gz" darwin-amd64
go_toolchain_synthetic 1.15.15 "$M/go1.15.15.darwin-amd64.tar.gz" darwin-amd64
write_index() { # $1: the sha256 for the darwin-amd64 1.22.4 archive (empty: the real one)
    index_reset
    index_add 1.22.4 go1.22.4.linux-amd64.tar.gz
    index_add 1.22.4 go1.22.4.darwin-amd64.tar.gz darwin amd64 "${1:-}"
    index_add 1.15.15 go1.15.15.darwin-amd64.tar.gz darwin amd64
    index_write "$M"
    rm -rf "$GOVER_HOME/cache" # the next run reads the index again
}
write_index
mirror_start "$M" || exit 1
requests() { archive_requests "$1"; }

expect_success "install --platform darwin-amd64 1.22.4" -- gv install --platform darwin-amd64 1.22.4
expect_success "install --platform darwin-amd64 1.15.15" -- gv install --platform darwin-amd64 1.15.15
snapshot=$(store_snapshot "$GOVER_HOME")

# The host's install of a version that is there for another platform: a no-op that says so.
for spec in 1.22.4 1.22 1.15.15; do
    out=$(gv install "$spec" 2>"$WORK/err")
    rc=$?
    [[ $rc == 0 && -z $out ]] || fail_check "install $spec: exit $rc, stdout '$out': $(cat "$WORK/err")"
    grep -Eq "^go1\.(22\.4|15\.15) \(darwin-amd64\) is already installed in " "$WORK/err" ||
        fail_check "install $spec does not say it is installed: $(cat "$WORK/err")"
done
[[ $(requests go1.22.4.linux-amd64.tar.gz) == 0 ]] ||
    fail_check "the no-op downloaded the linux-amd64 archive"
store_assert_unchanged "$GOVER_HOME" "$snapshot" "no-op installs"
grep -q '"platform": "darwin-amd64"' "$GOVER_HOME/meta/1.22.4.json" ||
    fail_check "meta/1.22.4.json does not record darwin-amd64"

# The entry the darwin-amd64 copy came from changes: possible tampering, naming both hashes.
real=$(sha256sum <"$M/go1.22.4.darwin-amd64.tar.gz" | cut -d' ' -f1)
fake=$(printf '%064d' 7)
write_index "$fake"
expect_fault "changed hash of the --platform archive" "$fake.*go1\.22\.4\.darwin-amd64\.tar\.gz.*$real" -- \
    gv install 1.22.4
write_index

# --force installs the host's archive over it: its different hash is not tampering.
expect_success "install --force 1.22.4 (linux-amd64 over darwin-amd64)" -- gv install --force 1.22.4
[[ $("$GOVER_HOME/versions/1.22.4/bin/go" version) == "go version go1.22.4 linux/amd64" ]] ||
    fail_check "--force did not install the linux-amd64 archive"
grep -q '"platform": "linux-amd64"' "$GOVER_HOME/meta/1.22.4.json" ||
    fail_check "meta/1.22.4.json does not record linux-amd64 after --force"
# And back: --platform --force over the linux copy.
expect_success "install --force --platform darwin-amd64 1.22.4" -- \
    gv install --force --platform darwin-amd64 1.22.4
store_assert_no_leftovers "$GOVER_HOME" "after the reinstalls"

invariants_report
