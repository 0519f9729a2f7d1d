// cgo: a C compiler for the target, or none.
#include <gtest/gtest.h>

#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

using test::has;

TEST(DoctorCgo, NoCompiler) {
    DoctorScene scene;
    std::filesystem::remove(scene.tools / "gcc");
    const auto found = DoctorScene::of(scene.diagnose(), "cgo-compiler");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].message, "`gcc` is not on PATH")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "turns cgo off")) << found[0].message;
    EXPECT_TRUE(has(found[0].fix, "apt-get install gcc")) << found[0].fix;
}

TEST(DoctorCgo, NoCommandLineToolsOnAMac) {
    DoctorScene scene;
    scene.make_mac();
    // macOS's /usr/bin/clang exists but fails until the command line tools are installed.
    test::write_file(scene.tools / "clang",
                     "#!/bin/sh\necho 'xcrun: error: invalid active developer path' >&2\nexit 1\n",
                     true);
    const auto found = DoctorScene::of(scene.diagnose(), "cgo-compiler");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "does not run")) << found[0].message;
    EXPECT_TRUE(has(found[0].fix, "xcode-select --install")) << found[0].fix;
}

TEST(DoctorCgo, ACompilerForAnotherArchitecture) {
    DoctorScene scene;
    test::write_file(scene.tools / "aarch64-linux-gnu-gcc", "#!/bin/sh\necho aarch64-linux-gnu\n",
                     true);
    scene.sys.set("CC", "aarch64-linux-gnu-gcc -O2");
    scene.sys.set("CGO_ENABLED", "1");
    const auto found = DoctorScene::of(scene.diagnose(), "cgo-compiler");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "targets aarch64-linux-gnu (arm64)")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "Go builds for amd64"));
    // Cross-compiling on purpose: GOARCH says arm64, the compiler fits.
    scene.sys.set("GOARCH", "arm64");
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "cgo-compiler").empty());
}

TEST(DoctorCgo, AppleClangIsGivenTheArchitectureByGo) {
    DoctorScene scene;
    scene.make_mac();
    test::write_file(scene.tools / "clang", "#!/bin/sh\necho x86_64-apple-darwin23.5.0\n", true);
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "cgo-compiler").empty());
    // A Homebrew gcc built for Intel is not.
    test::write_file(scene.tools / "gcc-13", "#!/bin/sh\necho x86_64-apple-darwin22\n", true);
    scene.sys.set("CC", "gcc-13");
    EXPECT_EQ(DoctorScene::of(scene.diagnose(), "cgo-compiler").size(), 1u);
}

TEST(DoctorCgo, CgoOffInTheGoEnvFileNeedsNoCompiler) {
    DoctorScene scene;
    std::filesystem::remove(scene.tools / "gcc");
    test::write_file(scene.tmp / "goenv", "CGO_ENABLED=0\n");
    scene.sys.set("GOENV", (scene.tmp / "goenv").string());
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "cgo-compiler").empty());
}

} // namespace
} // namespace gover
