// The probe: `go env GOVERSION GOROOT GOARCH` through PATH, compared with the selection.
#include <gtest/gtest.h>

#include "support/binary_headers.hpp"
#include "support/doctor_scene.hpp"

namespace gover {
namespace {

using doctor::Severity;
using test::DoctorScene;

using test::has;

void healthy(DoctorScene& scene) {
    scene.add_version("1.22.5");
    scene.link_shims();
    scene.select("1.22.5");
}

TEST(DoctorProbe, AnotherGoReallyRuns) {
    DoctorScene scene;
    healthy(scene);
    const auto other = scene.tmp / "other" / "bin";
    test::write_file(other / "go", "#!/bin/sh\nprintf 'go1.21.0\\n/usr/local/go\\namd64\\n'\n",
                     true);
    scene.set_path({other, scene.shims(), scene.tools});
    const auto found = DoctorScene::of(scene.diagnose(), "probe");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_TRUE(has(found[0].message, "GOVERSION is go1.21.0")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "GOROOT is /usr/local/go")) << found[0].message;
    EXPECT_FALSE(has(found[0].message, "GOARCH is")) << found[0].message;
    EXPECT_TRUE(has(found[0].message, "Go 1.22.5 (/p/.go-version:1)")) << found[0].message;
    EXPECT_TRUE(has(found[0].fix, "take " + other.string() + " off PATH")) << found[0].fix;
}

TEST(DoctorProbe, ABrokenToolchain) {
    DoctorScene scene;
    scene.add_version("1.22.5", "amd64", "#!/bin/sh\necho 'go: cannot find GOROOT' >&2\nexit 2\n");
    scene.link_shims();
    scene.select("1.22.5");
    const auto found = DoctorScene::of(scene.diagnose(), "probe");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "failed with exit status 2: go: cannot find GOROOT"))
        << found[0].message;
}

TEST(DoctorProbe, NoGoOnPathAtAll) {
    DoctorScene scene;
    healthy(scene);
    scene.set_path({scene.tools});
    const auto found = DoctorScene::of(scene.diagnose(), "probe");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "no go could be started")) << found[0].message;
    EXPECT_TRUE(has(found[0].fix, "gover init")) << found[0].fix;
}

TEST(DoctorProbe, ATimeoutIsReported) {
    DoctorScene scene;
    healthy(scene);
    scene.sys.commands =
        [](const std::vector<std::string>& argv) -> std::optional<doctor::CommandResult> {
        if (argv[0] != "go") {
            return std::nullopt;
        }
        doctor::CommandResult r;
        r.started = true;
        r.timed_out = true;
        return r;
    };
    const auto found = DoctorScene::of(scene.diagnose(), "probe");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "did not finish")) << found[0].message;
}

// Go answering as it does on a Mac, without a Mac.
void answer_go(DoctorScene& scene, const std::string& output) {
    scene.sys.commands =
        [output](const std::vector<std::string>& argv) -> std::optional<doctor::CommandResult> {
        if (argv[0] != "go") {
            return std::nullopt;
        }
        doctor::CommandResult r;
        r.started = true;
        r.exit_code = 0;
        r.out = output;
        return r;
    };
}

TEST(DoctorProbe, AnIntelGoOnAnAppleSiliconMacReportsGoarch) {
    DoctorScene scene;
    scene.make_mac();
    healthy(scene);
    answer_go(scene,
              "go1.22.5\n" + (scene.gover_home / "versions" / "1.22.5").string() + "\namd64\n");
    const auto found = DoctorScene::of(scene.diagnose(), "probe");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(has(found[0].message, "GOARCH is amd64, not arm64")) << found[0].message;
}

TEST(DoctorProbe, AToolchainSwitchForTheModuleIsNotAMismatch) {
    DoctorScene scene;
    scene.add_version("1.22.5");
    scene.add_version("1.23.2");
    scene.link_shims();
    scene.sys.selection_override.reset(); // the real selection, with a module
    test::write_file(scene.work / ".go-version", "1.22.5\n");
    test::write_file(scene.work / "go.mod", "module m\n\ngo 1.23.0\n");
    answer_go(scene,
              "go1.23.2\n" + (scene.gover_home / "versions" / "1.23.2").string() + "\namd64\n");
    const auto findings = scene.diagnose();
    EXPECT_TRUE(DoctorScene::of(findings, "probe").empty()) << DoctorScene::dump(findings);
    EXPECT_EQ(DoctorScene::of(findings, "module-toolchain").size(), 1u);
}

TEST(DoctorProbe, NotRunWhenNothingCanRunByDesign) {
    DoctorScene scene; // nothing pinned
    bool probed = false;
    scene.sys.commands =
        [&probed](const std::vector<std::string>& argv) -> std::optional<doctor::CommandResult> {
        probed = probed || argv[0] == "go";
        return std::nullopt;
    };
    scene.diagnose();
    EXPECT_FALSE(probed);
}

} // namespace
} // namespace gover
