#!/usr/bin/env bash
# `gover init fish | source` in a real fish: the shims, then GOBIN, first on PATH (once, however
# often it is loaded), `go` is the shim and runs the pinned version, `gover shell` changes this
# shell, and `complete -C` offers the right words.
# shellcheck disable=SC2016 # the inner shells' scripts are single-quoted on purpose
set -euo pipefail
source "$GOVER_SOURCE_DIR/tests/support/shell_env.sh"
command -v fish >/dev/null || { echo "SKIP: fish not found (apt-get install fish)" >&2; exit 77; }
shell_env_setup

SHIMS="$GOVER_HOME/shims"
GOBIN_DEFAULT="$HOME/go/bin"
# fish keeps PATH as a list; these tests print it joined with ':'.
FRONT="$SHIMS:$GOBIN_DEFAULT"
in_fish() { shell_run "$@" fish --no-config -c "$SCRIPT"; }

# --- PATH, the shim, the pinned version -------------------------------------------------------
SCRIPT='gover init fish | source; or exit 1
string join : -- $PATH; command -v go; go version; go1.21.0 version'
out=$(in_fish)
expect_eq "PATH starts with the shims, then GOBIN" "$FRONT:$BASE_PATH" "$(sed -n 1p <<<"$out")"
expect_eq "command -v go is the shim" "$SHIMS/go" "$(sed -n 2p <<<"$out")"
expect_eq "go version is the pinned one" "go version go1.22.5 $HOST_GOOS/$HOST_GOARCH" \
    "$(sed -n 3p <<<"$out")"
expect_eq "go1.21.0 runs 1.21.0" "go version go1.21.0 $HOST_GOOS/$HOST_GOARCH" \
    "$(sed -n 4p <<<"$out")"

SCRIPT='gover init fish | source; set -l a (string join : -- $PATH)
gover init fish | source; gover init fish | source; set -l b (string join : -- $PATH)
test "$a" = "$b"; and echo same; or echo "grew: $a -> $b"'
expect_eq "loading three times leaves PATH as once" same "$(in_fish 2>&1)"

SCRIPT='gover init fish | source; set -gx PATH /usr/local/bin $PATH; gover init fish | source
string join : -- $PATH'
expect_eq "reloading moves the shims back to the front, without copies" \
    "$FRONT:/usr/local/bin:$BASE_PATH" "$(in_fish)"

SCRIPT='set -gx PATH $argv[3] /usr/bin $argv[1] /bin $argv[1] $argv[2]; gover init fish | source
string join : -- $PATH'
out=$(shell_run fish --no-config -c "$SCRIPT" "$SHIMS" "$GOBIN_DEFAULT" "$SHELL_BIN")
expect_eq "copies already on PATH are removed" "$FRONT:$SHELL_BIN:/usr/bin:/bin" "$out"

SCRIPT='gover init fish | source; string join : -- $PATH'
expect_eq "GOBIN from the environment" "$SHIMS:/opt/gobin:$BASE_PATH" "$(in_fish GOBIN=/opt/gobin)"
expect_eq "the first GOPATH entry's bin" "$SHIMS:/gp1/bin:$BASE_PATH" "$(in_fish GOPATH=/gp1:/gp2)"

# gover run by its path, none on PATH: its directory goes last, once, even when a script cached
# in a file is loaded again.
GOVER_DIR=$(dirname "$(realpath "$GOVER_BIN")")
SCRIPT='set -gx PATH /usr/bin /bin; $argv[1] init fish >$argv[2]; source $argv[2]; source $argv[2]
string join : -- $PATH'
out=$(shell_run fish --no-config -c "$SCRIPT" "$GOVER_BIN" "$SHELL_TMP/cached.fish")
expect_eq "a cached script loaded again: gover's directory once" \
    "$FRONT:/usr/bin:/bin:$GOVER_DIR" "$out"

# config.fish is where the init line goes; a login fish reads it.
mkdir -p "$HOME/.config/fish"
echo 'gover init fish | source' >"$HOME/.config/fish/config.fish"
out=$(shell_run fish -l -c 'string join : -- $PATH; go version')
# (a login fish may append system directories of its own after these)
expect_eq "the init line in config.fish puts the shims first" "$FRONT:$BASE_PATH" \
    "$(sed -n 1p <<<"$out" | cut -d: -f1-5)"
expect_eq "and go runs the pin" "go version go1.22.5 $HOST_GOOS/$HOST_GOARCH" "$(sed -n 2p <<<"$out")"
rm "$HOME/.config/fish/config.fish"

# --- the gover function: `gover shell` changes this shell -----------------------------------
SCRIPT='gover init fish | source
gover shell 1.21.0; or exit 1
echo $GOVER_VERSION; go version
gover shell --unset; or exit 1
set -q GOVER_VERSION; and echo $GOVER_VERSION; or echo unset; go version'
out=$(in_fish)
expect_eq "gover shell sets GOVER_VERSION here" 1.21.0 "$(sed -n 1p <<<"$out")"
expect_eq "go follows gover shell" "go version go1.21.0 $HOST_GOOS/$HOST_GOARCH" "$(sed -n 2p <<<"$out")"
expect_eq "gover shell --unset clears it" unset "$(sed -n 3p <<<"$out")"
expect_eq "go is back to the pin" "go version go1.22.5 $HOST_GOOS/$HOST_GOARCH" "$(sed -n 4p <<<"$out")"

SCRIPT='gover init fish | source; gover shell 9.9.9; set -l s $status
set -q GOVER_VERSION; and echo "status=$s $GOVER_VERSION"; or echo "status=$s unset"'
expect_eq "a failed gover shell changes nothing and keeps its status" "status=1 unset" \
    "$(in_fish 2>/dev/null)"

# --- completion: complete -C ----------------------------------------------------------------
SCRIPT='gover init fish | source; gover init fish | source
for line in $argv
    set -l words (complete -C"$line" | string replace -r "\t.*" "" | sort)
    printf "%s\n" "$words"
end'
queries=('gover ins' 'gover ' 'gover uninstall ' 'gover init ' 'gover shell --shell ' \
    'gover which go1' 'gover exec 1.22.5 -- ech' 'gover install --' 'gover help li' \
    'gover use 1.22.5 ' 'gover shell --shell fish 1.21.0 ' 'gover init bash ' 'gover which go ' \
    'gover exec 1.22.5 ' 'gover shell --shell fish ' 'gover uninstall 1.21.0 ' \
    "gover import $SHELL_TMP/imp")
mkdir -p "$SHELL_TMP/import-me" && : >"$SHELL_TMP/import-file"
out=$(shell_run fish --no-config -c "$SCRIPT" "${queries[@]}" 2>&1)
line() { sed -n "$1p" <<<"$out"; }
expect_eq "a command prefix completes" "install" "$(line 1)"
commands=$("$GOVER_BIN" complete commands | cut -f1 | sort | tr '\n' ' ')
expect_eq "every visible command is offered, once" "${commands% }" "$(line 2)"
expect_lacks "the hidden complete command is not offered" " complete " " $(line 2) "
expect_eq "uninstall offers the installed versions" "1.21.0 1.22.5" "$(line 3)"
expect_eq "init offers the shells" "bash fish zsh" "$(line 4)"
expect_eq "--shell offers the shells" "bash fish zsh" "$(line 5)"
expect_eq "which offers the shims" "go1.21.0 go1.22.5" "$(line 6)"
expect_contains "after exec's -- a command name completes" "echo" "$(line 7)"
expect_contains "install offers --force" "--force" "$(line 8)"
expect_contains "install offers --platform" "--platform" "$(line 8)"
expect_eq "help offers the commands" "list list-remote" "$(line 9)"
# Commands that take one argument offer nothing once it is there.
expect_eq "use offers nothing after its spec" "" "$(line 10)"
expect_eq "shell offers nothing after its spec (--shell's value is not one)" "" "$(line 11)"
expect_eq "init offers nothing after the shell" "" "$(line 12)"
expect_eq "which offers nothing after the tool" "" "$(line 13)"
expect_eq "exec offers -- after its spec" "--" "$(line 14)"
expect_eq "shell after --shell's value offers the installed versions" "1.21.0 1.22.5" "$(line 15)"
expect_eq "uninstall takes several versions" "1.21.0 1.22.5" "$(line 16)"
expect_eq "import offers directories" "$SHELL_TMP/import-me/" "$(line 17)"

# The installed file on its own, as fish autoloads it from vendor_completions.d.
SCRIPT='source $argv[1]; complete -C"gover li" | string replace -r "\t.*" "" | sort | string join " "'
out=$(shell_run fish --no-config -c "$SCRIPT" "$GOVER_SOURCE_DIR/packaging/completions/gover.fish" 2>&1)
expect_eq "the completion file alone completes" "list list-remote" "$out"
echo "PASS: shell_fish"
