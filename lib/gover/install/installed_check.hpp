#pragma once
// "Installed? Tampered?", decided in one place: whether a version is in the store, and whether
// the source still vouches for what meta/ recorded when it was installed.

#include <optional>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "gover/install/install_types.hpp"
#include "gover/source/toolchain_source.hpp"

namespace gover {

// The result for a version found installed: its platform as meta/ records it (a --platform
// install), else `fallback`.
InstallResult installed_result(const Layout& layout, const GoVersion& version,
                               const Platform& fallback);

// nullopt when `target` must be installed (absent, or present with force); the already-installed
// result when it is present and not forced. ErrorCode::tampering (--force included) when the
// source now lists another hash than the one the installed copy was verified against. Reads
// meta/<v>.json once.
Result<std::optional<InstallResult>> check_installed(const Layout& layout, ToolchainSource& source,
                                                     const InstallTarget& target);

} // namespace gover
