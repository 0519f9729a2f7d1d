#!/usr/bin/env bash
# `gover list-remote` against the nginx HTTPS mirror serving the real 2026-08 go.dev index:
# trust via SSL_CERT_FILE / CURL_CA_BUNDLE, filters, --all, --json, the cache (no request while
# fresh, a conditional request when stale, the offline fallback), and every way the mirror can
# be wrong: untrusted certificate, http://, HTML, redirect to http, redirect loop, unreachable.
set -uo pipefail

: "${GOVER_BIN:?GOVER_BIN must name the gover binary}"
: "${GOVER_SOURCE_DIR:?GOVER_SOURCE_DIR must name the source tree}"
# shellcheck source=../support/mirror.sh
source "$GOVER_SOURCE_DIR/tests/support/mirror.sh"
mirror_require

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gover-e2e-list-remote.XXXXXX")
cleanup() {
    mirror_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

FAILURES=0
fail() {
    echo "FAIL: $*" >&2
    FAILURES=$((FAILURES + 1))
}

# A clean environment: nothing from the caller's trust, proxy or gover settings leaks in.
unset SSL_CERT_FILE CURL_CA_BUNDLE GOVER_MIRROR GOVER_INSECURE GOVER_VERSION
unset https_proxy HTTPS_PROXY http_proxy HTTP_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
export GOVER_RETRY_BACKOFF=0.1 GOVER_CONNECT_TIMEOUT=5

# run <name> <command...>: stdout in $WORK/<name>.out, stderr in $WORK/<name>.err, status in RC.
run() {
    local name=$1
    shift
    "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
    RC=$?
}

# expect_error <name> <exit code> <extended regex>: the documented one-line error form (README "Commands").
expect_error() {
    local name=$1 code=$2 pattern=$3
    [[ $RC == "$code" ]] || fail "$name: exit $RC, want $code ($(cat "$WORK/$name.err"))"
    [[ $(wc -l <"$WORK/$name.err") == 1 ]] ||
        fail "$name: stderr is not one line: $(cat "$WORK/$name.err")"
    grep -q '^gover: error: ' "$WORK/$name.err" || fail "$name: not in the gover: error: form"
    grep -Eq "$pattern" "$WORK/$name.err" ||
        fail "$name: stderr does not match /$pattern/: $(cat "$WORK/$name.err")"
    [[ ! -s $WORK/$name.out ]] || fail "$name: printed to stdout: $(head -3 "$WORK/$name.out")"
}

json_check() { # json_check <file>: valid JSON, a list of {"version": str, "stable": bool}
    if command -v python3 >/dev/null; then
        python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert isinstance(rows, list) and rows, "not a non-empty list"
for r in rows:
    assert set(r) == {"version", "stable"}, r
    assert isinstance(r["version"], str) and isinstance(r["stable"], bool), r
print(len(rows), sum(r["stable"] for r in rows))' "$1"
    elif command -v ruby >/dev/null; then
        ruby -rjson -e '
rows = JSON.parse(File.read(ARGV[0]))
raise "not a non-empty list" unless rows.is_a?(Array) && !rows.empty?
rows.each { |r| raise r.to_s unless r.keys.sort == %w[stable version] && r["version"].is_a?(String) && [true, false].include?(r["stable"]) }
puts "#{rows.size} #{rows.count { |r| r["stable"] }}"' "$1"
    else
        echo "SKIP-JSON"
    fi
}

ROOT=$WORK/mirror
mkdir -p "$ROOT"
cp "$GOVER_SOURCE_DIR/tests/fixtures/go-dl-index-all-2026-08.json" "$ROOT/index.json"
# Fault locations next to the good /dl/.
mirror_add_conf 'location /html/ { default_type text/html; return 200 "<!DOCTYPE html><html><body>Sign in</body></html>\n"; }'
mirror_add_conf 'location /to-http/ { return 302 http://127.0.0.1:@HTTP_PORT@/dl/$is_args$args; }'
mirror_add_conf 'location /loop/ { return 302 /loop/$is_args$args; }'
mirror_start "$ROOT" || exit 1

export GOVER_HOME=$WORK/home
export GOVER_MIRROR=$MIRROR_URL
PLATFORM=(--platform linux-amd64)

# --- Trusting the test CA through SSL_CERT_FILE --------------------------------------------
run all env SSL_CERT_FILE="$MIRROR_CA" "$GOVER_BIN" list-remote "${PLATFORM[@]}"
[[ $RC == 0 ]] || fail "list-remote: exit $RC: $(cat "$WORK/all.err")"
[[ $(head -1 "$WORK/all.out") == 1.27.0 ]] || fail "list-remote: first line $(head -1 "$WORK/all.out")"
# 278 stable releases have a linux-amd64 archive in this index.
[[ $(wc -l <"$WORK/all.out") == 278 ]] || fail "list-remote: $(wc -l <"$WORK/all.out") lines, want 278"
grep -q '^1\.27rc3$' "$WORK/all.out" && fail "list-remote without --all lists 1.27rc3"
grep -q '^1\.20$' "$WORK/all.out" || fail "list-remote: 1.20 (go1.20) missing"
[[ -s $WORK/all.err ]] && fail "list-remote: unexpected stderr: $(cat "$WORK/all.err")"
[[ $(mirror_request_count) == 1 ]] || fail "first list-remote made $(mirror_request_count) requests"
grep -q '^GET /dl/?mode=json&include=all 200 ' "$MIRROR_ACCESS_LOG" ||
    fail "the index request was not /dl/?mode=json&include=all: $(cat "$MIRROR_ACCESS_LOG")"

# The same from the cache: no request at all.
export SSL_CERT_FILE=$MIRROR_CA
run series "$GOVER_BIN" list-remote 1.22 "${PLATFORM[@]}"
[[ $RC == 0 ]] || fail "list-remote 1.22: exit $RC: $(cat "$WORK/series.err")"
expected_series=$(for p in 12 11 10 9 8 7 6 5 4 3 2 1 0; do echo "1.22.$p"; done)
[[ $(cat "$WORK/series.out") == "$expected_series" ]] ||
    fail "list-remote 1.22 printed: $(tr '\n' ' ' <"$WORK/series.out")"
[[ $(mirror_request_count) == 1 ]] || fail "a fresh cache still made a request"

run series_all "$GOVER_BIN" list-remote 1.22 --all "${PLATFORM[@]}"
[[ $(tail -3 "$WORK/series_all.out" | tr '\n' ' ') == "1.22.0 1.22rc2 1.22rc1 " ]] ||
    fail "list-remote 1.22 --all ends with: $(tail -3 "$WORK/series_all.out" | tr '\n' ' ')"

run with_all "$GOVER_BIN" list-remote --all "${PLATFORM[@]}"
[[ $RC == 0 ]] || fail "list-remote --all: exit $RC"
[[ $(sed -n 2p "$WORK/with_all.out") == 1.27rc3 ]] ||
    fail "list-remote --all: second line $(sed -n 2p "$WORK/with_all.out"), want 1.27rc3"
[[ $(wc -l <"$WORK/with_all.out") == 362 ]] ||
    fail "list-remote --all: $(wc -l <"$WORK/with_all.out") lines, want 362"

run latest "$GOVER_BIN" list-remote latest "${PLATFORM[@]}"
[[ $(cat "$WORK/latest.out") == 1.27.0 ]] || fail "list-remote latest: $(cat "$WORK/latest.out")"
run exact "$GOVER_BIN" list-remote 1.20.0 "${PLATFORM[@]}"
[[ $(cat "$WORK/exact.out") == 1.20 ]] || fail "list-remote 1.20.0: $(cat "$WORK/exact.out")"
run exact_rc "$GOVER_BIN" list-remote 1.27rc3 "${PLATFORM[@]}"
[[ $(cat "$WORK/exact_rc.out") == 1.27rc3 ]] || fail "list-remote 1.27rc3: $(cat "$WORK/exact_rc.out")"

run darwin "$GOVER_BIN" list-remote 1.16 --platform darwin-arm64 --all
[[ $(tr '\n' ' ' <"$WORK/darwin.out") == "1.16.15 1.16.14 1.16.13 1.16.12 1.16.11 1.16.10 1.16.9 1.16.8 1.16.7 1.16.6 1.16.5 1.16.4 1.16.3 1.16.2 1.16.1 1.16 1.16rc1 1.16beta1 " ]] ||
    fail "list-remote 1.16 --platform darwin-arm64 --all: $(tr '\n' ' ' <"$WORK/darwin.out")"

run host "$GOVER_BIN" list-remote
[[ $RC == 0 && -s $WORK/host.out ]] || fail "list-remote for the host: exit $RC: $(cat "$WORK/host.err")"

run json "$GOVER_BIN" list-remote --all --json "${PLATFORM[@]}"
[[ $RC == 0 ]] || fail "list-remote --json: exit $RC"
counts=$(json_check "$WORK/json.out") || fail "list-remote --json is not the documented JSON"
[[ $counts == "SKIP-JSON" || $counts == "362 278" ]] || fail "list-remote --json: $counts"
run json_one "$GOVER_BIN" list-remote 1.27rc3 --json "${PLATFORM[@]}"
[[ $(tr -d ' \n' <"$WORK/json_one.out") == '[{"version":"1.27rc3","stable":false}]' ]] ||
    fail "list-remote 1.27rc3 --json: $(cat "$WORK/json_one.out")"
[[ $(mirror_request_count) == 1 ]] || fail "cached runs made requests"

# Not found: exit 1 with what exists.
run none "$GOVER_BIN" list-remote 1.99 "${PLATFORM[@]}"
expect_error none 1 'no Go release matches 1\.99 \(newest is 1\.27\.0\)'
run none_rc "$GOVER_BIN" list-remote 1.15 --platform darwin-arm64
expect_error none_rc 1 'no Go release matching 1\.15 has an archive for darwin-arm64'

# --- Usage errors: exit 2 in the gover: error: form, before any request ---------------------
run bad_spec "$GOVER_BIN" list-remote 1.22.x
expect_error bad_spec 2 'invalid Go version "1\.22\.x"'
run bad_suffix "$GOVER_BIN" list-remote go1.21.0-bigcorp
expect_error bad_suffix 2 'invalid Go version'
run bad_platform "$GOVER_BIN" list-remote --platform Linux_AMD64
expect_error bad_platform 2 'invalid platform'
run bad_option "$GOVER_BIN" list-remote --bogus
expect_error bad_option 2 'bogus'
run system "$GOVER_BIN" list-remote system
expect_error system 2 "'system' is not a release"
run help "$GOVER_BIN" list-remote --help
[[ $RC == 0 ]] && grep -q 'gover list-remote 1.22' "$WORK/help.out" ||
    fail "list-remote --help has no example: $(cat "$WORK/help.out")"

# --- Stale cache: a conditional request, answered 304 by nginx --------------------------------
touch -d '-11 minutes' "$GOVER_HOME"/cache/index-*.digest
run stale "$GOVER_BIN" list-remote 1.22 "${PLATFORM[@]}"
[[ $RC == 0 && $(cat "$WORK/stale.out") == "$expected_series" ]] ||
    fail "revalidated list-remote: exit $RC: $(cat "$WORK/stale.err")"
[[ $(mirror_request_count) == 2 ]] || fail "a stale cache made $(mirror_request_count) requests in all, want 2"
# nginx logs the ETag's quotes as \x22; "-" means the header was absent.
tail -1 "$MIRROR_ACCESS_LOG" | grep -Eq ' 304 [0-9]+ range=- inm=[^- ]' ||
    fail "revalidation was not a conditional request answered 304: $(tail -1 "$MIRROR_ACCESS_LOG")"
run fresh_again "$GOVER_BIN" list-remote latest "${PLATFORM[@]}"
[[ $(mirror_request_count) == 2 ]] || fail "304 did not restart the freshness window"

# --- Trust ------------------------------------------------------------------------------------
unset SSL_CERT_FILE
run untrusted env GOVER_HOME="$WORK/home-untrusted" "$GOVER_BIN" list-remote
expect_error untrusted 1 "cannot get ${MIRROR_URL//./\\.}.*certificate verify failed.*SSL_CERT_FILE"
run bundle env GOVER_HOME="$WORK/home-bundle" CURL_CA_BUNDLE="$MIRROR_CA" "$GOVER_BIN" list-remote latest "${PLATFORM[@]}"
[[ $RC == 0 && $(cat "$WORK/bundle.out") == 1.27.0 ]] ||
    fail "CURL_CA_BUNDLE was not used: exit $RC: $(cat "$WORK/bundle.err")"
run bad_ca env GOVER_HOME="$WORK/home-bad-ca" SSL_CERT_FILE="$WORK/no-such-ca.pem" "$GOVER_BIN" list-remote
expect_error bad_ca 1 'no-such-ca\.pem'
export SSL_CERT_FILE=$MIRROR_CA

# --- http:// mirrors: refused before any request unless GOVER_INSECURE=1 --------------------
before=$(mirror_request_count)
run http env GOVER_HOME="$WORK/home-http" GOVER_MIRROR="$MIRROR_HTTP_URL" "$GOVER_BIN" list-remote
expect_error http 2 "refusing to fetch http://127\.0\.0\.1:$MIRROR_HTTP_PORT/dl/.*GOVER_INSECURE=1"
[[ $(mirror_request_count) == "$before" ]] || fail "the http mirror was contacted"
# Refused even when a cache for it exists: the scheme is checked first.
run insecure env GOVER_HOME="$WORK/home-http" GOVER_INSECURE=1 GOVER_MIRROR="$MIRROR_HTTP_URL" \
    "$GOVER_BIN" list-remote latest "${PLATFORM[@]}"
[[ $RC == 0 && $(cat "$WORK/insecure.out") == 1.27.0 ]] ||
    fail "GOVER_INSECURE=1 http mirror: exit $RC: $(cat "$WORK/insecure.err")"
run http_cached env GOVER_HOME="$WORK/home-http" GOVER_MIRROR="$MIRROR_HTTP_URL" "$GOVER_BIN" list-remote
expect_error http_cached 2 'refusing to fetch http://'

# --- A mirror that is wrong ----------------------------------------------------------------
base="https://127.0.0.1:$MIRROR_PORT"
run html env GOVER_HOME="$WORK/home-html" GOVER_MIRROR="$base/html/" "$GOVER_BIN" list-remote
expect_error html 1 "$base/html/\?mode=json&include=all is not a release index \(got HTML\?\)"
[[ -z $(ls "$WORK/home-html/cache" 2>/dev/null) ]] || fail "HTML was cached"
run to_http env GOVER_HOME="$WORK/home-to-http" GOVER_MIRROR="$base/to-http/" "$GOVER_BIN" list-remote
expect_error to_http 1 "redirect to http://127\.0\.0\.1:$MIRROR_HTTP_PORT/dl/.* refused"
run loop env GOVER_HOME="$WORK/home-loop" GOVER_MIRROR="$base/loop/" "$GOVER_BIN" list-remote
expect_error loop 1 'too many redirects'
run missing env GOVER_HOME="$WORK/home-missing" GOVER_MIRROR="$base/nothing-here/" "$GOVER_BIN" list-remote
expect_error missing 1 'HTTP 404'

# --- A local directory as the mirror -------------------------------------------------------
run file env GOVER_HOME="$WORK/home-file" GOVER_MIRROR="file://$ROOT" "$GOVER_BIN" list-remote 1.21 "${PLATFORM[@]}"
[[ $RC == 0 && $(head -1 "$WORK/file.out") == 1.21.13 ]] ||
    fail "file:// mirror: exit $RC: $(cat "$WORK/file.err")"

# --- Offline: the mirror goes away ----------------------------------------------------------
mirror_stop
run offline_fresh "$GOVER_BIN" list-remote latest "${PLATFORM[@]}"
[[ $RC == 0 && $(cat "$WORK/offline_fresh.out") == 1.27.0 && ! -s $WORK/offline_fresh.err ]] ||
    fail "fresh cache while offline: exit $RC: $(cat "$WORK/offline_fresh.err")"
touch -d '-3 hours' "$GOVER_HOME"/cache/index-*.digest
run offline "$GOVER_BIN" list-remote 1.22 "${PLATFORM[@]}"
[[ $RC == 0 && $(cat "$WORK/offline.out") == "$expected_series" ]] ||
    fail "stale cache while offline: exit $RC: $(cat "$WORK/offline.err")"
grep -q 'using the cached release index from 3 h ago.*cannot connect' "$WORK/offline.err" ||
    fail "offline fallback gave no notice: $(cat "$WORK/offline.err")"
run offline_quiet "$GOVER_BIN" --quiet list-remote latest "${PLATFORM[@]}"
[[ $RC == 0 && ! -s $WORK/offline_quiet.err ]] || fail "--quiet still printed: $(cat "$WORK/offline_quiet.err")"
run unreachable env GOVER_HOME="$WORK/home-unreachable" "$GOVER_BIN" list-remote
expect_error unreachable 1 "cannot get ${MIRROR_URL//./\\.}.*cannot connect"

if ((FAILURES > 0)); then
    echo "list_remote: $FAILURES check(s) failed" >&2
    exit 1
fi
echo "list_remote: all checks passed"
