#!/usr/bin/env bash
# `gover doctor` on the store and selection: a pin not installed, a bad pin file, files changed
# since install, foreign entries, leftovers, missing shims; --fix regenerates the shims with the
# real refresh and removes leftovers, leaving what is not gover's.
set -euo pipefail
source "${GOVER_SOURCE_DIR:-$(dirname "$0")/../..}/tests/support/doctor_e2e.sh"
de_setup

de_version 1.22.5
de_shims go gofmt go1.22.5
echo 1.22.5 >"$GOVER_HOME/global"

# Pinned but not installed, and a pin file that holds no version.
DE_ENV=(GOVER_VERSION=1.21.0)
de_doctor --json
de_expect pin-missing error
de_expect_eq "pin-missing fix" "gover install 1.21.0" "$(de_text pin-missing fix)"
DE_ENV=()
printf 'golang banana\n' >"$DE_WORK/.tool-versions"
de_doctor --json
de_expect pin-invalid error
de_expect_contains "pin-invalid names path:line" "$DE_WORK/.tool-versions:1" "$(de_text pin-invalid)"
rm "$DE_WORK/.tool-versions"

# A go.mod needing a newer Go than the pin, not installed.
printf 'module example.com/m\n\ngo 1.23.0\n' >"$DE_WORK/go.mod"
de_doctor --json
de_expect module-toolchain warning
de_expect_eq "module fix" "gover install 1.23.0" "$(de_text module-toolchain fix)"
rm "$DE_WORK/go.mod"

# Files changed since install; foreign entries; leftovers; a missing shim.
printf '#!/bin/sh\n# edited\nexit 0\n' >"$GOVER_HOME/versions/1.22.5/bin/gofmt"
mkdir -p "$GOVER_HOME/versions/my-go" "$GOVER_HOME/tmp/install-1.22.5-1-abc/go"
echo keep >"$GOVER_HOME/tmp/notes.txt"
rm "$GOVER_HOME/shims/gofmt"
ln -s ../bin/gover-shim "$GOVER_HOME/shims/go1.20.0"
de_doctor --json
de_expect_eq "store: exit status" 1 "$DE_RC"
de_expect store-changed error
de_expect_contains "store-changed names the file" "bin/gofmt" "$(de_text store-changed)"
de_expect_eq "store-changed fix" "gover install --force 1.22.5" "$(de_text store-changed fix)"
de_expect store-foreign warning
de_expect store-leftovers info
de_expect shims warning

de_doctor --fix --json
de_expect shims warning true
de_expect store-leftovers info true
de_expect store-foreign warning false
de_expect store-changed error false
de_expect_contains "reinstall needs a confirmation" "reinstall Go 1.22.5" "$DE_ERR"
[[ -L $GOVER_HOME/shims/gofmt ]] || de_fail "the gofmt shim was not regenerated"
[[ ! -e $GOVER_HOME/shims/go1.20.0 ]] || de_fail "the stale go1.20.0 shim is still there"
[[ ! -e $GOVER_HOME/tmp/install-1.22.5-1-abc ]] || de_fail "the leftover staging dir is still there"
[[ -e $GOVER_HOME/tmp/notes.txt ]] || de_fail "--fix removed a file that is not gover's"
[[ -d $GOVER_HOME/versions/my-go ]] || de_fail "--fix removed a foreign entry"

# Run again: nothing more to do for the shims (idempotent).
de_doctor --fix --json
de_expect_none shims
de_expect_none store-leftovers
echo "doctor_store: ok"
