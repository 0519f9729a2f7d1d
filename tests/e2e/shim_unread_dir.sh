#!/usr/bin/env bash
# A .tool-versions the walk up from the cwd cannot reach (README "Which version runs"): in a
# directory deeper than PATH_MAX, or below one we may not search. The walk still falls through
# to the parent's pin, but the shim says once, on stderr, which directory it could not read, and
# `gover current` shows it too.
set -euo pipefail
# shellcheck source=tests/support/shim_env.sh
source "${GOVER_SOURCE_DIR:?}/tests/support/shim_env.sh"

fake_toolchain 1.20
fake_toolchain 1.21.0
link_shims go gofmt
P=$E2E_TMP/project
mkdir -p "$P"
echo "golang 1.20" >"$P/.tool-versions"

# --- deeper than PATH_MAX ---------------------------------------------------------------------------
cd "$P"
name=$(printf 'x%.0s' {1..200})
for _ in {1..25}; do
    mkdir "$name"
    cd "$name"
done
echo "golang 1.21.0" >.tool-versions
deep_cwd=$(pwd -P)
(( ${#deep_cwd} > 4096 )) || fail "the test directory is not deeper than PATH_MAX: ${#deep_cwd}"
# the shallowest directory whose .tool-versions path no longer fits in PATH_MAX
shallowest=$P
while ((${#shallowest} + 16 <= 4096)); do
    shallowest=$shallowest/$name
done
run_capture timeout 10 "$SHIMS/go" version
expect_eq "over PATH_MAX: falls through to the parent's pin" "go version go1.20 fake" "$OUT"
expect_eq "over PATH_MAX: one warning naming the directory" \
    "gover: warning: could not look for .tool-versions or .go-version in $shallowest (path longer than PATH_MAX (4096)): using the Go set by $P/.tool-versions:1" \
    "$ERR"
run_capture timeout 10 "$GOVER_BIN" current
expect_eq "over PATH_MAX: current" "1.20 (set by $P/.tool-versions:1)" "$OUT"
expect_contains "over PATH_MAX: current says it" \
    "could not look for .tool-versions or .go-version in $shallowest" "$ERR"
cd "$P"
rm -rf "${P:?}/$name"

# --- below a directory we may not search (root searches everything: run as nobody) -----------------
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
    mkdir -p "$P/locked/sub"
    echo "golang 1.21.0" >"$P/locked/sub/.tool-versions"
    chmod -R a+rX "$GOVER_HOME" && chmod a+rx "$E2E_TMP" "$P"
    chmod 700 "$P/locked"
    cd "$P/locked/sub"
    nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    run_capture timeout 10 "${nobody[@]}" "$SHIMS/go" version
    expect_eq "unsearchable parent: falls through to the parent's pin" "go version go1.20 fake" "$OUT"
    expect_eq "unsearchable parent: one warning naming the directory" \
        "gover: warning: could not look for .tool-versions or .go-version in $P/locked (Permission denied): using the Go set by $P/.tool-versions:1" \
        "$ERR"
    run_capture timeout 10 "${nobody[@]}" "$GOVER_BIN" current
    expect_eq "unsearchable parent: current" "1.20 (set by $P/.tool-versions:1)" "$OUT"
    expect_contains "unsearchable parent: current says it" "in $P/locked (Permission denied)" "$ERR"
    # readable all the way down: no warning
    chmod 755 "$P/locked"
    run_capture timeout 10 "${nobody[@]}" "$SHIMS/go" version
    expect_eq "searchable again: the nearer pin" "go version go1.21.0 fake" "$OUT"
    expect_eq "searchable again: no warning" "" "$ERR"
    cd "$P"
else
    echo "note: unsearchable-parent case skipped (needs root and setpriv for an unprivileged user)" >&2
fi

e2e_finish
