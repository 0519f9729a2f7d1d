# End-to-end: faults nginx cannot make, from tests/support/fault_server.py over HTTPS: a 500
# then 200 (the retry succeeds), a cut-short body that resumes with Range, a body cut short on
# every attempt, a stalled transfer (abandoned by the low-speed limit, not hung), and a server
# that ignores Range on the retry. Failures are checked against the five invariants.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
fault_server_require

M=$MIRROR_ROOT_DIR
# ~300 KB of incompressible data: room to cut a transfer short.
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz" linux-amd64 300000
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_write "$M"
size=$(stat -c %s "$M/go1.22.5.linux-amd64.tar.gz")

# Runs one fault server in mode $1 and points gv at it.
serve() {
    fault_server_stop
    fault_server_start "$M" "$1" || exit 1
    GV_MIRROR=$FAULT_URL
    GV_CA=$FAULT_CA
    export GV_MIRROR GV_CA
}
archive_log() { grep "^/dl/go1.22.5.linux-amd64.tar.gz " "$FAULT_LOG"; }
fresh_store() {
    rm -rf "$GOVER_HOME"
    mkdir -p "$GOVER_HOME"
}

# 500 then 200: retried, installed.
serve fail-once:500
expect_success "500 then 200" -- gv install 1.22.5
[[ $(archive_log | awk '{print $2}' | tr '\n' ' ') == "500 200 " ]] ||
    fail_check "500-then-200 requests: $(archive_log | tr '\n' ';')"

# 429 is transient too.
fresh_store
serve fail-once:429
expect_success "429 then 200" -- gv install 1.22.5

# Cut short once: the next attempt resumes where the first stopped.
fresh_store
serve truncate-once:100000
expect_success "truncated once, resumed" -- gv install 1.22.5
archive_log | sed -n 2p | grep -q "206 range=bytes=100000-" ||
    fail_check "the retry did not resume with Range: $(archive_log | tr '\n' ';')"

# Cut short and the server ignores Range on the retry: starts over, the hash decides.
fresh_store
serve truncate-once:100000,ignore-range
expect_success "server ignoring Range" -- gv install 1.22.5
[[ $(archive_log | awk '{print $2}' | tr '\n' ' ') == "200 200 " ]] ||
    fail_check "ignore-range requests: $(archive_log | tr '\n' ';')"

# Cut short on every attempt: fails after three.
fresh_store
serve truncate:50000
expect_fault "truncated body" "go1\.22\.5\.linux-amd64\.tar\.gz" -- gv install 1.22.5
[[ $(archive_log | wc -l) == 3 ]] || fail_check "truncated: $(archive_log | wc -l) attempts, not 3"
serve ok
expect_success "clean re-run after truncation" -- gv install 1.22.5

# A stall: abandoned by the low-speed limit (2 s here), not waited on forever.
fresh_store
serve stall:1000 # little enough that curl's 5-second speed window drops at once
start=$SECONDS
GOVER_LOW_SPEED_TIME=2 expect_fault "stalled transfer" "too slow|stall|timed out|timeout" -- gv install 1.22.5
((SECONDS - start < 60)) || fail_check "the stalled install took $((SECONDS - start)) s"
serve ok
expect_success "clean re-run after a stall" -- gv install 1.22.5

# A slow transfer is not a stalled one: no total timeout.
fresh_store
serve slow:200000
GOVER_LOW_SPEED_TIME=1 expect_success "slow but steady transfer" -- gv install 1.22.5
[[ $(stat -c %s "$M/go1.22.5.linux-amd64.tar.gz") == "$size" ]]

invariants_report
