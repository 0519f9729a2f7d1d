// Exported variables: GOROOT, GOTOOLCHAIN, GOFLAGS, CGO_ENABLED, GOOS/GOARCH.
#include <gtest/gtest.h>

#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

using test::has;

TEST(DoctorEnvironment, GorootPointingNowhereIsAnErrorNamingTheStartupLine) {
    DoctorScene scene;
    const auto rc =
        scene.startup(".zshrc", "# go\nexport GOROOT=/nowhere/go\neval \"$(gover init zsh)\"\n");
    scene.sys.set("GOROOT", "/nowhere/go");
    const auto found = DoctorScene::of(scene.diagnose(), "env-goroot");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_TRUE(has(found[0].message, "/nowhere/go")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "does not exist"));
    EXPECT_TRUE(has(found[0].fix, rc.string() + ":2")) << found[0].fix;
    EXPECT_TRUE(has(found[0].fix, "unset GOROOT")) << found[0].fix;
}

TEST(DoctorEnvironment, GorootOfAnotherToolchainIsAnError) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    scene.add_version("1.21.0");
    scene.link_shims();
    scene.select("1.22.5");
    scene.sys.set("GOROOT", (scene.gover_home / "versions" / "1.21.0").string());
    const auto found = DoctorScene::of(scene.diagnose(), "env-goroot");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_TRUE(has(found[0].message, "versions/1.22.5")) << found[0].message;
    // No startup file sets it: the fix says so instead of naming a line.
    EXPECT_TRUE(has(found[0].fix, "unset GOROOT")) << found[0].fix;
}

TEST(DoctorEnvironment, GorootExportedRightIsStillAWarning) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    scene.link_shims();
    scene.select("1.22.5");
    scene.sys.set("GOROOT", (scene.gover_home / "versions" / "1.22.5/").string());
    const auto found = DoctorScene::of(scene.diagnose(), "env-goroot");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
}

TEST(DoctorEnvironment, FishUsersGetFishSyntax) {
    DoctorScene scene;
    scene.sys.set("SHELL", "/usr/bin/fish");
    scene.sys.set("GOFLAGS", "-mod=vendor");
    const auto found = DoctorScene::of(scene.diagnose(), "env-goflags");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].message, "GOFLAGS=-mod=vendor"));
    EXPECT_TRUE(has(found[0].fix, "set -e GOFLAGS")) << found[0].fix;
}

TEST(DoctorEnvironment, GotoolchainValuesThatLetGoPickAnotherToolchain) {
    for (const std::string value :
         {"auto", "local+auto", "go1.21.0+auto", "go1.22.5", "go1.22.5+path", "bogus"}) {
        DoctorScene scene;
        scene.sys.set("GOTOOLCHAIN", value);
        const auto found = DoctorScene::of(scene.diagnose(), "env-gotoolchain");
        ASSERT_EQ(found.size(), 1u) << value;
        EXPECT_EQ(found[0].severity, Severity::warning);
        EXPECT_TRUE(has(found[0].message, "GOTOOLCHAIN=" + value));
        EXPECT_TRUE(has(found[0].fix, "unset GOTOOLCHAIN"));
    }
    for (const std::string value : {"local", "path", "local+path", ""}) {
        DoctorScene scene;
        scene.sys.set("GOTOOLCHAIN", value);
        EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "env-gotoolchain").empty()) << value;
    }
}

TEST(DoctorEnvironment, CgoEnabledExportedEitherWay) {
    for (const std::string value : {"0", "1"}) {
        DoctorScene scene;
        scene.sys.set("CGO_ENABLED", value);
        const auto found = DoctorScene::of(scene.diagnose(), "env-cgo-enabled");
        ASSERT_EQ(found.size(), 1u) << value;
        EXPECT_EQ(found[0].severity, Severity::warning);
        EXPECT_TRUE(has(found[0].message, value == "0" ? "fail to build" : "cross-compiler"));
    }
}

TEST(DoctorEnvironment, GoosGoarchOnlyWhenNotTheHost) {
    DoctorScene scene;
    scene.make_mac();
    scene.sys.set("GOOS", "darwin");
    scene.sys.set("GOARCH", "amd64");
    scene.startup(".zprofile", "export GOARCH=amd64\n");
    const auto found = DoctorScene::of(scene.diagnose(), "env-goos-goarch");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(found);
    EXPECT_EQ(found[0].subject, "GOARCH");
    EXPECT_TRUE(has(found[0].message, "arm64 machine"));
    EXPECT_TRUE(has(found[0].fix, ".zprofile:1")) << found[0].fix;

    DoctorScene linux_scene;
    linux_scene.sys.set("GOOS", "windows");
    linux_scene.sys.set("GOARCH", "amd64");
    const auto linux_found = DoctorScene::of(linux_scene.diagnose(), "env-goos-goarch");
    ASSERT_EQ(linux_found.size(), 1u);
    EXPECT_EQ(linux_found[0].subject, "GOOS");
}

} // namespace
} // namespace gover
