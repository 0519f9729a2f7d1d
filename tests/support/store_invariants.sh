# shellcheck shell=bash
# The five invariants every failed install must keep (issue 3), as reusable assertions:
#   (1) a non-zero exit and one clear stderr line "gover: error: ..." naming the cause;
#   (2) versions/, shims/, meta/, bin/ and global list the same before and after;
#   (3) no staging dirs, .part files or other leftovers in tmp/;
#   (4) nothing written outside $GOVER_HOME (a watched directory: HOME, TMPDIR, targets);
#   (5) a clean re-run afterwards succeeds.
#
#   store_snapshot <home>                 prints a listing of the store's visible state
#   store_assert_unchanged <home> <snap>  compares with an earlier snapshot
#   store_assert_no_leftovers <home>      tmp/ empty, no *.part anywhere
#   tree_snapshot <dir> / tree_assert_unchanged <dir> <snap>   for watched outside dirs
#   assert_error_line <stderr-file> <extended-regex>   exactly one "gover: error:" line, matching
#   expect_fault <label> <regex> -- <command...>
#       runs the command (its stderr kept in $FAULT_STDERR) and checks (1)-(4) against
#       $GOVER_HOME and $WATCH_DIR (if set); (5) is the caller's next step.
# Each failed check prints "FAIL: <label>: ..." and sets FAILURES; finish with
# invariants_report, which exits 1 when anything failed.

FAILURES=${FAILURES:-0}

fail_check() {
    echo "FAIL: $*" >&2
    FAILURES=$((FAILURES + 1))
}

store_snapshot() {
    local home=$1 d
    for d in versions shims meta bin; do
        if [[ -d $home/$d ]]; then
            (cd "$home/$d" && find . -mindepth 1 -maxdepth 1 -printf "$d/%P %y %l\n" | LC_ALL=C sort)
        fi
    done
    if [[ -d $home/meta ]]; then
        (cd "$home/meta" && find . -type f -exec sha256sum {} + | LC_ALL=C sort)
    fi
    if [[ -e $home/global ]]; then
        echo "global $(sha256sum <"$home/global" | cut -d' ' -f1)"
    fi
}

store_assert_unchanged() {
    local home=$1 before=$2 label=${3:-store}
    local after
    after=$(store_snapshot "$home")
    if [[ $after != "$before" ]]; then
        fail_check "$label: the store changed"
        diff <(echo "$before") <(echo "$after") >&2
    fi
}

store_assert_no_leftovers() {
    local home=$1 label=${2:-store}
    if [[ -d $home/tmp ]] && [[ -n $(ls -A "$home/tmp") ]]; then
        fail_check "$label: leftovers in tmp/: $(ls -A "$home/tmp" | tr '\n' ' ')"
    fi
    local parts
    parts=$(find "$home" -name '*.part' 2>/dev/null)
    if [[ -n $parts ]]; then
        fail_check "$label: .part files left: $parts"
    fi
}

tree_snapshot() {
    (cd "$1" && find . -printf '%P %y %s %m\n' | LC_ALL=C sort)
}

tree_assert_unchanged() {
    local dir=$1 before=$2 label=${3:-outside}
    local after
    after=$(tree_snapshot "$dir")
    if [[ $after != "$before" ]]; then
        fail_check "$label: something was written outside GOVER_HOME ($dir)"
        diff <(echo "$before") <(echo "$after") >&2
    fi
}

assert_error_line() {
    local file=$1 regex=$2 label=${3:-error}
    local lines
    lines=$(grep -c '^gover: error: ' "$file")
    if [[ $lines != 1 ]]; then
        fail_check "$label: expected one 'gover: error:' line, got $lines:"
        sed 's/^/    /' "$file" >&2
        return
    fi
    if ! grep '^gover: error: ' "$file" | grep -Eq -- "$regex"; then
        fail_check "$label: the error does not match /$regex/:"
        sed 's/^/    /' "$file" >&2
    fi
}

expect_fault() {
    local label=$1 regex=$2
    shift 2
    [[ $1 == -- ]] && shift
    local before watch_before="" rc
    mkdir -p "$GOVER_HOME"
    before=$(store_snapshot "$GOVER_HOME")
    if [[ -n ${WATCH_DIR:-} ]]; then
        watch_before=$(tree_snapshot "$WATCH_DIR")
    fi
    FAULT_STDERR=$(mktemp "${TMPDIR:-/tmp}/gover-stderr.XXXXXX")
    "$@" 2>"$FAULT_STDERR" >/dev/null
    rc=$?
    FAULT_RC=$rc
    if [[ $rc == 0 ]]; then
        fail_check "$label: exited 0"
    fi
    assert_error_line "$FAULT_STDERR" "$regex" "$label"
    store_assert_unchanged "$GOVER_HOME" "$before" "$label"
    store_assert_no_leftovers "$GOVER_HOME" "$label"
    if [[ -n ${WATCH_DIR:-} ]]; then
        tree_assert_unchanged "$WATCH_DIR" "$watch_before" "$label"
    fi
    echo "ok: $label (exit $rc): $(grep '^gover: error: ' "$FAULT_STDERR" | head -1)" >&2
    rm -f "$FAULT_STDERR"
}

# Runs a command that must succeed (a clean re-run): prints its stderr when it does not.
expect_success() {
    local label=$1
    shift
    [[ $1 == -- ]] && shift
    local err
    err=$(mktemp "${TMPDIR:-/tmp}/gover-stderr.XXXXXX")
    if ! "$@" 2>"$err" >/dev/null; then
        fail_check "$label: failed:"
        sed 's/^/    /' "$err" >&2
    else
        echo "ok: $label" >&2
    fi
    rm -f "$err"
}

invariants_report() {
    if ((FAILURES > 0)); then
        echo "$FAILURES check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed" >&2
}
