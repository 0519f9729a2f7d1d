#!/usr/bin/env bash
# The first contact with the CLI (README "Commands"): `gover --version`, `--help` for every command
# with an example, and usage mistakes at the top level reported as one `gover: error:` line
# with exit 2, naming the word that was wrong (never CLI11's own text or exit code); gover's
# own flags after the command; exec leaving every word after its spec to the command.
set -euo pipefail
source "$GOVER_SOURCE_DIR/tests/support/shell_env.sh"
shell_env_setup

# usage_error <expected message part> <args...>
usage_error() {
    local want=$1
    shift
    set +e
    shell_run gover "$@" >"$SHELL_TMP/out" 2>"$SHELL_TMP/err"
    local status=$?
    set -e
    local err
    err=$(cat "$SHELL_TMP/err")
    expect_eq "gover $* exits 2" 2 "$status"
    expect_eq "gover $* prints nothing on stdout" "" "$(cat "$SHELL_TMP/out")"
    expect_eq "gover $* prints one line" 1 "$(wc -l <"$SHELL_TMP/err" | tr -d ' ')"
    expect_contains "gover $* is a gover: error: line" "gover: error: " "$err"
    expect_contains "gover $* says what was wrong" "$want" "$err"
}

usage_error "unknown option '--bogus'" --bogus
usage_error "unknown command 'instal'" instal
usage_error "did you mean 'gover install'" instal
usage_error "unknown command 'frobnicate'" frobnicate
usage_error "no command given"
usage_error "no command given" --quiet
usage_error "--bogus" list --bogus
usage_error "unknown command 'instll'" help instll

usage_error "1.22 is a language version, not a release" uninstall 1.22

# gover's own flags work after the command too (as in mise and rustup) ...
expect_eq "gover exec passes -q and --help on to the command" "-q --help x" \
    "$(shell_run gover exec 1.21.0 -- sh -c 'echo "$@"' sh -q --help x)"
set +e
shell_run gover uninstall -q 1.21.0 >"$SHELL_TMP/out" 2>"$SHELL_TMP/err"
status=$?
set -e
expect_eq "gover uninstall -q exits 0" 0 "$status"
expect_eq "gover uninstall -q prints no notice" "" "$(cat "$SHELL_TMP/err" "$SHELL_TMP/out")"
expect_eq "gover uninstall -q removed it" "1.22.5  (selected by $GOVER_HOME/global)" \
    "$(shell_run gover list --quiet)"

expect_eq "gover help is gover --help" "$(shell_run gover --help)" "$(shell_run gover help)"
expect_eq "gover help install is gover install --help" "$(shell_run gover install --help)" \
    "$(shell_run gover help install)"

version=$(sed -n 's/^project(gover VERSION \([0-9.]*\).*/\1/p' "$GOVER_SOURCE_DIR/CMakeLists.txt")
expect_eq "gover --version prints gover X.Y.Z" "gover $version" "$(shell_run gover --version)"

help=$(shell_run gover --help)
expect_contains "gover --help has an example" "Example" "$help"
while IFS=$'\t' read -r cmd _; do
    expect_contains "gover --help lists $cmd" "  $cmd " "$help"
    out=$(shell_run gover "$cmd" --help)
    expect_contains "gover $cmd --help has an example" "Example" "$out"
    expect_contains "gover $cmd --help shows a gover $cmd line" "gover $cmd" "$out"
done < <(shell_run gover complete commands)
expect_lacks "the hidden complete command is not in --help" "  complete " "$help"
echo "PASS: cli_toplevel"
