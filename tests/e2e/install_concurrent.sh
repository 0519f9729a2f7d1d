# End-to-end: 8 concurrent `gover install` of one version make one install (one download) and
# all exit 0; the store holds one complete copy and no leftovers.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"

M=$MIRROR_ROOT_DIR
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz" linux-amd64 2000000
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_write "$M"
mirror_start "$M" || exit 1
gv list-remote >/dev/null 2>&1 # warm the index cache so the racers start together

pids=()
for i in $(seq 1 8); do
    gv install 1.22.5 >"$WORK/out.$i" 2>"$WORK/err.$i" &
    pids+=($!)
done
for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
        fail_check "racer $((i + 1)) failed: $(cat "$WORK/err.$((i + 1))")"
    fi
done
[[ $(archive_requests go1.22.5.linux-amd64.tar.gz) == 1 ]] ||
    fail_check "$(archive_requests go1.22.5.linux-amd64.tar.gz) downloads, not 1"
[[ $(grep -l '^Installed go1.22.5' "$WORK"/err.* | wc -l) == 1 ]] ||
    fail_check "not exactly one racer installed: $(cat "$WORK"/err.*)"
[[ $(ls "$GOVER_HOME/versions") == 1.22.5 ]] || fail_check "versions/: $(ls -A "$GOVER_HOME/versions")"
[[ $("$GOVER_HOME/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
    fail_check "the installed go does not run"
cmp -s <(tar -xzOf "$M/go1.22.5.linux-amd64.tar.gz" go/src/blob) "$GOVER_HOME/versions/1.22.5/src/blob" ||
    fail_check "the installed tree differs from the archive"
store_assert_no_leftovers "$GOVER_HOME" "concurrent installs"
cat "$WORK"/out.* | grep -q . && fail_check "install printed to stdout"

invariants_report
