// Rosetta on Apple Silicon: gover or the shell translated, an x86_64-only login shell, and an
// Intel Homebrew ahead of the native one.
#include <gtest/gtest.h>

#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

using test::has;

TEST(DoctorRosetta, GoverItselfTranslated) {
    DoctorScene scene;
    scene.make_mac();
    scene.sys.host_info.facts.translated = true;
    scene.sys.host_info.facts.machine = "x86_64"; // what uname says under Rosetta
    test::MachoSpec intel;
    intel.cputype = test::k_cpu_x86_64;
    test::write_file(scene.tmp / "gover-intel", test::macho_binary(intel), true);
    scene.sys.host_info.self_exe = scene.tmp / "gover-intel";
    const auto found = DoctorScene::of(scene.diagnose(), "rosetta");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_EQ(found[0].subject, "gover");
    EXPECT_TRUE(has(found[0].fix, "arm64 build of gover")) << found[0].fix;
}

TEST(DoctorRosetta, TheShellTranslated) {
    DoctorScene scene;
    scene.make_mac();
    scene.sys.host_info.parent_translated = true;
    const auto found = DoctorScene::of(scene.diagnose(), "rosetta");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].subject, "shell");
    EXPECT_TRUE(has(found[0].fix, "arch -arm64"));
}

TEST(DoctorRosetta, AnIntelOnlyLoginShell) {
    DoctorScene scene;
    scene.make_mac();
    test::MachoSpec intel;
    intel.cputype = test::k_cpu_x86_64;
    scene.sys.map_path("/usr/local/bin", scene.tmp / "usr-local-bin");
    test::write_file(scene.tmp / "usr-local-bin" / "bash", test::macho_binary(intel), true);
    scene.sys.set("SHELL", "/usr/local/bin/bash");
    const auto found = DoctorScene::of(scene.diagnose(), "rosetta");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].subject, "SHELL");
    EXPECT_TRUE(has(found[0].message, "/usr/local/bin/bash is built for amd64 only"));
}

TEST(DoctorRosetta, NothingOnLinuxOrIntelMacs) {
    DoctorScene linux_scene;
    linux_scene.sys.host_info.facts.translated = true; // meaningless off macOS
    linux_scene.sys.host_info.parent_translated = true;
    EXPECT_TRUE(DoctorScene::of(linux_scene.diagnose(), "rosetta").empty());
    DoctorScene intel_mac;
    intel_mac.make_mac();
    intel_mac.sys.set_host("Darwin", "x86_64", std::nullopt, false);
    intel_mac.sys.host_info.parent_translated = true;
    EXPECT_TRUE(DoctorScene::of(intel_mac.diagnose(), "rosetta").empty());
}

TEST(DoctorRosetta, IntelHomebrewAheadOfTheNativeOne) {
    DoctorScene scene;
    scene.make_mac();
    scene.sys.map_path("/usr/local", scene.tmp / "usr-local");
    test::write_file(scene.tmp / "usr-local" / "bin" / "brew", "#!/bin/sh\n", true);
    scene.startup(".zprofile", "eval \"$(/opt/homebrew/bin/brew shellenv)\"\n");
    scene.set_path({scene.shims(), "/usr/local/bin", "/opt/homebrew/bin", scene.tools});
    auto found = DoctorScene::of(scene.diagnose(), "homebrew-intel");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].fix, (scene.home / ".zprofile").string() + ":1")) << found[0].fix;

    scene.set_path({scene.shims(), "/opt/homebrew/bin", "/usr/local/bin", scene.tools});
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "homebrew-intel").empty());

    // Without an Intel Homebrew, /usr/local/bin first is just /usr/local/bin.
    std::filesystem::remove(scene.tmp / "usr-local" / "bin" / "brew");
    scene.set_path({scene.shims(), "/usr/local/bin", "/opt/homebrew/bin", scene.tools});
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "homebrew-intel").empty());
}

} // namespace
} // namespace gover
