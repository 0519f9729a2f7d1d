#pragma once
// The running program's own file, for gover (to find the shim it installed, to record itself
// for the shim, to judge its own architecture) and for the shim (to find the gover beside it).

#include <filesystem>
#include <optional>

namespace gover {

// The real path of the running executable, links resolved (Homebrew's bin/gover is a link into
// the Cellar). nullopt when the system does not say.
std::optional<std::filesystem::path> self_executable();

} // namespace gover
