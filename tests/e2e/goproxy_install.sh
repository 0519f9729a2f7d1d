# Installs through a module proxy (README "Installing through your company's Go module proxy"):
# a static GOPROXY tree on nginx over HTTPS (zips made from the synthetic go.dev-layout
# toolchains as Go's release tooling makes them), the checksum database test server (Go's own
# x/mod/sumdb) holding their h1:. Success through --source and GOVER_SOURCE, list-remote, the
# shim; then each fault keeps the five invariants: tampered zip, wrong database key, a version
# the database does not know, ',' after 404 (falls through) and after 500 (does not), '|' after
# 500, GOPROXY=off, GOSUMDB=off, GONOSUMDB/GOPRIVATE (still verified), hostile entries (outside
# the prefix, ../, a directory, a symlink, equal names ignoring case, 501 MiB unpacked), a file
# whose data fails its CRC-32, a database with a bad signature, missing or truncated tiles, or a
# forked tree; 8 concurrent installs of one version.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
source "$GOVER_SOURCE_DIR/tests/support/goproxy.sh"
EXTRA_CLEANUP=sumdb_stop

mkdir -p "$GOPROXY_ROOT" "$WORK/tars"
go_toolchain_synthetic 1.22.5 "$WORK/tars/a.tar.gz" || exit 1
go_toolchain_synthetic 1.22.4 "$WORK/tars/b.tar.gz" || exit 1
go_toolchain_synthetic 1.22.5 "$WORK/tars/c.tar.gz" darwin-arm64 || exit 1
goproxy_add "$WORK/tars/a.tar.gz" 1.22.5
goproxy_add "$WORK/tars/b.tar.gz" 1.22.4
goproxy_add "$WORK/tars/c.tar.gz" 1.22.5 darwin-arm64
mv=$(goproxy_mv 1.22.5)
zip=$(goproxy_zip 1.22.5)

# Hostile and tampered copies of 1.22.5's zip, each in its own proxy tree.
# Each tree lists the same versions (a copy of @v/), with its own 1.22.5 zip.
for kind in outside dupcase dotdot dir symlink big crc; do
    dir=$MIRROR_ROOT_DIR/$kind/golang.org/toolchain/@v
    mkdir -p "$dir"
    cp "$GOPROXY_ROOT/golang.org/toolchain/@v/"* "$dir/"
    python3 "$GOVER_SOURCE_DIR/tests/support/goproxy_hostile.py" "$zip" "$dir/$mv.zip" "$kind" ||
        fail_check "cannot make the $kind zip"
done
mkdir -p "$MIRROR_ROOT_DIR/tampered/golang.org/toolchain/@v"
cp "$GOPROXY_ROOT/golang.org/toolchain/@v/"* "$MIRROR_ROOT_DIR/tampered/golang.org/toolchain/@v/"
python3 "$GOVER_SOURCE_DIR/tests/support/goproxy_tamper.py" \
    "$MIRROR_ROOT_DIR/tampered/golang.org/toolchain/@v/$mv.zip" bin/go || fail_check "tamper"

mirror_add_conf 'location /dl/p500/ { return 500; }'
sumdb_start || exit 1
# The proxy also serves the database, as proxy.golang.org does: /sumdb/<name>/supported answers
# 200 and the rest is passed on to the test server.
mirror_add_conf "location = /dl/proxy/sumdb/$SUMDB_NAME/supported { return 200 ''; }"
mirror_add_conf "location /dl/proxy/sumdb/$SUMDB_NAME/ { proxy_pass $SUMDB_URL/; }"
mirror_start "$MIRROR_ROOT_DIR" || exit 1
goproxy_urls
# A version in the proxy that the database has never seen.
go_toolchain_synthetic 1.21.0 "$WORK/tars/d.tar.gz" || exit 1
goproxy_add "$WORK/tars/d.tar.gz" 1.21.0

# --- refusals first, on an empty store ---
GVP_GOPROXY=${MIRROR_URL}tampered expect_fault "a tampered zip" \
    "checksum mismatch for golang.org/toolchain@$mv .*records h1:.*zip hashes to h1:" -- gvp install 1.22.5
# GONOPROXY overrides GOPRIVATE for the proxy choice (never go.dev in a test); the database is
# still asked.
GVP_ENV=(GONOSUMDB=golang.org/toolchain GOPRIVATE=golang.org/toolchain GONOPROXY=none.example)
GVP_GOPROXY=${MIRROR_URL}tampered expect_fault "GONOSUMDB and GOPRIVATE set: still verified" \
    "checksum mismatch" -- gvp install 1.22.5
GVP_ENV=()
# A second key for the same database name: signatures do not verify.
"$SUMDB_SERVER_BIN" -key-file "$WORK/other.key" -name "$SUMDB_NAME" >"$WORK/other.out" 2>&1 &
other=$!
for _ in $(seq 1 100); do grep -q '^size' "$WORK/other.out" && break; sleep 0.05; done
kill "$other" 2>/dev/null
wait "$other" 2>/dev/null
other_vkey=$(awk '$1 == "vkey" {print $2}' "$WORK/other.out")
[[ -n $other_vkey && $other_vkey != "$SUMDB_VKEY" ]] || fail_check "no second key: $other_vkey"
GVP_GOSUMDB="$other_vkey $SUMDB_URL" expect_fault "the wrong database key" \
    "$SUMDB_NAME|signature|signed" -- gvp install 1.22.5
expect_fault "a version the database does not know" \
    "has no record of golang.org/toolchain@$(goproxy_mv 1.21.0)" -- gvp install 1.21.0
GVP_GOPROXY="${MIRROR_URL}p500,$GOPROXY_URL" expect_fault "',' does not fall through after a 500" \
    "p500.*HTTP 500.*check GOPROXY" -- gvp install 1.22.5
expect_fault "no toolchain for the platform" \
    "no go1\.22\.5 toolchain for freebsd-386 \(it has darwin-arm64, linux-amd64\)" -- \
    gvp install --platform freebsd-386 1.22.5
GVP_GOPROXY=off expect_fault "GOPROXY=off" "GOPROXY" -- gvp install 1.22.5
zips=$(grep -c '\.zip ' "$MIRROR_ACCESS_LOG")
GVP_GOSUMDB=off expect_fault "GOSUMDB=off" "GOSUMDB=off" -- gvp install 1.22.5
[[ $(grep -c '\.zip ' "$MIRROR_ACCESS_LOG") == "$zips" ]] || fail_check "GOSUMDB=off downloaded a zip"
for kind in outside dupcase dotdot dir symlink big crc; do
    pattern="refusing .*$kind.*entry '"
    [[ $kind == crc ]] && pattern="refusing .*crc.*entry '[^']*/bin/go' fails its CRC-32 check"
    GVP_GOPROXY=${MIRROR_URL}$kind expect_fault "a zip with a hostile entry ($kind)" \
        "$pattern" -- gvp install 1.22.5
done
[[ ! -e $GOVER_HOME/versions/1.22.5 ]] || fail_check "1.22.5 appeared after the refusals"

# --- success ---
# ',' after a 404 falls through to the next proxy; --source beats GOVER_SOURCE=mirror.
GVP_GOPROXY="${MIRROR_URL}nothere,$GOPROXY_URL" gvp --source goproxy install 1.22.5 2>"$WORK/err" ||
    fail_check "install after a 404: $(cat "$WORK/err")"
[[ $("$GOVER_HOME/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
    fail_check "versions/1.22.5/bin/go does not run"
[[ $(stat -c %a "$GOVER_HOME/versions/1.22.5/bin/go") == 755 &&
    $(stat -c %a "$GOVER_HOME/versions/1.22.5/src/README") == 644 ]] ||
    fail_check "modes: $(stat -c '%a %n' "$GOVER_HOME/versions/1.22.5/bin/go" "$GOVER_HOME/versions/1.22.5/src/README")"
grep -q '"source": "goproxy"' "$GOVER_HOME/meta/1.22.5.json" &&
    grep -q "\"url\": \"${GOPROXY_URL}/golang.org/toolchain/@v/$mv.zip\"" "$GOVER_HOME/meta/1.22.5.json" ||
    fail_check "meta/1.22.5.json: $(head -20 "$GOVER_HOME/meta/1.22.5.json")"
out=$(cd "$WORK" && env HOME="$WATCH_DIR" GOVER_HOME="$GOVER_HOME" GOVER_VERSION=1.22.5 \
    PATH="$GOVER_HOME/shims:/usr/bin:/bin" go version 2>&1)
[[ $out == "go version go1.22.5 linux/amd64" ]] || fail_check "go version through the shim: $out"
store_assert_no_leftovers "$GOVER_HOME" "install through the proxy"

# doctor's store check reads the proxy's record like the mirror's: nothing changed; then one
# changed file is found.
gvp doctor --json >"$WORK/doctor.json" 2>/dev/null
grep -q '"store-changed"' "$WORK/doctor.json" && fail_check "doctor: a fresh proxy install changed"
printf 'x' >>"$GOVER_HOME/versions/1.22.5/bin/gofmt"
gvp doctor --json >"$WORK/doctor.json" 2>/dev/null
grep -q '"store-changed"' "$WORK/doctor.json" && grep -q 'bin/gofmt' "$WORK/doctor.json" ||
    fail_check "doctor does not see bin/gofmt changed: $(head -c 600 "$WORK/doctor.json")"
truncate -s -1 "$GOVER_HOME/versions/1.22.5/bin/gofmt"

# '|' after a 500 falls through.
GVP_GOPROXY="${MIRROR_URL}p500|$GOPROXY_URL" gvp install 1.22.4 2>"$WORK/err" ||
    fail_check "'|' after a 500: $(cat "$WORK/err")"
[[ -x $GOVER_HOME/versions/1.22.4/bin/go ]] || fail_check "1.22.4 was not installed"

# A plain-http proxy (no GOVER_INSECURE: the database proves every byte) and a file:/// tree.
GVP_GOPROXY=$GOPROXY_HTTP_URL gvp install --force 1.22.4 2>"$WORK/err" ||
    fail_check "an http:// proxy: $(cat "$WORK/err")"
grep -q "\"url\": \"${GOPROXY_HTTP_URL}/" "$GOVER_HOME/meta/1.22.4.json" ||
    fail_check "meta/1.22.4.json does not name the http proxy"
GVP_GOPROXY="file://$GOPROXY_ROOT" gvp install --force 1.22.4 2>"$WORK/err" ||
    fail_check "a file:// proxy: $(cat "$WORK/err")"
grep -q "\"url\": \"file://$GOPROXY_ROOT/" "$GOVER_HOME/meta/1.22.4.json" ||
    fail_check "meta/1.22.4.json does not name the file:// tree"
store_assert_no_leftovers "$GOVER_HOME" "http:// and file:// proxies"

# GOSUMDB without a URL: the database is reached through the first proxy that serves it (a 404
# at the first one's /sumdb/<name>/supported falls through), never at https://<name>.
rm -rf "$GOVER_HOME/versions/1.22.4" "$GOVER_HOME/meta/1.22.4.json"
sumdb_requests=$(grep -c "/dl/proxy/sumdb/$SUMDB_NAME/" "$MIRROR_ACCESS_LOG")
GVP_GOSUMDB=$SUMDB_VKEY GVP_GOPROXY="${MIRROR_URL}nothere,$GOPROXY_URL" gvp install 1.22.4 \
    2>"$WORK/err" || fail_check "the database through the proxy: $(cat "$WORK/err")"
(($(grep -c "/dl/proxy/sumdb/$SUMDB_NAME/" "$MIRROR_ACCESS_LOG") > sumdb_requests + 1)) ||
    fail_check "the database was not asked through the proxy"
grep -q "/dl/nothere/sumdb/$SUMDB_NAME/supported 404" "$MIRROR_ACCESS_LOG" ||
    fail_check "the first proxy was not asked whether it serves the database"

# The tampering rule: a recorded h1: the database contradicts refuses a reinstall, naming both.
sed -i 's/"h1": "h1:[^"]*"/"h1": "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="/' \
    "$GOVER_HOME/meta/1.22.5.json"
expect_fault "a recorded h1 the database contradicts" \
    "now records h1:.*verified against h1:AAAA.*possible tampering" -- gvp install --force 1.22.5

# 8 concurrent installs of one version into a fresh store: all succeed, one install.
home8=$WORK/home8
pids=()
for i in $(seq 1 8); do
    GOVER_HOME=$home8 gvp install 1.22.5 >/dev/null 2>"$WORK/c$i.err" &
    pids+=($!)
done
for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || fail_check "concurrent install $((i + 1)) failed: $(cat "$WORK/c$((i + 1)).err")"
done
[[ $("$home8/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
    fail_check "the concurrent installs left no working 1.22.5"
[[ -z $(ls -A "$home8/tmp") ]] || fail_check "concurrent installs left $(ls -A "$home8/tmp")"

# The shim's auto-install follows GOVER_SOURCE: a pinned 1.22.4 comes through the proxy.
_gvp_argv
out=$(cd "$WORK" && "${GVP_ARGV[@]:0:${#GVP_ARGV[@]}-1}" GOVER_HOME="$home8" GOVER_AUTO_INSTALL=1 \
    GOVER_VERSION=1.22.4 PATH="$home8/shims:/usr/bin:/bin" go version 2>"$WORK/auto.err")
[[ $out == "go version go1.22.4 linux/amd64" ]] ||
    fail_check "the shim's auto-install through the proxy: $out $(cat "$WORK/auto.err")"
grep -q '"source": "goproxy"' "$home8/meta/1.22.4.json" 2>/dev/null ||
    fail_check "the auto-installed 1.22.4 did not come through the proxy"

# The database misbehaving, against a fresh store (no tiles cached, no tree verified before): a
# bad signature, missing tiles, truncated tiles. The same tree each time (the same key and
# records).
saved_home=$GOVER_HOME
for fault in badsig tile404 tiletrunc; do
    sumdb_stop
    sumdb_start -fault "$fault" || exit 1
    export GOVER_HOME=$WORK/home-$fault
    expect_fault "the checksum database answers with $fault" "$SUMDB_NAME|checksum database|tile|sign" -- \
        gvp install 1.22.5
    [[ ! -e $GOVER_HOME/sumdb/$SUMDB_NAME/latest ]] || fail_check "$fault: latest was written"
done
export GOVER_HOME=$saved_home
sumdb_stop
sumdb_start || exit 1

# A forked database: the same key signs a tree that does not extend the one verified before.
latest=$GOVER_HOME/sumdb/$SUMDB_NAME/latest
cp "$latest" "$WORK/latest.before"
sumdb_stop
sumdb_start -filler 5 || exit 1
expect_fault "a forked checksum database" "compromised" -- gvp install --force 1.22.4
cmp -s "$latest" "$WORK/latest.before" || fail_check "a forked tree moved sumdb/$SUMDB_NAME/latest"

# list-remote lists the proxy's versions for the platform.
out=$(gvp list-remote --platform darwin-arm64 2>&1)
[[ $out == *1.22.5* && $out != *1.22.4* ]] || fail_check "list-remote --platform darwin-arm64: $out"
out=$(gvp list-remote 2>&1)
[[ $out == *1.22.5* && $out == *1.22.4* && $out == *1.21.0* ]] || fail_check "list-remote: $out"

# --source with another value is a usage error.
gvp --source bogus list-remote >/dev/null 2>"$WORK/err"
rc=$?
[[ $rc == 2 ]] && grep -q "source 'bogus'" "$WORK/err" || fail_check "--source bogus: exit $rc, $(cat "$WORK/err")"
# An invalid GOVER_SOURCE fails the commands that fetch (and the shim's auto-install) with a
# usage error, but never `gover init`, which runs in every new shell, nor `current`.
saved_env=("${GVP_ENV[@]}")
GVP_ENV+=(GOVER_SOURCE=bogus)
for cmd in list-remote "install 1.22.5"; do
    # shellcheck disable=SC2086 # the command and its argument
    gvp $cmd >/dev/null 2>"$WORK/err"
    rc=$?
    [[ $rc == 2 ]] && grep -q "GOVER_SOURCE 'bogus' is not a source" "$WORK/err" ||
        fail_check "GOVER_SOURCE=bogus $cmd: exit $rc, $(cat "$WORK/err")"
done
gvp init bash >"$WORK/out" 2>"$WORK/err" && grep -q 'shims' "$WORK/out" ||
    fail_check "GOVER_SOURCE=bogus init bash: $(cat "$WORK/err")"
gvp current >/dev/null 2>"$WORK/err" || [[ $? == 1 ]] ||
    fail_check "GOVER_SOURCE=bogus current: $(cat "$WORK/err")"
GVP_ENV=("${saved_env[@]}")

# The list is cached (cache/goproxy/): with the proxy gone, list-remote (within 10 minutes) and
# completion (cache only, never the network) still list its versions.
mirror_stop
out=$(gvp list-remote 2>&1)
[[ $out == *1.22.5* ]] || fail_check "list-remote from the cache: $out"
out=$(gvp complete remote 2>&1)
[[ $out == *1.22.5* && $out == *1.22.4* ]] || fail_check "completion from the cache: $out"

invariants_report
