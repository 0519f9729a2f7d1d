// `gover uninstall <version…>` (README "Commands"): remove toolchains from the store and their
// shims. Not installed: an error. The selected one: removed, with a warning naming the pin that now
// points at nothing.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/installed.hpp"
#include "core/layout.hpp"
#include "core/selection.hpp"
#include "core/version.hpp"
#include "gover/store/store.hpp"
#include "output.hpp"

namespace gover::cli {
namespace {

int run(const std::vector<std::string>& args) {
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    std::vector<GoVersion> versions;
    for (const auto& arg : args) {
        auto version = GoVersion::parse(arg);
        if (!version) {
            return report(Error{ErrorCode::usage, version.error().message,
                                "name an installed version as 'gover list' prints it"});
        }
        // "1.22" is a language version, never a release (README "Commands"): there is no such dir.
        if (version->is_language_version()) {
            return report(Error{ErrorCode::usage,
                                arg + " is a language version, not a release: uninstall takes "
                                      "exact versions",
                                "name one as 'gover list' prints it, e.g. " + arg + ".0"});
        }
        versions.push_back(*version);
    }
    // What is selected before anything goes, to warn when it is removed.
    std::optional<Selection> selected;
    if (auto selection = select_version(SelectionEnv::from_process(*layout)); selection) {
        selected = *selection;
    }
    const auto installed = installed_versions(*layout);
    bool failed = false;
    for (auto version : versions) {
        // The store's own spelling: uninstall 1.20.0 removes versions/1.20.
        for (const auto& have : installed) {
            if (have == version) {
                version = have;
            }
        }
        if (auto removed = uninstall_version(*layout, version); !removed) {
            report(removed.error());
            failed = true;
            continue;
        }
        notice("Uninstalled " + version.toolchain_name());
        if (selected && selected->version && *selected->version == version) {
            warn("Go " + version.str() + " was selected (" + selected->source.phrase() +
                 "), which now points at nothing: run 'gover install " + install_spec(version) +
                 "' or pin another version with 'gover use <spec>'");
        }
    }
    return failed ? k_exit_failure : k_exit_ok;
}

} // namespace

void add_uninstall(CLI::App& app, Context& ctx) {
    auto versions = std::make_shared<std::vector<std::string>>();
    auto* cmd = app.add_subcommand("uninstall", "Remove installed Go toolchains");
    cmd->add_option("version", *versions, "Installed versions to remove, as 'gover list' prints")
        ->required();
    cmd->footer("Example:\n  gover uninstall 1.21.0 1.21.1");
    cmd->callback([&ctx, versions] { ctx.action = [versions] { return run(*versions); }; });
}

} // namespace gover::cli
