// Selection as doctor sees it, through the real lib/core selection: pins that cannot run,
// nothing pinned, and a go.mod needing more than the pin gives.
#include <gtest/gtest.h>

#include "core/selection.hpp"
#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

using test::has;

class DoctorSelection : public ::testing::Test {
  protected:
    DoctorSelection() { scene.sys.selection_override.reset(); }
    DoctorScene scene;
};

TEST_F(DoctorSelection, PinnedButNotInstalled) {
    scene.sys.set("GOVER_VERSION", "go1.21.0");
    const auto found = DoctorScene::of(scene.diagnose(), "pin-missing");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_TRUE(has(found[0].message, "GOVER_VERSION")) << found[0].message;
    EXPECT_EQ(found[0].fix, "gover install 1.21.0");
    EXPECT_EQ(found[0].repair.kind, doctor::Repair::Kind::install);
    ASSERT_TRUE(found[0].repair.request);
    EXPECT_EQ(install_spec(*found[0].repair.request), "1.21.0");
}

TEST_F(DoctorSelection, ALanguageVersionPinInstallsTheSeries) {
    test::write_file(scene.work / ".go-version", "1.22\n");
    const auto found = DoctorScene::of(scene.diagnose(), "pin-missing");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, (scene.work / ".go-version").string() + ":1"))
        << found[0].message;
    EXPECT_EQ(found[0].fix, "gover install 1.22");
}

TEST_F(DoctorSelection, APinFileWithoutAVersionNamesPathAndLine) {
    test::write_file(scene.work / ".tool-versions", "# tools\nnodejs 20.1.0\ngolang banana\n");
    const auto found = DoctorScene::of(scene.diagnose(), "pin-invalid");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_TRUE(has(found[0].message, (scene.work / ".tool-versions").string() + ":3"))
        << found[0].message;
    EXPECT_FALSE(found[0].fix.empty());
}

TEST_F(DoctorSelection, NothingPinnedIsInfo) {
    const auto found = DoctorScene::of(scene.diagnose(), "pin-none");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_EQ(found[0].fix, "gover use latest --global");
}

TEST_F(DoctorSelection, SelectedAndInstalledIsQuiet) {
    scene.add_version("1.22.5");
    scene.link_shims();
    test::write_file(scene.gover_home / "global", "1.22.5\n");
    scene.sys.set("GOVER_TEST_VERSION", "1.22.5");
    const auto findings = scene.diagnose();
    EXPECT_TRUE(DoctorScene::of(findings, "pin-missing").empty());
    EXPECT_TRUE(DoctorScene::of(findings, "pin-none").empty());
    EXPECT_TRUE(DoctorScene::of(findings, "probe").empty()) << DoctorScene::dump(findings);
}

TEST_F(DoctorSelection, AModuleNeedingANewerGoThanThePin) {
    scene.add_version("1.22.5");
    test::write_file(scene.work / ".go-version", "1.22.5\n");
    test::write_file(scene.work / "go.mod", "module example.com/m\n\ngo 1.23\n");
    auto found = DoctorScene::of(scene.diagnose(), "module-toolchain");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_TRUE(has(found[0].message, (scene.work / "go.mod").string() + ":3")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "go.mod requires go >= 1.23.0"));
    EXPECT_EQ(found[0].fix, "gover install 1.23.0");

    scene.sys.set("GOTOOLCHAIN", "auto");
    found = DoctorScene::of(scene.diagnose(), "module-toolchain");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "downloads")) << found[0].message;
    scene.sys.vars.erase("GOTOOLCHAIN");

    scene.add_version("1.23.2");
    found = DoctorScene::of(scene.diagnose(), "module-toolchain");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_TRUE(has(found[0].message, "go1.23.2")) << found[0].message;
}

TEST_F(DoctorSelection, AModuleTheSelectionMeetsIsQuiet) {
    scene.add_version("1.22.5");
    test::write_file(scene.work / ".go-version", "1.22.5\n");
    test::write_file(scene.work / "go.mod", "module m\ngo 1.21\ntoolchain go1.22.1\n");
    EXPECT_TRUE(DoctorScene::of(scene.diagnose(), "module-toolchain").empty());
}

} // namespace
} // namespace gover
