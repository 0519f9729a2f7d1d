// `gover exec [spec] -- <cmd> [args...]` (README "Commands"): runs cmd with a toolchain (the spec,
// resolved against the installed versions, or the selected one): its bin/ first on PATH and
// GOROOT / GOTOOLCHAIN as the shim sets them (system: the environment as it is). gover execs
// the command in place, so its exit status and signals are the command's own.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "commands.hpp"
#include "core/environment.hpp"
#include "core/layout.hpp"
#include "core/spec.hpp"
#include "core/tool_exec.hpp"
#include "output.hpp"
#include "toolchain_choice.hpp"

namespace gover::cli {
namespace {

// Exit statuses of a command that could not be started, as env(1) and shells use them.
constexpr int k_exit_not_found = 127;
constexpr int k_exit_not_runnable = 126;

struct ExecWords {
    std::optional<std::string> spec;
    std::vector<std::string> command;
};

// CLI11 hands the words over unparsed: [spec] -- cmd args. Without "--" every word is the
// command (no spec), so `gover exec go version` works too.
Result<ExecWords> split_words(const std::vector<std::string>& words) {
    ExecWords out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i] == "--") {
            if (i > 1) {
                return fail(ErrorCode::usage,
                            "gover exec takes one version before --, got " + std::to_string(i),
                            "run 'gover exec [spec] -- <command> [args...]'");
            }
            if (i == 1) {
                out.spec = words[0];
            }
            start = i + 1;
            break;
        }
    }
    if (start == 0 && !words.empty() && parse_spec(words[0])) {
        // `gover exec 1.21.0 go version`: a version where the command should be.
        std::string rest;
        for (std::size_t i = 1; i < words.size(); ++i) {
            rest += " " + words[i];
        }
        return fail(
            ErrorCode::usage, "gover exec: '" + words[0] + "' is a version; the command follows --",
            "run 'gover exec " + words[0] + " --" + (rest.empty() ? " <command>" : rest) + "'");
    }
    out.command.assign(words.begin() + static_cast<std::ptrdiff_t>(start), words.end());
    if (out.command.empty()) {
        return fail(ErrorCode::usage, "gover exec needs a command to run",
                    "run 'gover exec [spec] -- <command> [args...]'");
    }
    return out;
}

int run_exec(const std::vector<std::string>& words) {
    auto parsed = split_words(words);
    if (!parsed) {
        return report(parsed.error());
    }
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    auto chain = toolchain_for(*layout, parsed->spec);
    if (!chain) {
        return report(chain.error());
    }
    if (!chain->system) {
        const std::string bin = tool_path(*layout, *chain->version, "");
        const std::string path = process_env_value("PATH");
        const std::string new_path = (bin.ends_with('/') ? bin.substr(0, bin.size() - 1) : bin) +
                                     (path.empty() ? std::string() : ":" + path);
        ::setenv("PATH", new_path.c_str(), 1);
        const std::string user_chain = process_env_value("GOTOOLCHAIN");
        for (const auto& [key, value] :
             toolchain_environment(*layout, *chain->version, user_chain.c_str())) {
            ::setenv(key.c_str(), value.c_str(), 1);
        }
    }
    std::vector<char*> argv;
    for (auto& w : parsed->command) {
        argv.push_back(w.data());
    }
    argv.push_back(nullptr);
    std::fflush(nullptr);
    ::execvp(argv[0], argv.data());
    const int err = errno;
    report(Error{ErrorCode::not_found,
                 "cannot run " + parsed->command[0] + ": " + std::strerror(err),
                 err == ENOENT ? "check the command's name and PATH" : "check its permissions"});
    return err == ENOENT ? k_exit_not_found : k_exit_not_runnable;
}

} // namespace

void add_exec(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "exec", "Run a command with a Go toolchain: its bin/ first on PATH, GOROOT set");
    // CLI11 cannot say where "--" was among positionals, so the words arrive unparsed: a
    // positional that accepts nothing keeps "--" from ending the subcommand, and
    // prefix_command() passes everything on as remaining().
    static std::string never;
    cmd->add_option("words", never, "[spec] -- <command> [args...]")
        ->check(CLI::Validator([](std::string&) { return std::string("unused"); }, "", ""));
    cmd->validate_positionals();
    cmd->prefix_command();
    cmd->fallthrough(false); // every word after the spec belongs to the command
    cmd->footer("The spec resolves against the installed versions; without one, the selected "
                "version runs.\n\nExamples:\n  gover exec -- go version\n"
                "  gover exec 1.21 -- go test ./...");
    cmd->callback(
        [&ctx, cmd] { ctx.action = [words = cmd->remaining()] { return run_exec(words); }; });
}

} // namespace gover::cli
