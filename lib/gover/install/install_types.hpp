#pragma once
// What an install reports back to its caller (the CLI draws progress and notices from it).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/platform.hpp"
#include "core/version.hpp"

namespace gover {

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
    Platform platform;          // the toolchain's platform
    std::filesystem::path path; // versions/<v>
};

// How to install one resolved version.
struct InstallTarget {
    GoVersion version;
    Platform platform;
    bool platform_override = false; // --platform named another platform than the host's
    bool force = false;             // reinstall an installed version
};

} // namespace gover
