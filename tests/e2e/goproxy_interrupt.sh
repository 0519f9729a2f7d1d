# Interrupting an install through the module proxy (README "Installing through your company's Go
# module proxy"): SIGINT during the zip's download exits 130 and SIGTERM 143, leaving the store as
# it was and nothing in tmp/ (no .zip.part); after SIGKILL the next run cleans up and installs. A
# download cut short is resumed with Range (tests/support/fault_server.py).
# The zip is served slowly (nginx limit_rate) so the signal lands mid-download.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
source "$GOVER_SOURCE_DIR/tests/support/goproxy.sh"
EXTRA_CLEANUP=sumdb_stop

mkdir -p "$GOPROXY_ROOT"
go_toolchain_synthetic 1.22.5 "$WORK/a.tar.gz" linux-amd64 3000000 || exit 1
goproxy_add "$WORK/a.tar.gz" 1.22.5
mirror_add_conf 'location /dl/slow/ { alias @ROOT@/proxy/; limit_rate 100k; }'
mirror_start "$MIRROR_ROOT_DIR" || exit 1
goproxy_urls
sumdb_start || exit 1
export GVP_GOPROXY=${MIRROR_URL}slow

# Waits until a .zip.part has bytes in it (the download is under way).
wait_for_part() {
    local _
    for _ in $(seq 1 200); do
        if find "$GOVER_HOME/tmp" -name '*.zip.part' -size +1k 2>/dev/null | grep -q .; then
            return 0
        fi
        sleep 0.05
    done
    fail_check "no .zip.part appeared"
    return 1
}

for signal in INT TERM; do
    before=$(store_snapshot "$GOVER_HOME")
    gvp_bg install 1.22.5
    pid=$GVP_PID
    wait_for_part
    kill -s "$signal" "$pid"
    wait "$pid"
    rc=$?
    want=130
    [[ $signal == TERM ]] && want=143
    [[ $rc == "$want" ]] || fail_check "SIG$signal: exit $rc, not $want ($(cat "$WORK/bg.err"))"
    assert_error_line "$WORK/bg.err" "interrupted" "SIG$signal"
    store_assert_unchanged "$GOVER_HOME" "$before" "SIG$signal"
    store_assert_no_leftovers "$GOVER_HOME" "SIG$signal"
    echo "ok: SIG$signal mid-download: exit $rc" >&2
done

gvp_bg install 1.22.5
pid=$GVP_PID
wait_for_part
kill -KILL "$pid"
wait "$pid" 2>/dev/null
[[ -n $(ls -A "$GOVER_HOME/tmp") ]] || fail_check "SIGKILL left nothing to clean (the test is not testing)"
GVP_GOPROXY=$GOPROXY_URL gvp install 1.22.5 2>"$WORK/err" || fail_check "re-run after SIGKILL: $(cat "$WORK/err")"
[[ $("$GOVER_HOME/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
    fail_check "1.22.5 does not run after the re-run"
store_assert_no_leftovers "$GOVER_HOME" "re-run after SIGKILL"
echo "ok: SIGKILL mid-download, then a clean re-run" >&2

# A download cut short is resumed with a Range request (the fault server cuts the first response).
fault_server_start "$MIRROR_ROOT_DIR" truncate-once:200000 || exit 1
rm -rf "$GOVER_HOME/versions/1.22.5" "$GOVER_HOME/meta/1.22.5.json"
GV_CA=$FAULT_CA GVP_GOPROXY=${FAULT_URL}proxy gvp install 1.22.5 2>"$WORK/err" ||
    fail_check "a truncated download: $(cat "$WORK/err")"
grep -q "$(goproxy_mv 1.22.5).zip 206 range=bytes=200000-" "$FAULT_LOG" ||
    fail_check "the download was not resumed: $(cat "$FAULT_LOG")"
[[ -x $GOVER_HOME/versions/1.22.5/bin/go ]] || fail_check "1.22.5 not installed after the resume"
store_assert_no_leftovers "$GOVER_HOME" "a resumed download"
echo "ok: a truncated download is resumed" >&2

invariants_report
