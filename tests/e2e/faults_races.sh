# End-to-end (issue 7): races against an install.
#   install vs uninstall of the same version, repeatedly: each ends cleanly (uninstall may find
#     nothing to remove yet) and the store is always consistent: either a complete, running
#     versions/1.22.5 with its meta/ record and go1.22.5 shim, or none of the three;
#   install and uninstall vs the shim, `list` and a go1.22.5 entry running in a loop: each call
#     sees either no version (exit 127, "not installed") or the complete one (its output);
#   install of one version vs uninstall of another: shims/ ends in step with versions/.
# No leftovers in tmp/, nothing written outside $GOVER_HOME; afterwards a clean install works.
source "$GOVER_SOURCE_DIR/tests/support/install_e2e.sh"
: "${GOVER_SHIM_BIN:?GOVER_SHIM_BIN must point at the gover-shim binary}"
export GOVER_SHIM_PATH=$GOVER_SHIM_BIN
rounds=${GOVER_RACE_ROUNDS:-6}

M=$MIRROR_ROOT_DIR
go_toolchain_synthetic 1.21.0 "$M/go1.21.0.linux-amd64.tar.gz"
# A few hundred KB: long enough to unpack that the racers overlap it.
go_toolchain_synthetic 1.22.5 "$M/go1.22.5.linux-amd64.tar.gz" linux-amd64 400000
index_add 1.22.5 go1.22.5.linux-amd64.tar.gz
index_add 1.21.0 go1.21.0.linux-amd64.tar.gz
index_write "$M"
mirror_start "$M" || exit 1
outside_before=$(tree_snapshot "$WATCH_DIR")

expect_success "install 1.21.0 (for shims/go)" -- gv install 1.21.0
want="go version go1.22.5 linux/amd64"

# Either all of 1.22.5 is there and runs, or none of it.
assert_consistent() {
    local label=$1 h=$GOVER_HOME
    if [[ -e $h/versions/1.22.5 ]]; then
        [[ $("$h/versions/1.22.5/bin/go" version 2>&1) == "$want" ]] ||
            fail_check "$label: versions/1.22.5 is there but does not run"
        cmp -s <(tar -xzOf "$M/go1.22.5.linux-amd64.tar.gz" go/src/blob) "$h/versions/1.22.5/src/blob" ||
            fail_check "$label: versions/1.22.5 differs from the archive"
        [[ -s $h/meta/1.22.5.json ]] || fail_check "$label: versions/1.22.5 without meta/1.22.5.json"
        [[ -L $h/shims/go1.22.5 ]] || fail_check "$label: versions/1.22.5 without shims/go1.22.5"
    else
        [[ ! -e $h/meta/1.22.5.json ]] || fail_check "$label: meta/1.22.5.json without the version"
        [[ ! -L $h/shims/go1.22.5 ]] || fail_check "$label: shims/go1.22.5 without the version"
    fi
    store_assert_no_leftovers "$h" "$label"
}

# The observers: each call must see no version or the whole one. Writes one line per call.
observe() {
    local log=$1 out rc
    while [[ ! -e $WORK/stop ]]; do
        out=$(env PATH="$GOVER_HOME/shims:/usr/bin:/bin" HOME="$WATCH_DIR" GOVER_VERSION=1.22.5 \
            go version 2>&1)
        rc=$?
        if [[ $rc == 0 && $out == "$want" ]]; then
            echo "shim-ok" >>"$log"
        elif [[ $rc == 127 && $out == "gover: error: Go 1.22.5"*"is not installed"* ]]; then
            echo "shim-none" >>"$log"
        else
            echo "shim-BAD rc=$rc: $out" >>"$log"
        fi
        if [[ -L $GOVER_HOME/shims/go1.22.5 ]]; then
            out=$(env PATH="$GOVER_HOME/shims:/usr/bin:/bin" HOME="$WATCH_DIR" go1.22.5 version 2>&1)
            rc=$?
            if [[ $rc == 0 && $out == "$want" ]] ||
                [[ $rc == 127 && $out == "gover: error: Go 1.22.5"*"is not installed"* ]]; then
                echo "entry-ok" >>"$log"
            else
                echo "entry-BAD rc=$rc: $out" >>"$log"
            fi
        fi
        out=$(gv list 2>&1)
        rc=$?
        if [[ $rc == 0 && ($out == "1.21.0" || $out == $'1.22.5\n1.21.0') ]]; then
            echo "list-ok" >>"$log"
        else
            echo "list-BAD rc=$rc: $out" >>"$log"
        fi
    done
}

# --- install vs uninstall of the same version, watched by the observers -----------------------
log=$WORK/observed
: >"$log"
observe "$log" &
observer=$!
EXTRA_CLEANUP="touch '$WORK/stop'; kill $observer 2>/dev/null; wait $observer 2>/dev/null"
for round in $(seq 1 "$rounds"); do
    gv install 1.22.5 >/dev/null 2>"$WORK/install.err" &
    installer=$!
    # Stagger the uninstall a little differently each round: before, during and after the
    # download and unpack.
    sleep "0.$((round * 7 % 10))"
    gv uninstall 1.22.5 >/dev/null 2>"$WORK/uninstall.err"
    urc=$?
    wait "$installer"
    irc=$?
    ((irc == 0)) || fail_check "round $round: install failed: $(cat "$WORK/install.err")"
    if ((urc != 0)) && ! grep -q '^gover: error: .*1\.22\.5 is not installed' "$WORK/uninstall.err"; then
        fail_check "round $round: uninstall failed: $(cat "$WORK/uninstall.err")"
    fi
    assert_consistent "install vs uninstall, round $round"
    # Whatever the order, both can be done again: a clean state for the next round.
    gv uninstall 1.22.5 >/dev/null 2>&1
    assert_consistent "after round $round"
    # And a shim call between installs must see it installed, so both outcomes are exercised.
    expect_success "round $round: install again" -- gv install 1.22.5
    [[ $(env PATH="$GOVER_HOME/shims:/usr/bin:/bin" HOME="$WATCH_DIR" GOVER_VERSION=1.22.5 \
        go version 2>&1) == "$want" ]] || fail_check "round $round: the shim does not run 1.22.5"
    gv uninstall 1.22.5 >/dev/null 2>&1 || fail_check "round $round: uninstall after install failed"
done
touch "$WORK/stop"
wait "$observer"
EXTRA_CLEANUP=""
rm -f "$WORK/stop"
if grep -q BAD "$log"; then
    fail_check "an observer saw a half-installed or broken version:"
    grep BAD "$log" | sort | uniq -c | head -20 >&2
fi
echo "observed: $(sort "$log" | uniq -c | tr '\n' ' ')" >&2

# --- install of one version vs uninstall of another: shims/ stays in step ---------------------
for round in $(seq 1 "$rounds"); do
    gv install 1.22.5 >/dev/null 2>"$WORK/install.err" &
    installer=$!
    gv uninstall 1.21.0 >/dev/null 2>"$WORK/uninstall.err" || fail_check "uninstall 1.21.0: $(cat "$WORK/uninstall.err")"
    wait "$installer" || fail_check "install 1.22.5: $(cat "$WORK/install.err")"
    [[ -L $GOVER_HOME/shims/go1.22.5 && ! -L $GOVER_HOME/shims/go1.21.0 ]] ||
        fail_check "round $round: shims/ out of step: $(ls "$GOVER_HOME/shims" | tr '\n' ' ')"
    [[ $(ls "$GOVER_HOME/versions") == 1.22.5 ]] ||
        fail_check "round $round: versions/: $(ls "$GOVER_HOME/versions" | tr '\n' ' ')"
    assert_consistent "install 1.22.5 vs uninstall 1.21.0, round $round"
    # Swap roles for the next round.
    gv install 1.21.0 >/dev/null 2>&1 &
    installer=$!
    gv uninstall 1.22.5 >/dev/null 2>"$WORK/uninstall.err" || fail_check "uninstall 1.22.5: $(cat "$WORK/uninstall.err")"
    wait "$installer" || fail_check "install 1.21.0 failed"
    [[ -L $GOVER_HOME/shims/go1.21.0 && ! -L $GOVER_HOME/shims/go1.22.5 ]] ||
        fail_check "round $round (swapped): shims/ out of step: $(ls "$GOVER_HOME/shims" | tr '\n' ' ')"
    assert_consistent "install 1.21.0 vs uninstall 1.22.5, round $round"
done

tree_assert_unchanged "$WATCH_DIR" "$outside_before" "races"
expect_success "clean install afterwards" -- gv install 1.22.5
assert_consistent "the end"
invariants_report
