// pin_upgrade.cpp and upgrade_plan.cpp: the in-place edit `gover upgrade` makes (every other byte
// kept, fallbacks too) and what it decides for each kind of pin.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gover/currency/upgrade_plan.hpp"
#include "gover/store/pin_upgrade.hpp"
#include "support/version_literal.hpp"

namespace gover {
namespace {

using test::v;

std::string edited(std::string_view text, int line, bool tool_versions, std::string_view from,
                   std::string_view to) {
    auto out = replace_pin_version(text, "/p/pin", line, tool_versions, v(from), to);
    return out ? *out : "error: " + out.error().message;
}

TEST(PinUpgrade, ReplacesTheFirstVersionAndKeepsFallbacksAndEveryOtherByte) {
    EXPECT_EQ(edited("golang 1.22.5 1.21.0\n", 1, true, "1.22.5", "1.22.7"),
              "golang 1.22.7 1.21.0\n");
    const std::string crlf =
        "\xEF\xBB\xBF# tools\r\nnodejs 20.1.0\r\n\tgo  1.22.5\t1.21.0 # ci\r\n";
    EXPECT_EQ(edited(crlf, 3, true, "1.22.5", "1.22.10"),
              "\xEF\xBB\xBF# tools\r\nnodejs 20.1.0\r\n\tgo  1.22.10\t1.21.0 # ci\r\n");
    EXPECT_EQ(edited("# pinned\r\n1.23rc1 # try\r\n", 2, false, "1.23rc1", "1.23.4"),
              "# pinned\r\n1.23.4 # try\r\n");
    EXPECT_EQ(edited("1.22.5", 1, false, "1.22.5", "1.22.7"), "1.22.7");
}

TEST(PinUpgrade, AFileThatChangedSinceItWasReadIsNotEdited) {
    EXPECT_EQ(edited("golang 1.22.6\n", 1, true, "1.22.5", "1.22.7"),
              "error: /p/pin:1: now says 1.22.6, not 1.22.5");
    EXPECT_EQ(edited("golang\n", 1, true, "1.22.5", "1.22.7"),
              "error: /p/pin:1: no longer holds a Go version");
    EXPECT_EQ(edited("1.22.5\n", 2, false, "1.22.5", "1.22.7"),
              "error: /p/pin:2: no such line any more");
}

std::vector<AvailableRelease> releases() {
    std::vector<AvailableRelease> out;
    for (const char* text :
         {"1.25.1", "1.25.0", "1.24.7", "1.23.0", "1.23rc1", "1.22.7", "1.22.5"}) {
        out.push_back(AvailableRelease{v(text), !v(text).is_prerelease(), {}});
    }
    return out;
}

Selection pin(PinSource::Kind kind, VersionRequest::Kind request, std::string_view version,
              std::optional<std::string_view> installed = std::nullopt) {
    Selection s;
    s.request = VersionRequest{request, v(version)};
    s.candidates = {s.request};
    s.source = PinSource{kind, "/p/pin", 1};
    if (installed) {
        s.version = v(*installed);
    }
    return s;
}

using Edit = UpgradePlan::Edit;
using K = PinSource::Kind;
using R = VersionRequest::Kind;

TEST(UpgradePlan, ExactPinsMoveToTheNewestOfTheirSeriesOrTheNewestStable) {
    auto plan = plan_upgrade(pin(K::tool_versions, R::exact, "1.22.5"), releases(), false);
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->to.str(), "1.22.7");
    EXPECT_EQ(plan->edit, Edit::pin);
    EXPECT_FALSE(plan->current);
    EXPECT_EQ(plan_upgrade(pin(K::go_version, R::exact, "1.22.5"), releases(), true)->to.str(),
              "1.25.1");
    EXPECT_EQ(plan_upgrade(pin(K::global, R::exact, "1.23rc1"), releases(), false)->to.str(),
              "1.23.0");
    EXPECT_TRUE(plan_upgrade(pin(K::global, R::exact, "1.24.7"), releases(), false)->current);
    EXPECT_EQ(plan_upgrade(pin(K::env_var, R::exact, "1.24.7"), releases(), true)->edit,
              Edit::none_env_var);
}

TEST(UpgradePlan, FallbacksUpgradeTheFirstVersion) {
    Selection s = pin(K::tool_versions, R::exact, "1.21.0", "1.21.0");
    s.candidates = {VersionRequest{R::exact, v("1.22.5")}, s.request};
    auto plan = plan_upgrade(s, releases(), false);
    EXPECT_EQ(plan->from.str(), "1.22.5");
    EXPECT_EQ(plan->to.str(), "1.22.7");
}

TEST(UpgradePlan, AFirstLanguageVersionIsJudgedByItsOwnSeriesWhenAFallbackRuns) {
    // golang 1.22 1.21.0 with only 1.21.0 installed: install the newest 1.22.x, edit nothing.
    Selection s = pin(K::tool_versions, R::exact, "1.21.0", "1.21.0");
    s.candidates = {VersionRequest{R::series, v("1.22")}, s.request};
    auto plan = plan_upgrade(s, releases(), false);
    EXPECT_EQ(plan->edit, Edit::none_series);
    EXPECT_EQ(plan->to.str(), "1.22.7");
    EXPECT_FALSE(plan->current);
}

TEST(UpgradePlan, SeriesAndMinimumsAreNotEditedAndFollowWhatRuns) {
    auto series = plan_upgrade(pin(K::go_version, R::series, "1.22", "1.22.5"), releases(), true);
    EXPECT_EQ(series->edit, Edit::none_series);
    EXPECT_EQ(series->to.str(), "1.22.7"); // --latest does not leave a language version's series
    EXPECT_TRUE(
        plan_upgrade(pin(K::go_version, R::series, "1.22", "1.22.7"), releases(), false)->current);
    EXPECT_FALSE(plan_upgrade(pin(K::go_version, R::series, "1.22"), releases(), false)->current);
    auto module = plan_upgrade(pin(K::go_mod, R::minimum, "1.24.0"), releases(), false);
    EXPECT_EQ(module->edit, Edit::none_module);
    EXPECT_EQ(module->to.str(), "1.24.7");
    EXPECT_FALSE(module->current);
}

TEST(UpgradePlan, SystemAndUnknownSeriesAreErrors) {
    Selection s = pin(K::global, R::system, "1.22.5");
    EXPECT_EQ(plan_upgrade(s, releases(), false).error().code, ErrorCode::not_found);
    EXPECT_EQ(plan_upgrade(pin(K::global, R::exact, "1.19.2"), releases(), false).error().code,
              ErrorCode::not_found);
}

} // namespace
} // namespace gover
