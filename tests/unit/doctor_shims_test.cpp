// Shims: missing, pointing at nothing, and bin/gover-shim older than the shipped shim.
#include <gtest/gtest.h>

#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

using test::has;

TEST(DoctorShims, CompleteShimsAreQuiet) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    scene.link_shims();
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "shims").empty());
}

TEST(DoctorShims, AnInstalledToolWithoutAShim) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    scene.link_shims();
    test::write_file(scene.gover_home / "versions" / "1.22.5" / "bin" / "vet", "#!/bin/sh\n", true);
    std::filesystem::remove(scene.shims() / "go1.22.5");
    const auto found = DoctorScene::of(scene.diagnose(), "shims");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].message, "2 installed tool(s)")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "go1.22.5, vet")) << found[0].message;
    EXPECT_EQ(found[0].repair.kind, doctor::Repair::Kind::refresh_shims);
    EXPECT_EQ(found[0].fix, "gover doctor --fix (regenerates the shims)");
}

TEST(DoctorShims, ShimsPointingAtNothing) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    scene.link_shims();
    // A version uninstalled behind gover's back left its go1.21.0 shim; another points nowhere.
    std::filesystem::create_symlink("../bin/gover-shim", scene.shims() / "go1.21.0");
    std::filesystem::remove(scene.shims() / "gofmt");
    std::filesystem::create_symlink("/nowhere/gover-shim", scene.shims() / "gofmt");
    test::write_file(scene.shims() / "README", "not a shim"); // not gover's: ignored
    const auto found = DoctorScene::of(scene.diagnose(), "shims");
    ASSERT_EQ(found.size(), 1u) << DoctorScene::dump(found);
    EXPECT_TRUE(has(found[0].message, "2 shim(s)")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "go1.21.0, gofmt")) << found[0].message;
}

TEST(DoctorShims, TheShimCopyMissingOrOlderThanTheShippedOne) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    scene.link_shims();
    const auto shipped = scene.tmp / "libexec" / "gover-shim";
    test::write_file(shipped, "#!/bin/sh\n# a newer shim\n", true);
    scene.sys.shipped_shim = shipped;
    auto found = DoctorScene::of(scene.diagnose(), "shims");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "differs from the shim this gover ships"))
        << found[0].message;

    std::filesystem::copy_file(shipped, scene.gover_home / "bin" / "gover-shim",
                               std::filesystem::copy_options::overwrite_existing);
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "shims").empty());

    std::filesystem::remove(scene.gover_home / "bin" / "gover-shim");
    found = DoctorScene::of(scene.diagnose(), "shims");
    ASSERT_FALSE(found.empty());
    EXPECT_TRUE(has(found.back().message, "is missing")) << DoctorScene::dump(found);
}

TEST(DoctorShims, NothingInstalledNothingToShim) {
    DoctorScene scene;
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "shims").empty());
}

} // namespace
} // namespace gover
