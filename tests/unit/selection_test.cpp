// Contract §3, rule by rule, on real directory trees in a temp dir: GOVER_VERSION, the walk up
// for .tool-versions / .go-version, the global pin, go.work / go.mod minimums, and what happens
// with broken files, deleted and very deep working directories. Cases marked asdf/goenv are
// written from those tools' documented behaviour: the same tree gives the same answer.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "core/selection.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using gover::ErrorCode;
using gover::PinSource;
using gover::Selection;
using gover::SelectionEnv;
using Kind = gover::VersionRequest::Kind;

namespace {

class SelectionTest : public ::testing::Test {
  protected:
    gover::test::TempDir tmp;
    fs::path home = tmp / "home";
    gover::Layout layout{home};
    fs::path project = tmp / "p";

    void SetUp() override { fs::create_directories(project / "a" / "b" / "c"); }

    void install(const std::string& version) {
        fs::create_directories(home / "versions" / version / "bin");
        std::ofstream(home / "versions" / version / "bin" / "go") << "#!/bin/sh\n";
    }

    static void write(const fs::path& path, const std::string& text) {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
    }

    SelectionEnv env_at(const fs::path& cwd) const {
        return SelectionEnv{layout, std::nullopt, std::nullopt, cwd.string()};
    }

    static Selection ok(const gover::Result<Selection>& r) {
        EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
        return r ? *r : Selection{};
    }

    static std::string version(const Selection& s) { return s.version ? s.version->str() : "-"; }
};

} // namespace

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
    EXPECT_EQ(r.error().message, (project / "a" / ".go-version").string() + ":1: holds no Go version");
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
    EXPECT_NE(r.error().message.find((project / "a" / ".tool-versions").string()), std::string::npos);

    write(project / "a" / "b" / ".tool-versions", std::string(10 * 1024 * 1024, 'g'));
    r = gover::select_version(env_at(project / "a" / "b"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              (project / "a" / "b" / ".tool-versions").string() + " is larger than 64 KiB: not a version file");
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
    EXPECT_EQ(ok(gover::select_version(env_at(project / "a"))).source.kind, PinSource::Kind::global);
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
    EXPECT_EQ(s.not_installed_error().message,
              "Go 1.22.0 or newer, required by " + (project / "go.mod").string() + ":2, is not installed");
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
    EXPECT_EQ(ok(gover::select_version(env_at(project / "a"))).source.kind, PinSource::Kind::go_mod);
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

// --- the working directory ---------------------------------------------------------------------

class CwdGuard {
  public:
    CwdGuard() : saved_(fs::current_path()) {
        if (const char* pwd = std::getenv("PWD")) {
            pwd_ = pwd;
        }
    }
    ~CwdGuard() {
        fs::current_path(saved_);
        if (pwd_) {
            ::setenv("PWD", pwd_->c_str(), 1);
        } else {
            ::unsetenv("PWD");
        }
    }

  private:
    fs::path saved_;
    std::optional<std::string> pwd_;
};

TEST_F(SelectionTest, DeletedCwdSkipsTheWalkDeterministically) {
    install("1.22.5");
    write(project / ".tool-versions", "golang 1.22.5\n");
    CwdGuard guard;
    fs::create_directories(project / "doomed");
    fs::current_path(project / "doomed");
    ::setenv("PWD", (project / "doomed").c_str(), 1);
    fs::remove(project / "doomed");
    EXPECT_FALSE(gover::current_directory());
    const auto env = SelectionEnv::from_process(layout);
    EXPECT_FALSE(env.cwd);
    auto r = gover::select_version(env);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::no_pin);
    write(home / "global", "1.22.5\n");
    EXPECT_EQ(ok(gover::select_version(env)).source.kind, PinSource::Kind::global);
}

// Like asdf, goenv and cmd/go (os.Getwd), the walk follows $PWD's logical path through links.
TEST_F(SelectionTest, WalksTheLogicalPathOfPwd) {
    install("1.21.0");
    install("1.22.5");
    write(tmp / "real" / ".tool-versions", "golang 1.21.0\n");
    fs::create_directories(tmp / "real" / "work");
    write(project / ".tool-versions", "golang 1.22.5\n");
    fs::create_directory_symlink(tmp / "real" / "work", project / "link");
    CwdGuard guard;
    fs::current_path(project / "link");
    ::setenv("PWD", (project / "link").c_str(), 1);
    EXPECT_EQ(gover::current_directory(), (project / "link").string());
    EXPECT_EQ(version(ok(gover::select_version(SelectionEnv::from_process(layout)))), "1.22.5");
    // A stale $PWD (another directory) is not trusted: the physical path is used.
    ::setenv("PWD", project.c_str(), 1);
    EXPECT_EQ(version(ok(gover::select_version(SelectionEnv::from_process(layout)))), "1.21.0");
}

namespace {

// Makes `depth` nested directories named `name` below `base` with *at calls (the full path may
// be longer than PATH_MAX) and chdirs into the deepest; remove_deep undoes it.
void make_deep(const fs::path& base, int depth, const std::string& name) {
    fs::current_path(base);
    for (int i = 0; i < depth; ++i) {
        ASSERT_EQ(::mkdir(name.c_str(), 0755), 0) << i << ": " << std::strerror(errno);
        ASSERT_EQ(::chdir(name.c_str()), 0);
    }
}

void remove_deep(const fs::path& base, int depth, const std::string& name) {
    for (int i = depth; i > 0; --i) {
        fs::current_path(base);
        for (int j = 1; j < i; ++j) {
            ASSERT_EQ(::chdir(name.c_str()), 0);
        }
        ASSERT_EQ(::rmdir(name.c_str()), 0);
    }
}

} // namespace

TEST_F(SelectionTest, ThousandNestedDirectories) {
    install("1.22.5");
    write(project / ".tool-versions", "golang 1.22.5\n");
    CwdGuard guard;
    ::unsetenv("PWD");
    make_deep(project, 1000, "d");
    auto env = SelectionEnv::from_process(layout);
    ASSERT_TRUE(env.cwd);
    auto s = ok(gover::select_version(env));
    EXPECT_EQ(s.source.path, (project / ".tool-versions").string());
    remove_deep(project, 1000, "d");
}

// Deeper than PATH_MAX: the deep levels cannot be opened by name and are skipped; the walk still
// reaches the pin above them, and nothing hangs or crashes.
TEST_F(SelectionTest, DeeperThanPathMax) {
    install("1.22.5");
    write(project / ".tool-versions", "golang 1.22.5\n");
    CwdGuard guard;
    ::unsetenv("PWD");
    make_deep(project, 1000, "dddddddd");
    auto env = SelectionEnv::from_process(layout);
    ASSERT_TRUE(env.cwd);
    EXPECT_GT(env.cwd->size(), 4096u);
    auto s = ok(gover::select_version(env));
    EXPECT_EQ(s.source.path, (project / ".tool-versions").string());
    remove_deep(project, 1000, "dddddddd");
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
