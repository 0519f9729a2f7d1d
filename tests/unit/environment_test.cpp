// The one seam for what gover reads from its process (lib/core/environment.hpp): every
// from_env() reads only the lookup it is given, so these tests never touch the real environment.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>

#include "core/environment.hpp"
#include "core/layout.hpp"
#include "core/selection.hpp"
#include "gover/net/http.hpp"
#include "gover/source/mirror.hpp"
#include "gover/source/source_choice.hpp"
#include "support/temp_dir.hpp"

namespace {

using gover::EnvLookup;
using gover::ErrorCode;

EnvLookup fake(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
        const auto it = vars.find(name);
        return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

TEST(Environment, LayoutReadsGoverHomeThenHome) {
    auto layout = gover::Layout::from_env(fake({{"GOVER_HOME", "/g"}, {"HOME", "/h"}}));
    ASSERT_TRUE(layout) << layout.error().message;
    EXPECT_EQ(layout->home(), "/g");
    layout = gover::Layout::from_env(fake({{"GOVER_HOME", ""}, {"HOME", "/h"}}));
    ASSERT_TRUE(layout) << layout.error().message;
    EXPECT_EQ(layout->home(), "/h/.gover");
    layout = gover::Layout::from_env(fake({{"GOVER_HOME", "rel"}}));
    ASSERT_FALSE(layout);
    EXPECT_EQ(layout.error().code, ErrorCode::usage);
    EXPECT_NE(layout.error().message.find("GOVER_HOME is not an absolute path: rel"),
              std::string::npos)
        << layout.error().message;
    layout = gover::Layout::from_env(fake({}));
    ASSERT_FALSE(layout);
    EXPECT_EQ(layout.error().message, "neither GOVER_HOME nor HOME is set");
}

TEST(Environment, SelectionTakesItsVariablesAndPwdFromTheLookup) {
    gover::test::TempDir dir;
    const auto env = gover::SelectionEnv::from_env(
        gover::Layout("/g"), fake({{"GOVER_VERSION", "1.22.5"}, {"GOWORK", "off"}}));
    EXPECT_EQ(env.gover_version, "1.22.5");
    EXPECT_EQ(env.gowork, "off");
    const auto unset = gover::SelectionEnv::from_env(gover::Layout("/g"), fake({}));
    EXPECT_FALSE(unset.gover_version);
    EXPECT_FALSE(unset.gowork);
    // A PWD that is not the working directory is not believed: getcwd names it instead.
    const auto cwd = gover::current_directory(fake({{"PWD", dir.path().string()}}));
    ASSERT_TRUE(cwd);
    EXPECT_NE(*cwd, dir.path().string());
    EXPECT_EQ(cwd, gover::current_directory(fake({})));
    // One that names it through a symlink is (the logical path, as cmd/go walks it).
    std::filesystem::create_directory(dir.path() / "real");
    std::filesystem::create_directory_symlink("real", dir.path() / "link");
    ASSERT_EQ(::chdir((dir.path() / "real").c_str()), 0);
    const auto logical = gover::current_directory(fake({{"PWD", (dir.path() / "link").string()}}));
    const auto physical = gover::current_directory(fake({}));
    ASSERT_EQ(::chdir(cwd->c_str()), 0);
    EXPECT_EQ(logical, (dir.path() / "link").string());
    EXPECT_EQ(physical, std::filesystem::canonical(dir.path() / "real").string());
}

TEST(Environment, SourceKindAndMirror) {
    EXPECT_EQ(gover::source_kind_from_env(fake({})), gover::SourceKind::mirror);
    EXPECT_EQ(gover::source_kind_from_env(fake({{"GOVER_SOURCE", "goproxy"}})),
              gover::SourceKind::goproxy);
    const auto bogus = gover::source_kind_from_env(fake({{"GOVER_SOURCE", "bogus"}}));
    ASSERT_FALSE(bogus);
    EXPECT_EQ(bogus.error().message, "GOVER_SOURCE 'bogus' is not a source");
    EXPECT_EQ(gover::Mirror::from_env(fake({})).base_url(), "https://go.dev/dl/");
    EXPECT_EQ(gover::Mirror::from_env(fake({{"GOVER_MIRROR", "https://m.example/go/"}})).base_url(),
              "https://m.example/go/");
}

TEST(Environment, TransferSettings) {
    auto s = gover::TransferSettings::from_env(fake({{"SSL_CERT_FILE", "/ca.pem"},
                                                     {"CURL_CA_BUNDLE", "/bundle.pem"},
                                                     {"GOVER_INSECURE", "1"},
                                                     {"GOVER_CONNECT_TIMEOUT", "7"},
                                                     {"GOVER_LOW_SPEED_TIME", "-3"}}));
    EXPECT_EQ(s.ca_file, "/ca.pem");
    EXPECT_TRUE(s.allow_http);
    EXPECT_EQ(s.connect_timeout_seconds, 7);
    EXPECT_EQ(s.low_speed_time_seconds, gover::TransferSettings{}.low_speed_time_seconds);
    s = gover::TransferSettings::from_env(fake(
        {{"SSL_CERT_FILE", ""}, {"CURL_CA_BUNDLE", "/bundle.pem"}, {"GOVER_INSECURE", "yes"}}));
    EXPECT_EQ(s.ca_file, "/bundle.pem");
    EXPECT_FALSE(s.allow_http);
}

} // namespace
