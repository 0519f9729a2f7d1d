#include "gover/doctor/doctor.hpp"

#include <algorithm>
#include <set>

#include "gover/base/interrupt.hpp"
#include "gover/doctor/checks.hpp"
#include "gover/doctor/facts.hpp"

namespace gover::doctor {
namespace {

constexpr std::chrono::seconds k_go_env_timeout{30};

Findings run_checks(const Facts& facts) {
    Findings out;
    for (const CheckFamily check : k_check_families) {
        check(facts, out);
    }
    return out;
}

std::string key(const Finding& f) {
    return f.check + "\n" + f.subject;
}

// A go to run `go env -u` with: the selected toolchain, else any installed one, else PATH's.
// GOTOOLCHAIN=local keeps a persisted GOTOOLCHAIN from switching (or downloading) first.
std::pair<std::string, std::vector<std::pair<std::string, std::string>>>
go_for_env_edit(const Facts& facts) {
    std::optional<GoVersion> v;
    if (facts.selection.state == SelectionFacts::State::selected) {
        v = facts.selection.version;
    } else if (!facts.installed.empty()) {
        v = facts.installed.front();
    }
    if (v) {
        const auto root = facts.layout.version_dir(*v);
        return {(root / "bin" / "go").string(),
                {{"GOROOT", root.string()}, {"GOTOOLCHAIN", "local"}}};
    }
    return {"go", {{"GOTOOLCHAIN", "local"}}};
}

Status go_env_unset(System& sys, const Facts& facts, const std::string& variable) {
    auto [go, overrides] = go_for_env_edit(facts);
    const CommandResult r = sys.run({go, "env", "-u", variable}, overrides, k_go_env_timeout);
    if (!r.started) {
        return fail(ErrorCode::not_found, "cannot run " + go,
                    "delete the line by hand: see the finding's fix");
    }
    if (r.timed_out || r.exit_code != 0) {
        std::string why = r.timed_out ? "timed out" : "exit status " + std::to_string(r.exit_code);
        if (!r.err.empty()) {
            why += ": " + r.err.substr(0, r.err.find('\n'));
        }
        return fail(ErrorCode::io, go + " env -u " + variable + " failed (" + why + ")",
                    "delete the line by hand: see the finding's fix");
    }
    return {};
}

class Repairer {
  public:
    Repairer(System& sys, const Facts& facts, const FixCallbacks& callbacks, FixOutcome& outcome)
        : sys_(sys), facts_(facts), callbacks_(callbacks), outcome_(outcome) {}

    void run(const Findings& findings) {
        // Installs first: they refresh the shims themselves; the shims are regenerated last
        // anyway, so links for anything installed here exist whatever happened in between.
        for (const auto kind :
             {Repair::Kind::install, Repair::Kind::reinstall, Repair::Kind::go_env_unset,
              Repair::Kind::remove, Repair::Kind::clean_leftovers, Repair::Kind::refresh_shims}) {
            for (const auto& f : findings) {
                if (f.repair.kind == kind) {
                    attempt(f);
                }
            }
        }
    }

  private:
    void attempt(const Finding& f) {
        const Repair& r = f.repair;
        const std::string what = r.describe();
        if (!done_.insert(what).second) {
            return; // one repair can answer several findings
        }
        if (interrupted()) {
            return; // the CLI exits 130/143 once the run is over
        }
        if (r.needs_confirmation() && !(callbacks_.confirm && callbacks_.confirm(f))) {
            outcome_.declined.push_back(what);
            return;
        }
        say(what);
        Status status = perform(r);
        if (!status) {
            std::string line = what + ": " + status.error().message;
            if (!status.error().hint.empty()) {
                line += " (" + status.error().hint + ")";
            }
            outcome_.failures.push_back(line);
            say("failed: " + line);
        }
    }

    Status perform(const Repair& r) {
        switch (r.kind) {
        case Repair::Kind::install:
            return sys_.install(facts_.layout, *r.request, r.platform, false);
        case Repair::Kind::reinstall:
            return sys_.install(facts_.layout, *r.request, r.platform, true);
        case Repair::Kind::go_env_unset:
            return go_env_unset(sys_, facts_, r.variable);
        case Repair::Kind::remove:
            for (const auto& p : r.paths) {
                if (auto s = remove_inside_home(p); !s) {
                    return s;
                }
            }
            return {};
        case Repair::Kind::clean_leftovers:
            return sys_.clean_leftovers(facts_.layout);
        case Repair::Kind::refresh_shims:
            return sys_.refresh_shims(facts_.layout);
        case Repair::Kind::none:
            return {};
        }
        return {};
    }

    // --fix never touches anything outside $GOVER_HOME (README "Troubleshooting").
    Status remove_inside_home(const std::filesystem::path& p) {
        const auto rel = p.lexically_normal().lexically_relative(facts_.layout.home());
        if (rel.empty() || rel.is_absolute() || *rel.begin() == "..") {
            return fail(ErrorCode::internal, "refusing to remove " + p.string() +
                                                 ", which is outside " +
                                                 facts_.layout.home().string());
        }
        return sys_.remove_all(p);
    }

    void say(const std::string& text) {
        if (callbacks_.notice) {
            callbacks_.notice(text);
        }
    }

    System& sys_;
    const Facts& facts_;
    const FixCallbacks& callbacks_;
    FixOutcome& outcome_;
    std::set<std::string> done_;
};

} // namespace

Result<Findings> diagnose(const System& sys) {
    auto facts = gather_facts(sys);
    if (!facts) {
        return tl::unexpected(facts.error());
    }
    return run_checks(*facts);
}

Result<FixOutcome> diagnose_and_fix(System& sys, const FixCallbacks& callbacks) {
    FixOutcome outcome;
    Findings first;
    {
        auto facts = gather_facts(sys);
        if (!facts) {
            return tl::unexpected(facts.error());
        }
        first = run_checks(*facts);
        Repairer(sys, *facts, callbacks, outcome).run(first);
    }
    auto second = diagnose(sys);
    if (!second) {
        return tl::unexpected(second.error());
    }
    std::set<std::string> matched;
    for (const auto& f : first) {
        const auto it = std::find_if(second->begin(), second->end(),
                                     [&](const Finding& g) { return key(g) == key(f); });
        if (it == second->end()) {
            outcome.findings.push_back(f);
            outcome.findings.back().fixed = true;
        } else if (matched.insert(key(f)).second) {
            outcome.findings.push_back(*it);
        }
    }
    for (auto& g : *second) {
        const bool known = std::any_of(first.begin(), first.end(),
                                       [&](const Finding& f) { return key(f) == key(g); });
        if (!known) {
            outcome.findings.push_back(std::move(g));
        }
    }
    return outcome;
}

} // namespace gover::doctor
