// PATH: another go before the shims, the shims missing from PATH, several gover binaries.
#include <gtest/gtest.h>

#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

using test::has;

TEST(DoctorPath, AGoEarlierOnPathShadowsTheShims) {
    DoctorScene scene;
    const auto fake_go = scene.tmp / "usr-local-go" / "bin";
    test::write_file(fake_go / "go", "#!/bin/sh\n", true);
    test::write_file(fake_go / "gofmt", "#!/bin/sh\n", true);
    scene.set_path({fake_go, scene.shims(), scene.tools});
    scene.startup(".zshrc",
                  "eval \"$(gover init zsh)\"\nexport PATH=" + fake_go.string() + ":$PATH\n");
    const auto found = DoctorScene::of(scene.diagnose(), "path-shadow");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].message, "go and gofmt in " + fake_go.string())) << found[0].message;
    EXPECT_TRUE(has(found[0].fix, (scene.home / ".zshrc").string() + ":2")) << found[0].fix;
    EXPECT_TRUE(has(found[0].fix, "take " + fake_go.string() + " off PATH"));
}

TEST(DoctorPath, OtherToolNamesFromTheShimsCountToo) {
    DoctorScene scene;
    test::write_file(scene.shims() / "go1.22.5", "", true);
    const auto other = scene.tmp / "gobin";
    test::write_file(other / "go1.22.5", "#!/bin/sh\n", true);
    scene.set_path({other, scene.shims(), scene.tools});
    const auto found = DoctorScene::of(scene.diagnose(), "path-shadow");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "go1.22.5"));
}

TEST(DoctorPath, AGoAfterTheShimsIsFine) {
    DoctorScene scene;
    const auto later = scene.tmp / "later";
    test::write_file(later / "go", "#!/bin/sh\n", true);
    scene.set_path({scene.shims(), later, scene.tools});
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "path-shadow").empty());
}

TEST(DoctorPath, ShimsNotOnPath) {
    DoctorScene scene;
    std::filesystem::remove(scene.home / ".zshrc");
    scene.set_path({scene.tools});
    auto found = DoctorScene::of(scene.diagnose(), "shims-path");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].fix, "eval \"$(gover init zsh)\"")) << found[0].fix;

    // Written with a trailing slash or through a link, it is still the shims directory.
    std::filesystem::create_directory_symlink(scene.gover_home, scene.tmp / "gover-link");
    scene.set_path({scene.tmp / "gover-link" / "shims", scene.tools});
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "shims-path").empty());
    scene.set_path({scene.shims().string() + "/", scene.tools});
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "shims-path").empty());
}

TEST(DoctorPath, SeveralGoverBinariesAndOneForAnotherArchitecture) {
    DoctorScene scene;
    const auto a = scene.tmp / "a";
    const auto b = scene.tmp / "b";
    test::write_file(a / "gover", test::elf_binary(test::k_elf_x86_64), true);
    test::write_file(b / "gover", test::elf_binary(test::k_elf_aarch64), true);
    std::filesystem::create_directories(scene.tmp / "c");
    std::filesystem::create_symlink(a / "gover", scene.tmp / "c" / "gover"); // same binary
    scene.set_path({scene.shims(), a, scene.tmp / "c", b, scene.tools});
    const auto found = DoctorScene::of(scene.diagnose(), "gover-path");
    ASSERT_EQ(found.size(), 2u) << DoctorScene::dump(found);
    EXPECT_TRUE(has(found[0].message, "2 gover binaries")) << found[0].message;
    EXPECT_TRUE(has(found[0].fix, "keep " + (a / "gover").string()));
    EXPECT_TRUE(has(found[1].message, "built for arm64")) << found[1].message;
    EXPECT_EQ(found[1].subject, (b / "gover").string());
}

} // namespace
} // namespace gover
