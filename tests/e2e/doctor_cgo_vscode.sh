#!/usr/bin/env bash
# `gover doctor` on cgo (no C compiler; one for another architecture) and VS Code settings
# naming another toolchain (info only: exit 0).
set -euo pipefail
source "${GOVER_SOURCE_DIR:-$(dirname "$0")/../..}/tests/support/doctor_e2e.sh"
de_setup

de_version 1.22.5
de_shims go gofmt go1.22.5
echo 1.22.5 >"$GOVER_HOME/global"

other_cpu=aarch64
[[ $DE_ARCH == arm64 ]] && other_cpu=x86_64
printf '#!/bin/sh\necho %s-linux-gnu\n' "$other_cpu" >"$DE_TOOLS/cross-cc"
chmod +x "$DE_TOOLS/cross-cc"
DE_ENV=(CC="$DE_TOOLS/cross-cc")
de_doctor --json
de_expect cgo-compiler warning
de_expect_contains "cross compiler" "targets $other_cpu-linux-gnu" "$(de_text cgo-compiler)"

DE_ENV=(CC=no-such-cc)
de_doctor --json
de_expect cgo-compiler warning
de_expect_contains "no compiler" "\`no-such-cc\` is not on PATH" "$(de_text cgo-compiler)"
printf 'CGO_ENABLED=0\n' >"$DE_TMP/goenv"
de_doctor --json
de_expect_none cgo-compiler
rm "$DE_TMP/goenv"
DE_ENV=()

mkdir -p "$HOME/.config/Code/User"
printf '{\n  // pinned long ago\n  "go.goroot": "/usr/local/go",\n}\n' >"$HOME/.config/Code/User/settings.json"
de_doctor --json
de_expect vscode info
de_expect_eq "only info: exit status" 0 "$DE_RC"
echo "doctor_cgo_vscode: ok"
