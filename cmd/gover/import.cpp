// `gover import [--dry-run] [--json] [PATH…]` (README "Migrating"): adds the Go toolchains
// already on the machine to the store — with no PATH those in the known places (Go's module
// cache, golang.org/dl's ~/sdk, /usr/local/go, Homebrew, goenv, asdf, mise), else the trees
// named. Module-cache toolchains are proven by the checksum database, others are marked
// unverified. One line per toolchain found; exit 1 when one failed, or a PATH named was not
// imported.
#include <csignal>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/layout.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/base/json_writer.hpp"
#include "gover/import/importer.hpp"
#include "gover/install/installer.hpp"
#include "gover/source/goproxy_source.hpp"
#include "output.hpp"

namespace gover::cli {
namespace {

#ifdef __APPLE__
constexpr bool k_darwin = true;
#else
constexpr bool k_darwin = false;
#endif

struct ImportOptions {
    std::vector<std::string> paths;
    bool dry_run = false;
    bool json = false;
};

std::vector<ImportCandidate> candidates(const ImportOptions& options) {
    if (options.paths.empty()) {
        return scan_import_places(ImportRoots::from_env(process_env(), k_darwin));
    }
    std::vector<ImportCandidate> out;
    for (const auto& path : options.paths) {
        std::error_code ec;
        const auto absolute = std::filesystem::absolute(path, ec);
        out.push_back(
            candidate_for_path((ec ? std::filesystem::path(path) : absolute).lexically_normal()));
    }
    return out;
}

// The database, reached as an install through the module proxy reaches it (GOPROXY, GOSUMDB),
// whatever GOVER_SOURCE says: a module-cache toolchain is a golang.org/toolchain module.
ModuleProver database_prover(const Layout& layout) {
    auto source =
        std::make_shared<GoproxySource>(layout, GoproxySettings::read(process_env(), k_darwin),
                                        TransferSettings::from_environment());
    return [source](const std::string& module_version) { return source->prove(module_version); };
}

std::string text_line(const ImportOutcome& outcome) {
    std::string action = outcome.action;
    if (outcome.imported || outcome.action == "would import") {
        action += outcome.verified ? " (verified)" : " (unverified)";
    }
    return (outcome.version.empty() ? "-" : outcome.version) + "  " + outcome.path.string() + "  " +
           action + "\n";
}

std::string json_item(const ImportOutcome& outcome) {
    return json_object({{"version", outcome.version},
                        {"path", outcome.path.string()},
                        {"verified", outcome.verified},
                        {"action", outcome.action}});
}

// A PATH named on the command line that was not imported is an error: the user asked for it.
Error not_imported(const ImportOutcome& outcome) {
    return Error{ErrorCode::not_found,
                 "cannot import " + outcome.path.string() + ": " +
                     outcome.action.substr(std::string_view("skipped: ").size()),
                 "name the directory a Go toolchain is in: the one holding VERSION and bin/go"};
}

int run(const ImportOptions& options) {
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    install_interrupt_handlers();
    const InstallEvents events{nullptr, [](const std::string& text) { notice(text); }};
    Importer importer(*layout, ImportSettings{host_platform(), options.dry_run,
                                              database_prover(*layout), events});
    const auto found = candidates(options);
    std::vector<std::string> items;
    std::optional<GoVersion> last_imported;
    bool failed = false;
    for (const auto& candidate : found) {
        const ImportOutcome outcome = importer.import(candidate);
        if (outcome.error && outcome.error->code == ErrorCode::interrupted) {
            report(*outcome.error);
            return interrupt_signal() == SIGTERM ? 143 : k_exit_interrupted;
        }
        if (options.json) {
            items.push_back(json_item(outcome));
        } else {
            print(text_line(outcome));
        }
        if (outcome.error) {
            report(*outcome.error);
            failed = true;
        } else if (!options.paths.empty() && outcome.action.starts_with("skipped: ")) {
            report(not_imported(outcome));
            failed = true;
        }
        if (outcome.imported) {
            last_imported = GoVersion::parse(outcome.version).value();
        }
    }
    if (options.json) {
        print(json_array(items, 1));
    }
    if (found.empty()) {
        notice("No Go toolchains found in the places gover knows (name one: gover import <dir>)");
    }
    if (last_imported) {
        refresh_shims_after(*layout, *last_imported, events);
    }
    return failed ? k_exit_failure : k_exit_ok;
}

} // namespace

void add_import(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<ImportOptions>();
    auto* cmd = app.add_subcommand(
        "import", "Add the Go toolchains already on this machine (module cache, ~/sdk, ...)");
    cmd->add_option("path", options->paths,
                    "Toolchain directories to import (each holds VERSION and bin/go); none: look "
                    "in Go's module cache, ~/sdk, /usr/local/go, Homebrew, goenv, asdf and mise");
    cmd->add_flag("--dry-run", options->dry_run,
                  "Say what would be imported (\"would import\"); change nothing");
    cmd->add_flag("--json", options->json,
                  "Print a JSON array of {\"version\", \"path\", \"verified\", \"action\"}");
    cmd->footer("Module-cache toolchains are proven by the checksum database (GOSUMDB) before "
                "they are\ncopied in; others are copied as they are and marked unverified "
                "(gover list shows it).\n\n"
                "Examples:\n"
                "  gover import --dry-run            # what would be imported from where\n"
                "  gover import                      # import everything found\n"
                "  gover import ~/sdk/go1.21.0       # one tree\n"
                "  gover import \"$(go env GOMODCACHE)\"/golang.org/toolchain@v0.0.1-go1.22.5."
                "linux-amd64");
    cmd->callback([&ctx, options] { ctx.action = [options] { return run(*options); }; });
}

} // namespace gover::cli
