#!/usr/bin/env bash
# End-to-end: `gover outdated` and `gover upgrade` (README "Keeping Go up to date") against the
# nginx mirror with synthetic releases that make every case: a pin behind its series, one on the
# newest patch, an unsupported series, a pre-release, .tool-versions fallbacks, .go-version,
# GOVER_VERSION, the global pin, a go.mod minimum, a CRLF file with comments (bytes kept),
# --json; and an upgrade interrupted by SIGINT (pin unchanged, store invariants hold).
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
mirror_require
fault_server_require

M=$MIRROR_ROOT_DIR
# Supported while 1.25.x is the newest: 1.25 and 1.24. 1.22.7 is big, for the SIGINT window.
for v in 1.25.1 1.24.7 1.24.6 1.23.0 1.23rc1 1.22.5 1.21.0; do
    go_toolchain_synthetic "$v" "$M/go$v.linux-amd64.tar.gz" || exit 1
done
go_toolchain_synthetic 1.22.7 "$M/go1.22.7.linux-amd64.tar.gz" linux-amd64 1000000 || exit 1
for v in 1.25.1 1.24.7 1.24.6 1.23.0 1.23rc1 1.22.7 1.22.5 1.21.0; do
    index_add "$v" "go$v.linux-amd64.tar.gz"
done
# 1.21.13's index entry has the wrong SHA-256: an upgrade to it fails.
go_toolchain_synthetic 1.21.13 "$M/go1.21.13.linux-amd64.tar.gz" || exit 1
index_add 1.21.13 go1.21.13.linux-amd64.tar.gz linux amd64 "$(printf '%064d' 0)"
index_write "$M"
sed -i 's/"go1.23rc1", "stable": true/"go1.23rc1", "stable": false/' "$M/index.json"
grep -q '"go1.23rc1", "stable": false' "$M/index.json" || fail_check "the index lost its rc"
mirror_start "$M" || exit 1

P=$WORK/p
reset_project() {
    rm -rf "$P" "$GOVER_HOME/global"
    mkdir -p "$P"
}
# outdated in $P: sets OUT, ERR, RC.
outdated() {
    OUT=$(cd "$P" && gv outdated "$@" 2>"$WORK/err")
    RC=$?
    ERR=$(cat "$WORK/err")
}
upgrade() {
    OUT=$(cd "$P" && gv upgrade "$@" 2>"$WORK/err")
    RC=$?
    ERR=$(cat "$WORK/err")
}
expect_line() { # label, expected stdout, expected exit status
    [[ $OUT == "$2" ]] || fail_check "$1: stdout is [$OUT], not [$2] (stderr: $ERR)"
    [[ $RC == "$3" ]] || fail_check "$1: exit $RC, not $3 (stderr: $ERR)"
    echo "ok: $1" >&2
}

# Nothing to judge: a system pin is named on stderr and asks the mirror nothing.
reset_project
printf 'system\n' >"$GOVER_HOME/global"
before=$(mirror_request_count)
outdated --json
expect_line "a system pin" "[]" 0
[[ $ERR == *"system (set by $GOVER_HOME/global) is not a release"* ]] || fail_check "system: $ERR"
[[ $(mirror_request_count) == "$before" ]] || fail_check "a system pin asked the mirror"
expect_fault "upgrade of a system pin" "is system, not a Go release" -- \
    env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" GOVER_HOME="$GOVER_HOME" SSL_CERT_FILE="$MIRROR_CA" \
    GOVER_MIRROR="$MIRROR_URL" "$GOVER_BIN" upgrade --global
rm "$GOVER_HOME/global"
expect_fault "upgrade --global without a global pin" "no global pin \\($GOVER_HOME/global\\)" -- \
    env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" GOVER_HOME="$GOVER_HOME" SSL_CERT_FILE="$MIRROR_CA" \
    GOVER_MIRROR="$MIRROR_URL" "$GOVER_BIN" upgrade --global

# A pin behind its series (a supported one).
reset_project
echo "golang 1.24.6" >"$P/.tool-versions"
outdated
expect_line "behind its series" \
    "1.24.6  $P/.tool-versions:1  → 1.24.7 (newest 1.24.x); newest 1.25.1; 1.24 supported" 1
# The release list is cached: a second run makes no request.
before=$(mirror_request_count)
outdated
[[ $(mirror_request_count) == "$before" ]] || fail_check "a second outdated asked the mirror again"

# On the newest patch of a supported series: exit 0.
reset_project
printf '1.25.1\n' >"$P/.go-version"
outdated
expect_line "current" "1.25.1  $P/.go-version:1  up to date (newest 1.25.x); newest 1.25.1; 1.25 supported" 0

# The newest patch of an unsupported series is still outdated.
printf '1.22.7\n' >"$P/.go-version"
outdated
expect_line "unsupported" \
    "1.22.7  $P/.go-version:1  up to date (newest 1.22.x); newest 1.25.1; 1.22 unsupported" 1

# A pre-release once its release is out.
printf '# trying the rc\n1.23rc1\n' >"$P/.go-version"
outdated
expect_line "pre-release" \
    "1.23rc1  $P/.go-version:2  → 1.23.0 (newest 1.23.x); newest 1.25.1; 1.23 unsupported" 1

# GOVER_VERSION, and the global pin beside the pin that selects.
reset_project
printf '1.25.1\n' >"$P/.go-version"
printf '1.24.6\n' >"$GOVER_HOME/global"
OUT=$(cd "$P" && GOVER_VERSION=1.24.7 gv outdated 2>"$WORK/err")
RC=$?
ERR=$(cat "$WORK/err")
expect_line "GOVER_VERSION and the global pin" \
    "1.24.7  GOVER_VERSION  up to date (newest 1.24.x); newest 1.25.1; 1.24 supported
1.24.6  $GOVER_HOME/global  → 1.24.7 (newest 1.24.x); newest 1.25.1; 1.24 supported" 1

# --json, checked by a JSON parser.
outdated --json
[[ $RC == 1 ]] || fail_check "--json: exit $RC, not 1"
printf '%s\n' "$OUT" | python3 -m json.tool >/dev/null || fail_check "--json is not JSON: $OUT"
python3 - "$OUT" "$P" "$GOVER_HOME" <<'PY' || fail_check "--json fields: $OUT"
import json, sys
rows = json.loads(sys.argv[1])
p, home = sys.argv[2], sys.argv[3]
assert rows == [
    {"version": "1.25.1", "source": p + "/.go-version", "line": 1, "latest_patch": "1.25.1",
     "latest": "1.25.1", "supported": True, "outdated": False},
    {"version": "1.24.6", "source": home + "/global", "line": 1, "latest_patch": "1.24.7",
     "latest": "1.25.1", "supported": True, "outdated": True},
], rows
PY
echo "ok: --json" >&2

# A go.mod minimum (nothing pinned): judged, and upgrade installs without editing go.mod.
reset_project
printf 'module example.com/m\n\ngo 1.24.0\n' >"$P/go.mod"
outdated
expect_line "go.mod minimum" \
    "1.24.0  $P/go.mod:3  → 1.24.7 (newest 1.24.x); newest 1.25.1; 1.24 supported" 1
cp "$P/go.mod" "$WORK/go.mod.before"
upgrade
[[ $RC == 0 ]] || fail_check "upgrade of a go.mod minimum: exit $RC ($ERR)"
[[ -z $OUT ]] || fail_check "upgrade printed on stdout: $OUT"
[[ $ERR == *"go get toolchain@go1.24.7"* ]] || fail_check "no go get line: $ERR"
[[ -x $GOVER_HOME/versions/1.24.7/bin/go ]] || fail_check "1.24.7 was not installed"
cmp -s "$P/go.mod" "$WORK/go.mod.before" || fail_check "upgrade edited go.mod"
outdated
expect_line "go.mod minimum, after" \
    "1.24.7  $P/go.mod:3  up to date (newest 1.24.x); newest 1.25.1; 1.24 supported" 0

# Upgrade an exact pin: installed first, the old version stays.
reset_project
expect_success "install 1.24.6" -- gv install 1.24.6
printf '1.24.6\n' >"$P/.go-version"
upgrade
[[ $RC == 0 && -z $OUT ]] || fail_check ".go-version upgrade: exit $RC, stdout [$OUT] ($ERR)"
[[ $(cat "$P/.go-version") == 1.24.7 ]] || fail_check ".go-version now: $(cat "$P/.go-version")"
[[ -x $GOVER_HOME/versions/1.24.6/bin/go ]] || fail_check "upgrade removed 1.24.6"
upgrade
[[ $RC == 0 && $ERR == *"up to date"* ]] || fail_check "already current: exit $RC ($ERR)"
[[ $(cat "$P/.go-version") == 1.24.7 ]] || fail_check "a current pin changed"
upgrade --latest
[[ $(cat "$P/.go-version") == 1.25.1 ]] || fail_check "--latest: $(cat "$P/.go-version") ($ERR)"
echo "ok: .go-version upgrade, already current, --latest" >&2

# A pin that cannot be written is refused before anything is downloaded.
reset_project
mkdir -p "$WORK/elsewhere"
printf 'golang 1.23rc1\n' >"$WORK/elsewhere/tool-versions"
ln -s ../elsewhere/tool-versions "$P/.tool-versions"
before=$(mirror_request_count)
expect_fault "a pin linked out of its directory" "tool-versions" -- \
    bash -c 'cd "$1" && shift && "$@"' _ "$P" env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" \
    GOVER_HOME="$GOVER_HOME" SSL_CERT_FILE="$MIRROR_CA" GOVER_MIRROR="$MIRROR_URL" \
    "$GOVER_BIN" upgrade
grep -q 'go1.23.0' <(tail -n +"$((before + 1))" "$MIRROR_ACCESS_LOG") &&
    fail_check "an archive was downloaded for a pin that cannot be written"
[[ $(cat "$WORK/elsewhere/tool-versions") == "golang 1.23rc1" ]] || fail_check "the linked file changed"

# A language-version pin follows its series: the newest patch is installed, the file untouched.
reset_project
printf '1.23\n' >"$P/.go-version"
outdated
expect_line "language version, nothing installed" \
    "1.23  $P/.go-version:1  → 1.23.0 (newest 1.23.x); newest 1.25.1; 1.23 unsupported" 1
upgrade
[[ $RC == 0 && $ERR == *"language version 1.23: it selects 1.23.0"* ]] ||
    fail_check "language version upgrade: exit $RC ($ERR)"
[[ $(cat "$P/.go-version") == 1.23 ]] || fail_check "a language-version pin was edited"
[[ -x $GOVER_HOME/versions/1.23.0/bin/go ]] || fail_check "1.23.0 was not installed"
upgrade
[[ $RC == 0 && $ERR == *"up to date"* ]] || fail_check "language version, again: $ERR"
echo "ok: a language-version pin" >&2

# A CRLF .tool-versions with a BOM, comments and fallbacks: only the first version changes.
reset_project
printf '\xef\xbb\xbf# tools\r\nnodejs 20.1.0\r\n\tgolang  1.23rc1\t1.21.0 # ci\r\n' >"$P/.tool-versions"
printf '\xef\xbb\xbf# tools\r\nnodejs 20.1.0\r\n\tgolang  1.23.0\t1.21.0 # ci\r\n' >"$WORK/want"
upgrade
[[ $RC == 0 ]] || fail_check "CRLF upgrade: exit $RC ($ERR)"
cmp "$P/.tool-versions" "$WORK/want" || fail_check "CRLF upgrade changed other bytes: $(od -c "$P/.tool-versions")"
echo "ok: CRLF .tool-versions with comments and fallbacks" >&2

# The global pin, and GOVER_VERSION (which gover cannot edit).
reset_project
printf '1.24.6\n' >"$GOVER_HOME/global"
upgrade --global
[[ $(cat "$GOVER_HOME/global") == 1.24.7 ]] || fail_check "--global: $(cat "$GOVER_HOME/global") ($ERR)"
OUT=$(cd "$P" && GOVER_VERSION=1.23rc1 gv upgrade 2>"$WORK/err")
RC=$?
ERR=$(cat "$WORK/err")
[[ $RC == 0 && -z $OUT ]] || fail_check "GOVER_VERSION upgrade: exit $RC, stdout [$OUT]"
[[ $ERR == *"cannot edit"*"gover shell 1.23.0"* ]] || fail_check "GOVER_VERSION upgrade: $ERR"
echo "ok: --global and GOVER_VERSION" >&2

# Interrupted (SIGINT) during the install: exit 130, the pin and the store untouched.
reset_project
printf 'golang 1.22.5 1.21.0\n' >"$P/.tool-versions"
cp "$P/.tool-versions" "$WORK/pin.before"
fault_server_start "$M" slow-once:50000 || exit 1
snapshot=$(store_snapshot "$GOVER_HOME")
(cd "$P" && exec env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" GOVER_HOME="$GOVER_HOME" \
    SSL_CERT_FILE="$FAULT_CA" GOVER_MIRROR="$FAULT_URL" "$GOVER_BIN" upgrade) 2>"$WORK/bg.err" &
pid=$!
for _ in $(seq 1 400); do
    compgen -G "$GOVER_HOME/tmp/install-1.22.7-*/src/README" >/dev/null && break
    sleep 0.05
done
compgen -G "$GOVER_HOME/tmp/install-1.22.7-*" >/dev/null || fail_check "the install never started"
kill -INT "$pid"
wait "$pid"
rc=$?
[[ $rc == 130 ]] || fail_check "SIGINT: exit $rc, not 130"
assert_error_line "$WORK/bg.err" "interrupted" "SIGINT"
cmp -s "$P/.tool-versions" "$WORK/pin.before" || fail_check "SIGINT changed the pin"
store_assert_unchanged "$GOVER_HOME" "$snapshot" "SIGINT"
store_assert_no_leftovers "$GOVER_HOME" "SIGINT"
fault_server_stop
echo "ok: SIGINT leaves the pin and the store as they were" >&2

# A failed install (a checksum mismatch): exit 1, the pin and the store untouched.
mkdir -p "$P/sub"
printf '# old\r\n1.21.0\r\n' >"$P/sub/.go-version"
cp "$P/sub/.go-version" "$WORK/go-version.before"
expect_fault "upgrade whose install fails" "1.21.13.*(sha256|SHA-256|checksum)" -- \
    bash -c 'cd "$1" && shift && "$@"' _ "$P/sub" env HOME="$WATCH_DIR" TMPDIR="$WATCH_DIR" \
    GOVER_HOME="$GOVER_HOME" SSL_CERT_FILE="$MIRROR_CA" GOVER_MIRROR="$MIRROR_URL" \
    "$GOVER_BIN" upgrade
cmp -s "$P/sub/.go-version" "$WORK/go-version.before" ||
    fail_check "a failed install changed the pin"

# Then a clean upgrade of the fallback list: the first moves, the others stay.
upgrade
[[ $RC == 0 ]] || fail_check "fallbacks upgrade: exit $RC ($ERR)"
[[ $(cat "$P/.tool-versions") == "golang 1.22.7 1.21.0" ]] ||
    fail_check "fallbacks: $(cat "$P/.tool-versions")"
echo "ok: fallbacks" >&2

invariants_report
