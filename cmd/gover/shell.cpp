// `gover shell <spec>` / `gover shell --unset` (README "Commands"): prints the line that sets (to
// the exact installed version the spec resolves to) or clears GOVER_VERSION, in the syntax of
// `--shell bash|zsh|fish` (default: from $SHELL).
//
// The protocol with `gover init` (init.cpp), whose `gover` shell function makes `gover shell`
// change the calling shell directly:
//   - when the first non-option word is `shell` and no -h/--help is given, the function runs
//     `command gover <its arguments...> --shell <its shell>` and evals stdout only if the exit
//     status is 0 (an error leaves the shell untouched; the message is already on stderr);
//   - stdout then holds exactly one line, nothing else; notices go to stderr;
//   - a repeated --shell takes the last one, so the function's own --shell wins.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unistd.h>

#include "commands.hpp"
#include "core/environment.hpp"
#include "core/layout.hpp"
#include "output.hpp"
#include "toolchain_choice.hpp"

namespace gover::cli {
namespace {

struct ShellOptions {
    std::string spec;
    bool unset = false;
    std::string shell;
};

std::string default_shell() {
    const std::string s = process_env_value("SHELL");
    const std::string name = s.substr(s.rfind('/') + 1);
    return name == "fish" || name == "zsh" ? name : "bash";
}

int run_shell(const ShellOptions& options) {
    if (options.unset == !options.spec.empty()) {
        return report(Error{ErrorCode::usage,
                            options.unset ? "gover shell takes a spec or --unset, not both"
                                          : "gover shell needs a spec or --unset",
                            "run 'gover shell 1.22' or 'gover shell --unset'"});
    }
    const std::string shell = options.shell.empty() ? default_shell() : options.shell;
    const bool fish = shell == "fish";
    std::string line;
    if (options.unset) {
        line = fish ? "set -e GOVER_VERSION" : "unset GOVER_VERSION";
    } else {
        auto layout = Layout::from_environment();
        if (!layout) {
            return report(layout.error());
        }
        auto chain = installed_toolchain(*layout, options.spec);
        if (!chain) {
            return report(chain.error());
        }
        const std::string version = chain->system ? "system" : chain->version->str();
        line = fish ? "set -gx GOVER_VERSION " + version : "export GOVER_VERSION=" + version;
    }
    print(line + "\n");
    if (::isatty(STDOUT_FILENO) == 1) {
        notice("gover: this line changes nothing by itself: eval it, or load 'gover init' in "
               "your shell so 'gover shell' applies it");
    }
    return k_exit_ok;
}

} // namespace

void add_shell(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("shell", "Use a version in this shell only (GOVER_VERSION)");
    auto options = std::make_shared<ShellOptions>();
    cmd->add_option("spec", options->spec, "The version: 1.22.5, 1.22, latest, system");
    cmd->add_flag("--unset", options->unset, "Clear GOVER_VERSION");
    cmd->add_option("--shell", options->shell, "The syntax to print: bash, zsh or fish")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cmd->footer("The spec resolves against the installed versions. With 'gover init' loaded "
                "this changes the shell directly; otherwise eval the line it prints.\n\n"
                "Examples:\n  gover shell 1.21\n  eval \"$(gover shell 1.21 --shell bash)\"\n"
                "  gover shell --unset");
    cmd->callback([&ctx, options] { ctx.action = [options] { return run_shell(*options); }; });
}

} // namespace gover::cli
