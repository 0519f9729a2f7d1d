# End-to-end: the disk fills up during an install (GOVER_HOME on a 1 MiB tmpfs in a private
# mount namespace, an archive with 3 MB of incompressible data): one clear "No space left"
# error, the store as it was, no leftovers; after space is freed, the same install succeeds.
# Linux only: needs unshare(1) and mount namespaces (root, or unprivileged user namespaces).
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"

require_mount_namespace # sets ns=(unshare ...), or skips

M=$MIRROR_ROOT_DIR
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz" linux-amd64 3000000
go_toolchain_synthetic 1.21.0 "$M/go1.21.0.linux-amd64.tar.gz"
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_add 1.21.0 go1.21.0.linux-amd64.tar.gz
index_write "$M"
mirror_start "$M" || exit 1

# Everything below runs in the namespace, where GOVER_HOME is a small tmpfs.
export GOVER_BIN MIRROR_URL MIRROR_CA WATCH_DIR GOVER_HOME GOVER_SOURCE_DIR WORK
result=$WORK/ns.result
"${ns[@]}" bash -c '
    set -u
    source "$GOVER_SOURCE_DIR/tests/support/store_invariants.sh"
    gv() {
        env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" SSL_CERT_FILE="$MIRROR_CA" \
            GOVER_MIRROR="$MIRROR_URL" "$GOVER_BIN" "$@"
    }
    mount -t tmpfs -o size=1m gover-test "$GOVER_HOME" || { echo SKIP-MOUNT; exit 77; }
    expect_success "install 1.21.0 on the small disk" -- gv install 1.21.0
    expect_fault "disk full" "No space left on device" -- gv install 1.22.5
    mount -o remount,size=16m "$GOVER_HOME" || fail_check "cannot grow the tmpfs"
    expect_success "clean re-run with space" -- gv install 1.22.5
    [[ $("$GOVER_HOME/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
        fail_check "1.22.5 does not run"
    store_assert_no_leftovers "$GOVER_HOME" "after the re-run"
    invariants_report
' 2>&1 | tee "$result"
rc=${PIPESTATUS[0]}
if grep -q SKIP-MOUNT "$result"; then
    echo "SKIP: cannot mount a tmpfs in the namespace" >&2
    exit 77
fi
exit "$rc"
