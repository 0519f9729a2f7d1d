#include "app.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/environment.hpp"
#include "gover/source/source_choice.hpp"
#include "gover/store/shim_links.hpp"
#include "output.hpp"

namespace gover::cli {
namespace {

// CLI11's messages start with a capital and end without a hint; make them read like ours.
std::string usage_message(const CLI::ParseError& e) {
    std::string what = e.what();
    if (!what.empty()) {
        what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    }
    while (!what.empty() && (what.back() == '\n' || what.back() == '.')) {
        what.pop_back();
    }
    return what;
}

// The deepest subcommand that was parsed, to name in the hint.
std::string command_path(CLI::App& app) {
    std::string path = "gover";
    CLI::App* current = &app;
    while (true) {
        auto subs = current->get_subcommands();
        if (subs.empty()) {
            break;
        }
        current = subs.front();
        path += " " + current->get_name();
    }
    return path;
}

// Edit distance, to suggest "install" for "instal".
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// "unknown command 'instal'", suggesting the closest visible command when one is close.
Error unknown_command(CLI::App& app, const std::string& word) {
    std::string best;
    std::size_t best_distance = 3; // suggest only close misspellings
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (sub->get_group().empty()) {
            continue; // hidden
        }
        const std::size_t d = distance(word, sub->get_name());
        if (d < best_distance) {
            best = sub->get_name();
            best_distance = d;
        }
    }
    return Error{ErrorCode::usage, "unknown command '" + word + "'",
                 best.empty() ? "run 'gover --help' to see the commands"
                              : "did you mean 'gover " + best + "'? run 'gover --help'"};
}

// With no subcommand parsed, CLI11 reports "a subcommand is required" even for `gover instal`
// or `gover --bogus`; name the word it could not place instead, with a suggestion.
std::optional<Error> unplaced_word(CLI::App& app) {
    if (!app.get_subcommands().empty()) {
        return std::nullopt;
    }
    const auto left = app.remaining();
    if (left.empty()) {
        return Error{ErrorCode::usage, "no command given", "run 'gover --help' to see them"};
    }
    const std::string& word = left.front();
    if (word.starts_with("-")) {
        return Error{
            ErrorCode::usage, "unknown option '" + word + "'",
            "run 'gover --help' for gover's options, 'gover <command> --help' for a command's"};
    }
    return unknown_command(app, word);
}

// --source wins over GOVER_SOURCE; it is passed on through the environment, so the source
// choice and anything gover starts (the shim's auto-install) see the same one. An invalid
// GOVER_SOURCE is refused by the commands that fetch, not here: `gover init` runs in every new
// shell and must not fail over it.
Status choose_source(const Context& ctx) {
    if (!ctx.source) {
        return {};
    }
    auto kind = parse_source_kind(*ctx.source, "--source");
    if (!kind) {
        return tl::unexpected(kind.error());
    }
    ::setenv("GOVER_SOURCE", ctx.source->c_str(), 1);
    return {};
}

} // namespace

int run(int argc, char** argv) {
    CLI::App app{"gover: installs Go toolchains and runs the right one in every project", "gover"};
    app.set_version_flag("--version", "gover " GOVER_VERSION_STRING, "Print gover's version");
    app.require_subcommand(1);
    app.footer("Example:\n  gover install 1.22.5 && gover use 1.22.5\n\n"
               "Run 'gover <command> --help' for a command's options.");
    Context ctx;
    ctx.argv0 = argc > 0 ? argv[0] : "";
    set_invocation(ctx.argv0); // for the shim copy's bin/gover link, resolved if needed
    app.add_flag("-q,--quiet", ctx.quiet, "Print no notices, only errors and data");
    app.add_flag("-v,--verbose", ctx.verbose, "Print more about what happens");
    app.add_option("--source", ctx.source,
                   "Where toolchains come from: mirror (GOVER_MIRROR, the default) or goproxy "
                   "(GOPROXY and GOSUMDB); overrides GOVER_SOURCE");
    // gover's own flags work after the command too (`gover install -q 1.22.5`), as in mise and
    // rustup; subcommands made after this inherit it.
    app.fallthrough();

    for (const AddCommand add : k_commands) {
        add(app, ctx);
    }

    // `gover help [command]` reads as `gover [command] --help`, as in git, cargo and rustup.
    std::vector<char*> args(argv, argv + argc);
    static char help_flag[] = "--help";
    if (args.size() >= 2 && std::string(args[1]) == "help") {
        args.erase(args.begin() + 1);
        if (args.size() >= 2 && args[1][0] != '-') {
            const std::string word = args[1];
            if (app.get_subcommands([&word](CLI::App* sub) {
                       return sub->get_name() == word && !sub->get_group().empty();
                   })
                    .empty()) {
                return report(unknown_command(app, word));
            }
        }
        args.push_back(help_flag);
    }

    try {
        app.parse(static_cast<int>(args.size()), args.data());
    } catch (const CLI::CallForHelp&) {
        print(app.help());
        return k_exit_ok;
    } catch (const CLI::CallForAllHelp&) {
        print(app.help("", CLI::AppFormatMode::All));
        return k_exit_ok;
    } catch (const CLI::CallForVersion& e) {
        print(std::string(e.what()) + "\n");
        return k_exit_ok;
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            return k_exit_ok;
        }
        if (auto unplaced = unplaced_word(app)) {
            return report(*unplaced);
        }
        return report(
            Error{ErrorCode::usage, usage_message(e), "run '" + command_path(app) + " --help'"});
    }
    set_quiet(ctx.quiet);
    if (auto chosen = choose_source(ctx); !chosen) {
        return report(chosen.error());
    }
    if (!ctx.action) {
        return report(Error{ErrorCode::usage, "no command given", "run 'gover --help'"});
    }
    return ctx.action();
}

} // namespace gover::cli
