#!/usr/bin/env bash
# `gover outdated` and `gover upgrade` through the module proxy source (GOVER_SOURCE=goproxy):
# the same judgement from the proxy's version list as from the mirror's index, the list cache
# reused (no request while it is fresh), and an upgrade installed through the proxy (proven by
# the checksum database test server) that moves the pin.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
source "$GOVER_SOURCE_DIR/tests/support/goproxy.sh"
EXTRA_CLEANUP=sumdb_stop
mirror_require

mkdir -p "$GOPROXY_ROOT" "$WORK/tars"
for v in 1.25.1 1.24.7 1.24.6 1.23.0 1.22.7; do
    go_toolchain_synthetic "$v" "$WORK/tars/$v.tar.gz" || exit 1
    goproxy_add "$WORK/tars/$v.tar.gz" "$v"
done
sumdb_start || exit 1
mirror_start "$MIRROR_ROOT_DIR" || exit 1
goproxy_urls

P=$WORK/p
mkdir -p "$P"
printf '1.24.6\n' >"$P/.go-version"
printf '1.22.7\n' >"$GOVER_HOME/global"
want="1.24.6  $P/.go-version:1  → 1.24.7 (newest 1.24.x); newest 1.25.1; 1.24 supported
1.22.7  $GOVER_HOME/global  up to date (newest 1.22.x); newest 1.25.1; 1.22 unsupported"
out=$(cd "$P" && gvp outdated 2>"$WORK/err")
rc=$?
[[ $out == "$want" ]] || fail_check "outdated through the proxy: [$out] ($(cat "$WORK/err"))"
[[ $rc == 1 ]] || fail_check "outdated through the proxy: exit $rc, not 1"
grep -q ' /dl/proxy/golang.org/toolchain/@v/list ' "$MIRROR_ACCESS_LOG" ||
    fail_check "the proxy's version list was not asked: $(cat "$MIRROR_ACCESS_LOG")"
before=$(mirror_request_count)
out=$(cd "$P" && gvp outdated 2>/dev/null)
[[ $out == "$want" ]] || fail_check "outdated again: [$out]"
[[ $(mirror_request_count) == "$before" ]] || fail_check "a fresh list cache was not reused"
echo "ok: outdated through the module proxy, the list cached" >&2

out=$(cd "$P" && gvp upgrade 2>"$WORK/err")
rc=$?
[[ $rc == 0 && -z $out ]] || fail_check "upgrade through the proxy: exit $rc [$out] ($(cat "$WORK/err"))"
[[ $(cat "$P/.go-version") == 1.24.7 ]] || fail_check "the pin says $(cat "$P/.go-version")"
[[ $("$GOVER_HOME/versions/1.24.7/bin/go" version) == "go version go1.24.7 linux/amd64" ]] ||
    fail_check "1.24.7 was not installed through the proxy"
echo "ok: upgrade through the module proxy" >&2

invariants_report
