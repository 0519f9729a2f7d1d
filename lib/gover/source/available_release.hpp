#pragma once
// A release as any source lists it (a version, whether it is stable, the platforms it has a
// toolchain for), and the one function that resolves a spec against such a list.

#include <vector>

#include "core/error.hpp"
#include "core/platform.hpp"
#include "core/spec.hpp"
#include "core/version.hpp"

namespace gover {

// One release as a source lists it.
struct AvailableRelease {
    GoVersion version;
    bool stable = false;
    std::vector<Platform> platforms; // those it has a toolchain for, sorted by name

    bool has(const Platform& platform) const;
};

// The newest release in `releases` (newest first) that `request` selects: stable only unless
// the request is exact (or a minimum no stable release meets). ErrorCode::not_found with the
// closest hint otherwise; ErrorCode::usage for system.
Result<AvailableRelease> resolve_release(const std::vector<AvailableRelease>& releases,
                                         const VersionRequest& request);

} // namespace gover
