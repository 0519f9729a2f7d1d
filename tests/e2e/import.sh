# `gover import` (README "Migrating"): the toolchains already on the machine, in the known places
# under a test HOME and GOVER_IMPORT_ROOT (never the real /usr/local):
#   - Go's module cache ($HOME/go/pkg/mod, GOMODCACHE's default): an entry laid out exactly as
#     Go 1.21+ leaves it (0444 files, 0555 directories and executables, go.mod copies beside each
#     _go.mod), made from a module zip whose h1: the test checksum database (Go's x/mod/sumdb)
#     records: with one byte changed it is refused (store unchanged, source unchanged); as Go left
#     it, it is imported verified (hard links) and runs through the shim;
#   - ~/sdk/go1.21.0 (golang.org/dl, writable: copied) and /usr/local/go (read-only: linked):
#     imported unverified, and list, meta/ and doctor say so;
#   - a Homebrew Cellar tree whose bin/go is an aarch64 ELF: skipped with the reason;
#   - --dry-run changes nothing, a second run says "already installed", --json is valid JSON;
#   - a PATH that is no toolchain, GOSUMDB=off: errors; an import racing an install of the same
#     version ends with one whole version.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
source "$GOVER_SOURCE_DIR/tests/support/goproxy.sh"

if [[ $(uname -m) != x86_64 ]]; then
    echo "SKIP: the module-cache fixtures are linux-amd64 toolchains" >&2
    exit 77
fi
modcache=$WATCH_DIR/go/pkg/mod
sysroot=$WORK/sysroot
# Go's module cache is read-only: make it removable again.
EXTRA_CLEANUP='chmod -R u+w "$WATCH_DIR" "$sysroot" 2>/dev/null; sumdb_stop'

# 1.22.5 with go.mod files where Go ships them; the module zip renames them _go.mod.
mkdir -p "$GOPROXY_ROOT" "$WORK/tars" "$WORK/t"
go_toolchain_synthetic 1.22.5 "$WORK/tars/plain.tar.gz" || exit 1
tar -xzf "$WORK/tars/plain.tar.gz" -C "$WORK/t"
mkdir -p "$WORK/t/go/src/cmd"
printf 'module std\n' >"$WORK/t/go/src/go.mod"
printf 'module cmd\n' >"$WORK/t/go/src/cmd/go.mod"
tar -czf "$WORK/tars/a.tar.gz" -C "$WORK/t" go
goproxy_add "$WORK/tars/a.tar.gz" 1.22.5 || fail_check "cannot make the module zip"
mv=$(goproxy_mv 1.22.5)
sumdb_start || exit 1
entry=$(python3 "$GOVER_SOURCE_DIR/tests/support/modcache_entry.py" "$(goproxy_zip 1.22.5)" \
    "$modcache") || fail_check "cannot lay out the module cache entry"
[[ $entry == "$modcache/golang.org/toolchain@$mv" && -f $entry/src/cmd/go.mod &&
    $(stat -c %a "$entry/src/README") == 444 && $(stat -c %a "$entry/bin/go") == 555 ]] ||
    fail_check "the module cache entry is not as Go leaves it: $(ls -lR "$entry" | head -20)"

# No proxy is needed: GOSUMDB names the database's URL, and nothing is downloaded.
GVP_GOPROXY=off
GVP_ENV=(GOVER_IMPORT_ROOT="$sysroot")
sources_sum() {
    (cd "$1" && find . -printf '%P %y %m %s\n' | LC_ALL=C sort &&
        find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}

# --- refusals first, on an empty store ---
chmod u+w "$entry/src/README"
printf 'X' | dd of="$entry/src/README" bs=1 seek=3 conv=notrunc status=none
chmod 0444 "$entry/src/README"
modcache_before=$(sources_sum "$modcache")
expect_fault "a module-cache toolchain with one byte changed" \
    "checksum mismatch for golang.org/toolchain@$mv in $entry: the checksum database $SUMDB_NAME records h1:.*, the tree hashes to h1:" \
    -- gvp import
[[ $FAULT_RC == 1 ]] || fail_check "the refused import exited $FAULT_RC, not 1"
out=$(gvp import "$entry" 2>/dev/null)
[[ $out == "1.22.5  $entry  skipped: checksum mismatch for golang.org/toolchain@$mv"* ]] ||
    fail_check "the refused import's line: $out"
[[ $(sources_sum "$modcache") == "$modcache_before" ]] || fail_check "the refusal changed the module cache"
[[ -s $GOVER_HOME/sumdb/$SUMDB_NAME/latest ]] || fail_check "the database was not asked"
GVP_GOSUMDB=off expect_fault "GOSUMDB=off" "GOSUMDB" -- gvp import "$entry"
mkdir -p "$WORK/empty"
expect_fault "a PATH that is no toolchain" "cannot import $WORK/empty: no VERSION file" -- \
    gvp import "$WORK/empty"
# Put the byte back: the entry is as Go left it.
chmod u+w "$entry/src/README"
printf 'synthetic toolchain for gover tests\n' >"$entry/src/README"
chmod 0444 "$entry/src/README"

# --- the other places ---
go_toolchain_synthetic 1.21.0 "$WORK/tars/sdk.tar.gz" || exit 1
mkdir -p "$WATCH_DIR/sdk" "$WORK/u"
tar -xzf "$WORK/tars/sdk.tar.gz" -C "$WORK/u" && mv "$WORK/u/go" "$WATCH_DIR/sdk/go1.21.0"
go_toolchain_synthetic 1.20.14 "$WORK/tars/usr.tar.gz" || exit 1
mkdir -p "$sysroot/usr/local"
tar -xzf "$WORK/tars/usr.tar.gz" -C "$sysroot/usr/local"
chmod -R a-w "$sysroot/usr/local/go"
cellar=$sysroot/usr/local/Cellar/go/1.22.0/libexec
mkdir -p "$cellar/bin"
printf 'go1.22.0\n' >"$cellar/VERSION"
# An ELF header for aarch64 (e_machine 183).
{
    printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\002\000\267\000\001\000\000\000'
    head -c 104 /dev/zero
} >"$cellar/bin/go"
chmod 0755 "$cellar/bin/go"
sdk=$WATCH_DIR/sdk/go1.21.0
usr=$sysroot/usr/local/go
skip_line="-  $cellar  skipped: bin/go is for linux/arm64, not this machine's linux/amd64"
sources_before=$(sources_sum "$WATCH_DIR"; sources_sum "$sysroot")

# --dry-run: the same lines with "would import", nothing changes.
store_before=$(store_snapshot "$GOVER_HOME")
out=$(gvp import --dry-run 2>"$WORK/err") || fail_check "--dry-run failed: $(cat "$WORK/err")"
want="1.22.5  $entry  would import (verified)
1.21.0  $sdk  would import (unverified)
1.20.14  $usr  would import (unverified)
$skip_line"
[[ $out == "$want" ]] || fail_check "$(printf 'gover import --dry-run:\n%s\nwanted:\n%s' "$out" "$want")"
store_assert_unchanged "$GOVER_HOME" "$store_before" "--dry-run"
[[ ! -e $GOVER_HOME/versions/1.22.5 ]] || fail_check "--dry-run imported"

# The import.
out=$(gvp import 2>"$WORK/err") || fail_check "gover import failed: $(cat "$WORK/err")"
want="1.22.5  $entry  imported (verified)
1.21.0  $sdk  imported (unverified)
1.20.14  $usr  imported (unverified)
$skip_line"
[[ $out == "$want" ]] || fail_check "$(printf 'gover import:\n%s\nwanted:\n%s' "$out" "$want")"
store_assert_no_leftovers "$GOVER_HOME" "import"
[[ "$(sources_sum "$WATCH_DIR"; sources_sum "$sysroot")" == "$sources_before" ]] ||
    fail_check "the import changed a source tree"
v=$GOVER_HOME/versions
# Read-only sources are linked, writable ones copied; go.mod made again from _go.mod.
[[ $(stat -c %i "$v/1.22.5/src/README") == $(stat -c %i "$entry/src/README") &&
    $(stat -c %i "$v/1.20.14/VERSION") == $(stat -c %i "$usr/VERSION") &&
    $(stat -c %i "$v/1.21.0/VERSION") != $(stat -c %i "$sdk/VERSION") ]] ||
    fail_check "hard links: $(stat -c '%i %n' "$v/1.22.5/src/README" "$entry/src/README" "$v/1.21.0/VERSION" "$sdk/VERSION")"
[[ $(cat "$v/1.22.5/src/cmd/go.mod") == "module cmd" && -f $v/1.22.5/src/cmd/_go.mod ]] ||
    fail_check "versions/1.22.5/src/cmd/go.mod"
[[ ! -e $v/1.22.0 ]] || fail_check "the aarch64 tree was imported"
meta() {
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["source"], m.get("verified"), m.get("imported_from"), m.get("module_version", "-"), m.get("h1", "-")[:3], m.get("sumdb_name", "-"))' \
        "$GOVER_HOME/meta/$1.json"
}
[[ $(meta 1.22.5) == "import True $entry $mv h1: $SUMDB_NAME" ]] || fail_check "meta/1.22.5.json: $(meta 1.22.5)"
[[ $(meta 1.21.0) == "import False $sdk - - -" ]] || fail_check "meta/1.21.0.json: $(meta 1.21.0)"
out=$(cd "$WORK" && env HOME="$WATCH_DIR" GOVER_HOME="$GOVER_HOME" GOVER_VERSION=1.22.5 \
    PATH="$GOVER_HOME/shims:/usr/bin:/bin" go version 2>&1)
[[ $out == "go version go1.22.5 linux/amd64" ]] || fail_check "go version through the shim: $out"
[[ -L $GOVER_HOME/shims/go1.21.0 ]] || fail_check "no go1.21.0 shim"

# list, doctor.
out=$(gvp list 2>&1)
[[ $out == $'1.22.5\n1.21.0  (imported, unverified)\n1.20.14  (imported, unverified)' ]] ||
    fail_check "gover list: $out"
gvp doctor --json >"$WORK/doctor.json" 2>/dev/null
python3 - "$WORK/doctor.json" "$sdk" <<'EOF' || fail_check "doctor: $(head -c 1500 "$WORK/doctor.json")"
import json, sys
findings = json.load(open(sys.argv[1]))
unverified = [f for f in findings if f["check"] == "store-unverified"]
assert len(unverified) == 2, unverified
first = [f for f in unverified if "Go 1.21.0 was imported from " + sys.argv[2] in f["message"]]
assert first and first[0]["severity"] == "info" and first[0]["fix"] == "gover install --force 1.21.0", unverified
assert not [f for f in findings if f["check"] in ("store-changed", "store-foreign")], findings
EOF

# A second run: already installed; --json.
out=$(gvp import 2>"$WORK/err") || fail_check "the second run failed: $(cat "$WORK/err")"
want="1.22.5  $entry  already installed
1.21.0  $sdk  already installed
1.20.14  $usr  already installed
$skip_line"
[[ $out == "$want" ]] || fail_check "$(printf 'second run:\n%s\nwanted:\n%s' "$out" "$want")"
gvp import --json >"$WORK/import.json" 2>/dev/null || fail_check "--json exited non-zero"
python3 -m json.tool "$WORK/import.json" >/dev/null || fail_check "--json is not JSON: $(cat "$WORK/import.json")"
python3 - "$WORK/import.json" "$entry" "$cellar" <<'EOF' || fail_check "--json: $(cat "$WORK/import.json")"
import json, sys
items = json.load(open(sys.argv[1]))
assert [sorted(i) for i in items] == [["action", "path", "verified", "version"]] * 4, items
assert items[0] == {"version": "1.22.5", "path": sys.argv[2], "verified": True, "action": "already installed"}, items[0]
assert items[3]["version"] == "" and items[3]["path"] == sys.argv[3] and not items[3]["verified"], items[3]
assert items[3]["action"].startswith("skipped: bin/go is for linux/arm64"), items[3]
EOF
expect_fault "a PATH whose bin/go is for another architecture" \
    "cannot import $cellar: bin/go is for linux/arm64" -- gvp import "$cellar"

# An import racing an install (through a file:// proxy) of the same version: one whole version.
export GOVER_HOME=$WORK/race
GVP_GOPROXY=file://$GOPROXY_ROOT gvp install 1.22.5 >/dev/null 2>"$WORK/race1.err" &
install_pid=$!
gvp import "$entry" >"$WORK/race.out" 2>"$WORK/race2.err" || fail_check "the racing import failed: $(cat "$WORK/race2.err")"
wait "$install_pid" || fail_check "the racing install failed: $(cat "$WORK/race1.err")"
[[ $("$GOVER_HOME/versions/1.22.5/bin/go" version) == "go version go1.22.5 linux/amd64" ]] ||
    fail_check "the race left no working 1.22.5"
grep -Eq "imported \(verified\)|already installed" "$WORK/race.out" || fail_check "race: $(cat "$WORK/race.out")"
store_assert_no_leftovers "$GOVER_HOME" "race"
(cd "$GOVER_HOME/versions" && [[ $(ls -A) == 1.22.5 ]]) || fail_check "race: versions/ holds $(ls -A "$GOVER_HOME/versions")"

invariants_report
