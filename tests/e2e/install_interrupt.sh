# End-to-end: signals during an install. SIGINT exits 130 and SIGTERM 143 with nothing left
# behind; after SIGKILL during the download or during unpacking, the store never shows a half
# install and the next run cleans up and succeeds.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
fault_server_require

M=$MIRROR_ROOT_DIR
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz" linux-amd64 1000000
go_toolchain_synthetic 1.21.0 "$M/go1.21.0.linux-amd64.tar.gz"
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_add 1.21.0 go1.21.0.linux-amd64.tar.gz
index_write "$M"

serve() {
    fault_server_stop
    fault_server_start "$M" "$1" || exit 1
    export GV_MIRROR=$FAULT_URL GV_CA=$FAULT_CA
}
# Starts gover in the background as its own process (not a subshell), so signals reach it.
gv_bg() {
    (exec env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" GOVER_HOME="$GOVER_HOME" \
        SSL_CERT_FILE="$GV_CA" GOVER_MIRROR="$GV_MIRROR" "$GOVER_BIN" "$@") 2>"$WORK/bg.err" &
    BG_PID=$!
}
# Waits (up to 20 s) until a path matching the glob exists.
wait_for() {
    local i
    for i in $(seq 1 400); do
        compgen -G "$1" >/dev/null && return 0
        sleep 0.05
    done
    fail_check "timed out waiting for $1"
    return 1
}

serve ok
expect_success "a first toolchain" -- gv install 1.21.0
snapshot=$(store_snapshot "$GOVER_HOME")

for signal in INT TERM; do
    serve slow-once:50000
    gv_bg install 1.22.5
    wait_for "$GOVER_HOME/tmp/install-1.22.5-*/src/README"
    kill -s "$signal" "$BG_PID"
    wait "$BG_PID"
    rc=$?
    want=$([[ $signal == INT ]] && echo 130 || echo 143)
    [[ $rc == "$want" ]] || fail_check "SIG$signal: exit $rc, not $want"
    assert_error_line "$WORK/bg.err" "interrupted" "SIG$signal"
    store_assert_unchanged "$GOVER_HOME" "$snapshot" "SIG$signal"
    store_assert_no_leftovers "$GOVER_HOME" "SIG$signal"
    echo "ok: SIG$signal exits $rc and leaves nothing" >&2
done

# SIGKILL while the download waits for bytes, then while a file is being unpacked.
for phase in download unpack; do
    if [[ $phase == download ]]; then
        serve delay-once:30
        gv_bg install 1.22.5
        wait_for "$GOVER_HOME/tmp/install-1.22.5-*"
        for i in $(seq 1 100); do
            grep -q "go1.22.5.linux-amd64.tar.gz" "$FAULT_LOG" && break
            sleep 0.05
        done
        sleep 0.3
    else
        serve slow-once:50000
        gv_bg install 1.22.5
        wait_for "$GOVER_HOME/tmp/install-1.22.5-*/src/blob"
    fi
    kill -KILL "$BG_PID"
    wait "$BG_PID" 2>/dev/null
    compgen -G "$GOVER_HOME/tmp/install-1.22.5-*" >/dev/null ||
        fail_check "SIGKILL during $phase left no staging directory: the test did not hit the window"
    store_assert_unchanged "$GOVER_HOME" "$snapshot" "SIGKILL during $phase"
    [[ $(gv list 2>/dev/null) == 1.21.0 ]] || fail_check "list after SIGKILL: $(gv list 2>&1)"
    # The next run cleans up (the killed process's lock died with it) and succeeds.
    expect_success "re-run after SIGKILL during $phase" -- gv install 1.22.5
    store_assert_no_leftovers "$GOVER_HOME" "re-run after SIGKILL during $phase"
    [[ $("$GOVER_HOME/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
        fail_check "1.22.5 does not run after the re-run"
    gv uninstall 1.22.5 2>/dev/null
done

invariants_report
