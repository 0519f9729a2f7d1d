# What zsh offers on <Tab>, from a real interactive zsh with the completion system loaded.
#
#   zsh -f zsh_complete.zsh <setup-file> <line>...
#
# Starts `zsh -f -i` on a pseudo-terminal (zsh/zpty), runs compinit and sources <setup-file>
# (with ZSH_COMPLETE_ORDER=setup-first, the setup runs before compinit: the init script must then
# register its completion once compinit has run). For each <line> it types the line and a Tab
# and prints every word the completion functions added (compadd), one a line, then a line "--".
# Exits 77 when zsh/zpty is missing, 1 when zsh does not answer within 20 s.

zmodload zsh/zpty 2>/dev/null || { print -u2 "SKIP: zsh/zpty is not available"; exit 77 }
zmodload zsh/datetime

local setup=$1
shift
local work=$(mktemp -d) || exit 1
trap 'zpty -d gover_pty 2>/dev/null; rm -rf -- $work' EXIT
local capture=$work/capture rc=$work/rc

# The interactive shell's setup. compadd is wrapped: every call that adds matches also writes
# the matches it would add (those fitting what was typed) to the capture file.
{
    print -r -- "GOVER_CAPTURE=${(q)capture}"
    print -r -- 'PS1="> "; RPS1=""; unsetopt AUTO_LIST LIST_AMBIGUOUS BEEP'
    print -r -- 'autoload -Uz compinit'
    if [[ $ZSH_COMPLETE_ORDER == setup-first ]]; then
        print -r -- "source ${(q)setup}"
        print -r -- 'compinit -u -D'
    else
        print -r -- 'compinit -u -D'
        print -r -- "source ${(q)setup}"
    fi
    cat <<'EOF'
# comppostfuncs is emptied after each use: set it again for every Tab.
__capture_complete() {
    comppostfuncs=(__capture_done)
    zle complete-word
}
zle -N __capture_complete
bindkey '^I' __capture_complete
bindkey '^U' kill-whole-line
compadd() {
    local arg
    for arg in "$@"; do
        case $arg in
        (-O|-A|-D) builtin compadd "$@"; return ;;
        (--) break ;;
        esac
    done
    local -a __got
    builtin compadd -O __got "$@"
    (( $#__got )) && print -rl -- $__got >> $GOVER_CAPTURE
    builtin compadd "$@"
}
__capture_done() { print -r -- '__capture_done__' >> $GOVER_CAPTURE }
print -r -- '__ready__' >> $GOVER_CAPTURE
EOF
} > $rc

# Reads the terminal's output so the inner shell never blocks on a full pty.
drain() {
    local junk
    while zpty -rt gover_pty junk 2>/dev/null; do :; done
}

# Waits until the capture file has a line equal to $1.
await() {
    local deadline=$(( EPOCHREALTIME + 20 ))
    while (( EPOCHREALTIME < deadline )); do
        drain
        if [[ -f $capture ]] && grep -qx -- "$1" $capture; then
            return 0
        fi
        sleep 0.05
    done
    print -u2 "zsh_complete: no answer from zsh (waiting for $1)"
    [[ -f $capture ]] && cat $capture >&2
    exit 1
}

zpty gover_pty 'zsh -f -i' || exit 1
zpty -w gover_pty "source ${(q)rc}"
await __ready__

local line
for line in "$@"; do
    : > $capture
    zpty -w -n gover_pty "$line"$'\t'
    await __capture_done__
    grep -vx -- __capture_done__ $capture | sort -u
    print -r -- --
    zpty -w -n gover_pty $'\C-u'
done
