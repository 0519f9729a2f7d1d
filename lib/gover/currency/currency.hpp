#pragma once
// Whether a Go version is current (README "Keeping Go up to date"): the newest release of its
// series (1.22.5 -> the newest 1.22.x), the newest stable release, and whether its series is
// still supported. Go fixes security problems only in its two newest major releases (1.25 and
// 1.24 while 1.25.x is the newest). Pure functions over a source's release list: `outdated`,
// `upgrade` and doctor judge the same way.

#include <optional>
#include <vector>

#include "core/version.hpp"
#include "gover/source/available_release.hpp"

namespace gover {

// The newest stable release of `version`'s series (1.22.5, 1.22 and 1.22rc1 are all in 1.22):
// pre-releases count only when the series has no stable release yet. nullopt when the list has
// nothing of that series.
std::optional<GoVersion> newest_in_series(const std::vector<AvailableRelease>& releases,
                                          const GoVersion& version);

// The newest stable release (a pre-release never, even when an index marks it stable).
std::optional<GoVersion> newest_stable(const std::vector<AvailableRelease>& releases);

// Whether `version`'s series is one of the two newest series with a stable release, or newer
// than all of them (a pre-release of the next one). An empty list supports everything: there is
// nothing to judge by.
bool series_supported(const std::vector<AvailableRelease>& releases, const GoVersion& version);

// "1.22.x": how messages name a version's series.
std::string series_name(const GoVersion& version);

struct Currency {
    GoVersion version;      // what was judged
    GoVersion latest_patch; // the newest of its series (itself when the list has none)
    GoVersion latest;       // the newest stable release (itself when the list has none)
    bool supported = true;
    // Behind the newest of its series (1.23rc1 once 1.23.0 is out), or on an unsupported series.
    bool outdated = false;
    bool behind() const { return version < latest_patch; }
};

Currency judge_currency(const std::vector<AvailableRelease>& releases, const GoVersion& version);

} // namespace gover
