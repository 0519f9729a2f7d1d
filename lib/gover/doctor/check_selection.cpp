// Version selection (README "Which version runs") as the shim sees it here: a pin that cannot run,
// nothing pinned, and a go.mod/go.work that needs a newer Go than the selected one.
#include "core/pin_file_formats.hpp"
#include "core/spec.hpp"
#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

void check_pin(const Facts& facts, Findings& out) {
    const SelectionFacts& s = facts.selection;
    switch (s.state) {
    case SelectionFacts::State::not_installed: {
        if (!s.install_request) {
            return;
        }
        const std::string spec = install_spec(*s.install_request);
        const std::string what = s.version ? s.version->str() : spec;
        Finding f = make_finding(
            "pin-missing", Severity::error, what,
            "Go " + what + " is " + (s.from_module ? "required" : "pinned") + " by " + s.source +
                " but not installed: go and every other tool through the shims stop with exit "
                "status 127 instead of running",
            "gover install " + spec);
        f.repair.kind = Repair::Kind::install;
        f.repair.request = s.install_request;
        out.push_back(std::move(f));
        return;
    }
    case SelectionFacts::State::invalid:
        out.push_back(make_finding(
            "pin-invalid", Severity::error, s.source.empty() ? s.problem : s.source,
            s.problem + ": the shims stop with exit status 127 instead of running go",
            s.hint.empty() ? "edit it to hold a version such as 1.22.5, or pin one with `gover "
                             "use <version>`"
                           : s.hint));
        return;
    case SelectionFacts::State::none:
        out.push_back(make_finding(
            "pin-none", Severity::info, "pin",
            "nothing pins a Go version here (no GOVER_VERSION, " + pin_file_names(", ") +
                ", global pin, go.mod or go.work): go through the shims stops with exit status 127",
            "gover use latest --global"));
        return;
    default:
        return;
    }
}

void check_hidden(const Facts& facts, Findings& out) {
    for (const auto& h : facts.selection.hidden_invalid) {
        out.push_back(make_finding(
            "pin-invalid", Severity::error, h.problem,
            h.problem + ": " + facts.selection.source +
                " overrides it here, but wherever it applies the shims stop with exit status 127 "
                "instead of running go",
            h.hint.empty() ? "edit it to hold a version such as 1.22.5, or delete it" : h.hint));
    }
}

void check_module(const Facts& facts, Findings& out) {
    const SelectionFacts& s = facts.selection;
    if (!facts.module || s.state != SelectionFacts::State::selected || !s.version ||
        !(*s.version < facts.module->requirement.minimum)) {
        return;
    }
    const GoVersion& minimum = facts.module->requirement.minimum;
    const std::string where = facts.module->source.describe();
    const VersionRequest want{VersionRequest::Kind::minimum, minimum};
    if (auto have = resolve(want, facts.installed)) {
        out.push_back(make_finding(
            "module-toolchain", Severity::info, where,
            where + " needs Go " + minimum.str() + " or newer, newer than the selected " +
                s.version->str() + " (" + s.source + "): go switches to gover's go" + have->str() +
                " for this module, so the pin does not decide here",
            "nothing to do; to make it explicit: `gover use " + install_spec(*have) + "`"));
        return;
    }
    std::string why = "go commands here stop with \"go.mod requires go >= " + minimum.str() +
                      " (running go " + s.version->str() + ")\"";
    const auto toolchain = facts.go_setting("GOTOOLCHAIN");
    if (toolchain && (*toolchain == "auto" || toolchain->ends_with("+auto"))) {
        why = "with GOTOOLCHAIN=" + *toolchain +
              " go downloads that toolchain behind gover's back instead of using the store";
    }
    out.push_back(make_finding("module-toolchain", Severity::warning, where,
                               where + " needs Go " + minimum.str() +
                                   " or newer, but the selected version is " + s.version->str() +
                                   " and no installed version is new enough: " + why,
                               "gover install " + minimum.str()));
}

} // namespace

void check_selection(const Facts& facts, Findings& out) {
    check_pin(facts, out);
    check_hidden(facts, out);
    check_module(facts, out);
}

} // namespace gover::doctor
