# End-to-end: hostile archives served with a CORRECT sha256 (a compromised upstream, not a
# corrupted download) are refused whole, nothing lands outside GOVER_HOME (the archives aim at
# a watched directory with a victim file in it), and the store stays usable. Built by the C++
# builder tests/support/archive_builder.cpp (tests/gover_archive_tool).
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
require_archive_tool

M=$MIRROR_ROOT_DIR
target=$WATCH_DIR/outside
mkdir -p "$target"
echo untouched >"$target/victim"
mapfile -t kinds < <("$ARCHIVE_TOOL" kinds)
((${#kinds[@]} >= 10)) || fail_check "only ${#kinds[@]} hostile kinds"
minor=1
declare -A version_of
for kind in "${kinds[@]}"; do
    v=1.30.$minor
    version_of[$kind]=$v
    "$ARCHIVE_TOOL" "$kind" "$v" "$M/go$v.linux-amd64.tar.gz" "$target" || exit 1
    index_add "$v" "go$v.linux-amd64.tar.gz"
    minor=$((minor + 1))
done
go_toolchain_synthetic 1.29.0 "$M/go1.29.0.linux-amd64.tar.gz"
index_add 1.29.0 go1.29.0.linux-amd64.tar.gz
index_write "$M"
mirror_start "$M" || exit 1

expect_success "a good toolchain first" -- gv install 1.29.0
for kind in "${kinds[@]}"; do
    expect_fault "hostile archive: $kind" "unsafe archive entry|not under go/" -- \
        gv install "${version_of[$kind]}"
done
[[ $(cat "$target/victim") == untouched ]] || fail_check "the victim file changed"
[[ $(ls -A "$target") == victim ]] || fail_check "files appeared outside: $(ls -A "$target")"

# The store is still fine: reinstall and list work without any cleanup.
expect_success "clean re-run (force reinstall)" -- gv install --force 1.29.0
[[ $(gv list 2>/dev/null) == 1.29.0 ]] || fail_check "list: $(gv list 2>&1)"

invariants_report
