#pragma once
// `gover doctor` (README "Troubleshooting"): every check against one System, and --fix, which
// repairs only what is gover's own and safe to do twice, then checks again.

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "gover/doctor/finding.hpp"
#include "gover/doctor/system.hpp"

namespace gover::doctor {

// Runs every check once, in a stable order. Fails only when GOVER_HOME/HOME leave the store
// location unknown (a usage error).
Result<Findings> diagnose(const System& sys);

struct FixCallbacks {
    // Asked before a repair that needs_confirmation(); true goes ahead.
    std::function<bool(const Finding&)> confirm;
    // What is being done, what failed, what was skipped.
    std::function<void(const std::string&)> notice;
};

struct FixOutcome {
    // The first run's findings, each `fixed` when the second run no longer has it (left ones
    // carry the second run's wording), then anything the second run found new.
    Findings findings;
    std::vector<std::string> failures; // "reinstall Go 1.22.5: <why>"
    std::vector<std::string> declined; // repairs that needed a confirmation not given
};

// Diagnoses, performs the repairs (the confirmed ones among those that need confirming), and
// diagnoses again.
Result<FixOutcome> diagnose_and_fix(System& sys, const FixCallbacks& callbacks);

} // namespace gover::doctor
