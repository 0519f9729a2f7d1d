#include "gover/currency/currency.hpp"

#include <algorithm>

namespace gover {
namespace {

bool is_stable(const AvailableRelease& release) {
    return release.stable && !release.version.is_prerelease();
}

// The newest of those `keep` accepts; the list's order is not relied on.
template <typename Keep>
std::optional<GoVersion> newest_where(const std::vector<AvailableRelease>& releases, Keep keep) {
    std::optional<GoVersion> best;
    for (const auto& release : releases) {
        if (keep(release) && (!best || *best < release.version)) {
            best = release.version;
        }
    }
    return best;
}

// A version's series as a comparable version: 1.22.5 -> 1.22.
GoVersion series_of(const GoVersion& version) {
    auto series = GoVersion::parse(version.major() + "." + version.minor());
    return series ? *series : version;
}

} // namespace

std::optional<GoVersion> newest_in_series(const std::vector<AvailableRelease>& releases,
                                          const GoVersion& version) {
    auto stable = newest_where(releases, [&](const AvailableRelease& r) {
        return is_stable(r) && r.version.same_series(version);
    });
    if (stable) {
        return stable;
    }
    return newest_where(releases,
                        [&](const AvailableRelease& r) { return r.version.same_series(version); });
}

std::optional<GoVersion> newest_stable(const std::vector<AvailableRelease>& releases) {
    return newest_where(releases, is_stable);
}

bool series_supported(const std::vector<AvailableRelease>& releases, const GoVersion& version) {
    std::vector<GoVersion> series;
    for (const auto& release : releases) {
        if (!is_stable(release)) {
            continue;
        }
        const GoVersion s = series_of(release.version);
        if (std::find(series.begin(), series.end(), s) == series.end()) {
            series.push_back(s);
        }
    }
    if (series.empty()) {
        return true;
    }
    std::sort(series.begin(), series.end(), std::greater<>());
    const GoVersion& oldest_supported = series[std::min<std::size_t>(1, series.size() - 1)];
    return series_of(version) >= oldest_supported;
}

std::string series_name(const GoVersion& version) {
    return version.major() + "." + version.minor() + ".x";
}

Currency judge_currency(const std::vector<AvailableRelease>& releases, const GoVersion& version) {
    Currency out;
    out.version = version;
    out.latest_patch = newest_in_series(releases, version).value_or(version);
    out.latest = newest_stable(releases).value_or(version);
    out.supported = series_supported(releases, version);
    out.outdated = out.behind() || !out.supported;
    return out;
}

} // namespace gover
