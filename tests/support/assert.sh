# shellcheck shell=bash
# The one way end-to-end scripts check things. Every failed check prints "FAIL: ..." and is
# counted; the script goes on, so one run shows every failure. The count decides the exit
# status: e2e_finish reports it, and e2e_enforce (which every helper's EXIT trap calls last)
# turns a non-zero count into exit 1 even when a script forgets e2e_finish.

E2E_FAILED=${E2E_FAILED:-0}

fail() {
    echo "FAIL: $*" >&2
    E2E_FAILED=$((E2E_FAILED + 1))
}

# expect_eq <what> <want> <got>
expect_eq() {
    if [[ $2 != "$3" ]]; then
        fail "$(printf '%s\n  expected: %q\n  actual:   %q' "$1" "$2" "$3")"
    else
        echo "ok: $1"
    fi
}

# expect_contains <what> <needle> <haystack>
expect_contains() {
    if [[ $3 != *"$2"* ]]; then
        fail "$(printf '%s\n  expected to contain: %q\n  actual: %q' "$1" "$2" "$3")"
    else
        echo "ok: $1"
    fi
}

# expect_lacks <what> <needle> <haystack>
expect_lacks() {
    if [[ $3 == *"$2"* ]]; then
        fail "$(printf '%s\n  expected not to contain: %q\n  actual: %q' "$1" "$2" "$3")"
    else
        echo "ok: $1"
    fi
}

# At the end of a script: a summary line, exit 1 when any check failed.
e2e_finish() {
    if ((E2E_FAILED)); then
        echo "$(basename "$0"): $E2E_FAILED check(s) FAILED" >&2
        exit 1
    fi
    echo "$(basename "$0"): all passed"
}

# Last thing in an EXIT trap: a script with failed checks never exits 0.
e2e_enforce() {
    if ((E2E_FAILED)); then
        echo "$(basename "$0"): $E2E_FAILED check(s) FAILED" >&2
        exit 1
    fi
}
