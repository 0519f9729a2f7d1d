#!/usr/bin/env bash
# What gover prints on stdout is all there or an error (README, "JSON output" and "Exit
# status"): JSON stays valid UTF-8 for paths that are not (bytes become U+FFFD) and for paths
# with a newline; `list-remote --json` with no match prints `[]`; a write error on stdout
# (/dev/full) is exit 1 with one `gover: error:` line, never a silent exit 0.
set -euo pipefail
source "$GOVER_SOURCE_DIR/tests/support/shell_env.sh"
shell_env_setup

valid_json() { python3 -m json.tool >/dev/null 2>&1 && echo valid || echo invalid; }

# --- Paths that are not UTF-8, and a newline ------------------------------------------------
for name in $'bad\xff\xfe' $'new\nline'; do
    project="$SHELL_TMP/$name"
    mkdir -p "$project"
    printf 'golang 1.21.0\n' >"$project/.tool-versions"
    out=$(cd "$project" && shell_run gover current --json)
    expect_eq "current --json in $(printf %q "$name") is valid JSON" valid "$(valid_json <<<"$out")"
    source_path=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["source"])' <<<"$out")
    expect_contains "current --json names the pin" "/.tool-versions" "$source_path"

    home="$SHELL_TMP/$name-home"
    cp -a "$GOVER_HOME" "$home"
    out=$(shell_run GOVER_HOME="$home" gover list --json)
    expect_eq "list --json under $(printf %q "$name") is valid JSON" valid "$(valid_json <<<"$out")"
    count=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$out")
    expect_eq "list --json lists both versions" 2 "$count"
done
out=$(cd "$SHELL_TMP/"$'bad\xff\xfe' && shell_run gover current --json)
expect_contains "a byte that is not UTF-8 becomes U+FFFD" $'bad\xef\xbf\xbd\xef\xbf\xbd/' "$out"
out=$(cd "$SHELL_TMP/"$'new\nline' && shell_run gover current --json)
expect_contains "a newline is escaped" 'new\nline/' "$out"

# --- list-remote --json with no match --------------------------------------------------------
shell_env_write_index "$SHELL_TMP/mirror"
MIRROR="file://$SHELL_TMP/mirror/"
set +e
out=$(shell_run GOVER_MIRROR="$MIRROR" gover list-remote 1.99 --json 2>"$SHELL_TMP/err")
status=$?
set -e
expect_eq "list-remote 1.99 --json prints []" "[]" "$out"
expect_eq "list-remote 1.99 --json still exits 1 (nothing matches)" 1 "$status"
expect_contains "list-remote 1.99 --json says why on stderr" "no Go release matches 1.99" \
    "$(cat "$SHELL_TMP/err")"
out=$(shell_run GOVER_MIRROR="$MIRROR" gover list-remote 1.22 --json)
expect_eq "list-remote --json is valid JSON" valid "$(valid_json <<<"$out")"

# --- Write errors on stdout ------------------------------------------------------------------
[[ -w /dev/full ]] || { echo "SKIP: no /dev/full here" >&2; exit 77; }
mkdir -p "$SHELL_TMP/work"
cd "$SHELL_TMP/work"
full() {
    local what=$1
    shift
    set +e
    shell_run GOVER_MIRROR="$MIRROR" "$@" >/dev/full 2>"$SHELL_TMP/err"
    local status=$?
    set -e
    local err
    err=$(cat "$SHELL_TMP/err")
    expect_eq "$what into /dev/full exits 1" 1 "$status"
    expect_contains "$what into /dev/full says so" \
        "gover: error: cannot write to standard output: No space left on device" "$err"
}
full "list" gover list
full "list --json" gover list --json
full "current" gover current
full "current --json" gover current --json
full "init bash" gover init bash
full "shell 1.22" gover shell 1.22
full "list-remote" gover list-remote
full "which go" gover which go
full "--help" gover --help
# Nothing to print is no error, even into /dev/full.
set +e
shell_run gover use -q 1.21.0 >/dev/full 2>"$SHELL_TMP/err"
status=$?
set -e
expect_eq "use into /dev/full prints nothing and exits 0" 0 "$status"
