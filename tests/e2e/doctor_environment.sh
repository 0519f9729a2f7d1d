#!/usr/bin/env bash
# `gover doctor` on a broken environment: exported GOROOT/GOFLAGS/GOTOOLCHAIN/GOARCH, a
# `go env -w` file persisting GOROOT and GOPROXY, startup files exporting GOROOT; then --fix,
# which asks before `go env -u` and never edits startup files.
set -euo pipefail
source "${GOVER_SOURCE_DIR:-$(dirname "$0")/../..}/tests/support/doctor_e2e.sh"
de_setup

de_version 1.22.5
de_shims go gofmt go1.22.5
echo 1.22.5 >"$GOVER_HOME/global"
printf 'export GOROOT=/nowhere/go\neval "$(gover init bash)"\n' >"$HOME/.bashrc"
printf 'GOPROXY=https://proxy.corp.example\nGOROOT=/old/go\n' >"$DE_TMP/goenv"
other_arch=arm64
[[ $DE_ARCH == arm64 ]] && other_arch=amd64
DE_ENV=(GOROOT=/nowhere/go GOFLAGS=-mod=vendor GOTOOLCHAIN=auto GOARCH=$other_arch)

de_doctor --json
de_expect_eq "exit status" 1 "$DE_RC"
de_expect env-goroot error
de_expect_contains "GOROOT message" "/nowhere/go, which does not exist" "$(de_text env-goroot)"
de_expect_contains "GOROOT fix names the line" "$HOME/.bashrc:1" "$(de_text env-goroot fix)"
de_expect env-goflags warning
de_expect env-gotoolchain warning
de_expect env-goos-goarch warning
de_expect startup-goroot warning
de_expect_contains "startup line" "$HOME/.bashrc:1" "$(de_text startup-goroot)"
de_expect go-env-file error
de_expect go-env-file info
de_expect_contains "go env file line" "$DE_TMP/goenv:2" \
    "$(ruby -rjson -e 'puts JSON.parse(STDIN.read).select { |f| f["check"] == "go-env-file" }.map { |f| f["message"] }' <<<"$DE_OUT")"

# --fix without a terminal and without --yes: `go env -u` is not done, and says so.
bashrc_before=$(cat "$HOME/.bashrc")
de_doctor --fix --json
de_expect_eq "--fix without --yes: exit status" 1 "$DE_RC"
de_expect go-env-file error false
de_expect_contains "--fix without --yes: notice" "not done without a confirmation" "$DE_ERR"
de_expect_contains "--fix without --yes: old value shown" "GOROOT=/old/go" "$DE_ERR"
grep -q '^GOROOT=/old/go$' "$DE_TMP/goenv" || de_fail "go env file changed without a confirmation"

de_doctor --fix --yes --json
de_expect go-env-file error true
de_expect go-env-file info false
de_expect env-goroot error false
de_expect_eq "go env -u result" "GOPROXY=https://proxy.corp.example" "$(cat "$DE_TMP/goenv")"
de_expect_eq "startup file untouched" "$bashrc_before" "$(cat "$HOME/.bashrc")"
de_expect_eq "--fix --yes: exit status (exported variables remain)" 1 "$DE_RC"

# The human form groups by severity and shows each fix.
de_doctor
de_expect_contains "human: errors" "Errors (" "$DE_OUT"
de_expect_contains "human: warnings" "Warnings (" "$DE_OUT"
de_expect_contains "human: fix line" "fix: " "$DE_OUT"
echo "doctor_environment: ok"
