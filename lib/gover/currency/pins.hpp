#pragma once
// The pins `outdated` and `upgrade` look at (README "Keeping Go up to date"): the one that
// selects here (README "Which version runs") and the global pin, and the version each stands
// for.

#include <vector>

#include "core/error.hpp"
#include "core/selection.hpp"

namespace gover {

// The selection here, then the global pin when it is another one (nothing, or the selection
// itself, adds no second row). Errors: those of select_version (no_pin only when neither exists).
Result<std::vector<Selection>> pins_here_and_global(const SelectionEnv& env);

// The global pin alone (ErrorCode::no_pin when there is none).
Result<Selection> global_pin(const SelectionEnv& env);

// The version a pin stands for: what runs when it is installed (a language version's or a
// minimum's newest installed release), else what it asks for.
GoVersion judged_version(const Selection& selection);

} // namespace gover
