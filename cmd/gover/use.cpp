// `gover use <spec> [--global]` (README "Commands"): resolve the spec like `install` (the newest
// matching release in the index), install it if missing, then pin that exact version in
// ./.tool-versions (the golang/go line rewritten in place, every other byte kept) or in
// $GOVER_HOME/global. Says what it pinned on stderr, and warns when a stronger pin (README "Which
// version runs") still wins here.
#include <csignal>
#include <memory>
#include <string>

#include "commands.hpp"
#include "core/layout.hpp"
#include "core/pin_file_formats.hpp"
#include "core/selection.hpp"
#include "core/spec.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/install/installer.hpp"
#include "gover/source/source_choice.hpp"
#include "gover/store/pin_files.hpp"
#include "gover/store/pin_link.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "toolchain_choice.hpp"

namespace gover::cli {
namespace {

struct UseOptions {
    std::string spec;
    bool global = false;
};

// The exact version to pin: an installed exact version without asking the index, else
// whatever `install` resolves (and installs).
Result<std::string> version_to_pin(const Layout& layout, const VersionRequest& request,
                                   const std::string& spec, bool quiet) {
    if (request.kind == VersionRequest::Kind::system) {
        if (auto ok = require_system_go(layout); !ok) {
            return tl::unexpected(ok.error());
        }
        return std::string("system");
    }
    if (request.kind == VersionRequest::Kind::exact) {
        if (auto v = resolve_installed(layout, request)) {
            return v->str();
        }
    }
    install_interrupt_handlers();
    ProgressLine progress("Downloading " + spec, stderr_is_terminal() && !quiet);
    const auto source = source_from_environment(layout);
    if (!source) {
        return tl::unexpected(source.error());
    }
    auto result = install(layout, **source, InstallRequest{request, std::nullopt, false},
                          progress.install_events());
    progress.clear();
    if (!result) {
        return tl::unexpected(result.error());
    }
    if (!result->already_installed) {
        notice("Installed " + result->version.toolchain_name() + " in " + result->path.string());
    }
    return result->version.str();
}

// After pinning: if something earlier in README "Which version runs" still selects here, say so.
void warn_if_overridden(const Layout& layout, const PinSource::Kind written) {
    auto selection = select_version(SelectionEnv::from_process(layout));
    if (!selection || selection->source.kind == written) {
        return;
    }
    if (selection->source.kind == PinSource::Kind::env_var) {
        warn("GOVER_VERSION=" + selection->version_text() +
             " still wins in this shell (run 'gover shell --unset')");
    } else if (written == PinSource::Kind::global) {
        warn(selection->source.describe() +
             " still wins here (run 'gover use <spec>' to change it)");
    }
}

int run_use(const UseOptions& options, const Context& ctx) {
    auto request = parse_spec(options.spec);
    if (!request) {
        return report(request.error());
    }
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    std::string where;
    std::string written_file; // where a .tool-versions link leads: the file the notice names
    if (!options.global) {
        // Checked before any download: a pin that cannot be written is not worth installing.
        auto cwd = current_directory();
        if (!cwd) {
            return report(Error{ErrorCode::io, "the current directory no longer exists",
                                "cd into the project, or use --global"});
        }
        where = (*cwd == "/" ? std::string() : *cwd) + "/" + std::string(k_tool_versions_file);
        auto target = pin_write_target(where);
        if (!target) {
            return report(target.error());
        }
        written_file = target->string();
    }
    auto version = version_to_pin(*layout, *request, options.spec, ctx.quiet);
    if (!version) {
        const int status = report(version.error());
        if (interrupted()) {
            return interrupt_signal() == SIGTERM ? 143 : k_exit_interrupted;
        }
        return status;
    }
    Status written = options.global ? write_global_pin(*layout, *version)
                                    : write_tool_versions_pin(where, *version);
    if (!written) {
        return report(written.error());
    }
    notice("Pinned Go " + *version + " in " +
           (options.global ? layout->global_file().string() : written_file));
    warn_if_overridden(*layout,
                       options.global ? PinSource::Kind::global : PinSource::Kind::tool_versions);
    return k_exit_ok;
}

} // namespace

void add_use(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<UseOptions>();
    auto* cmd = app.add_subcommand(
        "use", "Pin a Go version here (./.tool-versions) or globally, installing it if needed");
    cmd->add_option("spec", options->spec, "The version: 1.22.5, 1.22 (newest 1.22.x), latest")
        ->required();
    cmd->add_flag("--global", options->global, "Pin in $GOVER_HOME/global instead");
    cmd->footer("Examples:\n  gover use 1.22          # pin the newest 1.22.x in ./.tool-versions\n"
                "  gover use 1.22.5 --global");
    cmd->callback(
        [&ctx, options] { ctx.action = [&ctx, options] { return run_use(*options, ctx); }; });
}

} // namespace gover::cli
