#pragma once
// Keeps $GOVER_HOME/shims/ in step with the store (contract §2, §6): go, gofmt, every other tool
// in an installed bin/, and go1.X.Y for each installed version, all links to bin/gover-shim,
// gover's own copy of the shim, refreshed whenever it differs from the installed one.

#include <filesystem>
#include <optional>

#include "core/error.hpp"
#include "core/layout.hpp"

namespace gover {

// The shim executable that came with this gover: $GOVER_SHIM_PATH if set, else next to the
// gover binary's libexec (../libexec/gover/gover-shim), else the build tree's. nullopt if none.
std::optional<std::filesystem::path> find_installed_shim();

// Copies the installed shim to bin/gover-shim when it differs, then makes shims/ hold exactly
// the links the installed versions need (adding missing ones, removing ones that point at
// nothing). Safe to run twice and concurrently with the shim.
Status refresh_shims(const Layout& layout);

} // namespace gover
