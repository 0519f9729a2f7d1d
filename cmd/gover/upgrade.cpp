// `gover upgrade [--global] [--latest]` (README "Keeping Go up to date"): install the newest
// release of the pin's series (--latest: the newest stable release), then move the pin there
// with the byte-keeping edit `use` makes. The old version stays installed (other projects and
// running builds may use it). A language-version pin, a go.mod/go.work minimum and GOVER_VERSION
// are not edited: the notice says what to do instead. An interrupted or failed install leaves
// the pin file untouched: it is written only after the install succeeded.
#include <csignal>
#include <memory>
#include <string>

#include "commands.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/currency/currency.hpp"
#include "gover/currency/pins.hpp"
#include "gover/currency/upgrade_plan.hpp"
#include "gover/install/installer.hpp"
#include "gover/source/source_choice.hpp"
#include "gover/store/pin_link.hpp"
#include "gover/store/pin_upgrade.hpp"
#include "output.hpp"
#include "progress.hpp"

namespace gover::cli {
namespace {

struct UpgradeOptions {
    bool global = false;
    bool latest = false;
};

int interrupted_status() {
    return interrupt_signal() == SIGTERM ? 143 : k_exit_interrupted;
}

// Installs `version` (a no-op when it is installed); the exit status on failure.
std::optional<int> install_release(const Layout& layout, ToolchainSource& source,
                                   const GoVersion& version, bool quiet) {
    install_interrupt_handlers();
    ProgressLine progress("Downloading " + version.toolchain_name(),
                          stderr_is_terminal() && !quiet);
    auto result = install(
        layout, source,
        InstallRequest{VersionRequest{VersionRequest::Kind::exact, version}, std::nullopt, false},
        progress.install_events());
    progress.clear();
    if (!result) {
        const int status = report(result.error());
        return interrupted() ? interrupted_status() : status;
    }
    if (!result->already_installed) {
        notice("Installed " + result->version.toolchain_name() + " in " + result->path.string());
    }
    return std::nullopt;
}

// After the install: the edit, or what to do instead of one.
int finish(const Selection& pin, const UpgradePlan& plan) {
    const std::string to = install_spec(plan.to);
    const std::string where = pin.source.describe();
    switch (plan.edit) {
    case UpgradePlan::Edit::pin:
        if (auto ok = write_upgraded_pin(pin.source, plan.from, to); !ok) {
            return report(ok.error());
        }
        notice("Upgraded " + where + " from " + plan.from.str() + " to " + to + " (" +
               plan.from.str() + " stays installed)");
        return k_exit_ok;
    case UpgradePlan::Edit::none_series:
        notice(where + " pins the language version " + pin.request.version.str() + ": it selects " +
               to + " now");
        return k_exit_ok;
    case UpgradePlan::Edit::none_module:
        notice(where + " is a minimum gover does not edit; to raise it, run: " +
               (pin.source.kind == PinSource::Kind::go_mod
                    ? "go get toolchain@" + plan.to.toolchain_name()
                    : "go work edit -toolchain=" + plan.to.toolchain_name()));
        return k_exit_ok;
    case UpgradePlan::Edit::none_env_var:
        notice("GOVER_VERSION=" + plan.from.str() +
               " is set in this shell's environment, which gover cannot edit; run: gover shell " +
               to);
        return k_exit_ok;
    }
    return k_exit_ok;
}

int run_upgrade(const UpgradeOptions& options, const Context& ctx) {
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    const SelectionEnv env = SelectionEnv::from_process(*layout);
    auto pin = options.global ? global_pin(env) : select_version(env);
    if (!pin && options.global && pin.error().code == ErrorCode::no_pin) {
        return report(Error{ErrorCode::no_pin,
                            "there is no global pin (" + layout->global_file().string() + ")",
                            "pin one with 'gover use <spec> --global'"});
    }
    if (!pin) {
        return report(pin.error());
    }
    const auto source = source_from_environment(*layout);
    if (!source) {
        return report(source.error());
    }
    ListOptions list;
    list.platform = host_platform();
    list.notice = [](const std::string& text) { notice(text); };
    auto releases = (*source)->releases(list);
    if (!releases) {
        return report(releases.error());
    }
    auto plan = plan_upgrade(*pin, *releases, options.latest);
    if (!plan) {
        return report(plan.error());
    }
    if (plan->current) {
        notice("Go " + plan->from.str() + " (" + pin->source.phrase() + ") is up to date: " +
               (options.latest ? "the newest stable release"
                               : "the newest " + series_name(plan->from)));
        return k_exit_ok;
    }
    // A pin that cannot be written is not worth a download (as `use` checks first).
    if (plan->edit == UpgradePlan::Edit::pin) {
        if (auto target = pin_write_target(pin->source.path); !target) {
            return report(target.error());
        }
    }
    if (auto failed = install_release(*layout, **source, plan->to, ctx.quiet)) {
        return *failed;
    }
    return finish(*pin, *plan);
}

} // namespace

void add_upgrade(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<UpgradeOptions>();
    auto* cmd = app.add_subcommand(
        "upgrade", "Install the newest patch of the pinned Go series and move the pin to it");
    cmd->add_flag("--global", options->global, "Upgrade the global pin ($GOVER_HOME/global)");
    cmd->add_flag("--latest", options->latest,
                  "Move to the newest stable release, not the newest of the pin's series");
    cmd->footer(
        "Examples:\n"
        "  gover upgrade            # .tool-versions 1.22.5 -> 1.22.7, 1.22.5 kept\n"
        "  gover upgrade --latest   # -> the newest stable release\n"
        "  gover upgrade --global\n"
        "\nA language-version pin (1.22), a go.mod/go.work minimum or GOVER_VERSION is not\n"
        "edited: the newest patch is installed and the notice says what to run.");
    cmd->callback(
        [&ctx, options] { ctx.action = [&ctx, options] { return run_upgrade(*options, ctx); }; });
}

} // namespace gover::cli
