// Where `go install` puts programs, worked out without running go (core/gobin.hpp): the
// directory `gover init` puts on PATH right after the shims.
#include "core/gobin.hpp"

#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "support/env_fake.hpp"
#include "support/temp_dir.hpp"

namespace gover {
namespace {

using test::env_of;

void write(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

TEST(GoEnvFile, FollowsGoenvXdgAndHome) {
    EXPECT_EQ(go_env_file(env_of({{"GOENV", "/etc/goenv"}, {"HOME", "/h"}}), false),
              std::filesystem::path("/etc/goenv"));
    EXPECT_EQ(go_env_file(env_of({{"GOENV", "off"}, {"HOME", "/h"}}), false), std::nullopt);
    EXPECT_EQ(go_env_file(env_of({{"XDG_CONFIG_HOME", "/x"}, {"HOME", "/h"}}), false),
              std::filesystem::path("/x/go/env"));
    EXPECT_EQ(go_env_file(env_of({{"HOME", "/h"}}), false),
              std::filesystem::path("/h/.config/go/env"));
    // Go refuses a relative XDG_CONFIG_HOME: there is no env file then.
    EXPECT_EQ(go_env_file(env_of({{"XDG_CONFIG_HOME", "rel"}, {"HOME", "/h"}}), false),
              std::nullopt);
    // macOS ignores XDG_CONFIG_HOME.
    EXPECT_EQ(go_env_file(env_of({{"XDG_CONFIG_HOME", "/x"}, {"HOME", "/h"}}), true),
              std::filesystem::path("/h/Library/Application Support/go/env"));
    EXPECT_EQ(go_env_file(env_of({}), false), std::nullopt);
}

TEST(GoEnvFile, ReadsKeyValueLinesLastWins) {
    test::TempDir dir;
    const auto file = dir / "env";
    write(file, "GOBINX=/no\n# GOBIN=/comment\nGOBIN=/first\nGOPROXY=direct\nGOBIN=/last\n");
    EXPECT_EQ(read_go_env_value(file, "GOBIN"), "/last");
    EXPECT_EQ(read_go_env_value(file, "GOPROXY"), "direct");
    EXPECT_EQ(read_go_env_value(file, "GOPATH"), std::nullopt);
    EXPECT_EQ(read_go_env_value(dir / "missing", "GOBIN"), std::nullopt);
}

TEST(GobinDir, EnvironmentThenFileThenGopathThenHome) {
    test::TempDir dir;
    const auto file = dir / "env";
    write(file, "GOBIN=/file/bin\nGOPATH=/file/gopath\n");
    const std::string goenv = file.string();

    EXPECT_EQ(gobin_dir(env_of({{"GOBIN", "/env/bin"}, {"GOENV", goenv}}), false), "/env/bin");
    EXPECT_EQ(gobin_dir(env_of({{"GOENV", goenv}, {"HOME", "/h"}}), false), "/file/bin");
    EXPECT_EQ(gobin_dir(env_of({{"GOPATH", "/a:/b"}, {"HOME", "/h"}}), false), "/a/bin");
    EXPECT_EQ(gobin_dir(env_of({{"HOME", "/h"}}), false), "/h/go/bin");
    EXPECT_EQ(gobin_dir(env_of({}), false), "");

    write(file, "GOPATH=/file/gopath\n");
    EXPECT_EQ(gobin_dir(env_of({{"GOENV", goenv}, {"HOME", "/h"}}), false), "/file/gopath/bin");
    // The environment's GOPATH wins over the file's.
    EXPECT_EQ(gobin_dir(env_of({{"GOENV", goenv}, {"GOPATH", "/e"}}), false), "/e/bin");
}

TEST(GobinDir, SkipsRelativeAndEmptyValuesAndTrailingSlashes) {
    EXPECT_EQ(gobin_dir(env_of({{"GOBIN", "bin"}, {"HOME", "/h"}}), false), "/h/go/bin");
    EXPECT_EQ(gobin_dir(env_of({{"GOBIN", ""}, {"GOPATH", ""}, {"HOME", "/h"}}), false),
              "/h/go/bin");
    EXPECT_EQ(gobin_dir(env_of({{"GOPATH", "rel:/abs"}, {"HOME", "/h"}}), false), "/h/go/bin");
    EXPECT_EQ(gobin_dir(env_of({{"GOBIN", "/opt/bin/"}}), false), "/opt/bin");
    EXPECT_EQ(gobin_dir(env_of({{"GOBIN", "/opt//x/../bin"}}), false), "/opt/bin");
    EXPECT_EQ(gobin_dir(env_of({{"HOME", "/h/"}}), false), "/h/go/bin");
}

} // namespace
} // namespace gover
