// `gover install [spec…] [--platform OS-ARCH] [--force]` (README "Commands"): resolve against the
// index, download, verify, unpack, refresh the shims. No spec: the selected version (README "Which
// version runs"). Several specs: each one, exit 1 if any failed. SIGINT/SIGTERM: clean up, exit
// 130/143.
#include <csignal>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "core/selection.hpp"
#include "core/spec.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/install/installer.hpp"
#include "gover/source/source_choice.hpp"
#include "output.hpp"
#include "progress.hpp"

namespace gover::cli {
namespace {

struct InstallOptions {
    std::vector<std::string> specs;
    std::string platform;
    bool force = false;
};

struct Target {
    std::string label; // what the user asked for, for messages
    VersionRequest request;
};

int exit_for_interrupt() {
    return interrupt_signal() == SIGTERM ? 143 : k_exit_interrupted;
}

// No spec: what the selection asks for, as `gover install` would be told by the shim.
Result<std::optional<Target>> selected_target(const Layout& layout, const InstallOptions& options) {
    auto selection = select_version(SelectionEnv::from_process(layout));
    if (!selection) {
        return tl::unexpected(selection.error());
    }
    if (selection->is_system()) {
        return fail(ErrorCode::not_found,
                    "the selected Go is 'system' (" + selection->source.phrase() +
                        "): nothing to install",
                    "name a version: gover install 1.22.5");
    }
    if (selection->version && !options.force && options.platform.empty()) {
        notice("Go " + selection->version->str() + " (" + selection->source.phrase() +
               ") is already installed");
        return std::optional<Target>{};
    }
    return std::optional<Target>(
        Target{install_spec(selection->request), install_request(selection->request)});
}

int run(const InstallOptions& options, const Context& ctx) {
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    // Every argument is checked before anything is done (README "Commands": usage errors first).
    std::optional<Platform> platform;
    if (!options.platform.empty()) {
        auto parsed = Platform::parse(options.platform);
        if (!parsed) {
            return report(parsed.error());
        }
        platform = *parsed;
    }
    std::vector<Target> targets;
    for (const auto& spec : options.specs) {
        auto request = parse_spec(spec);
        if (!request) {
            return report(request.error());
        }
        if (auto release = require_release(*request); !release) {
            return report(release.error());
        }
        targets.push_back(Target{spec, *request});
    }
    if (targets.empty()) {
        auto selected = selected_target(*layout, options);
        if (!selected) {
            return report(selected.error());
        }
        if (!*selected) {
            return k_exit_ok;
        }
        targets.push_back(**selected);
    }

    install_interrupt_handlers();
    const auto source = source_from_environment(*layout);
    if (!source) {
        return report(source.error());
    }
    const bool show_progress = stderr_is_terminal() && !ctx.quiet;
    bool failed = false;
    for (const auto& target : targets) {
        ProgressLine progress("Downloading " + target.label, show_progress);
        auto result =
            install(*layout, **source, InstallRequest{target.request, platform, options.force},
                    progress.install_events());
        progress.clear();
        if (!result) {
            if (result.error().code == ErrorCode::interrupted || interrupted()) {
                report(result.error());
                return exit_for_interrupt();
            }
            report(result.error());
            failed = true;
            continue;
        }
        const std::string name = result->version.toolchain_name();
        if (result->already_installed) {
            // Name the platform when it is not the one asked for (--platform, else the host's).
            const std::string which = result->platform == platform.value_or(host_platform())
                                          ? ""
                                          : " (" + result->platform.str() + ")";
            notice(name + which + " is already installed in " + result->path.string() +
                   " (use --force to reinstall)");
            continue;
        }
        notice("Installed " + name + " (" + result->platform.str() + ", " +
               format_bytes(result->bytes) + " in " + format_duration(result->seconds) + ") in " +
               result->path.string());
    }
    return failed ? k_exit_failure : k_exit_ok;
}

} // namespace

void add_install(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<InstallOptions>();
    auto* cmd = app.add_subcommand("install", "Download, verify and unpack Go toolchains");
    cmd->add_option("spec", options->specs,
                    "Versions to install: 1.22.5, 1.22 (newest 1.22.x), latest, 1.23rc1; "
                    "none: the version selected here");
    cmd->add_option("--platform", options->platform,
                    "Install another platform's archive, as OS-ARCH (e.g. darwin-amd64)")
        ->check(non_empty_value());
    cmd->add_flag("--force", options->force, "Reinstall even if the version is installed");
    cmd->footer("Examples:\n"
                "  gover install 1.22.5        # one release\n"
                "  gover install 1.22 1.21     # the newest of each series\n"
                "  gover install               # what .tool-versions / go.mod here asks for\n"
                "  gover install --platform darwin-amd64 1.15");
    cmd->callback([&ctx, options] { ctx.action = [&ctx, options] { return run(*options, ctx); }; });
}

} // namespace gover::cli
