# End-to-end (issue 7, README "How it works" "Trust"): the index changes the sha256 of an installed version.
# install_basic.sh covers the plain refusal and that uninstall clears the record; this adds:
# `install --force` is refused naming both hashes (the recorded and the new one) whether the
# index comes fresh from the mirror or from the cached digest; the installed copy still runs;
# other versions in the same index are unaffected (installed, force-reinstalled, listed);
# Each refusal keeps the five invariants.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
cd "$WORK" # no pin file or go.mod around the build dir may select a version here
: "${GOVER_SHIM_BIN:?GOVER_SHIM_BIN must point at the gover-shim binary}"
export GOVER_SHIM_PATH=$GOVER_SHIM_BIN

M=$MIRROR_ROOT_DIR
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz"
go_toolchain_synthetic 1.21.0 "$M/go1.21.0.linux-amd64.tar.gz"
go_toolchain_synthetic 1.20 "$M/go1.20.linux-amd64.tar.gz"
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_add 1.21.0 go1.21.0.linux-amd64.tar.gz
index_add 1.20 go1.20.linux-amd64.tar.gz
index_write "$M"
mirror_start "$M" || exit 1

expect_success "install 1.22.5 and 1.21.0" -- gv install 1.22.5 1.21.0
recorded=$(sha256sum <"$M/go1.22.5.linux-amd64.tar.gz" | cut -d' ' -f1)
grep -q "$recorded" "$GOVER_HOME/meta/1.22.5.json" || fail_check "meta/1.22.5.json lacks the sha256"

# The mirror now serves another archive for 1.22.5, with an index that vouches for it.
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz" linux-amd64 1000
index_reset
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_add 1.21.0 go1.21.0.linux-amd64.tar.gz
index_add 1.20 go1.20.linux-amd64.tar.gz
index_write "$M"
served=$(sha256sum <"$M/go1.22.5.linux-amd64.tar.gz" | cut -d' ' -f1)
[[ $served != "$recorded" ]] || fail_check "the test archive did not change"
both="$recorded.*$served|$served.*$recorded"

rm -rf "$GOVER_HOME/cache" # a fresh index from the mirror
requests_before=$(archive_requests go1.22.5.linux-amd64.tar.gz)
expect_fault "install --force, fresh index" "possible tampering.*($both)|($both).*possible tampering" -- \
    gv install --force 1.22.5
# The cached digest (written by the run above) gives the same answer.
expect_fault "install --force, cached index" "$both" -- gv install --force 1.22.5
expect_fault "install, cached index" "$both" -- gv install 1.22.5
[[ $(archive_requests go1.22.5.linux-amd64.tar.gz) == "$requests_before" ]] ||
    fail_check "the tampered archive was downloaded"

# The installed copy is untouched and still runs, directly and through the shim.
[[ $("$GOVER_HOME/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
    fail_check "1.22.5 no longer runs"
[[ ! -e $GOVER_HOME/versions/1.22.5/src/blob ]] || fail_check "the new archive was unpacked"
out=$(env PATH="$GOVER_HOME/shims:/usr/bin:/bin" HOME="$WATCH_DIR" GOVER_VERSION=1.22.5 go version 2>&1)
[[ $out == "go version go1.22.5 linux/amd64" ]] || fail_check "the shim does not run 1.22.5: $out"

# Other versions in the same index are unaffected.
expect_success "install --force 1.21.0 (same sha256)" -- gv install --force 1.21.0
expect_success "install 1.20 (new)" -- gv install 1.20
[[ $(gv list 2>/dev/null | tr '\n' ' ') == "1.22.5 1.21.0 1.20 " ]] ||
    fail_check "list: $(gv list 2>&1 | tr '\n' ' ')"
store_assert_no_leftovers "$GOVER_HOME" "after the refusals"

invariants_report
