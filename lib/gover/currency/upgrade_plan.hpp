#pragma once
// What `gover upgrade` does with a pin (README "Keeping Go up to date"), decided from the pin and
// the source's release list alone: which version to install, and whether the pin is rewritten.

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/selection.hpp"
#include "gover/source/available_release.hpp"

namespace gover {

struct UpgradePlan {
    enum class Edit {
        pin,          // rewrite the version word in the pin file (`use`'s byte-keeping edit)
        none_series,  // a language-version pin (1.22): it follows its series by itself
        none_module,  // a go.mod/go.work minimum: gover does not edit module files
        none_env_var, // GOVER_VERSION: the shell's, not gover's, to change
    };
    GoVersion from; // the pin's version (of a fallback list, the first), or what runs for it
    GoVersion to;   // the release to install
    Edit edit = Edit::pin;
    bool current = false; // nothing to do: `to` is what the pin already stands for
};

// `latest`: the newest stable release rather than the newest of the pin's series (ignored for a
// language-version pin, whose series is the whole point). Fails (not_found) for a `system` pin
// (no release to move) and when the list has no release to move to.
Result<UpgradePlan> plan_upgrade(const Selection& pin,
                                 const std::vector<AvailableRelease>& releases, bool latest);

} // namespace gover
