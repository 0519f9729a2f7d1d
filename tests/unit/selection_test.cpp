// README "Which version runs", rule by rule, on real directory trees in a temp dir: GOVER_VERSION,
// the walk up for .tool-versions / .go-version, the global pin, and nothing. Cases marked
// asdf/goenv are written from those tools' documented behaviour: the same tree gives the same
// answer. (go.work/go.mod: selection_modules_test.cpp; the working directory:
// selection_cwd_test.cpp.)
#include <gtest/gtest.h>

#include <string>
#include <sys/stat.h>

#include "core/selection.hpp"
#include "support/selection_fixture.hpp"

namespace fs = std::filesystem;
using gover::ErrorCode;
using gover::PinSource;
using gover::SelectionEnv;
using gover::test::SelectionTest;
using Kind = gover::VersionRequest::Kind;

// --- 5: nothing --------------------------------------------------------------------------------

TEST_F(SelectionTest, NothingPinnedSaysHowToPin) {
    install("1.22.5");
    auto r = gover::select_version(env_at(project / "a"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::no_pin);
    EXPECT_NE(r.error().hint.find("gover use <spec>"), std::string::npos);
    EXPECT_NE(r.error().message.find((project / "a").string()), std::string::npos);
}

// --- 1: GOVER_VERSION --------------------------------------------------------------------------

TEST_F(SelectionTest, EnvVarBeatsEverything) {
    install("1.21.0");
    install("1.22.5");
    write(project / ".tool-versions", "golang 1.22.5\n");
    write(home / "global", "1.22.5\n");
    auto env = env_at(project);
    env.gover_version = "1.21.0";
    const auto s = ok(gover::select_version(env));
    EXPECT_EQ(version(s), "1.21.0");
    EXPECT_EQ(s.source.kind, PinSource::Kind::env_var);
    EXPECT_EQ(s.source.describe(), "GOVER_VERSION");
    EXPECT_EQ(s.source.phrase(), "set by GOVER_VERSION");
    EXPECT_EQ(s.source.line, 0);
    env.gover_version = " go1.21.0\t";
    EXPECT_EQ(version(ok(gover::select_version(env))), "1.21.0");
    env.gover_version = "system";
    EXPECT_TRUE(ok(gover::select_version(env)).is_system());
}

TEST_F(SelectionTest, EmptyEnvVarIsUnset) {
    install("1.22.5");
    write(project / ".go-version", "1.22.5\n");
    auto env = env_at(project);
    env.gover_version = "";
    EXPECT_EQ(ok(gover::select_version(env)).source.kind, PinSource::Kind::go_version);
}

TEST_F(SelectionTest, InvalidEnvVarIsAnError) {
    auto env = env_at(project);
    env.gover_version = "1.22.x";
    auto r = gover::select_version(env);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::bad_pin);
    EXPECT_EQ(r.error().message.rfind("GOVER_VERSION: ", 0), 0u);
}

// --- 2: the walk up ----------------------------------------------------------------------------

TEST_F(SelectionTest, WalksUpToTheNearestPin) {
    install("1.21.0");
    install("1.22.5");
    write(project / ".tool-versions", "nodejs 20\ngolang 1.21.0\n");
    const auto s = ok(gover::select_version(env_at(project / "a" / "b" / "c")));
    EXPECT_EQ(version(s), "1.21.0");
    EXPECT_EQ(s.source.kind, PinSource::Kind::tool_versions);
    EXPECT_EQ(s.source.describe(), (project / ".tool-versions").string() + ":2");
    EXPECT_EQ(s.source.phrase(), "set by " + (project / ".tool-versions").string() + ":2");

    write(project / "a" / ".tool-versions", "golang 1.22.5\n");
    EXPECT_EQ(version(ok(gover::select_version(env_at(project / "a" / "b" / "c")))), "1.22.5");
    EXPECT_EQ(version(ok(gover::select_version(env_at(project)))), "1.21.0");
}

TEST_F(SelectionTest, ToolVersionsBeforeGoVersionInOneDirectory) {
    install("1.21.0");
    install("1.22.5");
    write(project / "a" / ".go-version", "1.21.0\n");
    write(project / "a" / ".tool-versions", "golang 1.22.5\n");
    EXPECT_EQ(version(ok(gover::select_version(env_at(project / "a")))), "1.22.5");
}

// A nearer .go-version beats a farther .tool-versions: the nearest directory wins first.
TEST_F(SelectionTest, NearerGoVersionBeatsFartherToolVersions) {
    install("1.21.0");
    install("1.22.5");
    write(project / ".tool-versions", "golang 1.22.5\n");
    write(project / "a" / ".go-version", "1.21.0\n");
    const auto s = ok(gover::select_version(env_at(project / "a" / "b")));
    EXPECT_EQ(version(s), "1.21.0");
    EXPECT_EQ(s.source.kind, PinSource::Kind::go_version);
    EXPECT_EQ(s.source.describe(), (project / "a" / ".go-version").string() + ":1");
}

// asdf: a .tool-versions that does not name golang does not stop the search.
TEST_F(SelectionTest, AsdfToolVersionsWithoutGolangDoesNotStopTheWalk) {
    install("1.21.0");
    install("1.22.5");
    write(project / "a" / "b" / ".tool-versions", "nodejs 20.11.0\n");
    write(project / "a" / ".tool-versions", "golang\npython 3.12\n"); // no version: not a pin
    write(project / ".tool-versions", "golang 1.21.0\n");
    EXPECT_EQ(version(ok(gover::select_version(env_at(project / "a" / "b")))), "1.21.0");
    // ...but in the same directory a .go-version then counts (asdf's legacy version file).
    write(project / "a" / "b" / ".go-version", "1.22.5\n");
    EXPECT_EQ(version(ok(gover::select_version(env_at(project / "a" / "b")))), "1.22.5");
}

// asdf: `golang 1.22.5 1.21.0` uses the first installed version.
TEST_F(SelectionTest, AsdfFallbacksFirstInstalledWins) {
    write(project / ".tool-versions", "golang 1.22.5 1.21.0 1.20\n");
    install("1.21.0");
    install("1.20");
    auto s = ok(gover::select_version(env_at(project)));
    EXPECT_EQ(version(s), "1.21.0");
    EXPECT_EQ(s.request.version.str(), "1.21.0");
    EXPECT_EQ(s.candidates.size(), 3u);
    install("1.22.5");
    EXPECT_EQ(version(ok(gover::select_version(env_at(project)))), "1.22.5");
}

TEST_F(SelectionTest, AsdfFallbacksNoneInstalledPinsTheFirst) {
    write(project / ".tool-versions", "golang 1.22.5 1.21.0\n");
    const auto s = ok(gover::select_version(env_at(project)));
    EXPECT_FALSE(s.version);
    EXPECT_FALSE(s.runnable());
    EXPECT_EQ(s.request.version.str(), "1.22.5");
    EXPECT_EQ(s.version_text(), "1.22.5");
    EXPECT_EQ(s.install_command(), "gover install 1.22.5");
    const auto e = s.not_installed_error();
    EXPECT_EQ(e.code, ErrorCode::not_installed);
    EXPECT_EQ(e.message, "Go 1.22.5 (or a fallback: 1.21.0), set by " +
                             (project / ".tool-versions").string() + ":1, is not installed");
    EXPECT_EQ(e.hint, "run 'gover install 1.22.5'");
}

// asdf: `system` in the list is the Go on PATH.
TEST_F(SelectionTest, AsdfSystemFallback) {
    write(project / ".tool-versions", "golang 1.22.5 system\n");
    const auto s = ok(gover::select_version(env_at(project)));
    EXPECT_TRUE(s.is_system());
    EXPECT_TRUE(s.runnable());
    EXPECT_EQ(s.version_text(), "system");
}

// goenv: the nearest .go-version, its first word.
TEST_F(SelectionTest, GoenvNearestGoVersion) {
    install("1.21.0");
    install("1.22.5");
    write(project / ".go-version", "# team pin\n1.21.0\n");
    write(project / "a" / "b" / ".go-version", "1.22.5\n");
    EXPECT_EQ(version(ok(gover::select_version(env_at(project / "a")))), "1.21.0");
    EXPECT_EQ(ok(gover::select_version(env_at(project / "a"))).source.line, 2);
    EXPECT_EQ(version(ok(gover::select_version(env_at(project / "a" / "b" / "c")))), "1.22.5");
}

// A pin is exact: 1.20.1 never means 1.20.14; a language version is the newest installed.
TEST_F(SelectionTest, ExactPinsAndLanguageVersions) {
    install("1.20.14");
    install("1.22.1");
    install("1.22.10");
    install("1.23.0");
    write(project / ".go-version", "1.20.1\n");
    auto s = ok(gover::select_version(env_at(project)));
    EXPECT_FALSE(s.version);
    EXPECT_EQ(s.install_command(), "gover install 1.20.1");

    write(project / ".go-version", "1.22\n");
    s = ok(gover::select_version(env_at(project)));
    EXPECT_EQ(version(s), "1.22.10");
    EXPECT_EQ(s.request.kind, Kind::series);

    write(project / ".go-version", "1.21\n");
    s = ok(gover::select_version(env_at(project)));
    EXPECT_FALSE(s.version);
    EXPECT_EQ(s.version_text(), "1.21");
    EXPECT_EQ(s.install_command(), "gover install 1.21");
    EXPECT_EQ(s.not_installed_error().message.rfind("Go 1.21.x, set by ", 0), 0u);
}

// go.dev names go1.20 without ".0"; the pins 1.20, 1.20.0 and go1.20 all find versions/1.20.
TEST_F(SelectionTest, PreGo121ReleaseNames) {
    install("1.20");
    for (const char* pin : {"1.20", "1.20.0", "go1.20"}) {
        write(project / ".go-version", std::string(pin) + "\n");
        EXPECT_EQ(version(ok(gover::select_version(env_at(project)))), "1.20") << pin;
    }
    fs::remove_all(home / "versions" / "1.20");
    write(project / ".go-version", "1.20\n");
    // Spec 1.20 would be the newest 1.20.x; the go1.20 release is spec 1.20.0.
    EXPECT_EQ(ok(gover::select_version(env_at(project))).install_command(), "gover install 1.20.0");
}

TEST_F(SelectionTest, BadPinFileIsAnErrorAndStopsTheWalk) {
    install("1.22.5");
    write(home / "global", "1.22.5\n");
    write(project / "a" / ".tool-versions", "golang 1.22.5.1\n");
    auto r = gover::select_version(env_at(project / "a" / "b"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::bad_pin);
    EXPECT_EQ(r.error().message.rfind((project / "a" / ".tool-versions").string() + ":1: ", 0), 0u);

    write(project / "a" / ".tool-versions", "");
    write(project / "a" / ".go-version", "\n\n");
    r = gover::select_version(env_at(project / "a"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              (project / "a" / ".go-version").string() + ":1: holds no Go version");
}

// A directory, FIFO or dangling link named like a pin file is not one; the walk goes on.
TEST_F(SelectionTest, NonRegularPinFilesAreSkipped) {
    install("1.21.0");
    write(project / ".tool-versions", "golang 1.21.0\n");
    fs::create_directories(project / "a" / ".tool-versions");
    ASSERT_EQ(::mkfifo((project / "a" / "b" / ".tool-versions").c_str(), 0644), 0);
    ASSERT_EQ(::mkfifo((project / "a" / "b" / ".go-version").c_str(), 0644), 0);
    fs::create_symlink(project / "nowhere", project / "a" / "b" / "c" / ".go-version");
    const auto s = ok(gover::select_version(env_at(project / "a" / "b" / "c")));
    EXPECT_EQ(s.source.path, (project / ".tool-versions").string());
}

TEST_F(SelectionTest, SymlinkLoopAndHugeFilesAreErrorsNamingThePath) {
    fs::create_symlink(project / "a" / ".go-version", project / "a" / ".tool-versions");
    fs::create_symlink(project / "a" / ".tool-versions", project / "a" / ".go-version");
    auto r = gover::select_version(env_at(project / "a"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::io);
    EXPECT_NE(r.error().message.find((project / "a" / ".tool-versions").string()),
              std::string::npos);

    write(project / "a" / "b" / ".tool-versions", std::string(10 * 1024 * 1024, 'g'));
    r = gover::select_version(env_at(project / "a" / "b"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, (project / "a" / "b" / ".tool-versions").string() +
                                     " is larger than 64 KiB: not a version file");
}

// --- 3: global ---------------------------------------------------------------------------------

TEST_F(SelectionTest, GlobalWhenNothingLocal) {
    install("1.22.5");
    write(project / "a" / ".tool-versions", "nodejs 20\n");
    write(home / "global", "1.22.5\n");
    const auto s = ok(gover::select_version(env_at(project / "a")));
    EXPECT_EQ(version(s), "1.22.5");
    EXPECT_EQ(s.source.kind, PinSource::Kind::global);
    EXPECT_EQ(s.source.describe(), (home / "global").string()); // the whole file: no line
    EXPECT_EQ(s.source.line, 1);
}

// A global pin or a parent .tool-versions is never ignored because the project has a go.mod.
TEST_F(SelectionTest, PinsBeatModuleFiles) {
    install("1.21.0");
    install("1.23.0");
    write(project / "a" / "go.mod", "module m\ngo 1.23.0\n");
    write(home / "global", "1.21.0\n");
    EXPECT_EQ(ok(gover::select_version(env_at(project / "a"))).source.kind,
              PinSource::Kind::global);
    write(project / ".tool-versions", "golang 1.21.0\n");
    EXPECT_EQ(ok(gover::select_version(env_at(project / "a"))).source.kind,
              PinSource::Kind::tool_versions);
}

TEST_F(SelectionTest, EmptyGlobalIsAnError) {
    write(home / "global", "");
    auto r = gover::select_version(env_at(project));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, (home / "global").string() + ":1: holds no Go version");
}
