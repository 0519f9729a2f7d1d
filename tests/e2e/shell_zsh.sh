#!/usr/bin/env bash
# `gover init zsh` in a real zsh: the shims, then GOBIN, first on PATH (once, however often it is
# loaded), `go` is the shim and runs the pinned version, `gover shell` changes this shell, and
# the completion system offers the right words on <Tab> in an interactive zsh (driven through a
# pseudo-terminal by tests/support/zsh_complete.zsh), whether compinit runs before or after.
# shellcheck disable=SC2016 # the inner shells' scripts are single-quoted on purpose
set -euo pipefail
source "$GOVER_SOURCE_DIR/tests/support/shell_env.sh"
command -v zsh >/dev/null || { echo "SKIP: zsh not found (apt-get install zsh)" >&2; exit 77; }
shell_env_setup

SHIMS="$GOVER_HOME/shims"
FRONT="$SHIMS:$HOME/go/bin"
in_zsh() { shell_run "$@" zsh -f -c "$SCRIPT"; }

# --- PATH, the shim, the pinned version -------------------------------------------------------
SCRIPT='eval "$(gover init zsh)" || exit 1
print -r -- "$PATH"; command -v go; go version; go1.21.0 version'
out=$(in_zsh)
expect_eq "PATH starts with the shims, then GOBIN" "$FRONT:$BASE_PATH" "$(sed -n 1p <<<"$out")"
expect_eq "command -v go is the shim" "$SHIMS/go" "$(sed -n 2p <<<"$out")"
expect_eq "go version is the pinned one" "go version go1.22.5 $HOST_GOOS/$HOST_GOARCH" \
    "$(sed -n 3p <<<"$out")"
expect_eq "go1.21.0 runs 1.21.0" "go version go1.21.0 $HOST_GOOS/$HOST_GOARCH" \
    "$(sed -n 4p <<<"$out")"

SCRIPT='eval "$(gover init zsh)"; a=$PATH; eval "$(gover init zsh)"; eval "$(gover init zsh)"
[[ $a == "$PATH" ]] && echo same || echo "grew: $a -> $PATH"'
expect_eq "loading three times leaves PATH as once" same "$(in_zsh)"

SCRIPT='eval "$(gover init zsh)"; path=(/usr/local/bin $path); eval "$(gover init zsh)"; print -r -- "$PATH"'
expect_eq "reloading moves the shims back to the front, without copies" \
    "$FRONT:/usr/local/bin:$BASE_PATH" "$(in_zsh)"

SCRIPT='PATH="$3:/usr/bin:$1:/bin:$1:$2:"; eval "$(gover init zsh)"; print -r -- "$PATH"'
out=$(shell_run zsh -f -c "$SCRIPT" zsh "$SHIMS" "$HOME/go/bin" "$SHELL_BIN")
expect_eq "copies already on PATH are removed, an empty entry kept" \
    "$FRONT:$SHELL_BIN:/usr/bin:/bin:" "$out"

# Options some users run with must not break loading.
SCRIPT='setopt KSH_ARRAYS SH_WORD_SPLIT NO_UNSET ERR_EXIT GLOB_SUBST; eval "$(gover init zsh)"; go version'
expect_eq "loads with unusual options set, silently" "go version go1.22.5 $HOST_GOOS/$HOST_GOARCH" "$(in_zsh 2>&1)"

SCRIPT='eval "$(gover init zsh)"; print -r -- "$PATH"'
expect_eq "GOBIN from the environment" "$SHIMS:/opt/gobin:$BASE_PATH" "$(in_zsh GOBIN=/opt/gobin)"

# gover run by its path, none on PATH: its directory goes last, once, even when a script cached
# in a file is loaded again, and with unusual options set.
GOVER_DIR=$(dirname "$(realpath "$GOVER_BIN")")
SCRIPT='setopt NO_UNSET ERR_EXIT; PATH=/usr/bin:/bin; s=$("$1" init zsh); eval "$s"; eval "$s"
print -r -- "$PATH"'
out=$(shell_run zsh -f -c "$SCRIPT" zsh "$GOVER_BIN")
expect_eq "a cached script loaded again: gover's directory once" \
    "$FRONT:/usr/bin:/bin:$GOVER_DIR" "$out"

# A login shell reading ~/.zprofile gets the same PATH as an interactive one reading ~/.zshrc.
echo 'eval "$(gover init zsh)"' >"$HOME/.zprofile"
out=$(shell_run zsh -l -c 'print -r -- "$PATH"')
expect_eq "the init line in ~/.zprofile sets PATH for login shells" "$FRONT:$BASE_PATH" "$out"
rm "$HOME/.zprofile"

# --- the gover function: `gover shell` changes this shell -----------------------------------
SCRIPT='eval "$(gover init zsh)"
gover shell 1.21.0 || exit 1
print -r -- "$GOVER_VERSION"; go version
gover shell --unset || exit 1
print -r -- "${GOVER_VERSION-unset}"; go version'
out=$(in_zsh)
expect_eq "gover shell sets GOVER_VERSION here" 1.21.0 "$(sed -n 1p <<<"$out")"
expect_eq "go follows gover shell" "go version go1.21.0 $HOST_GOOS/$HOST_GOARCH" "$(sed -n 2p <<<"$out")"
expect_eq "gover shell --unset clears it" unset "$(sed -n 3p <<<"$out")"
expect_eq "go is back to the pin" "go version go1.22.5 $HOST_GOOS/$HOST_GOARCH" "$(sed -n 4p <<<"$out")"

SCRIPT='eval "$(gover init zsh)"; gover shell 9.9.9; print -r -- "status=$? ${GOVER_VERSION-unset}"'
expect_eq "a failed gover shell changes nothing and keeps its status" "status=1 unset" \
    "$(in_zsh 2>/dev/null)"

# --- completion on <Tab> ----------------------------------------------------------------------
shell_run "$GOVER_BIN" init zsh >"$SHELL_TMP/init.zsh"
complete_zsh() {
    shell_run ZSH_COMPLETE_ORDER="${ORDER:-}" zsh -f "$GOVER_SOURCE_DIR/tests/support/zsh_complete.zsh" "$@"
}
# One answer per query, as a space-separated line.
answers() { awk '/^--$/ { print line; line = ""; next } { line = line $0 " " }'; }

queries=('gover ins' 'gover ' 'gover uninstall ' 'gover init ' 'gover shell --shell ' \
    'gover which go1' 'gover exec 1.22.5 -- ech' 'gover install --' 'gover help li' \
    'gover use 1.22.5 ' 'gover shell --shell fish 1.21.0 ' 'gover init bash ' 'gover which go ' \
    'gover shell --shell fish ' 'gover uninstall 1.21.0 ' "gover import $SHELL_TMP/imp")
mkdir -p "$SHELL_TMP/import-me" && : >"$SHELL_TMP/import-file"
set +e
out=$(complete_zsh "$SHELL_TMP/init.zsh" "${queries[@]}" | answers)
status=$?
set -e
[[ $status == 77 ]] && { echo "SKIP: zsh/zpty is not available" >&2; exit 77; }
line() { sed -n "$1p" <<<"$out"; }
expect_eq "a command prefix completes" "install " "$(line 1)"
commands=$("$GOVER_BIN" complete commands | cut -f1 | sort | tr '\n' ' ')
expect_eq "every visible command is offered" "$commands" "$(line 2)"
expect_lacks "the hidden complete command is not offered" " complete " " $(line 2)"
expect_eq "uninstall offers the installed versions" "1.21.0 1.22.5 " "$(line 3)"
expect_eq "init offers the shells" "bash fish zsh " "$(line 4)"
expect_eq "--shell offers the shells" "bash fish zsh " "$(line 5)"
expect_eq "which offers the shims" "go1.21.0 go1.22.5 " "$(line 6)"
expect_contains "after exec's -- a command name completes" "echo " "$(line 7)"
expect_contains "install offers --force" "--force" "$(line 8)"
expect_contains "install offers --platform" "--platform" "$(line 8)"
expect_eq "help offers the commands" "list list-remote " "$(line 9)"
# Commands that take one argument offer nothing once it is there.
expect_eq "use offers nothing after its spec" "" "$(line 10)"
expect_eq "shell offers nothing after its spec (--shell's value is not one)" "" "$(line 11)"
expect_eq "init offers nothing after the shell" "" "$(line 12)"
expect_eq "which offers nothing after the tool" "" "$(line 13)"
expect_eq "shell after --shell's value offers the installed versions" "1.21.0 1.22.5 " "$(line 14)"
expect_eq "uninstall takes several versions" "1.21.0 1.22.5 " "$(line 15)"
expect_contains "import offers directories" "import-me" "$(line 16)"
expect_lacks "import offers no files" "import-file" "$(line 16)"
# (alone: the word -- is also what separates the answers)
expect_eq "exec offers -- after its spec" "$(printf -- '--\n--')" \
    "$(complete_zsh "$SHELL_TMP/init.zsh" 'gover exec 1.22.5 ')"

# compinit after the init line (it is often further down ~/.zshrc): registered at the first prompt.
out=$(ORDER=setup-first complete_zsh "$SHELL_TMP/init.zsh" 'gover ins' 'gover uninstall ' | answers)
expect_eq "with compinit later, commands complete" "install " "$(line 1)"
expect_eq "with compinit later, versions complete" "1.21.0 1.22.5 " "$(line 2)"

# The installed file, autoloaded from $fpath as _gover.
mkdir -p "$SHELL_TMP/fpath"
cp "$GOVER_SOURCE_DIR/packaging/completions/gover.zsh" "$SHELL_TMP/fpath/_gover"
printf 'fpath=(%q $fpath)\n' "$SHELL_TMP/fpath" >"$SHELL_TMP/fpath.zsh"
out=$(ORDER=setup-first complete_zsh "$SHELL_TMP/fpath.zsh" 'gover li' 'gover uninstall ' | answers)
expect_eq "the autoloaded _gover completes commands" "list list-remote " "$(line 1)"
expect_eq "the autoloaded _gover completes versions" "1.21.0 1.22.5 " "$(line 2)"
echo "PASS: shell_zsh"
