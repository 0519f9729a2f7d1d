#!/usr/bin/env bash
# The e2e assertion helper itself (tests/support/assert.sh): a failed check fails the script
# even when the script never calls e2e_finish, a passing one does not, and the checks go on
# after a failure so one run shows every failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gover-assert.XXXXXX")
trap 'rm -rf "$work"' EXIT

probe() { # probe <name> <body>: a script that sources the helper, then runs body
    printf 'set -euo pipefail\nsource %q/../support/assert.sh\ntrap e2e_enforce EXIT\n%s\n' \
        "$here" "$2" >"$work/$1.sh"
    rc=0
    bash "$work/$1.sh" >"$work/$1.out" 2>"$work/$1.err" || rc=$?
}

status=0
probe forgot 'expect_eq "deliberate" a b; expect_contains "second" x yyy; echo reached-end'
if [[ $rc != 1 ]]; then echo "FAIL: a failed check without e2e_finish exited $rc, not 1"; status=1; fi
grep -q reached-end "$work/forgot.out" || { echo "FAIL: checks stopped the script"; status=1; }
[[ $(grep -c '^FAIL:' "$work/forgot.err") == 2 ]] || { echo "FAIL: not every failure was reported"; status=1; }

probe passing 'expect_eq "same" a a; expect_lacks "absent" z abc; e2e_finish'
if [[ $rc != 0 ]]; then echo "FAIL: passing checks exited $rc"; status=1; fi

probe finished 'expect_contains "missing" q abc; e2e_finish; echo not-reached'
if [[ $rc != 1 ]] || grep -q not-reached "$work/finished.out"; then
    echo "FAIL: e2e_finish with a failed check must exit 1 (rc $rc)"
    status=1
fi
((status == 0)) && echo "support_assert: all passed"
exit "$status"
