#include "gover/currency/upgrade_plan.hpp"

#include "gover/currency/currency.hpp"
#include "gover/currency/pins.hpp"

namespace gover {
namespace {

UpgradePlan::Edit edit_for(const Selection& pin, const VersionRequest& first) {
    if (pin.source.is_module()) {
        return UpgradePlan::Edit::none_module;
    }
    if (first.kind == VersionRequest::Kind::series) {
        return UpgradePlan::Edit::none_series;
    }
    if (pin.source.kind == PinSource::Kind::env_var) {
        return UpgradePlan::Edit::none_env_var;
    }
    return UpgradePlan::Edit::pin;
}

} // namespace

Result<UpgradePlan> plan_upgrade(const Selection& pin,
                                 const std::vector<AvailableRelease>& releases, bool latest) {
    // A .tool-versions fallback list upgrades its first version; the others stay as they are.
    const VersionRequest& first = pin.candidates.empty() ? pin.request : pin.candidates.front();
    if (first.kind == VersionRequest::Kind::system) {
        return fail(ErrorCode::not_found,
                    "the pin " + pin.source.describe() + " is system, not a Go release",
                    "pin a release with gover use <spec>");
    }
    UpgradePlan plan;
    plan.edit = edit_for(pin, first);
    // A series or a minimum stands for what runs, unless a later fallback is what runs (then the
    // first is not installed); an exact pin for itself, installed or not.
    const bool first_runs = pin.request.kind == first.kind && pin.request.version == first.version;
    const bool follows_runner = first_runs && (plan.edit == UpgradePlan::Edit::none_series ||
                                               plan.edit == UpgradePlan::Edit::none_module);
    plan.from = follows_runner ? judged_version(pin) : first.version;
    const bool to_latest = latest && plan.edit != UpgradePlan::Edit::none_series;
    auto to = to_latest ? newest_stable(releases) : newest_in_series(releases, plan.from);
    if (!to) {
        return fail(ErrorCode::not_found,
                    "the source lists no release of " + series_name(plan.from) + " to move " +
                        pin.source.describe() + " to",
                    "run 'gover list-remote' to see the releases");
    }
    plan.to = *to;
    // Installed and at the newest already; a series or minimum with nothing installed is not.
    const bool installed = !follows_runner || pin.version.has_value();
    plan.current = installed && !(plan.from < plan.to);
    return plan;
}

} // namespace gover
