#pragma once
// The versions in the store, read from the names under versions/ (standard library only, so
// the shim can use it). Dot-entries (staging, trash) and names that are not versions are skipped.

#include <vector>

#include "core/layout.hpp"
#include "core/version.hpp"

namespace gover {

// Installed versions, newest first. A directory counts when it holds bin/go.
std::vector<GoVersion> installed_versions(const Layout& layout);

// Whether versions/<v>/bin/go exists.
bool is_installed(const Layout& layout, const GoVersion& version);

} // namespace gover
