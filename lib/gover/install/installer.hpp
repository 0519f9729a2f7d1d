#pragma once
// Installs one toolchain into the store from a source (README "Installing"): resolve the spec
// against the source's releases, return early when it is installed already (after checking the
// source still vouches for it), else install it (install_transaction.hpp) and refresh shims/.

#include <optional>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "core/spec.hpp"
#include "gover/install/install_types.hpp"
#include "gover/source/toolchain_source.hpp"

namespace gover {

struct InstallRequest {
    VersionRequest what;              // resolved against the source's releases
    std::optional<Platform> platform; // --platform; default: the host
    bool force = false;               // reinstall an installed version
};

// Errors: usage (system), the source's (network, index, not_found, checksum), tampering,
// archive, io, interrupted. After a real install the shims are refreshed; a failure there is a
// notice. Nothing is written before the store needs it: an installed version is a no-op even on
// a read-only store.
Result<InstallResult> install(const Layout& layout, ToolchainSource& source,
                              const InstallRequest& request, const InstallEvents& events = {});

// Refreshes shims/ after `version` was added to the store; a failure is a warning through
// events.notice naming `gover doctor --fix` (the version itself is installed).
void refresh_shims_after(const Layout& layout, const GoVersion& version,
                         const InstallEvents& events);

} // namespace gover
