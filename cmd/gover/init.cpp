// `gover init <bash|zsh|fish>`: the shell setup users load from a startup file (README "Commands"):
// the shims first on PATH, then GOBIN, the `gover` function that lets `gover shell` change the
// calling shell, and the completions. Loading it again moves the two directories back to the
// front instead of adding them twice.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "completion_scripts.hpp"
#include "core/environment.hpp"
#include "core/gobin.hpp"
#include "core/layout.hpp"
#include "core/self_executable.hpp"
#include "core/tool_exec.hpp"
#include "output.hpp"

namespace gover::cli {
namespace {

// Replaces every "@NAME@" in a template.
std::string fill(std::string text, std::string_view name, std::string_view value) {
    const std::string key = "@" + std::string(name) + "@";
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
        text.replace(at, key.size(), value);
        at += value.size();
    }
    return text;
}

// A word for sh-family shells: single quotes, with ' written as '\''.
std::string sh_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

// A word for fish: in single quotes only \ and ' need a backslash.
std::string fish_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

// bash and zsh share the PATH edit and the function; only the --shell word differs. The edit
// drops every copy of each directory (so re-sourcing never grows PATH) and puts them first,
// keeping empty entries (the current directory) where they were. It walks PATH entry by entry
// and compares with `[`: pattern matching (`[[ == ]]`, `${//}`) follows nocasematch, which
// would drop /x/GO/bin for /x/go/bin, and bash before 5.2 applies it to one and not the other.
constexpr std::string_view k_posix_setup = R"(
__gover_path_front() {
    local __gover_old='' __gover_new='' __gover_e __gover_d __gover_keep
    [ -z "${PATH-}" ] || __gover_old="$PATH:"
    while [ -n "$__gover_old" ]; do
        __gover_e=${__gover_old%%:*}
        __gover_old=${__gover_old#*:}
        __gover_keep=1
        for __gover_d in "$@"; do
            if [ "$__gover_e" = "$__gover_d" ]; then
                __gover_keep=0
            fi
        done
        if [ "$__gover_keep" = 1 ]; then
            __gover_new="$__gover_new:$__gover_e"
        fi
    done
    local IFS=:
    PATH="$*$__gover_new"
}
__gover_path_front @DIRS@
unset -f __gover_path_front
export PATH

# `gover shell <spec>` prints a line that sets GOVER_VERSION; this function runs it here.
gover() {
    local __gover_arg __gover_cmd=''
    for __gover_arg in "$@"; do
        case $__gover_arg in
        -h | --help | --version) break ;;
        -*) ;;
        *)
            __gover_cmd=$__gover_arg
            break
            ;;
        esac
    done
    if [[ $__gover_cmd != shell ]]; then
        command gover "$@"
        return
    fi
    for __gover_arg in "$@"; do
        case $__gover_arg in
        -h | --help)
            command gover "$@"
            return
            ;;
        esac
    done
    local __gover_out
    __gover_out=$(command gover "$@" --shell @SHELL@) || return
    eval "$__gover_out"
}
)";

// Appends @DIR@ to PATH unless an entry is exactly it (compared with `[`, as above).
constexpr std::string_view k_posix_append = R"(__gover_path_has() {
    local __gover_old="${PATH-}:" __gover_e
    while [ -n "$__gover_old" ]; do
        __gover_e=${__gover_old%%:*}
        __gover_old=${__gover_old#*:}
        [ "$__gover_e" != "$1" ] || return 0
    done
    return 1
}
__gover_path_has @DIR@ || PATH="$PATH:"@DIR@
unset -f __gover_path_has
export PATH
)";

constexpr std::string_view k_fish_setup = R"(
begin
    set -l __gover_front @DIRS@
    set -l __gover_rest
    for __gover_d in $PATH
        contains -- $__gover_d $__gover_front; or set -a __gover_rest $__gover_d
    end
    set -gx PATH $__gover_front $__gover_rest
end

# `gover shell <spec>` prints a line that sets GOVER_VERSION; this function runs it here.
function gover --description 'Go toolchain version manager'
    set -l __gover_cmd
    for __gover_arg in $argv
        switch $__gover_arg
            case -h --help --version
                break
            case '-*'
            case '*'
                set __gover_cmd $__gover_arg
                break
        end
    end
    if test "$__gover_cmd" != shell; or contains -- -h $argv; or contains -- --help $argv
        command gover $argv
        return
    end
    set -l __gover_out (command gover $argv --shell fish); or return
    string join \n -- $__gover_out | source
end
)";

enum class Shell { bash, zsh, fish };

// `gover_dir`: where this gover is, when PATH has no gover (it was run by its path, e.g.
// ~/.local/bin/gover on a Mac): the function and the completions call `gover` by name.
std::string init_script(Shell shell, const std::filesystem::path& shims,
                        const std::filesystem::path& gobin,
                        const std::optional<std::filesystem::path>& gover_dir) {
    const bool fish = shell == Shell::fish;
    auto quote = [fish](const std::string& s) { return fish ? fish_quote(s) : sh_quote(s); };
    std::string dirs = quote(shims.string());
    if (!gobin.empty() && gobin != shims) {
        dirs += " " + quote(gobin.string());
    }
    std::string name = shell == Shell::bash ? "bash" : shell == Shell::zsh ? "zsh" : "fish";
    std::string out = "# gover init " + name +
                      ": the shims, then GOBIN, first on PATH; the gover function;\n"
                      "# completions. Safe to load more than once.\n";
    out +=
        fill(fill(std::string(fish ? k_fish_setup : k_posix_setup), "DIRS", dirs), "SHELL", name);
    if (gover_dir) {
        // Last on PATH: gover's directory may hold other programs the user did not ask for.
        // Only when missing: a script cached in a file and loaded again must not grow PATH.
        const std::string dir = quote(gover_dir->string());
        out += "\n# gover itself, not on PATH before\n";
        out += fish ? "contains -- " + dir + " $PATH; or set -gx PATH $PATH " + dir + "\n"
                    : fill(std::string(k_posix_append), "DIR", dir);
    }
    out += "\n";
    switch (shell) {
    case Shell::bash:
        out += k_completion_bash;
        break;
    case Shell::zsh:
        out += k_completion_zsh;
        break;
    case Shell::fish:
        out += k_completion_fish;
        break;
    }
    return out;
}

bool host_is_darwin() {
#ifdef __APPLE__
    return true;
#else
    return false;
#endif
}

// The go env file (GOENV) is read for GOBIN and GOPATH only when it is a regular file of
// reasonable size (a FIFO there would hang every new shell); say so when it is skipped.
void warn_if_go_env_file_skipped() {
    const auto file = go_env_file(process_env(), host_is_darwin());
    std::error_code ec;
    const auto status = file ? std::filesystem::status(*file, ec) : std::filesystem::file_status{};
    if (!file || ec || !std::filesystem::exists(status)) {
        return;
    }
    if (!std::filesystem::is_regular_file(status)) {
        warn("ignoring the go env file " + file->string() +
             ": not a regular file (GOBIN and GOPATH from it are not used)");
    } else if (std::filesystem::file_size(*file, ec) > k_max_go_env_file_bytes && !ec) {
        warn("ignoring the go env file " + file->string() + ": larger than " +
             std::to_string(k_max_go_env_file_bytes) + " bytes");
    }
}

int run_init(const std::string& shell_name, const std::string& argv0) {
    Shell shell;
    if (shell_name == "bash") {
        shell = Shell::bash;
    } else if (shell_name == "zsh") {
        shell = Shell::zsh;
    } else if (shell_name == "fish") {
        shell = Shell::fish;
    } else {
        return report(Error{ErrorCode::usage, "unknown shell '" + shell_name + "' for gover init",
                            "use bash, zsh or fish, e.g. eval \"$(gover init zsh)\""});
    }
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    warn_if_go_env_file_skipped();
    const auto gobin = gobin_dir(process_env(), host_is_darwin());
    std::optional<std::filesystem::path> gover_dir;
    if (!find_on_path("gover", process_env_value("PATH"))) {
        if (auto program = invoked_executable(argv0)) {
            gover_dir = program->parent_path();
        }
    }
    const std::string script = init_script(shell, layout->shims_dir(), gobin, gover_dir);
    print(script);
    return std::fflush(stdout) == 0 ? k_exit_ok : k_exit_failure;
}

} // namespace

void add_init(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "init", "Print the shell setup to load at startup: shims and GOBIN on PATH, completions");
    auto shell = std::make_shared<std::string>();
    cmd->add_option("shell", *shell, "The shell: bash, zsh or fish")->required();
    cmd->footer(
        "Examples (one line in the startup file your shell reads):\n"
        "  eval \"$(gover init zsh)\"     # zsh: ~/.zshrc\n"
        "  eval \"$(gover init bash)\"    # bash: ~/.bashrc (Linux), ~/.bash_profile (macOS)\n"
        "  gover init fish | source     # fish: ~/.config/fish/config.fish\n"
        "Loading it twice is harmless: PATH does not grow.");
    cmd->callback(
        [&ctx, shell] { ctx.action = [shell, &ctx] { return run_init(*shell, ctx.argv0); }; });
}

} // namespace gover::cli
