// resolve_release (available_release.hpp): the one place a spec becomes a release of a source,
// with the error that names the closest thing the source does have.
#include <algorithm>

#include "gover/source/available_release.hpp"

namespace gover {
namespace {

std::string describe_miss(const VersionRequest& request) {
    switch (request.kind) {
    case VersionRequest::Kind::exact:
        return "no Go release " + request.version.str();
    case VersionRequest::Kind::minimum:
        return "no Go release matches " + request.version.str() + " or newer";
    case VersionRequest::Kind::latest:
        return "no stable Go release";
    default:
        return "no Go release matches " + request.version.str();
    }
}

// What to suggest when nothing matched: the pre-releases of a series nobody shipped yet (they
// need an exact spec), or the newest release of an exact version's series.
std::string hint_for_miss(const std::vector<AvailableRelease>& releases,
                          const VersionRequest& request) {
    if (request.kind == VersionRequest::Kind::series) {
        std::string prereleases;
        for (const auto& release : releases) {
            if (release.version.same_series(request.version) && release.version.is_prerelease()) {
                prereleases += (prereleases.empty() ? "" : ", ") + release.version.str();
            }
        }
        if (!prereleases.empty()) {
            return "only pre-releases so far: " + prereleases + "; ask for one exactly";
        }
    }
    if (request.kind == VersionRequest::Kind::exact) {
        const std::string series = request.version.major() + "." + request.version.minor();
        for (const auto& release : releases) {
            if (release.version.same_series(request.version) && !release.version.is_prerelease()) {
                return "the newest " + series + ".x is " + release.version.str() +
                       "; run 'gover list-remote " + series + "'";
            }
        }
    }
    return "run 'gover list-remote' to see the releases";
}

} // namespace

bool AvailableRelease::has(const Platform& platform) const {
    return std::find(platforms.begin(), platforms.end(), platform) != platforms.end();
}

Result<AvailableRelease> resolve_release(const std::vector<AvailableRelease>& releases,
                                         const VersionRequest& request) {
    if (auto release = require_release(request); !release) {
        return tl::unexpected(release.error());
    }
    std::vector<GoVersion> versions;
    versions.reserve(releases.size());
    for (const auto& release : releases) {
        versions.push_back(release.version);
    }
    // A go.mod minimum may be met by a pre-release (toolchain go1.23rc1); a series or latest
    // means stable releases only.
    const auto fallback = request.kind == VersionRequest::Kind::minimum ? PrereleaseFallback::yes
                                                                        : PrereleaseFallback::no;
    if (auto found = resolve(request, versions, fallback)) {
        for (const auto& release : releases) {
            if (release.version == *found) {
                return release;
            }
        }
    }
    if (releases.empty()) {
        return fail(ErrorCode::not_found, "the source lists no Go releases", "check GOVER_MIRROR");
    }
    auto newest = std::find_if(releases.begin(), releases.end(),
                               [](const auto& r) { return !r.version.is_prerelease(); });
    const std::string newest_name =
        (newest != releases.end() ? newest->version : releases.front().version).str();
    return fail(ErrorCode::not_found, describe_miss(request) + " (newest is " + newest_name + ")",
                hint_for_miss(releases, request));
}

} // namespace gover
