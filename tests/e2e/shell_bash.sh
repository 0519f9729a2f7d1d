#!/usr/bin/env bash
# `gover init bash` in a real bash: the shims, then GOBIN, first on PATH (once, however often it
# is loaded), `go` is the shim and runs the pinned version, `gover shell` changes this shell,
# and the completion function offers the right words (driven through COMP_WORDS, as readline
# drives it). Unknown shells are usage errors.
# shellcheck disable=SC2016 # the inner shells' scripts are single-quoted on purpose
set -euo pipefail
source "$GOVER_SOURCE_DIR/tests/support/shell_env.sh"
command -v bash >/dev/null || { echo "SKIP: bash not found" >&2; exit 77; }
shell_env_setup

SHIMS="$GOVER_HOME/shims"
GOBIN_DEFAULT="$HOME/go/bin"
FRONT="$SHIMS:$GOBIN_DEFAULT"

in_bash() { shell_run "$@" bash --norc --noprofile -c "$SCRIPT"; }

# --- PATH, the shim, the pinned version -------------------------------------------------------
SCRIPT='eval "$(gover init bash)" || exit 1
printf "%s\n" "$PATH"; command -v go; go version'
out=$(in_bash)
expect_eq "PATH starts with the shims, then GOBIN" "$FRONT:$BASE_PATH" "$(sed -n 1p <<<"$out")"
expect_eq "command -v go is the shim" "$SHIMS/go" "$(sed -n 2p <<<"$out")"
expect_eq "go version is the pinned one" "go version go1.22.5 $HOST_GOOS/$HOST_GOARCH" \
    "$(sed -n 3p <<<"$out")"

SCRIPT='eval "$(gover init bash)"; a=$PATH; eval "$(gover init bash)"; eval "$(gover init bash)"
[[ $a == "$PATH" ]] && echo same || echo "grew: $a -> $PATH"'
expect_eq "loading three times leaves PATH as once" same "$(in_bash)"

SCRIPT='eval "$(gover init bash)"; PATH="/usr/local/bin:$PATH"; eval "$(gover init bash)"; echo "$PATH"'
expect_eq "reloading moves the shims back to the front, without copies" \
    "$FRONT:/usr/local/bin:$BASE_PATH" "$(in_bash)"

SCRIPT='PATH="$3:/usr/bin:$1:/bin:$1:$2"; eval "$(gover init bash)"; echo "$PATH"'
out=$(shell_run bash --norc --noprofile -c "$SCRIPT" bash "$SHIMS" "$GOBIN_DEFAULT" "$SHELL_BIN")
expect_eq "copies already on PATH are removed" "$FRONT:$SHELL_BIN:/usr/bin:/bin" "$out"

SCRIPT='PATH="$PATH:"; eval "$(gover init bash)"; echo "$PATH"'
expect_eq "an empty PATH entry (the current directory) is kept" "$FRONT:$BASE_PATH:" "$(in_bash)"

# nocasematch makes [[ == ]] and ${//} ignore case (bash 5.2; before 5.2 only [[ ]], which
# made a PATH edit built on them loop forever): /x/GO/bin is not /x/go/bin and stays.
SCRIPT='shopt -s nocasematch; PATH="$1:$PATH"; eval "$(gover init bash)"; eval "$(gover init bash)"
echo "$PATH"'
out=$(shell_run timeout 10 bash --norc --noprofile -c "$SCRIPT" bash "$HOME/GO/bin")
expect_eq "with nocasematch, only the exact directories move" "$FRONT:$HOME/GO/bin:$BASE_PATH" "$out"
# gover run by its path with no gover on PATH: its directory goes last, once, so the function
# and the completions can call it by name.
GOVER_DIR=$(dirname "$(realpath "$GOVER_BIN")")
SCRIPT='PATH=; eval "$("$1" init bash)"; echo "[$PATH]"'
out=$(shell_run bash --norc --noprofile -c "$SCRIPT" bash "$GOVER_BIN")
expect_eq "an empty PATH gets the two directories and gover's, no empty entry" \
    "[$FRONT:$GOVER_DIR]" "$out"
SCRIPT='PATH=/usr/bin:/bin; eval "$("$1" init bash)"; eval "$("$1" init bash)"; echo "$PATH"
gover shell 1.22.5 && echo "GOVER_VERSION=$GOVER_VERSION"'
out=$(shell_run bash --norc --noprofile -c "$SCRIPT" bash "$GOVER_BIN")
expect_eq "gover not on PATH: its directory is added last, once" \
    "$FRONT:/usr/bin:/bin:$GOVER_DIR" "$(sed -n 1p <<<"$out")"
expect_eq "gover not on PATH: the function finds it" "GOVER_VERSION=1.22.5" \
    "$(sed -n 2p <<<"$out")"
# The same script cached in a file and loaded again (gover still not on PATH): no growth.
SCRIPT='PATH=/usr/bin:/bin; s=$("$1" init bash); eval "$s"; eval "$s"; eval "$s"; echo "$PATH"'
out=$(shell_run bash --norc --noprofile -c "$SCRIPT" bash "$GOVER_BIN")
expect_eq "a cached script loaded again: gover's directory once" \
    "$FRONT:/usr/bin:/bin:$GOVER_DIR" "$out"
# Run through a link (Homebrew's bin/gover links into a versioned Cellar directory that an
# upgrade removes): the link's directory is the one added.
mkdir -p "$SHELL_TMP/brew bin"
ln -sf "$GOVER_BIN" "$SHELL_TMP/brew bin/gover"
SCRIPT='PATH=/usr/bin:/bin; eval "$("$1" init bash)"; echo "$PATH"'
out=$(shell_run bash --norc --noprofile -c "$SCRIPT" bash "$SHELL_TMP/brew bin/gover")
expect_eq "gover run through a link: the link's directory is added" \
    "$FRONT:/usr/bin:/bin:$SHELL_TMP/brew bin" "$out"

SCRIPT='set -eu; eval "$(gover init bash)"; eval "$(gover init bash)"; go version'
expect_eq "loads under set -eu" "go version go1.22.5 $HOST_GOOS/$HOST_GOARCH" "$(in_bash)"

# --- GOBIN, as cmd/go finds it, without running go -----------------------------------------
SCRIPT='eval "$(gover init bash)"; echo "$PATH"'
expect_eq "GOBIN from the environment" "$SHIMS:/opt/go bin:$BASE_PATH" \
    "$(in_bash GOBIN='/opt/go bin/')"
expect_eq "the first GOPATH entry's bin" "$SHIMS:/gp1/bin:$BASE_PATH" \
    "$(in_bash GOPATH=/gp1:/gp2)"
mkdir -p "$SHELL_TMP/config/go"
printf 'GOPROXY=direct\nGOBIN=/from/go-env-w\n' >"$SHELL_TMP/config/go/env"
if [[ $HOST_GOOS != darwin ]]; then
    expect_eq "GOBIN from the go env -w file" "$SHIMS:/from/go-env-w:$BASE_PATH" \
        "$(in_bash XDG_CONFIG_HOME="$SHELL_TMP/config")"
fi
expect_eq "GOENV names the go env -w file" "$SHIMS:/from/go-env-w:$BASE_PATH" \
    "$(in_bash GOENV="$SHELL_TMP/config/go/env")"
expect_eq "the environment wins over the go env file" "$SHIMS:/env/bin:$BASE_PATH" \
    "$(in_bash GOENV="$SHELL_TMP/config/go/env" GOBIN=/env/bin)"

# --- the gover function: `gover shell` changes this shell -----------------------------------
SCRIPT='eval "$(gover init bash)"
gover shell 1.21.0 || exit 1
echo "$GOVER_VERSION"; go version
gover shell --unset || exit 1
echo "${GOVER_VERSION-unset}"; go version'
out=$(in_bash)
expect_eq "gover shell sets GOVER_VERSION here" 1.21.0 "$(sed -n 1p <<<"$out")"
expect_eq "go follows gover shell" "go version go1.21.0 $HOST_GOOS/$HOST_GOARCH" "$(sed -n 2p <<<"$out")"
expect_eq "gover shell --unset clears it" unset "$(sed -n 3p <<<"$out")"
expect_eq "go is back to the pin" "go version go1.22.5 $HOST_GOOS/$HOST_GOARCH" "$(sed -n 4p <<<"$out")"

SCRIPT='eval "$(gover init bash)"; gover shell 9.9.9; echo "status=$? ${GOVER_VERSION-unset}"'
expect_eq "a failed gover shell changes nothing and keeps its status" "status=1 unset" \
    "$(in_bash 2>/dev/null)"
# `system` is the first go on PATH that is not a shim: with none, there is nothing to select.
if PATH=$BASE_PATH command -v go >/dev/null; then
    echo "note: $(PATH=$BASE_PATH command -v go) is a system go here: 'shell system' without one not checked"
else
    SCRIPT='eval "$(gover init bash)"; gover shell system; echo "status=$? ${GOVER_VERSION-unset}"'
    expect_eq "gover shell system with no system go fails, changing nothing" "status=1 unset" \
        "$(in_bash 2>/dev/null)"
    expect_contains "and says there is no go outside the shims" \
        "no go on PATH outside gover's shims" \
        "$(shell_run gover shell system --shell bash 2>&1 || true)"
fi
mkdir -p "$SHELL_TMP/system go"
printf '#!/bin/sh\necho "go version go1.19.8 system"\n' >"$SHELL_TMP/system go/go"
chmod 755 "$SHELL_TMP/system go/go"
SCRIPT='PATH="$PATH:$1"; eval "$(gover init bash)"; gover shell system || exit 1
echo "$GOVER_VERSION"; go version'
out=$(shell_run bash --norc --noprofile -c "$SCRIPT" bash "$SHELL_TMP/system go")
expect_eq "gover shell system with a system go selects it" "system
go version go1.19.8 system" "$out"
SCRIPT='eval "$(gover init bash)"; gover shell --help >/dev/null; echo "status=$?"'
expect_eq "gover shell --help is printed, not evaluated" "status=0" "$(in_bash 2>&1)"
SCRIPT='eval "$(gover init bash)"; gover init powershell; echo "status=$?"'
expect_eq "the function passes other commands' status through" "status=2" "$(in_bash 2>/dev/null)"

# --- completion -----------------------------------------------------------------------------
shell_env_write_index "$SHELL_TMP/mirror"
MIRROR="file://$SHELL_TMP/mirror/"

SCRIPT='eval "$(gover init bash)"
comp() {
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
    _gover gover "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "; echo
}
complete -p gover
comp gover ins
comp gover ""
comp gover -
comp gover uninstall ""
comp gover exec 1.2
comp gover init ""
comp gover shell --shell ""
comp gover which go1
comp gover install ""
comp gover use ""
comp gover exec 1.22.5 -- ech
comp gover install --
comp gover help li
comp gover use 1.22.5 ""
comp gover shell --shell fish 1.21.0 ""
comp gover init bash ""
comp gover which go ""
comp gover list-remote 1.22 ""
comp gover exec 1.22.5 ""
comp gover shell --shell fish ""
comp gover install 1.21.0 ""
comp gover uninstall 1.21.0 ""
comp gover shell --shell = fish ""
comp gover import "$SHELL_TMP/imp"
comp gover import "$SHELL_TMP/import-me" "$SHELL_TMP/imp"'
mkdir -p "$SHELL_TMP/import-me" && : >"$SHELL_TMP/import-file"
out=$(in_bash GOVER_MIRROR="$MIRROR")
line() { sed -n "$1p" <<<"$out"; }
expect_eq "the completion function is registered" "complete -F _gover gover" "$(line 1)"
expect_eq "a command prefix completes" "install " "$(line 2)"
commands=$("$GOVER_BIN" complete commands | cut -f1 | sort | tr '\n' ' ')
expect_eq "every visible command is offered" "$commands" "$(line 3)"
for c in install uninstall list list-remote use outdated upgrade current which exec shell init doctor; do
    expect_contains "command $c is offered" " $c " " $(line 3)"
done
expect_lacks "the hidden complete command is not offered" " complete " " $(line 3)"
expect_contains "top-level options are offered" "--version" "$(line 4)"
expect_eq "uninstall offers the installed versions" "1.21.0 1.22.5 " "$(line 5)"
expect_eq "exec offers installed versions by prefix" "1.21.0 1.22.5 " "$(line 6)"
expect_eq "init offers the shells" "bash fish zsh " "$(line 7)"
expect_eq "--shell offers the shells" "bash fish zsh " "$(line 8)"
expect_eq "which offers the shims" "go1.21.0 go1.22.5 " "$(line 9)"
expect_eq "install offers the index's versions for this platform" "1.21.0 1.22.5 1.23rc1 " \
    "$(line 10)"
expect_eq "use offers installed and index versions once each" "1.21.0 1.22.5 1.23rc1 " "$(line 11)"
expect_contains "after exec's -- a command name completes" "echo" "$(line 12)"
expect_contains "install offers --force" "--force" "$(line 13)"
expect_contains "install offers --platform" "--platform" "$(line 13)"
expect_contains "install offers --help" "--help" "$(line 13)"
expect_eq "help offers the commands" "list list-remote " "$(line 14)"
# Commands that take one argument offer nothing once it is there.
expect_eq "use offers nothing after its spec" " " "$(line 15)"
expect_eq "shell offers nothing after its spec (--shell's value is not one)" " " "$(line 16)"
expect_eq "init offers nothing after the shell" " " "$(line 17)"
expect_eq "which offers nothing after the tool" " " "$(line 18)"
expect_eq "list-remote offers nothing after its filter" " " "$(line 19)"
expect_eq "exec offers -- after its spec" "-- " "$(line 20)"
expect_eq "shell after --shell's value offers the installed versions" "1.21.0 1.22.5 " "$(line 21)"
expect_eq "install takes several specs" "1.21.0 1.22.5 1.23rc1 " "$(line 22)"
expect_eq "uninstall takes several versions" "1.21.0 1.22.5 " "$(line 23)"
# bash hands --shell=fish over as three words: --shell, =, fish.
expect_eq "shell after --shell=value offers the installed versions" "1.21.0 1.22.5 " "$(line 24)"
expect_eq "import offers directories" "$SHELL_TMP/import-me " "$(line 25)"
expect_eq "import takes several directories" "$SHELL_TMP/import-me " "$(line 26)"

SCRIPT='eval "$(gover init bash)"; eval "$(gover init bash)"; complete -p | grep -c " gover$"'
expect_eq "loading twice registers the completion once" 1 "$(in_bash)"

# The installed completion file works on its own (as bash-completion loads it).
SCRIPT='source "$1"; COMP_WORDS=(gover li); COMP_CWORD=1; _gover; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "'
out=$(shell_run bash --norc --noprofile -c "$SCRIPT" bash \
    "$GOVER_SOURCE_DIR/packaging/completions/gover.bash")
expect_eq "the completion file alone completes" "list list-remote " "$out"

# --- usage errors ---------------------------------------------------------------------------
for args in "init powershell" "init" "init bash zsh"; do
    set +e
    # shellcheck disable=SC2086
    shell_run gover $args >"$SHELL_TMP/out" 2>"$SHELL_TMP/err"
    status=$?
    set -e
    expect_eq "gover $args exits 2" 2 "$status"
    expect_eq "gover $args prints nothing on stdout" "" "$(cat "$SHELL_TMP/out")"
    expect_eq "gover $args prints one error line" 1 "$(wc -l <"$SHELL_TMP/err" | tr -d ' ')"
    expect_contains "gover $args says gover: error:" "gover: error: " "$(cat "$SHELL_TMP/err")"
done
expect_contains "the error names the unknown shell" "powershell" \
    "$(shell_run gover init powershell 2>&1 || true)"

out=$(shell_run gover init --help)
expect_contains "init --help has an example" 'eval "$(gover init zsh)"' "$out"
echo "PASS: shell_bash"
