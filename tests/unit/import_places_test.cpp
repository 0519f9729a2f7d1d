// Where `gover import` looks (import/import_places.hpp), the roots it takes from the environment,
// module-cache directory names, and the release a VERSION file names (import/toolchain_tree.hpp).
#include "gover/import/import_places.hpp"

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "gover/import/toolchain_tree.hpp"
#include "support/binary_headers.hpp"
#include "support/env_fake.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace gover {
namespace {

using test::env_of;

TEST(ImportRoots, DefaultsFollowHomeAndGo) {
    const auto roots = ImportRoots::from_env(env_of({{"HOME", "/h"}, {"GOENV", "off"}}), false);
    EXPECT_EQ(roots.home, "/h");
    EXPECT_EQ(roots.gomodcache, "/h/go/pkg/mod");
    EXPECT_EQ(roots.system, "/");
    EXPECT_EQ(roots.goenv_root, "/h/.goenv");
    EXPECT_EQ(roots.asdf_data, "/h/.asdf");
    EXPECT_EQ(roots.mise_data, "/h/.local/share/mise");
}

TEST(ImportRoots, EachManagersOwnVariableWinsAndRelativeValuesAreIgnored) {
    const auto roots = ImportRoots::from_env(env_of({{"HOME", "/h"},
                                                     {"GOENV", "off"},
                                                     {"GOPATH", "/gp:/other"},
                                                     {"GOVER_IMPORT_ROOT", "/mnt/old"},
                                                     {"GOENV_ROOT", "/g"},
                                                     {"ASDF_DATA_DIR", "relative"},
                                                     {"XDG_DATA_HOME", "/x"}}),
                                             false);
    EXPECT_EQ(roots.gomodcache, "/gp/pkg/mod"); // the first GOPATH entry
    EXPECT_EQ(roots.system, "/mnt/old");
    EXPECT_EQ(roots.goenv_root, "/g");
    EXPECT_EQ(roots.asdf_data, "/h/.asdf");
    EXPECT_EQ(roots.mise_data, "/x/mise");
    EXPECT_EQ(
        ImportRoots::from_env(env_of({{"HOME", "/h"}, {"MISE_DATA_DIR", "/m"}}), false).mise_data,
        "/m");
}

TEST(ImportRoots, GomodcacheFromTheEnvironmentOrTheGoEnvFile) {
    test::TempDir dir;
    test::write_file(dir / "env", "GOMODCACHE=/from/file\n");
    const auto file = (dir / "env").string();
    EXPECT_EQ(ImportRoots::from_env(env_of({{"HOME", "/h"}, {"GOENV", file}}), false).gomodcache,
              "/from/file");
    EXPECT_EQ(ImportRoots::from_env(
                  env_of({{"HOME", "/h"}, {"GOENV", file}, {"GOMODCACHE", "/from/env"}}), false)
                  .gomodcache,
              "/from/env");
}

TEST(ImportRoots, NoHomeMeansNoHomePlaces) {
    const auto roots = ImportRoots::from_env(env_of({{"GOENV", "off"}}), false);
    EXPECT_TRUE(roots.home.empty());
    EXPECT_TRUE(roots.goenv_root.empty());
    EXPECT_TRUE(roots.mise_data.empty());
}

// Every place of the table, plus things that must not be found.
TEST(ImportPlaces, ScansEveryPlaceInTableOrderOnceEach) {
    test::TempDir dir;
    ImportRoots roots;
    roots.home = dir / "home";
    roots.gomodcache = dir / "modcache";
    roots.system = dir / "sys";
    roots.goenv_root = dir / "home/.goenv";
    roots.asdf_data = dir / "home/.asdf";
    roots.mise_data = dir / "home/.local/share/mise";
    for (const char* sub :
         {"modcache/golang.org/toolchain@v0.0.1-go1.22.5.linux-amd64",
          "modcache/golang.org/x/mod@v0.14.0", "home/sdk/go1.21.0", "home/sdk/go1.20.14",
          "home/sdk/other", "sys/usr/local/go", "sys/opt/homebrew/Cellar/go/1.22.1/libexec",
          "sys/opt/homebrew/Cellar/go@1.21/1.21.9/libexec",
          "sys/usr/local/Cellar/go/1.21.3/libexec", "home/.goenv/versions/1.20.1",
          "home/.asdf/installs/golang/1.19.13/go", "home/.local/share/mise/installs/go/1.23.0"}) {
        fs::create_directories(dir / sub);
    }
    test::write_file(dir / "home/sdk/go1.19.zip", "not a directory");
    fs::create_directory_symlink("1.23.0", dir / "home/.local/share/mise/installs/go/latest");
    std::vector<std::string> got;
    for (const auto& c : scan_import_places(roots)) {
        got.push_back(fs::relative(c.path, dir.path()).string() +
                      (c.kind == ImportKind::module_cache ? " verified" : ""));
    }
    const std::vector<std::string> want = {
        "modcache/golang.org/toolchain@v0.0.1-go1.22.5.linux-amd64 verified",
        "home/sdk/go1.20.14",
        "home/sdk/go1.21.0",
        "sys/usr/local/go",
        "sys/opt/homebrew/Cellar/go/1.22.1/libexec",
        "sys/opt/homebrew/Cellar/go@1.21/1.21.9/libexec",
        "sys/usr/local/Cellar/go/1.21.3/libexec",
        "home/.goenv/versions/1.20.1",
        "home/.asdf/installs/golang/1.19.13/go",
        "home/.local/share/mise/installs/go/1.23.0", // "latest" is the same directory
    };
    EXPECT_EQ(got, want);
}

TEST(ImportPlaces, EmptyRootsAreNotLookedAt) {
    ImportRoots roots;
    roots.system.clear();
    EXPECT_TRUE(scan_import_places(roots).empty());
}

TEST(ImportPlaces, ModuleCacheNames) {
    auto name = module_cache_name("/m/golang.org/toolchain@v0.0.1-go1.22.5.linux-amd64");
    ASSERT_TRUE(name);
    EXPECT_EQ(name->module_version, "v0.0.1-go1.22.5.linux-amd64");
    EXPECT_EQ(name->version.str(), "1.22.5");
    EXPECT_EQ(name->platform.str(), "linux-amd64");
    name = module_cache_name("golang.org/toolchain@v0.0.1-go1.23rc1.darwin-arm64/");
    ASSERT_TRUE(name);
    EXPECT_EQ(name->version.str(), "1.23rc1");
    EXPECT_EQ(name->platform.str(), "darwin-arm64");
    for (const char* bad : {"/m/example.org/toolchain@v0.0.1-go1.22.5.linux-amd64",
                            "/m/golang.org/toolchain@v0.0.2-go1.22.5.linux-amd64",
                            "/m/golang.org/toolchain@v0.0.1-go1.22.5", "/sdk/go1.22.5",
                            "/m/golang.org/toolchain@v0.0.1-go1.22.linux-amd64",
                            "/m/golang.org/toolchain@v0.0.1-go01.22.5.linux-amd64"}) {
        EXPECT_FALSE(module_cache_name(bad)) << bad;
    }
    EXPECT_EQ(candidate_for_path("/m/golang.org/toolchain@v0.0.1-go1.22.5.linux-amd64").kind,
              ImportKind::module_cache);
    EXPECT_EQ(candidate_for_path("/home/u/sdk/go1.22.5").kind, ImportKind::tree);
}

TEST(ImportTree, TheReleaseAVersionFileNames) {
    EXPECT_EQ(release_from_version_text("go1.21.0\ntime 2023-08-08T19:14:57Z\n")->str(), "1.21.0");
    EXPECT_EQ(release_from_version_text("go1.20")->str(), "1.20");
    EXPECT_EQ(release_from_version_text("go1.23rc1\r\n")->str(), "1.23rc1");
    EXPECT_EQ(release_from_version_text("").error().code, ErrorCode::not_found);
    EXPECT_EQ(release_from_version_text("\nsecond line").error().code, ErrorCode::not_found);
    for (const char* bad :
         {"devel go1.23-abcdef Mon Jan 1", "go1.22.5-bigcorp", "1.22.5", "go1.22", "go", "goat"}) {
        const auto got = release_from_version_text(bad);
        ASSERT_FALSE(got) << bad;
        EXPECT_EQ(got.error().code, ErrorCode::usage) << bad;
        EXPECT_NE(got.error().message.find("not a Go release"), std::string::npos) << bad;
    }
}

TEST(ImportTree, WhetherBinGoRunsHere) {
    test::TempDir dir;
    const Platform linux_amd64{"linux", "amd64"};
    EXPECT_EQ(check_tree_go(dir.path(), linux_amd64, true).error().message, "no bin/go");
    test::write_file(dir / "bin/go", test::elf_binary(test::k_elf_x86_64), false);
    EXPECT_EQ(check_tree_go(dir.path(), linux_amd64, true).error().message,
              "bin/go is not executable");
    EXPECT_TRUE(check_tree_go(dir.path(), linux_amd64, false)); // a module cache's 0444 file
    fs::permissions(dir / "bin/go", fs::perms::owner_exec, fs::perm_options::add);
    EXPECT_TRUE(check_tree_go(dir.path(), linux_amd64, true));
    EXPECT_EQ(check_tree_go(dir.path(), Platform{"linux", "arm64"}, true).error().message,
              "bin/go is for linux/amd64, not this machine's linux/arm64");
    test::write_file(dir / "bin/go", test::elf_binary(test::k_elf_aarch64), true);
    EXPECT_EQ(check_tree_go(dir.path(), linux_amd64, true).error().message,
              "bin/go is for linux/arm64, not this machine's linux/amd64");
    test::write_file(dir / "bin/go", "#!/bin/sh\necho go\n", true);
    EXPECT_TRUE(check_tree_go(dir.path(), linux_amd64, true));
    test::write_file(dir / "bin/go", "plain text", true);
    EXPECT_EQ(check_tree_go(dir.path(), linux_amd64, true).error().message,
              "bin/go is not a program this machine runs");
}

} // namespace
} // namespace gover
