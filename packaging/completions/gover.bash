# bash completion for gover.
# Installed as share/bash-completion/completions/gover, and printed by `gover init bash`.
# Commands, options and versions come from the hidden `gover complete` command, so this file
# never falls out of step with the CLI; versions offered for install are the cached index only
# (no network on <Tab>).

# Prints the words of `gover complete ARGS...` (one a line, a tab before any description).
_gover_words() {
    local line
    command gover complete "$@" 2>/dev/null | while IFS= read -r line; do
        printf '%s\n' "${line%%$'\t'*}"
    done
}

# Adds the words on stdin that start with $cur to COMPREPLY (no expansion of the words).
_gover_add() {
    local word
    while IFS= read -r word; do
        [[ -n $word && $word == "$cur"* ]] && COMPREPLY+=("$word")
    done
}

_gover() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmd='' cmd_index=0 i word
    COMPREPLY=()

    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --source)
            # gover's global option takes a value (bash splits --source=x into --source, =, x)
            if [[ ${COMP_WORDS[i + 1]-} == = ]]; then
                i=$((i + 2))
            else
                i=$((i + 1))
            fi
            ;;
        -*) ;;
        *)
            cmd=$word
            cmd_index=$i
            break
            ;;
        esac
    done

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            _gover_add < <(_gover_words options)
        else
            _gover_add < <(_gover_words commands)
        fi
        return 0
    fi

    # `gover exec [spec] -- cmd args...`: after `--` it is another command's line.
    if [[ $cmd == exec ]]; then
        local dashdash=0
        for ((i = cmd_index + 1; i < COMP_CWORD; i++)); do
            if [[ ${COMP_WORDS[i]} == -- ]]; then
                dashdash=$i
                break
            fi
        done
        if ((dashdash > 0)); then
            if declare -F _command_offset >/dev/null; then
                _command_offset $((dashdash + 1))
            elif ((COMP_CWORD == dashdash + 1)); then
                _gover_add < <(compgen -c -- "$cur" | sort -u)
            else
                _gover_add < <(compgen -f -- "$cur")
            fi
            return 0
        fi
    fi

    case $prev in
    --source)
        _gover_add < <(printf '%s\n' mirror goproxy)
        return 0
        ;;
    --shell)
        _gover_add < <(printf '%s\n' bash zsh fish)
        return 0
        ;;
    --platform)
        _gover_add < <(_gover_words platforms)
        return 0
        ;;
    esac

    if [[ $cur == -* ]]; then
        _gover_add < <(_gover_words options "$cmd")
        return 0
    fi

    # The command's arguments so far (options and their values left out): only install,
    # uninstall and import take more than one, and exec's spec is followed by `--`.
    local nargs=0
    for ((i = cmd_index + 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --shell | --platform | --source)
            # bash splits --shell=fish into --shell, =, fish (COMP_WORDBREAKS has =)
            if [[ ${COMP_WORDS[i + 1]-} == = ]]; then
                i=$((i + 2))
            else
                i=$((i + 1))
            fi
            ;;
        -*) ;;
        *) nargs=$((nargs + 1)) ;;
        esac
    done
    if ((nargs > 0)); then
        case $cmd in
        install | uninstall | import) ;;
        exec)
            _gover_add < <(printf '%s\n' --)
            return 0
            ;;
        *) return 0 ;;
        esac
    fi

    case $cmd in
    install | list-remote) _gover_add < <(_gover_words remote) ;;
    uninstall) _gover_add < <(_gover_words installed) ;;
    use) _gover_add < <(_gover_words installed remote) ;;
    exec | shell) _gover_add < <(_gover_words installed) ;;
    which) _gover_add < <(_gover_words tools) ;;
    import)
        # Toolchain directories.
        compopt -o filenames 2>/dev/null
        _gover_add < <(compgen -d -- "$cur")
        ;;
    init) _gover_add < <(printf '%s\n' bash zsh fish) ;;
    help) _gover_add < <(_gover_words commands) ;;
    esac
    return 0
}

complete -F _gover gover
