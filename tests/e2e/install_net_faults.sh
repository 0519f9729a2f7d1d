# End-to-end: network faults nginx can produce, each checked against the five invariants of a
# failed install (store unchanged, no leftovers, nothing outside GOVER_HOME, one clear error
# line, and a clean re-run once the fault is gone): checksum mismatch, 404, 503 forever,
# https->http redirect (GOVER_INSECURE=1 included), redirect loop, untrusted certificate.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"

M=$MIRROR_ROOT_DIR
for v in 1.22.1 1.22.2 1.22.3 1.22.4 1.22.5 1.22.6 1.21.0; do
    go_toolchain_synthetic "$v" "$M/go$v.linux-amd64.tar.gz"
done
# A store that already holds something, so "unchanged" means something.
index_add 1.21.0 go1.21.0.linux-amd64.tar.gz
index_add 1.22.1 go1.22.1.linux-amd64.tar.gz linux amd64 "$(printf '%064d' 1)" # wrong sha256
index_add 1.22.2 go1.22.2.linux-amd64.tar.gz
index_add 1.22.3 go1.22.3.linux-amd64.tar.gz
index_add 1.22.4 go1.22.4.linux-amd64.tar.gz
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_add 1.22.6 go1.22.6.linux-amd64.tar.gz
index_write "$M"
mv "$M/go1.22.2.linux-amd64.tar.gz" "$WORK/go1.22.2.linux-amd64.tar.gz" # 404 until restored
mirror_add_status go1.22.3.linux-amd64.tar.gz 503
mirror_add_redirect_to_http go1.22.4.linux-amd64.tar.gz
mirror_add_redirect_loop go1.22.5.linux-amd64.tar.gz
mirror_start "$M" || exit 1

expect_success "install 1.21.0" -- gv install 1.21.0

expect_fault "checksum mismatch" \
    "checksum mismatch for https://127\.0\.0\.1:[0-9]+/dl/go1\.22\.1\.linux-amd64\.tar\.gz: expected sha256 0{63}1, got [0-9a-f]{64}" \
    -- gv install 1.22.1
expect_fault "404" "404" -- gv install 1.22.2
[[ $(archive_requests go1.22.2.linux-amd64.tar.gz) == 1 ]] || fail_check "a 404 was retried"
expect_fault "503 forever" "503" -- gv install 1.22.3
[[ $(archive_requests go1.22.3.linux-amd64.tar.gz) == 3 ]] ||
    fail_check "503 was tried $(archive_requests go1.22.3.linux-amd64.tar.gz) times, not 3"
expect_fault "https to http redirect" "http://127\.0\.0\.1" -- gv install 1.22.4
grep -q "^GET /dl/go1.22.4.linux-amd64.tar.gz 200" "$MIRROR_ACCESS_LOG" &&
    fail_check "the http redirect target was fetched"
# GOVER_INSECURE=1 lets gover fetch from an http:// mirror; it never lets an https one
# redirect to http (README "How it works": a redirect never leaves https).
GOVER_INSECURE=1 expect_fault "https to http redirect with GOVER_INSECURE=1" \
    "http://127\.0\.0\.1" -- gv install 1.22.4
grep -q "^GET /dl/go1.22.4.linux-amd64.tar.gz 200" "$MIRROR_ACCESS_LOG" &&
    fail_check "the http redirect target was fetched with GOVER_INSECURE=1"
expect_fault "redirect loop" "redirect" -- gv install 1.22.5
GV_CA="" expect_fault "untrusted certificate" "certificate|SSL|TLS" -- gv install 1.22.6

# The faults go away (a fresh mirror without them, fixed index): each re-run succeeds without
# any manual cleanup.
mirror_stop
mv "$WORK/go1.22.2.linux-amd64.tar.gz" "$M/"
index_reset
for v in 1.21.0 1.22.1 1.22.2 1.22.3 1.22.4 1.22.5 1.22.6; do
    index_add "$v" "go$v.linux-amd64.tar.gz"
done
index_write "$M"
_mirror_extra_conf=()
mirror_start "$M" || exit 1
for v in 1.22.1 1.22.2 1.22.3 1.22.4 1.22.5 1.22.6; do
    expect_success "clean re-run of $v" -- gv install "$v"
done
[[ $(gv list 2>/dev/null | wc -l) == 7 ]] || fail_check "list: $(gv list 2>&1)"
store_assert_no_leftovers "$GOVER_HOME" "after re-runs"

invariants_report
