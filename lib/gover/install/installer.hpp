#pragma once
// Installs one toolchain into the store (contract §2, §5): resolve against the index, download
// over HTTPS while hashing, unpack into staging under $GOVER_HOME/tmp, and rename into
// versions/<v> only after the sha256 and size matched. Per-version lock; crash-safe.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "core/spec.hpp"
#include "core/version.hpp"

namespace gover {

struct InstallRequest {
    VersionRequest what;              // resolved against the index
    std::optional<Platform> platform; // --platform; default: the host
    bool force = false;               // reinstall an installed version
};

struct InstallEvents {
    // Bytes so far and total (0 = unknown); the CLI draws progress from it.
    std::function<void(std::uint64_t received, std::uint64_t total)> progress;
    std::function<void(const std::string&)> notice;
};

struct InstallResult {
    GoVersion version;
    bool already_installed = false; // a no-op: nothing was downloaded
    std::uint64_t bytes = 0;
    double seconds = 0;
    Platform platform;          // the archive's platform
    std::filesystem::path path; // versions/<v>
};

// Errors: usage (system), the index's (network, index, not_found), not_found (no archive for
// the platform), checksum (mismatch, no sha256 in the index), tampering, archive, io,
// interrupted. After a real install the shims are refreshed; a failure there is a notice.
Result<InstallResult> install(const Layout& layout, const InstallRequest& request,
                              const InstallEvents& events = {});

} // namespace gover
