#include "app.hpp"

#include <cstdio>
#include <string>

#include "commands.hpp"
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

} // namespace

int run(int argc, char** argv) {
    CLI::App app{"gover: installs Go toolchains and runs the right one in every project", "gover"};
    app.set_version_flag("--version", "gover " GOVER_VERSION_STRING, "Print gover's version");
    app.require_subcommand(1);
    app.footer("Example:\n  gover install 1.22.5 && gover use 1.22.5\n\n"
               "Run 'gover <command> --help' for a command's options.");
    Context ctx;
    app.add_flag("-q,--quiet", ctx.quiet, "Print no notices, only errors and data");
    app.add_flag("-v,--verbose", ctx.verbose, "Print more about what happens");

    add_install(app, ctx);
    add_uninstall(app, ctx);
    add_list(app, ctx);
    add_list_remote(app, ctx);
    add_use(app, ctx);
    add_current(app, ctx);
    add_which(app, ctx);
    add_exec(app, ctx);
    add_shell(app, ctx);
    add_init(app, ctx);
    add_doctor(app, ctx);
    add_complete(app, ctx);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::fputs(app.help().c_str(), stdout);
        return k_exit_ok;
    } catch (const CLI::CallForAllHelp&) {
        std::fputs(app.help("", CLI::AppFormatMode::All).c_str(), stdout);
        return k_exit_ok;
    } catch (const CLI::CallForVersion& e) {
        std::printf("%s\n", e.what());
        return k_exit_ok;
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            return k_exit_ok;
        }
        return report(Error{ErrorCode::usage, usage_message(e),
                            "run '" + command_path(app) + " --help'"});
    }
    set_quiet(ctx.quiet);
    if (!ctx.action) {
        return report(Error{ErrorCode::usage, "no command given", "run 'gover --help'"});
    }
    return ctx.action();
}

} // namespace gover::cli
