# End-to-end (issue 7): a read-only store. Root ignores chmod, so the store is made read-only
# the way a full or remounted disk is: a bind mount remounted read-only in a private mount
# namespace. Two cases:
#   (a) all of $GOVER_HOME read-only: install fails before downloading, naming the cause;
#   (b) only versions/ read-only (cache, tmp, locks writable): the download and unpack succeed
#       and the final rename fails (EXDEV: a bind mount is a mount of its own; EROFS elsewhere),
#       so the staging directory must be cleaned up; --force must keep the old copy.
# In both, the five invariants hold, installing the installed version is the usual no-op, and the
# shim, `list` and `current` still run the installed version; back on a writable store the same
# install succeeds.
# Linux only: needs unshare(1) and mount namespaces (root, or unprivileged user namespaces).
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
cd "$WORK" # no pin file or go.mod around the build dir may select a version here

require_mount_namespace # sets ns=(unshare ...), or skips
: "${GOVER_SHIM_BIN:?GOVER_SHIM_BIN must point at the gover-shim binary}"

M=$MIRROR_ROOT_DIR
go_toolchain_synthetic 1.21.0 "$M/go1.21.0.linux-amd64.tar.gz"
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz" linux-amd64 200000
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_add 1.21.0 go1.21.0.linux-amd64.tar.gz
index_write "$M"
mirror_start "$M" || exit 1

export GOVER_SHIM_PATH=$GOVER_SHIM_BIN
expect_success "install 1.21.0 on a writable store" -- gv install 1.21.0
echo 1.21.0 >"$GOVER_HOME/global"
[[ -x $GOVER_HOME/shims/go ]] || fail_check "install made no shims/go"

# Everything below runs in the namespace; $1 is the directory made read-only.
export GOVER_BIN MIRROR_URL MIRROR_CA WATCH_DIR GOVER_HOME GOVER_SOURCE_DIR GOVER_SHIM_PATH
readonly_case() {
    local label=$1 target=$2 regex=$3
    "${ns[@]}" bash -c '
        set -u
        label=$1 target=$2 regex=$3
        source "$GOVER_SOURCE_DIR/tests/support/store_invariants.sh"
        gv() {
            env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" SSL_CERT_FILE="$MIRROR_CA" \
                GOVER_MIRROR="$MIRROR_URL" "$GOVER_BIN" "$@"
        }
        if ! mount --bind "$target" "$target" || ! mount -o remount,bind,ro "$target"; then
            echo SKIP-MOUNT
            exit 77
        fi
        if touch "$target/.probe" 2>/dev/null; then
            echo "FAIL: $label: $target is still writable" >&2
            exit 1
        fi
        # Installed already: the no-op of README "Commands", read-only store or not.
        out=$(gv install 1.21.0 2>&1)
        rc=$?
        [[ $rc == 0 && $out == "go1.21.0 is already installed in $GOVER_HOME/versions/1.21.0"* ]] ||
            fail_check "$label: install of an installed version: exit $rc: $out"
        expect_fault "$label: install" "$regex" -- gv install 1.22.5
        expect_fault "$label: install --force of an installed version" "$regex" -- \
            gv install --force 1.21.0
        expect_fault "$label: uninstall" "$regex" -- gv uninstall 1.21.0
        # What is installed still runs, through the shim and through gover.
        out=$(env PATH="$GOVER_HOME/shims:/usr/bin:/bin" HOME="$WATCH_DIR" go version 2>&1)
        [[ $out == "go version go1.21.0 linux/amd64" ]] ||
            fail_check "$label: the shim does not run 1.21.0: $out"
        out=$(env PATH="$GOVER_HOME/shims:/usr/bin:/bin" HOME="$WATCH_DIR" go1.21.0 version 2>&1)
        [[ $out == "go version go1.21.0 linux/amd64" ]] ||
            fail_check "$label: go1.21.0 does not run: $out"
        [[ $(gv list 2>&1) == "1.21.0  (selected by $GOVER_HOME/global)" ]] ||
            fail_check "$label: list: $(gv list 2>&1)"
        [[ $(gv current 2>&1) == "1.21.0 (set by $GOVER_HOME/global)" ]] ||
            fail_check "$label: current: $(gv current 2>&1)"
        out=$(gv exec -- go version 2>&1)
        [[ $out == "go version go1.21.0 linux/amd64" ]] ||
            fail_check "$label: exec: $out"
        invariants_report
    ' readonly-store "$label" "$target" "$regex" 2>&1 | tee "$WORK/ns.result"
    local rc=${PIPESTATUS[0]}
    if grep -q SKIP-MOUNT "$WORK/ns.result"; then
        echo "SKIP: cannot remount a bind mount read-only in the namespace" >&2
        exit 77
    fi
    ((rc == 0)) || FAILURES=$((FAILURES + 1))
}

# (a) The whole store. The index is cached already (the first install fetched it), so gover
# gets as far as it can with a read-only cache too. tmp/ and locks/ are disposable (README
# "How it works"): gone, they cannot be made again, and a no-op install must not need them.
rm -rf "$GOVER_HOME/tmp" "$GOVER_HOME/locks"
readonly_case "read-only GOVER_HOME" "$GOVER_HOME" "Read-only file system"
# (b) Only versions/: staging under tmp/ works, the rename into versions/ cannot. A fresh
# index fetch exercises the writable cache on the way.
rm -rf "$GOVER_HOME/cache"
readonly_case "read-only versions/" "$GOVER_HOME/versions" "Read-only file system|cross-device"

# Outside the namespace the store is writable again: a clean re-run succeeds.
expect_success "install 1.22.5 on a writable store" -- gv install 1.22.5
[[ $("$GOVER_HOME/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
    fail_check "1.22.5 does not run after the re-run"
store_assert_no_leftovers "$GOVER_HOME" "after the re-run"
invariants_report
