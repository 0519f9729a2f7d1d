# End-to-end: the retry edges of README "How it works" that nginx cannot make, from
# tests/support/fault_server.py over HTTPS:
#   - a 416 answer to the resume request: the install starts over from byte 0 within the three
#     attempts and succeeds; when the third attempt is cut short too it fails cleanly;
#   - Retry-After on 503: honoured when it fits the back-off budget, capped when it does not
#     (an hour is never waited for; the error says what the mirror asked);
#   - SIGINT while the index fetch waits to retry: exit 130 at once, nothing left behind.
# Time is only bounded generously (a retry that waited, a run that did not hang).
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
fault_server_require

M=$MIRROR_ROOT_DIR
# ~300 KB of incompressible data: room to cut a transfer short.
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz" linux-amd64 300000
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_write "$M"

serve() {
    fault_server_stop
    fault_server_start "$M" "$1" || exit 1
    export GV_MIRROR=$FAULT_URL GV_CA=$FAULT_CA
}
archive_log() { grep "^/dl/go1.22.5.linux-amd64.tar.gz " "$FAULT_LOG"; }
statuses() { archive_log | awk '{print $2}' | tr '\n' ' '; }
fresh_store() {
    rm -rf "$GOVER_HOME"
    mkdir -p "$GOVER_HOME"
}
now_ms() { date +%s%3N; }
installed_ok() {
    [[ $("$GOVER_HOME/versions/1.22.5/bin/go" version 2>&1) == "go version go1.22.5 linux/amd64" ]] ||
        fail_check "$1: versions/1.22.5 does not run"
}

# --- 416 to the resume request -----------------------------------------------------------
# Cut short, the Range request refused with 416, then the whole file from byte 0.
serve truncate-once:100000,range-416-once
expect_success "416 on resume, then from the start" -- gv install 1.22.5
[[ $(statuses) == "200 416 200 " ]] || fail_check "416 requests: $(archive_log | tr '\n' ';')"
archive_log | sed -n 3p | grep -q "range=-$" ||
    fail_check "the attempt after the 416 asked for a Range: $(archive_log | sed -n 3p)"
installed_ok "416 on resume"
store_assert_no_leftovers "$GOVER_HOME" "416 on resume"

# Cut short on every attempt, with the 416 in between: three attempts, then a clean failure.
fresh_store
serve truncate:50000,range-416-once
expect_fault "416 on resume, cut short again" "go1\.22\.5\.linux-amd64\.tar\.gz.*after 3 attempts" -- \
    gv install 1.22.5
[[ $(statuses) == "200 416 200 " ]] || fail_check "416 then cut: $(archive_log | tr '\n' ';')"
serve ok
expect_success "clean re-run after the 416 failure" -- gv install 1.22.5

# --- Retry-After ----------------------------------------------------------------------------
# Budget 3 s: the schedule alone waits 1 s before the second attempt; the mirror asks for 2.
fresh_store
serve fail-once:503,retry-after:2
start=$(now_ms)
GOVER_RETRY_BACKOFF=3 expect_success "503 with Retry-After: 2" -- gv install 1.22.5
took=$(($(now_ms) - start))
[[ $(statuses) == "503 200 " ]] || fail_check "Retry-After requests: $(archive_log | tr '\n' ';')"
((took >= 1900)) || fail_check "Retry-After: 2 was not honoured: the install took $took ms"
((took < 60000)) || fail_check "Retry-After: 2: the install took $took ms"
installed_ok "Retry-After: 2"

# An hour is more than the budget (0.5 s here): no retry can come late enough, so gover gives up
# at once, and the error says what the mirror asked for.
fresh_store
serve status:503,retry-after:3600
start=$(now_ms)
GOVER_RETRY_BACKOFF=0.5 expect_fault "503 with Retry-After: 3600" \
    "HTTP 503.*retry in 3600 s" -- gv install 1.22.5
took=$(($(now_ms) - start))
[[ $(archive_log | wc -l) == 1 ]] || fail_check "Retry-After: 3600: $(archive_log | wc -l) attempts"
((took < 30000)) || fail_check "Retry-After: 3600 was waited for: the install took $took ms"

# --- SIGINT while waiting to retry the index -----------------------------------------------
# The index answers 503 asking for 30 s, within a budget of a minute: gover sits in the back-off
# when the signal comes, and must not wait it out.
fresh_store
serve ok
expect_success "a first install" -- gv install 1.22.5
rm -rf "$GOVER_HOME/cache" # the index must be fetched
snapshot=$(store_snapshot "$GOVER_HOME")
serve index-status:503,retry-after:30
(exec env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" GOVER_HOME="$GOVER_HOME" SSL_CERT_FILE="$GV_CA" \
    GOVER_MIRROR="$GV_MIRROR" GOVER_RETRY_BACKOFF=60 "$GOVER_BIN" install --force 1.22.5) \
    2>"$WORK/bg.err" &
pid=$!
for _ in $(seq 1 200); do
    grep -q "mode=json.* 503 " "$FAULT_LOG" && break
    sleep 0.05
done
grep -q "mode=json.* 503 " "$FAULT_LOG" || fail_check "the index was never requested"
sleep 0.3 # into the back-off
start=$(now_ms)
kill -INT "$pid"
wait "$pid"
rc=$?
took=$(($(now_ms) - start))
[[ $rc == 130 ]] || fail_check "SIGINT during the index back-off: exit $rc, not 130"
((took < 15000)) || fail_check "SIGINT during the index back-off took $took ms to act"
assert_error_line "$WORK/bg.err" "interrupted" "SIGINT during the index back-off"
store_assert_unchanged "$GOVER_HOME" "$snapshot" "SIGINT during the index back-off"
store_assert_no_leftovers "$GOVER_HOME" "SIGINT during the index back-off"

invariants_report
