# fish completion for gover.
# Installed as share/fish/vendor_completions.d/gover.fish, and printed by `gover init fish`.
# Commands, options and versions come from the hidden `gover complete` command, so this file
# never falls out of step with the CLI; versions offered for install are the cached index only
# (no network on <Tab>).

# Loading twice (init and autoload) must not offer everything twice.
complete -c gover -e

# Prints the subcommand on the command line so far, if any.
function __gover_command
    for token in (commandline -opc)[2..-1]
        switch $token
            case '-*'
            case '*'
                echo $token
                return 0
        end
    end
    return 1
end

function __gover_needs_command
    not __gover_command >/dev/null
end

# True when the subcommand is one of the arguments and no `--` follows it (exec's command).
function __gover_using
    set -l cmd (__gover_command); or return 1
    contains -- $cmd $argv; or return 1
    not contains -- -- (commandline -opc)
end

function __gover_after_dashdash
    set -l cmd (__gover_command); or return 1
    test "$cmd" = exec; and contains -- -- (commandline -opc)
end

# Completes the command after `gover exec ... --` as if it were typed on its own.
function __gover_complete_exec_command
    set -l tokens (commandline -opc)
    set -l i (contains -i -- -- $tokens); or return
    set -l rest $tokens[(math $i + 1)..-1]
    complete -C (string join ' ' -- (string escape -- $rest) (commandline -ct))
end

function __gover_prev_is
    set -l tokens (commandline -opc)
    test (count $tokens) -ge 1; and contains -- $tokens[-1] $argv
end

# True while the subcommand has no argument yet (options and their values left out): only
# install and uninstall take more than one.
function __gover_no_argument
    set -l tokens (commandline -opc)
    set -l seen_command 0
    set -l skip 0
    for token in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $token
            case --shell --platform --source
                set skip 1
            case '-*'
            case '*'
                test $seen_command = 1; and return 1
                set seen_command 1
        end
    end
    return 0
end

function __gover_options
    command gover complete options (__gover_command) 2>/dev/null
end

complete -c gover -f
complete -c gover -n __gover_needs_command -a '(command gover complete commands 2>/dev/null)'
complete -c gover -n '__gover_needs_command; and string match -q -- "-*" (commandline -ct)' \
    -a '(command gover complete options 2>/dev/null)'
complete -c gover -n '__gover_command >/dev/null; and not __gover_after_dashdash; and not __gover_prev_is --shell --platform --source; and string match -q -- "-*" (commandline -ct)' \
    -a '(__gover_options)'

complete -c gover -n '__gover_using install; and not __gover_prev_is --platform' \
    -k -a '(command gover complete remote 2>/dev/null)'
complete -c gover -n '__gover_using list-remote; and __gover_no_argument; and not __gover_prev_is --platform' \
    -k -a '(command gover complete remote 2>/dev/null)'
complete -c gover -n '__gover_using uninstall' \
    -k -a '(command gover complete installed 2>/dev/null)'
complete -c gover -n '__gover_using exec shell; and __gover_no_argument; and not __gover_prev_is --shell' \
    -k -a '(command gover complete installed 2>/dev/null)'
complete -c gover -n '__gover_using exec; and not __gover_no_argument' -a -- --
complete -c gover -n '__gover_using use; and __gover_no_argument' \
    -k -a '(command gover complete installed remote 2>/dev/null)'
# Toolchain directories (-f above turned file names off).
complete -c gover -n '__gover_using import; and not string match -q -- "-*" (commandline -ct)' \
    -a '(__fish_complete_directories (commandline -ct))'
complete -c gover -n '__gover_using which; and __gover_no_argument' -a '(command gover complete tools 2>/dev/null)'
complete -c gover -n '__gover_using init; and __gover_no_argument' -a 'bash zsh fish'
complete -c gover -n '__gover_using help; and __gover_no_argument' -a '(command gover complete commands 2>/dev/null)'
complete -c gover -n '__gover_prev_is --shell' -a 'bash zsh fish'
complete -c gover -n '__gover_prev_is --source' -a 'mirror goproxy'
complete -c gover -n '__gover_prev_is --platform' -a '(command gover complete platforms 2>/dev/null)'
complete -c gover -n __gover_after_dashdash -a '(__gover_complete_exec_command)'
