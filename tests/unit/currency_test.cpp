// currency.cpp: the newest patch of a series, the newest stable release, Go's support window
// (the two newest major releases) and what counts as outdated.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gover/currency/currency.hpp"
#include "support/version_literal.hpp"

namespace gover {
namespace {

using test::v;

// A list as a source gives it; `stable` as the index says (an rc is never stable here).
std::vector<AvailableRelease> list(std::initializer_list<const char*> versions) {
    std::vector<AvailableRelease> out;
    for (const char* text : versions) {
        const GoVersion version = v(text);
        out.push_back(AvailableRelease{version, !version.is_prerelease(), {}});
    }
    return out;
}

const std::vector<AvailableRelease>& releases() {
    static const auto r =
        list({"1.26rc1", "1.25.1", "1.25.0", "1.25rc2", "1.24.7", "1.24.6", "1.23.12", "1.23.0",
              "1.23rc1", "1.22.7", "1.22.5", "1.20", "1.20.1"});
    return r;
}

TEST(Currency, NewestPatchOfASeries) {
    EXPECT_EQ(newest_in_series(releases(), v("1.22.5"))->str(), "1.22.7");
    EXPECT_EQ(newest_in_series(releases(), v("1.22"))->str(), "1.22.7");
    EXPECT_EQ(newest_in_series(releases(), v("1.23rc1"))->str(), "1.23.12");
    EXPECT_EQ(newest_in_series(releases(), v("1.20"))->str(), "1.20.1");
    // A series with only pre-releases: the newest of those; none at all: nothing.
    EXPECT_EQ(newest_in_series(releases(), v("1.26rc1"))->str(), "1.26rc1");
    EXPECT_FALSE(newest_in_series(releases(), v("1.19.3")));
}

TEST(Currency, NewestStableIgnoresPreReleasesEvenWhenMarkedStable) {
    auto r = releases();
    r.front().stable = true; // an index that calls 1.26rc1 stable
    EXPECT_EQ(newest_stable(r)->str(), "1.25.1");
    EXPECT_FALSE(newest_stable(list({"1.23rc1"})));
}

TEST(Currency, TheTwoNewestMajorReleasesAreSupported) {
    EXPECT_TRUE(series_supported(releases(), v("1.25.0")));
    EXPECT_TRUE(series_supported(releases(), v("1.24.6")));
    EXPECT_TRUE(series_supported(releases(), v("1.24")));
    EXPECT_FALSE(series_supported(releases(), v("1.23.12")));
    EXPECT_FALSE(series_supported(releases(), v("1.20")));
    // The next series, before its release, is not behind anything.
    EXPECT_TRUE(series_supported(releases(), v("1.26rc1")));
    // Once 1.25.0 is out, 1.23 leaves the window: the window follows the list.
    EXPECT_TRUE(series_supported(list({"1.24.1", "1.23.4", "1.25rc1"}), v("1.23.4")));
    EXPECT_TRUE(series_supported({}, v("1.10")));
}

TEST(Currency, JudgesBehindUnsupportedAndCurrent) {
    const Currency behind = judge_currency(releases(), v("1.24.6"));
    EXPECT_EQ(behind.latest_patch.str(), "1.24.7");
    EXPECT_EQ(behind.latest.str(), "1.25.1");
    EXPECT_TRUE(behind.supported);
    EXPECT_TRUE(behind.outdated);

    const Currency current = judge_currency(releases(), v("1.25.1"));
    EXPECT_FALSE(current.behind());
    EXPECT_FALSE(current.outdated);

    const Currency old = judge_currency(releases(), v("1.22.7"));
    EXPECT_FALSE(old.behind());
    EXPECT_FALSE(old.supported);
    EXPECT_TRUE(old.outdated);
}

TEST(Currency, APreReleaseIsOutdatedOnceItsReleaseIsOut) {
    EXPECT_TRUE(judge_currency(releases(), v("1.23rc1")).outdated);
    EXPECT_EQ(judge_currency(releases(), v("1.23rc1")).latest_patch.str(), "1.23.12");
    EXPECT_TRUE(judge_currency(releases(), v("1.25rc2")).behind());
    const Currency next = judge_currency(releases(), v("1.26rc1"));
    EXPECT_FALSE(next.outdated);
}

TEST(Currency, AVersionTheListDoesNotHaveIsItsOwnNewest) {
    const Currency unknown = judge_currency(releases(), v("1.27.0"));
    EXPECT_EQ(unknown.latest_patch.str(), "1.27.0");
    EXPECT_FALSE(unknown.outdated);
    EXPECT_EQ(series_name(v("1.22.5")), "1.22.x");
    EXPECT_EQ(series_name(v("1.23rc1")), "1.23.x");
}

} // namespace
} // namespace gover
