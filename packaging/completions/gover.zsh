#compdef gover
# zsh completion for gover.
# Installed as share/zsh/site-functions/_gover (autoloaded from $fpath), and printed by
# `gover init zsh`. Commands, options and versions come from the hidden `gover complete`
# command, so this file never falls out of step with the CLI; versions offered for install are
# the cached index only (no network on <Tab>).

# Sets reply to the lines of `gover complete ARGS...` ("word<Tab>description" or "word").
_gover_lines() {
    reply=("${(@f)$(command gover complete "$@" 2>/dev/null)}")
    reply=(${reply:#})
}

# Offers the lines of `gover complete ARGS...` with their descriptions, sorted by name.
_gover_describe() {
    local tag=$1 label=$2
    shift 2
    local -a reply items
    local line word
    _gover_lines "$@"
    for line in $reply; do
        word=${line%%$'\t'*}
        word=${word//:/\\:}
        if [[ $line == *$'\t'* ]]; then
            items+=("$word:${line#*$'\t'}")
        else
            items+=("$word")
        fi
    done
    _describe -t $tag $label items
}

# Offers versions newest first, as `gover complete` prints them (not sorted as text).
_gover_versions() {
    local -a reply
    local expl
    _gover_lines "$@"
    (( $#reply )) || return 1
    _wanted -V versions expl 'Go version' compadd -a reply
}

_gover() {
    local cmd word expl
    local -i i cmd_index=0
    for (( i = 2; i < CURRENT; i++ )); do
        word=${words[i]}
        if [[ $word == --source ]]; then
            (( i++ ))
            continue
        fi
        if [[ $word != -* ]]; then
            cmd=$word
            cmd_index=$i
            break
        fi
    done

    if [[ -z $cmd ]]; then
        if [[ $PREFIX == -* ]]; then
            _gover_describe options option options
        else
            _gover_describe commands command commands
        fi
        return
    fi

    # `gover exec [spec] -- cmd args...`: after `--` it is another command's line.
    if [[ $cmd == exec ]]; then
        local -i dashdash=0
        for (( i = cmd_index + 1; i < CURRENT; i++ )); do
            if [[ ${words[i]} == -- ]]; then
                dashdash=$i
                break
            fi
        done
        if (( dashdash )); then
            shift $dashdash words
            (( CURRENT -= dashdash ))
            _normal
            return
        fi
    fi

    case ${words[CURRENT-1]} in
    (--source)
        _wanted sources expl source compadd mirror goproxy
        return
        ;;
    (--shell)
        _wanted shells expl shell compadd bash zsh fish
        return
        ;;
    (--platform)
        _gover_describe platforms platform platforms
        return
        ;;
    esac

    if [[ $PREFIX == -* ]]; then
        _gover_describe options option options $cmd
        return
    fi

    # The command's arguments so far (options and their values left out): only install,
    # uninstall and import take more than one, and exec's spec is followed by `--`.
    local -i nargs=0
    for (( i = cmd_index + 1; i < CURRENT; i++ )); do
        case ${words[i]} in
        (--shell|--platform|--source) (( i++ )) ;;
        (-*) ;;
        (*) (( nargs++ )) ;;
        esac
    done
    if (( nargs )); then
        case $cmd in
        (install|uninstall|import) ;;
        (exec)
            _wanted separators expl 'the command after' compadd -- --
            return
            ;;
        (*) return 1 ;;
        esac
    fi

    case $cmd in
    (install|list-remote) _gover_versions remote ;;
    (uninstall|exec|shell) _gover_versions installed ;;
    (use) _gover_versions installed remote ;;
    (which) _gover_describe tools tool tools ;;
    (import) _path_files -/ ;;
    (init) _wanted shells expl shell compadd bash zsh fish ;;
    (help) _gover_describe commands command commands ;;
    esac
}

# Autoloaded from $fpath, this file is _gover's body: define it, then complete. Printed by
# `gover init zsh`, register it, now if compinit has run, else once it has (first prompt).
if [[ ${funcstack[@]:0:1} == _gover ]]; then
    _gover "$@"
elif (( ${+functions[compdef]} )); then
    compdef _gover gover
else
    _gover_compdef_later() {
        if (( ${+functions[compdef]} )); then
            compdef _gover gover
        fi
        add-zsh-hook -d precmd _gover_compdef_later
        unfunction _gover_compdef_later
    }
    autoload -Uz add-zsh-hook
    add-zsh-hook precmd _gover_compdef_later
fi
