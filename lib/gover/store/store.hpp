#pragma once
// Removing toolchains from the store (README "Commands" (uninstall)): the version directory is
// renamed into tmp/ (one atomic step: a crash leaves it either installed or gone, never half) and
// only then deleted; its meta record goes with it, and the shims are refreshed.

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/version.hpp"

namespace gover {

enum class ShimRefresh { yes, no };

// ErrorCode::not_installed when versions/<v> does not exist; io when it cannot be moved.
// Takes the version's lock, so it never races an install of the same version.
Status uninstall_version(const Layout& layout, const GoVersion& version,
                         ShimRefresh shims = ShimRefresh::yes);

} // namespace gover
