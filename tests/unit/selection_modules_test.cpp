// README "Which version runs" (step 4): go.work / go.mod minimums, only when nothing pins, found as
// cmd/go finds them; and the install command named for each kind of request.
#include <gtest/gtest.h>

#include <string>

#include "core/selection.hpp"
#include "support/selection_fixture.hpp"

namespace fs = std::filesystem;
using gover::ErrorCode;
using gover::PinSource;
using gover::SelectionEnv;
using gover::test::SelectionTest;
using Kind = gover::VersionRequest::Kind;

// --- 4: go.work / go.mod -----------------------------------------------------------------------

TEST_F(SelectionTest, GoModMinimumIsTheNewestInstalledMeetingIt) {
    for (const char* v : {"1.21.0", "1.22.3", "1.22.5", "1.23.1"}) {
        install(v);
    }
    write(project / "go.mod", "module example.com/p\n\ngo 1.22\n");
    const auto s = ok(gover::select_version(env_at(project / "a" / "b")));
    EXPECT_EQ(version(s), "1.23.1");
    EXPECT_EQ(s.request.kind, Kind::minimum);
    EXPECT_EQ(s.request.version.str(), "1.22.0");
    EXPECT_EQ(s.source.kind, PinSource::Kind::go_mod);
    EXPECT_EQ(s.source.phrase(), "required by " + (project / "go.mod").string() + ":3");
}

TEST_F(SelectionTest, GoModMinimumNotInstalled) {
    install("1.21.9");
    write(project / "go.mod", "module m\ngo 1.22\n");
    const auto s = ok(gover::select_version(env_at(project)));
    EXPECT_FALSE(s.version);
    EXPECT_EQ(s.version_text(), "1.22.0");
    EXPECT_EQ(s.install_command(), "gover install 1.22.0");
    EXPECT_EQ(s.not_installed_error().message, "Go 1.22.0 or newer, required by " +
                                                   (project / "go.mod").string() +
                                                   ":2, is not installed");
}

TEST_F(SelectionTest, GoModToolchainLine) {
    install("1.22.5");
    install("1.22.4");
    write(project / "go.mod", "module m\ngo 1.21.0\ntoolchain go1.22.5\n");
    auto s = ok(gover::select_version(env_at(project)));
    EXPECT_EQ(version(s), "1.22.5");
    EXPECT_EQ(s.source.line, 3);
    install("1.23.0"); // newer still meets the minimum
    EXPECT_EQ(version(ok(gover::select_version(env_at(project)))), "1.23.0");
}

// Stable releases first; a pre-release only when it is all that meets the minimum.
TEST_F(SelectionTest, GoModPrefersStableReleases) {
    install("1.23rc1");
    write(project / "go.mod", "go 1.22.0\n");
    EXPECT_EQ(version(ok(gover::select_version(env_at(project)))), "1.23rc1");
    install("1.22.5");
    EXPECT_EQ(version(ok(gover::select_version(env_at(project)))), "1.22.5");
}

TEST_F(SelectionTest, GoModWithoutGoLineIsGo116) {
    install("1.19.8");
    write(project / "go.mod", "module m\n");
    const auto s = ok(gover::select_version(env_at(project)));
    EXPECT_EQ(version(s), "1.19.8");
    EXPECT_EQ(s.source.describe(), (project / "go.mod").string());
}

// cmd/go: the nearest go.work walking up, even above a nearer go.mod.
TEST_F(SelectionTest, GoWorkBeatsGoMod) {
    install("1.21.0");
    install("1.22.0");
    write(project / "go.work", "go 1.22.0\nuse ./a\n");
    write(project / "a" / "go.mod", "module m\ngo 1.21.0\n");
    auto s = ok(gover::select_version(env_at(project / "a" / "b")));
    EXPECT_EQ(s.source.kind, PinSource::Kind::go_work);
    EXPECT_EQ(version(s), "1.22.0");

    auto env = env_at(project / "a" / "b");
    env.gowork = "off";
    s = ok(gover::select_version(env));
    EXPECT_EQ(s.source.kind, PinSource::Kind::go_mod);
    EXPECT_EQ(s.request.version.str(), "1.21.0");
    EXPECT_EQ(version(s), "1.22.0"); // the newest installed meeting it

    env.gowork = "auto";
    EXPECT_EQ(ok(gover::select_version(env)).source.kind, PinSource::Kind::go_work);
}

TEST_F(SelectionTest, GoworkVariableNamesTheFile) {
    install("1.23.0");
    write(tmp / "elsewhere" / "team.work", "go 1.23.0\n");
    write(project / "go.work", "go 1.21.0\n");
    auto env = env_at(project);
    env.gowork = (tmp / "elsewhere" / "team.work").string();
    auto s = ok(gover::select_version(env));
    EXPECT_EQ(s.source.path, (tmp / "elsewhere" / "team.work").string());
    EXPECT_EQ(s.request.version.str(), "1.23.0");
    // A relative GOWORK is refused by cmd/go; gover walks for go.work instead.
    env.gowork = "team.work";
    EXPECT_EQ(ok(gover::select_version(env)).source.path, (project / "go.work").string());
}

TEST_F(SelectionTest, GoWorkWithoutVersionFallsBackToGoMod) {
    install("1.22.0");
    write(project / "go.work", "use ./a\n");
    write(project / "a" / "go.mod", "module m\ngo 1.22.0\n");
    EXPECT_EQ(ok(gover::select_version(env_at(project / "a"))).source.kind,
              PinSource::Kind::go_mod);
}

TEST_F(SelectionTest, InvalidGoModIsAnError) {
    write(project / "go.mod", "module m\ngo one.two\n");
    auto r = gover::select_version(env_at(project / "a"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::bad_pin);
    EXPECT_EQ(r.error().message.rfind((project / "go.mod").string() + ":2: ", 0), 0u);
}

TEST_F(SelectionTest, FindModuleMinimumEvenWhenPinned) {
    write(project / ".tool-versions", "golang 1.21.0\n");
    write(project / "go.mod", "go 1.23.0\n");
    auto m = gover::find_module_minimum(env_at(project));
    ASSERT_TRUE(m && *m);
    EXPECT_EQ((*m)->requirement.minimum.str(), "1.23.0");
    EXPECT_EQ((*m)->source.kind, PinSource::Kind::go_mod);
}

TEST(InstallSpec, NamesWhatToInstall) {
    auto spec = [](Kind kind, const char* v) {
        return gover::install_spec(gover::VersionRequest{kind, *gover::GoVersion::parse(v)});
    };
    EXPECT_EQ(spec(Kind::exact, "1.22.5"), "1.22.5");
    EXPECT_EQ(spec(Kind::exact, "1.20"), "1.20.0");
    EXPECT_EQ(spec(Kind::exact, "1.9"), "1.9.0");
    EXPECT_EQ(spec(Kind::exact, "1.21rc1"), "1.21rc1");
    EXPECT_EQ(spec(Kind::exact, "1.9.2rc2"), "1.9.2rc2");
    EXPECT_EQ(spec(Kind::series, "1.22"), "1.22");
    EXPECT_EQ(spec(Kind::minimum, "1.22.0"), "1.22.0");
    EXPECT_EQ(spec(Kind::minimum, "1.16"), "1.16.0");
    // Each spec reads back as a request that the named version satisfies.
    for (const char* v : {"1.22.5", "1.20", "1.21rc1"}) {
        auto request = gover::parse_spec(spec(Kind::exact, v));
        ASSERT_TRUE(request) << v;
        EXPECT_TRUE(gover::matches(*request, *gover::GoVersion::parse(v))) << v;
    }
}
