#!/usr/bin/env bash
# `gover doctor` on a healthy setup: no findings, exit 0, `[]` as JSON; and the CLI's own rules
# (usage errors, --yes only with --fix, colour never on a pipe or with NO_COLOR).
set -euo pipefail
source "${GOVER_SOURCE_DIR:-$(dirname "$0")/../..}/tests/support/doctor_e2e.sh"
de_setup

de_version 1.22.5
de_shims go gofmt go1.22.5
echo 1.22.5 >"$GOVER_HOME/global"

de_doctor --json
de_expect_eq "clean: exit status" 0 "$DE_RC"
de_expect_eq "clean: JSON" "[]" "$DE_OUT"

de_doctor
de_expect_eq "clean, human: exit status" 0 "$DE_RC"
de_expect_eq "clean, human: stdout" "" "$DE_OUT"
de_expect_contains "clean, human: stderr" "no problems found" "$DE_ERR"

de_doctor --fix --json
de_expect_eq "clean --fix: exit status" 0 "$DE_RC"
de_expect_eq "clean --fix: JSON" "[]" "$DE_OUT"

# Usage errors are the gover: error form with exit 2.
de_doctor --yes
de_expect_eq "--yes without --fix" 2 "$DE_RC"
de_expect_contains "--yes without --fix: message" "gover: error:" "$DE_ERR"
de_doctor --bogus
de_expect_eq "unknown option" 2 "$DE_RC"
de_expect_contains "unknown option: message" "gover: error:" "$DE_ERR"

# Only info: still exit 0. A pipe never gets colour escapes.
rm "$GOVER_HOME/global"
de_doctor
de_expect_eq "info only: exit status" 0 "$DE_RC"
de_expect_contains "info only: grouped" "Info (1)" "$DE_OUT"
de_expect_contains "info only: the finding" "[pin-none]" "$DE_OUT"
de_expect_contains "info only: the fix" "fix: gover use latest --global" "$DE_OUT"
[[ $DE_OUT != *$'\033'* ]] || de_fail "colour escapes on a pipe"

# On a terminal: colour, unless NO_COLOR is set.
if script_bin=$(command -v script); then
    run_tty() {
        env -i HOME="$HOME" GOVER_HOME="$GOVER_HOME" PATH="$DE_PATH" SHELL=/bin/bash TERM=xterm \
            CC="$DE_TOOLS/cc" GOENV="$DE_TMP/goenv" "$@" \
            "$script_bin" -qec "$GOVER_BIN doctor" /dev/null </dev/null
    }
    tty_out=$(run_tty || true)
    [[ $tty_out == *$'\033['* ]] || de_fail "no colour on a terminal: $tty_out"
    tty_out=$(run_tty NO_COLOR=1 || true)
    [[ $tty_out != *$'\033['* ]] || de_fail "colour with NO_COLOR: $tty_out"
fi
echo "doctor_clean: ok"
