// `go env -w` settings, read from the file Go itself would read.
#include <gtest/gtest.h>

#include "gover/doctor/go_env_file.hpp"
#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

TEST(DoctorGoEnvFile, ParsesAsGoDoes) {
    const auto settings = doctor::parse_go_env(
        "GOPROXY=https://proxy.example\n# comment\n\nlower=x\n=novalue\nGOFLAGS=-a=b\r\n"
        "GOPROXY=direct\nNOEQUALS\nGOARCH=");
    ASSERT_EQ(settings.size(), 3u);
    EXPECT_EQ(settings[0].name, "GOPROXY");
    EXPECT_EQ(settings[0].value, "direct"); // the last line of a key wins
    EXPECT_EQ(settings[0].line, 7);
    EXPECT_EQ(settings[1].name, "GOFLAGS");
    EXPECT_EQ(settings[1].value, "-a=b");
    EXPECT_EQ(settings[1].line, 6);
    EXPECT_EQ(settings[2].name, "GOARCH");
    EXPECT_EQ(settings[2].value, "");
}

TEST(DoctorGoEnvFile, LocationFollowsGoenvXdgAndMacos) {
    DoctorScene scene;
    auto& sys = scene.sys;
    EXPECT_EQ(doctor::go_env_file_path(sys, "linux"), scene.home / ".config" / "go" / "env");
    EXPECT_EQ(doctor::go_env_file_path(sys, "darwin"),
              scene.home / "Library" / "Application Support" / "go" / "env");
    sys.set("XDG_CONFIG_HOME", "/xdg");
    EXPECT_EQ(doctor::go_env_file_path(sys, "linux"), std::filesystem::path("/xdg/go/env"));
    sys.set("XDG_CONFIG_HOME", "relative");
    EXPECT_FALSE(doctor::go_env_file_path(sys, "linux"));
    sys.set("GOENV", "/custom/env");
    EXPECT_EQ(doctor::go_env_file_path(sys, "darwin"), std::filesystem::path("/custom/env"));
    sys.set("GOENV", "off");
    EXPECT_FALSE(doctor::go_env_file_path(sys, "linux"));
}

TEST(DoctorGoEnvFile, SeveritiesFollowTheContract) {
    DoctorScene scene;
    const auto file = scene.tmp / "goenv";
    test::write_file(file, "GOPROXY=https://corp.example\nGOROOT=/old/go\nGOTOOLCHAIN=auto\n"
                           "GOFLAGS=-mod=mod\nCGO_ENABLED=0\nGOOS=linux\nGOARCH=arm64\n");
    scene.sys.set("GOENV", file.string());
    const auto found = DoctorScene::of(scene.diagnose(), "go-env-file");
    ASSERT_EQ(found.size(), 7u) << DoctorScene::dump(found);
    std::map<std::string, doctor::Finding> by;
    for (const auto& f : found) {
        by[f.subject] = f;
    }
    EXPECT_EQ(by["GOROOT"].severity, Severity::error);
    EXPECT_EQ(by["GOOS"].severity, Severity::error);
    EXPECT_EQ(by["GOARCH"].severity, Severity::error);
    EXPECT_EQ(by["GOTOOLCHAIN"].severity, Severity::warning);
    EXPECT_EQ(by["GOFLAGS"].severity, Severity::warning);
    EXPECT_EQ(by["CGO_ENABLED"].severity, Severity::warning);
    EXPECT_EQ(by["GOPROXY"].severity, Severity::info);
    EXPECT_NE(by["GOROOT"].message.find(file.string() + ":2"), std::string::npos)
        << by["GOROOT"].message;
    EXPECT_NE(by["GOROOT"].message.find("GOROOT=/old/go"), std::string::npos);
    EXPECT_EQ(by["GOROOT"].fix.rfind("run `go env -u GOROOT`", 0), 0u) << by["GOROOT"].fix;
    EXPECT_EQ(by["GOROOT"].repair.kind, doctor::Repair::Kind::go_env_unset);
    EXPECT_EQ(by["GOROOT"].repair.old_value, "/old/go");
    EXPECT_EQ(by["GOPROXY"].repair.kind, doctor::Repair::Kind::none);
}

TEST(DoctorGoEnvFile, TheMacLocationIsRead) {
    DoctorScene scene;
    scene.make_mac();
    test::write_file(scene.home / "Library" / "Application Support" / "go" / "env",
                     "GOARCH=amd64\n");
    const auto found = DoctorScene::of(scene.diagnose(), "go-env-file");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].subject, "GOARCH");
    EXPECT_EQ(found[0].severity, Severity::error);
}

TEST(DoctorGoEnvFile, NoFileNoFindings) {
    DoctorScene scene;
    scene.sys.set("GOENV", (scene.tmp / "missing").string());
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "go-env-file").empty());
}

} // namespace
} // namespace gover
